#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  require_dist
} from "./chunk-EHSMM5DC.mjs";
import {
  InputError
} from "./chunk-HQARHKJP.mjs";
import {
  __toESM
} from "./chunk-AQW5IZUH.mjs";

// packages/core/src/steps/train/params.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
async function loadParams(file, overrides, options) {
  const params = file === void 0 ? {} : await readParamsFile(resolve(options.cwd, file), file);
  for (const override of overrides) {
    const equals = override.indexOf("=");
    const key = override.slice(0, equals);
    if (equals <= 0 || key.split(".").some((part) => part === ""))
      throw new InputError(`${options.paramOption}: expected KEY=VALUE, got '${override}'`);
    setPath(params, key.split("."), parseScalar(override.slice(equals + 1)));
  }
  return params;
}
async function readParamsFile(path, shown) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new InputError(`${shown}: cannot read the params file (${error.code})`);
  }
  const lineCounter = new import_yaml.LineCounter();
  const document = (0, import_yaml.parseDocument)(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntaxError = document.errors[0];
  if (syntaxError) {
    const line = lineCounter.linePos(syntaxError.pos[0]).line;
    throw new InputError(`${shown}:${line}: invalid YAML: ${syntaxError.message.split("\n")[0]}`);
  }
  const value = document.toJS();
  if (value === null || value === void 0) return {};
  if (typeof value !== "object" || Array.isArray(value))
    throw new InputError(`${shown}: expected a mapping of parameter names to values`);
  return value;
}
function parseScalar(text) {
  try {
    const value = (0, import_yaml.parse)(text);
    return value === null && text.trim() !== "null" && text.trim() !== "~" ? text : value;
  } catch {
    return text;
  }
}
function setPath(target, path, value) {
  let node = target;
  for (const part of path.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== "object" || next === null || Array.isArray(next)) node[part] = {};
    node = node[part];
  }
  node[path[path.length - 1]] = value;
}
function flattenParams(params) {
  const flat = /* @__PURE__ */ new Map();
  const visit = (prefix, value) => {
    if (typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length > 0) {
      for (const [key, child] of Object.entries(value))
        visit(prefix === "" ? key : `${prefix}.${key}`, child);
      return;
    }
    if (flat.has(prefix)) throw new InputError(`params: "${prefix}" is given twice (once as a nested key)`);
    flat.set(prefix, typeof value === "string" ? value : JSON.stringify(value) ?? String(value));
  };
  for (const [key, value] of Object.entries(params)) visit(key, value);
  return Object.fromEntries(flat);
}
function paramVariable(name) {
  return `MLCI_PARAM_${name.replace(/[^A-Za-z0-9]+/g, "_").toUpperCase()}`;
}
function parseMetrics(text, shown) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${shown}: invalid JSON: ${error.message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new InputError(`${shown}: expected a JSON object of metric names to numbers`);
  const metrics = {};
  const walk = (node, prefix) => {
    for (const [key, entry] of Object.entries(node)) {
      const name = prefix ? `${prefix}.${key}` : key;
      if (typeof entry === "number" && Number.isFinite(entry)) metrics[name] = entry;
      else if (typeof entry === "object" && entry !== null && !Array.isArray(entry))
        walk(entry, name);
      else throw new InputError(`${shown}: metric '${name}' is not a finite number`);
    }
  };
  walk(value, "");
  return metrics;
}

export {
  loadParams,
  flattenParams,
  paramVariable,
  parseMetrics
};
