#!/usr/bin/env node
// `npm run lint`'s layer check: packages/core/src against the layers table of docs/contributing.md
// (scripts/layers.ts). One line per broken rule, naming file, line and rule; exit 1 when there is any.
// `node scripts/check-layers.mjs [DIR]` checks DIR's docs/contributing.md and packages/core/src (this repository's
// by default).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transform } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// scripts/layers.ts imports node: modules and typescript: its types stripped, it runs from node_modules' cache,
// where `typescript` resolves.
const { code } = await transform(readFileSync(join(root, 'scripts/layers.ts'), 'utf8'), {
  loader: 'ts',
  format: 'esm',
});
const compiled = join(root, 'node_modules/.cache/mlci/layers.mjs');
mkdirSync(dirname(compiled), { recursive: true });
writeFileSync(compiled, code);
const { checkLayers, checkTable, parseLayerTable, readSources } = await import(pathToFileURL(compiled).href);

const checked = process.argv[2] ?? root;
const rules = parseLayerTable(readFileSync(join(checked, 'docs/contributing.md'), 'utf8'));
const sources = readSources(join(checked, 'packages/core/src'));
const problems = [...checkTable(sources, rules), ...checkLayers(sources, rules)];
for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(`layers: ${problems.length} broken rule(s) of docs/contributing.md's layers table`);
  process.exit(1);
}
