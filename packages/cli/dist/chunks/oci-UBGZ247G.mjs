#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  replaceDirectory
} from "./chunk-DS2KLJZU.mjs";
import {
  CorruptCacheEntry
} from "./chunk-JQ6FLF6B.mjs";
import {
  artifactAnnotations,
  artifactMediaTypes,
  fileSetOfManifest,
  mlciArtifactTypes,
  parseManifest,
  pullFiles,
  pushArtifact
} from "./chunk-2DLZ67UH.mjs";
import {
  InvalidContent,
  RegistryClient,
  ociMediaTypes
} from "./chunk-FIL44SLO.mjs";
import {
  parseOciUri
} from "./chunk-J77EQZPR.mjs";
import "./chunk-ZAIHXEFC.mjs";
import "./chunk-IS7M7TXC.mjs";
import "./chunk-ERNQNAOD.mjs";
import "./chunk-KLG7ZBD7.mjs";
import "./chunk-4VSSUXZN.mjs";
import "./chunk-BOL2UAYQ.mjs";
import "./chunk-Q2OW4E5W.mjs";
import "./chunk-7YFYVVS2.mjs";
import "./chunk-COETP6OK.mjs";
import "./chunk-2WYYKV6E.mjs";
import {
  InputError
} from "./chunk-C6XSGGFY.mjs";
import "./chunk-AQW5IZUH.mjs";

// packages/core/src/run-cache/oci.ts
import { resolve } from "node:path";
var keyPattern = /^sha256:([0-9a-f]{64})$/;
var keyAnnotation = "dev.mlci.run-cache.key";
async function openOciRunCache(uri, options, tuning = {}) {
  const location = parseOciUri(uri);
  if (!location.path) throw new InputError(`run cache '${uri}': expected oci://HOST[:PORT]/REPOSITORY`);
  const client = new RegistryClient({
    host: location.host,
    repository: location.path,
    env: options.env,
    logger: options.logger,
    insecure: options.insecure,
    ...tuning
  });
  return new OciRunCache(uri, location.path, client, options);
}
var OciRunCache = class {
  constructor(uri, repository, client, options) {
    this.uri = uri;
    this.repository = repository;
    this.client = client;
    this.options = options;
  }
  uri;
  repository;
  client;
  options;
  async lookup(key) {
    const tag = keyHex(key);
    const fetched = await this.client.getManifest(this.repository, tag);
    if (!fetched) return void 0;
    try {
      const manifest = parseManifest(fetched, this.where(key));
      if (manifest.artifactType !== mlciArtifactTypes.runCache || manifest.annotations?.[keyAnnotation] !== key) {
        throw new InvalidContent(`${this.where(key)}: tag ${tag} is not a run cache entry for this key`);
      }
      const layerOf = (mediaType) => {
        const layer = manifest.layers.find((each) => each.mediaType === mediaType);
        if (!layer) throw new InvalidContent(`${this.where(key)}: no ${mediaType} layer`);
        return layer;
      };
      const record = layerOf(artifactMediaTypes.run);
      const provenance = layerOf(artifactMediaTypes.inToto);
      return {
        key,
        fileSet: fileSetOfManifest(manifest, this.where(key)),
        record: await this.client.fetchBlob(this.repository, record.digest),
        provenance: await this.client.fetchBlob(this.repository, provenance.digest),
        createdAt: manifest.annotations?.[artifactAnnotations.created] ?? ""
      };
    } catch (error) {
      if (!(error instanceof InvalidContent)) throw error;
      this.options.logger.warn(`run cache ${this.uri}: ignoring entry ${key}: ${error.message}`);
      await this.discard(fetched.digest, error);
      return void 0;
    }
  }
  async restore(entry, directory) {
    await replaceDirectory(resolve(this.options.cwd, directory), async (incoming) => {
      try {
        await pullFiles(this.client, this.repository, entry.fileSet, incoming);
      } catch (error) {
        if (!(error instanceof InvalidContent)) throw error;
        const manifest = await this.client.headManifest(this.repository, keyHex(entry.key)).catch(() => void 0);
        if (manifest) await this.discard(manifest.digest, error);
        throw new CorruptCacheEntry(`run cache ${this.uri}: entry ${entry.key}: ${error.message}`, {
          cause: error
        });
      }
    });
  }
  /** Registries have retention rules of their own (tag expiry, garbage collection): mlci deletes nothing there. */
  async prune() {
    return 0;
  }
  async store(request) {
    const tag = keyHex(request.key);
    const current = await this.client.getManifest(this.repository, tag);
    if (current) {
      try {
        const manifest = parseManifest(current, this.where(request.key));
        if (manifest.annotations?.[artifactAnnotations.contentDigest] === request.fileSet.digest) return;
      } catch {
      }
    }
    const pushed = await pushArtifact(this.client, this.repository, {
      artifactType: mlciArtifactTypes.runCache,
      directory: resolve(this.options.cwd, request.directory),
      fileSet: request.fileSet,
      annotations: { [keyAnnotation]: request.key, [artifactAnnotations.created]: (/* @__PURE__ */ new Date()).toISOString() },
      extraLayers: [
        { mediaType: artifactMediaTypes.run, content: request.record },
        { mediaType: artifactMediaTypes.inToto, content: request.provenance }
      ]
    });
    await this.client.putManifest(this.repository, tag, pushed.bytes, ociMediaTypes.manifest);
  }
  /**
   * Forgets an entry found corrupt: deletes its manifest (and with it the tag) and unlinks the bad blob, so
   * the next store uploads it again. Best effort: a registry that refuses deletes keeps the entry, which
   * then stays a miss.
   */
  async discard(manifestDigest, error) {
    try {
      await this.client.deleteManifest(this.repository, manifestDigest);
      if (error.digest) await this.client.deleteBlob(this.repository, error.digest);
    } catch (failure) {
      this.options.logger.warn(
        `run cache ${this.uri}: cannot remove the corrupt entry: ${failure.message}`
      );
    }
  }
  where(key) {
    return `${this.client.where(this.repository)}, run cache entry ${key}`;
  }
};
function keyHex(key) {
  const match = keyPattern.exec(key);
  if (!match) throw new Error(`run cache key '${key}': expected sha256:<64 hex digits>`);
  return match[1];
}
export {
  openOciRunCache
};
