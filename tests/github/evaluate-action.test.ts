import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { baselinePredictions, betterCandidate, worseCandidate } from '../support/evaluation-predictions';
import { repoRoot } from './action-manifest';
import { type FakeGitHub, startFakeGitHub } from './fake-github';
import { type PullRequestFixture, pullRequestEnv, pullRequestOpened } from './payloads';
import { type ActionRun, runActionBundle } from './run-action';

/**
 * End to end: the committed bundle of the evaluate action, run with `node` as the runner runs it (INPUT_*
 * variables with action.yml's defaults, the file-command files, the event payload), on two pushes to one pull
 * request, against a loopback GitHub API for the sticky comment. The first push's candidate drops past the
 * gate; the second's passes.
 */
const actionDir = join(repoRoot, 'actions/evaluate');
const bundle = join(actionDir, 'dist/index.mjs');
const marker = '<!-- mlci:evaluate:evaluate -->';
const owner = 'octo-org';
const repo = 'churn';

/** The inputs a workflow's `with:` gives: lists one item per line, as GitHub passes multi-line inputs. */
const evaluateInputs = {
  candidate: 'predictions/candidate.csv',
  baseline: 'predictions/baseline.csv',
  'score-column': 'score',
  'slice-column': 'region',
  gate: 'accuracy:max_drop=0.02\nf1>=0.8@region=DE',
};

let root: string;
let origin: string;
let github: FakeGitHub | undefined;
let runCount = 0;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();
}

function commitCandidate(candidate: string, message: string): string {
  writeFileSync(join(origin, 'predictions/candidate.csv'), candidate);
  git(origin, 'add', '-A');
  git(origin, 'commit', '-q', '-m', message);
  return git(origin, 'rev-parse', 'HEAD');
}

beforeAll(() => {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`node scripts/build.mjs\``);
  root = mkdtempSync(join(tmpdir(), 'mlci-e2e-evaluate-action-'));
  origin = join(root, 'origin');
  mkdirSync(join(origin, 'predictions'), { recursive: true });
  writeFileSync(join(origin, 'predictions/baseline.csv'), baselinePredictions);
  git(origin, 'init', '-q', '-b', 'main');
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});
afterEach(async () => {
  await github?.close();
  github = undefined;
});

/** What actions/checkout leaves: a fresh clone at the commit. */
function checkout(name: string, commit: string): string {
  const dir = join(root, name);
  execFileSync('git', ['clone', '-q', origin, dir]);
  git(dir, 'checkout', '-q', commit);
  return dir;
}

function pullRequestRun(pr: PullRequestFixture): Record<string, string> {
  const dir = join(root, `event-${pr.number}-${pr.headSha.slice(0, 7)}`);
  mkdirSync(dir, { recursive: true });
  const eventPath = join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(pullRequestOpened(pr)));
  return { ...pullRequestEnv(pr, eventPath), GITHUB_JOB: 'evaluate' };
}

async function runEvaluate(cwd: string, env: Record<string, string>, token: string): Promise<ActionRun> {
  return runActionBundle({
    actionDir,
    inputs: evaluateInputs,
    env: { ...env, ...(github ? { GITHUB_API_URL: github.url } : {}) },
    githubToken: token,
    cwd,
    runnerTemp: join(root, `runner-${++runCount}`),
  });
}

describe('evaluate action bundle', () => {
  it('fails the PR job on a candidate below the gate with the table in the comment, then edits that comment to a pass', async () => {
    github = await startFakeGitHub({ writeTokens: ['ghs_write'] });
    const pr = (headSha: string): PullRequestFixture => ({
      owner,
      repo,
      number: 58,
      headSha,
      headRef: 'model/lr-0.3',
      baseRef: 'main',
    });
    const ours = () => github?.comments(owner, repo, 58).filter((c) => c.body.includes(marker)) ?? [];

    const worse = commitCandidate(worseCandidate, 'candidate: lr 0.3');
    const firstDir = checkout('first', worse);
    const first = await runEvaluate(firstDir, pullRequestRun(pr(worse)), 'ghs_write');
    expect(first.exitCode).toBe(1);
    expect(first.stdout).toMatch(
      /^::error::evaluate failed: 2 of 2 gates failed; accuracy 0\.9 -> 0\.8: (?:dropped|worse) by 0\.1, more than max_drop 0\.02$/m,
    );
    // An annotation per failed gate, titled with the gate (and its slice).
    expect(first.stdout).toMatch(
      /^::error title=mlci evaluate%3A accuracy%3Amax_drop=0\.02::accuracy 0\.9 -> 0\.8/m,
    );
    expect(first.stdout).toMatch(/^::error title=mlci evaluate%3A region=DE%3A f1>=0\.8@region=DE::/m);
    expect(first.outputs).toEqual({
      'gates-failed': '2',
      'data-digest': expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      metrics: expect.stringContaining('"accuracy":0.8,'),
    });
    const firstReport = readFileSync(join(firstDir, '.mlci/evaluate.md'), 'utf8');
    expect(first.summary).toBe(`${firstReport}\n`);
    expect(ours()).toHaveLength(1);
    const comment = ours()[0];
    expect(comment?.body).toContain('evaluate failed');
    expect(comment?.body).toMatch(/^\| accuracy:max_drop=0\.02 \| all rows \| accuracy 0\.9 -> 0\.8/m);
    // As written but for a zero-width joiner after `@`, so `@region` mentions no GitHub user.
    expect(comment?.body).toMatch(/^\| f1>=0\.8@\u200dregion=DE \| region=DE \| /m);
    expect(comment?.body).toMatch(/^\| accuracy \| 0\.8 \| 0\.9 \| -0\.1 \(worse\) \| \[[^\]]+\] \| ❌ \|$/m);
    expect(existsSync(join(firstDir, '.mlci/metrics.txt'))).toBe(true);

    // The next push to the PR: a candidate that passes, evaluated on the same data.
    github.requests.length = 0;
    const better = commitCandidate(betterCandidate, 'candidate: lr 0.1');
    const secondDir = checkout('second', better);
    const second = await runEvaluate(secondDir, pullRequestRun(pr(better)), 'ghs_write');
    expect({ exitCode: second.exitCode, errors: second.stdout.match(/^::error.*$/gm) }).toEqual({
      exitCode: 0,
      errors: null,
    });
    expect(second.outputs['gates-failed']).toBe('0');
    expect(second.outputs['data-digest']).toBe(first.outputs['data-digest']);
    expect(ours()).toHaveLength(1);
    expect(ours()[0]?.id).toBe(comment?.id);
    expect(ours()[0]?.body).toContain('evaluate passed');
    expect(ours()[0]?.body).not.toContain('evaluate failed');
    expect(ours()[0]?.body).toMatch(
      /^\| accuracy \| 0\.9333 \| 0\.9 \| \+0\.0333 \(better\) \| \[[^\]]+\] \| ✅ \|$/m,
    );
    expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /user',
      `GET /repos/${owner}/${repo}/issues/58/comments`,
      `PATCH /repos/${owner}/${repo}/issues/comments/${comment?.id}`,
    ]);
  });

  it('refuses a malformed gate with exit 2 before comparing, naming it', async () => {
    const head = git(origin, 'rev-parse', 'HEAD');
    const cwd = checkout('bad-gate', head);
    const run = await runActionBundle({
      actionDir,
      inputs: { ...evaluateInputs, gate: 'accuracy=>0.9' },
      env: pullRequestRun({ owner, repo, number: 59, headSha: head, headRef: 'x', baseRef: 'main' }),
      githubToken: '',
      cwd,
      runnerTemp: join(root, `runner-${++runCount}`),
    });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toMatch(/^::error::.*accuracy=>0\.9/m);
  });
});
