/**
 * mlciValidateData(data: 'data/train.csv', schema: 'schema.yaml', credentialsId: 'mlci-token')
 *
 * Checks a data file against its schema with `mlci validate-data`. Arguments: the step's options in camelCase
 * (the Jenkins column of docs/reference/options.md; lists as Groovy lists), mlci and credentialsId (see
 * vars/mlci.groovy); only the options given reach mlci, so mlci.yaml supplies the others. A failed check fails
 * the build after the JUnit results and the report are recorded.
 */
def call(Map args = [:]) {
  return mlci.runStep('mlciValidateData', 'validate-data', args)
}
