#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  openRegistry
} from "./chunk-OBZVEJFC.mjs";
import "./chunk-G4OK2ACW.mjs";
import "./chunk-J67CBVZR.mjs";
import "./chunk-D2ICLLEY.mjs";
export {
  openRegistry
};
