import { resolve } from 'node:path';
import type { HandoffResult } from '../../deploy/handoff';
import { InputError } from '../../errors';
import { checkImageTags, retagImage, retagTargets } from '../../image/retag';
import { git } from '../../process/git';
import { checkAliasName } from '../../registry/alias-move';
import { aliasHolder, isNoHolder } from '../../registry/holder';
import { openStepRegistry } from '../../registry/open';
import type { ModelRegistry, ModelVersion, PromotionRecord } from '../../registry/registry';
import { versionRegisteredFrom } from '../../registry/version-ref';
import type { Check, StepReport } from '../../report/model';
import { writeStepReports } from '../../report/write';
import type { StepEnvironment } from '../../step';
import { type DeployPlan, planDeploy, prepareDeploy } from './deploy';
import { checkEvidence, type EvidenceOutcome, lastApproved } from './evidence';
import type { EvidenceCheck, PromoteInput, PromoteResult } from './input';
import { renderReport } from './report';
import { aliasForTag, defaultTagRules, parseTagRule } from './rules';

/** The alias to move: given, or the one the tag rules give for the release tag. */
function chooseAlias(input: PromoteInput, tag: string | undefined): { alias: string; from: string } {
  const rules = (input.rule.length > 0 ? input.rule : defaultTagRules).map(parseTagRule);
  if (input.to !== undefined) {
    checkAliasName(input.to);
    return { alias: input.to, from: 'given' };
  }
  if (tag === undefined)
    throw new InputError('to: no alias given, and this run is not for a release tag (give to, or tag)');
  const { alias, rule } = aliasForTag(tag, rules);
  return { alias, from: `tag ${tag} by rule ${rule}` };
}

/** The version to promote: given, registered from a commit, or registered from the tag's commit. */
async function chooseVersion(
  registry: ModelRegistry,
  input: PromoteInput,
  commit: string | undefined,
  tag: string | undefined,
): Promise<{ version: ModelVersion; from: string }> {
  if (input.version !== undefined)
    return { version: await registry.getVersion(input.model, input.version), from: 'given' };
  const wanted = input.fromCommit ?? (tag !== undefined ? commit : undefined);
  if (wanted === undefined)
    throw new InputError(
      'version: give version or from-commit (outside a tag pipeline there is no commit to go by)',
    );
  // Any registration counts: a deterministic trainer registers the same version again from a new commit.
  const newest = await versionRegisteredFrom(registry, input.model, wanted);
  if (!newest)
    throw new InputError(
      `version: no version of ${input.model} in ${registry.uri} was registered from commit ${wanted}${tag ? ` (tag ${tag})` : ''}`,
    );
  return { version: newest, from: `registered from commit ${wanted.slice(0, 12)}` };
}

export async function runPromote(
  input: PromoteInput,
  environment: StepEnvironment,
): Promise<StepReport<PromoteResult>> {
  const { context, logger } = environment;
  const tag = input.tag ?? context.tag;
  const registry = await openStepRegistry(input, environment);
  const { alias, from: aliasFrom } = chooseAlias(input, tag);
  const holder = await holderOf(registry, input.model, alias);

  let version: ModelVersion;
  let versionFrom: string;
  let evidence: EvidenceOutcome;
  // The release tag the hand-off writes: this release's, or, when no new move approves an image (a rollback, a
  // rerun on the holder), the tag and image of the move that last gave the version the alias.
  let deployTag = tag;
  if (input.rollback) {
    // Only a rollback needs the history (it walks the record chain): the move before the last says where to go.
    const history = await registry.aliasHistory(input.model, alias);
    const [last] = history;
    if (!last || holder === null)
      throw new InputError(`rollback: ${input.model} has no alias ${alias} to roll back`);
    if (last.record.previous === null)
      throw new InputError(`rollback: ${alias} of ${input.model} had no holder before version ${holder}`);
    version = await registry.getVersion(input.model, last.record.previous);
    versionFrom = `held ${alias} before version ${holder}`;
    // The previous holder met the policy when it took the alias: a rollback needs no new evidence.
    const { image, tag: approvedTag } = await lastApproved(registry, history, version);
    deployTag = approvedTag;
    evidence = { checks: [], ...(image ? { image } : {}) };
  } else {
    const commit = context.commit ?? (tag !== undefined ? await tagCommit(environment.cwd, tag) : undefined);
    ({ version, from: versionFrom } = await chooseVersion(registry, input, commit, tag));
    if (holder !== version.version)
      evidence = await checkEvidence({ registry, version, holder, alias }, input.require);
    else {
      // A version that already holds the alias (a retried job, a later tag of the same version) is not measured
      // against itself and nothing moves; a hand-off writes the image the alias's move approved.
      evidence = { checks: [] };
      if (input.deployRepo !== undefined) {
        const history = await registry.aliasHistory(input.model, alias);
        const { image, tag: approvedTag } = await lastApproved(registry, history, version);
        deployTag = approvedTag ?? tag;
        if (image) evidence.image = image;
      }
    }
  }

  const refused = evidence.checks.filter((check) => check.status !== 'passed');
  // Checked before the alias moves: a version without an image, or no deploy file, fails with nothing moved.
  const deployPlan: DeployPlan | undefined =
    refused.length > 0
      ? undefined
      : await planDeploy(input, registry, version, alias, deployTag, evidence, logger);
  const base = {
    step: 'promote' as const,
    model: input.model,
    alias,
    version: version.version,
    previous: holder,
    action: input.rollback ? ('rollback' as const) : ('promote' as const),
    ...(tag !== undefined ? { tag } : {}),
    aliasFrom,
    versionFrom,
    evidence: evidence.checks,
  };
  // The deploy repository is cloned and edited before the alias moves: a missing branch, file, entry or
  // container fails with nothing moved. It is pushed after the move (the alias is the truth; the deploy
  // repository follows it). A retried job whose alias already moved hands off again: an unchanged file makes
  // no commit.
  const prepared = deployPlan
    ? await prepareDeploy(
        deployPlan,
        input,
        {
          model: input.model,
          version: version.version,
          alias,
          action: base.action,
          ...(tag !== undefined ? { tag } : {}),
          evidence: evidence.checks,
          ...(context.runUrl ? { pipelineUrl: context.runUrl } : {}),
        },
        environment,
      )
    : undefined;
  let outcome: PromoteResult['outcome'];
  let record: PromoteResult['record'];
  let images: PromoteResult['images'] = [];
  let deploy: HandoffResult | undefined;
  try {
    if (refused.length > 0) outcome = 'refused';
    else if (holder === version.version) outcome = 'unchanged';
    else {
      images = plannedImages(evidence, input, tag, alias);
      const move: PromotionRecord = {
        model: input.model,
        alias,
        version: version.version,
        previous: holder,
        action: base.action,
        time: new Date().toISOString(),
        ...(tag !== undefined ? { tag } : {}),
        ...(context.commit ? { commit: context.commit } : {}),
        ...(context.runUrl ? { pipelineUrl: context.runUrl } : {}),
        ...(context.actor ? { actor: context.actor } : {}),
        evidence: evidence.checks.flatMap((check) =>
          check.digest ? [{ kind: check.kind, digest: check.digest, status: check.status }] : [],
        ),
        ...(images.length > 0 ? { images: images.flatMap((image) => image.to) } : {}),
      };
      // One validation for the dry run and the real run: whatever the move would refuse, the plan refuses too.
      registry.checkMove(move);
      if (images.length > 0) checkImageTags(imageTags(input, tag, alias));
      if (input.dryRun) outcome = 'planned';
      else {
        // The release tag first: it names the image built for this release whatever happens to the alias. The
        // alias tag only after the alias moved, so a lost race never leaves the image tag ahead of the alias.
        if (tag !== undefined && !input.rollback) await retag(evidence, input, [tag], logger);
        const moved = await registry.moveAlias(move);
        record = { ...moved.record, digest: moved.digest };
        await retag(evidence, input, [alias], logger);
        outcome = 'moved';
      }
    }
    if (prepared && outcome !== 'refused') deploy = await prepared.publish();
  } finally {
    await prepared?.dispose();
  }

  const checks: Check[] = [
    ...evidence.checks.map(
      (check: EvidenceCheck): Check => ({
        name: check.kind,
        status: check.status === 'passed' ? 'passed' : 'failed',
        severity: 'error',
        message: check.message,
      }),
    ),
    {
      name: 'alias',
      status: outcome === 'refused' ? 'failed' : 'passed',
      severity: 'error',
      message: describeOutcome(outcome, input.model, alias, version.version, holder),
    },
  ];
  const result: PromoteResult = {
    ...base,
    status: outcome === 'refused' ? 'failed' : 'passed',
    checks,
    outcome,
    ...(record ? { record } : {}),
    images,
    ...(deploy ? { deploy } : {}),
  };
  const markdown = renderReport(result);
  const files = await writeStepReports(resolve(environment.cwd, input.out), result, markdown);
  return {
    result,
    headline: `promote ${result.status}: ${describeOutcome(outcome, input.model, alias, version.version, holder)}`,
    markdown,
    outputs: {
      version: version.version,
      alias,
      previous: holder ?? '',
      outcome,
      record: record?.digest ?? '',
      'deploy-commit': deploy?.commit ?? '',
    },
    files,
  };
}

/** The commit a tag names in the local git repository (outside CI, where no variable says it). */
function tagCommit(cwd: string, tag: string): Promise<string | undefined> {
  return git(['rev-list', '-n', '1', tag, '--'], cwd);
}

/** The version an alias points at now; null when the model has no such alias (an unknown model is an error). */
async function holderOf(registry: ModelRegistry, model: string, alias: string): Promise<string | null> {
  const found = await aliasHolder(registry, model, alias);
  if (!isNoHolder(found)) return found.version;
  // The listing's "model … is not in …": the version lookups after this would not say so (file: "has no version N").
  if (found.absent === 'model') throw new InputError(found.message);
  return null;
}

function describeOutcome(
  outcome: PromoteResult['outcome'],
  model: string,
  alias: string,
  version: string,
  holder: string | null,
): string {
  const from = holder === null ? '' : ` (from version ${holder})`;
  switch (outcome) {
    case 'moved':
      return `${alias} of ${model} now points at version ${version}${from}`;
    case 'planned':
      return `dry run: ${alias} of ${model} would move to version ${version}${from}`;
    case 'unchanged':
      return `${alias} of ${model} already points at version ${version}`;
    case 'refused':
      return `version ${version} of ${model} may not take ${alias}: its evidence does not allow it`;
  }
}

/** The tags an image gets: the release tag (a promotion from a tag pipeline) and the alias. */
function imageTags(input: PromoteInput, tag: string | undefined, alias: string): string[] {
  return [...(tag !== undefined && !input.rollback ? [tag] : []), alias];
}

function plannedImages(
  evidence: EvidenceOutcome,
  input: PromoteInput,
  tag: string | undefined,
  alias: string,
): PromoteResult['images'] {
  if (input.noRetagImages || !evidence.image) return [];
  const tags = imageTags(input, tag, alias);
  return evidence.image.references.map((from) => ({ from, to: retagTargets(from, tags) }));
}

async function retag(
  evidence: EvidenceOutcome,
  input: PromoteInput,
  tags: string[],
  logger: StepEnvironment['logger'],
): Promise<void> {
  if (input.noRetagImages || !evidence.image) return;
  for (const from of evidence.image.references) {
    await retagImage(from, evidence.image.digest, tags, {
      env: process.env,
      logger,
      insecure: input.insecureRegistry,
    });
    logger.info(`image ${from} also tagged ${tags.join(', ')}`);
  }
}
