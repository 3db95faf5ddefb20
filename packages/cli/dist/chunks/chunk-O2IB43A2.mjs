#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  isDynamicPattern
} from "./chunk-VXLUZCFX.mjs";
import {
  InputError,
  shownPath
} from "./chunk-C6XSGGFY.mjs";

// packages/core/src/report/model.ts
function statusOf(checks) {
  return checks.some((check) => check.status === "failed") ? "failed" : "passed";
}

// packages/core/src/io/guard-paths.ts
import { realpath, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
async function realPathOf(path) {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    if (parent === path) return path;
    return join(await realPathOf(parent), basename(path));
  }
}
function isWithin(root, path) {
  const rel = relative(root, path);
  return rel === "" || rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
function patternBase(pattern) {
  if (!isDynamicPattern(pattern)) return pattern;
  const parts = pattern.split("/");
  const literal = [];
  for (const part of parts) {
    if (isDynamicPattern(part)) break;
    literal.push(part);
  }
  return literal.length === 0 ? "." : literal.join("/") || "/";
}
async function refuseReplacingKept(target, kept, cwd) {
  const realTarget = await realPathOf(resolve(cwd, target.path));
  const always = [
    { path: "/", what: "the root directory" },
    { path: homedir(), what: "your home directory" },
    { path: cwd, what: "the working directory" }
  ];
  for (const each of [...always, ...kept]) {
    const realKept = await realPathOf(resolve(cwd, each.path));
    const relation = realTarget === realKept ? "is" : isWithin(realTarget, realKept) ? "contains" : each.whole && isWithin(realKept, realTarget) ? "is inside" : void 0;
    if (relation === void 0) continue;
    const shownKept = shownPath(cwd, each.path);
    const named = `${shownKept === shownPath(cwd, target.path) ? each.what : `${each.what} '${shownKept}'`}${each.option ? ` (${each.option})` : ""}`;
    throw new InputError(
      `${target.option}: '${shownPath(cwd, target.path)}' ${relation} ${named}, and it is replaced on every run: give a directory of its own`
    );
  }
}
async function refuseSameFile(writes, reads, cwd) {
  const identify = async (named) => {
    const absolute = resolve(cwd, named.path);
    const stats = await stat(absolute).catch(() => void 0);
    return { named, real: await realPathOf(absolute), id: stats ? `${stats.dev}:${stats.ino}` : void 0 };
  };
  const same = (a, b) => a.id !== void 0 && b.id !== void 0 ? a.id === b.id : a.real === b.real;
  const message = (write, other, consequence) => {
    const shownWrite = shownPath(cwd, write.named.path);
    const shownOther = shownPath(cwd, other.named.path);
    return `${write.named.option}: '${shownWrite}' is the same file as ${other.named.option}${shownOther === shownWrite ? "" : ` '${shownOther}'`}: ${consequence}`;
  };
  const readIds = await Promise.all(reads.map(identify));
  const writeIds = await Promise.all(writes.map(identify));
  for (const [index, write] of writeIds.entries()) {
    for (const read of readIds)
      if (same(write, read))
        throw new InputError(
          message(
            write,
            read,
            "mlci would overwrite what it reads (as cp refuses 'cp a a'); write to another file"
          )
        );
    for (const other of writeIds.slice(0, index))
      if (other.named.option !== write.named.option && same(write, other))
        throw new InputError(message(write, other, "one would overwrite the other; give each its own file"));
  }
}

// packages/core/src/registry/evidence.ts
var evidenceTypes = {
  validation: { step: "validate-data", mediaType: "application/vnd.mlci.validation.v1+json" },
  evaluation: { step: "evaluate", mediaType: "application/vnd.mlci.evaluation.v1+json" },
  image: { step: "build-image", mediaType: "application/vnd.mlci.image.v1+json" }
};
var evidenceTypeNames = Object.keys(evidenceTypes);
function evidenceTypeOfStep(step) {
  return evidenceTypeNames.find((kind) => evidenceTypes[kind].step === step);
}
var evidenceStatusAnnotation = "dev.mlci.evidence.status";
function evidenceAttachment(kind, content, status, annotations = {}) {
  return {
    kind,
    mediaType: evidenceTypes[kind].mediaType,
    content,
    annotations: { [evidenceStatusAnnotation]: status, ...annotations }
  };
}
var profileEvidence = {
  kind: "profile",
  mediaType: "application/vnd.mlci.profile.v1+json"
};
var profileDataDigestAnnotation = "dev.mlci.profile.data.digest";

export {
  statusOf,
  patternBase,
  refuseReplacingKept,
  refuseSameFile,
  evidenceTypeNames,
  evidenceTypeOfStep,
  evidenceAttachment,
  profileEvidence,
  profileDataDigestAnnotation
};
