#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  ociMediaTypes
} from "./chunk-ZNZKVVPI.mjs";
import {
  isSha256Digest
} from "./chunk-373ZIGC3.mjs";
import {
  InputError
} from "./chunk-HQARHKJP.mjs";
import {
  writeFileAtomic
} from "./chunk-5CLMASBW.mjs";
import {
  bytesDigest,
  copyWithDigest
} from "./chunk-WU5BIKWZ.mjs";

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
    if (child !== void 0) sorted[key] = sortKeys(child);
  }
  return sorted;
}
function parseImageConfig(bytes, where) {
  let parsed;
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString("utf8"));
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
      throw new InputError(`--env "${entry}": expected KEY=VALUE with a variable name as KEY`);
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
import { mkdir, readdir, readFile, rename, rm, stat } from "node:fs/promises";
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
    const index = JSON.parse(text);
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
      version = JSON.parse(existing).imageLayoutVersion;
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
      await rename(source, target);
      return;
    } catch (error) {
      if (error.code !== "EXDEV") throw error;
    }
  }
  const temp = `${target}.${randomBytes(6).toString("hex")}.part`;
  try {
    const copied = await copyWithDigest(createReadStream(source), createWriteStream(temp));
    if (copied.digest !== descriptor.digest || copied.size !== descriptor.size) {
      throw new InputError(
        `${source}: changed after it was fingerprinted (not ${descriptor.digest} any more)`
      );
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
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

export {
  imageMediaTypes,
  imageAnnotations,
  formatPlatform,
  parsePlatform,
  platformMatches,
  parseImageConfig,
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
  tagLayout
};
