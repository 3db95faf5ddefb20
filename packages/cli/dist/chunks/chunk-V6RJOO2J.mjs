#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);

// packages/core/src/process/git.ts
import { execFile } from "node:child_process";
function git(args, cwd) {
  return new Promise(
    (done) => execFile(
      "git",
      [...args],
      { cwd, timeout: 5e3, encoding: "utf8" },
      (error, stdout) => done(error ? void 0 : stdout.trim())
    )
  );
}

export {
  git
};
