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
} from "./chunk-FBAYBRAQ.mjs";
import "./chunk-MUOMZ454.mjs";
import "./chunk-Q2OW4E5W.mjs";
import "./chunk-HQARHKJP.mjs";
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
