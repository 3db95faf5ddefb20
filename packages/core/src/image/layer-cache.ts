// What a layer built from given entries came to: lets a rebuild with unchanged inputs skip tar and gzip entirely.
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../io/atomic';
import { parseJson } from '../io/json';

/** The digests of one built layer. */
export interface CachedLayer {
  /** `sha256:<hex>` of the uncompressed tar. */
  diffId: string;
  /** Bytes of the uncompressed tar. */
  tarSize: number;
  mediaType: string;
  /** `sha256:<hex>` of the blob (the compressed tar, or the tar itself). */
  digest: string;
  size: number;
}

const cacheFormat = 1;
/** Entries kept on save, most recently used first: enough for many layers and branches, still a small file. */
const maxEntries = 1000;
const digestPattern = /^sha256:[0-9a-f]{64}$/;
const keyPattern = /^[0-9a-f]{64}$/;

/**
 * The layer cache file: layer key (hex) -> CachedLayer. A missing, unreadable or malformed file (or entry) is an
 * empty cache: it only costs a rebuild. Two builds saving at once: the last rename wins.
 */
export class LayerCache {
  private constructor(
    readonly file: string,
    /** Insertion order = most recently used last. */
    private readonly entries: Map<string, CachedLayer>,
  ) {}

  static async load(file: string): Promise<LayerCache> {
    const entries = new Map<string, CachedLayer>();
    try {
      const parsed = parseJson(await readFile(file, 'utf8'), file) as { version?: unknown; layers?: unknown };
      if (parsed?.version === cacheFormat && Array.isArray(parsed.layers)) {
        // Saved most recently used first; the map keeps it last.
        for (const row of [...parsed.layers].reverse()) {
          const entry = parseRow(row);
          if (entry) entries.set(entry[0], entry[1]);
        }
      }
    } catch {
      entries.clear();
    }
    return new LayerCache(file, entries);
  }

  get(key: string): CachedLayer | undefined {
    const layer = this.entries.get(key);
    if (layer) {
      this.entries.delete(key);
      this.entries.set(key, layer);
    }
    return layer;
  }

  set(key: string, layer: CachedLayer): void {
    this.entries.delete(key);
    this.entries.set(key, layer);
  }

  /** Writes the cache atomically; a failure is the caller's to report as a warning. */
  async save(): Promise<void> {
    const rows = [...this.entries].reverse().slice(0, maxEntries);
    // One layer a line: readable with `grep`.
    const body = rows.map(([key, layer]) => JSON.stringify({ key, ...layer })).join(',\n');
    await writeFileAtomic(this.file, `{"version":${cacheFormat},"layers":[\n${body}\n]}\n`);
  }
}

function parseRow(row: unknown): [string, CachedLayer] | undefined {
  if (typeof row !== 'object' || row === null) return undefined;
  const { key, diffId, tarSize, mediaType, digest, size } = row as Record<string, unknown>;
  if (
    typeof key !== 'string' ||
    !keyPattern.test(key) ||
    typeof diffId !== 'string' ||
    !digestPattern.test(diffId) ||
    typeof digest !== 'string' ||
    !digestPattern.test(digest) ||
    typeof mediaType !== 'string' ||
    !Number.isSafeInteger(tarSize) ||
    (tarSize as number) < 0 ||
    !Number.isSafeInteger(size) ||
    (size as number) < 0
  )
    return undefined;
  return [key, { diffId, tarSize: tarSize as number, mediaType, digest, size: size as number }];
}
