import { InputError } from '../errors';
import type { BackendOptions, ModelRegistry } from './registry';

/**
 * The registry a URI names: `file:DIR` (the embedded default) or `oci://HOST[:PORT]/PREFIX`. Backends are
 * imported when used, so commands that never touch a registry do not load them.
 */
export async function openRegistry(uri: string, options: BackendOptions): Promise<ModelRegistry> {
  if (uri.startsWith('file:')) return (await import('./file')).openFileRegistry(uri, options);
  if (uri.startsWith('oci://')) return (await import('./oci')).openOciRegistry(uri, options);
  throw new InputError(`registry '${uri}': expected file:DIR or oci://HOST[:PORT]/PREFIX`);
}
