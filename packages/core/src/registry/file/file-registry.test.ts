import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { WorkerJob } from '../../../../../tests/support/file-registry-worker';
import { checkRegistrations, commits } from '../../../../../tests/support/registrations';
import { InputError, ServiceError } from '../../errors';
import { type FileEntry, type FileSet, fileSetOf } from '../../io/file-set';
import { openRegistry } from '../open';
import type { BackendOptions, ModelRegistry, RegisterRequest } from '../registry';
import { openFileRegistry } from '.';

const digestOf = (content: string) => `sha256:${createHash('sha256').update(content).digest('hex')}`;
const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const quiet = { info() {}, warn() {}, debug() {} };

let dir: string;
let options: BackendOptions;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlci-file-registry-'));
  options = { cwd: dir, env: {}, logger: quiet };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Writes files under dir/name and returns their set, as train's fingerprinting would. */
async function outputs(
  name: string,
  files: Record<string, string>,
): Promise<{ directory: string; fileSet: FileSet }> {
  const directory = join(dir, name);
  const entries: FileEntry[] = [];
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(directory, path, '..'), { recursive: true });
    await writeFile(join(directory, path), content, { mode: path.endsWith('.sh') ? 0o755 : 0o644 });
    entries.push({
      path,
      size: Buffer.byteLength(content),
      digest: digestOf(content),
      executable: path.endsWith('.sh'),
    });
  }
  return { directory, fileSet: fileSetOf(entries) };
}

function request(
  model: string,
  set: { directory: string; fileSet: FileSet },
  lineage = '{"runId":"r1"}',
): RegisterRequest {
  return {
    model,
    ...set,
    labels: { 'dev.mlci.run.id': 'r1' },
    attachments: [
      { kind: 'lineage', mediaType: 'application/vnd.mlci.run.v1+json', content: encode(lineage) },
    ],
  };
}

async function versionNames(registry: ModelRegistry, model: string): Promise<string[]> {
  return (await registry.listVersions(model)).map((version) => version.version);
}

test('register, read back, download: files, labels and attachments survive, each checked by digest', async () => {
  const registry = await openFileRegistry('file:.mlci/registry', options);
  const model = await outputs('out', { 'model.json': '{"w":[1,2]}', 'bin/predict.sh': 'echo hi\n' });
  const { version, created } = await registry.register(request('churn', model));
  expect(created).toBe(true);
  expect(version).toMatchObject({
    model: 'churn',
    version: '1',
    contentDigest: model.fileSet.digest,
    aliases: [],
  });
  expect(version.attachments).toEqual([
    expect.objectContaining({ kind: 'lineage', digest: digestOf('{"runId":"r1"}') }),
  ]);

  // Everything a later process reads comes from the directory, relative to the working directory.
  const reopened = await openRegistry('file:.mlci/registry', options);
  const read = await reopened.getVersion('churn', '1');
  expect(read).toEqual(version);
  expect(
    JSON.parse(await readFile(join(dir, '.mlci/registry/models/churn/versions/1/version.json'), 'utf8')),
  ).toMatchObject({
    model: 'churn',
    version: '1',
    contentDigest: model.fileSet.digest,
    labels: { 'dev.mlci.run.id': 'r1' },
  });
  expect(decode(await reopened.readAttachment('churn', '1', first(read.attachments)))).toBe('{"runId":"r1"}');
  await reopened.download('churn', '1', join(dir, 'downloaded'));
  expect(await readFile(join(dir, 'downloaded/model.json'), 'utf8')).toBe('{"w":[1,2]}');
  expect((await stat(join(dir, 'downloaded/bin/predict.sh'))).mode & 0o100).toBe(0o100);
  expect(await reopened.listModels()).toEqual([{ name: 'churn', versions: 1, latest: '1', aliases: {} }]);

  // file:///absolute names the same registry.
  const absolute = await openRegistry(pathToFileURL(join(dir, '.mlci/registry')).href, {
    ...options,
    cwd: '/',
  });
  expect(await versionNames(absolute, 'churn')).toEqual(['1']);
});

test('the same content again is the same version, with the new lineage added once; new content is version 2', async () => {
  const registry = await openFileRegistry('file:reg', options);
  const first = await outputs('a', { 'model.json': 'one' });
  await registry.register(request('churn', first));
  const again = await registry.register(
    request('churn', await outputs('b', { 'model.json': 'one' }), '{"runId":"r2"}'),
  );
  expect(again.created).toBe(false);
  expect(again.version.version).toBe('1');
  expect(again.version.attachments.map((attachment) => attachment.digest)).toEqual([
    digestOf('{"runId":"r1"}'),
    digestOf('{"runId":"r2"}'),
  ]);
  // A lineage already attached is not attached twice.
  const repeated = await registry.register(request('churn', first, '{"runId":"r2"}'));
  expect(repeated.version.attachments).toHaveLength(2);
  await registry.attach('churn', '1', {
    kind: 'evaluation',
    mediaType: 'application/json',
    content: encode('{}'),
  });
  await registry.attach('churn', '1', {
    kind: 'evaluation',
    mediaType: 'application/json',
    content: encode('{}'),
  });
  expect((await registry.getVersion('churn', '1')).attachments.map((a) => a.kind).sort()).toEqual([
    'evaluation',
    'lineage',
    'lineage',
  ]);

  const second = await registry.register(request('churn', await outputs('c', { 'model.json': 'two' })));
  expect(second).toMatchObject({ created: true, version: { version: '2' } });
  expect(await versionNames(registry, 'churn')).toEqual(['1', '2']);
});

test('registrations: the same content from two commits is one version found from both; retries add none', async () => {
  const registry = await openFileRegistry('file:reg', options);
  await checkRegistrations(registry, 'churn', {
    same: await outputs('a', { 'model.json': 'one' }),
    other: await outputs('b', { 'model.json': 'one' }),
    next: await outputs('c', { 'model.json': 'two' }),
  });
});

test('a version stored before registrations reads with the one its labels name, and keeps it when registered again', async () => {
  const registry = await openFileRegistry('file:reg', options);
  const same = await outputs('a', { 'model.json': 'one' });
  const labels = {
    'dev.mlci.run.id': 'r1',
    'org.opencontainers.image.revision': commits.first,
    'org.opencontainers.image.created': '2024-01-02T03:04:05.000Z',
  };
  await registry.register({ model: 'churn', ...same, labels, attachments: [] });
  // What earlier mlci stored: version.json and no registration attachment.
  const attachments = join(dir, 'reg/models/churn/versions/1/attachments');
  for (const name of await readdir(attachments)) await rm(join(attachments, name));
  expect((await registry.getVersion('churn', '1')).registrations).toEqual([
    { commit: commits.first, runId: 'r1', time: '2024-01-02T03:04:05.000Z' },
  ]);
  const again = await registry.register({
    model: 'churn',
    ...same,
    labels: {},
    attachments: [],
    registration: { commit: commits.second, runId: 'r2', time: '2025-01-01T00:00:00.000Z' },
  });
  expect(again.version.registrations).toEqual([
    { commit: commits.first, runId: 'r1', time: '2024-01-02T03:04:05.000Z' },
    { commit: commits.second, runId: 'r2', time: '2025-01-01T00:00:00.000Z' },
  ]);
});

test('aliases are read from models/<name>/aliases/<alias>', async () => {
  const registry = await openFileRegistry('file:reg', options);
  await registry.register(request('churn', await outputs('a', { 'model.json': 'one' })));
  await registry.register(request('churn', await outputs('b', { 'model.json': 'two' })));
  await mkdir(join(dir, 'reg/models/churn/aliases'), { recursive: true });
  await writeFile(join(dir, 'reg/models/churn/aliases/production'), '1\n');
  await writeFile(join(dir, 'reg/models/churn/aliases/staging'), '2\n');
  expect((await registry.getVersion('churn', '1')).aliases).toEqual(['production']);
  expect((await registry.listVersions('churn')).map((version) => version.aliases)).toEqual([
    ['production'],
    ['staging'],
  ]);
  expect(await registry.listModels()).toEqual([
    { name: 'churn', versions: 2, latest: '2', aliases: { production: '1', staging: '2' } },
  ]);
  // An alias stands for its version wherever a version is taken.
  expect((await registry.getVersion('churn', 'staging')).version).toBe('2');
  const attached = await registry.attach('churn', 'production', {
    kind: 'evaluation',
    mediaType: 'application/json',
    content: Buffer.from('{}'),
  });
  expect((await registry.getVersion('churn', '1')).attachments).toContainEqual(attached);
  expect((await registry.getVersion('churn', '2')).attachments).not.toContainEqual(attached);
  await expect(registry.getVersion('churn', 'canary')).rejects.toThrow(
    new InputError(`model 'churn' has no version or alias 'canary' in file:reg`),
  );
});

test('unknown models and versions, bad names and bad URIs are input errors naming what is wrong', async () => {
  const registry = await openFileRegistry('file:.mlci/registry', options);
  await registry.register(request('churn', await outputs('a', { 'model.json': 'one' })));
  await expect(registry.getVersion('churn', '7')).rejects.toThrow(
    new InputError("model 'churn' has no version 7 in file:.mlci/registry"),
  );
  await expect(registry.listVersions('nope')).rejects.toThrow(
    new InputError("model 'nope' is not in file:.mlci/registry"),
  );
  // `latest` is the newest version, not an alias; a model without versions has none.
  expect((await registry.getVersion('churn', 'latest')).version).toBe('1');
  await expect(registry.getVersion('nope', 'latest')).rejects.toThrow(
    "model 'nope' has no versions (so no 'latest') in file:.mlci/registry",
  );
  await expect(registry.register(request('Churn Model', await outputs('b', { x: 'x' })))).rejects.toThrow(
    /^model name 'Churn Model': expected lowercase/,
  );
  await expect(openRegistry('.mlci/registry', options)).rejects.toThrow(
    new InputError(
      "registry '.mlci/registry': expected file:DIR, oci://HOST[:PORT]/PREFIX, mlflow+http(s)://HOST[:PORT][/PATH] or gitlab+https://HOST/GROUP/PROJECT",
    ),
  );
  await expect(openRegistry('file:', options)).rejects.toBeInstanceOf(InputError);
  await expect(openRegistry('file://host/dir', options)).rejects.toBeInstanceOf(InputError);
});

test('a file changed after fingerprinting is refused and registers nothing', async () => {
  const registry = await openFileRegistry('file:reg', options);
  const model = await outputs('a', { 'model.json': 'one' });
  await writeFile(join(model.directory, 'model.json'), 'tampered');
  await expect(registry.register(request('churn', model))).rejects.toThrow(
    /model\.json: changed after it was fingerprinted/,
  );
  expect(await registry.listModels()).toEqual([]);
});

test('a corrupt blob is a ServiceError naming the file, never silently wrong files', async () => {
  const registry = await openFileRegistry('file:reg', options);
  const model = await outputs('a', { 'model.json': 'weights' });
  await registry.register(request('churn', model));
  await writeFile(join(dir, 'reg/blobs/sha256', digestOf('weights').slice(7)), 'weightz');
  const download = registry.download('churn', '1', join(dir, 'downloaded'));
  await expect(download).rejects.toBeInstanceOf(ServiceError);
  await expect(download).rejects.toThrow(/corrupt registry: file 'model.json' of model 'churn' version 1/);
  await expect(stat(join(dir, 'downloaded/model.json'))).rejects.toMatchObject({ code: 'ENOENT' });
});

test('concurrent attaches to one version all land', async () => {
  const registry = await openFileRegistry('file:reg', options);
  await registry.register(request('churn', await outputs('a', { 'model.json': 'one' })));
  await Promise.all(
    Array.from({ length: 8 }, (_, index) =>
      registry.attach('churn', '1', {
        kind: 'evaluation',
        mediaType: 'application/json',
        content: encode(`{"n":${index}}`),
      }),
    ),
  );
  expect((await registry.getVersion('churn', '1')).attachments).toHaveLength(9);
});

describe('separate processes', () => {
  let worker: string;
  beforeAll(async () => {
    worker = join(await mkdtemp(join(tmpdir(), 'mlci-worker-')), 'worker.mjs');
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
    stdout: () => string;
    exited: Promise<number | null>;
  }

  async function startWorker(job: WorkerJob, name: string): Promise<Worker> {
    const jobFile = join(dir, `${name}.json`);
    await writeFile(jobFile, JSON.stringify(job));
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
    return { child, stdout: () => stdout, exited };
  }

  test('four processes registering different content at once: versions 1..12, none lost or torn', async () => {
    const workers: Worker[] = [];
    const expected = new Map<string, string>();
    for (let w = 0; w < 4; w++) {
      const registrations: WorkerJob['registrations'] = [];
      for (let r = 0; r < 3; r++) {
        const content = `weights of worker ${w}, round ${r}`;
        const set = await outputs(`w${w}r${r}`, { 'model.json': content, [`extra-${w}.txt`]: `${w}` });
        expected.set(set.fileSet.digest, content);
        registrations.push({
          model: 'churn',
          ...set,
          labels: { worker: String(w) },
          lineage: `{"worker":${w},"round":${r}}`,
        });
      }
      workers.push(await startWorker({ registry: 'file:reg', cwd: dir, registrations }, `job${w}`));
    }
    for (const worker of workers) worker.child.stdin.end();
    expect(await Promise.all(workers.map((worker) => worker.exited))).toEqual([0, 0, 0, 0]);

    const registry = await openFileRegistry('file:reg', options);
    const versions = await registry.listVersions('churn');
    expect(versions.map((version) => version.version)).toEqual(
      Array.from({ length: 12 }, (_, i) => String(i + 1)),
    );
    // Each process got the numbers it reports, and every version holds exactly the files it was given.
    const reported = workers.flatMap((worker) =>
      worker
        .stdout()
        .split('\n')
        .slice(1, -1)
        .map((line) => JSON.parse(line).version),
    );
    expect(reported.sort((a, b) => a - b)).toEqual(versions.map((version) => version.version));
    expect(new Set(versions.map((version) => version.contentDigest)).size).toBe(12);
    for (const version of versions) {
      const target = join(dir, 'check', version.version);
      await registry.download('churn', version.version, target);
      expect(await readFile(join(target, 'model.json'), 'utf8')).toBe(expected.get(version.contentDigest));
      expect(version.attachments).toHaveLength(1);
      const lineage = JSON.parse(
        decode(await registry.readAttachment('churn', version.version, first(version.attachments))),
      );
      expect(String(lineage.worker)).toBe(version.labels.worker);
    }
    // No staging directory is left behind by the ones that had to take another number.
    expect(await readdir(join(dir, 'reg/models/churn'))).toEqual(['versions']);
  });

  test('a registration killed while copying a file leaves no version, and the next one is version 1', async () => {
    // The model file is a FIFO: the worker blocks reading it, so it is surely mid-copy when killed.
    const directory = join(dir, 'out');
    await mkdir(directory);
    execFileSync('mkfifo', [join(directory, 'model.bin')]);
    const content = 'x'.repeat(1 << 20);
    const fileSet = fileSetOf([
      { path: 'model.bin', size: content.length, digest: digestOf(content), executable: false },
    ]);
    const worker = await startWorker(
      {
        registry: 'file:reg',
        cwd: dir,
        registrations: [{ model: 'churn', directory, fileSet, labels: {}, lineage: '{}' }],
      },
      'killed',
    );
    worker.child.stdin.end();
    // Half the content, kept open (the worker waits for the rest), until the worker's temporary blob has some.
    const fifo = await open(join(directory, 'model.bin'), 'w');
    await fifo.write(Buffer.alloc(content.length / 2, 'x'));
    await until(async () => (await tempBlobSize(join(dir, 'reg/blobs'))) > 0);
    worker.child.kill('SIGKILL');
    await worker.exited;
    await fifo.close();

    const registry = await openFileRegistry('file:reg', options);
    expect(await registry.listModels()).toEqual([]);
    await expect(registry.listVersions('churn')).rejects.toBeInstanceOf(InputError);
    expect(await readdir(join(dir, 'reg/blobs/sha256'))).toEqual([]);

    await rm(join(directory, 'model.bin'));
    await writeFile(join(directory, 'model.bin'), content);
    const next = await registry.register({ model: 'churn', directory, fileSet, labels: {}, attachments: [] });
    expect(next).toMatchObject({ created: true, version: { version: '1', contentDigest: fileSet.digest } });
  });
});

function first<T>(items: T[]): T {
  const [item] = items;
  if (item === undefined) throw new Error('expected at least one item');
  return item;
}

/** Size of the registry's temporary blob files (`blobs/.tmp-*`), 0 when there is none. */
async function tempBlobSize(blobs: string): Promise<number> {
  let size = 0;
  for (const name of await readdir(blobs).catch(() => [] as string[]))
    if (name.startsWith('.tmp-')) size += (await stat(join(blobs, name)).catch(() => ({ size: 0 }))).size;
  return size;
}

/** Waits for a condition another process brings about; the test's own timeout bounds the wait. */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
}
