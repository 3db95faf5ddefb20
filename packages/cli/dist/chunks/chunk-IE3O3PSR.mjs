#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  registryUriForms
} from "./chunk-QZRBAWJX.mjs";
import {
  InputError
} from "./chunk-HQARHKJP.mjs";

// packages/core/src/registry/open.ts
async function openRegistry(uri, options) {
  if (uri.startsWith("file:")) return (await import("./file-UI5L7NPQ.mjs")).openFileRegistry(uri, options);
  if (uri.startsWith("oci://")) return (await import("./oci-LQCUMKKL.mjs")).openOciRegistry(uri, options);
  if (/^(mlflow|gitlab)\+https?:\/\//i.test(uri))
    return (await import("./mlflow-CHOIARKB.mjs")).openMlflowRegistry(uri, options);
  throw new InputError(`registry '${uri}': expected ${registryUriForms}`);
}

export {
  openRegistry
};
