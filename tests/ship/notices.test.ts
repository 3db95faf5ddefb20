/**
 * The third-party notices scripts/build.mjs writes beside each bundle: which packages a real esbuild bundle
 * holds (by its metafile), their licenses, identical texts once, and a bundled package that states no license
 * stops the build. `node scripts/build.mjs --check` compares the committed notices like the bundles.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { build } from 'esbuild';
import { repoRoot } from '../support/cli';

interface Notices {
  bundledPackageDirs(metafile: unknown): string[];
  packageLicenses(root: string, dirs: string[]): { name: string; version: string; license: string }[];
  noticesText(bundleDir: string, packages: unknown[]): string;
}

let notices: Notices;
let root: string;

const mit = (holder: string) => `MIT License\n\nCopyright (c) ${holder}\n\nPermission is hereby granted…\n`;

/** A package in the temporary project's node_modules: its package.json, its files, and an index.js. */
async function addPackage(dir: string, manifest: object, files: Record<string, string> = {}): Promise<void> {
  const all = {
    'package.json': JSON.stringify(manifest),
    'index.js': `export const name = ${JSON.stringify(dir)};\n`,
    ...files,
  };
  for (const [name, text] of Object.entries(all)) {
    await mkdir(dirname(join(root, dir, name)), { recursive: true });
    await writeFile(join(root, dir, name), text);
  }
}

async function bundle(entry: string) {
  await writeFile(join(root, 'entry.mjs'), entry);
  const result = await build({
    entryPoints: [join(root, 'entry.mjs')],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    outdir: join(root, 'dist'),
    absWorkingDir: root,
    logLevel: 'silent',
  });
  return notices.bundledPackageDirs(result.metafile);
}

beforeAll(async () => {
  notices = (await import(pathToFileURL(join(repoRoot, 'scripts/notices.mjs')).href)) as Notices;
  root = await mkdtemp(join(tmpdir(), 'mlci-notices-'));
  await addPackage('node_modules/a', { name: 'a', version: '1.0.0', license: 'MIT' }, { LICENSE: mit('A') });
  // Same terms, same holder as a: one text for both. A package nested under another one is found too.
  await addPackage(
    'node_modules/a/node_modules/@s/b',
    { name: '@s/b', version: '2.0.0', license: { type: 'ISC' } },
    { 'LICENSE.md': mit('A').replace(/\n/g, '\r\n') },
  );
  await addPackage(
    'node_modules/c',
    { name: 'c', version: '3.0.0', license: 'Apache-2.0' },
    {
      LICENSE: 'Apache License\n',
      NOTICE: 'c\nCopyright C\n',
    },
  );
  await addPackage('node_modules/unlicensed', { name: 'unlicensed', version: '0.1.0' });
  await writeFile(
    join(root, 'node_modules/a/index.js'),
    "export { name as b } from '@s/b';\nexport const a = 1;\n",
  );
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

it('lists what the bundle holds, with versions, licenses and each distinct text once', async () => {
  const dirs = await bundle(
    "import { a, b } from 'a';\nimport { name } from 'c';\nconsole.log(a, b, name);\n",
  );
  expect(dirs.sort()).toEqual(['node_modules/a', 'node_modules/a/node_modules/@s/b', 'node_modules/c']);
  const packages = notices.packageLicenses(root, dirs);
  expect(packages.map((p) => `${p.name} ${p.version} ${p.license}`)).toEqual([
    '@s/b 2.0.0 ISC',
    'a 1.0.0 MIT',
    'c 3.0.0 Apache-2.0',
  ]);
  const text = notices.noticesText('dist', packages);
  expect(text).toContain('- a 1.0.0 (MIT)\n');
  expect(text.match(/Copyright \(c\) A/g)).toHaveLength(1);
  expect(text).toContain('License text of: @s/b@2.0.0, a@1.0.0\n');
  // An Apache-2.0 package's NOTICE goes with it.
  expect(text).toContain('c\nCopyright C');
});

it('stops the build on a bundled package that states no license', async () => {
  const dirs = await bundle("import { name } from 'unlicensed';\nconsole.log(name);\n");
  expect(() => notices.packageLicenses(root, dirs)).toThrow(
    /^unlicensed@0\.1\.0 \(node_modules\/unlicensed\) is bundled but states no license/,
  );
});
