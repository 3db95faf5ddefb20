import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { pieces } from '../test-support/pieces';
import { gzipMember, isIncompressible, parallelGzip, storedMember } from './gzip';

const python = '/usr/bin/python3';

async function collect(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of source) parts.push(part);
  return Buffer.concat(parts);
}

/** Offsets of the members: each starts with the gzip magic, deflate, and the flags zlib writes. */
function memberHeaders(gzip: Buffer): Buffer[] {
  const headers: Buffer[] = [];
  for (let at = gzip.indexOf('1f8b0800', 0, 'hex'); at >= 0; at = gzip.indexOf('1f8b0800', at + 1, 'hex'))
    headers.push(gzip.subarray(at, at + 10));
  return headers;
}

describe('parallelGzip', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlci-gzip-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes members in order that gzip(1), zcat and python read as the input', async () => {
    // Half random, half text, cut into 64 KiB members: 20 members compressed 3 at a time.
    const text = Buffer.from('the quick brown fox jumps over the lazy dog\n'.repeat(15_000));
    const data = Buffer.concat([randomBytes(text.length), text]);
    const gzip = await collect(
      parallelGzip(pieces(data, [100_000]), { level: 6, threads: 3, chunkBytes: 64 << 10 }),
    );
    expect(memberHeaders(gzip).length).toBeGreaterThanOrEqual(Math.ceil(data.length / (64 << 10)));
    const file = join(dir, 'multi.gz');
    await writeFile(file, gzip);
    execFileSync('gzip', ['-t', file]);
    expect(execFileSync('zcat', [file], { maxBuffer: 1 << 26 }).equals(data)).toBe(true);
    const fromPython = execFileSync(
      python,
      ['-c', 'import gzip,sys; sys.stdout.buffer.write(gzip.open(sys.argv[1]).read())', file],
      { maxBuffer: 1 << 26 },
    );
    expect(fromPython.equals(data)).toBe(true);
  });

  it('gives the same bytes whatever the thread count, with mtime 0 and OS 255 in every member', async () => {
    const data = Buffer.from('model weights, or something like them\n'.repeat(10_000));
    const options = { level: 6, chunkBytes: 32 << 10 };
    const one = await collect(parallelGzip(pieces(data, [5000]), { ...options, threads: 1 }));
    const four = await collect(parallelGzip(pieces(data, [77_777]), { ...options, threads: 4 }));
    expect(four.equals(one)).toBe(true);
    const headers = memberHeaders(one);
    expect(headers.length).toBe(Math.ceil(data.length / (32 << 10)));
    for (const header of headers) {
      expect(header.readUInt32LE(4)).toBe(0);
      expect(header[9]).toBe(255);
    }
    expect(gunzipSync(one).equals(data)).toBe(true);
  });

  it('writes one valid member for no input', async () => {
    const gzip = await collect(parallelGzip(pieces(Buffer.alloc(0), [1]), { level: 6 }));
    expect(gunzipSync(gzip).length).toBe(0);
  });

  it('reports a failing source after the members already started', async () => {
    async function* failing(): AsyncGenerator<Buffer> {
      yield randomBytes(100_000);
      throw new Error('disk gone');
    }
    await expect(
      collect(parallelGzip(failing(), { level: 1, chunkBytes: 10_000, threads: 2 })),
    ).rejects.toThrow('disk gone');
  });
});

test('a chunk that does not compress is stored; a chunk with compressible parts is compressed; both read back', async () => {
  const text = Buffer.from('feature_a,feature_b,label\n0.25,1.5,benign\n'.repeat(30_000)).subarray(
    0,
    1 << 20,
  );
  const noise = randomBytes(1 << 20);
  const mixed = Buffer.concat([noise.subarray(0, 1 << 19), text.subarray(0, 1 << 19)]);
  for (const [name, chunk, stored] of [
    ['noise', noise, true],
    ['text', text, false],
    ['half noise, half text', mixed, false],
  ] as const) {
    const member = Buffer.concat(await gzipMember(chunk, 6));
    expect({ name, stored: await isIncompressible(chunk) }).toEqual({ name, stored });
    expect(gunzipSync(member).equals(chunk)).toBe(true);
    // The first deflate block's type (bits 1-2 after the 10-byte header): 0 stored, 1 or 2 compressed.
    expect({ name, blockType: ((member[10] as number) >> 1) & 3 }).toEqual({
      name,
      blockType: stored ? 0 : expect.any(Number),
    });
    if (!stored) expect(member.length).toBeLessThan(chunk.length * 0.8);
  }
});

test('uniform bytes that repeat within the window are compressed, not stored (entropy alone would store them)', async () => {
  const block = randomBytes(8 << 10);
  const repeating = Buffer.concat(Array.from({ length: 128 }, () => block));
  expect(await isIncompressible(repeating)).toBe(false);
  expect(Buffer.concat(await gzipMember(repeating, 1)).length).toBeLessThan(repeating.length / 10);
});

test('a stored member: blocks of at most 65,535 bytes, the last final, CRC and size that gzip(1) and python check', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mlci-stored-'));
  try {
    for (const size of [0, 1, 65_535, 65_536, 200_000]) {
      const chunk = randomBytes(size);
      const member = Buffer.concat(storedMember(chunk));
      expect(member.length).toBe(10 + size + 5 * Math.max(1, Math.ceil(size / 65_535)) + 8);
      expect(gunzipSync(member).equals(chunk)).toBe(true);
      // The header zlib writes at level 0, the OS byte normalized: mtime 0, XFL 4, OS 255.
      expect([...member.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 4, 255]);
      const file = join(dir, `stored-${size}.gz`);
      await writeFile(file, member);
      execFileSync('gzip', ['-t', file]);
      const read = execFileSync(python, [
        '-c',
        'import gzip,sys; sys.stdout.buffer.write(gzip.open(sys.argv[1]).read())',
        file,
      ]);
      expect(Buffer.from(read).equals(chunk)).toBe(true);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
