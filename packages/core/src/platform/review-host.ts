import { firstLine } from '../errors';
import { type ApiOverrides, type ChangeTarget, changeTargetName, parseChangeUrl } from './change-url';
import type { Logger } from './platform';

export interface StickyComment {
  /** Hidden marker that finds the comment again on the next run, e.g. `commentMarker('validate-data')`. */
  marker: string;
  /**
   * A marker an earlier mlci wrote the same report under (the step's own, before report ids): its comment is
   * taken over, marker and all, when none has `marker` yet.
   */
  legacyMarker?: string;
  markdown: string;
  /** Ends a report cut to fit the host's size limit, e.g. a link to the run's full report. */
  fullReportHint: string;
}

export interface CommentWritten {
  action: 'created' | 'updated';
  /** The comment's web address, when the host answers with one. */
  url?: string;
}

/**
 * The token may read the change request but not write to it: a read-only token (a GitHub pull request from a
 * fork), or one without the permission to comment. The host's message is kept; the advice is the host's.
 */
export class CommentPermissionError extends Error {}

/**
 * One change request on one review host (GitHub, GitLab, Bitbucket Data Center or Cloud), where a step keeps its
 * report as one sticky comment. A CI (GitHub Actions, GitLab CI, Jenkins, Bamboo) says which change request it
 * builds; the review host is where the comment goes. GitHub Actions and GitLab CI are both.
 */
export interface ReviewHost {
  /** The change request for messages: `acme/penguins#12`, `group/project!3`, `PROJ/models#7`. */
  readonly where: string;
  /** What a token needs to comment there, said when the host refuses it. */
  readonly permissionAdvice: string;
  /**
   * Creates the comment, or edits the one the token itself wrote under the marker (every page of comments is
   * searched; a comment by anyone else is never edited). Retries transient failures; throws
   * CommentPermissionError when the token may not write, any other error after the retries.
   */
  upsert(comment: StickyComment): Promise<CommentWritten>;
}

/** What a CI adds to the warning of a comment it could not write. */
export interface CommentFailureAdvice {
  /** After a refused token: the CI's side of the permission (`Give the workflow permissions: …`). */
  permission?: string;
  /** After any failure: where the report is instead (`The full report is … in the job artifacts`). */
  fallback?: string;
}

/**
 * upsert that never throws: a comment is a convenience, never a changed verdict, so a failure becomes one warning
 * saying what to change and where the report is instead. Returns whether the comment was written.
 */
export async function publishStickyComment(
  host: ReviewHost,
  comment: StickyComment,
  logger: Logger,
  advice: CommentFailureAdvice = {},
): Promise<boolean> {
  try {
    const written = await host.upsert(comment);
    const verb = written.action === 'created' ? 'commented on' : 'updated the comment on';
    logger.info(`${verb} ${host.where}${written.url ? `: ${written.url}` : ''}`);
    return true;
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    const message = firstLine(error);
    // The status, unless the host's client already put it in its message.
    const reason =
      typeof status === 'number' && !message.includes(String(status))
        ? `HTTP ${status}: ${message}`
        : message;
    const fallback = advice.fallback ? ` ${advice.fallback}` : '';
    if (error instanceof CommentPermissionError)
      logger.warn(
        `cannot comment on ${host.where}: the token may not write there (${reason}); ${host.permissionAdvice}${advice.permission ? ` ${advice.permission}` : ''}${fallback}`,
      );
    else logger.warn(`cannot comment on ${host.where}: ${reason}.${fallback}`);
    return false;
  }
}

/**
 * Opens the review host of a change request, with the token that writes there. The CLI gives CIs that are not
 * review hosts themselves (Jenkins, Bamboo) one that loads only the host's client it needs.
 */
export type OpenReviewHost = (target: ChangeTarget, token: string) => Promise<ReviewHost>;

export interface ChangeRequestComment {
  /** The change request's web page (Jenkins' CHANGE_URL, or one made from the repository URL and its number). */
  changeUrl: string;
  token: string | undefined;
  overrides: ApiOverrides;
  openReviewHost: OpenReviewHost | undefined;
  comment: StickyComment;
  logger: Logger;
  /** How this CI is given the token, said when there is none (`give the pipeline step credentialsId: …`). */
  tokenAdvice: string;
}

/**
 * The sticky comment of a CI that only builds change requests (Jenkins, Bamboo): the review host comes from the
 * change's URL; without a token or on an unknown host it says what would make it comment. Never throws.
 */
export async function commentOnChangeRequest(options: ChangeRequestComment): Promise<boolean> {
  const { changeUrl, logger } = options;
  const target = parseChangeUrl(changeUrl, options.overrides);
  if (!target) {
    logger.info(
      `not commenting: ${changeUrl} is not a GitHub, GitLab or Bitbucket pull or merge request (set MLCI_GITHUB_API_URL, MLCI_GITLAB_URL or MLCI_BITBUCKET_URL for a server the URL does not tell)`,
    );
    return false;
  }
  if (!options.token) {
    logger.info(`to also post this report on ${changeUrl}, ${options.tokenAdvice}`);
    return false;
  }
  if (!options.openReviewHost) {
    logger.debug(`no review host client here: not commenting on ${changeTargetName(target)}`);
    return false;
  }
  let host: ReviewHost;
  try {
    host = await options.openReviewHost(target, options.token);
  } catch (error) {
    logger.warn(`cannot comment on ${changeTargetName(target)}: ${firstLine(error)}`);
    return false;
  }
  return publishStickyComment(host, options.comment, logger);
}
