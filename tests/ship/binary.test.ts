import { execFile, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { outputOf, type RunResult, repoRoot } from '../support/cli';
import { penguins, runFiveSteps, schema } from './five-steps';

/**
 * The standalone executable (docs/binary.md), as a Python team's job without Node runs it: built once by
 * `npm run build:binary` (a no-op when dist-bin already holds the build of these sources), then run through a PATH
 * that holds `mlci`, `sh` and Debian's python3 and no `node`. Each step's CLI scenario on a small penguins data
 * set (not the bundled example); DuckDB's native library unpacked to an empty cache, reused, and restored when the
 * cached copy is damaged; and install-binary.sh fetching the executable from a loopback HTTP server that serves
 * dist-bin as a GitHub release does, with curl and with python3 alone.
 */
const run = promisify(execFile);
const arch = process.arch;
const asset = `mlci-linux-${arch}`;
const executable = join(repoRoot, 'dist-bin', asset);
const installScript = join(repoRoot, 'jenkins/resources/dev/mlci/install-binary.sh');
const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version as string;
/** The binding as npm installed it: what the cache must hold, byte for byte. */
const bindingsDir = join(repoRoot, `node_modules/@duckdb/node-bindings-linux-${arch}`);

let scratch: string;
let releaseServer: Server;
let releaseUrl: string;
/** Request paths the release server answered, and the SHA256SUMS it serves (a test may spoil it). */
const requests: string[] = [];
let servedChecksums: string;

beforeAll(async () => {
  await run(process.execPath, [join(repoRoot, 'scripts/build-binary.mjs')], { cwd: repoRoot });
  servedChecksums = await readFile(join(repoRoot, 'dist-bin/SHA256SUMS'), 'utf8');
  releaseServer = createServer((request, response) => {
    requests.push(request.url ?? '');
    const prefix = `/v${version}/`;
    const name = request.url?.startsWith(prefix) ? request.url.slice(prefix.length) : '';
    if (name === 'SHA256SUMS') return void response.end(servedChecksums);
    if (name !== asset) return void response.writeHead(404).end('not found');
    response.writeHead(200, { 'content-length': String(readFileSync(executable).length) });
    response.end(readFileSync(executable));
  });
  await new Promise<void>((resolve) => releaseServer.listen(0, '127.0.0.1', resolve));
  releaseUrl = `http://127.0.0.1:${(releaseServer.address() as AddressInfo).port}`;
  scratch = await mkdtemp(join(tmpdir(), 'mlci-binary-test-'));
}, 180_000);

afterAll(async () => {
  await new Promise((resolve) => releaseServer.close(resolve));
  await rm(scratch, { recursive: true, force: true });
});

/** A bin directory of symlinks to the given programs (absolute paths, or names found on this PATH). */
async function binDir(name: string, programs: Record<string, string>): Promise<string> {
  const dir = join(scratch, name);
  await mkdir(dir, { recursive: true });
  for (const [as, target] of Object.entries(programs)) await symlink(target, join(dir, as));
  return dir;
}

function which(program: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).stdout.trim();
  if (!found.startsWith('/')) throw new Error(`${program} is not on this machine's PATH`);
  return found;
}

/** What a python:3.x-slim job has for mlci: a shell and python3, and the executable. */
async function jobPath(name: string): Promise<string> {
  return binDir(name, { mlci: executable, sh: which('sh'), python3: '/usr/bin/python3' });
}

function runIn(
  command: string,
  args: string[],
  options: { cwd: string; path: string; cache?: string; env?: Record<string, string> },
): Promise<RunResult> {
  const env = {
    PATH: options.path,
    HOME: join(scratch, 'home'),
    ...(options.cache ? { MLCI_CACHE_DIR: options.cache } : {}),
    ...options.env,
  };
  return outputOf(spawn(command, args, { cwd: options.cwd, env }));
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

test('the job PATH has no node', async () => {
  const path = await jobPath('bin-no-node');
  const lookup = await runIn('sh', ['-c', 'command -v node'], { cwd: scratch, path });
  expect(lookup.status).not.toBe(0);
  await expect(runIn('node', ['-e', ''], { cwd: scratch, path })).rejects.toMatchObject({ code: 'ENOENT' });
  const help = await runIn('mlci', ['--version'], { cwd: scratch, path });
  expect(help).toMatchObject({ status: 0, stdout: `${version}\n` });
});

test('the five steps without Node: validate-data, train (python3), evaluate, build-image to a layout, promote', async () => {
  const path = await jobPath('bin-steps');
  const cache = join(scratch, 'steps-cache');
  await runFiveSteps(join(scratch, 'penguins'), (...args) =>
    runIn('mlci', args, { cwd: join(scratch, 'penguins'), path, cache }),
  );
}, 60_000);

describe("DuckDB's native library in the cache", () => {
  const validate = async (cache: string, dir: string) =>
    runIn('mlci', ['validate-data', '--data', 'data.csv', '--schema', 'schema.yaml'], {
      cwd: dir,
      path: await jobPath(`bin-${Math.random().toString(36).slice(2)}`),
      cache,
    });

  async function cachedFolder(cache: string): Promise<string> {
    const folders = await readdir(cache);
    expect(folders).toHaveLength(1);
    expect(folders[0]).toMatch(/^duckdb-[\w.-]+-[0-9a-f]{16}$/);
    return join(cache, folders[0] as string);
  }

  async function expectWhole(folder: string): Promise<void> {
    for (const name of ['duckdb.node', 'libduckdb.so'])
      expect(sha256(await readFile(join(folder, name)))).toBe(
        sha256(await readFile(join(bindingsDir, name))),
      );
  }

  test('first run unpacks to an empty MLCI_CACHE_DIR, the next reuses it, a damaged copy is unpacked again', async () => {
    const dir = join(scratch, 'cache-project');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'data.csv'), penguins);
    await writeFile(join(dir, 'schema.yaml'), schema);
    const cache = join(scratch, 'cache-empty');
    await mkdir(cache);

    expect((await validate(cache, dir)).status).toBe(0);
    const folder = await cachedFolder(cache);
    await expectWhole(folder);
    const first = await stat(join(folder, 'libduckdb.so'));

    expect((await validate(cache, dir)).status).toBe(0);
    const reused = await stat(join(folder, 'libduckdb.so'));
    expect([reused.ino, reused.mtimeMs]).toEqual([first.ino, first.mtimeMs]);

    // Truncated (an interrupted copy), then the same size with other bytes (an edit): both found and replaced.
    await truncate(join(folder, 'libduckdb.so'), 1000);
    expect((await validate(cache, dir)).status).toBe(0);
    await expectWhole(folder);
    const node = join(folder, 'duckdb.node');
    const spoiled = await readFile(node);
    spoiled.fill(0, 0, 64);
    await writeFile(node, spoiled);
    expect((await validate(cache, dir)).status).toBe(0);
    await expectWhole(folder);
    expect((await readdir(folder)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, 60_000);

  test('a cache directory that cannot be made: one line naming it, exit 2', async () => {
    const dir = join(scratch, 'cache-project-2');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'data.csv'), penguins);
    await writeFile(join(dir, 'schema.yaml'), schema);
    // A file where the directory belongs (as root, permission bits would not stop the write).
    await writeFile(join(scratch, 'not-a-dir'), '');
    const result = await validate(join(scratch, 'not-a-dir/cache'), dir);
    expect(result.status).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^mlci: error: .*not-a-dir\/cache.*MLCI_CACHE_DIR/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 30_000);
  // Mounting needs root; elsewhere the case is skipped, saying so.
  (process.getuid?.() === 0 ? test : test.skip)(
    'a cache on a noexec file system (needs root to mount one): one line naming the library, exit 2',
    async () => {
      const dir = join(scratch, 'cache-project-3');
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'data.csv'), penguins);
      await writeFile(join(dir, 'schema.yaml'), schema);
      const mountPoint = join(scratch, 'noexec');
      await mkdir(mountPoint);
      await run('mount', ['-t', 'tmpfs', '-o', 'noexec,size=256m', 'tmpfs', mountPoint]);
      try {
        const result = await validate(join(mountPoint, 'cache'), dir);
        expect(result.status).toBe(2);
        expect(result.stderr.trim().split('\n').at(-1)).toMatch(
          /^mlci: error: .*\/duckdb\.node: cannot load DuckDB's native library: failed to map segment .*MLCI_CACHE_DIR/,
        );
      } finally {
        await run('umount', [mountPoint]);
      }
    },
    30_000,
  );
});

describe('install-binary.sh from a release server', () => {
  /** What the script needs of an image besides a downloader and a hasher. */
  const basics = ['sh', 'uname', 'mkdir', 'mktemp', 'sed', 'cut', 'tail', 'chmod', 'mv', 'rm', 'rmdir'];
  const toolsOf = (names: string[]) => Object.fromEntries(names.map((name) => [name, which(name)]));
  const install = (path: string, target: string) =>
    runIn('sh', [installScript, version, target], {
      cwd: scratch,
      path,
      env: { MLCI_BINARY_BASE_URL: releaseUrl },
    });

  test('is POSIX sh that shellcheck passes', async () => {
    await expect(run('shellcheck', ['--shell=sh', installScript])).resolves.toMatchObject({ stdout: '' });
  });

  test('with curl and sha256sum: installs, prints the path, runs; a second run downloads only SHA256SUMS', async () => {
    const path = await binDir('bin-curl', toolsOf([...basics, 'curl', 'sha256sum']));
    const target = join(scratch, 'tools-curl');
    const installed = await install(path, target);
    expect(installed.stderr).toContain(`mlci ${version} (${asset}) installed`);
    expect(installed).toMatchObject({ status: 0, stdout: `${join(target, 'mlci')}\n` });
    expect(sha256(await readFile(join(target, 'mlci')))).toBe(sha256(readFileSync(executable)));
    expect((await stat(join(target, 'mlci'))).mode & 0o777).toBe(0o755);
    expect(await readdir(target)).toEqual(['mlci']);
    const ran = await runIn(join(target, 'mlci'), ['--version'], { cwd: scratch, path });
    expect(ran.stdout).toBe(`${version}\n`);

    requests.length = 0;
    const again = await install(path, target);
    expect(again).toMatchObject({ status: 0, stdout: `${join(target, 'mlci')}\n` });
    expect(requests).toEqual([`/v${version}/SHA256SUMS`]);
  }, 60_000);

  test('with python3 only (no curl, wget or sha256sum), as in python:3.x-slim', async () => {
    const path = await binDir('bin-python', { ...toolsOf(basics), python3: '/usr/bin/python3' });
    for (const absent of ['curl', 'wget', 'sha256sum'])
      expect((await runIn('sh', ['-c', `command -v ${absent}`], { cwd: scratch, path })).status).not.toBe(0);
    const target = join(scratch, 'tools-python');
    const installed = await install(path, target);
    expect(installed).toMatchObject({ status: 0, stdout: `${join(target, 'mlci')}\n` });
    expect(sha256(await readFile(join(target, 'mlci')))).toBe(sha256(readFileSync(executable)));
  }, 60_000);

  test('with wget and sha256sum', async () => {
    const path = await binDir('bin-wget', toolsOf([...basics, 'wget', 'sha256sum']));
    const target = join(scratch, 'tools-wget');
    const installed = await install(path, target);
    expect(installed).toMatchObject({ status: 0, stdout: `${join(target, 'mlci')}\n` });
    expect(sha256(await readFile(join(target, 'mlci')))).toBe(sha256(readFileSync(executable)));
  }, 60_000);

  test('a digest that does not match SHA256SUMS: exit 1, one line, nothing installed', async () => {
    const path = await binDir('bin-spoiled', toolsOf([...basics, 'curl', 'sha256sum']));
    const target = join(scratch, 'tools-spoiled');
    const good = servedChecksums;
    servedChecksums = good.replace(/^[0-9a-f]{64}/gm, '0'.repeat(64));
    try {
      const refused = await install(path, target);
      expect(refused.status).toBe(1);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(/^install-binary\.sh: .*does not match SHA256SUMS.*\n$/);
      expect(existsSync(target)).toBe(false);
    } finally {
      servedChecksums = good;
    }
    // An existing directory keeps only what it had.
    await mkdir(target);
    servedChecksums = good.replace(/^[0-9a-f]{64}/gm, '0'.repeat(64));
    try {
      expect((await install(path, target)).status).toBe(1);
      expect(await readdir(target)).toEqual([]);
    } finally {
      servedChecksums = good;
    }
    // A machine there is no executable for (uname answering as a RISC-V board would).
    const riscv = await binDir('bin-riscv', toolsOf(basics.filter((name) => name !== 'uname')));
    await writeFile(join(riscv, 'uname'), '#!/bin/sh\n[ "$1" = -m ] && echo riscv64 || echo Linux\n', {
      mode: 0o755,
    });
    await symlink(which('curl'), join(riscv, 'curl'));
    const unsupported = await install(riscv, target);
    expect(unsupported.status).toBe(1);
    expect(unsupported.stderr).toBe(
      `install-binary.sh: no mlci executable for riscv64 (x86_64 and aarch64 only): use npx @mlci/cli@${version}\n`,
    );
    const missing = await runIn('sh', [installScript, '9.9.9', target], {
      cwd: scratch,
      path,
      env: { MLCI_BINARY_BASE_URL: releaseUrl },
    });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^install-binary\.sh: cannot download .*v9\.9\.9\/SHA256SUMS: .*404.*\n$/);
  }, 60_000);
});
