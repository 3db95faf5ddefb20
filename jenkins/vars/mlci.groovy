import dev.mlci.Shell
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
 * - `mlci`: the command that runs mlci, as shell text (default: the pinned npx package, or the executable that
 *   `install` installs); it wins over `install`;
 * - `install`: 'npx' (the default) or 'binary': the release's standalone executable, for agents without Node;
 * - `credentialsId`: a Jenkins "secret text" credential with a GitHub/GitLab token; bound as MLCI_TOKEN
 *   for the run so mlci can post the report as a PR/MR comment. The secret never enters the script text.
 * - `deployCredentialsId` (promote only): a "secret text" credential with the deploy repository's token, bound
 *   as MLCI_DEPLOY_TOKEN for the hand-off's push and pull/merge request (docs/deploy.md, "Credentials per CI").
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
  String cli = args.mlci ?: (args.install == 'binary' ? installBinary() : Steps.DEFAULT_MLCI)
  String command = "${cli} ${Steps.shellArguments(step, args)}"
  int status = -1
  try {
    List bindings = []
    if (args.credentialsId) {
      bindings << string(credentialsId: args.credentialsId.toString(), variable: 'MLCI_TOKEN')
    }
    if (args.deployCredentialsId) {
      bindings << string(credentialsId: args.deployCredentialsId.toString(), variable: 'MLCI_DEPLOY_TOKEN')
    }
    if (bindings) {
      withCredentials(bindings) {
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

/**
 * Installs the standalone executable of the pinned release into the workspace with the library's
 * install-binary.sh (the same script the GitLab components carry), which downloads it, checks it against the
 * release's SHA256SUMS and prints its path; returns that path as shell text. A failed install fails its sh step,
 * before mlci runs. MLCI_BINARY_BASE_URL in the environment points it at a mirror.
 */
def installBinary() {
  String installer = "${Steps.BINARY_DIR}/install-binary.sh"
  writeFile(file: installer, text: libraryResource(Steps.INSTALL_BINARY_RESOURCE))
  String script = "sh ${Shell.quote(installer)} ${Shell.quote(Steps.VERSION)} ${Shell.quote(Steps.BINARY_DIR)}"
  return Shell.quote(sh(script: script, returnStdout: true).trim())
}
