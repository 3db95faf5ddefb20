import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ExitCode, InputError, ServiceError } from '../../packages/core/src/errors';
import { type BuildImageRequest, buildImage } from '../../packages/core/src/image/build';
import type { LayerSpec } from '../../packages/core/src/image/layer';
import { pushArtifact } from '../../packages/core/src/oci/artifact';
import { RegistryClient } from '../../packages/core/src/oci/client';
import { cleanEnv, fastRetry, recordingLogger, run } from '../oci/helpers';
import { startRegistry, startRegistryFront, type TestRegistry } from '../support/registry';
import {
  modeOf,
  skopeoPush,
  systemTarLayers,
  unpackFromRegistry,
  unpackLayout,
  writeBaseLayout,
} from './support';

let registry: TestRegistry;
let scratch: string;
let workspace: string;
let baseLayout: string;
let multiLayout: string;

const epoch = 1_700_000_000;

beforeAll(async () => {
  registry = await startRegistry();
  scratch = await mkdtemp(join(tmpdir(), 'mlci-image-build-'));
  workspace = join(scratch, 'workspace');
  await mkdir(join(workspace, 'model'), { recursive: true });
  await mkdir(join(workspace, 'app'), { recursive: true });
  await writeFile(join(workspace, 'model', 'weights.bin'), randomBytes(150_000));
  await writeFile(join(workspace, 'model', 'meta.json'), '{"version":1}\n');
  await writeFile(join(workspace, 'app', 'serve.sh'), '#!/bin/sh\necho serving\n');
  await chmod(join(workspace, 'app', 'serve.sh'), 0o755);
  baseLayout = join(scratch, 'base-layout');
  await writeBaseLayout(baseLayout, 'v1', [
    {
      os: 'linux',
      architecture: 'amd64',
      files: { 'etc/base-release': 'base 1\n', 'bin/tool': '#!/bin/sh\n' },
      env: ['PATH=/usr/bin:/bin', 'LANG=C'],
      cmd: ['/bin/sh', '-c', 'base'],
      labels: { 'base.label': 'kept', 'shared.label': 'from-base' },
    },
  ]);
  await skopeoPush(baseLayout, 'v1', `${registry.host}/library/base:1`);
  multiLayout = join(scratch, 'multi-layout');
  await writeBaseLayout(multiLayout, 'multi', [
    { os: 'linux', architecture: 'amd64', files: { 'etc/arch': 'amd64\n' } },
    { os: 'linux', architecture: 'arm64', variant: 'v8', files: { 'etc/arch': 'arm64\n' } },
  ]);
  await skopeoPush(multiLayout, 'multi', `${registry.host}/library/multi:1`);
}, 60_000);

afterAll(async () => {
  await registry?.close();
  await rm(scratch, { recursive: true, force: true });
});

function layers(): LayerSpec[] {
  const common = { workspace, mtime: epoch, compression: 'gzip' as const, level: 6 };
  return [
    { ...common, sources: [{ source: join(workspace, 'model'), dest: '/model' }], createdBy: 'mlci model' },
    { ...common, sources: [{ source: join(workspace, 'app'), dest: '/app' }], createdBy: 'mlci app' },
  ];
}

function request(overrides: Partial<BuildImageRequest> = {}): BuildImageRequest {
  return {
    base: `${registry.host}/library/base:1`,
    layers: layers(),
    config: {
      entrypoint: ['/app/serve.sh'],
      env: ['LANG=C.UTF-8', 'MODEL_DIR=/model'],
      workdir: '/app',
      user: '1000:1000',
      labels: { 'org.opencontainers.image.revision': 'abc123', 'shared.label': 'from-build' },
    },
    annotations: { 'org.opencontainers.image.revision': 'abc123', 'dev.mlci.model.digest': 'sha256:00' },
    created: epoch,
    target: { kind: 'registry', tags: [`${registry.host}/team/model:1`] },
    ...overrides,
  };
}

function options(extra: { host?: string } = {}) {
  const layerBuilder = systemTarLayers();
  return {
    layerBuilder,
    options: {
      env: cleanEnv(),
      logger: recordingLogger(),
      cacheFile: join(scratch, 'layer-cache.json'),
      tuning: { retry: fastRetry, chunkSize: 64 * 1024 },
      buildLayer: layerBuilder.build,
      ...extra,
    },
  };
}

async function skopeoJson(args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run('skopeo', ['inspect', '--tls-verify=false', ...args]);
  return JSON.parse(stdout) as Record<string, unknown>;
}

async function thrown(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

describe('build and push onto a base pushed by skopeo', () => {
  test('the files, modes, entrypoint, env, labels and annotations are what was asked; the base layer is mounted', async () => {
    const { options: buildOptions } = options();
    const result = await buildImage(request(), buildOptions);

    expect(result.references).toEqual([`${registry.host}/team/model:1`]);
    expect(result.layers.map((layer) => [layer.base, layer.action])).toEqual([
      [true, 'mounted'],
      [false, 'uploaded'],
      [false, 'uploaded'],
    ]);
    const raw = await skopeoJson(['--raw', `docker://${registry.host}/team/model:1`]);
    expect(raw.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    const annotations = raw.annotations as Record<string, string>;
    expect(annotations['org.opencontainers.image.revision']).toBe('abc123');
    expect(annotations['org.opencontainers.image.base.name']).toBe(`${registry.host}/library/base:1`);
    expect(annotations['org.opencontainers.image.base.digest']).toBe(result.base?.digest);
    const { stdout: digestOut } = await run('skopeo', [
      'inspect',
      '--tls-verify=false',
      '--format',
      '{{.Digest}}',
      `docker://${registry.host}/team/model:1`,
    ]);
    expect(digestOut.trim()).toBe(result.digest);

    const config = await skopeoJson(['--config', `docker://${registry.host}/team/model:1`]);
    const container = config.config as Record<string, unknown>;
    expect(container.Entrypoint).toEqual(['/app/serve.sh']);
    // docker's rule: a new entrypoint clears the base's Cmd.
    expect(container.Cmd).toBeUndefined();
    expect(container.Env).toEqual(['PATH=/usr/bin:/bin', 'LANG=C.UTF-8', 'MODEL_DIR=/model']);
    expect(container.WorkingDir).toBe('/app');
    expect(container.User).toBe('1000:1000');
    expect(container.Labels).toEqual({
      'base.label': 'kept',
      'shared.label': 'from-build',
      'org.opencontainers.image.revision': 'abc123',
    });
    expect(config.created).toBe('2023-11-14T22:13:20Z');
    expect((config.rootfs as { diff_ids: string[] }).diff_ids).toEqual(result.layers.map((l) => l.diffId));
    expect((config.history as { created_by: string }[]).map((entry) => entry.created_by)).toEqual([
      'python tarfile',
      'mlci model',
      'mlci app',
    ]);

    const rootfs = await unpackFromRegistry(`${registry.host}/team/model:1`, scratch);
    expect(await readFile(join(rootfs, 'etc', 'base-release'), 'utf8')).toBe('base 1\n');
    expect(await readFile(join(rootfs, 'model', 'meta.json'), 'utf8')).toBe('{"version":1}\n');
    expect((await readFile(join(rootfs, 'model', 'weights.bin'))).length).toBe(150_000);
    expect(await modeOf(join(rootfs, 'app', 'serve.sh'))).toBe(0o755);
  }, 60_000);

  test('the same inputs give the same digest; a rebuild sends only the manifest, a changed label only config and manifest', async () => {
    const first = await buildImage(request(), options().options);
    const again = options();
    const second = await buildImage(request(), again.options);
    expect(second.digest).toBe(first.digest);
    expect(second.layers.map((layer) => layer.action)).toEqual(['existed', 'existed', 'existed']);
    expect(second.bytesUploaded).toBe(second.size);

    const relabeled = await buildImage(
      request({ config: { ...request().config, labels: { 'org.opencontainers.image.revision': 'def456' } } }),
      options().options,
    );
    expect(relabeled.digest).not.toBe(first.digest);
    expect(relabeled.layers.map((layer) => layer.action)).toEqual(['existed', 'existed', 'existed']);
    const { stdout } = await run('skopeo', [
      'inspect',
      '--tls-verify=false',
      '--raw',
      `docker://${registry.host}/team/model:1`,
    ]);
    const configSize = (JSON.parse(stdout) as { config: { size: number } }).config.size;
    expect(relabeled.bytesUploaded).toBe(configSize + relabeled.size);
  }, 60_000);

  test('tags in two repositories of the registry name the same manifest', async () => {
    const result = await buildImage(
      request({
        target: {
          kind: 'registry',
          tags: [`${registry.host}/team/model:two`, `${registry.host}/mirror/model:two`],
        },
      }),
      options().options,
    );
    for (const reference of result.references) {
      const { stdout } = await run('skopeo', [
        'inspect',
        '--tls-verify=false',
        '--format',
        '{{.Digest}}',
        `docker://${reference}`,
      ]);
      expect(stdout.trim()).toBe(result.digest);
    }
    // The mirror repository can serve every layer (skopeo would fail on a missing blob).
    const rootfs = await unpackFromRegistry(`${registry.host}/mirror/model:two`, scratch);
    expect(await readFile(join(rootfs, 'etc', 'base-release'), 'utf8')).toBe('base 1\n');
  }, 60_000);
});

describe('with the real layer builder', () => {
  test('pushed and written to a layout with the same digest; a rebuild uploads no layer; umoci sees the files', async () => {
    const cacheDir = await mkdtemp(join(scratch, 'cache-'));
    const real = {
      env: cleanEnv(),
      logger: recordingLogger(),
      cacheFile: join(cacheDir, 'layer-cache.json'),
      tuning: { retry: fastRetry },
    };
    const tag = `${registry.host}/real/model:1`;
    const first = await buildImage(request({ target: { kind: 'registry', tags: [tag] } }), real);
    expect(first.layers.map((layer) => layer.action)).toEqual(['mounted', 'uploaded', 'uploaded']);
    const rebuilt = await buildImage(request({ target: { kind: 'registry', tags: [tag] } }), real);
    expect(rebuilt.digest).toBe(first.digest);
    expect(rebuilt.layers.map((layer) => layer.action)).toEqual(['existed', 'existed', 'existed']);
    expect(rebuilt.bytesUploaded).toBe(rebuilt.size);

    const layout = join(scratch, 'real-layout');
    const written = await buildImage(request({ target: { kind: 'layout', dir: layout, tag: 'v1' } }), real);
    expect(written.digest).toBe(first.digest);
    expect((await readdir(layout)).sort()).toEqual(['blobs', 'index.json', 'oci-layout']);
    const rootfs = await unpackLayout(layout, 'v1', scratch);
    expect(await readFile(join(rootfs, 'model', 'meta.json'), 'utf8')).toBe('{"version":1}\n');
    expect(await modeOf(join(rootfs, 'app', 'serve.sh'))).toBe(0o755);
    expect(await modeOf(join(rootfs, 'model', 'meta.json'))).toBe(0o644);
  }, 60_000);
});

describe('bases', () => {
  test('a multi-platform index: --platform picks the image; an unknown platform lists those there are', async () => {
    const base = `${registry.host}/library/multi:1`;
    const result = await buildImage(
      request({
        base,
        platform: 'linux/arm64/v8',
        target: { kind: 'registry', tags: [`${registry.host}/team/arm:1`] },
      }),
      options().options,
    );
    expect(result.platform).toBe('linux/arm64/v8');
    const config = await skopeoJson(['--config', `docker://${registry.host}/team/arm:1`]);
    expect([config.os, config.architecture, config.variant]).toEqual(['linux', 'arm64', 'v8']);
    const rootfs = await unpackFromRegistry(`${registry.host}/team/arm:1`, scratch);
    expect(await readFile(join(rootfs, 'etc', 'arch'), 'utf8')).toBe('arm64\n');

    const defaulted = await buildImage(
      request({ base, target: { kind: 'registry', tags: [`${registry.host}/team/amd:1`] } }),
      options().options,
    );
    expect(defaulted.platform).toBe('linux/amd64');

    const layerBuilder = options();
    const error = await thrown(buildImage(request({ base, platform: 'linux/s390x' }), layerBuilder.options));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      `--base ${base} has no linux/s390x image; --platform one of: linux/amd64, linux/arm64/v8`,
    );
    expect(layerBuilder.layerBuilder.calls).toEqual([]);
  }, 60_000);

  test('a docker schema2 base gives an OCI image with OCI media types', async () => {
    await skopeoPush(baseLayout, 'v1', `${registry.host}/library/dockerbase:1`, { format: 'v2s2' });
    const stored = await skopeoJson(['--raw', `docker://${registry.host}/library/dockerbase:1`]);
    expect(stored.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
    const result = await buildImage(
      request({
        base: `${registry.host}/library/dockerbase:1`,
        target: { kind: 'registry', tags: [`${registry.host}/team/fromdocker:1`] },
      }),
      options().options,
    );
    const raw = await skopeoJson(['--raw', `docker://${registry.host}/team/fromdocker:1`]);
    expect((raw.config as { mediaType: string }).mediaType).toBe('application/vnd.oci.image.config.v1+json');
    expect((raw.layers as { mediaType: string }[]).map((layer) => layer.mediaType)).toEqual([
      'application/vnd.oci.image.layer.v1.tar+gzip',
      'application/vnd.oci.image.layer.v1.tar+gzip',
      'application/vnd.oci.image.layer.v1.tar+gzip',
    ]);
    expect(result.layers[0]?.action).toBe('mounted');
    const rootfs = await unpackFromRegistry(`${registry.host}/team/fromdocker:1`, scratch);
    expect(await readFile(join(rootfs, 'etc', 'base-release'), 'utf8')).toBe('base 1\n');
  }, 60_000);

  test('a base in an OCI layout on disk (oci:DIR:TAG) pushed to the registry', async () => {
    const result = await buildImage(
      request({
        base: `oci:${baseLayout}:v1`,
        target: { kind: 'registry', tags: [`${registry.host}/team/offline:1`] },
      }),
      options().options,
    );
    expect(result.layers.map((layer) => layer.action)).toEqual(['uploaded', 'uploaded', 'uploaded']);
    const rootfs = await unpackFromRegistry(`${registry.host}/team/offline:1`, scratch);
    expect(await readFile(join(rootfs, 'etc', 'base-release'), 'utf8')).toBe('base 1\n');
    const raw = await skopeoJson(['--raw', `docker://${registry.host}/team/offline:1`]);
    const annotations = raw.annotations as Record<string, string>;
    expect(annotations['org.opencontainers.image.base.name']).toBeUndefined();
    expect(annotations['org.opencontainers.image.base.digest']).toBe(result.base?.digest);
  }, 60_000);

  test('a base on another registry is copied layer by layer', async () => {
    const other = await startRegistry();
    try {
      const result = await buildImage(
        request({ target: { kind: 'registry', tags: [`${other.host}/team/model:1`] } }),
        options().options,
      );
      expect(result.layers.map((layer) => layer.action)).toEqual(['uploaded', 'uploaded', 'uploaded']);
      expect(result.bytesUploaded).toBeGreaterThan(result.layers.reduce((sum, layer) => sum + layer.size, 0));
      const rootfs = await unpackFromRegistry(`${other.host}/team/model:1`, scratch);
      expect(await readFile(join(rootfs, 'etc', 'base-release'), 'utf8')).toBe('base 1\n');
    } finally {
      await other.close();
    }
  }, 60_000);
});

describe('bad input', () => {
  test('a base that does not exist, or is an artifact, is a one-line input error', async () => {
    const missing = await thrown(
      buildImage(request({ base: `${registry.host}/library/nothing:1` }), options().options),
    );
    expect(missing).toBeInstanceOf(InputError);
    expect(missing.message).toBe(`--base ${registry.host}/library/nothing:1: no such image`);

    const client = new RegistryClient({ host: registry.host, env: cleanEnv(), retry: fastRetry });
    const artifact = await pushArtifact(client, 'models/demo', {
      artifactType: 'application/vnd.mlci.model.v1',
      annotations: {},
      extraLayers: [{ mediaType: 'application/octet-stream', content: Buffer.from('weights') }],
    });
    await client.putManifest('models/demo', '1', artifact.bytes, artifact.descriptor.mediaType);
    const notImage = await thrown(
      buildImage(request({ base: `${registry.host}/models/demo:1` }), options().options),
    );
    expect(notImage).toBeInstanceOf(InputError);
    expect(notImage.message).toBe(
      `--base ${registry.host}/models/demo:1 is an artifact (application/vnd.mlci.model.v1), not an image`,
    );
  }, 30_000);

  test('invalid tags are refused before any layer is built', async () => {
    for (const [tags, message] of [
      [
        ['not a reference'],
        '--tag: invalid image reference "not a reference": expected host[:port]/repository[:tag|@digest]',
      ],
      [
        [`${registry.host}/Team/model:1`],
        `--tag: invalid image reference "${registry.host}/Team/model:1": "Team/model" is not a repository name (lower-case letters, digits, ".", "_", "-", "/")`,
      ],
      [
        [`${registry.host}/team/model:1`, 'other.example:5000/team/model:1'],
        `--tag other.example:5000/team/model:1: every tag must be on one registry (${registry.host}); push to other.example:5000 in another build`,
      ],
    ] as const) {
      const built = options();
      const error = await thrown(
        buildImage(request({ target: { kind: 'registry', tags: [...tags] } }), built.options),
      );
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toBe(message);
      expect(built.layerBuilder.calls).toEqual([]);
    }
  });

  test('wrong credentials: 401 explained with the credential source, the password never printed', async () => {
    const front = await startRegistryFront(registry, {
      auth: { scheme: 'bearer', username: 'ci', password: 'right-password' },
    });
    try {
      const built = options();
      built.options.env = cleanEnv({
        MLCI_REGISTRY_USERNAME: 'ci',
        MLCI_REGISTRY_PASSWORD: 'wrong-secret-value',
      });
      const error = await thrown(
        buildImage(
          request({ base: 'scratch', target: { kind: 'registry', tags: [`${front.host}/team/model:1`] } }),
          built.options,
        ),
      );
      expect(error).toBeInstanceOf(ServiceError);
      expect(error.message).toMatch(
        /: access denied \(401\) with credentials from MLCI_REGISTRY_USERNAME\/PASSWORD$/,
      );
      expect(error.message).not.toContain('wrong-secret-value');
      expect(error.message.split('\n')).toHaveLength(1);
    } finally {
      await front.close();
    }
  }, 30_000);

  test('the registry stopped mid-push fails with exit 3; after a restart the build completes', async () => {
    let stopped = false;
    const front = await startRegistryFront(registry, {
      intercept: (request) =>
        request.method === 'PATCH' && !stopped
          ? {
              kind: 'forward-then',
              after: async () => {
                stopped = true;
                await registry.stop();
              },
            }
          : undefined,
    });
    try {
      const tag = `${front.host}/team/interrupted:1`;
      const error = await thrown(
        buildImage(
          request({ base: 'scratch', target: { kind: 'registry', tags: [tag] } }),
          options().options,
        ),
      );
      expect(stopped).toBe(true);
      expect(error).toBeInstanceOf(ServiceError);
      expect((error as ServiceError).exitCode).toBe(ExitCode.service);
      expect(error.message.split('\n')).toHaveLength(1);
      await registry.restart();
      const result = await buildImage(
        request({ base: 'scratch', target: { kind: 'registry', tags: [tag] } }),
        options().options,
      );
      const rootfs = await unpackFromRegistry(tag, scratch);
      expect((await readFile(join(rootfs, 'model', 'weights.bin'))).length).toBe(150_000);
      expect(result.layers).toHaveLength(2);
    } finally {
      await front.close();
      await registry.restart();
    }
  }, 60_000);
});

describe('OCI image layout output', () => {
  test('skopeo and umoci read it; another tag is added to index.json, the same tag replaced', async () => {
    const layout = join(scratch, 'out-layout');
    const first = await buildImage(
      request({ target: { kind: 'layout', dir: layout, tag: 'v1' } }),
      options().options,
    );
    expect(first.references).toEqual([`oci:${layout}:v1`]);
    expect(first.bytesUploaded).toBe(0);
    expect(first.layers.map((layer) => layer.action)).toEqual(['written', 'written', 'written']);
    const { stdout } = await run('skopeo', ['inspect', `oci:${layout}:v1`]);
    expect((JSON.parse(stdout) as { Digest: string }).Digest).toBe(first.digest);
    const rootfs = await unpackLayout(layout, 'v1', scratch);
    expect(await readFile(join(rootfs, 'etc', 'base-release'), 'utf8')).toBe('base 1\n');
    expect(await modeOf(join(rootfs, 'app', 'serve.sh'))).toBe(0o755);

    // The same image into a registry has the same digest as in the layout.
    const pushed = await buildImage(request(), options().options);
    expect(pushed.digest).toBe(first.digest);

    const second = await buildImage(
      request({
        config: { cmd: ['/bin/tool', '--port', '8080'] },
        target: { kind: 'layout', dir: layout, tag: 'v2' },
      }),
      options().options,
    );
    expect(second.layers.map((layer) => layer.action)).toEqual(['existed', 'existed', 'existed']);
    const again = await buildImage(
      request({
        config: { cmd: ['/bin/tool', '--port', '9090'] },
        target: { kind: 'layout', dir: layout, tag: 'v2' },
      }),
      options().options,
    );
    const index = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8')) as {
      manifests: { digest: string; annotations: Record<string, string> }[];
    };
    expect(
      index.manifests.map((entry) => [entry.annotations['org.opencontainers.image.ref.name'], entry.digest]),
    ).toEqual([
      ['v1', first.digest],
      ['v2', again.digest],
    ]);
    const config = JSON.parse((await run('skopeo', ['inspect', '--config', `oci:${layout}:v2`])).stdout) as {
      config: { Cmd: string[]; Entrypoint: string[] };
    };
    expect(config.config.Cmd).toEqual(['/bin/tool', '--port', '9090']);
    expect(config.config.Entrypoint).toBeUndefined();
    expect(second.digest).not.toBe(again.digest);
  }, 60_000);

  test('a directory that is not a layout is refused', async () => {
    const dir = join(scratch, 'not-a-layout');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const error = await thrown(
      buildImage(request({ target: { kind: 'layout', dir, tag: 'v1' } }), options().options),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      `${dir}: exists and is not an OCI image layout (no oci-layout file); choose another directory`,
    );
  });
});
