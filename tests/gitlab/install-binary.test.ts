// `install: binary` of the components, run by the real gitlab-ci-local (shell executor): the job writes the
// installer the component carries (jenkins/resources/dev/mlci/install-binary.sh), which downloads the release's
// executable and SHA256SUMS from a loopback server standing in for the GitHub release (MLCI_BINARY_BASE_URL),
// then runs the installed file with the step's arguments. MLCI_CLI wins over it, and a digest that does not
// match fails the job before anything runs.
import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { arch, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { localEnv, repoRoot } from '../support/cli';
import { type FakeRelease, fakeCommandLine, fakeExecutable, startFakeRelease } from '../support/fake-release';
import { runGitlabCiLocal } from './gitlab-ci-local';

const run = promisify(execFile);
const projectPath = 'ml-team/churn';
const asset = `mlci-linux-${arch() === 'arm64' ? 'arm64' : 'x64'}`;

let release: FakeRelease;
let scratch: string;
let repo: string;
let version: string;
let preinstalled: string;

const pipeline = () => `include:
  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/validate-data@$CI_COMMIT_SHA
    inputs:
      job-name: validate-binary
      install: binary
      data: data/train.csv
      schema: schema.yaml
  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/validate-data@$CI_COMMIT_SHA
    inputs:
      job-name: validate-preinstalled
      install: binary
      data: data/train.csv
# MLCI_CLI, a preinstalled mlci, wins over install.
validate-preinstalled:
  variables:
    MLCI_CLI: ${preinstalled}
`;

async function runPipeline(): Promise<{ status: number | null; output: string }> {
  const args = ['--force-shell-executor', '--ignore-predefined-vars', 'GITLAB_CI'];
  for (const variable of ['GITLAB_CI=true', `MLCI_BINARY_BASE_URL=${release.baseUrl}`])
    args.push('--variable', variable);
  return runGitlabCiLocal(repo, args, localEnv());
}

/** The lines a job printed (gitlab-ci-local prefixes them with `<job> > `, the name padded to the longest). */
const linesOf = (output: string, job: string) =>
  [...output.matchAll(new RegExp(`^${job} *> (.*)$`, 'gm'))].map((match) => match[1]).join('\n');

beforeAll(async () => {
  release = await startFakeRelease();
  version = (JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as { version: string })
    .version;
  scratch = await mkdtemp(join(tmpdir(), 'mlci-gitlab-install-binary-'));
  preinstalled = join(scratch, 'preinstalled-mlci');
  await writeFile(preinstalled, fakeExecutable);
  await chmod(preinstalled, 0o755);
  repo = join(scratch, 'repo');
  await mkdir(join(repo, 'templates'), { recursive: true });
  await copyFile(
    join(repoRoot, 'templates', 'validate-data.yml'),
    join(repo, 'templates', 'validate-data.yml'),
  );
  await writeFile(join(repo, '.gitlab-ci.yml'), pipeline());
  await writeFile(join(repo, '.gitignore'), '.gitlab-ci-local/\n');
  const git = (...args: string[]) =>
    run('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], { cwd: repo });
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'pipeline');
  await git('remote', 'add', 'origin', `https://gitlab.example.com/${projectPath}.git`);
  await git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  await git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
}, 30_000);

afterAll(async () => {
  await release?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

test('install: binary downloads and checks the release executable, then runs it with the step’s arguments; MLCI_CLI wins', async () => {
  release.corrupt = false;
  release.requests.length = 0;
  const { status, output } = await runPipeline();
  expect({ status, tail: status === 0 ? '' : output.slice(-3000) }).toEqual({ status: 0, tail: '' });
  // The installer prints the absolute path it installed to, which the job runs.
  const [installed] = fakeCommandLine(linesOf(output, 'validate-binary'));
  expect(installed).toMatch(/^\/.*\/\.mlci\/bin\/mlci$/);
  expect(fakeCommandLine(linesOf(output, 'validate-binary'))).toEqual([
    installed,
    'validate-data',
    '--data',
    'data/train.csv',
    '--schema',
    'schema.yaml',
    '--out',
    '.mlci',
  ]);
  expect(fakeCommandLine(linesOf(output, 'validate-preinstalled'))).toEqual([
    preinstalled,
    'validate-data',
    '--data',
    'data/train.csv',
    '--out',
    '.mlci',
  ]);
  // One job downloaded, the component's version: the digests, then the executable for this machine.
  expect(release.requests).toEqual([`/v${version}/SHA256SUMS`, `/v${version}/${asset}`]);
}, 60_000);

test('a download that does not match SHA256SUMS fails the job, and nothing is run', async () => {
  release.corrupt = true;
  const { status, output } = await runPipeline();
  expect(status).not.toBe(0);
  expect(output).toMatch(/FAIL\s+validate-binary/);
  expect(linesOf(output, 'validate-binary')).toContain('does not match SHA256SUMS');
  expect(fakeCommandLine(linesOf(output, 'validate-binary'))).toEqual([]);
}, 60_000);
