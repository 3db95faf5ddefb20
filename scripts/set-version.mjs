#!/usr/bin/env node
// Sets mlci's version everywhere from one argument: `npm run version:set -- 0.2.0`. The root package.json is the
// one place the version is decided; this writes it into the workspace manifests, the lockfile, and every version
// string users copy (scripts/versions.ts says which), then rebuilds so the bundles and generated files carry it.
// `--no-build` skips the rebuild (tests, or to look at the diff first).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const version = args.find((arg) => !arg.startsWith('--'));
if (!version || args.some((arg) => arg.startsWith('--') && arg !== '--no-build')) {
  console.error('usage: node scripts/set-version.mjs <x.y.z> [--no-build]');
  process.exit(2);
}

// scripts/versions.ts imports only node: modules, so stripping its types is all it takes to run it.
const { code } = await transform(readFileSync(join(root, 'scripts/versions.ts'), 'utf8'), {
  loader: 'ts',
  format: 'esm',
});
const { setVersion } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);

let changed;
try {
  changed = setVersion(root, version);
} catch (error) {
  console.error(`set-version: ${error.message}`);
  process.exit(2);
}
console.error(`version ${version}: ${changed.length ? changed.join(', ') : 'nothing to change'}`);
if (!args.includes('--no-build')) {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
}
