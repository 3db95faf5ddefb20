import {
  createProgress,
  ExitCode,
  executeStep,
  firstLine,
  handleInterrupts,
  interruptedBy,
  type OptionSpec,
  optionsOf,
  type StepDefinition,
  stderrLogger,
  steps,
  userError,
} from '@mlci/core';
import { Command, CommanderError, Option } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { addModelCommands } from './model';
import { detectPlatform } from './platforms';

const exitCodesHelp = `
Exit codes:
  0  passed
  1  a gate failed (the report says which checks)
  2  usage or input error: bad flag, bad mlci.yaml, missing or malformed file
  3  an outside service failed after retries
  4  internal error in mlci (a bug: please report it with the --debug output)`;

const commonHelp = `
Options may also come from mlci.yaml in the working directory (or --config FILE), one section per step,
with the same names as the flags; flags win over the file.`;

function addStepOption(command: Command, spec: OptionSpec): Option {
  // A list takes several values after one flag (so a shell glob works) and the flag may repeat.
  const argument =
    spec.kind === 'list'
      ? ' <values...>'
      : spec.kind === 'boolean'
        ? ''
        : spec.kind === 'number'
          ? ' <n>'
          : ' <value>';
  const option = new Option(`--${spec.name}${argument}`, spec.description);
  if (spec.choices) option.choices(spec.choices);
  if (spec.kind === 'number') option.argParser((value: string) => Number(value));
  // Defaults are shown, not set: a value left unset here may still come from mlci.yaml.
  const shown =
    spec.defaultValue === undefined || (Array.isArray(spec.defaultValue) && spec.defaultValue.length === 0);
  if (!shown && !option.negate) option.default(undefined, JSON.stringify(spec.defaultValue));
  command.addOption(option);
  return option;
}

/**
 * The value commander parsed for a step option, or undefined when the flag was not given. A `--no-x` flag
 * (e.g. `--no-cache`) is stored by commander as `x: false` (true by default): given only when false.
 */
function flagValue(flags: Record<string, unknown>, option: Option): unknown {
  const value = flags[option.attributeName()];
  if (option.negate) return value === false ? true : undefined;
  return value;
}

interface CommonFlags {
  config?: string;
  json?: boolean;
  debug?: boolean;
}

async function runStepCommand(
  step: StepDefinition,
  options: ReadonlyMap<OptionSpec, Option>,
  flags: Record<string, unknown> & CommonFlags,
): Promise<number> {
  const logger = stderrLogger(flags.debug === true);
  const given: Record<string, unknown> = {};
  for (const [spec, option] of options) {
    const value = flagValue(flags, option);
    if (value !== undefined) given[spec.key] = value;
  }
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

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('mlci')
    .description(
      'MLOps steps for the CI you already run: validate-data, train, evaluate, build-image, promote.',
    )
    .version(packageJson.version, '-V, --version')
    .addHelpText('after', `${commonHelp}\n${exitCodesHelp}`)
    .showSuggestionAfterError(true)
    // Program options (--version) only before the command: `mlci model show NAME --version 3` is show's.
    .enablePositionalOptions()
    // Set before the step commands are added: subcommands copy these settings when created.
    .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'mlci: error: ')) })
    .exitOverride();
  for (const step of steps) {
    const command = program.command(step.name).description(step.summary).exitOverride();
    const options = new Map(
      optionsOf(step.input).map((spec) => [spec, addStepOption(command, spec)] as const),
    );
    command
      .option('--config <file>', 'read defaults from this mlci.yaml instead of ./mlci.yaml')
      .option('--json', 'also print the result JSON on stdout')
      .option('--debug', 'log details and show stack traces')
      .addHelpText('after', `${commonHelp}\n${exitCodesHelp}`)
      .action(async (flags: Record<string, unknown>) => setExit(await runStepCommand(step, options, flags)));
  }
  addModelCommands(program, setExit, exitCodesHelp);
  return program;
}

async function main(argv: string[]): Promise<number> {
  // Interrupted, mlci undoes what it was doing, says what in one line and exits with 128 + the signal.
  handleInterrupts({
    what: () => argv.find((arg) => !arg.startsWith('-')) ?? 'mlci',
    exit: (code, line) => {
      process.stderr.write(`${line}\n`);
      process.exit(code);
    },
  });
  let exitCode: number = ExitCode.passed;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return ExitCode.usage;
    }
    await program.parseAsync(argv, { from: 'user' });
    if (interruptedBy() !== undefined) return new Promise<number>(() => {});
    return exitCode;
  } catch (error) {
    // An error caused by the interrupt's own cleanup (a cancelled upload, a stopped command) is not news:
    // the interrupt's line says what happened, and its handler ends the process.
    if (interruptedBy() !== undefined) return new Promise<number>(() => {});
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; every other parse error is a usage error.
      return error.exitCode === 0 ? ExitCode.passed : ExitCode.usage;
    }
    const debug = argv.includes('--debug');
    const known = userError(error);
    if (known) {
      process.stderr.write(`mlci: error: ${firstLine(known)}\n`);
      // A mapped file-system error: the stack is the original's.
      if (debug) process.stderr.write(`${(known === error ? known : (error as Error)).stack}\n`);
      return known.exitCode;
    }
    process.stderr.write(
      `mlci: internal error: ${firstLine(error)}${debug ? '' : ' (run with --debug for the stack trace)'}\n`,
    );
    if (debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 4;
  }
}

// `mlci --help | head` closes stdout early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
// Not a top-level await: the standalone executable (scripts/build-binary.mjs) runs this entry as CommonJS.
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
