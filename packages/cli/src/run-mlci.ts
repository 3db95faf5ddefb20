import { helpAnswer } from './help';
import { stepCommands } from './step-commands.generated';

export interface RunOptions {
  /** Runs before a command (anything but a help or version request) loads: the program's signal handlers. */
  beforeCommand?: () => Promise<void>;
}

/**
 * Runs mlci with these arguments (without `node` and the script) and resolves to its exit code; never ends the
 * process. Handling signals is the caller's: the `mlci` program installs handleInterrupts, an embedding
 * program keeps its own.
 *
 * A help or version request is answered here (help.ts); anything else loads the commander program, which loads
 * a command's code only when it runs: `mlci --help` starts about as fast as Node itself (docs/performance.md).
 */
export async function runMlci(argv: readonly string[], options: RunOptions = {}): Promise<number> {
  // Commander's help width: the terminal's, else 80.
  const width = (process.stdout.isTTY ? process.stdout.columns : undefined) ?? 80;
  const answer = helpAnswer(argv, width, stepCommands);
  if (answer) {
    process.stdout.write(answer.text);
    return answer.exitCode;
  }
  await options.beforeCommand?.();
  const { runProgram } = await import('./program');
  return runProgram(argv);
}
