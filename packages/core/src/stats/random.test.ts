// biome-ignore-all lint/style/noNonNullAssertion: the test indexes its own counts and oracle results
/**
 * The bootstrap's samplers draw from the distributions they claim: 200,000 draws per case, compared by a
 * chi-square goodness-of-fit test with the probabilities Debian's scipy 1.10 (/usr/bin/python3) gives
 * (binom.pmf, cdf, sf), a Kolmogorov-Smirnov distance for the normal. Seeds are fixed, so each test has one
 * outcome; a wrong sampler (an off-by-one, a wrong BTRS constant) fails with a p-value near 0.
 */
import { execFileSync } from 'node:child_process';
import { chiSquareTest } from './chisquare';
import { SeededRandom } from './random';
import { erfc } from './special';

const PYTHON = '/usr/bin/python3';
const DRAWS = 200_000;
const ORACLE = `
import json, sys
from scipy import stats
out = []
for n, p, lo, hi in json.load(sys.stdin):
    # P(X <= lo), P(X = k) for lo < k < hi, P(X >= hi)
    out.append([float(stats.binom.cdf(lo, n, p))] + [float(stats.binom.pmf(k, n, p)) for k in range(lo + 1, hi)] + [float(stats.binom.sf(hi - 1, n, p))])
print(json.dumps(out))
`;

/** (n, p): inversion (n p < 10), BTRS (n p >= 10), p > 1/2 through the complement, degenerate ends. */
const binomialCases: [number, number][] = [
  [1, 0.5],
  [5, 0.3],
  [40, 0.2],
  [100, 0.1],
  [1000, 0.5],
  [1_000_000, 0.001],
  [1_000_000, 0.7],
  [37, 0.999],
  [2_000_000, 3e-6],
  [250, 0.37],
];

/** Bins that keep at least ~20 expected draws: the range lo..hi with both tails folded in. */
function binRange(n: number, p: number): [number, number] {
  const mean = n * p;
  const sd = Math.sqrt(n * p * (1 - p));
  const lo = Math.max(-1, Math.floor(mean - 4 * sd));
  const hi = Math.min(n + 1, Math.ceil(mean + 4 * sd) + 1);
  return [lo, hi];
}

let probabilities: number[][] = [];

beforeAll(() => {
  const request = binomialCases.map(([n, p]) => [n, p, ...binRange(n, p)]);
  probabilities = JSON.parse(
    execFileSync(PYTHON, ['-c', ORACLE], { input: JSON.stringify(request), encoding: 'utf8' }),
  );
});

test('binomial draws follow scipy.stats.binom', () => {
  binomialCases.forEach(([n, p], c) => {
    const [lo, hi] = binRange(n, p);
    const random = new SeededRandom(7, 1, c);
    const counts = new Array<number>(hi - lo + 1).fill(0);
    for (let d = 0; d < DRAWS; d++) {
      const k = random.binomial(n, p);
      if (!Number.isInteger(k) || k < 0 || k > n) throw new Error(`Binomial(${n}, ${p}) drew ${k}`);
      counts[Math.min(Math.max(k, lo), hi) - lo]!++;
    }
    // Merge neighbouring bins until each expects at least 20 draws, so the chi-square approximation holds.
    const observed: number[] = [];
    const expected: number[] = [];
    let o = 0;
    let e = 0;
    probabilities[c]!.forEach((probability, i) => {
      o += counts[i]!;
      e += probability * DRAWS;
      if (e >= 20) {
        observed.push(o);
        expected.push(e);
        o = 0;
        e = 0;
      }
    });
    if (observed.length === 0) {
      observed.push(o);
      expected.push(e);
    } else {
      observed[observed.length - 1]! += o;
      expected[expected.length - 1]! += e;
    }
    if (observed.length < 2) return; // one outcome (n = 1 merged): nothing to test beyond the range check
    // scipy's probabilities sum to 1 within rounding; rescale so the totals agree exactly.
    const total = expected.reduce((s, v) => s + v, 0);
    const { pValue } = chiSquareTest(
      observed,
      expected.map((v) => (v * DRAWS) / total),
    );
    if (!(pValue > 1e-4)) throw new Error(`Binomial(${n}, ${p}): chi-square p-value ${pValue}`);
  });
});

test('the degenerate binomials', () => {
  const random = new SeededRandom(1);
  expect(random.binomial(0, 0.3)).toBe(0);
  expect(random.binomial(10, 0)).toBe(0);
  expect(random.binomial(10, 1)).toBe(10);
});

test('normal draws: Kolmogorov-Smirnov distance to the standard normal below its 0.1% critical value', () => {
  const random = new SeededRandom(8);
  const draws = Float64Array.from({ length: DRAWS }, () => random.nextNormal()).sort();
  let distance = 0;
  draws.forEach((x, i) => {
    const cdf = 0.5 * erfc(-x / Math.SQRT2);
    distance = Math.max(distance, Math.abs(cdf - i / DRAWS), Math.abs((i + 1) / DRAWS - cdf));
  });
  expect(distance).toBeLessThan(1.95 / Math.sqrt(DRAWS));
});

test('row indexes are uniform, below and above the 2^21 bound where the method changes', () => {
  for (const bound of [7, 1000, 3_000_001]) {
    const random = new SeededRandom(9, 0, bound);
    const bins = 50;
    const counts = new Array<number>(bins).fill(0);
    for (let d = 0; d < DRAWS; d++) {
      const index = random.nextIndex(bound);
      if (!Number.isInteger(index) || index < 0 || index >= bound)
        throw new Error(`index ${index} of ${bound}`);
      counts[Math.floor((index * bins) / bound)]!++;
    }
    // Each bin holds floor or ceil(bound / bins) indexes: its exact share.
    const expected = counts.map((_, b) => {
      const first = Math.ceil((b * bound) / bins);
      const end = Math.ceil(((b + 1) * bound) / bins);
      return ((end - first) / bound) * DRAWS;
    });
    const used = expected.map((e, b) => [counts[b]!, e] as const).filter(([, e]) => e > 0);
    const { pValue } = chiSquareTest(
      used.map(([o]) => o),
      used.map(([, e]) => e),
    );
    if (!(pValue > 1e-4)) throw new Error(`nextIndex(${bound}): chi-square p-value ${pValue}`);
  }
});

test('streams: the same (seed, stream, index) repeats, any other differs', () => {
  const draw = (seed: number, stream: number, index: number) => {
    const random = new SeededRandom(seed, stream, index);
    return [random.nextUint32(), random.nextUint32(), random.nextUint32()];
  };
  expect(draw(1, 2, 3)).toEqual(draw(1, 2, 3));
  const seen = new Set(
    [draw(1, 2, 3), draw(1, 2, 4), draw(1, 3, 3), draw(2, 2, 3), draw(0, 0, 0)].map(String),
  );
  expect(seen.size).toBe(5);
});
