#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  GitLabNoteError,
  GitLabPlatform,
  MergeRequestNotes,
  dotenvName,
  dotenvSizeLimit,
  gitlabNoteLimit,
  renderDotenv
} from "./chunk-4GK76OSP.mjs";
import "./chunk-FOE2TV4W.mjs";
import "./chunk-RWS2OR5W.mjs";
import "./chunk-5PVKRG3G.mjs";
import "./chunk-H7RZAMBM.mjs";
import "./chunk-45GVN5PF.mjs";
import "./chunk-5CLMASBW.mjs";
import "./chunk-JQ6FLF6B.mjs";
import "./chunk-VAJLQ5E2.mjs";
import "./chunk-MUOMZ454.mjs";
import "./chunk-Q2OW4E5W.mjs";
import "./chunk-HQARHKJP.mjs";
import "./chunk-AQW5IZUH.mjs";
export {
  GitLabNoteError,
  GitLabPlatform,
  MergeRequestNotes,
  dotenvName,
  dotenvSizeLimit,
  gitlabNoteLimit,
  renderDotenv
};
