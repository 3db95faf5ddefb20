import { InputError } from '../errors';
import { parseJson } from '../io/json';
import { RegistryClient } from '../oci/client';
import { isValidTag } from '../oci/reference';
import type { Logger } from '../platform/platform';
import { parseBaseReference } from './base';
import { readLayoutBlob, readLayoutIndex, tagLayout } from './layout';

export interface RetagOptions {
  env: NodeJS.ProcessEnv;
  logger: Logger;
  insecure?: boolean;
}

/**
 * Puts an image already stored under `reference` (a registry reference, or `oci:DIR:TAG` as build-image reports
 * an OCI layout) under more tags in the same repository or layout, by copying its manifest: no layer is read or
 * uploaded. The manifest is found by digest, so a tag moved since the build does not matter. Returns the new
 * references.
 */
export async function retagImage(
  reference: string,
  digest: string,
  tags: readonly string[],
  options: RetagOptions,
): Promise<string[]> {
  checkImageTags(tags);
  const where = imageLocation(reference);
  if (where.kind === 'layout') {
    const { dir } = where;
    const entry = (await readLayoutIndex(dir))?.manifests.find((each) => each.digest === digest);
    // The layout's blob is the proof the image is there (index entries alone could be stale).
    const bytes = entry ? undefined : await readLayoutBlob(dir, digest).catch(() => undefined);
    if (!entry && !bytes) throw new InputError(`image ${digest} is not in the OCI layout ${dir}`);
    const descriptor = entry ?? {
      mediaType: (parseJson(bytes as Buffer, `${dir}: ${digest}`) as { mediaType: string }).mediaType,
      digest,
      size: (bytes as Buffer).length,
    };
    for (const tag of tags) await tagLayout(dir, descriptor, tag);
    return retagTargets(reference, tags);
  }
  const { host, repository } = where;
  const client = new RegistryClient({
    host,
    repository,
    env: options.env,
    logger: options.logger,
    ...(options.insecure !== undefined ? { insecure: options.insecure } : {}),
  });
  const manifest = await client.getManifest(repository, digest);
  if (!manifest) throw new InputError(`image ${host}/${repository}@${digest} is not in its registry`);
  for (const tag of tags) await client.putManifest(repository, tag, manifest.bytes, manifest.mediaType);
  return retagTargets(reference, tags);
}

/** Refuses a tag an image cannot take (OCI's tag grammar): retagImage and promote's plan check the same way. */
export function checkImageTags(tags: readonly string[]): void {
  for (const tag of tags)
    if (!isValidTag(tag))
      throw new InputError(`image tag '${tag}': not a valid OCI tag (letters, digits, ._-)`);
}

/** The references retagImage gives `reference`'s image under `tags` (what promote plans and reports). */
export function retagTargets(reference: string, tags: readonly string[]): string[] {
  const where = imageLocation(reference);
  return tags.map((tag) =>
    where.kind === 'layout' ? `oci:${where.dir}:${tag}` : `${where.host}/${where.repository}:${tag}`,
  );
}

/** An OCI layout or a registry repository, parsed as build-image's bases are (base.ts: skopeo's rule). */
function imageLocation(
  reference: string,
): { kind: 'layout'; dir: string } | { kind: 'registry'; host: string; repository: string } {
  const parsed = parseBaseReference(reference);
  if (parsed.kind === 'layout') return { kind: 'layout', dir: parsed.dir };
  if (parsed.kind === 'registry')
    return { kind: 'registry', host: parsed.reference.host, repository: parsed.reference.repository };
  throw new InputError(`image '${reference}': not an image reference`);
}
