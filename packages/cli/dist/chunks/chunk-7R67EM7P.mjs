#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  registryUriForms
} from "./chunk-NGKITZK2.mjs";
import {
  refuseUriCredentials
} from "./chunk-EJQUBIZI.mjs";
import {
  InputError
} from "./chunk-MKCMK22H.mjs";

// packages/core/src/registry/open.ts
async function openRegistry(uri, options) {
  refuseUriCredentials(uri, "registry");
  if (uri.startsWith("file:")) return (await import("./file-JKY66UCF.mjs")).openFileRegistry(uri, options);
  if (uri.startsWith("oci://")) return (await import("./oci-GJGA4AB6.mjs")).openOciRegistry(uri, options);
  if (/^(mlflow|gitlab)\+https?:\/\//i.test(uri))
    return (await import("./mlflow-UUQT5BUH.mjs")).openMlflowRegistry(uri, options);
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
