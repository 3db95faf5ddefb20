#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);

// packages/core/src/own-keys.ts
function setOwn(target, key, value) {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
function getOwn(target, key) {
  return Object.hasOwn(target, key) ? target[key] : void 0;
}

export {
  setOwn,
  getOwn
};
