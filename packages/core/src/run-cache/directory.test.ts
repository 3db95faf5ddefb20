import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../errors';
import { type FileEntry, type FileSet, fileSetOf } from '../io/file-set';
import type { BackendOptions } from '../registry/registry';
import { openDirectoryRunCache } from './directory';
import { openRunCache } from './open';
import { CorruptCacheEntry, type StoreRequest } from './run-cache';

const digestOf = (content: string) => `sha256:${createHash('sha256').update(content).digest('hex')}`;
const encode = (text: string) => new TextEncoder().encode(text);
const key = digestOf('the cache key');

let dir: string;
let warnings: string[];
let options: BackendOptions;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlci-run-cache-'));
  warnings = [];
  options = {
    cwd: dir,
    env: {},
    logger: { info() {}, debug() {}, warn: (message) => warnings.push(message) },
  };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function writeTree(root: string, files: Record<string, string>): Promise<FileSet> {
  const entries: FileEntry[] = [];
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), content, { mode: path.endsWith('.sh') ? 0o755 : 0o644 });
    entries.push({ path, size: content.length, digest: digestOf(content), executable: path.endsWith('.sh') });
  }
  return fileSetOf(entries);
}

async function readTree(root: string, prefix = ''): Promise<Record<string, string>> {
  const tree: Record<string, string> = {};
  for (const entry of await readdir(join(root, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(tree, await readTree(root, path));
    else tree[path] = await readFile(join(root, path), 'utf8');
  }
  return tree;
}

/** A finished run's outputs in dir/run, stored under `key`. */
async function storedRun(cacheUri = '.mlci/cache'): Promise<StoreRequest> {
  const fileSet = await writeTree(join(dir, 'run'), {
    'model.json': '{"w":1}',
    'bin/predict.sh': 'echo 1\n',
  });
  const request = {
    key,
    directory: 'run',
    fileSet,
    record: encode('{"runId":"r1"}'),
    provenance: encode('{"_type":"x"}'),
  };
  await (await openRunCache(cacheUri, options)).store(request);
  return request;
}

test('store, lookup, restore: the outputs come back exactly, replacing what the directory held', async () => {
  const request = await storedRun();
  const cache = await openRunCache('.mlci/cache', options);
  expect(await cache.lookup(digestOf('another key'))).toBeUndefined();
  const entry = await cache.lookup(key);
  expect(entry).toMatchObject({ key, fileSet: request.fileSet });
  expect(new TextDecoder().decode(entry?.record)).toBe('{"runId":"r1"}');
  expect(new TextDecoder().decode(entry?.provenance)).toBe('{"_type":"x"}');

  await writeTree(join(dir, 'outputs'), { 'stale.txt': 'from an older run', 'model.json': 'old' });
  if (!entry) throw new Error('no entry');
  await cache.restore(entry, join(dir, 'outputs'));
  expect(await readTree(join(dir, 'outputs'))).toEqual({
    'model.json': '{"w":1}',
    'bin/predict.sh': 'echo 1\n',
  });
  expect((await stat(join(dir, 'outputs/bin/predict.sh'))).mode & 0o100).toBe(0o100);
  // Nothing of the swap is left beside the outputs.
  expect((await readdir(dir)).sort()).toEqual(['.mlci', 'outputs', 'run']);
  // Into a directory that does not exist yet, too.
  await cache.restore(entry, 'fresh/outputs');
  expect(await readTree(join(dir, 'fresh/outputs'))).toEqual({
    'model.json': '{"w":1}',
    'bin/predict.sh': 'echo 1\n',
  });
});

test('the cache directory holds no absolute path and nothing of this machine; storing twice changes nothing', async () => {
  await storedRun();
  const entryFile = join(dir, '.mlci/cache/entries', `${key.slice(7)}.json`);
  const entryText = await readFile(entryFile, 'utf8');
  expect(entryText).not.toContain(dir);
  expect(entryText).not.toMatch(/"\//);
  await storedRun();
  expect((await readdir(join(dir, '.mlci/cache'))).sort()).toEqual(['blobs', 'entries']);
  expect(await readdir(join(dir, '.mlci/cache/entries'))).toEqual([`${key.slice(7)}.json`]);
  // Four content blobs: two files, the record, the provenance.
  expect(await readdir(join(dir, '.mlci/cache/blobs/sha256'))).toHaveLength(4);
});

test('a flipped byte in a stored file: CorruptCacheEntry, the outputs untouched, and a new store repairs it', async () => {
  await storedRun();
  const cache = await openDirectoryRunCache('.mlci/cache', options);
  const entry = await cache.lookup(key);
  if (!entry) throw new Error('no entry');
  const blob = join(dir, '.mlci/cache/blobs/sha256', digestOf('{"w":1}').slice(7));
  const bytes = await readFile(blob);
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  await writeFile(blob, bytes);

  const before = { 'model.json': 'mine', 'notes.txt': 'keep me' };
  await writeTree(join(dir, 'outputs'), before);
  const restore = cache.restore(entry, 'outputs');
  await expect(restore).rejects.toBeInstanceOf(CorruptCacheEntry);
  await expect(restore).rejects.toThrow(
    /'model.json' of entry sha256:[0-9a-f]{64} does not match its digest/,
  );
  expect(await readTree(join(dir, 'outputs'))).toEqual(before);
  expect((await readdir(dir)).sort()).toEqual(['.mlci', 'outputs', 'run']);

  // The corrupt entry is gone (a miss, so the command runs), and the run's store puts a good copy back.
  expect(await cache.lookup(key)).toBeUndefined();
  await storedRun();
  const repaired = await cache.lookup(key);
  if (!repaired) throw new Error('no entry after the repair');
  await cache.restore(repaired, 'outputs');
  expect((await readTree(join(dir, 'outputs')))['model.json']).toBe('{"w":1}');
});

test('a missing blob is a corrupt entry too', async () => {
  await storedRun();
  const cache = await openDirectoryRunCache('.mlci/cache', options);
  const entry = await cache.lookup(key);
  if (!entry) throw new Error('no entry');
  await rm(join(dir, '.mlci/cache/blobs/sha256', digestOf('echo 1\n').slice(7)));
  await expect(cache.restore(entry, 'outputs')).rejects.toThrow(/'bin\/predict.sh' of entry .* is missing/);
  await expect(stat(join(dir, 'outputs'))).rejects.toMatchObject({ code: 'ENOENT' });
});

test('unreadable or tampered entries are misses with a warning, never a write outside the outputs', async () => {
  await storedRun();
  const cache = await openDirectoryRunCache('.mlci/cache', options);
  const entryFile = join(dir, '.mlci/cache/entries', `${key.slice(7)}.json`);
  const stored = JSON.parse(await readFile(entryFile, 'utf8'));

  await writeFile(entryFile, '{ not json');
  expect(await cache.lookup(key)).toBeUndefined();
  expect(warnings.at(-1)).toContain('ignoring unreadable entry');

  const escaping = { ...stored.fileSet.files[0], path: '../escaped.txt' };
  await writeFile(
    entryFile,
    JSON.stringify({ ...stored, fileSet: { ...stored.fileSet, files: [escaping] } }),
  );
  expect(await cache.lookup(key)).toBeUndefined();
  expect(warnings.at(-1)).toContain('names paths outside the outputs');
  const forged = {
    key,
    fileSet: { ...stored.fileSet, files: [escaping] },
    record: encode(''),
    provenance: encode(''),
    createdAt: '',
  };
  await expect(cache.restore(forged, 'run/outputs')).rejects.toBeInstanceOf(CorruptCacheEntry);
  await expect(stat(join(dir, 'run/escaped.txt'))).rejects.toMatchObject({ code: 'ENOENT' });

  // A corrupt run record: a miss.
  await storedRun();
  await writeFile(
    join(dir, '.mlci/cache/blobs/sha256', digestOf('{"runId":"r1"}').slice(7)),
    '{"runId":"r2"}',
  );
  expect(await cache.lookup(key)).toBeUndefined();
  expect(warnings.at(-1)).toMatch(/ignoring entry .*expected sha256:/);
});

test('openRunCache: a directory relative to the working directory; other schemes are input errors', async () => {
  await storedRun('caches/train');
  expect(await readdir(join(dir, 'caches/train'))).toContain('entries');
  await expect(openRunCache('s3://bucket/cache', options)).rejects.toThrow(
    new InputError("run cache 's3://bucket/cache': expected a directory or oci://HOST[:PORT]/REPOSITORY"),
  );
});

test('prune keeps the most recently used entries and deletes content only the dropped ones held', async () => {
  const cache = await openDirectoryRunCache('.mlci/cache', options);
  const past = (minutes: number) => new Date(Date.now() - minutes * 60_000);
  const store = async (name: string, files: Record<string, string>) => {
    const fileSet = await writeTree(join(dir, name), files);
    const request = {
      key: digestOf(name),
      directory: name,
      fileSet,
      record: encode(name),
      provenance: encode('{}'),
    };
    await cache.store(request);
    return request;
  };
  const shared = 'the same weights in every run';
  const a = await store('a', { 'w.bin': shared, 'only-a.txt': 'a' });
  const b = await store('b', { 'w.bin': shared, 'only-b.txt': 'b' });
  const c = await store('c', { 'w.bin': shared, 'only-c.txt': 'c' });
  // Ages: a used 30 minutes ago, b 20, c 10; then a is used again (a hit touches it): b is now the oldest.
  const entry = (request: StoreRequest) => join(dir, '.mlci/cache/entries', `${request.key.slice(7)}.json`);
  await utimes(entry(a), past(30), past(30));
  await utimes(entry(b), past(20), past(20));
  await utimes(entry(c), past(10), past(10));
  // Blobs old enough to be past prune's grace for concurrent writers.
  const blobs = join(dir, '.mlci/cache/blobs/sha256');
  for (const name of await readdir(blobs)) await utimes(join(blobs, name), past(60), past(60));
  expect(await cache.lookup(a.key)).toBeDefined();

  expect(await cache.prune(2)).toBe(1);
  expect(await cache.lookup(b.key)).toBeUndefined();
  expect(await cache.lookup(a.key)).toBeDefined();
  expect(await cache.lookup(c.key)).toBeDefined();
  const kept = new Set(await readdir(blobs));
  expect(kept.has(digestOf('b').slice(7))).toBe(false);
  expect(kept.has(digestOf('a').slice(7))).toBe(true);
  expect(kept.has(digestOf(shared).slice(7))).toBe(true);
  // What is left restores whole.
  const restoredC = await cache.lookup(c.key);
  await cache.restore(restoredC as NonNullable<typeof restoredC>, 'restored');
  expect(await readTree(join(dir, 'restored'))).toEqual({ 'w.bin': shared, 'only-c.txt': 'c' });
  expect(await cache.prune(2)).toBe(0);
});
