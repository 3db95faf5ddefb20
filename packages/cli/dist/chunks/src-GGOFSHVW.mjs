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
} from "./chunk-K2OFKTVQ.mjs";
import "./chunk-DGDIWUFX.mjs";
import "./chunk-BRKVSMAE.mjs";
import "./chunk-EHSMM5DC.mjs";
import "./chunk-THJVZWKC.mjs";
import "./chunk-UJCVYE6O.mjs";
import "./chunk-FBSSLV3U.mjs";
import "./chunk-ADAY2MOL.mjs";
import "./chunk-WMN5RE53.mjs";
import "./chunk-MUOMZ454.mjs";
import "./chunk-6TSXIS5X.mjs";
import "./chunk-Q5SRQC4W.mjs";
import "./chunk-GERWAOUI.mjs";
import "./chunk-373ZIGC3.mjs";
import "./chunk-3RLF57FA.mjs";
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
