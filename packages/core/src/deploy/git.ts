import { execFile } from 'node:child_process';
import { InputError, ServiceError } from '../errors';
import { maskUriCredentials } from '../report/mask-uri';
import { refuseUriCredentials } from '../report/secrets';

/** The deploy repository's credentials: a token sent as an HTTP header, never written anywhere. */
export interface GitCredentials {
  token?: string;
  /** The user name sent with the token (GitHub wants x-access-token; GitLab and others accept any). */
  username?: string;
}

export interface GitOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** Environment variables that hold the deploy repository's credentials (docs/deploy.md#credentials). */
export const deployTokenVariable = 'MLCI_DEPLOY_TOKEN';
export const deployUsernameVariable = 'MLCI_DEPLOY_USERNAME';

export function credentialsFromEnv(env: NodeJS.ProcessEnv): GitCredentials {
  const token = env[deployTokenVariable];
  return token ? { token, username: env[deployUsernameVariable] || 'x-access-token' } : {};
}

/** The `user:token` pair of HTTP Basic authentication, base64-encoded as git sends it. */
function basicAuthOf(credentials: GitCredentials & { token: string }): string {
  return Buffer.from(`${credentials.username ?? 'x-access-token'}:${credentials.token}`).toString('base64');
}

/**
 * The environment for git: the token as an `Authorization` header through GIT_CONFIG_* variables, so it is in
 * no command line, no remote URL and no .git/config; prompts off, so a missing credential fails at once.
 */
function gitEnv(credentials: GitCredentials): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0' };
  if (!credentials.token) return env;
  const count = Number(env.GIT_CONFIG_COUNT) || 0;
  const basic = basicAuthOf({ ...credentials, token: credentials.token });
  env.GIT_CONFIG_COUNT = String(count + 1);
  env[`GIT_CONFIG_KEY_${count}`] = 'http.extraHeader';
  env[`GIT_CONFIG_VALUE_${count}`] = `Authorization: Basic ${basic}`;
  return env;
}

/** Text git (or a deploy host's API) printed, made safe to show: URI userinfo and the token (plain or encoded) masked. */
export function maskGitText(text: string, credentials: GitCredentials): string {
  let masked = maskUriCredentials(text);
  if (credentials.token) {
    const basic = basicAuthOf({ ...credentials, token: credentials.token });
    masked = masked.replaceAll(credentials.token, '***').replaceAll(basic, '***');
  }
  return masked;
}

/** Runs the real git binary (no shell) and returns what it said, whatever its exit code. */
export function runGit(
  args: readonly string[],
  cwd: string,
  credentials: GitCredentials,
): Promise<GitOutput> {
  return new Promise((done, fail) =>
    execFile(
      'git',
      [...args],
      { cwd, env: gitEnv(credentials), encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          if (error.code === 'ENOENT')
            fail(
              new InputError('deploy: git is not installed (it is needed to push to the deploy repository)'),
            );
          else
            fail(
              new ServiceError(
                `deploy: git ${args[0]} did not finish: ${maskGitText(error.message, credentials)}`,
              ),
            );
          return;
        }
        done({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    ),
  );
}

/** A remote URL with credentials in it would be stored in the clone and shown in git's messages: refused. */
export function checkDeployRepo(repo: string): void {
  refuseUriCredentials(repo, 'deploy-repo', deployTokenVariable);
}
