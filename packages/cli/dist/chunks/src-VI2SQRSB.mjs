#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  GitLabNoteError,
  GitLabPlatform,
  MergeRequestNotes,
  dotenvName,
  dotenvSizeLimit,
  gitlabNoteLimit,
  renderDotenv
} from "./chunk-4MXMB4MW.mjs";
import "./chunk-5XWHC7TO.mjs";
export {
  GitLabNoteError,
  GitLabPlatform,
  MergeRequestNotes,
  dotenvName,
  dotenvSizeLimit,
  gitlabNoteLimit,
  renderDotenv
};
