import * as z from 'zod';
import { bodyLimits } from '../../io/bounded-body';
import { parseJson } from '../../io/json';
import type { RetryPolicy } from '../../io/retry';
import { MlflowClient, MlflowRequestError } from '../../mlflow/client';
import type { Logger } from '../../platform/platform';

/**
 * The model registry part of MLflow's REST API 2.0 and its artifact proxy, over our MlflowClient (auth,
 * retries, one-line errors). Field names and error codes follow MLflow's REST reference
 * (docs/api_reference/source/rest-api.rst: "Model Registry", "MLflow Artifacts") and mlflow/server/handlers.py.
 * int64 fields (timestamps) may come as numbers or strings in protobuf's JSON mapping.
 */

const keyValue = z.object({ key: z.string(), value: z.string().default('') });
const int64 = z.union([z.number(), z.string()]).optional();

export const modelVersionSchema = z.object({
  name: z.string(),
  version: z.string(),
  creation_timestamp: int64,
  source: z.string().default(''),
  run_id: z.string().optional(),
  /** PENDING_REGISTRATION, FAILED_REGISTRATION or READY. */
  status: z.string().default('READY'),
  description: z.string().optional(),
  tags: z.array(keyValue).default([]),
  aliases: z.array(z.string()).default([]),
});
export type WireModelVersion = z.output<typeof modelVersionSchema>;

export const registeredModelSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  tags: z.array(keyValue).default([]),
  aliases: z.array(z.object({ alias: z.string(), version: z.string() })).default([]),
});
export type WireRegisteredModel = z.output<typeof registeredModelSchema>;

const registeredModelResponse = z.object({ registered_model: registeredModelSchema });
const modelVersionResponse = z.object({ model_version: modelVersionSchema });
const searchModelsResponse = z.object({
  registered_models: z.array(registeredModelSchema).default([]),
  next_page_token: z.string().optional(),
});
const searchVersionsResponse = z.object({
  model_versions: z.array(modelVersionSchema).default([]),
  next_page_token: z.string().optional(),
});
const latestVersionsResponse = z.object({ model_versions: z.array(modelVersionSchema).default([]) });
const runResponse = z.object({
  run: z.object({ info: z.object({ run_id: z.string(), artifact_uri: z.string().default('') }) }),
});
const artifactListResponse = z.object({
  files: z
    .array(z.object({ path: z.string(), is_dir: z.boolean().default(false), file_size: int64 }))
    .default([]),
});
const emptyResponse = z.object({});

export const tagList = (tags: Record<string, string>) =>
  Object.entries(tags).map(([key, value]) => ({ key, value }));
export const tagsOf = (list: { key: string; value: string }[]): Record<string, string> =>
  Object.fromEntries(list.map(({ key, value }) => [key, value]));

export interface RegistryApiOptions {
  env: NodeJS.ProcessEnv;
  logger: Logger;
  retry?: RetryPolicy;
  timeoutMs?: number;
}

/** What MLflow answers for a missing model, version or alias. */
export function isNotFound(error: unknown): boolean {
  if (!(error instanceof MlflowRequestError)) return false;
  if (error.errorCode === 'RESOURCE_DOES_NOT_EXIST') return true;
  // MLflow's stores answer a missing alias with INVALID_PARAMETER_VALUE "Registered model alias X not found."
  return error.errorCode === 'INVALID_PARAMETER_VALUE' && /alias .* not found/i.test(error.message);
}

export class RegistryApi {
  readonly client: MlflowClient;

  constructor(uri: string, options: RegistryApiOptions) {
    this.client = new MlflowClient(uri, options);
  }

  get baseUrl(): string {
    return this.client.server.baseUrl;
  }

  async getRegisteredModel(name: string): Promise<WireRegisteredModel | undefined> {
    try {
      return (await this.client.call('GET', 'registered-models/get', { name }, registeredModelResponse))
        .registered_model;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Creates the registered model; false when it existed already (another job may have made it meanwhile). */
  async createRegisteredModel(name: string, description?: string): Promise<boolean> {
    const body: Record<string, unknown> = { name };
    if (description !== undefined) body.description = description;
    try {
      await this.client.call('POST', 'registered-models/create', body, registeredModelResponse);
      return true;
    } catch (error) {
      if (error instanceof MlflowRequestError && error.errorCode === 'RESOURCE_ALREADY_EXISTS') return false;
      throw error;
    }
  }

  async searchRegisteredModels(): Promise<WireRegisteredModel[]> {
    const models: WireRegisteredModel[] = [];
    let pageToken: string | undefined;
    do {
      const query: Record<string, string> = { max_results: '1000' };
      if (pageToken) query.page_token = pageToken;
      const page = await this.client.call('GET', 'registered-models/search', query, searchModelsResponse);
      models.push(...page.registered_models);
      pageToken = page.next_page_token || undefined;
    } while (pageToken);
    return models;
  }

  /** Every version of the model (MLflow's search by `name='…'`), in the server's order. */
  async searchModelVersions(name: string): Promise<WireModelVersion[]> {
    const versions: WireModelVersion[] = [];
    let pageToken: string | undefined;
    do {
      // Model names are checked against modelNamePattern first: no quote can reach the filter.
      const query: Record<string, string> = { filter: `name='${name}'`, max_results: '10000' };
      if (pageToken) query.page_token = pageToken;
      const page = await this.client.call('GET', 'model-versions/search', query, searchVersionsResponse);
      versions.push(...page.model_versions);
      pageToken = page.next_page_token || undefined;
    } while (pageToken);
    return versions;
  }

  async getModelVersion(name: string, version: string): Promise<WireModelVersion | undefined> {
    try {
      return (await this.client.call('GET', 'model-versions/get', { name, version }, modelVersionResponse))
        .model_version;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async createModelVersion(request: {
    name: string;
    source: string;
    tags: Record<string, string>;
    description?: string;
  }): Promise<WireModelVersion> {
    const body: Record<string, unknown> = {
      name: request.name,
      source: request.source,
      tags: tagList(request.tags),
    };
    if (request.description !== undefined) body.description = request.description;
    return (await this.client.call('POST', 'model-versions/create', body, modelVersionResponse))
      .model_version;
  }

  async getModelVersionByAlias(name: string, alias: string): Promise<WireModelVersion | undefined> {
    try {
      return (await this.client.call('GET', 'registered-models/alias', { name, alias }, modelVersionResponse))
        .model_version;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async setAlias(name: string, alias: string, version: string): Promise<void> {
    await this.client.call('POST', 'registered-models/alias', { name, alias, version }, emptyResponse);
  }

  async setRegisteredModelTag(name: string, key: string, value: string): Promise<void> {
    await this.client.call('POST', 'registered-models/set-tag', { name, key, value }, emptyResponse);
  }

  async setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void> {
    await this.client.call('POST', 'model-versions/set-tag', { name, version, key, value }, emptyResponse);
  }

  /** GitLab: the model's highest (semantic) version; MLflow: the latest per stage. */
  async getLatestVersions(name: string): Promise<WireModelVersion[]> {
    return (
      await this.client.call(
        'POST',
        'registered-models/get-latest-versions',
        { name },
        latestVersionsResponse,
      )
    ).model_versions;
  }

  async updateRegisteredModel(name: string, description: string): Promise<void> {
    await this.client.call(
      'PATCH',
      'registered-models/update',
      { name, description },
      registeredModelResponse,
    );
  }

  async getRunArtifactUri(runId: string): Promise<string> {
    return (await this.client.call('GET', 'runs/get', { run_id: runId }, runResponse)).run.info.artifact_uri;
  }

  /** `<base>/api/2.0/mlflow-artifacts/artifacts/<path>`, each segment escaped. */
  artifactUrl(path: string): string {
    return `${this.baseUrl}/api/2.0/mlflow-artifacts/artifacts/${path.split('/').map(encodeURIComponent).join('/')}`;
  }

  /** The proxy's listing of a directory: `[{path, is_dir, file_size}]`, paths relative to the artifact root. */
  async listArtifacts(path: string): Promise<{ path: string; isDirectory: boolean }[]> {
    const text = (
      await this.client.getBytes(
        `${this.baseUrl}/api/2.0/mlflow-artifacts/artifacts?${new URLSearchParams({ path })}`,
        bodyLimits.json,
      )
    ).toString('utf8');
    let json: unknown;
    try {
      json = text.trim() === '' ? {} : parseJson(text, this.baseUrl, 'service');
    } catch {
      json = undefined;
    }
    const parsed = artifactListResponse.safeParse(json);
    if (!parsed.success)
      throw new MlflowRequestError(
        `MLflow at ${this.client.server.label}: the artifact listing of '${path}' is not the documented JSON`,
        200,
        undefined,
      );
    return parsed.data.files.map((file) => ({ path: file.path, isDirectory: file.is_dir }));
  }
}
