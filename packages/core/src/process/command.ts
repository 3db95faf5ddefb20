import { spawn } from 'node:child_process';
import { interruptedBy, registerCleanup } from './interrupt';

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
 * for `--json`). The command leads its own process group, so a timeout or an interrupt of mlci ends the
 * children it started (a python that forked data loaders, a job put in the background) and not only the
 * shell: SIGTERM to the group, then SIGKILL to what is left after the grace period. Once mlci is interrupted
 * the returned promise never settles: the interrupt's cleanup takes over from there.
 */
export function runCommand(line: string, options: CommandOptions): Promise<CommandOutcome> {
  const started = performance.now();
  const graceMs = options.killGraceMs ?? 5000;
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', line], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', process.stderr, process.stderr],
      detached: true,
    });
    const closed = new Promise<void>((done) => child.once('close', () => done()));
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
            killTimer = setTimeout(() => killGroup('SIGKILL'), graceMs);
          }, options.timeoutSeconds * 1000);
    // If mlci itself is stopped (CI job cancelled, Ctrl-C), the training must not live on detached.
    const stop = registerCleanup(
      async () => {
        if (child.pid === undefined) return undefined;
        killGroup('SIGTERM');
        const killed = await endGroup(child.pid, closed, graceMs);
        return `stopped the command (SIGTERM to its process group${killed ? `, SIGKILL after ${graceMs / 1000} s` : ''})`;
      },
      () => killGroup('SIGKILL'),
    );
    const finish = () => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      stop.release();
    };
    child.once('error', (error) => {
      finish();
      reject(error);
    });
    child.once('close', (exitCode, signal) => {
      if (interruptedBy() !== undefined) return;
      // The shell may be gone while children it started in the background still run: end them with it.
      if (timedOut) killGroup('SIGKILL');
      finish();
      resolve({ exitCode, signal, durationMs: Math.round(performance.now() - started), timedOut });
    });
  });
}

/**
 * Waits, after SIGTERM, for the shell to close and the rest of its process group to end, up to graceMs;
 * then SIGKILLs whatever is left. True when something had to be killed.
 */
async function endGroup(pgid: number, closed: Promise<void>, graceMs: number): Promise<boolean> {
  const deadline = Date.now() + graceMs;
  const alive = () => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([closed, new Promise((done) => (timer = setTimeout(done, graceMs)))]);
  clearTimeout(timer);
  while (alive() && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
  if (!alive()) return false;
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    return false; // ended meanwhile
  }
  await Promise.race([closed, new Promise((done) => setTimeout(done, 1000))]);
  return true;
}
