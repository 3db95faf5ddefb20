#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);

// packages/core/src/run-cache/run-cache.ts
var CorruptCacheEntry = class extends Error {
};

export {
  CorruptCacheEntry
};
