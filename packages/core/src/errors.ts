import { maskUriCredentials } from './report/mask-uri';

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
