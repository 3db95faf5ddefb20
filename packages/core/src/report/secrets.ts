import { InputError } from '../errors';
import { hasUriCredentials, maskUriCredentials } from './mask-uri';

export { hasUriCredentials, maskUriCredentials } from './mask-uri';

/**
 * Values that reports and result files must not print: an environment variable whose name says it holds a
 * credential (API_TOKEN, DB_PASSWORD, AWS_SECRET_ACCESS_KEY, SSH_PRIVATE_KEY…). The name alone decides, as CI
 * systems' log masking cannot know an image's variables; a harmless one (GPG_KEY, a public key id) is masked too.
 */
const secretNamePattern = /TOKEN|PASSWORD|PASSWD|SECRET|KEY|CREDENTIAL|PRIVATE/i;

export function looksSecret(name: string): boolean {
  return secretNamePattern.test(name);
}

/**
 * `NAME=VALUE` entries (an image config's Env) as name → value, the value null where the name looks secret.
 * An entry without `=` is a name with an empty value, as docker reads it.
 */
export function maskedEnvironment(entries: readonly string[]): Record<string, string | null> {
  const variables: Record<string, string | null> = {};
  for (const entry of entries) {
    const at = entry.indexOf('=');
    const name = at < 0 ? entry : entry.slice(0, at);
    variables[name] = looksSecret(name) ? null : at < 0 ? '' : entry.slice(at + 1);
  }
  return variables;
}

/** Where credentials for a URI's kind of service go instead (docs/registries.md, docs/train.md). */
function credentialVariables(uri: string): string {
  if (/^(mlflow|gitlab)\+/i.test(uri))
    return 'MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD';
  return 'MLCI_REGISTRY_USERNAME and MLCI_REGISTRY_PASSWORD (or a docker or podman auth file)';
}

/**
 * Refuses a URI that holds credentials (exit 2), before anything uses or records it: a URI is printed in
 * messages, reports and records (run.json, registrations). The message masks them and names the
 * environment variables to use (`variables`, by default those of the URI's kind of registry). `what` names the
 * option: `registry`, `run cache`.
 */
export function refuseUriCredentials(uri: string, what: string, variables = credentialVariables(uri)): void {
  if (!hasUriCredentials(uri)) return;
  throw new InputError(
    `${what} '${maskUriCredentials(uri)}': credentials in the URI are refused, since it is printed in messages, reports and records; set ${variables} instead`,
  );
}
