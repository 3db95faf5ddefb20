import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors';
import { writeFileAtomic } from '../io/atomic';
import { bytesDigest, copyWithDigest } from '../io/digest';
import { parseJson } from '../io/json';
import { movePath } from '../io/move';
import { removeOnInterrupt } from '../io/scratch';
import { type Descriptor, type ImageIndex, ociMediaTypes } from '../oci/client';
import { isSha256Digest } from '../oci/reference';
import { canonicalJson, imageAnnotations } from './config';

/** The OCI image layout: `oci-layout`, `index.json` and content-addressed `blobs/sha256/<hex>`. */
const layoutVersion = '1.0.0';

export function layoutBlobPath(dir: string, digest: string): string {
  if (!isSha256Digest(digest)) throw new InputError(`${dir}: "${digest}" is not a sha256 digest`);
  return join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length));
}

/** index.json of a layout; undefined when the directory has none. */
export async function readLayoutIndex(dir: string): Promise<ImageIndex | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, 'index.json'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const index = parseJson(text, join(dir, 'index.json')) as ImageIndex;
    if (!Array.isArray(index.manifests)) throw new Error('no manifests');
    return index;
  } catch {
    throw new InputError(`${join(dir, 'index.json')}: not an OCI image index`);
  }
}

/** A small blob of a layout (manifest, config), checked against its digest. */
export async function readLayoutBlob(dir: string, digest: string): Promise<Buffer> {
  const path = layoutBlobPath(dir, digest);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new InputError(`${dir}: blob ${digest} is missing (not a complete OCI image layout)`);
    }
    throw error;
  }
  if (bytesDigest(bytes) !== digest) throw new InputError(`${path}: content does not match its digest`);
  return bytes;
}

/**
 * Makes dir an OCI image layout, or checks that it is one: an existing directory with other files and no
 * `oci-layout` is refused rather than filled with blobs.
 */
export async function initLayout(dir: string): Promise<void> {
  const marker = join(dir, 'oci-layout');
  let existing: string | undefined;
  try {
    existing = await readFile(marker, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new InputError(`${dir}: cannot read ${marker} (${(error as NodeJS.ErrnoException).code})`);
    }
  }
  if (existing !== undefined) {
    let version: unknown;
    try {
      version = (parseJson(existing, dir) as { imageLayoutVersion?: unknown }).imageLayoutVersion;
    } catch {
      version = undefined;
    }
    if (version !== layoutVersion) {
      throw new InputError(`${marker}: not an OCI image layout version ${layoutVersion}`);
    }
  } else {
    const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw new InputError(`${dir}: cannot use as an OCI image layout (${error.code})`);
    });
    if (entries.length > 0) {
      throw new InputError(
        `${dir}: exists and is not an OCI image layout (no oci-layout file); choose another directory`,
      );
    }
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(marker, JSON.stringify({ imageLayoutVersion: layoutVersion }));
  }
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
}

/** Whether the layout has the blob: the file is there with the descriptor's size (blobs are never partial). */
export async function hasLayoutBlob(dir: string, descriptor: Descriptor): Promise<boolean> {
  try {
    return (await stat(layoutBlobPath(dir, descriptor.digest))).size === descriptor.size;
  } catch {
    return false;
  }
}

export async function putLayoutBlobBytes(
  dir: string,
  descriptor: Descriptor,
  bytes: Uint8Array,
): Promise<void> {
  if (bytesDigest(bytes) !== descriptor.digest) {
    throw new Error(`bug: blob bytes are not ${descriptor.digest}`);
  }
  await writeFileAtomic(layoutBlobPath(dir, descriptor.digest), bytes);
}

/**
 * Puts a blob file into the layout under its digest. move renames it (a file the build made on the same
 * filesystem); otherwise it is copied through a temporary file that replaces the target only once the
 * digest matched, so a reader never sees a partial or wrong blob.
 */
export async function putLayoutBlobFile(
  dir: string,
  descriptor: Descriptor,
  source: string,
  options: { move?: boolean } = {},
): Promise<void> {
  const target = layoutBlobPath(dir, descriptor.digest);
  if (options.move) {
    try {
      await movePath(source, target);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    }
  }
  const temp = `${target}.${randomBytes(6).toString('hex')}.part`;
  const interrupted = removeOnInterrupt(temp);
  try {
    const copied = await copyWithDigest(createReadStream(source), createWriteStream(temp));
    if (copied.digest !== descriptor.digest || copied.size !== descriptor.size) {
      throw new InputError(
        `${source}: changed after it was fingerprinted (not ${descriptor.digest} any more)`,
      );
    }
    await movePath(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  } finally {
    interrupted.release();
  }
  if (options.move) await rm(source, { force: true });
}

/**
 * Points refName at the manifest in index.json: an entry with the same `org.opencontainers.image.ref.name`
 * is replaced, the others kept; the file is replaced atomically.
 */
export async function tagLayout(dir: string, manifest: Descriptor, refName: string): Promise<void> {
  const index = (await readLayoutIndex(dir)) ?? {
    schemaVersion: 2 as const,
    mediaType: ociMediaTypes.index,
    manifests: [],
  };
  const kept = index.manifests.filter((each) => each.annotations?.[imageAnnotations.refName] !== refName);
  const updated: ImageIndex = {
    ...index,
    schemaVersion: 2,
    mediaType: ociMediaTypes.index,
    manifests: [
      ...kept,
      {
        mediaType: manifest.mediaType,
        digest: manifest.digest,
        size: manifest.size,
        annotations: { [imageAnnotations.refName]: refName },
      },
    ],
  };
  await writeFileAtomic(join(dir, 'index.json'), canonicalJson(updated));
}
