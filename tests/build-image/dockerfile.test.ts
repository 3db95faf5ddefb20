import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BuildImageStepResult } from '@mlci/core';
import { localEnv, runCli, withTempDir } from '../support/cli';
import { startRegistry, type TestRegistry } from '../support/registry';

/**
 * `--dockerfile` with Debian's buildah (as root: vfs storage, chroot isolation, which need no daemon and no
 * user namespaces), pushing to Debian's docker-registry on 127.0.0.1; skopeo reads back what it pushed.
 */
const run = promisify(execFile);
let registry: TestRegistry;
let storage: string;
beforeAll(async () => {
  registry = await startRegistry();
  storage = (await run('mktemp', ['-d'])).stdout.trim();
});
afterAll(async () => {
  await registry.close();
  await run('rm', ['-rf', storage]);
});

// buildah's own state goes to a scratch root, so the test leaves nothing in /var/lib/containers.
const buildahEnv = () =>
  localEnv({
    STORAGE_DRIVER: 'vfs',
    BUILDAH_ISOLATION: 'chroot',
    CONTAINERS_STORAGE_CONF: join(storage, 'storage.conf'),
  });

beforeAll(async () => {
  await writeFile(
    join(storage, 'storage.conf'),
    `[storage]\ndriver = "vfs"\nrunroot = "${storage}/run"\ngraphroot = "${storage}/graph"\n`,
  );
});

test('a Dockerfile built by buildah gets the lineage labels and is pushed; the result has its digest', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'model.bin'), 'weights');
    await writeFile(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY model.bin /model/model.bin\n');
    const reference = `${registry.host}/dockerfile/model:1`;
    const built = await runCli(
      ['build-image', '--dockerfile', 'Dockerfile', '--tag', reference, '--push', '--json'],
      { cwd: dir, env: { ...buildahEnv(), SOURCE_DATE_EPOCH: '1700000000' } },
    );
    expect(built.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(built.status).toBe(0);
    const result = JSON.parse(built.stdout) as BuildImageStepResult;
    expect(result).toMatchObject({ builder: 'buildah', target: 'registry', layers: [], bytesUploaded: null });
    const inspect = JSON.parse(
      (await run('skopeo', ['inspect', '--tls-verify=false', `docker://${reference}`])).stdout,
    );
    expect(inspect.Digest).toBe(result.image?.digest);
    expect(inspect.Labels).toMatchObject({ 'org.opencontainers.image.created': '2023-11-14T22:13:20Z' });
    expect(await readFile(join(dir, '.mlci/build-image.md'), 'utf8')).toContain('buildah (Dockerfile)');
  });
}, 120_000);

test('a Dockerfile that fails: exit 1 with the report naming the builder command; options that do not apply: exit 2', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY missing.bin /x\n');
    const failed = await runCli(['build-image', '--dockerfile', 'Dockerfile', '--tag', '1'], {
      cwd: dir,
      env: buildahEnv(),
    });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('build-image failed: buildah build exited with status');
    const report = JSON.parse(await readFile(join(dir, '.mlci/build-image.json'), 'utf8'));
    expect(report).toMatchObject({ status: 'failed', image: null, builder: 'buildah' });

    const refused = await runCli(['build-image', '--dockerfile', 'Dockerfile', '--model', '.'], {
      cwd: dir,
      env: buildahEnv(),
    });
    expect(refused.status).toBe(2);
    expect(refused.stderr.trim().split('\n').at(-1)).toBe(
      'mlci: error: dockerfile: the Dockerfile says what the image holds; model cannot be given with it',
    );
    // Checked before any work: a model directory that does not exist is never looked at.
    const early = await runCli(
      ['build-image', '--dockerfile', 'Dockerfile', '--model', 'no-such-dir', '--env', 'A=1'],
      {
        cwd: dir,
        env: buildahEnv(),
      },
    );
    expect(early.status).toBe(2);
    expect(early.stderr.trim().split('\n').at(-1)).toBe(
      'mlci: error: dockerfile: the Dockerfile says what the image holds; model, env cannot be given with it',
    );
    // The builder compresses its own layers: a compression asked for (here from mlci.yaml) would be silently lost.
    await writeFile(
      join(dir, 'mlci.yaml'),
      'version: 1\nbuild-image:\n  compression: zstd\n  compression-level: 5\n',
    );
    const compressed = await runCli(['build-image', '--dockerfile', 'Dockerfile'], {
      cwd: dir,
      env: buildahEnv(),
    });
    await rm(join(dir, 'mlci.yaml'));
    expect(compressed.status).toBe(2);
    expect(compressed.stderr.trim().split('\n').at(-1)).toBe(
      'mlci: error: dockerfile: the Dockerfile says what the image holds; compression, compression-level cannot be given with it',
    );
  });
}, 120_000);
