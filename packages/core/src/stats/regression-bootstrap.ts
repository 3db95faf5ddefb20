// biome-ignore-all lint/style/noNonNullAssertion: numeric kernels index typed arrays inside loop bounds
/**
 * Seeded paired bootstrap of regression metric deltas (candidate minus baseline, both models scored on the
 * same rows): percentile confidence intervals for the `non_inferior` gate of `mlci evaluate`, the regression
 * counterpart of bootstrap.ts (read its comment first: the same semantics, the same result shape).
 *
 * One resample draws n rows with replacement from the n rows; both models are scored on that resample and
 * the delta recorded; the interval is the (1 - confidence) / 2 and (1 + confidence) / 2 quantiles of the
 * deltas (numpy's default 'linear' quantile). Metric definitions are scikit-learn 1.2.1's with sample_weight
 * (a row drawn k times has weight k, the weights sum to n), e the error y - ŷ:
 *   rmse = sqrt(Σ w e² / Σ w), mae = Σ w |e| / Σ w, mape = Σ w |e| / max(|y|, eps) / Σ w (eps =
 *   np.finfo(np.float64).eps), r2 = 1 - Σ w e² / Σ w (y - ȳ_w)² (ȳ_w the weighted mean), with sklearn's
 *   force_finite rule: 1.0 when Σ w e² = 0, else 0.0 when the drawn y are all equal.
 * ("All equal" is decided on the values, where sklearn tests numpy's sum for exactly 0: for a constant y that
 * numpy's mean does not reproduce, e.g. 0.1 drawn three times, sklearn divides by the rounding error and
 * returns about -4e33; here it is the 0.0 the rule means.) Where the whole data has one row or a constant y,
 * every resample is degenerate the same way, so those intervals are not computed: a null with the reason.
 *
 * Every metric is a smooth function of a few weighted means (Σ w e², Σ w |e|, Σ w |e| / max(|y|, eps) for
 * each model, Σ w y, Σ w y²), so two methods:
 * - 'exact': row weights drawn per resample (n uniform row indexes, bootstrap.ts's drawRowWeights), all four
 *   metrics from one pass over the rows holding those weights: 25 to 50 ns per row and resample (measured on
 *   a shared 2-core machine), so 1000 resamples of 50,000 rows take 1 to 2.5 s, of 1,000,000 rows 25 to 50 s.
 * - 'linearized': a resample's delta replaced by its first-order expansion in the weights,
 *   delta + Σ_i (w_i - 1) x_i, x_i = d delta / d w_i at unit weights, and that sum drawn with bootstrap.ts's
 *   groupedSum (group counts multinomial, exact; the sum within a group by its normal approximation):
 *     mae:  x_i = (|e_c,i| - |e_b,i|) / n                       (the delta is linear: no linearization error)
 *     mape: x_i = (|e_c,i| - |e_b,i|) / max(|y_i|, eps) / n     (linear too)
 *     rmse: x_i = (e_c,i² - S_c) / (2 n rmse_c) - (e_b,i² - S_b) / (2 n rmse_b), S the mean squared error
 *     r2:   x_i = ((e_b,i² - e_c,i²) - Δr2 (y_i - ȳ)²) / (n V), V the variance of y, Δr2 = (S_b - S_c) / V
 *   For rmse and r2 the dropped second-order term, relative to the first-order one, is about CV / (4 sqrt(n))
 *   standard deviations (CV: the coefficient of variation of e², or of (y - ȳ)², over the rows): it shifts the
 *   bounds by that much through the skewness it leaves out. CV is sqrt(2) for normal errors and reaches 10 to
 *   30 with heavy tails; 'auto' linearizes above REGRESSION_EXACT_MAX_ROWS rows only, where even CV = 30 gives
 *   30 / (4 sqrt(50,000)) = 0.034 standard deviations, against the Monte-Carlo error of a bound from 1000
 *   resamples of about 0.085. Measured against 'exact' at 20,000 and 100,000 rows, normal and heavy-tailed
 *   errors (CV about 12): bounds within 0.14 standard deviations, the Monte-Carlo noise of the two runs.
 *   `linearizationChecks` measures the error on a run's own data.
 *
 * Determinism: resample r draws from SeededRandom(seed, stream, r), the stream fixed per method and metric, so
 * the same seed gives the same replicates bit for bit, whatever the number of resamples or their order.
 */

import type { RegressionMetricName } from '../metrics/names';
import { R2_ONE_SAMPLE, regressionMetrics } from '../metrics/regression';
import {
  type BootstrapApproximation,
  DEFAULT_BOOTSTRAP_SEED,
  DEFAULT_CONFIDENCE,
  DEFAULT_RESAMPLES,
  type DeltaInterval,
  drawRowWeights,
  groupedSum,
  LINEARIZATION_CHECKS,
  LINEARIZED_GROUPS,
  quantileSorted,
} from './bootstrap';
import { SeededRandom } from './random';
import { sortFloat64InPlace } from './sort';

const { abs, max, sqrt } = Math;

export type RegressionBootstrapMethod = 'exact' | 'linearized';

export interface PairedRegressionBootstrapInput<M extends RegressionMetricName> {
  /** The true values, y. */
  actual: Float64Array;
  /** Each model's predictions of the same rows. */
  candidate: Float64Array;
  baseline: Float64Array;
  metrics: readonly M[];
  /** Default DEFAULT_RESAMPLES (1000). */
  resamples?: number;
  /** Default DEFAULT_CONFIDENCE (0.95). */
  confidence?: number;
  /** An unsigned 32-bit integer. Default DEFAULT_BOOTSTRAP_SEED. */
  seed?: number;
  /** 'auto' (the default): 'exact' up to REGRESSION_EXACT_MAX_ROWS rows, 'linearized' above. */
  method?: RegressionBootstrapMethod | 'auto';
  /** Return each metric's resampled deltas too (tests, diagnostics). */
  keepReplicates?: boolean;
  /** Row-level resamples on which a linearized interval measures its linearization. Default none. */
  linearizationChecks?: number;
}

/** 'auto' resamples rows up to this many (1 to 2.5 s for 1000 resamples); see the module comment. */
export const REGRESSION_EXACT_MAX_ROWS = 50_000;

/** np.finfo(np.float64).eps: mean_absolute_percentage_error's floor for |y|. */
const FLOAT64_EPS = 2.220446049250313e-16;

const ALL_METRICS: readonly RegressionMetricName[] = ['rmse', 'mae', 'r2', 'mape'];

/** Random streams, apart from bootstrap.ts's (1 to 6): one family's draws never change another's. */
const STREAM = { rows: 16, check: 17, rmse: 18, mae: 19, r2: 20, mape: 21 } as const;

/** Per row, interleaved (one 64-byte cache line a row): what the weighted sums need. */
const FIELDS = 8;
const SQUARED_C = 0;
const SQUARED_B = 1;
const ABSOLUTE_C = 2;
const ABSOLUTE_B = 3;
const PERCENT_C = 4;
const PERCENT_B = 5;
/** y minus the mean of y over all rows: the weighted variance of centred values loses no digits. */
const CENTRED = 6;
const ACTUAL = 7;

/** The rows of a paired regression, prepared once for any number of weightings. */
export class PairedRegressionRows {
  readonly n: number;
  readonly rows: Float64Array;
  /** The mean of y over all rows (the centre of the CENTRED field). */
  readonly mean: number;

  constructor(actual: Float64Array, candidate: Float64Array, baseline: Float64Array) {
    const n = actual.length;
    this.n = n;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += actual[i]!;
    const mean = n > 0 ? sum / n : 0;
    this.mean = mean;
    const rows = new Float64Array(n * FIELDS);
    for (let i = 0; i < n; i++) {
      const y = actual[i]!;
      const ec = y - candidate[i]!;
      const eb = y - baseline[i]!;
      const floor = max(abs(y), FLOAT64_EPS);
      const at = i * FIELDS;
      rows[at + SQUARED_C] = ec * ec;
      rows[at + SQUARED_B] = eb * eb;
      rows[at + ABSOLUTE_C] = abs(ec);
      rows[at + ABSOLUTE_B] = abs(eb);
      rows[at + PERCENT_C] = abs(ec) / floor;
      rows[at + PERCENT_B] = abs(eb) / floor;
      rows[at + CENTRED] = y - mean;
      rows[at + ACTUAL] = y;
    }
    this.rows = rows;
  }

  /**
   * Both models' metrics on the rows weighted by `weights` (non-negative, a positive sum): scikit-learn
   * 1.2.1's metrics with sample_weight, r2 with its force_finite rule (see the module comment).
   */
  metrics(weights: ArrayLike<number>): {
    candidate: Record<RegressionMetricName, number>;
    baseline: Record<RegressionMetricName, number>;
  } {
    const rows = this.rows;
    let total = 0;
    let squaredC = 0;
    let squaredB = 0;
    let absoluteC = 0;
    let absoluteB = 0;
    let percentC = 0;
    let percentB = 0;
    let centred = 0;
    let centredSquared = 0;
    let lowest = Number.POSITIVE_INFINITY;
    let highest = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < this.n; i++) {
      const w = weights[i]!;
      if (w === 0) continue;
      const at = i * FIELDS;
      total += w;
      squaredC += w * rows[at + SQUARED_C]!;
      squaredB += w * rows[at + SQUARED_B]!;
      absoluteC += w * rows[at + ABSOLUTE_C]!;
      absoluteB += w * rows[at + ABSOLUTE_B]!;
      percentC += w * rows[at + PERCENT_C]!;
      percentB += w * rows[at + PERCENT_B]!;
      const c = rows[at + CENTRED]!;
      centred += w * c;
      centredSquared += w * c * c;
      const y = rows[at + ACTUAL]!;
      if (y < lowest) lowest = y;
      if (y > highest) highest = y;
    }
    const constant = lowest === highest;
    // Σ w (y - ȳ_w)², never below 0 through rounding.
    const spread = max(centredSquared - (centred * centred) / total, 0);
    const r2 = (residual: number) =>
      residual === 0 ? 1 : constant || spread === 0 ? 0 : 1 - residual / spread;
    return {
      candidate: {
        rmse: sqrt(squaredC / total),
        mae: absoluteC / total,
        r2: r2(squaredC),
        mape: percentC / total,
      },
      baseline: {
        rmse: sqrt(squaredB / total),
        mae: absoluteB / total,
        r2: r2(squaredB),
        mape: percentB / total,
      },
    };
  }

  /** candidate − baseline of each metric on the weighted rows. */
  deltas(weights: ArrayLike<number>): Record<RegressionMetricName, number> {
    const { candidate, baseline } = this.metrics(weights);
    return {
      rmse: candidate.rmse - baseline.rmse,
      mae: candidate.mae - baseline.mae,
      r2: candidate.r2 - baseline.r2,
      mape: candidate.mape - baseline.mape,
    };
  }

  /** d delta / d w_i at unit weights, per row (see the module comment); `r2Delta` the r2 delta on all rows. */
  influence(metric: RegressionMetricName, r2Delta: number): Float64Array {
    const { n, rows } = this;
    const x = new Float64Array(n);
    const difference = (c: number, b: number) => {
      for (let i = 0; i < n; i++) x[i] = (rows[i * FIELDS + c]! - rows[i * FIELDS + b]!) / n;
      return x;
    };
    if (metric === 'mae') return difference(ABSOLUTE_C, ABSOLUTE_B);
    if (metric === 'mape') return difference(PERCENT_C, PERCENT_B);
    let squaredC = 0;
    let squaredB = 0;
    let centred = 0;
    for (let i = 0; i < n; i++) {
      squaredC += rows[i * FIELDS + SQUARED_C]!;
      squaredB += rows[i * FIELDS + SQUARED_B]!;
      centred += rows[i * FIELDS + CENTRED]!;
    }
    if (metric === 'rmse') {
      const meanC = squaredC / n;
      const meanB = squaredB / n;
      // A perfect model has rmse 0 on every resample: no influence.
      const scaleC = meanC > 0 ? 1 / (2 * n * sqrt(meanC)) : 0;
      const scaleB = meanB > 0 ? 1 / (2 * n * sqrt(meanB)) : 0;
      for (let i = 0; i < n; i++) {
        const at = i * FIELDS;
        x[i] = (rows[at + SQUARED_C]! - meanC) * scaleC - (rows[at + SQUARED_B]! - meanB) * scaleB;
      }
      return x;
    }
    // r2: the centred values' own mean is ~0; subtract it for the exact deviations from ȳ.
    const offset = centred / n;
    let variance = 0;
    for (let i = 0; i < n; i++) variance += (rows[i * FIELDS + CENTRED]! - offset) ** 2;
    variance /= n;
    for (let i = 0; i < n; i++) {
      const at = i * FIELDS;
      const deviation = rows[at + CENTRED]! - offset;
      x[i] =
        (rows[at + SQUARED_B]! - rows[at + SQUARED_C]! - r2Delta * deviation * deviation) / (n * variance);
    }
    return x;
  }
}

export function pairedRegressionBootstrap<M extends RegressionMetricName>(
  input: PairedRegressionBootstrapInput<M>,
): Record<M, DeltaInterval> {
  const resamples = input.resamples ?? DEFAULT_RESAMPLES;
  const confidence = input.confidence ?? DEFAULT_CONFIDENCE;
  const seed = input.seed ?? DEFAULT_BOOTSTRAP_SEED;
  const checks = input.linearizationChecks ?? LINEARIZATION_CHECKS;
  validate(input, resamples, confidence, seed, checks);
  const { actual } = input;
  const n = actual.length;
  const result = {} as Record<M, DeltaInterval>;
  const keep = input.keepReplicates === true;
  const quantiles = [(1 - confidence) / 2, 1 - (1 - confidence) / 2] as const;

  let constant = true;
  for (let i = 1; i < n && constant; i++) constant = actual[i] === actual[0];
  const runnable: M[] = [];
  for (const metric of ALL_METRICS.filter((m) => input.metrics.includes(m as M)) as M[]) {
    const reason =
      n < 2
        ? metric === 'r2'
          ? R2_ONE_SAMPLE
          : 'one row: every resample is that row, so the bootstrap says nothing about the delta'
        : metric === 'r2' && constant
          ? "the actual values are constant: on every resample r2 is scikit-learn's force_finite 1.0 or 0.0, not an estimate"
          : undefined;
    if (reason) result[metric] = { lo: null, hi: null, reason: `${metric}: ${reason}` };
    else runnable.push(metric);
  }
  if (runnable.length === 0) return result;

  // The point deltas are the metrics module's, scikit-learn's bit for bit.
  const candidateValues = regressionMetrics({ actual, predicted: input.candidate }).values;
  const baselineValues = regressionMetrics({ actual, predicted: input.baseline }).values;
  const pointDelta = (metric: RegressionMetricName) => candidateValues[metric]! - baselineValues[metric]!;
  const rows = new PairedRegressionRows(actual, input.candidate, input.baseline);
  const requested = input.method ?? 'auto';
  const method: RegressionBootstrapMethod =
    requested !== 'auto' ? requested : n <= REGRESSION_EXACT_MAX_ROWS ? 'exact' : 'linearized';

  if (method === 'exact') {
    const replicates = runnable.map(() => new Float64Array(resamples));
    const weights = new Int32Array(n);
    for (let r = 0; r < resamples; r++) {
      drawRowWeights(new SeededRandom(seed, STREAM.rows, r), weights);
      const deltas = rows.deltas(weights);
      for (let m = 0; m < runnable.length; m++) replicates[m]![r] = deltas[runnable[m]!];
    }
    runnable.forEach((metric, m) => {
      result[metric] = intervalOf(replicates[m]!, pointDelta(metric), method, quantiles, keep);
    });
    return result;
  }

  const r2Delta = runnable.includes('r2' as M) ? pointDelta('r2') : 0;
  const influences = runnable.map((metric) => rows.influence(metric, r2Delta));
  // Measure the linearization on row-level resamples: exact delta against delta + Σ (w_i - 1) x_i.
  const linearizationError = runnable.map(() => 0);
  const weights = new Int32Array(n);
  for (let r = 0; r < checks; r++) {
    drawRowWeights(new SeededRandom(seed, STREAM.check, r), weights);
    const exact = rows.deltas(weights);
    runnable.forEach((metric, m) => {
      const x = influences[m]!;
      let linear = pointDelta(metric);
      for (let i = 0; i < n; i++) linear += (weights[i]! - 1) * x[i]!;
      linearizationError[m] = max(linearizationError[m]!, abs(exact[metric] - linear));
    });
  }
  runnable.forEach((metric, m) => {
    const grouped = groupedSum(influences[m]!, LINEARIZED_GROUPS);
    const deltas = new Float64Array(resamples);
    // A resample's delta: delta + Σ_i w_i x_i - Σ_i x_i.
    const offset = pointDelta(metric) - grouped.total;
    for (let r = 0; r < resamples; r++) {
      deltas[r] = offset + grouped.draw(new SeededRandom(seed, STREAM[metric], r), n);
    }
    const approximation: BootstrapApproximation = {
      groups: grouped.groups,
      withinGroupVarianceShare: grouped.withinShare,
      checkResamples: checks,
      linearizationError: checks > 0 ? linearizationError[m]! : null,
    };
    result[metric] = {
      ...intervalOf(deltas, pointDelta(metric), method, quantiles, keep),
      approximation,
    } as DeltaInterval;
  });
  return result;
}

function intervalOf(
  deltas: Float64Array,
  delta: number,
  method: RegressionBootstrapMethod,
  [qLo, qHi]: readonly [number, number],
  keep: boolean,
): DeltaInterval {
  const sorted = sortFloat64InPlace(deltas.slice());
  return {
    lo: quantileSorted(sorted, qLo),
    hi: quantileSorted(sorted, qHi),
    delta,
    method,
    resamples: deltas.length,
    ...(keep ? { replicates: deltas } : {}),
  };
}

function validate(
  input: PairedRegressionBootstrapInput<RegressionMetricName>,
  resamples: number,
  confidence: number,
  seed: number,
  checks: number,
): void {
  const n = input.actual.length;
  if (n === 0) throw new RangeError('regression bootstrap: there are no rows');
  if (!Number.isSafeInteger(resamples) || resamples < 1)
    throw new RangeError(`regression bootstrap: resamples must be a positive integer, got ${resamples}`);
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`regression bootstrap: confidence must be between 0 and 1, got ${confidence}`);
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new RangeError(`regression bootstrap: seed must be an integer from 0 to 2^32 - 1, got ${seed}`);
  if (!Number.isSafeInteger(checks) || checks < 0)
    throw new RangeError(
      `regression bootstrap: linearizationChecks must be a non-negative integer, got ${checks}`,
    );
  for (const metric of input.metrics) {
    if (!ALL_METRICS.includes(metric))
      throw new RangeError(`regression bootstrap: unknown metric '${metric}'`);
  }
  for (const [name, values] of [
    ['actual values', input.actual],
    ['candidate predictions', input.candidate],
    ['baseline predictions', input.baseline],
  ] as const) {
    if (values.length !== n)
      throw new RangeError(`regression bootstrap: ${n} actual values but ${values.length} ${name}`);
    for (let i = 0; i < n; i++) {
      // v - v is NaN for NaN and ±Infinity.
      if (values[i]! - values[i]! !== 0)
        throw new RangeError(`regression bootstrap: ${name} row ${i} is ${values[i]}`);
    }
  }
}
