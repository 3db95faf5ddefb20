// The layer compressions build-image offers, their levels and media types (no node:zlib here: build-image's
// options, which every command loads, import this module).
import { InputError } from '../errors';
import { imageMediaTypes } from './config';

export const layerCompressions = ['gzip', 'zstd', 'none'] as const;
export type LayerCompression = (typeof layerCompressions)[number];

export const layerMediaTypes = {
  gzip: imageMediaTypes.layerGzip,
  zstd: imageMediaTypes.layerZstd,
  none: imageMediaTypes.layerTar,
} as const satisfies Record<LayerCompression, string>;

/** The levels each compression takes: zstd's 20-22 ("ultra") need windows of 32-128 MiB per thread, left out. */
export const compressionLevels = { gzip: { min: 1, max: 9 }, zstd: { min: 1, max: 19 } } as const;

/**
 * The compression and level given, checked before any work: one line naming the option. zstd.ts (node:zlib) is
 * loaded only for zstd: this module is part of the options every command loads.
 */
export async function checkLayerCompression(compression: LayerCompression, level: number): Promise<void> {
  if (compression === 'zstd') {
    const { zstdApi, zstdMissing } = await import('./zstd');
    if (!zstdApi())
      throw new InputError(`compression: ${zstdMissing()}: use gzip, or run mlci on a newer Node.js`);
  }
  if (compression === 'none') return;
  const { min, max } = compressionLevels[compression];
  if (!(Number.isInteger(level) && level >= min && level <= max))
    throw new InputError(
      `compression-level: ${level}: ${compression} takes a whole number from ${min} to ${max}`,
    );
}
