#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  getOwn,
  setOwn
} from "./chunk-YWAIXB75.mjs";
import {
  metricValue
} from "./chunk-2J3FR4HG.mjs";
import {
  parseYamlFile
} from "./chunk-KYECJA6K.mjs";
import {
  readInputFile
} from "./chunk-4O2OJROL.mjs";
import {
  parseJson
} from "./chunk-TIUN4FPL.mjs";
import {
  InputError
} from "./chunk-MKCMK22H.mjs";

// packages/core/src/steps/train/params.ts
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
    text = (await readInputFile(path, shown)).toString("utf8");
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${shown}: cannot read the params file (${error.code})`);
  }
  const { value } = parseYamlFile(text, shown);
  if (value === null || value === void 0) return {};
  if (typeof value !== "object" || Array.isArray(value))
    throw new InputError(`${shown}: expected a mapping of parameter names to values`);
  return value;
}
function parseScalar(text) {
  try {
    const { value } = parseYamlFile(text, "param");
    return value === null && text.trim() !== "null" && text.trim() !== "~" ? text : value;
  } catch {
    return text;
  }
}
function setPath(target, path, value) {
  let node = target;
  for (const part of path.slice(0, -1)) {
    const next = getOwn(node, part);
    if (typeof next !== "object" || next === null || Array.isArray(next)) setOwn(node, part, {});
    node = getOwn(node, part);
  }
  setOwn(node, path[path.length - 1], value);
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
  const value = parseJson(text, shown);
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new InputError(`${shown}: expected a JSON object of metric names to numbers`);
  const metrics = {};
  const walk = (node, prefix) => {
    for (const [key, entry] of Object.entries(node)) {
      const name = prefix ? `${prefix}.${key}` : key;
      if (typeof entry === "object" && entry !== null && !Array.isArray(entry))
        walk(entry, name);
      else setOwn(metrics, name, metricValue(shown, name, entry));
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
