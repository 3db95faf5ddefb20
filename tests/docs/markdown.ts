import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A fenced code block of a Markdown file, as a reader sees it. */
export interface CodeBlock {
  /** Path relative to the repository root. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** First word of the info string, lower-cased; '' when the fence has none. */
  lang: string;
  /** The block's lines, with the fence's indentation removed. */
  text: string;
  /** Reason given by a `<!-- docs-test: skip REASON -->` line right before the fence. */
  skip?: string;
}

/** Folders that hold no user documentation: dependencies, reports, scratch space, helpers' notes. */
const notDocs = new Set(['node_modules', '.git', '.mlci', '.gitlab-ci-local', 'coverage', 'tmp']);

/** Every Markdown file of the repository a user can read, repository-relative and sorted. */
export function docFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!notDocs.has(entry.name)) walk(join(dir, entry.name));
      } else if (entry.name.endsWith('.md')) {
        found.push(relative(root, join(dir, entry.name)));
      }
    }
  };
  walk(root);
  return found.sort();
}

const directive = /^\s*<!--\s*docs-test:\s*(.*?)\s*-->\s*$/;

/**
 * The fenced code blocks of a CommonMark file (``` and ~~~ fences, also indented inside list items).
 * An unclosed fence or a malformed `docs-test` directive is an error, so no block goes unseen.
 */
export function codeBlocks(file: string, markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3})(`{3,}|~{3,})\s*([^`]*)$/.exec(lines[i] as string);
    if (!open) continue;
    const [, indent, fence, info] = open as unknown as [string, string, string, string];
    const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !close.test(lines[i] as string); i++) {
      const text = lines[i] as string;
      body.push(text.startsWith(indent) ? text.slice(indent.length) : text.trimStart());
    }
    if (i >= lines.length) throw new Error(`${file}:${start + 1}: code block is never closed`);

    let skip: string | undefined;
    let before = start - 1;
    while (before >= 0 && (lines[before] as string).trim() === '') before--;
    const marker = before >= 0 ? directive.exec(lines[before] as string) : null;
    if (marker) {
      const reason = /^skip\s+(\S.*)$/.exec(marker[1] as string);
      if (!reason)
        throw new Error(
          `${file}:${before + 1}: write the directive as <!-- docs-test: skip REASON -->, got: ${marker[1]}`,
        );
      skip = reason[1];
    }
    blocks.push({
      file,
      line: start + 1,
      lang: (info.trim().split(/\s+/)[0] ?? '').toLowerCase(),
      text: body.join('\n'),
      skip,
    });
  }
  return blocks;
}

export function readBlocks(root: string, file: string): CodeBlock[] {
  return codeBlocks(file, readFileSync(join(root, file), 'utf8'));
}
