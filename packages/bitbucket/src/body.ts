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

/**
 * The report as Bitbucket shows it: Bitbucket renders Markdown but shows HTML as text and draws no Mermaid chart.
 * A `<details>` section (as the reports write it: `<details><summary>…</summary>` on a line, `</details>` on
 * another) becomes its summary in bold with its content below; a chart becomes one line saying where it is drawn.
 */
export function bitbucketMarkdown(markdown: string, fullReportHint: string): string {
  const lines = markdown.split('\n');
  const shown: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] as string).trim();
    if (line === '```mermaid') {
      while (index + 1 < lines.length && (lines[index + 1] as string).trim() !== '```') index++;
      index++;
      shown.push(`A chart is left out here: Bitbucket draws no Mermaid charts. ${fullReportHint}`.trim());
      continue;
    }
    const summary = /^<details><summary>(.*)<\/summary>$/.exec(line);
    if (summary) shown.push(`**${summary[1]}**`, '');
    else if (line !== '</details>') shown.push(lines[index] as string);
  }
  return shown.join('\n');
}

/** The marker first (it is how the comment is found again), then the report cut to Bitbucket's limit. */
export function stickyCommentText(comment: StickyComment, limit = bitbucketCommentLimit): string {
  const head = `${bitbucketMarker(comment.marker)}\n`;
  const markdown = bitbucketMarkdown(comment.markdown, comment.fullReportHint);
  return head + fitToLimit(markdown, limit - head.length, comment.fullReportHint);
}
