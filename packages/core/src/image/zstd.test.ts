import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { rawFrame } from './zstd';

const run = promisify(execFile);

/** mlci's raw frames, decoded by the zstd CLI (the reference decoder; Debian's zstd), not by Node. */
describe('rawFrame', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlci-zstd-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['one byte', 1],
    ['exactly one block', 128 << 10],
    ['one byte past a block', (128 << 10) + 1],
    ['a chunk of 4 MiB', 4 << 20],
    ['an odd size', 3_000_001],
  ])('%s: zstd -d gives the bytes back, and frames concatenate', async (_, size) => {
    const chunk = randomBytes(size);
    const file = join(dir, `raw-${size}.zst`);
    // Two frames one after the other, as a layer holds them.
    await writeFile(file, Buffer.concat([...rawFrame(chunk), ...rawFrame(chunk.subarray(0, 7))]));
    const { stdout } = await run('zstd', ['-dc', file], { encoding: 'buffer', maxBuffer: 16 << 20 });
    expect(stdout.equals(Buffer.concat([chunk, chunk.subarray(0, 7)]))).toBe(true);
    // The frame's header holds the content size: zstd -l reads it without decoding.
    const listed = (await run('zstd', ['-lv', file])).stdout;
    expect(listed).toMatch(/# Zstandard Frames: 2\b/);
  });

  it('is the chunk between block headers, not a copy', () => {
    const chunk = randomBytes(300 << 10);
    const parts = rawFrame(chunk);
    expect(parts.filter((part) => part.buffer === chunk.buffer).map((part) => part.length)).toEqual([
      128 << 10,
      128 << 10,
      44 << 10,
    ]);
    expect(parts.reduce((sum, part) => sum + part.length, 0)).toBe(chunk.length + 9 + 3 * 3);
  });
});
