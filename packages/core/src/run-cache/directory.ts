import { readdir, readFile, rm, stat, utimes } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../io/atomic';
import type { FileSet } from '../io/file-set';
import { parseJson } from '../io/json';
import { replaceDirectory } from '../io/replace-directory';
import type { BackendOptions } from '../registry/registry';
import { BlobDigestMismatch, BlobMissing, BlobStore } from '../store/blob-store';
import { isInsideRelativePath } from '../store/relative-path';
import { type CacheEntry, CorruptCacheEntry, type RunCache, type StoreRequest } from './run-cache';

/**
 * `entries/<keyhex>.json`. This directory is what actions/cache or GitLab `cache:` carry from job to job and
 * machine to machine: it holds content and relative paths only, no absolute path and nothing of the machine
 * that wrote it (the stat cache, which is machine-specific, lives elsewhere).
 */
interface EntryFile {
  key: string;
  fileSet: FileSet;
  createdAt: string;
  /** Digests of run.json and the provenance statement, kept as blobs. */
  record: string;
  provenance: string;
}

const keyPattern = /^sha256:([0-9a-f]{64})$/;
/** Unreferenced blobs younger than this are kept by prune: a concurrent store may be about to reference them. */
const pruneGraceMs = 10 * 60 * 1000;

/** The run cache as a directory: `<dir>/blobs/sha256/<hex>` (see BlobStore) and `<dir>/entries/<keyhex>.json`. */
export async function openDirectoryRunCache(directory: string, options: BackendOptions): Promise<RunCache> {
  return new DirectoryRunCache(directory, resolve(options.cwd, directory), options);
}

class DirectoryRunCache implements RunCache {
  private readonly blobs: BlobStore;

  constructor(
    readonly uri: string,
    private readonly root: string,
    private readonly options: BackendOptions,
  ) {
    this.blobs = new BlobStore(root);
  }

  async lookup(key: string): Promise<CacheEntry | undefined> {
    const file = this.entryFile(key);
    let stored: EntryFile;
    try {
      stored = parseJson(await readFile(file, 'utf8'), file) as EntryFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        this.options.logger.warn(
          `run cache ${this.uri}: ignoring unreadable entry ${file}: ${(error as Error).message}`,
        );
      return undefined;
    }
    try {
      if (stored.key !== key || !stored.fileSet?.files.every((entry) => isInsideRelativePath(entry.path)))
        throw new Error('the entry does not match its key or names paths outside the outputs');
      // Marks the entry as used, for prune (most recently used entries are kept).
      const now = new Date();
      await utimes(file, now, now).catch(() => undefined);
      return {
        key,
        fileSet: stored.fileSet,
        record: await this.blobs.read(stored.record),
        provenance: await this.blobs.read(stored.provenance),
        createdAt: stored.createdAt,
      };
    } catch (error) {
      // Same as an unreadable entry: a miss, and the run that follows stores a good one in its place.
      this.options.logger.warn(`run cache ${this.uri}: ignoring entry ${file}: ${(error as Error).message}`);
      await this.discard(key, error);
      return undefined;
    }
  }

  async restore(entry: CacheEntry, directory: string): Promise<void> {
    await replaceDirectory(resolve(this.options.cwd, directory), async (incoming) => {
      for (const file of entry.fileSet.files) {
        if (!isInsideRelativePath(file.path))
          throw new CorruptCacheEntry(
            `run cache ${this.uri}: entry ${entry.key} names '${file.path}', outside the outputs`,
          );
        try {
          await this.blobs.copyOut(file.digest, join(incoming, file.path), { executable: file.executable });
        } catch (error) {
          if (!(error instanceof BlobDigestMismatch || error instanceof BlobMissing)) throw error;
          await this.discard(entry.key, error);
          throw new CorruptCacheEntry(
            `run cache ${this.uri}: '${file.path}' of entry ${entry.key} ${
              error instanceof BlobMissing ? 'is missing' : `does not match its digest ${file.digest}`
            }`,
            { cause: error },
          );
        }
      }
    });
  }

  async store(request: StoreRequest): Promise<void> {
    const hex = this.keyHex(request.key);
    for (const file of request.fileSet.files) {
      if (!isInsideRelativePath(file.path))
        throw new Error(`'${file.path}' is not a path inside the outputs`);
      await this.blobs.put(join(resolve(this.options.cwd, request.directory), file.path), {
        digest: file.digest,
        size: file.size,
      });
    }
    const entry: EntryFile = {
      key: request.key,
      fileSet: request.fileSet,
      createdAt: new Date().toISOString(),
      record: (await this.blobs.putBytes(request.record)).digest,
      provenance: (await this.blobs.putBytes(request.provenance)).digest,
    };
    // Written last and atomically: an entry is visible only when every blob it names is in place.
    await writeFileAtomic(join(this.root, 'entries', `${hex}.json`), `${JSON.stringify(entry, null, 2)}\n`);
  }

  async prune(keep: number): Promise<number> {
    const dir = join(this.root, 'entries');
    const names = (await readdir(dir).catch(() => [] as string[])).filter((name) =>
      /^[0-9a-f]{64}\.json$/.test(name),
    );
    // Last use is the entry file's mtime: store writes it, a hit touches it.
    const entries = (
      await Promise.all(
        names.map(async (name) => ({
          name,
          usedMs: (await stat(join(dir, name)).catch(() => undefined))?.mtimeMs,
        })),
      )
    ).filter((entry): entry is { name: string; usedMs: number } => entry.usedMs !== undefined);
    entries.sort((a, b) => b.usedMs - a.usedMs);
    const dropped = entries.slice(keep);
    for (const entry of dropped) await rm(join(dir, entry.name), { force: true });
    if (dropped.length === 0) return 0;
    const referenced = new Set<string>();
    for (const entry of entries.slice(0, keep)) {
      try {
        const stored = parseJson(await readFile(join(dir, entry.name), 'utf8'), entry.name) as EntryFile;
        for (const file of stored.fileSet.files) referenced.add(file.digest);
        referenced.add(stored.record);
        referenced.add(stored.provenance);
      } catch {
        // Unreadable: its blobs may go; the entry is a miss anyway.
      }
    }
    // A blob written in the last minutes may belong to an entry another process is storing right now.
    const settled = Date.now() - pruneGraceMs;
    for (const blob of await this.blobs.list())
      if (!referenced.has(blob.digest) && blob.modifiedMs < settled) await this.blobs.remove(blob.digest);
    return dropped.length;
  }

  /**
   * Forgets an entry found corrupt and drops the bad blob: a kept blob would be kept again by the next
   * store (puts are idempotent), so the same run would miss forever.
   */
  private async discard(key: string, error: unknown): Promise<void> {
    try {
      if (error instanceof BlobDigestMismatch) await this.blobs.remove(error.expected);
      await rm(this.entryFile(key), { force: true });
    } catch (failure) {
      this.options.logger.warn(
        `run cache ${this.uri}: cannot remove corrupt entry ${key}: ${(failure as Error).message}`,
      );
    }
  }

  private entryFile(key: string): string {
    return join(this.root, 'entries', `${this.keyHex(key)}.json`);
  }

  private keyHex(key: string): string {
    const match = keyPattern.exec(key);
    if (!match) throw new Error(`run cache key '${key}': expected sha256:<64 hex digits>`);
    return match[1] as string;
  }
}
