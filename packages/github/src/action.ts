import * as core from '@actions/core';
import {
  coerceOptionText,
  deployTokenVariable,
  ExitCode,
  executeStep,
  firstLine,
  handleInterrupts,
  interruptedBy,
  type Logger,
  maskUriCredentials,
  optionsOf,
  type StepDefinition,
  steps,
  userError,
} from '@mlci/core';
import { GitHubPlatform } from './platform';

/** Exit code for a bug in mlci itself, the same as the CLI's. */
const internalErrorExitCode = 4;

/** A URI's credentials never reach the job log, wherever a message picked the URI up. */
export const actionLogger: Logger = {
  info: (message) => core.info(maskUriCredentials(message)),
  warn: (message) => core.warning(maskUriCredentials(message)),
  debug: (message) => core.debug(maskUriCredentials(message)),
};

/**
 * Reads the step's options from the action's inputs. action.yml gives no option input a default, so an empty
 * input is one the workflow did not set: mlci.yaml (or the option's default) applies, and a value the workflow
 * does set is passed even when it equals the default.
 */
export function inputsOf(step: StepDefinition): Record<string, unknown> {
  const given: Record<string, unknown> = {};
  for (const spec of optionsOf(step.input)) {
    const text = core.getInput(spec.name);
    if (text === '') continue;
    given[spec.key] = coerceOptionText(spec, text, `input '${spec.name}'`);
  }
  return given;
}

/**
 * The whole entry point of a step's GitHub action: inputs in, report published, the job's verdict set.
 * Never throws: every failure ends as `core.setFailed` with the step's exit code.
 */
export async function runAction(step: StepDefinition): Promise<void> {
  const logger = actionLogger;
  // A cancelled workflow run sends SIGINT, then SIGTERM: mlci undoes its work and fails with 128 + signal.
  const removeHandlers = handleInterrupts({
    what: () => step.name,
    exit: (code, line) => {
      core.setFailed(line);
      process.exit(code);
    },
  });
  try {
    // The runner's tool cache survives between jobs on self-hosted runners and is where tools belong.
    if (!process.env.MLCI_TOOL_CACHE && process.env.RUNNER_TOOL_CACHE) {
      process.env.MLCI_TOOL_CACHE = process.env.RUNNER_TOOL_CACHE;
    }
    const given = inputsOf(step);
    const token = core.getInput('token') || undefined;
    if (token) core.setSecret(token);
    // The same token signs in to ghcr.io (run cache, model registry), which the OCI client finds as GITHUB_TOKEN.
    if (token && !process.env.GITHUB_TOKEN) process.env.GITHUB_TOKEN = token;
    // promote's deploy-token input (only promote's action has it): the deploy repository's token, which the
    // hand-off reads from the environment as every CI gives it (docs/deploy.md "Credentials per CI").
    const deployToken = core.getInput('deploy-token');
    if (deployToken) {
      core.setSecret(deployToken);
      process.env[deployTokenVariable] = deployToken;
    }
    const configFile = core.getInput('config') || undefined;
    const platform = new GitHubPlatform({ env: process.env, logger, ...(token ? { token } : {}) });
    const { report, exitCode } = await executeStep({
      step,
      given,
      nameGiven: (name) => `input '${name}'`,
      allSteps: steps,
      ...(configFile ? { configFile } : {}),
      cwd: process.cwd(),
      platform,
      logger,
    });
    if (exitCode !== ExitCode.passed) {
      core.setFailed(report.headline);
      process.exitCode = exitCode;
    }
  } catch (error) {
    // Interrupted, the handler ends the job once the cleanup is done: an error the cleanup caused is not news.
    if (interruptedBy() !== undefined) return new Promise<void>(() => {});
    const known = userError(error);
    if (known) {
      core.setFailed(firstLine(known));
      process.exitCode = known.exitCode;
      return;
    }
    const debug = process.env.RUNNER_DEBUG === '1';
    core.setFailed(
      `mlci internal error: ${firstLine(error)}${debug ? '' : ' (re-run with debug logging for the stack trace)'}`,
    );
    if (debug && error instanceof Error && error.stack) core.info(error.stack);
    process.exitCode = internalErrorExitCode;
  } finally {
    removeHandlers();
  }
}
