// mlciPromote, run by tests/jenkins/harness.groovy (Debian's groovy, stub pipeline steps that record every call)
// in one groovy run: the command lines it builds, checked by bash and dash, and two tag builds with the real CLI
// against Debian's docker-registry on 127.0.0.1, as a multibranch pipeline runs them (TAG_NAME, GIT_COMMIT).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { optionsOf, type PromoteResult, promoteInput } from '@mlci/core';
import {
  evaluateAndBuild,
  exampleRepository,
  imageDigest,
  imageTags,
  modelName,
  type PromotableProject,
  registerVersion,
} from '../promote/tag-pipeline';
import { cliBundle } from '../support/cli';
import { startRegistry, type TestRegistry } from '../support/registry';
import { argvPrinter, caseResults, type HarnessOutput, passedRun, runHarness, runScript } from './harness';

let scratch: string;
let printArgv: string;
let registry: TestRegistry;
let project: PromotableProject;
let output: HarnessOutput;
/** What the earlier builds left: the released commit and its image, and a later commit without evidence. */
const released = { sha: '', version: '', image: '', digest: '' };
const unready = { sha: '', version: '' };
let imageRepository = '';

const hostile = {
  model: "it's $(touch pwned-model)",
  tag: 'v1.0.0; touch pwned-tag',
  rule: ['>=2.0.0 <3.0.0=production', 'glob:*=canary', '`touch pwned-rule`=x'],
  require: ['validation', '*'],
  dryRun: true,
};

function cases() {
  const cli = `'${process.execPath}' '${cliBundle}'`;
  const tagBuild = (tag: string, sha: string) => ({
    cwd: project.dir,
    env: {
      JENKINS_URL: 'https://ci.example.com/',
      BRANCH_NAME: tag,
      TAG_NAME: tag,
      GIT_COMMIT: sha,
      GIT_URL: 'https://github.com/acme/breast-cancer.git',
      JOB_NAME: `breast-cancer/${tag}`,
      BUILD_NUMBER: '1',
      BUILD_URL: `https://ci.example.com/job/breast-cancer/job/${tag}/1/`,
      WORKSPACE: project.dir,
    },
  });
  const modelRegistry = `oci://${registry.host}/acme/models`;
  return [
    {
      name: 'promote',
      var: 'mlciPromote',
      args: { model: 'churn', registry: 'oci://registry.internal:5000/ml/models' },
    },
    {
      name: 'promote, every option',
      var: 'mlciPromote',
      args: {
        out: 'reports/promote/',
        insecureRegistry: true,
        registry: 'oci://registry.internal:5000/ml/models',
        noRetagImages: true,
        dryRun: true,
        rollback: true,
        require: ['validation', 'evaluation'],
        rule: ['prerelease=staging', 'release=production'],
        tag: 'v2.1.0',
        fromCommit: '4f2a9c1',
        version: '7',
        to: 'canary',
        model: 'churn',
        mlci: 'mlci',
      },
    },
    {
      name: 'promote, generic var',
      var: 'mlci',
      args: { step: 'promote', model: 'churn', registry: 'oci://registry.internal:5000/ml/models' },
    },
    {
      name: 'promote, injection',
      var: 'mlciPromote',
      args: { ...hostile, mlci: printArgv },
    },
    {
      name: 'promote, rule as text',
      var: 'mlciPromote',
      args: { model: 'churn', rule: 'release=production' },
    },
    { name: 'promote, exit 1', var: 'mlciPromote', args: { model: 'churn' }, shStatus: 1 },
    {
      name: 'tag build v1.0.0',
      var: 'mlciPromote',
      args: { model: modelName, registry: modelRegistry, out: 'reports/v1.0.0', mlci: cli },
      execute: tagBuild('v1.0.0', released.sha),
    },
    {
      name: 'tag build v1.1.0, without evidence',
      var: 'mlciPromote',
      args: { model: modelName, registry: modelRegistry, out: 'reports/v1.1.0', mlci: cli },
      execute: tagBuild('v1.1.0', unready.sha),
    },
  ];
}

const { result, script } = caseResults(() => output);

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'mlci-jenkins-promote-'));
  printArgv = argvPrinter(scratch);
  registry = await startRegistry();
  imageRepository = `${registry.host}/acme/breast-cancer`;
  project = await exampleRepository(scratch, `oci://${registry.host}/acme/models`);
  // The main branch's builds: a version with all its evidence and its image, tagged v1.0.0; then a commit whose
  // version was registered (validated) but neither evaluated nor built, tagged v1.1.0.
  released.version = await registerVersion(project, 'model');
  released.sha = await project.git('rev-parse', 'HEAD');
  released.image = `${imageRepository}:${released.sha.slice(0, 7)}`;
  await evaluateAndBuild(project, 'model', released.version, released.image);
  released.digest = await imageDigest(released.image);
  await project.git('tag', 'v1.0.0');
  await writeFile(join(project.dir, 'params.yaml'), 'learning_rate: 0.2\nnum_steps: 300\n');
  await project.git('commit', '-q', '-am', 'faster learning rate');
  unready.version = await registerVersion(project, 'candidate');
  unready.sha = await project.git('rev-parse', 'HEAD');
  await project.git('tag', 'v1.1.0');

  output = await runHarness(cases(), scratch);
}, 120_000);

afterAll(async () => {
  await registry?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('mlciPromote', () => {
  it('runs the pinned CLI with each value quoted, then records the JUnit file and the reports', () => {
    expect(result('promote')).toEqual({
      name: 'promote',
      ...passedRun(
        'promote',
        "npx --yes @mlci/cli@0.1.0 promote --model 'churn' " +
          "--registry 'oci://registry.internal:5000/ml/models' --out '.mlci'",
      ),
    });
  });

  it('passes every option as its CLI flag in the order the step declares them, whatever the call order', () => {
    expect(script('promote, every option')).toBe(
      "mlci promote --model 'churn' --to 'canary' --version '7' --from-commit '4f2a9c1' --tag 'v2.1.0' " +
        "--rule 'prerelease=staging' --rule 'release=production' --require 'validation' --require 'evaluation' " +
        "--rollback --dry-run --no-retag-images --registry 'oci://registry.internal:5000/ml/models' " +
        "--insecure-registry --out 'reports/promote'",
    );
  });

  it('is what the generic var runs for step: promote', () => {
    expect(result('promote, generic var').calls).toEqual(result('promote').calls);
    expect(result('promote, generic var').returned).toEqual(result('promote').returned);
  });

  it.each(['bash', 'sh'])('hands hostile names, tags and rules to mlci verbatim under %s', (shell) => {
    const { argv, files } = runScript(scratch, shell, script('promote, injection'));
    expect(argv).toEqual([
      'promote',
      '--model',
      hostile.model,
      '--tag',
      hostile.tag,
      ...hostile.rule.flatMap((rule) => ['--rule', rule]),
      '--require',
      'validation',
      '--require',
      '*',
      '--dry-run',
      '--out',
      '.mlci',
    ]);
    expect(files).toEqual([]);
  });

  it('rejects rules given as text (a list is required) before running anything', () => {
    expect(result('promote, rule as text').calls).toEqual([
      { step: 'error', args: 'mlciPromote: rule must be a list', within: [] },
    ]);
  });

  it('records the reports, then fails the build with what a refusal means', () => {
    const { calls, error } = result('promote, exit 1');
    expect(calls.map((call) => call.step)).toEqual(['sh', 'junit', 'archiveArtifacts', 'error']);
    expect(error).toBe(
      'mlci promote: the promotion was refused: the version lacks evidence (the report lists what is missing or failed), or another promotion of the alias won a race (run it again)',
    );
  });

  it('declares the same options as @mlci/core, in the same order, with the same kinds', () => {
    expect(Object.entries(output.steps.promote?.options ?? {})).toEqual(
      optionsOf(promoteInput).map((spec) => [spec.key, spec.kind]),
    );
  });
});

describe('mlciPromote in tag builds, with the real CLI', () => {
  it('v1.0.0: promotes the version built from GIT_COMMIT to production and tags its image v1.0.0 and production', async () => {
    const { calls, error, returned } = result('tag build v1.0.0');
    expect(calls[0]?.executed?.stderr).not.toMatch(/error/i);
    expect(error).toBeUndefined();
    expect(calls.map((call) => call.step)).toEqual(['sh', 'junit', 'archiveArtifacts']);
    expect(calls[2]?.args).toEqual({ artifacts: 'reports/v1.0.0/promote.*', allowEmptyArchive: true });
    expect(returned).toMatchObject({ status: 'passed', json: 'reports/v1.0.0/promote.json' });
    const report = JSON.parse(
      readFileSync(join(project.dir, 'reports/v1.0.0/promote.json'), 'utf8'),
    ) as PromoteResult;
    expect(report).toMatchObject({
      outcome: 'moved',
      alias: 'production',
      aliasFrom: 'tag v1.0.0 by rule release=production',
      version: released.version,
      versionFrom: `registered from commit ${released.sha.slice(0, 12)}`,
      previous: null,
      tag: 'v1.0.0',
    });
    expect(report.record).toMatchObject({
      tag: 'v1.0.0',
      commit: released.sha,
      pipelineUrl: 'https://ci.example.com/job/breast-cancer/job/v1.0.0/1/',
    });
    expect(report.images).toEqual([
      { from: released.image, to: [`${imageRepository}:v1.0.0`, `${imageRepository}:production`] },
    ]);
    // The registry, read by skopeo: the same manifest under the release tag and the alias.
    expect(await imageDigest(`${imageRepository}:v1.0.0`)).toBe(released.digest);
    expect(await imageDigest(`${imageRepository}:production`)).toBe(released.digest);
  });

  it('v1.1.0: refuses a version without evaluation and image, fails the build after recording the report', async () => {
    const { calls, error } = result('tag build v1.1.0, without evidence');
    expect(calls.map((call) => call.step)).toEqual(['sh', 'junit', 'archiveArtifacts', 'error']);
    expect(calls[0]?.executed?.status).toBe(1);
    expect(error).toMatch(/^mlci promote: the promotion was refused/);
    const markdown = readFileSync(join(project.dir, 'reports/v1.1.0/promote.md'), 'utf8');
    expect(markdown).toContain(
      `## ❌ promote refused: version ${unready.version} of ${modelName} may not take production`,
    );
    expect(markdown).toContain(`${modelName} version ${unready.version} has no evaluation evidence`);
    expect(markdown).toContain(`${modelName} version ${unready.version} has no image evidence`);
    expect(readFileSync(join(project.dir, 'reports/v1.1.0/promote.junit.xml'), 'utf8')).toMatch(
      /failures="3"/,
    );
    // Nothing moved: production is still the released image, and v1.1.0 names no image.
    expect(await imageDigest(`${imageRepository}:production`)).toBe(released.digest);
    expect(await imageTags(imageRepository)).toEqual(
      [released.sha.slice(0, 7), 'production', 'v1.0.0'].sort(),
    );
  });
});
