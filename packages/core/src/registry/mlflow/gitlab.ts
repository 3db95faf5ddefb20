import { resolve } from 'node:path';
import { InputError, ServiceError } from '../../errors';
import { mapConcurrently } from '../../io/concurrency';
import { bytesDigest } from '../../io/digest';
import { parseJson } from '../../io/json';
import { MlflowRequestError } from '../../mlflow/client';
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
import type { MlflowRegistryTuning } from './index';

const readConcurrency = 8;
const maxVersionAttempts = 20;
const maxHistory = 100_000;
/** The line of the registered model's description that holds mlci's aliases (GitLab has no alias writes). */
const aliasLinePrefix = 'mlci-aliases: ';

interface AliasEntry {
  version: string;
  /** Digest of the latest stored move, kept in that version's files. */
  record: string;
}

/** `https://HOST/api/v4/projects/<id or path>/ml/mlflow`: GitLab's MLflow-compatible endpoint. */
export const gitlabMlflowPath = /\/api\/v4\/projects\/[^/]+\/ml\/mlflow$/;

/**
 * `gitlab+https://HOST[:PORT]/GROUP/PROJECT` (or `.../PROJECT_ID`) → `mlflow+https://HOST/api/v4/projects/<id>/ml/mlflow`,
 * the tracking URI GitLab's docs give. An `mlflow+https://` URI with that path is GitLab too.
 */
export function gitlabTrackingUri(uri: string): string {
  const match = /^gitlab\+(https?):\/\/([^/]+)\/(.+?)\/*$/i.exec(uri);
  if (!match)
    throw new InputError(
      `registry '${uri}': expected gitlab+https://HOST/GROUP/PROJECT (or the project's numeric id)`,
    );
  return `mlflow+${match[1]?.toLowerCase()}://${match[2]}/api/v4/projects/${encodeURIComponent(match[3] as string)}/ml/mlflow`;
}

/**
 * GitLab's model registry through its MLflow-compatible API (GitLab 17.9 or later: artifact downloads through
 * that API came then). Only what GitLab documents is used: registered-models create/get/search/update,
 * registered-models/get-latest-versions, model-versions create/get, runs/get (a version's run gives the URL its
 * files are uploaded to: GitLab's model package) and the `mlflow-artifacts` listing and download of a version's
 * files. What GitLab lacks, and what mlci does instead:
 *   - versions must be semantic versions: mlci version N is GitLab version `N.0.0`, set with the `gitlab.version`
 *     tag at creation. mlci numbers versions in registration order (train registers on the main branch, long
 *     before a release tag exists); the release tag that promotes a version is kept in its promotion record.
 *   - no tag writes after creation: labels and the content digest are tags given at creation; attachments are
 *     files of the version (`mlci-attachment-<kind>-<hex>.json` describing `sha256-<hex>`).
 *   - no directories in a version's files: files are stored flat as `sha256-<hex>`, with `mlci-files.json`
 *     mapping paths to them. It is uploaded last: a version without it is an unfinished registration and is
 *     skipped (GitLab creates the version before its files can be uploaded).
 *   - no alias writes: the registered model's description holds a line `mlci-aliases: {"<alias>":
 *     {"version": "N", "record": "sha256:…"}}` (rewritten on each move; the rest of the description is kept);
 *     records are files of the version the alias moved to.
 */
export async function openGitlabRegistry(
  uri: string,
  trackingUri: string,
  options: BackendOptions,
  tuning: MlflowRegistryTuning = {},
): Promise<ModelRegistry> {
  const api = new RegistryApi(trackingUri, { env: options.env, logger: options.logger, ...tuning });
  return new GitlabRegistry(uri, api, options);
}

type Finished = WireModelVersion & { number: string; listing: FilesListing };

class GitlabRegistry implements ModelRegistry {
  constructor(
    readonly uri: string,
    private readonly api: RegistryApi,
    private readonly options: BackendOptions,
  ) {}

  async register(request: RegisterRequest): Promise<RegisterOutcome> {
    checkModelName(request.model);
    checkRegisterPaths(request.fileSet.files, this.uri);
    for (const attachment of request.attachments) checkKind(attachment.kind);
    for (const key of Object.keys(request.labels))
      if (key.startsWith(mlciTagPrefix) || key.startsWith('gitlab.'))
        throw new InputError(`label '${key}': the 'mlci.' and 'gitlab.' prefixes are reserved`);

    await this.api.createRegisteredModel(request.model);
    const existing = await this.finishedVersions(request.model);
    const same = existing.find((version) => version.listing.contentDigest === request.fileSet.digest);
    if (same) {
      const aliases = aliasesIn((await this.api.getRegisteredModel(request.model))?.description);
      for (const attachment of existingVersionAttachments(await this.toVersion(same, aliases), request))
        await this.attach(request.model, same.number, attachment);
      return { version: await this.getVersion(request.model, same.number), created: false };
    }

    const createdAt = request.labels[versionLabels.created] ?? new Date().toISOString();
    const labels = { ...request.labels, [versionLabels.created]: createdAt };
    let number = (await this.latestNumber(request.model)) + 1;
    let created: WireModelVersion | undefined;
    for (let attempt = 0; attempt < maxVersionAttempts && !created; attempt++, number++) {
      try {
        created = await this.api.createModelVersion({
          name: request.model,
          source: '',
          tags: { 'gitlab.version': `${number}.0.0`, ...labels, [contentDigestTag]: request.fileSet.digest },
        });
      } catch (error) {
        // Another job took this semantic version (GitLab refuses a duplicate): take the next.
        if (!(error instanceof MlflowRequestError && error.errorCode === 'INVALID_PARAMETER_VALUE'))
          throw error;
        this.options.logger.debug(`${this.uri}: ${request.model} ${number}.0.0 is taken, trying the next`);
      }
    }
    if (!created)
      throw new ServiceError(
        `${this.uri}: other writers took ${maxVersionAttempts} versions of '${request.model}' in a row`,
      );
    const version = String(number - 1);
    const upload = await this.uploadBase(created);
    for (const file of request.fileSet.files)
      await putFile(
        this.api,
        `${upload}/${blobName(file.digest)}`,
        resolve(this.options.cwd, request.directory, file.path),
        file.size,
      );
    const attachments: Attachment[] = [];
    for (const attachment of newVersionAttachments(request)) {
      const stored = await this.storeAttachment(upload, attachment, createdAt);
      if (!attachments.some((other) => other.digest === stored.digest)) attachments.push(stored);
    }
    // Last: its presence is what makes the version visible to mlci.
    const listing: FilesListing = { contentDigest: request.fileSet.digest, files: request.fileSet.files };
    await putBytes(this.api, `${upload}/${filesListingName}`, jsonBytes(listing));
    this.options.logger.debug(
      `${this.uri}: registered ${request.model} version ${version} (${number - 1}.0.0)`,
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
        attachments: attachments.sort(attachmentOrder),
      }),
      created: true,
    };
  }

  async listModels(): Promise<ModelSummary[]> {
    const models = (await this.api.searchRegisteredModels())
      .filter((model) => modelNamePattern.test(model.name))
      .sort((a, b) => a.name.localeCompare(b.name));
    const summaries = await mapConcurrently(models, 2, async (model) => {
      const versions = await this.finishedVersions(model.name);
      if (versions.length === 0) return undefined;
      const summary: ModelSummary = {
        name: model.name,
        versions: versions.length,
        latest: versions.at(-1)?.number,
        aliases: Object.fromEntries(
          Object.entries(aliasesIn(model.description)).map(([alias, entry]) => [alias, entry.version]),
        ),
      };
      return summary;
    });
    return summaries.filter((summary): summary is ModelSummary => summary !== undefined);
  }

  async listVersions(model: string): Promise<ModelVersion[]> {
    checkModelName(model);
    const versions = await this.finishedVersions(model);
    if (versions.length === 0) throw new InputError(`model '${model}' is not in ${this.uri}`);
    const aliases = aliasesIn((await this.api.getRegisteredModel(model))?.description);
    return mapConcurrently(versions, readConcurrency, (version) => this.toVersion(version, aliases));
  }

  async getVersion(model: string, version: string): Promise<ModelVersion> {
    const { found, aliases } = await this.findVersion(model, version);
    return this.toVersion(found, aliases);
  }

  async attach(model: string, version: string, attachment: NewAttachment): Promise<Attachment> {
    checkKind(attachment.kind);
    const { found } = await this.findVersion(model, version);
    const digest = bytesDigest(attachment.content);
    const known = (await this.attachmentsOf(found)).find((other) => other.digest === digest);
    if (known) return known;
    return this.storeAttachment(await this.uploadBase(found), attachment, new Date().toISOString());
  }

  async readAttachment(model: string, version: string, attachment: Attachment): Promise<Uint8Array> {
    const { found } = await this.findVersion(model, version);
    return fetchVerified(
      this.api,
      this.fileUrl(found, blobName(attachment.digest)),
      attachment.digest,
      `${this.uri}: corrupt registry: the ${attachment.kind} attachment of model '${model}' version ${found.number}`,
    );
  }

  async download(model: string, version: string, directory: string): Promise<void> {
    const { found } = await this.findVersion(model, version);
    const root = resolve(this.options.cwd, directory);
    for (const file of found.listing.files)
      await downloadVerified(
        this.api,
        this.fileUrl(found, blobName(file.digest)),
        root,
        file,
        `${this.uri}: corrupt registry: file '${file.path}' of model '${model}' version ${found.number}`,
      );
  }

  /**
   * NOT atomic: GitLab has no alias writes, so the alias is a line of the registered model's description, and a
   * PATCH of a description is no compare-and-swap. Order: (1) the record is stored as a file of the target
   * version (unreferenced, harmless if we stop here); (2) the description is rewritten — the move. The compare
   * is a read before and a read back after: a writer that rewrites the description between our read and our
   * write is overwritten unnoticed; one after our write makes us report AliasConflict.
   */
  checkMove(record: PromotionRecord): void {
    checkPromotionRecord(record);
    checkAliasName(record.alias);
  }

  async moveAlias(record: PromotionRecord): Promise<AliasMove> {
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
        `${this.uri}: alias '${record.alias}' of model '${record.model}' was moved to ${describeHolder(readBack?.version ?? null)} by another promotion while this one moved it`,
      );
    return { record, digest };
  }

  async aliasHistory(model: string, alias: string): Promise<AliasMove[]> {
    checkModelName(model);
    checkAliasName(alias);
    const registered = await this.api.getRegisteredModel(model);
    if (!registered) throw new InputError(`model '${model}' is not in ${this.uri}`);
    const entry = aliasesIn(registered.description)[alias];
    const moves: AliasMove[] = [];
    // Each record is a file of the version its move went to; the move before it went to `record.previous`.
    let next: { digest: string; version: string } | null = entry
      ? { digest: entry.record, version: entry.version }
      : null;
    while (next !== null && moves.length < maxHistory) {
      const where = `${this.uri}: model '${model}' alias '${alias}' record ${next.digest}`;
      const holder = await this.api.getModelVersion(model, `${next.version}.0.0`);
      if (!holder) throw new ServiceError(`${where}: version ${next.version} that holds it is gone`);
      const stored = decodeMove(
        await fetchVerified(
          this.api,
          this.fileUrl(holder, recordName(alias, next.digest)),
          next.digest,
          where,
        ),
        `${where}: corrupt promotion record`,
      ).move;
      moves.push({ record: stored.record, digest: next.digest });
      next =
        stored.previousMove && stored.record.previous
          ? { digest: stored.previousMove, version: stored.record.previous }
          : null;
    }
    return moves;
  }

  /** The highest `N` of the model's `N.x.y` versions; 0 when it has none (or does not exist). */
  private async latestNumber(model: string): Promise<number> {
    let latest: WireModelVersion[];
    try {
      latest = await this.api.getLatestVersions(model);
    } catch (error) {
      if (error instanceof MlflowRequestError && error.errorCode === 'RESOURCE_DOES_NOT_EXIST') return 0;
      throw error;
    }
    return Math.max(0, ...latest.map((version) => Number(semverOf(version)?.split('.')[0] ?? 0)));
  }

  /** Versions 1..latest whose registration finished (their file list exists), oldest first. */
  private async finishedVersions(model: string): Promise<Finished[]> {
    const latest = await this.latestNumber(model);
    const numbers = Array.from({ length: latest }, (_, index) => String(index + 1));
    const found = await mapConcurrently(numbers, readConcurrency, (number) => this.finished(model, number));
    return found.filter((version): version is Finished => version !== undefined);
  }

  private async finished(model: string, number: string): Promise<Finished | undefined> {
    const wire = await this.api.getModelVersion(model, `${number}.0.0`);
    if (!wire) return undefined;
    const digest = tagsOf(wire.tags)[contentDigestTag];
    if (!digest) return undefined; // made by another tool
    let bytes: Uint8Array;
    try {
      bytes = await fetchBytes(this.api, this.fileUrl(wire, filesListingName));
    } catch (error) {
      if (error instanceof MlflowRequestError && error.status === 404) return undefined; // unfinished
      throw error;
    }
    const listing = parseListing(bytes, digest, `${this.uri}: model '${model}' version ${number}`);
    return { ...wire, number, listing };
  }

  private async findVersion(
    model: string,
    version: string,
  ): Promise<{ found: Finished; aliases: Record<string, AliasEntry> }> {
    checkModelName(model);
    const registered = await this.api.getRegisteredModel(model);
    const aliases = aliasesIn(registered?.description);
    const number = versionPattern.test(version)
      ? version
      : version === latestVersion
        ? registered && (await this.finishedVersions(model)).at(-1)?.number
        : aliases[version]?.version;
    const found = registered && number ? await this.finished(model, number) : undefined;
    if (!found) throw new InputError(`model '${model}' has no ${versionOrAlias(version)} in ${this.uri}`);
    return { found, aliases };
  }

  private async toVersion(found: Finished, aliases: Record<string, AliasEntry>): Promise<ModelVersion> {
    const tags = tagsOf(found.tags);
    const labels = Object.fromEntries(
      Object.entries(tags).filter(([key]) => !key.startsWith(mlciTagPrefix) && !key.startsWith('gitlab.')),
    );
    return withRegistrations({
      model: found.name,
      version: found.number,
      contentDigest: found.listing.contentDigest,
      files: found.listing.files,
      createdAt: labels[versionLabels.created] ?? '',
      labels,
      aliases: Object.entries(aliases)
        .filter(([, entry]) => entry.version === found.number)
        .map(([alias]) => alias)
        .sort(),
      attachments: await this.attachmentsOf(found),
    });
  }

  /** The version's `mlci-attachment-*.json` files. */
  private async attachmentsOf(found: WireModelVersion): Promise<Attachment[]> {
    const names = (await this.api.listArtifacts(found.version))
      .map((file) => file.path.split('/').at(-1) ?? '')
      .filter((name) => /^mlci-attachment-.+\.json$/.test(name));
    const attachments = await mapConcurrently([...new Set(names)], readConcurrency, async (name) => {
      const bytes = await fetchBytes(this.api, this.fileUrl(found, name));
      try {
        return parseJson(bytes, name, 'service') as Attachment;
      } catch {
        throw new ServiceError(
          `${this.uri}: corrupt attachment description ${name} of version ${found.version}`,
        );
      }
    });
    const unique: Attachment[] = [];
    for (const attachment of attachments)
      if (!unique.some((other) => other.digest === attachment.digest)) unique.push(attachment);
    return unique.sort(attachmentOrder);
  }

  private async storeAttachment(
    upload: string,
    attachment: NewAttachment,
    createdAt: string,
  ): Promise<Attachment> {
    const digest = bytesDigest(attachment.content);
    const stored: Attachment = {
      kind: attachment.kind,
      mediaType: attachment.mediaType,
      digest,
      size: attachment.content.length,
      createdAt,
      annotations: attachment.annotations ?? {},
    };
    // Content first, description second: a reader that finds the description finds the content.
    await putBytes(this.api, `${upload}/${blobName(digest)}`, attachment.content);
    await putBytes(
      this.api,
      `${upload}/mlci-attachment-${attachment.kind}-${hexOf(digest)}.json`,
      jsonBytes(stored),
    );
    return stored;
  }

  /** Where a version's files are uploaded: its run's artifact URI (GitLab's model package). */
  private async uploadBase(found: WireModelVersion): Promise<string> {
    if (!found.run_id)
      throw new ServiceError(`${this.uri}: model '${found.name}' version has no run to upload to`);
    const uri = await this.api.getRunArtifactUri(found.run_id);
    if (!/^https?:\/\//.test(uri))
      throw new ServiceError(
        `${this.uri}: the run of model '${found.name}' has artifact URI '${uri}', not an HTTP URL`,
      );
    return uri.replace(/\/+$/, '');
  }

  /** A version's file through the MLflow artifact API: `mlflow-artifacts/artifacts/<version id>/<name>`. */
  private fileUrl(found: WireModelVersion, name: string): string {
    return this.api.artifactUrl(`${found.version}/${name}`);
  }
}

/** `N.x.y`: GitLab answers with its own id in `version` and the semantic version in `aliases`. */
function semverOf(version: WireModelVersion): string | undefined {
  const semver = /^[0-9]+\.[0-9]+\.[0-9]+(?:[-+].*)?$/;
  return (
    version.aliases.find((alias) => semver.test(alias)) ??
    (semver.test(version.version) ? version.version : undefined)
  );
}

function blobName(digest: string): string {
  return `sha256-${hexOf(digest)}`;
}

function recordName(alias: string, digest: string): string {
  return `mlci-alias-${alias}-${hexOf(digest)}.json`;
}

function aliasesIn(description: string | undefined): Record<string, AliasEntry> {
  const line = (description ?? '').split('\n').find((each) => each.startsWith(aliasLinePrefix));
  if (!line) return {};
  try {
    return parseJson(line.slice(aliasLinePrefix.length), 'model description', 'service') as Record<
      string,
      AliasEntry
    >;
  } catch {
    throw new ServiceError(
      `the model description's '${aliasLinePrefix.trim()}' line is not JSON: it was edited by hand`,
    );
  }
}

function withAliases(description: string | undefined, aliases: Record<string, AliasEntry>): string {
  const kept = (description ?? '').split('\n').filter((line) => !line.startsWith(aliasLinePrefix));
  while (kept.length > 0 && kept.at(-1) === '') kept.pop();
  const sorted = Object.fromEntries(Object.entries(aliases).sort(([a], [b]) => a.localeCompare(b)));
  return [...kept, ...(kept.length > 0 ? [''] : []), `${aliasLinePrefix}${JSON.stringify(sorted)}`].join(
    '\n',
  );
}

function attachmentOrder(a: Attachment, b: Attachment): number {
  return (
    a.createdAt.localeCompare(b.createdAt) || a.kind.localeCompare(b.kind) || a.digest.localeCompare(b.digest)
  );
}

function describeHolder(version: string | null): string {
  return version === null ? 'no version (unset)' : `version ${version}`;
}
