#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  interruptedBy,
  registerCleanup
} from "./chunk-BOL2UAYQ.mjs";

// packages/core/src/process/command.ts
import { spawn } from "node:child_process";
var commandNotFoundStatus = 127;
function runCommand(line, options) {
  const started = performance.now();
  const graceMs = options.killGraceMs ?? 5e3;
  return new Promise((resolve, reject) => {
    const child = spawn("/bin/sh", ["-c", line], {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", process.stderr, process.stderr],
      detached: true
    });
    const closed = new Promise((done) => child.once("close", () => done()));
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
      killTimer = setTimeout(() => killGroup("SIGKILL"), graceMs);
    }, options.timeoutSeconds * 1e3);
    const stop = registerCleanup(
      async () => {
        if (child.pid === void 0) return void 0;
        killGroup("SIGTERM");
        const killed = await endGroup(child.pid, closed, graceMs);
        return `stopped the command (SIGTERM to its process group${killed ? `, SIGKILL after ${graceMs / 1e3} s` : ""})`;
      },
      () => killGroup("SIGKILL")
    );
    const finish = () => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      stop.release();
    };
    child.once("error", (error) => {
      finish();
      reject(error);
    });
    child.once("close", (exitCode, signal) => {
      if (interruptedBy() !== void 0) return;
      if (timedOut) killGroup("SIGKILL");
      finish();
      resolve({ exitCode, signal, durationMs: Math.round(performance.now() - started), timedOut });
    });
  });
}
async function endGroup(pgid, closed, graceMs) {
  const deadline = Date.now() + graceMs;
  const alive = () => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  let timer;
  await Promise.race([closed, new Promise((done) => timer = setTimeout(done, graceMs))]);
  clearTimeout(timer);
  while (alive() && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
  if (!alive()) return false;
  try {
    process.kill(-pgid, "SIGKILL");
  } catch {
    return false;
  }
  await Promise.race([closed, new Promise((done) => setTimeout(done, 1e3))]);
  return true;
}

export {
  commandNotFoundStatus,
  runCommand
};
