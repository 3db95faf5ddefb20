import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { node24Binary } from '../support/node24';
import { writeTrainingProject } from '../support/training-project';
import { repoRoot } from './action-manifest';
import { type FakeGitHub, startFakeGitHub } from './fake-github';
import { type PullRequestFixture, pullRequestEnv, pullRequestOpened, pushToMain } from './payloads';
import { type ActionRun, runActionBundle } from './run-action';

/**
 * End to end: the committed bundle of the train action, run with `node` as the runner runs it (INPUT_*
 * variables with action.yml's defaults, the file-command files, the event payload), training a real model
 * (tests/support/training-project.ts) in a real git checkout, against a loopback GitHub API for the PR comment.
 */
const actionDir = join(repoRoot, 'actions/train');
const bundle = join(actionDir, 'dist/index.mjs');
const marker = '<!-- mlci:train:train -->';
const owner = 'octo-org';
const repo = 'centroids';

/** The inputs a workflow's `with:` gives: lists one item per line, as GitHub passes multi-line inputs. */
const trainInputs = {
  command: 'node train.mjs',
  inputs: 'data/*.csv\ntrain.mjs',
  outputs: 'model',
  metrics: 'metrics.json',
  param: 'scale=2',
  register: 'centroids',
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

beforeAll(() => {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`node scripts/build.mjs\``);
  root = mkdtempSync(join(tmpdir(), 'mlci-e2e-train-action-'));
  // The repository the jobs check out: the trainer and its data, committed.
  origin = writeTrainingProject(join(root, 'origin'));
  writeFileSync(join(origin, 'README.md'), '# centroids\n');
  writeFileSync(join(origin, '.gitignore'), 'runs.log\nmetrics.json\n');
  git(origin, 'init', '-q', '-b', 'main');
  git(origin, 'add', '-A');
  git(origin, 'commit', '-q', '-m', 'trainer and data');
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});
afterEach(async () => {
  await github?.close();
  github = undefined;
});

/** What actions/checkout leaves: a fresh clone at the commit, nothing of earlier jobs. */
function checkout(name: string, commit = 'main'): string {
  const dir = join(root, name);
  execFileSync('git', ['clone', '-q', origin, dir]);
  git(dir, 'checkout', '-q', commit);
  return dir;
}

async function runTrain(
  cwd: string,
  env: Record<string, string>,
  options: { token?: string; node?: string; inputs?: Record<string, string> } = {},
): Promise<ActionRun> {
  const runnerTemp = join(root, `runner-${++runCount}`);
  return runActionBundle({
    actionDir,
    inputs: options.inputs ?? trainInputs,
    env: { ...env, ...(github ? { GITHUB_API_URL: github.url } : {}) },
    githubToken: options.token ?? '',
    cwd,
    runnerTemp,
    ...(options.node ? { node: options.node } : {}),
  });
}

function pullRequestRun(pr: PullRequestFixture): Record<string, string> {
  const dir = join(root, `event-${pr.number}`);
  mkdirSync(dir, { recursive: true });
  const eventPath = join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(pullRequestOpened(pr)));
  return { ...pullRequestEnv(pr, eventPath), GITHUB_JOB: 'train' };
}

/** The runner's variables for a push to main at `sha`. */
function pushRun(sha: string, job: string): Record<string, string> {
  const dir = join(root, `event-push-${sha.slice(0, 7)}-${job}`);
  mkdirSync(dir, { recursive: true });
  return pushToMain(
    { owner, repository: repo, sha, workflow: 'train', job, runId: '7700112233' },
    join(dir, 'event.json'),
  );
}

/** sha256 of the `sha256sum` listing of the files under dir, computed by coreutils, not by mlci. */
function listingDigest(dir: string): string {
  const listing = execFileSync(
    'sh',
    ['-c', 'find . -type f | sed "s|^\\./||" | LC_ALL=C sort | xargs sha256sum'],
    {
      cwd: dir,
      encoding: 'utf8',
    },
  );
  return `sha256:${execFileSync('sha256sum', { input: listing, encoding: 'utf8' }).split(' ')[0]}`;
}

const realRuns = (cwd: string) =>
  existsSync(join(cwd, 'runs.log'))
    ? readFileSync(join(cwd, 'runs.log'), 'utf8').trim().split('\n').length
    : 0;

describe('train action bundle', () => {
  it('trains on a PR, then the next run is a cache hit with the same outputs and the comment edited in place', async () => {
    github = await startFakeGitHub({ writeTokens: ['ghs_write'] });
    const pr: PullRequestFixture = {
      owner,
      repo,
      number: 31,
      headSha: git(origin, 'rev-parse', 'HEAD'),
      headRef: 'model/centroids',
      baseRef: 'main',
    };
    const cwd = checkout('pr');
    const env = pullRequestRun(pr);

    const first = await runTrain(cwd, env, { token: 'ghs_write' });
    expect({ exitCode: first.exitCode, errors: first.stdout.match(/^::error.*$/gm) }).toEqual({
      exitCode: 0,
      errors: null,
    });
    expect(first.outputs).toEqual({
      'run-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
      'cache-status': 'miss',
      'outputs-digest': listingDigest(join(cwd, 'model')),
      'model-version': '1',
      'tracking-url': '',
      'run-record': '.mlci/run.json',
    });
    expect(realRuns(cwd)).toBe(1);
    const firstReport = readFileSync(join(cwd, '.mlci/train.md'), 'utf8');
    expect(first.summary).toBe(`${firstReport}\n`);
    const ours = () => github?.comments(owner, repo, 31).filter((c) => c.body.includes(marker)) ?? [];
    expect(ours()).toHaveLength(1);
    const comment = ours()[0];
    expect(comment?.body).toBe(`${marker}\n${firstReport}`);
    expect(comment?.body).toContain('miss: the command ran');
    // The lineage names the PR's head commit and this run.
    const record = JSON.parse(readFileSync(join(cwd, '.mlci/run.json'), 'utf8')) as {
      runId: string;
      git: { commit: string; dirty?: boolean };
      outputs: { digest: string };
    };
    expect(record).toMatchObject({
      runId: first.outputs['run-id'],
      git: { commit: pr.headSha, dirty: false },
      outputs: { digest: first.outputs['outputs-digest'] },
    });
    // The provenance points a verifier at the repository and commit, as the runner names them.
    const statement = JSON.parse(readFileSync(join(cwd, '.mlci/provenance.intoto.json'), 'utf8'));
    expect(statement.predicate.buildDefinition.resolvedDependencies[0]).toEqual({
      uri: `git+https://github.com/${owner}/${repo}@${pr.headSha}`,
      digest: { gitCommit: pr.headSha },
    });

    // The next push to the PR with nothing changed: the run cache answers, the trainer does not run.
    github.requests.length = 0;
    const second = await runTrain(cwd, env, { token: 'ghs_write' });
    expect(second.exitCode).toBe(0);
    expect(second.outputs).toMatchObject({
      'cache-status': 'hit',
      'outputs-digest': first.outputs['outputs-digest'],
      'model-version': '1',
    });
    expect(second.outputs['run-id']).not.toBe(first.outputs['run-id']);
    expect(realRuns(cwd)).toBe(1);
    expect(listingDigest(join(cwd, 'model'))).toBe(first.outputs['outputs-digest']);
    expect(ours()).toHaveLength(1);
    expect(ours()[0]?.id).toBe(comment?.id);
    expect(ours()[0]?.body).toContain(`hit: restored the outputs of run \`${first.outputs['run-id']}\``);
    expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /user',
      `GET /repos/${owner}/${repo}/issues/31/comments`,
      `PATCH /repos/${owner}/${repo}/issues/comments/${comment?.id}`,
    ]);
  });

  it('hits in a later job on a fresh runner when actions/cache carries .mlci/cache, as the docs workflow does', async () => {
    /**
     * What actions/cache does, and all the docs workflow asks of it: its main step restores a directory saved
     * under the exact key, else under the newest key starting with a restore-key; its post step saves the
     * directory under the key unless the key was an exact hit (entries are immutable). The key is per commit
     * (`mlci-train-${{ github.sha }}`), the restore key its prefix: every job saves the newest cache, and
     * the next commit starts from it. Whether a run is a hit is mlci's key's business, not this one's.
     */
    const store = join(root, 'actions-cache');
    const saved: string[] = [];
    const restore = (key: string, restoreKeys: string[], path: string): string | undefined => {
      const match =
        saved.find((k) => k === key) ??
        restoreKeys.map((prefix) => [...saved].reverse().find((k) => k.startsWith(prefix))).find(Boolean);
      if (match) cpSync(join(store, match), path, { recursive: true });
      return match;
    };
    const save = (key: string, path: string) => {
      if (saved.includes(key) || !existsSync(path)) return;
      cpSync(path, join(store, key), { recursive: true });
      saved.push(key);
    };
    // The commit is left out of mlci's key, with the code among the inputs: a commit that changes neither
    // the data nor the trainer reuses the model (the docs' GitHub example does the same).
    const inputs = { ...trainInputs, 'cache-key': 'command\ninputs\nparams\nenv' };

    // Job 1, commit A, on a fresh runner: nothing restored, the model trained, the cache saved.
    const commitA = git(origin, 'rev-parse', 'HEAD');
    const jobA = checkout('job-a', commitA);
    expect(restore(`mlci-train-${commitA}`, ['mlci-train-'], join(jobA, '.mlci/cache'))).toBeUndefined();
    const trained = await runTrain(jobA, pushRun(commitA, 'train'), { inputs, node: node24Binary() });
    expect({ exitCode: trained.exitCode, status: trained.outputs['cache-status'] }).toEqual({
      exitCode: 0,
      status: 'miss',
    });
    save(`mlci-train-${commitA}`, join(jobA, '.mlci/cache'));

    // Commit B changes only the README. Job 2 runs on another fresh runner: its own key has no cache yet,
    // the restore key finds commit A's.
    writeFileSync(join(origin, 'README.md'), '# centroids\n\nA nearest-centroid model.\n');
    git(origin, 'commit', '-q', '-am', 'docs');
    const commitB = git(origin, 'rev-parse', 'HEAD');
    const jobB = checkout('job-b', commitB);
    expect(readdirSync(jobB).sort()).toEqual(['.git', '.gitignore', 'README.md', 'data', 'train.mjs']);
    expect(restore(`mlci-train-${commitB}`, ['mlci-train-'], join(jobB, '.mlci/cache'))).toBe(
      `mlci-train-${commitA}`,
    );
    const reused = await runTrain(jobB, pushRun(commitB, 'train'), { inputs });
    expect(reused.exitCode).toBe(0);
    expect(reused.outputs).toMatchObject({
      'cache-status': 'hit',
      'outputs-digest': trained.outputs['outputs-digest'],
    });
    expect(realRuns(jobB)).toBe(0);
    expect(listingDigest(join(jobB, 'model'))).toBe(trained.outputs['outputs-digest']);
    // The hit's record names this commit, and the run that made the model on commit A.
    const record = JSON.parse(readFileSync(join(jobB, '.mlci/run.json'), 'utf8')) as {
      git: { commit: string };
      cache: { producedBy: string; parts: string[] };
    };
    expect(record.git.commit).toBe(commitB);
    expect(record.cache).toMatchObject({
      producedBy: trained.outputs['run-id'],
      parts: ['command', 'inputs', 'params', 'env'],
    });
    save(`mlci-train-${commitB}`, join(jobB, '.mlci/cache'));
    expect(saved).toEqual([`mlci-train-${commitA}`, `mlci-train-${commitB}`]);

    // With the default key (commit included) the same carried cache is a miss on commit B: the key decides.
    const jobC = checkout('job-c', commitB);
    restore(`mlci-train-${commitB}`, ['mlci-train-'], join(jobC, '.mlci/cache'));
    const withCommit = await runTrain(jobC, pushRun(commitB, 'train'), {
      inputs: { ...inputs, 'cache-key': '' },
    });
    expect(withCommit.outputs['cache-status']).toBe('miss');
    expect(realRuns(jobC)).toBe(1);
    expect(withCommit.outputs['outputs-digest']).toBe(trained.outputs['outputs-digest']);
  });

  it('fails the job with the command’s failure, keeps the report and the summary', async () => {
    const cwd = checkout('failing');
    const run = await runTrain(cwd, pushRun(git(cwd, 'rev-parse', 'HEAD'), 'train'), {
      inputs: { ...trainInputs, command: 'node train.mjs && exit 3' },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs['cache-status']).toBe('miss');
    expect(run.outputs['outputs-digest']).toBe('');
    expect(run.stdout).toMatch(/^::error::train failed: the command exited with status 3$/m);
    expect(run.summary).toBe(`${readFileSync(join(cwd, '.mlci/train.md'), 'utf8')}\n`);
    expect(existsSync(join(cwd, '.mlci/run.json'))).toBe(true);
  });

  it('refuses a missing required input with exit 2, naming it', async () => {
    const cwd = checkout('no-outputs');
    const { outputs: _, ...inputs } = trainInputs;
    const run = await runTrain(cwd, pushRun(git(cwd, 'rev-parse', 'HEAD'), 'train'), { inputs });
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toMatch(/^::error::.*outputs/m);
    expect(realRuns(cwd)).toBe(0);
  });
});
