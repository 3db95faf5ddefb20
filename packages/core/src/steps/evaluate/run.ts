import { readFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { InputError } from '../../errors';
import { writeFileAtomic } from '../../io/atomic';
import { refuseSameFile } from '../../io/guard-paths';
import { requireRegularFile } from '../../io/read-input';
import { isMetricName, METRIC_NAMES, metricTask } from '../../metrics/names';
import { checkAliasName, checkModelName } from '../../registry/alias-move';
import { evidenceAttachment } from '../../registry/evidence';
import { aliasHolder, isNoHolder } from '../../registry/holder';
import {
  type Attachment,
  latestVersion,
  type ModelRegistry,
  type ModelVersion,
} from '../../registry/registry';
import { type ModelRef, parseModelRef, resolveModelRef } from '../../registry/version-ref';
import type { Check, StepReport } from '../../report/model';
import { statusOf } from '../../report/model';
import { stepReportFiles, writeStepReports } from '../../report/write';
import { DEFAULT_BOOTSTRAP_SEED } from '../../stats/bootstrap';
import type { StepEnvironment } from '../../step';
import { compare, digestOf, type Side } from './compare';
import { type Gate, parseGate } from './gates';
import type { EvaluateInput, EvaluateResult } from './input';
import { readMetricsFile } from './metrics-file';
import { readPredictions } from './predictions';
import { headlineOf, metricsText, renderReport } from './report';
import { readStoredSide, withName } from './stored-side';

const predictionsMediaTypes: Record<string, string> = {
  '.csv': 'text/csv',
  '.tsv': 'text/tab-separated-values',
  '.jsonl': 'application/x-ndjson',
  '.ndjson': 'application/x-ndjson',
  '.parquet': 'application/vnd.apache.parquet',
};
const fileNameAnnotation = 'dev.mlci.file.name';

/**
 * `registry:NAME@VERSION` or `registry:NAME@ALIAS`: the evaluation attached to that version. Its predictions
 * when they were kept (then the paired statistics work), else the metrics of its evaluate.json. With
 * rescore-command, the version's model is scored again when that evaluation was made on other data than the
 * candidate's (or is missing).
 */
async function readRegistrySide(
  source: string,
  input: EvaluateInput,
  environment: StepEnvironment,
  candidateDigest: string | undefined,
): Promise<Baseline> {
  const { model, version } = parseModelRef(
    source.slice('registry:'.length),
    'baseline',
  ) as Required<ModelRef>;
  const { openStepRegistry } = await import('../../registry/open');
  const registry = await openStepRegistry(input, environment);
  let found: ModelVersion;
  if (/^[0-9]+$/.test(version) || version === latestVersion)
    found = await registry.getVersion(model, version);
  else {
    // An alias nobody holds yet (the first pipeline, before any release) is no baseline, not an error: the
    // relative gates are skipped. A named version that does not exist is still an error.
    checkModelName(model);
    checkAliasName(version);
    const holder = await aliasHolder(registry, model, version);
    if (isNoHolder(holder)) {
      environment.logger.info(`baseline: ${holder.message}`);
      return { source, absent: `no baseline yet: ${model}@${version} has no holder` };
    }
    found = holder;
  }
  const label = version === found.version ? source : `${source} (version ${found.version})`;
  const latest = (kind: string) => found.attachments.filter((a) => a.kind === kind).at(-1);
  const stored = latest('predictions') ?? latest('evaluation');
  // found.version, not the alias, from here on: the alias may move while we read.
  const side =
    stored && (await readAttachmentSide(registry, model, found.version, stored, input, environment));
  if (input.rescoreCommand && (!side || digestOf(side) !== candidateDigest)) {
    const { rescoreBaseline } = await import('./rescore');
    const rescored = await rescoreBaseline(
      {
        command: input.rescoreCommand,
        registry,
        model,
        version: found.version,
        candidate: input.candidate,
        read: (file) => readSide(file, input, environment),
      },
      environment,
    );
    return {
      side: withName(rescored, `${label}, re-scored`),
      source: `${label}, re-scored on the current data`,
      version: { model, version: found.version, registry: registry.uri },
    };
  }
  if (!side)
    throw new InputError(
      `baseline: ${model} version ${found.version} in ${registry.uri} has no evaluation (evaluate it with attach-to ${model}@${found.version}, or give rescore-command)`,
    );
  return {
    side: withName(side, label),
    source: label,
    version: { model, version: found.version, registry: registry.uri },
  };
}

/** An attachment read through a file of its own name, named by its model version in messages. */
async function readAttachmentSide(
  registry: ModelRegistry,
  model: string,
  version: string,
  attachment: Attachment,
  input: EvaluateInput,
  environment: StepEnvironment,
): Promise<Side> {
  const fileName = attachment.annotations[fileNameAnnotation] ?? 'evaluate.json';
  return readStoredSide(
    fileName,
    await registry.readAttachment(model, version, attachment),
    `${basename(fileName)} of ${model} version ${version}`,
    (file) => readSide(file, input, environment),
  );
}

/**
 * A baseline as read, with where it came from and, for a registry: source, the version it resolved to; or, for a
 * registry: alias that no version holds yet, why there is none.
 */
type Baseline =
  | { side: Side; source: string; version?: { model: string; version: string; registry: string } }
  | { absent: string; source: string };

/** A side is a metrics JSON when its extension is .json; predictions otherwise (.csv, .tsv, .jsonl, .parquet). */
async function readSide(source: string, input: EvaluateInput, environment: StepEnvironment): Promise<Side> {
  if (extname(source).toLowerCase() === '.json')
    return { kind: 'metrics', metrics: await readMetricsFile(source, environment.cwd) };
  await requireRegularFile(resolve(environment.cwd, source), 'predictions', source);
  return {
    kind: 'predictions',
    predictions: await readPredictions(source, {
      cwd: environment.cwd,
      labelColumn: input.labelColumn,
      predictionColumn: input.predictionColumn,
      ...(input.scoreColumn ? { scoreColumn: input.scoreColumn } : {}),
      sliceColumns: input.sliceColumn,
      task: input.task,
      ...(input.positiveLabel ? { positiveLabel: input.positiveLabel } : {}),
      logger: environment.logger,
    }),
  };
}

/** The baseline and, for the report, where it came from (an alias resolved to its version). */
async function readBaseline(
  source: string,
  input: EvaluateInput,
  environment: StepEnvironment,
  candidate: Side,
): Promise<Baseline> {
  if (source.startsWith('registry:'))
    return readRegistrySide(source, input, environment, digestOf(candidate));
  if (input.rescoreCommand)
    throw new InputError(
      `rescore-command: needs a registry:NAME@VERSION baseline (the model it re-scores); baseline is '${source}'`,
    );
  if (source === 'target-branch' || source.startsWith('branch:')) {
    const { readBranchSide } = await import('./branch-baseline');
    return readBranchSide(source, input, environment, (file) => readSide(file, input, environment));
  }
  return { side: await readSide(source, input, environment), source };
}

/** The model version attach-to names (NAME alone: the one registered from this commit), found before any work. */
async function attachTarget(
  input: EvaluateInput,
  environment: StepEnvironment,
): Promise<{ registry: ModelRegistry; model: string; version: string }> {
  const ref = parseModelRef(input.attachTo as string, 'attach-to', { versionOptional: true });
  const { openStepRegistry } = await import('../../registry/open');
  const registry = await openStepRegistry(input, environment);
  const found = await resolveModelRef(registry, ref, { option: 'attach-to', ...environment });
  return { registry, model: found.model, version: found.version };
}

/** Stores the evaluation (and the candidate's predictions, for later paired comparisons) on the model version. */
async function attachEvaluation(
  { registry, model, version }: { registry: ModelRegistry; model: string; version: string },
  input: EvaluateInput,
  environment: StepEnvironment,
  result: EvaluateResult,
  json: string,
): Promise<string> {
  const annotations: Record<string, string> = result.data.digest
    ? { 'dev.mlci.data.digest': result.data.digest }
    : {};
  await registry.attach(
    model,
    version,
    evidenceAttachment('evaluation', Buffer.from(json), result.status, annotations),
  );
  const type = predictionsMediaTypes[extname(input.candidate).toLowerCase()];
  if (result.candidate.kind === 'predictions' && type)
    await registry.attach(model, version, {
      kind: 'predictions',
      mediaType: type,
      content: await readFile(resolve(environment.cwd, input.candidate)),
      annotations: { ...annotations, [fileNameAnnotation]: basename(input.candidate) },
    });
  return `${model} version ${version} in ${registry.uri}`;
}

/**
 * Gate metric names are checked against what the candidate has: a metrics file's keys, or the metrics of the task
 * its predictions were taken as. A metric of the other task says which task was chosen, why, and how to change it.
 */
function gatesOf(input: EvaluateInput, candidate: Side): Gate[] {
  if (candidate.kind === 'metrics') {
    const known = new Set(Object.keys(candidate.metrics.metrics));
    return input.gate.map((text) => parseGate(text, (name) => known.has(name)));
  }
  const task = candidate.predictions.task;
  const known = new Set<string>(METRIC_NAMES[task.name]);
  const isMetric = (name: string): boolean | string => {
    if (known.has(name)) return true;
    if (!isMetricName(name)) return false;
    const other = metricTask(name);
    return `${name} is a ${other} metric; this evaluation was taken as ${task.name} (${task.reason}); set --task ${other}`;
  };
  return input.gate.map((text) => parseGate(text, isMetric));
}

export async function runEvaluate(
  input: EvaluateInput,
  environment: StepEnvironment,
): Promise<StepReport<EvaluateResult>> {
  const outDir = resolve(environment.cwd, input.out);
  const report = stepReportFiles(outDir, 'evaluate');
  const baselineIsFile =
    input.baseline !== undefined &&
    !input.baseline.startsWith('registry:') &&
    !input.baseline.startsWith('branch:') &&
    input.baseline !== 'target-branch';
  await refuseSameFile(
    [report.json, report.markdown, report.junit, join(outDir, 'metrics.txt')].map((path) => ({
      option: 'out',
      path,
    })),
    [
      { option: 'candidate', path: input.candidate },
      ...(baselineIsFile ? [{ option: 'baseline', path: input.baseline as string }] : []),
    ],
    environment.cwd,
  );
  const target = input.attachTo === undefined ? undefined : await attachTarget(input, environment);
  // A baseline file is read while the candidate is: DuckDB scans one file on its threads while JavaScript takes
  // in the other. Its errors still come after the candidate's and the gates' (awaited in that order).
  const early =
    baselineIsFile && !input.rescoreCommand
      ? readSide(input.baseline as string, input, environment)
      : undefined;
  early?.catch(() => {});
  const candidate = await readSide(input.candidate, input, environment);
  const gates = gatesOf(input, candidate);
  if (input.rescoreCommand && input.baseline === undefined)
    throw new InputError('rescore-command: needs a registry:NAME@VERSION baseline (the model it re-scores)');
  const read =
    input.baseline === undefined
      ? undefined
      : early
        ? { side: await early, source: input.baseline }
        : await readBaseline(input.baseline, input, environment, candidate);
  const absent = read && 'absent' in read ? read.absent : undefined;
  const baseline = read && 'side' in read ? read.side : undefined;
  const seed = input.seed ?? DEFAULT_BOOTSTRAP_SEED;
  const comparison = compare(candidate, baseline, gates, {
    resamples: input.resamples,
    confidence: input.confidence,
    seed,
    allowDifferentData: input.allowDifferentData,
    ...(absent ? { noBaseline: absent } : {}),
  });
  const checks: Check[] = comparison.gates.map((gate) => ({
    name: gate.rule,
    ...(gate.slice ? { column: gate.slice } : {}),
    status: gate.status,
    severity: 'error',
    message: gate.message,
  }));
  const kind = (side: Side) => side.kind;
  const result: EvaluateResult = {
    step: 'evaluate',
    status: statusOf(checks),
    checks,
    candidate: { source: input.candidate, kind: kind(candidate) },
    baseline: !read
      ? null
      : 'absent' in read
        ? { source: read.source, kind: 'absent', reason: read.absent }
        : { source: read.source, kind: kind(read.side), ...(read.version ? { version: read.version } : {}) },
    ...(candidate.kind === 'predictions' ? { task: candidate.predictions.task } : {}),
    data: comparison.data,
    metrics: comparison.metrics,
    gates: comparison.gates,
    slices: comparison.slices,
    ...(comparison.confusion ? { confusion: comparison.confusion } : {}),
    ...(comparison.mcnemar ? { mcnemar: comparison.mcnemar } : {}),
    notes: comparison.notes,
    bootstrap: { resamples: input.resamples, confidence: input.confidence, seed },
  };
  if (target) {
    const where = await attachEvaluation(
      target,
      input,
      environment,
      result,
      `${JSON.stringify(result, null, 2)}\n`,
    );
    environment.logger.info(`evaluation attached to ${where}`);
    result.attachedTo = where;
  }
  const markdown = renderReport(result);
  const files = await writeStepReports(outDir, result, markdown);
  // GitLab's metrics report (shown on merge requests on paid tiers); harmless elsewhere.
  await writeFileAtomic(join(outDir, 'metrics.txt'), metricsText(result));
  const values = Object.fromEntries(Object.entries(result.metrics).map(([name, m]) => [name, m.candidate]));
  return {
    result,
    headline: headlineOf(result),
    markdown,
    outputs: {
      'gates-failed': String(result.gates.filter((gate) => gate.status === 'failed').length),
      'data-digest': result.data.digest ?? '',
      metrics: JSON.stringify(values),
    },
    files,
  };
}
