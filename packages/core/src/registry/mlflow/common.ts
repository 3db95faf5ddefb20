import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdir, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { InputError, ServiceError } from '../../errors';
import { bodyLimits } from '../../io/bounded-body';
import { bytesDigest, copyWithDigest } from '../../io/digest';
import { type FileEntry, setDigest } from '../../io/file-set';
import { isInsideRelativePath } from '../../store/relative-path';
import { checkAliasName, checkModelName } from '../alias-move';

export { checkAliasName, checkModelName };

import { parseJson } from '../../io/json';
import { movePath } from '../../io/move';
import { removeOnInterrupt } from '../../io/scratch';
import type { RegistryApi } from './api';

/** Tags mlci writes on versions and models; user labels may not start with this. */
export const mlciTagPrefix = 'mlci.';
export const contentDigestTag = 'mlci.content.digest';
export const attachmentTagPrefix = 'mlci.attachment.';
/** The file list of a version, stored next to its files: `{contentDigest, files}`. */
export const filesListingName = 'mlci-files.json';

export const versionPattern = /^[1-9][0-9]*$/;
export const kindPattern = /^[a-z0-9][a-z0-9._-]*$/;
export const hexOf = (digest: string) => digest.replace(/^sha256:/, '');

export interface FilesListing {
  contentDigest: string;
  files: FileEntry[];
}

export function checkKind(kind: string): void {
  if (!kindPattern.test(kind))
    throw new InputError(`attachment kind '${kind}': expected lowercase letters, digits, '.', '_', '-'`);
}

export function checkRegisterPaths(files: FileEntry[], uri: string): void {
  for (const file of files)
    if (!isInsideRelativePath(file.path))
      throw new InputError(`cannot register '${file.path}' in ${uri}: not a path inside the outputs`);
}

/** Parses and checks a stored file list: every path inside, and the list's digest is the one expected. */
export function parseListing(bytes: Uint8Array, expectedDigest: string, where: string): FilesListing {
  const listing = parseJson(
    bytes,
    `${where}: corrupt file list ${filesListingName}`,
    'service',
  ) as FilesListing;
  if (!Array.isArray(listing?.files))
    throw new ServiceError(`${where}: corrupt file list ${filesListingName}: no files`);
  for (const file of listing.files)
    if (!isInsideRelativePath(file.path))
      throw new ServiceError(
        `${where}: corrupt file list: '${file.path}' is outside the version's directory`,
      );
  const digest = setDigest(listing.files);
  if (digest !== expectedDigest || listing.contentDigest !== expectedDigest)
    throw new ServiceError(
      `${where}: corrupt file list: its files make ${digest}, the version says ${expectedDigest}`,
    );
  return listing;
}

export const jsonBytes = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);

export async function putBytes(api: RegistryApi, url: string, content: Uint8Array): Promise<void> {
  const response = await api.client.transfer('PUT', url, () => ({ body: content, length: content.length }));
  // Nothing to read in the answer to a PUT: its status said it all.
  await response.body?.cancel().catch(() => undefined);
}

export async function putFile(api: RegistryApi, url: string, path: string, size: number): Promise<void> {
  const response = await api.client.transfer('PUT', url, () => ({
    body: Readable.toWeb(createReadStream(path)) as unknown as NonNullable<RequestInit['body']>,
    length: size,
  }));
  await response.body?.cancel().catch(() => undefined);
}

/** The bytes at url, checked against their digest: a mismatch is a corrupt registry (exit 3). */
export async function fetchVerified(
  api: RegistryApi,
  url: string,
  digest: string,
  what: string,
): Promise<Uint8Array> {
  const bytes = await api.client.getBytes(url, bodyLimits.stored);
  const actual = bytesDigest(bytes);
  if (actual !== digest)
    throw new ServiceError(`${what} does not match its digest ${digest} (got ${actual})`);
  return bytes;
}

export async function fetchBytes(api: RegistryApi, url: string): Promise<Uint8Array> {
  return api.client.getBytes(url, bodyLimits.stored);
}

/**
 * Streams the file at url to `directory/entry.path`, hashing on the way; written under a temporary name and
 * renamed only when the digest matches, so a failed or corrupt download leaves no file that looks complete.
 */
export async function downloadVerified(
  api: RegistryApi,
  url: string,
  directory: string,
  entry: FileEntry,
  what: string,
): Promise<void> {
  const target = resolve(directory, entry.path);
  await mkdir(dirname(target), { recursive: true });
  const temporary = `${target}.mlci-${randomBytes(6).toString('hex')}`;
  const interrupted = removeOnInterrupt(temporary);
  try {
    const response = await api.client.transfer('GET', url);
    if (!response.body) throw new ServiceError(`${what}: the server sent no content`);
    const copied = await copyWithDigest(
      Readable.fromWeb(response.body as unknown as WebReadableStream),
      createWriteStream(temporary),
      {
        // The listing says how large the file is: more is a wrong or endless answer, not a longer file.
        maxBytes: entry.size,
        tooLarge: () => new ServiceError(`${what}: more than the ${entry.size} bytes expected`),
        idleMs: api.client.timeoutMs,
        stalled: () => new ServiceError(`${what}: no data for ${api.client.timeoutMs / 1000} s`),
      },
    );
    if (copied.digest !== entry.digest)
      throw new ServiceError(`${what} does not match its digest ${entry.digest} (got ${copied.digest})`);
    if (entry.executable) await chmod(temporary, 0o755);
    await movePath(temporary, target);
  } finally {
    await rm(temporary, { force: true });
    interrupted.release();
  }
}
