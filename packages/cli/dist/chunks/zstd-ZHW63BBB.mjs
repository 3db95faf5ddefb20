#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  parallelZstd,
  rawFrame,
  zstdApi,
  zstdFrame,
  zstdMissing,
  zstdNodeVersion
} from "./chunk-EEILQQC3.mjs";
import "./chunk-2XMYJ5XD.mjs";
import "./chunk-AQW5IZUH.mjs";
export {
  parallelZstd,
  rawFrame,
  zstdApi,
  zstdFrame,
  zstdMissing,
  zstdNodeVersion
};
