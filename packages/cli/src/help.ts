import packageJson from '../package.json' with { type: 'json' };
import {
  commonStepOptions,
  helpEpilogue,
  modelDescription,
  optionFlags,
  programDescription,
} from './help-text';
import type { StepCommand } from './step-commands';

// `mlci --help`, `mlci <step> --help` and `mlci --version` without loading commander (or the core): the same text
// commander prints for them, laid out as its Help class lays it out (help.test.ts holds the two equal, at several
// widths). Every other command line goes to the commander program.

/** What mlci prints on stdout for a help or version request, and its exit code. */
export interface HelpAnswer {
  text: string;
  exitCode: number;
}

interface Item {
  term: string;
  description: string;
}

// ExitCode.passed and ExitCode.usage (docs/exit-codes.md; help.test.ts compares), as numbers: importing them would
// load the core.
const exitPassed = 0;
const exitUsage = 2;
const helpOption: Item = { term: '-h, --help', description: 'display help for command' };
const helpFlags = ['--help', '-h'];
/** Item indent, and the space between a term and its description. */
const indent = 2;
const spacer = 2;
/** Narrower than this, commander leaves text unwrapped. */
const minWidthToWrap = 40;

/**
 * The answer to `argv` when it only asks for help or the version: `mlci` alone (help, exit code 2: usage), `mlci --help`,
 * `mlci help`, `mlci <step> --help`, `mlci help <step>`, `mlci --version`; undefined for any other command line.
 * `width` is the terminal's (commander wraps to it), 80 when stdout is not a terminal.
 */
export function helpAnswer(
  argv: readonly string[],
  width: number,
  commands: readonly StepCommand[],
): HelpAnswer | undefined {
  const [first, second, ...rest] = argv;
  if (rest.length > 0) return undefined;
  if (first === undefined) return { text: programHelp(width, commands), exitCode: exitUsage };
  if (second === undefined) {
    if (first === '--version' || first === '-V')
      return { text: `${packageJson.version}\n`, exitCode: exitPassed };
    if (helpFlags.includes(first) || first === 'help')
      return { text: programHelp(width, commands), exitCode: exitPassed };
    return undefined;
  }
  const step = commands.find(
    (command) =>
      (command.name === first && helpFlags.includes(second)) || (first === 'help' && command.name === second),
  );
  return step ? { text: stepHelp(step, width), exitCode: exitPassed } : undefined;
}

function programHelp(width: number, commands: readonly StepCommand[]): string {
  const options = [{ term: '-V, --version', description: 'output the version number' }, helpOption];
  // The model group (model.ts) is listed with the steps; its own help is commander's.
  const subcommands = [
    ...commands.map((command) => ({ term: `${command.name} [options]`, description: command.summary })),
    { term: 'model', description: modelDescription },
    { term: 'help [command]', description: 'display help for command' },
  ];
  return helpText('mlci [options] [command]', programDescription, width, [
    ['Options:', options],
    ['Commands:', subcommands],
  ]);
}

function stepHelp(step: StepCommand, width: number): string {
  const options = [
    ...step.options.map((spec) => ({
      term: optionFlags(spec),
      // Commander adds an option's choices; no default is set (program.ts), so none is shown.
      description: spec.choices
        ? `${spec.description} (choices: ${spec.choices.map((choice) => JSON.stringify(choice)).join(', ')})`
        : spec.description,
    })),
    ...commonStepOptions.map(({ flags, description }) => ({ term: flags, description })),
    helpOption,
  ];
  return helpText(`mlci ${step.name} [options]`, step.summary, width, [['Options:', options]]);
}

/** Commander's layout: usage, description, then each list of items with their descriptions aligned. */
function helpText(
  usage: string,
  description: string,
  width: number,
  lists: readonly (readonly [string, readonly Item[]])[],
): string {
  const termWidth = Math.max(...lists.flatMap(([, items]) => items.map((item) => item.term.length)));
  const lines = [`Usage: ${usage}`, '', wrap(description, width), ''];
  for (const [heading, items] of lists) {
    lines.push(heading, ...items.map((item) => formatItem(item, termWidth, width)), '');
  }
  return `${lines.join('\n')}${helpEpilogue}\n`;
}

function formatItem({ term, description }: Item, termWidth: number, width: number): string {
  const remaining = width - termWidth - spacer - indent;
  const preformatted = /\n[^\S\r\n]/.test(description);
  const text =
    remaining < minWidthToWrap || preformatted
      ? description
      : wrap(description, remaining).replace(/\n/g, `\n${' '.repeat(termWidth + spacer)}`);
  return `${' '.repeat(indent)}${term.padEnd(termWidth)}${' '.repeat(spacer)}${text.replace(/\n/g, `\n${' '.repeat(indent)}`)}`;
}

/** Words onto lines of at most `width` characters (a longer word gets a line of its own). */
function wrap(text: string, width: number): string {
  if (width < minWidthToWrap) return text;
  return text
    .split(/\r\n|\n/)
    .map((line) => {
      const chunks = line.match(/\s*\S+/g);
      if (chunks === null) return '';
      const lines: string[] = [];
      let current = chunks[0] as string;
      for (const chunk of chunks.slice(1)) {
        if (current.length + chunk.length <= width) current += chunk;
        else {
          lines.push(current);
          current = chunk.trimStart();
        }
      }
      lines.push(current);
      return lines.join('\n');
    })
    .join('\n');
}
