import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { constants } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { cliBundle, localEnv, repoRoot, withTempDir } from '../support/cli';
import { startRegistry, startRegistryFront } from '../support/registry';

/**
 * Issue 14, "Signals": SIGINT, SIGTERM or SIGHUP to the real CLI while `train`'s command runs. The command's
 * whole process group ends (a job it put in the background too, which sh makes immune to SIGINT), the earlier
 * outputs are back byte for byte, the partial ones are in <out>/failed-outputs, no temporary file or scratch
 * directory is left (the CLI gets a TMPDIR of its own, so other tests' directories do not count), and mlci exits
 * 128 + the signal's number with one line saying what it undid.
 */
const run = promisify(execFile);

interface Interrupted {
  status: number | null;
  stderr: string;
  /** Pids the command wrote: the shell (leader of the command's process group) and its background child. */
  shell: number;
  child: number;
}

/** A workspace with earlier outputs (binary, nested) in models/, and a private TMPDIR. */
async function workspace(parent: string) {
  const dir = join(parent, 'work');
  const tmp = join(parent, 'tmp');
  await mkdir(join(dir, 'models', 'nested'), { recursive: true });
  await mkdir(tmp);
  await run('git', ['init', '-q'], { cwd: dir });
  await writeFile(join(dir, 'models', 'model.bin'), randomBytes(4096));
  await writeFile(join(dir, 'models', 'nested', 'vocab.txt'), 'a\nb\n');
  return { dir, tmp, before: await snapshot(join(dir, 'models')) };
}

/** Every file under `root` with its bytes, by relative path. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(root, path)] = (await readFile(path)).toString('base64');
  }
  return files;
}

/** Leftovers of an atomic write, a download or a directory swap anywhere under `root`. */
async function temporaries(root: string): Promise<string[]> {
  const names = await readdir(root, { recursive: true });
  return names.filter((name) => /\.(tmp|part)$|\.incoming-|\.previous-|previous-outputs/.test(name));
}

function waitFor(what: string, ready: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (ready()) resolve();
      else if (Date.now() > deadline) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(poll, 25);
    };
    poll();
  });
}

/** Alive and not a zombie (an orphan that init has not reaped yet is gone for our purpose). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false; // reaped meanwhile
  }
}

/**
 * Starts `mlci train` with `command` (the CLI, or the train action's bundle as the runner starts it: inputs as
 * INPUT_* variables, failure as `::error::` on stdout), waits until the command wrote its pids, sends `signals`
 * in turn.
 */
async function interruptTrain(
  dir: string,
  tmp: string,
  command: string,
  signals: NodeJS.Signals[],
  entry: 'cli' | 'action' = 'cli',
): Promise<Interrupted> {
  const cli: ChildProcess =
    entry === 'cli'
      ? spawn(process.execPath, [cliBundle, 'train', '--command', command, '--outputs', 'models'], {
          cwd: dir,
          env: localEnv({ TMPDIR: tmp }),
          stdio: ['ignore', 'ignore', 'pipe'],
        })
      : spawn(process.execPath, [join(repoRoot, 'actions/train/dist/index.mjs')], {
          cwd: dir,
          env: localEnv({ TMPDIR: tmp, INPUT_COMMAND: command, INPUT_OUTPUTS: 'models' }),
          stdio: ['ignore', 'pipe', 'pipe'],
        });
  let stderr = '';
  cli.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  cli.stdout?.on('data', (chunk) => {
    stderr += chunk;
  });
  // 'exit', not 'close': should the command outlive mlci, it would hold mlci's stderr open.
  const exited = new Promise<number | null>((resolve) => cli.once('exit', (status) => resolve(status)));
  const closed = new Promise((resolve) => cli.once('close', resolve));
  await waitFor('the command to start', () => existsSync(join(dir, 'started')));
  const shell = Number(await readFile(join(dir, 'shell.pid'), 'utf8'));
  const child = Number(await readFile(join(dir, 'child.pid'), 'utf8'));
  expect(running(child)).toBe(true);
  for (const signal of signals) {
    cli.kill(signal);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const status = await exited;
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2000))]);
  return { status, stderr, shell, child };
}

// The command writes a partial output, starts a background job, then waits as a long training would.
const training = (prelude = '') =>
  `${prelude}echo partial > "$MLCI_OUTPUTS/partial.bin"; echo $$ > shell.pid; sleep 300 & echo $! > child.pid; touch started; wait`;

describe('train interrupted', () => {
  test.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
    '%s: the process group ends, earlier outputs are back, partial ones kept aside, exit 128+n',
    async (signal) => {
      await withTempDir(async (parent) => {
        const { dir, tmp, before } = await workspace(parent);
        const started = Date.now();
        const result = await interruptTrain(dir, tmp, training(), [signal]);
        expect(result.status).toBe(128 + constants.signals[signal]);
        // SIGTERM ends sleep at once: no waiting for the grace period.
        expect(Date.now() - started).toBeLessThan(15_000);
        const lines = result.stderr.trim().split('\n');
        expect(lines.at(-1)).toBe(
          `mlci: train interrupted by ${signal}: stopped the command (SIGTERM to its process group); put back the earlier outputs in models/; partial outputs kept in .mlci/failed-outputs/`,
        );
        expect(result.stderr).not.toMatch(/error|at .*\.mjs/);
        expect(running(result.child)).toBe(false);
        expect(running(result.shell)).toBe(false);
        expect(await snapshot(join(dir, 'models'))).toEqual(before);
        expect(await readFile(join(dir, '.mlci', 'failed-outputs', 'partial.bin'), 'utf8')).toBe('partial\n');
        expect(existsSync(join(dir, '.mlci', 'tmp'))).toBe(false);
        expect(await temporaries(dir)).toEqual([]);
        expect(await readdir(tmp)).toEqual([]);
      });
    },
  );

  test('a command that ignores SIGTERM is killed after the grace period, with the job it started', async () => {
    await withTempDir(async (parent) => {
      const { dir, tmp, before } = await workspace(parent);
      // Ignored signals stay ignored in the children: the background sleep ignores SIGTERM too.
      const result = await interruptTrain(dir, tmp, training("trap '' TERM; "), ['SIGTERM']);
      expect(result.status).toBe(143);
      expect(result.stderr.trim().split('\n').at(-1)).toBe(
        'mlci: train interrupted by SIGTERM: stopped the command (SIGTERM to its process group, SIGKILL after 5 s); put back the earlier outputs in models/; partial outputs kept in .mlci/failed-outputs/',
      );
      expect(running(result.child)).toBe(false);
      expect(await snapshot(join(dir, 'models'))).toEqual(before);
    });
  });

  test('a second signal exits at once, with the first signal’s code, killing the command’s group', async () => {
    await withTempDir(async (parent) => {
      const { dir, tmp } = await workspace(parent);
      const started = Date.now();
      const result = await interruptTrain(dir, tmp, training("trap '' TERM; "), ['SIGINT', 'SIGINT']);
      expect(result.status).toBe(130);
      expect(Date.now() - started).toBeLessThan(4_000 + 5_000);
      expect(result.stderr.trim().split('\n').at(-1)).toBe(
        'mlci: train interrupted by SIGINT, then SIGINT: exited before the cleanup ended',
      );
      // No waiting for the grace period, but no training left running either.
      await waitFor('the SIGKILLed child to be gone', () => !running(result.child), 2000);
    });
  });

  test('the GitHub action: the same cleanup, the step failed with the line, exit 143', async () => {
    await withTempDir(async (parent) => {
      const { dir, tmp, before } = await workspace(parent);
      const result = await interruptTrain(dir, tmp, training(), ['SIGTERM'], 'action');
      expect(result.status).toBe(143);
      expect(result.stderr.trim().split('\n').at(-1)).toBe(
        '::error::mlci: train interrupted by SIGTERM: stopped the command (SIGTERM to its process group); put back the earlier outputs in models/; partial outputs kept in .mlci/failed-outputs/',
      );
      expect(running(result.child)).toBe(false);
      expect(await snapshot(join(dir, 'models'))).toEqual(before);
      expect(await readdir(tmp)).toEqual([]);
    });
  });

  test('with no earlier outputs, the partial ones are kept aside and models/ is left empty', async () => {
    await withTempDir(async (parent) => {
      const { dir, tmp } = await workspace(parent);
      await run('rm', ['-r', join(dir, 'models')]);
      const result = await interruptTrain(dir, tmp, training(), ['SIGTERM']);
      expect(result.status).toBe(143);
      expect(result.stderr.trim().split('\n').at(-1)).toBe(
        'mlci: train interrupted by SIGTERM: stopped the command (SIGTERM to its process group); models/ is empty as before; partial outputs kept in .mlci/failed-outputs/',
      );
      expect(await readdir(join(dir, 'models'))).toEqual([]);
      expect(await readFile(join(dir, '.mlci', 'failed-outputs', 'partial.bin'), 'utf8')).toBe('partial\n');
      expect(await readdir(tmp)).toEqual([]);
    });
  });
});

describe('promote interrupted while it holds the alias lock', () => {
  test.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
    '%s: the lock is removed, nothing half-moved, exit 128+n',
    async (signal) => {
      await withTempDir(async (dir) => {
        const worker = join(dir, 'worker.mjs');
        await build({
          entryPoints: [join(import.meta.dirname, 'promote-lock-worker.ts')],
          outfile: worker,
          bundle: true,
          platform: 'node',
          format: 'esm',
          target: 'node20',
          logLevel: 'warning',
        });
        const process_ = spawn(process.execPath, [worker, dir], { stdio: ['pipe', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        process_.stdout.on('data', (chunk) => {
          stdout += chunk;
        });
        process_.stderr.on('data', (chunk) => {
          stderr += chunk;
        });
        const exited = new Promise<number | null>((resolve) => process_.once('exit', resolve));
        await waitFor('the version to be registered', () => stdout.includes('ready'));
        // The alias file is a FIFO: reading it (under the lock, before the compare and swap) blocks.
        const aliases = join(dir, 'reg', 'models', 'churn', 'aliases');
        await mkdir(aliases, { recursive: true });
        await run('mkfifo', [join(aliases, 'production')]);
        process_.stdin.end();
        const lock = join(aliases, '.production.lock');
        await waitFor('the lock', () => existsSync(lock));
        process_.kill(signal);
        await waitFor('the cleanup to remove the lock', () => !existsSync(lock));
        // Node joins its I/O threads at exit, and one is still blocked opening the FIFO: open its other end.
        await writeFile(join(aliases, 'production'), '');
        expect(await exited).toBe(128 + constants.signals[signal]);
        expect(stdout).not.toContain('moved');
        expect(stderr.trim()).toBe(`mlci: promote interrupted by ${signal}: removed the lock ${lock}`);
        expect((await readdir(aliases)).sort()).toEqual(['production']);
      });
    },
  );
});

describe('build-image --push interrupted mid-upload', () => {
  test('SIGTERM: the open upload session is deleted on the registry, no scratch directory left, exit 143', async () => {
    const registry = await startRegistry();
    let uploadPath: string | undefined;
    let interrupt: () => Promise<void> = async () => {};
    let uploadExisted = false;
    // Debian's docker-registry keeps an upload session as a directory of its filesystem storage.
    const sessionDirectory = (path: string) =>
      join(
        registry.root,
        'storage/docker/registry/v2/repositories/x/_uploads',
        path.split('/').pop() as string,
      );
    // The first chunk reaches the registry; mlci is interrupted before its answer comes back.
    const front = await startRegistryFront(registry, {
      intercept: (request) => {
        if (request.method !== 'PATCH' || uploadPath !== undefined) return undefined;
        uploadPath = new URL(request.url, 'http://front').pathname;
        return {
          kind: 'forward-then',
          after: async () => {
            uploadExisted = existsSync(join(sessionDirectory(uploadPath as string), 'data'));
            await interrupt();
          },
        };
      },
    });
    try {
      await withTempDir(async (parent) => {
        const dir = join(parent, 'work');
        const tmp = join(parent, 'tmp');
        await mkdir(dir);
        await mkdir(tmp);
        await writeFile(join(dir, 'w.bin'), randomBytes(256 * 1024));
        const cli = spawn(
          process.execPath,
          [cliBundle, 'build-image', '--add', 'w.bin:/w.bin', '--tag', `${front.host}/x:1`, '--push'],
          { cwd: dir, env: localEnv({ TMPDIR: tmp }), stdio: ['ignore', 'ignore', 'pipe'] },
        );
        let stderr = '';
        cli.stderr.on('data', (chunk) => {
          stderr += chunk;
        });
        const exited = new Promise<number | null>((resolve) => cli.once('close', resolve));
        interrupt = async () => {
          cli.kill('SIGTERM');
          await new Promise((resolve) => setTimeout(resolve, 200));
        };
        expect(await exited).toBe(143);
        expect(uploadPath).toBeDefined();
        expect(uploadExisted).toBe(true);
        expect(stderr.trim().split('\n').at(-1)).toMatch(
          /^mlci: build-image interrupted by SIGTERM: abandoned the upload to .*\bx\b/,
        );
        // mlci sent the DELETE: asked at that URL, the registry no longer knows the upload, and its bytes are
        // gone from the storage (distribution keeps only an empty hash-state directory).
        const deleted = front.requests.find(
          (request) => request.method === 'DELETE' && request.url.startsWith(`${uploadPath}?`),
        );
        expect(deleted).toBeDefined();
        const status = await fetch(`${registry.url}${deleted?.url}`);
        expect(status.status).toBe(404);
        expect(await status.text()).toContain('BLOB_UPLOAD_UNKNOWN');
        expect(existsSync(join(sessionDirectory(uploadPath as string), 'data'))).toBe(false);
        expect(await readdir(tmp)).toEqual([]);
        expect(await temporaries(dir)).toEqual([]);
      });
    } finally {
      await front.close();
      await registry.close();
    }
  });
});
