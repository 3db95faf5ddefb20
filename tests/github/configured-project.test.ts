import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  configuredExpectations,
  configuredResults,
  writeConfiguredProject,
} from '../support/configured-project';
import { pushToMain } from './payloads';
import { runActionBundle } from './run-action';

/**
 * The train and evaluate actions' bundles, run as the runner runs them (action.yml's defaults filled in, one
 * INPUT_ variable per input), in a project whose settings are all in mlci.yaml (the registry and the model at its
 * top, evaluate's columns and gate): the workflow's `with:` is empty, and each step must get them all.
 */

const repoRoot = join(import.meta.dirname, '..', '..');
let root: string;
let workspace: string;

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], {
    cwd: workspace,
    encoding: 'utf8',
  }).trim();
}

beforeAll(() => {
  for (const action of ['train', 'evaluate']) {
    const bundle = join(repoRoot, 'actions', action, 'dist', 'index.mjs');
    if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`node scripts/build.mjs\``);
  }
  root = mkdtempSync(join(tmpdir(), 'mlci-github-configured-'));
  workspace = join(root, 'workspace');
  mkdirSync(workspace);
  writeConfiguredProject(workspace);
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'houses');
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

async function runStep(action: string, sha: string) {
  const eventDir = join(root, `event-${action}`);
  mkdirSync(eventDir, { recursive: true });
  return runActionBundle({
    actionDir: join(repoRoot, 'actions', action),
    inputs: {},
    env: pushToMain(
      { owner: 'ml-team', repository: 'houses', sha, workflow: 'model', job: action, runId: '4242' },
      join(eventDir, 'event.json'),
    ),
    githubToken: '',
    cwd: workspace,
    runnerTemp: join(root, `runner-${action}`),
  });
}

test('a workflow that sets none of the settings gets mlci.yaml’s: the registry, the model, the columns, the gate', async () => {
  const sha = git('rev-parse', 'HEAD');
  const train = await runStep('train', sha);
  expect({ exitCode: train.exitCode, stdout: train.stdout }).toEqual({
    exitCode: 0,
    stdout: expect.stringContaining('train passed'),
  });
  const evaluate = await runStep('evaluate', sha);
  expect({ exitCode: evaluate.exitCode, stdout: evaluate.stdout }).toEqual({
    exitCode: 0,
    stdout: expect.stringContaining('evaluate passed'),
  });
  expect(configuredResults(workspace)).toMatchObject(configuredExpectations);
  expect(existsSync(join(workspace, '.mlci', 'registry'))).toBe(false);
  // Nothing the workflow left out reached mlci as a value over mlci.yaml's (mlci says so when one does).
  expect(`${train.stdout}${evaluate.stdout}`).not.toContain(' overrides ');
});
