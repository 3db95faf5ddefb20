import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, unlinkSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors';
import { expandPaths, type FingerprintOptions, fingerprintFiles, HashCache } from './fingerprint';

// The oracle is GNU coreutils' sha256sum, run as a separate program.
const sha256sum = '/usr/bin/sha256sum';

let root: string;
let scratch: string;

beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mlci-fingerprint-'));
  root = join(scratch, 'workspace');
  await mkdir(root);
});
afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function put(path: string, content: string | Uint8Array = path): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), content);
}

/** sha256sum's digest of each file, by path. */
function sha256sumOf(paths: readonly string[]): Map<string, string> {
  const listing = execFileSync(sha256sum, ['--', ...paths], { cwd: root, encoding: 'utf8' });
  return new Map(
    listing
      .trimEnd()
      .split('\n')
      .map((line) => [line.slice(66), `sha256:${line.slice(0, 64)}`]),
  );
}

/** The message of the InputError the promise rejects with. */
async function inputError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).message;
}

/** Clock of a cache that pretends it hashed 3 s after now: files written by the test are then not "racy". */
const later = () => BigInt(Date.now() + 3000) * 1_000_000n;

async function fingerprintDirectory(options: FingerprintOptions = {}) {
  return fingerprintFiles(root, await expandPaths(['data'], { cwd: root, option: '--inputs' }), options);
}

describe('fingerprintFiles', () => {
  test('gives the digests sha256sum gives, and a set digest anyone can recompute with sha256sum', async () => {
    await put('data/empty.csv', '');
    await put('data/big.bin', randomBytes(9 * (1 << 20) + 7)); // more than one read buffer and one batch
    await put('data/with space.csv', 'a,b\n1,2\n');
    await put('data/données-ü€.csv', 'x\n1\n');
    await put('data/sub/.hidden', 'dot file');
    await put('data/train.sh', '#!/bin/sh\necho hi\n');
    await chmod(join(root, 'data/train.sh'), 0o755);

    const set = await fingerprintDirectory();

    const paths = set.files.map((file) => file.path);
    expect(paths).toEqual([
      'data/big.bin',
      'data/données-ü€.csv',
      'data/empty.csv',
      'data/sub/.hidden',
      'data/train.sh',
      'data/with space.csv',
    ]);
    const expected = sha256sumOf(paths);
    for (const file of set.files) {
      expect([file.path, file.digest]).toEqual([file.path, expected.get(file.path)]);
      expect(file.size).toBe((await stat(join(root, file.path))).size);
    }
    expect(set.files.find((file) => file.path === 'data/empty.csv')?.digest).toBe(
      'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(set.files.filter((file) => file.executable).map((file) => file.path)).toEqual(['data/train.sh']);
    expect(set.bytes).toBe(set.files.reduce((sum, file) => sum + file.size, 0));
    expect([set.hashedFiles, set.hashedBytes]).toEqual([6, set.bytes]);

    // find | sort | sha256sum | sha256sum: the recipe docs give for checking a set digest without mlci.
    const recomputed = execFileSync(
      'sh',
      ['-c', 'find data -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum -- | sha256sum'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(set.digest).toBe(`sha256:${recomputed.slice(0, 64)}`);
  });

  test('one worker and two give the same result as sha256sum, with progress up to the bytes hashed', async () => {
    // More files than one stat job and one hash batch hold, and files larger than a batch: every hand-off.
    for (let index = 0; index < 600; index++)
      await put(`data/part-${index}.csv`, `row ${index}\n`.repeat(index * 7));
    await put('data/large.bin', randomBytes(10 << 20));
    await put('data/larger.bin', randomBytes(12 << 20));
    const progress: [number, number][] = [];
    const one = await fingerprintDirectory({ workers: 1 });
    const two = await fingerprintDirectory({
      workers: 2,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(two).toEqual(one);
    expect(one.hashedFiles).toBe(602);
    const expected = sha256sumOf(two.files.map((file) => file.path));
    expect(two.files.map((file) => [file.path, file.digest])).toEqual(
      two.files.map((file) => [file.path, expected.get(file.path)]),
    );
    expect(progress.at(-1)).toEqual([two.bytes, two.bytes]);
    expect(
      progress.every(([done], index) => index === 0 || done >= (progress[index - 1] as [number, number])[0]),
    ).toBe(true);
  });

  test('a missing, vanished or unreadable file is an InputError naming it, and no hashing thread is left', async () => {
    await put('data/a.csv', 'a');
    await put('data/b.csv', 'b');
    await symlink('nowhere.csv', join(root, 'data/broken.csv'));
    await fingerprintFiles(root, ['data/a.csv']); // libuv's and V8's threads exist from here on
    const threads = () => readdirSync('/proc/self/task').length;
    const before = threads();

    // Stat'ed by the hashing threads (no cache record), and on the main thread (records: maybe no hashing).
    const warmCache = await HashCache.load(join(scratch, 'hash-cache.json'));
    await fingerprintFiles(root, ['data/a.csv'], { hashCache: warmCache });
    expect(warmCache.hasRecords()).toBe(true);
    for (const hashCache of [undefined, warmCache]) {
      expect(await inputError(fingerprintFiles(root, ['data/a.csv', 'data/gone.csv'], { hashCache }))).toBe(
        "cannot read 'data/gone.csv': no such file",
      );
      expect(
        await inputError(fingerprintFiles(root, ['data/broken.csv', 'data/nothing.csv'], { hashCache })),
      ).toBe("cannot read 'data/broken.csv': broken symbolic link");
      expect(await inputError(fingerprintFiles(root, ['data', 'data/a.csv'], { hashCache }))).toBe(
        "cannot read 'data': not a regular file",
      );
    }

    // Removed after it was listed and stat'ed, before a thread opens it.
    const vanishing = fingerprintFiles(root, ['data/a.csv', 'data/b.csv'], {
      workers: 2,
      onProgress: (done) => {
        if (done === 0) unlinkSync(join(root, 'data/b.csv'));
      },
    });
    expect(await inputError(vanishing)).toBe("cannot read 'data/b.csv': no such file");
    // A terminated worker's OS thread may take a moment to exit on a busy machine; a leaked one never does.
    // Fewer is fine: V8 and libuv may end an idle helper thread of their own meanwhile (seen under load).
    for (let wait = 0; wait < 20 && threads() > before; wait++) await new Promise((r) => setTimeout(r, 50));
    expect(threads()).toBeLessThanOrEqual(before);
  });
});

describe('expandPaths', () => {
  const expand = (patterns: string[], option = '--inputs') => expandPaths(patterns, { cwd: root, option });

  beforeEach(async () => {
    for (const path of ['data/a.csv', 'data/b.csv', 'data/notes.txt', 'data/.hidden.csv', 'data/sub/c.csv']) {
      await put(path);
    }
    await put('data/sub/.env');
    await put('model[1].bin');
  });

  test('takes files, directories (dot files included) and globs (shell rules), sorted and de-duplicated', async () => {
    expect(await expand(['data/*.csv'])).toEqual(['data/a.csv', 'data/b.csv']);
    expect(await expand(['data'])).toEqual([
      'data/.hidden.csv',
      'data/a.csv',
      'data/b.csv',
      'data/notes.txt',
      'data/sub/.env',
      'data/sub/c.csv',
    ]);
    // A directory the glob matches comes whole, as when the shell passes `data/*` on.
    expect(await expand(['data/*'])).toEqual([
      'data/a.csv',
      'data/b.csv',
      'data/notes.txt',
      'data/sub/.env',
      'data/sub/c.csv',
    ]);
    expect(await expand(['data/**/*.csv', './data/../data/a.csv', 'data/sub/', 'data/sub/c.csv'])).toEqual([
      'data/a.csv',
      'data/b.csv',
      'data/sub/.env',
      'data/sub/c.csv',
    ]);
    expect(await expand(['model[1].bin', 'data/{a,b}.csv'])).toEqual([
      'data/a.csv',
      'data/b.csv',
      'model[1].bin',
    ]);
  });

  test('follows symbolic links under their own names, and refuses a link cycle', async () => {
    await put('elsewhere/x.csv', 'x');
    await put('elsewhere/deeper/y.csv', 'y');
    await symlink('../elsewhere/x.csv', join(root, 'data/link.csv'));
    await symlink('../elsewhere', join(root, 'data/linked-dir'));
    expect(await expand(['data/*.csv', 'data/linked-dir'])).toEqual([
      'data/a.csv',
      'data/b.csv',
      'data/link.csv',
      'data/linked-dir/deeper/y.csv',
      'data/linked-dir/x.csv',
    ]);
    const set = await fingerprintFiles(root, ['data/link.csv', 'elsewhere/x.csv']);
    expect(set.files[0]?.digest).toBe(set.files[1]?.digest);

    await symlink('..', join(root, 'data/sub/up'));
    expect(await inputError(expand(['data']))).toBe(
      "--inputs: 'data/sub/up' is a symbolic link to a directory that contains it",
    );
  });

  test('records a file outside the working directory by its absolute path', async () => {
    const outside = join(scratch, 'shared-data');
    await mkdir(outside);
    await writeFile(join(outside, 'o.csv'), 'o');
    const expected = [`${outside}/o.csv`];
    expect(await expand([`../${basename(outside)}/*.csv`])).toEqual(expected);
    expect(await expand([outside])).toEqual(expected);
    const set = await fingerprintFiles(root, expected);
    expect(set.files[0]?.digest).toBe(
      `sha256:${execFileSync(sha256sum, [`${outside}/o.csv`], { encoding: 'utf8' }).slice(0, 64)}`,
    );
  });

  test('a pattern that matches no file is an InputError naming the option and the pattern', async () => {
    await mkdir(join(root, 'empty'));
    expect(await inputError(expand(['data/a.csv', 'data/*.parquet']))).toBe(
      "--inputs: 'data/*.parquet' matches no file",
    );
    expect(await inputError(expand(['nowhere/*.csv'], "input 'inputs'"))).toBe(
      "input 'inputs': 'nowhere/*.csv' matches no file",
    );
    expect(await inputError(expand(['data/a.cvs']))).toBe("--inputs: 'data/a.cvs' matches no file");
    expect(await inputError(expand(['empty']))).toBe("--inputs: 'empty' matches no file");
  });
});

describe('HashCache', () => {
  const cacheFile = () => join(root, '.mlci/hash-cache.json');

  async function run(
    clock?: () => bigint,
    options: { maxEntries?: number; patterns?: string[]; save?: boolean } = {},
  ) {
    const hashCache = await HashCache.load(cacheFile(), { clock, maxEntries: options.maxEntries });
    const paths = await expandPaths(options.patterns ?? ['data'], { cwd: root, option: '--inputs' });
    const set = await fingerprintFiles(root, paths, { hashCache });
    if (options.save !== false) await hashCache.save();
    return set;
  }

  beforeEach(async () => {
    await put('data/a.csv', 'alpha\n');
    await put('data/b.csv', 'bravo\n');
    await put('data/sub/c.csv', 'charlie\n');
  });

  test('a second run over unchanged files hashes none of them', async () => {
    const first = await run(later);
    const second = await run(later);
    expect([first.hashedFiles, second.hashedFiles]).toEqual([3, 0]);
    expect(second).toEqual({ ...first, hashedFiles: 0, hashedBytes: 0 });
  });

  test('a changed file of the same size is hashed again, even with its old mtime put back', async () => {
    await run(later);
    const original = await stat(join(root, 'data/b.csv'));

    const earlier = new Date(original.mtimeMs - 5000);
    await writeFile(join(root, 'data/b.csv'), 'BRAVO\n');
    await utimes(join(root, 'data/b.csv'), original.atime, earlier);
    const touched = await run(later);
    expect(touched.hashedFiles).toBe(1);
    expect(touched.files[1]?.digest).toBe(sha256sumOf(['data/b.csv']).get('data/b.csv'));

    // `cp -p`, `touch -d`: the mtime is the recorded one again, but the ctime is not.
    await writeFile(join(root, 'data/b.csv'), 'bRAVO\n');
    await utimes(join(root, 'data/b.csv'), original.atime, earlier);
    const restored = await run(later);
    expect(restored.hashedFiles).toBe(1);
    expect(restored.files[1]?.digest).toBe(sha256sumOf(['data/b.csv']).get('data/b.csv'));
  });

  test('a record made within 2 s of the file changing is not trusted (racy-git rule)', async () => {
    // Hashed right after they were written: a write in the same timestamp tick would go unseen.
    expect((await run()).hashedFiles).toBe(3);
    // So they are read again, even by a run that comes later...
    expect((await run(later)).hashedFiles).toBe(3);
    // ...whose records, made long enough after the last change, are trusted.
    expect((await run(later)).hashedFiles).toBe(0);
  });

  test('a missing, unreadable or corrupt cache file is an empty cache, and is replaced on save', async () => {
    await mkdir(cacheFile(), { recursive: true }); // a directory where the file should be
    expect((await run(later, { save: false })).hashedFiles).toBe(3);
    await rm(cacheFile(), { recursive: true });

    const good = await run(later);
    for (const corrupt of [
      '{"version":1,"entries":[["truncated',
      '[]',
      '{"version":99,"entries":[]}',
      '\u0000',
    ]) {
      await writeFile(cacheFile(), corrupt);
      expect(await run(later)).toEqual(good);
    }
    // The last run wrote a valid cache again.
    expect((await run(later)).hashedFiles).toBe(0);

    // A malformed row costs only its own file.
    const text = await readFile(cacheFile(), 'utf8');
    await writeFile(cacheFile(), text.replace(/"[0-9a-f]{64}"/, '"not-a-digest"'));
    expect((await run(later)).hashedFiles).toBe(1);
  });

  test('keeps every entry seen in a run, then the most recent others up to the bound', async () => {
    await put('other/x.csv', 'x');
    await put('other/y.csv', 'y');
    const paths = async () =>
      (JSON.parse(await readFile(cacheFile(), 'utf8')) as { entries: string[][] }).entries.map((row) =>
        (row[0] as string).slice(root.length + 1),
      );

    await run(later, { patterns: ['data'] });
    await run(later, { patterns: ['other'], maxEntries: 4 });
    expect(await paths()).toEqual(['other/x.csv', 'other/y.csv', 'data/a.csv', 'data/b.csv']);
    await run(later, { patterns: ['data', 'other'], maxEntries: 1 });
    expect((await paths()).length).toBe(5);
  });
});
