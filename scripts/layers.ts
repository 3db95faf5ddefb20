/**
 * The layering of packages/core/src as docs/contributing.md writes it down (its "Layers of packages/core/src"
 * table): which folder or top-level file may import which. The table is the rule: checkLayers reads it and every
 * import of every source file (static `import`/`export … from`, `import type`, dynamic `import()`) and names, per
 * broken rule, the file, the line and the rule. Biome's noImportCycles keeps files free of import cycles; this
 * keeps folders free of them too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

/** One row of the table: the folders or files it is about, and what they may import. */
export interface LayerRule {
  /** `io/`, `errors.ts`, `steps/<step>/` (every step's folder). */
  units: string[];
  /** Folders (`io/`), files (`errors.ts`, `report/markdown.ts`), `steps/*\/` (another step) or `*` (anything). */
  mayImport: string[];
}

export const layersHeading = '## Layers of `packages/core/src`';
const anyStep = 'steps/*/';
const stepPattern = 'steps/<step>/';

/** The rules of the first table under layersHeading: backticked names of its two columns. */
export function parseLayerTable(markdown: string): LayerRule[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(layersHeading);
  if (start < 0) throw new Error(`docs/contributing.md has no heading "${layersHeading}"`);
  const first = lines.findIndex((line, index) => index > start && line.startsWith('|'));
  const cells = (line: string) =>
    line
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split('|')
      .map((cell) => cell.trim());
  const header = cells(lines[first] ?? '');
  const unitColumn = header.indexOf('folder or file');
  const importColumn = header.indexOf('may import');
  if (unitColumn < 0 || importColumn < 0)
    throw new Error(`the layers table needs the columns "folder or file" and "may import", has: ${header}`);
  const names = (cell: string | undefined) =>
    [...(cell ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
  const rules: LayerRule[] = [];
  for (let index = first + 2; lines[index]?.startsWith('|'); index++) {
    const row = cells(lines[index] as string);
    rules.push({ units: names(row[unitColumn]), mayImport: names(row[importColumn]) });
  }
  return rules;
}

/** Every .ts file under `dir`, by its path relative to `dir` (with `/`), and its text. */
export function readSources(dir: string): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
        sources.set(relative(dir, path).split(sep).join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return sources;
}

/** What a file belongs to: its top-level folder (`io/`), a step's folder (`steps/train/`), or itself (`errors.ts`). */
export function unitOf(file: string): string {
  const parts = file.split('/');
  if (parts.length === 1) return file;
  if (parts[0] === 'steps') return parts.length === 2 ? file : `steps/${parts[1]}/`;
  return `${parts[0]}/`;
}

interface Import {
  from: string;
  line: number;
  specifier: string;
  /** The file it resolves to, for a relative specifier that names one of the sources. */
  target?: string;
}

function importsOf(file: string, text: string, sources: Map<string, string>): Import[] {
  const lineStarts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  const lineOf = (pos: number) => {
    let line = 0;
    while (line + 1 < lineStarts.length && (lineStarts[line + 1] as number) <= pos) line++;
    return line + 1;
  };
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName, pos }) => {
    const found: Import = { from: file, line: lineOf(pos), specifier: fileName };
    if (fileName.startsWith('.')) {
      const base = posix.normalize(posix.join(posix.dirname(file), fileName)).replace(/\.js$/, '');
      found.target = [`${base}.ts`, `${base}/index.ts`].find((candidate) => sources.has(candidate));
    }
    return found;
  });
}

/** Test files, and the helpers only they reach, are not held to the layering: they may set up anything. */
function productionFiles(imports: Map<string, Import[]>): Set<string> {
  const reached = new Set<string>();
  const visit = (file: string) => {
    if (reached.has(file) || !imports.has(file)) return;
    reached.add(file);
    for (const { target } of imports.get(file) ?? []) if (target) visit(target);
  };
  visit('index.ts');
  return reached;
}

/**
 * Every broken rule, one line each (`packages/core/src/mlflow/tracking.ts:3: mlflow/ may not import …`); none when
 * the sources follow the rules. `root` only prefixes the paths in messages.
 */
export function checkLayers(
  sources: Map<string, string>,
  rules: LayerRule[],
  root = 'packages/core/src',
): string[] {
  const problems: string[] = [];
  const where = (file: string, line?: number) => `${root}/${file}${line === undefined ? '' : `:${line}`}`;
  const imports = new Map([...sources].map(([file, text]) => [file, importsOf(file, text, sources)]));
  const units = new Set([...sources.keys()].filter((file) => !file.endsWith('.test.ts')).map(unitOf));
  const ruleOf = (unit: string) =>
    rules.find((rule) => rule.units.includes(unit) || (rule.units.includes(stepPattern) && isStep(unit)));

  for (const unit of units)
    if (!ruleOf(unit))
      problems.push(`${where(unit)}: has no row in the layers table of docs/contributing.md`);
  for (const rule of rules)
    for (const name of rule.mayImport) {
      if (units.has(name) || !sources.has(name)) continue;
      // A single file of another folder may be allowed only while it imports nothing of the core: then it
      // cannot close a cycle between the folders, whatever it is imported by.
      const own = (imports.get(name) ?? []).filter((found) => found.specifier.startsWith('.'));
      if (own.length > 0)
        problems.push(
          `${where(name, own[0]?.line)}: imports ${own[0]?.specifier}, but the layers table lets ${rule.units} import ` +
            `this one file of ${unitOf(name)}, which it may only while the file imports nothing of the core`,
        );
    }

  const production = productionFiles(imports);
  const edges = new Map<string, Map<string, Import>>();
  for (const file of production) {
    const unit = unitOf(file);
    const rule = ruleOf(unit);
    for (const found of imports.get(file) ?? []) {
      if (found.specifier.startsWith('@mlci/')) {
        problems.push(
          `${where(file, found.line)}: imports ${found.specifier}: the core knows no CI, no other package of mlci`,
        );
        continue;
      }
      const target = found.target;
      if (target === undefined) continue;
      const targetUnit = unitOf(target);
      if (targetUnit === unit || !rule) continue;
      const allows = rule.mayImport.some(
        (name) => name === '*' || name === targetUnit || (name === anyStep && isStep(targetUnit)),
      );
      if (!allows && !rule.mayImport.includes(target)) {
        const allowed = rule.mayImport.length > 0 ? rule.mayImport.join(', ') : 'nothing of the core';
        problems.push(
          `${where(file, found.line)}: ${unit} may not import ${target} (${targetUnit}); ` +
            `${unit} may import ${allowed} (docs/contributing.md, layers table)`,
        );
      }
      // A single allowed file is a leaf (checked above): it cannot close a cycle, so it is not an edge.
      if (allows && !edges.get(unit)?.has(targetUnit)) {
        if (!edges.has(unit)) edges.set(unit, new Map());
        edges.get(unit)?.set(targetUnit, found);
      }
    }
  }
  for (const cycle of cyclesOf(edges)) {
    const steps = cycle.map((unit, index) => {
      const next = cycle[(index + 1) % cycle.length] as string;
      const found = edges.get(unit)?.get(next) as Import;
      return `${where(found.from, found.line)} imports ${found.target}`;
    });
    problems.push(`import cycle between folders ${[...cycle, cycle[0]].join(' -> ')}: ${steps.join('; ')}`);
  }
  return problems;
}

/** The table against the tree: every folder, file and step pattern it names exists. */
export function checkTable(
  sources: Map<string, string>,
  rules: LayerRule[],
  root = 'packages/core/src',
): string[] {
  const problems: string[] = [];
  const units = new Set([...sources.keys()].filter((file) => !file.endsWith('.test.ts')).map(unitOf));
  for (const rule of rules) {
    for (const unit of rule.units)
      if (unit !== stepPattern && !units.has(unit))
        problems.push(`docs/contributing.md: the layers table names ${unit}, which ${root} does not have`);
    for (const name of rule.mayImport)
      if (name !== '*' && name !== anyStep && !units.has(name) && !sources.has(name))
        problems.push(
          `docs/contributing.md: the layers table lets ${rule.units} import ${name}, which does not exist`,
        );
  }
  return problems;
}

function isStep(unit: string): boolean {
  return /^steps\/[^/]+\/$/.test(unit);
}

/** One cycle per strongly connected group of folders (Tarjan), as the folders in import order. */
function cyclesOf(edges: Map<string, Map<string, Import>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const connect = (unit: string) => {
    index.set(unit, index.size);
    low.set(unit, index.get(unit) as number);
    stack.push(unit);
    for (const next of edges.get(unit)?.keys() ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(unit, Math.min(low.get(unit) as number, low.get(next) as number));
      } else if (stack.includes(next))
        low.set(unit, Math.min(low.get(unit) as number, index.get(next) as number));
    }
    if (low.get(unit) !== index.get(unit)) return;
    const group = new Set<string>();
    for (let top = stack.pop(); top !== undefined; top = top === unit ? undefined : stack.pop())
      group.add(top);
    if (group.size > 1) cycles.push(cycleWithin(unit, group, edges));
  };
  for (const unit of edges.keys()) if (!index.has(unit)) connect(unit);
  return cycles;
}

/** A path from `start` back to it inside `group` (breadth first: the shortest). */
function cycleWithin(start: string, group: Set<string>, edges: Map<string, Map<string, Import>>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const unit = queue.shift() as string;
    for (const next of edges.get(unit)?.keys() ?? []) {
      if (!group.has(next)) continue;
      if (next === start) {
        const path = [unit];
        while (path[0] !== start) path.unshift(previous.get(path[0] as string) as string);
        return path;
      }
      if (!previous.has(next)) {
        previous.set(next, unit);
        queue.push(next);
      }
    }
  }
  return [start];
}
