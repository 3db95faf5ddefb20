/**
 * mlciPromote(model: 'churn', registry: 'oci://registry.example.com/ml/models')
 *
 * In a tag build (TAG_NAME set, e.g. `buildingTag()` in a multibranch pipeline), moves the model's alias to the
 * version registered from the tagged commit (GIT_COMMIT) with `mlci promote`: production for v1.4.0, staging
 * for v1.4.0-rc.1 by the tag rules, only when the version's evidence allows it (a passed validation, a passed
 * evaluation against the alias's current holder, a built image); then tags that image with the release tag and
 * the alias and stores a promotion record (the tag, the commit, the build's BUILD_URL, the time; a tag build
 * names no user, so the record has no actor). Arguments: the step's options in camelCase (the Jenkins column of
 * docs/reference/options.md; lists as Groovy lists), mlci, credentialsId and deployCredentialsId (the deploy
 * repository's token, bound as MLCI_DEPLOY_TOKEN; see vars/mlci.groovy and docs/deploy.md); only the
 * options given reach mlci, so mlci.yaml supplies the others. Registry credentials come from the environment
 * (MLCI_REGISTRY_USERNAME and MLCI_REGISTRY_PASSWORD, e.g. bound by withCredentials usernamePassword) or the
 * agent's docker config. The reports are recorded whatever the outcome; a refused promotion (exit 1: evidence
 * missing or failed, listed in the report, or another promotion of the alias won a race) fails the build after
 * that. Returns their paths; the version, the previous holder and the record are in the json report.
 */
def call(Map args = [:]) {
  return mlci.runStep('mlciPromote', 'promote', args)
}
