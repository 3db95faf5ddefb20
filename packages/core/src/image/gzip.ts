// gzip on every core (chunked.ts): each chunk is its own gzip member. A gzip file may hold several members
// (RFC 1952 §2.2) and every reader of layers handles it: Go's compress/gzip (registries, containerd, skopeo,
// umoci) reads multistream by default, as do gzip(1) and Python's gzip.
import { promisify } from 'node:util';
import { deflateRaw, gzip } from 'node:zlib';
import { crc32 } from '../io/crc32';
import { type ChunkedOptions, compressInChunks } from './chunked';

const gzipAsync = promisify(gzip);
const deflateRawAsync = promisify(deflateRaw);

/** The OS byte of every member header: 255 "unknown", as Go writes; zlib would put the build's OS (3 or 19). */
const gzipOs = 255;

export interface ParallelGzipOptions extends ChunkedOptions {
  /** 1-9. */
  level: number;
}

/**
 * The gzip of `source` as a stream of members. Deterministic: the chunk boundaries are fixed offsets of the
 * input, every member header has mtime 0 and the same OS byte, so the bytes depend only on the input, the level
 * and zlib's deflate (Node bundles its zlib, so one Node version gives one result on every machine).
 * A member comes as several buffers when it is stored (its chunk's bytes between block headers, not copied).
 */
export function parallelGzip(
  source: AsyncIterable<Buffer>,
  options: ParallelGzipOptions,
): AsyncGenerator<Buffer> {
  return compressInChunks(source, (chunk) => gzipMember(chunk, options.level), options);
}

/**
 * Bytes that deflate cannot shrink (trained weights are mostly such: float mantissas are noise) are stored, not
 * searched: deflate spends most of its time failing to find matches in them (level 6: about 25 MB/s per core on
 * random bytes, against the disk's hundreds). Four fixed 16 KiB slices of the chunk are sampled. When their bytes'
 * order-0 entropy is under 7.9 bits per byte, Huffman coding alone saves over 1%: compressed, no more checks
 * (CSV, text, quantized weights). Otherwise the chunk is stored when every sample, deflated at level 1, keeps
 * at least storeRatio of its size (a chunk of uniform bytes that repeat still compresses). The samples are fixed
 * slices, so the choice, and the bytes, depend only on the input.
 */
const sampleCount = 4;
const sampleBytes = 16 << 10;
const storeRatio = 0.98;
const compressibleBitsPerByte = 7.9;

export async function isIncompressible(chunk: Buffer): Promise<boolean> {
  if (chunk.length < sampleCount * sampleBytes * 4) return false;
  const step = Math.floor((chunk.length - sampleBytes) / (sampleCount - 1));
  const samples = Array.from({ length: sampleCount }, (_, i) =>
    chunk.subarray(i * step, i * step + sampleBytes),
  );
  if (entropyBitsPerByte(samples) < compressibleBitsPerByte) return false;
  for (const sample of samples) {
    if ((await deflateRawAsync(sample, { level: 1 })).length < sample.length * storeRatio) return false;
  }
  return true;
}

/** Shannon entropy of the bytes' distribution (order 0), in bits per byte. */
function entropyBitsPerByte(parts: readonly Buffer[]): number {
  const counts = new Float64Array(256);
  let total = 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const byte = part[i] as number;
      counts[byte] = (counts[byte] as number) + 1;
    }
    total += part.length;
  }
  let bits = 0;
  for (const count of counts) if (count > 0) bits -= (count / total) * Math.log2(count / total);
  return bits;
}

/**
 * One gzip member of `chunk`, with the normalized header (mtime 0, OS 255 "unknown", as Go writes): deflated on
 * libuv's thread pool, or stored when the chunk does not compress. Returned as buffers to write in order.
 */
export async function gzipMember(chunk: Buffer, level: number): Promise<Buffer[]> {
  if (await isIncompressible(chunk)) return storedMember(chunk);
  const member = await gzipAsync(chunk, {
    level,
    // zlib's largest hash table (128 Ki heads instead of 32 Ki): fewer collisions, so fewer candidates to
    // check. Measured at level 1 on 4 MiB chunks: 10-15% faster and a few per mille smaller.
    memLevel: 9,
    // One output buffer for most members: with zlib's default 16 KiB the thread pool hands every 16 KiB back to
    // the main thread, which then does more of the work than the pool (measured: 4 s of 15). Half the chunk,
    // not all of it: what a member does not use is still allocated, and allocations are what make the main
    // thread collect garbage.
    chunkSize: Math.max(64 << 10, chunk.length >> 1),
  });
  // Header: ID1 ID2 CM FLG MTIME(4) XFL OS. zlib writes mtime 0 and no header CRC, so the OS byte can be set.
  member[9] = gzipOs;
  return [member];
}

/** Bytes per stored deflate block: the format's limit (LEN is 16 bits). */
const storedBlockBytes = 65_535;

/**
 * A gzip member holding `chunk` in stored deflate blocks (RFC 1951 §3.2.4), built here rather than by zlib at
 * level 0: the chunk's bytes are not copied (the member is its slices between 5-byte block headers), and only
 * the CRC is computed. The header is the one zlib writes at level 0, with the OS byte normalized.
 */
export function storedMember(chunk: Buffer): Buffer[] {
  // XFL 4: "fastest algorithm", as zlib writes for levels below 2.
  const parts: Buffer[] = [Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 4, gzipOs])];
  const blocks = Math.max(1, Math.ceil(chunk.length / storedBlockBytes));
  for (let block = 0; block < blocks; block++) {
    const data = chunk.subarray(block * storedBlockBytes, (block + 1) * storedBlockBytes);
    const header = Buffer.alloc(5);
    header[0] = block === blocks - 1 ? 1 : 0; // BFINAL, BTYPE 00
    header.writeUInt16LE(data.length, 1);
    header.writeUInt16LE(~data.length & 0xffff, 3);
    parts.push(header, data);
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(chunk), 0);
  trailer.writeUInt32LE(chunk.length % 2 ** 32, 4);
  parts.push(trailer);
  // Only an empty chunk has an empty block: no empty buffers downstream.
  return parts.filter((part) => part.length > 0);
}
