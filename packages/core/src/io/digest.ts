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

export interface CopyBounds {
  /** The most bytes copied: past it the copy stops with `tooLarge()`. */
  maxBytes?: number;
  tooLarge?: () => Error;
  /** The longest wait for the next chunk: past it the copy stops with `stalled()`. */
  idleMs?: number;
  stalled?: () => Error;
}

/**
 * Copies a stream into a writable, hashing on the way: the content is read once, whatever its size. With
 * bounds, a source that sends more than it should or stops sending ends the copy (a network download).
 */
export async function copyWithDigest(
  source: Readable,
  destination: Writable,
  bounds: CopyBounds = {},
): Promise<{ digest: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const watch = () => {
    if (bounds.idleMs === undefined) return;
    clearTimeout(timer);
    timer = setTimeout(
      () => source.destroy(bounds.stalled?.() ?? new Error(`no data for ${bounds.idleMs} ms`)),
      bounds.idleMs,
    );
  };
  watch();
  try {
    await pipeline(
      source,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          watch();
          size += chunk.length;
          if (bounds.maxBytes !== undefined && size > bounds.maxBytes)
            throw bounds.tooLarge?.() ?? new Error(`more than ${bounds.maxBytes} bytes`);
          hash.update(chunk);
          yield chunk;
        }
      },
      destination,
    );
  } finally {
    clearTimeout(timer);
  }
  return { digest: `sha256:${hash.digest('hex')}`, size };
}
