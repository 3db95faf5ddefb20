import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { InputError, ServiceError } from '../../packages/core/src/errors';
import { type FileEntry, type FileSet, fileSetOf } from '../../packages/core/src/io/file-set';
import { mlciArtifactTypes, pushArtifact } from '../../packages/core/src/oci/artifact';
import { ociMediaTypes, RegistryClient } from '../../packages/core/src/oci/client';
import { openOciRegistry } from '../../packages/core/src/registry/oci';
import type {
  BackendOptions,
  NewAttachment,
  RegisterRequest,
} from '../../packages/core/src/registry/registry';
import { checkRegistrations, commits } from '../support/registrations';
import { startRegistry, startRegistryFront, type TestRegistry } from '../support/registry';
import { cleanEnv, digestOf, fastRetry, recordingLogger, skopeoRaw } from './helpers';

let registry: TestRegistry;
let scratch: string;

beforeAll(async () => {
  registry = await startRegistry();
  scratch = await mkdtemp(join(tmpdir(), 'mlci-oci-registry-'));
});

afterAll(async () => {
  await registry?.close();
  await rm(scratch, { recursive: true, force: true });
});

const options = (): BackendOptions => ({ cwd: scratch, env: cleanEnv(), logger: recordingLogger() });
const open = (host = registry.host, prefix = 'models') =>
  openOciRegistry(`oci://${host}/${prefix}`, options(), { retry: fastRetry, chunkSize: 64 * 1024 });
const rawClient = () => new RegistryClient({ host: registry.host, env: cleanEnv(), retry: fastRetry });

/** Writes files into a fresh directory and returns what train would hand to register. */
async function outputs(
  name: string,
  files: Record<string, string>,
): Promise<{ directory: string; fileSet: FileSet }> {
  const directory = join(scratch, name);
  const entries: FileEntry[] = [];
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(directory, path, '..'), { recursive: true });
    await writeFile(join(directory, path), content);
    entries.push({
      path,
      size: Buffer.byteLength(content),
      digest: digestOf(Buffer.from(content)),
      executable: false,
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

async function request(
  model: string,
  name: string,
  files: Record<string, string>,
  run: string,
): Promise<RegisterRequest> {
  return {
    model,
    ...(await outputs(name, files)),
    labels: {
      'dev.mlci.run.id': run,
      'org.opencontainers.image.created': `2026-11-27T10:00:0${run.slice(-1)}Z`,
    },
    attachments: [lineage(run)],
  };
}

describe('register and read back', () => {
  test('versions 1 and 2 for different content; the same content again is version 1 with one more lineage', async () => {
    const models = await open();
    const first = await models.register(
      await request('churn', 'a', { 'model.json': '{"w":1}', 'meta/info.txt': 'a' }, 'run-1'),
    );
    expect(first.created).toBe(true);
    expect(first.version.version).toBe('1');
    expect(first.version.attachments.map((each) => each.kind)).toEqual(['lineage']);

    const second = await models.register(await request('churn', 'b', { 'model.json': '{"w":2}' }, 'run-2'));
    expect([second.created, second.version.version]).toEqual([true, '2']);

    const again = await models.register(
      await request('churn', 'c', { 'model.json': '{"w":1}', 'meta/info.txt': 'a' }, 'run-3'),
    );
    expect(again.created).toBe(false);
    expect(again.version.version).toBe('1');
    expect(again.version.attachments.map((each) => each.annotations['dev.mlci.run.id'])).toEqual([
      'run-1',
      'run-3',
    ]);

    const versions = await models.listVersions('churn');
    expect(versions.map((each) => [each.version, each.contentDigest])).toEqual([
      ['1', first.version.contentDigest],
      ['2', second.version.contentDigest],
    ]);
    expect(versions[0]?.labels).toEqual({
      'dev.mlci.run.id': 'run-1',
      'org.opencontainers.image.created': '2026-11-27T10:00:01Z',
    });
    expect(versions[0]?.createdAt).toBe('2026-11-27T10:00:01Z');
    expect(versions[0]?.manifestDigest).toBe(first.version.manifestDigest);

    // The version is an mlci model artifact that skopeo reads under its version tag.
    const raw = JSON.parse((await skopeoRaw(registry.host, 'models/churn', '1')).toString());
    expect(raw.artifactType).toBe('application/vnd.mlci.model.v1');
    expect(raw.annotations['dev.mlci.content.digest']).toBe(first.version.contentDigest);
  });

  test('registrations: the same content from two commits is one version found from both; retries add none', async () => {
    await checkRegistrations(await open(), 'registrations', {
      same: await outputs('reg-a', { 'model.json': 'one' }),
      other: await outputs('reg-b', { 'model.json': 'one' }),
      next: await outputs('reg-c', { 'model.json': 'two' }),
    });
  });

  test('a version stored before registrations (no registration referrer) reads with the one its labels name', async () => {
    // What earlier mlci pushed: the version manifest with its labels, tagged, and no registration artifact.
    const same = await outputs('legacy', { 'model.json': 'legacy' });
    const labels = {
      'dev.mlci.run.id': 'r1',
      'org.opencontainers.image.revision': commits.first,
      'org.opencontainers.image.created': '2024-01-02T03:04:05.000Z',
    };
    const client = rawClient();
    const pushed = await pushArtifact(client, 'models/legacy', {
      artifactType: mlciArtifactTypes.model,
      directory: same.directory,
      fileSet: same.fileSet,
      annotations: labels,
    });
    await client.putManifest('models/legacy', '1', pushed.bytes, ociMediaTypes.manifest);
    const backend = await open();
    const legacy = { commit: commits.first, runId: 'r1', time: '2024-01-02T03:04:05.000Z' };
    expect((await backend.getVersion('legacy', '1')).registrations).toEqual([legacy]);
    const second = { commit: commits.second, runId: 'r2', time: '2025-01-01T00:00:00.000Z' };
    const again = await backend.register({
      model: 'legacy',
      ...same,
      labels: {},
      attachments: [],
      registration: second,
    });
    expect(again).toMatchObject({ created: false, version: { version: '1' } });
    expect(again.version.registrations).toEqual([legacy, second]);
  });

  test('attachments are readable and checked; attach adds one, the same bytes only once', async () => {
    const models = await open();
    await models.register(await request('attach', 'attach', { 'model.bin': 'weights' }, 'run-1'));
    const version = await models.getVersion('attach', '1');
    const [stored] = version.attachments;
    expect(
      JSON.parse(Buffer.from(await models.readAttachment('attach', '1', stored as never)).toString()),
    ).toEqual({ runId: 'run-1' });

    const evaluation: NewAttachment = {
      kind: 'evaluation',
      mediaType: 'application/json',
      content: Buffer.from('{"auc":0.9}'),
    };
    const added = await models.attach('attach', '1', evaluation);
    expect(await models.attach('attach', '1', evaluation)).toEqual(added);
    expect((await models.getVersion('attach', '1')).attachments.map((each) => each.kind).sort()).toEqual([
      'evaluation',
      'lineage',
    ]);

    // An attachment blob corrupted in the registry's storage is refused.
    await writeFile(registry.blobPath(added.digest), Buffer.from('{"auc":1.0}'));
    await expect(models.readAttachment('attach', '1', added)).rejects.toThrow(/does not match its digest/);
  });

  test('two attachments at the same moment, the fallback index race lost one: both read back, as versions nothing new', async () => {
    const direct = await open();
    await direct.register(await request('concurrent', 'concurrent', { 'model.bin': 'weights' }, 'run-1'));
    const evidence = (kind: string): NewAttachment => ({
      kind,
      mediaType: 'application/json',
      content: Buffer.from(`{"${kind}":1}`),
    });
    // Once writer X has pushed its attachment manifest, the front holds the answer to X's next read of the
    // fallback index until writer Y's whole attach (read, write, read-back) is done: X's index, written from
    // the older read, lacks Y's entry.
    let pushed = false;
    let interleaved = false;
    const front = await startRegistryFront(registry, {
      intercept: (request) => {
        if (request.method === 'PUT' && /\/manifests\/sha256(:|%3A)/i.test(request.url)) pushed = true;
        return request.method === 'GET' &&
          /\/manifests\/sha256-[0-9a-f]{64}$/.test(request.url) &&
          pushed &&
          !interleaved
          ? {
              kind: 'forward-then',
              after: async () => {
                interleaved = true;
                await direct.attach('concurrent', '1', evidence('evaluation'));
              },
            }
          : undefined;
      },
    });
    try {
      await (await open(front.host)).attach('concurrent', '1', evidence('validation'));
    } finally {
      await front.close();
    }
    expect(interleaved).toBe(true);
    const read = await direct.getVersion('concurrent', '1');
    expect(read.attachments.map((each) => each.kind).sort()).toEqual(['evaluation', 'lineage', 'validation']);
    expect((await direct.listVersions('concurrent'))[0]?.attachments).toHaveLength(3);
    // The attachments' own tags are neither versions nor aliases.
    expect(read.aliases).toEqual([]);
    expect((await direct.listModels()).find((each) => each.name === 'concurrent')).toEqual({
      name: 'concurrent',
      versions: 1,
      latest: '1',
      aliases: {},
    });
  });

  test('download writes the files, each checked', async () => {
    const models = await open();
    const files = { 'model.json': '{"w":[1,2,3]}', 'nested/deep/vocab.txt': 'a\nb\n' };
    await models.register(await request('download', 'download', files, 'run-1'));
    const target = join(scratch, 'downloaded');
    await models.download('download', '1', target);
    for (const [path, content] of Object.entries(files))
      expect(await readFile(join(target, path), 'utf8')).toBe(content);
  });

  test('unknown versions and models are InputErrors; bad names too', async () => {
    const models = await open();
    await models.register(await request('known', 'known', { 'm.bin': 'x' }, 'run-1'));
    await expect(models.getVersion('known', '7')).rejects.toThrow(
      new InputError(`model 'known' has no version 7 in oci://${registry.host}/models`),
    );
    // `latest` is the newest version, not a tag.
    expect((await models.getVersion('known', 'latest')).version).toBe('1');
    await expect(models.getVersion('unknown', 'latest')).rejects.toThrow(
      new InputError(`model 'unknown' has no versions (so no 'latest') in oci://${registry.host}/models`),
    );
    await expect(models.getVersion('unknown', '1')).rejects.toThrow(InputError);
    await expect(models.listVersions('unknown')).rejects.toThrow(
      new InputError(`model 'unknown' is not in oci://${registry.host}/models`),
    );
    await expect(models.listVersions('Bad Name')).rejects.toThrow(/model name 'Bad Name'/);
  });
});

describe('models, aliases', () => {
  test('listModels reads the catalog under the prefix, with version counts and alias tags', async () => {
    const models = await open(registry.host, 'team/listed');
    await models.register(await request('alpha', 'l-a1', { 'm.bin': 'a1' }, 'run-1'));
    await models.register(await request('alpha', 'l-a2', { 'm.bin': 'a2' }, 'run-2'));
    await models.register(await request('beta', 'l-b1', { 'm.bin': 'b1' }, 'run-3'));
    // Not models of this prefix: another prefix, and a repository without version tags (a run cache).
    await (await open(registry.host, 'team/other')).register(
      await request('gamma', 'l-g', { 'm.bin': 'g' }, 'run-4'),
    );
    const oci = rawClient();
    const empty = Buffer.from('{}');
    await oci.pushBlob('team/listed/cache', { digest: digestOf(empty), size: 2, bytes: empty });
    await oci.putManifest(
      'team/listed/cache',
      'a'.repeat(64),
      Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: ociMediaTypes.manifest,
          config: { mediaType: ociMediaTypes.empty, digest: digestOf(empty), size: 2 },
          layers: [],
        }),
      ),
      ociMediaTypes.manifest,
    );
    // promote will write aliases as tags: one on alpha's version 1.
    const alpha1 = await oci.getManifest('team/listed/alpha', '1');
    await oci.putManifest('team/listed/alpha', 'production', alpha1?.bytes as Buffer, ociMediaTypes.manifest);

    expect(await models.listModels()).toEqual([
      { name: 'alpha', versions: 2, latest: '2', aliases: { production: '1' } },
      { name: 'beta', versions: 1, latest: '1', aliases: {} },
    ]);
    expect((await models.getVersion('alpha', '1')).aliases).toEqual(['production']);
    expect((await models.listVersions('alpha')).map((each) => each.aliases)).toEqual([['production'], []]);
    // An alias stands for its version wherever a version is taken.
    expect((await models.getVersion('alpha', 'production')).version).toBe('1');
    await expect(models.getVersion('alpha', 'canary')).rejects.toThrow(
      new InputError(`model 'alpha' has no version or alias 'canary' in oci://${registry.host}/team/listed`),
    );
  });
});

describe('faults', () => {
  test('the registry stopped: retries, then a ServiceError naming the host; nothing registered', async () => {
    const models = await open();
    const input = await request('stopped', 'stopped', { 'm.bin': 'never registered' }, 'run-1');
    await registry.stop();
    try {
      const failure = await models.register(input).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ServiceError);
      expect((failure as ServiceError).exitCode).toBe(3);
      expect((failure as Error).message).toMatch(
        new RegExp(
          `^registry ${registry.host}, repository models/stopped: .* after 3 attempts: ECONNREFUSED$`,
        ),
      );
    } finally {
      await registry.restart();
    }
    await expect(models.listVersions('stopped')).rejects.toThrow(InputError);
  });

  test('a failure after the blobs and manifest but before the tag leaves no version visible', async () => {
    // The attachment's referrers index is written just before the version tag: make it fail.
    const front = await startRegistryFront(registry, {
      intercept: (request) =>
        request.method === 'PUT' && /\/manifests\/sha256-/.test(request.url)
          ? { kind: 'answer', status: 503 }
          : undefined,
    });
    try {
      const failure = await (await open(front.host))
        .register(await request('halfway', 'halfway', { 'm.bin': 'halfway' }, 'run-1'))
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ServiceError);
      expect((failure as Error).message).toContain('503');
    } finally {
      await front.close();
    }
    const tags = await rawClient().listTags('models/halfway');
    expect(tags.filter((tag) => /^[0-9]+$/.test(tag))).toEqual([]);
    await expect((await open()).listVersions('halfway')).rejects.toThrow(InputError);
  });

  test('another writer taking the number between our tag write and its read-back: we take the next number', async () => {
    // The other writer found tag 1 free too, and its PUT lands right after ours.
    const theirs = await request('race', 'race-theirs', { 'm.bin': 'theirs' }, 'run-1');
    const oci = rawClient();
    const theirManifest = await pushArtifact(oci, 'models/race', {
      artifactType: mlciArtifactTypes.model,
      directory: theirs.directory,
      fileSet: theirs.fileSet,
      annotations: theirs.labels,
    });
    let raced = false;
    const front = await startRegistryFront(registry, {
      intercept: (request) =>
        request.method === 'PUT' && request.url.endsWith('/models/race/manifests/1') && !raced
          ? {
              kind: 'forward-then',
              after: async () => {
                raced = true;
                await oci.putManifest('models/race', '1', theirManifest.bytes, ociMediaTypes.manifest);
              },
            }
          : undefined,
    });
    const ours = await request('race', 'race-ours', { 'm.bin': 'ours' }, 'run-2');
    try {
      const outcome = await (await open(front.host)).register(ours);
      expect(raced).toBe(true);
      expect([outcome.created, outcome.version.version]).toEqual([true, '2']);
    } finally {
      await front.close();
    }
    const versions = await (await open()).listVersions('race');
    expect(versions.map((each) => [each.version, each.contentDigest])).toEqual([
      ['1', theirs.fileSet.digest],
      ['2', ours.fileSet.digest],
    ]);
  });

  test('a model file corrupted in the registry storage: download fails and writes nothing', async () => {
    const models = await open();
    const input = await request('corrupt', 'corrupt', { 'model.bin': 'the real weights' }, 'run-1');
    await models.register(input);
    await writeFile(registry.blobPath((input.fileSet.files[0] as FileEntry).digest), 'the fake weights');
    const target = join(scratch, 'corrupt-download');
    await expect(models.download('corrupt', '1', target)).rejects.toThrow(ServiceError);
    await expect(stat(join(target, 'model.bin'))).rejects.toThrow();
  });
});
