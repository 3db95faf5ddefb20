import { firstLine } from '../errors';
import type { Logger } from './platform';

/**
 * Where a change request is reviewed and a step keeps its report as one sticky comment: GitHub, GitLab,
 * Bitbucket Data Center (Server) and Bitbucket Cloud. A CI (GitHub Actions, GitLab CI, Jenkins, Bamboo) says which
 * change request it builds; the review host is where the comment goes. GitHub Actions and GitLab CI are both.
 */
export type ReviewHostName = 'github' | 'gitlab' | 'bitbucket-server' | 'bitbucket-cloud';

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

/** One change request on one review host, where the sticky comment is found, created and updated. */
export interface ReviewHost {
  readonly name: ReviewHostName;
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

/**
 * upsert that never throws: a comment is a convenience, never a changed verdict, so a failure becomes one warning
 * saying what to change (`advice` adds the CI's side: where its token comes from). Returns whether it was written.
 */
export async function publishStickyComment(
  host: ReviewHost,
  comment: StickyComment,
  logger: Logger,
  advice = '',
): Promise<boolean> {
  try {
    const written = await host.upsert(comment);
    const verb = written.action === 'created' ? 'commented on' : 'updated the comment on';
    logger.info(`${verb} ${host.where}${written.url ? `: ${written.url}` : ''}`);
    return true;
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    const reason = `${typeof status === 'number' ? `HTTP ${status}: ` : ''}${firstLine(error)}`;
    if (error instanceof CommentPermissionError)
      logger.warn(
        `cannot comment on ${host.where}: the token may not write there (${reason}); ${host.permissionAdvice}${advice ? ` ${advice}` : ''}`,
      );
    else logger.warn(`cannot comment on ${host.where}: ${reason}`);
    return false;
  }
}
