/**
 * mlciTrain(command: 'python train.py', inputs: ['data/', 'train.py'], outputs: 'model', register: 'churn')
 *
 * Runs the training command with `mlci train`: lineage record, run cache, optional model registration and
 * MLflow tracking. Arguments: the step's options in camelCase (the Jenkins column of docs/reference/options.md;
 * lists as Groovy lists), mlci and credentialsId (see vars/mlci.groovy); only the options given reach mlci, so
 * mlci.yaml supplies the others. `command` is shell code run by mlci, and reaches mlci as one quoted argument.
 * The reports, run.json and the provenance are recorded whatever the outcome; a failed run fails the build
 * after that. Returns their paths (runRecord, provenance among them).
 */
def call(Map args = [:]) {
  return mlci.runStep('mlciTrain', 'train', args)
}
