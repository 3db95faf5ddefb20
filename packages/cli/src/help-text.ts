import type { OptionSpec } from '@mlci/core';

// The words of mlci's help, shared by the commander program (program.ts) and the help printed without it (help.ts).

export const programDescription =
  'MLOps steps for the CI you already run: validate-data, train, evaluate, build-image, promote.';

export const modelDescription =
  'List the models in a registry; show their versions, digests, lineage and aliases.';

export const exitCodesHelp = `
Exit codes:
  0  passed
  1  a gate failed (the report says which checks)
  2  usage or input error: bad flag, bad mlci.yaml, missing or malformed file
  3  an outside service failed after retries
  4  internal error in mlci (a bug: please report it with the --debug output)`;

const commonHelp = `
Options may also come from mlci.yaml in the working directory (or --config FILE), one section per step,
with the same names as the flags; flags win over the file.`;

/** What the help of mlci and of every step command ends with. */
export const helpEpilogue = `${commonHelp}\n${exitCodesHelp}`;

/** The options every step command has after its own. */
export const commonStepOptions = [
  { flags: '--config <file>', description: 'read defaults from this mlci.yaml instead of ./mlci.yaml' },
  { flags: '--json', description: 'also print the result JSON on stdout' },
  { flags: '--debug', description: 'log details and show stack traces' },
] as const;

/**
 * A step option's flag with its argument: a list takes several values after one flag (so a shell glob works)
 * and the flag may repeat.
 */
export function optionFlags(spec: OptionSpec): string {
  const argument =
    spec.kind === 'list'
      ? ' <values...>'
      : spec.kind === 'boolean'
        ? ''
        : spec.kind === 'number'
          ? ' <n>'
          : ' <value>';
  return `--${spec.name}${argument}`;
}
