import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { type Check, commentMarker, type Logger, type StepReport } from '@mlci/core';
import { type FakeGitHub, startFakeGitHub } from '../../../tests/github/fake-github';
import { type PullRequestFixture, pullRequestEnv, pullRequestOpened } from '../../../tests/github/payloads';
import { fitToBytes, GitHubPlatform } from './platform';

const fixture: PullRequestFixture = {
  owner: 'octo-org',
  repo: 'churn-model',
  number: 17,
  headSha: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00',
  headRef: 'data/march',
  baseRef: 'main',
};

let dir: string;
let summaryFile: string;
let outputFile: string;
const savedEnv = { ...process.env };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mlci-github-platform-'));
  summaryFile = join(dir, 'step_summary.md');
  outputFile = join(dir, 'output.txt');
  // @actions/core takes these paths from process.env (and keeps the summary path once it has seen it).
  process.env.GITHUB_STEP_SUMMARY = summaryFile;
  process.env.GITHUB_OUTPUT = outputFile;
});
afterAll(() => {
  process.env = savedEnv;
  rmSync(dir, { recursive: true, force: true });
});

function eventFile(payload: unknown, name = 'event.json'): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(payload));
  return path;
}

function prEnv(extra: Record<string, string> = {}, pr: PullRequestFixture = fixture): NodeJS.ProcessEnv {
  return { ...pullRequestEnv(pr, eventFile(pullRequestOpened(pr))), ...extra };
}

const quietLogger = (): Logger & { warnings: string[] } => {
  const warnings: string[] = [];
  return { info: () => {}, debug: () => {}, warn: (message) => warnings.push(message), warnings };
};

describe('GitHubPlatform.context', () => {
  it('describes a pull request by its head commit and branch, not the merge commit', () => {
    const env = prEnv({ GITHUB_ACTION: 'check-data' });
    const context = new GitHubPlatform({ env, logger: quietLogger() }).context();
    expect(context).toEqual({
      platform: 'github',
      repository: 'octo-org/churn-model',
      repositoryUrl: 'https://github.com/octo-org/churn-model',
      commit: fixture.headSha,
      branch: 'data/march',
      // From the payload's repository: the baseline branch of runs outside a PR.
      defaultBranch: 'main',
      event: 'pull_request',
      runUrl: 'https://github.com/octo-org/churn-model/actions/runs/8812345678',
      pipeline: '8812345678/1',
      job: 'validate',
      // The job id and the step's id: the default report id, one PR comment per step of a job.
      jobName: 'validate/check-data',
      actor: 'octocat',
      changeRequest: {
        number: 17,
        url: 'https://github.com/octo-org/churn-model/pull/17',
        targetBranch: 'main',
        fromFork: false,
      },
    });
  });

  it('knows a pull request from a fork', () => {
    const fork = { ...fixture, forkOwner: 'outside-contributor' };
    const context = new GitHubPlatform({ env: prEnv({}, fork), logger: quietLogger() }).context();
    expect(context.changeRequest).toMatchObject({ number: 17, fromFork: true });
    expect(context.actor).toBe('outside-contributor');
  });

  it('describes a tag push and a branch push', () => {
    const base = {
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REPOSITORY: 'octo-org/churn-model',
      GITHUB_SHA: '1111111111111111111111111111111111111111',
      GITHUB_SERVER_URL: 'https://ghe.example.com',
      GITHUB_RUN_ID: '5',
    };
    const tag = new GitHubPlatform({
      env: { ...base, GITHUB_REF: 'refs/tags/v1.2.3', GITHUB_REF_NAME: 'v1.2.3', GITHUB_REF_TYPE: 'tag' },
      logger: quietLogger(),
    }).context();
    expect(tag).toMatchObject({ tag: 'v1.2.3', commit: base.GITHUB_SHA, event: 'push' });
    expect(tag.branch).toBeUndefined();
    expect(tag.changeRequest).toBeUndefined();
    expect(tag.runUrl).toBe('https://ghe.example.com/octo-org/churn-model/actions/runs/5');

    // GITHUB_REF alone (older runners, other tools) is enough.
    const branch = new GitHubPlatform({
      env: { ...base, GITHUB_REF: 'refs/heads/release/2' },
      logger: quietLogger(),
    }).context();
    expect(branch).toMatchObject({ branch: 'release/2' });
    expect(branch.tag).toBeUndefined();
  });

  it('warns about an unreadable payload and still gives the context from the variables', () => {
    const logger = quietLogger();
    const context = new GitHubPlatform({
      env: { ...pullRequestEnv(fixture, join(dir, 'missing.json')) },
      logger,
    }).context();
    expect(context.commit).toBe('a7f3c9e1d2b4a6c8e0f1a3b5c7d9e1f3a5b7c9d1');
    expect(context.changeRequest).toBeUndefined();
    expect(logger.warnings).toEqual([expect.stringContaining('missing.json')]);
  });
});

function check(index: number, status: Check['status'], extra: Partial<Check> = {}): Check {
  return {
    name: 'min',
    column: `feature_${index}`,
    status,
    severity: status === 'warned' ? 'warn' : 'error',
    message: `feature_${index}: 3 values below 0`,
    ...extra,
  };
}

function report(
  checks: Check[],
  markdown = '## validate-data: failed\n\n| check | status |\n| --- | --- |\n',
): StepReport {
  return {
    result: {
      step: 'validate-data',
      status: checks.some((c) => c.status === 'failed') ? 'failed' : 'passed',
      checks,
    },
    headline: 'validate-data failed',
    markdown,
    outputs: { status: 'failed', 'report-path': '.mlci/validate-data.json', 'dataset-digest': 'sha256:abc' },
    files: {
      json: '.mlci/validate-data.json',
      markdown: '.mlci/validate-data.md',
      junit: '.mlci/validate-data.junit.xml',
    },
  };
}

describe('GitHubPlatform.publish', () => {
  let github: FakeGitHub;
  let stdout: string[];
  beforeEach(async () => {
    github = await startFakeGitHub({ writeTokens: ['write-token'], readOnlyTokens: ['fork-token'] });
    writeFileSync(summaryFile, '');
    writeFileSync(outputFile, '');
    stdout = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(String(chunk));
      return true;
    });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await github.close();
  });

  const commandLines = (kind: string) =>
    stdout
      .join('')
      .split('\n')
      .filter((line) => line.startsWith(`::${kind}`));

  it('writes summary, outputs, capped annotations and one PR comment', async () => {
    writeFileSync(summaryFile, '# an earlier step\n');
    const checks = [
      ...Array.from({ length: 12 }, (_, i) =>
        check(i, 'failed', i === 0 ? { location: { file: join(dir, 'schemas/churn.yaml'), line: 14 } } : {}),
      ),
      check(100, 'warned', { location: { file: 'schemas/churn.yaml', line: 3 } }),
      check(101, 'warned'),
      check(102, 'passed'),
    ];
    const logger = quietLogger();
    const platform = new GitHubPlatform({
      env: prEnv({ GITHUB_API_URL: github.url, GITHUB_WORKSPACE: dir }),
      logger,
      token: 'write-token',
    });
    await platform.publish(report(checks));

    expect(readFileSync(summaryFile, 'utf8')).toBe(`# an earlier step\n${report(checks).markdown}\n`);
    const outputs = readFileSync(outputFile, 'utf8');
    expect(outputs).toMatch(/^status<<(ghadelimiter_[\w-]+)\nfailed\n\1$/m);
    expect(outputs).toMatch(/^dataset-digest<<(ghadelimiter_[\w-]+)\nsha256:abc\n\1$/m);
    expect(outputs).toMatch(/^report-path<<(ghadelimiter_[\w-]+)\n\.mlci\/validate-data\.json\n\1$/m);

    const errors = commandLines('error');
    expect(errors).toHaveLength(10);
    expect(errors[0]).toBe(
      '::error title=mlci validate-data%3A feature_0%3A min,file=schemas/churn.yaml,line=14::feature_0: 3 values below 0',
    );
    expect(commandLines('notice')).toEqual([expect.stringContaining('2 more failed checks')]);
    const warnings = commandLines('warning');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('file=schemas/churn.yaml,line=3::');

    const comments = github.comments('octo-org', 'churn-model', 17);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body.startsWith(`${commentMarker('validate-data')}\n## validate-data: failed`)).toBe(
      true,
    );
    expect(logger.warnings).toEqual([]);
  });

  it('keeps the summary and warns when the token is read-only (a fork PR)', async () => {
    const logger = quietLogger();
    const fork = { ...fixture, forkOwner: 'outside-contributor' };
    const platform = new GitHubPlatform({
      env: prEnv({ GITHUB_API_URL: github.url }, fork),
      logger,
      token: 'fork-token',
    });
    await expect(platform.publish(report([check(1, 'failed')]))).resolves.toBeUndefined();
    expect(readFileSync(summaryFile, 'utf8')).toContain('## validate-data: failed');
    expect(logger.warnings).toEqual([
      expect.stringMatching(
        /may not write there.*Pull requests: write.*permissions: pull-requests: write.*forks/s,
      ),
    ]);
    expect(github.comments('octo-org', 'churn-model', 17)).toHaveLength(0);
  });

  it('does not call the API without a token, nor outside a pull request', async () => {
    await new GitHubPlatform({ env: prEnv({ GITHUB_API_URL: github.url }), logger: quietLogger() }).publish(
      report([check(1, 'failed')]),
    );
    const push = {
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REPOSITORY: 'octo-org/churn-model',
    };
    await new GitHubPlatform({
      env: { ...push, GITHUB_API_URL: github.url },
      logger: quietLogger(),
      token: 'write-token',
    }).publish(report([check(1, 'failed')]));
    expect(github.requests).toHaveLength(0);
    expect(readFileSync(summaryFile, 'utf8').match(/## validate-data: failed/g)).toHaveLength(2);
  });

  it('cuts a summary over 1 MiB and points to the run', async () => {
    const row = '| feature | min | failed | ünïcödé values below zero |\n';
    const markdown = `## validate-data: failed\n\n${row.repeat(30000)}`;
    expect(Buffer.byteLength(markdown)).toBeGreaterThan(1024 * 1024);
    await new GitHubPlatform({ env: prEnv(), logger: quietLogger() }).publish(
      report([check(1, 'failed')], markdown),
    );
    const written = readFileSync(summaryFile);
    expect(written.length).toBeLessThanOrEqual(1024 * 1024);
    expect(written.toString('utf8')).toContain(
      'https://github.com/octo-org/churn-model/actions/runs/8812345678',
    );
  });
});

describe('fitToBytes', () => {
  it('fits multi-byte text into a byte limit', () => {
    const text = `${'€€€€€€€€€\n'.repeat(1000)}`;
    const fitted = fitToBytes(text, 2000, 'see the run');
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(2000);
    expect(fitted).toContain('see the run');
    expect(fitToBytes('short', 2000, 'x')).toBe('short');
  });
});
