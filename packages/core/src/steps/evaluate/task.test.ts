import { rng, runOracle } from '../../metrics/sklearn-oracle';
import { chooseTask } from './task';

/** One column as numpy would hold it: the dtype a CSV reader gives it, and its values. */
type Column = { dtype: 'float' | 'int' | 'str' | 'bool'; values: (number | string | boolean)[] };
type Case = { name: string; labels: Column; predictions: Column };

const next = rng(13);
const count = (n: number, value: (i: number) => number | string | boolean) =>
  Array.from({ length: n }, (_, i) => value(i));
const ints = (n: number, below: number, dtype: 'float' | 'int' = 'int'): Column => ({
  dtype,
  values: count(n, () => Math.floor(next() * below)),
});
const floats = (n: number, scale: number): Column => ({
  dtype: 'float',
  values: count(n, () => Number((next() * scale).toFixed(3))),
});

const cases: Case[] = [
  // The regression: whole-number targets (250 distinct) and float predictions.
  { name: 'whole-number labels, float predictions', labels: ints(1000, 250), predictions: floats(1000, 250) },
  {
    name: 'float labels with fractions, whole predictions',
    labels: floats(200, 10),
    predictions: ints(200, 10, 'float'),
  },
  { name: 'binary ints', labels: ints(100, 2), predictions: ints(100, 2) },
  { name: 'multiclass ints', labels: ints(100, 5), predictions: ints(100, 5) },
  {
    name: 'many distinct whole numbers on both sides',
    labels: ints(2000, 1000),
    predictions: ints(2000, 1000),
  },
  {
    name: 'whole numbers read as floats (1.0, 2.0)',
    labels: ints(100, 4, 'float'),
    predictions: ints(100, 4, 'float'),
  },
  { name: 'both with fractions', labels: floats(100, 1), predictions: floats(100, 1) },
  { name: '0/1 labels, probabilities as predictions', labels: ints(100, 2), predictions: floats(100, 1) },
  {
    name: 'negative whole numbers',
    labels: { dtype: 'int', values: [-3, -1, 0, 2] },
    predictions: { dtype: 'int', values: [-3, 0, 0, 2] },
  },
  {
    name: 'a single fraction among whole numbers',
    labels: { dtype: 'float', values: [1, 2, 3, 2.5] },
    predictions: { dtype: 'float', values: [1, 2, 3, 3] },
  },
  {
    name: 'text classes',
    labels: { dtype: 'str', values: ['cat', 'dog', 'cat', 'bird'] },
    predictions: { dtype: 'str', values: ['cat', 'cat', 'dog', 'bird'] },
  },
  {
    name: 'two text classes',
    labels: { dtype: 'str', values: ['no', 'yes', 'yes'] },
    predictions: { dtype: 'str', values: ['no', 'no', 'yes'] },
  },
  {
    name: 'booleans',
    labels: { dtype: 'bool', values: [true, false, true] },
    predictions: { dtype: 'bool', values: [true, true, false] },
  },
  {
    name: 'one class',
    labels: { dtype: 'int', values: [1, 1, 1] },
    predictions: { dtype: 'int', values: [1, 1, 1] },
  },
];

// numpy has no "bool" in the oracle's table: booleans are read as numpy bool, which type_of_target sees as binary.
const oracleColumn = (column: Column) =>
  column.dtype === 'bool' ? { dtype: 'int', values: column.values.map(Number) } : column;
const oracle = runOracle<{ labels: string; predictions: string }>(
  cases.map((c) => ({
    kind: 'type_of_target',
    labels: oracleColumn(c.labels).values,
    labels_dtype: oracleColumn(c.labels).dtype,
    predictions: oracleColumn(c.predictions).values,
    predictions_dtype: oracleColumn(c.predictions).dtype,
  })),
);

const numeric = (column: Column) => column.dtype === 'float' || column.dtype === 'int';

test.each(cases.map((c, i) => [c.name, c, oracle.results[i] as { labels: string; predictions: string }]))(
  'auto task as type_of_target decides: %s',
  (_, c, sklearn) => {
    const chosen = chooseTask('auto', {
      labels: c.labels.values,
      predictions: c.predictions.values,
      labelsNumeric: numeric(c.labels),
      predictionsNumeric: numeric(c.predictions),
      scored: false,
    });
    const continuous = sklearn.labels === 'continuous' || sklearn.predictions === 'continuous';
    expect(chosen.name).toBe(continuous ? 'regression' : 'classification');
    if (!continuous) {
      // sklearn's _check_targets: multiclass when either column is, or their union has more than two values.
      const multiclass = sklearn.labels === 'multiclass' || sklearn.predictions === 'multiclass';
      expect(chosen.reason).toMatch(multiclass ? /\(multiclass\)$/ : /\((binary|multiclass)\)$/);
    }
  },
);

test('the reason names the column that decided, with an example value', () => {
  const evidence = { labelsNumeric: true, predictionsNumeric: true, scored: false };
  expect(chooseTask('auto', { ...evidence, labels: [3, 7, 12], predictions: [3.5, 7, 11] })).toEqual({
    name: 'regression',
    reason: 'auto: predictions are non-integer numbers, e.g. 3.5',
  });
  expect(chooseTask('auto', { ...evidence, labels: [0.25, 1], predictions: [1, 2] }).reason).toBe(
    'auto: labels are non-integer numbers, e.g. 0.25',
  );
  expect(chooseTask('auto', { ...evidence, labels: [3, 7, 12], predictions: [3, 7, 12] })).toEqual({
    name: 'classification',
    reason: 'auto: labels and predictions are whole numbers, 3 distinct (multiclass)',
  });
});

test('a declared score column makes a classification; an explicit task is taken as given', () => {
  const evidence = { labels: [0, 1], predictions: [0.5, 1], labelsNumeric: true, predictionsNumeric: true };
  expect(chooseTask('auto', { ...evidence, scored: true })).toEqual({
    name: 'classification',
    reason: 'auto: a score column is declared',
  });
  expect(chooseTask('classification', { ...evidence, scored: false })).toEqual({
    name: 'classification',
    reason: 'given',
  });
});
