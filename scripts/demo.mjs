#!/usr/bin/env node
// `npm run demo`: the pipeline so far, on the bundled example, with embedded defaults only (no server, no token).
import { spawnSync } from 'node:child_process';
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

function mlci(title, args) {
  process.stderr.write(`\n== ${title}\n$ mlci ${args.join(' ')}\n`);
  const run = spawnSync(process.execPath, [cli, ...args], { cwd: example, env, stdio: 'inherit' });
  if (run.status !== 0) {
    process.stderr.write(`demo: step "${title}" exited with ${run.status}\n`);
    process.exit(run.status ?? 1);
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

process.stderr.write(`\nDemo passed. Reports:\n`);
for (const part of ['train', 'test']) {
  for (const file of ['validate-data.md', 'validate-data.json', 'validate-data.junit.xml']) {
    process.stderr.write(`  ${relative(process.cwd(), join(out, part, file))}\n`);
  }
}
