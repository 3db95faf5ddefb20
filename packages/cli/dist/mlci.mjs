#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  runMlci
} from "./chunks/chunk-OUE7EY2Z.mjs";
import "./chunks/chunk-TAY3CW22.mjs";
import "./chunks/chunk-AQW5IZUH.mjs";

// packages/cli/src/main.ts
var argv = process.argv.slice(2);
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
void runMlci(argv, {
  // Interrupted, mlci undoes what it was doing, says what in one line and exits with 128 + the signal. Installed
  // with the core, before a command starts: a help request has nothing to undo, and loads no core.
  async beforeCommand() {
    const { handleInterrupts } = await import("./chunks/src-OZ572AV2.mjs");
    handleInterrupts({
      what: () => argv.find((arg) => !arg.startsWith("-")) ?? "mlci",
      exit: (code, line) => {
        process.stderr.write(`${line}
`);
        process.exit(code);
      }
    });
  }
}).then((code) => {
  process.exitCode = code;
});
