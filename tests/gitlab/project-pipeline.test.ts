// mlci's own .gitlab-ci.yml and the catalog's templates/: GitLab's CI schema over the whole files, then the
// real gitlab-ci-local (4.73.0, shell executor) on a copy of this checkout with the project's remote, where it
// resolves `component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/<step>@$CI_COMMIT_SHA` from templates/ as GitLab does.
// Not testable here: the `release:` keyword itself (gitlab-ci-local runs only the job's script; the release and
// the catalog publication are GitLab's), checked by the schema only. `npm` is a recorder on PATH, so the test job
// shows its commands without running npm test inside npm test, and the component's job its `npm ci` without
// downloading the workspace (it runs this checkout's CLI bundle with the real node_modules).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { localEnv, repoRoot } from '../support/cli';
import { interpolate, loadComponent } from './component';
import { gitlabCiSchema } from './component-contract';
import { runGitlabCiLocal } from './gitlab-ci-local';

const run = promisify(execFile);
const projectPath = 'mlci-dev/mlci';
const { version, workspaces } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  version: string;
  workspaces: string[];
};

let errorsOf: (document: unknown) => string[];
let pipeline: Record<string, unknown>;
let scratch: string;
let repo: string;
let npmLog: string;

async function git(...args: string[]): Promise<string> {
  const { stdout } = await run('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], {
    cwd: repo,
  });
  return stdout.trim();
}

/** gitlab-ci-local in the copy; a tag pipeline has the variables GitLab sets for a tag (and no branch). */
function gitlabCiLocal(args: string[], tag?: string) {
  const pinned = ['GITLAB_CI=true', ...(tag ? [`CI_COMMIT_TAG=${tag}`, `CI_COMMIT_REF_NAME=${tag}`] : [])];
  const all = [
    '--force-shell-executor',
    '--ignore-predefined-vars',
    'GITLAB_CI,CI_COMMIT_TAG,CI_COMMIT_REF_NAME',
  ];
  for (const variable of pinned) all.push('--variable', variable);
  if (tag) all.push('--unset-variable', 'CI_COMMIT_BRANCH');
  const env = localEnv();
  return runGitlabCiLocal(repo, [...all, ...args], { ...env, PATH: `${join(scratch, 'bin')}:${env.PATH}` });
}

/** The jobs of the pipeline, as `--list` shows them (its table, whose rows are the jobs the rules keep). */
async function jobsOf(tag?: string): Promise<string[]> {
  const { status, output } = await gitlabCiLocal(['--list'], tag);
  expect({ status, output: status === 0 ? '' : output }).toEqual({ status: 0, output: '' });
  const table = output
    .slice(output.search(/^name\s+description/m))
    .trim()
    .split('\n')
    .slice(1);
  return table.map((row) => row.split(/\s+/)[0] as string);
}

beforeAll(async () => {
  errorsOf = await gitlabCiSchema();
  pipeline = parse(await readFile(join(repoRoot, '.gitlab-ci.yml'), 'utf8'));
  scratch = await mkdtemp(join(tmpdir(), 'mlci-project-pipeline-'));
  repo = join(scratch, 'repo');
  npmLog = join(scratch, 'npm.log');
  await mkdir(join(scratch, 'bin'));
  await writeFile(join(scratch, 'bin', 'npm'), `#!/bin/sh\necho "$CI_JOB_NAME: npm $*" >> '${npmLog}'\n`);
  await chmod(join(scratch, 'bin', 'npm'), 0o755);
  // What the pipeline reads of the checkout: itself, the components, the example, the CLI bundle, and the
  // manifests and script that check a release tag.
  const manifests = workspaces.map((dir) => `${dir}/package.json`);
  for (const path of [
    '.gitlab-ci.yml',
    'templates',
    'examples/breast-cancer',
    'packages/cli/dist',
    'package.json',
    'scripts/release-version.mjs',
    ...manifests,
  ])
    await cp(join(repoRoot, path), join(repo, path), { recursive: true });
  await symlink(join(repoRoot, 'node_modules'), join(repo, 'node_modules'));
  await writeFile(join(repo, '.gitignore'), 'node_modules\n.gitlab-ci-local/\n');
  await run('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  await git('add', '-A');
  await git('commit', '-q', '-m', 'mlci');
  await git('remote', 'add', 'origin', `https://gitlab.example.com/${projectPath}.git`);
  await git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  await git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
}, 60_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe("GitLab's CI schema", () => {
  test('accepts the whole .gitlab-ci.yml, and rejects it with a broken release job', () => {
    expect(errorsOf(pipeline)).toEqual([]);
    const release = pipeline.release as Record<string, unknown>;
    const broken = { ...pipeline, release: { ...release, release: { description: 'no tag' } } };
    expect(errorsOf(broken).length).toBeGreaterThan(0);
  });

  test('accepts every templates/*.yml: its header, and its jobs with the inputs filled in', async () => {
    const files = (await readdir(join(repoRoot, 'templates'))).filter((file) => file.endsWith('.yml'));
    expect(files.sort()).toEqual([
      'build-image.yml',
      'evaluate.yml',
      'promote.yml',
      'train.yml',
      'validate-data.yml',
    ]);
    for (const file of files) {
      const component = await loadComponent(join(repoRoot, 'templates', file));
      const required = Object.entries(component.header.spec.inputs)
        .filter(([, input]) => input.default === undefined)
        .map(([name]) => [name, 'model']);
      expect({ file, header: errorsOf(component.header) }).toEqual({ file, header: [] });
      const jobs = interpolate(component, Object.fromEntries(required));
      expect({ file, jobs: errorsOf(jobs) }).toEqual({ file, jobs: [] });
    }
  });

  test('catalog layout: templates/ holds components and their README only', async () => {
    expect(
      (await readdir(join(repoRoot, 'templates'))).filter((file) => !/^[\w-]+\.yml$/.test(file)),
    ).toEqual(['README.md']);
  });
});

describe('gitlab-ci-local', () => {
  test('a branch pipeline has the tests and the component at this commit; only a v<semver> tag adds the release', async () => {
    expect(await jobsOf()).toEqual(['component-validate-data', 'test']);
    expect(await jobsOf('v0.1.0')).toEqual(['component-validate-data', 'test', 'release-version', 'release']);
    // The catalog's semantic versions, as tagged here: an unprefixed tag is not ours.
    expect(await jobsOf('0.1.0')).toEqual(['component-validate-data', 'test']);
  }, 60_000);

  test('the test job runs npm ci then npm test; the included component validates the example with this commit’s CLI', async () => {
    const { status, output } = await gitlabCiLocal(['test', 'component-validate-data']);
    expect({ status, tail: status === 0 ? '' : output.slice(-2000) }).toEqual({ status: 0, tail: '' });
    expect(output).toMatch(/PASS\s+test/);
    expect(output).toMatch(/PASS\s+component-validate-data/);
    expect(output).toContain('validate-data passed');
    const npm = (await readFile(npmLog, 'utf8')).trim().split('\n');
    expect(npm.filter((line) => line.startsWith('test:'))).toEqual([
      'test: npm ci --no-audit --no-fund',
      'test: npm test',
    ]);
    expect(npm.filter((line) => line.startsWith('component-validate-data:'))).toEqual([
      'component-validate-data: npm ci --omit=dev --no-audit --no-fund',
    ]);
    const report = join(repo, '.gitlab-ci-local', 'artifacts', 'component-validate-data', '.mlci');
    expect(existsSync(join(report, 'validate-data.json'))).toBe(true);
  }, 120_000);

  test('a tag that is not package.json’s version fails the release-version job, which the release needs', async () => {
    const wrong = await gitlabCiLocal(['release-version'], 'v9.9.9');
    expect(wrong.status).not.toBe(0);
    expect(wrong.output).toContain(`tag v9.9.9 is not v${version}, the version in package.json`);
    const right = await gitlabCiLocal(['release-version'], `v${version}`);
    expect({ status: right.status, tail: right.status === 0 ? '' : right.output.slice(-2000) }).toEqual({
      status: 0,
      tail: '',
    });
    expect(right.output).toContain(`version=${version}`);
  }, 60_000);

  test('the release job runs in a tag pipeline', async () => {
    const { status, output } = await gitlabCiLocal(['release'], 'v0.1.0');
    expect({ status, tail: status === 0 ? '' : output.slice(-2000) }).toEqual({ status: 0, tail: '' });
    expect(output).toContain('Releasing mlci v0.1.0 to the CI/CD Catalog');
  }, 60_000);
});
