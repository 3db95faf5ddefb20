import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { optionsOf, trainInput } from '@mlci/core';
import { interpolate, scriptArgv } from './component';
import { componentUnderTest, jobInputs, testInputContract, testJobContract } from './component-contract';

const root = join(import.meta.dirname, '..', '..');
const subject = componentUnderTest('train');
const { errorsOf } = subject;
/** Inputs about the GitLab job itself rather than the step; the gitlab-cache-* ones configure `cache:`. */
const platformInputs = [...jobInputs, 'gitlab-cache-key', 'gitlab-cache-fallback-keys', 'gitlab-cache-paths'];
/** List options: one input of whitespace-separated items, each passed as its own flag. */
const listOptions = optionsOf(trainInput)
  .filter((option) => option.kind === 'list')
  .map((option) => option.name);

interface Job {
  variables: Record<string, string | { value: string; expand?: boolean }>;
  script: string[];
  cache: { key: string; fallback_keys: string[]; paths: string[]; when: string };
  artifacts: { when: string; paths: string[]; reports: Record<string, string> };
}

/**
 * What a pipeline must give: the outputs directory, which the job keeps as an artifact (GitLab needs its path
 * when it creates the pipeline, before mlci reads mlci.yaml). The command may come from mlci.yaml.
 */
const required = { outputs: 'model' };
/** The options the job itself needs: always passed. */
const jobOptions = ['out', 'outputs'];

/** Every input set to something other than its default. */
const everything = {
  'job-name': 'train-churn',
  stage: 'train',
  version: '1.2.3',
  // MLCI_CLI, which the argv tests set, runs instead of the executable.
  install: 'binary',
  image: 'registry.example.com/trainer:py3.12-node20',
  command: 'python train.py --epochs 3',
  inputs: 'data/\ntrain.py',
  outputs: 'model',
  params: 'params.yaml',
  param: 'lr=0.1\nepochs=3',
  metrics: 'model/metrics.json',
  timeout: '3600',
  env: 'CUDA_VISIBLE_DEVICES',
  'cache-store': 'oci://$CI_REGISTRY/$CI_PROJECT_PATH/mlci-cache',
  'no-cache': true,
  'cache-keep': '5',
  'cache-key': 'command\ninputs\nparams',
  register: 'churn',
  evidence: '.mlci/validate-data.json\n.mlci/evaluate.json',
  registry: 'oci://$CI_REGISTRY/$CI_PROJECT_PATH/models',
  tracking: 'mlflow+https://mlflow.example.com',
  experiment: 'churn',
  'insecure-registry': true,
  'report-id': 'train (nightly)',
  out: 'reports/mlci',
  config: 'ci/mlci.yaml',
  'gitlab-cache-key': 'models',
  'gitlab-cache-fallback-keys': [],
  'gitlab-cache-paths': [],
  rules: [{ if: '$CI_PIPELINE_SOURCE == "schedule"' }],
};

function job(document: Record<string, unknown>, name = 'train'): Job {
  return document[name] as Job;
}

const variableOf = (option: string) => `MLCI_INPUT_${option.toUpperCase().replace(/-/g, '_')}`;

describe('train component inputs', () => {
  testInputContract(subject, { input: trainInput, platformInputs, jobOptions, everything });

  test('keep GitLab’s cache on the cache store by default', () => {
    expect(subject.component.header.spec.inputs['gitlab-cache-paths']?.default).toEqual([
      optionsOf(trainInput).find((option) => option.name === 'cache-store')?.defaultValue,
    ]);
  });

  test('the cache-key regex takes exactly the parts mlci knows, one per line', () => {
    const regex = new RegExp(subject.component.header.spec.inputs['cache-key']?.regex ?? '');
    for (const good of ['', 'command\ninputs', 'command\ninputs\nparams\nenv\ncommit\n', ' inputs\nparams '])
      expect({ good, ok: regex.test(good) }).toEqual({ good, ok: true });
    for (const bad of ['command,inputs', 'command inputs', 'commandinputs', 'code', 'inputs; rm -rf /'])
      expect({ bad, ok: regex.test(bad) }).toEqual({ bad, ok: false });
  });

  test('each reach the CLI as their flag, text through a job variable, the command unexpanded by GitLab', () => {
    const { variables, script } = job(
      interpolate(subject.component, { ...required, command: 'python train.py' }),
    );
    const text = script.join('\n');
    for (const option of [...optionsOf(trainInput).map((o) => o.name), 'config']) {
      expect(text).toContain(`--${option}`);
      if (subject.component.header.spec.inputs[option]?.type !== 'string') continue;
      const variable = variableOf(option);
      expect(Object.keys(variables)).toContain(variable);
      // A list is split by the shell on purpose (globbing off); every other text stays quoted.
      expect(text).toContain(listOptions.includes(option) ? `in $${variable}; do` : `"$${variable}"`);
    }
    expect(variables.MLCI_INPUT_COMMAND).toEqual({ value: 'python train.py', expand: false });
    expect(text).not.toMatch(/\$\[\[/);
  });
});

describe('train component job', () => {
  testJobContract(subject, {
    input: trainInput,
    jobOptions,
    required,
    everything,
    everythingJob: {
      stage: 'train',
      cache: { key: 'models', fallback_keys: [], paths: [] },
      artifacts: { reports: { dotenv: 'reports/mlci/train.env', junit: 'reports/mlci/train.junit.xml' } },
    },
  });

  test('carries the run cache with GitLab’s cache: a static key per job and branch, the default branch’s as fallback', () => {
    const { cache } = job(interpolate(subject.component, required));
    expect(cache).toEqual({
      key: 'mlci-$CI_JOB_NAME_SLUG-$CI_COMMIT_REF_SLUG',
      fallback_keys: ['mlci-$CI_JOB_NAME_SLUG-$CI_DEFAULT_BRANCH'],
      paths: ['.mlci/cache'],
      when: 'on_success',
    });
  });

  test('keeps the reports, the lineage and the model as artifacts, but not the cache or a file: registry', () => {
    const { artifacts } = job(interpolate(subject.component, required));
    expect(artifacts.when).toBe('always');
    expect(artifacts.paths).toEqual([
      '.mlci/train.md',
      '.mlci/train.json',
      '.mlci/train.junit.xml',
      '.mlci/train.env',
      '.mlci/run.json',
      '.mlci/provenance.intoto.json',
      'model/',
    ]);
    expect(artifacts.reports).toEqual({ junit: '.mlci/train.junit.xml', dotenv: '.mlci/train.env' });
  });

  test('the schema rejects a broken cache (so the check above can fail)', () => {
    const body = job(interpolate(subject.component, required));
    expect(errorsOf({ train: { ...body, cache: { ...body.cache, when: 'sometimes' } } })).toContain(
      '/train/cache/when must be equal to one of the allowed values',
    );
    expect(errorsOf({ train: { ...body, cache: { ...body.cache, key: 'a/b' } } }).length).toBeGreaterThan(0);
  });

  test('interpolation refuses a pipeline that leaves out the outputs, as GitLab does, but not the command', () => {
    expect(() => interpolate(subject.component, { command: 'python train.py' })).toThrow(
      '`outputs` input: required value has not been provided',
    );
    expect(() => interpolate(subject.component, { outputs: 'model' })).not.toThrow();
  });
});

describe('train component script, run by sh and bash', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'mlci-train-template-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** The argv mlci would get from the job's script (see scriptArgv). */
  function argvOf(shell: string, given: Record<string, unknown>): { argv: string[]; files: string[] } {
    return scriptArgv(job(interpolate(subject.component, given)), shell, scratch, 'data.csv');
  }

  const hostile = {
    command: `python train.py --name "two words" $(touch pwned-cmd) \`touch pwned-backtick\` 'q' ; touch pwned-semi`,
    inputs: 'data/*.csv\n*.csv\n$(touch pwned-input)',
    outputs: "it's out",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion the script must keep literal
    param: 'msg=$(touch${IFS}pwned-param)\nlr=0.1\nname=two words',
    env: 'CUDA_VISIBLE_DEVICES\nOMP_NUM_THREADS',
    'cache-key': 'command\ninputs',
    metrics: '"; touch pwned-metrics; "',
    timeout: '60',
    'no-cache': true,
  };

  it.each(['sh', 'bash'])('hands every value to mlci as data under %s; globs are left to mlci', (shell) => {
    const { argv, files } = argvOf(shell, hostile);
    expect(argv).toEqual([
      'train',
      '--command',
      hostile.command,
      '--outputs',
      "it's out",
      '--metrics',
      hostile.metrics,
      '--timeout',
      '60',
      '--no-cache',
      '--out',
      '.mlci',
      '--inputs',
      'data/*.csv',
      '--inputs',
      '*.csv',
      '--inputs',
      '$(touch pwned-input)',
      '--param',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion the script must keep literal
      'msg=$(touch${IFS}pwned-param)',
      '--param',
      'lr=0.1',
      '--param',
      'name=two words',
      '--env',
      'CUDA_VISIBLE_DEVICES',
      '--env',
      'OMP_NUM_THREADS',
      '--cache-key',
      'command',
      '--cache-key',
      'inputs',
    ]);
    // Only the file the test put there: nothing ran, and `*.csv` was not expanded to data.csv.
    expect(files).toEqual(['data.csv']);
  });

  it('passes every input the pipeline sets as its flag', () => {
    const document = interpolate(subject.component, everything);
    // The runner expands $CI_… in the job's variables (scriptArgv does not); here they stay as written.
    expect(scriptArgv(job(document, 'train-churn'), 'sh', scratch, 'data.csv').argv).toEqual([
      'train',
      '--command',
      'python train.py --epochs 3',
      '--outputs',
      'model',
      '--params',
      'params.yaml',
      '--metrics',
      'model/metrics.json',
      '--timeout',
      '3600',
      '--cache-store',
      'oci://$CI_REGISTRY/$CI_PROJECT_PATH/mlci-cache',
      '--no-cache',
      '--cache-keep',
      '5',
      '--register',
      'churn',
      '--registry',
      'oci://$CI_REGISTRY/$CI_PROJECT_PATH/models',
      '--tracking',
      'mlflow+https://mlflow.example.com',
      '--experiment',
      'churn',
      '--insecure-registry',
      '--report-id',
      'train (nightly)',
      '--out',
      'reports/mlci',
      '--inputs',
      'data/',
      '--inputs',
      'train.py',
      '--param',
      'lr=0.1',
      '--param',
      'epochs=3',
      '--env',
      'CUDA_VISIBLE_DEVICES',
      '--cache-key',
      'command',
      '--cache-key',
      'inputs',
      '--cache-key',
      'params',
      '--evidence',
      '.mlci/validate-data.json',
      '--evidence',
      '.mlci/evaluate.json',
      '--config',
      'ci/mlci.yaml',
    ]);
  });

  test('the README documents the same cache defaults the component has', () => {
    const readme = readFileSync(join(root, 'templates', 'README.md'), 'utf8');
    expect(readme).toContain('`mlci-$CI_JOB_NAME_SLUG-$CI_COMMIT_REF_SLUG`');
  });
});
