#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  AlertIssues,
  GitLabArtifacts,
  GitLabNoteError,
  GitLabPlatform,
  GitLabWriter,
  MergeRequestNotes,
  dotenvName,
  dotenvSizeLimit,
  gitlabNoteLimit,
  renderDotenv
} from "./chunk-WWEWUEHQ.mjs";
import "./chunk-NUT6ZQJ5.mjs";
import "./chunk-3W7TTLE6.mjs";
import "./chunk-CRZANYJ3.mjs";
import "./chunk-BRKVSMAE.mjs";
import "./chunk-2J3FR4HG.mjs";
import "./chunk-YUSKF6SC.mjs";
import "./chunk-I3MUITDX.mjs";
import "./chunk-A5LLLDZO.mjs";
import "./chunk-S5BTKVLO.mjs";
import "./chunk-KU5EUUQA.mjs";
import "./chunk-I4YLKSLP.mjs";
import "./chunk-BB644DZP.mjs";
import "./chunk-GAFF6UVX.mjs";
import "./chunk-KYECJA6K.mjs";
import "./chunk-LROHRW5Z.mjs";
import "./chunk-4O2OJROL.mjs";
import "./chunk-NG4NALTD.mjs";
import "./chunk-2IPZRCFI.mjs";
import "./chunk-MP6JLZIQ.mjs";
import "./chunk-LYOMSYH6.mjs";
import "./chunk-WNG7WDPQ.mjs";
import "./chunk-NGKITZK2.mjs";
import "./chunk-JQ6FLF6B.mjs";
import "./chunk-FE6GSPBI.mjs";
import "./chunk-YELMGPBK.mjs";
import "./chunk-NBGCPSWF.mjs";
import "./chunk-IS7M7TXC.mjs";
import "./chunk-KLG7ZBD7.mjs";
import "./chunk-4VSSUXZN.mjs";
import "./chunk-FOQFGMYR.mjs";
import "./chunk-Q2OW4E5W.mjs";
import "./chunk-PC3Y6LKK.mjs";
import "./chunk-TIUN4FPL.mjs";
import "./chunk-EJQUBIZI.mjs";
import "./chunk-MKCMK22H.mjs";
export {
  AlertIssues,
  GitLabArtifacts,
  GitLabNoteError,
  GitLabPlatform,
  GitLabWriter,
  MergeRequestNotes,
  dotenvName,
  dotenvSizeLimit,
  gitlabNoteLimit,
  renderDotenv
};
