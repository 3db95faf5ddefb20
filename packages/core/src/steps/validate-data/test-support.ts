// Shared by this step's tests: a scratch directory per test and the step run as a front end would run it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../platform/platform';
import { noProgress } from '../../platform/progress';
import { validateDataStep } from './index';
import { validateDataInput } from './input';

export const quietLogger: Logger = { info: () => {}, warn: () => {}, debug: () => {} };

/** A fresh directory for each test of the file, removed after it; call at the top level of a test file. */
export function scratchDirectory(prefix: string): () => string {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return () => dir;
}

/** Runs validate-data in `cwd` with options as mlci.yaml or flags would give them. */
export function runValidateData(cwd: string, given: Record<string, unknown>, logger: Logger = quietLogger) {
  return validateDataStep.run(validateDataInput.parse(given), {
    cwd,
    logger,
    progress: noProgress,
    context: { platform: 'local' },
  });
}
