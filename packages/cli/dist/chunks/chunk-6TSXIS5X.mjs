#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  registryUriForms
} from "./chunk-Q5SRQC4W.mjs";
import {
  InputError
} from "./chunk-HQARHKJP.mjs";

// packages/core/src/registry/open.ts
async function openRegistry(uri, options) {
  if (uri.startsWith("file:")) return (await import("./file-AAPG5VLL.mjs")).openFileRegistry(uri, options);
  if (uri.startsWith("oci://")) return (await import("./oci-7U72A7AY.mjs")).openOciRegistry(uri, options);
  if (/^(mlflow|gitlab)\+https?:\/\//i.test(uri))
    return (await import("./mlflow-RSKLID22.mjs")).openMlflowRegistry(uri, options);
  throw new InputError(`registry '${uri}': expected ${registryUriForms}`);
}

export {
  openRegistry
};
