import { type CiContext, definedField, parseGitUrl, positiveInteger } from '@mlci/core';

/**
 * Bamboo gives a task its build's facts as variables; a script task sees each as an environment variable named
 * `bamboo_` + the variable's name with dots as underscores (`bamboo.planRepository.revision` is
 * `bamboo_planRepository_revision`). The names used here are those of Bamboo's variable reference
 * (https://confluence.atlassian.com/bamboo/bamboo-variables-289277087.html, the same on the 8.x, 9.x and 10.x
 * pages; docs/bamboo.md lists them with the versions that have them).
 */

/** Where the plan's repository is reviewed, as far as its clone URL tells. */
export interface BambooRepository {
  host: 'bitbucket-server' | 'bitbucket-cloud' | 'github' | 'gitlab' | 'other';
  /** `PROJ/slug` (Bitbucket Data Center), `workspace/slug`, `owner/name`, `group/project`. */
  repository?: string;
  /** The repository's web page, without credentials or `.git`. */
  webUrl?: string;
}

/**
 * The review host of a clone URL (https, ssh or scp-like `git@host:path`). Bitbucket Cloud, GitHub and GitLab
 * are known by their host (bitbucket.org, github.com, gitlab.com); Bitbucket Data Center by its `/scm/KEY/slug`
 * http path (under any context path) or its default SSH port 7999. MLCI_BITBUCKET_URL (Data Center's base URL),
 * MLCI_GITHUB_API_URL (GitHub Enterprise's REST root) and MLCI_GITLAB_URL (a GitLab instance, with its path
 * prefix) name self-hosted instances the URL alone cannot tell.
 */
export function repositoryOfCloneUrl(cloneUrl: string, env: NodeJS.ProcessEnv = {}): BambooRepository {
  const clone = parseGitUrl(cloneUrl);
  if (!clone) return { host: 'other' };
  const { scheme, hostname, authority, segments } = clone;
  const https = scheme === 'https' || scheme === 'http';

  if (hostname === 'bitbucket.org' && segments.length === 2) {
    const [workspace, slug] = segments as [string, string];
    return {
      host: 'bitbucket-cloud',
      repository: `${workspace}/${slug}`,
      webUrl: `https://bitbucket.org/${workspace}/${slug}`,
    };
  }

  const bitbucketBase = baseUrl(env.MLCI_BITBUCKET_URL);
  const scm = segments.lastIndexOf('scm');
  if (https && scm >= 0 && scm === segments.length - 3) {
    const [key, slug] = segments.slice(scm + 1) as [string, string];
    const base =
      bitbucketBase ??
      `${scheme}://${authority}${segments
        .slice(0, scm)
        .map((s) => `/${s}`)
        .join('')}`;
    return bitbucketServer(base, key, slug);
  }
  if (segments.length === 2 && (hostOf(bitbucketBase) === hostname || (!https && clone.port === '7999'))) {
    const [key, slug] = segments as [string, string];
    return bitbucketServer(bitbucketBase ?? `https://${hostname}`, key, slug);
  }

  const githubApi = baseUrl(env.MLCI_GITHUB_API_URL);
  if (segments.length === 2 && (hostname === 'github.com' || hostOf(githubApi) === hostname)) {
    const web = githubApi && hostname !== 'github.com' ? new URL(githubApi).origin : `https://${hostname}`;
    return { host: 'github', repository: segments.join('/'), webUrl: `${web}/${segments.join('/')}` };
  }

  const gitlabBase = baseUrl(env.MLCI_GITLAB_URL);
  if (hostname === 'gitlab.com' || hostOf(gitlabBase) === hostname) {
    const base = gitlabBase && hostname !== 'gitlab.com' ? gitlabBase : `https://${hostname}`;
    // An https clone URL of a GitLab under a path prefix carries the prefix; ssh ones do not.
    const prefix = new URL(base).pathname.split('/').filter(Boolean);
    const path = https && startsWith(segments, prefix) ? segments.slice(prefix.length) : segments;
    if (path.length >= 2)
      return { host: 'gitlab', repository: path.join('/'), webUrl: `${base}/${path.join('/')}` };
  }

  return {
    host: 'other',
    ...(segments.length >= 2 ? { repository: segments.join('/') } : {}),
    ...(scheme === 'https' ? { webUrl: `https://${authority}/${segments.join('/')}` } : {}),
  };
}

/** The page of pull request `number` of a repository, where the host and the URL tell it. */
export function pullRequestUrl(repository: BambooRepository, number: number): string | undefined {
  if (!repository.webUrl) return undefined;
  switch (repository.host) {
    case 'bitbucket-server':
    case 'bitbucket-cloud':
      return `${repository.webUrl}/pull-requests/${number}`;
    case 'github':
      return `${repository.webUrl}/pull/${number}`;
    case 'gitlab':
      return `${repository.webUrl}/-/merge_requests/${number}`;
    default:
      return undefined;
  }
}

/**
 * The build's context from Bamboo's variables (a pure function of them):
 *
 * - commit `bamboo_planRepository_revision`; branch `bamboo_planRepository_branchName` (else `…_branch`), on a
 *   pull request build `bamboo_repository_pr_sourceBranch`;
 * - the pull request `bamboo_repository_pr_key` with `bamboo_repository_pr_targetBranch`, its page derived from
 *   `bamboo_planRepository_repositoryUrl` (Bitbucket Data Center and Cloud, GitHub, GitLab);
 * - runUrl `bamboo_resultsUrl` (else `bamboo_buildResultsUrl`), pipeline the plan's result key
 *   (`bamboo_planKey`-`bamboo_buildNumber`), job `bamboo_buildResultKey`, jobName `bamboo_shortJobName`, actor
 *   `bamboo_ManualBuildTriggerReason_userName` (set on manual runs only);
 * - tag: Bamboo has no tag variable. A "Run customised" build of a revision that is neither a commit id nor the
 *   branch (`bamboo_customRevision`, e.g. `v1.4.0`) builds that tag; any other release build passes `--tag`.
 */
export function bambooContext(env: NodeJS.ProcessEnv): CiContext {
  const cloneUrl = env.bamboo_planRepository_repositoryUrl || undefined;
  const repository = cloneUrl ? repositoryOfCloneUrl(cloneUrl, env) : undefined;
  const planBranch = branchName(env.bamboo_planRepository_branchName || env.bamboo_planRepository_branch);
  const changeNumber = positiveInteger(env.bamboo_repository_pr_key);
  const tag = changeNumber ? undefined : tagOfCustomRevision(env.bamboo_customRevision, planBranch);
  const branch = changeNumber
    ? branchName(env.bamboo_repository_pr_sourceBranch) || planBranch
    : tag
      ? undefined
      : planBranch;
  const planKey = env.bamboo_planKey || undefined;
  const buildNumber = positiveInteger(env.bamboo_buildNumber);
  const actor = env.bamboo_ManualBuildTriggerReason_userName || undefined;
  const context: CiContext = {
    platform: 'bamboo',
    ...definedField('repository', repository?.repository),
    ...definedField('repositoryUrl', repository?.webUrl),
    ...definedField('commit', env.bamboo_planRepository_revision || undefined),
    ...definedField('branch', branch),
    ...definedField('tag', tag),
    ...definedField('runUrl', env.bamboo_resultsUrl || env.bamboo_buildResultsUrl || undefined),
    // The plan's result (PROJ-PLAN-12) holds every job of the run; the job's result is PROJ-PLAN-JOB-12.
    ...definedField('pipeline', planKey && buildNumber ? `${planKey}-${buildNumber}` : planKey),
    ...definedField('job', env.bamboo_buildResultKey || undefined),
    ...definedField('jobName', env.bamboo_shortJobName || undefined),
    ...definedField('actor', actor),
  };
  if (changeNumber) {
    context.changeRequest = {
      number: changeNumber,
      ...definedField('url', repository ? pullRequestUrl(repository, changeNumber) : undefined),
      ...definedField('targetBranch', branchName(env.bamboo_repository_pr_targetBranch)),
    };
    context.event =
      repository?.host === 'gitlab'
        ? 'merge_request_event'
        : repository?.host === 'other' || !repository
          ? 'change_request'
          : 'pull_request';
  } else if (actor) {
    context.event = 'manual';
  }
  return context;
}

function bitbucketServer(base: string, key: string, slug: string): BambooRepository {
  // A personal repository (`/scm/~jdoe/slug`) is under /users; a project's key is upper case in its pages.
  const owner = key.startsWith('~') ? `users/${key.slice(1)}` : `projects/${key.toUpperCase()}`;
  return {
    host: 'bitbucket-server',
    repository: `${key.startsWith('~') ? key : key.toUpperCase()}/${slug}`,
    webUrl: `${base}/${owner}/repos/${slug}`,
  };
}

/** A configured base URL without its trailing slashes; undefined when unset or not a URL. */
function baseUrl(text: string | undefined): string | undefined {
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
}

function hostOf(base: string | undefined): string | undefined {
  return base ? new URL(base).hostname : undefined;
}

function startsWith(segments: string[], prefix: string[]): boolean {
  return prefix.every((segment, i) => segments[i] === segment);
}

/** Bamboo gives some branches as refs (`refs/heads/main`); the context has branch names. */
function branchName(text: string | undefined): string | undefined {
  return text?.replace(/^refs\/heads\//, '') || undefined;
}

/** The tag a customised run builds: its revision when that is neither a commit id nor the plan's branch. */
function tagOfCustomRevision(revision: string | undefined, branch: string | undefined): string | undefined {
  const ref = revision?.trim().replace(/^refs\/tags\//, '');
  if (!ref || /^[0-9a-f]{7,64}$/i.test(ref) || ref === branch || ref.startsWith('refs/')) return undefined;
  return ref;
}
