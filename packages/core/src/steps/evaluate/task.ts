import type { Task } from '../../metrics/names';

/** The task an evaluation was taken as, and why: shown in the report and in every message that depends on it. */
export interface ChosenTask {
  name: Task;
  /** `given`, or `auto: …` saying what in the labels and predictions decided it. */
  reason: string;
}

/** What the choice looks at: each column's values and whether DuckDB read it as numbers. */
export interface TaskEvidence {
  labels: readonly unknown[];
  predictions: readonly unknown[];
  labelsNumeric: boolean;
  predictionsNumeric: boolean;
  /** A score column was declared: the predictions are classes, scored. */
  scored: boolean;
}

/** The first value of a numeric column that is not a whole number (scikit-learn's `y != y.astype(int)`). */
function firstFraction(values: readonly unknown[]): number | undefined {
  for (const value of values) {
    const number = Number(value);
    if (!Number.isInteger(number)) return number;
  }
  return undefined;
}

/**
 * `--task auto`, decided as scikit-learn's `type_of_target` decides on the labels and on the predictions: a
 * column of numbers with a non-whole value is `continuous`, anything else (text, booleans, whole numbers however
 * many distinct) is `binary` or `multiclass`. Either column continuous makes a regression (sklearn's
 * classification metrics refuse a continuous column, its regression metrics take any numbers), unless a score
 * column is declared: then the predictions are classes with scores. Many distinct whole numbers stay
 * classification, as type_of_target has it; the reason says how many, so a count target is recognisable.
 */
export function chooseTask(requested: 'auto' | Task, evidence: TaskEvidence): ChosenTask {
  if (requested !== 'auto') return { name: requested, reason: 'given' };
  if (evidence.scored) return { name: 'classification', reason: 'auto: a score column is declared' };
  const labelFraction = evidence.labelsNumeric ? firstFraction(evidence.labels) : undefined;
  const predictionFraction = evidence.predictionsNumeric ? firstFraction(evidence.predictions) : undefined;
  if (labelFraction !== undefined || predictionFraction !== undefined) {
    const which =
      labelFraction !== undefined && predictionFraction !== undefined
        ? 'labels and predictions are'
        : labelFraction !== undefined
          ? 'labels are'
          : 'predictions are';
    const example = labelFraction ?? predictionFraction;
    return { name: 'regression', reason: `auto: ${which} non-integer numbers, e.g. ${example}` };
  }
  const distinct = new Set<string>();
  for (const column of [evidence.labels, evidence.predictions])
    for (const value of column) distinct.add(String(value));
  const kind = evidence.labelsNumeric && evidence.predictionsNumeric ? 'whole numbers' : 'classes';
  const target = distinct.size <= 2 ? 'binary' : 'multiclass';
  return {
    name: 'classification',
    reason: `auto: labels and predictions are ${kind}, ${distinct.size} distinct (${target})`,
  };
}
