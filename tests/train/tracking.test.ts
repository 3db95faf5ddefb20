import { access, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrainResult } from '@mlci/core';
import { localEnv, runCli, withTempDir } from '../support/cli';
import { FakeMlflow } from '../support/fake-mlflow';

/**
 * `mlci train --tracking` against a loopback server that answers MLflow's documented REST endpoints
 * (tests/support/fake-mlflow.ts says which sources it follows); no real MLflow server runs on this machine.
 */
let mlflow: FakeMlflow;
beforeEach(async () => {
  mlflow = await new FakeMlflow().start();
});
afterEach(async () => {
  await mlflow.stop();
});

const command =
  'mkdir -p "$MLCI_OUTPUTS" && echo w > "$MLCI_OUTPUTS/w.txt" && echo \'{"auc": 0.81}\' > "$MLCI_METRICS_FILE"';

test('a run is logged with its params, metrics and lineage tags, and the report links it', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'data.csv'), 'a\n1\n');
    const args = [
      'train',
      '--command',
      command,
      '--inputs',
      'data.csv',
      '--outputs',
      'model',
      '--metrics',
      'm.json',
    ];
    const run = await runCli(
      [
        ...args,
        '--param',
        'lr=0.1',
        '--param',
        'model.depth=4',
        '--tracking',
        mlflow.trackingUri,
        '--experiment',
        'churn',
        '--json',
      ],
      { cwd: dir, env: localEnv({ MLFLOW_TRACKING_TOKEN: 'secret-token' }) },
    );
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as TrainResult;
    const [experiment] = [...mlflow.experiments.values()].filter((e) => e.name === 'churn');
    expect(experiment).toBeDefined();
    const logged = mlflow.runs.get(result.tracking?.runId ?? '');
    expect(logged?.info).toMatchObject({ experiment_id: experiment?.experiment_id, status: 'FINISHED' });
    expect(logged?.params).toEqual({ lr: '0.1', 'model.depth': '4' });
    expect(logged?.metrics.map((m) => [m.key, m.value])).toEqual([['auc', 0.81]]);
    expect(logged?.tags).toMatchObject({
      'mlci.run.id': result.runId,
      'mlci.inputs.digest': result.inputs.digest,
      'mlci.outputs.digest': result.outputs?.digest,
      'mlci.cache.status': 'miss',
      'mlflow.source.name': command,
    });
    expect(result.tracking?.url).toBe(
      `${mlflow.url}/#/experiments/${experiment?.experiment_id}/runs/${result.tracking?.runId}`,
    );
    expect(mlflow.requests.every((request) => request.authorization === 'Bearer secret-token')).toBe(true);
    expect(await readFile(join(dir, '.mlci/train.md'), 'utf8')).toContain(`(${result.tracking?.url})`);
  });
});

test('a tracking server that keeps failing: exit 3 naming it, after retries', async () => {
  await withTempDir(async (dir) => {
    mlflow.failNext(10, 503);
    const run = await runCli(
      ['train', '--command', command, '--outputs', 'model', '--tracking', mlflow.trackingUri],
      {
        cwd: dir,
      },
    );
    expect(run.status).toBe(3);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(/^mlci: error: MLflow at 127\.0\.0\.1:\d+: .*503/);
  });
});

test('a bad tracking URI is refused before the command runs', async () => {
  await withTempDir(async (dir) => {
    const run = await runCli(
      ['train', '--command', 'echo ran > ran.txt', '--outputs', 'model', '--tracking', 'http://mlflow:5000'],
      {
        cwd: dir,
      },
    );
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toMatch(
      /^mlci: error: tracking: "http:\/\/mlflow:5000" is not an MLflow tracking URI/,
    );
    await expect(access(join(dir, 'ran.txt'))).rejects.toThrow();
  });
});
