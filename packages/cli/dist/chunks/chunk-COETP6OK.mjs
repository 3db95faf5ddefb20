#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  InputError,
  ServiceError
} from "./chunk-C6XSGGFY.mjs";

// packages/core/src/io/json.ts
var maxJsonDepth = 1e3;
function parseJson(text, source, from = "input") {
  const json = typeof text === "string" ? text : Buffer.from(text).toString("utf8");
  const fail = (why, line) => {
    if (from === "service") throw new ServiceError(`${source}: ${why}`);
    throw new InputError(`${source}${line === void 0 ? "" : `:${line}`}: ${why}`);
  };
  const tooDeep = depthBeyondLimit(json);
  if (tooDeep !== void 0) fail(`JSON nested deeper than ${maxJsonDepth} levels`, tooDeep);
  try {
    return JSON.parse(json);
  } catch (error) {
    return fail(`invalid JSON: ${error.message}`);
  }
}
function depthBeyondLimit(json) {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < json.length; index++) {
    const char = json.charCodeAt(index);
    if (inString) {
      if (char === 92) index++;
      else if (char === 34) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 91 || char === 123) {
      if (++depth > maxJsonDepth) return json.slice(0, index).split("\n").length;
    } else if (char === 93 || char === 125) depth--;
  }
  return void 0;
}

export {
  maxJsonDepth,
  parseJson
};
