import { ExitCode, steps } from '@mlci/core';
import { CommanderError } from 'commander';
import { helpAnswer } from './help';
import { buildProgram } from './program';
import { stepCommandsOf } from './step-commands';
import { stepCommands } from './step-commands.generated';

// `mlci --help` and friends are printed without commander, from step-commands.generated.ts: it must be what
// commander prints from the options the zod schemas declare (program.ts builds its commands from them).

/** What the commander program writes on stdout for `argv` when stdout is `width` wide, and its exit code. */
async function commanderOutput(argv: string[], width: number): Promise<{ text: string; exitCode: number }> {
  let text = '';
  const program = buildProgram(() => {});
  for (const command of [program, ...program.commands])
    command.configureOutput({ writeOut: (chunk) => (text += chunk), getOutHelpWidth: () => width });
  if (argv.length === 0) {
    // runProgram's answer to no arguments.
    program.outputHelp();
    return { text, exitCode: ExitCode.usage };
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // runProgram's exit code for commander's end of help and version.
    expect(error.exitCode).toBe(0);
    return { text, exitCode: ExitCode.passed };
  }
  throw new Error(`commander ran ${argv.join(' ')} instead of printing help`);
}

test('the generated step commands are the ones the step schemas declare', () => {
  expect(stepCommands).toEqual(stepCommandsOf(steps));
});

const helpRequests = [
  [],
  ['--help'],
  ['-h'],
  ['help'],
  ['--version'],
  ['-V'],
  ...steps.flatMap(({ name }) => [
    [name, '--help'],
    [name, '-h'],
    ['help', name],
  ]),
];

// 80: stdout is not a terminal; the others: terminals that wide (below 40, commander does not wrap).
describe.each([80, 39, 40, 60, 100, 200])('at width %i', (width) => {
  test.each(helpRequests.map((argv) => [argv]))(
    'mlci %j prints what commander prints from the schemas',
    async (argv) => {
      const expected = await commanderOutput(argv, width);
      expect(helpAnswer(argv, width, stepCommands)).toEqual(expected);
    },
  );
});

test.each([
  [['train']],
  [['train', '--debug', '--help']],
  [['--help', 'train']],
  [['model', '--help']],
  [['help', 'model']],
  [['model', 'list', '--help']],
  [['frobnicate', '--help']],
  [['help', 'frobnicate']],
  [['--bogus']],
])('%j is left to commander', (argv) => {
  expect(helpAnswer(argv, 80, stepCommands)).toBeUndefined();
});
