/**
 * The Bamboo Specs of docs/bamboo.md, checked without a Bamboo server (none runs here). Every `yaml` block of the
 * page that is Bamboo Specs (`version: 2`) is parsed, each of its YAML documents a plan, and checked against the
 * Bamboo Specs YAML reference (https://docs.atlassian.com/bamboo-specs-docs/10.0.2/specs.html): `version: 2`,
 * `plan` with `project-key`, `key` and `name`, `stages` naming jobs defined at the document's root, jobs with
 * tasks, tasks of the kinds and keys the reference gives. mlci's own conventions are checked too: the JUnit Parser
 * is a final task reading `.mlci/*.junit.xml`, the reports are an artifact of `.mlci`, a secret reaches mlci only
 * from a variable whose name Bamboo masks. Every mlci command of a script task names a step and only options it
 * has (from @mlci/core's step definitions), with this release pinned; every other line is one of binary.md's
 * install lines.
 *
 * The blocks the page says this test runs ("runs its script") run here: their scripts, in a copy of the example
 * project, with the CLI bundle and a branch build's Bamboo variables, must exit 0, and the JUnit Parser's and the
 * artifact's patterns must find the reports the steps wrote. The docs test (tests/docs/examples.test.ts) skips
 * these blocks, by the `docs-test: skip` line that names this file.
 */
import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { optionsOf, steps } from '@mlci/core';
import { parse, parseAllDocuments } from 'yaml';
import { copyExample } from '../docs/example-project';
import { type CodeBlock, readBlocks } from '../docs/markdown';
import { describeRun, runBash, shellCommands } from '../docs/shell';
import { localEnv, repoRoot } from '../support/cli';

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const page = 'docs/bamboo.md';
const specBlocks = readBlocks(repoRoot, page).filter(
  (block) => block.lang === 'yaml' && /^version: 2$/m.test(block.text),
);

/** The keys a plan document may have at its root besides its jobs (the reference's plan-level sections). */
const planKeys = new Set([
  'version',
  'plan',
  'stages',
  'variables',
  'triggers',
  'branches',
  'docker',
  'labels',
  'notifications',
  'dependencies',
  'repositories',
  'other',
  'branch-overrides',
  'branch-config',
]);
const jobKeys = new Set([
  'key',
  'description',
  'tasks',
  'final-tasks',
  'artifacts',
  'artifact-subscriptions',
  'requirements',
  'docker',
  'other',
]);
const scriptKeys = new Set([
  'interpreter',
  'scripts',
  'file',
  'argument',
  'environment',
  'working-dir',
  'description',
  'conditions',
]);
const artifactKeys = new Set(['name', 'location', 'pattern', 'required', 'shared', 'httpCompressionOn']);
/** Bamboo's project, plan and job keys: upper-case letters and digits, a letter first. */
const bambooKey = /^[A-Z][A-Z0-9]*$/;
/** What Bamboo masks in its pages and logs: a variable whose name says it is secret. */
const maskedName = /password|secret|passphrase/i;
const secretEnvironment = new Set(['MLCI_TOKEN', 'MLCI_REGISTRY_PASSWORD']);
const mlciEnvironment = new Set([...secretEnvironment, 'MLCI_REGISTRY_USERNAME', 'MLCI_BITBUCKET_URL']);

/** The options each step's command line takes: its own (from its definition) and every command's. */
const commonFlags = new Map([
  ['config', 'value'],
  ['json', 'boolean'],
  ['debug', 'boolean'],
]);
const stepOptions = new Map(
  steps.map((step) => [
    step.name as string,
    new Map([
      ...commonFlags,
      ...optionsOf(step.input).map(
        (spec) => [spec.name, spec.kind === 'boolean' ? 'boolean' : 'value'] as const,
      ),
    ]),
  ]),
);
const requiredOptions = new Map(
  steps.map((step) => [
    step.name as string,
    optionsOf(step.input)
      .filter((spec) => spec.required)
      .map((spec) => spec.name),
  ]),
);

/** binary.md's install lines, the only other commands a script may run. */
const installLines = new Set(
  readBlocks(repoRoot, 'docs/binary.md')
    .filter((block) => block.lang === 'sh')
    .flatMap((block) => block.text.split('\n').map((line) => line.trim())),
);

/** The mlci.yaml of jenkins.md's complete pipeline, which the complete plan uses for what its commands leave out. */
const sharedConfig = parse(
  readBlocks(repoRoot, 'docs/jenkins.md').find(
    (block) => block.lang === 'yaml' && block.text.startsWith('# mlci.yaml'),
  )?.text ?? 'version: 1',
) as Json;

/** Shell words of one command line: quotes removed, `${bamboo.…}` kept as written. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  for (const match of line.matchAll(/(?:'[^']*'|"[^"]*"|[^\s'"]+)+/g))
    words.push(match[0].replace(/'([^']*)'|"([^"]*)"/g, (_, single, double) => single ?? double));
  return words;
}

/** Problems of one mlci command line; undefined when the line does not run mlci. */
function mlciCommandProblems(line: string, usesSharedConfig: boolean): string[] | undefined {
  const words = shellWords(line);
  let rest: string[];
  if (words[0] === 'npx' && words[1] === '--yes' && words[2]?.startsWith('@mlci/cli')) rest = words.slice(3);
  else if (words[0] === '$HOME/.local/bin/mlci') rest = words.slice(1);
  else return undefined;
  const problems: string[] = [];
  if (words[0] === 'npx') shellCommands('sh', line, problems); // the pin: this release's version, with --yes
  const [step, ...args] = rest;
  const options = stepOptions.get(step ?? '');
  if (!options) return [`\`${line}\`: ${step} is not a step (${[...stepOptions.keys()].join(', ')})`];
  const given = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith('--')) {
      problems.push(`\`${line}\`: ${arg} follows no option that takes a value`);
      continue;
    }
    const name = arg.slice(2).split('=')[0] as string;
    const kind = options.get(name);
    if (!kind) {
      problems.push(`\`${line}\`: ${step} has no option --${name}`);
      continue;
    }
    given.add(name);
    if (kind === 'value' && !arg.includes('=')) {
      if (args[i + 1] === undefined || args[i + 1]?.startsWith('--'))
        problems.push(`\`${line}\`: --${name} needs a value`);
      // A list option takes the words up to the next option.
      while (args[i + 1] !== undefined && !args[i + 1]?.startsWith('--')) i++;
    }
  }
  const section = isRecord(sharedConfig[step as string]) ? (sharedConfig[step as string] as Json) : {};
  for (const name of requiredOptions.get(step as string) ?? []) {
    const fromConfig = usesSharedConfig && (name in section || name in sharedConfig);
    if (!given.has(name) && !fromConfig) problems.push(`\`${line}\`: ${step} needs --${name}`);
  }
  return problems;
}

interface Plan {
  doc: Json;
  where: string;
}

function plansOf(block: CodeBlock): Plan[] {
  return parseAllDocuments(block.text).map((document, i) => {
    if (document.errors.length > 0)
      throw new Error(`${block.file}:${block.line}: ${document.errors[0]?.message}`);
    return { doc: document.toJS() as Json, where: `${block.file}:${block.line} document ${i + 1}` };
  });
}

/** The jobs a plan's stages name, each with its definition at the document's root. */
function jobsOf(doc: Json): [string, unknown][] {
  const stages = Array.isArray(doc.stages) ? doc.stages : [];
  return stages.flatMap((stage) => {
    const [, body] = isRecord(stage) ? (Object.entries(stage)[0] ?? []) : [];
    const names = Array.isArray(body) ? body : isRecord(body) && Array.isArray(body.jobs) ? body.jobs : [];
    return names.map((name) => [String(name), doc[String(name)]] as [string, unknown]);
  });
}

function scriptsOf(job: Json): Json[] {
  const tasks = [...(Array.isArray(job.tasks) ? job.tasks : [])];
  return tasks
    .filter((task) => isRecord(task) && isRecord(task.script))
    .map((task) => (task as Json).script as Json);
}

/** Everything wrong with one plan document, as readable lines; [] when Bamboo and mlci would take it. */
function planProblems(doc: Json, usesSharedConfig: boolean): string[] {
  const problems: string[] = [];
  if (doc.version !== 2) problems.push(`version is ${JSON.stringify(doc.version)}, not 2`);
  const plan = isRecord(doc.plan) ? doc.plan : undefined;
  if (!plan) problems.push('no plan');
  for (const key of ['project-key', 'key', 'name'])
    if (typeof plan?.[key] !== 'string' || plan[key] === '') problems.push(`plan has no ${key}`);
  for (const key of ['project-key', 'key'])
    if (typeof plan?.[key] === 'string' && !bambooKey.test(plan[key] as string))
      problems.push(`plan ${key} ${plan[key]} is not a Bamboo key (A-Z, 0-9)`);
  if (!Array.isArray(doc.stages) || doc.stages.length === 0) problems.push('no stages');
  for (const stage of Array.isArray(doc.stages) ? doc.stages : []) {
    const entries = isRecord(stage) ? Object.entries(stage) : [];
    const body = entries[0]?.[1];
    if (entries.length !== 1 || !(Array.isArray(body) || (isRecord(body) && Array.isArray(body.jobs))))
      problems.push(`stage ${JSON.stringify(stage)} is not "name: [jobs]" or "name: {jobs: […]}"`);
  }
  const jobs = jobsOf(doc);
  const jobNames = new Set(jobs.map(([name]) => name));
  for (const key of Object.keys(doc))
    if (!planKeys.has(key) && !jobNames.has(key))
      problems.push(`${key} is neither a plan section nor a job of a stage`);
  if (isRecord(doc.branches)) {
    const create = doc.branches.create;
    const ok = ['for-new-branch', 'for-pull-request', 'manually'];
    if (
      !(
        ok.includes(create as string) ||
        (isRecord(create) && Object.keys(create).every((k) => ok.includes(k)))
      )
    )
      problems.push(`branches create ${JSON.stringify(create)} is not one of ${ok.join(', ')}`);
  }
  if ('triggers' in doc && !Array.isArray(doc.triggers)) problems.push('triggers is not a list');
  if ('docker' in doc && typeof doc.docker !== 'string' && !isRecord(doc.docker))
    problems.push('docker is not an image');

  for (const [name, job] of jobs) {
    if (!isRecord(job)) {
      problems.push(`job ${name} is named by a stage but not defined`);
      continue;
    }
    for (const key of Object.keys(job))
      if (!jobKeys.has(key)) problems.push(`job ${name}: unknown key ${key}`);
    if (job.key !== undefined && !bambooKey.test(String(job.key)))
      problems.push(`job ${name}: key ${job.key}`);
    if (!Array.isArray(job.tasks) || job.tasks.length === 0) problems.push(`job ${name} has no tasks`);
    for (const task of [
      ...(Array.isArray(job.tasks) ? job.tasks : []),
      ...(Array.isArray(job['final-tasks']) ? job['final-tasks'] : []),
    ]) {
      const kind = isRecord(task) ? Object.keys(task)[0] : task;
      if (!['script', 'test-parser', 'clean', 'checkout', 'artifact-download'].includes(String(kind)))
        problems.push(`job ${name}: unknown task ${JSON.stringify(task)}`);
    }
    const scripts = scriptsOf(job);
    if (scripts.length === 0) problems.push(`job ${name} runs no script`);
    for (const script of scripts) {
      for (const key of Object.keys(script))
        if (!scriptKeys.has(key)) problems.push(`job ${name}: script key ${key}`);
      if (script.interpreter !== 'SHELL') problems.push(`job ${name}: a script's interpreter is not SHELL`);
      const lines = Array.isArray(script.scripts) ? script.scripts.map(String) : [];
      // The lines of one task are one shell script, which goes on after a failed line: a failed gate would not
      // stop the job. A job stops at its first failed task.
      if (lines.length !== 1)
        problems.push(`job ${name}: a Script task runs ${lines.length} commands, not one`);
      for (const line of lines) {
        const commandProblems = mlciCommandProblems(line, usesSharedConfig);
        if (commandProblems) problems.push(...commandProblems);
        else if (!installLines.has(line))
          problems.push(`\`${line}\`: neither mlci nor an install line of binary.md`);
      }
      for (const assignment of typeof script.environment === 'string'
        ? script.environment.split(/\s+/)
        : []) {
        const [variable, value = ''] = assignment.split(/=(.*)/s);
        const bamboo = /^\$\{bamboo\.([\w.]+)\}$/.exec(value);
        if (!mlciEnvironment.has(variable as string))
          problems.push(`job ${name}: environment ${variable} means nothing to mlci`);
        if (!bamboo)
          problems.push(`job ${name}: environment ${variable} is not given a \${bamboo.…} variable`);
        else if (secretEnvironment.has(variable as string) && !maskedName.test(bamboo[1] as string))
          problems.push(`job ${name}: ${variable} comes from ${bamboo[1]}, a variable Bamboo does not mask`);
      }
    }
    const finals = Array.isArray(job['final-tasks']) ? job['final-tasks'] : [];
    const parser = finals.find((task) => isRecord(task) && isRecord(task['test-parser']));
    const parserSettings = isRecord(parser) ? (parser['test-parser'] as Json) : undefined;
    if (parserSettings?.type !== 'junit' || parserSettings['test-results'] !== '.mlci/*.junit.xml')
      problems.push(`job ${name}: no final JUnit Parser task on .mlci/*.junit.xml`);
    const artifacts = Array.isArray(job.artifacts) ? job.artifacts : [];
    for (const artifact of artifacts) {
      if (!isRecord(artifact) || typeof artifact.name !== 'string' || typeof artifact.pattern !== 'string')
        problems.push(`job ${name}: artifact ${JSON.stringify(artifact)} has no name or pattern`);
      else
        for (const key of Object.keys(artifact))
          if (!artifactKeys.has(key)) problems.push(`job ${name}: artifact key ${key}`);
    }
    if (!artifacts.some((a) => isRecord(a) && a.location === '.mlci' && a.pattern === '*'))
      problems.push(`job ${name}: no artifact of the reports (location .mlci, pattern *)`);
  }
  return problems;
}

/** An Ant pattern of Bamboo's (`*` within a folder, `**` across folders) as a regular expression. */
function antPattern(pattern: string): RegExp {
  const parts = pattern.split('/');
  const source = parts
    .map((part, i) => {
      const last = i === parts.length - 1;
      if (part === '**') return last ? '.*' : '(?:[^/]+/)*';
      const glob = part
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]');
      return last ? glob : `${glob}/`;
    })
    .join('');
  return new RegExp(`^${source}$`);
}

/** The files under dir (relative paths), without the linked node_modules. */
function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(path).isDirectory() ? filesUnder(path, base) : [relative(base, path)];
  });
}

/** The variables a Script task of a branch build of plan ML-DATA sees (names as Bamboo exports them). */
const branchBuild = {
  bamboo_buildKey: 'ML-DATA-VALIDATE',
  bamboo_planKey: 'ML-DATA',
  bamboo_shortJobName: 'Validate data',
  bamboo_buildNumber: '7',
  bamboo_buildResultKey: 'ML-DATA-VALIDATE-7',
  bamboo_resultsUrl: 'https://bamboo.example.com/browse/ML-DATA-VALIDATE-7',
  bamboo_planRepository_repositoryUrl: 'https://bitbucket.example.com/scm/ml/models.git',
  bamboo_planRepository_branch: 'main',
  bamboo_planRepository_branchName: 'main',
  bamboo_planRepository_revision: '9f2c1e4b7a0d3c5e8f1a2b3c4d5e6f7a8b9c0d1e',
};

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'mlci-bamboo-specs-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

test('docs/bamboo.md has a Specs block per step, a complete plan, and the docs test leaves them to this file', () => {
  const commands = specBlocks.flatMap((block) =>
    plansOf(block).flatMap(({ doc }) =>
      jobsOf(doc).flatMap(([, job]) =>
        (isRecord(job) ? scriptsOf(job) : []).flatMap((s) => s.scripts as string[]),
      ),
    ),
  );
  for (const step of steps) expect(commands.some((line) => shellWords(line).includes(step.name))).toBe(true);
  expect(specBlocks.some((block) => plansOf(block).length === 3)).toBe(true);
  for (const block of specBlocks)
    expect([block.line, block.skip]).toEqual([
      block.line,
      expect.stringContaining('tests/bamboo/specs.test.ts'),
    ]);
});

describe.each(specBlocks.map((block) => [`${block.file}:${block.line}`, block] as const))(
  '%s',
  (_, block) => {
    const plans = plansOf(block);
    const usesSharedConfig = plans.length === 3;

    test('is Bamboo Specs YAML with what the reference requires, and real mlci commands', () => {
      const problems = plans.flatMap(({ doc, where }) =>
        planProblems(doc, usesSharedConfig).map((p) => `${where}: ${p}`),
      );
      expect(problems).toEqual([]);
      const keys = plans.map(({ doc }) => `${(doc.plan as Json)['project-key']}-${(doc.plan as Json).key}`);
      expect(new Set(keys).size).toBe(keys.length);
    });

    if (block.skip?.includes('runs its script'))
      test('its scripts run in the example project under a branch build, and its patterns find the reports', async () => {
        const dir = await copyExample(scratch, `bamboo-${block.line}`);
        const env = localEnv(branchBuild);
        const ran: string[] = [];
        for (const { doc } of plans)
          for (const [, job] of jobsOf(doc)) {
            for (const script of scriptsOf(job as Json)) {
              const problems: string[] = [];
              for (const command of shellCommands('sh', (script.scripts as string[]).join('\n'), problems)) {
                expect(command.kind).toBe('run');
                if (command.kind !== 'run') continue;
                const run = await runBash(command.script, dir, env);
                expect([command.text, run.status]).toEqual([command.text, 0]);
                if (run.status !== 0) throw new Error(describeRun(command.text, run));
                ran.push(shellWords(command.text)[3] as string);
              }
              expect(problems).toEqual([]);
            }
            const files = filesUnder(dir);
            const parser = ((job as Json)['final-tasks'] as Json[])[0]?.['test-parser'] as Json;
            const junit = files.filter((file) => antPattern(parser['test-results'] as string).test(file));
            expect(junit.sort()).toEqual([...new Set(ran)].map((step) => `.mlci/${step}.junit.xml`).sort());
            const reports = ((job as Json).artifacts as Json[]).find((a) => a.location === '.mlci') as Json;
            const kept = files
              .filter((file) => file.startsWith('.mlci/'))
              .map((file) => file.slice('.mlci/'.length))
              .filter((file) => antPattern(reports.pattern as string).test(file));
            for (const step of ran)
              expect(kept).toEqual(
                expect.arrayContaining([`${step}.md`, `${step}.json`, `${step}.junit.xml`]),
              );
            // Not the cache, the file registry or an image layout: only the files directly in .mlci/.
            expect(kept.every((file) => !file.includes('/'))).toBe(true);
          }
      });
  },
);

test('the checks find what Bamboo or mlci would refuse', () => {
  const [block] = specBlocks.filter((b) => b.skip?.includes('runs its script'));
  const good = () => plansOf(block as CodeBlock)[0]?.doc as Json;
  expect(planProblems(good(), false)).toEqual([]);

  const noKey = good();
  delete (noKey.plan as Json).key;
  expect(planProblems(noKey, false)).toContain('plan has no key');

  const lowerKey = good();
  (lowerKey.plan as Json)['project-key'] = 'ml';
  expect(planProblems(lowerKey, false)).toContain('plan project-key ml is not a Bamboo key (A-Z, 0-9)');

  const version1 = { ...good(), version: 1 };
  expect(planProblems(version1, false)).toContain('version is 1, not 2');

  const undefinedJob = good();
  const [jobName] = jobsOf(undefinedJob)[0] ?? [];
  delete undefinedJob[jobName as string];
  expect(planProblems(undefinedJob, false)).toContain(`job ${jobName} is named by a stage but not defined`);

  const withScript = (line: string, environment?: string) => {
    const doc = good();
    const script = scriptsOf(jobsOf(doc)[0]?.[1] as Json)[0] as Json;
    script.scripts = [line];
    if (environment) script.environment = environment;
    return planProblems(doc, false);
  };
  expect(withScript('npx --yes @mlci/cli@0.1.0 validate-data --data d.csv --schemas s.yaml')).toContain(
    '`npx --yes @mlci/cli@0.1.0 validate-data --data d.csv --schemas s.yaml`: validate-data has no option --schemas',
  );
  expect(withScript('npx --yes @mlci/cli@0.1.0 validate --data d.csv')[0]).toMatch(/validate is not a step/);
  expect(withScript('npx --yes @mlci/cli@0.0.9 train --command x --outputs model')).toEqual([
    expect.stringContaining('pins @mlci/cli@0.0.9'),
  ]);
  expect(withScript('npx --yes @mlci/cli@0.1.0 evaluate --score-column score')).toContain(
    '`npx --yes @mlci/cli@0.1.0 evaluate --score-column score`: evaluate needs --candidate',
  );
  expect(withScript('curl -fsSL https://example.com/mlci | sh')[0]).toMatch(
    /neither mlci nor an install line/,
  );
  expect(
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Bamboo variable reference, as the Specs write it
    withScript('npx --yes @mlci/cli@0.1.0 validate-data --data d.csv', 'MLCI_TOKEN=${bamboo.mlci.token}'),
  ).toContain('job Validate data: MLCI_TOKEN comes from mlci.token, a variable Bamboo does not mask');

  const twoLines = good();
  const script = scriptsOf(jobsOf(twoLines)[0]?.[1] as Json)[0] as Json;
  script.scripts = ['npx --yes @mlci/cli@0.1.0 validate-data --data a.csv', 'echo done'];
  expect(planProblems(twoLines, false)).toContain(
    'job Validate data: a Script task runs 2 commands, not one',
  );

  const noParser = good();
  (jobsOf(noParser)[0]?.[1] as Json)['final-tasks'] = [];
  expect(planProblems(noParser, false)).toContain(
    'job Validate data: no final JUnit Parser task on .mlci/*.junit.xml',
  );
});

test('Ant patterns match as Bamboo documents them', () => {
  expect(antPattern('.mlci/*.junit.xml').test('.mlci/train.junit.xml')).toBe(true);
  expect(antPattern('.mlci/*.junit.xml').test('.mlci/cache/x.junit.xml')).toBe(false);
  expect(antPattern('**').test('a/b/c.bin')).toBe(true);
  expect(antPattern('*').test('train.md')).toBe(true);
  expect(antPattern('*').test('cache/train.md')).toBe(false);
});
