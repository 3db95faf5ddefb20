import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { parseWorkflowFile } from '../github/action-manifest';
import { pushToMain } from '../github/payloads';
import { parseFileCommand, runActionBundle } from '../github/run-action';
import { repoRoot } from '../support/cli';
import { cliVersion, describeRun, rewriteMlci, runBash } from './shell';

/**
 * A workflow of the docs, checked by GitHub's own parser, then run step by step the way the runner would on a
 * push to main (no pull request, no token): mlci's actions as their committed bundles, `run:` steps with bash.
 */

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A whole workflow file: jobs that say where they run. */
export function isWorkflow(doc: unknown): doc is Json {
  return (
    isRecord(doc) &&
    isRecord(doc.jobs) &&
    Object.values(doc.jobs).some((job) => isRecord(job) && 'runs-on' in job)
  );
}

/** A piece of a job's `steps:` list, as docs show a step to add. */
export function isStepList(doc: unknown): doc is Json[] {
  return (
    Array.isArray(doc) &&
    doc.length > 0 &&
    doc.every((step) => isRecord(step) && (typeof step.uses === 'string' || typeof step.run === 'string'))
  );
}

interface Step {
  id?: string;
  name?: string;
  if?: unknown;
  uses?: string;
  run?: string;
  with?: Json;
  env?: Json;
}

interface JobContext {
  workspace: string;
  scratch: string;
  env: Record<string, string>;
  /** `steps.<id>.outputs` of the steps run so far. */
  outputs: Record<string, Record<string, string>>;
  problems: string[];
  log: string[];
  /** Steps that ran mlci, as an action or a CLI command. */
  mlciRuns: number;
  /** What runs after the steps, last registered first, as the runner runs `post:` of actions. */
  post: (() => Promise<void>)[];
  /** The workflow run's actions/cache entries, shared by its jobs. */
  cache: ActionsCache;
}

/**
 * actions/cache as the docs use it: restore a directory saved under the exact key, else under the newest key that
 * starts with one of the restore keys (tried in order); save it after the job under the key, unless that key was
 * restored exactly (entries are immutable) or the path does not exist.
 */
class ActionsCache {
  private readonly saved: string[] = [];
  constructor(private readonly dir: string) {}

  async restore(
    key: string,
    restoreKeys: string[],
    paths: string[],
    workspace: string,
  ): Promise<string | undefined> {
    const match =
      this.saved.find((saved) => saved === key) ??
      restoreKeys
        .map((prefix) => [...this.saved].reverse().find((saved) => saved.startsWith(prefix)))
        .find(Boolean);
    if (match)
      for (const path of paths)
        if (existsSync(join(this.dir, match, path)))
          await cp(join(this.dir, match, path), join(workspace, path), { recursive: true });
    return match;
  }

  async save(key: string, paths: string[], workspace: string): Promise<boolean> {
    if (this.saved.includes(key)) return false;
    const present = paths.filter((path) => existsSync(join(workspace, path)));
    if (present.length === 0) return false;
    for (const path of present)
      await cp(join(workspace, path), join(this.dir, key, path), { recursive: true });
    this.saved.push(key);
    return true;
  }
}

const owner = 'mlci-dev';
const repository = 'breast-cancer';
const sha = '5d2c4e6f8a0b1c3d5e7f9a1b3c5d7e9f1a3b5c7d';

/** The runner's variables and event payload for a push to main. */
function pushEnv(scratch: string, workflow: string, job: string): Record<string, string> {
  return {
    ...pushToMain(
      { owner, repository, sha, workflow, job, runId: '9100200300' },
      join(scratch, 'event.json'),
    ),
    RUNNER_TOOL_CACHE: join(scratch, 'toolcache'),
  };
}

/**
 * `${{ … }}` as the runner would fill it in here: no token and no secrets on this push, and the outputs of
 * earlier steps. Anything else is reported, so the example gets a rule here rather than a guess.
 */
function evaluate(text: string, job: JobContext, where: string): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
    if (expression === 'github.token' || /^secrets\.\w+$/.test(expression)) return '';
    // Context values of a push run, as the runner's variables have them.
    const context: Record<string, string | undefined> = {
      'github.sha': job.env.GITHUB_SHA,
      'github.ref_name': job.env.GITHUB_REF_NAME,
      'github.repository': job.env.GITHUB_REPOSITORY,
      'github.repository_owner': job.env.GITHUB_REPOSITORY_OWNER,
      'runner.os': job.env.RUNNER_OS,
    };
    if (context[expression] !== undefined) return context[expression] as string;
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression);
    if (output) {
      const [, id, name] = output as unknown as [string, string, string];
      const value = job.outputs[id]?.[name];
      if (value === undefined) {
        job.problems.push(`${where}: \${{ ${expression} }}: no earlier step ${id} set output ${name}`);
        return '';
      }
      return value;
    }
    job.problems.push(`${where}: cannot evaluate \${{ ${expression} }} here (tests/docs/github-workflow.ts)`);
    return '';
  });
}

function evaluateAll(values: Json | undefined, job: JobContext, where: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values ?? {}).map(([name, value]) => [
      name,
      evaluate(String(value), job, `${where} ${name}`),
    ]),
  );
}

/** Every step is expected to succeed, so `success()` and `always()` both run it. */
function runsOnSuccess(condition: unknown): boolean {
  if (condition === undefined) return true;
  const bare = String(condition)
    .replace(/^\$\{\{\s*(.*?)\s*\}\}$/, '$1')
    .trim();
  return bare === 'always()' || bare === 'success()';
}

async function runMlciAction(
  step: Step,
  match: RegExpExecArray,
  job: JobContext,
  where: string,
): Promise<void> {
  const [, , name, ref] = match as unknown as [string, string, string, string];
  if (ref !== `v${cliVersion}`) job.problems.push(`${where}: pins @${ref}, this release is v${cliVersion}`);
  const actionDir = join(repoRoot, 'actions', name);
  if (!existsSync(join(actionDir, 'action.yml'))) {
    job.problems.push(`${where}: there is no actions/${name}/action.yml`);
    return;
  }
  const manifest = parse(readFileSync(join(actionDir, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, { required?: boolean; default?: unknown }>;
  };
  const declared = manifest.inputs ?? {};
  const inputs = evaluateAll(step.with, job, where);
  for (const input of Object.keys(inputs))
    if (!(input in declared)) job.problems.push(`${where}: actions/${name} has no input ${input}`);
  for (const [input, spec] of Object.entries(declared))
    if (spec.required && spec.default === undefined && !(input in inputs))
      job.problems.push(`${where}: required input ${input} of actions/${name} is missing`);

  const runnerTemp = join(job.scratch, `runner-${job.log.length}`);
  const run = await runActionBundle({
    actionDir,
    inputs,
    env: job.env,
    githubToken: '',
    cwd: job.workspace,
    runnerTemp,
  });
  job.mlciRuns++;
  job.log.push(`${where}: ran actions/${name}/dist/index.mjs: exit ${run.exitCode}`);
  if (run.exitCode !== 0)
    job.problems.push(describeRun(`${where}: actions/${name}`, { ...run, status: run.exitCode }));
  if (step.id) job.outputs[step.id] = run.outputs;
}

/** A `run:` script whose every line runs mlci or echoes: anything else would need a rule of its own. */
async function runScript(step: Step, job: JobContext, where: string): Promise<void> {
  const text = evaluate(step.run ?? '', job, where);
  const lines = text.split('\n').map((line) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || /^echo(\s|$)/.test(trimmed)) return trimmed;
    const local = rewriteMlci(trimmed, job.problems);
    if (local !== undefined) job.mlciRuns++;
    else
      job.problems.push(
        `${where}: \`${trimmed}\` is not a command these tests run (tests/docs/github-workflow.ts)`,
      );
    return local ?? trimmed;
  });
  const runnerTemp = join(job.scratch, `runner-${job.log.length}`);
  await mkdir(runnerTemp, { recursive: true });
  const files = {
    GITHUB_OUTPUT: join(runnerTemp, 'set_output'),
    GITHUB_STEP_SUMMARY: join(runnerTemp, 'step_summary'),
    GITHUB_ENV: join(runnerTemp, 'set_env'),
    GITHUB_PATH: join(runnerTemp, 'add_path'),
    GITHUB_STATE: join(runnerTemp, 'save_state'),
  };
  for (const file of Object.values(files)) await writeFile(file, '');
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? runnerTemp,
    RUNNER_TEMP: runnerTemp,
    GITHUB_WORKSPACE: job.workspace,
    ...files,
    ...job.env,
    ...evaluateAll(step.env, job, `${where} env`),
  };
  const run = await runBash(lines.join('\n'), job.workspace, env);
  job.log.push(`${where}: ran \`${lines.join('; ')}\`: exit ${run.status}\n${run.stdout.trim()}`);
  if (run.status !== 0) job.problems.push(describeRun(`${where}: run`, run));
  if (step.id) job.outputs[step.id] = parseFileCommand(readFileSync(files.GITHUB_OUTPUT, 'utf8'));
}

async function runStep(step: Step, job: JobContext, where: string): Promise<void> {
  if (!runsOnSuccess(step.if)) {
    job.problems.push(`${where}: cannot tell whether if: ${String(step.if)} runs the step`);
    return;
  }
  if (step.run !== undefined) return runScript(step, job, where);
  const uses = step.uses ?? '';
  const mlci = /^([\w.-]+)\/mlci\/actions\/([\w-]+)@(\S+)$/.exec(uses);
  if (mlci) return runMlciAction(step, mlci, job, where);
  if (/^actions\/checkout@v\d+$/.test(uses)) {
    job.log.push(`${where}: ${uses}: the example copy is the checkout`);
    return;
  }
  if (/^actions\/cache@v\d+$/.test(uses)) {
    const lines = (name: string) =>
      evaluate(String(step.with?.[name] ?? ''), job, `${where} ${name}`)
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
    const [key = ''] = lines('key');
    const paths = lines('path');
    if (!key || paths.length === 0) job.problems.push(`${where}: ${uses} needs key and path`);
    const restored = await job.cache.restore(key, lines('restore-keys'), paths, job.workspace);
    if (step.id) job.outputs[step.id] = { 'cache-hit': String(restored === key) };
    job.log.push(`${where}: ${uses}: restored ${restored ?? 'nothing'} for key ${key}`);
    job.post.push(async () => {
      if (restored === key) return;
      const saved = await job.cache.save(key, paths, job.workspace);
      job.log.push(
        `post ${where}: ${uses}: ${saved ? 'saved' : 'did not save'} ${paths.join(', ')} as ${key}`,
      );
    });
    return;
  }
  if (/^actions\/upload-artifact@v\d+$/.test(uses)) {
    // What the example uploads must be there after the steps before it.
    for (const path of String(step.with?.path ?? '').split('\n')) {
      const trimmed = path.trim();
      if (trimmed === '' || /[*?![]/.test(trimmed)) continue;
      if (!existsSync(join(job.workspace, trimmed)))
        job.problems.push(`${where}: ${uses}: nothing at ${trimmed}`);
    }
    job.log.push(`${where}: ${uses}: checked that ${String(step.with?.path)} exists`);
    return;
  }
  job.problems.push(`${where}: no rule to run uses: ${uses} (tests/docs/github-workflow.ts)`);
}

export interface WorkflowRun {
  problems: string[];
  log: string[];
}

/**
 * Parses the example with GitHub's parser (a list of steps is put into a one-job workflow first), then runs
 * each job's steps in a fresh copy of the example project from `newWorkspace`.
 */
export async function runWorkflowExample(
  doc: Json | Json[],
  text: string,
  newWorkspace: (job: string) => Promise<string>,
): Promise<WorkflowRun> {
  const workflow: Json = Array.isArray(doc)
    ? { name: 'docs', on: 'push', jobs: { docs: { 'runs-on': 'ubuntu-latest', steps: doc } } }
    : doc;
  const problems = (
    await parseWorkflowFile('.github/workflows/docs.yml', Array.isArray(doc) ? stringify(workflow) : text)
  ).map((error) => `GitHub's workflow parser: ${error}`);
  const log: string[] = [];
  if (problems.length > 0) return { problems, log };

  let cache: ActionsCache | undefined;
  for (const [jobId, jobDoc] of Object.entries(workflow.jobs as Record<string, Json>)) {
    const workspace = await newWorkspace(jobId);
    cache ??= new ActionsCache(await mkdtemp(join(workspace, '..', 'actions-cache-')));
    const scratch = await mkdtemp(join(workspace, '..', `${jobId}-runner-`));
    const job: JobContext = {
      workspace,
      scratch,
      env: pushEnv(scratch, String(workflow.name ?? 'docs'), jobId),
      outputs: {},
      problems,
      log,
      mlciRuns: 0,
      post: [],
      cache,
    };
    const steps = (jobDoc.steps ?? []) as Step[];
    for (const [index, step] of steps.entries())
      await runStep(step, job, `jobs.${jobId}.steps[${index}]${step.id ? ` (${step.id})` : ''}`);
    for (const post of job.post.reverse()) await post();
    if (job.mlciRuns === 0)
      problems.push(`jobs.${jobId}: no step runs mlci, so the example shows nothing of it`);
  }
  return { problems, log };
}
