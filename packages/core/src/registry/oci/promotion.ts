import { artifactAnnotations } from '../../oci/artifact';
import { type Descriptor, type ImageManifest, ociMediaTypes } from '../../oci/client';
import type { PromotionRecord } from '../registry';

export const promotionArtifactType = 'application/vnd.mlci.promotion.v1';
/** The config blob of a promotion manifest: the StoredMove JSON ({record, previousMove}). */
export const promotionConfigMediaType = 'application/vnd.mlci.promotion.v1+json';

export const promotionAnnotations = {
  /** The version number the alias points at through this manifest. */
  version: 'dev.mlci.version',
  alias: 'dev.mlci.alias',
} as const;

/**
 * The manifest an alias tag points at after a move: the record as its config, the version's own layer
 * descriptors (so `oras pull repo:production` gets the model files; the blobs are in the repository
 * already), and the version's manifest as subject (so the move is also a referrer of the version).
 */
export function promotionManifest(
  record: PromotionRecord,
  config: { digest: string; size: number },
  version: { digest: string; size: number; manifest: ImageManifest },
): { manifest: ImageManifest; bytes: Buffer } {
  const contentDigest = version.manifest.annotations?.[artifactAnnotations.contentDigest];
  const annotations: Record<string, string> = {
    [artifactAnnotations.created]: record.time,
    ...(contentDigest && { [artifactAnnotations.contentDigest]: contentDigest }),
    [promotionAnnotations.alias]: record.alias,
    [promotionAnnotations.version]: record.version,
  };
  const subject: Descriptor = {
    mediaType: ociMediaTypes.manifest,
    digest: version.digest,
    size: version.size,
  };
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: ociMediaTypes.manifest,
    artifactType: promotionArtifactType,
    config: { mediaType: promotionConfigMediaType, digest: config.digest, size: config.size },
    layers: version.manifest.layers,
    subject,
    annotations: Object.fromEntries(Object.entries(annotations).sort(([a], [b]) => (a < b ? -1 : 1))),
  };
  return { manifest, bytes: Buffer.from(JSON.stringify(manifest)) };
}
