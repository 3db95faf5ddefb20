import { InputError } from '../errors';
import type { Logger } from '../platform/platform';
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

/** The registry a step's `registry` and `insecure-registry` options name, opened for this run. */
export function openStepRegistry(
  input: { registry: string; insecureRegistry?: boolean },
  environment: { cwd: string; logger: Logger },
): Promise<ModelRegistry> {
  return openRegistry(input.registry, {
    cwd: environment.cwd,
    env: process.env,
    logger: environment.logger,
    insecure: input.insecureRegistry ?? false,
  });
}
