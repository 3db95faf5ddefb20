import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { bytesDigest, copyWithDigest } from '../io/digest';
import { movePath } from '../io/move';

const digestPattern = /^sha256:([0-9a-f]{64})$/;

/** Content read from the store (or a file put into it) does not match the digest it should have. */
export class BlobDigestMismatch extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
    /** The file whose content was checked. */
    readonly file: string,
  ) {
    super(`${file}: content is ${actual}, expected ${expected}`);
    this.name = 'BlobDigestMismatch';
  }
}

/** A blob the store should hold is not there. */
export class BlobMissing extends Error {
  constructor(readonly digest: string) {
    super(`blob ${digest} is missing`);
    this.name = 'BlobMissing';
  }
}

export interface BlobRef {
  digest: string;
  size: number;
}

/**
 * A content-addressed directory, `<root>/blobs/sha256/<hex>` (the OCI image-layout naming), shared by the
 * file: registry and the directory run cache. Writes go to a temporary file in the store and are renamed
 * into place, so a blob is complete or absent; content is checked against its digest on the way out.
 * A killed writer leaves a `blobs/.tmp-*` file, never a wrong blob.
 */
export class BlobStore {
  private readonly blobs: string;

  constructor(readonly root: string) {
    this.blobs = join(root, 'blobs');
  }

  path(digest: string): string {
    const match = digestPattern.exec(digest);
    if (!match) throw new Error(`not a sha256 digest: '${digest}'`);
    return join(this.blobs, 'sha256', match[1] as string);
  }

  async has(digest: string): Promise<boolean> {
    return (await this.sizeOf(digest)) !== undefined;
  }

  /**
   * Copies a file into the store, hashing it on the way. With `expected`, the content must have that digest
   * and size (the file was fingerprinted before and must not have changed since), and a blob already stored
   * under that digest is kept without reading the file again.
   */
  async put(file: string, expected?: BlobRef): Promise<BlobRef> {
    // A blob of the wrong size is a truncated one (a full disk, a partial copy of the store): replace it.
    if (expected && (await this.sizeOf(expected.digest)) === expected.size) return expected;
    await mkdir(join(this.blobs, 'sha256'), { recursive: true });
    const temp = join(this.blobs, `.tmp-${randomBytes(8).toString('hex')}`);
    try {
      const actual = await copyWithDigest(
        createReadStream(file, { highWaterMark: 1 << 20 }),
        createWriteStream(temp),
      );
      if (expected && (actual.digest !== expected.digest || actual.size !== expected.size))
        throw new BlobDigestMismatch(expected.digest, actual.digest, file);
      await this.commit(temp, actual);
      return actual;
    } finally {
      await rm(temp, { force: true });
    }
  }

  async putBytes(content: Uint8Array): Promise<BlobRef> {
    const ref = {
      digest: bytesDigest(content),
      size: content.length,
    };
    if ((await this.sizeOf(ref.digest)) === ref.size) return ref;
    await mkdir(join(this.blobs, 'sha256'), { recursive: true });
    const temp = join(this.blobs, `.tmp-${randomBytes(8).toString('hex')}`);
    try {
      await writeFile(temp, content);
      await this.commit(temp, ref);
      return ref;
    } finally {
      await rm(temp, { force: true });
    }
  }

  /** The blob's content, checked against its digest (BlobDigestMismatch, or BlobMissing). */
  async read(digest: string): Promise<Uint8Array> {
    const path = this.path(digest);
    let content: Buffer;
    try {
      content = await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobMissing(digest);
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
  async copyOut(digest: string, destination: string, options: { executable: boolean }): Promise<void> {
    const path = this.path(digest);
    await mkdir(dirname(destination), { recursive: true });
    let actual: string;
    try {
      ({ digest: actual } = await copyWithDigest(
        createReadStream(path, { highWaterMark: 1 << 20 }),
        createWriteStream(destination, { mode: options.executable ? 0o755 : 0o644 }),
      ));
    } catch (error) {
      await rm(destination, { force: true });
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobMissing(digest);
      throw error;
    }
    if (actual !== digest) {
      await rm(destination, { force: true });
      throw new BlobDigestMismatch(digest, actual, path);
    }
  }

  /** The stored blobs, with when each was last written (temporary files of unfinished puts are not listed). */
  async list(): Promise<{ digest: string; modifiedMs: number }[]> {
    const dir = join(this.blobs, 'sha256');
    const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    const blobs: { digest: string; modifiedMs: number }[] = [];
    for (const name of names) {
      if (!/^[0-9a-f]{64}$/.test(name)) continue;
      const info = await stat(join(dir, name)).catch(() => undefined);
      if (info) blobs.push({ digest: `sha256:${name}`, modifiedMs: info.mtimeMs });
    }
    return blobs;
  }

  /** Drops a blob found corrupt, so the next put of that content writes it afresh instead of keeping it. */
  async remove(digest: string): Promise<void> {
    await rm(this.path(digest), { force: true });
  }

  private async sizeOf(digest: string): Promise<number | undefined> {
    try {
      return (await stat(this.path(digest))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  private async commit(temp: string, ref: BlobRef): Promise<void> {
    // Rename replaces atomically: a concurrent writer of the same digest wrote the same bytes, or a blob of
    // the wrong size that this one repairs. An equal-sized existing blob is kept (idempotent put).
    if ((await this.sizeOf(ref.digest)) === ref.size) return;
    await movePath(temp, this.path(ref.digest));
  }
}
