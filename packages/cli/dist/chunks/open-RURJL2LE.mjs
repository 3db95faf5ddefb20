#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  openRunCache
} from "./chunk-BSRKY7RH.mjs";
import "./chunk-T5L7EXJE.mjs";
import "./chunk-MKCMK22H.mjs";
export {
  openRunCache
};
