// The deploy hand-off's pull and merge requests (`--deploy-mode request`), against the loopback GitHub and GitLab
// APIs the other tests use (tests/github/fake-github.ts, tests/gitlab/fake-gitlab.ts), which answer the documented
// REST calls: created on the first call, updated in place on the next; self-hosted URL forms; refused tokens;
// the token in no error text. The bounded reading of hostile answers is in tests/hardening/bounded-reads.test.ts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { deployHostOf, openChangeRequest } from '../../packages/core/src/deploy/change-request';
import { ExitCode, InputError, MlciError, ServiceError } from '../../packages/core/src/errors';
import { type FakeGitHub, startFakeGitHub } from '../github/fake-github';
import { FakeGitLab } from '../gitlab/fake-gitlab';

const token = 'ghp_s3cr3tDeployToken';
const readOnly = 'ghp_readOnlyDeployToken';

function logger() {
  const lines: string[] = [];
  return {
    lines,
    info: (message: string) => lines.push(message),
    warn: (message: string) => lines.push(`warning: ${message}`),
    debug: () => {},
  };
}

async function failure(promise: Promise<unknown>): Promise<MlciError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MlciError) return error;
    throw error;
  }
  throw new Error('expected a failure, got an answer');
}

const handOff = {
  sourceBranch: 'mlci/churn-production',
  targetBranch: 'main',
  title: 'Deploy churn 7 (production, v1.4.0)',
  body: 'churn version 7 moved to production by tag v1.4.0.\n\nImage: registry.example.com/ml/churn@sha256:aa',
};

describe('the deploy repository host, from its URL', () => {
  test.each([
    ['https://github.com/acme/deploy.git', 'github', 'https://api.github.com', 'acme/deploy'],
    ['https://x-access-token:abc@github.com/acme/deploy', 'github', 'https://api.github.com', 'acme/deploy'],
    ['git@github.com:acme/deploy.git', 'github', 'https://api.github.com', 'acme/deploy'],
    ['ssh://git@github.com/acme/deploy.git', 'github', 'https://api.github.com', 'acme/deploy'],
    [
      'https://github.acme.com/platform/deploy.git',
      'github',
      'https://github.acme.com/api/v3',
      'platform/deploy',
    ],
    [
      'https://gitlab.com/acme/platform/deploy.git',
      'gitlab',
      'https://gitlab.com/api/v4',
      'acme/platform/deploy',
    ],
    [
      'git@gitlab.com:acme/platform/deploy.git',
      'gitlab',
      'https://gitlab.com/api/v4',
      'acme/platform/deploy',
    ],
    [
      'ssh://git@gitlab.acme.com:2222/acme/platform/deploy.git',
      'gitlab',
      'https://gitlab.acme.com/api/v4',
      'acme/platform/deploy',
    ],
    [
      'https://gitlab.acme.com:8443/ops/deploy',
      'gitlab',
      'https://gitlab.acme.com:8443/api/v4',
      'ops/deploy',
    ],
  ])('%s: %s at %s, project %s', (repoUrl, kind, apiUrl, project) => {
    expect(deployHostOf(repoUrl)).toEqual({ kind, apiUrl, project });
  });

  test.each([
    [
      'git@git.acme.com:ops/deploy.git',
      'https://git.acme.com/api/v4/',
      'gitlab',
      'https://git.acme.com/api/v4',
    ],
    [
      'https://code.acme.com/ops/deploy.git',
      'https://code.acme.com/api/v3',
      'github',
      'https://code.acme.com/api/v3',
    ],
    // The API URL's path says nothing: the repository's host name decides, the API URL is used as given.
    ['https://github.com/acme/deploy.git', 'http://127.0.0.1:8080', 'github', 'http://127.0.0.1:8080'],
  ])('%s with the API URL %s: %s at %s', (repoUrl, apiUrl, kind, root) => {
    expect(deployHostOf(repoUrl, apiUrl)).toMatchObject({ kind, apiUrl: root });
  });

  test.each([
    [
      'https://git.acme.com/ops/deploy.git',
      undefined,
      'deploy repository https://git.acme.com/ops/deploy.git: cannot tell whether git.acme.com is GitHub or GitLab; give the API URL (https://git.acme.com/api/v3 for GitHub Enterprise Server, https://git.acme.com/api/v4 for GitLab)',
    ],
    [
      '/srv/deploy.git',
      undefined,
      "deploy repository /srv/deploy.git: a pull or merge request needs the repository's URL on GitHub or GitLab (https://HOST/OWNER/REPO.git or git@HOST:OWNER/REPO.git)",
    ],
    [
      'https://github.com/acme/deploy/extra.git',
      undefined,
      'deploy repository https://github.com/acme/deploy/extra.git: a GitHub repository is OWNER/REPO, got acme/deploy/extra',
    ],
    [
      'https://oauth2:glpat-SECRET@git.acme.com/deploy.git',
      'https://git.acme.com/api/v4',
      'deploy repository https://***@git.acme.com/deploy.git: the URL names no GROUP/PROJECT',
    ],
    [
      'https://github.com/acme/deploy.git',
      'https://user:SECRET@api.github.com',
      'deploy API URL https://***@api.github.com: give an http(s) URL without credentials (the token is MLCI_DEPLOY_TOKEN)',
    ],
  ])('%s (API URL %s) is refused with exit 2', (repoUrl, apiUrl, message) => {
    let thrown: unknown;
    try {
      deployHostOf(repoUrl, apiUrl);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as Error).message).toBe(message);
    expect((thrown as Error).message).not.toContain('SECRET');
  });
});

describe('GitHub pull requests', () => {
  let github: FakeGitHub;
  beforeAll(async () => {
    github = await startFakeGitHub({ writeTokens: [token], readOnlyTokens: [readOnly] });
  });
  afterAll(async () => github?.close());

  const input = (extra: Record<string, string> = {}) => ({
    repoUrl: 'git@github.com:acme/deploy.git',
    apiUrl: github.url,
    token,
    ...handOff,
    ...extra,
  });

  test('opens one pull request, then updates its title and body in place', async () => {
    const log = logger();
    const first = await openChangeRequest(input(), { logger: log });
    expect(first).toEqual({ url: 'https://github.example/acme/deploy/pull/1', number: 1, created: true });
    const second = await openChangeRequest(
      input({ title: 'Deploy churn 8 (production, v1.5.0)', body: 'churn version 8' }),
      { logger: log },
    );
    expect(second).toEqual({ url: 'https://github.example/acme/deploy/pull/1', number: 1, created: false });
    expect(github.pulls('acme', 'deploy')).toMatchObject([
      {
        number: 1,
        state: 'open',
        title: 'Deploy churn 8 (production, v1.5.0)',
        body: 'churn version 8',
        head: { ref: 'mlci/churn-production', label: 'acme:mlci/churn-production' },
        base: { ref: 'main' },
      },
    ]);
    expect(log.lines).toEqual([
      'opened pull request #1 in acme/deploy: https://github.example/acme/deploy/pull/1',
      'updated pull request #1 in acme/deploy: https://github.example/acme/deploy/pull/1',
    ]);
    const calls = github.requests.filter((request) => request.path.startsWith('/repos/acme/deploy/pulls'));
    expect(calls.map((call) => [call.method, call.path, Object.fromEntries(call.query)])).toEqual([
      [
        'GET',
        '/repos/acme/deploy/pulls',
        { head: 'acme:mlci/churn-production', base: 'main', state: 'open' },
      ],
      ['POST', '/repos/acme/deploy/pulls', {}],
      [
        'GET',
        '/repos/acme/deploy/pulls',
        { head: 'acme:mlci/churn-production', base: 'main', state: 'open' },
      ],
      ['PATCH', '/repos/acme/deploy/pulls/1', {}],
    ]);
    expect(calls[1]?.body).toEqual({
      head: 'mlci/churn-production',
      base: 'main',
      title: 'Deploy churn 7 (production, v1.4.0)',
      body: handOff.body,
    });
    expect(new Set(calls.map((call) => call.authorization))).toEqual(new Set([`Bearer ${token}`]));
  });

  test('a pull request from another branch is left alone: a second one is opened', async () => {
    const other = await openChangeRequest(input({ sourceBranch: 'mlci/fraud-production' }), {
      logger: logger(),
    });
    expect(other).toMatchObject({ number: 2, created: true });
  });

  test('a read-only token: exit 2, one line naming MLCI_DEPLOY_TOKEN and the permissions it needs', async () => {
    const error = await failure(openChangeRequest(input({ token: readOnly }), { logger: logger() }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.exitCode).toBe(ExitCode.usage);
    expect(error.message).toBe(
      'cannot open the pull request mlci/churn-production → main in acme/deploy: GitHub refused MLCI_DEPLOY_TOKEN (403 Forbidden): it needs a fine-grained token or GitHub App token with Contents and Pull requests read and write on the deploy repository',
    );
  });

  test('a wrong token is refused the same way (401), and the token is in no error text', async () => {
    const error = await failure(openChangeRequest(input({ token: 'ghp_wrongToken' }), { logger: logger() }));
    expect(error.message).toMatch(/GitHub refused MLCI_DEPLOY_TOKEN \(401 Unauthorized\): it needs /);
    expect(error.message).not.toContain('ghp_wrongToken');
  });

  test('without a token: exit 2 before any request, naming MLCI_DEPLOY_TOKEN', async () => {
    const before = github.requests.length;
    const error = await failure(openChangeRequest({ ...input(), token: undefined }, { logger: logger() }));
    expect(error.message).toBe(
      'cannot open the pull request mlci/churn-production → main in acme/deploy: set MLCI_DEPLOY_TOKEN to a token of the deploy repository (a fine-grained token or GitHub App token with Contents and Pull requests read and write on the deploy repository)',
    );
    expect(github.requests.length).toBe(before);
  });

  test('server errors are tried again; when they last, exit 3 saying how often', async () => {
    github.failNext(1, 502, 'Bad Gateway');
    const passed = await openChangeRequest(input({ sourceBranch: 'mlci/retry' }), {
      logger: logger(),
      retryDelayMs: 1,
    });
    expect(passed).toMatchObject({ created: true });
    github.failNext(3, 503, 'Service Unavailable');
    const error = await failure(
      openChangeRequest(input({ sourceBranch: 'mlci/down' }), { logger: logger(), retryDelayMs: 1 }),
    );
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toBe(
      'cannot open the pull request mlci/down → main in acme/deploy: GitHub answered 503 Service Unavailable (after 3 attempts)',
    );
  });
});

describe('GitLab merge requests, self-hosted', () => {
  const gitlab = new FakeGitLab({
    tokens: { [token]: 'deploy_bot', [readOnly]: 'reporter_bot' },
    readOnlyTokens: [readOnly],
  });
  let url = '';
  beforeAll(async () => {
    url = await gitlab.start();
  });
  afterAll(async () => gitlab.stop());

  // A host whose name says nothing: the API URL (with GitLab's /api/v4) says it is GitLab.
  const input = (extra: Record<string, string> = {}) => ({
    repoUrl: 'git@git.internal:platform/deploy/environments.git',
    apiUrl: `${url}/api/v4`,
    token,
    ...handOff,
    ...extra,
  });

  test('opens one merge request that removes its source branch, then updates it in place', async () => {
    const log = logger();
    expect(await openChangeRequest(input(), { logger: log })).toEqual({
      url: 'https://gitlab.example/platform/deploy/environments/-/merge_requests/1',
      number: 1,
      created: true,
    });
    expect(await openChangeRequest(input({ body: 'churn version 8' }), { logger: log })).toMatchObject({
      number: 1,
      created: false,
    });
    expect(gitlab.mergeRequestsOf('platform/deploy/environments')).toMatchObject([
      {
        iid: 1,
        state: 'opened',
        title: handOff.title,
        description: 'churn version 8',
        source_branch: 'mlci/churn-production',
        target_branch: 'main',
        force_remove_source_branch: true,
      },
    ]);
    expect(log.lines).toEqual([
      'opened merge request !1 in platform/deploy/environments: https://gitlab.example/platform/deploy/environments/-/merge_requests/1',
      'updated merge request !1 in platform/deploy/environments: https://gitlab.example/platform/deploy/environments/-/merge_requests/1',
    ]);
    const calls = gitlab.requests.filter((request) => request.path.includes('/merge_requests'));
    // The project's path, URL-encoded as GitLab wants it in :id.
    expect(calls.map((call) => [call.method, call.path, call.query, call.token])).toEqual([
      [
        'GET',
        '/api/v4/projects/platform%2Fdeploy%2Fenvironments/merge_requests',
        { source_branch: 'mlci/churn-production', target_branch: 'main', state: 'opened' },
        token,
      ],
      ['POST', '/api/v4/projects/platform%2Fdeploy%2Fenvironments/merge_requests', {}, token],
      [
        'GET',
        '/api/v4/projects/platform%2Fdeploy%2Fenvironments/merge_requests',
        { source_branch: 'mlci/churn-production', target_branch: 'main', state: 'opened' },
        token,
      ],
      ['PUT', '/api/v4/projects/platform%2Fdeploy%2Fenvironments/merge_requests/1', {}, token],
    ]);
    expect(calls[1]?.body).toEqual({
      source_branch: 'mlci/churn-production',
      target_branch: 'main',
      title: handOff.title,
      description: handOff.body,
      remove_source_branch: true,
    });
    expect(calls[3]?.body).toEqual({ title: handOff.title, description: 'churn version 8' });
  });

  test('a token without write access: exit 2, naming the scope and role it needs', async () => {
    const error = await failure(
      openChangeRequest(input({ token: readOnly, sourceBranch: 'mlci/other' }), { logger: logger() }),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      'cannot open the merge request mlci/other → main in platform/deploy/environments: GitLab refused MLCI_DEPLOY_TOKEN (403 Forbidden): it needs a project access token of the deploy project with `api` scope and at least the Developer role',
    );
  });

  test('a project the token cannot see: exit 2 naming the project', async () => {
    const error = await failure(
      openChangeRequest(input({ apiUrl: `${url}/gitlab/api/v4` }), { logger: logger() }),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      `cannot open the merge request mlci/churn-production → main in platform/deploy/environments: GitLab found no project platform/deploy/environments at ${url}/gitlab/api/v4 (404), or MLCI_DEPLOY_TOKEN may not see it`,
    );
  });
});

test('an API error that quotes the token has it masked; a redirect is not followed with the token', async () => {
  const seen: { path: string; token: string | undefined }[] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    seen.push({ path, token: request.headers['private-token'] as string | undefined });
    if (request.method === 'GET' && path.startsWith('/api/v4/projects/ops%2Fdeploy/')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end('[]');
    }
    if (path.startsWith('/api/v4/')) {
      response.writeHead(422, { 'content-type': 'application/json' });
      return response.end(JSON.stringify({ message: `token ${token} is not allowed to push to main` }));
    }
    response.writeHead(301, { location: 'http://elsewhere.example/api/v4/projects' });
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const quoted = await failure(
      openChangeRequest(
        { repoUrl: 'https://gitlab.com/ops/deploy.git', apiUrl: `${api}/api/v4`, token, ...handOff },
        { logger: logger() },
      ),
    );
    expect(quoted.message).toBe(
      'cannot open the merge request mlci/churn-production → main in ops/deploy: GitLab answered 422 Unprocessable Entity: token *** is not allowed to push to main',
    );
    const moved = await failure(
      openChangeRequest(
        { repoUrl: 'https://gitlab.com/ops/deploy.git', apiUrl: `${api}/v4`, token, ...handOff },
        { logger: logger() },
      ),
    );
    expect(moved).toBeInstanceOf(InputError);
    expect(moved.message).toBe(
      `cannot open the merge request mlci/churn-production → main in ops/deploy: GitLab answered 301 Moved Permanently at ${api}/v4; give the API URL (https://HOST/api/v4, with any path GitLab is served under)`,
    );
    expect(seen.filter((request) => request.path.startsWith('/v4/'))).toHaveLength(1);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test("GitHub's rate limit (403 with x-ratelimit-remaining: 0) is waited out, not taken for a refused token", async () => {
  let calls = 0;
  const server = createServer((request, response) => {
    calls++;
    if (calls === 1) {
      response.writeHead(403, { 'content-type': 'application/json', 'x-ratelimit-remaining': '0' });
      return response.end(JSON.stringify({ message: 'API rate limit exceeded' }));
    }
    response.writeHead(request.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
    response.end(
      request.method === 'POST'
        ? JSON.stringify({ number: 3, html_url: 'https://github.example/pull/3' })
        : '[]',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const result = await openChangeRequest(
      {
        repoUrl: 'https://github.com/acme/deploy.git',
        apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        token,
        ...handOff,
      },
      { logger: logger(), retryDelayMs: 1 },
    );
    expect(result).toEqual({ url: 'https://github.example/pull/3', number: 3, created: true });
    expect(calls).toBe(3);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
