#!/usr/bin/env node
// `npm run demo`: the pipeline so far, on the bundled example, with embedded defaults only (no server, no token).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

// What a broken contract looks like: a copy of the test data with two bad rows, which the gate must stop.
const broken = join(out, 'broken.csv');
mkdirSync(out, { recursive: true });
const lines = readFileSync(join(example, 'data/test.csv'), 'utf8').trimEnd().split('\n');
lines[1] = lines[1].replace(/,benign$|,malignant$/, ',unknown');
lines[2] = lines[2].replace(/^(\d+),[^,]+,/, '$1,-3.5,');
writeFileSync(broken, `${lines.join('\n')}\n`);
mlci(
  'the same contract stops a broken file (exit 1 is expected)',
  ['validate-data', '--data', broken, '--schema', 'schema.yaml', '--out', join(out, 'broken')],
  1,
);

process.stderr.write(
  `\nDemo passed: the gate let the good files through and stopped the broken one. Reports:\n`,
);
for (const part of ['train', 'test', 'broken']) {
  for (const file of ['validate-data.md', 'validate-data.json', 'validate-data.junit.xml']) {
    process.stderr.write(`  ${relative(process.cwd(), join(out, part, file))}\n`);
  }
}
