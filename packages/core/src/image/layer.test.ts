import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmod,
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../errors';
import type { Descriptor } from '../oci/client';
import type { Logger } from '../platform/platform';
import { layerMediaTypes } from './compression';
import { type BuiltLayer, buildLayer, type LayerOptions, type LayerSpec } from './layer';

const python = '/usr/bin/python3';

/** Every member as Python's tarfile (through its gzip module for a .gz blob) reads it. */
const listing = `
import hashlib, json, sys, tarfile
out = []
with tarfile.open(sys.argv[1], 'r:*') as tar:
    for m in tar.getmembers():
        data = tar.extractfile(m).read() if m.isfile() else None
        out.append([m.name, m.type.decode(), oct(m.mode), m.uid, m.gid, m.uname, m.gname, m.mtime,
                    m.linkname or None, hashlib.sha256(data).hexdigest() if data is not None else None])
print(json.dumps(out))
`;

function readLayer(blob: string): unknown[][] {
  return JSON.parse(execFileSync(python, ['-c', listing, blob], { encoding: 'utf8' })) as unknown[][];
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`info: ${message}`),
    warn: (message) => lines.push(`warn: ${message}`),
    debug: (message) => lines.push(`debug: ${message}`),
  };
}

/** Bytes this process has read with read(2) and friends, page cache hits included. */
async function bytesReadSoFar(): Promise<number> {
  const io = await readFile('/proc/self/io', 'utf8');
  return Number(/^rchar: (\d+)$/m.exec(io)?.[1]);
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mlci-layer-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let count = 0;
/** A fresh workspace with a model directory and an app file. */
async function workspace(
  options: { fileMode?: number; dirMode?: number; mtime?: number } = {},
): Promise<string> {
  const ws = join(root, `ws-${count++}`);
  const model = join(ws, 'models', 'classifier');
  await mkdir(join(model, 'nested', 'empty'), { recursive: true });
  await mkdir(join(model, '.git'), { recursive: true });
  await mkdir(join(ws, 'app'), { recursive: true });
  await writeFile(join(model, 'weights.bin'), Buffer.alloc(3000, 7));
  await writeFile(join(model, 'nested', 'config.json'), '{"layers": 3}\n');
  await writeFile(join(model, 'données-ü.txt'), 'unicode\n');
  await writeFile(join(model, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  await writeFile(join(ws, 'app', 'serve.py'), 'print("serving")\n');
  await chmod(join(ws, 'app', 'serve.py'), 0o700);
  await symlink('weights.bin', join(model, 'latest'));
  if (options.fileMode !== undefined) {
    await chmod(join(model, 'weights.bin'), options.fileMode);
    await chmod(join(model, 'nested', 'config.json'), options.fileMode);
  }
  if (options.dirMode !== undefined) await chmod(join(model, 'nested'), options.dirMode);
  if (options.mtime !== undefined)
    for (const file of ['weights.bin', 'nested/config.json', 'données-ü.txt'])
      await utimes(join(model, file), options.mtime, options.mtime);
  return ws;
}

function specOf(ws: string, overrides: Partial<LayerSpec> = {}): LayerSpec {
  return {
    sources: [
      { source: join(ws, 'models', 'classifier'), dest: '/opt/model' },
      { source: join(ws, 'app', 'serve.py'), dest: '/app/serve.py' },
    ],
    workspace: ws,
    mtime: 1_700_000_000,
    compression: 'gzip',
    level: 6,
    createdBy: 'mlci build-image --model models/classifier',
    ...overrides,
  };
}

function optionsOf(ws: string, exists: (descriptor: Descriptor) => Promise<boolean> = async () => false) {
  const logger = recordingLogger();
  const options: LayerOptions = {
    cacheFile: join(ws, '.mlci', 'layer-cache.json'),
    scratchDir: join(ws, '.mlci', 'blobs'),
    exists,
    logger,
  };
  return { options, logger };
}

async function build(ws: string, spec = specOf(ws), exists?: (d: Descriptor) => Promise<boolean>) {
  const { options, logger } = optionsOf(ws, exists);
  return { layer: await buildLayer(spec, options), logger, options };
}

function expectBlobMatches(layer: BuiltLayer, blob: Buffer) {
  expect(layer.descriptor.digest).toBe(`sha256:${sha256(blob)}`);
  expect(layer.descriptor.size).toBe(blob.length);
}

describe('buildLayer', () => {
  it('writes sorted, normalized entries that Python reads back, with parents and without .git', async () => {
    const ws = await workspace();
    const { layer, logger } = await build(ws);
    expect(layer.path).toBe(join(ws, '.mlci', 'blobs', layer.descriptor.digest.slice('sha256:'.length)));
    expect(layer.descriptor.mediaType).toBe(layerMediaTypes.gzip);
    expect(layer.createdBy).toBe('mlci build-image --model models/classifier');
    const blob = await readFile(layer.path as string);
    expectBlobMatches(layer, blob);
    const tar = execFileSync(python, [
      '-c',
      'import gzip,sys; sys.stdout.buffer.write(gzip.open(sys.argv[1]).read())',
      layer.path as string,
    ]);
    expect(layer.diffId).toBe(`sha256:${sha256(tar)}`);

    const members = readLayer(layer.path as string);
    const t = 1_700_000_000;
    expect(members).toEqual([
      ['app', '5', '0o755', 0, 0, '', '', t, null, null],
      ['app/serve.py', '0', '0o755', 0, 0, '', '', t, null, sha256('print("serving")\n')],
      ['opt', '5', '0o755', 0, 0, '', '', t, null, null],
      ['opt/model', '5', '0o755', 0, 0, '', '', t, null, null],
      ['opt/model/données-ü.txt', '0', '0o644', 0, 0, '', '', t, null, sha256('unicode\n')],
      ['opt/model/latest', '2', '0o777', 0, 0, '', '', t, 'weights.bin', null],
      ['opt/model/nested', '5', '0o755', 0, 0, '', '', t, null, null],
      ['opt/model/nested/config.json', '0', '0o644', 0, 0, '', '', t, null, sha256('{"layers": 3}\n')],
      ['opt/model/nested/empty', '5', '0o755', 0, 0, '', '', t, null, null],
      ['opt/model/weights.bin', '0', '0o644', 0, 0, '', '', t, null, sha256(Buffer.alloc(3000, 7))],
    ]);
    expect(logger.lines.filter((line) => !line.startsWith('debug'))).toEqual([]);
  });

  it('gives the same digests for the same inputs in another directory, with other mtimes and umask', async () => {
    const first = await build(await workspace());
    const other = await workspace({ fileMode: 0o600, dirMode: 0o700, mtime: 1_000_000 });
    const second = await build(other);
    expect(second.layer.descriptor).toEqual(first.layer.descriptor);
    expect(second.layer.diffId).toBe(first.layer.diffId);
    // A copy made by cp (new inodes, new ctimes) too.
    const copied = join(root, `copy-${count++}`);
    await cp(other, copied, { recursive: true, verbatimSymlinks: true });
    expect((await build(copied)).layer.descriptor.digest).toBe(first.layer.descriptor.digest);
  });

  it('writes a multi-member gzip that gzip -t, zcat and python accept, as the same tar as uncompressed', async () => {
    const ws = await workspace();
    // 9 MiB random: three 4 MiB members.
    await writeFile(join(ws, 'models', 'classifier', 'weights.bin'), randomBytes(9 << 20));
    const gzipped = await build(ws, specOf(ws), async () => false);
    const blob = gzipped.layer.path as string;
    execFileSync('gzip', ['-t', blob]);
    const tar = execFileSync('zcat', [blob], { maxBuffer: 1 << 25 });
    expect(`sha256:${sha256(tar)}`).toBe(gzipped.layer.diffId);
    const members = readLayer(blob);
    expect(members.find((member) => member[0] === 'opt/model/weights.bin')?.[9]).toBe(
      sha256(await readFile(join(ws, 'models', 'classifier', 'weights.bin'))),
    );
    const plain = await build(ws, specOf(ws, { compression: 'none' }));
    expect(plain.layer.descriptor.mediaType).toBe(layerMediaTypes.none);
    expect(plain.layer.diffId).toBe(gzipped.layer.diffId);
    expect(plain.layer.descriptor.digest).toBe(plain.layer.diffId);
    expect((await readFile(plain.layer.path as string)).equals(tar)).toBe(true);
  });

  it('on a cache hit the target has, reads no file content and writes no blob', async () => {
    const ws = await workspace();
    const weights = join(ws, 'models', 'classifier', 'weights.bin');
    await writeFile(weights, randomBytes(16 << 20));
    // The hash cache trusts a record only for files last changed over 2 s before they were hashed.
    await new Promise((done) => setTimeout(done, 2100));
    const first = await build(ws);
    await rm(join(ws, '.mlci', 'blobs'), { recursive: true });
    const asked: Descriptor[] = [];
    const before = await bytesReadSoFar();
    const second = await build(ws, specOf(ws), async (descriptor) => {
      asked.push(descriptor);
      return true;
    });
    const read = (await bytesReadSoFar()) - before;
    expect(read).toBeLessThan(1 << 20);
    expect(asked).toEqual([first.layer.descriptor]);
    expect(second.layer).toEqual({
      descriptor: first.layer.descriptor,
      diffId: first.layer.diffId,
      createdBy: first.layer.createdBy,
    });
    await expect(readdir(join(ws, '.mlci', 'blobs'))).rejects.toThrow();
    // Not at the target: built again, to the same digest, reading the file (so the measure above can fail).
    const beforeRebuild = await bytesReadSoFar();
    const third = await build(ws, specOf(ws), async () => false);
    expect((await bytesReadSoFar()) - beforeRebuild).toBeGreaterThanOrEqual(16 << 20);
    expect(third.layer.path).toBeDefined();
    expect(third.layer.descriptor).toEqual(first.layer.descriptor);
  });

  it('rebuilds after a change, and with a corrupt cache file', async () => {
    const ws = await workspace();
    const first = await build(ws);
    await writeFile(join(ws, 'app', 'serve.py'), 'print("serving v2")\n');
    const changed = await build(ws, specOf(ws), async () => true);
    expect(changed.layer.path).toBeDefined();
    expect(changed.layer.descriptor.digest).not.toBe(first.layer.descriptor.digest);
    await writeFile(join(ws, '.mlci', 'layer-cache.json'), '{"version":1,"layers":[{"key":');
    const afterCorruption = await build(ws, specOf(ws), async () => true);
    expect(afterCorruption.layer.path).toBeDefined();
    expect(afterCorruption.layer.descriptor).toEqual(changed.layer.descriptor);
    expect(JSON.parse(await readFile(join(ws, '.mlci', 'layer-cache.json'), 'utf8')).layers).toHaveLength(1);
  });

  it('replaces a cache entry whose rebuilt digest differs, saying so at debug', async () => {
    const ws = await workspace();
    const first = await build(ws);
    const cacheFile = join(ws, '.mlci', 'layer-cache.json');
    const wrong = `sha256:${'0'.repeat(64)}`;
    await writeFile(
      cacheFile,
      (await readFile(cacheFile, 'utf8')).replace(first.layer.descriptor.digest, wrong),
    );
    const asked: string[] = [];
    const second = await build(ws, specOf(ws), async (descriptor) => {
      asked.push(descriptor.digest);
      return false;
    });
    expect(asked).toEqual([wrong]);
    expect(second.layer.descriptor.digest).toBe(first.layer.descriptor.digest);
    expect(
      second.logger.lines.some((line) => line.startsWith('debug:') && line.includes(`cached ${wrong}`)),
    ).toBe(true);
    expect(await readFile(cacheFile, 'utf8')).toContain(first.layer.descriptor.digest);
  });

  describe('known: the blob the target holds for a diffId', () => {
    const fresh = async (ws: string) => rm(join(ws, '.mlci'), { recursive: true, force: true });

    it('on a cache miss hashes the tar only and reuses the blob the target has: nothing written, cache filled', async () => {
      const ws = await workspace();
      const first = await build(ws);
      const tarSize = execFileSync('zcat', [first.layer.path as string]).length;
      await fresh(ws);
      // Another level's blob of the same tar: what the registry holds when another runner compressed it.
      const theirs: Descriptor = {
        mediaType: layerMediaTypes.gzip,
        digest: `sha256:${'a'.repeat(64)}`,
        size: 1234,
      };
      const asked: string[] = [];
      const existsAsked: Descriptor[] = [];
      const { options, logger } = optionsOf(ws, async (descriptor) => {
        existsAsked.push(descriptor);
        return true;
      });
      const reused = await buildLayer(specOf(ws), {
        ...options,
        known: (diffId) => {
          asked.push(diffId);
          return diffId === first.layer.diffId ? theirs : undefined;
        },
      });
      expect(asked).toEqual([first.layer.diffId]);
      expect(existsAsked).toEqual([theirs]);
      expect(reused).toEqual({
        descriptor: theirs,
        diffId: first.layer.diffId,
        createdBy: first.layer.createdBy,
      });
      await expect(readdir(join(ws, '.mlci', 'blobs'))).rejects.toThrow();
      expect(logger.lines.some((line) => line.includes(`as ${theirs.digest}; not compressed`))).toBe(true);

      // Recorded in the local cache: the next build (no known) asks the target for that blob only.
      const cachedAsked: Descriptor[] = [];
      const again = await build(ws, specOf(ws), async (descriptor) => {
        cachedAsked.push(descriptor);
        return true;
      });
      expect(cachedAsked).toEqual([theirs]);
      expect(again.layer).toEqual(reused);
      const cache = JSON.parse(await readFile(join(ws, '.mlci', 'layer-cache.json'), 'utf8')) as {
        layers: { tarSize: number; diffId: string }[];
      };
      expect(cache.layers).toEqual([expect.objectContaining({ diffId: first.layer.diffId, tarSize })]);
    });

    it('an unknown diffId, or a blob the target lacks: built as without known, to the same digests', async () => {
      const ws = await workspace();
      const plain = await build(ws);
      for (const [known, exists] of [
        [() => undefined, async () => true],
        [
          () => ({ mediaType: layerMediaTypes.gzip, digest: `sha256:${'b'.repeat(64)}`, size: 9 }),
          async () => false,
        ],
      ] as const) {
        await fresh(ws);
        const { options } = optionsOf(ws, exists);
        const seen: string[] = [];
        const layer = await buildLayer(specOf(ws), {
          ...options,
          known: (diffId) => {
            seen.push(diffId);
            return known();
          },
        });
        expect(seen).toEqual([plain.layer.diffId]);
        expect(layer.path).toBeDefined();
        expect(layer.descriptor).toEqual(plain.layer.descriptor);
        expect(layer.diffId).toBe(plain.layer.diffId);
        expect(await readFile(layer.path as string)).toEqual(await readFile(plain.layer.path as string));
      }
    });

    it('a cache entry whose blob the target lacks gives the diffId: the tar is not hashed again', async () => {
      const ws = await workspace();
      const first = await build(ws);
      // A diffId only the cache knows: known is asked for it, so it came from the cache, not from the files.
      const cacheFile = join(ws, '.mlci', 'layer-cache.json');
      const fromCache = `sha256:${'c'.repeat(64)}`;
      await writeFile(cacheFile, (await readFile(cacheFile, 'utf8')).replace(first.layer.diffId, fromCache));
      const theirs: Descriptor = {
        mediaType: layerMediaTypes.gzip,
        digest: `sha256:${'d'.repeat(64)}`,
        size: 5,
      };
      const existsAsked: string[] = [];
      const { options } = optionsOf(ws, async (descriptor) => {
        existsAsked.push(descriptor.digest);
        return descriptor.digest === theirs.digest;
      });
      const seen: string[] = [];
      const layer = await buildLayer(specOf(ws), {
        ...options,
        known: (diffId) => {
          seen.push(diffId);
          return theirs;
        },
      });
      expect(existsAsked).toEqual([first.layer.descriptor.digest, theirs.digest]);
      expect(seen).toEqual([fromCache]);
      expect(layer).toEqual({ descriptor: theirs, diffId: fromCache, createdBy: first.layer.createdBy });
    });
  });

  describe('bad input: one-line InputErrors naming the path', () => {
    let ws: string;
    let server: Server | undefined;
    beforeAll(async () => {
      ws = await workspace();
    });
    afterAll(async () => {
      await new Promise((done) => (server ? server.close(done) : done(undefined)));
    });

    async function rejection(spec: LayerSpec): Promise<string> {
      const error = await buildLayer(spec, optionsOf(ws).options).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(InputError);
      const message = (error as Error).message;
      expect(message).not.toContain('\n');
      return message;
    }

    const only = (source: string, dest = '/x') => specOf(ws, { sources: [{ source, dest }] });

    it('a missing source', async () => {
      expect(await rejection(only(join(ws, 'models', 'nope')))).toBe(
        "layer source 'models/nope': no such file",
      );
    });

    it('a source outside the workspace, by path or through a link', async () => {
      expect(await rejection(only(root))).toBe(`layer source '${root}' is outside the workspace '${ws}'`);
      await symlink(root, join(ws, 'up'));
      expect(await rejection(only(join(ws, 'up')))).toMatch(
        /^layer source 'up' resolves to '.*', outside the workspace/,
      );
    });

    it('a symbolic link inside a source pointing outside the workspace', async () => {
      const dir = join(ws, 'linky');
      await mkdir(dir);
      await symlink('../../', join(dir, 'escape'));
      expect(await rejection(only(dir))).toBe(
        "symbolic link 'linky/escape' points outside the workspace (to '../../')",
      );
      await rm(join(dir, 'escape'));
      await symlink('/etc/passwd', join(dir, 'absolute'));
      expect(await rejection(only(dir))).toBe(
        "symbolic link 'linky/absolute' points outside the workspace (to '/etc/passwd')",
      );
    });

    it('a FIFO or a socket', async () => {
      const dir = join(ws, 'special');
      await mkdir(dir);
      execFileSync('mkfifo', [join(dir, 'pipe')]);
      expect(await rejection(only(dir))).toBe(
        "'special/pipe' is a socket, device or FIFO: a layer holds only files, directories and links",
      );
      await rm(join(dir, 'pipe'));
      server = createServer();
      await new Promise<void>((done) => server?.listen(join(dir, 'sock'), done));
      expect(await rejection(only(dir))).toMatch(/^'special\/sock' is a socket/);
      expect(await rejection(only(join(dir, 'sock')))).toBe(
        "layer source 'special/sock' is not a regular file or directory",
      );
    });

    it('two sources for one path, a relative destination, a bad level', async () => {
      const serve = join(ws, 'app', 'serve.py');
      expect(
        await rejection(
          specOf(ws, {
            sources: [
              { source: serve, dest: '/app/main.py' },
              { source: join(ws, 'models', 'classifier', 'weights.bin'), dest: '/app/main.py' },
            ],
          }),
        ),
      ).toBe(
        "'/app/main.py' in the image comes from both 'app/serve.py' and 'models/classifier/weights.bin'",
      );
      expect(await rejection(only(serve, 'app/serve.py'))).toBe(
        "layer destination 'app/serve.py' for 'app/serve.py' is not an absolute path",
      );
      expect(await rejection(specOf(ws, { level: 0 }))).toBe(
        'compression-level: 0: gzip takes a whole number from 1 to 9',
      );
      expect(await rejection(specOf(ws, { compression: 'gzip', level: 12 }))).toBe(
        'compression-level: 12: gzip takes a whole number from 1 to 9',
      );
    });
  });
});
