import { InputError, ServiceError } from '../../errors';
import { mapConcurrently } from '../../io/concurrency';
import { bytesDigest } from '../../io/digest';
import {
  artifactAnnotations,
  fileSetOfManifest,
  mlciArtifactTypes,
  parseManifest,
  pullFiles,
  pushArtifact,
} from '../../oci/artifact';
import {
  type Descriptor,
  type ImageManifest,
  ociMediaTypes,
  RegistryClient,
  type RegistryTuning,
} from '../../oci/client';
import { RegistryStatusError } from '../../oci/http';
import { parseOciUri } from '../../oci/reference';
import { isInsideRelativePath } from '../../store/relative-path';
import {
  aliasConflict,
  checkAliasName,
  checkModelName,
  checkPromotionRecord,
  decodeMove,
  encodeMove,
  isAliasName,
  versionState,
} from '../alias-move';
import { existingVersionAttachments, newVersionAttachments, withRegistrations } from '../registrations';
import {
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
import { promotionAnnotations, promotionArtifactType, promotionManifest } from './promotion';

const versionPattern = /^[1-9][0-9]*$/;
const kindPattern = /^[a-z0-9][a-z0-9._-]*$/;
const attachmentKind = 'dev.mlci.attachment.kind';
/** Concurrent requests when reading many manifests. */
const readConcurrency = 8;
/** Tag numbers tried before giving up on a registry where other writers keep taking them. */
const maxTagAttempts = 20;

/**
 * The `oci://HOST[:PORT]/PREFIX` registry. Model NAME is the repository PREFIX/NAME; version N is the tag N
 * on an artifact manifest (artifactType application/vnd.mlci.model.v1, one layer per file, the labels and
 * the content digest as annotations); an alias is any other tag not starting with `sha256-` (promote writes
 * them); each attachment is an artifact whose subject is the version's manifest, found through the referrers
 * API or, without it, its tag-schema fallback index and each attachment's own tag, which concurrent writers
 * cannot lose (RegistryClient.pushReferrer).
 * An alias tag points at a promotion manifest (see promotion.ts): the move's record as config
 * ({record, previousMove}, previousMove the digest of the promotion manifest before it), the version's layers,
 * the version's manifest as subject, annotation dev.mlci.version. The history is the chain of previousMove
 * digests from the tag. An alias tag pointing straight at a version manifest (by hand, or an earlier mlci) is
 * an alias without history.
 */
export async function openOciRegistry(
  uri: string,
  options: BackendOptions,
  tuning: RegistryTuning = {},
): Promise<ModelRegistry> {
  const location = parseOciUri(uri);
  const client = new RegistryClient({
    host: location.host,
    repository: location.path,
    env: options.env,
    logger: options.logger,
    insecure: options.insecure,
    ...tuning,
  });
  return new OciRegistry(uri, location.path, client, options);
}

/** A version's manifest and where it is. */
interface VersionManifest {
  version: string;
  digest: string;
  size: number;
  manifest: ImageManifest;
}

/** What an alias tag points at: a move (promotion manifest), a version manifest itself, or something else. */
type AliasHead =
  | { kind: 'promotion'; digest: string; manifest: ImageManifest; version: string; versionDigest: string }
  | { kind: 'version'; digest: string; version: string }
  | { kind: 'other'; digest: string };

class OciRegistry implements ModelRegistry {
  constructor(
    readonly uri: string,
    private readonly prefix: string,
    private readonly client: RegistryClient,
    private readonly options: BackendOptions,
  ) {}

  async register(request: RegisterRequest): Promise<RegisterOutcome> {
    const repository = this.repositoryOf(request.model);
    for (const file of request.fileSet.files) {
      if (!isInsideRelativePath(file.path)) {
        throw new InputError(`cannot register '${file.path}' in ${this.uri}: not a path inside the outputs`);
      }
    }
    const tags = await this.client.listTags(repository);
    const existing = await this.versionManifests(repository, numericTags(tags));
    const same = existing.find((each) => this.contentDigestOf(each) === request.fileSet.digest);
    if (same) {
      const existing = await this.getVersion(request.model, same.version);
      for (const attachment of existingVersionAttachments(existing, request))
        await this.attach(request.model, same.version, attachment);
      return { version: await this.getVersion(request.model, same.version), created: false };
    }

    // ModelVersion.createdAt is the created label; the registration time when the caller gave none.
    // (The manifest has no other place for a time that would keep it deterministic.)
    const createdAt = request.labels[versionLabels.created] ?? new Date().toISOString();
    const labels = { ...request.labels, [versionLabels.created]: createdAt };
    const pushed = await pushArtifact(this.client, repository, {
      artifactType: mlciArtifactTypes.model,
      directory: request.directory,
      fileSet: request.fileSet,
      annotations: labels,
    });
    const subject: Descriptor = {
      mediaType: ociMediaTypes.manifest,
      digest: pushed.digest,
      size: pushed.bytes.length,
    };
    const attachments: Attachment[] = [];
    for (const attachment of newVersionAttachments(request)) {
      const stored = await this.pushAttachment(repository, subject, attachment, createdAt);
      if (!attachments.some((other) => other.digest === stored.digest)) attachments.push(stored);
    }

    // The tag is written last: until then no reader sees the version. OCI has no conditional tag write, so
    // the tag is checked free before the PUT and read back after it; a writer that PUTs the same number
    // between our check and our read-back makes us take the next one. Left open: a writer whose PUT lands
    // after our read-back replaces our tag (our manifest stays, untagged). Registrations of one model are
    // rarely that close; the file: backend has no such window.
    let number = Math.max(0, ...numericTags(tags).map(Number)) + 1;
    for (let attempt = 0; attempt < maxTagAttempts; attempt++, number++) {
      const tag = String(number);
      if (await this.client.headManifest(repository, tag)) continue;
      await this.client.putManifest(repository, tag, pushed.bytes, ociMediaTypes.manifest);
      const readBack = await this.client.headManifest(repository, tag);
      if (readBack?.digest === pushed.digest) {
        this.options.logger.debug(
          `${this.uri}: registered ${request.model} version ${tag} (${pushed.digest})`,
        );
        return {
          version: this.toVersion(
            request.model,
            { version: tag, digest: pushed.digest, size: pushed.bytes.length, manifest: pushed.manifest },
            attachments,
            [],
          ),
          created: true,
        };
      }
      this.options.logger.debug(
        `${this.uri}: ${request.model} version ${tag} was taken by another writer, trying the next`,
      );
    }
    throw new ServiceError(
      `${this.uri}: other writers took ${maxTagAttempts} version numbers of '${request.model}' in a row`,
    );
  }

  async listModels(): Promise<ModelSummary[]> {
    const start = this.prefix ? `${this.prefix}/` : '';
    const names = (await this.client.catalog())
      .filter((repository) => repository.startsWith(start))
      .map((repository) => repository.slice(start.length))
      .filter((name) => modelNamePattern.test(name))
      .sort();
    const summaries = await mapConcurrently(
      names,
      readConcurrency,
      async (name): Promise<ModelSummary | undefined> => {
        const repository = this.repositoryOf(name);
        const tags = await this.client.listTags(repository);
        const numbers = numericTags(tags);
        // No version tag: not a model (a run cache, or a registration that never finished).
        if (numbers.length === 0) return undefined;
        const aliases: Record<string, string> = {};
        const aliasTags = tags.filter(isAliasTag);
        if (aliasTags.length > 0) {
          const versionOf = new Map<string, string>();
          for (const tag of numbers) {
            const head = await this.client.headManifest(repository, tag);
            if (head) versionOf.set(head.digest, tag);
          }
          for (const alias of aliasTags.sort()) {
            const head = await this.resolveAlias(repository, alias, versionOf);
            if (head && head.kind !== 'other') aliases[alias] = head.version;
          }
        }
        return { name, versions: numbers.length, latest: numbers.at(-1) as string, aliases };
      },
    );
    return summaries.filter((summary): summary is ModelSummary => summary !== undefined);
  }

  async listVersions(model: string): Promise<ModelVersion[]> {
    const repository = this.repositoryOf(model);
    const tags = await this.client.listTags(repository);
    const manifests = await this.versionManifests(repository, numericTags(tags));
    if (manifests.length === 0) throw new InputError(`model '${model}' is not in ${this.uri}`);
    const aliases = await this.aliasDigests(repository, tags);
    return mapConcurrently(manifests, readConcurrency, async (each) =>
      this.toVersion(
        model,
        each,
        await this.attachmentsOf(repository, each.digest, tags),
        aliasesFor(aliases, each.digest),
      ),
    );
  }

  async getVersion(model: string, version: string): Promise<ModelVersion> {
    const repository = this.repositoryOf(model);
    const found = await this.versionManifest(model, version);
    const tags = await this.client.listTags(repository);
    const aliases = await this.aliasDigests(repository, tags);
    return this.toVersion(
      model,
      found,
      await this.attachmentsOf(repository, found.digest, tags),
      aliasesFor(aliases, found.digest),
    );
  }

  async attach(model: string, version: string, attachment: NewAttachment): Promise<Attachment> {
    const repository = this.repositoryOf(model);
    const found = await this.versionManifest(model, version);
    const known = await this.attachmentsOf(repository, found.digest);
    const content = bytesDigest(attachment.content);
    // The same bytes are attached once: a reproduced run adds its own lineage, a retried attach nothing.
    const same = known.find((other) => other.digest === content);
    if (same) return same;
    const subject: Descriptor = { mediaType: ociMediaTypes.manifest, digest: found.digest, size: found.size };
    return this.pushAttachment(repository, subject, attachment, new Date().toISOString());
  }

  async readAttachment(model: string, version: string, attachment: Attachment): Promise<Uint8Array> {
    const repository = this.repositoryOf(model);
    await this.versionManifest(model, version);
    return this.client.fetchBlob(repository, attachment.digest);
  }

  async download(model: string, version: string, directory: string): Promise<void> {
    const repository = this.repositoryOf(model);
    const found = await this.versionManifest(model, version);
    await pullFiles(
      this.client,
      repository,
      fileSetOfManifest(found.manifest, this.where(model, version)),
      directory,
    );
  }

  /**
   * One PUT of the alias tag is the move: the record (config blob) and the promotion manifest are pushed
   * first, untagged, so a failure before the tag leaves the alias where it was and no history entry (the
   * untagged manifest is garbage, not history). Compare-and-swap as far as OCI allows (it has no conditional
   * tag write): the tag is read before the record is built and again right before the PUT, and read back
   * after it. Left open: a writer whose PUT lands between our last check and our PUT replaces a move it did
   * not see; when it lands after our read-back, ours is dropped from the history without either writer
   * knowing. The file: backend has no such window.
   */
  checkMove(record: PromotionRecord): void {
    checkPromotionRecord(record);
  }

  async moveAlias(record: PromotionRecord): Promise<AliasMove> {
    this.checkMove(record);
    const repository = this.repositoryOf(record.model);
    const target = (await this.versionManifests(repository, [record.version]))[0];
    if (!target)
      throw new InputError(`model '${record.model}' has no version ${record.version} in ${this.uri}`);
    const current = await this.resolveAlias(repository, record.alias);
    const holder = current === undefined ? null : current.kind === 'other' ? undefined : current.version;
    if (holder !== record.previous) throw this.conflict(record, current);

    const stored = encodeMove({
      record,
      previousMove: current?.kind === 'promotion' ? current.digest : null,
    });
    const config = { digest: bytesDigest(stored), size: stored.length };
    const { manifest, bytes } = promotionManifest(record, config, target);
    const digest = bytesDigest(bytes);
    await this.refusedWrite(record, async () => {
      await this.client.pushBlob(repository, { ...config, bytes: stored });
      await this.client.pushReferrer(
        repository,
        {
          bytes,
          mediaType: ociMediaTypes.manifest,
          artifactType: promotionArtifactType,
          ...(manifest.annotations && { annotations: manifest.annotations }),
        },
        target.digest,
      );
      // Any change since the first read is another writer's move.
      const before = await this.client.headManifest(repository, record.alias);
      if (before?.digest !== current?.digest)
        throw this.conflict(record, await this.resolveAlias(repository, record.alias));
      try {
        await this.client.putManifest(repository, record.alias, bytes, ociMediaTypes.manifest);
      } catch (error) {
        // The PUT may have landed with its answer lost: then the move is done.
        const landed = await this.client.headManifest(repository, record.alias).catch(() => undefined);
        if (landed?.digest !== digest) throw error;
      }
    });
    const readBack = await this.client.headManifest(repository, record.alias);
    if (readBack?.digest !== digest && !(await this.follows(repository, readBack?.digest, digest)))
      throw aliasConflict(
        record,
        this.uri,
        readBack ? `another move (${readBack.digest})` : 'no holder',
        ' (it replaced this move at the same moment, which is not in the history)',
      );
    this.options.logger.debug(
      `${this.uri}: moved alias ${record.alias} of ${record.model} to version ${record.version} (${digest})`,
    );
    return { record, digest: config.digest };
  }

  async aliasHistory(model: string, alias: string): Promise<AliasMove[]> {
    checkAliasName(alias);
    const repository = this.repositoryOf(model);
    const tags = await this.client.listTags(repository);
    if (!(await this.hasVersion(repository, tags)))
      throw new InputError(`model '${model}' is not in ${this.uri}`);
    if (!tags.includes(alias)) return [];
    const head = await this.resolveAlias(repository, alias);
    if (head?.kind !== 'promotion') return [];
    const moves: AliasMove[] = [];
    const seen = new Set<string>();
    let manifest: ImageManifest = head.manifest;
    let digest = head.digest;
    for (;;) {
      const where = `${this.client.where(repository)}: alias ${alias}, move ${digest}`;
      if (manifest.artifactType !== promotionArtifactType || seen.has(digest))
        throw new ServiceError(`${where}: not a promotion manifest of this alias's history`);
      seen.add(digest);
      const { move, aliasMove } = decodeMove(
        await this.client.fetchBlob(repository, manifest.config.digest),
        `${where}, record ${manifest.config.digest}`,
      );
      moves.push(aliasMove);
      if (move.previousMove === null) return moves;
      const previous = await this.client.getManifest(repository, move.previousMove);
      if (!previous) {
        // An untagged manifest a registry's garbage collection removed: the older history is gone.
        this.options.logger.warn(
          `${where}: the move before it (${move.previousMove}) is gone from the registry; history ends there`,
        );
        return moves;
      }
      digest = previous.digest;
      manifest = parseManifest(previous, where);
    }
  }

  /** The alias does not hold record.previous: it holds `found`. */
  private conflict(record: PromotionRecord, found: AliasHead | undefined): Error {
    return aliasConflict(
      record,
      this.uri,
      found?.kind === 'other'
        ? `a manifest that is not a version of the model (${found.digest})`
        : versionState(found?.version ?? null),
    );
  }

  /** Whether the promotion manifest at `digest` is the move right after `ours` (a later move saw ours). */
  private async follows(repository: string, digest: string | undefined, ours: string): Promise<boolean> {
    if (!digest) return false;
    const fetched = await this.client.getManifest(repository, digest);
    if (!fetched) return false;
    const manifest = parseManifest(fetched, `${this.client.where(repository)}, ${digest}`);
    if (manifest.artifactType !== promotionArtifactType) return false;
    const config = await this.client.fetchBlob(repository, manifest.config.digest);
    return decodeMove(config, `${this.client.where(repository)}, ${digest}`).move.previousMove === ours;
  }

  /** Credentials that may read but not write: one line naming the registry and the refused write. */
  private async refusedWrite(record: PromotionRecord, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      const cause = (error as Error).cause;
      if (cause instanceof RegistryStatusError && (cause.status === 401 || cause.status === 403))
        throw new ServiceError(
          `${this.uri}: the registry refused to write alias '${record.alias}' of model '${record.model}' (the credentials may read but not write); the alias did not move: ${(error as Error).message}`,
          { cause: error },
        );
      throw error;
    }
  }

  /**
   * An attachment as an artifact: its content is the one layer (with the caller's annotations); kind and time
   * are manifest annotations.
   */
  private async pushAttachment(
    repository: string,
    subject: Descriptor,
    attachment: NewAttachment,
    createdAt: string,
  ): Promise<Attachment> {
    if (!kindPattern.test(attachment.kind)) {
      throw new InputError(
        `attachment kind '${attachment.kind}': expected lowercase letters, digits, '.', '_', '-'`,
      );
    }
    const annotations = attachment.annotations ?? {};
    const pushed = await pushArtifact(this.client, repository, {
      artifactType: mlciArtifactTypes.attachment,
      annotations: { [attachmentKind]: attachment.kind, [artifactAnnotations.created]: createdAt },
      extraLayers: [{ mediaType: attachment.mediaType, content: attachment.content, annotations }],
      subject,
    });
    const layer = pushed.manifest.layers[0] as Descriptor;
    return {
      kind: attachment.kind,
      mediaType: attachment.mediaType,
      digest: layer.digest,
      size: layer.size,
      createdAt,
      annotations,
    };
  }

  /**
   * The attachments of a version's manifest, oldest first, each content digest once. `tags`: the repository's
   * tags when the caller has them (on a registry without the referrers API, they are read for the referrers'
   * own tags).
   */
  private async attachmentsOf(
    repository: string,
    digest: string,
    tags?: readonly string[],
  ): Promise<Attachment[]> {
    const referrers = await this.client.referrers(
      repository,
      digest,
      mlciArtifactTypes.attachment,
      tags && { tags },
    );
    const found = await mapConcurrently(
      referrers,
      readConcurrency,
      async (descriptor): Promise<Attachment | undefined> => {
        const fetched = await this.client.getManifest(repository, descriptor.digest);
        if (!fetched) return undefined;
        const manifest = parseManifest(
          fetched,
          `${this.client.where(repository)}, attachment ${descriptor.digest}`,
        );
        const layer = manifest.layers[0];
        const kind = manifest.annotations?.[attachmentKind];
        if (!layer || !kind) return undefined;
        return {
          kind,
          mediaType: layer.mediaType,
          digest: layer.digest,
          size: layer.size,
          createdAt: manifest.annotations?.[artifactAnnotations.created] ?? '',
          annotations: layer.annotations ?? {},
        };
      },
    );
    const attachments: Attachment[] = [];
    for (const attachment of found) {
      if (attachment && !attachments.some((other) => other.digest === attachment.digest))
        attachments.push(attachment);
    }
    return attachments.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.kind.localeCompare(b.kind));
  }

  private async versionManifest(model: string, version: string): Promise<VersionManifest> {
    const repository = this.repositoryOf(model);
    const number = versionPattern.test(version)
      ? version
      : version === latestVersion
        ? await this.newestVersion(repository)
        : await this.aliasTarget(repository, version);
    const found = number === undefined ? undefined : (await this.versionManifests(repository, [number]))[0];
    if (!found) throw new InputError(`model '${model}' has no ${versionOrAlias(version)} in ${this.uri}`);
    return found;
  }

  /** The version an alias tag points at. */
  private async aliasTarget(repository: string, alias: string): Promise<string | undefined> {
    if (!isAliasTag(alias)) return undefined;
    const head = await this.resolveAlias(repository, alias);
    return head && head.kind !== 'other' ? head.version : undefined;
  }

  /**
   * What an alias tag points at. versionOf (version manifest digest -> version) saves the lookups when the
   * caller has it; without it, the version tag of a version manifest is searched, newest first.
   */
  private async resolveAlias(
    repository: string,
    alias: string,
    versionOf?: Map<string, string>,
  ): Promise<AliasHead | undefined> {
    const head = await this.client.headManifest(repository, alias);
    if (!head) return undefined;
    const known = versionOf?.get(head.digest);
    if (known) return { kind: 'version', digest: head.digest, version: known };
    // By digest: the tag may move meanwhile, this is the manifest the HEAD saw.
    const fetched = await this.client.getManifest(repository, head.digest);
    if (!fetched) return undefined;
    let manifest: ImageManifest;
    try {
      manifest = parseManifest(fetched, `${this.client.where(repository)}, tag ${alias}`);
    } catch {
      return { kind: 'other', digest: head.digest }; // an image index or a docker image tagged by hand
    }
    const version = manifest.annotations?.[promotionAnnotations.version];
    if (manifest.artifactType === promotionArtifactType && version && manifest.subject)
      return {
        kind: 'promotion',
        digest: head.digest,
        manifest,
        version,
        versionDigest: manifest.subject.digest,
      };
    if (manifest.artifactType === mlciArtifactTypes.model && !versionOf) {
      const versions = numericTags(await this.client.listTags(repository)).reverse();
      for (const each of versions)
        if ((await this.client.headManifest(repository, each))?.digest === head.digest)
          return { kind: 'version', digest: head.digest, version: each };
    }
    return { kind: 'other', digest: head.digest };
  }

  /** The manifests of these version tags, in version order; a tag deleted meanwhile is skipped. */
  private async versionManifests(repository: string, versions: string[]): Promise<VersionManifest[]> {
    const found = await mapConcurrently(versions, readConcurrency, async (version) => {
      const fetched = await this.client.getManifest(repository, version);
      if (!fetched) return undefined;
      const manifest = parseManifest(fetched, `${this.client.where(repository)}, version ${version}`);
      // Another tool's image tagged with a number is not a version of a model.
      if (manifest.artifactType !== mlciArtifactTypes.model) return undefined;
      return { version, digest: fetched.digest, size: fetched.bytes.length, manifest };
    });
    return found.filter((each): each is VersionManifest => each !== undefined);
  }

  /** Whether a numeric tag is a version of a model: the newest first, so one manifest read is the usual cost. */
  private async hasVersion(repository: string, tags: string[]): Promise<boolean> {
    return (await this.newestOf(repository, tags)) !== undefined;
  }

  /** The newest numeric tag that is a version of a model. */
  private async newestOf(repository: string, tags: string[]): Promise<string | undefined> {
    for (const version of numericTags(tags).reverse())
      if ((await this.versionManifests(repository, [version])).length > 0) return version;
    return undefined;
  }

  private async newestVersion(repository: string): Promise<string | undefined> {
    return this.newestOf(repository, await this.client.listTags(repository));
  }

  /** Alias tag -> the digest of the version manifest it stands for (directly or through a promotion). */
  private async aliasDigests(repository: string, tags: string[]): Promise<Map<string, string>> {
    const aliases = new Map<string, string>();
    for (const tag of tags.filter(isAliasTag).sort()) {
      const head = await this.client.headManifest(repository, tag);
      if (!head) continue;
      const fetched = await this.client.getManifest(repository, head.digest);
      let subject: string | undefined;
      try {
        const manifest = fetched && parseManifest(fetched, `${this.client.where(repository)}, tag ${tag}`);
        if (manifest && manifest.artifactType === promotionArtifactType) subject = manifest.subject?.digest;
      } catch {
        // Not an image manifest: it stands for no version (aliasesFor matches nothing).
      }
      aliases.set(tag, subject ?? head.digest);
    }
    return aliases;
  }

  private toVersion(
    model: string,
    found: VersionManifest,
    attachments: Attachment[],
    aliases: string[],
  ): ModelVersion {
    const fileSet = fileSetOfManifest(found.manifest, this.where(model, found.version));
    const labels = { ...found.manifest.annotations };
    delete labels[artifactAnnotations.contentDigest];
    return withRegistrations({
      model,
      version: found.version,
      contentDigest: fileSet.digest,
      manifestDigest: found.digest,
      files: fileSet.files,
      createdAt: labels[versionLabels.created] ?? '',
      labels,
      aliases,
      attachments,
    });
  }

  private contentDigestOf(found: VersionManifest): string {
    return fileSetOfManifest(found.manifest, `${this.uri}, version ${found.version}`).digest;
  }

  private repositoryOf(model: string): string {
    checkModelName(model);
    return this.prefix ? `${this.prefix}/${model}` : model;
  }

  private where(model: string, version: string): string {
    return `${this.uri}, model '${model}' version ${version}`;
  }
}

function numericTags(tags: string[]): string[] {
  return tags.filter((tag) => versionPattern.test(tag)).sort((a, b) => Number(a) - Number(b));
}

/**
 * Not a version, a referrers fallback index (`sha256-<hex>`), a referrer's own tag (`sha256-<hex>.<hex>`, see
 * RegistryClient.pushReferrer) nor a signature tag (`sha256-<hex>.sig`).
 */
function isAliasTag(tag: string): boolean {
  return isAliasName(tag);
}

function aliasesFor(aliases: Map<string, string>, digest: string): string[] {
  return [...aliases].filter(([, target]) => target === digest).map(([alias]) => alias);
}
