#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);

// packages/core/src/errors.ts
var ExitCode = {
  passed: 0,
  gateFailed: 1,
  usage: 2,
  service: 3
};
var MlciError = class extends Error {
  exitCode;
  constructor(message, exitCode, options) {
    super(message, options);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
};
var InputError = class extends MlciError {
  constructor(message, options) {
    super(message, ExitCode.usage, options);
  }
};
var ServiceError = class extends MlciError {
  constructor(message, options) {
    super(message, ExitCode.service, options);
  }
};
function firstLine(error) {
  const message = typeof error === "object" && error !== null ? error.message : void 0;
  const text = typeof message === "string" ? message : String(error);
  return (text.split("\n").find((line) => line.trim() !== "") ?? text).trim();
}

export {
  ExitCode,
  MlciError,
  InputError,
  ServiceError,
  firstLine
};
