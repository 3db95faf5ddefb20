#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  buildDockerfile,
  builderCommands,
  findBuilder,
  imageBuilders,
  kanikoExecutor
} from "./chunk-UJCVYE6O.mjs";
import "./chunk-373ZIGC3.mjs";
import "./chunk-HQARHKJP.mjs";
import "./chunk-AQW5IZUH.mjs";
export {
  buildDockerfile,
  builderCommands,
  findBuilder,
  imageBuilders,
  kanikoExecutor
};
