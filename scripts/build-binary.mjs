#!/usr/bin/env node
// `npm run build:binary [-- --arch x64|arm64] [--node PATH] [--force]`: the standalone `mlci` executable, a Node
// single executable application (SEA) made from the CLI's sources, for jobs whose image has no Node (docs/binary.md).
// Writes dist-bin/mlci-linux-<arch> and dist-bin/SHA256SUMS (every mlci-linux-* there, sha256sum format).
//
// A SEA main is one CommonJS script in Node 20, so the CLI entry is bundled again as CJS (scripts/build.mjs makes
// the ESM bundle with chunks). DuckDB's binding (duckdb.node + libduckdb.so beside it) cannot be dlopened from
// inside the executable: it rides along as brotli-compressed assets, and `@duckdb/node-bindings` resolves to
// packages/cli/src/binary/native-bindings.ts, which unpacks it to a cache directory on first use.
//
// For another architecture the Node binary (npm package node-linux-<arch>, same version as this Node) and the
// binding package are fetched with `npm pack` into node_modules/.cache/mlci-binary. A build whose inputs (bundle,
// native files, Node binary, this script) are those of the executable already in dist-bin is skipped.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const outDir = join(root, 'dist-bin');
const fetchCache = join(root, 'node_modules/.cache/mlci-binary');
/** Node's fixed sentinel that tells the binary a SEA blob was injected (docs: Single executable applications). */
const seaFuse = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
/** DuckDB's native files: the loader dlopens the last; it finds the first through its RUNPATH `$ORIGIN`. */
const nativeFiles = ['libduckdb.so', 'duckdb.node'];

const args = parseArgs(process.argv.slice(2));
const arch = args.arch ?? process.arch;
const crossBuild = arch !== process.arch;
const scratch = mkdtempSync(join(tmpdir(), 'mlci-binary-'));
try {
  if (!['x64', 'arm64'].includes(arch)) fail(`--arch ${arch}: only x64 and arm64 are built`);
  await main();
} catch (error) {
  console.error(`build-binary: ${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

async function main() {
  const started = Date.now();
  const nodeBinary = args.node ?? (crossBuild ? fetchNodeBinary() : process.execPath);
  const bindingsDir = bindingsPackageDir();
  const bindingsVersion = JSON.parse(readFileSync(join(bindingsDir, 'package.json'), 'utf8')).version;

  const files = nativeFiles.map((name) => {
    const content = readFileSync(join(bindingsDir, name));
    return { name, asset: `${name}.br`, size: content.length, digest: sha256(content, 'sha256:'), content };
  });
  const manifest = {
    folder: `duckdb-${bindingsVersion}-${sha256(files.map((f) => f.digest).join('\n')).slice(0, 16)}`,
    main: nativeFiles.at(-1),
    files: files.map(({ content: _, ...file }) => file),
  };

  const bundle = join(scratch, 'mlci.cjs');
  await bundleCli(bundle, manifest);
  // The code cache is V8's compiled bytes for this machine's CPU: only a native build can make it.
  const useCodeCache = !crossBuild && !args.noCodeCache;
  const inputs = sha256(
    [
      readFileSync(bundle),
      JSON.stringify(manifest),
      sha256(readFileSync(nodeBinary)),
      readFileSync(fileURLToPath(import.meta.url)),
      String(useCodeCache),
    ].join('\0'),
  );
  const target = join(outDir, `mlci-linux-${arch}`);
  const inputsFile = join(outDir, `.mlci-linux-${arch}.inputs`);
  if (!args.force && existsSync(target) && readIfExists(inputsFile) === inputs) {
    writeChecksums();
    console.error(`dist-bin/mlci-linux-${arch} is up to date`);
    return;
  }

  const assets = {};
  for (const file of files) {
    const compressed = join(scratch, file.asset);
    // Quality 5: 70 MB of libduckdb.so becomes ~20 MB in ~5 s; 9 saves 1 MB more for 4x the build time.
    writeFileSync(
      compressed,
      brotliCompressSync(file.content, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 5,
          [constants.BROTLI_PARAM_SIZE_HINT]: file.content.length,
        },
      }),
    );
    assets[file.asset] = compressed;
  }
  const seaConfig = join(scratch, 'sea-config.json');
  const blob = join(scratch, 'sea.blob');
  writeFileSync(
    seaConfig,
    JSON.stringify({
      main: bundle,
      output: blob,
      disableExperimentalSEAWarning: true,
      useSnapshot: false,
      useCodeCache,
      assets,
    }),
  );
  // The blob format belongs to the Node version: the target binary must be this Node's version.
  execFileSync(process.execPath, ['--experimental-sea-config', seaConfig], { stdio: 'pipe' });

  const executable = join(scratch, `mlci-linux-${arch}`);
  copyFileSync(nodeBinary, executable);
  chmodSync(executable, 0o755);
  if (!args.noStrip) strip(executable);
  const { inject } = require('postject');
  await quietly(() => inject(executable, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: seaFuse }));

  mkdirSync(outDir, { recursive: true });
  // Into place by rename: a reader of dist-bin sees the old executable or the new, never a part.
  renameSync(executable, target);
  writeFileSync(inputsFile, inputs);
  writeChecksums();
  const size = readFileSync(target).length;
  console.error(
    `built dist-bin/mlci-linux-${arch} (${(size / 1e6).toFixed(1)} MB, Node ${process.versions.node}, DuckDB binding ${bindingsVersion}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** The CLI entry as one CommonJS file, every dependency inside, DuckDB's binding resolved to the SEA loader. */
async function bundleCli(outfile, manifest) {
  const loader = join(root, 'packages/cli/src/binary/native-bindings.ts');
  const result = await build({
    entryPoints: [join(root, 'packages/cli/src/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'warning',
    // CommonJS has no import.meta; bundled ESM packages (fdir's createRequire) need a URL of their file.
    define: { 'import.meta.url': '__mlciImportMetaUrl' },
    banner: { js: "const __mlciImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins: [
      {
        name: 'sea-native-bindings',
        setup(pluginBuild) {
          pluginBuild.onResolve({ filter: /^@duckdb\/node-bindings$/ }, () => ({
            path: 'node-bindings',
            namespace: 'sea-native-bindings',
          }));
          pluginBuild.onLoad({ filter: /.*/, namespace: 'sea-native-bindings' }, () => ({
            contents: `module.exports = require(${JSON.stringify(loader)}).loadNativeBindings(${JSON.stringify(manifest)});`,
            loader: 'js',
            resolveDir: root,
          }));
        },
      },
    ],
  });
  // A SEA's require loads built-in modules only: an import left outside the bundle would fail at run time.
  if (result.warnings.length > 0) fail('the CommonJS bundle has warnings (above): fix them before shipping');
}

function bindingsPackageDir() {
  const name = `@duckdb/node-bindings-linux-${arch}`;
  const installed = join(root, 'node_modules', name);
  if (existsSync(join(installed, 'duckdb.node'))) return installed;
  const version = JSON.parse(
    readFileSync(join(root, 'node_modules/@duckdb/node-bindings/package.json'), 'utf8'),
  ).version;
  return fetchPackage(name, version);
}

function fetchNodeBinary() {
  const dir = fetchPackage(`node-linux-${arch}`, process.versions.node);
  return join(dir, 'bin/node');
}

/** `npm pack` of one exact version, unpacked once into node_modules/.cache (npm's own cache and registry config). */
function fetchPackage(name, version) {
  const dir = join(fetchCache, `${name.replace('/', '+')}@${version}`);
  if (existsSync(join(dir, 'package.json'))) return dir;
  const download = mkdtempSync(join(scratch, 'pack-'));
  console.error(`fetching ${name}@${version} from the npm registry`);
  const tarball = execFileSync('npm', ['pack', '--silent', `${name}@${version}`], {
    cwd: download,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .at(-1);
  const unpacked = `${dir}.partial`;
  rmSync(unpacked, { recursive: true, force: true });
  mkdirSync(unpacked, { recursive: true });
  execFileSync('tar', ['-xzf', join(download, tarball), '-C', unpacked, '--strip-components=1']);
  renameSync(unpacked, dir);
  return dir;
}

/**
 * Node's release binaries carry their symbol table (~13 MB of ~99 MB): not needed to run, so stripped. The dynamic
 * symbols that native addons (duckdb.node) link against stay. Another architecture's ELF needs that architecture's
 * binutils (Debian: binutils-aarch64-linux-gnu).
 */
function strip(file) {
  const tool = crossBuild ? `${{ x64: 'x86_64', arm64: 'aarch64' }[arch]}-linux-gnu-strip` : 'strip';
  try {
    execFileSync(tool, ['--strip-all', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    fail(
      `${tool} ${file}: ${String(error.stderr ?? error.message).trim()} (install binutils for ${arch}, or pass --no-strip)`,
    );
  }
}

/** postject's ELF library warns about the notes of Node's binary on every build, harmlessly: kept off the log. */
async function quietly(run) {
  const write = process.stderr.write;
  const muted = [];
  process.stderr.write = (chunk, ...rest) => muted.push(String(chunk)) > 0 || rest.length === -1;
  try {
    return await run();
  } catch (error) {
    write.call(process.stderr, muted.join(''));
    throw error;
  } finally {
    process.stderr.write = write;
  }
}

function writeChecksums() {
  const lines = readdirSync(outDir)
    .filter((name) => /^mlci-linux-[a-z0-9]+$/.test(name))
    .sort()
    .map((name) => `${sha256(readFileSync(join(outDir, name)))}  ${name}\n`);
  const temp = join(outDir, '.SHA256SUMS.tmp');
  writeFileSync(temp, lines.join(''));
  renameSync(temp, join(outDir, 'SHA256SUMS'));
}

function sha256(content, prefix = '') {
  return prefix + createHash('sha256').update(content).digest('hex');
}

function readIfExists(file) {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function parseArgs(argv) {
  const parsed = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--arch' || arg === '--node') parsed[arg.slice(2)] = argv[++i];
    else if (arg === '--force') parsed.force = true;
    else if (arg === '--no-strip') parsed.noStrip = true;
    else if (arg === '--no-code-cache') parsed.noCodeCache = true;
    else {
      console.error(
        `build-binary: unknown argument ${arg} (usage: build-binary.mjs [--arch x64|arm64] [--node PATH] [--force] [--no-strip] [--no-code-cache])`,
      );
      process.exit(1);
    }
  }
  return parsed;
}

function fail(message) {
  throw new Error(message);
}
