#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  object,
  string
} from "./chunk-2GFZTZLN.mjs";
import {
  withRetries
} from "./chunk-Q2OW4E5W.mjs";
import {
  BodyLimitError,
  bodyLimits,
  readBody,
  readBodyText
} from "./chunk-7YFYVVS2.mjs";
import {
  parseJson
} from "./chunk-COETP6OK.mjs";
import {
  InputError,
  ServiceError,
  firstLine,
  maskUriCredentials
} from "./chunk-C6XSGGFY.mjs";

// packages/core/src/mlflow/client.ts
var trackingUriForms = "mlflow+http://HOST[:PORT][/PATH] or mlflow+https://HOST[:PORT][/PATH]";
function parseTrackingUri(uri) {
  const shown = maskUriCredentials(uri);
  const invalid = (why) => new InputError(`tracking: ${JSON.stringify(shown)} ${why}; expected ${trackingUriForms}`);
  const match = /^mlflow\+(https?):\/\/(.*)$/i.exec(uri);
  if (!match) throw invalid("is not an MLflow tracking URI");
  let url;
  try {
    url = new URL(`${match[1]?.toLowerCase()}://${match[2]}`);
  } catch {
    throw invalid("is not a valid URL");
  }
  if (url.username !== "" || url.password !== "")
    throw invalid("contains credentials (set MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD)");
  if (url.search !== "" || url.hash !== "") throw invalid("has a query or fragment");
  const path = url.pathname.replace(/\/+$/, "");
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  return {
    baseUrl: `${url.protocol}//${url.host}${path}`,
    label: `${url.host}${path}`,
    loopback: hostname === "localhost" || hostname === "::1" || /^127\./.test(hostname)
  };
}
function credentialsFrom(env) {
  const token = env.MLFLOW_TRACKING_TOKEN;
  if (token) return { kind: "token", header: `Bearer ${token}` };
  const username = env.MLFLOW_TRACKING_USERNAME;
  const password = env.MLFLOW_TRACKING_PASSWORD;
  if (username && !password)
    throw new InputError("MLFLOW_TRACKING_USERNAME is set but MLFLOW_TRACKING_PASSWORD is not");
  if (password && !username)
    throw new InputError("MLFLOW_TRACKING_PASSWORD is set but MLFLOW_TRACKING_USERNAME is not");
  if (username && password) {
    const header = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
    return { kind: "basic", header, username };
  }
  return { kind: "none" };
}
function describeCredentials(credentials) {
  switch (credentials.kind) {
    case "token":
      return "sent the token from MLFLOW_TRACKING_TOKEN";
    case "basic":
      return `sent user "${credentials.username}" from MLFLOW_TRACKING_USERNAME/MLFLOW_TRACKING_PASSWORD`;
    case "none":
      return "sent no credentials: set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD";
  }
}
var MlflowRequestError = class extends ServiceError {
  status;
  errorCode;
  constructor(message, status, errorCode, options) {
    super(message, options);
    this.status = status;
    this.errorCode = errorCode;
  }
};
function isTransient(error) {
  if (!(error instanceof MlflowRequestError)) return false;
  return error.status === void 0 || error.status >= 500 || error.status === 429;
}
var experimentSchema = object({
  experiment_id: string(),
  name: string(),
  lifecycle_stage: string().default("active")
});
var runInfoSchema = object({
  run_id: string(),
  experiment_id: string(),
  status: string().default("RUNNING")
});
var getExperimentResponse = object({ experiment: experimentSchema });
var createExperimentResponse = object({ experiment_id: string() });
var createRunResponse = object({ run: object({ info: runInfoSchema }) });
var updateRunResponse = object({ run_info: runInfoSchema.partial().optional() });
var emptyResponse = object({});
var experimentOf = (wire) => ({
  experimentId: wire.experiment_id,
  name: wire.name,
  lifecycleStage: wire.lifecycle_stage
});
var runInfoOf = (wire) => ({
  runId: wire.run_id,
  experimentId: wire.experiment_id,
  status: wire.status
});
var mlflowLimits = {
  paramsPerBatch: 100,
  tagsPerBatch: 100,
  metricsPerBatch: 1e3,
  entriesPerBatch: 1e3,
  /** A log-batch request body, JSON. Kept under 1 MB with room for the envelope. */
  batchBytes: 1e6,
  keyLength: 250,
  paramValueLength: 6e3,
  /** MAX_TAG_VAL_LENGTH in validation.py; some newer servers take more, none less. */
  tagValueLength: 5e3
};
function mlflowKeyProblem(key) {
  if (key === "") return "is empty";
  if (key.length > mlflowLimits.keyLength) return `is longer than ${mlflowLimits.keyLength} characters`;
  if (!/^[\p{L}\p{N}\p{M}\p{Pc}/.\- ]*$/u.test(key))
    return "may only contain letters, digits, underscores, dashes, periods, spaces and slashes";
  if (key.startsWith("..") || key.split("/").some((part) => part === "" || part === "." || part === ".."))
    return 'must not start with "..", start or end with "/", or contain "//", "./" or "../" segments';
  return void 0;
}
function wireDouble(value) {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "Infinity";
  if (value === Number.NEGATIVE_INFINITY) return "-Infinity";
  return value;
}
function splitLogBatch(content) {
  const batches = [];
  const envelopeBytes = 512;
  let current = { params: [], tags: [], metrics: [] };
  let bytes = envelopeBytes;
  const entries = () => current.params.length + current.tags.length + current.metrics.length;
  const add = (kind, entry, limit) => {
    const size = Buffer.byteLength(JSON.stringify(entry)) + 1;
    if (current[kind].length >= limit || entries() >= mlflowLimits.entriesPerBatch || entries() > 0 && bytes + size > mlflowLimits.batchBytes) {
      batches.push(current);
      current = { params: [], tags: [], metrics: [] };
      bytes = envelopeBytes;
    }
    current[kind].push(entry);
    bytes += size;
  };
  for (const param of content.params) add("params", param, mlflowLimits.paramsPerBatch);
  for (const tag of content.tags) add("tags", tag, mlflowLimits.tagsPerBatch);
  for (const metric of content.metrics)
    add("metrics", { ...metric, value: wireDouble(metric.value) }, mlflowLimits.metricsPerBatch);
  if (entries() > 0) batches.push(current);
  return batches;
}
var MlflowClient = class {
  server;
  credentials;
  logger;
  retry;
  /** For a request's answer, and again for its body when read into memory. */
  timeoutMs;
  /** Throws InputError for a bad URI or half a username/password pair, before any request. */
  constructor(uri, options) {
    this.server = parseTrackingUri(uri);
    this.credentials = credentialsFrom(options.env);
    this.logger = options.logger;
    this.retry = options.retry ?? {};
    this.timeoutMs = options.timeoutMs ?? 3e4;
    if (this.credentials.kind !== "none" && !this.server.loopback && this.server.baseUrl.startsWith("http:"))
      this.logger.warn(`MLflow credentials go to ${this.server.label} over plain HTTP: use mlflow+https://`);
  }
  /**
   * The run's page in the MLflow UI, which MLflow serves at the tracking base URL. Servers that only speak
   * the REST API under a path (GitLab) show runs on their own pages: the link is then only an address.
   */
  runUrl(experimentId, runId) {
    return `${this.server.baseUrl}/#/experiments/${encodeURIComponent(experimentId)}/runs/${encodeURIComponent(runId)}`;
  }
  /** The experiment of that name (MLflow prefers an active one over a deleted one), or undefined. */
  async getExperimentByName(name) {
    try {
      const response = await this.call(
        "GET",
        "experiments/get-by-name",
        { experiment_name: name },
        getExperimentResponse
      );
      return experimentOf(response.experiment);
    } catch (error) {
      if (error instanceof MlflowRequestError && error.errorCode === "RESOURCE_DOES_NOT_EXIST")
        return void 0;
      throw error;
    }
  }
  /** Creates the experiment; its id. Throws MlflowRequestError RESOURCE_ALREADY_EXISTS when the name is taken. */
  async createExperiment(name) {
    const response = await this.call("POST", "experiments/create", { name }, createExperimentResponse);
    return response.experiment_id;
  }
  /**
   * The active experiment of that name, created when missing. Two jobs creating it at once: the loser gets
   * RESOURCE_ALREADY_EXISTS and reads the winner's. A deleted experiment is an error: MLflow refuses runs in it.
   */
  async getOrCreateExperiment(name) {
    let experiment = await this.getExperimentByName(name);
    let created = false;
    if (!experiment) {
      try {
        const experimentId = await this.createExperiment(name);
        experiment = { experimentId, name, lifecycleStage: "active" };
        created = true;
      } catch (error) {
        if (!(error instanceof MlflowRequestError && error.errorCode === "RESOURCE_ALREADY_EXISTS"))
          throw error;
        experiment = await this.getExperimentByName(name);
        if (!experiment) throw error;
      }
    }
    if (experiment.lifecycleStage !== "active")
      throw new ServiceError(
        `MLflow at ${this.server.label}: experiment "${name}" (id ${experiment.experimentId}) is ${experiment.lifecycleStage}; restore it in MLflow or choose another experiment name`
      );
    return { ...experiment, created };
  }
  /**
   * A new run in RUNNING state. Retried on 5xx like every call: a lost answer to a create that did succeed
   * leaves an extra empty run in RUNNING state (MLflow has no idempotency key); that is the accepted cost.
   */
  async createRun(request) {
    const body = {
      experiment_id: request.experimentId,
      start_time: Math.trunc(request.startTime)
    };
    if (request.runName !== void 0) body.run_name = request.runName;
    const response = await this.call("POST", "runs/create", body, createRunResponse);
    return runInfoOf(response.run.info);
  }
  /**
   * The batch as MLflow will take it: keys MLflow would refuse (or a param key twice) are an InputError;
   * values over MLflow's length limits are cut, with a warning, as MLflow's own client does. Idempotent.
   */
  checkBatch(content) {
    for (const metric of content.metrics) {
      const problem = mlflowKeyProblem(metric.key);
      if (problem) throw new InputError(`metric "${metric.key}": MLflow refuses this key: it ${problem}`);
    }
    return {
      params: this.checkedEntries("param", content.params, mlflowLimits.paramValueLength),
      tags: this.checkedEntries("tag", content.tags, mlflowLimits.tagValueLength),
      metrics: content.metrics.map((metric) => ({
        ...metric,
        timestamp: Math.trunc(metric.timestamp),
        step: Math.trunc(metric.step)
      }))
    };
  }
  /**
   * Logs params, metrics and tags (checked by checkBatch) in as many log-batch requests as MLflow's limits
   * need. A retried batch may log its metrics twice (same value, timestamp and step); params and tags are
   * idempotent.
   */
  async logBatch(runId, content) {
    for (const batch of splitLogBatch(this.checkBatch(content))) {
      await this.call("POST", "runs/log-batch", { run_id: runId, ...batch }, emptyResponse);
    }
  }
  /** Sets the run's status and end time. `retry` overrides the client's policy (e.g. one attempt, best effort). */
  async updateRun(runId, update, retry) {
    const body = { run_id: runId, status: update.status };
    if (update.endTime !== void 0) body.end_time = Math.trunc(update.endTime);
    await this.call("POST", "runs/update", body, updateRunResponse, retry);
  }
  checkedEntries(kind, entries, valueLimit) {
    const seen = /* @__PURE__ */ new Set();
    return entries.map(({ key, value }) => {
      const problem = mlflowKeyProblem(key);
      if (problem) throw new InputError(`${kind} "${key}": MLflow refuses this key: it ${problem}`);
      if (kind === "param" && seen.has(key)) throw new InputError(`param "${key}" is given twice`);
      seen.add(key);
      const codePoints = value.length > valueLimit ? Array.from(value) : void 0;
      if (codePoints && codePoints.length > valueLimit) {
        this.logger.warn(
          `MLflow ${kind} "${key}": value of ${codePoints.length} characters cut to MLflow's limit of ${valueLimit}`
        );
        return { key, value: codePoints.slice(0, valueLimit).join("") };
      }
      return { key, value };
    });
  }
  /**
   * One REST call, `endpoint` relative to `<base>/api/2.0/mlflow/`: GET sends the payload as query parameters,
   * the other methods as a JSON body (MLflow's server reads DELETE and PATCH bodies like POST's). Retried on
   * 5xx, 429 and network errors; the answer is checked against `schema`. Used by the model registry backends.
   */
  async call(method, endpoint, payload, schema, retry = this.retry) {
    const path = `/api/2.0/mlflow/${endpoint}`;
    const where = `MLflow at ${this.server.label}: ${method} ${path}`;
    let url = `${this.server.baseUrl}${path}`;
    const headers = { accept: "application/json" };
    if (this.credentials.kind !== "none") headers.authorization = this.credentials.header;
    let body;
    if (method === "GET") {
      url += `?${new URLSearchParams(payload)}`;
    } else {
      headers["content-type"] = "application/json";
      body = JSON.stringify(payload);
    }
    const attempt = async () => {
      let status;
      let text;
      try {
        const response = await fetch(url, {
          method,
          headers,
          body,
          signal: AbortSignal.timeout(this.timeoutMs)
        });
        status = response.status;
        text = await readBodyText(response, {
          maxBytes: status >= 200 && status <= 299 ? bodyLimits.json : bodyLimits.error,
          deadlineMs: this.timeoutMs,
          what: where
        });
      } catch (error) {
        if (error instanceof BodyLimitError) throw error;
        throw new MlflowRequestError(
          `${where} failed: ${networkProblem(error, this.timeoutMs)}`,
          void 0,
          void 0,
          {
            cause: error
          }
        );
      }
      if (status < 200 || status > 299) throw this.responseError(where, status, text);
      let json;
      try {
        json = text.trim() === "" ? {} : parseJson(text, where, "service");
      } catch {
        throw new MlflowRequestError(
          `${where} answered ${status} with a body that is not JSON`,
          status,
          void 0
        );
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new MlflowRequestError(
          `${where} answered ${status} with an unexpected body (${issue?.path.join(".") || "body"}: ${issue?.message})`,
          status,
          void 0
        );
      }
      return parsed.data;
    };
    this.logger.debug(`${method} ${url}`);
    return withRetries(
      attempt,
      isTransient,
      retry,
      (error, attemptNumber) => this.logger.info(`${firstLine(error)}; retry ${attemptNumber}`)
    );
  }
  /**
   * A raw transfer (the artifact proxy `<base>/api/2.0/mlflow-artifacts/artifacts/<path>`, or an artifact URL the
   * server gave, such as GitLab's package files): retried like `call` until an answer arrives; an answer that is
   * not 2xx is an MlflowRequestError. `body` is called once per attempt, so a stream is opened afresh for a
   * retry. Credentials go only to the tracking server's own origin. The caller reads the returned body; the
   * timeout covers the wait for the answer's headers, not the transfer of a large file.
   */
  async transfer(method, url, body) {
    const target = new URL(url);
    const where = `MLflow at ${this.server.label}: ${method} ${target.pathname}`;
    const headers = {};
    if (this.credentials.kind !== "none" && target.origin === new URL(this.server.baseUrl).origin)
      headers.authorization = this.credentials.header;
    const attempt = async () => {
      const controller = new AbortController();
      const timer = setTimeout(
        () => controller.abort(new DOMException("timed out", "TimeoutError")),
        this.timeoutMs
      );
      let response;
      try {
        const content = body?.();
        if (content) {
          headers["content-type"] = "application/octet-stream";
          headers["content-length"] = String(content.length);
        }
        response = await fetch(target, {
          method,
          headers,
          body: content?.body,
          signal: controller.signal,
          ...content ? { duplex: "half" } : {}
        });
      } catch (error) {
        throw new MlflowRequestError(
          `${where} failed: ${networkProblem(error, this.timeoutMs)}`,
          void 0,
          void 0,
          { cause: error }
        );
      } finally {
        clearTimeout(timer);
      }
      if (response.status < 200 || response.status > 299) {
        const detail = await readBody(response, {
          maxBytes: bodyLimits.error,
          deadlineMs: this.timeoutMs,
          what: where
        }).catch(() => Buffer.alloc(0));
        throw this.responseError(where, response.status, detail.toString("utf8"));
      }
      return response;
    };
    this.logger.debug(`${method} ${target.href}`);
    return withRetries(
      attempt,
      isTransient,
      this.retry,
      (error, attemptNumber) => this.logger.info(`${firstLine(error)}; retry ${attemptNumber}`)
    );
  }
  /** A GET through transfer with its body read into memory: at most maxBytes, within the client's timeout. */
  async getBytes(url, maxBytes) {
    const response = await this.transfer("GET", url);
    return readBody(response, {
      maxBytes,
      deadlineMs: this.timeoutMs,
      what: `MLflow at ${this.server.label}: GET ${new URL(url).pathname}`
    });
  }
  responseError(where, status, text) {
    let errorCode;
    let message;
    try {
      const json = parseJson(text, where, "service");
      if (typeof json.error_code === "string") errorCode = json.error_code;
      if (typeof json.message === "string") message = firstLine(json.message);
    } catch {
      message = text.trim() === "" ? void 0 : firstLine(text).slice(0, 200);
    }
    const detail = [errorCode, message].filter(Boolean).join(": ");
    let line = `${where} failed with HTTP ${status}${detail ? ` ${detail}` : ""}`;
    if (status === 401 || status === 403) line += ` (${describeCredentials(this.credentials)})`;
    return new MlflowRequestError(line, status, errorCode);
  }
};
function networkProblem(error, timeoutMs) {
  const name = error?.name;
  if (name === "TimeoutError" || name === "AbortError") return `no answer within ${timeoutMs / 1e3} s`;
  const cause = error?.cause;
  if (typeof cause?.code === "string") return `unreachable (${cause.code})`;
  if (typeof cause?.message === "string") return `unreachable (${firstLine(cause.message)})`;
  return `unreachable (${firstLine(error)})`;
}

export {
  trackingUriForms,
  parseTrackingUri,
  MlflowRequestError,
  mlflowLimits,
  mlflowKeyProblem,
  splitLogBatch,
  MlflowClient
};
