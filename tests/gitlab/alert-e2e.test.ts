import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sensorReadings } from '../support/sensor-readings';
import { FakeGitLab } from './fake-gitlab';
import { runGitlabCiLocal } from './gitlab-ci-local';

/**
 * `alert: issue` of the validate-data component in a scheduled pipeline (no merge request), run by gitlab-ci-local
 * with the local CLI bundle against a loopback GitLab API: a drifted production sample opens one issue, the next
 * drifted sample rewrites it, a passing sample closes it with a note linking the job.
 */

const root = join(import.meta.dirname, '..', '..');
const cliBundle = join(root, 'packages', 'cli', 'dist', 'mlci.mjs');
const run = promisify(execFile);

const token = 'glpat-monitor';
const bot = 'project_42_bot';
const projectId = '42';
const jobUrl = 'https://gitlab.example.com/plant-ops/press-monitor/-/jobs/5150';
// No report-id and no registry reference: the alert is keyed by the job's name.
const marker = '<!-- mlci-alert:validate-data:monitor -->';

// The job runs in scheduled pipelines only, as docs/monitoring.md sets it up.
const pipeline = `include:
  - local: templates/validate-data.yml
    inputs:
      job-name: monitor
      data: production/sample.csv
      reference: reference/training.csv
      alert: issue
      rules:
        - if: $CI_PIPELINE_SOURCE == "schedule"
`;

let gitlab: FakeGitLab;
let repo: string;

async function git(...args: string[]): Promise<void> {
  await run('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], { cwd: repo });
}

/** A scheduled pipeline on this production sample (the team's nightly export, committed here for the runner). */
async function monitor(sample: string): Promise<{ status: number | null; output: string }> {
  await writeFile(join(repo, 'production/sample.csv'), sample);
  await git('add', '-A');
  await git('commit', '-q', '-m', 'nightly export');
  const variables: Record<string, string> = {
    GITLAB_CI: 'true',
    CI_PIPELINE_SOURCE: 'schedule',
    CI_SERVER_URL: gitlab.url,
    CI_PROJECT_ID: projectId,
    CI_JOB_URL: jobUrl,
    MLCI_TOKEN: token,
    MLCI_CLI: `node ${cliBundle}`,
  };
  const args = [
    '--force-shell-executor',
    '--ignore-predefined-vars',
    'GITLAB_CI,CI_PIPELINE_SOURCE,CI_SERVER_URL,CI_PROJECT_ID,CI_JOB_URL',
  ];
  for (const [name, value] of Object.entries(variables)) args.push('--variable', `${name}=${value}`);
  return runGitlabCiLocal(repo, args);
}

const report = () =>
  readFile(join(repo, '.gitlab-ci-local', 'artifacts', 'monitor', '.mlci', 'validate-data.md'), 'utf8');

beforeAll(async () => {
  if (!existsSync(cliBundle))
    throw new Error(`${cliBundle} is missing: run \`node scripts/build.mjs\` first`);
  gitlab = new FakeGitLab({ tokens: { [token]: bot } });
  await gitlab.start();
  repo = await mkdtemp(join(tmpdir(), 'mlci-gitlab-alert-'));
  await run('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  await git('remote', 'add', 'origin', 'https://gitlab.example.com/plant-ops/press-monitor.git');
  await mkdir(join(repo, 'templates'));
  await mkdir(join(repo, 'reference'));
  await mkdir(join(repo, 'production'));
  await copyFile(join(root, 'templates', 'validate-data.yml'), join(repo, 'templates', 'validate-data.yml'));
  await writeFile(join(repo, 'reference/training.csv'), sensorReadings({ rows: 300, seed: 11 }));
  await writeFile(join(repo, '.gitlab-ci.yml'), pipeline);
  await writeFile(join(repo, 'production/sample.csv'), '');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'monitor');
  await git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  await git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
});

afterAll(async () => {
  await gitlab?.stop();
  if (repo) await rm(repo, { recursive: true, force: true });
});

test('a scheduled pipeline opens one issue on drift, rewrites it on the next drift and closes it on a pass', async () => {
  // Someone else's issue that starts with the same marker: never edited, closed or noted.
  const planted = gitlab.addIssue(
    projectId,
    { title: 'look here', description: `${marker}\nnot mlci's` },
    'mallory',
  );

  const first = await monitor(sensorReadings({ rows: 200, seed: 29, shift: 15 }));
  expect(first.status).toBe(1);
  expect(first.output).toMatch(/FAIL\s+monitor/);
  const ours = () => gitlab.issuesOf(projectId).filter((issue) => issue.author.username === bot);
  expect(ours()).toHaveLength(1);
  const issue = ours()[0];
  expect(issue?.state).toBe('opened');
  expect(issue?.title).toBe('mlci validate-data alert: monitor');
  expect(issue?.description).toBe(`${marker}\n${await report()}`);
  expect(issue?.description).toMatch(/temperature/);
  expect(first.output).toContain(`alert: created issue #${issue?.iid} of project ${projectId}`);
  const firstDescription = issue?.description;

  // Other issues of the same bot fill the first pages: the search must page on.
  for (let i = 0; i < 110; i++)
    gitlab.addIssue(
      projectId,
      { title: `other ${i}`, description: `<!-- mlci-alert:evaluate:${i} -->` },
      bot,
    );
  gitlab.requests.length = 0;

  const second = await monitor(sensorReadings({ rows: 200, seed: 31, shift: 30 }));
  expect(second.status).toBe(1);
  expect(ours().filter((candidate) => candidate.description.startsWith(`${marker}\n`))).toHaveLength(1);
  expect(issue?.description).toBe(`${marker}\n${await report()}`);
  expect(issue?.description).not.toBe(firstDescription);
  expect(second.output).toContain(`alert: updated issue #${issue?.iid}`);
  const listed = gitlab.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/issues'));
  expect(listed.map((r) => [r.query.author_id, r.query.state, r.query.page ?? '1'])).toEqual([
    ['1', 'all', '1'],
    ['1', 'all', '2'],
  ]);

  const third = await monitor(sensorReadings({ rows: 200, seed: 37 }));
  expect(third.status).toBe(0);
  expect(issue?.state).toBe('closed');
  expect(issue?.notes.map((note) => note.body)).toEqual([`Passed in [this job](${jobUrl}): closing.`]);
  expect(third.output).toContain(`alert: closed issue #${issue?.iid}`);

  expect(planted.description).toBe(`${marker}\nnot mlci's`);
  expect(planted.state).toBe('opened');
  expect(planted.notes).toEqual([]);
  expect(gitlab.requests.every((request) => request.token === token)).toBe(true);
});
