#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);

// packages/core/src/report/model.ts
function statusOf(checks) {
  return checks.some((check) => check.status === "failed") ? "failed" : "passed";
}

export {
  statusOf
};
