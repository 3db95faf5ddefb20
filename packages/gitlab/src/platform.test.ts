import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alertFor, commentMarker, type Logger, type StepReport } from '@mlci/core';
import { FakeGitLab } from '../../../tests/gitlab/fake-gitlab';
import { GitLabPlatform } from './platform';

/** The variables GitLab sets in a merge request pipeline (the subset mlci reads). */
function mergeRequestEnv(serverUrl: string, dir: string): NodeJS.ProcessEnv {
  return {
    GITLAB_CI: 'true',
    CI_SERVER_URL: serverUrl,
    CI_PROJECT_ID: '42',
    CI_PROJECT_PATH: 'ml-team/churn',
    CI_PROJECT_URL: 'https://gitlab.example.com/ml-team/churn',
    CI_PROJECT_DIR: dir,
    CI_COMMIT_SHA: '0123456789abcdef0123456789abcdef01234567',
    CI_COMMIT_REF_NAME: 'feature/new-data',
    CI_PIPELINE_SOURCE: 'merge_request_event',
    CI_MERGE_REQUEST_IID: '7',
    CI_MERGE_REQUEST_PROJECT_ID: '42',
    CI_MERGE_REQUEST_SOURCE_PROJECT_ID: '42',
    CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'feature/new-data',
    CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
    CI_MERGE_REQUEST_PROJECT_URL: 'https://gitlab.example.com/ml-team/churn',
    CI_JOB_URL: 'https://gitlab.example.com/ml-team/churn/-/jobs/99',
    GITLAB_USER_LOGIN: 'alice',
  };
}

function recordingLogger() {
  const lines: { level: 'info' | 'warn' | 'debug'; message: string }[] = [];
  const logger: Logger = {
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    debug: (message) => lines.push({ level: 'debug', message }),
  };
  return {
    logger,
    warnings: () => lines.filter((line) => line.level === 'warn').map((line) => line.message),
    lines,
  };
}

function reportIn(dir: string, status: 'passed' | 'failed' = 'failed'): StepReport {
  const out = join(dir, '.mlci');
  return {
    result: { step: 'validate-data', status, checks: [] },
    headline: `validate-data ${status}: 1 of 3 checks failed`,
    markdown: `## validate-data ${status}\n\n| column | check |\n| --- | --- |\n| age | min |\n`,
    outputs: {
      status,
      'dataset-digest': 'sha256:5f1c0d',
      report: join(out, 'validate-data.md'),
      'failed-checks': 'age: min\nplan: allowed',
    },
    files: {
      json: join(out, 'validate-data.json'),
      markdown: join(out, 'validate-data.md'),
      junit: join(out, 'validate-data.junit.xml'),
    },
  };
}

let gitlab: FakeGitLab;
let dir: string;

beforeEach(async () => {
  gitlab = new FakeGitLab({
    tokens: { 'bot-token': 'project_42_bot', 'read-token': 'reader' },
    readOnlyTokens: ['read-token'],
  });
  await gitlab.start();
  dir = await mkdtemp(join(tmpdir(), 'mlci-gitlab-'));
});

afterEach(async () => {
  await gitlab.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('GitLabPlatform.context', () => {
  test('describes a merge request pipeline', () => {
    const { logger } = recordingLogger();
    const context = new GitLabPlatform({ env: mergeRequestEnv(gitlab.url, dir), logger }).context();
    expect(context).toEqual({
      platform: 'gitlab',
      repository: 'ml-team/churn',
      repositoryUrl: 'https://gitlab.example.com/ml-team/churn',
      commit: '0123456789abcdef0123456789abcdef01234567',
      branch: 'feature/new-data',
      changeRequest: {
        number: 7,
        url: 'https://gitlab.example.com/ml-team/churn/-/merge_requests/7',
        targetBranch: 'main',
        fromFork: false,
      },
      event: 'merge_request_event',
      runUrl: 'https://gitlab.example.com/ml-team/churn/-/jobs/99',
      actor: 'alice',
    });
  });

  test('marks a merge request from a fork', () => {
    const { logger } = recordingLogger();
    const env = { ...mergeRequestEnv(gitlab.url, dir), CI_MERGE_REQUEST_SOURCE_PROJECT_ID: '77' };
    expect(new GitLabPlatform({ env, logger }).context().changeRequest?.fromFork).toBe(true);
  });

  test('describes a branch pipeline and a tag pipeline', () => {
    const { logger } = recordingLogger();
    const branch = new GitLabPlatform({
      env: {
        GITLAB_CI: 'true',
        CI_COMMIT_BRANCH: 'main',
        CI_COMMIT_REF_NAME: 'main',
        CI_PIPELINE_SOURCE: 'push',
      },
      logger,
    }).context();
    expect(branch).toEqual({ platform: 'gitlab', branch: 'main', event: 'push' });

    const tag = new GitLabPlatform({
      env: {
        GITLAB_CI: 'true',
        CI_COMMIT_TAG: 'v1.2.0',
        CI_COMMIT_REF_NAME: 'v1.2.0',
        CI_PIPELINE_SOURCE: 'push',
      },
      logger,
    }).context();
    expect(tag).toEqual({ platform: 'gitlab', tag: 'v1.2.0', event: 'push' });
  });
});

describe('GitLabPlatform.publish', () => {
  test('writes the outputs as a GitLab dotenv report next to the JSON report', async () => {
    const { logger } = recordingLogger();
    const env = { GITLAB_CI: 'true', CI_PIPELINE_SOURCE: 'push' };
    await new GitLabPlatform({ env, logger }).publish(reportIn(dir));
    const dotenv = await readFile(join(dir, '.mlci', 'validate-data.env'), 'utf8');
    expect(dotenv).toBe(
      [
        'MLCI_VALIDATE_DATA_STATUS=failed',
        'MLCI_VALIDATE_DATA_DATASET_DIGEST=sha256:5f1c0d',
        `MLCI_VALIDATE_DATA_REPORT=${join(dir, '.mlci', 'validate-data.md')}`,
        'MLCI_VALIDATE_DATA_FAILED_CHECKS=age: min plan: allowed',
        '',
      ].join('\n'),
    );
    expect(gitlab.requests).toHaveLength(0);
  });

  test('posts one sticky note per step on the merge request and edits it on the next run', async () => {
    const { logger, lines } = recordingLogger();
    const env = mergeRequestEnv(gitlab.url, dir);
    await new GitLabPlatform({ env, logger, token: 'bot-token' }).publish(reportIn(dir, 'failed'));
    await new GitLabPlatform({ env, logger, token: 'bot-token' }).publish(reportIn(dir, 'passed'));

    const notes = gitlab.notesOf('42', 7);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.body.startsWith(`${commentMarker('validate-data')}\n## validate-data passed`)).toBe(
      true,
    );
    expect(lines.filter((line) => line.level === 'info').map((line) => line.message)).toEqual([
      'commented on ml-team/churn!7',
      'updated the comment on ml-team/churn!7',
    ]);
  });

  test('posts on the project the merge request belongs to', async () => {
    const { logger } = recordingLogger();
    const env = {
      ...mergeRequestEnv(gitlab.url, dir),
      CI_PROJECT_ID: '77',
      CI_MERGE_REQUEST_PROJECT_ID: '42',
    };
    await new GitLabPlatform({ env, logger, token: 'bot-token' }).publish(reportIn(dir));
    expect(gitlab.notesOf('42', 7)).toHaveLength(1);
  });

  test('without a token, warns once how to set MLCI_TOKEN and still writes the dotenv report', async () => {
    const { logger, warnings } = recordingLogger();
    const platform = new GitLabPlatform({ env: mergeRequestEnv(gitlab.url, dir), logger });
    await platform.publish(reportIn(dir));
    await platform.publish(reportIn(dir));
    expect(warnings()).toEqual([
      'not posting the validate-data report on merge request !7: set MLCI_TOKEN, a masked CI/CD variable holding ' +
        'a project access token with `api` scope (CI_JOB_TOKEN cannot post merge request notes). ' +
        'The full report is .mlci/validate-data.md in the job artifacts: https://gitlab.example.com/ml-team/churn/-/jobs/99/artifacts/browse',
    ]);
    expect(gitlab.requests).toHaveLength(0);
    await expect(readFile(join(dir, '.mlci', 'validate-data.env'), 'utf8')).resolves.toContain(
      'MLCI_VALIDATE_DATA_STATUS=failed',
    );
  });

  test('a token without write access is a warning naming the scope, not an error', async () => {
    const { logger, warnings } = recordingLogger();
    await new GitLabPlatform({ env: mergeRequestEnv(gitlab.url, dir), logger, token: 'read-token' }).publish(
      reportIn(dir),
    );
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toMatch(
      /^cannot comment on ml-team\/churn!7: the token may not write there \(GitLab refused the token \(403 Forbidden\)\); the token needs the api scope and at least the Reporter role in the project\. MLCI_TOKEN is a masked CI\/CD variable\. The full report/,
    );
  });

  test('an unavailable GitLab is retried, then a warning; publish never throws', async () => {
    const { logger, warnings } = recordingLogger();
    // 502 is retried by gitbeaker itself; 500 by mlci, three attempts in all.
    gitlab.failNext(502, 500, 500, 500);
    const platform = new GitLabPlatform({
      env: mergeRequestEnv(gitlab.url, dir),
      logger,
      token: 'bot-token',
      retryDelayMs: 1,
    });
    await expect(platform.publish(reportIn(dir))).resolves.toBeUndefined();
    expect(warnings()).toEqual([
      expect.stringMatching(
        /^cannot comment on ml-team\/churn!7: GitLab answered 500 Internal Server Error for merge request !7 of project 42 \(after 3 attempts\)\. The full report/,
      ),
    ]);
    expect(gitlab.notesOf('42', 7)).toHaveLength(0);
  });

  test('outside a merge request pipeline, posts nothing', async () => {
    const { logger, warnings } = recordingLogger();
    const env = {
      ...mergeRequestEnv(gitlab.url, dir),
      CI_PIPELINE_SOURCE: 'push',
      CI_MERGE_REQUEST_IID: undefined,
    };
    await new GitLabPlatform({ env, logger, token: 'bot-token' }).publish(reportIn(dir));
    expect(gitlab.requests).toHaveLength(0);
    expect(warnings()).toEqual([]);
  });
});

describe('GitLabPlatform.publish with an alert', () => {
  const alert = alertFor('issue', 'validate-data', 'press-model@production', 'monitor');
  const scheduleEnv = () => {
    const {
      CI_MERGE_REQUEST_IID: _iid,
      CI_MERGE_REQUEST_PROJECT_ID: _project,
      ...env
    } = mergeRequestEnv(gitlab.url, dir);
    return { ...env, CI_PIPELINE_SOURCE: 'schedule', CI_COMMIT_BRANCH: 'main' };
  };

  test('a merge request pipeline keeps its note and leaves the alert issue alone', async () => {
    const { logger, lines } = recordingLogger();
    const platform = new GitLabPlatform({
      env: mergeRequestEnv(gitlab.url, dir),
      logger,
      token: 'bot-token',
    });
    await platform.publish(reportIn(dir), { alert });
    expect(gitlab.requests.filter((request) => request.path.includes('/issues'))).toEqual([]);
    expect(lines.map((line) => line.message)).toContain(
      'alert: not kept by a merge request pipeline (its report is the MR note)',
    );
  });

  test('one issue per model and alias: keyed by the reference, titled by it', async () => {
    const { logger } = recordingLogger();
    const platform = new GitLabPlatform({ env: scheduleEnv(), logger, token: 'bot-token', retryDelayMs: 1 });
    await platform.publish(reportIn(dir), { alert });
    expect(gitlab.issuesOf('42').map((issue) => [issue.title, issue.description.split('\n')[0]])).toEqual([
      [
        'mlci validate-data alert: press-model@production',
        '<!-- mlci-alert:validate-data:press-model@production -->',
      ],
    ]);
  });

  test('a token that may not write issues, or none, is a warning: publish never throws', async () => {
    const readOnly = recordingLogger();
    await new GitLabPlatform({ env: scheduleEnv(), logger: readOnly.logger, token: 'read-token' }).publish(
      reportIn(dir),
      { alert },
    );
    expect(readOnly.warnings()).toEqual([
      expect.stringMatching(
        /^cannot keep the alert issue: GitLab refused the token \(403 Forbidden\); MLCI_TOKEN needs `api` scope and at least the Reporter role in the project\. The full report is \.mlci\/validate-data\.md in the job artifacts: /,
      ),
    ]);
    const none = recordingLogger();
    await new GitLabPlatform({ env: scheduleEnv(), logger: none.logger }).publish(reportIn(dir), { alert });
    expect(none.warnings()).toEqual([
      expect.stringMatching(/^cannot keep the alert issue: set MLCI_TOKEN, /),
    ]);
    expect(gitlab.issuesOf('42')).toEqual([]);
  });
});
