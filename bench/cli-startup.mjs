#!/usr/bin/env node
// Start-up cost of `mlci --help` (target from issue 2: under 300 ms on this machine), measured against the
// bare Node start-up in the same run, so the ratio shows what mlci itself adds; beside it the standalone
// executable (dist-bin/mlci-linux-<arch>, `npm run build:binary`) when it is built. The commands take turns, run by
// run, so a machine busy with other work slows them alike. The data rows load DuckDB: the npm-installed CLI from
// node_modules, the executable from its cache (unpacked once before timing; that first run is timed once).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'packages/cli/dist/mlci.mjs');
const executable = join(root, 'dist-bin', `mlci-linux-${process.arch}`);
const runs = Number(process.env.BENCH_RUNS ?? 20);

const work = mkdtempSync(join(tmpdir(), 'mlci-bench-startup-'));
writeFileSync(join(work, 'data.csv'), 'id,age\n1,34\n2,51\n3,27\n');
writeFileSync(join(work, 'schema.yaml'), 'columns:\n  id:\n    type: integer\n  age:\n    type: integer\n');
const validate = ['validate-data', '--data', 'data.csv', '--schema', 'schema.yaml', '--out', 'out'];
const env = { ...process.env, MLCI_CACHE_DIR: join(work, 'cache') };

const commands = [
  { label: "baseline  node -e ''", file: process.execPath, args: ['-e', ''] },
  { label: 'mlci --help', file: process.execPath, args: [cli, '--help'] },
  { label: 'mlci validate-data --help', file: process.execPath, args: [cli, 'validate-data', '--help'] },
  { label: 'mlci validate-data (3 rows)', file: process.execPath, args: [cli, ...validate] },
];
const built = existsSync(executable);
let firstRun;
if (built) {
  commands.push(
    { label: 'executable --help', file: executable, args: ['--help'] },
    { label: 'executable validate-data --help', file: executable, args: ['validate-data', '--help'] },
    { label: 'executable validate-data (3 rows)', file: executable, args: validate },
  );
  firstRun = timeOnce({ file: executable, args: validate });
}

const times = commands.map(() => []);
for (let i = 0; i < runs; i++) {
  for (const [index, command] of commands.entries()) times[index].push(timeOnce(command));
}
rmSync(work, { recursive: true, force: true });

const medians = times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]);
const baseline = medians[0];
console.log(`runs per command: ${runs} (median wall time, commands taking turns)`);
commands.forEach((command, index) => {
  const ratio = index === 0 ? '' : `  (${(medians[index] / baseline).toFixed(2)}x baseline)`;
  console.log(`${command.label.padEnd(36)}${medians[index].toFixed(1).padStart(8)} ms${ratio}`);
});
if (built) {
  console.log(`executable first data run (unpacks DuckDB) ${firstRun.toFixed(1)} ms, once`);
  console.log(`executable size: ${(statSync(executable).size / 1e6).toFixed(1)} MB`);
} else {
  console.log(`executable: not built (npm run build:binary writes ${executable})`);
}
console.log(`target: mlci --help under 300 ms -> ${medians[1] < 300 ? 'met' : 'NOT met'}`);

function timeOnce({ file, args }) {
  const start = process.hrtime.bigint();
  const run = spawnSync(file, args, { stdio: 'ignore', cwd: work, env });
  if (run.status !== 0) throw new Error(`${file} ${args.join(' ')} exited with ${run.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}
