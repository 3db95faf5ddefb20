// biome-ignore-all lint/style/noNonNullAssertion: the test indexes its own generated data and oracle results
/**
 * The paired bootstrap against the same resampling done the slow, obvious way with numpy (drawing row
 * indexes, scoring both models on the drawn rows; bootstrap-oracle.py checks its vectorised formulas against
 * scikit-learn 1.2.1 on the first resamples of every case). The two are different random streams, so the
 * intervals agree up to Monte-Carlo error: each bound may differ by
 *   Z * dQ/dq * sqrt(q (1 - q)) * sqrt(1 / R_numpy + 1 / R_mlci)
 * (the standard error of a q-quantile estimated from R resamples, dQ/dq estimated by numpy from its own
 * resamples), Z = 4, plus, for the linearized method, the approximation it states: LINEARIZED_ALLOWANCE
 * standard deviations of the delta. All cases go to one python process in beforeAll.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { rng } from '../test-support/seeded';
import {
  type BootstrapMetric,
  type DeltaInterval,
  type PairedBootstrapInput,
  pairedBootstrap,
} from './bootstrap';

const PYTHON = '/usr/bin/python3';
const ORACLE = fileURLToPath(new URL('./bootstrap-oracle.py', import.meta.url));
const { max, min, round, sqrt } = Math;

const Z = 4;
/** The linearized method's allowance, in standard deviations of the bootstrap distribution (see bootstrap.ts). */
const LINEARIZED_ALLOWANCE = 0.05;
const ALL_BINARY: BootstrapMetric[] = [
  'accuracy',
  'precision',
  'recall',
  'f1',
  'roc_auc',
  'average_precision',
  'log_loss',
];

// ---------------------------------------------------------------- seeded data

interface BinaryData {
  labels: Int32Array;
  candidate: { predictions: Int32Array; scores: Float64Array };
  baseline: { predictions: Int32Array; scores: Float64Array };
}

/**
 * Two binary models on the same rows: the candidate separates the classes a little better; the baseline's
 * scores are rounded to 0.01 (many ties), and some scores sit exactly at 0 and 1 (log loss clipping).
 */
function binaryData(seed: number, n: number, positiveShare: number): BinaryData {
  const next = rng(seed);
  const noise = () => (next() + next() + next() - 1.5) * 0.6;
  const clip = (v: number) => min(1, max(0, v));
  const labels = new Int32Array(n);
  const cs = new Float64Array(n);
  const bs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const y = next() < positiveShare ? 1 : 0;
    labels[i] = y;
    cs[i] = clip(0.5 + 0.3 * (y - 0.5) + noise());
    bs[i] = round(clip(0.5 + 0.22 * (y - 0.5) + 0.8 * noise() + 0.2 * (cs[i]! - 0.5)) * 100) / 100;
  }
  const threshold = (scores: Float64Array) => Int32Array.from(scores, (s) => (s >= 0.5 ? 1 : 0));
  return {
    labels,
    candidate: { predictions: threshold(cs), scores: cs },
    baseline: { predictions: threshold(bs), scores: bs },
  };
}

/** Three classes; each model right with its own probability, otherwise a uniformly wrong class. */
function multiclassData(seed: number, n: number) {
  const next = rng(seed);
  const labels = new Int32Array(n);
  const candidate = new Int32Array(n);
  const baseline = new Int32Array(n);
  const predict = (y: number, accuracy: number) =>
    next() < accuracy ? y : (y + 1 + (next() < 0.5 ? 0 : 1)) % 3;
  for (let i = 0; i < n; i++) {
    const u = next();
    const y = u < 0.5 ? 0 : u < 0.8 ? 1 : 2;
    labels[i] = y;
    candidate[i] = predict(y, y === 2 ? 0.6 : 0.8);
    baseline[i] = predict(y, y === 2 ? 0.7 : 0.75);
  }
  return { labels, candidate: { predictions: candidate }, baseline: { predictions: baseline } };
}

// ---------------------------------------------------------------- the oracle batch

interface OracleResult {
  point: Record<string, number>;
  quantiles: Record<string, [number, number]>;
  sparsity: Record<string, [number, number]>;
  resamples: Record<string, number>;
}

interface OracleCase {
  name: string;
  input: PairedBootstrapInput<BootstrapMetric>;
  resamples: number;
  seed: number;
}

const oracleCases: OracleCase[] = [];
const oracleResults = new Map<string, OracleResult>();

function addOracleCase(
  name: string,
  input: PairedBootstrapInput<BootstrapMetric>,
  resamples: number,
  seed: number,
): string {
  oracleCases.push({ name, input, resamples, seed });
  return name;
}

const binary5000 = binaryData(1, 5000, 0.4);
const binaryInput: PairedBootstrapInput<BootstrapMetric> = {
  ...binary5000,
  classCount: 2,
  positive: 1,
  metrics: ALL_BINARY,
};
// The counting metrics' bootstrap distribution is a function of multinomial cell counts: numpy draws rows.
const BINARY_COUNTS = addOracleCase(
  'binary counting metrics, 5000 rows, 40% positive',
  { ...binaryInput, metrics: ['accuracy', 'precision', 'recall', 'f1'] },
  20000,
  11,
);
const BINARY_SCORES = addOracleCase(
  'binary score metrics, 5000 rows, 40% positive',
  { ...binaryInput, metrics: ['roc_auc', 'average_precision', 'log_loss'] },
  10000,
  12,
);

const rare = binaryData(2, 5000, 0.04);
const rareInput: PairedBootstrapInput<BootstrapMetric> = {
  ...rare,
  classCount: 2,
  positive: 1,
  metrics: ALL_BINARY,
};
const RARE = addOracleCase(
  'binary, 5000 rows, 4% positive (about LINEARIZED_MIN_CLASS_ROWS)',
  rareInput,
  10000,
  13,
);

// Positive class 0: the label coded 0 is the one scored (scores are its probability).
const flipped = binaryData(3, 4000, 0.5);
const flippedInput: PairedBootstrapInput<BootstrapMetric> = {
  labels: flipped.labels.map((y) => 1 - y),
  candidate: {
    predictions: flipped.candidate.predictions.map((p) => 1 - p),
    scores: flipped.candidate.scores,
  },
  baseline: { predictions: flipped.baseline.predictions.map((p) => 1 - p), scores: flipped.baseline.scores },
  classCount: 2,
  positive: 0,
  metrics: ALL_BINARY,
};
const FLIPPED = addOracleCase('binary, positive class 0', flippedInput, 8000, 14);

const multiclassInput: PairedBootstrapInput<BootstrapMetric> = {
  ...multiclassData(4, 5000),
  classCount: 3,
  metrics: [
    'accuracy',
    'precision_macro',
    'recall_macro',
    'f1_macro',
    'precision_weighted',
    'recall_weighted',
    'f1_weighted',
  ],
};
const MULTICLASS = addOracleCase('three classes, 5000 rows', multiclassInput, 20000, 15);

// Large enough that 'auto' linearizes the score metrics (more than EXACT_MAX_ROWS rows, both classes >= 1000).
const large = binaryData(5, 30000, 0.3);
const largeInput: PairedBootstrapInput<BootstrapMetric> = {
  ...large,
  classCount: 2,
  positive: 1,
  metrics: ['roc_auc', 'average_precision', 'log_loss'],
};

beforeAll(() => {
  const request = {
    cases: oracleCases.map(({ name, input, resamples, seed }) => ({
      name,
      labels: [...input.labels],
      classes: Array.from({ length: input.classCount }, (_, i) => String(i)),
      positive: input.positive ?? null,
      candidate: {
        predictions: [...input.candidate.predictions],
        scores: input.candidate.scores ? [...input.candidate.scores] : null,
      },
      baseline: {
        predictions: [...input.baseline.predictions],
        scores: input.baseline.scores ? [...input.baseline.scores] : null,
      },
      metrics: input.metrics,
      resamples,
      confidence: input.confidence ?? 0.95,
      seed,
    })),
  };
  const out = execFileSync(PYTHON, [ORACLE], {
    input: JSON.stringify(request),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  (JSON.parse(out) as OracleResult[]).forEach((result, i) => {
    oracleResults.set(oracleCases[i]!.name, result);
  });
}, 240_000);

function defined(interval: DeltaInterval | undefined, what: string): Extract<DeltaInterval, { lo: number }> {
  if (!interval || interval.lo === null)
    throw new Error(`${what}: no interval (${JSON.stringify(interval)})`);
  return interval as Extract<DeltaInterval, { lo: number }>;
}

/** Each bound within Monte-Carlo error (plus the linearized allowance) of numpy's. */
function expectMatchesNumpy(caseName: string, result: Record<string, DeltaInterval>, ours: number): void {
  const numpy = oracleResults.get(caseName)!;
  const numpyResamples = oracleCases.find((c) => c.name === caseName)!.resamples;
  const q = [0.025, 0.975];
  for (const metric of Object.keys(numpy.quantiles)) {
    const interval = defined(result[metric], `${caseName} ${metric}`);
    // Our delta is the point delta scikit-learn computes on all rows.
    if (Math.abs(interval.delta - numpy.point[metric]!) > 1e-12)
      throw new Error(`${caseName} ${metric}: delta ${interval.delta}, scikit-learn ${numpy.point[metric]}`);
    const [numpyLo, numpyHi] = numpy.quantiles[metric]!;
    const sd = (numpyHi - numpyLo) / (2 * 1.959964);
    const allowance = interval.method === 'linearized' ? LINEARIZED_ALLOWANCE * sd : 0;
    [interval.lo, interval.hi].forEach((bound, side) => {
      const p = q[side]!;
      const standardError =
        numpy.sparsity[metric]![side]! *
        sqrt(p * (1 - p)) *
        sqrt(1 / numpyResamples + 1 / interval.resamples);
      const tolerance = Z * standardError + allowance;
      const expected = numpy.quantiles[metric]![side]!;
      if (!(Math.abs(bound - expected) <= tolerance))
        throw new Error(
          `${caseName} ${metric} (${interval.method}) ${side ? 'hi' : 'lo'}: ${bound}, numpy ${expected}, ` +
            `difference ${Math.abs(bound - expected)} > tolerance ${tolerance} (${(Math.abs(bound - expected) / sd).toFixed(3)} sd)`,
        );
    });
    expect(interval.resamples).toBeLessThanOrEqual(ours);
  }
}

// ---------------------------------------------------------------- against numpy

test('binary counting metrics: the multinomial over joint cells matches numpy drawing rows (20000 resamples)', () => {
  const counting: BootstrapMetric[] = ['accuracy', 'precision', 'recall', 'f1'];
  const result = pairedBootstrap({ ...binaryInput, metrics: counting, resamples: 20000, seed: 1 });
  expectMatchesNumpy(BINARY_COUNTS, result, 20000);
});

test('binary score metrics, exact resampling, match numpy within Monte-Carlo error', () => {
  const result = pairedBootstrap({ ...binaryInput, resamples: 10000, seed: 2 });
  for (const metric of ALL_BINARY) expect(defined(result[metric], metric).method).toBe('exact');
  expectMatchesNumpy(BINARY_SCORES, result, 10000);
});

test('binary score metrics, linearized, match numpy within Monte-Carlo error and the stated allowance', () => {
  const result = pairedBootstrap({ ...binaryInput, resamples: 10000, seed: 3, method: 'linearized' });
  for (const metric of ['roc_auc', 'average_precision', 'log_loss'] as const)
    expect(defined(result[metric], metric).method).toBe('linearized');
  expectMatchesNumpy(BINARY_SCORES, result, 10000);
});

test('rare positives (4%, about 200 rows): exact and linearized both match numpy', () => {
  expectMatchesNumpy(RARE, pairedBootstrap({ ...rareInput, resamples: 10000, seed: 4 }), 10000);
  expectMatchesNumpy(
    RARE,
    pairedBootstrap({ ...rareInput, resamples: 10000, seed: 5, method: 'linearized' }),
    10000,
  );
});

test('positive class 0 is the one scored', () => {
  expectMatchesNumpy(FLIPPED, pairedBootstrap({ ...flippedInput, resamples: 8000, seed: 6 }), 8000);
});

test('three classes: accuracy and the macro and weighted averages match numpy', () => {
  expectMatchesNumpy(MULTICLASS, pairedBootstrap({ ...multiclassInput, resamples: 20000, seed: 7 }), 20000);
});

test('30000 rows: auto linearizes, and agrees with exact row resampling within Monte-Carlo error', () => {
  const resamples = 2000;
  const linearized = pairedBootstrap({ ...largeInput, resamples, seed: 8, keepReplicates: true });
  const exact = pairedBootstrap({ ...largeInput, resamples, seed: 9, method: 'exact', keepReplicates: true });
  for (const metric of largeInput.metrics) {
    const a = defined(linearized[metric], metric);
    const b = defined(exact[metric], metric);
    expect([a.method, b.method]).toEqual(['linearized', 'exact']);
    expect(a.delta).toBe(b.delta);
    // The exact replicates give the quantiles' slope: the standard error of each bound as in numpy's cases.
    const sorted = b.replicates!.slice().sort();
    const slope = (p: number) =>
      (sorted[Math.round((p + 0.01) * (resamples - 1))]! -
        sorted[Math.round((p - 0.01) * (resamples - 1))]!) /
      0.02;
    const sd = (b.hi - b.lo) / (2 * 1.959964);
    [
      [a.lo, b.lo, 0.025],
      [a.hi, b.hi, 0.975],
    ].forEach(([ours, reference, p]) => {
      const tolerance = Z * slope(p!) * sqrt(p! * (1 - p!) * (2 / resamples)) + LINEARIZED_ALLOWANCE * sd;
      expect(Math.abs(ours! - reference!)).toBeLessThanOrEqual(tolerance);
    });
  }
});

test("'auto' resamples rows when the data is small or a class is rare, and linearizes otherwise", () => {
  const method = (rows: number, positives: number) => {
    const labels = Int32Array.from({ length: rows }, (_, i) => (i < positives ? 1 : 0));
    const scores = Float64Array.from({ length: rows }, (_, i) => ((i * 7919) % rows) / rows);
    const result = pairedBootstrap({
      labels,
      classCount: 2,
      positive: 1,
      candidate: { predictions: labels, scores },
      baseline: { predictions: labels, scores: scores.map((s) => 1 - s) },
      metrics: ['roc_auc'],
      resamples: 5,
    });
    return defined(result.roc_auc, 'roc_auc').method;
  };
  expect(method(20_000, 10_000)).toBe('exact');
  expect(method(20_001, 10_000)).toBe('linearized');
  expect(method(30_000, 199)).toBe('exact');
  expect(method(30_000, 200)).toBe('linearized');
  expect(method(30_000, 29_801)).toBe('exact');
});

// ---------------------------------------------------------------- the stated approximation

test('the linearization is measured: its error is a small share of the spread, and zero for log loss', () => {
  const result = pairedBootstrap({ ...binaryInput, method: 'linearized', linearizationChecks: 20 });
  for (const metric of ['roc_auc', 'average_precision', 'log_loss'] as const) {
    const interval = defined(result[metric], metric);
    const approximation = interval.approximation!;
    const sd = (interval.hi - interval.lo) / (2 * 1.959964);
    expect(approximation.checkResamples).toBe(20);
    expect(approximation.groups).toBeLessThanOrEqual(256);
    expect(approximation.withinGroupVarianceShare).toBeLessThan(0.05);
    // About sqrt(3 / rows of the smaller class) of a standard deviation per resample for the ranking
    // metrics (2000 positives here: 4%), the largest of 20 a few times that; log loss is linear.
    if (metric === 'log_loss') expect(approximation.linearizationError).toBeLessThan(1e-12);
    else expect(approximation.linearizationError!).toBeLessThan(0.25 * sd);
  }
});

// ---------------------------------------------------------------- determinism

test('the same seed gives the same replicates bit for bit; another seed does not', () => {
  const run = (seed: number, method: 'exact' | 'linearized') =>
    pairedBootstrap({ ...binaryInput, resamples: 200, seed, method, keepReplicates: true });
  for (const method of ['exact', 'linearized'] as const) {
    const first = run(42, method);
    const again = run(42, method);
    const other = run(43, method);
    for (const metric of ALL_BINARY) {
      const a = defined(first[metric], metric);
      const b = defined(again[metric], metric);
      expect(Buffer.from(b.replicates!.buffer).equals(Buffer.from(a.replicates!.buffer))).toBe(true);
      expect([b.lo, b.hi]).toEqual([a.lo, a.hi]);
      expect(defined(other[metric], metric).replicates).not.toEqual(a.replicates);
    }
  }
});

test('resample r does not depend on how many resamples run, so any split between workers gives the same intervals', () => {
  for (const method of ['exact', 'linearized'] as const) {
    const short = pairedBootstrap({ ...binaryInput, resamples: 150, method, keepReplicates: true });
    const long = pairedBootstrap({ ...binaryInput, resamples: 400, method, keepReplicates: true });
    for (const metric of ALL_BINARY) {
      const head = defined(long[metric], metric).replicates!.subarray(0, 150);
      expect(
        Buffer.from(head.slice().buffer).equals(
          Buffer.from(defined(short[metric], metric).replicates!.buffer),
        ),
      ).toBe(true);
    }
  }
});

test('the default seed and resamples are fixed', () => {
  const implicit = pairedBootstrap({ ...binaryInput, metrics: ['accuracy', 'roc_auc'] });
  const explicit = pairedBootstrap({
    ...binaryInput,
    metrics: ['accuracy', 'roc_auc'],
    seed: 20261127,
    resamples: 1000,
  });
  expect(implicit).toEqual(explicit);
  expect(defined(implicit.accuracy, 'accuracy').resamples).toBe(1000);
});

// ---------------------------------------------------------------- ordinary data

test('on ordinary data every interval contains the point delta, and a higher confidence widens it', () => {
  for (const [input, n] of [
    [binaryInput, 5000],
    [largeInput, 30000],
  ] as const) {
    const at95 = pairedBootstrap({ ...input, metrics: ALL_BINARY });
    const at99 = pairedBootstrap({ ...input, metrics: ALL_BINARY, confidence: 0.99 });
    for (const metric of ALL_BINARY) {
      const a = defined(at95[metric], `${n} ${metric}`);
      const b = defined(at99[metric], `${n} ${metric}`);
      expect(a.lo).toBeLessThanOrEqual(a.delta);
      expect(a.hi).toBeGreaterThanOrEqual(a.delta);
      expect(a.lo).toBeLessThan(a.hi);
      expect(b.lo).toBeLessThanOrEqual(a.lo);
      expect(b.hi).toBeGreaterThanOrEqual(a.hi);
    }
  }
});

test('identical models: every delta and interval is exactly 0', () => {
  const same = { ...binaryInput, baseline: binaryInput.candidate };
  for (const method of ['exact', 'linearized'] as const) {
    const result = pairedBootstrap({ ...same, method });
    for (const metric of ALL_BINARY) {
      const interval = defined(result[metric], metric);
      expect([interval.lo, interval.delta, interval.hi]).toEqual([0, 0, 0]);
    }
  }
});

// ---------------------------------------------------------------- undefined metrics and bad input

test('a metric that cannot be computed has no interval and says why', () => {
  const oneClass = { ...binaryInput, labels: new Int32Array(binaryInput.labels.length).fill(1) };
  const result = pairedBootstrap({ ...oneClass, resamples: 50 });
  expect(result.roc_auc).toEqual({
    lo: null,
    hi: null,
    reason: 'roc_auc: only one class in the labels, ROC AUC is not defined',
  });
  // scikit-learn defines these on one class: average precision is 1 for both models, log loss differs.
  expect(defined(result.average_precision, 'ap')).toMatchObject({ lo: 0, hi: 0, delta: 0 });
  const logLoss = defined(result.log_loss, 'log_loss');
  expect(logLoss.lo).toBeLessThan(logLoss.delta);
  expect(logLoss.hi).toBeGreaterThan(logLoss.delta);

  const noScores = pairedBootstrap({
    ...binaryInput,
    baseline: { predictions: binaryInput.baseline.predictions },
    metrics: ['accuracy', 'log_loss'],
    resamples: 50,
  });
  expect(noScores.log_loss).toEqual({
    lo: null,
    hi: null,
    reason: 'log_loss: needs scores and the baseline has none',
  });
  expect(noScores.accuracy.lo).not.toBeNull();

  const threeClasses = pairedBootstrap({
    ...multiclassInput,
    metrics: ['f1', 'f1_macro'],
    positive: 1,
    resamples: 50,
  });
  expect(threeClasses.f1).toEqual({
    lo: null,
    hi: null,
    reason:
      "f1: 3 classes in the labels and predictions: a binary metric needs two (scikit-learn raises for average='binary')",
  });
  expect(threeClasses.f1_macro.lo).not.toBeNull();
  // What counts is the classes present, not the length of the class list.
  const longerList = pairedBootstrap({
    ...binaryInput,
    classCount: 3,
    metrics: ['f1', 'roc_auc'],
    resamples: 50,
  });
  expect([longerList.f1.lo === null, longerList.roc_auc.lo === null]).toEqual([false, false]);
  const noPositive = pairedBootstrap({
    ...binaryInput,
    positive: undefined,
    metrics: ['precision'],
    resamples: 50,
  });
  expect(noPositive.precision).toEqual({ lo: null, hi: null, reason: 'precision: no positive class given' });
});

test('roc_auc skips the resamples that draw a single class', () => {
  // Two positives in 30 rows: about 13% of resamples draw neither.
  const labels = Int32Array.from({ length: 30 }, (_, i) => (i < 2 ? 1 : 0));
  const scores = Float64Array.from({ length: 30 }, (_, i) => ((i * 7919) % 30) / 30);
  const result = pairedBootstrap({
    labels,
    classCount: 2,
    positive: 1,
    candidate: { predictions: new Int32Array(30), scores },
    baseline: { predictions: new Int32Array(30), scores: scores.map((s) => 1 - s) },
    metrics: ['roc_auc', 'average_precision'],
    resamples: 2000,
  });
  const auc = defined(result.roc_auc, 'roc_auc');
  expect(auc.resamples).toBeGreaterThan(1600);
  expect(auc.resamples).toBeLessThan(1900);
  expect(defined(result.average_precision, 'ap').resamples).toBe(2000);
});

test('bad input is refused with one line naming it', () => {
  const base = { ...binaryInput, resamples: 10 };
  expect(() => pairedBootstrap({ ...base, labels: base.labels.subarray(1) })).toThrow(
    '4999 labels but 5000 candidate predictions',
  );
  const badScores = binary5000.candidate.scores.slice();
  badScores[7] = 1.5;
  expect(() => pairedBootstrap({ ...base, candidate: { ...base.candidate, scores: badScores } })).toThrow(
    'candidate score at row 7 is 1.5, not in [0, 1]',
  );
  badScores[7] = Number.NaN;
  expect(() => pairedBootstrap({ ...base, candidate: { ...base.candidate, scores: badScores } })).toThrow(
    'candidate score at row 7 is NaN',
  );
  const badLabels = base.labels.slice();
  badLabels[3] = 2;
  expect(() => pairedBootstrap({ ...base, labels: badLabels })).toThrow(
    'labels row 3 is class 2, not one of 2 classes',
  );
  expect(() => pairedBootstrap({ ...base, metrics: ['auc' as BootstrapMetric] })).toThrow(
    "unknown metric 'auc'",
  );
  expect(() => pairedBootstrap({ ...base, resamples: 0 })).toThrow('resamples must be a positive integer');
  expect(() => pairedBootstrap({ ...base, confidence: 1 })).toThrow('confidence must be between 0 and 1');
  expect(() => pairedBootstrap({ ...base, seed: -1 })).toThrow('seed must be an integer');
  expect(() => pairedBootstrap({ ...base, linearizationChecks: 1.5 })).toThrow(
    'linearizationChecks must be a non-negative integer',
  );
  expect(() => pairedBootstrap({ ...base, labels: new Int32Array(0) })).toThrow('there are no rows');
});
