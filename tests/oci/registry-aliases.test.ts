import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { InputError, ServiceError } from '../../packages/core/src/errors';
import { fileSetOf } from '../../packages/core/src/io/file-set';
import { pullArtifact } from '../../packages/core/src/oci/artifact';
import { ociMediaTypes, RegistryClient } from '../../packages/core/src/oci/client';
import { openOciRegistry } from '../../packages/core/src/registry/oci';
import {
  AliasConflict,
  type ModelRegistry,
  type PromotionRecord,
} from '../../packages/core/src/registry/registry';
import { type Intercept, startRegistry, startRegistryFront, type TestRegistry } from '../support/registry';
import { cleanEnv, digestOf, fastRetry, recordingLogger, skopeoRaw } from './helpers';

let registry: TestRegistry;
let scratch: string;

beforeAll(async () => {
  registry = await startRegistry();
  scratch = await mkdtemp(join(tmpdir(), 'mlci-oci-aliases-'));
});

afterAll(async () => {
  await registry?.close();
  await rm(scratch, { recursive: true, force: true });
});

const uri = (host = registry.host) => `oci://${host}/models`;
const open = (host = registry.host) =>
  openOciRegistry(
    uri(host),
    { cwd: scratch, env: cleanEnv(), logger: recordingLogger() },
    { retry: fastRetry },
  );
const rawClient = () => new RegistryClient({ host: registry.host, env: cleanEnv(), retry: fastRetry });

/** Model `model` with `count` versions, each one file of distinct content. */
async function modelWithVersions(model: string, count: number): Promise<ModelRegistry> {
  const models = await open();
  for (let n = 1; n <= count; n++) {
    const directory = join(scratch, `${model}-${n}`);
    await mkdir(directory, { recursive: true });
    const content = `${model} weights ${n}`;
    await writeFile(join(directory, 'model.bin'), content);
    const fileSet = fileSetOf([
      { path: 'model.bin', size: content.length, digest: digestOf(Buffer.from(content)), executable: false },
    ]);
    await models.register({ model, directory, fileSet, labels: {}, attachments: [] });
  }
  return models;
}

function move(
  model: string,
  version: string,
  previous: string | null,
  extra: Partial<PromotionRecord> = {},
): PromotionRecord {
  return {
    model,
    alias: 'production',
    version,
    previous,
    action: 'promote',
    time: '2026-12-01T10:00:00.000Z',
    tag: `v1.${version}.0`,
    pipelineUrl: 'https://ci.example/pipelines/7',
    evidence: [{ kind: 'evaluation', digest: digestOf(Buffer.from(`eval ${version}`)), status: 'passed' }],
    ...extra,
  };
}

const manifestOf = async (model: string, reference: string) =>
  JSON.parse((await skopeoRaw(registry.host, `models/${model}`, reference)).toString());

/** The alias tag's manifest digest, or undefined. */
const aliasDigest = async (model: string, alias = 'production') =>
  (await rawClient().headManifest(`models/${model}`, alias))?.digest;

describe('moves', () => {
  test('the alias tag holds a promotion manifest: record as config, the version layers, the version as subject', async () => {
    const models = await modelWithVersions('shape', 2);
    const moved = await models.moveAlias(move('shape', '2', null));
    const version = await manifestOf('shape', '2');
    const promotion = await manifestOf('shape', 'production');
    expect(promotion).toMatchObject({
      mediaType: ociMediaTypes.manifest,
      artifactType: 'application/vnd.mlci.promotion.v1',
      config: { mediaType: 'application/vnd.mlci.promotion.v1+json', digest: moved.digest },
      layers: version.layers,
      subject: {
        mediaType: ociMediaTypes.manifest,
        digest: (await models.getVersion('shape', '2')).manifestDigest,
      },
      annotations: {
        'dev.mlci.version': '2',
        'dev.mlci.alias': 'production',
        'org.opencontainers.image.created': '2026-12-01T10:00:00.000Z',
        'dev.mlci.content.digest': version.annotations['dev.mlci.content.digest'],
      },
    });
    const oci = rawClient();
    expect(JSON.parse((await oci.fetchBlob('models/shape', moved.digest)).toString())).toEqual({
      record: move('shape', '2', null),
      previousMove: null,
    });
    // It is a referrer of the version (tag-schema fallback here), not one of its attachments.
    const versionDigest = (await oci.headManifest('models/shape', '2'))?.digest as string;
    expect(
      (await oci.referrers('models/shape', versionDigest, 'application/vnd.mlci.promotion.v1')).map(
        (each) => each.digest,
      ),
    ).toEqual([await aliasDigest('shape')]);
    expect((await models.getVersion('shape', '2')).attachments).toEqual([]);
    // Pulling the alias tag gets the model files, no upload happened for them.
    const pulled = join(scratch, 'pulled-production');
    await pullArtifact(oci, 'models/shape', 'production', pulled);
    expect(await readFile(join(pulled, 'model.bin'), 'utf8')).toBe('shape weights 2');
  });

  test('history newest first, rollback recorded; listModels, getVersion, listVersions, download follow the alias', async () => {
    const models = await modelWithVersions('life', 3);
    const first = await models.moveAlias(move('life', '1', null));
    const second = await models.moveAlias(move('life', '2', '1'));
    const back = await models.moveAlias(move('life', '1', '2', { action: 'rollback' }));
    await models.moveAlias(move('life', '3', null, { alias: 'staging' }));

    const history = await models.aliasHistory('life', 'production');
    expect(history).toEqual([back, second, first]);
    expect(history.map(({ record }) => [record.action, record.previous, record.version])).toEqual([
      ['rollback', '2', '1'],
      ['promote', '1', '2'],
      ['promote', null, '1'],
    ]);
    expect((await models.aliasHistory('life', 'staging')).map((each) => each.record.version)).toEqual(['3']);

    expect((await models.listModels()).find((each) => each.name === 'life')).toEqual({
      name: 'life',
      versions: 3,
      latest: '3',
      aliases: { production: '1', staging: '3' },
    });
    expect((await models.getVersion('life', 'production')).version).toBe('1');
    expect((await models.getVersion('life', 'staging')).aliases).toEqual(['staging']);
    expect((await models.listVersions('life')).map((each) => each.aliases)).toEqual([
      ['production'],
      [],
      ['staging'],
    ]);
    const target = join(scratch, 'life-production');
    await models.download('life', 'production', target);
    expect(await readFile(join(target, 'model.bin'), 'utf8')).toBe('life weights 1');
  });

  test('a tag pointing straight at a version (by hand, earlier mlci) is an alias without history, and moves', async () => {
    const models = await modelWithVersions('legacy', 2);
    const oci = rawClient();
    const one = await oci.getManifest('models/legacy', '1');
    await oci.putManifest('models/legacy', 'production', one?.bytes as Buffer, ociMediaTypes.manifest);
    expect((await models.getVersion('legacy', 'production')).version).toBe('1');
    expect(await models.aliasHistory('legacy', 'production')).toEqual([]);
    await expect(models.moveAlias(move('legacy', '2', null))).rejects.toThrow(
      `alias 'production' of model 'legacy' in ${uri()} moved meanwhile: expected no holder, found version 1; nothing changed`,
    );
    const moved = await models.moveAlias(move('legacy', '2', '1'));
    expect(await models.aliasHistory('legacy', 'production')).toEqual([moved]);
    expect((await models.listModels()).find((each) => each.name === 'legacy')?.aliases).toEqual({
      production: '2',
    });
  });
});

describe('conflicts and bad input', () => {
  test('a move from a state the alias is not in: AliasConflict (exit 1) naming both; nothing changes', async () => {
    const models = await modelWithVersions('conflict', 3);
    await models.moveAlias(move('conflict', '1', null));
    const before = await aliasDigest('conflict');
    const failure = await models.moveAlias(move('conflict', '3', '2')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AliasConflict);
    expect((failure as AliasConflict).exitCode).toBe(1);
    expect((failure as Error).message).toBe(
      `alias 'production' of model 'conflict' in ${uri()} moved meanwhile: expected version 2, found version 1; nothing changed`,
    );
    expect(await aliasDigest('conflict')).toBe(before);
    expect(await models.aliasHistory('conflict', 'production')).toHaveLength(1);

    // A tag that holds something else than a version is no holder we can compare with.
    const oci = rawClient();
    const empty = Buffer.from('{}');
    await oci.pushBlob('models/conflict', { digest: digestOf(empty), size: 2, bytes: empty });
    const other = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: ociMediaTypes.manifest,
        config: { mediaType: ociMediaTypes.empty, digest: digestOf(empty), size: 2 },
        layers: [],
      }),
    );
    await oci.putManifest('models/conflict', 'canary', other, ociMediaTypes.manifest);
    await expect(models.moveAlias(move('conflict', '2', null, { alias: 'canary' }))).rejects.toThrow(
      `found a manifest that is not a version of the model (${digestOf(other)})`,
    );
  });

  test('unknown model or version, bad alias names: InputErrors; unknown alias history is empty', async () => {
    const models = await modelWithVersions('input', 1);
    await expect(models.moveAlias(move('input', '9', null))).rejects.toThrow(
      new InputError(`model 'input' has no version 9 in ${uri()}`),
    );
    await expect(models.moveAlias(move('absent', '1', null))).rejects.toThrow(
      new InputError(`model 'absent' has no version 1 in ${uri()}`),
    );
    for (const alias of ['Prod', '42', 'sha256-0a1b', '.x'])
      await expect(models.moveAlias(move('input', '1', null, { alias }))).rejects.toThrow(InputError);
    await expect(models.aliasHistory('absent', 'production')).rejects.toThrow(
      new InputError(`model 'absent' is not in ${uri()}`),
    );
    expect(await models.aliasHistory('input', 'production')).toEqual([]);
  });
});

describe('faults', () => {
  /** A registry front with one intercept; returns the model registry through it. */
  async function through(intercept: (request: { method: string; url: string }) => Intercept | undefined) {
    const front = await startRegistryFront(registry, { intercept });
    return { front, models: await open(front.host) };
  }

  test('the tag PUT failing: ServiceError, the alias does not move and the history has no entry', async () => {
    const direct = await modelWithVersions('tagfail', 2);
    await direct.moveAlias(move('tagfail', '1', null));
    const before = await aliasDigest('tagfail');
    const { front, models } = await through((request) =>
      request.method === 'PUT' && request.url.endsWith('/manifests/production')
        ? { kind: 'answer', status: 503 }
        : undefined,
    );
    try {
      const failure = await models.moveAlias(move('tagfail', '2', '1')).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ServiceError);
      expect((failure as Error).message).toMatch(
        new RegExp(
          `^registry ${front.host}, repository models/tagfail: cannot put manifest production after 3 attempts: .*503`,
        ),
      );
    } finally {
      await front.close();
    }
    expect(await aliasDigest('tagfail')).toBe(before);
    expect((await direct.aliasHistory('tagfail', 'production')).map((each) => each.record.version)).toEqual([
      '1',
    ]);
    expect((await direct.getVersion('tagfail', 'production')).version).toBe('1');
  });

  test('the registry stopped between the record and the alias write: nothing moved, and the move works after', async () => {
    const direct = await modelWithVersions('stopped', 2);
    await direct.moveAlias(move('stopped', '1', null));
    const before = await aliasDigest('stopped');
    const { front, models } = await through((request) =>
      request.method === 'PUT' && /\/manifests\/sha256-/.test(request.url)
        ? { kind: 'forward-then', after: () => registry.stop() }
        : undefined,
    );
    try {
      const failure = await models.moveAlias(move('stopped', '2', '1')).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ServiceError);
      expect((failure as ServiceError).exitCode).toBe(3);
      expect((failure as Error).message).toMatch(
        new RegExp(`^registry ${front.host}, repository models/stopped: `),
      );
    } finally {
      await front.close();
      await registry.restart();
    }
    expect(await aliasDigest('stopped')).toBe(before);
    expect(await direct.aliasHistory('stopped', 'production')).toHaveLength(1);
    await direct.moveAlias(move('stopped', '2', '1'));
    expect((await direct.aliasHistory('stopped', 'production')).map((each) => each.record.version)).toEqual([
      '2',
      '1',
    ]);
  });

  test('a tag PUT that landed but whose answer was lost counts as the move', async () => {
    await modelWithVersions('lost', 1);
    let failed = false;
    const { front, models } = await through((request) => {
      if (request.method !== 'PUT' || !request.url.endsWith('/manifests/production') || failed)
        return undefined;
      failed = true;
      return { kind: 'forward-then-fail', status: 400 };
    });
    try {
      const moved = await models.moveAlias(move('lost', '1', null));
      expect(failed).toBe(true);
      expect(await models.aliasHistory('lost', 'production')).toEqual([moved]);
    } finally {
      await front.close();
    }
  });

  test('credentials that may read but not write: one line naming the registry and the refusal, exit 3, unmoved', async () => {
    const direct = await modelWithVersions('readonly', 2);
    await direct.moveAlias(move('readonly', '1', null));
    const before = await aliasDigest('readonly');
    const { front, models } = await through((request) =>
      request.method === 'PUT' || request.method === 'POST' || request.method === 'PATCH'
        ? { kind: 'answer', status: 403 }
        : undefined,
    );
    try {
      expect((await models.getVersion('readonly', 'production')).version).toBe('1');
      const failure = await models.moveAlias(move('readonly', '2', '1')).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ServiceError);
      expect((failure as ServiceError).exitCode).toBe(3);
      const message = (failure as Error).message;
      expect(message).not.toContain('\n');
      expect(message).toMatch(
        new RegExp(
          `^oci://${front.host}/models: the registry refused to write alias 'production' of model 'readonly' \\(the credentials may read but not write\\); the alias did not move: registry ${front.host}, repository models/readonly: cannot push blob sha256:[0-9a-f]{64}: access denied \\(403\\)`,
        ),
      );
    } finally {
      await front.close();
    }
    expect(await aliasDigest('readonly')).toBe(before);
  });

  test('another move landing while ours is being pushed: the check before the tag PUT sees it, conflict', async () => {
    const direct = await modelWithVersions('between', 3);
    await direct.moveAlias(move('between', '1', null));
    let moved = false;
    const { front, models } = await through((request) =>
      request.method === 'PUT' && /\/manifests\/sha256-/.test(request.url) && !moved
        ? {
            kind: 'forward-then',
            after: async () => {
              moved = true;
              await direct.moveAlias(move('between', '3', '1'));
            },
          }
        : undefined,
    );
    try {
      await expect(models.moveAlias(move('between', '2', '1'))).rejects.toThrow(
        `alias 'production' of model 'between' in ${uri(front.host)} moved meanwhile: expected version 1, found version 3; nothing changed`,
      );
    } finally {
      await front.close();
    }
    expect(
      (await direct.aliasHistory('between', 'production')).map(({ record }) => [
        record.previous,
        record.version,
      ]),
    ).toEqual([
      ['1', '3'],
      [null, '1'],
    ]);
  });

  test('another writer replacing the tag right after our PUT: conflict, unless its move follows ours', async () => {
    const direct = await modelWithVersions('race', 3);
    await direct.moveAlias(move('race', '1', null));
    const oci = rawClient();
    const three = await oci.getManifest('models/race', '3');
    // Theirs did not see ours (a hand-written tag on version 3): ours is not in the history, a conflict.
    let raced = false;
    const replacing = await through((request) =>
      request.method === 'PUT' && request.url.endsWith('/manifests/production') && !raced
        ? {
            kind: 'forward-then',
            after: async () => {
              raced = true;
              await oci.putManifest(
                'models/race',
                'production',
                three?.bytes as Buffer,
                ociMediaTypes.manifest,
              );
            },
          }
        : undefined,
    );
    try {
      await expect(replacing.models.moveAlias(move('race', '2', '1'))).rejects.toThrow(
        /found another move \(sha256:[0-9a-f]{64}\) \(it replaced this move at the same moment, which is not in the history\)/,
      );
    } finally {
      await replacing.front.close();
    }
    // Theirs saw ours (a move from version 2 to 1 made right after ours): ours stays in the history.
    await direct.moveAlias(move('race', '1', '3'));
    let followed = false;
    const following = await through((request) =>
      request.method === 'PUT' && request.url.endsWith('/manifests/production') && !followed
        ? {
            kind: 'forward-then',
            after: async () => {
              followed = true;
              await direct.moveAlias(move('race', '1', '2', { action: 'rollback' }));
            },
          }
        : undefined,
    );
    try {
      const ours = await following.models.moveAlias(move('race', '2', '1'));
      const history = await direct.aliasHistory('race', 'production');
      expect(history[1]).toEqual(ours);
      expect(history[0]?.record.action).toBe('rollback');
    } finally {
      await following.front.close();
    }
  });
});
