#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  require_dist
} from "./chunk-EHSMM5DC.mjs";
import {
  maxJsonDepth
} from "./chunk-COETP6OK.mjs";
import {
  InputError
} from "./chunk-C6XSGGFY.mjs";
import {
  __toESM
} from "./chunk-AQW5IZUH.mjs";

// packages/core/src/io/yaml.ts
var import_yaml = __toESM(require_dist(), 1);
var maxYamlAliases = 100;
function parseYamlFile(text, file, options = {}) {
  const lineCounter = new import_yaml.LineCounter();
  const lineOf = (node) => {
    const range = node?.range;
    return range ? lineCounter.linePos(range[0]).line : void 0;
  };
  let document;
  try {
    document = (0, import_yaml.parseDocument)(text, {
      lineCounter,
      prettyErrors: false,
      // Checked below in one pass: the library compares each key with every earlier one of its map, which took
      // seconds for a schema of 5,000 columns.
      uniqueKeys: false,
      ...options.intAsBigInt ? { intAsBigInt: true } : {}
    });
  } catch (error) {
    throw new InputError(`${file}: cannot parse as YAML: ${error.message}`);
  }
  const [syntaxError] = document.errors;
  if (syntaxError && /call stack/i.test(syntaxError.message))
    throw new InputError(`${file}: YAML nested too deeply to read (over ${maxJsonDepth} levels)`);
  if (syntaxError) {
    const line = lineCounter.linePos(syntaxError.pos[0]).line;
    throw new InputError(`${file}:${line}: invalid YAML: ${syntaxError.message.split("\n")[0]}`);
  }
  const duplicate = firstDuplicateKey(document.contents);
  if (duplicate)
    throw new InputError(`${file}:${lineOf(duplicate) ?? 1}: invalid YAML: Map keys must be unique`);
  let value;
  try {
    value = document.toJS({ maxAliasCount: maxYamlAliases });
  } catch (error) {
    if (/alias/i.test(error.message))
      throw new InputError(
        `${file}: YAML aliases expand beyond ${maxYamlAliases} uses (a "billion laughs" file): write the values out`
      );
    throw new InputError(`${file}: cannot read as YAML: ${error.message}`);
  }
  if (deeperThan(value, maxJsonDepth))
    throw new InputError(`${file}: YAML nested deeper than ${maxJsonDepth} levels`);
  return { document, value, lineOf };
}
function deeperThan(value, limit) {
  const pending = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (typeof node !== "object" || node === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return false;
}
function firstDuplicateKey(root) {
  const pending = [root];
  for (let node = pending.pop(); node !== void 0 || pending.length > 0; node = pending.pop()) {
    if ((0, import_yaml.isMap)(node)) {
      const seen = /* @__PURE__ */ new Set();
      for (const pair of node.items) {
        const key = pair.key;
        if ((0, import_yaml.isScalar)(key)) {
          if (seen.has(key.value)) return key;
          seen.add(key.value);
        }
      }
      for (const pair of [...node.items].reverse()) pending.push(pair.value);
    } else if ((0, import_yaml.isSeq)(node)) for (const item of [...node.items].reverse()) pending.push(item);
  }
  return void 0;
}

export {
  parseYamlFile
};
