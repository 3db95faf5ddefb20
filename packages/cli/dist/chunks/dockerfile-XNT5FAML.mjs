#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  buildDockerfile,
  builderCommands,
  findBuilder,
  imageBuilders,
  kanikoExecutor
} from "./chunk-BJW2YEYZ.mjs";
import "./chunk-K2GXXSAJ.mjs";
import "./chunk-J67CBVZR.mjs";
import "./chunk-FOQFGMYR.mjs";
import "./chunk-FKWBKYVE.mjs";
import "./chunk-D2ICLLEY.mjs";
export {
  buildDockerfile,
  builderCommands,
  findBuilder,
  imageBuilders,
  kanikoExecutor
};
