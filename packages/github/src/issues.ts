import { type AlertReport, firstLine, hasMarker, type Logger } from '@mlci/core';
import {
  CommentPermissionError,
  GitHubWriter,
  type RepositoryTarget,
  type RetryOptions,
  statusOf,
  stickyCommentBody,
  writtenBy,
} from './comments';

export interface AlertIssueWritten {
  action: 'created' | 'updated' | 'reopened' | 'closed' | 'none';
  number?: number;
  url?: string;
}

interface IssueLike {
  number: number;
  html_url: string;
  state?: string;
  body?: string | null;
  user?: { login?: string; id?: number } | null;
  pull_request?: unknown;
}

/**
 * One issue per alert marker in a repository, for scheduled runs that have no pull request: a failing run opens it
 * (or reopens it, so one model and alias keeps one thread however often it drifts) with the report as its body; a
 * later failing run replaces the body; a passing run closes it with a comment linking that run. Only issues the
 * token's own user opened are edited: anyone can open an issue whose body starts with the marker.
 */
export class AlertIssues extends GitHubWriter {
  constructor(
    private readonly target: RepositoryTarget,
    options: RetryOptions = {},
  ) {
    super(target, options);
  }

  /**
   * The token's own issue with the marker as its body's first line, searching every page of the repository's
   * issues by that user: an open one first, else the most recently closed. Undefined when the token cannot tell
   * who it is (then a new issue is opened on failure and none is closed).
   */
  async find(marker: string): Promise<IssueLike | undefined> {
    const author = await this.whoAmI();
    if (author === undefined) return undefined;
    return this.withRetry(async () => {
      const pages = this.octokit.paginate.iterator(this.octokit.rest.issues.listForRepo, {
        owner: this.target.owner,
        repo: this.target.repo,
        creator: author.login,
        state: 'all',
        sort: 'created',
        direction: 'desc',
        per_page: 100,
      });
      let closed: IssueLike | undefined;
      for await (const page of pages) {
        for (const issue of page.data as IssueLike[]) {
          // The issues list holds pull requests too.
          if (issue.pull_request !== undefined || !writtenBy(author, issue.user)) continue;
          if (!hasMarker(issue.body ?? '', marker)) continue;
          if (issue.state === 'open') return issue;
          closed ??= issue;
        }
      }
      return closed;
    });
  }

  /** Opens, updates, reopens or closes the alert's issue. Throws CommentPermissionError on a read-only token. */
  async keep(alert: AlertReport): Promise<AlertIssueWritten> {
    const existing = await this.find(alert.marker);
    const { owner, repo } = this.target;
    try {
      if (!alert.failed) {
        if (existing?.state !== 'open') return { action: 'none' };
        const ran = alert.runUrl ? `[this run](${alert.runUrl})` : 'the latest run';
        await this.withRetry(() =>
          this.octokit.rest.issues.createComment({
            owner,
            repo,
            issue_number: existing.number,
            body: `Passed in ${ran}: closing.`,
          }),
        );
        await this.withRetry(() =>
          this.octokit.rest.issues.update({
            owner,
            repo,
            issue_number: existing.number,
            state: 'closed',
            state_reason: 'completed',
          }),
        );
        return { action: 'closed', number: existing.number, url: existing.html_url };
      }
      const body = stickyCommentBody(alert);
      if (existing) {
        const reopen = existing.state !== 'open';
        const { data } = await this.withRetry(() =>
          this.octokit.rest.issues.update({
            owner,
            repo,
            issue_number: existing.number,
            title: alert.title,
            body,
            ...(reopen ? { state: 'open' as const } : {}),
          }),
        );
        return { action: reopen ? 'reopened' : 'updated', number: data.number, url: data.html_url };
      }
      const { data } = await this.withRetry(() =>
        this.octokit.rest.issues.create({ owner, repo, title: alert.title, body }),
      );
      return { action: 'created', number: data.number, url: data.html_url };
    } catch (error) {
      throw GitHubWriter.permissionError(error);
    }
  }

  /** keep that never throws: a failure to write the issue is a warning saying what to change. */
  async publish(alert: AlertReport, logger: Logger): Promise<boolean> {
    const where = `${this.target.owner}/${this.target.repo}`;
    try {
      const written = await this.keep(alert);
      if (written.action !== 'none')
        logger.info(`alert: ${written.action} issue #${written.number} of ${where}: ${written.url}`);
      return true;
    } catch (error) {
      if (error instanceof CommentPermissionError) {
        logger.warn(
          `cannot keep the alert issue of ${where}: the token may not write issues (${error.message}). ` +
            'Give the workflow `permissions: issues: write`.',
        );
      } else {
        const status = statusOf(error);
        logger.warn(
          `cannot keep the alert issue of ${where}: ${status ? `HTTP ${status}: ` : ''}${firstLine(error)}`,
        );
      }
      return false;
    }
  }
}
