#!/usr/bin/env node
// `node bench/cli-startup.mjs [--node PATH]...`: start-up cost of the mlci CLI (packages/cli/dist/mlci.mjs, what
// npm's `mlci` bin runs) against a bare `node -e ''` started by the same Node in the same run, so the ratio shows
// what mlci itself adds. Target (issue 18): `mlci --help`, `mlci --version` and `mlci <step> --help` for every
// step take at most 1.5x the bare start. Each `--node` is measured in turn (default: the Node running this); the
// commands take turns, run by run, so a machine busy with other work slows them alike. Beside them: a data row
// (validate-data on 3 rows, which loads DuckDB from node_modules) and, when built (`npm run build:binary`), the
// standalone executable (dist-bin/mlci-linux-<arch>), measured with the first Node's rows; the executable's data
// runs use its cache (unpacked once before timing; that first run is timed once). BENCH_RUNS changes the 15 runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'packages/cli/dist/mlci.mjs');
const executable = join(root, 'dist-bin', `mlci-linux-${process.arch}`);
const runs = Number(process.env.BENCH_RUNS ?? 15);
const targetRatio = 1.5;
const steps = ['validate-data', 'train', 'evaluate', 'build-image', 'promote'];

const nodes = [];
for (let index = 2; index < process.argv.length; index++) {
  if (process.argv[index] === '--node' && process.argv[index + 1]) nodes.push(process.argv[++index]);
  else {
    console.error(
      `usage: node bench/cli-startup.mjs [--node PATH]...  (unknown argument ${process.argv[index]})`,
    );
    process.exit(2);
  }
}
if (nodes.length === 0) nodes.push(process.execPath);

const work = mkdtempSync(join(tmpdir(), 'mlci-bench-startup-'));
writeFileSync(join(work, 'data.csv'), 'id,age\n1,34\n2,51\n3,27\n');
writeFileSync(join(work, 'print.mjs'), "process.stdout.write('mlci\\n');\n");
writeFileSync(join(work, 'schema.yaml'), 'columns:\n  id:\n    type: integer\n  age:\n    type: integer\n');
const validate = ['validate-data', '--data', 'data.csv', '--schema', 'schema.yaml', '--out', 'out'];
const env = { ...process.env, MLCI_CACHE_DIR: join(work, 'cache') };
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');

console.log(
  `runs per command: ${runs} (median wall time, commands taking turns); load average before: ${load()}`,
);
let allMet = true;
for (const [nodeIndex, node] of nodes.entries()) {
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  /** Rows held to the target: help and version. */
  const targeted = [
    { label: 'mlci --help', args: ['--help'] },
    { label: 'mlci --version', args: ['--version'] },
    ...steps.map((step) => ({ label: `mlci ${step} --help`, args: [step, '--help'] })),
  ].map((command) => ({ ...command, file: node, args: [cli, ...command.args], targeted: true }));
  const commands = [
    { label: "baseline  node -e ''", file: node, args: ['-e', ''] },
    // The floor of an ES module program: one file that prints a line.
    { label: 'floor     node print.mjs', file: node, args: [join(work, 'print.mjs')] },
    ...targeted,
    { label: 'mlci validate-data (3 rows)', file: node, args: [cli, ...validate] },
  ];
  const withExecutable = nodeIndex === 0 && existsSync(executable);
  let firstRun;
  if (withExecutable) {
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
  const medians = times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]);
  const baseline = medians[0];
  console.log(`\nnode ${version} (${node}); load average after: ${load()}`);
  commands.forEach((command, index) => {
    const ratio = medians[index] / baseline;
    const shown = index === 0 ? '' : `  (${ratio.toFixed(2)}x baseline)`;
    const target = command.targeted
      ? `  target ${targetRatio}x: ${ratio <= targetRatio ? 'met' : 'NOT met'}`
      : '';
    if (command.targeted && ratio > targetRatio) allMet = false;
    console.log(`${command.label.padEnd(36)}${medians[index].toFixed(1).padStart(8)} ms${shown}${target}`);
  });
  if (withExecutable) {
    console.log(`executable first data run (unpacks DuckDB) ${firstRun.toFixed(1)} ms, once`);
    console.log(`executable size: ${(statSync(executable).size / 1e6).toFixed(1)} MB`);
  } else if (nodeIndex === 0) {
    console.log(`executable: not built (npm run build:binary writes ${executable})`);
  }
  // The target of issue 2, kept for comparison with the earlier figures.
  console.log(`issue 2 target: mlci --help under 300 ms -> ${medians[2] < 300 ? 'met' : 'NOT met'}`);
}
rmSync(work, { recursive: true, force: true });
console.log(
  `\ntarget ${targetRatio}x for --help, --version and every <step> --help on ${nodes.length} Node(s): ${allMet ? 'met' : 'NOT met'}`,
);

function timeOnce({ file, args }) {
  const start = process.hrtime.bigint();
  const run = spawnSync(file, args, { stdio: 'ignore', cwd: work, env });
  if (run.status !== 0) throw new Error(`${file} ${args.join(' ')} exited with ${run.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}
