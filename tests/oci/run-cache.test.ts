import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { InputError } from '../../packages/core/src/errors';
import { type FileEntry, type FileSet, fileSetOf } from '../../packages/core/src/io/file-set';
import { RegistryClient } from '../../packages/core/src/oci/client';
import type { BackendOptions } from '../../packages/core/src/registry/registry';
import { openOciRunCache } from '../../packages/core/src/run-cache/oci';
import { CorruptCacheEntry, type StoreRequest } from '../../packages/core/src/run-cache/run-cache';
import { startRegistry, type TestRegistry } from '../support/registry';
import { cleanEnv, digestOf, fastRetry, type RecordingLogger, recordingLogger, skopeoRaw } from './helpers';

let registry: TestRegistry;
let scratch: string;

beforeAll(async () => {
  registry = await startRegistry();
  scratch = await mkdtemp(join(tmpdir(), 'mlci-oci-cache-'));
});

afterAll(async () => {
  await registry?.close();
  await rm(scratch, { recursive: true, force: true });
});

let logger: RecordingLogger;
const options = (): BackendOptions => {
  logger = recordingLogger();
  return { cwd: scratch, env: cleanEnv(), logger };
};
const open = (repository = 'cache/runs') =>
  openOciRunCache(`oci://${registry.host}/${repository}`, options(), {
    retry: fastRetry,
    chunkSize: 64 * 1024,
  });

const key = (seed: string) => digestOf(Buffer.from(seed));
const record = Buffer.from('{"runId":"run-1"}\n');
const provenance = Buffer.from('{"_type":"https://in-toto.io/Statement/v1"}\n');

/** Writes an outputs directory (relative to scratch) and its file set. */
async function outputs(
  name: string,
  files: Record<string, string>,
  executable: string[] = [],
): Promise<FileSet> {
  const entries: FileEntry[] = [];
  for (const [path, content] of Object.entries(files)) {
    const file = join(scratch, name, path);
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, content);
    if (executable.includes(path)) await chmod(file, 0o755);
    entries.push({
      path,
      size: Buffer.byteLength(content),
      digest: digestOf(Buffer.from(content)),
      executable: executable.includes(path),
    });
  }
  return fileSetOf(entries);
}

async function store(
  name: string,
  files: Record<string, string>,
  seed: string,
  executable: string[] = [],
): Promise<StoreRequest> {
  const request = {
    key: key(seed),
    directory: name,
    fileSet: await outputs(name, files, executable),
    record,
    provenance,
  };
  await (await open()).store(request);
  return request;
}

test('store, look up, restore: the outputs directory is replaced by the entry, files and modes', async () => {
  const stored = await store('out-a', { 'model.json': '{"w":1}', 'bin/serve.sh': '#!/bin/sh\n' }, 'a', [
    'bin/serve.sh',
  ]);
  const cache = await open();
  const entry = await cache.lookup(stored.key);
  expect(entry).toMatchObject({ key: stored.key, fileSet: stored.fileSet });
  expect(Buffer.from(entry?.record ?? []).equals(record)).toBe(true);
  expect(Buffer.from(entry?.provenance ?? []).equals(provenance)).toBe(true);
  expect(Date.parse(entry?.createdAt ?? '')).not.toBeNaN();

  // A stale output from elsewhere is gone after the restore; nothing is left beside the directory.
  await mkdir(join(scratch, 'restored'), { recursive: true });
  await writeFile(join(scratch, 'restored', 'stale.txt'), 'stale');
  await cache.restore(entry as NonNullable<typeof entry>, 'restored');
  expect((await readdir(join(scratch, 'restored'))).sort()).toEqual(['bin', 'model.json']);
  expect(await readFile(join(scratch, 'restored', 'model.json'), 'utf8')).toBe('{"w":1}');
  expect((await stat(join(scratch, 'restored', 'bin', 'serve.sh'))).mode & 0o111).not.toBe(0);
  expect((await readdir(scratch)).filter((name) => name.startsWith('.restored'))).toEqual([]);

  // The entry is an artifact of the run-cache type, tagged with the key's hex, with run.json and the statement.
  const raw = JSON.parse(
    (await skopeoRaw(registry.host, 'cache/runs', stored.key.slice('sha256:'.length))).toString(),
  );
  expect(raw.artifactType).toBe('application/vnd.mlci.run-cache.v1');
  expect(raw.layers.map((layer: { mediaType: string }) => layer.mediaType)).toEqual([
    'application/octet-stream',
    'application/octet-stream',
    'application/vnd.mlci.run.v1+json',
    'application/vnd.in-toto+json',
  ]);
});

test('a key with no entry is a miss; storing the same outputs again keeps the entry as it is', async () => {
  const cache = await open();
  expect(await cache.lookup(key('never stored'))).toBeUndefined();
  const stored = await store('out-b', { 'model.json': '{"w":2}' }, 'b');
  const client = new RegistryClient({ host: registry.host, env: cleanEnv() });
  const tag = stored.key.slice('sha256:'.length);
  const before = await client.headManifest('cache/runs', tag);
  await cache.store(stored);
  expect(await client.headManifest('cache/runs', tag)).toEqual(before);
});

test('a file corrupted in the registry storage: restore throws CorruptCacheEntry and leaves the directory as it was', async () => {
  const stored = await store('out-c', { 'model.json': '{"w":3}', 'weights.bin': 'the real weights' }, 'c');
  const cache = await open();
  const entry = await cache.lookup(stored.key);
  expect(entry).toBeDefined();
  const weights = stored.fileSet.files.find((file) => file.path === 'weights.bin') as FileEntry;
  await writeFile(registry.blobPath(weights.digest), 'the fake weights');

  await mkdir(join(scratch, 'kept'), { recursive: true });
  await writeFile(join(scratch, 'kept', 'previous.txt'), 'previous run');
  const failure = await cache
    .restore(entry as NonNullable<typeof entry>, 'kept')
    .catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(CorruptCacheEntry);
  expect((failure as Error).message).toContain(`entry ${stored.key}`);
  expect((failure as Error).message).toContain(`content of ${weights.digest} does not match its digest`);
  expect(await readdir(join(scratch, 'kept'))).toEqual(['previous.txt']);
  expect((await readdir(scratch)).filter((name) => name.startsWith('.kept'))).toEqual([]);
  // The corrupt entry is forgotten: the next lookup is a miss, and the run that follows stores a new one.
  expect(await cache.lookup(stored.key)).toBeUndefined();
});

test('a corrupt run.json is a miss with a warning, not an error', async () => {
  const stored = await store('out-d', { 'model.json': '{"w":4}' }, 'd');
  const recordDigest = digestOf(Buffer.from('{"runId":"run-d"}\n'));
  // Stored under its own content so it is not shared with the other tests' entries.
  const cache = await open();
  await cache.store({ ...stored, key: key('d2'), record: Buffer.from('{"runId":"run-d"}\n') });
  await writeFile(registry.blobPath(recordDigest), '{"runId":"run-X"}\n');
  expect(await cache.lookup(key('d2'))).toBeUndefined();
  expect(logger.warnings).toEqual([expect.stringContaining(`ignoring entry ${key('d2')}`)]);
});

test('the URI must name a repository', async () => {
  await expect(openOciRunCache(`oci://${registry.host}`, options())).rejects.toThrow(
    new InputError(`run cache 'oci://${registry.host}': expected oci://HOST[:PORT]/REPOSITORY`),
  );
});
