// The `mlci` program: the command line in its own process, which it ends on a signal after its cleanup.
import { runMlci } from './run-mlci';

const argv = process.argv.slice(2);
// `mlci --help | head` closes stdout early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
// Not a top-level await: the standalone executable (scripts/build-binary.mjs) runs this entry as CommonJS.
void runMlci(argv, {
  // Interrupted, mlci undoes what it was doing, says what in one line and exits with 128 + the signal. Installed
  // with the core, before a command starts: a help request has nothing to undo, and loads no core.
  async beforeCommand() {
    const { handleInterrupts } = await import('@mlci/core');
    handleInterrupts({
      what: () => argv.find((arg) => !arg.startsWith('-')) ?? 'mlci',
      exit: (code, line) => {
        process.stderr.write(`${line}\n`);
        process.exit(code);
      },
    });
  },
}).then((code) => {
  process.exitCode = code;
});
