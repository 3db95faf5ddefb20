import { realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import { InputError } from '../errors';
import { shownPath } from '../report/shown-path';

/**
 * Guards against the two ways a step could destroy what the user has: replacing a directory that holds
 * something kept (the repository, mlci's state, an input), and writing a file that is also read (`cp a a`).
 * Paths are compared as the file system sees them: symbolic links and `..` resolved, hard links by inode.
 */

/** A path the user gave, with the option that gave it (kebab-case, as the step's errors name options). */
export interface NamedPath {
  option: string;
  /** As given, relative to the working directory or absolute. */
  path: string;
}

/** Something a directory replacement must leave alone, with what to call it in the error. */
export interface KeptPath {
  /** Absolute or relative to the working directory. */
  path: string;
  /** `the git repository`, `the input`, `the registry`. */
  what: string;
  /** The option that named it, if one did: shown after the path. */
  option?: string;
  /** Nothing inside it may be replaced either (a store mlci or git manages), not only it and its parents. */
  whole?: boolean;
}

/**
 * The real path of `path` (absolute), also when it does not exist yet: the deepest existing ancestor is
 * resolved and the rest appended, so a new directory under a symbolic link compares as where it will be.
 */
export async function realPathOf(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    if (parent === path) return path;
    return join(await realPathOf(parent), basename(path));
  }
}

/** `path` is `root` or inside it (both real, absolute). */
export function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * The directory a pattern reads from: the pattern itself for a path, the part before the first glob
 * character for a glob (`src/**\/*.py` reads under `src`).
 */
export function patternBase(pattern: string): string {
  if (!isDynamicPattern(pattern)) return pattern;
  const parts = pattern.split('/');
  const literal: string[] = [];
  for (const part of parts) {
    if (isDynamicPattern(part)) break;
    literal.push(part);
  }
  return literal.length === 0 ? '.' : literal.join('/') || '/';
}

/**
 * Refuses a directory that a step replaces wholesale (train's outputs: moved aside, emptied, swapped for a
 * cache entry) when it is, contains, or (for `whole` ones) lies inside anything kept: the working directory,
 * the home directory and `/` always, and the paths given. Exit 2, naming the option and both paths.
 */
export async function refuseReplacingKept(
  target: NamedPath,
  kept: readonly KeptPath[],
  cwd: string,
): Promise<void> {
  const realTarget = await realPathOf(resolve(cwd, target.path));
  const always: KeptPath[] = [
    { path: '/', what: 'the root directory' },
    { path: homedir(), what: 'your home directory' },
    { path: cwd, what: 'the working directory' },
  ];
  for (const each of [...always, ...kept]) {
    const realKept = await realPathOf(resolve(cwd, each.path));
    const relation =
      realTarget === realKept
        ? 'is'
        : isWithin(realTarget, realKept)
          ? 'contains'
          : each.whole && isWithin(realKept, realTarget)
            ? 'is inside'
            : undefined;
    if (relation === undefined) continue;
    const shownKept = shownPath(cwd, each.path);
    const named = `${shownKept === shownPath(cwd, target.path) ? each.what : `${each.what} '${shownKept}'`}${
      each.option ? ` (${each.option})` : ''
    }`;
    throw new InputError(
      `${target.option}: '${shownPath(cwd, target.path)}' ${relation} ${named}, and it is replaced on every run: give a directory of its own`,
    );
  }
}

/**
 * Refuses writing a file that is also read, as `cp a a` does, or writing one file for two options: same file
 * by device and inode (a hard link or a symbolic link to it counts), or by real path when the file does not
 * exist yet. Exit 2 naming both options. A read path that does not exist is left to the reader to report.
 */
export async function refuseSameFile(
  writes: readonly NamedPath[],
  reads: readonly NamedPath[],
  cwd: string,
): Promise<void> {
  const identify = async (named: NamedPath) => {
    const absolute = resolve(cwd, named.path);
    const stats = await stat(absolute).catch(() => undefined);
    return { named, real: await realPathOf(absolute), id: stats ? `${stats.dev}:${stats.ino}` : undefined };
  };
  type Identified = Awaited<ReturnType<typeof identify>>;
  const same = (a: Identified, b: Identified) =>
    a.id !== undefined && b.id !== undefined ? a.id === b.id : a.real === b.real;
  const message = (write: Identified, other: Identified, consequence: string) => {
    const shownWrite = shownPath(cwd, write.named.path);
    const shownOther = shownPath(cwd, other.named.path);
    return `${write.named.option}: '${shownWrite}' is the same file as ${other.named.option}${
      shownOther === shownWrite ? '' : ` '${shownOther}'`
    }: ${consequence}`;
  };
  const readIds = await Promise.all(reads.map(identify));
  const writeIds = await Promise.all(writes.map(identify));
  for (const [index, write] of writeIds.entries()) {
    for (const read of readIds)
      if (same(write, read))
        throw new InputError(
          message(
            write,
            read,
            "mlci would overwrite what it reads (as cp refuses 'cp a a'); write to another file",
          ),
        );
    for (const other of writeIds.slice(0, index))
      if (other.named.option !== write.named.option && same(write, other))
        throw new InputError(message(write, other, 'one would overwrite the other; give each its own file'));
  }
}
