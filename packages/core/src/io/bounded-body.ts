// Every HTTP answer mlci reads into memory goes through readBody: a hostile or broken server (a huge
// Content-Length, an endless chunked body, a body that trickles a byte a second) must end in a one-line error
// within a known time and memory, never in memory exhaustion or a hung job.
import { ServiceError } from '../errors';
import { parseJson } from './json';

const mebibyte = 1024 * 1024;

/**
 * The most mlci reads into memory from one answer, by kind. As containers/image's iolimits: manifests 4 MiB
 * (MaxManifestBodySize, distribution's own limit on a manifest PUT), token and error answers 1 MiB. Other JSON
 * answers (a page of tags or repositories, a referrers index, an MLflow, GitHub or GitLab API answer) are a
 * few hundred kilobytes at most in practice (1,000 tags of 128 characters: 130 kB); 16 MiB leaves room for
 * a model version with many long tags without letting a server fill memory. A file mlci stored itself and
 * reads back whole (a run record, a file listing, an attachment: evaluate.json is kilobytes, a predictions
 * file of a million rows about 30 MB), and an entry of a CI artifact read as a baseline: 64 MiB.
 */
export const bodyLimits = {
  manifest: 4 * mebibyte,
  json: 16 * mebibyte,
  stored: 64 * mebibyte,
  token: mebibyte,
  error: mebibyte,
} as const;

/** How long the whole body may take once the headers arrived (a server that trickles bytes). */
export const defaultBodyDeadlineMs = 120_000;

export interface BodyBounds {
  /** Bytes; a larger declared Content-Length is refused unread, a longer body is cut off at this. */
  maxBytes: number;
  /** From the call on, for the whole body. */
  deadlineMs?: number;
  /** Names the answer in errors: `registry HOST, repository R: manifest latest`, a URL. */
  what: string;
}

/** An answer over its limit or past its deadline: the outside system's fault (exit 3), not retried. */
export class BodyLimitError extends ServiceError {
  constructor(
    message: string,
    /** Too many bytes, or too long a wait. */
    readonly reason: 'size' | 'time' = 'size',
  ) {
    super(message);
    this.name = 'BodyLimitError';
  }
}

/** `4 MiB`, `16 MiB`, `512 bytes`: a limit in the binary units limits are set in (markdown.ts formatBytes is for sizes). */
export function formatLimit(bytes: number): string {
  if (bytes >= mebibyte && bytes % mebibyte === 0) return `${bytes / mebibyte} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/**
 * The body of `response`, at most `maxBytes`, within the deadline. The declared Content-Length is checked
 * before anything is read; the bytes are counted as they come (a chunked answer declares nothing, and a
 * declared length may lie), and the stream is cancelled as soon as the count passes the limit.
 */
export async function readBody(response: Response, bounds: BodyBounds): Promise<Buffer> {
  const { maxBytes, what } = bounds;
  const deadlineMs = bounds.deadlineMs ?? defaultBodyDeadlineMs;
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new BodyLimitError(
      `${what}: the answer declares ${declared} bytes, more than the limit of ${formatLimit(maxBytes)}`,
    );
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), deadlineMs);
  });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const read = reader.read();
      // A read left behind by the deadline must not surface later as an unhandled rejection.
      read.catch(() => undefined);
      const next = await Promise.race([read, expired]);
      if (next === 'expired') {
        reader.cancel().catch(() => undefined);
        throw new BodyLimitError(
          `${what}: the answer did not end within ${deadlineMs / 1000} s (${size} bytes came)`,
          'time',
        );
      }
      if (next.done) break;
      size += next.value.length;
      if (size > maxBytes) {
        reader.cancel().catch(() => undefined);
        throw new BodyLimitError(`${what}: the answer is over the limit of ${formatLimit(maxBytes)}`);
      }
      chunks.push(next.value);
    }
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks, size);
}

/** readBody as UTF-8 text. */
export async function readBodyText(response: Response, bounds: BodyBounds): Promise<string> {
  return (await readBody(response, bounds)).toString('utf8');
}

/** readBody parsed as JSON (bounded depth too); a body that is not JSON is the server's fault (exit 3). */
export async function readBodyJson(response: Response, bounds: BodyBounds): Promise<unknown> {
  return parseJson(await readBodyText(response, bounds), bounds.what, 'service');
}

/** Statuses whose answer has no body (a Response built with one throws). */
const noBodyStatuses = new Set([101, 204, 205, 304]);

/**
 * A fetch for a client library that takes one (Octokit's `request.fetch`): every answer read through readBody
 * before the library sees it, and the whole exchange (headers and body) within deadlineMs. For API answers,
 * which are small: the body is read into memory.
 */
export function boundedFetch(bounds: {
  maxBytes: number;
  deadlineMs: number;
  service: string;
}): typeof fetch {
  return async (input, init) => {
    const deadline = AbortSignal.timeout(bounds.deadlineMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    const started = Date.now();
    const response = await fetch(input, { ...init, signal });
    const url = new URL(response.url || (input instanceof Request ? input.url : String(input)));
    const body = await readBody(response, {
      maxBytes: bounds.maxBytes,
      deadlineMs: Math.max(1, bounds.deadlineMs - (Date.now() - started)),
      // Without the query: signed URLs keep their signatures there.
      what: `${bounds.service}: ${url.origin}${url.pathname}`,
    });
    const bounded = new Response(noBodyStatuses.has(response.status) ? null : body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    Object.defineProperty(bounded, 'url', { value: response.url });
    return bounded;
  };
}
