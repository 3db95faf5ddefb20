import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrainResult } from '@mlci/core';
import { runCli, withTempDir } from '../support/cli';
import { startRegistry, type TestRegistry } from '../support/registry';

/**
 * Issue 4's "done when", as a new user would try it: two identical `mlci train` runs against Debian's
 * docker-registry on 127.0.0.1, with the run cache and the model registry both in it.
 */
let registry: TestRegistry;
beforeAll(async () => {
  registry = await startRegistry();
});
afterAll(async () => {
  await registry.close();
});

async function project(dir: string): Promise<void> {
  await mkdir(join(dir, 'data'));
  await writeFile(join(dir, 'data/train.csv'), 'x,y\n1,0\n2,1\n');
  await writeFile(
    join(dir, 'train.sh'),
    'mkdir -p "$MLCI_OUTPUTS/weights"\nsort data/train.csv > "$MLCI_OUTPUTS/model.txt"\nprintf \'\\001\\002\' > "$MLCI_OUTPUTS/weights/w.bin"\necho \'{"accuracy": 0.75}\' > "$MLCI_METRICS_FILE"\necho ran >> runs.log\n',
  );
}

const trainArgs = (host: string) => [
  'train',
  '--command',
  'sh train.sh',
  '--inputs',
  'data',
  'train.sh',
  '--outputs',
  'model',
  '--metrics',
  'metrics.json',
  '--register',
  'iris',
  '--registry',
  `oci://${host}/models`,
  '--cache-store',
  `oci://${host}/mlci/run-cache`,
  '--json',
];

test('two identical runs against an OCI registry: one real run, one cache hit, one version skopeo can read', async () => {
  // Two separate workspaces: the second runner has nothing local, only the registry.
  await withTempDir(async (first) => {
    await withTempDir(async (second) => {
      await project(first);
      await project(second);
      const ran = await runCli(trainArgs(registry.host), { cwd: first });
      expect(ran.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(ran.status).toBe(0);
      const hit = await runCli(trainArgs(registry.host), { cwd: second });
      expect(hit.status).toBe(0);
      const [a, b] = [ran, hit].map((run) => JSON.parse(run.stdout) as TrainResult);
      expect(a?.cache.status).toBe('miss');
      expect(b?.cache).toMatchObject({ status: 'hit', producedBy: a?.runId });
      expect(b?.outputs?.digest).toBe(a?.outputs?.digest);
      expect(a?.registered).toMatchObject({ model: 'iris', version: '1', created: true });
      expect(b?.registered).toMatchObject({ model: 'iris', version: '1', created: false });
      expect(execFileSync('cat', ['runs.log'], { cwd: first, encoding: 'utf8' })).toBe('ran\n');
      expect(() => execFileSync('cat', ['runs.log'], { cwd: second, stdio: 'ignore' })).toThrow();
      expect(execFileSync('sort', ['data/train.csv'], { cwd: second, encoding: 'utf8' })).toBe(
        execFileSync('cat', ['model/model.txt'], { cwd: second, encoding: 'utf8' }),
      );

      const show = await runCli(['model', 'show', 'iris', '--registry', `oci://${registry.host}/models`], {
        cwd: second,
      });
      expect(show.status).toBe(0);
      expect(show.stdout).toContain(a?.runId);
      expect(show.stdout).toContain('sh train.sh');
      const list = await runCli(['model', 'list', '--registry', `oci://${registry.host}/models`], {
        cwd: second,
      });
      expect(list.stdout).toMatch(/iris/);

      // skopeo, not our code, reads the model artifact.
      const manifest = JSON.parse(
        execFileSync(
          'skopeo',
          ['inspect', '--raw', '--tls-verify=false', `docker://${registry.host}/models/iris:1`],
          {
            encoding: 'utf8',
          },
        ),
      );
      expect(manifest.artifactType).toBe('application/vnd.mlci.model.v1');
      expect(
        manifest.layers.map(
          (layer: { annotations: Record<string, string> }) =>
            layer.annotations['org.opencontainers.image.title'],
        ),
      ).toEqual(['model.txt', 'weights/w.bin']);
      expect(manifest.annotations['dev.mlci.run.id']).toBe(a?.runId);
      expect(manifest.annotations['dev.mlci.content.digest']).toBe(a?.outputs?.digest);
    });
  });
});

test('a registry that is down: retries, exit 3 naming the host, no version registered', async () => {
  const down = await startRegistry();
  const host = down.host;
  await down.close();
  await withTempDir(async (dir) => {
    await project(dir);
    const run = await runCli(
      [
        'train',
        '--command',
        'sh train.sh',
        '--inputs',
        'data',
        '--outputs',
        'model',
        '--register',
        'iris',
        '--registry',
        `oci://${host}/models`,
      ],
      { cwd: dir },
    );
    expect(run.status).toBe(3);
    const lastLine = run.stderr.trim().split('\n').at(-1) ?? '';
    expect(lastLine).toMatch(
      new RegExp(`^mlci: error: registry ${host.replace('.', '\\.')}.*after 3 attempts`),
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
