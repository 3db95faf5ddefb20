import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { PromoteResult } from '@mlci/core';
import { stringify } from 'yaml';
import { deployRepository, git, type ModelProject, modelProject, overlay, shown } from '../deploy/gitops';
import { type GitHttpServer, startGitHttpServer } from '../support/git-http';
import { startRegistry, type TestRegistry } from '../support/registry';
import { repoRoot } from './action-manifest';
import { type FakeGitHub, startFakeGitHub } from './fake-github';
import { pushTag } from './payloads';
import { runActionBundle } from './run-action';

/**
 * A team's release workflow with the hand-off as a pull request, as it runs on GitHub Enterprise Server: the
 * committed promote action's bundle on a tag push, every deploy setting in mlci.yaml (deploy-mode request, the
 * deploy repository's URL and its API root) and only `deploy-token` in the workflow. The deploy repository is
 * served over HTTP by git's own http-backend behind a token check; the pull request goes to the loopback GitHub
 * API (tests/github/fake-github.ts) under /api/v3, as GHES serves it. No real GitHub runs here.
 */
const token = 'ghs_deployTokenOfTheGitHubApp7f3a';
const basic = `Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
const overlayPath = 'overlays/production/kustomization.yaml';
let parent: string;
let registry: TestRegistry;
let project: ModelProject;
let server: GitHttpServer;
let github: FakeGitHub;
let bare: string;

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), 'mlci-deploy-request-action-'));
  registry = await startRegistry();
  github = await startFakeGitHub({ writeTokens: [token] });
  const root = join(parent, 'git');
  await mkdir(join(root, 'acme'), { recursive: true });
  bare = await deployRepository(join(root, 'acme'), 'deploy', {
    [overlayPath]: overlay(registry.host, 'production'),
  });
  server = await startGitHttpServer(root, { authorization: basic });
  project = await modelProject(join(parent, 'models'), registry.host);
  await writeFile(
    join(project.dir, 'mlci.yaml'),
    stringify({
      version: 1,
      model: 'penguins',
      promote: {
        require: ['image'],
        'deploy-repo': `${server.url}/acme/deploy.git`,
        'deploy-file': [`production=${overlayPath}`],
        'deploy-mode': 'request',
        'deploy-api-url': `${github.url}/api/v3`,
      },
    }),
  );
  await git(project.dir, 'add', 'mlci.yaml');
  await git(project.dir, 'commit', '-q', '-m', 'mlci: hand production to the deploy repository');
}, 120_000);
afterAll(async () => {
  await server?.close();
  await github?.close();
  await registry?.close();
  if (parent) await rm(parent, { recursive: true, force: true });
});

async function releaseWorkflow(tag: string) {
  await git(project.dir, 'tag', tag);
  const sha = await git(project.dir, 'rev-parse', 'HEAD');
  const runnerTemp = await mkdtemp(join(parent, 'runner-'));
  return runActionBundle({
    actionDir: join(repoRoot, 'actions/promote'),
    inputs: { 'deploy-token': token },
    env: pushTag(
      { owner: 'acme', repository: 'penguins', sha, workflow: 'release', job: 'promote', runId: '77', tag },
      join(runnerTemp, 'event.json'),
    ),
    githubToken: '',
    cwd: project.dir,
    runnerTemp,
  });
}

it('a tag opens a pull request into the deploy repository, then the next tag updates it; the token is in nothing it writes', async () => {
  const first = await project.release('penguins', { depth: 3 });
  const run = await releaseWorkflow('v1.0.0');
  expect({ exitCode: run.exitCode, errors: run.stdout.match(/^::error.*$/gm) }).toEqual({
    exitCode: 0,
    errors: null,
  });
  const branch = 'mlci/deploy/penguins-production';
  const pulls = github.pulls('acme', 'deploy');
  expect(pulls).toMatchObject([{ number: 1, state: 'open', head: { ref: branch }, base: { ref: 'main' } }]);
  expect(pulls[0]?.title).toContain('penguins');
  expect(pulls[0]?.body).toContain(first.digest);
  // The pull request's branch holds the change; main is untouched until someone merges it.
  expect(await shown(bare, overlayPath, branch)).toContain(
    `    newTag: v1.0.0\n    digest: ${first.digest}\n`,
  );
  expect(await shown(bare, overlayPath)).not.toContain('digest:');
  const result = JSON.parse(await readFile(join(project.dir, '.mlci/promote.json'), 'utf8')) as PromoteResult;
  expect(result.deploy).toMatchObject({
    outcome: 'requested',
    changeRequest: { number: 1, created: true, branch },
  });
  // Git got the token as a header, GitHub's API as a bearer token; no output, summary or log holds it.
  expect(server.authorizations).toContain(basic);
  expect(github.requests.some((request) => request.authorization === `Bearer ${token}`)).toBe(true);
  // `::add-mask::` is the runner's command to mask it in the log; the runner consumes that line.
  expect(run.stdout).toContain(`::add-mask::${token}\n`);
  for (const text of [
    run.stdout.replace(`::add-mask::${token}\n`, ''),
    run.stderr,
    run.summary,
    JSON.stringify(run.outputs),
    JSON.stringify(result),
  ])
    expect(text).not.toContain(token);

  const second = await project.release('penguins', { depth: 4 });
  const next = await releaseWorkflow('v1.1.0');
  expect(next.exitCode).toBe(0);
  expect(github.pulls('acme', 'deploy')).toMatchObject([{ number: 1, state: 'open' }]);
  expect(await shown(bare, overlayPath, branch)).toContain(
    `    newTag: v1.1.0\n    digest: ${second.digest}\n`,
  );
}, 120_000);
