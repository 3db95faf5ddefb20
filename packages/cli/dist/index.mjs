#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  runMlci
} from "./chunks/chunk-OUE7EY2Z.mjs";
import "./chunks/chunk-TAY3CW22.mjs";
import "./chunks/chunk-AQW5IZUH.mjs";

// packages/cli/src/index.ts
function main(argv) {
  return runMlci(argv);
}
export {
  main
};
