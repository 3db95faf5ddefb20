import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for the parts of GitHub's REST API that mlci uses. PR comments: list issue comments
 * (paginated with a Link header, as GitHub does), create one, edit one. Actions artifacts: list them by
 * name, read a run's conclusion, download one (a 302 to a storage server on another origin). It records every
 * request so a test can check methods, paths and the token sent. `GET /user`: the token's user when `users` names
 * one, else GitHub's 403 for an installation token (GITHUB_TOKEN), whose comments are `github-actions[bot]`'s.
 * Issues (alerts): list a repository's issues (`creator` and `state` filters, newest first, paginated), open one,
 * edit one (title, body, state); their comments are the PR comments' endpoints, as on GitHub.
 * Pull requests (the deploy hand-off's): list them by head, base and state, open one (422 when one is already open
 * for that head and base), edit one's title and body.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: unknown;
}

export interface FakeComment {
  id: number;
  body: string;
  html_url: string;
  user: { login: string; id: number; type: string };
  created_at: string;
  updated_at: string;
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason: 'completed' | 'reopened' | 'not_planned' | null;
  html_url: string;
  user: { login: string; id: number; type: string };
  created_at: string;
  updated_at: string;
}

/** A workflow run's artifact, as `GET /repos/{owner}/{repo}/actions/artifacts` lists it, with its zip. */
export interface FakeArtifact {
  owner: string;
  repo: string;
  name: string;
  /** The zip archive the download answers with (after a redirect to the storage server). */
  archive: Buffer;
  /** workflow_run.head_branch. */
  branch: string;
  /** The run's conclusion, as `GET /repos/{owner}/{repo}/actions/runs/{id}` reports it. */
  conclusion?: 'success' | 'failure' | null;
  /** workflow_run.repository_id and head_repository_id: they differ for a fork's pull request. */
  repositoryId?: number;
  headRepositoryId?: number;
  createdAt: string;
  expired?: boolean;
}

/** A pull request as GitHub's pulls API returns it (the fields mlci reads, and what it sent). */
export interface FakePull {
  number: number;
  html_url: string;
  state: 'open' | 'closed';
  title: string;
  body: string;
  head: { ref: string; label: string };
  base: { ref: string };
}

export interface FakeGitHubOptions {
  /** Tokens allowed to write; any other token gets 401 on every call. */
  writeTokens?: string[];
  /** Tokens that may read but get GitHub's 403 on every write (a fork PR's GITHUB_TOKEN). */
  readOnlyTokens?: string[];
  /** Tokens of a user (a personal access token): GET /user answers this user, who writes their comments. */
  users?: Record<string, { login: string; id: number }>;
}

/** The user GITHUB_TOKEN's comments are written by. */
export const githubActionsBot = { login: 'github-actions[bot]', id: 41898282 };

export interface FakeGitHub {
  /** The API root to use as GITHUB_API_URL. */
  url: string;
  requests: RecordedRequest[];
  /** Comments of one issue or PR, oldest first. */
  comments(owner: string, repo: string, number: number): FakeComment[];
  /** Adds comments written by someone else (`someone` unless named: to fill pages before ours, or to attack). */
  seed(
    owner: string,
    repo: string,
    number: number,
    bodies: string[],
    author?: { login: string; id: number },
  ): void;
  /** Issues of a repository, oldest first. */
  issues(owner: string, repo: string): FakeIssue[];
  /** Opens an issue as someone (`someone` unless named): another user's, or ours from earlier runs. */
  seedIssue(
    owner: string,
    repo: string,
    issue: { title: string; body: string; state?: 'open' | 'closed' },
    author?: { login: string; id: number },
  ): FakeIssue;
  /** Pull requests of one repository, in the order they were opened. */
  pulls(owner: string, repo: string): FakePull[];
  /** Adds a workflow run with one artifact; returns the artifact's and the run's ids. */
  addArtifact(artifact: FakeArtifact): { id: number; runId: number };
  /** The next `count` requests answer this status (a flaky GitHub). */
  failNext(count: number, status: number, message?: string): void;
  close(): Promise<void>;
}

const defaultPerPage = 30;

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const writeTokens = new Set(options.writeTokens ?? ['test-token']);
  const readOnlyTokens = new Set(options.readOnlyTokens ?? []);
  const users = options.users ?? {};
  const issues = new Map<string, FakeComment[]>();
  const requests: RecordedRequest[] = [];
  const failures: { status: number; message: string }[] = [];
  let nextId = 1000;
  let url = '';
  const artifacts: (FakeArtifact & { id: number; runId: number })[] = [];
  const pullRequests = new Map<string, FakePull[]>();
  const pullsOf = (owner: string, repo: string) => {
    const key = `${owner}/${repo}`;
    const list = pullRequests.get(key) ?? [];
    pullRequests.set(key, list);
    return list;
  };
  // Artifact downloads redirect to blob storage on another origin, as GitHub's do; it refuses an
  // Authorization header (the signed URL is the credential), so a client that forwards the token fails.
  const storage = createServer((request, response) => {
    const target = new URL(request.url ?? '/', 'http://storage');
    requests.push({
      method: request.method ?? 'GET',
      path: `storage:${target.pathname}`,
      query: target.searchParams,
      authorization: request.headers.authorization,
      body: undefined,
    });
    const id = Number(/^\/artifacts\/(\d+)\.zip$/.exec(target.pathname)?.[1]);
    const found = artifacts.find((a) => a.id === id);
    if (request.headers.authorization) {
      response.writeHead(400, { 'content-type': 'application/xml' });
      return response.end('<Error><Code>InvalidAuthenticationInfo</Code></Error>');
    }
    if (!found || target.searchParams.get('sig') !== `signed-${id}`) {
      response.writeHead(403, { 'content-type': 'application/xml' });
      return response.end('<Error><Code>AuthenticationFailed</Code></Error>');
    }
    response.writeHead(200, { 'content-type': 'application/zip', 'content-length': found.archive.length });
    response.end(found.archive);
  });
  await new Promise<void>((resolve) => storage.listen(0, '127.0.0.1', resolve));
  const storageUrl = `http://127.0.0.1:${(storage.address() as AddressInfo).port}`;
  const artifactJson = (a: FakeArtifact & { id: number; runId: number }) => ({
    id: a.id,
    node_id: `MDg6QXJ0aWZhY3Q${a.id}`,
    name: a.name,
    size_in_bytes: a.archive.length,
    url: `${url}/repos/${a.owner}/${a.repo}/actions/artifacts/${a.id}`,
    archive_download_url: `${url}/repos/${a.owner}/${a.repo}/actions/artifacts/${a.id}/zip`,
    expired: a.expired ?? false,
    created_at: a.createdAt,
    updated_at: a.createdAt,
    expires_at: new Date(Date.parse(a.createdAt) + 90 * 86_400_000).toISOString(),
    workflow_run: {
      id: a.runId,
      repository_id: a.repositoryId ?? 4711,
      head_repository_id: a.headRepositoryId ?? a.repositoryId ?? 4711,
      head_branch: a.branch,
      head_sha: '009b8a3a9ccbb128af87f9b1c0f4c62e8a304f6d',
    },
  });

  const repositoryIssues = new Map<string, FakeIssue[]>();
  const issuesOf = (owner: string, repo: string) => {
    const key = `${owner}/${repo}`;
    let list = repositoryIssues.get(key);
    if (!list) {
      list = [];
      repositoryIssues.set(key, list);
    }
    return list;
  };
  let issueClock = 0;
  const newIssue = (
    owner: string,
    repo: string,
    fields: { title: string; body: string; state?: 'open' | 'closed' },
    author: { login: string; id: number },
  ): FakeIssue => {
    const list = issuesOf(owner, repo);
    // Issue and PR numbers share a sequence; 100 on keeps them clear of the PR numbers tests use.
    const number = 100 + list.length;
    const now = new Date(Date.UTC(2024, 1, 1, 0, 0, issueClock++)).toISOString();
    const issue: FakeIssue = {
      number,
      title: fields.title,
      body: fields.body,
      state: fields.state ?? 'open',
      state_reason: fields.state === 'closed' ? 'completed' : null,
      html_url: `https://github.example/${owner}/${repo}/issues/${number}`,
      user: { ...author, type: author.login.endsWith('[bot]') ? 'Bot' : 'User' },
      created_at: now,
      updated_at: now,
    };
    list.push(issue);
    return issue;
  };
  /** One page of `all` as GitHub answers it: per_page (30 by default, at most 100) and a Link header. */
  const sendPage = (response: ServerResponse, target: URL, all: unknown[]) => {
    const perPage = Math.min(Number(target.searchParams.get('per_page') ?? defaultPerPage), 100);
    const page = Number(target.searchParams.get('page') ?? 1);
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const pageUrl = (n: number) => {
      const link = new URL(target);
      link.searchParams.set('per_page', String(perPage));
      link.searchParams.set('page', String(n));
      return link.toString();
    };
    const links = [];
    if (page < last) links.push(`<${pageUrl(page + 1)}>; rel="next"`, `<${pageUrl(last)}>; rel="last"`);
    if (page > 1) links.push(`<${pageUrl(1)}>; rel="first"`, `<${pageUrl(page - 1)}>; rel="prev"`);
    const headers: Record<string, string> = links.length > 0 ? { link: links.join(', ') } : {};
    return send(response, 200, all.slice((page - 1) * perPage, page * perPage), headers);
  };

  const commentsOf = (owner: string, repo: string, number: number) => {
    const key = `${owner}/${repo}#${number}`;
    let list = issues.get(key);
    if (!list) {
      list = [];
      issues.set(key, list);
    }
    return list;
  };
  const newComment = (
    owner: string,
    repo: string,
    number: number,
    body: string,
    author: { login: string; id: number },
  ): FakeComment => {
    const id = nextId++;
    const now = new Date(Date.UTC(2024, 0, 1, 0, 0, id % 60)).toISOString();
    return {
      id,
      body,
      html_url: `https://github.example/${owner}/${repo}/pull/${number}#issuecomment-${id}`,
      user: { ...author, type: author.login.endsWith('[bot]') ? 'Bot' : 'User' },
      created_at: now,
      updated_at: now,
    };
  };

  const send = (
    response: ServerResponse,
    status: number,
    value: unknown,
    headers: Record<string, string> = {},
  ) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    response.end(JSON.stringify(value));
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const target = new URL(request.url ?? '/', url);
    // GitHub Enterprise Server answers the same API under /api/v3 (a client given https://HOST/api/v3).
    target.pathname = target.pathname.replace(/^\/api\/v3(?=\/)/, '');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text === '' ? undefined : (JSON.parse(text) as unknown);
    const authorization = request.headers.authorization;
    const method = request.method ?? 'GET';
    requests.push({ method, path: target.pathname, query: target.searchParams, authorization, body });

    const failure = failures.shift();
    if (failure) return send(response, failure.status, { message: failure.message });
    const token = authorization?.replace(/^(token|bearer)\s+/i, '') ?? '';
    if (!writeTokens.has(token) && !readOnlyTokens.has(token)) {
      return send(response, 401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
      });
    }
    if (target.pathname === '/user' && method === 'GET') {
      const user = users[token];
      if (user) return send(response, 200, { ...user, type: 'User' });
      // An installation token (GITHUB_TOKEN, a GitHub App's) is no user: GitHub refuses GET /user.
      return send(response, 403, {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
        status: '403',
      });
    }
    if (method !== 'GET' && readOnlyTokens.has(token)) {
      return send(response, 403, {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
        status: '403',
      });
    }

    if (method === 'GET') {
      const listed = target.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/actions\/artifacts$/);
      if (listed) {
        const name = target.searchParams.get('name');
        const all = artifacts
          .filter((a) => a.owner === listed[1] && a.repo === listed[2] && (name === null || a.name === name))
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
        const perPage = Math.min(Number(target.searchParams.get('per_page') ?? defaultPerPage), 100);
        const page = Number(target.searchParams.get('page') ?? 1);
        const items = all.slice((page - 1) * perPage, page * perPage).map(artifactJson);
        return send(response, 200, { total_count: all.length, artifacts: items });
      }
      const run = target.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)$/);
      const ofRun = artifacts.find((a) => run && a.runId === Number(run[3]) && a.owner === run[1]);
      if (run && ofRun)
        return send(response, 200, {
          id: ofRun.runId,
          head_branch: ofRun.branch,
          status: ofRun.conclusion === null ? 'in_progress' : 'completed',
          conclusion: ofRun.conclusion === undefined ? 'success' : ofRun.conclusion,
        });
      const zip = target.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/actions\/artifacts\/(\d+)\/zip$/);
      const download = artifacts.find((a) => zip && a.id === Number(zip[3]) && a.owner === zip[1]);
      if (zip && download) {
        if (download.expired) return send(response, 410, { message: 'Artifact has expired' });
        response.writeHead(302, {
          location: `${storageUrl}/artifacts/${download.id}.zip?sig=signed-${download.id}`,
        });
        return response.end();
      }
    }
    const pulls = target.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/pulls(?:\/(\d+))?$/);
    if (pulls) {
      const [owner, repo] = [pulls[1] as string, pulls[2] as string];
      const all = pullsOf(owner, repo);
      const given = (body ?? {}) as { head?: unknown; base?: unknown; title?: unknown; body?: unknown };
      if (method === 'GET' && pulls[3] === undefined) {
        // `head` is `owner:branch`; `state` open by default, as GitHub's.
        const { head, base } = Object.fromEntries(target.searchParams) as { head?: string; base?: string };
        const state = target.searchParams.get('state') ?? 'open';
        return send(
          response,
          200,
          all.filter(
            (pull) =>
              (state === 'all' || pull.state === state) &&
              (head === undefined || pull.head.label === head) &&
              (base === undefined || pull.base.ref === base),
          ),
        );
      }
      if (method === 'POST' && pulls[3] === undefined) {
        if (
          typeof given.head !== 'string' ||
          typeof given.base !== 'string' ||
          typeof given.title !== 'string'
        )
          return send(response, 422, { message: 'Validation Failed', errors: [{ code: 'missing_field' }] });
        const label = `${owner}:${given.head}`;
        if (
          all.some(
            (pull) => pull.state === 'open' && pull.head.label === label && pull.base.ref === given.base,
          )
        )
          return send(response, 422, {
            message: 'Validation Failed',
            errors: [
              {
                resource: 'PullRequest',
                code: 'custom',
                message: `A pull request already exists for ${label}.`,
              },
            ],
          });
        const number = all.length + 1;
        const pull: FakePull = {
          number,
          html_url: `https://github.example/${owner}/${repo}/pull/${number}`,
          state: 'open',
          title: given.title,
          body: typeof given.body === 'string' ? given.body : '',
          head: { ref: given.head, label },
          base: { ref: given.base },
        };
        all.push(pull);
        return send(response, 201, pull);
      }
      const pull = all.find((candidate) => candidate.number === Number(pulls[3]));
      if (method === 'PATCH' && pull) {
        if (typeof given.title === 'string') pull.title = given.title;
        if (typeof given.body === 'string') pull.body = given.body;
        return send(response, 200, pull);
      }
    }
    const list = target.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/);
    if (list) {
      const [owner, repo, number] = [list[1] as string, list[2] as string, Number(list[3])];
      const all = commentsOf(owner, repo, number);
      if (method === 'GET') return sendPage(response, target, all);
      if (method === 'POST') {
        const created = newComment(
          owner,
          repo,
          number,
          String((body as { body?: unknown })?.body ?? ''),
          users[token] ?? githubActionsBot,
        );
        all.push(created);
        return send(response, 201, created);
      }
    }
    const issueList = target.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues$/);
    if (issueList) {
      const [owner, repo] = [issueList[1] as string, issueList[2] as string];
      if (method === 'GET') {
        const creator = target.searchParams.get('creator');
        const state = target.searchParams.get('state') ?? 'open';
        const newestFirst = target.searchParams.get('direction') !== 'asc';
        const listed = issuesOf(owner, repo).filter(
          (issue) =>
            (creator === null || issue.user.login === creator) && (state === 'all' || issue.state === state),
        );
        return sendPage(response, target, newestFirst ? [...listed].reverse() : listed);
      }
      if (method === 'POST') {
        const fields = body as { title?: unknown; body?: unknown };
        if (typeof fields?.title !== 'string' || fields.title === '')
          return send(response, 422, {
            message: 'Validation Failed',
            errors: [{ field: 'title', code: 'missing_field' }],
          });
        const created = newIssue(
          owner,
          repo,
          { title: fields.title, body: String(fields.body ?? '') },
          users[token] ?? githubActionsBot,
        );
        return send(response, 201, created);
      }
    }
    const issueEdit = target.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/);
    if (issueEdit && method === 'PATCH') {
      const issue = issuesOf(issueEdit[1] as string, issueEdit[2] as string).find(
        (candidate) => candidate.number === Number(issueEdit[3]),
      );
      if (issue) {
        const fields = body as { title?: unknown; body?: unknown; state?: unknown; state_reason?: unknown };
        if (typeof fields.title === 'string') issue.title = fields.title;
        if (typeof fields.body === 'string') issue.body = fields.body;
        if (fields.state === 'open' || fields.state === 'closed') {
          if (fields.state === 'open' && issue.state === 'closed') issue.state_reason = 'reopened';
          if (fields.state === 'closed')
            issue.state_reason = fields.state_reason === 'not_planned' ? 'not_planned' : 'completed';
          issue.state = fields.state;
        }
        issue.updated_at = new Date(Date.UTC(2024, 1, 2, 0, 0, issueClock++)).toISOString();
        return send(response, 200, issue);
      }
    }
    const edit = target.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/);
    if (edit && method === 'PATCH') {
      const id = Number(edit[3]);
      for (const [key, all] of issues) {
        const comment = all.find((c) => c.id === id);
        if (comment && key.startsWith(`${edit[1]}/${edit[2]}#`)) {
          comment.body = String((body as { body?: unknown })?.body ?? '');
          comment.updated_at = new Date(Date.UTC(2024, 0, 2)).toISOString();
          return send(response, 200, comment);
        }
      }
    }
    return send(response, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => send(response, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    comments: commentsOf,
    pulls: pullsOf,
    seed(owner, repo, number, bodies, author = { login: 'someone', id: 17 }) {
      const all = commentsOf(owner, repo, number);
      for (const body of bodies) all.push(newComment(owner, repo, number, body, author));
    },
    issues: issuesOf,
    seedIssue(owner, repo, issue, author = { login: 'someone', id: 17 }) {
      return newIssue(owner, repo, issue, author);
    },
    addArtifact(artifact) {
      const added = { ...artifact, id: nextId++, runId: nextId++ };
      artifacts.push(added);
      return { id: added.id, runId: added.runId };
    },
    failNext(count, status, message = 'Server Error') {
      for (let i = 0; i < count; i++) failures.push({ status, message });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        storage.closeAllConnections();
        storage.close();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
