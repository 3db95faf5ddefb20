import { execFile } from 'node:child_process';

/**
 * Runs git in `cwd` and returns its trimmed output ('' when it printed nothing: a clean status); undefined when
 * git is missing, the directory is not a repository, or the command fails: callers fall back to what the CI says
 * (or to nothing).
 */
export function git(args: readonly string[], cwd: string): Promise<string | undefined> {
  return new Promise((done) =>
    execFile('git', [...args], { cwd, timeout: 5000, encoding: 'utf8' }, (error, stdout) =>
      done(error ? undefined : stdout.trim()),
    ),
  );
}

/** The commit checked out in `cwd` (a full SHA-1 or SHA-256 id); undefined outside a git checkout. */
export async function headCommit(cwd: string): Promise<string | undefined> {
  const head = await git(['rev-parse', '--verify', 'HEAD'], cwd);
  return head && /^[0-9a-f]{40,64}$/.test(head) ? head : undefined;
}
