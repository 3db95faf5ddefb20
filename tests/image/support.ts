import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BuiltLayer, LayerOptions, LayerSpec } from '../../packages/core/src/image/layer';
import type { Descriptor } from '../../packages/core/src/oci/client';

export const run = promisify(execFile);

function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/**
 * A layer builder made of the system tar and gzip (sorted entries, uid/gid 0, the spec's mtime), with the
 * LayerOptions contract: nothing is written when the target has the blob. It stands in for the real builder
 * so that these tests exercise the assembly alone; calls counts what it was asked to build.
 */
export function systemTarLayers(): {
  build: (spec: LayerSpec, options: LayerOptions) => Promise<BuiltLayer>;
  calls: LayerSpec[];
} {
  const calls: LayerSpec[] = [];
  const build = async (spec: LayerSpec, options: LayerOptions): Promise<BuiltLayer> => {
    calls.push(spec);
    const stage = await mkdtemp(join(options.scratchDir, 'stage-'));
    try {
      const root = join(stage, 'root');
      await mkdir(root);
      for (const source of spec.sources) {
        const dest = join(root, source.dest);
        await mkdir(join(dest, '..'), { recursive: true });
        await cp(source.source, dest, { recursive: true });
      }
      const tarPath = join(stage, 'layer.tar');
      await run('tar', [
        '--sort=name',
        '--owner=0',
        '--group=0',
        '--numeric-owner',
        `--mtime=@${spec.mtime}`,
        '--format=gnu',
        '-C',
        root,
        '-cf',
        tarPath,
        '.',
      ]);
      const tar = await readFile(tarPath);
      const diffId = sha256(tar);
      let blob = tar;
      let mediaType = 'application/vnd.oci.image.layer.v1.tar';
      if (spec.compression === 'gzip') {
        const { stdout } = await run('gzip', ['-n', `-${spec.level}`, '-c', tarPath], {
          encoding: 'buffer',
          maxBuffer: 256 * 1024 * 1024,
        });
        blob = stdout;
        mediaType = 'application/vnd.oci.image.layer.v1.tar+gzip';
      }
      const descriptor: Descriptor = { mediaType, digest: sha256(blob), size: blob.length };
      if (await options.exists(descriptor)) return { descriptor, diffId, createdBy: spec.createdBy };
      const path = join(options.scratchDir, `${descriptor.digest.slice(7)}.blob`);
      await writeFile(path, blob);
      return { descriptor, diffId, path, createdBy: spec.createdBy };
    } finally {
      await rm(stage, { recursive: true, force: true });
    }
  };
  return { build, calls };
}

export interface BaseImageSpec {
  os: string;
  architecture: string;
  variant?: string;
  /** Files of the base's single layer: path -> content. */
  files: Record<string, string>;
  env?: string[];
  cmd?: string[];
  labels?: Record<string, string>;
}

// Written by Python's tarfile and json, independent of the code under test.
const makeLayout = `
import gzip, hashlib, io, json, os, sys, tarfile
out, tag, specs = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
os.makedirs(os.path.join(out, 'blobs', 'sha256'), exist_ok=True)
def blob(data):
    digest = hashlib.sha256(data).hexdigest()
    with open(os.path.join(out, 'blobs', 'sha256', digest), 'wb') as f: f.write(data)
    return {'digest': 'sha256:' + digest, 'size': len(data)}
manifests = []
for spec in specs:
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode='w', format=tarfile.GNU_FORMAT) as tar:
        dirs = set()
        for path in sorted(spec['files']):
            parts = path.split('/')[:-1]
            for i in range(1, len(parts) + 1):
                d = '/'.join(parts[:i])
                if d not in dirs:
                    dirs.add(d)
                    info = tarfile.TarInfo(d); info.type = tarfile.DIRTYPE; info.mode = 0o755; info.mtime = 1
                    tar.addfile(info)
            data = spec['files'][path].encode()
            info = tarfile.TarInfo(path); info.size = len(data); info.mode = 0o755 if path.startswith('bin/') else 0o644; info.mtime = 1
            tar.addfile(info, io.BytesIO(data))
    tar_bytes = raw.getvalue()
    layer = blob(gzip.compress(tar_bytes, mtime=0))
    config = {'architecture': spec['architecture'], 'os': spec['os'],
              'config': {'Env': spec.get('env', ['PATH=/bin']), 'Cmd': spec.get('cmd', ['/bin/sh']), 'Labels': spec.get('labels', {})},
              'rootfs': {'type': 'layers', 'diff_ids': ['sha256:' + hashlib.sha256(tar_bytes).hexdigest()]},
              'history': [{'created': '2020-01-01T00:00:00Z', 'created_by': 'python tarfile'}]}
    if spec.get('variant'): config['variant'] = spec['variant']
    config_desc = blob(json.dumps(config).encode())
    manifest = {'schemaVersion': 2, 'mediaType': 'application/vnd.oci.image.manifest.v1+json',
                'config': dict(mediaType='application/vnd.oci.image.config.v1+json', **config_desc),
                'layers': [dict(mediaType='application/vnd.oci.image.layer.v1.tar+gzip', **layer)]}
    desc = dict(mediaType='application/vnd.oci.image.manifest.v1+json', **blob(json.dumps(manifest).encode()))
    desc['platform'] = {k: v for k, v in (('os', spec['os']), ('architecture', spec['architecture']), ('variant', spec.get('variant'))) if v}
    manifests.append(desc)
if len(manifests) == 1:
    top = manifests[0]; del top['platform']
else:
    index = {'schemaVersion': 2, 'mediaType': 'application/vnd.oci.image.index.v1+json', 'manifests': manifests}
    top = dict(mediaType='application/vnd.oci.image.index.v1+json', **blob(json.dumps(index).encode()))
top['annotations'] = {'org.opencontainers.image.ref.name': tag}
with open(os.path.join(out, 'index.json'), 'w') as f:
    json.dump({'schemaVersion': 2, 'mediaType': 'application/vnd.oci.image.index.v1+json', 'manifests': [top]}, f)
with open(os.path.join(out, 'oci-layout'), 'w') as f: f.write('{"imageLayoutVersion": "1.0.0"}')
`;

/** An OCI layout with one image, or an index of several (one per spec), under tag. */
export async function writeBaseLayout(dir: string, tag: string, specs: BaseImageSpec[]): Promise<void> {
  await run('/usr/bin/python3', ['-c', makeLayout, dir, tag, JSON.stringify(specs)]);
}

/** skopeo copy of a layout's image (every platform of an index) to a loopback registry. */
export async function skopeoPush(
  layout: string,
  tag: string,
  destination: string,
  options: { format?: 'v2s2' } = {},
): Promise<void> {
  await run('skopeo', [
    'copy',
    '--all',
    '--quiet',
    ...(options.format ? ['--format', options.format] : []),
    '--dest-tls-verify=false',
    `oci:${layout}:${tag}`,
    `docker://${destination}`,
  ]);
}

/** skopeo copy from a loopback registry into a layout, then umoci unpack --rootless: the image's root fs. */
export async function unpackFromRegistry(reference: string, scratch: string): Promise<string> {
  const layout = await mkdtemp(join(scratch, 'pulled-'));
  await run('skopeo', [
    'copy',
    '--quiet',
    '--src-tls-verify=false',
    `docker://${reference}`,
    `oci:${layout}:pulled`,
  ]);
  return unpackLayout(layout, 'pulled', scratch);
}

export async function unpackLayout(layout: string, tag: string, scratch: string): Promise<string> {
  const bundle = join(await mkdtemp(join(scratch, 'bundle-')), 'b');
  await run('umoci', ['unpack', '--rootless', '--image', `${layout}:${tag}`, bundle]);
  return join(bundle, 'rootfs');
}

export async function modeOf(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}
