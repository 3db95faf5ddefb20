// Compression on every core, for any format whose stream may be a sequence of independent parts: the input is
// cut into fixed-size chunks, each compressed on libuv's thread pool as its own gzip member or zstd frame, and
// the parts are written in order. gzip (RFC 1952 §2.2) and zstd (RFC 8878 §3) both define a file as one or more
// members/frames, and every reader of layers decodes them all: Go's compress/gzip and klauspost/compress/zstd
// (registries, containerd, CRI-O, podman, skopeo, umoci), gzip(1), zstd(1).
import { availableParallelism } from 'node:os';
import { fixedChunks } from '../io/chunks';

/**
 * Uncompressed bytes per member or frame. Each starts with an empty dictionary, which costs ratio: measured on
 * 64 MiB of text with gzip level 6, 4 MiB chunks give 0.08-0.09% more bytes than one stream (1 MiB: 0.3%,
 * 8 MiB: 0.04%). Larger chunks raise memory (threads x chunk in flight) and leave layers under threads x chunk
 * less parallel.
 */
export const defaultChunkBytes = 4 << 20;

/** Threads libuv's pool has (the env variable is read once, when the pool starts). */
export function threadPoolSize(): number {
  const size = Number.parseInt(process.env.UV_THREADPOOL_SIZE ?? '', 10);
  return Number.isInteger(size) && size > 0 ? Math.min(size, 1024) : 4;
}

/**
 * Chunks compressed at once by default: one per core, but no more than the pool has threads (past that they
 * only queue, holding memory). The pool's size is fixed when it starts, before any of mlci's code runs (the ES
 * module loader reads files on it): past 4 cores, the job sets UV_THREADPOOL_SIZE (docs/build-image.md).
 */
export function defaultCompressionThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), threadPoolSize()));
}

export interface ChunkedOptions {
  /** Chunks compressed at once (default defaultCompressionThreads()). */
  threads?: number;
  chunkBytes?: number;
}

/**
 * `source` compressed chunk by chunk with `compressChunk` (one member or frame per chunk, as buffers to write in
 * order), up to `threads` chunks at once. An empty source is one part of no bytes: a valid, empty file.
 * Deterministic when `compressChunk` is: the chunk boundaries are fixed offsets of the input.
 * Memory: at most `threads` chunks compressing plus one being read.
 */
export async function* compressInChunks(
  source: AsyncIterable<Buffer>,
  compressChunk: (chunk: Buffer) => Promise<Buffer[]>,
  options: ChunkedOptions = {},
): AsyncGenerator<Buffer> {
  const threads = Math.max(1, options.threads ?? defaultCompressionThreads());
  const chunkBytes = options.chunkBytes ?? defaultChunkBytes;
  const inFlight: Promise<Buffer[]>[] = [];
  try {
    let empty = true;
    for await (const chunk of fixedChunks(source, chunkBytes)) {
      empty = false;
      while (inFlight.length >= threads) yield* await (inFlight.shift() as Promise<Buffer[]>);
      const part = compressChunk(chunk);
      // Handled later, in order; without this a failure while an earlier part is awaited would be "unhandled".
      part.catch(() => {});
      inFlight.push(part);
    }
    if (empty) inFlight.push(compressChunk(Buffer.alloc(0)));
    while (inFlight.length > 0) yield* await (inFlight.shift() as Promise<Buffer[]>);
  } finally {
    // On failure or an early stop, let running compressions finish before their buffers are dropped.
    await Promise.allSettled(inFlight);
  }
}
