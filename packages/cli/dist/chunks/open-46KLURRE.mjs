#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  openRunCache
} from "./chunk-O7NCGSNF.mjs";
import "./chunk-2WYYKV6E.mjs";
import "./chunk-C6XSGGFY.mjs";
import "./chunk-AQW5IZUH.mjs";
export {
  openRunCache
};
