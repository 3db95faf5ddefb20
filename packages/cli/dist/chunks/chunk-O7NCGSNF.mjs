#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  refuseUriCredentials
} from "./chunk-2WYYKV6E.mjs";
import {
  InputError
} from "./chunk-C6XSGGFY.mjs";

// packages/core/src/run-cache/open.ts
async function openRunCache(uri, options) {
  refuseUriCredentials(uri, "run cache");
  if (uri.startsWith("oci://")) return (await import("./oci-UBGZ247G.mjs")).openOciRunCache(uri, options);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uri))
    throw new InputError(`run cache '${uri}': expected a directory or oci://HOST[:PORT]/REPOSITORY`);
  return (await import("./directory-KIXXSZXE.mjs")).openDirectoryRunCache(uri, options);
}

export {
  openRunCache
};
