#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  InputError
} from "./chunk-C6XSGGFY.mjs";

// packages/core/src/mlflow/params.ts
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

export {
  flattenParams
};
