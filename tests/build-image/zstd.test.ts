import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BuildImageStepResult } from '@mlci/core';
import { zstdApi } from '../../packages/core/src/image/zstd';
import { cliBundle, localEnv, outputOf, type RunResult, runCli, withTempDir } from '../support/cli';
import { node24Binary } from '../support/node24';
import { startRegistry, type TestRegistry } from '../support/registry';

/**
 * Issue 18, target 4: `--compression zstd` gives OCI `tar+zstd` layers that tools other than mlci read back:
 * skopeo inspects and copies the pushed image, the zstd CLI (Debian's, not Node's zstd) decompresses the copied
 * layer to the very tar the gzip build holds (gunzip), and umoci 0.4.7 lists the image (it unpacks no zstd
 * layer: "blob is not correct mediatype: application/vnd.oci.image.layer.v1.tar+zstd"; zstd came in umoci 0.5).
 * zstd needs Node.js 22.15+: the built CLI runs under the tests' pinned Node 24 (tests/support/node24.ts,
 * installed from npm when missing); on this machine's Node 20 the option is a one-line exit 2.
 */
const run = promisify(execFile);
const epoch = { SOURCE_DATE_EPOCH: '1700000000' };

let node24: string | undefined;
try {
  node24 = node24Binary();
} catch (error) {
  console.warn(`zstd builds skipped: Node 24 could not be installed from npm: ${(error as Error).message}`);
}
const withNode24 = node24 ? test : test.skip;

let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
}, 60_000);
afterAll(async () => {
  await registry?.close();
});

/** The CLI bundle under Node 24. */
function runCli24(args: string[], cwd: string): Promise<RunResult> {
  return outputOf(spawn(node24 as string, [cliBundle, ...args], { cwd, env: localEnv(epoch) }));
}

/** A model of 9 MiB: random weights (stored as raw blocks) and text (compressed), so three 4 MiB frames. */
async function writeModel(dir: string): Promise<void> {
  await mkdir(join(dir, 'model'), { recursive: true });
  await writeFile(join(dir, 'model/weights.bin'), randomBytes(6 << 20));
  const rows = Array.from({ length: 160_000 }, (_, i) => `${i},${(i * 7919) % 1000},${i % 3 === 0}`);
  await writeFile(join(dir, 'model/features.csv'), `id,x,y\n${rows.join('\n')}\n`);
  await writeFile(join(dir, 'model/config.json'), '{"layers": 2}\n');
}

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const blobPath = (layout: string, digest: string) => join(layout, 'blobs', ...digest.split(':'));

/** The model layer's blob, copied by skopeo (not mlci) from the registry into an OCI layout. */
async function copiedLayer(reference: string, layout: string): Promise<{ mediaType: string; blob: string }> {
  await run('skopeo', [
    'copy',
    '--quiet',
    '--src-tls-verify=false',
    `docker://${reference}`,
    `oci:${layout}:x`,
  ]);
  const index = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8'));
  const manifest = JSON.parse(await readFile(blobPath(layout, index.manifests[0].digest), 'utf8'));
  const [layer] = manifest.layers as { mediaType: string; digest: string }[];
  return { mediaType: layer?.mediaType as string, blob: blobPath(layout, layer?.digest as string) };
}

const decompress = async (command: string, file: string) =>
  (await run(command, ['-dc', file], { encoding: 'buffer', maxBuffer: 64 << 20 })).stdout;

(zstdApi() ? test.skip : test)(
  "on a Node.js without zlib's zstd (this machine's 20): one line naming the Node.js needed, exit 2",
  async () => {
    await withTempDir(async (dir) => {
      await writeModel(dir);
      const result = await runCli(['build-image', '--model', 'model', '--compression', 'zstd'], {
        cwd: dir,
        env: localEnv(epoch),
      });
      expect({ status: result.status, stderr: result.stderr.trim() }).toEqual({
        status: 2,
        stderr: `mlci: error: compression: zstd needs Node.js 22.15 or later (zlib's zstd), and this is Node.js ${process.versions.node}: use gzip, or run mlci on a newer Node.js`,
      });
    });
  },
);

withNode24(
  'pushed with zstd on Node 24: skopeo reads it, zstd(1) gives the gzip build tar; gzip and zstd blobs are never swapped',
  async () => {
    await withTempDir(async (dir) => {
      await writeModel(dir);
      const reference = `${registry.host}/zstd/model:1`;
      const args = (...extra: string[]) => [
        'build-image',
        '--model',
        'model',
        '--tag',
        reference,
        '--push',
        '--json',
        ...extra,
      ];
      const result = (output: RunResult) => {
        expect(output.stderr).not.toMatch(/internal error|\n\s+at /);
        expect(output.status).toBe(0);
        return JSON.parse(output.stdout) as BuildImageStepResult;
      };

      // gzip first (the default, on this machine's Node), then zstd on Node 24 to the same tag: the tag's image
      // and the layer cache both know a gzip blob of the same tar, which a zstd build must not take.
      const gzip = result(await runCli(args(), { cwd: dir, env: localEnv(epoch) }));
      const zstd = result(await runCli24(args('--compression', 'zstd'), dir));
      const [gzipLayer] = gzip.layers;
      const [zstdLayer] = zstd.layers;
      expect(gzip.compression).toEqual({ type: 'gzip', level: 1 });
      expect(zstd.compression).toEqual({ type: 'zstd', level: 1 });
      expect(zstdLayer).toMatchObject({
        mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd',
        action: 'uploaded',
        diffId: gzipLayer?.diffId,
      });
      expect(zstdLayer?.digest).not.toBe(gzipLayer?.digest);
      expect(await readFile(join(dir, '.mlci/build-image.md'), 'utf8')).toMatch(
        /\| compression \| zstd level 1 \|[\s\S]*\| model \| `sha256:[0-9a-f]{12}…` \| [0-9.]+ MB \| zstd \| uploaded \|/,
      );

      // skopeo: the manifest (OCI's, the only one that has zstd layers) and its digest, as mlci says.
      const raw = JSON.parse(
        (await run('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${reference}`])).stdout,
      );
      expect(raw.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
      expect(raw.layers.map((layer: { mediaType: string }) => layer.mediaType)).toEqual([
        'application/vnd.oci.image.layer.v1.tar+zstd',
      ]);
      const inspected = JSON.parse(
        (await run('skopeo', ['inspect', '--tls-verify=false', `docker://${reference}`])).stdout,
      );
      expect(inspected.Digest).toBe(zstd.image?.digest);

      // The zstd CLI decompresses skopeo's copy of the layer (every frame) to the tar of the gzip build.
      const copy = await copiedLayer(reference, join(dir, 'copied'));
      expect(copy.mediaType).toBe('application/vnd.oci.image.layer.v1.tar+zstd');
      const frames = (await run('zstd', ['-lv', copy.blob])).stdout;
      expect(frames).toMatch(/# Zstandard Frames: 3\b/);
      const tar = await decompress('zstd', copy.blob);
      expect(sha256(tar)).toBe(zstdLayer?.diffId);
      const gzipCopy = await copiedLayer(
        `${registry.host}/zstd/model@${gzip.image?.digest}`,
        join(dir, 'gz'),
      );
      expect((await decompress('gzip', gzipCopy.blob)).equals(tar)).toBe(true);
      // And the files in it are the model's.
      await mkdir(join(dir, 'unpacked'));
      await writeFile(join(dir, 'layer.tar'), tar);
      await run('tar', ['-xf', join(dir, 'layer.tar'), '-C', join(dir, 'unpacked')]);
      for (const file of ['weights.bin', 'features.csv', 'config.json'])
        expect(
          (await readFile(join(dir, 'unpacked/model', file))).equals(
            await readFile(join(dir, 'model', file)),
          ),
        ).toBe(true);

      // umoci 0.4.7 reads the zstd image's index, manifest, config and history (it cannot unpack its layer).
      const stat = (await run('umoci', ['stat', '--image', `${join(dir, 'copied')}:x`])).stdout;
      expect(stat).toContain(zstdLayer?.digest);
      expect(stat).toContain('mlci build-image: model sha256:');

      // gzip again: its layer cache entry names the gzip blob, still in the repository: not compressed again.
      const gzipAgain = result(await runCli(args(), { cwd: dir, env: localEnv(epoch) }));
      expect(gzipAgain.layers.map((layer) => [layer.digest, layer.action])).toEqual([
        [gzipLayer?.digest, 'existed'],
      ]);
      // zstd on a fresh runner (no layer cache) with the zstd image under the tag: its zstd blob, not the gzip one.
      result(await runCli24(args('--compression', 'zstd'), dir));
      await rm(join(dir, '.mlci/layer-cache.json'));
      const zstdAgain = result(await runCli24(args('--compression', 'zstd'), dir));
      expect(zstdAgain.layers.map((layer) => [layer.digest, layer.action])).toEqual([
        [zstdLayer?.digest, 'existed'],
      ]);
      expect(zstdAgain.image?.digest).toBe(zstd.image?.digest);
    });
  },
  120_000,
);

withNode24(
  'into an OCI layout with zstd: skopeo copies it, zstd(1) checks every frame; a build on it reads its zstd layer',
  async () => {
    await withTempDir(async (dir) => {
      await writeModel(dir);
      await writeFile(join(dir, 'serve.sh'), '#!/bin/sh\n');
      const built = await runCli24(
        [
          'build-image',
          '--model',
          'model',
          '--add',
          'serve.sh:/app/serve.sh',
          '--compression',
          'zstd',
          '--compression-level',
          '3',
          '--oci-layout',
          'image',
          '--tag',
          '1',
          '--json',
        ],
        dir,
      );
      expect(built.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(built.status).toBe(0);
      const result = JSON.parse(built.stdout) as BuildImageStepResult;
      expect(result.compression).toEqual({ type: 'zstd', level: 3 });
      expect(result.layers.map((layer) => [layer.what, layer.mediaType, layer.action])).toEqual([
        ['model', 'application/vnd.oci.image.layer.v1.tar+zstd', 'written'],
        ['app', 'application/vnd.oci.image.layer.v1.tar+zstd', 'written'],
      ]);
      const inspected = JSON.parse((await run('skopeo', ['inspect', `oci:${join(dir, 'image')}:1`])).stdout);
      expect(inspected.Digest).toBe(result.image?.digest);
      const manifest = JSON.parse(
        (await run('skopeo', ['inspect', '--raw', `oci:${join(dir, 'image')}:1`])).stdout,
      );
      expect(manifest.layers.map((layer: { mediaType: string }) => layer.mediaType)).toEqual([
        'application/vnd.oci.image.layer.v1.tar+zstd',
        'application/vnd.oci.image.layer.v1.tar+zstd',
      ]);
      await run('skopeo', ['copy', '--quiet', `oci:${join(dir, 'image')}:1`, `oci:${join(dir, 'copy')}:1`]);
      for (const layer of result.layers) {
        const blob = blobPath(join(dir, 'copy'), layer.digest);
        await run('zstd', ['-tq', blob]);
        expect(sha256(await decompress('zstd', blob))).toBe(layer.diffId);
      }
      expect(await readdir(join(dir, 'image/blobs/sha256'))).toHaveLength(4);

      // A build on this image checks its entrypoint in the zstd base layer (read with zlib's zstd on Node 24);
      // on Node 20 that layer cannot be read: one line, exit 2.
      const onBase = [
        'build-image',
        '--base',
        'oci:image:1',
        '--entrypoint',
        '/app/serve.sh',
        '--oci-layout',
        'next',
        '--tag',
        '1',
      ];
      expect((await runCli24(onBase, dir)).status).toBe(0);
      if (!zstdApi()) {
        const refused = await runCli(onBase, { cwd: dir, env: localEnv(epoch) });
        expect(refused.status).toBe(2);
        expect(refused.stderr.trim()).toMatch(
          /^mlci: error: base layer sha256:[0-9a-f]{64} is zstd-compressed: zstd needs Node\.js 22\.15 or later \(zlib's zstd\), and this is Node\.js 20\.\d+\.\d+$/,
        );
      }
    });
  },
  60_000,
);
