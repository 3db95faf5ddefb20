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
  inputsOf,
  runAction,
  stickyCommentBody,
  summaryLimitBytes
} from "./chunk-RFIFS5YL.mjs";
import "./chunk-PYK4JTTM.mjs";
import "./chunk-FBSSLV3U.mjs";
import "./chunk-MUOMZ454.mjs";
import "./chunk-BRKVSMAE.mjs";
import "./chunk-HXKGRUVD.mjs";
import "./chunk-EHSMM5DC.mjs";
import "./chunk-YIXWV6XT.mjs";
import "./chunk-TIYG2NEG.mjs";
import "./chunk-NWSN7DU2.mjs";
import "./chunk-Q2OW4E5W.mjs";
import "./chunk-NXUZT252.mjs";
import "./chunk-5CLMASBW.mjs";
import "./chunk-JQ6FLF6B.mjs";
import "./chunk-WU5BIKWZ.mjs";
import "./chunk-NE4IMN4L.mjs";
import "./chunk-UJCVYE6O.mjs";
import "./chunk-373ZIGC3.mjs";
import "./chunk-HQARHKJP.mjs";
import "./chunk-AQW5IZUH.mjs";
export {
  CommentPermissionError,
  GitHubArtifacts,
  GitHubPlatform,
  PullRequestComments,
  actionLogger,
  annotationLimit,
  commentBodyLimit,
  fitToBytes,
  inputsOf,
  runAction,
  stickyCommentBody,
  summaryLimitBytes
};
