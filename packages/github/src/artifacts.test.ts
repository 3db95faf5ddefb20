import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ExitCode, InputError, type Logger, ServiceError } from '@mlci/core';
import { type FakeGitHub, startFakeGitHub } from '../../../tests/github/fake-github';
import { GitHubArtifacts } from './artifacts';

const owner = 'octo-org';
const repo = 'churn';
const quiet: Logger = { info() {}, warn() {}, debug() {} };

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub({ writeTokens: ['ghs_actions_read'] });
});
afterEach(async () => {
  await github.close();
});

function artifactsOf(token: string | undefined = 'ghs_actions_read', apiUrl = github.url) {
  return new GitHubArtifacts({
    apiUrl,
    serverUrl: 'https://github.example',
    repository: `${owner}/${repo}`,
    token,
    logger: quiet,
    retry: { retries: 2, retryDelayMs: 5 },
  });
}

const zip = (text: string) => Buffer.from(`PK-fake-${text}`);
const day = (n: number) => `2024-06-${String(n).padStart(2, '0')}T12:00:00Z`;

describe('GitHubArtifacts.latest', () => {
  it("takes the newest unexpired artifact of a successful run on the branch, never a fork's, and downloads it without the token", async () => {
    const base = { owner, repo, name: 'evaluate', branch: 'main' };
    const older = github.addArtifact({ ...base, archive: zip('older main'), createdAt: day(1) });
    const wanted = github.addArtifact({ ...base, archive: zip('newest good main'), createdAt: day(3) });
    github.addArtifact({ ...base, archive: zip('failed run'), createdAt: day(4), conclusion: 'failure' });
    github.addArtifact({ ...base, archive: zip('expired'), createdAt: day(5), expired: true });
    // A fork's PR from its own branch named main: same head_branch, another head repository.
    github.addArtifact({ ...base, archive: zip('fork main'), createdAt: day(6), headRepositoryId: 9001 });
    github.addArtifact({ ...base, branch: 'dev', archive: zip('dev'), createdAt: day(7) });
    github.addArtifact({ ...base, name: 'other', archive: zip('other name'), createdAt: day(8) });
    github.addArtifact({ ...base, repo: 'elsewhere', archive: zip('other repo'), createdAt: day(9) });

    const found = await artifactsOf().latest('main', 'evaluate');
    expect(Buffer.from(found?.archive ?? []).toString()).toBe('PK-fake-newest good main');
    expect(found?.origin).toBe(
      `https://github.example/${owner}/${repo}/actions/runs/${wanted.runId}/artifacts/${wanted.id}`,
    );
    expect(older.id).toBeLessThan(wanted.id);
    const calls = github.requests.map((r) => `${r.method} ${r.path}`);
    expect(calls).toEqual([
      `GET /repos/${owner}/${repo}/actions/artifacts`,
      // The failed run is looked at and skipped; the expired and the fork's artifacts are not even looked at.
      expect.stringMatching(new RegExp(`^GET /repos/${owner}/${repo}/actions/runs/\\d+$`)),
      `GET /repos/${owner}/${repo}/actions/runs/${wanted.runId}`,
      `GET /repos/${owner}/${repo}/actions/artifacts/${wanted.id}/zip`,
      `GET storage:/artifacts/${wanted.id}.zip`,
    ]);
    expect(github.requests[0]?.query.get('name')).toBe('evaluate');
    expect(github.requests[0]?.query.get('per_page')).toBe('100');
    const api = github.requests.filter((r) => !r.path.startsWith('storage:'));
    expect(api.every((r) => r.authorization === 'Bearer ghs_actions_read')).toBe(true);
    expect(github.requests.at(-1)?.authorization).toBeUndefined();
  });

  it("never takes a fork's artifact, even when it is the only one on a branch of that name", async () => {
    github.addArtifact({
      owner,
      repo,
      name: 'evaluate',
      branch: 'main',
      archive: zip('fork'),
      createdAt: day(2),
      headRepositoryId: 9001,
    });
    expect(await artifactsOf().latest('main', 'evaluate')).toBeUndefined();
  });

  it('reads further pages while the artifacts of the name go on', async () => {
    for (let i = 0; i < 120; i++)
      github.addArtifact({
        owner,
        repo,
        name: 'evaluate',
        branch: `feature-${i}`,
        archive: zip(String(i)),
        createdAt: `2024-07-01T00:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
      });
    github.addArtifact({
      owner,
      repo,
      name: 'evaluate',
      branch: 'main',
      archive: zip('old main'),
      createdAt: day(1),
    });
    const found = await artifactsOf().latest('main', 'evaluate');
    expect(Buffer.from(found?.archive ?? []).toString()).toBe('PK-fake-old main');
    const pages = github.requests
      .filter((r) => r.path.endsWith('/actions/artifacts'))
      .map((r) => r.query.get('page'));
    expect(pages).toEqual(['1', '2']);
  });

  it('says what the token needs when GitHub refuses it', async () => {
    github.failNext(1, 403, 'Resource not accessible by integration');
    const error = await artifactsOf()
      .latest('main', 'evaluate')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      `baseline: GitHub answered 403 Forbidden to list the Actions artifacts of ${owner}/${repo}: the token needs \`actions: read\` on the repository (workflow \`permissions: actions: read\`)`,
    );
    const bad = await artifactsOf('ghs_wrong')
      .latest('main', 'evaluate')
      .catch((e: unknown) => e);
    expect((bad as Error).message).toMatch(/^baseline: GitHub refused the token \(401 Unauthorized\)/);
    const none = await artifactsOf('')
      .latest('main', 'evaluate')
      .catch((e: unknown) => e);
    expect((none as Error).message).toMatch(
      /^baseline: reading GitHub Actions artifacts needs a token with `actions: read`/,
    );
  });

  it('tries server errors again, then fails as a service error (exit 3)', async () => {
    github.addArtifact({
      owner,
      repo,
      name: 'evaluate',
      branch: 'main',
      archive: zip('x'),
      createdAt: day(1),
    });
    github.failNext(2, 502, 'Bad Gateway');
    expect((await artifactsOf().latest('main', 'evaluate'))?.archive).toBeDefined();
    github.requests.length = 0;
    github.failNext(3, 503, 'Unavailable');
    const error = await artifactsOf()
      .latest('main', 'evaluate')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).exitCode).toBe(ExitCode.service);
    expect((error as Error).message).toBe(
      `GitHub answered 503 Service Unavailable for ${github.url}/repos/${owner}/${repo}/actions/artifacts (after 3 attempts)`,
    );
    expect(github.requests).toHaveLength(3);
  });

  it('reports an unreachable API as a service error naming it', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const error = await artifactsOf('ghs_actions_read', `http://127.0.0.1:${port}`)
      .latest('main', 'evaluate')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as Error).message).toBe(
      `cannot reach GitHub at http://127.0.0.1:${port}/repos/${owner}/${repo}/actions/artifacts: ECONNREFUSED (after 3 attempts)`,
    );
  });

  it.each([
    ['not JSON', 'upstream says <html>'],
    ['nested 100,000 deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
  ])('an answer that is %s is a service error (exit 3), not a crash', async (_, body) => {
    const server = createHttpServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const error = await artifactsOf('ghs_actions_read', `http://127.0.0.1:${port}`)
        .latest('main', 'evaluate')
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ServiceError);
      expect((error as Error).message).toMatch(
        /^GitHub API: (invalid JSON|JSON nested deeper than 1000 levels)/,
      );
    } finally {
      server.close();
    }
  });
});
