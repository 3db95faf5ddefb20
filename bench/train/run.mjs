#!/usr/bin/env node
// mlci train's input fingerprinting at gigabyte scale (issue 4, "Speed"). In one run:
//   1. makes (once; cached in bench/train/.data/) a directory of many files, random and compressible, in
//      subdirectories, and reads every file once so that all timings below hash from the page cache;
//   2. times /usr/bin/sha256sum over the files: one process, single-threaded: the baseline;
//   3. times mlci's fingerprinting (packages/core/src/io/fingerprint.ts, bundled on the fly) with an empty hash
//      cache on all cores and on one, then again with the hash cache it saved (stat only);
//   4. runs the committed CLI bundle's `mlci train` twice in a scratch workspace over the same files and reads
//      the second run's train.json: how long it took to decide the cache hit.
//
//   npm run bench:train                      (= node bench/train/run.mjs: 1 GiB, 4096 files)
//   node bench/train/run.mjs --size 64MiB    (a quick try)
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const cli = join(root, 'packages/cli/dist/mlci.mjs');
const sha256sum = '/usr/bin/sha256sum';
const generatorVersion = 1;
/** For each `mlci train` run. Generous: the first run hashes every input; past this, something hangs. */
const cliTimeoutMs = 300_000;

const { values: options } = parseArgs({
  options: {
    size: { type: 'string', default: '1GiB' },
    'file-size': { type: 'string', default: '256KiB' },
    runs: { type: 'string' },
    'data-dir': { type: 'string', default: join(here, '.data') },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (options.help) {
  console.log(`usage: node bench/train/run.mjs [options]
  --size 1GiB           total size of the input directory (KB, MB, GB or KiB, MiB, GiB)
  --file-size 256KiB    size of each file (the count is size / file-size)
  --runs N              timings of sha256sum and of mlci's first run, median reported (default 3 below 1 GB, 1 from 1 GB)
  --data-dir DIR        cache of generated inputs (default bench/train/.data)
  --keep                keep the scratch workspace of the mlci train runs`);
  process.exit(0);
}

function parseSize(text) {
  const match = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|KiB|MiB|GiB)?$/i.exec(text.trim());
  if (!match) throw new Error(`not a size: ${text} (e.g. 1GiB, 64MB)`);
  const units = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30 };
  return Math.round(Number(match[1]) * units[(match[2] ?? 'B').toLowerCase()]);
}

const totalBytes = parseSize(options.size);
const fileBytes = parseSize(options['file-size']);
const fileCount = Math.max(1, Math.round(totalBytes / fileBytes));
const runs = options.runs ? Number(options.runs) : totalBytes >= 1e9 ? 1 : 3;
const mb = (bytes) => bytes / 1e6;
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

// ---------------------------------------------------------------------------------------------------------
// The machine

const sha256sumVersion = spawnSync(sha256sum, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
const cpuFlags =
  readFileSync('/proc/cpuinfo', 'utf8')
    .match(/^flags\s*:(.*)$/m)?.[1]
    .split(' ') ?? [];
const sha256sumLinks = spawnSync('ldd', [sha256sum], { encoding: 'utf8' }).stdout;
console.log('# train benchmark: input fingerprinting');
console.log(
  `machine: ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}; SHA extensions: ${cpuFlags.includes('sha_ni') ? 'yes' : 'no'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${(freemem() / 2 ** 30).toFixed(1)} GiB free`,
);
console.log(
  `node ${process.version} (sha256 from OpenSSL ${process.versions.openssl}); baseline ${sha256sumVersion}, ${/libcrypto/.test(sha256sumLinks) ? 'linked to libcrypto' : 'its own portable sha256 (no libcrypto)'}`,
);
console.log(`mlci: ${relative(root, cli)} at commit ${gitRevision()}`);
console.log(
  `load average at start: ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`,
);

function gitRevision() {
  const probe = spawnSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : 'unknown';
}

// ---------------------------------------------------------------------------------------------------------
// The inputs: generated once per parameter set, then reused

const subdirectories = 16;
const dataName = `inputs-${fileCount}x${fileBytes}-v${generatorVersion}`;
const dataDir = join(options['data-dir'], dataName);
/** Marker beside the directory, not in it: it must not become one of the inputs. */
const marker = join(options['data-dir'], `${dataName}.done`);
const files = Array.from({ length: fileCount }, (_, index) => {
  const kind = index % 2 === 0 ? 'bin' : 'csv';
  return `shard-${String(index % subdirectories).padStart(2, '0')}/part-${String(index).padStart(5, '0')}.${kind}`;
});

if (!existsSync(marker)) {
  const start = performance.now();
  rmSync(dataDir, { recursive: true, force: true });
  const { randomFillSync } = await import('node:crypto');
  for (let shard = 0; shard < Math.min(subdirectories, fileCount); shard++) {
    mkdirSync(join(dataDir, `shard-${String(shard).padStart(2, '0')}`), { recursive: true });
  }
  const random = Buffer.alloc(fileBytes);
  files.forEach((file, index) => {
    // Half random (model weights, images), half text that compresses well (CSV).
    writeFileSync(join(dataDir, file), file.endsWith('.bin') ? randomFillSync(random) : csvContent(index));
  });
  writeFileSync(marker, `${JSON.stringify({ fileCount, fileBytes, generatorVersion })}\n`);
  console.log(
    `generated ${relative(root, dataDir)}: ${fileCount} files in ${subdirectories} directories in ${seconds(performance.now() - start)}`,
  );
}

function csvContent(index) {
  const rows = [];
  let length = 0;
  for (let row = 0; length < fileBytes; row++) {
    const line = `${index},${row},${(row * 7919) % 100003},category-${row % 13},${(row % 97) / 8}\n`;
    rows.push(line);
    length += line.length;
  }
  return rows.join('').slice(0, fileBytes);
}

// Every tool below reads from memory: the first read of each file is here, untimed.
const warmStart = performance.now();
let dataBytes = 0;
for (const file of files) dataBytes += readFileSync(join(dataDir, file)).length;
console.log(
  `inputs: ${relative(root, dataDir)}, ${fileCount} files, ${(dataBytes / 2 ** 20).toFixed(0)} MiB; page cache warmed by reading every file once (${seconds(performance.now() - warmStart)}), so every timing hashes from memory`,
);
console.log(`runs per timing: ${runs} (median wall time)\n`);

// ---------------------------------------------------------------------------------------------------------
// The baseline: sha256sum, one process, files passed by xargs -0 (one sha256sum unless the list passes ARG_MAX)

const scratch = mkdtempSync(join(tmpdir(), 'mlci-bench-train-'));
/** GNU time gives the CPU time of xargs and the sha256sum it waits for; without it the column stays empty. */
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

async function timeSha256sum() {
  const start = performance.now();
  const cpuFile = join(scratch, 'sha256sum.cpu');
  const command = ['xargs', '-0', sha256sum, '--'];
  const listing = await new Promise((resolvePromise, rejectPromise) => {
    const child = spawn(
      gnuTime ?? command[0],
      gnuTime ? ['-f', '%U %S', '-o', cpuFile, ...command] : command.slice(1),
      {
        cwd: dataDir,
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.on('error', rejectPromise);
    child.on('close', (code) =>
      code === 0
        ? resolvePromise(Buffer.concat(chunks).toString('utf8'))
        : rejectPromise(new Error(`sha256sum exited ${code}`)),
    );
    child.stdin.end(files.map((file) => `${file}\0`).join(''));
  });
  const ms = performance.now() - start;
  const cpuMs = gnuTime
    ? readFileSync(cpuFile, 'utf8')
        .trim()
        .split(' ')
        .reduce((sum, value) => sum + Number(value) * 1000, 0)
    : undefined;
  return { ms, cpuMs, listing };
}

const sha256sumRuns = [];
for (let run = 0; run < runs; run++) sha256sumRuns.push(await timeSha256sum());
const baseline = median(sha256sumRuns);
const baselineMs = baseline.ms;
const listing = baseline.listing;

// ---------------------------------------------------------------------------------------------------------
// mlci's fingerprinting, called directly: the hashing figures do not depend on the CLI

const bundle = join(scratch, 'fingerprint.mjs');
await build({
  entryPoints: [join(root, 'packages/core/src/io/fingerprint.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});
const { expandPaths, fingerprintFiles, HashCache } = await import(pathToFileURL(bundle).href);
const { setDigest } = await build({
  entryPoints: [join(root, 'packages/core/src/io/file-set.ts')],
  outfile: join(scratch, 'file-set.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  logLevel: 'warning',
}).then(() => import(pathToFileURL(join(scratch, 'file-set.mjs')).href));

const listStart = performance.now();
const paths = await expandPaths(['.'], { cwd: dataDir, option: '--inputs' });
const listMs = performance.now() - listStart;
if (paths.length !== fileCount)
  throw new Error(`expandPaths found ${paths.length} files, expected ${fileCount}`);

/** CPU time is the process's: the main thread and the hashing threads. */
async function timeFingerprint(workers, hashCache) {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const set = await fingerprintFiles(dataDir, paths, { workers, hashCache });
  const cpu = process.cpuUsage(cpuStart);
  return { ms: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1000, set };
}

const cores = availableParallelism();
const cacheFile = join(scratch, 'hash-cache.json');
const allCoreRuns = [];
const oneCoreRuns = [];
let firstSet;
let firstCache;
for (let run = 0; run < runs; run++) {
  firstCache = await HashCache.load(cacheFile); // absent: empty
  const result = await timeFingerprint(cores, firstCache);
  allCoreRuns.push(result);
  firstSet = result.set;
}
for (let run = 0; run < runs; run++) oneCoreRuns.push(await timeFingerprint(1));
const saveStart = performance.now();
await firstCache.save();
const saveMs = performance.now() - saveStart;

const cachedStart = performance.now();
const secondCache = await HashCache.load(cacheFile);
const loadMs = performance.now() - cachedStart;
const secondPaths = await expandPaths(['.'], { cwd: dataDir, option: '--inputs' });
const cachedSet = await fingerprintFiles(dataDir, secondPaths, { hashCache: secondCache });
const cachedMs = performance.now() - cachedStart;

// The same files must give the same digests as the baseline, or the timings compare nothing.
const baselineDigest = setDigest(
  listing
    .trimEnd()
    .split('\n')
    .map((line) => ({ digest: line.slice(0, 64), path: line.slice(66) })),
);
const digestsAgree = baselineDigest === firstSet.digest && cachedSet.digest === firstSet.digest;

// ---------------------------------------------------------------------------------------------------------
// The CLI: two identical `mlci train` runs; the second should be a cache hit decided from the stat cache

const cliResult = runTrain();

function runTrain() {
  const workspace = join(scratch, 'workspace');
  mkdirSync(workspace);
  symlinkSync(dataDir, join(workspace, 'data'));
  writeFileSync(
    join(workspace, 'make-model.mjs'),
    "import { mkdirSync, writeFileSync } from 'node:fs';\nmkdirSync('model', { recursive: true });\nwriteFileSync('model/model.json', JSON.stringify({ weights: [0.5, -1.25] }));\n",
  );
  writeFileSync(join(workspace, '.gitignore'), '.mlci/\nmodel/\nreports/\ndata\n');
  const git = (...args) =>
    spawnSync('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@localhost', ...args], {
      cwd: workspace,
    });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'bench workspace');

  const args = [
    cli,
    'train',
    '--command',
    'node make-model.mjs',
    '--inputs',
    'data',
    '--outputs',
    'model',
    '--out',
    'reports',
  ];
  const reports = [];
  for (const attempt of ['first', 'second']) {
    const start = performance.now();
    const run = spawnSync(process.execPath, args, {
      cwd: workspace,
      encoding: 'utf8',
      env: benchEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: cliTimeoutMs,
    });
    const wallMs = performance.now() - start;
    if (run.error?.code === 'ETIMEDOUT') {
      return {
        error: `the ${attempt} \`mlci train\` run did not exit within ${cliTimeoutMs / 1000} s and was killed`,
      };
    }
    if (run.status !== 0) {
      const output = `${run.stdout}${run.stderr}`.trim().split('\n').slice(-15).join('\n  ');
      return {
        error: `the ${attempt} \`mlci train\` run exited with ${run.status}; its last lines:\n  ${output}`,
      };
    }
    const reportFile = join(workspace, 'reports/train.json');
    if (!existsSync(reportFile))
      return { error: `the ${attempt} \`mlci train\` run wrote no reports/train.json` };
    reports.push({ wallMs, report: JSON.parse(readFileSync(reportFile, 'utf8')) });
  }
  const [first, second] = reports;
  const timings = second.report.timings ?? {};
  const missing = ['fingerprintInputs', 'cacheLookup'].filter((key) => typeof timings[key] !== 'number');
  if (missing.length > 0)
    return { error: `the second run's train.json has no timings.${missing.join(', timings.')}` };
  if (second.report.cache?.status !== 'hit')
    return { error: `the second run was not a cache hit (cache.status: ${second.report.cache?.status})` };
  return { first, second, decisionMs: timings.fingerprintInputs + timings.cacheLookup, timings };
}

/** The bench runs mlci as on a developer's machine, whatever CI it is itself started from. */
function benchEnv() {
  const env = { ...process.env };
  for (const name of ['CI', 'GITHUB_ACTIONS', 'GITLAB_CI', 'JENKINS_URL']) delete env[name];
  return env;
}

if (!options.keep) rmSync(scratch, { recursive: true, force: true });
else console.log(`scratch workspace kept: ${scratch}`);

// ---------------------------------------------------------------------------------------------------------
// The table

const throughput = (ms) => `${mb(dataBytes / (ms / 1000)).toFixed(0)} MB/s`;
const cpuTime = (cpuMs) => (cpuMs === undefined ? '' : seconds(cpuMs));
const allCores = median(allCoreRuns);
const oneCore = median(oneCoreRuns);
const rows = [
  [
    'sha256sum, 1 process (baseline)',
    seconds(baselineMs),
    cpuTime(baseline.cpuMs),
    throughput(baselineMs),
    '1.00',
  ],
  [
    `mlci, ${cores} threads, empty hash cache`,
    seconds(allCores.ms),
    cpuTime(allCores.cpuMs),
    throughput(allCores.ms),
    `${(baselineMs / allCores.ms).toFixed(2)} (goal >= 0.80)`,
  ],
  [
    'mlci, 1 thread, empty hash cache',
    seconds(oneCore.ms),
    cpuTime(oneCore.cpuMs),
    throughput(oneCore.ms),
    (baselineMs / oneCore.ms).toFixed(2),
  ],
  [
    `mlci, warm hash cache (load + list + stat; ${cachedSet.hashedFiles} files re-read)`,
    `${cachedMs.toFixed(0)} ms`,
    '',
    '',
    '',
  ],
];
if (cliResult.error === undefined) {
  const { first, second, timings } = cliResult;
  const firstMs = first.report.timings?.fingerprintInputs ?? Number.NaN;
  rows.push(
    [
      'mlci train, 1st run: fingerprintInputs',
      `${firstMs.toFixed(0)} ms`,
      '',
      throughput(firstMs),
      (baselineMs / firstMs).toFixed(2),
    ],
    [
      'mlci train, 2nd run: cache hit decided (fingerprintInputs + cacheLookup)',
      `${cliResult.decisionMs.toFixed(0)} ms`,
      '',
      '',
      `goal < 1000 ms: ${cliResult.decisionMs < 1000 ? 'met' : 'NOT met'}`,
    ],
    [
      `mlci train, 2nd run: whole process (fingerprintInputs ${timings.fingerprintInputs.toFixed(0)} ms, cacheLookup ${timings.cacheLookup.toFixed(0)} ms)`,
      `${second.wallMs.toFixed(0)} ms`,
      '',
      '',
      '',
    ],
  );
}
const header = ['', 'wall time', 'CPU time', 'throughput', 'sha256sum time / this'];
const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
const line = (row) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
console.log(
  `\nCPU time above wall time means threads ran in parallel; close to it with ${cores} threads means the other cores were busy (load average now ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}).`,
);
console.log(
  `listing the ${fileCount} files (expandPaths) took ${listMs.toFixed(0)} ms (not in the mlci rows above; sha256sum gets its list from xargs); hash cache: load ${loadMs.toFixed(0)} ms, save ${saveMs.toFixed(0)} ms`,
);
console.log(
  `set digest ${firstSet.digest}: ${digestsAgree ? "equal to the one from sha256sum's listing" : `DIFFERS from sha256sum's listing (${baselineDigest})`}`,
);
if (cachedSet.hashedFiles > 0) {
  console.log(
    `${cachedSet.hashedFiles} files were read again with a warm hash cache: written within 2 s of being hashed (just generated), the hash cache does not trust them yet (racy rule); the next run will`,
  );
}
if (!digestsAgree) process.exitCode = 1;
if (cliResult.error !== undefined) {
  console.log(`\nmlci train: NOT MEASURED: ${cliResult.error}`);
  process.exitCode = 1;
}

/** The run with the median wall time. */
function median(timings) {
  const sorted = [...timings].sort((a, b) => a.ms - b.ms);
  return sorted[Math.floor(sorted.length / 2)];
}
