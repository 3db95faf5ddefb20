/**
 * The version flows from one place, the root package.json "version": every version string a user copies from
 * the docs, examples, GitLab components and Jenkins library (`npx @mlci/cli@X`, `uses: …/mlci/actions/<step>@vX`,
 * `component: …/mlci/<step>@X`, `@Library('mlci@vX')`, `/releases/download/vX/`) must pin it, or follow its
 * major tag where docs/releasing.md says the release moves one (`@v0` for actions and the library). scripts/versions.ts
 * says where they are; scripts/set-version.mjs moves them all, run here on a copy.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  documentedRoots,
  majorOf,
  rewriteVersions,
  textFiles,
  versionProblems,
} from '../../scripts/versions';
import { repoRoot, withTempDir } from '../support/cli';

const run = promisify(execFile);

interface Manifest {
  version: string;
  workspaces?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
const manifestOf = async (root: string, dir = '.'): Promise<Manifest> =>
  JSON.parse(await readFile(join(root, dir, 'package.json'), 'utf8'));

const rootManifest = await manifestOf(repoRoot);
const version = rootManifest.version;

/** Every version string of the documented files that is not `expected`, as `file:line: …` lines. */
async function documentedProblems(root: string, expected: string): Promise<string[]> {
  const files = textFiles(root, documentedRoots);
  const texts = await Promise.all(files.map((file) => readFile(join(root, file), 'utf8')));
  return files.flatMap((file, i) => versionProblems(file, texts[i] as string, expected));
}

/** The workspaces' versions and their pinned @mlci/* dependencies that differ from `expected`. */
async function manifestProblems(root: string, expected: string): Promise<string[]> {
  const problems: string[] = [];
  for (const dir of (await manifestOf(root)).workspaces ?? []) {
    const manifest = await manifestOf(root, dir);
    if (manifest.version !== expected) problems.push(`${dir}/package.json: version ${manifest.version}`);
    for (const [name, range] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies }))
      if (name.startsWith('@mlci/') && /^\d/.test(range) && range !== expected)
        problems.push(`${dir}/package.json: ${name}@${range}`);
  }
  return problems;
}

test('every version string in the docs, examples, components and library is package.json’s version', async () => {
  const files = textFiles(repoRoot, documentedRoots);
  // The check must see the places users copy from, or it could pass on nothing.
  expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/github.md', 'docs/jenkins.md']));
  const pins = (await Promise.all(files.map((file) => readFile(join(repoRoot, file), 'utf8')))).join('\n');
  expect(versionProblems('all', pins, '0.0.0-none').length).toBeGreaterThan(10);
  expect(await documentedProblems(repoRoot, version)).toEqual([]);
});

test('every workspace package has package.json’s version', async () => {
  expect(await manifestProblems(repoRoot, version)).toEqual([]);
});

// Sample pins, built from variables so set-version (which rewrites the old version in tests/) leaves them alone.
const old = '0.4.1';
const sample = (pin: string, major: string) =>
  [
    `npx --yes @mlci/cli@${pin} validate-data --data d.csv`,
    `      - uses: mlci-dev/mlci/actions/validate-data@v${pin}`,
    `      - uses: mlci-dev/mlci/actions/train@v${major}`,
    `  - component: $CI_SERVER_FQDN/<group>/mlci/train@v${pin}`,
    `  - component: $CI_SERVER_FQDN/<group>/mlci/evaluate@v${pin}`,
    `@Library('mlci@v${pin}') _`,
    `library("mlci@v${major}")`,
    `curl -fsSLO https://github.com/mlci-dev/mlci/releases/download/v${pin}/mlci-linux-x64`,
    '    version:',
    '      type: string',
    '      description: Version of @mlci/cli to run (npm version or dist-tag).',
    `      default: ${pin}`,
    `| \`version\` | string  | \`${pin}\` | Version of @mlci/cli to run |`,
    '  - project: mlci-dev/mlci',
    '    file: templates/train.yml',
    `    ref: v${pin}`,
    `library identifier: 'mlci@v${pin}', retriever: modernSCM(`,
    `        defaultVersion: v${major}`,
    `- _Default version_: \`v${pin}\`, a release tag`,
    `  static final String VERSION = '${pin}'`,
  ].join('\n');

test('rewriteVersions moves every kind of pin and the major tag, and nothing else', () => {
  expect(rewriteVersions(sample(old, majorOf(old)), old, '1.0.0-rc.1')).toBe(sample('1.0.0-rc.1', '1'));
  const others = [
    `npx --yes @mlci/cli@${old}9 --help`,
    `uses: actions/checkout@v${old}`,
    `https://github.com/duckdb/duckdb/releases/download/v${old}/libduckdb.zip`,
    `- uses: mlci-dev/mlci/actions/train@v${Number(majorOf(old)) + 1}`,
    `image: node:${old}`,
  ].join('\n');
  expect(rewriteVersions(others, old, '1.0.0')).toBe(others);
});

test('versionProblems names each stale pin with its line; the major tag passes only for actions and the library', () => {
  expect(versionProblems('doc.md', sample(old, majorOf(old)), old)).toEqual([]);
  const stale = versionProblems('doc.md', sample('0.4.0', '1'), old);
  expect(stale).toEqual([
    `doc.md:1: npm package version 0.4.0, expected ${old}`,
    `doc.md:2: GitHub action version 0.4.0, expected ${old} or the major tag v0`,
    `doc.md:3: GitHub action version 1, expected ${old} or the major tag v0`,
    `doc.md:4: GitLab component version v0.4.0, expected v${old}`,
    `doc.md:5: GitLab component version v0.4.0, expected v${old}`,
    `doc.md:6: Jenkins library version 0.4.0, expected ${old} or the major tag v0`,
    `doc.md:7: Jenkins library version 1, expected ${old} or the major tag v0`,
    `doc.md:17: Jenkins library version 0.4.0, expected ${old} or the major tag v0`,
    `doc.md:18: Jenkins library version 1, expected ${old} or the major tag v0`,
    `doc.md:19: Jenkins library version 0.4.0, expected ${old} or the major tag v0`,
    `doc.md:20: Jenkins library default CLI version 0.4.0, expected ${old}`,
    `doc.md:8: release download version 0.4.0, expected ${old}`,
    `doc.md:12: GitLab component version input version 0.4.0, expected ${old}`,
    `doc.md:13: GitLab component version input version 0.4.0, expected ${old}`,
    `doc.md:16: GitLab include ref version 0.4.0, expected ${old}`,
  ]);
  // A component pinned without the tag's `v` does not resolve in the catalog; set-version writes the `v`.
  const bare = `  - component: $CI_SERVER_FQDN/<group>/mlci/train@${old}`;
  expect(versionProblems('doc.md', bare, old)).toEqual([
    `doc.md:1: GitLab component version ${old}, expected v${old}`,
  ]);
  expect(rewriteVersions(bare, old, '1.0.0')).toBe(bare.replace(`@${old}`, '@v1.0.0'));
  // npm has no moving major version: `@mlci/cli@0` would be a range, not the documented pin.
  expect(versionProblems('doc.md', `npx --yes @mlci/cli@${old}`, '0.4.2')).toHaveLength(1);
});

test('set-version moves a copy of the repository to a new version, consistently', async () => {
  await withTempDir(async (dir) => {
    const copied = ['package.json', 'package-lock.json', 'scripts', ...documentedRoots];
    copied.push(...(rootManifest.workspaces ?? []).map((workspace) => join(workspace, 'package.json')));
    for (const path of copied) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await cp(join(repoRoot, path), join(dir, path), {
        recursive: true,
        force: true,
        filter: (source) => !/(^|\/)(node_modules|dist)$/.test(source),
      }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error; // templates/ or gitlab-templates/, whichever this layout has
      });
    }
    await symlink(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
    const next = `${Number(majorOf(version)) + 1}.0.0`;

    const { stderr } = await run(process.execPath, ['scripts/set-version.mjs', next, '--no-build'], {
      cwd: dir,
    });
    expect(stderr).toContain(`version ${next}: package.json, `);
    expect((await manifestOf(dir)).version).toBe(next);
    expect(await manifestProblems(dir, next)).toEqual([]);
    expect(await documentedProblems(dir, next)).toEqual([]);
    const lock = JSON.parse(await readFile(join(dir, 'package-lock.json'), 'utf8'));
    expect(lock.packages['packages/cli'].version).toBe(next);

    const refused = await run(process.execPath, ['scripts/set-version.mjs', 'v2'], { cwd: dir }).catch(
      (e) => e,
    );
    expect(refused).toMatchObject({
      code: 2,
      stderr: 'set-version: not a version: v2 (expected x.y.z or x.y.z-pre)\n',
    });
  });
});
