import { InputError } from '../errors';

/**
 * The metric names mlci computes, per task, with scikit-learn's meaning (see classification.ts and
 * regression.ts), and the direction of each so gates know whether a drop or a rise is a regression.
 */

/** Binary metrics for the positive label, from labels and predictions. */
export const BINARY_METRICS = ['precision', 'recall', 'f1'] as const;
/** Binary metrics from the score (probability of the positive class). */
export const SCORE_METRICS = ['roc_auc', 'average_precision', 'log_loss'] as const;
/** Averages over every class (sklearn's average='macro' and 'weighted'). */
export const AVERAGED_METRICS = [
  'precision_macro',
  'recall_macro',
  'f1_macro',
  'precision_weighted',
  'recall_weighted',
  'f1_weighted',
] as const;
export const CLASSIFICATION_METRICS = [
  'accuracy',
  ...BINARY_METRICS,
  ...SCORE_METRICS,
  ...AVERAGED_METRICS,
] as const;
export const REGRESSION_METRICS = ['rmse', 'mae', 'r2', 'mape'] as const;

export type BinaryMetricName = (typeof BINARY_METRICS)[number];
export type ScoreMetricName = (typeof SCORE_METRICS)[number];
export type AveragedMetricName = (typeof AVERAGED_METRICS)[number];
export type ClassificationMetricName = (typeof CLASSIFICATION_METRICS)[number];
export type RegressionMetricName = (typeof REGRESSION_METRICS)[number];
export type MetricName = ClassificationMetricName | RegressionMetricName;
export type Task = 'classification' | 'regression';

export const METRIC_NAMES: { readonly [T in Task]: readonly MetricName[] } = {
  classification: CLASSIFICATION_METRICS,
  regression: REGRESSION_METRICS,
};

const ALL: ReadonlySet<string> = new Set<string>([...CLASSIFICATION_METRICS, ...REGRESSION_METRICS]);
/** Losses and errors: lower is better. Every other metric is a score where higher is better. */
const LOWER_IS_BETTER: ReadonlySet<MetricName> = new Set<MetricName>(['log_loss', 'rmse', 'mae', 'mape']);

export function isMetricName(name: string): name is MetricName {
  return ALL.has(name);
}

export function higherIsBetter(name: MetricName): boolean {
  return !LOWER_IS_BETTER.has(name);
}

export function metricTask(name: MetricName): Task {
  return (REGRESSION_METRICS as readonly string[]).includes(name) ? 'regression' : 'classification';
}

/**
 * A metric's value as read from a metrics file: a finite number, else an InputError naming the file and the
 * metric. JSON has no Infinity, so an infinite value is a literal too large for a double (`1e999`).
 */
export function metricValue(file: string, name: string, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'number')
    throw new InputError(
      `${file}: metric '${name}' is out of range (beyond ${value > 0 ? '' : '-'}1.8e308, the largest number a double holds)`,
    );
  throw new InputError(`${file}: metric '${name}' is ${JSON.stringify(value)}, not a finite number`);
}
