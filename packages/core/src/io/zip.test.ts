import { execFileSync } from 'node:child_process';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { crc32, tableCrc32 } from './crc32';
import { readZip, ZipFormatError } from './zip';

/**
 * The oracle is Python's zipfile: each archive is written by a Python script (to stdout) and read back here.
 * `out` is the archive being written; `seekable=False` makes zipfile write data descriptors, as streaming
 * writers (GitHub's upload-artifact, GitLab's runner) do.
 */
function pythonZip(body: string, seekable = true): Buffer {
  const script = [
    'import io, sys, zipfile',
    'class Unseekable(io.RawIOBase):',
    '    def __init__(self): self.parts = []',
    '    def writable(self): return True',
    '    def write(self, b): self.parts.append(bytes(b)); return len(b)',
    `buffer = io.BytesIO() if ${seekable ? 'True' : 'False'} else Unseekable()`,
    'out = zipfile.ZipFile(buffer, "w")',
    body,
    'out.close()',
    'sys.stdout.buffer.write(buffer.getvalue() if hasattr(buffer, "getvalue") else b"".join(buffer.parts))',
  ].join('\n');
  return execFileSync('python3', ['-c', script], { maxBuffer: 64 * 1024 * 1024 });
}

const text = (archive: ReturnType<typeof readZip>, name: string) => {
  const entry = archive.entries.find((e) => e.name === name);
  if (!entry) throw new Error(`no ${name} in ${archive.entries.map((e) => e.name).join(', ')}`);
  return archive.read(entry).toString('utf8');
};

describe('readZip', () => {
  it('reads stored and deflated entries, directories and unicode names as Python wrote them', () => {
    const csv = `label,prediction\n${'1,1\n0,1\n'.repeat(500)}`;
    const bytes = pythonZip(`
out.writestr(".mlci/", "")
out.writestr(".mlci/evaluate.json", '{"step": "evaluate"}', compress_type=zipfile.ZIP_STORED)
out.writestr("predictions/candidate.csv", ${JSON.stringify(csv)}, compress_type=zipfile.ZIP_DEFLATED)
out.writestr("données/résumé ✓.txt", "ça va", compress_type=zipfile.ZIP_DEFLATED)
out.writestr("empty.txt", "", compress_type=zipfile.ZIP_DEFLATED)
out.comment = b"made by python"
`);
    const archive = readZip(bytes);
    expect(archive.entries.map((e) => [e.name, e.isDirectory, e.method])).toEqual([
      ['.mlci/', true, 0],
      ['.mlci/evaluate.json', false, 0],
      ['predictions/candidate.csv', false, 8],
      ['données/résumé ✓.txt', false, 8],
      ['empty.txt', false, 8],
    ]);
    expect(text(archive, '.mlci/evaluate.json')).toBe('{"step": "evaluate"}');
    expect(text(archive, 'predictions/candidate.csv')).toBe(csv);
    const deflated = archive.entries.find((e) => e.name === 'predictions/candidate.csv');
    expect(deflated?.compressedSize).toBeLessThan(csv.length / 10);
    expect(text(archive, 'données/résumé ✓.txt')).toBe('ça va');
    expect(text(archive, 'empty.txt')).toBe('');
  });

  it('reads entries followed by data descriptors (a streaming writer)', () => {
    const bytes = pythonZip(
      `
with out.open("a.txt", "w") as f: f.write(b"alpha " * 1000)
out.writestr("b/c.json", "[1, 2, 3]", compress_type=zipfile.ZIP_DEFLATED)
`,
      false,
    );
    const archive = readZip(bytes);
    // Bit 3: sizes and CRC follow the data, the local header has zeros; the central directory is what counts.
    expect(archive.entries.map((e) => [e.name, (e.flags & 0x8) !== 0])).toEqual([
      ['a.txt', true],
      ['b/c.json', true],
    ]);
    expect(text(archive, 'a.txt')).toBe('alpha '.repeat(1000));
    expect(text(archive, 'b/c.json')).toBe('[1, 2, 3]');
  });

  it('decodes names without the UTF-8 flag as code page 437', () => {
    const bytes = pythonZip('out.writestr("cafX.txt", "x")');
    // Python flags non-ASCII names as UTF-8; old tools wrote CP437 bytes without the flag (0x82 is é).
    const patched = Buffer.from(bytes.toString('latin1').replaceAll('cafX.txt', 'caf\x82.txt'), 'latin1');
    expect(readZip(patched).entries.map((e) => e.name)).toEqual(['café.txt']);
  });

  it('computes CRC-32 as zlib does, with zlib and with the table older Node 20 uses', () => {
    // Check values: the standard "123456789" and what Python's zlib.crc32 says for a longer input.
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(tableCrc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    const sample = Buffer.from('mlci '.repeat(777));
    const expected = Number(
      execFileSync('python3', ['-c', 'import sys, zlib; print(zlib.crc32(sys.stdin.buffer.read()))'], {
        input: sample,
      }),
    );
    expect(crc32(sample)).toBe(expected);
    expect(tableCrc32(sample)).toBe(expected);
  });

  it('refuses a damaged entry: a changed byte fails the CRC-32 check', () => {
    const bytes = pythonZip('out.writestr("data.csv", "a,b\\n1,2\\n", compress_type=zipfile.ZIP_STORED)');
    const damaged = Buffer.from(bytes);
    damaged[damaged.indexOf('1,2') as number] = '7'.charCodeAt(0);
    const archive = readZip(damaged);
    expect(() => archive.read(archive.entries[0] as never)).toThrow(
      'data.csv: CRC-32 mismatch, the archive is damaged',
    );
  });

  it('stops a zip bomb: an entry larger than the limit is not inflated', () => {
    const bytes = pythonZip(
      'out.writestr("zeros.bin", bytes(8 * 1024 * 1024), compress_type=zipfile.ZIP_DEFLATED)',
    );
    expect(bytes.length).toBeLessThan(64 * 1024);
    const archive = readZip(bytes, { maxEntrySize: 1024 * 1024 });
    expect(() => archive.read(archive.entries[0] as never)).toThrow(
      'zeros.bin: 8388608 bytes uncompressed, more than the limit of 1 MiB',
    );
  });

  it('stops a lying header: inflating ends at the declared size', () => {
    const bytes = pythonZip(
      'out.writestr("zeros.bin", bytes(4 * 1024 * 1024), compress_type=zipfile.ZIP_DEFLATED)',
    );
    // Declare 1000 bytes in the central directory (uncompressed size at offset 24 of its header).
    const central = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(1000, central + 24);
    const archive = readZip(bytes);
    expect(() => archive.read(archive.entries[0] as never)).toThrow(
      'zeros.bin: inflates to more than the 1000 bytes its header declares (a zip bomb or a damaged archive); stopped there',
    );
  });

  it('refuses zip64 archives with a clear error', () => {
    // Python switches to zip64 above ZIP64_LIMIT; lowering it makes a small zip64 archive.
    const bytes = pythonZip('zipfile.ZIP64_LIMIT = 10\nout.writestr("big.txt", "more than ten bytes")');
    expect(() => readZip(bytes)).toThrow(
      new ZipFormatError('zip64 archives are not supported (the archive or an entry is over 4 GiB)'),
    );
  });

  it('refuses what is not a zip, or a truncated one', () => {
    expect(() => readZip(Buffer.from('{"message": "Not Found"}'))).toThrow(
      'not a zip archive (no end of central directory)',
    );
    expect(() => readZip(Buffer.alloc(3))).toThrow('not a zip archive (3 bytes)');
    const bytes = pythonZip('out.writestr("a.txt", "hello")');
    expect(() => readZip(bytes.subarray(40))).toThrow(/central directory|damaged/);
  });

  it('refuses methods other than stored and deflate, naming the method', () => {
    const bytes = pythonZip('out.writestr("a.txt", "hello " * 100, compress_type=zipfile.ZIP_BZIP2)');
    const archive = readZip(bytes);
    expect(() => archive.read(archive.entries[0] as never)).toThrow(
      'a.txt: compression method 12 is not supported (only stored and deflate)',
    );
  });

  it('agrees with zlib on raw deflate written by Node too', () => {
    // A hand-made archive (one deflated entry) read back: local header, central directory, end record.
    const content = Buffer.from('x,y\n'.repeat(100));
    const deflated = deflateRawSync(content);
    const name = Buffer.from('hand.csv');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(content), 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(content), 16);
    central.writeUInt32LE(deflated.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(name.length, 28);
    const directoryOffset = local.length + name.length + deflated.length;
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(central.length + name.length, 12);
    end.writeUInt32LE(directoryOffset, 16);
    const archive = readZip(Buffer.concat([local, name, deflated, central, name, end]));
    expect(text(archive, 'hand.csv')).toBe(content.toString());
    // And Python reads the same bytes.
    const listed = execFileSync(
      'python3',
      [
        '-c',
        'import io, sys, zipfile; z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read())); print(z.read("hand.csv").decode(), end="")',
      ],
      { input: Buffer.concat([local, name, deflated, central, name, end]) },
    ).toString();
    expect(listed).toBe(content.toString());
  });
});
