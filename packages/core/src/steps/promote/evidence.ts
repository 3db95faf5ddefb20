import { parseJson } from '../../io/json';
import type { AliasMove, Attachment, ModelRegistry, ModelVersion } from '../../registry/registry';
import type { EvidenceCheck, EvidenceKind } from './input';

/** What promote needs to know of the step results kept on a version. */
interface ValidationResult {
  status?: string;
  data?: { path?: string; digest?: string };
}
interface EvaluationResult {
  status?: string;
  data?: { same?: boolean | null; digest?: string | null };
  /** kind `absent`: the evaluation asked for an alias that had no holder then (its relative gates were skipped). */
  baseline?: {
    source?: string;
    kind?: string;
    reason?: string;
    version?: { model?: string; version?: string };
  } | null;
}
interface ImageRecord {
  digest?: string;
  references?: string[];
}
interface RunRecordInputs {
  inputs?: { files?: { path: string; digest: string }[] };
}

export interface EvidenceContext {
  registry: ModelRegistry;
  version: ModelVersion;
  /** The version holding the alias now, if any. */
  holder: string | null;
  alias: string;
}

export interface EvidenceOutcome {
  checks: EvidenceCheck[];
  /** The image record of the version, when it has one: what promote retags. */
  image?: { digest: string; references: string[]; attachment: string };
}

const newest = (version: ModelVersion, kind: string): Attachment | undefined =>
  [...version.attachments].filter((attachment) => attachment.kind === kind).at(-1);

async function readJson<T>(context: EvidenceContext, attachment: Attachment): Promise<T | undefined> {
  const bytes = await context.registry.readAttachment(
    context.version.model,
    context.version.version,
    attachment,
  );
  try {
    return parseJson(bytes, 'evidence', 'service') as T;
  } catch {
    return undefined;
  }
}

/**
 * Checks the evidence the policy requires, each kind on the newest attachment of that kind:
 * - validation: a passed validate-data whose data (by content digest) is one of the version's training inputs;
 * - evaluation: a passed evaluate on the same data as its baseline, that baseline being the version holding the
 *   alias now (any baseline when nobody holds it yet);
 * - image: a build-image record with a digest.
 */
export async function checkEvidence(
  context: EvidenceContext,
  required: readonly EvidenceKind[],
): Promise<EvidenceOutcome> {
  const checks: EvidenceCheck[] = [];
  let image: EvidenceOutcome['image'];
  const label = `${context.version.model} version ${context.version.version}`;
  for (const kind of required) {
    const attachment = newest(context.version, kind);
    if (!attachment) {
      checks.push({
        kind,
        status: 'missing',
        message: `${label} has no ${kind} evidence (${howToAttach[kind]})`,
      });
      continue;
    }
    const base = { kind, digest: attachment.digest };
    if (kind === 'validation') {
      const result = await readJson<ValidationResult>(context, attachment);
      const trained = await trainingInputDigests(context);
      if (result?.status !== 'passed')
        checks.push({ ...base, status: 'failed', message: `the data validation of ${label} did not pass` });
      else if (trained && !trained.has(result.data?.digest ?? ''))
        checks.push({
          ...base,
          status: 'failed',
          message: `the validated data (${result.data?.path ?? '?'}, ${short(result.data?.digest)}) is not among the training inputs of ${label}`,
        });
      else
        checks.push({
          ...base,
          status: 'passed',
          message: `${result.data?.path ?? 'the data'} passed validation`,
        });
    } else if (kind === 'evaluation') {
      const result = await readJson<EvaluationResult>(context, attachment);
      const against = result?.baseline?.version;
      if (result?.status !== 'passed')
        checks.push({
          ...base,
          status: 'failed',
          message: `the evaluation of ${label} did not pass its gates`,
        });
      else if (context.holder === null)
        checks.push({
          ...base,
          status: 'passed',
          message: `evaluation passed (${context.alias} has no holder yet to compare with)`,
        });
      else if (result.baseline?.kind === 'absent')
        checks.push({
          ...base,
          status: 'failed',
          message: `the evaluation had no baseline (${result.baseline.reason ?? 'none'}), but version ${context.holder} holds ${context.alias} now: evaluate again against registry:${context.version.model}@${context.alias}`,
        });
      else if (against?.model !== context.version.model || against.version !== context.holder)
        checks.push({
          ...base,
          status: 'failed',
          message: `the evaluation compared with ${result.baseline?.source ?? 'no baseline'}, not with version ${context.holder}, which holds ${context.alias}: evaluate against registry:${context.version.model}@${context.alias}`,
        });
      else if (result.data?.same !== true)
        checks.push({
          ...base,
          status: 'failed',
          message: `the evaluation against version ${context.holder} was made on other evaluation data than the baseline's`,
        });
      else
        checks.push({
          ...base,
          status: 'passed',
          message: `evaluation passed against version ${context.holder} (${context.alias}) on the same data ${short(result.data.digest ?? undefined)}`,
        });
    } else {
      const record = await readJson<ImageRecord>(context, attachment);
      if (!record?.digest || !Array.isArray(record.references))
        checks.push({ ...base, status: 'failed', message: `the image record of ${label} is unreadable` });
      else {
        image = { digest: record.digest, references: record.references, attachment: attachment.digest };
        checks.push({
          ...base,
          status: 'passed',
          message: `image ${record.references[0]} (${short(record.digest)})`,
        });
      }
    }
  }
  return { checks, ...(image ? { image } : {}) };
}

const howToAttach: Record<EvidenceKind, string> = {
  validation: 'train with evidence .mlci/validate-data.json',
  evaluation: 'evaluate with attach-to',
  image: 'build-image with attach-to',
};

function short(digest: string | undefined): string {
  return digest ? `${digest.slice(0, 19)}…` : '?';
}

/** The content digests of the files the version was trained on, from its lineage; undefined without one. */
async function trainingInputDigests(context: EvidenceContext): Promise<Set<string> | undefined> {
  const lineage = [...context.version.attachments].filter((a) => a.kind === 'lineage');
  if (lineage.length === 0) return undefined;
  const digests = new Set<string>();
  for (const attachment of lineage) {
    const record = await readJson<RunRecordInputs>(context, attachment);
    for (const file of record?.inputs?.files ?? []) digests.add(file.digest);
  }
  return digests;
}

/**
 * A version's image record for a rollback's retag or a hand-off (no policy): the one whose attachment digest is
 * `attachment` (the image a move of the alias approved) when the version still has it, else the newest.
 */
export async function imageOf(
  registry: ModelRegistry,
  version: ModelVersion,
  attachment?: string,
): Promise<EvidenceOutcome['image']> {
  const approved = version.attachments.filter((a) => a.kind !== 'image' || a.digest === attachment);
  const attachments = approved.some((a) => a.kind === 'image') ? approved : version.attachments;
  const outcome = await checkEvidence(
    { registry, version: { ...version, attachments }, holder: null, alias: '' },
    ['image'],
  );
  return outcome.image;
}

/**
 * What a version last took the alias with (history newest first): the image that promotion approved, when the
 * version still has it (else its newest), and the release tag of that move. A rollback to the version, or a rerun
 * on the holder, hands these off again: not an image built for the version since (another commit, same model).
 */
export async function lastApproved(
  registry: ModelRegistry,
  history: readonly AliasMove[],
  version: ModelVersion,
): Promise<{ image: EvidenceOutcome['image']; tag: string | undefined }> {
  const move = history.find(
    (m) => m.record.version === version.version && m.record.action === 'promote',
  )?.record;
  const approved = move?.evidence.find((entry) => entry.kind === 'image')?.digest;
  return { image: await imageOf(registry, version, approved), tag: move?.tag };
}
