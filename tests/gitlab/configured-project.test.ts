import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  configuredExpectations,
  configuredResults,
  writeConfiguredProject,
} from '../support/configured-project';
import { runGitlabCiLocal } from './gitlab-ci-local';

/**
 * The train and evaluate components under gitlab-ci-local in a project whose settings are in mlci.yaml (the
 * registry and the model at its top, evaluate's columns and gate): the pipeline sets none of them, and each job
 * must get them all. The one input given is train's `outputs`, which the job keeps as an artifact (GitLab needs
 * the path when it creates the pipeline); mlci.yaml says the same. The jobs share the repository's directory
 * (no shell isolation), so evaluate finds the version train registered in the file: registry.
 */

const root = join(import.meta.dirname, '..', '..');
const cliBundle = join(root, 'packages', 'cli', 'dist', 'mlci.mjs');
const run = promisify(execFile);

const pipeline = `include:
  - local: templates/train.yml
    inputs:
      outputs: model
  - local: templates/evaluate.yml
`;

let repo: string;

async function git(...args: string[]): Promise<void> {
  await run('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], { cwd: repo });
}

beforeAll(async () => {
  if (!existsSync(cliBundle))
    throw new Error(`${cliBundle} is missing: run \`node scripts/build.mjs\` first`);
  repo = await mkdtemp(join(tmpdir(), 'mlci-gitlab-configured-'));
  await run('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  await git('remote', 'add', 'origin', 'https://gitlab.example.com/ml-team/houses.git');
  await mkdir(join(repo, 'templates'));
  for (const component of ['train', 'evaluate'])
    await copyFile(join(root, 'templates', `${component}.yml`), join(repo, 'templates', `${component}.yml`));
  writeConfiguredProject(repo);
  await writeFile(join(repo, '.gitlab-ci.yml'), pipeline);
  await git('add', '-A');
  await git('commit', '-q', '-m', 'houses');
});

afterAll(async () => {
  if (repo) await rm(repo, { recursive: true, force: true });
});

test('a pipeline that sets none of the settings gets mlci.yaml’s: the registry, the model, the columns, the gate', async () => {
  const { status, output } = await runGitlabCiLocal(repo, [
    '--force-shell-executor',
    '--ignore-predefined-vars',
    'GITLAB_CI',
    '--variable',
    'GITLAB_CI=true',
    '--variable',
    `MLCI_CLI=${process.execPath} ${cliBundle}`,
  ]);
  expect({ status, output }).toEqual({ status: 0, output: expect.stringContaining('evaluate passed') });
  expect(configuredResults(repo)).toMatchObject(configuredExpectations);
  // The version is in the registry mlci.yaml names, with the evaluation attached; nothing went to the default.
  expect(existsSync(join(repo, 'team-models'))).toBe(true);
  expect(existsSync(join(repo, '.mlci', 'registry'))).toBe(false);
  // No flag overrode mlci.yaml (mlci says so when one does): --out is not in it, --outputs says the same.
  expect(output).not.toContain(' overrides ');
});
