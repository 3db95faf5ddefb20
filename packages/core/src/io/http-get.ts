import { ServiceError } from '../errors';
import { isNetworkError, networkReason } from '../oci/http';
import { type RetryPolicy, withRetries } from './retry';

export interface HttpGetOptions {
  /** Sent to the URL's own origin only: a redirect elsewhere (object storage) goes without them. */
  credentials?: Record<string, string>;
  headers?: Record<string, string>;
  /** Names the service in errors: `GitHub`, `GitLab`. */
  service: string;
  retry?: RetryPolicy;
  /** Per attempt. */
  timeoutMs?: number;
  /** The largest body accepted, in bytes. */
  maxBytes?: number;
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
    const length = Number(response.headers.get('content-length') ?? Number.NaN);
    const limit = options.maxBytes ?? Number.POSITIVE_INFINITY;
    if (length > limit) {
      await response.body?.cancel().catch(() => undefined);
      throw new ServiceError(
        `${options.service}: ${redacted(current)} is ${length} bytes, more than ${limit}`,
      );
    }
    const body = await readLimited(response, limit, () => {
      throw new ServiceError(`${options.service}: ${redacted(current)} is over ${limit} bytes`);
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

/** The body, stopping as soon as it passes the limit (a chunked answer has no length to check first). */
async function readLimited(response: Response, limit: number, tooLarge: () => never): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > limit) {
      await response.body.cancel().catch(() => undefined);
      tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
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
