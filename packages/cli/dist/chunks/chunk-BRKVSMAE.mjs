#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);

// packages/core/src/version.ts
var mlciVersion = "0.1.0";

export {
  mlciVersion
};
