import { InputError, ServiceError } from '../errors';

/**
 * Deepest nesting of arrays and objects mlci accepts in any JSON it parses. JSON.parse itself copes with any
 * depth, but every recursive walk after it (JSON.stringify, zod, flattening) overflows the stack near ten
 * thousand levels; no file or answer mlci reads comes near a hundred.
 */
export const maxJsonDepth = 1000;

/**
 * Parses JSON from a file or a server, `source` naming it in errors (`metrics.json`, `registry.example.com`).
 * Bad JSON, or JSON nested deeper than maxJsonDepth, is an InputError (exit 2), or a ServiceError (exit 3)
 * when `from` is 'service': a server's answer is not the user's to fix.
 */
export function parseJson(
  text: string | Uint8Array,
  source: string,
  from: 'input' | 'service' = 'input',
): unknown {
  const json = typeof text === 'string' ? text : Buffer.from(text).toString('utf8');
  const fail = (why: string, line?: number): never => {
    // A server's answer has no lines the user could open.
    if (from === 'service') throw new ServiceError(`${source}: ${why}`);
    throw new InputError(`${source}${line === undefined ? '' : `:${line}`}: ${why}`);
  };
  const tooDeep = depthBeyondLimit(json);
  if (tooDeep !== undefined) fail(`JSON nested deeper than ${maxJsonDepth} levels`, tooDeep);
  try {
    return JSON.parse(json) as unknown;
  } catch (error) {
    return fail(`invalid JSON: ${(error as Error).message}`);
  }
}

/** The line where nesting first passes maxJsonDepth, or undefined. One pass, strings skipped. */
function depthBeyondLimit(json: string): number | undefined {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < json.length; index++) {
    const char = json.charCodeAt(index);
    if (inString) {
      if (char === 0x5c /* \ */) index++;
      else if (char === 0x22 /* " */) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b /* [ */ || char === 0x7b /* { */) {
      if (++depth > maxJsonDepth) return json.slice(0, index).split('\n').length;
    } else if (char === 0x5d /* ] */ || char === 0x7d /* } */) depth--;
  }
  return undefined;
}
