import { parseGitUrl } from '../io/git-url';
/**
 * The pull or merge request a build is for, as its review host's API sees it. CIs that are not review hosts
 * themselves (Jenkins, Bamboo) give only the change's web page (Jenkins' CHANGE_URL) or the repository's URL and
 * the request's number; the API is derived from it, or taken from MLCI_GITHUB_API_URL / MLCI_GITLAB_URL /
 * MLCI_BITBUCKET_URL / MLCI_BITBUCKET_API_URL when the derivation cannot know it (a server under a path prefix,
 * a proxy, a test server).
 */
export type ChangeTarget =
  | {
      host: 'github';
      /** REST root: `https://api.github.com`, or `https://HOST/api/v3` on GitHub Enterprise Server. */
      apiUrl: string;
      owner: string;
      repo: string;
      number: number;
    }
  | {
      host: 'gitlab';
      /** Instance URL, e.g. `https://gitlab.com`; the API is under `/api/v4`. */
      url: string;
      /** `group/subgroup/project`; the client URL-encodes it as the project id. */
      projectPath: string;
      iid: number;
    }
  | {
      host: 'bitbucket-server';
      /** Bitbucket Data Center's URL with its context path (`https://bitbucket.acme.com/bitbucket`). */
      baseUrl: string;
      /** The project key (`PROJ`), or `~USER` for a personal repository. */
      projectKey: string;
      repo: string;
      number: number;
    }
  | {
      host: 'bitbucket-cloud';
      /** The REST root: `https://api.bitbucket.org/2.0`. */
      apiUrl: string;
      workspace: string;
      repo: string;
      number: number;
    };

export interface ApiOverrides {
  /** MLCI_GITHUB_API_URL: REST root to use instead of the one derived from CHANGE_URL. */
  githubApiUrl?: string;
  /** MLCI_GITLAB_URL: the GitLab instance URL, including any path prefix it is served under. */
  gitlabUrl?: string;
  /** MLCI_BITBUCKET_URL: Bitbucket Data Center's URL, including its context path. */
  bitbucketUrl?: string;
  /** MLCI_BITBUCKET_API_URL: Bitbucket Cloud's REST root to use instead of https://api.bitbucket.org/2.0. */
  bitbucketApiUrl?: string;
}

/** The overrides from the environment (the variables named in ApiOverrides). */
export function apiOverridesFromEnv(env: NodeJS.ProcessEnv): ApiOverrides {
  const pick = (name: string) => env[name] || undefined;
  const overrides: ApiOverrides = {};
  const githubApiUrl = pick('MLCI_GITHUB_API_URL');
  const gitlabUrl = pick('MLCI_GITLAB_URL');
  const bitbucketUrl = pick('MLCI_BITBUCKET_URL');
  const bitbucketApiUrl = pick('MLCI_BITBUCKET_API_URL');
  if (githubApiUrl) overrides.githubApiUrl = githubApiUrl;
  if (gitlabUrl) overrides.gitlabUrl = gitlabUrl;
  if (bitbucketUrl) overrides.bitbucketUrl = bitbucketUrl;
  if (bitbucketApiUrl) overrides.bitbucketApiUrl = bitbucketApiUrl;
  return overrides;
}

const gitlabChange = /^\/([^/]+(?:\/[^/]+)+?)\/(?:-\/)?merge_requests\/([1-9][0-9]*)\/?$/;
const githubChange = /^\/([^/]+)\/([^/]+)\/pull\/([1-9][0-9]*)\/?$/;
// Data Center: /projects/KEY/repos/SLUG/pull-requests/N (or /users/NAME/… for a personal repository), then a tab.
const bitbucketServerChange =
  /^(.*?)\/(projects|users)\/([^/]+)\/repos\/([^/]+)\/pull-requests\/([1-9][0-9]*)(?:\/[a-z-]*)?\/?$/;
// Cloud: bitbucket.org/WORKSPACE/SLUG/pull-requests/N, then a tab.
const bitbucketCloudChange = /^\/([^/]+)\/([^/]+)\/pull-requests\/([1-9][0-9]*)(?:\/[a-z-]*)?\/?$/;

/**
 * Parses a change request's web page (Jenkins' CHANGE_URL); undefined when it is not a GitHub pull request, GitLab
 * merge request or Bitbucket (Data Center or Cloud) pull request page.
 */
export function parseChangeUrl(changeUrl: string, overrides: ApiOverrides = {}): ChangeTarget | undefined {
  let url: URL;
  let path: string;
  try {
    url = new URL(changeUrl);
    path = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;

  const gitlabBase = overrides.gitlabUrl?.replace(/\/+$/, '');
  // A GitLab under a path prefix (https://example.com/gitlab/group/project) is only told apart from its
  // groups by the configured instance URL.
  const prefix =
    gitlabBase && changeUrl.startsWith(`${gitlabBase}/`)
      ? new URL(gitlabBase).pathname.replace(/\/+$/, '')
      : '';
  const gitlab = gitlabChange.exec(path.slice(prefix.length));
  // A project lives in a namespace (`group/project`); `-` separates the project path from its pages.
  if (gitlab?.[1] && gitlab[2] && !gitlab[1].split('/').includes('-')) {
    return { host: 'gitlab', url: gitlabBase || url.origin, projectPath: gitlab[1], iid: Number(gitlab[2]) };
  }

  const github = githubChange.exec(path);
  if (github?.[1] && github[2] && github[3]) {
    const apiUrl =
      overrides.githubApiUrl?.replace(/\/+$/, '') ||
      (url.hostname === 'github.com' ? 'https://api.github.com' : `${url.origin}/api/v3`);
    return { host: 'github', apiUrl, owner: github[1], repo: github[2], number: Number(github[3]) };
  }

  if (url.hostname === 'bitbucket.org') {
    const cloud = bitbucketCloudChange.exec(path);
    if (cloud?.[1] && cloud[2] && cloud[3])
      return {
        host: 'bitbucket-cloud',
        apiUrl: overrides.bitbucketApiUrl?.replace(/\/+$/, '') || 'https://api.bitbucket.org/2.0',
        workspace: cloud[1],
        repo: cloud[2],
        number: Number(cloud[3]),
      };
    return undefined;
  }
  const server = bitbucketServerChange.exec(path);
  if (server?.[3] && server[4] && server[5]) {
    const baseUrl = overrides.bitbucketUrl?.replace(/\/+$/, '') || `${url.origin}${server[1] ?? ''}`;
    return {
      host: 'bitbucket-server',
      baseUrl,
      projectKey: server[2] === 'users' ? `~${server[3]}` : server[3],
      repo: server[4],
      number: Number(server[5]),
    };
  }
  return undefined;
}

/** The repository of the change request: `owner/repo`, `group/project`, `PROJ/repo`, `workspace/repo`. */
export function changeTargetRepository(target: ChangeTarget): string {
  switch (target.host) {
    case 'github':
      return `${target.owner}/${target.repo}`;
    case 'gitlab':
      return target.projectPath;
    case 'bitbucket-server':
      return `${target.projectKey}/${target.repo}`;
    case 'bitbucket-cloud':
      return `${target.workspace}/${target.repo}`;
  }
}

/** The change request's name in messages: `acme/churn#42`, `ml/team/churn!5`, `PROJ/churn#7`. */
export function changeTargetName(target: ChangeTarget): string {
  switch (target.host) {
    case 'github':
      return `${target.owner}/${target.repo}#${target.number}`;
    case 'gitlab':
      return `${target.projectPath}!${target.iid}`;
    case 'bitbucket-server':
      return `${target.projectKey}/${target.repo}#${target.number}`;
    case 'bitbucket-cloud':
      return `${target.workspace}/${target.repo}#${target.number}`;
  }
}

/** `owner/repo` or `group/project` from a clone URL (https, ssh, or scp-like `git@host:path`). */
export function repositoryFromGitUrl(gitUrl: string): string | undefined {
  const segments = parseGitUrl(gitUrl)?.segments ?? [];
  return segments.length >= 2 ? segments.join('/') : undefined;
}
