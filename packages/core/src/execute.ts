import type * as z from 'zod';
import { configKeysOf, configOption, loadConfig } from './config';
import { ExitCode as Exit, type ExitCode, InputError } from './errors';
import { checkWritableDirectory } from './io/writable';
import { kebabCase, optionsOf } from './options';
import type { Logger, Platform } from './platform/platform';
import { createProgress, type Progress } from './platform/progress';
import { type AlertKind, alertFor } from './report/alert';
import type { StepReport } from './report/model';
import { reportIdFromJobName } from './report/report-id';
import { refuseUriCredentials } from './report/secrets';
import type { StepDefinition } from './step';

/**
 * The options that name a service by URI: they may not carry credentials (report/secrets.ts). The value names
 * where the credentials go instead, when not the registry's variables.
 */
const uriOptionKeys: Record<string, string | undefined> = {
  registry: undefined,
  cacheStore: undefined,
  tracking: undefined,
  deployRepo: 'MLCI_DEPLOY_TOKEN',
};

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
  // Precedence: a flag or input, then the step's section of mlci.yaml, then a shared top-level setting, then
  // the option's default (applied by the schema).
  const merged: Record<string, unknown> = {};
  const fromConfig = new Map<string, string[]>();
  for (const spec of optionsOf(step.input)) {
    const found = configOption(config, step, spec.name);
    const value = given[spec.key];
    if (value !== undefined) {
      merged[spec.key] = value;
      // Never silent: a value the pipeline passes over mlci.yaml's is said in the log.
      if (found && JSON.stringify(found.value) !== JSON.stringify(value))
        logger.info(
          `${invocation.nameGiven(spec.name)} overrides ${found.path.join('.')} of ${config?.file ?? 'mlci.yaml'}`,
        );
    } else if (found) {
      merged[spec.key] = found.value;
      fromConfig.set(spec.key, found.path);
    }
  }
  const nameOf = (key: string) => {
    const path = fromConfig.get(key);
    if (path && config) return `${config.where(path)}: ${path.join('.')}`;
    return invocation.nameGiven(kebabCase(key));
  };
  const input = parseInput(
    step,
    merged,
    nameOf,
    // A missing option may be given either way: the message names both.
    (key) => `${configKeysOf(step, kebabCase(key)).join(' or ')} in ${config?.file ?? 'mlci.yaml'}`,
  );
  // Refused before anything runs, so that no message, report or record ever holds them.
  for (const [key, variables] of Object.entries(uriOptionKeys)) {
    const value = (input as Record<string, unknown>)[key];
    if (typeof value === 'string') refuseUriCredentials(value, nameOf(key), variables);
  }
  // Every step writes its reports into `out`: a file there or a read-only place is refused before any work.
  const out = (input as { out?: unknown }).out;
  if (typeof out === 'string')
    await checkWritableDirectory(invocation.cwd, out, outName(invocation, config, fromConfig));
  const progress = invocation.progress ?? createProgress({ logger, interactive: false });
  const artifacts = platform.branchArtifacts?.();
  const context = platform.context();
  const report = await step
    .run(input, {
      cwd: invocation.cwd,
      logger,
      progress,
      context,
      ...(artifacts ? { artifacts } : {}),
    })
    .catch((error: unknown) => {
      if (config && error instanceof InputError) locateInConfig(error, config, fromConfig, merged);
      throw error;
    });
  logger.info(report.headline);
  // Every step's schema has report-id (reportOptions); the CI job's name is the default.
  const reportId = (input as { reportId?: string }).reportId ?? reportIdFromJobName(context.jobName);
  const alertKind = (input as { alert?: AlertKind }).alert;
  const alert =
    alertKind === undefined
      ? undefined
      : alertFor(alertKind, step.name, step.alertSubject?.(input), reportId);
  await platform.publish(report, {
    ...(reportId === undefined ? {} : { reportId }),
    ...(alert === undefined ? {} : { alert }),
  });
  return { report, exitCode: report.result.status === 'passed' ? Exit.passed : Exit.gateFailed };
}

/**
 * A step names a bad value by its option (`gate: 'x' names an unknown metric`) or by the value itself (a file
 * that is not there). When that value came from mlci.yaml, the message is made to start at its line, and at
 * the line of the very item of a list that it quotes, as the errors of the file's own checks do.
 */
function locateInConfig(
  error: InputError,
  config: NonNullable<Awaited<ReturnType<typeof loadConfig>>>,
  fromConfig: ReadonlyMap<string, string[]>,
  merged: Record<string, unknown>,
): void {
  for (const [key, path] of fromConfig) {
    const name = kebabCase(key);
    const value = merged[key];
    const items = Array.isArray(value) ? value : [value];
    const index = items.findIndex(
      (item) =>
        typeof item === 'string' &&
        item !== '' &&
        (error.message.includes(`'${item}'`) || error.message.startsWith(`${item}:`)),
    );
    const byName = error.message.startsWith(`${name}:`) || error.message.startsWith(`${name} `);
    const byValue = !byName && index >= 0 && error.message.startsWith(`${items[index]}:`);
    if (!byName && !byValue) continue;
    const at = Array.isArray(value) && index >= 0 ? [...path, String(index)] : path;
    const rest = byName ? error.message.slice(name.length).replace(/^:\s*/, ': ') : `: ${error.message}`;
    error.message = `${config.where(at)}: ${at.join('.')}${rest}`;
    return;
  }
}

/** How errors name the `out` option: its mlci.yaml line when it came from there, else the flag or input. */
function outName(
  invocation: StepInvocation,
  config: Awaited<ReturnType<typeof loadConfig>>,
  fromConfig: ReadonlyMap<string, string[]>,
): string {
  const path = fromConfig.get('out');
  return path && config ? `${config.where(path)}: ${path.join('.')}` : invocation.nameGiven('out');
}

function parseInput(
  step: StepDefinition,
  merged: Record<string, unknown>,
  nameOf: (key: string) => string,
  configKeysOf: (key: string) => string,
) {
  const parsed = step.input.safeParse(merged);
  if (parsed.success) return parsed.data as z.output<typeof step.input>;
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0] ?? '');
  if (issue && merged[key] === undefined)
    throw new InputError(`${nameOf(key)} is required (or ${configKeysOf(key)})`);
  throw new InputError(`${nameOf(key)}: ${issue?.message ?? 'invalid value'}`);
}
