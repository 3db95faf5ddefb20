#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);

// packages/core/src/report/markdown.ts
var InlineMarkdown = class {
  constructor(markdown) {
    this.markdown = markdown;
  }
  markdown;
};
function cell(value) {
  if (value === void 0 || value === null) return "";
  if (value instanceof InlineMarkdown) return value.markdown.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ").replace(/</g, "&lt;");
}
function codeSpan(text) {
  const flat = text.replace(/\r?\n|\r/g, " ");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = longest > 0 || flat === "" || /^ .*\S.* $/.test(flat) ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}
var joiner = "\u200D";
function literalText(text) {
  return text.replace(/\r?\n|\r/g, " ").replace(/[@#]/g, `$&${joiner}`).replace(/:\/\//g, `:${joiner}//`).replace(/\b(www)\./gi, `$1${joiner}.`).replace(
    /[&`*~[\\<]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu,
    (character) => `&#${character.charCodeAt(0)};`
  );
}
function table(header, rows) {
  return [
    // Headers are escaped as cells are: some are data (the confusion matrix's class labels), and a `|` in one
    // would make the header longer than the delimiter row, which GitHub then shows as text, not a table.
    `| ${header.map(cell).join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`)
  ].join("\n");
}
function commentMarker(step, reportId) {
  return reportId === void 0 ? `<!-- mlci:${step} -->` : `<!-- mlci:${step}:${reportId} -->`;
}
function legacyCommentMarker(step, reportId) {
  return reportId === void 0 ? void 0 : commentMarker(step);
}
function hasMarker(body, marker) {
  const start = body.trimStart();
  const end = start.indexOf("\n");
  return (end < 0 ? start : start.slice(0, end)).trimEnd() === marker;
}
function fitToLimit(markdown, limit, fullReportHint) {
  if (markdown.length <= limit) return markdown;
  const tail = `

\u2026 the report is cut here to fit the comment size limit. ${fullReportHint}
`;
  let room = limit - tail.length;
  for (; ; ) {
    const head = markdown.slice(0, Math.max(0, room));
    const { kept, closing } = closeOpenBlocks(head.slice(0, Math.max(head.lastIndexOf("\n"), 0)));
    const fitted = `${kept}${closing}${tail}`;
    if (fitted.length <= limit) return fitted;
    if (kept.length === 0) return tail.slice(0, limit);
    room = Math.min(room - 1, kept.length - (fitted.length - limit));
  }
}
function closeOpenBlocks(text) {
  let fence;
  let openDetails = 0;
  let offset = 0;
  for (const line of text.split("\n")) {
    const fenceLine = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/.exec(line);
    if (fence === void 0) {
      if (fenceLine) {
        fence = { marker: fenceLine[1], mermaid: fenceLine[2] === "mermaid", start: offset };
      } else {
        openDetails += (line.match(/<details[\s>]/g) ?? []).length;
        openDetails -= (line.match(/<\/details>/g) ?? []).length;
      }
    } else if (fenceLine && fenceLine[2] === "" && fenceLine[1]?.[0] === fence.marker[0] && (fenceLine[1]?.length ?? 0) >= fence.marker.length) {
      fence = void 0;
    }
    offset += line.length + 1;
  }
  let kept = text;
  let closing = "";
  if (fence?.mermaid) kept = text.slice(0, Math.max(0, fence.start - 1));
  else if (fence) closing += `
${fence.marker}`;
  closing += "\n</details>".repeat(Math.max(0, openDetails));
  return { kept, closing };
}
function formatBytes(bytes) {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1e3 && unit < units.length - 1) {
    value /= 1e3;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
function formatMetric(value) {
  if (value === null || value === void 0) return "\u2013";
  if (!Number.isFinite(value)) return String(value);
  const fixed = Number(value.toFixed(4));
  return fixed === 0 && value !== 0 ? String(Number(value.toPrecision(2))) : String(fixed);
}
function plural(count, word, many = `${word}s`) {
  return `${count} ${count === 1 ? word : many}`;
}

export {
  InlineMarkdown,
  codeSpan,
  literalText,
  table,
  commentMarker,
  legacyCommentMarker,
  hasMarker,
  fitToLimit,
  formatBytes,
  formatMetric,
  plural
};
