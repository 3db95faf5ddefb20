#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);

// packages/core/src/io/network-error.ts
function isNetworkError(error) {
  const name = error?.name;
  const message = error?.message;
  if (name === "TypeError") return message === "fetch failed" || message === "terminated";
  const code = error?.code;
  return name === "TimeoutError" || typeof code === "string" && /^(ECONN|EPIPE|ETIMEDOUT|UND_ERR_)/.test(code);
}
function networkReason(error) {
  if (error?.name === "TimeoutError") {
    const message = error.message;
    return /aborted due to timeout/.test(message) ? "no answer in time" : message;
  }
  const cause = error?.cause;
  if (typeof cause?.code === "string") return cause.code;
  if (typeof cause?.message === "string") return cause.message.split("\n")[0];
  return error?.message ?? String(error);
}

export {
  isNetworkError,
  networkReason
};
