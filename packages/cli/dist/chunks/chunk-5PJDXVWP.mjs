#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);

// packages/core/src/report/markdown.ts
var InlineMarkdown = class {
  constructor(markdown) {
    this.markdown = markdown;
  }
  markdown;
  toString() {
    return this.markdown;
  }
};
function md(template, ...slots) {
  let markdown = template[0] ?? "";
  slots.forEach((slot, i) => {
    markdown += markdownOf(slot) + (template[i + 1] ?? "");
  });
  return new InlineMarkdown(markdown);
}
function markdownOf(part) {
  if (part === void 0 || part === null) return "";
  if (part instanceof InlineMarkdown) return part.markdown;
  return typeof part === "string" ? literalText(part).markdown : String(part);
}
function cell(value) {
  const markdown = markdownOf(value);
  return flattenLines(markdown).replace(
    /(\\*)\|/g,
    (_, backslashes) => `${backslashes}${backslashes}\\|`
  );
}
function flattenLines(text) {
  return text.replace(/\r\n|[\r\n\u2028\u2029\u0085\u000b\u000c]/g, " ");
}
var invisible = (
  // biome-ignore lint/suspicious/noControlCharactersInRegex: replacing them is the point
  /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
);
function visibleLine(text) {
  return flattenLines(text).replace(/\t/g, " ").replace(invisible, "\uFFFD");
}
function codeSpan(text) {
  const flat = visibleLine(text);
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = longest > 0 || flat === "" || /^ .*\S.* $/.test(flat) ? " " : "";
  return new InlineMarkdown(`${fence}${pad}${flat}${pad}${fence}`);
}
var joiner = "\u200D";
function literalText(text) {
  const escaped = visibleLine(text).replace(/[@#]/g, `$&${joiner}`).replace(/:\/\//g, `:${joiner}//`).replace(/\b(www)\./gi, `$1${joiner}.`).replace(
    /[&`*~[\\<|$]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu,
    (character) => `&#${character.charCodeAt(0)};`
  ).replace(/^(?:[-+](?=[ -]|$)|[ >=])/, (start) => `&#${start.charCodeAt(0)};`).replace(/^(\d{1,9})(?=[.)](?: |$))/, "$1\\");
  return new InlineMarkdown(escaped);
}
function table(header, rows) {
  return [
    `| ${header.map(cell).join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`)
  ].join("\n");
}
function link(text, url) {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return literalText(text);
  const target = url.replace(
    /[<>()\\`"'\s]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`
  );
  return md`[${text}](${new InlineMarkdown(target)})`;
}
function bareUrl(url) {
  return /^https?:\/\/[^\s<>()[\]`*_~|\\"'$@!]+$/i.test(url) ? new InlineMarkdown(url) : literalText(url);
}
function heading(level, text) {
  return `${"#".repeat(level)} ${flattenLines(text.markdown)}`;
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
  md,
  cell,
  visibleLine,
  codeSpan,
  literalText,
  table,
  link,
  bareUrl,
  heading,
  commentMarker,
  legacyCommentMarker,
  hasMarker,
  fitToLimit,
  formatBytes,
  formatMetric,
  plural
};
