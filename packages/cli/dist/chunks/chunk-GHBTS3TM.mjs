#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  MlciError
} from "./chunk-HQARHKJP.mjs";
import {
  writeFileAtomic
} from "./chunk-5CLMASBW.mjs";

// packages/core/src/steps/evaluate/stored-side.ts
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
async function readStoredSide(fileName, bytes, shown, read) {
  const scratch = await mkdtemp(join(tmpdir(), "mlci-baseline-"));
  const file = join(scratch, basename(fileName));
  try {
    await writeFileAtomic(file, bytes);
    const side = await read(file).catch((error) => {
      if (error instanceof MlciError) error.message = error.message.replaceAll(file, shown);
      throw error;
    });
    return withName(side, shown);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
function withName(side, name) {
  return side.kind === "predictions" ? { ...side, predictions: { ...side.predictions, file: name } } : { ...side, metrics: { ...side.metrics, file: name } };
}

export {
  readStoredSide,
  withName
};
