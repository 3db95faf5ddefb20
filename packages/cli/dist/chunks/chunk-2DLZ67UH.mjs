#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  InvalidContent,
  ociMediaTypes
} from "./chunk-FIL44SLO.mjs";
import {
  fileSetOf
} from "./chunk-ZAIHXEFC.mjs";
import {
  mapConcurrently
} from "./chunk-IS7M7TXC.mjs";
import {
  isInsideRelativePath
} from "./chunk-ERNQNAOD.mjs";
import {
  bytesDigest
} from "./chunk-KLG7ZBD7.mjs";
import {
  parseJson
} from "./chunk-COETP6OK.mjs";
import {
  InputError
} from "./chunk-C6XSGGFY.mjs";

// packages/core/src/oci/artifact.ts
import { join } from "node:path";
var mlciArtifactTypes = {
  model: "application/vnd.mlci.model.v1",
  runCache: "application/vnd.mlci.run-cache.v1",
  attachment: "application/vnd.mlci.attachment.v1"
};
var artifactMediaTypes = {
  file: "application/octet-stream",
  run: "application/vnd.mlci.run.v1+json",
  inToto: "application/vnd.in-toto+json"
};
var artifactAnnotations = {
  /** The OCI standard one, which oras and skopeo show: the file's path relative to the set's root. */
  title: "org.opencontainers.image.title",
  executable: "dev.mlci.file.executable",
  contentDigest: "dev.mlci.content.digest",
  created: "org.opencontainers.image.created"
};
var emptyConfig = {
  mediaType: ociMediaTypes.empty,
  digest: "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
  size: 2
};
var emptyConfigBytes = Buffer.from("{}");
function buildManifest(spec) {
  const fileLayers = fileSetOf(spec.fileSet?.files ?? []).files.map((file) => ({
    mediaType: artifactMediaTypes.file,
    digest: file.digest,
    size: file.size,
    annotations: {
      [artifactAnnotations.title]: file.path,
      ...file.executable && { [artifactAnnotations.executable]: "true" }
    }
  }));
  const extraLayers = (spec.extraLayers ?? []).map((layer) => ({
    mediaType: layer.mediaType,
    digest: bytesDigest(layer.content),
    size: layer.content.length,
    ...layer.annotations && Object.keys(layer.annotations).length > 0 && { annotations: sorted(layer.annotations) }
  }));
  const manifest = {
    schemaVersion: 2,
    mediaType: ociMediaTypes.manifest,
    artifactType: spec.artifactType,
    config: { ...emptyConfig },
    layers: [...fileLayers, ...extraLayers],
    ...spec.subject && {
      subject: { mediaType: spec.subject.mediaType, digest: spec.subject.digest, size: spec.subject.size }
    },
    annotations: sorted({
      ...spec.annotations,
      ...spec.fileSet && { [artifactAnnotations.contentDigest]: spec.fileSet.digest }
    })
  };
  const bytes = Buffer.from(JSON.stringify(manifest));
  return { manifest, bytes, digest: bytesDigest(bytes) };
}
async function pushArtifact(client, repository, spec) {
  const built = buildManifest(spec);
  const blobs = /* @__PURE__ */ new Map();
  blobs.set(emptyConfig.digest, {
    digest: emptyConfig.digest,
    size: emptyConfig.size,
    bytes: emptyConfigBytes
  });
  for (const file of spec.fileSet?.files ?? []) {
    if (!isInsideRelativePath(file.path) || spec.directory === void 0) {
      throw new InputError(`'${file.path}' is not a path inside ${spec.directory ?? "a directory"}`);
    }
    if (!blobs.has(file.digest)) {
      blobs.set(file.digest, { digest: file.digest, size: file.size, path: join(spec.directory, file.path) });
    }
  }
  for (const layer of spec.extraLayers ?? []) {
    const digest = bytesDigest(layer.content);
    if (!blobs.has(digest)) blobs.set(digest, { digest, size: layer.content.length, bytes: layer.content });
  }
  await mapConcurrently([...blobs.values()], 4, (blob) => client.pushBlob(repository, blob));
  const descriptor = {
    mediaType: ociMediaTypes.manifest,
    digest: built.digest,
    size: built.bytes.length,
    artifactType: spec.artifactType
  };
  if (spec.subject) {
    const annotations = built.manifest.annotations;
    return {
      ...built,
      descriptor: await client.pushReferrer(
        repository,
        {
          bytes: built.bytes,
          mediaType: ociMediaTypes.manifest,
          artifactType: spec.artifactType,
          ...annotations && { annotations }
        },
        spec.subject.digest
      )
    };
  }
  await client.putManifest(repository, built.digest, built.bytes, ociMediaTypes.manifest);
  return { ...built, descriptor };
}
function parseManifest(fetched, where) {
  let manifest;
  try {
    manifest = parseJson(fetched.bytes, where, "service");
  } catch {
    throw new InvalidContent(`${where}: manifest ${fetched.digest} is not JSON`);
  }
  if (manifest.schemaVersion !== 2 || !Array.isArray(manifest.layers) || typeof manifest.config !== "object") {
    throw new InvalidContent(`${where}: ${fetched.digest} is not an OCI image manifest`);
  }
  return manifest;
}
function fileSetOfManifest(manifest, where) {
  const files = [];
  for (const layer of manifest.layers) {
    const path = layer.annotations?.[artifactAnnotations.title];
    if (path === void 0 || layer.mediaType !== artifactMediaTypes.file) continue;
    if (!isInsideRelativePath(path))
      throw new InvalidContent(`${where}: layer path '${path}' leaves its directory`);
    files.push({
      path,
      size: layer.size,
      digest: layer.digest,
      executable: layer.annotations?.[artifactAnnotations.executable] === "true"
    });
  }
  const fileSet = fileSetOf(files);
  const claimed = manifest.annotations?.[artifactAnnotations.contentDigest];
  if (claimed !== void 0 && claimed !== fileSet.digest) {
    throw new InvalidContent(
      `${where}: its layers add up to ${fileSet.digest}, not the ${claimed} it claims`
    );
  }
  return fileSet;
}
async function pullFiles(client, repository, fileSet, directory) {
  for (const file of fileSet.files) {
    if (!isInsideRelativePath(file.path)) {
      throw new InvalidContent(`${client.where(repository)}: path '${file.path}' leaves its directory`);
    }
  }
  await mapConcurrently(
    fileSet.files,
    4,
    (file) => client.downloadBlob(repository, file.digest, join(directory, file.path), {
      size: file.size,
      mode: file.executable ? 493 : 420
    })
  );
}
function sorted(record) {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}

export {
  mlciArtifactTypes,
  artifactMediaTypes,
  artifactAnnotations,
  pushArtifact,
  parseManifest,
  fileSetOfManifest,
  pullFiles
};
