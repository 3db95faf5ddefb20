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
