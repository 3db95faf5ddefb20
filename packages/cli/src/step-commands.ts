import { type OptionSpec, optionsOf, type StepDefinition, type StepName } from '@mlci/core';

/** What a step's command shows and parses: its name, its `--help` line and its options as optionsOf derives them. */
export interface StepCommand {
  name: StepName;
  summary: string;
  options: readonly OptionSpec[];
}

/**
 * The step commands of these steps. scripts/generate.ts writes them to step-commands.generated.ts, which the
 * program builds its commands from, so `mlci --help` loads neither the core's steps nor zod.
 */
export function stepCommandsOf(steps: readonly StepDefinition[]): StepCommand[] {
  return steps.map((step) => ({ name: step.name, summary: step.summary, options: optionsOf(step.input) }));
}
