import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PromoteResult } from '@mlci/core';
import { localEnv, runCli } from '../support/cli';
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
 * The days-to-ship project's life through the CLI bundle, as the team's own scripts would run it: every setting
 * in mlci.yaml (models in Debian's docker-registry on 127.0.0.1), the commands given only what a pipeline knows
 * (the image's tag, the release tag). A pipeline stops at its first failing step, as `set -e` does.
 */
let registry: TestRegistry;
let parent: string;

async function step<R = StepJson>(way: Way, name: string, args: string[]): Promise<StepRun<R>> {
  const out = join(way.project.dir, '.mlci');
  // The last pipeline's result and report must not pass for this one's.
  for (const file of [`${name}.json`, `${name}.md`]) await rm(join(out, file), { force: true });
  const run = await runCli([name, ...args], {
    cwd: way.project.dir,
    env: localEnv({ PATH: debianPythonPath() }),
  });
  return stepRun<R>(out, name, run.status, `${run.stdout}\n${run.stderr}`);
}

describeLifecycle(
  'the life of a regression project through the CLI',
  async () => {
    registry = await startRegistry();
    parent = await mkdtemp(join(tmpdir(), 'mlci-lifecycle-cli-'));
    const imageRepository = `${registry.host}/acme/days-to-ship`;
    const deployRepo = await deployRepositoryFor(parent, imageRepository);
    const project = await regressionRepository(
      join(parent, 'project'),
      `oci://${registry.host}/acme/models`,
      {},
      deployRepo,
    );
    const way: Way = {
      project,
      deployRepo,
      registry: `oci://${registry.host}/acme/models`,
      imageRepository,
      async mainPipeline() {
        const sha = await project.git('rev-parse', 'HEAD');
        const run: MainPipeline = {};
        run.validate = await step(way, 'validate-data', []);
        if (run.validate.exitCode !== 0) return run;
        run.train = await step(way, 'train', []);
        if (run.train.exitCode !== 0) return run;
        run.evaluate = await step(way, 'evaluate', []);
        if (run.evaluate.exitCode !== 0) return run;
        run.buildImage = await step(way, 'build-image', [
          '--tag',
          `${way.imageRepository}:${sha.slice(0, 8)}`,
          '--push',
        ]);
        return run;
      },
      tagPipeline: (tag) => step<PromoteResult>(way, 'promote', ['--tag', tag]),
      rollback: () => step<PromoteResult>(way, 'promote', ['--to', 'production', '--rollback']),
    };
    return way;
  },
  async () => {
    await registry?.close();
    if (parent) await rm(parent, { recursive: true, force: true });
  },
);
