import {
  bodyLimits,
  CommentPermissionError,
  firstLine,
  isNetworkError,
  networkReason,
  readBody,
  ServiceError,
  withRetries,
} from '@mlci/core';

/**
 * Bitbucket's REST calls for the sticky comment, on Data Center (REST 1.0) and Cloud (API 2.0): JSON in and
 * out, every answer read bounded (bodyLimits.json, within the per-request deadline), transient failures tried
 * again, and errors that say what failed where without the token.
 */

export interface BitbucketRetryOptions {
  /** Attempts after the first for server errors, rate limits and network failures (default 2). */
  retries?: number;
  /** Wait before the first retry, doubled for each further one (default 1 s). */
  retryDelayMs?: number;
  /** Per request, headers and body (default 30 s): a hung Bitbucket cannot stall the job. */
  timeoutMs?: number;
}

/** A call Bitbucket answered with an error status (after retries for 5xx and 429), or could not be made. */
export class BitbucketApiError extends ServiceError {
  constructor(
    message: string,
    /** The HTTP status; undefined when Bitbucket could not be reached. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BitbucketApiError';
  }
}

export interface BitbucketAnswer {
  status: number;
  headers: Headers;
  json: unknown;
}

/**
 * The Authorization header a token string stands for: `user:secret` (a Bitbucket Cloud username or e-mail with
 * an app password or API token; a Data Center username with a password or token) is Basic, anything else
 * (a Data Center HTTP access token, a Cloud repository, project or workspace access token) is Bearer. Bitbucket's
 * tokens hold no colon, so the colon tells the two apart.
 */
export function authorizationOf(token: string): {
  header: string;
  scheme: 'basic' | 'bearer';
  secret: string;
} {
  const colon = token.indexOf(':');
  if (colon > 0) {
    return {
      header: `Basic ${Buffer.from(token).toString('base64')}`,
      scheme: 'basic',
      secret: token.slice(colon + 1),
    };
  }
  return { header: `Bearer ${token}`, scheme: 'bearer', secret: token };
}

/** Statuses that may pass on a later attempt. */
function isTransientStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

/** One Bitbucket (its REST root) and one token. */
export class BitbucketClient {
  private readonly authorization: ReturnType<typeof authorizationOf>;
  private readonly origin: string;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private readonly timeoutMs: number;

  constructor(
    /** Names the service in messages: `Bitbucket Data Center`, `Bitbucket Cloud`. */
    readonly service: string,
    /** The REST root every call is under; a URL on another origin is never sent the token. */
    readonly apiUrl: string,
    token: string,
    options: BitbucketRetryOptions = {},
  ) {
    this.authorization = authorizationOf(token);
    this.origin = new URL(apiUrl).origin;
    this.retries = options.retries ?? 2;
    this.retryDelayMs = options.retryDelayMs ?? 1_000;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  get scheme(): 'basic' | 'bearer' {
    return this.authorization.scheme;
  }

  /** Whether a URL Bitbucket handed out (a `next` page) is on the API's own origin, where the token may go. */
  sameOrigin(url: string): boolean {
    try {
      return new URL(url).origin === this.origin;
    } catch {
      return false;
    }
  }

  /**
   * The answer to one call, 2xx and every 4xx alike (the caller reads 401, 403, 404 and 409); 5xx, 429 and
   * network failures are tried again, then thrown as BitbucketApiError.
   */
  async call(method: string, url: string, body?: unknown): Promise<BitbucketAnswer> {
    if (!this.sameOrigin(url))
      throw new BitbucketApiError(
        `${this.service}: refusing to send the token to ${shown(url)}, off ${this.origin}`,
      );
    let attempts = 0;
    try {
      return await withRetries(
        async () => {
          attempts++;
          const answer = await this.once(method, url, body);
          if (isTransientStatus(answer.status)) throw this.failure(method, url, answer);
          return answer;
        },
        (error) =>
          (error instanceof BitbucketApiError &&
            error.status !== undefined &&
            isTransientStatus(error.status)) ||
          isNetworkError(error),
        { retries: this.retries, delayMs: this.retryDelayMs },
      );
    } catch (error) {
      const tries = attempts > 1 ? ` (after ${attempts} attempts)` : '';
      if (error instanceof BitbucketApiError)
        throw new BitbucketApiError(`${error.message}${tries}`, error.status, { cause: error });
      if (isNetworkError(error))
        throw new BitbucketApiError(
          `cannot reach ${this.service} at ${shown(url)}: ${networkReason(error)}${tries}`,
          undefined,
          { cause: error },
        );
      throw error;
    }
  }

  /** The error for an answer the caller does not expect, with Bitbucket's own first message. */
  failure(method: string, url: string, answer: BitbucketAnswer): BitbucketApiError {
    const said = this.mask(errorMessageOf(answer.json));
    return new BitbucketApiError(
      `${this.service} answered ${answer.status} to ${method} ${shown(url)}${said ? `: ${said}` : ''}`,
      answer.status,
    );
  }

  /** Text from Bitbucket with the token's secret masked, should a server echo it back. */
  mask(text: string): string {
    return this.authorization.secret.length > 0 ? text.split(this.authorization.secret).join('***') : text;
  }

  private async once(method: string, url: string, body: unknown): Promise<BitbucketAnswer> {
    const started = Date.now();
    const response = await fetch(url, {
      method,
      // A redirect is not followed: fetch would carry the Authorization header along, and a POST would be lost.
      redirect: 'manual',
      headers: {
        authorization: this.authorization.header,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const what = `${this.service}: ${method} ${shown(url)}`;
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      throw new BitbucketApiError(
        `${what} was redirected${location ? ` to ${shown(new URL(location, url).toString())}` : ''}: set the Bitbucket URL to where it leads`,
        response.status,
      );
    }
    const bytes = await readBody(response, {
      maxBytes: response.ok ? bodyLimits.json : bodyLimits.error,
      deadlineMs: Math.max(1, this.timeoutMs - (Date.now() - started)),
      what,
    });
    let json: unknown;
    const text = bytes.toString('utf8');
    try {
      json = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      if (response.ok) throw new BitbucketApiError(`${what}: the answer is not JSON`, response.status);
      json = undefined;
    }
    return { status: response.status, headers: response.headers, json };
  }
}

/** Bitbucket's error text: Data Center `{errors:[{message}]}`, Cloud `{type:'error', error:{message}}`. */
function errorMessageOf(json: unknown): string {
  const record = json as
    | { errors?: { message?: unknown }[]; error?: { message?: unknown }; message?: unknown }
    | undefined;
  const message = record?.errors?.[0]?.message ?? record?.error?.message ?? record?.message;
  return typeof message === 'string' ? firstLine(message).slice(0, 200) : '';
}

/** A URL for messages: without its query. */
function shown(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(an invalid URL)';
  }
}

/**
 * A write refused for the token's rights becomes CommentPermissionError: 403, and 401, which Data Center answers
 * for a token without the permission as well as for a bad one (and Cloud for a token without the scope).
 */
export function permissionError(error: unknown): unknown {
  if (!(error instanceof BitbucketApiError) || (error.status !== 401 && error.status !== 403)) return error;
  // The status stays on the error: publishStickyComment's warning names it.
  return Object.assign(new CommentPermissionError(error.message, { cause: error }), { status: error.status });
}
