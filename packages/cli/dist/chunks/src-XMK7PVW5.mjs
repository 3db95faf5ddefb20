#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  AlertIssues,
  CommentPermissionError,
  GitHubArtifacts,
  GitHubPlatform,
  GitHubWriter,
  PullRequestComments,
  actionLogger,
  annotationLimit,
  commentBodyLimit,
  fitToBytes,
  githubActionsBot,
  inputsOf,
  runAction,
  statusOf,
  stickyCommentBody,
  summaryLimitBytes,
  writtenBy
} from "./chunk-I5JQHCUS.mjs";
import "./chunk-UO47NWD4.mjs";
import "./chunk-BRKVSMAE.mjs";
import "./chunk-BSRKY7RH.mjs";
import "./chunk-IENAR42C.mjs";
import "./chunk-I4YLKSLP.mjs";
import "./chunk-VBX5SYK5.mjs";
import "./chunk-BL3GINF3.mjs";
import "./chunk-A5LLLDZO.mjs";
import "./chunk-W6OFVBT5.mjs";
import "./chunk-KU5EUUQA.mjs";
import "./chunk-4O2OJROL.mjs";
import "./chunk-NG4NALTD.mjs";
import "./chunk-BB644DZP.mjs";
import "./chunk-2IPZRCFI.mjs";
import "./chunk-MP6JLZIQ.mjs";
import "./chunk-LYOMSYH6.mjs";
import "./chunk-BUFOYKQO.mjs";
import "./chunk-NGKITZK2.mjs";
import "./chunk-JQ6FLF6B.mjs";
import "./chunk-FE6GSPBI.mjs";
import "./chunk-NICBMV4O.mjs";
import "./chunk-NBGCPSWF.mjs";
import "./chunk-IS7M7TXC.mjs";
import "./chunk-KLG7ZBD7.mjs";
import "./chunk-4VSSUXZN.mjs";
import "./chunk-FOQFGMYR.mjs";
import "./chunk-Q2OW4E5W.mjs";
import "./chunk-PC3Y6LKK.mjs";
import "./chunk-TIUN4FPL.mjs";
import "./chunk-T5L7EXJE.mjs";
import "./chunk-MKCMK22H.mjs";
export {
  AlertIssues,
  CommentPermissionError,
  GitHubArtifacts,
  GitHubPlatform,
  GitHubWriter,
  PullRequestComments,
  actionLogger,
  annotationLimit,
  commentBodyLimit,
  fitToBytes,
  githubActionsBot,
  inputsOf,
  runAction,
  statusOf,
  stickyCommentBody,
  summaryLimitBytes,
  writtenBy
};
