// biome-ignore-all lint/style/noNonNullAssertion: the kernels index typed arrays inside loop bounds
/**
 * Classification metrics with scikit-learn 1.2.1's exact meaning (Debian's python3-sklearn, numpy
 * 1.24.2), checked against it in classification.test.ts. Each follows sklearn's floating-point
 * operations and numpy's summation order (summation.ts), so the results equal sklearn's bit for bit
 * (log_loss may differ in the last bit where Math.log and glibc's log round differently).
 *
 * Data: `labels` and `predictions` are indexes into `classes`, which are in np.unique order of the
 * union of labels and predictions; `scores` is the probability of the positive class.
 *
 * Binary metrics are "positive against the rest": precision/recall/f1 are sklearn's
 * `*_score(y_true, y_pred, pos_label=positive)` (average='binary'); the score metrics are
 * `roc_auc_score(y_true == positive, scores)`, `average_precision_score(y_true, scores,
 * pos_label=positive)` and `log_loss(y_true == positive, scores, labels=[False, True])` - with
 * `labels` given, because without it sklearn raises when y_true holds one class, although the two
 * classes are known here.
 */
import { InputError } from '../errors';
import { matches, rankScores, type ScoreRanking } from '../stats/sort';
import {
  BINARY_METRICS,
  type BinaryMetricName,
  CLASSIFICATION_METRICS,
  type ClassificationMetricName,
  SCORE_METRICS,
  type ScoreMetricName,
} from './names';
import { NumpySum, numpySum } from './summation';

// Module-level aliases: global lookups are slow in hot loops under jest's vm sandbox.
const { log, max, min } = Math;

export interface ClassificationInput {
  /** The true class of each row, as an index into `classes`. */
  labels: Int32Array;
  /** The predicted class of each row, as an index into `classes`. */
  predictions: Int32Array;
  /** Class names in np.unique order of the union of labels and predictions. */
  classes: readonly string[];
  /** Probability of the positive class per row (binary tasks only), in [0, 1]. */
  scores?: Float64Array;
  /** Index into `classes` of the positive class; by default the second of the two classes. */
  positive?: number;
  /**
   * The scores ranked (rankScores of these scores, labels and the positive class), when the caller has them
   * already: the metrics and the bootstrap then sort the scores once. Ranked here otherwise.
   */
  scoreRanking?: ScoreRanking;
}

export interface ConfusionMatrix {
  /** The classes present in labels or predictions, in the order of the input `classes`. */
  classes: string[];
  /** sklearn's orientation: matrix[true][predicted] counts rows. */
  matrix: number[][];
}

export interface ClassificationMetrics {
  /** A number, or null where sklearn raises or returns nan (the reason says which). */
  values: Partial<Record<ClassificationMetricName, number | null>>;
  /**
   * Why a value is null, or the warning sklearn gives when it sets an ill-defined value to 0.0
   * (zero_division='warn'), in sklearn's words.
   */
  reasons: Partial<Record<ClassificationMetricName, string>>;
  confusion: ConfusionMatrix;
}

/** sklearn raises a ValueError for this metric on this data; the message is sklearn's. */
export class UndefinedMetricError extends Error {
  override name = 'UndefinedMetricError';
}

/** numpy.finfo(float64).eps: log_loss's eps='auto' for float64 scores in sklearn 1.2.1. */
const FLOAT64_EPS = 2.220446049250313e-16;

/** sklearn.metrics._ranking._binary_roc_auc_score's ValueError. */
export const ROC_AUC_ONE_CLASS =
  'Only one class present in y_true. ROC AUC score is not defined in that case.';
/** sklearn's ValueError for average='binary' on more than two classes. */
export const BINARY_ON_MULTICLASS =
  "Target is multiclass but average='binary'. Please choose another average setting, one of [None, 'micro', 'macro', 'weighted'].";
/** precision_recall_curve's warning when y_true has no positive; average_precision_score is then 0. */
export const AVERAGE_PRECISION_NO_POSITIVE =
  'No positive class found in y_true, recall is set to one for all thresholds.';

// ---------------------------------------------------------------- validation and counting

function checkRows(labels: Int32Array, predictions: ArrayLike<number>, second = 'predictions'): number {
  if (labels.length !== predictions.length) {
    throw new InputError(
      `labels and ${second} have different lengths (${labels.length} and ${predictions.length})`,
    );
  }
  if (labels.length === 0) throw new InputError('no rows to evaluate');
  return labels.length;
}

/** Scores must be probabilities: sklearn's log_loss would silently clip anything else. */
function checkScores(scores: Float64Array): void {
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    // Written so that NaN fails too.
    if (!(s >= 0 && s <= 1)) {
      throw new InputError(`score ${s} at row ${i + 1} is not a probability in [0, 1]`);
    }
  }
}

/**
 * Counts of (true, predicted) class pairs, row-major with rows true and columns predicted
 * (sklearn's confusion_matrix orientation), over all `classCount` classes. One pass.
 */
export function confusionCounts(
  labels: Int32Array,
  predictions: Int32Array,
  classCount: number,
): Float64Array {
  const n = checkRows(labels, predictions);
  const counts = new Float64Array(classCount * classCount);
  for (let i = 0; i < n; i++) {
    const t = labels[i]!;
    const p = predictions[i]!;
    // >>> 0 maps negative indexes above any class count.
    if (t >>> 0 >= classCount || p >>> 0 >= classCount) {
      throw new InputError(
        `row ${i + 1}: class index ${t >>> 0 >= classCount ? t : p} is outside the ${classCount} classes`,
      );
    }
    counts[t * classCount + p]!++;
  }
  return counts;
}

interface ClassTotals {
  /** Row sums: rows whose label is the class (sklearn's true_sum, the support). */
  actual: Float64Array;
  /** Column sums: rows predicted as the class (sklearn's pred_sum). */
  predicted: Float64Array;
  /** Indexes of the classes in labels or predictions (sklearn's unique_labels), ascending. */
  present: number[];
}

function classTotals(counts: Float64Array, classCount: number): ClassTotals {
  const actual = new Float64Array(classCount);
  const predicted = new Float64Array(classCount);
  for (let t = 0; t < classCount; t++) {
    for (let p = 0; p < classCount; p++) {
      const c = counts[t * classCount + p]!;
      actual[t]! += c;
      predicted[p]! += c;
    }
  }
  const present: number[] = [];
  for (let c = 0; c < classCount; c++) if (actual[c]! + predicted[c]! > 0) present.push(c);
  return { actual, predicted, present };
}

function confusionOf(counts: Float64Array, classes: readonly string[], present: number[]): ConfusionMatrix {
  const k = classes.length;
  return {
    classes: present.map((c) => classes[c]!),
    matrix: present.map((t) => present.map((p) => counts[t * k + p]!)),
  };
}

/**
 * sklearn's confusion_matrix(y_true, y_pred): labels are the classes present in either, in the
 * order of `classes`; rows are true classes, columns predicted classes.
 */
export function confusionMatrix(
  labels: Int32Array,
  predictions: Int32Array,
  classes: readonly string[],
): ConfusionMatrix {
  const counts = confusionCounts(labels, predictions, classes.length);
  return confusionOf(counts, classes, classTotals(counts, classes.length).present);
}

// ---------------------------------------------------------------- precision, recall, F1

export interface PrecisionRecallF1 {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * precision_recall_fscore_support's arithmetic for one label (beta = 1): a zero denominator gives
 * 0.0 (zero_division='warn'), and F1 is (1 + beta²)·P·R / (beta²·P + R) evaluated in that order.
 */
function prf(truePositives: number, predicted: number, actual: number): PrecisionRecallF1 {
  const precision = predicted === 0 ? 0 : truePositives / predicted;
  const recall = actual === 0 ? 0 : truePositives / actual;
  const denominator = precision + recall;
  const f1 = (2 * precision * recall) / (denominator === 0 ? 1 : denominator);
  return { precision, recall, f1 };
}

/** sklearn's _warn_prf message, as precision_score, recall_score and f1_score give it. */
function illDefined(
  metric: 'Precision is' | 'Recall is' | 'F-score is',
  modifier: 'predicted' | 'true' | 'true nor predicted',
  labelCount: number,
): string {
  const where = labelCount === 1 ? 'due to' : 'in labels with';
  return `${metric} ill-defined and being set to 0.0 ${where} no ${modifier} samples. Use \`zero_division\` parameter to control this behavior.`;
}

interface Scored<T> {
  values: T;
  warnings: Partial<Record<keyof T, string>>;
}

export type Average = 'macro' | 'weighted';

function averagedFromCounts(
  counts: Float64Array,
  classCount: number,
  totals: ClassTotals,
  average: Average,
): Scored<PrecisionRecallF1> {
  const { actual, predicted, present } = totals;
  const k = present.length;
  const precisions = new Float64Array(k);
  const recalls = new Float64Array(k);
  const f1s = new Float64Array(k);
  const warnings: Partial<Record<keyof PrecisionRecallF1, string>> = {};
  for (let i = 0; i < k; i++) {
    const c = present[i]!;
    const one = prf(counts[c * classCount + c]!, predicted[c]!, actual[c]!);
    precisions[i] = one.precision;
    recalls[i] = one.recall;
    f1s[i] = one.f1;
    if (predicted[c] === 0) warnings.precision = illDefined('Precision is', 'predicted', k);
    if (actual[c] === 0) warnings.recall = illDefined('Recall is', 'true', k);
    // Every present class has true or predicted rows, so sklearn's F-score warning cannot occur.
  }
  if (average === 'macro') {
    // np.average(scores): the mean over labels.
    return {
      values: { precision: numpySum(precisions) / k, recall: numpySum(recalls) / k, f1: numpySum(f1s) / k },
      warnings,
    };
  }
  // np.average(scores, weights=true_sum): sum(scores * weights) / sum(weights), in float64.
  const weights = new Float64Array(k);
  for (let i = 0; i < k; i++) weights[i] = actual[present[i]!]!;
  const weightSum = numpySum(weights);
  const weighted = (scores: Float64Array): number => {
    const products = new Float64Array(k);
    for (let i = 0; i < k; i++) products[i] = scores[i]! * weights[i]!;
    return numpySum(products) / weightSum;
  };
  return {
    values: { precision: weighted(precisions), recall: weighted(recalls), f1: weighted(f1s) },
    warnings,
  };
}

/**
 * sklearn's precision_recall_fscore_support(average='macro' | 'weighted') over the classes present in
 * labels or predictions, with zero_division='warn' (an ill-defined per-class value counts as 0.0).
 */
export function averagedPrecisionRecallF1(
  labels: Int32Array,
  predictions: Int32Array,
  classCount: number,
  average: Average,
): PrecisionRecallF1 {
  const counts = confusionCounts(labels, predictions, classCount);
  return averagedFromCounts(counts, classCount, classTotals(counts, classCount), average).values;
}

function pythonList(names: string[]): string {
  return `[${names.map((name) => `'${name}'`).join(', ')}]`;
}

/**
 * Why sklearn's average='binary' refuses these classes (its ValueError), or undefined.
 * sklearn decides on the labels present in y_true or y_pred.
 */
function binaryRefusal(present: number[], classes: readonly string[], positive: number): string | undefined {
  if (present.length > 2) return BINARY_ON_MULTICLASS;
  if (present.length === 2 && !present.includes(positive)) {
    const names = present.map((c) => classes[c]!);
    return `pos_label=${classes[positive]} is not a valid label. It should be one of ${pythonList(names)}`;
  }
  return undefined;
}

function binaryFromCounts(
  counts: Float64Array,
  classCount: number,
  totals: ClassTotals,
  positive: number,
): Scored<PrecisionRecallF1> {
  const predicted = totals.predicted[positive]!;
  const actual = totals.actual[positive]!;
  const values = prf(counts[positive * classCount + positive]!, predicted, actual);
  // Each of precision_score, recall_score and f1_score warns only about its own metric; F1 only when
  // the positive label has neither true nor predicted rows.
  const warnings: Partial<Record<keyof PrecisionRecallF1, string>> = {};
  if (predicted === 0) warnings.precision = illDefined('Precision is', 'predicted', 1);
  if (actual === 0) warnings.recall = illDefined('Recall is', 'true', 1);
  if (predicted === 0 && actual === 0) warnings.f1 = illDefined('F-score is', 'true nor predicted', 1);
  return { values, warnings };
}

/**
 * Binary precision, recall and F1 for the positive class, as sklearn's
 * precision_recall_fscore_support(y_true, y_pred, pos_label=positive, average='binary').
 * Throws UndefinedMetricError where sklearn raises (more than two classes, or two classes without
 * the positive one).
 */
export function binaryPrecisionRecallF1(
  labels: Int32Array,
  predictions: Int32Array,
  classes: readonly string[],
  positive: number,
): PrecisionRecallF1 {
  const counts = confusionCounts(labels, predictions, classes.length);
  const totals = classTotals(counts, classes.length);
  const refusal = binaryRefusal(totals.present, classes, positive);
  if (refusal) throw new UndefinedMetricError(refusal);
  return binaryFromCounts(counts, classes.length, totals, positive).values;
}

// ---------------------------------------------------------------- score metrics

interface ThresholdCounts {
  /** Cumulative positives and negatives at or above each distinct score, highest score first. */
  truePositives: Float64Array;
  falsePositives: Float64Array;
  /** Number of distinct scores. */
  thresholds: number;
  positives: number;
  negatives: number;
}

/**
 * sklearn's _binary_clf_curve (tps, fps per distinct score, descending): the cumulative class counts of the
 * scores' groups from the highest down (`ranking` when the caller ranked these arrays already).
 */
function thresholdCounts(
  labels: Int32Array,
  scores: Float64Array,
  positive: number,
  ranking?: ScoreRanking,
): ThresholdCounts {
  checkRows(labels, scores, 'scores');
  const { groups, positives, negatives } = matches(ranking, scores, labels, positive)
    ? ranking
    : rankScores(scores, labels, positive);
  const truePositives = new Float64Array(groups);
  const falsePositives = new Float64Array(groups);
  let tp = 0;
  let fp = 0;
  for (let g = groups - 1, m = 0; g >= 0; g--, m++) {
    tp += positives[g]!;
    fp += negatives[g]!;
    truePositives[m] = tp;
    falsePositives[m] = fp;
  }
  return { truePositives, falsePositives, thresholds: groups, positives: tp, negatives: fp };
}

/**
 * auc(roc_curve(...)) as sklearn 1.2.1 computes it: roc_curve drops points collinear with their
 * neighbours (drop_intermediate, np.diff(_, 2) != 0), prepends (0, 0), divides by the totals, and
 * np.trapz sums (Δfpr · (tpr + tpr_prev)) / 2 in curve order. The value is the Mann-Whitney U / (P·N)
 * with ties counted half, rounded the way sklearn rounds it.
 */
function rocAucFromThresholds(curve: ThresholdCounts): number | undefined {
  const { truePositives: tps, falsePositives: fps, thresholds: m, positives, negatives } = curve;
  if (positives === 0 || negatives === 0) return undefined;
  const area = new NumpySum();
  let previousFpr = 0;
  let previousTpr = 0;
  const point = (index: number): void => {
    const fpr = fps[index]! / negatives;
    const tpr = tps[index]! / positives;
    area.add(((fpr - previousFpr) * (tpr + previousTpr)) / 2);
    previousFpr = fpr;
    previousTpr = tpr;
  };
  point(0);
  for (let index = 1; index < m - 1; index++) {
    const corner =
      fps[index + 1]! - 2 * fps[index]! + fps[index - 1]! !== 0 ||
      tps[index + 1]! - 2 * tps[index]! + tps[index - 1]! !== 0;
    if (corner) point(index);
  }
  if (m > 1) point(m - 1);
  return area.sum();
}

/**
 * average_precision_score: -sum(diff(recall) * precision[:-1]) over precision_recall_curve's arrays
 * (lowest threshold first, then the appended precision 1, recall 0) - the step sum Σ (R_n - R_{n-1}) P_n,
 * not the interpolated trapezoid. With no positive row, sklearn sets recall to 1 and the sum is 0.
 */
function averagePrecisionFromThresholds(curve: ThresholdCounts): number {
  const { truePositives: tps, falsePositives: fps, thresholds: m, positives } = curve;
  const recallAt = (index: number): number => (positives === 0 ? 1 : tps[index]! / positives);
  const sum = new NumpySum();
  for (let index = m - 1; index >= 0; index--) {
    const precision = tps[index]! / (tps[index]! + fps[index]!);
    const nextRecall = index > 0 ? recallAt(index - 1) : 0;
    sum.add((nextRecall - recallAt(index)) * precision);
  }
  // sklearn's -sum is -0.0 when every term is 0; JSON has no -0.
  return -sum.sum() + 0;
}

/**
 * sklearn 1.2.1's log_loss for a positive-class probability p: eps='auto' is float64's machine
 * epsilon, p is clipped to [eps, 1 - eps], the two columns [1 - p, p] are renormalised by their sum
 * (which can differ from 1 in the last bit), and the loss is -log of the true column, averaged.
 */
function logLossKernel(labels: Int32Array, scores: Float64Array, positive: number): number {
  const n = labels.length;
  const sum = new NumpySum();
  const high = 1 - FLOAT64_EPS;
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    // np.clip(y_pred, eps, 1 - eps)
    const p = min(max(s, FLOAT64_EPS), high);
    const q = 1 - p;
    const total = q + p;
    sum.add(-log((labels[i] === positive ? p : q) / total));
  }
  return sum.sum() / n;
}

/** sklearn's roc_auc_score(y_true == positive, scores). Throws UndefinedMetricError with one class. */
export function rocAuc(labels: Int32Array, scores: Float64Array, positive: number): number {
  checkScores(scores);
  const value = rocAucFromThresholds(thresholdCounts(labels, scores, positive));
  if (value === undefined) throw new UndefinedMetricError(ROC_AUC_ONE_CLASS);
  return value;
}

/** sklearn's average_precision_score(y_true, scores, pos_label=positive) for binary labels. */
export function averagePrecision(labels: Int32Array, scores: Float64Array, positive: number): number {
  checkScores(scores);
  return averagePrecisionFromThresholds(thresholdCounts(labels, scores, positive));
}

/** sklearn's log_loss(y_true == positive, scores, labels=[False, True]). */
export function logLoss(labels: Int32Array, scores: Float64Array, positive: number): number {
  checkRows(labels, scores, 'scores');
  checkScores(scores);
  return logLossKernel(labels, scores, positive);
}

// ---------------------------------------------------------------- one metric each

/** sklearn's accuracy_score: the share of rows predicted right. */
export function accuracy(labels: Int32Array, predictions: Int32Array): number {
  const n = checkRows(labels, predictions);
  let right = 0;
  for (let i = 0; i < n; i++) if (labels[i] === predictions[i]) right++;
  return right / n;
}

/** sklearn's precision_score(y_true, y_pred, pos_label=positive); UndefinedMetricError where sklearn raises. */
export function precision(
  labels: Int32Array,
  predictions: Int32Array,
  classes: readonly string[],
  positive: number,
): number {
  return binaryPrecisionRecallF1(labels, predictions, classes, positive).precision;
}
/** sklearn's recall_score(y_true, y_pred, pos_label=positive); UndefinedMetricError where sklearn raises. */
export function recall(
  labels: Int32Array,
  predictions: Int32Array,
  classes: readonly string[],
  positive: number,
): number {
  return binaryPrecisionRecallF1(labels, predictions, classes, positive).recall;
}
/** sklearn's f1_score(y_true, y_pred, pos_label=positive); UndefinedMetricError where sklearn raises. */
export function f1(
  labels: Int32Array,
  predictions: Int32Array,
  classes: readonly string[],
  positive: number,
): number {
  return binaryPrecisionRecallF1(labels, predictions, classes, positive).f1;
}
/** sklearn's precision_score(y_true, y_pred, average='macro'). */
export function precisionMacro(labels: Int32Array, predictions: Int32Array, classCount: number): number {
  return averagedPrecisionRecallF1(labels, predictions, classCount, 'macro').precision;
}
/** sklearn's recall_score(y_true, y_pred, average='macro'). */
export function recallMacro(labels: Int32Array, predictions: Int32Array, classCount: number): number {
  return averagedPrecisionRecallF1(labels, predictions, classCount, 'macro').recall;
}
/** sklearn's f1_score(y_true, y_pred, average='macro'). */
export function f1Macro(labels: Int32Array, predictions: Int32Array, classCount: number): number {
  return averagedPrecisionRecallF1(labels, predictions, classCount, 'macro').f1;
}
/** sklearn's precision_score(y_true, y_pred, average='weighted'). */
export function precisionWeighted(labels: Int32Array, predictions: Int32Array, classCount: number): number {
  return averagedPrecisionRecallF1(labels, predictions, classCount, 'weighted').precision;
}
/** sklearn's recall_score(y_true, y_pred, average='weighted'). */
export function recallWeighted(labels: Int32Array, predictions: Int32Array, classCount: number): number {
  return averagedPrecisionRecallF1(labels, predictions, classCount, 'weighted').recall;
}
/** sklearn's f1_score(y_true, y_pred, average='weighted'). */
export function f1Weighted(labels: Int32Array, predictions: Int32Array, classCount: number): number {
  return averagedPrecisionRecallF1(labels, predictions, classCount, 'weighted').f1;
}

// ---------------------------------------------------------------- all at once

/**
 * Every classification metric the data allows, from one counting pass and (with scores) one sort:
 * - accuracy and the macro/weighted averages always;
 * - precision, recall, f1 when the labels are binary, a positive label is given or scores are
 *   given: null with sklearn's ValueError when sklearn's average='binary' refuses the data;
 * - roc_auc, average_precision, log_loss likewise, when scores are given.
 *
 * Where sklearn 1.2.1 raises or warns (each case is an oracle test):
 * - more than two classes in labels ∪ predictions, or two without the positive one: ValueError
 *   from average='binary' -> every binary and score metric null, with that message;
 * - one class and no positive label: sklearn would score its default pos_label=1, which is no label
 *   here -> mlci's own refusal, null, asking for the positive label;
 * - no predicted positive / no true positive: UndefinedMetricWarning, precision / recall 0.0
 *   (zero_division='warn'); f1 is 0.0 whenever P + R = 0 and warns only with neither true nor
 *   predicted rows; macro/weighted count such a class as 0.0 and warn -> the value, the warning as reason;
 * - roc_auc with one class in y_true == positive: ValueError -> null, with that message;
 * - average_precision with no true positive: warning, recall set to 1, result -0.0 -> 0, the
 *   warning as reason; with only positives it is 1.0 without a warning;
 * - log_loss is always defined here (clipped to [eps, 1 - eps], both labels given).
 */
export function classificationMetrics(input: ClassificationInput): ClassificationMetrics {
  const { labels, predictions, classes, scores, positive } = input;
  const k = classes.length;
  if (k === 0) throw new InputError('no classes given');
  if (positive !== undefined && !(Number.isInteger(positive) && positive >= 0 && positive < k)) {
    throw new InputError(`positive class index ${positive} is outside the ${k} classes`);
  }
  const n = checkRows(labels, predictions);
  if (scores) {
    checkRows(labels, scores, 'scores');
    checkScores(scores);
  }
  const counts = confusionCounts(labels, predictions, k);
  const totals = classTotals(counts, k);
  const values: ClassificationMetrics['values'] = {};
  const reasons: ClassificationMetrics['reasons'] = {};

  let right = 0;
  for (let c = 0; c < k; c++) right += counts[c * k + c]!;
  values.accuracy = right / n;

  const wantBinary = totals.present.length <= 2 || positive !== undefined || scores !== undefined;
  if (wantBinary) {
    const names: (BinaryMetricName | ScoreMetricName)[] = scores
      ? [...BINARY_METRICS, ...SCORE_METRICS]
      : [...BINARY_METRICS];
    const decision = binaryDecision(totals.present, classes, positive);
    if ('refusal' in decision) {
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
        if (auc === undefined) reasons.roc_auc = ROC_AUC_ONE_CLASS;
        values.average_precision = averagePrecisionFromThresholds(curve);
        if (curve.positives === 0) reasons.average_precision = AVERAGE_PRECISION_NO_POSITIVE;
        values.log_loss = logLossKernel(labels, scores, positiveClass);
      }
    }
  }

  for (const average of ['macro', 'weighted'] as const) {
    const averaged = averagedFromCounts(counts, k, totals, average);
    for (const metric of ['precision', 'recall', 'f1'] as const) {
      const name = `${metric}_${average}` as const;
      values[name] = averaged.values[metric];
      const warning = averaged.warnings[metric];
      if (warning) reasons[name] = warning;
    }
  }

  return { values: inOrder(values), reasons, confusion: confusionOf(counts, classes, totals.present) };
}

/**
 * The positive class, or why sklearn's average='binary' gives no binary metrics. Without a given
 * positive class: the second of two classes, as sklearn's pos_label=1 picks for 0/1 labels and
 * roc_auc_score and log_loss pick for any two labels (the greater in np.unique order); with one
 * class present, the second of two given classes; otherwise none.
 */
function binaryDecision(
  present: number[],
  classes: readonly string[],
  positive: number | undefined,
): { positive: number } | { refusal: string } {
  let chosen = positive;
  if (chosen === undefined && present.length === 2) chosen = present[1];
  if (chosen === undefined && present.length === 1 && classes.length === 2) chosen = 1;
  if (chosen === undefined && present.length === 1) {
    return {
      refusal: `labels and predictions hold one class only ('${classes[present[0]!]}'): give the positive label`,
    };
  }
  const refusal = binaryRefusal(present, classes, chosen ?? -1);
  if (refusal !== undefined || chosen === undefined) return { refusal: refusal ?? BINARY_ON_MULTICLASS };
  return { positive: chosen };
}

function inOrder(values: ClassificationMetrics['values']): ClassificationMetrics['values'] {
  const ordered: ClassificationMetrics['values'] = {};
  for (const name of CLASSIFICATION_METRICS) if (name in values) ordered[name] = values[name];
  return ordered;
}
