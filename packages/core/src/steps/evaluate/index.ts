import { extname, join, resolve } from 'node:path';
import { InputError } from '../../errors';
import { writeFileAtomic } from '../../io/atomic';
import { METRIC_NAMES } from '../../metrics/names';
import type { Check, StepReport } from '../../report/model';
import { statusOf } from '../../report/model';
import { writeStepReports } from '../../report/write';
import { DEFAULT_BOOTSTRAP_SEED } from '../../stats/bootstrap';
import { defineStep, type StepEnvironment } from '../../step';
import { compare, type Side } from './compare';
import { type Gate, parseGate } from './gates';
import { type EvaluateInput, type EvaluateResult, evaluateInput } from './input';
import { readMetricsFile } from './metrics-file';
import { readPredictions } from './predictions';
import { headlineOf, metricsText, renderReport } from './report';

export { checkMetricGate, type Gate, type GateRule, parseGate } from './gates';
export { type MetricsFile, readMetricsFile } from './metrics-file';
export { type PredictionsFile, readPredictions } from './predictions';

export const evaluateStep = defineStep({
  name: 'evaluate',
  summary:
    'Compare the candidate model with the baseline on the same data: metrics, intervals, slices, gates.',
  input: evaluateInput,
  outputs: {
    'gates-failed': 'How many gates failed.',
    'data-digest': 'Digest of the evaluation data (the true labels in row order).',
    metrics: "The candidate's metrics as JSON (name -> value).",
  },
  run: runEvaluate,
});

/** A side is a metrics JSON when its extension is .json; predictions otherwise (.csv, .tsv, .jsonl, .parquet). */
async function readSide(source: string, input: EvaluateInput, environment: StepEnvironment): Promise<Side> {
  if (source.startsWith('registry:'))
    throw new InputError(
      `baseline: '${source}': registry baselines come with promote's aliases (not yet available)`,
    );
  if (extname(source).toLowerCase() === '.json')
    return { kind: 'metrics', metrics: await readMetricsFile(source, environment.cwd) };
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

/** Gate metric names are checked against what the candidate has, else against every name mlci knows. */
function gatesOf(input: EvaluateInput, candidate: Side): Gate[] {
  const known = new Set<string>(
    candidate.kind === 'metrics'
      ? Object.keys(candidate.metrics.metrics)
      : METRIC_NAMES[candidate.predictions.columns.task],
  );
  return input.gate.map((text) => parseGate(text, (name) => known.has(name)));
}

async function runEvaluate(
  input: EvaluateInput,
  environment: StepEnvironment,
): Promise<StepReport<EvaluateResult>> {
  const outDir = resolve(environment.cwd, input.out);
  const candidate = await readSide(input.candidate, input, environment);
  const gates = gatesOf(input, candidate);
  const baseline =
    input.baseline === undefined ? undefined : await readSide(input.baseline, input, environment);
  const seed = input.seed ?? DEFAULT_BOOTSTRAP_SEED;
  const comparison = compare(candidate, baseline, gates, {
    resamples: input.resamples,
    confidence: input.confidence,
    seed,
    allowDifferentData: input.allowDifferentData,
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
    baseline: baseline && input.baseline ? { source: input.baseline, kind: kind(baseline) } : null,
    data: comparison.data,
    metrics: comparison.metrics,
    gates: comparison.gates,
    slices: comparison.slices,
    ...(comparison.confusion ? { confusion: comparison.confusion } : {}),
    ...(comparison.mcnemar ? { mcnemar: comparison.mcnemar } : {}),
    notes: comparison.notes,
    bootstrap: { resamples: input.resamples, confidence: input.confidence, seed },
  };
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
