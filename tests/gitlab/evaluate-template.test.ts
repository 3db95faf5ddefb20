import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateInput } from '@mlci/core';
import { interpolate, scriptArgv } from './component';
import { componentUnderTest, jobInputs, testInputContract, testJobContract } from './component-contract';

const subject = componentUnderTest('evaluate');
const { errorsOf } = subject;

interface Job {
  stage: string;
  variables: Record<string, string | { value: string; expand?: boolean }>;
  script: string[];
  artifacts: { when: string; paths: string[]; reports: Record<string, string> };
}

/** Nothing: every option may come from mlci.yaml (the candidate too), and out has its default. */
const required = {};

/** Every input set to something other than its default. */
const everything = {
  'job-name': 'evaluate-churn',
  stage: 'evaluate',
  version: '1.2.3',
  // MLCI_CLI, which the argv tests set, runs instead of the executable.
  install: 'binary',
  image: 'node:22',
  candidate: 'model/predictions.parquet',
  baseline: 'baseline/evaluate.json',
  'baseline-artifact': 'evaluate-churn',
  'baseline-file': 'reports/mlci/evaluate.json',
  'rescore-command': 'python score.py',
  'label-column': 'y',
  'prediction-column': 'y_hat',
  'score-column': 'p',
  'positive-label': 'churned',
  'slice-column': 'country\nplan',
  task: 'classification',
  gate: 'accuracy:max_drop=0.02\nf1>=0.8@country=DE',
  resamples: '2000',
  confidence: '0.9',
  seed: '7',
  'allow-different-data': true,
  'attach-to': 'churn@3',
  registry: 'oci://$CI_REGISTRY/$CI_PROJECT_PATH/models',
  'insecure-registry': true,
  'report-id': 'evaluate vs production',
  out: 'reports/mlci',
  config: 'ci/mlci.yaml',
  rules: [{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }],
};

const job = (document: Record<string, unknown>, name = 'evaluate') => document[name] as Job;

describe('evaluate component inputs', () => {
  testInputContract(subject, {
    input: evaluateInput,
    platformInputs: jobInputs,
    everything,
  });
});

describe('evaluate component job', () => {
  testJobContract(subject, {
    input: evaluateInput,
    required,
    everything,
    everythingJob: {
      stage: 'evaluate',
      artifacts: {
        reports: {
          junit: 'reports/mlci/evaluate.junit.xml',
          dotenv: 'reports/mlci/evaluate.env',
          metrics: 'reports/mlci/metrics.txt',
        },
      },
    },
  });

  test('keeps the reports and metrics.txt as artifacts: JUnit, dotenv and metrics reports', () => {
    const { artifacts, stage } = job(interpolate(subject.component, required));
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
    const body = job(interpolate(subject.component, required));
    expect(
      errorsOf({ evaluate: { ...body, artifacts: { ...body.artifacts, reports: { metric: 'x' } } } }).length,
    ).toBeGreaterThan(0);
  });

  test('takes a pipeline that leaves out the candidate: mlci.yaml may give it (else mlci says it is required)', () => {
    expect(() => interpolate(subject.component, { baseline: 'b.csv' })).not.toThrow();
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
    return scriptArgv(job(interpolate(subject.component, given)), shell, scratch, 'a.csv');
  }

  const hostile = {
    candidate: "it's *.csv",
    baseline: '$(touch pwned-baseline)',
    'score-column': '`touch pwned-score`',
    'slice-column': 'country\n *.csv \n\nhome country',
    // The gate syntax itself (>=, <=, @, =) and a gate with spaces, then an injection attempt: one argument each.
    gate: 'f1>=0.8@country=DE\naccuracy:max_drop=0.02\nlog_loss <= 0.5 @ country=New Zealand\n"; touch pwned-gate; "',
    seed: '7',
    'allow-different-data': true,
  };

  it.each(['sh', 'bash'])('hands every value to mlci as data under %s, a gate per line', (shell) => {
    const { argv, files } = argvOf(shell, hostile);
    expect(argv).toEqual([
      'evaluate',
      '--candidate',
      "it's *.csv",
      '--baseline',
      '$(touch pwned-baseline)',
      '--score-column',
      '`touch pwned-score`',
      '--seed',
      '7',
      '--allow-different-data',
      '--out',
      '.mlci',
      // One item per line, trimmed, empty lines skipped: a column name may hold spaces.
      '--slice-column',
      'country',
      '--slice-column',
      '*.csv',
      '--slice-column',
      'home country',
      '--gate',
      'f1>=0.8@country=DE',
      '--gate',
      'accuracy:max_drop=0.02',
      '--gate',
      'log_loss <= 0.5 @ country=New Zealand',
      '--gate',
      '"; touch pwned-gate; "',
    ]);
    // Only the file the test put there: nothing ran, and `*.csv` was not expanded to a.csv.
    expect(files).toEqual(['a.csv']);
  });

  it('passes every input the pipeline sets as its flag', () => {
    const document = interpolate(subject.component, everything);
    // The runner expands $CI_… in the job's variables (scriptArgv does not); here they stay as written.
    expect(scriptArgv(job(document, 'evaluate-churn'), 'sh', scratch, 'a.csv').argv).toEqual([
      'evaluate',
      '--candidate',
      'model/predictions.parquet',
      '--baseline',
      'baseline/evaluate.json',
      '--baseline-artifact',
      'evaluate-churn',
      '--baseline-file',
      'reports/mlci/evaluate.json',
      '--label-column',
      'y',
      '--prediction-column',
      'y_hat',
      '--score-column',
      'p',
      '--positive-label',
      'churned',
      '--task',
      'classification',
      '--resamples',
      '2000',
      '--confidence',
      '0.9',
      '--seed',
      '7',
      '--allow-different-data',
      '--rescore-command',
      'python score.py',
      '--attach-to',
      'churn@3',
      '--registry',
      'oci://$CI_REGISTRY/$CI_PROJECT_PATH/models',
      '--insecure-registry',
      '--report-id',
      'evaluate vs production',
      '--out',
      'reports/mlci',
      '--slice-column',
      'country',
      '--slice-column',
      'plan',
      '--gate',
      'accuracy:max_drop=0.02',
      '--gate',
      'f1>=0.8@country=DE',
      '--config',
      'ci/mlci.yaml',
    ]);
  });
});
