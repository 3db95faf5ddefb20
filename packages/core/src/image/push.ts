import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ServiceError } from '../errors';
import { mapConcurrently } from '../io/concurrency';
import type { Descriptor, RegistryClient } from '../oci/client';
import { formatReference, type ImageReference } from '../oci/reference';
import type { BaseBlobs } from './base';
import type { SerializedDocument } from './config';
import { layoutBlobPath } from './layout';

/** What happened to a layer: the target had it, it was mounted from the base's repository, or sent. */
export type LayerAction = 'existed' | 'mounted' | 'uploaded' | 'written';

export interface PushLayer {
  descriptor: Descriptor;
  /** The built blob; absent when the target already had it (or for a base layer). */
  path?: string;
  /** A layer of the base image: read from the base (mounted, or copied) when the target lacks it. */
  base?: boolean;
  /** Sent to the first target's repository while it was built (image/layer.ts, LayerOptions.upload). */
  uploaded?: boolean;
}

export interface PushImageInput {
  /** A client of the registry every target is on. */
  client: RegistryClient;
  /** Tagged references, all on client's registry; the first one's repository gets the blobs first. */
  targets: ImageReference[];
  layers: PushLayer[];
  config: SerializedDocument<unknown>;
  manifest: SerializedDocument<unknown>;
  base?: BaseBlobs;
  /** Where a base layer from another registry is downloaded to before it goes up. */
  scratchDir: string;
  concurrency?: number;
}

export interface PushResult {
  /** Per layer, in input.layers' order, for the first target's repository. */
  actions: LayerAction[];
  /** Blob and manifest bytes sent, over every repository. */
  bytesUploaded: number;
  references: string[];
}

/**
 * Pushes an image: each layer checked first (HEAD) and skipped when present, base layers mounted from the
 * base repository on the same registry or else streamed through a file, built layers uploaded from their
 * file (chunked, resumed by the client) unless they went up while they were built, then the config, then the
 * manifest under every tag. Tags in other
 * repositories of the same registry get the blobs by mount from the first.
 */
export async function pushImage(input: PushImageInput): Promise<PushResult> {
  const { client } = input;
  const repositories = [...new Set(input.targets.map((target) => target.repository))];
  let bytesUploaded = 0;
  let actions: LayerAction[] = [];
  for (const [position, repository] of repositories.entries()) {
    const primary = repositories[0] as string;
    const mountFrom = (layer: PushLayer): string[] => [
      ...(position > 0 ? [primary] : []),
      ...(layer.base && input.base?.kind === 'registry' && input.base.client.host === client.host
        ? [input.base.repository]
        : []),
    ];
    // A layer that is twice in the image (a model layer equal to one of the base's) is placed once: the second
    // waits for the first and reports what it did, whichever of the two starts first.
    const placing = new Map<string, Promise<LayerAction>>();
    const placed = await settledMap(input.layers, input.concurrency ?? 3, async (layer) => {
      // Sent while it was built: the first repository has it; the others mount it from there.
      if (layer.uploaded && position === 0) {
        bytesUploaded += layer.descriptor.size;
        return 'uploaded' as const;
      }
      const digest = layer.descriptor.digest;
      let action = placing.get(digest);
      if (action === undefined) {
        action = placeLayer(input, repository, layer, mountFrom(layer)).then(({ action, bytes }) => {
          bytesUploaded += bytes;
          return action;
        });
        placing.set(digest, action);
      }
      return action;
    });
    if (position === 0) actions = placed;
    const config = input.config.descriptor;
    if ((await client.blobSize(repository, config.digest)) === undefined) {
      await client.pushBlob(repository, {
        digest: config.digest,
        size: config.size,
        bytes: input.config.bytes,
      });
      bytesUploaded += config.size;
    }
  }
  const references: string[] = [];
  for (const target of input.targets) {
    await client.putManifest(
      target.repository,
      target.tag as string,
      input.manifest.bytes,
      input.manifest.descriptor.mediaType,
    );
    bytesUploaded += input.manifest.bytes.length;
    references.push(formatReference({ host: target.host, repository: target.repository, tag: target.tag }));
  }
  return { actions, bytesUploaded, references };
}

async function placeLayer(
  input: PushImageInput,
  repository: string,
  layer: PushLayer,
  mountSources: string[],
): Promise<{ action: LayerAction; bytes: number }> {
  const { client } = input;
  const { digest, size } = layer.descriptor;
  if ((await client.blobSize(repository, digest)) !== undefined) return { action: 'existed', bytes: 0 };
  for (const from of mountSources) {
    if (await client.mountBlob(repository, digest, from)) return { action: 'mounted', bytes: 0 };
  }
  if (layer.path) {
    await client.pushBlob(repository, { digest, size, path: layer.path });
    return { action: 'uploaded', bytes: size };
  }
  const base = input.base;
  if (layer.base && base?.kind === 'layout') {
    await client.pushBlob(repository, { digest, size, path: layoutBlobPath(base.dir, digest) });
    return { action: 'uploaded', bytes: size };
  }
  if (layer.base && base?.kind === 'registry') {
    // Another registry (or a refused mount): through a file, so that no layer is ever held in memory.
    const temp = join(input.scratchDir, `base-${randomBytes(6).toString('hex')}`);
    try {
      await base.client.downloadBlob(base.repository, digest, temp, { size });
      await client.pushBlob(repository, { digest, size, path: temp });
    } finally {
      await rm(temp, { force: true });
    }
    return { action: 'uploaded', bytes: size };
  }
  throw new ServiceError(
    `${client.where(repository)}: layer ${digest} was there when the build started and is gone now; build again`,
  );
}

/**
 * mapConcurrently that, after a failure, starts nothing more and waits for the calls in flight before it
 * rejects: no upload goes on reading a file the caller is about to delete.
 */
export async function settledMap<T, R>(
  items: readonly T[],
  concurrency: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  let failure: { error: unknown } | undefined;
  const results = await mapConcurrently(items, concurrency, async (item) => {
    if (failure) return undefined;
    try {
      return await map(item);
    } catch (error) {
      failure ??= { error };
      return undefined;
    }
  });
  if (failure) throw failure.error;
  return results as R[];
}
