/**
 * The docs' examples run here: every fenced code block of every Markdown file a user reads (README.md,
 * docs/, examples/, templates/, jenkins/, …; see docFiles) is a test, run against a fresh copy of the
 * example project (examples/breast-cancer: data/train.csv, data/test.csv, schema.yaml) with this checkout's
 * CLI bundle and action bundles. What a block must do depends on its language:
 *
 * - `sh`, `bash`, `shell`, `console`: each command that runs mlci (`mlci …` or `npx --yes @mlci/cli@<version> …`,
 *   the version being this release's, optionally after `VAR=value` assignments) runs with bash in the copy, in
 *   order, on no CI (localEnv) and must exit 0, or N when the line ends in `# exit N`. So does a `&&` chain of
 *   the plain tools listed in shell.ts (skopeo, umoci, cat, …) without `;`, pipes or substitutions. In `console`
 *   blocks commands follow `$ `; other lines are output and are not compared. This repository's own development
 *   commands (`npm ci`, `npm test`, `npm run <an existing script>`) are not run. Any other command fails the test.
 * - `yaml`, `yml`, by content:
 *   - a GitHub workflow (`jobs:` with `runs-on`), or a list of steps to add to one: no errors from GitHub's
 *     workflow parser; then each job runs as on a push to main without a token: mlci's actions
 *     (`<owner>/mlci/actions/<step>@v<version>`) as their committed bundles, with `with:` checked against the
 *     action's inputs; `run:` steps with bash when each line runs mlci or echoes; actions/checkout is the copy
 *     itself; actions/upload-artifact must find its path; actions/cache restores and, after the job, saves its
 *     path as actions/cache does (by key, then by restore-keys prefix; the jobs of one workflow share a store).
 *     `${{ }}` may use github.token, secrets (both empty here), github.sha/ref_name/repository/repository_owner,
 *     runner.os and outputs of earlier steps. Every step must succeed.
 *   - a GitLab pipeline (`include:`): each include must name one of templates/ with inputs its
 *     `spec:inputs` declares; the pipeline then runs in gitlab-ci-local (shell executor, MLCI_CLI = the local
 *     bundle) as a push to the default branch, the includes resolved from the checkout; every job must pass.
 *   - an mlci.yaml (only `version`, the shared settings and step sections): written as mlci.yaml, then `mlci <step>` for each
 *     section must exit 0.
 *   - a data contract (`columns:`): `mlci validate-data --data data/train.csv --schema <it>` must accept the
 *     schema: exit 0 (the data holds) or 1 (it does not: examples of rules need not fit this data), never 2.
 *   - anything else fails.
 * - `groovy`: a Jenkinsfile, or lines of one, without its `@Library('mlci…') _` line: run by
 *   tests/docs/jenkinsfile.groovy with the shared library (declarative pipeline/agent/stages/stage/steps run
 *   their bodies, credentials are stubbed) as a branch build; every shell command the steps record runs with
 *   bash in the copy (the pinned npx command replaced by the local bundle) and must exit 0, and no step may
 *   fail the build. All groovy blocks share one Groovy process.
 * - `json`: shown data; it must parse.
 * - `python`, `javascript`/`js`: a script of this repository, named on its first line (`# path`), which the
 *   block must reproduce exactly (the shell examples run the file).
 * - `text`, `markdown`: shown output, a synopsis or a report; not run.
 * - any other language, or none: fails, so a new kind of example cannot go untested by accident.
 *
 * A block can be left out with `<!-- docs-test: skip REASON -->` on the line before its fence (blank lines
 * allowed between); the test is then reported as skipped, with the reason in its name.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedSettings, steps } from '@mlci/core';
import { parse } from 'yaml';
import { localEnv, repoRoot } from '../support/cli';
import { copyExample } from './example-project';
import { isStepList, isWorkflow, runWorkflowExample } from './github-workflow';
import { isGitLabPipeline, runPipelineExample } from './gitlab-pipeline';
import { type JenkinsResult, jenkinsProblems, runJenkinsfiles, withoutLibraryLine } from './jenkinsfile';
import { type CodeBlock, codeBlocks, docFiles, readBlocks } from './markdown';
import { describeRun, localMlci, runBash, shellCommands } from './shell';

const files = docFiles(repoRoot);
const blocks = files.flatMap((file) => readBlocks(repoRoot, file));
const nameOf = (block: CodeBlock) => `${block.file}:${block.line} ${block.lang || '(no language)'}`;

let scratchDir: Promise<string> | undefined;
const scratch = () => {
  scratchDir ??= mkdtemp(join(tmpdir(), 'mlci-docs-'));
  return scratchDir;
};
const freshCopy = async (block: CodeBlock, suffix = '') =>
  copyExample(await scratch(), `${block.file}-${block.line}${suffix}`);

afterAll(async () => {
  if (scratchDir) await rm(await scratchDir, { recursive: true, force: true });
});

const stepNames: string[] = steps.map((step) => step.name);
type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

async function shellBlock(block: CodeBlock): Promise<string[]> {
  const problems: string[] = [];
  const commands = shellCommands(block.lang, block.text, problems);
  if (problems.length > 0) return problems;
  const cwd = await freshCopy(block);
  for (const command of commands) {
    if (command.kind !== 'run') continue;
    const run = await runBash(command.script, cwd, localEnv());
    if (run.status !== command.expectedExit)
      problems.push(describeRun(`\`${command.text}\``, run, command.expectedExit));
  }
  if (commands.length === 0) problems.push('the block has no command');
  return problems;
}

async function mlciConfigBlock(block: CodeBlock, doc: Json): Promise<string[]> {
  const cwd = await freshCopy(block);
  await writeFile(join(cwd, 'mlci.yaml'), block.text);
  const problems: string[] = [];
  for (const step of Object.keys(doc).filter((key) => stepNames.includes(key))) {
    const run = await runBash(`${localMlci} ${step}`, cwd, localEnv());
    if (run.status !== 0) problems.push(describeRun(`mlci ${step} with this mlci.yaml`, run));
  }
  return problems;
}

async function dataContractBlock(block: CodeBlock): Promise<string[]> {
  const cwd = await freshCopy(block);
  await writeFile(join(cwd, 'docs-example-schema.yaml'), block.text);
  const run = await runBash(
    `${localMlci} validate-data --data data/train.csv --schema docs-example-schema.yaml`,
    cwd,
    localEnv(),
  );
  return run.status === 0 || run.status === 1
    ? []
    : [describeRun('mlci validate-data with this schema', run, 1)];
}

async function yamlBlock(block: CodeBlock): Promise<string[]> {
  let doc: unknown;
  try {
    doc = parse(block.text);
  } catch (error) {
    return [`not YAML: ${(error as Error).message}`];
  }
  if (isWorkflow(doc) || isStepList(doc)) {
    const run = await runWorkflowExample(doc, block.text, (job) => freshCopy(block, `-${job}`));
    return run.problems;
  }
  if (isGitLabPipeline(doc)) return (await runPipelineExample(doc, await freshCopy(block))).problems;
  if (
    isRecord(doc) &&
    Object.keys(doc).some((key) => stepNames.includes(key)) &&
    Object.keys(doc).every(
      (key) =>
        key === 'version' ||
        stepNames.includes(key) ||
        sharedSettings.some((setting) => setting.name === key),
    )
  )
    return mlciConfigBlock(block, doc);
  if (isRecord(doc) && isRecord(doc.columns)) return dataContractBlock(block);
  return [
    'a YAML block that is none of: GitHub workflow or steps, GitLab pipeline, mlci.yaml, data contract ' +
      '(mark it <!-- docs-test: skip REASON --> if it cannot run)',
  ];
}

const groovyBlocks = blocks.filter((block) => block.lang === 'groovy' && !block.skip);
let jenkinsRun: Promise<{ results: JenkinsResult[]; problems: Map<CodeBlock, string[]> }> | undefined;

/** All groovy blocks in one Groovy process, started by the first groovy test. */
function jenkinsResults() {
  jenkinsRun ??= (async () => {
    const problems = new Map<CodeBlock, string[]>();
    const cases = [];
    for (const block of groovyBlocks) {
      const found: string[] = [];
      const script = withoutLibraryLine(block.text, found);
      problems.set(block, found);
      cases.push({ name: nameOf(block), script, cwd: await freshCopy(block) });
    }
    return { results: await runJenkinsfiles(cases, await scratch()), problems };
  })();
  return jenkinsRun;
}

async function groovyBlock(block: CodeBlock): Promise<string[]> {
  const { results, problems } = await jenkinsResults();
  return [
    ...(problems.get(block) ?? []),
    ...jenkinsProblems(results.find((result) => result.name === nameOf(block))),
  ];
}

/**
 * A script shown in the docs is a file of the repository, named on its first line (`# examples/…/train.py`
 * or `// …`), and must be that file word for word: the file is what the shell examples run.
 */
function sourceBlock(block: CodeBlock): string[] {
  const path = /^(?:#|\/\/)\s*(\S+)\s*\n/.exec(block.text)?.[1];
  if (!path) return ['a script block must name its file on its first line (`# path` or `// path`)'];
  let text: string;
  try {
    text = readFileSync(join(repoRoot, path), 'utf8');
  } catch {
    return [`names ${path}, which is not a file of this repository`];
  }
  return block.text.slice(block.text.indexOf('\n') + 1).trimEnd() === text.trimEnd()
    ? []
    : [`differs from ${path}: copy the file into the block again`];
}

async function runBlock(block: CodeBlock): Promise<string[]> {
  switch (block.lang) {
    case 'sh':
    case 'bash':
    case 'shell':
    case 'console':
      return shellBlock(block);
    case 'yaml':
    case 'yml':
      return yamlBlock(block);
    case 'groovy':
      return groovyBlock(block);
    case 'json':
      try {
        JSON.parse(block.text);
        return [];
      } catch (error) {
        return [`not JSON: ${(error as Error).message}`];
      }
    case 'text':
    case 'markdown':
      return [];
    case 'python':
    case 'javascript':
    case 'js':
      return sourceBlock(block);
    default:
      return [
        `no rule for a block of language "${block.lang}" (tests/docs/examples.test.ts); tag it, or mark it ` +
          '<!-- docs-test: skip REASON -->',
      ];
  }
}

test('the docs are found: the README, docs/ and the folder READMEs, with examples in them', () => {
  for (const file of [
    'README.md',
    'docs/cli.md',
    'docs/config.md',
    'docs/github.md',
    'docs/gitlab.md',
    'docs/jenkins.md',
    'examples/breast-cancer/README.md',
    'templates/README.md',
    'jenkins/README.md',
  ])
    expect(files).toContain(file);
  const languages = new Set(blocks.map((block) => block.lang));
  for (const lang of ['sh', 'yaml', 'groovy']) expect(languages).toContain(lang);
});

describe.each(files.filter((file) => blocks.some((block) => block.file === file)))('%s', (file) => {
  for (const block of blocks.filter((b) => b.file === file)) {
    if (block.skip) test.skip(`${nameOf(block)} (skipped: ${block.skip})`, () => {});
    else
      test(
        nameOf(block),
        async () => {
          expect(await runBlock(block)).toEqual([]);
        },
        // The first groovy test waits for the one Groovy process that runs every groovy block.
        block.lang === 'groovy' ? 60_000 + 20_000 * groovyBlocks.length : undefined,
      );
  }
});

describe('no example escapes these rules', () => {
  const block = (lang: string, text: string): CodeBlock => ({ file: 'new.md', line: 1, lang, text });

  test('a block of a language without a rule, or of none, fails', async () => {
    expect(await runBlock(block('python', 'print("hi")'))).toHaveLength(1);
    expect(await runBlock(block('', 'mlci --help'))).toHaveLength(1);
  });

  test("GitHub's parser stops a broken workflow before anything runs", async () => {
    const workflow =
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    step:\n      - run: mlci --help\n';
    const problems = await runBlock(block('yaml', workflow));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((problem) => problem.startsWith("GitHub's workflow parser: "))).toBe(true);
  });

  test('a YAML block of no known kind fails', async () => {
    expect(await runBlock(block('yaml', 'model:\n  name: churn\n'))).toHaveLength(1);
  });

  test('a shell command without a rule fails, and so does a pin of another version', () => {
    const problems: string[] = [];
    shellCommands('sh', 'pip install mlci', problems);
    shellCommands('sh', 'npx --yes @mlci/cli@9.9.9 --help', problems);
    shellCommands('sh', 'npm run no-such-script', problems);
    // An allowed tool first does not let anything after a `;`, a pipe or a substitution through.
    shellCommands('sh', 'echo hi; npm publish', problems);
    shellCommands('sh', 'cat model.json | sh', problems);
    shellCommands('sh', 'echo $(rm -rf data)', problems);
    expect(problems).toEqual([
      expect.stringContaining('`pip install mlci`: not a command'),
      expect.stringContaining('pins @mlci/cli@9.9.9'),
      expect.stringContaining('package.json has no script no-such-script'),
      expect.stringContaining('`echo hi; npm publish`: not a command'),
      expect.stringContaining('`cat model.json | sh`: not a command'),
      expect.stringContaining('`echo $(rm -rf data)`: not a command'),
    ]);
    // Quoted, those characters are text: `printf` of a pipe runs.
    expect(shellCommands('sh', "printf 'a|b;c\\n' && echo done", problems)[0]?.kind).toBe('run');
  });

  test('`VAR=value mlci …` keeps the variables and runs the local CLI', () => {
    const problems: string[] = [];
    const [command] = shellCommands('sh', 'MLCI_TOKEN=abc mlci promote --model m --to production', problems);
    expect(problems).toEqual([]);
    expect(command).toEqual(
      expect.objectContaining({
        kind: 'run',
        script: `MLCI_TOKEN=abc ${localMlci} promote --model m --to production`,
      }),
    );
  });

  test('a console block runs its $ lines only, with the exit code a comment expects', () => {
    const problems: string[] = [];
    const commands = shellCommands(
      'console',
      '$ mlci validate-data \\\n    --data data/broken.csv # exit 2\nmlci: error: data/broken.csv: no such file\n',
      problems,
    );
    expect(problems).toEqual([]);
    expect(commands).toEqual([
      expect.objectContaining({
        kind: 'run',
        expectedExit: 2,
        script: `${localMlci} validate-data --data data/broken.csv`,
      }),
    ]);
  });

  test('only a skip directive with a reason leaves a block out; an unclosed fence is an error', () => {
    expect(codeBlocks('a.md', '<!-- docs-test: skip needs a GPU -->\n\n```python\nx\n```\n')[0]?.skip).toBe(
      'needs a GPU',
    );
    expect(() => codeBlocks('a.md', '<!-- docs-test: skip -->\n```python\nx\n```\n')).toThrow(
      'a.md:1: write the directive as',
    );
    expect(() => codeBlocks('a.md', 'text\n```sh\nmlci --help\n')).toThrow(
      'a.md:2: code block is never closed',
    );
  });
});
