import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for the MLflow tracking server: exactly the REST API 2.0 endpoints mlci calls
 * (experiments/get-by-name, experiments/create, runs/create, runs/log-batch, runs/update, runs/get; the model
 * registry's registered-models/* and model-versions/* without stages; the `mlflow-artifacts` proxy), state in
 * memory. With `gitlab: true` it answers as GitLab's MLflow-compatible API instead (see FakeMlflowOptions).
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
  /**
   * Answer as GitLab's MLflow-compatible API does (lib/api/ml/mlflow/*.rb, its entities and its MLflow client
   * docs): only the endpoints GitLab has, versions by semantic version (`gitlab.version` tag) with GitLab's id in
   * `version` and the semantic version in `aliases`, no alias writes, no tag writes, files uploaded to the
   * version's package (`/api/v4/projects/:id/packages/ml_models/:version_id/files/:name`) and read back through
   * `mlflow-artifacts/artifacts`. Needs pathPrefix `/api/v4/projects/<id>/ml/mlflow`.
   */
  gitlab?: boolean;
}

/** A registered model as the fake keeps it. */
export interface FakeRegisteredModel {
  name: string;
  description: string;
  creation_timestamp: number;
  last_updated_timestamp: number;
  tags: Record<string, string>;
  /** Alias -> version. */
  aliases: Map<string, string>;
  versions: FakeModelVersion[];
}

export interface FakeModelVersion {
  name: string;
  /** MLflow: 1, 2, …; GitLab: its own id. */
  version: string;
  /** GitLab only. */
  semver?: string;
  creation_timestamp: number;
  source: string;
  run_id: string;
  description: string;
  tags: Record<string, string>;
}

const trackingEndpoints = [
  'GET experiments/get-by-name',
  'POST experiments/create',
  'POST runs/create',
  'POST runs/log-batch',
  'POST runs/update',
  'GET runs/get',
];
/** MLflow's model registry (REST reference, "Model Registry"); stages left out (deprecated). */
const mlflowRegistryEndpoints = [
  'POST registered-models/create',
  'GET registered-models/get',
  'GET registered-models/search',
  'POST registered-models/set-tag',
  'POST registered-models/alias',
  'DELETE registered-models/alias',
  'GET registered-models/alias',
  'POST model-versions/create',
  'GET model-versions/get',
  'GET model-versions/search',
  'POST model-versions/set-tag',
];
/** What GitLab's lib/api/ml/mlflow/registered_models.rb and model_versions.rb route. */
const gitlabRegistryEndpoints = [
  'POST registered-models/create',
  'GET registered-models/get',
  'GET registered-models/search',
  'PATCH registered-models/update',
  'POST registered-models/get-latest-versions',
  'POST model-versions/create',
  'GET model-versions/get',
];

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
  readonly models = new Map<string, FakeRegisteredModel>();
  /** Artifact path (relative to the artifact root; GitLab: `<version id>/<name>`) -> content. */
  readonly artifacts = new Map<string, Buffer>();
  readonly gitlab: boolean;
  private nextGitlabVersionId = 100;

  constructor(options: FakeMlflowOptions = {}) {
    this.prefix = (options.pathPrefix ?? '').replace(/\/+$/, '');
    this.gitlab = options.gitlab ?? false;
    if (this.gitlab && !/^\/api\/v4\/projects\/[^/]+\/ml\/mlflow$/.test(this.prefix))
      throw new Error('a GitLab fake needs pathPrefix /api/v4/projects/<id>/ml/mlflow');
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
    const bytes = await readBody(request);
    const raw = bytes.toString('utf8');
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
    const send = (status: number, body: string | Buffer, headers: Record<string, string> = {}) => {
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
    if (this.serveArtifacts(request.method ?? 'GET', url, bytes, send, sendError)) return;
    const known = [
      ...trackingEndpoints,
      ...(this.gitlab ? gitlabRegistryEndpoints : mlflowRegistryEndpoints),
    ].filter((entry) => entry.endsWith(` ${endpoint}`));
    if (endpoint === undefined || known.length === 0)
      return sendError(new MlflowFault(404, 'ENDPOINT_NOT_FOUND', `No API endpoint at ${url.pathname}`));
    if (!known.includes(`${request.method} ${endpoint}`))
      return send(405, 'Method Not Allowed', { 'content-type': 'text/plain' });
    const method = request.method as string;

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
      send(200, JSON.stringify(this.serve(`${method} ${endpoint}`, fields, raw, url)));
    } catch (error) {
      if (error instanceof MlflowFault) return sendError(error);
      sendError(new MlflowFault(500, 'INTERNAL_ERROR', String(error)));
    }
  }

  private serve(route: string, fields: Record<string, unknown>, raw: string, url: URL): unknown {
    switch (route) {
      case 'GET experiments/get-by-name':
        return this.getExperimentByName(fields);
      case 'POST experiments/create':
        return this.createExperiment(fields);
      case 'POST runs/create':
        return this.createRun(fields);
      case 'POST runs/log-batch':
        return this.logBatch(fields, raw);
      case 'POST runs/update':
        return this.updateRun(fields);
      case 'GET runs/get':
        return this.getRun(fields, url);
      default:
        return this.serveRegistry(route, fields);
    }
  }

  // --- Model registry ---

  /** The model, or RESOURCE_DOES_NOT_EXIST as MLflow's store words it. */
  private model(name: string): FakeRegisteredModel {
    const model = this.models.get(name);
    if (!model)
      throw new MlflowFault(404, 'RESOURCE_DOES_NOT_EXIST', `Registered Model with name=${name} not found`);
    return model;
  }

  private modelVersion(name: string, version: string): FakeModelVersion {
    const found = this.model(name).versions.find((each) =>
      this.gitlab ? each.semver === version : each.version === version,
    );
    if (!found)
      throw new MlflowFault(
        404,
        'RESOURCE_DOES_NOT_EXIST',
        `Model Version (name=${name}, version=${version}) not found`,
      );
    return found;
  }

  private versionView(version: FakeModelVersion) {
    const model = this.model(version.name);
    const tags = Object.entries(version.tags).map(([key, value]) => ({ key, value }));
    if (this.gitlab)
      // lib/api/entities/ml/mlflow/model_version.rb: GitLab's id as `version`, the semantic version in aliases.
      return {
        name: version.name,
        version: version.version,
        creation_timestamp: Math.floor(version.creation_timestamp / 1000),
        last_updated_timestamp: Math.floor(version.creation_timestamp / 1000),
        user_id: null,
        current_stage: 'development',
        description: version.description,
        source: `http://gitlab.example/models/${version.version}`,
        run_id: version.run_id,
        status: 'READY',
        status_message: '',
        tags,
        run_link: '',
        aliases: [version.semver],
      };
    return {
      name: version.name,
      version: version.version,
      creation_timestamp: version.creation_timestamp,
      last_updated_timestamp: version.creation_timestamp,
      current_stage: 'None',
      description: version.description,
      source: version.source,
      run_id: version.run_id,
      status: 'READY',
      tags,
      aliases: [...model.aliases].filter(([, target]) => target === version.version).map(([alias]) => alias),
    };
  }

  private modelView(model: FakeRegisteredModel) {
    const view: Record<string, unknown> = {
      name: model.name,
      creation_timestamp: model.creation_timestamp,
      last_updated_timestamp: model.last_updated_timestamp,
      description: model.description,
      tags: Object.entries(model.tags).map(([key, value]) => ({ key, value })),
    };
    if (!this.gitlab) view.aliases = [...model.aliases].map(([alias, version]) => ({ alias, version }));
    return view;
  }

  private serveRegistry(route: string, fields: Record<string, unknown>): unknown {
    switch (route) {
      case 'POST registered-models/create': {
        allowOnly(fields, ['name', 'tags', 'description']);
        const name = requiredString(fields, 'name');
        const tags = keyValueList(fields, 'tags');
        if (this.models.has(name))
          throw new MlflowFault(
            400,
            'RESOURCE_ALREADY_EXISTS',
            this.gitlab ? '' : `Registered Model (name=${name}) already exists.`,
          );
        const now = Date.now();
        const model: FakeRegisteredModel = {
          name,
          description: optionalString(fields, 'description') ?? '',
          creation_timestamp: now,
          last_updated_timestamp: now,
          // GitLab's docs: "create_registered_model argument tags is ignored".
          tags: this.gitlab ? {} : Object.fromEntries(tags.map(({ key, value }) => [key, value ?? ''])),
          aliases: new Map(),
          versions: [],
        };
        this.models.set(name, model);
        return { registered_model: this.modelView(model) };
      }
      case 'GET registered-models/get':
        allowOnly(fields, ['name']);
        return { registered_model: this.modelView(this.model(requiredString(fields, 'name'))) };
      case 'GET registered-models/search': {
        allowOnly(fields, ['filter', 'max_results', 'order_by', 'page_token']);
        const max = optionalInt(fields, 'max_results') ?? 100;
        if (max > 1000)
          throw invalid(`Invalid value for max_results. It must be at most 1000, but got ${max}`);
        const start = Number(optionalString(fields, 'page_token') ?? '0');
        const all = [...this.models.values()].sort((a, b) => a.name.localeCompare(b.name));
        const page = all.slice(start, start + max);
        const next = start + max < all.length ? String(start + max) : undefined;
        return {
          registered_models: page.map((model) => this.modelView(model)),
          ...(next ? { next_page_token: next } : {}),
        };
      }
      case 'POST registered-models/set-tag': {
        allowOnly(fields, ['name', 'key', 'value']);
        const model = this.model(requiredString(fields, 'name'));
        const key = requiredString(fields, 'key');
        checkKey('tag', key);
        const value = optionalString(fields, 'value') ?? '';
        checkLength('Tag value', 5000, value);
        model.tags[key] = value;
        return {};
      }
      case 'PATCH registered-models/update': {
        const model = this.model(optionalString(fields, 'name') ?? '');
        model.description = optionalString(fields, 'description') ?? '';
        model.last_updated_timestamp = Date.now();
        return { registered_model: this.modelView(model) };
      }
      case 'POST registered-models/get-latest-versions': {
        const model = this.model(optionalString(fields, 'name') ?? '');
        // GitLab: `[model.latest_version]`, the highest semantic version.
        const latest = [...model.versions].sort((a, b) => compareSemver(b.semver ?? '', a.semver ?? ''))[0];
        return { model_versions: latest ? [this.versionView(latest)] : [] };
      }
      case 'POST registered-models/alias': {
        allowOnly(fields, ['name', 'alias', 'version']);
        const name = requiredString(fields, 'name');
        const alias = requiredString(fields, 'alias');
        const version = requiredString(fields, 'version');
        if (alias.toLowerCase() === 'latest' || /^v\d+$/i.test(alias))
          throw invalid(`'${alias}' is a reserved alias name.`);
        this.modelVersion(name, version);
        this.model(name).aliases.set(alias, version);
        return {};
      }
      case 'DELETE registered-models/alias': {
        allowOnly(fields, ['name', 'alias']);
        this.model(requiredString(fields, 'name')).aliases.delete(requiredString(fields, 'alias'));
        return {};
      }
      case 'GET registered-models/alias': {
        allowOnly(fields, ['name', 'alias']);
        const name = requiredString(fields, 'name');
        const alias = requiredString(fields, 'alias');
        const version = this.models.get(name)?.aliases.get(alias);
        if (version === undefined) throw invalid(`Registered model alias ${alias} not found.`);
        return { model_version: this.versionView(this.modelVersion(name, version)) };
      }
      case 'POST model-versions/create':
        return this.createModelVersion(fields);
      case 'GET model-versions/get': {
        allowOnly(fields, ['name', 'version']);
        const found = this.modelVersion(requiredString(fields, 'name'), requiredString(fields, 'version'));
        return { model_version: this.versionView(found) };
      }
      case 'GET model-versions/search': {
        allowOnly(fields, ['filter', 'max_results', 'order_by', 'page_token']);
        const filter = optionalString(fields, 'filter') ?? '';
        // The one filter mlci sends; MLflow's grammar has more.
        const match = /^name\s*=\s*'([^']*)'$/.exec(filter.trim());
        if (filter !== '' && !match) throw invalid(`Invalid filter '${filter}'`);
        const max = optionalInt(fields, 'max_results') ?? 10000;
        if (max > 200_000) throw invalid(`Invalid value for max_results: ${max}`);
        const start = Number(optionalString(fields, 'page_token') ?? '0');
        const all = [...this.models.values()]
          .filter((model) => !match || model.name === match[1])
          .flatMap((model) => model.versions)
          .sort((a, b) => Number(b.version) - Number(a.version));
        const page = all.slice(start, start + max);
        const next = start + max < all.length ? String(start + max) : undefined;
        return {
          model_versions: page.map((version) => this.versionView(version)),
          ...(next ? { next_page_token: next } : {}),
        };
      }
      case 'POST model-versions/set-tag': {
        allowOnly(fields, ['name', 'version', 'key', 'value']);
        const found = this.modelVersion(requiredString(fields, 'name'), requiredString(fields, 'version'));
        const key = requiredString(fields, 'key');
        checkKey('tag', key);
        const value = optionalString(fields, 'value') ?? '';
        checkLength('Tag value', 5000, value);
        found.tags[key] = value;
        return {};
      }
      default:
        throw new MlflowFault(404, 'ENDPOINT_NOT_FOUND', `No API endpoint for ${route}`);
    }
  }

  private createModelVersion(fields: Record<string, unknown>) {
    allowOnly(fields, ['name', 'source', 'run_id', 'tags', 'run_link', 'description', 'model_id']);
    const name = requiredString(fields, 'name');
    const tags = Object.fromEntries(keyValueList(fields, 'tags').map(({ key, value }) => [key, value ?? '']));
    const model = this.model(name);
    const now = Date.now();
    if (this.gitlab) {
      // GitLab ignores source and run_id; `gitlab.version` sets the semantic version, else it auto-increments.
      const latest = [...model.versions].sort((a, b) => compareSemver(b.semver ?? '', a.semver ?? ''))[0];
      const semver =
        tags['gitlab.version'] ?? (latest ? `${Number(latest.semver?.split('.')[0]) + 1}.0.0` : '1.0.0');
      if (!/^[0-9]+\.[0-9]+\.[0-9]+$/.test(semver)) throw invalid('Version must be semantic version');
      if (model.versions.some((each) => each.semver === semver))
        throw invalid('Version has already been taken');
      const id = String(this.nextGitlabVersionId++);
      const run = this.createRun({ experiment_id: '0', run_name: `${name}-${semver}` });
      const runId = run.run.info.run_id;
      const { port } = this.server.address() as AddressInfo;
      const projectId = /projects\/([^/]+)\//.exec(this.prefix)?.[1];
      // The version's run uploads to the version's package.
      (this.runs.get(runId) as FakeRun).info.artifact_uri =
        `http://127.0.0.1:${port}/api/v4/projects/${projectId}/packages/ml_models/${id}/files/`;
      const version: FakeModelVersion = {
        name,
        version: id,
        semver,
        creation_timestamp: now,
        source: '',
        run_id: runId,
        description: optionalString(fields, 'description') ?? '',
        tags,
      };
      model.versions.push(version);
      return { model_version: this.versionView(version) };
    }
    const source = requiredString(fields, 'source');
    if (source.split('/').includes('..')) throw invalid(`Invalid model version source: '${source}'.`);
    const number = String(Math.max(0, ...model.versions.map((each) => Number(each.version))) + 1);
    const version: FakeModelVersion = {
      name,
      version: number,
      creation_timestamp: now,
      source,
      run_id: optionalString(fields, 'run_id') ?? '',
      description: optionalString(fields, 'description') ?? '',
      tags,
    };
    model.versions.push(version);
    return { model_version: this.versionView(version) };
  }

  private getRun(fields: Record<string, unknown>, _url: URL) {
    allowOnly(fields, ['run_id', 'run_uuid']);
    const runId = optionalString(fields, 'run_id') || optionalString(fields, 'run_uuid') || '';
    const run = this.runs.get(runId);
    if (!run) throw new MlflowFault(404, 'RESOURCE_DOES_NOT_EXIST', `Run with id=${runId} not found`);
    return { run: this.runView(run) };
  }

  /**
   * The artifact proxy (`<prefix>/api/2.0/mlflow-artifacts/artifacts[/<path>]`: PUT raw bytes, GET them, GET
   * `?path=` lists a directory) and, for GitLab, its package upload. True when the request was one of these.
   */
  private serveArtifacts(
    method: string,
    url: URL,
    bytes: Buffer,
    send: (status: number, body: string | Buffer, headers?: Record<string, string>) => void,
    sendError: (fault: MlflowFault) => void,
  ): boolean {
    const packageMatch = /^\/api\/v4\/projects\/[^/]+\/packages\/ml_models\/([0-9]+)\/files\/(.+)$/.exec(
      url.pathname,
    );
    if (this.gitlab && packageMatch) {
      if (method !== 'PUT') {
        send(405, 'Method Not Allowed', { 'content-type': 'text/plain' });
        return true;
      }
      const [, id, name] = packageMatch;
      if (!id || !name || !this.gitlabVersionById(id)) {
        send(404, '{"message":"404 Not Found"}');
        return true;
      }
      // GitLab's docs: log_artifact "does not support directories".
      if (decodeURIComponent(name).includes('/')) {
        send(400, '{"message":"file name invalid"}');
        return true;
      }
      this.artifacts.set(`${id}/${decodeURIComponent(name)}`, bytes);
      send(201, '{"message":"201 Created"}');
      return true;
    }
    const root = `${this.prefix}/api/2.0/mlflow-artifacts/artifacts`;
    if (url.pathname !== root && !url.pathname.startsWith(`${root}/`)) return false;
    const path = url.pathname
      .slice(root.length + 1)
      .split('/')
      .map(decodeURIComponent)
      .join('/');
    if (path.split('/').some((part) => part === '..' || part === '.')) {
      sendError(invalid(`Invalid path: ${path}`));
      return true;
    }
    if (method === 'PUT' && !this.gitlab && path !== '') {
      this.artifacts.set(path, bytes);
      send(200, '{}');
      return true;
    }
    if (method !== 'GET') {
      send(405, 'Method Not Allowed', { 'content-type': 'text/plain' });
      return true;
    }
    if (path === '') {
      const directory = (url.searchParams.get('path') ?? '').replace(/\/+$/, '');
      if (this.gitlab && !this.gitlabVersionById(directory)) {
        sendError(new MlflowFault(404, 'RESOURCE_DOES_NOT_EXIST', ''));
        return true;
      }
      const prefix = directory === '' ? '' : `${directory}/`;
      const entries = new Map<string, { path: string; is_dir: boolean; file_size?: number }>();
      for (const [key, content] of this.artifacts) {
        if (!key.startsWith(prefix)) continue;
        const [first, ...rest] = key.slice(prefix.length).split('/');
        const entryPath = `${prefix}${first}`;
        entries.set(
          entryPath,
          rest.length > 0
            ? { path: entryPath, is_dir: true }
            : { path: entryPath, is_dir: false, file_size: content.length },
        );
      }
      send(200, JSON.stringify(entries.size > 0 ? { files: [...entries.values()] } : {}));
      return true;
    }
    const content = this.artifacts.get(path);
    if (!content) {
      sendError(new MlflowFault(404, 'RESOURCE_DOES_NOT_EXIST', `File ${path} does not exist`));
      return true;
    }
    send(200, content, { 'content-type': 'application/octet-stream' });
    return true;
  }

  private gitlabVersionById(id: string): FakeModelVersion | undefined {
    for (const model of this.models.values()) {
      const found = model.versions.find((version) => version.version === id);
      if (found) return found;
    }
    return undefined;
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

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function compareSemver(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
