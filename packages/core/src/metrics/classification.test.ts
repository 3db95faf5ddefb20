/**
 * Every classification metric against Debian's scikit-learn 1.2.1 (/usr/bin/python3) on predictions
 * generated here from a seeded PRNG. All cases go to ONE python process (sklearn-oracle.py) in beforeAll.
 */
import { InputError } from '../errors';
import {
  AVERAGE_PRECISION_NO_POSITIVE,
  accuracy,
  averagePrecision,
  BINARY_ON_MULTICLASS,
  type ClassificationInput,
  type ClassificationMetrics,
  classificationMetrics,
  confusionMatrix,
  f1,
  f1Macro,
  f1Weighted,
  logLoss,
  precision,
  precisionMacro,
  precisionWeighted,
  ROC_AUC_ONE_CLASS,
  recall,
  recallMacro,
  recallWeighted,
  rocAuc,
  UndefinedMetricError,
} from './classification';
import {
  BINARY_METRICS,
  CLASSIFICATION_METRICS,
  type ClassificationMetricName,
  SCORE_METRICS,
} from './names';
import {
  decode,
  ExactTally,
  expectClose,
  normal,
  type OracleMetric,
  randomInt,
  rng,
  runOracle,
} from './sklearn-oracle';

// ---------------------------------------------------------------- generated predictions

interface Case {
  name: string;
  input: ClassificationInput;
  /** Labels are integers for sklearn (classes "0", "1", ...), else strings. */
  numeric: boolean;
  /** sklearn's pos_label; null leaves sklearn's default (1), for numeric labels only. */
  oraclePositive: number | null;
}

interface Shape {
  rows: number;
  classes: string[];
  /** Share of rows predicted right; the rest get a uniformly drawn class. */
  accuracy?: number;
  /** Relative frequency of each class in the labels (default: equal). */
  weights?: number[];
  /** Index of the positive class for the scores (binary cases). */
  scoreFor?: number;
  /** Round scores to this many decimals, to tie them. */
  decimals?: number;
  /** Separation of the classes' scores. */
  signal?: number;
}

function generate(
  seed: number,
  shape: Shape,
): { labels: Int32Array; predictions: Int32Array; scores: Float64Array } {
  const next = rng(seed);
  const k = shape.classes.length;
  const weights = shape.weights ?? shape.classes.map(() => 1);
  const total = weights.reduce((s, w) => s + w, 0);
  const labels = new Int32Array(shape.rows);
  const predictions = new Int32Array(shape.rows);
  const scores = new Float64Array(shape.rows);
  const right = shape.accuracy ?? 0.8;
  const signal = shape.signal ?? 1;
  for (let i = 0; i < shape.rows; i++) {
    let r = next() * total;
    let c = 0;
    while (c < k - 1 && r >= (weights[c] ?? 0)) {
      r -= weights[c] ?? 0;
      c++;
    }
    labels[i] = c;
    predictions[i] = next() < right ? c : randomInt(next, k);
    const z = (c === (shape.scoreFor ?? 1) ? signal : -signal) + normal(next);
    let p = 1 / (1 + Math.exp(-z));
    if (shape.decimals !== undefined) p = Math.round(p * 10 ** shape.decimals) / 10 ** shape.decimals;
    scores[i] = p;
  }
  return { labels, predictions, scores };
}

const cases: Case[] = [];

function add(
  name: string,
  input: ClassificationInput,
  options: { numeric?: boolean; oraclePositive?: number | null } = {},
): void {
  const numeric = options.numeric ?? false;
  // Without a positive label mlci takes the second class; for numeric labels that is sklearn's own
  // default pos_label=1, so sklearn is called without pos_label to check that default too.
  const oraclePositive =
    options.oraclePositive !== undefined ? options.oraclePositive : (input.positive ?? (numeric ? null : 1));
  cases.push({ name, input, numeric, oraclePositive });
}

const YES_NO = ['no', 'yes'];
const ZERO_ONE = ['0', '1'];

{
  const d = generate(1, { rows: 5, classes: ZERO_ONE });
  add('0/1 labels, 5 rows, sklearn default pos_label', { ...d, classes: ZERO_ONE }, { numeric: true });
}
{
  const d = generate(2, { rows: 50, classes: YES_NO });
  add('strings, 50 rows', { ...d, classes: YES_NO });
}
{
  const d = generate(3, { rows: 1000, classes: YES_NO, decimals: 1, weights: [3, 1] });
  add('1000 rows, scores tied to 0.1', { ...d, classes: YES_NO, positive: 1 });
}
{
  const d = generate(4, { rows: 200000, classes: YES_NO, decimals: 6, weights: [5, 1], accuracy: 0.7 });
  add('200000 rows, scores rounded to 1e-6', { ...d, classes: YES_NO });
}
{
  const d = generate(5, { rows: 200000, classes: YES_NO, decimals: 2, scoreFor: 0, signal: 0.3 });
  add('200000 rows, heavy ties (0.01), positive is the first class', { ...d, classes: YES_NO, positive: 0 });
}
{
  const d = generate(6, { rows: 200000, classes: ZERO_ONE, accuracy: 0.9, signal: 2 });
  add('200000 rows, 0/1 labels, continuous scores', { ...d, classes: ZERO_ONE }, { numeric: true });
}
{
  // Scores of exactly 0 and 1, many of them confidently wrong: log_loss clips to [eps, 1 - eps].
  const d = generate(7, { rows: 20000, classes: YES_NO, decimals: 0, signal: 0.2 });
  add('scores of exactly 0 and 1 (log_loss clipping)', { ...d, classes: YES_NO });
}
{
  const d = generate(8, { rows: 3000, classes: YES_NO });
  const scores = d.scores.map((s, i) => (i % 3 === 0 ? 0 : i % 3 === 1 ? 1 : Math.round(s * 2) / 2));
  add('scores in {0, 0.5, 1}', { ...d, scores, classes: YES_NO });
}
{
  const d = generate(9, { rows: 500, classes: YES_NO });
  add('every prediction negative (precision zero_division)', {
    ...d,
    predictions: new Int32Array(500),
    classes: YES_NO,
  });
}
{
  const d = generate(10, { rows: 400, classes: YES_NO });
  add('labels all negative (roc_auc undefined, recall zero_division)', {
    ...d,
    labels: new Int32Array(400),
    classes: YES_NO,
  });
}
{
  const d = generate(11, { rows: 400, classes: YES_NO });
  add('labels all positive (roc_auc undefined)', {
    ...d,
    labels: new Int32Array(400).fill(1),
    classes: YES_NO,
  });
}
{
  const d = generate(12, { rows: 300, classes: YES_NO });
  add('two classes given, only the negative one present', {
    ...d,
    labels: new Int32Array(300),
    predictions: new Int32Array(300),
    classes: YES_NO,
  });
}
{
  const d = generate(13, { rows: 60, classes: ['spam'] });
  add('one class, positive given', { ...d, classes: ['spam'], positive: 0 });
}
add('one row', {
  labels: Int32Array.of(1),
  predictions: Int32Array.of(0),
  scores: Float64Array.of(0.25),
  classes: YES_NO,
  positive: 1,
});
{
  const d = generate(14, { rows: 100000, classes: YES_NO });
  add('every score equal', { ...d, scores: new Float64Array(100000).fill(0.3), classes: YES_NO });
}
{
  const d = generate(15, { rows: 10000, classes: YES_NO, accuracy: 1 });
  const scores = Float64Array.from(d.labels, (c, i) =>
    c === 1 ? 0.6 + (i % 7) * 0.05 : 0.1 + (i % 5) * 0.1,
  );
  add('perfectly separated scores', { ...d, scores, classes: YES_NO });
}
{
  // Three classes given, the data holds two, the positive is the third: sklearn refuses pos_label.
  const classes = ['a', 'b', 'c'];
  const d = generate(16, { rows: 200, classes: ['a', 'b'] });
  add('positive label absent while two others are present', { ...d, classes, positive: 2 });
}
{
  const classes = ['cat', 'dog', 'emu'];
  const d = generate(17, { rows: 1000, classes, weights: [5, 3, 1] });
  add('3 classes, 1000 rows', { labels: d.labels, predictions: d.predictions, classes });
  add('3 classes with a positive label (binary refused)', {
    labels: d.labels,
    predictions: d.predictions,
    classes,
    positive: 1,
  });
  add('3 classes with scores (binary refused)', { ...d, classes });
}
{
  const classes = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
  const d = generate(18, { rows: 200000, classes, weights: [1, 2, 3, 4, 5, 6, 7], accuracy: 0.6 });
  add('7 classes, 200000 rows', { labels: d.labels, predictions: d.predictions, classes });
}
{
  const classes = Array.from({ length: 12 }, (_, i) => `class-${String(i).padStart(2, '0')}`);
  const d = generate(19, { rows: 5000, classes, accuracy: 0.5 });
  add('12 classes (pairwise averaging over 8+ labels)', {
    labels: d.labels,
    predictions: d.predictions,
    classes,
  });
}
{
  // The fourth class appears only in the predictions: its recall is ill-defined.
  const classes = ['a', 'b', 'c', 'd'];
  const d = generate(20, { rows: 800, classes: ['a', 'b', 'c'] });
  const predictions = d.predictions.map((p, i) => (i % 37 === 0 ? 3 : p));
  add('a class present only in predictions', { labels: d.labels, predictions, classes });
}
{
  // The third class is never predicted: its precision is ill-defined.
  const classes = ['x', 'y', 'z'];
  const d = generate(21, { rows: 900, classes });
  const predictions = d.predictions.map((p) => (p === 2 ? 0 : p));
  add('a class never predicted', { labels: d.labels, predictions, classes });
}
{
  const classes = ['0', '1', '2'];
  const d = generate(22, { rows: 3000, classes });
  add('integer labels 0/1/2', { labels: d.labels, predictions: d.predictions, classes }, { numeric: true });
}

// ---------------------------------------------------------------- run the oracle once

interface OracleResult {
  metrics: Record<string, OracleMetric>;
  confusion: { classes: string[]; matrix: number[][] };
}

let oracle: { sklearn: string; numpy: string; results: OracleResult[] };

beforeAll(() => {
  oracle = runOracle<OracleResult>(
    cases.map(({ input, numeric, oraclePositive }) => ({
      kind: 'classification',
      classes: input.classes,
      numeric,
      labels: Array.from(input.labels),
      predictions: Array.from(input.predictions),
      scores: input.scores ? Array.from(input.scores) : null,
      positive: oraclePositive,
    })),
  );
}, 120000);

test('the oracle is the Debian sklearn 1.2.1 / numpy 1.24.2 the metrics follow', () => {
  expect(oracle.sklearn).toBe('1.2.1');
  expect(oracle.numpy).toBe('1.24.2');
  expect(oracle.results).toHaveLength(cases.length);
});

/** Metric names compared with a number from sklearn, to prove every metric is covered. */
const comparedNames = new Set<string>();
const tally = new ExactTally();
/** mlci's rule: score metrics exist exactly when sklearn's binary precision_score accepts the data. */
const SCORE_FOLLOWS_PRECISION = new Set<string>(SCORE_METRICS);

function checkMetric(
  result: ClassificationMetrics,
  name: ClassificationMetricName,
  want: OracleMetric,
  binaryError: string | null,
): void {
  const value = result.values[name];
  const reason = result.reasons[name];
  const refusedAsBinary = binaryError !== null && SCORE_FOLLOWS_PRECISION.has(name);
  if (want.error !== null || refusedAsBinary) {
    expect({ name, value }).toEqual({ name, value: null });
    const expectedReason = refusedAsBinary ? binaryError : want.error;
    // sklearn's own message wherever mlci's sklearn call is the same call.
    if (name !== 'log_loss' && !(name === 'roc_auc' && refusedAsBinary)) {
      expect({ name, reason }).toEqual({ name, reason: expectedReason });
    } else {
      expect({ name, reason: typeof reason }).toEqual({ name, reason: 'string' });
    }
    return;
  }
  const expected = decode(want.value);
  expectClose(value, expected, name);
  comparedNames.add(name);
  tally.record(name, value as number, expected);
  // A warning from sklearn (zero_division and the like) is the reason; no warning, no reason.
  expect({ name, reason }).toEqual({
    name,
    reason: want.warnings.length > 0 ? want.warnings.at(-1) : undefined,
  });
}

test.each(cases.map((c, i) => [c.name, i] as const))('matches sklearn: %s', (_name, index) => {
  const testCase = cases[index];
  const want = oracle.results[index];
  if (!testCase || !want) throw new Error(`no oracle result for case ${index}`);
  const result = classificationMetrics(testCase.input);
  const binaryError = want.metrics.precision?.error ?? null;
  for (const [name, metric] of Object.entries(want.metrics)) {
    const metricName = name as ClassificationMetricName;
    const present = metricName in result.values;
    // A metric mlci leaves out is one it does not apply: binary metrics on multiclass labels
    // without a positive label or scores.
    if (!present) {
      expect(BINARY_METRICS as readonly string[]).toContain(name);
      expect(testCase.input.positive === undefined && testCase.input.scores === undefined).toBe(true);
      expect(metric.error).toBe(BINARY_ON_MULTICLASS);
      continue;
    }
    checkMetric(result, metricName, metric, binaryError);
  }
  // Nothing computed that sklearn was not asked for.
  for (const name of Object.keys(result.values)) expect(Object.keys(want.metrics)).toContain(name);
  expect(result.confusion).toEqual(want.confusion);
});

test('every classification metric was compared with a number from sklearn', () => {
  const missing = CLASSIFICATION_METRICS.filter((name) => !comparedNames.has(name));
  expect(missing).toEqual([]);
});

// log_loss is left out: Math.log and glibc's log need not round alike (they did on every case here).
test('every metric but log_loss equals sklearn bit for bit (same operations, numpy summation order)', () => {
  const inexact = [...tally.compared].filter(
    ([name, { exact, total }]) => name !== 'log_loss' && exact !== total,
  );
  expect(inexact).toEqual([]);
});

// ---------------------------------------------------------------- contracts

describe('which metrics are present', () => {
  const classes = ['a', 'b', 'c'];
  const labels = Int32Array.of(0, 1, 2, 0, 1, 2);
  const predictions = Int32Array.of(0, 2, 2, 0, 1, 1);

  test('multiclass without a positive label or scores: no binary metrics, no reasons', () => {
    const result = classificationMetrics({ labels, predictions, classes });
    expect(Object.keys(result.values)).toEqual([
      'accuracy',
      'precision_macro',
      'recall_macro',
      'f1_macro',
      'precision_weighted',
      'recall_weighted',
      'f1_weighted',
    ]);
    expect(result.reasons).toEqual({});
  });

  test('binary without scores: no score metrics', () => {
    const result = classificationMetrics({
      labels: Int32Array.of(0, 1, 1),
      predictions: Int32Array.of(0, 1, 0),
      classes: YES_NO,
    });
    for (const name of SCORE_METRICS) expect(name in result.values).toBe(false);
    expect(result.values.recall).toBe(0.5);
  });

  test('multiclass with a positive label: binary metrics null with sklearn reason', () => {
    const result = classificationMetrics({ labels, predictions, classes, positive: 0 });
    expect(result.values.precision).toBeNull();
    expect(result.reasons.f1).toBe(BINARY_ON_MULTICLASS);
  });

  test('one class and no positive label: binary metrics null, asking for the positive label', () => {
    // sklearn would score its default pos_label=1 here, which is no label of this data.
    const result = classificationMetrics({
      labels: Int32Array.of(0, 0),
      predictions: Int32Array.of(0, 0),
      scores: Float64Array.of(0.2, 0.4),
      classes: ['spam'],
    });
    expect(result.values.accuracy).toBe(1);
    for (const name of [...BINARY_METRICS, ...SCORE_METRICS]) {
      expect(result.values[name]).toBeNull();
      expect(result.reasons[name]).toBe(
        "labels and predictions hold one class only ('spam'): give the positive label",
      );
    }
  });

  test('the confusion matrix has rows true, columns predicted, over the classes present', () => {
    const result = confusionMatrix(Int32Array.of(0, 0, 2, 2, 2), Int32Array.of(2, 0, 0, 2, 2), [
      'a',
      'b',
      'c',
    ]);
    expect(result).toEqual({
      classes: ['a', 'c'],
      matrix: [
        [1, 1],
        [1, 2],
      ],
    });
  });
});

describe('one function per metric agrees with the entry point', () => {
  test.each([0, 3, 4, 12, 20, 21])('case %i', (index) => {
    const testCase = cases[index];
    if (!testCase) throw new Error('no case');
    const { labels, predictions, classes, scores } = testCase.input;
    const all = classificationMetrics(testCase.input);
    const k = classes.length;
    expect(accuracy(labels, predictions)).toBe(all.values.accuracy);
    expect(precisionMacro(labels, predictions, k)).toBe(all.values.precision_macro);
    expect(recallMacro(labels, predictions, k)).toBe(all.values.recall_macro);
    expect(f1Macro(labels, predictions, k)).toBe(all.values.f1_macro);
    expect(precisionWeighted(labels, predictions, k)).toBe(all.values.precision_weighted);
    expect(recallWeighted(labels, predictions, k)).toBe(all.values.recall_weighted);
    expect(f1Weighted(labels, predictions, k)).toBe(all.values.f1_weighted);
    if (all.values.precision === undefined || all.values.precision === null) return;
    const positive = testCase.input.positive ?? 1;
    expect(precision(labels, predictions, classes, positive)).toBe(all.values.precision);
    expect(recall(labels, predictions, classes, positive)).toBe(all.values.recall);
    expect(f1(labels, predictions, classes, positive)).toBe(all.values.f1);
    if (!scores) return;
    if (all.values.roc_auc === null)
      expect(() => rocAuc(labels, scores, positive)).toThrow(ROC_AUC_ONE_CLASS);
    else expect(rocAuc(labels, scores, positive)).toBe(all.values.roc_auc);
    expect(averagePrecision(labels, scores, positive)).toBe(all.values.average_precision);
    expect(logLoss(labels, scores, positive)).toBe(all.values.log_loss);
  });

  test('rocAuc throws sklearn error with one class in the labels', () => {
    expect(() => rocAuc(Int32Array.of(1, 1), Float64Array.of(0.1, 0.9), 1)).toThrow(UndefinedMetricError);
    expect(() => rocAuc(Int32Array.of(1, 1), Float64Array.of(0.1, 0.9), 1)).toThrow(ROC_AUC_ONE_CLASS);
    expect(averagePrecision(Int32Array.of(0, 0), Float64Array.of(0.1, 0.9), 1)).toBe(0);
    expect(
      classificationMetrics({
        labels: Int32Array.of(0, 0),
        predictions: Int32Array.of(0, 1),
        scores: Float64Array.of(0.1, 0.9),
        classes: YES_NO,
      }).reasons.average_precision,
    ).toBe(AVERAGE_PRECISION_NO_POSITIVE);
  });

  test('binary precision throws on multiclass labels', () => {
    expect(() => precision(Int32Array.of(0, 1, 2), Int32Array.of(0, 1, 2), ['a', 'b', 'c'], 0)).toThrow(
      BINARY_ON_MULTICLASS,
    );
  });
});

describe('bad input', () => {
  const base = { labels: Int32Array.of(0, 1), predictions: Int32Array.of(0, 1), classes: YES_NO };

  test.each([
    ['different lengths', { ...base, predictions: Int32Array.of(0) }, 'different lengths (2 and 1)'],
    [
      'scores of another length',
      { ...base, scores: Float64Array.of(0.5) },
      'labels and scores have different',
    ],
    [
      'a score above 1',
      { ...base, scores: Float64Array.of(0.5, 1.5) },
      'score 1.5 at row 2 is not a probability',
    ],
    ['a negative score', { ...base, scores: Float64Array.of(-0.1, 0.5) }, 'score -0.1 at row 1'],
    ['a NaN score', { ...base, scores: Float64Array.of(Number.NaN, 0.5) }, 'score NaN at row 1'],
    [
      'a class index out of range',
      { ...base, labels: Int32Array.of(0, 2) },
      'row 2: class index 2 is outside',
    ],
    ['a negative class index', { ...base, predictions: Int32Array.of(-1, 0) }, 'row 1: class index -1'],
    ['a positive index out of range', { ...base, positive: 2 }, 'positive class index 2 is outside'],
    ['no rows', { ...base, labels: new Int32Array(0), predictions: new Int32Array(0) }, 'no rows'],
    ['no classes', { ...base, classes: [] }, 'no classes'],
  ] as const)('%s', (_name, input, message) => {
    expect(() => classificationMetrics(input)).toThrow(InputError);
    expect(() => classificationMetrics(input)).toThrow(message);
  });
});
