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
} from "./chunk-JPCFNQ6Y.mjs";
import "./chunk-SAUSEJOT.mjs";
export {
  GitLabNoteError,
  GitLabPlatform,
  MergeRequestNotes,
  dotenvName,
  dotenvSizeLimit,
  gitlabNoteLimit,
  renderDotenv
};
