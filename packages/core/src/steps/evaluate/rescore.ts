import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { InputError } from '../../errors';
import { makeScratchDirectory } from '../../io/scratch';
import { commandNotFoundStatus, runCommand } from '../../process/command';
import type { ModelRegistry } from '../../registry/registry';
import type { StepEnvironment } from '../../step';
import type { Side } from './compare';

export interface RescoreRequest {
  command: string;
  registry: ModelRegistry;
  model: string;
  /** The resolved version number (not an alias, which could move meanwhile). */
  version: string;
  /** The candidate's predictions file: the re-scored baseline is written in the same format. */
  candidate: string;
  /** Reads the predictions the command wrote, with the same columns as the candidate's. */
  read(file: string): Promise<Side>;
}

/**
 * `--rescore-command`: the baseline's stored evaluation was made on other data (or there is none), so its model
 * is scored again on the current evaluation data by the user's own scoring command. The command gets the
 * version's files in MLCI_BASELINE_MODEL and writes its predictions to MLCI_PREDICTIONS (the candidate's
 * format); the comparison then checks the data digest as for any baseline.
 */
export async function rescoreBaseline(request: RescoreRequest, environment: StepEnvironment): Promise<Side> {
  const scratchDirectory = await makeScratchDirectory(join(tmpdir(), 'mlci-rescore-'));
  const scratch = scratchDirectory.path;
  try {
    const modelDirectory = join(scratch, 'model');
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
        MLCI_PREDICTIONS: predictions,
      },
    });
    if (outcome.exitCode === commandNotFoundStatus)
      throw new InputError(
        `rescore-command: the shell could not find the command (exit 127): ${request.command}`,
      );
    if (outcome.exitCode !== 0)
      throw new InputError(
        `rescore-command: ${outcome.signal ? `killed by ${outcome.signal}` : `exited with status ${outcome.exitCode}`} while re-scoring ${name}`,
      );
    if (!(await stat(predictions).catch(() => undefined)))
      throw new InputError(
        `rescore-command: exited 0 but wrote no predictions to MLCI_PREDICTIONS (${name})`,
      );
    return await request.read(predictions);
  } finally {
    await scratchDirectory.remove();
  }
}
