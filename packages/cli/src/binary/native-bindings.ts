/**
 * DuckDB's native binding inside the standalone executable (scripts/build-binary.mjs). A Node single executable
 * application cannot dlopen a library from inside itself, so the binding (duckdb.node and the libduckdb.so it
 * links with `$ORIGIN`) travels as compressed SEA assets, is written once to a cache directory named by its
 * digest, and is loaded from there. The build resolves `@duckdb/node-bindings` to a call of loadNativeBindings.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { getAsset, isSea } from 'node:sea';
import { brotliDecompressSync } from 'node:zlib';
import { bytesDigest, fileSystemError, firstLine, InputError, MlciError } from '@mlci/core';

/** One native file as the build recorded it: its SEA asset (brotli-compressed) and its uncompressed identity. */
export interface NativeFile {
  name: string;
  asset: string;
  size: number;
  digest: string;
}

export interface NativeManifest {
  /** The cache folder's name: the package version and a digest over every file's digest. */
  folder: string;
  /** The file process.dlopen loads; the others sit beside it. */
  main: string;
  files: NativeFile[];
}

/** What a completed extraction recorded: per file the size and mtime it checked, so a start needs only stat. */
type Marker = Record<string, { size: number; mtimeMs: number; digest: string }>;

const markerName = '.complete.json';

/** `$MLCI_CACHE_DIR`, else `$XDG_CACHE_HOME/mlci`, else `~/.cache/mlci` (docs/binary.md). */
export function binaryCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MLCI_CACHE_DIR) return env.MLCI_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'mlci');
  return join(homedir(), '.cache', 'mlci');
}

export function loadNativeBindings(manifest: NativeManifest): unknown {
  if (!isSea()) throw new Error('the bundled DuckDB binding loads only inside the mlci executable');
  const dir = join(binaryCacheDir(), manifest.folder);
  try {
    ensureExtracted(dir, manifest);
  } catch (error) {
    throw cacheError(error, dir);
  }
  const module = { exports: {} };
  const main = join(dir, manifest.main);
  try {
    process.dlopen(module, main);
  } catch (error) {
    // A noexec mount, or a system without the glibc/libstdc++ it needs: the loader's own words say which.
    const reason = firstLine(error).replace(`${main}: `, '');
    throw new InputError(
      `${main}: cannot load DuckDB's native library: ${reason} (a cache on a noexec file system cannot: set MLCI_CACHE_DIR to another directory)`,
      { cause: error },
    );
  }
  return module.exports;
}

/**
 * Trusts the cache when the marker matches every file's size and mtime (a start costs one stat per file); any
 * other file is hashed, and rewritten from the asset when its digest is wrong (truncated, edited, missing).
 */
function ensureExtracted(dir: string, manifest: NativeManifest): void {
  const marker = readMarker(dir);
  const stale = manifest.files.filter((file) => !matchesMarker(dir, file, marker));
  if (stale.length === 0) return;
  mkdirSync(dir, { recursive: true });
  for (const file of stale) {
    const path = join(dir, file.name);
    if (digestOf(path) === file.digest) continue;
    const content = brotliDecompressSync(Buffer.from(getAsset(file.asset)));
    const digest = bytesDigest(content);
    if (digest !== file.digest || content.length !== file.size)
      throw new InputError(
        `${process.execPath}: its asset ${file.asset} is damaged (${digest}): download mlci again`,
      );
    writeAtomically(path, content);
  }
  // Written only after every file was checked whole: a marker always describes a complete, verified folder.
  const checked: Marker = {};
  for (const file of manifest.files) {
    const stat = statSync(join(dir, file.name));
    checked[file.name] = { size: stat.size, mtimeMs: stat.mtimeMs, digest: file.digest };
  }
  writeAtomically(join(dir, markerName), JSON.stringify(checked));
}

function readMarker(dir: string): Marker {
  try {
    return JSON.parse(readFileSync(join(dir, markerName), 'utf8')) as Marker;
  } catch {
    return {};
  }
}

function matchesMarker(dir: string, file: NativeFile, marker: Marker): boolean {
  const recorded = marker[file.name];
  if (recorded?.digest !== file.digest) return false;
  try {
    const stat = statSync(join(dir, file.name));
    return stat.size === recorded.size && stat.mtimeMs === recorded.mtimeMs;
  } catch {
    return false;
  }
}

function digestOf(path: string): string | undefined {
  try {
    return bytesDigest(readFileSync(path));
  } catch {
    return undefined;
  }
}

/** Temporary file + rename: two first runs at once each write their own file, and either rename wins whole. */
function writeAtomically(path: string, content: string | Uint8Array): void {
  const temp = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = openSync(temp, 'w', 0o644);
    try {
      writeFileSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** A cache that cannot be written is one line naming it and how to choose another (exit 2, or 3 for a full disk). */
function cacheError(error: unknown, dir: string): MlciError {
  if (error instanceof MlciError) return error;
  const mapped = fileSystemError(error, dir);
  const hint =
    "DuckDB's native library is unpacked there on first use: set MLCI_CACHE_DIR to a writable directory";
  if (mapped instanceof MlciError)
    return new MlciError(`${mapped.message}; ${hint}`, mapped.exitCode, { cause: error });
  return new InputError(`${dir}: ${firstLine(error)}; ${hint}`, { cause: error });
}
