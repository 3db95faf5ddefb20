#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  parseJson
} from "./chunk-COETP6OK.mjs";
import {
  ServiceError
} from "./chunk-C6XSGGFY.mjs";

// packages/core/src/io/bounded-body.ts
var mebibyte = 1024 * 1024;
var bodyLimits = {
  manifest: 4 * mebibyte,
  json: 16 * mebibyte,
  stored: 64 * mebibyte,
  token: mebibyte,
  error: mebibyte
};
var defaultBodyDeadlineMs = 12e4;
var BodyLimitError = class extends ServiceError {
  constructor(message, reason = "size") {
    super(message);
    this.reason = reason;
    this.name = "BodyLimitError";
  }
  reason;
};
function formatLimit(bytes) {
  if (bytes >= mebibyte && bytes % mebibyte === 0) return `${bytes / mebibyte} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
async function readBody(response, bounds) {
  const { maxBytes, what } = bounds;
  const deadlineMs = bounds.deadlineMs ?? defaultBodyDeadlineMs;
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => void 0);
    throw new BodyLimitError(
      `${what}: the answer declares ${declared} bytes, more than the limit of ${formatLimit(maxBytes)}`
    );
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  let timer;
  const expired = new Promise((resolve) => {
    timer = setTimeout(() => resolve("expired"), deadlineMs);
  });
  const chunks = [];
  let size = 0;
  try {
    for (; ; ) {
      const read = reader.read();
      read.catch(() => void 0);
      const next = await Promise.race([read, expired]);
      if (next === "expired") {
        reader.cancel().catch(() => void 0);
        throw new BodyLimitError(
          `${what}: the answer did not end within ${deadlineMs / 1e3} s (${size} bytes came)`,
          "time"
        );
      }
      if (next.done) break;
      size += next.value.length;
      if (size > maxBytes) {
        reader.cancel().catch(() => void 0);
        throw new BodyLimitError(`${what}: the answer is over the limit of ${formatLimit(maxBytes)}`);
      }
      chunks.push(next.value);
    }
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks, size);
}
async function readBodyText(response, bounds) {
  return (await readBody(response, bounds)).toString("utf8");
}
async function readBodyJson(response, bounds) {
  return parseJson(await readBodyText(response, bounds), bounds.what, "service");
}
var noBodyStatuses = /* @__PURE__ */ new Set([101, 204, 205, 304]);
function boundedFetch(bounds) {
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
      what: `${bounds.service}: ${url.origin}${url.pathname}`
    });
    const bounded = new Response(noBodyStatuses.has(response.status) ? null : body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers
    });
    Object.defineProperty(bounded, "url", { value: response.url });
    return bounded;
  };
}

export {
  bodyLimits,
  defaultBodyDeadlineMs,
  BodyLimitError,
  formatLimit,
  readBody,
  readBodyText,
  readBodyJson,
  boundedFetch
};
