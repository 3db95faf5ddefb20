/** An HTTP answer from a registry or its token service that the request did not expect. */
export class RegistryStatusError extends Error {
  constructor(
    readonly status: number,
    /** The OCI error code (`BLOB_UNKNOWN`, `DENIED`, …) when the body had one. */
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'RegistryStatusError';
  }
}

/** Worth another attempt: the network, a server error or a rate limit (the cases withRetries is for). */
export function isTransient(error: unknown): boolean {
  if (error instanceof RegistryStatusError) return error.status >= 500 || error.status === 429;
  return isNetworkError(error);
}

/**
 * fetch rejects with a TypeError ("fetch failed", or "terminated" while a body streams) whose cause is the
 * socket error; other TypeErrors are bugs and must not be retried. Compared by name: fetch's errors may
 * come from another realm (a vm context) where instanceof fails.
 */
export function isNetworkError(error: unknown): boolean {
  const name = (error as { name?: unknown })?.name;
  const message = (error as { message?: unknown })?.message;
  if (name === 'TypeError') return message === 'fetch failed' || message === 'terminated';
  const code = (error as { code?: unknown })?.code;
  return (
    name === 'TimeoutError' || (typeof code === 'string' && /^(ECONN|EPIPE|ETIMEDOUT|UND_ERR_)/.test(code))
  );
}

/** A one-line reason for a network failure: the socket error code when there is one. */
export function networkReason(error: unknown): string {
  if ((error as { name?: unknown })?.name === 'TimeoutError') return (error as Error).message;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message.split('\n')[0] as string;
  return (error as Error)?.message ?? String(error);
}

/** Reads an OCI error body (`{"errors":[{"code","message"}]}`) for the one-line message, if there is one. */
export async function statusError(response: Response, what: string): Promise<RegistryStatusError> {
  let code: string | undefined;
  let detail = '';
  try {
    const text = await response.text();
    const parsed = JSON.parse(text) as { errors?: { code?: string; message?: string }[] };
    const first = parsed.errors?.[0];
    if (first) {
      code = first.code;
      detail = `${first.code ?? ''}${first.message ? `: ${first.message}` : ''}`;
    }
  } catch {
    // Not JSON (a proxy's HTML page): the status says enough.
  }
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return new RegistryStatusError(response.status, code, `${what}: ${status}${detail ? ` (${detail})` : ''}`);
}

/** Frees the connection of a response whose body is not needed. */
export async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // Already consumed or closed.
  }
}
