import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for the calls mlci makes to Bitbucket, as Atlassian documents them (no Bitbucket runs
 * here). One server answers both:
 * - Data Center REST 1.0 under `/rest/api/1.0` (and under a context path, `/bitbucket/rest/api/1.0`): a pull
 *   request's activities, paged with start/limit/isLastPage/nextPageStart, newest first, a `COMMENTED` activity
 *   carrying its comment; create a comment (`POST …/comments {text}`), read one, edit one (`PUT …/comments/{id}
 *   {text, version}`: 409 when the version is not the comment's current one). Every answer to a known token
 *   carries `X-AUSERNAME` and `X-AUSERID`. A comment of 32,768 characters or more is refused with Data Center's
 *   400. A token with read access gets 401 on writes, as Data Center answers.
 * - Cloud API 2.0 under `/2.0`: `GET /user` (401 for an access token, which Bitbucket does not let call it), a
 *   pull request's comments paged with `next` links, create (`POST {content:{raw}}`) and edit (`PUT`). A token
 *   without the pull request write scope gets 403 on writes.
 * Editing someone else's comment is allowed, as it is for a repository admin: a client that edits a comment
 * that is not its own changes it here, so tests see it. Every request is recorded with its Authorization header.
 */

export interface DataCenterUser {
  name: string;
  id: number;
  displayName?: string;
}

export interface CloudAccount {
  uuid: string;
  display_name: string;
  /** `user` for a person (Basic credentials), `app_user` for an access token's account. */
  type: 'user' | 'app_user';
}

export interface FakeToken {
  /** Who the token is: a Data Center user, or a Cloud account. */
  dataCenter?: DataCenterUser;
  cloud?: CloudAccount;
  /** Whether the token may write comments (Data Center REPO_WRITE, Cloud `pullrequest:write`). */
  write: boolean;
}

export interface DataCenterComment {
  id: number;
  version: number;
  text: string;
  author: { name: string; id: number; displayName: string; slug: string; type: 'NORMAL' };
  createdDate: number;
}

export interface CloudComment {
  id: number;
  content: { raw: string; markup: 'markdown' };
  user: CloudAccount;
  deleted: boolean;
  links: { html: { href: string } };
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
}

/** What a hostile or broken server does to the listings (activities, comments). */
export type Hostility =
  /** A Content-Length of 1 GiB, declared and never sent. */
  | 'declares-huge'
  /** A chunked body that does not end until the client stops reading. */
  | 'endless'
  /** Headers, then nothing. */
  | 'stalls'
  /** A Cloud `next` link to another origin, where the token must not go. */
  | 'next-elsewhere';

export interface FakeBitbucketOptions {
  /** Tokens by the string a client sends: a Bearer token, or `user:secret` for Basic. */
  tokens: Record<string, FakeToken>;
  /** The most items Bitbucket returns in one page, whatever the client asks for (default 25). */
  pageSize?: number;
  /** Data Center: leave out X-AUSERNAME and X-AUSERID (a proxy that drops them). */
  withoutUserHeaders?: boolean;
}

/** Data Center's error when a comment was changed since the client read it. */
const staleVersion =
  'You are attempting to modify a comment based on out-of-date information. Refresh the page and try again.';

export class FakeBitbucket {
  readonly requests: RecordedRequest[] = [];
  private readonly server = createServer((request, response) => {
    this.handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ message: String(error) }] }));
    });
  });
  private readonly dataCenterComments = new Map<string, DataCenterComment[]>();
  private readonly cloudComments = new Map<string, CloudComment[]>();
  private readonly failures: number[] = [];
  private nextId = 100;
  private clock = Date.parse('2026-01-01T00:00:00Z');
  hostility: Hostility | undefined;
  /** Data Center: someone edits the comment just before each of the next this many PUTs (its version moves on). */
  concurrentEdits = 0;
  url = '';

  constructor(private readonly options: FakeBitbucketOptions) {}

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `count` requests answer `status` (a flaky Bitbucket). */
  failNext(count: number, status: number): void {
    for (let i = 0; i < count; i++) this.failures.push(status);
  }

  /** Comments on a Data Center pull request (`PROJ/repo#7`), oldest first. */
  dataCenter(pullRequest: string): DataCenterComment[] {
    const list = this.dataCenterComments.get(pullRequest) ?? [];
    this.dataCenterComments.set(pullRequest, list);
    return list;
  }

  /** Comments on a Cloud pull request (`workspace/repo#7`), oldest first. */
  cloud(pullRequest: string): CloudComment[] {
    const list = this.cloudComments.get(pullRequest) ?? [];
    this.cloudComments.set(pullRequest, list);
    return list;
  }

  /** Adds a Data Center comment as `author` (someone else's, or ours from an earlier run). */
  seedDataCenter(pullRequest: string, text: string, author: DataCenterUser): DataCenterComment {
    const comment = this.newDataCenterComment(text, author);
    this.dataCenter(pullRequest).push(comment);
    return comment;
  }

  /** Adds a Cloud comment as `author`. */
  seedCloud(pullRequest: string, text: string, author: CloudAccount): CloudComment {
    const comment = this.newCloudComment(pullRequest, text, author);
    this.cloud(pullRequest).push(comment);
    return comment;
  }

  private newDataCenterComment(text: string, author: DataCenterUser): DataCenterComment {
    this.clock += 60_000;
    return {
      id: this.nextId++,
      version: 0,
      text,
      author: {
        name: author.name,
        id: author.id,
        displayName: author.displayName ?? author.name,
        slug: author.name.toLowerCase(),
        type: 'NORMAL',
      },
      createdDate: this.clock,
    };
  }

  private newCloudComment(pullRequest: string, raw: string, user: CloudAccount): CloudComment {
    const id = this.nextId++;
    const [repository, number] = pullRequest.split('#');
    return {
      id,
      content: { raw, markup: 'markdown' },
      user,
      deleted: false,
      links: { html: { href: `https://bitbucket.org/${repository}/pull-requests/${number}#comment-${id}` } },
    };
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<Answered> {
    const target = new URL(request.url ?? '/', this.url);
    const method = request.method ?? 'GET';
    this.requests.push({ method, path: target.pathname, authorization: request.headers.authorization });
    const failure = this.failures.shift();
    if (failure !== undefined) return json(response, failure, { errors: [{ message: 'try again later' }] });

    const body = await readJson(request);
    const token = this.tokenOf(request.headers.authorization);
    const path = target.pathname.replace(/^\/bitbucket(?=\/rest\/)/, '');

    const dataCenter =
      /^\/rest\/api\/1\.0\/projects\/([^/]+)\/repos\/([^/]+)\/pull-requests\/(\d+)\/(activities|comments)(?:\/(\d+))?$/.exec(
        path,
      );
    if (dataCenter) {
      if (!token?.dataCenter)
        return json(response, 401, {
          errors: [{ message: 'Authentication failed. Please check your credentials and try again.' }],
        });
      if (!this.options.withoutUserHeaders) {
        response.setHeader('x-ausername', token.dataCenter.name);
        response.setHeader('x-auserid', String(token.dataCenter.id));
      }
      const [, project, repo, number, resource, commentId] = dataCenter;
      return this.dataCenterCall(
        response,
        method,
        `${project}/${repo}#${number}`,
        resource as string,
        commentId,
        target,
        body,
        token,
      );
    }

    if (path === '/2.0/user') {
      if (!token?.cloud)
        return json(response, 401, cloudError('Token is invalid or not supported for this endpoint.'));
      if (token.cloud.type === 'app_user')
        return json(response, 401, cloudError('Token is invalid or not supported for this endpoint.'));
      return json(response, 200, { ...token.cloud, account_id: `557058:${token.cloud.uuid}` });
    }
    const cloud = /^\/2\.0\/repositories\/([^/]+)\/([^/]+)\/pullrequests\/(\d+)\/comments(?:\/(\d+))?$/.exec(
      path,
    );
    if (cloud) {
      if (!token?.cloud)
        return json(response, 401, cloudError('Token is invalid, expired, or not supported.'));
      const [, workspace, repo, number, commentId] = cloud;
      return this.cloudCall(
        response,
        method,
        `${workspace}/${repo}#${number}`,
        commentId,
        target,
        body,
        token,
      );
    }
    return json(response, 404, { errors: [{ message: `no such resource: ${path}` }] });
  }

  private dataCenterCall(
    response: ServerResponse,
    method: string,
    pullRequest: string,
    resource: string,
    commentId: string | undefined,
    target: URL,
    body: unknown,
    token: FakeToken,
  ): Answered {
    const comments = this.dataCenter(pullRequest);
    const user = token.dataCenter as DataCenterUser;
    if (resource === 'activities' && method === 'GET') {
      if (this.hostility) return hostile(response, this.hostility);
      // Newest first, the pull request's opening last, as Data Center lists them.
      const activities: unknown[] = comments
        .map((comment) => ({
          id: comment.id * 10,
          createdDate: comment.createdDate,
          user: comment.author,
          action: 'COMMENTED',
          commentAction: 'ADDED',
          comment,
        }))
        .reverse();
      activities.push({ id: 1, createdDate: 0, action: 'OPENED' });
      return json(response, 200, this.page(activities, target));
    }
    if (resource !== 'comments') return json(response, 405, { errors: [{ message: 'method not allowed' }] });
    if (commentId === undefined) {
      if (method !== 'POST') return json(response, 405, { errors: [{ message: 'method not allowed' }] });
      if (!token.write) return json(response, 401, { errors: [{ message: notPermitted }] });
      const text = (body as { text?: unknown } | undefined)?.text;
      if (typeof text !== 'string' || text.length === 0 || text.length >= 32768)
        return json(response, 400, {
          errors: [{ context: 'text', message: 'Please enter a non-empty value less than 32768 characters' }],
        });
      const comment = this.newDataCenterComment(text, user);
      comments.push(comment);
      return json(response, 201, comment);
    }
    const comment = comments.find((c) => c.id === Number(commentId));
    if (!comment)
      return json(response, 404, { errors: [{ message: `Comment ${commentId} does not exist.` }] });
    if (method === 'GET') return json(response, 200, comment);
    if (method !== 'PUT') return json(response, 405, { errors: [{ message: 'method not allowed' }] });
    if (!token.write) return json(response, 401, { errors: [{ message: notPermitted }] });
    const edit = body as { text?: unknown; version?: unknown } | undefined;
    if (this.concurrentEdits > 0) {
      this.concurrentEdits--;
      comment.version++;
    }
    if (edit?.version !== comment.version)
      return json(response, 409, { errors: [{ message: staleVersion }] });
    if (typeof edit.text !== 'string' || edit.text.length === 0 || edit.text.length >= 32768)
      return json(response, 400, {
        errors: [{ context: 'text', message: 'Please enter a non-empty value less than 32768 characters' }],
      });
    comment.text = edit.text;
    comment.version++;
    return json(response, 200, comment);
  }

  private cloudCall(
    response: ServerResponse,
    method: string,
    pullRequest: string,
    commentId: string | undefined,
    target: URL,
    body: unknown,
    token: FakeToken,
  ): Answered {
    const comments = this.cloud(pullRequest);
    if (commentId === undefined && method === 'GET') {
      if (this.hostility && this.hostility !== 'next-elsewhere') return hostile(response, this.hostility);
      const pagelen = Math.min(Number(target.searchParams.get('pagelen') ?? 10), this.options.pageSize ?? 25);
      const page = Number(target.searchParams.get('page') ?? 1);
      const values = comments.slice((page - 1) * pagelen, page * pagelen);
      const more = page * pagelen < comments.length;
      const next = new URL(target.toString());
      next.searchParams.set('page', String(page + 1));
      if (this.hostility === 'next-elsewhere') next.host = 'localhost:1';
      return json(response, 200, {
        pagelen,
        page,
        size: comments.length,
        values,
        ...(more || this.hostility === 'next-elsewhere' ? { next: next.toString() } : {}),
      });
    }
    const raw = (body as { content?: { raw?: unknown } } | undefined)?.content?.raw;
    if (commentId === undefined) {
      if (method !== 'POST') return json(response, 405, cloudError('method not allowed'));
      if (!token.write) return json(response, 403, scopeError);
      if (typeof raw !== 'string') return json(response, 400, cloudError('content.raw: required'));
      const comment = this.newCloudComment(pullRequest, raw, token.cloud as CloudAccount);
      comments.push(comment);
      return json(response, 201, comment);
    }
    const comment = comments.find((c) => c.id === Number(commentId));
    if (!comment) return json(response, 404, cloudError('No such comment'));
    if (method === 'GET') return json(response, 200, comment);
    if (method !== 'PUT') return json(response, 405, cloudError('method not allowed'));
    if (!token.write) return json(response, 403, scopeError);
    if (typeof raw !== 'string') return json(response, 400, cloudError('content.raw: required'));
    comment.content.raw = raw;
    return json(response, 200, comment);
  }

  /** A Data Center page of `values` from `start`, at most `limit` (and the server's own page size). */
  private page(values: unknown[], target: URL): unknown {
    const start = Number(target.searchParams.get('start') ?? 0);
    const limit = Math.min(Number(target.searchParams.get('limit') ?? 25), this.options.pageSize ?? 25);
    const slice = values.slice(start, start + limit);
    const isLastPage = start + limit >= values.length;
    return {
      size: slice.length,
      limit,
      start,
      isLastPage,
      values: slice,
      ...(isLastPage ? {} : { nextPageStart: start + limit }),
    };
  }

  private tokenOf(authorization: string | undefined): FakeToken | undefined {
    if (authorization?.startsWith('Bearer ')) return this.options.tokens[authorization.slice(7)];
    if (authorization?.startsWith('Basic '))
      return this.options.tokens[Buffer.from(authorization.slice(6), 'base64').toString('utf8')];
    return undefined;
  }
}

const notPermitted = 'You are not permitted to access this resource';

const scopeError = {
  type: 'error',
  error: {
    message: 'Your credentials lack one or more required privilege scopes.',
    detail: { granted: ['pullrequest'], required: ['pullrequest:write'] },
  },
};

function cloudError(message: string): unknown {
  return { type: 'error', error: { message } };
}

/** What a handler returns once it has answered (every path answers). */
type Answered = true;

function json(response: ServerResponse, status: number, value: unknown): Answered {
  const text = JSON.stringify(value);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
  return true;
}

function hostile(response: ServerResponse, hostility: Hostility): Answered {
  if (hostility === 'declares-huge') {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 ** 30) });
    response.write('{"values":[');
    return true;
  }
  response.writeHead(200, { 'content-type': 'application/json' });
  if (hostility === 'stalls') return true;
  // 1 MiB a chunk while the client reads: past any limit a client should have, unless it stops.
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  response.write('{"values":[');
  let written = 0;
  const more = () => {
    while (written < 256 && !response.destroyed) {
      written++;
      if (!response.write(chunk)) return void response.once('drain', more);
    }
    response.end();
  };
  response.on('close', () => {
    written = Number.POSITIVE_INFINITY;
  });
  more();
  return true;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}
