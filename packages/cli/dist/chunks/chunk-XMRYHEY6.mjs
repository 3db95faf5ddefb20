#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  ExitCode,
  MlciError
} from "./chunk-C6XSGGFY.mjs";

// packages/core/src/registry/registry.ts
var versionLabels = {
  runId: "dev.mlci.run.id",
  revision: "org.opencontainers.image.revision",
  source: "org.opencontainers.image.source",
  created: "org.opencontainers.image.created",
  inputsDigest: "dev.mlci.inputs.digest"
};
var AliasConflict = class extends MlciError {
  constructor(message) {
    super(message, ExitCode.gateFailed);
  }
};
var registryUriForms = "file:DIR, oci://HOST[:PORT]/PREFIX, mlflow+http(s)://HOST[:PORT][/PATH] or gitlab+https://HOST/GROUP/PROJECT";
var modelNamePattern = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
var latestVersion = "latest";
function versionOrAlias(version) {
  if (version === latestVersion) return `versions (so no '${latestVersion}')`;
  return /^[0-9]+$/.test(version) ? `version ${version}` : `version or alias '${version}'`;
}

export {
  versionLabels,
  AliasConflict,
  registryUriForms,
  modelNamePattern,
  latestVersion,
  versionOrAlias
};
