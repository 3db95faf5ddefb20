import { InputError } from '../../errors';
import { classificationMetrics, confusionMatrix } from '../../metrics/classification';
import {
  BINARY_METRICS,
  higherIsBetter,
  isMetricName,
  REGRESSION_METRICS,
  SCORE_METRICS,
} from '../../metrics/names';
import { regressionMetrics } from '../../metrics/regression';
import { getOwn, setOwn } from '../../own-keys';
import {
  BOOTSTRAP_METRICS,
  type BootstrapModel,
  type DeltaInterval,
  pairedBootstrap,
} from '../../stats/bootstrap';
import { mcnemarTest } from '../../stats/mcnemar';
import { pairedRegressionBootstrap } from '../../stats/regression-bootstrap';
import { rankScores, type ScoreRanking } from '../../stats/sort';
import { checkMetricGate, type Gate } from './gates';
import type { GateResult, MetricComparison, SliceResult } from './input';
import type { MetricsFile } from './metrics-file';
import { metricNote } from './notes';
import type { ClassificationColumns, PredictionsFile, RegressionColumns } from './predictions';

/** One side of the comparison: predictions (metrics computed here, paired statistics possible) or metrics. */
export type Side =
  | { kind: 'predictions'; predictions: PredictionsFile }
  | { kind: 'metrics'; metrics: MetricsFile };

export type SliceComparison = SliceResult;

export interface Comparison {
  data: { digest: string | null; rows: number | null; same: boolean | null };
  metrics: Record<string, MetricComparison>;
  /** Why a metric is null on a side, or how an ill-defined value was counted (see metricNote). */
  notes: Record<string, string>;
  slices: SliceComparison[];
  gates: GateResult[];
  confusion?: { classes: string[]; matrix: number[][] };
  mcnemar?: { b: number; c: number; pValue: number; method: string };
}

export interface CompareOptions {
  resamples: number;
  confidence: number;
  seed?: number;
  allowDifferentData: boolean;
  /**
   * Why there is no baseline although one was asked for (a registry alias nobody holds yet): the relative gates
   * (max_drop, max_drop_pct, non_inferior, mcnemar) are skipped with this reason; the absolute ones apply.
   */
  noBaseline?: string;
}

const relativeRules: ReadonlySet<Gate['rule']['kind']> = new Set([
  'max_drop',
  'max_drop_pct',
  'non_inferior',
  'mcnemar',
]);

type Columns = ClassificationColumns | RegressionColumns;
type Values = Record<string, number | null>;

/** The metrics of one set of columns, with the reasons for nulls and warnings. */
function metricsOf(
  columns: Columns,
  scoreRanking?: ScoreRanking,
): { values: Values; reasons: Record<string, string> } {
  if (columns.task === 'regression') {
    const { values, reasons } = regressionMetrics(columns);
    return { values: { ...values }, reasons: { ...reasons } as Record<string, string> };
  }
  const { values, reasons } = classificationMetrics({
    labels: columns.labels,
    predictions: columns.predictions,
    classes: columns.classes,
    ...(columns.scores ? { scores: columns.scores } : {}),
    ...(columns.positive === undefined ? {} : { positive: columns.positive }),
    ...(scoreRanking ? { scoreRanking } : {}),
  });
  return { values: { ...values } as Values, reasons: { ...reasons } as Record<string, string> };
}

/** The rows of one slice, as columns of their own. */
function subset(columns: Columns, rows: Int32Array): Columns {
  const pick = <A extends Int32Array | Float64Array>(array: A): A => {
    const out = new (array.constructor as new (n: number) => A)(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = array[rows[i] as number] as number;
    return out;
  };
  if (columns.task === 'regression')
    return { task: 'regression', actual: pick(columns.actual), predicted: pick(columns.predicted) };
  return {
    ...columns,
    labels: pick(columns.labels),
    predictions: pick(columns.predictions),
    ...(columns.scores ? { scores: pick(columns.scores) } : {}),
  };
}

/** Both sides' classification columns over one class list (the union, in np.unique order of the candidate's kind). */
function alignClasses(
  a: ClassificationColumns,
  b: ClassificationColumns,
): [ClassificationColumns, ClassificationColumns] {
  if (a.classes.length === b.classes.length && a.classes.every((c, i) => c === b.classes[i])) return [a, b];
  const numeric = [...a.classes, ...b.classes].every((c) => c.trim() !== '' && Number.isFinite(Number(c)));
  const classes = [...new Set([...a.classes, ...b.classes])].sort(
    numeric ? (x, y) => Number(x) - Number(y) : (x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)),
  );
  const index = new Map(classes.map((c, i) => [c, i]));
  const remap = (columns: ClassificationColumns): ClassificationColumns => {
    const to = columns.classes.map((c) => index.get(c) as number);
    return {
      ...columns,
      classes,
      labels: columns.labels.map((code) => to[code] as number),
      predictions: columns.predictions.map((code) => to[code] as number),
      ...(columns.positive === undefined ? {} : { positive: to[columns.positive] as number }),
    };
  };
  return [remap(a), remap(b)];
}

/** The side's data digest (labels in row order), when it has one. */
export function digestOf(side: Side): string | undefined {
  return side.kind === 'predictions' ? side.predictions.dataDigest : side.metrics.dataDigest;
}

function nameOf(side: Side): string {
  return side.kind === 'predictions' ? side.predictions.file : side.metrics.file;
}

/**
 * Compares the candidate with the baseline: metrics on both sides, deltas, bootstrap intervals of the deltas
 * when both sides are predictions of the same rows, per-slice metrics, and the gates' verdicts.
 */
export function compare(
  candidate: Side,
  baseline: Side | undefined,
  gates: readonly Gate[],
  options: CompareOptions,
): Comparison {
  const candidateDigest = digestOf(candidate);
  const baselineDigest = baseline ? digestOf(baseline) : undefined;
  let same: boolean | null = null;
  if (baseline) {
    same = candidateDigest !== undefined && candidateDigest === baselineDigest;
    if (!same && !options.allowDifferentData) {
      const why =
        candidateDigest === undefined || baselineDigest === undefined
          ? `${candidateDigest === undefined ? nameOf(candidate) : nameOf(baseline)} does not say which data it was evaluated on`
          : `${nameOf(candidate)} was evaluated on ${candidateDigest.slice(0, 19)}…, ${nameOf(baseline)} on ${baselineDigest.slice(0, 19)}…`;
      throw new InputError(
        `baseline: the candidate and the baseline must be evaluated on the same data: ${why} (allow-different-data compares anyway)`,
      );
    }
  }

  const notes: Record<string, string> = {};
  // Each model's scores are ranked once, for its metrics on all rows and for the bootstrap.
  const rankings = new Map<Float64Array, ScoreRanking>();
  const rankingOf = (side: Side): ScoreRanking | undefined => {
    const columns = side.kind === 'predictions' ? side.predictions.columns : undefined;
    if (columns?.task !== 'classification') return undefined;
    const { scores, labels } = columns;
    const positive = columns.positive ?? (columns.classes.length === 2 ? 1 : undefined);
    // The scores are in [0, 1]: readPredictions refused any other.
    if (positive === undefined || !scores) return undefined;
    const ranking = rankScores(scores, labels, positive);
    rankings.set(scores, ranking);
    return ranking;
  };
  const sideValues = (side: Side, label: string): Values => {
    if (side.kind === 'metrics') return { ...side.metrics.metrics };
    const { values, reasons } = metricsOf(side.predictions.columns, rankingOf(side));
    for (const [name, reason] of Object.entries(reasons)) notes[name] ??= `${label}: ${metricNote(reason)}`;
    return values;
  };
  const candidateValues = sideValues(candidate, 'candidate');
  const baselineValues = baseline ? sideValues(baseline, 'baseline') : {};

  // Paired statistics need the same rows on both sides, as predictions.
  let paired: [Columns, Columns] | undefined;
  if (candidate.kind === 'predictions' && baseline?.kind === 'predictions' && same) {
    const a = candidate.predictions.columns;
    const b = baseline.predictions.columns;
    if (a.task === 'classification' && b.task === 'classification') paired = alignClasses(a, b);
    else if (a.task === b.task) paired = [a, b];
  }
  const intervals = paired
    ? bootstrapIntervals(paired, Object.keys(candidateValues), options, notes, rankings)
    : {};

  const metrics = compareMetrics(
    [...new Set([...Object.keys(candidateValues), ...Object.keys(baselineValues)])],
    candidateValues,
    baselineValues,
    intervals,
  );

  const slices: SliceComparison[] = [];
  const sliceRows = new Map<SliceComparison, Int32Array>();
  if (candidate.kind === 'predictions') {
    const baselineColumns = paired?.[1];
    for (const slice of candidate.predictions.slices) {
      slice.values.forEach((value, code) => {
        const rows = indexesOf(slice.codes, code);
        const mine = metricsOf(subset(paired?.[0] ?? candidate.predictions.columns, rows)).values;
        const theirs = baselineColumns ? metricsOf(subset(baselineColumns, rows)).values : {};
        const compared = compareMetrics(Object.keys(mine), mine, theirs, {});
        const entry = { column: slice.column, value, rows: rows.length, metrics: compared };
        slices.push(entry);
        sliceRows.set(entry, rows);
      });
    }
  }

  let mcnemar: Comparison['mcnemar'];
  const results: GateResult[] = [];
  for (const gate of gates) {
    if (options.noBaseline !== undefined && relativeRules.has(gate.rule.kind)) {
      results.push({ metric: gate.metric, rule: gate.text, status: 'skipped', message: options.noBaseline });
      continue;
    }
    const targets: { slice?: SliceComparison; metrics: Record<string, MetricComparison> }[] = gate.slice
      ? slices.filter((slice) => matches(gate, slice)).map((slice) => ({ slice, metrics: slice.metrics }))
      : [{ metrics }];
    if (gate.slice && targets.length === 0) {
      results.push({
        metric: gate.metric,
        rule: gate.text,
        status: 'failed',
        message: `no slice matches ${gate.text}`,
      });
      continue;
    }
    for (const target of targets) {
      const where = target.slice ? `${target.slice.column}=${target.slice.value}` : undefined;
      const base = { metric: gate.metric, rule: gate.text, ...(where ? { slice: where } : {}) };
      if (gate.rule.kind === 'mcnemar') {
        const verdict = mcnemarGate(gate.rule.alpha, paired, target.slice && sliceRows.get(target.slice));
        if (!target.slice && verdict.test) mcnemar = verdict.test;
        results.push({ ...base, status: verdict.status, message: verdict.message });
        continue;
      }
      const value = target.metrics[gate.metric];
      const verdict = checkMetricGate(gate, {
        candidate: value?.candidate,
        baseline: value?.baseline,
        interval: value?.ci ?? null,
        higherIsBetter: isMetricName(gate.metric) ? higherIsBetter(gate.metric) : true,
      });
      results.push({
        ...base,
        status: verdict.status,
        message: where ? `${where}: ${verdict.message}` : verdict.message,
      });
    }
  }

  const rows = candidate.kind === 'predictions' ? candidate.predictions.rows : null;
  const columns =
    paired?.[0] ?? (candidate.kind === 'predictions' ? candidate.predictions.columns : undefined);
  return {
    data: { digest: candidateDigest ?? null, rows, same },
    metrics,
    notes,
    slices,
    gates: results,
    ...(columns?.task === 'classification'
      ? { confusion: confusionMatrix(columns.labels, columns.predictions, columns.classes) }
      : {}),
    ...(mcnemar ? { mcnemar } : {}),
  };
}

/**
 * Each named metric of the candidate beside the baseline's, with its interval where there is one. Own keys only:
 * a metric named `__proto__` or `constructor` is a metric like any other.
 */
function compareMetrics(
  names: readonly string[],
  candidate: object,
  baseline: object,
  intervals: object,
): Record<string, MetricComparison> {
  const compared: Record<string, MetricComparison> = {};
  for (const name of names)
    setOwn(
      compared,
      name,
      comparison(
        getOwn(candidate, name) as number | null | undefined,
        getOwn(baseline, name) as number | null | undefined,
        getOwn(intervals, name) as [number, number] | undefined,
      ),
    );
  return compared;
}

function comparison(
  candidate: number | null | undefined,
  baseline: number | null | undefined,
  ci: [number, number] | undefined,
): MetricComparison {
  const c = candidate ?? null;
  const b = baseline ?? null;
  return { candidate: c, baseline: b, delta: c !== null && b !== null ? c - b : null, ci: ci ?? null };
}

function indexesOf(codes: Int32Array, code: number): Int32Array {
  let count = 0;
  for (const value of codes) if (value === code) count++;
  const rows = new Int32Array(count);
  let at = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i] === code) rows[at++] = i;
  return rows;
}

function matches(gate: Gate, slice: SliceComparison): boolean {
  const selector = gate.slice;
  if (!selector) return false;
  if (selector.kind === 'all') return true;
  if (selector.column !== slice.column) return false;
  return selector.kind === 'column' || selector.value === slice.value;
}

/** Paired bootstrap intervals of candidate − baseline for the metrics both sides have. */
function bootstrapIntervals(
  [candidate, baseline]: [Columns, Columns],
  names: readonly string[],
  options: CompareOptions,
  notes: Record<string, string>,
  rankings: ReadonlyMap<Float64Array, ScoreRanking>,
): Record<string, [number, number]> {
  const settings = {
    resamples: options.resamples,
    confidence: options.confidence,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  };
  let result: Record<string, DeltaInterval>;
  if (candidate.task === 'regression' && baseline.task === 'regression') {
    // Same evaluation data digest: the actual values are the same on both sides.
    result = pairedRegressionBootstrap({
      actual: candidate.actual,
      candidate: candidate.predicted,
      baseline: baseline.predicted,
      metrics: REGRESSION_METRICS.filter((name) => names.includes(name)),
      ...settings,
    });
  } else if (candidate.task === 'classification' && baseline.task === 'classification') {
    result = classificationIntervals(candidate, baseline, names, settings, rankings);
  } else return {};
  const intervals: Record<string, [number, number]> = {};
  for (const [name, interval] of Object.entries(result)) {
    if (interval.lo === null) notes[`${name} interval`] ??= interval.reason;
    else intervals[name] = [interval.lo, interval.hi];
  }
  return intervals;
}

function classificationIntervals(
  candidate: ClassificationColumns,
  baseline: ClassificationColumns,
  names: readonly string[],
  settings: { resamples: number; confidence: number; seed?: number },
  rankings: ReadonlyMap<Float64Array, ScoreRanking>,
): Record<string, DeltaInterval> {
  const scored = candidate.scores !== undefined && baseline.scores !== undefined;
  const wanted = BOOTSTRAP_METRICS.filter(
    (name) => names.includes(name) && (scored || !(SCORE_METRICS as readonly string[]).includes(name)),
  );
  const positive = candidate.positive ?? (candidate.classes.length === 2 ? 1 : undefined);
  const binary: readonly string[] = [...BINARY_METRICS, ...SCORE_METRICS];
  const metrics = wanted.filter((name) => positive !== undefined || !binary.includes(name));
  const model = ({ predictions, scores }: ClassificationColumns): BootstrapModel => {
    const scoreRanking = scores && rankings.get(scores);
    return {
      predictions,
      ...(scored ? { scores } : {}),
      ...(scored && scoreRanking ? { scoreRanking } : {}),
    };
  };
  return pairedBootstrap({
    labels: candidate.labels,
    classCount: candidate.classes.length,
    ...(positive === undefined ? {} : { positive }),
    candidate: model(candidate),
    baseline: model(baseline),
    metrics,
    ...settings,
  });
}

/** McNemar: the gate fails when the candidate makes significantly more errors than the baseline (p < alpha). */
function mcnemarGate(
  alpha: number,
  paired: [Columns, Columns] | undefined,
  rows: Int32Array | undefined,
): { status: 'passed' | 'failed'; message: string; test?: Comparison['mcnemar'] } {
  if (paired?.[0].task !== 'classification' || paired[1].task !== 'classification')
    return {
      status: 'failed',
      message: 'McNemar needs classification predictions of the same rows on both sides',
    };
  const [a, b] = paired;
  let onlyCandidate = 0;
  let onlyBaseline = 0;
  const count = rows ? rows.length : a.labels.length;
  for (let r = 0; r < count; r++) {
    const i = rows ? (rows[r] as number) : r;
    const right = a.predictions[i] === a.labels[i];
    const theirs = b.predictions[i] === b.labels[i];
    if (right && !theirs) onlyCandidate++;
    else if (!right && theirs) onlyBaseline++;
  }
  const test = mcnemarTest(onlyCandidate, onlyBaseline);
  const summary = `${onlyCandidate} rows right only for the candidate, ${onlyBaseline} only for the baseline, p = ${test.pValue.toPrecision(3)} (${test.method})`;
  const worse = onlyBaseline > onlyCandidate && test.pValue < alpha;
  return {
    status: worse ? 'failed' : 'passed',
    message: worse ? `the candidate makes significantly more errors: ${summary}` : summary,
    test: { b: onlyCandidate, c: onlyBaseline, pValue: test.pValue, method: test.method },
  };
}
