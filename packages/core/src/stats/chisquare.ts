// biome-ignore-all lint/style/noNonNullAssertion: numeric kernels index arrays inside loop bounds
/**
 * Chi-square goodness of fit, a port of scipy.stats.chisquare / power_divergence (lambda_=1)
 * from SciPy 1.10 (scipy/stats/_stats_py.py), and the drift test of two samples, a port of
 * scipy.stats.chi2_contingency as NannyML uses it (nannyml/drift/univariate/methods.py).
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
 * Chi-square drift test: the test of homogeneity of two samples' category counts, scipy.stats.chi2_contingency
 * on the 2 x k table [reference counts, current counts] with its defaults (Yates' correction at 1 degree of
 * freedom), as NannyML computes it. The categories are those seen in either sample (a category with 0 in both is
 * dropped: chi2_contingency refuses a zero expected count); expected counts are row total x column total / total.
 *
 * Both samples are samples: a category only one of them has (a value new in the current data) adds to the
 * statistic by how many rows have it, and one row in hundreds does not decide drift. Evidently's goodness of fit
 * (the reference's shares taken as exact, expected 0 for a new category) gives an infinite statistic and p-value 0
 * for a single new row; validate-data reports new values on their own instead (see drift.ts).
 *
 * A single category in both samples: 0 degrees of freedom, statistic 0 and p-value 1 (scipy's chi2_contingency
 * says the same). Either sample with no counts at all throws a RangeError (there is nothing to test).
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
  if (keys.length === 1) return { statistic: 0, pValue: 1, degreesOfFreedom: 0 };
  const total = referenceTotal + currentTotal;
  const degreesOfFreedom = keys.length - 1;
  let statistic = 0;
  for (const [counts, rowTotal] of [
    [reference, referenceTotal],
    [current, currentTotal],
  ] as const) {
    for (const key of keys) {
      const columnTotal = (reference.get(key) ?? 0) + (current.get(key) ?? 0);
      const expected = (rowTotal * columnTotal) / total;
      let observed = counts.get(key) ?? 0;
      // Yates' correction, as chi2_contingency applies it: each count moved up to 0.5 towards its expected count.
      if (degreesOfFreedom === 1)
        observed += Math.sign(expected - observed) * min(0.5, abs(expected - observed));
      statistic += ((observed - expected) * (observed - expected)) / expected;
    }
  }
  return { statistic, pValue: chiSquareSurvival(statistic, degreesOfFreedom), degreesOfFreedom };
}
