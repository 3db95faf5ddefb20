#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  flattenParams
} from "./chunk-RSTIAPS5.mjs";
import {
  MlflowClient
} from "./chunk-FC4IMNRU.mjs";
import "./chunk-2GFZTZLN.mjs";
import "./chunk-Q2OW4E5W.mjs";
import "./chunk-7YFYVVS2.mjs";
import "./chunk-COETP6OK.mjs";
import "./chunk-C6XSGGFY.mjs";
import "./chunk-AQW5IZUH.mjs";

// packages/core/src/mlflow/tracking.ts
var trackingTags = {
  runName: "mlflow.runName",
  user: "mlflow.user",
  /** MLflow's values: NOTEBOOK, JOB, PROJECT, LOCAL, UNKNOWN. */
  sourceType: "mlflow.source.type",
  sourceName: "mlflow.source.name",
  gitCommit: "mlflow.source.git.commit",
  gitBranch: "mlflow.source.git.branch",
  gitRepoUrl: "mlflow.source.git.repoURL",
  runId: "mlci.run.id",
  inputsDigest: "mlci.inputs.digest",
  outputsDigest: "mlci.outputs.digest",
  cacheStatus: "mlci.cache.status"
};
async function logTrainingRun(options) {
  const client = new MlflowClient(options.uri, {
    env: options.env,
    logger: options.logger,
    retry: options.retry
  });
  const metrics = Object.entries(options.metrics).map(([key, value]) => ({
    key,
    value,
    timestamp: options.endTime,
    step: 0
  }));
  const tags = Object.entries({ ...options.tags, [trackingTags.runName]: options.runName }).map(
    ([key, value]) => ({
      key,
      value
    })
  );
  const batch = client.checkBatch({
    params: Object.entries(flattenParams(options.params)).map(([key, value]) => ({ key, value })),
    metrics,
    tags
  });
  const experiment = await client.getOrCreateExperiment(options.experiment);
  if (experiment.created) options.logger.info(`MLflow: created experiment "${options.experiment}"`);
  const run = await client.createRun({
    experimentId: experiment.experimentId,
    runName: options.runName,
    startTime: options.startTime
  });
  try {
    await client.logBatch(run.runId, batch);
    await client.updateRun(run.runId, { status: options.status, endTime: options.endTime });
  } catch (error) {
    await client.updateRun(run.runId, { status: "FAILED", endTime: options.endTime }, { retries: 0 }).catch(() => {
      options.logger.warn(`MLflow: run ${run.runId} could not be marked FAILED and may show as RUNNING`);
    });
    throw error;
  }
  return {
    experimentId: experiment.experimentId,
    runId: run.runId,
    url: client.runUrl(experiment.experimentId, run.runId)
  };
}
export {
  logTrainingRun,
  trackingTags
};
