/**
 * A team's Bamboo plan from docs/bamboo.md on a pull request, as Bamboo would run it: the "Validating data" job's
 * Script task (its script and its `environment`, Bamboo's `${bamboo.…}` references resolved as Bamboo resolves
 * them) runs with the CLI bundle in a copy of the example project under a pull request build's variables, the plan
 * repository cloned from Bitbucket Data Center or Cloud. The data breaks the contract, so the task fails the build
 * (exit 1, the failed checks in the JUnit file) and the report is the one sticky comment on the pull request,
 * created by the first build and edited by the next, on a loopback Bitbucket answering Data Center's REST API 1.0
 * and Cloud's API 2.0 (tests/bitbucket/fake-bitbucket.ts); a token that may not comment changes nothing but a
 * warning. No Bamboo and no Bitbucket run here.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bitbucketMarker } from '@mlci/bitbucket';
import { commentMarker } from '@mlci/core';
import { marked, type Token, type Tokens } from 'marked';
import { parseAllDocuments } from 'yaml';
import { FakeBitbucket } from '../bitbucket/fake-bitbucket';
import { copyExample } from '../docs/example-project';
import { readBlocks } from '../docs/markdown';
import { runBash, shellCommands } from '../docs/shell';
import { localEnv, repoRoot } from '../support/cli';

const token = 'bamboo-bot-http-access-token';
const cloudToken = 'bamboo-bot-repository-access-token';
const readOnlyToken = 'bamboo-read-only-token';
const bot = { name: 'mlci-bot', id: 41 };
let bitbucket: FakeBitbucket;
let scratch: string;

beforeAll(async () => {
  bitbucket = new FakeBitbucket({
    tokens: {
      [token]: { dataCenter: bot, write: true },
      [cloudToken]: { cloud: { uuid: '{b07}', display_name: 'mlci', type: 'app_user' }, write: true },
      [readOnlyToken]: { dataCenter: { name: 'reader', id: 42 }, write: false },
    },
  });
  await bitbucket.start();
  scratch = await mkdtemp(join(tmpdir(), 'mlci-bamboo-pr-'));
});
afterAll(async () => {
  await bitbucket?.stop();
  await rm(scratch, { recursive: true, force: true });
});

/** The Script task of the docs' "Validating data" plan: its script lines and its `environment`. */
function validateDataTask(): { scripts: string[]; environment: string } {
  const block = readBlocks(repoRoot, 'docs/bamboo.md').find(
    (candidate) => candidate.lang === 'yaml' && /^ {10}- npx .* validate-data /m.test(candidate.text),
  );
  if (!block) throw new Error('docs/bamboo.md has no Specs block running validate-data');
  const [doc] = parseAllDocuments(block.text).map((document) => document.toJS());
  const job = doc['Validate data'] as { tasks: { script: { scripts: string[]; environment: string } }[] };
  const script = job.tasks[0]?.script;
  if (!script) throw new Error('the Validate data job has no Script task');
  return script;
}

/** `${bamboo.mlci.secret.token}` → the value of the variable Bamboo gives a task as `bamboo_mlci_secret_token`. */
const resolved = (text: string, env: NodeJS.ProcessEnv) =>
  text.replace(
    /\$\{bamboo\.([A-Za-z0-9_.]+)\}/g,
    (_, name: string) => env[`bamboo_${name.replace(/\./g, '_')}`] ?? '',
  );

/** A copy of the example project whose training data breaks the contract (a diagnosis it does not allow). */
async function projectWithBadData(name: string): Promise<string> {
  const dir = await copyExample(scratch, name);
  const train = await readFile(join(dir, 'data/train.csv'), 'utf8');
  const [header, firstRow, ...rest] = train.split('\n');
  await writeFile(
    join(dir, 'data/train.csv'),
    [header, firstRow?.replace(/,(benign|malignant)$/, ',unknown'), ...rest].join('\n'),
  );
  return dir;
}

/** The Bamboo variables of a pull request build of plan ML-DATA0, cloned from `repositoryUrl`, in `dir`. */
const pullRequestBuild = (
  dir: string,
  repositoryUrl: string,
  secret: string,
  extra: Record<string, string> = {},
) =>
  localEnv({
    bamboo_buildKey: 'ML-DATA0-VALIDATE',
    bamboo_planKey: 'ML-DATA0',
    bamboo_buildNumber: '3',
    bamboo_buildResultKey: 'ML-DATA0-VALIDATE-3',
    bamboo_shortJobName: 'Validate data',
    bamboo_resultsUrl: 'https://bamboo.acme.com/browse/ML-DATA0-3',
    bamboo_build_working_directory: dir,
    bamboo_planRepository_revision: '5d0c1f2a9b8e7d6c5b4a39281706f5e4d3c2b1a0',
    bamboo_planRepository_branchName: 'new-data',
    bamboo_planRepository_repositoryUrl: repositoryUrl,
    bamboo_repository_pr_key: '7',
    bamboo_repository_pr_sourceBranch: 'new-data',
    bamboo_repository_pr_targetBranch: 'main',
    // The plan variable `mlci.secret.token`, as Bamboo hands it to a task.
    bamboo_mlci_secret_token: secret,
    ...extra,
  });

/** The docs' validate-data task as Bamboo runs it in `dir` under `env`. */
function buildOf(dir: string, env: NodeJS.ProcessEnv) {
  const task = validateDataTask();
  const problems: string[] = [];
  const [command] = shellCommands('sh', task.scripts.join('\n'), problems);
  expect(problems).toEqual([]);
  if (command?.kind !== 'run') throw new Error(`not a command this test runs: ${command?.text}`);
  const assignments = resolved(task.environment, env);
  expect(assignments).toBe(`MLCI_TOKEN=${env.bamboo_mlci_secret_token}`);
  return () => runBash(`${assignments} ${command.script}`, dir, env);
}

/** What of a Markdown text Bitbucket would show as raw text: HTML (blocks and inline) and Mermaid code. */
function htmlAndCharts(text: string): string[] {
  const found: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type === 'html') found.push(token.raw.trim());
      if (token.type === 'code' && (token as Tokens.Code).lang === 'mermaid') found.push('```mermaid');
      const children = (token as { tokens?: Token[] }).tokens;
      if (children) walk(children);
      for (const item of (token as { items?: Token[] }).items ?? []) walk([item]);
      for (const cell of [
        ...((token as Tokens.Table).header ?? []),
        ...((token as Tokens.Table).rows ?? []).flat(),
      ])
        walk(cell.tokens);
    }
  };
  walk(marked.lexer(text));
  return found;
}

// Hidden as Bitbucket renders Markdown: a link reference definition, not an HTML comment it would show.
const marker = bitbucketMarker(commentMarker('validate-data', 'Validate data'));

test.each([
  {
    host: 'Bitbucket Data Center',
    cloneUrl: () => `${bitbucket.url}/scm/ML/churn.git`,
    secret: token,
    extra: (): Record<string, string> => ({}),
    where: 'ML/churn#7',
    comments: () =>
      bitbucket.dataCenter('ML/churn#7').map((c) => ({ id: c.id, text: c.text, by: c.author.name })),
    by: bot.name,
  },
  {
    host: 'Bitbucket Cloud',
    cloneUrl: () => 'https://bitbucket.org/acme/churn.git',
    secret: cloudToken,
    // Cloud's API is api.bitbucket.org; the test's server stands in for it.
    extra: (): Record<string, string> => ({ MLCI_BITBUCKET_API_URL: `${bitbucket.url}/2.0` }),
    where: 'acme/churn#7',
    comments: () =>
      bitbucket
        .cloud('acme/churn#7')
        .map((c) => ({ id: c.id, text: c.content.raw, by: c.user.display_name })),
    by: 'mlci',
  },
])(
  'a pull request build of the docs plan on $host fails on bad data and keeps one report comment',
  async (pr) => {
    const dir = await projectWithBadData(pr.host.replace(/ /g, '-'));
    const build = buildOf(dir, pullRequestBuild(dir, pr.cloneUrl(), pr.secret, pr.extra()));

    const first = await build();
    expect({ status: first.status, stderr: first.stderr.slice(-2000) }).toMatchObject({ status: 1 });
    expect(first.stderr).toContain(`commented on ${pr.where}`);
    const comments = pr.comments();
    expect(comments).toHaveLength(1);
    expect(comments[0]?.text.startsWith(`${marker}\n`)).toBe(true);
    expect(comments[0]?.text).toMatch(/validate-data.*failed/);
    expect(comments[0]?.by).toBe(pr.by);
    // As Bitbucket shows it (Markdown, HTML shown as text, no Mermaid): no HTML and no chart code in the comment,
    // and the marker is no visible text.
    expect(htmlAndCharts(comments[0]?.text ?? '')).toEqual([]);
    expect(marked.parse(comments[0]?.text ?? '', { async: false })).not.toContain('mlci:validate-data');
    expect(await readFile(join(dir, '.mlci/validate-data.junit.xml'), 'utf8')).toMatch(/failures="[1-9]/);

    const second = await build();
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`updated the comment on ${pr.where}`);
    expect(pr.comments()).toEqual([{ id: comments[0]?.id, text: comments[0]?.text, by: pr.by }]);
    for (const output of [first.stdout, first.stderr, second.stdout, second.stderr])
      expect(output).not.toContain(pr.secret);
  },
);

test('a token that may not comment is one warning naming the permission; the gate alone decides the build', async () => {
  const dir = await projectWithBadData('read-only');
  const run = await buildOf(
    dir,
    pullRequestBuild(dir, `${bitbucket.url}/scm/ML/models.git`, readOnlyToken),
  )();
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(
    /warning: cannot comment on ML\/models#7: the token may not write there .*REPO_WRITE/,
  );
  expect(run.stderr).not.toContain(readOnlyToken);
  expect(bitbucket.dataCenter('ML/models#7')).toEqual([]);
  // The data passes once fixed: exit 0 though the comment is still refused.
  await copyExample(scratch, 'read-only-fixed').then(async (fixed) => {
    const passed = await buildOf(
      fixed,
      pullRequestBuild(fixed, `${bitbucket.url}/scm/ML/models.git`, readOnlyToken),
    )();
    expect(passed.status).toBe(0);
    expect(passed.stderr).toContain('warning: cannot comment on ML/models#7');
  });
});

test("on Bitbucket Cloud, MLCI_BITBUCKET_TOKEN_NAME leaves another access token's marked comment alone", async () => {
  // Another bot's access token wrote a comment under mlci's marker; without the name, any app_user's would do.
  const planted = bitbucket.seedCloud('acme/models#7', `${marker}\nby another token`, {
    uuid: '{0th3r}',
    display_name: 'other-bot',
    type: 'app_user',
  });
  const dir = await projectWithBadData('cloud-token-name');
  const env = pullRequestBuild(dir, 'https://bitbucket.org/acme/models.git', cloudToken, {
    MLCI_BITBUCKET_API_URL: `${bitbucket.url}/2.0`,
    MLCI_BITBUCKET_TOKEN_NAME: 'mlci',
  });
  const run = await buildOf(dir, env)();
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('commented on acme/models#7');
  expect(planted.content.raw).toBe(`${marker}\nby another token`);
  expect(bitbucket.cloud('acme/models#7').map((c) => c.user.display_name)).toEqual(['other-bot', 'mlci']);
});
