#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  bodyLimits,
  readBody
} from "./chunk-PC3Y6LKK.mjs";
import {
  parseJson
} from "./chunk-TIUN4FPL.mjs";

// packages/core/src/oci/http.ts
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
var errorBodyDeadlineMs = 1e4;
var RegistryStatusError = class extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
    this.name = "RegistryStatusError";
  }
  status;
  code;
};
function isTransient(error) {
  if (error instanceof RegistryStatusError) return error.status >= 500 || error.status === 429;
  return isNetworkError(error);
}
function isNetworkError(error) {
  const name = error?.name;
  const message = error?.message;
  if (name === "TypeError") return message === "fetch failed" || message === "terminated";
  const code = error?.code;
  return name === "TimeoutError" || typeof code === "string" && /^(ECONN|EPIPE|ETIMEDOUT|UND_ERR_)/.test(code);
}
function networkReason(error) {
  if (error?.name === "TimeoutError") return error.message;
  const cause = error?.cause;
  if (typeof cause?.code === "string") return cause.code;
  if (typeof cause?.message === "string") return cause.message.split("\n")[0];
  return error?.message ?? String(error);
}
async function statusError(response, what) {
  let code;
  let detail = "";
  try {
    const text = (await readBody(response, { maxBytes: bodyLimits.error, deadlineMs: errorBodyDeadlineMs, what })).toString("utf8");
    const parsed = parseJson(text, what, "service");
    const first = parsed.errors?.[0];
    if (first) {
      code = first.code;
      detail = `${first.code ?? ""}${first.message ? `: ${first.message}` : ""}`;
    }
  } catch {
  }
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  return new RegistryStatusError(response.status, code, `${what}: ${status}${detail ? ` (${detail})` : ""}`);
}
async function discard(response) {
  try {
    await response.body?.cancel();
  } catch {
  }
}
var agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
function sendParts(url, init) {
  const length = init.parts.reduce((sum, part) => sum + part.length, 0);
  const secure = url.protocol === "https:";
  return new Promise((resolve, reject) => {
    const failed = (error) => reject(new TypeError("fetch failed", { cause: error }));
    if (init.signal.aborted) return reject(init.signal.reason);
    const onAbort = () => {
      request.destroy();
      reject(init.signal.reason);
    };
    init.signal.addEventListener("abort", onAbort, { once: true });
    const request = (secure ? httpsRequest : httpRequest)(
      url,
      {
        method: init.method,
        headers: { ...init.headers, "content-length": `${length}` },
        agent: secure ? agents.https : agents.http
      },
      (answer) => {
        const chunks = [];
        let size = 0;
        answer.on("data", (chunk) => {
          size += chunk.length;
          if (size <= bodyLimits.error) chunks.push(chunk);
        });
        answer.on("error", failed);
        answer.on("end", () => {
          init.signal.removeEventListener("abort", onAbort);
          const status = answer.statusCode ?? 502;
          const empty = status === 204 || status === 205 || status === 304 || chunks.length === 0;
          resolve(
            new Response(empty ? null : Buffer.concat(chunks), {
              status,
              statusText: answer.statusMessage ?? "",
              headers: responseHeaders(answer.headers)
            })
          );
        });
      }
    );
    request.on("error", failed);
    for (const part of init.parts) request.write(part);
    request.end();
  });
}
function responseHeaders(headers) {
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === void 0) continue;
    for (const one of Array.isArray(value) ? value : [value]) result.append(name, one);
  }
  return result;
}

export {
  RegistryStatusError,
  isTransient,
  isNetworkError,
  networkReason,
  statusError,
  discard,
  sendParts
};
