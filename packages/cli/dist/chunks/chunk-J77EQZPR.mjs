#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  refuseUriCredentials
} from "./chunk-2WYYKV6E.mjs";
import {
  InputError
} from "./chunk-C6XSGGFY.mjs";

// packages/core/src/oci/reference.ts
var hostPattern = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;
var pathComponentPattern = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
var tagPattern = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
var digestPattern = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
var sha256Pattern = /^sha256:[a-f0-9]{64}$/;
function isValidHost(host) {
  if (!hostPattern.test(host)) return false;
  const port = /:([0-9]+)$/.exec(host.replace(/^\[.*\]/, ""))?.[1];
  return port === void 0 || Number(port) > 0 && Number(port) < 65536;
}
function isValidRepository(repository) {
  return repository.length <= 255 && repository.split("/").every((part) => pathComponentPattern.test(part));
}
function isValidTag(tag) {
  return tagPattern.test(tag);
}
function isValidDigest(digest) {
  return digestPattern.test(digest);
}
function isSha256Digest(digest) {
  return sha256Pattern.test(digest);
}
function parseReference(value) {
  const bad = (why) => new InputError(`invalid image reference "${value}": ${why}`);
  let rest = value;
  let digest;
  const at = rest.indexOf("@");
  const firstSlash = rest.indexOf("/");
  if (at >= 0 && firstSlash >= 0 && at < firstSlash)
    throw new InputError(
      `invalid image reference "***@${rest.slice(at + 1)}": credentials in a reference are refused; set MLCI_REGISTRY_USERNAME and MLCI_REGISTRY_PASSWORD (or a docker or podman auth file) instead`
    );
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!isValidDigest(digest)) throw bad(`"${digest}" is not a digest (algorithm:hex)`);
  }
  const slash = rest.indexOf("/");
  if (slash <= 0) throw bad("expected host[:port]/repository[:tag|@digest]");
  const host = rest.slice(0, slash);
  let repository = rest.slice(slash + 1);
  let tag;
  const colon = repository.lastIndexOf(":");
  if (colon > repository.lastIndexOf("/")) {
    tag = repository.slice(colon + 1);
    repository = repository.slice(0, colon);
    if (!isValidTag(tag)) throw bad(`"${tag}" is not a valid tag`);
  }
  if (!isValidHost(host)) throw bad(`"${host}" is not a host[:port]`);
  if (!isValidRepository(repository)) {
    throw bad(`"${repository}" is not a repository name (lower-case letters, digits, ".", "_", "-", "/")`);
  }
  return { host, repository, ...tag !== void 0 && { tag }, ...digest !== void 0 && { digest } };
}
function formatReference(reference) {
  return `${reference.host}/${reference.repository}${reference.tag ? `:${reference.tag}` : ""}${reference.digest ? `@${reference.digest}` : ""}`;
}
function parseOciUri(uri) {
  refuseUriCredentials(uri, "OCI URI");
  const bad = (why) => new InputError(`invalid OCI URI "${uri}": ${why}`);
  const match = /^oci:\/\/([^/?#]+)(\/[^?#]*)?$/.exec(uri);
  if (!match) throw bad("expected oci://HOST[:PORT]/PATH");
  const host = match[1];
  const path = (match[2] ?? "").replace(/^\/+|\/+$/g, "");
  if (!isValidHost(host)) throw bad(`"${host}" is not a host[:port]`);
  if (path !== "" && !isValidRepository(path)) {
    throw bad(`"${path}" is not a repository path (lower-case letters, digits, ".", "_", "-", "/")`);
  }
  return { host, path };
}
function isLoopbackHost(host) {
  const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:[0-9]+$/, "");
  return name === "localhost" || name === "127.0.0.1" || name === "[::1]";
}

export {
  isValidHost,
  isValidTag,
  isSha256Digest,
  parseReference,
  formatReference,
  parseOciUri,
  isLoopbackHost
};
