#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  bytesDigest
} from "./chunk-KLG7ZBD7.mjs";

// packages/core/src/io/file-set.ts
function comparePaths(a, b) {
  const length = Math.min(a.length, b.length);
  for (let at = 0; at < length; at++) {
    const unitA = a.charCodeAt(at);
    const unitB = b.charCodeAt(at);
    if (unitA !== unitB)
      return unitA < 55296 || unitB < 55296 ? unitA - unitB : Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
  }
  return a.length - b.length;
}
function setDigest(files) {
  const listing = [...files].sort((a, b) => comparePaths(a.path, b.path)).map((file) => `${file.digest.replace(/^sha256:/, "")}  ${file.path}
`).join("");
  return bytesDigest(listing);
}
function fileSetOf(files) {
  const sorted = [...files].sort((a, b) => comparePaths(a.path, b.path));
  return {
    digest: setDigest(sorted),
    files: sorted,
    bytes: sorted.reduce((sum, file) => sum + file.size, 0)
  };
}

export {
  comparePaths,
  setDigest,
  fileSetOf
};
