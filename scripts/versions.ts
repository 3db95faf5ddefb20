/**
 * mlci's version lives in one place, the root package.json "version"; everything a user copies (install lines,
 * `uses:`, `component:`, `@Library`, download URLs) and the packages' manifests follow it. This module knows
 * where those version strings are: `scripts/set-version.mjs` rewrites them, tests/docs/versions.test.ts checks
 * them. Only `node:` imports, so set-version can load it with esbuild's transform alone.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** x.y.z with an optional pre-release (`1.0.0-rc.1`); a sentence's final dot is not part of it. */
const semverSource = '\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?';
export const semverPattern = new RegExp(`^${semverSource}$`);

/** A kind of version string: `pre` and `post` are kept, `version` is the pinned version or a major tag. */
interface VersionPattern {
  name: string;
  regex: RegExp;
  /** Whether `v<major>` (the tag the release moves) may stand instead of the whole version. */
  majorAllowed: boolean;
  /** What the version must be written with, when the capture includes it (`v` of the release tag). */
  prefix?: string;
}

const patterns: VersionPattern[] = [
  { name: 'npm package', regex: new RegExp(`(@mlci/cli@)(${semverSource})`, 'g'), majorAllowed: false },
  {
    name: 'GitHub action',
    regex: new RegExp(`(/mlci/actions/[a-z-]+@v)(${semverSource}|\\d+(?![.\\d]))`, 'g'),
    majorAllowed: true,
  },
  {
    // The catalog version is the release tag itself, `v0.1.0`: `@0.1.0` does not resolve (docs/gitlab.md).
    name: 'GitLab component',
    regex: new RegExp(`(/mlci/[a-z-]+@)(v?${semverSource})`, 'g'),
    majorAllowed: false,
    prefix: 'v',
  },
  {
    name: 'Jenkins library',
    regex: new RegExp(`((?:@Library|library)\\(\\s*['"]mlci@v?)(${semverSource}|\\d+)(?=['"])`, 'g'),
    majorAllowed: true,
  },
  {
    // The Jenkins library's configuration: `library identifier: 'mlci@v…'`, JCasC's `defaultVersion: v…`, and the
    // UI field the docs name.
    name: 'Jenkins library',
    regex: new RegExp(
      `((?:identifier:[ \\t]*['"]mlci@v|defaultVersion:[ \\t]*['"]?v|_Default version_: \`v))(${semverSource}|\\d+(?![.\\d]))`,
      'g',
    ),
    majorAllowed: true,
  },
  {
    // The @mlci/cli version the Jenkins vars run by default.
    name: 'Jenkins library default CLI',
    regex: new RegExp(`(static final String VERSION = ')(${semverSource})(?=')`, 'g'),
    majorAllowed: false,
  },
  {
    name: 'release download',
    regex: new RegExp(`(/mlci/releases/download/v)(${semverSource})(?=/)`, 'g'),
    majorAllowed: false,
  },
  {
    // A component's `version` input (the @mlci/cli it runs), in its spec and in the generated inputs table.
    name: 'GitLab component version input',
    regex: new RegExp(
      `(^[ \\t]+version:[ \\t]*\\n(?:[ \\t]+(?:type|description|regex):.*\\n)*[ \\t]+default:[ \\t]*['"]?)(${semverSource})`,
      'gm',
    ),
    majorAllowed: false,
  },
  {
    name: 'GitLab component version input',
    regex: new RegExp(`(\\|\\s*\`version\`\\s*\\|\\s*string\\s*\\|\\s*\`)(${semverSource})(?=\`)`, 'g'),
    majorAllowed: false,
  },
  {
    // `include: - project: <group>/mlci … ref: v0.1.0`, GitLab's include of a project that is no catalog.
    name: 'GitLab include ref',
    regex: new RegExp(
      `(project:[ \\t]*['"]?\\S*/mlci['"]?[ \\t]*\\n(?:[ \\t]+(?!-|ref:)\\S.*\\n)*?[ \\t]+ref:[ \\t]*['"]?v?)(${semverSource})`,
      'g',
    ),
    majorAllowed: false,
  },
  {
    name: 'mlciVersion',
    regex: new RegExp(`(mlciVersion = ')(${semverSource})(?=')`, 'g'),
    majorAllowed: false,
  },
];

/** The major tag the release moves (`v0` for 0.x, `v1` for 1.x), which `uses:` and `@Library` may follow. */
export const majorOf = (version: string): string => version.split('.')[0] as string;

/**
 * `text` with every version string that pins `from` (or follows its major tag, where allowed) moved to `to`.
 * Other versions stay: a test's deliberately wrong pin, another project's version.
 */
export function rewriteVersions(text: string, from: string, to: string): string {
  let result = text;
  for (const { regex, majorAllowed, prefix = '' } of patterns) {
    result = result.replace(regex, (match, pre: string, found: string) => {
      if (found === `${prefix}${from}` || found === from) return `${pre}${prefix}${to}`;
      if (majorAllowed && found === majorOf(from)) return `${pre}${majorOf(to)}`;
      return match;
    });
  }
  return result;
}

/** One line per version string of `text` that is neither `version` nor, where allowed, its major tag. */
export function versionProblems(file: string, text: string, version: string): string[] {
  const problems: string[] = [];
  for (const { name, regex, majorAllowed, prefix = '' } of patterns) {
    for (const match of text.matchAll(regex)) {
      const found = match[2] as string;
      if (found === `${prefix}${version}` || (majorAllowed && found === majorOf(version))) continue;
      const line = text.slice(0, (match.index ?? 0) + (match[1] as string).length).split('\n').length;
      const expected = majorAllowed
        ? `${version} or the major tag v${majorOf(version)}`
        : `${prefix}${version}`;
      problems.push(`${file}:${line}: ${name} version ${found}, expected ${expected}`);
    }
  }
  return problems;
}

/** Where users read version strings: the docs, examples, GitLab components and the Jenkins library. */
export const documentedRoots = ['README.md', 'docs', 'examples', 'gitlab-templates', 'templates', 'jenkins'];
/** Also rewritten (not checked here): sources that pin the version, and tests that expect the pinned commands. */
const sourceRoots = ['packages', 'tests', 'bench', 'scripts', '.gitlab-ci.yml'];

const skippedDirs = new Set([
  'node_modules',
  '.git',
  'dist',
  'dist-bin',
  '.mlci',
  '.gitlab-ci-local',
  'coverage',
  'tmp',
]);
const textFile = /\.(md|ya?ml|groovy|ts|mjs|js|sh|txt|Jenkinsfile)$|(^|\/)Jenkinsfile$/;
/** A changelog records the versions that were: never rewritten. */
const keptFiles = /(^|\/)CHANGELOG\.md$/;

/** The text files under `roots` (files or folders relative to `root`), repository-relative and sorted. */
export function textFiles(root: string, roots: readonly string[]): string[] {
  const found: string[] = [];
  const visit = (path: string): void => {
    const full = join(root, path);
    if (!existsSync(full)) return;
    if (!statSync(full).isDirectory()) {
      if (textFile.test(path) && !keptFiles.test(path)) found.push(path);
      return;
    }
    for (const entry of readdirSync(full, { withFileTypes: true })) {
      if (!(entry.isDirectory() && skippedDirs.has(entry.name))) visit(`${path}/${entry.name}`);
    }
  };
  for (const path of roots) visit(path);
  return found.sort();
}

const dependencyFields = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
] as const;
type Manifest = { version?: string } & Partial<
  Record<(typeof dependencyFields)[number], Record<string, string>>
>;

/**
 * A lockfile entry of a workspace with its version set to `to`, and its dependencies on mlci's packages that
 * pinned `from` (not a range or `*`) too.
 */
function setManifestVersion(manifest: Manifest, from: string, to: string): void {
  if (manifest.version !== undefined) manifest.version = to;
  for (const field of dependencyFields) {
    const dependencies = manifest[field] ?? {};
    for (const [name, range] of Object.entries(dependencies))
      if (name.startsWith('@mlci/') && range === from) dependencies[name] = to;
  }
}

/** package.json text with the same change made in place, so its formatting stays as it was. */
function setManifestTextVersion(text: string, from: string, to: string): string {
  const pinnedFrom = new RegExp(`("@mlci/[a-z-]+":\\s*")${from.replace(/\./g, '\\.')}(")`, 'g');
  return text.replace(/^( {2}"version":\s*")[^"]*(")/m, `$1${to}$2`).replace(pinnedFrom, `$1${to}$2`);
}

/**
 * Moves the version from the root package.json's to `version` everywhere: the root and workspace package.json
 * files (and their @mlci/* dependencies), the lockfile's entries for them (so `npm ci` accepts it), and every
 * version string under the documented and source roots that pinned the old one. Returns the files it changed.
 * Generated files (the components' inputs tables) are rewritten too, so the result is consistent before
 * `npm run build` regenerates them.
 */
export function setVersion(root: string, version: string): string[] {
  if (!semverPattern.test(version))
    throw new Error(`not a version: ${version} (expected x.y.z or x.y.z-pre)`);
  const changed: string[] = [];
  const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string;
    workspaces?: string[];
  };
  const from = rootManifest.version;
  const manifests = ['package.json', ...(rootManifest.workspaces ?? []).map((dir) => `${dir}/package.json`)];
  for (const file of manifests) {
    const before = readFileSync(join(root, file), 'utf8');
    const after = setManifestTextVersion(before, from, version);
    if (after !== before) {
      writeFileSync(join(root, file), after);
      changed.push(file);
    }
  }
  const lockPath = join(root, 'package-lock.json');
  let lock: { version?: string; packages?: Record<string, Manifest> } | undefined;
  try {
    lock = JSON.parse(readFileSync(lockPath, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (lock) {
    const before = JSON.stringify(lock);
    if (lock.version !== undefined) lock.version = version;
    const ownEntries = ['', ...(rootManifest.workspaces ?? [])];
    for (const key of ownEntries)
      if (lock.packages?.[key]) setManifestVersion(lock.packages[key], from, version);
    if (JSON.stringify(lock) !== before) {
      // npm writes its lockfile as JSON.stringify(lock, null, 2) does.
      writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
      changed.push('package-lock.json');
    }
  }
  for (const file of textFiles(root, [...documentedRoots, ...sourceRoots])) {
    const before = readFileSync(join(root, file), 'utf8');
    const after = rewriteVersions(before, from, version);
    if (after !== before) {
      writeFileSync(join(root, file), after);
      changed.push(file);
    }
  }
  return changed;
}
