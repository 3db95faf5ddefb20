#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  glob,
  isDynamicPattern
} from "./chunk-VXLUZCFX.mjs";
import {
  writeFileAtomic
} from "./chunk-VQWOU3SX.mjs";
import {
  comparePaths,
  fileSetOf
} from "./chunk-ZAIHXEFC.mjs";
import {
  mapConcurrently
} from "./chunk-IS7M7TXC.mjs";
import {
  parseJson
} from "./chunk-COETP6OK.mjs";
import {
  InputError,
  displayPath
} from "./chunk-C6XSGGFY.mjs";

// packages/core/src/io/fingerprint.ts
import { lstat, readdir, readFile, realpath, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { Worker } from "node:worker_threads";
async function expandPaths(patterns, options) {
  const cwd = resolve(options.cwd);
  const exclude = (options.exclude ?? []).map((dir) => resolve(dir));
  const excluded = (path) => exclude.some((dir) => path === dir || path.startsWith(`${dir}${sep}`));
  const found = /* @__PURE__ */ new Set();
  for (const pattern of patterns) {
    const matched = await expandPattern(pattern, cwd, options.option, excluded);
    if (matched.length === 0) throw new InputError(`${options.option}: '${pattern}' matches no file`);
    const absolutes = matched.filter((path) => !excluded(path));
    if (absolutes.length === 0)
      throw new InputError(
        `${options.option}: '${pattern}' matches only files in ${options.excludedNames ?? "excluded directories"}`
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
function recordedPath(cwd, absolute) {
  const inside = relative(cwd, absolute);
  const outside = inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside);
  return (outside ? absolute : inside).split(sep).join("/");
}
function unlistableReason(name) {
  const text = name.toString("utf8");
  if (!Buffer.from(text, "utf8").equals(name)) return "is not UTF-8";
  const control = /[\u0000-\u001f\u007f]/.exec(text);
  if (control) return `has a control character (${JSON.stringify(control[0]).slice(1, -1)})`;
  if (text.includes("\\")) return "has a backslash";
  return void 0;
}
function escapedName(name) {
  let shown = "";
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (let at = 0; at < name.length; ) {
    let taken = 0;
    for (let length = Math.min(4, name.length - at); length >= 1 && taken === 0; length--) {
      try {
        const char = decoder.decode(name.subarray(at, at + length));
        if ([...char].length === 1) {
          shown += displayPath(char);
          taken = length;
        }
      } catch {
      }
    }
    if (taken === 0) {
      shown += `\\x${name[at].toString(16).toUpperCase().padStart(2, "0")}`;
      taken = 1;
    }
    at += taken;
  }
  return shown;
}
var UnlistableFileName = class extends InputError {
  constructor(option, name, reason) {
    super(
      `${option}: the file name '${escapedName(name)}' ${reason}, which a listing of files cannot carry: rename it`
    );
  }
};
async function expandPattern(pattern, cwd, option, excluded) {
  const literal = resolve(cwd, pattern);
  const literalStat = await stat(literal).catch((error) => {
    if (error.code === "ENOENT" || error.code === "ENOTDIR") return void 0;
    throw new InputError(`${option}: cannot read '${pattern}': ${describeFileError(error)}`);
  });
  if (literalStat?.isFile()) return [literal];
  if (literalStat?.isDirectory()) return filesUnder(literal, cwd, option, excluded);
  if (literalStat) throw new InputError(`${option}: '${pattern}' is not a regular file or directory`);
  if (!isDynamicPattern(pattern)) {
    const link = await lstat(literal).catch(() => void 0);
    return link?.isSymbolicLink() ? [literal] : [];
  }
  const walk = new LinkResolvingWalk(cwd, option, excluded);
  const matches = await glob(pattern, { cwd, dot: false, onlyFiles: false, fs: walk.fs() });
  walk.throwProblems();
  const files = [];
  const directories = [];
  for (const match of matches) {
    if (match.endsWith("/")) directories.push(resolve(cwd, match));
    else files.push(resolve(cwd, match));
  }
  const walked = /* @__PURE__ */ new Set();
  for (const directory of directories.sort((a, b) => a.length - b.length)) {
    let inside = false;
    for (let above = directory; !inside; above = dirname(above)) {
      inside = walked.has(above);
      if (dirname(above) === above) break;
    }
    if (inside) continue;
    walked.add(directory);
    files.push(...await filesUnder(directory, cwd, option, excluded));
  }
  return files;
}
async function filesUnder(directory, cwd, option, excluded) {
  const walk = new LinkResolvingWalk(cwd, option, excluded);
  const files = await glob("**", { cwd: directory, dot: true, onlyFiles: true, fs: walk.fs() });
  walk.throwProblems();
  return files.map((file) => resolve(directory, file));
}
var LinkResolvingWalk = class {
  constructor(cwd, option, excluded = () => false) {
    this.cwd = cwd;
    this.option = option;
    this.excluded = excluded;
  }
  cwd;
  option;
  excluded;
  problems = [];
  /** The first name found that the listing cannot carry (the glob would drop or mangle it). */
  unlistable;
  realPaths = /* @__PURE__ */ new Map();
  fs() {
    const readdirAdapter = (directory, _options, callback) => {
      this.list(directory).then(
        (entries) => callback(null, entries),
        (error) => {
          if (error.code !== "ENOENT" && error.code !== "ENOTDIR")
            this.problems.push(
              `cannot read directory '${this.display(directory)}': ${describeFileError(error)}`
            );
          callback(null, []);
        }
      );
    };
    return { readdir: readdirAdapter };
  }
  throwProblems() {
    if (this.unlistable) throw this.unlistable;
    if (this.problems.length > 0) throw new InputError(`${this.option}: ${this.problems[0]}`);
  }
  async list(directory) {
    const rawEntries = await readdir(directory, { withFileTypes: true, encoding: "buffer" });
    const entries = [];
    for (const raw of rawEntries) {
      const rawName = raw.name;
      const name = rawName.toString("utf8");
      const reason = unlistableReason(rawName);
      if (reason !== void 0 && !this.excluded(resolve(directory, name))) {
        const parent = this.display(resolve(directory));
        const shown = Buffer.concat([Buffer.from(parent === "" ? "" : `${parent}/`), rawName]);
        this.unlistable ??= new UnlistableFileName(this.option, shown, reason);
        continue;
      }
      entries.push({
        name,
        isFile: () => raw.isFile(),
        isDirectory: () => raw.isDirectory(),
        isSymbolicLink: () => raw.isSymbolicLink()
      });
    }
    const listed = [];
    for (const entry of entries) {
      if (!entry.isSymbolicLink()) {
        listed.push(entry);
        continue;
      }
      const path = resolve(directory, entry.name);
      const target = await stat(path).catch(() => void 0);
      if (target === void 0 || target.isFile()) listed.push(entryAs(entry.name, "file"));
      else if (target.isDirectory()) {
        if (await this.isAncestor(await realpath(path), directory)) {
          this.problems.push(`'${this.display(path)}' is a symbolic link to a directory that contains it`);
        } else listed.push(entryAs(entry.name, "directory"));
      }
    }
    return listed;
  }
  /** Whether `real` is the real path of `directory` or of any directory above it, as the walk reached them. */
  async isAncestor(real, directory) {
    for (let path = directory; ; path = dirname(path)) {
      if (await this.realPathOf(path) === real) return true;
      if (dirname(path) === path) return false;
    }
  }
  realPathOf(path) {
    let real = this.realPaths.get(path);
    if (real === void 0) {
      real = realpath(path);
      this.realPaths.set(path, real);
    }
    return real;
  }
  display(path) {
    return recordedPath(this.cwd, path.endsWith("/") && path.length > 1 ? path.slice(0, -1) : path);
  }
};
function entryAs(name, kind) {
  return {
    name,
    isFile: () => kind === "file",
    isDirectory: () => kind === "directory",
    isSymbolicLink: () => false
  };
}
function describeFileError(error) {
  switch (error.code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory";
    case "ENOTDIR":
      return "a parent is not a directory";
    case "ELOOP":
      return "too many levels of symbolic links";
    default:
      return error.code ?? error.message;
  }
}
var hashCachePath = ".mlci/hash-cache.json";
var racyWindowNs = 2000000000n;
var cacheFormat = 1;
var HashCache = class _HashCache {
  constructor(file, previous, options) {
    this.file = file;
    this.previous = previous;
    this.maxEntries = options.maxEntries ?? 1e5;
    this.clock = options.clock ?? (() => BigInt(Date.now()) * 1000000n);
  }
  file;
  previous;
  /** Seen this run (hits and new records), in the order seen. */
  current = /* @__PURE__ */ new Map();
  maxEntries;
  clock;
  /** Reads the cache file; a missing, unreadable or malformed one gives an empty cache (it only costs time). */
  static async load(file, options = {}) {
    const previous = /* @__PURE__ */ new Map();
    try {
      const parsed = parseJson(await readFile(file, "utf8"), file);
      if (parsed?.version === cacheFormat && Array.isArray(parsed.entries)) {
        for (const row of parsed.entries) {
          const entry = parseRow(row);
          if (entry) previous.set(entry[0], entry[1]);
        }
      }
    } catch {
      previous.clear();
    }
    return new _HashCache(file, previous, options);
  }
  /** Whether the cache has any record: without one, every file is read. */
  hasRecords() {
    return this.previous.size > 0 || this.current.size > 0;
  }
  /** Now, in the cache's clock: take it before stat'ing the files whose records will carry it. */
  now() {
    return this.clock();
  }
  /** The hex digest of the file at `path` (absolute) if its stat matches a trusted record. */
  lookup(path, stats) {
    const record = this.current.get(path) ?? this.previous.get(path);
    if (record === void 0 || record.dev !== stats.dev || record.ino !== stats.ino || record.size !== stats.size || record.mtimeNs !== stats.mtimeNs || record.ctimeNs !== stats.ctimeNs)
      return void 0;
    const trustedBefore = record.recordedNs - racyWindowNs;
    if (record.mtimeNs >= trustedBefore || record.ctimeNs >= trustedBefore) return void 0;
    this.current.set(path, record);
    return record.digest;
  }
  /** Records the hex digest of the file at `path` (absolute), with the stat taken after `statTimeNs`. */
  record(path, stats, digest, statTimeNs) {
    this.current.delete(path);
    this.current.set(path, {
      dev: stats.dev,
      ino: stats.ino,
      size: stats.size,
      mtimeNs: stats.mtimeNs,
      ctimeNs: stats.ctimeNs,
      recordedNs: statTimeNs,
      digest
    });
  }
  /** Writes the cache atomically. A failure is the caller's to report as a warning: the cache is only speed. */
  async save() {
    const rows = [];
    const keep = (path, record) => rows.push([
      path,
      `${record.dev}`,
      `${record.ino}`,
      `${record.size}`,
      `${record.mtimeNs}`,
      `${record.ctimeNs}`,
      `${record.recordedNs}`,
      record.digest
    ]);
    for (const [path, record] of this.current) keep(path, record);
    for (const [path, record] of this.previous) {
      if (rows.length >= this.maxEntries) break;
      if (!this.current.has(path)) keep(path, record);
    }
    const body = rows.map((row) => JSON.stringify(row)).join(",\n");
    await writeFileAtomic(this.file, `{"version":${cacheFormat},"entries":[
${body}
]}
`);
  }
};
var decimal = /^\d+$/;
var hex = /^[0-9a-f]{64}$/;
function parseRow(row) {
  if (!Array.isArray(row) || row.length !== 8 || !row.every((cell) => typeof cell === "string"))
    return void 0;
  const [path, dev, ino, size, mtimeNs, ctimeNs, recordedNs, digest] = row;
  const numbers = [dev, ino, size, mtimeNs, ctimeNs, recordedNs];
  if (!path || !numbers.every((number) => decimal.test(number)) || !hex.test(digest))
    return void 0;
  const [d, i, s, m, c, r] = numbers.map(BigInt);
  return [path, { dev: d, ino: i, size: s, mtimeNs: m, ctimeNs: c, recordedNs: r, digest }];
}
async function fingerprintFiles(root, paths, options = {}) {
  const cache = options.hashCache;
  const statTimeNs = cache?.now() ?? 0n;
  const absolutes = paths.map((path) => resolve(root, path));
  const threads = new FileThreads(options.workers ?? availableParallelism());
  try {
    const statted = await (cache?.hasRecords() ? statHere(absolutes) : statInThreads(threads, absolutes));
    const failed = statted.findIndex((stamp) => !("regular" in stamp));
    if (failed >= 0) {
      const { code, message } = statted[failed];
      const error = Object.assign(new Error(message), { code });
      throw await unreadable(paths[failed], absolutes[failed], error);
    }
    const stamps = statted;
    stamps.forEach((stamp, index) => {
      if (!stamp.regular) throw new InputError(`cannot read '${paths[index]}': not a regular file`);
    });
    const digests = stamps.map(
      (stamp, index) => cache?.lookup(absolutes[index], stamp)
    );
    const toHash = digests.flatMap((digest, index) => digest === void 0 ? [index] : []);
    const hashed = await hashFiles(
      threads,
      toHash.map((index) => ({
        path: absolutes[index],
        size: Number(stamps[index].size)
      })),
      options.onProgress,
      (item, error) => unreadable(
        paths[toHash[item]],
        absolutes[toHash[item]],
        error
      )
    );
    const sizes = stamps.map((stamp) => Number(stamp.size));
    let hashedBytes = 0;
    toHash.forEach((index, item) => {
      const result = hashed[item];
      digests[index] = result.digest;
      sizes[index] = result.size;
      hashedBytes += result.size;
      const stamp = stamps[index];
      if (cache && BigInt(result.size) === stamp.size)
        cache.record(absolutes[index], stamp, result.digest, statTimeNs);
    });
    const files = paths.map((path, index) => ({
      path,
      size: sizes[index],
      digest: `sha256:${digests[index]}`,
      executable: (stamps[index].mode & 0o100n) !== 0n
    }));
    return { ...fileSetOf(files), hashedFiles: toHash.length, hashedBytes };
  } finally {
    await threads.close();
  }
}
async function unreadable(path, absolute, error) {
  if (error.code === "ENOENT") {
    const link = await lstat(absolute).catch(() => void 0);
    if (link?.isSymbolicLink()) return new InputError(`cannot read '${path}': broken symbolic link`);
  }
  return new InputError(`cannot read '${path}': ${describeFileError(error)}`, { cause: error });
}
var statJobFiles = 512;
var batchBytes = 8 << 20;
var batchFiles = 256;
var readBufferBytes = 256 << 10;
var progressEveryBytes = 64 << 20;
async function statInThreads(threads, absolutes) {
  const jobs = [];
  for (let start = 0; start < absolutes.length; start += statJobFiles)
    jobs.push({ kind: "stat", paths: absolutes.slice(start, start + statJobFiles), bytes: 0 });
  const stamps = new Array(absolutes.length);
  await threads.run(jobs, {
    take: (job, results) => {
      results.forEach((result, position) => {
        stamps[job * statJobFiles + position] = result;
      });
    }
  });
  return stamps;
}
function statHere(absolutes) {
  return mapConcurrently(
    absolutes,
    64,
    (absolute) => stat(absolute, { bigint: true }).then(
      (stats) => ({
        dev: stats.dev,
        ino: stats.ino,
        size: stats.size,
        mtimeNs: stats.mtimeNs,
        ctimeNs: stats.ctimeNs,
        mode: stats.mode,
        regular: stats.isFile()
      }),
      (error) => ({ code: error.code, message: error.message })
    )
  );
}
async function hashFiles(threads, files, onProgress, failure) {
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  onProgress?.(0, totalBytes);
  const order = files.map((_, item) => item).sort((a, b) => files[b].size - files[a].size);
  const batches = [];
  const jobs = [];
  let current = [];
  let currentBytes = 0;
  const close = () => {
    batches.push(current);
    jobs.push({
      kind: "hash",
      paths: current.map((item) => files[item].path),
      bytes: currentBytes
    });
  };
  for (const item of order) {
    const size = files[item].size;
    if (current.length > 0 && (currentBytes + size > batchBytes || current.length >= batchFiles)) {
      close();
      current = [];
      currentBytes = 0;
    }
    current.push(item);
    currentBytes += size;
  }
  if (current.length > 0) close();
  const results = new Array(files.length);
  let doneBytes = 0;
  await threads.run(jobs, {
    take: (job, hashed) => {
      const items = batches[job];
      hashed.forEach((result, position) => {
        results[items[position]] = result;
      });
    },
    progress: (bytes) => {
      doneBytes += bytes;
      onProgress?.(doneBytes, totalBytes);
    },
    failure: (job, position, error) => failure(batches[job][position], error)
  });
  return results;
}
var workerSource = `
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
var FileThreads = class {
  constructor(limit) {
    this.limit = limit;
  }
  limit;
  workers = [];
  /** The run in progress: where the threads' messages and failures go. */
  current;
  /** A thread that failed or exited between runs: the next run fails with it. */
  broken;
  run(jobs, handlers) {
    if (jobs.length === 0) return Promise.resolve();
    if (this.broken) return Promise.reject(this.broken);
    const count = Math.max(1, Math.min(this.limit, jobs.length));
    while (this.workers.length < count) this.workers.push(this.start());
    return new Promise((resolveRun, rejectRun) => {
      let next = 0;
      let pending = jobs.length;
      const inFlight = /* @__PURE__ */ new Map();
      const finish = (error) => {
        if (this.current === void 0) return;
        this.current = void 0;
        if (error === void 0) resolveRun();
        else rejectRun(error);
      };
      const dispatch = (worker, most = 2) => {
        while (next < jobs.length && this.current !== void 0) {
          const busy = inFlight.get(worker) ?? 0;
          const job = jobs[next];
          if (busy >= most || busy === 1 && job.bytes > batchBytes) return;
          inFlight.set(worker, busy + 1);
          worker.postMessage({ job: next++, kind: job.kind, paths: job.paths });
        }
      };
      this.current = {
        message: (worker, message) => {
          if (message.progress) handlers.progress?.(message.progress);
          if (message.job === void 0) return;
          if ("failed" in message) {
            const error = Object.assign(new Error(message.message), { code: message.code });
            const failure = handlers.failure?.(message.job, message.failed, error) ?? Promise.resolve(error);
            failure.then(finish, finish);
            return;
          }
          handlers.take(message.job, message.results);
          inFlight.set(worker, (inFlight.get(worker) ?? 1) - 1);
          if (--pending === 0) finish();
          else dispatch(worker);
        },
        fail: finish
      };
      for (const worker of this.workers) dispatch(worker, 1);
      for (const worker of this.workers) dispatch(worker);
    });
  }
  async close() {
    this.current = void 0;
    this.broken ??= new Error("the hashing threads were closed");
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
  start() {
    const worker = new Worker(workerSource, { eval: true });
    const fail = (error) => {
      this.broken ??= error;
      this.current?.fail(error);
    };
    worker.on("message", (message) => this.current?.message(worker, message));
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`a hashing thread exited early (code ${code})`)));
    return worker;
  }
};

export {
  expandPaths,
  UnlistableFileName,
  describeFileError,
  hashCachePath,
  HashCache,
  fingerprintFiles
};
