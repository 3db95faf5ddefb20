import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, open, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { InputError, ServiceError } from '../errors';
import { BodyLimitError, bodyLimits, readBody, readBodyJson } from '../io/bounded-body';
import { mapConcurrently } from '../io/concurrency';
import { bytesDigest, copyWithDigest } from '../io/digest';
import { parseJson } from '../io/json';
import { movePath } from '../io/move';
import { isNetworkError, networkReason } from '../io/network-error';
import { type RetryPolicy, withRetries } from '../io/retry';
import { removeOnInterrupt } from '../io/scratch';
import type { Logger } from '../platform/platform';
import { type Cleanup, interruptedBy, registerCleanup } from '../process/interrupt';
import { RegistryAuth } from './auth';
import { discard, isTransient, RegistryStatusError, sendParts, statusError } from './http';
import { isLoopbackHost, isSha256Digest, isValidHost } from './reference';

/**
 * How long a registry may take to answer a request: its headers, then again for a body read into memory
 * (bounded-body.ts). A streamed blob has no whole-body deadline (a base layer may take minutes) but must not
 * stall: each of its chunks must come within this time.
 */
export const defaultResponseTimeoutMs = 120_000;

export const ociMediaTypes = {
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  index: 'application/vnd.oci.image.index.v1+json',
  empty: 'application/vnd.oci.empty.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
} as const;

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
}

export interface ImageManifest {
  schemaVersion: 2;
  mediaType: string;
  artifactType?: string;
  config: Descriptor;
  layers: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

export interface ImageIndex {
  schemaVersion: 2;
  mediaType: string;
  artifactType?: string;
  manifests: Descriptor[];
  subject?: Descriptor;
  annotations?: Record<string, string>;
}

export interface FetchedManifest {
  digest: string;
  mediaType: string;
  /** The bytes as stored: their sha256 is the digest. */
  bytes: Buffer;
}

/** Where an upload is: its Location and the bytes the registry has acknowledged. */
interface UploadSession {
  location: URL;
  offset: number;
}

/** A streamed upload the registry restarted after bytes that cannot be read again were sent: make them again. */
export class UploadSessionLost extends Error {}

/** A blob to push: a file (read a chunk at a time) or bytes in memory. */
export type BlobSource = { digest: string; size: number } & ({ path: string } | { bytes: Uint8Array });

/** Content the registry sent that does not match its digest, or that is missing or malformed. */
export class InvalidContent extends ServiceError {
  constructor(
    message: string,
    /** The blob at fault, when it is one blob. */
    readonly digest?: string,
  ) {
    super(message);
  }
}

export interface RegistryClientOptions {
  /** `host[:port]`. */
  host: string;
  /** The repository or prefix this client works on: credential entries may be per namespace. */
  repository?: string;
  env: NodeJS.ProcessEnv;
  logger?: Logger;
  /** Plain HTTP to a host that is not loopback. */
  insecure?: boolean;
  retry?: RetryPolicy;
  /** Blobs larger than this go up in PATCH chunks of this size; smaller ones in one PUT. */
  chunkSize?: number;
  /** How long the registry may take to start answering a request (default defaultResponseTimeoutMs). */
  responseTimeoutMs?: number;
  /** Page size asked of the tags and catalog lists. */
  pageSize?: number;
  /** The most tags or repositories a list may hold, whatever the pages (default maxListedNames). */
  maxListedNames?: number;
}

/** What callers of a backend may tune (tests: short retry delays, small chunks, small pages). */
export type RegistryTuning = Pick<
  RegistryClientOptions,
  'retry' | 'chunkSize' | 'pageSize' | 'responseTimeoutMs' | 'maxListedNames'
>;

/**
 * PATCH size. Each PATCH is a round trip in which the registry also reopens the upload and saves its hash state:
 * pushing a 703 MB layer to docker-registry 2.8 on the benchmark machine took 8.4-9.7 s in 8 MiB chunks and
 * 7.5-8.4 s in 32 MiB ones (no gain beyond). Proxies in front of registries take unbounded PATCH bodies
 * (containers/image sends a whole blob in one).
 */
export const defaultChunkSize = 32 * 1024 * 1024;
/**
 * The most names (tags, repositories) one list may gather over all its pages, and the most pages: an endless
 * `Link: rel="next"` chain must end. 100,000 tags of at most 128 characters are at most about 13 MB; the pages
 * bound also ends a registry that answers with empty pages forever.
 */
export const maxListedNames = 100_000;
const maxListPages = 10_000;
/** How long an interrupted push waits for the registry to delete its upload session. */
const abandonUploadMs = 5000;
const manifestAccept = [
  ociMediaTypes.manifest,
  ociMediaTypes.index,
  ociMediaTypes.dockerManifest,
  ociMediaTypes.dockerManifestList,
].join(', ');

interface RequestSpec {
  method: string;
  /** A path under the registry root (`/v2/…`) or an absolute URL (upload locations, pages). */
  url: string;
  scopes: readonly string[];
  /** Statuses the caller handles; any other is an error (5xx and 429 transient). */
  expect: readonly number[];
  headers?: Record<string, string>;
  /** Kept in memory so that the request can be sent again after a challenge or a failure. */
  body?: Uint8Array;
  /** A large body in pieces (blob chunks), written as they are instead of through fetch (http.ts sendParts). */
  parts?: readonly Uint8Array[];
}

const pullScope = (repository: string) => `repository:${repository}:pull`;
const pushScope = (repository: string) => `repository:${repository}:pull,push`;

/**
 * The OCI distribution API of one registry: blobs (chunked, resumable uploads; cross-repository mounts;
 * streamed, digest-checked downloads), manifests, tags, the catalog and referrers (with the tag-schema
 * fallback). Every failure leaves as ServiceError (exit 3) naming the host and the repository; network
 * errors, 5xx and 429 are retried first.
 */
export class RegistryClient {
  readonly host: string;
  readonly baseUrl: string;
  private readonly origin: string;
  private readonly auth: RegistryAuth;
  private readonly retry: RetryPolicy;
  private readonly chunkSize: number;
  private readonly responseTimeoutMs: number;
  private readonly pageSize: number;
  private readonly maxListedNames: number;
  private readonly logger: Logger | undefined;

  constructor(options: RegistryClientOptions) {
    if (!isValidHost(options.host)) throw new InputError(`invalid registry host "${options.host}"`);
    this.host = options.host;
    // Plain HTTP only where nobody else can listen in, or when the user said so.
    const plain = isLoopbackHost(options.host) || options.insecure === true;
    this.baseUrl = `${plain ? 'http' : 'https'}://${options.host}`;
    this.origin = new URL(this.baseUrl).origin;
    this.auth = new RegistryAuth({
      host: options.host,
      repository: options.repository ?? '',
      env: options.env,
      logger: options.logger,
      insecure: options.insecure,
    });
    this.retry = options.retry ?? {};
    this.chunkSize = options.chunkSize ?? defaultChunkSize;
    this.responseTimeoutMs = options.responseTimeoutMs ?? defaultResponseTimeoutMs;
    this.pageSize = options.pageSize ?? 1000;
    this.maxListedNames = options.maxListedNames ?? maxListedNames;
    this.logger = options.logger;
  }

  /** Checks that the host answers the distribution API (a 401 counts: credentials come later). */
  async ping(): Promise<void> {
    await this.call('', 'reach the registry', async () => {
      const response = await this.send({ method: 'GET', url: '/v2/', scopes: [], expect: [200, 401] });
      await discard(response);
    });
  }

  /** The blob's size when the repository has it. */
  async blobSize(repository: string, digest: string): Promise<number | undefined> {
    return this.call(repository, `check blob ${digest}`, () => this.headBlob(repository, digest));
  }

  /**
   * Uploads a blob unless the repository has it: mounted from mountFrom when that repository has it,
   * else in one PUT (small) or PATCH chunks resumed from where the registry says it got to.
   */
  async pushBlob(repository: string, blob: BlobSource, options: { mountFrom?: string } = {}): Promise<void> {
    await this.call(
      repository,
      `push blob ${blob.digest}`,
      async () => {
        const size = await withRetries(() => this.headBlob(repository, blob.digest), isTransient, this.retry);
        if (size !== undefined) return;
        try {
          await this.upload(repository, blob, options.mountFrom);
        } catch (error) {
          // The registry hashed what it received: a file changed since it was fingerprinted is the input's fault.
          if ('path' in blob && error instanceof RegistryStatusError && error.code === 'DIGEST_INVALID') {
            throw new InputError(
              `${blob.path}: changed after it was fingerprinted (not ${blob.digest} any more)`,
            );
          }
          throw error;
        }
      },
      { retry: false },
    );
  }

  /** Mounts a blob from another repository of the same registry; false when the registry would not. */
  async mountBlob(repository: string, digest: string, from: string): Promise<boolean> {
    return this.call(repository, `mount blob ${digest} from ${from}`, async () => {
      const start = await this.startUpload(repository, digest, from);
      if (!start.mounted) await this.cancelUpload(repository, start.location);
      return start.mounted;
    });
  }

  /** A blob's content in memory (metadata, attachments), checked against its digest. */
  async fetchBlob(repository: string, digest: string, maxBytes: number = bodyLimits.stored): Promise<Buffer> {
    return this.call(repository, `pull blob ${digest}`, async () => {
      const response = await this.send({
        method: 'GET',
        url: `/v2/${repository}/blobs/${digest}`,
        scopes: [pullScope(repository)],
        expect: [200, 404],
      });
      if (response.status === 404) throw await this.missingBlob(response, repository, digest);
      const bytes = await readBody(response, {
        maxBytes,
        deadlineMs: this.responseTimeoutMs,
        what: `${this.where(repository)}: blob ${digest}`,
      });
      this.checkDigest(repository, digest, bytesDigest(bytes));
      return bytes;
    });
  }

  /**
   * Streams a blob to path through a temporary file beside it, which replaces path only once the digest
   * (and size, when given) matched: a failed download never leaves a partial file at path.
   */
  async downloadBlob(
    repository: string,
    digest: string,
    path: string,
    options: { size?: number; mode?: number } = {},
  ): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.part`);
    const interrupted = removeOnInterrupt(temp);
    try {
      await this.call(repository, `pull blob ${digest}`, async () => {
        const response = await this.send({
          method: 'GET',
          url: `/v2/${repository}/blobs/${digest}`,
          scopes: [pullScope(repository)],
          expect: [200, 404],
        });
        if (response.status === 404) throw await this.missingBlob(response, repository, digest);
        const what = `${this.where(repository)}: blob ${digest}`;
        const { digest: actual, size } = await copyWithDigest(
          Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
          createWriteStream(temp),
          {
            // A known size is the most that is written: a registry sending more is wrong, and an endless
            // answer would fill the disk.
            ...(options.size !== undefined && {
              maxBytes: options.size,
              tooLarge: () =>
                new InvalidContent(`${what}: more than the ${options.size} bytes expected`, digest),
            }),
            idleMs: this.responseTimeoutMs,
            stalled: () => new BodyLimitError(`${what}: no data for ${this.responseTimeoutMs / 1000} s`),
          },
        );
        this.checkDigest(repository, digest, actual);
        if (options.size !== undefined && size !== options.size) {
          throw new InvalidContent(
            `${this.where(repository)}: blob ${digest} has ${size} bytes, expected ${options.size}`,
            digest,
          );
        }
      });
      if (options.mode !== undefined) await chmod(temp, options.mode);
      await movePath(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    } finally {
      interrupted.release();
    }
  }

  /** A manifest or index by tag or digest, checked against its digest; undefined when there is none. */
  async getManifest(repository: string, reference: string): Promise<FetchedManifest | undefined> {
    return this.call(repository, `get manifest ${reference}`, async () => {
      const response = await this.send({
        method: 'GET',
        url: `/v2/${repository}/manifests/${reference}`,
        scopes: [pullScope(repository)],
        expect: [200, 404],
        headers: { accept: manifestAccept },
      });
      if (response.status === 404) {
        await discard(response);
        return undefined;
      }
      // containers/image's limit (iolimits.MaxManifestBodySize), distribution's on a manifest PUT.
      const bytes = await readBody(response, {
        maxBytes: bodyLimits.manifest,
        deadlineMs: this.responseTimeoutMs,
        what: `${this.where(repository)}: manifest ${reference}`,
      });
      const digest = bytesDigest(bytes);
      const claimed = reference.includes(':') ? reference : response.headers.get('docker-content-digest');
      if (claimed && isSha256Digest(claimed)) this.checkDigest(repository, claimed, digest);
      const mediaType =
        response.headers.get('content-type')?.split(';')[0]?.trim() ||
        (parseJson(bytes, repository, 'service') as { mediaType?: string }).mediaType ||
        ociMediaTypes.manifest;
      return { digest, mediaType, bytes };
    });
  }

  /** The digest, media type and size a tag or digest resolves to, without the body. */
  async headManifest(
    repository: string,
    reference: string,
  ): Promise<{ digest: string; mediaType: string; size: number } | undefined> {
    return this.call(repository, `check manifest ${reference}`, async () => {
      const response = await this.send({
        method: 'HEAD',
        url: `/v2/${repository}/manifests/${reference}`,
        scopes: [pullScope(repository)],
        expect: [200, 404],
        headers: { accept: manifestAccept },
      });
      if (response.status === 404) return undefined;
      const digest = response.headers.get('docker-content-digest');
      // Without the digest header (allowed by the spec), the body tells.
      if (!digest) {
        const fetched = await this.getManifest(repository, reference);
        return (
          fetched && { digest: fetched.digest, mediaType: fetched.mediaType, size: fetched.bytes.length }
        );
      }
      return {
        digest,
        mediaType: response.headers.get('content-type')?.split(';')[0]?.trim() ?? ociMediaTypes.manifest,
        size: Number(response.headers.get('content-length') ?? 0),
      };
    });
  }

  /**
   * Stores a manifest under a tag or its digest. subjectProcessed is true when the registry said
   * (OCI-Subject) that it indexed the manifest's subject for the referrers API.
   */
  async putManifest(
    repository: string,
    reference: string,
    bytes: Uint8Array,
    mediaType: string,
  ): Promise<{ digest: string; subjectProcessed: boolean }> {
    const digest = bytesDigest(bytes);
    return this.call(repository, `put manifest ${reference}`, async () => {
      const response = await this.send({
        method: 'PUT',
        url: `/v2/${repository}/manifests/${reference}`,
        scopes: [pushScope(repository)],
        expect: [201],
        headers: { 'content-type': mediaType },
        body: bytes,
      });
      await discard(response);
      const stored = response.headers.get('docker-content-digest');
      if (stored && stored !== digest) {
        throw new InvalidContent(
          `${this.where(repository)}: stored manifest ${reference} as ${stored}, sent ${digest}`,
        );
      }
      return { digest, subjectProcessed: response.headers.has('oci-subject') };
    });
  }

  /** Unlinks a blob from the repository (registries that allow deletes). */
  async deleteBlob(repository: string, digest: string): Promise<void> {
    await this.delete(repository, 'blobs', digest);
  }

  /** Removes a manifest (by digest) and with it every tag that points at it. */
  async deleteManifest(repository: string, digest: string): Promise<void> {
    await this.delete(repository, 'manifests', digest);
  }

  private async delete(repository: string, kind: 'blobs' | 'manifests', digest: string): Promise<void> {
    await this.call(repository, `delete ${kind === 'blobs' ? 'blob' : 'manifest'} ${digest}`, async () => {
      const response = await this.send({
        method: 'DELETE',
        url: `/v2/${repository}/${kind}/${digest}`,
        scopes: [`repository:${repository}:delete`, pushScope(repository)],
        expect: [202, 404],
      });
      await discard(response);
    });
  }

  /** Every tag of the repository, following Link pages; empty when the repository does not exist. */
  async listTags(repository: string): Promise<string[]> {
    return this.call(repository, 'list tags', async () => {
      const tags: string[] = [];
      const found = await this.pages(
        `/v2/${repository}/tags/list?n=${this.pageSize}`,
        [pullScope(repository)],
        `${this.where(repository)}: tag list`,
        (page) => {
          tags.push(...listed(page, 'tags', `${this.where(repository)}: tag list`));
          return tags.length;
        },
      );
      return found ? tags : [];
    });
  }

  /** Every repository of the registry (the catalog API), following Link pages. */
  async catalog(): Promise<string[]> {
    return this.call('', 'list repositories (catalog API)', async () => {
      const repositories: string[] = [];
      await this.pages(
        `/v2/_catalog?n=${this.pageSize}`,
        ['registry:catalog:*'],
        `${this.where('')}: catalog`,
        (page) => {
          repositories.push(...listed(page, 'repositories', `${this.where('')}: catalog`));
          return repositories.length;
        },
      );
      return repositories;
    });
  }

  /**
   * The manifests whose subject is subjectDigest: the referrers API, or where the registry has none, the
   * index tagged `sha256-<hex>` (the OCI tag-schema fallback) together with the referrers that have their own
   * tag (see pushReferrer), which an index replaced by a concurrent writer may lack. `tags`, when the caller
   * has just listed the repository's tags, saves listing them again.
   */
  async referrers(
    repository: string,
    subjectDigest: string,
    artifactType?: string,
    options: { tags?: readonly string[] } = {},
  ): Promise<Descriptor[]> {
    const keep = (descriptors: Descriptor[]) =>
      descriptors.filter((each) => artifactType === undefined || each.artifactType === artifactType);
    const fromApi = await this.call(repository, `list referrers of ${subjectDigest}`, async () => {
      const query = artifactType ? `?artifactType=${encodeURIComponent(artifactType)}` : '';
      const response = await this.send({
        method: 'GET',
        url: `/v2/${repository}/referrers/${subjectDigest}${query}`,
        scopes: [pullScope(repository)],
        expect: [200, 404],
        headers: { accept: ociMediaTypes.index },
      });
      if (response.status !== 200 || !response.headers.get('content-type')?.startsWith(ociMediaTypes.index)) {
        await discard(response);
        return undefined;
      }
      const index = (await readBodyJson(response, {
        maxBytes: bodyLimits.manifest,
        deadlineMs: this.responseTimeoutMs,
        what: `${this.where(repository)}: referrers of ${subjectDigest}`,
      })) as ImageIndex | null;
      return index?.manifests ?? [];
    });
    // A registry with the API answers 200 even for an unknown subject (the spec): 404 means no API. Asked
    // each time rather than remembered: some registries also answer 404 for a repository not created yet.
    if (fromApi) return keep(fromApi);
    const listed = await this.fallbackIndex(repository, subjectDigest);
    const tags = options.tags ?? (await this.listTags(repository));
    return keep([...listed, ...(await this.taggedReferrers(repository, subjectDigest, tags, listed))]);
  }

  /**
   * Pushes a manifest that has a subject, and makes it findable by referrers(). A registry with the referrers
   * API indexes it. Without the API, the fallback index `sha256-<hex>` is a read-modify-write that OCI cannot
   * make conditional: a writer that read the index before our PUT and writes after it drops our entry, and
   * both writers' read-backs pass. So the manifest also gets its own tag (referrerTag: the subject's and its
   * own digest), written before the index: writes of distinct tags never race, and a repository's tags are a
   * set, so once this returns every reader finds the referrer (referrers() reads the index and those tags).
   * The index is still written, for other tools (ORAS, regctl, cosign read it), with every tagged referrer it
   * lacks: the next writer repairs what an earlier race dropped. The tag also keeps the referrer from a
   * garbage collection of untagged manifests.
   */
  async pushReferrer(
    repository: string,
    manifest: {
      bytes: Uint8Array;
      mediaType: string;
      artifactType?: string;
      annotations?: Record<string, string>;
    },
    subjectDigest: string,
  ): Promise<Descriptor> {
    const put = await this.putManifest(
      repository,
      bytesDigest(manifest.bytes),
      manifest.bytes,
      manifest.mediaType,
    );
    const descriptor: Descriptor = {
      mediaType: manifest.mediaType,
      digest: put.digest,
      size: manifest.bytes.length,
      ...(manifest.artifactType && { artifactType: manifest.artifactType }),
      ...(manifest.annotations &&
        Object.keys(manifest.annotations).length > 0 && { annotations: manifest.annotations }),
    };
    if (put.subjectProcessed) return descriptor;
    await this.putManifest(
      repository,
      referrerTag(subjectDigest, put.digest),
      manifest.bytes,
      manifest.mediaType,
    );
    await this.addToFallbackIndex(repository, subjectDigest, descriptor);
    return descriptor;
  }

  /**
   * Adds `ours` and every tagged referrer the index lacks to the fallback index, read back; a few times when
   * another writer's index replaced ours. Never lost either way: `ours` has its own tag.
   */
  private async addToFallbackIndex(
    repository: string,
    subjectDigest: string,
    ours: Descriptor,
  ): Promise<void> {
    const tag = referrersTag(subjectDigest);
    for (let attempt = 0; attempt < 3; attempt++) {
      const listed = await this.fallbackIndex(repository, subjectDigest);
      const known = listed.some((each) => each.digest === ours.digest) ? listed : [...listed, ours];
      const tagged = await this.taggedReferrers(
        repository,
        subjectDigest,
        await this.listTags(repository),
        known,
      );
      if (known === listed && tagged.length === 0) return;
      const index: ImageIndex = {
        schemaVersion: 2,
        mediaType: ociMediaTypes.index,
        manifests: [...known, ...tagged],
      };
      await this.putManifest(repository, tag, Buffer.from(JSON.stringify(index)), ociMediaTypes.index);
      const readBack = await this.fallbackIndex(repository, subjectDigest);
      if (readBack.some((each) => each.digest === ours.digest)) return;
    }
    this.logger?.debug(
      `${this.where(repository)}: other writers kept replacing the referrers index ${tag}; ${ours.digest} is found through its tag ${referrerTag(subjectDigest, ours.digest)}`,
    );
  }

  /** The descriptors of the fallback index `sha256-<hex>` of a subject; none when it has none. */
  private async fallbackIndex(repository: string, subjectDigest: string): Promise<Descriptor[]> {
    const index = await this.getManifest(repository, referrersTag(subjectDigest));
    return index ? parseIndex(index, this.where(repository)).manifests : [];
  }

  /**
   * The referrers of a subject that have their own tag (referrerTag) among `tags` and are not in `known`,
   * each read by its tag: only those an index race dropped, so usually none. A tag that does not hold a
   * manifest of that digest and subject (another tool's) is left out.
   */
  private async taggedReferrers(
    repository: string,
    subjectDigest: string,
    tags: readonly string[],
    known: readonly Descriptor[],
  ): Promise<Descriptor[]> {
    const prefix = `${referrersTag(subjectDigest)}.`;
    const knownHex = known.map((each) => hexOf(each.digest));
    const missing = tags.filter((tag) => {
      if (!tag.startsWith(prefix)) return false;
      const digits = tag.slice(prefix.length);
      return referrerTagDigits.test(digits) && !knownHex.some((hex) => hex.startsWith(digits));
    });
    const found = await mapConcurrently(missing, 4, async (tag) => {
      const fetched = await this.getManifest(repository, tag);
      if (!fetched || !hexOf(fetched.digest).startsWith(tag.slice(prefix.length))) return undefined;
      return referrerDescriptor(fetched, subjectDigest);
    });
    return found.filter((each): each is Descriptor => each !== undefined);
  }

  /** `registry HOST, repository REPO`: the start of every message about this client's failures. */
  where(repository: string): string {
    return `registry ${this.host}${repository ? `, repository ${repository}` : ''}`;
  }

  // --- one exchange, with authentication and error mapping ---

  /**
   * Runs operation with retries for transient failures (unless told not to), and turns what is left into
   * ServiceError naming the host, the repository and, for refusals, the credentials used.
   */
  private async call<T>(
    repository: string,
    action: string,
    operation: () => Promise<T>,
    options: { retry?: boolean } = {},
  ): Promise<T> {
    const policy = options.retry === false ? { ...this.retry, retries: 0 } : this.retry;
    let attempts = 0;
    try {
      return await withRetries(
        () => {
          attempts++;
          return operation();
        },
        isTransient,
        policy,
        (error, attempt) =>
          this.logger?.debug(
            `${this.where(repository)}: ${action} failed (${describe(error)}); retry ${attempt}`,
          ),
      );
    } catch (error) {
      throw await this.toServiceError(error, repository, action, attempts);
    }
  }

  private async toServiceError(
    error: unknown,
    repository: string,
    action: string,
    attempts: number,
  ): Promise<Error> {
    if (error instanceof ServiceError || error instanceof InputError) return error;
    const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
    if (error instanceof RegistryStatusError) {
      if (error.status === 401 || error.status === 403) {
        return new ServiceError(
          `${this.where(repository)}: cannot ${action}: access denied (${error.status}) with ${await this.auth.credentialSource()}`,
          { cause: error },
        );
      }
      return new ServiceError(`${this.where(repository)}: cannot ${action}${tries}: ${error.message}`, {
        cause: error,
      });
    }
    if (isNetworkError(error)) {
      const reason = networkReason(error);
      // A TLS failure against a plain-HTTP registry is the usual cause; say how to choose HTTP.
      const hint =
        this.baseUrl.startsWith('https:') && /SSL|TLS|EPROTO|certificate|wrong version/i.test(reason)
          ? ' (HTTPS failed; plain HTTP is used only for localhost or with the insecure registry option)'
          : '';
      return new ServiceError(`${this.where(repository)}: cannot ${action}${tries}: ${reason}${hint}`, {
        cause: error,
      });
    }
    return error instanceof Error ? error : new Error(String(error));
  }

  /** One HTTP exchange: answers one authentication challenge; fails on a status the caller does not handle. */
  private async send(spec: RequestSpec): Promise<Response> {
    const url = new URL(spec.url, this.baseUrl);
    let authorization = await this.auth.authorization(spec.scopes);
    for (let challenged = false; ; challenged = true) {
      const headers: Record<string, string> = { ...spec.headers };
      // Credentials go only to the registry's own origin (an upload may be redirected elsewhere).
      if (authorization && url.origin === this.origin) headers.authorization = authorization;
      // A registry that takes the connection and never answers must not hang the job: the answer's headers
      // must come within this.responseTimeoutMs (a timeout is retried like any network error). Reading a large body
      // afterwards is not limited.
      const answered = new AbortController();
      const timer = setTimeout(
        () =>
          answered.abort(
            new DOMException(`no answer within ${this.responseTimeoutMs / 1000} s`, 'TimeoutError'),
          ),
        this.responseTimeoutMs,
      );
      let response: Response;
      try {
        response = spec.parts
          ? await sendParts(url, { method: spec.method, headers, parts: spec.parts, signal: answered.signal })
          : await fetch(url, {
              method: spec.method,
              headers,
              ...(spec.body !== undefined && { body: spec.body }),
              redirect: 'follow',
              signal: answered.signal,
            });
      } finally {
        clearTimeout(timer);
      }
      if (
        response.status === 401 &&
        !challenged &&
        (await this.auth.answer(response, spec.scopes, authorization))
      ) {
        await discard(response);
        authorization = await this.auth.authorization(spec.scopes);
        continue;
      }
      if (spec.expect.includes(response.status)) return response;
      throw await statusError(response, `${spec.method} ${url.pathname}`);
    }
  }

  /**
   * Follows `Link: <…>; rel="next"` pages; false when the first page is 404 (no such repository). `onPage`
   * returns how many names the list holds so far: past maxListedNames, past maxListPages pages or back at a
   * page already read, the registry is refused (each page is bounded by readBodyJson).
   */
  private async pages(
    first: string,
    scopes: string[],
    what: string,
    onPage: (page: unknown) => number,
  ): Promise<boolean> {
    let next: string | undefined = first;
    let firstPage = true;
    const seen = new Set<string>();
    while (next) {
      if (seen.size >= maxListPages)
        throw new BodyLimitError(
          `${what}: more than ${maxListPages} pages; the registry's Link pages do not end`,
        );
      if (seen.has(next)) throw new BodyLimitError(`${what}: the Link pages go back to ${next}`);
      seen.add(next);
      const response: Response = await this.send({
        method: 'GET',
        url: next,
        scopes,
        expect: firstPage ? [200, 404] : [200],
      });
      if (response.status === 404) {
        await discard(response);
        return false;
      }
      const count = onPage(
        await readBodyJson(response, {
          maxBytes: bodyLimits.json,
          deadlineMs: this.responseTimeoutMs,
          what: `${what} page ${seen.size}`,
        }),
      );
      if (count > this.maxListedNames)
        throw new BodyLimitError(
          `${what}: more than ${this.maxListedNames} names; refused rather than read without end`,
        );
      next = nextLink(response.headers.get('link'));
      if (next) next = new URL(next, this.baseUrl).href;
      firstPage = false;
    }
    return true;
  }

  // --- blobs ---

  private async headBlob(repository: string, digest: string): Promise<number | undefined> {
    const response = await this.send({
      method: 'HEAD',
      url: `/v2/${repository}/blobs/${digest}`,
      scopes: [pullScope(repository)],
      expect: [200, 404],
    });
    return response.status === 200 ? Number(response.headers.get('content-length') ?? 0) : undefined;
  }

  private async missingBlob(response: Response, repository: string, digest: string): Promise<InvalidContent> {
    await discard(response);
    return new InvalidContent(`${this.where(repository)}: blob ${digest} is missing`, digest);
  }

  private checkDigest(repository: string, expected: string, actual: string): void {
    if (expected !== actual) {
      throw new InvalidContent(
        `${this.where(repository)}: content of ${expected} does not match its digest (got ${actual})`,
        expected,
      );
    }
  }

  /** POST: a new upload session, or a finished mount (201) when from has the blob. */
  private async startUpload(
    repository: string,
    digest: string,
    from?: string,
  ): Promise<{ mounted: true } | { mounted: false; location: URL }> {
    this.checkNotInterrupted(repository);
    const query = from ? `?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}` : '';
    const response = await this.send({
      method: 'POST',
      url: `/v2/${repository}/blobs/uploads/${query}`,
      scopes: from ? [pushScope(repository), pullScope(from)] : [pushScope(repository)],
      expect: [201, 202],
    });
    await discard(response);
    if (response.status === 201) return { mounted: true };
    return { mounted: false, location: this.uploadLocation(response, repository) };
  }

  /** The Location of an upload, absolute or relative to the registry (both occur). */
  private uploadLocation(response: Response, repository: string): URL {
    const location = response.headers.get('location');
    if (!location)
      throw new RegistryStatusError(
        502,
        undefined,
        `${this.where(repository)}: upload answer without Location`,
      );
    return new URL(location, this.baseUrl);
  }

  /**
   * If mlci is interrupted before the upload is committed, the session is abandoned (DELETE of its URL, as the
   * distribution spec allows) rather than left to hold the registry's storage until it expires; best effort,
   * for at most abandonUploadMs. A chunk on the wire is waited for first, briefly: its answer holds the
   * session's current URL, the one the spec says to use next.
   */
  private abandonOnInterrupt(
    repository: string,
    location: () => URL,
    inFlight: () => Promise<UploadSession> | undefined = () => undefined,
  ): Cleanup {
    return registerCleanup(async () => {
      let timer: NodeJS.Timeout | undefined;
      const timeUp = new Promise<undefined>(
        (done) => (timer = setTimeout(() => done(undefined), abandonUploadMs)),
      );
      const reached = await Promise.race([
        inFlight()?.catch(() => undefined),
        new Promise<undefined>((done) => setTimeout(() => done(undefined), abandonUploadMs / 2).unref()),
      ]);
      const url = reached?.location ?? location();
      const deleted = await Promise.race([this.cancelUpload(repository, url).then(() => true), timeUp]);
      clearTimeout(timer);
      return deleted
        ? `abandoned the upload to ${this.where(repository)}`
        : `left the upload to ${this.where(repository)} to expire (no answer within ${abandonUploadMs / 1000} s)`;
    });
  }

  /**
   * Once mlci is interrupted an upload goes no further (no new session, chunk or commit): the interrupt's
   * cleanup abandons the session, and the upload must not race it.
   */
  private checkNotInterrupted(repository: string): void {
    if (interruptedBy() !== undefined)
      throw new ServiceError(`${this.where(repository)}: upload stopped: mlci was interrupted`);
  }

  private async cancelUpload(repository: string, location: URL): Promise<void> {
    try {
      await discard(
        await this.send({
          method: 'DELETE',
          url: location.href,
          scopes: [pushScope(repository)],
          expect: [204, 404],
        }),
      );
    } catch {
      // An abandoned upload session expires by itself.
    }
  }

  private async upload(repository: string, blob: BlobSource, mountFrom: string | undefined): Promise<void> {
    const file = 'path' in blob ? await open(blob.path, 'r') : undefined;
    const read = async (offset: number, end: number): Promise<Uint8Array> => {
      if (!file) return (blob as { bytes: Uint8Array }).bytes.subarray(offset, end);
      const buffer = Buffer.allocUnsafe(end - offset);
      const { bytesRead } = await file.read(buffer, 0, buffer.length, offset);
      if (bytesRead !== buffer.length)
        throw new InputError(`${(blob as { path: string }).path} changed while it was uploaded`);
      return buffer;
    };
    try {
      if (blob.size <= this.chunkSize) {
        // Small: one POST and one PUT, both again after a transient failure (a half-received PUT spoils
        // the session).
        await withRetries(
          async () => {
            const start = await this.startUpload(repository, blob.digest, mountFrom);
            if (start.mounted) return;
            const abandon = this.abandonOnInterrupt(repository, () => start.location);
            try {
              await this.finishUpload(repository, start.location, blob.digest, await read(0, blob.size));
            } finally {
              abandon.release();
            }
          },
          isTransient,
          this.retry,
        );
        return;
      }
      const start = await withRetries(
        () => this.startUpload(repository, blob.digest, mountFrom),
        isTransient,
        this.retry,
      );
      if (start.mounted) return;
      // A file can be read again from wherever the registry says it got to, even from the start.
      let session: UploadSession = { location: start.location, offset: 0 };
      let inFlight: Promise<UploadSession> | undefined;
      const abandon = this.abandonOnInterrupt(
        repository,
        () => session.location,
        () => inFlight,
      );
      try {
        while (session.offset < blob.size) {
          const end = Math.min(session.offset + this.chunkSize, blob.size);
          inFlight = this.sendChunk(repository, session, [await read(session.offset, end)], session.offset);
          session = await inFlight;
          inFlight = undefined;
        }
        await this.commitUpload(repository, session.location, blob.digest);
      } finally {
        abandon.release();
      }
    } finally {
      await file?.close();
    }
  }

  /**
   * Uploads a blob while it is being made (a layer while it is compressed): `source`'s bytes go up in PATCH
   * chunks as they come, the next chunk gathered while the previous one is on the wire, and `digest()` is
   * asked once the source has ended. No HEAD first (the digest is not known yet): a registry that already
   * has the blob gets it again and keeps one copy. A failed chunk is resumed from the registry's offset
   * within it; when the registry lost what came before (a new session), UploadSessionLost: the caller must
   * make the bytes again (the source cannot be read twice).
   */
  async pushBlobStream(
    repository: string,
    source: AsyncIterable<Buffer>,
    digest: () => string,
  ): Promise<{ size: number }> {
    return this.call(
      repository,
      'push a blob while it is made',
      async () => {
        const start = await withRetries(() => this.startUpload(repository, ''), isTransient, this.retry);
        if (start.mounted) throw new Error('unreachable: a plain upload start is never a mount');
        let session: UploadSession = { location: start.location, offset: 0 };
        let sent = 0;
        let inFlight: Promise<UploadSession> | undefined;
        const abandon = this.abandonOnInterrupt(
          repository,
          () => session.location,
          () => inFlight,
        );
        const settle = async () => {
          if (!inFlight) return;
          const reached = await inFlight;
          inFlight = undefined;
          if (reached.offset !== sent)
            throw new UploadSessionLost(
              `${this.where(repository)}: the upload went back to byte ${reached.offset} of ${sent} sent`,
            );
          session = reached;
        };
        // The source's buffers gathered up to chunkSize or a little over, never copied: Content-Range needs
        // contiguous bytes, not equal chunks (and some registries refuse chunks under 5 MiB but the last).
        let parts: Buffer[] = [];
        let gathered = 0;
        const sendGathered = async () => {
          await settle();
          inFlight = this.sendChunk(repository, session, parts, sent);
          // Awaited by settle(); without this a failure while the source is read would be "unhandled".
          inFlight.catch(() => {});
          sent += gathered;
          parts = [];
          gathered = 0;
        };
        try {
          for await (const buffer of source) {
            if (buffer.length === 0) continue;
            parts.push(buffer);
            gathered += buffer.length;
            if (gathered >= this.chunkSize) await sendGathered();
          }
          if (gathered > 0) await sendGathered();
          await settle();
        } catch (error) {
          // The chunk on the wire ends before the error leaves (no request outlives the call). The session is
          // given up rather than left to expire, unless the registry is what failed (a DELETE would wait too).
          await inFlight?.catch(() => {});
          if (!isTransient(error)) await this.cancelUpload(repository, session.location);
          abandon.release();
          throw error;
        }
        try {
          await this.commitUpload(repository, session.location, digest());
        } finally {
          abandon.release();
        }
        return { size: sent };
      },
      { retry: false },
    );
  }

  /** The last PUT of a chunked upload, again after a transient failure unless it landed meanwhile. */
  private async commitUpload(repository: string, location: URL, digest: string): Promise<void> {
    await withRetries(
      async () => {
        try {
          await this.finishUpload(repository, location, digest, new Uint8Array());
        } catch (error) {
          // The PUT may have landed before the connection broke.
          if (isTransient(error) && (await this.headBlob(repository, digest)) !== undefined) return;
          throw error;
        }
      },
      isTransient,
      this.retry,
    );
  }

  private async finishUpload(repository: string, location: URL, digest: string, body: Uint8Array) {
    this.checkNotInterrupted(repository);
    const url = new URL(location);
    url.searchParams.set('digest', digest);
    await discard(
      await this.send({
        method: 'PUT',
        url: url.href,
        scopes: [pushScope(repository)],
        expect: [201, 204],
        headers: { 'content-type': 'application/octet-stream' },
        body,
      }),
    );
  }

  /**
   * PATCHes `body`, the blob's bytes from `bodyStart`, from the session's offset on; after a failure, goes on
   * from where the registry says it got to. Returns where the session is: the body's end, or an offset outside
   * the body when the registry went back further (a new session from 0), which the caller handles.
   */
  private async sendChunk(
    repository: string,
    session: UploadSession,
    body: readonly Uint8Array[],
    bodyStart: number,
  ): Promise<UploadSession> {
    const end = bodyStart + body.reduce((sum, part) => sum + part.length, 0);
    let { location, offset } = session;
    let failed = false;
    await withRetries(
      async () => {
        if (failed) ({ location, offset } = await this.resumePoint(repository, location, offset));
        failed = true;
        while (offset >= bodyStart && offset < end) {
          this.checkNotInterrupted(repository);
          const response = await this.send({
            method: 'PATCH',
            url: location.href,
            scopes: [pushScope(repository)],
            expect: [202, 204],
            headers: {
              'content-type': 'application/octet-stream',
              'content-range': `${offset}-${end - 1}`,
            },
            parts: partsFrom(body, offset - bodyStart),
          });
          await discard(response);
          location = this.uploadLocation(response, repository);
          const reached = offsetAfter(response.headers.get('range'), end);
          if (reached <= offset)
            throw new RegistryStatusError(
              502,
              undefined,
              `${this.where(repository)}: the registry took none of the chunk at ${offset}`,
            );
          offset = reached;
        }
        failed = false;
      },
      isTransient,
      this.retry,
      (error, attempt) =>
        this.logger?.debug(
          `${this.where(repository)}: chunk at ${offset} failed (${describe(error)}); retry ${attempt}`,
        ),
    );
    return { location, offset };
  }

  /**
   * Where to go on after a failed chunk: the offset the registry reports for the session (GET on its
   * Location), or a new session from 0 when the registry no longer knows this one (distribution drops a
   * session whose state token is stale, which is what a chunk received but not acknowledged leaves).
   */
  private async resumePoint(
    repository: string,
    location: URL,
    confirmed: number,
  ): Promise<{ location: URL; offset: number }> {
    const response = await this.send({
      method: 'GET',
      url: location.href,
      scopes: [pushScope(repository)],
      expect: [204, 400, 404, 416],
    });
    await discard(response);
    if (response.status === 204) {
      return {
        location: this.uploadLocation(response, repository),
        offset: offsetAfter(response.headers.get('range'), Math.min(confirmed, 1)),
      };
    }
    this.logger?.debug(`${this.where(repository)}: upload session lost (${response.status}); starting again`);
    const start = await this.startUpload(repository, '');
    if (start.mounted) throw new Error('unreachable: a plain upload start is never a mount');
    return { location: start.location, offset: 0 };
  }
}

/** The bytes of `parts` from `offset` on, as parts (no copy). */
function partsFrom(parts: readonly Uint8Array[], offset: number): Uint8Array[] {
  const rest: Uint8Array[] = [];
  let skip = offset;
  for (const part of parts) {
    if (skip >= part.length) {
      skip -= part.length;
      continue;
    }
    rest.push(skip > 0 ? part.subarray(skip) : part);
    skip = 0;
  }
  return rest;
}

/** The tag of the OCI referrers fallback index for a subject: `sha256-<hex>`. */
export function referrersTag(subjectDigest: string): string {
  return subjectDigest.replace(':', '-');
}

/** The hex digits of a referrer's digest in its own tag: 48 (192 bits), unique in practice. */
const referrerTagDigits = /^[0-9a-f]{48}$/;

/**
 * The tag of one referrer on a registry without the referrers API: `sha256-<subject hex>.<first 48 hex
 * digits of the referrer's digest>`, 120 characters (an OCI tag may have 128). It starts like the fallback
 * index tag, so nothing that skips `sha256-` tags (versions, aliases) takes it for one.
 */
export function referrerTag(subjectDigest: string, referrerDigest: string): string {
  return `${referrersTag(subjectDigest)}.${hexOf(referrerDigest).slice(0, 48)}`;
}

function hexOf(digest: string): string {
  return digest.slice(digest.indexOf(':') + 1);
}

/**
 * A referrer's descriptor as the referrers API gives it (artifactType: the manifest's, else its config's
 * media type); undefined when the manifest is not a referrer of subjectDigest.
 */
function referrerDescriptor(fetched: FetchedManifest, subjectDigest: string): Descriptor | undefined {
  let manifest: Partial<ImageManifest>;
  try {
    manifest = parseJson(fetched.bytes, fetched.digest, 'service') as Partial<ImageManifest>;
  } catch {
    return undefined;
  }
  if (manifest.subject?.digest !== subjectDigest) return undefined;
  const artifactType = manifest.artifactType ?? manifest.config?.mediaType;
  return {
    mediaType: fetched.mediaType,
    digest: fetched.digest,
    size: fetched.bytes.length,
    ...(artifactType && { artifactType }),
    ...(manifest.annotations &&
      Object.keys(manifest.annotations).length > 0 && { annotations: manifest.annotations }),
  };
}

/**
 * The next offset from an upload's `Range: 0-<last>` (no `bytes=` prefix in the spec; accepted anyway).
 * `0-0` is both "nothing" and "one byte": ambiguousAt (0 or 1) says which the caller knows it is.
 */
export function offsetAfter(range: string | null, ambiguousAt: number): number {
  const match = range ? /^(?:bytes=)?0-([0-9]+)$/.exec(range.trim()) : null;
  if (!match)
    throw new RegistryStatusError(502, undefined, `upload answer with an unreadable Range "${range ?? ''}"`);
  const last = Number(match[1]);
  return last === 0 ? Math.min(ambiguousAt, 1) : last + 1;
}

/** The names of a tags or catalog page (`{"tags": [...]}`); a page that is not that is the registry's fault. */
function listed(page: unknown, field: 'tags' | 'repositories', what: string): string[] {
  const names = (page as Record<string, unknown> | null)?.[field] ?? [];
  if (!Array.isArray(names) || names.some((name) => typeof name !== 'string'))
    throw new InvalidContent(`${what}: a page without a list of ${field}`);
  return names as string[];
}

function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const match = /<([^>]*)>\s*;(?:[^;]*;)*\s*rel="?next"?/.exec(part);
    if (match) return match[1];
  }
  return undefined;
}

function parseIndex(fetched: FetchedManifest, where: string): ImageIndex {
  try {
    const index = parseJson(fetched.bytes, where, 'service') as ImageIndex;
    if (!Array.isArray(index.manifests)) throw new Error('no manifests');
    return index;
  } catch {
    throw new InvalidContent(`${where}: ${fetched.digest} is not an image index`);
  }
}

function describe(error: unknown): string {
  return isNetworkError(error) ? networkReason(error) : ((error as Error)?.message ?? String(error));
}
