import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runGroovyHarness, startGroovyServer } from '../jenkins/groovy';
import { repoRoot } from '../support/cli';
import { cliVersion, localMlci } from './shell';

/** Groovy examples of the docs, run by tests/docs/jenkinsfile.groovy in one Groovy process (it takes seconds to start). */

export interface JenkinsCase {
  name: string;
  /** Jenkinsfile text without the @Library line. */
  script: string;
  /** The example project copy the build's workspace is. */
  cwd: string;
  /** Variables of this build over those of a branch build of main (a tag build's TAG_NAME, GIT_COMMIT…). */
  env?: Record<string, string>;
}

export interface JenkinsCall {
  step: string;
  args: unknown;
  status?: number;
  stdout?: string;
  stderr?: string;
}

export interface JenkinsResult {
  name: string;
  calls: JenkinsCall[];
  /** The message of an `error` step: a failed build. */
  error?: string;
  /** Anything else the script threw, e.g. a step or directive the library or these stubs do not have. */
  exception?: string;
}

/**
 * Takes out the `@Library('mlci…') _` line a Jenkinsfile starts with (the harness loads the library itself);
 * a library of another name, or a version other than this release, is a problem.
 */
export function withoutLibraryLine(text: string, problems: string[]): string {
  return text.replace(/^\s*@Library\((['"])([^'"]*)\1\)\s*_\s*$/m, (_, _quote, library: string) => {
    const [name, version] = library.split('@');
    if (name !== 'mlci') problems.push(`@Library('${library}'): the library is named mlci`);
    if (version !== undefined && version !== `v${cliVersion}`)
      problems.push(`@Library('${library}'): pins ${version}, this release is v${cliVersion}`);
    return '';
  });
}

/**
 * The variables of a branch build of a (not multibranch PR) job; credentials are stubbed in the harness. The
 * Git plugin sets GIT_COMMIT: the workspace copy is no git repository, so it is the commit mlci goes by
 * (train's registration, `attachTo: NAME`, promote's `fromCommit: env.GIT_COMMIT`).
 */
function jenkinsEnv(workspace: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: workspace,
    LANG: 'C.UTF-8',
    JENKINS_URL: 'https://ci.example.com/',
    BUILD_URL: 'https://ci.example.com/job/breast-cancer/job/main/3/',
    JOB_NAME: 'breast-cancer/main',
    BUILD_NUMBER: '3',
    BRANCH_NAME: 'main',
    GIT_COMMIT: '8e1f0a2b3c4d5e6f708192a3b4c5d6e7f8091a2b',
    WORKSPACE: workspace,
  };
}

/** A case as the harness reads it: the build's variables, and the CLI that replaces the library's npx. */
const harnessCase = (c: JenkinsCase) => ({ ...c, env: { ...jenkinsEnv(c.cwd), ...c.env }, mlci: localMlci });

export async function runJenkinsfiles(cases: JenkinsCase[], scratch: string): Promise<JenkinsResult[]> {
  const casesFile = join(scratch, 'jenkins-cases.json');
  await writeFile(casesFile, JSON.stringify(cases.map(harnessCase)));
  return runGroovyHarness<JenkinsResult[]>(
    'tests/docs/jenkinsfile.groovy',
    [join(repoRoot, 'jenkins'), casesFile],
    scratch,
  );
}

/**
 * The harness kept running for builds that depend on what happened between them (a commit, a tag): one JVM
 * and one compiled library for all of them.
 */
export function startJenkins(scratch: string): {
  build(cases: JenkinsCase[]): Promise<JenkinsResult[]>;
  stop(): Promise<void>;
} {
  const server = startGroovyServer('tests/docs/jenkinsfile.groovy', [join(repoRoot, 'jenkins')], scratch);
  return {
    build: (cases) => server.request<JenkinsResult[]>(cases.map(harnessCase)),
    stop: () => server.close(),
  };
}

/** What went wrong in a build, or nothing: it must run mlci at least once, and every command must pass. */
export function jenkinsProblems(result: JenkinsResult | undefined): string[] {
  if (!result) return ['the harness returned no result'];
  const problems: string[] = [];
  if (result.exception) problems.push(`the script threw ${result.exception}`);
  if (result.error) problems.push(`the build failed: ${result.error}`);
  const shells = result.calls.filter((call) => call.step === 'sh');
  if (shells.length === 0) problems.push('no step ran a shell command');
  for (const call of shells)
    if (call.status !== 0)
      problems.push(
        `sh ${JSON.stringify((call.args as { script?: string }).script)}: exit ${call.status}\n${call.stderr ?? ''}`,
      );
  return problems;
}
