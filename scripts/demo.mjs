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

// Every run starts from an empty report directory, so no report of an earlier run can be taken for this one's.
rmSync(out, { recursive: true, force: true });

mlci('validate the training data against its contract', [
  'validate-data',
  '--data',
  'data/train.csv',
  '--schema',
  'schema.yaml',
  // The training data's profile: train keeps it on the version, for the monitor at the end.
  '--write-profile',
  join(out, 'train-profile.json'),
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
const shiftColumns = (row, factor) => {
  const cells = row.split(',');
  for (const index of drifted) cells[index] = String(Number(cells[index]) * factor);
  return cells.join(',');
};
const shifted = trainRows.map((row) => shiftColumns(row, 1.6));
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
for (const path of ['.mlci', 'model', 'candidate', 'metrics.json'])
  rmSync(join(example, path), { recursive: true, force: true });

// Training: a JavaScript trainer (ml-logistic-regression from npm), registered in the embedded file: registry
// (examples/breast-cancer/.mlci/registry) with the training data's validation as evidence. The first run always
// runs (--no-cache) and stores its result in the run cache; the second, identical, is a cache hit with the same
// output digest.
const train = (dir, outputs, extra) => [
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
  outputs,
  '--metrics',
  'metrics.json',
  '--register',
  'breast-cancer',
  '--evidence',
  join(out, 'train', 'validate-data.json'),
  ...extra,
  '--out',
  join(out, dir),
];
mlci('train the model and register it (version 1)', train('train-run', 'model', ['--no-cache']));
mlci('the same training again is a cache hit', train('train-hit', 'model', []));
const [ran, restored] = ['train-run', 'train-hit'].map((dir) =>
  JSON.parse(readFileSync(join(out, dir, 'train.json'), 'utf8')),
);
if (restored.cache.status !== 'hit' || ran.outputs.digest !== restored.outputs.digest) {
  process.stderr.write(
    `demo: expected a cache hit with outputs ${ran.outputs.digest}, got ${restored.cache.status} with ${restored.outputs?.digest}\n`,
  );
  process.exit(1);
}

// Each version gets its evidence: an evaluation against production and a model image, both kept on the version
// for promote. Before the first release nothing holds production: version 1's evaluation applies its absolute
// gate and reports the relative one as skipped ("no baseline yet"), which is what a team's first pipeline does.
const evaluate = (version, predictions, gates, dir, expectedStatus = 0) =>
  mlci(
    `evaluate version ${version} against production (${gates.join(', ')})${expectedStatus === 1 ? ' (exit 1 is expected: log_loss got worse)' : ''}`,
    [
      'evaluate',
      '--candidate',
      predictions,
      '--score-column',
      'score',
      '--baseline',
      'registry:breast-cancer@production',
      ...gates.flatMap((gate) => ['--gate', gate]),
      '--attach-to',
      `breast-cancer@${version}`,
      '--out',
      join(out, dir),
    ],
    expectedStatus,
  );
// A model image: the model's files and the lineage labels on no base (scratch), so no entrypoint: there is no
// runtime in it to start (build-image refuses one whose program is not in the image). It is built without a
// daemon into an OCI layout on disk; a serving image puts the same model layer on a base with a runtime
// (docs/build-image.md), which needs a registry this demo does not reach.
const buildImage = (version, model, trainResult) =>
  mlci(`package version ${version} as a model image (an OCI layout on disk)`, [
    'build-image',
    '--model',
    model,
    '--tag',
    version,
    '--oci-layout',
    join(out, 'image'),
    '--train-result',
    trainResult,
    '--attach-to',
    `breast-cancer@${version}`,
    '--out',
    join(out, `build-image-v${version}`),
  ]);
const promote = (title, dir, args, expectedStatus = 0) =>
  mlci(title, ['promote', '--model', 'breast-cancer', ...args, '--out', join(out, dir)], expectedStatus);

// The hand-off to a GitOps deploy repository, on disk: a bare repository with a base Deployment and a production
// overlay whose `images:` entry each promote to production sets to the version's image by digest (docs/deploy.md),
// as Argo CD or Flux would then sync it. A cluster pulls from a registry, not from this demo's OCI layout:
// deploy-image names the registry repository the layout is copied to (`skopeo copy` keeps the digest).
const deployRepo = join(out, 'deploy.git');
const deployWork = join(out, 'deploy');
const deployFile = 'overlays/production/kustomization.yaml';
const files = {
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'base/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: breast-cancer',
    'spec:',
    '  selector:',
    '    matchLabels: { app: breast-cancer }',
    '  template:',
    '    metadata:',
    '      labels: { app: breast-cancer }',
    '    spec:',
    '      containers:',
    '        - name: model',
    '          image: breast-cancer',
    '',
  ].join('\n'),
  [deployFile]: [
    '# production overlay: a GitOps controller (Argo CD, Flux) syncs this directory',
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'resources:',
    '  - ../../base',
    'images:',
    '  - name: breast-cancer',
    '    newName: registry.example.com/ml/breast-cancer',
    '    newTag: bootstrap',
    '',
  ].join('\n'),
};
for (const [path, text] of Object.entries(files)) {
  mkdirSync(dirname(join(deployWork, path)), { recursive: true });
  writeFileSync(join(deployWork, path), text);
}
const git = (cwd, ...args) => {
  const run = spawnSync('git', ['-c', 'user.name=demo', '-c', 'user.email=demo@example.invalid', ...args], {
    cwd,
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    process.stderr.write(`demo: git ${args.join(' ')} failed: ${run.stderr}`);
    process.exit(1);
  }
  return run.stdout;
};
git(out, 'init', '--quiet', '--bare', '--initial-branch=main', deployRepo);
git(deployWork, 'init', '--quiet', '--initial-branch=main');
git(deployWork, 'add', '.');
git(deployWork, 'commit', '--quiet', '-m', 'production runs the bootstrap image');
git(deployWork, 'push', '--quiet', deployRepo, 'main');
const deployFlags = [
  '--deploy-repo',
  deployRepo,
  '--deploy-file',
  `production=${deployFile}`,
  '--deploy-image',
  'registry.example.com/ml/breast-cancer',
];
// What the controller applies: the deploy repository's main branch, rendered by kubectl when there is one.
const showDeployed = () => {
  rmSync(deployWork, { recursive: true, force: true });
  git(out, 'clone', '--quiet', deployRepo, deployWork);
  const commit = git(deployWork, 'log', '-1', '--format=%h %s').trim();
  const rendered = spawnSync('kubectl', ['kustomize', join(deployWork, 'overlays/production')], {
    encoding: 'utf8',
  });
  const text = rendered.status === 0 ? rendered.stdout : readFileSync(join(deployWork, deployFile), 'utf8');
  const images = text.split('\n').filter((line) => /^\s*(- )?(image|newTag|digest):/.test(line));
  process.stderr.write(
    `\n== the deploy repository's production, as Argo CD or Flux would sync it (${commit})\n$ ${
      rendered.status === 0 ? 'kubectl kustomize overlays/production' : `cat ${deployFile} (no kubectl here)`
    } | grep image\n${images.join('\n')}\n`,
  );
};
showDeployed();

evaluate('1', 'model/predictions.csv', ['accuracy>=0.9', 'f1:max_drop=0.02'], 'evaluate-v1');
buildImage('1', 'model', join(out, 'train-hit', 'train.json'));
promote('release v1.0.0: version 1 goes to production, handed to the deploy repository', 'promote-v1.0.0', [
  '--tag',
  'v1.0.0',
  '--version',
  '1',
  ...deployFlags,
]);
showDeployed();

// A second model (a faster learning rate), registered as version 2. It predicts the same classes but is
// overconfident: against production, log_loss rises past max_drop, the gate fails and promote refuses it.
mlci(
  'train a candidate with a faster learning rate (version 2)',
  train('train-candidate', 'candidate', ['--param', 'learning_rate=0.2']),
);
evaluate(
  '2',
  'candidate/predictions.csv',
  ['f1:max_drop=0.02', 'roc_auc:non_inferior=0.01', 'log_loss:max_drop=0.1'],
  'evaluate-v2-gated',
  1,
);
buildImage('2', 'candidate', join(out, 'train-candidate', 'train.json'));
promote(
  'release v1.1.0: version 2 is refused, its evaluation failed (exit 1 is expected)',
  'promote-v1.1.0',
  ['--tag', 'v1.1.0', '--version', '2', ...deployFlags],
  1,
);

// Accepted on f1 alone, it is promoted; then rolled back, and production is version 1 again.
evaluate('2', 'candidate/predictions.csv', ['f1:max_drop=0.02'], 'evaluate-v2');
promote('release v1.1.1: version 2 passes a gate on f1 and goes to production', 'promote-v1.1.1', [
  '--tag',
  'v1.1.1',
  '--version',
  '2',
  ...deployFlags,
]);
showDeployed();
promote('roll production back to version 1: its image goes back too', 'promote-rollback', [
  '--to',
  'production',
  '--rollback',
  ...deployFlags,
]);
showDeployed();

mlci('the registry now: versions, evidence, aliases and their history', ['model', 'show', 'breast-cancer']);

// The scheduled monitor: a sample of production data against the profile of the data production's model (version
// 1 again) learned from, kept on the version by train. The test set stands in for a sample that passes; the same
// rows with two columns shifted for one that has drifted. No issue tracker here: the alert is the report and exit 1.
const monitor = (title, data, dir, expectedStatus) =>
  mlci(
    title,
    [
      'validate-data',
      '--data',
      data,
      '--reference',
      'registry:breast-cancer@production',
      // A monitor watches a few columns that matter: two drifted columns of 32 are enough to alert on.
      '--drift-share',
      '0.05',
      '--alert',
      'issue',
      '--out',
      join(out, dir),
    ],
    expectedStatus,
  );
monitor('monitor production: a sample like the training data passes', 'data/test.csv', 'monitor', 0);
const productionSample = join(out, 'drifted-sample.csv');
writeFileSync(productionSample, `${[header, ...testRows.map((row) => shiftColumns(row, 1.6))].join('\n')}\n`);
monitor(
  'monitor production: a drifted sample raises the alert (exit 1 is expected)',
  productionSample,
  'monitor-drifted',
  1,
);

process.stderr.write(
  '\nDemo passed: validate-data let the good data through and stopped the broken training set; train made version 1 (its second run a cache hit); evaluate (no production yet: its relative gate skipped), a model image and promote put it into production; version 2 was refused for its worse log_loss, promoted on f1 alone, and rolled back; each move of production was committed to the deploy repository by image digest, the rollback too; the monitor passed a sample of production data and raised the alert on a drifted one. Reports:\n',
);
for (const part of ['train', 'test', 'drift', 'hygiene', 'broken', 'monitor', 'monitor-drifted'])
  process.stderr.write(`  ${relative(process.cwd(), join(out, part, 'validate-data.md'))}\n`);
for (const part of ['train-run', 'train-hit', 'train-candidate'])
  process.stderr.write(
    `  ${relative(process.cwd(), join(out, part, 'train.md'))} (and run.json, provenance.intoto.json)\n`,
  );
for (const part of ['evaluate-v1', 'evaluate-v2-gated', 'evaluate-v2'])
  process.stderr.write(`  ${relative(process.cwd(), join(out, part, 'evaluate.md'))}\n`);
for (const part of ['promote-v1.0.0', 'promote-v1.1.0', 'promote-v1.1.1', 'promote-rollback'])
  process.stderr.write(`  ${relative(process.cwd(), join(out, part, 'promote.md'))}\n`);
for (const part of ['build-image-v1', 'build-image-v2'])
  process.stderr.write(`  ${relative(process.cwd(), join(out, part, 'build-image.md'))}\n`);
process.stderr.write(
  `  ${relative(process.cwd(), join(out, 'image'))} (the OCI image layout: tags 1, 2, v1.0.0, v1.1.1, production)\n`,
);
