import { InputError } from '../errors';
import { RegistryClient } from '../oci/client';
import { isValidTag, parseReference } from '../oci/reference';
import type { Logger } from '../platform/platform';
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
  for (const tag of tags)
    if (!isValidTag(tag))
      throw new InputError(`image tag '${tag}': not a valid OCI tag (letters, digits, ._-)`);
  if (reference.startsWith('oci:') && !reference.startsWith('oci://')) {
    const dir = reference.slice('oci:'.length).replace(/:[^:/]*$/, '');
    const entry = (await readLayoutIndex(dir))?.manifests.find((each) => each.digest === digest);
    // The layout's blob is the proof the image is there (index entries alone could be stale).
    const bytes = entry ? undefined : await readLayoutBlob(dir, digest).catch(() => undefined);
    if (!entry && !bytes) throw new InputError(`image ${digest} is not in the OCI layout ${dir}`);
    const descriptor = entry ?? {
      mediaType: (JSON.parse((bytes as Buffer).toString('utf8')) as { mediaType: string }).mediaType,
      digest,
      size: (bytes as Buffer).length,
    };
    for (const tag of tags) await tagLayout(dir, descriptor, tag);
    return tags.map((tag) => `oci:${dir}:${tag}`);
  }
  const parsed = parseReference(reference);
  const client = new RegistryClient({
    host: parsed.host,
    repository: parsed.repository,
    env: options.env,
    logger: options.logger,
    ...(options.insecure !== undefined ? { insecure: options.insecure } : {}),
  });
  const manifest = await client.getManifest(parsed.repository, digest);
  if (!manifest)
    throw new InputError(`image ${parsed.host}/${parsed.repository}@${digest} is not in its registry`);
  for (const tag of tags)
    await client.putManifest(parsed.repository, tag, manifest.bytes, manifest.mediaType);
  return tags.map((tag) => `${parsed.host}/${parsed.repository}:${tag}`);
}
