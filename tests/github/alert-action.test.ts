import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sensorReadings } from '../support/sensor-readings';
import { repoRoot } from './action-manifest';
import { type FakeGitHub, githubActionsBot, startFakeGitHub } from './fake-github';
import { schedule } from './payloads';
import { type ActionRun, runActionBundle } from './run-action';

/**
 * `alert: issue` of the validate-data action bundle on a scheduled workflow (no pull request), run as the runner
 * runs it against a loopback GitHub API: a drifted production sample opens one issue, the next drifted sample
 * rewrites it, a passing sample closes it with a comment linking the run, and drift after that reopens it.
 */
const actionDir = join(repoRoot, 'actions/validate-data');
const bundle = join(actionDir, 'dist/index.mjs');
const owner = 'plant-ops';
const repo = 'press-monitor';
// No report-id and no registry reference: the alert is keyed by the job (GITHUB_JOB).
const marker = '<!-- mlci-alert:validate-data:monitor -->';

let root: string;
let github: FakeGitHub;
let runs = 0;

beforeAll(async () => {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`node scripts/build.mjs\``);
  root = mkdtempSync(join(tmpdir(), 'mlci-alert-github-'));
  mkdirSync(join(root, 'work/reference'), { recursive: true });
  mkdirSync(join(root, 'work/production'), { recursive: true });
  writeFileSync(join(root, 'work/reference/training.csv'), sensorReadings({ rows: 300, seed: 11 }));
  github = await startFakeGitHub({ writeTokens: ['ghs_monitor'] });
});
afterAll(async () => {
  await github?.close();
  rmSync(root, { recursive: true, force: true });
});

/** One scheduled run on this production sample. */
async function monitor(sample: string): Promise<ActionRun> {
  const cwd = join(root, 'work');
  writeFileSync(join(cwd, 'production/sample.csv'), sample);
  const runnerTemp = join(root, `runner-${++runs}`);
  mkdirSync(runnerTemp, { recursive: true });
  const env = schedule(
    {
      owner,
      repository: repo,
      sha: '5e1f3a0c9b8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f',
      cron: '17 5 * * *',
      workflow: 'monitor',
      job: 'monitor',
      runId: String(9_100_000 + runs),
    },
    join(runnerTemp, 'event.json'),
  );
  return runActionBundle({
    actionDir,
    inputs: { data: 'production/sample.csv', reference: 'reference/training.csv', alert: 'issue' },
    env: { ...env, GITHUB_API_URL: github.url, RUNNER_TOOL_CACHE: join(root, 'toolcache') },
    githubToken: 'ghs_monitor',
    cwd,
    runnerTemp,
  });
}

const report = () => readFileSync(join(root, 'work/.mlci/validate-data.md'), 'utf8');
const ours = () => github.issues(owner, repo).filter((issue) => issue.user.login === githubActionsBot.login);

describe('validate-data action: alert issue on a scheduled run', () => {
  it('opens one issue on drift, rewrites it on the next drift, closes it on a pass, reopens it on drift', async () => {
    // Someone else's issue that starts with the same marker: never edited, closed or commented on.
    const planted = github.seedIssue(owner, repo, { title: 'look here', body: `${marker}\nnot mlci's` });

    const first = await monitor(sensorReadings({ rows: 200, seed: 29, shift: 15 }));
    expect(first.exitCode).toBe(1);
    expect(first.outputs.status).toBe('failed');
    expect(ours()).toHaveLength(1);
    const issue = ours()[0];
    expect(issue?.state).toBe('open');
    expect(issue?.title).toBe('mlci validate-data alert: monitor');
    expect(issue?.body).toBe(`${marker}\n${report()}`);
    expect(issue?.body).toMatch(/temperature/);
    expect(first.stdout).toContain(`alert: created issue #${issue?.number} of ${owner}/${repo}`);
    const firstBody = issue?.body;

    // Other alerts of the same bot fill the first page (newest first): the search must page on.
    for (let i = 0; i < 110; i++)
      github.seedIssue(
        owner,
        repo,
        { title: `other ${i}`, body: `<!-- mlci-alert:evaluate:${i} -->` },
        githubActionsBot,
      );
    github.requests.length = 0;

    const second = await monitor(sensorReadings({ rows: 200, seed: 31, shift: 30 }));
    expect(second.exitCode).toBe(1);
    const again = github.issues(owner, repo).filter((candidate) => candidate.body.startsWith(`${marker}\n`));
    expect(again.map((candidate) => candidate.number)).toEqual([planted.number, issue?.number]);
    expect(again[1]?.body).toBe(`${marker}\n${report()}`);
    expect(again[1]?.body).not.toBe(firstBody);
    expect(second.stdout).toContain(`alert: updated issue #${issue?.number}`);
    const listed = github.requests.filter(
      (r) => r.method === 'GET' && r.path === `/repos/${owner}/${repo}/issues`,
    );
    expect(
      listed.map((r) => [r.query.get('creator'), r.query.get('state'), r.query.get('page') ?? '1']),
    ).toEqual([
      [githubActionsBot.login, 'all', '1'],
      [githubActionsBot.login, 'all', '2'],
    ]);

    const third = await monitor(sensorReadings({ rows: 200, seed: 37 }));
    expect(third.exitCode).toBe(0);
    const closed = github.issues(owner, repo).find((candidate) => candidate.number === issue?.number);
    expect(closed?.state).toBe('closed');
    const runUrl = `https://github.com/${owner}/${repo}/actions/runs/${9_100_000 + runs}`;
    expect(github.comments(owner, repo, issue?.number ?? 0).map((comment) => comment.body)).toEqual([
      `Passed in [this run](${runUrl}): closing.`,
    ]);
    expect(third.stdout).toContain(`alert: closed issue #${issue?.number}`);

    // A pass with nothing open changes nothing.
    github.requests.length = 0;
    expect((await monitor(sensorReadings({ rows: 200, seed: 41 }))).exitCode).toBe(0);
    expect(github.requests.filter((r) => r.method !== 'GET')).toEqual([]);

    const fifth = await monitor(sensorReadings({ rows: 200, seed: 43, shift: 20 }));
    expect(fifth.exitCode).toBe(1);
    const reopened = github.issues(owner, repo).find((candidate) => candidate.number === issue?.number);
    expect(reopened?.state).toBe('open');
    expect(reopened?.body).toBe(`${marker}\n${report()}`);
    expect(ours().filter((candidate) => candidate.body.startsWith(`${marker}\n`))).toHaveLength(1);

    expect(github.issues(owner, repo)[0]).toEqual(planted);
    expect(github.comments(owner, repo, planted.number)).toEqual([]);
    expect(github.requests.every((r) => r.authorization === 'token ghs_monitor')).toBe(true);
  });
});
