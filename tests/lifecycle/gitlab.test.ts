import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PromoteResult } from '@mlci/core';
import { runGitlabCiLocal } from '../gitlab/gitlab-ci-local';
import { cliBundle, repoRoot } from '../support/cli';
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
 * The days-to-ship project's life through the GitLab components, run by gitlab-ci-local (shell executor,
 * --shell-isolation: each job starts from a fresh copy of the repository and gets the earlier stages'
 * artifacts). The .gitlab-ci.yml is the docs' complete pipeline with every mlci setting left to mlci.yaml: the
 * jobs get only their stage, their rules, and the image's tag. The project's container registry (CI_REGISTRY)
 * is Debian's docker-registry on 127.0.0.1, holding the models (mlci.yaml names it) and the images.
 * gitlab-ci-local makes every pipeline a branch pipeline, so a tag pipeline gets the variables GitLab sets for a
 * tag (CI_COMMIT_TAG and CI_COMMIT_REF_NAME, no CI_COMMIT_BRANCH), as in tests/gitlab/promote-e2e.test.ts.
 */
const components = ['validate-data', 'train', 'evaluate', 'build-image', 'promote'];
const onMain = `
      rules:
        - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH`;
const pipeline = `stages: [validate, build, test, deploy]

include:
  - local: templates/validate-data.yml
    inputs:
      stage: validate${onMain}
  # The model directory is the job's artifact, which GitLab must know when it creates the pipeline (docs/gitlab.md).
  - local: templates/train.yml
    inputs:
      outputs: model${onMain}
  - local: templates/evaluate.yml
    inputs:${onMain}
  - local: templates/build-image.yml
    inputs:
      tag: $CI_REGISTRY/acme/days-to-ship:$CI_COMMIT_SHORT_SHA
      push: true${onMain}
  # Tags: the version trained from the tagged commit takes the alias its tag gives.
  - local: templates/promote.yml
  # Run by hand when a release must be undone.
  - local: templates/promote.yml
    inputs:
      job-name: rollback
      to: production
      rollback: true
      rules:
        - when: manual
`;

let registry: TestRegistry;
let parent: string;

/** One gitlab-ci-local pipeline; the steps' results from the jobs' artifacts, their verdicts from its summary. */
async function runPipeline(
  dir: string,
  options: { tag?: string; jobs?: string[] } = {},
): Promise<{ output: string; job(name: string, step: string): Promise<StepRun<StepJson> | undefined> }> {
  await rm(join(dir, '.gitlab-ci-local', 'artifacts'), { recursive: true, force: true });
  const variables: Record<string, string> = {
    GITLAB_CI: 'true',
    CI_REGISTRY: registry.host,
    MLCI_CLI: `${process.execPath} ${cliBundle}`,
    ...(options.tag ? { CI_COMMIT_TAG: options.tag, CI_COMMIT_REF_NAME: options.tag } : {}),
  };
  const args = [
    ...(options.jobs ?? []),
    '--force-shell-executor',
    '--shell-isolation',
    '--ignore-predefined-vars',
    'GITLAB_CI,CI_REGISTRY,CI_COMMIT_TAG,CI_COMMIT_REF_NAME',
    ...(options.tag ? ['--unset-variable', 'CI_COMMIT_BRANCH'] : []),
  ];
  for (const [name, value] of Object.entries(variables)) args.push('--variable', `${name}=${value}`);
  const { output } = await runGitlabCiLocal(dir, args, { ...process.env, PATH: debianPythonPath() });
  return {
    output,
    async job(name, step) {
      const verdict = new RegExp(`^\\s*(PASS|FAIL)\\s+${name}\\b`, 'm').exec(output)?.[1];
      if (!verdict) return undefined;
      const log = await readFile(join(dir, '.gitlab-ci-local', 'output', `${name}.log`), 'utf8').catch(
        () => output,
      );
      // gitlab-ci-local says only PASS or FAIL; mlci's exit code is the job's, and 1 is a failed gate.
      const out = join(dir, '.gitlab-ci-local', 'artifacts', name, '.mlci');
      return stepRun(out, step, verdict === 'PASS' ? 0 : 1, log);
    },
  };
}

describeLifecycle(
  'the life of a regression project through the GitLab components (gitlab-ci-local)',
  async () => {
    if (!existsSync(cliBundle)) throw new Error(`${cliBundle} is missing: run \`npm run build\` first`);
    registry = await startRegistry();
    parent = await mkdtemp(join(tmpdir(), 'mlci-lifecycle-gitlab-'));
    const modelRegistry = `oci://${registry.host}/acme/days-to-ship/models`;
    const imageRepository = `${registry.host}/acme/days-to-ship`;
    const deployRepo = await deployRepositoryFor(parent, imageRepository);
    const project = await regressionRepository(
      join(parent, 'project'),
      modelRegistry,
      { '.gitlab-ci.yml': pipeline },
      deployRepo,
    );
    await mkdir(join(project.dir, 'templates'));
    for (const component of components)
      await copyFile(
        join(repoRoot, 'templates', `${component}.yml`),
        join(project.dir, 'templates', `${component}.yml`),
      );
    await project.commit('the pipeline');
    await project.git('remote', 'add', 'origin', 'https://gitlab.example.com/acme/days-to-ship.git');
    const way: Way = {
      project,
      deployRepo,
      registry: modelRegistry,
      imageRepository,
      async mainPipeline() {
        // The default branch, as GitLab knows it (gitlab-ci-local reads it from origin/HEAD).
        await project.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
        await project.git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
        const run = await runPipeline(project.dir);
        const main: MainPipeline = {
          validate: await run.job('validate-data', 'validate-data'),
          train: await run.job('train', 'train'),
          evaluate: await run.job('evaluate', 'evaluate'),
          buildImage: await run.job('build-image', 'build-image'),
        };
        if (!main.validate) throw new Error(`no validate-data job ran:\n${run.output.slice(-3000)}`);
        return main;
      },
      async tagPipeline(tag) {
        const run = await runPipeline(project.dir, { tag });
        const promoted = await run.job('promote', 'promote');
        if (!promoted) throw new Error(`no promote job ran:\n${run.output.slice(-3000)}`);
        return promoted as StepRun<unknown> as StepRun<PromoteResult>;
      },
      async rollback() {
        const run = await runPipeline(project.dir, { jobs: ['rollback'] });
        const back = await run.job('rollback', 'promote');
        if (!back) throw new Error(`no rollback job ran:\n${run.output.slice(-3000)}`);
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
