/**
 * Every regression metric, and the numpy summation they rest on, against Debian's scikit-learn 1.2.1 /
 * numpy 1.24.2 (/usr/bin/python3) on data generated here from a seeded PRNG. All cases go to ONE python
 * process (sklearn-oracle.py) in beforeAll.
 */
import { InputError } from '../errors';
import { higherIsBetter, isMetricName, METRIC_NAMES, metricTask, REGRESSION_METRICS } from './names';
import { mae, mape, R2_ONE_SAMPLE, r2, regressionMetrics, rmse } from './regression';
import { decode, ExactTally, expectClose, normal, type OracleMetric, rng, runOracle } from './sklearn-oracle';
import { NumpySum, numpySum } from './summation';

// ---------------------------------------------------------------- generated data

interface RegressionCase {
  name: string;
  actual: Float64Array;
  predicted: Float64Array;
}

function normals(seed: number, n: number, mean = 0, sd = 1): Float64Array {
  const next = rng(seed);
  return Float64Array.from({ length: n }, () => mean + sd * normal(next));
}

/** Predictions: the actual values plus noise of the given spread. */
function noisy(seed: number, actual: Float64Array, sd: number): Float64Array {
  const next = rng(seed);
  return actual.map((y) => y + sd * normal(next));
}

const regressionCases: RegressionCase[] = [];
function addRegression(name: string, actual: Float64Array, predicted: Float64Array): void {
  regressionCases.push({ name, actual, predicted });
}

{
  const y = normals(1, 5);
  addRegression('5 rows', y, noisy(2, y, 0.5));
}
{
  const y = normals(3, 2);
  addRegression('2 rows', y, noisy(4, y, 0.5));
}
{
  const y = normals(5, 1000, 10, 3);
  addRegression('1000 rows', y, noisy(6, y, 1));
}
{
  // A large offset: sums of squares around the mean cancel badly unless summed as numpy does.
  const y = normals(7, 200000, 1e6, 2);
  addRegression('200000 rows around 1e6', y, noisy(8, y, 0.7));
}
{
  const next = rng(9);
  const y = Float64Array.from({ length: 200000 }, () => Math.exp(4 * normal(next)) * (next() < 0.3 ? -1 : 1));
  addRegression('200000 rows over many magnitudes', y, noisy(10, y, 2));
}
{
  // Integer targets with many zeros: mape divides those errors by machine epsilon.
  const next = rng(11);
  const y = Float64Array.from({ length: 10000 }, () => Math.floor(next() * 4));
  addRegression('zeros in y (mape)', y, noisy(12, y, 0.3));
}
addRegression('zeros in y, predicted exactly', Float64Array.of(0, 1, 0, 2), Float64Array.of(0, 1.5, 0, 2));
addRegression('constant y, perfect prediction', new Float64Array(50).fill(3), new Float64Array(50).fill(3));
addRegression(
  'constant y, imperfect prediction',
  new Float64Array(50).fill(3),
  noisy(13, new Float64Array(50).fill(3), 1),
);
addRegression('constant y of zeros', new Float64Array(20), noisy(14, new Float64Array(20), 1));
// numpy's mean of these is not exactly 0.1, so sklearn sees a tiny, non-zero variance.
addRegression('constant 0.1, 3 rows', Float64Array.of(0.1, 0.1, 0.1), Float64Array.of(0.1, 0.2, 0.1));
addRegression(
  'constant 0.1, 10000 rows',
  new Float64Array(10000).fill(0.1),
  noisy(15, new Float64Array(10000).fill(0.1), 0.01),
);
addRegression('one row', Float64Array.of(2.5), Float64Array.of(3));
{
  const y = normals(16, 3000);
  addRegression('predicted exactly', y, y.slice());
}

// ---------------------------------------------------------------- numpy summation

const sumSizes = [
  1, 5, 7, 8, 9, 15, 16, 17, 127, 128, 129, 136, 1000, 8191, 8192, 8193, 16384, 20000, 100003,
];
const sumCases = sumSizes.map((size, i) => {
  const next = rng(100 + i);
  // Magnitudes from 1e-8 to 1e8 and both signs, so any change of order changes the bits.
  return Float64Array.from({ length: size }, () => (next() - 0.3) * 10 ** (16 * next() - 8));
});

// ---------------------------------------------------------------- run the oracle once

interface RegressionResult {
  metrics: Record<string, OracleMetric>;
}
interface SumResult {
  sum: number;
  column_sum: number;
}

let oracle: { sklearn: string; numpy: string; results: (RegressionResult | SumResult)[] };

beforeAll(() => {
  oracle = runOracle([
    ...regressionCases.map(({ actual, predicted }) => ({
      kind: 'regression',
      actual: Array.from(actual),
      predicted: Array.from(predicted),
    })),
    ...sumCases.map((values) => ({ kind: 'sum', values: Array.from(values) })),
  ]);
}, 120000);

test('the oracle is the Debian sklearn 1.2.1 / numpy 1.24.2 the metrics follow', () => {
  expect(oracle.sklearn).toBe('1.2.1');
  expect(oracle.numpy).toBe('1.24.2');
  expect(oracle.results).toHaveLength(regressionCases.length + sumCases.length);
});

describe('numpy summation', () => {
  test.each(sumSizes.map((size, i) => [size, i] as const))(
    '%i values: np.sum bit for bit',
    (_size, index) => {
      const values = sumCases[index];
      const want = oracle.results[regressionCases.length + index] as SumResult | undefined;
      if (!values || !want) throw new Error('no oracle result');
      expect(numpySum(values)).toBe(want.sum);
      const streamed = new NumpySum();
      for (const value of values) streamed.add(value);
      expect(streamed.sum()).toBe(want.sum);
      // sklearn reduces (n, 1) columns along axis 0: the same bits.
      expect(want.column_sum).toBe(want.sum);
    },
  );
});

const comparedNames = new Set<string>();
const tally = new ExactTally();

test.each(regressionCases.map((c, i) => [c.name, i] as const))('matches sklearn: %s', (_name, index) => {
  const testCase = regressionCases[index];
  const want = oracle.results[index] as RegressionResult | undefined;
  if (!testCase || !want) throw new Error(`no oracle result for case ${index}`);
  const { actual, predicted } = testCase;
  const result = regressionMetrics({ actual, predicted });
  const single = {
    rmse: rmse(actual, predicted),
    mae: mae(actual, predicted),
    r2: r2(actual, predicted),
    mape: mape(actual, predicted),
  };
  for (const name of REGRESSION_METRICS) {
    const metric = want.metrics[name];
    if (!metric) throw new Error(`sklearn was not asked for ${name}`);
    const expected = decode(metric.value);
    const value = result.values[name];
    if (Number.isNaN(expected)) {
      // r2 below two rows: sklearn warns and returns nan; mlci says null, with sklearn's warning.
      expect({ name, value }).toEqual({ name, value: null });
      expect(result.reasons[name]).toBe(metric.warnings.at(-1));
      expect(single[name]).toBeNaN();
      continue;
    }
    expectClose(value, expected, name);
    comparedNames.add(name);
    tally.record(name, value as number, expected);
    expect(single[name]).toBe(value);
  }
  expectClose(
    r2(actual, predicted, { forceFinite: false }),
    decode(want.metrics.r2_not_finite?.value ?? null),
    'r2 force_finite=False',
  );
});

test('every regression metric was compared with a number from sklearn', () => {
  expect(REGRESSION_METRICS.filter((name) => !comparedNames.has(name))).toEqual([]);
});

test('every regression metric equals sklearn bit for bit (same operations, numpy summation order)', () => {
  const inexact = [...tally.compared].filter(([, { exact, total }]) => exact !== total);
  expect(inexact).toEqual([]);
});

// ---------------------------------------------------------------- contracts

describe('reasons', () => {
  test('r2 below two rows is null with sklearn warning', () => {
    const result = regressionMetrics({ actual: Float64Array.of(1), predicted: Float64Array.of(2) });
    expect(result.values).toEqual({ rmse: 1, mae: 1, r2: null, mape: 1 });
    expect(result.reasons).toEqual({ r2: R2_ONE_SAMPLE });
  });

  test('a constant y says which force_finite value sklearn gave', () => {
    const y = new Float64Array(4).fill(2);
    expect(regressionMetrics({ actual: y, predicted: y }).reasons.r2).toContain(
      '1.0 for a perfect prediction',
    );
    const off = regressionMetrics({ actual: y, predicted: Float64Array.of(2, 2, 2, 2.5) });
    expect(off.values.r2).toBe(0);
    expect(off.reasons.r2).toContain('0.0 for an imperfect prediction');
  });

  test('a constant y whose numpy mean is inexact is named, the value left as sklearn gives it', () => {
    const result = regressionMetrics({
      actual: Float64Array.of(0.1, 0.1, 0.1),
      predicted: Float64Array.of(0.1, 0.2, 0.1),
    });
    expect(result.values.r2).toBeLessThan(-1e30);
    expect(result.reasons.r2).toContain('not exactly 0.1');
  });

  test('zeros in y are named for mape', () => {
    const result = regressionMetrics({
      actual: Float64Array.of(0, 1, 0),
      predicted: Float64Array.of(0, 1, 1),
    });
    expect(result.reasons.mape).toMatch(/^2 actual values are 0/);
    expect(result.values.mape).toBe(1 / 2.220446049250313e-16 / 3);
  });

  test('ordinary data has no reasons', () => {
    const result = regressionMetrics({
      actual: Float64Array.of(1, 2, 3),
      predicted: Float64Array.of(1, 2, 4),
    });
    expect(result.reasons).toEqual({});
  });
});

describe('bad input', () => {
  test.each([
    ['different lengths', Float64Array.of(1, 2), Float64Array.of(1), 'different lengths (2 and 1)'],
    ['no rows', new Float64Array(0), new Float64Array(0), 'no rows'],
    ['NaN actual', Float64Array.of(1, Number.NaN), Float64Array.of(1, 2), 'actual value NaN at row 2'],
    [
      'infinite prediction',
      Float64Array.of(1, 2),
      Float64Array.of(Number.POSITIVE_INFINITY, 2),
      'predicted value Infinity at row 1',
    ],
  ] as const)('%s', (_name, actual, predicted, message) => {
    expect(() => regressionMetrics({ actual, predicted })).toThrow(InputError);
    expect(() => regressionMetrics({ actual, predicted })).toThrow(message);
    expect(() => rmse(actual, predicted)).toThrow(message);
  });
});

describe('metric names', () => {
  test('lower is better exactly for the losses and errors', () => {
    const lower = [...METRIC_NAMES.classification, ...METRIC_NAMES.regression].filter(
      (name) => !higherIsBetter(name),
    );
    expect(lower.sort()).toEqual(['log_loss', 'mae', 'mape', 'rmse']);
  });

  test('names are known per task', () => {
    expect(isMetricName('roc_auc')).toBe(true);
    expect(isMetricName('rmse')).toBe(true);
    expect(isMetricName('auc')).toBe(false);
    expect(isMetricName('toString')).toBe(false);
    expect(metricTask('r2')).toBe('regression');
    expect(metricTask('f1_macro')).toBe('classification');
    expect(METRIC_NAMES.classification).toHaveLength(13);
  });
});
