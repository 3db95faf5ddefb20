import { join } from 'node:path';
import { InputError } from '../errors';
import { mapConcurrently } from '../io/concurrency';
import { bytesDigest } from '../io/digest';
import { type FileEntry, type FileSet, fileSetOf } from '../io/file-set';
import { parseJson } from '../io/json';
import { isInsideRelativePath } from '../store/relative-path';
import {
  type BlobSource,
  type Descriptor,
  type FetchedManifest,
  type ImageManifest,
  InvalidContent,
  ociMediaTypes,
  type RegistryClient,
} from './client';

export const mlciArtifactTypes = {
  model: 'application/vnd.mlci.model.v1',
  runCache: 'application/vnd.mlci.run-cache.v1',
  attachment: 'application/vnd.mlci.attachment.v1',
} as const;

export const artifactMediaTypes = {
  file: 'application/octet-stream',
  run: 'application/vnd.mlci.run.v1+json',
  inToto: 'application/vnd.in-toto+json',
} as const;

export const artifactAnnotations = {
  /** The OCI standard one, which oras and skopeo show: the file's path relative to the set's root. */
  title: 'org.opencontainers.image.title',
  executable: 'dev.mlci.file.executable',
  contentDigest: 'dev.mlci.content.digest',
  created: 'org.opencontainers.image.created',
} as const;

/** The OCI empty descriptor: the config of an artifact that has none. */
export const emptyConfig: Descriptor = {
  mediaType: ociMediaTypes.empty,
  digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  size: 2,
};
const emptyConfigBytes = Buffer.from('{}');

/** A layer that is not a file of the set (run.json, a provenance statement, an attachment's content). */
export interface ExtraLayer {
  mediaType: string;
  content: Uint8Array;
  annotations?: Record<string, string>;
}

export interface ArtifactSpec {
  artifactType: string;
  /** The files (none for an artifact of extra layers only, such as an attachment). */
  fileSet?: FileSet;
  /** Manifest annotations; with a file set, its digest is added as `dev.mlci.content.digest`. */
  annotations: Record<string, string>;
  /** After the files' layers. */
  extraLayers?: ExtraLayer[];
  /** The manifest this one is about (an attachment's model version). */
  subject?: Descriptor;
}

export interface BuiltManifest {
  manifest: ImageManifest;
  bytes: Buffer;
  digest: string;
}

/**
 * The manifest of a file set: one layer per file in path order (annotated with its path and executable bit),
 * then the extra layers; keys in a fixed order and annotations sorted, so the same files and annotations
 * always give the same bytes and digest.
 */
export function buildManifest(spec: ArtifactSpec): BuiltManifest {
  const fileLayers: Descriptor[] = fileSetOf(spec.fileSet?.files ?? []).files.map((file) => ({
    mediaType: artifactMediaTypes.file,
    digest: file.digest,
    size: file.size,
    annotations: {
      [artifactAnnotations.title]: file.path,
      ...(file.executable && { [artifactAnnotations.executable]: 'true' }),
    },
  }));
  const extraLayers: Descriptor[] = (spec.extraLayers ?? []).map((layer) => ({
    mediaType: layer.mediaType,
    digest: bytesDigest(layer.content),
    size: layer.content.length,
    ...(layer.annotations &&
      Object.keys(layer.annotations).length > 0 && { annotations: sorted(layer.annotations) }),
  }));
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: ociMediaTypes.manifest,
    artifactType: spec.artifactType,
    config: { ...emptyConfig },
    layers: [...fileLayers, ...extraLayers],
    ...(spec.subject && {
      subject: { mediaType: spec.subject.mediaType, digest: spec.subject.digest, size: spec.subject.size },
    }),
    annotations: sorted({
      ...spec.annotations,
      ...(spec.fileSet && { [artifactAnnotations.contentDigest]: spec.fileSet.digest }),
    }),
  };
  const bytes = Buffer.from(JSON.stringify(manifest));
  return { manifest, bytes, digest: bytesDigest(bytes) };
}

export interface PushedArtifact extends BuiltManifest {
  descriptor: Descriptor;
}

/**
 * Pushes the blobs (those the repository lacks; a few at a time), then the manifest by digest, untagged:
 * the caller tags it once everything it needs is in place. With a subject, the manifest is pushed as a
 * referrer (see RegistryClient.pushReferrer).
 */
export async function pushArtifact(
  client: RegistryClient,
  repository: string,
  spec: ArtifactSpec & { directory?: string },
): Promise<PushedArtifact> {
  const built = buildManifest(spec);
  const blobs = new Map<string, BlobSource>();
  blobs.set(emptyConfig.digest, {
    digest: emptyConfig.digest,
    size: emptyConfig.size,
    bytes: emptyConfigBytes,
  });
  for (const file of spec.fileSet?.files ?? []) {
    if (!isInsideRelativePath(file.path) || spec.directory === undefined) {
      throw new InputError(`'${file.path}' is not a path inside ${spec.directory ?? 'a directory'}`);
    }
    if (!blobs.has(file.digest)) {
      blobs.set(file.digest, { digest: file.digest, size: file.size, path: join(spec.directory, file.path) });
    }
  }
  for (const layer of spec.extraLayers ?? []) {
    const digest = bytesDigest(layer.content);
    if (!blobs.has(digest)) blobs.set(digest, { digest, size: layer.content.length, bytes: layer.content });
  }
  await mapConcurrently([...blobs.values()], 4, (blob) => client.pushBlob(repository, blob));
  const descriptor: Descriptor = {
    mediaType: ociMediaTypes.manifest,
    digest: built.digest,
    size: built.bytes.length,
    artifactType: spec.artifactType,
  };
  if (spec.subject) {
    const annotations = built.manifest.annotations;
    return {
      ...built,
      descriptor: await client.pushReferrer(
        repository,
        {
          bytes: built.bytes,
          mediaType: ociMediaTypes.manifest,
          artifactType: spec.artifactType,
          ...(annotations && { annotations }),
        },
        spec.subject.digest,
      ),
    };
  }
  await client.putManifest(repository, built.digest, built.bytes, ociMediaTypes.manifest);
  return { ...built, descriptor };
}

/** Parses a fetched image manifest; anything else (an index, a docker image, bad JSON) is InvalidContent. */
export function parseManifest(fetched: FetchedManifest, where: string): ImageManifest {
  let manifest: ImageManifest;
  try {
    manifest = parseJson(fetched.bytes, where, 'service') as ImageManifest;
  } catch {
    throw new InvalidContent(`${where}: manifest ${fetched.digest} is not JSON`);
  }
  if (
    manifest.schemaVersion !== 2 ||
    !Array.isArray(manifest.layers) ||
    typeof manifest.config !== 'object'
  ) {
    throw new InvalidContent(`${where}: ${fetched.digest} is not an OCI image manifest`);
  }
  return manifest;
}

/**
 * The file set an artifact carries: its layers that have a title, checked to be relative paths inside the
 * set's root and to add up to the manifest's `dev.mlci.content.digest`.
 */
export function fileSetOfManifest(manifest: ImageManifest, where: string): FileSet {
  const files: FileEntry[] = [];
  for (const layer of manifest.layers) {
    const path = layer.annotations?.[artifactAnnotations.title];
    if (path === undefined || layer.mediaType !== artifactMediaTypes.file) continue;
    if (!isInsideRelativePath(path))
      throw new InvalidContent(`${where}: layer path '${path}' leaves its directory`);
    files.push({
      path,
      size: layer.size,
      digest: layer.digest,
      executable: layer.annotations?.[artifactAnnotations.executable] === 'true',
    });
  }
  const fileSet = fileSetOf(files);
  const claimed = manifest.annotations?.[artifactAnnotations.contentDigest];
  if (claimed !== undefined && claimed !== fileSet.digest) {
    throw new InvalidContent(
      `${where}: its layers add up to ${fileSet.digest}, not the ${claimed} it claims`,
    );
  }
  return fileSet;
}

/** Writes a file set's blobs under directory, each checked against its digest and size before it appears. */
export async function pullFiles(
  client: RegistryClient,
  repository: string,
  fileSet: FileSet,
  directory: string,
): Promise<void> {
  for (const file of fileSet.files) {
    if (!isInsideRelativePath(file.path)) {
      throw new InvalidContent(`${client.where(repository)}: path '${file.path}' leaves its directory`);
    }
  }
  await mapConcurrently(fileSet.files, 4, (file) =>
    client.downloadBlob(repository, file.digest, join(directory, file.path), {
      size: file.size,
      mode: file.executable ? 0o755 : 0o644,
    }),
  );
}

/** Pulls the artifact a tag or digest names into directory; returns its manifest and file set. */
export async function pullArtifact(
  client: RegistryClient,
  repository: string,
  reference: string,
  directory: string,
): Promise<{ manifest: ImageManifest; digest: string; fileSet: FileSet }> {
  const where = `${client.where(repository)}, ${reference}`;
  const fetched = await client.getManifest(repository, reference);
  if (!fetched) throw new InvalidContent(`${where}: no such manifest`);
  const manifest = parseManifest(fetched, where);
  const fileSet = fileSetOfManifest(manifest, where);
  await pullFiles(client, repository, fileSet, directory);
  return { manifest, digest: fetched.digest, fileSet };
}

function sorted(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
