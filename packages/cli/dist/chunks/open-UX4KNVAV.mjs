#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  openRunCache
} from "./chunk-KFMET4XV.mjs";
import "./chunk-J67CBVZR.mjs";
import "./chunk-D2ICLLEY.mjs";
export {
  openRunCache
};
