import { symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { InputError } from '../errors';
import { makeScratchDirectory, type ScratchDirectory } from './scratch';

/**
 * Characters that make DuckDB's file readers (read_csv, read_json, read_parquet) treat a path as a pattern:
 * `*`, `?` and `[...]` are expanded today (`a[b].csv` reads `ab.csv`, `x*.csv` every match); `{}` and a
 * backslash (an escape in glob syntax elsewhere) are counted too, so a later DuckDB that adds them changes
 * nothing. On Windows the backslash is the separator and stays plain.
 */
const patternCharacters = process.platform === 'win32' ? /[*?[\]{}]/ : /[*?[\]{}\\]/;

/** Whether DuckDB would read `path` as written, not expand it. */
export function isLiteralForDuckDB(path: string): boolean {
  return !patternCharacters.test(path);
}

/**
 * Paths to hand to DuckDB that name exactly one file, read literally. A path DuckDB would expand is replaced
 * by a symbolic link with a plain name in a private directory (mkdtemp, mode 0700) pointing at the file: DuckDB
 * opens the link, the system follows it to the very file the user named, and no glob is involved. Escaping
 * (`[*]`) is not used: it still makes DuckDB list the directory and depends on its glob dialect.
 */
export interface LiteralPaths {
  /** The path DuckDB is to read for the file at `path` (absolute); `file` is the name the user gave, for messages. */
  pathFor(path: string, file: string): Promise<string>;
  /** Removes the links (never the files they point at). */
  dispose(): Promise<void>;
}

export function literalPaths(): LiteralPaths {
  let directory: Promise<ScratchDirectory> | undefined;
  let count = 0;
  return {
    async pathFor(path, file) {
      if (isLiteralForDuckDB(path)) return path;
      directory ??= makeScratchDirectory(join(tmpdir(), 'mlci-data-'));
      const { path: dir } = await directory.catch((error: NodeJS.ErrnoException) => {
        throw new InputError(
          `${file}: the path holds characters DuckDB reads as a pattern (* ? [ ] { }) and no private directory for a link to it can be made in ${tmpdir()} (${error.code ?? 'error'}); rename the file or set TMPDIR`,
        );
      });
      if (!isLiteralForDuckDB(dir)) {
        throw new InputError(
          `${file}: the path holds characters DuckDB reads as a pattern (* ? [ ] { }) and so does the temporary directory ${dir}; rename the file or set TMPDIR to a plain directory`,
        );
      }
      // The extensions stay: DuckDB decides compression (.gz, .zst) from the name.
      const extensions = /(\.[A-Za-z0-9]+)*$/.exec(basename(path))?.[0] ?? '';
      const link = join(dir, `file-${++count}${extensions}`);
      try {
        await symlink(path, link, 'file');
      } catch (error) {
        throw new InputError(
          `${file}: the path holds characters DuckDB reads as a pattern (* ? [ ] { }) and a link to read it literally cannot be made (${(error as NodeJS.ErrnoException).code ?? 'error'}); rename the file`,
        );
      }
      return link;
    },
    async dispose() {
      await (await directory?.catch(() => undefined))?.remove();
    },
  };
}
