import { InputError } from '../errors';

/**
 * Flat string parameters, as MLflow params and environment variables need them: `{model: {depth: 3}}` becomes
 * `model.depth = "3"`. Arrays, numbers, booleans and null are JSON text; an empty object is `{}`. Two keys that
 * flatten to the same name are an InputError.
 */
export function flattenParams(params: Record<string, unknown>): Record<string, string> {
  const flat = new Map<string, string>();
  const visit = (prefix: string, value: unknown) => {
    if (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.keys(value).length > 0
    ) {
      for (const [key, child] of Object.entries(value))
        visit(prefix === '' ? key : `${prefix}.${key}`, child);
      return;
    }
    if (flat.has(prefix)) throw new InputError(`params: "${prefix}" is given twice (once as a nested key)`);
    flat.set(prefix, typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)));
  };
  for (const [key, value] of Object.entries(params)) visit(key, value);
  return Object.fromEntries(flat);
}
