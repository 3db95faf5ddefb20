/**
 * The pull or merge request a Jenkins build is for, as its host's API sees it. Jenkins gives only the
 * web page of the change (CHANGE_URL, set by the GitHub and GitLab branch sources); the API is derived
 * from it, or taken from MLCI_GITHUB_API_URL / MLCI_GITLAB_URL when the derivation cannot know it
 * (a GitLab served under a path prefix, a proxy, a test server).
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
    };

export interface ApiOverrides {
  /** MLCI_GITHUB_API_URL: REST root to use instead of the one derived from CHANGE_URL. */
  githubApiUrl?: string;
  /** MLCI_GITLAB_URL: the GitLab instance URL, including any path prefix it is served under. */
  gitlabUrl?: string;
}

const gitlabChange = /^\/([^/]+(?:\/[^/]+)+?)\/(?:-\/)?merge_requests\/([1-9][0-9]*)\/?$/;
const githubChange = /^\/([^/]+)\/([^/]+)\/pull\/([1-9][0-9]*)\/?$/;

/** Parses CHANGE_URL; undefined when it is not a GitHub pull request or GitLab merge request page. */
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
  return undefined;
}

/** `owner/repo` or `group/project` from a clone URL (https, ssh, or scp-like `git@host:path`). */
export function repositoryFromGitUrl(gitUrl: string): string | undefined {
  const scpLike = /^[^@/\s]+@[^:/\s]+:(?!\/\/)(.+)$/.exec(gitUrl);
  let path: string | undefined = scpLike?.[1];
  if (path === undefined) {
    try {
      path = new URL(gitUrl).pathname;
    } catch {
      return undefined;
    }
  }
  const repository = path
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
  return repository.includes('/') ? repository : undefined;
}
