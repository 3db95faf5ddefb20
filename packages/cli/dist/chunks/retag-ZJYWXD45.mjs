#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  readLayoutBlob,
  readLayoutIndex,
  tagLayout
} from "./chunk-AD6QUJBM.mjs";
import {
  RegistryClient
} from "./chunk-ZNZKVVPI.mjs";
import "./chunk-GERWAOUI.mjs";
import {
  isValidTag,
  parseReference
} from "./chunk-373ZIGC3.mjs";
import "./chunk-Q2OW4E5W.mjs";
import {
  InputError
} from "./chunk-HQARHKJP.mjs";
import "./chunk-5CLMASBW.mjs";
import "./chunk-WU5BIKWZ.mjs";
import "./chunk-AQW5IZUH.mjs";

// packages/core/src/image/retag.ts
async function retagImage(reference, digest, tags, options) {
  for (const tag of tags)
    if (!isValidTag(tag))
      throw new InputError(`image tag '${tag}': not a valid OCI tag (letters, digits, ._-)`);
  if (reference.startsWith("oci:") && !reference.startsWith("oci://")) {
    const dir = reference.slice("oci:".length).replace(/:[^:/]*$/, "");
    const entry = (await readLayoutIndex(dir))?.manifests.find((each) => each.digest === digest);
    const bytes = entry ? void 0 : await readLayoutBlob(dir, digest).catch(() => void 0);
    if (!entry && !bytes) throw new InputError(`image ${digest} is not in the OCI layout ${dir}`);
    const descriptor = entry ?? {
      mediaType: JSON.parse(bytes.toString("utf8")).mediaType,
      digest,
      size: bytes.length
    };
    for (const tag of tags) await tagLayout(dir, descriptor, tag);
    return tags.map((tag) => `oci:${dir}:${tag}`);
  }
  const parsed = parseReference(reference);
  const client = new RegistryClient({
    host: parsed.host,
    repository: parsed.repository,
    env: options.env,
    logger: options.logger,
    ...options.insecure !== void 0 ? { insecure: options.insecure } : {}
  });
  const manifest = await client.getManifest(parsed.repository, digest);
  if (!manifest)
    throw new InputError(`image ${parsed.host}/${parsed.repository}@${digest} is not in its registry`);
  for (const tag of tags)
    await client.putManifest(parsed.repository, tag, manifest.bytes, manifest.mediaType);
  return tags.map((tag) => `${parsed.host}/${parsed.repository}:${tag}`);
}
export {
  retagImage
};
