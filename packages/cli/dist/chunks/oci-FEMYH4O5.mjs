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
  isAliasName,
  newVersionAttachments,
  versionState,
  withRegistrations
} from "./chunk-T5LB56MC.mjs";
import {
  latestVersion,
  modelNamePattern,
  versionLabels,
  versionOrAlias
} from "./chunk-XMRYHEY6.mjs";
import {
  artifactAnnotations,
  fileSetOfManifest,
  mlciArtifactTypes,
  parseManifest,
  pullFiles,
  pushArtifact
} from "./chunk-2DLZ67UH.mjs";
import {
  RegistryClient,
  RegistryStatusError,
  ociMediaTypes
} from "./chunk-FIL44SLO.mjs";
import {
  parseOciUri
} from "./chunk-J77EQZPR.mjs";
import "./chunk-ZAIHXEFC.mjs";
import {
  mapConcurrently
} from "./chunk-IS7M7TXC.mjs";
import {
  isInsideRelativePath
} from "./chunk-ERNQNAOD.mjs";
import {
  bytesDigest
} from "./chunk-KLG7ZBD7.mjs";
import "./chunk-4VSSUXZN.mjs";
import "./chunk-BOL2UAYQ.mjs";
import "./chunk-Q2OW4E5W.mjs";
import "./chunk-7YFYVVS2.mjs";
import "./chunk-COETP6OK.mjs";
import "./chunk-2WYYKV6E.mjs";
import {
  InputError,
  ServiceError
} from "./chunk-C6XSGGFY.mjs";
import "./chunk-AQW5IZUH.mjs";

// packages/core/src/registry/oci/promotion.ts
var promotionArtifactType = "application/vnd.mlci.promotion.v1";
var promotionConfigMediaType = "application/vnd.mlci.promotion.v1+json";
var promotionAnnotations = {
  /** The version number the alias points at through this manifest. */
  version: "dev.mlci.version",
  alias: "dev.mlci.alias"
};
function promotionManifest(record, config, version) {
  const contentDigest = version.manifest.annotations?.[artifactAnnotations.contentDigest];
  const annotations = {
    [artifactAnnotations.created]: record.time,
    ...contentDigest && { [artifactAnnotations.contentDigest]: contentDigest },
    [promotionAnnotations.alias]: record.alias,
    [promotionAnnotations.version]: record.version
  };
  const subject = {
    mediaType: ociMediaTypes.manifest,
    digest: version.digest,
    size: version.size
  };
  const manifest = {
    schemaVersion: 2,
    mediaType: ociMediaTypes.manifest,
    artifactType: promotionArtifactType,
    config: { mediaType: promotionConfigMediaType, digest: config.digest, size: config.size },
    layers: version.manifest.layers,
    subject,
    annotations: Object.fromEntries(Object.entries(annotations).sort(([a], [b]) => a < b ? -1 : 1))
  };
  return { manifest, bytes: Buffer.from(JSON.stringify(manifest)) };
}

// packages/core/src/registry/oci/index.ts
var versionPattern = /^[1-9][0-9]*$/;
var kindPattern = /^[a-z0-9][a-z0-9._-]*$/;
var attachmentKind = "dev.mlci.attachment.kind";
var readConcurrency = 8;
var maxTagAttempts = 20;
async function openOciRegistry(uri, options, tuning = {}) {
  const location = parseOciUri(uri);
  const client = new RegistryClient({
    host: location.host,
    repository: location.path,
    env: options.env,
    logger: options.logger,
    insecure: options.insecure,
    ...tuning
  });
  return new OciRegistry(uri, location.path, client, options);
}
var OciRegistry = class {
  constructor(uri, prefix, client, options) {
    this.uri = uri;
    this.prefix = prefix;
    this.client = client;
    this.options = options;
  }
  uri;
  prefix;
  client;
  options;
  async register(request) {
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
      const existing2 = await this.getVersion(request.model, same.version);
      for (const attachment of existingVersionAttachments(existing2, request))
        await this.attach(request.model, same.version, attachment);
      return { version: await this.getVersion(request.model, same.version), created: false };
    }
    const createdAt = request.labels[versionLabels.created] ?? (/* @__PURE__ */ new Date()).toISOString();
    const labels = { ...request.labels, [versionLabels.created]: createdAt };
    const pushed = await pushArtifact(this.client, repository, {
      artifactType: mlciArtifactTypes.model,
      directory: request.directory,
      fileSet: request.fileSet,
      annotations: labels
    });
    const subject = {
      mediaType: ociMediaTypes.manifest,
      digest: pushed.digest,
      size: pushed.bytes.length
    };
    const attachments = [];
    for (const attachment of newVersionAttachments(request)) {
      const stored = await this.pushAttachment(repository, subject, attachment, createdAt);
      if (!attachments.some((other) => other.digest === stored.digest)) attachments.push(stored);
    }
    let number = Math.max(0, ...numericTags(tags).map(Number)) + 1;
    for (let attempt = 0; attempt < maxTagAttempts; attempt++, number++) {
      const tag = String(number);
      if (await this.client.headManifest(repository, tag)) continue;
      await this.client.putManifest(repository, tag, pushed.bytes, ociMediaTypes.manifest);
      const readBack = await this.client.headManifest(repository, tag);
      if (readBack?.digest === pushed.digest) {
        this.options.logger.debug(
          `${this.uri}: registered ${request.model} version ${tag} (${pushed.digest})`
        );
        return {
          version: this.toVersion(
            request.model,
            { version: tag, digest: pushed.digest, size: pushed.bytes.length, manifest: pushed.manifest },
            attachments,
            []
          ),
          created: true
        };
      }
      this.options.logger.debug(
        `${this.uri}: ${request.model} version ${tag} was taken by another writer, trying the next`
      );
    }
    throw new ServiceError(
      `${this.uri}: other writers took ${maxTagAttempts} version numbers of '${request.model}' in a row`
    );
  }
  async listModels() {
    const start = this.prefix ? `${this.prefix}/` : "";
    const names = (await this.client.catalog()).filter((repository) => repository.startsWith(start)).map((repository) => repository.slice(start.length)).filter((name) => modelNamePattern.test(name)).sort();
    const summaries = await mapConcurrently(
      names,
      readConcurrency,
      async (name) => {
        const repository = this.repositoryOf(name);
        const tags = await this.client.listTags(repository);
        const numbers = numericTags(tags);
        if (numbers.length === 0) return void 0;
        const aliases = {};
        const aliasTags = tags.filter(isAliasTag);
        if (aliasTags.length > 0) {
          const versionOf = /* @__PURE__ */ new Map();
          for (const tag of numbers) {
            const head = await this.client.headManifest(repository, tag);
            if (head) versionOf.set(head.digest, tag);
          }
          for (const alias of aliasTags.sort()) {
            const head = await this.resolveAlias(repository, alias, versionOf);
            if (head && head.kind !== "other") aliases[alias] = head.version;
          }
        }
        return { name, versions: numbers.length, latest: numbers.at(-1), aliases };
      }
    );
    return summaries.filter((summary) => summary !== void 0);
  }
  async listVersions(model) {
    const repository = this.repositoryOf(model);
    const tags = await this.client.listTags(repository);
    const manifests = await this.versionManifests(repository, numericTags(tags));
    if (manifests.length === 0) throw new InputError(`model '${model}' is not in ${this.uri}`);
    const aliases = await this.aliasDigests(repository, tags);
    return mapConcurrently(
      manifests,
      readConcurrency,
      async (each) => this.toVersion(
        model,
        each,
        await this.attachmentsOf(repository, each.digest, tags),
        aliasesFor(aliases, each.digest)
      )
    );
  }
  async getVersion(model, version) {
    const repository = this.repositoryOf(model);
    const found = await this.versionManifest(model, version);
    const tags = await this.client.listTags(repository);
    const aliases = await this.aliasDigests(repository, tags);
    return this.toVersion(
      model,
      found,
      await this.attachmentsOf(repository, found.digest, tags),
      aliasesFor(aliases, found.digest)
    );
  }
  async attach(model, version, attachment) {
    const repository = this.repositoryOf(model);
    const found = await this.versionManifest(model, version);
    const known = await this.attachmentsOf(repository, found.digest);
    const content = bytesDigest(attachment.content);
    const same = known.find((other) => other.digest === content);
    if (same) return same;
    const subject = { mediaType: ociMediaTypes.manifest, digest: found.digest, size: found.size };
    return this.pushAttachment(repository, subject, attachment, (/* @__PURE__ */ new Date()).toISOString());
  }
  async readAttachment(model, version, attachment) {
    const repository = this.repositoryOf(model);
    await this.versionManifest(model, version);
    return this.client.fetchBlob(repository, attachment.digest);
  }
  async download(model, version, directory) {
    const repository = this.repositoryOf(model);
    const found = await this.versionManifest(model, version);
    await pullFiles(
      this.client,
      repository,
      fileSetOfManifest(found.manifest, this.where(model, version)),
      directory
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
  checkMove(record) {
    checkPromotionRecord(record);
  }
  async moveAlias(record) {
    this.checkMove(record);
    const repository = this.repositoryOf(record.model);
    const target = (await this.versionManifests(repository, [record.version]))[0];
    if (!target)
      throw new InputError(`model '${record.model}' has no version ${record.version} in ${this.uri}`);
    const current = await this.resolveAlias(repository, record.alias);
    const holder = current === void 0 ? null : current.kind === "other" ? void 0 : current.version;
    if (holder !== record.previous) throw this.conflict(record, current);
    const stored = encodeMove({
      record,
      previousMove: current?.kind === "promotion" ? current.digest : null
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
          ...manifest.annotations && { annotations: manifest.annotations }
        },
        target.digest
      );
      const before = await this.client.headManifest(repository, record.alias);
      if (before?.digest !== current?.digest)
        throw this.conflict(record, await this.resolveAlias(repository, record.alias));
      try {
        await this.client.putManifest(repository, record.alias, bytes, ociMediaTypes.manifest);
      } catch (error) {
        const landed = await this.client.headManifest(repository, record.alias).catch(() => void 0);
        if (landed?.digest !== digest) throw error;
      }
    });
    const readBack = await this.client.headManifest(repository, record.alias);
    if (readBack?.digest !== digest && !await this.follows(repository, readBack?.digest, digest))
      throw aliasConflict(
        record,
        this.uri,
        readBack ? `another move (${readBack.digest})` : "no holder",
        " (it replaced this move at the same moment, which is not in the history)"
      );
    this.options.logger.debug(
      `${this.uri}: moved alias ${record.alias} of ${record.model} to version ${record.version} (${digest})`
    );
    return { record, digest: config.digest };
  }
  async aliasHistory(model, alias) {
    checkAliasName(alias);
    const repository = this.repositoryOf(model);
    const tags = await this.client.listTags(repository);
    if (!await this.hasVersion(repository, tags))
      throw new InputError(`model '${model}' is not in ${this.uri}`);
    if (!tags.includes(alias)) return [];
    const head = await this.resolveAlias(repository, alias);
    if (head?.kind !== "promotion") return [];
    const moves = [];
    const seen = /* @__PURE__ */ new Set();
    let manifest = head.manifest;
    let digest = head.digest;
    for (; ; ) {
      const where = `${this.client.where(repository)}: alias ${alias}, move ${digest}`;
      if (manifest.artifactType !== promotionArtifactType || seen.has(digest))
        throw new ServiceError(`${where}: not a promotion manifest of this alias's history`);
      seen.add(digest);
      const { move, aliasMove } = decodeMove(
        await this.client.fetchBlob(repository, manifest.config.digest),
        `${where}, record ${manifest.config.digest}`
      );
      moves.push(aliasMove);
      if (move.previousMove === null) return moves;
      const previous = await this.client.getManifest(repository, move.previousMove);
      if (!previous) {
        this.options.logger.warn(
          `${where}: the move before it (${move.previousMove}) is gone from the registry; history ends there`
        );
        return moves;
      }
      digest = previous.digest;
      manifest = parseManifest(previous, where);
    }
  }
  /** The alias does not hold record.previous: it holds `found`. */
  conflict(record, found) {
    return aliasConflict(
      record,
      this.uri,
      found?.kind === "other" ? `a manifest that is not a version of the model (${found.digest})` : versionState(found?.version ?? null)
    );
  }
  /** Whether the promotion manifest at `digest` is the move right after `ours` (a later move saw ours). */
  async follows(repository, digest, ours) {
    if (!digest) return false;
    const fetched = await this.client.getManifest(repository, digest);
    if (!fetched) return false;
    const manifest = parseManifest(fetched, `${this.client.where(repository)}, ${digest}`);
    if (manifest.artifactType !== promotionArtifactType) return false;
    const config = await this.client.fetchBlob(repository, manifest.config.digest);
    return decodeMove(config, `${this.client.where(repository)}, ${digest}`).move.previousMove === ours;
  }
  /** Credentials that may read but not write: one line naming the registry and the refused write. */
  async refusedWrite(record, write) {
    try {
      await write();
    } catch (error) {
      const cause = error.cause;
      if (cause instanceof RegistryStatusError && (cause.status === 401 || cause.status === 403))
        throw new ServiceError(
          `${this.uri}: the registry refused to write alias '${record.alias}' of model '${record.model}' (the credentials may read but not write); the alias did not move: ${error.message}`,
          { cause: error }
        );
      throw error;
    }
  }
  /**
   * An attachment as an artifact: its content is the one layer (with the caller's annotations); kind and time
   * are manifest annotations.
   */
  async pushAttachment(repository, subject, attachment, createdAt) {
    if (!kindPattern.test(attachment.kind)) {
      throw new InputError(
        `attachment kind '${attachment.kind}': expected lowercase letters, digits, '.', '_', '-'`
      );
    }
    const annotations = attachment.annotations ?? {};
    const pushed = await pushArtifact(this.client, repository, {
      artifactType: mlciArtifactTypes.attachment,
      annotations: { [attachmentKind]: attachment.kind, [artifactAnnotations.created]: createdAt },
      extraLayers: [{ mediaType: attachment.mediaType, content: attachment.content, annotations }],
      subject
    });
    const layer = pushed.manifest.layers[0];
    return {
      kind: attachment.kind,
      mediaType: attachment.mediaType,
      digest: layer.digest,
      size: layer.size,
      createdAt,
      annotations
    };
  }
  /**
   * The attachments of a version's manifest, oldest first, each content digest once. `tags`: the repository's
   * tags when the caller has them (on a registry without the referrers API, they are read for the referrers'
   * own tags).
   */
  async attachmentsOf(repository, digest, tags) {
    const referrers = await this.client.referrers(
      repository,
      digest,
      mlciArtifactTypes.attachment,
      tags && { tags }
    );
    const found = await mapConcurrently(
      referrers,
      readConcurrency,
      async (descriptor) => {
        const fetched = await this.client.getManifest(repository, descriptor.digest);
        if (!fetched) return void 0;
        const manifest = parseManifest(
          fetched,
          `${this.client.where(repository)}, attachment ${descriptor.digest}`
        );
        const layer = manifest.layers[0];
        const kind = manifest.annotations?.[attachmentKind];
        if (!layer || !kind) return void 0;
        return {
          kind,
          mediaType: layer.mediaType,
          digest: layer.digest,
          size: layer.size,
          createdAt: manifest.annotations?.[artifactAnnotations.created] ?? "",
          annotations: layer.annotations ?? {}
        };
      }
    );
    const attachments = [];
    for (const attachment of found) {
      if (attachment && !attachments.some((other) => other.digest === attachment.digest))
        attachments.push(attachment);
    }
    return attachments.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.kind.localeCompare(b.kind));
  }
  async versionManifest(model, version) {
    const repository = this.repositoryOf(model);
    const number = versionPattern.test(version) ? version : version === latestVersion ? await this.newestVersion(repository) : await this.aliasTarget(repository, version);
    const found = number === void 0 ? void 0 : (await this.versionManifests(repository, [number]))[0];
    if (!found) throw new InputError(`model '${model}' has no ${versionOrAlias(version)} in ${this.uri}`);
    return found;
  }
  /** The version an alias tag points at. */
  async aliasTarget(repository, alias) {
    if (!isAliasTag(alias)) return void 0;
    const head = await this.resolveAlias(repository, alias);
    return head && head.kind !== "other" ? head.version : void 0;
  }
  /**
   * What an alias tag points at. versionOf (version manifest digest -> version) saves the lookups when the
   * caller has it; without it, the version tag of a version manifest is searched, newest first.
   */
  async resolveAlias(repository, alias, versionOf) {
    const head = await this.client.headManifest(repository, alias);
    if (!head) return void 0;
    const known = versionOf?.get(head.digest);
    if (known) return { kind: "version", digest: head.digest, version: known };
    const fetched = await this.client.getManifest(repository, head.digest);
    if (!fetched) return void 0;
    let manifest;
    try {
      manifest = parseManifest(fetched, `${this.client.where(repository)}, tag ${alias}`);
    } catch {
      return { kind: "other", digest: head.digest };
    }
    const version = manifest.annotations?.[promotionAnnotations.version];
    if (manifest.artifactType === promotionArtifactType && version && manifest.subject)
      return {
        kind: "promotion",
        digest: head.digest,
        manifest,
        version,
        versionDigest: manifest.subject.digest
      };
    if (manifest.artifactType === mlciArtifactTypes.model && !versionOf) {
      const versions = numericTags(await this.client.listTags(repository)).reverse();
      for (const each of versions)
        if ((await this.client.headManifest(repository, each))?.digest === head.digest)
          return { kind: "version", digest: head.digest, version: each };
    }
    return { kind: "other", digest: head.digest };
  }
  /** The manifests of these version tags, in version order; a tag deleted meanwhile is skipped. */
  async versionManifests(repository, versions) {
    const found = await mapConcurrently(versions, readConcurrency, async (version) => {
      const fetched = await this.client.getManifest(repository, version);
      if (!fetched) return void 0;
      const manifest = parseManifest(fetched, `${this.client.where(repository)}, version ${version}`);
      if (manifest.artifactType !== mlciArtifactTypes.model) return void 0;
      return { version, digest: fetched.digest, size: fetched.bytes.length, manifest };
    });
    return found.filter((each) => each !== void 0);
  }
  /** Whether a numeric tag is a version of a model: the newest first, so one manifest read is the usual cost. */
  async hasVersion(repository, tags) {
    return await this.newestOf(repository, tags) !== void 0;
  }
  /** The newest numeric tag that is a version of a model. */
  async newestOf(repository, tags) {
    for (const version of numericTags(tags).reverse())
      if ((await this.versionManifests(repository, [version])).length > 0) return version;
    return void 0;
  }
  async newestVersion(repository) {
    return this.newestOf(repository, await this.client.listTags(repository));
  }
  /** Alias tag -> the digest of the version manifest it stands for (directly or through a promotion). */
  async aliasDigests(repository, tags) {
    const aliases = /* @__PURE__ */ new Map();
    for (const tag of tags.filter(isAliasTag).sort()) {
      const head = await this.client.headManifest(repository, tag);
      if (!head) continue;
      const fetched = await this.client.getManifest(repository, head.digest);
      let subject;
      try {
        const manifest = fetched && parseManifest(fetched, `${this.client.where(repository)}, tag ${tag}`);
        if (manifest && manifest.artifactType === promotionArtifactType) subject = manifest.subject?.digest;
      } catch {
      }
      aliases.set(tag, subject ?? head.digest);
    }
    return aliases;
  }
  toVersion(model, found, attachments, aliases) {
    const fileSet = fileSetOfManifest(found.manifest, this.where(model, found.version));
    const labels = { ...found.manifest.annotations };
    delete labels[artifactAnnotations.contentDigest];
    return withRegistrations({
      model,
      version: found.version,
      contentDigest: fileSet.digest,
      manifestDigest: found.digest,
      files: fileSet.files,
      createdAt: labels[versionLabels.created] ?? "",
      labels,
      aliases,
      attachments
    });
  }
  contentDigestOf(found) {
    return fileSetOfManifest(found.manifest, `${this.uri}, version ${found.version}`).digest;
  }
  repositoryOf(model) {
    checkModelName(model);
    return this.prefix ? `${this.prefix}/${model}` : model;
  }
  where(model, version) {
    return `${this.uri}, model '${model}' version ${version}`;
  }
};
function numericTags(tags) {
  return tags.filter((tag) => versionPattern.test(tag)).sort((a, b) => Number(a) - Number(b));
}
function isAliasTag(tag) {
  return isAliasName(tag);
}
function aliasesFor(aliases, digest) {
  return [...aliases].filter(([, target]) => target === digest).map(([alias]) => alias);
}
export {
  openOciRegistry
};
