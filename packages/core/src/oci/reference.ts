import { InputError } from '../errors';
import { refuseUriCredentials } from '../report/secrets';

/** A manifest in a registry: `host[:port]/repository[:tag][@digest]`. */
export interface ImageReference {
  /** `host` or `host:port`, as given (IPv6 in brackets). */
  host: string;
  repository: string;
  tag?: string;
  digest?: string;
}

/** Where an `oci://host[:port]/path` URI points: a registry and a repository (or a prefix of them). */
export interface OciLocation {
  host: string;
  /** `/`-separated repository components; empty when the URI names only the registry. */
  path: string;
}

// The grammar of the OCI distribution spec and docker/distribution's reference package.
const hostPattern =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;
const pathComponentPattern = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const digestPattern = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const sha256Pattern = /^sha256:[a-f0-9]{64}$/;

export function isValidHost(host: string): boolean {
  if (!hostPattern.test(host)) return false;
  const port = /:([0-9]+)$/.exec(host.replace(/^\[.*\]/, ''))?.[1];
  return port === undefined || (Number(port) > 0 && Number(port) < 65536);
}

export function isValidRepository(repository: string): boolean {
  return repository.length <= 255 && repository.split('/').every((part) => pathComponentPattern.test(part));
}

export function isValidTag(tag: string): boolean {
  return tagPattern.test(tag);
}

export function isValidDigest(digest: string): boolean {
  return digestPattern.test(digest);
}

/** mlci writes and checks sha256 digests only (the one algorithm every registry has). */
export function isSha256Digest(digest: string): boolean {
  return sha256Pattern.test(digest);
}

/** Parses `host[:port]/repo[:tag][@digest]`; the host is never implied (no docker.io default). */
export function parseReference(value: string): ImageReference {
  const bad = (why: string) => new InputError(`invalid image reference "${value}": ${why}`);
  let rest = value;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  const firstSlash = rest.indexOf('/');
  // `user:password@host/…`: the `@` of a digest comes after the repository, never before the first slash.
  if (at >= 0 && firstSlash >= 0 && at < firstSlash)
    throw new InputError(
      `invalid image reference "***@${rest.slice(at + 1)}": credentials in a reference are refused; set MLCI_REGISTRY_USERNAME and MLCI_REGISTRY_PASSWORD (or a docker or podman auth file) instead`,
    );
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!isValidDigest(digest)) throw bad(`"${digest}" is not a digest (algorithm:hex)`);
  }
  const slash = rest.indexOf('/');
  if (slash <= 0) throw bad('expected host[:port]/repository[:tag|@digest]');
  const host = rest.slice(0, slash);
  let repository = rest.slice(slash + 1);
  let tag: string | undefined;
  // A colon after the last slash starts the tag; the host's port colon comes before the first slash.
  const colon = repository.lastIndexOf(':');
  if (colon > repository.lastIndexOf('/')) {
    tag = repository.slice(colon + 1);
    repository = repository.slice(0, colon);
    if (!isValidTag(tag)) throw bad(`"${tag}" is not a valid tag`);
  }
  if (!isValidHost(host)) throw bad(`"${host}" is not a host[:port]`);
  if (!isValidRepository(repository)) {
    throw bad(`"${repository}" is not a repository name (lower-case letters, digits, ".", "_", "-", "/")`);
  }
  return { host, repository, ...(tag !== undefined && { tag }), ...(digest !== undefined && { digest }) };
}

export function formatReference(reference: ImageReference): string {
  return `${reference.host}/${reference.repository}${reference.tag ? `:${reference.tag}` : ''}${
    reference.digest ? `@${reference.digest}` : ''
  }`;
}

/** Parses `oci://host[:port][/path]`; a trailing slash is ignored. */
export function parseOciUri(uri: string): OciLocation {
  refuseUriCredentials(uri, 'OCI URI');
  const bad = (why: string) => new InputError(`invalid OCI URI "${uri}": ${why}`);
  const match = /^oci:\/\/([^/?#]+)(\/[^?#]*)?$/.exec(uri);
  if (!match) throw bad('expected oci://HOST[:PORT]/PATH');
  const host = match[1] as string;
  const path = (match[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (!isValidHost(host)) throw bad(`"${host}" is not a host[:port]`);
  if (path !== '' && !isValidRepository(path)) {
    throw bad(`"${path}" is not a repository path (lower-case letters, digits, ".", "_", "-", "/")`);
  }
  return { host, path };
}

/** True for the hosts plain HTTP is allowed to without an explicit insecure flag. */
export function isLoopbackHost(host: string): boolean {
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:[0-9]+$/, '');
  return name === 'localhost' || name === '127.0.0.1' || name === '[::1]';
}
