import { InputError } from '../errors';
import type { BackendOptions } from '../registry/registry';
import { refuseUriCredentials } from '../report/secrets';
import type { RunCache } from './run-cache';

/**
 * The run cache a URI names: `oci://HOST[:PORT]/REPOSITORY` (shared by every runner), else a directory,
 * relative to the working directory. Backends are imported when used.
 */
export async function openRunCache(uri: string, options: BackendOptions): Promise<RunCache> {
  refuseUriCredentials(uri, 'run cache');
  if (uri.startsWith('oci://')) return (await import('./oci')).openOciRunCache(uri, options);
  // `s3://…` or `https://…` is a store mlci does not have, not a directory with a colon in its name.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uri))
    throw new InputError(`run cache '${uri}': expected a directory or oci://HOST[:PORT]/REPOSITORY`);
  return (await import('./directory')).openDirectoryRunCache(uri, options);
}
