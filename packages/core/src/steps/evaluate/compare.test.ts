import { InputError } from '../../errors';
import { compare, type Side } from './compare';
import { parseGate } from './gates';
import type { PredictionsFile } from './predictions';

/** A binary predictions file: `right[i]` says whether row i is predicted correctly; slice country A/B alternating. */
function predictions(file: string, labels: number[], right: boolean[], scores?: number[]): Side {
  const rows = labels.length;
  const data: PredictionsFile = {
    file,
    rows,
    columns: {
      task: 'classification',
      classes: ['0', '1'],
      labels: Int32Array.from(labels),
      predictions: Int32Array.from(labels, (label, i) => (right[i] ? label : 1 - label)),
      ...(scores ? { scores: Float64Array.from(scores) } : {}),
    },
    task: { name: 'classification', reason: 'given' },
    slices: [{ column: 'country', values: ['A', 'B'], codes: Int32Array.from(labels, (_, i) => i % 2) }],
    dataDigest: `sha256:${'1'.repeat(64)}`,
  };
  return { kind: 'predictions', predictions: data };
}

const labels = Array.from({ length: 400 }, (_, i) => ((i * 7) % 3 === 0 ? 1 : 0));
const options = { resamples: 200, confidence: 0.95, allowDifferentData: false };
const gates = (...texts: string[]) => texts.map((text) => parseGate(text, () => true));

test('deltas, intervals around them, per-slice metrics and gate verdicts with the slice named', () => {
  // The baseline is right on every row; the candidate misses every 10th row of slice B only.
  const baseline = predictions(
    'base.csv',
    labels,
    labels.map(() => true),
  );
  const candidate = predictions(
    'cand.csv',
    labels,
    labels.map((_, i) => !(i % 2 === 1 && i % 10 === 1)),
  );
  const result = compare(
    candidate,
    baseline,
    gates('accuracy:max_drop=0.2', 'accuracy:max_drop=0.05@country', 'mcnemar:alpha=0.05'),
    options,
  );
  const accuracy = result.metrics.accuracy;
  expect(accuracy?.baseline).toBe(1);
  expect(accuracy?.candidate).toBeCloseTo(0.9, 12);
  expect(accuracy?.delta).toBeCloseTo(-0.1, 12);
  const [lo, hi] = accuracy?.ci ?? [Number.NaN, Number.NaN];
  expect(lo).toBeLessThanOrEqual(-0.1);
  expect(hi).toBeGreaterThanOrEqual(-0.1);
  expect(hi).toBeLessThan(0);
  expect(result.slices.map((slice) => [slice.value, slice.metrics.accuracy?.candidate])).toEqual([
    ['A', 1],
    ['B', 0.8],
  ]);
  expect(result.gates.map((gate) => [gate.rule, gate.slice ?? '', gate.status])).toEqual([
    ['accuracy:max_drop=0.2', '', 'passed'],
    ['accuracy:max_drop=0.05@country', 'country=A', 'passed'],
    ['accuracy:max_drop=0.05@country', 'country=B', 'failed'],
    ['mcnemar:alpha=0.05', '', 'failed'],
  ]);
  expect(result.gates[2]?.message).toBe(
    'country=B: accuracy 1 -> 0.8: worse by 0.2, more than max_drop 0.05',
  );
  expect(result.mcnemar).toMatchObject({ b: 0, c: 40 });
  expect(result.confusion?.classes).toEqual(['0', '1']);
});

test('different evaluation data is refused, unless allowed', () => {
  const baseline = predictions(
    'base.csv',
    labels,
    labels.map(() => true),
  );
  const other: Side = {
    kind: 'predictions',
    predictions: {
      ...(baseline as { predictions: PredictionsFile }).predictions,
      dataDigest: `sha256:${'2'.repeat(64)}`,
    },
  };
  expect(() => compare(other, baseline, [], options)).toThrow(InputError);
  expect(() => compare(other, baseline, [], options)).toThrow(
    /^baseline: the candidate and the baseline must be evaluated on the same data: base\.csv was evaluated on/,
  );
  const allowed = compare(other, baseline, gates('accuracy:non_inferior=0.01'), {
    ...options,
    allowDifferentData: true,
  });
  expect(allowed.data.same).toBe(false);
  // Not the same rows: no paired interval, so non_inferior fails closed.
  expect(allowed.gates[0]).toMatchObject({ status: 'failed' });
});

test('a metrics baseline that does not name its data is refused; with it, deltas but no intervals', () => {
  const candidate = predictions(
    'cand.csv',
    labels,
    labels.map(() => true),
  );
  const noDigest: Side = { kind: 'metrics', metrics: { file: 'prod.json', metrics: { accuracy: 0.95 } } };
  expect(() => compare(candidate, noDigest, [], options)).toThrow(
    /prod\.json does not say which data it was evaluated on/,
  );
  const withDigest: Side = {
    kind: 'metrics',
    metrics: { file: 'prod.json', metrics: { accuracy: 0.95 }, dataDigest: `sha256:${'1'.repeat(64)}` },
  };
  const result = compare(candidate, withDigest, gates('f1:max_drop=0.1'), options);
  expect(result.metrics.accuracy).toEqual({ candidate: 1, baseline: 0.95, delta: 1 - 0.95, ci: null });
  expect(result.gates[0]).toMatchObject({ status: 'failed', message: 'f1 is missing for the baseline' });
});

/** A regression predictions file of the shared rows. */
function regression(file: string, actual: Float64Array, predicted: Float64Array): Side {
  return {
    kind: 'predictions',
    predictions: {
      file,
      rows: actual.length,
      columns: { task: 'regression', actual, predicted },
      task: { name: 'regression', reason: 'given' },
      slices: [],
      dataDigest: `sha256:${'3'.repeat(64)}`,
    },
  };
}

test('regression metrics get paired intervals, so non_inferior decides on them', () => {
  // The candidate's errors are 10% larger than the baseline's on every row: rmse, mae, mape worse, r2 lower.
  const actual = Float64Array.from({ length: 300 }, (_, i) => 10 + ((i * 37) % 101) / 10);
  const error = (i: number) => (((i * 53) % 29) - 14) / 10;
  const baseline = regression(
    'base.csv',
    actual,
    actual.map((y, i) => y + error(i)),
  );
  const candidate = regression(
    'cand.csv',
    actual,
    actual.map((y, i) => y + 1.1 * error(i)),
  );
  const result = compare(
    candidate,
    baseline,
    gates('rmse:non_inferior=0.5', 'rmse:non_inferior=0.01', 'r2:non_inferior=0.01', 'mae:non_inferior=0.2'),
    options,
  );
  for (const name of ['rmse', 'mae', 'r2', 'mape']) {
    const metric = result.metrics[name];
    const [lo, hi] = metric?.ci ?? [Number.NaN, Number.NaN];
    const delta = metric?.delta ?? Number.NaN;
    expect(lo).toBeLessThanOrEqual(delta);
    expect(hi).toBeGreaterThanOrEqual(delta);
    expect(lo).toBeLessThan(hi);
  }
  // rmse rises by 10% of about 0.84: its interval lies above 0, around +0.084.
  expect(result.metrics.rmse?.ci?.[0]).toBeGreaterThan(0);
  expect(result.gates.map((gate) => [gate.rule, gate.status])).toEqual([
    ['rmse:non_inferior=0.5', 'passed'],
    ['rmse:non_inferior=0.01', 'failed'],
    ['r2:non_inferior=0.01', 'failed'],
    ['mae:non_inferior=0.2', 'passed'],
  ]);
  expect(result.gates[1]?.message).toMatch(
    /^rmse 0\.8\d+ -> 0\.9\d+: the improvement's interval starts at -0\.\d+, below -0\.01: not shown non-inferior$/,
  );

  // A constant truth: r2 has no interval (a note says why) and its gate fails closed; the others still decide.
  const flat = new Float64Array(300).fill(4);
  const constant = compare(
    regression(
      'cand.csv',
      flat,
      flat.map((y, i) => y + 1.1 * error(i)),
    ),
    regression(
      'base.csv',
      flat,
      flat.map((y, i) => y + error(i)),
    ),
    gates('r2:non_inferior=0.5', 'mae:non_inferior=0.5'),
    options,
  );
  expect(constant.metrics.r2?.ci).toBeNull();
  expect(constant.notes['r2 interval']).toMatch(/^r2: the actual values are constant/);
  expect(constant.gates.map((gate) => gate.status)).toEqual(['failed', 'passed']);
});
