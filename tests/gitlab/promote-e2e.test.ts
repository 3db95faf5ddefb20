import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PromoteResult } from '@mlci/core';
import {
  evaluateAndBuild,
  exampleRepository,
  imageDigest,
  imageTags,
  modelName,
  type PromotableProject,
  registerVersion,
} from '../promote/tag-pipeline';
import {
  type RegistryFront,
  startRegistry,
  startRegistryFront,
  type TestRegistry,
} from '../support/registry';
import { runGitlabCiLocal } from './gitlab-ci-local';

/**
 * The promote component run by gitlab-ci-local as a TAG pipeline (v1.0.0), with the local CLI bundle as
 * MLCI_CLI. gitlab-ci-local 4.73.0 makes every pipeline a branch pipeline (CI_COMMIT_BRANCH from git, no
 * CI_COMMIT_TAG whatever the checkout), so the test gives the variables GitLab sets for a tag: CI_COMMIT_TAG and
 * CI_COMMIT_REF_NAME the tag, CI_COMMIT_BRANCH unset. The model registry and the image are in the "project's
 * container registry": Debian's docker-registry on 127.0.0.1 behind a front that demands the job's registry
 * credentials (CI_REGISTRY_USER/PASSWORD). Before the pipeline, the earlier pipelines' work is done through the
 * CLI: the tagged commit's version registered, evaluated and its image pushed. skopeo reads the tags back.
 */

const root = join(import.meta.dirname, '..', '..');
const cliBundle = join(root, 'packages', 'cli', 'dist', 'mlci.mjs');

const registryUser = 'gitlab-ci-token';
const registryPassword = 'job-token-7d41aa';
const projectPath = 'ml-team/breast-cancer';

// The registry is the documented one; GitLab (here gitlab-ci-local) expands its variables in the job.
const pipeline = `include:
  - local: templates/promote.yml
    inputs:
      model: ${modelName}
      registry: oci://$CI_REGISTRY/$CI_PROJECT_PATH/models
# A later job of the release reads what moved from the dotenv report.
announce:
  stage: .post
  needs: [promote]
  rules:
    - if: $CI_COMMIT_TAG
  script:
    - echo "released $MLCI_PROMOTE_ALIAS=$MLCI_PROMOTE_VERSION ($MLCI_PROMOTE_OUTCOME, was '$MLCI_PROMOTE_PREVIOUS')"
`;

let registry: TestRegistry;
let front: RegistryFront;
let parent: string;
let project: PromotableProject;

function runPipeline(tag: string | undefined): Promise<{ status: number | null; output: string }> {
  const variables: Record<string, string> = {
    GITLAB_CI: 'true',
    CI_REGISTRY: front.host,
    CI_REGISTRY_USER: registryUser,
    CI_REGISTRY_PASSWORD: registryPassword,
    MLCI_CLI: `${process.execPath} ${cliBundle}`,
    ...(tag ? { CI_COMMIT_TAG: tag, CI_COMMIT_REF_NAME: tag } : {}),
  };
  const args = [
    '--force-shell-executor',
    '--shell-isolation',
    '--ignore-predefined-vars',
    'GITLAB_CI,CI_REGISTRY,CI_REGISTRY_USER,CI_REGISTRY_PASSWORD,CI_COMMIT_TAG,CI_COMMIT_REF_NAME',
    ...(tag ? ['--unset-variable', 'CI_COMMIT_BRANCH'] : []),
  ];
  for (const [name, value] of Object.entries(variables)) args.push('--variable', `${name}=${value}`);
  return runGitlabCiLocal(project.dir, args);
}

const artifact = (path: string, job = 'promote') =>
  readFile(join(project.dir, '.gitlab-ci-local', 'artifacts', job, path), 'utf8');

beforeAll(async () => {
  if (!existsSync(cliBundle))
    throw new Error(`${cliBundle} is missing: run \`node scripts/build.mjs\` first`);
  registry = await startRegistry();
  front = await startRegistryFront(registry, {
    auth: { scheme: 'basic', username: registryUser, password: registryPassword },
  });
  parent = await mkdtemp(join(tmpdir(), 'mlci-gitlab-promote-'));
  // The earlier pipelines signed in with their own job credentials; here the same account, given to the CLI.
  project = await exampleRepository(parent, `oci://${front.host}/${projectPath}/models`, {
    MLCI_REGISTRY_USERNAME: registryUser,
    MLCI_REGISTRY_PASSWORD: registryPassword,
  });
  await mkdir(join(project.dir, 'templates'));
  await copyFile(join(root, 'templates', 'promote.yml'), join(project.dir, 'templates', 'promote.yml'));
  await writeFile(join(project.dir, '.gitlab-ci.yml'), pipeline);
  await project.git('add', '-A');
  await project.git('commit', '-q', '-m', 'release pipeline');
  await project.git('remote', 'add', 'origin', `https://gitlab.example.com/${projectPath}.git`);
  await project.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  await project.git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
}, 60_000);

afterAll(async () => {
  await front?.close();
  await registry?.close();
  if (parent) await rm(parent, { recursive: true, force: true });
});

test('a tag pipeline promotes the version registered from the tagged commit and retags its image; a branch pipeline does not run it', async () => {
  const version = await registerVersion(project, 'model');
  const sha = await project.git('rev-parse', 'HEAD');
  const imageRepository = `${front.host}/${projectPath}/model`;
  const built = `${imageRepository}:${sha.slice(0, 8)}`;
  await evaluateAndBuild(project, 'model', version, built);
  await project.git('tag', 'v1.0.0');
  // skopeo reads the registry directly, behind the front.
  const direct = (reference: string) => reference.replace(front.host, registry.host);
  const builtDigest = await imageDigest(direct(built));

  // The default rules: no promote job in a pipeline of the default branch.
  const branch = await runPipeline(undefined);
  expect(branch.output).not.toMatch(/PASS\s+promote/);
  expect(branch.output).not.toMatch(/FAIL\s+promote/);
  expect(await imageTags(direct(imageRepository))).toEqual([sha.slice(0, 8)]);

  const requestsBefore = front.requests.length;
  const tagged = await runPipeline('v1.0.0');
  expect(tagged.status).toBe(0);
  expect(tagged.output).toMatch(/PASS\s+promote/);
  expect(tagged.output).toContain(`released production=${version} (moved, was '')`);

  const dotenv = await artifact('.mlci/promote.env');
  const result = JSON.parse(await artifact('.mlci/promote.json')) as PromoteResult;
  expect(result).toMatchObject({
    status: 'passed',
    outcome: 'moved',
    alias: 'production',
    aliasFrom: 'tag v1.0.0 by rule release=production',
    version,
    versionFrom: `registered from commit ${sha.slice(0, 12)}`,
    previous: null,
    tag: 'v1.0.0',
  });
  expect(result.record).toMatchObject({ tag: 'v1.0.0', commit: sha, action: 'promote' });
  expect(dotenv).toBe(
    `MLCI_PROMOTE_VERSION=${version}\nMLCI_PROMOTE_ALIAS=production\nMLCI_PROMOTE_PREVIOUS=\n` +
      `MLCI_PROMOTE_OUTCOME=moved\nMLCI_PROMOTE_RECORD=${result.record?.digest}\nMLCI_PROMOTE_DEPLOY_COMMIT=\n`,
  );
  const junit = await artifact('.mlci/promote.junit.xml');
  expect(junit).toContain('<testsuite name="mlci.promote"');
  expect(junit).toMatch(/failures="0"/);

  // The registry, read by skopeo: the built image under the release tag and the alias, nothing rebuilt.
  expect(await imageTags(direct(imageRepository))).toEqual([sha.slice(0, 8), 'production', 'v1.0.0'].sort());
  expect(await imageDigest(direct(`${imageRepository}:v1.0.0`))).toBe(builtDigest);
  expect(await imageDigest(direct(`${imageRepository}:production`))).toBe(builtDigest);
  // The pipeline's own writes (the tags) went through the front, which demands the job's credentials.
  const writes = front.requests.slice(requestsBefore).filter((request) => request.method === 'PUT');
  expect(writes.length).toBeGreaterThan(0);
  expect(writes.every((request) => request.authorization === 'basic')).toBe(true);

  // The same tag pipeline again (a retried job): the alias is already there, nothing changes, exit 0.
  const again = await runPipeline('v1.0.0');
  expect(again.output).toMatch(/PASS\s+promote/);
  expect(again.status).toBe(0);
  expect(again.output).toContain(`released production=${version} (unchanged, was '${version}')`);
}, 180_000);
