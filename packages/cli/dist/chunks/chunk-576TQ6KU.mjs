#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  headCommit
} from "./chunk-HGLLVRDD.mjs";
import {
  checkModelName,
  isAliasName,
  registeredFrom
} from "./chunk-T5LB56MC.mjs";
import {
  latestVersion
} from "./chunk-XMRYHEY6.mjs";
import {
  InputError
} from "./chunk-C6XSGGFY.mjs";

// packages/core/src/registry/version-ref.ts
var modelRefPattern = /^[^@\s]+(?:@[^@\s]+)?$/;
var modelRefForms = "NAME@VERSION, NAME@ALIAS or NAME@latest";
function parseModelRef(text, option, { versionOptional = false } = {}) {
  const prefix = option === "" ? "" : `${option}: `;
  const forms = versionOptional ? `NAME (the version this commit registered), ${modelRefForms}` : modelRefForms;
  const at = text.indexOf("@");
  const model = at < 0 ? text : text.slice(0, at);
  const version = at < 0 ? void 0 : text.slice(at + 1);
  if (model === "" || version === void 0 && !versionOptional || version !== void 0 && !/^[1-9][0-9]*$/.test(version) && version !== latestVersion && !isAliasName(version))
    throw new InputError(`${prefix}'${text}': expected ${forms}`);
  try {
    checkModelName(model);
  } catch (error) {
    throw new InputError(`${prefix}${error.message}`);
  }
  return version === void 0 ? { model } : { model, version };
}
async function currentCommits(cwd, context) {
  const head = await headCommit(cwd);
  const commits = head ? [head] : [];
  if (context.commit && !commits.includes(context.commit)) commits.push(context.commit);
  return commits;
}
async function versionRegisteredFrom(registry, model, commit) {
  return (await registry.listVersions(model)).filter((version) => registeredFrom(version, commit)).at(-1);
}
async function resolveModelRef(registry, ref, where) {
  if (ref.version !== void 0) return registry.getVersion(ref.model, ref.version);
  const commits = await currentCommits(where.cwd, where.context);
  if (commits.length === 0)
    throw new InputError(
      `${where.option}: '${ref.model}' names no version and this run has no commit (not a git checkout, and the CI names none): give ${ref.model}@VERSION or ${ref.model}@latest`
    );
  for (const commit of commits) {
    const found = await versionRegisteredFrom(registry, ref.model, commit);
    if (found) return found;
  }
  throw new InputError(
    `${where.option}: no version of ${ref.model} in ${registry.uri} was registered from commit ${commits.join(" or ")} (train --register ${ref.model} on this commit first, or give ${ref.model}@VERSION)`
  );
}

export {
  modelRefPattern,
  modelRefForms,
  parseModelRef,
  currentCommits,
  versionRegisteredFrom,
  resolveModelRef
};
