// `--deploy-mode request`: the hand-off's branch becomes a pull request (GitHub) or merge request (GitLab) in the
// deploy repository. The host is the deploy repository's, chosen by its URL, not by the CI mlci runs in: a GitLab
// pipeline may well hand off to a GitHub repository of manifests.

import { InputError, ServiceError } from '../errors';
import { BodyLimitError, bodyLimits, boundedFetch, readBodyJson } from '../io/bounded-body';
import { parseGitUrl } from '../io/git-url';
import { statusLine } from '../io/http-get';
import { isNetworkError, networkReason } from '../io/network-error';
import { withRetries } from '../io/retry';
import type { Logger } from '../platform/platform';
import { fitToLimit } from '../report/markdown';
import { maskUriCredentials } from '../report/mask-uri';
import { deployTokenVariable, maskGitText } from './git';

export interface ChangeRequestInput {
  /** The deploy repository as git clones it: `https://HOST/OWNER/REPO.git`, `git@HOST:GROUP/SUB/PROJECT.git`. */
  repoUrl: string;
  sourceBranch: string;
  targetBranch: string;
  title: string;
  body: string;
  /** MLCI_DEPLOY_TOKEN (deployTokenVariable): required, GitHub and GitLab open nothing anonymously. */
  token?: string;
  /**
   * The REST root, for hosts whose name does not say what they are: `https://HOST/api/v3` (GitHub Enterprise
   * Server) or `https://HOST/api/v4` (GitLab). Its path also tells the kind of host (see deployHostOf).
   */
  apiUrl?: string;
}

export interface ChangeRequestResult {
  url: string;
  /** The pull request's number, the merge request's iid: `#12`, `!12`. */
  number: number;
  /** False when an open one from the same source branch existed and was updated in place. */
  created: boolean;
}

export type DeployHostKind = 'github' | 'gitlab';

/** Where the deploy repository's API is and what it calls the repository. */
export interface DeployHost {
  kind: DeployHostKind;
  /** REST root without a trailing slash. */
  apiUrl: string;
  /** `OWNER/REPO` on GitHub, `GROUP/SUB/PROJECT` on GitLab. */
  project: string;
}

/** GitHub refuses longer pull request bodies (characters); GitLab takes 1,000,000 for a description. */
const bodyLimit: Record<DeployHostKind, number> = { github: 65_536, gitlab: 1_000_000 - 10_000 };

/** Per request, headers and body; a hung API must not stall the release job. */
const requestDeadlineMs = 30_000;

/** What a host name alone says: github.com, gitlab.com, or a first label that starts with github/gitlab. */
function kindOfHostName(host: string): DeployHostKind | undefined {
  if (host === 'github.com' || host === 'api.github.com') return 'github';
  if (host === 'gitlab.com') return 'gitlab';
  const first = host.split('.')[0] ?? '';
  if (first.startsWith('github')) return 'github';
  if (first.startsWith('gitlab')) return 'gitlab';
  return undefined;
}

/** What an API URL says: its path (`/api/v3` GitHub Enterprise, `/api/v4` GitLab), else its host name. */
function kindOfApiUrl(apiUrl: string): DeployHostKind | undefined {
  const { hostname, pathname } = new URL(apiUrl);
  if (/\/api\/v3\/*$/.test(pathname)) return 'github';
  if (/\/api\/v4\/*$/.test(pathname)) return 'gitlab';
  return hostname === 'api.github.com' ? 'github' : undefined;
}

/**
 * The deploy repository's host, from its URL: github.com (API https://api.github.com), gitlab.com, and self-hosted
 * hosts named github.* / gitlab.* (API https://HOST/api/v3, https://HOST/api/v4). `apiUrl` replaces the derived
 * API root; its path (`/api/v3`, `/api/v4`) says the kind of host when the repository's host name does not.
 */
export function deployHostOf(repoUrl: string, apiUrl?: string): DeployHost {
  const shown = maskUriCredentials(repoUrl);
  const git = parseGitUrl(repoUrl);
  if (!git)
    throw new InputError(
      `deploy repository ${shown}: a pull or merge request needs the repository's URL on GitHub or GitLab ` +
        '(https://HOST/OWNER/REPO.git or git@HOST:OWNER/REPO.git)',
    );
  let api: URL | undefined;
  if (apiUrl !== undefined) {
    try {
      api = new URL(apiUrl);
    } catch {
      throw new InputError(`deploy API URL ${maskUriCredentials(apiUrl)}: not a URL`);
    }
    if (!['http:', 'https:'].includes(api.protocol) || api.username || api.password)
      throw new InputError(
        `deploy API URL ${maskUriCredentials(apiUrl)}: give an http(s) URL without credentials (the token is ${deployTokenVariable})`,
      );
  }
  const kind = (apiUrl && kindOfApiUrl(apiUrl)) || kindOfHostName(git.hostname);
  if (!kind)
    throw new InputError(
      `deploy repository ${shown}: cannot tell whether ${git.hostname} is GitHub or GitLab; give the API URL ` +
        `(https://${git.hostname}/api/v3 for GitHub Enterprise Server, https://${git.hostname}/api/v4 for GitLab)`,
    );
  const segments = git.segments;
  const project = segments.join('/');
  if (segments.some((segment) => segment === '.' || segment === '..') || segments.length < 2)
    throw new InputError(
      `deploy repository ${shown}: the URL names no ${kind === 'github' ? 'OWNER/REPO' : 'GROUP/PROJECT'}`,
    );
  if (kind === 'github' && segments.length !== 2)
    throw new InputError(`deploy repository ${shown}: a GitHub repository is OWNER/REPO, got ${project}`);
  // An http(s) URL's port is the web's; an ssh port is not.
  const web = git.scheme.startsWith('http') ? git.authority : git.hostname;
  const derived =
    kind === 'github'
      ? git.hostname === 'github.com'
        ? 'https://api.github.com'
        : `https://${web}/api/v3`
      : `https://${web}/api/v4`;
  return { kind, apiUrl: (api ? api.toString() : derived).replace(/\/+$/, ''), project };
}

/** An answer worth asking again: a server error, rate limiting, or a create that lost a race to another job. */
class TransientAnswer extends Error {
  constructor(readonly answer: { status: number; statusText: string }) {
    super(`HTTP ${answer.status}`);
  }
}

interface ApiAnswer {
  status: number;
  statusText: string;
  json: unknown;
}

/**
 * Opens a pull request (GitHub) or merge request (GitLab) from sourceBranch into targetBranch of the deploy
 * repository, or updates the title and body of the open one from the same source branch into the same target.
 * Network failures, 5xx and 429 are tried again (the look-up too, so a create that did land is found, not
 * doubled), then exit 3; a refused token, a repository the token cannot see, a rejected request: exit 2.
 */
export async function openChangeRequest(
  input: ChangeRequestInput,
  options: { logger: Logger; retryDelayMs?: number },
): Promise<ChangeRequestResult> {
  const host = deployHostOf(input.repoUrl, input.apiUrl);
  const service = host.kind === 'github' ? 'GitHub' : 'GitLab';
  const noun = host.kind === 'github' ? 'pull request' : 'merge request';
  const where = `${noun} ${input.sourceBranch} → ${input.targetBranch} in ${host.project}`;
  if (!input.token)
    throw new InputError(
      `cannot open the ${where}: set ${deployTokenVariable} to a token of the deploy repository (${scopeNeeded[host.kind]})`,
    );
  const token = input.token;
  const fetchBounded = boundedFetch({ maxBytes: bodyLimits.json, deadlineMs: requestDeadlineMs, service });
  const headers: Record<string, string> =
    host.kind === 'github'
      ? {
          authorization: `Bearer ${token}`,
          accept: 'application/vnd.github+json',
          'x-github-api-version': '2022-11-28',
        }
      : { 'private-token': token };

  const call = async (method: string, path: string, payload?: unknown): Promise<ApiAnswer> => {
    const url = `${host.apiUrl}${path}`;
    const what = `${service} ${method} ${host.apiUrl}${path.replace(/\?.*$/, '')}`;
    const response = await fetchBounded(url, {
      method,
      // A redirect would carry PRIVATE-TOKEN to wherever it points: refused below instead.
      redirect: 'manual',
      headers: {
        ...headers,
        'user-agent': 'mlci',
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
    const answer = { status: response.status, statusText: response.statusText };
    // GitHub answers its rate limits with 403 (or 429) and says so in headers: a wait, not a refused token.
    const rateLimited =
      response.status === 403 &&
      (response.headers.has('retry-after') || response.headers.get('x-ratelimit-remaining') === '0');
    if (response.status >= 500 || response.status === 429 || rateLimited) throw new TransientAnswer(answer);
    if (response.status >= 300 && response.status < 400)
      throw new InputError(
        `cannot open the ${where}: ${service} answered ${statusLine(answer)} at ${host.apiUrl}; give the API URL (${apiUrlHint[host.kind]})`,
      );
    if (response.status === 401 || response.status === 403)
      throw new InputError(
        `cannot open the ${where}: ${service} refused ${deployTokenVariable} (${statusLine(answer)}): it needs ${scopeNeeded[host.kind]}`,
      );
    const ok = response.status >= 200 && response.status < 300;
    // An error's body only adds detail: one that is not JSON (a proxy's HTML page) leaves just the status.
    const json =
      response.status === 204
        ? undefined
        : await readBodyJson(response, { maxBytes: ok ? bodyLimits.json : bodyLimits.error, what }).catch(
            (error: unknown) => {
              if (ok || error instanceof BodyLimitError) throw error;
              return undefined;
            },
          );
    const said = messageOf(json, token);
    if (response.status === 404)
      throw new InputError(
        `cannot open the ${where}: ${service} found no ${host.kind === 'github' ? 'repository' : 'project'} ${host.project} at ${host.apiUrl} (404), or ${deployTokenVariable} may not see it`,
      );
    // A create that lost to another job's (or to this job's earlier attempt that did land): look again.
    if (
      method === 'POST' &&
      (response.status === 409 || (response.status === 422 && /already exists/i.test(said)))
    )
      throw new TransientAnswer(answer);
    if (!ok)
      throw new InputError(
        `cannot open the ${where}: ${service} answered ${statusLine(answer)}${said ? `: ${said}` : ''}`,
      );
    return { ...answer, json };
  };

  const body = fitToLimit(input.body, bodyLimit[host.kind], 'The commit message has all of it.');
  const upsert = host.kind === 'github' ? upsertPullRequest : upsertMergeRequest;
  let attempts = 0;
  try {
    const result = await withRetries(
      () => {
        attempts++;
        return upsert(call, host.project, { ...input, body });
      },
      (error) => error instanceof TransientAnswer || isNetworkError(error),
      { retries: 2, delayMs: options.retryDelayMs ?? 1000 },
    );
    const reference = `${host.kind === 'github' ? '#' : '!'}${result.number}`;
    options.logger.info(
      `${result.created ? 'opened' : 'updated'} ${noun} ${reference} in ${host.project}: ${result.url}`,
    );
    return result;
  } catch (error) {
    const tries = attempts > 1 ? ` (after ${attempts} attempts)` : '';
    if (error instanceof TransientAnswer)
      throw new ServiceError(
        `cannot open the ${where}: ${service} answered ${statusLine(error.answer)}${tries}`,
      );
    if (isNetworkError(error))
      throw new ServiceError(
        `cannot open the ${where}: cannot reach ${service} at ${host.apiUrl}: ${networkReason(error)}${tries}`,
        {
          cause: error,
        },
      );
    throw error;
  }
}

/** What the deploy token must be allowed, in errors and docs/deploy.md. */
const scopeNeeded: Record<DeployHostKind, string> = {
  github:
    'a fine-grained token or GitHub App token with Contents and Pull requests read and write on the deploy repository',
  gitlab: 'a project access token of the deploy project with `api` scope and at least the Developer role',
};

const apiUrlHint: Record<DeployHostKind, string> = {
  github: 'https://HOST/api/v3 for GitHub Enterprise Server',
  gitlab: 'https://HOST/api/v4, with any path GitLab is served under',
};

/**
 * The first line of an API error's `message` (GitHub, GitLab) or `error`, at most 200 characters, with the token
 * masked: a server's message is not ours, and may quote what it was sent.
 */
function messageOf(json: unknown, token: string): string {
  const answer = json as { message?: unknown; error?: unknown; errors?: unknown } | undefined;
  const said = answer?.message ?? answer?.error;
  // GitHub's 422 says `Validation Failed` and puts the reason in errors[].message.
  const detail = Array.isArray(answer?.errors)
    ? (answer.errors[0] as { message?: unknown } | undefined)?.message
    : undefined;
  const text =
    (typeof said === 'string' ? said : said === undefined ? '' : JSON.stringify(said)) +
    (typeof detail === 'string' ? `: ${detail}` : '');
  return maskGitText(text.split('\n')[0] ?? '', { token }).slice(0, 200);
}

type ApiCall = (method: string, path: string, payload?: unknown) => Promise<ApiAnswer>;

/** A field of an API answer that must be there; a server that leaves it out broke the API (exit 3). */
function field<T extends 'number' | 'string'>(
  json: unknown,
  name: string,
  type: T,
  service: string,
): T extends 'number' ? number : string {
  const value = (json as Record<string, unknown> | undefined)?.[name];
  if (typeof value !== type)
    throw new ServiceError(`${service} answered without the ${type} ${name} of the request`);
  return value as T extends 'number' ? number : string;
}

// GitHub REST: https://docs.github.com/rest/pulls/pulls
async function upsertPullRequest(
  call: ApiCall,
  project: string,
  input: ChangeRequestInput,
): Promise<ChangeRequestResult> {
  const [owner, repo] = project.split('/') as [string, string];
  const base = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/pulls`;
  const query = new URLSearchParams({
    head: `${owner}:${input.sourceBranch}`,
    base: input.targetBranch,
    state: 'open',
  });
  const open = (await call('GET', `${base}?${query}`)).json;
  const existing = Array.isArray(open) ? open[0] : undefined;
  if (existing !== undefined) {
    const number = field(existing, 'number', 'number', 'GitHub');
    const { json } = await call('PATCH', `${base}/${number}`, { title: input.title, body: input.body });
    return { url: field(json, 'html_url', 'string', 'GitHub'), number, created: false };
  }
  const { json } = await call('POST', base, {
    head: input.sourceBranch,
    base: input.targetBranch,
    title: input.title,
    body: input.body,
  });
  return {
    url: field(json, 'html_url', 'string', 'GitHub'),
    number: field(json, 'number', 'number', 'GitHub'),
    created: true,
  };
}

// GitLab REST: https://docs.gitlab.com/api/merge_requests/
async function upsertMergeRequest(
  call: ApiCall,
  project: string,
  input: ChangeRequestInput,
): Promise<ChangeRequestResult> {
  const base = `/projects/${encodeURIComponent(project)}/merge_requests`;
  const query = new URLSearchParams({
    source_branch: input.sourceBranch,
    target_branch: input.targetBranch,
    state: 'opened',
  });
  const open = (await call('GET', `${base}?${query}`)).json;
  const existing = Array.isArray(open) ? open[0] : undefined;
  if (existing !== undefined) {
    const iid = field(existing, 'iid', 'number', 'GitLab');
    const { json } = await call('PUT', `${base}/${iid}`, { title: input.title, description: input.body });
    return { url: field(json, 'web_url', 'string', 'GitLab'), number: iid, created: false };
  }
  const { json } = await call('POST', base, {
    source_branch: input.sourceBranch,
    target_branch: input.targetBranch,
    title: input.title,
    description: input.body,
    remove_source_branch: true,
  });
  return {
    url: field(json, 'web_url', 'string', 'GitLab'),
    number: field(json, 'iid', 'number', 'GitLab'),
    created: true,
  };
}
