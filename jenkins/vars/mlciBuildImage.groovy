/**
 * mlciBuildImage(model: 'model', add: ['serve.py:/app/serve.py'], base: 'python:3.12-slim',
 *                entrypoint: '["python", "/app/serve.py"]', tag: ['registry.example.com/ml/churn:1'], push: true)
 *
 * Packages the model as an OCI image with `mlci build-image`, without a Docker daemon, and pushes it (or writes
 * an OCI layout). Arguments: the step's options in camelCase (the Jenkins column of docs/reference/options.md;
 * lists as Groovy lists), mlci and credentialsId (see vars/mlci.groovy); only the options given reach mlci, so
 * mlci.yaml supplies the others. Registry credentials come from the environment (MLCI_REGISTRY_USERNAME and
 * MLCI_REGISTRY_PASSWORD, e.g. bound by withCredentials usernamePassword) or the agent's docker config. The
 * reports are recorded whatever the outcome; a failed build (exit 1: a Dockerfile build; 2: bad input; 3: the
 * registry) fails the build after that. Returns their paths; the digest is in the json report.
 */
def call(Map args = [:]) {
  return mlci.runStep('mlciBuildImage', 'build-image', args)
}
