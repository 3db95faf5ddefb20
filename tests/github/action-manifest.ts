import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ActionTemplate } from '@actions/workflow-parser/actions/index';
import { build } from 'esbuild';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

type ActionParser = typeof import('@actions/workflow-parser/actions/index') &
  Pick<
    typeof import('@actions/workflow-parser'),
    'NoOperationTraceWriter' | 'parseWorkflow' | 'convertWorkflowTemplate'
  >;

let loaded: Promise<ActionParser> | undefined;

/**
 * GitHub's own action.yml parser. It imports its JSON schema without an import attribute, which neither
 * Node nor the next Jest accept, so it is loaded through an esbuild bundle (built once per test file).
 */
export function loadActionParser(): Promise<ActionParser> {
  loaded ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlci-action-parser-'));
    const outfile = join(dir, 'parser.mjs');
    try {
      await build({
        stdin: {
          contents:
            "export { parseAction, convertActionTemplate } from '@actions/workflow-parser/actions/index';\n" +
            "export { NoOperationTraceWriter, parseWorkflow, convertWorkflowTemplate } from '@actions/workflow-parser';\n",
          resolveDir: repoRoot,
          loader: 'js',
        },
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        logLevel: 'error',
        // The parser's CommonJS dependencies (yaml) call require(), which an ESM bundle has to provide.
        banner: {
          js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url);",
        },
      });
      return (await import(pathToFileURL(outfile).href)) as ActionParser;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  })();
  return loaded;
}

export interface ParsedAction {
  /** One line per schema violation, with the line and column GitHub would report. */
  errors: string[];
  template?: ActionTemplate;
}

/** Validates action.yml text against GitHub's action schema, as github.com does when a workflow uses it. */
export async function parseActionManifest(name: string, content: string): Promise<ParsedAction> {
  const parser = await loadActionParser();
  const result = parser.parseAction({ name, content }, new parser.NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((error) => error.message);
  if (errors.length > 0 || !result.value) return { errors };
  const template = parser.convertActionTemplate(result.context, result.value);
  return { errors: result.context.errors.getErrors().map((error) => error.message), template };
}

/** Validates workflow text against GitHub's workflow schema (expressions included), as github.com does on push. */
export async function parseWorkflowFile(name: string, content: string): Promise<string[]> {
  const parser = await loadActionParser();
  const result = parser.parseWorkflow({ name, content }, new parser.NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((error) => error.message);
  if (errors.length > 0 || !result.value) return errors;
  // Conversion checks what the schema cannot: job and step ids, `needs`, `uses` references.
  const template = await parser.convertWorkflowTemplate(result.context, result.value);
  return (template.errors ?? []).map((error) => error.Message);
}
