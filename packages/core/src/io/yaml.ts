import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { InputError } from '../errors';
import { maxJsonDepth } from './json';

/**
 * Most alias uses (`*name`) a YAML file may expand. A "billion laughs" file nests aliases of aliases until
 * expanding them takes all memory; real configs use a handful.
 */
export const maxYamlAliases = 100;

export interface ParsedYaml {
  document: Document.Parsed;
  /** The file's content as plain values (maps as objects). */
  value: unknown;
  /** The 1-based line a node starts on, when it has a position. */
  lineOf(node: unknown): number | undefined;
}

/**
 * Parses a YAML file the user gave (mlci.yaml, a schema, a params file): duplicate keys refused, aliases and
 * nesting bounded. Every error is an InputError naming `file` and, where the parser knows it, the line.
 */
export function parseYamlFile(
  text: string,
  file: string,
  options: { intAsBigInt?: boolean } = {},
): ParsedYaml {
  const lineCounter = new LineCounter();
  const lineOf = (node: unknown): number | undefined => {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : undefined;
  };
  let document: Document.Parsed;
  try {
    document = parseDocument(text, {
      lineCounter,
      prettyErrors: false,
      // Checked below in one pass: the library compares each key with every earlier one of its map, which took
      // seconds for a schema of 5,000 columns.
      uniqueKeys: false,
      ...(options.intAsBigInt ? { intAsBigInt: true } : {}),
    });
  } catch (error) {
    // The parser recurses on nesting: a deep enough file overflows the stack before it can report an error.
    throw new InputError(`${file}: cannot parse as YAML: ${(error as Error).message}`);
  }
  const [syntaxError] = document.errors;
  // The parser recurses on nesting and reports the stack overflow as the file's error.
  if (syntaxError && /call stack/i.test(syntaxError.message))
    throw new InputError(`${file}: YAML nested too deeply to read (over ${maxJsonDepth} levels)`);
  if (syntaxError) {
    const line = lineCounter.linePos(syntaxError.pos[0]).line;
    throw new InputError(`${file}:${line}: invalid YAML: ${syntaxError.message.split('\n')[0]}`);
  }
  const duplicate = firstDuplicateKey(document.contents);
  if (duplicate)
    throw new InputError(`${file}:${lineOf(duplicate) ?? 1}: invalid YAML: Map keys must be unique`);
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: maxYamlAliases });
  } catch (error) {
    if (/alias/i.test((error as Error).message))
      throw new InputError(
        `${file}: YAML aliases expand beyond ${maxYamlAliases} uses (a "billion laughs" file): write the values out`,
      );
    throw new InputError(`${file}: cannot read as YAML: ${(error as Error).message}`);
  }
  if (deeperThan(value, maxJsonDepth))
    throw new InputError(`${file}: YAML nested deeper than ${maxJsonDepth} levels`);
  return { document, value, lineOf };
}

/** Whether a plain value nests deeper than `limit`, walked without recursion. */
function deeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(node)) pending.push([child, depth + 1]);
  }
  return false;
}

/**
 * The first scalar key that repeats an earlier key of its map, as the yaml library's `uniqueKeys` finds it but in
 * one pass (a Set per map), walked without recursion.
 */
function firstDuplicateKey(root: unknown): Node | undefined {
  const pending: unknown[] = [root];
  for (let node = pending.pop(); node !== undefined || pending.length > 0; node = pending.pop()) {
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (isScalar(key)) {
          if (seen.has(key.value)) return key;
          seen.add(key.value);
        }
      }
      // Inner maps after this one's keys, in document order: the stack takes them reversed.
      for (const pair of [...node.items].reverse()) pending.push(pair.value);
    } else if (isSeq(node)) for (const item of [...node.items].reverse()) pending.push(item);
  }
  return undefined;
}
