// The Jenkins shared library, run by tests/jenkins/harness.groovy (Debian's groovy, stub pipeline steps that
// record every call). All cases go through ONE groovy run, about 2 s. The recorded shell commands are then
// really run by bash and dash, so quoting is checked by a shell, not by reading the string.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bitbucketMarkdown, bitbucketMarker } from '@mlci/bitbucket';
import {
  buildImageInput,
  commentMarker,
  evaluateInput,
  optionsOf,
  trainInput,
  validateDataInput,
} from '@mlci/core';
import { FakeBitbucket } from '../bitbucket/fake-bitbucket';
import { baselinePredictions, worseCandidate } from '../support/evaluation-predictions';
import { startRegistry, type TestRegistry } from '../support/registry';
import { writeTrainingProject } from '../support/training-project';
import { argvPrinter, caseResults, type HarnessOutput, passedRun, runHarness, runScript } from './harness';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const cliBundle = join(root, 'packages/cli/dist/mlci.mjs');

interface Case {
  name: string;
  var: 'mlciValidateData' | 'mlciTrain' | 'mlciEvaluate' | 'mlciBuildImage' | 'mlci';
  args: Record<string, unknown>;
  shStatus?: number;
  shThrows?: string;
  credentials?: Record<string, string>;
  execute?: { cwd: string; env: Record<string, string> };
}

let scratch: string;
let printArgvCommand: string;
let output: HarnessOutput;
/** A loopback GitHub answering the sticky comment calls of the pull request end-to-end case. */
let github: Server;
let githubUrl: string;
/** Debian's docker-registry on 127.0.0.1, for the build-image end-to-end case. */
let registry: TestRegistry;
const githubRequests: { method: string; url: string; authorization?: string; body: string }[] = [];
const bitbucketToken = 'bbdc-jenkins-http-access-token';
let bitbucket: FakeBitbucket;

/** The mlci command for cases whose script is run by a shell: prints argv and MLCI_TOKEN as JSON. */
const printArgv = () => printArgvCommand;

const injections = {
  data: 'x"; rm -rf / #',
  schema: '$(touch pwned-dollar)',
  inferSchema: '`touch pwned-backtick`',
  format: "'",
  out: "o'ut; touch pwned-out",
};
const moreInjections = {
  data: "'; touch pwned-quote; '",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion the quoting must keep literal
  schema: 'it\'s "quoted" \\ $HOME ${PATH} %s *',
  inferSchema: 'two\nlines\ttab',
  format: '-x',
  out: 'sp ace/&&/|/;',
};

function cases(): Case[] {
  return [
    { name: 'normal', var: 'mlciValidateData', args: { data: 'data/train.csv', schema: 'schema.yaml' } },
    {
      name: 'every option',
      var: 'mlciValidateData',
      args: {
        data: 'data/train.parquet',
        schema: 'contracts/train.yaml',
        inferSchema: 'contracts/inferred.yaml',
        force: true,
        format: 'parquet',
        out: './reports/data/',
        mlci: 'mlci',
      },
    },
    { name: 'force false', var: 'mlciValidateData', args: { data: 'd.csv', force: false, schema: null } },
    { name: 'force as text', var: 'mlciValidateData', args: { data: 'd.csv', force: 'true' } },
    {
      name: 'generic var',
      var: 'mlci',
      args: { step: 'validate-data', data: 'data/train.csv', schema: 'schema.yaml' },
    },
    { name: 'generic var, unknown step', var: 'mlci', args: { step: 'deploy', data: 'x' } },
    { name: 'injection', var: 'mlciValidateData', args: { ...injections, mlci: printArgv() } },
    { name: 'more injection', var: 'mlciValidateData', args: { ...moreInjections, mlci: printArgv() } },
    {
      name: 'credentials',
      var: 'mlciValidateData',
      args: { data: 'd.csv', credentialsId: 'mlci-token', mlci: printArgv() },
      credentials: { 'mlci-token': 's3cr3t-token' },
      execute: { cwd: scratch, env: {} },
    },
    { name: 'exit 1', var: 'mlciValidateData', args: { data: 'd.csv' }, shStatus: 1 },
    { name: 'exit 2', var: 'mlciValidateData', args: { data: 'd.csv' }, shStatus: 2 },
    { name: 'exit 3', var: 'mlciValidateData', args: { data: 'd.csv' }, shStatus: 3 },
    { name: 'exit 4', var: 'mlciValidateData', args: { data: 'd.csv' }, shStatus: 4 },
    { name: 'exit 127', var: 'mlciValidateData', args: { data: 'd.csv' }, shStatus: 127 },
    { name: 'exit 143', var: 'mlciValidateData', args: { data: 'd.csv' }, shStatus: 143 },
    { name: 'aborted', var: 'mlciValidateData', args: { data: 'd.csv' }, shThrows: 'build aborted' },
    { name: 'unknown key', var: 'mlciValidateData', args: { data: 'd.csv', dataFile: 'd.csv' } },
    { name: 'kebab-case key', var: 'mlciValidateData', args: { data: 'd.csv', 'infer-schema': 'x.yaml' } },
    { name: 'bad boolean', var: 'mlciValidateData', args: { data: 'd.csv', force: 'maybe' } },
    { name: 'list for a value', var: 'mlciValidateData', args: { data: ['a.csv', 'b.csv'] } },
    { name: 'absolute out', var: 'mlciValidateData', args: { data: 'd.csv', out: '/tmp/reports' } },
    { name: 'out outside', var: 'mlciValidateData', args: { data: 'd.csv', out: 'a/../../reports' } },
    { name: 'empty credentialsId', var: 'mlciValidateData', args: { data: 'd.csv', credentialsId: '' } },
    {
      name: 'end to end, branch',
      var: 'mlciValidateData',
      args: { data: 'data/train.csv', schema: 'schema.yaml', mlci: `'${process.execPath}' '${cliBundle}'` },
      execute: {
        cwd: join(scratch, 'e2e-branch'),
        env: {
          JENKINS_URL: 'https://ci.example.com/',
          BRANCH_NAME: 'main',
          BUILD_URL: 'https://ci.example.com/job/x/1/',
        },
      },
    },
    {
      name: 'end to end, pull request',
      var: 'mlciValidateData',
      args: {
        data: 'data/train.csv',
        schema: 'schema.yaml',
        credentialsId: 'github-token',
        mlci: `'${process.execPath}' '${cliBundle}'`,
      },
      credentials: { 'github-token': 'ghp_e2e' },
      execute: {
        cwd: join(scratch, 'e2e-pr'),
        env: {
          JENKINS_URL: 'https://ci.example.com/',
          BUILD_URL: 'https://ci.example.com/job/churn/job/PR-42/7/',
          WORKSPACE: join(scratch, 'e2e-pr'),
          BRANCH_NAME: 'PR-42',
          CHANGE_ID: '42',
          CHANGE_URL: 'https://github.com/acme/churn/pull/42',
          CHANGE_TARGET: 'main',
          MLCI_GITHUB_API_URL: githubUrl,
        },
      },
    },
    {
      // The Bitbucket Branch Source plugin's CHANGE_URL of a Data Center pull request (older servers' /overview form).
      name: 'end to end, Bitbucket pull request',
      var: 'mlciValidateData',
      args: {
        data: 'data/train.csv',
        schema: 'schema.yaml',
        credentialsId: 'bitbucket-token',
        mlci: `'${process.execPath}' '${cliBundle}'`,
      },
      credentials: { 'bitbucket-token': bitbucketToken },
      execute: {
        cwd: join(scratch, 'e2e-bitbucket'),
        env: {
          JENKINS_URL: 'https://ci.example.com/',
          BUILD_URL: 'https://ci.example.com/job/churn/job/PR-42/8/',
          WORKSPACE: join(scratch, 'e2e-bitbucket'),
          BRANCH_NAME: 'PR-42',
          CHANGE_ID: '42',
          CHANGE_URL: `${bitbucket.url}/projects/ML/repos/churn/pull-requests/42/overview`,
          CHANGE_TARGET: 'main',
        },
      },
    },
    ...trainCases(),
    ...evaluateCases(),
    ...buildImageCases(),
  ];
}

/** A training command is shell code by design: it must reach mlci as one argument, exactly as written. */
const trainInjections = {
  command: `python train.py --name "two words" $(touch pwned-cmd) \`touch pwned-backtick\` 'it''s' ; touch pwned-semicolon`,
  inputs: ['data/*.csv', "it's here", '$(touch pwned-input)'],
  outputs: 'model dir',
  param: ['msg=$(touch pwned-param)', 'title=a "b" c', "name=o'brien"],
  env: ['CUDA_VISIBLE_DEVICES'],
  cacheKey: ['command', 'inputs'],
};

/** The e2e training command: quotes and a command substitution, which mlci's shell (not Jenkins') runs. */
const e2eTrainCommand = `node train.mjs --tag "it's $(echo ok)"`;

function trainCases(): Case[] {
  const cli = `'${process.execPath}' '${cliBundle}'`;
  const e2eArgs = {
    command: e2eTrainCommand,
    inputs: ['data/*.csv', 'train.mjs'],
    outputs: 'model',
    metrics: 'metrics.json',
    param: ['scale=2'],
    register: 'centroids',
    mlci: cli,
  };
  const e2eEnv = {
    JENKINS_URL: 'https://ci.example.com/',
    BRANCH_NAME: 'main',
    BUILD_URL: 'https://ci.example.com/job/centroids/job/main/5/',
    WORKSPACE: join(scratch, 'e2e-train'),
  };
  return [
    {
      name: 'train',
      var: 'mlciTrain',
      args: { command: 'python train.py', inputs: ['data/', 'train.py'], outputs: 'model' },
    },
    {
      name: 'train, every option',
      var: 'mlciTrain',
      args: {
        out: 'reports/train/',
        insecureRegistry: true,
        experiment: 'churn',
        tracking: 'mlflow+http://mlflow.internal:5000',
        registry: 'oci://registry.internal:5000/models',
        register: 'churn',
        cacheKey: ['command', 'inputs', 'params'],
        noCache: true,
        cacheStore: 'oci://registry.internal:5000/mlci-cache',
        env: ['CUDA_VISIBLE_DEVICES', 'OMP_NUM_THREADS'],
        timeout: 3600,
        metrics: 'model/metrics.json',
        param: ['lr=0.1', 'epochs=20'],
        params: 'params.yaml',
        outputs: 'model',
        inputs: ['data/**/*.parquet'],
        command: 'python train.py',
        mlci: 'mlci',
      },
    },
    {
      name: 'train, generic var',
      var: 'mlci',
      args: { step: 'train', command: 'python train.py', inputs: ['data/', 'train.py'], outputs: 'model' },
    },
    { name: 'train, injection', var: 'mlciTrain', args: { ...trainInjections, mlci: printArgv() } },
    {
      name: 'train, noCache false',
      var: 'mlciTrain',
      args: { command: 'make model', outputs: 'model', noCache: false, timeout: null },
    },
    { name: 'train, exit 1', var: 'mlciTrain', args: { command: 'false', outputs: 'm' }, shStatus: 1 },
    {
      name: 'train, inputs as text',
      var: 'mlciTrain',
      args: { command: 'x', outputs: 'm', inputs: 'data/' },
    },
    {
      name: 'train, timeout as text',
      var: 'mlciTrain',
      args: { command: 'x', outputs: 'm', timeout: 'soon' },
    },
    {
      name: 'train, kebab-case key',
      var: 'mlciTrain',
      args: { command: 'x', outputs: 'm', 'no-cache': true },
    },
    {
      name: 'train end to end, first build',
      var: 'mlciTrain',
      args: e2eArgs,
      execute: { cwd: join(scratch, 'e2e-train'), env: e2eEnv },
    },
    {
      name: 'train end to end, second build',
      var: 'mlciTrain',
      args: e2eArgs,
      execute: {
        cwd: join(scratch, 'e2e-train'),
        env: { ...e2eEnv, BUILD_URL: 'https://ci.example.com/job/centroids/job/main/6/' },
      },
    },
  ];
}

/** Gates hold `>=`, `<=`, `@`, `=` and spaces: each must reach mlci as one argument, never as shell syntax. */
const evaluateGates = ['f1>=0.8@country=DE', 'accuracy:max_drop=0.02'];
const evaluateInjections = {
  candidate: "it's *.csv",
  gate: [
    ...evaluateGates,
    'log_loss <= 0.5 @ country=New Zealand',
    '"; touch pwned-gate; "',
    '$(touch pwned-dollar)>=0',
    "f1>=0.8@name=o'brien",
  ],
  sliceColumn: ['country', '`touch pwned-slice`'],
};

function evaluateCases(): Case[] {
  const cli = `'${process.execPath}' '${cliBundle}'`;
  return [
    {
      name: 'evaluate',
      var: 'mlciEvaluate',
      args: {
        candidate: 'model/predictions.csv',
        baseline: 'baseline/predictions.csv',
        scoreColumn: 'score',
        gate: evaluateGates,
      },
    },
    {
      name: 'evaluate, every option',
      var: 'mlciEvaluate',
      args: {
        out: 'reports/eval',
        insecureRegistry: true,
        registry: 'oci://registry.internal:5000/models',
        attachTo: 'churn@3',
        allowDifferentData: true,
        seed: 7,
        confidence: 0.9,
        resamples: 2000,
        gate: evaluateGates,
        task: 'classification',
        sliceColumn: ['country', 'plan'],
        positiveLabel: 'churned',
        scoreColumn: 'p',
        predictionColumn: 'y_hat',
        labelColumn: 'y',
        baseline: 'registry:churn@2',
        candidate: 'model/predictions.parquet',
        mlci: 'mlci',
      },
    },
    {
      name: 'evaluate, generic var',
      var: 'mlci',
      args: {
        step: 'evaluate',
        candidate: 'model/predictions.csv',
        baseline: 'baseline/predictions.csv',
        scoreColumn: 'score',
        gate: evaluateGates,
      },
    },
    { name: 'evaluate, injection', var: 'mlciEvaluate', args: { ...evaluateInjections, mlci: printArgv() } },
    { name: 'evaluate, gate as text', var: 'mlciEvaluate', args: { candidate: 'p.csv', gate: 'f1>=0.8' } },
    {
      name: 'evaluate end to end, below the gate',
      var: 'mlciEvaluate',
      args: {
        candidate: 'candidate.csv',
        baseline: 'baseline.csv',
        scoreColumn: 'score',
        sliceColumn: ['region'],
        gate: ['accuracy:max_drop=0.02'],
        mlci: cli,
      },
      execute: { cwd: join(scratch, 'e2e-evaluate'), env: { JENKINS_URL: 'https://ci.example.com/' } },
    },
  ];
}

/** Values of the image's config and files: spaces, quotes and shell syntax, each one argument for mlci. */
const buildImageInjections = {
  model: "it's *",
  add: ['*.mjs:/app/', '$(touch pwned-add):/x'],
  entrypoint: '["sh", "-c", "exec serve --port $PORT; touch pwned-entrypoint"]',
  env: ['GREETING=hello world', 'X="; touch pwned-env; "'],
  label: ["description=it's a model", '`touch pwned-label`=1'],
  tag: ['registry.example.com/ml/churn:1'],
  push: true,
};

function buildImageCases(): Case[] {
  const cli = `'${process.execPath}' '${cliBundle}'`;
  // A model image (the model and its lineage on scratch): what the registry receives is what is checked.
  const e2e = (name: string, tag: string): Case => ({
    name,
    var: 'mlciBuildImage',
    args: {
      model: 'model',
      tag: [tag],
      push: true,
      mlci: cli,
    },
    execute: {
      cwd: join(scratch, 'e2e-build-image'),
      env: { JENKINS_URL: 'https://ci.example.com/', SOURCE_DATE_EPOCH: '1700000000' },
    },
  });
  return [
    {
      name: 'build-image',
      var: 'mlciBuildImage',
      args: {
        model: 'model',
        add: ['serve.py:/app/serve.py'],
        base: 'python:3.12-slim',
        entrypoint: '["python", "/app/serve.py"]',
        tag: ['registry.example.com/ml/churn:1', 'registry.example.com/ml/churn:latest'],
        push: true,
      },
    },
    {
      name: 'build-image, every option',
      var: 'mlciBuildImage',
      args: {
        out: 'reports/image',
        builder: 'buildah',
        context: 'app',
        dockerfile: 'Dockerfile',
        insecureRegistry: true,
        registry: 'oci://registry.internal:5000/models',
        attachTo: 'churn@3',
        trainResult: 'reports/train.json',
        compressionLevel: 1,
        compression: 'none',
        ociLayout: 'out/image',
        push: false,
        tag: ['1'],
        label: ['team=ml'],
        user: '1000:1000',
        workdir: '/app',
        env: ['MODEL_DIR=/opt/model'],
        cmd: '--port 8080',
        entrypoint: 'python /app/serve.py',
        add: ['serve.py:/app/serve.py'],
        modelPath: '/opt/model',
        model: 'model',
        platform: 'linux/arm64',
        base: 'python:3.12-slim',
        mlci: 'mlci',
      },
    },
    {
      name: 'build-image, generic var',
      var: 'mlci',
      args: {
        step: 'build-image',
        model: 'model',
        add: ['serve.py:/app/serve.py'],
        base: 'python:3.12-slim',
        entrypoint: '["python", "/app/serve.py"]',
        tag: ['registry.example.com/ml/churn:1', 'registry.example.com/ml/churn:latest'],
        push: true,
      },
    },
    {
      name: 'build-image, injection',
      var: 'mlciBuildImage',
      args: { ...buildImageInjections, mlci: printArgv() },
    },
    { name: 'build-image, exit 1', var: 'mlciBuildImage', args: { dockerfile: 'Dockerfile' }, shStatus: 1 },
    { name: 'build-image, exit 3', var: 'mlciBuildImage', args: { model: 'model' }, shStatus: 3 },
    { name: 'build-image, tag as text', var: 'mlciBuildImage', args: { model: 'model', tag: 'x:1' } },
    {
      name: 'build-image, level as text',
      var: 'mlciBuildImage',
      args: { model: 'model', compressionLevel: 'best' },
    },
    e2e('build-image end to end, pushed', `${registry.host}/ml/centroids:1`),
    e2e('build-image end to end, bad tag', 'Not A Reference'),
  ];
}

const { result, script } = caseResults(() => output);

function expectedArgv(values: Record<string, string>): string[] {
  return [
    'validate-data',
    '--data',
    values.data ?? '',
    '--schema',
    values.schema ?? '',
    '--infer-schema',
    values.inferSchema ?? '',
    '--format',
    values.format ?? '',
    '--out',
    values.out ?? '',
  ];
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'mlci-jenkins-'));
  printArgvCommand = argvPrinter(scratch);
  // A data file that breaks its contract: an age below the minimum and a label outside the allowed ones.
  for (const dir of ['e2e-branch', 'e2e-pr', 'e2e-bitbucket']) {
    mkdirSync(join(scratch, dir, 'data'), { recursive: true });
    writeFileSync(join(scratch, dir, 'data/train.csv'), 'id,age,label\n1,34,yes\n2,-3,no\n3,51,maybe\n');
    writeFileSync(
      join(scratch, dir, 'schema.yaml'),
      'columns:\n  id: { type: integer, unique: true }\n  age: { type: integer, min: 0, max: 120 }\n  label: { type: string, allowed: [yes, no] }\n',
    );
  }
  writeTrainingProject(join(scratch, 'e2e-train'));
  mkdirSync(join(scratch, 'e2e-evaluate'));
  writeFileSync(join(scratch, 'e2e-evaluate/baseline.csv'), baselinePredictions);
  writeFileSync(join(scratch, 'e2e-evaluate/candidate.csv'), worseCandidate);
  github = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      githubRequests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        authorization: request.headers.authorization,
        body,
      });
      const created = request.method === 'POST';
      response.writeHead(created ? 201 : 200, { 'content-type': 'application/json' });
      // GET /user: who the token is (only that user's comments are ever edited); the PR has no comments yet.
      const answer = created
        ? { id: 1, html_url: 'https://github.com/acme/churn/pull/42#c1' }
        : request.url === '/user'
          ? { login: 'jenkins-bot', id: 3 }
          : [];
      response.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => github.listen(0, '127.0.0.1', resolve));
  githubUrl = `http://127.0.0.1:${(github.address() as AddressInfo).port}`;
  mkdirSync(join(scratch, 'e2e-build-image/model'), { recursive: true });
  writeFileSync(join(scratch, 'e2e-build-image/model/model.json'), '{"weights":[0.5,1.5]}\n');
  bitbucket = new FakeBitbucket({
    tokens: { [bitbucketToken]: { dataCenter: { name: 'jenkins-bot', id: 5 }, write: true } },
  });
  await bitbucket.start();
  registry = await startRegistry();
  output = await runHarness(cases(), scratch);
});

afterAll(async () => {
  await new Promise((resolve) => github?.close(resolve));
  await bitbucket?.stop();
  await registry?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('mlciValidateData', () => {
  it('runs the pinned CLI with each value quoted, then records the JUnit file and the reports', () => {
    expect(result('normal')).toEqual({
      name: 'normal',
      ...passedRun(
        'validate-data',
        "npx --yes @mlci/cli@0.1.0 validate-data --data 'data/train.csv' --schema 'schema.yaml' --out '.mlci'",
      ),
    });
  });

  it('passes every option as its CLI flag, in the order the step declares them', () => {
    expect(script('every option')).toBe(
      "mlci validate-data --data 'data/train.parquet' --schema 'contracts/train.yaml' " +
        "--infer-schema 'contracts/inferred.yaml' --force --format 'parquet' --out 'reports/data'",
    );
    const calls = result('every option').calls;
    expect(calls[1]?.args).toEqual({
      testResults: 'reports/data/validate-data.junit.xml',
      allowEmptyResults: true,
    });
    expect(calls[2]?.args).toEqual({ artifacts: 'reports/data/validate-data.*', allowEmptyArchive: true });
  });

  it('leaves out false flags and null values, and accepts a flag as text', () => {
    expect(script('force false')).toBe(
      "npx --yes @mlci/cli@0.1.0 validate-data --data 'd.csv' --out '.mlci'",
    );
    expect(script('force as text')).toBe(
      "npx --yes @mlci/cli@0.1.0 validate-data --data 'd.csv' --force --out '.mlci'",
    );
  });

  it.each(['bash', 'sh'])('hands hostile values to mlci as literal arguments under %s', (shell) => {
    for (const [name, values] of [
      ['injection', injections],
      ['more injection', moreInjections],
    ] as const) {
      const { argv, files } = runScript(scratch, shell, script(name));
      expect(argv).toEqual(expectedArgv(values));
      expect(files).toEqual([]);
    }
  });

  it('binds the credential around the command only, and never writes the secret into the script', () => {
    const { calls } = result('credentials');
    expect(calls.map((call) => [call.step, call.within])).toEqual([
      ['withCredentials', []],
      ['sh', ['withCredentials']],
      ['junit', []],
      ['archiveArtifacts', []],
    ]);
    expect(calls[0]?.args).toEqual([
      { binding: 'string', credentialsId: 'mlci-token', variable: 'MLCI_TOKEN' },
    ]);
    expect(JSON.stringify(calls.map((call) => call.args))).not.toContain('s3cr3t-token');
    // The sh stub ran the script with what withCredentials bound: the CLI gets the token as MLCI_TOKEN.
    expect(JSON.parse(calls[1]?.executed?.stdout ?? '{}')).toEqual({
      argv: ['validate-data', '--data', 'd.csv', '--out', '.mlci'],
      token: 's3cr3t-token',
    });
  });

  it.each([
    ['exit 1', 'mlci validate-data: the data contract failed, see the report'],
    [
      'exit 2',
      'mlci validate-data: usage or input error (exit 2): a bad argument, mlci.yaml field or input file, see the log above',
    ],
    ['exit 3', 'mlci validate-data: an outside service failed (exit 3), see the log above'],
    ['exit 4', 'mlci validate-data: internal error in mlci (exit 4), see the log above'],
    [
      'exit 127',
      'mlci validate-data: the command exited with status 127; check that the mlci argument runs mlci',
    ],
    [
      'exit 143',
      'mlci validate-data: interrupted by a signal (exit 143 = 128 + 15); what it had changed was put back, see the log above',
    ],
  ])('records the reports, then fails the build on %s', (name, message) => {
    const { calls, error, returned } = result(name);
    expect(calls.map((call) => call.step)).toEqual(['sh', 'junit', 'archiveArtifacts', 'error']);
    expect(calls[3]?.args).toBe(message);
    expect(error).toBe(message);
    expect(returned).toBeUndefined();
  });

  it('records the reports even when the sh step itself is interrupted', () => {
    const { calls, interrupted } = result('aborted');
    expect(calls.map((call) => call.step)).toEqual(['sh', 'junit', 'archiveArtifacts']);
    expect(interrupted).toBe('build aborted');
  });

  it.each([
    ['unknown key', 'mlciValidateData: unknown argument dataFile'],
    ['kebab-case key', 'mlciValidateData: unknown argument infer-schema'],
    ['bad boolean', 'mlciValidateData: force must be true or false'],
    ['list for a value', 'mlciValidateData: data must be a single value'],
    [
      'absolute out',
      'mlciValidateData: out must be a relative path inside the workspace, where junit and archiveArtifacts look',
    ],
    [
      'out outside',
      'mlciValidateData: out must be a relative path inside the workspace, where junit and archiveArtifacts look',
    ],
    ['empty credentialsId', 'mlciValidateData: credentialsId must be a non-empty string'],
  ])('rejects a bad call before running anything: %s', (name, message) => {
    expect(result(name).calls).toEqual([{ step: 'error', args: message, within: [] }]);
    expect(result(name).error).toBe(message);
  });
});

describe('mlciTrain', () => {
  const archived = '.mlci/train.*,.mlci/run.json,.mlci/provenance.intoto.json';

  it('runs the pinned CLI with the command as one quoted argument, then records reports and lineage', () => {
    expect(result('train')).toEqual({
      name: 'train',
      ...passedRun(
        'train',
        "npx --yes @mlci/cli@0.1.0 train --command 'python train.py' --inputs 'data/' --inputs 'train.py' " +
          "--outputs 'model' --out '.mlci'",
        {
          archived,
          returned: { runRecord: '.mlci/run.json', provenance: '.mlci/provenance.intoto.json' },
        },
      ),
    });
  });

  it('passes every option as its CLI flag in the order the step declares them, whatever the call order', () => {
    expect(script('train, every option')).toBe(
      "mlci train --command 'python train.py' --inputs 'data/**/*.parquet' --outputs 'model' " +
        "--params 'params.yaml' --param 'lr=0.1' --param 'epochs=20' --metrics 'model/metrics.json' " +
        "--timeout '3600' --env 'CUDA_VISIBLE_DEVICES' --env 'OMP_NUM_THREADS' " +
        "--cache-store 'oci://registry.internal:5000/mlci-cache' --no-cache " +
        "--cache-key 'command' --cache-key 'inputs' --cache-key 'params' --register 'churn' " +
        "--registry 'oci://registry.internal:5000/models' --tracking 'mlflow+http://mlflow.internal:5000' " +
        "--experiment 'churn' --insecure-registry --out 'reports/train'",
    );
    expect(
      result('train, every option')
        .calls.slice(1)
        .map((call) => call.args),
    ).toEqual([
      { testResults: 'reports/train/train.junit.xml', allowEmptyResults: true },
      {
        artifacts: 'reports/train/train.*,reports/train/run.json,reports/train/provenance.intoto.json',
        allowEmptyArchive: true,
      },
    ]);
    expect(script('train, noCache false')).toBe(
      "npx --yes @mlci/cli@0.1.0 train --command 'make model' --outputs 'model' --out '.mlci'",
    );
  });

  it('is what the generic var runs for step: train', () => {
    expect(result('train, generic var').calls).toEqual(result('train').calls);
    expect(result('train, generic var').returned).toEqual(result('train').returned);
  });

  it.each(['bash', 'sh'])(
    'hands a hostile command, patterns and params to mlci verbatim under %s',
    (shell) => {
      const { argv, files } = runScript(scratch, shell, script('train, injection'));
      expect(argv).toEqual([
        'train',
        '--command',
        trainInjections.command,
        ...trainInjections.inputs.flatMap((input) => ['--inputs', input]),
        '--outputs',
        'model dir',
        ...trainInjections.param.flatMap((param) => ['--param', param]),
        '--env',
        'CUDA_VISIBLE_DEVICES',
        '--cache-key',
        'command',
        '--cache-key',
        'inputs',
        '--out',
        '.mlci',
      ]);
      expect(files).toEqual([]);
    },
  );

  it('records the reports and the lineage, then fails the build, when the training run fails', () => {
    const { calls, error } = result('train, exit 1');
    expect(calls.map((call) => call.step)).toEqual(['sh', 'junit', 'archiveArtifacts', 'error']);
    expect(calls[2]?.args).toEqual({ artifacts: archived, allowEmptyArchive: true });
    expect(error).toBe(
      'mlci train: the training run failed (the command failed, timed out or wrote no outputs), see the report',
    );
  });

  it.each([
    ['train, inputs as text', 'mlciTrain: inputs must be a list'],
    ['train, timeout as text', 'mlciTrain: timeout must be a number'],
    ['train, kebab-case key', 'mlciTrain: unknown argument no-cache'],
  ])('rejects a bad call before running anything: %s', (name, message) => {
    expect(result(name).calls).toEqual([{ step: 'error', args: message, within: [] }]);
  });
});

describe('mlci (the generic var)', () => {
  it('runs a step by name exactly as its named var does', () => {
    expect(result('generic var').calls).toEqual(result('normal').calls);
    expect(result('generic var').returned).toEqual(result('normal').returned);
  });

  it('rejects an unknown step', () => {
    expect(result('generic var, unknown step').error).toBe(
      'mlci: step must be one of validate-data, train, evaluate, build-image, promote, got deploy',
    );
  });
});

describe('the library and the CLI agree', () => {
  it('declares the same validate-data options as @mlci/core, in the same order', () => {
    const specs = optionsOf(validateDataInput);
    expect(Object.entries(output.steps['validate-data']?.options ?? {})).toEqual(
      specs.map((spec) => [spec.key, spec.kind]),
    );
    expect(output.defaults.out).toBe(specs.find((spec) => spec.key === 'out')?.defaultValue);
  });

  it('declares the same train options as @mlci/core, in the same order', () => {
    const specs = optionsOf(trainInput);
    expect(Object.entries(output.steps.train?.options ?? {})).toEqual(
      specs.map((spec) => [spec.key, spec.kind]),
    );
    expect(specs.find((spec) => spec.key === 'out')?.defaultValue).toBe(output.defaults.out);
  });

  it('declares the same evaluate options as @mlci/core, in the same order', () => {
    const specs = optionsOf(evaluateInput);
    expect(Object.entries(output.steps.evaluate?.options ?? {})).toEqual(
      specs.map((spec) => [spec.key, spec.kind]),
    );
    expect(specs.find((spec) => spec.key === 'out')?.defaultValue).toBe(output.defaults.out);
  });

  it('declares the same build-image options as @mlci/core, in the same order', () => {
    const specs = optionsOf(buildImageInput);
    expect(Object.entries(output.steps['build-image']?.options ?? {})).toEqual(
      specs.map((spec) => [spec.key, spec.kind]),
    );
    expect(specs.find((spec) => spec.key === 'out')?.defaultValue).toBe(output.defaults.out);
  });

  it('pins the CLI version of this release', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')) as {
      version: string;
    };
    expect(output.defaults.mlci).toBe(`npx --yes @mlci/cli@${version}`);
  });
});

describe('end to end: the recorded command run by /bin/sh with the real CLI on Jenkins', () => {
  const failed = 'mlci validate-data: the data contract failed, see the report';

  it('fails the build on data that breaks its contract, after writing and recording the JUnit report', () => {
    expect(existsSync(cliBundle)).toBe(true);
    const { calls, error } = result('end to end, branch');
    expect(calls.map((call) => call.step)).toEqual(['sh', 'junit', 'archiveArtifacts', 'error']);
    expect(calls[0]?.executed?.status).toBe(1);
    expect(error).toBe(failed);

    const out = join(scratch, 'e2e-branch/.mlci');
    const junit = readFileSync(join(out, 'validate-data.junit.xml'), 'utf8');
    expect(junit).toMatch(/<testcase classname="mlci\.validate-data\.age" name="min"[^>]*>\s*<failure/);
    expect(junit).toMatch(/<testcase classname="mlci\.validate-data\.label" name="allowed"[^>]*>\s*<failure/);
    expect(existsSync(join(out, 'validate-data.md'))).toBe(true);
    // Not a change build: the report stays in the build, no comment is attempted.
    expect(calls[0]?.executed?.stderr).not.toContain('credentialsId');
  });

  it('posts the report on the GitHub pull request with the bound token', () => {
    const { calls, error } = result('end to end, pull request');
    expect(calls.map((call) => call.step)).toEqual([
      'withCredentials',
      'sh',
      'junit',
      'archiveArtifacts',
      'error',
    ]);
    expect(calls[1]?.executed?.status).toBe(1);
    expect(error).toBe(failed);

    expect(githubRequests.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([
      'GET /user',
      'GET /repos/acme/churn/issues/42/comments',
      'POST /repos/acme/churn/issues/42/comments',
    ]);
    expect(githubRequests.every((r) => r.authorization === 'token ghp_e2e')).toBe(true);
    const markdown = readFileSync(join(scratch, 'e2e-pr/.mlci/validate-data.md'), 'utf8');
    const posted = (JSON.parse(githubRequests[2]?.body ?? '{}') as { body: string }).body;
    expect(posted).toBe(`${commentMarker('validate-data')}\n${markdown}`);
    expect(calls[1]?.executed?.stderr).toContain('commented on acme/churn#42');
  });

  it('posts the report on the Bitbucket Data Center pull request of CHANGE_URL, the same way', () => {
    const { calls, error } = result('end to end, Bitbucket pull request');
    expect(calls[1]?.executed?.status).toBe(1);
    expect(error).toBe(failed);
    const markdown = readFileSync(join(scratch, 'e2e-bitbucket/.mlci/validate-data.md'), 'utf8');
    expect(bitbucket.dataCenter('ML/churn#42').map((comment) => [comment.author.name, comment.text])).toEqual(
      // The report as Bitbucket shows it (no chart in this one, so no full-report line either).
      [
        [
          'jenkins-bot',
          `${bitbucketMarker(commentMarker('validate-data'))}\n${bitbucketMarkdown(markdown, '')}`,
        ],
      ],
    );
    expect(bitbucket.requests.every((request) => request.authorization === `Bearer ${bitbucketToken}`)).toBe(
      true,
    );
    expect(calls[1]?.executed?.stderr).toContain('commented on ML/churn#42');
    expect(calls[1]?.executed?.stderr).not.toContain(bitbucketToken);
  });
});

describe('end to end: mlciTrain with the real CLI, two builds in one workspace', () => {
  const workspace = () => join(scratch, 'e2e-train');

  it('trains on the first build: the command ran once, as written, and the lineage was recorded', () => {
    const { calls, error, returned } = result('train end to end, first build');
    expect(error).toBeUndefined();
    expect(calls.map((call) => call.step)).toEqual(['sh', 'junit', 'archiveArtifacts']);
    expect(calls[0]?.executed?.status).toBe(0);
    expect(calls[0]?.executed?.stderr).toContain('trained on 12 rows');
    expect(returned).toMatchObject({ status: 'passed', runRecord: '.mlci/run.json' });
    // mlci's own shell ran the command: the quotes and $(echo ok) were evaluated there, once.
    const model = JSON.parse(readFileSync(join(workspace(), 'model/model.json'), 'utf8')) as {
      args: string[];
    };
    expect(model.args).toEqual(['--tag', "it's ok"]);
  });

  it('restores the outputs on the second build: a cache hit, the command not run, the same digest', () => {
    const first = result('train end to end, first build').calls[0]?.executed;
    const second = result('train end to end, second build');
    expect(second.error).toBeUndefined();
    expect(second.calls[0]?.executed?.status).toBe(0);
    expect(second.calls[0]?.executed?.stderr).not.toContain('trained on');
    expect(first?.stderr).toContain('trained on');
    // The trainer appends a line per real run.
    expect(readFileSync(join(workspace(), 'runs.log'), 'utf8').trim().split('\n')).toHaveLength(1);

    const report = JSON.parse(readFileSync(join(workspace(), '.mlci/train.json'), 'utf8')) as {
      cache: { status: string; producedBy: string };
      outputs: { digest: string };
      registered: { model: string; version: string; created: boolean };
      metrics: Record<string, number>;
    };
    const record = JSON.parse(readFileSync(join(workspace(), '.mlci/run.json'), 'utf8')) as {
      runId: string;
      command: string;
      cache: { status: string; producedBy: string };
      outputs: { digest: string };
      ci: { platform?: string; runUrl?: string };
    };
    expect(report.cache.status).toBe('hit');
    expect(record.command).toBe(e2eTrainCommand);
    expect(record.ci.runUrl).toBe('https://ci.example.com/job/centroids/job/main/6/');
    expect(report.registered).toMatchObject({ model: 'centroids', version: '1', created: false });
    expect(report.metrics.rows).toBe(12);
    // The outputs digest is sha256 of the `sha256sum` listing: recomputed here with coreutils over the restored
    // files, and the same as the first build's (its headline shows the first 12 hex digits).
    const recomputed = spawnSync('sh', ['-c', 'cd model && sha256sum model.json | sha256sum'], {
      cwd: workspace(),
      encoding: 'utf8',
    }).stdout.split(' ')[0];
    expect(report.outputs.digest).toBe(`sha256:${recomputed}`);
    expect(record.outputs.digest).toBe(report.outputs.digest);
    const firstShort = /\(outputs ([0-9a-f]{12})\)/.exec(first?.stderr ?? '')?.[1];
    expect(report.outputs.digest.slice('sha256:'.length, 'sha256:'.length + 12)).toBe(firstShort);
    expect(record.cache.producedBy).toBe(report.cache.producedBy);
    expect(record.runId).not.toBe(report.cache.producedBy);
  });
});

describe('mlciEvaluate', () => {
  const archived = '.mlci/evaluate.*,.mlci/metrics.txt';

  it('runs the pinned CLI with each gate as one quoted argument, then records the reports and metrics.txt', () => {
    expect(result('evaluate')).toEqual({
      name: 'evaluate',
      ...passedRun(
        'evaluate',
        "npx --yes @mlci/cli@0.1.0 evaluate --candidate 'model/predictions.csv' " +
          "--baseline 'baseline/predictions.csv' --score-column 'score' " +
          "--gate 'f1>=0.8@country=DE' --gate 'accuracy:max_drop=0.02' --out '.mlci'",
        { archived, returned: { metricsText: '.mlci/metrics.txt' } },
      ),
    });
  });

  it('passes every option as its CLI flag in the order the step declares them, whatever the call order', () => {
    expect(script('evaluate, every option')).toBe(
      "mlci evaluate --candidate 'model/predictions.parquet' --baseline 'registry:churn@2' " +
        "--label-column 'y' --prediction-column 'y_hat' --score-column 'p' --positive-label 'churned' " +
        "--slice-column 'country' --slice-column 'plan' --task 'classification' " +
        "--gate 'f1>=0.8@country=DE' --gate 'accuracy:max_drop=0.02' --resamples '2000' --confidence '0.9' " +
        "--seed '7' --allow-different-data --attach-to 'churn@3' " +
        "--registry 'oci://registry.internal:5000/models' --insecure-registry --out 'reports/eval'",
    );
    expect(result('evaluate, every option').calls[2]?.args).toEqual({
      artifacts: 'reports/eval/evaluate.*,reports/eval/metrics.txt',
      allowEmptyArchive: true,
    });
  });

  it('is what the generic var runs for step: evaluate', () => {
    expect(result('evaluate, generic var').calls).toEqual(result('evaluate').calls);
    expect(result('evaluate, generic var').returned).toEqual(result('evaluate').returned);
  });

  it.each(['bash', 'sh'])('hands hostile gates, slices and paths to mlci verbatim under %s', (shell) => {
    const { argv, files } = runScript(scratch, shell, script('evaluate, injection'));
    expect(argv).toEqual([
      'evaluate',
      '--candidate',
      "it's *.csv",
      ...evaluateInjections.sliceColumn.flatMap((column) => ['--slice-column', column]),
      ...evaluateInjections.gate.flatMap((gate) => ['--gate', gate]),
      '--out',
      '.mlci',
    ]);
    expect(files).toEqual([]);
  });

  it('rejects a gate given as text (a list is required) before running anything', () => {
    expect(result('evaluate, gate as text').calls).toEqual([
      { step: 'error', args: 'mlciEvaluate: gate must be a list', within: [] },
    ]);
  });

  it('with the real CLI: a candidate below the gate fails the build after recording the reports', () => {
    const { calls, error } = result('evaluate end to end, below the gate');
    expect(calls.map((call) => call.step)).toEqual(['sh', 'junit', 'archiveArtifacts', 'error']);
    expect(calls[0]?.executed?.status).toBe(1);
    expect(calls[0]?.executed?.stderr).toMatch(
      /accuracy 0\.9 -> 0\.8: (?:dropped|worse) by 0\.1, more than max_drop 0\.02/,
    );
    expect(error).toBe(
      'mlci evaluate: a quality gate failed (the candidate is worse than the gates allow), see the report',
    );
    const out = join(scratch, 'e2e-evaluate/.mlci');
    expect(readFileSync(join(out, 'evaluate.junit.xml'), 'utf8')).toMatch(/failures="1"/);
    expect(readFileSync(join(out, 'metrics.txt'), 'utf8')).toMatch(/^accuracy 0\.8$/m);
  });
});

describe('mlciBuildImage', () => {
  const archived = '.mlci/build-image.*';

  it('runs the pinned CLI with each value quoted and each list item its own flag, then records the reports', () => {
    expect(result('build-image')).toEqual({
      name: 'build-image',
      ...passedRun(
        'build-image',
        "npx --yes @mlci/cli@0.1.0 build-image --base 'python:3.12-slim' --model 'model' " +
          '--add \'serve.py:/app/serve.py\' --entrypoint \'["python", "/app/serve.py"]\' ' +
          "--tag 'registry.example.com/ml/churn:1' --tag 'registry.example.com/ml/churn:latest' --push " +
          "--out '.mlci'",
        { archived },
      ),
    });
  });

  it('passes every option as its CLI flag in the order the step declares them, whatever the call order', () => {
    expect(script('build-image, every option')).toBe(
      "mlci build-image --base 'python:3.12-slim' --platform 'linux/arm64' --model 'model' " +
        "--model-path '/opt/model' --add 'serve.py:/app/serve.py' --entrypoint 'python /app/serve.py' " +
        "--cmd '--port 8080' --env 'MODEL_DIR=/opt/model' --workdir '/app' --user '1000:1000' " +
        "--label 'team=ml' --tag '1' --oci-layout 'out/image' --compression 'none' --compression-level '1' " +
        "--train-result 'reports/train.json' --attach-to 'churn@3' " +
        "--registry 'oci://registry.internal:5000/models' --insecure-registry --dockerfile 'Dockerfile' " +
        "--context 'app' --builder 'buildah' --out 'reports/image'",
    );
    expect(result('build-image, every option').calls[2]?.args).toEqual({
      artifacts: 'reports/image/build-image.*',
      allowEmptyArchive: true,
    });
  });

  it('is what the generic var runs for step: build-image', () => {
    expect(result('build-image, generic var').calls).toEqual(result('build-image').calls);
    expect(result('build-image, generic var').returned).toEqual(result('build-image').returned);
  });

  it.each(['bash', 'sh'])(
    'hands hostile paths, command lines, env and labels to mlci verbatim under %s',
    (shell) => {
      const { argv, files } = runScript(scratch, shell, script('build-image, injection'));
      expect(argv).toEqual([
        'build-image',
        '--model',
        "it's *",
        ...buildImageInjections.add.flatMap((add) => ['--add', add]),
        '--entrypoint',
        buildImageInjections.entrypoint,
        ...buildImageInjections.env.flatMap((env) => ['--env', env]),
        ...buildImageInjections.label.flatMap((label) => ['--label', label]),
        '--tag',
        'registry.example.com/ml/churn:1',
        '--push',
        '--out',
        '.mlci',
      ]);
      expect(files).toEqual([]);
    },
  );

  it.each([
    [
      'build-image, exit 1',
      'mlci build-image: the Dockerfile build failed (the report names the builder command), see the report',
    ],
    ['build-image, exit 3', 'mlci build-image: an outside service failed (exit 3), see the log above'],
  ])('records the reports, then fails the build with what %s means', (name, message) => {
    const { calls, error } = result(name);
    expect(calls.map((call) => call.step)).toEqual(['sh', 'junit', 'archiveArtifacts', 'error']);
    expect(calls[2]?.args).toEqual({ artifacts: archived, allowEmptyArchive: true });
    expect(error).toBe(message);
  });

  it.each([
    ['build-image, tag as text', 'mlciBuildImage: tag must be a list'],
    ['build-image, level as text', 'mlciBuildImage: compressionLevel must be a number'],
  ])('rejects a bad call before running anything: %s', (name, message) => {
    expect(result(name).calls).toEqual([{ step: 'error', args: message, within: [] }]);
  });

  it('with the real CLI: pushes the image to the registry and returns the reports, the digest in the json', () => {
    const { calls, error, returned } = result('build-image end to end, pushed');
    expect(error).toBeUndefined();
    expect(calls.map((call) => call.step)).toEqual(['sh', 'junit', 'archiveArtifacts']);
    expect(calls[0]?.executed?.status).toBe(0);
    expect(returned).toMatchObject({ status: 'passed', json: '.mlci/build-image.json' });
    const report = JSON.parse(
      readFileSync(join(scratch, 'e2e-build-image/.mlci/build-image.json'), 'utf8'),
    ) as {
      image: { digest: string; references: string[] };
      target: string;
    };
    expect(report.target).toBe('registry');
    expect(report.image.references).toEqual([`${registry.host}/ml/centroids:1`]);
    // The registry itself has the manifest under the tag, by its digest.
    const manifest = spawnSync(
      'curl',
      [
        '-sI',
        '-H',
        'Accept: application/vnd.oci.image.manifest.v1+json',
        `${registry.url}/v2/ml/centroids/manifests/1`,
      ],
      { encoding: 'utf8' },
    ).stdout;
    expect(manifest.toLowerCase()).toContain(`docker-content-digest: ${report.image.digest}`);
  });

  it('with the real CLI: a tag that is not a reference fails the build as bad input (exit 2)', () => {
    const { calls, error } = result('build-image end to end, bad tag');
    expect(calls.map((call) => call.step)).toEqual(['sh', 'junit', 'archiveArtifacts', 'error']);
    expect(calls[0]?.executed?.status).toBe(2);
    expect(calls[0]?.executed?.stderr).toContain('Not A Reference');
    expect(error).toBe(
      'mlci build-image: usage or input error (exit 2): a bad argument, mlci.yaml field or input file, see the log above',
    );
  });
});
