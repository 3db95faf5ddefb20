#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  hasLayoutBlob,
  initLayout,
  layoutBlobPath,
  parseBaseReference,
  putLayoutBlobBytes,
  putLayoutBlobFile,
  resolveBase,
  tagLayout,
  taggedImageLayers
} from "./chunk-IWFGKYI6.mjs";
import {
  defaultChunkBytes,
  parallelGzip,
  parallelZstd,
  zstdApi,
  zstdMissing
} from "./chunk-EEILQQC3.mjs";
import "./chunk-2XMYJ5XD.mjs";
import {
  checkLayerCompression,
  layerMediaTypes
} from "./chunk-3P2GI5CC.mjs";
import {
  buildImageConfig,
  buildImageManifest,
  formatPlatform,
  imageAnnotations,
  imageMediaTypes,
  parsePlatform,
  serializeConfig
} from "./chunk-K3J2CXMS.mjs";
import {
  HashCache,
  describeFileError,
  fingerprintFiles,
  hashCachePath
} from "./chunk-QKIDLYGI.mjs";
import "./chunk-VXLUZCFX.mjs";
import "./chunk-YWAIXB75.mjs";
import {
  writeFileAtomic
} from "./chunk-VQWOU3SX.mjs";
import {
  RegistryClient,
  UploadSessionLost
} from "./chunk-FIL44SLO.mjs";
import {
  formatReference,
  isValidTag,
  parseReference
} from "./chunk-J77EQZPR.mjs";
import {
  comparePaths
} from "./chunk-ZAIHXEFC.mjs";
import {
  mapConcurrently
} from "./chunk-IS7M7TXC.mjs";
import {
  copyWithDigest
} from "./chunk-KLG7ZBD7.mjs";
import {
  movePath
} from "./chunk-4VSSUXZN.mjs";
import {
  makeScratchDirectory
} from "./chunk-BOL2UAYQ.mjs";
import "./chunk-Q2OW4E5W.mjs";
import "./chunk-7YFYVVS2.mjs";
import {
  parseJson
} from "./chunk-COETP6OK.mjs";
import "./chunk-2WYYKV6E.mjs";
import {
  InputError,
  ServiceError,
  firstLine
} from "./chunk-C6XSGGFY.mjs";
import "./chunk-AQW5IZUH.mjs";

// packages/core/src/image/build.ts
import { tmpdir } from "node:os";
import { join as join4, resolve as resolve2 } from "node:path";

// packages/core/src/image/entrypoint.ts
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { join, posix } from "node:path";
import { pipeline } from "node:stream";
import { createGunzip } from "node:zlib";
var defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
function startProgram(config) {
  return config.Entrypoint?.[0] ?? config.Cmd?.[0];
}
function candidates(program, env) {
  if (program.startsWith("/")) return [posix.normalize(program)];
  if (program.includes("/")) return [];
  const path = env.find((each) => each.startsWith("PATH="))?.slice("PATH=".length) ?? defaultPath;
  return path.split(":").filter((dir) => dir.startsWith("/")).map((dir) => posix.join(dir, program));
}
async function added(layers, path) {
  for (const layer of layers) {
    for (const source of layer.sources) {
      const dest = posix.normalize(source.dest);
      if (dest === path) return true;
      const inside = posix.relative(dest, path);
      if (inside.startsWith("..") || posix.isAbsolute(inside)) continue;
      const found = await stat(join(source.source, ...inside.split("/"))).catch(() => void 0);
      if (found) return true;
    }
  }
  return false;
}
async function inBase(base, paths, fetchLayer) {
  const undecided = new Set(paths);
  const present = /* @__PURE__ */ new Set();
  for (const layer of [...base.layers].reverse()) {
    if (undecided.size === 0) break;
    const file = await fetchLayer(layer);
    const wanted = /* @__PURE__ */ new Map();
    for (const path of undecided) {
      wanted.set(path.slice(1), path);
      wanted.set(posix.join(posix.dirname(path), `.wh.${posix.basename(path)}`).slice(1), `-${path}`);
    }
    for await (const name of tarNames(file, layer)) {
      const hit = wanted.get(name.replace(/^\.?\/+/, "").replace(/\/+$/, ""));
      if (hit === void 0) continue;
      const path = hit.startsWith("-") ? hit.slice(1) : hit;
      if (!undecided.delete(path)) continue;
      if (!hit.startsWith("-")) present.add(path);
    }
  }
  return present;
}
var maxSpecialEntryBytes = 1024 * 1024;
async function* tarNames(file, layer) {
  const mediaType = layer.mediaType;
  const zstd = mediaType === imageMediaTypes.layerZstd ? zstdApi() : void 0;
  if (mediaType === imageMediaTypes.layerZstd && !zstd)
    throw new InputError(`base layer ${layer.digest} is zstd-compressed: ${zstdMissing()}`);
  const raw = createReadStream(file);
  const decompress = mediaType === imageMediaTypes.layerTar ? void 0 : zstd ? zstd.createZstdDecompress() : createGunzip();
  const stream = decompress ? pipeline(raw, decompress, () => {
  }) : raw;
  let buffer = Buffer.alloc(0);
  let skip = 0;
  let longName;
  let pending;
  try {
    for await (const chunk of stream) {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      for (; ; ) {
        if (skip > 0) {
          const dropped = Math.min(skip, buffer.length);
          buffer = buffer.subarray(dropped);
          skip -= dropped;
          if (skip > 0) break;
        }
        if (pending) {
          const padded = Math.ceil(pending.size / 512) * 512;
          if (buffer.length < padded) break;
          const body = buffer.subarray(0, pending.size).toString("utf8");
          longName = pending.kind === "gnu" ? body.replace(/\0.*$/s, "") : /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body)?.[1] ?? longName;
          buffer = buffer.subarray(padded);
          pending = void 0;
          continue;
        }
        if (buffer.length < 512) break;
        const header = buffer.subarray(0, 512);
        buffer = buffer.subarray(512);
        if (header.every((byte) => byte === 0)) continue;
        const text = (start, length) => header.subarray(start, start + length).toString("utf8").replace(/\0.*$/s, "");
        const size = Number.parseInt(text(124, 12).trim() || "0", 8);
        const type = String.fromCharCode(header[156] ?? 0);
        if (type === "L" || type === "x") {
          if (!(size <= maxSpecialEntryBytes))
            throw new ServiceError(
              `base layer ${layer.digest}: a ${type === "L" ? "GNU long name" : "pax header"} of ${size} bytes, more than the 1 MiB a tar reader takes (Go's archive/tar refuses it too)`
            );
          pending = { kind: type === "L" ? "gnu" : "pax", size };
          continue;
        }
        const prefix = text(257, 6).startsWith("ustar") ? text(345, 155) : "";
        const name = longName ?? (prefix ? `${prefix}/${text(0, 100)}` : text(0, 100));
        longName = void 0;
        yield name;
        skip = Math.ceil(size / 512) * 512;
      }
    }
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    throw new ServiceError(`base layer ${layer.digest}: cannot be read: ${firstLine(error)}`);
  } finally {
    raw.destroy();
  }
}
async function checkStartProgram(options) {
  const { config, base, layers } = options;
  const program = startProgram(config);
  if (program === void 0) return;
  const paths = candidates(program, config.Env ?? []);
  if (paths.length === 0) return;
  for (const path of paths) if (await added(layers, path)) return;
  if (base && (await inBase(base, paths, options.fetchLayer)).size > 0) return;
  const which = config.Entrypoint?.[0] !== void 0 ? "entrypoint" : "cmd";
  const where = program.startsWith("/") ? "" : ` (looked for in PATH: ${paths.map(posix.dirname).join(":")})`;
  const baseText = base ? `the base ${base.text} does not have it` : "the base is scratch, which has no files";
  throw new InputError(
    `${which} '${program}' is not in the image${where}: ${baseText} and no add puts it there; ${suggestion(program)}`
  );
}
function suggestion(program) {
  const name = posix.basename(program);
  if (/^python[\d.]*$/.test(name)) return "use a base with Python, e.g. --base python:3.12-slim";
  if (name === "node") return "use a base with Node.js, e.g. --base node:22-slim";
  if (name === "java") return "use a base with a JRE, e.g. --base eclipse-temurin:21-jre";
  if (name === "sh" || name === "bash") return "use a base with a shell, e.g. --base debian:12-slim";
  return "add it (--add SRC:DEST) or use a base that has it";
}

// packages/core/src/image/layer.ts
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { lstat, mkdir, readdir, readlink, realpath, rm, stat as stat2 } from "node:fs/promises";
import { basename, dirname, isAbsolute, join as join2, posix as posix2, relative, resolve, sep } from "node:path";
import { Readable } from "node:stream";

// packages/core/src/image/layer-cache.ts
import { readFile } from "node:fs/promises";
var cacheFormat = 1;
var maxEntries = 1e3;
var digestPattern = /^sha256:[0-9a-f]{64}$/;
var keyPattern = /^[0-9a-f]{64}$/;
var LayerCache = class _LayerCache {
  constructor(file, entries) {
    this.file = file;
    this.entries = entries;
  }
  file;
  entries;
  static async load(file) {
    const entries = /* @__PURE__ */ new Map();
    try {
      const parsed = parseJson(await readFile(file, "utf8"), file);
      if (parsed?.version === cacheFormat && Array.isArray(parsed.layers)) {
        for (const row of [...parsed.layers].reverse()) {
          const entry = parseRow(row);
          if (entry) entries.set(entry[0], entry[1]);
        }
      }
    } catch {
      entries.clear();
    }
    return new _LayerCache(file, entries);
  }
  get(key) {
    const layer = this.entries.get(key);
    if (layer) {
      this.entries.delete(key);
      this.entries.set(key, layer);
    }
    return layer;
  }
  set(key, layer) {
    this.entries.delete(key);
    this.entries.set(key, layer);
  }
  /** Writes the cache atomically; a failure is the caller's to report as a warning. */
  async save() {
    const rows = [...this.entries].reverse().slice(0, maxEntries);
    const body = rows.map(([key, layer]) => JSON.stringify({ key, ...layer })).join(",\n");
    await writeFileAtomic(this.file, `{"version":${cacheFormat},"layers":[
${body}
]}
`);
  }
};
function parseRow(row) {
  if (typeof row !== "object" || row === null) return void 0;
  const { key, diffId, tarSize, mediaType, digest, size } = row;
  if (typeof key !== "string" || !keyPattern.test(key) || typeof diffId !== "string" || !digestPattern.test(diffId) || typeof digest !== "string" || !digestPattern.test(digest) || typeof mediaType !== "string" || !Number.isSafeInteger(tarSize) || tarSize < 0 || !Number.isSafeInteger(size) || size < 0)
    return void 0;
  return [key, { diffId, tarSize, mediaType, digest, size }];
}

// packages/core/src/image/tar.ts
import { open } from "node:fs/promises";
var blockSize = 512;
var maxOctal11 = 8589934591;
var paxHeaderName = "././@PaxHeader";
var tarTrailer = Buffer.alloc(2 * blockSize);
async function* tarStream(entries, mtime, chunkBytes = defaultChunkBytes) {
  if (!Number.isInteger(mtime) || mtime < 0 || mtime > maxOctal11)
    throw new InputError(`layer mtime ${mtime} is not a whole number of seconds between 1970 and 2242`);
  let chunk = Buffer.allocUnsafe(chunkBytes);
  let used = 0;
  const full = () => used === chunkBytes;
  const next = () => {
    const done = chunk;
    chunk = Buffer.allocUnsafe(chunkBytes);
    used = 0;
    return done;
  };
  const put = (bytes, from) => {
    const length = typeof bytes === "number" ? bytes - from : bytes.length - from;
    const fits = Math.min(length, chunkBytes - used);
    if (typeof bytes === "number") chunk.fill(0, used, used + fits);
    else bytes.copy(chunk, used, from, from + fits);
    used += fits;
    return fits;
  };
  for (const entry of entries) {
    const header = entryHeader(entry, mtime);
    for (let at = 0; at < header.length; ) {
      at += put(header, at);
      if (full()) yield next();
    }
    if (entry.type === "file" && entry.size > 0) {
      const file = await openContent(entry);
      try {
        for (let remaining = entry.size; remaining > 0; ) {
          const length = Math.min(remaining, chunkBytes - used);
          const { bytesRead: bytesRead2 } = await file.read(chunk, used, length, null);
          if (bytesRead2 === 0) throw changedWhileRead(entry);
          used += bytesRead2;
          remaining -= bytesRead2;
          if (full()) yield next();
        }
        const { bytesRead } = await file.read(Buffer.alloc(1), 0, 1, null);
        if (bytesRead !== 0) throw changedWhileRead(entry);
      } finally {
        await file.close();
      }
      const padding = (blockSize - entry.size % blockSize) % blockSize;
      for (let at = 0; at < padding; ) {
        at += put(padding, at);
        if (full()) yield next();
      }
    }
  }
  for (let at = 0; at < tarTrailer.length; ) {
    at += put(tarTrailer, at);
    if (full()) yield next();
  }
  if (used > 0) yield chunk.subarray(0, used);
}
function entryHeader(entry, mtime) {
  const name = entry.type === "directory" ? `${entry.path}/` : entry.path;
  const size = entry.type === "file" ? entry.size : 0;
  const linkName = entry.type === "symlink" ? entry.target : "";
  const records = [];
  if (!fitsUstar(name)) records.push(["path", name]);
  if (!fitsUstar(linkName)) records.push(["linkpath", linkName]);
  if (size > maxOctal11) records.push(["size", `${size}`]);
  const typeFlag = entry.type === "file" ? "0" : entry.type === "directory" ? "5" : "2";
  const header = ustarHeader({ name, mode: entry.mode, size, mtime, typeFlag, linkName });
  if (records.length === 0) return header;
  const body = Buffer.from(records.map(([key, value]) => paxRecord(key, value)).join(""), "utf8");
  const pax = ustarHeader({
    name: paxHeaderName,
    mode: 420,
    size: body.length,
    mtime,
    typeFlag: "x",
    linkName: ""
  });
  const padding = (blockSize - body.length % blockSize) % blockSize;
  return Buffer.concat([pax, body, Buffer.alloc(padding), header]);
}
function fitsUstar(text) {
  return text.length <= 100 && /^[\x01-\x7f]*$/.test(text);
}
function paxRecord(key, value) {
  const rest = ` ${key}=${value}
`;
  const restBytes = Buffer.byteLength(rest, "utf8");
  let length = restBytes + 1;
  while (`${length}`.length + restBytes !== length) length = `${length}`.length + restBytes;
  return `${length}${rest}`;
}
function ustarHeader(fields) {
  const header = Buffer.alloc(blockSize);
  Buffer.from(fields.name, "utf8").copy(header, 0, 0, 100);
  writeOctal(header, 100, 8, fields.mode);
  writeOctal(header, 108, 8, 0);
  writeOctal(header, 116, 8, 0);
  writeOctal(header, 124, 12, fields.size > maxOctal11 ? 0 : fields.size);
  writeOctal(header, 136, 12, fields.mtime);
  header.write(fields.typeFlag, 156, "ascii");
  Buffer.from(fields.linkName, "utf8").copy(header, 157, 0, 100);
  header.write("ustar\x0000", 257, "ascii");
  writeOctal(header, 329, 8, 0);
  writeOctal(header, 337, 8, 0);
  header.fill(32, 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "ascii");
  return header;
}
function writeOctal(header, offset, width, value) {
  header.write(`${value.toString(8).padStart(width - 1, "0")}\0`, offset, "ascii");
}
function changedWhileRead(entry) {
  return new InputError(`'${entry.display}' changed while the layer was built; run again`);
}
async function openContent(entry) {
  return open(entry.source, "r").catch((error) => {
    throw new InputError(`cannot read '${entry.display}': ${error.code ?? error.message}`, { cause: error });
  });
}

// packages/core/src/image/layer.ts
var layerFormat = 3;
async function buildLayer(spec, options) {
  await checkLayerCompression(spec.compression, spec.level);
  const { logger } = options;
  const listed = await listLayerEntries(spec, logger);
  const cacheDir = dirname(options.cacheFile);
  const [layerCache, hashCache] = await Promise.all([
    LayerCache.load(options.cacheFile),
    // The workspace's hash cache (train's too), next to the layer cache.
    HashCache.load(join2(cacheDir, basename(hashCachePath)))
  ]);
  const key = await layerKey(spec, listed, hashCache);
  await saveQuietly(hashCache, logger);
  const cached = layerCache.get(key);
  if (cached) {
    const descriptor = { mediaType: cached.mediaType, digest: cached.digest, size: cached.size };
    if (await options.exists(descriptor)) {
      logger.debug(`layer ${spec.createdBy}: unchanged (${cached.digest}), already at the target`);
      await saveQuietly(layerCache, logger);
      return { descriptor, diffId: cached.diffId, createdBy: spec.createdBy };
    }
  }
  if (options.known) {
    const tar = cached ?? await hashTar(listed, spec.mtime);
    const known = options.known(tar.diffId);
    if (known && await options.exists(known)) {
      const descriptor = { mediaType: known.mediaType, digest: known.digest, size: known.size };
      logger.debug(
        `layer ${spec.createdBy}: the target's image has diff ${tar.diffId} as ${descriptor.digest}; not compressed`
      );
      layerCache.set(key, { diffId: tar.diffId, tarSize: tar.tarSize, ...descriptor });
      await saveQuietly(layerCache, logger);
      return { descriptor, diffId: tar.diffId, createdBy: spec.createdBy };
    }
  }
  const built = await writeLayerBlob(listed.entries, {
    mtime: spec.mtime,
    compression: spec.compression,
    level: spec.level,
    scratchDir: options.scratchDir,
    threads: options.compressionThreads,
    ...options.upload && { upload: options.upload }
  });
  await checkUnchanged(listed);
  if (cached && (cached.digest !== built.layer.digest || cached.diffId !== built.layer.diffId))
    logger.debug(
      `layer ${spec.createdBy}: cached ${cached.digest} (diff ${cached.diffId}) replaced by rebuilt ${built.layer.digest} (diff ${built.layer.diffId})`
    );
  layerCache.set(key, built.layer);
  await saveQuietly(layerCache, logger);
  return {
    descriptor: { mediaType: built.layer.mediaType, digest: built.layer.digest, size: built.layer.size },
    diffId: built.layer.diffId,
    ...built.path ? { path: built.path } : { uploaded: true },
    createdBy: spec.createdBy
  };
}
async function saveQuietly(cache, logger) {
  await cache.save().catch((error) => logger.warn(`cannot save '${cache.file}': ${error.message}`));
}
async function listLayerEntries(spec, logger) {
  const workspace = await realpath(spec.workspace).catch((error) => {
    throw new InputError(`workspace '${spec.workspace}': ${describeFileError(error)}`);
  });
  const byPath = /* @__PURE__ */ new Map();
  const files = [];
  const add = (entry, from) => {
    const earlier = byPath.get(entry.path);
    if (earlier === void 0) {
      byPath.set(entry.path, { entry, from });
      return;
    }
    if (earlier.entry.type === "directory" && entry.type === "directory") return;
    throw new InputError(`'/${entry.path}' in the image comes from both '${earlier.from}' and '${from}'`);
  };
  const addParents = (path) => {
    for (let parent = posix2.dirname(path); parent !== "."; parent = posix2.dirname(parent))
      add({ type: "directory", path: parent, mode: 493 }, `parent of '/${path}'`);
  };
  const display = (absolute) => relative(workspace, absolute).split(sep).join("/") || ".";
  for (const { source, dest } of spec.sources) {
    const lexical = resolve(spec.workspace, source);
    const named = relative(resolve(spec.workspace), lexical).split(sep).join("/") || ".";
    if (!isAbsolute(dest) || !dest.startsWith("/") || dest.includes("\0"))
      throw new InputError(`layer destination '${dest}' for '${named}' is not an absolute path`);
    if (!isInside(resolve(spec.workspace), lexical))
      throw new InputError(`layer source '${source}' is outside the workspace '${spec.workspace}'`);
    await lstat(lexical).catch((error) => {
      throw new InputError(`layer source '${named}': ${describeFileError(error)}`);
    });
    const real = await realpath(lexical).catch((error) => {
      throw new InputError(`layer source '${named}': ${describeFileError(error)}`);
    });
    if (!isInside(workspace, real))
      throw new InputError(
        `layer source '${named}' resolves to '${real}', outside the workspace '${workspace}'`
      );
    const stats = await stat2(real, { bigint: true });
    const base = posix2.normalize(dest).replace(/^\/+/, "").replace(/\/+$/, "");
    if (stats.isFile()) {
      const path = dest.endsWith("/") ? posix2.join(base, posix2.basename(real)) : base;
      if (path === "") throw new InputError(`layer destination '${dest}' for file '${named}' names no file`);
      addParents(path);
      const entry = fileEntry(path, real, stats, display(real));
      add(entry, named);
      files.push({ entry, stats });
    } else if (stats.isDirectory()) {
      if (base !== "") {
        addParents(base);
        add({ type: "directory", path: base, mode: 493 }, named);
      }
      await walk(real, base, {
        workspace,
        logger,
        display,
        add: (entry, from, entryStats) => {
          add(entry, from);
          if (entry.type === "file") files.push({ entry, stats: entryStats });
        }
      });
    } else throw new InputError(`layer source '${named}' is not a regular file or directory`);
  }
  const entries = [...byPath.values()].map(({ entry }) => ({ entry, bytes: Buffer.from(entry.path, "utf8") })).sort((a, b) => Buffer.compare(a.bytes, b.bytes)).map(({ entry }) => entry);
  return { entries, workspace, files };
}
var skippedDirectories = /* @__PURE__ */ new Set([".git", ".mlci"]);
async function walk(directory, base, context) {
  const names = await readdir(directory).catch((error) => {
    throw new InputError(
      `cannot read directory '${context.display(directory)}': ${describeFileError(error)}`
    );
  });
  for (const name of names.sort(comparePaths)) {
    if (skippedDirectories.has(name)) continue;
    const absolute = join2(directory, name);
    const shown = context.display(absolute);
    const path = base === "" ? name : `${base}/${name}`;
    const stats = await lstat(absolute, { bigint: true }).catch((error) => {
      throw new InputError(`cannot read '${shown}': ${describeFileError(error)}`);
    });
    if (stats.isFile()) context.add(fileEntry(path, absolute, stats, shown), shown, stats);
    else if (stats.isDirectory()) {
      context.add({ type: "directory", path, mode: 493 }, shown, stats);
      await walk(absolute, path, context);
    } else if (stats.isSymbolicLink()) {
      const target = await readlink(absolute);
      const pointed = resolve(dirname(absolute), target);
      const resolvedTarget = await realpath(pointed).catch(() => pointed);
      if (!isInside(context.workspace, resolvedTarget))
        throw new InputError(`symbolic link '${shown}' points outside the workspace (to '${target}')`);
      if (isAbsolute(target))
        context.logger.warn(
          `symbolic link '${shown}' has the absolute target '${target}', which the image may lack`
        );
      context.add({ type: "symlink", path, mode: 511, target }, shown, stats);
    } else
      throw new InputError(
        `'${shown}' is a socket, device or FIFO: a layer holds only files, directories and links`
      );
  }
}
function fileEntry(path, source, stats, display) {
  return {
    type: "file",
    path,
    mode: (stats.mode & 0o111n) !== 0n ? 493 : 420,
    size: Number(stats.size),
    source,
    display
  };
}
function isInside(root, path) {
  const inside = relative(root, path);
  return inside === "" || !(inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside));
}
async function checkUnchanged(listed) {
  await mapConcurrently(listed.files, 64, async ({ entry, stats }) => {
    const now = await lstat(entry.source, { bigint: true }).catch(() => void 0);
    if (now === void 0 || now.ino !== stats.ino || now.size !== stats.size || now.mtimeNs !== stats.mtimeNs || now.ctimeNs !== stats.ctimeNs)
      throw new InputError(`'${entry.display}' changed while the layer was built; run again`);
  });
}
async function layerKey(spec, listed, hashCache) {
  const relativePaths = listed.files.map(({ entry }) => relative(listed.workspace, entry.source));
  const fingerprint = await fingerprintFiles(listed.workspace, relativePaths, { hashCache });
  const digests = new Map(fingerprint.files.map((file) => [file.path, file.digest]));
  const contentOf = new Map(
    listed.files.map(({ entry }, index) => [entry, digests.get(relativePaths[index])])
  );
  const entries = listed.entries.map((entry) => {
    switch (entry.type) {
      case "file":
        return [entry.path, "file", entry.mode, entry.size, contentOf.get(entry)];
      case "directory":
        return [entry.path, "directory", entry.mode];
      default:
        return [entry.path, "symlink", entry.mode, entry.target];
    }
  });
  const compression = spec.compression === "none" ? { type: "none" } : { type: spec.compression, level: spec.level, chunkBytes: defaultChunkBytes };
  const canonical = JSON.stringify({ format: layerFormat, mtime: spec.mtime, compression, entries });
  return createHash("sha256").update(canonical).digest("hex");
}
async function hashTar(listed, mtime) {
  const hash = createHash("sha256");
  let tarSize = 0;
  for await (const chunk of tarStream(listed.entries, mtime)) {
    hash.update(chunk);
    tarSize += chunk.length;
  }
  await checkUnchanged(listed);
  return { diffId: `sha256:${hash.digest("hex")}`, tarSize };
}
async function writeLayerBlob(entries, options) {
  const tarHash = createHash("sha256");
  let tarSize = 0;
  const tarIsBlob = options.compression === "none";
  async function* hashedTar() {
    for await (const chunk of tarStream(entries, options.mtime)) {
      if (!tarIsBlob) tarHash.update(chunk);
      tarSize += chunk.length;
      yield chunk;
    }
  }
  const compress = { level: options.level, threads: options.threads };
  const blob = options.compression === "none" ? hashedTar() : options.compression === "zstd" ? parallelZstd(hashedTar(), compress) : parallelGzip(hashedTar(), compress);
  const layer = (digest, size) => ({
    diffId: tarIsBlob ? digest : `sha256:${tarHash.digest("hex")}`,
    tarSize,
    mediaType: layerMediaTypes[options.compression],
    digest,
    size
  });
  if (options.upload) {
    const blobHash = createHash("sha256");
    let size = 0;
    let digest;
    await options.upload(
      (async function* () {
        for await (const chunk of blob) {
          blobHash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      })(),
      () => {
        digest ??= `sha256:${blobHash.digest("hex")}`;
        return digest;
      }
    );
    if (digest === void 0) throw new Error("unreachable: an upload finished without asking the digest");
    return { layer: layer(digest, size) };
  }
  await mkdir(options.scratchDir, { recursive: true });
  const temp = join2(options.scratchDir, `.layer-${randomBytes(6).toString("hex")}.tmp`);
  try {
    const { digest, size } = await copyWithDigest(Readable.from(blob), createWriteStream(temp));
    const path = join2(options.scratchDir, digest.slice("sha256:".length));
    await movePath(temp, path);
    return { layer: layer(digest, size), path };
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

// packages/core/src/image/push.ts
import { randomBytes as randomBytes2 } from "node:crypto";
import { rm as rm2 } from "node:fs/promises";
import { join as join3 } from "node:path";
async function pushImage(input) {
  const { client } = input;
  const repositories = [...new Set(input.targets.map((target) => target.repository))];
  let bytesUploaded = 0;
  let actions = [];
  for (const [position, repository] of repositories.entries()) {
    const primary = repositories[0];
    const mountFrom = (layer) => [
      ...position > 0 ? [primary] : [],
      ...layer.base && input.base?.kind === "registry" && input.base.client.host === client.host ? [input.base.repository] : []
    ];
    const placing = /* @__PURE__ */ new Map();
    const placed = await settledMap(input.layers, input.concurrency ?? 3, async (layer) => {
      if (layer.uploaded && position === 0) {
        bytesUploaded += layer.descriptor.size;
        return "uploaded";
      }
      const digest = layer.descriptor.digest;
      let action = placing.get(digest);
      if (action === void 0) {
        action = placeLayer(input, repository, layer, mountFrom(layer)).then(({ action: action2, bytes }) => {
          bytesUploaded += bytes;
          return action2;
        });
        placing.set(digest, action);
      }
      return action;
    });
    if (position === 0) actions = placed;
    const config = input.config.descriptor;
    if (await client.blobSize(repository, config.digest) === void 0) {
      await client.pushBlob(repository, {
        digest: config.digest,
        size: config.size,
        bytes: input.config.bytes
      });
      bytesUploaded += config.size;
    }
  }
  const references = [];
  for (const target of input.targets) {
    await client.putManifest(
      target.repository,
      target.tag,
      input.manifest.bytes,
      input.manifest.descriptor.mediaType
    );
    bytesUploaded += input.manifest.bytes.length;
    references.push(formatReference({ host: target.host, repository: target.repository, tag: target.tag }));
  }
  return { actions, bytesUploaded, references };
}
async function placeLayer(input, repository, layer, mountSources) {
  const { client } = input;
  const { digest, size } = layer.descriptor;
  if (await client.blobSize(repository, digest) !== void 0) return { action: "existed", bytes: 0 };
  for (const from of mountSources) {
    if (await client.mountBlob(repository, digest, from)) return { action: "mounted", bytes: 0 };
  }
  if (layer.path) {
    await client.pushBlob(repository, { digest, size, path: layer.path });
    return { action: "uploaded", bytes: size };
  }
  const base = input.base;
  if (layer.base && base?.kind === "layout") {
    await client.pushBlob(repository, { digest, size, path: layoutBlobPath(base.dir, digest) });
    return { action: "uploaded", bytes: size };
  }
  if (layer.base && base?.kind === "registry") {
    const temp = join3(input.scratchDir, `base-${randomBytes2(6).toString("hex")}`);
    try {
      await base.client.downloadBlob(base.repository, digest, temp, { size });
      await client.pushBlob(repository, { digest, size, path: temp });
    } finally {
      await rm2(temp, { force: true });
    }
    return { action: "uploaded", bytes: size };
  }
  throw new ServiceError(
    `${client.where(repository)}: layer ${digest} was there when the build started and is gone now; build again`
  );
}
async function settledMap(items, concurrency, map) {
  let failure;
  const results = await mapConcurrently(items, concurrency, async (item) => {
    if (failure) return void 0;
    try {
      return await map(item);
    } catch (error) {
      failure ??= { error };
      return void 0;
    }
  });
  if (failure) throw failure.error;
  return results;
}

// packages/core/src/image/build.ts
async function buildImage(request, options) {
  const baseReference = parseBaseReference(request.base);
  const wantedPlatform = request.platform !== void 0 ? parsePlatform(request.platform) : void 0;
  const target = openTarget(request.target, options);
  if (!Number.isInteger(request.created) || request.created < 0) {
    throw new InputError(`build time ${request.created}: expected whole seconds since the epoch`);
  }
  const created = new Date(request.created * 1e3).toISOString().replace(".000Z", "Z");
  const base = await resolveBase(baseReference, {
    ...wantedPlatform && { platform: wantedPlatform },
    client: (reference) => baseClient(reference, target, options)
  });
  const platform = base?.platform ?? wantedPlatform ?? { os: "linux", architecture: "amd64" };
  await checkBuildStarts(request, base, platform, created);
  if (target.kind === "layout") await initLayout(target.dir);
  const scratch = await makeScratchDirectory(
    target.kind === "layout" ? join4(target.dir, ".mlci-build-") : join4(tmpdir(), "mlci-image-")
  );
  const scratchDir = scratch.path;
  try {
    const exists = target.kind === "layout" ? (descriptor) => hasLayoutBlob(target.dir, descriptor) : async (descriptor) => await target.client.blobSize(target.repository, descriptor.digest) !== void 0;
    const candidates2 = await knownLayers(target, platform, base, options.logger, request.layers.length);
    const baseDigests = new Set(base?.layers.map((layer) => layer.digest));
    const placeable = async (descriptor) => baseDigests.has(descriptor.digest) || await exists(descriptor);
    const build = options.buildLayer ?? buildLayer;
    const upload = target.kind === "registry" ? async (blob, digest) => {
      await target.client.pushBlobStream(target.repository, blob, digest);
    } : void 0;
    const built = [];
    for (const spec of request.layers) {
      const known = candidates2.get(layerMediaTypes[spec.compression]);
      const layerOptions = {
        cacheFile: options.cacheFile,
        scratchDir,
        exists: placeable,
        logger: options.logger,
        // Only with a candidate: otherwise the tar would be read twice for nothing.
        ...known && { known: (diffId) => known.get(diffId) }
      };
      try {
        built.push(await build(spec, { ...layerOptions, ...upload && { upload } }));
      } catch (error) {
        if (!(error instanceof UploadSessionLost)) throw error;
        options.logger.warn(`${error.message}; building layer '${spec.createdBy}' again into a file`);
        built.push(await build(spec, layerOptions));
      }
    }
    const config = serializeConfig(buildImageConfig(base?.config, platform, request.config, built, created));
    const annotations = { ...request.annotations };
    if (base?.name) annotations[imageAnnotations.baseName] = base.name;
    if (base) annotations[imageAnnotations.baseDigest] = base.digest;
    const layers = [
      ...(base?.layers ?? []).map((descriptor) => ({ descriptor, base: true })),
      ...built.map((layer) => ({
        descriptor: layer.descriptor,
        ...layer.path && { path: layer.path },
        ...layer.uploaded && { uploaded: true },
        ...!layer.path && baseDigests.has(layer.descriptor.digest) && { base: true }
      }))
    ];
    const manifest = buildImageManifest(
      config.descriptor,
      layers.map((layer) => layer.descriptor),
      annotations
    );
    let actions;
    let references;
    let bytesUploaded = 0;
    if (target.kind === "layout") {
      actions = await writeToLayout(target.dir, layers, base);
      await putLayoutBlobBytes(target.dir, config.descriptor, config.bytes);
      await putLayoutBlobBytes(target.dir, manifest.descriptor, manifest.bytes);
      await tagLayout(target.dir, manifest.descriptor, target.tag);
      references = [`oci:${target.dir}:${target.tag}`];
    } else {
      const pushed = await pushImage({
        client: target.client,
        targets: target.references,
        layers,
        config,
        manifest,
        ...base && { base: base.blobs },
        scratchDir
      });
      ({ actions, references, bytesUploaded } = pushed);
    }
    const diffIds = config.value.rootfs.diff_ids;
    return {
      digest: manifest.descriptor.digest,
      size: manifest.descriptor.size,
      mediaType: manifest.descriptor.mediaType,
      references,
      configDigest: config.descriptor.digest,
      platform: formatPlatform(platform),
      ...base && { base: { reference: base.text, digest: base.digest } },
      layers: layers.map((layer, index) => ({
        mediaType: layer.descriptor.mediaType,
        digest: layer.descriptor.digest,
        size: layer.descriptor.size,
        diffId: diffIds[index],
        base: index < (base?.layers.length ?? 0),
        action: actions[index]
      })),
      bytesUploaded,
      container: config.value.config ?? {}
    };
  } finally {
    await scratch.remove();
  }
}
async function knownLayers(target, platform, base, logger, layerCount) {
  if (layerCount === 0) return /* @__PURE__ */ new Map();
  const tagged = target.kind === "layout" ? [{ kind: "layout", dir: target.dir, tag: target.tag }] : target.references.map((reference) => ({
    kind: "registry",
    client: target.client,
    repository: reference.repository,
    tag: reference.tag
  }));
  let layers = [];
  for (const image of tagged) {
    const found = await taggedImageLayers(
      image,
      platform,
      (message) => logger.debug(`no layers to reuse: ${message}`)
    );
    if (found) {
      layers = found;
      break;
    }
  }
  const baseLayers = (base?.layers ?? []).map((descriptor, index) => ({
    diffId: base?.config.rootfs.diff_ids[index],
    descriptor
  }));
  const byType = /* @__PURE__ */ new Map();
  for (const { diffId, descriptor } of [...layers, ...baseLayers]) {
    const mediaType = descriptor.mediaType === imageMediaTypes.dockerLayerGzip ? imageMediaTypes.layerGzip : descriptor.mediaType;
    const byDiffId = byType.get(mediaType) ?? /* @__PURE__ */ new Map();
    byType.set(mediaType, byDiffId);
    if (!byDiffId.has(diffId))
      byDiffId.set(diffId, { mediaType, digest: descriptor.digest, size: descriptor.size });
  }
  return byType;
}
function openTarget(target, options) {
  if (target.kind === "layout") {
    if (!isValidTag(target.tag)) {
      throw new InputError(
        `--tag "${target.tag}": not a valid tag for the OCI layout (letters, digits, ._-)`
      );
    }
    return { kind: "layout", dir: resolve2(target.dir), tag: target.tag };
  }
  if (target.tags.length === 0) throw new InputError("--tag: at least one is needed to push");
  const references = target.tags.map((tag) => {
    let reference;
    try {
      reference = parseReference(tag);
    } catch (error) {
      throw new InputError(`--tag: ${error.message}`);
    }
    if (reference.digest) throw new InputError(`--tag "${tag}": a tag to push cannot carry a digest`);
    return reference.tag ? reference : { ...reference, tag: "latest" };
  });
  const first = references[0];
  const elsewhere = references.find((reference) => reference.host !== first.host);
  if (elsewhere) {
    throw new InputError(
      `--tag ${formatReference(elsewhere)}: every tag must be on one registry (${first.host}); push to ${elsewhere.host} in another build`
    );
  }
  const client = new RegistryClient({
    host: first.host,
    repository: first.repository,
    env: options.env,
    logger: options.logger,
    ...options.insecure !== void 0 && { insecure: options.insecure },
    ...options.tuning
  });
  return { kind: "registry", references, client, repository: first.repository };
}
function baseClient(reference, target, options) {
  if (target.kind === "registry" && target.client.host === reference.host && target.repository === reference.repository) {
    return target.client;
  }
  return new RegistryClient({
    host: reference.host,
    repository: reference.repository,
    env: options.env,
    logger: options.logger,
    ...options.insecure !== void 0 && { insecure: options.insecure },
    ...options.tuning
  });
}
async function writeToLayout(dir, layers, base) {
  return settledMap(layers, 3, async (layer) => {
    const { descriptor } = layer;
    if (await hasLayoutBlob(dir, descriptor)) return "existed";
    if (layer.path) {
      await putLayoutBlobFile(dir, descriptor, layer.path, { move: true });
      return "written";
    }
    if (layer.base && base?.blobs.kind === "registry") {
      await base.blobs.client.downloadBlob(
        base.blobs.repository,
        descriptor.digest,
        layoutBlobPath(dir, descriptor.digest),
        {
          size: descriptor.size
        }
      );
      return "written";
    }
    if (layer.base && base?.blobs.kind === "layout") {
      await putLayoutBlobFile(dir, descriptor, layoutBlobPath(base.blobs.dir, descriptor.digest));
      return "written";
    }
    throw new InputError(
      `${dir}: layer ${descriptor.digest} was there when the build started and is gone now; build again`
    );
  });
}
async function checkBuildStarts(request, base, platform, created) {
  const config = buildImageConfig(base?.config, platform, request.config, [], created).config ?? {};
  let downloads;
  try {
    await checkStartProgram({
      config,
      base,
      layers: request.layers,
      fetchLayer: async (layer) => {
        const blobs = base?.blobs;
        if (blobs?.kind === "layout") return layoutBlobPath(blobs.dir, layer.digest);
        if (!blobs) throw new Error("bug: a base layer without a base");
        downloads ??= await makeScratchDirectory(join4(tmpdir(), "mlci-base-"));
        const file = join4(downloads.path, layer.digest.replace(":", "-"));
        await blobs.client.downloadBlob(blobs.repository, layer.digest, file, { size: layer.size });
        return file;
      }
    });
  } finally {
    await downloads?.remove();
  }
}
export {
  buildImage
};
