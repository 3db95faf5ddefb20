import { InputError } from '../errors';
import type { ModelRegistry, ModelVersion } from './registry';

/** Why an alias has no version: the model has versions but not the alias, or the model has no version at all. */
export type NoHolder = { absent: 'alias' | 'model'; message: string };

/**
 * The version an alias points at now, or why there is none. The backends answer a lookup of a missing alias or
 * model with an InputError; the model's listing then tells the two apart (its own InputError says "model … is
 * not in …"). A registry that cannot be reached or refuses access is a ServiceError, and propagates.
 */
export async function aliasHolder(
  registry: ModelRegistry,
  model: string,
  alias: string,
): Promise<ModelVersion | NoHolder> {
  try {
    return await registry.getVersion(model, alias);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    try {
      await registry.listVersions(model);
      return { absent: 'alias', message: error.message };
    } catch (listing) {
      if (!(listing instanceof InputError)) throw listing;
      return { absent: 'model', message: listing.message };
    }
  }
}

export function isNoHolder(found: ModelVersion | NoHolder): found is NoHolder {
  return 'absent' in found;
}
