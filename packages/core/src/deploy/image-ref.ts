import { InputError } from '../errors';
import { formatReference, parseReference } from '../oci/reference';

/** The image a deploy file is given: where it lives, the tag people read, the digest that pins it. */
export interface DeployImage {
  /** `host/path/name`, without tag or digest. */
  repository: string;
  tag: string;
  /** `sha256:…`: what the cluster pulls. */
  digest: string;
}

/** `host/path/name[:tag][@digest]` split into repository and tag (the tag's colon is after the last slash). */
export function splitReference(reference: string): { repository: string; tag?: string } {
  const withoutDigest = reference.split('@')[0] as string;
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  if (colon > slash)
    return { repository: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1) };
  return { repository: withoutDigest };
}

/** `repository:tag@digest`: pinned by the digest, the tag kept for people (kustomize renders the same form). */
export function pinnedReference(image: DeployImage): string {
  return `${image.repository}:${image.tag}@${image.digest}`;
}

/**
 * The image to deploy from a version's build-image record: its first registry reference (an OCI layout is not
 * pullable by a cluster) and its digest, or `pullRepository` (deploy-image) with the digest the copy keeps; `tag`
 * replaces the built tag (the release tag) when given.
 */
export function deployImageOf(
  record: { digest: string; references: readonly string[] },
  label: string,
  tag: string | undefined,
  pullRepository?: string,
): DeployImage {
  const reference = record.references.find((candidate) => !candidate.startsWith('oci:'));
  if (pullRepository !== undefined) {
    const parsed = parseReference(pullRepository);
    if (parsed.tag !== undefined || parsed.digest !== undefined)
      throw new InputError(
        `deploy-image: "${pullRepository}" names a tag or digest: give the repository only (the tag is the release's, the digest the version's)`,
      );
    const builtTag = splitReference(reference ?? record.references[0] ?? '').tag;
    return { repository: formatReference(parsed), tag: tag ?? builtTag ?? 'latest', digest: record.digest };
  }
  if (reference === undefined)
    throw new InputError(
      `deploy: the image of ${label} is only in an OCI layout (${record.references[0] ?? 'no reference'}): a cluster pulls from a registry, so build-image with push and attach-to, or give deploy-image, the repository the layout is copied to`,
    );
  const { repository, tag: builtTag } = splitReference(reference);
  return { repository, tag: tag ?? builtTag ?? 'latest', digest: record.digest };
}
