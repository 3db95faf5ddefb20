#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  setOwn
} from "./chunk-YWAIXB75.mjs";
import {
  writeFileAtomic
} from "./chunk-VQWOU3SX.mjs";
import {
  InvalidContent,
  ociMediaTypes
} from "./chunk-BFBXOZWA.mjs";
import {
  formatReference,
  isSha256Digest,
  parseReference
} from "./chunk-J77EQZPR.mjs";
import {
  bytesDigest,
  copyWithDigest
} from "./chunk-KLG7ZBD7.mjs";
import {
  movePath
} from "./chunk-4VSSUXZN.mjs";
import {
  removeOnInterrupt
} from "./chunk-BOL2UAYQ.mjs";
import {
  parseJson
} from "./chunk-COETP6OK.mjs";
import {
  InputError
} from "./chunk-C6XSGGFY.mjs";

// packages/core/src/image/config.ts
var imageMediaTypes = {
  config: "application/vnd.oci.image.config.v1+json",
  dockerConfig: "application/vnd.docker.container.image.v1+json",
  layerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
  layerTar: "application/vnd.oci.image.layer.v1.tar",
  layerZstd: "application/vnd.oci.image.layer.v1.tar+zstd",
  dockerLayerGzip: "application/vnd.docker.image.rootfs.diff.tar.gzip",
  dockerForeignLayer: "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"
};
var imageAnnotations = {
  baseName: "org.opencontainers.image.base.name",
  baseDigest: "org.opencontainers.image.base.digest",
  refName: "org.opencontainers.image.ref.name"
};
function formatPlatform(platform) {
  return `${platform.os}/${platform.architecture}${platform.variant ? `/${platform.variant}` : ""}`;
}
function parsePlatform(value) {
  const parts = value.split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => !/^[a-z0-9._-]+$/.test(part))) {
    throw new InputError(`--platform "${value}": expected OS/ARCHITECTURE[/VARIANT], e.g. linux/amd64`);
  }
  const [os, architecture, variant] = parts;
  return { os, architecture, ...variant && { variant } };
}
function platformMatches(offered, wanted) {
  if (offered.os !== wanted.os || offered.architecture !== wanted.architecture) return false;
  if (wanted.variant === void 0) return true;
  const normal = (variant) => variant === void 0 && offered.architecture === "arm64" ? "v8" : variant;
  return normal(offered.variant) === normal(wanted.variant);
}
function canonicalJson(value) {
  return Buffer.from(JSON.stringify(sortKeys(value)));
}
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const sorted = {};
  for (const key of Object.keys(value).sort()) {
    const child = value[key];
    if (child !== void 0) setOwn(sorted, key, sortKeys(child));
  }
  return sorted;
}
function parseImageConfig(bytes, where) {
  let parsed;
  try {
    parsed = parseJson(bytes, where);
  } catch {
    throw new InputError(`${where}: the image config is not JSON`);
  }
  const config = parsed;
  if (!config || typeof config !== "object" || typeof config.os !== "string" || typeof config.architecture !== "string" || !Array.isArray(config.rootfs?.diff_ids)) {
    throw new InputError(
      `${where}: the config is not an image config (no os, architecture or rootfs.diff_ids)`
    );
  }
  return config;
}
var specKeys = ["author", "os.version", "os.features", "config"];
function buildImageConfig(base, platform, options, layers, created) {
  const container = { ...base?.config ?? {} };
  if (options.entrypoint !== void 0) {
    setOrClear(container, "Entrypoint", options.entrypoint);
    if (options.cmd === void 0) delete container.Cmd;
  }
  if (options.cmd !== void 0) setOrClear(container, "Cmd", options.cmd);
  if (options.env && options.env.length > 0) container.Env = mergeEnv(container.Env ?? [], options.env);
  if (options.workdir !== void 0) {
    if (!options.workdir.startsWith("/")) {
      throw new InputError(`--workdir "${options.workdir}": must be an absolute path in the image`);
    }
    container.WorkingDir = options.workdir;
  }
  if (options.user !== void 0) container.User = options.user;
  if (options.labels && Object.keys(options.labels).length > 0) {
    container.Labels = { ...container.Labels ?? {}, ...options.labels };
  }
  const config = {
    created,
    architecture: platform.architecture,
    os: platform.os,
    ...platform.variant && { variant: platform.variant },
    rootfs: { type: "layers", diff_ids: [...base?.rootfs.diff_ids ?? [], ...layers.map((l) => l.diffId)] },
    history: [...base?.history ?? [], ...layers.map((layer) => ({ created, created_by: layer.createdBy }))]
  };
  for (const key of specKeys) {
    if (base?.[key] !== void 0) config[key] = base[key];
  }
  config.config = container;
  return config;
}
function setOrClear(container, key, value) {
  if (value.length === 0) delete container[key];
  else container[key] = [...value];
}
function mergeEnv(base, added) {
  const merged = [...base];
  for (const entry of added) {
    const equals = entry.indexOf("=");
    const key = equals > 0 ? entry.slice(0, equals) : "";
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) {
      throw new InputError(
        `--env "${equals >= 0 ? `${entry.slice(0, equals)}=\u2026` : entry}": expected KEY=VALUE with a variable name as KEY`
      );
    }
    const at = merged.findIndex((each) => each.startsWith(`${key}=`) || each === key);
    if (at >= 0) merged[at] = entry;
    else merged.push(entry);
  }
  return merged;
}
function serializeConfig(config) {
  const bytes = canonicalJson(config);
  return {
    value: config,
    bytes,
    descriptor: { mediaType: imageMediaTypes.config, digest: bytesDigest(bytes), size: bytes.length }
  };
}
function buildImageManifest(config, layers, annotations) {
  const manifest = {
    schemaVersion: 2,
    mediaType: ociMediaTypes.manifest,
    config: { mediaType: config.mediaType, digest: config.digest, size: config.size },
    layers: layers.map((layer) => ({
      mediaType: layer.mediaType,
      digest: layer.digest,
      size: layer.size,
      ...layer.annotations && Object.keys(layer.annotations).length > 0 && { annotations: layer.annotations }
    })),
    ...Object.keys(annotations).length > 0 && { annotations }
  };
  const bytes = canonicalJson(manifest);
  return {
    value: manifest,
    bytes,
    descriptor: { mediaType: ociMediaTypes.manifest, digest: bytesDigest(bytes), size: bytes.length }
  };
}

// packages/core/src/image/layout.ts
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
var layoutVersion = "1.0.0";
function layoutBlobPath(dir, digest) {
  if (!isSha256Digest(digest)) throw new InputError(`${dir}: "${digest}" is not a sha256 digest`);
  return join(dir, "blobs", "sha256", digest.slice("sha256:".length));
}
async function readLayoutIndex(dir) {
  let text;
  try {
    text = await readFile(join(dir, "index.json"), "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return void 0;
    throw error;
  }
  try {
    const index = parseJson(text, join(dir, "index.json"));
    if (!Array.isArray(index.manifests)) throw new Error("no manifests");
    return index;
  } catch {
    throw new InputError(`${join(dir, "index.json")}: not an OCI image index`);
  }
}
async function readLayoutBlob(dir, digest) {
  const path = layoutBlobPath(dir, digest);
  let bytes;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if (error.code === "ENOENT") {
      throw new InputError(`${dir}: blob ${digest} is missing (not a complete OCI image layout)`);
    }
    throw error;
  }
  if (bytesDigest(bytes) !== digest) throw new InputError(`${path}: content does not match its digest`);
  return bytes;
}
async function initLayout(dir) {
  const marker = join(dir, "oci-layout");
  let existing;
  try {
    existing = await readFile(marker, "utf8");
  } catch (error) {
    if (error.code !== "ENOENT") {
      throw new InputError(`${dir}: cannot read ${marker} (${error.code})`);
    }
  }
  if (existing !== void 0) {
    let version;
    try {
      version = parseJson(existing, dir).imageLayoutVersion;
    } catch {
      version = void 0;
    }
    if (version !== layoutVersion) {
      throw new InputError(`${marker}: not an OCI image layout version ${layoutVersion}`);
    }
  } else {
    const entries = await readdir(dir).catch((error) => {
      if (error.code === "ENOENT") return [];
      throw new InputError(`${dir}: cannot use as an OCI image layout (${error.code})`);
    });
    if (entries.length > 0) {
      throw new InputError(
        `${dir}: exists and is not an OCI image layout (no oci-layout file); choose another directory`
      );
    }
    await mkdir(dir, { recursive: true });
    await writeFileAtomic(marker, JSON.stringify({ imageLayoutVersion: layoutVersion }));
  }
  await mkdir(join(dir, "blobs", "sha256"), { recursive: true });
}
async function hasLayoutBlob(dir, descriptor) {
  try {
    return (await stat(layoutBlobPath(dir, descriptor.digest))).size === descriptor.size;
  } catch {
    return false;
  }
}
async function putLayoutBlobBytes(dir, descriptor, bytes) {
  if (bytesDigest(bytes) !== descriptor.digest) {
    throw new Error(`bug: blob bytes are not ${descriptor.digest}`);
  }
  await writeFileAtomic(layoutBlobPath(dir, descriptor.digest), bytes);
}
async function putLayoutBlobFile(dir, descriptor, source, options = {}) {
  const target = layoutBlobPath(dir, descriptor.digest);
  if (options.move) {
    try {
      await movePath(source, target);
      return;
    } catch (error) {
      if (error.code !== "EXDEV") throw error;
    }
  }
  const temp = `${target}.${randomBytes(6).toString("hex")}.part`;
  const interrupted = removeOnInterrupt(temp);
  try {
    const copied = await copyWithDigest(createReadStream(source), createWriteStream(temp));
    if (copied.digest !== descriptor.digest || copied.size !== descriptor.size) {
      throw new InputError(
        `${source}: changed after it was fingerprinted (not ${descriptor.digest} any more)`
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
async function tagLayout(dir, manifest, refName) {
  const index = await readLayoutIndex(dir) ?? {
    schemaVersion: 2,
    mediaType: ociMediaTypes.index,
    manifests: []
  };
  const kept = index.manifests.filter((each) => each.annotations?.[imageAnnotations.refName] !== refName);
  const updated = {
    ...index,
    schemaVersion: 2,
    mediaType: ociMediaTypes.index,
    manifests: [
      ...kept,
      {
        mediaType: manifest.mediaType,
        digest: manifest.digest,
        size: manifest.size,
        annotations: { [imageAnnotations.refName]: refName }
      }
    ]
  };
  await writeFileAtomic(join(dir, "index.json"), canonicalJson(updated));
}

// packages/core/src/image/base.ts
function parseBaseReference(value) {
  if (value === "scratch") return { kind: "scratch" };
  if (value.startsWith("oci:") && !value.startsWith("oci://")) {
    const rest = value.slice("oci:".length);
    const colon = rest.indexOf(":");
    const dir = colon >= 0 ? rest.slice(0, colon) : rest;
    const tag = colon >= 0 ? rest.slice(colon + 1) : void 0;
    if (dir === "") throw new InputError(`--base "${value}": expected oci:DIRECTORY[:TAG]`);
    if (tag === "") throw new InputError(`--base "${value}": empty tag after the directory`);
    return { kind: "layout", dir, ...tag !== void 0 && { tag } };
  }
  let reference;
  try {
    reference = parseReference(value);
  } catch (error) {
    throw new InputError(`--base: ${error.message} (or scratch, or oci:DIRECTORY[:TAG])`);
  }
  if (!reference.tag && !reference.digest) reference = { ...reference, tag: "latest" };
  return { kind: "registry", reference };
}
var defaultPlatform = { os: "linux", architecture: "amd64" };
var maxConfigBytes = 16 * 1024 * 1024;
async function resolveBase(base, options) {
  if (base.kind === "scratch") return void 0;
  const source = base.kind === "registry" ? registrySource(base.reference, options) : await layoutSource(base);
  const top = await source.top();
  if (!top) throw new InputError(`--base ${source.text}: no such image`);
  let fetched = top;
  if (isIndexType(top.mediaType, top.bytes)) {
    const wanted = options.platform ?? defaultPlatform;
    const descriptor = choosePlatform(
      parseManifestJson(top.bytes, `--base ${source.text}`),
      wanted,
      source.text
    );
    const chosen = await source.manifest(descriptor.digest);
    if (!chosen)
      throw new InputError(`--base ${source.text}: the ${formatPlatform(wanted)} manifest is missing`);
    fetched = chosen;
  }
  const manifest = parseImageManifest(fetched, `--base ${source.text}`);
  const config = parseImageConfig(await source.blob(manifest.config.digest), `--base ${source.text}`);
  if (config.rootfs.diff_ids.length !== manifest.layers.length) {
    throw new InputError(
      `--base ${source.text}: the config lists ${config.rootfs.diff_ids.length} layers, the manifest ${manifest.layers.length}`
    );
  }
  const platform = {
    os: config.os,
    architecture: config.architecture,
    ...config.variant && { variant: config.variant }
  };
  if (options.platform && !platformMatches(platform, options.platform)) {
    throw new InputError(
      `--base ${source.text} is ${formatPlatform(platform)}, not the --platform ${formatPlatform(options.platform)}`
    );
  }
  return {
    text: source.text,
    ...source.name !== void 0 && { name: source.name },
    digest: fetched.digest,
    config,
    platform,
    layers: manifest.layers.map((layer) => ociLayer(layer, source.text)),
    blobs: source.blobs
  };
}
function registrySource(reference, options) {
  if (!options.client) throw new Error("bug: a registry base needs a client");
  const client = options.client(reference);
  const { repository } = reference;
  const text = formatReference(reference);
  return {
    text,
    name: text,
    top: () => client.getManifest(repository, reference.digest ?? reference.tag),
    manifest: (digest) => client.getManifest(repository, digest),
    blob: (digest) => client.fetchBlob(repository, digest, maxConfigBytes),
    blobs: { kind: "registry", client, repository }
  };
}
async function layoutSource(base) {
  const text = `oci:${base.dir}${base.tag !== void 0 ? `:${base.tag}` : ""}`;
  const index = await readLayoutIndex(base.dir);
  if (!index) throw new InputError(`--base ${text}: ${base.dir} is not an OCI image layout (no index.json)`);
  const refName = (each) => each.annotations?.[imageAnnotations.refName];
  let entry;
  if (base.tag !== void 0) {
    entry = index.manifests.find((each) => refName(each) === base.tag);
  } else if (index.manifests.length === 1) {
    entry = index.manifests[0];
  } else if (index.manifests.length > 1) {
    const names = index.manifests.map(refName).filter(Boolean).join(", ");
    throw new InputError(
      `--base ${text}: the layout has ${index.manifests.length} images; name one (${names})`
    );
  }
  const read = async (digest) => {
    const bytes = await readLayoutBlob(base.dir, digest);
    const mediaType = parseManifestJson(bytes, `--base ${text}`)?.mediaType ?? ociMediaTypes.manifest;
    return { digest: bytesDigest(bytes), mediaType, bytes };
  };
  return {
    text,
    top: async () => entry ? read(entry.digest) : void 0,
    manifest: read,
    blob: (digest) => readLayoutBlob(base.dir, digest),
    blobs: { kind: "layout", dir: base.dir }
  };
}
async function taggedImageLayers(image, platform, note = () => {
}) {
  const text = image.kind === "registry" ? formatReference({ host: image.client.host, repository: image.repository, tag: image.tag }) : `oci:${image.dir}:${image.tag}`;
  const source = image.kind === "registry" ? taggedRegistrySource(image) : taggedLayoutSource(image, text);
  try {
    let fetched = await source.top();
    if (!fetched) {
      note(`${text}: no image under the tag`);
      return void 0;
    }
    if (isIndexType(fetched.mediaType, fetched.bytes)) {
      const entry = platformEntry(
        platformEntries(parseManifestJson(fetched.bytes, text)),
        platform
      );
      fetched = entry && await source.manifest(entry.digest);
      if (!fetched) {
        note(`${text}: the index has no ${formatPlatform(platform)} image`);
        return void 0;
      }
    }
    const manifest = parseImageManifest(fetched, text);
    const config = parseImageConfig(await source.blob(manifest.config.digest), text);
    const diffIds = config.rootfs.diff_ids;
    if (diffIds.length !== manifest.layers.length) {
      note(`${text}: the config lists ${diffIds.length} layers, the manifest ${manifest.layers.length}`);
      return void 0;
    }
    const layers = [];
    for (const [index, layer] of manifest.layers.entries()) {
      const diffId = diffIds[index];
      if (typeof diffId === "string" && isSha256Digest(diffId) && typeof layer?.mediaType === "string" && typeof layer.digest === "string" && isSha256Digest(layer.digest) && Number.isSafeInteger(layer.size) && layer.size >= 0)
        layers.push({
          diffId,
          descriptor: { mediaType: layer.mediaType, digest: layer.digest, size: layer.size }
        });
    }
    return layers;
  } catch (error) {
    if (!(error instanceof InputError || error instanceof InvalidContent)) throw error;
    note(error.message);
    return void 0;
  }
}
function taggedRegistrySource(image) {
  const { client, repository } = image;
  return {
    top: () => client.getManifest(repository, image.tag),
    manifest: (digest) => client.getManifest(repository, digest),
    blob: (digest) => client.fetchBlob(repository, digest, maxConfigBytes)
  };
}
function taggedLayoutSource(image, text) {
  const read = async (digest) => {
    const bytes = await readLayoutBlob(image.dir, digest);
    const mediaType = parseManifestJson(bytes, text)?.mediaType ?? ociMediaTypes.manifest;
    return { digest: bytesDigest(bytes), mediaType, bytes };
  };
  return {
    top: async () => {
      const index = await readLayoutIndex(image.dir);
      const entry = index?.manifests.find(
        (each) => each.annotations?.[imageAnnotations.refName] === image.tag
      );
      return entry ? read(entry.digest) : void 0;
    },
    manifest: read,
    blob: (digest) => readLayoutBlob(image.dir, digest)
  };
}
function isIndexType(mediaType, bytes) {
  if (mediaType === ociMediaTypes.index || mediaType === ociMediaTypes.dockerManifestList) return true;
  return mediaType === ociMediaTypes.manifest && Array.isArray(parseManifestJson(bytes, "")?.manifests);
}
function platformEntries(index) {
  return (Array.isArray(index?.manifests) ? index.manifests : []).filter(
    (each) => (each.mediaType === ociMediaTypes.manifest || each.mediaType === ociMediaTypes.dockerManifest) && each.platform !== void 0
  );
}
function platformEntry(images, wanted) {
  const matches = images.filter((each) => platformMatches(each.platform, wanted));
  return matches.find((each) => !each.platform.variant) ?? matches[0];
}
function choosePlatform(index, wanted, text) {
  const images = platformEntries(index);
  const chosen = platformEntry(images, wanted);
  if (chosen) return chosen;
  const offered = images.map((each) => each.platform).filter((platform) => platform.os !== "unknown").map(formatPlatform);
  throw new InputError(
    `--base ${text} has no ${formatPlatform(wanted)} image; --platform one of: ${offered.join(", ") || "(none)"}`
  );
}
function parseImageManifest(fetched, subject) {
  if (fetched.mediaType !== ociMediaTypes.manifest && fetched.mediaType !== ociMediaTypes.dockerManifest) {
    throw new InputError(`${subject} is not an image (its manifest is ${fetched.mediaType})`);
  }
  const manifest = parseManifestJson(fetched.bytes, subject);
  if (!manifest?.config || !Array.isArray(manifest.layers)) {
    throw new InputError(`${subject}: the manifest has no config or layers`);
  }
  const configType = manifest.config.mediaType;
  if (configType !== imageMediaTypes.config && configType !== imageMediaTypes.dockerConfig) {
    throw new InputError(`${subject} is an artifact (${manifest.artifactType ?? configType}), not an image`);
  }
  return manifest;
}
function ociLayer(layer, text) {
  const known = [imageMediaTypes.layerGzip, imageMediaTypes.layerTar, imageMediaTypes.layerZstd];
  let mediaType = layer.mediaType;
  if (mediaType === imageMediaTypes.dockerLayerGzip) mediaType = imageMediaTypes.layerGzip;
  else if (!known.includes(mediaType)) {
    throw new InputError(`--base ${text}: layer ${layer.digest} has the unsupported media type ${mediaType}`);
  }
  return {
    mediaType,
    digest: layer.digest,
    size: layer.size,
    ...layer.annotations && { annotations: layer.annotations }
  };
}
function parseManifestJson(bytes, subject) {
  try {
    return parseJson(bytes, subject);
  } catch {
    throw new InputError(`${subject}: a manifest is not JSON`);
  }
}

export {
  imageMediaTypes,
  imageAnnotations,
  formatPlatform,
  parsePlatform,
  buildImageConfig,
  serializeConfig,
  buildImageManifest,
  layoutBlobPath,
  readLayoutIndex,
  readLayoutBlob,
  initLayout,
  hasLayoutBlob,
  putLayoutBlobBytes,
  putLayoutBlobFile,
  tagLayout,
  parseBaseReference,
  resolveBase,
  taggedImageLayers
};
