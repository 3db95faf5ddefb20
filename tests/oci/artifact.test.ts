import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { type FileEntry, type FileSet, fileSetOf } from '../../packages/core/src/io/file-set';
import {
  buildManifest,
  emptyConfig,
  mlciArtifactTypes,
  pullArtifact,
  pushArtifact,
} from '../../packages/core/src/oci/artifact';
import { InvalidContent, ociMediaTypes, RegistryClient } from '../../packages/core/src/oci/client';
import { startRegistry, startRegistryFront, type TestRegistry } from '../support/registry';
import { cleanEnv, digestOf, fastRetry, patternedBytes, recordingLogger, run, skopeoRaw } from './helpers';

let registry: TestRegistry;
let scratch: string;
let source: string;
let fileSet: FileSet;
const contents: Record<string, Buffer> = {
  'model.json': Buffer.from('{"weights":[0.5,-1.25]}\n'),
  'copy-of-model.json': Buffer.from('{"weights":[0.5,-1.25]}\n'),
  'weights/layer-1.bin': patternedBytes(150 * 1024, 7),
  'bin/predict.sh': Buffer.from('#!/bin/sh\necho predict\n'),
  'empty.txt': Buffer.alloc(0),
};

beforeAll(async () => {
  registry = await startRegistry();
  scratch = await mkdtemp(join(tmpdir(), 'mlci-oci-artifact-'));
  source = join(scratch, 'source');
  const files: FileEntry[] = [];
  for (const [path, bytes] of Object.entries(contents)) {
    await mkdir(join(source, path, '..'), { recursive: true });
    await writeFile(join(source, path), bytes);
    const executable = path.endsWith('.sh');
    if (executable) await chmod(join(source, path), 0o755);
    files.push({ path, size: bytes.length, digest: digestOf(bytes), executable });
  }
  fileSet = fileSetOf(files);
});

afterAll(async () => {
  await registry?.close();
  await rm(scratch, { recursive: true, force: true });
});

const client = (host = registry.host) =>
  new RegistryClient({
    host,
    env: cleanEnv(),
    logger: recordingLogger(),
    retry: fastRetry,
    chunkSize: 64 * 1024,
  });

const labels = { 'dev.mlci.run.id': 'run-1', 'org.opencontainers.image.revision': 'abc123' };

test('an artifact pushed from a directory is what skopeo reads, and skopeo copies its layers byte for byte', async () => {
  const oci = client();
  const pushed = await pushArtifact(oci, 'artifacts/model', {
    artifactType: mlciArtifactTypes.model,
    directory: source,
    fileSet,
    annotations: labels,
  });
  await oci.putManifest('artifacts/model', '1', pushed.bytes, ociMediaTypes.manifest);

  const raw = await skopeoRaw(registry.host, 'artifacts/model', '1');
  expect(raw.equals(pushed.bytes)).toBe(true);
  const manifest = JSON.parse(raw.toString());
  expect(manifest.mediaType).toBe(ociMediaTypes.manifest);
  expect(manifest.artifactType).toBe('application/vnd.mlci.model.v1');
  expect(manifest.config).toEqual({
    mediaType: 'application/vnd.oci.empty.v1+json',
    digest: emptyConfig.digest,
    size: 2,
  });
  expect(manifest.annotations).toEqual({ ...labels, 'dev.mlci.content.digest': fileSet.digest });
  expect(manifest.layers.map((layer: { annotations: Record<string, string> }) => layer.annotations)).toEqual([
    { 'org.opencontainers.image.title': 'bin/predict.sh', 'dev.mlci.file.executable': 'true' },
    { 'org.opencontainers.image.title': 'copy-of-model.json' },
    { 'org.opencontainers.image.title': 'empty.txt' },
    { 'org.opencontainers.image.title': 'model.json' },
    { 'org.opencontainers.image.title': 'weights/layer-1.bin' },
  ]);

  // skopeo copies the artifact into an OCI layout: every layer blob there holds the original file's bytes.
  const layout = join(scratch, 'layout');
  await run('skopeo', [
    'copy',
    '--src-tls-verify=false',
    `docker://${registry.host}/artifacts/model:1`,
    `oci:${layout}:1`,
  ]);
  const index = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8'));
  const manifestDigest: string = index.manifests[0].digest;
  const copied = JSON.parse(await readFile(join(layout, 'blobs', ...manifestDigest.split(':')), 'utf8'));
  for (const layer of copied.layers as { digest: string; annotations: Record<string, string> }[]) {
    const blob = await readFile(join(layout, 'blobs', ...layer.digest.split(':')));
    expect(
      blob.equals(contents[layer.annotations['org.opencontainers.image.title'] as string] as Buffer),
    ).toBe(true);
  }
  expect(copied.layers).toHaveLength(5);
});

test('an artifact pulled into a directory gives back every file with its executable bit', async () => {
  const oci = client();
  const pushed = await pushArtifact(oci, 'artifacts/pull', {
    artifactType: mlciArtifactTypes.model,
    directory: source,
    fileSet,
    annotations: {},
  });
  const target = join(scratch, 'pulled');
  const pulled = await pullArtifact(oci, 'artifacts/pull', pushed.digest, target);
  expect(pulled.fileSet).toEqual(fileSet);
  for (const [path, bytes] of Object.entries(contents)) {
    expect((await readFile(join(target, path))).equals(bytes)).toBe(true);
  }
  expect((await stat(join(target, 'bin/predict.sh'))).mode & 0o111).not.toBe(0);
  expect((await stat(join(target, 'model.json'))).mode & 0o111).toBe(0);
});

test('the same files and annotations give the same manifest, and a second push uploads no blob', async () => {
  const reversed = { ...fileSet, files: [...fileSet.files].reverse() };
  const spec = { artifactType: mlciArtifactTypes.model, fileSet, annotations: { b: '2', a: '1' } };
  expect(buildManifest(spec).digest).toBe(
    buildManifest({ ...spec, fileSet: reversed, annotations: { a: '1', b: '2' } }).digest,
  );
  expect(buildManifest(spec).digest).not.toBe(buildManifest({ ...spec, annotations: { a: '1' } }).digest);

  const first = await pushArtifact(client(), 'artifacts/again', { ...spec, directory: source });
  const front = await startRegistryFront(registry);
  try {
    const second = await pushArtifact(client(front.host), 'artifacts/again', { ...spec, directory: source });
    expect(second.digest).toBe(first.digest);
    expect(
      front.requests.filter((request) => request.url.includes('/blobs/')).map((request) => request.method),
    ).toEqual(
      Array(5).fill('HEAD'), // the config and four distinct contents (two files share one)
    );
  } finally {
    await front.close();
  }
});

test('a layer whose path leaves the directory is refused and nothing is written', async () => {
  const oci = client();
  const one = fileSetOf(fileSet.files.filter((file) => file.path === 'model.json'));
  const pushed = await pushArtifact(oci, 'artifacts/evil', {
    artifactType: mlciArtifactTypes.model,
    directory: source,
    fileSet: one,
    annotations: {},
  });
  // The title rewritten as another tool (or an attacker) could have.
  const manifest = JSON.parse(pushed.bytes.toString());
  manifest.layers[0].annotations['org.opencontainers.image.title'] = '../outside.json';
  delete manifest.annotations['dev.mlci.content.digest'];
  await oci.putManifest(
    'artifacts/evil',
    'bad',
    Buffer.from(JSON.stringify(manifest)),
    ociMediaTypes.manifest,
  );
  await expect(pullArtifact(oci, 'artifacts/evil', 'bad', join(scratch, 'evil', 'inside'))).rejects.toThrow(
    InvalidContent,
  );
  await expect(readdir(join(scratch, 'evil'))).rejects.toThrow();
});
