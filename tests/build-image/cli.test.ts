import { execFile, spawn } from 'node:child_process';
import { readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BuildImageStepResult, TrainResult } from '@mlci/core';
import { copyExample } from '../docs/example-project';
import { unpackFromRegistry } from '../image/support';
import { localEnv, runCli, withTempDir } from '../support/cli';
import { nodeStandIn, pushNodeBase } from '../support/node-base';
import { freePort, startRegistry, startRegistryFront, type TestRegistry } from '../support/registry';

/**
 * Issue 6's "done when", as a new user would try it: the example model trained, built into a serving image with
 * its server on a Node.js base (docs/build-image.md's `--base node:22-slim`) and pushed to Debian's
 * docker-registry on 127.0.0.1; skopeo and umoci (not mlci) read back its files, config and lineage labels; the
 * unpacked image serves the model's predictions; a rebuild is the same digest and uploads no layer.
 *
 * The base is tests/support/node-base.ts's stand-in for node:22-slim in the test's registry (no real Node.js:
 * this machine's node runs the unpacked image's server).
 */
const run = promisify(execFile);
let registry: TestRegistry;
let nodeBase: string;
beforeAll(async () => {
  registry = await startRegistry();
  nodeBase = await pushNodeBase(registry);
}, 60_000);
afterAll(async () => {
  await registry.close();
});

async function committedExample(parent: string): Promise<string> {
  const dir = await copyExample(parent, 'example');
  // The commit time is the image's time (no SOURCE_DATE_EPOCH here).
  const env = {
    ...process.env,
    GIT_COMMITTER_DATE: '2026-01-02T03:04:05Z',
    GIT_AUTHOR_DATE: '2026-01-02T03:04:05Z',
  };
  const git = (...args: string[]) =>
    run('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=T', ...args], { cwd: dir, env });
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'example');
  return dir;
}

const buildArgs = (host: string, extra: string[] = []) => [
  'build-image',
  '--base',
  nodeBase,
  '--model',
  'model',
  '--add',
  'serve.mjs:/app/serve.mjs',
  '--entrypoint',
  '["node", "/app/serve.mjs"]',
  '--env',
  'MODEL_DIR=/model',
  '--tag',
  `${host}/breast-cancer:1`,
  '--push',
  '--json',
  ...extra,
];

/** Starts the unpacked image's server with this machine's node and asks it for one prediction. */
async function predictWith(rootfs: string, row: Record<string, string>): Promise<number> {
  const port = await freePort('127.0.0.1');
  const server = spawn(process.execPath, [join(rootfs, 'app/serve.mjs')], {
    env: { ...process.env, MODEL_DIR: join(rootfs, 'model'), PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.stdout?.once('data', () => resolve());
      server.once('exit', (code) => reject(new Error(`serve.mjs exited ${code}`)));
    });
    const response = await fetch(`http://127.0.0.1:${port}/predict`, {
      method: 'POST',
      body: JSON.stringify({ rows: [row] }),
    });
    const body = (await response.json()) as { predictions: { probability: number }[] };
    return body.predictions[0]?.probability as number;
  } finally {
    server.kill();
  }
}

test('the example model is built and pushed; skopeo and umoci confirm it; it serves; a rebuild is the same image and uploads no layer', async () => {
  await withTempDir(async (parent) => {
    const dir = await committedExample(parent);
    const trained = await runCli(
      [
        'train',
        '--command',
        'node train.mjs',
        '--inputs',
        'data',
        'train.mjs',
        '--outputs',
        'model',
        '--register',
        'breast-cancer',
      ],
      { cwd: dir },
    );
    expect(trained.status).toBe(0);
    const train = JSON.parse(await readFile(join(dir, '.mlci/train.json'), 'utf8')) as TrainResult;

    const first = await runCli(buildArgs(registry.host, ['--attach-to', 'breast-cancer@1']), { cwd: dir });
    expect(first.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(first.status).toBe(0);
    const built = JSON.parse(first.stdout) as BuildImageStepResult;
    const reference = `${registry.host}/breast-cancer:1`;
    expect(built.image?.references).toEqual([reference]);
    // The base's layer is mounted from its repository on the same registry, not sent again.
    expect(built.layers.map((layer) => [layer.what, layer.action])).toEqual([
      ['base', 'mounted'],
      ['model', 'uploaded'],
      ['app', 'uploaded'],
    ]);

    // What skopeo reads from the registry, independently of mlci.
    const inspect = async (...args: string[]) =>
      JSON.parse(
        (await run('skopeo', ['inspect', '--tls-verify=false', ...args, `docker://${reference}`])).stdout,
      );
    expect((await inspect()).Digest).toBe(built.image?.digest);
    const config = await inspect('--config');
    const commit = (await run('git', ['rev-parse', 'HEAD'], { cwd: dir })).stdout.trim();
    expect(config.config.Entrypoint).toEqual(['node', '/app/serve.mjs']);
    // Docker's rules: the base's environment is kept, and a new entrypoint clears the base's Cmd.
    expect(config.config.Env).toEqual([...nodeStandIn.env, 'MODEL_DIR=/model']);
    expect(config.config.Cmd).toBeUndefined();
    expect(config.config.Labels).toEqual({
      'org.opencontainers.image.created': '2026-01-02T03:04:05Z',
      'org.opencontainers.image.revision': commit,
      'dev.mlci.model.digest': train.outputs?.digest,
      'dev.mlci.run.id': train.runId,
      'dev.mlci.inputs.digest': train.inputs.digest,
      'dev.mlci.model.version': 'breast-cancer@1',
    });
    expect(config.created).toBe('2026-01-02T03:04:05Z');

    // umoci unpacks what skopeo copied: the model's bytes, normalized modes, the server.
    const rootfs = await unpackFromRegistry(reference, parent);
    expect(await readFile(join(rootfs, 'model/model.json'))).toEqual(
      await readFile(join(dir, 'model/model.json')),
    );
    expect((await stat(join(rootfs, 'model/model.json'))).mode & 0o777).toBe(0o644);
    expect(await readFile(join(rootfs, nodeStandIn.path), 'utf8')).toBe(nodeStandIn.content);
    expect(await readFile(join(rootfs, 'app/serve.mjs'), 'utf8')).toBe(
      await readFile(join(dir, 'serve.mjs'), 'utf8'),
    );
    const [header, firstRow] = (await readFile(join(dir, 'data/test.csv'), 'utf8')).split('\n');
    const cells = (firstRow as string).split(',');
    const row = Object.fromEntries(
      (header as string).split(',').map((name, i) => [name, cells[i] as string]),
    );
    const expected = Number(
      (await readFile(join(dir, 'model/predictions.csv'), 'utf8')).split('\n')[1]?.split(',')[2],
    );
    expect(await predictWith(rootfs, row)).toBeCloseTo(expected, 12);

    // The record promote will retag from is on the model version.
    const show = await runCli(['model', 'show', 'breast-cancer', '--json'], { cwd: dir });
    expect(show.status).toBe(0);
    const [version] = JSON.parse(show.stdout) as {
      attachments: { kind: string; annotations: Record<string, string> }[];
    }[];
    expect(version?.attachments.filter((a) => a.kind === 'image').map((a) => a.annotations)).toEqual([
      { 'dev.mlci.evidence.status': 'passed', 'dev.mlci.image.digest': built.image?.digest },
    ]);

    // Rebuilding the same commit, with the layer cache and then as a fresh runner without it: the same digest,
    // no layer uploaded.
    const cached = await runCli(buildArgs(registry.host), { cwd: dir });
    expect((JSON.parse(cached.stdout) as BuildImageStepResult).image?.digest).toBe(built.image?.digest);
    await rm(join(dir, '.mlci/layer-cache.json'));
    const again = await runCli(buildArgs(registry.host), { cwd: dir });
    expect(again.status).toBe(0);
    const rebuilt = JSON.parse(again.stdout) as BuildImageStepResult;
    expect(rebuilt.image?.digest).toBe(built.image?.digest);
    expect(rebuilt.layers.map((layer) => layer.action)).toEqual(['existed', 'existed', 'existed']);
  });
}, 120_000);

describe('bad input: one line, the documented exit code, nothing pushed', () => {
  const expectError = (
    result: { status: number | null; stderr: string },
    status: number,
    message: RegExp,
  ) => {
    expect({ status: result.status, last: result.stderr.trim().split('\n').at(-1) }).toEqual({
      status,
      last: expect.stringMatching(message),
    });
    expect(result.stderr).not.toMatch(/\n\s+at /);
  };

  test('a base that does not exist, an unknown platform, a bad tag', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'w.bin'), 'weights');
      const build = (...extra: string[]) =>
        runCli(['build-image', '--add', 'w.bin:/w.bin', ...extra], { cwd: dir });
      expectError(
        await build('--base', `${registry.host}/no/such:image`, '--tag', `${registry.host}/x:1`, '--push'),
        2,
        /^mlci: error: .*no\/such:image/,
      );
      expectError(await build('--platform', 'linux'), 2, /^mlci: error: .*platform/);
      expectError(await build('--tag', 'Bad Tag!', '--push'), 2, /^mlci: error: .*Bad Tag!/);
      expectError(
        await build('--tag', 'a', '--tag', 'b'),
        2,
        /^mlci: error: tag: an OCI layout takes one tag/,
      );
      expectError(
        await build('--entrypoint', '["node", 1]'),
        2,
        /^mlci: error: entrypoint: .* not a JSON array/,
      );
      expectError(await build('--env', '=x'), 2, /^mlci: error: env: '=x': expected KEY=VALUE/);
      // The server's entrypoint without its base: scratch has no node.
      expectError(
        await build('--entrypoint', '["node", "/app/serve.mjs"]'),
        2,
        /^mlci: error: entrypoint 'node' is not in the image .*the base is scratch.*--base node:22-slim/,
      );
    });
  });

  test('an add source missing or outside the workspace, a symlink out of it', async () => {
    await withTempDir(async (parent) => {
      const dir = join(parent, 'work');
      await run('mkdir', ['-p', join(dir, 'model')]);
      await writeFile(join(parent, 'secret.txt'), 'outside');
      await writeFile(join(dir, 'model/w.bin'), 'weights');
      const build = (...extra: string[]) => runCli(['build-image', ...extra], { cwd: dir });
      expectError(await build('--add', 'missing.txt:/app/x'), 2, /^mlci: error: .*missing\.txt/);
      expectError(await build('--add', '../secret.txt:/app/x'), 2, /^mlci: error: .*outside the workspace/);
      expectError(await build('--add', 'model'), 2, /^mlci: error: add: 'model': expected SRC:DEST/);
      await symlink(join(parent, 'secret.txt'), join(dir, 'model/link'));
      expectError(await build('--model', 'model'), 2, /^mlci: error: .*link.*outside/);
    });
  });

  test('wrong credentials: exit 3 naming the registry and where the credentials came from, never the password', async () => {
    const front = await startRegistryFront(registry, {
      auth: { scheme: 'basic', username: 'robot', password: 'right-secret' },
    });
    try {
      await withTempDir(async (dir) => {
        await writeFile(join(dir, 'w.bin'), 'weights');
        const result = await runCli(
          ['build-image', '--add', 'w.bin:/w.bin', '--tag', `${front.host}/x:1`, '--push'],
          {
            cwd: dir,
            env: localEnv({ MLCI_REGISTRY_USERNAME: 'robot', MLCI_REGISTRY_PASSWORD: 'wrong-secret-value' }),
          },
        );
        expect(result.stderr).not.toContain('wrong-secret-value');
        expectError(result, 3, /^mlci: error: .*MLCI_REGISTRY_USERNAME/);
      });
    } finally {
      await front.close();
    }
  });
});
