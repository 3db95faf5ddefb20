#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  aliasConflict,
  checkAliasName,
  checkModelName,
  checkPromotionRecord,
  decodeMove,
  encodeMove,
  existingVersionAttachments,
  newVersionAttachments,
  versionState,
  withRegistrations
} from "./chunk-T5LB56MC.mjs";
import {
  MlflowClient,
  MlflowRequestError,
  mlflowKeyProblem,
  mlflowLimits
} from "./chunk-FC4IMNRU.mjs";
import {
  array,
  boolean,
  number,
  object,
  string,
  union
} from "./chunk-2GFZTZLN.mjs";
import {
  AliasConflict,
  latestVersion,
  modelNamePattern,
  versionLabels,
  versionOrAlias
} from "./chunk-XMRYHEY6.mjs";
import {
  setDigest
} from "./chunk-ZAIHXEFC.mjs";
import {
  mapConcurrently
} from "./chunk-IS7M7TXC.mjs";
import {
  isInsideRelativePath
} from "./chunk-ERNQNAOD.mjs";
import {
  bytesDigest,
  copyWithDigest
} from "./chunk-KLG7ZBD7.mjs";
import {
  movePath
} from "./chunk-4VSSUXZN.mjs";
import {
  removeOnInterrupt
} from "./chunk-BOL2UAYQ.mjs";
import "./chunk-Q2OW4E5W.mjs";
import {
  bodyLimits
} from "./chunk-7YFYVVS2.mjs";
import {
  parseJson
} from "./chunk-COETP6OK.mjs";
import {
  InputError,
  ServiceError
} from "./chunk-C6XSGGFY.mjs";
import "./chunk-AQW5IZUH.mjs";

// packages/core/src/registry/mlflow/index.ts
import { resolve as resolve3 } from "node:path";

// packages/core/src/registry/mlflow/api.ts
var keyValue = object({ key: string(), value: string().default("") });
var int64 = union([number(), string()]).optional();
var modelVersionSchema = object({
  name: string(),
  version: string(),
  creation_timestamp: int64,
  source: string().default(""),
  run_id: string().optional(),
  /** PENDING_REGISTRATION, FAILED_REGISTRATION or READY. */
  status: string().default("READY"),
  description: string().optional(),
  tags: array(keyValue).default([]),
  aliases: array(string()).default([])
});
var registeredModelSchema = object({
  name: string(),
  description: string().optional(),
  tags: array(keyValue).default([]),
  aliases: array(object({ alias: string(), version: string() })).default([])
});
var registeredModelResponse = object({ registered_model: registeredModelSchema });
var modelVersionResponse = object({ model_version: modelVersionSchema });
var searchModelsResponse = object({
  registered_models: array(registeredModelSchema).default([]),
  next_page_token: string().optional()
});
var searchVersionsResponse = object({
  model_versions: array(modelVersionSchema).default([]),
  next_page_token: string().optional()
});
var latestVersionsResponse = object({ model_versions: array(modelVersionSchema).default([]) });
var runResponse = object({
  run: object({ info: object({ run_id: string(), artifact_uri: string().default("") }) })
});
var artifactListResponse = object({
  files: array(object({ path: string(), is_dir: boolean().default(false), file_size: int64 })).default([])
});
var emptyResponse = object({});
var tagList = (tags) => Object.entries(tags).map(([key, value]) => ({ key, value }));
var tagsOf = (list) => Object.fromEntries(list.map(({ key, value }) => [key, value]));
function isNotFound(error) {
  if (!(error instanceof MlflowRequestError)) return false;
  if (error.errorCode === "RESOURCE_DOES_NOT_EXIST") return true;
  return error.errorCode === "INVALID_PARAMETER_VALUE" && /alias .* not found/i.test(error.message);
}
var RegistryApi = class {
  client;
  constructor(uri, options) {
    this.client = new MlflowClient(uri, options);
  }
  get baseUrl() {
    return this.client.server.baseUrl;
  }
  async getRegisteredModel(name) {
    try {
      return (await this.client.call("GET", "registered-models/get", { name }, registeredModelResponse)).registered_model;
    } catch (error) {
      if (isNotFound(error)) return void 0;
      throw error;
    }
  }
  /** Creates the registered model; false when it existed already (another job may have made it meanwhile). */
  async createRegisteredModel(name, description) {
    const body = { name };
    if (description !== void 0) body.description = description;
    try {
      await this.client.call("POST", "registered-models/create", body, registeredModelResponse);
      return true;
    } catch (error) {
      if (error instanceof MlflowRequestError && error.errorCode === "RESOURCE_ALREADY_EXISTS") return false;
      throw error;
    }
  }
  async searchRegisteredModels() {
    const models = [];
    let pageToken;
    do {
      const query = { max_results: "1000" };
      if (pageToken) query.page_token = pageToken;
      const page = await this.client.call("GET", "registered-models/search", query, searchModelsResponse);
      models.push(...page.registered_models);
      pageToken = page.next_page_token || void 0;
    } while (pageToken);
    return models;
  }
  /** Every version of the model (MLflow's search by `name='…'`), in the server's order. */
  async searchModelVersions(name) {
    const versions = [];
    let pageToken;
    do {
      const query = { filter: `name='${name}'`, max_results: "10000" };
      if (pageToken) query.page_token = pageToken;
      const page = await this.client.call("GET", "model-versions/search", query, searchVersionsResponse);
      versions.push(...page.model_versions);
      pageToken = page.next_page_token || void 0;
    } while (pageToken);
    return versions;
  }
  async getModelVersion(name, version) {
    try {
      return (await this.client.call("GET", "model-versions/get", { name, version }, modelVersionResponse)).model_version;
    } catch (error) {
      if (isNotFound(error)) return void 0;
      throw error;
    }
  }
  async createModelVersion(request) {
    const body = {
      name: request.name,
      source: request.source,
      tags: tagList(request.tags)
    };
    if (request.description !== void 0) body.description = request.description;
    return (await this.client.call("POST", "model-versions/create", body, modelVersionResponse)).model_version;
  }
  async getModelVersionByAlias(name, alias) {
    try {
      return (await this.client.call("GET", "registered-models/alias", { name, alias }, modelVersionResponse)).model_version;
    } catch (error) {
      if (isNotFound(error)) return void 0;
      throw error;
    }
  }
  async setAlias(name, alias, version) {
    await this.client.call("POST", "registered-models/alias", { name, alias, version }, emptyResponse);
  }
  async setRegisteredModelTag(name, key, value) {
    await this.client.call("POST", "registered-models/set-tag", { name, key, value }, emptyResponse);
  }
  async setModelVersionTag(name, version, key, value) {
    await this.client.call("POST", "model-versions/set-tag", { name, version, key, value }, emptyResponse);
  }
  /** GitLab: the model's highest (semantic) version; MLflow: the latest per stage. */
  async getLatestVersions(name) {
    return (await this.client.call(
      "POST",
      "registered-models/get-latest-versions",
      { name },
      latestVersionsResponse
    )).model_versions;
  }
  async updateRegisteredModel(name, description) {
    await this.client.call(
      "PATCH",
      "registered-models/update",
      { name, description },
      registeredModelResponse
    );
  }
  async getRunArtifactUri(runId) {
    return (await this.client.call("GET", "runs/get", { run_id: runId }, runResponse)).run.info.artifact_uri;
  }
  /** `<base>/api/2.0/mlflow-artifacts/artifacts/<path>`, each segment escaped. */
  artifactUrl(path) {
    return `${this.baseUrl}/api/2.0/mlflow-artifacts/artifacts/${path.split("/").map(encodeURIComponent).join("/")}`;
  }
  /** The proxy's listing of a directory: `[{path, is_dir, file_size}]`, paths relative to the artifact root. */
  async listArtifacts(path) {
    const text = (await this.client.getBytes(
      `${this.baseUrl}/api/2.0/mlflow-artifacts/artifacts?${new URLSearchParams({ path })}`,
      bodyLimits.json
    )).toString("utf8");
    let json;
    try {
      json = text.trim() === "" ? {} : parseJson(text, this.baseUrl, "service");
    } catch {
      json = void 0;
    }
    const parsed = artifactListResponse.safeParse(json);
    if (!parsed.success)
      throw new MlflowRequestError(
        `MLflow at ${this.client.server.label}: the artifact listing of '${path}' is not the documented JSON`,
        200,
        void 0
      );
    return parsed.data.files.map((file) => ({ path: file.path, isDirectory: file.is_dir }));
  }
};

// packages/core/src/registry/mlflow/common.ts
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { chmod, mkdir, rm } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { Readable } from "node:stream";
var mlciTagPrefix = "mlci.";
var contentDigestTag = "mlci.content.digest";
var attachmentTagPrefix = "mlci.attachment.";
var filesListingName = "mlci-files.json";
var versionPattern = /^[1-9][0-9]*$/;
var kindPattern = /^[a-z0-9][a-z0-9._-]*$/;
var hexOf = (digest) => digest.replace(/^sha256:/, "");
function checkKind(kind) {
  if (!kindPattern.test(kind))
    throw new InputError(`attachment kind '${kind}': expected lowercase letters, digits, '.', '_', '-'`);
}
function checkRegisterPaths(files, uri) {
  for (const file of files)
    if (!isInsideRelativePath(file.path))
      throw new InputError(`cannot register '${file.path}' in ${uri}: not a path inside the outputs`);
}
function parseListing(bytes, expectedDigest, where) {
  const listing = parseJson(
    bytes,
    `${where}: corrupt file list ${filesListingName}`,
    "service"
  );
  if (!Array.isArray(listing?.files))
    throw new ServiceError(`${where}: corrupt file list ${filesListingName}: no files`);
  for (const file of listing.files)
    if (!isInsideRelativePath(file.path))
      throw new ServiceError(
        `${where}: corrupt file list: '${file.path}' is outside the version's directory`
      );
  const digest = setDigest(listing.files);
  if (digest !== expectedDigest || listing.contentDigest !== expectedDigest)
    throw new ServiceError(
      `${where}: corrupt file list: its files make ${digest}, the version says ${expectedDigest}`
    );
  return listing;
}
var jsonBytes = (value) => Buffer.from(`${JSON.stringify(value, null, 2)}
`);
async function putBytes(api, url, content) {
  const response = await api.client.transfer("PUT", url, () => ({ body: content, length: content.length }));
  await response.body?.cancel().catch(() => void 0);
}
async function putFile(api, url, path, size) {
  const response = await api.client.transfer("PUT", url, () => ({
    body: Readable.toWeb(createReadStream(path)),
    length: size
  }));
  await response.body?.cancel().catch(() => void 0);
}
async function fetchVerified(api, url, digest, what) {
  const bytes = await api.client.getBytes(url, bodyLimits.stored);
  const actual = bytesDigest(bytes);
  if (actual !== digest)
    throw new ServiceError(`${what} does not match its digest ${digest} (got ${actual})`);
  return bytes;
}
async function fetchBytes(api, url) {
  return api.client.getBytes(url, bodyLimits.stored);
}
async function downloadVerified(api, url, directory, entry, what) {
  const target = resolve(directory, entry.path);
  await mkdir(dirname(target), { recursive: true });
  const temporary = `${target}.mlci-${randomBytes(6).toString("hex")}`;
  const interrupted = removeOnInterrupt(temporary);
  try {
    const response = await api.client.transfer("GET", url);
    if (!response.body) throw new ServiceError(`${what}: the server sent no content`);
    const copied = await copyWithDigest(
      Readable.fromWeb(response.body),
      createWriteStream(temporary),
      {
        // The listing says how large the file is: more is a wrong or endless answer, not a longer file.
        maxBytes: entry.size,
        tooLarge: () => new ServiceError(`${what}: more than the ${entry.size} bytes expected`),
        idleMs: api.client.timeoutMs,
        stalled: () => new ServiceError(`${what}: no data for ${api.client.timeoutMs / 1e3} s`)
      }
    );
    if (copied.digest !== entry.digest)
      throw new ServiceError(`${what} does not match its digest ${entry.digest} (got ${copied.digest})`);
    if (entry.executable) await chmod(temporary, 493);
    await movePath(temporary, target);
  } finally {
    await rm(temporary, { force: true });
    interrupted.release();
  }
}

// packages/core/src/registry/mlflow/gitlab.ts
import { resolve as resolve2 } from "node:path";
var readConcurrency = 8;
var maxVersionAttempts = 20;
var maxHistory = 1e5;
var aliasLinePrefix = "mlci-aliases: ";
var gitlabMlflowPath = /\/api\/v4\/projects\/[^/]+\/ml\/mlflow$/;
function gitlabTrackingUri(uri) {
  const match = /^gitlab\+(https?):\/\/([^/]+)\/(.+?)\/*$/i.exec(uri);
  if (!match)
    throw new InputError(
      `registry '${uri}': expected gitlab+https://HOST/GROUP/PROJECT (or the project's numeric id)`
    );
  return `mlflow+${match[1]?.toLowerCase()}://${match[2]}/api/v4/projects/${encodeURIComponent(match[3])}/ml/mlflow`;
}
async function openGitlabRegistry(uri, trackingUri, options, tuning = {}) {
  const api = new RegistryApi(trackingUri, { env: options.env, logger: options.logger, ...tuning });
  return new GitlabRegistry(uri, api, options);
}
var GitlabRegistry = class {
  constructor(uri, api, options) {
    this.uri = uri;
    this.api = api;
    this.options = options;
  }
  uri;
  api;
  options;
  async register(request) {
    checkModelName(request.model);
    checkRegisterPaths(request.fileSet.files, this.uri);
    for (const attachment of request.attachments) checkKind(attachment.kind);
    for (const key of Object.keys(request.labels))
      if (key.startsWith(mlciTagPrefix) || key.startsWith("gitlab."))
        throw new InputError(`label '${key}': the 'mlci.' and 'gitlab.' prefixes are reserved`);
    await this.api.createRegisteredModel(request.model);
    const existing = await this.finishedVersions(request.model);
    const same = existing.find((version2) => version2.listing.contentDigest === request.fileSet.digest);
    if (same) {
      const aliases = aliasesIn((await this.api.getRegisteredModel(request.model))?.description);
      for (const attachment of existingVersionAttachments(await this.toVersion(same, aliases), request))
        await this.attach(request.model, same.number, attachment);
      return { version: await this.getVersion(request.model, same.number), created: false };
    }
    const createdAt = request.labels[versionLabels.created] ?? (/* @__PURE__ */ new Date()).toISOString();
    const labels = { ...request.labels, [versionLabels.created]: createdAt };
    let number2 = await this.latestNumber(request.model) + 1;
    let created;
    for (let attempt = 0; attempt < maxVersionAttempts && !created; attempt++, number2++) {
      try {
        created = await this.api.createModelVersion({
          name: request.model,
          source: "",
          tags: { "gitlab.version": `${number2}.0.0`, ...labels, [contentDigestTag]: request.fileSet.digest }
        });
      } catch (error) {
        if (!(error instanceof MlflowRequestError && error.errorCode === "INVALID_PARAMETER_VALUE"))
          throw error;
        this.options.logger.debug(`${this.uri}: ${request.model} ${number2}.0.0 is taken, trying the next`);
      }
    }
    if (!created)
      throw new ServiceError(
        `${this.uri}: other writers took ${maxVersionAttempts} versions of '${request.model}' in a row`
      );
    const version = String(number2 - 1);
    const upload = await this.uploadBase(created);
    for (const file of request.fileSet.files)
      await putFile(
        this.api,
        `${upload}/${blobName(file.digest)}`,
        resolve2(this.options.cwd, request.directory, file.path),
        file.size
      );
    const attachments = [];
    for (const attachment of newVersionAttachments(request)) {
      const stored = await this.storeAttachment(upload, attachment, createdAt);
      if (!attachments.some((other) => other.digest === stored.digest)) attachments.push(stored);
    }
    const listing = { contentDigest: request.fileSet.digest, files: request.fileSet.files };
    await putBytes(this.api, `${upload}/${filesListingName}`, jsonBytes(listing));
    this.options.logger.debug(
      `${this.uri}: registered ${request.model} version ${version} (${number2 - 1}.0.0)`
    );
    return {
      version: withRegistrations({
        model: request.model,
        version,
        contentDigest: request.fileSet.digest,
        files: request.fileSet.files,
        createdAt,
        labels,
        aliases: [],
        attachments: attachments.sort(attachmentOrder)
      }),
      created: true
    };
  }
  async listModels() {
    const models = (await this.api.searchRegisteredModels()).filter((model) => modelNamePattern.test(model.name)).sort((a, b) => a.name.localeCompare(b.name));
    const summaries = await mapConcurrently(models, 2, async (model) => {
      const versions = await this.finishedVersions(model.name);
      if (versions.length === 0) return void 0;
      const summary = {
        name: model.name,
        versions: versions.length,
        latest: versions.at(-1)?.number,
        aliases: Object.fromEntries(
          Object.entries(aliasesIn(model.description)).map(([alias, entry]) => [alias, entry.version])
        )
      };
      return summary;
    });
    return summaries.filter((summary) => summary !== void 0);
  }
  async listVersions(model) {
    checkModelName(model);
    const versions = await this.finishedVersions(model);
    if (versions.length === 0) throw new InputError(`model '${model}' is not in ${this.uri}`);
    const aliases = aliasesIn((await this.api.getRegisteredModel(model))?.description);
    return mapConcurrently(versions, readConcurrency, (version) => this.toVersion(version, aliases));
  }
  async getVersion(model, version) {
    const { found, aliases } = await this.findVersion(model, version);
    return this.toVersion(found, aliases);
  }
  async attach(model, version, attachment) {
    checkKind(attachment.kind);
    const { found } = await this.findVersion(model, version);
    const digest = bytesDigest(attachment.content);
    const known = (await this.attachmentsOf(found)).find((other) => other.digest === digest);
    if (known) return known;
    return this.storeAttachment(await this.uploadBase(found), attachment, (/* @__PURE__ */ new Date()).toISOString());
  }
  async readAttachment(model, version, attachment) {
    const { found } = await this.findVersion(model, version);
    return fetchVerified(
      this.api,
      this.fileUrl(found, blobName(attachment.digest)),
      attachment.digest,
      `${this.uri}: corrupt registry: the ${attachment.kind} attachment of model '${model}' version ${found.number}`
    );
  }
  async download(model, version, directory) {
    const { found } = await this.findVersion(model, version);
    const root = resolve2(this.options.cwd, directory);
    for (const file of found.listing.files)
      await downloadVerified(
        this.api,
        this.fileUrl(found, blobName(file.digest)),
        root,
        file,
        `${this.uri}: corrupt registry: file '${file.path}' of model '${model}' version ${found.number}`
      );
  }
  /**
   * NOT atomic: GitLab has no alias writes, so the alias is a line of the registered model's description, and a
   * PATCH of a description is no compare-and-swap. Order: (1) the record is stored as a file of the target
   * version (unreferenced, harmless if we stop here); (2) the description is rewritten — the move. The compare
   * is a read before and a read back after: a writer that rewrites the description between our read and our
   * write is overwritten unnoticed; one after our write makes us report AliasConflict.
   */
  checkMove(record) {
    checkPromotionRecord(record);
    checkAliasName(record.alias);
  }
  async moveAlias(record) {
    this.checkMove(record);
    const { found } = await this.findVersion(record.model, record.version);
    const model = await this.api.getRegisteredModel(record.model);
    const aliases = aliasesIn(model?.description);
    const current = aliases[record.alias];
    if ((current?.version ?? null) !== record.previous)
      throw aliasConflict(record, this.uri, versionState(current?.version ?? null));
    const bytes = encodeMove({ record, previousMove: current?.record ?? null });
    const digest = bytesDigest(bytes);
    await putBytes(this.api, `${await this.uploadBase(found)}/${recordName(record.alias, digest)}`, bytes);
    aliases[record.alias] = { version: found.number, record: digest };
    await this.api.updateRegisteredModel(record.model, withAliases(model?.description, aliases));
    const readBack = aliasesIn((await this.api.getRegisteredModel(record.model))?.description)[record.alias];
    if (readBack?.record !== digest)
      throw new AliasConflict(
        `${this.uri}: alias '${record.alias}' of model '${record.model}' was moved to ${describeHolder(readBack?.version ?? null)} by another promotion while this one moved it`
      );
    return { record, digest };
  }
  async aliasHistory(model, alias) {
    checkModelName(model);
    checkAliasName(alias);
    const registered = await this.api.getRegisteredModel(model);
    if (!registered) throw new InputError(`model '${model}' is not in ${this.uri}`);
    const entry = aliasesIn(registered.description)[alias];
    const moves = [];
    let next = entry ? { digest: entry.record, version: entry.version } : null;
    while (next !== null && moves.length < maxHistory) {
      const where = `${this.uri}: model '${model}' alias '${alias}' record ${next.digest}`;
      const holder = await this.api.getModelVersion(model, `${next.version}.0.0`);
      if (!holder) throw new ServiceError(`${where}: version ${next.version} that holds it is gone`);
      const stored = decodeMove(
        await fetchVerified(
          this.api,
          this.fileUrl(holder, recordName(alias, next.digest)),
          next.digest,
          where
        ),
        `${where}: corrupt promotion record`
      ).move;
      moves.push({ record: stored.record, digest: next.digest });
      next = stored.previousMove && stored.record.previous ? { digest: stored.previousMove, version: stored.record.previous } : null;
    }
    return moves;
  }
  /** The highest `N` of the model's `N.x.y` versions; 0 when it has none (or does not exist). */
  async latestNumber(model) {
    let latest;
    try {
      latest = await this.api.getLatestVersions(model);
    } catch (error) {
      if (error instanceof MlflowRequestError && error.errorCode === "RESOURCE_DOES_NOT_EXIST") return 0;
      throw error;
    }
    return Math.max(0, ...latest.map((version) => Number(semverOf(version)?.split(".")[0] ?? 0)));
  }
  /** Versions 1..latest whose registration finished (their file list exists), oldest first. */
  async finishedVersions(model) {
    const latest = await this.latestNumber(model);
    const numbers = Array.from({ length: latest }, (_, index) => String(index + 1));
    const found = await mapConcurrently(numbers, readConcurrency, (number2) => this.finished(model, number2));
    return found.filter((version) => version !== void 0);
  }
  async finished(model, number2) {
    const wire = await this.api.getModelVersion(model, `${number2}.0.0`);
    if (!wire) return void 0;
    const digest = tagsOf(wire.tags)[contentDigestTag];
    if (!digest) return void 0;
    let bytes;
    try {
      bytes = await fetchBytes(this.api, this.fileUrl(wire, filesListingName));
    } catch (error) {
      if (error instanceof MlflowRequestError && error.status === 404) return void 0;
      throw error;
    }
    const listing = parseListing(bytes, digest, `${this.uri}: model '${model}' version ${number2}`);
    return { ...wire, number: number2, listing };
  }
  async findVersion(model, version) {
    checkModelName(model);
    const registered = await this.api.getRegisteredModel(model);
    const aliases = aliasesIn(registered?.description);
    const number2 = versionPattern.test(version) ? version : version === latestVersion ? registered && (await this.finishedVersions(model)).at(-1)?.number : aliases[version]?.version;
    const found = registered && number2 ? await this.finished(model, number2) : void 0;
    if (!found) throw new InputError(`model '${model}' has no ${versionOrAlias(version)} in ${this.uri}`);
    return { found, aliases };
  }
  async toVersion(found, aliases) {
    const tags = tagsOf(found.tags);
    const labels = Object.fromEntries(
      Object.entries(tags).filter(([key]) => !key.startsWith(mlciTagPrefix) && !key.startsWith("gitlab."))
    );
    return withRegistrations({
      model: found.name,
      version: found.number,
      contentDigest: found.listing.contentDigest,
      files: found.listing.files,
      createdAt: labels[versionLabels.created] ?? "",
      labels,
      aliases: Object.entries(aliases).filter(([, entry]) => entry.version === found.number).map(([alias]) => alias).sort(),
      attachments: await this.attachmentsOf(found)
    });
  }
  /** The version's `mlci-attachment-*.json` files. */
  async attachmentsOf(found) {
    const names = (await this.api.listArtifacts(found.version)).map((file) => file.path.split("/").at(-1) ?? "").filter((name) => /^mlci-attachment-.+\.json$/.test(name));
    const attachments = await mapConcurrently([...new Set(names)], readConcurrency, async (name) => {
      const bytes = await fetchBytes(this.api, this.fileUrl(found, name));
      try {
        return parseJson(bytes, name, "service");
      } catch {
        throw new ServiceError(
          `${this.uri}: corrupt attachment description ${name} of version ${found.version}`
        );
      }
    });
    const unique = [];
    for (const attachment of attachments)
      if (!unique.some((other) => other.digest === attachment.digest)) unique.push(attachment);
    return unique.sort(attachmentOrder);
  }
  async storeAttachment(upload, attachment, createdAt) {
    const digest = bytesDigest(attachment.content);
    const stored = {
      kind: attachment.kind,
      mediaType: attachment.mediaType,
      digest,
      size: attachment.content.length,
      createdAt,
      annotations: attachment.annotations ?? {}
    };
    await putBytes(this.api, `${upload}/${blobName(digest)}`, attachment.content);
    await putBytes(
      this.api,
      `${upload}/mlci-attachment-${attachment.kind}-${hexOf(digest)}.json`,
      jsonBytes(stored)
    );
    return stored;
  }
  /** Where a version's files are uploaded: its run's artifact URI (GitLab's model package). */
  async uploadBase(found) {
    if (!found.run_id)
      throw new ServiceError(`${this.uri}: model '${found.name}' version has no run to upload to`);
    const uri = await this.api.getRunArtifactUri(found.run_id);
    if (!/^https?:\/\//.test(uri))
      throw new ServiceError(
        `${this.uri}: the run of model '${found.name}' has artifact URI '${uri}', not an HTTP URL`
      );
    return uri.replace(/\/+$/, "");
  }
  /** A version's file through the MLflow artifact API: `mlflow-artifacts/artifacts/<version id>/<name>`. */
  fileUrl(found, name) {
    return this.api.artifactUrl(`${found.version}/${name}`);
  }
};
function semverOf(version) {
  const semver = /^[0-9]+\.[0-9]+\.[0-9]+(?:[-+].*)?$/;
  return version.aliases.find((alias) => semver.test(alias)) ?? (semver.test(version.version) ? version.version : void 0);
}
function blobName(digest) {
  return `sha256-${hexOf(digest)}`;
}
function recordName(alias, digest) {
  return `mlci-alias-${alias}-${hexOf(digest)}.json`;
}
function aliasesIn(description) {
  const line = (description ?? "").split("\n").find((each) => each.startsWith(aliasLinePrefix));
  if (!line) return {};
  try {
    return parseJson(line.slice(aliasLinePrefix.length), "model description", "service");
  } catch {
    throw new ServiceError(
      `the model description's '${aliasLinePrefix.trim()}' line is not JSON: it was edited by hand`
    );
  }
}
function withAliases(description, aliases) {
  const kept = (description ?? "").split("\n").filter((line) => !line.startsWith(aliasLinePrefix));
  while (kept.length > 0 && kept.at(-1) === "") kept.pop();
  const sorted = Object.fromEntries(Object.entries(aliases).sort(([a], [b]) => a.localeCompare(b)));
  return [...kept, ...kept.length > 0 ? [""] : [], `${aliasLinePrefix}${JSON.stringify(sorted)}`].join(
    "\n"
  );
}
function attachmentOrder(a, b) {
  return a.createdAt.localeCompare(b.createdAt) || a.kind.localeCompare(b.kind) || a.digest.localeCompare(b.digest);
}
function describeHolder(version) {
  return version === null ? "no version (unset)" : `version ${version}`;
}

// packages/core/src/registry/mlflow/index.ts
var readConcurrency2 = 8;
var maxHistory2 = 1e5;
async function openMlflowRegistry(uri, options, tuning = {}) {
  if (/^gitlab\+/i.test(uri)) return openGitlabRegistry(uri, gitlabTrackingUri(uri), options, tuning);
  const api = new RegistryApi(uri, { env: options.env, logger: options.logger, ...tuning });
  if (gitlabMlflowPath.test(new URL(api.baseUrl).pathname))
    return openGitlabRegistry(uri, uri, options, tuning);
  return new MlflowRegistry(uri, api, options);
}
var aliasRecordTag = (alias) => `mlci.alias.${alias}.record`;
var MlflowRegistry = class {
  constructor(uri, api, options) {
    this.uri = uri;
    this.api = api;
    this.options = options;
  }
  uri;
  api;
  options;
  async register(request) {
    checkModelName(request.model);
    checkRegisterPaths(request.fileSet.files, this.uri);
    const labels = this.checkLabels(request.labels);
    for (const attachment of request.attachments) checkKind(attachment.kind);
    await this.api.createRegisteredModel(request.model);
    const same = (await this.mlciVersions(request.model)).find(
      (version) => contentDigestOf(version) === request.fileSet.digest
    );
    if (same) {
      for (const attachment of existingVersionAttachments(await this.toVersion(same), request))
        await this.attach(request.model, same.version, attachment);
      return { version: await this.getVersion(request.model, same.version), created: false };
    }
    const directory = this.versionDirectory(request.model, request.fileSet.digest);
    for (const file of request.fileSet.files) {
      await putFile(
        this.api,
        this.api.artifactUrl(`${directory}/files/${file.path}`),
        resolve3(this.options.cwd, request.directory, file.path),
        file.size
      );
    }
    const listing = { contentDigest: request.fileSet.digest, files: request.fileSet.files };
    await putBytes(this.api, this.api.artifactUrl(`${directory}/${filesListingName}`), jsonBytes(listing));
    const createdAt = labels[versionLabels.created] ?? (/* @__PURE__ */ new Date()).toISOString();
    const attachmentTags = {};
    const attachments = [];
    for (const attachment of newVersionAttachments(request)) {
      const stored = await this.storeAttachment(request.model, attachment, createdAt);
      attachmentTags[attachmentTag(stored)] = attachmentTagValue(stored);
      if (!attachments.some((other) => other.digest === stored.digest)) attachments.push(stored);
    }
    const created = await this.api.createModelVersion({
      name: request.model,
      source: `mlflow-artifacts:/${directory}`,
      tags: { ...labels, [contentDigestTag]: request.fileSet.digest, ...attachmentTags }
    });
    this.options.logger.debug(`${this.uri}: registered ${request.model} version ${created.version}`);
    return {
      version: withRegistrations({
        model: request.model,
        version: created.version,
        contentDigest: request.fileSet.digest,
        files: request.fileSet.files,
        createdAt,
        labels,
        aliases: [],
        attachments: attachments.sort(attachmentOrder2)
      }),
      created: true
    };
  }
  async listModels() {
    const models = (await this.api.searchRegisteredModels()).filter((model) => modelNamePattern.test(model.name)).sort((a, b) => a.name.localeCompare(b.name));
    const summaries = await mapConcurrently(models, readConcurrency2, async (model) => {
      const versions = await this.mlciVersions(model.name);
      if (versions.length === 0) return void 0;
      const numbers = new Set(versions.map((version) => version.version));
      const aliases = {};
      for (const { alias, version } of [...model.aliases].sort((a, b) => a.alias.localeCompare(b.alias)))
        if (numbers.has(version)) aliases[alias] = version;
      const summary = {
        name: model.name,
        versions: versions.length,
        latest: versions.at(-1)?.version,
        aliases
      };
      return summary;
    });
    return summaries.filter((summary) => summary !== void 0);
  }
  async listVersions(model) {
    checkModelName(model);
    const versions = await this.mlciVersions(model);
    if (versions.length === 0) throw new InputError(`model '${model}' is not in ${this.uri}`);
    return mapConcurrently(versions, readConcurrency2, (version) => this.toVersion(version));
  }
  async getVersion(model, version) {
    return this.toVersion(await this.findVersion(model, version));
  }
  async attach(model, version, attachment) {
    checkKind(attachment.kind);
    const found = await this.findVersion(model, version);
    const digest = bytesDigest(attachment.content);
    const known = attachmentsOf(found).find((other) => other.digest === digest);
    if (known) return known;
    const stored = await this.storeAttachment(model, attachment, (/* @__PURE__ */ new Date()).toISOString());
    await this.api.setModelVersionTag(
      model,
      found.version,
      attachmentTag(stored),
      attachmentTagValue(stored)
    );
    return stored;
  }
  async readAttachment(model, version, attachment) {
    await this.findVersion(model, version);
    return fetchVerified(
      this.api,
      this.api.artifactUrl(this.attachmentPath(model, attachment.digest)),
      attachment.digest,
      `${this.uri}: corrupt registry: the ${attachment.kind} attachment of model '${model}' version ${version}`
    );
  }
  async download(model, version, directory) {
    const found = await this.findVersion(model, version);
    const listing = await this.listingOf(found);
    const root = resolve3(this.options.cwd, directory);
    for (const file of listing.files) {
      await downloadVerified(
        this.api,
        this.api.artifactUrl(`${sourcePath(found, this.uri)}/files/${file.path}`),
        root,
        file,
        `${this.uri}: corrupt registry: file '${file.path}' of model '${model}' version ${found.version}`
      );
    }
  }
  /**
   * NOT atomic: MLflow has no transaction over an alias and a tag, and no compare-and-swap on an alias. The
   * order limits the damage: (1) the record is stored (content-addressed: unreferenced until step 3, harmless
   * if we stop here); (2) the alias is set — the move itself; (3) the model tag `mlci.alias.<alias>.record`
   * points at the record. Stopped between 2 and 3, the alias has moved but its history misses this move
   * (aliasHistory warns when the alias and its latest record disagree). The compare is a read before the
   * write and a read back after it: a writer that moves the alias between our read and our write is
   * overwritten without either noticing; one that moves it after our write makes us report AliasConflict.
   */
  checkMove(record) {
    checkPromotionRecord(record);
    checkAliasName(record.alias);
  }
  async moveAlias(record) {
    this.checkMove(record);
    const target = await this.findVersion(record.model, record.version);
    const current = await this.api.getModelVersionByAlias(record.model, record.alias);
    const holder = current?.version ?? null;
    if (holder !== record.previous) throw aliasConflict(record, this.uri, versionState(holder));
    const model = await this.api.getRegisteredModel(record.model);
    const previousMove = model ? tagsOf(model.tags)[aliasRecordTag(record.alias)] ?? null : null;
    const bytes = encodeMove({ record, previousMove });
    const digest = bytesDigest(bytes);
    await putBytes(
      this.api,
      this.api.artifactUrl(this.recordPath(record.model, record.alias, digest)),
      bytes
    );
    await this.api.setAlias(record.model, record.alias, target.version);
    await this.api.setRegisteredModelTag(record.model, aliasRecordTag(record.alias), digest);
    const readBack = await this.api.getModelVersionByAlias(record.model, record.alias);
    if (readBack?.version !== target.version)
      throw new AliasConflict(
        `${this.uri}: alias '${record.alias}' of model '${record.model}' was moved to ${describeHolder2(readBack?.version ?? null)} by another promotion while this one moved it`
      );
    this.options.logger.debug(
      `${this.uri}: ${record.model} alias ${record.alias} -> version ${target.version} (record ${digest})`
    );
    return { record, digest };
  }
  async aliasHistory(model, alias) {
    checkModelName(model);
    checkAliasName(alias);
    const registered = await this.api.getRegisteredModel(model);
    if (!registered) throw new InputError(`model '${model}' is not in ${this.uri}`);
    const moves = [];
    let next = tagsOf(registered.tags)[aliasRecordTag(alias)] ?? null;
    while (next !== null && moves.length < maxHistory2) {
      const where = `${this.uri}: model '${model}' alias '${alias}' record ${next}`;
      const bytes = await fetchVerified(
        this.api,
        this.api.artifactUrl(this.recordPath(model, alias, next)),
        next,
        `${where}: corrupt registry`
      );
      const stored = decodeMove(bytes, `${where}: corrupt promotion record`).move;
      moves.push({ record: stored.record, digest: next });
      next = stored.previousMove;
    }
    const holder = registered.aliases.find((entry) => entry.alias === alias)?.version;
    if (holder !== void 0 && moves[0] && moves[0].record.version !== holder)
      this.options.logger.warn(
        `${this.uri}: alias '${alias}' of model '${model}' points at version ${holder}, its latest record at version ${moves[0].record.version}: it was moved without a record (by hand, or a promotion stopped halfway)`
      );
    return moves;
  }
  /** The wire version for a number or an alias; InputError when there is none. */
  async findVersion(model, version) {
    checkModelName(model);
    let found;
    if (versionPattern.test(version)) found = await this.api.getModelVersion(model, version);
    else if (version === latestVersion) found = (await this.mlciVersions(model)).at(-1);
    else if (version !== "") found = await this.api.getModelVersionByAlias(model, version);
    if (!found || found.tags.every((tag) => tag.key !== contentDigestTag))
      throw new InputError(`model '${model}' has no ${versionOrAlias(version)} in ${this.uri}`);
    return found;
  }
  /** The model's versions made by mlci (with a content digest tag), oldest first. */
  async mlciVersions(model) {
    return (await this.api.searchModelVersions(model)).filter(
      (version) => version.status !== "FAILED_REGISTRATION" && contentDigestOf(version) !== void 0 && versionPattern.test(version.version)
    ).sort((a, b) => Number(a.version) - Number(b.version));
  }
  async listingOf(found) {
    const where = `${this.uri}: model '${found.name}' version ${found.version}`;
    const bytes = await fetchBytes(
      this.api,
      this.api.artifactUrl(`${sourcePath(found, this.uri)}/${filesListingName}`)
    );
    return parseListing(bytes, tagsOf(found.tags)[contentDigestTag] ?? "", where);
  }
  async toVersion(found) {
    const tags = tagsOf(found.tags);
    const listing = await this.listingOf(found);
    const labels = Object.fromEntries(Object.entries(tags).filter(([key]) => !key.startsWith(mlciTagPrefix)));
    return withRegistrations({
      model: found.name,
      version: found.version,
      contentDigest: listing.contentDigest,
      files: listing.files,
      createdAt: labels[versionLabels.created] ?? isoOf(found.creation_timestamp),
      labels,
      aliases: [...found.aliases].sort(),
      attachments: attachmentsOf(found)
    });
  }
  async storeAttachment(model, attachment, createdAt) {
    const digest = bytesDigest(attachment.content);
    await putBytes(this.api, this.api.artifactUrl(this.attachmentPath(model, digest)), attachment.content);
    const stored = {
      kind: attachment.kind,
      mediaType: attachment.mediaType,
      digest,
      size: attachment.content.length,
      createdAt,
      annotations: attachment.annotations ?? {}
    };
    if (attachmentTagValue(stored).length > mlflowLimits.tagValueLength)
      throw new InputError(
        `attachment '${attachment.kind}': its annotations make a tag longer than MLflow's ${mlflowLimits.tagValueLength} characters`
      );
    return stored;
  }
  /** Labels become version tags: MLflow's key rules apply, and `mlci.` is ours. */
  checkLabels(labels) {
    for (const [key, value] of Object.entries(labels)) {
      const problem = mlflowKeyProblem(key);
      if (problem) throw new InputError(`label '${key}': MLflow refuses this tag key: it ${problem}`);
      if (key.startsWith(mlciTagPrefix))
        throw new InputError(`label '${key}': the '${mlciTagPrefix}' prefix is reserved for mlci's own tags`);
      if (Array.from(value).length > mlflowLimits.tagValueLength)
        throw new InputError(
          `label '${key}': longer than MLflow's ${mlflowLimits.tagValueLength} characters`
        );
    }
    return { ...labels };
  }
  versionDirectory(model, contentDigest) {
    return `mlci/${model}/versions/${hexOf(contentDigest)}`;
  }
  attachmentPath(model, digest) {
    return `mlci/${model}/attachments/${hexOf(digest)}`;
  }
  recordPath(model, alias, digest) {
    return `mlci/${model}/aliases/${alias}/${hexOf(digest)}.json`;
  }
};
function sourcePath(found, uri) {
  const match = /^mlflow-artifacts:\/*(.+?)\/*$/.exec(found.source);
  if (!match?.[1])
    throw new ServiceError(
      `${uri}: model '${found.name}' version ${found.version} has source '${found.source}', not an mlflow-artifacts: path written by mlci`
    );
  return match[1];
}
function contentDigestOf(version) {
  return version.tags.find((tag) => tag.key === contentDigestTag)?.value;
}
function attachmentTag(attachment) {
  return `${attachmentTagPrefix}${attachment.kind}.${hexOf(attachment.digest)}`;
}
function attachmentTagValue(attachment) {
  return JSON.stringify({
    mediaType: attachment.mediaType,
    size: attachment.size,
    createdAt: attachment.createdAt,
    annotations: attachment.annotations
  });
}
function attachmentsOf(found) {
  const attachments = [];
  for (const { key, value } of found.tags) {
    if (!key.startsWith(attachmentTagPrefix)) continue;
    const rest = key.slice(attachmentTagPrefix.length);
    const dot = rest.lastIndexOf(".");
    const hex = rest.slice(dot + 1);
    if (dot <= 0 || !/^[0-9a-f]{64}$/.test(hex)) continue;
    let meta;
    try {
      meta = parseJson(value, "tag", "service");
    } catch {
      continue;
    }
    attachments.push({
      kind: rest.slice(0, dot),
      mediaType: meta.mediaType ?? "application/octet-stream",
      digest: `sha256:${hex}`,
      size: meta.size ?? 0,
      createdAt: meta.createdAt ?? "",
      annotations: meta.annotations ?? {}
    });
  }
  return attachments.sort(attachmentOrder2);
}
function attachmentOrder2(a, b) {
  return a.createdAt.localeCompare(b.createdAt) || a.kind.localeCompare(b.kind) || a.digest.localeCompare(b.digest);
}
function isoOf(timestamp) {
  const millis = Number(timestamp);
  return timestamp === void 0 || !Number.isFinite(millis) ? "" : new Date(millis).toISOString();
}
function describeHolder2(version) {
  return version === null ? "no version (unset)" : `version ${version}`;
}
export {
  aliasRecordTag,
  openMlflowRegistry
};
