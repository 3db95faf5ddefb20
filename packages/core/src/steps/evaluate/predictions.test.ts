import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../errors';
import { scratchDirectory } from '../validate-data/test-support';
import { readPredictions } from './predictions';

const quiet = { info() {}, warn() {}, debug() {} };
const scratch = scratchDirectory('mlci-predictions-');
const options = {
  labelColumn: 'label',
  predictionColumn: 'prediction',
  sliceColumns: [] as string[],
  task: 'auto' as const,
  logger: quiet,
};

test('classes in np.unique order, codes per row, scores, slices, and a digest of the labels', async () => {
  const dir = scratch();
  await writeFile(
    join(dir, 'p.csv'),
    'label,prediction,score,country\nmalignant,benign,0.4,DE\nbenign,benign,0.1,FR\nmalignant,malignant,0.9,\n',
  );
  const read = await readPredictions('p.csv', {
    ...options,
    cwd: dir,
    scoreColumn: 'score',
    sliceColumns: ['country'],
    positiveLabel: 'malignant',
  });
  expect(read.rows).toBe(3);
  expect(read.columns).toEqual({
    task: 'classification',
    classes: ['benign', 'malignant'],
    labels: Int32Array.from([1, 0, 1]),
    predictions: Int32Array.from([0, 0, 1]),
    scores: Float64Array.from([0.4, 0.1, 0.9]),
    positive: 1,
  });
  expect(read.slices).toEqual([
    { column: 'country', values: ['(null)', 'DE', 'FR'], codes: Int32Array.from([1, 2, 0]) },
  ]);
  expect(read.dataDigest).toBe(
    `sha256:${createHash('sha256').update('malignant\nbenign\nmalignant\n').digest('hex')}`,
  );
});

test('numeric labels sort by value; fractional labels make a regression', async () => {
  const dir = scratch();
  await writeFile(join(dir, 'c.csv'), 'label,prediction\n10,9\n9,10\n2,2\n');
  const classes = await readPredictions('c.csv', { ...options, cwd: dir });
  expect(classes.columns).toMatchObject({ task: 'classification', classes: ['2', '9', '10'] });
  await writeFile(join(dir, 'r.csv'), 'label,prediction\n1.5,1.25\n2,2.5\n');
  const regression = await readPredictions('r.csv', { ...options, cwd: dir });
  expect(regression.columns).toEqual({
    task: 'regression',
    actual: Float64Array.from([1.5, 2]),
    predicted: Float64Array.from([1.25, 2.5]),
  });
});

test.each([
  [
    'a missing column',
    'label,pred\n1,1\n',
    {},
    "p.csv: no column 'prediction' (prediction-column); the file has label, pred",
  ],
  ['a row without a label', 'label,prediction\n1,1\n,0\n', {}, "p.csv: row 2 has no value in 'label'"],
  [
    'labels and predictions of different types',
    'label,prediction\n1,a\n0,b\n',
    {},
    "p.csv: 'label' holds BIGINT and 'prediction' holds VARCHAR: labels and predictions must be of one type",
  ],
  [
    'a score outside [0, 1]',
    'label,prediction,score\n1,1,1.2\n0,0,0.1\n',
    { scoreColumn: 'score' },
    "p.csv: row 1: score 1.2 in 'score' is not a probability in [0, 1]",
  ],
  [
    'an unknown positive label',
    'label,prediction\n1,1\n0,0\n',
    { positiveLabel: 'yes' },
    "positive-label: 'yes' is not a label of p.csv (labels: 0, 1)",
  ],
  ['no rows', 'label,prediction\n', {}, 'p.csv: no rows to evaluate'],
])('%s is a one-line input error', async (_, content, extra, message) => {
  const dir = scratch();
  await writeFile(join(dir, 'p.csv'), content);
  const failure = await readPredictions('p.csv', { ...options, ...extra, cwd: dir }).catch(
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(InputError);
  expect((failure as Error).message).toBe(message);
});
