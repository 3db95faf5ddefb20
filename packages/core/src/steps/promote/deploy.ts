import { credentialsFromEnv } from '../../deploy/git';
import { checkHandoff, type HandoffInput, type PreparedHandoff, prepareHandoff } from '../../deploy/handoff';
import { type DeployImage, deployImageOf } from '../../deploy/image-ref';
import { InputError } from '../../errors';
import { isAliasName } from '../../registry/alias-move';
import type { ModelRegistry, ModelVersion } from '../../registry/registry';
import type { StepEnvironment } from '../../step';
import { type EvidenceOutcome, imageOf } from './evidence';
import type { EvidenceCheck, PromoteInput } from './input';

/** The deploy files of an alias: `ALIAS=PATH` entries for it and plain `PATH` entries (every alias). */
export function deployFilesFor(entries: readonly string[], alias: string): string[] {
  return entries.flatMap((entry) => {
    const equals = entry.indexOf('=');
    const scope = equals > 0 ? entry.slice(0, equals) : '';
    if (!isAliasName(scope)) return [entry];
    return scope === alias ? [entry.slice(equals + 1)] : [];
  });
}

/** What the hand-off needs, checked before the alias moves: the files for this alias and the version's image. */
export interface DeployPlan {
  files: string[];
  image: DeployImage;
}

export async function planDeploy(
  input: PromoteInput,
  registry: ModelRegistry,
  version: ModelVersion,
  alias: string,
  tag: string | undefined,
  evidence: EvidenceOutcome,
  logger: StepEnvironment['logger'],
): Promise<DeployPlan | undefined> {
  if (input.deployRepo === undefined) {
    if (input.deployFile.length > 0)
      throw new InputError('deploy-file: give deploy-repo, the repository it is in');
    if (input.deployImage !== undefined)
      throw new InputError('deploy-image: give deploy-repo and deploy-file, where the image is written');
    return undefined;
  }
  const files = deployFilesFor(input.deployFile, alias);
  checkHandoff(input.deployRepo, files);
  if (files.length === 0) {
    logger.info(`deploy: no deploy-file for ${alias}: nothing handed to ${input.deployRepo}`);
    return undefined;
  }
  const label = `${version.model} version ${version.version}`;
  const record = evidence.image ?? (await imageOf(registry, version));
  if (!record)
    throw new InputError(
      `deploy: ${label} has no image to deploy: run build-image with attach-to ${version.model}@${version.version}`,
    );
  // The release tag names the image this release was given (a rollback's: the one it had); else its built tag.
  return { files, image: deployImageOf(record, label, tag, input.deployImage) };
}

/** Clones the deploy repository and edits its files: before the alias moves, so bad input fails first. */
export function prepareDeploy(
  plan: DeployPlan,
  input: PromoteInput,
  release: Omit<HandoffInput['release'], 'evidence'> & { evidence: readonly EvidenceCheck[] },
  environment: StepEnvironment,
): Promise<PreparedHandoff> {
  return prepareHandoff(
    {
      repo: input.deployRepo as string,
      ...(input.deployBranch !== undefined ? { branch: input.deployBranch } : {}),
      ...(input.deployApiUrl !== undefined ? { apiUrl: input.deployApiUrl } : {}),
      files: plan.files,
      mode: input.deployMode,
      target: {
        ...(input.deployKey !== undefined ? { key: input.deployKey } : {}),
        ...(input.deployContainer !== undefined ? { container: input.deployContainer } : {}),
      },
      image: plan.image,
      release: {
        ...release,
        evidence: release.evidence.flatMap((check) =>
          check.digest ? [{ kind: check.kind, digest: check.digest }] : [],
        ),
      },
      dryRun: input.dryRun,
      cwd: environment.cwd,
      credentials: credentialsFromEnv(process.env),
    },
    { logger: environment.logger },
  );
}
