#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  openRunCache
} from "./chunk-SQN5FJIX.mjs";
import "./chunk-EJQUBIZI.mjs";
import "./chunk-MKCMK22H.mjs";
export {
  openRunCache
};
