import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { WorkerJob } from '../../../../../tests/support/file-registry-worker';
import { InputError, ServiceError } from '../../errors';
import { fileSetOf } from '../../io/file-set';
import { AliasConflict, type BackendOptions, type ModelRegistry, type PromotionRecord } from '../registry';
import { openFileRegistry } from '.';

const digestOf = (content: string | Uint8Array) =>
  `sha256:${createHash('sha256').update(content).digest('hex')}`;

let dir: string;
let warnings: string[];
let options: BackendOptions;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlci-file-aliases-'));
  warnings = [];
  options = { cwd: dir, env: {}, logger: { info() {}, warn: (m) => warnings.push(m), debug() {} } };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A registry with `count` versions of model churn (distinct content each). */
async function registryWithVersions(count: number, tuning = {}): Promise<ModelRegistry> {
  const registry = await openFileRegistry('file:reg', options, tuning);
  for (let n = 1; n <= count; n++) {
    const directory = join(dir, `out${n}`);
    await mkdir(directory, { recursive: true });
    const content = `weights ${n}`;
    await writeFile(join(directory, 'model.bin'), content);
    const fileSet = fileSetOf([
      { path: 'model.bin', size: content.length, digest: digestOf(content), executable: false },
    ]);
    await registry.register({ model: 'churn', directory, fileSet, labels: {}, attachments: [] });
  }
  return registry;
}

function move(
  version: string,
  previous: string | null,
  extra: Partial<PromotionRecord> = {},
): PromotionRecord {
  return {
    model: 'churn',
    alias: 'production',
    version,
    previous,
    action: 'promote',
    time: '2026-12-01T10:00:00.000Z',
    tag: `v1.${version}.0`,
    commit: 'c0ffee',
    actor: 'release-bot',
    evidence: [{ kind: 'evaluation', digest: digestOf(`evaluation of ${version}`), status: 'passed' }],
    ...extra,
  };
}

const aliasesDirectory = () => join(dir, 'reg/models/churn/aliases');
const aliasFile = async (alias = 'production') =>
  JSON.parse(await readFile(join(aliasesDirectory(), alias), 'utf8'));

test('moves: the alias file names the stored record, history is newest first, a rollback is a recorded move', async () => {
  const registry = await registryWithVersions(3);
  const first = await registry.moveAlias(move('1', null));
  const second = await registry.moveAlias(move('2', '1'));
  const back = await registry.moveAlias(move('1', '2', { action: 'rollback', tag: undefined }));

  // The alias file points at the record blob; the blob is {record, previousMove} and its digest is the move's.
  expect(await aliasFile()).toEqual({ version: '1', record: back.digest });
  const blob = await readFile(join(dir, 'reg/blobs/sha256', back.digest.slice(7)));
  expect(digestOf(blob)).toBe(back.digest);
  expect(JSON.parse(blob.toString())).toEqual({ record: back.record, previousMove: second.digest });

  const history = await registry.aliasHistory('churn', 'production');
  expect(history).toEqual([back, second, first]);
  expect(history.map(({ record }) => [record.action, record.previous, record.version])).toEqual([
    ['rollback', '2', '1'],
    ['promote', '1', '2'],
    ['promote', null, '1'],
  ]);
  expect(history[2]?.record).toEqual(move('1', null));

  // Every reader sees the alias where the last move put it.
  expect(await registry.listModels()).toEqual([
    { name: 'churn', versions: 3, latest: '3', aliases: { production: '1' } },
  ]);
  expect((await registry.getVersion('churn', 'production')).version).toBe('1');
  expect((await registry.listVersions('churn')).map((version) => version.aliases)).toEqual([
    ['production'],
    [],
    [],
  ]);
  // Another alias has its own history; no lock or temporary file is left behind.
  await registry.moveAlias(move('3', null, { alias: 'staging' }));
  expect((await registry.aliasHistory('churn', 'staging')).map((each) => each.record.version)).toEqual(['3']);
  expect(await registry.aliasHistory('churn', 'production')).toHaveLength(3);
  expect((await readdir(aliasesDirectory())).sort()).toEqual(['production', 'staging']);
});

test('a move from a state the alias is not in is an AliasConflict naming both, and changes nothing', async () => {
  const registry = await registryWithVersions(3);
  await registry.moveAlias(move('1', null));
  const before = await readFile(join(aliasesDirectory(), 'production'));

  const conflict = await registry.moveAlias(move('3', '2')).catch((error: unknown) => error);
  expect(conflict).toBeInstanceOf(AliasConflict);
  expect((conflict as AliasConflict).exitCode).toBe(1);
  expect((conflict as Error).message).toBe(
    "alias 'production' of model 'churn' in file:reg moved meanwhile: expected version 2, found version 1; nothing changed",
  );
  await expect(registry.moveAlias(move('3', null))).rejects.toThrow(
    /expected no holder, found version 1; nothing changed$/,
  );
  await expect(registry.moveAlias(move('2', '1', { alias: 'canary' }))).rejects.toThrow(
    /alias 'canary' .* expected version 1, found no holder/,
  );
  expect(await readFile(join(aliasesDirectory(), 'production'))).toEqual(before);
  expect(await registry.aliasHistory('churn', 'production')).toHaveLength(1);
  expect(await readdir(aliasesDirectory())).toEqual(['production']);
});

test('bad input: unknown model or version, bad names and records are InputErrors; unknown alias history is empty', async () => {
  const registry = await registryWithVersions(1);
  await expect(registry.moveAlias(move('7', null))).rejects.toThrow(
    new InputError("model 'churn' has no version 7 in file:reg"),
  );
  await expect(registry.moveAlias(move('1', null, { model: 'nope' }))).rejects.toThrow(
    new InputError("model 'nope' has no version 1 in file:reg"),
  );
  // 'latest' and 'v2' name versions (every backend; MLflow): refused here as MLflow refuses them.
  for (const alias of ['Production', '12', 'latest', 'v2', 'sha256-abc', '.hidden', '-x', '', 'a/b'])
    await expect(registry.moveAlias(move('1', null, { alias }))).rejects.toThrow(
      new InputError(
        `alias '${alias}': expected lowercase letters, digits, '.', '_', '-' (not all digits, not 'latest', not 'v<number>', not starting with 'sha256-': those name versions in some backend)`,
      ),
    );
  await expect(registry.moveAlias(move('1', null, { model: 'Churn' }))).rejects.toThrow(
    /^model name 'Churn'/,
  );
  await expect(registry.moveAlias(move('production', null))).rejects.toThrow(
    new InputError("promotion record: version 'production': expected a version number"),
  );
  await expect(registry.moveAlias(move('1', null, { time: 'yesterday' }))).rejects.toThrow(InputError);
  await expect(registry.aliasHistory('nope', 'production')).rejects.toThrow(
    new InputError("model 'nope' is not in file:reg"),
  );
  expect(await registry.aliasHistory('churn', 'production')).toEqual([]);
  expect(await registry.listModels()).toEqual([{ name: 'churn', versions: 1, latest: '1', aliases: {} }]);
});

test('a plain version-number alias file (earlier mlci) reads as an alias without history and can be moved', async () => {
  const registry = await registryWithVersions(2);
  await mkdir(aliasesDirectory(), { recursive: true });
  await writeFile(join(aliasesDirectory(), 'production'), '1\n');
  expect((await registry.getVersion('churn', 'production')).version).toBe('1');
  expect(await registry.aliasHistory('churn', 'production')).toEqual([]);
  await expect(registry.moveAlias(move('2', null))).rejects.toBeInstanceOf(AliasConflict);

  const moved = await registry.moveAlias(move('2', '1'));
  expect(await registry.aliasHistory('churn', 'production')).toEqual([moved]);
  expect(
    JSON.parse((await readFile(join(dir, 'reg/blobs/sha256', moved.digest.slice(7)))).toString()),
  ).toEqual({
    record: move('2', '1'),
    previousMove: null,
  });
  expect((await registry.listModels())[0]?.aliases).toEqual({ production: '2' });
});

describe('locks', () => {
  const lockPath = () => join(aliasesDirectory(), '.production.lock');
  const writeLock = async (lock: { pid: number; host: string; time: string }) => {
    await mkdir(aliasesDirectory(), { recursive: true });
    await writeFile(lockPath(), JSON.stringify({ ...lock, nonce: 'left-behind' }));
  };

  test('a lock whose process is gone is stale: the move breaks it, says so, and goes ahead', async () => {
    const registry = await registryWithVersions(1);
    const gone = spawnSync('true').pid;
    await writeLock({ pid: gone, host: hostname(), time: new Date().toISOString() });
    await registry.moveAlias(move('1', null));
    expect((await registry.getVersion('churn', 'production')).version).toBe('1');
    expect(warnings).toEqual([expect.stringContaining(`removed a stale lock ${lockPath()} (pid ${gone} on`)]);
    expect(await readdir(aliasesDirectory())).toEqual(['production']);
  });

  test('a lock older than the stale age is stale even when its pid exists (hung, or the pid reused)', async () => {
    const registry = await registryWithVersions(1, { staleLockMs: 60_000 });
    await writeLock({
      pid: process.pid,
      host: hostname(),
      time: new Date(Date.now() - 120_000).toISOString(),
    });
    await registry.moveAlias(move('1', null));
    expect(await registry.aliasHistory('churn', 'production')).toHaveLength(1);
  });

  test('a live holder is waited for, then the move fails naming it, and the alias does not move', async () => {
    const registry = await registryWithVersions(1, { lockWaitMs: 200 });
    const time = new Date().toISOString();
    await writeLock({ pid: process.pid, host: hostname(), time });
    const failure = await registry.moveAlias(move('1', null)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServiceError);
    expect((failure as Error).message).toBe(
      `file:reg: alias 'production' of model 'churn' is locked by pid ${process.pid} on ${hostname()} since ${time} (${lockPath()}); try again, or remove the lock if that process is gone`,
    );
    expect(await registry.aliasHistory('churn', 'production')).toEqual([]);
    // A lock from another host cannot be checked by pid: it is waited for too, until the stale age.
    await writeLock({ pid: 1, host: 'elsewhere.invalid', time: new Date().toISOString() });
    await expect(registry.moveAlias(move('1', null))).rejects.toThrow(/locked by pid 1 on elsewhere.invalid/);
  });

  test('corrupt state: an alias file that is no alias file, a missing record', async () => {
    const registry = await registryWithVersions(2);
    const moved = await registry.moveAlias(move('1', null));
    await registry.moveAlias(move('2', '1'));
    await rm(join(dir, 'reg/blobs/sha256', moved.digest.slice(7)));
    await expect(registry.aliasHistory('churn', 'production')).rejects.toThrow(
      new ServiceError(
        `file:reg: corrupt registry: the move ${moved.digest} of alias 'production' of model 'churn' is missing (blob ${moved.digest})`,
      ),
    );
    await writeFile(join(aliasesDirectory(), 'production'), 'half a wri');
    await expect(registry.moveAlias(move('1', '2'))).rejects.toThrow(
      /^file:reg: corrupt registry: models\/churn\/aliases\/production holds neither/,
    );
  });
});

describe('separate processes', () => {
  let worker: string;
  beforeAll(async () => {
    worker = join(await mkdtemp(join(tmpdir(), 'mlci-alias-worker-')), 'worker.mjs');
    await build({
      entryPoints: [join(import.meta.dirname, '../../../../../tests/support/file-registry-worker.ts')],
      outfile: worker,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
    });
  });
  afterAll(() => rm(join(worker, '..'), { recursive: true, force: true }));

  interface Worker {
    child: ChildProcessWithoutNullStreams;
    lines: () => Record<string, string>[];
    exited: Promise<number | null>;
  }

  async function startWorker(job: Omit<WorkerJob, 'registry' | 'cwd' | 'registrations'>, name: string) {
    const jobFile = join(dir, `${name}.json`);
    await writeFile(jobFile, JSON.stringify({ registry: 'file:reg', cwd: dir, registrations: [], ...job }));
    const child = spawn(process.execPath, [worker, jobFile]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on('close', (code) => {
        if (code !== 0 && child.signalCode === null) process.stderr.write(stderr);
        resolve(code);
      }),
    );
    await until(() => stdout.startsWith('ready\n'));
    const lines = () =>
      stdout
        .split('\n')
        .slice(1)
        .filter((line) => line.endsWith('}'))
        .map((line) => JSON.parse(line));
    return { child, lines, exited } satisfies Worker;
  }

  test('four processes moving the same alias from the same holder at once: one wins, three conflict', async () => {
    const registry = await registryWithVersions(5);
    const start = await registry.moveAlias(move('1', null));
    const workers: Worker[] = [];
    for (let w = 0; w < 4; w++)
      workers.push(
        await startWorker({ moves: [move(String(w + 2), '1', { actor: `worker-${w}` })] }, `w${w}`),
      );
    for (const each of workers) each.child.stdin.end();
    expect(await Promise.all(workers.map((each) => each.exited))).toEqual([0, 0, 0, 0]);

    const outcomes = workers.map((each) => each.lines()[0] as Record<string, string>);
    const winners = outcomes.flatMap((outcome, w) => (outcome.moved ? [w] : []));
    expect(winners).toHaveLength(1);
    const winner = winners[0] as number;
    for (const [w, outcome] of outcomes.entries())
      if (w !== winner)
        expect(outcome.conflict).toBe(
          `alias 'production' of model 'churn' in file:reg moved meanwhile: expected version 1, found version ${winner + 2}; nothing changed`,
        );
    const history = await registry.aliasHistory('churn', 'production');
    expect(history.map((each) => each.digest)).toEqual([outcomes[winner]?.moved, start.digest]);
    expect(history[0]?.record).toEqual(move(String(winner + 2), '1', { actor: `worker-${winner}` }));
    expect((await registry.getVersion('churn', 'production')).version).toBe(String(winner + 2));
    expect(await readdir(aliasesDirectory())).toEqual(['production']);
  });

  test('processes killed in the middle of moves leave the old or the new state, and the next move goes ahead', async () => {
    const registry = await registryWithVersions(2);
    let reported = 0;
    for (let round = 0; round < 3; round++) {
      const toggler = await startWorker(
        { toggle: { model: 'churn', alias: 'production', versions: ['1', '2'], count: 100_000 } },
        `toggle${round}`,
      );
      toggler.child.stdin.end();
      // Killed at an arbitrary point of its loop, after a few moves (read, lock, store, rename, unlock).
      await until(() => toggler.lines().length >= 5 + round * 7);
      toggler.child.kill('SIGKILL');
      await toggler.exited;
      reported += toggler.lines().length;

      // The alias is a whole alias file whose history is an unbroken chain of moves between 1 and 2.
      const alias = await aliasFile();
      const history = await registry.aliasHistory('churn', 'production');
      expect(history[0]?.digest).toBe(alias.record);
      expect(history[0]?.record.version).toBe(alias.version);
      // Each process's last move may have landed without being reported.
      expect(history.length - reported).toBeGreaterThanOrEqual(0);
      expect(history.length - reported).toBeLessThanOrEqual(1);
      reported = history.length;
      for (const [index, each] of history.entries())
        expect(each.record.previous).toBe(history[index + 1]?.record.version ?? null);
    }
    // A lock a killed process left is recovered (its pid is gone); the next move starts from the last state.
    const holder = (await aliasFile()).version;
    const next = holder === '1' ? '2' : '1';
    await registry.moveAlias(move(next, holder));
    expect((await registry.aliasHistory('churn', 'production'))[0]?.record.version).toBe(next);
    expect((await readdir(aliasesDirectory())).filter((name) => !name.endsWith('.tmp'))).toEqual([
      'production',
    ]);
  });
});

/** Waits for a condition another process brings about; the test's own timeout bounds the wait. */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 5));
}
