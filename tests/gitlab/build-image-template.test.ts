import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildImageInput } from '@mlci/core';
import { layerCachePath } from '../../packages/core/src/steps/build-image/run';
import { interpolate, scriptArgv } from './component';
import { componentUnderTest, jobInputs, testInputContract, testJobContract } from './component-contract';

const subject = componentUnderTest('build-image');
const { errorsOf } = subject;

interface Job {
  stage: string;
  rules: unknown[];
  variables: Record<string, string | { value: string; expand?: boolean }>;
  script: string[];
  cache: { key: string; fallback_keys: string[]; paths: string[]; when: string };
  artifacts: { when: string; paths: string[]; reports: Record<string, string> };
}

const job = (document: Record<string, unknown>, name = 'build-image') => document[name] as Job;

/** Every input set to something other than its default. */
const everything = {
  'job-name': 'image-churn',
  stage: 'release',
  version: '1.2.3',
  // MLCI_CLI, which the argv tests set, runs instead of the executable.
  install: 'binary',
  image: 'node:22',
  base: 'python:3.12-slim',
  platform: 'linux/arm64/v8',
  model: 'model',
  'model-path': '/opt/model',
  add: 'serve.py:/app/serve.py\nrequirements.txt:/app/requirements.txt',
  entrypoint: '["python", "/app/serve.py"]',
  cmd: '--port 8080',
  env: 'MODEL_DIR=/opt/model\nGREETING=hello world',
  workdir: '/app',
  user: '1000:1000',
  label: 'org.opencontainers.image.title=churn\ndescription=churn model, March data',
  tag: '$CI_REGISTRY_IMAGE/model:$CI_COMMIT_SHORT_SHA\n$CI_REGISTRY_IMAGE/model:latest',
  push: true,
  'oci-layout': 'out/image',
  compression: 'none',
  'compression-level': '9',
  'train-result': 'out/train.json',
  'attach-to': 'churn@3',
  registry: 'oci://$CI_REGISTRY/$CI_PROJECT_PATH/models',
  'insecure-registry': true,
  dockerfile: 'Dockerfile',
  context: 'app',
  builder: 'buildah',
  'report-id': 'image (arm64)',
  out: 'reports/mlci',
  config: 'ci/mlci.yaml',
  rules: [{ if: '$CI_COMMIT_TAG' }],
};

describe('build-image component inputs', () => {
  testInputContract(subject, {
    input: buildImageInput,
    platformInputs: jobInputs,
    everything,
  });
});

describe('build-image component job', () => {
  testJobContract(subject, {
    input: buildImageInput,
    required: {},
    everything,
    everythingJob: {
      stage: 'release',
      rules: [{ if: '$CI_COMMIT_TAG' }],
      artifacts: {
        paths: [
          'reports/mlci/build-image.md',
          'reports/mlci/build-image.json',
          'reports/mlci/build-image.junit.xml',
          'reports/mlci/build-image.env',
        ],
        reports: { junit: 'reports/mlci/build-image.junit.xml', dotenv: 'reports/mlci/build-image.env' },
      },
    },
  });

  test('runs after train and evaluate, on the default branch and tags, keeping the reports and the dotenv', () => {
    const { stage, rules, artifacts } = job(interpolate(subject.component, {}));
    expect(stage).toBe('deploy');
    expect(rules).toEqual([{ if: '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' }, { if: '$CI_COMMIT_TAG' }]);
    expect(artifacts.when).toBe('always');
    expect(artifacts.paths).toEqual([
      '.mlci/build-image.md',
      '.mlci/build-image.json',
      '.mlci/build-image.junit.xml',
      '.mlci/build-image.env',
    ]);
    expect(artifacts.reports).toEqual({
      junit: '.mlci/build-image.junit.xml',
      dotenv: '.mlci/build-image.env',
    });
  });

  test('carries mlci’s layer cache file with GitLab’s cache, per job and branch', () => {
    expect(job(interpolate(subject.component, {})).cache).toEqual({
      key: 'mlci-$CI_JOB_NAME_SLUG-$CI_COMMIT_REF_SLUG',
      fallback_keys: ['mlci-$CI_JOB_NAME_SLUG-$CI_DEFAULT_BRANCH'],
      paths: [layerCachePath],
      when: 'on_success',
    });
  });

  test('keeps the entrypoint and cmd unexpanded by GitLab; a tag’s variables are expanded', () => {
    const { variables } = job(interpolate(subject.component, everything), 'image-churn');
    expect(variables.MLCI_INPUT_ENTRYPOINT).toEqual({ value: '["python", "/app/serve.py"]', expand: false });
    expect(variables.MLCI_INPUT_CMD).toEqual({ value: '--port 8080', expand: false });
    expect(variables.MLCI_INPUT_TAG).toBe(everything.tag);
  });

  test('the schema rejects an unknown report type (so the checks above can fail)', () => {
    const body = job(interpolate(subject.component, {}));
    expect(
      errorsOf({ 'build-image': { ...body, artifacts: { ...body.artifacts, reports: { image: 'x' } } } })
        .length,
    ).toBeGreaterThan(0);
  });
});

describe('build-image component script, run by sh and bash', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'mlci-build-image-template-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** The argv mlci would get from the job's script (see scriptArgv). */
  function argvOf(shell: string, given: Record<string, unknown>, name = 'build-image') {
    return scriptArgv(job(interpolate(subject.component, given), name), shell, scratch, 'a.py');
  }

  const hostile = {
    model: "it's *",
    add: '*.py:/app/\n$(touch pwned-add):/x',
    entrypoint: '["sh", "-c", "exec serve --port $PORT; touch pwned-entrypoint"]',
    cmd: '`touch pwned-cmd`',
    env: 'GREETING=hello world\nX="; touch pwned-env; "\nPATTERN=*.py',
    label: "description=it's a model\n$(touch pwned-label)=1",
    tag: 'registry.example.com/a/b:1\nregistry.example.com/a/b:*',
    workdir: '$(touch pwned-workdir)',
    push: true,
  };

  it.each(['sh', 'bash'])(
    'hands every value to mlci as data under %s, env and labels a line each',
    (shell) => {
      const { argv, files } = argvOf(shell, hostile);
      expect(argv).toEqual([
        'build-image',
        '--model',
        "it's *",
        '--entrypoint',
        '["sh", "-c", "exec serve --port $PORT; touch pwned-entrypoint"]',
        '--cmd',
        '`touch pwned-cmd`',
        '--workdir',
        '$(touch pwned-workdir)',
        '--push',
        '--out',
        '.mlci',
        '--add',
        '*.py:/app/',
        '--add',
        '$(touch pwned-add):/x',
        '--env',
        'GREETING=hello world',
        '--env',
        'X="; touch pwned-env; "',
        '--env',
        'PATTERN=*.py',
        '--label',
        "description=it's a model",
        '--label',
        '$(touch pwned-label)=1',
        '--tag',
        'registry.example.com/a/b:1',
        '--tag',
        'registry.example.com/a/b:*',
      ]);
      // Only the file the test put there: nothing ran, and no `*` was expanded to a.py.
      expect(files).toEqual(['a.py']);
    },
  );

  it('passes every input the pipeline sets as its flag', () => {
    // The runner expands the tag's variables (scriptArgv does not); here they stay as written.
    expect(argvOf('sh', everything, 'image-churn').argv).toEqual([
      'build-image',
      '--base',
      'python:3.12-slim',
      '--platform',
      'linux/arm64/v8',
      '--model',
      'model',
      '--model-path',
      '/opt/model',
      '--entrypoint',
      '["python", "/app/serve.py"]',
      '--cmd',
      '--port 8080',
      '--workdir',
      '/app',
      '--user',
      '1000:1000',
      '--push',
      '--oci-layout',
      'out/image',
      '--compression',
      'none',
      '--compression-level',
      '9',
      '--train-result',
      'out/train.json',
      '--attach-to',
      'churn@3',
      '--registry',
      'oci://$CI_REGISTRY/$CI_PROJECT_PATH/models',
      '--insecure-registry',
      '--dockerfile',
      'Dockerfile',
      '--context',
      'app',
      '--builder',
      'buildah',
      '--report-id',
      'image (arm64)',
      '--out',
      'reports/mlci',
      '--add',
      'serve.py:/app/serve.py',
      '--add',
      'requirements.txt:/app/requirements.txt',
      '--env',
      'MODEL_DIR=/opt/model',
      '--env',
      'GREETING=hello world',
      '--label',
      'org.opencontainers.image.title=churn',
      '--label',
      'description=churn model, March data',
      '--tag',
      '$CI_REGISTRY_IMAGE/model:$CI_COMMIT_SHORT_SHA',
      '--tag',
      '$CI_REGISTRY_IMAGE/model:latest',
      '--config',
      'ci/mlci.yaml',
    ]);
  });

  it('leaves out what is not given, and defaults (they must not override mlci.yaml)', () => {
    expect(argvOf('sh', {}).argv).toEqual(['build-image', '--out', '.mlci']);
    expect(argvOf('bash', { model: 'model', tag: '1' }).argv).toEqual([
      'build-image',
      '--model',
      'model',
      '--out',
      '.mlci',
      '--tag',
      '1',
    ]);
  });
});
