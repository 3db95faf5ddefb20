import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { copyExample } from '../docs/example-project';
import { localEnv, runCli } from '../support/cli';

/**
 * What the tag-pipeline tests of the promote adapters start from, made through the CLI as the earlier
 * pipelines would have made it: a git repository of the example project whose commit was validated, trained
 * and registered (with the validation as evidence), evaluated and built into an image pushed to a registry and
 * recorded on the version, then tagged. Each CI's test then runs only its promote job on the tag.
 */
const run = promisify(execFile);

export const modelName = 'breast-cancer';

export interface PromotableProject {
  dir: string;
  git(...args: string[]): Promise<string>;
  /** The CLI in the project, against the model registry, outside any CI; throws on another exit status. */
  mlci(args: string[], expectedStatus?: number): Promise<{ stdout: string; stderr: string }>;
  /** The environment the CLI runs with (no CI's variables; registry credentials when given). */
  env: NodeJS.ProcessEnv;
}

export async function exampleRepository(
  parent: string,
  modelRegistry: string,
  extraEnv: Record<string, string> = {},
): Promise<PromotableProject> {
  const env = localEnv(extraEnv);
  const dir = await copyExample(parent, 'tag-pipeline');
  const git = async (...args: string[]) =>
    (
      await run('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], { cwd: dir })
    ).stdout.trim();
  await writeFile(join(dir, '.gitignore'), '.mlci/\nmodel/\ncandidate/\nmetrics.json\nnode_modules\n');
  await git('init', '-q', '-b', 'main');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'first model');
  const mlci = async (args: string[], expectedStatus = 0) => {
    const result = await runCli([...args, '--registry', modelRegistry], { cwd: dir, env });
    if (result.status !== expectedStatus)
      throw new Error(
        `mlci ${args.join(' ')}: exit ${result.status}, expected ${expectedStatus}\n${result.stderr}`,
      );
    return result;
  };
  return { dir, git, mlci, env };
}

/** validate-data, then train registering the model with the validation as evidence; the new version's number. */
export async function registerVersion(project: PromotableProject, outputs: string): Promise<string> {
  const validated = await runCli(['validate-data', '--data', 'data/train.csv', '--schema', 'schema.yaml'], {
    cwd: project.dir,
    env: project.env,
  });
  if (validated.status !== 0) throw new Error(`validate-data: exit ${validated.status}\n${validated.stderr}`);
  const trained = await project.mlci([
    'train',
    '--command',
    'node train.mjs',
    '--inputs',
    'data',
    'train.mjs',
    'params.yaml',
    '--params',
    'params.yaml',
    '--outputs',
    outputs,
    '--register',
    modelName,
    '--evidence',
    '.mlci/validate-data.json',
    '--json',
  ]);
  return (JSON.parse(trained.stdout) as { registered: { version: string } }).registered.version;
}

/**
 * The rest of the evidence for a registered version: its evaluation (the first version has no baseline) and
 * its image (buildImage's arguments: tagged `imageTag`, pushed by default), both recorded on the version.
 */
export async function evaluateAndBuild(...image: Parameters<typeof buildImage>): Promise<void> {
  const [project, outputs, version] = image;
  await project.mlci([
    'evaluate',
    '--candidate',
    `${outputs}/predictions.csv`,
    '--score-column',
    'score',
    '--attach-to',
    `${modelName}@${version}`,
  ]);
  await buildImage(...image);
}

/**
 * The model image of a registered version (its model and lineage on scratch, no entrypoint: the promote jobs
 * only retag it), tagged `imageTag`, where `imageFlags` put it (`--push`, `--oci-layout DIR`), and recorded on
 * the version.
 */
export async function buildImage(
  project: PromotableProject,
  outputs: string,
  version: string,
  imageTag: string,
  imageFlags: string[] = ['--push'],
): Promise<void> {
  await project.mlci([
    'build-image',
    '--model',
    outputs,
    '--tag',
    imageTag,
    ...imageFlags,
    '--train-result',
    '.mlci/train.json',
    '--attach-to',
    `${modelName}@${version}`,
  ]);
}

/** The manifest digest a reference (a registry's, or `oci:LAYOUT:TAG`) resolves to, read by skopeo (not mlci). */
export async function imageDigest(reference: string): Promise<string> {
  const transport = reference.startsWith('oci:') ? reference : `docker://${reference}`;
  const { stdout } = await run('skopeo', ['inspect', '--tls-verify=false', '--raw', transport]);
  return `sha256:${createHash('sha256').update(stdout).digest('hex')}`;
}

/** The tags of an image repository, read by skopeo. */
export async function imageTags(repository: string): Promise<string[]> {
  const { stdout } = await run('skopeo', ['list-tags', '--tls-verify=false', `docker://${repository}`]);
  return ((JSON.parse(stdout) as { Tags: string[] }).Tags ?? []).sort();
}
