import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, normalize, resolve } from 'node:path';
import { firstLine, InputError, ServiceError } from '../errors';
import type { Logger } from '../platform/platform';
import { registerCleanup } from '../process/interrupt';
import { openChangeRequest } from './change-request';
import { type DeployFileKind, type DeployTarget, editDeployFile } from './edit';
import { checkDeployRepo, type GitCredentials, maskGitText, runGit } from './git';
import { type DeployImage, pinnedReference } from './image-ref';

/** How many times a push rejected because the branch moved is tried again on the new head. */
export const pushAttempts = 4;

export interface HandoffInput {
  /** A git URL or a local path (relative to cwd). */
  repo: string;
  /** The branch to change; by default the repository's default branch. */
  branch?: string;
  /** The deploy repository's REST API root, for request mode on a host whose name says neither GitHub nor GitLab. */
  apiUrl?: string;
  /** Paths inside the repository. */
  files: string[];
  mode: 'commit' | 'request';
  target: DeployTarget;
  image: DeployImage;
  /** What the commit message names. */
  release: {
    model: string;
    version: string;
    alias: string;
    action: 'promote' | 'rollback';
    tag?: string;
    evidence: { kind: string; digest: string }[];
    pipelineUrl?: string;
  };
  dryRun: boolean;
  cwd: string;
  credentials: GitCredentials;
}

export interface HandoffResult {
  /** The repository as given (credentials never are: they are refused). */
  repo: string;
  branch: string;
  files: { path: string; kind: DeployFileKind }[];
  image: string;
  /** committed (pushed to the branch), requested (pushed to a request branch), unchanged, planned (dry run). */
  outcome: 'committed' | 'requested' | 'unchanged' | 'planned';
  commit?: string;
  /** The unified diff of the change (empty when unchanged). */
  diff: string;
  /** Pushes it took (more than one when the branch moved meanwhile). */
  attempts: number;
  changeRequest?: { url: string; number: number; created: boolean; branch: string };
}

/** A deploy repository cloned and edited, not yet pushed: what the change is, and how to push it. */
export interface PreparedHandoff {
  /** The unified diff of the change; empty when the files already hold the image. */
  diff: string;
  /** Commits and pushes (or, on a dry run, only reports the plan); retries on a moved branch. */
  publish(): Promise<HandoffResult>;
  /** Removes the clone (after publish, or when the hand-off is abandoned). */
  dispose(): Promise<void>;
}

/**
 * The GitOps hand-off, as Kargo's promotion steps do it: clone the deploy repository's branch (shallow), set the
 * image by digest in each file, commit, push. Split in two so that everything that can be wrong with the input
 * (a missing branch, file, entry or container) fails before the alias moves: prepare clones and edits, publish
 * commits and pushes. A push refused because the branch moved is redone from a fresh fetch of the new head (the
 * edit applied again, no textual rebase); after `pushAttempts` it gives up with nothing pushed. The clone lives
 * in a temporary directory, removed by dispose (or on an interrupt).
 */
export async function prepareHandoff(
  input: HandoffInput,
  options: { logger: Logger },
): Promise<PreparedHandoff> {
  checkHandoff(input.repo, input.files);
  const source = isRemote(input.repo) ? input.repo : resolve(input.cwd, input.repo);
  const work = await mkdtemp(join(tmpdir(), 'mlci-deploy-'));
  // Interrupted, the clone goes too; a push is atomic on the server, so nothing there is half-done.
  const removeClone = registerCleanup(async () => {
    await rm(work, { recursive: true, force: true });
    return 'removed the clone of the deploy repository';
  });
  const dispose = async () => {
    await removeClone.run();
  };
  const git = async (args: string[], what: string) => {
    const output = await runGit(args, work, input.credentials);
    if (output.code !== 0)
      throw new ServiceError(
        `deploy repository ${input.repo}: git ${what} failed: ${firstLine(maskGitText(output.stderr, input.credentials))}`,
      );
    return output.stdout.trim();
  };
  const edit = async () => {
    const files = await applyEdits(work, input);
    const diff = await git(['-c', 'core.quotepath=off', 'diff', '--no-color', '--', ...input.files], 'diff');
    return { files, diff: diff === '' ? '' : `${diff}\n` };
  };
  try {
    const branchArgs = input.branch ? ['--branch', input.branch] : [];
    const cloned = await runGit(
      ['clone', '--quiet', '--depth', '1', '--single-branch', ...branchArgs, '--', source, work],
      input.cwd,
      input.credentials,
    );
    if (cloned.code !== 0) {
      const reason = firstLine(maskGitText(cloned.stderr, input.credentials));
      if (input.branch && /Remote branch .* not found/i.test(cloned.stderr))
        throw new InputError(`deploy-branch ${input.branch}: no such branch in ${input.repo}`);
      throw new ServiceError(`deploy repository ${input.repo}: git clone failed: ${reason}`);
    }
    const branch = input.branch ?? (await git(['symbolic-ref', '--short', 'HEAD'], 'symbolic-ref'));
    const first = await edit();
    const image = pinnedReference(input.image);
    const base = { repo: input.repo, branch, image };
    const publish = async (): Promise<HandoffResult> => {
      let current = first;
      for (let attempt = 1; ; attempt++) {
        const { files, diff } = current;
        if (diff === '') {
          options.logger.info(`deploy: ${input.files.join(', ')} in ${input.repo} already run ${image}`);
          return { ...base, files, outcome: 'unchanged', diff, attempts: attempt - 1 };
        }
        if (input.dryRun) {
          options.logger.info(
            `deploy (dry run, nothing pushed): the change to ${branch} of ${input.repo}:\n${diff}`,
          );
          return { ...base, files, outcome: 'planned', diff, attempts: 0 };
        }
        await git(['add', '--', ...input.files], 'add');
        await git(
          [
            '-c',
            'user.name=mlci',
            '-c',
            'user.email=mlci@users.noreply.invalid',
            'commit',
            '--quiet',
            '-m',
            commitMessage(input),
          ],
          'commit',
        );
        const commit = await git(['rev-parse', 'HEAD'], 'rev-parse');
        if (input.mode === 'request') {
          const requestBranch = `mlci/deploy/${input.release.model}-${input.release.alias}`;
          // The request branch is mlci's own, made again from the target's head each time: force is safe.
          await git(['push', '--quiet', '--force', 'origin', `HEAD:refs/heads/${requestBranch}`], 'push');
          const request = await openChangeRequest(
            {
              repoUrl: input.repo,
              sourceBranch: requestBranch,
              targetBranch: branch,
              title: commitMessage(input).split('\n')[0] as string,
              body: commitMessage(input),
              ...(input.credentials.token ? { token: input.credentials.token } : {}),
              ...(input.apiUrl !== undefined ? { apiUrl: input.apiUrl } : {}),
            },
            options,
          );
          return {
            ...base,
            files,
            outcome: 'requested',
            commit,
            diff,
            attempts: attempt,
            changeRequest: { ...request, branch: requestBranch },
          };
        }
        const pushed = await runGit(
          ['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`],
          work,
          input.credentials,
        );
        if (pushed.code === 0) {
          options.logger.info(`deploy: pushed ${commit.slice(0, 12)} to ${branch} of ${input.repo}`);
          return { ...base, files, outcome: 'committed', commit, diff, attempts: attempt };
        }
        const said = maskGitText(`${pushed.stdout}\n${pushed.stderr}`, input.credentials);
        if (!/rejected|failed to update ref|fetch first|non-fast-forward|stale info/i.test(said))
          throw new ServiceError(`deploy repository ${input.repo}: git push failed: ${firstLine(said)}`);
        const reason = (said.split('\n').find((line) => /rejected/i.test(line)) ?? firstLine(said)).trim();
        if (attempt >= pushAttempts)
          throw new ServiceError(
            `deploy repository ${input.repo}: ${attempt} pushes to ${branch} were rejected (the branch kept moving, or the server refuses: ${reason}); nothing was pushed`,
          );
        options.logger.info(
          `deploy: push to ${branch} of ${input.repo} rejected (${reason}): applying the change again on the branch's new head`,
        );
        await git(['fetch', '--quiet', '--depth', '1', 'origin', branch], 'fetch');
        await git(['reset', '--quiet', '--hard', 'FETCH_HEAD'], 'reset');
        current = await edit();
      }
    };
    return { diff: first.diff, publish, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

async function applyEdits(work: string, input: HandoffInput): Promise<HandoffResult['files']> {
  const files: HandoffResult['files'] = [];
  for (const path of input.files) {
    let text: string;
    try {
      text = await readFile(join(work, path), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new InputError(
          `deploy-file ${path}: not in ${input.repo}${input.branch ? ` (branch ${input.branch})` : ''}`,
        );
      throw error;
    }
    const edited = editDeployFile(text, path, input.image, input.target);
    if (edited.changed) await writeFile(join(work, path), edited.text);
    files.push({ path, kind: edited.kind });
  }
  return files;
}

/** Model, version, alias, release tag, image, evidence digests and pipeline: what a reviewer of the deploy repository needs. */
function commitMessage(input: HandoffInput): string {
  const { release } = input;
  const verb = release.action === 'rollback' ? 'roll back' : 'deploy';
  return [
    `${verb} ${release.model} version ${release.version} to ${release.alias}${release.tag ? ` (${release.tag})` : ''}`,
    '',
    `model: ${release.model}`,
    `version: ${release.version}`,
    `alias: ${release.alias}`,
    ...(release.tag ? [`release tag: ${release.tag}`] : []),
    `image: ${pinnedReference(input.image)}`,
    ...release.evidence.map((item) => `evidence ${item.kind}: ${item.digest}`),
    ...(release.pipelineUrl ? [`pipeline: ${release.pipelineUrl}`] : []),
  ].join('\n');
}

/** A URL or scp-like address (`git@host:path`) rather than a path on disk. */
function isRemote(repo: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(repo) || /^[^/\\]+@[^/\\]+:/.test(repo);
}

/** What can be checked before anything moves: no credentials in the URL, file paths inside the repository. */
export function checkHandoff(repo: string, files: readonly string[]): void {
  checkDeployRepo(repo);
  for (const file of files) checkRepoPath(file);
}

/** A deploy file is a path inside the repository: never absolute, never out through `..`. */
function checkRepoPath(file: string): void {
  const normal = normalize(file);
  if (isAbsolute(file) || normal.startsWith('..') || normal === '.')
    throw new InputError(`deploy-file ${file}: give a path inside the deploy repository`);
}
