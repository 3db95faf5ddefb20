import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');
export const cliBundle = join(repoRoot, 'packages/cli/dist/mlci.mjs');

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Environment without any CI's variables, so the CLI behaves as on a laptop unless a test says otherwise. */
export function localEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(GITHUB_|GITLAB_|CI_|CI$|JENKINS_|RUNNER_|MLCI_)/.test(name),
    ),
  );
  return { ...env, ...extra };
}

/** Runs the committed CLI bundle as a user would. */
export function runCli(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<RunResult> {
  return outputOf(
    spawn(process.execPath, [cliBundle, ...args], { cwd: options.cwd, env: options.env ?? localEnv() }),
  );
}

/** A started process's exit status and its whole stdout and stderr, once it has ended. */
export function outputOf(child: ChildProcessWithoutNullStreams): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

export async function withTempDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'mlci-test-'));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
