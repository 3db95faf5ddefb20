import { InputError } from '../errors';
import { refuseUriCredentials } from '../report/secrets';
import { type BackendOptions, type ModelRegistry, registryUriForms } from './registry';

/**
 * The registry a URI names: `file:DIR` (the embedded default), `oci://HOST[:PORT]/PREFIX`, MLflow or GitLab
 * (registries.md). Backends are
 * imported when used, so commands that never touch a registry do not load them.
 */
export async function openRegistry(uri: string, options: BackendOptions): Promise<ModelRegistry> {
  refuseUriCredentials(uri, 'registry');
  if (uri.startsWith('file:')) return (await import('./file')).openFileRegistry(uri, options);
  if (uri.startsWith('oci://')) return (await import('./oci')).openOciRegistry(uri, options);
  if (/^(mlflow|gitlab)\+https?:\/\//i.test(uri))
    return (await import('./mlflow')).openMlflowRegistry(uri, options);
  throw new InputError(`registry '${uri}': expected ${registryUriForms}`);
}
