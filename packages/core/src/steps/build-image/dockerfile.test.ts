import { builderCommands, type DockerfileBuild } from './dockerfile';

const labels = { 'org.opencontainers.image.revision': 'abc123', 'dev.mlci.model.digest': 'sha256:00' };
const base: Omit<DockerfileBuild, 'target'> = {
  dockerfile: '/w/Dockerfile',
  context: '/w',
  labels,
  insecure: false,
  digestFile: '/tmp/d',
};
const registry: DockerfileBuild['target'] = {
  kind: 'registry',
  tags: ['ghcr.io/acme/model:1', '127.0.0.1:5000/acme/model:1'],
};
const layout: DockerfileBuild['target'] = { kind: 'layout', dir: '/w/.mlci/image', tag: '1' };
const labelArgs = [
  '--label',
  'org.opencontainers.image.revision=abc123',
  '--label',
  'dev.mlci.model.digest=sha256:00',
];

test('buildah: build with the labels and every tag, then one push per tag (plain HTTP only for loopback)', () => {
  expect(builderCommands('buildah', { ...base, target: registry, platform: 'linux/arm64' })).toEqual([
    [
      'buildah',
      'build',
      '--file',
      '/w/Dockerfile',
      ...labelArgs,
      '--platform',
      'linux/arm64',
      '--tag',
      'ghcr.io/acme/model:1',
      '--tag',
      '127.0.0.1:5000/acme/model:1',
      '/w',
    ],
    ['buildah', 'push', '--digestfile', '/tmp/d', 'ghcr.io/acme/model:1', 'docker://ghcr.io/acme/model:1'],
    [
      'buildah',
      'push',
      '--tls-verify=false',
      '--digestfile',
      '/tmp/d',
      '127.0.0.1:5000/acme/model:1',
      'docker://127.0.0.1:5000/acme/model:1',
    ],
  ]);
  expect(builderCommands('buildah', { ...base, target: layout })).toEqual([
    ['buildah', 'build', '--file', '/w/Dockerfile', ...labelArgs, '--tag', 'localhost/mlci-build:1', '/w'],
    ['buildah', 'push', '--digestfile', '/tmp/d', 'localhost/mlci-build:1', 'oci:/w/.mlci/image:1'],
  ]);
});

test('docker buildx: one command that pushes or writes the layout, the digest from its metadata file', () => {
  expect(builderCommands('docker', { ...base, target: registry })).toEqual([
    [
      'docker',
      'buildx',
      'build',
      '--file',
      '/w/Dockerfile',
      ...labelArgs,
      '--tag',
      'ghcr.io/acme/model:1',
      '--tag',
      '127.0.0.1:5000/acme/model:1',
      '--output',
      'type=image,push=true,registry.insecure=true',
      '--metadata-file',
      '/tmp/d.metadata.json',
      '/w',
    ],
  ]);
  expect(builderCommands('docker', { ...base, target: layout })[0]).toContain(
    'type=oci,dest=/w/.mlci/image,tar=false,name=1',
  );
});

test('kaniko: the executor with destinations or an OCI layout path, insecure only when asked or loopback', () => {
  expect(
    builderCommands('kaniko', { ...base, target: { kind: 'registry', tags: ['ghcr.io/a/m:1'] } }),
  ).toEqual([
    [
      '/kaniko/executor',
      '--dockerfile',
      '/w/Dockerfile',
      '--context',
      'dir:///w',
      ...labelArgs,
      '--destination',
      'ghcr.io/a/m:1',
      '--digest-file',
      '/tmp/d',
    ],
  ]);
  expect(builderCommands('kaniko', { ...base, insecure: true, target: registry })[0]).toContain('--insecure');
  expect(builderCommands('kaniko', { ...base, target: layout })[0]).toEqual(
    expect.arrayContaining(['--no-push', '--oci-layout-path', '/w/.mlci/image']),
  );
});
