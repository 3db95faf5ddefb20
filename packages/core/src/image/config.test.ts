import { describe, expect, test } from '@jest/globals';
import { InputError } from '../errors';
import { bytesDigest } from '../io/digest';
import {
  buildImageConfig,
  buildImageManifest,
  canonicalJson,
  type ImageConfig,
  mergeEnv,
  parseImageConfig,
  parsePlatform,
  platformMatches,
  serializeConfig,
} from './config';

const base: ImageConfig = {
  architecture: 'amd64',
  os: 'linux',
  config: {
    Env: ['PATH=/usr/bin', 'LANG=C'],
    Entrypoint: ['/docker-entrypoint.sh'],
    Cmd: ['python'],
    Labels: { maintainer: 'base', keep: 'yes' },
    ExposedPorts: { '8080/tcp': {} },
  },
  rootfs: { type: 'layers', diff_ids: ['sha256:aa'] },
  history: [{ created: '2020-01-01T00:00:00Z', created_by: 'base' }],
};
const amd64 = { os: 'linux', architecture: 'amd64' };
const created = '2023-11-14T22:13:20Z';

describe('image config', () => {
  test('docker semantics: a new entrypoint clears the base Cmd; a new Cmd alone keeps the Entrypoint', () => {
    const entry = buildImageConfig(base, amd64, { entrypoint: ['/serve'] }, [], created);
    expect(entry.config?.Entrypoint).toEqual(['/serve']);
    expect(entry.config?.Cmd).toBeUndefined();
    const cmd = buildImageConfig(base, amd64, { cmd: ['--port', '80'] }, [], created);
    expect(cmd.config?.Entrypoint).toEqual(['/docker-entrypoint.sh']);
    expect(cmd.config?.Cmd).toEqual(['--port', '80']);
    const both = buildImageConfig(base, amd64, { entrypoint: [], cmd: ['/bin/run'] }, [], created);
    expect(both.config?.Entrypoint).toBeUndefined();
    expect(both.config?.Cmd).toEqual(['/bin/run']);
  });

  test('env replaces by key in place, labels merge, other base keys stay; diff_ids and history appended', () => {
    const config = buildImageConfig(
      base,
      amd64,
      {
        env: ['LANG=C.UTF-8', 'MODEL=/model'],
        labels: { keep: 'overridden', new: 'x' },
        workdir: '/app',
        user: 'app',
      },
      [{ diffId: 'sha256:bb', createdBy: 'mlci model' }],
      created,
    );
    expect(config.config?.Env).toEqual(['PATH=/usr/bin', 'LANG=C.UTF-8', 'MODEL=/model']);
    expect(config.config?.Labels).toEqual({ maintainer: 'base', keep: 'overridden', new: 'x' });
    expect(config.config?.ExposedPorts).toEqual({ '8080/tcp': {} });
    expect(config.config?.WorkingDir).toBe('/app');
    expect(config.config?.User).toBe('app');
    expect(config.rootfs.diff_ids).toEqual(['sha256:aa', 'sha256:bb']);
    expect(config.history).toEqual([
      { created: '2020-01-01T00:00:00Z', created_by: 'base' },
      { created, created_by: 'mlci model' },
    ]);
    expect(config.created).toBe(created);
    // The base is not changed.
    expect(base.config?.Env).toEqual(['PATH=/usr/bin', 'LANG=C']);
  });

  test('scratch takes the platform given; docker-only top-level keys of a base are dropped', () => {
    const scratch = buildImageConfig(
      undefined,
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
      {},
      [],
      created,
    );
    expect(scratch).toEqual({
      created,
      architecture: 'arm64',
      os: 'linux',
      variant: 'v8',
      config: {},
      rootfs: { type: 'layers', diff_ids: [] },
      history: [],
    });
    const docker = { ...base, container: 'abc', docker_version: '20.10' } as ImageConfig;
    expect(Object.keys(buildImageConfig(docker, amd64, {}, [], created)).sort()).toEqual(
      ['architecture', 'config', 'created', 'history', 'os', 'rootfs'].sort(),
    );
  });

  test('bad env and workdir are one-line input errors', () => {
    expect(() => mergeEnv([], ['NOVALUE'])).toThrow(
      new InputError('--env "NOVALUE": expected KEY=VALUE with a variable name as KEY'),
    );
    expect(() => mergeEnv([], ['=x'])).toThrow(InputError);
    expect(() => buildImageConfig(base, amd64, { workdir: 'app' }, [], created)).toThrow(
      new InputError('--workdir "app": must be an absolute path in the image'),
    );
  });

  test('canonical JSON: the same document in any key order gives the same bytes and digest', () => {
    const one = serializeConfig(buildImageConfig(base, amd64, { labels: { b: '2', a: '1' } }, [], created));
    const two = serializeConfig(buildImageConfig(base, amd64, { labels: { a: '1', b: '2' } }, [], created));
    expect(one.bytes.equals(two.bytes)).toBe(true);
    expect(one.descriptor.digest).toBe(bytesDigest(one.bytes));
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: undefined } }).toString()).toBe(
      '{"a":{"d":[3,{"e":2,"f":1}]},"b":1}',
    );
  });

  test('the manifest lists the config and layers with their descriptors and the annotations', () => {
    const config = serializeConfig(buildImageConfig(undefined, amd64, {}, [], created));
    const layer = { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: 'sha256:cc', size: 5 };
    const manifest = buildImageManifest(config.descriptor, [layer], {
      'org.opencontainers.image.revision': 'abc',
    });
    expect(JSON.parse(manifest.bytes.toString())).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: config.descriptor,
      layers: [layer],
      annotations: { 'org.opencontainers.image.revision': 'abc' },
    });
    expect(manifest.descriptor).toEqual({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: bytesDigest(manifest.bytes),
      size: manifest.bytes.length,
    });
  });

  test('a config without os, architecture or diff_ids is not an image config', () => {
    expect(() => parseImageConfig(Buffer.from('{}'), '--base x')).toThrow(
      new InputError('--base x: the config is not an image config (no os, architecture or rootfs.diff_ids)'),
    );
    expect(() => parseImageConfig(Buffer.from('nope'), '--base x')).toThrow(
      new InputError('--base x: the image config is not JSON'),
    );
  });
});

describe('platforms', () => {
  test('parsing', () => {
    expect(parsePlatform('linux/amd64')).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(parsePlatform('linux/arm64/v8')).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' });
    for (const bad of ['linux', 'linux/', 'linux/arm64/v8/x', 'Linux/AMD64']) {
      expect(() => parsePlatform(bad)).toThrow(
        new InputError(`--platform "${bad}": expected OS/ARCHITECTURE[/VARIANT], e.g. linux/amd64`),
      );
    }
  });

  test('matching: arm64 without a variant is v8; no wanted variant takes any', () => {
    const arm64 = { os: 'linux', architecture: 'arm64' };
    expect(platformMatches(arm64, { ...arm64, variant: 'v8' })).toBe(true);
    expect(platformMatches({ ...arm64, variant: 'v8' }, arm64)).toBe(true);
    const arm = { os: 'linux', architecture: 'arm' };
    expect(platformMatches({ ...arm, variant: 'v6' }, { ...arm, variant: 'v7' })).toBe(false);
    expect(platformMatches(amd64, arm64)).toBe(false);
    expect(platformMatches({ os: 'windows', architecture: 'amd64' }, amd64)).toBe(false);
  });
});
