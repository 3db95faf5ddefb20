import { createServer } from 'node:net';
import { FakeGitLab } from '../../../tests/gitlab/fake-gitlab';
import { GitLabNoteError, gitlabNoteLimit, MergeRequestNotes } from './notes';

const marker = '<!-- mlci:validate-data -->';
const hint = 'The full report is .mlci/validate-data.md in the job artifacts.';

let gitlab: FakeGitLab;
let host: string;

beforeEach(async () => {
  gitlab = new FakeGitLab({
    tokens: { 'bot-token': 'project_7_bot', 'dev-token': 'dev', 'read-token': 'reader' },
    readOnlyTokens: ['read-token'],
  });
  host = await gitlab.start();
});

afterEach(async () => {
  await gitlab.stop();
});

function notesFor(options: { token?: string; projectId?: string | number; retries?: number } = {}) {
  return new MergeRequestNotes({
    host,
    token: options.token ?? 'bot-token',
    projectId: options.projectId ?? 42,
    mrIid: 7,
    retryDelayMs: 1,
    ...(options.retries === undefined ? {} : { retries: options.retries }),
  });
}

describe('MergeRequestNotes.upsert', () => {
  test('creates one note starting with the marker, then edits that note in place', async () => {
    const first = await notesFor().upsert(marker, '## validate-data failed', hint);
    expect(first.action).toBe('created');
    expect(gitlab.notesOf('42', 7).map((note) => note.body)).toEqual([`${marker}\n## validate-data failed`]);

    const second = await notesFor().upsert(marker, '## validate-data passed', hint);
    expect(second).toMatchObject({ action: 'updated', noteId: first.noteId });
    expect(gitlab.notesOf('42', 7).map((note) => note.body)).toEqual([`${marker}\n## validate-data passed`]);
    const writes = gitlab.requests.filter((request) => request.method !== 'GET');
    expect(writes.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /api/v4/projects/42/merge_requests/7/notes',
      `PUT /api/v4/projects/42/merge_requests/7/notes/${first.noteId}`,
    ]);
    expect(writes.every((request) => request.token === 'bot-token')).toBe(true);
  });

  test('finds its note on a later page of a long discussion', async () => {
    for (let i = 0; i < 230; i++) gitlab.addNote('42', 7, `review comment ${i}`, 'dev');
    const own = gitlab.addNote('42', 7, `${marker}\nold report`, 'project_7_bot');
    for (let i = 0; i < 5; i++) gitlab.addNote('42', 7, `later comment ${i}`, 'dev');

    const note = await notesFor().upsert(marker, 'new report', hint);

    expect(note).toMatchObject({ action: 'updated', noteId: own.id });
    expect(gitlab.notesOf('42', 7)).toHaveLength(236);
    const pages = gitlab.requests
      .filter((request) => request.method === 'GET' && request.path !== '/api/v4/user')
      .map((request) => request.query.page ?? '1');
    expect(pages).toEqual(['1', '2', '3']);
  });

  test('leaves alone notes that only quote the marker, and system notes', async () => {
    gitlab.addNote('42', 7, `> ${marker}\n> quoted by a reviewer`, 'dev');
    gitlab.addNote('42', 7, `${marker} added 1 commit`, 'project_7_bot', true);

    const note = await notesFor().upsert(marker, 'report', hint);

    expect(note.action).toBe('created');
    expect(gitlab.notesOf('42', 7)).toHaveLength(3);
    expect(gitlab.notesOf('42', 7)[0]?.body).toBe(`> ${marker}\n> quoted by a reviewer`);
  });

  test('addresses a project given by path, URL-encoded as GitLab expects', async () => {
    await notesFor({ projectId: 'ml-team/churn' }).upsert(marker, 'report', hint);
    expect(gitlab.requests.map((request) => request.path)).toEqual([
      '/api/v4/user',
      '/api/v4/projects/ml-team%2Fchurn/merge_requests/7/notes',
      '/api/v4/projects/ml-team%2Fchurn/merge_requests/7/notes',
    ]);
    expect(gitlab.notesOf('ml-team/churn', 7)).toHaveLength(1);
  });

  test('cuts a report longer than GitLab allows and points at the full report', async () => {
    const row = `| col | rule | ${'x'.repeat(80)} |\n`;
    const markdown = `## validate-data failed\n${row.repeat(Math.ceil((gitlabNoteLimit * 1.2) / row.length))}`;

    const note = await notesFor().upsert(marker, markdown, hint);

    const stored = gitlab.notesOf('42', 7)[0]?.body ?? '';
    expect(stored).toBe(note.body);
    expect(stored.length).toBeLessThanOrEqual(gitlabNoteLimit);
    expect(stored.startsWith(`${marker}\n## validate-data failed\n`)).toBe(true);
    expect(stored.trimEnd().endsWith(hint)).toBe(true);
  });
});

describe('MergeRequestNotes ownership', () => {
  test("never edits another user's note that carries the marker: creates its own, then edits only that", async () => {
    // Hostile notes first, with mlci's marker: a developer's, and one by a user whose name looks like the bot's.
    gitlab.addNote('42', 7, `${marker}\nLGTM, merging`, 'dev');
    gitlab.addNote('42', 7, `${marker}\n<!--`, 'project_7_bot_');
    const first = await notesFor().upsert(marker, 'run 1', hint);
    const second = await notesFor().upsert(marker, 'run 2', hint);
    expect(first.action).toBe('created');
    expect(second).toMatchObject({ action: 'updated', noteId: first.noteId });
    expect(gitlab.notesOf('42', 7).map((note) => [note.author.username, note.body])).toEqual([
      ['dev', `${marker}\nLGTM, merging`],
      ['project_7_bot_', `${marker}\n<!--`],
      ['project_7_bot', `${marker}\nrun 2`],
    ]);
    const edits = gitlab.requests
      .filter((request) => request.method === 'PUT')
      .map((request) => request.path);
    expect(edits).toEqual([`/api/v4/projects/42/merge_requests/7/notes/${first.noteId}`]);
  });

  test('creates rather than edits when the token cannot tell who it is (GET /user refused)', async () => {
    await gitlab.stop();
    gitlab = new FakeGitLab({ tokens: { 'bot-token': 'project_7_bot' }, noUserTokens: ['bot-token'] });
    host = await gitlab.start();
    gitlab.addNote('42', 7, `${marker}\nold report`, 'project_7_bot');
    const note = await notesFor().upsert(marker, 'new report', hint);
    expect(note.action).toBe('created');
    expect(gitlab.notesOf('42', 7).map((n) => n.body)).toEqual([
      `${marker}\nold report`,
      `${marker}\nnew report`,
    ]);
    expect(gitlab.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /api/v4/user',
      'POST /api/v4/projects/42/merge_requests/7/notes',
    ]);
  });
});

describe('MergeRequestNotes failures', () => {
  test('retries a transient server error and then succeeds', async () => {
    gitlab.failNext(500, 503);
    const note = await notesFor().upsert(marker, 'report', hint);
    expect(note.action).toBe('created');
    // GET /user (500, 503, then the user), the notes, the new note.
    expect(gitlab.requests.map((request) => request.status)).toEqual([500, 503, 200, 200, 201]);
  });

  test('gives up after the retries with a one-line transient error', async () => {
    gitlab.failNext(503, 503, 503, 503);
    const failure = await notesFor({ retries: 2 })
      .upsert(marker, 'report', hint)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GitLabNoteError);
    expect(failure).toMatchObject({ kind: 'transient', status: 503 });
    expect((failure as Error).message).toBe(
      'GitLab answered 503 Service Unavailable for merge request !7 of project 42 (after 3 attempts)',
    );
    expect(gitlab.requests).toHaveLength(3);
    expect(gitlab.notesOf('42', 7)).toHaveLength(0);
  });

  test('does not retry a refused token', async () => {
    const failure = await notesFor({ token: 'wrong' })
      .upsert(marker, 'report', hint)
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({
      kind: 'auth',
      status: 401,
      message: 'GitLab refused the token (401 Unauthorized)',
    });
    expect(gitlab.requests).toHaveLength(1);
  });

  test('reports a token that may read but not write as an auth failure', async () => {
    const failure = await notesFor({ token: 'read-token' })
      .upsert(marker, 'report', hint)
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'auth', status: 403 });
    expect(gitlab.requests.map((request) => request.method)).toEqual(['GET', 'GET', 'POST']);
  });

  test('reports an unreachable GitLab after the retries', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const notes = new MergeRequestNotes({
      host: `http://127.0.0.1:${closedPort}`,
      token: 't',
      projectId: 1,
      mrIid: 7,
      retryDelayMs: 1,
    });
    const failure = await notes.upsert(marker, 'report', hint).catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'transient' });
    expect((failure as Error).message).toBe(
      'cannot reach GitLab for merge request !7 of project 1: ECONNREFUSED (after 3 attempts)',
    );
  });
});
