import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isMap, LineCounter, parseDocument } from 'yaml';
import * as z from 'zod';
import { InputError } from './errors';
import { optionsOf } from './options';
import type { StepDefinition } from './step';

export const defaultConfigFile = 'mlci.yaml';

/** The mlci.yaml schema: one optional section per step, its keys the step's kebab-case option names. */
export function configSchema(steps: readonly StepDefinition[]): z.ZodObject {
  const sections: Record<string, z.ZodType> = {};
  for (const step of steps) {
    const fields: Record<string, z.ZodType> = {};
    for (const spec of optionsOf(step.input)) {
      const field = step.input.shape[spec.key] as z.ZodType;
      // Every key is optional in the file: a flag may supply it. Defaults apply after merging.
      fields[spec.name] = unwrapDefault(field).optional().describe(spec.description);
    }
    sections[step.name] = z.object(fields).strict().optional().describe(step.summary);
  }
  return z
    .object({ version: z.literal(1).optional().describe('Version of the mlci.yaml format.'), ...sections })
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
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    if (explicit === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(
      `${file}: cannot read config file (${(error as NodeJS.ErrnoException).code ?? error})`,
    );
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const [syntaxError] = document.errors;
  if (syntaxError) {
    const line = lineCounter.linePos(syntaxError.pos[0]).line;
    throw new InputError(`${file}:${line}: invalid YAML: ${syntaxError.message.split('\n')[0]}`);
  }
  const value = document.toJS() ?? {};
  const parsed = configSchema(steps).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') path.push(String(issue.keys[0]));
    const node = isMap(document.contents) ? document.getIn(path, true) : undefined;
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    const where = range ? `:${lineCounter.linePos(range[0]).line}` : '';
    const message = issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message;
    throw new InputError(`${file}${where}: ${path.join('.') || '(top level)'}: ${message}`);
  }
  return { file, sections: parsed.data as LoadedConfig['sections'] };
}
