import { resolve } from 'node:path';
import { InputError } from '../errors';
import { replaceDirectory } from '../io/replace-directory';
import {
  artifactAnnotations,
  artifactMediaTypes,
  fileSetOfManifest,
  mlciArtifactTypes,
  parseManifest,
  pullFiles,
  pushArtifact,
} from '../oci/artifact';
import { InvalidContent, ociMediaTypes, RegistryClient, type RegistryTuning } from '../oci/client';
import { parseOciUri } from '../oci/reference';
import type { BackendOptions } from '../registry/registry';
import { type CacheEntry, CorruptCacheEntry, type RunCache, type StoreRequest } from './run-cache';

const keyPattern = /^sha256:([0-9a-f]{64})$/;
const keyAnnotation = 'dev.mlci.run-cache.key';

/**
 * The run cache in an OCI repository (`oci://HOST[:PORT]/REPOSITORY`): every runner that reaches the registry
 * shares it. An entry is an artifact (artifactType application/vnd.mlci.run-cache.v1) tagged with the key's
 * hex: one layer per output file, then run.json and the provenance statement as layers of their own types.
 */
export async function openOciRunCache(
  uri: string,
  options: BackendOptions,
  tuning: RegistryTuning = {},
): Promise<RunCache> {
  const location = parseOciUri(uri);
  if (!location.path) throw new InputError(`run cache '${uri}': expected oci://HOST[:PORT]/REPOSITORY`);
  const client = new RegistryClient({
    host: location.host,
    repository: location.path,
    env: options.env,
    logger: options.logger,
    insecure: options.insecure,
    ...tuning,
  });
  return new OciRunCache(uri, location.path, client, options);
}

class OciRunCache implements RunCache {
  constructor(
    readonly uri: string,
    private readonly repository: string,
    private readonly client: RegistryClient,
    private readonly options: BackendOptions,
  ) {}

  async lookup(key: string): Promise<CacheEntry | undefined> {
    const tag = keyHex(key);
    const fetched = await this.client.getManifest(this.repository, tag);
    if (!fetched) return undefined;
    try {
      const manifest = parseManifest(fetched, this.where(key));
      if (
        manifest.artifactType !== mlciArtifactTypes.runCache ||
        manifest.annotations?.[keyAnnotation] !== key
      ) {
        throw new InvalidContent(`${this.where(key)}: tag ${tag} is not a run cache entry for this key`);
      }
      const layerOf = (mediaType: string) => {
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
        createdAt: manifest.annotations?.[artifactAnnotations.created] ?? '',
      };
    } catch (error) {
      if (!(error instanceof InvalidContent)) throw error;
      // A miss, and the run that follows stores a good entry in its place.
      this.options.logger.warn(`run cache ${this.uri}: ignoring entry ${key}: ${error.message}`);
      await this.discard(fetched.digest, error);
      return undefined;
    }
  }

  async restore(entry: CacheEntry, directory: string): Promise<void> {
    await replaceDirectory(resolve(this.options.cwd, directory), async (incoming) => {
      try {
        await pullFiles(this.client, this.repository, entry.fileSet, incoming);
      } catch (error) {
        if (!(error instanceof InvalidContent)) throw error;
        const manifest = await this.client
          .headManifest(this.repository, keyHex(entry.key))
          .catch(() => undefined);
        if (manifest) await this.discard(manifest.digest, error);
        throw new CorruptCacheEntry(`run cache ${this.uri}: entry ${entry.key}: ${error.message}`, {
          cause: error,
        });
      }
    });
  }

  /** Registries have retention rules of their own (tag expiry, garbage collection): mlci deletes nothing there. */
  async prune(): Promise<number> {
    return 0;
  }

  async store(request: StoreRequest): Promise<void> {
    const tag = keyHex(request.key);
    // Idempotent: an entry with the same outputs stays as it is (and keeps the run that first made it).
    const current = await this.client.getManifest(this.repository, tag);
    if (current) {
      try {
        const manifest = parseManifest(current, this.where(request.key));
        if (manifest.annotations?.[artifactAnnotations.contentDigest] === request.fileSet.digest) return;
      } catch {
        // Not readable: replaced below.
      }
    }
    const pushed = await pushArtifact(this.client, this.repository, {
      artifactType: mlciArtifactTypes.runCache,
      directory: resolve(this.options.cwd, request.directory),
      fileSet: request.fileSet,
      annotations: { [keyAnnotation]: request.key, [artifactAnnotations.created]: new Date().toISOString() },
      extraLayers: [
        { mediaType: artifactMediaTypes.run, content: request.record },
        { mediaType: artifactMediaTypes.inToto, content: request.provenance },
      ],
    });
    // Tagged last: lookup never finds an entry whose blobs are not all in place.
    await this.client.putManifest(this.repository, tag, pushed.bytes, ociMediaTypes.manifest);
  }

  /**
   * Forgets an entry found corrupt: deletes its manifest (and with it the tag) and unlinks the bad blob, so
   * the next store uploads it again. Best effort: a registry that refuses deletes keeps the entry, which
   * then stays a miss.
   */
  private async discard(manifestDigest: string, error: InvalidContent): Promise<void> {
    try {
      await this.client.deleteManifest(this.repository, manifestDigest);
      if (error.digest) await this.client.deleteBlob(this.repository, error.digest);
    } catch (failure) {
      this.options.logger.warn(
        `run cache ${this.uri}: cannot remove the corrupt entry: ${(failure as Error).message}`,
      );
    }
  }

  private where(key: string): string {
    return `${this.client.where(this.repository)}, run cache entry ${key}`;
  }
}

function keyHex(key: string): string {
  const match = keyPattern.exec(key);
  if (!match) throw new Error(`run cache key '${key}': expected sha256:<64 hex digits>`);
  return match[1] as string;
}
