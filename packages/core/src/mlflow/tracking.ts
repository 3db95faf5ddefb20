import type { RetryPolicy } from '../io/retry';
import type { Logger } from '../platform/platform';
import { MlflowClient, type MlflowMetric } from './client';
import { flattenParams } from './params';

/**
 * Run tag names: MLflow's reserved `mlflow.*` names where MLflow has one (mlflow/utils/mlflow_tags.py; the UI
 * shows them as the run's source, commit, user), `mlci.*` for mlci's lineage.
 */
export const trackingTags = {
  runName: 'mlflow.runName',
  user: 'mlflow.user',
  /** MLflow's values: NOTEBOOK, JOB, PROJECT, LOCAL, UNKNOWN. */
  sourceType: 'mlflow.source.type',
  sourceName: 'mlflow.source.name',
  gitCommit: 'mlflow.source.git.commit',
  gitBranch: 'mlflow.source.git.branch',
  gitRepoUrl: 'mlflow.source.git.repoURL',
  runId: 'mlci.run.id',
  inputsDigest: 'mlci.inputs.digest',
  outputsDigest: 'mlci.outputs.digest',
  cacheStatus: 'mlci.cache.status',
} as const;

export interface TrainingRunLog {
  /** `mlflow+http(s)://HOST[:PORT][/PATH]`. */
  uri: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Created when missing. */
  experiment: string;
  runName: string;
  /** Unix milliseconds. */
  startTime: number;
  endTime: number;
  status: 'FINISHED' | 'FAILED';
  /** Nested objects are flattened with dots; values that are not strings are logged as JSON text. */
  params: Record<string, unknown>;
  /** Logged at endTime, step 0. */
  metrics: Record<string, number>;
  tags: Record<string, string>;
  retry?: RetryPolicy;
}

export interface TrackedRun {
  experimentId: string;
  runId: string;
  /** The run in the MLflow UI, which MLflow serves at the tracking base URL: `<base>/#/experiments/<id>/runs/<id>`. */
  url: string;
}

/**
 * Logs one finished training run: the experiment (created once, then reused), a run, its params, metrics and
 * tags, then its status and end time. When logging fails after the run was created, the run is marked FAILED
 * (one attempt, best effort) so it does not stay RUNNING in the UI, and the error is thrown.
 */
export async function logTrainingRun(options: TrainingRunLog): Promise<TrackedRun> {
  const client = new MlflowClient(options.uri, {
    env: options.env,
    logger: options.logger,
    retry: options.retry,
  });
  const metrics: MlflowMetric[] = Object.entries(options.metrics).map(([key, value]) => ({
    key,
    value,
    timestamp: options.endTime,
    step: 0,
  }));
  // run_name on runs/create sets mlflow.runName; a different value in the tags would make MLflow refuse the run.
  const tags = Object.entries({ ...options.tags, [trackingTags.runName]: options.runName }).map(
    ([key, value]) => ({
      key,
      value,
    }),
  );
  // Checked before the first request, so a key MLflow refuses leaves no empty run behind.
  const batch = client.checkBatch({
    params: Object.entries(flattenParams(options.params)).map(([key, value]) => ({ key, value })),
    metrics,
    tags,
  });

  const experiment = await client.getOrCreateExperiment(options.experiment);
  if (experiment.created) options.logger.info(`MLflow: created experiment "${options.experiment}"`);
  const run = await client.createRun({
    experimentId: experiment.experimentId,
    runName: options.runName,
    startTime: options.startTime,
  });
  try {
    await client.logBatch(run.runId, batch);
    await client.updateRun(run.runId, { status: options.status, endTime: options.endTime });
  } catch (error) {
    await client
      .updateRun(run.runId, { status: 'FAILED', endTime: options.endTime }, { retries: 0 })
      .catch(() => {
        options.logger.warn(`MLflow: run ${run.runId} could not be marked FAILED and may show as RUNNING`);
      });
    throw error;
  }
  return {
    experimentId: experiment.experimentId,
    runId: run.runId,
    url: client.runUrl(experiment.experimentId, run.runId),
  };
}
