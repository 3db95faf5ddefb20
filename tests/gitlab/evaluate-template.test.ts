import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateInput, optionsOf } from '@mlci/core';
import AjvModule from 'ajv';
import { type Component, interpolate, loadComponent, readmeInputs, scriptArgv } from './component';

const root = join(import.meta.dirname, '..', '..');
const templatePath = join(root, 'gitlab-templates', 'evaluate.yml');
/** Inputs about the GitLab job itself rather than the step. */
const platformInputs = ['job-name', 'stage', 'version', 'image', 'rules', 'config'];

// ajv is CommonJS: its class is the default export's `default`.
const Ajv = ((AjvModule as unknown as { default?: typeof AjvModule }).default ??
  AjvModule) as typeof AjvModule;

let component: Component;
let validate: ReturnType<InstanceType<typeof Ajv>['compile']>;

beforeAll(async () => {
  component = await loadComponent(templatePath);
  const schema = JSON.parse(
    await readFile(join(import.meta.dirname, 'fixtures', 'gitlab-ci.schema.json'), 'utf8'),
  );
  validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
});

interface Job {
  stage: string;
  variables: Record<string, string | { value: string; expand?: boolean }>;
  script: string[];
  artifacts: { when: string; paths: string[]; reports: Record<string, string> };
}

const required = { candidate: 'model/predictions.csv' };

const job = (document: Record<string, unknown>, name = 'evaluate') => document[name] as Job;

function errorsOf(document: unknown): string[] {
  if (validate(document)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

describe('evaluate component inputs', () => {
  test('mirror the step options one to one, plus the platform inputs', () => {
    const stepOptions = optionsOf(evaluateInput).map((option) => option.name);
    const inputs = Object.keys(component.header.spec.inputs);
    expect(inputs.filter((name) => !platformInputs.includes(name)).sort()).toEqual([...stepOptions].sort());
    expect(inputs).toEqual(expect.arrayContaining(platformInputs));
  });

  test('have the type and default of their option; the enum lists its choices; candidate has no default', () => {
    for (const option of optionsOf(evaluateInput)) {
      const input = component.header.spec.inputs[option.name];
      expect({ option: option.name, type: input?.type }).toEqual({
        option: option.name,
        type:
          option.kind === 'boolean'
            ? 'boolean'
            : option.kind === 'number' && option.defaultValue !== undefined
              ? 'number'
              : 'string',
      });
      const expected = option.required
        ? undefined
        : option.kind === 'list' || option.defaultValue === undefined
          ? ''
          : option.defaultValue;
      expect({ option: option.name, default: input?.default }).toEqual({
        option: option.name,
        default: expected,
      });
      if (option.choices) expect(input?.options).toEqual([...option.choices]);
    }
  });

  test('are each documented in the README table of the evaluate section', async () => {
    const readme = await readFile(join(root, 'gitlab-templates', 'README.md'), 'utf8');
    expect(readmeInputs(readme, 'evaluate').sort()).toEqual(Object.keys(component.header.spec.inputs).sort());
  });

  test('the seed regex takes an unsigned integer or nothing', () => {
    const regex = new RegExp(component.header.spec.inputs.seed?.regex ?? '');
    for (const good of ['', '0', '42', '4294967295'])
      expect({ good, ok: regex.test(good) }).toEqual({ good, ok: true });
    for (const bad of ['-1', '1.5', '1;id', '$(id)'])
      expect({ bad, ok: regex.test(bad) }).toEqual({ bad, ok: false });
  });
});

describe('evaluate component job', () => {
  test('is valid against GitLab’s CI schema, with defaults and with every input set', () => {
    expect(errorsOf(component.header)).toEqual([]);
    expect(errorsOf(interpolate(component, required))).toEqual([]);
    const everything = interpolate(component, {
      'job-name': 'evaluate-churn',
      stage: 'evaluate',
      version: '1.2.3',
      image: 'node:22',
      candidate: 'model/predictions.parquet',
      baseline: 'baseline/evaluate.json',
      'label-column': 'y',
      'prediction-column': 'y_hat',
      'score-column': 'p',
      'positive-label': 'churned',
      'slice-column': 'country plan',
      task: 'classification',
      gate: 'accuracy:max_drop=0.02\nf1>=0.8@country=DE',
      resamples: 2000,
      confidence: 0.9,
      seed: '7',
      'allow-different-data': true,
      'attach-to': 'churn@3',
      registry: 'oci://$CI_REGISTRY/$CI_PROJECT_PATH/models',
      'insecure-registry': true,
      out: 'reports/mlci',
      config: 'ci/mlci.yaml',
      rules: [{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }],
    });
    expect(errorsOf(everything)).toEqual([]);
    expect(job(everything, 'evaluate-churn')).toMatchObject({
      stage: 'evaluate',
      artifacts: {
        reports: {
          junit: 'reports/mlci/evaluate.junit.xml',
          dotenv: 'reports/mlci/evaluate.env',
          metrics: 'reports/mlci/metrics.txt',
        },
      },
    });
  });

  test('keeps the reports and metrics.txt as artifacts: JUnit, dotenv and metrics reports', () => {
    const { artifacts, stage } = job(interpolate(component, required));
    // After `build`, where the train component runs by default, so `needs: [train]` brings the predictions.
    expect(stage).toBe('test');
    expect(artifacts.when).toBe('always');
    expect(artifacts.paths).toEqual([
      '.mlci/evaluate.md',
      '.mlci/evaluate.json',
      '.mlci/evaluate.junit.xml',
      '.mlci/evaluate.env',
      '.mlci/metrics.txt',
    ]);
    expect(artifacts.reports).toEqual({
      junit: '.mlci/evaluate.junit.xml',
      dotenv: '.mlci/evaluate.env',
      metrics: '.mlci/metrics.txt',
    });
  });

  test('the schema rejects an unknown report type (so the check above can fail)', () => {
    const body = job(interpolate(component, required));
    expect(
      errorsOf({ evaluate: { ...body, artifacts: { ...body.artifacts, reports: { metric: 'x' } } } }).length,
    ).toBeGreaterThan(0);
  });

  test('interpolation refuses a pipeline that leaves out the candidate, as GitLab does', () => {
    expect(() => interpolate(component, { baseline: 'b.csv' })).toThrow(
      '`candidate` input: required value has not been provided',
    );
  });
});

describe('evaluate component script, run by sh and bash', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'mlci-evaluate-template-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** The argv mlci would get from the job's script (see scriptArgv). */
  function argvOf(shell: string, given: Record<string, unknown>): { argv: string[]; files: string[] } {
    return scriptArgv(job(interpolate(component, given)), shell, scratch, 'a.csv');
  }

  const hostile = {
    candidate: "it's *.csv",
    baseline: '$(touch pwned-baseline)',
    'score-column': '`touch pwned-score`',
    'slice-column': 'country *.csv',
    // The gate syntax itself (>=, <=, @, =) and a gate with spaces, then an injection attempt: one argument each.
    gate: 'f1>=0.8@country=DE\naccuracy:max_drop=0.02\nlog_loss <= 0.5 @ country=New Zealand\n"; touch pwned-gate; "',
    seed: '7',
    'allow-different-data': true,
  };

  it.each(['sh', 'bash'])('hands every value to mlci as data under %s, a gate per line', (shell) => {
    const { argv, files } = argvOf(shell, hostile);
    expect(argv).toEqual([
      'evaluate',
      '--out',
      '.mlci',
      '--candidate',
      "it's *.csv",
      '--label-column',
      'label',
      '--prediction-column',
      'prediction',
      '--task',
      'auto',
      '--resamples',
      '1000',
      '--confidence',
      '0.95',
      '--registry',
      'file:.mlci/registry',
      '--baseline',
      '$(touch pwned-baseline)',
      '--score-column',
      '`touch pwned-score`',
      '--slice-column',
      'country',
      '--slice-column',
      '*.csv',
      '--gate',
      'f1>=0.8@country=DE',
      '--gate',
      'accuracy:max_drop=0.02',
      '--gate',
      'log_loss <= 0.5 @ country=New Zealand',
      '--gate',
      '"; touch pwned-gate; "',
      '--seed',
      '7',
      '--allow-different-data',
    ]);
    // Only the file the test put there: nothing ran, and `*.csv` was not expanded to a.csv.
    expect(files).toEqual(['a.csv']);
  });

  it('leaves out what is not given', () => {
    expect(argvOf('sh', required).argv).toEqual([
      'evaluate',
      '--out',
      '.mlci',
      '--candidate',
      'model/predictions.csv',
      '--label-column',
      'label',
      '--prediction-column',
      'prediction',
      '--task',
      'auto',
      '--resamples',
      '1000',
      '--confidence',
      '0.95',
      '--registry',
      'file:.mlci/registry',
    ]);
  });
});
