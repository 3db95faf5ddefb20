import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliBundle } from '../support/cli';
import {
  configuredExpectations,
  configuredResults,
  writeConfiguredProject,
} from '../support/configured-project';
import { caseResults, type HarnessOutput, runHarness } from './harness';

/**
 * mlciTrain() and mlciEvaluate() with no options, through the shared library harness, in a project whose
 * settings are all in mlci.yaml (the registry and the model at its top, evaluate's columns and gate): the
 * recorded command line must hold no flag the pipeline did not set (only --out, which the var needs for junit),
 * and, run by /bin/sh with the real CLI, each step must get mlci.yaml's settings.
 */

let scratch: string;
let workspace: string;
let output: HarnessOutput;
const { result, script } = caseResults(() => output);
const cli = `'${process.execPath}' '${cliBundle}'`;

beforeAll(async () => {
  if (!existsSync(cliBundle)) throw new Error(`${cliBundle} is missing: run \`node scripts/build.mjs\``);
  scratch = mkdtempSync(join(tmpdir(), 'mlci-jenkins-configured-'));
  workspace = join(scratch, 'workspace');
  mkdirSync(workspace);
  writeConfiguredProject(workspace);
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: workspace });
  const env = {
    JENKINS_URL: 'https://ci.example.com/',
    BRANCH_NAME: 'main',
    BUILD_URL: 'https://ci.example.com/job/houses/job/main/1/',
    WORKSPACE: workspace,
  };
  output = await runHarness(
    [
      { name: 'train', var: 'mlciTrain', args: { mlci: cli }, execute: { cwd: workspace, env } },
      { name: 'evaluate', var: 'mlciEvaluate', args: { mlci: cli }, execute: { cwd: workspace, env } },
    ],
    scratch,
  );
}, 120000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

test('the command lines hold no flag the pipeline did not set: only --out, where junit looks', () => {
  expect(script('train')).toBe(`${cli} train --out '.mlci'`);
  expect(script('evaluate')).toBe(`${cli} evaluate --out '.mlci'`);
});

test('run with the real CLI, the steps get mlci.yaml’s registry, model, columns and gate', () => {
  for (const name of ['train', 'evaluate']) {
    const { error, calls } = result(name);
    expect({ name, error, status: calls[0]?.executed?.status }).toEqual({
      name,
      error: undefined,
      status: 0,
    });
  }
  expect(configuredResults(workspace)).toMatchObject(configuredExpectations);
  expect(existsSync(join(workspace, '.mlci', 'registry'))).toBe(false);
  expect(result('evaluate').calls[0]?.executed?.stderr).not.toContain(' overrides ');
});
