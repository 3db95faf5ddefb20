/**
 * mlciValidateData(data: 'data/train.csv', schema: 'schema.yaml', credentialsId: 'mlci-token')
 *
 * Checks a data file against its schema with `mlci validate-data`. Arguments: data, schema, inferSchema,
 * force, format, out (as the CLI's flags, camelCase), mlci and credentialsId (see vars/mlci.groovy).
 * A failed check fails the build after the JUnit results and the report are recorded.
 */
def call(Map args = [:]) {
  return mlci.runStep('mlciValidateData', 'validate-data', args)
}
