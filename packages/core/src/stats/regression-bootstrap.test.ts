// biome-ignore-all lint/style/noNonNullAssertion: the test indexes its own generated data and oracle results
/**
 * The paired regression bootstrap against Debian's numpy 1.24 / scikit-learn 1.2.1 (regression-bootstrap-oracle.py):
 * - one weighting of the rows against scikit-learn's metrics with sample_weight, to 1e-12;
 * - the intervals against numpy's own row-resampling bootstrap (its own random generator, 20,000 resamples
 *   on each side). Two random streams, so the bounds agree up to Monte-Carlo error: each bound may differ by
 *     Z * dQ/dq * sqrt(q (1 - q)) * sqrt(1 / R_numpy + 1 / R_mlci),
 *   the standard error of a q-quantile estimated from R resamples (dQ/dq from numpy's resamples), Z = 4,
 *   plus, for the linearized method, LINEARIZED_ALLOWANCE standard deviations of the delta (the module
 *   comment's bound for these data is below 0.01);
 * - on six rows, the exact bootstrap distribution (all 6^6 index sequences, resamples with a constant y
 *   included): the replicates' mean and variance within Z standard errors.
 * All oracle work goes to one python process in beforeAll.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RegressionMetricName } from '../metrics/names';
import { rng } from '../test-support/seeded';
import type { DeltaInterval } from './bootstrap';
import {
  type PairedRegressionBootstrapInput,
  PairedRegressionRows,
  pairedRegressionBootstrap,
  REGRESSION_EXACT_MAX_ROWS,
} from './regression-bootstrap';

const PYTHON = '/usr/bin/python3';
const ORACLE = fileURLToPath(new URL('./regression-bootstrap-oracle.py', import.meta.url));
const { abs, cos, log, max, PI, round, sqrt } = Math;

const Z = 4;
const LINEARIZED_ALLOWANCE = 0.05;
const METRICS: RegressionMetricName[] = ['rmse', 'mae', 'r2', 'mape'];
const NUMPY_RESAMPLES = 20000;

// ---------------------------------------------------------------- seeded data

type Data = Pick<PairedRegressionBootstrapInput<RegressionMetricName>, 'actual' | 'candidate' | 'baseline'>;

/**
 * y = 5 + 3x + noise; the candidate is a little closer than the baseline, their errors correlated. With
 * `outliers`, that share of each model's predictions is off by 20 standard deviations more (heavy tails).
 */
function regressionData(seed: number, n: number, outliers = 0): Data {
  const next = rng(seed);
  const normal = () => sqrt(-2 * log(1 - next())) * cos(2 * PI * next());
  const actual = new Float64Array(n);
  const candidate = new Float64Array(n);
  const baseline = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = normal();
    const y = 5 + 3 * x + normal();
    const shared = 0.6 * normal();
    actual[i] = y;
    candidate[i] = 5 + 2.95 * x + shared + 0.6 * normal() + (next() < outliers ? 20 * normal() : 0);
    baseline[i] = 5 + 2.9 * x + shared + 0.75 * normal() + (next() < outliers ? 20 * normal() : 0);
  }
  return { actual, candidate, baseline };
}

const main = regressionData(1, 2000);
const heavy = regressionData(2, 3000, 0.01);
/**
 * Six rows, y in {1, 2}: 3% of resamples draw one y value only, where r2 is scikit-learn's 1.0 or 0.0; the
 * candidate is exact on the rows with y = 1.
 */
const tiny: Data = {
  actual: Float64Array.from([1, 2, 1, 2, 2, 1]),
  candidate: Float64Array.from([1, 1.7, 1, 2.4, 2, 1]),
  baseline: Float64Array.from([1.5, 1.6, 0.9, 1.4, 2.3, 1.3]),
};

/** Integer weights 0 to 4 on 60 rows, including y = 0 (mape's eps) and the heavy data's tail. */
function weightings() {
  const next = rng(9);
  const base = regressionData(3, 60, 0.05);
  base.actual[7] = 0;
  const weights = Int32Array.from({ length: 60 }, () => round(next() * 4));
  // Only rows with y = 1 weighted: a constant y, scikit-learn's force_finite 0.0; a perfect model: 1.0.
  const constant = {
    actual: Float64Array.from({ length: 10 }, (_, i) => (i < 5 ? 1 : 2)),
    candidate: Float64Array.from({ length: 10 }, (_, i) => (i < 5 ? 1 : 3)),
    baseline: Float64Array.from({ length: 10 }, (_, i) => i * 0.3),
    weights: Int32Array.from({ length: 10 }, (_, i) => (i < 5 ? 1 + (i % 3) : 0)),
  };
  return [{ ...base, weights }, constant, { ...main, weights: main.actual.map((_, i) => (i * 7) % 3) }];
}

// ---------------------------------------------------------------- the oracle batch

type Values = Record<RegressionMetricName, number>;
interface OracleOutput {
  weighted: { candidate: Values; baseline: Values }[];
  cases: {
    point: Values;
    quantiles: Record<RegressionMetricName, [number, number]>;
    sparsity: Record<RegressionMetricName, [number, number]>;
  }[];
  enumerated: (Record<RegressionMetricName, [number, number][]> & { constantShare: number })[];
}

const CASES = { main: 0, heavy: 1 } as const;
const cases = [
  { name: 'main', data: main, seed: 11 },
  { name: 'heavy', data: heavy, seed: 12 },
];
let oracle: OracleOutput;

beforeAll(() => {
  const list = (a: ArrayLike<number>) => Array.from(a);
  const request = {
    weighted: weightings().map((w) => ({
      actual: list(w.actual),
      candidate: list(w.candidate),
      baseline: list(w.baseline),
      weights: list(w.weights),
    })),
    cases: cases.map(({ name, data, seed }) => ({
      name,
      actual: list(data.actual),
      candidate: list(data.candidate),
      baseline: list(data.baseline),
      resamples: NUMPY_RESAMPLES,
      confidence: 0.95,
      seed,
    })),
    enumerated: [
      {
        name: 'tiny',
        actual: list(tiny.actual),
        candidate: list(tiny.candidate),
        baseline: list(tiny.baseline),
      },
    ],
  };
  const out = execFileSync(PYTHON, [ORACLE], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  oracle = JSON.parse(out) as OracleOutput;
}, 120_000);

function defined(interval: DeltaInterval | undefined, what: string): Extract<DeltaInterval, { lo: number }> {
  if (!interval || interval.lo === null)
    throw new Error(`${what}: no interval (${JSON.stringify(interval)})`);
  return interval as Extract<DeltaInterval, { lo: number }>;
}

/** Each bound within Monte-Carlo error (plus the linearized allowance) of numpy's. */
function expectMatchesNumpy(which: keyof typeof CASES, result: Record<RegressionMetricName, DeltaInterval>) {
  const numpy = oracle.cases[CASES[which]]!;
  for (const metric of METRICS) {
    const interval = defined(result[metric], `${which} ${metric}`);
    // The point delta is scikit-learn's on all rows.
    expect(abs(interval.delta - numpy.point[metric])).toBeLessThanOrEqual(1e-12);
    const [numpyLo, numpyHi] = numpy.quantiles[metric];
    const sd = (numpyHi - numpyLo) / (2 * 1.959964);
    const allowance = interval.method === 'linearized' ? LINEARIZED_ALLOWANCE * sd : 0;
    [interval.lo, interval.hi].forEach((bound, side) => {
      const q = side === 0 ? 0.025 : 0.975;
      const standardError =
        numpy.sparsity[metric][side]! *
        sqrt(q * (1 - q)) *
        sqrt(1 / NUMPY_RESAMPLES + 1 / interval.resamples);
      const tolerance = Z * standardError + allowance;
      const expected = numpy.quantiles[metric][side]!;
      if (!(abs(bound - expected) <= tolerance))
        throw new Error(
          `${which} ${metric} (${interval.method}) ${side ? 'hi' : 'lo'}: ${bound}, numpy ${expected}, ` +
            `difference ${abs(bound - expected)} > tolerance ${tolerance} (${(abs(bound - expected) / sd).toFixed(3)} sd)`,
        );
    });
  }
}

// ---------------------------------------------------------------- one weighting against scikit-learn

test('the metrics of weighted rows are scikit-learn 1.2.1 with sample_weight, to 1e-12', () => {
  weightings().forEach((w, k) => {
    const got = new PairedRegressionRows(w.actual, w.candidate, w.baseline).metrics(w.weights);
    for (const side of ['candidate', 'baseline'] as const) {
      for (const metric of METRICS) {
        const want = oracle.weighted[k]![side][metric];
        const value = got[side][metric];
        if (!(abs(value - want) <= 1e-12 * max(1, abs(want))))
          throw new Error(`weighting ${k} ${side} ${metric}: ${value}, scikit-learn ${want}`);
      }
    }
  });
  // The constant weighting hits both force_finite cases, and the first one mape's eps.
  expect(oracle.weighted[1]!.candidate.r2).toBe(1);
  expect(oracle.weighted[1]!.baseline.r2).toBe(0);
  expect(oracle.weighted[0]!.candidate.mape).toBeGreaterThan(1e12);
});

// ---------------------------------------------------------------- against numpy's bootstrap

test('exact: both bounds of every metric match numpy row resampling within Monte-Carlo error', () => {
  const result = pairedRegressionBootstrap({ ...main, metrics: METRICS, resamples: 20000, seed: 1 });
  for (const metric of METRICS) expect(defined(result[metric], metric).method).toBe('exact');
  expectMatchesNumpy('main', result);
});

test('exact, heavy-tailed errors (1% off by 20 sd): match numpy within Monte-Carlo error', () => {
  expectMatchesNumpy(
    'heavy',
    pairedRegressionBootstrap({ ...heavy, metrics: METRICS, resamples: 20000, seed: 2 }),
  );
});

test('linearized: match numpy within Monte-Carlo error and the stated allowance', () => {
  const result = pairedRegressionBootstrap({
    ...main,
    metrics: METRICS,
    resamples: 20000,
    seed: 3,
    method: 'linearized',
  });
  for (const metric of METRICS) expect(defined(result[metric], metric).method).toBe('linearized');
  expectMatchesNumpy('main', result);
});

test('six rows: the replicates have the exact bootstrap distribution, constant-y resamples included', () => {
  const resamples = 40000;
  const result = pairedRegressionBootstrap({
    ...tiny,
    metrics: METRICS,
    resamples,
    seed: 4,
    keepReplicates: true,
  });
  const exact = oracle.enumerated[0]!;
  // All six draws among the three rows with y = 1, or among the three with y = 2.
  expect(exact.constantShare).toBeCloseTo(2 * 0.5 ** 6, 12);
  // Kolmogorov-Smirnov against the exact CDF: 1.95 / sqrt(R) is its 0.1% critical value (conservative for a
  // discrete distribution). A y = 1 resample scores r2 1.0 for the candidate, 0.0 for the baseline: 1.6%
  // of the mass at delta 1, which any other constant-y rule would move.
  for (const metric of METRICS) {
    const replicates = defined(result[metric], metric).replicates!.slice().sort();
    let distance = 0;
    let below = 0;
    for (const [value, probability] of exact[metric]) {
      while (below < resamples && replicates[below]! <= value + 5e-10) below++;
      distance = max(distance, abs(below / resamples - probability));
    }
    expect(distance).toBeLessThanOrEqual(1.95 / sqrt(resamples));
  }
  expect(defined(result.r2, 'r2').replicates!.filter((d) => d === 1).length / resamples).toBeGreaterThan(
    0.01,
  );
});

// ---------------------------------------------------------------- linearized against exact

test('linearized agrees with exact row resampling on 20,000 rows within Monte-Carlo error; its error is measured', () => {
  const data = regressionData(5, 20000, 0.002);
  const resamples = 1000;
  const exact = pairedRegressionBootstrap({
    ...data,
    metrics: METRICS,
    resamples,
    seed: 6,
    method: 'exact',
    keepReplicates: true,
  });
  const linearized = pairedRegressionBootstrap({
    ...data,
    metrics: METRICS,
    resamples,
    seed: 7,
    method: 'linearized',
    linearizationChecks: 5,
  });
  for (const metric of METRICS) {
    const a = defined(linearized[metric], metric);
    const b = defined(exact[metric], metric);
    expect(a.delta).toBe(b.delta);
    const sorted = b.replicates!.slice().sort();
    const slope = (p: number) =>
      (sorted[round((p + 0.01) * (resamples - 1))]! - sorted[round((p - 0.01) * (resamples - 1))]!) / 0.02;
    const sd = (b.hi - b.lo) / (2 * 1.959964);
    for (const [ours, reference, p] of [
      [a.lo, b.lo, 0.025],
      [a.hi, b.hi, 0.975],
    ] as const) {
      const tolerance = Z * slope(p) * sqrt(p * (1 - p) * (2 / resamples)) + LINEARIZED_ALLOWANCE * sd;
      expect(abs(ours - reference)).toBeLessThanOrEqual(tolerance);
    }
    const approximation = a.approximation!;
    expect(approximation.checkResamples).toBe(5);
    expect(approximation.groups).toBeLessThanOrEqual(256);
    expect(approximation.withinGroupVarianceShare).toBeLessThan(0.05);
    // mae and mape deltas are linear in the weights; rmse and r2 off by a small share of the spread.
    if (metric === 'mae' || metric === 'mape')
      expect(approximation.linearizationError!).toBeLessThan(1e-9 * sd);
    else expect(approximation.linearizationError!).toBeLessThan(0.1 * sd);
  }
});

test("'auto' resamples rows up to REGRESSION_EXACT_MAX_ROWS and linearizes above", () => {
  const method = (rows: number) => {
    const data = regressionData(8, rows);
    return defined(pairedRegressionBootstrap({ ...data, metrics: ['rmse'], resamples: 1 }).rmse, 'rmse')
      .method;
  };
  expect(method(REGRESSION_EXACT_MAX_ROWS)).toBe('exact');
  expect(method(REGRESSION_EXACT_MAX_ROWS + 1)).toBe('linearized');
});

// ---------------------------------------------------------------- determinism

test('the same seed gives the same replicates bit for bit; another seed does not', () => {
  for (const method of ['exact', 'linearized'] as const) {
    const run = (seed: number) =>
      pairedRegressionBootstrap({
        ...main,
        metrics: METRICS,
        resamples: 200,
        seed,
        method,
        keepReplicates: true,
      });
    const first = run(42);
    const again = run(42);
    const other = run(43);
    for (const metric of METRICS) {
      const a = defined(first[metric], metric);
      const b = defined(again[metric], metric);
      const c = defined(other[metric], metric);
      expect(Buffer.from(b.replicates!.buffer).equals(Buffer.from(a.replicates!.buffer))).toBe(true);
      expect([b.lo, b.hi]).toEqual([a.lo, a.hi]);
      expect([c.lo, c.hi]).not.toEqual([a.lo, a.hi]);
    }
  }
  // Resample r does not depend on how many run.
  const short = pairedRegressionBootstrap({ ...main, metrics: ['r2'], resamples: 50, keepReplicates: true });
  const long = pairedRegressionBootstrap({ ...main, metrics: ['r2'], resamples: 120, keepReplicates: true });
  expect(defined(long.r2, 'r2').replicates!.subarray(0, 50)).toEqual(defined(short.r2, 'r2').replicates);
});

// ---------------------------------------------------------------- ordinary and degenerate data

test('the interval contains the point delta, a higher confidence widens it, identical models give 0', () => {
  const at95 = pairedRegressionBootstrap({ ...main, metrics: METRICS });
  const at99 = pairedRegressionBootstrap({ ...main, metrics: METRICS, confidence: 0.99 });
  const same = pairedRegressionBootstrap({ ...main, baseline: main.candidate, metrics: METRICS });
  for (const metric of METRICS) {
    const a = defined(at95[metric], metric);
    const b = defined(at99[metric], metric);
    expect(a.lo).toBeLessThanOrEqual(a.delta);
    expect(a.hi).toBeGreaterThanOrEqual(a.delta);
    expect(b.lo).toBeLessThanOrEqual(a.lo);
    expect(b.hi).toBeGreaterThanOrEqual(a.hi);
    expect(a.resamples).toBe(1000);
    const zero = defined(same[metric], metric);
    expect([zero.lo, zero.delta, zero.hi]).toEqual([0, 0, 0]);
  }
  // The candidate is better: lower errors, higher r2, with intervals clear of 0 on 2000 rows.
  expect(defined(at95.rmse, 'rmse').hi).toBeLessThan(0);
  expect(defined(at95.r2, 'r2').lo).toBeGreaterThan(0);
});

test('one row, or a constant actual value, gives the reason instead of an interval; bad input is refused', () => {
  const one = pairedRegressionBootstrap({
    actual: Float64Array.of(3),
    candidate: Float64Array.of(2),
    baseline: Float64Array.of(4.5),
    metrics: METRICS,
  });
  expect(one.r2).toEqual({
    lo: null,
    hi: null,
    reason: 'r2: R^2 score is not well-defined with less than two samples.',
  });
  expect(one.rmse).toEqual({
    lo: null,
    hi: null,
    reason: 'rmse: one row: every resample is that row, so the bootstrap says nothing about the delta',
  });
  const constantActual = { ...main, actual: new Float64Array(main.actual.length).fill(0.1) };
  for (const method of ['exact', 'linearized'] as const) {
    const result = pairedRegressionBootstrap({ ...constantActual, metrics: METRICS, resamples: 100, method });
    expect(result.r2).toEqual({
      lo: null,
      hi: null,
      reason:
        "r2: the actual values are constant: on every resample r2 is scikit-learn's force_finite 1.0 or 0.0, not an estimate",
    });
    for (const metric of ['rmse', 'mae', 'mape'] as const) {
      const interval = defined(result[metric], metric);
      expect(interval.lo).toBeLessThan(interval.hi);
    }
  }
  const zeros = pairedRegressionBootstrap({ ...main, actual: new Float64Array(2000), metrics: ['mape'] });
  expect(Number.isFinite(defined(zeros.mape, 'mape').lo)).toBe(true);

  const empty = new Float64Array(0);
  expect(() =>
    pairedRegressionBootstrap({ actual: empty, candidate: empty, baseline: empty, metrics: METRICS }),
  ).toThrow('regression bootstrap: there are no rows');
  expect(() =>
    pairedRegressionBootstrap({ ...main, baseline: main.baseline.subarray(1), metrics: METRICS }),
  ).toThrow('regression bootstrap: 2000 actual values but 1999 baseline predictions');
  const withNaN = main.candidate.slice();
  withNaN[5] = Number.NaN;
  expect(() => pairedRegressionBootstrap({ ...main, candidate: withNaN, metrics: METRICS })).toThrow(
    'regression bootstrap: candidate predictions row 5 is NaN',
  );
  expect(() => pairedRegressionBootstrap({ ...main, metrics: METRICS, resamples: 0 })).toThrow(RangeError);
  expect(() => pairedRegressionBootstrap({ ...main, metrics: ['accuracy' as RegressionMetricName] })).toThrow(
    "regression bootstrap: unknown metric 'accuracy'",
  );
});
