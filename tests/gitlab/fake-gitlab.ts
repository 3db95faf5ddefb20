import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for the part of GitLab's REST API that mlci uses for merge request notes:
 * GET (paginated like GitLab: x-* headers and a Link header), POST and PUT of
 * `/api/v4/projects/:id/merge_requests/:iid/notes`; `GET /api/v4/user` (who a token is: notes are only edited by
 * their author); the download of a branch's latest job artifacts; and a project's issues (alerts): list them
 * (`author_id` and `state` filters, paginated), open one, edit one (title, description, `state_event`), and add a
 * note to one. Merge requests (the deploy hand-off's): list them by source and target branch and state, open
 * one (409 when one is already open for that source branch), edit one's title and description.
 * Every request is recorded.
 */

export interface FakeNote {
  id: number;
  body: string;
  system: boolean;
  author: { id: number; username: string };
  created_at: string;
  updated_at: string;
  noteable_type: 'MergeRequest' | 'Issue';
  noteable_iid: number;
}

export interface FakeIssue {
  id: number;
  iid: number;
  project_id: string;
  title: string;
  description: string;
  state: 'opened' | 'closed';
  author: { id: number; username: string };
  web_url: string;
  created_at: string;
  updated_at: string;
  /** Notes on the issue, oldest first (not part of GitLab's issue JSON: read by tests). */
  notes: FakeNote[];
}

/** A merge request as GitLab's API returns it (the fields mlci reads, and what it sent). */
export interface FakeMergeRequest {
  iid: number;
  web_url: string;
  state: 'opened' | 'closed' | 'merged';
  title: string;
  description: string;
  source_branch: string;
  target_branch: string;
  force_remove_source_branch: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  token: string | undefined;
  /** The JOB-TOKEN header, sent instead of PRIVATE-TOKEN by CI_JOB_TOKEN clients. */
  jobToken?: string | undefined;
  body: unknown;
  status: number;
}

export interface FakeGitLabOptions {
  /** Accepted PRIVATE-TOKEN values and the user each belongs to. Others get 401. */
  tokens: Record<string, string>;
  /** Tokens that authenticate but may not write notes (a token without `api` scope): 403. */
  readOnlyTokens?: string[];
  /** Accepted JOB-TOKEN values (CI_JOB_TOKEN): they may download job artifacts, nothing else. */
  jobTokens?: string[];
  /** PRIVATE-TOKEN values that authenticate but may not read job artifacts: 403. */
  noArtifactTokens?: string[];
  /** PRIVATE-TOKEN values that GitLab will not say the user of (no `read_user` scope): `GET /user` is 403. */
  noUserTokens?: string[];
}

const mergeRequestsPath = /^\/api\/v4\/projects\/([^/]+)\/merge_requests(?:\/(\d+))?$/;
const notesPath = /^\/api\/v4\/projects\/([^/]+)\/merge_requests\/(\d+)\/notes(?:\/(\d+))?$/;
const issuesPath = /^\/api\/v4\/projects\/([^/]+)\/issues(?:\/(\d+)(\/notes)?)?$/;
const artifactsPath = /^\/api\/v4\/projects\/([^/]+)\/jobs\/artifacts\/([^/]+)\/download$/;

export class FakeGitLab {
  readonly requests: RecordedRequest[] = [];
  private readonly mergeRequests = new Map<string, FakeMergeRequest[]>();
  private readonly server: Server;
  private readonly notes = new Map<string, FakeNote[]>();
  private readonly issues: FakeIssue[] = [];
  private readonly failures: number[] = [];
  /** Job artifacts of the latest successful pipeline, by `project ref job`. */
  private readonly artifacts = new Map<string, Buffer>();
  private nextId = 1000;
  private clock = Date.parse('2024-05-01T10:00:00Z');
  private readonly options: FakeGitLabOptions;

  constructor(options: FakeGitLabOptions) {
    this.options = options;
    this.server = createServer((request, response) => {
      void this.handle(request, response);
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this.url;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The notes of one MR, oldest first. `project` is the ID or the decoded `group/project` path. */
  notesOf(project: string, mrIid: number): FakeNote[] {
    return this.notes.get(`${project}!${mrIid}`) ?? [];
  }

  addNote(project: string, mrIid: number, body: string, username: string, system = false): FakeNote {
    const note: FakeNote = {
      id: this.nextId++,
      body,
      system,
      author: { id: this.userId(username), username },
      created_at: this.tick(),
      updated_at: this.tick(),
      noteable_type: 'MergeRequest',
      noteable_iid: mrIid,
    };
    const key = `${project}!${mrIid}`;
    this.notes.set(key, [...(this.notes.get(key) ?? []), note]);
    return note;
  }

  /** The merge requests of a project (its decoded `group/project` path), in the order they were opened. */
  mergeRequestsOf(project: string): FakeMergeRequest[] {
    const list = this.mergeRequests.get(project) ?? [];
    this.mergeRequests.set(project, list);
    return list;
  }

  /** A project's issues, oldest first. */
  issuesOf(project: string): FakeIssue[] {
    return this.issues.filter((issue) => issue.project_id === project);
  }

  /** Opens an issue as `username` (a user of `tokens`, or anyone else). */
  addIssue(
    project: string,
    fields: { title: string; description: string; state?: 'opened' | 'closed' },
    username: string,
  ): FakeIssue {
    const iid = this.issuesOf(project).length + 1;
    const now = this.tick();
    const issue: FakeIssue = {
      id: this.nextId++,
      iid,
      project_id: project,
      title: fields.title,
      description: fields.description,
      state: fields.state ?? 'opened',
      author: { id: this.userId(username), username },
      web_url: `https://gitlab.example.com/${project}/-/issues/${iid}`,
      created_at: now,
      updated_at: now,
      notes: [],
    };
    this.issues.push(issue);
    return issue;
  }

  /** The artifacts archive of `job` in the latest successful pipeline of `ref` (a branch or tag). */
  setJobArtifacts(project: string, ref: string, job: string, archive: Buffer): void {
    this.artifacts.set(`${project} ${ref} ${job}`, archive);
  }

  /** The next requests answer with these statuses instead of being served, one each. */
  failNext(...statuses: number[]): void {
    this.failures.push(...statuses);
  }

  /** Users of `tokens` are 1, 2, …; anyone else gets an id of their own from 1000 on. */
  private userId(username: string): number {
    const known = Object.values(this.options.tokens).indexOf(username);
    if (known >= 0) return known + 1;
    let id = this.strangers.get(username);
    if (id === undefined) {
      id = 1000 + this.strangers.size;
      this.strangers.set(username, id);
    }
    return id;
  }
  private readonly strangers = new Map<string, number>();

  private tick(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const text = await readBody(request);
    const token = headerValue(request.headers['private-token']);
    let body: unknown = text;
    if (text && (request.headers['content-type'] ?? '').includes('json')) body = JSON.parse(text);
    else if (text) body = Object.fromEntries(new URLSearchParams(text));
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      token,
      body,
      status: 0,
    };
    this.requests.push(recorded);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      recorded.status = status;
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(payload));
    };

    const failure = this.failures.shift();
    if (failure !== undefined) return send(failure, { message: `${failure} injected failure` });
    const download = artifactsPath.exec(url.pathname);
    if (download && request.method === 'GET')
      return this.sendArtifacts(request, response, url, download, recorded);
    const username = token === undefined ? undefined : this.options.tokens[token];
    if (username === undefined) return send(401, { message: '401 Unauthorized' });
    if (url.pathname === '/api/v4/user' && request.method === 'GET') {
      if (this.options.noUserTokens?.includes(token ?? '')) return send(403, { message: '403 Forbidden' });
      return send(200, { id: this.userId(username), username, bot: username.endsWith('_bot') });
    }
    const mergeRequest = mergeRequestsPath.exec(url.pathname);
    if (mergeRequest)
      return this.handleMergeRequests(request.method ?? 'GET', url, mergeRequest, body, token, send);
    const issuePath = issuesPath.exec(url.pathname);
    if (issuePath)
      return this.handleIssues(request.method ?? 'GET', url, issuePath, body, token ?? '', username, send);
    const match = notesPath.exec(url.pathname);
    if (!match) return send(404, { message: '404 Not Found' });
    const project = decodeURIComponent(match[1] ?? '');
    const mrIid = Number(match[2]);
    const noteId = match[3] === undefined ? undefined : Number(match[3]);
    const key = `${project}!${mrIid}`;
    const notes = this.notes.get(key) ?? [];

    if (request.method === 'GET' && noteId === undefined) return this.sendPage(url, notes, send);
    if (this.options.readOnlyTokens?.includes(token ?? '')) return send(403, { message: '403 Forbidden' });
    const noteBody = (body as { body?: unknown } | undefined)?.body;
    if (request.method === 'POST' && noteId === undefined) {
      if (typeof noteBody !== 'string' || noteBody === '') return send(400, { message: 'body is missing' });
      if (noteBody.length > 1_000_000)
        return send(400, { message: { note: ['is too long (maximum is 1000000 characters)'] } });
      return send(201, this.addNote(project, mrIid, noteBody, username));
    }
    if (request.method === 'PUT' && noteId !== undefined) {
      const note = notes.find((candidate) => candidate.id === noteId);
      if (!note) return send(404, { message: '404 Note Not Found' });
      if (note.author.username !== username) return send(403, { message: '403 Forbidden' });
      if (typeof noteBody !== 'string') return send(400, { message: 'body is missing' });
      note.body = noteBody;
      note.updated_at = this.tick();
      return send(200, note);
    }
    return send(405, { message: '405 Method Not Allowed' });
  }

  private handleMergeRequests(
    method: string,
    url: URL,
    match: RegExpExecArray,
    body: unknown,
    token: string | undefined,
    send: (status: number, payload: unknown) => void,
  ) {
    const project = decodeURIComponent(match[1] ?? '');
    const all = this.mergeRequestsOf(project);
    const given = (body ?? {}) as Record<string, unknown>;
    if (method === 'GET' && match[2] === undefined) {
      const query = Object.fromEntries(url.searchParams);
      return send(
        200,
        all.filter(
          (mr) =>
            (query.state === undefined || query.state === 'all' || mr.state === query.state) &&
            (query.source_branch === undefined || mr.source_branch === query.source_branch) &&
            (query.target_branch === undefined || mr.target_branch === query.target_branch),
        ),
      );
    }
    if (this.options.readOnlyTokens?.includes(token ?? '')) return send(403, { message: '403 Forbidden' });
    if (method === 'POST' && match[2] === undefined) {
      const { source_branch, target_branch, title } = given;
      if (typeof source_branch !== 'string' || typeof target_branch !== 'string' || typeof title !== 'string')
        return send(400, { error: 'source_branch, target_branch, title are missing' });
      const open = all.find((mr) => mr.state === 'opened' && mr.source_branch === source_branch);
      if (open)
        return send(409, {
          message: [`Another open merge request already exists for this source branch: !${open.iid}`],
        });
      const iid = all.length + 1;
      const created: FakeMergeRequest = {
        iid,
        web_url: `https://gitlab.example/${project}/-/merge_requests/${iid}`,
        state: 'opened',
        title,
        description: typeof given.description === 'string' ? given.description : '',
        source_branch,
        target_branch,
        force_remove_source_branch: given.remove_source_branch === true,
      };
      all.push(created);
      return send(201, created);
    }
    const found = all.find((mr) => mr.iid === Number(match[2]));
    if (method === 'PUT' && found) {
      if (typeof given.title === 'string') found.title = given.title;
      if (typeof given.description === 'string') found.description = given.description;
      return send(200, found);
    }
    return send(404, { message: '404 Not found' });
  }

  private handleIssues(
    method: string,
    url: URL,
    match: RegExpExecArray,
    body: unknown,
    token: string,
    username: string,
    send: (status: number, payload: unknown, headers?: Record<string, string>) => void,
  ) {
    const project = decodeURIComponent(match[1] ?? '');
    const iid = match[2] === undefined ? undefined : Number(match[2]);
    const toNotes = match[3] !== undefined;
    const fields = (body ?? {}) as Record<string, unknown>;
    const json = ({ notes: _notes, ...issue }: FakeIssue) => issue;
    if (iid === undefined && method === 'GET') {
      const author = url.searchParams.get('author_id');
      const state = url.searchParams.get('state') ?? 'all';
      const listed = this.issuesOf(project).filter(
        (issue) =>
          (author === null || issue.author.id === Number(author)) &&
          (state === 'all' || issue.state === state),
      );
      return this.sendPage(url, listed.map(json), send);
    }
    if (this.options.readOnlyTokens?.includes(token)) return send(403, { message: '403 Forbidden' });
    if (iid === undefined && method === 'POST') {
      if (typeof fields.title !== 'string' || fields.title === '')
        return send(400, { message: 'title is missing' });
      const description = typeof fields.description === 'string' ? fields.description : '';
      return send(201, json(this.addIssue(project, { title: fields.title, description }, username)));
    }
    const issue = this.issuesOf(project).find((candidate) => candidate.iid === iid);
    if (!issue) return send(404, { message: '404 Issue Not Found' });
    if (toNotes && method === 'POST') {
      if (typeof fields.body !== 'string' || fields.body === '')
        return send(400, { message: 'body is missing' });
      const note: FakeNote = {
        id: this.nextId++,
        body: fields.body,
        system: false,
        author: { id: this.userId(username), username },
        created_at: this.tick(),
        updated_at: this.tick(),
        noteable_type: 'Issue',
        noteable_iid: issue.iid,
      };
      issue.notes.push(note);
      return send(201, note);
    }
    if (!toNotes && method === 'PUT') {
      if (typeof fields.title === 'string') issue.title = fields.title;
      if (typeof fields.description === 'string') issue.description = fields.description;
      if (fields.state_event === 'close') issue.state = 'closed';
      if (fields.state_event === 'reopen') issue.state = 'opened';
      issue.updated_at = this.tick();
      return send(200, json(issue));
    }
    return send(405, { message: '405 Method Not Allowed' });
  }

  /**
   * `GET /projects/:id/jobs/artifacts/:ref_name/download?job=NAME`: the zip, or 404 when that job of the ref
   * has no artifacts in a successful pipeline. Either a PRIVATE-TOKEN or a JOB-TOKEN authenticates.
   */
  private sendArtifacts(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    match: RegExpExecArray,
    recorded: RecordedRequest,
  ) {
    const privateToken = headerValue(request.headers['private-token']);
    const jobToken = headerValue(request.headers['job-token']);
    recorded.jobToken = jobToken;
    const answer = (status: number, message: string) => {
      recorded.status = status;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message }));
    };
    const known =
      (privateToken !== undefined && this.options.tokens[privateToken] !== undefined) ||
      (jobToken !== undefined && (this.options.jobTokens ?? []).includes(jobToken));
    if (!known) return answer(401, '401 Unauthorized');
    if (privateToken !== undefined && this.options.noArtifactTokens?.includes(privateToken))
      return answer(403, '403 Forbidden');
    const project = decodeURIComponent(match[1] ?? '');
    const ref = decodeURIComponent(match[2] ?? '');
    const archive = this.artifacts.get(`${project} ${ref} ${url.searchParams.get('job')}`);
    if (!archive) return answer(404, '404 Not found');
    recorded.status = 200;
    response.writeHead(200, {
      'content-type': 'application/zip',
      'content-length': archive.length,
      'content-disposition': 'attachment; filename="artifacts.zip"',
    });
    response.end(archive);
  }

  /**
   * GitLab's offset pagination of notes or issues (given oldest first): per_page defaults to 20 (at most 100),
   * sorted by created_at desc unless asked.
   */
  private sendPage(
    url: URL,
    notes: unknown[],
    send: (status: number, payload: unknown, headers: Record<string, string>) => void,
  ) {
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 20) || 20));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const sorted = url.searchParams.get('sort') === 'asc' ? [...notes] : [...notes].reverse();
    const totalPages = Math.max(1, Math.ceil(sorted.length / perPage));
    const items = sorted.slice((page - 1) * perPage, page * perPage);
    const linkTo = (target: number) => {
      const link = new URL(url.toString());
      link.searchParams.set('page', String(target));
      link.searchParams.set('per_page', String(perPage));
      return link.toString();
    };
    const links = [
      ...(page < totalPages ? [`<${linkTo(page + 1)}>; rel="next"`] : []),
      ...(page > 1 ? [`<${linkTo(page - 1)}>; rel="prev"`] : []),
      `<${linkTo(1)}>; rel="first"`,
      `<${linkTo(totalPages)}>; rel="last"`,
    ];
    send(200, items, {
      'x-page': String(page),
      'x-per-page': String(perPage),
      'x-total': String(sorted.length),
      'x-total-pages': String(totalPages),
      'x-next-page': page < totalPages ? String(page + 1) : '',
      'x-prev-page': page > 1 ? String(page - 1) : '',
      link: links.join(', '),
    });
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
