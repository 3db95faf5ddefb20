#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  movePath
} from "./chunk-4VSSUXZN.mjs";
import {
  removeOnInterrupt
} from "./chunk-BOL2UAYQ.mjs";
import {
  fileSystemError
} from "./chunk-C6XSGGFY.mjs";

// packages/core/src/io/atomic.ts
import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
async function writeFileAtomic(path, data) {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  const interrupted = removeOnInterrupt(temp);
  try {
    await writeFile(temp, data);
    await movePath(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw fileSystemError(error, path);
  } finally {
    interrupted.release();
  }
}

export {
  writeFileAtomic
};
