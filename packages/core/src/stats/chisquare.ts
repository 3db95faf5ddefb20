// biome-ignore-all lint/style/noNonNullAssertion: numeric kernels index arrays inside loop bounds
/**
 * Chi-square goodness of fit, a port of scipy.stats.chisquare / power_divergence (lambda_=1)
 * from SciPy 1.10 (scipy/stats/_stats_py.py), and the drift test built on it the way Evidently
 * does (evidently/calculations/stattests/chisquare_stattest.py).
 */
import { chiSquareSurvival } from './special';

// Module-level aliases: global lookups are slow in hot loops under jest's vm sandbox.
const { abs, min } = Math;

export interface ChiSquareResult {
  statistic: number;
  pValue: number;
  degreesOfFreedom: number;
}

/** power_divergence's tolerance on sum(observed) vs sum(expected). */
const SUM_RTOL = 1e-8;

/**
 * scipy.stats.chisquare(observed, expected), ddof 0: statistic sum((o - e)^2 / e), p-value
 * chi2.sf(statistic, k - 1). As in scipy, the sums of observed and expected must agree to a
 * relative 1e-8 (else RangeError); an expected 0 with observed > 0 gives an infinite statistic
 * and p-value 0; k = 1 gives 0 degrees of freedom and a NaN p-value.
 */
export function chiSquareTest(observed: readonly number[], expected: readonly number[]): ChiSquareResult {
  const k = observed.length;
  if (k === 0) throw new RangeError('chiSquareTest: no categories');
  if (expected.length !== k) {
    throw new RangeError(`chiSquareTest: ${k} observed but ${expected.length} expected frequencies`);
  }
  let observedSum = 0;
  let expectedSum = 0;
  for (let i = 0; i < k; i++) {
    observedSum += observed[i]!;
    expectedSum += expected[i]!;
  }
  const relativeDiff = abs(observedSum - expectedSum) / min(observedSum, expectedSum);
  if (relativeDiff > SUM_RTOL) {
    throw new RangeError(
      `chiSquareTest: observed frequencies sum to ${observedSum} but expected ones to ${expectedSum}`,
    );
  }
  let statistic = 0;
  for (let i = 0; i < k; i++) {
    const diff = observed[i]! - expected[i]!;
    statistic += (diff * diff) / expected[i]!;
  }
  const degreesOfFreedom = k - 1;
  return { statistic, pValue: chiSquareSurvival(statistic, degreesOfFreedom), degreesOfFreedom };
}

function checkCounts(counts: ReadonlyMap<string, number>, name: string): number {
  let total = 0;
  for (const [category, count] of counts) {
    if (!(count >= 0 && Number.isFinite(count))) {
      throw new RangeError(`chiSquareDrift: ${name} count of category "${category}" is ${count}`);
    }
    total += count;
  }
  if (total === 0) throw new RangeError(`chiSquareDrift: the ${name} counts are all zero`);
  return total;
}

/**
 * Chi-square drift test as Evidently computes it: the categories are the union of those seen in
 * either sample (categories with count 0 in both are dropped, as Evidently only knows observed
 * values), expected = reference count × (current total / reference total), and the result is
 * chisquare(current counts, expected).
 *
 * A category the reference never saw but the current sample has: expected is 0, so the statistic
 * is +Infinity and the p-value 0 — Evidently's behaviour (numpy's division by zero inside
 * scipy.stats.chisquare), and the principled one: under the null hypothesis that the current
 * sample follows the reference distribution such a value has probability 0, which is drift.
 *
 * A single category in both samples: scipy reports a NaN p-value (0 degrees of freedom). Both
 * distributions then put all their mass on that category, so this returns p-value 1 (no drift).
 *
 * Either sample with no counts at all throws a RangeError (there is nothing to test).
 */
export function chiSquareDrift(
  reference: ReadonlyMap<string, number>,
  current: ReadonlyMap<string, number>,
): ChiSquareResult {
  const referenceTotal = checkCounts(reference, 'reference');
  const currentTotal = checkCounts(current, 'current');
  const categories = new Set<string>();
  for (const [category, count] of reference) if (count > 0) categories.add(category);
  for (const [category, count] of current) if (count > 0) categories.add(category);
  // Sorted so the floating-point sums do not depend on map insertion order.
  const keys = [...categories].sort();
  const kNorm = currentTotal / referenceTotal;
  const expected = keys.map((key) => (reference.get(key) ?? 0) * kNorm);
  const observed = keys.map((key) => current.get(key) ?? 0);
  if (keys.length === 1) return { statistic: 0, pValue: 1, degreesOfFreedom: 0 };
  return chiSquareTest(observed, expected);
}
