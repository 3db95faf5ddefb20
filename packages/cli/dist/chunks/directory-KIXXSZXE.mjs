#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  BlobDigestMismatch,
  BlobMissing,
  BlobStore
} from "./chunk-GUCLTIMP.mjs";
import {
  writeFileAtomic
} from "./chunk-VQWOU3SX.mjs";
import {
  replaceDirectory
} from "./chunk-DS2KLJZU.mjs";
import {
  CorruptCacheEntry
} from "./chunk-JQ6FLF6B.mjs";
import {
  isInsideRelativePath
} from "./chunk-ERNQNAOD.mjs";
import "./chunk-KLG7ZBD7.mjs";
import "./chunk-4VSSUXZN.mjs";
import "./chunk-BOL2UAYQ.mjs";
import {
  parseJson
} from "./chunk-COETP6OK.mjs";
import "./chunk-C6XSGGFY.mjs";
import "./chunk-AQW5IZUH.mjs";

// packages/core/src/run-cache/directory.ts
import { readdir, readFile, rm, stat, utimes } from "node:fs/promises";
import { join, resolve } from "node:path";
var keyPattern = /^sha256:([0-9a-f]{64})$/;
var pruneGraceMs = 10 * 60 * 1e3;
async function openDirectoryRunCache(directory, options) {
  return new DirectoryRunCache(directory, resolve(options.cwd, directory), options);
}
var DirectoryRunCache = class {
  constructor(uri, root, options) {
    this.uri = uri;
    this.root = root;
    this.options = options;
    this.blobs = new BlobStore(root);
  }
  uri;
  root;
  options;
  blobs;
  async lookup(key) {
    const file = this.entryFile(key);
    let stored;
    try {
      stored = parseJson(await readFile(file, "utf8"), file);
    } catch (error) {
      if (error.code !== "ENOENT")
        this.options.logger.warn(
          `run cache ${this.uri}: ignoring unreadable entry ${file}: ${error.message}`
        );
      return void 0;
    }
    try {
      if (stored.key !== key || !stored.fileSet?.files.every((entry) => isInsideRelativePath(entry.path)))
        throw new Error("the entry does not match its key or names paths outside the outputs");
      const now = /* @__PURE__ */ new Date();
      await utimes(file, now, now).catch(() => void 0);
      return {
        key,
        fileSet: stored.fileSet,
        record: await this.blobs.read(stored.record),
        provenance: await this.blobs.read(stored.provenance),
        createdAt: stored.createdAt
      };
    } catch (error) {
      this.options.logger.warn(`run cache ${this.uri}: ignoring entry ${file}: ${error.message}`);
      await this.discard(key, error);
      return void 0;
    }
  }
  async restore(entry, directory) {
    await replaceDirectory(resolve(this.options.cwd, directory), async (incoming) => {
      for (const file of entry.fileSet.files) {
        if (!isInsideRelativePath(file.path))
          throw new CorruptCacheEntry(
            `run cache ${this.uri}: entry ${entry.key} names '${file.path}', outside the outputs`
          );
        try {
          await this.blobs.copyOut(file.digest, join(incoming, file.path), { executable: file.executable });
        } catch (error) {
          if (!(error instanceof BlobDigestMismatch || error instanceof BlobMissing)) throw error;
          await this.discard(entry.key, error);
          throw new CorruptCacheEntry(
            `run cache ${this.uri}: '${file.path}' of entry ${entry.key} ${error instanceof BlobMissing ? "is missing" : `does not match its digest ${file.digest}`}`,
            { cause: error }
          );
        }
      }
    });
  }
  async store(request) {
    const hex = this.keyHex(request.key);
    for (const file of request.fileSet.files) {
      if (!isInsideRelativePath(file.path))
        throw new Error(`'${file.path}' is not a path inside the outputs`);
      await this.blobs.put(join(resolve(this.options.cwd, request.directory), file.path), {
        digest: file.digest,
        size: file.size
      });
    }
    const entry = {
      key: request.key,
      fileSet: request.fileSet,
      createdAt: (/* @__PURE__ */ new Date()).toISOString(),
      record: (await this.blobs.putBytes(request.record)).digest,
      provenance: (await this.blobs.putBytes(request.provenance)).digest
    };
    await writeFileAtomic(join(this.root, "entries", `${hex}.json`), `${JSON.stringify(entry, null, 2)}
`);
  }
  async prune(keep) {
    const dir = join(this.root, "entries");
    const names = (await readdir(dir).catch(() => [])).filter(
      (name) => /^[0-9a-f]{64}\.json$/.test(name)
    );
    const entries = (await Promise.all(
      names.map(async (name) => ({
        name,
        usedMs: (await stat(join(dir, name)).catch(() => void 0))?.mtimeMs
      }))
    )).filter((entry) => entry.usedMs !== void 0);
    entries.sort((a, b) => b.usedMs - a.usedMs);
    const dropped = entries.slice(keep);
    for (const entry of dropped) await rm(join(dir, entry.name), { force: true });
    if (dropped.length === 0) return 0;
    const referenced = /* @__PURE__ */ new Set();
    for (const entry of entries.slice(0, keep)) {
      try {
        const stored = parseJson(await readFile(join(dir, entry.name), "utf8"), entry.name);
        for (const file of stored.fileSet.files) referenced.add(file.digest);
        referenced.add(stored.record);
        referenced.add(stored.provenance);
      } catch {
      }
    }
    const settled = Date.now() - pruneGraceMs;
    for (const blob of await this.blobs.list())
      if (!referenced.has(blob.digest) && blob.modifiedMs < settled) await this.blobs.remove(blob.digest);
    return dropped.length;
  }
  /**
   * Forgets an entry found corrupt and drops the bad blob: a kept blob would be kept again by the next
   * store (puts are idempotent), so the same run would miss forever.
   */
  async discard(key, error) {
    try {
      if (error instanceof BlobDigestMismatch) await this.blobs.remove(error.expected);
      await rm(this.entryFile(key), { force: true });
    } catch (failure) {
      this.options.logger.warn(
        `run cache ${this.uri}: cannot remove corrupt entry ${key}: ${failure.message}`
      );
    }
  }
  entryFile(key) {
    return join(this.root, "entries", `${this.keyHex(key)}.json`);
  }
  keyHex(key) {
    const match = keyPattern.exec(key);
    if (!match) throw new Error(`run cache key '${key}': expected sha256:<64 hex digits>`);
    return match[1];
  }
};
export {
  openDirectoryRunCache
};
