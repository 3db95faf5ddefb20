import { isAbsolute, relative, sep } from 'node:path';

/** A path for a one-line message: control characters (a newline in a name) escaped as JSON does. */
export function displayPath(path: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping them is the point
  return /[\u0000-\u001f\u007f\\]/.test(path) ? JSON.stringify(path).slice(1, -1) : path;
}

/** A path as a message shows it: relative to the working directory `cwd` when inside it, escaped. */
export function shownPath(cwd: string, path: string): string {
  if (!isAbsolute(path)) return displayPath(path);
  const rel = relative(cwd, path);
  const inside = rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
  return displayPath(inside ? rel : path);
}
