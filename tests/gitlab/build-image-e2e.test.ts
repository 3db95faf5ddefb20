import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { nodeStandIn, pushNodeBase } from '../support/node-base';
import {
  type RegistryFront,
  startRegistry,
  startRegistryFront,
  type TestRegistry,
} from '../support/registry';
import { writeTrainingProject } from '../support/training-project';
import { runGitlabCiLocal } from './gitlab-ci-local';

/**
 * The train and build-image components run by gitlab-ci-local as a push pipeline of the default branch, with
 * the local CLI bundle as MLCI_CLI. The image goes to the "project's container registry": Debian's
 * docker-registry on 127.0.0.1 behind a front that demands Basic authentication with the job's registry
 * credentials, given as GitLab gives them (CI_REGISTRY, CI_REGISTRY_USER, CI_REGISTRY_PASSWORD; gitlab-ci-local
 * derives CI_REGISTRY_IMAGE from CI_REGISTRY and the project path). The server's base is the stand-in for
 * node:22-slim (tests/support/node-base.ts) on the registry directly, as a public base on another registry would
 * be. skopeo reads the pushed image back.
 */

const root = join(import.meta.dirname, '..', '..');
const cliBundle = join(root, 'packages', 'cli', 'dist', 'mlci.mjs');
const run = promisify(execFile);

const registryUser = 'gitlab-ci-token';
const registryPassword = 'job-token-5f2c9e';
const projectPath = 'ml-team/centroids';

// The tag is the documented one; GitLab (here gitlab-ci-local) expands its variables in the job.
const pipeline = (nodeBase: string) => `include:
  - local: templates/train.yml
    inputs:
      command: node train.mjs
      inputs: |
        data/*.csv
        train.mjs
      outputs: model
      metrics: metrics.json
  - local: templates/build-image.yml
    inputs:
      base: ${nodeBase}
      model: model
      add: serve.mjs:/app/serve.mjs
      entrypoint: '["node", "/app/serve.mjs"]'
      env: |
        MODEL_DIR=/model
        GREETING=hello world
      label: org.opencontainers.image.title=centroids
      tag: |
        $CI_REGISTRY_IMAGE/model:$CI_COMMIT_SHORT_SHA
        $CI_REGISTRY_IMAGE/model:latest
      push: true
# A later job deploys what the dotenv report names.
deploy-model:
  stage: .post
  needs: [build-image]
  script:
    - echo "deploying $MLCI_BUILD_IMAGE_IMAGE"
`;

let registry: TestRegistry;
let front: RegistryFront;
let repo: string;

async function git(...args: string[]): Promise<string> {
  const { stdout } = await run('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], {
    cwd: repo,
  });
  return stdout.trim();
}

function runPipeline(password: string): Promise<{ status: number | null; output: string }> {
  const variables: Record<string, string> = {
    GITLAB_CI: 'true',
    CI_REGISTRY: front.host,
    CI_REGISTRY_USER: registryUser,
    CI_REGISTRY_PASSWORD: password,
    MLCI_CLI: `${process.execPath} ${cliBundle}`,
  };
  // Each job in a fresh copy of the tracked files: build-image gets the model and train.json only as the train
  // job's artifacts, and the layer cache only through GitLab's cache.
  const args = [
    '--force-shell-executor',
    '--shell-isolation',
    '--ignore-predefined-vars',
    'GITLAB_CI,CI_REGISTRY,CI_REGISTRY_USER,CI_REGISTRY_PASSWORD',
  ];
  for (const [name, value] of Object.entries(variables)) args.push('--variable', `${name}=${value}`);
  return runGitlabCiLocal(repo, args);
}

const artifact = (path: string, job = 'build-image') =>
  readFile(join(repo, '.gitlab-ci-local', 'artifacts', job, path), 'utf8');

async function dotenv(): Promise<Record<string, string>> {
  const text = await artifact('.mlci/build-image.env');
  return Object.fromEntries(
    text
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

beforeAll(async () => {
  if (!existsSync(cliBundle))
    throw new Error(`${cliBundle} is missing: run \`node scripts/build.mjs\` first`);
  registry = await startRegistry();
  front = await startRegistryFront(registry, {
    auth: { scheme: 'basic', username: registryUser, password: registryPassword },
  });
  repo = await mkdtemp(join(tmpdir(), 'mlci-gitlab-build-image-'));
  writeTrainingProject(repo);
  await writeFile(join(repo, 'serve.mjs'), "console.log('serving', process.env.MODEL_DIR);\n");
  await mkdir(join(repo, 'templates'));
  for (const name of ['train', 'build-image'])
    await copyFile(join(root, 'templates', `${name}.yml`), join(repo, 'templates', `${name}.yml`));
  await writeFile(join(repo, '.gitlab-ci.yml'), pipeline(await pushNodeBase(registry)));
  await writeFile(join(repo, '.gitignore'), 'runs.log\nmetrics.json\nmodel/\n.mlci/\n');
  await run('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  await git('remote', 'add', 'origin', `https://gitlab.example.com/${projectPath}.git`);
  await git('add', '-A');
  await git('commit', '-q', '-m', 'trainer and server');
  await git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  await git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
});

afterAll(async () => {
  await front?.close();
  await registry?.close();
  if (repo) await rm(repo, { recursive: true, force: true });
});

// Two gitlab-ci-local pipelines (train, build-image, deploy-model): ~40 s on 2 busy cores, over jest's 60 s
// default under more load.
test('train, then build-image pushes to the project registry with the job’s registry credentials', async () => {
  const first = await runPipeline(registryPassword);
  expect(first.status).toBe(0);
  expect(first.output).toMatch(/PASS\s+train/);
  expect(first.output).toMatch(/PASS\s+build-image/);

  const sha = await git('rev-parse', 'HEAD');
  const repository = `${front.host}/${projectPath}/model`;
  const tags = [`${repository}:${sha.slice(0, 8)}`, `${repository}:latest`];
  const outputs = await dotenv();
  const digest = outputs.MLCI_BUILD_IMAGE_DIGEST ?? '';
  expect(outputs).toEqual({
    MLCI_BUILD_IMAGE_DIGEST: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    MLCI_BUILD_IMAGE_IMAGE: `${tags[0]}@${digest}`,
    MLCI_BUILD_IMAGE_REFERENCES: tags.join(' '),
    MLCI_BUILD_IMAGE_BYTES_UPLOADED: expect.stringMatching(/^[1-9][0-9]*$/),
  });
  // The later job got the image to deploy from the dotenv report.
  expect(first.output).toContain(`deploying ${tags[0]}@${digest}`);
  const junit = await artifact('.mlci/build-image.junit.xml');
  expect(junit).toContain('<testsuite name="mlci.build-image"');
  expect(junit).toMatch(/failures="0"/);

  // Every registry request the front let through carried the job's credentials.
  const answered = front.requests.filter((request) => request.authorization === 'basic');
  expect(answered.length).toBeGreaterThan(0);
  expect(front.requests.filter((request) => request.method === 'PUT').length).toBeGreaterThan(0);
  expect(
    front.requests.every((request) => request.authorization === 'basic' || request.method !== 'PUT'),
  ).toBe(true);

  // The registry, read by skopeo (directly, behind the front): both tags, the labels of the pipeline.
  const train = JSON.parse(await artifact('.mlci/train.json', 'train')) as {
    runId: string;
    outputs: { digest: string };
  };
  for (const tag of tags) {
    const reference = tag.replace(front.host, registry.host);
    const { stdout } = await run('skopeo', ['inspect', '--tls-verify=false', `docker://${reference}`]);
    const seen = JSON.parse(stdout) as { Digest: string; Labels: Record<string, string>; Env: string[] };
    expect(seen.Digest).toBe(digest);
    expect(seen.Labels).toMatchObject({
      'org.opencontainers.image.source': `https://gitlab.example.com/${projectPath}`,
      'org.opencontainers.image.revision': sha,
      'org.opencontainers.image.title': 'centroids',
      'dev.mlci.model.digest': train.outputs.digest,
      'dev.mlci.run.id': train.runId,
    });
    expect(seen.Env).toEqual([...nodeStandIn.env, 'MODEL_DIR=/model', 'GREETING=hello world']);
  }
  // GitLab's cache carried the layer cache out of the job.
  expect(first.output).toContain("cache created in '.gitlab-ci-local/cache/mlci-build-image-main'");

  // The same pipeline with a wrong registry password: the job fails with exit 3, naming the credentials'
  // source, never their value.
  const refused = await runPipeline('wrong-password-1f3a');
  expect(refused.status).not.toBe(0);
  expect(refused.output).toMatch(/FAIL\s+build-image/);
  expect(refused.output).toContain('CI_REGISTRY_USER/PASSWORD');
  expect(refused.output).not.toContain('wrong-password-1f3a');
  expect(refused.output).toMatch(/build-image\s+finished in [\d.]+ m?s\s+FAIL 3\b/);
  expect(refused.output).toMatch(/access denied \(401\) with credentials from CI_REGISTRY_USER\/PASSWORD/);
}, 180_000);
