import { FakeMlflow } from '../../../../tests/support/fake-mlflow';
import { ExitCode, InputError, ServiceError } from '../errors';
import type { Logger } from '../platform/platform';
import {
  type LogBatchContent,
  MlflowClient,
  MlflowRequestError,
  mlflowKeyProblem,
  mlflowLimits,
  parseTrackingUri,
  splitLogBatch,
} from './client';

const fast = { retries: 2, delayMs: 1 };

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(`info: ${message}`),
    warn: (message) => lines.push(`warn: ${message}`),
    debug: () => {},
  };
}

function clientFor(fake: FakeMlflow, env: NodeJS.ProcessEnv = {}, logger: Logger = recordingLogger()) {
  return new MlflowClient(fake.trackingUri, { env, logger, retry: fast });
}

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

function thrown(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an exception');
}

describe('parseTrackingUri', () => {
  test('keeps scheme, host, port and path prefix, without a trailing slash', () => {
    expect(parseTrackingUri('mlflow+http://127.0.0.1:5000')).toEqual({
      baseUrl: 'http://127.0.0.1:5000',
      label: '127.0.0.1:5000',
      loopback: true,
    });
    expect(parseTrackingUri('mlflow+https://gitlab.example.com/api/v4/projects/7/ml/mlflow/')).toEqual({
      baseUrl: 'https://gitlab.example.com/api/v4/projects/7/ml/mlflow',
      label: 'gitlab.example.com/api/v4/projects/7/ml/mlflow',
      loopback: false,
    });
    expect(parseTrackingUri('MLFLOW+HTTP://[::1]:8080').baseUrl).toBe('http://[::1]:8080');
    expect(parseTrackingUri('mlflow+http://[::1]:8080').loopback).toBe(true);
  });

  test.each([
    ['http://mlflow.example.com', 'is not an MLflow tracking URI'],
    ['mlflow://mlflow.example.com', 'is not an MLflow tracking URI'],
    ['mlflow+ftp://mlflow.example.com', 'is not an MLflow tracking URI'],
    ['databricks', 'is not an MLflow tracking URI'],
    ['mlflow+http://', 'is not a valid URL'],
    ['mlflow+http://host:99999', 'is not a valid URL'],
    ['mlflow+https://user:secret@mlflow.example.com', 'contains credentials'],
    ['mlflow+https://mlflow.example.com/?token=x', 'has a query or fragment'],
  ])('%s is an InputError naming the value and the expected forms', (uri, why) => {
    const error = thrown(() => parseTrackingUri(uri));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).exitCode).toBe(ExitCode.usage);
    expect(error.message).toBe(
      `tracking: ${JSON.stringify(uri.replace('user:secret', '***'))} ${why}${why === 'contains credentials' ? ' (set MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD)' : ''}; expected mlflow+http://HOST[:PORT][/PATH] or mlflow+https://HOST[:PORT][/PATH]`,
    );
    expect(error.message).not.toContain('secret');
  });
});

describe('mlflowKeyProblem', () => {
  test('accepts what MLflow accepts and names what it refuses', () => {
    for (const key of ['accuracy', 'model.depth', 'train/loss', 'learning rate', 'f1-score', 'größe_2'])
      expect([key, mlflowKeyProblem(key)]).toEqual([key, undefined]);
    expect(mlflowKeyProblem('')).toBe('is empty');
    expect(mlflowKeyProblem('a'.repeat(251))).toBe('is longer than 250 characters');
    expect(mlflowKeyProblem('a:b')).toMatch(/may only contain/);
    for (const key of ['/abs', 'a//b', 'a/', './a', 'a/../b', '..', '..a'])
      expect([key, mlflowKeyProblem(key)]).toEqual([key, expect.stringMatching(/must not/)]);
  });
});

describe('splitLogBatch', () => {
  const content = (params: number, tags: number, metrics: number, valueLength = 1): LogBatchContent => ({
    params: Array.from({ length: params }, (_, i) => ({ key: `p${i}`, value: 'v'.repeat(valueLength) })),
    tags: Array.from({ length: tags }, (_, i) => ({ key: `t${i}`, value: 'v'.repeat(valueLength) })),
    metrics: Array.from({ length: metrics }, (_, i) => ({
      key: `m${i}`,
      value: i / 3,
      timestamp: 1,
      step: 0,
    })),
  });

  test('keeps every batch within the count limits and every entry in order', () => {
    const input = content(250, 150, 2500);
    const batches = splitLogBatch(input);
    for (const batch of batches) {
      expect(batch.params.length).toBeLessThanOrEqual(100);
      expect(batch.tags.length).toBeLessThanOrEqual(100);
      expect(batch.metrics.length).toBeLessThanOrEqual(1000);
      expect(batch.params.length + batch.tags.length + batch.metrics.length).toBeLessThanOrEqual(1000);
    }
    expect(batches.flatMap((batch) => batch.params)).toEqual(input.params);
    expect(batches.flatMap((batch) => batch.tags)).toEqual(input.tags);
    expect(batches.flatMap((batch) => batch.metrics)).toEqual(input.metrics);
    // 250 params need three batches at least; 2900 entries need three at 1000 each.
    expect(batches.length).toBeGreaterThanOrEqual(4);
  });

  test('splits on size when long values would pass 1 MB', () => {
    const input = content(100, 100, 0, 6000);
    const batches = splitLogBatch(input);
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches)
      expect(Buffer.byteLength(JSON.stringify({ run_id: 'x'.repeat(32), ...batch }))).toBeLessThanOrEqual(
        mlflowLimits.batchBytes,
      );
    expect(batches.flatMap((batch) => batch.params)).toEqual(input.params);
  });

  test('sends non-finite metric values as protobuf JSON strings', () => {
    const [batch] = splitLogBatch({
      params: [],
      tags: [],
      metrics: [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.5].map((value, i) => ({
        key: `m${i}`,
        value,
        timestamp: 1,
        step: 0,
      })),
    });
    expect(batch?.metrics.map((metric) => metric.value)).toEqual(['NaN', 'Infinity', '-Infinity', 0.5]);
  });

  test('nothing to log is no request', () => {
    expect(splitLogBatch({ params: [], tags: [], metrics: [] })).toEqual([]);
  });
});

describe('MlflowClient against the loopback MLflow', () => {
  let fake: FakeMlflow;
  beforeEach(async () => {
    fake = await new FakeMlflow().start();
  });
  afterEach(async () => {
    await fake.stop();
  });

  test('get-by-name answers undefined for a missing experiment, then finds the one created', async () => {
    const client = clientFor(fake);
    expect(await client.getExperimentByName('churn')).toBeUndefined();
    const id = await client.createExperiment('churn');
    expect(await client.getExperimentByName('churn')).toEqual({
      experimentId: id,
      name: 'churn',
      lifecycleStage: 'active',
    });
    expect(fake.calls('experiments/get-by-name').map((request) => request.query)).toEqual([
      { experiment_name: 'churn' },
      { experiment_name: 'churn' },
    ]);
  });

  test('getOrCreateExperiment takes the winner of a create race', async () => {
    const client = clientFor(fake);
    // Another job creates the experiment between our get-by-name and our create.
    let winner = '';
    fake.beforeNext('experiments/create', () => {
      winner = fake.addExperiment('churn').experiment_id;
    });
    const experiment = await client.getOrCreateExperiment('churn');
    expect(experiment).toEqual({
      experimentId: winner,
      name: 'churn',
      lifecycleStage: 'active',
      created: false,
    });
    expect(fake.calls('experiments/create').map((request) => request.status)).toEqual([400]);
    expect([...fake.experiments.values()].filter((candidate) => candidate.name === 'churn')).toHaveLength(1);
  });

  test('a deleted experiment is a ServiceError that says what to do', async () => {
    fake.addExperiment('churn').lifecycle_stage = 'deleted';
    const error = await caught(clientFor(fake).getOrCreateExperiment('churn'));
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toMatch(
      /experiment "churn" \(id \d+\) is deleted; restore it in MLflow or choose another/,
    );
  });

  test('an MLflow error is one line with the server, the endpoint, error_code and message, without retries', async () => {
    const client = clientFor(fake);
    await client.createExperiment('churn');
    const error = await caught(client.createExperiment('churn'));
    expect(error).toBeInstanceOf(MlflowRequestError);
    expect(error).toMatchObject({
      status: 400,
      errorCode: 'RESOURCE_ALREADY_EXISTS',
      exitCode: ExitCode.service,
    });
    const server = fake.url.replace('http://', '');
    expect(error.message).toBe(
      `MLflow at ${server}: POST /api/2.0/mlflow/experiments/create failed with HTTP 400 RESOURCE_ALREADY_EXISTS: Experiment(name=churn) already exists.`,
    );
    expect(fake.calls('experiments/create')).toHaveLength(2);
  });

  test('503s are retried; past the retries they are a ServiceError naming the host and endpoint', async () => {
    const logger = recordingLogger();
    const client = clientFor(fake, {}, logger);
    fake.failNext(2);
    expect(await client.createExperiment('churn')).toBe('1');
    expect(fake.requests.map((request) => request.status)).toEqual([503, 503, 200]);
    expect(logger.lines.filter((line) => line.includes('retry'))).toHaveLength(2);

    fake.requests.length = 0;
    fake.failNext(3);
    const error = await caught(client.createExperiment('other'));
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).exitCode).toBe(ExitCode.service);
    expect(error.message).toBe(
      `MLflow at ${fake.url.replace('http://', '')}: POST /api/2.0/mlflow/experiments/create failed with HTTP 503 TEMPORARILY_UNAVAILABLE: injected failure`,
    );
    expect(fake.requests).toHaveLength(3);
    expect(fake.experimentNamed('other')).toBeUndefined();
  });

  test('429 and 500 are retried too, 403 is not', async () => {
    const client = clientFor(fake);
    fake.failNext(1, 429);
    fake.failNext(1, 500);
    await client.createExperiment('churn');
    expect(fake.requests.map((request) => request.status)).toEqual([429, 500, 200]);

    fake.requests.length = 0;
    fake.failNext(1, 403);
    const error = await caught(client.createExperiment('other'));
    expect(error.message).toMatch(
      /HTTP 403 PERMISSION_DENIED: injected failure \(sent no credentials: set MLFLOW_TRACKING_TOKEN/,
    );
    expect(fake.requests).toHaveLength(1);
  });

  test('an unreachable server is a ServiceError after the retries', async () => {
    const uri = fake.trackingUri;
    await fake.stop();
    const error = await caught(
      new MlflowClient(uri, { env: {}, logger: recordingLogger(), retry: fast }).getExperimentByName('churn'),
    );
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toBe(
      `MLflow at ${uri.replace('mlflow+http://', '')}: GET /api/2.0/mlflow/experiments/get-by-name failed: unreachable (ECONNREFUSED)`,
    );
    fake = await new FakeMlflow().start(); // for afterEach
  });

  test('sends MLFLOW_TRACKING_TOKEN as a bearer token', async () => {
    fake.requireToken('s3cret-token');
    await clientFor(fake, { MLFLOW_TRACKING_TOKEN: 's3cret-token' }).createExperiment('churn');
    expect(fake.requests.map((request) => [request.authorization, request.status])).toEqual([
      ['Bearer s3cret-token', 200],
    ]);
  });

  test('sends MLFLOW_TRACKING_USERNAME/PASSWORD as basic auth', async () => {
    fake.requireBasicAuth('ci-bot', 'pa:ss');
    const env = { MLFLOW_TRACKING_USERNAME: 'ci-bot', MLFLOW_TRACKING_PASSWORD: 'pa:ss' };
    await clientFor(fake, env).createExperiment('churn');
    expect(fake.requests[0]?.authorization).toBe(`Basic ${Buffer.from('ci-bot:pa:ss').toString('base64')}`);
    expect(fake.requests[0]?.status).toBe(200);
  });

  test('401 names the credential variables and what was sent, never the secret', async () => {
    fake.requireToken('right-token');
    const withWrongToken = await caught(
      clientFor(fake, { MLFLOW_TRACKING_TOKEN: 'wrong-token' }).createExperiment('churn'),
    );
    expect(withWrongToken).toBeInstanceOf(ServiceError);
    expect(withWrongToken.message).toMatch(
      /POST \/api\/2.0\/mlflow\/experiments\/create failed with HTTP 401 You are not authenticated\..* \(sent the token from MLFLOW_TRACKING_TOKEN\)$/,
    );
    expect(withWrongToken.message).not.toContain('wrong-token');

    const withNothing = await caught(clientFor(fake).createExperiment('churn'));
    expect(withNothing.message).toMatch(
      /\(sent no credentials: set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD\)$/,
    );
    const withPassword = await caught(
      clientFor(fake, {
        MLFLOW_TRACKING_USERNAME: 'bot',
        MLFLOW_TRACKING_PASSWORD: 'hunter2',
      }).createExperiment('x'),
    );
    expect(withPassword.message).toMatch(
      /\(sent user "bot" from MLFLOW_TRACKING_USERNAME\/MLFLOW_TRACKING_PASSWORD\)$/,
    );
    expect(withPassword.message).not.toContain('hunter2');
    // Not retried: a wrong credential does not get better.
    expect(fake.requests).toHaveLength(3);
  });

  test('half a username/password pair is an InputError before any request', () => {
    const error = thrown(() => clientFor(fake, { MLFLOW_TRACKING_USERNAME: 'bot' }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe('MLFLOW_TRACKING_USERNAME is set but MLFLOW_TRACKING_PASSWORD is not');
    expect(fake.requests).toHaveLength(0);
  });

  test('credentials over plain HTTP to a remote host are warned about', () => {
    const logger = recordingLogger();
    new MlflowClient('mlflow+http://mlflow.example.com', { env: { MLFLOW_TRACKING_TOKEN: 't' }, logger });
    new MlflowClient('mlflow+https://mlflow.example.com', { env: { MLFLOW_TRACKING_TOKEN: 't' }, logger });
    new MlflowClient(fake.trackingUri, { env: { MLFLOW_TRACKING_TOKEN: 't' }, logger });
    expect(logger.lines).toEqual([
      'warn: MLflow credentials go to mlflow.example.com over plain HTTP: use mlflow+https://',
    ]);
  });

  test('a body that is not what MLflow answers is a ServiceError, not retried', async () => {
    const { createServer } = await import('node:http');
    let requests = 0;
    const server = createServer((_request, response) => {
      requests++;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"experiment": {"name": "churn"}}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const client = new MlflowClient(`mlflow+http://127.0.0.1:${port}`, {
        env: {},
        logger: recordingLogger(),
        retry: fast,
      });
      const error = await caught(client.getExperimentByName('churn'));
      expect(error).toBeInstanceOf(ServiceError);
      expect(error.message).toMatch(/answered 200 with an unexpected body \(experiment\.experiment_id: /);
      expect(requests).toBe(1);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('MlflowClient under a path prefix', () => {
  test('every call goes to <prefix>/api/2.0/mlflow/...', async () => {
    const fake = await new FakeMlflow({ pathPrefix: '/api/v4/projects/7/ml/mlflow' }).start();
    try {
      const client = clientFor(fake);
      const experiment = await client.getOrCreateExperiment('churn');
      const run = await client.createRun({
        experimentId: experiment.experimentId,
        runName: 'r1',
        startTime: 1000,
      });
      await client.logBatch(run.runId, { params: [{ key: 'a', value: '1' }], metrics: [], tags: [] });
      await client.updateRun(run.runId, { status: 'FINISHED', endTime: 2000 });
      expect(fake.requests.map((request) => [request.method, request.path, request.status])).toEqual([
        ['GET', '/api/v4/projects/7/ml/mlflow/api/2.0/mlflow/experiments/get-by-name', 404],
        ['POST', '/api/v4/projects/7/ml/mlflow/api/2.0/mlflow/experiments/create', 200],
        ['POST', '/api/v4/projects/7/ml/mlflow/api/2.0/mlflow/runs/create', 200],
        ['POST', '/api/v4/projects/7/ml/mlflow/api/2.0/mlflow/runs/log-batch', 200],
        ['POST', '/api/v4/projects/7/ml/mlflow/api/2.0/mlflow/runs/update', 200],
      ]);
      expect(client.runUrl(experiment.experimentId, run.runId)).toBe(
        `${fake.url}/#/experiments/${experiment.experimentId}/runs/${run.runId}`,
      );
    } finally {
      await fake.stop();
    }
  });

  test('the fake answers 404 outside the prefix, so the test above can fail', async () => {
    const fake = await new FakeMlflow({ pathPrefix: '/proxy' }).start();
    try {
      const client = new MlflowClient(fake.trackingUri.replace('/proxy', ''), {
        env: {},
        logger: recordingLogger(),
        retry: fast,
      });
      const error = await caught(client.createExperiment('churn'));
      expect(error.message).toMatch(/HTTP 404 ENDPOINT_NOT_FOUND/);
    } finally {
      await fake.stop();
    }
  });
});
