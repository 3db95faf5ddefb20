#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  runMlci
} from "./chunks/chunk-46W5RY7J.mjs";
import "./chunks/chunk-2Q3JY3Q2.mjs";
import "./chunks/chunk-AQW5IZUH.mjs";

// packages/cli/src/index.ts
function main(argv) {
  return runMlci(argv);
}
export {
  main
};
