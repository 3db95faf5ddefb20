#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);

// packages/core/src/io/digest.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
function bytesDigest(content) {
  return `sha256:${createHash("sha256").update(content).digest("hex")}`;
}
async function fileDigest(path) {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk);
  return `sha256:${hash.digest("hex")}`;
}
async function copyWithDigest(source, destination, bounds = {}) {
  const hash = createHash("sha256");
  let size = 0;
  let timer;
  const watch = () => {
    if (bounds.idleMs === void 0) return;
    clearTimeout(timer);
    timer = setTimeout(
      () => source.destroy(bounds.stalled?.() ?? new Error(`no data for ${bounds.idleMs} ms`)),
      bounds.idleMs
    );
  };
  watch();
  try {
    await pipeline(
      source,
      async function* (chunks) {
        for await (const chunk of chunks) {
          watch();
          size += chunk.length;
          if (bounds.maxBytes !== void 0 && size > bounds.maxBytes)
            throw bounds.tooLarge?.() ?? new Error(`more than ${bounds.maxBytes} bytes`);
          hash.update(chunk);
          yield chunk;
        }
      },
      destination
    );
  } finally {
    clearTimeout(timer);
  }
  return { digest: `sha256:${hash.digest("hex")}`, size };
}

export {
  bytesDigest,
  fileDigest,
  copyWithDigest
};
