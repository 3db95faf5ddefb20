#!/usr/bin/env node
// Serves a model trained by train.mjs over HTTP, with Node.js alone (no npm packages), as the image built by
// `mlci build-image` runs it:
//
//   POST /predict   {"rows": [{"mean_radius": 17.99, ...}, ...]}
//                -> {"predictions": [{"label": "malignant", "probability": 0.98}, ...]}
//   GET  /health    -> {"model": "<MODEL_DIR>/model.json", "features": 30}
//
// MODEL_DIR (default /model) holds model.json; PORT (default 8080) is where it listens.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

const modelFile = join(process.env.MODEL_DIR ?? '/model', 'model.json');
const saved = JSON.parse(readFileSync(modelFile, 'utf8'));
// ml-logistic-regression, one-vs-all: classifier 1 scores "not malignant" (see train.mjs).
const weights = saved.model.classifiers[1].weights[0];

function probability(row) {
  let z = 0;
  saved.features.forEach((name, j) => {
    const value = Number(row[name]);
    if (!Number.isFinite(value)) throw new Error(`row has no number in '${name}'`);
    z += ((value - saved.means[j]) / saved.stds[j]) * weights[j];
  });
  return 1 - 1 / (1 + Math.exp(-z));
}

const server = createServer((request, response) => {
  const reply = (status, body) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(`${JSON.stringify(body)}\n`);
  };
  if (request.method === 'GET' && request.url === '/health')
    return reply(200, { model: modelFile, features: saved.features.length });
  if (request.method !== 'POST' || request.url !== '/predict') return reply(404, { error: 'not found' });
  let body = '';
  request.on('data', (chunk) => {
    body += chunk;
  });
  request.on('end', () => {
    try {
      const predictions = JSON.parse(body).rows.map((row) => {
        const p = probability(row);
        return { label: p >= 0.5 ? saved.positive : `not ${saved.positive}`, probability: p };
      });
      reply(200, { predictions });
    } catch (error) {
      reply(400, { error: error.message });
    }
  });
});
server.listen(Number(process.env.PORT ?? 8080), () => {
  console.log(`serving ${modelFile} on port ${server.address().port}`);
});
