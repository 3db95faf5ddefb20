import type * as z from 'zod';
import { loadConfig } from './config';
import { ExitCode as Exit, type ExitCode, InputError } from './errors';
import { kebabCase } from './options';
import type { Logger, Platform } from './platform/platform';
import { createProgress, type Progress } from './platform/progress';
import type { StepReport } from './report/model';
import { reportIdFromJobName } from './report/report-id';
import type { StepDefinition } from './step';

export interface StepInvocation {
  step: StepDefinition;
  /** Values from flags or action inputs, by camelCase key; keys not given are absent. */
  given: Record<string, unknown>;
  /** How an option given directly is named in errors: `--data` on the CLI, `input 'data'` in an action. */
  nameGiven: (name: string) => string;
  /** All steps, so mlci.yaml is checked whole (a typo in another section is still a typo). */
  allSteps: readonly StepDefinition[];
  configFile?: string;
  cwd: string;
  platform: Platform;
  logger: Logger;
  /** Default: a line in the log every few seconds, as CI logs want. */
  progress?: Progress;
}

export interface StepOutcome {
  report: StepReport;
  exitCode: ExitCode;
}

/**
 * The one path every front end takes: merge mlci.yaml with the given values (given ones win),
 * validate, run the step, publish its report on the platform.
 */
export async function executeStep(invocation: StepInvocation): Promise<StepOutcome> {
  const { step, given, platform, logger } = invocation;
  const config = await loadConfig(invocation.allSteps, invocation.cwd, invocation.configFile);
  const section = config?.sections[step.name] ?? {};
  const merged: Record<string, unknown> = {};
  const fromConfig = new Set<string>();
  for (const [name, value] of Object.entries(section)) {
    const key = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    merged[key] = value;
    fromConfig.add(key);
  }
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    merged[key] = value;
    fromConfig.delete(key);
  }
  const input = parseInput(step, merged, (key) =>
    fromConfig.has(key) && config
      ? `${config.file}: ${step.name}.${kebabCase(key)}`
      : invocation.nameGiven(kebabCase(key)),
  );
  const progress = invocation.progress ?? createProgress({ logger, interactive: false });
  const artifacts = platform.branchArtifacts?.();
  const context = platform.context();
  const report = await step.run(input, {
    cwd: invocation.cwd,
    logger,
    progress,
    context,
    ...(artifacts ? { artifacts } : {}),
  });
  logger.info(report.headline);
  // Every step's schema has report-id (reportOptions); the CI job's name is the default.
  const reportId = (input as { reportId?: string }).reportId ?? reportIdFromJobName(context.jobName);
  await platform.publish(report, reportId === undefined ? {} : { reportId });
  return { report, exitCode: report.result.status === 'passed' ? Exit.passed : Exit.gateFailed };
}

function parseInput(step: StepDefinition, merged: Record<string, unknown>, nameOf: (key: string) => string) {
  const parsed = step.input.safeParse(merged);
  if (parsed.success) return parsed.data as z.output<typeof step.input>;
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0] ?? '');
  if (issue && merged[key] === undefined) throw new InputError(`${nameOf(key)} is required`);
  throw new InputError(`${nameOf(key)}: ${issue?.message ?? 'invalid value'}`);
}
