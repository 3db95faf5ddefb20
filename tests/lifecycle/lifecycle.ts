import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { PromoteResult } from '@mlci/core';
import { deployRepository, git, shown } from '../deploy/gitops';
import { imageDigest, imageTags } from '../promote/tag-pipeline';
import { localEnv, runCli } from '../support/cli';
import {
  betterParams,
  debianPythonPath,
  modelName,
  productionOverlay,
  type RegressionRepository,
  worseParams,
} from '../support/regression-project';

/**
 * The whole life of the days-to-ship project (tests/support/regression-project.ts), the same for every way of
 * running it (the CLI, GitLab's components, GitHub's actions), as issue 13 specifies it:
 * 1. the first pipeline of main, with nothing in production yet, passes (absolute gates applied, relative ones
 *    skipped: no baseline yet), and registers version 1 with its evidence;
 * 2. tag v1.0.0 promotes version 1 to production and tags its image;
 * 3. a README commit retrains to the same bytes: train returns version 1, registered from the new commit too,
 *    and its tag v1.0.1 promotes that same version (unchanged);
 * 4. a worse model (underfitting hyperparameters) fails the gates on main, and its tag v1.1.0 is refused;
 * 5. a model within the gates is promoted by v1.2.0, then rolled back to version 1.
 * Each way runs the pipelines its CI would; the steps' JSON results are read from where that CI keeps them.
 */

/** One step of a pipeline as its CI ran it: undefined when the CI did not run it (an earlier step failed). */
export interface StepRun<R> {
  /** The step's exit status, or null when the CI only says passed/failed (then 0 or 1). */
  exitCode: number | null;
  /** The step's `<out>/<step>.json`, when it wrote one. */
  result: R | undefined;
  /** Its report, `<out>/<step>.md`, as the PR/MR comment and the job summary show it. */
  report: string | undefined;
  /** train's lineage record, `<out>/run.json`. */
  runRecord?: unknown;
  /** What the CI showed of it, for failure messages. */
  log: string;
}

/** A step that ran, with what it left in its out directory `out` (where that CI keeps it). */
export async function stepRun<R = StepJson>(
  out: string,
  step: string,
  exitCode: number | null,
  log: string,
): Promise<StepRun<R>> {
  const read = (file: string) => readFile(join(out, file), 'utf8').catch(() => undefined);
  const json = (text: string | undefined) => (text === undefined ? undefined : JSON.parse(text));
  return {
    exitCode,
    result: json(await read(`${step}.json`)) as R | undefined,
    report: await read(`${step}.md`),
    ...(step === 'train' ? { runRecord: json(await read('run.json')) } : {}),
    log,
  };
}

export interface StepJson {
  status: string;
  [key: string]: unknown;
}

export interface MainPipeline {
  validate?: StepRun<StepJson>;
  train?: StepRun<StepJson>;
  evaluate?: StepRun<StepJson>;
  buildImage?: StepRun<StepJson>;
}

export interface Way {
  project: RegressionRepository;
  /** The GitOps repository mlci.yaml hands production to (deployRepositoryFor). */
  deployRepo: string;
  /** The model registry mlci.yaml names. */
  registry: string;
  /** Where the pipelines push the images (the test's docker-registry): `HOST/REPOSITORY`. */
  imageRepository: string;
  /** The pipeline of a push to main at HEAD: validate-data, train (register), evaluate, build-image. */
  mainPipeline(): Promise<MainPipeline>;
  /** The pipeline of a pushed tag (already made on HEAD): promote. */
  tagPipeline(tag: string): Promise<StepRun<PromoteResult>>;
  /** The manual rollback job: promote --to production --rollback. */
  rollback(): Promise<StepRun<PromoteResult>>;
}

/**
 * The team's GitOps repository, a bare repository in `parent`: a Deployment running the model and the production
 * overlay whose `images:` entry promote sets (by digest) to the image of each version production moves to.
 */
export function deployRepositoryFor(parent: string, imageRepository: string): Promise<string> {
  return deployRepository(parent, 'deploy', {
    'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'base/deployment.yaml': [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      `  name: ${modelName}`,
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: model',
      `          image: ${modelName}`,
      '',
    ].join('\n'),
    [productionOverlay]: [
      '# production: Argo CD syncs this overlay',
      'resources:',
      '  - ../../base',
      'images:',
      `  - name: ${modelName}`,
      `    newName: ${imageRepository}`,
      '    newTag: bootstrap',
      '',
    ].join('\n'),
  });
}

/**
 * The deploy repository's main branch as Argo CD would apply it: its head's subject and the image `kubectl
 * kustomize` renders from the production overlay, without the tag beside the digest (the cluster pulls the digest).
 */
async function deployed(way: Way): Promise<{ subject: string; image: string }> {
  const checkout = await mkdtemp(join(way.project.dir, '..', 'deploy-checkout-'));
  try {
    await git(checkout, 'clone', '-q', way.deployRepo, '.');
    const rendered = execFileSync('kubectl', ['kustomize', join(checkout, 'overlays/production')], {
      encoding: 'utf8',
    });
    return {
      subject: await git(checkout, 'log', '-1', '--format=%s'),
      image: (/image: (\S+)/.exec(rendered)?.[1] ?? '').replace(/:[^:/@]+@/, '@'),
    };
  } finally {
    await rm(checkout, { recursive: true, force: true });
  }
}

type Gate = { metric: string; rule: string; status: string; message: string };
type Evaluate = StepJson & {
  task: { name: string; reason: string };
  metrics: Record<string, unknown>;
  gates: Gate[];
  baseline: { source: string; version?: { version: string } } | null;
  attachedTo?: string;
};
type Train = StepJson & {
  registered?: { version: string; created: boolean };
  outputs: { digest: string } | null;
  cache: { status: string };
};

const noHolder = `no baseline yet: ${modelName}@production has no holder`;
/** The oracle: the scikit-learn that Debian's python3 imports, as that interpreter reports it. */
const debianSklearn = () =>
  execFileSync(
    '/usr/bin/python3',
    ['-c', 'import importlib.metadata as m; print(m.version("scikit-learn"))'],
    { encoding: 'utf8' },
  ).trim();
/** How evaluate's JSON names the version it stored the evaluation on. */
const attachedTo = (version: string) => new RegExp(`^${modelName} version ${version} in `);

/** `mlci model show` from a laptop, as the team checks the registry. */
async function modelShow(way: Way): Promise<string> {
  const shown = await runCli(['model', 'show', modelName, '--registry', way.registry], {
    cwd: way.project.dir,
    env: localEnv({ PATH: debianPythonPath() }),
  });
  expect({ status: shown.status, stderr: shown.stderr }).toEqual({ status: 0, stderr: '' });
  return shown.stdout;
}

/** The step ran and passed; its log is in the failure message when not. */
function expectPassed(step: StepRun<StepJson> | undefined, name: string): void {
  const error = step?.exitCode ? lastError(step.log) : undefined;
  expect({
    name,
    ran: step !== undefined,
    exitCode: step?.exitCode ?? 0,
    status: step?.result?.status,
    error,
  }).toEqual({
    name,
    ran: true,
    exitCode: 0,
    status: 'passed',
    error: undefined,
  });
}

/** A step's JSON result, which it must have written. */
function resultOf<R>(step: StepRun<StepJson> | undefined): R {
  if (!step?.result) throw new Error('the step wrote no result');
  return step.result as unknown as R;
}

/** The line that says why a step failed: mlci's error line, else the last line of its log. */
function lastError(log: string): string {
  const lines = log.split('\n').filter((line) => line.trim() !== '');
  return lines.findLast((line) => /error/i.test(line)) ?? lines.at(-1) ?? '';
}

function showLog(step: StepRun<unknown> | undefined): string {
  return step ? `exit ${step.exitCode}\n${step.log.slice(-4000)}` : 'did not run';
}

export function describeLifecycle(
  title: string,
  start: () => Promise<Way>,
  finish: () => Promise<void>,
): void {
  describe(title, () => {
    let way: Way;
    const shas: string[] = [];
    let firstOutputs = '';
    let version1Images: string[] = [];

    beforeAll(async () => {
      way = await start();
      shas.push(await way.project.git('rev-parse', 'HEAD'));
    }, 60_000);
    afterAll(finish);

    it('the first pipeline, with nothing in production yet, passes and registers version 1 with its evidence', async () => {
      const run = await way.mainPipeline();
      for (const [name, step] of Object.entries(run)) if (step?.exitCode) console.log(name, showLog(step));
      expectPassed(run.validate, 'validate-data');
      expectPassed(run.train, 'train');
      const train = resultOf<Train>(run.train);
      expect(train.registered).toMatchObject({ version: '1', created: true });
      firstOutputs = train.outputs?.digest ?? '';
      // The run record names the interpreter that ran `python3 train.py` and the libraries it had.
      const python = (run.train?.runRecord as { environment?: { python?: Record<string, unknown> } })
        ?.environment?.python;
      expect(python).toMatchObject({ invocation: 'python3', executable: '/usr/bin/python3' });
      expect(python?.distributions).toContain(`scikit-learn==${debianSklearn()}`);

      // The task is regression (whole-number labels, float predictions), the absolute gate is applied, the
      // relative ones are skipped for want of a production model, and the report says so first.
      expectPassed(run.evaluate, 'evaluate');
      const evaluate = resultOf<Evaluate>(run.evaluate);
      expect(evaluate.task).toEqual({
        name: 'regression',
        reason: expect.stringMatching(/^auto: predictions /),
      });
      // The report's heading has a zero-width joiner after `@`, as all report text from data: no mention.
      expect(run.evaluate?.report?.split('\n')[0]).toContain(noHolder.replace('@', '@\u200d'));
      expect(run.evaluate?.report).toContain(`task: regression (${evaluate.task.reason})`);
      expect(Object.keys(evaluate.metrics).sort()).toEqual(['mae', 'mape', 'r2', 'rmse']);
      expect(evaluate.gates.map((gate) => [gate.rule, gate.status])).toEqual([
        ['r2>=0.5', 'passed'],
        ['rmse:max_drop=0.25', 'skipped'],
        ['mae:max_drop_pct=10', 'skipped'],
      ]);
      for (const gate of evaluate.gates.slice(1)) expect(gate.message).toContain(noHolder);
      expect(evaluate.attachedTo).toMatch(attachedTo('1'));

      expectPassed(run.buildImage, 'build-image');
      const image = resultOf<StepJson & { image: { digest: string; references: string[] } }>(run.buildImage);
      version1Images = [image.image.digest];
      expect(image.image.references).toEqual([`${way.imageRepository}:${shas[0]?.slice(0, 8)}`]);
      expect(evaluate.baseline).toEqual({
        kind: 'absent',
        source: `registry:${modelName}@production`,
        reason: noHolder,
      });
    }, 90_000);

    it('tag v1.0.0 promotes version 1 to production and tags its image', async () => {
      await way.project.git('tag', 'v1.0.0');
      const promoted = await way.tagPipeline('v1.0.0');
      expect({ exitCode: promoted.exitCode, log: promoted.exitCode ? showLog(promoted) : '' }).toEqual({
        exitCode: 0,
        log: '',
      });
      expect(promoted.result).toMatchObject({
        status: 'passed',
        outcome: 'moved',
        alias: 'production',
        version: '1',
        previous: null,
        versionFrom: `registered from commit ${shas[0]?.slice(0, 12)}`,
      });
      expect(promoted.result?.evidence.map((check) => [check.kind, check.status])).toEqual([
        ['validation', 'passed'],
        ['evaluation', 'passed'],
        ['image', 'passed'],
      ]);
      expect(await imageTags(way.imageRepository)).toEqual(
        [shas[0]?.slice(0, 8), 'production', 'v1.0.0'].sort(),
      );
      expect(await imageDigest(`${way.imageRepository}:production`)).toBe(version1Images[0]);
      // The hand-off that mlci.yaml asks for: the overlay now pulls version 1's image by digest.
      expect(promoted.result?.deploy).toMatchObject({
        outcome: 'committed',
        image: `${way.imageRepository}:v1.0.0@${version1Images[0]}`,
      });
      expect(await deployed(way)).toEqual({
        subject: `deploy ${modelName} version 1 to production (v1.0.0)`,
        image: `${way.imageRepository}@${version1Images[0]}`,
      });
    }, 60_000);

    it('a README commit retrains to the same bytes: version 1 again, registered from both commits, and its tag promotes it', async () => {
      shas.push(await way.project.editReadme('Run `mlci train` to train it.'));
      const run = await way.mainPipeline();
      expectPassed(run.validate, 'validate-data');
      expectPassed(run.train, 'train');
      const train = resultOf<Train>(run.train);
      // The commit is in the cache key: the command really ran again, and made the same bytes.
      expect(train.cache.status).toBe('miss');
      expect(train.outputs?.digest).toBe(firstOutputs);
      expect(train.registered).toMatchObject({ version: '1', created: false });
      // Compared with production (version 1 itself): every gate applies, and passes.
      expectPassed(run.evaluate, 'evaluate');
      const evaluate = resultOf<Evaluate>(run.evaluate);
      expect(evaluate.baseline?.version?.version).toBe('1');
      expect(evaluate.gates.map((gate) => gate.status)).toEqual(['passed', 'passed', 'passed']);
      expectPassed(run.buildImage, 'build-image');
      const image = resultOf<StepJson & { image: { digest: string } }>(run.buildImage);
      version1Images.push(image.image.digest);
      expect(evaluate.attachedTo).toMatch(attachedTo('1'));

      const shown = await modelShow(way);
      for (const sha of shas) expect(shown).toContain(sha.slice(0, 12));

      await way.project.git('tag', 'v1.0.1');
      const promoted = await way.tagPipeline('v1.0.1');
      expect({ exitCode: promoted.exitCode, log: promoted.exitCode ? showLog(promoted) : '' }).toEqual({
        exitCode: 0,
        log: '',
      });
      expect(promoted.result).toMatchObject({
        outcome: 'unchanged',
        alias: 'production',
        version: '1',
        versionFrom: `registered from commit ${shas[1]?.slice(0, 12)}`,
      });
      // The overlay already pulls that image: no commit, so no rollout of the same image under a new tag.
      expect(promoted.result?.deploy?.outcome).toBe('unchanged');
      expect((await deployed(way)).subject).toBe(`deploy ${modelName} version 1 to production (v1.0.0)`);
    }, 90_000);

    it('a worse model fails its gates on main, and its tag is refused: production stays on version 1', async () => {
      shas.push(await way.project.setParams(worseParams, 'fewer, shallower trees'));
      const run = await way.mainPipeline();
      expectPassed(run.train, 'train');
      expect(resultOf<Train>(run.train).registered).toMatchObject({ version: '2', created: true });
      const evaluate = run.evaluate?.result as Evaluate | undefined;
      expect({ exitCode: run.evaluate?.exitCode, status: evaluate?.status }).toEqual({
        exitCode: 1,
        status: 'failed',
      });
      expect(evaluate?.baseline?.version?.version).toBe('1');
      expect(evaluate?.gates.map((gate) => [gate.rule, gate.status])).toEqual([
        ['r2>=0.5', 'failed'],
        ['rmse:max_drop=0.25', 'failed'],
        ['mae:max_drop_pct=10', 'failed'],
      ]);
      // The pipeline stops at the failed gate: no image of the worse model.
      expect(run.buildImage).toBeUndefined();

      await way.project.git('tag', 'v1.1.0');
      const refused = await way.tagPipeline('v1.1.0');
      expect(refused.exitCode).toBe(1);
      expect(refused.result).toMatchObject({ outcome: 'refused', version: '2', previous: '1' });
      expect(refused.result?.evidence.map((check) => [check.kind, check.status])).toEqual([
        ['validation', 'passed'],
        ['evaluation', 'failed'],
        ['image', 'missing'],
      ]);
      expect(await imageDigest(`${way.imageRepository}:production`)).toBe(version1Images[0]);
      expect(refused.result?.deploy).toBeUndefined();
      expect((await deployed(way)).image).toBe(`${way.imageRepository}@${version1Images[0]}`);
    }, 90_000);

    it('a model within the gates is promoted by its tag, and a rollback puts version 1 back', async () => {
      shas.push(await way.project.setParams(betterParams, 'more trees, slower learning'));
      const run = await way.mainPipeline();
      expectPassed(run.train, 'train');
      expect(resultOf<Train>(run.train).registered).toMatchObject({ version: '3', created: true });
      expectPassed(run.evaluate, 'evaluate');
      expect(resultOf<Evaluate>(run.evaluate).attachedTo).toMatch(attachedTo('3'));
      expectPassed(run.buildImage, 'build-image');
      const version3Image = resultOf<StepJson & { image: { digest: string } }>(run.buildImage).image.digest;

      await way.project.git('tag', 'v1.2.0');
      const promoted = await way.tagPipeline('v1.2.0');
      expect(promoted.exitCode).toBe(0);
      expect(promoted.result).toMatchObject({ outcome: 'moved', version: '3', previous: '1' });
      expect(await imageDigest(`${way.imageRepository}:production`)).toBe(version3Image);
      expect(await deployed(way)).toEqual({
        subject: `deploy ${modelName} version 3 to production (v1.2.0)`,
        image: `${way.imageRepository}@${version3Image}`,
      });

      const back = await way.rollback();
      expect(back.exitCode).toBe(0);
      expect(back.result).toMatchObject({
        outcome: 'moved',
        action: 'rollback',
        version: '1',
        previous: '3',
      });
      // The image v1.0.0 approved, not the one rebuilt for version 1 from the README commit: what production ran.
      expect(await imageDigest(`${way.imageRepository}:production`)).toBe(version1Images[0]);
      expect(await modelShow(way)).toMatch(/production\s+3 -> 1\s+rollback/);
      // The rollback's hand-off: the overlay is again what v1.0.0's wrote.
      expect(await deployed(way)).toEqual({
        subject: `roll back ${modelName} version 1 to production`,
        image: `${way.imageRepository}@${version1Images[0]}`,
      });
      expect(await shown(way.deployRepo, productionOverlay)).toBe(
        await shown(way.deployRepo, productionOverlay, 'main~2'),
      );
    }, 90_000);
  });
}
