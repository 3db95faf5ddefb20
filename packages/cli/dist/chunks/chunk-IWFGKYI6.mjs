#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  canonicalJson,
  formatPlatform,
  imageAnnotations,
  imageMediaTypes,
  parseImageConfig,
  platformMatches
} from "./chunk-K3J2CXMS.mjs";
import {
  writeFileAtomic
} from "./chunk-VQWOU3SX.mjs";
import {
  InvalidContent,
  ociMediaTypes
} from "./chunk-FIL44SLO.mjs";
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
