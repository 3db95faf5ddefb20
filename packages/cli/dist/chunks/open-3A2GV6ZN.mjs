#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  openRegistry,
  openStepRegistry
} from "./chunk-7R67EM7P.mjs";
import "./chunk-NGKITZK2.mjs";
import "./chunk-EJQUBIZI.mjs";
import "./chunk-MKCMK22H.mjs";
export {
  openRegistry,
  openStepRegistry
};
