// gzip on every core: the stream is cut into fixed-size chunks, each compressed on libuv's thread pool as its own
// gzip member, the members written in order. A gzip file may hold several members (RFC 1952 §2.2) and every
// reader of layers handles it: Go's compress/gzip (registries, containerd, skopeo, umoci) reads multistream by
// default, as do gzip(1) and Python's gzip.
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { deflateRaw, gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const deflateRawAsync = promisify(deflateRaw);

/**
 * Uncompressed bytes per gzip member. Each member starts with an empty dictionary and adds 18 bytes of framing,
 * which costs ratio: measured on 64 MiB of text at level 6, 4 MiB chunks give 0.08-0.09% more bytes than one
 * stream (1 MiB: 0.3%, 8 MiB: 0.04%). Larger chunks raise memory (threads x chunk in flight) and leave layers
 * under threads x chunk less parallel.
 */
export const defaultChunkBytes = 4 << 20;

/** The OS byte of every member header: 255 "unknown", as Go writes; zlib would put the build's OS (3 or 19). */
const gzipOs = 255;

/** Threads libuv's pool has (the env variable is read once, when the pool starts). */
export function threadPoolSize(): number {
  const size = Number.parseInt(process.env.UV_THREADPOOL_SIZE ?? '', 10);
  return Number.isInteger(size) && size > 0 ? Math.min(size, 1024) : 4;
}

/**
 * Members compressed at once by default: one per core, but no more than the pool has threads (past that they
 * only queue, holding memory). The CLI may raise UV_THREADPOOL_SIZE at startup to use more than 4 cores.
 */
export function defaultCompressionThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), threadPoolSize()));
}

export interface ParallelGzipOptions {
  /** 1-9. */
  level: number;
  /** Members compressed at once (default defaultCompressionThreads()). */
  threads?: number;
  chunkBytes?: number;
}

/**
 * The gzip of `source` as a stream of members. Deterministic: the chunk boundaries are fixed offsets of the
 * input, every member header has mtime 0 and the same OS byte, so the bytes depend only on the input, the level
 * and zlib's deflate (Node bundles its zlib, so one Node version gives one result on every machine).
 * Memory: at most `threads` chunks compressing plus one being read.
 */
export async function* parallelGzip(
  source: AsyncIterable<Buffer>,
  options: ParallelGzipOptions,
): AsyncGenerator<Buffer> {
  const threads = Math.max(1, options.threads ?? defaultCompressionThreads());
  const chunkBytes = options.chunkBytes ?? defaultChunkBytes;
  const inFlight: Promise<Buffer>[] = [];
  try {
    let empty = true;
    for await (const chunk of fixedChunks(source, chunkBytes)) {
      empty = false;
      while (inFlight.length >= threads) yield await (inFlight.shift() as Promise<Buffer>);
      const member = gzipMember(chunk, options.level);
      // Handled later, in order; without this a failure while an earlier member is awaited would be "unhandled".
      member.catch(() => {});
      inFlight.push(member);
    }
    // A gzip file has at least one member, even for no bytes.
    if (empty) inFlight.push(gzipMember(Buffer.alloc(0), options.level));
    while (inFlight.length > 0) yield await (inFlight.shift() as Promise<Buffer>);
  } finally {
    // On failure or an early stop, let running compressions finish before their buffers are dropped.
    await Promise.allSettled(inFlight);
  }
}

/**
 * Bytes that deflate cannot shrink (trained weights are mostly such: float mantissas are noise) are stored, not
 * searched: deflate spends most of its time failing to find matches in them (level 6: about 25 MB/s per core on
 * random bytes, against the disk's hundreds). A chunk is stored (level 0, still a valid deflate stream) when
 * every one of its samples, deflated at level 1, keeps at least storeRatio of its size. The samples are fixed
 * slices of the chunk, so the choice, and the bytes, depend only on the input.
 */
const sampleCount = 4;
const sampleBytes = 16 << 10;
const storeRatio = 0.98;

export async function isIncompressible(chunk: Buffer): Promise<boolean> {
  if (chunk.length < sampleCount * sampleBytes * 4) return false;
  const step = Math.floor((chunk.length - sampleBytes) / (sampleCount - 1));
  for (let i = 0; i < sampleCount; i++) {
    const sample = chunk.subarray(i * step, i * step + sampleBytes);
    if ((await deflateRawAsync(sample, { level: 1 })).length < sample.length * storeRatio) return false;
  }
  return true;
}

/** One gzip member of `chunk`, with the normalized header; stored when the chunk does not compress. */
export async function gzipMember(chunk: Buffer, level: number): Promise<Buffer> {
  const member = await gzipAsync(chunk, {
    level: (await isIncompressible(chunk)) ? 0 : level,
    // Room for the whole member in one output buffer: with zlib's default 16 KiB the thread pool hands every
    // 16 KiB back to the main thread, which then does more of the work than the pool (measured: 4 s of 15).
    chunkSize: Math.max(64 << 10, chunk.length + (chunk.length >> 6) + 1024),
  });
  // Header: ID1 ID2 CM FLG MTIME(4) XFL OS. zlib writes mtime 0 and no header CRC, so the OS byte can be set.
  member[9] = gzipOs;
  return member;
}

/** Re-cuts a stream of buffers of any sizes into buffers of exactly `size` bytes (the last may be shorter). */
export async function* fixedChunks(source: AsyncIterable<Buffer>, size: number): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let held = 0;
  for await (let buffer of source) {
    while (held + buffer.length >= size) {
      const take = size - held;
      parts.push(buffer.subarray(0, take));
      yield parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, size);
      buffer = buffer.subarray(take);
      parts = [];
      held = 0;
    }
    if (buffer.length > 0) {
      parts.push(buffer);
      held += buffer.length;
    }
  }
  if (held > 0) yield Buffer.concat(parts, held);
}
