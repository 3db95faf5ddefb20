#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);

// packages/core/src/io/file-set.ts
import { createHash } from "node:crypto";
function setDigest(files) {
  const listing = [...files].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0).map((file) => `${file.digest.replace(/^sha256:/, "")}  ${file.path}
`).join("");
  return `sha256:${createHash("sha256").update(listing).digest("hex")}`;
}
function fileSetOf(files) {
  const sorted = [...files].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return {
    digest: setDigest(sorted),
    files: sorted,
    bytes: sorted.reduce((sum, file) => sum + file.size, 0)
  };
}

export {
  fileSetOf
};
