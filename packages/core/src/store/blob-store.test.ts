import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobDigestMismatch, BlobMissing, BlobStore } from './blob-store';

const digestOf = (content: string | Uint8Array) =>
  `sha256:${createHash('sha256').update(content).digest('hex')}`;

let dir: string;
let store: BlobStore;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlci-blobs-'));
  store = new BlobStore(join(dir, 'store'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

test('put stores a file under its sha256 and returns its digest and size; no temporary file is left', async () => {
  await writeFile(join(dir, 'model.bin'), 'weights');
  const ref = await store.put(join(dir, 'model.bin'));
  expect(ref).toEqual({ digest: digestOf('weights'), size: 7 });
  expect(store.path(ref.digest)).toBe(join(dir, 'store/blobs/sha256', digestOf('weights').slice(7)));
  expect(await readFile(store.path(ref.digest), 'utf8')).toBe('weights');
  expect(await store.has(ref.digest)).toBe(true);
  expect(await readdir(join(dir, 'store/blobs'))).toEqual(['sha256']);
});

test('put with the expected digest refuses a file that changed since it was fingerprinted', async () => {
  await writeFile(join(dir, 'model.bin'), 'changed');
  const expected = { digest: digestOf('weights'), size: 7 };
  await expect(store.put(join(dir, 'model.bin'), expected)).rejects.toBeInstanceOf(BlobDigestMismatch);
  expect(await store.has(expected.digest)).toBe(false);
  expect(await store.has(digestOf('changed'))).toBe(false);
  expect(await readdir(join(dir, 'store/blobs'))).toEqual(['sha256']);
});

test('an existing blob is kept (idempotent), one of the wrong size is replaced', async () => {
  const ref = await store.putBytes(new TextEncoder().encode('weights'));
  const before = await stat(store.path(ref.digest));
  await writeFile(join(dir, 'model.bin'), 'weights');
  expect(await store.put(join(dir, 'model.bin'), ref)).toEqual(ref);
  expect((await stat(store.path(ref.digest))).ino).toBe(before.ino);

  await writeFile(store.path(ref.digest), 'weig'); // truncated, as by a full disk
  expect(await store.put(join(dir, 'model.bin'), ref)).toEqual(ref);
  expect(await readFile(store.path(ref.digest), 'utf8')).toBe('weights');
});

test('read and copyOut check the digest: a flipped byte is BlobDigestMismatch, a missing blob BlobMissing', async () => {
  const ref = await store.putBytes(new TextEncoder().encode('weights'));
  expect(new TextDecoder().decode(await store.read(ref.digest))).toBe('weights');
  await store.copyOut(ref.digest, join(dir, 'out/run.sh'), { executable: true });
  expect(await readFile(join(dir, 'out/run.sh'), 'utf8')).toBe('weights');
  expect((await stat(join(dir, 'out/run.sh'))).mode & 0o100).toBe(0o100);
  await store.copyOut(ref.digest, join(dir, 'out/plain'), { executable: false });
  expect((await stat(join(dir, 'out/plain'))).mode & 0o100).toBe(0);

  await writeFile(store.path(ref.digest), 'weightz');
  await expect(store.read(ref.digest)).rejects.toBeInstanceOf(BlobDigestMismatch);
  await expect(store.copyOut(ref.digest, join(dir, 'out/bad'), { executable: false })).rejects.toBeInstanceOf(
    BlobDigestMismatch,
  );
  // The destination of a failed copy is not left behind with wrong content.
  await expect(stat(join(dir, 'out/bad'))).rejects.toMatchObject({ code: 'ENOENT' });

  await store.remove(ref.digest);
  await expect(store.read(ref.digest)).rejects.toBeInstanceOf(BlobMissing);
  await expect(
    store.copyOut(ref.digest, join(dir, 'out/gone'), { executable: false }),
  ).rejects.toBeInstanceOf(BlobMissing);
});

test('path refuses anything but a sha256 digest', () => {
  expect(() => store.path('sha256:../../etc/passwd')).toThrow(/not a sha256 digest/);
  expect(() => store.path('md5:d41d8cd98f00b204e9800998ecf8427e')).toThrow(/not a sha256 digest/);
});
