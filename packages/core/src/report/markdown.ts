/**
 * Inline markdown a step has already made safe (data text through literalText, names through codeSpan): a table
 * cell keeps it as it is but for `|` and line breaks, so its code spans are not escaped twice.
 */
export class InlineMarkdown {
  constructor(readonly markdown: string) {}
}

/**
 * Escapes a value for a GitHub/GitLab markdown table cell. Plain text keeps its `\`, `<` and `|` literal; an
 * InlineMarkdown value only has its `|` escaped (GFM splits cells on `|` even inside code spans, and `\|` there
 * shows as `|`).
 */
export function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof InlineMarkdown) return value.markdown.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

/**
 * Text as a markdown code span, shown exactly (a name, a row): fenced by a longer run of backticks than any inside
 * it, with a space inside the fence when the text starts or ends with a backtick (CommonMark 6.1). Line breaks
 * become spaces. In a table cell, pass it as an InlineMarkdown.
 */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r?\n|\r/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // A space inside each fence when the text has a backtick (one at an end would lengthen the fence), starts and ends
  // with spaces (CommonMark strips one on each side), or is empty: CommonMark strips that one space again.
  const pad = longest > 0 || flat === '' || /^ .*\S.* $/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** U+200D ZERO WIDTH JOINER: invisible; put into a mention, an issue reference or an autolink, it breaks it. */
const joiner = '\u200d';

/**
 * Data text (a value, a column name, a class label) that markdown shows as it is written, in prose or a table
 * cell: inline markup (code spans, emphasis, links, entities, HTML, backslash escapes) turned into character
 * references, line breaks into spaces, and a zero-width joiner put after `@` and `#` and into `www.` and `://`, so
 * `@team` notifies no one, `#12` links no issue and a URL is no link (GitHub's advice for text that must not
 * mention). Use it for every data-derived text of a report that is not in a code span (codeSpan). The same text
 * through cell() stays as it is (nothing is left for cell() to escape but `|`).
 */
export function literalText(text: string): string {
  return (
    text
      .replace(/\r?\n|\r/g, ' ')
      .replace(/[@#]/g, `$&${joiner}`)
      .replace(/:\/\//g, `:${joiner}//`)
      .replace(/\b(www)\./gi, `$1${joiner}.`)
      // `_` inside a word emphasises nothing (`mean_radius`), so it stays as it is there; `[` alone makes no link.
      .replace(
        /[&`*~[\\<]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu,
        (character) => `&#${character.charCodeAt(0)};`,
      )
  );
}

export function table(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [
    // Headers are escaped as cells are: some are data (the confusion matrix's class labels), and a `|` in one
    // would make the header longer than the delimiter row, which GitHub then shows as text, not a table.
    `| ${header.map(cell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

/**
 * Marker that identifies mlci's own PR/MR comment, so a later run edits it in place: per step and report id
 * (`<!-- mlci:validate-data:train-data -->`), so two jobs of one step keep a comment each. Without an id, the
 * step's marker alone, as mlci wrote it before report ids (`<!-- mlci:validate-data -->`): see
 * legacyCommentMarker. The id is checked by reportOptions (no `<`, `>` or line break).
 */
export function commentMarker(step: string, reportId?: string): string {
  return reportId === undefined ? `<!-- mlci:${step} -->` : `<!-- mlci:${step}:${reportId} -->`;
}

/**
 * The marker a comment with a report id may have been written under by an earlier mlci: a job finds its
 * comment by its own marker first, and takes over the step's old comment only when it has none, so a project
 * that upgrades gets its comment updated, not a second one. Undefined when the marker is that old one.
 */
export function legacyCommentMarker(step: string, reportId?: string): string | undefined {
  return reportId === undefined ? undefined : commentMarker(step);
}

/** Whether a comment body is the one a marker names: the marker is its whole first line. */
export function hasMarker(body: string, marker: string): boolean {
  const start = body.trimStart();
  const end = start.indexOf('\n');
  return (end < 0 ? start : start.slice(0, end)).trimEnd() === marker;
}

/**
 * Fits a report into a comment size limit: keeps the head (failed checks come first by construction)
 * and ends with a pointer to the full report. The cut is at a line end, so no table row or HTML tag is
 * left half-written; an open `<details>` is closed, an open code block is closed, and a Mermaid block that
 * would be cut is left out whole (half a chart does not parse). The result is never longer than `limit`.
 */
export function fitToLimit(markdown: string, limit: number, fullReportHint: string): string {
  if (markdown.length <= limit) return markdown;
  const tail = `\n\n… the report is cut here to fit the comment size limit. ${fullReportHint}\n`;
  let room = limit - tail.length;
  for (;;) {
    const head = markdown.slice(0, Math.max(0, room));
    const { kept, closing } = closeOpenBlocks(head.slice(0, Math.max(head.lastIndexOf('\n'), 0)));
    const fitted = `${kept}${closing}${tail}`;
    // Closing tags take room too: cut further until they fit (each round drops at least one line).
    if (fitted.length <= limit) return fitted;
    // A limit shorter than the pointer itself: the pointer is all that fits.
    if (kept.length === 0) return tail.slice(0, limit);
    room = Math.min(room - 1, kept.length - (fitted.length - limit));
  }
}

/** What closes the blocks `text` leaves open, and `text` shortened to drop an unfinished Mermaid block. */
function closeOpenBlocks(text: string): { kept: string; closing: string } {
  let fence: { marker: string; mermaid: boolean; start: number } | undefined;
  let openDetails = 0;
  let offset = 0;
  for (const line of text.split('\n')) {
    const fenceLine = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/.exec(line);
    if (fence === undefined) {
      if (fenceLine) {
        fence = { marker: fenceLine[1] as string, mermaid: fenceLine[2] === 'mermaid', start: offset };
      } else {
        openDetails += (line.match(/<details[\s>]/g) ?? []).length;
        openDetails -= (line.match(/<\/details>/g) ?? []).length;
      }
    } else if (
      fenceLine &&
      fenceLine[2] === '' &&
      fenceLine[1]?.[0] === fence.marker[0] &&
      (fenceLine[1]?.length ?? 0) >= fence.marker.length
    ) {
      fence = undefined;
    }
    offset += line.length + 1;
  }
  let kept = text;
  let closing = '';
  if (fence?.mermaid) kept = text.slice(0, Math.max(0, fence.start - 1));
  else if (fence) closing += `\n${fence.marker}`;
  closing += '\n</details>'.repeat(Math.max(0, openDetails));
  return { kept, closing };
}

/** Sizes in reports, in SI units (1 KB = 1000 B), as `du --si` and the registries' UIs show them. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/**
 * A metric's value as reports show it: four decimals, or two significant digits when four decimals would print a
 * non-zero value as 0 (a change is never shown as 0 unless it is 0). The JSON results keep every digit.
 */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  if (!Number.isFinite(value)) return String(value);
  const fixed = Number(value.toFixed(4));
  return fixed === 0 && value !== 0 ? String(Number(value.toPrecision(2))) : String(fixed);
}

/** `1 file`, `2 files`: a count with its noun, singular for exactly one (`many` for an irregular plural). */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}
