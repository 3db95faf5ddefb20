// What the backends share about aliases: the name rule, the checks on a PromotionRecord and the stored form of
// one move (file: and oci://).
import { InputError, ServiceError } from '../errors';
import { bytesDigest } from '../io/digest';
import { parseJson } from '../io/json';
import {
  AliasConflict,
  type AliasMove,
  latestVersion,
  modelNamePattern,
  type PromotionRecord,
} from './registry';

/**
 * Alias names: lowercase letters, digits, '.', '_', '-'; not all digits (that is a version), not `latest` (the
 * newest version), not starting with `sha256-` (the OCI referrers fallback tags), and what an OCI tag allows (first character not '.' or '-', at
 * most 128), which also keeps a file: alias from looking like a writer's hidden temporary file.
 */
const aliasNamePattern = /^[a-z0-9_][a-z0-9._-]{0,127}$/;
const versionPattern = /^[1-9][0-9]*$/;

export function isAliasName(name: string): boolean {
  return (
    aliasNamePattern.test(name) &&
    !/^[0-9]+$/.test(name) &&
    !name.startsWith('sha256-') &&
    name !== latestVersion
  );
}

/**
 * The alias names a model may be given, the same in every backend: a name one backend reserves is refused by
 * all, so a registry can move to another backend and a pipeline gives the same answer on each. Besides
 * isAliasName's rule, `v<number>` is reserved by MLflow (mlflow/utils/validation.py: it names version <number>).
 * Reading keeps isAliasName alone, so an alias written before this rule still shows.
 */
export function checkAliasName(alias: string): void {
  if (!isAliasName(alias) || /^v[0-9]+$/.test(alias))
    throw new InputError(
      `alias '${alias}': expected lowercase letters, digits, '.', '_', '-' (not all digits, not '${latestVersion}', not 'v<number>', not starting with 'sha256-': those name versions in some backend)`,
    );
}

export function checkModelName(model: string): void {
  if (!modelNamePattern.test(model))
    throw new InputError(
      `model name '${model}': expected lowercase letters and digits separated by '.', '_', '__' or '-' (e.g. churn-model)`,
    );
}

/** The record a caller hands to moveAlias: names, version numbers, action and time, each checked. */
export function checkPromotionRecord(record: PromotionRecord): void {
  checkModelName(record.model);
  checkAliasName(record.alias);
  if (typeof record.version !== 'string' || !versionPattern.test(record.version))
    throw new InputError(`promotion record: version '${record.version}': expected a version number`);
  if (record.previous !== null && !versionPattern.test(String(record.previous)))
    throw new InputError(
      `promotion record: previous '${record.previous}': expected a version number or null (no holder)`,
    );
  if (record.action !== 'promote' && record.action !== 'rollback')
    throw new InputError(`promotion record: action '${record.action}': expected promote or rollback`);
  if (typeof record.time !== 'string' || Number.isNaN(Date.parse(record.time)))
    throw new InputError(`promotion record: time '${record.time}': expected an ISO date and time`);
  if (!Array.isArray(record.evidence))
    throw new InputError('promotion record: evidence: expected a list of {kind, digest}');
}

/**
 * One move as stored: the record, and the digest of the move before it on the same alias (null: the first
 * move, or the alias was set without history before), so the history is a chain walkable without an index.
 * In file: previousMove is the previous stored move's digest; in oci:// the previous promotion manifest's.
 */
export interface StoredMove {
  record: PromotionRecord;
  previousMove: string | null;
}

/** The stored bytes of a move; their sha256 is AliasMove.digest. */
export function encodeMove(move: StoredMove): Buffer {
  return Buffer.from(`${JSON.stringify(move, null, 2)}\n`);
}

/** Parses stored move bytes; anything else is a corrupt registry (exit 3) naming where it was read. */
export function decodeMove(bytes: Uint8Array, where: string): { move: StoredMove; aliasMove: AliasMove } {
  const parsed = parseJson(bytes, where, 'service') as StoredMove;
  const record = parsed?.record;
  if (
    typeof record !== 'object' ||
    record === null ||
    typeof record.version !== 'string' ||
    typeof record.alias !== 'string' ||
    (parsed.previousMove !== null && typeof parsed.previousMove !== 'string')
  )
    throw new ServiceError(`${where}: not a stored alias move ({record, previousMove})`);
  return { move: parsed, aliasMove: { record, digest: bytesDigest(bytes) } };
}

/** The compare-and-swap failure: one line naming the alias, what the caller expected and what it found. */
export function aliasConflict(
  record: PromotionRecord,
  registry: string,
  found: string | null,
  detail = '',
): AliasConflict {
  const state = (version: string | null) => (version === null ? 'no holder' : `version ${version}`);
  return new AliasConflict(
    `alias '${record.alias}' of model '${record.model}' in ${registry} moved meanwhile: expected ${state(record.previous)}, found ${found === null ? 'no holder' : found}${detail}; nothing changed`,
  );
}

/** For aliasConflict's `found`: `version 3`. */
export const versionState = (version: string | null): string | null =>
  version === null ? null : `version ${version}`;
