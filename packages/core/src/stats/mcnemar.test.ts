// biome-ignore-all lint/style/noNonNullAssertion: the test indexes its own cases and oracle results
/**
 * McNemar's test against Debian's scipy 1.10 (/usr/bin/python3): binomtest(b, b + c, 0.5).pvalue for the
 * exact test and chi2.sf((|b - c| - 1)^2 / (b + c), 1) for the chi-square one, all pairs in one python run.
 */
import { execFileSync } from 'node:child_process';
import { discordantPairs, MCNEMAR_EXACT_BELOW, mcnemarTest } from './index';

const PYTHON = '/usr/bin/python3';
const ORACLE = `
import json, sys
from scipy import stats
pairs = json.load(sys.stdin)
out = []
for b, c in pairs:
    n = b + c
    exact = stats.binomtest(b, n, 0.5).pvalue if n > 0 else None
    statistic = (abs(b - c) - 1) ** 2 / n if n > 0 else None
    chi = float(stats.chi2.sf(statistic, 1)) if n > 0 else None
    out.append([exact, statistic, chi])
print(json.dumps(out))
`;

/** Small counts around the 25 boundary, ties, zeros, ones, and large counts where only tails remain. */
const pairs: [number, number][] = [];
for (let b = 0; b <= 14; b++) for (let c = 0; c <= 14; c++) if (b + c > 0) pairs.push([b, c]);
for (const [b, c] of [
  [12, 12],
  [12, 13],
  [0, 24],
  [0, 25],
  [24, 1],
  [25, 0],
  [1, 1],
  [1, 0],
  [13, 13],
  [30, 30],
  [31, 30],
  [40, 60],
  [60, 40],
  [100, 140],
  [500, 520],
  [1000, 1000],
  [1000, 1001],
  [1234, 1300],
  [5000, 5300],
  [0, 1000],
  [3, 2000],
  [49, 51],
  [25, 26],
  [120000, 121000],
  [500000, 499000],
  [1000000, 1002000],
] as [number, number][])
  pairs.push([b, c]);

let oracle: [number | null, number | null, number | null][] = [];

beforeAll(() => {
  const out = execFileSync(PYTHON, ['-c', ORACLE], { input: JSON.stringify(pairs), encoding: 'utf8' });
  oracle = JSON.parse(out);
});

/** Relative agreement, with an absolute floor for p-values that underflow toward 0. */
function expectClose(actual: number, expected: number, what: string, rel: number): void {
  const diff = Math.abs(actual - expected);
  if (diff > rel * Math.abs(expected) && diff > 1e-300)
    throw new Error(`${what}: got ${actual}, scipy ${expected} (relative ${diff / Math.abs(expected)})`);
}

test('the automatic rule: exact binomial below 25 discordant pairs, corrected chi-square from 25', () => {
  expect(pairs.length).toBeGreaterThan(200);
  pairs.forEach(([b, c], i) => {
    const [exact, statistic, chi] = oracle[i]!;
    const result = mcnemarTest(b, c);
    expect({ b: result.b, c: result.c }).toEqual({ b, c });
    if (b + c < MCNEMAR_EXACT_BELOW) {
      expect(result.method).toBe('exact');
      expect(result.statistic).toBe(Math.min(b, c));
      expectClose(result.pValue, exact!, `exact p-value b=${b} c=${c}`, 1e-13);
    } else {
      expect(result.method).toBe('chi-square');
      expectClose(result.statistic, statistic!, `statistic b=${b} c=${c}`, 1e-15);
      expectClose(result.pValue, chi!, `chi-square p-value b=${b} c=${c}`, 1e-10);
    }
  });
});

test('the exact test on request for every count, large ones through the saddle-point binomial', () => {
  pairs.forEach(([b, c], i) => {
    const result = mcnemarTest(b, c, 'exact');
    expect(result.method).toBe('exact');
    // Up to 50 pairs the binomial sum is exact integer arithmetic; above, Loader's pmf and a downward sum.
    expectClose(result.pValue, oracle[i]![0]!, `exact p-value b=${b} c=${c}`, b + c <= 50 ? 1e-13 : 1e-11);
  });
});

test('the chi-square test on request even for few pairs', () => {
  pairs.forEach(([b, c], i) => {
    const result = mcnemarTest(b, c, 'chi-square');
    expect(result.method).toBe('chi-square');
    expectClose(result.pValue, oracle[i]![2]!, `chi-square p-value b=${b} c=${c}`, 1e-10);
  });
});

test('no discordant pair is no evidence: p-value 1', () => {
  expect(mcnemarTest(0, 0)).toEqual({ statistic: 0, pValue: 1, method: 'exact', b: 0, c: 0 });
  expect(mcnemarTest(0, 0, 'chi-square').pValue).toBe(1);
});

test('counts must be non-negative integers', () => {
  expect(() => mcnemarTest(-1, 3)).toThrow('b must be a count');
  expect(() => mcnemarTest(2, 1.5)).toThrow('c must be a count');
  expect(() => mcnemarTest(Number.NaN, 1)).toThrow('b must be a count');
});

test('discordant pairs: b counts rows only the candidate got right, c rows only the baseline got right', () => {
  const labels = [0, 1, 1, 0, 2, 2, 1, 0];
  const candidate = [0, 1, 0, 1, 2, 2, 1, 1];
  const baseline = [1, 1, 1, 0, 2, 0, 0, 1];
  // rows 0, 5, 6: only the candidate is right; rows 2, 3: only the baseline; rows 1, 4: both; row 7: neither.
  expect(discordantPairs(labels, candidate, baseline)).toEqual({ b: 3, c: 2 });
  expect(() => discordantPairs(labels, candidate, baseline.slice(1))).toThrow(
    '8 labels but 8 candidate and 7',
  );
});
