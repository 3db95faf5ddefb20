import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { interpolate, loadComponent } from '../gitlab/component';
import { runGitlabCiLocal } from '../gitlab/gitlab-ci-local';
import { cliBundle, localEnv, repoRoot } from '../support/cli';
import { cliVersion } from './shell';

/**
 * A `.gitlab-ci.yml` of the docs, run with the real gitlab-ci-local (shell executor) in a throwaway repository
 * holding the example project, as a push pipeline of the default branch. Includes of mlci's components
 * (`component:`, `project:`, `local:`) are pointed at this checkout's templates/, which is what resolves
 * offline; their inputs are checked against the component's `spec:inputs` first.
 */

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const templates = join(repoRoot, 'templates');
const run = promisify(execFile);

/** A pipeline: top-level `include:` entries of the kinds GitLab has. */
export function isGitLabPipeline(doc: unknown): doc is Json {
  if (!isRecord(doc) || doc.include === undefined) return false;
  const includes = Array.isArray(doc.include) ? doc.include : [doc.include];
  return includes.every(
    (entry) =>
      typeof entry === 'string' ||
      (isRecord(entry) &&
        ['component', 'project', 'local', 'remote', 'template'].some((key) => key in entry)),
  );
}

/** The component an include entry names, and the entry rewritten to resolve offline from the repository's templates/. */
function resolveInclude(
  entry: unknown,
  where: string,
  problems: string[],
): { name: string; include: Json } | undefined {
  if (!isRecord(entry)) {
    problems.push(`${where}: only mapping includes are handled, got ${JSON.stringify(entry)}`);
    return undefined;
  }
  const inputs = isRecord(entry.inputs) ? entry.inputs : {};
  if (typeof entry.component === 'string') {
    const component = /^\$CI_SERVER_FQDN\/(.+)\/([\w-]+)@(\S+)$/.exec(entry.component);
    if (!component) {
      problems.push(
        `${where}: component ${entry.component} is not $CI_SERVER_FQDN/<project>/<name>@<version>`,
      );
      return undefined;
    }
    const [, , name, version] = component as unknown as [string, string, string, string];
    // The catalog version is the git tag as written (v<version>, one tag for every forge): see docs/gitlab.md.
    if (version !== `v${cliVersion}`)
      problems.push(`${where}: pins ${name}@${version}, this release is v${cliVersion}`);
    // gitlab-ci-local resolves a component of the project itself, at its own commit, without a server.
    return {
      name,
      include: { component: `$CI_SERVER_FQDN/$CI_PROJECT_PATH/${name}@$CI_COMMIT_SHA`, inputs },
    };
  }
  if (typeof entry.project === 'string' || typeof entry.local === 'string') {
    const file = String(entry.file ?? entry.local ?? '');
    const template = /^\/?templates\/([\w-]+)\.yml$/.exec(file);
    if (!template) {
      problems.push(`${where}: ${file} is not one of mlci's templates/<name>.yml`);
      return undefined;
    }
    if (entry.project !== undefined && entry.ref !== `v${cliVersion}`)
      problems.push(`${where}: ref ${String(entry.ref)}, this release is v${cliVersion}`);
    return { name: template[1] as string, include: { local: `templates/${template[1]}.yml`, inputs } };
  }
  problems.push(`${where}: no rule for include ${JSON.stringify(entry)} (tests/docs/gitlab-pipeline.ts)`);
  return undefined;
}

/** The jobs a component adds with these inputs; inputs it does not declare, or required ones left out, are problems. */
async function componentJobs(
  name: string,
  inputs: Json,
  where: string,
  problems: string[],
): Promise<string[]> {
  const path = join(templates, `${name}.yml`);
  if (!existsSync(path)) {
    problems.push(`${where}: there is no templates/${name}.yml`);
    return [];
  }
  const component = await loadComponent(path);
  const declared = component.header.spec.inputs;
  for (const input of Object.keys(inputs))
    if (!(input in declared)) problems.push(`${where}: component ${name} has no input ${input}`);
  for (const [input, spec] of Object.entries(declared))
    if (spec.default === undefined && !(input in inputs))
      problems.push(`${where}: required input ${input} of component ${name} is missing`);
  if (problems.length > 0) return [];
  const keywords = new Set(['default', 'include', 'stages', 'variables', 'workflow', 'spec']);
  return Object.keys(interpolate(component, inputs)).filter(
    (job) => !job.startsWith('.') && !keywords.has(job),
  );
}

async function git(repo: string, ...args: string[]): Promise<void> {
  await run('git', ['-c', 'user.email=docs@example.com', '-c', 'user.name=Docs', ...args], { cwd: repo });
}

export interface PipelineRun {
  problems: string[];
  /** Jobs the includes add, each expected to pass. */
  jobs: string[];
  output: string;
}

/** Checks the includes, then runs the pipeline in `repo`, a fresh copy of the example project. */
export async function runPipelineExample(doc: Json, repo: string): Promise<PipelineRun> {
  const problems: string[] = [];
  const entries = Array.isArray(doc.include) ? doc.include : [doc.include];
  const includes: Json[] = [];
  const jobs: string[] = [];
  for (const [index, entry] of entries.entries()) {
    const where = `include[${index}]`;
    const resolved = resolveInclude(entry, where, problems);
    if (!resolved) continue;
    includes.push(resolved.include);
    jobs.push(...(await componentJobs(resolved.name, resolved.include.inputs as Json, where, problems)));
  }
  if (problems.length > 0) return { problems, jobs, output: '' };

  await mkdir(join(repo, 'templates'));
  for (const file of await readdir(templates))
    if (file.endsWith('.yml')) await copyFile(join(templates, file), join(repo, 'templates', file));
  await writeFile(join(repo, '.gitlab-ci.yml'), stringify({ ...doc, include: includes }));
  await run('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  await git(repo, 'remote', 'add', 'origin', 'https://gitlab.example.com/ml-team/breast-cancer.git');
  await git(repo, 'add', '-A');
  await git(repo, 'commit', '-q', '-m', 'docs example');
  // origin/HEAD names the default branch, as in a clone from GitLab: the component's rules run it there.
  await git(repo, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  await git(repo, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');

  const args = ['--force-shell-executor', '--ignore-predefined-vars', 'GITLAB_CI'];
  for (const variable of ['GITLAB_CI=true', `MLCI_CLI=${process.execPath} ${cliBundle}`])
    args.push('--variable', variable);
  const { status, output } = await runGitlabCiLocal(repo, args, localEnv());
  const tail = output.trim().split('\n').slice(-30).join('\n');
  if (status !== 0) problems.push(`gitlab-ci-local exited ${status}:\n${tail}`);
  else if (jobs.length === 0) problems.push('the includes add no job');
  else
    for (const job of jobs)
      if (!new RegExp(`PASS\\s+${job.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(output))
        problems.push(`job ${job} did not pass:\n${tail}`);
  return { problems, jobs, output };
}
