// biome-ignore-all lint/style/noNonNullAssertion: the kernels index typed arrays inside loop bounds
/**
 * Regression metrics with scikit-learn 1.2.1's exact meaning (Debian's python3-sklearn, numpy
 * 1.24.2), checked against it in regression.test.ts. The arithmetic and numpy's summation order
 * (summation.ts) are followed, so the results equal sklearn's bit for bit.
 */
import { InputError } from '../errors';
import type { RegressionMetricName } from './names';
import { NumpySum } from './summation';

// Module-level aliases: global lookups are slow in hot loops under jest's vm sandbox.
const { abs, max, sqrt } = Math;

export interface RegressionInput {
  actual: Float64Array;
  predicted: Float64Array;
}

export interface RegressionMetrics {
  /** A number, or null where sklearn returns nan (the reason says why). */
  values: Record<RegressionMetricName, number | null>;
  /** Why a value is null, or which of sklearn's conventions decided it. */
  reasons: Partial<Record<RegressionMetricName, string>>;
}

/** np.finfo(np.float64).eps: mean_absolute_percentage_error's floor for |y_true|. */
const FLOAT64_EPS = 2.220446049250313e-16;

/** r2_score's UndefinedMetricWarning; it then returns nan. */
export const R2_ONE_SAMPLE = 'R^2 score is not well-defined with less than two samples.';

/** sklearn's _check_reg_targets / check_array: same length, at least one row, finite values. */
function checkRows(actual: Float64Array, predicted: Float64Array): number {
  if (actual.length !== predicted.length) {
    throw new InputError(
      `actual and predicted values have different lengths (${actual.length} and ${predicted.length})`,
    );
  }
  if (actual.length === 0) throw new InputError('no rows to evaluate');
  for (let i = 0; i < actual.length; i++) {
    // a - a is NaN for NaN and ±Infinity.
    if (actual[i]! - actual[i]! !== 0) throw new InputError(`actual value ${actual[i]} at row ${i + 1}`);
    if (predicted[i]! - predicted[i]! !== 0) {
      throw new InputError(`predicted value ${predicted[i]} at row ${i + 1}`);
    }
  }
  return actual.length;
}

/** sqrt(mean_squared_error): np.average((y_true - y_pred) ** 2) then np.sqrt. */
export function rmse(actual: Float64Array, predicted: Float64Array): number {
  const n = checkRows(actual, predicted);
  const sum = new NumpySum();
  for (let i = 0; i < n; i++) {
    const d = actual[i]! - predicted[i]!;
    sum.add(d * d);
  }
  return sqrt(sum.sum() / n);
}

/** mean_absolute_error: np.average(np.abs(y_pred - y_true)). */
export function mae(actual: Float64Array, predicted: Float64Array): number {
  const n = checkRows(actual, predicted);
  const sum = new NumpySum();
  for (let i = 0; i < n; i++) sum.add(abs(predicted[i]! - actual[i]!));
  return sum.sum() / n;
}

/**
 * mean_absolute_percentage_error: np.average(|y_pred - y_true| / max(|y_true|, eps)) with eps the
 * float64 machine epsilon, so a zero in y_true divides its error by 2.2e-16 (a huge, finite value).
 * A fraction, not a percentage.
 */
export function mape(actual: Float64Array, predicted: Float64Array): number {
  const n = checkRows(actual, predicted);
  const sum = new NumpySum();
  for (let i = 0; i < n; i++) {
    const a = abs(actual[i]!);
    sum.add(abs(predicted[i]! - actual[i]!) / max(a, FLOAT64_EPS));
  }
  return sum.sum() / n;
}

interface R2Parts {
  /** Σ (y - ŷ)² */
  residual: number;
  /** Σ (y - mean(y))² with numpy's mean: 0 exactly when numpy's mean reproduces a constant y. */
  total: number;
}

function r2Parts(actual: Float64Array, predicted: Float64Array, n: number): R2Parts {
  const residual = new NumpySum();
  const sumActual = new NumpySum();
  for (let i = 0; i < n; i++) {
    const d = actual[i]! - predicted[i]!;
    residual.add(d * d);
    sumActual.add(actual[i]!);
  }
  const mean = sumActual.sum() / n;
  const total = new NumpySum();
  for (let i = 0; i < n; i++) {
    const d = actual[i]! - mean;
    total.add(d * d);
  }
  return { residual: residual.sum(), total: total.sum() };
}

/**
 * sklearn 1.2.1's _assemble_r2_explained_variance. force_finite=True (sklearn's default): a perfect
 * prediction is 1.0 even for a constant y, and an imperfect one of a constant y is 0.0 instead of
 * -inf. "Constant" means a zero denominator as numpy computes it.
 */
function r2FromParts({ residual, total }: R2Parts, forceFinite: boolean): number {
  if (!forceFinite) return 1 - residual / total;
  if (residual === 0) return 1;
  if (total === 0) return 0;
  return 1 - residual / total;
}

/** r2_score(y_true, y_pred, force_finite=...): nan below two rows, as sklearn returns (with a warning). */
export function r2(
  actual: Float64Array,
  predicted: Float64Array,
  options: { forceFinite?: boolean } = {},
): number {
  const n = checkRows(actual, predicted);
  if (n < 2) return Number.NaN;
  return r2FromParts(r2Parts(actual, predicted, n), options.forceFinite ?? true);
}

/** All four regression metrics, in two passes over the rows. */
export function regressionMetrics(input: RegressionInput): RegressionMetrics {
  const { actual, predicted } = input;
  const n = checkRows(actual, predicted);
  const squared = new NumpySum();
  const absolute = new NumpySum();
  const percentage = new NumpySum();
  const sumActual = new NumpySum();
  let zeros = 0;
  let lowest = actual[0]!;
  let highest = actual[0]!;
  for (let i = 0; i < n; i++) {
    const y = actual[i]!;
    if (y < lowest) lowest = y;
    if (y > highest) highest = y;
    const d = y - predicted[i]!;
    squared.add(d * d);
    // |ŷ - y| = |y - ŷ| exactly: IEEE subtraction is antisymmetric.
    const error = abs(d);
    absolute.add(error);
    const magnitude = abs(y);
    if (magnitude < FLOAT64_EPS) zeros++;
    percentage.add(error / max(magnitude, FLOAT64_EPS));
    sumActual.add(y);
  }
  const residual = squared.sum();
  const reasons: RegressionMetrics['reasons'] = {};
  let r2Value: number | null = null;
  if (n < 2) {
    reasons.r2 = R2_ONE_SAMPLE;
  } else {
    const mean = sumActual.sum() / n;
    const total = new NumpySum();
    for (let i = 0; i < n; i++) {
      const d = actual[i]! - mean;
      total.add(d * d);
    }
    const parts = { residual, total: total.sum() };
    r2Value = r2FromParts(parts, true);
    if (parts.total === 0) {
      reasons.r2 = `the actual values are constant: sklearn's force_finite rule gives ${
        parts.residual === 0 ? '1.0 for a perfect prediction' : '0.0 for an imperfect prediction'
      }`;
    } else if (lowest === highest) {
      // sklearn 1.2.1 divides by the rounding error of numpy's mean (e.g. -1.7e31 for [0.1, 0.1, 0.1]).
      reasons.r2 = `the actual values are constant but numpy's mean of them is not exactly ${lowest}: sklearn divides by its rounding error`;
    }
  }
  if (zeros > 0) {
    reasons.mape = `${zeros} actual value${zeros === 1 ? ' is' : 's are'} 0 (below machine epsilon): sklearn divides their errors by 2.22e-16`;
  }
  return {
    values: {
      rmse: sqrt(residual / n),
      mae: absolute.sum() / n,
      r2: r2Value,
      mape: percentage.sum() / n,
    },
    reasons,
  };
}
