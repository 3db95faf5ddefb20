import { maskUriCredentials } from './report/mask-uri';
import { shownPath } from './report/shown-path';

/** Exit codes of every mlci step, on every platform. Documented in docs/exit-codes.md and `mlci --help`. */
export const ExitCode = {
  passed: 0,
  gateFailed: 1,
  usage: 2,
  service: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error the user can act on: its message is one line that names the file, field or line at fault.
 * Anything else that escapes a step is a bug and is reported as such.
 */
export class MlciError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** A bad flag, config field or input file: exit 2. */
export class InputError extends MlciError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.usage, options);
  }
}

/** An outside service (registry, CI API) failed after retries: exit 3. */
export class ServiceError extends MlciError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, ExitCode.service, options);
  }
}

/**
 * The first line of any thrown value, for one-line error output; the credentials of any URI in it masked
 * (report/mask-uri.ts), whichever message picked the URI up.
 */
export function firstLine(error: unknown): string {
  // Not `instanceof Error`: errors from native code or another realm (DuckDB, vm contexts) fail that test.
  const message =
    typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  const text = typeof message === 'string' ? message : String(error);
  return maskUriCredentials((text.split('\n').find((line) => line.trim() !== '') ?? text).trim());
}

/**
 * What a failed file operation on a path means to the user, by Node's error code. Full disks, descriptor
 * limits and I/O errors are the machine's (exit 3); the rest are about the path the user gave (exit 2).
 */
const fileSystemReasons: Record<string, { reason: string; exitCode: ExitCode }> = {
  ENOENT: { reason: 'no such file or directory', exitCode: ExitCode.usage },
  EACCES: { reason: 'permission denied', exitCode: ExitCode.usage },
  EPERM: { reason: 'operation not permitted', exitCode: ExitCode.usage },
  EROFS: { reason: 'read-only file system', exitCode: ExitCode.usage },
  EISDIR: { reason: 'is a directory', exitCode: ExitCode.usage },
  ENOTDIR: { reason: 'a part of the path is not a directory', exitCode: ExitCode.usage },
  EEXIST: { reason: 'something else already exists there', exitCode: ExitCode.usage },
  ENOTEMPTY: { reason: 'directory not empty', exitCode: ExitCode.usage },
  ENAMETOOLONG: { reason: 'name too long', exitCode: ExitCode.usage },
  ELOOP: { reason: 'too many levels of symbolic links', exitCode: ExitCode.usage },
  ENOSPC: { reason: 'no space left on the device', exitCode: ExitCode.service },
  EDQUOT: { reason: 'disk quota exceeded', exitCode: ExitCode.service },
  EFBIG: { reason: 'file too large for the file system', exitCode: ExitCode.service },
  EMFILE: { reason: 'too many open files (raise `ulimit -n`)', exitCode: ExitCode.service },
  ENFILE: { reason: 'too many open files in the system', exitCode: ExitCode.service },
  EIO: { reason: 'input/output error', exitCode: ExitCode.service },
};

const operations: Record<string, string> = {
  open: 'open',
  read: 'read',
  write: 'write',
  mkdir: 'create the directory',
  rename: 'move',
  copyfile: 'copy',
  cp: 'copy',
  rm: 'remove',
  rmdir: 'remove',
  unlink: 'remove',
  scandir: 'list',
  opendir: 'list',
  stat: 'inspect',
  lstat: 'inspect',
  access: 'use',
  symlink: 'create a link at',
  link: 'create a link at',
  chmod: 'change the mode of',
  utime: 'set the time of',
  fsync: 'write',
  ftruncate: 'write',
};

/**
 * A Node file-system error on a path (a full disk, a read-only place, a file where a directory belongs) as a
 * one-line MlciError naming the path: `path` when the caller knows the one the user would recognise (a target
 * rather than its temporary file), else the error's own, relative to the working directory when inside it.
 * Anything else (no errno code, no path, a code not listed above) is returned as it was, so a real bug still
 * surfaces as one.
 */
export function fileSystemError(error: unknown, shown?: string): unknown {
  if (error instanceof MlciError || typeof error !== 'object' || error === null) return error;
  const { code, syscall, path, dest } = error as NodeJS.ErrnoException & { dest?: string };
  const known = code === undefined ? undefined : fileSystemReasons[code];
  if (!known || (shown ?? path) === undefined) return error;
  const relative = (name: string) => shownPath(process.cwd(), name);
  const named = relative((shown ?? path) as string);
  const operation = (syscall && operations[syscall]) ?? syscall ?? 'use';
  const target =
    syscall === 'rename' && typeof dest === 'string' && shown === undefined ? ` to ${relative(dest)}` : '';
  const message = `${named}: cannot ${operation}${target}: ${known.reason} (${code})`;
  return known.exitCode === ExitCode.service
    ? new ServiceError(message, { cause: error })
    : new InputError(message, { cause: error });
}

/**
 * The error a front end reports for whatever escaped a step: an MlciError as it is, a file-system error on a
 * path as one (see fileSystemError), or undefined for anything else, which is a bug in mlci (exit 4).
 */
export function userError(error: unknown): MlciError | undefined {
  const mapped = fileSystemError(error);
  return mapped instanceof MlciError ? mapped : undefined;
}
