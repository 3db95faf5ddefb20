import { type OptionSpec, optionsOf, type StepDefinition, type StepName } from '@mlci/core';

/** What a step's command shows in help: its name, its `mlci --help` line and its options as optionsOf derives them. */
export interface StepCommand {
  name: StepName;
  summary: string;
  options: readonly OptionSpec[];
}

/**
 * The step commands of these steps. scripts/generate.ts writes them to step-commands.generated.ts, which help.ts
 * prints help from, so `mlci --help` loads neither the core's steps nor zod.
 */
export function stepCommandsOf(steps: readonly StepDefinition[]): StepCommand[] {
  return steps.map((step) => ({ name: step.name, summary: step.summary, options: optionsOf(step.input) }));
}
