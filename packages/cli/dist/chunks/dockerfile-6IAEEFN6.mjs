#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  buildDockerfile,
  builderCommands,
  findBuilder,
  imageBuilders,
  kanikoExecutor
} from "./chunk-GSMRIG7M.mjs";
import "./chunk-J77EQZPR.mjs";
import "./chunk-BOL2UAYQ.mjs";
import "./chunk-COETP6OK.mjs";
import "./chunk-2WYYKV6E.mjs";
import "./chunk-C6XSGGFY.mjs";
import "./chunk-AQW5IZUH.mjs";
export {
  buildDockerfile,
  builderCommands,
  findBuilder,
  imageBuilders,
  kanikoExecutor
};
