#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  writeFileAtomic
} from "./chunk-VQWOU3SX.mjs";
import {
  makeScratchDirectory
} from "./chunk-BOL2UAYQ.mjs";
import {
  MlciError
} from "./chunk-C6XSGGFY.mjs";

// packages/core/src/steps/evaluate/stored-side.ts
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
async function readStoredSide(fileName, bytes, shown, read) {
  const scratch = await makeScratchDirectory(join(tmpdir(), "mlci-baseline-"));
  const file = join(scratch.path, basename(fileName));
  try {
    await writeFileAtomic(file, bytes);
    const side = await read(file).catch((error) => {
      if (error instanceof MlciError) error.message = error.message.replaceAll(file, shown);
      throw error;
    });
    return withName(side, shown);
  } finally {
    await scratch.remove();
  }
}
function withName(side, name) {
  return side.kind === "predictions" ? { ...side, predictions: { ...side.predictions, file: name } } : { ...side, metrics: { ...side.metrics, file: name } };
}

export {
  readStoredSide,
  withName
};
