#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  InputError
} from "./chunk-C6XSGGFY.mjs";

// packages/core/src/registry/holder.ts
async function aliasHolder(registry, model, alias) {
  try {
    return await registry.getVersion(model, alias);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    try {
      await registry.listVersions(model);
      return { absent: "alias", message: error.message };
    } catch (listing) {
      if (!(listing instanceof InputError)) throw listing;
      return { absent: "model", message: listing.message };
    }
  }
}
function isNoHolder(found) {
  return "absent" in found;
}

export {
  aliasHolder,
  isNoHolder
};
