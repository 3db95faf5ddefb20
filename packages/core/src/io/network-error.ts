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
  if ((error as { name?: unknown })?.name === 'TimeoutError') {
    const message = (error as Error).message;
    // AbortSignal.timeout's own message says less than the deadlines mlci words itself.
    return /aborted due to timeout/.test(message) ? 'no answer in time' : message;
  }
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message.split('\n')[0] as string;
  return (error as Error)?.message ?? String(error);
}
