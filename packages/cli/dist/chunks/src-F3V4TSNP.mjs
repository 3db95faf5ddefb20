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
} from "./chunk-BZW6HK4R.mjs";
import "./chunk-TEMYRZHB.mjs";
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
