#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  openRunCache
} from "./chunk-DRGE3ZBU.mjs";
import "./chunk-HQARHKJP.mjs";
import "./chunk-AQW5IZUH.mjs";
export {
  openRunCache
};
