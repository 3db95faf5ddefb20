// biome-ignore-all lint/style/noNonNullAssertion: the counting loop indexes typed arrays inside loop bounds
/**
 * McNemar's test for two classifiers scored on the same rows: only the discordant pairs count,
 * b = rows only the candidate got right, c = rows only the baseline got right. Under the null hypothesis
 * (both err equally often) b ~ Binomial(b + c, 1/2).
 *
 * Method rule ('auto'): the exact two-sided binomial test when b + c < 25, otherwise the chi-square
 * statistic with continuity correction (|b - c| - 1)^2 / (b + c) on 1 degree of freedom. 25 is the usual
 * textbook threshold below which the chi-square approximation is poor; above it the corrected chi-square
 * stays within a few percent of the exact p-value and is what R's mcnemar.test and statsmodels'
 * mcnemar(exact=False) report. (statsmodels' own default is exact=True for every count; pass 'exact' for
 * that.) The statistic is not clamped at |b - c| < 1, as in R and statsmodels: b = c gives 1 / (b + c).
 *
 * The exact p-value is scipy.stats.binomtest(b, b + c, 0.5).pvalue (scipy 1.10): for p = 1/2 the
 * distribution is symmetric, so binomtest's two-sided sum over outcomes no more likely than the observed
 * one is min(1, 2 * P(X <= min(b, c))), and exactly 1 when b = c. statistic is min(b, c) for the exact
 * test, as statsmodels reports it. With no discordant pair (b = c = 0, where binomtest refuses n = 0)
 * there is no evidence either way: p-value 1, statistic 0, method 'exact'.
 */
import { chiSquareSurvival, logGamma } from './special';

const { abs, exp, log, min, PI, sqrt } = Math;

export type McNemarMethod = 'exact' | 'chi-square';

export interface McNemarResult {
  statistic: number;
  pValue: number;
  method: McNemarMethod;
  /** Rows only the candidate classified correctly. */
  b: number;
  /** Rows only the baseline classified correctly. */
  c: number;
}

/** Below this many discordant pairs the 'auto' rule uses the exact binomial test. */
export const MCNEMAR_EXACT_BELOW = 25;

export function mcnemarTest(b: number, c: number, method: McNemarMethod | 'auto' = 'auto'): McNemarResult {
  for (const [name, value] of [
    ['b', b],
    ['c', c],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`McNemar: ${name} must be a count (a non-negative integer), got ${value}`);
  }
  const n = b + c;
  const chosen: McNemarMethod =
    method === 'auto' ? (n < MCNEMAR_EXACT_BELOW ? 'exact' : 'chi-square') : method;
  if (n === 0) return { statistic: 0, pValue: 1, method: chosen, b, c };
  if (chosen === 'chi-square') {
    const statistic = (abs(b - c) - 1) ** 2 / n;
    return { statistic, pValue: chiSquareSurvival(statistic, 1), method: chosen, b, c };
  }
  const k = min(b, c);
  const pValue = 2 * k === n ? 1 : min(1, 2 * binomialHalfCdf(k, n));
  return { statistic: k, pValue, method: chosen, b, c };
}

/**
 * b and c from per-row labels and the two models' predictions (any integer codes, compared for equality).
 */
export function discordantPairs(
  labels: ArrayLike<number>,
  candidate: ArrayLike<number>,
  baseline: ArrayLike<number>,
): { b: number; c: number } {
  const n = labels.length;
  if (candidate.length !== n || baseline.length !== n)
    throw new RangeError(
      `McNemar: ${n} labels but ${candidate.length} candidate and ${baseline.length} baseline predictions`,
    );
  let b = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const label = labels[i]!;
    const candidateRight = candidate[i]! === label;
    if (candidateRight !== (baseline[i]! === label)) {
      if (candidateRight) b++;
      else c++;
    }
  }
  return { b, c };
}

// ---------------------------------------------------------------------------------------------------------
// P(X <= k) for X ~ Binomial(n, 1/2), k < n / 2

/** Up to here C(n, i) and their sums are exact integers in a double, so the sum is exact. */
const EXACT_SUM_MAX_N = 50;

function binomialHalfCdf(k: number, n: number): number {
  if (n <= EXACT_SUM_MAX_N) {
    let term = 1; // C(n, 0)
    let sum = 1;
    for (let i = 1; i <= k; i++) {
      term = (term * (n - i + 1)) / i; // exact: C(n, i) is an integer below 2^53
      sum += term;
    }
    return sum / 2 ** n;
  }
  // Sum the terms downwards from pmf(k): they shrink at least geometrically (ratio i / (n - i + 1) < 1).
  let term = binomialHalfPmf(k, n);
  let sum = term;
  for (let i = k; i > 0 && term > sum * 1e-17; i--) {
    term *= i / (n - i + 1);
    sum += term;
  }
  return sum;
}

/**
 * Binomial(n, 1/2) pmf at k by Loader's saddle-point form ("Fast and accurate computation of binomial
 * probabilities", 2000; R's dbinom_raw), accurate to about 1e-15 relative even for large n where
 * exp(log n! - log k! - ...) would lose digits to cancellation.
 */
function binomialHalfPmf(k: number, n: number): number {
  if (k === 0) return 2 ** -n;
  const half = n / 2;
  const logValue =
    stirlingError(n) - stirlingError(k) - stirlingError(n - k) - deviance(k, half) - deviance(n - k, half);
  return exp(logValue) * sqrt(n / (2 * PI * k * (n - k)));
}

const LOG_SQRT_2PI = 0.5 * log(2 * PI);

/** log(n!) - log(sqrt(2 pi n) (n/e)^n). */
function stirlingError(n: number): number {
  if (n <= 15) return logGamma(n + 1) - (n + 0.5) * log(n) + n - LOG_SQRT_2PI;
  const nn = n * n;
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / 1188 / nn) / nn) / nn) / nn) / n;
}

/** x log(x / np) + np - x, computed without cancellation when x is near np (Loader's bd0). */
function deviance(x: number, np: number): number {
  if (abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const next = s + ej / (2 * j + 1);
      if (next === s) return next;
      s = next;
    }
    return s;
  }
  return x * log(x / np) + np - x;
}
