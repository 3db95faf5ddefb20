import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for the part of GitHub's REST API that PR comments use: list issue comments
 * (paginated with a Link header, as GitHub does), create one, edit one. It records every request so a
 * test can check methods, paths and the token sent.
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
  user: { login: string; type: string };
  created_at: string;
  updated_at: string;
}

export interface FakeGitHubOptions {
  /** Tokens allowed to write; any other token gets 401 on every call. */
  writeTokens?: string[];
  /** Tokens that may read but get GitHub's 403 on every write (a fork PR's GITHUB_TOKEN). */
  readOnlyTokens?: string[];
}

export interface FakeGitHub {
  /** The API root to use as GITHUB_API_URL. */
  url: string;
  requests: RecordedRequest[];
  /** Comments of one issue or PR, oldest first. */
  comments(owner: string, repo: string, number: number): FakeComment[];
  /** Adds comments written by someone else (to fill pages before ours). */
  seed(owner: string, repo: string, number: number, bodies: string[]): void;
  /** The next `count` requests answer this status (a flaky GitHub). */
  failNext(count: number, status: number, message?: string): void;
  close(): Promise<void>;
}

const defaultPerPage = 30;

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const writeTokens = new Set(options.writeTokens ?? ['test-token']);
  const readOnlyTokens = new Set(options.readOnlyTokens ?? []);
  const issues = new Map<string, FakeComment[]>();
  const requests: RecordedRequest[] = [];
  const failures: { status: number; message: string }[] = [];
  let nextId = 1000;
  let url = '';

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
    login: string,
  ): FakeComment => {
    const id = nextId++;
    const now = new Date(Date.UTC(2024, 0, 1, 0, 0, id % 60)).toISOString();
    return {
      id,
      body,
      html_url: `https://github.example/${owner}/${repo}/pull/${number}#issuecomment-${id}`,
      user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
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
    if (method !== 'GET' && readOnlyTokens.has(token)) {
      return send(response, 403, {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
        status: '403',
      });
    }

    const list = target.pathname.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/);
    if (list) {
      const [owner, repo, number] = [list[1] as string, list[2] as string, Number(list[3])];
      const all = commentsOf(owner, repo, number);
      if (method === 'GET') {
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
      }
      if (method === 'POST') {
        const created = newComment(
          owner,
          repo,
          number,
          String((body as { body?: unknown })?.body ?? ''),
          'github-actions[bot]',
        );
        all.push(created);
        return send(response, 201, created);
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
    seed(owner, repo, number, bodies) {
      const all = commentsOf(owner, repo, number);
      for (const body of bodies) all.push(newComment(owner, repo, number, body, 'someone'));
    },
    failNext(count, status, message = 'Server Error') {
      for (let i = 0; i < count; i++) failures.push({ status, message });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
