import { resolve } from 'node:path';
import { InputError } from '../../errors';
import { parseJson } from '../../io/json';
import { readInputFile } from '../../io/read-input';
import { parseYamlFile } from '../../io/yaml';
import { metricValue } from '../../metrics/names';
import { getOwn, setOwn } from '../../own-keys';

export type Params = Record<string, unknown>;

/**
 * The run's parameters: the params file (YAML or JSON, which is YAML) with each `--param KEY=VALUE` on top.
 * Dotted keys reach into nested objects (`model.lr=0.1`), as in DVC and Hydra overrides.
 */
export async function loadParams(
  file: string | undefined,
  overrides: readonly string[],
  options: { cwd: string; fileOption: string; paramOption: string },
): Promise<Params> {
  const params: Params = file === undefined ? {} : await readParamsFile(resolve(options.cwd, file), file);
  for (const override of overrides) {
    const equals = override.indexOf('=');
    const key = override.slice(0, equals);
    if (equals <= 0 || key.split('.').some((part) => part === ''))
      throw new InputError(`${options.paramOption}: expected KEY=VALUE, got '${override}'`);
    setPath(params, key.split('.'), parseScalar(override.slice(equals + 1)));
  }
  return params;
}

async function readParamsFile(path: string, shown: string): Promise<Params> {
  let text: string;
  try {
    text = (await readInputFile(path, shown)).toString('utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${shown}: cannot read the params file (${(error as NodeJS.ErrnoException).code})`);
  }
  const { value } = parseYamlFile(text, shown);
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new InputError(`${shown}: expected a mapping of parameter names to values`);
  return value as Params;
}

/** `0.1` is a number, `true` a boolean, `[1, 2]` a list, anything else the text itself. */
function parseScalar(text: string): unknown {
  try {
    // The same bounded parser as the files: a value that is not YAML, or a hostile one, stays text.
    const { value } = parseYamlFile(text, 'param');
    return value === null && text.trim() !== 'null' && text.trim() !== '~' ? text : value;
  } catch {
    return text;
  }
}

/** Sets own properties only: `__proto__.x` and `constructor.prototype.y` are parameters like any other. */
function setPath(target: Params, path: string[], value: unknown): void {
  let node = target;
  for (const part of path.slice(0, -1)) {
    const next = getOwn(node, part);
    if (typeof next !== 'object' || next === null || Array.isArray(next)) setOwn(node, part, {});
    node = getOwn(node, part) as Params;
  }
  setOwn(node, path[path.length - 1] as string, value);
}

/** `model.learning-rate` -> `MLCI_PARAM_MODEL_LEARNING_RATE`. */
export function paramVariable(name: string): string {
  return `MLCI_PARAM_${name.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}`;
}

/**
 * Metrics the command wrote: a JSON object of numbers, nested objects flattened with dots.
 * Anything else is named with its key, so the user knows which value to fix.
 */
export function parseMetrics(text: string, shown: string): Record<string, number> {
  const value = parseJson(text, shown);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InputError(`${shown}: expected a JSON object of metric names to numbers`);
  const metrics: Record<string, number> = {};
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [key, entry] of Object.entries(node)) {
      const name = prefix ? `${prefix}.${key}` : key;
      if (typeof entry === 'object' && entry !== null && !Array.isArray(entry))
        walk(entry as Record<string, unknown>, name);
      else setOwn(metrics, name, metricValue(shown, name, entry));
    }
  };
  walk(value as Record<string, unknown>, '');
  return metrics;
}
