import type { ChangeTarget } from './change-url';
import type { Logger } from './platform';
import {
  CommentPermissionError,
  type CommentWritten,
  commentOnChangeRequest,
  publishStickyComment,
  type ReviewHost,
  type StickyComment,
} from './review-host';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(message),
    warn: (message) => lines.push(`warning: ${message}`),
    debug: () => {},
  };
}

/** A review host whose answers the test decides: the shared warnings are what is under test here. */
function hostAnswering(answer: () => Promise<CommentWritten>): ReviewHost & { received: StickyComment[] } {
  const received: StickyComment[] = [];
  return {
    where: 'ML/churn#4',
    permissionAdvice: 'the token needs Repository read.',
    received,
    upsert: (comment) => {
      received.push(comment);
      return answer();
    },
  };
}

const comment: StickyComment = {
  marker: '<!-- mlci:validate-data -->',
  markdown: '## report',
  fullReportHint: '',
};

describe('publishStickyComment', () => {
  it('says what it wrote, and never throws: a refused token and a failure are one warning each', async () => {
    const logger = recordingLogger();
    const status = (message: string, code: number) => Object.assign(new Error(message), { status: code });
    const answers: (() => Promise<CommentWritten>)[] = [
      async () => ({ action: 'created', url: 'https://x/4#c1' }),
      async () => ({ action: 'updated' }),
      async () => {
        throw new CommentPermissionError('You are not permitted to comment');
      },
      async () => {
        throw status('Bad Gateway\nat line 2', 502);
      },
      async () => {
        throw status('Bitbucket answered 503', 503);
      },
    ];
    const written: boolean[] = [];
    for (const answer of answers)
      written.push(
        await publishStickyComment(hostAnswering(answer), comment, logger, {
          permission: 'Give the plan a write token.',
          fallback: 'The report is in the build artifacts.',
        }),
      );
    expect(written).toEqual([true, true, false, false, false]);
    expect(logger.lines).toEqual([
      'commented on ML/churn#4: https://x/4#c1',
      'updated the comment on ML/churn#4',
      'warning: cannot comment on ML/churn#4: the token may not write there (You are not permitted to comment); the token needs Repository read. Give the plan a write token. The report is in the build artifacts.',
      'warning: cannot comment on ML/churn#4: HTTP 502: Bad Gateway. The report is in the build artifacts.',
      'warning: cannot comment on ML/churn#4: Bitbucket answered 503. The report is in the build artifacts.',
    ]);
  });
});

describe('commentOnChangeRequest', () => {
  const base = {
    overrides: {},
    comment,
    tokenAdvice: 'give the plan MLCI_TOKEN',
  };

  it('opens the host of the change URL with the token, and posts there', async () => {
    const logger = recordingLogger();
    const host = hostAnswering(async () => ({ action: 'created' }));
    const opened: [ChangeTarget, string][] = [];
    const posted = await commentOnChangeRequest({
      ...base,
      changeUrl: 'https://bitbucket.acme.com/projects/ML/repos/churn/pull-requests/4',
      token: 'secret',
      openReviewHost: async (target, token) => {
        opened.push([target, token]);
        return host;
      },
      logger,
    });
    expect(posted).toBe(true);
    expect(opened).toEqual([
      [
        {
          host: 'bitbucket-server',
          baseUrl: 'https://bitbucket.acme.com',
          projectKey: 'ML',
          repo: 'churn',
          number: 4,
        },
        'secret',
      ],
    ]);
    expect(host.received).toEqual([comment]);
    expect(logger.lines).toEqual(['commented on ML/churn#4']);
  });

  it('says what would make it comment: a known host, a token; a host it cannot open is a warning', async () => {
    const logger = recordingLogger();
    const never = async (): Promise<ReviewHost> => {
      throw new Error('no client for this host here');
    };
    const results = [
      await commentOnChangeRequest({
        ...base,
        changeUrl: 'https://gerrit.acme.com/c/churn/+/4',
        token: 'secret',
        openReviewHost: never,
        logger,
      }),
      await commentOnChangeRequest({
        ...base,
        changeUrl: 'https://github.com/acme/churn/pull/4',
        token: undefined,
        openReviewHost: never,
        logger,
      }),
      await commentOnChangeRequest({
        ...base,
        changeUrl: 'https://bitbucket.org/acme/churn/pull-requests/4',
        token: 'secret',
        openReviewHost: never,
        logger,
      }),
    ];
    expect(results).toEqual([false, false, false]);
    expect(logger.lines).toEqual([
      expect.stringMatching(
        /^not commenting: https:\/\/gerrit\.acme\.com\/c\/churn\/\+\/4 is not a GitHub, GitLab or Bitbucket/,
      ),
      'to also post this report on https://github.com/acme/churn/pull/4, give the plan MLCI_TOKEN',
      'warning: cannot comment on acme/churn#4: no client for this host here',
    ]);
  });
});
