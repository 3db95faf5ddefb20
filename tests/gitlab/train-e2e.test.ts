import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeTrainingProject } from '../support/training-project';
import { runGitlabCiLocal } from './gitlab-ci-local';

/**
 * The train component run by gitlab-ci-local, twice, as two push pipelines of the default branch at one commit.
 * `--shell-isolation` gives each job a fresh copy of the repository's tracked files (the build directory is
 * synced with rsync --delete), and gitlab-ci-local then implements `cache:` as GitLab does: the cache paths are
 * restored from `.gitlab-ci-local/cache/<key>` before the script and saved there after it. So the second
 * pipeline's job starts without `.mlci/`, and only GitLab's cache can make it a hit. (gitlab-ci-local reads
 * `cache:key` but not `fallback_keys`; the fallback is checked against GitLab's schema in train-template.test.ts.)
 */

const root = join(import.meta.dirname, '..', '..');
const cliBundle = join(root, 'packages', 'cli', 'dist', 'mlci.mjs');
const run = promisify(execFile);

// `$CI_JOB_NAME` stays unexpanded by GitLab (expand: false): mlci's shell expands it, so the model sees `train`
// while run.json records the command as written.
const command = 'node train.mjs --job "$CI_JOB_NAME"';
const pipeline = `include:
  - local: templates/train.yml
    inputs:
      command: '${command}'
      inputs: |
        data/*.csv
        train.mjs
      outputs: model
      metrics: metrics.json
      param: scale=2
      register: centroids
# A later job gets the model as an artifact and the step's outputs as variables (the dotenv report).
use-model:
  stage: test
  needs: [train]
  script:
    - test -f model/model.json
    - echo "cache=$MLCI_TRAIN_CACHE_STATUS digest=$MLCI_TRAIN_OUTPUTS_DIGEST version=$MLCI_TRAIN_MODEL_VERSION"
`;

let repo: string;

async function git(...args: string[]): Promise<void> {
  await run('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], { cwd: repo });
}

function runPipeline(): Promise<{ status: number | null; output: string }> {
  return runGitlabCiLocal(repo, [
    '--force-shell-executor',
    '--shell-isolation',
    '--ignore-predefined-vars',
    'GITLAB_CI',
    '--variable',
    'GITLAB_CI=true',
    '--variable',
    `MLCI_CLI=${process.execPath} ${cliBundle}`,
  ]);
}

const artifact = (path: string) =>
  readFile(join(repo, '.gitlab-ci-local', 'artifacts', 'train', path), 'utf8');

async function dotenv(): Promise<Record<string, string>> {
  const text = await artifact('.mlci/train.env');
  return Object.fromEntries(
    text
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

beforeAll(async () => {
  if (!existsSync(cliBundle))
    throw new Error(`${cliBundle} is missing: run \`node scripts/build.mjs\` first`);
  repo = await mkdtemp(join(tmpdir(), 'mlci-gitlab-train-'));
  writeTrainingProject(repo);
  await mkdir(join(repo, 'templates'));
  await copyFile(join(root, 'templates', 'train.yml'), join(repo, 'templates', 'train.yml'));
  await writeFile(join(repo, '.gitlab-ci.yml'), pipeline);
  await writeFile(join(repo, '.gitignore'), 'runs.log\nmetrics.json\n');
  await run('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  await git('remote', 'add', 'origin', 'https://gitlab.example.com/ml-team/centroids.git');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'trainer');
  await git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  await git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
});

afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
});

test('two pipelines at one commit: the first trains, the second restores the model from GitLab’s cache', async () => {
  const first = await runPipeline();
  expect(first.status).toBe(0);
  expect(first.output).toMatch(/PASS\s+train/);
  expect(first.output).toMatch(/PASS\s+use-model/);
  expect(first.output).toContain('trained on 12 rows');
  expect(first.output).toContain("cache created in '.gitlab-ci-local/cache/mlci-train-main'");
  const trained = await dotenv();
  expect(first.output).toContain(`cache=miss digest=${(await dotenv()).MLCI_TRAIN_OUTPUTS_DIGEST} version=1`);
  expect(trained).toMatchObject({
    MLCI_TRAIN_CACHE_STATUS: 'miss',
    MLCI_TRAIN_OUTPUTS_DIGEST: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    MLCI_TRAIN_MODEL_VERSION: '1',
    MLCI_TRAIN_RUN_RECORD: '.mlci/run.json',
    MLCI_TRAIN_RUN_ID: expect.stringMatching(/^[0-9a-f-]{36}$/),
  });
  // The model and the lineage are artifacts for later jobs; the cache and the registry are not.
  const model = JSON.parse(await artifact('model/model.json')) as { args: string[] };
  expect(model.args).toEqual(['--job', 'train']);
  const record = JSON.parse(await artifact('.mlci/run.json')) as { command: string; runId: string };
  expect(record).toMatchObject({ command, runId: trained.MLCI_TRAIN_RUN_ID });
  expect(JSON.parse(await artifact('.mlci/provenance.intoto.json'))).toMatchObject({
    _type: 'https://in-toto.io/Statement/v1',
  });
  expect(await artifact('.mlci/train.junit.xml')).toContain('<testsuite name="mlci.train"');
  // The dotenv report, where GitLab (and gitlab-ci-local) take the variables for later jobs from.
  expect(await artifact('.gitlab-ci-reports/dotenv/.mlci/train.env')).toBe(await artifact('.mlci/train.env'));
  expect(existsSync(join(repo, '.gitlab-ci-local', 'artifacts', 'train', '.mlci', 'cache'))).toBe(false);
  expect(existsSync(join(repo, '.gitlab-ci-local', 'cache', 'mlci-train-main', '.mlci', 'cache'))).toBe(true);

  const second = await runPipeline();
  expect(second.status).toBe(0);
  expect(second.output).toMatch(/PASS\s+train/);
  expect(second.output).toContain("imported cache 'mlci-train-main'");
  expect(second.output).not.toContain('trained on');
  expect(second.output).toContain(`cache hit, outputs of run ${trained.MLCI_TRAIN_RUN_ID} restored`);
  const reused = await dotenv();
  expect(reused).toMatchObject({
    MLCI_TRAIN_CACHE_STATUS: 'hit',
    MLCI_TRAIN_OUTPUTS_DIGEST: trained.MLCI_TRAIN_OUTPUTS_DIGEST,
  });
  expect(reused.MLCI_TRAIN_RUN_ID).not.toBe(trained.MLCI_TRAIN_RUN_ID);
  expect(second.output).toContain(
    `cache=hit digest=${trained.MLCI_TRAIN_OUTPUTS_DIGEST} version=${reused.MLCI_TRAIN_MODEL_VERSION}`,
  );
  expect(JSON.parse(await artifact('model/model.json'))).toEqual(model);

  // Without GitLab's cache the fresh job directory has no run cache: the command runs again.
  await rm(join(repo, '.gitlab-ci-local', 'cache'), { recursive: true, force: true });
  const uncached = await runPipeline();
  expect(uncached.status).toBe(0);
  expect(uncached.output).toContain('trained on 12 rows');
  expect((await dotenv()).MLCI_TRAIN_CACHE_STATUS).toBe('miss');
});
