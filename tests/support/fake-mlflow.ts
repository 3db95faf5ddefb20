import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for the MLflow tracking server: exactly the REST API 2.0 endpoints mlci calls
 * (experiments/get-by-name, experiments/create, runs/create, runs/log-batch, runs/update), state in memory.
 *
 * Followed, from mlflow/mlflow: the REST reference (docs/api_reference/source/rest-api.rst: fields, "Log Batch"
 * request limits), mlflow/server/handlers.py (which fields are required and their types, the "Missing value for
 * required parameter" messages, get-by-name's RESOURCE_DOES_NOT_EXIST), mlflow/utils/validation.py (key rules,
 * 6000-character params, 5000-character tags, 100 params / 100 tags / 1000 metrics / 1000 entries per batch),
 * mlflow/exceptions.py (error_code -> HTTP status: INVALID_PARAMETER_VALUE and RESOURCE_ALREADY_EXISTS 400,
 * RESOURCE_DOES_NOT_EXIST 404) and the SQL store's create_run (run_name vs the mlflow.runName tag) and param
 * immutability. An unauthenticated request gets what MLflow's basic-auth app answers: 401, plain text.
 *
 * Deliberately stricter than MLflow, to catch client mistakes: unknown request fields are refused (MLflow's
 * protobuf parsing ignores some), log-batch is checked and applied all at once (MLflow may write part of a
 * failed batch), over-long values are refused, never truncated, and the 1 MB body limit is enforced on the bytes.
 */

export interface RecordedMlflowRequest {
  method: string;
  /** The full path, with the server's path prefix. */
  path: string;
  /** `runs/create`, …: the part after `<prefix>/api/2.0/mlflow/`; undefined for other paths. */
  endpoint: string | undefined;
  query: Record<string, string>;
  body: unknown;
  authorization: string | undefined;
  status: number;
}

export interface FakeExperiment {
  experiment_id: string;
  name: string;
  artifact_location: string;
  lifecycle_stage: 'active' | 'deleted';
  creation_time: number;
  last_update_time: number;
  tags: { key: string; value: string }[];
}

export interface FakeRun {
  info: {
    run_id: string;
    run_uuid: string;
    run_name: string;
    experiment_id: string;
    user_id: string;
    status: string;
    start_time: number;
    end_time?: number;
    artifact_uri: string;
    lifecycle_stage: 'active' | 'deleted';
  };
  params: Record<string, string>;
  /** Every logged value, in logging order (MLflow keeps the history). */
  metrics: { key: string; value: number; timestamp: number; step: number }[];
  tags: Record<string, string>;
}

export interface FakeMlflowOptions {
  /** Serve under this path, as a proxy would (`/api/v4/projects/1/ml/mlflow`). */
  pathPrefix?: string;
}

const endpoints: Record<string, 'GET' | 'POST'> = {
  'experiments/get-by-name': 'GET',
  'experiments/create': 'POST',
  'runs/create': 'POST',
  'runs/log-batch': 'POST',
  'runs/update': 'POST',
};

const runStatuses = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];
const errorCodeOfStatus: Record<number, string> = {
  400: 'BAD_REQUEST',
  403: 'PERMISSION_DENIED',
  404: 'ENDPOINT_NOT_FOUND',
  429: 'REQUEST_LIMIT_EXCEEDED',
  500: 'INTERNAL_ERROR',
  503: 'TEMPORARILY_UNAVAILABLE',
};

/** An MLflow error answer: `{error_code, message}` with the status MLflow maps the code to. */
class MlflowFault extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

const invalid = (message: string) => new MlflowFault(400, 'INVALID_PARAMETER_VALUE', message);
const docsHint = ' See the API docs for more information about request parameters.';

export class FakeMlflow {
  readonly requests: RecordedMlflowRequest[] = [];
  readonly experiments = new Map<string, FakeExperiment>();
  readonly runs = new Map<string, FakeRun>();
  private readonly server: Server;
  private readonly prefix: string;
  private readonly failures: number[] = [];
  private readonly interceptors: { endpoint: string; action: () => void }[] = [];
  private expectedAuthorization: string | undefined;
  private nextExperimentId = 1;

  constructor(options: FakeMlflowOptions = {}) {
    this.prefix = (options.pathPrefix ?? '').replace(/\/+$/, '');
    // MLflow servers start with the "Default" experiment, id 0.
    this.addExperiment('Default', '0');
    this.server = createServer((request, response) => {
      void this.handle(request, response);
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The tracking base URL: `http://127.0.0.1:PORT[/prefix]`. */
  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}${this.prefix}`;
  }

  /** The URI mlci takes: `mlflow+http://127.0.0.1:PORT[/prefix]`. */
  get trackingUri(): string {
    return `mlflow+${this.url}`;
  }

  /** The next `count` requests answer `status` (503 by default) with an MLflow error body. */
  failNext(count: number, status = 503): void {
    for (let i = 0; i < count; i++) this.failures.push(status);
  }

  /** From now on, every request needs `Authorization: Bearer <token>`. */
  requireToken(token: string): void {
    this.expectedAuthorization = `Bearer ${token}`;
  }

  /** From now on, every request needs HTTP Basic auth with this user and password. */
  requireBasicAuth(username: string, password: string): void {
    this.expectedAuthorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }

  /** Runs `action` just before the next request to `endpoint` is served (e.g. another client's write). */
  beforeNext(endpoint: string, action: () => void): void {
    this.interceptors.push({ endpoint, action });
  }

  addExperiment(name: string, id = String(this.nextExperimentId++)): FakeExperiment {
    const now = Date.now();
    const experiment: FakeExperiment = {
      experiment_id: id,
      name,
      artifact_location: `mlflow-artifacts:/${id}`,
      lifecycle_stage: 'active',
      creation_time: now,
      last_update_time: now,
      tags: [],
    };
    this.experiments.set(id, experiment);
    return experiment;
  }

  experimentNamed(name: string): FakeExperiment | undefined {
    // MLflow prefers the active experiment when an active and a deleted one share the name.
    const matches = [...this.experiments.values()].filter((experiment) => experiment.name === name);
    return matches.find((experiment) => experiment.lifecycle_stage === 'active') ?? matches[0];
  }

  runsOf(experimentId: string): FakeRun[] {
    return [...this.runs.values()].filter((run) => run.info.experiment_id === experimentId);
  }

  /** Requests that reached an endpoint, in order. */
  calls(endpoint: string): RecordedMlflowRequest[] {
    return this.requests.filter((request) => request.endpoint === endpoint);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const raw = await readBody(request);
    const apiRoot = `${this.prefix}/api/2.0/mlflow/`;
    const endpoint = url.pathname.startsWith(apiRoot) ? url.pathname.slice(apiRoot.length) : undefined;
    const recorded: RecordedMlflowRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      endpoint,
      query: Object.fromEntries(url.searchParams),
      body: parseJson(raw) ?? raw,
      authorization: request.headers.authorization,
      status: 0,
    };
    this.requests.push(recorded);
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      recorded.status = status;
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(body);
    };
    const sendError = (fault: MlflowFault) =>
      send(fault.status, JSON.stringify({ error_code: fault.errorCode, message: fault.message }));

    const failure = this.failures.shift();
    if (failure !== undefined)
      return sendError(
        new MlflowFault(failure, errorCodeOfStatus[failure] ?? 'INTERNAL_ERROR', 'injected failure'),
      );
    if (
      this.expectedAuthorization !== undefined &&
      request.headers.authorization !== this.expectedAuthorization
    ) {
      // MLflow's basic-auth app answers in plain text.
      return send(
        401,
        'You are not authenticated. Please see https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to authenticate.',
        { 'content-type': 'text/plain', 'www-authenticate': 'Basic realm="mlflow"' },
      );
    }
    const method = endpoint === undefined ? undefined : endpoints[endpoint];
    if (method === undefined)
      return sendError(new MlflowFault(404, 'ENDPOINT_NOT_FOUND', `No API endpoint at ${url.pathname}`));
    if (request.method !== method) return send(405, 'Method Not Allowed', { 'content-type': 'text/plain' });

    try {
      let fields: Record<string, unknown>;
      if (method === 'GET') {
        fields = Object.fromEntries(url.searchParams);
      } else {
        if (!(request.headers['content-type'] ?? '').startsWith('application/json'))
          throw invalid("Bad Request. Content-Type must be one of ['application/json'].");
        // Flask's get_json(silent=True): a body that is not a JSON object counts as empty.
        const json = parseJson(raw);
        fields = isRecord(json) ? json : {};
      }
      const interceptor = this.interceptors.findIndex((entry) => entry.endpoint === endpoint);
      if (interceptor >= 0) this.interceptors.splice(interceptor, 1)[0]?.action();
      send(200, JSON.stringify(this.serve(endpoint as string, fields, raw)));
    } catch (error) {
      if (error instanceof MlflowFault) return sendError(error);
      sendError(new MlflowFault(500, 'INTERNAL_ERROR', String(error)));
    }
  }

  private serve(endpoint: string, fields: Record<string, unknown>, raw: string): unknown {
    switch (endpoint) {
      case 'experiments/get-by-name':
        return this.getExperimentByName(fields);
      case 'experiments/create':
        return this.createExperiment(fields);
      case 'runs/create':
        return this.createRun(fields);
      case 'runs/log-batch':
        return this.logBatch(fields, raw);
      default:
        return this.updateRun(fields);
    }
  }

  private getExperimentByName(fields: Record<string, unknown>) {
    allowOnly(fields, ['experiment_name']);
    const name = requiredString(fields, 'experiment_name');
    const experiment = this.experimentNamed(name);
    if (!experiment)
      throw new MlflowFault(404, 'RESOURCE_DOES_NOT_EXIST', `Could not find experiment with name '${name}'`);
    return { experiment };
  }

  private createExperiment(fields: Record<string, unknown>) {
    allowOnly(fields, ['name', 'artifact_location', 'tags']);
    const name = requiredString(fields, 'name');
    if (name.length > 500) throw invalid('Experiment name exceeds the maximum length of 500 characters');
    optionalString(fields, 'artifact_location');
    const tags = keyValueList(fields, 'tags');
    if ([...this.experiments.values()].some((experiment) => experiment.name === name))
      throw new MlflowFault(400, 'RESOURCE_ALREADY_EXISTS', `Experiment(name=${name}) already exists.`);
    const experiment = this.addExperiment(name);
    experiment.tags = tags.map(({ key, value }) => ({ key, value: value ?? '' }));
    return { experiment_id: experiment.experiment_id };
  }

  private createRun(fields: Record<string, unknown>) {
    allowOnly(fields, ['experiment_id', 'user_id', 'run_name', 'start_time', 'tags']);
    const experimentId = optionalString(fields, 'experiment_id') ?? '';
    const userId = optionalString(fields, 'user_id') ?? '';
    const runName = optionalString(fields, 'run_name') ?? '';
    const startTime = optionalInt(fields, 'start_time') ?? Date.now();
    const tags = keyValueList(fields, 'tags');
    const experiment = this.experiments.get(experimentId);
    if (!experiment)
      throw new MlflowFault(404, 'RESOURCE_DOES_NOT_EXIST', `No Experiment with id=${experimentId} exists`);
    if (experiment.lifecycle_stage !== 'active')
      throw invalid(
        `The experiment ${experimentId} must be in the 'active' state. Current state is ${experiment.lifecycle_stage}.`,
      );
    const nameTag = tags.find((tag) => tag.key === 'mlflow.runName')?.value;
    if (runName && nameTag && runName !== nameTag)
      throw invalid(
        `Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='${runName}', mlflow.runName='${nameTag}').`,
      );
    const runId = randomUUID().replaceAll('-', '');
    const run: FakeRun = {
      info: {
        run_id: runId,
        run_uuid: runId,
        run_name: runName || nameTag || `run-${this.runs.size + 1}`,
        experiment_id: experimentId,
        user_id: userId,
        status: 'RUNNING',
        start_time: startTime,
        artifact_uri: `${experiment.artifact_location}/${runId}/artifacts`,
        lifecycle_stage: 'active',
      },
      params: {},
      metrics: [],
      tags: Object.fromEntries(tags.map(({ key, value }) => [key, value ?? ''])),
    };
    run.tags['mlflow.runName'] = run.info.run_name;
    this.runs.set(runId, run);
    return { run: this.runView(run) };
  }

  private logBatch(fields: Record<string, unknown>, raw: string) {
    if (Buffer.byteLength(raw) > 1_000_000)
      throw invalid(
        `Batched logging API requests must be at most 1000000 bytes, got a request of size ${Buffer.byteLength(raw)}.`,
      );
    allowOnly(fields, ['run_id', 'metrics', 'params', 'tags']);
    const runId = requiredString(fields, 'run_id');
    const metrics = list(fields, 'metrics');
    const params = keyValueList(fields, 'params');
    const tags = keyValueList(fields, 'tags');
    metrics.forEach((metric, index) => {
      if (!isRecord(metric))
        throw invalid(`Invalid value for parameter 'metrics[${index}]' supplied.${docsHint}`);
      allowOnly(metric, ['key', 'value', 'timestamp', 'step'], `metrics[${index}].`);
      for (const field of ['key', 'value', 'timestamp'])
        if (metric[field] === undefined || metric[field] === null || metric[field] === '')
          throw invalid(`Missing value for required parameter 'metrics[${index}].${field}'.${docsHint}`);
    });
    const limit = (kind: string, max: number, count: number) => {
      if (count > max)
        throw invalid(
          `A batch logging request can contain at most ${max} ${kind}. Got ${count} ${kind}. Please split up ${kind} across multiple requests and try again.`,
        );
    };
    limit('metrics', 1000, metrics.length);
    limit('params', 100, params.length);
    limit('tags', 100, tags.length);
    limit('metrics, params, and tags', 1000, metrics.length + params.length + tags.length);

    const checkedMetrics = metrics.map((entry) => {
      const metric = entry as Record<string, unknown>;
      const key = String(metric.key);
      checkKey('metric', key);
      const value = doubleOf(metric.value);
      if (value === undefined)
        throw invalid(
          `Got invalid value ${JSON.stringify(metric.value)} for metric '${key}'. Please specify value as a valid double (64-bit floating point)`,
        );
      const timestamp = intOf(metric.timestamp);
      if (timestamp === undefined || timestamp < 0)
        throw invalid(`Got invalid timestamp ${JSON.stringify(metric.timestamp)} for metric '${key}'.`);
      const step = metric.step === undefined ? 0 : intOf(metric.step);
      if (step === undefined)
        throw invalid(`Got invalid step ${JSON.stringify(metric.step)} for metric '${key}'.`);
      return { key, value, timestamp, step };
    });
    const seenParams = new Set<string>();
    for (const { key, value } of params) {
      checkKey('parameter', key);
      if (seenParams.has(key))
        throw invalid(
          `Duplicate parameter keys have been submitted: ['${key}']. Please ensure the request contains only one param value per param key.`,
        );
      seenParams.add(key);
      checkLength('Param value', 6000, value ?? '');
    }
    for (const { key, value } of tags) {
      checkKey('tag', key);
      checkLength('Tag value', 5000, value ?? '');
    }

    const run = this.runs.get(runId);
    if (!run) throw new MlflowFault(404, 'RESOURCE_DOES_NOT_EXIST', `Run with id=${runId} not found`);
    if (run.info.lifecycle_stage !== 'active')
      throw invalid(
        `The run ${runId} must be in the 'active' state. Current state is ${run.info.lifecycle_stage}.`,
      );
    for (const { key, value } of params) {
      const logged = run.params[key];
      if (logged !== undefined && logged !== (value ?? ''))
        throw invalid(
          `Changing param values is not allowed. Param with key='${key}' was already logged with value='${logged}' for run ID='${runId}'. Attempted logging new value '${value ?? ''}'.`,
        );
    }
    for (const { key, value } of params) run.params[key] = value ?? '';
    run.metrics.push(...checkedMetrics);
    for (const { key, value } of tags) {
      run.tags[key] = value ?? '';
      if (key === 'mlflow.runName') run.info.run_name = value ?? '';
    }
    return {};
  }

  private updateRun(fields: Record<string, unknown>) {
    allowOnly(fields, ['run_id', 'run_uuid', 'status', 'end_time', 'run_name']);
    const runId = optionalString(fields, 'run_id') || optionalString(fields, 'run_uuid');
    if (!runId) throw invalid(`Missing value for required parameter 'run_id'.${docsHint}`);
    const status = optionalString(fields, 'status');
    if (status !== undefined && !runStatuses.includes(status))
      throw invalid(`Invalid value ${JSON.stringify(status)} for parameter 'status' supplied.${docsHint}`);
    const endTime = optionalInt(fields, 'end_time');
    const runName = optionalString(fields, 'run_name');
    const run = this.runs.get(runId);
    if (!run) throw new MlflowFault(404, 'RESOURCE_DOES_NOT_EXIST', `Run with id=${runId} not found`);
    if (status !== undefined) run.info.status = status;
    if (endTime !== undefined) run.info.end_time = endTime;
    if (runName !== undefined) {
      run.info.run_name = runName;
      run.tags['mlflow.runName'] = runName;
    }
    return { run_info: run.info };
  }

  private runView(run: FakeRun) {
    return {
      info: run.info,
      data: {
        params: Object.entries(run.params).map(([key, value]) => ({ key, value })),
        tags: Object.entries(run.tags).map(([key, value]) => ({ key, value })),
        metrics: run.metrics,
      },
      inputs: {},
    };
  }
}

function allowOnly(fields: Record<string, unknown>, allowed: string[], prefix = ''): void {
  const unknown = Object.keys(fields).find((field) => !allowed.includes(field));
  if (unknown !== undefined) throw invalid(`Unknown field '${prefix}${unknown}' in the request.${docsHint}`);
}

function requiredString(fields: Record<string, unknown>, field: string): string {
  const value = fields[field];
  if (value === undefined || value === null || value === '')
    throw invalid(`Missing value for required parameter '${field}'.${docsHint}`);
  if (typeof value !== 'string') throw badType(field, value);
  return value;
}

function optionalString(fields: Record<string, unknown>, field: string): string | undefined {
  const value = fields[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badType(field, value);
  return value;
}

function optionalInt(fields: Record<string, unknown>, field: string): number | undefined {
  const value = fields[field];
  if (value === undefined || value === null) return undefined;
  const int = intOf(value);
  if (int === undefined) throw badType(field, value);
  return int;
}

function list(fields: Record<string, unknown>, field: string): unknown[] {
  const value = fields[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badType(field, value);
  return value;
}

/** Params and tags: `[{key, value}]`, key required, value a string when given. */
function keyValueList(
  fields: Record<string, unknown>,
  field: string,
): { key: string; value: string | undefined }[] {
  return list(fields, field).map((entry, index) => {
    if (!isRecord(entry)) throw badType(`${field}[${index}]`, entry);
    allowOnly(entry, ['key', 'value'], `${field}[${index}].`);
    const key = requiredString(entry, 'key');
    const value = optionalString(entry, 'value');
    return { key, value };
  });
}

function badType(field: string, value: unknown): MlflowFault {
  const type = Array.isArray(value) ? 'list' : typeof value;
  return invalid(
    `Invalid value ${JSON.stringify(value)} for parameter '${field}' supplied. Hint: Value was of type '${type}'.${docsHint}`,
  );
}

/** int64 in protobuf's JSON mapping: an integer number or a decimal string. */
function intOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return undefined;
}

/** double in protobuf's JSON mapping: a number, or "NaN", "Infinity", "-Infinity" (or a numeric string). */
function doubleOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

/** mlflow/utils/validation.py: `_validate_param_name` and friends, and the 250-character key limit. */
function checkKey(kind: string, key: string): void {
  if (!/^[/\p{L}\p{N}\p{M}\p{Pc}.\- ]*$/u.test(key))
    throw invalid(
      `Invalid ${kind} name: '${key}'. Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), and slashes (/).`,
    );
  const normalized = normalizePosix(key);
  if (normalized !== key || normalized === '.' || normalized.startsWith('..') || normalized.startsWith('/'))
    throw invalid(
      `Invalid ${kind} name: '${key}'. Names may be treated as files in certain cases, and must not resolve to other names when treated as such. This name would resolve to '${normalized}'`,
    );
  checkLength(`${kind[0]?.toUpperCase()}${kind.slice(1)} name`, 250, key);
}

function checkLength(what: string, limit: number, value: string): void {
  const length = Array.from(value).length;
  if (length > limit)
    throw invalid(
      `${what} '${value.slice(0, 250)}' had length ${length}, which exceeded length limit of ${limit}`,
    );
}

/** Python's posixpath.normpath. */
function normalizePosix(path: string): string {
  if (path === '') return '.';
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '..' || !absolute) parts.push(part);
  }
  const joined = parts.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
