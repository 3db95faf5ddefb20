import { classificationMetrics } from '../../metrics/classification';
import { metricNote } from './notes';

/**
 * scikit-learn's warnings, as the metrics module gives them (checked against scikit-learn there), said in mlci's
 * terms: no advice to use a scikit-learn parameter that mlci does not have.
 */
const metrics = (labels: number[], predictions: number[], classes: string[], scores?: number[]) =>
  classificationMetrics({
    labels: Int32Array.from(labels),
    predictions: Int32Array.from(predictions),
    classes,
    ...(scores ? { scores: Float64Array.from(scores) } : {}),
  });

test('no predicted positive: precision is 0, said as what mlci did, not as a scikit-learn option', () => {
  const { values, reasons } = metrics([0, 1, 1], [0, 0, 0], ['no', 'yes']);
  expect(values.precision).toBe(0);
  expect(reasons.precision).toMatch(/zero_division` parameter/);
  expect(metricNote(reasons.precision as string)).toBe(
    "precision is 0: no row was predicted as the positive class (0 of 0), as scikit-learn's zero_division default counts it",
  );
  expect(metricNote(reasons.precision_macro as string)).toBe(
    "precision counts as 0 for each class no row was predicted as (0 of 0), as scikit-learn's zero_division default counts it, and that 0 is averaged in",
  );
});

test('a class only predicted: recall counts it as 0; f1 with no positive at all; one class for roc_auc', () => {
  const { reasons } = metrics([0, 0, 1], [0, 2, 1], ['a', 'b', 'c']);
  expect(metricNote(reasons.recall_macro as string)).toMatch(
    /^recall counts as 0 for each class that is predicted but is no row's label \(0 of 0\)/,
  );
  const none = metrics([0, 0], [0, 0], ['no', 'yes'], [0.1, 0.2]);
  for (const name of ['precision', 'recall', 'f1', 'roc_auc', 'average_precision'] as const)
    expect({ name, note: metricNote(none.reasons[name] as string) }).toEqual({
      name,
      note: expect.not.stringMatching(/parameter to control|y_true|choose another average/),
    });
  expect(metricNote(none.reasons.f1 as string)).toMatch(/^f1 is 0: no row has the positive class/);
  expect(metricNote(none.reasons.roc_auc as string)).toMatch(/^not defined: the labels hold one class only/);
  const multiclass = classificationMetrics({
    labels: Int32Array.from([0, 1, 2]),
    predictions: Int32Array.from([0, 1, 1]),
    classes: ['a', 'b', 'c'],
    positive: 0,
  });
  expect(metricNote(multiclass.reasons.f1 as string)).toMatch(
    /^not defined: the labels and predictions hold more than two classes/,
  );
  // mlci's own reasons are its words already.
  expect(metricNote('the actual values are constant')).toBe('the actual values are constant');
});
