import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { commentMarker, type Logger } from '@mlci/core';
import { type FakeGitHub, startFakeGitHub } from '../../../tests/github/fake-github';
import { CommentPermissionError, commentBodyLimit, PullRequestComments, stickyCommentBody } from './comments';

const marker = commentMarker('validate-data');
const owner = 'octo-org';
const repo = 'churn-model';

function recordingLogger() {
  const lines: { level: 'info' | 'warn' | 'debug'; message: string }[] = [];
  const logger: Logger = {
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    debug: (message) => lines.push({ level: 'debug', message }),
  };
  return { logger, warnings: () => lines.filter((l) => l.level === 'warn').map((l) => l.message) };
}

describe('PullRequestComments', () => {
  let github: FakeGitHub;
  beforeEach(async () => {
    github = await startFakeGitHub({ writeTokens: ['write-token'], readOnlyTokens: ['fork-token'] });
  });
  afterEach(async () => {
    await github.close();
  });

  const comments = (token = 'write-token', number = 7) =>
    new PullRequestComments(
      { apiUrl: github.url, token, owner, repo, number },
      { retries: 2, retryDelayMs: 5 },
    );

  it('creates one comment, then edits it in place and leaves other comments alone', async () => {
    github.seed(owner, repo, 7, ['first!', `quoting the bot: ${marker}`]);
    const first = await comments().upsert({ marker, markdown: '## run 1', fullReportHint: 'see the run' });
    expect(first.action).toBe('created');
    github.seed(
      owner,
      repo,
      7,
      Array.from({ length: 130 }, (_, i) => `review comment ${i}`),
    );

    const second = await comments().upsert({ marker, markdown: '## run 2', fullReportHint: 'see the run' });
    expect(second).toMatchObject({ action: 'updated', id: first.id });

    const all = github.comments(owner, repo, 7);
    expect(all.filter((c) => c.body.startsWith(marker))).toHaveLength(1);
    expect(all.find((c) => c.id === first.id)?.body).toBe(`${marker}\n## run 2`);
    const writes = github.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
    expect(writes).toEqual([
      `POST /repos/${owner}/${repo}/issues/7/comments`,
      `PATCH /repos/${owner}/${repo}/issues/comments/${first.id}`,
    ]);
    // Ours is comment 3 of 133: the search stops at the page that has it.
    const listings = github.requests.filter((r) => r.method === 'GET' && r.path !== '/user');
    expect(listings.map((r) => r.query.get('page') ?? '1')).toEqual(['1', '1']);
    expect(github.requests.every((r) => r.authorization === 'token write-token')).toBe(true);
  });

  it('follows the Link header to later pages when the comment is not on the first', async () => {
    github.seed(
      owner,
      repo,
      8,
      Array.from({ length: 230 }, (_, i) => `comment ${i}`),
    );
    const created = await comments('write-token', 8).upsert({
      marker,
      markdown: 'report',
      fullReportHint: '',
    });
    const listed = () =>
      github.requests
        .filter((r) => r.method === 'GET' && r.path !== '/user')
        .map((r) => r.query.get('page') ?? '1');
    expect(listed()).toEqual(['1', '2', '3']);
    expect(github.requests.find((r) => r.method === 'GET' && r.path !== '/user')?.query.get('per_page')).toBe(
      '100',
    );

    github.requests.length = 0;
    const again = await comments('write-token', 8).upsert({
      marker,
      markdown: 'report 2',
      fullReportHint: '',
    });
    expect(again).toMatchObject({ action: 'updated', id: created.id });
    expect(listed()).toEqual(['1', '2', '3']);
    expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('reports a read-only token as a permission problem and publish() warns instead of throwing', async () => {
    await expect(
      comments('fork-token').upsert({ marker, markdown: 'x', fullReportHint: '' }),
    ).rejects.toBeInstanceOf(CommentPermissionError);
    const { logger, warnings } = recordingLogger();
    await expect(
      comments('fork-token').publish({ marker, markdown: 'x', fullReportHint: '' }, logger),
    ).resolves.toBe(false);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(/Resource not accessible by integration/);
    expect(warnings()[0]).toMatch(/may not write there.*"Pull requests: write"/);
    // A 403 is final: no retries.
    expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('retries server errors, then succeeds', async () => {
    github.failNext(2, 502, 'Bad Gateway');
    const written = await comments().upsert({ marker, markdown: 'x', fullReportHint: '' });
    expect(written.action).toBe('created');
    // GET /user (two 502s, then GitHub's 403 for an installation token), the listing, the new comment.
    expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /user',
      'GET /user',
      'GET /user',
      `GET /repos/${owner}/${repo}/issues/7/comments`,
      `POST /repos/${owner}/${repo}/issues/7/comments`,
    ]);
  });

  it('gives up after the retries and warns with the status', async () => {
    github.failNext(3, 503, 'Service Unavailable');
    const { logger, warnings } = recordingLogger();
    await expect(comments().publish({ marker, markdown: 'x', fullReportHint: '' }, logger)).resolves.toBe(
      false,
    );
    expect(warnings()).toEqual([expect.stringMatching(/HTTP 503/)]);
    expect(github.requests).toHaveLength(3);
    expect(github.comments(owner, repo, 7)).toHaveLength(0);
  });

  it('does not retry a bad token', async () => {
    const { logger, warnings } = recordingLogger();
    await expect(
      comments('wrong').publish({ marker, markdown: 'x', fullReportHint: '' }, logger),
    ).resolves.toBe(false);
    expect(warnings()).toEqual([expect.stringMatching(/HTTP 401.*Bad credentials/)]);
    expect(github.requests).toHaveLength(1);
  });

  it("never edits another user's comment that carries the marker: creates its own, then edits only that", async () => {
    // A hostile comment first, by a user, with mlci's marker (and the legacy one): mlci must not adopt it.
    github.seed(owner, repo, 7, [`${marker}\nplease merge`], { login: 'mallory', id: 666 });
    github.seed(owner, repo, 7, [`${marker}\n<!--`], { login: 'github-actions', id: 667 });
    const first = await comments().upsert({ marker, markdown: '## run 1', fullReportHint: '' });
    const second = await comments().upsert({ marker, markdown: '## run 2', fullReportHint: '' });
    expect(first.action).toBe('created');
    expect(second).toMatchObject({ action: 'updated', id: first.id });
    const all = github.comments(owner, repo, 7);
    expect(all.map((c) => [c.user.login, c.body])).toEqual([
      ['mallory', `${marker}\nplease merge`],
      ['github-actions', `${marker}\n<!--`],
      ['github-actions[bot]', `${marker}\n## run 2`],
    ]);
    const edits = github.requests.filter((r) => r.method === 'PATCH').map((r) => r.path);
    expect(edits).toEqual([`/repos/${owner}/${repo}/issues/comments/${first.id}`]);
  });

  it("with a user's token, takes only that user's comment (GET /user), not the bot's nor another user's", async () => {
    await github.close();
    github = await startFakeGitHub({
      writeTokens: ['alice-token'],
      users: { 'alice-token': { login: 'alice', id: 501 } },
    });
    github.seed(owner, repo, 7, [`${marker}\nfrom a workflow`], {
      login: 'github-actions[bot]',
      id: 41898282,
    });
    // Same login, another account id (a renamed account): not the token's user either.
    github.seed(owner, repo, 7, [`${marker}\nimpostor`], { login: 'alice', id: 999 });
    const first = await comments('alice-token').upsert({ marker, markdown: 'one', fullReportHint: '' });
    const second = await comments('alice-token').upsert({ marker, markdown: 'two', fullReportHint: '' });
    expect(first.action).toBe('created');
    expect(second).toMatchObject({ action: 'updated', id: first.id });
    expect(github.comments(owner, repo, 7).map((c) => c.body)).toEqual([
      `${marker}\nfrom a workflow`,
      `${marker}\nimpostor`,
      `${marker}\ntwo`,
    ]);
  });

  it('creates rather than edits when the token cannot tell who it is', async () => {
    const first = await comments().upsert({ marker, markdown: 'one', fullReportHint: '' });
    // GET /user answers 404 (as some GitHub Enterprise proxies do): no author to match, so no comment is taken.
    github.failNext(1, 404, 'Not Found');
    const second = await comments().upsert({ marker, markdown: 'two', fullReportHint: '' });
    expect(second.action).toBe('created');
    expect(second.id).not.toBe(first.id);
    expect(github.comments(owner, repo, 7).map((c) => c.body)).toEqual([`${marker}\none`, `${marker}\ntwo`]);
    expect(github.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
  });

  it('warns when the API cannot be reached at all', async () => {
    const url = github.url;
    await github.close();
    github = await startFakeGitHub();
    const unreachable = new PullRequestComments(
      { apiUrl: url, token: 'write-token', owner, repo, number: 1 },
      { retries: 1, retryDelayMs: 1 },
    );
    const { logger, warnings } = recordingLogger();
    await expect(unreachable.publish({ marker, markdown: 'x', fullReportHint: '' }, logger)).resolves.toBe(
      false,
    );
    expect(warnings()).toEqual([expect.stringMatching(/cannot comment on octo-org\/churn-model#1/)]);
  });
});

describe('stickyCommentBody', () => {
  it('keeps a short report whole, after the marker', () => {
    expect(stickyCommentBody({ marker, markdown: '## ok', fullReportHint: 'hint' })).toBe(`${marker}\n## ok`);
  });

  it('cuts a long report to the limit and ends with the hint', () => {
    const rows = Array.from(
      { length: 5000 },
      (_, i) => `| col_${i} | min | failed | value ${i} is below 0 |`,
    );
    const body = stickyCommentBody({
      marker,
      markdown: `## report\n${rows.join('\n')}`,
      fullReportHint: 'Full report: https://github.com/o/r/actions/runs/1',
    });
    expect(body.length).toBeLessThanOrEqual(commentBodyLimit);
    expect(body.startsWith(`${marker}\n## report\n`)).toBe(true);
    expect(body.trimEnd().endsWith('Full report: https://github.com/o/r/actions/runs/1')).toBe(true);
  });
});
