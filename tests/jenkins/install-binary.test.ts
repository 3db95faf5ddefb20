// `install: 'binary'` of the Jenkins vars through tests/jenkins/harness.groovy (one groovy run): the var writes
// the library resource dev/mlci/install-binary.sh into the workspace, runs it with sh (really, with /bin/sh), and
// runs the executable it printed with the step's arguments. The release is a loopback server standing in for the
// GitHub release (MLCI_BINARY_BASE_URL). `mlci:` wins over install; a bad digest fails before mlci runs.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { arch, tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/cli';
import { type FakeRelease, fakeCommandLine, startFakeRelease } from '../support/fake-release';
import { caseResults, type HarnessOutput, runHarness } from './harness';

const asset = `mlci-linux-${arch() === 'arm64' ? 'arm64' : 'x64'}`;
let release: FakeRelease;
/** A release whose SHA256SUMS does not match its executable, as a tampered download would. */
let tampered: FakeRelease;
let scratch: string;
let output: HarnessOutput;
const { result } = caseResults(() => output);

function workspace(name: string, from: FakeRelease) {
  const cwd = join(scratch, name);
  mkdirSync(cwd);
  return { cwd, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', MLCI_BINARY_BASE_URL: from.baseUrl } };
}

beforeAll(async () => {
  release = await startFakeRelease();
  tampered = await startFakeRelease({ corrupt: true });
  scratch = mkdtempSync(join(tmpdir(), 'mlci-jenkins-install-binary-'));
  const args = { data: 'data/train.csv', schema: 'schema.yaml' };
  output = await runHarness(
    [
      {
        name: 'binary',
        var: 'mlciValidateData',
        args: { ...args, install: 'binary' },
        execute: workspace('binary', release),
      },
      {
        name: 'mlci wins',
        var: 'mlciValidateData',
        args: { ...args, install: 'binary', mlci: 'echo fake-mlci: preinstalled' },
        execute: workspace('mlci-wins', release),
      },
      { name: 'bad install', var: 'mlciValidateData', args: { ...args, install: 'pip' } },
      {
        name: 'corrupt',
        var: 'mlciValidateData',
        args: { ...args, install: 'binary' },
        execute: workspace('corrupt', tampered),
      },
    ],
    scratch,
  );
}, 60_000);

afterAll(async () => {
  await release?.close();
  await tampered?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test("install: 'binary' installs the release executable with the library's script and runs it with the step's arguments", () => {
  const calls = result('binary').calls;
  expect(calls.map((call) => call.step)).toEqual([
    'libraryResource',
    'writeFile',
    'sh',
    'sh',
    'junit',
    'archiveArtifacts',
  ]);
  expect(calls[0]?.args).toBe('dev/mlci/install-binary.sh');
  const script = readFileSync(join(repoRoot, 'jenkins/resources/dev/mlci/install-binary.sh'), 'utf8');
  expect(calls[1]?.args).toEqual({ file: '.mlci/bin/install-binary.sh', chars: script.length });
  expect(calls[2]?.args).toEqual({
    script: "sh '.mlci/bin/install-binary.sh' '0.1.0' '.mlci/bin'",
    returnStdout: true,
  });
  // The script prints the path it installed (absolute); the var runs exactly that.
  const installed = (calls[2]?.executed?.stdout ?? '').trim();
  expect(installed).toMatch(/^\/.*\/\.mlci\/bin\/mlci$/);
  expect(calls[3]?.args).toEqual({
    script: `'${installed}' validate-data --data 'data/train.csv' --schema 'schema.yaml' --out '.mlci'`,
    returnStatus: true,
  });
  expect(fakeCommandLine(calls[3]?.executed?.stdout ?? '')).toEqual([
    installed,
    'validate-data',
    '--data',
    'data/train.csv',
    '--schema',
    'schema.yaml',
    '--out',
    '.mlci',
  ]);
  expect(result('binary').returned).toMatchObject({ status: 'passed' });
  // SHA256SUMS first: an installed copy with the right digest needs no download.
  expect(release.requests).toEqual(['/v0.1.0/SHA256SUMS', `/v0.1.0/${asset}`]);
});

test('mlci: wins over install, and install takes npx or binary only', () => {
  const wins = result('mlci wins');
  expect(wins.calls.map((call) => call.step)).toEqual(['sh', 'junit', 'archiveArtifacts']);
  expect(wins.calls[0]?.executed?.stdout).toBe(
    'fake-mlci: preinstalled validate-data --data data/train.csv --schema schema.yaml --out .mlci\n',
  );
  expect(result('bad install').error).toBe('mlciValidateData: install must be one of npx, binary, got pip');
  expect(result('bad install').calls.map((call) => call.step)).toEqual(['error']);
});

test('a download that does not match SHA256SUMS fails the install step, and mlci never runs', () => {
  const corrupt = result('corrupt');
  expect(corrupt.calls.map((call) => call.step)).toEqual(['libraryResource', 'writeFile', 'sh']);
  expect(corrupt.calls[2]?.executed?.stderr).toContain(`/v0.1.0/${asset}: sha256 `);
  expect(corrupt.calls[2]?.executed?.stderr).toContain('does not match SHA256SUMS');
  expect(corrupt.error).toBe('script returned exit code 1');
});
