export interface RetryPolicy {
  /** Further attempts after the first (default 2). */
  retries?: number;
  /** Wait before the first retry, doubled for each further one (default 1 s). */
  delayMs?: number;
}

/**
 * Runs a request again while it fails in a way that may pass (server errors, rate limits, network):
 * the one retry loop for every outside service mlci talks to.
 */
export async function withRetries<T>(
  request: () => Promise<T>,
  isTransient: (error: unknown) => boolean,
  policy: RetryPolicy = {},
  onRetry?: (error: unknown, attempt: number) => void,
): Promise<T> {
  const retries = policy.retries ?? 2;
  const delayMs = policy.delayMs ?? 1000;
  for (let attempt = 0; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      if (attempt >= retries || !isTransient(error)) throw error;
      onRetry?.(error, attempt + 1);
      await new Promise((resolve) => setTimeout(resolve, delayMs * 2 ** attempt));
    }
  }
}
