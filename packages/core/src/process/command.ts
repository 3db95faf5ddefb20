import { spawn } from 'node:child_process';

export interface CommandOutcome {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  durationMs: number;
  timedOut: boolean;
}

export interface CommandOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Seconds; past it the whole process group gets SIGTERM, then SIGKILL after killGraceMs. */
  timeoutSeconds?: number;
  killGraceMs?: number;
}

/** The shell's status for "command not found" (POSIX). */
export const commandNotFoundStatus = 127;

/**
 * Runs the user's command with `sh -c`, its stdout and stderr both streamed to our stderr (stdout stays free
 * for `--json`). The command leads its own process group, so a timeout kills the children it started
 * (a python that forked data loaders) and not only the shell.
 */
export function runCommand(line: string, options: CommandOptions): Promise<CommandOutcome> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', line], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', process.stderr, process.stderr],
      detached: true,
    });
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        // Already gone.
      }
    };
    const timer =
      options.timeoutSeconds === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            killGroup('SIGTERM');
            killTimer = setTimeout(() => killGroup('SIGKILL'), options.killGraceMs ?? 5000);
          }, options.timeoutSeconds * 1000);
    // If mlci itself is stopped (CI job cancelled), the training must not live on detached.
    const forward = (signal: NodeJS.Signals) => () => killGroup(signal);
    const onTerm = forward('SIGTERM');
    const onInt = forward('SIGINT');
    process.once('SIGTERM', onTerm);
    process.once('SIGINT', onInt);
    const finish = () => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      process.removeListener('SIGTERM', onTerm);
      process.removeListener('SIGINT', onInt);
    };
    child.once('error', (error) => {
      finish();
      reject(error);
    });
    child.once('close', (exitCode, signal) => {
      // The shell may be gone while children it started in the background still run: end them with it.
      if (timedOut) killGroup('SIGKILL');
      finish();
      resolve({ exitCode, signal, durationMs: Math.round(performance.now() - started), timedOut });
    });
  });
}
