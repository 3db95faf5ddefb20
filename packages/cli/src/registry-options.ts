import type { OptionSpec } from '@mlci/core';
import { stepCommands } from './step-commands.generated';

/** train's registry options, so `mlci model`'s flags, their help and their defaults match `mlci train`'s. */
export function registryOptions(): { registry: OptionSpec; insecureRegistry: OptionSpec } {
  const specs = stepCommands.find((command) => command.name === 'train')?.options ?? [];
  const spec = (key: string) => {
    const found = specs.find((option) => option.key === key);
    if (!found) throw new Error(`train has no option ${key}`);
    return found;
  };
  return { registry: spec('registry'), insecureRegistry: spec('insecureRegistry') };
}
