#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  formatBytes
} from "./chunk-5PJDXVWP.mjs";
import {
  InputError
} from "./chunk-C6XSGGFY.mjs";

// packages/core/src/io/read-input.ts
import { constants } from "node:fs";
import { open, readFile, stat } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
var pipeInputMaxBytes = 64 << 20;
var pipeWriterWaitMs = 1e4;
async function readInputFile(path, shown) {
  const stats = await stat(path);
  if (stats.isFile() || stats.isDirectory()) return readFile(path);
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const chunks = [];
    const buffer = Buffer.allocUnsafe(1 << 16);
    let total = 0;
    const started = Date.now();
    for (; ; ) {
      let bytesRead;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, buffer.length, null));
      } catch (error) {
        if (error.code !== "EAGAIN") throw error;
        await sleep(10);
        continue;
      }
      if (bytesRead > 0) {
        total += bytesRead;
        if (total > pipeInputMaxBytes)
          throw new InputError(
            `${shown}: more than ${formatBytes(pipeInputMaxBytes)} from a pipe or device; save it to a file first`
          );
        chunks.push(Buffer.from(buffer.subarray(0, bytesRead)));
        continue;
      }
      if (total > 0 || !stats.isFIFO()) break;
      if (Date.now() - started >= pipeWriterWaitMs)
        throw new InputError(
          `${shown}: a pipe that no program wrote to within ${pipeWriterWaitMs / 1e3} s; start its writer first, or give a file`
        );
      await sleep(20);
    }
    return Buffer.concat(chunks);
  } finally {
    await handle.close();
  }
}
async function requireRegularFile(path, option, shown) {
  const stats = await stat(path).catch(() => void 0);
  if (stats !== void 0 && !stats.isFile() && !stats.isDirectory())
    throw new InputError(
      `${option}: '${shown}' is a pipe or device, not a regular file: data is read more than once (to check it and for its digest); save it to a file first`
    );
}

export {
  readInputFile,
  requireRegularFile
};
