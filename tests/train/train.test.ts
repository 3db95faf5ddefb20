import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrainResult } from '@mlci/core';
import { runCli, withTempDir } from '../support/cli';

/**
 * `mlci train` through the CLI bundle, as a user runs it, with the embedded backends (a cache directory and
 * the file: registry). Each fault of issue 4's list has a test here; the OCI and MLflow ones are in
 * oci.test.ts and tracking.test.ts.
 */

/** A training script that writes a model and metrics from its parameters, and counts its runs. */
const trainer = `
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
const params = JSON.parse(readFileSync(process.env.MLCI_PARAMS_FILE, 'utf8'));
const data = readFileSync('data/train.csv', 'utf8');
mkdirSync(process.env.MLCI_OUTPUTS + '/weights', { recursive: true });
writeFileSync(process.env.MLCI_OUTPUTS + '/model.json', JSON.stringify({ lr: params.lr, rows: data.split('\\n').length }));
writeFileSync(process.env.MLCI_OUTPUTS + '/weights/layer 1.bin', Buffer.alloc(1000, 7));
writeFileSync(process.env.MLCI_METRICS_FILE, JSON.stringify({ accuracy: 0.9, loss: { train: 0.2 } }));
appendFileSync('runs.log', process.env.MLCI_RUN_ID + ' ' + process.env.MLCI_PARAM_LR + ' ' + process.env.MLCI_PARAM_MODEL_DEPTH + '\\n');
`;

async function project(dir: string): Promise<void> {
  await mkdir(join(dir, 'data'), { recursive: true });
  await writeFile(join(dir, 'data/train.csv'), 'a,b\n1,2\n3,4\n');
  await writeFile(join(dir, 'train.mjs'), trainer);
  await writeFile(join(dir, 'params.yaml'), 'lr: 0.1\nmodel:\n  depth: 3\n');
}

const trainArgs = [
  'train',
  '--command',
  'node train.mjs',
  '--inputs',
  'data',
  'train.mjs',
  '--params',
  'params.yaml',
  '--outputs',
  'model',
  '--metrics',
  'metrics.json',
];

async function train(dir: string, extra: string[] = []) {
  const run = await runCli([...trainArgs, ...extra, '--json'], { cwd: dir });
  expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  const result = run.status === 0 || run.status === 1 ? (JSON.parse(run.stdout) as TrainResult) : undefined;
  return { ...run, result, lastLine: run.stderr.trim().split('\n').at(-1) ?? '' };
}

const runsLogged = async (dir: string) => (await readFile(join(dir, 'runs.log'), 'utf8')).trim().split('\n');

test('a run, then an identical one that is a cache hit with the same outputs; params reach the command', async () => {
  await withTempDir(async (dir) => {
    await project(dir);
    const first = await train(dir, ['--param', 'lr=0.5', '--register', 'demo']);
    expect(first.status).toBe(0);
    expect(first.result).toMatchObject({
      status: 'passed',
      cache: { status: 'miss' },
      params: { lr: 0.5, model: { depth: 3 } },
      metrics: { accuracy: 0.9, 'loss.train': 0.2 },
      outputs: { path: 'model', files: 2 },
      registered: { model: 'demo', version: '1', created: true },
    });
    expect(await runsLogged(dir)).toEqual([`${first.result?.runId} 0.5 3`]);

    // The user's files are not what the cache restores: delete them to see them come back.
    await writeFile(join(dir, 'model/model.json'), 'tampered');
    const second = await train(dir, ['--param', 'lr=0.5', '--register', 'demo']);
    expect(second.status).toBe(0);
    expect(second.result).toMatchObject({
      cache: { status: 'hit', producedBy: first.result?.runId },
      command: null,
      metrics: first.result?.metrics,
      registered: { version: '1', created: false },
    });
    expect(second.result?.outputs?.digest).toBe(first.result?.outputs?.digest);
    expect(second.stderr).toContain('cache hit');
    expect(await runsLogged(dir)).toHaveLength(1);
    expect(JSON.parse(await readFile(join(dir, 'model/model.json'), 'utf8'))).toEqual({ lr: 0.5, rows: 4 });
    expect(JSON.parse(await readFile(join(dir, 'metrics.json'), 'utf8'))).toEqual({
      accuracy: 0.9,
      'loss.train': 0.2,
    });

    // A changed parameter, input or command is a miss; --no-cache runs without looking.
    expect((await train(dir, ['--param', 'lr=0.25'])).result?.cache.status).toBe('miss');
    await writeFile(join(dir, 'data/train.csv'), 'a,b\n1,2\n3,5\n');
    expect((await train(dir, ['--param', 'lr=0.25'])).result?.cache.status).toBe('miss');
    expect((await train(dir, ['--param', 'lr=0.25'])).result?.cache.status).toBe('hit');
    expect((await train(dir, ['--param', 'lr=0.25', '--no-cache'])).result?.cache.status).toBe('off');
    expect(await runsLogged(dir)).toHaveLength(4);
  });
});

test('run.json and the provenance statement record the run', async () => {
  await withTempDir(async (dir) => {
    await project(dir);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    execFileSync('git', ['add', '.'], { cwd: dir });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'x'], { cwd: dir });
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
    await writeFile(join(dir, 'package-lock.json'), '{}\n');
    const run = await train(dir, ['--env', 'MLCI_TEST_SEED', '--timeout', '60']);
    expect(run.status).toBe(0);
    const record = JSON.parse(await readFile(join(dir, '.mlci/run.json'), 'utf8'));
    const sha = (path: string) =>
      `sha256:${execFileSync('sha256sum', [path], { cwd: dir, encoding: 'utf8' }).split(' ')[0]}`;
    expect(record).toMatchObject({
      schema: 'mlci.run/v1',
      runId: run.result?.runId,
      command: 'node train.mjs',
      status: 'succeeded',
      exitCode: 0,
      git: { commit, dirty: false, source: 'git' },
      environment: {
        runtimes: { node: process.version },
        lockfiles: [{ path: 'package-lock.json', digest: await sha('package-lock.json') }],
        variables: { MLCI_TEST_SEED: null },
      },
      ci: { platform: 'local' },
      cache: { parts: ['command', 'inputs', 'params', 'env', 'commit', 'runtime'], status: 'miss' },
    });
    expect(record.inputs.files).toEqual([
      { path: 'data/train.csv', size: 12, digest: await sha('data/train.csv'), executable: false },
      { path: 'train.mjs', size: trainer.length, digest: await sha('train.mjs'), executable: false },
    ]);
    expect(record.outputs.files.map((file: { path: string }) => file.path)).toEqual([
      'model.json',
      'weights/layer 1.bin',
    ]);
    // The documented way to check the outputs digest without mlci.
    const listing = execFileSync(
      'bash',
      [
        '-c',
        "cd model && find . -type f -printf '%P\\0' | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum",
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(record.outputs.digest).toBe(`sha256:${listing.split(' ')[0]}`);

    const statement = JSON.parse(await readFile(join(dir, '.mlci/provenance.intoto.json'), 'utf8'));
    expect(statement._type).toBe('https://in-toto.io/Statement/v1');
    expect(statement.predicateType).toBe('https://slsa.dev/provenance/v1');
    expect(statement.subject).toEqual([
      { name: 'model/model.json', digest: { sha256: (await sha('model/model.json')).slice(7) } },
      {
        name: 'model/weights/layer 1.bin',
        digest: { sha256: (await sha('model/weights/layer 1.bin')).slice(7) },
      },
    ]);
    const dependencies = statement.predicate.buildDefinition.resolvedDependencies;
    expect(dependencies[0]).toEqual({ name: 'source', digest: { gitCommit: commit } });
    expect(dependencies.map((d: { name?: string }) => d.name)).toEqual([
      'source',
      'data/train.csv',
      'train.mjs',
      'package-lock.json',
    ]);
    expect(statement.predicate.runDetails.metadata.invocationId).toBe(run.result?.runId);

    // A tracked file changed after the commit: the record says the tree was dirty.
    await writeFile(join(dir, 'train.mjs'), `${trainer}\n// changed\n`);
    await train(dir);
    expect(JSON.parse(await readFile(join(dir, '.mlci/run.json'), 'utf8')).git.dirty).toBe(true);
  });
});

test('a command that exits non-zero fails the step and gives back the outputs the user had', async () => {
  await withTempDir(async (dir) => {
    await project(dir);
    await mkdir(join(dir, 'model'));
    await writeFile(join(dir, 'model/previous.bin'), 'the model from before');
    const run = await runCli(
      [
        'train',
        '--command',
        'echo partial > "$MLCI_OUTPUTS/half.bin"; exit 3',
        '--outputs',
        'model',
        '--json',
      ],
      { cwd: dir },
    );
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout) as TrainResult;
    expect(result.checks).toContainEqual(
      expect.objectContaining({
        name: 'command',
        status: 'failed',
        message: 'the command exited with status 3',
      }),
    );
    expect(result.command?.exitCode).toBe(3);
    expect(await readdir(join(dir, 'model'))).toEqual(['previous.bin']);
    expect(await readFile(join(dir, '.mlci/failed-outputs/half.bin'), 'utf8')).toBe('partial\n');
    expect(JSON.parse(await readFile(join(dir, '.mlci/run.json'), 'utf8'))).toMatchObject({
      status: 'failed',
      exitCode: 3,
    });
  });
});

test('a command that is not found is a usage error naming it', async () => {
  await withTempDir(async (dir) => {
    const run = await runCli(['train', '--command', 'no-such-trainer --fast', '--outputs', 'model'], {
      cwd: dir,
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n').at(-1)).toBe(
      'mlci: error: command: the shell could not find the command (exit 127): no-such-trainer --fast',
    );
  });
});

test('a command past its timeout is killed with the processes it started', async () => {
  await withTempDir(async (dir) => {
    // The command starts a grandchild that would outlive a kill of the shell alone.
    const command = 'sleep 300 & echo $! > child.pid; wait';
    const run = await runCli(
      ['train', '--command', command, '--outputs', 'model', '--timeout', '1', '--json'],
      {
        cwd: dir,
      },
    );
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout) as TrainResult;
    expect(result.command?.timedOut).toBe(true);
    expect(result.checks[0]?.message).toBe('killed after the timeout of 1 s, with the processes it started');
    const pid = Number(await readFile(join(dir, 'child.pid'), 'utf8'));
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    // The kill is sent before mlci exits; give the kernel a moment to reap the process.
    for (let i = 0; i < 50 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive()).toBe(false);
  });
});

test('a command that writes no outputs fails the step', async () => {
  await withTempDir(async (dir) => {
    const run = await runCli(['train', '--command', 'true', '--outputs', 'model', '--json'], { cwd: dir });
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout) as TrainResult;
    expect(result.checks).toContainEqual(
      expect.objectContaining({
        name: 'outputs',
        status: 'failed',
        message: 'the command wrote no files under model/',
      }),
    );
  });
});

test.each([
  [
    ['--outputs', '../elsewhere'],
    /^mlci: error: outputs: '..\/elsewhere' must be a directory inside the working directory /,
  ],
  [['--outputs', '.'], /^mlci: error: outputs: '.' must be a directory inside the working directory /],
  [
    ['--outputs', 'reports', '--out', 'reports/train'],
    /^mlci: error: outputs: 'reports' contains the report directory/,
  ],
  [
    ['--outputs', 'model', '--inputs', 'data/*.parquet'],
    /^mlci: error: inputs: 'data\/\*.parquet' matches no file/,
  ],
  [
    ['--outputs', 'data', '--inputs', 'data/train.csv'],
    /^mlci: error: outputs: 'data' contains the input 'data\/train.csv' \(inputs\), and it is replaced on every run/,
  ],
  [['--outputs', 'model', '--param', 'novalue'], /^mlci: error: param: expected KEY=VALUE, got 'novalue'/],
  [
    ['--outputs', 'model', '--params', 'missing.yaml'],
    /^mlci: error: missing.yaml: cannot read the params file/,
  ],
  [['--outputs', 'model', '--params', 'bad.yaml'], /^mlci: error: bad.yaml:1: invalid YAML: /],
  [['--outputs', 'model', '--cache-key', 'commit', 'weather'], /^mlci: error: --cache-key: /],
  [
    ['--outputs', 'model', '--evidence', 'bad.yaml'],
    /^mlci: error: evidence: is kept with the registered version: give register too$/,
  ],
  [
    ['--outputs', 'model', '--register', 'm', '--evidence', 'missing.json'],
    /^mlci: error: evidence: cannot read missing.json: no such file$/,
  ],
  [
    ['--outputs', 'model', '--register', 'm', '--evidence', 'bad.yaml'],
    /^mlci: error: evidence: bad.yaml is not JSON$/,
  ],
  [
    ['--outputs', 'model', '--register', 'm', '--evidence', 'data/train.csv.json'],
    /^mlci: error: evidence: data\/train.csv.json is not the result of validate-data, evaluate or build-image, nor a profile \(step 'train'\)$/,
  ],
])('bad input %j is one line with exit 2', async (args, message) => {
  await withTempDir(async (dir) => {
    await project(dir);
    await writeFile(join(dir, 'bad.yaml'), 'lr: 1\n  depth: [\n');
    await writeFile(join(dir, 'data/train.csv.json'), '{"step": "train", "status": "passed"}');
    const run = await runCli(['train', '--command', 'node train.mjs', ...args], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr.trim()).toMatch(message);
    expect(existsSync(join(dir, 'runs.log'))).toBe(false);
  });
});

test('a metrics file that is not numbers fails the metrics check with the key at fault', async () => {
  await withTempDir(async (dir) => {
    const command = 'echo 1 > "$MLCI_OUTPUTS/m"; echo \'{"acc": "high"}\' > "$MLCI_METRICS_FILE"';
    const run = await runCli(
      ['train', '--command', command, '--outputs', 'model', '--metrics', 'm.json', '--json'],
      {
        cwd: dir,
      },
    );
    expect(run.status).toBe(1);
    expect((JSON.parse(run.stdout) as TrainResult).checks).toContainEqual(
      expect.objectContaining({
        name: 'metrics',
        status: 'failed',
        message: 'm.json: metric \'acc\' is "high", not a finite number',
      }),
    );
  });
});

test('a corrupt cache entry is detected by digest, ignored, and the command runs', async () => {
  await withTempDir(async (dir) => {
    await project(dir);
    expect((await train(dir)).status).toBe(0);
    // Replace the stored model file's content: it still sits under its old digest.
    const record = JSON.parse(await readFile(join(dir, '.mlci/run.json'), 'utf8'));
    const model = record.outputs.files.find((file: { path: string }) => file.path === 'model.json');
    await writeFile(join(dir, '.mlci/cache/blobs/sha256', model.digest.slice(7)), 'corrupted');
    const run = await train(dir);
    expect(run.status).toBe(0);
    expect(run.result?.cache.status).toBe('corrupt');
    expect(run.stderr).toMatch(/warning: run cache: ignoring the entry/);
    expect(await runsLogged(dir)).toHaveLength(2);
    // The run stored its result again: the next one is a hit.
    expect((await train(dir)).result?.cache.status).toBe('hit');
  });
});

test('--inputs . leaves out .git, mlci state, reports and outputs, so an unchanged workspace is a hit', async () => {
  await withTempDir(async (dir) => {
    await project(dir);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const args = [
      'train',
      '--command',
      'cp data/train.csv "$MLCI_OUTPUTS/"',
      '--inputs',
      '.',
      '--outputs',
      'model',
    ];
    const first = await runCli([...args, '--out', 'reports', '--json'], { cwd: dir });
    expect(first.status).toBe(0);
    const second = await runCli([...args, '--out', 'reports', '--json'], { cwd: dir });
    const [a, b] = [first, second].map((run) => JSON.parse(run.stdout) as TrainResult);
    expect(b?.cache.status).toBe('hit');
    expect(b?.inputs.digest).toBe(a?.inputs.digest);
    const record = JSON.parse(await readFile(join(dir, 'reports/run.json'), 'utf8'));
    expect(record.inputs.files.map((file: { path: string }) => file.path)).toEqual([
      'data/train.csv',
      'params.yaml',
      'train.mjs',
    ]);
  });
});
