// biome-ignore-all lint/style/noNonNullAssertion: numeric kernels index typed arrays inside loop bounds
/**
 * Distances between distributions: scipy.stats.wasserstein_distance (scipy/stats/_stats_py.py
 * `_cdf_distance` with p = 1), scipy.spatial.distance.jensenshannon (SciPy 1.10), and the
 * population stability index as Evidently computes it (evidently/calculations/stattests/psi.py
 * with the empty-bin filling of stattests/utils.py `get_binned_data`).
 */
import { sortFloat64InPlace } from './sort';

// Module-level aliases: global lookups are slow in hot loops under jest's vm sandbox.
const { abs, log, sqrt } = Math;
const isNaNNumber = Number.isNaN;

interface WeightedSample {
  values: Float64Array;
  /** cumulative[i] = sum of the weights of the i smallest values; undefined when unweighted. */
  cumulative: Float64Array | undefined;
}

function prepareSample(values: ArrayLike<number>, weights: ArrayLike<number> | undefined, name: string) {
  const n = values.length;
  if (n === 0) throw new RangeError(`wassersteinDistance: ${name} is empty`);
  for (let i = 0; i < n; i++) {
    if (isNaNNumber(values[i]!)) throw new RangeError(`wassersteinDistance: ${name} value ${i} is NaN`);
  }
  if (weights === undefined)
    return { values: sortFloat64InPlace(Float64Array.from(values)), cumulative: undefined };
  if (weights.length !== n) {
    throw new RangeError(`wassersteinDistance: ${name} has ${n} values but ${weights.length} weights`);
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (weights[i]! < 0) throw new RangeError(`wassersteinDistance: ${name} weight ${i} is negative`);
    total += weights[i]!;
  }
  if (!(total > 0 && total < Number.POSITIVE_INFINITY)) {
    throw new RangeError(`wassersteinDistance: ${name} weights must have a positive, finite sum`);
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((p, q) => values[p]! - values[q]!);
  const sorted = new Float64Array(n);
  const cumulative = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    sorted[i] = values[order[i]!]!;
    cumulative[i + 1] = cumulative[i]! + weights[order[i]!]!;
  }
  return { values: sorted, cumulative } satisfies WeightedSample;
}

function cdfAt(sample: WeightedSample, count: number): number {
  if (sample.cumulative === undefined) return count / sample.values.length;
  return sample.cumulative[count]! / sample.cumulative[sample.values.length]!;
}

/**
 * scipy.stats.wasserstein_distance(u, v, uWeights, vWeights): the integral of |U - V| over the
 * real line for the two empirical CDFs. Weights, when given, must be non-negative with a positive
 * finite sum (RangeError otherwise, as scipy's ValueError); NaN values throw.
 */
export function wassersteinDistance(
  u: ArrayLike<number>,
  v: ArrayLike<number>,
  uWeights?: ArrayLike<number>,
  vWeights?: ArrayLike<number>,
): number {
  const us = prepareSample(u, uWeights, 'u');
  const vs = prepareSample(v, vWeights, 'v');
  const uv = us.values;
  const vv = vs.values;
  const nu = uv.length;
  const nv = vv.length;
  // Walk the pooled sorted values one group of equal values at a time; the CDFs (searchsorted
  // side='right') are constant on a group, so it contributes |U - V| times the gap to the next
  // group. Inside a group scipy multiplies by zero gaps, which is NaN for infinite values.
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < nu || j < nv) {
    const x = j >= nv || (i < nu && uv[i]! <= vv[j]!) ? uv[i]! : vv[j]!;
    const i0 = i;
    const j0 = j;
    while (i < nu && uv[i]! <= x) i++;
    while (j < nv && vv[j]! <= x) j++;
    if (i - i0 + (j - j0) > 1 && !Number.isFinite(x)) return Number.NaN;
    if (i === nu && j === nv) break;
    const next = j >= nv || (i < nu && uv[i]! <= vv[j]!) ? uv[i]! : vv[j]!;
    total += abs(cdfAt(us, i) - cdfAt(vs, j)) * (next - x);
  }
  return total;
}

/** scipy.special.rel_entr(x, y) */
function relEntr(x: number, y: number): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (x > 0 && y > 0) return x * log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Number.POSITIVE_INFINITY;
}

function sumOf(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/**
 * scipy.spatial.distance.jensenshannon(p, q, base): p and q are divided by their sums, then
 * sqrt((KL(p||m) + KL(q||m)) / 2 / ln(base)) with m = (p + q) / 2. base defaults to e.
 */
export function jensenShannonDistance(p: readonly number[], q: readonly number[], base?: number): number {
  if (p.length !== q.length) {
    throw new RangeError(`jensenShannonDistance: p has ${p.length} entries but q has ${q.length}`);
  }
  const pSum = sumOf(p);
  const qSum = sumOf(q);
  let left = 0;
  let right = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]! / pSum;
    const qi = q[i]! / qSum;
    const mi = (pi + qi) / 2.0;
    left += relEntr(pi, mi);
    right += relEntr(qi, mi);
  }
  let js = left + right;
  if (base !== undefined) js /= log(base);
  return sqrt(js / 2.0);
}

/**
 * Evidently's empty-bin filling (stattests/utils.py get_binned_data, feel_zeroes=True): a
 * proportion of 0 becomes 0.0001, or min(non-zero proportions) / 1e6 when that minimum is itself
 * <= 0.0001, so the logarithm stays finite and an empty bin still weighs heavily.
 */
function fillEmptyBins(proportions: number[], name: string): number[] {
  let minNonZero = Number.POSITIVE_INFINITY;
  for (const p of proportions) if (p !== 0 && p < minNonZero) minNonZero = p;
  if (minNonZero === Number.POSITIVE_INFINITY) {
    throw new RangeError(`populationStabilityIndex: the ${name} bins are all empty`);
  }
  const fill = minNonZero <= 0.0001 ? minNonZero / 10 ** 6 : 0.0001;
  return proportions.map((p) => (p === 0 ? fill : p));
}

function toProportions(counts: readonly number[], name: string): number[] {
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (!(c >= 0 && Number.isFinite(c)))
      throw new RangeError(`populationStabilityIndex: ${name} bin ${i} is ${c}`);
  }
  const total = sumOf(counts);
  return counts.map((c) => c / total);
}

/**
 * Population stability index over matching bins, as Evidently computes it:
 * sum((a - e) * ln(a / e)) over the bins' proportions. Inputs may be counts or proportions
 * (each is divided by its sum). Empty bins get Evidently's epsilon: 0.0001, or the smallest
 * non-zero proportion / 1e6 when that is <= 0.0001 (see fillEmptyBins).
 */
export function populationStabilityIndex(expected: readonly number[], actual: readonly number[]): number {
  if (expected.length !== actual.length) {
    throw new RangeError(
      `populationStabilityIndex: ${expected.length} expected bins but ${actual.length} actual ones`,
    );
  }
  if (expected.length === 0) throw new RangeError('populationStabilityIndex: no bins');
  const e = fillEmptyBins(toProportions(expected, 'expected'), 'expected');
  const a = fillEmptyBins(toProportions(actual, 'actual'), 'actual');
  let psi = 0;
  for (let i = 0; i < e.length; i++) psi += (e[i]! - a[i]!) * log(e[i]! / a[i]!);
  return psi;
}
