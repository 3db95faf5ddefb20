#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  InputError
} from "./chunk-C6XSGGFY.mjs";

// packages/core/src/metrics/names.ts
var BINARY_METRICS = ["precision", "recall", "f1"];
var SCORE_METRICS = ["roc_auc", "average_precision", "log_loss"];
var AVERAGED_METRICS = [
  "precision_macro",
  "recall_macro",
  "f1_macro",
  "precision_weighted",
  "recall_weighted",
  "f1_weighted"
];
var CLASSIFICATION_METRICS = [
  "accuracy",
  ...BINARY_METRICS,
  ...SCORE_METRICS,
  ...AVERAGED_METRICS
];
var REGRESSION_METRICS = ["rmse", "mae", "r2", "mape"];
var METRIC_NAMES = {
  classification: CLASSIFICATION_METRICS,
  regression: REGRESSION_METRICS
};
var ALL = /* @__PURE__ */ new Set([...CLASSIFICATION_METRICS, ...REGRESSION_METRICS]);
var LOWER_IS_BETTER = /* @__PURE__ */ new Set(["log_loss", "rmse", "mae", "mape"]);
function isMetricName(name) {
  return ALL.has(name);
}
function higherIsBetter(name) {
  return !LOWER_IS_BETTER.has(name);
}
function metricTask(name) {
  return REGRESSION_METRICS.includes(name) ? "regression" : "classification";
}
function metricValue(file, name, value) {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "number")
    throw new InputError(
      `${file}: metric '${name}' is out of range (beyond ${value > 0 ? "" : "-"}1.8e308, the largest number a double holds)`
    );
  throw new InputError(`${file}: metric '${name}' is ${JSON.stringify(value)}, not a finite number`);
}

export {
  BINARY_METRICS,
  SCORE_METRICS,
  AVERAGED_METRICS,
  CLASSIFICATION_METRICS,
  REGRESSION_METRICS,
  METRIC_NAMES,
  isMetricName,
  higherIsBetter,
  metricTask,
  metricValue
};
