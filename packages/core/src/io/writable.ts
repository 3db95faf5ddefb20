import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { InputError } from '../errors';

/**
 * Refuses, before a step runs, a directory it will write into but cannot: a file where the directory or one
 * of its parents should be, or a place it may not write (read-only, no permission). Creates nothing. `shown`
 * names the option (`--out`), `path` is as the user gave it, relative to `cwd`.
 */
export async function checkWritableDirectory(cwd: string, path: string, shown: string): Promise<void> {
  const absolute = resolve(cwd, path);
  const display = (place: string) => {
    const inside = relative(cwd, place);
    return place === absolute ? path : inside === '' ? '.' : inside.startsWith('..') ? place : inside;
  };
  let existing = absolute;
  for (;;) {
    const found = await stat(existing).catch((error: NodeJS.ErrnoException) => {
      // Not there yet (ENOENT), or under a file (ENOTDIR: the file is found on the way up).
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
      throw new InputError(`${shown}: cannot use ${path} (${error.code ?? error.message})`);
    });
    if (found) {
      if (!found.isDirectory())
        throw new InputError(
          `${shown}: ${display(existing)}${existing === absolute ? '' : ` (in ${path})`} is a file, not a directory`,
        );
      break;
    }
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  // The nearest directory that exists is where the first write lands (the rest is created under it).
  await access(existing, constants.W_OK).catch((error: NodeJS.ErrnoException) => {
    const why = error.code === 'EROFS' ? 'a read-only file system' : 'permission denied';
    throw new InputError(`${shown}: cannot write into ${display(existing)}: ${why} (${error.code})`);
  });
}
