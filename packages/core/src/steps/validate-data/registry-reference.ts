// `validate-data --reference registry:NAME@ALIAS|@VERSION`: the profile of the training data that train kept on
// a model version, so a scheduled job can compare production data with what the production model learned from.
import { InputError } from '../../errors';
import { profileEvidence } from '../../registry/evidence';
import { latestVersion } from '../../registry/registry';
import { type ModelRef, parseModelRef } from '../../registry/version-ref';
import type { StepEnvironment } from '../../step';
import type { ReferenceModel, ValidateDataInput } from './input';
import { type DataProfile, parseProfile } from './profile';

export const registryReferencePrefix = 'registry:';

export function isRegistryReference(reference: string): boolean {
  return reference.startsWith(registryReferencePrefix);
}

/**
 * The newest profile kept on the version the reference names (an alias stands for the version it points at now).
 * Unknown model, version or alias and a version without a profile are InputError (exit 2); a registry that cannot
 * be reached is the backend's ServiceError (exit 3).
 */
export async function loadRegistryProfile(
  reference: string,
  input: Pick<ValidateDataInput, 'registry' | 'insecureRegistry'>,
  environment: Pick<StepEnvironment, 'cwd' | 'logger'>,
): Promise<{ profile: DataProfile; model: ReferenceModel }> {
  const { model, version } = parseModelRef(
    reference.slice(registryReferencePrefix.length),
    'reference',
  ) as Required<ModelRef>;
  const { openStepRegistry } = await import('../../registry/open');
  const registry = await openStepRegistry(input, environment);
  const found = await registry.getVersion(model, version);
  const named = `${model} version ${found.version}`;
  const attachment = found.attachments.filter((a) => a.kind === profileEvidence.kind).at(-1);
  if (!attachment)
    throw new InputError(
      `reference: ${named} in ${registry.uri} has no profile of its training data: give train --evidence the result of validate-data --write-profile PROFILE.json on the training data (or PROFILE.json itself) when it registers ${model}`,
    );
  // found.version, not the alias, from here on: the alias may move while we read.
  const bytes = await registry.readAttachment(model, found.version, attachment);
  const profile = parseProfile(Buffer.from(bytes).toString('utf8'), `reference: the profile of ${named}`);
  environment.logger.info(
    `validate-data: reference ${reference} is ${named} in ${registry.uri} (training data ${profile.data.file}, ${profile.data.rows} rows)`,
  );
  const alias = /^[0-9]+$/.test(version) ? undefined : version;
  return {
    profile,
    model: {
      registry: registry.uri,
      name: model,
      version: found.version,
      ...(alias === undefined || alias === latestVersion ? {} : { alias }),
      profileDigest: attachment.digest,
    },
  };
}
