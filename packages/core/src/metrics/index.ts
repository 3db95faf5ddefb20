/**
 * Model-quality metrics with scikit-learn 1.2.1's meaning, over typed-array columns. No dependencies.
 */

export type {
  Average,
  ClassificationInput,
  ClassificationMetrics,
  ConfusionMatrix,
  PrecisionRecallF1,
} from './classification';
export {
  AVERAGE_PRECISION_NO_POSITIVE,
  accuracy,
  averagedPrecisionRecallF1,
  averagePrecision,
  BINARY_ON_MULTICLASS,
  binaryPrecisionRecallF1,
  classificationMetrics,
  confusionCounts,
  confusionMatrix,
  f1,
  f1Macro,
  f1Weighted,
  logLoss,
  precision,
  precisionMacro,
  precisionWeighted,
  ROC_AUC_ONE_CLASS,
  recall,
  recallMacro,
  recallWeighted,
  rocAuc,
  UndefinedMetricError,
} from './classification';
export type {
  AveragedMetricName,
  BinaryMetricName,
  ClassificationMetricName,
  MetricName,
  RegressionMetricName,
  ScoreMetricName,
  Task,
} from './names';
export {
  AVERAGED_METRICS,
  BINARY_METRICS,
  CLASSIFICATION_METRICS,
  higherIsBetter,
  isMetricName,
  METRIC_NAMES,
  metricTask,
  REGRESSION_METRICS,
  SCORE_METRICS,
} from './names';
export type { RegressionInput, RegressionMetrics } from './regression';
export { mae, mape, R2_ONE_SAMPLE, r2, regressionMetrics, rmse } from './regression';
