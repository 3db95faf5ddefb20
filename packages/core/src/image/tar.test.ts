import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entryHeader, type TarEntry, tarStream } from './tar';

const python = '/usr/bin/python3';

/** What Python's tarfile reads from a tar: every member's header fields and content. */
const tarListingScript = `
import hashlib, json, sys, tarfile
members = []
with tarfile.open(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else 'r:*') as tar:
    for m in tar.getmembers():
        data = tar.extractfile(m).read() if m.isfile() else None
        members.append({'name': m.name, 'type': m.type.decode(), 'mode': m.mode, 'uid': m.uid, 'gid': m.gid,
                        'uname': m.uname, 'gname': m.gname, 'mtime': m.mtime, 'size': m.size,
                        'linkname': m.linkname, 'content': data.decode('latin-1') if data is not None else None,
                        'pax': m.pax_headers})
print(json.dumps(members))
`;

interface TarMember {
  name: string;
  type: string;
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  mtime: number;
  size: number;
  linkname: string;
  content: string | null;
  pax: Record<string, string>;
}

function readTar(file: string): TarMember[] {
  return JSON.parse(
    execFileSync(python, ['-c', tarListingScript, file], { encoding: 'utf8' }),
  ) as TarMember[];
}

describe('tarStream', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlci-tar-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes entries that Python reads back exactly, long unicode names and link targets included', async () => {
    const longName = `models/${'données-modèle/'.repeat(8)}poids-😀.bin`;
    const longTarget = `${'../'.repeat(40)}target`;
    await writeFile(join(dir, 'small'), 'hello\n');
    await writeFile(join(dir, 'block'), Buffer.alloc(512, 0x61));
    const entries: TarEntry[] = [
      { type: 'directory', path: 'models', mode: 0o755 },
      {
        type: 'file',
        path: 'models/hello.txt',
        mode: 0o644,
        size: 6,
        source: join(dir, 'small'),
        display: 'small',
      },
      {
        type: 'file',
        path: 'models/block',
        mode: 0o755,
        size: 512,
        source: join(dir, 'block'),
        display: 'block',
      },
      { type: 'file', path: longName, mode: 0o644, size: 6, source: join(dir, 'small'), display: 'small' },
      { type: 'symlink', path: 'models/link', mode: 0o777, target: 'hello.txt' },
      { type: 'symlink', path: 'models/far', mode: 0o777, target: longTarget },
      { type: 'file', path: 'é.txt', mode: 0o644, size: 6, source: join(dir, 'small'), display: 'small' },
    ];
    const parts: Buffer[] = [];
    for await (const part of tarStream(entries, 1_700_000_000)) parts.push(part);
    const tar = Buffer.concat(parts);
    expect(tar.length % 512).toBe(0);
    expect(tar.subarray(-1024).equals(Buffer.alloc(1024))).toBe(true);
    const file = join(dir, 'out.tar');
    await writeFile(file, tar);
    const members = readTar(file);
    expect(members.map((member) => [member.name, member.type, member.mode, member.linkname])).toEqual([
      ['models', '5', 0o755, ''],
      ['models/hello.txt', '0', 0o644, ''],
      ['models/block', '0', 0o755, ''],
      [longName, '0', 0o644, ''],
      ['models/link', '2', 0o777, 'hello.txt'],
      ['models/far', '2', 0o777, longTarget],
      ['é.txt', '0', 0o644, ''],
    ]);
    for (const member of members) {
      expect([member.uid, member.gid, member.uname, member.gname, member.mtime]).toEqual([
        0,
        0,
        '',
        '',
        1_700_000_000,
      ]);
    }
    expect(members[1]?.content).toBe('hello\n');
    expect(members[2]?.content).toBe('a'.repeat(512));
    expect(members[3]?.content).toBe('hello\n');
    expect(members[3]?.pax).toEqual({ path: longName });
    expect(members[5]?.pax).toEqual({ linkpath: longTarget });
    // Short but not ASCII: PAX too, so no reader guesses the charset.
    expect(members[6]?.pax).toEqual({ path: 'é.txt' });
    // GNU tar agrees: numeric owner 0/0 on every line, the long name whole.
    const listing = execFileSync('tar', ['--numeric-owner', '-tvf', file], { encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(listing).toHaveLength(entries.length);
    for (const line of listing) expect(line).toMatch(/^[-dl]rw[-x]r[-w][-x]r[-w][-x] 0\/0 /);
    expect(listing[3]).toContain(longName);
  });

  it('comes in chunks of exactly the size asked (the last shorter), the same bytes whatever the size', async () => {
    await writeFile(join(dir, 'seven'), Buffer.alloc(7_000, 0x62));
    await writeFile(join(dir, 'odd'), 'x');
    const entries: TarEntry[] = [
      { type: 'directory', path: 'm', mode: 0o755 },
      {
        type: 'file',
        path: 'm/seven',
        mode: 0o644,
        size: 7_000,
        source: join(dir, 'seven'),
        display: 'seven',
      },
      { type: 'file', path: 'm/odd', mode: 0o644, size: 1, source: join(dir, 'odd'), display: 'odd' },
      { type: 'symlink', path: 'm/link', mode: 0o777, target: 'odd' },
    ];
    const chunksOf = async (size?: number) => {
      const chunks: Buffer[] = [];
      for await (const chunk of tarStream(entries, 1_700_000_000, size)) chunks.push(Buffer.from(chunk));
      return chunks;
    };
    const whole = Buffer.concat(await chunksOf());
    // Headers, contents, paddings and the trailer all cross chunk boundaries at one size or another.
    for (const size of [1, 100, 512, 700, 4096, whole.length, whole.length + 1]) {
      const chunks = await chunksOf(size);
      expect(Buffer.concat(chunks).equals(whole)).toBe(true);
      expect(chunks.slice(0, -1).every((chunk) => chunk.length === size)).toBe(true);
      expect(chunks.at(-1)?.length).toBe(whole.length % size || Math.min(size, whole.length));
    }
  });

  it('puts a size of 8 GiB or more in a PAX record', () => {
    const size = 8 * 1024 ** 3;
    const header = entryHeader(
      { type: 'file', path: 'big', mode: 0o644, size, source: '/x', display: 'x' },
      0,
    );
    expect(header.length).toBe(3 * 512);
    expect(header.subarray(512, 1024).toString('utf8')).toContain(`size=${size}\n`);
    const probe = `import tarfile,sys; h=tarfile.TarInfo.frombuf(open(sys.argv[1],'rb').read(512),'utf-8','strict'); print(h.type.decode(), h.size)`;
    const pathOf = join(dir, 'pax-header');
    execFileSync('sh', ['-c', 'cat > "$1"', 'sh', pathOf], { input: header });
    expect(execFileSync(python, ['-c', probe, pathOf], { encoding: 'utf8' }).trim()).toBe('x 19');
  });

  it('rejects an mtime a ustar header cannot hold', async () => {
    const iterator = tarStream([], -1)[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toThrow('layer mtime -1 is not a whole number of seconds');
  });

  it('fails naming the file when it shrank since it was listed', async () => {
    await writeFile(join(dir, 'short'), 'abc');
    const entry: TarEntry = {
      type: 'file',
      path: 'f',
      mode: 0o644,
      size: 10,
      source: join(dir, 'short'),
      display: 'data/short',
    };
    const drain = async () => {
      for await (const _ of tarStream([entry], 0));
    };
    await expect(drain()).rejects.toThrow("'data/short' changed while the layer was built; run again");
  });
});
