// biome-ignore-all lint/style/noNonNullAssertion: numeric kernels index typed arrays inside loop bounds
/**
 * Seeded paired bootstrap of classification metric deltas (candidate minus baseline, both models scored on
 * the same rows): percentile confidence intervals for the `non_inferior` gate of `mlci evaluate`.
 *
 * One resample draws n rows with replacement from the n rows; both models are scored on that resample and
 * the delta recorded. The interval is the (1 - confidence) / 2 and (1 + confidence) / 2 quantiles of the
 * deltas (numpy's default 'linear' quantile). Metric definitions are scikit-learn 1.2.1's, on weighted rows
 * (a row drawn k times has weight k), including its zero_division='warn' -> 0 rule. Each metric's interval
 * is a marginal one, so metrics may draw their resamples independently of each other; the two models of
 * one metric always share each resample (that is what makes it paired).
 *
 * How each metric is resampled (1,000,000 rows x 1000 resamples of all seven binary metrics: about a
 * second on one core, bench/evaluate):
 * - Counting metrics (accuracy, precision, recall, f1 and their macro/weighted forms) depend only on how
 *   many resampled rows fall in each (label, candidate prediction, baseline prediction) cell: 8 cells for a
 *   binary task. A resample's cell counts are Multinomial(n, cell sizes / n), drawn by conditional
 *   binomials. Exact: the same distribution as drawing rows.
 * - Score metrics (roc_auc, average_precision, log_loss), method 'exact': row weights are drawn per resample
 *   (n uniform row indexes) and the weighted metrics computed over each model's distinct scores: about 30 ns
 *   per row and resample while the rows fit in cache, 100 ns at a million rows (then 1000 resamples take
 *   about 100 s). 'auto' takes it up to EXACT_MAX_ROWS rows, and whenever the smaller class has fewer than
 *   LINEARIZED_MIN_CLASS_ROWS rows.
 * - Score metrics, method 'linearized', 'auto' above that: a resample's delta is replaced by its first-order
 *   expansion in the row weights, delta + sum_i (w_i - 1) x_i, x_i being row i's influence on the delta
 *   (d delta / d w_i at unit weights). For log_loss, a mean, that is exact. For roc_auc and
 *   average_precision the dropped second-order term is uncorrelated with the first-order one and has about
 *   sqrt(3 / m) of its standard deviation (m: rows of the smaller class; measured 4% at m = 2000 and 0.6% at
 *   m = 350,000), so it narrows the distribution by a factor sqrt(1 + 3 / m) and shifts the bounds through
 *   skewness by an amount of the same order: measured against row resampling (numpy and 'exact') within
 *   0.02-0.06 standard deviations from m = 400 on and within 0.1 at m = 200 (0.18 at m = 100), against the
 *   Monte-Carlo error of a bound from 1000 resamples of 0.085 standard deviations.
 *   `linearizationChecks` measures it on a run's own data.
 *   The sum over resampled rows of x is then drawn from groups of rows with similar x (see groupedSum): the
 *   group counts exactly (multinomial), the sum within each group by its normal approximation. That
 *   approximation only touches the within-group share of the variance, reported per metric
 *   (approximation.withinGroupVarianceShare: 3e-4 to 6e-4 on the benchmark's data, about 1e-2 when a class is
 *   rare), and each group is drawn hundreds to thousands of times at the sizes where this method is used.
 *
 * Determinism: resample r of a metric family draws from SeededRandom(seed, family, r), so the same seed
 * gives the same replicates bit for bit, whatever the number of resamples, their order or how they are
 * split between threads. All of it runs on one thread: at the benchmark's size it takes less than half the
 * time scikit-learn needs for the metrics once, and workers would add their start-up and copies.
 */

import {
  AVERAGED_METRICS,
  type AveragedMetricName,
  BINARY_METRICS,
  type BinaryMetricName,
  SCORE_METRICS,
  type ScoreMetricName,
} from '../metrics/names';
import { SeededRandom } from './random';
import { matches, rankScores, type ScoreRanking, sortFloat64InPlace } from './sort';

const { abs, floor, log, max, min, sqrt } = Math;

/** The metrics whose value is a function of the confusion counts: resampled exactly, through them. */
export type CountingMetric = 'accuracy' | BinaryMetricName | AveragedMetricName;
export type ScoreMetric = ScoreMetricName;
export type BootstrapMetric = CountingMetric | ScoreMetric;

const COUNTING_METRICS: ReadonlySet<string> = new Set<CountingMetric>([
  'accuracy',
  ...BINARY_METRICS,
  ...AVERAGED_METRICS,
]);
/** Every metric pairedBootstrap takes. */
export const BOOTSTRAP_METRICS: readonly BootstrapMetric[] = [
  ...(COUNTING_METRICS as ReadonlySet<CountingMetric>),
  ...SCORE_METRICS,
];
const BINARY_COUNTING: ReadonlySet<string> = new Set(BINARY_METRICS);

export interface BootstrapModel {
  /** Predicted class of each row, an index into the classes. */
  predictions: Int32Array;
  /** Probability of the positive class for each row, in [0, 1] (binary score metrics only). */
  scores?: Float64Array;
  /**
   * The scores ranked (rankScores of these scores, the labels and the positive class), when the caller has them
   * already: the metrics on all rows and the bootstrap then sort the scores once. Ranked here otherwise.
   */
  scoreRanking?: ScoreRanking;
}

export type ScoreBootstrapMethod = 'exact' | 'linearized';

export interface PairedBootstrapInput<M extends BootstrapMetric> {
  /** True class of each row, an index into the classes (the same classes for labels and both models). */
  labels: Int32Array;
  /** How many classes the indexes refer to. */
  classCount: number;
  /**
   * Index of the positive class: required by precision, recall, f1 and the score metrics, which need at
   * most two classes present in the labels and both models' predictions.
   */
  positive?: number;
  candidate: BootstrapModel;
  baseline: BootstrapModel;
  metrics: readonly M[];
  /** Default DEFAULT_RESAMPLES (1000). */
  resamples?: number;
  /** Default DEFAULT_CONFIDENCE (0.95). */
  confidence?: number;
  /** An unsigned 32-bit integer. Default DEFAULT_BOOTSTRAP_SEED. */
  seed?: number;
  /** For the score metrics; 'auto' (the default) picks by size, see the module comment. */
  method?: ScoreBootstrapMethod | 'auto';
  /** Return each metric's resampled deltas too, NaN where the metric is undefined (tests, diagnostics). */
  keepReplicates?: boolean;
  /** Row-level resamples on which a linearized interval measures its linearization. Default LINEARIZATION_CHECKS. */
  linearizationChecks?: number;
}

export interface BootstrapApproximation {
  /** Groups of rows the influence values were split into. */
  groups: number;
  /** Share of the influence variance inside groups, the part drawn from a normal approximation. */
  withinGroupVarianceShare: number;
  /** Row-level resamples on which the linearization was measured. */
  checkResamples: number;
  /** Largest |exact delta - linearized delta| over those resamples, in the metric's units (null: none run). */
  linearizationError: number | null;
}

export type DeltaInterval =
  | {
      lo: number;
      hi: number;
      /** The delta on all rows, as computed here (the metrics module's point estimate up to rounding). */
      delta: number;
      method: 'exact' | 'linearized';
      /** Resamples on which the metric was defined (roc_auc is not on a resample with one class). */
      resamples: number;
      approximation?: BootstrapApproximation;
      replicates?: Float64Array;
    }
  | { lo: null; hi: null; reason: string };

export const DEFAULT_RESAMPLES = 1000;
export const DEFAULT_CONFIDENCE = 0.95;
/** The seed when none is given: fixed, so that a gate gives the same verdict on every run. */
export const DEFAULT_BOOTSTRAP_SEED = 20261127;
/** 'auto' resamples score metrics row by row up to this many rows (0.6 s for 1000 resamples here). */
export const EXACT_MAX_ROWS = 20_000;
/**
 * ... and whenever the smaller class has fewer rows than this: below it the linearization's error grows past
 * the Monte-Carlo error of 1000 resamples; above, row resampling would cost up to minutes for no gain.
 */
export const LINEARIZED_MIN_CLASS_ROWS = 200;
/** About how many groups the linearized method compresses the rows into (the cost of a resample). */
export const LINEARIZED_GROUPS = 256;
/** By default none: the checks cost as many row-level resamples; tests and the benchmark turn them on. */
export const LINEARIZATION_CHECKS = 0;

/** Random stream per metric family: changing one family's draws never changes another's. */
const STREAM = { counting: 1, rows: 2, roc_auc: 3, average_precision: 4, log_loss: 5, check: 6 } as const;

/** scikit-learn 1.2.1 log_loss clips probabilities to [eps, 1 - eps], eps = np.finfo(float64).eps. */
const LOG_LOSS_EPS = 2.220446049250313e-16;

export function pairedBootstrap<M extends BootstrapMetric>(
  input: PairedBootstrapInput<M>,
): Record<M, DeltaInterval> {
  const resamples = input.resamples ?? DEFAULT_RESAMPLES;
  const confidence = input.confidence ?? DEFAULT_CONFIDENCE;
  const seed = input.seed ?? DEFAULT_BOOTSTRAP_SEED;
  validate(input, resamples, confidence, seed);
  const result = {} as Record<M, DeltaInterval>;
  const keep = input.keepReplicates === true;
  const quantiles = [(1 - confidence) / 2, 1 - (1 - confidence) / 2] as const;

  const counting = input.metrics.filter((m) => COUNTING_METRICS.has(m)) as CountingMetric[];
  const binaryProblem = binaryProblemOf(input);
  const runnableCounting: CountingMetric[] = [];
  for (const metric of counting) {
    const reason = BINARY_COUNTING.has(metric) ? binaryProblem : undefined;
    if (reason) result[metric as M] = { lo: null, hi: null, reason: `${metric}: ${reason}` };
    else runnableCounting.push(metric);
  }
  if (runnableCounting.length > 0) {
    const replicates = countingReplicates(input, runnableCounting, resamples, seed);
    for (const [metric, values] of replicates) {
      result[metric as M] = intervalOf(values.deltas, values.delta, 'exact', quantiles, keep);
    }
  }

  const scoreMetrics = SCORE_METRICS.filter((m) => input.metrics.includes(m as M));
  if (scoreMetrics.length > 0) {
    const problem = binaryProblem ?? scoreProblem(input);
    const runnable: ScoreMetric[] = [];
    for (const metric of scoreMetrics) {
      const reason = problem ?? (metric === 'roc_auc' ? aucProblem(input) : undefined);
      if (reason) result[metric as M] = { lo: null, hi: null, reason: `${metric}: ${reason}` };
      else runnable.push(metric);
    }
    if (runnable.length > 0) {
      const scored = scoreReplicates(input, runnable, resamples, seed);
      for (const [metric, values] of scored) {
        const interval = intervalOf(values.deltas, values.delta, values.method, quantiles, keep);
        if (interval.lo !== null && values.approximation) interval.approximation = values.approximation;
        result[metric as M] =
          interval.lo === null ? { lo: null, hi: null, reason: `${metric}: ${interval.reason}` } : interval;
      }
    }
  }
  return result;
}

function validate(
  input: PairedBootstrapInput<BootstrapMetric>,
  resamples: number,
  confidence: number,
  seed: number,
): void {
  const n = input.labels.length;
  if (n === 0) throw new RangeError('bootstrap: there are no rows');
  if (!Number.isSafeInteger(resamples) || resamples < 1)
    throw new RangeError(`bootstrap: resamples must be a positive integer, got ${resamples}`);
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`bootstrap: confidence must be between 0 and 1, got ${confidence}`);
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new RangeError(`bootstrap: seed must be an integer from 0 to 2^32 - 1, got ${seed}`);
  const checks = input.linearizationChecks ?? 0;
  if (!Number.isSafeInteger(checks) || checks < 0)
    throw new RangeError(`bootstrap: linearizationChecks must be a non-negative integer, got ${checks}`);
  const k = input.classCount;
  if (!Number.isSafeInteger(k) || k < 1)
    throw new RangeError(`bootstrap: classCount must be positive, got ${k}`);
  if (
    input.positive !== undefined &&
    !(Number.isInteger(input.positive) && input.positive >= 0 && input.positive < k)
  )
    throw new RangeError(`bootstrap: positive class ${input.positive} is not one of the ${k} classes`);
  for (const metric of input.metrics) {
    if (!COUNTING_METRICS.has(metric) && !SCORE_METRICS.includes(metric as ScoreMetric))
      throw new RangeError(`bootstrap: unknown metric '${metric}'`);
  }
  const codes: [string, Int32Array][] = [
    ['labels', input.labels],
    ['candidate predictions', input.candidate.predictions],
    ['baseline predictions', input.baseline.predictions],
  ];
  for (const [name, values] of codes) {
    if (values.length !== n) throw new RangeError(`bootstrap: ${n} labels but ${values.length} ${name}`);
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (v < 0 || v >= k)
        throw new RangeError(`bootstrap: ${name} row ${i} is class ${v}, not one of ${k} classes`);
    }
  }
  for (const [name, scores] of [
    ['candidate', input.candidate.scores],
    ['baseline', input.baseline.scores],
  ] as const) {
    if (!scores) continue;
    if (scores.length !== n)
      throw new RangeError(`bootstrap: ${n} labels but ${scores.length} ${name} scores`);
    for (let i = 0; i < n; i++) {
      const s = scores[i]!;
      if (!(s >= 0 && s <= 1))
        throw new RangeError(`bootstrap: ${name} score at row ${i} is ${s}, not in [0, 1]`);
    }
  }
}

/**
 * Why binary metrics cannot be computed, or undefined. As scikit-learn's average='binary' (and the metrics
 * module), what counts is the classes present in the labels and the predictions, not the class list.
 */
function binaryProblemOf(input: PairedBootstrapInput<BootstrapMetric>): string | undefined {
  const present = new Set<number>();
  for (const codes of [input.labels, input.candidate.predictions, input.baseline.predictions]) {
    for (let i = 0; i < codes.length && present.size <= 2; i++) present.add(codes[i]!);
  }
  if (present.size > 2)
    return `${present.size} classes in the labels and predictions: a binary metric needs two (scikit-learn raises for average='binary')`;
  if (input.positive === undefined) return 'no positive class given';
  return undefined;
}

function scoreProblem(input: PairedBootstrapInput<BootstrapMetric>): string | undefined {
  if (!input.candidate.scores && !input.baseline.scores) return 'needs scores and neither model has them';
  if (!input.candidate.scores) return 'needs scores and the candidate has none';
  if (!input.baseline.scores) return 'needs scores and the baseline has none';
  return undefined;
}

/** roc_auc_score raises "Only one class present in y_true" (scikit-learn 1.2.1): no interval either. */
function aucProblem(input: PairedBootstrapInput<BootstrapMetric>): string | undefined {
  const positive = input.positive!;
  let positives = 0;
  for (let i = 0; i < input.labels.length; i++) if (input.labels[i] === positive) positives++;
  if (positives === 0 || positives === input.labels.length)
    return 'only one class in the labels, ROC AUC is not defined';
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Percentile intervals

function intervalOf(
  deltas: Float64Array,
  delta: number,
  method: 'exact' | 'linearized',
  [qLo, qHi]: readonly [number, number],
  keep: boolean,
): DeltaInterval {
  // NaN marks a resample on which the metric is undefined; the interval is over the others.
  const defined = sortFloat64InPlace(deltas.filter((d) => !Number.isNaN(d)));
  if (defined.length === 0)
    return { lo: null, hi: null, reason: 'undefined on every resample (each has a single class)' };
  const interval: DeltaInterval = {
    lo: quantileSorted(defined, qLo),
    hi: quantileSorted(defined, qHi),
    delta,
    method,
    resamples: defined.length,
  };
  if (keep) interval.replicates = deltas;
  return interval;
}

/** numpy.quantile(values, q) with its default method 'linear' (numpy 1.24 `_lerp`), on sorted values. */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const virtual = (n - 1) * q;
  const previous = min(max(floor(virtual), 0), n - 1);
  const next = min(previous + 1, n - 1);
  const gamma = virtual - previous;
  const a = sorted[previous]!;
  const b = sorted[next]!;
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

// ---------------------------------------------------------------------------------------------------------
// Counting metrics: multinomial over (label, candidate prediction, baseline prediction) cells

interface Replicates {
  deltas: Float64Array;
  delta: number;
}

function countingReplicates(
  input: PairedBootstrapInput<BootstrapMetric>,
  metrics: readonly CountingMetric[],
  resamples: number,
  seed: number,
): Map<CountingMetric, Replicates> {
  const k = input.classCount;
  const n = input.labels.length;
  const { labels } = input;
  const candidate = input.candidate.predictions;
  const baseline = input.baseline.predictions;
  // Occupied cells only: at most min(n, k^3) of them. A dense table while it is small, else a map.
  const cellCounts = new Map<number, number>();
  if (k * k * k <= 65536) {
    const dense = new Float64Array(k * k * k);
    for (let i = 0; i < n; i++) dense[(labels[i]! * k + candidate[i]!) * k + baseline[i]!]!++;
    dense.forEach((count, key) => {
      if (count > 0) cellCounts.set(key, count);
    });
  } else {
    for (let i = 0; i < n; i++) {
      const key = (labels[i]! * k + candidate[i]!) * k + baseline[i]!;
      cellCounts.set(key, (cellCounts.get(key) ?? 0) + 1);
    }
  }
  const keys = [...cellCounts.keys()].sort((a, b) => a - b);
  const cells = keys.length;
  const counts = new Float64Array(cells);
  const candidateCell = new Int32Array(cells); // index into a k x k confusion matrix
  const baselineCell = new Int32Array(cells);
  for (let j = 0; j < cells; j++) {
    const key = keys[j]!;
    const label = floor(key / (k * k));
    counts[j] = cellCounts.get(key)!;
    candidateCell[j] = label * k + (floor(key / k) % k);
    baselineCell[j] = label * k + (key % k);
  }

  const candidateConfusion = new Float64Array(k * k);
  const baselineConfusion = new Float64Array(k * k);
  const fill = (drawn: ArrayLike<number>) => {
    candidateConfusion.fill(0);
    baselineConfusion.fill(0);
    for (let j = 0; j < cells; j++) {
      candidateConfusion[candidateCell[j]!]! += drawn[j]!;
      baselineConfusion[baselineCell[j]!]! += drawn[j]!;
    }
  };
  const scorers = metrics.map((metric) => countingScorer(metric, k, input.positive ?? 0));
  const out = new Map<CountingMetric, Replicates>();
  fill(counts);
  metrics.forEach((metric, m) => {
    const score = scorers[m]!;
    out.set(metric, {
      deltas: new Float64Array(resamples),
      delta: score(candidateConfusion) - score(baselineConfusion),
    });
  });
  const drawn = new Float64Array(cells);
  const deltaArrays = metrics.map((metric) => out.get(metric)!.deltas);
  for (let r = 0; r < resamples; r++) {
    new SeededRandom(seed, STREAM.counting, r).multinomial(n, counts, drawn);
    fill(drawn);
    for (let m = 0; m < metrics.length; m++) {
      const score = scorers[m]!;
      deltaArrays[m]![r] = score(candidateConfusion) - score(baselineConfusion);
    }
  }
  return out;
}

/**
 * The metric from a k x k confusion matrix (row = true class, column = predicted), scikit-learn 1.2.1:
 * precision is 0 without predicted positives and recall 0 without actual ones (zero_division='warn');
 * f1 = 2 tp / (2 tp + fp + fn), 0 when that is 0 / 0; macro averages over the classes present in the labels
 * or the predictions (unique_labels); weighted averages by true support.
 */
function countingScorer(
  metric: CountingMetric,
  k: number,
  positive: number,
): (confusion: Float64Array) => number {
  const predicted = new Float64Array(k);
  const actual = new Float64Array(k);
  const margins = (confusion: Float64Array) => {
    predicted.fill(0);
    actual.fill(0);
    let total = 0;
    for (let t = 0; t < k; t++) {
      for (let p = 0; p < k; p++) {
        const v = confusion[t * k + p]!;
        actual[t]! += v;
        predicted[p]! += v;
        total += v;
      }
    }
    return total;
  };
  const perClass = (kind: 'precision' | 'recall' | 'f1', confusion: Float64Array, c: number) => {
    const tp = confusion[c * k + c]!;
    const denominator =
      kind === 'precision' ? predicted[c]! : kind === 'recall' ? actual[c]! : predicted[c]! + actual[c]!;
    if (denominator === 0) return 0;
    return kind === 'f1' ? (2 * tp) / denominator : tp / denominator;
  };
  if (metric === 'accuracy') {
    return (confusion) => {
      let correct = 0;
      let total = 0;
      for (let c = 0; c < k; c++) correct += confusion[c * k + c]!;
      for (let i = 0; i < k * k; i++) total += confusion[i]!;
      return correct / total;
    };
  }
  const [kind, average] = metric.split('_') as [
    'precision' | 'recall' | 'f1',
    'macro' | 'weighted' | undefined,
  ];
  if (average === undefined) {
    return (confusion) => {
      margins(confusion);
      return perClass(kind, confusion, positive);
    };
  }
  return (confusion) => {
    const total = margins(confusion);
    let sum = 0;
    let present = 0;
    for (let c = 0; c < k; c++) {
      if (average === 'macro') {
        if (actual[c]! === 0 && predicted[c]! === 0) continue;
        present++;
        sum += perClass(kind, confusion, c);
      } else if (actual[c]! > 0) {
        sum += perClass(kind, confusion, c) * actual[c]!;
      }
    }
    return average === 'macro' ? sum / present : sum / total;
  };
}

// ---------------------------------------------------------------------------------------------------------
// Score metrics

/** One model's rows grouped by distinct score, with each row's clipped log loss for its true class. */
interface ScoreGroups extends ScoreRanking {
  loss: Float64Array;
}

function scoreGroups(
  model: BootstrapModel,
  labels: Int32Array,
  positive: number,
  isPositive: Uint8Array,
): ScoreGroups {
  const scores = model.scores!;
  const n = scores.length;
  const ranking = matches(model.scoreRanking, scores, labels, positive)
    ? model.scoreRanking
    : rankScores(scores, labels, positive);
  const loss = new Float64Array(n);
  const upper = 1 - LOG_LOSS_EPS;
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    const clipped = min(max(s, LOG_LOSS_EPS), upper);
    loss[i] = -log(isPositive[i] ? clipped : 1 - clipped);
  }
  return { ...ranking, loss };
}

/** Weighted roc_auc, average_precision of one model; the group arrays are scratch space. */
class WeightedScoreMetrics {
  readonly positiveWeight: Float64Array;
  readonly negativeWeight: Float64Array;
  constructor(readonly model: ScoreGroups) {
    this.positiveWeight = new Float64Array(model.groups);
    this.negativeWeight = new Float64Array(model.groups);
  }

  /** Fills the per-group weights from row weights (none: every row weight 1). */
  accumulate(isPositive: Uint8Array, weights?: Int32Array): void {
    const { groupOf } = this.model;
    const pos = this.positiveWeight;
    const neg = this.negativeWeight;
    if (!weights) {
      pos.set(this.model.positives);
      neg.set(this.model.negatives);
      return;
    }
    pos.fill(0);
    neg.fill(0);
    for (let i = 0; i < groupOf.length; i++) {
      const w = weights[i]!;
      if (w === 0) continue;
      if (isPositive[i]) pos[groupOf[i]!]! += w;
      else neg[groupOf[i]!]! += w;
    }
  }

  /**
   * roc_auc_score: the trapezoidal area under the ROC curve, which with tied scores is the Mann-Whitney
   * statistic with ties counted one half. NaN when a class has no weight (sklearn raises).
   */
  rocAuc(): number {
    const pos = this.positiveWeight;
    const neg = this.negativeWeight;
    let negativesBelow = 0;
    let positives = 0;
    let area = 0;
    for (let g = 0; g < pos.length; g++) {
      area += pos[g]! * (negativesBelow + 0.5 * neg[g]!);
      negativesBelow += neg[g]!;
      positives += pos[g]!;
    }
    if (positives === 0 || negativesBelow === 0) return Number.NaN;
    return area / (positives * negativesBelow);
  }

  /**
   * average_precision_score: sum over distinct thresholds (descending) of the recall step times the
   * precision there. Without positive weight, scikit-learn 1.2.1 warns and returns 0.
   */
  averagePrecision(): number {
    const pos = this.positiveWeight;
    const neg = this.negativeWeight;
    let tp = 0;
    let fp = 0;
    let sum = 0;
    for (let g = pos.length - 1; g >= 0; g--) {
      const p = pos[g]!;
      tp += p;
      fp += neg[g]!;
      if (p > 0) sum += (p * tp) / (tp + fp);
    }
    return tp === 0 ? 0 : sum / tp;
  }
}

interface ScoreReplicates extends Replicates {
  method: 'exact' | 'linearized';
  approximation?: BootstrapApproximation;
}

function scoreReplicates(
  input: PairedBootstrapInput<BootstrapMetric>,
  metrics: readonly ScoreMetric[],
  resamples: number,
  seed: number,
): Map<ScoreMetric, ScoreReplicates> {
  const n = input.labels.length;
  const positive = input.positive!;
  const isPositive = new Uint8Array(n);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    if (input.labels[i] === positive) {
      isPositive[i] = 1;
      positives++;
    }
  }
  const candidate = new WeightedScoreMetrics(
    scoreGroups(input.candidate, input.labels, positive, isPositive),
  );
  const baseline = new WeightedScoreMetrics(scoreGroups(input.baseline, input.labels, positive, isPositive));
  const lossDifference = new Float64Array(n);
  for (let i = 0; i < n; i++) lossDifference[i] = candidate.model.loss[i]! - baseline.model.loss[i]!;
  const requested = input.method ?? 'auto';
  const method: ScoreBootstrapMethod =
    requested !== 'auto'
      ? requested
      : n <= EXACT_MAX_ROWS || min(positives, n - positives) < LINEARIZED_MIN_CLASS_ROWS
        ? 'exact'
        : 'linearized';
  const wantsRanking = metrics.includes('roc_auc') || metrics.includes('average_precision');
  const wantsLoss = metrics.includes('log_loss');
  const deltasOf = (weights?: Int32Array): Record<ScoreMetric, number> => {
    let lossDelta = 0;
    if (wantsLoss) {
      if (weights) for (let i = 0; i < n; i++) lossDelta += weights[i]! * lossDifference[i]!;
      else for (let i = 0; i < n; i++) lossDelta += lossDifference[i]!;
    }
    if (!wantsRanking) return { roc_auc: Number.NaN, average_precision: Number.NaN, log_loss: lossDelta / n };
    candidate.accumulate(isPositive, weights);
    baseline.accumulate(isPositive, weights);
    return {
      roc_auc: candidate.rocAuc() - baseline.rocAuc(),
      average_precision: candidate.averagePrecision() - baseline.averagePrecision(),
      log_loss: lossDelta / n,
    };
  };
  const pointDeltas = deltasOf();
  const out = new Map<ScoreMetric, ScoreReplicates>();

  if (method === 'exact') {
    const deltaArrays = metrics.map((metric) => {
      const deltas = new Float64Array(resamples);
      out.set(metric, { deltas, delta: pointDeltas[metric], method });
      return deltas;
    });
    const weights = new Int32Array(n);
    for (let r = 0; r < resamples; r++) {
      drawRowWeights(new SeededRandom(seed, STREAM.rows, r), weights);
      const deltas = deltasOf(weights);
      for (let m = 0; m < metrics.length; m++) deltaArrays[m]![r] = deltas[metrics[m]!];
    }
    return out;
  }

  // Linearized: each row's influence on each delta, from the unit-weight groups.
  const influence = new Map<ScoreMetric, Float64Array>();
  if (metrics.includes('log_loss'))
    influence.set(
      'log_loss',
      lossDifference.map((d) => d / n),
    );
  for (const metric of metrics) {
    if (metric === 'log_loss') continue;
    const perGroup = [candidate, baseline].map((model) => {
      model.accumulate(isPositive);
      return metric === 'roc_auc' ? aucInfluence(model) : averagePrecisionInfluence(model);
    });
    const [c, b] = perGroup as [GroupInfluence, GroupInfluence];
    const groupOfCandidate = candidate.model.groupOf;
    const groupOfBaseline = baseline.model.groupOf;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = isPositive[i]
        ? c.positive[groupOfCandidate[i]!]! - b.positive[groupOfBaseline[i]!]!
        : c.negative[groupOfCandidate[i]!]! - b.negative[groupOfBaseline[i]!]!;
    }
    influence.set(metric, x);
  }
  // Measure the linearization on a few row-level resamples: exact delta against delta + sum (w_i - 1) x_i.
  const linearizationError = new Map<ScoreMetric, number>(metrics.map((m) => [m, 0]));
  const checks = input.linearizationChecks ?? LINEARIZATION_CHECKS;
  const weights = new Int32Array(n);
  for (let r = 0; r < checks; r++) {
    drawRowWeights(new SeededRandom(seed, STREAM.check, r), weights);
    const exact = deltasOf(weights);
    for (const metric of metrics) {
      const x = influence.get(metric)!;
      let linear = pointDeltas[metric];
      for (let i = 0; i < n; i++) linear += (weights[i]! - 1) * x[i]!;
      const error = abs(exact[metric] - linear);
      if (error > linearizationError.get(metric)!) linearizationError.set(metric, error);
    }
  }
  for (const metric of metrics) {
    const grouped = groupedSum(influence.get(metric)!, LINEARIZED_GROUPS);
    const deltas = new Float64Array(resamples);
    // A resample's delta: delta + sum_i w_i x_i - sum_i x_i.
    const offset = pointDeltas[metric] - grouped.total;
    for (let r = 0; r < resamples; r++) {
      deltas[r] = offset + grouped.draw(new SeededRandom(seed, STREAM[metric], r), n);
    }
    out.set(metric, {
      deltas,
      delta: pointDeltas[metric],
      method,
      approximation: {
        groups: grouped.groups,
        withinGroupVarianceShare: grouped.withinShare,
        checkResamples: checks,
        linearizationError: checks > 0 ? linearizationError.get(metric)! : null,
      },
    });
  }
  return out;
}

/** Multinomial(n, 1/n each) row weights: how often each row is drawn in a resample. */
export function drawRowWeights(random: SeededRandom, weights: Int32Array): void {
  const n = weights.length;
  weights.fill(0);
  for (let t = 0; t < n; t++) weights[random.nextIndex(n)]!++;
}

/** Influence per group, for the model's positive and negative rows. */
interface GroupInfluence {
  positive: Float64Array;
  negative: Float64Array;
}

/**
 * d AUC / d w_i at unit weights: (phi_i - AUC) / n+ for a positive (phi_i = share of negatives below it, ties
 * one half), (psi_j - AUC) / n- for a negative (psi_j = share of positives above it). The model's group
 * weights must hold unit-weight counts.
 */
function aucInfluence(model: WeightedScoreMetrics): GroupInfluence {
  const pos = model.positiveWeight;
  const neg = model.negativeWeight;
  const groups = pos.length;
  let positives = 0;
  let negatives = 0;
  for (let g = 0; g < groups; g++) {
    positives += pos[g]!;
    negatives += neg[g]!;
  }
  const auc = model.rocAuc();
  const positive = new Float64Array(groups);
  const negative = new Float64Array(groups);
  let negativesBelow = 0;
  let positivesAbove = positives;
  for (let g = 0; g < groups; g++) {
    positivesAbove -= pos[g]!;
    positive[g] = ((negativesBelow + 0.5 * neg[g]!) / negatives - auc) / positives;
    negative[g] = ((positivesAbove + 0.5 * pos[g]!) / positives - auc) / negatives;
    negativesBelow += neg[g]!;
  }
  return { positive, negative };
}

/**
 * d AP / d w_k at unit weights, AP = sum over positives i of prec(s_i) / n+, prec(s) = TP(s) / (TP(s) + FP(s))
 * over the rows scored >= s. A positive k: (prec(s_k) - AP) / n+ plus (1 / n+) times the sum over positives i
 * scored <= s_k of FP_i / (TP_i + FP_i)^2; a negative k: minus (1 / n+) times the sum over those positives of
 * TP_i / (TP_i + FP_i)^2. The model's group weights must hold unit-weight counts.
 */
function averagePrecisionInfluence(model: WeightedScoreMetrics): GroupInfluence {
  const pos = model.positiveWeight;
  const neg = model.negativeWeight;
  const groups = pos.length;
  const ap = model.averagePrecision();
  const precision = new Float64Array(groups);
  const fpTerm = new Float64Array(groups);
  const tpTerm = new Float64Array(groups);
  let tp = 0;
  let fp = 0;
  for (let g = groups - 1; g >= 0; g--) {
    tp += pos[g]!;
    fp += neg[g]!;
    const predicted = tp + fp;
    precision[g] = tp / predicted;
    fpTerm[g] = (pos[g]! * fp) / (predicted * predicted);
    tpTerm[g] = (pos[g]! * tp) / (predicted * predicted);
  }
  const positives = tp;
  const positive = new Float64Array(groups);
  const negative = new Float64Array(groups);
  if (positives === 0) return { positive, negative }; // AP is 0 on every resample
  let fpBelow = 0;
  let tpBelow = 0;
  for (let g = 0; g < groups; g++) {
    fpBelow += fpTerm[g]!;
    tpBelow += tpTerm[g]!;
    positive[g] = (precision[g]! - ap + fpBelow) / positives;
    negative[g] = -tpBelow / positives;
  }
  return { positive, negative };
}

/**
 * The sum of x over n rows drawn with replacement, drawn from a compressed form: the values sorted and cut
 * into groups of similar x; per resample the group counts are Multinomial(n, group sizes / n) (exact), and a
 * group drawn m times adds m mu + sqrt(m) sigma Z (its mean and population standard deviation, Z standard
 * normal: the normal approximation of the sum of its m draws). The groups' normal terms add up to one normal
 * with variance sum_g m_g sigma_g^2, drawn once per resample.
 *
 * A group closes when it holds 2n / maxGroups rows or 2 / maxGroups of the total squared deviation, so the
 * few rows that carry most of the variance (the rare class's, when one class is rare) get groups of their
 * own instead of being averaged into a large group: at most about maxGroups groups. With no more rows than
 * groups, every row is its own group: the exact bootstrap of the sum.
 */
export function groupedSum(values: Float64Array, maxGroups: number) {
  const n = values.length;
  const sorted = sortFloat64InPlace(Float64Array.from(values));
  let total = 0;
  for (let i = 0; i < n; i++) total += sorted[i]!;
  const overallMean = total / n;
  let spread = 0;
  for (let i = 0; i < n; i++) spread += (sorted[i]! - overallMean) ** 2;
  const rowCap = n <= maxGroups ? 1 : (2 * n) / maxGroups;
  const massCap = (2 * spread) / maxGroups;
  const sizes: number[] = [];
  const means: number[] = [];
  const variances: number[] = [];
  let within = 0;
  const close = (start: number, end: number) => {
    let sum = 0;
    for (let i = start; i < end; i++) sum += sorted[i]!;
    const mean = sum / (end - start);
    let squares = 0;
    for (let i = start; i < end; i++) squares += (sorted[i]! - mean) ** 2;
    sizes.push(end - start);
    means.push(mean);
    variances.push(squares / (end - start));
    within += squares;
  };
  let start = 0;
  let mass = 0;
  for (let i = 0; i < n; i++) {
    const deviation = (sorted[i]! - overallMean) ** 2;
    if (i > start && (i - start >= rowCap || mass + deviation > massCap)) {
      close(start, i);
      start = i;
      mass = 0;
    }
    mass += deviation;
  }
  close(start, n);
  const groups = sizes.length;
  const groupSizes = Float64Array.from(sizes);
  const groupMeans = Float64Array.from(means);
  const groupVariances = Float64Array.from(variances);
  const drawn = new Float64Array(groups);
  return {
    groups,
    total,
    withinShare: spread === 0 ? 0 : within / spread,
    draw(random: SeededRandom, draws: number): number {
      random.multinomial(draws, groupSizes, drawn);
      let sum = 0;
      let variance = 0;
      for (let g = 0; g < groups; g++) {
        const m = drawn[g]!;
        sum += m * groupMeans[g]!;
        variance += m * groupVariances[g]!;
      }
      return variance > 0 ? sum + sqrt(variance) * random.nextNormal() : sum;
    },
  };
}
