import dev.mlci.Steps

/**
 * Runs any mlci step: `mlci(step: 'validate-data', data: 'data/train.csv', schema: 'schema.yaml')`.
 * The named steps (mlciValidateData, …) are shortcuts for this; all of them share runStep below.
 */
def call(Map args = [:]) {
  Map rest = new LinkedHashMap(args)
  Object step = rest.remove('step')
  if (!Steps.exists(step)) {
    error("mlci: step must be one of ${Steps.names().join(', ')}, got ${step}")
  }
  return runStep('mlci', step.toString(), rest)
}

/**
 * The one implementation of every mlci pipeline step. `caller` names the var in error messages.
 *
 * Arguments are the step's options (camelCase CLI flag names: `inferSchema` for --infer-schema) and:
 * - `mlci`: the command that runs mlci, as shell text (default: the pinned npx package);
 * - `credentialsId`: a Jenkins "secret text" credential with a GitHub/GitLab token; bound as MLCI_TOKEN
 *   for the run so mlci can post the report as a PR/MR comment. The secret never enters the script text.
 *
 * Every value reaches the shell single-quoted (dev.mlci.Shell.quote), so it is data, never code. `out` always goes
 * to the CLI as --out (default .mlci), overriding mlci.yaml: the report must be where junit looks.
 * The JUnit file, the reports and the step's records (train: run.json, provenance.intoto.json; evaluate:
 * metrics.txt) are recorded even when mlci fails; then the build fails with the meaning of the exit code.
 * Returns the status and the paths of the reports and records.
 */
def runStep(String caller, String step, Map args) {
  String problem = Steps.problem(step, args)
  if (problem != null) {
    error("${caller}: ${problem}")
  }
  String out = Steps.outDir(args)
  String command = "${args.mlci ?: Steps.DEFAULT_MLCI} ${Steps.shellArguments(step, args)}"
  int status = -1
  try {
    if (args.credentialsId) {
      withCredentials([string(credentialsId: args.credentialsId.toString(), variable: 'MLCI_TOKEN')]) {
        status = sh(script: command, returnStatus: true)
      }
    } else {
      status = sh(script: command, returnStatus: true)
    }
  } finally {
    junit(testResults: "${out}/${step}.junit.xml", allowEmptyResults: true)
    archiveArtifacts(artifacts: Steps.archivePattern(step, args), allowEmptyArchive: true)
  }
  if (status != 0) {
    error(Steps.failure(step, status))
  }
  return Steps.returned(step, args)
}
