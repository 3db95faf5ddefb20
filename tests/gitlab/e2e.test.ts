import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { commentMarker } from '@mlci/core';
import { FakeGitLab } from './fake-gitlab';
import { runGitlabCiLocal } from './gitlab-ci-local';

/**
 * The validate-data component run by gitlab-ci-local in a throwaway repository, with the local CLI bundle as
 * MLCI_CLI and a loopback GitLab API taking the merge request notes: what a user sees in an MR pipeline.
 */

const root = join(import.meta.dirname, '..', '..');
const cliBundle = join(root, 'packages', 'cli', 'dist', 'mlci.mjs');
const run = promisify(execFile);

const token = 'glpat-e2e-token';
const projectId = '42';
const mrIid = 7;

const schema = `columns:
  id:
    type: integer
    unique: true
  age:
    type: integer
    min: 0
  plan:
    type: string
    allowed: [basic, premium]
`;
const badData = 'id,age,plan\n1,34,basic\n2,-5,premium\n2,51,gold\n';
const goodData = 'id,age,plan\n1,34,basic\n2,5,premium\n3,51,basic\n';

const includeLocal = `include:
  - local: templates/validate-data.yml
    inputs:
      data: data/train.csv
      schema: data/schema.yaml
`;
// The catalog form; gitlab-ci-local resolves a component of the project itself offline at its own commit.
const includeComponent = `include:
  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/validate-data@$CI_COMMIT_SHA
    inputs:
      data: data/train.csv
      schema: data/schema.yaml
`;

let gitlab: FakeGitLab;
let repo: string;

async function git(...args: string[]): Promise<void> {
  await run('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], { cwd: repo });
}

/** Writes the files and commits them: gitlab-ci-local builds what the repository holds. */
async function commit(files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(repo, path, '..'), { recursive: true });
    await writeFile(join(repo, path), text);
  }
  await git('add', '-A');
  await git('commit', '-q', '-m', 'update');
}

interface PipelineRun {
  status: number | null;
  output: string;
}

/** Runs the pipeline as a merge request pipeline of MR !7. Asynchronous: the fake GitLab lives in this process. */
function runPipeline(extra: Record<string, string> = {}): Promise<PipelineRun> {
  const variables: Record<string, string> = {
    GITLAB_CI: 'true',
    CI_PIPELINE_SOURCE: 'merge_request_event',
    CI_MERGE_REQUEST_IID: String(mrIid),
    CI_MERGE_REQUEST_PROJECT_ID: projectId,
    CI_SERVER_URL: gitlab.url,
    MLCI_TOKEN: token,
    MLCI_CLI: `node ${cliBundle}`,
    ...extra,
  };
  const args = [
    '--force-shell-executor',
    '--ignore-predefined-vars',
    'GITLAB_CI,CI_PIPELINE_SOURCE,CI_SERVER_URL',
  ];
  for (const [name, value] of Object.entries(variables))
    if (value !== '') args.push('--variable', `${name}=${value}`);
  return runGitlabCiLocal(repo, args);
}

async function artifact(path: string): Promise<string> {
  return readFile(join(repo, '.gitlab-ci-local', 'artifacts', 'validate-data', path), 'utf8');
}

beforeAll(() => {
  if (!existsSync(cliBundle))
    throw new Error(`${cliBundle} is missing: run \`node scripts/build.mjs\` first`);
});

beforeEach(async () => {
  gitlab = new FakeGitLab({ tokens: { [token]: 'project_42_bot' } });
  await gitlab.start();
  repo = await mkdtemp(join(tmpdir(), 'mlci-gitlab-e2e-'));
  await run('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  await git('remote', 'add', 'origin', 'https://gitlab.example.com/ml-team/churn.git');
  await mkdir(join(repo, 'templates'));
  // A catalog project keeps its components in templates/, which is also where gitlab-ci-local looks.
  await copyFile(join(root, 'templates', 'validate-data.yml'), join(repo, 'templates', 'validate-data.yml'));
  await commit({ 'data/schema.yaml': schema, 'data/train.csv': badData, '.gitlab-ci.yml': includeLocal });
  // origin/HEAD tells gitlab-ci-local the default branch, as a clone from GitLab would.
  await git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  await git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
});

afterEach(async () => {
  await gitlab.stop();
  await rm(repo, { recursive: true, force: true });
});

test('bad data fails the job, posts one MR note and edits it on the next run; reports are artifacts', async () => {
  const first = await runPipeline();

  expect(first.status).toBe(1);
  expect(first.output).toMatch(/FAIL\s+validate-data/);
  expect(first.output).toContain('validate-data failed:');
  expect(first.output).toMatch(new RegExp(`commented on \\S+!${mrIid}\\b`));
  const notes = gitlab.notesOf(projectId, mrIid);
  expect(notes).toHaveLength(1);
  const [note] = notes;
  // The marker names the job (CI_JOB_NAME, the component's job-name): each job keeps its own note.
  expect(note?.body.startsWith(`${commentMarker('validate-data', 'validate-data')}\n`)).toBe(true);
  expect(note?.body).toContain('validate-data failed');
  expect(note?.body).toMatch(/^\| age \| min /m);
  expect(note?.body).toMatch(/^\| plan \| allowed /m);
  expect(gitlab.requests.every((request) => request.token === token)).toBe(true);

  const dotenv = await artifact('.mlci/validate-data.env');
  expect(dotenv).toMatch(/^MLCI_VALIDATE_DATA_STATUS=failed$/m);
  expect(dotenv).toMatch(/^MLCI_VALIDATE_DATA_DATASET_DIGEST=sha256:[0-9a-f]{64}$/m);
  expect(
    existsSync(
      join(
        repo,
        '.gitlab-ci-local',
        'artifacts',
        'validate-data',
        '.gitlab-ci-reports',
        'dotenv',
        '.mlci',
        'validate-data.env',
      ),
    ),
  ).toBe(true);
  const junit = await artifact('.mlci/validate-data.junit.xml');
  expect(junit).toContain('<testsuite name="mlci.validate-data"');
  expect(junit).toMatch(/failures="[1-9]/);
  expect(await artifact('.mlci/validate-data.md')).toContain('validate-data');

  const second = await runPipeline();

  expect(second.status).toBe(1);
  expect(second.output).toMatch(new RegExp(`updated the comment on \\S+!${mrIid}\\b`));
  expect(gitlab.notesOf(projectId, mrIid)).toHaveLength(1);
  expect(gitlab.notesOf(projectId, mrIid)[0]?.id).toBe(note?.id);
  const writes = gitlab.requests
    .filter((request) => request.method !== 'GET')
    .map((request) => request.method);
  expect(writes).toEqual(['POST', 'PUT']);
});

test('good data passes the job, included as a catalog component, and the note says so', async () => {
  // A note of an mlci from before report ids (the step's marker alone) is taken over, not duplicated.
  gitlab.addNote(
    projectId,
    mrIid,
    `${commentMarker('validate-data')}\n## validate-data failed`,
    'project_42_bot',
  );
  await commit({ 'data/train.csv': goodData, '.gitlab-ci.yml': includeComponent });

  const result = await runPipeline();

  expect(result.status).toBe(0);
  expect(result.output).toMatch(/PASS\s+validate-data/);
  const notes = gitlab.notesOf(projectId, mrIid);
  expect(notes).toHaveLength(1);
  expect(notes[0]?.body).not.toContain('validate-data failed');
  expect(notes[0]?.body).toContain('validate-data passed');
  expect(notes[0]?.body.startsWith(`${commentMarker('validate-data', 'validate-data')}\n`)).toBe(true);
  expect(await artifact('.mlci/validate-data.env')).toMatch(/^MLCI_VALIDATE_DATA_STATUS=passed$/m);
});

test('two validate-data jobs (train and test data) keep a note each, and a rerun edits both in place', async () => {
  const twoJobs = `include:
  - local: templates/validate-data.yml
    inputs:
      job-name: validate-train
      data: data/train.csv
      schema: data/schema.yaml
  - local: templates/validate-data.yml
    inputs:
      job-name: validate-test
      data: data/test.csv
      schema: data/schema.yaml
`;
  await commit({ 'data/test.csv': goodData, '.gitlab-ci.yml': twoJobs });

  const first = await runPipeline();

  expect(first.output).toMatch(/FAIL\s+validate-train/);
  expect(first.output).toMatch(/PASS\s+validate-test/);
  const notes = gitlab.notesOf(projectId, mrIid);
  const byMarker = (job: string) =>
    notes.find((note) => note.body.startsWith(`${commentMarker('validate-data', job)}\n`));
  expect(notes).toHaveLength(2);
  expect(byMarker('validate-train')?.body).toContain('validate-data failed');
  expect(byMarker('validate-test')?.body).toContain('validate-data passed');
  const ids = notes.map((note) => note.id).sort();

  // The training data is fixed: each job edits its own note, neither is duplicated nor overwritten.
  await commit({ 'data/train.csv': goodData });
  const second = await runPipeline();

  expect(second.status).toBe(0);
  const after = gitlab.notesOf(projectId, mrIid);
  expect(after.map((note) => note.id).sort()).toEqual(ids);
  expect(after.every((note) => note.body.includes('validate-data passed'))).toBe(true);
  expect(gitlab.requests.filter((request) => request.method === 'POST')).toHaveLength(2);
  expect(gitlab.requests.filter((request) => request.method === 'PUT')).toHaveLength(2);
});

test('without MLCI_TOKEN the job still gates on the data and says how to get the report posted', async () => {
  const result = await runPipeline({ MLCI_TOKEN: '' });

  expect(result.status).toBe(1);
  expect(result.output).toContain(
    'set MLCI_TOKEN, a masked CI/CD variable holding a project access token with `api` scope',
  );
  expect(result.output).toContain('CI_JOB_TOKEN cannot post merge request notes');
  expect(gitlab.requests).toHaveLength(0);
  expect(await artifact('.mlci/validate-data.env')).toMatch(/^MLCI_VALIDATE_DATA_STATUS=failed$/m);
});
