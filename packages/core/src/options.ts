import type * as z from 'zod';
import { InputError } from './errors';

/**
 * A step's options are declared once, as its zod input schema (camelCase keys, each `.describe()`d).
 * Everything users see is derived from it: CLI flags and mlci.yaml keys (kebab-case), action inputs,
 * the JSON Schema for editors, and the docs' reference tables.
 */
export type OptionKind = 'string' | 'number' | 'boolean' | 'list' | 'enum';

export interface OptionSpec {
  /** Key in the step's input object (camelCase). */
  key: string;
  /** Flag, mlci.yaml key and action input name (kebab-case). */
  name: string;
  kind: OptionKind;
  description: string;
  required: boolean;
  defaultValue?: unknown;
  choices?: readonly string[];
}

export function kebabCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

interface Unwrapped {
  inner: z.ZodType;
  required: boolean;
  defaultValue?: unknown;
}

function unwrap(schema: z.ZodType): Unwrapped {
  let inner = schema;
  let required = true;
  let defaultValue: unknown;
  for (;;) {
    const def = inner._zod.def as { type: string; innerType?: z.ZodType; defaultValue?: unknown };
    if (def.type === 'optional' && def.innerType) {
      required = false;
      inner = def.innerType;
    } else if (def.type === 'default' && def.innerType) {
      required = false;
      defaultValue = def.defaultValue;
      inner = def.innerType;
    } else {
      return { inner, required, defaultValue };
    }
  }
}

function kindOf(key: string, schema: z.ZodType): { kind: OptionKind; choices?: readonly string[] } {
  const def = schema._zod.def as { type: string; element?: z.ZodType; entries?: Record<string, string> };
  switch (def.type) {
    case 'string':
      return { kind: 'string' };
    case 'number':
    case 'int':
      return { kind: 'number' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'enum':
      return { kind: 'enum', choices: Object.values(def.entries ?? {}) };
    case 'array':
      return { kind: 'list' };
    default:
      throw new Error(`option ${key}: unsupported zod type ${def.type}`);
  }
}

export function optionsOf(schema: z.ZodObject): OptionSpec[] {
  return Object.entries(schema.shape).map(([key, field]) => {
    const { inner, required, defaultValue } = unwrap(field as z.ZodType);
    const description = (field as z.ZodType).description ?? inner.description;
    if (!description) throw new Error(`option ${key} has no description`);
    return {
      key,
      name: kebabCase(key),
      ...kindOf(key, inner),
      description,
      required,
      ...(defaultValue === undefined ? {} : { defaultValue }),
    };
  });
}

/**
 * Turns the text of an action input or environment value into the option's type.
 * Lists take one item per line (the GitHub Actions convention for multi-value inputs).
 */
export function coerceOptionText(spec: OptionSpec, text: string, source: string): unknown {
  switch (spec.kind) {
    case 'boolean': {
      const value = text.trim().toLowerCase();
      if (['true', 'yes', '1', 'on'].includes(value)) return true;
      if (['false', 'no', '0', 'off', ''].includes(value)) return false;
      throw new InputError(`${source}: expected true or false, got "${text}"`);
    }
    case 'number': {
      const value = Number(text.trim());
      if (text.trim() === '' || !Number.isFinite(value))
        throw new InputError(`${source}: expected a number, got "${text}"`);
      return value;
    }
    case 'list':
      return text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '');
    default:
      return text;
  }
}
