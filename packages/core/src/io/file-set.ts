import { bytesDigest } from './digest';

/** One file of a fingerprinted set: an input of a run, an output, a file of a model version. */
export interface FileEntry {
  /** Relative to the set's root, `/`-separated, never `..`. */
  path: string;
  size: number;
  /** `sha256:<hex>` of the content. */
  digest: string;
  /** The owner-execute bit, kept so restored outputs run as they did. */
  executable: boolean;
}

/** A set of files and the one digest that names it. */
export interface FileSet {
  /** See setDigest. */
  digest: string;
  /** Sorted by path (comparePaths). */
  files: FileEntry[];
  bytes: number;
}

/**
 * Byte order of the UTF-8 paths: what `LC_ALL=C sort` does, so the listing matches a shell's. Compared by
 * UTF-16 code unit, which is the same order, without encoding both paths for each comparison (sorting thousands
 * of paths that way took tens of ms), except where one path has a character past U+FFFF (a surrogate pair) and
 * the other one in U+E000-U+FFFF: there the bytes decide.
 */
export function comparePaths(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let at = 0; at < length; at++) {
    const unitA = a.charCodeAt(at);
    const unitB = b.charCodeAt(at);
    if (unitA !== unitB)
      return unitA < 0xd800 || unitB < 0xd800
        ? unitA - unitB
        : Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  }
  return a.length - b.length;
}

/**
 * The digest of a set of files: sha256 of its listing in `sha256sum` format (`<hex>  <path>\n`, sorted by path),
 * so anyone can recompute it with `sha256sum` and no mlci (for paths without `\` or a newline, which
 * sha256sum escapes).
 */
export function setDigest(files: readonly Pick<FileEntry, 'path' | 'digest'>[]): string {
  const listing = [...files]
    .sort((a, b) => comparePaths(a.path, b.path))
    .map((file) => `${file.digest.replace(/^sha256:/, '')}  ${file.path}\n`)
    .join('');
  return bytesDigest(listing);
}

export function fileSetOf(files: readonly FileEntry[]): FileSet {
  const sorted = [...files].sort((a, b) => comparePaths(a.path, b.path));
  return {
    digest: setDigest(sorted),
    files: sorted,
    bytes: sorted.reduce((sum, file) => sum + file.size, 0),
  };
}
