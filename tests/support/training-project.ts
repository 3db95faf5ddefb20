import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A real, dependency-free training command for the adapters' end-to-end tests: a nearest-centroid classifier
 * trained on a small CSV. It reads its parameter from MLCI_PARAM_SCALE (how mlci hands params to a command),
 * writes the model into MLCI_OUTPUTS and the metrics into MLCI_METRICS_FILE, and appends a line to runs.log
 * outside the outputs, so a test can count the times it really ran. The same data and params give the same
 * bytes: no clock, no randomness.
 */
export const trainerSource = `import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [header, ...rows] = readFileSync('data/train.csv', 'utf8').trim().split('\\n');
const features = header.split(',').slice(0, -1);
const scale = Number(process.env.MLCI_PARAM_SCALE ?? '1');
const sums = {};
for (const row of rows) {
  const cells = row.split(',');
  const label = cells.at(-1);
  sums[label] ??= { n: 0, total: features.map(() => 0) };
  sums[label].n++;
  features.forEach((_, i) => { sums[label].total[i] += Number(cells[i]) * scale; });
}
const centroids = Object.fromEntries(
  Object.entries(sums).map(([label, { n, total }]) => [label, total.map((value) => value / n)]),
);
const predict = (cells) =>
  Object.entries(centroids)
    .map(([label, centre]) => [label, centre.reduce((d, c, i) => d + (Number(cells[i]) * scale - c) ** 2, 0)])
    .sort((a, b) => a[1] - b[1])[0][0];
const correct = rows.filter((row) => predict(row.split(',')) === row.split(',').at(-1)).length;

mkdirSync(process.env.MLCI_OUTPUTS, { recursive: true });
writeFileSync(
  join(process.env.MLCI_OUTPUTS, 'model.json'),
  JSON.stringify({ features, centroids, args: process.argv.slice(2) }, null, 2) + '\\n',
);
writeFileSync(process.env.MLCI_METRICS_FILE, JSON.stringify({ accuracy: correct / rows.length, rows: rows.length }));
appendFileSync('runs.log', process.env.MLCI_RUN_ID + '\\n');
console.log('trained on ' + rows.length + ' rows: accuracy ' + (correct / rows.length).toFixed(3));
`;

/** Twelve rows of two features and a label that the centroids separate, but not perfectly. */
export const trainingData = `${[
  'size,texture,label',
  '1.0,2.1,benign',
  '1.2,1.9,benign',
  '0.8,2.3,benign',
  '1.1,2.0,benign',
  '0.9,2.2,benign',
  '2.6,3.9,malignant',
  '1.3,2.0,benign',
  '3.0,4.2,malignant',
  '2.8,4.0,malignant',
  '3.1,4.4,malignant',
  '2.9,3.8,malignant',
  '1.4,2.4,malignant',
].join('\n')}\n`;

/** Writes train.mjs and data/train.csv into dir (created if needed); returns dir. */
export function writeTrainingProject(dir: string): string {
  mkdirSync(join(dir, 'data'), { recursive: true });
  writeFileSync(join(dir, 'train.mjs'), trainerSource);
  writeFileSync(join(dir, 'data/train.csv'), trainingData);
  return dir;
}
