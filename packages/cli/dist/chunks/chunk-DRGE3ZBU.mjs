#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  InputError
} from "./chunk-HQARHKJP.mjs";

// packages/core/src/run-cache/open.ts
async function openRunCache(uri, options) {
  if (uri.startsWith("oci://")) return (await import("./oci-RAPVRXDG.mjs")).openOciRunCache(uri, options);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uri))
    throw new InputError(`run cache '${uri}': expected a directory or oci://HOST[:PORT]/REPOSITORY`);
  return (await import("./directory-LA4F272R.mjs")).openDirectoryRunCache(uri, options);
}

export {
  openRunCache
};
