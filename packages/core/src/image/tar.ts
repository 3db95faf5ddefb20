// A POSIX tar (ustar + PAX) writer for image layers: streamed, normalized, byte-for-byte reproducible.
import { open } from 'node:fs/promises';
import { InputError } from '../errors';
import { defaultChunkBytes } from './chunked';

/** One entry of a layer's tar. */
export type TarEntry =
  | {
      type: 'file';
      /** Path in the image without the leading `/` (`model/weights.bin`). */
      path: string;
      /** Normalized: 0o644 or 0o755. */
      mode: number;
      size: number;
      /** Absolute path of the content on disk. */
      source: string;
      /** How the file is named in errors (relative to the workspace). */
      display: string;
    }
  | { type: 'directory'; path: string; mode: number }
  | { type: 'symlink'; path: string; mode: number; target: string };

const blockSize = 512;
/** The largest value an 11-digit octal field holds: 8 GiB - 1 for sizes, the year 2242 for times. */
const maxOctal11 = 0o77777777777;
const paxHeaderName = '././@PaxHeader';

/** The bytes after the last entry: two zero blocks. */
export const tarTrailer = Buffer.alloc(2 * blockSize);

/**
 * The tar of `entries` (already in order) as buffers of exactly `chunkBytes` (the last one shorter); every entry
 * gets `mtime` (epoch seconds). File content is read straight into the chunk being filled: no copy, and the
 * chunks are the size gzip members and zstd frames are cut at (chunked.ts), so nothing downstream copies them either.
 */
export async function* tarStream(
  entries: Iterable<TarEntry>,
  mtime: number,
  // The compressors' chunk size (chunked.ts), so that the chunks pass through them uncopied.
  chunkBytes: number = defaultChunkBytes,
): AsyncGenerator<Buffer> {
  if (!Number.isInteger(mtime) || mtime < 0 || mtime > maxOctal11)
    throw new InputError(`layer mtime ${mtime} is not a whole number of seconds between 1970 and 2242`);
  // A fresh buffer per chunk: the consumer keeps chunks (the compression queue) after the next one is filled.
  let chunk = Buffer.allocUnsafe(chunkBytes);
  let used = 0;
  const full = () => used === chunkBytes;
  const next = () => {
    const done = chunk;
    chunk = Buffer.allocUnsafe(chunkBytes);
    used = 0;
    return done;
  };
  /** Copies bytes (or zeros) in; returns how many fitted. */
  const put = (bytes: Buffer | number, from: number) => {
    const length = typeof bytes === 'number' ? bytes - from : bytes.length - from;
    const fits = Math.min(length, chunkBytes - used);
    if (typeof bytes === 'number') chunk.fill(0, used, used + fits);
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
    if (entry.type === 'file' && entry.size > 0) {
      const file = await openContent(entry);
      try {
        for (let remaining = entry.size; remaining > 0; ) {
          const length = Math.min(remaining, chunkBytes - used);
          const { bytesRead } = await file.read(chunk, used, length, null);
          if (bytesRead === 0) throw changedWhileRead(entry);
          used += bytesRead;
          remaining -= bytesRead;
          if (full()) yield next();
        }
        const { bytesRead } = await file.read(Buffer.alloc(1), 0, 1, null);
        if (bytesRead !== 0) throw changedWhileRead(entry);
      } finally {
        await file.close();
      }
      const padding = (blockSize - (entry.size % blockSize)) % blockSize;
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

/** The header block(s) of an entry: a PAX header first when ustar cannot hold its path, target or size. */
export function entryHeader(entry: TarEntry, mtime: number): Buffer {
  const name = entry.type === 'directory' ? `${entry.path}/` : entry.path;
  const size = entry.type === 'file' ? entry.size : 0;
  const linkName = entry.type === 'symlink' ? entry.target : '';
  const records: [string, string][] = [];
  // No ustar prefix/name split: one rule (PAX for anything that does not fit) reads the same everywhere.
  if (!fitsUstar(name)) records.push(['path', name]);
  if (!fitsUstar(linkName)) records.push(['linkpath', linkName]);
  if (size > maxOctal11) records.push(['size', `${size}`]);
  const typeFlag = entry.type === 'file' ? '0' : entry.type === 'directory' ? '5' : '2';
  const header = ustarHeader({ name, mode: entry.mode, size, mtime, typeFlag, linkName });
  if (records.length === 0) return header;
  const body = Buffer.from(records.map(([key, value]) => paxRecord(key, value)).join(''), 'utf8');
  const pax = ustarHeader({
    name: paxHeaderName,
    mode: 0o644,
    size: body.length,
    mtime,
    typeFlag: 'x',
    linkName: '',
  });
  const padding = (blockSize - (body.length % blockSize)) % blockSize;
  return Buffer.concat([pax, body, Buffer.alloc(padding), header]);
}

/** Whether a name goes in a 100-byte ustar field as is: ASCII (no charset question) and short enough. */
function fitsUstar(text: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL ends a ustar field.
  return text.length <= 100 && /^[\x01-\x7f]*$/.test(text);
}

/** `"<length> <key>=<value>\n"`, where the length counts the whole record, itself included. */
function paxRecord(key: string, value: string): string {
  const rest = ` ${key}=${value}\n`;
  const restBytes = Buffer.byteLength(rest, 'utf8');
  let length = restBytes + 1;
  while (`${length}`.length + restBytes !== length) length = `${length}`.length + restBytes;
  return `${length}${rest}`;
}

function ustarHeader(fields: {
  name: string;
  mode: number;
  size: number;
  mtime: number;
  typeFlag: string;
  linkName: string;
}): Buffer {
  const header = Buffer.alloc(blockSize);
  // Too long or non-ASCII names are in the PAX record; this field then holds a truncated copy for old readers.
  Buffer.from(fields.name, 'utf8').copy(header, 0, 0, 100);
  writeOctal(header, 100, 8, fields.mode);
  writeOctal(header, 108, 8, 0); // uid
  writeOctal(header, 116, 8, 0); // gid
  writeOctal(header, 124, 12, fields.size > maxOctal11 ? 0 : fields.size);
  writeOctal(header, 136, 12, fields.mtime);
  header.write(fields.typeFlag, 156, 'ascii');
  Buffer.from(fields.linkName, 'utf8').copy(header, 157, 0, 100);
  header.write('ustar\x0000', 257, 'ascii');
  // uname and gname (265, 297) stay empty: ids, not names, are what runtimes use.
  writeOctal(header, 329, 8, 0); // devmajor
  writeOctal(header, 337, 8, 0); // devminor
  // The checksum is computed with its own field as spaces, then written as 6 digits, NUL, space.
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\x00 `, 148, 'ascii');
  return header;
}

/** `width - 1` octal digits and a NUL. */
function writeOctal(header: Buffer, offset: number, width: number, value: number): void {
  header.write(`${value.toString(8).padStart(width - 1, '0')}\x00`, offset, 'ascii');
}

type FileEntry = Extract<TarEntry, { type: 'file' }>;

function changedWhileRead(entry: FileEntry): InputError {
  return new InputError(`'${entry.display}' changed while the layer was built; run again`);
}

async function openContent(entry: FileEntry) {
  return open(entry.source, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`cannot read '${entry.display}': ${error.code ?? error.message}`, { cause: error });
  });
}
