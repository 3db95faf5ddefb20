import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PromoteResult } from '@mlci/core';
import { pushTag, pushToMain } from '../github/payloads';
import { runActionBundle } from '../github/run-action';
import { repoRoot } from '../support/cli';
import { startRegistry, type TestRegistry } from '../support/registry';
import { debianPythonPath, regressionRepository } from '../support/regression-project';
import {
  deployRepositoryFor,
  describeLifecycle,
  type MainPipeline,
  type StepJson,
  type StepRun,
  stepRun,
  type Way,
} from './lifecycle';

/**
 * The days-to-ship project's life through the GitHub actions' committed bundles, run as the runner runs them
 * (tests/github/run-action.ts): a push to main runs one job with the steps validate-data, train, evaluate and
 * build-image, a pushed tag runs promote, and a dispatched workflow rolls back. Every workflow run starts from a
 * fresh checkout (git clean), and its steps stop at the first failure, as a job's do. The steps' `with:` give
 * only the image's tag: every mlci setting is in mlci.yaml. Models and images go to Debian's docker-registry on
 * 127.0.0.1.
 */
const owner = 'acme';
const repository = 'days-to-ship';
let registry: TestRegistry;
let parent: string;
let runs = 0;

async function runStep(
  way: Way,
  step: string,
  inputs: Record<string, string>,
  env: (eventPath: string) => Record<string, string>,
): Promise<StepRun<StepJson>> {
  const runnerTemp = join(parent, 'runner', String(++runs));
  await mkdir(runnerTemp, { recursive: true });
  const run = await runActionBundle({
    actionDir: join(repoRoot, 'actions', step),
    inputs,
    env: { ...env(join(runnerTemp, 'event.json')), PATH: debianPythonPath() },
    githubToken: '',
    cwd: way.project.dir,
    runnerTemp,
    timeoutMs: 60_000,
  });
  return stepRun(join(way.project.dir, '.mlci'), step, run.exitCode, `${run.stdout}\n${run.stderr}`);
}

const fixture = (sha: string, workflow: string, job: string) => ({
  owner,
  repository,
  sha,
  workflow,
  job,
  runId: String(9_400_000_000 + runs),
});

describeLifecycle(
  'the life of a regression project through the GitHub actions (the bundles as the runner runs them)',
  async () => {
    for (const step of ['validate-data', 'train', 'evaluate', 'build-image', 'promote'])
      if (!existsSync(join(repoRoot, 'actions', step, 'dist/index.mjs')))
        throw new Error(`actions/${step}/dist/index.mjs is missing: run \`npm run build\``);
    registry = await startRegistry();
    parent = await mkdtemp(join(tmpdir(), 'mlci-lifecycle-github-'));
    const modelRegistry = `oci://${registry.host}/${owner}/models`;
    const imageRepository = `${registry.host}/${owner}/${repository}`;
    const deployRepo = await deployRepositoryFor(parent, imageRepository);
    const project = await regressionRepository(join(parent, 'workspace'), modelRegistry, {}, deployRepo);
    /** A fresh checkout of HEAD, as actions/checkout gives each workflow run. */
    const checkout = () => project.git('clean', '-fdxq');
    const way: Way = {
      project,
      deployRepo,
      registry: modelRegistry,
      imageRepository,
      async mainPipeline() {
        await checkout();
        const sha = await project.git('rev-parse', 'HEAD');
        const push = (eventPath: string) =>
          pushToMain(fixture(sha, 'model', 'build-and-register'), eventPath);
        const run: MainPipeline = {};
        run.validate = await runStep(way, 'validate-data', {}, push);
        if (run.validate.exitCode !== 0) return run;
        run.train = await runStep(way, 'train', {}, push);
        if (run.train.exitCode !== 0) return run;
        run.evaluate = await runStep(way, 'evaluate', {}, push);
        if (run.evaluate.exitCode !== 0) return run;
        run.buildImage = await runStep(
          way,
          'build-image',
          { tag: `${way.imageRepository}:${sha.slice(0, 8)}`, push: 'true' },
          push,
        );
        return run;
      },
      async tagPipeline(tag) {
        await checkout();
        const sha = await project.git('rev-parse', 'HEAD');
        const promoted = await runStep(way, 'promote', {}, (eventPath) =>
          pushTag({ ...fixture(sha, 'model', 'promote'), tag }, eventPath),
        );
        return promoted as StepRun<unknown> as StepRun<PromoteResult>;
      },
      async rollback() {
        await checkout();
        const sha = await project.git('rev-parse', 'HEAD');
        const back = await runStep(way, 'promote', { to: 'production', rollback: 'true' }, (eventPath) => ({
          ...pushToMain(fixture(sha, 'rollback', 'rollback'), eventPath),
          GITHUB_EVENT_NAME: 'workflow_dispatch',
        }));
        return back as StepRun<unknown> as StepRun<PromoteResult>;
      },
    };
    return way;
  },
  async () => {
    await registry?.close();
    if (parent) await rm(parent, { recursive: true, force: true });
  },
);
