import { resolve } from 'node:path';
import { isMap } from 'yaml';
import * as z from 'zod';
import { InputError } from './errors';
import { readInputFile } from './io/read-input';
import { parseYamlFile } from './io/yaml';
import { optionsOf } from './options';
import type { StepDefinition } from './step';

export const defaultConfigFile = 'mlci.yaml';

/**
 * Settings several steps share, said once at the top level of mlci.yaml. Each names, per step, the option it
 * gives a value to; a step's own section overrides it, and a flag or input overrides both. Only settings that
 * mean the same thing in every step they reach belong here: where the model registry is and how to reach it,
 * and which model the project trains and promotes. (`attach-to` and `registry:` baselines name a version of
 * the model and stay with each step; `out` differs per step on purpose.)
 */
export interface SharedSetting {
  /** The top-level key. */
  name: string;
  description: string;
  /** The option (kebab-case) it supplies, by step name; a step not listed does not take it. */
  options: (step: StepDefinition) => string | undefined;
}

const optionNamed = (name: string) => (step: StepDefinition) =>
  optionsOf(step.input).some((spec) => spec.name === name) ? name : undefined;

export const sharedSettings: readonly SharedSetting[] = [
  {
    name: 'registry',
    description:
      "The model registry of every step that has a registry option (validate-data, train, evaluate, build-image, promote); a step's own registry overrides it.",
    options: optionNamed('registry'),
  },
  {
    name: 'insecure-registry',
    description:
      "Allow plain HTTP to an OCI registry that is not on localhost, for every step that has the option; a step's own insecure-registry overrides it.",
    options: optionNamed('insecure-registry'),
  },
  {
    name: 'model',
    description:
      "The registered model this project trains and promotes: train registers its outputs as a new version of it (train.register) and promote moves its alias (promote.model); a step's own value overrides it.",
    options: (step) => ({ train: 'register', promote: 'model' })[step.name as string],
  },
];

/** The mlci.yaml schema: the shared settings, then one optional section per step, its keys the step's kebab-case option names. */
export function configSchema(steps: readonly StepDefinition[]): z.ZodObject {
  const sections: Record<string, z.ZodType> = {};
  const fieldOf = (step: StepDefinition, name: string): z.ZodType | undefined => {
    const spec = optionsOf(step.input).find((option) => option.name === name);
    return spec ? unwrapDefault(step.input.shape[spec.key] as z.ZodType) : undefined;
  };
  for (const step of steps) {
    const fields: Record<string, z.ZodType> = {};
    for (const spec of optionsOf(step.input)) {
      // Every key is optional in the file: a flag may supply it. Defaults apply after merging.
      fields[spec.name] = (fieldOf(step, spec.name) as z.ZodType).optional().describe(spec.description);
    }
    sections[step.name] = z.object(fields).strict().optional().describe(step.summary);
  }
  const shared: Record<string, z.ZodType> = {};
  for (const setting of sharedSettings) {
    // The value must suit every option it reaches: the first one's type, checked against the others below.
    const fields = steps.flatMap((step) => {
      const option = setting.options(step);
      const field = option === undefined ? undefined : fieldOf(step, option);
      return field ? [field] : [];
    });
    const [first, ...others] = fields;
    if (!first) continue;
    const kind = (field: z.ZodType) => JSON.stringify({ ...z.toJSONSchema(field), description: undefined });
    for (const other of others)
      if (kind(other) !== kind(first))
        throw new Error(`shared setting ${setting.name}: its options differ in type`);
    shared[setting.name] = first.optional().describe(setting.description);
  }
  return z
    .object({
      version: z.literal(1).optional().describe('Version of the mlci.yaml format.'),
      ...shared,
      ...sections,
    })
    .strict();
}

function unwrapDefault(field: z.ZodType): z.ZodType {
  let inner = field;
  for (;;) {
    const def = inner._zod.def as { type: string; innerType?: z.ZodType };
    if ((def.type === 'default' || def.type === 'optional') && def.innerType) inner = def.innerType;
    else return inner;
  }
}

/** JSON Schema of mlci.yaml for editors (yaml-language-server, VS Code). */
export function configJsonSchema(steps: readonly StepDefinition[]): object {
  return {
    ...z.toJSONSchema(configSchema(steps)),
    $id: 'https://mlci.dev/schema/mlci.schema.json',
    title: 'mlci.yaml',
  };
}

export interface LoadedConfig {
  /** Path as the user would recognise it in an error message. */
  file: string;
  sections: Record<string, Record<string, unknown> | undefined>;
  /** The shared settings given at the top level, by key. */
  shared: Record<string, unknown>;
  /** `file:line` of a key, as a path of keys (`['train', 'registry']`), for error messages. */
  where(path: readonly string[]): string;
}

/** Where a step's option comes from in mlci.yaml: its section, else a shared setting; undefined when neither. */
export function configOption(
  config: LoadedConfig | undefined,
  step: StepDefinition,
  option: string,
): { value: unknown; path: string[] } | undefined {
  if (!config) return undefined;
  const section = config.sections[step.name];
  if (section && section[option] !== undefined) return { value: section[option], path: [step.name, option] };
  for (const setting of sharedSettings) {
    if (setting.options(step) === option && config.shared[setting.name] !== undefined)
      return { value: config.shared[setting.name], path: [setting.name] };
  }
  return undefined;
}

/** The mlci.yaml keys that can give a step's option: its own, then the shared setting's, if any. */
export function configKeysOf(step: StepDefinition, option: string): string[] {
  const shared = sharedSettings.filter((setting) => setting.options(step) === option).map((s) => s.name);
  return [`${step.name}.${option}`, ...shared];
}

/**
 * Reads mlci.yaml. `explicit` is a `--config` path, which must exist; without it, `mlci.yaml` in cwd is
 * used when present. Errors name the file and the line.
 */
export async function loadConfig(
  steps: readonly StepDefinition[],
  cwd: string,
  explicit?: string,
): Promise<LoadedConfig | undefined> {
  const file = explicit ?? defaultConfigFile;
  let text: string;
  try {
    text = (await readInputFile(resolve(cwd, file), file)).toString('utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (explicit === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(
      `${file}: cannot read config file (${(error as NodeJS.ErrnoException).code ?? error})`,
    );
  }
  const { document, value: parsedValue, lineOf } = parseYamlFile(text, file);
  const value = parsedValue ?? {};
  // The line of the node at `path`, else of its nearest ancestor that is in the file (a key that is missing).
  const where = (path: readonly string[]): string => {
    for (let length = path.length; length > 0 && isMap(document.contents); length--) {
      const line = lineOf(document.getIn(path.slice(0, length), true));
      if (line) return `${file}:${line}`;
    }
    const line = lineOf(document.contents);
    return line ? `${file}:${line}` : file;
  };
  const parsed = configSchema(steps).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') path.push(String(issue.keys[0]));
    const message = issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message;
    throw new InputError(`${where(path)}: ${path.join('.') || '(top level)'}: ${message}`);
  }
  const data = parsed.data as Record<string, unknown>;
  const shared = Object.fromEntries(
    sharedSettings.filter((setting) => data[setting.name] !== undefined).map((s) => [s.name, data[s.name]]),
  );
  return { file, sections: data as LoadedConfig['sections'], shared, where };
}
