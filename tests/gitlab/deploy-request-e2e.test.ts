import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { deployRepository, git, type ModelProject, modelProject, overlay, shown } from '../deploy/gitops';
import { repoRoot } from '../support/cli';
import { type GitHttpServer, startGitHttpServer } from '../support/git-http';
import { startRegistry, type TestRegistry } from '../support/registry';
import { FakeGitLab } from './fake-gitlab';
import { runGitlabCiLocal } from './gitlab-ci-local';

/**
 * A team's release pipeline on GitLab with the hand-off as a merge request: the promote component run by
 * gitlab-ci-local as a tag pipeline, every deploy setting in mlci.yaml (deploy-mode request, the deploy project's
 * URL and its API root) and only the masked variable MLCI_DEPLOY_TOKEN in the project's CI/CD settings. The deploy
 * project is served over HTTP by git's own http-backend behind a token check; the merge request goes to the
 * loopback GitLab API (tests/gitlab/fake-gitlab.ts). No GitLab server runs here.
 */
const token = 'glpat-deployProjectAccessToken3c9';
const basic = `Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
const overlayPath = 'overlays/production/kustomization.yaml';
const cliBundle = join(repoRoot, 'packages/cli/dist/mlci.mjs');
let parent: string;
let registry: TestRegistry;
let project: ModelProject;
let server: GitHttpServer;
let gitlab: FakeGitLab;
let bare: string;

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'mlci-gitlab-deploy-request-'));
  registry = await startRegistry();
  gitlab = new FakeGitLab({ tokens: { [token]: 'deploy_bot' } });
  await gitlab.start();
  const root = join(parent, 'git');
  await mkdir(join(root, 'platform'), { recursive: true });
  bare = await deployRepository(join(root, 'platform'), 'deploy', {
    [overlayPath]: overlay(registry.host, 'production'),
  });
  server = await startGitHttpServer(root, { authorization: basic });
  project = await modelProject(join(parent, 'models'), registry.host);
  await writeFile(
    join(project.dir, 'mlci.yaml'),
    stringify({
      version: 1,
      // Outside the checkout: gitlab-ci-local's jobs run in a copy without the ignored .mlci/ (the project's
      // registry is a server in a real pipeline).
      registry: `file:${join(parent, 'registry')}`,
      model: 'penguins',
      promote: {
        require: ['image'],
        'deploy-repo': `${server.url}/platform/deploy.git`,
        'deploy-file': [`production=${overlayPath}`],
        'deploy-mode': 'request',
        'deploy-api-url': `${gitlab.url}/api/v4`,
      },
    }),
  );
  await mkdir(join(project.dir, 'templates'));
  await copyFile(join(repoRoot, 'templates/promote.yml'), join(project.dir, 'templates/promote.yml'));
  await writeFile(join(project.dir, '.gitlab-ci.yml'), 'include:\n  - local: templates/promote.yml\n');
  await writeFile(join(project.dir, '.gitignore'), '.mlci/\nmodel/\n.gitlab-ci-local/\n');
  await git(project.dir, 'add', '-A');
  await git(project.dir, 'commit', '-q', '-m', 'release pipeline: hand production to the deploy project');
  await git(project.dir, 'remote', 'add', 'origin', 'https://gitlab.example.com/ml/penguins.git');
}, 120_000);
afterAll(async () => {
  await server?.close();
  await gitlab?.stop();
  await registry?.close();
  if (parent) await rm(parent, { recursive: true, force: true });
});

/** The tag pipeline GitLab runs for `tag` (gitlab-ci-local makes branch pipelines: the tag's variables are given). */
async function tagPipeline(tag: string) {
  await git(project.dir, 'tag', tag);
  const variables: Record<string, string> = {
    GITLAB_CI: 'true',
    MLCI_CLI: `${process.execPath} ${cliBundle}`,
    CI_COMMIT_TAG: tag,
    CI_COMMIT_REF_NAME: tag,
    // The project's masked CI/CD variable.
    MLCI_DEPLOY_TOKEN: token,
  };
  const args = [
    '--force-shell-executor',
    '--shell-isolation',
    '--ignore-predefined-vars',
    Object.keys(variables).join(','),
    '--unset-variable',
    'CI_COMMIT_BRANCH',
  ];
  for (const [name, value] of Object.entries(variables)) args.push('--variable', `${name}=${value}`);
  return runGitlabCiLocal(project.dir, args);
}

test('a tag pipeline opens a merge request into the deploy project, the next tag updates it; the token is in no output', async () => {
  const first = await project.release('penguins', { depth: 3 });
  const run = await tagPipeline('v1.0.0');
  expect({ status: run.status, output: run.status === 0 ? '' : run.output.slice(-3000) }).toEqual({
    status: 0,
    output: '',
  });
  expect(run.output).toMatch(/PASS\s+promote/);
  const branch = 'mlci/deploy/penguins-production';
  expect(gitlab.mergeRequestsOf('platform/deploy')).toMatchObject([
    { iid: 1, state: 'opened', source_branch: branch, target_branch: 'main' },
  ]);
  expect(gitlab.mergeRequestsOf('platform/deploy')[0]?.description).toContain(first.digest);
  // The merge request's branch holds the change; main is untouched until someone merges it.
  expect(await shown(bare, overlayPath, branch)).toContain(
    `    newTag: v1.0.0\n    digest: ${first.digest}\n`,
  );
  expect(await shown(bare, overlayPath)).not.toContain('digest:');
  expect(server.authorizations).toContain(basic);
  expect(run.output).not.toContain(token);

  const second = await project.release('penguins', { depth: 4 });
  const next = await tagPipeline('v1.1.0');
  expect(next.status).toBe(0);
  expect(gitlab.mergeRequestsOf('platform/deploy')).toMatchObject([{ iid: 1, state: 'opened' }]);
  expect(await shown(bare, overlayPath, branch)).toContain(
    `    newTag: v1.1.0\n    digest: ${second.digest}\n`,
  );
  expect(next.output).not.toContain(token);
}, 180_000);
