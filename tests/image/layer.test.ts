// The layer builder's blobs as Go's tooling reads them: umoci (compress/gzip, archive/tar) unpacks a
// multi-member gzip layer into the files, modes and links that were asked for.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmod,
  copyFile,
  lstat,
  mkdir,
  mkdtemp,
  readFile,
  readlink,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLayer } from '../../packages/core/src/image/layer';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mlci-layer-umoci-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** An OCI image layout holding one image of `layers`, tagged `latest`. */
async function writeLayout(
  dir: string,
  layers: { path: string; digest: string; size: number; mediaType: string; diffId: string }[],
): Promise<void> {
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  const put = async (bytes: Buffer) => {
    const hex = sha256(bytes);
    await writeFile(join(dir, 'blobs', 'sha256', hex), bytes);
    return { digest: `sha256:${hex}`, size: bytes.length };
  };
  for (const layer of layers) await copyFile(layer.path, join(dir, 'blobs', 'sha256', layer.digest.slice(7)));
  const config = await put(
    Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        config: {},
        rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.diffId) },
      }),
    ),
  );
  const manifest = await put(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers: layers.map(({ mediaType, digest, size }) => ({ mediaType, digest, size })),
      }),
    ),
  );
  await writeFile(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  await writeFile(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          ...manifest,
          annotations: { 'org.opencontainers.image.ref.name': 'latest' },
        },
      ],
    }),
  );
}

test('umoci unpacks a multi-member gzip layer and a plain tar layer into the files asked for', async () => {
  const ws = join(root, 'ws');
  const model = join(ws, 'model');
  await mkdir(join(model, 'tokenizer'), { recursive: true });
  // 9 MiB of random bytes and some text: a layer of three gzip members.
  const weights = randomBytes(9 << 20);
  await writeFile(join(model, 'weights.bin'), weights);
  const longName = `${'très-long-répertoire/'.repeat(6)}vocab.txt`;
  await mkdir(join(model, 'tokenizer', ...longName.split('/').slice(0, -1)), { recursive: true });
  await writeFile(join(model, 'tokenizer', longName), 'hello world\n'.repeat(1000));
  await symlink('weights.bin', join(model, 'current.bin'));
  await mkdir(join(ws, 'app'));
  await writeFile(join(ws, 'app', 'serve.sh'), '#!/bin/sh\necho serving\n');
  await chmod(join(ws, 'app', 'serve.sh'), 0o700);

  const options = {
    cacheFile: join(ws, '.mlci', 'layer-cache.json'),
    scratchDir: join(root, 'scratch'),
    exists: async () => false,
    logger: { info: () => {}, warn: () => {}, debug: () => {} },
  };
  const common = { workspace: ws, mtime: 1_600_000_000, level: 6, createdBy: 'test' };
  const modelLayer = await buildLayer(
    { ...common, sources: [{ source: model, dest: '/opt/model' }], compression: 'gzip' },
    options,
  );
  const appLayer = await buildLayer(
    {
      ...common,
      sources: [{ source: join(ws, 'app', 'serve.sh'), dest: '/usr/local/bin/' }],
      compression: 'none',
    },
    options,
  );
  const layout = join(root, 'layout');
  await writeLayout(
    layout,
    [modelLayer, appLayer].map((layer) => ({
      ...layer.descriptor,
      diffId: layer.diffId,
      path: layer.path as string,
    })),
  );
  const bundle = join(root, 'bundle');
  execFileSync('umoci', ['unpack', '--rootless', '--image', `${layout}:latest`, bundle], { stdio: 'pipe' });
  const rootfs = join(bundle, 'rootfs');

  expect(sha256(await readFile(join(rootfs, 'opt/model/weights.bin')))).toBe(sha256(weights));
  expect(await readFile(join(rootfs, 'opt/model/tokenizer', longName), 'utf8')).toBe(
    'hello world\n'.repeat(1000),
  );
  expect(await readlink(join(rootfs, 'opt/model/current.bin'))).toBe('weights.bin');
  expect(await readFile(join(rootfs, 'usr/local/bin/serve.sh'), 'utf8')).toBe('#!/bin/sh\necho serving\n');
  const modeOf = async (path: string) => (await lstat(join(rootfs, path))).mode & 0o7777;
  expect(await modeOf('usr/local/bin/serve.sh')).toBe(0o755);
  expect(await modeOf('opt/model/weights.bin')).toBe(0o644);
  expect(await modeOf('opt/model/tokenizer')).toBe(0o755);
  expect((await lstat(join(rootfs, 'opt/model/weights.bin'))).mtimeMs).toBe(1_600_000_000_000);
});
