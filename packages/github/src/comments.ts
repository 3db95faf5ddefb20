import { getOctokit } from '@actions/github';
import {
  bodyLimits,
  boundedFetch,
  type CommentFailureAdvice,
  CommentPermissionError,
  type CommentWritten,
  firstLine,
  fitToLimit,
  hasMarker,
  type Logger,
  publishStickyComment,
  type ReviewHost,
  type StickyComment,
  withRetries,
} from '@mlci/core';

export { CommentPermissionError, type StickyComment };

/** GitHub rejects issue and PR comment bodies longer than this (characters). */
export const commentBodyLimit = 65536;

/** The pull request to comment on. */
export interface PullRequestTarget extends RepositoryTarget {
  number: number;
}

export interface RetryOptions {
  /** Attempts after the first for server errors and network failures. */
  retries?: number;
  /** Wait before the first retry; doubled for each further one. */
  retryDelayMs?: number;
  /**
   * Who writes the comments when the token is an installation token, which GitHub does not let call `GET /user`:
   * `github-actions[bot]` (the default) for a workflow's GITHUB_TOKEN; a GitHub App's own `<app-slug>[bot]`.
   */
  installationBot?: string;
}

/** The user whose comments mlci may edit: the token's own. */
export interface CommentAuthor {
  login: string;
  /** Absent for an installation's bot, known by its login alone (`[bot]` logins are not open to users). */
  id?: number;
}

/** Whether `user` is the token's own (whoAmI): an installation's bot is known by its login alone. */
export function writtenBy(
  author: CommentAuthor,
  user: { login?: string; id?: number } | null | undefined,
): boolean {
  return user?.login === author.login && (author.id === undefined || user.id === author.id);
}

/** The user GITHUB_TOKEN writes as (danger-js and sticky-pull-request-comment know it by the same login). */
export const githubActionsBot = 'github-actions[bot]';

/** What GitHub answers for a written comment. */
export interface GitHubCommentWritten extends CommentWritten {
  id: number;
  url: string;
}

interface ApiError {
  status?: number;
  message?: string;
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as ApiError | undefined)?.status;
  return typeof status === 'number' && status > 0 ? status : undefined;
}

/** Server errors, rate limiting and network failures (octokit reports those as 500) may pass on retry. */
function isTransient(error: unknown): boolean {
  const status = statusOf(error);
  return status === undefined || status >= 500 || status === 429;
}

/** The repository a token writes to. `apiUrl` is the REST root: `https://api.github.com` or `https://HOST/api/v3`. */
export interface RepositoryTarget {
  apiUrl: string;
  token: string;
  owner: string;
  repo: string;
}

/**
 * What every sticky write of mlci on GitHub shares (PR comments, alert issues): the client, its retries, and who
 * the token writes as, since only what that user wrote is ever edited.
 */
export class GitHubWriter {
  protected readonly octokit: ReturnType<typeof getOctokit>;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private readonly installationBot: string;
  private author: Promise<CommentAuthor | undefined> | undefined;

  constructor(target: RepositoryTarget, options: RetryOptions = {}) {
    // baseUrl is passed explicitly: @actions/github reads GITHUB_API_URL only once, when it is imported.
    this.octokit = getOctokit(target.token, {
      baseUrl: target.apiUrl.replace(/\/+$/, ''),
      // Answers bounded like every HTTP answer mlci reads (io/bounded-body.ts), within 30 s each.
      request: { fetch: boundedFetch({ maxBytes: bodyLimits.json, deadlineMs: 30_000, service: 'GitHub' }) },
    });
    this.retries = options.retries ?? 2;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.installationBot = options.installationBot ?? githubActionsBot;
  }

  /**
   * Who the token writes as: the user `GET /user` names (a personal or OAuth token); for an installation token,
   * which GitHub refuses that call with 403, its bot (installationBot). Undefined when the token cannot tell (any
   * other answer, e.g. a 404 or a user without a login): then mlci edits nothing and creates its own. Throws
   * when GitHub fails (after retries) or refuses the token (401).
   */
  whoAmI(): Promise<CommentAuthor | undefined> {
    this.author ??= this.withRetry(() => this.octokit.rest.users.getAuthenticated()).then(
      ({ data }) =>
        typeof data?.login === 'string' && typeof data.id === 'number'
          ? { login: data.login, id: data.id }
          : undefined,
      (error: unknown) => {
        if (statusOf(error) === 403 && /not accessible by integration/i.test(String(error)))
          return { login: this.installationBot };
        // GitHub down or the token refused: writing would fail as well, and say why.
        if (isTransient(error) || statusOf(error) === 401) throw error;
        return undefined;
      },
    );
    return this.author;
  }

  /** A 403 that says the token may not write becomes CommentPermissionError; other errors pass unchanged. */
  protected static permissionError(error: unknown): unknown {
    return statusOf(error) === 403 && /not accessible by integration|permission/i.test(String(error))
      ? new CommentPermissionError(firstLine(error), { cause: error })
      : error;
  }

  protected withRetry<T>(request: () => Promise<T>): Promise<T> {
    return withRetries(request, isTransient, { retries: this.retries, delayMs: this.retryDelayMs });
  }
}

/**
 * GitHub as a review host: one comment per marker on a pull request, edited in place on every later run so a PR
 * does not collect a new report comment per push. Used by the GitHub action and by CIs that build GitHub pull
 * requests (Jenkins, Bamboo).
 */
export class PullRequestComments extends GitHubWriter implements ReviewHost {
  readonly where: string;
  readonly permissionAdvice = 'it needs "Pull requests: write" (fine-grained) or the repo scope (classic).';

  constructor(
    private readonly target: PullRequestTarget,
    options: RetryOptions = {},
  ) {
    super(target, options);
    this.where = `${target.owner}/${target.repo}#${target.number}`;
  }

  /**
   * The first comment written by the token's own user (whoAmI) whose first line is the marker, searching every
   * page of the PR's comments; else the first such with `legacyMarker` as its first line. Anyone can write a
   * comment that starts with the marker: taking theirs would let them have mlci overwrite it, or hide its report.
   * Undefined, so a new comment is made, when the token cannot tell who it is.
   */
  async find(
    marker: string,
    legacyMarker?: string,
  ): Promise<{ id: number; url: string; body: string } | undefined> {
    const author = await this.whoAmI();
    if (author === undefined) return undefined;
    const ours = (user: { login?: string; id?: number } | null | undefined) => writtenBy(author, user);
    return this.withRetry(async () => {
      const pages = this.octokit.paginate.iterator(this.octokit.rest.issues.listComments, {
        owner: this.target.owner,
        repo: this.target.repo,
        issue_number: this.target.number,
        per_page: 100,
      });
      let legacy: { id: number; url: string; body: string } | undefined;
      for await (const page of pages) {
        for (const comment of page.data) {
          if (!ours(comment.user)) continue;
          const body = comment.body ?? '';
          if (hasMarker(body, marker)) return { id: comment.id, url: comment.html_url, body };
          if (legacy === undefined && legacyMarker !== undefined && hasMarker(body, legacyMarker))
            legacy = { id: comment.id, url: comment.html_url, body };
        }
      }
      return legacy;
    });
  }

  /** Creates the comment or edits the existing one. Throws CommentPermissionError on a read-only token. */
  async upsert(comment: StickyComment): Promise<GitHubCommentWritten> {
    const body = stickyCommentBody(comment);
    const existing = await this.find(comment.marker, comment.legacyMarker);
    const { owner, repo } = this.target;
    try {
      if (existing) {
        const { data } = await this.withRetry(() =>
          this.octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body }),
        );
        return { action: 'updated', id: data.id, url: data.html_url };
      }
      const { data } = await this.withRetry(() =>
        this.octokit.rest.issues.createComment({ owner, repo, issue_number: this.target.number, body }),
      );
      return { action: 'created', id: data.id, url: data.html_url };
    } catch (error) {
      throw GitHubWriter.permissionError(error);
    }
  }

  /**
   * upsert that never throws (publishStickyComment): a comment is a convenience, so every failure becomes a
   * warning that says what to change. `advice` adds the CI's side. Returns whether the comment was written.
   */
  publish(comment: StickyComment, logger: Logger, advice: CommentFailureAdvice = {}): Promise<boolean> {
    return publishStickyComment(this, comment, logger, advice);
  }
}

/** The marker first (it is how the comment is found again), then the report cut to GitHub's size limit. */
export function stickyCommentBody(comment: StickyComment): string {
  const head = `${comment.marker}\n`;
  return head + fitToLimit(comment.markdown, commentBodyLimit - head.length, comment.fullReportHint);
}
