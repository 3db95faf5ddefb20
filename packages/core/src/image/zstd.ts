// zstd on every core (chunked.ts): each chunk is its own zstd frame, compressed on libuv's thread pool by the
// zstd Node.js bundles (zlib.zstdCompress, Node.js 22.15 and later).

import * as zlib from 'node:zlib';
import { type ChunkedOptions, compressInChunks } from './chunked';
import { isIncompressible } from './gzip';

/** The first Node.js whose zlib has zstd (22.15.0; also 23.8.0): GitHub runs actions on Node 24. */
export const zstdNodeVersion = '22.15';

/** zlib's zstd functions, typed here: @types/node 20 does not declare them. */
export interface ZstdApi {
  zstdCompress(
    buffer: Buffer,
    options: { chunkSize?: number; pledgedSrcSize?: number; params?: Record<number, number> },
    callback: (error: Error | null, result: Buffer) => void,
  ): void;
  createZstdDecompress(): NodeJS.ReadWriteStream;
  constants: Record<string, number>;
}

/** zlib's zstd, or undefined on a Node.js before 22.15. */
export function zstdApi(): ZstdApi | undefined {
  const api = zlib as unknown as Partial<ZstdApi>;
  return typeof api.zstdCompress === 'function' && typeof api.createZstdDecompress === 'function'
    ? (api as ZstdApi)
    : undefined;
}

/** Why zstd cannot be used here, in the words of an error that ends `: <why>`. */
export function zstdMissing(): string {
  return `zstd needs Node.js ${zstdNodeVersion} or later (zlib's zstd), and this is Node.js ${process.versions.node}`;
}

export interface ParallelZstdOptions extends ChunkedOptions {
  /** 1-19. */
  level: number;
}

/**
 * The zstd of `source` as a stream of frames. Deterministic: the chunk boundaries are fixed offsets of the input
 * and a frame depends only on its chunk, the level and Node's bundled zstd (one Node version, one result).
 */
export function parallelZstd(
  source: AsyncIterable<Buffer>,
  options: ParallelZstdOptions,
): AsyncGenerator<Buffer> {
  return compressInChunks(source, (chunk) => zstdFrame(chunk, options.level), options);
}

/**
 * One zstd frame of `chunk`: made by mlci of raw blocks when the chunk does not compress (gzip.ts's sampling:
 * zstd would find that out itself, but spends 5 ms of a core per 4 MiB on it: 0.7 s for the benchmark's 512 MiB
 * of random weights), else compressed by zstd on the thread pool.
 */
export async function zstdFrame(chunk: Buffer, level: number): Promise<Buffer[]> {
  return (await isIncompressible(chunk)) ? rawFrame(chunk) : compressedFrame(chunk, level);
}

/** The largest block a frame may hold (RFC 8878 §3.1.1.2.4, Block_Maximum_Size). */
const maxBlockBytes = 128 << 10;

/**
 * A zstd frame holding `chunk` in raw blocks (RFC 8878 §3.1.1.2): the chunk's slices between 3-byte block headers,
 * not copied. The header says one segment of the chunk's size (4 bytes), so a decoder's window is the chunk; no
 * content checksum (it would need XXH64): the layer's digest covers every byte.
 */
export function rawFrame(chunk: Buffer): Buffer[] {
  const header = Buffer.alloc(9);
  header.writeUInt32LE(0xfd2fb528, 0); // Magic_Number
  header[4] = (2 << 6) | (1 << 5); // Frame_Header_Descriptor: a 4-byte Frame_Content_Size, Single_Segment
  header.writeUInt32LE(chunk.length, 5);
  const parts: Buffer[] = [header];
  const blocks = Math.max(1, Math.ceil(chunk.length / maxBlockBytes));
  for (let block = 0; block < blocks; block++) {
    const data = chunk.subarray(block * maxBlockBytes, (block + 1) * maxBlockBytes);
    // Block_Header, 3 bytes little-endian: Last_Block (bit 0), Block_Type 0 = Raw (bits 1-2), Block_Size.
    const blockHeader = Buffer.alloc(3);
    blockHeader.writeUIntLE((data.length << 3) | (block === blocks - 1 ? 1 : 0), 0, 3);
    parts.push(blockHeader, data);
  }
  return parts.filter((part) => part.length > 0);
}

function compressedFrame(chunk: Buffer, level: number): Promise<Buffer[]> {
  const zstd = zstdApi();
  if (!zstd) return Promise.reject(new Error(zstdMissing()));
  const { constants } = zstd;
  return new Promise((resolve, reject) => {
    zstd.zstdCompress(
      chunk,
      {
        // The frame's size in its header; zstd then also sizes its window to the chunk, which bounds the
        // memory a decoder needs to 4 MiB.
        pledgedSrcSize: chunk.length,
        // One output buffer for most frames: with zlib's default 16 KiB the pool hands every 16 KiB back to the
        // main thread (measured: 2.5-4x slower on 4 MiB chunks). Half the chunk, not all of it, as for gzip: a
        // frame keeps its whole output buffer until it is sent, and that memory is what makes V8 collect garbage.
        chunkSize: Math.max(64 << 10, chunk.length >> 1),
        params: {
          [constants.ZSTD_c_compressionLevel as number]: level,
          // A checksum of the content in each frame, as zstd(1) writes by default: a decoder sees corruption.
          [constants.ZSTD_c_checksumFlag as number]: 1,
        },
      },
      (error, frame) => (error ? reject(error) : resolve([frame])),
    );
  });
}
