#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  AliasConflict,
  modelNamePattern
} from "./chunk-Q5SRQC4W.mjs";
import {
  InputError,
  ServiceError
} from "./chunk-HQARHKJP.mjs";
import {
  bytesDigest
} from "./chunk-WU5BIKWZ.mjs";

// packages/core/src/registry/alias-move.ts
var aliasNamePattern = /^[a-z0-9_][a-z0-9._-]{0,127}$/;
var versionPattern = /^[1-9][0-9]*$/;
function isAliasName(name) {
  return aliasNamePattern.test(name) && !/^[0-9]+$/.test(name) && !name.startsWith("sha256-");
}
function checkAliasName(alias) {
  if (!isAliasName(alias))
    throw new InputError(
      `alias '${alias}': expected lowercase letters, digits, '.', '_', '-' (not all digits, not starting with 'sha256-')`
    );
}
function checkModelName(model) {
  if (!modelNamePattern.test(model))
    throw new InputError(
      `model name '${model}': expected lowercase letters and digits separated by '.', '_', '__' or '-' (e.g. churn-model)`
    );
}
function checkPromotionRecord(record) {
  checkModelName(record.model);
  checkAliasName(record.alias);
  if (typeof record.version !== "string" || !versionPattern.test(record.version))
    throw new InputError(`promotion record: version '${record.version}': expected a version number`);
  if (record.previous !== null && !versionPattern.test(String(record.previous)))
    throw new InputError(
      `promotion record: previous '${record.previous}': expected a version number or null (no holder)`
    );
  if (record.action !== "promote" && record.action !== "rollback")
    throw new InputError(`promotion record: action '${record.action}': expected promote or rollback`);
  if (typeof record.time !== "string" || Number.isNaN(Date.parse(record.time)))
    throw new InputError(`promotion record: time '${record.time}': expected an ISO date and time`);
  if (!Array.isArray(record.evidence))
    throw new InputError("promotion record: evidence: expected a list of {kind, digest}");
}
function encodeMove(move) {
  return Buffer.from(`${JSON.stringify(move, null, 2)}
`);
}
function decodeMove(bytes, where) {
  let parsed;
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch (error) {
    throw new ServiceError(`${where}: not JSON (${error.message})`);
  }
  const record = parsed?.record;
  if (typeof record !== "object" || record === null || typeof record.version !== "string" || typeof record.alias !== "string" || parsed.previousMove !== null && typeof parsed.previousMove !== "string")
    throw new ServiceError(`${where}: not a stored alias move ({record, previousMove})`);
  return { move: parsed, aliasMove: { record, digest: bytesDigest(bytes) } };
}
function aliasConflict(record, registry, found, detail = "") {
  const state = (version) => version === null ? "no holder" : `version ${version}`;
  return new AliasConflict(
    `alias '${record.alias}' of model '${record.model}' in ${registry} moved meanwhile: expected ${state(record.previous)}, found ${found === null ? "no holder" : found}${detail}; nothing changed`
  );
}
var versionState = (version) => version === null ? null : `version ${version}`;

export {
  isAliasName,
  checkAliasName,
  checkModelName,
  checkPromotionRecord,
  encodeMove,
  decodeMove,
  aliasConflict,
  versionState
};
