// The contract between the layer builder (this file) and the image assembly (build.ts), and the builder.
// A layer is compressed only when neither the local layer cache (content key -> digests) nor the image the
// target already holds (diffId -> blob, read from the registry: docker's diffID map, kept by the registry
// itself) says which blob it is: a fresh CI runner has no cache, and gzip bytes depend on the zlib build.
import { createHash, randomBytes } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { lstat, mkdir, readdir, readlink, realpath, rm, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { InputError } from '../errors';
import { mapConcurrently } from '../io/concurrency';
import { copyWithDigest } from '../io/digest';
import { comparePaths } from '../io/file-set';
import { describeFileError, fingerprintFiles, HashCache, hashCachePath } from '../io/fingerprint';
import { movePath } from '../io/move';
import type { Descriptor } from '../oci/client';
import type { Logger } from '../platform/platform';
import { defaultChunkBytes } from './chunked';
import { checkLayerCompression, type LayerCompression, layerMediaTypes } from './compression';
import { parallelGzip } from './gzip';
import { type CachedLayer, LayerCache } from './layer-cache';
import { type TarEntry, tarStream } from './tar';
import { parallelZstd } from './zstd';

/** A file or directory of the workspace and where it goes in the image. */
export interface LayerSource {
  /** Absolute path on disk, inside the workspace. */
  source: string;
  /** Absolute POSIX path in the image (`/model`, `/app/serve.py`). A directory's contents go under it. */
  dest: string;
}

export interface LayerSpec {
  sources: LayerSource[];
  /** Root that sources and in-layer symlink targets must stay inside. */
  workspace: string;
  /** Modification time of every entry, in seconds since the epoch (SOURCE_DATE_EPOCH or the commit time). */
  mtime: number;
  compression: LayerCompression;
  /** gzip level 1-9, zstd level 1-19 (compression.ts). */
  level: number;
  /** The history entry's created_by: what made the layer, for `docker history`. */
  createdBy: string;
}

export interface LayerOptions {
  /** JSON cache of layer key -> uncompressed and compressed digests (`.mlci/layer-cache.json`). */
  cacheFile: string;
  /** Where built blobs are written (a temp dir or the OCI layout's blobs dir). */
  scratchDir: string;
  /** Whether the target (registry repository or OCI layout) already has this blob: then nothing is compressed. */
  exists(descriptor: Descriptor): Promise<boolean>;
  /**
   * The blob of the target's image (or the base) whose uncompressed digest is diffId, in the media type this
   * layer asks for. Given, a local cache miss first hashes the tar alone (no compression) and reuses that blob
   * when `exists` says the target has it. Absent, nothing is hashed twice: give it only when there is a
   * candidate.
   */
  known?: (diffId: string) => Descriptor | undefined;
  logger: Logger;
  /** gzip members or zstd frames compressed at once (default: one per core, up to libuv's pool size). For benchmarks. */
  compressionThreads?: number;
  /**
   * Sends a blob to the target while it is made (a registry): the compressed bytes go up as they come instead
   * of into a file. Without it the blob is written into scratchDir.
   */
  upload?: BlobUpload;
}

/** Takes a blob's bytes as they are made; `digest()` gives the blob's digest once they have all come. */
export type BlobUpload = (blob: AsyncIterable<Buffer>, digest: () => string) => Promise<void>;

export interface BuiltLayer {
  /** mediaType application/vnd.oci.image.layer.v1.tar+gzip (+zstd, or .tar), digest and size of the blob. */
  descriptor: Descriptor;
  /** sha256 of the uncompressed tar: the config's rootfs.diff_ids entry. */
  diffId: string;
  /** The blob on disk when it was built into a file; absent when the target has it or it was uploaded. */
  path?: string;
  /** Built and sent to the target by LayerOptions.upload while it was made. */
  uploaded?: boolean;
  createdBy: string;
}

/** Bumped whenever the tar or compressed bytes for the same key would change, so old cache entries stop matching. */
const layerFormat = 3; // 2: incompressible chunks stored (gzip.ts); 3: memLevel 9, stored members built by mlci

/**
 * The layer of `spec`: from the cache when its inputs are unchanged and the target has the blob (nothing read
 * but stat and the cache files); else, with `known`, the blob the target holds for the tar's diffId (the tar
 * read and hashed once, nothing compressed or written); else built into `<scratchDir>/<hex of the blob digest>`.
 */
export async function buildLayer(spec: LayerSpec, options: LayerOptions): Promise<BuiltLayer> {
  await checkLayerCompression(spec.compression, spec.level);
  const { logger } = options;
  const listed = await listLayerEntries(spec, logger);
  const cacheDir = dirname(options.cacheFile);
  const [layerCache, hashCache] = await Promise.all([
    LayerCache.load(options.cacheFile),
    // The workspace's hash cache (train's too), next to the layer cache.
    HashCache.load(join(cacheDir, basename(hashCachePath))),
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
    // The cached diffId holds for any compression of the same entries: no need to read the files again.
    const tar = cached ?? (await hashTar(listed, spec.mtime));
    const known = options.known(tar.diffId);
    if (known && (await options.exists(known))) {
      const descriptor = { mediaType: known.mediaType, digest: known.digest, size: known.size };
      logger.debug(
        `layer ${spec.createdBy}: the target's image has diff ${tar.diffId} as ${descriptor.digest}; not compressed`,
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
    ...(options.upload && { upload: options.upload }),
  });
  await checkUnchanged(listed);
  if (cached && (cached.digest !== built.layer.digest || cached.diffId !== built.layer.diffId))
    logger.debug(
      `layer ${spec.createdBy}: cached ${cached.digest} (diff ${cached.diffId}) replaced by rebuilt ` +
        `${built.layer.digest} (diff ${built.layer.diffId})`,
    );
  layerCache.set(key, built.layer);
  await saveQuietly(layerCache, logger);
  return {
    descriptor: { mediaType: built.layer.mediaType, digest: built.layer.digest, size: built.layer.size },
    diffId: built.layer.diffId,
    ...(built.path ? { path: built.path } : { uploaded: true }),
    createdBy: spec.createdBy,
  };
}

async function saveQuietly(cache: { file: string; save(): Promise<void> }, logger: Logger): Promise<void> {
  await cache.save().catch((error: Error) => logger.warn(`cannot save '${cache.file}': ${error.message}`));
}

// ---------------------------------------------------------------------------------------------------------
// Listing the entries

/** A layer's entries in tar order, with the lstat of each file as listed (to see a change during the build). */
export interface ListedEntries {
  entries: TarEntry[];
  /** The real workspace root that `display` paths are relative to. */
  workspace: string;
  files: { entry: FileEntry; stats: BigIntStats }[];
}

/**
 * The entries of the layer, sorted by path in UTF-8 byte order, with a directory entry for every parent of
 * every destination. Modes are normalized: 0755 directories, 0644 files (0755 if any execute bit), 0777 links.
 * Hard links become regular files. A symbolic link inside a directory source is kept as a link (its target
 * text) when its target is in the workspace; a source that is itself a link is followed.
 */
export async function listLayerEntries(spec: LayerSpec, logger: Logger): Promise<ListedEntries> {
  const workspace = await realpath(spec.workspace).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`workspace '${spec.workspace}': ${describeFileError(error)}`);
  });
  const byPath = new Map<string, { entry: TarEntry; from: string }>();
  const files: ListedEntries['files'] = [];
  const add = (entry: TarEntry, from: string) => {
    const earlier = byPath.get(entry.path);
    if (earlier === undefined) {
      byPath.set(entry.path, { entry, from });
      return;
    }
    if (earlier.entry.type === 'directory' && entry.type === 'directory') return;
    throw new InputError(`'/${entry.path}' in the image comes from both '${earlier.from}' and '${from}'`);
  };
  const addParents = (path: string) => {
    for (let parent = posix.dirname(path); parent !== '.'; parent = posix.dirname(parent))
      add({ type: 'directory', path: parent, mode: 0o755 }, `parent of '/${path}'`);
  };
  const display = (absolute: string) => relative(workspace, absolute).split(sep).join('/') || '.';

  for (const { source, dest } of spec.sources) {
    const lexical = resolve(spec.workspace, source);
    const named = relative(resolve(spec.workspace), lexical).split(sep).join('/') || '.';
    if (!isAbsolute(dest) || !dest.startsWith('/') || dest.includes('\0'))
      throw new InputError(`layer destination '${dest}' for '${named}' is not an absolute path`);
    if (!isInside(resolve(spec.workspace), lexical))
      throw new InputError(`layer source '${source}' is outside the workspace '${spec.workspace}'`);
    await lstat(lexical).catch((error: NodeJS.ErrnoException) => {
      throw new InputError(`layer source '${named}': ${describeFileError(error)}`);
    });
    const real = await realpath(lexical).catch((error: NodeJS.ErrnoException) => {
      throw new InputError(`layer source '${named}': ${describeFileError(error)}`);
    });
    if (!isInside(workspace, real))
      throw new InputError(
        `layer source '${named}' resolves to '${real}', outside the workspace '${workspace}'`,
      );
    const stats = await stat(real, { bigint: true });
    // posix.normalize of an absolute path cannot climb above `/`; the tar paths have no leading slash.
    const base = posix.normalize(dest).replace(/^\/+/, '').replace(/\/+$/, '');
    if (stats.isFile()) {
      // A destination ending in `/` is a directory to put the file in, as with `cp` and COPY.
      const path = dest.endsWith('/') ? posix.join(base, posix.basename(real)) : base;
      if (path === '') throw new InputError(`layer destination '${dest}' for file '${named}' names no file`);
      addParents(path);
      const entry = fileEntry(path, real, stats, display(real));
      add(entry, named);
      files.push({ entry, stats });
    } else if (stats.isDirectory()) {
      if (base !== '') {
        addParents(base);
        add({ type: 'directory', path: base, mode: 0o755 }, named);
      }
      await walk(real, base, {
        workspace,
        logger,
        display,
        add: (entry, from, entryStats) => {
          add(entry, from);
          if (entry.type === 'file') files.push({ entry, stats: entryStats });
        },
      });
    } else throw new InputError(`layer source '${named}' is not a regular file or directory`);
  }
  // UTF-8 byte order (comparePaths), with each path encoded once.
  const entries = [...byPath.values()]
    .map(({ entry }) => ({ entry, bytes: Buffer.from(entry.path, 'utf8') }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .map(({ entry }) => entry);
  return { entries, workspace, files };
}

/**
 * Directories skipped inside a directory source, at any depth: a repository's history and mlci's own state
 * (caches, built blobs) are never part of an image, and the history alone can be larger than the model.
 */
const skippedDirectories = new Set(['.git', '.mlci']);

async function walk(
  directory: string,
  base: string,
  context: {
    workspace: string;
    logger: Logger;
    display: (absolute: string) => string;
    add: (entry: TarEntry, from: string, stats: BigIntStats) => void;
  },
): Promise<void> {
  const names = await readdir(directory).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(
      `cannot read directory '${context.display(directory)}': ${describeFileError(error)}`,
    );
  });
  for (const name of names.sort(comparePaths)) {
    if (skippedDirectories.has(name)) continue;
    const absolute = join(directory, name);
    const shown = context.display(absolute);
    const path = base === '' ? name : `${base}/${name}`;
    const stats = await lstat(absolute, { bigint: true }).catch((error: NodeJS.ErrnoException) => {
      throw new InputError(`cannot read '${shown}': ${describeFileError(error)}`);
    });
    if (stats.isFile()) context.add(fileEntry(path, absolute, stats, shown), shown, stats);
    else if (stats.isDirectory()) {
      context.add({ type: 'directory', path, mode: 0o755 }, shown, stats);
      await walk(absolute, path, context);
    } else if (stats.isSymbolicLink()) {
      const target = await readlink(absolute);
      const pointed = resolve(dirname(absolute), target);
      // A dangling link is checked by its text: it must not name a place outside either.
      const resolvedTarget = await realpath(pointed).catch(() => pointed);
      if (!isInside(context.workspace, resolvedTarget))
        throw new InputError(`symbolic link '${shown}' points outside the workspace (to '${target}')`);
      if (isAbsolute(target))
        context.logger.warn(
          `symbolic link '${shown}' has the absolute target '${target}', which the image may lack`,
        );
      context.add({ type: 'symlink', path, mode: 0o777, target }, shown, stats);
    } else
      throw new InputError(
        `'${shown}' is a socket, device or FIFO: a layer holds only files, directories and links`,
      );
  }
}

type FileEntry = Extract<TarEntry, { type: 'file' }>;

function fileEntry(path: string, source: string, stats: BigIntStats, display: string): FileEntry {
  return {
    type: 'file',
    path,
    mode: (stats.mode & 0o111n) !== 0n ? 0o755 : 0o644,
    size: Number(stats.size),
    source,
    display,
  };
}

function isInside(root: string, path: string): boolean {
  const inside = relative(root, path);
  return inside === '' || !(inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside));
}

/** A file that changed between listing and the end of the build: the layer holds no one state of it. */
async function checkUnchanged(listed: ListedEntries): Promise<void> {
  await mapConcurrently(listed.files, 64, async ({ entry, stats }) => {
    const now = await lstat(entry.source, { bigint: true }).catch(() => undefined);
    if (
      now === undefined ||
      now.ino !== stats.ino ||
      now.size !== stats.size ||
      now.mtimeNs !== stats.mtimeNs ||
      now.ctimeNs !== stats.ctimeNs
    )
      throw new InputError(`'${entry.display}' changed while the layer was built; run again`);
  });
}

// ---------------------------------------------------------------------------------------------------------
// The cache key

/**
 * sha256 of the canonical JSON of everything the blob's bytes depend on: the entries (path, type, mode, size,
 * content digest from the hash cache, link target), mtime and compression. File contents cost a stat each when
 * the hash cache knows them.
 */
async function layerKey(spec: LayerSpec, listed: ListedEntries, hashCache: HashCache): Promise<string> {
  const relativePaths = listed.files.map(({ entry }) => relative(listed.workspace, entry.source));
  const fingerprint = await fingerprintFiles(listed.workspace, relativePaths, { hashCache });
  const digests = new Map(fingerprint.files.map((file) => [file.path, file.digest]));
  const contentOf = new Map(
    listed.files.map(({ entry }, index) => [entry, digests.get(relativePaths[index] as string)]),
  );
  const entries = listed.entries.map((entry) => {
    switch (entry.type) {
      case 'file':
        return [entry.path, 'file', entry.mode, entry.size, contentOf.get(entry)];
      case 'directory':
        return [entry.path, 'directory', entry.mode];
      default:
        return [entry.path, 'symlink', entry.mode, entry.target];
    }
  });
  // The type is in the key: a gzip build never takes a zstd blob from the cache, nor the other way round.
  const compression =
    spec.compression === 'none'
      ? { type: 'none' }
      : { type: spec.compression, level: spec.level, chunkBytes: defaultChunkBytes };
  const canonical = JSON.stringify({ format: layerFormat, mtime: spec.mtime, compression, entries });
  return createHash('sha256').update(canonical).digest('hex');
}

// ---------------------------------------------------------------------------------------------------------
// Writing the blob

/** The diffId and size of the layer's tar, streamed into sha256 only; a file changed meanwhile is an error. */
async function hashTar(listed: ListedEntries, mtime: number): Promise<{ diffId: string; tarSize: number }> {
  const hash = createHash('sha256');
  let tarSize = 0;
  for await (const chunk of tarStream(listed.entries, mtime)) {
    hash.update(chunk);
    tarSize += chunk.length;
  }
  await checkUnchanged(listed);
  return { diffId: `sha256:${hash.digest('hex')}`, tarSize };
}

export interface LayerBlobOptions {
  mtime: number;
  compression: LayerCompression;
  level: number;
  scratchDir: string;
  threads?: number;
  /** Where the blob goes as it is made; without it, into `<scratchDir>/<hex>`. */
  upload?: BlobUpload;
}

/**
 * Streams the tar of `entries` through gzip or zstd (or neither) into `<scratchDir>/<hex>` or to `options.upload`, hashing
 * the tar (diffId) and the blob on the way: every byte is read once, and at most a few chunks per thread are in
 * memory. `path` is absent when the blob was uploaded.
 */
export async function writeLayerBlob(
  entries: readonly TarEntry[],
  options: LayerBlobOptions,
): Promise<{ layer: CachedLayer; path?: string }> {
  const tarHash = createHash('sha256');
  let tarSize = 0;
  // Uncompressed, the blob is the tar: one hash serves both.
  const tarIsBlob = options.compression === 'none';
  async function* hashedTar(): AsyncGenerator<Buffer> {
    for await (const chunk of tarStream(entries, options.mtime)) {
      if (!tarIsBlob) tarHash.update(chunk);
      tarSize += chunk.length;
      yield chunk;
    }
  }
  const compress = { level: options.level, threads: options.threads };
  const blob =
    options.compression === 'none'
      ? hashedTar()
      : options.compression === 'zstd'
        ? parallelZstd(hashedTar(), compress)
        : parallelGzip(hashedTar(), compress);
  const layer = (digest: string, size: number): CachedLayer => ({
    diffId: tarIsBlob ? digest : `sha256:${tarHash.digest('hex')}`,
    tarSize,
    mediaType: layerMediaTypes[options.compression],
    digest,
    size,
  });
  if (options.upload) {
    const blobHash = createHash('sha256');
    let size = 0;
    let digest: string | undefined;
    await options.upload(
      (async function* () {
        for await (const chunk of blob) {
          blobHash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      })(),
      () => {
        digest ??= `sha256:${blobHash.digest('hex')}`;
        return digest;
      },
    );
    if (digest === undefined) throw new Error('unreachable: an upload finished without asking the digest');
    return { layer: layer(digest, size) };
  }
  await mkdir(options.scratchDir, { recursive: true });
  const temp = join(options.scratchDir, `.layer-${randomBytes(6).toString('hex')}.tmp`);
  try {
    const { digest, size } = await copyWithDigest(Readable.from(blob), createWriteStream(temp));
    const path = join(options.scratchDir, digest.slice('sha256:'.length));
    await movePath(temp, path);
    return { layer: layer(digest, size), path };
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
