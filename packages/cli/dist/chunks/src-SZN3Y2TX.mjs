#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  CommentPermissionError,
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
} from "./chunk-EXK56V5T.mjs";
import "./chunk-WARJJPWC.mjs";
import "./chunk-MUOMZ454.mjs";
import "./chunk-DO2ZSATI.mjs";
import "./chunk-EHSMM5DC.mjs";
import "./chunk-5PVKRG3G.mjs";
import "./chunk-UAKSCXHF.mjs";
import "./chunk-Q2OW4E5W.mjs";
import "./chunk-NXUZT252.mjs";
import "./chunk-JQ6FLF6B.mjs";
import "./chunk-WU5BIKWZ.mjs";
import "./chunk-AYEXOAS2.mjs";
import "./chunk-P2NMIRR2.mjs";
import "./chunk-V7DR77BD.mjs";
import "./chunk-5CLMASBW.mjs";
import "./chunk-HQARHKJP.mjs";
import "./chunk-AQW5IZUH.mjs";
export {
  CommentPermissionError,
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
