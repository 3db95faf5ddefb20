import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { commentMarker, type Logger, type StepReport } from '@mlci/core';
import { reviewHostOpener } from '../../cli/src/review-hosts';
import { JenkinsPlatform } from './platform';

interface Logged {
  level: 'info' | 'warn' | 'debug';
  message: string;
}

function recordingLogger(): { logger: Logger; logged: Logged[] } {
  const logged: Logged[] = [];
  return {
    logged,
    logger: {
      info: (message) => logged.push({ level: 'info', message }),
      warn: (message) => logged.push({ level: 'warn', message }),
      debug: (message) => logged.push({ level: 'debug', message }),
    },
  };
}

const report: StepReport = {
  result: { step: 'validate-data', status: 'failed', checks: [] },
  headline: 'validate-data failed: 1 of 3 checks failed',
  markdown: '## mlci validate-data: failed\n\n| column | check |\n| --- | --- |\n| age | min |\n',
  outputs: {},
  files: {
    json: '.mlci/validate-data.json',
    markdown: '.mlci/validate-data.md',
    junit: '.mlci/validate-data.junit.xml',
  },
};

interface Received {
  method: string;
  url: string;
  authorization: string | undefined;
  body: unknown;
}

/** A loopback server; `answer` gets each request with its parsed JSON body. */
async function serve(
  answer: (request: Received, response: ServerResponse) => void,
): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const entry: Received = {
        method: request.method ?? '',
        url: request.url ?? '',
        authorization: request.headers.authorization,
        body: text ? JSON.parse(text) : undefined,
      };
      received.push(entry);
      answer(entry, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function json(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/** The token's user (a machine user's personal access token): its comments are the ones mlci may edit. */
const tokenUser = { login: 'ci-bot', id: 7 };

/**
 * The GitHub REST calls a sticky comment needs (who the token is, list, create, edit), over an in-memory list of PR
 * comments; a comment without a `user` was written by someone else.
 */
function fakeGitHub(
  base: () => string,
  comments: { id: number; body: string; user?: { login: string; id: number } }[],
) {
  return (request: Received, response: ServerResponse) => {
    const url = new URL(request.url, 'http://x');
    if (request.method === 'GET' && url.pathname === '/user') return json(response, 200, tokenUser);
    const list = /^\/repos\/acme\/churn\/issues\/42\/comments$/;
    const edit = /^\/repos\/acme\/churn\/issues\/comments\/(\d+)$/;
    if (request.method === 'GET' && list.test(url.pathname)) {
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const slice = comments.slice((page - 1) * perPage, page * perPage);
      const headers: Record<string, string> =
        page * perPage < comments.length
          ? { link: `<${base()}${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next"` }
          : {};
      json(
        response,
        200,
        slice.map((c) => ({
          user: { login: 'someone', id: 1 },
          ...c,
          html_url: `https://github.com/acme/churn/pull/42#c${c.id}`,
        })),
        headers,
      );
    } else if (request.method === 'POST' && list.test(url.pathname)) {
      const comment = {
        id: 9000 + comments.length,
        body: (request.body as { body: string }).body,
        user: tokenUser,
      };
      comments.push(comment);
      json(response, 201, { ...comment, html_url: `https://github.com/acme/churn/pull/42#c${comment.id}` });
    } else if (request.method === 'PATCH' && edit.test(url.pathname)) {
      const id = Number(edit.exec(url.pathname)?.[1]);
      const comment = comments.find((c) => c.id === id);
      if (!comment) return json(response, 404, { message: 'Not Found' });
      comment.body = (request.body as { body: string }).body;
      json(response, 200, { ...comment, html_url: `https://github.com/acme/churn/pull/42#c${id}` });
    } else {
      json(response, 404, { message: 'Not Found' });
    }
  };
}

const pullRequestEnv = {
  JENKINS_URL: 'https://ci.example.com/',
  BUILD_URL: 'https://ci.example.com/job/churn/job/PR-42/3/',
  WORKSPACE: '/var/jenkins/workspace/churn_PR-42',
  GIT_COMMIT: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
  BRANCH_NAME: 'PR-42',
  CHANGE_ID: '42',
  CHANGE_URL: 'https://github.com/acme/churn/pull/42',
  CHANGE_TARGET: 'main',
  CHANGE_BRANCH: 'feature/new-columns',
  CHANGE_AUTHOR: 'octocat',
};

describe('JenkinsPlatform.context', () => {
  const { logger } = recordingLogger();

  it('describes a multibranch pull request build', () => {
    expect(
      new JenkinsPlatform({ env: { ...pullRequestEnv, CHANGE_FORK: 'contributor' }, logger }).context(),
    ).toEqual({
      platform: 'jenkins',
      repository: 'acme/churn',
      commit: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      branch: 'feature/new-columns',
      runUrl: 'https://ci.example.com/job/churn/job/PR-42/3/',
      actor: 'octocat',
      event: 'pull_request',
      changeRequest: {
        number: 42,
        url: 'https://github.com/acme/churn/pull/42',
        targetBranch: 'main',
        fromFork: true,
      },
    });
  });

  it('describes a GitLab merge request build', () => {
    const context = new JenkinsPlatform({
      env: {
        JENKINS_URL: 'https://ci.example.com/',
        BRANCH_NAME: 'MR-5-head',
        CHANGE_ID: '5',
        CHANGE_URL: 'https://gitlab.example.com/ml/team/churn/-/merge_requests/5',
        CHANGE_TARGET: 'main',
      },
      logger,
    }).context();
    expect(context).toMatchObject({ repository: 'ml/team/churn', event: 'merge_request_event' });
    expect(context.changeRequest).toEqual({
      number: 5,
      url: 'https://gitlab.example.com/ml/team/churn/-/merge_requests/5',
      targetBranch: 'main',
    });
    expect(context.branch).toBeUndefined();
  });

  it('describes a tag build, where BRANCH_NAME is the tag', () => {
    expect(
      new JenkinsPlatform({
        env: {
          JENKINS_URL: 'https://ci.example.com/',
          BRANCH_NAME: 'v1.2.0',
          TAG_NAME: 'v1.2.0',
          GIT_COMMIT: 'abc',
          GIT_URL: 'git@github.com:acme/churn.git',
        },
        logger,
      }).context(),
    ).toEqual({ platform: 'jenkins', repository: 'acme/churn', commit: 'abc', tag: 'v1.2.0' });
  });

  it('names the web address of an https remote, without its credentials or .git', () => {
    const context = new JenkinsPlatform({
      env: { JENKINS_URL: 'x', GIT_URL: 'https://ci-bot:secret@gitlab.example.com/data/churn.git' },
      logger,
    }).context();
    expect(context.repositoryUrl).toBe('https://gitlab.example.com/data/churn');
  });

  it('takes the branch from GIT_BRANCH outside multibranch', () => {
    expect(
      new JenkinsPlatform({ env: { JENKINS_URL: 'x', GIT_BRANCH: 'origin/main' }, logger }).context(),
    ).toEqual({ platform: 'jenkins', branch: 'main' });
  });
});

describe('JenkinsPlatform.publish', () => {
  it('says where the report is and how to get a comment when there is no token', async () => {
    const { logger, logged } = recordingLogger();
    await new JenkinsPlatform({ env: pullRequestEnv, logger }).publish(report);
    expect(logged).toEqual([
      {
        level: 'info',
        message:
          'report: .mlci/validate-data.md (also .mlci/validate-data.json, .mlci/validate-data.junit.xml)',
      },
      { level: 'info', message: expect.stringContaining('credentialsId') },
    ]);
    expect(logged[1]?.message).toContain('https://github.com/acme/churn/pull/42');
  });

  it('only logs the report outside a change build, even with a token', async () => {
    const { logger, logged } = recordingLogger();
    await new JenkinsPlatform({
      env: { JENKINS_URL: 'x', BRANCH_NAME: 'main' },
      logger,
      token: 'secret',
    }).publish(report);
    expect(logged.map((entry) => entry.message)).toEqual([
      'report: .mlci/validate-data.md (also .mlci/validate-data.json, .mlci/validate-data.junit.xml)',
    ]);
  });

  it('does not comment on a change it cannot place', async () => {
    const { logger, logged } = recordingLogger();
    const env = {
      ...pullRequestEnv,
      CHANGE_URL: 'https://gerrit.example.com/c/churn/+/42',
    };
    await new JenkinsPlatform({ env, logger, token: 'secret' }).publish(report);
    expect(logged[1]).toEqual({
      level: 'info',
      message: expect.stringContaining('is not a GitHub, GitLab or Bitbucket pull or merge request'),
    });
  });

  describe('on a GitHub pull request', () => {
    let server: Awaited<ReturnType<typeof serve>>;
    let comments: { id: number; body: string; user?: { login: string; id: number } }[];

    beforeEach(async () => {
      comments = [];
      server = await serve(fakeGitHub(() => server.url, comments));
    });
    afterEach(() => server.close());

    const platform = (logger: Logger) =>
      new JenkinsPlatform({
        env: { ...pullRequestEnv, MLCI_GITHUB_API_URL: server.url },
        logger,
        token: 'ghp_secret',
        openReviewHost: reviewHostOpener({ retries: 0 }),
      });

    it('creates the sticky comment, linking the archived report', async () => {
      comments.push({ id: 1, body: 'looks good to me' });
      const { logger, logged } = recordingLogger();
      await platform(logger).publish(report);

      expect(server.received.map((r) => `${r.method} ${new URL(r.url, 'http://x').pathname}`)).toEqual([
        'GET /user',
        'GET /repos/acme/churn/issues/42/comments',
        'POST /repos/acme/churn/issues/42/comments',
      ]);
      expect(server.received.every((r) => r.authorization === 'token ghp_secret')).toBe(true);
      expect(comments).toHaveLength(2);
      expect(comments[1]?.body).toBe(`${commentMarker('validate-data')}\n${report.markdown}`);
      expect(logged.at(-1)).toEqual({
        level: 'info',
        message: 'commented on acme/churn#42: https://github.com/acme/churn/pull/42#c9001',
      });
    });

    it('finds its comment on a later page and edits it in place', async () => {
      for (let id = 1; id <= 150; id++) comments.push({ id, body: `comment ${id}` });
      comments[120] = {
        id: 121,
        body: `${commentMarker('validate-data')}\nan older report`,
        user: tokenUser,
      };
      // Another user's comment carrying the marker, before ours: never taken.
      comments[60] = { id: 61, body: `${commentMarker('validate-data')}\nnot mlci's` };
      comments[30] = { id: 31, body: `quoting it: ${commentMarker('validate-data')}` };
      const { logger, logged } = recordingLogger();
      await platform(logger).publish(report);

      const calls = server.received.map((r) => `${r.method} ${r.url}`);
      expect(calls).toEqual([
        'GET /user',
        'GET /repos/acme/churn/issues/42/comments?per_page=100',
        'GET /repos/acme/churn/issues/42/comments?per_page=100&page=2',
        'PATCH /repos/acme/churn/issues/comments/121',
      ]);
      expect(comments).toHaveLength(150);
      expect(comments[120]?.body).toBe(`${commentMarker('validate-data')}\n${report.markdown}`);
      expect(comments[30]?.body).toBe(`quoting it: ${commentMarker('validate-data')}`);
      expect(comments[60]?.body).toBe(`${commentMarker('validate-data')}\nnot mlci's`);
      expect(logged.at(-1)?.message).toBe(
        'updated the comment on acme/churn#42: https://github.com/acme/churn/pull/42#c121',
      );
    });

    it('cuts a report too long for a comment and points to the build artifact', async () => {
      const { logger } = recordingLogger();
      const long = { ...report, markdown: `${'| age | min |\n'.repeat(6000)}` };
      await platform(logger).publish(long);
      const body = comments[0]?.body ?? '';
      expect(body.length).toBeLessThanOrEqual(65536);
      expect(body).toContain(
        'The full report is [.mlci/validate-data.md](https://ci.example.com/job/churn/job/PR-42/3/artifact/.mlci/validate-data.md)',
      );
    });
  });

  it('warns and carries on when GitHub refuses the comment', async () => {
    const server = await serve((_request, response) =>
      json(response, 403, { message: 'Resource not accessible by integration' }),
    );
    try {
      const { logger, logged } = recordingLogger();
      const env = { ...pullRequestEnv, MLCI_GITHUB_API_URL: server.url };
      await expect(
        new JenkinsPlatform({
          env,
          logger,
          token: 'read-only',
          openReviewHost: reviewHostOpener({ retries: 0 }),
        }).publish(report),
      ).resolves.toBeUndefined();
      expect(logged.at(-1)?.level).toBe('warn');
      expect(logged.at(-1)?.message).toMatch(/^cannot comment on acme\/churn#42: .*Resource not accessible/);
    } finally {
      await server.close();
    }
  });

  it('warns and carries on when the API cannot be reached', async () => {
    const server = await serve(() => undefined);
    const url = server.url;
    await server.close();
    const { logger, logged } = recordingLogger();
    const env = { ...pullRequestEnv, MLCI_GITHUB_API_URL: url };
    await new JenkinsPlatform({
      env,
      logger,
      token: 't',
      openReviewHost: reviewHostOpener({ retries: 0 }),
    }).publish(report);
    expect(logged.at(-1)).toEqual({
      level: 'warn',
      message: expect.stringMatching(/^cannot comment on acme\/churn#42: /),
    });
  });

  it('writes the sticky note on a GitLab merge request, by URL-encoded project path', async () => {
    // The token's user is 11: its note (2) is edited; another user's note with the marker (3) never is.
    const notes: { id: number; body: string; system: boolean; author: { id: number } }[] = [
      { id: 1, body: 'added 1 commit', system: true, author: { id: 11 } },
      { id: 3, body: `${commentMarker('validate-data')}\nnot mlci's`, system: false, author: { id: 12 } },
      {
        id: 2,
        body: `${commentMarker('validate-data')}\nan older report`,
        system: false,
        author: { id: 11 },
      },
    ];
    const server = await serve((request, response) => {
      const path = request.url.split('?')[0];
      if (request.method === 'GET' && path === '/api/v4/user') return json(response, 200, { id: 11 });
      if (request.method === 'GET' && path === '/api/v4/projects/ml%2Fteam%2Fchurn/merge_requests/5/notes') {
        return json(response, 200, notes);
      }
      if (
        request.method === 'PUT' &&
        path === '/api/v4/projects/ml%2Fteam%2Fchurn/merge_requests/5/notes/2'
      ) {
        const note = notes[2] as { id: number; body: string };
        note.body = (request.body as { body: string }).body;
        return json(response, 200, note);
      }
      json(response, 404, { message: '404 Not found' });
    });
    try {
      const { logger, logged } = recordingLogger();
      const env = {
        JENKINS_URL: 'https://ci.example.com/',
        BUILD_URL: 'https://ci.example.com/job/churn/job/MR-5-head/1/',
        CHANGE_ID: '5',
        CHANGE_URL: 'https://gitlab.example.com/ml/team/churn/-/merge_requests/5',
        MLCI_GITLAB_URL: server.url,
      };
      await new JenkinsPlatform({
        env,
        logger,
        token: 'glpat-secret',
        openReviewHost: reviewHostOpener({ retries: 0 }),
      }).publish(report);
      expect(server.received.map((r) => r.method)).toEqual(['GET', 'GET', 'PUT']);
      expect(notes[2]?.body).toBe(`${commentMarker('validate-data')}\n${report.markdown}`);
      expect(notes[1]?.body).toBe(`${commentMarker('validate-data')}\nnot mlci's`);
      expect(logged.at(-1)).toEqual({ level: 'info', message: 'updated the comment on ml/team/churn!5' });
    } finally {
      await server.close();
    }
  });
});
