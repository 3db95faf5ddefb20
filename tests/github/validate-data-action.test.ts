import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { node24Binary } from '../support/node24';
import { repoRoot } from './action-manifest';
import { type FakeGitHub, githubActionsBot, startFakeGitHub } from './fake-github';
import { type PullRequestFixture, pullRequestEnv, pullRequestOpened } from './payloads';
import { type ActionRun, runActionBundle } from './run-action';

/**
 * End to end: the committed bundle of the validate-data action, run with `node` as the runner runs it,
 * against a loopback GitHub API. DuckDB is external to the bundle and resolves from the repository's
 * node_modules, which is why the bundle runs from its place in the repository.
 */
const actionDir = join(repoRoot, 'actions/validate-data');
const bundle = join(actionDir, 'dist/index.mjs');
// The job's marker: GITHUB_JOB of pullRequestEnv, no step id.
const marker = '<!-- mlci:validate-data:validate -->';
const owner = 'octo-org';
const repo = 'churn-model';

const schema = `version: 1
columns:
  customer_id:
    type: integer
    unique: true
    nullable: false
  age:
    type: integer
    min: 18
    max: 120
  plan:
    type: string
    allowed: [basic, pro, enterprise]
  monthly_fee:
    type: number
    min: 0
  churned:
    type: boolean
table:
  columns: exact
`;

const goodRows = [
  'customer_id,age,plan,monthly_fee,churned',
  '1,34,basic,9.99,false',
  '2,51,pro,29.5,true',
  '3,27,enterprise,120,false',
  '4,45,pro,29.5,false',
];
/** Three broken rules: an age below 18, a plan not allowed, a repeated id. */
const badRows = [...goodRows, '5,7,basic,9.99,false', '6,38,gold,49,true', '2,60,basic,9.99,true'];

let root: string;
let github: FakeGitHub;
let runCount = 0;

beforeAll(() => {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`node scripts/build.mjs\``);
  root = mkdtempSync(join(tmpdir(), 'mlci-e2e-github-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});
afterEach(async () => {
  await github?.close();
});

function workspace(name: string, rows: string[]): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'data'), { recursive: true });
  mkdirSync(join(dir, 'schemas'), { recursive: true });
  writeFileSync(join(dir, 'data/customers.csv'), `${rows.join('\n')}\n`);
  writeFileSync(join(dir, 'schemas/customers.yaml'), schema);
  return dir;
}

async function runOnPullRequest(
  cwd: string,
  pr: PullRequestFixture,
  token: string,
  node?: string,
  job: { env?: Record<string, string>; inputs?: Record<string, string> } = {},
): Promise<ActionRun> {
  const runnerTemp = join(root, `runner-${++runCount}`);
  mkdirSync(runnerTemp, { recursive: true });
  const eventPath = join(runnerTemp, 'event.json');
  writeFileSync(eventPath, JSON.stringify(pullRequestOpened(pr)));
  return runActionBundle({
    actionDir,
    inputs: { data: 'data/customers.csv', schema: 'schemas/customers.yaml', ...job.inputs },
    env: {
      ...pullRequestEnv(pr, eventPath),
      GITHUB_API_URL: github.url,
      RUNNER_TOOL_CACHE: join(root, 'toolcache'),
      ...job.env,
    },
    githubToken: token,
    cwd,
    runnerTemp,
    ...(node ? { node } : {}),
  });
}

const pr: PullRequestFixture = {
  owner,
  repo,
  number: 17,
  headSha: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00',
  headRef: 'data/march',
  baseRef: 'main',
};

const sha256 = (path: string) => `sha256:${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
const lines = (text: string, prefix: string) => text.split('\n').filter((line) => line.startsWith(prefix));

describe('validate-data action bundle', () => {
  it('fails a PR whose data breaks the contract, and keeps one comment up to date', async () => {
    github = await startFakeGitHub({ writeTokens: ['ghs_write'] });
    // A busy PR: ours will be comment 121, on the second page of 100.
    github.seed(
      owner,
      repo,
      17,
      Array.from({ length: 120 }, (_, i) => `review note ${i}`),
    );
    const cwd = workspace('failing', badRows);

    const first = await runOnPullRequest(cwd, pr, 'ghs_write');
    expect({ exitCode: first.exitCode, stderr: first.stderr }).toEqual({ exitCode: 1, stderr: '' });
    expect(first.outputs.status).toBe('failed');
    expect(first.outputs['dataset-digest']).toBe(sha256(join(cwd, 'data/customers.csv')));
    expect(first.outputs['report-path']).toBe('.mlci/validate-data.md');

    const reportMarkdown = readFileSync(join(cwd, '.mlci/validate-data.md'), 'utf8');
    expect(first.summary).toBe(`${reportMarkdown}\n`);

    // Failed checks are annotated on the schema line that states the broken rule.
    const errors = lines(first.stdout, '::error');
    expect(errors.some((line) => /file=schemas\/customers\.yaml,line=9::/.test(line))).toBe(true);
    expect(errors.some((line) => /file=schemas\/customers\.yaml,line=13::/.test(line))).toBe(true);
    expect(errors.some((line) => /file=schemas\/customers\.yaml,line=5::/.test(line))).toBe(true);

    const ours = () => github.comments(owner, repo, 17).filter((c) => c.body.includes(marker));
    expect(ours()).toHaveLength(1);
    const comment = ours()[0];
    // The whole report fits, so the comment is the marker and the report.
    expect(comment?.body).toBe(`${marker}\n${reportMarkdown}`);
    expect(reportMarkdown).toMatch(/failed: 3 of \d+ checks failed/);
    expect(github.requests.every((r) => r.authorization === 'token ghs_write')).toBe(true);

    // The next push: same data, same verdict, the comment edited in place.
    github.requests.length = 0;
    const second = await runOnPullRequest(cwd, pr, 'ghs_write');
    expect(second.exitCode).toBe(1);
    expect(ours()).toHaveLength(1);
    expect(ours()[0]?.id).toBe(comment?.id);
    const calls = github.requests.map(
      (r) => `${r.method} ${r.path}${r.method === 'GET' ? `?page=${r.query.get('page') ?? 1}` : ''}`,
    );
    expect(calls).toEqual([
      // Who the token is (GITHUB_TOKEN: GitHub's 403, so github-actions[bot]): only its comment is edited.
      'GET /user?page=1',
      `GET /repos/${owner}/${repo}/issues/17/comments?page=1`,
      `GET /repos/${owner}/${repo}/issues/17/comments?page=2`,
      `PATCH /repos/${owner}/${repo}/issues/comments/${comment?.id}`,
    ]);
    expect(github.comments(owner, repo, 17)).toHaveLength(121);
  });

  it('still fails the job and writes the summary when a fork PR cannot comment', async () => {
    github = await startFakeGitHub({ readOnlyTokens: ['ghs_readonly'] });
    const cwd = workspace('fork', badRows);
    const run = await runOnPullRequest(
      cwd,
      { ...pr, number: 18, forkOwner: 'outside-contributor' },
      'ghs_readonly',
    );

    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('failed');
    expect(run.summary).toBe(`${readFileSync(join(cwd, '.mlci/validate-data.md'), 'utf8')}\n`);
    const warnings = lines(run.stdout, '::warning');
    expect(warnings).toEqual([
      expect.stringMatching(
        /^::warning::cannot comment on octo-org\/churn-model#18: the token may not write there.*permissions: pull-requests: write.*fork/,
      ),
    ]);
    expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(github.comments(owner, repo, 18)).toHaveLength(0);
    // The verdict is the gate's, reported as the step's failure.
    expect(lines(run.stdout, '::error::')).toEqual([expect.stringContaining('validate-data failed')]);
  });

  it('passes clean data', async () => {
    github = await startFakeGitHub({ writeTokens: ['ghs_write'] });
    const cwd = workspace('passing', goodRows);
    const run = await runOnPullRequest(cwd, { ...pr, number: 19 }, 'ghs_write');

    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(run.outputs.status).toBe('passed');
    expect(run.outputs['dataset-digest']).toBe(sha256(join(cwd, 'data/customers.csv')));
    expect(lines(run.stdout, '::error')).toEqual([]);
    expect(github.comments(owner, repo, 19)).toEqual([
      expect.objectContaining({ body: expect.stringMatching(/^<!-- mlci:validate-data:validate -->\n/) }),
    ]);
  });

  it('keeps one comment per job of the step, edits each in place, and takes over an old per-step comment', async () => {
    github = await startFakeGitHub({ writeTokens: ['ghs_write'] });
    // A comment from an mlci before report ids: the first job takes it over instead of adding one.
    github.seed(owner, repo, 23, ['<!-- mlci:validate-data -->\n## an older report'], githubActionsBot);
    const number = { ...pr, number: 23 };
    const trainData = workspace('jobs-train', badRows);
    const testData = workspace('jobs-test', goodRows);
    // Two steps of one job (the runner's GITHUB_ACTION is each step's id), and a job in a matrix that sets
    // report-id itself, since its legs share the job id.
    const trainJob = { env: { GITHUB_JOB: 'data', GITHUB_ACTION: 'train-data' } };
    const testJob = { env: { GITHUB_JOB: 'data', GITHUB_ACTION: 'test-data' } };
    const matrixJob = { env: { GITHUB_JOB: 'legs', GITHUB_ACTION: '__run' }, inputs: { 'report-id': 'eu' } };
    const bodies = () => github.comments(owner, repo, 23).map((comment) => comment.body.split('\n')[0]);

    expect((await runOnPullRequest(trainData, number, 'ghs_write', undefined, trainJob)).exitCode).toBe(1);
    expect((await runOnPullRequest(testData, number, 'ghs_write', undefined, testJob)).exitCode).toBe(0);
    expect((await runOnPullRequest(testData, number, 'ghs_write', undefined, matrixJob)).exitCode).toBe(0);
    expect(bodies()).toEqual([
      '<!-- mlci:validate-data:data/train-data -->',
      '<!-- mlci:validate-data:data/test-data -->',
      '<!-- mlci:validate-data:eu -->',
    ]);
    const [train, test] = github.comments(owner, repo, 23);
    expect(train?.body).toContain('validate-data failed');
    expect(test?.body).toContain('validate-data passed');
    const ids = github.comments(owner, repo, 23).map((comment) => comment.id);

    // The next push fixes the training data: each job edits its own comment, the other is left alone.
    writeFileSync(join(trainData, 'data/customers.csv'), `${goodRows.join('\n')}\n`);
    github.requests.length = 0;
    expect((await runOnPullRequest(trainData, number, 'ghs_write', undefined, trainJob)).exitCode).toBe(0);
    expect(github.comments(owner, repo, 23).map((comment) => comment.id)).toEqual(ids);
    expect(github.comments(owner, repo, 23)[0]?.body).toContain('validate-data passed');
    expect(github.requests.filter((request) => request.method !== 'GET')).toEqual([
      expect.objectContaining({ method: 'PATCH', path: `/repos/${owner}/${repo}/issues/comments/${ids[0]}` }),
    ]);
  });

  it('refuses a report-id that could end the marker comment', async () => {
    github = await startFakeGitHub({ writeTokens: ['ghs_write'] });
    const run = await runOnPullRequest(
      workspace('bad-id', goodRows),
      { ...pr, number: 24 },
      'ghs_write',
      undefined,
      {
        inputs: { 'report-id': 'train -->' },
      },
    );
    expect(run.exitCode).toBe(2);
    expect(lines(run.stdout, '::error')).toEqual([
      expect.stringMatching(/report-id.*may not contain <, > or control characters/),
    ]);
    expect(github.comments(owner, repo, 24)).toHaveLength(0);
  });

  it('runs the same under node24, the runtime action.yml declares', async () => {
    github = await startFakeGitHub({ writeTokens: ['ghs_write'] });
    const failing = await runOnPullRequest(
      workspace('node24-failing', badRows),
      { ...pr, number: 20 },
      'ghs_write',
      node24Binary(),
    );
    expect({ exitCode: failing.exitCode, stderr: failing.stderr }).toEqual({ exitCode: 1, stderr: '' });
    expect(failing.outputs.status).toBe('failed');
    const passing = await runOnPullRequest(
      workspace('node24-passing', goodRows),
      { ...pr, number: 21 },
      'ghs_write',
      node24Binary(),
    );
    expect(passing.exitCode).toBe(0);
    expect(github.comments(owner, repo, 20)).toHaveLength(1);
  });

  it('names the drifted columns with their charts and the train/test overlap in the PR comment', async () => {
    github = await startFakeGitHub({ writeTokens: ['ghs_write'] });
    const cwd = join(root, 'drift');
    mkdirSync(join(cwd, 'data'), { recursive: true });
    const example = join(repoRoot, 'examples/breast-cancer/data');
    const [header = '', ...trainRows] = readFileSync(join(example, 'train.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    const testRows = readFileSync(join(example, 'test.csv'), 'utf8').trimEnd().split('\n').slice(1);
    const drifted = ['mean_texture', 'worst_texture'].map((name) => header.split(',').indexOf(name));
    // A new training set: two columns shifted, and ten rows of the test set in it.
    const current = trainRows.map((row) => {
      const cells = row.split(',');
      for (const index of drifted) cells[index] = String(Number(cells[index]) * 1.6);
      return cells.join(',');
    });
    writeFileSync(join(cwd, 'data/reference.csv'), `${[header, ...trainRows].join('\n')}\n`);
    writeFileSync(
      join(cwd, 'data/train.csv'),
      `${[header, ...current, ...testRows.slice(0, 10)].join('\n')}\n`,
    );
    writeFileSync(join(cwd, 'data/test.csv'), `${[header, ...testRows].join('\n')}\n`);
    const runnerTemp = join(root, 'runner-drift');
    mkdirSync(runnerTemp, { recursive: true });
    const eventPath = join(runnerTemp, 'event.json');
    const drift = { ...pr, number: 22 };
    writeFileSync(eventPath, JSON.stringify(pullRequestOpened(drift)));
    const run = await runActionBundle({
      actionDir,
      inputs: {
        data: 'data/train.csv',
        reference: 'data/reference.csv',
        test: 'data/test.csv',
        label: 'diagnosis',
      },
      env: { ...pullRequestEnv(drift, eventPath), GITHUB_API_URL: github.url },
      githubToken: 'ghs_write',
      cwd,
      runnerTemp,
    });

    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 1, stderr: '' });
    const [comment] = github.comments(owner, repo, 22);
    const body = comment?.body ?? '';
    // The gate fails on the overlap; the drift table and a chart name both drifted columns.
    expect(body).toMatch(/overlap/i);
    expect(body).toMatch(/10 of 114/);
    for (const column of ['mean_texture', 'worst_texture']) {
      // The name as code inside the emphasis, as written.
      expect(body).toContain(`**\`${column}\`**: KS`);
    }
    // Each chart: a mermaid block whose front matter (the series' colours) is followed by its xychart line.
    expect(body.match(/```mermaid\n(?:---\n[^`]*?---\n)?xychart-beta/g)).toHaveLength(2);
  });
});
