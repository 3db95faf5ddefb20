#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  GitLabArtifacts,
  GitLabNoteError,
  GitLabPlatform,
  MergeRequestNotes,
  dotenvName,
  dotenvSizeLimit,
  gitlabNoteLimit,
  renderDotenv
} from "./chunk-K5FPKI22.mjs";
import "./chunk-KW7XZHRJ.mjs";
import "./chunk-BRKVSMAE.mjs";
import "./chunk-DRGE3ZBU.mjs";
import "./chunk-UJCVYE6O.mjs";
import "./chunk-E6HG3OD4.mjs";
import "./chunk-JJZHG6SZ.mjs";
import "./chunk-EHSMM5DC.mjs";
import "./chunk-ADAY2MOL.mjs";
import "./chunk-SU6BW2MJ.mjs";
import "./chunk-GFBBE7ZO.mjs";
import "./chunk-DCTISL7Z.mjs";
import "./chunk-2GFZTZLN.mjs";
import "./chunk-IE3O3PSR.mjs";
import "./chunk-QZRBAWJX.mjs";
import "./chunk-GERWAOUI.mjs";
import "./chunk-373ZIGC3.mjs";
import "./chunk-3RLF57FA.mjs";
import "./chunk-IS7M7TXC.mjs";
import "./chunk-Q2OW4E5W.mjs";
import "./chunk-HQARHKJP.mjs";
import "./chunk-5CLMASBW.mjs";
import "./chunk-JQ6FLF6B.mjs";
import "./chunk-WU5BIKWZ.mjs";
import "./chunk-AQW5IZUH.mjs";
export {
  GitLabArtifacts,
  GitLabNoteError,
  GitLabPlatform,
  MergeRequestNotes,
  dotenvName,
  dotenvSizeLimit,
  gitlabNoteLimit,
  renderDotenv
};
