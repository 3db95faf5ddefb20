#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  setOwn
} from "./chunk-YWAIXB75.mjs";
import {
  ociMediaTypes
} from "./chunk-FIL44SLO.mjs";
import {
  bytesDigest
} from "./chunk-KLG7ZBD7.mjs";
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

export {
  imageMediaTypes,
  imageAnnotations,
  formatPlatform,
  parsePlatform,
  platformMatches,
  canonicalJson,
  parseImageConfig,
  buildImageConfig,
  serializeConfig,
  buildImageManifest
};
