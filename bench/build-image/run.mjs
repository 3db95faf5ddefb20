#!/usr/bin/env node
// mlci build-image against the usual daemonless build-and-push (issue 6, "Speed"). In one run:
//   1. makes (once; cached in bench/build-image/.data/) a 1 GiB model directory: half incompressible (a few
//      large random "weights" files), half compressible (low-entropy float32 arrays and CSV text), and reads
//      every file once so that every timing reads from the page cache;
//   2. per repetition, starts Debian's docker-registry on 127.0.0.1 with empty storage (tests/support/registry.ts,
//      bundled on the fly), then, in this order:
//      (a) `mlci build-image --model DIR --tag HOST/bench/mlci-R:1 --push` from a fresh workspace state (no
//          .mlci/: no layer cache, no hash cache) into a repository nobody pushed to;
//      (c) `mlci build-image` again, model unchanged, layer cache kept, to the repository (a) pushed to;
//      (d) `mlci build-image --compression zstd` run by Node 24 (zlib's zstd needs Node 22.15+; the tests' pinned
//          Node 24 from npm, tests/support/node24.ts), from a fresh workspace state into a new repository;
//      (b) the usual daemonless path: `umoci init` + `umoci new` + `umoci insert DIR /model` into a new OCI
//          layout, then `skopeo copy oci:LAYOUT:1 docker://HOST/bench/umoci-R:1 --dest-tls-verify=false`;
//   3. prints the medians, (a)/(b) and (d)/(b), (c)'s time and bytes uploaded, the bytes each sent, the machine.
//
//   npm run bench:build-image                       (= node bench/build-image/run.mjs: 1 GiB, 3 runs)
//   node bench/build-image/run.mjs --size 64MiB --runs 1   (a quick try)
import { spawn, spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { availableParallelism, cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const committedCli = join(root, 'packages/cli/dist/mlci.mjs');
const generatorVersion = 1;
/** Fixed, so every build of the same directory is the same image whatever the commit (issue 6: reproducible). */
const sourceDateEpoch = '1700000000';
/** Per command. Generous: a 1 GiB push takes tens of seconds; past this, something hangs. */
const commandTimeoutMs = 600_000;

const { values: options } = parseArgs({
  options: {
    size: { type: 'string', default: '1GiB' },
    runs: { type: 'string', default: '3' },
    'from-source': { type: 'boolean', default: false },
    'mlci-arg': { type: 'string', multiple: true, default: [] },
    'zstd-arg': { type: 'string', multiple: true, default: [] },
    'no-zstd': { type: 'boolean', default: false },
    'data-dir': { type: 'string', default: join(here, '.data') },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (options.help) {
  console.log(`usage: node bench/build-image/run.mjs [options]
  --size 1GiB       size of the model directory (KiB, MiB, GiB; half random, half compressible)
  --runs 3          repetitions of (a), (b) and (c) (median reported)
  --from-source     bundle the CLI from packages/cli/src now (into the data directory) instead of running the
                    committed bundle packages/cli/dist/mlci.mjs
  --mlci-arg ARG    one more argument for the gzip mlci builds (a) and (c) (repeatable), e.g. --mlci-arg=--compression-level=1
  --zstd-arg ARG    one more argument for the zstd build (d) (repeatable), e.g. --zstd-arg=--compression-level=3;
                    --zstd-arg=--compression=none replaces zstd (the floor: everything but the compression, on Node 24)
  --no-zstd         leave out (d)
  --data-dir DIR    cache of the generated model (default bench/build-image/.data); also the mlci workspace
Environment: UV_THREADPOOL_SIZE is passed to mlci (libuv's pool, 4 threads when unset, caps gzip threads).`);
  process.exit(0);
}

function parseSize(text) {
  const match = /^(\d+(?:\.\d+)?)\s*(B|KiB|MiB|GiB)?$/i.exec(text.trim());
  if (!match) throw new Error(`--size ${text}: expected e.g. 1GiB, 64MiB`);
  const units = { b: 1, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30 };
  return Math.round(Number(match[1]) * units[(match[2] ?? 'B').toLowerCase()]);
}

const totalBytes = parseSize(options.size);
const runs = Number(options.runs);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs ${options.runs}: expected a whole number >= 1`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

for (const tool of ['/usr/bin/docker-registry', '/usr/bin/umoci', '/usr/bin/skopeo']) {
  if (!existsSync(tool)) {
    console.error(`${tool} is missing (apt-get install docker-registry umoci skopeo)`);
    process.exit(2);
  }
}
const version = (command, args) =>
  spawnSync(command, args, { encoding: 'utf8' }).stdout.trim().split('\n')[0] ?? 'unknown';

// ---------------------------------------------------------------------------------------------------------
// The model directory: generated once per size, then reused

/** mulberry32: the same files on every machine. */
function rng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const chunkBytes = 4 << 20;
/** Half random in 4 files; a quarter float32 in 2 files; a quarter CSV in 1 file; plus a small config.json. */
const plan = [
  ...[1, 2, 3, 4].map((i) => ({
    name: `model-0000${i}-of-00004.safetensors`,
    kind: 'random',
    bytes: totalBytes / 8,
  })),
  ...[1, 2].map((i) => ({ name: `embeddings-${i}.f32`, kind: 'float32', bytes: totalBytes / 8 })),
  { name: 'features.csv', kind: 'csv', bytes: totalBytes / 4 },
].map((file) => ({ ...file, bytes: Math.floor(file.bytes / 4) * 4 }));

const dataDir = options['data-dir'];
const modelName = `model-${totalBytes}-v${generatorVersion}`;
const modelDir = join(dataDir, modelName);
/** Beside the directory, not in it: it must not become part of the model. */
const marker = join(dataDir, `${modelName}.json`);

/** Chunks of `bytes` bytes of one kind of content, from a seeded generator. */
function* contentOf(kind, bytes, seed) {
  const next = rng(seed);
  let left = bytes;
  if (kind === 'csv') {
    // Feature rows as a data scientist exports them: ids, a category, a date, floats printed with 4 decimals.
    const categories = ['books', 'electronics', 'garden', 'grocery', 'toys', 'sports', 'beauty', 'auto'];
    let row = 0;
    let text = 'id,user_id,category,day,amount,score,clicked\n';
    while (left > 0) {
      while (text.length < chunkBytes) {
        row++;
        const category = categories[Math.floor(next() ** 2 * categories.length)];
        const day = `2024-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
        text += `${row},${100000 + Math.floor(next() * 50000)},${category},${day},${(-Math.log(1 - next()) * 40).toFixed(2)},${next().toFixed(4)},${next() < 0.1 ? 1 : 0}\n`;
      }
      const chunk = Buffer.from(text.slice(0, Math.min(left, chunkBytes)), 'latin1');
      text = text.slice(chunk.length);
      left -= chunk.length;
      yield chunk;
    }
    return;
  }
  while (left > 0) {
    const size = Math.min(left, chunkBytes);
    const chunk = Buffer.alloc(size);
    if (kind === 'random') {
      randomFillSync(chunk);
    } else {
      // Quantized weights: a normal value rounded to one of 33 levels (int8-like quantization, then stored as
      // float32), so each 4-byte value carries about 4 bits of entropy.
      const values = new Float32Array(chunk.buffer, chunk.byteOffset, size / 4);
      for (let i = 0; i < values.length; i++) {
        const normal = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
        values[i] = Math.max(-16, Math.min(16, Math.round(normal * 4))) * 0.0078125;
      }
    }
    left -= size;
    yield chunk;
  }
}

if (!existsSync(marker)) {
  const start = performance.now();
  rmSync(modelDir, { recursive: true, force: true });
  mkdirSync(modelDir, { recursive: true });
  const ratios = {};
  plan.forEach((file, index) => {
    const fd = openSync(join(modelDir, file.name), 'w');
    let sample;
    for (const chunk of contentOf(file.kind, file.bytes, 20261201 + index)) {
      sample ??= chunk;
      writeSync(fd, chunk);
    }
    closeSync(fd);
    // gzip -6 of the first chunk (up to 4 MiB), one stream: what each kind of content compresses to.
    if (sample && ratios[file.kind] === undefined)
      ratios[file.kind] = sample.length / gzipSync(sample, { level: 6 }).length;
  });
  writeFileSync(
    join(modelDir, 'config.json'),
    `${JSON.stringify({ architecture: 'bench', hidden_size: 1024, layers: 24, files: plan.map((f) => f.name) }, null, 2)}\n`,
  );
  writeFileSync(marker, `${JSON.stringify({ totalBytes, generatorVersion, plan, ratios }, null, 2)}\n`);
  console.log(
    `generated ${relative(root, modelDir)} in ${seconds(performance.now() - start)} (written once, reused by later runs)`,
  );
}
const generated = JSON.parse(readFileSync(marker, 'utf8'));

// Every tool below reads from memory: the first read of each file is here, untimed.
const modelFiles = readdirSync(modelDir);
let modelBytes = 0;
for (const file of modelFiles) modelBytes += readFileSync(join(modelDir, file)).length;
const bytesOf = (kind) => plan.filter((f) => f.kind === kind).reduce((sum, f) => sum + f.bytes, 0);

// ---------------------------------------------------------------------------------------------------------
// The CLI: the committed bundle, or one built now from the sources

const cliDir = join(dataDir, 'cli-from-source');
let cli = committedCli;
let cliDescription = `${relative(root, committedCli)} (the committed bundle)`;
if (options['from-source']) {
  // Inside the repository, so the bundle resolves node_modules (@duckdb/node-api stays external) as the real one.
  rmSync(cliDir, { recursive: true, force: true });
  await build({
    entryPoints: { mlci: join(root, 'packages/cli/src/main.ts') },
    outdir: cliDir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['@duckdb/node-api'],
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __mlciCreateRequire } from 'node:module';\nconst require = __mlciCreateRequire(import.meta.url);",
    },
  });
  cli = join(cliDir, 'mlci.mjs');
  cliDescription = `${relative(root, cli)} (bundled now from packages/cli/src, as scripts/build.mjs does)`;
}
const probe = spawnSync(process.execPath, [cli, 'build-image', '--help'], { encoding: 'utf8' });
if (probe.status !== 0) {
  console.error(`${cli} has no build-image command: run npm run build, or pass --from-source`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------------------
// The machine

const gitRevision = spawnSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
const gitDirty = spawnSync('git', ['-C', root, 'status', '--porcelain', '--', 'packages'], {
  encoding: 'utf8',
});
const threadPool = process.env.UV_THREADPOOL_SIZE;
console.log('# build-image benchmark: daemonless build and push of a model image');
console.log(
  `machine: ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${(freemem() / 2 ** 30).toFixed(1)} GiB free; node ${process.version} (zlib ${process.versions.zlib})`,
);
console.log(
  `UV_THREADPOOL_SIZE: ${threadPool ?? 'unset (libuv default: 4 threads)'}; mlci compresses on min(CPUs, pool) = ${Math.min(availableParallelism(), Number(threadPool) > 0 ? Number(threadPool) : 4)} threads`,
);
console.log(`load average at start: ${load()}`);
console.log(
  `mlci: ${cliDescription}, commit ${gitRevision.stdout.trim() || 'unknown'}${gitDirty.stdout.trim() ? ' with uncommitted changes under packages/' : ''}`,
);
console.log(
  `tools: ${version('/usr/bin/umoci', ['--version'])}; ${version('/usr/bin/skopeo', ['--version'])}; docker-registry ${version('/usr/bin/docker-registry', ['--version'])}`,
);
const ratioText = (kind) => (generated.ratios[kind] ? `${generated.ratios[kind].toFixed(2)}x` : '?');
console.log(
  `model: ${relative(root, modelDir)}, ${modelFiles.length} files, ${megabytes(modelBytes)}: random ${megabytes(bytesOf('random'))} in 4 files (gzip -6 ratio ${ratioText('random')}), quantized float32 ${megabytes(bytesOf('float32'))} in 2 files (${ratioText('float32')}), CSV ${megabytes(bytesOf('csv'))} in 1 file (${ratioText('csv')}), config.json; read once untimed (page cache warm)`,
);
console.log(
  `runs: ${runs} of each (median wall time); SOURCE_DATE_EPOCH=${sourceDateEpoch}${options['mlci-arg'].length > 0 ? `; mlci given ${options['mlci-arg'].join(' ')}` : ''}\n`,
);

// ---------------------------------------------------------------------------------------------------------
// The registry: Debian's docker-registry with the tests' config (tests/support/registry.ts, bundled now)

const scratch = mkdtempSync(join(tmpdir(), 'mlci-bench-build-image-'));
await build({
  entryPoints: [join(root, 'tests/support/registry.ts')],
  outfile: join(scratch, 'registry.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});
const { startRegistry } = await import(pathToFileURL(join(scratch, 'registry.mjs')).href);
/** (d)'s Node: the tests' pinned Node 24, installed from npm into node_modules/.cache when missing. */
let node24;
if (!options['no-zstd']) {
  await build({
    entryPoints: [join(root, 'tests/support/node24.ts')],
    outfile: join(scratch, 'node24.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  const { node24Binary } = await import(pathToFileURL(join(scratch, 'node24.mjs')).href);
  node24 = node24Binary(root);
  console.log(
    `(d) runs on ${relative(root, node24)} (${version(node24, ['--version'])}, zstd ${version(node24, ['-p', 'process.versions.zstd'])})\n`,
  );
}
/**
 * One registry per repetition, new port and empty storage: skopeo remembers where it pushed a blob (its
 * blob-info cache, /var/lib/containers/cache) and mounts it from there instead of uploading it again, so a
 * second push of umoci's (deterministic) layer to the same registry would send nothing.
 */
let registry;
const cleanUp = async () => {
  await registry?.close();
  rmSync(scratch, { recursive: true, force: true });
};
process.once('SIGINT', () => cleanUp().finally(() => process.exit(130)));

/** Runs a command under GNU time: wall time here, CPU time and peak RSS from time(1). */
function timed(command, args, { cwd = dataDir, env = process.env } = {}) {
  const cpuFile = join(scratch, 'time.out');
  const start = performance.now();
  return new Promise((resolvePromise, rejectPromise) => {
    const child = spawn('/usr/bin/time', ['-f', '%U %S %M', '-o', cpuFile, command, ...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), commandTimeoutMs);
    child.on('error', rejectPromise);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - start;
      if (code !== 0) {
        rejectPromise(new Error(`${command} ${args.join(' ')} exited ${code}:\n${output.trim()}`));
        return;
      }
      const [user, system, rssKb] = readFileSync(cpuFile, 'utf8').trim().split('\n').at(-1).split(' ');
      resolvePromise({ ms, cpuMs: (Number(user) + Number(system)) * 1000, rssMb: Number(rssKb) / 1024 });
    });
  });
}

const mlciEnv = { ...process.env, CI: '', SOURCE_DATE_EPOCH: sourceDateEpoch };
const workspaceState = join(dataDir, '.mlci');

async function mlciBuild(tag, { node = process.execPath, args = options['mlci-arg'] } = {}) {
  const run = await timed(
    node,
    [cli, 'build-image', '--model', modelName, '--tag', tag, '--push', '--out', '.mlci', ...args],
    { env: mlciEnv },
  );
  const result = JSON.parse(readFileSync(join(workspaceState, 'build-image.json'), 'utf8'));
  return { ...run, result };
}

/** The blobs skopeo sends for an OCI layout: every blob of the image (the registry has none of them yet). */
function layoutImageBytes(layout) {
  const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8'));
  const manifestDescriptor = index.manifests[0];
  const blob = (digest) => join(layout, 'blobs', ...digest.split(':'));
  const manifest = JSON.parse(readFileSync(blob(manifestDescriptor.digest), 'utf8'));
  const layerBytes = manifest.layers.reduce((sum, layer) => sum + layer.size, 0);
  return {
    total: layerBytes + manifest.config.size + manifestDescriptor.size,
    layerBytes,
  };
}

async function umociSkopeo(run) {
  const layout = join(scratch, `umoci-${run}`);
  const start = performance.now();
  const steps = [
    await timed('/usr/bin/umoci', ['init', '--layout', layout]),
    await timed('/usr/bin/umoci', ['new', '--image', `${layout}:1`]),
  ];
  const insert = await timed('/usr/bin/umoci', ['insert', '--image', `${layout}:1`, modelName, '/model']);
  const copy = await timed('/usr/bin/skopeo', [
    'copy',
    '--quiet',
    `oci:${layout}:1`,
    `docker://${registry.host}/bench/umoci-${run}:1`,
    '--dest-tls-verify=false',
  ]);
  const ms = performance.now() - start;
  const bytes = layoutImageBytes(layout);
  rmSync(layout, { recursive: true, force: true });
  const all = [...steps, insert, copy];
  return {
    ms,
    cpuMs: all.reduce((sum, step) => sum + step.cpuMs, 0),
    rssMb: Math.max(...all.map((step) => step.rssMb)),
    insertMs: insert.ms,
    copyMs: copy.ms,
    bytes,
  };
}

const fresh = [];
const umoci = [];
const rebuild = [];
const zstd = [];
/** (d)'s compression: zstd, unless a --zstd-arg names another (for the floor, none). */
const zstdArgs = options['zstd-arg'].some((arg) => /^--compression(=|$)/.test(arg))
  ? options['zstd-arg']
  : ['--compression', 'zstd', ...options['zstd-arg']];
try {
  for (let run = 1; run <= runs; run++) {
    registry = await startRegistry();
    // (a): a fresh workspace (no layer or hash cache) and a repository nobody has pushed to.
    rmSync(workspaceState, { recursive: true, force: true });
    const first = await mlciBuild(`${registry.host}/bench/mlci-${run}:1`);
    fresh.push(first);
    // (c): the same model again, the layer cache kept, the same repository.
    const second = await mlciBuild(`${registry.host}/bench/mlci-${run}:2`);
    rebuild.push(second);
    if (second.result.image.digest !== first.result.image.digest) {
      const revision = 'org.opencontainers.image.revision';
      const { [revision]: firstRevision, ...firstLabels } = first.result.labels;
      const { [revision]: secondRevision, ...secondLabels } = second.result.labels;
      // A commit made while (a) ran changes the revision label, so the config and the digest: not a defect.
      if (
        firstRevision === secondRevision ||
        JSON.stringify(firstLabels) !== JSON.stringify(secondLabels) ||
        second.result.layers.some((layer, index) => layer.digest !== first.result.layers[index]?.digest)
      )
        throw new Error(
          `the rebuild gave ${second.result.image.digest}, not ${first.result.image.digest}: the same inputs must give the same image`,
        );
      console.log(
        `run ${run}: HEAD moved from ${firstRevision} to ${secondRevision} during (a): (c) has a new config (revision label), the same layers`,
      );
    }
    // (d): zstd on Node 24, a fresh workspace again and its own new repository.
    if (node24) {
      rmSync(workspaceState, { recursive: true, force: true });
      zstd.push(
        await mlciBuild(`${registry.host}/bench/mlci-zstd-${run}:1`, {
          node: node24,
          args: zstdArgs,
        }),
      );
    }
    // (b): umoci + skopeo into their own new repository.
    umoci.push(await umociSkopeo(run));
    await registry.close();
    registry = undefined;
    console.log(
      `run ${run}: (a) ${seconds(first.ms)}, (b) ${seconds(umoci.at(-1).ms)}, (c) ${seconds(second.ms)}${node24 ? `, (d) ${seconds(zstd.at(-1).ms)}` : ''}; load average ${load()}`,
    );
  }
} finally {
  await cleanUp();
}

// ---------------------------------------------------------------------------------------------------------
// Report

const pick = (list, key) => median(list.map((entry) => entry[key]));
/** (d) against the same (b): issue 18's target 4. */
function zstdSummary() {
  if (!node24) return '';
  const zstdRatio = pick(zstd, 'ms') / umociMs;
  const zstdLayer = zstd.at(-1).result.layers.find((layer) => layer.what === 'model');
  return `ratio (d)/(b), ${zstdArgs.join(' ')} on Node 24: ${zstdRatio.toFixed(2)} (goal <= 0.5: ${zstdRatio <= 0.5 ? 'met' : 'NOT met'}); per run (d) over the (b) right after it: ${zstd.map((entry, index) => (entry.ms / umoci[index].ms).toFixed(2)).join(' ')}; CPU time (d)/(b): ${(pick(zstd, 'cpuMs') / pick(umoci, 'cpuMs')).toFixed(2)}; (d)/(a): ${(pick(zstd, 'ms') / freshMs).toFixed(2)}
(d) uploaded ${megabytes(zstd.at(-1).result.bytesUploaded)} (${actions(zstd.at(-1).result)}); model layer ${zstdLayer.mediaType}, ${zstd.at(-1).result.compression.type}${zstd.at(-1).result.compression.level === null ? '' : ` level ${zstd.at(-1).result.compression.level}`}: ${megabytes(zstdLayer.size)} (${(modelBytes / zstdLayer.size).toFixed(2)}x); diff_id ${zstdLayer.diffId === modelLayer.diffId ? 'the same as (a)' : 'NOT the same as (a)'}; timings, ms: ${JSON.stringify(zstd.at(-1).result.timings)}
`;
}
const freshMs = pick(fresh, 'ms');
const umociMs = pick(umoci, 'ms');
const rebuildMs = pick(rebuild, 'ms');
const ratio = freshMs / umociMs;
const freshResult = fresh.at(-1).result;
const rebuildResult = rebuild.at(-1).result;
const modelLayer = freshResult.layers.find((layer) => layer.what === 'model');
const umociBytes = umoci.at(-1).bytes;
const actions = (result) => result.layers.map((layer) => `${layer.what} layer ${layer.action}`).join(', ');
const configDigest = freshResult.image.configDigest;

console.log('');
const table = [['', 'wall time', 'runs', 'CPU time', 'peak RSS', 'bytes uploaded']];
table.push([
  '(a) mlci build-image --push, fresh workspace, new repository',
  seconds(freshMs),
  fresh.map((entry) => (entry.ms / 1000).toFixed(2)).join(' '),
  seconds(pick(fresh, 'cpuMs')),
  `${pick(fresh, 'rssMb').toFixed(0)} MB`,
  megabytes(freshResult.bytesUploaded),
]);
table.push([
  '(b) umoci init + new + insert, skopeo copy (new repository)',
  seconds(umociMs),
  umoci.map((entry) => (entry.ms / 1000).toFixed(2)).join(' '),
  seconds(pick(umoci, 'cpuMs')),
  `${pick(umoci, 'rssMb').toFixed(0)} MB`,
  megabytes(umociBytes.total),
]);
table.push([
  '    of which umoci insert',
  seconds(pick(umoci, 'insertMs')),
  umoci.map((entry) => (entry.insertMs / 1000).toFixed(2)).join(' '),
  '',
  '',
  '',
]);
table.push([
  '    of which skopeo copy',
  seconds(pick(umoci, 'copyMs')),
  umoci.map((entry) => (entry.copyMs / 1000).toFixed(2)).join(' '),
  '',
  '',
  '',
]);
table.push([
  '(c) mlci build-image --push again, model unchanged, layer cache kept',
  seconds(rebuildMs),
  rebuild.map((entry) => (entry.ms / 1000).toFixed(2)).join(' '),
  seconds(pick(rebuild, 'cpuMs')),
  `${pick(rebuild, 'rssMb').toFixed(0)} MB`,
  `${rebuildResult.bytesUploaded} B`,
]);
if (node24)
  table.push([
    `(d) mlci build-image --push ${zstdArgs.join(' ')} on Node 24, fresh workspace, new repository`,
    seconds(pick(zstd, 'ms')),
    zstd.map((entry) => (entry.ms / 1000).toFixed(2)).join(' '),
    seconds(pick(zstd, 'cpuMs')),
    `${pick(zstd, 'rssMb').toFixed(0)} MB`,
    megabytes(zstd.at(-1).result.bytesUploaded),
  ]);
const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
const line = (row) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
console.log(line(table[0]));
console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
for (const row of table.slice(1)) console.log(line(row));

// What (c) sent, by size: the manifest only, or the config too (the config blob was new), or more.
const rebuildSent = rebuildResult.bytesUploaded;
const manifestSize = rebuildResult.image.size;
const configSent = rebuildSent > manifestSize;
const onlyConfigAndManifest =
  rebuildResult.layers.every((layer) => layer.action === 'existed') &&
  rebuildSent <= 64 * 1024 + manifestSize;
console.log(`
ratio (a)/(b): ${ratio.toFixed(2)} (goal <= 0.5: ${ratio <= 0.5 ? 'met' : 'NOT met'}); per run (a) over the (b) right after it: ${fresh.map((entry, index) => (entry.ms / umoci[index].ms).toFixed(2)).join(' ')}; CPU time (a)/(b): ${(pick(fresh, 'cpuMs') / pick(umoci, 'cpuMs')).toFixed(2)}
(c): ${seconds(rebuildMs)} (goal < 2 s: ${rebuildMs < 2000 ? 'met' : 'NOT met'}), ${rebuildSent} bytes uploaded: ${actions(rebuildResult)}; ${configSent ? 'the config' : `the config (${configDigest.slice(0, 19)}…, the same as (a)'s) was in the repository already, so`} ${configSent ? 'and the manifest' : 'only the manifest'} (${manifestSize} B) sent (goal: only config and manifest: ${onlyConfigAndManifest ? 'met' : 'NOT met'})
(a) uploaded ${megabytes(freshResult.bytesUploaded)} (${actions(freshResult)}); model layer blob ${megabytes(modelLayer.size)} for ${megabytes(modelBytes)} of files (${(modelBytes / modelLayer.size).toFixed(2)}x)
(b) uploaded ${megabytes(umociBytes.total)}; umoci's layer ${megabytes(umociBytes.layerBytes)} (${(modelBytes / umociBytes.layerBytes).toFixed(2)}x)
${zstdSummary()}mlci timings of (a), ms: ${JSON.stringify(freshResult.timings)}; of (c): ${JSON.stringify(rebuildResult.timings)}
load average now: ${load()}`);
