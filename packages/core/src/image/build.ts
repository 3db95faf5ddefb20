import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InputError } from '../errors';
import { makeScratchDirectory, type ScratchDirectory } from '../io/scratch';
import { type Descriptor, RegistryClient, type RegistryTuning, UploadSessionLost } from '../oci/client';
import { formatReference, type ImageReference, isValidTag, parseReference } from '../oci/reference';
import type { Logger } from '../platform/platform';
import {
  type DiffLayer,
  parseBaseReference,
  type ResolvedBase,
  resolveBase,
  type TaggedImage,
  taggedImageLayers,
} from './base';
import { layerMediaTypes } from './compression';
import {
  buildImageConfig,
  buildImageManifest,
  type ConfigOptions,
  type ContainerConfig,
  formatPlatform,
  type ImagePlatform,
  imageAnnotations,
  imageMediaTypes,
  parsePlatform,
  serializeConfig,
} from './config';
import { checkStartProgram } from './entrypoint';
import { type BlobUpload, type BuiltLayer, buildLayer, type LayerOptions, type LayerSpec } from './layer';
import {
  hasLayoutBlob,
  initLayout,
  layoutBlobPath,
  putLayoutBlobBytes,
  putLayoutBlobFile,
  tagLayout,
} from './layout';
import { type LayerAction, type PushLayer, pushImage, settledMap } from './push';

export type ImageTarget = { kind: 'registry'; tags: string[] } | { kind: 'layout'; dir: string; tag: string };

export interface BuildImageRequest {
  /** `scratch`, a registry reference or `oci:DIR[:TAG]`. */
  base: string;
  /** `os/arch[/variant]`: picks from a multi-platform base; the platform of a scratch image. */
  platform?: string;
  /** The layers to add, in order (the model directory as its own layer, app files as another). */
  layers: LayerSpec[];
  config: ConfigOptions;
  /** Manifest annotations (lineage); the base's name and digest are added. */
  annotations?: Record<string, string>;
  /** The build time in seconds since the epoch (SOURCE_DATE_EPOCH or the commit time): config and history. */
  created: number;
  target: ImageTarget;
}

export interface BuildImageOptions {
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Plain HTTP to registries that are not loopback. */
  insecure?: boolean;
  /** The layer cache file (`.mlci/layer-cache.json`). */
  cacheFile: string;
  tuning?: RegistryTuning;
  /** Builds one layer; the real builder unless a test supplies layers another way. */
  buildLayer?: (spec: LayerSpec, options: LayerOptions) => Promise<BuiltLayer>;
}

export interface ImageLayerResult {
  mediaType: string;
  digest: string;
  size: number;
  diffId: string;
  /** From the base image, or built by this build. */
  base: boolean;
  action: LayerAction;
}

export interface BuildImageResult {
  /** The manifest's digest, size and media type. */
  digest: string;
  size: number;
  mediaType: string;
  /** `host/repo:tag` per tag, or `oci:DIR:TAG`. */
  references: string[];
  configDigest: string;
  platform: string;
  base?: { reference: string; digest: string };
  layers: ImageLayerResult[];
  /** Bytes sent to the registry (0 for a layout). */
  bytesUploaded: number;
  /** The container defaults of the image's config: the base's with this build's options over them. */
  container: ContainerConfig;
}

type Target =
  | { kind: 'registry'; references: ImageReference[]; client: RegistryClient; repository: string }
  | { kind: 'layout'; dir: string; tag: string };

/**
 * Builds an image from a base and layer specs and pushes it to a registry (every tag) or writes it into an
 * OCI image layout. Layers the target already has are neither compressed nor sent again: known from the
 * local layer cache, or else from the image already under the tag (and the base), whose config maps each
 * layer's diffId to its blob. So a fresh runner rebuilding unchanged inputs hashes the tars, compresses
 * nothing and gets the digest the tag already has, whatever zlib or level made those blobs.
 */
export async function buildImage(
  request: BuildImageRequest,
  options: BuildImageOptions,
): Promise<BuildImageResult> {
  // Everything the user typed is checked before any network or disk work.
  const baseReference = parseBaseReference(request.base);
  const wantedPlatform = request.platform !== undefined ? parsePlatform(request.platform) : undefined;
  const target = openTarget(request.target, options);
  if (!Number.isInteger(request.created) || request.created < 0) {
    throw new InputError(`build time ${request.created}: expected whole seconds since the epoch`);
  }
  const created = new Date(request.created * 1000).toISOString().replace('.000Z', 'Z');

  const base = await resolveBase(baseReference, {
    ...(wantedPlatform && { platform: wantedPlatform }),
    client: (reference) => baseClient(reference, target, options),
  });
  const platform: ImagePlatform = base?.platform ?? wantedPlatform ?? { os: 'linux', architecture: 'amd64' };
  await checkBuildStarts(request, base, platform, created);

  if (target.kind === 'layout') await initLayout(target.dir);
  const scratch = await makeScratchDirectory(
    target.kind === 'layout' ? join(target.dir, '.mlci-build-') : join(tmpdir(), 'mlci-image-'),
  );
  const scratchDir = scratch.path;
  try {
    const exists =
      target.kind === 'layout'
        ? (descriptor: Descriptor) => hasLayoutBlob(target.dir, descriptor)
        : async (descriptor: Descriptor) =>
            (await target.client.blobSize(target.repository, descriptor.digest)) !== undefined;
    const candidates = await knownLayers(target, platform, base, options.logger, request.layers.length);
    const baseDigests = new Set(base?.layers.map((layer) => layer.digest));
    // A base layer is placed by the push (mounted or copied from the base) even when the target lacks it.
    const placeable = async (descriptor: Descriptor) =>
      baseDigests.has(descriptor.digest) || (await exists(descriptor));
    const build = options.buildLayer ?? buildLayer;
    // To a registry, a layer goes up while it is compressed: the upload hides behind the compression.
    const upload: BlobUpload | undefined =
      target.kind === 'registry'
        ? async (blob, digest) => {
            await target.client.pushBlobStream(target.repository, blob, digest);
          }
        : undefined;
    const built: BuiltLayer[] = [];
    // One at a time: a large layer's compression already uses every core.
    for (const spec of request.layers) {
      const known = candidates.get(layerMediaTypes[spec.compression]);
      const layerOptions: LayerOptions = {
        cacheFile: options.cacheFile,
        scratchDir,
        exists: placeable,
        logger: options.logger,
        // Only with a candidate: otherwise the tar would be read twice for nothing.
        ...(known && { known: (diffId: string) => known.get(diffId) }),
      };
      try {
        built.push(await build(spec, { ...layerOptions, ...(upload && { upload }) }));
      } catch (error) {
        if (!(error instanceof UploadSessionLost)) throw error;
        // The bytes already sent are gone and a stream cannot be read twice: the same bytes again, from a file.
        options.logger.warn(`${error.message}; building layer '${spec.createdBy}' again into a file`);
        built.push(await build(spec, layerOptions));
      }
    }

    const config = serializeConfig(buildImageConfig(base?.config, platform, request.config, built, created));
    const annotations: Record<string, string> = { ...request.annotations };
    if (base?.name) annotations[imageAnnotations.baseName] = base.name;
    if (base) annotations[imageAnnotations.baseDigest] = base.digest;
    const layers: PushLayer[] = [
      ...(base?.layers ?? []).map((descriptor) => ({ descriptor, base: true })),
      ...built.map((layer) => ({
        descriptor: layer.descriptor,
        ...(layer.path && { path: layer.path }),
        ...(layer.uploaded && { uploaded: true }),
        ...(!layer.path && baseDigests.has(layer.descriptor.digest) && { base: true }),
      })),
    ];
    const manifest = buildImageManifest(
      config.descriptor,
      layers.map((layer) => layer.descriptor),
      annotations,
    );

    let actions: LayerAction[];
    let references: string[];
    let bytesUploaded = 0;
    if (target.kind === 'layout') {
      actions = await writeToLayout(target.dir, layers, base);
      await putLayoutBlobBytes(target.dir, config.descriptor, config.bytes);
      await putLayoutBlobBytes(target.dir, manifest.descriptor, manifest.bytes);
      await tagLayout(target.dir, manifest.descriptor, target.tag);
      references = [`oci:${target.dir}:${target.tag}`];
    } else {
      const pushed = await pushImage({
        client: target.client,
        targets: target.references,
        layers,
        config,
        manifest,
        ...(base && { base: base.blobs }),
        scratchDir,
      });
      ({ actions, references, bytesUploaded } = pushed);
    }
    const diffIds = config.value.rootfs.diff_ids;
    return {
      digest: manifest.descriptor.digest,
      size: manifest.descriptor.size,
      mediaType: manifest.descriptor.mediaType,
      references,
      configDigest: config.descriptor.digest,
      platform: formatPlatform(platform),
      ...(base && { base: { reference: base.text, digest: base.digest } }),
      layers: layers.map((layer, index) => ({
        mediaType: layer.descriptor.mediaType,
        digest: layer.descriptor.digest,
        size: layer.descriptor.size,
        diffId: diffIds[index] as string,
        base: index < (base?.layers.length ?? 0),
        action: actions[index] as LayerAction,
      })),
      bytesUploaded,
      container: config.value.config ?? {},
    };
  } finally {
    await scratch.remove();
  }
}

/**
 * diffId -> blob, per layer media type, from the image under the target's tags (the first tag that holds
 * one; an index: the build platform's entry) and then the base. docker's gzip type is the OCI one under
 * another name. Empty types are left out.
 */
async function knownLayers(
  target: Target,
  platform: ImagePlatform,
  base: ResolvedBase | undefined,
  logger: Logger,
  layerCount: number,
): Promise<Map<string, Map<string, Descriptor>>> {
  // Nothing to build, nothing to look up.
  if (layerCount === 0) return new Map();
  const tagged: TaggedImage[] =
    target.kind === 'layout'
      ? [{ kind: 'layout', dir: target.dir, tag: target.tag }]
      : target.references.map((reference) => ({
          kind: 'registry',
          client: target.client,
          repository: reference.repository,
          tag: reference.tag as string,
        }));
  let layers: DiffLayer[] = [];
  for (const image of tagged) {
    const found = await taggedImageLayers(image, platform, (message) =>
      logger.debug(`no layers to reuse: ${message}`),
    );
    if (found) {
      layers = found;
      break;
    }
  }
  const baseLayers = (base?.layers ?? []).map((descriptor, index) => ({
    diffId: base?.config.rootfs.diff_ids[index] as string,
    descriptor,
  }));
  const byType = new Map<string, Map<string, Descriptor>>();
  for (const { diffId, descriptor } of [...layers, ...baseLayers]) {
    const mediaType =
      descriptor.mediaType === imageMediaTypes.dockerLayerGzip
        ? imageMediaTypes.layerGzip
        : descriptor.mediaType;
    const byDiffId = byType.get(mediaType) ?? new Map<string, Descriptor>();
    byType.set(mediaType, byDiffId);
    // The tagged image first: its blobs are in the target already.
    if (!byDiffId.has(diffId))
      byDiffId.set(diffId, { mediaType, digest: descriptor.digest, size: descriptor.size });
  }
  return byType;
}

function openTarget(target: ImageTarget, options: BuildImageOptions): Target {
  if (target.kind === 'layout') {
    if (!isValidTag(target.tag)) {
      throw new InputError(
        `--tag "${target.tag}": not a valid tag for the OCI layout (letters, digits, ._-)`,
      );
    }
    return { kind: 'layout', dir: resolve(target.dir), tag: target.tag };
  }
  if (target.tags.length === 0) throw new InputError('--tag: at least one is needed to push');
  const references = target.tags.map((tag) => {
    let reference: ImageReference;
    try {
      reference = parseReference(tag);
    } catch (error) {
      throw new InputError(`--tag: ${(error as Error).message}`);
    }
    if (reference.digest) throw new InputError(`--tag "${tag}": a tag to push cannot carry a digest`);
    return reference.tag ? reference : { ...reference, tag: 'latest' };
  });
  const first = references[0] as ImageReference;
  const elsewhere = references.find((reference) => reference.host !== first.host);
  if (elsewhere) {
    // One push is one registry's blobs; copying between registries is a second push.
    throw new InputError(
      `--tag ${formatReference(elsewhere)}: every tag must be on one registry (${first.host}); push to ${elsewhere.host} in another build`,
    );
  }
  const client = new RegistryClient({
    host: first.host,
    repository: first.repository,
    env: options.env,
    logger: options.logger,
    ...(options.insecure !== undefined && { insecure: options.insecure }),
    ...options.tuning,
  });
  return { kind: 'registry', references, client, repository: first.repository };
}

/** The base's own client: its credentials may be another repository's (podman's per-namespace entries). */
function baseClient(reference: ImageReference, target: Target, options: BuildImageOptions): RegistryClient {
  if (
    target.kind === 'registry' &&
    target.client.host === reference.host &&
    target.repository === reference.repository
  ) {
    return target.client;
  }
  return new RegistryClient({
    host: reference.host,
    repository: reference.repository,
    env: options.env,
    logger: options.logger,
    ...(options.insecure !== undefined && { insecure: options.insecure }),
    ...options.tuning,
  });
}

/** Base layers downloaded (digest-checked) and built layers moved into the layout, unless already there. */
async function writeToLayout(
  dir: string,
  layers: PushLayer[],
  base: ResolvedBase | undefined,
): Promise<LayerAction[]> {
  return settledMap(layers, 3, async (layer): Promise<LayerAction> => {
    const { descriptor } = layer;
    if (await hasLayoutBlob(dir, descriptor)) return 'existed';
    if (layer.path) {
      await putLayoutBlobFile(dir, descriptor, layer.path, { move: true });
      return 'written';
    }
    if (layer.base && base?.blobs.kind === 'registry') {
      await base.blobs.client.downloadBlob(
        base.blobs.repository,
        descriptor.digest,
        layoutBlobPath(dir, descriptor.digest),
        {
          size: descriptor.size,
        },
      );
      return 'written';
    }
    if (layer.base && base?.blobs.kind === 'layout') {
      await putLayoutBlobFile(dir, descriptor, layoutBlobPath(base.blobs.dir, descriptor.digest));
      return 'written';
    }
    throw new InputError(
      `${dir}: layer ${descriptor.digest} was there when the build started and is gone now; build again`,
    );
  });
}

/**
 * Refuses an image whose entrypoint (or cmd) program is not in it, before any layer is built. A registry
 * base's layers are downloaded to a temporary directory, the top layer first, only as far as needed.
 */
async function checkBuildStarts(
  request: BuildImageRequest,
  base: ResolvedBase | undefined,
  platform: ImagePlatform,
  created: string,
): Promise<void> {
  const config = buildImageConfig(base?.config, platform, request.config, [], created).config ?? {};
  let downloads: ScratchDirectory | undefined;
  try {
    await checkStartProgram({
      config,
      base,
      layers: request.layers,
      fetchLayer: async (layer) => {
        const blobs = base?.blobs;
        if (blobs?.kind === 'layout') return layoutBlobPath(blobs.dir, layer.digest);
        if (!blobs) throw new Error('bug: a base layer without a base');
        downloads ??= await makeScratchDirectory(join(tmpdir(), 'mlci-base-'));
        const file = join(downloads.path, layer.digest.replace(':', '-'));
        await blobs.client.downloadBlob(blobs.repository, layer.digest, file, { size: layer.size });
        return file;
      },
    });
  } finally {
    await downloads?.remove();
  }
}
