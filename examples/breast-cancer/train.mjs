#!/usr/bin/env node
// Trains a logistic regression on data/train.csv with ml-logistic-regression (npm), no Python needed.
// mlci train passes the parameters (MLCI_PARAMS_FILE, MLCI_PARAM_*), the outputs directory (MLCI_OUTPUTS)
// and where to write metrics (MLCI_METRICS_FILE). Deterministic: the same data and parameters give the same
// bytes, so a run and its cache hit have the same output digest.
//
//   mlci train --command "node train.mjs" --inputs data/train.csv data/test.csv train.mjs \
//     --params params.yaml --outputs model --metrics metrics.json
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import LogisticRegression from 'ml-logistic-regression';
import { Matrix } from 'ml-matrix';

const label = 'diagnosis';
const positive = 'malignant';
const params = process.env.MLCI_PARAMS_FILE
  ? JSON.parse(readFileSync(process.env.MLCI_PARAMS_FILE, 'utf8'))
  : {};
const numSteps = Number(params.num_steps ?? 2000);
const learningRate = Number(params.learning_rate ?? 0.05);
const outputs = process.env.MLCI_OUTPUTS ?? 'model';
const metricsFile = process.env.MLCI_METRICS_FILE ?? 'metrics.json';

function readCsv(path) {
  const [header, ...rows] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const columns = header.split(',');
  const features = columns.filter((name) => name !== label && name !== 'sample_id');
  const index = Object.fromEntries(columns.map((name, i) => [name, i]));
  return {
    features,
    x: rows.map((row) => {
      const cells = row.split(',');
      return features.map((name) => Number(cells[index[name]]));
    }),
    y: rows.map((row) => (row.split(',')[index[label]] === positive ? 1 : 0)),
  };
}

const train = readCsv('data/train.csv');
const test = readCsv('data/test.csv');

// Standardize with the training set's mean and standard deviation (kept in the model for serving).
const means = train.features.map((_, j) => train.x.reduce((sum, row) => sum + row[j], 0) / train.x.length);
const stds = train.features.map((_, j) => {
  const variance = train.x.reduce((sum, row) => sum + (row[j] - means[j]) ** 2, 0) / train.x.length;
  return Math.sqrt(variance) || 1;
});
const scale = (rows) => rows.map((row) => row.map((value, j) => (value - means[j]) / stds[j]));

const model = new LogisticRegression({ numSteps, learningRate });
model.train(new Matrix(scale(train.x)), Matrix.columnVector(train.y));

// One-vs-all: classifier 1 scores "not malignant", so the probability of malignant is 1 minus its score.
const scores = model.classifiers[1].testScores(new Matrix(scale(test.x))).map((score) => 1 - score);
const predictions = scores.map((score) => (score >= 0.5 ? 1 : 0));
let tp = 0;
let fp = 0;
let fn = 0;
let correct = 0;
predictions.forEach((predicted, i) => {
  const actual = test.y[i];
  if (predicted === actual) correct++;
  if (predicted === 1 && actual === 1) tp++;
  if (predicted === 1 && actual === 0) fp++;
  if (predicted === 0 && actual === 1) fn++;
});
const precision = tp / (tp + fp || 1);
const recall = tp / (tp + fn || 1);
const metrics = {
  accuracy: correct / predictions.length,
  precision,
  recall,
  f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
};

mkdirSync(outputs, { recursive: true });
writeFileSync(
  join(outputs, 'model.json'),
  `${JSON.stringify({ kind: 'logistic-regression', label, positive, features: train.features, means, stds, model: model.toJSON() })}\n`,
);
writeFileSync(
  join(outputs, 'predictions.csv'),
  `label,prediction,score\n${predictions.map((p, i) => `${test.y[i]},${p},${scores[i]}`).join('\n')}\n`,
);
writeFileSync(metricsFile, `${JSON.stringify(metrics, null, 2)}\n`);
console.log(
  `trained on ${train.x.length} rows; test accuracy ${metrics.accuracy.toFixed(3)}, f1 ${metrics.f1.toFixed(3)}`,
);
