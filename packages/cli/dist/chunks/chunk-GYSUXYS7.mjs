#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);

// packages/core/src/io/replace-directory.ts
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
async function replaceDirectory(target, fill) {
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  const suffix = randomBytes(6).toString("hex");
  const incoming = join(parent, `.${basename(target)}.incoming-${suffix}`);
  const previous = join(parent, `.${basename(target)}.previous-${suffix}`);
  try {
    await mkdir(incoming);
    await fill(incoming);
    const hadTarget = await rename(target, previous).then(
      () => true,
      (error) => {
        if (error.code === "ENOENT") return false;
        throw error;
      }
    );
    try {
      await rename(incoming, target);
    } catch (error) {
      if (hadTarget) await rename(previous, target);
      throw error;
    }
  } finally {
    await rm(incoming, { recursive: true, force: true });
    await rm(previous, { recursive: true, force: true });
  }
}

export {
  replaceDirectory
};
