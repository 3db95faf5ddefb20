import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { bodyLimits, readBody } from '../io/bounded-body';

/** An error body only adds detail to a status: not worth waiting long for. */
const errorBodyDeadlineMs = 10_000;

import { parseJson } from '../io/json';
import { isNetworkError } from '../io/network-error';

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

/** Reads an OCI error body (`{"errors":[{"code","message"}]}`) for the one-line message, if there is one. */
export async function statusError(response: Response, what: string): Promise<RegistryStatusError> {
  let code: string | undefined;
  let detail = '';
  try {
    // Bounded like every body (an error page could be endless too); a failure leaves just the status.
    const text = (
      await readBody(response, { maxBytes: bodyLimits.error, deadlineMs: errorBodyDeadlineMs, what })
    ).toString('utf8');
    const parsed = parseJson(text, what, 'service') as { errors?: { code?: string; message?: string }[] };
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

const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };

/**
 * A request whose body is `parts`, written to the socket as they are, answered as fetch would (a Response;
 * a network failure as fetch's TypeError "fetch failed" with the socket error as its cause). For blob chunks:
 * fetch copies every body it is given (a stream's chunks twice), which for a layer is gigabytes of copies and
 * the garbage collections they bring. Redirects are not followed: an upload goes where the registry said.
 */
export function sendParts(
  url: URL,
  init: {
    method: string;
    headers: Record<string, string>;
    parts: readonly Uint8Array[];
    signal: AbortSignal;
  },
): Promise<Response> {
  const length = init.parts.reduce((sum, part) => sum + part.length, 0);
  const secure = url.protocol === 'https:';
  return new Promise<Response>((resolve, reject) => {
    const failed = (error: unknown) => reject(new TypeError('fetch failed', { cause: error }));
    if (init.signal.aborted) return reject(init.signal.reason);
    const onAbort = () => {
      request.destroy();
      reject(init.signal.reason);
    };
    init.signal.addEventListener('abort', onAbort, { once: true });
    const request = (secure ? httpsRequest : httpRequest)(
      url,
      {
        method: init.method,
        headers: { ...init.headers, 'content-length': `${length}` },
        agent: secure ? agents.https : agents.http,
      },
      (answer) => {
        // The answer to a PATCH or PUT of blob parts: no body worth keeping beyond an error's detail.
        const chunks: Buffer[] = [];
        let size = 0;
        answer.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= bodyLimits.error) chunks.push(chunk);
        });
        answer.on('error', failed);
        answer.on('end', () => {
          init.signal.removeEventListener('abort', onAbort);
          const status = answer.statusCode ?? 502;
          const empty = status === 204 || status === 205 || status === 304 || chunks.length === 0;
          resolve(
            new Response(empty ? null : Buffer.concat(chunks), {
              status,
              statusText: answer.statusMessage ?? '',
              headers: responseHeaders(answer.headers),
            }),
          );
        });
      },
    );
    request.on('error', failed);
    for (const part of init.parts) request.write(part);
    request.end();
  });
}

function responseHeaders(headers: IncomingHttpHeaders): Headers {
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) result.append(name, one);
  }
  return result;
}
