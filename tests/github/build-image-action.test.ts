import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { nodeStandIn, pushNodeBase } from '../support/node-base';
import { node24Binary } from '../support/node24';
import { startRegistry, type TestRegistry } from '../support/registry';
import { writeTrainingProject } from '../support/training-project';
import { repoRoot } from './action-manifest';
import { pushToMain } from './payloads';
import { type ActionRun, runActionBundle } from './run-action';

/**
 * End to end: one job on a push to main, as a workflow runs it — the committed train action's bundle trains the
 * model, then the committed build-image action's bundle packages it with an app file on a Node.js base (the
 * stand-in for node:22-slim of tests/support/node-base.ts) and pushes the image to Debian's docker-registry on
 * 127.0.0.1. skopeo (not mlci) reads the image back: the labels lead to the event's
 * repository, the commit and the training run. The same job run again is the same image, and uploads nothing.
 */
const actionDir = join(repoRoot, 'actions/build-image');
const trainActionDir = join(repoRoot, 'actions/train');
const owner = 'octo-org';
const repo = 'centroids';
const execFileAsync = promisify(execFile);

let root: string;
let origin: string;
let registry: TestRegistry;
let nodeBase: string;
let runCount = 0;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();
}

beforeAll(async () => {
  for (const dir of [actionDir, trainActionDir])
    if (!existsSync(join(dir, 'dist/index.mjs')))
      throw new Error(`${dir}/dist/index.mjs is missing: run \`node scripts/build.mjs\``);
  root = mkdtempSync(join(tmpdir(), 'mlci-e2e-build-image-action-'));
  origin = writeTrainingProject(join(root, 'origin'));
  writeFileSync(join(origin, 'serve.mjs'), "console.log('serving', process.env.MODEL_DIR);\n");
  writeFileSync(join(origin, '.gitignore'), 'runs.log\nmetrics.json\nmodel/\n.mlci/\n');
  git(origin, 'init', '-q', '-b', 'main');
  git(origin, 'add', '-A');
  git(origin, 'commit', '-q', '-m', 'trainer, data and server');
  registry = await startRegistry();
  nodeBase = await pushNodeBase(registry);
});
afterAll(async () => {
  await registry?.close();
  rmSync(root, { recursive: true, force: true });
});

/** What actions/checkout leaves: a fresh clone at the commit. */
function checkout(name: string): string {
  const dir = join(root, name);
  execFileSync('git', ['clone', '-q', origin, dir]);
  return dir;
}

function pushRun(sha: string): Record<string, string> {
  const dir = join(root, `event-${++runCount}`);
  mkdirSync(dir, { recursive: true });
  return pushToMain(
    { owner, repository: repo, sha, workflow: 'release', job: 'image', runId: '9100200300' },
    join(dir, 'event.json'),
  );
}

function runStep(
  actionDir: string,
  cwd: string,
  env: Record<string, string>,
  inputs: Record<string, string>,
  node?: string,
) {
  return runActionBundle({
    node,
    actionDir,
    inputs,
    env,
    githubToken: '',
    cwd,
    runnerTemp: join(root, `runner-${++runCount}`),
  });
}

const imageInputs = (tags: string[]) => ({
  base: nodeBase,
  model: 'model',
  add: 'serve.mjs:/app/serve.mjs',
  entrypoint: '["node", "/app/serve.mjs"]',
  // List inputs are one item per line: a value may hold spaces.
  env: 'MODEL_DIR=/model\nGREETING=hello world',
  label: 'org.opencontainers.image.title=centroids',
  tag: tags.join('\n'),
  push: 'true',
});

async function inspect(reference: string): Promise<Record<string, unknown>> {
  const { stdout } = await execFileAsync('skopeo', [
    'inspect',
    '--tls-verify=false',
    `docker://${reference}`,
  ]);
  return JSON.parse(stdout) as Record<string, unknown>;
}

const ok = (run: ActionRun) => ({ exitCode: run.exitCode, errors: run.stdout.match(/^::error.*$/gm) });

describe('build-image action bundle', () => {
  it('trains, then pushes the model image with labels from the event, the commit and the run; a re-run is the same image and sends only the manifest', async () => {
    const sha = git(origin, 'rev-parse', 'HEAD');
    const cwd = checkout('job');
    const env = pushRun(sha);
    const trained = await runStep(trainActionDir, cwd, env, {
      command: 'node train.mjs',
      inputs: 'data/*.csv\ntrain.mjs',
      outputs: 'model',
      metrics: 'metrics.json',
    });
    expect(ok(trained)).toEqual({ exitCode: 0, errors: null });

    const repository = `${registry.host}/${owner}/${repo}`;
    const tags = [`${repository}:${sha.slice(0, 7)}`, `${repository}:latest`];
    const built = await runStep(actionDir, cwd, env, imageInputs(tags));
    expect(ok(built)).toEqual({ exitCode: 0, errors: null });
    const digest = built.outputs.digest ?? '';
    expect(built.outputs).toEqual({
      digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      image: `${tags[0]}@${digest}`,
      references: tags.join('\n'),
      'bytes-uploaded': expect.stringMatching(/^[1-9][0-9]*$/),
    });
    expect(built.summary).toBe(`${readFileSync(join(cwd, '.mlci/build-image.md'), 'utf8')}\n`);
    expect(built.summary).toContain(`## ✅ build-image: ${tags[0]}`);

    // The registry, read by skopeo: both tags are this manifest; the labels lead back to what made it.
    for (const tag of tags) {
      const seen = await inspect(tag);
      expect(seen.Digest).toBe(digest);
      expect(seen.Labels).toEqual({
        'org.opencontainers.image.source': `https://github.com/${owner}/${repo}`,
        'org.opencontainers.image.revision': sha,
        'org.opencontainers.image.created': new Date(Number(git(cwd, 'log', '-1', '--format=%ct')) * 1000)
          .toISOString()
          .replace('.000Z', 'Z'),
        'org.opencontainers.image.title': 'centroids',
        'dev.mlci.model.digest': trained.outputs['outputs-digest'],
        'dev.mlci.run.id': trained.outputs['run-id'],
        'dev.mlci.inputs.digest': expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      });
      expect(seen.Env).toEqual([...nodeStandIn.env, 'MODEL_DIR=/model', 'GREETING=hello world']);
    }
    const config = JSON.parse(
      (await execFileAsync('skopeo', ['inspect', '--tls-verify=false', '--config', `docker://${tags[0]}`]))
        .stdout,
    ) as { config: { Entrypoint: string[] }; rootfs: { diff_ids: string[] } };
    expect(config.config.Entrypoint).toEqual(['node', '/app/serve.mjs']);
    // The base's layer, then the model layer and the app layer.
    expect(config.rootfs.diff_ids).toHaveLength(3);

    // The same step again (a re-run): the same inputs give the same image; every blob is already there, so
    // only the manifest is sent, under each tag.
    const again = await runStep(actionDir, cwd, env, imageInputs(tags));
    expect(ok(again)).toEqual({ exitCode: 0, errors: null });
    expect(again.outputs.digest).toBe(digest);
    const result = JSON.parse(readFileSync(join(cwd, '.mlci/build-image.json'), 'utf8')) as {
      image: { size: number };
      layers: { what: string; action: string }[];
    };
    expect(result.layers.map((layer) => [layer.what, layer.action])).toEqual([
      ['base', 'existed'],
      ['model', 'existed'],
      ['app', 'existed'],
    ]);
    expect(again.outputs['bytes-uploaded']).toBe(String(tags.length * result.image.size));
  });

  it('refuses a tag that is not an image reference with exit 2, naming it, before building anything', async () => {
    const cwd = checkout('bad-tag');
    const run = await runStep(actionDir, cwd, pushRun(git(cwd, 'rev-parse', 'HEAD')), {
      ...imageInputs(['Not A Reference']),
      model: 'data',
    });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toMatch(/^::error::.*Not A Reference/m);
    expect(run.outputs).toEqual({});
  });

  it("on the runner's Node 24, `compression: zstd` in mlci.yaml (nothing in the workflow) pushes tar+zstd layers that skopeo reads; the base stays as it was", async () => {
    // GitHub runs the action with `runs.using: node24`; this machine's Node is 20, which has no zstd.
    const node24 = node24Binary();
    const cwd = checkout('zstd');
    writeFileSync(join(cwd, 'mlci.yaml'), 'version: 1\nbuild-image:\n  compression: zstd\n');
    mkdirSync(join(cwd, 'model'), { recursive: true });
    writeFileSync(join(cwd, 'model/weights.txt'), 'weights '.repeat(10_000));
    const sha = git(cwd, 'rev-parse', 'HEAD');
    const tag = `${registry.host}/${owner}/${repo}:zstd-${sha.slice(0, 7)}`;
    const built = await runStep(actionDir, cwd, pushRun(sha), imageInputs([tag]), node24);
    expect(ok(built)).toEqual({ exitCode: 0, errors: null });

    const manifest = JSON.parse(
      (await execFileAsync('skopeo', ['inspect', '--tls-verify=false', '--raw', `docker://${tag}`])).stdout,
    ) as { layers: { mediaType: string; digest: string }[] };
    const base = JSON.parse(
      (await execFileAsync('skopeo', ['inspect', '--tls-verify=false', '--raw', `docker://${nodeBase}`]))
        .stdout,
    ) as { layers: { mediaType: string; digest: string }[] };
    expect(manifest.layers.map((layer) => layer.mediaType)).toEqual([
      ...base.layers.map((layer) => layer.mediaType),
      'application/vnd.oci.image.layer.v1.tar+zstd',
      'application/vnd.oci.image.layer.v1.tar+zstd',
    ]);
    expect(manifest.layers[0]?.digest).toBe(base.layers[0]?.digest);
    const result = JSON.parse(readFileSync(join(cwd, '.mlci/build-image.json'), 'utf8')) as {
      compression: { type: string };
    };
    expect(result.compression.type).toBe('zstd');
    expect(built.summary).toContain('zstd');
  });
});
