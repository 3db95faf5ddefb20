#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  openRegistry,
  openStepRegistry
} from "./chunk-3U2PU2IP.mjs";
import "./chunk-XMRYHEY6.mjs";
import "./chunk-2WYYKV6E.mjs";
import "./chunk-C6XSGGFY.mjs";
import "./chunk-AQW5IZUH.mjs";
export {
  openRegistry,
  openStepRegistry
};
