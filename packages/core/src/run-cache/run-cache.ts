import type { FileSet } from '../io/file-set';

/** A finished run's outputs, kept under its cache key so an identical run can restore them instead. */
export interface CacheEntry {
  key: string;
  fileSet: FileSet;
  /** run.json of the run that produced the outputs (bytes as written). */
  record: Uint8Array;
  /** Its in-toto statement (bytes as written). */
  provenance: Uint8Array;
  createdAt: string;
}

export interface StoreRequest {
  key: string;
  /** Outputs directory; FileEntry paths are relative to it. */
  directory: string;
  fileSet: FileSet;
  record: Uint8Array;
  provenance: Uint8Array;
}

/** Thrown by restore when stored content does not match its digest: the caller ignores the entry and runs. */
export class CorruptCacheEntry extends Error {}

/**
 * The run cache: a directory (which a CI cache can carry between jobs) or an OCI repository (shared by
 * every runner of a team). Keys are `sha256:<hex>` (see docs/train.md for what goes in).
 */
export interface RunCache {
  readonly uri: string;
  /** Undefined when there is no entry, or when the entry's metadata is unreadable (then it is a miss). */
  lookup(key: string): Promise<CacheEntry | undefined>;
  /**
   * Replaces directory's content with the entry's files, each checked against its digest (else CorruptCacheEntry,
   * with directory as it was). The swap is by rename, so a failed restore leaves no half-written outputs.
   */
  restore(entry: CacheEntry, directory: string): Promise<void>;
  /** Idempotent; a failure here is a warning for the run, never its verdict. */
  store(request: StoreRequest): Promise<void>;
  /**
   * Keeps the `keep` most recently used entries and drops the rest with the content only they held; returns
   * how many entries went. A registry-backed cache leaves this to the registry's retention rules (returns 0).
   */
  prune(keep: number): Promise<number>;
}
