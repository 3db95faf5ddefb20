import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { InputError, ServiceError } from '../../packages/core/src/errors';
import { type FileEntry, type FileSet, fileSetOf } from '../../packages/core/src/io/file-set';
import { openMlflowRegistry } from '../../packages/core/src/registry/mlflow';
import { openRegistry } from '../../packages/core/src/registry/open';
import {
  AliasConflict,
  type ModelRegistry,
  type NewAttachment,
  type PromotionRecord,
  type RegisterRequest,
} from '../../packages/core/src/registry/registry';
import { cleanEnv, digestOf, fastRetry, recordingLogger } from '../oci/helpers';
import { FakeMlflow } from '../support/fake-mlflow';
import { checkRegistrations, commits } from '../support/registrations';

let scratch: string;
const servers: FakeMlflow[] = [];

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mlci-mlflow-registry-'));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

type Flavor = 'mlflow' | 'gitlab';

async function start(flavor: Flavor): Promise<{ server: FakeMlflow; registry: ModelRegistry }> {
  const server = await new FakeMlflow(
    flavor === 'gitlab' ? { gitlab: true, pathPrefix: '/api/v4/projects/42/ml/mlflow' } : {},
  ).start();
  server.requireToken('secret-token');
  servers.push(server);
  const registry = await openMlflowRegistry(
    server.trackingUri,
    { cwd: scratch, env: cleanEnv({ MLFLOW_TRACKING_TOKEN: 'secret-token' }), logger: recordingLogger() },
    { retry: fastRetry, timeoutMs: 5000 },
  );
  return { server, registry };
}

let outputsMade = 0;
async function outputs(files: Record<string, string>): Promise<{ directory: string; fileSet: FileSet }> {
  const directory = join(scratch, `out-${++outputsMade}`);
  const entries: FileEntry[] = [];
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(directory, path, '..'), { recursive: true });
    await writeFile(join(directory, path), content, { mode: path.endsWith('.sh') ? 0o755 : 0o644 });
    entries.push({
      path,
      size: Buffer.byteLength(content),
      digest: digestOf(Buffer.from(content)),
      executable: path.endsWith('.sh'),
    });
  }
  return { directory, fileSet: fileSetOf(entries) };
}

const lineage = (run: string): NewAttachment => ({
  kind: 'lineage',
  mediaType: 'application/vnd.mlci.run.v1+json',
  content: Buffer.from(JSON.stringify({ runId: run })),
  annotations: { 'dev.mlci.run.id': run },
});

async function request(model: string, files: Record<string, string>, run: string): Promise<RegisterRequest> {
  return {
    model,
    ...(await outputs(files)),
    labels: { 'dev.mlci.run.id': run, 'org.opencontainers.image.created': '2026-11-27T10:00:00Z' },
    attachments: [lineage(run)],
  };
}

const record = (over: Partial<PromotionRecord>): PromotionRecord => ({
  model: 'churn',
  alias: 'production',
  version: '1',
  previous: null,
  action: 'promote',
  time: '2026-11-28T09:00:00Z',
  tag: 'v1.0.0',
  evidence: [{ kind: 'evaluation', digest: `sha256:${'a'.repeat(64)}`, status: 'passed' }],
  ...over,
});

describe.each<Flavor>(['mlflow', 'gitlab'])('%s registry contract', (flavor) => {
  test('register twice gives one version; files, labels and attachments read back verified', async () => {
    const { registry } = await start(flavor);
    const files = { 'model.json': '{"w":[1,2]}', 'bin/serve.sh': '#!/bin/sh\necho hi\n' };
    const first = await registry.register(await request('churn', files, 'run-1'));
    expect(first.created).toBe(true);
    expect(first.version.version).toBe('1');
    const again = await registry.register(await request('churn', files, 'run-2'));
    expect(again.created).toBe(false);
    expect(again.version.version).toBe('1');
    // The reproduced run's lineage is added to the existing version.
    expect(again.version.attachments.map((each) => each.annotations['dev.mlci.run.id']).sort()).toEqual([
      'run-1',
      'run-2',
    ]);
    const other = await registry.register(await request('churn', { 'model.json': '{"w":[3]}' }, 'run-3'));
    expect(other.version.version).toBe('2');

    const read = await registry.getVersion('churn', '1');
    expect(read.contentDigest).toBe(first.version.contentDigest);
    expect(read.labels['dev.mlci.run.id']).toBe('run-1');
    expect(read.files.map((file) => file.path)).toEqual(['bin/serve.sh', 'model.json']);
    expect((await registry.listVersions('churn')).map((each) => each.version)).toEqual(['1', '2']);
    expect(await registry.listModels()).toEqual([{ name: 'churn', versions: 2, latest: '2', aliases: {} }]);

    const attached = await registry.attach('churn', '1', {
      kind: 'evaluation',
      mediaType: 'application/json',
      content: Buffer.from('{"auc":0.9}'),
    });
    expect(
      await registry.attach('churn', '1', {
        kind: 'evaluation',
        mediaType: 'application/json',
        content: Buffer.from('{"auc":0.9}'),
      }),
    ).toEqual(attached);
    const withEvaluation = await registry.getVersion('churn', '1');
    const evaluation = withEvaluation.attachments.find((each) => each.kind === 'evaluation');
    expect(evaluation?.digest).toBe(attached.digest);
    expect(Buffer.from(await registry.readAttachment('churn', '1', attached)).toString()).toBe('{"auc":0.9}');

    const target = join(scratch, `download-${flavor}`);
    await registry.download('churn', '1', target);
    expect(await readFile(join(target, 'model.json'), 'utf8')).toBe('{"w":[1,2]}');
    expect((await stat(join(target, 'bin/serve.sh'))).mode & 0o100).toBe(0o100);
  });

  test('registrations: the same content from two commits is one version found from both; retries add none', async () => {
    const { registry } = await start(flavor);
    await checkRegistrations(registry, 'churn', {
      same: await outputs({ 'model.json': 'one' }),
      other: await outputs({ 'model.json': 'one' }),
      next: await outputs({ 'model.json': 'two' }),
    });
  });

  test('a version stored before registrations reads with the one its labels name, and keeps it', async () => {
    const { server, registry } = await start(flavor);
    const same = await outputs({ 'model.json': 'one' });
    const labels = {
      'dev.mlci.run.id': 'r1',
      'org.opencontainers.image.revision': commits.first,
      'org.opencontainers.image.created': '2024-01-02T03:04:05.000Z',
    };
    await registry.register({ model: 'churn', ...same, labels, attachments: [] });
    // What earlier mlci stored: no registration attachment (a tag in MLflow, a file in GitLab's package).
    for (const version of server.models.get('churn')?.versions.values() ?? [])
      for (const key of Object.keys(version.tags))
        if (key.startsWith('mlci.attachment.registration.')) delete version.tags[key];
    for (const path of [...server.artifacts.keys()])
      if (path.includes('mlci-attachment-registration-')) server.artifacts.delete(path);
    const legacy = { commit: commits.first, runId: 'r1', time: '2024-01-02T03:04:05.000Z' };
    expect((await registry.getVersion('churn', '1')).registrations).toEqual([legacy]);
    const second = { commit: commits.second, runId: 'r2', time: '2025-01-01T00:00:00.000Z' };
    const again = await registry.register({
      model: 'churn',
      ...same,
      labels: {},
      attachments: [],
      registration: second,
    });
    expect(again.version.registrations).toEqual([legacy, second]);
  });

  test('moveAlias and aliasHistory: promote, promote, rollback; a stale previous is AliasConflict', async () => {
    const { registry } = await start(flavor);
    await registry.register(await request('churn', { 'm.json': '1' }, 'r1'));
    await registry.register(await request('churn', { 'm.json': '2' }, 'r2'));
    expect(await registry.aliasHistory('churn', 'production')).toEqual([]);

    const first = await registry.moveAlias(record({ version: '1', previous: null }));
    const second = await registry.moveAlias(record({ version: '2', previous: '1', tag: 'v2.0.0' }));
    await expect(registry.moveAlias(record({ version: '1', previous: '1' }))).rejects.toBeInstanceOf(
      AliasConflict,
    );
    const rollback = await registry.moveAlias(record({ version: '1', previous: '2', action: 'rollback' }));

    expect((await registry.getVersion('churn', 'production')).version).toBe('1');
    expect((await registry.getVersion('churn', '1')).aliases).toEqual(['production']);
    expect((await registry.listModels())[0]?.aliases).toEqual({ production: '1' });
    const history = await registry.aliasHistory('churn', 'production');
    expect(history.map((move) => [move.record.action, move.record.version, move.record.previous])).toEqual([
      ['rollback', '1', '2'],
      ['promote', '2', '1'],
      ['promote', '1', null],
    ]);
    expect(history.map((move) => move.digest)).toEqual([rollback.digest, second.digest, first.digest]);
    expect(history[1]?.record.tag).toBe('v2.0.0');
  });

  test('unknown model, version or alias and bad names are InputError', async () => {
    const { registry } = await start(flavor);
    await registry.register(await request('churn', { 'm.json': 'x' }, 'r1'));
    await expect(registry.getVersion('nope', '1')).rejects.toBeInstanceOf(InputError);
    await expect(registry.getVersion('churn', '7')).rejects.toThrow("model 'churn' has no version 7");
    await expect(registry.getVersion('churn', 'staging')).rejects.toThrow("version or alias 'staging'");
    await expect(registry.listVersions('nope')).rejects.toBeInstanceOf(InputError);
    await expect(registry.aliasHistory('nope', 'production')).rejects.toBeInstanceOf(InputError);
    await expect(registry.moveAlias(record({ version: '9' }))).rejects.toBeInstanceOf(InputError);
    await expect(registry.moveAlias(record({ alias: 'latest' }))).rejects.toBeInstanceOf(InputError);
    await expect(registry.register(await request('Bad Name', { 'm.json': 'x' }, 'r'))).rejects.toBeInstanceOf(
      InputError,
    );
  });

  test('a server that keeps failing is ServiceError (exit 3) after the retries', async () => {
    const { server, registry } = await start(flavor);
    server.failNext(3, 503);
    const failure = registry.listModels();
    await expect(failure).rejects.toBeInstanceOf(ServiceError);
    await expect(failure).rejects.toMatchObject({ exitCode: 3 });
    // Three attempts (one and two retries), then nothing more.
    expect(server.requests.filter((each) => each.status === 503)).toHaveLength(3);
  });

  test('a corrupted file is refused on download', async () => {
    const { server, registry } = await start(flavor);
    await registry.register(await request('churn', { 'm.json': 'original' }, 'r1'));
    const key = [...server.artifacts.keys()].find((path) =>
      flavor === 'mlflow'
        ? path.endsWith('/files/m.json')
        : path.endsWith(digestOf(Buffer.from('original')).slice(7)),
    ) as string;
    server.artifacts.set(key, Buffer.from('tampered'));
    const target = join(scratch, `tampered-${flavor}`);
    await expect(registry.download('churn', '1', target)).rejects.toThrow(/does not match its digest/);
    await expect(stat(join(target, 'm.json'))).rejects.toThrow();
  });
});

describe('MLflow specifics', () => {
  test('documented shapes: source under the artifact proxy, tags on the version, alias and record tag', async () => {
    const { server, registry } = await start('mlflow');
    const registered = await registry.register(await request('churn', { 'm.json': 'x' }, 'r1'));
    const version = server.models.get('churn')?.versions[0];
    expect(version?.source).toBe(
      `mlflow-artifacts:/mlci/churn/versions/${registered.version.contentDigest.slice(7)}`,
    );
    expect(version?.tags['mlci.content.digest']).toBe(registered.version.contentDigest);
    expect(version?.tags['dev.mlci.run.id']).toBe('r1');
    // The version is created in one request that carries all its tags, after its files are uploaded.
    const creates = server.requests.filter((each) => each.endpoint === 'model-versions/create');
    expect(creates).toHaveLength(1);
    expect(server.requests.at(-1)).toBe(creates[0]);
    // file, list, lineage, registration
    expect(server.requests.filter((each) => each.method === 'PUT')).toHaveLength(4);
    expect(Object.keys(version?.tags ?? {}).filter((key) => key.startsWith('mlci.attachment.'))).toEqual([
      expect.stringMatching(/^mlci\.attachment\.lineage\./),
      expect.stringMatching(/^mlci\.attachment\.registration\./),
    ]);
    const move = await registry.moveAlias(record({ version: '1' }));
    expect(server.models.get('churn')?.aliases.get('production')).toBe('1');
    expect(server.models.get('churn')?.tags['mlci.alias.production.record']).toBe(move.digest);
  });

  test('an alias moved by another writer between the check and the read back is AliasConflict', async () => {
    const { server, registry } = await start('mlflow');
    await registry.register(await request('churn', { 'm.json': '1' }, 'r1'));
    await registry.register(await request('churn', { 'm.json': '2' }, 'r2'));
    server.beforeNext('registered-models/set-tag', () => {
      server.models.get('churn')?.aliases.set('production', '2');
    });
    await expect(registry.moveAlias(record({ version: '1' }))).rejects.toBeInstanceOf(AliasConflict);
  });

  test('openRegistry takes mlflow+http:// URIs; a GitLab endpoint path selects the GitLab flavor', async () => {
    const server = await new FakeMlflow({
      gitlab: true,
      pathPrefix: '/api/v4/projects/42/ml/mlflow',
    }).start();
    servers.push(server);
    const options = { cwd: scratch, env: cleanEnv(), logger: recordingLogger() };
    const registry = await openRegistry(server.trackingUri, options);
    await registry.register(await request('churn', { 'm.json': 'x' }, 'r1'));
    // GitLab's semantic version for mlci version 1.
    expect(server.models.get('churn')?.versions[0]?.semver).toBe('1.0.0');
    const byProject = await openRegistry(
      server.trackingUri
        .replace('mlflow+http', 'gitlab+http')
        .replace('/api/v4/projects/42/ml/mlflow', '/42'),
      options,
    );
    expect((await byProject.getVersion('churn', '1')).version).toBe('1');
  });
});

describe('GitLab specifics', () => {
  test('versions N.0.0, files flat in the package, aliases in the model description', async () => {
    const { server, registry } = await start('gitlab');
    const registered = await registry.register(await request('churn', { 'dir/m.json': 'x' }, 'r1'));
    await registry.register(await request('churn', { 'dir/m.json': 'y' }, 'r2'));
    const versions = server.models.get('churn')?.versions ?? [];
    expect(versions.map((each) => each.semver)).toEqual(['1.0.0', '2.0.0']);
    const id = versions[0]?.version;
    expect(server.artifacts.has(`${id}/mlci-files.json`)).toBe(true);
    expect(server.artifacts.has(`${id}/sha256-${registered.version.files[0]?.digest.slice(7)}`)).toBe(true);
    await registry.moveAlias(record({ version: '2' }));
    const description = server.models.get('churn')?.description ?? '';
    expect(description).toMatch(
      /^mlci-aliases: \{"production":\{"version":"2","record":"sha256:[0-9a-f]{64}"\}\}$/,
    );
    // Only endpoints GitLab documents were called (the fake answers others ENDPOINT_NOT_FOUND).
    const called = new Set(server.requests.map((each) => `${each.method} ${each.endpoint}`));
    called.forEach((each) => {
      if (!each.endsWith(' undefined'))
        expect([
          'POST registered-models/create',
          'GET registered-models/get',
          'PATCH registered-models/update',
          'POST registered-models/get-latest-versions',
          'POST model-versions/create',
          'GET model-versions/get',
          'GET runs/get',
        ]).toContain(each);
    });
  });

  test('a registration that stopped before its file list is skipped, and the next takes the next number', async () => {
    const { server, registry } = await start('gitlab');
    await registry.register(await request('churn', { 'm.json': '1' }, 'r1'));
    // Another job created 2.0.0 and died before uploading its files.
    const model = server.models.get('churn');
    model?.versions.push({
      name: 'churn',
      version: '999',
      semver: '2.0.0',
      creation_timestamp: Date.now(),
      source: '',
      run_id: 'none',
      description: '',
      tags: { 'mlci.content.digest': `sha256:${'b'.repeat(64)}` },
    });
    expect((await registry.listVersions('churn')).map((each) => each.version)).toEqual(['1']);
    const next = await registry.register(await request('churn', { 'm.json': '3' }, 'r3'));
    expect(next.version.version).toBe('3');
  });
});
