import { inflateRawSync } from 'node:zlib';
import { bodyLimits, formatLimit } from './bounded-body';
import { crc32 } from './crc32';

/**
 * A reader for zip archives, enough for CI artifacts (GitHub's upload-artifact, GitLab's runner, Python's
 * zipfile, Info-ZIP): the central directory, stored and deflated entries, data descriptors. Zip64 and
 * encryption are refused with a clear error.
 */

/** Something wrong with the archive itself; the message is one line. */
export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

export interface ZipEntry {
  /** The path inside the archive, `/`-separated; directories end with `/`. */
  readonly name: string;
  readonly isDirectory: boolean;
  /** Uncompressed size in bytes. */
  readonly size: number;
  readonly compressedSize: number;
  /** 0 stored, 8 deflate; others are listed but cannot be read. */
  readonly method: number;
  readonly crc32: number;
  /** Offset of the entry's local header. */
  readonly offset: number;
  readonly flags: number;
}

export interface ZipReadOptions {
  /**
   * The largest uncompressed entry `read` accepts, so a small archive cannot inflate into memory exhaustion
   * (default defaultMaxEntrySize).
   */
  maxEntrySize?: number;
}

/**
 * What `read` inflates at most: the entries mlci reads are reports and predictions files (evaluate.json is
 * kilobytes; a million predictions about 30 MB), the same bound as for any stored file read back whole.
 */
export const defaultMaxEntrySize = bodyLimits.stored;

export interface ZipArchive {
  readonly entries: readonly ZipEntry[];
  /** The entry's bytes, checked against its size and CRC-32. */
  read(entry: ZipEntry): Buffer;
}

const endOfCentralDirectory = 0x06054b50;
const zip64Locator = 0x07064b50;
const centralHeader = 0x02014b50;
const localHeader = 0x04034b50;

/** Opens an archive held in memory: reads its central directory; entries are inflated only when read. */
export function readZip(bytes: Uint8Array, options: ZipReadOptions = {}): ZipArchive {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const maxEntrySize = options.maxEntrySize ?? defaultMaxEntrySize;
  const end = findEndOfCentralDirectory(data);
  const count = data.readUInt16LE(end + 10);
  const directorySize = data.readUInt32LE(end + 12);
  const directoryOffset = data.readUInt32LE(end + 16);
  if (
    (end >= 20 && data.readUInt32LE(end - 20) === zip64Locator) ||
    count === 0xffff ||
    directorySize === 0xffffffff ||
    directoryOffset === 0xffffffff
  )
    throw new ZipFormatError('zip64 archives are not supported (the archive or an entry is over 4 GiB)');
  if (directoryOffset + directorySize > end)
    throw new ZipFormatError('the central directory lies outside the archive: truncated or not a zip');

  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let index = 0; index < count; index++) {
    if (at + 46 > end || data.readUInt32LE(at) !== centralHeader)
      throw new ZipFormatError(`central directory entry ${index + 1} of ${count} is damaged`);
    const flags = data.readUInt16LE(at + 8);
    const method = data.readUInt16LE(at + 10);
    const crc32 = data.readUInt32LE(at + 16);
    const compressedSize = data.readUInt32LE(at + 20);
    const size = data.readUInt32LE(at + 24);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    const offset = data.readUInt32LE(at + 42);
    const nameBytes = data.subarray(at + 46, at + 46 + nameLength);
    // Bit 11: the name is UTF-8. Without it the name is code page 437 (what zip tools wrote before UTF-8).
    const name = (flags & 0x800 ? nameBytes.toString('utf8') : decodeCp437(nameBytes)).replace(/\\/g, '/');
    if (compressedSize === 0xffffffff || size === 0xffffffff || offset === 0xffffffff)
      throw new ZipFormatError(`${name}: zip64 entries are not supported (over 4 GiB)`);
    entries.push({
      name,
      isDirectory: name.endsWith('/'),
      size,
      compressedSize,
      method,
      crc32,
      offset,
      flags,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }

  return {
    entries,
    read(entry) {
      if (entry.flags & 0x1) throw new ZipFormatError(`${entry.name}: encrypted entries are not supported`);
      if (entry.size > maxEntrySize)
        throw new ZipFormatError(
          `${entry.name}: ${entry.size} bytes uncompressed, more than the limit of ${formatLimit(maxEntrySize)}`,
        );
      if (entry.offset + 30 > data.length || data.readUInt32LE(entry.offset) !== localHeader)
        throw new ZipFormatError(`${entry.name}: its local header is missing or damaged`);
      // The local header's name and extra field may differ in length from the central directory's.
      const start =
        entry.offset + 30 + data.readUInt16LE(entry.offset + 26) + data.readUInt16LE(entry.offset + 28);
      if (start + entry.compressedSize > data.length)
        throw new ZipFormatError(`${entry.name}: its data runs past the end of the archive (truncated)`);
      const raw = data.subarray(start, start + entry.compressedSize);
      let content: Buffer;
      if (entry.method === 0) {
        content = Buffer.from(raw);
      } else if (entry.method === 8) {
        try {
          // The declared size is not trusted: zlib counts what it actually inflates and stops one byte past
          // the declared size (itself within the limit), so a lying header (a zip bomb) ends here, after
          // at most that many bytes, whatever the data would inflate to.
          content = inflateRawSync(raw, { maxOutputLength: entry.size + 1 });
        } catch (error) {
          if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE')
            throw new ZipFormatError(
              `${entry.name}: inflates to more than the ${entry.size} bytes its header declares (a zip bomb or a damaged archive); stopped there`,
            );
          throw new ZipFormatError(`${entry.name}: cannot inflate (${firstLineOf(error)})`);
        }
      } else {
        throw new ZipFormatError(
          `${entry.name}: compression method ${entry.method} is not supported (only stored and deflate)`,
        );
      }
      if (content.length !== entry.size)
        throw new ZipFormatError(
          `${entry.name}: ${content.length} bytes, but the archive says ${entry.size}`,
        );
      if (crc32(content) !== entry.crc32)
        throw new ZipFormatError(`${entry.name}: CRC-32 mismatch, the archive is damaged`);
      return content;
    },
  };
}

function firstLineOf(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0] as string;
}

/** The end-of-central-directory record is last, followed only by a comment of at most 65535 bytes. */
function findEndOfCentralDirectory(data: Buffer): number {
  const lowest = Math.max(0, data.length - 22 - 0xffff);
  for (let at = data.length - 22; at >= lowest; at--) {
    if (
      data.readUInt32LE(at) === endOfCentralDirectory &&
      at + 22 + data.readUInt16LE(at + 20) === data.length
    )
      return at;
  }
  throw new ZipFormatError(
    data.length < 22
      ? `not a zip archive (${data.length} bytes)`
      : 'not a zip archive (no end of central directory)',
  );
}

// Code page 437's upper half; its lower half is ASCII.
const cp437High =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

function decodeCp437(bytes: Buffer): string {
  let text = '';
  for (const byte of bytes) text += byte < 0x80 ? String.fromCharCode(byte) : cp437High[byte - 0x80];
  return text;
}
