import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runGitlabCiLocal } from './gitlab-ci-local';

/**
 * Sharded validation as docs/validate-data.md shows it, run by gitlab-ci-local: a `parallel: matrix` job profiles
 * each partition of one data set on a pinned reference profile's bins (validate-data with write-profile), passes
 * the profiles on as artifacts, and a job of the next stage merges them (merge-profiles) and gates the whole.
 * `--shell-isolation` gives each job its own directory, so the merge job sees the profiles only as artifacts.
 */

const root = join(import.meta.dirname, '..', '..');
const cliBundle = join(root, 'packages', 'cli', 'dist', 'mlci.mjs');
const run = promisify(execFile);

/** Both rules of the whole that no partition can decide alone: the row count, and drift of the whole. */
const schema = (maxRows: number) => `columns:
  age:
    type: integer
    min: 0
    max: 120
  plan:
    type: string
    allowed: [basic, premium]
table:
  rows: { max: ${maxRows} }
`;

/**
 * Rows `from` to `to` of one deterministic population: ages cycle through 20..69, every third row is premium.
 * Any stretch of it has nearly the reference's distribution. `shift` moves the ages and makes every row premium.
 */
function rows(from: number, to: number, shift = 0): string {
  const lines = ['age,plan'];
  for (let i = from; i < to; i++) {
    const age = 20 + ((i * 7) % 50) + shift;
    lines.push(`${age},${shift > 0 || i % 3 === 0 ? 'premium' : 'basic'}`);
  }
  return `${lines.join('\n')}\n`;
}

const pipeline = `stages: [profile, validate]
include:
  # One job per partition: checks the rows, writes the partition's profile on the reference's bins.
  - local: templates/validate-data.yml
    inputs:
      job-name: profile-partition
      stage: profile
      data: data/$PARTITION.csv
      schema: data/schema.yaml
      reference: reference/profile.json
      write-profile: .mlci/profiles/$PARTITION.json
  # Then the whole: the merged profiles against the schema and the reference.
  - local: templates/validate-data.yml
    inputs:
      job-name: validate-whole
      stage: validate
      merge-profiles: .mlci/profiles/*.json
      schema: data/schema.yaml
      reference: reference/profile.json
profile-partition:
  parallel:
    matrix:
      - PARTITION: [part-1, part-2]
`;

let repo: string;

async function git(...args: string[]): Promise<void> {
  await run('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], { cwd: repo });
}

async function write(files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(repo, path, '..'), { recursive: true });
    await writeFile(join(repo, path), text);
  }
}

/** The reference is pinned as a profile, written by the CLI from the reference data as a user would. */
async function commitProject(partitions: Record<string, string>, maxRows: number): Promise<void> {
  await write({ 'data/schema.yaml': schema(maxRows), 'reference/data.csv': rows(0, 400), ...partitions });
  const out = await mkdtemp(join(tmpdir(), 'mlci-sharded-out-'));
  try {
    await run(
      process.execPath,
      [
        cliBundle,
        'validate-data',
        '--data',
        'reference/data.csv',
        '--write-profile',
        'reference/profile.json',
        '--out',
        out,
      ],
      { cwd: repo, env: { ...process.env, CI: '', GITLAB_CI: '', GITHUB_ACTIONS: '' } },
    );
  } finally {
    await rm(out, { recursive: true, force: true });
  }
  await rm(join(repo, 'reference', 'data.csv'));
  await write({ '.gitlab-ci.yml': pipeline });
  await git('add', '-A');
  await git('commit', '-q', '-m', 'data');
  await git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  await git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
}

interface PipelineRun {
  status: number | null;
  output: string;
}

/** A push pipeline of the default branch, the CLI bundle standing in for `npx @mlci/cli`. */
function runPipeline(): Promise<PipelineRun> {
  const args = [
    '--force-shell-executor',
    '--shell-isolation',
    '--ignore-predefined-vars',
    'GITLAB_CI',
    '--variable',
    'GITLAB_CI=true',
    '--variable',
    `MLCI_CLI=${process.execPath} ${cliBundle}`,
  ];
  return runGitlabCiLocal(repo, args);
}

interface MergedResult {
  status: string;
  data: { format: string; rows: number };
  checks: { name: string; column?: string; status: string }[];
  drift?: { drifted: boolean; columns: { column: string; drifted: boolean }[] };
}

async function mergedResult(): Promise<MergedResult> {
  const path = join(repo, '.gitlab-ci-local', 'artifacts', 'validate-whole', '.mlci', 'validate-data.json');
  return JSON.parse(await readFile(path, 'utf8')) as MergedResult;
}

beforeAll(() => {
  if (!existsSync(cliBundle))
    throw new Error(`${cliBundle} is missing: run \`node scripts/build.mjs\` first`);
});

beforeEach(async () => {
  repo = await mkdtemp(join(tmpdir(), 'mlci-gitlab-sharded-'));
  await run('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  await git('remote', 'add', 'origin', 'https://gitlab.example.com/ml-team/churn.git');
  await mkdir(join(repo, 'templates'));
  await copyFile(join(root, 'templates', 'validate-data.yml'), join(repo, 'templates', 'validate-data.yml'));
});

afterEach(async () => {
  await rm(repo, { recursive: true, force: true });
});

test('good partitions: each partition job and the merge job pass, the merged result covers every row', async () => {
  await commitProject({ 'data/part-1.csv': rows(0, 150), 'data/part-2.csv': rows(150, 300) }, 1000);

  const result = await runPipeline();

  expect(result.output).toMatch(/PASS\s+profile-partition: \[part-1\]/);
  expect(result.output).toMatch(/PASS\s+profile-partition: \[part-2\]/);
  expect(result.output).toMatch(/PASS\s+validate-whole/);
  expect(result.status).toBe(0);
  const merged = await mergedResult();
  expect(merged.status).toBe('passed');
  expect(merged.data).toMatchObject({ format: 'profiles', rows: 300 });
  expect(merged.drift?.drifted).toBe(false);
  expect(merged.drift?.columns.map((column) => column.column).sort()).toEqual(['age', 'plan']);
});

test('partitions that pass alone can fail as a whole: the merge job gates the row count of all of them', async () => {
  await commitProject({ 'data/part-1.csv': rows(0, 150), 'data/part-2.csv': rows(150, 300) }, 200);

  const result = await runPipeline();

  expect(result.output).toMatch(/PASS\s+profile-partition: \[part-1\]/);
  expect(result.output).toMatch(/PASS\s+profile-partition: \[part-2\]/);
  expect(result.output).toMatch(/FAIL\s+validate-whole/);
  expect(result.status).not.toBe(0);
  const merged = await mergedResult();
  expect(merged.status).toBe('failed');
  expect(merged.checks.filter((check) => check.status === 'failed').map((check) => check.name)).toEqual([
    'rows.max',
  ]);
});

test('a drifted partition fails its own job on drift against the reference, and the pipeline stops there', async () => {
  await commitProject({ 'data/part-1.csv': rows(0, 150), 'data/part-2.csv': rows(150, 300, 40) }, 1000);

  const result = await runPipeline();

  expect(result.status).not.toBe(0);
  expect(result.output).toMatch(/PASS\s+profile-partition: \[part-1\]/);
  expect(result.output).toMatch(/FAIL\s+profile-partition: \[part-2\]/);
  // A later stage does not run after a failed one: the whole is not gated on a partition known to be bad.
  expect(result.output).not.toMatch(/(PASS|FAIL)\s+validate-whole/);
  const part = JSON.parse(
    await readFile(
      join(
        repo,
        '.gitlab-ci-local',
        'artifacts',
        'profile-partitionOiBbpart-2XQ',
        '.mlci',
        'validate-data.json',
      ),
      'utf8',
    ),
  ) as MergedResult;
  expect(part.status).toBe('failed');
  expect(part.drift?.drifted).toBe(true);
  expect(
    part.drift?.columns
      .filter((column) => column.drifted)
      .map((column) => column.column)
      .sort(),
  ).toEqual(['age', 'plan']);
});
