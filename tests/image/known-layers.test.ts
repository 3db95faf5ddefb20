// A fresh runner (no local layer cache) rebuilding an image: the layers the image under the tag (or the base)
// already has, by diffId, are neither compressed nor uploaded again, against Debian's docker-registry.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { type BuildImageRequest, buildImage } from '../../packages/core/src/image/build';
import { layerMediaTypes } from '../../packages/core/src/image/compression';
import { buildLayer, type LayerSpec } from '../../packages/core/src/image/layer';
import { pushArtifact } from '../../packages/core/src/oci/artifact';
import { ociMediaTypes, RegistryClient } from '../../packages/core/src/oci/client';
import { cleanEnv, fastRetry, recordingLogger, run } from '../oci/helpers';
import { startRegistry, startRegistryFront, type TestRegistry } from '../support/registry';
import { unpackFromRegistry } from './support';

let registry: TestRegistry;
let scratch: string;
const epoch = 1_700_000_000;

beforeAll(async () => {
  registry = await startRegistry();
  scratch = await mkdtemp(join(tmpdir(), 'mlci-known-layers-'));
}, 30_000);

afterAll(async () => {
  await registry?.close();
  await rm(scratch, { recursive: true, force: true });
});

let workspaces = 0;
/** A workspace with a model (incompressible weights, compressible vocabulary) and an app script. */
async function workspace(): Promise<string> {
  const ws = join(scratch, `ws-${workspaces++}`);
  await mkdir(join(ws, 'model'), { recursive: true });
  await mkdir(join(ws, 'app'), { recursive: true });
  await writeFile(join(ws, 'model', 'weights.bin'), randomBytes(200_000));
  await writeFile(
    join(ws, 'model', 'vocab.txt'),
    Array.from({ length: 20_000 }, (_, index) => `token-${index % 977}\n`).join(''),
  );
  await writeFile(join(ws, 'app', 'serve.sh'), '#!/bin/sh\necho serving\n');
  return ws;
}

function layers(ws: string, overrides: Partial<LayerSpec> = {}): LayerSpec[] {
  const common = { workspace: ws, mtime: epoch, compression: 'gzip' as const, level: 6, ...overrides };
  return [
    { ...common, sources: [{ source: join(ws, 'model'), dest: '/model' }], createdBy: 'mlci model' },
    { ...common, sources: [{ source: join(ws, 'app'), dest: '/app' }], createdBy: 'mlci app' },
  ];
}

function request(ws: string, target: BuildImageRequest['target'], extra: Partial<BuildImageRequest> = {}) {
  return {
    base: 'scratch',
    layers: layers(ws),
    config: { entrypoint: ['/app/serve.sh'] },
    created: epoch,
    target,
    ...extra,
  } satisfies BuildImageRequest;
}

/**
 * The real layer builder on a runner with an empty `.mlci` (a new cache directory), watched: per layer,
 * whether it was compressed, told by the blob it wrote into the scratch directory (an OCI layout) or sent
 * while it was built (a registry).
 */
async function freshRunner() {
  const cacheDir = await mkdtemp(join(scratch, 'runner-'));
  const compressed: boolean[] = [];
  const logger = recordingLogger();
  return {
    compressed,
    logger,
    options: {
      env: cleanEnv(),
      logger,
      cacheFile: join(cacheDir, 'layer-cache.json'),
      tuning: { retry: fastRetry },
      buildLayer: async (spec: LayerSpec, options: Parameters<typeof buildLayer>[1]) => {
        const before = new Set(await readdir(options.scratchDir));
        const layer = await buildLayer(spec, options);
        const written = (await readdir(options.scratchDir)).filter((name) => !before.has(name));
        // A layer without a file of its own must have written none.
        expect(written).toEqual(layer.path ? [layer.descriptor.digest.slice('sha256:'.length)] : []);
        compressed.push(written.length > 0 || layer.uploaded === true);
        return layer;
      },
    },
  };
}

describe('a registry target on a fresh runner', () => {
  test('unchanged inputs: no layer compressed, only the manifest sent, the same digest; the cache is filled', async () => {
    const ws = await workspace();
    const tag = `${registry.host}/fresh/model:1`;
    const first = await freshRunner();
    const original = await buildImage(request(ws, { kind: 'registry', tags: [tag] }), first.options);
    expect(first.compressed).toEqual([true, true]);

    // Through a recording front to the same registry: every write request is seen.
    const front = await startRegistryFront(registry);
    try {
      const second = await freshRunner();
      const rebuilt = await buildImage(
        request(ws, { kind: 'registry', tags: [`${front.host}/fresh/model:1`] }),
        second.options,
      );
      expect(second.compressed).toEqual([false, false]);
      expect(rebuilt.digest).toBe(original.digest);
      expect(rebuilt.layers.map((layer) => layer.action)).toEqual(['existed', 'existed']);
      expect(rebuilt.bytesUploaded).toBe(rebuilt.size);
      const writes = front.requests.filter((each) => !['GET', 'HEAD'].includes(each.method));
      expect(writes.map((each) => `${each.method} ${each.url}`)).toEqual(['PUT /v2/fresh/model/manifests/1']);
      expect(second.logger.debugs.filter((line) => line.endsWith('; not compressed'))).toHaveLength(2);

      // The reused blobs went into this runner's cache: the next build answers from it alone.
      second.logger.debugs.length = 0;
      const third = await buildImage(request(ws, { kind: 'registry', tags: [tag] }), second.options);
      expect(third.digest).toBe(original.digest);
      expect(second.compressed).toEqual([false, false, false, false]);
      expect(second.logger.debugs.filter((line) => line.includes('unchanged ('))).toHaveLength(2);
      expect(second.logger.debugs.filter((line) => line.endsWith('; not compressed'))).toEqual([]);
    } finally {
      await front.close();
    }
  }, 60_000);

  test('blobs compressed at another level are reused by diffId: the image keeps the old digest', async () => {
    const ws = await workspace();
    const tag = `${registry.host}/level/model:1`;
    const old = await buildImage(
      request(ws, { kind: 'registry', tags: [tag] }, { layers: layers(ws, { level: 1 }) }),
      (await freshRunner()).options,
    );
    // Level 6 from nothing gives other blobs, and so another image (what a cache-less rebuild used to push).
    const elsewhere = await buildImage(
      request(ws, { kind: 'registry', tags: [`${registry.host}/level/elsewhere:1`] }),
      (await freshRunner()).options,
    );
    expect(elsewhere.layers.map((layer) => layer.diffId)).toEqual(old.layers.map((layer) => layer.diffId));
    expect(elsewhere.layers[0]?.digest).not.toBe(old.layers[0]?.digest);
    expect(elsewhere.digest).not.toBe(old.digest);

    const runner = await freshRunner();
    const rebuilt = await buildImage(request(ws, { kind: 'registry', tags: [tag] }), runner.options);
    expect(runner.compressed).toEqual([false, false]);
    expect(rebuilt.digest).toBe(old.digest);

    // Uncompressed layers asked for: the tag's gzip blobs do not match, so the tars are built.
    const plain = await freshRunner();
    const uncompressed = await buildImage(
      request(ws, { kind: 'registry', tags: [tag] }, { layers: layers(ws, { compression: 'none' }) }),
      plain.options,
    );
    expect(plain.compressed).toEqual([true, true]);
    expect(uncompressed.layers.map((layer) => layer.mediaType)).toEqual([
      layerMediaTypes.none,
      layerMediaTypes.none,
    ]);
    expect(uncompressed.layers.map((layer) => layer.digest)).toEqual(old.layers.map((layer) => layer.diffId));
  }, 60_000);

  test('a docker schema2 image under the tag: its gzip layers are the OCI ones under another name', async () => {
    const ws = await workspace();
    const first = await buildImage(
      request(ws, { kind: 'registry', tags: [`${registry.host}/v2s2/source:1`] }),
      (await freshRunner()).options,
    );
    const tag = `${registry.host}/v2s2/model:1`;
    await run('skopeo', [
      'copy',
      '--quiet',
      '--format',
      'v2s2',
      '--src-tls-verify=false',
      '--dest-tls-verify=false',
      `docker://${registry.host}/v2s2/source:1`,
      `docker://${tag}`,
    ]);
    const stored = JSON.parse(
      (await run('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${tag}`])).stdout,
    ) as { mediaType: string; layers: { mediaType: string }[] };
    expect(stored.mediaType).toBe(ociMediaTypes.dockerManifest);
    expect(stored.layers[0]?.mediaType).toBe('application/vnd.docker.image.rootfs.diff.tar.gzip');

    const runner = await freshRunner();
    const rebuilt = await buildImage(request(ws, { kind: 'registry', tags: [tag] }), runner.options);
    expect(runner.compressed).toEqual([false, false]);
    // An OCI manifest again, over the same blobs: the digest of the image first built.
    expect(rebuilt.digest).toBe(first.digest);
    expect(rebuilt.layers.map((layer) => layer.mediaType)).toEqual([
      layerMediaTypes.gzip,
      layerMediaTypes.gzip,
    ]);
  }, 60_000);

  test('a changed model: that layer is built and sent, the app layer comes from the tag', async () => {
    const ws = await workspace();
    const tag = `${registry.host}/change/model:1`;
    const first = await buildImage(
      request(ws, { kind: 'registry', tags: [tag] }),
      (await freshRunner()).options,
    );
    await writeFile(join(ws, 'model', 'weights.bin'), randomBytes(200_000));
    const runner = await freshRunner();
    const changed = await buildImage(request(ws, { kind: 'registry', tags: [tag] }), runner.options);
    expect(runner.compressed).toEqual([true, false]);
    expect(changed.layers.map((layer) => layer.action)).toEqual(['uploaded', 'existed']);
    expect(changed.layers[0]?.diffId).not.toBe(first.layers[0]?.diffId);
    expect(changed.layers[1]).toEqual({ ...first.layers[1], action: 'existed' });
    expect(changed.digest).not.toBe(first.digest);
  }, 60_000);

  test("an index under the tag: the build platform's entry is used, another platform reuses nothing", async () => {
    const ws = await workspace();
    const tag = `${registry.host}/index/model:1`;
    const first = await buildImage(
      request(ws, { kind: 'registry', tags: [tag] }),
      (await freshRunner()).options,
    );
    const client = new RegistryClient({ host: registry.host, env: cleanEnv(), retry: fastRetry });
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: ociMediaTypes.index,
        manifests: [
          {
            mediaType: first.mediaType,
            digest: first.digest,
            size: first.size,
            platform: { os: 'linux', architecture: 'amd64' },
          },
        ],
      }),
    );
    await client.putManifest('index/model', '1', index, ociMediaTypes.index);

    const amd64 = await freshRunner();
    const same = await buildImage(request(ws, { kind: 'registry', tags: [tag] }), amd64.options);
    expect(amd64.compressed).toEqual([false, false]);
    expect(same.digest).toBe(first.digest);

    // The rebuild put its manifest under the tag: the index again.
    await client.putManifest('index/model', '1', index, ociMediaTypes.index);
    const arm64 = await freshRunner();
    await buildImage(
      request(ws, { kind: 'registry', tags: [tag] }, { platform: 'linux/arm64' }),
      arm64.options,
    );
    expect(arm64.compressed).toEqual([true, true]);
    expect(arm64.logger.debugs).toContain(
      `no layers to reuse: ${registry.host}/index/model:1: the index has no linux/arm64 image`,
    );
  }, 60_000);

  test("layers equal to the base's are mounted from the base, not compressed", async () => {
    const ws = await workspace();
    const baseTag = `${registry.host}/team/base-with-model:1`;
    await buildImage(request(ws, { kind: 'registry', tags: [baseTag] }), (await freshRunner()).options);
    const runner = await freshRunner();
    const tag = `${registry.host}/other/on-base:1`;
    const result = await buildImage(
      request(ws, { kind: 'registry', tags: [tag] }, { base: baseTag, layers: layers(ws).slice(0, 1) }),
      runner.options,
    );
    expect(runner.compressed).toEqual([false]);
    expect(result.layers.map((layer) => [layer.base, layer.action])).toEqual([
      [true, 'mounted'],
      [true, 'mounted'],
      [false, 'mounted'],
    ]);
    expect(result.layers[2]?.digest).toBe(result.layers[0]?.digest);
    // The repository can serve every layer: skopeo copies the image and umoci unpacks it.
    const rootfs = await unpackFromRegistry(tag, scratch);
    expect(await readFile(join(rootfs, 'model', 'weights.bin'))).toEqual(
      await readFile(join(ws, 'model', 'weights.bin')),
    );
  }, 60_000);

  test('a tag holding an artifact, not an image, gives nothing to reuse: the layers are built', async () => {
    const ws = await workspace();
    const client = new RegistryClient({ host: registry.host, env: cleanEnv(), retry: fastRetry });
    const artifact = await pushArtifact(client, 'art/model', {
      artifactType: 'application/vnd.mlci.model.v1',
      annotations: {},
      extraLayers: [{ mediaType: 'application/octet-stream', content: Buffer.from('weights') }],
    });
    await client.putManifest('art/model', '1', artifact.bytes, artifact.descriptor.mediaType);
    const runner = await freshRunner();
    const result = await buildImage(
      request(ws, { kind: 'registry', tags: [`${registry.host}/art/model:1`] }),
      runner.options,
    );
    expect(runner.compressed).toEqual([true, true]);
    expect(result.layers.map((layer) => layer.action)).toEqual(['uploaded', 'uploaded']);
    expect(runner.logger.debugs).toContain(
      `no layers to reuse: ${registry.host}/art/model:1 is an artifact (application/vnd.mlci.model.v1), not an image`,
    );
  }, 60_000);
});

describe('a layer streamed to the registry while it is compressed', () => {
  test('goes up in PATCHes as it is made, with no file; a session the registry lost is built again into a file, with the same digest', async () => {
    const ws = await workspace();
    // Over one gzip member (4 MiB), so that the model layer comes in several pieces and PATCHes.
    await writeFile(join(ws, 'model', 'large.bin'), randomBytes(5 << 20));
    const reference = await freshRunner();
    const expected = await buildImage(
      request(ws, { kind: 'registry', tags: [`${registry.host}/streamed/reference:1`] }),
      reference.options,
    );
    expect(expected.layers.map((layer) => layer.action)).toEqual(['uploaded', 'uploaded']);

    let patches = 0;
    const front = await startRegistryFront(registry, {
      // The second PATCH of the model layer reaches the registry, but its answer is lost: the registry
      // drops the session (its state token is stale), so the chunks before it are gone.
      intercept: (each) =>
        each.method === 'PATCH' && ++patches === 2 ? { kind: 'forward-then-fail', status: 502 } : undefined,
    });
    try {
      const runner = await freshRunner();
      const options = { ...runner.options, tuning: { retry: fastRetry, chunkSize: 64 * 1024 } };
      const result = await buildImage(
        request(ws, { kind: 'registry', tags: [`${front.host}/streamed/lost:1`] }),
        options,
      );
      expect(result.digest).toBe(expected.digest);
      expect(result.layers.map((layer) => layer.action)).toEqual(['uploaded', 'uploaded']);
      expect(runner.logger.warnings).toEqual([
        expect.stringMatching(
          /went back to byte 0 of \d+ sent; building layer 'mlci model' again into a file$/,
        ),
      ]);
      // Streamed: POST, PATCH, lost PATCH, GET (session gone), POST; then the file: HEAD, POST, PATCHes, PUT.
      const methods = front.requests.map((each) => each.method);
      expect(methods.filter((method) => method === 'POST').length).toBeGreaterThanOrEqual(3);
      const rootfs = await unpackFromRegistry(`${front.host}/streamed/lost:1`, scratch);
      expect((await readFile(join(rootfs, 'model', 'weights.bin'))).length).toBe(200_000);
    } finally {
      await front.close();
    }
  }, 60_000);
});

describe('an OCI layout target on a fresh runner', () => {
  test('the image under the tag gives its layers: nothing compressed, the same digest; another tag has none', async () => {
    const ws = await workspace();
    const dir = join(scratch, 'layout');
    const first = await buildImage(
      request(ws, { kind: 'layout', dir, tag: 'v1' }),
      (await freshRunner()).options,
    );
    const runner = await freshRunner();
    const rebuilt = await buildImage(request(ws, { kind: 'layout', dir, tag: 'v1' }), runner.options);
    expect(runner.compressed).toEqual([false, false]);
    expect(rebuilt.digest).toBe(first.digest);
    expect(rebuilt.layers.map((layer) => layer.action)).toEqual(['existed', 'existed']);

    const other = await freshRunner();
    const retagged = await buildImage(request(ws, { kind: 'layout', dir, tag: 'v2' }), other.options);
    expect(other.compressed).toEqual([true, true]);
    expect(retagged.digest).toBe(first.digest);
    expect(other.logger.debugs).toContain(`no layers to reuse: oci:${dir}:v2: no image under the tag`);
  }, 60_000);
});
