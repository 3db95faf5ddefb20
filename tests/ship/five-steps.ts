/**
 * The five steps as a team runs them on its own project, shared by the ways mlci is shipped (the npm tarball,
 * the standalone executable): a small penguins data set (not the bundled example), validate-data (and a file
 * that breaks its contract), train with a Python command registering to a file registry, evaluate against the
 * majority class with a gate, build-image to an OCI layout that skopeo and umoci (not mlci) read back, promote.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from '@jest/globals';
import { unpackLayout, writeBaseLayout } from '../image/support';
import type { RunResult } from '../support/cli';

const run = promisify(execFile);

export const penguins = `${[
  'bill_length_mm,flipper_length_mm,species',
  '39.1,181,Adelie',
  '39.5,186,Adelie',
  '40.3,195,Adelie',
  '36.7,193,Adelie',
  '38.9,181,Adelie',
  '41.1,205,Adelie',
  '46.1,211,Gentoo',
  '50.0,230,Gentoo',
  '48.7,210,Gentoo',
  '47.6,215,Gentoo',
  '46.5,210,Gentoo',
  '45.1,207,Gentoo',
].join('\n')}\n`;

export const schema = `columns:
  bill_length_mm:
    type: number
    min: 30
    max: 60
  flipper_length_mm:
    type: integer
    min: 150
    max: 250
  species:
    type: string
    allowed: [Adelie, Gentoo]
`;

/** Nearest centroid in plain Python: the model, the metrics and the predictions on the training rows. */
const trainer = `import csv, json, os
rows = list(csv.DictReader(open("data/penguins.csv")))
features = ["bill_length_mm", "flipper_length_mm"]
centroids = {}
for label in sorted({r["species"] for r in rows}):
    group = [r for r in rows if r["species"] == label]
    centroids[label] = [sum(float(r[f]) for r in group) / len(group) for f in features]
def predict(r):
    return min(centroids, key=lambda l: sum((float(r[f]) - c) ** 2 for f, c in zip(features, centroids[l])))
with open(os.path.join(os.environ["MLCI_OUTPUTS"], "model.json"), "w") as f:
    json.dump({"features": features, "centroids": centroids}, f, sort_keys=True)
with open("predictions.csv", "w") as f:
    f.write("species,predicted\\n" + "".join(r["species"] + "," + predict(r) + "\\n" for r in rows))
with open(os.environ["MLCI_METRICS_FILE"], "w") as f:
    json.dump({"accuracy": sum(predict(r) == r["species"] for r in rows) / len(rows)}, f)
print("trained on", len(rows), "rows")
`;

/** Writes the project into `dir` (empty or missing) and runs the five steps there with `mlci`, asserting each. */
export async function runFiveSteps(
  dir: string,
  mlci: (...args: string[]) => Promise<RunResult>,
): Promise<void> {
  await mkdir(join(dir, 'data'), { recursive: true });
  await writeFile(join(dir, 'data/penguins.csv'), penguins);
  await writeFile(join(dir, 'schema.yaml'), schema);
  await writeFile(join(dir, 'train.py'), trainer);
  await writeFile(join(dir, 'serve.py'), 'import json\nprint(json.load(open("/model/model.json")))\n');
  // The majority class: what the candidate must beat.
  await writeFile(
    join(dir, 'baseline.csv'),
    `species,predicted\n${penguins
      .trim()
      .split('\n')
      .slice(1)
      .map((row) => `${row.split(',')[2]},Adelie\n`)
      .join('')}`,
  );
  await writeBaseLayout(join(dir, 'base'), 'python', [
    {
      os: 'linux',
      architecture: 'amd64',
      files: { 'usr/local/bin/python3': '#!\n' },
      env: ['PATH=/usr/local/bin:/usr/bin:/bin'],
    },
  ]);
  const registry = ['--registry', 'file:registry'];

  const validated = await mlci('validate-data', '--data', 'data/penguins.csv', '--schema', 'schema.yaml');
  expect(validated.stderr).toContain('validate-data passed');
  expect(validated.status).toBe(0);
  await writeFile(join(dir, 'bad.csv'), `${penguins}52.0,310,Chinstrap\n`);
  const refused = await mlci('validate-data', '--data', 'bad.csv', '--schema', 'schema.yaml', '--out', 'bad');
  expect(refused.status).toBe(1);
  const failedChecks = JSON.parse(await readFile(join(dir, 'bad/validate-data.json'), 'utf8')).checks.filter(
    (check: { status: string }) => check.status === 'failed',
  );
  expect(failedChecks.map((check: { column: string }) => check.column).sort()).toEqual([
    'flipper_length_mm',
    'species',
  ]);

  const trained = await mlci(
    'train',
    '--command',
    'python3 train.py',
    '--inputs',
    'data/penguins.csv',
    'train.py',
    '--outputs',
    'model',
    '--metrics',
    'metrics.json',
    '--evidence',
    '.mlci/validate-data.json',
    '--register',
    'penguins',
    ...registry,
  );
  expect(trained.stderr).toContain('trained on 12 rows');
  expect(trained.status).toBe(0);
  const model = await readFile(join(dir, 'model/model.json'));
  expect(JSON.parse(model.toString()).features).toEqual(['bill_length_mm', 'flipper_length_mm']);

  const evaluated = await mlci(
    'evaluate',
    '--candidate',
    'predictions.csv',
    '--baseline',
    'baseline.csv',
    '--label-column',
    'species',
    '--prediction-column',
    'predicted',
    '--gate',
    'accuracy>=0.9',
    '--attach-to',
    'penguins@1',
    ...registry,
  );
  expect(evaluated.stderr).toContain('evaluate passed');
  expect(evaluated.status).toBe(0);

  const built = await mlci(
    'build-image',
    '--base',
    'oci:base:python',
    '--model',
    'model',
    '--add',
    'serve.py:/app/serve.py',
    '--entrypoint',
    '["python3", "/app/serve.py"]',
    '--oci-layout',
    'image',
    '--tag',
    '1',
    '--train-result',
    '.mlci/train.json',
    '--attach-to',
    'penguins@1',
    ...registry,
  );
  expect(built.stderr).not.toMatch(/error/);
  expect(built.status).toBe(0);
  // skopeo and umoci, not mlci, read the layout back.
  const config = JSON.parse(
    (await run('skopeo', ['inspect', '--config', `oci:${join(dir, 'image')}:1`])).stdout,
  );
  expect(config.config.Entrypoint).toEqual(['python3', '/app/serve.py']);
  const rootfs = await unpackLayout(join(dir, 'image'), '1', dir);
  expect(await readFile(join(rootfs, 'model/model.json'))).toEqual(model);
  expect(await readFile(join(rootfs, 'app/serve.py'), 'utf8')).toContain('/model/model.json');

  const promoted = await mlci(
    'promote',
    '--model',
    'penguins',
    '--version',
    '1',
    '--to',
    'production',
    ...registry,
  );
  expect(promoted.stderr).toContain('promote passed');
  expect(promoted.status).toBe(0);
  const alias = JSON.parse(await readFile(join(dir, 'registry/models/penguins/aliases/production'), 'utf8'));
  expect(alias.version).toBe('1');
  for (const result of [validated, trained, evaluated, built, promoted])
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
}
