import { execFile } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { PromoteResult } from '@mlci/core';
import { localEnv, runCli } from '../support/cli';

/**
 * A team's two projects and their GitOps repository, as the deploy tests start from them: a small Node
 * "training" (not the bundled example) registering versions of two models in a file: registry, each version's
 * image built and pushed to a registry and attached to it; and a bare git repository on disk holding the
 * deploy files (a kustomize base and overlays, Helm values, a plain manifest).
 */
const run = promisify(execFile);

export const gitIdentity = ['-c', 'user.email=team@example.com', '-c', 'user.name=Team'];

export async function git(cwd: string, ...args: string[]): Promise<string> {
  return (await run('git', [...gitIdentity, ...args], { cwd })).stdout.trim();
}

/** The project's training, registering a version of `model` (what `release` runs first). */
export const trainArgs = (model: string) => [
  'train',
  '--command',
  'node train.mjs',
  '--inputs',
  'train.mjs',
  'params.json',
  '--outputs',
  'model',
  '--register',
  model,
];

export interface ModelProject {
  dir: string;
  env: NodeJS.ProcessEnv;
  mlci(
    args: string[],
    env?: Record<string, string>,
  ): Promise<{ status: number | null; stdout: string; stderr: string }>;
  /** Trains with these params, registers the version, builds and pushes its image `host/acme/MODEL:VERSION`. */
  release(model: string, params: object): Promise<{ version: string; digest: string; reference: string }>;
}

export async function modelProject(dir: string, imageHost: string): Promise<ModelProject> {
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'train.mjs'),
    [
      "import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';",
      "const params = readFileSync('params.json', 'utf8');",
      "mkdirSync('model', { recursive: true });",
      "writeFileSync('model/weights.json', params);",
      '',
    ].join('\n'),
  );
  await writeFile(join(dir, 'params.json'), '{}\n');
  await writeFile(join(dir, '.gitignore'), '.mlci/\nmodel/\n');
  await git(dir, 'init', '-q', '-b', 'main');
  await git(dir, 'add', '-A');
  await git(dir, 'commit', '-q', '-m', 'training');
  const env = localEnv();
  const mlci: ModelProject['mlci'] = (args, extra = {}) =>
    runCli(args, { cwd: dir, env: { ...env, ...extra } });
  const must = async (args: string[]) => {
    const result = await mlci(args);
    if (result.status !== 0)
      throw new Error(`mlci ${args.join(' ')}: exit ${result.status}\n${result.stderr}`);
    return result.stdout;
  };
  return {
    dir,
    env,
    mlci,
    async release(model, params) {
      await writeFile(join(dir, 'params.json'), `${JSON.stringify(params)}\n`);
      const trained = await must([...trainArgs(model), '--json']);
      const version = (JSON.parse(trained) as { registered: { version: string } }).registered.version;
      const reference = `${imageHost}/acme/${model}:${version}`;
      const built = await must([
        'build-image',
        '--model',
        'model',
        '--tag',
        reference,
        '--push',
        '--train-result',
        '.mlci/train.json',
        '--attach-to',
        `${model}@${version}`,
        '--json',
      ]);
      const { digest } = (JSON.parse(built) as { image: { digest: string } }).image;
      return { version, digest, reference };
    },
  };
}

/** The result of `mlci promote … --json`. */
export const promoted = (stdout: string) => JSON.parse(stdout) as PromoteResult;

/** Writes `files` into a new repository pushed to a bare one at `bare`; returns the bare repository's path. */
export async function deployRepository(
  parent: string,
  name: string,
  files: Record<string, string>,
): Promise<string> {
  const seed = join(parent, `${name}-seed`);
  const bare = join(parent, `${name}.git`);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(seed, path)), { recursive: true });
    await writeFile(join(seed, path), text);
  }
  await git(seed, 'init', '-q', '-b', 'main');
  await git(seed, 'add', '-A');
  await git(seed, 'commit', '-q', '-m', 'deploy files');
  await run('git', ['clone', '-q', '--bare', seed, bare]);
  return bare;
}

/** A file on the bare repository's main branch, as Argo CD or Flux would read it. */
export async function shown(bare: string, path: string, ref = 'main'): Promise<string> {
  return (await run('git', ['show', `${ref}:${path}`], { cwd: bare })).stdout;
}

/** Installs a pre-receive hook (a shell script) in the bare repository. */
export async function preReceive(bare: string, script: string): Promise<void> {
  const hook = join(bare, 'hooks', 'pre-receive');
  await writeFile(hook, `#!/bin/sh\n${script}\n`);
  await chmod(hook, 0o755);
}

export const base = {
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'base/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: models',
    'spec:',
    '  selector:',
    '    matchLabels: {app: models}',
    '  template:',
    '    metadata:',
    '      labels: {app: models}',
    '    spec:',
    '      containers:',
    '        - name: penguins',
    '          image: penguins',
    '        - name: otters',
    '          image: otters',
    '',
  ].join('\n'),
};

export function overlay(imageHost: string, comment: string): string {
  return [
    `# ${comment}: Argo CD syncs this overlay`,
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'resources:',
    '  - ../../base',
    'images:',
    '  - name: penguins  # the model served',
    `    newName: ${imageHost}/acme/penguins`,
    '    newTag: bootstrap',
    '  - name: otters',
    `    newName: ${imageHost}/acme/otters`,
    '    newTag: bootstrap',
    '',
  ].join('\n');
}
