#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  registryUriForms
} from "./chunk-G4OK2ACW.mjs";
import {
  refuseUriCredentials
} from "./chunk-J67CBVZR.mjs";
import {
  InputError
} from "./chunk-D2ICLLEY.mjs";

// packages/core/src/registry/open.ts
async function openRegistry(uri, options) {
  refuseUriCredentials(uri, "registry");
  if (uri.startsWith("file:")) return (await import("./file-EXWSD4PD.mjs")).openFileRegistry(uri, options);
  if (uri.startsWith("oci://")) return (await import("./oci-HXQNZTJH.mjs")).openOciRegistry(uri, options);
  if (/^(mlflow|gitlab)\+https?:\/\//i.test(uri))
    return (await import("./mlflow-OZ4I66QK.mjs")).openMlflowRegistry(uri, options);
  throw new InputError(`registry '${uri}': expected ${registryUriForms}`);
}

export {
  openRegistry
};
