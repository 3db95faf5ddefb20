import { fitToLimit, type StickyComment } from '@mlci/core';

/**
 * Bitbucket Data Center refuses a comment of 32,768 characters or more ("Please enter a non-empty value less
 * than 32768 characters"); its characters are Java's UTF-16 units, which is what a JS string's length counts.
 * Bitbucket Cloud documents no limit; the same one keeps a report readable there too.
 */
export const bitbucketCommentLimit = 32_767;

/**
 * The marker as Bitbucket keeps it hidden. Bitbucket shows HTML in a comment as text, so `<!-- mlci:train -->`
 * would be the comment's visible first line; a Markdown link reference definition renders as nothing in
 * CommonMark and Bitbucket alike (danger-js marks its Bitbucket comments the same way): `[//]: # (mlci:train)`.
 */
export function bitbucketMarker(marker: string): string {
  const inner = /^<!--\s*(.*?)\s*-->$/.exec(marker)?.[1];
  return inner === undefined ? marker : `[//]: # (${inner})`;
}

/** The marker first (it is how the comment is found again), then the report cut to Bitbucket's limit. */
export function stickyCommentText(comment: StickyComment, limit = bitbucketCommentLimit): string {
  const head = `${bitbucketMarker(comment.marker)}\n`;
  return head + fitToLimit(comment.markdown, limit - head.length, comment.fullReportHint);
}
