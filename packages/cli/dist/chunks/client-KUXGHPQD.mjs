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
} from "./chunk-FC4IMNRU.mjs";
import "./chunk-2GFZTZLN.mjs";
import "./chunk-Q2OW4E5W.mjs";
import "./chunk-7YFYVVS2.mjs";
import "./chunk-COETP6OK.mjs";
import "./chunk-C6XSGGFY.mjs";
import "./chunk-AQW5IZUH.mjs";
export {
  MlflowClient,
  MlflowRequestError,
  mlflowKeyProblem,
  mlflowLimits,
  parseTrackingUri,
  splitLogBatch,
  trackingUriForms
};
