#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  buildDockerfile,
  builderCommands,
  findBuilder,
  imageBuilders,
  kanikoExecutor
} from "./chunk-I3MUITDX.mjs";
import "./chunk-YELMGPBK.mjs";
import "./chunk-FOQFGMYR.mjs";
import "./chunk-TIUN4FPL.mjs";
import "./chunk-EJQUBIZI.mjs";
import "./chunk-MKCMK22H.mjs";
export {
  buildDockerfile,
  builderCommands,
  findBuilder,
  imageBuilders,
  kanikoExecutor
};
