#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  InputError
} from "./chunk-HQARHKJP.mjs";

// packages/core/src/registry/open.ts
async function openRegistry(uri, options) {
  if (uri.startsWith("file:")) return (await import("./file-MJUM7EBD.mjs")).openFileRegistry(uri, options);
  if (uri.startsWith("oci://")) return (await import("./oci-YZNM7HTT.mjs")).openOciRegistry(uri, options);
  throw new InputError(`registry '${uri}': expected file:DIR or oci://HOST[:PORT]/PREFIX`);
}

export {
  openRegistry
};
