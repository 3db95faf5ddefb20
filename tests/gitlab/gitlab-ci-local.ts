import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../support/cli';

/** The pinned gitlab-ci-local (4.73.0: later ones crash on Node 20). */
export const gitlabCiLocal = join(repoRoot, 'node_modules', '.bin', 'gitlab-ci-local');

/** Runs gitlab-ci-local in a repository; resolves with its exit status and its output (stdout and stderr). */
export function runGitlabCiLocal(
  repo: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(gitlabCiLocal, args, { cwd: repo, env: { ...env, FORCE_COLOR: '0', NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}
