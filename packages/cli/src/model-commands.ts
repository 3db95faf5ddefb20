import type { Command } from 'commander';
import { registryOptions } from './registry-options';

// `mlci model list|show`: their code, and the registry backends, load only when one of them runs (model.ts).

export interface ModelFlags {
  registry?: string;
  insecureRegistry?: boolean;
  config?: string;
  json?: boolean;
  debug?: boolean;
  version?: string;
}

/** The `model` command group; `helpAfter` is the help epilogue every mlci command ends with (exit codes). */
export function addModelCommands(program: Command, setExit: (code: number) => void, helpAfter: string): void {
  const { registry, insecureRegistry } = registryOptions();
  const model = program
    .command('model')
    .description('List the models in a registry; show their versions, digests, lineage and aliases.')
    .addHelpText('after', helpAfter)
    .exitOverride();
  const common = (command: Command) =>
    command
      .option(
        `--${registry.name} <uri>`,
        `${registry.description} Default: train.${registry.name} in mlci.yaml, else ${String(registry.defaultValue)}.`,
      )
      .option(`--${insecureRegistry.name}`, insecureRegistry.description)
      .option('--config <file>', 'read train.registry from this mlci.yaml instead of ./mlci.yaml')
      .option('--json', 'print JSON on stdout instead of the text listing')
      .option('--debug', 'log details and show stack traces')
      .addHelpText('after', helpAfter)
      .exitOverride();
  common(
    model.command('list').description('List the models in the registry: versions, latest version, aliases.'),
  ).action(async (flags: ModelFlags) => {
    const { listModelsCommand } = await import('./model');
    setExit(await listModelsCommand(flags));
  });
  common(
    model
      .command('show')
      .description(
        "Show a model's versions, newest first, with their digests, lineage, registrations and aliases.",
      )
      .argument('<name>', 'model name; NAME@VERSION (a number, an alias or latest) shows that version only')
      .option('--version <n>', 'show this version only: a number, an alias or latest (the newest)'),
  ).action(async (name: string, flags: ModelFlags) => {
    const { showModelCommand } = await import('./model');
    setExit(await showModelCommand(name, flags));
  });
}
