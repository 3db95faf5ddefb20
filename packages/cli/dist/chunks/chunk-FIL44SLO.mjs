#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  isLoopbackHost,
  isSha256Digest,
  isValidHost
} from "./chunk-J77EQZPR.mjs";
import {
  mapConcurrently
} from "./chunk-IS7M7TXC.mjs";
import {
  bytesDigest,
  copyWithDigest
} from "./chunk-KLG7ZBD7.mjs";
import {
  movePath
} from "./chunk-4VSSUXZN.mjs";
import {
  interruptedBy,
  registerCleanup,
  removeOnInterrupt
} from "./chunk-BOL2UAYQ.mjs";
import {
  withRetries
} from "./chunk-Q2OW4E5W.mjs";
import {
  BodyLimitError,
  bodyLimits,
  readBody,
  readBodyJson
} from "./chunk-7YFYVVS2.mjs";
import {
  parseJson
} from "./chunk-COETP6OK.mjs";
import {
  InputError,
  ServiceError
} from "./chunk-C6XSGGFY.mjs";

// packages/core/src/io/network-error.ts
function isNetworkError(error) {
  const name = error?.name;
  const message = error?.message;
  if (name === "TypeError") return message === "fetch failed" || message === "terminated";
  const code = error?.code;
  return name === "TimeoutError" || typeof code === "string" && /^(ECONN|EPIPE|ETIMEDOUT|UND_ERR_)/.test(code);
}
function networkReason(error) {
  if (error?.name === "TimeoutError") {
    const message = error.message;
    return /aborted due to timeout/.test(message) ? "no answer in time" : message;
  }
  const cause = error?.cause;
  if (typeof cause?.code === "string") return cause.code;
  if (typeof cause?.message === "string") return cause.message.split("\n")[0];
  return error?.message ?? String(error);
}

// packages/core/src/oci/http.ts
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
var errorBodyDeadlineMs = 1e4;
var RegistryStatusError = class extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
    this.name = "RegistryStatusError";
  }
  status;
  code;
};
function isTransient(error) {
  if (error instanceof RegistryStatusError) return error.status >= 500 || error.status === 429;
  return isNetworkError(error);
}
async function statusError(response, what) {
  let code;
  let detail = "";
  try {
    const text = (await readBody(response, { maxBytes: bodyLimits.error, deadlineMs: errorBodyDeadlineMs, what })).toString("utf8");
    const parsed = parseJson(text, what, "service");
    const first = parsed.errors?.[0];
    if (first) {
      code = first.code;
      detail = `${first.code ?? ""}${first.message ? `: ${first.message}` : ""}`;
    }
  } catch {
  }
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  return new RegistryStatusError(response.status, code, `${what}: ${status}${detail ? ` (${detail})` : ""}`);
}
async function discard(response) {
  try {
    await response.body?.cancel();
  } catch {
  }
}
var agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
function sendParts(url, init) {
  const length = init.parts.reduce((sum, part) => sum + part.length, 0);
  const secure = url.protocol === "https:";
  return new Promise((resolve, reject) => {
    const failed = (error) => reject(new TypeError("fetch failed", { cause: error }));
    if (init.signal.aborted) return reject(init.signal.reason);
    const onAbort = () => {
      request.destroy();
      reject(init.signal.reason);
    };
    init.signal.addEventListener("abort", onAbort, { once: true });
    const request = (secure ? httpsRequest : httpRequest)(
      url,
      {
        method: init.method,
        headers: { ...init.headers, "content-length": `${length}` },
        agent: secure ? agents.https : agents.http
      },
      (answer) => {
        const chunks = [];
        let size = 0;
        answer.on("data", (chunk) => {
          size += chunk.length;
          if (size <= bodyLimits.error) chunks.push(chunk);
        });
        answer.on("error", failed);
        answer.on("end", () => {
          init.signal.removeEventListener("abort", onAbort);
          const status = answer.statusCode ?? 502;
          const empty = status === 204 || status === 205 || status === 304 || chunks.length === 0;
          resolve(
            new Response(empty ? null : Buffer.concat(chunks), {
              status,
              statusText: answer.statusMessage ?? "",
              headers: responseHeaders(answer.headers)
            })
          );
        });
      }
    );
    request.on("error", failed);
    for (const part of init.parts) request.write(part);
    request.end();
  });
}
function responseHeaders(headers) {
  const result = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (value === void 0) continue;
    for (const one of Array.isArray(value) ? value : [value]) result.append(name, one);
  }
  return result;
}

// packages/core/src/oci/client.ts
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { chmod, mkdir, open, rm } from "node:fs/promises";
import { basename, dirname, join as join2 } from "node:path";
import { Readable } from "node:stream";

// packages/core/src/oci/auth.ts
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
var identityTokenUser = "<token>";
async function findCredentials(host, repository, { env, logger }) {
  const user = env.MLCI_REGISTRY_USERNAME;
  const password = env.MLCI_REGISTRY_PASSWORD;
  if (user && password)
    return { username: user, secret: password, source: "MLCI_REGISTRY_USERNAME/PASSWORD" };
  if (user || password) {
    throw new InputError(
      `${user ? "MLCI_REGISTRY_USERNAME" : "MLCI_REGISTRY_PASSWORD"} is set but ${user ? "MLCI_REGISTRY_PASSWORD" : "MLCI_REGISTRY_USERNAME"} is not: set both, or neither`
    );
  }
  const lowerHost = host.toLowerCase();
  if (env.CI_REGISTRY?.toLowerCase() === lowerHost && env.CI_REGISTRY_USER && env.CI_REGISTRY_PASSWORD) {
    return {
      username: env.CI_REGISTRY_USER,
      secret: env.CI_REGISTRY_PASSWORD,
      source: "CI_REGISTRY_USER/PASSWORD"
    };
  }
  if (lowerHost === "ghcr.io" && env.GITHUB_TOKEN) {
    return { username: env.GITHUB_ACTOR || "token", secret: env.GITHUB_TOKEN, source: "GITHUB_TOKEN" };
  }
  const home = env.HOME || homedir();
  const dockerConfig = join(env.DOCKER_CONFIG || join(home, ".docker"), "config.json");
  const fromDocker = await fromAuthFile(dockerConfig, lowerHost, repository, env, logger);
  if (fromDocker) return fromDocker;
  const podmanFile = env.REGISTRY_AUTH_FILE || (env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, "containers", "auth.json") : "");
  return podmanFile ? fromAuthFile(podmanFile, lowerHost, repository, env, logger) : void 0;
}
async function fromAuthFile(path, host, repository, env, logger) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return void 0;
  }
  let config;
  try {
    config = parseJson(text, path);
  } catch {
    logger?.warn(`${path} is not JSON: its registry credentials are ignored`);
    return void 0;
  }
  const helper = entryFor(config.credHelpers, host, repository);
  if (typeof helper?.value === "string") {
    return fromHelper(
      helper.value,
      helper.key,
      `${path} (credHelpers: docker-credential-${helper.value})`,
      env,
      logger
    );
  }
  const auth = entryFor(config.auths, host, repository);
  if (auth?.value.identitytoken) {
    return {
      username: identityTokenUser,
      secret: auth.value.identitytoken,
      source: `${path} (auths identitytoken)`
    };
  }
  if (auth?.value.auth) {
    const decoded = Buffer.from(auth.value.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0) {
      return {
        username: decoded.slice(0, colon),
        secret: decoded.slice(colon + 1),
        source: `${path} (auths)`
      };
    }
    logger?.warn(`${path}: auths["${auth.key}"].auth is not base64 of user:password; ignored`);
  }
  if (config.credsStore) {
    return fromHelper(
      config.credsStore,
      host,
      `${path} (credsStore: docker-credential-${config.credsStore})`,
      env,
      logger
    );
  }
  return void 0;
}
function entryFor(entries, host, repository) {
  if (!entries) return void 0;
  const target = `${host}/${repository}`;
  let best;
  for (const [key, value] of Object.entries(entries)) {
    const normalized = key.toLowerCase().replace(/^[a-z]+:\/\//, "").replace(/\/v[12]\/?$/, "").replace(/\/+$/, "");
    const slash = normalized.indexOf("/");
    const keyHost = slash < 0 ? normalized : normalized.slice(0, slash);
    if (keyHost !== host) continue;
    if (slash >= 0 && target !== normalized && !target.startsWith(`${normalized}/`)) continue;
    if (!best || normalized.length > best.length) best = { key, value, length: normalized.length };
  }
  return best && { key: best.key, value: best.value };
}
async function fromHelper(name, server, source, env, logger) {
  const program = `docker-credential-${name}`;
  const outcome = await new Promise((resolve) => {
    const child = spawn(program, ["get"], { env, stdio: ["pipe", "pipe", "pipe"] });
    const timer = setTimeout(() => child.kill(), 3e4);
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.resume();
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ status: null, stdout, error });
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout });
    });
    child.stdin.on("error", () => {
    });
    child.stdin.end(server);
  });
  if (outcome.error || outcome.status !== 0) {
    if (!/not found/i.test(outcome.stdout)) {
      logger?.warn(
        `${program} get failed for ${server} (${outcome.error?.message ?? `exit ${outcome.status}`}): ignored`
      );
    }
    return void 0;
  }
  try {
    const answer = parseJson(outcome.stdout, program);
    if (!answer.Secret) return void 0;
    return { username: answer.Username ?? "", secret: answer.Secret, source };
  } catch {
    logger?.warn(`${program} get answered something that is not JSON for ${server}: ignored`);
    return void 0;
  }
}
function parseChallenges(header) {
  const challenges = [];
  const tokens = /\s*([A-Za-z][A-Za-z0-9._~+/-]*)\s*(=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*)))?\s*,?/gy;
  let current;
  while (tokens.lastIndex < header.length) {
    const start = tokens.lastIndex;
    const match = tokens.exec(header);
    if (!match || tokens.lastIndex === start) break;
    const [, name, assignment, quoted, bare] = match;
    if (assignment === void 0) {
      current = { scheme: name.toLowerCase(), params: {} };
      challenges.push(current);
    } else if (current) {
      current.params[name.toLowerCase()] = quoted !== void 0 ? quoted.replace(/\\(.)/g, "$1") : bare ?? "";
    }
  }
  return challenges;
}
var RegistryAuth = class {
  constructor(options) {
    this.options = options;
  }
  options;
  credentials;
  challenge;
  tokens = /* @__PURE__ */ new Map();
  /** Where the credentials come from, for messages: never the secret. */
  async credentialSource() {
    const credentials = await this.loadCredentials();
    return credentials ? `credentials from ${credentials.source}` : "no credentials (anonymous)";
  }
  /** The Authorization header for a request with these scopes, as far as earlier challenges tell. */
  async authorization(scopes) {
    if (!this.challenge) return void 0;
    if (this.challenge.scheme === "basic") {
      const credentials = await this.loadCredentials();
      return credentials && basic(credentials);
    }
    const key = scopeKey(scopes);
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > Date.now()) return `Bearer ${cached.token}`;
    return `Bearer ${await this.fetchToken(scopes)}`;
  }
  /**
   * Learns from a 401: true when the request is worth one more try (a new scheme, or a fresh token for the
   * scopes the challenge asks for), false when the credentials were already tried.
   */
  async answer(response, scopes, sent) {
    const header = response.headers.get("www-authenticate");
    const challenge = header ? parseChallenges(header).find((each) => each.scheme === "bearer" || each.scheme === "basic") : void 0;
    if (!challenge) return false;
    if (challenge.scheme === "basic") {
      const credentials = await this.loadCredentials();
      this.challenge = challenge;
      return credentials !== void 0 && sent === void 0;
    }
    if (!challenge.params.realm) return false;
    this.challenge = challenge;
    const asked = challenge.params.scope ? challenge.params.scope.split(" ") : [];
    const wanted = [.../* @__PURE__ */ new Set([...scopes, ...asked])];
    if (sent !== void 0 && wanted.length === new Set(scopes).size && challenge.params.error !== "invalid_token") {
      return false;
    }
    const token = await this.fetchToken(wanted);
    this.tokens.set(scopeKey(scopes), {
      token,
      expiresAt: this.tokens.get(scopeKey(wanted))?.expiresAt ?? 0
    });
    return true;
  }
  loadCredentials() {
    this.credentials ??= findCredentials(this.options.host, this.options.repository, this.options);
    return this.credentials;
  }
  async fetchToken(scopes) {
    const challenge = this.challenge;
    const realm = new URL(challenge.params.realm);
    if (realm.protocol !== "https:" && !(realm.protocol === "http:" && (isLoopbackHost(realm.host) || this.options.insecure))) {
      throw new ServiceError(
        `registry ${this.options.host} sends credentials to ${realm.origin}, which is not HTTPS: refused (allow it with the insecure registry option)`
      );
    }
    const credentials = await this.loadCredentials();
    const unique = [...new Set(scopes)].sort();
    const service = challenge.params.service;
    let response;
    if (credentials?.username === identityTokenUser) {
      const form = new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: credentials.secret,
        client_id: "mlci"
      });
      if (service) form.set("service", service);
      if (unique.length > 0) form.set("scope", unique.join(" "));
      response = await fetch(realm, {
        method: "POST",
        body: form,
        signal: AbortSignal.timeout(tokenTimeoutMs)
      });
    } else {
      if (service) realm.searchParams.set("service", service);
      for (const scope of unique) realm.searchParams.append("scope", scope);
      response = await fetch(realm, {
        ...credentials && { headers: { authorization: basic(credentials) } },
        signal: AbortSignal.timeout(tokenTimeoutMs)
      });
    }
    if (!response.ok) {
      throw await statusError(
        response,
        `token service ${realm.origin}${realm.pathname} for ${this.options.host}`
      );
    }
    const body = await readBodyJson(response, {
      maxBytes: bodyLimits.token,
      deadlineMs: tokenTimeoutMs,
      what: `token service ${realm.origin}${realm.pathname} for ${this.options.host}`
    });
    if (body === null || typeof body !== "object")
      throw new RegistryStatusError(502, void 0, `token service ${realm.origin} answered without a token`);
    const token = body.token || body.access_token;
    if (!token) {
      throw new RegistryStatusError(502, void 0, `token service ${realm.origin} answered without a token`);
    }
    const lifetime = Math.max((body.expires_in ?? 60) - 10, 5) * 1e3;
    this.tokens.set(scopeKey(unique), { token, expiresAt: Date.now() + lifetime });
    return token;
  }
};
var tokenTimeoutMs = 6e4;
function basic(credentials) {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.secret}`).toString("base64")}`;
}
function scopeKey(scopes) {
  return [...new Set(scopes)].sort().join(" ");
}

// packages/core/src/oci/client.ts
var defaultResponseTimeoutMs = 12e4;
var ociMediaTypes = {
  manifest: "application/vnd.oci.image.manifest.v1+json",
  index: "application/vnd.oci.image.index.v1+json",
  empty: "application/vnd.oci.empty.v1+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerManifestList: "application/vnd.docker.distribution.manifest.list.v2+json"
};
var UploadSessionLost = class extends Error {
};
var InvalidContent = class extends ServiceError {
  constructor(message, digest) {
    super(message);
    this.digest = digest;
  }
  digest;
};
var defaultChunkSize = 32 * 1024 * 1024;
var maxListedNames = 1e5;
var maxListPages = 1e4;
var abandonUploadMs = 5e3;
var manifestAccept = [
  ociMediaTypes.manifest,
  ociMediaTypes.index,
  ociMediaTypes.dockerManifest,
  ociMediaTypes.dockerManifestList
].join(", ");
var pullScope = (repository) => `repository:${repository}:pull`;
var pushScope = (repository) => `repository:${repository}:pull,push`;
var RegistryClient = class {
  host;
  baseUrl;
  origin;
  auth;
  retry;
  chunkSize;
  responseTimeoutMs;
  pageSize;
  maxListedNames;
  logger;
  constructor(options) {
    if (!isValidHost(options.host)) throw new InputError(`invalid registry host "${options.host}"`);
    this.host = options.host;
    const plain = isLoopbackHost(options.host) || options.insecure === true;
    this.baseUrl = `${plain ? "http" : "https"}://${options.host}`;
    this.origin = new URL(this.baseUrl).origin;
    this.auth = new RegistryAuth({
      host: options.host,
      repository: options.repository ?? "",
      env: options.env,
      logger: options.logger,
      insecure: options.insecure
    });
    this.retry = options.retry ?? {};
    this.chunkSize = options.chunkSize ?? defaultChunkSize;
    this.responseTimeoutMs = options.responseTimeoutMs ?? defaultResponseTimeoutMs;
    this.pageSize = options.pageSize ?? 1e3;
    this.maxListedNames = options.maxListedNames ?? maxListedNames;
    this.logger = options.logger;
  }
  /** Checks that the host answers the distribution API (a 401 counts: credentials come later). */
  async ping() {
    await this.call("", "reach the registry", async () => {
      const response = await this.send({ method: "GET", url: "/v2/", scopes: [], expect: [200, 401] });
      await discard(response);
    });
  }
  /** The blob's size when the repository has it. */
  async blobSize(repository, digest) {
    return this.call(repository, `check blob ${digest}`, () => this.headBlob(repository, digest));
  }
  /**
   * Uploads a blob unless the repository has it: mounted from mountFrom when that repository has it,
   * else in one PUT (small) or PATCH chunks resumed from where the registry says it got to.
   */
  async pushBlob(repository, blob, options = {}) {
    await this.call(
      repository,
      `push blob ${blob.digest}`,
      async () => {
        const size = await withRetries(() => this.headBlob(repository, blob.digest), isTransient, this.retry);
        if (size !== void 0) return;
        try {
          await this.upload(repository, blob, options.mountFrom);
        } catch (error) {
          if ("path" in blob && error instanceof RegistryStatusError && error.code === "DIGEST_INVALID") {
            throw new InputError(
              `${blob.path}: changed after it was fingerprinted (not ${blob.digest} any more)`
            );
          }
          throw error;
        }
      },
      { retry: false }
    );
  }
  /** Mounts a blob from another repository of the same registry; false when the registry would not. */
  async mountBlob(repository, digest, from) {
    return this.call(repository, `mount blob ${digest} from ${from}`, async () => {
      const start = await this.startUpload(repository, digest, from);
      if (!start.mounted) await this.cancelUpload(repository, start.location);
      return start.mounted;
    });
  }
  /** A blob's content in memory (metadata, attachments), checked against its digest. */
  async fetchBlob(repository, digest, maxBytes = bodyLimits.stored) {
    return this.call(repository, `pull blob ${digest}`, async () => {
      const response = await this.send({
        method: "GET",
        url: `/v2/${repository}/blobs/${digest}`,
        scopes: [pullScope(repository)],
        expect: [200, 404]
      });
      if (response.status === 404) throw await this.missingBlob(response, repository, digest);
      const bytes = await readBody(response, {
        maxBytes,
        deadlineMs: this.responseTimeoutMs,
        what: `${this.where(repository)}: blob ${digest}`
      });
      this.checkDigest(repository, digest, bytesDigest(bytes));
      return bytes;
    });
  }
  /**
   * Streams a blob to path through a temporary file beside it, which replaces path only once the digest
   * (and size, when given) matched: a failed download never leaves a partial file at path.
   */
  async downloadBlob(repository, digest, path, options = {}) {
    await mkdir(dirname(path), { recursive: true });
    const temp = join2(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.part`);
    const interrupted = removeOnInterrupt(temp);
    try {
      await this.call(repository, `pull blob ${digest}`, async () => {
        const response = await this.send({
          method: "GET",
          url: `/v2/${repository}/blobs/${digest}`,
          scopes: [pullScope(repository)],
          expect: [200, 404]
        });
        if (response.status === 404) throw await this.missingBlob(response, repository, digest);
        const what = `${this.where(repository)}: blob ${digest}`;
        const { digest: actual, size } = await copyWithDigest(
          Readable.fromWeb(response.body),
          createWriteStream(temp),
          {
            // A known size is the most that is written: a registry sending more is wrong, and an endless
            // answer would fill the disk.
            ...options.size !== void 0 && {
              maxBytes: options.size,
              tooLarge: () => new InvalidContent(`${what}: more than the ${options.size} bytes expected`, digest)
            },
            idleMs: this.responseTimeoutMs,
            stalled: () => new BodyLimitError(`${what}: no data for ${this.responseTimeoutMs / 1e3} s`)
          }
        );
        this.checkDigest(repository, digest, actual);
        if (options.size !== void 0 && size !== options.size) {
          throw new InvalidContent(
            `${this.where(repository)}: blob ${digest} has ${size} bytes, expected ${options.size}`,
            digest
          );
        }
      });
      if (options.mode !== void 0) await chmod(temp, options.mode);
      await movePath(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    } finally {
      interrupted.release();
    }
  }
  /** A manifest or index by tag or digest, checked against its digest; undefined when there is none. */
  async getManifest(repository, reference) {
    return this.call(repository, `get manifest ${reference}`, async () => {
      const response = await this.send({
        method: "GET",
        url: `/v2/${repository}/manifests/${reference}`,
        scopes: [pullScope(repository)],
        expect: [200, 404],
        headers: { accept: manifestAccept }
      });
      if (response.status === 404) {
        await discard(response);
        return void 0;
      }
      const bytes = await readBody(response, {
        maxBytes: bodyLimits.manifest,
        deadlineMs: this.responseTimeoutMs,
        what: `${this.where(repository)}: manifest ${reference}`
      });
      const digest = bytesDigest(bytes);
      const claimed = reference.includes(":") ? reference : response.headers.get("docker-content-digest");
      if (claimed && isSha256Digest(claimed)) this.checkDigest(repository, claimed, digest);
      const mediaType = response.headers.get("content-type")?.split(";")[0]?.trim() || parseJson(bytes, repository, "service").mediaType || ociMediaTypes.manifest;
      return { digest, mediaType, bytes };
    });
  }
  /** The digest, media type and size a tag or digest resolves to, without the body. */
  async headManifest(repository, reference) {
    return this.call(repository, `check manifest ${reference}`, async () => {
      const response = await this.send({
        method: "HEAD",
        url: `/v2/${repository}/manifests/${reference}`,
        scopes: [pullScope(repository)],
        expect: [200, 404],
        headers: { accept: manifestAccept }
      });
      if (response.status === 404) return void 0;
      const digest = response.headers.get("docker-content-digest");
      if (!digest) {
        const fetched = await this.getManifest(repository, reference);
        return fetched && { digest: fetched.digest, mediaType: fetched.mediaType, size: fetched.bytes.length };
      }
      return {
        digest,
        mediaType: response.headers.get("content-type")?.split(";")[0]?.trim() ?? ociMediaTypes.manifest,
        size: Number(response.headers.get("content-length") ?? 0)
      };
    });
  }
  /**
   * Stores a manifest under a tag or its digest. subjectProcessed is true when the registry said
   * (OCI-Subject) that it indexed the manifest's subject for the referrers API.
   */
  async putManifest(repository, reference, bytes, mediaType) {
    const digest = bytesDigest(bytes);
    return this.call(repository, `put manifest ${reference}`, async () => {
      const response = await this.send({
        method: "PUT",
        url: `/v2/${repository}/manifests/${reference}`,
        scopes: [pushScope(repository)],
        expect: [201],
        headers: { "content-type": mediaType },
        body: bytes
      });
      await discard(response);
      const stored = response.headers.get("docker-content-digest");
      if (stored && stored !== digest) {
        throw new InvalidContent(
          `${this.where(repository)}: stored manifest ${reference} as ${stored}, sent ${digest}`
        );
      }
      return { digest, subjectProcessed: response.headers.has("oci-subject") };
    });
  }
  /** Unlinks a blob from the repository (registries that allow deletes). */
  async deleteBlob(repository, digest) {
    await this.delete(repository, "blobs", digest);
  }
  /** Removes a manifest (by digest) and with it every tag that points at it. */
  async deleteManifest(repository, digest) {
    await this.delete(repository, "manifests", digest);
  }
  async delete(repository, kind, digest) {
    await this.call(repository, `delete ${kind === "blobs" ? "blob" : "manifest"} ${digest}`, async () => {
      const response = await this.send({
        method: "DELETE",
        url: `/v2/${repository}/${kind}/${digest}`,
        scopes: [`repository:${repository}:delete`, pushScope(repository)],
        expect: [202, 404]
      });
      await discard(response);
    });
  }
  /** Every tag of the repository, following Link pages; empty when the repository does not exist. */
  async listTags(repository) {
    return this.call(repository, "list tags", async () => {
      const tags = [];
      const found = await this.pages(
        `/v2/${repository}/tags/list?n=${this.pageSize}`,
        [pullScope(repository)],
        `${this.where(repository)}: tag list`,
        (page) => {
          tags.push(...listed(page, "tags", `${this.where(repository)}: tag list`));
          return tags.length;
        }
      );
      return found ? tags : [];
    });
  }
  /** Every repository of the registry (the catalog API), following Link pages. */
  async catalog() {
    return this.call("", "list repositories (catalog API)", async () => {
      const repositories = [];
      await this.pages(
        `/v2/_catalog?n=${this.pageSize}`,
        ["registry:catalog:*"],
        `${this.where("")}: catalog`,
        (page) => {
          repositories.push(...listed(page, "repositories", `${this.where("")}: catalog`));
          return repositories.length;
        }
      );
      return repositories;
    });
  }
  /**
   * The manifests whose subject is subjectDigest: the referrers API, or where the registry has none, the
   * index tagged `sha256-<hex>` (the OCI tag-schema fallback) together with the referrers that have their own
   * tag (see pushReferrer), which an index replaced by a concurrent writer may lack. `tags`, when the caller
   * has just listed the repository's tags, saves listing them again.
   */
  async referrers(repository, subjectDigest, artifactType, options = {}) {
    const keep = (descriptors) => descriptors.filter((each) => artifactType === void 0 || each.artifactType === artifactType);
    const fromApi = await this.call(repository, `list referrers of ${subjectDigest}`, async () => {
      const query = artifactType ? `?artifactType=${encodeURIComponent(artifactType)}` : "";
      const response = await this.send({
        method: "GET",
        url: `/v2/${repository}/referrers/${subjectDigest}${query}`,
        scopes: [pullScope(repository)],
        expect: [200, 404],
        headers: { accept: ociMediaTypes.index }
      });
      if (response.status !== 200 || !response.headers.get("content-type")?.startsWith(ociMediaTypes.index)) {
        await discard(response);
        return void 0;
      }
      const index = await readBodyJson(response, {
        maxBytes: bodyLimits.manifest,
        deadlineMs: this.responseTimeoutMs,
        what: `${this.where(repository)}: referrers of ${subjectDigest}`
      });
      return index?.manifests ?? [];
    });
    if (fromApi) return keep(fromApi);
    const listed2 = await this.fallbackIndex(repository, subjectDigest);
    const tags = options.tags ?? await this.listTags(repository);
    return keep([...listed2, ...await this.taggedReferrers(repository, subjectDigest, tags, listed2)]);
  }
  /**
   * Pushes a manifest that has a subject, and makes it findable by referrers(). A registry with the referrers
   * API indexes it. Without the API, the fallback index `sha256-<hex>` is a read-modify-write that OCI cannot
   * make conditional: a writer that read the index before our PUT and writes after it drops our entry, and
   * both writers' read-backs pass. So the manifest also gets its own tag (referrerTag: the subject's and its
   * own digest), written before the index: writes of distinct tags never race, and a repository's tags are a
   * set, so once this returns every reader finds the referrer (referrers() reads the index and those tags).
   * The index is still written, for other tools (ORAS, regctl, cosign read it), with every tagged referrer it
   * lacks: the next writer repairs what an earlier race dropped. The tag also keeps the referrer from a
   * garbage collection of untagged manifests.
   */
  async pushReferrer(repository, manifest, subjectDigest) {
    const put = await this.putManifest(
      repository,
      bytesDigest(manifest.bytes),
      manifest.bytes,
      manifest.mediaType
    );
    const descriptor = {
      mediaType: manifest.mediaType,
      digest: put.digest,
      size: manifest.bytes.length,
      ...manifest.artifactType && { artifactType: manifest.artifactType },
      ...manifest.annotations && Object.keys(manifest.annotations).length > 0 && { annotations: manifest.annotations }
    };
    if (put.subjectProcessed) return descriptor;
    await this.putManifest(
      repository,
      referrerTag(subjectDigest, put.digest),
      manifest.bytes,
      manifest.mediaType
    );
    await this.addToFallbackIndex(repository, subjectDigest, descriptor);
    return descriptor;
  }
  /**
   * Adds `ours` and every tagged referrer the index lacks to the fallback index, read back; a few times when
   * another writer's index replaced ours. Never lost either way: `ours` has its own tag.
   */
  async addToFallbackIndex(repository, subjectDigest, ours) {
    const tag = referrersTag(subjectDigest);
    for (let attempt = 0; attempt < 3; attempt++) {
      const listed2 = await this.fallbackIndex(repository, subjectDigest);
      const known = listed2.some((each) => each.digest === ours.digest) ? listed2 : [...listed2, ours];
      const tagged = await this.taggedReferrers(
        repository,
        subjectDigest,
        await this.listTags(repository),
        known
      );
      if (known === listed2 && tagged.length === 0) return;
      const index = {
        schemaVersion: 2,
        mediaType: ociMediaTypes.index,
        manifests: [...known, ...tagged]
      };
      await this.putManifest(repository, tag, Buffer.from(JSON.stringify(index)), ociMediaTypes.index);
      const readBack = await this.fallbackIndex(repository, subjectDigest);
      if (readBack.some((each) => each.digest === ours.digest)) return;
    }
    this.logger?.debug(
      `${this.where(repository)}: other writers kept replacing the referrers index ${tag}; ${ours.digest} is found through its tag ${referrerTag(subjectDigest, ours.digest)}`
    );
  }
  /** The descriptors of the fallback index `sha256-<hex>` of a subject; none when it has none. */
  async fallbackIndex(repository, subjectDigest) {
    const index = await this.getManifest(repository, referrersTag(subjectDigest));
    return index ? parseIndex(index, this.where(repository)).manifests : [];
  }
  /**
   * The referrers of a subject that have their own tag (referrerTag) among `tags` and are not in `known`,
   * each read by its tag: only those an index race dropped, so usually none. A tag that does not hold a
   * manifest of that digest and subject (another tool's) is left out.
   */
  async taggedReferrers(repository, subjectDigest, tags, known) {
    const prefix = `${referrersTag(subjectDigest)}.`;
    const knownHex = known.map((each) => hexOf(each.digest));
    const missing = tags.filter((tag) => {
      if (!tag.startsWith(prefix)) return false;
      const digits = tag.slice(prefix.length);
      return referrerTagDigits.test(digits) && !knownHex.some((hex) => hex.startsWith(digits));
    });
    const found = await mapConcurrently(missing, 4, async (tag) => {
      const fetched = await this.getManifest(repository, tag);
      if (!fetched || !hexOf(fetched.digest).startsWith(tag.slice(prefix.length))) return void 0;
      return referrerDescriptor(fetched, subjectDigest);
    });
    return found.filter((each) => each !== void 0);
  }
  /** `registry HOST, repository REPO`: the start of every message about this client's failures. */
  where(repository) {
    return `registry ${this.host}${repository ? `, repository ${repository}` : ""}`;
  }
  // --- one exchange, with authentication and error mapping ---
  /**
   * Runs operation with retries for transient failures (unless told not to), and turns what is left into
   * ServiceError naming the host, the repository and, for refusals, the credentials used.
   */
  async call(repository, action, operation, options = {}) {
    const policy = options.retry === false ? { ...this.retry, retries: 0 } : this.retry;
    let attempts = 0;
    try {
      return await withRetries(
        () => {
          attempts++;
          return operation();
        },
        isTransient,
        policy,
        (error, attempt) => this.logger?.debug(
          `${this.where(repository)}: ${action} failed (${describe(error)}); retry ${attempt}`
        )
      );
    } catch (error) {
      throw await this.toServiceError(error, repository, action, attempts);
    }
  }
  async toServiceError(error, repository, action, attempts) {
    if (error instanceof ServiceError || error instanceof InputError) return error;
    const tries = attempts > 1 ? ` after ${attempts} attempts` : "";
    if (error instanceof RegistryStatusError) {
      if (error.status === 401 || error.status === 403) {
        return new ServiceError(
          `${this.where(repository)}: cannot ${action}: access denied (${error.status}) with ${await this.auth.credentialSource()}`,
          { cause: error }
        );
      }
      return new ServiceError(`${this.where(repository)}: cannot ${action}${tries}: ${error.message}`, {
        cause: error
      });
    }
    if (isNetworkError(error)) {
      const reason = networkReason(error);
      const hint = this.baseUrl.startsWith("https:") && /SSL|TLS|EPROTO|certificate|wrong version/i.test(reason) ? " (HTTPS failed; plain HTTP is used only for localhost or with the insecure registry option)" : "";
      return new ServiceError(`${this.where(repository)}: cannot ${action}${tries}: ${reason}${hint}`, {
        cause: error
      });
    }
    return error instanceof Error ? error : new Error(String(error));
  }
  /** One HTTP exchange: answers one authentication challenge; fails on a status the caller does not handle. */
  async send(spec) {
    const url = new URL(spec.url, this.baseUrl);
    let authorization = await this.auth.authorization(spec.scopes);
    for (let challenged = false; ; challenged = true) {
      const headers = { ...spec.headers };
      if (authorization && url.origin === this.origin) headers.authorization = authorization;
      const answered = new AbortController();
      const timer = setTimeout(
        () => answered.abort(
          new DOMException(`no answer within ${this.responseTimeoutMs / 1e3} s`, "TimeoutError")
        ),
        this.responseTimeoutMs
      );
      let response;
      try {
        response = spec.parts ? await sendParts(url, { method: spec.method, headers, parts: spec.parts, signal: answered.signal }) : await fetch(url, {
          method: spec.method,
          headers,
          ...spec.body !== void 0 && { body: spec.body },
          redirect: "follow",
          signal: answered.signal
        });
      } finally {
        clearTimeout(timer);
      }
      if (response.status === 401 && !challenged && await this.auth.answer(response, spec.scopes, authorization)) {
        await discard(response);
        authorization = await this.auth.authorization(spec.scopes);
        continue;
      }
      if (spec.expect.includes(response.status)) return response;
      throw await statusError(response, `${spec.method} ${url.pathname}`);
    }
  }
  /**
   * Follows `Link: <…>; rel="next"` pages; false when the first page is 404 (no such repository). `onPage`
   * returns how many names the list holds so far: past maxListedNames, past maxListPages pages or back at a
   * page already read, the registry is refused (each page is bounded by readBodyJson).
   */
  async pages(first, scopes, what, onPage) {
    let next = first;
    let firstPage = true;
    const seen = /* @__PURE__ */ new Set();
    while (next) {
      if (seen.size >= maxListPages)
        throw new BodyLimitError(
          `${what}: more than ${maxListPages} pages; the registry's Link pages do not end`
        );
      if (seen.has(next)) throw new BodyLimitError(`${what}: the Link pages go back to ${next}`);
      seen.add(next);
      const response = await this.send({
        method: "GET",
        url: next,
        scopes,
        expect: firstPage ? [200, 404] : [200]
      });
      if (response.status === 404) {
        await discard(response);
        return false;
      }
      const count = onPage(
        await readBodyJson(response, {
          maxBytes: bodyLimits.json,
          deadlineMs: this.responseTimeoutMs,
          what: `${what} page ${seen.size}`
        })
      );
      if (count > this.maxListedNames)
        throw new BodyLimitError(
          `${what}: more than ${this.maxListedNames} names; refused rather than read without end`
        );
      next = nextLink(response.headers.get("link"));
      if (next) next = new URL(next, this.baseUrl).href;
      firstPage = false;
    }
    return true;
  }
  // --- blobs ---
  async headBlob(repository, digest) {
    const response = await this.send({
      method: "HEAD",
      url: `/v2/${repository}/blobs/${digest}`,
      scopes: [pullScope(repository)],
      expect: [200, 404]
    });
    return response.status === 200 ? Number(response.headers.get("content-length") ?? 0) : void 0;
  }
  async missingBlob(response, repository, digest) {
    await discard(response);
    return new InvalidContent(`${this.where(repository)}: blob ${digest} is missing`, digest);
  }
  checkDigest(repository, expected, actual) {
    if (expected !== actual) {
      throw new InvalidContent(
        `${this.where(repository)}: content of ${expected} does not match its digest (got ${actual})`,
        expected
      );
    }
  }
  /** POST: a new upload session, or a finished mount (201) when from has the blob. */
  async startUpload(repository, digest, from) {
    this.checkNotInterrupted(repository);
    const query = from ? `?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}` : "";
    const response = await this.send({
      method: "POST",
      url: `/v2/${repository}/blobs/uploads/${query}`,
      scopes: from ? [pushScope(repository), pullScope(from)] : [pushScope(repository)],
      expect: [201, 202]
    });
    await discard(response);
    if (response.status === 201) return { mounted: true };
    return { mounted: false, location: this.uploadLocation(response, repository) };
  }
  /** The Location of an upload, absolute or relative to the registry (both occur). */
  uploadLocation(response, repository) {
    const location = response.headers.get("location");
    if (!location)
      throw new RegistryStatusError(
        502,
        void 0,
        `${this.where(repository)}: upload answer without Location`
      );
    return new URL(location, this.baseUrl);
  }
  /**
   * If mlci is interrupted before the upload is committed, the session is abandoned (DELETE of its URL, as the
   * distribution spec allows) rather than left to hold the registry's storage until it expires; best effort,
   * for at most abandonUploadMs. A chunk on the wire is waited for first, briefly: its answer holds the
   * session's current URL, the one the spec says to use next.
   */
  abandonOnInterrupt(repository, location, inFlight = () => void 0) {
    return registerCleanup(async () => {
      let timer;
      const timeUp = new Promise(
        (done) => timer = setTimeout(() => done(void 0), abandonUploadMs)
      );
      const reached = await Promise.race([
        inFlight()?.catch(() => void 0),
        new Promise((done) => setTimeout(() => done(void 0), abandonUploadMs / 2).unref())
      ]);
      const url = reached?.location ?? location();
      const deleted = await Promise.race([this.cancelUpload(repository, url).then(() => true), timeUp]);
      clearTimeout(timer);
      return deleted ? `abandoned the upload to ${this.where(repository)}` : `left the upload to ${this.where(repository)} to expire (no answer within ${abandonUploadMs / 1e3} s)`;
    });
  }
  /**
   * Once mlci is interrupted an upload goes no further (no new session, chunk or commit): the interrupt's
   * cleanup abandons the session, and the upload must not race it.
   */
  checkNotInterrupted(repository) {
    if (interruptedBy() !== void 0)
      throw new ServiceError(`${this.where(repository)}: upload stopped: mlci was interrupted`);
  }
  async cancelUpload(repository, location) {
    try {
      await discard(
        await this.send({
          method: "DELETE",
          url: location.href,
          scopes: [pushScope(repository)],
          expect: [204, 404]
        })
      );
    } catch {
    }
  }
  async upload(repository, blob, mountFrom) {
    const file = "path" in blob ? await open(blob.path, "r") : void 0;
    const read = async (offset, end) => {
      if (!file) return blob.bytes.subarray(offset, end);
      const buffer = Buffer.allocUnsafe(end - offset);
      const { bytesRead } = await file.read(buffer, 0, buffer.length, offset);
      if (bytesRead !== buffer.length)
        throw new InputError(`${blob.path} changed while it was uploaded`);
      return buffer;
    };
    try {
      if (blob.size <= this.chunkSize) {
        await withRetries(
          async () => {
            const start2 = await this.startUpload(repository, blob.digest, mountFrom);
            if (start2.mounted) return;
            const abandon2 = this.abandonOnInterrupt(repository, () => start2.location);
            try {
              await this.finishUpload(repository, start2.location, blob.digest, await read(0, blob.size));
            } finally {
              abandon2.release();
            }
          },
          isTransient,
          this.retry
        );
        return;
      }
      const start = await withRetries(
        () => this.startUpload(repository, blob.digest, mountFrom),
        isTransient,
        this.retry
      );
      if (start.mounted) return;
      let session = { location: start.location, offset: 0 };
      let inFlight;
      const abandon = this.abandonOnInterrupt(
        repository,
        () => session.location,
        () => inFlight
      );
      try {
        while (session.offset < blob.size) {
          const end = Math.min(session.offset + this.chunkSize, blob.size);
          inFlight = this.sendChunk(repository, session, [await read(session.offset, end)], session.offset);
          session = await inFlight;
          inFlight = void 0;
        }
        await this.commitUpload(repository, session.location, blob.digest);
      } finally {
        abandon.release();
      }
    } finally {
      await file?.close();
    }
  }
  /**
   * Uploads a blob while it is being made (a layer while it is compressed): `source`'s bytes go up in PATCH
   * chunks as they come, the next chunk gathered while the previous one is on the wire, and `digest()` is
   * asked once the source has ended. No HEAD first (the digest is not known yet): a registry that already
   * has the blob gets it again and keeps one copy. A failed chunk is resumed from the registry's offset
   * within it; when the registry lost what came before (a new session), UploadSessionLost: the caller must
   * make the bytes again (the source cannot be read twice).
   */
  async pushBlobStream(repository, source, digest) {
    return this.call(
      repository,
      "push a blob while it is made",
      async () => {
        const start = await withRetries(() => this.startUpload(repository, ""), isTransient, this.retry);
        if (start.mounted) throw new Error("unreachable: a plain upload start is never a mount");
        let session = { location: start.location, offset: 0 };
        let sent = 0;
        let inFlight;
        const abandon = this.abandonOnInterrupt(
          repository,
          () => session.location,
          () => inFlight
        );
        const settle = async () => {
          if (!inFlight) return;
          const reached = await inFlight;
          inFlight = void 0;
          if (reached.offset !== sent)
            throw new UploadSessionLost(
              `${this.where(repository)}: the upload went back to byte ${reached.offset} of ${sent} sent`
            );
          session = reached;
        };
        let parts = [];
        let gathered = 0;
        const sendGathered = async () => {
          await settle();
          inFlight = this.sendChunk(repository, session, parts, sent);
          inFlight.catch(() => {
          });
          sent += gathered;
          parts = [];
          gathered = 0;
        };
        try {
          for await (const buffer of source) {
            if (buffer.length === 0) continue;
            parts.push(buffer);
            gathered += buffer.length;
            if (gathered >= this.chunkSize) await sendGathered();
          }
          if (gathered > 0) await sendGathered();
          await settle();
        } catch (error) {
          await inFlight?.catch(() => {
          });
          if (!isTransient(error)) await this.cancelUpload(repository, session.location);
          abandon.release();
          throw error;
        }
        try {
          await this.commitUpload(repository, session.location, digest());
        } finally {
          abandon.release();
        }
        return { size: sent };
      },
      { retry: false }
    );
  }
  /** The last PUT of a chunked upload, again after a transient failure unless it landed meanwhile. */
  async commitUpload(repository, location, digest) {
    await withRetries(
      async () => {
        try {
          await this.finishUpload(repository, location, digest, new Uint8Array());
        } catch (error) {
          if (isTransient(error) && await this.headBlob(repository, digest) !== void 0) return;
          throw error;
        }
      },
      isTransient,
      this.retry
    );
  }
  async finishUpload(repository, location, digest, body) {
    this.checkNotInterrupted(repository);
    const url = new URL(location);
    url.searchParams.set("digest", digest);
    await discard(
      await this.send({
        method: "PUT",
        url: url.href,
        scopes: [pushScope(repository)],
        expect: [201, 204],
        headers: { "content-type": "application/octet-stream" },
        body
      })
    );
  }
  /**
   * PATCHes `body`, the blob's bytes from `bodyStart`, from the session's offset on; after a failure, goes on
   * from where the registry says it got to. Returns where the session is: the body's end, or an offset outside
   * the body when the registry went back further (a new session from 0), which the caller handles.
   */
  async sendChunk(repository, session, body, bodyStart) {
    const end = bodyStart + body.reduce((sum, part) => sum + part.length, 0);
    let { location, offset } = session;
    let failed = false;
    await withRetries(
      async () => {
        if (failed) ({ location, offset } = await this.resumePoint(repository, location, offset));
        failed = true;
        while (offset >= bodyStart && offset < end) {
          this.checkNotInterrupted(repository);
          const response = await this.send({
            method: "PATCH",
            url: location.href,
            scopes: [pushScope(repository)],
            expect: [202, 204],
            headers: {
              "content-type": "application/octet-stream",
              "content-range": `${offset}-${end - 1}`
            },
            parts: partsFrom(body, offset - bodyStart)
          });
          await discard(response);
          location = this.uploadLocation(response, repository);
          const reached = offsetAfter(response.headers.get("range"), end);
          if (reached <= offset)
            throw new RegistryStatusError(
              502,
              void 0,
              `${this.where(repository)}: the registry took none of the chunk at ${offset}`
            );
          offset = reached;
        }
        failed = false;
      },
      isTransient,
      this.retry,
      (error, attempt) => this.logger?.debug(
        `${this.where(repository)}: chunk at ${offset} failed (${describe(error)}); retry ${attempt}`
      )
    );
    return { location, offset };
  }
  /**
   * Where to go on after a failed chunk: the offset the registry reports for the session (GET on its
   * Location), or a new session from 0 when the registry no longer knows this one (distribution drops a
   * session whose state token is stale, which is what a chunk received but not acknowledged leaves).
   */
  async resumePoint(repository, location, confirmed) {
    const response = await this.send({
      method: "GET",
      url: location.href,
      scopes: [pushScope(repository)],
      expect: [204, 400, 404, 416]
    });
    await discard(response);
    if (response.status === 204) {
      return {
        location: this.uploadLocation(response, repository),
        offset: offsetAfter(response.headers.get("range"), Math.min(confirmed, 1))
      };
    }
    this.logger?.debug(`${this.where(repository)}: upload session lost (${response.status}); starting again`);
    const start = await this.startUpload(repository, "");
    if (start.mounted) throw new Error("unreachable: a plain upload start is never a mount");
    return { location: start.location, offset: 0 };
  }
};
function partsFrom(parts, offset) {
  const rest = [];
  let skip = offset;
  for (const part of parts) {
    if (skip >= part.length) {
      skip -= part.length;
      continue;
    }
    rest.push(skip > 0 ? part.subarray(skip) : part);
    skip = 0;
  }
  return rest;
}
function referrersTag(subjectDigest) {
  return subjectDigest.replace(":", "-");
}
var referrerTagDigits = /^[0-9a-f]{48}$/;
function referrerTag(subjectDigest, referrerDigest) {
  return `${referrersTag(subjectDigest)}.${hexOf(referrerDigest).slice(0, 48)}`;
}
function hexOf(digest) {
  return digest.slice(digest.indexOf(":") + 1);
}
function referrerDescriptor(fetched, subjectDigest) {
  let manifest;
  try {
    manifest = parseJson(fetched.bytes, fetched.digest, "service");
  } catch {
    return void 0;
  }
  if (manifest.subject?.digest !== subjectDigest) return void 0;
  const artifactType = manifest.artifactType ?? manifest.config?.mediaType;
  return {
    mediaType: fetched.mediaType,
    digest: fetched.digest,
    size: fetched.bytes.length,
    ...artifactType && { artifactType },
    ...manifest.annotations && Object.keys(manifest.annotations).length > 0 && { annotations: manifest.annotations }
  };
}
function offsetAfter(range, ambiguousAt) {
  const match = range ? /^(?:bytes=)?0-([0-9]+)$/.exec(range.trim()) : null;
  if (!match)
    throw new RegistryStatusError(502, void 0, `upload answer with an unreadable Range "${range ?? ""}"`);
  const last = Number(match[1]);
  return last === 0 ? Math.min(ambiguousAt, 1) : last + 1;
}
function listed(page, field, what) {
  const names = page?.[field] ?? [];
  if (!Array.isArray(names) || names.some((name) => typeof name !== "string"))
    throw new InvalidContent(`${what}: a page without a list of ${field}`);
  return names;
}
function nextLink(header) {
  if (!header) return void 0;
  for (const part of header.split(",")) {
    const match = /<([^>]*)>\s*;(?:[^;]*;)*\s*rel="?next"?/.exec(part);
    if (match) return match[1];
  }
  return void 0;
}
function parseIndex(fetched, where) {
  try {
    const index = parseJson(fetched.bytes, where, "service");
    if (!Array.isArray(index.manifests)) throw new Error("no manifests");
    return index;
  } catch {
    throw new InvalidContent(`${where}: ${fetched.digest} is not an image index`);
  }
}
function describe(error) {
  return isNetworkError(error) ? networkReason(error) : error?.message ?? String(error);
}

export {
  isNetworkError,
  networkReason,
  RegistryStatusError,
  ociMediaTypes,
  UploadSessionLost,
  InvalidContent,
  RegistryClient
};
