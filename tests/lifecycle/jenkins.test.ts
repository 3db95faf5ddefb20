import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PromoteResult } from '@mlci/core';
import { type JenkinsResult, startJenkins, withoutLibraryLine } from '../docs/jenkinsfile';
import { cliVersion } from '../docs/shell';
import { cliBundle } from '../support/cli';
import { startRegistry, type TestRegistry } from '../support/registry';
import { debianPythonPath, modelName, regressionRepository } from '../support/regression-project';
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
 * The days-to-ship project's life through the shared library's vars, as a multibranch Jenkins job runs the
 * team's Jenkinsfile (tests/docs/jenkinsfile.groovy: Debian's groovy, stub pipeline steps, each `sh` run by bash
 * with the real CLI). The Jenkinsfile calls the vars with no options but the image's tag: every mlci setting is
 * in mlci.yaml. `main` keeps its workspace between builds, as an agent does; each tag build gets its own
 * workspace (a clone at the tag, with TAG_NAME and GIT_COMMIT), and the rollback is a job of its own
 * (rollback.Jenkinsfile). A build stops at the first var that fails, as `error` does. Models and images go to
 * Debian's docker-registry on 127.0.0.1.
 */
const run = promisify(execFile);
let registry: TestRegistry;
let parent: string;
let jenkins: ReturnType<typeof startJenkins> | undefined;
let builds = 0;

const jenkinsfile = (imageRepository: string) => `@Library('mlci@v${cliVersion}') _

pipeline {
  agent any
  stages {
    stage('validate data') {
      when { not { buildingTag() } }
      steps {
        mlciValidateData()
      }
    }
    stage('train') {
      when { branch 'main' }
      steps {
        mlciTrain()
      }
    }
    stage('evaluate') {
      when { branch 'main' }
      steps {
        mlciEvaluate()
      }
    }
    stage('image') {
      when { branch 'main' }
      steps {
        mlciBuildImage(tag: ["${imageRepository}:\${env.GIT_COMMIT.take(8)}"], push: true)
      }
    }
    stage('promote') {
      when { buildingTag() }
      steps {
        mlciPromote()
      }
    }
  }
}
`;

const rollbackJenkinsfile = `@Library('mlci@v${cliVersion}') _

// Run by hand when a release must be undone.
pipeline {
  agent any
  stages {
    stage('rollback') {
      steps {
        mlciPromote(to: 'production', rollback: true)
      }
    }
  }
}
`;

const steps = ['validate-data', 'train', 'evaluate', 'build-image', 'promote'];

/**
 * One build of `file` in `workspace` with the job's variables; returns what each var's mlci did, by step (a
 * step the build did not reach is absent), with its `.mlci/<step>.json`.
 */
async function build(
  workspace: string,
  file: string,
  job: string,
  env: Record<string, string> = {},
): Promise<Map<string, StepRun<StepJson>>> {
  // Jenkins keeps a workspace between builds: a step that writes no result must not be read from an earlier one.
  for (const step of steps)
    for (const file of [`${step}.json`, `${step}.md`])
      await rm(join(workspace, '.mlci', file), { force: true });
  const problems: string[] = [];
  const script = withoutLibraryLine(await readFile(join(workspace, file), 'utf8'), problems);
  expect(problems).toEqual([]);
  const sha = (await run('git', ['rev-parse', 'HEAD'], { cwd: workspace })).stdout.trim();
  const number = String(++builds);
  if (!jenkins) throw new Error('the harness did not start');
  const [result] = await jenkins.build([
    {
      name: `${job} #${number}`,
      script,
      cwd: workspace,
      env: {
        PATH: debianPythonPath(),
        HOME: join(parent, 'home'),
        JOB_NAME: `days-to-ship/${job}`,
        BRANCH_NAME: job,
        BUILD_NUMBER: number,
        BUILD_URL: `https://ci.example.com/job/days-to-ship/job/${job}/${number}/`,
        GIT_COMMIT: sha,
        GIT_URL: 'https://github.com/acme/days-to-ship.git',
        ...env,
      },
    },
  ]);
  if (!result || result.exception) throw new Error(`the build threw ${result?.exception ?? 'nothing back'}`);
  return stepRuns(result, workspace);
}

async function stepRuns(result: JenkinsResult, workspace: string): Promise<Map<string, StepRun<StepJson>>> {
  const runs = new Map<string, StepRun<StepJson>>();
  for (const call of result.calls) {
    if (call.step !== 'sh') continue;
    // The vars run `<mlci> <step> <options>`, mlci being the library's pinned npx command.
    const step = /@mlci\/cli@\S+ ([a-z-]+) /.exec((call.args as { script: string }).script)?.[1];
    if (!step) continue;
    runs.set(
      step,
      await stepRun(join(workspace, '.mlci'), step, call.status ?? null, `${call.stdout}\n${call.stderr}`),
    );
  }
  return runs;
}

/** A job's own workspace: a clone of the repository at `ref`. */
async function workspaceAt(dir: string, ref: string, name: string): Promise<string> {
  const workspace = join(parent, 'workspaces', name);
  await rm(workspace, { recursive: true, force: true });
  await run('git', ['clone', '-q', dir, workspace]);
  await run('git', ['checkout', '-q', ref], { cwd: workspace });
  return workspace;
}

describeLifecycle(
  'the life of a regression project through the Jenkins shared library (a multibranch Jenkinsfile)',
  async () => {
    if (!existsSync(cliBundle)) throw new Error(`${cliBundle} is missing: run \`npm run build\` first`);
    registry = await startRegistry();
    parent = await mkdtemp(join(tmpdir(), 'mlci-lifecycle-jenkins-'));
    await mkdir(join(parent, 'home'));
    jenkins = startJenkins(parent);
    const modelRegistry = `oci://${registry.host}/acme/models`;
    const imageRepository = `${registry.host}/acme/${modelName}`;
    const deployRepo = await deployRepositoryFor(parent, imageRepository);
    const project = await regressionRepository(
      join(parent, 'workspaces', 'main'),
      modelRegistry,
      {
        Jenkinsfile: jenkinsfile(imageRepository),
        'rollback.Jenkinsfile': rollbackJenkinsfile,
      },
      deployRepo,
    );
    const promote = (runs: Map<string, StepRun<StepJson>>, what: string) => {
      const promoted = runs.get('promote');
      if (!promoted) throw new Error(`the ${what} build ran no promote`);
      // A tag build runs only the promote stage (its `when`), a rollback only its own.
      expect({ what, steps: [...runs.keys()] }).toEqual({ what, steps: ['promote'] });
      return promoted as StepRun<unknown> as StepRun<PromoteResult>;
    };
    const way: Way = {
      project,
      deployRepo,
      registry: modelRegistry,
      imageRepository,
      async mainPipeline() {
        const runs = await build(project.dir, 'Jenkinsfile', 'main');
        expect(runs.has('promote')).toBe(false);
        const main: MainPipeline = {
          validate: runs.get('validate-data'),
          train: runs.get('train'),
          evaluate: runs.get('evaluate'),
          buildImage: runs.get('build-image'),
        };
        return main;
      },
      async tagPipeline(tag) {
        const workspace = await workspaceAt(project.dir, tag, tag);
        const runs = await build(workspace, 'Jenkinsfile', tag, { TAG_NAME: tag });
        return promote(runs, `${tag} tag`);
      },
      async rollback() {
        const workspace = await workspaceAt(project.dir, 'main', 'rollback');
        return promote(await build(workspace, 'rollback.Jenkinsfile', 'rollback'), 'rollback');
      },
    };
    return way;
  },
  async () => {
    await jenkins?.stop();
    await registry?.close();
    if (parent) await rm(parent, { recursive: true, force: true });
  },
);
