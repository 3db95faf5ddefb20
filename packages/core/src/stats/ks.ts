// biome-ignore-all lint/style/noNonNullAssertion: numeric kernels index typed arrays inside loop bounds
/**
 * Two-sample Kolmogorov-Smirnov test, a port of scipy.stats.ks_2samp from SciPy 1.10
 * (scipy/stats/_stats_py.py, and `_compute_outer_prob_inside_method` from
 * scipy/stats/_stats_pythran.py) for alternative='two-sided', method='auto'.
 */
import { kolmogorovTwoSidedSurvival } from './kolmogorov';
import { sortFloat64InPlace } from './sort';

// Module-level aliases: global lookups are slow in hot loops under jest's vm sandbox.
const { abs, ceil, floor, max, min, round } = Math;
const isNaNNumber = Number.isNaN;

/** ks_2samp's MAX_AUTO_N: 'auto' tries the exact distribution when max(n1, n2) <= this. */
const MAX_AUTO_N = 10000;

export interface KsTwoSampleResult {
  statistic: number;
  pValue: number;
  method: 'exact' | 'asymptotic';
}

/** Copies a sample into a sorted Float64Array, rejecting NaN and empty samples. */
export function sortedSample(values: ArrayLike<number>, name: string): Float64Array {
  const out = Float64Array.from(values);
  if (out.length === 0) throw new RangeError(`${name}: the sample is empty`);
  for (let i = 0; i < out.length; i++) {
    if (isNaNNumber(out[i]!)) throw new RangeError(`${name}: value ${i} is NaN`);
  }
  return sortFloat64InPlace(out);
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/** numpy.round: round half to even. */
export function roundHalfEven(x: number): number {
  const r = round(x);
  if (abs(x % 1) === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}

/**
 * P(D_{n,n} >= h/n) for equal sample sizes (scipy `_compute_prob_outside_square`):
 * 2 * (binom(2n, n-h) - binom(2n, n-2h) + ...) / binom(2n, n), evaluated Horner-like to
 * avoid the subtractive cancellation.
 */
function probOutsideSquare(n: number, h: number): number {
  let P = 0.0;
  let k = floor(n / h);
  while (k >= 0) {
    let p1 = 1.0;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1.0 - P);
    k -= 1;
  }
  return 2 * P;
}

/**
 * Proportion of lattice paths from (0,0) to (m,n) that leave the band |x/m - y/n| < h/lcm(m,n)
 * (scipy `_compute_outer_prob_inside_method`: Hodges 1958, with Viehmann's recursion for 1-p,
 * arXiv:2102.08037). A sliding window of one column is kept.
 */
function outerProbInside(m0: number, n0: number, g: number, h: number): number {
  const m = max(m0, n0);
  const n = min(m0, n0);
  const mg = floor(m / g);
  const ng = floor(n / g);
  let minj = 0;
  let maxj = min(ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1.0);
  A.fill(0.0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = max(floor((ng * i - h) / mg) + 1, 0);
    minj = min(minj, n);
    maxj = min(ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1.0;
    let val = minj === 0 ? 0.0 : 1.0;
    const shift = minj - lastminj;
    const width = maxj - minj;
    for (let jj = 0; jj < width; jj++) {
      const j = jj + minj;
      val = (A[jj + shift]! * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = width;
    if (lastlen > curlen) A.fill(1.0, width, width + (lastlen - curlen));
  }
  return A[maxj - minj - 1]!;
}

/** scipy `_attempt_exact_2kssamp` for the two-sided alternative. */
function attemptExact(
  n1: number,
  n2: number,
  g: number,
  dIn: number,
): { success: boolean; d: number; prob: number } {
  const lcm = floor(n1 / g) * n2;
  const h = roundHalfEven(dIn * lcm);
  const d = h / lcm;
  if (h === 0) return { success: true, d, prob: 1.0 };
  const prob = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
  // NaN fails this test too, as in scipy.
  if (!(prob >= 0 && prob <= 1)) return { success: false, d, prob };
  return { success: true, d, prob };
}

/**
 * scipy.stats.ks_2samp(a, b) with alternative='two-sided', method='auto'. The statistic is
 * max |F_a(x) - F_b(x)| over the pooled values; the p-value is exact (Hodges' lattice-path
 * counting) when max(n1, n2) <= 10000, else from kstwo.sf(d, round(n1*n2/(n1+n2))). Like scipy,
 * a failed exact computation (a probability outside [0, 1]) falls back to the asymptotic one.
 * In exact mode the statistic is, as in scipy, rounded to the lattice: h / lcm(n1, n2).
 * Inputs need not be sorted; NaN or an empty sample throws a RangeError.
 */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): KsTwoSampleResult {
  const x = sortedSample(a, 'ksTwoSample a');
  const y = sortedSample(b, 'ksTwoSample b');
  const n1 = x.length;
  const n2 = y.length;

  // cdf1 - cdf2 at every pooled value, as searchsorted(side='right') / n does.
  let maxS = Number.NEGATIVE_INFINITY;
  let minDiff = Number.POSITIVE_INFINITY;
  let i = 0;
  let j = 0;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && x[i]! <= y[j]!) ? x[i]! : y[j]!;
    while (i < n1 && x[i]! <= v) i++;
    while (j < n2 && y[j]! <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxS) maxS = diff;
    if (diff < minDiff) minDiff = diff;
  }
  const minS = min(max(-minDiff, 0), 1);
  return ksTwoSampleOfStatistic(max(minS, maxS), n1, n2);
}

/**
 * ks_2samp's result from its statistic D and the sample sizes: the p-value depends on nothing else, so a D found
 * another way (validate-data counts one sample on the other's values in a scan) gives scipy's result.
 */
export function ksTwoSampleOfStatistic(statistic: number, n1: number, n2: number): KsTwoSampleResult {
  let d = statistic;
  const g = gcd(n1, n2);
  let method: 'exact' | 'asymptotic' = max(n1, n2) <= MAX_AUTO_N ? 'exact' : 'asymptotic';
  let prob = Number.NEGATIVE_INFINITY;
  if (method === 'exact') {
    const exact = attemptExact(n1, n2, g, d);
    d = exact.d;
    prob = exact.prob;
    if (!exact.success) method = 'asymptotic';
  }
  if (method === 'asymptotic') {
    const m = max(n1, n2);
    const n = min(n1, n2);
    const en = (m * n) / (m + n);
    prob = kolmogorovTwoSidedSurvival(roundHalfEven(en), d);
  }
  prob = min(max(prob, 0), 1);
  return { statistic: d, pValue: prob, method };
}
