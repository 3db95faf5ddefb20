// The deploy repository's token on Jenkins: mlciPromote's deployCredentialsId binds a "secret text" credential as
// MLCI_DEPLOY_TOKEN around the mlci command only, beside credentialsId's MLCI_TOKEN, through
// tests/jenkins/harness.groovy (Debian's groovy, stub pipeline steps that record every call) in one groovy run.
// The sh stub really runs the script with what withCredentials bound, so the environment mlci gets is checked.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { caseResults, type HarnessOutput, runHarness } from './harness';

let scratch: string;
let output: HarnessOutput;
const { result } = caseResults(() => output);

const secrets = { 'deploy-repo-token': 'glpat-deploy-s3cr3t', 'mlci-token': 'glpat-comment-s3cr3t' };

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'mlci-jenkins-deploy-'));
  // Stands in for mlci: prints its arguments and the two tokens it was given.
  const printer = join(scratch, 'print-tokens.mjs');
  writeFileSync(
    printer,
    'const { MLCI_TOKEN = null, MLCI_DEPLOY_TOKEN = null } = process.env;\n' +
      'process.stdout.write(JSON.stringify({ argv: process.argv.slice(2), MLCI_TOKEN, MLCI_DEPLOY_TOKEN }));\n',
  );
  const mlci = `'${process.execPath}' '${printer}'`;
  const execute = { cwd: scratch, env: {} };
  output = await runHarness(
    [
      {
        name: 'both credentials',
        var: 'mlciPromote',
        args: { model: 'churn', credentialsId: 'mlci-token', deployCredentialsId: 'deploy-repo-token', mlci },
        credentials: secrets,
        execute,
      },
      {
        name: 'deploy credential alone',
        var: 'mlci',
        args: { step: 'promote', model: 'churn', deployCredentialsId: 'deploy-repo-token', mlci },
        credentials: secrets,
        execute,
      },
      {
        name: 'not a deploy step',
        var: 'mlciValidateData',
        args: { data: 'd.csv', deployCredentialsId: 'deploy-repo-token' },
      },
      { name: 'empty', var: 'mlciPromote', args: { model: 'churn', deployCredentialsId: '' } },
    ],
    scratch,
  );
}, 60_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('deployCredentialsId', () => {
  it('binds MLCI_DEPLOY_TOKEN beside MLCI_TOKEN, around the command only, never in the script', () => {
    const { calls, error } = result('both credentials');
    expect(error).toBeUndefined();
    expect(calls.map((call) => [call.step, call.within])).toEqual([
      ['withCredentials', []],
      ['sh', ['withCredentials']],
      ['junit', []],
      ['archiveArtifacts', []],
    ]);
    expect(calls[0]?.args).toEqual([
      { binding: 'string', credentialsId: 'mlci-token', variable: 'MLCI_TOKEN' },
      { binding: 'string', credentialsId: 'deploy-repo-token', variable: 'MLCI_DEPLOY_TOKEN' },
    ]);
    const recorded = JSON.stringify(calls.map((call) => call.args));
    for (const secret of Object.values(secrets)) expect(recorded).not.toContain(secret);
    expect(JSON.parse(calls[1]?.executed?.stdout ?? '{}')).toEqual({
      argv: ['promote', '--model', 'churn', '--out', '.mlci'],
      MLCI_TOKEN: 'glpat-comment-s3cr3t',
      MLCI_DEPLOY_TOKEN: 'glpat-deploy-s3cr3t',
    });
  });

  it('works alone, in the generic var too: only MLCI_DEPLOY_TOKEN is bound', () => {
    const { calls } = result('deploy credential alone');
    expect(calls[0]?.args).toEqual([
      { binding: 'string', credentialsId: 'deploy-repo-token', variable: 'MLCI_DEPLOY_TOKEN' },
    ]);
    expect(JSON.parse(calls[1]?.executed?.stdout ?? '{}')).toMatchObject({
      MLCI_TOKEN: null,
      MLCI_DEPLOY_TOKEN: 'glpat-deploy-s3cr3t',
    });
  });

  it.each([
    [
      'not a deploy step',
      "mlciValidateData: deployCredentialsId is for promote (the deploy repository's token), not validate-data",
    ],
    ['empty', 'mlciPromote: deployCredentialsId must be a non-empty string'],
  ])('%s: fails the build before running anything', (name, message) => {
    expect(result(name).calls).toEqual([{ step: 'error', args: message, within: [] }]);
  });
});
