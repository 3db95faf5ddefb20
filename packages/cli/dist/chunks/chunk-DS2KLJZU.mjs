#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  movePath
} from "./chunk-4VSSUXZN.mjs";
import {
  registerCleanup
} from "./chunk-BOL2UAYQ.mjs";

// packages/core/src/io/replace-directory.ts
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
async function replaceDirectory(target, fill) {
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const suffix = randomBytes(6).toString("hex");
  const incoming = join(parent, `.${basename(target)}.incoming-${suffix}`);
  const previous = join(parent, `.${basename(target)}.previous-${suffix}`);
  const interrupted = registerCleanup(async () => {
    await rm(incoming, { recursive: true, force: true });
    if (!existsSync(target) && existsSync(previous)) {
      await movePath(previous, target);
      return `put back ${target}`;
    }
    await rm(previous, { recursive: true, force: true });
    return void 0;
  });
  try {
    await mkdir(incoming);
    await fill(incoming);
    const hadTarget = await movePath(target, previous).then(
      () => true,
      (error) => {
        if (error.code === "ENOENT") return false;
        throw error;
      }
    );
    try {
      await movePath(incoming, target);
    } catch (error) {
      if (hadTarget) await movePath(previous, target);
      throw error;
    }
  } finally {
    await rm(incoming, { recursive: true, force: true });
    await rm(previous, { recursive: true, force: true });
    interrupted.release();
  }
}

export {
  replaceDirectory
};
