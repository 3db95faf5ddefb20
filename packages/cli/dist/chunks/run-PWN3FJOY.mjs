#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  readStoredSide,
  withName
} from "./chunk-KNHZKZJ6.mjs";
import {
  aliasHolder,
  isNoHolder
} from "./chunk-CZAUSQ5U.mjs";
import {
  BOOTSTRAP_METRICS,
  DEFAULT_BOOTSTRAP_SEED,
  DEFAULT_CONFIDENCE,
  DEFAULT_RESAMPLES,
  LINEARIZATION_CHECKS,
  LINEARIZED_GROUPS,
  SeededRandom,
  chartNumber,
  drawRowWeights,
  groupedSum,
  matches,
  mcnemarTest,
  mermaidText,
  pairedBootstrap,
  quantileSorted,
  rankScores,
  sortFloat64InPlace,
  xychartFor
} from "./chunk-PIGIVRCI.mjs";
import {
  BINARY_METRICS,
  CLASSIFICATION_METRICS,
  METRIC_NAMES,
  REGRESSION_METRICS,
  SCORE_METRICS,
  higherIsBetter,
  isMetricName,
  metricTask,
  metricValue
} from "./chunk-TJKDTMP2.mjs";
import {
  parseModelRef,
  resolveModelRef
} from "./chunk-576TQ6KU.mjs";
import {
  evidenceAttachment,
  refuseSameFile,
  statusOf
} from "./chunk-O2IB43A2.mjs";
import {
  stepReportFiles,
  writeStepReports
} from "./chunk-HGLLVRDD.mjs";
import "./chunk-VXLUZCFX.mjs";
import {
  getOwn,
  setOwn
} from "./chunk-YWAIXB75.mjs";
import {
  distinctEdges,
  formatOf,
  loadDuckDB,
  quoteIdentifier,
  withData
} from "./chunk-OJEZEUZX.mjs";
import "./chunk-3WGW567F.mjs";
import "./chunk-EHSMM5DC.mjs";
import {
  readInputFile,
  requireRegularFile
} from "./chunk-MK3DDHCX.mjs";
import {
  codeSpan,
  formatMetric,
  heading,
  literalText,
  md,
  plural,
  table
} from "./chunk-5PJDXVWP.mjs";
import {
  writeFileAtomic
} from "./chunk-VQWOU3SX.mjs";
import {
  checkAliasName,
  checkModelName
} from "./chunk-T5LB56MC.mjs";
import "./chunk-2GFZTZLN.mjs";
import {
  latestVersion
} from "./chunk-XMRYHEY6.mjs";
import "./chunk-KLG7ZBD7.mjs";
import "./chunk-4VSSUXZN.mjs";
import "./chunk-BOL2UAYQ.mjs";
import {
  parseJson
} from "./chunk-COETP6OK.mjs";
import {
  InputError
} from "./chunk-C6XSGGFY.mjs";
import "./chunk-AQW5IZUH.mjs";

// packages/core/src/steps/evaluate/run.ts
import { readFile } from "node:fs/promises";
import { basename, extname, join, resolve as resolve3 } from "node:path";

// packages/core/src/metrics/summation.ts
var NUMPY_BUFFER_SIZE = 8192;
var PAIRWISE_BLOCK = 128;
function pairwiseSum(values, start, length) {
  if (length < 8) {
    let sum = 0;
    for (let i = start; i < start + length; i++) sum += values[i];
    return sum;
  }
  if (length <= PAIRWISE_BLOCK) {
    let r0 = values[start];
    let r1 = values[start + 1];
    let r2 = values[start + 2];
    let r3 = values[start + 3];
    let r4 = values[start + 4];
    let r5 = values[start + 5];
    let r6 = values[start + 6];
    let r7 = values[start + 7];
    const unrolledEnd = start + length - length % 8;
    let i = start + 8;
    for (; i < unrolledEnd; i += 8) {
      r0 += values[i];
      r1 += values[i + 1];
      r2 += values[i + 2];
      r3 += values[i + 3];
      r4 += values[i + 4];
      r5 += values[i + 5];
      r6 += values[i + 6];
      r7 += values[i + 7];
    }
    let sum = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < start + length; i++) sum += values[i];
    return sum;
  }
  let half = Math.floor(length / 2);
  half -= half % 8;
  return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, length - half);
}
function numpySum(values) {
  let total = 0;
  for (let start = 0; start < values.length; start += NUMPY_BUFFER_SIZE) {
    total += pairwiseSum(values, start, Math.min(NUMPY_BUFFER_SIZE, values.length - start));
  }
  return total;
}
var NumpySum = class {
  chunk = new Float64Array(NUMPY_BUFFER_SIZE);
  filled = 0;
  total = 0;
  add(value) {
    this.chunk[this.filled++] = value;
    if (this.filled === NUMPY_BUFFER_SIZE) {
      this.total += pairwiseSum(this.chunk, 0, NUMPY_BUFFER_SIZE);
      this.filled = 0;
    }
  }
  /** The sum of everything added so far. */
  sum() {
    return this.filled === 0 ? this.total : this.total + pairwiseSum(this.chunk, 0, this.filled);
  }
};

// packages/core/src/metrics/classification.ts
var { log, max, min } = Math;
var FLOAT64_EPS = 2220446049250313e-31;
var ROC_AUC_ONE_CLASS = "Only one class present in y_true. ROC AUC score is not defined in that case.";
var BINARY_ON_MULTICLASS = "Target is multiclass but average='binary'. Please choose another average setting, one of [None, 'micro', 'macro', 'weighted'].";
var AVERAGE_PRECISION_NO_POSITIVE = "No positive class found in y_true, recall is set to one for all thresholds.";
function checkRows(labels, predictions, second = "predictions") {
  if (labels.length !== predictions.length) {
    throw new InputError(
      `labels and ${second} have different lengths (${labels.length} and ${predictions.length})`
    );
  }
  if (labels.length === 0) throw new InputError("no rows to evaluate");
  return labels.length;
}
function checkScores(scores) {
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (!(s >= 0 && s <= 1)) {
      throw new InputError(`score ${s} at row ${i + 1} is not a probability in [0, 1]`);
    }
  }
}
function confusionCounts(labels, predictions, classCount) {
  const n = checkRows(labels, predictions);
  const counts = new Float64Array(classCount * classCount);
  for (let i = 0; i < n; i++) {
    const t = labels[i];
    const p = predictions[i];
    if (t >>> 0 >= classCount || p >>> 0 >= classCount) {
      throw new InputError(
        `row ${i + 1}: class index ${t >>> 0 >= classCount ? t : p} is outside the ${classCount} classes`
      );
    }
    counts[t * classCount + p]++;
  }
  return counts;
}
function classTotals(counts, classCount) {
  const actual = new Float64Array(classCount);
  const predicted = new Float64Array(classCount);
  for (let t = 0; t < classCount; t++) {
    for (let p = 0; p < classCount; p++) {
      const c = counts[t * classCount + p];
      actual[t] += c;
      predicted[p] += c;
    }
  }
  const present = [];
  for (let c = 0; c < classCount; c++) if (actual[c] + predicted[c] > 0) present.push(c);
  return { actual, predicted, present };
}
function confusionOf(counts, classes, present) {
  const k = classes.length;
  return {
    classes: present.map((c) => classes[c]),
    matrix: present.map((t) => present.map((p) => counts[t * k + p]))
  };
}
function confusionMatrix(labels, predictions, classes) {
  const counts = confusionCounts(labels, predictions, classes.length);
  return confusionOf(counts, classes, classTotals(counts, classes.length).present);
}
function prf(truePositives, predicted, actual) {
  const precision = predicted === 0 ? 0 : truePositives / predicted;
  const recall = actual === 0 ? 0 : truePositives / actual;
  const denominator = precision + recall;
  const f1 = 2 * precision * recall / (denominator === 0 ? 1 : denominator);
  return { precision, recall, f1 };
}
function illDefined(metric, modifier, labelCount) {
  const where = labelCount === 1 ? "due to" : "in labels with";
  return `${metric} ill-defined and being set to 0.0 ${where} no ${modifier} samples. Use \`zero_division\` parameter to control this behavior.`;
}
function averagedFromCounts(counts, classCount, totals, average) {
  const { actual, predicted, present } = totals;
  const k = present.length;
  const precisions = new Float64Array(k);
  const recalls = new Float64Array(k);
  const f1s = new Float64Array(k);
  const warnings = {};
  for (let i = 0; i < k; i++) {
    const c = present[i];
    const one = prf(counts[c * classCount + c], predicted[c], actual[c]);
    precisions[i] = one.precision;
    recalls[i] = one.recall;
    f1s[i] = one.f1;
    if (predicted[c] === 0) warnings.precision = illDefined("Precision is", "predicted", k);
    if (actual[c] === 0) warnings.recall = illDefined("Recall is", "true", k);
  }
  if (average === "macro") {
    return {
      values: { precision: numpySum(precisions) / k, recall: numpySum(recalls) / k, f1: numpySum(f1s) / k },
      warnings
    };
  }
  const weights = new Float64Array(k);
  for (let i = 0; i < k; i++) weights[i] = actual[present[i]];
  const weightSum = numpySum(weights);
  const weighted = (scores) => {
    const products = new Float64Array(k);
    for (let i = 0; i < k; i++) products[i] = scores[i] * weights[i];
    return numpySum(products) / weightSum;
  };
  return {
    values: { precision: weighted(precisions), recall: weighted(recalls), f1: weighted(f1s) },
    warnings
  };
}
function pythonList(names) {
  return `[${names.map((name) => `'${name}'`).join(", ")}]`;
}
function binaryRefusal(present, classes, positive) {
  if (present.length > 2) return BINARY_ON_MULTICLASS;
  if (present.length === 2 && !present.includes(positive)) {
    const names = present.map((c) => classes[c]);
    return `pos_label=${classes[positive]} is not a valid label. It should be one of ${pythonList(names)}`;
  }
  return void 0;
}
function binaryFromCounts(counts, classCount, totals, positive) {
  const predicted = totals.predicted[positive];
  const actual = totals.actual[positive];
  const values = prf(counts[positive * classCount + positive], predicted, actual);
  const warnings = {};
  if (predicted === 0) warnings.precision = illDefined("Precision is", "predicted", 1);
  if (actual === 0) warnings.recall = illDefined("Recall is", "true", 1);
  if (predicted === 0 && actual === 0) warnings.f1 = illDefined("F-score is", "true nor predicted", 1);
  return { values, warnings };
}
function thresholdCounts(labels, scores, positive, ranking) {
  checkRows(labels, scores, "scores");
  const { groups, positives, negatives } = matches(ranking, scores, labels, positive) ? ranking : rankScores(scores, labels, positive);
  const truePositives = new Float64Array(groups);
  const falsePositives = new Float64Array(groups);
  let tp = 0;
  let fp = 0;
  for (let g = groups - 1, m = 0; g >= 0; g--, m++) {
    tp += positives[g];
    fp += negatives[g];
    truePositives[m] = tp;
    falsePositives[m] = fp;
  }
  return { truePositives, falsePositives, thresholds: groups, positives: tp, negatives: fp };
}
function rocAucFromThresholds(curve) {
  const { truePositives: tps, falsePositives: fps, thresholds: m, positives, negatives } = curve;
  if (positives === 0 || negatives === 0) return void 0;
  const area = new NumpySum();
  let previousFpr = 0;
  let previousTpr = 0;
  const point = (index) => {
    const fpr = fps[index] / negatives;
    const tpr = tps[index] / positives;
    area.add((fpr - previousFpr) * (tpr + previousTpr) / 2);
    previousFpr = fpr;
    previousTpr = tpr;
  };
  point(0);
  for (let index = 1; index < m - 1; index++) {
    const corner = fps[index + 1] - 2 * fps[index] + fps[index - 1] !== 0 || tps[index + 1] - 2 * tps[index] + tps[index - 1] !== 0;
    if (corner) point(index);
  }
  if (m > 1) point(m - 1);
  return area.sum();
}
function averagePrecisionFromThresholds(curve) {
  const { truePositives: tps, falsePositives: fps, thresholds: m, positives } = curve;
  const recallAt = (index) => positives === 0 ? 1 : tps[index] / positives;
  const sum = new NumpySum();
  for (let index = m - 1; index >= 0; index--) {
    const precision = tps[index] / (tps[index] + fps[index]);
    const nextRecall = index > 0 ? recallAt(index - 1) : 0;
    sum.add((nextRecall - recallAt(index)) * precision);
  }
  return -sum.sum() + 0;
}
function logLossKernel(labels, scores, positive) {
  const n = labels.length;
  const sum = new NumpySum();
  const high = 1 - FLOAT64_EPS;
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    const p = min(max(s, FLOAT64_EPS), high);
    const q = 1 - p;
    const total = q + p;
    sum.add(-log((labels[i] === positive ? p : q) / total));
  }
  return sum.sum() / n;
}
function classificationMetrics(input) {
  const { labels, predictions, classes, scores, positive } = input;
  const k = classes.length;
  if (k === 0) throw new InputError("no classes given");
  if (positive !== void 0 && !(Number.isInteger(positive) && positive >= 0 && positive < k)) {
    throw new InputError(`positive class index ${positive} is outside the ${k} classes`);
  }
  const n = checkRows(labels, predictions);
  if (scores) {
    checkRows(labels, scores, "scores");
    checkScores(scores);
  }
  const counts = confusionCounts(labels, predictions, k);
  const totals = classTotals(counts, k);
  const values = {};
  const reasons = {};
  let right = 0;
  for (let c = 0; c < k; c++) right += counts[c * k + c];
  values.accuracy = right / n;
  const wantBinary = totals.present.length <= 2 || positive !== void 0 || scores !== void 0;
  if (wantBinary) {
    const names = scores ? [...BINARY_METRICS, ...SCORE_METRICS] : [...BINARY_METRICS];
    const decision = binaryDecision(totals.present, classes, positive);
    if ("refusal" in decision) {
      for (const name of names) {
        values[name] = null;
        reasons[name] = decision.refusal;
      }
    } else {
      const positiveClass = decision.positive;
      const binary = binaryFromCounts(counts, k, totals, positiveClass);
      for (const name of BINARY_METRICS) {
        values[name] = binary.values[name];
        const warning = binary.warnings[name];
        if (warning) reasons[name] = warning;
      }
      if (scores) {
        const curve = thresholdCounts(labels, scores, positiveClass, input.scoreRanking);
        const auc = rocAucFromThresholds(curve);
        values.roc_auc = auc ?? null;
        if (auc === void 0) reasons.roc_auc = ROC_AUC_ONE_CLASS;
        values.average_precision = averagePrecisionFromThresholds(curve);
        if (curve.positives === 0) reasons.average_precision = AVERAGE_PRECISION_NO_POSITIVE;
        values.log_loss = logLossKernel(labels, scores, positiveClass);
      }
    }
  }
  for (const average of ["macro", "weighted"]) {
    const averaged = averagedFromCounts(counts, k, totals, average);
    for (const metric of ["precision", "recall", "f1"]) {
      const name = `${metric}_${average}`;
      values[name] = averaged.values[metric];
      const warning = averaged.warnings[metric];
      if (warning) reasons[name] = warning;
    }
  }
  return { values: inOrder(values), reasons, confusion: confusionOf(counts, classes, totals.present) };
}
function binaryDecision(present, classes, positive) {
  let chosen = positive;
  if (chosen === void 0 && present.length === 2) chosen = present[1];
  if (chosen === void 0 && present.length === 1 && classes.length === 2) chosen = 1;
  if (chosen === void 0 && present.length === 1) {
    return {
      refusal: `labels and predictions hold one class only ('${classes[present[0]]}'): give the positive label`
    };
  }
  const refusal = binaryRefusal(present, classes, chosen ?? -1);
  if (refusal !== void 0 || chosen === void 0) return { refusal: refusal ?? BINARY_ON_MULTICLASS };
  return { positive: chosen };
}
function inOrder(values) {
  const ordered = {};
  for (const name of CLASSIFICATION_METRICS) if (name in values) ordered[name] = values[name];
  return ordered;
}

// packages/core/src/metrics/regression.ts
var { abs, max: max2, sqrt } = Math;
var FLOAT64_EPS2 = 2220446049250313e-31;
var R2_ONE_SAMPLE = "R^2 score is not well-defined with less than two samples.";
function checkRows2(actual, predicted) {
  if (actual.length !== predicted.length) {
    throw new InputError(
      `actual and predicted values have different lengths (${actual.length} and ${predicted.length})`
    );
  }
  if (actual.length === 0) throw new InputError("no rows to evaluate");
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] - actual[i] !== 0) throw new InputError(`actual value ${actual[i]} at row ${i + 1}`);
    if (predicted[i] - predicted[i] !== 0) {
      throw new InputError(`predicted value ${predicted[i]} at row ${i + 1}`);
    }
  }
  return actual.length;
}
function r2FromParts({ residual, total }, forceFinite) {
  if (!forceFinite) return 1 - residual / total;
  if (residual === 0) return 1;
  if (total === 0) return 0;
  return 1 - residual / total;
}
function regressionMetrics(input) {
  const { actual, predicted } = input;
  const n = checkRows2(actual, predicted);
  const squared = new NumpySum();
  const absolute = new NumpySum();
  const percentage = new NumpySum();
  const sumActual = new NumpySum();
  let zeros = 0;
  let lowest = actual[0];
  let highest = actual[0];
  for (let i = 0; i < n; i++) {
    const y = actual[i];
    if (y < lowest) lowest = y;
    if (y > highest) highest = y;
    const d = y - predicted[i];
    squared.add(d * d);
    const error = abs(d);
    absolute.add(error);
    const magnitude = abs(y);
    if (magnitude < FLOAT64_EPS2) zeros++;
    percentage.add(error / max2(magnitude, FLOAT64_EPS2));
    sumActual.add(y);
  }
  const residual = squared.sum();
  const reasons = {};
  let r2Value = null;
  if (n < 2) {
    reasons.r2 = R2_ONE_SAMPLE;
  } else {
    const mean = sumActual.sum() / n;
    const total = new NumpySum();
    for (let i = 0; i < n; i++) {
      const d = actual[i] - mean;
      total.add(d * d);
    }
    const parts = { residual, total: total.sum() };
    r2Value = r2FromParts(parts, true);
    if (parts.total === 0) {
      reasons.r2 = `the actual values are constant: sklearn's force_finite rule gives ${parts.residual === 0 ? "1.0 for a perfect prediction" : "0.0 for an imperfect prediction"}`;
    } else if (lowest === highest) {
      reasons.r2 = `the actual values are constant but numpy's mean of them is not exactly ${lowest}: sklearn divides by its rounding error`;
    }
  }
  if (zeros > 0) {
    reasons.mape = `${zeros} actual value${zeros === 1 ? " is" : "s are"} 0 (below machine epsilon): sklearn divides their errors by 2.22e-16`;
  }
  return {
    values: {
      rmse: sqrt(residual / n),
      mae: absolute.sum() / n,
      r2: r2Value,
      mape: percentage.sum() / n
    },
    reasons
  };
}

// packages/core/src/stats/regression-bootstrap.ts
var { abs: abs2, max: max3, sqrt: sqrt2 } = Math;
var REGRESSION_EXACT_MAX_ROWS = 5e4;
var FLOAT64_EPS3 = 2220446049250313e-31;
var ALL_METRICS = ["rmse", "mae", "r2", "mape"];
var STREAM = { rows: 16, check: 17, rmse: 18, mae: 19, r2: 20, mape: 21 };
var FIELDS = 8;
var SQUARED_C = 0;
var SQUARED_B = 1;
var ABSOLUTE_C = 2;
var ABSOLUTE_B = 3;
var PERCENT_C = 4;
var PERCENT_B = 5;
var CENTRED = 6;
var ACTUAL = 7;
var PairedRegressionRows = class {
  n;
  rows;
  /** The mean of y over all rows (the centre of the CENTRED field). */
  mean;
  constructor(actual, candidate, baseline) {
    const n = actual.length;
    this.n = n;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += actual[i];
    const mean = n > 0 ? sum / n : 0;
    this.mean = mean;
    const rows = new Float64Array(n * FIELDS);
    for (let i = 0; i < n; i++) {
      const y = actual[i];
      const ec = y - candidate[i];
      const eb = y - baseline[i];
      const floor = max3(abs2(y), FLOAT64_EPS3);
      const at = i * FIELDS;
      rows[at + SQUARED_C] = ec * ec;
      rows[at + SQUARED_B] = eb * eb;
      rows[at + ABSOLUTE_C] = abs2(ec);
      rows[at + ABSOLUTE_B] = abs2(eb);
      rows[at + PERCENT_C] = abs2(ec) / floor;
      rows[at + PERCENT_B] = abs2(eb) / floor;
      rows[at + CENTRED] = y - mean;
      rows[at + ACTUAL] = y;
    }
    this.rows = rows;
  }
  /**
   * Both models' metrics on the rows weighted by `weights` (non-negative, a positive sum): scikit-learn
   * 1.2.1's metrics with sample_weight, r2 with its force_finite rule (see the module comment).
   */
  metrics(weights) {
    const rows = this.rows;
    let total = 0;
    let squaredC = 0;
    let squaredB = 0;
    let absoluteC = 0;
    let absoluteB = 0;
    let percentC = 0;
    let percentB = 0;
    let centred = 0;
    let centredSquared = 0;
    let lowest = Number.POSITIVE_INFINITY;
    let highest = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < this.n; i++) {
      const w = weights[i];
      if (w === 0) continue;
      const at = i * FIELDS;
      total += w;
      squaredC += w * rows[at + SQUARED_C];
      squaredB += w * rows[at + SQUARED_B];
      absoluteC += w * rows[at + ABSOLUTE_C];
      absoluteB += w * rows[at + ABSOLUTE_B];
      percentC += w * rows[at + PERCENT_C];
      percentB += w * rows[at + PERCENT_B];
      const c = rows[at + CENTRED];
      centred += w * c;
      centredSquared += w * c * c;
      const y = rows[at + ACTUAL];
      if (y < lowest) lowest = y;
      if (y > highest) highest = y;
    }
    const constant = lowest === highest;
    const spread = max3(centredSquared - centred * centred / total, 0);
    const r2 = (residual) => residual === 0 ? 1 : constant || spread === 0 ? 0 : 1 - residual / spread;
    return {
      candidate: {
        rmse: sqrt2(squaredC / total),
        mae: absoluteC / total,
        r2: r2(squaredC),
        mape: percentC / total
      },
      baseline: {
        rmse: sqrt2(squaredB / total),
        mae: absoluteB / total,
        r2: r2(squaredB),
        mape: percentB / total
      }
    };
  }
  /** candidate − baseline of each metric on the weighted rows. */
  deltas(weights) {
    const { candidate, baseline } = this.metrics(weights);
    return {
      rmse: candidate.rmse - baseline.rmse,
      mae: candidate.mae - baseline.mae,
      r2: candidate.r2 - baseline.r2,
      mape: candidate.mape - baseline.mape
    };
  }
  /** d delta / d w_i at unit weights, per row (see the module comment); `r2Delta` the r2 delta on all rows. */
  influence(metric, r2Delta) {
    const { n, rows } = this;
    const x = new Float64Array(n);
    const difference = (c, b) => {
      for (let i = 0; i < n; i++) x[i] = (rows[i * FIELDS + c] - rows[i * FIELDS + b]) / n;
      return x;
    };
    if (metric === "mae") return difference(ABSOLUTE_C, ABSOLUTE_B);
    if (metric === "mape") return difference(PERCENT_C, PERCENT_B);
    let squaredC = 0;
    let squaredB = 0;
    let centred = 0;
    for (let i = 0; i < n; i++) {
      squaredC += rows[i * FIELDS + SQUARED_C];
      squaredB += rows[i * FIELDS + SQUARED_B];
      centred += rows[i * FIELDS + CENTRED];
    }
    if (metric === "rmse") {
      const meanC = squaredC / n;
      const meanB = squaredB / n;
      const scaleC = meanC > 0 ? 1 / (2 * n * sqrt2(meanC)) : 0;
      const scaleB = meanB > 0 ? 1 / (2 * n * sqrt2(meanB)) : 0;
      for (let i = 0; i < n; i++) {
        const at = i * FIELDS;
        x[i] = (rows[at + SQUARED_C] - meanC) * scaleC - (rows[at + SQUARED_B] - meanB) * scaleB;
      }
      return x;
    }
    const offset = centred / n;
    let variance = 0;
    for (let i = 0; i < n; i++) variance += (rows[i * FIELDS + CENTRED] - offset) ** 2;
    variance /= n;
    for (let i = 0; i < n; i++) {
      const at = i * FIELDS;
      const deviation = rows[at + CENTRED] - offset;
      x[i] = (rows[at + SQUARED_B] - rows[at + SQUARED_C] - r2Delta * deviation * deviation) / (n * variance);
    }
    return x;
  }
};
function pairedRegressionBootstrap(input) {
  const resamples = input.resamples ?? DEFAULT_RESAMPLES;
  const confidence = input.confidence ?? DEFAULT_CONFIDENCE;
  const seed = input.seed ?? DEFAULT_BOOTSTRAP_SEED;
  const checks = input.linearizationChecks ?? LINEARIZATION_CHECKS;
  validate(input, resamples, confidence, seed, checks);
  const { actual } = input;
  const n = actual.length;
  const result = {};
  const keep = input.keepReplicates === true;
  const quantiles = [(1 - confidence) / 2, 1 - (1 - confidence) / 2];
  let constant = true;
  for (let i = 1; i < n && constant; i++) constant = actual[i] === actual[0];
  const runnable = [];
  for (const metric of ALL_METRICS.filter((m) => input.metrics.includes(m))) {
    const reason = n < 2 ? metric === "r2" ? R2_ONE_SAMPLE : "one row: every resample is that row, so the bootstrap says nothing about the delta" : metric === "r2" && constant ? "the actual values are constant: on every resample r2 is scikit-learn's force_finite 1.0 or 0.0, not an estimate" : void 0;
    if (reason) result[metric] = { lo: null, hi: null, reason: `${metric}: ${reason}` };
    else runnable.push(metric);
  }
  if (runnable.length === 0) return result;
  const candidateValues = regressionMetrics({ actual, predicted: input.candidate }).values;
  const baselineValues = regressionMetrics({ actual, predicted: input.baseline }).values;
  const pointDelta = (metric) => candidateValues[metric] - baselineValues[metric];
  const rows = new PairedRegressionRows(actual, input.candidate, input.baseline);
  const requested = input.method ?? "auto";
  const method = requested !== "auto" ? requested : n <= REGRESSION_EXACT_MAX_ROWS ? "exact" : "linearized";
  if (method === "exact") {
    const replicates = runnable.map(() => new Float64Array(resamples));
    const weights2 = new Int32Array(n);
    for (let r = 0; r < resamples; r++) {
      drawRowWeights(new SeededRandom(seed, STREAM.rows, r), weights2);
      const deltas = rows.deltas(weights2);
      for (let m = 0; m < runnable.length; m++) replicates[m][r] = deltas[runnable[m]];
    }
    runnable.forEach((metric, m) => {
      result[metric] = intervalOf(replicates[m], pointDelta(metric), method, quantiles, keep);
    });
    return result;
  }
  const r2Delta = runnable.includes("r2") ? pointDelta("r2") : 0;
  const influences = runnable.map((metric) => rows.influence(metric, r2Delta));
  const linearizationError = runnable.map(() => 0);
  const weights = new Int32Array(n);
  for (let r = 0; r < checks; r++) {
    drawRowWeights(new SeededRandom(seed, STREAM.check, r), weights);
    const exact = rows.deltas(weights);
    runnable.forEach((metric, m) => {
      const x = influences[m];
      let linear = pointDelta(metric);
      for (let i = 0; i < n; i++) linear += (weights[i] - 1) * x[i];
      linearizationError[m] = max3(linearizationError[m], abs2(exact[metric] - linear));
    });
  }
  runnable.forEach((metric, m) => {
    const grouped = groupedSum(influences[m], LINEARIZED_GROUPS);
    const deltas = new Float64Array(resamples);
    const offset = pointDelta(metric) - grouped.total;
    for (let r = 0; r < resamples; r++) {
      deltas[r] = offset + grouped.draw(new SeededRandom(seed, STREAM[metric], r), n);
    }
    const approximation = {
      groups: grouped.groups,
      withinGroupVarianceShare: grouped.withinShare,
      checkResamples: checks,
      linearizationError: checks > 0 ? linearizationError[m] : null
    };
    result[metric] = {
      ...intervalOf(deltas, pointDelta(metric), method, quantiles, keep),
      approximation
    };
  });
  return result;
}
function intervalOf(deltas, delta2, method, [qLo, qHi], keep) {
  const sorted = sortFloat64InPlace(deltas.slice());
  return {
    lo: quantileSorted(sorted, qLo),
    hi: quantileSorted(sorted, qHi),
    delta: delta2,
    method,
    resamples: deltas.length,
    ...keep ? { replicates: deltas } : {}
  };
}
function validate(input, resamples, confidence, seed, checks) {
  const n = input.actual.length;
  if (n === 0) throw new RangeError("regression bootstrap: there are no rows");
  if (!Number.isSafeInteger(resamples) || resamples < 1)
    throw new RangeError(`regression bootstrap: resamples must be a positive integer, got ${resamples}`);
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`regression bootstrap: confidence must be between 0 and 1, got ${confidence}`);
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 4294967295)
    throw new RangeError(`regression bootstrap: seed must be an integer from 0 to 2^32 - 1, got ${seed}`);
  if (!Number.isSafeInteger(checks) || checks < 0)
    throw new RangeError(
      `regression bootstrap: linearizationChecks must be a non-negative integer, got ${checks}`
    );
  for (const metric of input.metrics) {
    if (!ALL_METRICS.includes(metric))
      throw new RangeError(`regression bootstrap: unknown metric '${metric}'`);
  }
  for (const [name, values] of [
    ["actual values", input.actual],
    ["candidate predictions", input.candidate],
    ["baseline predictions", input.baseline]
  ]) {
    if (values.length !== n)
      throw new RangeError(`regression bootstrap: ${n} actual values but ${values.length} ${name}`);
    for (let i = 0; i < n; i++) {
      if (values[i] - values[i] !== 0)
        throw new RangeError(`regression bootstrap: ${name} row ${i} is ${values[i]}`);
    }
  }
}

// packages/core/src/steps/evaluate/gates.ts
var number = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
var metricName = "[A-Za-z_][A-Za-z0-9_.]*";
var boundPattern = new RegExp(`^(${metricName})\\s*(>=|<=)\\s*(${number})$`);
var changePattern = new RegExp(`^(${metricName}):(max_drop|max_drop_pct|non_inferior|alpha)=(${number})$`);
function parseGate(text, isMetric, option = "gate") {
  const trimmed = text.trim();
  const at = trimmed.indexOf("@");
  const body = (at >= 0 ? trimmed.slice(0, at) : trimmed).trim();
  const slice = at >= 0 ? parseSlice(trimmed.slice(at + 1).trim(), text, option) : void 0;
  const fail = (why) => {
    throw new InputError(`${option}: '${text}' ${why}`);
  };
  const bound = boundPattern.exec(body);
  const change = bound ? void 0 : changePattern.exec(body);
  if (!bound && !change)
    fail(
      "is not a gate: expected METRIC>=VALUE, METRIC<=VALUE, METRIC:max_drop=VALUE, METRIC:max_drop_pct=VALUE, METRIC:non_inferior=MARGIN or mcnemar:alpha=ALPHA, optionally followed by @SLICE"
    );
  const [, metric, operator, valueText] = bound ?? change;
  const value = Number(valueText);
  if (!Number.isFinite(value))
    fail(`has a value out of range (${valueText} is beyond 1.8e308, the largest double)`);
  let rule;
  if (metric === "mcnemar") {
    if (operator !== "alpha") fail("is not a gate: McNemar takes mcnemar:alpha=ALPHA");
    if (!(value > 0 && value < 1)) fail("has an alpha outside (0, 1)");
    rule = { kind: "mcnemar", alpha: value };
  } else {
    const known = isMetric(metric);
    if (typeof known === "string") throw new InputError(`${option}: '${text}': ${known}`);
    if (!known) fail(`names an unknown metric '${metric}'`);
    switch (operator) {
      case ">=":
        rule = { kind: "min", value };
        break;
      case "<=":
        rule = { kind: "max", value };
        break;
      case "max_drop":
      case "max_drop_pct":
        if (value < 0) fail(`has a negative ${operator}`);
        rule = { kind: operator, value };
        break;
      case "non_inferior":
        if (value < 0) fail("has a negative margin");
        rule = { kind: "non_inferior", margin: value };
        break;
      default:
        return fail("is not a gate: alpha= belongs to mcnemar");
    }
  }
  return { text: trimmed, metric, rule, ...slice ? { slice } : {} };
}
function parseSlice(text, gate, option) {
  if (text === "*") return { kind: "all" };
  const equals = text.indexOf("=");
  if (equals < 0) {
    if (text === "") throw new InputError(`${option}: '${gate}' has an empty slice after @`);
    return { kind: "column", column: text };
  }
  const column = text.slice(0, equals).trim();
  if (column === "") throw new InputError(`${option}: '${gate}' has a slice without a column name`);
  return { kind: "value", column, value: text.slice(equals + 1).trim() };
}
var format = formatMetric;
var formatAgainst = (value, bound) => value !== bound && format(value) === format(bound) ? String(value) : format(value);
function checkMetricGate(gate, evidence) {
  const { rule } = gate;
  const candidate = evidence.candidate ?? null;
  const baseline = evidence.baseline ?? null;
  const passed = (message) => ({ status: "passed", message });
  const failed = (message) => ({ status: "failed", message });
  if (candidate === null) return failed(`${gate.metric} is missing for the candidate`);
  if (rule.kind === "min")
    return candidate >= rule.value ? passed(`${gate.metric} ${formatAgainst(candidate, rule.value)} >= ${format(rule.value)}`) : failed(`${gate.metric} ${formatAgainst(candidate, rule.value)} is below ${format(rule.value)}`);
  if (rule.kind === "max")
    return candidate <= rule.value ? passed(`${gate.metric} ${formatAgainst(candidate, rule.value)} <= ${format(rule.value)}`) : failed(`${gate.metric} ${formatAgainst(candidate, rule.value)} is above ${format(rule.value)}`);
  if (rule.kind === "mcnemar") throw new Error("checkMetricGate: McNemar is checked on the predictions");
  if (baseline === null) return failed(`${gate.metric} is missing for the baseline`);
  const improvement = evidence.higherIsBetter ? candidate - baseline : baseline - candidate;
  const drop = -improvement;
  const change = `${format(baseline)} -> ${format(candidate)}`;
  const notWorse = (amount) => improvement > 0 ? `better by ${amount}` : improvement === 0 ? "unchanged" : void 0;
  switch (rule.kind) {
    case "max_drop":
      return drop <= rule.value ? passed(
        `${gate.metric} ${change}: ${notWorse(format(improvement)) ?? `worse by ${format(drop)}`}, within max_drop ${format(rule.value)}`
      ) : failed(
        `${gate.metric} ${change}: worse by ${formatAgainst(drop, rule.value)}, more than max_drop ${format(rule.value)}`
      );
    case "max_drop_pct": {
      const pct = drop === 0 ? 0 : baseline === 0 ? Number.POSITIVE_INFINITY : Math.abs(drop) / Math.abs(baseline) * 100;
      return drop <= 0 || pct <= rule.value ? passed(
        `${gate.metric} ${change}: ${notWorse(`${format(pct)}%`) ?? `worse by ${format(pct)}%`}, within max_drop_pct ${format(rule.value)}%`
      ) : failed(
        `${gate.metric} ${change}: worse by ${format(pct)}%, more than max_drop_pct ${format(rule.value)}%`
      );
    }
    case "non_inferior": {
      const interval2 = evidence.interval ?? null;
      if (interval2 === null)
        return failed(`${gate.metric} has no bootstrap interval (needs predictions on both sides)`);
      const lower = evidence.higherIsBetter ? interval2[0] : -interval2[1];
      return lower >= -rule.margin ? passed(
        `${gate.metric} ${change}: the improvement's interval starts at ${format(lower)}, within the margin ${format(rule.margin)}`
      ) : failed(
        `${gate.metric} ${change}: the improvement's interval starts at ${format(lower)}, below -${format(rule.margin)}: not shown non-inferior`
      );
    }
  }
}

// packages/core/src/steps/evaluate/notes.ts
var illDefined2 = /^(Precision|Recall|F-score) is ill-defined and being set to 0\.0 (due to|in labels with) no (predicted|true|true nor predicted) samples\. Use `zero_division` parameter to control this behavior\.$/;
var asScikitLearn = "as scikit-learn's zero_division default counts it";
function metricNote(reason) {
  const warned = illDefined2.exec(reason);
  if (warned) {
    const [, metric, where, missing] = warned;
    const binary = where === "due to";
    if (metric === "F-score")
      return `f1 is 0: no row has the positive class as its label or its prediction (0 of 0), ${asScikitLearn}`;
    const name = metric.toLowerCase();
    if (binary)
      return missing === "predicted" ? `${name} is 0: no row was predicted as the positive class (0 of 0), ${asScikitLearn}` : `${name} is 0: no row has the positive class as its label (0 of 0), ${asScikitLearn}`;
    return missing === "predicted" ? `${name} counts as 0 for each class no row was predicted as (0 of 0), ${asScikitLearn}, and that 0 is averaged in` : `${name} counts as 0 for each class that is predicted but is no row's label (0 of 0), ${asScikitLearn}, and that 0 is averaged in`;
  }
  switch (reason) {
    case BINARY_ON_MULTICLASS:
      return "not defined: the labels and predictions hold more than two classes, so there is no one positive class (see the _macro and _weighted averages)";
    case ROC_AUC_ONE_CLASS:
      return "not defined: the labels hold one class only, so no threshold separates two (scikit-learn refuses it too)";
    case AVERAGE_PRECISION_NO_POSITIVE:
      return "average_precision is 0: no row has the positive class as its label (recall is taken as 1 at every threshold, as scikit-learn does)";
    default:
      return reason;
  }
}

// packages/core/src/steps/evaluate/compare.ts
var relativeRules = /* @__PURE__ */ new Set([
  "max_drop",
  "max_drop_pct",
  "non_inferior",
  "mcnemar"
]);
function metricsOf(columns, scoreRanking) {
  if (columns.task === "regression") {
    const { values: values2, reasons: reasons2 } = regressionMetrics(columns);
    return { values: { ...values2 }, reasons: { ...reasons2 } };
  }
  const { values, reasons } = classificationMetrics({
    labels: columns.labels,
    predictions: columns.predictions,
    classes: columns.classes,
    ...columns.scores ? { scores: columns.scores } : {},
    ...columns.positive === void 0 ? {} : { positive: columns.positive },
    ...scoreRanking ? { scoreRanking } : {}
  });
  return { values: { ...values }, reasons: { ...reasons } };
}
function subset(columns, rows) {
  const pick = (array) => {
    const out = new array.constructor(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = array[rows[i]];
    return out;
  };
  if (columns.task === "regression")
    return { task: "regression", actual: pick(columns.actual), predicted: pick(columns.predicted) };
  return {
    ...columns,
    labels: pick(columns.labels),
    predictions: pick(columns.predictions),
    ...columns.scores ? { scores: pick(columns.scores) } : {}
  };
}
function alignClasses(a, b) {
  if (a.classes.length === b.classes.length && a.classes.every((c, i) => c === b.classes[i])) return [a, b];
  const numeric = [...a.classes, ...b.classes].every((c) => c.trim() !== "" && Number.isFinite(Number(c)));
  const classes = [.../* @__PURE__ */ new Set([...a.classes, ...b.classes])].sort(
    numeric ? (x, y) => Number(x) - Number(y) : (x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))
  );
  const index = new Map(classes.map((c, i) => [c, i]));
  const remap = (columns) => {
    const to = columns.classes.map((c) => index.get(c));
    return {
      ...columns,
      classes,
      labels: columns.labels.map((code) => to[code]),
      predictions: columns.predictions.map((code) => to[code]),
      ...columns.positive === void 0 ? {} : { positive: to[columns.positive] }
    };
  };
  return [remap(a), remap(b)];
}
function digestOf(side) {
  return side.kind === "predictions" ? side.predictions.dataDigest : side.metrics.dataDigest;
}
function nameOf(side) {
  return side.kind === "predictions" ? side.predictions.file : side.metrics.file;
}
function compare(candidate, baseline, gates, options) {
  const candidateDigest = digestOf(candidate);
  const baselineDigest = baseline ? digestOf(baseline) : void 0;
  let same = null;
  if (baseline) {
    same = candidateDigest !== void 0 && candidateDigest === baselineDigest;
    if (!same && !options.allowDifferentData) {
      const why = candidateDigest === void 0 || baselineDigest === void 0 ? `${candidateDigest === void 0 ? nameOf(candidate) : nameOf(baseline)} does not say which data it was evaluated on` : `${nameOf(candidate)} was evaluated on ${candidateDigest.slice(0, 19)}\u2026, ${nameOf(baseline)} on ${baselineDigest.slice(0, 19)}\u2026`;
      throw new InputError(
        `baseline: the candidate and the baseline must be evaluated on the same data: ${why} (allow-different-data compares anyway)`
      );
    }
  }
  const notes = {};
  const rankings = /* @__PURE__ */ new Map();
  const rankingOf = (side) => {
    const columns2 = side.kind === "predictions" ? side.predictions.columns : void 0;
    if (columns2?.task !== "classification") return void 0;
    const { scores, labels } = columns2;
    const positive = columns2.positive ?? (columns2.classes.length === 2 ? 1 : void 0);
    if (positive === void 0 || !scores) return void 0;
    const ranking = rankScores(scores, labels, positive);
    rankings.set(scores, ranking);
    return ranking;
  };
  const sideValues = (side, label) => {
    if (side.kind === "metrics") return { ...side.metrics.metrics };
    const { values, reasons } = metricsOf(side.predictions.columns, rankingOf(side));
    for (const [name, reason] of Object.entries(reasons)) notes[name] ??= `${label}: ${metricNote(reason)}`;
    return values;
  };
  const candidateValues = sideValues(candidate, "candidate");
  const baselineValues = baseline ? sideValues(baseline, "baseline") : {};
  let paired;
  if (candidate.kind === "predictions" && baseline?.kind === "predictions" && same) {
    const a = candidate.predictions.columns;
    const b = baseline.predictions.columns;
    if (a.task === "classification" && b.task === "classification") paired = alignClasses(a, b);
    else if (a.task === b.task) paired = [a, b];
  }
  const intervals = paired ? bootstrapIntervals(paired, Object.keys(candidateValues), options, notes, rankings) : {};
  const metrics = compareMetrics(
    [.../* @__PURE__ */ new Set([...Object.keys(candidateValues), ...Object.keys(baselineValues)])],
    candidateValues,
    baselineValues,
    intervals
  );
  const slices = [];
  const sliceRows = /* @__PURE__ */ new Map();
  if (candidate.kind === "predictions") {
    const baselineColumns = paired?.[1];
    for (const slice of candidate.predictions.slices) {
      slice.values.forEach((value, code) => {
        const rows2 = indexesOf(slice.codes, code);
        const mine = metricsOf(subset(paired?.[0] ?? candidate.predictions.columns, rows2)).values;
        const theirs = baselineColumns ? metricsOf(subset(baselineColumns, rows2)).values : {};
        const compared = compareMetrics(Object.keys(mine), mine, theirs, {});
        const entry = { column: slice.column, value, rows: rows2.length, metrics: compared };
        slices.push(entry);
        sliceRows.set(entry, rows2);
      });
    }
  }
  let mcnemar;
  const results = [];
  for (const gate of gates) {
    if (options.noBaseline !== void 0 && relativeRules.has(gate.rule.kind)) {
      results.push({ metric: gate.metric, rule: gate.text, status: "skipped", message: options.noBaseline });
      continue;
    }
    const targets = gate.slice ? slices.filter((slice) => matches2(gate, slice)).map((slice) => ({ slice, metrics: slice.metrics })) : [{ metrics }];
    if (gate.slice && targets.length === 0) {
      results.push({
        metric: gate.metric,
        rule: gate.text,
        status: "failed",
        message: `no slice matches ${gate.text}`
      });
      continue;
    }
    for (const target of targets) {
      const where = target.slice ? `${target.slice.column}=${target.slice.value}` : void 0;
      const base = { metric: gate.metric, rule: gate.text, ...where ? { slice: where } : {} };
      if (gate.rule.kind === "mcnemar") {
        const verdict2 = mcnemarGate(gate.rule.alpha, paired, target.slice && sliceRows.get(target.slice));
        if (!target.slice && verdict2.test) mcnemar = verdict2.test;
        results.push({ ...base, status: verdict2.status, message: verdict2.message });
        continue;
      }
      const value = target.metrics[gate.metric];
      const verdict = checkMetricGate(gate, {
        candidate: value?.candidate,
        baseline: value?.baseline,
        interval: value?.ci ?? null,
        higherIsBetter: isMetricName(gate.metric) ? higherIsBetter(gate.metric) : true
      });
      results.push({
        ...base,
        status: verdict.status,
        message: where ? `${where}: ${verdict.message}` : verdict.message
      });
    }
  }
  const rows = candidate.kind === "predictions" ? candidate.predictions.rows : null;
  const columns = paired?.[0] ?? (candidate.kind === "predictions" ? candidate.predictions.columns : void 0);
  return {
    data: { digest: candidateDigest ?? null, rows, same },
    metrics,
    notes,
    slices,
    gates: results,
    ...columns?.task === "classification" ? { confusion: confusionMatrix(columns.labels, columns.predictions, columns.classes) } : {},
    ...mcnemar ? { mcnemar } : {}
  };
}
function compareMetrics(names, candidate, baseline, intervals) {
  const compared = {};
  for (const name of names)
    setOwn(
      compared,
      name,
      comparison(
        getOwn(candidate, name),
        getOwn(baseline, name),
        getOwn(intervals, name)
      )
    );
  return compared;
}
function comparison(candidate, baseline, ci) {
  const c = candidate ?? null;
  const b = baseline ?? null;
  return { candidate: c, baseline: b, delta: c !== null && b !== null ? c - b : null, ci: ci ?? null };
}
function indexesOf(codes, code) {
  let count = 0;
  for (const value of codes) if (value === code) count++;
  const rows = new Int32Array(count);
  let at = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i] === code) rows[at++] = i;
  return rows;
}
function matches2(gate, slice) {
  const selector = gate.slice;
  if (!selector) return false;
  if (selector.kind === "all") return true;
  if (selector.column !== slice.column) return false;
  return selector.kind === "column" || selector.value === slice.value;
}
function bootstrapIntervals([candidate, baseline], names, options, notes, rankings) {
  const settings = {
    resamples: options.resamples,
    confidence: options.confidence,
    ...options.seed === void 0 ? {} : { seed: options.seed }
  };
  let result;
  if (candidate.task === "regression" && baseline.task === "regression") {
    result = pairedRegressionBootstrap({
      actual: candidate.actual,
      candidate: candidate.predicted,
      baseline: baseline.predicted,
      metrics: REGRESSION_METRICS.filter((name) => names.includes(name)),
      ...settings
    });
  } else if (candidate.task === "classification" && baseline.task === "classification") {
    result = classificationIntervals(candidate, baseline, names, settings, rankings);
  } else return {};
  const intervals = {};
  for (const [name, interval2] of Object.entries(result)) {
    if (interval2.lo === null) notes[`${name} interval`] ??= interval2.reason;
    else intervals[name] = [interval2.lo, interval2.hi];
  }
  return intervals;
}
function classificationIntervals(candidate, baseline, names, settings, rankings) {
  const scored = candidate.scores !== void 0 && baseline.scores !== void 0;
  const wanted = BOOTSTRAP_METRICS.filter(
    (name) => names.includes(name) && (scored || !SCORE_METRICS.includes(name))
  );
  const positive = candidate.positive ?? (candidate.classes.length === 2 ? 1 : void 0);
  const binary = [...BINARY_METRICS, ...SCORE_METRICS];
  const metrics = wanted.filter((name) => positive !== void 0 || !binary.includes(name));
  const model = ({ predictions, scores }) => {
    const scoreRanking = scores && rankings.get(scores);
    return {
      predictions,
      ...scored ? { scores } : {},
      ...scored && scoreRanking ? { scoreRanking } : {}
    };
  };
  return pairedBootstrap({
    labels: candidate.labels,
    classCount: candidate.classes.length,
    ...positive === void 0 ? {} : { positive },
    candidate: model(candidate),
    baseline: model(baseline),
    metrics,
    ...settings
  });
}
function mcnemarGate(alpha, paired, rows) {
  if (paired?.[0].task !== "classification" || paired[1].task !== "classification")
    return {
      status: "failed",
      message: "McNemar needs classification predictions of the same rows on both sides"
    };
  const [a, b] = paired;
  let onlyCandidate = 0;
  let onlyBaseline = 0;
  const count = rows ? rows.length : a.labels.length;
  for (let r = 0; r < count; r++) {
    const i = rows ? rows[r] : r;
    const right = a.predictions[i] === a.labels[i];
    const theirs = b.predictions[i] === b.labels[i];
    if (right && !theirs) onlyCandidate++;
    else if (!right && theirs) onlyBaseline++;
  }
  const test = mcnemarTest(onlyCandidate, onlyBaseline);
  const summary = `${onlyCandidate} rows right only for the candidate, ${onlyBaseline} only for the baseline, p = ${test.pValue.toPrecision(3)} (${test.method})`;
  const worse = onlyBaseline > onlyCandidate && test.pValue < alpha;
  return {
    status: worse ? "failed" : "passed",
    message: worse ? `the candidate makes significantly more errors: ${summary}` : summary,
    test: { b: onlyCandidate, c: onlyBaseline, pValue: test.pValue, method: test.method }
  };
}

// packages/core/src/steps/evaluate/metrics-file.ts
import { resolve } from "node:path";
var digestPattern = /^sha256:[0-9a-f]{64}$/;
async function readMetricsFile(file, cwd) {
  let text;
  try {
    text = (await readInputFile(resolve(cwd, file), file)).toString("utf8");
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: cannot read (${error.code ?? "error"})`);
  }
  let parsed;
  try {
    parsed = parseJson(text, file);
  } catch (error) {
    const nan = /\b(NaN|-?Infinity)\b/.exec(text);
    if (!nan) throw error;
    throw new InputError(
      `${file}: a metric is ${nan[1]}, which is not a number JSON can hold: fix the metric before the gate`
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new InputError(`${file}: expected a JSON object of metrics`);
  const object = parsed;
  if (object.step === "evaluate" && typeof object.metrics === "object" && object.metrics !== null) {
    const metrics2 = {};
    for (const [name, comparison2] of Object.entries(
      object.metrics
    )) {
      if (comparison2?.candidate === null || comparison2?.candidate === void 0) continue;
      setOwn(metrics2, name, metricValue(file, name, comparison2.candidate));
    }
    const digest2 = object.data?.digest;
    return {
      file,
      metrics: metrics2,
      ...typeof digest2 === "string" && digestPattern.test(digest2) ? { dataDigest: digest2 } : {}
    };
  }
  const wrapped = typeof object.metrics === "object" && object.metrics !== null && !Array.isArray(object.metrics);
  const metrics = flatten(file, wrapped ? object.metrics : object, "");
  const digest = wrapped ? object.data_digest : void 0;
  if (digest !== void 0 && (typeof digest !== "string" || !digestPattern.test(digest)))
    throw new InputError(`${file}: data_digest must be sha256:<64 hex digits>`);
  return { file, metrics, ...typeof digest === "string" ? { dataDigest: digest } : {} };
}
function flatten(file, object, prefix) {
  const metrics = {};
  for (const [key, value] of Object.entries(object)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "object" && value !== null && !Array.isArray(value))
      for (const [nested, metric] of Object.entries(flatten(file, value, name)))
        setOwn(metrics, nested, metric);
    else setOwn(metrics, name, metricValue(file, name, value));
  }
  return metrics;
}

// packages/core/src/steps/evaluate/predictions.ts
import { createHash } from "node:crypto";
import { resolve as resolve2 } from "node:path";

// packages/core/src/steps/evaluate/columns.ts
var wideInteger = /^(BIGINT|UBIGINT|HUGEINT|UHUGEINT)/;
var exactLimit = 2 ** 53;
async function readTypedColumns(table2, columns, logger) {
  const read = (asNumbers2) => {
    const select = columns.map((column, i) => `${asNumbers2[i] ? `CAST(${column.sql} AS DOUBLE)` : column.sql} AS c${i}`).join(", ");
    return readResult(table2, `SELECT ${select} FROM ${table2.relation}`, asNumbers2, logger);
  };
  const asNumbers = columns.map((column) => column.numeric);
  const first = await read(asNumbers);
  const inexact = first.map(
    (column, i) => column.kind === "numbers" && wideInteger.test(columns[i].type) && !fitsExactly(column.values)
  );
  if (!inexact.some(Boolean)) return first;
  return read(asNumbers.map((numbers, i) => numbers && !inexact[i]));
}
function fitsExactly(values) {
  for (let i = 0; i < values.length; i++) if (Math.abs(values[i]) >= exactLimit) return false;
  return true;
}
async function readResult(table2, sql, asNumbers, logger) {
  const result = await table2.readResult(sql);
  const rows = result.rowCount;
  const out = asNumbers.map(
    (numbers) => numbers ? { kind: "numbers", values: new Float64Array(rows), nulls: void 0 } : { kind: "values", values: new Array(rows) }
  );
  const converter = asNumbers.every(Boolean) ? void 0 : (await loadDuckDB(logger)).JSDuckDBValueConverter;
  let at = 0;
  for (let k = 0; k < result.chunkCount; k++) {
    const chunk = result.getChunk(k);
    const count = chunk.rowCount;
    out.forEach((column, c) => {
      if (column.kind === "values") {
        const values2 = chunk.convertColumnValues(c, converter);
        for (let i = 0; i < count; i++) column.values[at + i] = values2[i];
        return;
      }
      const vector = chunk.getColumnVector(c);
      const values = column.values;
      const { items, validity } = vector;
      const doubles = Object.prototype.toString.call(items) === "[object Float64Array]";
      if (doubles && items.length === count && validity?.data === null) {
        values.set(items, at);
        return;
      }
      for (let i = 0; i < count; i++) {
        const value = vector.getItem(i);
        if (value === null) {
          column.nulls ??= new Uint8Array(rows);
          column.nulls[at + i] = 1;
          values[at + i] = Number.NaN;
        } else values[at + i] = value;
      }
    });
    at += count;
  }
  return out;
}
function firstNull(column) {
  if (column.kind === "numbers") return column.nulls ? column.nulls.indexOf(1) : -1;
  return column.values.findIndex((value) => value === null || value === void 0);
}
function distinctValues(column) {
  const seen = /* @__PURE__ */ new Set();
  if (column.kind === "values") {
    for (const value of column.values) seen.add(value === void 0 ? null : value);
    return [...seen];
  }
  const { values, nulls } = column;
  let last = Number.NaN;
  for (let i = 0; i < values.length; i++) {
    if (nulls?.[i]) {
      seen.add(null);
      continue;
    }
    const value = values[i];
    if (value === last) continue;
    seen.add(value);
    last = value;
  }
  return [...seen];
}
function codesOf(column, code) {
  if (column.kind === "values")
    return Int32Array.from(column.values, (value) => code.get(value === void 0 ? null : value));
  const { values, nulls } = column;
  const codes = new Int32Array(values.length);
  const missing = code.get(null) ?? -1;
  const few = [...code.keys()].filter((key) => typeof key === "number" && !Number.isNaN(key));
  const fewValues = Float64Array.from(few.length <= 8 ? few : []);
  const fewCodes = Int32Array.from(fewValues, (value) => code.get(value));
  for (let i = 0; i < values.length; i++) {
    if (nulls?.[i]) {
      codes[i] = missing;
      continue;
    }
    const value = values[i];
    let at = 0;
    while (at < fewValues.length && fewValues[at] !== value) at++;
    codes[i] = at < fewValues.length ? fewCodes[at] : code.get(value);
  }
  return codes;
}
function numbersOf(column) {
  if (column.kind === "numbers") return column.values;
  return Float64Array.from(
    column.values,
    (value) => value === null || value === void 0 ? Number.NaN : Number(value)
  );
}

// packages/core/src/steps/evaluate/slices.ts
var maxSliceValues = 10;
var sliceBins = 5;
function binnedSlice(column, numbers) {
  const sorted = numbers.filter(Number.isFinite).sort();
  const n = sorted.length;
  const edges = distinctEdges(
    Array.from(
      { length: sliceBins + 1 },
      (_, i) => sorted[Math.max(1, Math.ceil(n * i / sliceBins)) - 1]
    )
  );
  const bins = Math.max(1, edges.length - 1);
  const labels = intervalLabels(edges);
  const binOf = (value) => {
    let low = 0;
    let high = bins - 1;
    while (low < high) {
      const middle = low + high + 1 >> 1;
      if (value >= edges[middle]) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  const used = new Array(bins + 1).fill(false);
  const raw = Int32Array.from(numbers, (value) => Number.isFinite(value) ? binOf(value) : bins);
  for (const code of raw) used[code] = true;
  const kept = [...labels, "(null)"].flatMap((label, code) => used[code] ? [{ label, code }] : []);
  const renumber = new Map(kept.map((entry, index) => [entry.code, index]));
  return {
    column,
    values: kept.map((entry) => entry.label),
    codes: Int32Array.from(raw, (code) => renumber.get(code))
  };
}
function intervalLabels(edges) {
  if (edges.length === 1) return [`[${edges[0]}, ${edges[0]}]`];
  let digits = 4;
  const text = (value) => String(Number(value.toPrecision(digits)));
  while (digits < 17 && new Set(edges.map(text)).size < edges.length) digits++;
  return edges.slice(1).map((upper, i) => {
    const last = i === edges.length - 2;
    return `[${text(edges[i])}, ${text(upper)}${last ? "]" : ")"}`;
  });
}

// packages/core/src/steps/evaluate/task.ts
function firstFraction(values) {
  for (const value of values) {
    const number2 = Number(value);
    if (!Number.isInteger(number2)) return number2;
  }
  return void 0;
}
function chooseTask(requested, evidence) {
  if (requested !== "auto") return { name: requested, reason: "given" };
  if (evidence.scored) return { name: "classification", reason: "auto: a score column is declared" };
  const labelFraction = evidence.labelsNumeric ? firstFraction(evidence.labels) : void 0;
  const predictionFraction = evidence.predictionsNumeric ? firstFraction(evidence.predictions) : void 0;
  if (labelFraction !== void 0 || predictionFraction !== void 0) {
    const which = labelFraction !== void 0 && predictionFraction !== void 0 ? "labels and predictions are" : labelFraction !== void 0 ? "labels are" : "predictions are";
    const example = labelFraction ?? predictionFraction;
    return { name: "regression", reason: `auto: ${which} non-integer numbers, e.g. ${example}` };
  }
  const distinct = /* @__PURE__ */ new Set();
  for (const column of [evidence.labels, evidence.predictions])
    for (const value of column) distinct.add(String(value));
  const kind = evidence.labelsNumeric && evidence.predictionsNumeric ? "whole numbers" : "classes";
  const target = distinct.size <= 2 ? "binary" : "multiclass";
  return {
    name: "classification",
    reason: `auto: labels and predictions are ${kind}, ${distinct.size} distinct (${target})`
  };
}

// packages/core/src/steps/evaluate/predictions.ts
var numericType = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/;
async function readPredictions(file, options) {
  const path = resolve2(options.cwd, file);
  return withData({ path, file, format: formatOf(file), logger: options.logger }, async (table2) => {
    const types = new Map(table2.columns.map((column) => [column.name, column.type]));
    const needed = [
      ["label-column", options.labelColumn],
      ["prediction-column", options.predictionColumn],
      ...options.scoreColumn ? [["score-column", options.scoreColumn]] : [],
      ...options.sliceColumns.map((column) => ["slice-column", column])
    ];
    for (const [option, column] of needed)
      if (!types.has(column))
        throw new InputError(
          `${file}: no column '${column}' (${option}); the file has ${table2.columns.map((c) => c.name).join(", ")}`
        );
    const line = table2.format === "csv" || table2.format === "tsv" ? ":1" : "";
    for (const problem of table2.labelProblems) {
      const involved = needed.find(
        ([, column]) => problem.readAs.includes(column) || problem.name === "duplicate-label" && column.toLowerCase() === problem.label.toLowerCase()
      );
      if (involved)
        throw new InputError(
          `${file}${line}: ${problem.message}, so ${involved[0]} '${involved[1]}' ${problem.name === "duplicate-label" ? "is ambiguous" : "is not a name the file gives"}`
        );
      options.logger.warn(`${file}${line}: ${problem.message} (a column evaluate does not read)`);
    }
    const labelType = types.get(options.labelColumn);
    const predictionType = types.get(options.predictionColumn);
    const read = await readTypedColumns(
      table2,
      needed.map(([, column]) => {
        const type = types.get(column);
        return { sql: quoteIdentifier(column), type, numeric: numericType.test(type) };
      }),
      options.logger
    );
    const [labels, predictions] = read;
    const rows = labels.values.length;
    if (rows === 0) throw new InputError(`${file}: no rows to evaluate`);
    const missing = (values, column) => {
      const at = firstNull(values);
      if (at >= 0) throw new InputError(`${file}: row ${at + 1} has no value in '${column}'`);
    };
    missing(labels, options.labelColumn);
    missing(predictions, options.predictionColumn);
    const given = options.task === "regression";
    const distinctLabels = given ? [] : distinctValues(labels);
    const distinctPredictions = given ? [] : distinctValues(predictions);
    const task = chooseTask(options.task, {
      labels: distinctLabels,
      predictions: distinctPredictions,
      labelsNumeric: numericType.test(labelType),
      predictionsNumeric: numericType.test(predictionType),
      scored: options.scoreColumn !== void 0
    });
    let columns;
    let dataDigest;
    if (task.name === "regression") {
      for (const [column, type] of [
        [options.labelColumn, labelType],
        [options.predictionColumn, predictionType]
      ])
        if (!numericType.test(type))
          throw new InputError(`${file}: '${column}' holds ${type}, not numbers: a regression needs numbers`);
      columns = { task: "regression", actual: numbersOf(labels), predicted: numbersOf(predictions) };
      dataDigest = digestOfLines(rows, (row) => String(labels.values[row]));
    } else {
      const numeric = numericType.test(labelType);
      if (numeric !== numericType.test(predictionType))
        throw new InputError(
          `${file}: '${options.labelColumn}' holds ${labelType} and '${options.predictionColumn}' holds ${predictionType}: labels and predictions must be of one type`
        );
      const { values: classes, code } = encode([...distinctLabels, ...distinctPredictions], numeric);
      const labelCodes = codesOf(labels, code);
      columns = {
        task: "classification",
        classes,
        labels: labelCodes,
        predictions: codesOf(predictions, code)
      };
      dataDigest = digestOfCodes(labelCodes, classes);
      if (options.positiveLabel !== void 0) {
        const at = classes.indexOf(options.positiveLabel);
        const positive = at < 0 ? void 0 : at;
        if (positive === void 0)
          throw new InputError(
            `positive-label: '${options.positiveLabel}' is not a label of ${file} (labels: ${classes.slice(0, 10).join(", ")})`
          );
        columns.positive = positive;
      }
      if (options.scoreColumn) {
        const scores = read[2];
        missing(scores, options.scoreColumn);
        const type = types.get(options.scoreColumn);
        if (!numericType.test(type))
          throw new InputError(`${file}: '${options.scoreColumn}' holds ${type}, not probabilities`);
        const values = numbersOf(scores);
        const outside = values.findIndex((score) => !(score >= 0 && score <= 1));
        if (outside >= 0)
          throw new InputError(
            `${file}: row ${outside + 1}: score ${values[outside]} in '${options.scoreColumn}' is not a probability in [0, 1]`
          );
        columns.scores = values;
      }
    }
    const firstSlice = options.scoreColumn ? 3 : 2;
    const slices = options.sliceColumns.map((column, i) => {
      const cells = read[firstSlice + i];
      const distinct = distinctValues(cells);
      if (numericType.test(types.get(column)) && distinct.length > maxSliceValues)
        return binnedSlice(column, numbersOf(cells));
      const { values, code } = encode(distinct, false);
      return { column, values, codes: codesOf(cells, code) };
    });
    return { file, rows, columns, task, slices, dataDigest };
  });
}
function digestOfLines(rows, textOf) {
  const hash = createHash("sha256");
  const block = 65536;
  for (let start = 0; start < rows; start += block) {
    const lines = [];
    for (let i = start; i < Math.min(rows, start + block); i++) lines.push(textOf(i));
    hash.update(`${lines.join("\n")}
`);
  }
  return `sha256:${hash.digest("hex")}`;
}
function digestOfCodes(codes, classes) {
  const lines = classes.map((name) => Buffer.from(`${name}
`));
  const hash = createHash("sha256");
  const block = Buffer.allocUnsafe(1 << 20);
  let used = 0;
  for (const code of codes) {
    const line = lines[code];
    if (used + line.length > block.length) {
      hash.update(block.subarray(0, used));
      used = 0;
    }
    if (line.length > block.length) hash.update(line);
    else if (line.length === 2) {
      block[used++] = line[0];
      block[used++] = 10;
    } else used += line.copy(block, used);
  }
  hash.update(block.subarray(0, used));
  return `sha256:${hash.digest("hex")}`;
}
function encode(distinct, numeric) {
  const text = (value) => value === null || value === void 0 ? "(null)" : String(value);
  const sorted = [...new Set(distinct)].sort(
    numeric ? (
      // Compared as they are, not as Number(): bigints past 2^53 that round to one double still order by value.
      (a, b) => a < b ? -1 : a > b ? 1 : 0
    ) : (a, b) => Buffer.compare(Buffer.from(text(a)), Buffer.from(text(b)))
  );
  const values = [];
  const codeOfText = /* @__PURE__ */ new Map();
  const code = /* @__PURE__ */ new Map();
  for (const value of sorted) {
    const key = text(value);
    if (!codeOfText.has(key)) {
      codeOfText.set(key, values.length);
      values.push(key);
    }
    code.set(value, codeOfText.get(key));
  }
  return { values, code };
}

// packages/core/src/steps/evaluate/report.ts
var formatValue = formatMetric;
var signed = (value) => value === null || value === void 0 ? "\u2013" : `${value > 0 ? "+" : ""}${formatValue(value)}`;
var interval = (ci) => ci ? md`[${signed(ci[0])}, ${signed(ci[1])}]` : "\u2013";
var higherBetter = (name) => isMetricName(name) ? higherIsBetter(name) : true;
function improvementOf(name, delta2) {
  return higherBetter(name) ? delta2 : -delta2;
}
function relativeImprovement(name, m) {
  const improvement = improvementOf(name, m.delta);
  return m.baseline ? improvement / Math.abs(m.baseline) : improvement;
}
function delta(name, m) {
  if (m.delta === null) return "\u2013";
  const improvement = improvementOf(name, m.delta);
  return `${signed(m.delta)} (${improvement > 0 ? "better" : improvement < 0 ? "worse" : "unchanged"})`;
}
function absentBaseline(result) {
  return result.baseline?.kind === "absent" ? result.baseline.reason : void 0;
}
function headlineOf(result) {
  const applied = result.gates.filter((gate) => gate.status !== "skipped");
  const failed = applied.filter((gate) => gate.status === "failed");
  const skipped = result.gates.length - applied.length;
  const total = applied.length;
  const absent = absentBaseline(result);
  const status = `evaluate ${failed.length > 0 ? "failed" : "passed"}${absent ? ` (${absent})` : ""}`;
  const skippedText = skipped > 0 ? `, ${skipped} relative ${skipped === 1 ? "gate" : "gates"} skipped` : "";
  if (failed.length > 0)
    return `${status}: ${failed.length} of ${total} gates failed${skippedText}; ${failed[0]?.message}`;
  if (total === 0 && skipped === 0)
    return `${status}: ${Object.keys(result.metrics).length} metrics computed, no gates`;
  return `${status}: ${total} ${total === 1 ? "gate" : "gates"} passed${skippedText}`;
}
function taskLine(result) {
  return result.task ? `task: ${result.task.name} (${result.task.reason})` : void 0;
}
var maxChartLabelLength = 40;
function axisTop(values) {
  const top = Math.max(...values);
  if (!(top > 0)) return 1;
  const unit = 10 ** (Math.floor(Math.log10(top)) - 1);
  return Number((Math.ceil(top / unit) * unit).toPrecision(2));
}
function deltaCharts(metrics) {
  const better = [];
  const worse = [];
  const unchanged = [];
  const fromZero = [];
  for (const [name, m] of Object.entries(metrics)) {
    if (m.delta === null || m.baseline === null) continue;
    const improvement = improvementOf(name, m.delta);
    if (improvement === 0) unchanged.push(name);
    else if (m.baseline === 0) fromZero.push(name);
    else {
      const pct = Math.abs(improvement) / Math.abs(m.baseline) * 100;
      (improvement > 0 ? better : worse).push([name, Number(pct.toPrecision(4))]);
    }
  }
  const chart = (title, entries) => {
    const names = entries.map(([name]) => mermaidText(name, maxChartLabelLength));
    return [
      "```mermaid",
      // Seven metric names such as precision_weighted overlap side by side: those charts are horizontal.
      xychartFor(names),
      `  title "${mermaidText(title)}"`,
      `  x-axis [${names.map((name) => `"${name}"`).join(", ")}]`,
      `  y-axis "% of the baseline" 0 --> ${chartNumber(axisTop(entries.map(([, pct]) => pct)))}`,
      `  bar [${entries.map(([, pct]) => chartNumber(pct)).join(", ")}]`,
      "```"
    ];
  };
  const lines = [];
  if (better.length > 0)
    lines.push(...chart("Better than the baseline, by % of its value (a longer bar is better)", better), "");
  if (worse.length > 0)
    lines.push(...chart("Worse than the baseline, by % of its value (a longer bar is worse)", worse), "");
  const listed = [
    ...unchanged.length > 0 ? [md`unchanged: ${unchanged.join(", ")}`] : [],
    ...fromZero.length > 0 ? [md`changed from a baseline of 0 (no percentage): ${fromZero.join(", ")}`] : []
  ];
  if (listed.length > 0) lines.push(`${listed.join("; ")}.`, "");
  if (lines.length === 0) return "";
  return [
    "### Changes against the baseline",
    "",
    "For rmse, mae, mape and log_loss lower is better: a fall is shown as an improvement.",
    "",
    ...lines
  ].join("\n").trimEnd();
}
function mainSliceMetrics(result) {
  const task = result.task?.name ?? (Object.keys(result.slices[0]?.metrics ?? {}).some(
    (name) => REGRESSION_METRICS.includes(name)
  ) ? "regression" : "classification");
  const wanted = task === "regression" ? REGRESSION_METRICS : CLASSIFICATION_METRICS.filter(
    (name) => ["accuracy", "precision", "recall", "f1", "f1_macro", "roc_auc"].includes(name)
  );
  const valued = wanted.filter(
    (name) => result.slices.some((slice) => slice.metrics[name]?.candidate != null)
  );
  return valued.includes("f1") ? valued.filter((name) => name !== "f1_macro") : valued;
}
function sliceMetrics(result) {
  const main = new Set(mainSliceMetrics(result));
  const gated = new Set(result.gates.map((gate) => gate.metric));
  const computed = [...new Set(result.slices.flatMap((slice) => Object.keys(slice.metrics)))];
  return computed.filter((name) => main.has(name) || gated.has(name));
}
function gateMark(gates) {
  if (gates.length === 0) return "";
  if (gates.some((gate) => gate.status === "failed")) return "\u274C";
  return gates.some((gate) => gate.status === "passed") ? "\u2705" : "skipped";
}
function metricsTable(result) {
  const entries = Object.entries(result.metrics);
  const overall = (name) => gateMark(result.gates.filter((gate) => gate.metric === name && !gate.slice));
  const withBaseline = entries.some(([, m]) => m.baseline !== null);
  const withIntervals = entries.some(([, m]) => m.ci !== null);
  const withGates = entries.some(([name]) => overall(name) !== "");
  return table(
    [
      "metric",
      "candidate",
      ...withBaseline ? ["baseline", "delta"] : [],
      ...withIntervals ? [`${Math.round(result.bootstrap.confidence * 100)}% interval of the delta`] : [],
      ...withGates ? ["gate"] : []
    ],
    entries.map(([name, m]) => [
      name,
      formatValue(m.candidate),
      ...withBaseline ? [formatValue(m.baseline), delta(name, m)] : [],
      ...withIntervals ? [interval(m.ci)] : [],
      ...withGates ? [overall(name)] : []
    ])
  );
}
function unitsLine(result) {
  if (result.candidate.kind !== "predictions" || result.task?.name !== "regression") return void 0;
  return "rmse and mae are in the target's units; mape is a fraction of the actual value (0.25 means 25%), as scikit-learn's mean_absolute_percentage_error gives it.";
}
var maxSliceRows = 20;
function sliceSection(result) {
  const metrics = sliceMetrics(result);
  const withBaseline = result.slices.some(
    (slice) => metrics.some((name) => slice.metrics[name]?.delta != null)
  );
  const gatesOf2 = (slice) => result.gates.filter((gate) => gate.slice === `${slice.column}=${slice.value}`);
  const withGates = result.slices.some((slice) => gatesOf2(slice).length > 0);
  const gateRank = (slice) => ["\u274C", "\u2705", "skipped", ""].indexOf(gateMark(gatesOf2(slice)));
  const worstChange = (slice) => Math.min(
    ...metrics.map((name) => {
      const m = slice.metrics[name];
      return m?.delta == null ? Number.POSITIVE_INFINITY : relativeImprovement(name, m);
    })
  );
  const ordered = result.slices.map((slice, index) => ({
    slice,
    index,
    rank: gateRank(slice),
    worst: withBaseline ? worstChange(slice) : 0
  })).sort((a, b) => a.rank - b.rank || a.worst - b.worst || a.index - b.index);
  const shown = ordered.slice(0, maxSliceRows);
  const cell = (name, m) => {
    if (!m || m.candidate === null) return "\u2013";
    if (!withBaseline || m.delta === null) return formatValue(m.candidate);
    const improvement = improvementOf(name, m.delta);
    const word = improvement > 0 ? "better" : improvement < 0 ? "worse" : "unchanged";
    return `${formatValue(m.candidate)} (${signed(m.delta)}, ${word})`;
  };
  const order = [
    ...withGates ? ["slices with a gate first (failed ones first)"] : [],
    ...withBaseline ? ["the worst change against the baseline first (relative to its value)"] : []
  ];
  const lines = [
    ...withBaseline ? ["Each cell is the candidate's value and its change against the baseline."] : [],
    ...order.length > 0 ? [`Order: ${order.join(", then ")}.`] : []
  ];
  const allMetrics = new Set(result.slices.flatMap((slice) => Object.keys(slice.metrics))).size;
  const hidden = [
    ...shown.length < result.slices.length ? [`${shown.length} of ${plural(result.slices.length, "slice")}`] : [],
    ...metrics.length < allMetrics ? [`${metrics.length} of the ${allMetrics} metrics (the gated and the main ones)`] : []
  ];
  return [
    ...lines.length > 0 ? [lines.join(" "), ""] : [],
    table(
      ["slice", "rows", ...withGates ? ["gate"] : [], ...metrics],
      shown.map(({ slice }) => [
        literalText(`${slice.column}=${slice.value}`),
        slice.rows,
        ...withGates ? [gateMark(gatesOf2(slice))] : [],
        ...metrics.map((name) => cell(name, slice.metrics[name]))
      ])
    ),
    ...hidden.length > 0 ? ["", `Shown: ${hidden.join(" and ")}; evaluate.json has every slice with every metric (\`slices\`).`] : []
  ];
}
function intervalsText(result) {
  const any = Object.values(result.metrics).some((m) => m.ci !== null);
  return any ? `; intervals from ${result.bootstrap.resamples} paired bootstrap resamples, seed ${result.bootstrap.seed}` : "";
}
function renderReport(result) {
  const failed = result.gates.filter((gate) => gate.status === "failed");
  const passed = result.gates.filter((gate) => gate.status === "passed");
  const skipped = result.gates.filter((gate) => gate.status === "skipped");
  const lines = [heading(2, md`${failed.length > 0 ? "\u274C" : "\u2705"} ${headlineOf(result)}`), ""];
  const task = taskLine(result);
  if (task) lines.push(literalText(task).markdown, "");
  if (result.data.same === false)
    lines.push("> \u26A0\uFE0F The candidate and the baseline were evaluated on different data.", "");
  if (failed.length > 0)
    lines.push(
      "### Failed gates",
      "",
      table(
        ["gate", "slice", "why"],
        failed.map((gate) => [gate.rule, gate.slice ?? "all rows", gate.message].map(literalText))
      ),
      ""
    );
  if (skipped.length > 0)
    lines.push(
      "### Skipped gates",
      "",
      table(
        ["gate", "why"],
        skipped.map((gate) => [gate.rule, gate.message])
      ),
      ""
    );
  lines.push("### Metrics", "", metricsTable(result), "");
  const units = unitsLine(result);
  if (units) lines.push(units, "");
  if (result.slices.length > 0) lines.push("### Slices", "", ...sliceSection(result), "");
  if (passed.length > 0)
    lines.push(
      "<details><summary>Passed gates</summary>",
      "",
      table(
        ["gate", "slice", "result"],
        passed.map((gate) => [gate.rule, gate.slice ?? "all rows", gate.message].map(literalText))
      ),
      "",
      "</details>",
      ""
    );
  if (result.confusion) {
    const { classes, matrix } = result.confusion;
    lines.push(
      "<details><summary>Confusion matrix of the candidate (rows: true, columns: predicted)</summary>",
      "",
      table(
        ["", ...classes.map(literalText)],
        matrix.map((row, i) => [literalText(classes[i]), ...row])
      ),
      "",
      "</details>",
      ""
    );
  }
  const charts = deltaCharts(result.metrics);
  if (charts) lines.push(charts, "");
  const notes = Object.entries(result.notes);
  if (notes.length > 0)
    lines.push(
      "<details><summary>Notes</summary>",
      "",
      ...notes.map(([name, note]) => md`- ${name}: ${note}`.markdown),
      "",
      "</details>",
      ""
    );
  lines.push(
    `Evaluation data: ${codeSpan(result.data.digest ?? "unknown")}${result.data.rows === null ? "" : ` (${result.data.rows} rows)`}${intervalsText(result)}; values rounded to four decimals (evaluate.json has every digit).`,
    ""
  );
  return lines.join("\n");
}
function metricsText(result) {
  const lines = [];
  for (const [name, m] of Object.entries(result.metrics)) {
    if (m.candidate !== null) lines.push(`${name} ${m.candidate}`);
    if (m.delta !== null) lines.push(`${name}_delta ${m.delta}`);
  }
  return `${lines.join("\n")}
`;
}

// packages/core/src/steps/evaluate/run.ts
var predictionsMediaTypes = {
  ".csv": "text/csv",
  ".tsv": "text/tab-separated-values",
  ".jsonl": "application/x-ndjson",
  ".ndjson": "application/x-ndjson",
  ".parquet": "application/vnd.apache.parquet"
};
var fileNameAnnotation = "dev.mlci.file.name";
async function readRegistrySide(source, input, environment, candidateDigest) {
  const { model, version } = parseModelRef(
    source.slice("registry:".length),
    "baseline"
  );
  const { openStepRegistry } = await import("./open-7RMT4EKG.mjs");
  const registry = await openStepRegistry(input, environment);
  let found;
  if (/^[0-9]+$/.test(version) || version === latestVersion)
    found = await registry.getVersion(model, version);
  else {
    checkModelName(model);
    checkAliasName(version);
    const holder = await aliasHolder(registry, model, version);
    if (isNoHolder(holder)) {
      environment.logger.info(`baseline: ${holder.message}`);
      return { source, absent: `no baseline yet: ${model}@${version} has no holder` };
    }
    found = holder;
  }
  const label = version === found.version ? source : `${source} (version ${found.version})`;
  const latest = (kind) => found.attachments.filter((a) => a.kind === kind).at(-1);
  const stored = latest("predictions") ?? latest("evaluation");
  const side = stored && await readAttachmentSide(registry, model, found.version, stored, input, environment);
  if (input.rescoreCommand && (!side || digestOf(side) !== candidateDigest)) {
    const { rescoreBaseline } = await import("./rescore-FAEIAM7J.mjs");
    const rescored = await rescoreBaseline(
      {
        command: input.rescoreCommand,
        registry,
        model,
        version: found.version,
        candidate: input.candidate,
        read: (file) => readSide(file, input, environment)
      },
      environment
    );
    return {
      side: withName(rescored, `${label}, re-scored`),
      source: `${label}, re-scored on the current data`,
      version: { model, version: found.version, registry: registry.uri }
    };
  }
  if (!side)
    throw new InputError(
      `baseline: ${model} version ${found.version} in ${registry.uri} has no evaluation (evaluate it with attach-to ${model}@${found.version}, or give rescore-command)`
    );
  return {
    side: withName(side, label),
    source: label,
    version: { model, version: found.version, registry: registry.uri }
  };
}
async function readAttachmentSide(registry, model, version, attachment, input, environment) {
  const fileName = attachment.annotations[fileNameAnnotation] ?? "evaluate.json";
  return readStoredSide(
    fileName,
    await registry.readAttachment(model, version, attachment),
    `${basename(fileName)} of ${model} version ${version}`,
    (file) => readSide(file, input, environment)
  );
}
async function readSide(source, input, environment) {
  if (extname(source).toLowerCase() === ".json")
    return { kind: "metrics", metrics: await readMetricsFile(source, environment.cwd) };
  await requireRegularFile(resolve3(environment.cwd, source), "predictions", source);
  return {
    kind: "predictions",
    predictions: await readPredictions(source, {
      cwd: environment.cwd,
      labelColumn: input.labelColumn,
      predictionColumn: input.predictionColumn,
      ...input.scoreColumn ? { scoreColumn: input.scoreColumn } : {},
      sliceColumns: input.sliceColumn,
      task: input.task,
      ...input.positiveLabel ? { positiveLabel: input.positiveLabel } : {},
      logger: environment.logger
    })
  };
}
async function readBaseline(source, input, environment, candidate) {
  if (source.startsWith("registry:"))
    return readRegistrySide(source, input, environment, digestOf(candidate));
  if (input.rescoreCommand)
    throw new InputError(
      `rescore-command: needs a registry:NAME@VERSION baseline (the model it re-scores); baseline is '${source}'`
    );
  if (source === "target-branch" || source.startsWith("branch:")) {
    const { readBranchSide } = await import("./branch-baseline-CTKSLHNY.mjs");
    return readBranchSide(source, input, environment, (file) => readSide(file, input, environment));
  }
  return { side: await readSide(source, input, environment), source };
}
async function attachTarget(input, environment) {
  const ref = parseModelRef(input.attachTo, "attach-to", { versionOptional: true });
  const { openStepRegistry } = await import("./open-7RMT4EKG.mjs");
  const registry = await openStepRegistry(input, environment);
  const found = await resolveModelRef(registry, ref, { option: "attach-to", ...environment });
  return { registry, model: found.model, version: found.version };
}
async function attachEvaluation({ registry, model, version }, input, environment, result, json) {
  const annotations = result.data.digest ? { "dev.mlci.data.digest": result.data.digest } : {};
  await registry.attach(
    model,
    version,
    evidenceAttachment("evaluation", Buffer.from(json), result.status, annotations)
  );
  const type = predictionsMediaTypes[extname(input.candidate).toLowerCase()];
  if (result.candidate.kind === "predictions" && type)
    await registry.attach(model, version, {
      kind: "predictions",
      mediaType: type,
      content: await readFile(resolve3(environment.cwd, input.candidate)),
      annotations: { ...annotations, [fileNameAnnotation]: basename(input.candidate) }
    });
  return `${model} version ${version} in ${registry.uri}`;
}
function gatesOf(input, candidate) {
  if (candidate.kind === "metrics") {
    const known2 = new Set(Object.keys(candidate.metrics.metrics));
    return input.gate.map((text) => parseGate(text, (name) => known2.has(name)));
  }
  const task = candidate.predictions.task;
  const known = new Set(METRIC_NAMES[task.name]);
  const isMetric = (name) => {
    if (known.has(name)) return true;
    if (!isMetricName(name)) return false;
    const other = metricTask(name);
    return `${name} is a ${other} metric; this evaluation was taken as ${task.name} (${task.reason}); set --task ${other}`;
  };
  return input.gate.map((text) => parseGate(text, isMetric));
}
async function runEvaluate(input, environment) {
  const outDir = resolve3(environment.cwd, input.out);
  const report = stepReportFiles(outDir, "evaluate");
  const baselineIsFile = input.baseline !== void 0 && !input.baseline.startsWith("registry:") && !input.baseline.startsWith("branch:") && input.baseline !== "target-branch";
  await refuseSameFile(
    [report.json, report.markdown, report.junit, join(outDir, "metrics.txt")].map((path) => ({
      option: "out",
      path
    })),
    [
      { option: "candidate", path: input.candidate },
      ...baselineIsFile ? [{ option: "baseline", path: input.baseline }] : []
    ],
    environment.cwd
  );
  const target = input.attachTo === void 0 ? void 0 : await attachTarget(input, environment);
  const early = baselineIsFile && !input.rescoreCommand ? readSide(input.baseline, input, environment) : void 0;
  early?.catch(() => {
  });
  const candidate = await readSide(input.candidate, input, environment);
  const gates = gatesOf(input, candidate);
  if (input.rescoreCommand && input.baseline === void 0)
    throw new InputError("rescore-command: needs a registry:NAME@VERSION baseline (the model it re-scores)");
  const read = input.baseline === void 0 ? void 0 : early ? { side: await early, source: input.baseline } : await readBaseline(input.baseline, input, environment, candidate);
  const absent = read && "absent" in read ? read.absent : void 0;
  const baseline = read && "side" in read ? read.side : void 0;
  const seed = input.seed ?? DEFAULT_BOOTSTRAP_SEED;
  const comparison2 = compare(candidate, baseline, gates, {
    resamples: input.resamples,
    confidence: input.confidence,
    seed,
    allowDifferentData: input.allowDifferentData,
    ...absent ? { noBaseline: absent } : {}
  });
  const checks = comparison2.gates.map((gate) => ({
    name: gate.rule,
    ...gate.slice ? { column: gate.slice } : {},
    status: gate.status,
    severity: "error",
    message: gate.message
  }));
  const kind = (side) => side.kind;
  const result = {
    step: "evaluate",
    status: statusOf(checks),
    checks,
    candidate: { source: input.candidate, kind: kind(candidate) },
    baseline: !read ? null : "absent" in read ? { source: read.source, kind: "absent", reason: read.absent } : { source: read.source, kind: kind(read.side), ...read.version ? { version: read.version } : {} },
    ...candidate.kind === "predictions" ? { task: candidate.predictions.task } : {},
    data: comparison2.data,
    metrics: comparison2.metrics,
    gates: comparison2.gates,
    slices: comparison2.slices,
    ...comparison2.confusion ? { confusion: comparison2.confusion } : {},
    ...comparison2.mcnemar ? { mcnemar: comparison2.mcnemar } : {},
    notes: comparison2.notes,
    bootstrap: { resamples: input.resamples, confidence: input.confidence, seed }
  };
  if (target) {
    const where = await attachEvaluation(
      target,
      input,
      environment,
      result,
      `${JSON.stringify(result, null, 2)}
`
    );
    environment.logger.info(`evaluation attached to ${where}`);
    result.attachedTo = where;
  }
  const markdown = renderReport(result);
  const files = await writeStepReports(outDir, result, markdown);
  await writeFileAtomic(join(outDir, "metrics.txt"), metricsText(result));
  const values = Object.fromEntries(Object.entries(result.metrics).map(([name, m]) => [name, m.candidate]));
  return {
    result,
    headline: headlineOf(result),
    markdown,
    outputs: {
      "gates-failed": String(result.gates.filter((gate) => gate.status === "failed").length),
      "data-digest": result.data.digest ?? "",
      metrics: JSON.stringify(values)
    },
    files
  };
}
export {
  runEvaluate
};
