#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  imageMediaTypes
} from "./chunk-K3J2CXMS.mjs";
import {
  InputError
} from "./chunk-C6XSGGFY.mjs";

// packages/core/src/image/compression.ts
var layerCompressions = ["gzip", "zstd", "none"];
var layerMediaTypes = {
  gzip: imageMediaTypes.layerGzip,
  zstd: imageMediaTypes.layerZstd,
  none: imageMediaTypes.layerTar
};
var compressionLevels = { gzip: { min: 1, max: 9 }, zstd: { min: 1, max: 19 } };
async function checkLayerCompression(compression, level) {
  if (compression === "zstd") {
    const { zstdApi, zstdMissing } = await import("./zstd-ZHW63BBB.mjs");
    if (!zstdApi())
      throw new InputError(`compression: ${zstdMissing()}: use gzip, or run mlci on a newer Node.js`);
  }
  if (compression === "none") return;
  const { min, max } = compressionLevels[compression];
  if (!(Number.isInteger(level) && level >= min && level <= max))
    throw new InputError(
      `compression-level: ${level}: ${compression} takes a whole number from ${min} to ${max}`
    );
}

export {
  layerCompressions,
  layerMediaTypes,
  compressionLevels,
  checkLayerCompression
};
