#!/usr/bin/env node
// `npm run demo`: the pipeline so far, on the bundled example, with embedded defaults only (no server, no token).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'packages/cli/dist/mlci.mjs');
const example = join(root, 'examples/breast-cancer');
const out = join(root, '.mlci/demo');

// The demo runs as on a laptop even inside a CI job, so it never posts comments.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^(GITHUB_|GITLAB_|CI_|JENKINS_|MLCI_TOKEN)/.test(name)),
);

function mlci(title, args, expectedStatus = 0) {
  process.stderr.write(`\n== ${title}\n$ mlci ${args.join(' ')}\n`);
  const run = spawnSync(process.execPath, [cli, ...args], { cwd: example, env, stdio: 'inherit' });
  if (run.status !== expectedStatus) {
    process.stderr.write(`demo: step "${title}" exited with ${run.status}, expected ${expectedStatus}\n`);
    process.exit(run.status || 1);
  }
}

mlci('validate the training data against its contract', [
  'validate-data',
  '--data',
  'data/train.csv',
  '--schema',
  'schema.yaml',
  '--out',
  join(out, 'train'),
]);
mlci('validate the test data against the same contract', [
  'validate-data',
  '--data',
  'data/test.csv',
  '--schema',
  'schema.yaml',
  '--out',
  join(out, 'test'),
]);

mlci('the test data has not drifted from the training data', [
  'validate-data',
  '--data',
  'data/test.csv',
  '--schema',
  'schema.yaml',
  '--reference',
  'data/train.csv',
  '--out',
  join(out, 'drift'),
]);
mlci('train/test hygiene: no duplicates, overlap, conflicting labels or leaking feature', [
  'validate-data',
  '--data',
  'data/train.csv',
  '--test',
  'data/test.csv',
  '--label',
  'diagnosis',
  '--out',
  join(out, 'hygiene'),
]);

// What the gate stops: a new training set with a broken row, two drifted columns and 20 rows of the test set.
mkdirSync(out, { recursive: true });
const [header = '', ...trainRows] = readFileSync(join(example, 'data/train.csv'), 'utf8')
  .trimEnd()
  .split('\n');
const testRows = readFileSync(join(example, 'data/test.csv'), 'utf8').trimEnd().split('\n').slice(1);
const drifted = ['mean_texture', 'worst_texture'].map((name) => header.split(',').indexOf(name));
const shifted = trainRows.map((row) => {
  const cells = row.split(',');
  for (const index of drifted) cells[index] = String(Number(cells[index]) * 1.6);
  return cells.join(',');
});
shifted[0] = (shifted[0] ?? '').replace(/,(benign|malignant)$/, ',unknown');
const broken = join(out, 'broken-train.csv');
writeFileSync(broken, `${[header, ...shifted, ...testRows.slice(0, 20)].join('\n')}\n`);
mlci(
  'the gate stops a broken training set (exit 1 is expected)',
  [
    'validate-data',
    '--data',
    broken,
    '--schema',
    'schema.yaml',
    '--reference',
    'data/train.csv',
    '--test',
    'data/test.csv',
    '--label',
    'diagnosis',
    '--out',
    join(out, 'broken'),
  ],
  1,
);

// The demo starts from a clean example: its embedded registry, run cache and outputs (all git-ignored) are
// removed, so every demo shows the same story: version 1 made by a real run, then a cache hit.
for (const path of ['.mlci', 'model', 'metrics.json'])
  rmSync(join(example, path), { recursive: true, force: true });

// Training: a JavaScript trainer (ml-logistic-regression from npm), registered in the embedded file: registry
// (examples/breast-cancer/.mlci/registry). The first run always runs (--no-cache) and stores its result in the
// run cache; the second, identical, is a cache hit with the same output digest.
const train = (dir, extra) => [
  'train',
  '--command',
  'node train.mjs',
  '--inputs',
  'data/train.csv',
  'data/test.csv',
  'train.mjs',
  '--params',
  'params.yaml',
  '--outputs',
  'model',
  '--metrics',
  'metrics.json',
  '--register',
  'breast-cancer',
  ...extra,
  '--out',
  join(out, dir),
];
mlci('train the model and register it', train('train-run', ['--no-cache']));
mlci('the same training again is a cache hit', train('train-hit', []));
const [ran, restored] = ['train-run', 'train-hit'].map((dir) =>
  JSON.parse(readFileSync(join(out, dir, 'train.json'), 'utf8')),
);
if (restored.cache.status !== 'hit' || ran.outputs.digest !== restored.outputs.digest) {
  process.stderr.write(
    `demo: expected a cache hit with outputs ${ran.outputs.digest}, got ${restored.cache.status} with ${restored.outputs?.digest}\n`,
  );
  process.exit(1);
}
mlci('the registered model and its lineage', ['model', 'show', 'breast-cancer']);

// The model as an OCI image with its server, built without a daemon into an OCI layout on disk, recorded on
// version 1 (the label dev.mlci.run.id names the run that made the model).
mlci('package version 1 as an OCI image (an OCI layout on disk)', [
  'build-image',
  '--model',
  'model',
  '--add',
  'serve.mjs:/app/serve.mjs',
  '--entrypoint',
  '["node", "/app/serve.mjs"]',
  '--env',
  'MODEL_DIR=/model',
  '--tag',
  '1',
  '--oci-layout',
  join(out, 'image'),
  '--train-result',
  join(out, 'train-hit', 'train.json'),
  '--attach-to',
  'breast-cancer@1',
  '--out',
  join(out, 'build-image'),
]);

// The quality gate: version 1's evaluation is kept on it; a second model (a faster learning rate) is compared
// with it on the same test rows. It predicts the same classes but is overconfident: log_loss rises past max_drop.
mlci('keep the evaluation of version 1 on it', [
  'evaluate',
  '--candidate',
  'model/predictions.csv',
  '--score-column',
  'score',
  '--attach-to',
  'breast-cancer@1',
  '--out',
  join(out, 'evaluate-v1'),
]);
mlci('train a candidate with a faster learning rate', [
  'train',
  '--command',
  'node train.mjs',
  '--inputs',
  'data/train.csv',
  'data/test.csv',
  'train.mjs',
  '--params',
  'params.yaml',
  '--param',
  'learning_rate=0.2',
  '--outputs',
  'candidate',
  '--out',
  join(out, 'train-candidate'),
]);
mlci(
  'the gate compares the candidate with version 1 (exit 1 is expected: log_loss got worse)',
  [
    'evaluate',
    '--candidate',
    'candidate/predictions.csv',
    '--score-column',
    'score',
    '--baseline',
    'registry:breast-cancer@1',
    '--gate',
    'f1:max_drop=0.02',
    '--gate',
    'roc_auc:non_inferior=0.01',
    '--gate',
    'log_loss:max_drop=0.1',
    '--out',
    join(out, 'evaluate-candidate'),
  ],
  1,
);

process.stderr.write(
  '\nDemo passed: the gate let the good data through and stopped the broken training set; the model was trained, registered, and its second training was a cache hit; it was packaged as an OCI image; the evaluation gate stopped an overconfident candidate. Reports:\n',
);
for (const part of ['train', 'test', 'drift', 'hygiene', 'broken']) {
  for (const file of ['validate-data.md', 'validate-data.json', 'validate-data.junit.xml']) {
    process.stderr.write(`  ${relative(process.cwd(), join(out, part, file))}\n`);
  }
}
for (const part of ['evaluate-v1', 'evaluate-candidate']) {
  for (const file of ['evaluate.md', 'evaluate.json', 'evaluate.junit.xml']) {
    process.stderr.write(`  ${relative(process.cwd(), join(out, part, file))}\n`);
  }
}
process.stderr.write(`  ${relative(process.cwd(), join(out, 'build-image', 'build-image.md'))}\n`);
process.stderr.write(`  ${relative(process.cwd(), join(out, 'image'))} (the OCI image layout, tag 1)\n`);
for (const part of ['train-run', 'train-hit']) {
  for (const file of ['train.md', 'train.json', 'run.json', 'provenance.intoto.json']) {
    process.stderr.write(`  ${relative(process.cwd(), join(out, part, file))}\n`);
  }
}
