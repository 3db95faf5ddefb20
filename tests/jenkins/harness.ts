import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import { repoRoot } from '../support/cli';
import { runGroovyHarness } from './groovy';

/**
 * What the Jenkins tests share around tests/jenkins/harness.groovy: its output, a run of cases through it, the
 * look-up of a case's result, the calls a var makes when mlci passes, and the shell run of a recorded script.
 */

/** One pipeline step a var called, as the harness's stub recorded it. */
export interface Call {
  step: string;
  args: unknown;
  within: string[];
  /** Set when the case asked the sh stub to run the script. */
  executed?: { status: number; stdout: string; stderr: string };
}

export interface CaseResult {
  name: string;
  calls: Call[];
  returned?: unknown;
  error?: string;
  interrupted?: string;
}

export interface HarnessOutput {
  steps: Record<
    string,
    { options: Record<string, string>; gateFailed: string; records: Record<string, string> }
  >;
  defaults: { mlci: string; out: string };
  results: CaseResult[];
}

/** Runs `cases` (written to scratch/cases.json) through harness.groovy with the shared library of jenkins/. */
export async function runHarness(cases: unknown[], scratch: string): Promise<HarnessOutput> {
  const casesFile = join(scratch, 'cases.json');
  writeFileSync(casesFile, JSON.stringify(cases));
  return runGroovyHarness<HarnessOutput>(
    'tests/jenkins/harness.groovy',
    [join(repoRoot, 'jenkins'), casesFile],
    scratch,
  );
}

/** Finds cases in the harness output, once `outputOf` has it (after the file's beforeAll). */
export function caseResults(outputOf: () => HarnessOutput) {
  function result(name: string): CaseResult {
    const found = outputOf().results.find((r) => r.name === name);
    if (!found) throw new Error(`no result for case ${name}`);
    return found;
  }
  /** The script of the case's sh step. */
  function script(name: string): string {
    const sh = result(name).calls.find((call) => call.step === 'sh');
    if (!sh) throw new Error(`case ${name} ran no sh step`);
    return (sh.args as { script: string }).script;
  }
  return { result, script };
}

/**
 * The calls of a var whose mlci passed, out in `.mlci`: sh with `script`, junit of the step's JUnit file,
 * archiveArtifacts of `archived` (the step's reports unless given); and what it returned: the reports, plus
 * `returned` (a step's own files).
 */
export function passedRun(
  step: string,
  script: string,
  {
    archived = `.mlci/${step}.*`,
    returned = {},
  }: { archived?: string; returned?: Record<string, string> } = {},
): Pick<CaseResult, 'calls' | 'returned'> {
  return {
    calls: [
      { step: 'sh', args: { script, returnStatus: true }, within: [] },
      {
        step: 'junit',
        args: { testResults: `.mlci/${step}.junit.xml`, allowEmptyResults: true },
        within: [],
      },
      { step: 'archiveArtifacts', args: { artifacts: archived, allowEmptyArchive: true }, within: [] },
    ],
    returned: {
      status: 'passed',
      json: `.mlci/${step}.json`,
      markdown: `.mlci/${step}.md`,
      junit: `.mlci/${step}.junit.xml`,
      ...returned,
    },
  };
}

/**
 * Writes into `dir` a script that prints its arguments and MLCI_TOKEN as JSON (`{argv, token}`); returns the
 * shell text that runs it, the `mlci` of cases whose recorded script a shell then runs.
 */
export function argvPrinter(dir: string): string {
  const file = join(dir, 'print-argv.mjs');
  writeFileSync(
    file,
    'process.stdout.write(JSON.stringify({ argv: process.argv.slice(2), token: process.env.MLCI_TOKEN ?? null }));\n',
  );
  return `'${process.execPath}' '${file}'`;
}

/**
 * Runs a recorded script with `shell` in a fresh directory under `scratch`, with only PATH and HOME: it must
 * exit 0 and print nothing on stderr. Returns what the argv printer saw and every file that appeared.
 */
export function runScript(
  scratch: string,
  shell: string,
  text: string,
): { argv: string[]; token: string | null; files: string[] } {
  const cwd = mkdtempSync(join(scratch, 'shell-'));
  // stdin not a socket: bash reads ~/.bashrc when it thinks a remote shell daemon started it.
  const run = spawnSync(shell, ['-c', text], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: cwd },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const files = spawnSync('find', ['.', '-mindepth', '1'], { cwd, encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean);
  const printed = JSON.parse(run.stdout) as { argv: string[]; token: string | null };
  return { ...printed, files };
}
