import { CommentPermissionError, commentMarker, type Logger, publishStickyComment } from '@mlci/core';
import { type CloudAccount, FakeBitbucket } from '../../../tests/bitbucket/fake-bitbucket';
import { bitbucketMarker } from './body';
import { BitbucketCloudPullRequest } from './cloud';
import { bitbucketReviewHost } from './index';

const marker = commentMarker('evaluate');
/** The marker as the comment holds it: Bitbucket shows HTML as text. */
const hidden = bitbucketMarker(marker);
const hint = 'The full report is in the pipeline artifacts.';
const pullRequest = 'acme/models#7';
const alice: CloudAccount = { uuid: '{a11ce}', display_name: 'Alice', type: 'user' };
const mallory: CloudAccount = { uuid: '{ma11}', display_name: 'Alice', type: 'user' };
const tokenBot: CloudAccount = { uuid: '{b0t}', display_name: 'mlci-reports', type: 'app_user' };
const otherBot: CloudAccount = { uuid: '{0th3r}', display_name: 'deploy-bot', type: 'app_user' };

let bitbucket: FakeBitbucket;
let url: string;

beforeEach(async () => {
  bitbucket = new FakeBitbucket({
    tokens: {
      'alice:app-password': { cloud: alice, write: true },
      'repo-access-token': { cloud: tokenBot, write: true },
      'read-access-token': { cloud: { ...tokenBot, uuid: '{r34d}' }, write: false },
    },
    pageSize: 10,
  });
  url = await bitbucket.start();
});

afterEach(async () => {
  await bitbucket.stop();
});

function host(token: string, options: { accessTokenName?: string; retries?: number } = {}) {
  return new BitbucketCloudPullRequest({
    baseUrl: `${url}/2.0`,
    token,
    workspace: 'acme',
    repo: 'models',
    id: 7,
    retryDelayMs: 1,
    ...options,
  });
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info: () => undefined, warn: (m) => warnings.push(m), debug: () => undefined };
}

describe('Bitbucket Cloud sticky comment', () => {
  test('with an app password (Basic): created, then edited in place, one comment after two runs', async () => {
    const first = await host('alice:app-password').upsert({
      marker,
      markdown: 'run 1',
      fullReportHint: hint,
    });
    const [created] = bitbucket.cloud(pullRequest);
    expect(first).toEqual({ action: 'created', url: created?.links.html.href });

    const second = await host('alice:app-password').upsert({
      marker,
      markdown: 'run 2',
      fullReportHint: hint,
    });
    expect(second.action).toBe('updated');
    expect(bitbucket.cloud(pullRequest).map((c) => [c.content.raw, c.user.uuid])).toEqual([
      [`${hidden}\nrun 2`, '{a11ce}'],
    ]);
    expect(new Set(bitbucket.requests.map((r) => r.authorization))).toEqual(
      new Set([`Basic ${Buffer.from('alice:app-password').toString('base64')}`]),
    );
    expect(bitbucket.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /2.0/user',
      'GET /2.0/repositories/acme/models/pullrequests/7/comments',
      'POST /2.0/repositories/acme/models/pullrequests/7/comments',
      'GET /2.0/user',
      'GET /2.0/repositories/acme/models/pullrequests/7/comments',
      `PUT /2.0/repositories/acme/models/pullrequests/7/comments/${created?.id}`,
    ]);
  });

  test('follows `next` links to its comment on a later page', async () => {
    for (let i = 0; i < 25; i++) bitbucket.seedCloud(pullRequest, `review note ${i}`, mallory);
    const ours = bitbucket.seedCloud(pullRequest, `${hidden}\nold`, alice);

    await host('alice:app-password').upsert({ marker, markdown: 'new', fullReportHint: hint });
    expect(bitbucket.requests.filter((r) => r.path.endsWith('/comments') && r.method === 'GET')).toHaveLength(
      3,
    );
    expect(ours.content.raw).toBe(`${hidden}\nnew`);
    expect(bitbucket.cloud(pullRequest)).toHaveLength(26);
  });

  test("never edits someone else's comment with the marker, even under the same display name", async () => {
    const planted = bitbucket.seedCloud(pullRequest, `${hidden}\nplanted`, mallory);

    const written = await host('alice:app-password').upsert({
      marker,
      markdown: 'real',
      fullReportHint: hint,
    });
    expect(written.action).toBe('created');
    expect(planted.content.raw).toBe(`${hidden}\nplanted`);
    expect(bitbucket.cloud(pullRequest)).toHaveLength(2);
  });

  test('an access token (Bearer), which may not call GET /user, edits its own app user comment', async () => {
    const first = await host('repo-access-token').upsert({ marker, markdown: 'run 1', fullReportHint: hint });
    const second = await host('repo-access-token').upsert({
      marker,
      markdown: 'run 2',
      fullReportHint: hint,
    });
    expect([first.action, second.action]).toEqual(['created', 'updated']);
    expect(bitbucket.cloud(pullRequest).map((c) => c.content.raw)).toEqual([`${hidden}\nrun 2`]);
    expect(bitbucket.requests[0]?.authorization).toBe('Bearer repo-access-token');
  });

  test("an access token never takes a person's comment, nor another token's when it knows its own name", async () => {
    const persons = bitbucket.seedCloud(pullRequest, `${hidden}\nby a person`, mallory);
    const otherTokens = bitbucket.seedCloud(pullRequest, `${hidden}\nby another token`, otherBot);

    await host('repo-access-token', { accessTokenName: 'mlci-reports' }).upsert({
      marker,
      markdown: 'ours',
      fullReportHint: hint,
    });
    expect(persons.content.raw).toBe(`${hidden}\nby a person`);
    expect(otherTokens.content.raw).toBe(`${hidden}\nby another token`);
    expect(bitbucket.cloud(pullRequest).map((c) => c.user.uuid)).toEqual(['{ma11}', '{0th3r}', '{b0t}']);
  });

  test('a token without pullrequest:write gets CommentPermissionError, and one warning naming the scope', async () => {
    await expect(
      host('read-access-token').upsert({ marker, markdown: 'report', fullReportHint: hint }),
    ).rejects.toThrow(CommentPermissionError);

    const logger = recordingLogger();
    const written = await publishStickyComment(
      bitbucketReviewHost(
        { host: 'bitbucket-cloud', apiUrl: `${url}/2.0`, workspace: 'acme', repo: 'models', number: 7 },
        'read-access-token',
        { retryDelayMs: 1 },
      ),
      { marker, markdown: 'report', fullReportHint: hint },
      logger,
    );
    expect(written).toBe(false);
    expect(logger.warnings).toEqual([
      expect.stringMatching(
        /^cannot comment on acme\/models#7: the token may not write there \(.*403.*privilege scopes\.\); .*`pullrequest:write`/,
      ),
    ]);
    expect(logger.warnings[0]).not.toContain('read-access-token');
    expect(bitbucket.cloud(pullRequest)).toEqual([]);
  });

  test('a transient 500 is tried again; a wrong app password (401) is said as such', async () => {
    bitbucket.failNext(2, 502);
    expect(
      (await host('alice:app-password').upsert({ marker, markdown: 'r', fullReportHint: hint })).action,
    ).toBe('created');

    const wrong = host('alice:wrong-password').upsert({ marker, markdown: 'r', fullReportHint: hint });
    await expect(wrong).rejects.toMatchObject({ status: 401 });
    await expect(wrong).rejects.not.toThrow(/wrong-password/);
  });
});
