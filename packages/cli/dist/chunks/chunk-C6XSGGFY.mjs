#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);

// packages/core/src/report/mask-uri.ts
var uriUserinfo = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*(?:@[^\s/?#@]*)*@/gi;
function maskUriCredentials(text) {
  return text.replace(uriUserinfo, "$1***@");
}
function hasUriCredentials(uri) {
  uriUserinfo.lastIndex = 0;
  const found = uriUserinfo.test(uri);
  uriUserinfo.lastIndex = 0;
  return found;
}

// packages/core/src/report/shown-path.ts
import { isAbsolute, relative, sep } from "node:path";
function displayPath(path) {
  return /[\u0000-\u001f\u007f\\]/.test(path) ? JSON.stringify(path).slice(1, -1) : path;
}
function shownPath(cwd, path) {
  if (!isAbsolute(path)) return displayPath(path);
  const rel = relative(cwd, path);
  const inside = rel !== "" && rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
  return displayPath(inside ? rel : path);
}

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
  return maskUriCredentials((text.split("\n").find((line) => line.trim() !== "") ?? text).trim());
}
var fileSystemReasons = {
  ENOENT: { reason: "no such file or directory", exitCode: ExitCode.usage },
  EACCES: { reason: "permission denied", exitCode: ExitCode.usage },
  EPERM: { reason: "operation not permitted", exitCode: ExitCode.usage },
  EROFS: { reason: "read-only file system", exitCode: ExitCode.usage },
  EISDIR: { reason: "is a directory", exitCode: ExitCode.usage },
  ENOTDIR: { reason: "a part of the path is not a directory", exitCode: ExitCode.usage },
  EEXIST: { reason: "something else already exists there", exitCode: ExitCode.usage },
  ENOTEMPTY: { reason: "directory not empty", exitCode: ExitCode.usage },
  ENAMETOOLONG: { reason: "name too long", exitCode: ExitCode.usage },
  ELOOP: { reason: "too many levels of symbolic links", exitCode: ExitCode.usage },
  ENOSPC: { reason: "no space left on the device", exitCode: ExitCode.service },
  EDQUOT: { reason: "disk quota exceeded", exitCode: ExitCode.service },
  EFBIG: { reason: "file too large for the file system", exitCode: ExitCode.service },
  EMFILE: { reason: "too many open files (raise `ulimit -n`)", exitCode: ExitCode.service },
  ENFILE: { reason: "too many open files in the system", exitCode: ExitCode.service },
  EIO: { reason: "input/output error", exitCode: ExitCode.service }
};
var operations = {
  open: "open",
  read: "read",
  write: "write",
  mkdir: "create the directory",
  rename: "move",
  copyfile: "copy",
  cp: "copy",
  rm: "remove",
  rmdir: "remove",
  unlink: "remove",
  scandir: "list",
  opendir: "list",
  stat: "inspect",
  lstat: "inspect",
  access: "use",
  symlink: "create a link at",
  link: "create a link at",
  chmod: "change the mode of",
  utime: "set the time of",
  fsync: "write",
  ftruncate: "write"
};
function fileSystemError(error, shown) {
  if (error instanceof MlciError || typeof error !== "object" || error === null) return error;
  const { code, syscall, path, dest } = error;
  const known = code === void 0 ? void 0 : fileSystemReasons[code];
  if (!known || (shown ?? path) === void 0) return error;
  const relative2 = (name) => shownPath(process.cwd(), name);
  const named = relative2(shown ?? path);
  const operation = (syscall && operations[syscall]) ?? syscall ?? "use";
  const target = syscall === "rename" && typeof dest === "string" && shown === void 0 ? ` to ${relative2(dest)}` : "";
  const message = `${named}: cannot ${operation}${target}: ${known.reason} (${code})`;
  return known.exitCode === ExitCode.service ? new ServiceError(message, { cause: error }) : new InputError(message, { cause: error });
}
function userError(error) {
  const mapped = fileSystemError(error);
  return mapped instanceof MlciError ? mapped : void 0;
}

export {
  maskUriCredentials,
  hasUriCredentials,
  displayPath,
  shownPath,
  ExitCode,
  MlciError,
  InputError,
  ServiceError,
  firstLine,
  fileSystemError,
  userError
};
