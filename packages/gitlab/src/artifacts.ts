import { type BranchArtifacts, httpGet, InputError, maxBaselineArchiveBytes, statusLine } from '@mlci/core';

export interface GitLabArtifactsOptions {
  /** CI_API_V4_URL: `https://gitlab.example.com/api/v4`. */
  apiUrl: string;
  /** Numeric ID or `group/project` path. */
  projectId: string;
  /** CI_PROJECT_URL, for the link in the report. */
  projectUrl?: string;
  /** MLCI_TOKEN, sent as PRIVATE-TOKEN: a project access token with `read_api` (or `api`) scope. */
  privateToken?: string;
  /** CI_JOB_TOKEN, sent as JOB-TOKEN when there is no MLCI_TOKEN: reads its own project's artifacts. */
  jobToken?: string;
  /** Attempts after the first for network failures, 5xx and 429. */
  retries?: number;
  retryDelayMs?: number;
}

/**
 * A project's job artifacts by branch, through `GET /projects/:id/jobs/artifacts/:ref/download?job=NAME`:
 * GitLab answers with the artifacts of that job in the latest successful pipeline of the ref.
 */
export class GitLabArtifacts implements BranchArtifacts {
  readonly description = 'GitLab job artifacts';

  constructor(private readonly options: GitLabArtifactsOptions) {}

  async latest(branch: string, name: string): Promise<{ archive: Uint8Array; origin: string } | undefined> {
    const { projectId, privateToken, jobToken } = this.options;
    const api = this.options.apiUrl.replace(/\/+$/, '');
    const ref = encodeURIComponent(branch);
    const url = `${api}/projects/${encodeURIComponent(projectId)}/jobs/artifacts/${ref}/download?job=${encodeURIComponent(name)}`;
    const tokenName = privateToken ? 'MLCI_TOKEN' : 'CI_JOB_TOKEN';
    const credentials: Record<string, string> | undefined = privateToken
      ? { 'private-token': privateToken }
      : jobToken
        ? { 'job-token': jobToken }
        : undefined;
    if (!credentials)
      throw new InputError(
        'baseline: reading GitLab job artifacts needs CI_JOB_TOKEN (set in every GitLab job) or MLCI_TOKEN',
      );
    const answer = await httpGet(url, {
      service: 'GitLab',
      credentials,
      headers: { 'user-agent': 'mlci' },
      retry: { retries: this.options.retries ?? 2, delayMs: this.options.retryDelayMs ?? 1000 },
      maxBytes: maxBaselineArchiveBytes,
      tooLarge: (reason: string) =>
        new InputError(`baseline: ${reason} (keep the baseline in an artifact of its own)`),
    });
    if (answer.status === 404) return undefined;
    const where = `the artifacts of job '${name}' on '${branch}' of project ${projectId}`;
    const said = statusLine(answer);
    if (answer.status === 401 || answer.status === 403)
      throw new InputError(
        privateToken
          ? `baseline: GitLab refused ${tokenName} (${said}) for ${where}: it needs \`read_api\` scope and at least the Reporter role in the project`
          : `baseline: GitLab refused ${tokenName} (${said}) for ${where}: a job token reads its own project's artifacts, or another's that allows this project in its job token allowlist; else set MLCI_TOKEN (\`read_api\` scope)`,
      );
    if (answer.status < 200 || answer.status >= 300)
      throw new InputError(`baseline: GitLab answered ${said} for ${where}`);
    const origin = this.options.projectUrl
      ? `${this.options.projectUrl.replace(/\/+$/, '')}/-/jobs/artifacts/${ref}/browse?job=${encodeURIComponent(name)}`
      : url;
    return { archive: answer.body, origin };
  }
}
