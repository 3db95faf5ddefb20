/** Escapes a value for a GitHub/GitLab markdown table cell. */
export function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

export function table(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** Marker that identifies mlci's own PR/MR comment for a step, so a later run edits it in place. */
export function commentMarker(step: string): string {
  return `<!-- mlci:${step} -->`;
}

/**
 * Fits a report into a comment size limit: keeps the head (failed checks come first by construction)
 * and ends with a pointer to the full report.
 */
export function fitToLimit(markdown: string, limit: number, fullReportHint: string): string {
  if (markdown.length <= limit) return markdown;
  const tail = `\n\n… the report is cut here to fit the comment size limit. ${fullReportHint}\n`;
  const head = markdown.slice(0, Math.max(0, limit - tail.length));
  // Cut at a line end so no table row or HTML tag is left half-written; close an open <details>.
  const cut = head.slice(0, Math.max(head.lastIndexOf('\n'), 0));
  const openDetails = (cut.match(/<details>/g) ?? []).length - (cut.match(/<\/details>/g) ?? []).length;
  return `${cut}${'\n</details>'.repeat(Math.max(0, openDetails))}${tail}`;
}
