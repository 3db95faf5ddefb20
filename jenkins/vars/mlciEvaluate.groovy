/**
 * mlciEvaluate(candidate: 'model/predictions.csv', baseline: 'baseline/predictions.csv',
 *              scoreColumn: 'score', gate: ['accuracy:max_drop=0.02', 'f1>=0.8@country=DE'])
 *
 * Compares the candidate model with the baseline with `mlci evaluate`: metrics with bootstrap intervals,
 * slices, and the gates. Arguments: the step's options in camelCase (the Jenkins column of
 * docs/reference/options.md; lists as Groovy lists), mlci and credentialsId (see vars/mlci.groovy); only the
 * options given reach mlci, so mlci.yaml supplies the others. Each gate reaches mlci as one quoted argument, so
 * `>=`, `<=` and `@` are data. The reports (JUnit: a testcase per gate) and metrics.txt are recorded whatever
 * the outcome; a failed gate fails the build after that. Returns their paths (metricsText among them).
 */
def call(Map args = [:]) {
  return mlci.runStep('mlciEvaluate', 'evaluate', args)
}
