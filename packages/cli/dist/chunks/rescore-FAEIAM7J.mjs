#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  commandNotFoundStatus,
  runCommand
} from "./chunk-TMMKCTIR.mjs";
import {
  makeScratchDirectory
} from "./chunk-BOL2UAYQ.mjs";
import {
  InputError
} from "./chunk-C6XSGGFY.mjs";
import "./chunk-AQW5IZUH.mjs";

// packages/core/src/steps/evaluate/rescore.ts
import { stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, resolve } from "node:path";
async function rescoreBaseline(request, environment) {
  const scratchDirectory = await makeScratchDirectory(join(tmpdir(), "mlci-rescore-"));
  const scratch = scratchDirectory.path;
  try {
    const modelDirectory = join(scratch, "model");
    await request.registry.download(request.model, request.version, modelDirectory);
    const predictions = join(scratch, `predictions${extname(request.candidate).toLowerCase()}`);
    const name = `${request.model}@${request.version}`;
    environment.logger.info(`re-scoring ${name} on the current data: ${request.command}`);
    const outcome = await runCommand(request.command, {
      cwd: environment.cwd,
      env: {
        ...process.env,
        MLCI_BASELINE_MODEL: modelDirectory,
        MLCI_BASELINE_VERSION: name,
        MLCI_CANDIDATE: resolve(environment.cwd, request.candidate),
        MLCI_PREDICTIONS: predictions
      }
    });
    if (outcome.exitCode === commandNotFoundStatus)
      throw new InputError(
        `rescore-command: the shell could not find the command (exit 127): ${request.command}`
      );
    if (outcome.exitCode !== 0)
      throw new InputError(
        `rescore-command: ${outcome.signal ? `killed by ${outcome.signal}` : `exited with status ${outcome.exitCode}`} while re-scoring ${name}`
      );
    if (!await stat(predictions).catch(() => void 0))
      throw new InputError(
        `rescore-command: exited 0 but wrote no predictions to MLCI_PREDICTIONS (${name})`
      );
    return await request.read(predictions);
  } finally {
    await scratchDirectory.remove();
  }
}
export {
  rescoreBaseline
};
