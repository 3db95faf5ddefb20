import { InputError } from '../errors';
import { bytesDigest } from '../io/digest';
import { parseJson } from '../io/json';
import {
  type Descriptor,
  type FetchedManifest,
  type ImageIndex,
  type ImageManifest,
  InvalidContent,
  ociMediaTypes,
  type RegistryClient,
} from '../oci/client';
import { formatReference, type ImageReference, isSha256Digest, parseReference } from '../oci/reference';
import {
  formatPlatform,
  type ImageConfig,
  type ImagePlatform,
  imageAnnotations,
  imageMediaTypes,
  parseImageConfig,
  platformMatches,
} from './config';
import { readLayoutBlob, readLayoutIndex } from './layout';

/** What `--base` names: nothing, a registry image, or an image in an OCI layout on disk. */
export type BaseReference =
  | { kind: 'scratch' }
  | { kind: 'registry'; reference: ImageReference }
  | { kind: 'layout'; dir: string; tag?: string };

/** Where the base's layer blobs are read from. */
export type BaseBlobs =
  | { kind: 'registry'; client: RegistryClient; repository: string }
  | { kind: 'layout'; dir: string };

export interface ResolvedBase {
  /** As given, for messages: `host/repo:tag` or `oci:DIR:TAG`. */
  text: string;
  /** A registry reference for the `org.opencontainers.image.base.name` annotation (none for a layout). */
  name?: string;
  /** The digest of the (platform) image manifest used. */
  digest: string;
  config: ImageConfig;
  platform: ImagePlatform;
  /** The base's layers, with OCI media types. */
  layers: Descriptor[];
  blobs: BaseBlobs;
}

/** `scratch`, `oci:DIR[:TAG]` (skopeo's transport syntax) or `host[:port]/repository[:tag][@digest]`. */
export function parseBaseReference(value: string): BaseReference {
  if (value === 'scratch') return { kind: 'scratch' };
  if (value.startsWith('oci:') && !value.startsWith('oci://')) {
    // skopeo splits at the first colon: DIR may not contain one.
    const rest = value.slice('oci:'.length);
    const colon = rest.indexOf(':');
    const dir = colon >= 0 ? rest.slice(0, colon) : rest;
    const tag = colon >= 0 ? rest.slice(colon + 1) : undefined;
    if (dir === '') throw new InputError(`--base "${value}": expected oci:DIRECTORY[:TAG]`);
    if (tag === '') throw new InputError(`--base "${value}": empty tag after the directory`);
    return { kind: 'layout', dir, ...(tag !== undefined && { tag }) };
  }
  let reference: ImageReference;
  try {
    reference = parseReference(value);
  } catch (error) {
    throw new InputError(`--base: ${(error as Error).message} (or scratch, or oci:DIRECTORY[:TAG])`);
  }
  // docker's default tag; a digest pins the base instead.
  if (!reference.tag && !reference.digest) reference = { ...reference, tag: 'latest' };
  return { kind: 'registry', reference };
}

/** How a base reads manifests and small blobs: from a registry repository or a layout. */
interface ManifestSource {
  text: string;
  top(): Promise<FetchedManifest | undefined>;
  manifest(digest: string): Promise<FetchedManifest | undefined>;
  blob(digest: string): Promise<Buffer>;
  blobs: BaseBlobs;
  name?: string;
}

const defaultPlatform: ImagePlatform = { os: 'linux', architecture: 'amd64' };
const maxConfigBytes = 16 * 1024 * 1024;

/**
 * The base image for the platform: its manifest (picked from an index by platform), config and layers.
 * undefined for scratch. A missing base, an artifact, an unknown platform: InputError naming the base.
 */
export async function resolveBase(
  base: BaseReference,
  options: { platform?: ImagePlatform; client?: (reference: ImageReference) => RegistryClient },
): Promise<ResolvedBase | undefined> {
  if (base.kind === 'scratch') return undefined;
  const source =
    base.kind === 'registry' ? registrySource(base.reference, options) : await layoutSource(base);
  const top = await source.top();
  if (!top) throw new InputError(`--base ${source.text}: no such image`);
  let fetched = top;
  if (isIndexType(top.mediaType, top.bytes)) {
    const wanted = options.platform ?? defaultPlatform;
    const descriptor = choosePlatform(
      parseManifestJson<ImageIndex>(top.bytes, `--base ${source.text}`),
      wanted,
      source.text,
    );
    const chosen = await source.manifest(descriptor.digest);
    if (!chosen)
      throw new InputError(`--base ${source.text}: the ${formatPlatform(wanted)} manifest is missing`);
    fetched = chosen;
  }
  const manifest = parseImageManifest(fetched, `--base ${source.text}`);
  const config = parseImageConfig(await source.blob(manifest.config.digest), `--base ${source.text}`);
  if (config.rootfs.diff_ids.length !== manifest.layers.length) {
    throw new InputError(
      `--base ${source.text}: the config lists ${config.rootfs.diff_ids.length} layers, the manifest ${manifest.layers.length}`,
    );
  }
  const platform: ImagePlatform = {
    os: config.os,
    architecture: config.architecture,
    ...(config.variant && { variant: config.variant }),
  };
  if (options.platform && !platformMatches(platform, options.platform)) {
    throw new InputError(
      `--base ${source.text} is ${formatPlatform(platform)}, not the --platform ${formatPlatform(options.platform)}`,
    );
  }
  return {
    text: source.text,
    ...(source.name !== undefined && { name: source.name }),
    digest: fetched.digest,
    config,
    platform,
    layers: manifest.layers.map((layer) => ociLayer(layer, source.text)),
    blobs: source.blobs,
  };
}

function registrySource(
  reference: ImageReference,
  options: { client?: (reference: ImageReference) => RegistryClient },
): ManifestSource {
  if (!options.client) throw new Error('bug: a registry base needs a client');
  const client = options.client(reference);
  const { repository } = reference;
  const text = formatReference(reference);
  return {
    text,
    name: text,
    top: () => client.getManifest(repository, reference.digest ?? (reference.tag as string)),
    manifest: (digest) => client.getManifest(repository, digest),
    blob: (digest) => client.fetchBlob(repository, digest, maxConfigBytes),
    blobs: { kind: 'registry', client, repository },
  };
}

async function layoutSource(base: { dir: string; tag?: string }): Promise<ManifestSource> {
  const text = `oci:${base.dir}${base.tag !== undefined ? `:${base.tag}` : ''}`;
  const index = await readLayoutIndex(base.dir);
  if (!index) throw new InputError(`--base ${text}: ${base.dir} is not an OCI image layout (no index.json)`);
  const refName = (each: Descriptor) => each.annotations?.[imageAnnotations.refName];
  let entry: Descriptor | undefined;
  if (base.tag !== undefined) {
    entry = index.manifests.find((each) => refName(each) === base.tag);
  } else if (index.manifests.length === 1) {
    entry = index.manifests[0];
  } else if (index.manifests.length > 1) {
    const names = index.manifests.map(refName).filter(Boolean).join(', ');
    throw new InputError(
      `--base ${text}: the layout has ${index.manifests.length} images; name one (${names})`,
    );
  }
  const read = async (digest: string): Promise<FetchedManifest> => {
    const bytes = await readLayoutBlob(base.dir, digest);
    const mediaType = (parseManifestJson<{ mediaType?: string } | null>(bytes, `--base ${text}`)?.mediaType ??
      ociMediaTypes.manifest) as string;
    return { digest: bytesDigest(bytes), mediaType, bytes };
  };
  return {
    text,
    top: async () => (entry ? read(entry.digest) : undefined),
    manifest: read,
    blob: (digest) => readLayoutBlob(base.dir, digest),
    blobs: { kind: 'layout', dir: base.dir },
  };
}

/** An image the build's target may already hold under one of its tags. */
export type TaggedImage =
  | { kind: 'registry'; client: RegistryClient; repository: string; tag: string }
  | { kind: 'layout'; dir: string; tag: string };

/** A layer of a stored image with its uncompressed digest (the config's diff_ids entry at its position). */
export interface DiffLayer {
  diffId: string;
  descriptor: Descriptor;
}

/**
 * The layers of the image under a tag (the platform's entry when the tag names an index), each with its
 * diffId: config.rootfs.diff_ids zipped with manifest.layers, media types as stored. undefined when there is
 * no such tag or no entry for the platform, or the tag holds no readable image (an artifact, malformed JSON,
 * a missing blob, counts that differ): that only means nothing can be reused, and `note` says why. A registry
 * that cannot be reached or refuses access throws its ServiceError: the push would fail the same way.
 */
export async function taggedImageLayers(
  image: TaggedImage,
  platform: ImagePlatform,
  note: (message: string) => void = () => {},
): Promise<DiffLayer[] | undefined> {
  const text =
    image.kind === 'registry'
      ? formatReference({ host: image.client.host, repository: image.repository, tag: image.tag })
      : `oci:${image.dir}:${image.tag}`;
  const source = image.kind === 'registry' ? taggedRegistrySource(image) : taggedLayoutSource(image, text);
  try {
    let fetched = await source.top();
    if (!fetched) {
      note(`${text}: no image under the tag`);
      return undefined;
    }
    if (isIndexType(fetched.mediaType, fetched.bytes)) {
      const entry = platformEntry(
        platformEntries(parseManifestJson<ImageIndex | null>(fetched.bytes, text)),
        platform,
      );
      fetched = entry && (await source.manifest(entry.digest));
      if (!fetched) {
        note(`${text}: the index has no ${formatPlatform(platform)} image`);
        return undefined;
      }
    }
    const manifest = parseImageManifest(fetched, text);
    const config = parseImageConfig(await source.blob(manifest.config.digest), text);
    const diffIds = config.rootfs.diff_ids;
    if (diffIds.length !== manifest.layers.length) {
      note(`${text}: the config lists ${diffIds.length} layers, the manifest ${manifest.layers.length}`);
      return undefined;
    }
    const layers: DiffLayer[] = [];
    for (const [index, layer] of manifest.layers.entries()) {
      const diffId = diffIds[index];
      // Only well-formed entries: a descriptor reused goes into the new manifest as it is.
      if (
        typeof diffId === 'string' &&
        isSha256Digest(diffId) &&
        typeof layer?.mediaType === 'string' &&
        typeof layer.digest === 'string' &&
        isSha256Digest(layer.digest) &&
        Number.isSafeInteger(layer.size) &&
        layer.size >= 0
      )
        layers.push({
          diffId,
          descriptor: { mediaType: layer.mediaType, digest: layer.digest, size: layer.size },
        });
    }
    return layers;
  } catch (error) {
    if (!(error instanceof InputError || error instanceof InvalidContent)) throw error;
    // These messages name the image, file or registry themselves.
    note(error.message);
    return undefined;
  }
}

function taggedRegistrySource(
  image: Extract<TaggedImage, { kind: 'registry' }>,
): Pick<ManifestSource, 'top' | 'manifest' | 'blob'> {
  const { client, repository } = image;
  return {
    top: () => client.getManifest(repository, image.tag),
    manifest: (digest) => client.getManifest(repository, digest),
    blob: (digest) => client.fetchBlob(repository, digest, maxConfigBytes),
  };
}

/** A layout's image by its ref.name; a directory without index.json holds nothing. */
function taggedLayoutSource(
  image: Extract<TaggedImage, { kind: 'layout' }>,
  text: string,
): Pick<ManifestSource, 'top' | 'manifest' | 'blob'> {
  const read = async (digest: string): Promise<FetchedManifest> => {
    const bytes = await readLayoutBlob(image.dir, digest);
    const mediaType = (parseManifestJson<{ mediaType?: string } | null>(bytes, text)?.mediaType ??
      ociMediaTypes.manifest) as string;
    return { digest: bytesDigest(bytes), mediaType, bytes };
  };
  return {
    top: async () => {
      const index = await readLayoutIndex(image.dir);
      const entry = index?.manifests.find(
        (each) => each.annotations?.[imageAnnotations.refName] === image.tag,
      );
      return entry ? read(entry.digest) : undefined;
    },
    manifest: read,
    blob: (digest) => readLayoutBlob(image.dir, digest),
  };
}

function isIndexType(mediaType: string, bytes: Buffer): boolean {
  if (mediaType === ociMediaTypes.index || mediaType === ociMediaTypes.dockerManifestList) return true;
  // An index without mediaType (allowed by the image spec) is told by its manifests array.
  return (
    mediaType === ociMediaTypes.manifest &&
    Array.isArray(parseManifestJson<{ manifests?: unknown } | null>(bytes, '')?.manifests)
  );
}

type PlatformEntry = Descriptor & { platform: ImagePlatform };

/** The image manifests of an index that say their platform. */
function platformEntries(index: ImageIndex | null): PlatformEntry[] {
  return (Array.isArray(index?.manifests) ? index.manifests : []).filter(
    (each) =>
      (each.mediaType === ociMediaTypes.manifest || each.mediaType === ociMediaTypes.dockerManifest) &&
      (each as { platform?: ImagePlatform }).platform !== undefined,
  ) as PlatformEntry[];
}

function platformEntry(images: PlatformEntry[], wanted: ImagePlatform): PlatformEntry | undefined {
  const matches = images.filter((each) => platformMatches(each.platform, wanted));
  // Without a wanted variant, an entry without one is the plain choice (docker's pick for linux/arm).
  return matches.find((each) => !each.platform.variant) ?? matches[0];
}

/** The index entry for the platform; an unknown one lists the platforms the index has. */
function choosePlatform(index: ImageIndex, wanted: ImagePlatform, text: string): Descriptor {
  const images = platformEntries(index);
  const chosen = platformEntry(images, wanted);
  if (chosen) return chosen;
  const offered = images
    .map((each) => each.platform)
    .filter((platform) => platform.os !== 'unknown')
    .map(formatPlatform);
  throw new InputError(
    `--base ${text} has no ${formatPlatform(wanted)} image; --platform one of: ${offered.join(', ') || '(none)'}`,
  );
}

/** `subject` names the image in messages (`--base REF`). */
function parseImageManifest(fetched: FetchedManifest, subject: string): ImageManifest {
  if (fetched.mediaType !== ociMediaTypes.manifest && fetched.mediaType !== ociMediaTypes.dockerManifest) {
    throw new InputError(`${subject} is not an image (its manifest is ${fetched.mediaType})`);
  }
  const manifest = parseManifestJson<ImageManifest>(fetched.bytes, subject);
  if (!manifest?.config || !Array.isArray(manifest.layers)) {
    throw new InputError(`${subject}: the manifest has no config or layers`);
  }
  const configType = manifest.config.mediaType;
  if (configType !== imageMediaTypes.config && configType !== imageMediaTypes.dockerConfig) {
    throw new InputError(`${subject} is an artifact (${manifest.artifactType ?? configType}), not an image`);
  }
  return manifest;
}

/**
 * A base layer as the OCI manifest lists it: docker's gzip layer type is the same bytes under another
 * name, so only the media type changes (skopeo --format oci does the same); foreign (Windows) layers
 * cannot be copied and are refused.
 */
function ociLayer(layer: Descriptor, text: string): Descriptor {
  const known: string[] = [imageMediaTypes.layerGzip, imageMediaTypes.layerTar, imageMediaTypes.layerZstd];
  let mediaType = layer.mediaType;
  if (mediaType === imageMediaTypes.dockerLayerGzip) mediaType = imageMediaTypes.layerGzip;
  else if (!known.includes(mediaType)) {
    throw new InputError(`--base ${text}: layer ${layer.digest} has the unsupported media type ${mediaType}`);
  }
  return {
    mediaType,
    digest: layer.digest,
    size: layer.size,
    ...(layer.annotations && { annotations: layer.annotations }),
  };
}

function parseManifestJson<T>(bytes: Uint8Array, subject: string): T {
  try {
    return parseJson(bytes, subject) as T;
  } catch {
    throw new InputError(`${subject}: a manifest is not JSON`);
  }
}
