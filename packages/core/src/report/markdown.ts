/**
 * Markdown that is safe to put into a report as it is: mlci's own text, or data text already escaped for where it
 * goes (literalText, codeSpan, md). Reports are built from these, never from data strings pasted into a template:
 * a plain string handed to table() or md`` is taken as data and escaped there, so forgetting to escape shows a
 * few character references at worst, never a heading, a comment or a mention that the data wrote.
 */
export class InlineMarkdown {
  constructor(readonly markdown: string) {}

  toString(): string {
    return this.markdown;
  }
}

/** What a table cell or an md`` slot takes: markdown as it is, a number, or a data string (escaped). */
export type MarkdownPart = InlineMarkdown | string | number | boolean | null | undefined;

/**
 * Markdown written by mlci with data in its slots: md`**Data:** ${codeSpan(path)} (${rows} rows)`. A string in a
 * slot is data (escaped by literalText), an InlineMarkdown is kept, a number is written as it is.
 */
export function md(template: TemplateStringsArray, ...slots: readonly MarkdownPart[]): InlineMarkdown {
  let markdown = template[0] ?? '';
  slots.forEach((slot, i) => {
    markdown += markdownOf(slot) + (template[i + 1] ?? '');
  });
  return new InlineMarkdown(markdown);
}

function markdownOf(part: MarkdownPart): string {
  if (part === undefined || part === null) return '';
  if (part instanceof InlineMarkdown) return part.markdown;
  return typeof part === 'string' ? literalText(part).markdown : String(part);
}

/**
 * A table cell: line breaks flattened and every `|` escaped, in code spans too (GFM splits cells on `|` before it
 * reads code spans, and shows `\|` there as `|`). A backslash run just before a `|` is doubled, or it would escape
 * the escaping backslash and let the `|` split the cell (a code span then shows that backslash twice). A string
 * is data: escaped as literalText escapes it.
 */
export function cell(value: MarkdownPart): string {
  const markdown = markdownOf(value);
  return flattenLines(markdown).replace(
    /(\\*)\|/g,
    (_, backslashes: string) => `${backslashes}${backslashes}\\|`,
  );
}

/** Line and paragraph breaks of every kind (CR, LF, U+2028, U+2029, NEL, VT, FF) as one space each. */
function flattenLines(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: VT and FF break lines too
  return text.replace(/\r\n|[\r\n\u2028\u2029\u0085\u000b\u000c]/g, ' ');
}

/**
 * Characters that change what text around them looks like without being seen: bidi embeddings, overrides and
 * isolates (the "Trojan Source" characters), and the other control characters. Shown as U+FFFD, so a reader sees
 * that something is there and a name cannot pass for another one.
 */
const invisible =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: replacing them is the point
  /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Data text made one visible line: breaks as spaces, tabs as spaces, invisible controls as U+FFFD. */
export function visibleLine(text: string): string {
  return flattenLines(text).replace(/\t/g, ' ').replace(invisible, '\ufffd');
}

/**
 * Text as a markdown code span, shown exactly (a name, a row): fenced by a longer run of backticks than any inside
 * it, with a space inside the fence when the text starts or ends with a backtick (CommonMark 6.1). Line breaks
 * become spaces, invisible controls U+FFFD (visibleLine). A code span is never a mention, a link or HTML.
 */
export function codeSpan(text: string): InlineMarkdown {
  const flat = visibleLine(text);
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // A space inside each fence when the text has a backtick (one at an end would lengthen the fence), starts and ends
  // with spaces (CommonMark strips one on each side), or is empty: CommonMark strips that one space again.
  const pad = longest > 0 || flat === '' || /^ .*\S.* $/.test(flat) ? ' ' : '';
  return new InlineMarkdown(`${fence}${pad}${flat}${pad}${fence}`);
}

/** U+200D ZERO WIDTH JOINER: invisible; put into a mention, an issue reference or an autolink, it breaks it. */
const joiner = '\u200d';

/**
 * Data text (a value, a column name, a class label, a file name, a message quoting them) that markdown shows as
 * it is written, in prose, a heading, a list item, a `<summary>` or a table cell: one line (visibleLine); inline
 * markup (code spans, emphasis, links, entities, HTML, backslash escapes, math, cell pipes) turned into character
 * references; a first character that would start a block (`#`, `>`, `-`, `+`, `=`, `|`, a digit's `1.`, leading
 * spaces) too, but `-1` stays; and a zero-width joiner put after `@` and `#` and into `www.` and `://`, so
 * `@team` notifies no one, `#12` links no issue and a URL is no link (GitHub's advice for text that must not
 * mention, as Renovate and Dependabot do).
 */
export function literalText(text: string): InlineMarkdown {
  const escaped = visibleLine(text)
    // Every `@` and `#`, not only those GitHub and GitLab read today as a mention, an email or an issue.
    .replace(/[@#]/g, `$&${joiner}`)
    .replace(/:\/\//g, `:${joiner}//`)
    .replace(/\b(www)\./gi, `$1${joiner}.`)
    // `_` inside a word emphasises nothing (`mean_radius`), so it stays as it is there; `[` alone makes no link.
    .replace(
      /[&`*~[\\<|$]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu,
      (character) => `&#${character.charCodeAt(0)};`,
    )
    // What would open a block at the start of a line (a heading, quote, list, rule, setext underline, code block).
    // `-1` stays as it is: a list marker needs a space after it, a rule or underline more than one `-`.
    .replace(/^(?:[-+](?=[ -]|$)|[ >=])/, (start) => `&#${start.charCodeAt(0)};`)
    // An ordered list's start (`1. `, `2)`): the number's `.` or `)` escaped.
    .replace(/^(\d{1,9})(?=[.)](?: |$))/, '$1\\');
  return new InlineMarkdown(escaped);
}

/**
 * A markdown table. Each cell is escaped by cell(): a string is data, shown as literal text; InlineMarkdown is kept.
 * Headers are escaped as cells are: some are data (the confusion matrix's class labels), and a `|` in one would make
 * the header longer than the delimiter row, which GitHub then shows as text, not a table.
 */
export function table(header: readonly MarkdownPart[], rows: readonly (readonly MarkdownPart[])[]): string {
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

/**
 * A link whose text is data: only to an http(s) URL (a `javascript:` or other scheme shows the text alone), the
 * URL with what could end it or break out of it (parentheses, spaces, `<`, `>`, quotes, backslash) percent-encoded.
 */
export function link(text: string, url: string): InlineMarkdown {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return literalText(text);
  const target = url.replace(
    /[<>()\\`"'\s]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return md`[${text}](${new InlineMarkdown(target)})`;
}

/**
 * A URL shown as itself, which GitHub and GitLab link: only an http(s) URL made of characters no markdown reads
 * (no spaces, brackets, emphasis, backticks, quotes, pipes or backslashes); any other text shows as literal text.
 */
export function bareUrl(url: string): InlineMarkdown {
  return /^https?:\/\/[^\s<>()[\]`*_~|\\"'$@!]+$/i.test(url) ? new InlineMarkdown(url) : literalText(url);
}

/** A heading: mlci's words with data in md`` slots. Its text is one line whatever the data holds. */
export function heading(level: 1 | 2 | 3 | 4 | 5 | 6, text: InlineMarkdown): string {
  return `${'#'.repeat(level)} ${flattenLines(text.markdown)}`;
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
