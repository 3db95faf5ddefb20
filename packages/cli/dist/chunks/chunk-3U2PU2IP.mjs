#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  registryUriForms
} from "./chunk-XMRYHEY6.mjs";
import {
  refuseUriCredentials
} from "./chunk-2WYYKV6E.mjs";
import {
  InputError
} from "./chunk-C6XSGGFY.mjs";

// packages/core/src/registry/open.ts
async function openRegistry(uri, options) {
  refuseUriCredentials(uri, "registry");
  if (uri.startsWith("file:")) return (await import("./file-33FMXCED.mjs")).openFileRegistry(uri, options);
  if (uri.startsWith("oci://")) return (await import("./oci-FEMYH4O5.mjs")).openOciRegistry(uri, options);
  if (/^(mlflow|gitlab)\+https?:\/\//i.test(uri))
    return (await import("./mlflow-D5T5Y2ZS.mjs")).openMlflowRegistry(uri, options);
  throw new InputError(`registry '${uri}': expected ${registryUriForms}`);
}
function openStepRegistry(input, environment) {
  return openRegistry(input.registry, {
    cwd: environment.cwd,
    env: process.env,
    logger: environment.logger,
    insecure: input.insecureRegistry ?? false
  });
}

export {
  openRegistry,
  openStepRegistry
};
