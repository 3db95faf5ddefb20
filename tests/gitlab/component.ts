import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** One `spec:inputs` entry of a GitLab CI/CD component. */
export interface ComponentInput {
  type?: 'string' | 'number' | 'boolean' | 'array';
  description?: string;
  default?: unknown;
  options?: unknown[];
  regex?: string;
}

export interface Component {
  /** The header document: `{ spec: { inputs } }`. */
  header: { spec: { inputs: Record<string, ComponentInput> } };
  /** The jobs document, before interpolation. */
  body: Record<string, unknown>;
}

/** Reads a component file: a header document, `---`, then the jobs. */
export async function loadComponent(path: string): Promise<Component> {
  const documents = parseAllDocuments(await readFile(path, 'utf8'));
  if (!Array.isArray(documents) || documents.length !== 2)
    throw new Error(`${path}: expected a header and a body document`);
  for (const document of documents) {
    if (document.errors.length > 0) throw new Error(`${path}: ${document.errors[0]?.message}`);
  }
  const [header, body] = documents.map((document) => document.toJS()) as [
    Component['header'],
    Component['body'],
  ];
  return { header, body };
}

const block = /\$\[\[\s*inputs\.([\w-]+)\s*\]\]/;

/**
 * GitLab's interpolation of `$[[ inputs.x ]]`: over every string in the document, keys included; a string that
 * is exactly one block becomes the input's value with its type (a boolean, an array), a block inside a longer
 * string becomes text. Inputs not given take their default; a missing input without a default is an error, and
 * so is a given value of the wrong type or outside the input's options or regex.
 */
export function interpolate(component: Component, given: Record<string, unknown>): Record<string, unknown> {
  const { inputs } = component.header.spec;
  const inputValue = (name: string): unknown => {
    const spec = inputs[name];
    if (!spec) throw new Error(`unknown interpolation key: ${name}`);
    const value = name in given ? given[name] : spec.default;
    if (value === undefined) throw new Error(`\`${name}\` input: required value has not been provided`);
    // GitLab checks a given value against the input's type, options and regex when it creates the pipeline.
    const type = spec.type ?? 'string';
    const typed = type === 'array' ? Array.isArray(value) : typeof value === type;
    if (!typed) throw new Error(`\`${name}\` input: provided value is not a ${type}`);
    if (spec.options && !spec.options.includes(value))
      throw new Error(
        `\`${name}\` input: \`${String(value)}\` cannot be used because it is not in the list of allowed options`,
      );
    if (spec.regex && typeof value === 'string' && !new RegExp(spec.regex).test(value))
      throw new Error(`\`${name}\` input: provided value does not match required RegEx pattern`);
    return value;
  };
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([key, value]) => [String(visit(key)), visit(value)]),
      );
    }
    if (typeof node !== 'string') return node;
    const whole = new RegExp(`^${block.source}$`).exec(node);
    if (whole) return inputValue(whole[1] as string);
    return node.replace(new RegExp(block.source, 'g'), (_, name: string) => String(inputValue(name)));
  };
  return visit(component.body) as Record<string, unknown>;
}

/**
 * The inputs a README documents for one component: the first column of the table rows (`| \`name\` |`) in the
 * section `## <component>`, up to the next `## ` heading.
 */
export function readmeInputs(readme: string, component: string): string[] {
  const start = readme.search(new RegExp(`^## ${component}$`, 'm'));
  if (start < 0) throw new Error(`the README has no section "## ${component}"`);
  const rest = readme.slice(start + 3);
  const end = rest.search(/^## /m);
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(/^\| `([a-z-]+)`\s*\|/gm)].map((match) => match[1] as string);
}

/**
 * Runs a component job's script as the runner would, with `shell` (sh, bash): the job's variables in the
 * environment and MLCI_CLI replaced by a program that prints its argv as JSON. Returns that argv and the files
 * the script left in its working directory (which starts with `seedFile`, empty), so a test sees both what
 * mlci would get and whether anything was executed or expanded.
 */
export function scriptArgv(
  job: { variables: Record<string, string | { value: string }>; script: string[] },
  shell: string,
  scratch: string,
  seedFile: string,
): { argv: string[]; files: string[] } {
  const printer = join(scratch, 'print-argv.mjs');
  writeFileSync(printer, 'process.stdout.write(JSON.stringify(process.argv.slice(2)));\n');
  const cwd = mkdtempSync(join(scratch, 'job-'));
  writeFileSync(join(cwd, seedFile), '');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: cwd };
  for (const [name, value] of Object.entries(job.variables))
    env[name] = typeof value === 'string' ? value : value.value;
  // Unquoted in the script, as MLCI_CLI is a command line: paths without spaces here.
  env.MLCI_CLI = `${process.execPath} ${printer}`;
  const run = spawnSync(shell, ['-c', job.script.join('\n')], { cwd, env, encoding: 'utf8', stdio: 'pipe' });
  if (run.status !== 0 || run.stderr !== '')
    throw new Error(`${shell} exited ${run.status}: ${run.stderr.trim()}`);
  const files = spawnSync('ls', ['-A'], { cwd, encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  return { argv: JSON.parse(run.stdout) as string[], files };
}
