import { InputError } from '../errors';
import { bytesDigest } from '../io/digest';
import { parseJson } from '../io/json';
import { type Descriptor, type ImageManifest, ociMediaTypes } from '../oci/client';
import { setOwn } from '../own-keys';

export const imageMediaTypes = {
  config: 'application/vnd.oci.image.config.v1+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  layerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  layerTar: 'application/vnd.oci.image.layer.v1.tar',
  layerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  dockerForeignLayer: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
} as const;

export const imageAnnotations = {
  baseName: 'org.opencontainers.image.base.name',
  baseDigest: 'org.opencontainers.image.base.digest',
  refName: 'org.opencontainers.image.ref.name',
} as const;

/** os/architecture[/variant], as the image spec names them (`linux/arm64/v8`). */
export interface ImagePlatform {
  os: string;
  architecture: string;
  variant?: string;
}

/** The container defaults of an image config (the image spec's `config` object; docker's extra keys kept). */
export interface ContainerConfig {
  User?: string;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  WorkingDir?: string;
  Labels?: Record<string, string> | null;
  [key: string]: unknown;
}

export interface HistoryEntry {
  created?: string;
  created_by?: string;
  author?: string;
  comment?: string;
  empty_layer?: boolean;
}

/** An OCI image config (application/vnd.oci.image.config.v1+json). */
export interface ImageConfig extends ImagePlatform {
  created?: string;
  author?: string;
  'os.version'?: string;
  'os.features'?: string[];
  config?: ContainerConfig;
  rootfs: { type: 'layers'; diff_ids: string[] };
  history?: HistoryEntry[];
}

/** What the build sets on top of the base's container config. */
export interface ConfigOptions {
  /** Replaces the base's; `[]` clears it. Setting it without cmd clears the base's Cmd (docker's rule). */
  entrypoint?: string[];
  cmd?: string[];
  /** `KEY=VALUE`: replaces the base's variable of that key in place, else appended. */
  env?: string[];
  workdir?: string;
  user?: string;
  /** Merged over the base's labels. */
  labels?: Record<string, string>;
}

/** A layer the build appends: its uncompressed digest and what made it. */
export interface AppendedLayer {
  diffId: string;
  createdBy: string;
}

export function formatPlatform(platform: ImagePlatform): string {
  return `${platform.os}/${platform.architecture}${platform.variant ? `/${platform.variant}` : ''}`;
}

/** Parses `os/architecture[/variant]` (`linux/amd64`, `linux/arm64/v8`). */
export function parsePlatform(value: string): ImagePlatform {
  const parts = value.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => !/^[a-z0-9._-]+$/.test(part))) {
    throw new InputError(`--platform "${value}": expected OS/ARCHITECTURE[/VARIANT], e.g. linux/amd64`);
  }
  const [os, architecture, variant] = parts as [string, string, string | undefined];
  return { os, architecture, ...(variant && { variant }) };
}

/**
 * Whether an image of platform `offered` runs as `wanted`. An arm64 image without a variant is v8 (the
 * only one there is), as containerd treats it; a wanted platform without a variant takes any.
 */
export function platformMatches(offered: ImagePlatform, wanted: ImagePlatform): boolean {
  if (offered.os !== wanted.os || offered.architecture !== wanted.architecture) return false;
  if (wanted.variant === undefined) return true;
  const normal = (variant: string | undefined) =>
    variant === undefined && offered.architecture === 'arm64' ? 'v8' : variant;
  return normal(offered.variant) === normal(wanted.variant);
}

/** JSON with object keys sorted at every level: the same document always gives the same bytes and digest. */
export function canonicalJson(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(sortKeys(value)));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const child = (value as Record<string, unknown>)[key];
    if (child !== undefined) setOwn(sorted, key, sortKeys(child));
  }
  return sorted;
}

/** Reads a base image's config; `where` names the base in errors. */
export function parseImageConfig(bytes: Uint8Array, where: string): ImageConfig {
  let parsed: unknown;
  try {
    parsed = parseJson(bytes, where);
  } catch {
    throw new InputError(`${where}: the image config is not JSON`);
  }
  const config = parsed as Partial<ImageConfig> | null;
  if (
    !config ||
    typeof config !== 'object' ||
    typeof config.os !== 'string' ||
    typeof config.architecture !== 'string' ||
    !Array.isArray(config.rootfs?.diff_ids)
  ) {
    throw new InputError(
      `${where}: the config is not an image config (no os, architecture or rootfs.diff_ids)`,
    );
  }
  return config as ImageConfig;
}

// The keys of the image spec's config document; docker's extra top-level keys (container, container_config,
// docker_version) describe how the base was built, not this image, and are dropped.
const specKeys = ['author', 'os.version', 'os.features', 'config'] as const;

/**
 * The new image's config: the base's (or an empty one for scratch) with the options applied, the layers'
 * diff_ids and history appended, and `created` the build time the caller gives (SOURCE_DATE_EPOCH), so the
 * same inputs give the same config.
 */
export function buildImageConfig(
  base: ImageConfig | undefined,
  platform: ImagePlatform,
  options: ConfigOptions,
  layers: AppendedLayer[],
  created: string,
): ImageConfig {
  const container: ContainerConfig = { ...(base?.config ?? {}) };
  if (options.entrypoint !== undefined) {
    setOrClear(container, 'Entrypoint', options.entrypoint);
    // docker: a new entrypoint makes the base's default arguments meaningless.
    if (options.cmd === undefined) delete container.Cmd;
  }
  if (options.cmd !== undefined) setOrClear(container, 'Cmd', options.cmd);
  if (options.env && options.env.length > 0) container.Env = mergeEnv(container.Env ?? [], options.env);
  if (options.workdir !== undefined) {
    if (!options.workdir.startsWith('/')) {
      throw new InputError(`--workdir "${options.workdir}": must be an absolute path in the image`);
    }
    container.WorkingDir = options.workdir;
  }
  if (options.user !== undefined) container.User = options.user;
  if (options.labels && Object.keys(options.labels).length > 0) {
    container.Labels = { ...(container.Labels ?? {}), ...options.labels };
  }
  const config: ImageConfig = {
    created,
    architecture: platform.architecture,
    os: platform.os,
    ...(platform.variant && { variant: platform.variant }),
    rootfs: { type: 'layers', diff_ids: [...(base?.rootfs.diff_ids ?? []), ...layers.map((l) => l.diffId)] },
    history: [...(base?.history ?? []), ...layers.map((layer) => ({ created, created_by: layer.createdBy }))],
  };
  for (const key of specKeys) {
    if (base?.[key] !== undefined) (config as unknown as Record<string, unknown>)[key] = base[key];
  }
  config.config = container;
  return config;
}

function setOrClear(container: ContainerConfig, key: 'Entrypoint' | 'Cmd', value: string[]): void {
  if (value.length === 0) delete container[key];
  else container[key] = [...value];
}

/** docker ENV semantics: a key set again keeps its place with the new value. */
export function mergeEnv(base: readonly string[], added: readonly string[]): string[] {
  const merged = [...base];
  for (const entry of added) {
    const equals = entry.indexOf('=');
    const key = equals > 0 ? entry.slice(0, equals) : '';
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) {
      // The value may be a secret: the message shows the name only.
      throw new InputError(
        `--env "${equals >= 0 ? `${entry.slice(0, equals)}=…` : entry}": expected KEY=VALUE with a variable name as KEY`,
      );
    }
    const at = merged.findIndex((each) => each.startsWith(`${key}=`) || each === key);
    if (at >= 0) merged[at] = entry;
    else merged.push(entry);
  }
  return merged;
}

export interface SerializedDocument<T> {
  value: T;
  bytes: Buffer;
  descriptor: Descriptor;
}

export function serializeConfig(config: ImageConfig): SerializedDocument<ImageConfig> {
  const bytes = canonicalJson(config);
  return {
    value: config,
    bytes,
    descriptor: { mediaType: imageMediaTypes.config, digest: bytesDigest(bytes), size: bytes.length },
  };
}

/** The OCI image manifest over the config and the layers (base layers first), annotations sorted. */
export function buildImageManifest(
  config: Descriptor,
  layers: Descriptor[],
  annotations: Record<string, string>,
): SerializedDocument<ImageManifest> {
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: ociMediaTypes.manifest,
    config: { mediaType: config.mediaType, digest: config.digest, size: config.size },
    layers: layers.map((layer) => ({
      mediaType: layer.mediaType,
      digest: layer.digest,
      size: layer.size,
      ...(layer.annotations &&
        Object.keys(layer.annotations).length > 0 && { annotations: layer.annotations }),
    })),
    ...(Object.keys(annotations).length > 0 && { annotations }),
  };
  const bytes = canonicalJson(manifest);
  return {
    value: manifest,
    bytes,
    descriptor: { mediaType: ociMediaTypes.manifest, digest: bytesDigest(bytes), size: bytes.length },
  };
}
