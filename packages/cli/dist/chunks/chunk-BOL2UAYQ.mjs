#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);

// packages/core/src/process/interrupt.ts
import { constants } from "node:os";
var interruptSignals = ["SIGINT", "SIGTERM", "SIGHUP"];
var registered = /* @__PURE__ */ new Set();
var atForcedExit = /* @__PURE__ */ new Set();
var interruption;
function interruptedBy() {
  return interruption;
}
function signalExitCode(signal) {
  return 128 + constants.signals[signal];
}
function registerCleanup(action, onForcedExit) {
  let outcome;
  const forget = () => {
    registered.delete(entry);
    if (onForcedExit) atForcedExit.delete(onForcedExit);
  };
  const entry = {
    run: () => {
      registered.delete(entry);
      outcome ??= Promise.resolve().then(action).finally(() => forget());
      return outcome;
    }
  };
  registered.add(entry);
  if (onForcedExit) atForcedExit.add(onForcedExit);
  return { run: entry.run, release: forget };
}
async function runCleanups() {
  const said = [];
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
function handleInterrupts(handling) {
  let exiting = false;
  const onSignal = (signal) => {
    if (interruption !== void 0) {
      if (exiting) return;
      exiting = true;
      for (const hook of atForcedExit) {
        try {
          hook();
        } catch {
        }
      }
      handling.exit(
        signalExitCode(interruption),
        `mlci: ${handling.what()} interrupted by ${interruption}, then ${signal}: exited before the cleanup ended`
      );
      return;
    }
    interruption = signal;
    void runCleanups().then((said) => {
      if (exiting) return;
      exiting = true;
      handling.exit(
        signalExitCode(signal),
        `mlci: ${handling.what()} interrupted by ${signal}: ${said.length > 0 ? said.join("; ") : "nothing to undo"}`
      );
    });
  };
  const listeners = interruptSignals.map((signal) => {
    const listener = () => onSignal(signal);
    process.on(signal, listener);
    return [signal, listener];
  });
  return () => {
    for (const [signal, listener] of listeners) process.removeListener(signal, listener);
  };
}

// packages/core/src/io/scratch.ts
import { mkdtemp, rm } from "node:fs/promises";
async function makeScratchDirectory(prefix) {
  const path = await mkdtemp(prefix);
  const cleanup = registerCleanup(async () => {
    await rm(path, { recursive: true, force: true });
    return void 0;
  });
  return { path, remove: async () => void await cleanup.run() };
}
function removeOnInterrupt(path) {
  return registerCleanup(async () => {
    await rm(path, { recursive: true, force: true });
    return void 0;
  });
}

export {
  interruptSignals,
  interruptedBy,
  signalExitCode,
  registerCleanup,
  runCleanups,
  handleInterrupts,
  makeScratchDirectory,
  removeOnInterrupt
};
