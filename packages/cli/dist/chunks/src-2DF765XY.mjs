#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  CommentPermissionError,
  GitHubArtifacts,
  GitHubPlatform,
  PullRequestComments,
  actionLogger,
  annotationLimit,
  commentBodyLimit,
  fitToBytes,
  githubActionsBot,
  inputsOf,
  runAction,
  stickyCommentBody,
  summaryLimitBytes
} from "./chunk-YSXN6UBC.mjs";
import "./chunk-QFZHZJZ3.mjs";
import "./chunk-BRKVSMAE.mjs";
import "./chunk-KFMET4XV.mjs";
import "./chunk-BJW2YEYZ.mjs";
import "./chunk-YQEWVWVS.mjs";
import "./chunk-WVWD2UVU.mjs";
import "./chunk-TJQN4LCC.mjs";
import "./chunk-ADAY2MOL.mjs";
import "./chunk-3DBY2HIH.mjs";
import "./chunk-6M3JQXCM.mjs";
import "./chunk-36VXNYKI.mjs";
import "./chunk-XJUGXYVO.mjs";
import "./chunk-NG4NALTD.mjs";
import "./chunk-E542AVMO.mjs";
import "./chunk-3NHQHRJM.mjs";
import "./chunk-OBZVEJFC.mjs";
import "./chunk-G4OK2ACW.mjs";
import "./chunk-BW5IR7IW.mjs";
import "./chunk-K2GXXSAJ.mjs";
import "./chunk-NBGCPSWF.mjs";
import "./chunk-IS7M7TXC.mjs";
import "./chunk-Q2OW4E5W.mjs";
import "./chunk-DUVLMM3U.mjs";
import "./chunk-J67CBVZR.mjs";
import "./chunk-WJR4YKLN.mjs";
import "./chunk-JQ6FLF6B.mjs";
import "./chunk-KLG7ZBD7.mjs";
import "./chunk-4VSSUXZN.mjs";
import "./chunk-FOQFGMYR.mjs";
import "./chunk-FKWBKYVE.mjs";
import "./chunk-D2ICLLEY.mjs";
export {
  CommentPermissionError,
  GitHubArtifacts,
  GitHubPlatform,
  PullRequestComments,
  actionLogger,
  annotationLimit,
  commentBodyLimit,
  fitToBytes,
  githubActionsBot,
  inputsOf,
  runAction,
  stickyCommentBody,
  summaryLimitBytes
};
