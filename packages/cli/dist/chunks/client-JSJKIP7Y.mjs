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
} from "./chunk-7L2AI4O4.mjs";
import "./chunk-LYOMSYH6.mjs";
import "./chunk-Q2OW4E5W.mjs";
import "./chunk-PC3Y6LKK.mjs";
import "./chunk-TIUN4FPL.mjs";
import "./chunk-MKCMK22H.mjs";
export {
  MlflowClient,
  MlflowRequestError,
  mlflowKeyProblem,
  mlflowLimits,
  parseTrackingUri,
  splitLogBatch,
  trackingUriForms
};
