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
} from "./chunk-IUKRNSRK.mjs";
import "./chunk-SAUSEJOT.mjs";
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
