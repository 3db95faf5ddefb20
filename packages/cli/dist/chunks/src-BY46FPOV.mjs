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
} from "./chunk-MXOBHHPL.mjs";
import "./chunk-2L6QC2FC.mjs";
import "./chunk-BRKVSMAE.mjs";
import "./chunk-XDK7ITFA.mjs";
import "./chunk-UJCVYE6O.mjs";
import "./chunk-IELRQ3ZJ.mjs";
import "./chunk-IBONZHGD.mjs";
import "./chunk-EHSMM5DC.mjs";
import "./chunk-ADAY2MOL.mjs";
import "./chunk-LHBXSNHE.mjs";
import "./chunk-ZJ4VYFXN.mjs";
import "./chunk-DCTISL7Z.mjs";
import "./chunk-2GFZTZLN.mjs";
import "./chunk-6HX3ZPWC.mjs";
import "./chunk-QZRBAWJX.mjs";
import "./chunk-GERWAOUI.mjs";
import "./chunk-373ZIGC3.mjs";
import "./chunk-N6HPUVNR.mjs";
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
