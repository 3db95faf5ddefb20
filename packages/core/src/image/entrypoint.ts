import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { firstLine, InputError, ServiceError } from '../errors';
import type { Descriptor } from '../oci/client';
import type { ResolvedBase } from './base';
import type { ContainerConfig } from './config';
import { imageMediaTypes } from './config';
import type { LayerSpec } from './layer';
import { zstdApi, zstdMissing } from './zstd';

/** docker's PATH when an image's config sets none. */
const defaultPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The program a container starts: the entrypoint's first word, else the command's. */
export function startProgram(config: ContainerConfig): string | undefined {
  return config.Entrypoint?.[0] ?? config.Cmd?.[0];
}

/** Where the program may be: itself when absolute, else each PATH directory of the config. */
function candidates(program: string, env: readonly string[]): string[] {
  if (program.startsWith('/')) return [posix.normalize(program)];
  // A relative path with a slash (./serve) depends on the working directory: not checked.
  if (program.includes('/')) return [];
  const path = env.find((each) => each.startsWith('PATH='))?.slice('PATH='.length) ?? defaultPath;
  return path
    .split(':')
    .filter((dir) => dir.startsWith('/'))
    .map((dir) => posix.join(dir, program));
}

/** Whether a file added by the build lands at `path` in the image. */
async function added(layers: readonly LayerSpec[], path: string): Promise<boolean> {
  for (const layer of layers) {
    for (const source of layer.sources) {
      const dest = posix.normalize(source.dest);
      if (dest === path) return true;
      const inside = posix.relative(dest, path);
      if (inside.startsWith('..') || posix.isAbsolute(inside)) continue;
      const found = await stat(join(source.source, ...inside.split('/'))).catch(() => undefined);
      if (found) return true;
    }
  }
  return false;
}

/**
 * What the base's layers say of each path, the top layer first: present (a file, link or directory) or
 * deleted (a whiteout). Paths no layer mentions are absent. Each layer is read as a stream, and reading stops
 * once every path is decided.
 */
async function inBase(
  base: ResolvedBase,
  paths: readonly string[],
  fetchLayer: (layer: Descriptor) => Promise<string>,
): Promise<Set<string>> {
  const undecided = new Set(paths);
  const present = new Set<string>();
  for (const layer of [...base.layers].reverse()) {
    if (undecided.size === 0) break;
    const file = await fetchLayer(layer);
    const wanted = new Map<string, string>();
    for (const path of undecided) {
      wanted.set(path.slice(1), path);
      wanted.set(posix.join(posix.dirname(path), `.wh.${posix.basename(path)}`).slice(1), `-${path}`);
    }
    for await (const name of tarNames(file, layer)) {
      const hit = wanted.get(name.replace(/^\.?\/+/, '').replace(/\/+$/, ''));
      if (hit === undefined) continue;
      const path = hit.startsWith('-') ? hit.slice(1) : hit;
      if (!undecided.delete(path)) continue;
      if (!hit.startsWith('-')) present.add(path);
    }
  }
  return present;
}

/**
 * The most a pax header or GNU long name may hold, as Go's archive/tar (maxSpecialFileSize): it is gathered in
 * memory, while everything else in a layer streams through.
 */
const maxSpecialEntryBytes = 1024 * 1024;

/** The entry names of a tar layer (gzip, zstd or plain): ustar prefix, GNU long names and pax paths included. */
async function* tarNames(file: string, layer: Descriptor): AsyncGenerator<string> {
  const mediaType = layer.mediaType;
  const zstd = mediaType === imageMediaTypes.layerZstd ? zstdApi() : undefined;
  if (mediaType === imageMediaTypes.layerZstd && !zstd)
    throw new InputError(`base layer ${layer.digest} is zstd-compressed: ${zstdMissing()}`);
  const raw = createReadStream(file);
  const decompress =
    mediaType === imageMediaTypes.layerTar ? undefined : zstd ? zstd.createZstdDecompress() : createGunzip();
  // pipeline, not pipe: a read error reaches the loop below instead of going unhandled.
  const stream = decompress ? pipeline(raw, decompress, () => {}) : raw;
  let buffer: Buffer = Buffer.alloc(0);
  let skip = 0;
  let longName: string | undefined;
  let pending: { kind: 'gnu' | 'pax'; size: number } | undefined;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      for (;;) {
        if (skip > 0) {
          const dropped = Math.min(skip, buffer.length);
          buffer = buffer.subarray(dropped);
          skip -= dropped;
          if (skip > 0) break;
        }
        if (pending) {
          const padded = Math.ceil(pending.size / 512) * 512;
          if (buffer.length < padded) break;
          const body = buffer.subarray(0, pending.size).toString('utf8');
          longName =
            pending.kind === 'gnu'
              ? body.replace(/\0.*$/s, '')
              : (/(?:^|\n)\d+ path=([^\n]*)\n/.exec(body)?.[1] ?? longName);
          buffer = buffer.subarray(padded);
          pending = undefined;
          continue;
        }
        if (buffer.length < 512) break;
        const header = buffer.subarray(0, 512);
        buffer = buffer.subarray(512);
        if (header.every((byte) => byte === 0)) continue;
        const text = (start: number, length: number) =>
          header
            .subarray(start, start + length)
            .toString('utf8')
            .replace(/\0.*$/s, '');
        const size = Number.parseInt(text(124, 12).trim() || '0', 8);
        const type = String.fromCharCode(header[156] ?? 0);
        if (type === 'L' || type === 'x') {
          if (!(size <= maxSpecialEntryBytes))
            throw new ServiceError(
              `base layer ${layer.digest}: a ${type === 'L' ? 'GNU long name' : 'pax header'} of ${size} bytes, more than the 1 MiB a tar reader takes (Go's archive/tar refuses it too)`,
            );
          pending = { kind: type === 'L' ? 'gnu' : 'pax', size };
          continue;
        }
        const prefix = text(257, 6).startsWith('ustar') ? text(345, 155) : '';
        const name = longName ?? (prefix ? `${prefix}/${text(0, 100)}` : text(0, 100));
        longName = undefined;
        yield name;
        skip = Math.ceil(size / 512) * 512;
      }
    }
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    // A blob whose digest matched but whose bytes do not decompress: the base image is broken, say which layer.
    throw new ServiceError(`base layer ${layer.digest}: cannot be read: ${firstLine(error)}`);
  } finally {
    raw.destroy();
  }
}

/**
 * An image whose start program is not in it cannot start: refuse to build it (exit 2), naming the program,
 * where it was looked for and a base that has it. The program is looked up as the runtime does: an absolute
 * path as is, a name in the config's PATH; in the files this build adds, then in the base's layers.
 */
export async function checkStartProgram(options: {
  config: ContainerConfig;
  base: ResolvedBase | undefined;
  layers: readonly LayerSpec[];
  fetchLayer: (layer: Descriptor) => Promise<string>;
}): Promise<void> {
  const { config, base, layers } = options;
  const program = startProgram(config);
  if (program === undefined) return;
  const paths = candidates(program, config.Env ?? []);
  if (paths.length === 0) return;
  for (const path of paths) if (await added(layers, path)) return;
  if (base && (await inBase(base, paths, options.fetchLayer)).size > 0) return;
  const which = config.Entrypoint?.[0] !== undefined ? 'entrypoint' : 'cmd';
  const where = program.startsWith('/') ? '' : ` (looked for in PATH: ${paths.map(posix.dirname).join(':')})`;
  const baseText = base
    ? `the base ${base.text} does not have it`
    : 'the base is scratch, which has no files';
  throw new InputError(
    `${which} '${program}' is not in the image${where}: ${baseText} and no add puts it there; ${suggestion(program)}`,
  );
}

function suggestion(program: string): string {
  const name = posix.basename(program);
  if (/^python[\d.]*$/.test(name)) return 'use a base with Python, e.g. --base python:3.12-slim';
  if (name === 'node') return 'use a base with Node.js, e.g. --base node:22-slim';
  if (name === 'java') return 'use a base with a JRE, e.g. --base eclipse-temurin:21-jre';
  if (name === 'sh' || name === 'bash') return 'use a base with a shell, e.g. --base debian:12-slim';
  return 'add it (--add SRC:DEST) or use a base that has it';
}
