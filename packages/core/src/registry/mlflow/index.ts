import { resolve } from 'node:path';
import { InputError, ServiceError } from '../../errors';
import { mapConcurrently } from '../../io/concurrency';
import { bytesDigest } from '../../io/digest';
import { parseJson } from '../../io/json';
import type { RetryPolicy } from '../../io/retry';
import { mlflowKeyProblem, mlflowLimits } from '../../mlflow/client';
import { aliasConflict, checkPromotionRecord, decodeMove, encodeMove, versionState } from '../alias-move';
import { existingVersionAttachments, newVersionAttachments, withRegistrations } from '../registrations';
import {
  AliasConflict,
  type AliasMove,
  type Attachment,
  type BackendOptions,
  latestVersion,
  type ModelRegistry,
  type ModelSummary,
  type ModelVersion,
  modelNamePattern,
  type NewAttachment,
  type PromotionRecord,
  type RegisterOutcome,
  type RegisterRequest,
  versionLabels,
  versionOrAlias,
} from '../registry';
import { RegistryApi, tagsOf, type WireModelVersion } from './api';
import {
  attachmentTagPrefix,
  checkAliasName,
  checkKind,
  checkModelName,
  checkRegisterPaths,
  contentDigestTag,
  downloadVerified,
  type FilesListing,
  fetchBytes,
  fetchVerified,
  filesListingName,
  hexOf,
  jsonBytes,
  mlciTagPrefix,
  parseListing,
  putBytes,
  putFile,
  versionPattern,
} from './common';
import { gitlabMlflowPath, gitlabTrackingUri, openGitlabRegistry } from './gitlab';

/** Concurrent reads when listing many versions. */
const readConcurrency = 8;
/** A history longer than this is a loop in corrupt data, not a history. */
const maxHistory = 100_000;

export interface MlflowRegistryTuning {
  retry?: RetryPolicy;
  timeoutMs?: number;
}

/**
 * `mlflow+http(s)://HOST[:PORT][/PATH]`: an MLflow tracking server with its model registry and its artifact
 * proxy (`mlflow server` serves both by default since MLflow 2.0; `--no-serve-artifacts` turns the proxy off and
 * this backend with it). Auth from MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD.
 *
 * Model NAME is the registered model NAME; versions are MLflow's own numbers. Where things live:
 *   mlflow-artifacts:/mlci/<model>/versions/<content hex>/files/<path>     the version's files
 *   mlflow-artifacts:/mlci/<model>/versions/<content hex>/mlci-files.json  their list (paths, digests, modes)
 *   mlflow-artifacts:/mlci/<model>/attachments/<hex>                       attachment contents
 *   mlflow-artifacts:/mlci/<model>/aliases/<alias>/<hex>.json              promotion records ({record, previousMove})
 * The version's source is its `versions/<content hex>` directory; its tags are the labels, `mlci.content.digest`
 * and one `mlci.attachment.<kind>.<hex>` per attachment (its media type, size, time and annotations as JSON).
 * The registered model's tag `mlci.alias.<alias>.record` names the latest promotion record of each alias.
 * Stages are not used (deprecated since MLflow 2.9): aliases only.
 *
 * Paths are content-addressed, so a retried upload writes the same bytes to the same place; a version is
 * created (with all its tags in that one request) only after its files, list and attachments are uploaded, so
 * no reader sees a version without them.
 */
export async function openMlflowRegistry(
  uri: string,
  options: BackendOptions,
  tuning: MlflowRegistryTuning = {},
): Promise<ModelRegistry> {
  if (/^gitlab\+/i.test(uri)) return openGitlabRegistry(uri, gitlabTrackingUri(uri), options, tuning);
  const api = new RegistryApi(uri, { env: options.env, logger: options.logger, ...tuning });
  // GitLab's MLflow-compatible endpoint, given as the tracking URI its docs show.
  if (gitlabMlflowPath.test(new URL(api.baseUrl).pathname))
    return openGitlabRegistry(uri, uri, options, tuning);
  return new MlflowRegistry(uri, api, options);
}

export const aliasRecordTag = (alias: string) => `mlci.alias.${alias}.record`;

class MlflowRegistry implements ModelRegistry {
  constructor(
    readonly uri: string,
    private readonly api: RegistryApi,
    private readonly options: BackendOptions,
  ) {}

  async register(request: RegisterRequest): Promise<RegisterOutcome> {
    checkModelName(request.model);
    checkRegisterPaths(request.fileSet.files, this.uri);
    const labels = this.checkLabels(request.labels);
    for (const attachment of request.attachments) checkKind(attachment.kind);

    await this.api.createRegisteredModel(request.model);
    // Two jobs registering the same new content at the same moment may both miss this and make two versions
    // of it: nothing is lost (MLflow has no conditional create to prevent it).
    const same = (await this.mlciVersions(request.model)).find(
      (version) => contentDigestOf(version) === request.fileSet.digest,
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
        resolve(this.options.cwd, request.directory, file.path),
        file.size,
      );
    }
    const listing: FilesListing = { contentDigest: request.fileSet.digest, files: request.fileSet.files };
    await putBytes(this.api, this.api.artifactUrl(`${directory}/${filesListingName}`), jsonBytes(listing));
    const createdAt = labels[versionLabels.created] ?? new Date().toISOString();
    const attachmentTags: Record<string, string> = {};
    const attachments: Attachment[] = [];
    for (const attachment of newVersionAttachments(request)) {
      const stored = await this.storeAttachment(request.model, attachment, createdAt);
      attachmentTags[attachmentTag(stored)] = attachmentTagValue(stored);
      if (!attachments.some((other) => other.digest === stored.digest)) attachments.push(stored);
    }
    const created = await this.api.createModelVersion({
      name: request.model,
      source: `mlflow-artifacts:/${directory}`,
      tags: { ...labels, [contentDigestTag]: request.fileSet.digest, ...attachmentTags },
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
        attachments: attachments.sort(attachmentOrder),
      }),
      created: true,
    };
  }

  async listModels(): Promise<ModelSummary[]> {
    const models = (await this.api.searchRegisteredModels())
      .filter((model) => modelNamePattern.test(model.name))
      .sort((a, b) => a.name.localeCompare(b.name));
    const summaries = await mapConcurrently(models, readConcurrency, async (model) => {
      const versions = await this.mlciVersions(model.name);
      // A registered model without an mlci version was made by another tool: not one of ours.
      if (versions.length === 0) return undefined;
      const numbers = new Set(versions.map((version) => version.version));
      const aliases: Record<string, string> = {};
      for (const { alias, version } of [...model.aliases].sort((a, b) => a.alias.localeCompare(b.alias)))
        if (numbers.has(version)) aliases[alias] = version;
      const summary: ModelSummary = {
        name: model.name,
        versions: versions.length,
        latest: versions.at(-1)?.version,
        aliases,
      };
      return summary;
    });
    return summaries.filter((summary): summary is ModelSummary => summary !== undefined);
  }

  async listVersions(model: string): Promise<ModelVersion[]> {
    checkModelName(model);
    const versions = await this.mlciVersions(model);
    if (versions.length === 0) throw new InputError(`model '${model}' is not in ${this.uri}`);
    return mapConcurrently(versions, readConcurrency, (version) => this.toVersion(version));
  }

  async getVersion(model: string, version: string): Promise<ModelVersion> {
    return this.toVersion(await this.findVersion(model, version));
  }

  async attach(model: string, version: string, attachment: NewAttachment): Promise<Attachment> {
    checkKind(attachment.kind);
    const found = await this.findVersion(model, version);
    const digest = bytesDigest(attachment.content);
    // The same bytes are attached once: a reproduced run adds its own lineage, a retried attach nothing.
    const known = attachmentsOf(found).find((other) => other.digest === digest);
    if (known) return known;
    const stored = await this.storeAttachment(model, attachment, new Date().toISOString());
    // Content first, tag second: a reader that sees the tag finds the content.
    await this.api.setModelVersionTag(
      model,
      found.version,
      attachmentTag(stored),
      attachmentTagValue(stored),
    );
    return stored;
  }

  async readAttachment(model: string, version: string, attachment: Attachment): Promise<Uint8Array> {
    await this.findVersion(model, version);
    return fetchVerified(
      this.api,
      this.api.artifactUrl(this.attachmentPath(model, attachment.digest)),
      attachment.digest,
      `${this.uri}: corrupt registry: the ${attachment.kind} attachment of model '${model}' version ${version}`,
    );
  }

  async download(model: string, version: string, directory: string): Promise<void> {
    const found = await this.findVersion(model, version);
    const listing = await this.listingOf(found);
    const root = resolve(this.options.cwd, directory);
    for (const file of listing.files) {
      await downloadVerified(
        this.api,
        this.api.artifactUrl(`${sourcePath(found, this.uri)}/files/${file.path}`),
        root,
        file,
        `${this.uri}: corrupt registry: file '${file.path}' of model '${model}' version ${found.version}`,
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
  checkMove(record: PromotionRecord): void {
    checkPromotionRecord(record);
    checkAliasName(record.alias);
  }

  async moveAlias(record: PromotionRecord): Promise<AliasMove> {
    this.checkMove(record);
    const target = await this.findVersion(record.model, record.version);
    const current = await this.api.getModelVersionByAlias(record.model, record.alias);
    const holder = current?.version ?? null;
    if (holder !== record.previous) throw aliasConflict(record, this.uri, versionState(holder));
    const model = await this.api.getRegisteredModel(record.model);
    const previousMove = model ? (tagsOf(model.tags)[aliasRecordTag(record.alias)] ?? null) : null;
    const bytes = encodeMove({ record, previousMove });
    const digest = bytesDigest(bytes);
    await putBytes(
      this.api,
      this.api.artifactUrl(this.recordPath(record.model, record.alias, digest)),
      bytes,
    );
    await this.api.setAlias(record.model, record.alias, target.version);
    await this.api.setRegisteredModelTag(record.model, aliasRecordTag(record.alias), digest);
    const readBack = await this.api.getModelVersionByAlias(record.model, record.alias);
    if (readBack?.version !== target.version)
      throw new AliasConflict(
        `${this.uri}: alias '${record.alias}' of model '${record.model}' was moved to ${describeHolder(readBack?.version ?? null)} by another promotion while this one moved it`,
      );
    this.options.logger.debug(
      `${this.uri}: ${record.model} alias ${record.alias} -> version ${target.version} (record ${digest})`,
    );
    return { record, digest };
  }

  async aliasHistory(model: string, alias: string): Promise<AliasMove[]> {
    checkModelName(model);
    checkAliasName(alias);
    const registered = await this.api.getRegisteredModel(model);
    if (!registered) throw new InputError(`model '${model}' is not in ${this.uri}`);
    const moves: AliasMove[] = [];
    let next: string | null = tagsOf(registered.tags)[aliasRecordTag(alias)] ?? null;
    while (next !== null && moves.length < maxHistory) {
      const where = `${this.uri}: model '${model}' alias '${alias}' record ${next}`;
      const bytes = await fetchVerified(
        this.api,
        this.api.artifactUrl(this.recordPath(model, alias, next)),
        next,
        `${where}: corrupt registry`,
      );
      const stored = decodeMove(bytes, `${where}: corrupt promotion record`).move;
      moves.push({ record: stored.record, digest: next });
      next = stored.previousMove;
    }
    const holder = registered.aliases.find((entry) => entry.alias === alias)?.version;
    if (holder !== undefined && moves[0] && moves[0].record.version !== holder)
      this.options.logger.warn(
        `${this.uri}: alias '${alias}' of model '${model}' points at version ${holder}, its latest record at version ${moves[0].record.version}: it was moved without a record (by hand, or a promotion stopped halfway)`,
      );
    return moves;
  }

  /** The wire version for a number or an alias; InputError when there is none. */
  private async findVersion(model: string, version: string): Promise<WireModelVersion> {
    checkModelName(model);
    let found: WireModelVersion | undefined;
    if (versionPattern.test(version)) found = await this.api.getModelVersion(model, version);
    else if (version === latestVersion) found = (await this.mlciVersions(model)).at(-1);
    else if (version !== '') found = await this.api.getModelVersionByAlias(model, version);
    if (!found || found.tags.every((tag) => tag.key !== contentDigestTag))
      throw new InputError(`model '${model}' has no ${versionOrAlias(version)} in ${this.uri}`);
    return found;
  }

  /** The model's versions made by mlci (with a content digest tag), oldest first. */
  private async mlciVersions(model: string): Promise<WireModelVersion[]> {
    return (await this.api.searchModelVersions(model))
      .filter(
        (version) =>
          version.status !== 'FAILED_REGISTRATION' &&
          contentDigestOf(version) !== undefined &&
          versionPattern.test(version.version),
      )
      .sort((a, b) => Number(a.version) - Number(b.version));
  }

  private async listingOf(found: WireModelVersion): Promise<FilesListing> {
    const where = `${this.uri}: model '${found.name}' version ${found.version}`;
    const bytes = await fetchBytes(
      this.api,
      this.api.artifactUrl(`${sourcePath(found, this.uri)}/${filesListingName}`),
    );
    return parseListing(bytes, tagsOf(found.tags)[contentDigestTag] ?? '', where);
  }

  private async toVersion(found: WireModelVersion): Promise<ModelVersion> {
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
      attachments: attachmentsOf(found),
    });
  }

  private async storeAttachment(
    model: string,
    attachment: NewAttachment,
    createdAt: string,
  ): Promise<Attachment> {
    const digest = bytesDigest(attachment.content);
    await putBytes(this.api, this.api.artifactUrl(this.attachmentPath(model, digest)), attachment.content);
    const stored: Attachment = {
      kind: attachment.kind,
      mediaType: attachment.mediaType,
      digest,
      size: attachment.content.length,
      createdAt,
      annotations: attachment.annotations ?? {},
    };
    if (attachmentTagValue(stored).length > mlflowLimits.tagValueLength)
      throw new InputError(
        `attachment '${attachment.kind}': its annotations make a tag longer than MLflow's ${mlflowLimits.tagValueLength} characters`,
      );
    return stored;
  }

  /** Labels become version tags: MLflow's key rules apply, and `mlci.` is ours. */
  private checkLabels(labels: Record<string, string>): Record<string, string> {
    for (const [key, value] of Object.entries(labels)) {
      const problem = mlflowKeyProblem(key);
      if (problem) throw new InputError(`label '${key}': MLflow refuses this tag key: it ${problem}`);
      if (key.startsWith(mlciTagPrefix))
        throw new InputError(`label '${key}': the '${mlciTagPrefix}' prefix is reserved for mlci's own tags`);
      if (Array.from(value).length > mlflowLimits.tagValueLength)
        throw new InputError(
          `label '${key}': longer than MLflow's ${mlflowLimits.tagValueLength} characters`,
        );
    }
    return { ...labels };
  }

  private versionDirectory(model: string, contentDigest: string): string {
    return `mlci/${model}/versions/${hexOf(contentDigest)}`;
  }

  private attachmentPath(model: string, digest: string): string {
    return `mlci/${model}/attachments/${hexOf(digest)}`;
  }

  private recordPath(model: string, alias: string, digest: string): string {
    return `mlci/${model}/aliases/${alias}/${hexOf(digest)}.json`;
  }
}

/** The proxy path of a version's source (`mlflow-artifacts:/mlci/...`). */
function sourcePath(found: WireModelVersion, uri: string): string {
  const match = /^mlflow-artifacts:\/*(.+?)\/*$/.exec(found.source);
  if (!match?.[1])
    throw new ServiceError(
      `${uri}: model '${found.name}' version ${found.version} has source '${found.source}', not an mlflow-artifacts: path written by mlci`,
    );
  return match[1];
}

function contentDigestOf(version: WireModelVersion): string | undefined {
  return version.tags.find((tag) => tag.key === contentDigestTag)?.value;
}

function attachmentTag(attachment: Attachment): string {
  return `${attachmentTagPrefix}${attachment.kind}.${hexOf(attachment.digest)}`;
}

function attachmentTagValue(attachment: Attachment): string {
  return JSON.stringify({
    mediaType: attachment.mediaType,
    size: attachment.size,
    createdAt: attachment.createdAt,
    annotations: attachment.annotations,
  });
}

/** The attachments a version's tags describe, oldest first. */
function attachmentsOf(found: WireModelVersion): Attachment[] {
  const attachments: Attachment[] = [];
  for (const { key, value } of found.tags) {
    if (!key.startsWith(attachmentTagPrefix)) continue;
    const rest = key.slice(attachmentTagPrefix.length);
    const dot = rest.lastIndexOf('.');
    const hex = rest.slice(dot + 1);
    if (dot <= 0 || !/^[0-9a-f]{64}$/.test(hex)) continue;
    let meta: Partial<Omit<Attachment, 'kind' | 'digest'>>;
    try {
      meta = parseJson(value, 'tag', 'service') as typeof meta;
    } catch {
      continue; // someone else's tag under our prefix: not an attachment
    }
    attachments.push({
      kind: rest.slice(0, dot),
      mediaType: meta.mediaType ?? 'application/octet-stream',
      digest: `sha256:${hex}`,
      size: meta.size ?? 0,
      createdAt: meta.createdAt ?? '',
      annotations: meta.annotations ?? {},
    });
  }
  return attachments.sort(attachmentOrder);
}

function attachmentOrder(a: Attachment, b: Attachment): number {
  return (
    a.createdAt.localeCompare(b.createdAt) || a.kind.localeCompare(b.kind) || a.digest.localeCompare(b.digest)
  );
}

function isoOf(timestamp: number | string | undefined): string {
  const millis = Number(timestamp);
  return timestamp === undefined || !Number.isFinite(millis) ? '' : new Date(millis).toISOString();
}

function describeHolder(version: string | null): string {
  return version === null ? 'no version (unset)' : `version ${version}`;
}
