import { CommentPermissionError, commentMarker, type Logger, publishStickyComment } from '@mlci/core';
import { FakeBitbucket } from '../../../tests/bitbucket/fake-bitbucket';
import { bitbucketCommentLimit, bitbucketMarker } from './body';
import { BitbucketDataCenterPullRequest } from './data-center';
import { BitbucketApiError } from './http';

const marker = commentMarker('validate-data');
/** The marker as the comment holds it: Bitbucket shows HTML as text. */
const hidden = bitbucketMarker(marker);
const hint = 'The full report is in the build artifacts.';
const bot = { name: 'ci-bot', id: 11 };
const mallory = { name: 'mallory', id: 66 };
const pullRequest = 'PROJ/models#7';

let bitbucket: FakeBitbucket;
let url: string;

beforeEach(async () => {
  bitbucket = new FakeBitbucket({
    tokens: {
      'bot-token': { dataCenter: bot, write: true },
      'read-token': { dataCenter: { name: 'reader', id: 12 }, write: false },
      'mallory-token': { dataCenter: mallory, write: true },
    },
    pageSize: 25,
  });
  url = await bitbucket.start();
});

afterEach(async () => {
  await bitbucket.stop();
});

function host(options: { token?: string; retries?: number; baseUrl?: string; timeoutMs?: number } = {}) {
  return new BitbucketDataCenterPullRequest({
    baseUrl: options.baseUrl ?? `${url}/bitbucket/`,
    token: options.token ?? 'bot-token',
    project: 'PROJ',
    repo: 'models',
    id: 7,
    retryDelayMs: 1,
    ...(options.retries === undefined ? {} : { retries: options.retries }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
}

function recordingLogger(): Logger & { warnings: string[]; infos: string[] } {
  const warnings: string[] = [];
  const infos: string[] = [];
  return {
    warnings,
    infos,
    info: (m) => infos.push(m),
    warn: (m) => warnings.push(m),
    debug: () => undefined,
  };
}

describe('Bitbucket Data Center sticky comment', () => {
  test('is created once, then edited in place at its version: one comment after two runs', async () => {
    const first = await host().upsert({ marker, markdown: '## validate-data failed', fullReportHint: hint });
    expect(first.action).toBe('created');
    const [created] = bitbucket.dataCenter(pullRequest);
    expect(first.url).toBe(
      `${url}/bitbucket/projects/PROJ/repos/models/pull-requests/7/overview?commentId=${created?.id}`,
    );

    const second = await host().upsert({ marker, markdown: '## validate-data passed', fullReportHint: hint });
    expect(second.action).toBe('updated');
    expect(bitbucket.dataCenter(pullRequest).map((c) => [c.text, c.version, c.author.name])).toEqual([
      [`${hidden}\n## validate-data passed`, 1, 'ci-bot'],
    ]);
    // Bearer auth, under the server's context path, and nothing else touched.
    expect(bitbucket.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /bitbucket/rest/api/1.0/projects/PROJ/repos/models/pull-requests/7/activities',
      'POST /bitbucket/rest/api/1.0/projects/PROJ/repos/models/pull-requests/7/comments',
      'GET /bitbucket/rest/api/1.0/projects/PROJ/repos/models/pull-requests/7/activities',
      `PUT /bitbucket/rest/api/1.0/projects/PROJ/repos/models/pull-requests/7/comments/${created?.id}`,
    ]);
    expect(new Set(bitbucket.requests.map((r) => r.authorization))).toEqual(new Set(['Bearer bot-token']));
  });

  test('finds its comment on a later page of activities', async () => {
    bitbucket.seedDataCenter(pullRequest, `${hidden}\nold report`, bot);
    for (let i = 0; i < 60; i++) bitbucket.seedDataCenter(pullRequest, `review note ${i}`, mallory);

    const written = await host().upsert({ marker, markdown: 'new report', fullReportHint: hint });
    expect(written.action).toBe('updated');
    const activityPages = bitbucket.requests.filter((r) => r.path.endsWith('/activities'));
    expect(activityPages.length).toBe(3);
    expect(bitbucket.dataCenter(pullRequest)[0]?.text).toBe(`${hidden}\nnew report`);
    expect(bitbucket.dataCenter(pullRequest)).toHaveLength(61);
  });

  test("never edits someone else's comment that carries the marker", async () => {
    const planted = bitbucket.seedDataCenter(pullRequest, `${hidden}\nplanted by mallory`, mallory);

    const written = await host().upsert({ marker, markdown: 'real report', fullReportHint: hint });
    expect(written.action).toBe('created');
    expect(planted.text).toBe(`${hidden}\nplanted by mallory`);
    expect(planted.version).toBe(0);
    expect(bitbucket.dataCenter(pullRequest).map((c) => c.author.name)).toEqual(['mallory', 'ci-bot']);
  });

  test('without X-AUSERNAME it cannot tell its comments: it edits none and creates one', async () => {
    await bitbucket.stop();
    bitbucket = new FakeBitbucket({
      tokens: { 'bot-token': { dataCenter: bot, write: true } },
      withoutUserHeaders: true,
    });
    url = await bitbucket.start();
    const earlier = bitbucket.seedDataCenter(pullRequest, `${hidden}\nearlier run`, bot);

    expect((await host().upsert({ marker, markdown: 'report', fullReportHint: hint })).action).toBe(
      'created',
    );
    expect(earlier.text).toBe(`${hidden}\nearlier run`);
    expect(bitbucket.dataCenter(pullRequest)).toHaveLength(2);
  });

  test('takes over the comment under the legacy marker when none has the new one', async () => {
    const legacy = bitbucket.seedDataCenter(pullRequest, `${hidden}\nreport before report ids`, bot);
    const withId = commentMarker('validate-data', 'nightly');

    await host().upsert({ marker: withId, legacyMarker: marker, markdown: 'report', fullReportHint: hint });
    expect(bitbucket.dataCenter(pullRequest)).toHaveLength(1);
    expect(legacy.text).toBe(`${bitbucketMarker(withId)}\nreport`);
  });

  test('a stale version (409) is read again and the edit retried once at the current version', async () => {
    const ours = bitbucket.seedDataCenter(pullRequest, `${hidden}\nold`, bot);
    bitbucket.concurrentEdits = 1;

    const written = await host().upsert({ marker, markdown: 'new', fullReportHint: hint });
    expect(written.action).toBe('updated');
    expect(ours.text).toBe(`${hidden}\nnew`);
    expect(ours.version).toBe(2);
    expect(bitbucket.requests.map((r) => r.method)).toEqual(['GET', 'PUT', 'GET', 'PUT']);
  });

  test('a version that keeps moving fails with the 409 after the one retry', async () => {
    bitbucket.seedDataCenter(pullRequest, `${hidden}\nold`, bot);
    bitbucket.concurrentEdits = 5;

    const failure = host().upsert({ marker, markdown: 'new', fullReportHint: hint });
    await expect(failure).rejects.toThrow(BitbucketApiError);
    await expect(failure).rejects.toMatchObject({ status: 409 });
    expect(bitbucket.requests.filter((r) => r.method === 'PUT')).toHaveLength(2);
  });

  test('a read-only token gets CommentPermissionError, and publishStickyComment one warning naming the permission', async () => {
    const failure = host({ token: 'read-token' }).upsert({
      marker,
      markdown: 'report',
      fullReportHint: hint,
    });
    await expect(failure).rejects.toThrow(CommentPermissionError);

    const logger = recordingLogger();
    const written = await publishStickyComment(
      host({ token: 'read-token' }),
      { marker, markdown: 'report', fullReportHint: hint },
      logger,
    );
    expect(written).toBe(false);
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toMatch(
      /^cannot comment on PROJ\/models#7: the token may not write there \(.*401.*You are not permitted.*\); give the HTTP access token .*REPO_WRITE/,
    );
    expect(logger.warnings[0]).not.toContain('read-token');
    expect(bitbucket.dataCenter(pullRequest)).toEqual([]);
  });

  test('a transient 500 is tried again', async () => {
    bitbucket.failNext(2, 500);
    const written = await host().upsert({ marker, markdown: 'report', fullReportHint: hint });
    expect(written.action).toBe('created');
    expect(bitbucket.dataCenter(pullRequest)).toHaveLength(1);
  });

  test('a 500 that stays fails with its status after the retries', async () => {
    bitbucket.failNext(3, 503);
    const failure = host({ retries: 2 }).upsert({ marker, markdown: 'report', fullReportHint: hint });
    await expect(failure).rejects.toMatchObject({ status: 503 });
    await expect(failure).rejects.toThrow(/answered 503 .*\(after 3 attempts\)/);
  });

  test('an oversized report is cut under the 32,768-character limit, the marker first and the hint last', async () => {
    const markdown = Array.from({ length: 4000 }, (_, i) => `| check ${i} | failed |`).join('\n');
    expect(markdown.length).toBeGreaterThan(bitbucketCommentLimit);

    await host().upsert({ marker, markdown, fullReportHint: hint });
    const [comment] = bitbucket.dataCenter(pullRequest);
    expect(comment?.text.length).toBeLessThan(32768);
    expect(comment?.text.startsWith(`${hidden}\n| check 0 | failed |`)).toBe(true);
    expect(comment?.text.trimEnd().endsWith(hint)).toBe(true);
  });
});
