import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { baselinePredictions, worseCandidate } from '../support/evaluation-predictions';
import { freePort } from '../support/registry';
import { repoRoot } from './action-manifest';
import { type FakeGitHub, startFakeGitHub } from './fake-github';
import { pullRequestEnv, pullRequestOpened, pushToMain } from './payloads';
import { type ActionRun, runActionBundle } from './run-action';

/**
 * End to end: `baseline: target-branch` with the committed bundle of the evaluate action, run as the runner
 * runs it. A push to main evaluates the production model and keeps `.mlci` as the artifact `evaluate` (zipped by
 * Python's zipfile, as upload-artifact would); a pull request's run then finds that artifact through the loopback
 * GitHub API (list, run conclusion, a download redirected to storage on another origin) and gates against it.
 */
const actionDir = join(repoRoot, 'actions/evaluate');
const bundle = join(actionDir, 'dist/index.mjs');
const owner = 'octo-org';
const repo = 'churn';
const token = 'ghs_actions_read';

let root: string;
let github: FakeGitHub;
let runs = 0;

beforeAll(async () => {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`node scripts/build.mjs\``);
  root = mkdtempSync(join(tmpdir(), 'mlci-e2e-branch-baseline-'));
  github = await startFakeGitHub({ writeTokens: [token] });
});
afterAll(async () => {
  await github?.close();
  rmSync(root, { recursive: true, force: true });
});

/** A fresh workspace holding the candidate's predictions. */
function workspace(candidate: string): string {
  const dir = join(root, `workspace-${++runs}`);
  mkdirSync(join(dir, 'predictions'), { recursive: true });
  writeFileSync(join(dir, 'predictions/candidate.csv'), candidate);
  return dir;
}

/** What `actions/upload-artifact` with `path: .mlci/` stores: the directory's files, relative to it. */
function zipDirectory(dir: string): Buffer {
  const script = [
    'import io, os, sys, zipfile',
    'root = sys.argv[1]',
    'buffer = io.BytesIO()',
    'with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:',
    '    for folder, _, files in os.walk(root):',
    '        for name in sorted(files):',
    '            path = os.path.join(folder, name)',
    '            z.write(path, os.path.relpath(path, root))',
    'sys.stdout.buffer.write(buffer.getvalue())',
  ].join('\n');
  return execFileSync('python3', ['-c', script, dir]);
}

async function run(
  cwd: string,
  inputs: Record<string, string>,
  env: Record<string, string>,
  apiUrl = github.url,
): Promise<ActionRun> {
  return runActionBundle({
    actionDir,
    inputs: { candidate: 'predictions/candidate.csv', 'score-column': 'score', ...inputs },
    env: { ...env, GITHUB_API_URL: apiUrl },
    githubToken: token,
    cwd,
    runnerTemp: join(root, `runner-${++runs}`),
  });
}

function pullRequest(number: number): Record<string, string> {
  const fixture = {
    owner,
    repo,
    number,
    headSha: 'b2c4e6a8c0e2a4c6e8a0c2e4a6c8e0a2c4e6a8c0',
    headRef: 'model/lr-0.3',
    baseRef: 'main',
  };
  const eventPath = join(root, `event-${number}.json`);
  writeFileSync(eventPath, JSON.stringify(pullRequestOpened(fixture)));
  return { ...pullRequestEnv(fixture, eventPath), GITHUB_JOB: 'evaluate' };
}

describe('evaluate action with baseline: target-branch', () => {
  let mainArtifact: { id: number; runId: number };

  it("gates a pull request against the artifact main's last successful run kept, never a fork's", async () => {
    // The push to main: the production model evaluated alone, its .mlci kept as the artifact `evaluate`.
    const main = workspace(baselinePredictions);
    const push = pushToMain(
      {
        owner,
        repository: repo,
        sha: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0',
        workflow: 'ml',
        job: 'evaluate',
        runId: '555',
      },
      join(root, 'push.json'),
    );
    const first = await run(main, {}, push, 'http://127.0.0.1:9');
    expect({ exitCode: first.exitCode, errors: first.stdout.match(/^::error.*$/gm) }).toEqual({
      exitCode: 0,
      errors: null,
    });
    const archive = zipDirectory(join(main, '.mlci'));
    mainArtifact = github.addArtifact({
      owner,
      repo,
      name: 'evaluate',
      branch: 'main',
      archive,
      createdAt: '2024-06-01T10:00:00Z',
    });
    // Newer ones that must not count: a fork's PR from its own branch `main`, and a failed run on main.
    const forged = JSON.parse(readFileSync(join(main, '.mlci/evaluate.json'), 'utf8'));
    forged.metrics.accuracy.candidate = 0.5;
    const forgedDir = join(root, 'forged');
    mkdirSync(forgedDir);
    writeFileSync(join(forgedDir, 'evaluate.json'), JSON.stringify(forged));
    const base = { owner, repo, name: 'evaluate', branch: 'main', archive: zipDirectory(forgedDir) };
    github.addArtifact({ ...base, createdAt: '2024-06-02T10:00:00Z', headRepositoryId: 9001 });
    github.addArtifact({ ...base, createdAt: '2024-06-03T10:00:00Z', conclusion: 'failure' });

    // The pull request: a worse candidate, the target branch's evaluation as the baseline.
    github.requests.length = 0;
    const pr = workspace(worseCandidate);
    const second = await run(
      pr,
      { baseline: 'target-branch', gate: 'accuracy:max_drop=0.02' },
      pullRequest(61),
    );
    expect(second.exitCode).toBe(1);
    expect(second.stdout).toMatch(
      /^::error::evaluate failed: 1 of 1 gates failed; accuracy 0\.9 -> 0\.8: (?:dropped|worse) by 0\.1, more than max_drop 0\.02$/m,
    );
    const origin = `https://github.com/${owner}/${repo}/actions/runs/${mainArtifact.runId}/artifacts/${mainArtifact.id}`;
    expect(second.stdout).toContain(
      `baseline: evaluate.json of the 'evaluate' artifact of branch 'main' (${origin})`,
    );
    const result = JSON.parse(readFileSync(join(pr, '.mlci/evaluate.json'), 'utf8'));
    expect(result.baseline).toEqual({
      source: `target-branch (main): evaluate.json from ${origin}`,
      kind: 'metrics',
    });
    // main's evaluate.json carries its data digest: the same test data, so the comparison goes ahead.
    expect(result.data.same).toBe(true);
    expect(result.metrics.accuracy).toMatchObject({ candidate: 0.8, baseline: 0.9 });
    const comment = github
      .comments(owner, repo, 61)
      .find((c) => c.body.includes('<!-- mlci:evaluate:evaluate -->'));
    // The whole row: the drop named as worse and the failed gate on the metric it checks. No interval column:
    // a metrics baseline has no predictions to resample.
    const lines = comment?.body.split('\n') ?? [];
    expect(lines).toContain('| metric | candidate | baseline | delta | gate |');
    expect(lines).toContain('| accuracy | 0.8 | 0.9 | -0.1 (worse) | ❌ |');

    const calls = github.requests.map((r) => `${r.method} ${r.path}`);
    expect(calls.slice(0, 4)).toEqual([
      `GET /repos/${owner}/${repo}/actions/artifacts`,
      expect.stringMatching(/^GET \/repos\/octo-org\/churn\/actions\/runs\/\d+$/),
      `GET /repos/${owner}/${repo}/actions/runs/${mainArtifact.runId}`,
      `GET /repos/${owner}/${repo}/actions/artifacts/${mainArtifact.id}/zip`,
    ]);
    const download = github.requests.find((r) => r.path.startsWith('storage:'));
    expect(download?.authorization).toBeUndefined();
    const actionsApi = github.requests.filter((r) => r.path.includes('/actions/'));
    expect(actionsApi.every((r) => r.authorization === `Bearer ${token}`)).toBe(true);
  });

  it('fails with one line and the right exit code on a missing artifact or file, and on an unreachable API', async () => {
    const cwd = workspace(worseCandidate);
    const missing = await run(cwd, { baseline: 'branch:dev' }, pullRequest(62));
    expect(missing.exitCode).toBe(2);
    expect(missing.stdout).toMatch(
      /^::error::baseline: no 'evaluate' artifact of a successful run on branch 'dev' in the GitHub Actions artifacts \(run evaluate on dev and keep its artifacts, see docs\/evaluate\.md\)$/m,
    );
    const noFile = await run(
      cwd,
      { baseline: 'target-branch', 'baseline-file': 'predictions.csv' },
      pullRequest(63),
    );
    expect(noFile.exitCode).toBe(2);
    expect(noFile.stdout).toMatch(
      /^::error::baseline-file: no 'predictions\.csv' in the 'evaluate' artifact of branch 'main' \(.*\), which holds evaluate\.json, evaluate\.junit\.xml, evaluate\.md, metrics\.txt$/m,
    );
    // A port that was free a moment ago: nothing listens there.
    const closed = `http://127.0.0.1:${await freePort('127.0.0.1')}`;
    const unreachable = await run(cwd, { baseline: 'target-branch' }, pullRequest(64), closed);
    expect(unreachable.exitCode).toBe(3);
    expect(unreachable.stdout).toContain(
      `::error::cannot reach GitHub at ${closed}/repos/octo-org/churn/actions/artifacts: ECONNREFUSED (after 3 attempts)\n`,
    );
  });
});
