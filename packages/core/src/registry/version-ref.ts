// The one form every option that names a model version takes (evaluate and build-image --attach-to,
// evaluate's registry: baselines, promote --version, `mlci model show`), and how it finds the version.
import { InputError } from '../errors';
import type { CiContext } from '../platform/platform';
import { headCommit } from '../process/git';
import { checkModelName, isAliasName } from './alias-move';
import { registeredFrom } from './registrations';
import { latestVersion, type ModelRegistry, type ModelVersion } from './registry';

/**
 * `NAME@VERSION`, `NAME@ALIAS`, `NAME@latest`, or NAME alone (where a version may be left out: the newest
 * version registered from the current commit). For zod schemas; parseModelRef says what is wrong.
 */
export const modelRefPattern = /^[^@\s]+(?:@[^@\s]+)?$/;

/** A model version as given: `version` a number, an alias or `latest`; undefined for NAME alone. */
export interface ModelRef {
  model: string;
  version?: string;
}

export const modelRefForms = 'NAME@VERSION, NAME@ALIAS or NAME@latest';

/** Parses `NAME[@VERSION]`; `option` names where it came from in the one-line error (exit 2), '' for none. */
export function parseModelRef(text: string, option: string, { versionOptional = false } = {}): ModelRef {
  const prefix = option === '' ? '' : `${option}: `;
  const forms = versionOptional
    ? `NAME (the version this commit registered), ${modelRefForms}`
    : modelRefForms;
  const at = text.indexOf('@');
  const model = at < 0 ? text : text.slice(0, at);
  const version = at < 0 ? undefined : text.slice(at + 1);
  if (
    model === '' ||
    (version === undefined && !versionOptional) ||
    (version !== undefined &&
      !/^[1-9][0-9]*$/.test(version) &&
      version !== latestVersion &&
      !isAliasName(version))
  )
    throw new InputError(`${prefix}'${text}': expected ${forms}`);
  try {
    checkModelName(model);
  } catch (error) {
    throw new InputError(`${prefix}${(error as Error).message}`);
  }
  return version === undefined ? { model } : { model, version };
}

/**
 * The commits a run is on, as train records them: git HEAD, else the CI's commit; both when they differ (a
 * GitHub pull request checks out the merge commit, the CI names the head commit).
 */
export async function currentCommits(cwd: string, context: CiContext): Promise<string[]> {
  const head = await headCommit(cwd);
  const commits = head ? [head] : [];
  if (context.commit && !commits.includes(context.commit)) commits.push(context.commit);
  return commits;
}

/**
 * The version registered from `commit` (a full SHA or a prefix): the newest of those whose registrations name
 * it (a deterministic trainer registers the same version from several commits; a commit may also have
 * registered several versions, e.g. one per run of a matrix). Undefined when none was.
 */
export async function versionRegisteredFrom(
  registry: ModelRegistry,
  model: string,
  commit: string,
): Promise<ModelVersion | undefined> {
  return (await registry.listVersions(model)).filter((version) => registeredFrom(version, commit)).at(-1);
}

/**
 * The version a reference names. NAME alone: the newest version registered from the current commit
 * (currentCommits); none is an InputError naming the model and the commit.
 */
export async function resolveModelRef(
  registry: ModelRegistry,
  ref: ModelRef,
  where: { option: string; cwd: string; context: CiContext },
): Promise<ModelVersion> {
  if (ref.version !== undefined) return registry.getVersion(ref.model, ref.version);
  const commits = await currentCommits(where.cwd, where.context);
  if (commits.length === 0)
    throw new InputError(
      `${where.option}: '${ref.model}' names no version and this run has no commit (not a git checkout, and the CI names none): give ${ref.model}@VERSION or ${ref.model}@latest`,
    );
  for (const commit of commits) {
    const found = await versionRegisteredFrom(registry, ref.model, commit);
    if (found) return found;
  }
  throw new InputError(
    `${where.option}: no version of ${ref.model} in ${registry.uri} was registered from commit ${commits.join(' or ')} (train --register ${ref.model} on this commit first, or give ${ref.model}@VERSION)`,
  );
}
