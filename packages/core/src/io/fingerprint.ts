import type { BigIntStats, Dirent } from 'node:fs';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type FileSystemAdapter, glob, isDynamicPattern } from 'tinyglobby';
import { InputError } from '../errors';
import { displayPath } from '../report/shown-path';
import { writeFileAtomic } from './atomic';
import { mapConcurrently } from './concurrency';
import { comparePaths, type FileEntry, type FileSet, fileSetOf } from './file-set';
import { parseJson } from './json';

// ---------------------------------------------------------------------------------------------------------
// Expanding patterns

/**
 * The files named by files, directories and globs, resolved against `cwd`: sorted, de-duplicated, `/`-separated
 * paths relative to `cwd`.
 *
 * - A directory means all its files, recursively, dot files included. A glob follows the shell: its `*` does not
 *   match a leading dot, and a directory it matches is included whole (as when the shell expands `data/*` into
 *   arguments).
 * - Symbolic links to files and to directories are followed; the recorded path is the link's, not its target's.
 *   A link to a directory that contains it is an error (there is no end to follow). A broken link is listed, and
 *   fingerprinting it fails naming it. Sockets, FIFOs and devices inside directories are skipped: they have no
 *   content to fingerprint.
 * - A file outside `cwd` is allowed (inputs may live in a shared data directory) and recorded by its absolute
 *   path: a `../` path would name a different file from another working directory. The price: such a path,
 *   and so the set digest and a run cache key, differs between machines that keep the data elsewhere.
 * - A pattern that names no file is an InputError naming `options.option` (`--inputs`, `input 'inputs'`).
 * - A file whose name the listing cannot carry (not UTF-8, a control character such as a newline, a
 *   backslash: see unlistableReason) is an UnlistableFileName, never skipped: a set that silently lacked
 *   it would pass for complete.
 */
export async function expandPaths(
  patterns: readonly string[],
  options: {
    cwd: string;
    option: string;
    /** Directories whose files are never part of the set (e.g. `.git`, mlci's own state), absolute. */
    exclude?: readonly string[];
    /** How the excluded directories are named in the error when a pattern matches only files in them. */
    excludedNames?: string;
  },
): Promise<string[]> {
  const cwd = resolve(options.cwd);
  const exclude = (options.exclude ?? []).map((dir) => resolve(dir));
  const excluded = (path: string) => exclude.some((dir) => path === dir || path.startsWith(`${dir}${sep}`));
  const found = new Set<string>();
  for (const pattern of patterns) {
    const matched = await expandPattern(pattern, cwd, options.option, excluded);
    if (matched.length === 0) throw new InputError(`${options.option}: '${pattern}' matches no file`);
    const absolutes = matched.filter((path) => !excluded(path));
    if (absolutes.length === 0)
      throw new InputError(
        `${options.option}: '${pattern}' matches only files in ${options.excludedNames ?? 'excluded directories'}`,
      );
    for (const absolute of absolutes) {
      const recorded = recordedPath(cwd, absolute);
      const reason = unlistableReason(Buffer.from(recorded));
      if (reason) throw new UnlistableFileName(options.option, Buffer.from(recorded), reason);
      found.add(recorded);
    }
  }
  return [...found].sort(comparePaths);
}

function recordedPath(cwd: string, absolute: string): string {
  const inside = relative(cwd, absolute);
  const outside = inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside);
  return (outside ? absolute : inside).split(sep).join('/');
}

/**
 * Why a file name cannot be listed, if it cannot: the set's listing (`<hex>  <path>\n`, as sha256sum writes
 * it), the registries' manifests and the run cache hold UTF-8 paths, one per line, `/`-separated. A name that
 * is not UTF-8 would be read back as another name; a newline or other control character would split or
 * disguise a line; a backslash is a separator on Windows and an escape to sha256sum.
 */
export function unlistableReason(name: Buffer): string | undefined {
  const text = name.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(name)) return 'is not UTF-8';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  const control = /[\u0000-\u001f\u007f]/.exec(text);
  if (control) return `has a control character (${JSON.stringify(control[0]).slice(1, -1)})`;
  if (text.includes('\\')) return 'has a backslash';
  return undefined;
}

/** A name shown in a one-line message: control characters JSON-escaped, bytes that are not UTF-8 as \xNN. */
export function escapedName(name: Buffer): string {
  let shown = '';
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let at = 0; at < name.length; ) {
    // The longest valid UTF-8 sequence starting here (1 to 4 bytes), else one byte escaped.
    let taken = 0;
    for (let length = Math.min(4, name.length - at); length >= 1 && taken === 0; length--) {
      try {
        const char = decoder.decode(name.subarray(at, at + length));
        if ([...char].length === 1) {
          shown += displayPath(char);
          taken = length;
        }
      } catch {
        // not a whole character of this length
      }
    }
    if (taken === 0) {
      shown += `\\x${(name[at] as number).toString(16).toUpperCase().padStart(2, '0')}`;
      taken = 1;
    }
    at += taken;
  }
  return shown;
}

/** A file whose name the listing cannot carry (see unlistableReason): refused, with the name escaped. */
export class UnlistableFileName extends InputError {
  constructor(option: string, name: Buffer, reason: string) {
    super(
      `${option}: the file name '${escapedName(name)}' ${reason}, which a listing of files cannot carry: rename it`,
    );
  }
}

/** Absolute paths of the files one pattern names. */
async function expandPattern(
  pattern: string,
  cwd: string,
  option: string,
  excluded: (path: string) => boolean,
): Promise<string[]> {
  const literal = resolve(cwd, pattern);
  // An existing path is taken as a path even when it has glob characters (`model[1].bin`).
  const literalStat = await stat(literal).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
    throw new InputError(`${option}: cannot read '${pattern}': ${describeFileError(error)}`);
  });
  if (literalStat?.isFile()) return [literal];
  if (literalStat?.isDirectory()) return filesUnder(literal, cwd, option, excluded);
  if (literalStat) throw new InputError(`${option}: '${pattern}' is not a regular file or directory`);
  if (!isDynamicPattern(pattern)) {
    // A broken link is a file the user named: let fingerprinting report it as such.
    const link = await lstat(literal).catch(() => undefined);
    return link?.isSymbolicLink() ? [literal] : [];
  }
  const walk = new LinkResolvingWalk(cwd, option, excluded);
  const matches = await glob(pattern, { cwd, dot: false, onlyFiles: false, fs: walk.fs() });
  walk.throwProblems();
  const files: string[] = [];
  const directories: string[] = [];
  for (const match of matches) {
    if (match.endsWith('/')) directories.push(resolve(cwd, match));
    else files.push(resolve(cwd, match));
  }
  // A directory inside another matched one adds nothing: walk only the outermost ones.
  const walked = new Set<string>();
  for (const directory of directories.sort((a, b) => a.length - b.length)) {
    let inside = false;
    for (let above = directory; !inside; above = dirname(above)) {
      inside = walked.has(above);
      if (dirname(above) === above) break;
    }
    if (inside) continue;
    walked.add(directory);
    files.push(...(await filesUnder(directory, cwd, option, excluded)));
  }
  return files;
}

async function filesUnder(
  directory: string,
  cwd: string,
  option: string,
  excluded: (path: string) => boolean,
): Promise<string[]> {
  const walk = new LinkResolvingWalk(cwd, option, excluded);
  const files = await glob('**', { cwd: directory, dot: true, onlyFiles: true, fs: walk.fs() });
  walk.throwProblems();
  return files.map((file) => resolve(directory, file));
}

type DirectoryEntry = Pick<Dirent, 'name' | 'isFile' | 'isDirectory' | 'isSymbolicLink'>;

/**
 * A readdir for tinyglobby that reports each symbolic link as what it points to. tinyglobby's own link
 * following (fdir 6.5) drops links to files, ignores cycles only partly and skips unreadable directories
 * silently; here links are resolved once, a cycle and an unreadable directory are reported.
 */
class LinkResolvingWalk {
  private readonly problems: string[] = [];
  /** The first name found that the listing cannot carry (the glob would drop or mangle it). */
  private unlistable: UnlistableFileName | undefined;
  private readonly realPaths = new Map<string, Promise<string>>();

  constructor(
    private readonly cwd: string,
    private readonly option: string,
    /** Directories whose files are not part of the set: their names are not checked. */
    private readonly excluded: (path: string) => boolean = () => false,
  ) {}

  fs(): FileSystemAdapter {
    const readdirAdapter = (
      directory: string,
      _options: unknown,
      callback: (error: NodeJS.ErrnoException | null, entries: DirectoryEntry[]) => void,
    ) => {
      this.list(directory).then(
        (entries) => callback(null, entries),
        (error: NodeJS.ErrnoException) => {
          // A glob's base directory that does not exist matches nothing; that is reported by the caller.
          if (error.code !== 'ENOENT' && error.code !== 'ENOTDIR')
            this.problems.push(
              `cannot read directory '${this.display(directory)}': ${describeFileError(error)}`,
            );
          callback(null, []);
        },
      );
    };
    return { readdir: readdirAdapter as unknown as FileSystemAdapter['readdir'] };
  }

  throwProblems(): void {
    if (this.unlistable) throw this.unlistable;
    if (this.problems.length > 0) throw new InputError(`${this.option}: ${this.problems[0]}`);
  }

  private async list(directory: string): Promise<DirectoryEntry[]> {
    // Raw names: decoded ones would turn bytes that are not UTF-8 into U+FFFD, a name that does not exist.
    const rawEntries = await readdir(directory, { withFileTypes: true, encoding: 'buffer' });
    const entries: DirectoryEntry[] = [];
    for (const raw of rawEntries) {
      const rawName = raw.name as unknown as Buffer;
      const name = rawName.toString('utf8');
      const reason = unlistableReason(rawName);
      if (reason !== undefined && !this.excluded(resolve(directory, name))) {
        const parent = this.display(resolve(directory));
        const shown = Buffer.concat([Buffer.from(parent === '' ? '' : `${parent}/`), rawName]);
        this.unlistable ??= new UnlistableFileName(this.option, shown, reason);
        continue;
      }
      entries.push({
        name,
        isFile: () => raw.isFile(),
        isDirectory: () => raw.isDirectory(),
        isSymbolicLink: () => raw.isSymbolicLink(),
      });
    }
    const listed: DirectoryEntry[] = [];
    for (const entry of entries) {
      if (!entry.isSymbolicLink()) {
        listed.push(entry);
        continue;
      }
      const path = resolve(directory, entry.name);
      const target = await stat(path).catch(() => undefined);
      if (target === undefined || target.isFile()) listed.push(entryAs(entry.name, 'file'));
      else if (target.isDirectory()) {
        if (await this.isAncestor(await realpath(path), directory)) {
          this.problems.push(`'${this.display(path)}' is a symbolic link to a directory that contains it`);
        } else listed.push(entryAs(entry.name, 'directory'));
      }
    }
    return listed;
  }

  /** Whether `real` is the real path of `directory` or of any directory above it, as the walk reached them. */
  private async isAncestor(real: string, directory: string): Promise<boolean> {
    for (let path = directory; ; path = dirname(path)) {
      if ((await this.realPathOf(path)) === real) return true;
      if (dirname(path) === path) return false;
    }
  }

  private realPathOf(path: string): Promise<string> {
    let real = this.realPaths.get(path);
    if (real === undefined) {
      real = realpath(path);
      this.realPaths.set(path, real);
    }
    return real;
  }

  private display(path: string): string {
    return recordedPath(this.cwd, path.endsWith('/') && path.length > 1 ? path.slice(0, -1) : path);
  }
}

function entryAs(name: string, kind: 'file' | 'directory'): DirectoryEntry {
  return {
    name,
    isFile: () => kind === 'file',
    isDirectory: () => kind === 'directory',
    isSymbolicLink: () => false,
  };
}

/** Why a file could not be read, in words, for one-line errors (fingerprints, image layers). */
export function describeFileError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a parent is not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return error.code ?? error.message;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The stat cache

/** What the cache keys a file's digest on: its identity and state (a stat's fields). */
type FileKey = Pick<BigIntStats, 'dev' | 'ino' | 'size' | 'mtimeNs' | 'ctimeNs'>;

/** A file's identity and state when it was hashed: if all of it is unchanged, so is the content. */
interface CacheRecord {
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
  /** Wall-clock time, taken before the file was stat'ed for this record. */
  recordedNs: bigint;
  /** Hex sha256. */
  digest: string;
}

/** The workspace's hash cache: train's inputs and outputs, build-image's model directory. */
export const hashCachePath = '.mlci/hash-cache.json';

export interface HashCacheOptions {
  /**
   * Entries kept on save: all those seen this run, and earlier ones, most recently seen first, up to this many
   * in all (default 100 000, a few MB of JSON, parsed in well under a second). The earlier ones keep
   * alternating input sets (two jobs sharing a workspace) from evicting each other.
   */
  maxEntries?: number;
  /** Wall clock in ns; tests set it to pretend a file was hashed later than it was. */
  clock?: () => bigint;
}

/**
 * Timestamp granularity allowed for (FAT has 2 s; ext4 and others store ns but the kernel stamps them from a
 * coarse clock): a file whose mtime or ctime is within this of the moment it was stat'ed may be written again
 * with the same timestamps, so its record is not trusted (git's "racy clean" rule).
 */
const racyWindowNs = 2_000_000_000n;
const cacheFormat = 1;

/**
 * The stat cache: the sha256 of files by absolute path, trusted while the file's device, inode, size, mtime and
 * ctime are those recorded. ctime is in the key because it cannot be set back (`touch -d` and `cp -p` restore
 * mtime, not ctime). Callers keep one per workspace; the train step's is `.mlci/hash-cache.json`.
 *
 * Two processes saving at once: the last rename wins and the other's new entries are lost, which costs a
 * re-hash, never a wrong digest.
 */
export class HashCache {
  /** Seen this run (hits and new records), in the order seen. */
  private readonly current = new Map<string, CacheRecord>();
  private readonly maxEntries: number;
  private readonly clock: () => bigint;

  private constructor(
    readonly file: string,
    private readonly previous: Map<string, CacheRecord>,
    options: HashCacheOptions,
  ) {
    this.maxEntries = options.maxEntries ?? 100_000;
    this.clock = options.clock ?? (() => BigInt(Date.now()) * 1_000_000n);
  }

  /** Reads the cache file; a missing, unreadable or malformed one gives an empty cache (it only costs time). */
  static async load(file: string, options: HashCacheOptions = {}): Promise<HashCache> {
    const previous = new Map<string, CacheRecord>();
    try {
      const parsed = parseJson(await readFile(file, 'utf8'), file) as {
        version?: unknown;
        entries?: unknown;
      };
      if (parsed?.version === cacheFormat && Array.isArray(parsed.entries)) {
        for (const row of parsed.entries) {
          const entry = parseRow(row);
          if (entry) previous.set(entry[0], entry[1]);
        }
      }
    } catch {
      previous.clear();
    }
    return new HashCache(file, previous, options);
  }

  /** Whether the cache has any record: without one, every file is read. */
  hasRecords(): boolean {
    return this.previous.size > 0 || this.current.size > 0;
  }

  /** Now, in the cache's clock: take it before stat'ing the files whose records will carry it. */
  now(): bigint {
    return this.clock();
  }

  /** The hex digest of the file at `path` (absolute) if its stat matches a trusted record. */
  lookup(path: string, stats: FileKey): string | undefined {
    const record = this.current.get(path) ?? this.previous.get(path);
    if (
      record === undefined ||
      record.dev !== stats.dev ||
      record.ino !== stats.ino ||
      record.size !== stats.size ||
      record.mtimeNs !== stats.mtimeNs ||
      record.ctimeNs !== stats.ctimeNs
    )
      return undefined;
    const trustedBefore = record.recordedNs - racyWindowNs;
    if (record.mtimeNs >= trustedBefore || record.ctimeNs >= trustedBefore) return undefined;
    this.current.set(path, record);
    return record.digest;
  }

  /** Records the hex digest of the file at `path` (absolute), with the stat taken after `statTimeNs`. */
  record(path: string, stats: FileKey, digest: string, statTimeNs: bigint): void {
    this.current.delete(path);
    this.current.set(path, {
      dev: stats.dev,
      ino: stats.ino,
      size: stats.size,
      mtimeNs: stats.mtimeNs,
      ctimeNs: stats.ctimeNs,
      recordedNs: statTimeNs,
      digest,
    });
  }

  /** Writes the cache atomically. A failure is the caller's to report as a warning: the cache is only speed. */
  async save(): Promise<void> {
    const rows: string[][] = [];
    const keep = (path: string, record: CacheRecord) =>
      rows.push([
        path,
        `${record.dev}`,
        `${record.ino}`,
        `${record.size}`,
        `${record.mtimeNs}`,
        `${record.ctimeNs}`,
        `${record.recordedNs}`,
        record.digest,
      ]);
    for (const [path, record] of this.current) keep(path, record);
    for (const [path, record] of this.previous) {
      if (rows.length >= this.maxEntries) break;
      if (!this.current.has(path)) keep(path, record);
    }
    // One row a line: readable with `grep`, and small.
    const body = rows.map((row) => JSON.stringify(row)).join(',\n');
    await writeFileAtomic(this.file, `{"version":${cacheFormat},"entries":[\n${body}\n]}\n`);
  }
}

const decimal = /^\d+$/;
const hex = /^[0-9a-f]{64}$/;

function parseRow(row: unknown): [string, CacheRecord] | undefined {
  if (!Array.isArray(row) || row.length !== 8 || !row.every((cell) => typeof cell === 'string'))
    return undefined;
  const [path, dev, ino, size, mtimeNs, ctimeNs, recordedNs, digest] = row as string[];
  const numbers = [dev, ino, size, mtimeNs, ctimeNs, recordedNs] as string[];
  if (!path || !numbers.every((number) => decimal.test(number)) || !hex.test(digest as string))
    return undefined;
  const [d, i, s, m, c, r] = numbers.map(BigInt) as [bigint, bigint, bigint, bigint, bigint, bigint];
  return [path, { dev: d, ino: i, size: s, mtimeNs: m, ctimeNs: c, recordedNs: r, digest: digest as string }];
}

// ---------------------------------------------------------------------------------------------------------
// Hashing

export interface FingerprintOptions {
  hashCache?: HashCache;
  /** Hashing threads (default: os.availableParallelism()). */
  workers?: number;
  /** Bytes hashed so far of those to hash (files the cache answers for are not counted). */
  onProgress?: (doneBytes: number, totalBytes: number) => void;
}

export type Fingerprint = FileSet & {
  /** Files read and hashed, i.e. not answered by the hash cache. */
  hashedFiles: number;
  hashedBytes: number;
};

/**
 * Hashes files (paths relative to `root`, or absolute) in a pool of worker threads, asking the hash cache
 * first and recording what it had to read. A file that is missing or unreadable is an InputError naming it.
 *
 * Without a cache record to go by, the threads do all the file work: they stat the files, then read and hash
 * them. Stat'ing on the main thread cost about as much CPU as the threads' start-up and stat together (a
 * promise and a thread-pool hand-off per file), and the hashing threads waited for it. With records, the
 * cache may answer for every file: the main thread stats, and threads start only for the files it does not.
 */
export async function fingerprintFiles(
  root: string,
  paths: readonly string[],
  options: FingerprintOptions = {},
): Promise<Fingerprint> {
  const cache = options.hashCache;
  const statTimeNs = cache?.now() ?? 0n;
  const absolutes = paths.map((path) => resolve(root, path));
  const threads = new FileThreads(options.workers ?? availableParallelism());
  try {
    const statted = await (cache?.hasRecords() ? statHere(absolutes) : statInThreads(threads, absolutes));
    const failed = statted.findIndex((stamp) => !('regular' in stamp));
    if (failed >= 0) {
      const { code, message } = statted[failed] as StatFailure;
      const error = Object.assign(new Error(message), { code });
      throw await unreadable(paths[failed] as string, absolutes[failed] as string, error);
    }
    const stamps = statted as FileStamp[];
    stamps.forEach((stamp, index) => {
      if (!stamp.regular) throw new InputError(`cannot read '${paths[index]}': not a regular file`);
    });

    const digests: (string | undefined)[] = stamps.map((stamp, index) =>
      cache?.lookup(absolutes[index] as string, stamp),
    );
    const toHash = digests.flatMap((digest, index) => (digest === undefined ? [index] : []));
    const hashed = await hashFiles(
      threads,
      toHash.map((index) => ({
        path: absolutes[index] as string,
        size: Number((stamps[index] as FileStamp).size),
      })),
      options.onProgress,
      (item, error) =>
        unreadable(
          paths[toHash[item] as number] as string,
          absolutes[toHash[item] as number] as string,
          error,
        ),
    );

    const sizes = stamps.map((stamp) => Number(stamp.size));
    let hashedBytes = 0;
    toHash.forEach((index, item) => {
      const result = hashed[item] as HashResult;
      digests[index] = result.digest;
      sizes[index] = result.size;
      hashedBytes += result.size;
      const stamp = stamps[index] as FileStamp;
      // A file that grew or shrank while it was read: its digest is of no one state, so never cache it.
      if (cache && BigInt(result.size) === stamp.size)
        cache.record(absolutes[index] as string, stamp, result.digest, statTimeNs);
    });

    const files: FileEntry[] = paths.map((path, index) => ({
      path,
      size: sizes[index] as number,
      digest: `sha256:${digests[index]}`,
      executable: ((stamps[index] as FileStamp).mode & 0o100n) !== 0n,
    }));
    return { ...fileSetOf(files), hashedFiles: toHash.length, hashedBytes };
  } finally {
    await threads.close();
  }
}

async function unreadable(path: string, absolute: string, error: NodeJS.ErrnoException): Promise<InputError> {
  if (error.code === 'ENOENT') {
    const link = await lstat(absolute).catch(() => undefined);
    if (link?.isSymbolicLink()) return new InputError(`cannot read '${path}': broken symbolic link`);
  }
  return new InputError(`cannot read '${path}': ${describeFileError(error)}`, { cause: error });
}

/** A file's stat as a thread took it: what the hash cache keys on, and the mode for the executable bit. */
type FileStamp = FileKey & Pick<BigIntStats, 'mode'> & { regular: boolean };

/** A stat that failed, as a thread reports it. */
interface StatFailure {
  code?: string;
  message: string;
}

interface HashResult {
  /** Hex. */
  digest: string;
  /** Bytes read, which is the size unless the file changed while read. */
  size: number;
}

/** Paths per stat job: a few ms of work, so the threads share the listing evenly. */
const statJobFiles = 512;
/** Files of this size or less go to a thread in batches, so a batch is one message instead of hundreds. */
const batchBytes = 8 << 20;
const batchFiles = 256;
/**
 * 256 KiB reads. A buffer that stays in the core's L2 cache (1 MiB here, shared with the hash's own work)
 * makes the kernel's copy cheap: 1 MiB and 4 MiB buffers took 3x the system time of 64-256 KiB ones on a
 * 512 MiB file; below 64 KiB, system calls add up.
 */
const readBufferBytes = 256 << 10;
const progressEveryBytes = 64 << 20;

/** The stamp of each file, in order, from the threads. */
async function statInThreads(
  threads: FileThreads,
  absolutes: readonly string[],
): Promise<(FileStamp | StatFailure)[]> {
  const jobs: Job[] = [];
  for (let start = 0; start < absolutes.length; start += statJobFiles)
    jobs.push({ kind: 'stat', paths: absolutes.slice(start, start + statJobFiles), bytes: 0 });
  const stamps = new Array<FileStamp | StatFailure>(absolutes.length);
  await threads.run<FileStamp | StatFailure>(jobs, {
    take: (job, results) => {
      results.forEach((result, position) => {
        stamps[job * statJobFiles + position] = result;
      });
    },
  });
  return stamps;
}

/** The stamp of each file, in order, from this thread: 64 stats in flight, for file systems with latency. */
function statHere(absolutes: readonly string[]): Promise<(FileStamp | StatFailure)[]> {
  return mapConcurrently(absolutes, 64, (absolute) =>
    stat(absolute, { bigint: true }).then(
      (stats): FileStamp => ({
        dev: stats.dev,
        ino: stats.ino,
        size: stats.size,
        mtimeNs: stats.mtimeNs,
        ctimeNs: stats.ctimeNs,
        mode: stats.mode,
        regular: stats.isFile(),
      }),
      (error: NodeJS.ErrnoException): StatFailure => ({ code: error.code, message: error.message }),
    ),
  );
}

/** The digest and size read of each file, in order, hashed largest first. */
async function hashFiles(
  threads: FileThreads,
  files: readonly { path: string; size: number }[],
  onProgress: FingerprintOptions['onProgress'],
  failure: (item: number, error: NodeJS.ErrnoException) => Promise<Error>,
): Promise<HashResult[]> {
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  onProgress?.(0, totalBytes);

  // Largest first, so the last batches are short and no thread idles while one finishes a big file.
  const order = files
    .map((_, item) => item)
    .sort((a, b) => (files[b] as { size: number }).size - (files[a] as { size: number }).size);
  const batches: number[][] = [];
  const jobs: Job[] = [];
  let current: number[] = [];
  let currentBytes = 0;
  const close = () => {
    batches.push(current);
    jobs.push({
      kind: 'hash',
      paths: current.map((item) => (files[item] as { path: string }).path),
      bytes: currentBytes,
    });
  };
  for (const item of order) {
    const size = (files[item] as { size: number }).size;
    if (current.length > 0 && (currentBytes + size > batchBytes || current.length >= batchFiles)) {
      close();
      current = [];
      currentBytes = 0;
    }
    current.push(item);
    currentBytes += size;
  }
  if (current.length > 0) close();

  const results = new Array<HashResult>(files.length);
  let doneBytes = 0;
  await threads.run<HashResult>(jobs, {
    take: (job, hashed) => {
      const items = batches[job] as number[];
      hashed.forEach((result, position) => {
        results[items[position] as number] = result;
      });
    },
    progress: (bytes) => {
      doneBytes += bytes;
      onProgress?.(doneBytes, totalBytes);
    },
    failure: (job, position, error) => failure((batches[job] as number[])[position] as number, error),
  });
  return results;
}

/**
 * The threads' code, inline so it survives bundling (the CLI and the actions are single esbuild bundles with no
 * worker file beside them). An eval'd worker is a CommonJS script or an ES module depending on the parent's
 * flags: `require` where there is one (two threads were up 10-15 ms sooner than with dynamic imports, about a
 * quarter of their start-up), `import()` where not. Calls are synchronous: the thread has nothing else to do.
 * Each thread hashes what it read into its own reused buffer: no file content crosses threads.
 */
const workerSource = `
const load = typeof require === 'function' ? async (name) => require(name) : (name) => import(name);
Promise.all([load('node:worker_threads'), load('node:fs'), load('node:crypto')]).then(
  ([{ parentPort }, { closeSync, openSync, readSync, statSync }, { createHash }]) => {
    const buffer = Buffer.allocUnsafe(${readBufferBytes});
    let unreported = 0;
    const stat = (path) => {
      try {
        const stats = statSync(path, { bigint: true });
        const { dev, ino, size, mtimeNs, ctimeNs, mode } = stats;
        return { dev, ino, size, mtimeNs, ctimeNs, mode, regular: stats.isFile() };
      } catch (error) {
        return { code: error.code, message: error.message };
      }
    };
    const hash = (path) => {
      const fd = openSync(path, 'r');
      try {
        const hash = createHash('sha256');
        let size = 0;
        for (;;) {
          const read = readSync(fd, buffer, 0, buffer.length, null);
          if (read === 0) break;
          hash.update(read === buffer.length ? buffer : buffer.subarray(0, read));
          size += read;
          unreported += read;
          if (unreported >= ${progressEveryBytes}) {
            parentPort.postMessage({ progress: unreported });
            unreported = 0;
          }
        }
        return { digest: hash.digest('hex'), size };
      } finally {
        closeSync(fd);
      }
    };
    parentPort.on('message', ({ job, kind, paths }) => {
      const results = [];
      for (let item = 0; item < paths.length; item++) {
        if (kind === 'stat') {
          results.push(stat(paths[item]));
          continue;
        }
        try {
          results.push(hash(paths[item]));
        } catch (error) {
          parentPort.postMessage({ job, failed: item, code: error.code, message: error.message });
          return;
        }
      }
      parentPort.postMessage({ job, results, progress: unreported });
      unreported = 0;
    });
  },
);
`;

interface Job {
  kind: 'stat' | 'hash';
  paths: string[];
  /** Bytes to read: a job of more than batchBytes is never queued behind another. */
  bytes: number;
}

type WorkerMessage<R> =
  | { progress: number; job?: undefined }
  | { job: number; results: R[]; progress: number }
  | { job: number; failed: number; code?: string; message: string; progress?: undefined };

interface RunHandlers<R> {
  /** A job's results, one per path. */
  take: (job: number, results: R[]) => void;
  progress?: (bytes: number) => void;
  /** The error to reject with when the path at `position` of `job` failed (hash jobs only). */
  failure?: (job: number, position: number, error: NodeJS.ErrnoException) => Promise<Error>;
}

/**
 * The worker threads of one fingerprint: started on demand, up to `limit`, and terminated by close(). Each
 * thread is given a second small job while it works on one, so it never waits for the main thread between
 * jobs (which, on a busy machine, may not get a core for milliseconds); a big file is never queued behind
 * another job, which would keep it from a thread that is free.
 */
class FileThreads {
  private readonly workers: Worker[] = [];
  /** The run in progress: where the threads' messages and failures go. */
  private current:
    | { message: (worker: Worker, message: WorkerMessage<unknown>) => void; fail: (error: Error) => void }
    | undefined;
  /** A thread that failed or exited between runs: the next run fails with it. */
  private broken: Error | undefined;

  constructor(private readonly limit: number) {}

  run<R>(jobs: readonly Job[], handlers: RunHandlers<R>): Promise<void> {
    if (jobs.length === 0) return Promise.resolve();
    if (this.broken) return Promise.reject(this.broken);
    const count = Math.max(1, Math.min(this.limit, jobs.length));
    while (this.workers.length < count) this.workers.push(this.start());
    return new Promise<void>((resolveRun, rejectRun) => {
      let next = 0;
      let pending = jobs.length;
      const inFlight = new Map<Worker, number>();
      const finish = (error?: unknown) => {
        if (this.current === undefined) return;
        this.current = undefined;
        if (error === undefined) resolveRun();
        else rejectRun(error);
      };
      const dispatch = (worker: Worker, most = 2) => {
        while (next < jobs.length && this.current !== undefined) {
          const busy = inFlight.get(worker) ?? 0;
          const job = jobs[next] as Job;
          if (busy >= most || (busy === 1 && job.bytes > batchBytes)) return;
          inFlight.set(worker, busy + 1);
          worker.postMessage({ job: next++, kind: job.kind, paths: job.paths });
        }
      };
      this.current = {
        message: (worker, message) => {
          if (message.progress) handlers.progress?.(message.progress);
          if (message.job === undefined) return;
          if ('failed' in message) {
            const error = Object.assign(new Error(message.message), { code: message.code });
            const failure = handlers.failure?.(message.job, message.failed, error) ?? Promise.resolve(error);
            failure.then(finish, finish);
            return;
          }
          handlers.take(message.job, message.results as R[]);
          inFlight.set(worker, (inFlight.get(worker) ?? 1) - 1);
          if (--pending === 0) finish();
          else dispatch(worker);
        },
        fail: finish,
      };
      // One job each first, then a second: with few jobs, every started thread gets work.
      for (const worker of this.workers) dispatch(worker, 1);
      for (const worker of this.workers) dispatch(worker);
    });
  }

  async close(): Promise<void> {
    this.current = undefined;
    this.broken ??= new Error('the hashing threads were closed');
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private start(): Worker {
    const worker = new Worker(workerSource, { eval: true });
    const fail = (error: Error) => {
      this.broken ??= error;
      this.current?.fail(error);
    };
    worker.on('message', (message: WorkerMessage<unknown>) => this.current?.message(worker, message));
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`a hashing thread exited early (code ${code})`)));
    return worker;
  }
}
