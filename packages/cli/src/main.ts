// The `mlci` program: the command line in its own process, which it ends on a signal after its cleanup.
import { handleInterrupts } from '@mlci/core';
import { runMlci } from './run-mlci';

const argv = process.argv.slice(2);
// Interrupted, mlci undoes what it was doing, says what in one line and exits with 128 + the signal.
handleInterrupts({
  what: () => argv.find((arg) => !arg.startsWith('-')) ?? 'mlci',
  exit: (code, line) => {
    process.stderr.write(`${line}\n`);
    process.exit(code);
  },
});
// `mlci --help | head` closes stdout early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
// Not a top-level await: the standalone executable (scripts/build-binary.mjs) runs this entry as CommonJS.
void runMlci(argv).then((code) => {
  process.exitCode = code;
});
