import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { commentMarker } from '@mlci/core';
import { baselinePredictions, betterCandidate, worseCandidate } from '../support/evaluation-predictions';
import { FakeGitLab } from './fake-gitlab';
import { runGitlabCiLocal } from './gitlab-ci-local';

/**
 * The evaluate component run by gitlab-ci-local as two merge request pipelines of MR !12, with the local CLI
 * bundle as MLCI_CLI and a loopback GitLab API taking the notes: the first candidate drops past the gate, the
 * job fails and the note shows the table; the next commit's candidate passes and the same note says so.
 */

const root = join(import.meta.dirname, '..', '..');
const cliBundle = join(root, 'packages', 'cli', 'dist', 'mlci.mjs');
const run = promisify(execFile);

const token = 'glpat-evaluate-e2e';
const projectId = '77';
const mrIid = 12;

// Gates with `>=`, `@` and `=`: they reach mlci through a job variable, never as script text.
const pipeline = `include:
  - local: templates/evaluate.yml
    inputs:
      candidate: predictions/candidate.csv
      baseline: predictions/baseline.csv
      score-column: score
      slice-column: region
      gate: |
        accuracy:max_drop=0.02
        f1>=0.8@region=DE
# A later job reads the step's outputs from the dotenv report.
after-evaluate:
  stage: deploy
  needs: [evaluate]
  when: always
  script:
    - echo "gates-failed=$MLCI_EVALUATE_GATES_FAILED digest=$MLCI_EVALUATE_DATA_DIGEST"
`;

let gitlab: FakeGitLab;
let repo: string;

async function git(...args: string[]): Promise<void> {
  await run('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], { cwd: repo });
}

async function commit(files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(repo, path, '..'), { recursive: true });
    await writeFile(join(repo, path), text);
  }
  await git('add', '-A');
  await git('commit', '-q', '-m', 'update');
}

function runPipeline(): Promise<{ status: number | null; output: string }> {
  const variables: Record<string, string> = {
    GITLAB_CI: 'true',
    CI_PIPELINE_SOURCE: 'merge_request_event',
    CI_MERGE_REQUEST_IID: String(mrIid),
    CI_MERGE_REQUEST_PROJECT_ID: projectId,
    CI_SERVER_URL: gitlab.url,
    MLCI_TOKEN: token,
    MLCI_CLI: `node ${cliBundle}`,
  };
  const args = [
    '--force-shell-executor',
    '--ignore-predefined-vars',
    'GITLAB_CI,CI_PIPELINE_SOURCE,CI_SERVER_URL',
  ];
  for (const [name, value] of Object.entries(variables)) args.push('--variable', `${name}=${value}`);
  return runGitlabCiLocal(repo, args);
}

const artifact = (path: string) =>
  readFile(join(repo, '.gitlab-ci-local', 'artifacts', 'evaluate', path), 'utf8');

beforeAll(async () => {
  if (!existsSync(cliBundle))
    throw new Error(`${cliBundle} is missing: run \`node scripts/build.mjs\` first`);
  gitlab = new FakeGitLab({ tokens: { [token]: 'project_77_bot' } });
  await gitlab.start();
  repo = await mkdtemp(join(tmpdir(), 'mlci-gitlab-evaluate-'));
  await run('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  await git('remote', 'add', 'origin', 'https://gitlab.example.com/ml-team/churn.git');
  await mkdir(join(repo, 'templates'));
  await copyFile(join(root, 'templates', 'evaluate.yml'), join(repo, 'templates', 'evaluate.yml'));
  await commit({
    '.gitlab-ci.yml': pipeline,
    'predictions/baseline.csv': baselinePredictions,
    'predictions/candidate.csv': worseCandidate,
  });
  await git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  await git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
});

afterAll(async () => {
  await gitlab?.stop();
  if (repo) await rm(repo, { recursive: true, force: true });
});

test('a candidate below the gate fails the MR pipeline with the table in a note; a passing one edits that note', async () => {
  const first = await runPipeline();

  expect(first.status).toBe(1);
  expect(first.output).toMatch(/FAIL\s+evaluate/);
  expect(first.output).toMatch(/accuracy 0\.9 -> 0\.8: (?:dropped|worse) by 0\.1, more than max_drop 0\.02/);
  expect(first.output).toMatch(new RegExp(`commented on \\S+!${mrIid}\\b`));
  const notes = gitlab.notesOf(projectId, mrIid);
  expect(notes).toHaveLength(1);
  const [note] = notes;
  expect(note?.body.startsWith(`${commentMarker('evaluate', 'evaluate')}\n`)).toBe(true);
  expect(note?.body).toContain('evaluate failed');
  expect(note?.body).toMatch(/^\| accuracy:max_drop=0\.02 \| all rows \| accuracy 0\.9 -> 0\.8/m);
  // The gate is shown as written but for a zero-width joiner after `@`, so `@region` mentions no one on GitLab.
  expect(note?.body).toMatch(
    /^\| f1>=0\.8@\u200dregion=DE \| region=DE \| region=DE: f1 0\.\d+ is below 0\.8/m,
  );
  expect(note?.body).toMatch(/^\| metric \| candidate \| baseline \| delta \|/m);
  expect(note?.body).toMatch(/^\| accuracy \| 0\.8 \| 0\.9 \| -0\.1 \(worse\) \| \[[^\]]+\] \| ❌ \|$/m);
  expect(gitlab.requests.every((request) => request.token === token)).toBe(true);

  // The reports, as artifacts and as GitLab's junit, dotenv and metrics reports.
  const dotenv = await artifact('.mlci/evaluate.env');
  expect(dotenv).toMatch(/^MLCI_EVALUATE_GATES_FAILED=2$/m);
  expect(dotenv).toMatch(/^MLCI_EVALUATE_DATA_DIGEST=sha256:[0-9a-f]{64}$/m);
  const metrics = await artifact('.mlci/metrics.txt');
  expect(metrics).toMatch(/^accuracy 0\.8$/m);
  expect(metrics).toMatch(/^accuracy_delta -0\.(1|09{6,})\d*$/m);
  const junit = await artifact('.mlci/evaluate.junit.xml');
  expect(junit).toContain('<testsuite name="mlci.evaluate"');
  expect(junit).toMatch(/failures="2"/);
  const reports = join(repo, '.gitlab-ci-local', 'artifacts', 'evaluate', '.gitlab-ci-reports');
  expect(existsSync(join(reports, 'dotenv', '.mlci', 'evaluate.env'))).toBe(true);
  expect(dotenv).toMatch(/^MLCI_EVALUATE_METRICS=.*"accuracy":0\.8,/m);
  // The later job saw the outputs (it runs `when: always`).
  expect(first.output).toMatch(/gates-failed=2 digest=sha256:[0-9a-f]{64}/);

  await commit({ 'predictions/candidate.csv': betterCandidate });
  const second = await runPipeline();

  expect(second.status).toBe(0);
  expect(second.output).toMatch(/PASS\s+evaluate/);
  expect(second.output).toMatch(new RegExp(`updated the comment on \\S+!${mrIid}\\b`));
  const after = gitlab.notesOf(projectId, mrIid);
  expect(after).toHaveLength(1);
  expect(after[0]?.id).toBe(note?.id);
  expect(after[0]?.body).toContain('evaluate passed');
  expect(after[0]?.body).not.toContain('evaluate failed');
  expect(after[0]?.body).toMatch(
    /^\| accuracy \| 0\.9333 \| 0\.9 \| \+0\.0333 \(better\) \| \[[^\]]+\] \| ✅ \|$/m,
  );
  const writes = gitlab.requests
    .filter((request) => request.method !== 'GET')
    .map((request) => request.method);
  expect(writes).toEqual(['POST', 'PUT']);
  expect(await artifact('.mlci/evaluate.env')).toMatch(/^MLCI_EVALUATE_GATES_FAILED=0$/m);
  expect(second.output).toMatch(/gates-failed=0 digest=sha256:[0-9a-f]{64}/);
});
