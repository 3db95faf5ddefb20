import { ServiceError } from '../errors';
import { BodyLimitError, bodyLimits, readBody } from './bounded-body';
import { isNetworkError, networkReason } from './network-error';
import { type RetryPolicy, withRetries } from './retry';

export interface HttpGetOptions {
  /** Sent to the URL's own origin only: a redirect elsewhere (object storage) goes without them. */
  credentials?: Record<string, string>;
  headers?: Record<string, string>;
  /** Names the service in errors: `GitHub`, `GitLab`. */
  service: string;
  retry?: RetryPolicy;
  /** Per attempt, for the whole answer (headers and body). */
  timeoutMs?: number;
  /** The largest body accepted, in bytes (default bodyLimits.json: an API's JSON answer). */
  maxBytes?: number;
  /**
   * The error for a body over maxBytes, given the one-line reason; by default a ServiceError (exit 3). A
   * download that is the user's input (an artifact archive) is refused as such.
   */
  tooLarge?: (reason: string) => Error;
}

export interface HttpAnswer {
  status: number;
  statusText: string;
  /** Where the answer came from, after redirects (never holds credentials: they are headers). */
  url: string;
  headers: Headers;
  body: Buffer;
}

class TransientStatus extends Error {
  constructor(readonly answer: HttpAnswer) {
    super(`HTTP ${answer.status}`);
  }
}

const maxRedirects = 5;

/**
 * A GET to a CI's API, for JSON or archives. Network failures, 5xx and 429 are tried again, then become a
 * ServiceError (exit 3); other statuses are the caller's to read. Redirects are followed by hand, because
 * fetch keeps custom headers (PRIVATE-TOKEN) across origins: a token must never reach a storage host.
 */
export async function httpGet(url: string, options: HttpGetOptions): Promise<HttpAnswer> {
  let attempts = 0;
  try {
    return await withRetries(
      async () => {
        attempts++;
        const answer = await getOnce(url, options);
        if (answer.status >= 500 || answer.status === 429) throw new TransientStatus(answer);
        return answer;
      },
      (error) => error instanceof TransientStatus || isNetworkError(error),
      options.retry,
    );
  } catch (error) {
    const tries = attempts > 1 ? ` (after ${attempts} attempts)` : '';
    const where = redacted(url);
    if (error instanceof TransientStatus)
      throw new ServiceError(`${options.service} answered ${statusLine(error.answer)} for ${where}${tries}`);
    if (isNetworkError(error))
      throw new ServiceError(`cannot reach ${options.service} at ${where}: ${networkReason(error)}${tries}`, {
        cause: error,
      });
    throw error;
  }
}

async function getOnce(url: string, options: HttpGetOptions): Promise<HttpAnswer> {
  const origin = new URL(url).origin;
  let current = url;
  const started = Date.now();
  for (let hop = 0; ; hop++) {
    const sameOrigin = new URL(current).origin === origin;
    const response = await fetch(current, {
      redirect: 'manual',
      headers: { ...options.headers, ...(sameOrigin ? options.credentials : {}) },
      signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
    });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel().catch(() => undefined);
      if (hop >= maxRedirects)
        throw new ServiceError(
          `${options.service}: more than ${maxRedirects} redirects from ${redacted(url)}`,
        );
      current = new URL(location, current).toString();
      continue;
    }
    const timeoutMs = options.timeoutMs ?? 120_000;
    const body = await readBody(response, {
      maxBytes: options.maxBytes ?? bodyLimits.json,
      deadlineMs: Math.max(1, timeoutMs - (Date.now() - started)),
      what: `${options.service}: ${redacted(current)}`,
    }).catch((error: unknown) => {
      if (error instanceof BodyLimitError && error.reason === 'size' && options.tooLarge)
        throw options.tooLarge(error.message);
      throw error;
    });
    return {
      status: response.status,
      statusText: response.statusText,
      url: current,
      headers: response.headers,
      body,
    };
  }
}

/** `404 Not Found`, or just `404` when the server sent no reason phrase (HTTP/2). */
export function statusLine(answer: { status: number; statusText: string }): string {
  return answer.statusText ? `${answer.status} ${answer.statusText}` : String(answer.status);
}

/** A URL for messages: without its query, where signed storage URLs keep their signatures. */
export function redacted(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
