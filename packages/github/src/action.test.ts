import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import {
  InputError,
  type StepDefinition,
  type StepEnvironment,
  type ValidateDataInput,
  validateDataInput,
} from '@mlci/core';
import { runAction } from './action';

/**
 * runAction with validate-data's real options and a stand-in run function, so the input handling, the
 * mlci.yaml merge and the exit codes are tested without reading data.
 */
const seen: { input?: ValidateDataInput; environment?: StepEnvironment } = {};
let behaviour: 'pass' | 'fail' | 'input-error' | 'crash' = 'pass';

const step = {
  name: 'validate-data',
  summary: 'Check a data file against a schema.',
  input: validateDataInput,
  async run(input: ValidateDataInput, environment: StepEnvironment) {
    seen.input = input;
    seen.environment = environment;
    if (behaviour === 'input-error') throw new InputError(`${input.data}: no such file`);
    if (behaviour === 'crash') throw new TypeError('cannot read properties of undefined\n    at somewhere');
    const status = behaviour === 'pass' ? 'passed' : 'failed';
    return {
      result: { step: 'validate-data' as const, status, checks: [] },
      headline: `validate-data ${status}: 0 of 0 checks failed`,
      markdown: `## validate-data ${status}\n`,
      outputs: { status },
      files: { json: 'a.json', markdown: 'a.md', junit: 'a.xml' },
    };
  },
} as unknown as StepDefinition;

let dir: string;
let stdout: string[];
const savedEnv = { ...process.env };
const savedCwd = process.cwd();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mlci-github-action-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  process.env = {
    PATH: savedEnv.PATH,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_OUTPUT: join(dir, 'output.txt'),
    // action.yml gives the option inputs no default: the runner sets none of them unless the workflow does.
    // Every case checks its data against a schema; the step refuses data with nothing to check.
    INPUT_SCHEMA: 'schema.yaml',
  };
  writeFileSync(join(dir, 'output.txt'), '');
  process.chdir(dir);
  seen.input = undefined;
  behaviour = 'pass';
  stdout = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
});
afterEach(() => {
  jest.restoreAllMocks();
  process.chdir(savedCwd);
  process.env = savedEnv;
  process.exitCode = undefined;
  rmSync(join(dir, 'mlci.yaml'), { force: true });
});

const errorLines = () =>
  stdout
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('::error'));

describe('runAction', () => {
  it('turns inputs into typed options and passes', async () => {
    process.env['INPUT_MERGE-PROFILES'] = 'part-1.json\npart-2.json\n';
    process.env.INPUT_FORCE = 'true';
    process.env.INPUT_FORMAT = 'csv';
    process.env['INPUT_DRIFT-SHARE'] = '0.25';
    process.env.RUNNER_TOOL_CACHE = '/opt/hostedtoolcache';
    await runAction(step);
    expect(seen.input).toEqual({
      schema: 'schema.yaml',
      force: true,
      format: 'csv',
      mergeProfiles: ['part-1.json', 'part-2.json'],
      driftShare: 0.25,
      driftTest: 'auto',
      registry: 'file:.mlci/registry',
      insecureRegistry: false,
      maxLineSize: 2_000_000,
      out: '.mlci',
    });
    expect(seen.environment?.context.platform).toBe('github');
    expect(process.exitCode ?? 0).toBe(0);
    expect(errorLines()).toEqual([]);
    expect(readFileSync(join(dir, 'output.txt'), 'utf8')).toMatch(/^status<<.*\npassed\n/);
    expect(process.env.MLCI_TOOL_CACHE).toBe('/opt/hostedtoolcache');
  });

  it('lets mlci.yaml supply what the workflow left out, and passes what it set, even a default value', async () => {
    writeFileSync(
      join(dir, 'mlci.yaml'),
      'validate-data:\n  data: from-config.csv\n  out: reports\n  force: true\n',
    );
    await runAction(step);
    expect(seen.input).toMatchObject({ data: 'from-config.csv', out: 'reports', force: true });

    process.env.INPUT_DATA = 'from-input.csv';
    process.env.INPUT_OUT = '.mlci';
    process.env.INPUT_FORCE = 'false';
    await runAction(step);
    expect(seen.input).toMatchObject({ data: 'from-input.csv', out: '.mlci', force: false });
  });

  it("hands the deploy-token input to the step as MLCI_DEPLOY_TOKEN, masked in the job's log", async () => {
    let during: string | undefined;
    const seeing = {
      ...step,
      run: (input: ValidateDataInput, environment: StepEnvironment) => {
        during = process.env.MLCI_DEPLOY_TOKEN;
        return step.run(input, environment);
      },
    } as StepDefinition;
    process.env.INPUT_DATA = 'x.csv';
    await runAction(seeing);
    expect(during).toBeUndefined();
    process.env['INPUT_DEPLOY-TOKEN'] = 'github_pat_deploy';
    await runAction(seeing);
    expect(errorLines()).toEqual([]);
    expect(during).toBe('github_pat_deploy');
    expect(stdout.join('')).toContain('::add-mask::github_pat_deploy');
  });

  it('reads the config input as the mlci.yaml path', async () => {
    writeFileSync(join(dir, 'ci.yaml'), 'validate-data:\n  data: x.csv\n  format: parquet\n');
    process.env.INPUT_CONFIG = 'ci.yaml';
    await runAction(step);
    expect(seen.input).toMatchObject({ data: 'x.csv', format: 'parquet' });
  });

  it('fails the job with exit 1 when the gate fails', async () => {
    process.env.INPUT_DATA = 'bad.csv';
    behaviour = 'fail';
    await runAction(step);
    expect(process.exitCode).toBe(1);
    expect(errorLines()).toEqual(['::error::validate-data failed: 0 of 0 checks failed']);
  });

  it.each([
    ['a missing required input', {}, "::error::input 'data' is required"],
    [
      'a bad boolean',
      { INPUT_DATA: 'x.csv', INPUT_FORCE: 'maybe' },
      `::error::input 'force': expected true or false, got "maybe"`,
    ],
    [
      'a value outside the choices',
      { INPUT_DATA: 'x.csv', INPUT_FORMAT: 'xlsx' },
      "::error::input 'format': ",
    ],
  ])('fails with exit 2 on %s', async (_, inputs: Record<string, string>, message) => {
    Object.assign(process.env, inputs);
    await runAction(step);
    expect(process.exitCode).toBe(2);
    expect(errorLines()).toEqual([expect.stringContaining(message)]);
    expect(seen.input).toBeUndefined();
  });

  it('passes on the exit code of an error the step raises', async () => {
    process.env.INPUT_DATA = 'missing.csv';
    behaviour = 'input-error';
    await runAction(step);
    expect(process.exitCode).toBe(2);
    expect(errorLines()).toEqual(['::error::missing.csv: no such file']);
  });

  it('reports a bug in one line, with the stack only in debug mode', async () => {
    process.env.INPUT_DATA = 'x.csv';
    behaviour = 'crash';
    await runAction(step);
    expect(process.exitCode).toBe(4);
    expect(errorLines()).toEqual([
      '::error::mlci internal error: cannot read properties of undefined (re-run with debug logging for the stack trace)',
    ]);
    expect(stdout.join('')).not.toContain('at somewhere');

    stdout.length = 0;
    process.env.RUNNER_DEBUG = '1';
    await runAction(step);
    expect(errorLines()).toEqual(['::error::mlci internal error: cannot read properties of undefined']);
    expect(stdout.join('')).toContain('TypeError: cannot read properties of undefined');
  });
});
