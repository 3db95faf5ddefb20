import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { InputError } from '../errors';
import { bytesDigest } from '../io/digest';
import { parseBaseReference, resolveBase } from './base';
import {
  hasLayoutBlob,
  initLayout,
  layoutBlobPath,
  putLayoutBlobBytes,
  putLayoutBlobFile,
  readLayoutBlob,
  tagLayout,
} from './layout';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mlci-layout-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const descriptorOf = (bytes: Buffer) => ({
  mediaType: 'application/octet-stream',
  digest: bytesDigest(bytes),
  size: bytes.length,
});

describe('OCI image layout', () => {
  test('blobs go in whole, by copy (digest checked) or move; nothing partial is left behind', async () => {
    const dir = join(scratch, 'blobs-layout');
    await initLayout(dir);
    expect(JSON.parse(await readFile(join(dir, 'oci-layout'), 'utf8'))).toEqual({
      imageLayoutVersion: '1.0.0',
    });
    const bytes = Buffer.from('layer bytes');
    const descriptor = descriptorOf(bytes);
    expect(await hasLayoutBlob(dir, descriptor)).toBe(false);
    const source = join(scratch, 'blob.bin');
    await writeFile(source, bytes);
    await putLayoutBlobFile(dir, descriptor, source);
    expect(await hasLayoutBlob(dir, descriptor)).toBe(true);
    expect(await readLayoutBlob(dir, descriptor.digest)).toEqual(bytes);

    const wrong = { ...descriptorOf(Buffer.from('other')), size: bytes.length };
    await expect(putLayoutBlobFile(dir, wrong, source)).rejects.toThrow(
      new InputError(`${source}: changed after it was fingerprinted (not ${wrong.digest} any more)`),
    );
    expect(await readdir(join(dir, 'blobs', 'sha256'))).toEqual([descriptor.digest.slice(7)]);

    const moved = Buffer.from('moved');
    const movedSource = join(scratch, 'moved.bin');
    await writeFile(movedSource, moved);
    await putLayoutBlobFile(dir, descriptorOf(moved), movedSource, { move: true });
    await expect(readFile(movedSource)).rejects.toThrow(/ENOENT/);
    expect(await readFile(layoutBlobPath(dir, bytesDigest(moved)))).toEqual(moved);
  });

  test('index.json: tags added, the same tag replaced, other entries kept', async () => {
    const dir = join(scratch, 'index-layout');
    await initLayout(dir);
    const one = descriptorOf(Buffer.from('one'));
    const two = descriptorOf(Buffer.from('two'));
    await writeFile(
      join(dir, 'index.json'),
      JSON.stringify({
        schemaVersion: 2,
        manifests: [{ ...one, annotations: { other: 'untagged entry of another tool' } }],
      }),
    );
    await tagLayout(dir, one, 'v1');
    await tagLayout(dir, two, 'v2');
    await tagLayout(dir, two, 'v1');
    const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as {
      manifests: { digest: string; annotations: Record<string, string> }[];
    };
    expect(index.manifests.map((entry) => [entry.digest, entry.annotations])).toEqual([
      [one.digest, { other: 'untagged entry of another tool' }],
      [two.digest, { 'org.opencontainers.image.ref.name': 'v2' }],
      [two.digest, { 'org.opencontainers.image.ref.name': 'v1' }],
    ]);
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  test('a directory with other files, or another layout version, is refused', async () => {
    const used = join(scratch, 'used');
    await mkdir(used);
    await writeFile(join(used, 'x'), '');
    await expect(initLayout(used)).rejects.toThrow(
      new InputError(
        `${used}: exists and is not an OCI image layout (no oci-layout file); choose another directory`,
      ),
    );
    const future = join(scratch, 'future');
    await mkdir(future);
    await writeFile(join(future, 'oci-layout'), '{"imageLayoutVersion":"2.0.0"}');
    await expect(initLayout(future)).rejects.toThrow(
      new InputError(`${join(future, 'oci-layout')}: not an OCI image layout version 1.0.0`),
    );
  });

  test('a corrupt blob is found when read', async () => {
    const dir = join(scratch, 'corrupt');
    await initLayout(dir);
    const bytes = Buffer.from('{"a":1}');
    await putLayoutBlobBytes(dir, descriptorOf(bytes), bytes);
    await writeFile(layoutBlobPath(dir, bytesDigest(bytes)), '{"a":2}');
    await expect(readLayoutBlob(dir, bytesDigest(bytes))).rejects.toThrow(
      new InputError(`${layoutBlobPath(dir, bytesDigest(bytes))}: content does not match its digest`),
    );
  });
});

describe('base references', () => {
  test('scratch, oci:DIR[:TAG] and registry references; latest when no tag', () => {
    expect(parseBaseReference('scratch')).toEqual({ kind: 'scratch' });
    expect(parseBaseReference('oci:./out:v1')).toEqual({ kind: 'layout', dir: './out', tag: 'v1' });
    expect(parseBaseReference('oci:/srv/layout')).toEqual({ kind: 'layout', dir: '/srv/layout' });
    expect(parseBaseReference('localhost:5000/python:3.12')).toEqual({
      kind: 'registry',
      reference: { host: 'localhost:5000', repository: 'python', tag: '3.12' },
    });
    expect(parseBaseReference('ghcr.io/org/base')).toEqual({
      kind: 'registry',
      reference: { host: 'ghcr.io', repository: 'org/base', tag: 'latest' },
    });
    expect(() => parseBaseReference('python:3.12')).toThrow(
      new InputError(
        '--base: invalid image reference "python:3.12": expected host[:port]/repository[:tag|@digest] (or scratch, or oci:DIRECTORY[:TAG])',
      ),
    );
    expect(() => parseBaseReference('oci:')).toThrow(
      new InputError('--base "oci:": expected oci:DIRECTORY[:TAG]'),
    );
  });

  test('a layout base: a missing tag, an absent layout, several images without a tag', async () => {
    const dir = join(scratch, 'base-layout');
    await initLayout(dir);
    const one = descriptorOf(Buffer.from('one'));
    await tagLayout(dir, one, 'a');
    await tagLayout(dir, one, 'b');
    await expect(resolveBase({ kind: 'layout', dir, tag: 'c' }, {})).rejects.toThrow(
      new InputError(`--base oci:${dir}:c: no such image`),
    );
    await expect(resolveBase({ kind: 'layout', dir }, {})).rejects.toThrow(
      new InputError(`--base oci:${dir}: the layout has 2 images; name one (a, b)`),
    );
    const absent = join(scratch, 'absent');
    await expect(resolveBase({ kind: 'layout', dir: absent }, {})).rejects.toThrow(
      new InputError(`--base oci:${absent}: ${absent} is not an OCI image layout (no index.json)`),
    );
  });
});
