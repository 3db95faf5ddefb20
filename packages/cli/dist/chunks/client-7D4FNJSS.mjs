#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  MlflowClient,
  MlflowRequestError,
  mlflowKeyProblem,
  mlflowLimits,
  parseTrackingUri,
  splitLogBatch,
  trackingUriForms
} from "./chunk-SOIGO7JH.mjs";
import "./chunk-3NHQHRJM.mjs";
import "./chunk-Q2OW4E5W.mjs";
import "./chunk-DUVLMM3U.mjs";
import "./chunk-J67CBVZR.mjs";
import "./chunk-FKWBKYVE.mjs";
import "./chunk-D2ICLLEY.mjs";
export {
  MlflowClient,
  MlflowRequestError,
  mlflowKeyProblem,
  mlflowLimits,
  parseTrackingUri,
  splitLogBatch,
  trackingUriForms
};
