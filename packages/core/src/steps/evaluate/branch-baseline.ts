import { InputError } from '../../errors';
import { readZip, type ZipEntry, ZipFormatError } from '../../io/zip';
import type { StepEnvironment } from '../../step';
import type { Side } from './compare';
import type { EvaluateInput } from './input';
import { readStoredSide } from './stored-side';

/** The branch a baseline source `branch:NAME` or `target-branch` stands for in this run. */
export function branchOf(source: string, environment: StepEnvironment): string {
  if (source !== 'target-branch') {
    const name = source.slice('branch:'.length).trim();
    if (name === '') throw new InputError(`baseline: '${source}': expected branch:NAME`);
    return name;
  }
  const { context } = environment;
  const branch = context.changeRequest?.targetBranch ?? context.defaultBranch;
  if (!branch)
    throw new InputError(
      `baseline: target-branch: this ${context.platform} run names no target or default branch; give branch:NAME`,
    );
  return branch;
}

/**
 * The entry `file` names: that exact path, else the single entry whose path ends with `/file` (artifacts keep
 * the directory they were collected from, `.mlci/evaluate.json`).
 */
export function findEntry(entries: readonly ZipEntry[], file: string, where: string): ZipEntry {
  const wanted = file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  const files = entries.filter((entry) => !entry.isDirectory);
  const exact = files.find((entry) => entry.name === wanted);
  if (exact) return exact;
  const matches = files.filter((entry) => entry.name.endsWith(`/${wanted}`));
  if (matches.length === 1) return matches[0] as ZipEntry;
  const list = (found: readonly ZipEntry[]) => {
    const names = found.slice(0, 10).map((entry) => entry.name);
    return `${names.join(', ')}${found.length > 10 ? ` and ${found.length - 10} more` : ''}`;
  };
  if (matches.length > 1)
    throw new InputError(
      `baseline-file: '${file}' matches ${matches.length} files in ${where}: ${list(matches)}; give its path`,
    );
  throw new InputError(
    `baseline-file: no '${file}' in ${where}, which holds ${files.length === 0 ? 'no files' : list(files)}`,
  );
}

/**
 * Reads a branch baseline: the newest `baseline-artifact` of the branch from the CI, the `baseline-file` in
 * it read as any other side (a predictions file gives paired statistics; evaluate.json its metrics and data
 * digest). `readSide` is evaluate's reader of a file side.
 */
export async function readBranchSide(
  source: string,
  input: EvaluateInput,
  environment: StepEnvironment,
  readSide: (file: string) => Promise<Side>,
): Promise<{ side: Side; source: string }> {
  const branch = branchOf(source, environment);
  const artifacts = environment.artifacts;
  if (!artifacts)
    throw new InputError(
      `baseline: ${source} needs a CI whose stored artifacts mlci reads (docs/evaluate.md), not ${environment.context.platform}; give a file or registry:NAME@VERSION`,
    );
  const name = input.baselineArtifact;
  const found = await artifacts.latest(branch, name);
  if (!found)
    throw new InputError(
      `baseline: no '${name}' artifact of a successful run on branch '${branch}' in the ${artifacts.description} (run evaluate on ${branch} and keep its artifacts, see docs/evaluate.md)`,
    );
  const where = `the '${name}' artifact of branch '${branch}' (${found.origin})`;
  let content: Buffer;
  let entry: ZipEntry;
  try {
    const archive = readZip(found.archive);
    entry = findEntry(archive.entries, input.baselineFile, where);
    content = archive.read(entry);
  } catch (error) {
    if (error instanceof ZipFormatError) throw new InputError(`baseline: ${where}: ${error.message}`);
    throw error;
  }
  environment.logger.info(`baseline: ${entry.name} of ${where}`);
  // Messages name the entry and its artifact, not the scratch file it is read through.
  const side = await readStoredSide(entry.name, content, `${entry.name} of ${where}`, readSide);
  const label = source === 'target-branch' ? `target-branch (${branch})` : source;
  return { side, source: `${label}: ${entry.name} from ${found.origin}` };
}
