#!/usr/bin/env node
// mlci train's input fingerprinting at gigabyte scale (issue 4, "Speed"). In one run:
//   1. makes (once; cached in bench/train/.data/) a directory of many files, random and compressible, in
//      subdirectories, and reads every file once so that all timings below hash from the page cache;
//   2. times /usr/bin/sha256sum over the files: one process, single-threaded: the baseline; and, for scale,
//      `openssl dgst -sha256` (the SHA-256 code Node uses, in a C program) in one process per core;
//   3. measures the ceiling: SHA-256 of as many bytes already in memory, on one thread and on all cores (the
//      hash alone, no file read: no fingerprinting can beat it on this machine);
//   4. times mlci's fingerprinting (packages/core/src/io/fingerprint.ts, bundled on the fly) with an empty hash
//      cache on all cores (issue 18's target: at least 1 GB/s) and on one, then again with the hash cache it
//      saved (stat only);
//   5. runs the committed CLI bundle's `mlci train` twice in a scratch workspace over the same files and reads
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
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
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
    'mlci-runs': { type: 'string', default: '5' },
    'data-dir': { type: 'string', default: join(here, '.data') },
    keep: { type: 'boolean', default: false },
    compare: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (options.help) {
  console.log(`usage: node bench/train/run.mjs [options]
  --size 1GiB           total size of the input directory (KB, MB, GB or KiB, MiB, GiB)
  --file-size 256KiB    size of each file (the count is size / file-size)
  --runs N              timings of sha256sum, openssl and of mlci's first run, median reported (default 3 below 1 GB, 1 from 1 GB)
  --mlci-runs N         timings of mlci's fingerprinting and of the ceiling, median reported (default 5: each is short)
  --data-dir DIR        cache of generated inputs (default bench/train/.data)
  --keep                keep the scratch workspace of the mlci train runs
  --compare DIR         another checkout of mlci (e.g. \`git worktree add /tmp/before <commit>\`): its fingerprinting
                        on all cores is timed too, alternated with this checkout's`);
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
const mlciRuns = Number(options['mlci-runs']);
/** Issue 18's target for the fingerprint on all cores, in GB/s (10^9 bytes a second). */
const targetGBps = 1;
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
console.log(
  `runs per timing: ${runs} for sha256sum, openssl and mlci train; ${mlciRuns} for mlci's fingerprinting and the ceiling (median wall time)\n`,
);

// ---------------------------------------------------------------------------------------------------------
// The baseline: sha256sum, one process, files passed by xargs -0 (one sha256sum unless the list passes ARG_MAX);
// for scale, openssl dgst, one process per core, each over its share of the files

const scratch = mkdtempSync(join(tmpdir(), 'mlci-bench-train-'));
/** GNU time gives the CPU time of xargs and the tool it waits for; without it the column stays empty. */
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const opensslPath = ['/usr/bin/openssl', '/usr/local/bin/openssl'].find((path) => existsSync(path));

/**
 * `parts` processes at once, each `xargs -0 <tool...>` over its share of the files: the wall time of all, their
 * CPU time (from GNU time) and their listings (`<hex>  <path>` or `<hex> *<path>` lines) joined.
 */
async function timeTool(tool, parts) {
  const start = performance.now();
  const shares = Array.from({ length: parts }, (_, part) =>
    files.slice(Math.floor((part * files.length) / parts), Math.floor(((part + 1) * files.length) / parts)),
  );
  const outputs = await Promise.all(
    shares.map((share, part) => runXargs(tool, share, join(scratch, `${basename(tool[0])}-${part}.cpu`))),
  );
  const ms = performance.now() - start;
  const cpuMs = gnuTime
    ? outputs.reduce(
        (sum, { cpuFile }) =>
          sum +
          readFileSync(cpuFile, 'utf8')
            .trim()
            .split(' ')
            .reduce((partSum, value) => partSum + Number(value) * 1000, 0),
        0,
      )
    : undefined;
  return { ms, cpuMs, listing: outputs.map((output) => output.listing).join('') };
}

function runXargs(tool, share, cpuFile) {
  const command = ['xargs', '-0', ...tool];
  return new Promise((resolvePromise, rejectPromise) => {
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
        ? resolvePromise({ listing: Buffer.concat(chunks).toString('utf8'), cpuFile })
        : rejectPromise(new Error(`${tool[0]} exited ${code}`)),
    );
    child.stdin.end(share.map((file) => `${file}\0`).join(''));
  });
}

/** The set digest of a tool's listing: both formats have the digest in columns 0-63 and the path from 66. */
function listingDigest(text) {
  return setDigest(
    text
      .trimEnd()
      .split('\n')
      .map((line) => ({ digest: line.slice(0, 64), path: line.slice(66) })),
  );
}

const sha256sumRuns = [];
for (let run = 0; run < runs; run++) sha256sumRuns.push(await timeTool([sha256sum, '--'], 1));
const baseline = median(sha256sumRuns);
const baselineMs = baseline.ms;
const listing = baseline.listing;

const cores = availableParallelism();
const opensslRuns = [];
if (opensslPath) {
  for (let run = 0; run < runs; run++)
    opensslRuns.push(await timeTool([opensslPath, 'dgst', '-sha256', '-r'], cores));
}
const openssl = opensslRuns.length > 0 ? median(opensslRuns) : undefined;

// ---------------------------------------------------------------------------------------------------------
// The ceiling: SHA-256 of as many bytes, already in memory, with the hash mlci uses (Node's, from OpenSSL), on
// one thread and on all cores at once. No file is read: fingerprinting pays for the reads on top of this.

const ceilingSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const chunk = Buffer.alloc(${256 << 10}, 7);
parentPort.once('message', () => {
  const hash = createHash('sha256');
  for (let done = 0; done < workerData; done += chunk.length) hash.update(chunk);
  hash.digest();
  parentPort.postMessage('done');
});
parentPort.postMessage('ready');
`;

/** Wall time of `threads` threads each hashing its share of dataBytes from memory (timed from when all are up). */
async function timeCeiling(threads) {
  const workers = Array.from(
    { length: threads },
    () => new Worker(ceilingSource, { eval: true, workerData: Math.ceil(dataBytes / threads) }),
  );
  await Promise.all(workers.map((worker) => new Promise((ready) => worker.once('message', ready))));
  const start = performance.now();
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise((done) => {
          worker.once('message', done);
          worker.postMessage('go');
        }),
    ),
  );
  const ms = performance.now() - start;
  await Promise.all(workers.map((worker) => worker.terminate()));
  return { ms };
}

const ceilingAllRuns = [];
const ceilingOneRuns = [];
for (let run = 0; run < mlciRuns; run++) {
  ceilingAllRuns.push(await timeCeiling(cores));
  ceilingOneRuns.push(await timeCeiling(1));
}
const ceilingAll = median(ceilingAllRuns);
const ceilingOne = median(ceilingOneRuns);

// ---------------------------------------------------------------------------------------------------------
// mlci's fingerprinting, called directly: the hashing figures do not depend on the CLI

/** fingerprint.ts of the checkout at `checkout`, bundled into the scratch directory as `name`. */
async function loadFingerprint(checkout, name) {
  const bundle = join(scratch, name);
  await build({
    entryPoints: [join(checkout, 'packages/core/src/io/fingerprint.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  return import(pathToFileURL(bundle).href);
}
const { expandPaths, fingerprintFiles, HashCache } = await loadFingerprint(root, 'fingerprint.mjs');
const compared = options.compare ? await loadFingerprint(options.compare, 'compared.mjs') : undefined;
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
async function timeFingerprint(workers, hashCache, fingerprint = fingerprintFiles) {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const set = await fingerprint(dataDir, paths, { workers, hashCache });
  const cpu = process.cpuUsage(cpuStart);
  return { ms: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1000, set };
}

const cacheFile = join(scratch, 'hash-cache.json');
const allCoreRuns = [];
const oneCoreRuns = [];
const comparedRuns = [];
let firstSet;
let firstCache;
// Alternated, so that a change in the machine's load falls on both.
for (let run = 0; run < mlciRuns; run++) {
  firstCache = await HashCache.load(cacheFile); // absent: empty
  const result = await timeFingerprint(cores, firstCache);
  allCoreRuns.push(result);
  firstSet = result.set;
  oneCoreRuns.push(await timeFingerprint(1));
  if (compared) comparedRuns.push(await timeFingerprint(cores, undefined, compared.fingerprintFiles));
}
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
const baselineDigest = listingDigest(listing);
const opensslDigest = openssl ? listingDigest(openssl.listing) : baselineDigest;
const digestsAgree =
  baselineDigest === firstSet.digest &&
  comparedRuns.every((run) => run.set.digest === firstSet.digest) &&
  opensslDigest === firstSet.digest &&
  cachedSet.digest === firstSet.digest;

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
const gbPerSecond = (ms) => dataBytes / 1e9 / (ms / 1000);
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
  ...(openssl
    ? [
        [
          `openssl dgst -sha256, ${cores} processes (same SHA-256 code as Node)`,
          seconds(openssl.ms),
          cpuTime(openssl.cpuMs),
          throughput(openssl.ms),
          (baselineMs / openssl.ms).toFixed(2),
        ],
      ]
    : []),
  [
    `ceiling: SHA-256 from memory, ${cores} threads (no file read)`,
    seconds(ceilingAll.ms),
    '',
    throughput(ceilingAll.ms),
    (baselineMs / ceilingAll.ms).toFixed(2),
  ],
  [
    'SHA-256 from memory, 1 thread (no file read)',
    seconds(ceilingOne.ms),
    '',
    throughput(ceilingOne.ms),
    (baselineMs / ceilingOne.ms).toFixed(2),
  ],
  [
    `mlci, ${cores} threads, empty hash cache`,
    seconds(allCores.ms),
    cpuTime(allCores.cpuMs),
    throughput(allCores.ms),
    `${(baselineMs / allCores.ms).toFixed(2)} (issue 4's goal >= 0.80)`,
  ],
  ...(compared
    ? [
        [
          `mlci at ${relative(process.cwd(), options.compare) || '.'} (--compare), ${cores} threads`,
          seconds(median(comparedRuns).ms),
          cpuTime(median(comparedRuns).cpuMs),
          throughput(median(comparedRuns).ms),
          (baselineMs / median(comparedRuns).ms).toFixed(2),
        ],
      ]
    : []),
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
const reached = gbPerSecond(allCores.ms);
console.log(
  `\ntarget (issue 18): mlci's fingerprint on ${cores} threads at least ${targetGBps} GB/s: ${reached.toFixed(2)} GB/s (median of ${mlciRuns}; best ${gbPerSecond(Math.min(...allCoreRuns.map((run) => run.ms))).toFixed(2)}): target ${targetGBps} GB/s: ${reached >= targetGBps ? 'met' : 'NOT met'}`,
);
if (compared) {
  const comparedMs = median(comparedRuns).ms;
  console.log(
    `--compare ${options.compare}: ${gbPerSecond(comparedMs).toFixed(2)} GB/s on ${cores} threads (median of ${mlciRuns}, alternated with this checkout's runs); this checkout ${(comparedMs / allCores.ms).toFixed(2)}x that`,
  );
}
console.log(
  `ceiling: SHA-256 alone, from memory, on ${cores} threads ${gbPerSecond(ceilingAll.ms).toFixed(2)} GB/s (1 thread ${gbPerSecond(ceilingOne.ms).toFixed(2)} GB/s); mlci reaches ${((100 * ceilingAll.ms) / allCores.ms).toFixed(0)}% of it (1 thread: ${((100 * ceilingOne.ms) / oneCore.ms).toFixed(0)}%)`,
);
console.log(
  `listing the ${fileCount} files (expandPaths) took ${listMs.toFixed(0)} ms (not in the mlci rows above; sha256sum gets its list from xargs); hash cache: load ${loadMs.toFixed(0)} ms, save ${saveMs.toFixed(0)} ms`,
);
console.log(
  `set digest ${firstSet.digest}: ${digestsAgree ? `equal to the one from sha256sum's listing${openssl ? " and openssl's" : ''}` : `DIFFERS: sha256sum's listing gives ${baselineDigest}, openssl's ${opensslDigest}, the warm-cache run ${cachedSet.digest}`}`,
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
