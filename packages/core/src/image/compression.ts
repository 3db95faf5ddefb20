// The layer compressions build-image offers, what each needs from the runtime, and their media types.
import * as zlib from 'node:zlib';
import { InputError } from '../errors';

export const layerCompressions = ['gzip', 'zstd', 'none'] as const;
export type LayerCompression = (typeof layerCompressions)[number];

export const layerMediaTypes = {
  gzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  zstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  none: 'application/vnd.oci.image.layer.v1.tar',
} as const satisfies Record<LayerCompression, string>;

/** The levels each compression takes: zstd's 20-22 ("ultra") need windows of 32-128 MiB per thread, left out. */
export const compressionLevels = { gzip: { min: 1, max: 9 }, zstd: { min: 1, max: 19 } } as const;

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

/** The compression and level given, checked before any work: one line naming the option. */
export function checkLayerCompression(compression: LayerCompression, level: number): void {
  if (compression === 'zstd' && !zstdApi())
    throw new InputError(`compression: ${zstdMissing()}: use gzip, or run mlci on a newer Node.js`);
  if (compression === 'none') return;
  const { min, max } = compressionLevels[compression];
  if (!(Number.isInteger(level) && level >= min && level <= max))
    throw new InputError(
      `compression-level: ${level}: ${compression} takes a whole number from ${min} to ${max}`,
    );
}
