#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  modelNamePattern,
  versionLabels,
  versionOrAlias
} from "./chunk-YIXWV6XT.mjs";
import {
  artifactAnnotations,
  fileSetOfManifest,
  mlciArtifactTypes,
  parseManifest,
  pullFiles,
  pushArtifact
} from "./chunk-YB2CBQHX.mjs";
import {
  RegistryClient,
  ociMediaTypes
} from "./chunk-XKYXKTGJ.mjs";
import {
  mapConcurrently
} from "./chunk-IS7M7TXC.mjs";
import "./chunk-NWSN7DU2.mjs";
import "./chunk-Q2OW4E5W.mjs";
import "./chunk-NXUZT252.mjs";
import {
  isInsideRelativePath
} from "./chunk-ERNQNAOD.mjs";
import {
  bytesDigest
} from "./chunk-WU5BIKWZ.mjs";
import {
  parseOciUri
} from "./chunk-373ZIGC3.mjs";
import {
  InputError,
  ServiceError
} from "./chunk-HQARHKJP.mjs";
import "./chunk-AQW5IZUH.mjs";

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
      for (const attachment of request.attachments)
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
    for (const attachment of request.attachments) {
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
            const head = await this.client.headManifest(repository, alias);
            const version = head && versionOf.get(head.digest);
            if (version) aliases[alias] = version;
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
        await this.attachmentsOf(repository, each.digest),
        aliasesFor(aliases, each.digest)
      )
    );
  }
  async getVersion(model, version) {
    const repository = this.repositoryOf(model);
    const found = await this.versionManifest(model, version);
    const aliases = await this.aliasDigests(repository, await this.client.listTags(repository));
    return this.toVersion(
      model,
      found,
      await this.attachmentsOf(repository, found.digest),
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
  /** The attachments of a version's manifest, oldest first, each content digest once. */
  async attachmentsOf(repository, digest) {
    const referrers = await this.client.referrers(repository, digest, mlciArtifactTypes.attachment);
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
    const number = versionPattern.test(version) ? version : await this.aliasTarget(repository, version);
    const found = number === void 0 ? void 0 : (await this.versionManifests(repository, [number]))[0];
    if (!found) throw new InputError(`model '${model}' has no ${versionOrAlias(version)} in ${this.uri}`);
    return found;
  }
  /** The version an alias tag points at: the version tag with the same manifest digest, newest first. */
  async aliasTarget(repository, alias) {
    if (!isAliasTag(alias)) return void 0;
    const head = await this.client.headManifest(repository, alias);
    if (!head) return void 0;
    const versions = numericTags(await this.client.listTags(repository)).reverse();
    for (const version of versions)
      if ((await this.client.headManifest(repository, version))?.digest === head.digest) return version;
    return void 0;
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
  /** Alias tag -> manifest digest. */
  async aliasDigests(repository, tags) {
    const aliases = /* @__PURE__ */ new Map();
    for (const tag of tags.filter(isAliasTag).sort()) {
      const head = await this.client.headManifest(repository, tag);
      if (head) aliases.set(tag, head.digest);
    }
    return aliases;
  }
  toVersion(model, found, attachments, aliases) {
    const fileSet = fileSetOfManifest(found.manifest, this.where(model, found.version));
    const labels = { ...found.manifest.annotations };
    delete labels[artifactAnnotations.contentDigest];
    return {
      model,
      version: found.version,
      contentDigest: fileSet.digest,
      manifestDigest: found.digest,
      files: fileSet.files,
      createdAt: labels[versionLabels.created] ?? "",
      labels,
      aliases,
      attachments
    };
  }
  contentDigestOf(found) {
    return fileSetOfManifest(found.manifest, `${this.uri}, version ${found.version}`).digest;
  }
  repositoryOf(model) {
    if (!modelNamePattern.test(model)) {
      throw new InputError(
        `model name '${model}': expected lowercase letters and digits separated by '.', '_', '__' or '-' (e.g. churn-model)`
      );
    }
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
  return !versionPattern.test(tag) && !tag.startsWith("sha256-");
}
function aliasesFor(aliases, digest) {
  return [...aliases].filter(([, target]) => target === digest).map(([alias]) => alias);
}
export {
  openOciRegistry
};
