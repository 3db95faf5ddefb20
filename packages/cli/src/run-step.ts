import { createProgress, executeStep, type StepName, stderrLogger, steps } from '@mlci/core';
import { detectPlatform } from './platforms';

// A step command's run: imported by program.ts only when one runs, so `mlci --help` loads none of it.

/** The flags every step command has beside its options. */
export interface CommonFlags {
  config?: string;
  json?: boolean;
  debug?: boolean;
}

/** Runs the step with the options given on the command line (by key) and resolves to mlci's exit code. */
export async function runStep(
  name: StepName,
  given: Record<string, unknown>,
  flags: CommonFlags,
): Promise<number> {
  const step = steps.find((candidate) => candidate.name === name);
  if (!step) throw new Error(`no step ${name}`);
  const logger = stderrLogger(flags.debug === true);
  const platform = await detectPlatform(process.env, logger);
  logger.debug(`platform: ${platform.name}`);
  const { report, exitCode } = await executeStep({
    step,
    given,
    nameGiven: (name) => `--${name}`,
    allSteps: steps,
    ...(flags.config === undefined ? {} : { configFile: flags.config }),
    cwd: process.cwd(),
    platform,
    logger,
    // A live line on a terminal; in CI (or when stderr is a file) a line every few seconds.
    progress: createProgress({ logger, interactive: process.stderr.isTTY === true && !process.env.CI }),
  });
  if (flags.json) process.stdout.write(`${JSON.stringify(report.result, null, 2)}\n`);
  return exitCode;
}
