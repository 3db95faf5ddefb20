#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);

// packages/core/src/oci/http.ts
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
    const text = await response.text();
    const parsed = JSON.parse(text);
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

export {
  RegistryStatusError,
  isTransient,
  isNetworkError,
  networkReason,
  statusError,
  discard
};
