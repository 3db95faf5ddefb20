#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  bytesDigest,
  copyWithDigest
} from "./chunk-KLG7ZBD7.mjs";
import {
  movePath
} from "./chunk-4VSSUXZN.mjs";

// packages/core/src/store/blob-store.ts
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
var digestPattern = /^sha256:([0-9a-f]{64})$/;
var BlobDigestMismatch = class extends Error {
  constructor(expected, actual, file) {
    super(`${file}: content is ${actual}, expected ${expected}`);
    this.expected = expected;
    this.actual = actual;
    this.file = file;
    this.name = "BlobDigestMismatch";
  }
  expected;
  actual;
  file;
};
var BlobMissing = class extends Error {
  constructor(digest) {
    super(`blob ${digest} is missing`);
    this.digest = digest;
    this.name = "BlobMissing";
  }
  digest;
};
var BlobStore = class {
  constructor(root) {
    this.root = root;
    this.blobs = join(root, "blobs");
  }
  root;
  blobs;
  path(digest) {
    const match = digestPattern.exec(digest);
    if (!match) throw new Error(`not a sha256 digest: '${digest}'`);
    return join(this.blobs, "sha256", match[1]);
  }
  async has(digest) {
    return await this.sizeOf(digest) !== void 0;
  }
  /**
   * Copies a file into the store, hashing it on the way. With `expected`, the content must have that digest
   * and size (the file was fingerprinted before and must not have changed since), and a blob already stored
   * under that digest is kept without reading the file again.
   */
  async put(file, expected) {
    if (expected && await this.sizeOf(expected.digest) === expected.size) return expected;
    await mkdir(join(this.blobs, "sha256"), { recursive: true });
    const temp = join(this.blobs, `.tmp-${randomBytes(8).toString("hex")}`);
    try {
      const actual = await copyWithDigest(
        createReadStream(file, { highWaterMark: 1 << 20 }),
        createWriteStream(temp)
      );
      if (expected && (actual.digest !== expected.digest || actual.size !== expected.size))
        throw new BlobDigestMismatch(expected.digest, actual.digest, file);
      await this.commit(temp, actual);
      return actual;
    } finally {
      await rm(temp, { force: true });
    }
  }
  async putBytes(content) {
    const ref = {
      digest: bytesDigest(content),
      size: content.length
    };
    if (await this.sizeOf(ref.digest) === ref.size) return ref;
    await mkdir(join(this.blobs, "sha256"), { recursive: true });
    const temp = join(this.blobs, `.tmp-${randomBytes(8).toString("hex")}`);
    try {
      await writeFile(temp, content);
      await this.commit(temp, ref);
      return ref;
    } finally {
      await rm(temp, { force: true });
    }
  }
  /** The blob's content, checked against its digest (BlobDigestMismatch, or BlobMissing). */
  async read(digest) {
    const path = this.path(digest);
    let content;
    try {
      content = await readFile(path);
    } catch (error) {
      if (error.code === "ENOENT") throw new BlobMissing(digest);
      throw error;
    }
    const actual = bytesDigest(content);
    if (actual !== digest) throw new BlobDigestMismatch(digest, actual, path);
    return content;
  }
  /**
   * Writes the blob to destination (which must not be a file someone needs: on a digest mismatch it is
   * removed and BlobDigestMismatch thrown; BlobMissing when the store lacks the blob).
   */
  async copyOut(digest, destination, options) {
    const path = this.path(digest);
    await mkdir(dirname(destination), { recursive: true });
    let actual;
    try {
      ({ digest: actual } = await copyWithDigest(
        createReadStream(path, { highWaterMark: 1 << 20 }),
        createWriteStream(destination, { mode: options.executable ? 493 : 420 })
      ));
    } catch (error) {
      await rm(destination, { force: true });
      if (error.code === "ENOENT") throw new BlobMissing(digest);
      throw error;
    }
    if (actual !== digest) {
      await rm(destination, { force: true });
      throw new BlobDigestMismatch(digest, actual, path);
    }
  }
  /** The stored blobs, with when each was last written (temporary files of unfinished puts are not listed). */
  async list() {
    const dir = join(this.blobs, "sha256");
    const names = await readdir(dir).catch((error) => {
      if (error.code === "ENOENT") return [];
      throw error;
    });
    const blobs = [];
    for (const name of names) {
      if (!/^[0-9a-f]{64}$/.test(name)) continue;
      const info = await stat(join(dir, name)).catch(() => void 0);
      if (info) blobs.push({ digest: `sha256:${name}`, modifiedMs: info.mtimeMs });
    }
    return blobs;
  }
  /** Drops a blob found corrupt, so the next put of that content writes it afresh instead of keeping it. */
  async remove(digest) {
    await rm(this.path(digest), { force: true });
  }
  async sizeOf(digest) {
    try {
      return (await stat(this.path(digest))).size;
    } catch (error) {
      if (error.code === "ENOENT") return void 0;
      throw error;
    }
  }
  async commit(temp, ref) {
    if (await this.sizeOf(ref.digest) === ref.size) return;
    await movePath(temp, this.path(ref.digest));
  }
};

export {
  BlobDigestMismatch,
  BlobMissing,
  BlobStore
};
