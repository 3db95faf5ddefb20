#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  openRegistry
} from "./chunk-IE3O3PSR.mjs";
import "./chunk-QZRBAWJX.mjs";
import "./chunk-HQARHKJP.mjs";
import "./chunk-AQW5IZUH.mjs";
export {
  openRegistry
};
