import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promoteInput } from '@mlci/core';
import { interpolate, scriptArgv } from './component';
import { componentUnderTest, jobInputs, testInputContract, testJobContract } from './component-contract';

const subject = componentUnderTest('promote');
const { errorsOf } = subject;

interface Job {
  stage: string;
  rules: unknown[];
  variables: Record<string, string>;
  script: string[];
  artifacts: { when: string; paths: string[]; reports: Record<string, string> };
}

const job = (document: Record<string, unknown>, name = 'promote') => document[name] as Job;

/** Every input set to something other than its default. */
const everything = {
  'job-name': 'promote-churn',
  stage: 'release',
  version: '1.2.3',
  // MLCI_CLI, which the argv tests set, runs instead of the executable.
  install: 'binary',
  image: 'node:22',
  model: 'churn',
  to: 'canary',
  'model-version': '7',
  'from-commit': '4f2a9c1',
  tag: 'v2.1.0',
  rule: 'prerelease=staging\n>=2.0.0 <3.0.0=production\nglob:nightly-*=nightly',
  require: 'validation\nevaluation',
  rollback: true,
  'dry-run': true,
  'no-retag-images': true,
  'deploy-repo': 'https://gitlab.example.com/acme/deploy.git',
  'deploy-file': 'canary=overlays/canary/kustomization.yaml\nvalues/common.yaml',
  'deploy-image': 'registry.example.com/ml/canary',
  'deploy-branch': 'main',
  'deploy-mode': 'request',
  'deploy-container': 'server',
  'deploy-key': 'image',
  'deploy-api-url': 'https://gitlab.example.com/api/v4',
  registry: 'oci://$CI_REGISTRY/$CI_PROJECT_PATH/models',
  'insecure-registry': true,
  'report-id': 'promote canary',
  out: 'reports/mlci',
  config: 'ci/mlci.yaml',
  rules: [{ if: '$CI_COMMIT_TAG =~ /^v/' }],
};

describe('promote component inputs', () => {
  testInputContract(subject, {
    input: promoteInput,
    platformInputs: jobInputs,
    // `version` is the CLI's version in every component: the step's own --version is `model-version` here.
    renamed: { version: 'model-version' },
    everything,
  });

  test('take a pipeline that leaves out the model: mlci.yaml may give it (promote.model, or model at its top)', () => {
    expect(() => interpolate(subject.component, {})).not.toThrow();
  });
});

describe('promote component job', () => {
  testJobContract(subject, {
    input: promoteInput,
    required: {},
    everything,
    everythingJob: {
      stage: 'release',
      rules: [{ if: '$CI_COMMIT_TAG =~ /^v/' }],
      artifacts: {
        paths: [
          'reports/mlci/promote.md',
          'reports/mlci/promote.json',
          'reports/mlci/promote.junit.xml',
          'reports/mlci/promote.env',
        ],
        reports: { junit: 'reports/mlci/promote.junit.xml', dotenv: 'reports/mlci/promote.env' },
      },
    },
  });

  test('runs only in tag pipelines by default, in the deploy stage, keeping the reports and the dotenv', () => {
    const { stage, rules, artifacts } = job(interpolate(subject.component, { model: 'churn' }));
    expect(stage).toBe('deploy');
    expect(rules).toEqual([{ if: '$CI_COMMIT_TAG' }]);
    expect(artifacts.when).toBe('always');
    expect(artifacts.reports).toEqual({ junit: '.mlci/promote.junit.xml', dotenv: '.mlci/promote.env' });
  });

  test('the schema rejects an unknown report type (so the checks above can fail)', () => {
    const body = job(interpolate(subject.component, { model: 'churn' }));
    expect(
      errorsOf({ promote: { ...body, artifacts: { ...body.artifacts, reports: { alias: 'x' } } } }).length,
    ).toBeGreaterThan(0);
  });
});

describe('promote component script, run by sh and bash', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'mlci-promote-template-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  function argvOf(shell: string, given: Record<string, unknown>, name = 'promote') {
    return scriptArgv(job(interpolate(subject.component, given), name), shell, scratch, 'a.txt');
  }

  it.each(['sh', 'bash'])('hands every value to mlci as data under %s, rules a line each', (shell) => {
    const { argv, files } = argvOf(shell, {
      model: "it's $(touch pwned-model)",
      to: '`touch pwned-to`',
      tag: 'v1.0.0; touch pwned-tag',
      rule: '>=2.0.0 <3.0.0=production\nglob:*=canary\n$(touch pwned-rule)=x',
      // GitLab's regex refuses anything but the evidence kinds, one per line (spaces around them are trimmed).
      require: 'validation\n image ',
    });
    expect(argv).toEqual([
      'promote',
      '--model',
      "it's $(touch pwned-model)",
      '--to',
      '`touch pwned-to`',
      '--tag',
      'v1.0.0; touch pwned-tag',
      '--out',
      '.mlci',
      '--rule',
      '>=2.0.0 <3.0.0=production',
      '--rule',
      'glob:*=canary',
      '--rule',
      '$(touch pwned-rule)=x',
      '--require',
      'validation',
      '--require',
      'image',
    ]);
    // Only the file the test put there: nothing ran, and no `*` (in the rules) was expanded to a.txt.
    expect(files).toEqual(['a.txt']);
  });

  it('passes every input the pipeline sets as its flag', () => {
    expect(argvOf('sh', everything, 'promote-churn').argv).toEqual([
      'promote',
      '--model',
      'churn',
      '--to',
      'canary',
      '--version',
      '7',
      '--from-commit',
      '4f2a9c1',
      '--tag',
      'v2.1.0',
      '--rollback',
      '--dry-run',
      '--no-retag-images',
      '--deploy-repo',
      'https://gitlab.example.com/acme/deploy.git',
      '--deploy-image',
      'registry.example.com/ml/canary',
      '--deploy-branch',
      'main',
      '--deploy-mode',
      'request',
      '--deploy-container',
      'server',
      '--deploy-key',
      'image',
      '--deploy-api-url',
      'https://gitlab.example.com/api/v4',
      '--registry',
      'oci://$CI_REGISTRY/$CI_PROJECT_PATH/models',
      '--insecure-registry',
      '--report-id',
      'promote canary',
      '--out',
      'reports/mlci',
      '--rule',
      'prerelease=staging',
      '--rule',
      '>=2.0.0 <3.0.0=production',
      '--rule',
      'glob:nightly-*=nightly',
      '--require',
      'validation',
      '--require',
      'evaluation',
      '--deploy-file',
      'canary=overlays/canary/kustomization.yaml',
      '--deploy-file',
      'values/common.yaml',
      '--config',
      'ci/mlci.yaml',
    ]);
  });

  it('leaves out what is not given (the tag and commit then come from the pipeline, CI_COMMIT_TAG and CI_COMMIT_SHA)', () => {
    expect(argvOf('sh', { model: 'churn' }).argv).toEqual(['promote', '--model', 'churn', '--out', '.mlci']);
  });
});
