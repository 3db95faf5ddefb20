#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);

// packages/core/src/process/command.ts
import { spawn } from "node:child_process";
var commandNotFoundStatus = 127;
function runCommand(line, options) {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/sh", ["-c", line], {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", process.stderr, process.stderr],
      detached: true
    });
    let timedOut = false;
    let killTimer;
    const killGroup = (signal) => {
      try {
        if (child.pid !== void 0) process.kill(-child.pid, signal);
      } catch {
      }
    };
    const timer = options.timeoutSeconds === void 0 ? void 0 : setTimeout(() => {
      timedOut = true;
      killGroup("SIGTERM");
      killTimer = setTimeout(() => killGroup("SIGKILL"), options.killGraceMs ?? 5e3);
    }, options.timeoutSeconds * 1e3);
    const forward = (signal) => () => killGroup(signal);
    const onTerm = forward("SIGTERM");
    const onInt = forward("SIGINT");
    process.once("SIGTERM", onTerm);
    process.once("SIGINT", onInt);
    const finish = () => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      process.removeListener("SIGTERM", onTerm);
      process.removeListener("SIGINT", onInt);
    };
    child.once("error", (error) => {
      finish();
      reject(error);
    });
    child.once("close", (exitCode, signal) => {
      if (timedOut) killGroup("SIGKILL");
      finish();
      resolve({ exitCode, signal, durationMs: Math.round(performance.now() - started), timedOut });
    });
  });
}

export {
  commandNotFoundStatus,
  runCommand
};
