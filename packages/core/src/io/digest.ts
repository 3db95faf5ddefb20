import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Content digest of bytes in OCI form (`sha256:<hex>`). */
export function bytesDigest(content: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(content).digest('hex')}`;
}

/** Content digest of a file in OCI form (`sha256:<hex>`), streamed so any size fits in memory. */
export async function fileDigest(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}

/** Copies a stream into a writable, hashing on the way: the content is read once, whatever its size. */
export async function copyWithDigest(
  source: Readable,
  destination: Writable,
): Promise<{ digest: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  await pipeline(
    source,
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        hash.update(chunk);
        size += chunk.length;
        yield chunk;
      }
    },
    destination,
  );
  return { digest: `sha256:${hash.digest('hex')}`, size };
}
