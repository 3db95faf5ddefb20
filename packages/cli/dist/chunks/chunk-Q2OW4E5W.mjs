#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);

// packages/core/src/io/retry.ts
async function withRetries(request, isTransient, policy = {}, onRetry) {
  const retries = policy.retries ?? 2;
  const delayMs = policy.delayMs ?? 1e3;
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

export {
  withRetries
};
