import { bytesDigest } from '../../io/digest';
import type { CacheKeyPart } from './input';

export interface CacheKeyMaterial {
  command: string;
  inputsDigest: string;
  /** Where the outputs go is always part of the key: a restore must land where this run would write. */
  outputs: string;
  params: Record<string, unknown>;
  variables: Record<string, string | null>;
  commit: string | null;
  /** The command's runtime as it can change the result (its Python and library versions); none when unknown. */
  runtime?: Record<string, unknown>;
}

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The run cache key: sha256 of the canonical JSON of the chosen parts. A part left out of `parts` is left
 * out of the text, so changing it cannot change the key. `v` versions the recipe itself.
 */
export function cacheKey(material: CacheKeyMaterial, parts: readonly CacheKeyPart[]): string {
  const chosen = new Set(parts);
  const text = canonicalJson({
    v: 1,
    outputs: material.outputs,
    command: chosen.has('command') ? material.command : undefined,
    inputs: chosen.has('inputs') ? material.inputsDigest : undefined,
    params: chosen.has('params') ? material.params : undefined,
    env: chosen.has('env') ? material.variables : undefined,
    commit: chosen.has('commit') ? material.commit : undefined,
    // Left out when unknown, so a command without Python keeps the key it had before runtimes were counted.
    runtime: chosen.has('runtime') ? material.runtime : undefined,
  });
  return bytesDigest(text);
}
