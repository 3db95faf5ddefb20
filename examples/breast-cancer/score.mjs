#!/usr/bin/env node
// Scores a model trained by train.mjs on a CSV of the same columns: one row per example, with the true label,
// the predicted label and the probability of malignant, as train.mjs writes predictions.csv.
//
//   node score.mjs MODEL_DIR DATA_CSV PREDICTIONS_CSV
//
// It is the --rescore-command of `mlci evaluate`: mlci passes the baseline version's files in
// MLCI_BASELINE_MODEL and reads MLCI_PREDICTIONS.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';

const [modelDirectory, dataFile, predictionsFile] = process.argv.slice(2);
if (!predictionsFile) {
  console.error('usage: node score.mjs MODEL_DIR DATA_CSV PREDICTIONS_CSV');
  process.exit(2);
}
const saved = JSON.parse(readFileSync(join(modelDirectory, 'model.json'), 'utf8'));
const [header, ...rows] = readFileSync(dataFile, 'utf8').trimEnd().split('\n');
const index = Object.fromEntries(header.split(',').map((name, i) => [name, i]));
const x = rows.map((row) => {
  const cells = row.split(',');
  return saved.features.map((name, j) => (Number(cells[index[name]]) - saved.means[j]) / saved.stds[j]);
});
const y = rows.map((row) => (row.split(',')[index[saved.label]] === saved.positive ? 1 : 0));
const model = LogisticRegression.load(saved.model);
// As in train.mjs: classifier 1 scores "not malignant".
const scores = model.classifiers[1].testScores(new Matrix(x)).map((score) => 1 - score);
writeFileSync(
  predictionsFile,
  `label,prediction,score\n${scores.map((s, i) => `${y[i]},${s >= 0.5 ? 1 : 0},${s}`).join('\n')}\n`,
);
