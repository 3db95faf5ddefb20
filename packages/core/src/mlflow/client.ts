import * as z from 'zod';
import { firstLine, InputError, ServiceError } from '../errors';
import { BodyLimitError, bodyLimits, readBody, readBodyText } from '../io/bounded-body';
import { parseJson } from '../io/json';
import { type RetryPolicy, withRetries } from '../io/retry';
import type { Logger } from '../platform/platform';
import { maskUriCredentials } from '../report/mask-uri';

/**
 * A client for MLflow's REST API 2.0 (`<base>/api/2.0/mlflow/...`), over Node's global fetch.
 * Field names, limits and error codes follow MLflow's REST API reference (docs/api_reference/source/rest-api.rst)
 * and its server (mlflow/server/handlers.py, mlflow/utils/validation.py, mlflow/exceptions.py).
 * Tracking calls here; the model registry backends (registry/mlflow) call `call` and `transfer` directly.
 *
 * Auth comes from MLflow's own environment variables, so a CI job set up for the Python client works unchanged:
 * MLFLOW_TRACKING_TOKEN (Bearer) or MLFLOW_TRACKING_USERNAME + MLFLOW_TRACKING_PASSWORD (Basic).
 * Out of scope: MLFLOW_TRACKING_INSECURE_TLS and the client/server certificate variables — Node's fetch has no
 * per-request TLS switch without an extra dependency; a private CA works through Node's NODE_EXTRA_CA_CERTS.
 */

export const trackingUriForms = 'mlflow+http://HOST[:PORT][/PATH] or mlflow+https://HOST[:PORT][/PATH]';

export interface TrackingServer {
  /** Where the REST API and the UI live, without a trailing slash: `https://mlflow.example.com/prefix`. */
  baseUrl: string;
  /** `host[:port][/path]`, to name the server in messages. */
  label: string;
  /** True for localhost and loopback addresses. */
  loopback: boolean;
}

/**
 * `mlflow+http(s)://HOST[:PORT][/PATH]` to the server's base URL. The path is kept: servers behind a proxy
 * path (GitLab's `/api/v4/projects/:id/ml/mlflow`) answer under it. Credentials, queries and fragments are
 * refused: secrets belong in the environment variables, not in a URI that reports print.
 */
export function parseTrackingUri(uri: string): TrackingServer {
  // A password in the URI is not echoed back into logs.
  const shown = maskUriCredentials(uri);
  const invalid = (why: string) =>
    new InputError(`tracking: ${JSON.stringify(shown)} ${why}; expected ${trackingUriForms}`);
  const match = /^mlflow\+(https?):\/\/(.*)$/i.exec(uri);
  if (!match) throw invalid('is not an MLflow tracking URI');
  let url: URL;
  try {
    url = new URL(`${match[1]?.toLowerCase()}://${match[2]}`);
  } catch {
    throw invalid('is not a valid URL');
  }
  if (url.username !== '' || url.password !== '')
    throw invalid('contains credentials (set MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD)');
  if (url.search !== '' || url.hash !== '') throw invalid('has a query or fragment');
  const path = url.pathname.replace(/\/+$/, '');
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  return {
    baseUrl: `${url.protocol}//${url.host}${path}`,
    label: `${url.host}${path}`,
    loopback: hostname === 'localhost' || hostname === '::1' || /^127\./.test(hostname),
  };
}

type Credentials =
  | { kind: 'token'; header: string }
  | { kind: 'basic'; header: string; username: string }
  | { kind: 'none' };

function credentialsFrom(env: NodeJS.ProcessEnv): Credentials {
  const token = env.MLFLOW_TRACKING_TOKEN;
  if (token) return { kind: 'token', header: `Bearer ${token}` };
  const username = env.MLFLOW_TRACKING_USERNAME;
  const password = env.MLFLOW_TRACKING_PASSWORD;
  // MLflow's Python client ignores half a pair silently; a clear error saves a round of 401s.
  if (username && !password)
    throw new InputError('MLFLOW_TRACKING_USERNAME is set but MLFLOW_TRACKING_PASSWORD is not');
  if (password && !username)
    throw new InputError('MLFLOW_TRACKING_PASSWORD is set but MLFLOW_TRACKING_USERNAME is not');
  if (username && password) {
    const header = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    return { kind: 'basic', header, username };
  }
  return { kind: 'none' };
}

/** What was sent, for 401/403 messages: names the variables, never the secret. */
function describeCredentials(credentials: Credentials): string {
  switch (credentials.kind) {
    case 'token':
      return 'sent the token from MLFLOW_TRACKING_TOKEN';
    case 'basic':
      return `sent user "${credentials.username}" from MLFLOW_TRACKING_USERNAME/MLFLOW_TRACKING_PASSWORD`;
    case 'none':
      return 'sent no credentials: set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD';
  }
}

/**
 * A failed MLflow call, after retries: exit 3, one line naming the server, the endpoint and MLflow's
 * error_code/message. `status` is undefined when no HTTP answer came (network error, timeout).
 */
export class MlflowRequestError extends ServiceError {
  readonly status: number | undefined;
  readonly errorCode: string | undefined;
  constructor(
    message: string,
    status: number | undefined,
    errorCode: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.status = status;
    this.errorCode = errorCode;
  }
}

function isTransient(error: unknown): boolean {
  if (!(error instanceof MlflowRequestError)) return false;
  return error.status === undefined || error.status >= 500 || error.status === 429;
}

// --- Wire types (MLflow's field names) ---

export type MlflowRunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';

export interface MlflowParam {
  key: string;
  value: string;
}
export type MlflowTag = MlflowParam;
export interface MlflowMetric {
  key: string;
  value: number;
  /** Unix milliseconds. */
  timestamp: number;
  step: number;
}

export interface LogBatchContent {
  params: MlflowParam[];
  metrics: MlflowMetric[];
  tags: MlflowTag[];
}

export interface MlflowExperiment {
  experimentId: string;
  name: string;
  /** `active` or `deleted`. */
  lifecycleStage: string;
}

export interface MlflowRunInfo {
  runId: string;
  experimentId: string;
  /** An MlflowRunStatus; kept as the server's text. */
  status: string;
}

// int64 fields may come back as numbers or strings (protobuf's JSON mapping allows both); only ids are read here.
const experimentSchema = z.object({
  experiment_id: z.string(),
  name: z.string(),
  lifecycle_stage: z.string().default('active'),
});
const runInfoSchema = z.object({
  run_id: z.string(),
  experiment_id: z.string(),
  status: z.string().default('RUNNING'),
});
const getExperimentResponse = z.object({ experiment: experimentSchema });
const createExperimentResponse = z.object({ experiment_id: z.string() });
const createRunResponse = z.object({ run: z.object({ info: runInfoSchema }) });
const updateRunResponse = z.object({ run_info: runInfoSchema.partial().optional() });
const emptyResponse = z.object({});

const experimentOf = (wire: z.output<typeof experimentSchema>): MlflowExperiment => ({
  experimentId: wire.experiment_id,
  name: wire.name,
  lifecycleStage: wire.lifecycle_stage,
});
const runInfoOf = (wire: z.output<typeof runInfoSchema>): MlflowRunInfo => ({
  runId: wire.run_id,
  experimentId: wire.experiment_id,
  status: wire.status,
});

// --- Limits (mlflow/utils/validation.py; the REST reference, "Log Batch" > "Request Limits") ---

export const mlflowLimits = {
  paramsPerBatch: 100,
  tagsPerBatch: 100,
  metricsPerBatch: 1000,
  entriesPerBatch: 1000,
  /** A log-batch request body, JSON. Kept under 1 MB with room for the envelope. */
  batchBytes: 1_000_000,
  keyLength: 250,
  paramValueLength: 6000,
  /** MAX_TAG_VAL_LENGTH in validation.py; some newer servers take more, none less. */
  tagValueLength: 5000,
} as const;

/** Why MLflow would refuse a param, metric or tag key (validation.py: `_validate_param_name`), or undefined. */
export function mlflowKeyProblem(key: string): string | undefined {
  if (key === '') return 'is empty';
  if (key.length > mlflowLimits.keyLength) return `is longer than ${mlflowLimits.keyLength} characters`;
  // Python's \w on str: Unicode letters, digits, marks, connector punctuation.
  if (!/^[\p{L}\p{N}\p{M}\p{Pc}/.\- ]*$/u.test(key))
    return 'may only contain letters, digits, underscores, dashes, periods, spaces and slashes';
  // MLflow keeps keys as file names in some stores: a key must not normalize to another path.
  if (key.startsWith('..') || key.split('/').some((part) => part === '' || part === '.' || part === '..'))
    return 'must not start with "..", start or end with "/", or contain "//", "./" or "../" segments';
  return undefined;
}

/** Protobuf's JSON mapping spells non-finite doubles as strings; JSON.stringify would send null. */
function wireDouble(value: number): number | string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return value;
}

interface WireBatch {
  params: MlflowParam[];
  tags: MlflowTag[];
  metrics: { key: string; value: number | string; timestamp: number; step: number }[];
}

/**
 * Splits params, tags and metrics into log-batch requests within MLflow's limits (100 params, 100 tags,
 * 1000 metrics, 1000 entries, 1 MB each). Order within each kind is kept: MLflow writes metrics in request order.
 */
export function splitLogBatch(content: LogBatchContent): WireBatch[] {
  const batches: WireBatch[] = [];
  // run_id (a 32-hex id, longer for other servers) and the three array names.
  const envelopeBytes = 512;
  let current: WireBatch = { params: [], tags: [], metrics: [] };
  let bytes = envelopeBytes;
  const entries = () => current.params.length + current.tags.length + current.metrics.length;
  const add = <K extends keyof WireBatch>(kind: K, entry: WireBatch[K][number], limit: number) => {
    const size = Buffer.byteLength(JSON.stringify(entry)) + 1;
    if (
      current[kind].length >= limit ||
      entries() >= mlflowLimits.entriesPerBatch ||
      (entries() > 0 && bytes + size > mlflowLimits.batchBytes)
    ) {
      batches.push(current);
      current = { params: [], tags: [], metrics: [] };
      bytes = envelopeBytes;
    }
    (current[kind] as WireBatch[K][number][]).push(entry);
    bytes += size;
  };
  for (const param of content.params) add('params', param, mlflowLimits.paramsPerBatch);
  for (const tag of content.tags) add('tags', tag, mlflowLimits.tagsPerBatch);
  for (const metric of content.metrics)
    add('metrics', { ...metric, value: wireDouble(metric.value) }, mlflowLimits.metricsPerBatch);
  if (entries() > 0) batches.push(current);
  return batches;
}

export interface MlflowClientOptions {
  env: NodeJS.ProcessEnv;
  logger: Logger;
  retry?: RetryPolicy;
  /** Per attempt; a request that gets no answer in time is retried like a network error. Default 30 s. */
  timeoutMs?: number;
}

export class MlflowClient {
  readonly server: TrackingServer;
  private readonly credentials: Credentials;
  private readonly logger: Logger;
  private readonly retry: RetryPolicy;
  /** For a request's answer, and again for its body when read into memory. */
  readonly timeoutMs: number;

  /** Throws InputError for a bad URI or half a username/password pair, before any request. */
  constructor(uri: string, options: MlflowClientOptions) {
    this.server = parseTrackingUri(uri);
    this.credentials = credentialsFrom(options.env);
    this.logger = options.logger;
    this.retry = options.retry ?? {};
    this.timeoutMs = options.timeoutMs ?? 30_000;
    if (this.credentials.kind !== 'none' && !this.server.loopback && this.server.baseUrl.startsWith('http:'))
      this.logger.warn(`MLflow credentials go to ${this.server.label} over plain HTTP: use mlflow+https://`);
  }

  /**
   * The run's page in the MLflow UI, which MLflow serves at the tracking base URL. Servers that only speak
   * the REST API under a path (GitLab) show runs on their own pages: the link is then only an address.
   */
  runUrl(experimentId: string, runId: string): string {
    return `${this.server.baseUrl}/#/experiments/${encodeURIComponent(experimentId)}/runs/${encodeURIComponent(runId)}`;
  }

  /** The experiment of that name (MLflow prefers an active one over a deleted one), or undefined. */
  async getExperimentByName(name: string): Promise<MlflowExperiment | undefined> {
    try {
      const response = await this.call(
        'GET',
        'experiments/get-by-name',
        { experiment_name: name },
        getExperimentResponse,
      );
      return experimentOf(response.experiment);
    } catch (error) {
      if (error instanceof MlflowRequestError && error.errorCode === 'RESOURCE_DOES_NOT_EXIST')
        return undefined;
      throw error;
    }
  }

  /** Creates the experiment; its id. Throws MlflowRequestError RESOURCE_ALREADY_EXISTS when the name is taken. */
  async createExperiment(name: string): Promise<string> {
    const response = await this.call('POST', 'experiments/create', { name }, createExperimentResponse);
    return response.experiment_id;
  }

  /**
   * The active experiment of that name, created when missing. Two jobs creating it at once: the loser gets
   * RESOURCE_ALREADY_EXISTS and reads the winner's. A deleted experiment is an error: MLflow refuses runs in it.
   */
  async getOrCreateExperiment(name: string): Promise<MlflowExperiment & { created: boolean }> {
    let experiment = await this.getExperimentByName(name);
    let created = false;
    if (!experiment) {
      try {
        const experimentId = await this.createExperiment(name);
        experiment = { experimentId, name, lifecycleStage: 'active' };
        created = true;
      } catch (error) {
        if (!(error instanceof MlflowRequestError && error.errorCode === 'RESOURCE_ALREADY_EXISTS'))
          throw error;
        experiment = await this.getExperimentByName(name);
        if (!experiment) throw error;
      }
    }
    if (experiment.lifecycleStage !== 'active')
      throw new ServiceError(
        `MLflow at ${this.server.label}: experiment "${name}" (id ${experiment.experimentId}) is ${experiment.lifecycleStage}; restore it in MLflow or choose another experiment name`,
      );
    return { ...experiment, created };
  }

  /**
   * A new run in RUNNING state. Retried on 5xx like every call: a lost answer to a create that did succeed
   * leaves an extra empty run in RUNNING state (MLflow has no idempotency key); that is the accepted cost.
   */
  async createRun(request: {
    experimentId: string;
    runName?: string;
    /** Unix milliseconds. */
    startTime: number;
  }): Promise<MlflowRunInfo> {
    const body: Record<string, unknown> = {
      experiment_id: request.experimentId,
      start_time: Math.trunc(request.startTime),
    };
    if (request.runName !== undefined) body.run_name = request.runName;
    const response = await this.call('POST', 'runs/create', body, createRunResponse);
    return runInfoOf(response.run.info);
  }

  /**
   * The batch as MLflow will take it: keys MLflow would refuse (or a param key twice) are an InputError;
   * values over MLflow's length limits are cut, with a warning, as MLflow's own client does. Idempotent.
   */
  checkBatch(content: LogBatchContent): LogBatchContent {
    for (const metric of content.metrics) {
      const problem = mlflowKeyProblem(metric.key);
      if (problem) throw new InputError(`metric "${metric.key}": MLflow refuses this key: it ${problem}`);
    }
    return {
      params: this.checkedEntries('param', content.params, mlflowLimits.paramValueLength),
      tags: this.checkedEntries('tag', content.tags, mlflowLimits.tagValueLength),
      metrics: content.metrics.map((metric) => ({
        ...metric,
        timestamp: Math.trunc(metric.timestamp),
        step: Math.trunc(metric.step),
      })),
    };
  }

  /**
   * Logs params, metrics and tags (checked by checkBatch) in as many log-batch requests as MLflow's limits
   * need. A retried batch may log its metrics twice (same value, timestamp and step); params and tags are
   * idempotent.
   */
  async logBatch(runId: string, content: LogBatchContent): Promise<void> {
    for (const batch of splitLogBatch(this.checkBatch(content))) {
      await this.call('POST', 'runs/log-batch', { run_id: runId, ...batch }, emptyResponse);
    }
  }

  /** Sets the run's status and end time. `retry` overrides the client's policy (e.g. one attempt, best effort). */
  async updateRun(
    runId: string,
    update: { status: MlflowRunStatus; endTime?: number },
    retry?: RetryPolicy,
  ): Promise<void> {
    const body: Record<string, unknown> = { run_id: runId, status: update.status };
    if (update.endTime !== undefined) body.end_time = Math.trunc(update.endTime);
    await this.call('POST', 'runs/update', body, updateRunResponse, retry);
  }

  private checkedEntries(kind: 'param' | 'tag', entries: MlflowParam[], valueLimit: number): MlflowParam[] {
    const seen = new Set<string>();
    return entries.map(({ key, value }) => {
      const problem = mlflowKeyProblem(key);
      if (problem) throw new InputError(`${kind} "${key}": MLflow refuses this key: it ${problem}`);
      // MLflow refuses a batch with the same param key twice, even with the same value.
      if (kind === 'param' && seen.has(key)) throw new InputError(`param "${key}" is given twice`);
      seen.add(key);
      const codePoints = value.length > valueLimit ? Array.from(value) : undefined;
      if (codePoints && codePoints.length > valueLimit) {
        this.logger.warn(
          `MLflow ${kind} "${key}": value of ${codePoints.length} characters cut to MLflow's limit of ${valueLimit}`,
        );
        return { key, value: codePoints.slice(0, valueLimit).join('') };
      }
      return { key, value };
    });
  }

  /**
   * One REST call, `endpoint` relative to `<base>/api/2.0/mlflow/`: GET sends the payload as query parameters,
   * the other methods as a JSON body (MLflow's server reads DELETE and PATCH bodies like POST's). Retried on
   * 5xx, 429 and network errors; the answer is checked against `schema`. Used by the model registry backends.
   */
  async call<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    endpoint: string,
    payload: Record<string, unknown>,
    schema: z.ZodType<T>,
    retry: RetryPolicy = this.retry,
  ): Promise<T> {
    const path = `/api/2.0/mlflow/${endpoint}`;
    const where = `MLflow at ${this.server.label}: ${method} ${path}`;
    let url = `${this.server.baseUrl}${path}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.credentials.kind !== 'none') headers.authorization = this.credentials.header;
    let body: string | undefined;
    if (method === 'GET') {
      url += `?${new URLSearchParams(payload as Record<string, string>)}`;
    } else {
      // MLflow refuses POSTs without this content type.
      headers['content-type'] = 'application/json';
      body = JSON.stringify(payload);
    }

    const attempt = async (): Promise<T> => {
      let status: number;
      let text: string;
      try {
        const response = await fetch(url, {
          method,
          headers,
          body,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        status = response.status;
        text = await readBodyText(response, {
          maxBytes: status >= 200 && status <= 299 ? bodyLimits.json : bodyLimits.error,
          deadlineMs: this.timeoutMs,
          what: where,
        });
      } catch (error) {
        if (error instanceof BodyLimitError) throw error;
        throw new MlflowRequestError(
          `${where} failed: ${networkProblem(error, this.timeoutMs)}`,
          undefined,
          undefined,
          {
            cause: error,
          },
        );
      }
      if (status < 200 || status > 299) throw this.responseError(where, status, text);
      let json: unknown;
      try {
        json = text.trim() === '' ? {} : parseJson(text, where, 'service');
      } catch {
        throw new MlflowRequestError(
          `${where} answered ${status} with a body that is not JSON`,
          status,
          undefined,
        );
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new MlflowRequestError(
          `${where} answered ${status} with an unexpected body (${issue?.path.join('.') || 'body'}: ${issue?.message})`,
          status,
          undefined,
        );
      }
      return parsed.data;
    };

    this.logger.debug(`${method} ${url}`);
    return withRetries(attempt, isTransient, retry, (error, attemptNumber) =>
      this.logger.info(`${firstLine(error)}; retry ${attemptNumber}`),
    );
  }

  /**
   * A raw transfer (the artifact proxy `<base>/api/2.0/mlflow-artifacts/artifacts/<path>`, or an artifact URL the
   * server gave, such as GitLab's package files): retried like `call` until an answer arrives; an answer that is
   * not 2xx is an MlflowRequestError. `body` is called once per attempt, so a stream is opened afresh for a
   * retry. Credentials go only to the tracking server's own origin. The caller reads the returned body; the
   * timeout covers the wait for the answer's headers, not the transfer of a large file.
   */
  async transfer(
    method: 'GET' | 'PUT',
    url: string,
    body?: () => { body: NonNullable<RequestInit['body']>; length: number },
  ): Promise<Response> {
    const target = new URL(url);
    const where = `MLflow at ${this.server.label}: ${method} ${target.pathname}`;
    const headers: Record<string, string> = {};
    if (this.credentials.kind !== 'none' && target.origin === new URL(this.server.baseUrl).origin)
      headers.authorization = this.credentials.header;
    const attempt = async (): Promise<Response> => {
      const controller = new AbortController();
      const timer = setTimeout(
        () => controller.abort(new DOMException('timed out', 'TimeoutError')),
        this.timeoutMs,
      );
      let response: Response;
      try {
        const content = body?.();
        if (content) {
          headers['content-type'] = 'application/octet-stream';
          headers['content-length'] = String(content.length);
        }
        response = await fetch(target, {
          method,
          headers,
          body: content?.body,
          signal: controller.signal,
          ...(content ? { duplex: 'half' } : {}),
        } as RequestInit);
      } catch (error) {
        throw new MlflowRequestError(
          `${where} failed: ${networkProblem(error, this.timeoutMs)}`,
          undefined,
          undefined,
          { cause: error },
        );
      } finally {
        clearTimeout(timer);
      }
      if (response.status < 200 || response.status > 299) {
        const detail = await readBody(response, {
          maxBytes: bodyLimits.error,
          deadlineMs: this.timeoutMs,
          what: where,
        }).catch(() => Buffer.alloc(0));
        throw this.responseError(where, response.status, detail.toString('utf8'));
      }
      return response;
    };
    this.logger.debug(`${method} ${target.href}`);
    return withRetries(attempt, isTransient, this.retry, (error, attemptNumber) =>
      this.logger.info(`${firstLine(error)}; retry ${attemptNumber}`),
    );
  }

  /** A GET through transfer with its body read into memory: at most maxBytes, within the client's timeout. */
  async getBytes(url: string, maxBytes: number): Promise<Buffer> {
    const response = await this.transfer('GET', url);
    return readBody(response, {
      maxBytes,
      deadlineMs: this.timeoutMs,
      what: `MLflow at ${this.server.label}: GET ${new URL(url).pathname}`,
    });
  }

  private responseError(where: string, status: number, text: string): MlflowRequestError {
    let errorCode: string | undefined;
    let message: string | undefined;
    try {
      const json = parseJson(text, where, 'service') as { error_code?: unknown; message?: unknown };
      if (typeof json.error_code === 'string') errorCode = json.error_code;
      if (typeof json.message === 'string') message = firstLine(json.message);
    } catch {
      // A proxy's HTML or text page: its first line says enough.
      message = text.trim() === '' ? undefined : firstLine(text).slice(0, 200);
    }
    const detail = [errorCode, message].filter(Boolean).join(': ');
    let line = `${where} failed with HTTP ${status}${detail ? ` ${detail}` : ''}`;
    if (status === 401 || status === 403) line += ` (${describeCredentials(this.credentials)})`;
    return new MlflowRequestError(line, status, errorCode);
  }
}

function networkProblem(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: unknown } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  // fetch reports "fetch failed" and keeps the reason (ECONNREFUSED, ENOTFOUND, a TLS error) in the cause.
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return `unreachable (${cause.code})`;
  if (typeof cause?.message === 'string') return `unreachable (${firstLine(cause.message)})`;
  return `unreachable (${firstLine(error)})`;
}
