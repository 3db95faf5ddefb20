import {
  AVERAGE_PRECISION_NO_POSITIVE,
  BINARY_ON_MULTICLASS,
  ROC_AUC_ONE_CLASS,
} from '../../metrics/classification';

/**
 * scikit-learn's warnings and errors, as the metrics module reproduces them (word for word, so they are checked
 * against scikit-learn), said in mlci's terms for the report's notes and evaluate.json: what the value is and why.
 * scikit-learn's advice (`Use zero_division parameter`, `choose another average setting`) names options of its
 * functions that mlci does not have, so it is replaced by what mlci did.
 */
const illDefined =
  /^(Precision|Recall|F-score) is ill-defined and being set to 0\.0 (due to|in labels with) no (predicted|true|true nor predicted) samples\. Use `zero_division` parameter to control this behavior\.$/;

/** The default that gave the value, named so a reader can look it up. */
const asScikitLearn = "as scikit-learn's zero_division default counts it";

export function metricNote(reason: string): string {
  const warned = illDefined.exec(reason);
  if (warned) {
    const [, metric, where, missing] = warned as unknown as [string, string, string, string];
    const binary = where === 'due to';
    if (metric === 'F-score')
      return `f1 is 0: no row has the positive class as its label or its prediction (0 of 0), ${asScikitLearn}`;
    const name = metric.toLowerCase();
    if (binary)
      return missing === 'predicted'
        ? `${name} is 0: no row was predicted as the positive class (0 of 0), ${asScikitLearn}`
        : `${name} is 0: no row has the positive class as its label (0 of 0), ${asScikitLearn}`;
    return missing === 'predicted'
      ? `${name} counts as 0 for each class no row was predicted as (0 of 0), ${asScikitLearn}, and that 0 is averaged in`
      : `${name} counts as 0 for each class that is predicted but is no row's label (0 of 0), ${asScikitLearn}, and that 0 is averaged in`;
  }
  switch (reason) {
    case BINARY_ON_MULTICLASS:
      return 'not defined: the labels and predictions hold more than two classes, so there is no one positive class (see the _macro and _weighted averages)';
    case ROC_AUC_ONE_CLASS:
      return 'not defined: the labels hold one class only, so no threshold separates two (scikit-learn refuses it too)';
    case AVERAGE_PRECISION_NO_POSITIVE:
      return 'average_precision is 0: no row has the positive class as its label (recall is taken as 1 at every threshold, as scikit-learn does)';
    default:
      return reason;
  }
}
