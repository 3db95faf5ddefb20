import { constants } from 'node:os';

/**
 * What mlci does when it is interrupted (Ctrl-C, a cancelled CI job, a closed terminal): the work in flight
 * registers how to undo itself (stop the command's process group, put earlier outputs back, remove a lock,
 * abandon an upload, remove a scratch directory) and the first signal runs those actions once, latest first,
 * before the front end exits with 128 + the signal's number. A second signal exits at once.
 *
 * The core never exits the process: the front end (CLI, GitHub action) installs the handlers with its own
 * way of ending (handleInterrupts).
 */

/** The signals that stop mlci after its cleanup: the ones a terminal, a CI runner or a shell's `kill` send. */
export const interruptSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type InterruptSignal = (typeof interruptSignals)[number];

/** What a cleanup did, for the line printed on interrupt; undefined when there is nothing worth saying. */
export type CleanupAction = () => Promise<string | undefined> | string | undefined;

export interface Cleanup {
  /** Runs the action now (at most once in all: a later run, or the interrupt, gets the same outcome). */
  run(): Promise<string | undefined>;
  /** The work finished normally: nothing to undo. */
  release(): void;
}

const registered = new Set<{ run: () => Promise<string | undefined> }>();
/** What must still happen should mlci exit before a cleanup ends (a second signal): synchronous, at once. */
const atForcedExit = new Set<() => void>();
let interruption: InterruptSignal | undefined;

/** The signal mlci was interrupted by, once it was. Work that sees it stops instead of going on. */
export function interruptedBy(): InterruptSignal | undefined {
  return interruption;
}

/** 128 + the signal's number, as a shell reports a process a signal ended (130 for SIGINT). */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + constants.signals[signal];
}

/**
 * Registers what undoes work in progress should mlci be interrupted before the work releases it, and
 * optionally what must happen at once if a second signal ends mlci before that undo is done (SIGKILL to a
 * process group: a training must not outlive mlci).
 */
export function registerCleanup(action: CleanupAction, onForcedExit?: () => void): Cleanup {
  let outcome: Promise<string | undefined> | undefined;
  const forget = () => {
    registered.delete(entry);
    if (onForcedExit) atForcedExit.delete(onForcedExit);
  };
  const entry = {
    run: () => {
      registered.delete(entry);
      outcome ??= Promise.resolve()
        .then(action)
        .finally(() => forget());
      return outcome;
    },
  };
  registered.add(entry);
  if (onForcedExit) atForcedExit.add(onForcedExit);
  return { run: entry.run, release: forget };
}

/**
 * Runs every registered cleanup once, latest first (a command is stopped before the outputs it was writing
 * are moved), each to its end even when one fails; returns what they said, failures included. Work that was
 * already under way when the signal came may register more meanwhile (a temporary file): a few more rounds
 * take those too.
 */
export async function runCleanups(): Promise<string[]> {
  const said: string[] = [];
  for (let round = 0; round < 3 && registered.size > 0; round++) {
    for (const entry of [...registered].reverse()) {
      try {
        const message = await entry.run();
        if (message) said.push(message);
      } catch (error) {
        said.push(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return said;
}

export interface InterruptHandling {
  /** What is being interrupted, for the message: `train`. */
  what: () => string;
  /** Called once, with the exit code and the one line to print; the front end prints and exits. */
  exit: (code: number, line: string) => void;
}

/**
 * Installs the handlers for SIGINT, SIGTERM and SIGHUP (which would otherwise end mlci at once, leaving
 * the command's children running and the outputs moved aside). Returns a function that removes them.
 */
export function handleInterrupts(handling: InterruptHandling): () => void {
  let exiting = false;
  const onSignal = (signal: InterruptSignal) => {
    if (interruption !== undefined) {
      // A second signal: the user does not want to wait for the cleanup.
      if (exiting) return;
      exiting = true;
      for (const hook of atForcedExit) {
        try {
          hook();
        } catch {
          // Exiting anyway.
        }
      }
      handling.exit(
        signalExitCode(interruption),
        `mlci: ${handling.what()} interrupted by ${interruption}, then ${signal}: exited before the cleanup ended`,
      );
      return;
    }
    interruption = signal;
    void runCleanups().then((said) => {
      if (exiting) return;
      exiting = true;
      handling.exit(
        signalExitCode(signal),
        `mlci: ${handling.what()} interrupted by ${signal}: ${said.length > 0 ? said.join('; ') : 'nothing to undo'}`,
      );
    });
  };
  const listeners = interruptSignals.map((signal) => {
    const listener = () => onSignal(signal);
    process.on(signal, listener);
    return [signal, listener] as const;
  });
  return () => {
    for (const [signal, listener] of listeners) process.removeListener(signal, listener);
  };
}
