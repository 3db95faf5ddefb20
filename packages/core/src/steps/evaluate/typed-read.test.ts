import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { rng } from '../../metrics/sklearn-oracle';
import { scratchDirectory } from '../validate-data/test-support';
import { compare } from './compare';
import { readPredictions } from './predictions';

/**
 * The typed read (numbers as DOUBLE vectors, classes encoded from distinct values) and the one sort shared by the
 * metrics and the bootstrap, against numpy's np.unique and scikit-learn on files made to catch a wrong order:
 * tied scores, -0 beside +0, scores a few ulps apart, text classes outside ASCII, integers past 2^53, a numeric
 * slice column with empty cells.
 */
const quiet = { info() {}, warn() {}, debug() {} };
const scratch = scratchDirectory('mlci-typed-read-');
const base = { labelColumn: 'label', predictionColumn: 'prediction', task: 'auto' as const, logger: quiet };

const oracle = `
import csv, json, sys
import numpy as np
from sklearn import metrics as m
out = {}
for side in ('candidate', 'baseline'):
    with open(sys.argv[1] + '/' + side + '.csv', newline='') as f:
        rows = list(csv.DictReader(f))
    y = [r['label'] for r in rows]
    p = [r['prediction'] for r in rows]
    s = np.array([float(r['score']) for r in rows])
    classes = np.unique(y + p).tolist()
    positive = classes[1]
    truth = np.array([v == positive for v in y])
    out[side] = {
        'classes': classes,
        'labels': np.unique(y + p, return_inverse=True)[1][:len(y)].tolist(),
        'accuracy': m.accuracy_score(y, p),
        'precision': m.precision_score(y, p, pos_label=positive),
        'recall': m.recall_score(y, p, pos_label=positive),
        'f1': m.f1_score(y, p, pos_label=positive),
        'roc_auc': m.roc_auc_score(truth, s),
        'average_precision': m.average_precision_score(truth, s),
        'log_loss': m.log_loss(truth, s, labels=[False, True]),
        'band': np.unique([r['band'] if r['band'] != '' else '(null)' for r in rows]).tolist(),
    }
print(json.dumps(out))
`;

test('classes, codes and every binary metric of both models equal numpy and scikit-learn on tied and close scores', async () => {
  const dir = scratch();
  const next = rng(18);
  const n = 5000;
  const classes = ['ja', 'jä', 'nein'];
  const labels = Array.from({ length: n }, () => (next() < 0.4 ? 1 : 0));
  const band = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? '' : String(i % 4)));
  const write = async (side: string, spread: number) => {
    const lines = labels.map((y, i) => {
      const raw = Math.min(1, Math.max(0, 0.5 + (y - 0.5) * spread + (next() - 0.5) * 0.8));
      // Ties (two decimals), -0 beside +0, and runs of scores one ulp apart.
      const score =
        i % 11 === 0
          ? i % 22 === 0
            ? '-0.0'
            : '0.0'
          : i % 13 === 0
            ? String(0.3 + (i % 5) * 2 ** -53)
            : raw.toFixed(2);
      const predicted = Number(score) >= 0.5 ? 1 : 0;
      return `${classes[y]},${classes[predicted]},${score},${band[i]}`;
    });
    await writeFile(join(dir, `${side}.csv`), `label,prediction,score,band\n${lines.join('\n')}\n`);
  };
  await write('candidate', 0.5);
  await write('baseline', 0.3);
  const expected = JSON.parse(execFileSync('/usr/bin/python3', ['-c', oracle, dir], { encoding: 'utf8' }));
  const read = (file: string) =>
    readPredictions(file, { ...base, cwd: dir, scoreColumn: 'score', sliceColumns: ['band'] });
  const [candidate, baseline] = await Promise.all([read('candidate.csv'), read('baseline.csv')]);
  for (const [side, got] of [
    ['candidate', candidate],
    ['baseline', baseline],
  ] as const) {
    const columns = got.columns;
    if (columns.task !== 'classification') throw new Error('not a classification');
    expect(columns.classes).toEqual(expected[side].classes);
    expect(Array.from(columns.labels)).toEqual(expected[side].labels);
    expect(got.slices[0]?.values).toEqual(expected[side].band);
  }
  const comparison = compare(
    { kind: 'predictions', predictions: candidate },
    { kind: 'predictions', predictions: baseline },
    [],
    { resamples: 200, confidence: 0.95, allowDifferentData: false },
  );
  for (const metric of [
    'accuracy',
    'precision',
    'recall',
    'f1',
    'roc_auc',
    'average_precision',
    'log_loss',
  ]) {
    const value = comparison.metrics[metric];
    expect(value?.candidate).toBeCloseTo(expected.candidate[metric], 12);
    expect(value?.baseline).toBeCloseTo(expected.baseline[metric], 12);
    expect(value?.ci).not.toBeNull();
  }
});

test('integers past 2^53 stay apart: read again as bigints, sorted by value, hashed as written', async () => {
  const dir = scratch();
  const big = ['9007199254740993', '9007199254740992', '-9007199254740993'];
  const rows = [0, 1, 2, 1, 0].map((i, row) => `${big[i]},${big[(i + row) % 3]}`);
  await writeFile(join(dir, 'p.csv'), `label,prediction\n${rows.join('\n')}\n`);
  const read = await readPredictions('p.csv', { ...base, cwd: dir, sliceColumns: [] });
  expect(read.columns).toMatchObject({
    task: 'classification',
    classes: ['-9007199254740993', '9007199254740992', '9007199254740993'],
    labels: Int32Array.from([2, 1, 0, 1, 2]),
    predictions: Int32Array.from([2, 0, 1, 1, 1]),
  });
  const text = `${[0, 1, 2, 1, 0].map((i) => big[i]).join('\n')}\n`;
  expect(read.dataDigest).toBe(`sha256:${createHash('sha256').update(text).digest('hex')}`);
});

test('whole-number labels and fractional-looking predictions of one value share a class; empty slice cells are (null)', async () => {
  const dir = scratch();
  await writeFile(join(dir, 'p.csv'), 'label,prediction,group\n1,1.0,3\n0,0.0,\n1,0.0,10\n0,1.0,3\n');
  const read = await readPredictions('p.csv', { ...base, cwd: dir, sliceColumns: ['group'] });
  expect(read.columns).toMatchObject({
    task: 'classification',
    classes: ['0', '1'],
    labels: Int32Array.from([1, 0, 1, 0]),
    predictions: Int32Array.from([1, 0, 0, 1]),
  });
  // Text order by code point, as np.unique on strings: '(null)' < '10' < '3'.
  expect(read.slices).toEqual([
    { column: 'group', values: ['(null)', '10', '3'], codes: Int32Array.from([2, 0, 1, 2]) },
  ]);
});
