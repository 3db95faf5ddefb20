import { createServer } from 'node:net';
import { ExitCode, InputError, ServiceError } from '@mlci/core';
import { FakeGitLab } from '../../../tests/gitlab/fake-gitlab';
import { GitLabArtifacts, type GitLabArtifactsOptions } from './artifacts';
import { GitLabPlatform } from './platform';

let gitlab: FakeGitLab;
let apiUrl: string;
const archive = Buffer.from('PK-fake-archive');

beforeEach(async () => {
  gitlab = new FakeGitLab({
    tokens: { 'glpat-reader': 'reader', 'glpat-guest': 'guest' },
    jobTokens: ['job-token-1'],
    noArtifactTokens: ['glpat-guest'],
  });
  apiUrl = `${await gitlab.start()}/api/v4`;
  gitlab.setJobArtifacts('77', 'main', 'evaluate', archive);
  gitlab.setJobArtifacts('ml/churn', 'feature/lr 0.3', 'model-eval', Buffer.from('PK-slashes'));
});
afterEach(async () => {
  await gitlab.stop();
});

const artifactsOf = (options: Partial<GitLabArtifactsOptions>) =>
  new GitLabArtifacts({ apiUrl, projectId: '77', retryDelayMs: 5, ...options });

test('downloads the branch job artifacts with CI_JOB_TOKEN as JOB-TOKEN', async () => {
  const found = await artifactsOf({
    jobToken: 'job-token-1',
    projectUrl: 'https://gitlab.example/ml/churn',
  }).latest('main', 'evaluate');
  expect(Buffer.from(found?.archive ?? []).equals(archive)).toBe(true);
  expect(found?.origin).toBe('https://gitlab.example/ml/churn/-/jobs/artifacts/main/browse?job=evaluate');
  expect(gitlab.requests.map((r) => [r.path, r.query, r.jobToken, r.token])).toEqual([
    ['/api/v4/projects/77/jobs/artifacts/main/download', { job: 'evaluate' }, 'job-token-1', undefined],
  ]);
});

test('prefers MLCI_TOKEN as PRIVATE-TOKEN, and encodes the project path, ref and job', async () => {
  const found = await artifactsOf({
    projectId: 'ml/churn',
    privateToken: 'glpat-reader',
    jobToken: 'job-token-1',
  }).latest('feature/lr 0.3', 'model-eval');
  expect(Buffer.from(found?.archive ?? []).toString()).toBe('PK-slashes');
  expect(found?.origin).toBe(
    `${apiUrl}/projects/ml%2Fchurn/jobs/artifacts/feature%2Flr%200.3/download?job=model-eval`,
  );
  expect(gitlab.requests[0]?.token).toBe('glpat-reader');
  expect(gitlab.requests[0]?.jobToken).toBeUndefined();
});

test('no artifacts on the branch (404) is undefined; a refused token says what it needs', async () => {
  expect(await artifactsOf({ jobToken: 'job-token-1' }).latest('dev', 'evaluate')).toBeUndefined();
  const refused = await artifactsOf({ privateToken: 'glpat-guest' })
    .latest('main', 'evaluate')
    .catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(InputError);
  expect((refused as Error).message).toBe(
    "baseline: GitLab refused MLCI_TOKEN (403 Forbidden) for the artifacts of job 'evaluate' on 'main' of project 77: it needs `read_api` scope and at least the Reporter role in the project",
  );
  const job = await artifactsOf({ jobToken: 'expired' })
    .latest('main', 'evaluate')
    .catch((e: unknown) => e);
  expect((job as Error).message).toMatch(
    /^baseline: GitLab refused CI_JOB_TOKEN \(401 Unauthorized\) for .*job token allowlist; else set MLCI_TOKEN/,
  );
  const none = await artifactsOf({})
    .latest('main', 'evaluate')
    .catch((e: unknown) => e);
  expect((none as Error).message).toBe(
    'baseline: reading GitLab job artifacts needs CI_JOB_TOKEN (set in every GitLab job) or MLCI_TOKEN',
  );
});

test('server errors are tried again, then end as a service error (exit 3); so does an unreachable GitLab', async () => {
  gitlab.failNext(500, 502);
  expect(await artifactsOf({ jobToken: 'job-token-1' }).latest('main', 'evaluate')).toBeDefined();
  gitlab.failNext(503, 503, 503);
  const error = await artifactsOf({ jobToken: 'job-token-1' })
    .latest('main', 'evaluate')
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ServiceError);
  expect((error as ServiceError).exitCode).toBe(ExitCode.service);
  expect((error as Error).message).toBe(
    `GitLab answered 503 Service Unavailable for ${apiUrl}/projects/77/jobs/artifacts/main/download (after 3 attempts)`,
  );
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const unreachable = await artifactsOf({
    apiUrl: `http://127.0.0.1:${port}/api/v4`,
    jobToken: 'job-token-1',
  })
    .latest('main', 'evaluate')
    .catch((e: unknown) => e);
  expect(unreachable).toBeInstanceOf(ServiceError);
  expect((unreachable as Error).message).toMatch(
    /^cannot reach GitLab at .*: ECONNREFUSED \(after 3 attempts\)$/,
  );
});

describe('GitLabPlatform', () => {
  const logger = { info() {}, warn() {}, debug() {} };
  test("knows the default branch and reads the MR's target project artifacts with the job token", async () => {
    const platform = new GitLabPlatform({
      env: {
        CI_DEFAULT_BRANCH: 'main',
        CI_API_V4_URL: apiUrl,
        CI_PROJECT_ID: '900',
        CI_MERGE_REQUEST_IID: '3',
        CI_MERGE_REQUEST_PROJECT_ID: '77',
        CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
        CI_JOB_TOKEN: 'job-token-1',
      },
      logger,
      retryDelayMs: 5,
    });
    expect(platform.context().defaultBranch).toBe('main');
    const artifacts = platform.branchArtifacts();
    expect(artifacts?.description).toBe('GitLab job artifacts');
    expect(await artifacts?.latest('main', 'evaluate')).toBeDefined();
    expect(gitlab.requests[0]?.path).toBe('/api/v4/projects/77/jobs/artifacts/main/download');
  });

  test('has no artifacts without an API URL or project', () => {
    expect(new GitLabPlatform({ env: { CI_JOB_TOKEN: 'x' }, logger }).branchArtifacts()).toBeUndefined();
  });
});
