import {
  type BranchArtifacts,
  type HttpAnswer,
  httpGet,
  InputError,
  type Logger,
  maxBaselineArchiveBytes,
  parseJson,
  statusLine,
} from '@mlci/core';
import type { RetryOptions } from './comments';

export interface GitHubArtifactsOptions {
  /** REST root: `https://api.github.com` or `https://HOST/api/v3` (GITHUB_API_URL). */
  apiUrl: string;
  /** Web root for the links in the report (GITHUB_SERVER_URL). */
  serverUrl: string;
  /** `owner/name`. */
  repository: string;
  /** Needs `actions: read`. */
  token: string | undefined;
  logger: Logger;
  retry?: RetryOptions;
}

interface Artifact {
  id: number;
  name: string;
  expired: boolean;
  created_at: string | null;
  workflow_run?: {
    id?: number;
    repository_id?: number;
    head_repository_id?: number;
    head_branch?: string | null;
  } | null;
}

/** GitHub answers at most 100 per page; artifacts expire (90 days by default), so a few pages are plenty. */
const perPage = 100;
const maxPages = 10;

/**
 * The artifacts of a repository's workflow runs, through the REST API: the newest unexpired artifact of the
 * name that a successful run on the branch uploaded. Runs of pull requests from forks are never taken, even
 * from a fork branch with the same name: their head repository is not the repository.
 */
export class GitHubArtifacts implements BranchArtifacts {
  readonly description = 'GitHub Actions artifacts';
  private readonly api: string;

  constructor(private readonly options: GitHubArtifactsOptions) {
    this.api = options.apiUrl.replace(/\/+$/, '');
  }

  async latest(branch: string, name: string): Promise<{ archive: Uint8Array; origin: string } | undefined> {
    const { repository } = this.options;
    const candidates = (await this.list(name))
      .filter(
        (artifact) =>
          !artifact.expired &&
          artifact.name === name &&
          artifact.workflow_run?.head_branch === branch &&
          artifact.workflow_run.repository_id !== undefined &&
          artifact.workflow_run.head_repository_id === artifact.workflow_run.repository_id,
      )
      .sort((a, b) => Date.parse(b.created_at ?? '') - Date.parse(a.created_at ?? '') || b.id - a.id);
    const conclusions = new Map<number, string | null>();
    for (const artifact of candidates) {
      const runId = artifact.workflow_run?.id as number;
      if (!conclusions.has(runId)) conclusions.set(runId, await this.conclusionOf(runId));
      const conclusion = conclusions.get(runId);
      if (conclusion !== 'success') {
        this.options.logger.debug(
          `artifact ${artifact.id}: run ${runId} concluded ${conclusion ?? 'not yet'}`,
        );
        continue;
      }
      const answer = await this.get(`/repos/${repository}/actions/artifacts/${artifact.id}/zip`, 'download');
      // Expired or deleted since it was listed: the next one may do.
      if (answer.status === 410 || answer.status === 404) continue;
      this.refuse(answer, `download artifact ${artifact.id}`);
      return {
        archive: answer.body,
        origin: `${this.options.serverUrl.replace(/\/+$/, '')}/${repository}/actions/runs/${runId}/artifacts/${artifact.id}`,
      };
    }
    return undefined;
  }

  private async list(name: string): Promise<Artifact[]> {
    const all: Artifact[] = [];
    for (let page = 1; page <= maxPages; page++) {
      const query = new URLSearchParams({ name, per_page: String(perPage), page: String(page) });
      const answer = await this.get(`/repos/${this.options.repository}/actions/artifacts?${query}`, 'list');
      this.refuse(answer, 'list the Actions artifacts');
      const parsed = parseJson(answer.body, 'GitHub API', 'service') as {
        total_count?: number;
        artifacts?: Artifact[];
      };
      const artifacts = parsed.artifacts ?? [];
      all.push(...artifacts);
      if (artifacts.length < perPage || all.length >= (parsed.total_count ?? 0)) return all;
    }
    this.options.logger.warn(
      `more than ${maxPages * perPage} artifacts named '${name}': looked at the first ${all.length} only`,
    );
    return all;
  }

  private async conclusionOf(runId: number): Promise<string | null> {
    const answer = await this.get(`/repos/${this.options.repository}/actions/runs/${runId}`, 'run');
    if (answer.status === 404) return null;
    this.refuse(answer, `read workflow run ${runId}`);
    return (
      (parseJson(answer.body, 'GitHub API', 'service') as { conclusion?: string | null }).conclusion ?? null
    );
  }

  private get(path: string, kind: 'list' | 'run' | 'download'): Promise<HttpAnswer> {
    const token = this.options.token;
    if (!token)
      throw new InputError(
        'baseline: reading GitHub Actions artifacts needs a token with `actions: read`: give the action its token input (github.token by default) or set GITHUB_TOKEN',
      );
    const retry = this.options.retry ?? {};
    return httpGet(`${this.api}${path}`, {
      service: 'GitHub',
      credentials: { authorization: `Bearer ${token}` },
      headers: {
        accept: kind === 'download' ? '*/*' : 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        'user-agent': 'mlci',
      },
      retry: { retries: retry.retries ?? 2, delayMs: retry.retryDelayMs ?? 1000 },
      ...(kind === 'download'
        ? {
            maxBytes: maxBaselineArchiveBytes,
            tooLarge: (reason: string) =>
              new InputError(`baseline: ${reason} (keep the baseline in an artifact of its own)`),
          }
        : {}),
    });
  }

  /** 4xx answers the caller did not expect: one line that says what the token needs. */
  private refuse(answer: HttpAnswer, doing: string): void {
    if (answer.status >= 200 && answer.status < 300) return;
    const where = `${doing} of ${this.options.repository}`;
    const said = statusLine(answer);
    if (answer.status === 401)
      throw new InputError(
        `baseline: GitHub refused the token (${said}) to ${where}: it is not a valid token`,
      );
    if (answer.status === 403 || answer.status === 404)
      throw new InputError(
        `baseline: GitHub answered ${said} to ${where}: the token needs \`actions: read\` on the repository (workflow \`permissions: actions: read\`)`,
      );
    throw new InputError(`baseline: GitHub answered ${said} to ${where}`);
  }
}
