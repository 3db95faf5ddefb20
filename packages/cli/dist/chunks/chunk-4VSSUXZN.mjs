#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);

// packages/core/src/io/move.ts
import { randomBytes } from "node:crypto";
import { cp, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
async function movePath(from, to) {
  try {
    await rename(from, to);
    return;
  } catch (error) {
    if (error.code !== "EXDEV") throw error;
  }
  const temp = join(dirname(to), `.${basename(to)}.moving-${randomBytes(6).toString("hex")}`);
  try {
    await cp(from, temp, {
      recursive: true,
      errorOnExist: true,
      force: false,
      preserveTimestamps: true,
      verbatimSymlinks: true
    });
    await rename(temp, to);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  await rm(from, { recursive: true, force: true });
}

export {
  movePath
};
