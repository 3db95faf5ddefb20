#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  AliasConflict,
  latestVersion,
  modelNamePattern,
  versionLabels
} from "./chunk-XMRYHEY6.mjs";
import {
  bytesDigest
} from "./chunk-KLG7ZBD7.mjs";
import {
  parseJson
} from "./chunk-COETP6OK.mjs";
import {
  InputError,
  ServiceError
} from "./chunk-C6XSGGFY.mjs";

// packages/core/src/registry/alias-move.ts
var aliasNamePattern = /^[a-z0-9_][a-z0-9._-]{0,127}$/;
var versionPattern = /^[1-9][0-9]*$/;
function isAliasName(name) {
  return aliasNamePattern.test(name) && !/^[0-9]+$/.test(name) && !name.startsWith("sha256-") && name !== latestVersion;
}
function checkAliasName(alias) {
  if (!isAliasName(alias) || /^v[0-9]+$/.test(alias))
    throw new InputError(
      `alias '${alias}': expected lowercase letters, digits, '.', '_', '-' (not all digits, not '${latestVersion}', not 'v<number>', not starting with 'sha256-': those name versions in some backend)`
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
  const parsed = parseJson(bytes, where, "service");
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

// packages/core/src/registry/registrations.ts
var registrationKind = "registration";
var registrationMediaType = "application/vnd.mlci.registration.v1+json";
var annotationKeys = {
  commit: "dev.mlci.registration.commit",
  runId: "dev.mlci.registration.run.id",
  runUrl: "dev.mlci.registration.run.url",
  pipeline: "dev.mlci.registration.pipeline",
  source: "dev.mlci.registration.source",
  inputsDigest: "dev.mlci.registration.inputs.digest",
  time: "dev.mlci.registration.time"
};
var fields = Object.keys(annotationKeys);
function registrationAttachment(registration) {
  const present = fields.filter((field) => registration[field] !== void 0 && registration[field] !== "");
  return {
    kind: registrationKind,
    mediaType: registrationMediaType,
    content: Buffer.from(
      `${JSON.stringify(Object.fromEntries(present.map((field) => [field, registration[field]])))}
`
    ),
    annotations: Object.fromEntries(
      present.map((field) => [annotationKeys[field], String(registration[field])])
    )
  };
}
function registrationOfLabels(labels, time) {
  const registration = { time: labels[versionLabels.created] ?? time };
  if (labels[versionLabels.revision]) registration.commit = labels[versionLabels.revision];
  if (labels[versionLabels.runId]) registration.runId = labels[versionLabels.runId];
  if (labels[versionLabels.source]) registration.source = labels[versionLabels.source];
  if (labels[versionLabels.inputsDigest]) registration.inputsDigest = labels[versionLabels.inputsDigest];
  return registration;
}
function registrationOf(request) {
  return request.registration ?? registrationOfLabels(request.labels, (/* @__PURE__ */ new Date()).toISOString());
}
var readFromLabels = /* @__PURE__ */ new WeakSet();
function keyOf(registration) {
  if (registration.commit) return `commit ${registration.commit}`;
  if (registration.runId) return `run ${registration.runId}`;
  return `time ${registration.time}`;
}
function parseRegistration(attachment) {
  const annotations = attachment.annotations;
  const time = annotations[annotationKeys.time];
  if (!time) return void 0;
  const registration = { time };
  for (const field of fields) {
    const value = annotations[annotationKeys[field]];
    if (field !== "time" && value) registration[field] = value;
  }
  return registration;
}
function withRegistrations(version) {
  const attachments = [];
  const stored = [];
  for (const attachment of version.attachments) {
    if (attachment.kind !== registrationKind) {
      attachments.push(attachment);
      continue;
    }
    const registration = parseRegistration(attachment);
    if (registration) stored.push(registration);
  }
  stored.sort((a, b) => a.time.localeCompare(b.time));
  const registrations = [];
  for (const registration of stored)
    if (!registrations.some((other) => keyOf(other) === keyOf(registration)))
      registrations.push(registration);
  if (registrations.length === 0) {
    const fromLabels = registrationOfLabels(version.labels, version.createdAt);
    readFromLabels.add(fromLabels);
    registrations.push(fromLabels);
  }
  return { ...version, attachments, registrations };
}
function newVersionAttachments(request) {
  return [...request.attachments, registrationAttachment(registrationOf(request))];
}
function existingVersionAttachments(existing, request) {
  const registration = registrationOf(request);
  if (existing.registrations.some((other) => keyOf(other) === keyOf(registration)))
    return request.attachments;
  const first = existing.registrations[0];
  return [
    ...request.attachments,
    ...first && readFromLabels.has(first) ? [registrationAttachment(first)] : [],
    registrationAttachment(registration)
  ];
}
function registeredFrom(version, commit) {
  return version.registrations.some((registration) => registration.commit?.startsWith(commit));
}

export {
  isAliasName,
  checkAliasName,
  checkModelName,
  checkPromotionRecord,
  encodeMove,
  decodeMove,
  aliasConflict,
  versionState,
  withRegistrations,
  newVersionAttachments,
  existingVersionAttachments,
  registeredFrom
};
