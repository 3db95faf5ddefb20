import { FakeMlflow } from '../../../../tests/support/fake-mlflow';
import { InputError, ServiceError } from '../errors';
import type { Logger } from '../platform/platform';
import { flattenParams } from './params';
import { logTrainingRun, type TrainingRunLog, trackingTags } from './tracking';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`info: ${message}`),
    warn: (message) => lines.push(`warn: ${message}`),
    debug: () => {},
  };
}

let fake: FakeMlflow;
beforeEach(async () => {
  fake = await new FakeMlflow().start();
});
afterEach(async () => {
  await fake.stop();
});

function runLog(overrides: Partial<TrainingRunLog> = {}): TrainingRunLog {
  return {
    uri: fake.trackingUri,
    env: {},
    logger: recordingLogger(),
    experiment: 'breast-cancer',
    runName: 'train-42',
    startTime: 1_700_000_000_000,
    endTime: 1_700_000_065_000,
    status: 'FINISHED',
    params: {
      model: { kind: 'logistic', l2: 0.1, layers: [16, 8] },
      seed: 7,
      shuffle: true,
      note: 'baseline',
    },
    metrics: { accuracy: 0.95, 'val.loss': 0.12 },
    tags: {
      [trackingTags.gitCommit]: 'a'.repeat(40),
      [trackingTags.sourceName]: 'node train.mjs',
      [trackingTags.runId]: 'run-42',
      [trackingTags.inputsDigest]: `sha256:${'b'.repeat(64)}`,
      [trackingTags.outputsDigest]: `sha256:${'c'.repeat(64)}`,
      [trackingTags.cacheStatus]: 'miss',
    },
    retry: { retries: 1, delayMs: 1 },
    ...overrides,
  };
}

test('logs a run end to end: experiment created once, reused by the next run', async () => {
  const logger = recordingLogger();
  const first = await logTrainingRun(runLog({ logger }));
  const second = await logTrainingRun(runLog({ runName: 'train-43', metrics: { accuracy: 0.96 } }));

  const experiment = fake.experimentNamed('breast-cancer');
  expect(experiment).toBeDefined();
  expect(first.experimentId).toBe(experiment?.experiment_id);
  expect(second.experimentId).toBe(first.experimentId);
  expect(fake.calls('experiments/create')).toHaveLength(1);
  expect(logger.lines).toContain('info: MLflow: created experiment "breast-cancer"');
  expect(fake.runsOf(first.experimentId).map((run) => run.info.run_id)).toEqual([first.runId, second.runId]);
  expect(first.url).toBe(`${fake.url}/#/experiments/${first.experimentId}/runs/${first.runId}`);

  const run = fake.runs.get(first.runId);
  expect(run?.info).toMatchObject({
    run_name: 'train-42',
    status: 'FINISHED',
    start_time: 1_700_000_000_000,
    end_time: 1_700_000_065_000,
  });
  expect(run?.params).toEqual({
    'model.kind': 'logistic',
    'model.l2': '0.1',
    'model.layers': '[16,8]',
    seed: '7',
    shuffle: 'true',
    note: 'baseline',
  });
  expect(run?.metrics).toEqual([
    { key: 'accuracy', value: 0.95, timestamp: 1_700_000_065_000, step: 0 },
    { key: 'val.loss', value: 0.12, timestamp: 1_700_000_065_000, step: 0 },
  ]);
  expect(run?.tags).toEqual({
    'mlflow.runName': 'train-42',
    'mlflow.source.git.commit': 'a'.repeat(40),
    'mlflow.source.name': 'node train.mjs',
    'mlci.run.id': 'run-42',
    'mlci.inputs.digest': `sha256:${'b'.repeat(64)}`,
    'mlci.outputs.digest': `sha256:${'c'.repeat(64)}`,
    'mlci.cache.status': 'miss',
  });
  // The order the calls came in: the run ends only once everything is logged.
  expect(fake.requests.slice(0, 5).map((request) => request.endpoint)).toEqual([
    'experiments/get-by-name',
    'experiments/create',
    'runs/create',
    'runs/log-batch',
    'runs/update',
  ]);
});

test('a failed training is logged with status FAILED', async () => {
  const tracked = await logTrainingRun(runLog({ status: 'FAILED', metrics: {} }));
  expect(fake.runs.get(tracked.runId)?.info.status).toBe('FAILED');
});

test('params, metrics and tags above MLflow per-request limits go in several batches, all stored', async () => {
  const params: Record<string, Record<string, number>> = {};
  for (let i = 0; i < 250; i++) params[`group${i % 5}`] = { ...params[`group${i % 5}`], [`p${i}`]: i };
  const metrics = Object.fromEntries(Array.from({ length: 1500 }, (_, i) => [`m${i}`, i / 7]));
  const tags = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`mlci.extra.${i}`, `v${i}`]));
  const tracked = await logTrainingRun(runLog({ params, metrics, tags }));

  const batches = fake.calls('runs/log-batch');
  expect(batches.length).toBeGreaterThanOrEqual(3);
  expect(batches.every((request) => request.status === 200)).toBe(true);
  const run = fake.runs.get(tracked.runId);
  expect(Object.keys(run?.params ?? {})).toHaveLength(250);
  expect(run?.params['group3.p8']).toBe('8');
  expect(run?.metrics).toHaveLength(1500);
  expect(run?.metrics[1499]).toEqual({
    key: 'm1499',
    value: 1499 / 7,
    timestamp: 1_700_000_065_000,
    step: 0,
  });
  expect(Object.keys(run?.tags ?? {})).toHaveLength(151); // and mlflow.runName
  expect(run?.info.status).toBe('FINISHED');
});

test('the fake refuses an oversized batch, so the batching test above can fail', async () => {
  const experimentId = fake.addExperiment('raw').experiment_id;
  const response = await fetch(`${fake.url}/api/2.0/mlflow/runs/create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ experiment_id: experimentId }),
  });
  const { run } = (await response.json()) as { run: { info: { run_id: string } } };
  const params = Array.from({ length: 101 }, (_, i) => ({ key: `p${i}`, value: '1' }));
  const refused = await fetch(`${fake.url}/api/2.0/mlflow/runs/log-batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ run_id: run.info.run_id, params }),
  });
  expect(refused.status).toBe(400);
  expect(await refused.json()).toEqual({
    error_code: 'INVALID_PARAMETER_VALUE',
    message:
      'A batch logging request can contain at most 100 params. Got 101 params. Please split up params across multiple requests and try again.',
  });
});

test('a param value over 6000 characters is cut with a warning, as MLflow does', async () => {
  const logger = recordingLogger();
  const tracked = await logTrainingRun(runLog({ logger, params: { vocabulary: 'x'.repeat(7000) } }));
  expect(fake.runs.get(tracked.runId)?.params.vocabulary).toBe('x'.repeat(6000));
  expect(logger.lines).toContain(
    'warn: MLflow param "vocabulary": value of 7000 characters cut to MLflow\'s limit of 6000',
  );
});

test('non-finite metrics reach MLflow as NaN and Infinity', async () => {
  const tracked = await logTrainingRun(
    runLog({ metrics: { loss: Number.NaN, ratio: Number.POSITIVE_INFINITY } }),
  );
  expect(fake.runs.get(tracked.runId)?.metrics.map((metric) => metric.value)).toEqual([
    Number.NaN,
    Number.POSITIVE_INFINITY,
  ]);
});

test('a key MLflow refuses is an InputError before any run is created', async () => {
  const error = await logTrainingRun(runLog({ metrics: { 'auc:macro': 0.9 } })).catch(
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  expect((error as Error).message).toBe(
    'metric "auc:macro": MLflow refuses this key: it may only contain letters, digits, underscores, dashes, periods, spaces and slashes',
  );
  expect(fake.requests).toHaveLength(0);
});

test('when logging fails after the run exists, the run is marked FAILED and the error is a ServiceError', async () => {
  // runs/create is served, then the next two requests (the log-batch and its one retry) answer 503.
  fake.beforeNext('runs/create', () => fake.failNext(2));
  const error = await logTrainingRun(runLog()).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ServiceError);
  expect((error as Error).message).toMatch(/POST \/api\/2.0\/mlflow\/runs\/log-batch failed with HTTP 503/);
  const [run] = [...fake.runs.values()];
  expect(run?.info.status).toBe('FAILED');
  expect(run?.info.end_time).toBe(1_700_000_065_000);
  expect(fake.calls('runs/update').map((request) => request.body)).toEqual([
    { run_id: run?.info.run_id, status: 'FAILED', end_time: 1_700_000_065_000 },
  ]);
});

test('a token in MLFLOW_TRACKING_TOKEN is sent with every call', async () => {
  fake.requireToken('tok-1');
  await logTrainingRun(runLog({ env: { MLFLOW_TRACKING_TOKEN: 'tok-1' } }));
  expect(new Set(fake.requests.map((request) => request.authorization))).toEqual(new Set(['Bearer tok-1']));
  expect(
    fake.requests.every((request) => request.status < 300 || request.endpoint === 'experiments/get-by-name'),
  ).toBe(true);
});

describe('flattenParams', () => {
  test('joins nested keys with dots and writes non-strings as JSON', () => {
    expect(flattenParams({ a: { b: { c: 1 } }, d: null, e: {}, f: ['x'], g: 'text', h: false })).toEqual({
      'a.b.c': '1',
      d: 'null',
      e: '{}',
      f: '["x"]',
      g: 'text',
      h: 'false',
    });
  });

  test('two keys that flatten to one name are an InputError', () => {
    expect(() => flattenParams({ 'a.b': 1, a: { b: 2 } })).toThrow(
      new InputError('params: "a.b" is given twice (once as a nested key)'),
    );
  });
});
