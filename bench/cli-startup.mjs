#!/usr/bin/env node
// Start-up cost of `mlci --help` (target from issue 2: under 300 ms on this machine), measured against the
// bare Node start-up in the same run, so the ratio shows what mlci itself adds.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'packages/cli/dist/mlci.mjs');
const runs = Number(process.env.BENCH_RUNS ?? 20);

function medianMs(args) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (run.status !== 0) throw new Error(`${args.join(' ')} exited with ${run.status}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const baseline = medianMs(['-e', '']);
const help = medianMs([cli, '--help']);
const stepHelp = medianMs([cli, 'validate-data', '--help']);
console.log(`runs per command: ${runs} (median wall time)`);
console.log(`baseline  node -e ''                  ${baseline.toFixed(1)} ms`);
console.log(
  `mlci --help                         ${help.toFixed(1)} ms  (${(help / baseline).toFixed(2)}x baseline)`,
);
console.log(
  `mlci validate-data --help           ${stepHelp.toFixed(1)} ms  (${(stepHelp / baseline).toFixed(2)}x baseline)`,
);
console.log(`target: mlci --help under 300 ms -> ${help < 300 ? 'met' : 'NOT met'}`);
