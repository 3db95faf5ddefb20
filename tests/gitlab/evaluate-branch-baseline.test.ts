import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cliBundle, localEnv, repoRoot, runCli } from '../support/cli';
import { baselinePredictions, worseCandidate } from '../support/evaluation-predictions';
import { freePort } from '../support/registry';
import { FakeGitLab } from './fake-gitlab';
import { runGitlabCiLocal } from './gitlab-ci-local';

/**
 * `baseline: target-branch` on GitLab, end to end. The evaluate job of main's last pipeline left its `.mlci`
 * as job artifacts (a zip written by Python's zipfile, paths as the runner keeps them); the evaluate component,
 * run by gitlab-ci-local as a merge request pipeline with the local CLI bundle, downloads them from the loopback
 * GitLab API with CI_JOB_TOKEN and gates the worse candidate against them. Then the CLI alone, for the failures.
 */

const root = repoRoot;
const run = promisify(execFile);

const projectId = '77';
const jobToken = 'job-token-e2e';

let gitlab: FakeGitLab;
let repo: string;

async function git(...args: string[]): Promise<void> {
  await run('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], { cwd: repo });
}

/** Runs the CLI bundle in `cwd` on no CI but the variables given; resolves whatever the status. */
const mlci = (args: string[], cwd: string, env: Record<string, string>) =>
  runCli(args, { cwd, env: localEnv(env) });

/** What the runner uploads for `artifacts: paths: [.mlci/...]`: the paths from the project root, directories too. */
function zipPaths(dir: string, paths: string[]): Buffer {
  const script = [
    'import io, os, sys, zipfile',
    'root, paths = sys.argv[1], sys.argv[2:]',
    'buffer = io.BytesIO()',
    'with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:',
    '    for d in sorted({os.path.dirname(p) + "/" for p in paths}): z.writestr(d, "")',
    '    for p in paths: z.write(os.path.join(root, p), p)',
    'sys.stdout.buffer.write(buffer.getvalue())',
  ].join('\n');
  return execFileSync('python3', ['-c', script, dir, ...paths]);
}

beforeAll(async () => {
  if (!existsSync(cliBundle))
    throw new Error(`${cliBundle} is missing: run \`node scripts/build.mjs\` first`);
  gitlab = new FakeGitLab({ tokens: {}, jobTokens: [jobToken] });
  await gitlab.start();
  repo = await mkdtemp(join(tmpdir(), 'mlci-gitlab-branch-baseline-'));

  // main's pipeline: the production model evaluated alone; its job kept .mlci as artifacts.
  const main = join(repo, 'main-job');
  await mkdir(join(main, 'predictions'), { recursive: true });
  await writeFile(join(main, 'predictions/candidate.csv'), baselinePredictions);
  const evaluated = await mlci(
    ['evaluate', '--candidate', 'predictions/candidate.csv', '--score-column', 'score'],
    main,
    {},
  );
  expect(evaluated.status).toBe(0);
  const kept = ['.mlci/evaluate.json', '.mlci/evaluate.md', '.mlci/metrics.txt'];
  gitlab.setJobArtifacts(projectId, 'main', 'evaluate', zipPaths(main, kept));
  await rm(main, { recursive: true, force: true });

  await run('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  await git('remote', 'add', 'origin', 'https://gitlab.example.com/ml-team/churn.git');
  await mkdir(join(repo, 'templates'));
  await copyFile(join(root, 'templates', 'evaluate.yml'), join(repo, 'templates', 'evaluate.yml'));
  await mkdir(join(repo, 'predictions'));
  await writeFile(join(repo, 'predictions/candidate.csv'), worseCandidate);
  await writeFile(
    join(repo, '.gitlab-ci.yml'),
    `include:
  - local: templates/evaluate.yml
    inputs:
      candidate: predictions/candidate.csv
      baseline: target-branch
      score-column: score
      gate: accuracy:max_drop=0.02
`,
  );
  await git('add', '-A');
  await git('commit', '-q', '-m', 'candidate: lr 0.3');
  await git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  await git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
});

afterAll(async () => {
  await gitlab?.stop();
  if (repo) await rm(repo, { recursive: true, force: true });
});

test("a merge request pipeline gates the candidate against the target branch's evaluate artifacts", async () => {
  const variables: Record<string, string> = {
    GITLAB_CI: 'true',
    CI_PIPELINE_SOURCE: 'merge_request_event',
    CI_MERGE_REQUEST_IID: '12',
    CI_MERGE_REQUEST_PROJECT_ID: projectId,
    CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
    CI_SERVER_URL: gitlab.url,
    CI_API_V4_URL: `${gitlab.url}/api/v4`,
    CI_JOB_TOKEN: jobToken,
    MLCI_CLI: `node ${cliBundle}`,
  };
  const args = [
    '--force-shell-executor',
    '--ignore-predefined-vars',
    'GITLAB_CI,CI_PIPELINE_SOURCE,CI_SERVER_URL,CI_API_V4_URL,CI_JOB_TOKEN',
  ];
  for (const [name, value] of Object.entries(variables)) args.push('--variable', `${name}=${value}`);
  const pipeline = await runGitlabCiLocal(repo, args);

  expect(pipeline.status).toBe(1);
  expect(pipeline.output).toMatch(/FAIL\s+evaluate/);
  expect(pipeline.output).toMatch(
    /accuracy 0\.9 -> 0\.8: (?:dropped|worse) by 0\.1, more than max_drop 0\.02/,
  );
  expect(gitlab.requests.map((r) => [r.path, r.query, r.jobToken, r.token, r.status])).toEqual([
    [
      `/api/v4/projects/${projectId}/jobs/artifacts/main/download`,
      { job: 'evaluate' },
      jobToken,
      undefined,
      200,
    ],
  ]);
  const result = JSON.parse(
    await readFile(join(repo, '.gitlab-ci-local', 'artifacts', 'evaluate', '.mlci', 'evaluate.json'), 'utf8'),
  );
  expect(result.baseline).toEqual({
    // CI_PROJECT_URL (gitlab-ci-local derives it from CI_SERVER_URL and the remote's path).
    source: `target-branch (main): .mlci/evaluate.json from ${gitlab.url}/ml-team/churn/-/jobs/artifacts/main/browse?job=evaluate`,
    kind: 'metrics',
  });
  expect(result.data.same).toBe(true);
  expect(result.metrics.accuracy).toMatchObject({ candidate: 0.8, baseline: 0.9 });
});

describe('the CLI on GitLab CI, failing as documented', () => {
  const env = () => ({
    GITLAB_CI: 'true',
    CI_API_V4_URL: `${gitlab.url}/api/v4`,
    CI_PROJECT_ID: projectId,
    CI_DEFAULT_BRANCH: 'main',
    CI_COMMIT_BRANCH: 'main',
    CI_JOB_TOKEN: jobToken,
  });
  const evaluate = (...extra: string[]) => [
    'evaluate',
    '--candidate',
    'predictions/candidate.csv',
    '--score-column',
    'score',
    ...extra,
  ];

  test('no artifacts on the branch, or no such file in them: exit 2 with one line', async () => {
    const missing = await mlci(evaluate('--baseline', 'branch:dev'), repo, env());
    expect([missing.status, missing.stderr.trim().split('\n').at(-1)]).toEqual([
      2,
      "mlci: error: baseline: no 'evaluate' artifact of a successful run on branch 'dev' in the GitLab job artifacts (run evaluate on dev and keep its artifacts, see docs/evaluate.md)",
    ]);
    const noFile = await mlci(
      evaluate('--baseline', 'target-branch', '--baseline-file', 'baseline.csv'),
      repo,
      env(),
    );
    expect(noFile.status).toBe(2);
    expect(noFile.stderr).toMatch(
      /^mlci: error: baseline-file: no 'baseline\.csv' in the 'evaluate' artifact of branch 'main' \(.*\), which holds \.mlci\/evaluate\.json, \.mlci\/evaluate\.md, \.mlci\/metrics\.txt$/m,
    );
  });

  test('an unreachable GitLab API: exit 3', async () => {
    const closed = `http://127.0.0.1:${await freePort('127.0.0.1')}/api/v4`;
    const down = await mlci(evaluate('--baseline', 'target-branch'), repo, {
      ...env(),
      CI_API_V4_URL: closed,
    });
    expect(down.status).toBe(3);
    expect(down.stderr).toContain(
      `mlci: error: cannot reach GitLab at ${closed}/projects/77/jobs/artifacts/main/download: ECONNREFUSED (after 3 attempts)\n`,
    );
  });

  test('outside GitHub Actions and GitLab CI a branch baseline is an input error', async () => {
    const local = await mlci(evaluate('--baseline', 'branch:main'), repo, {});
    expect([local.status, local.stderr]).toEqual([
      2,
      'mlci: error: baseline: branch:main needs a CI whose stored artifacts mlci reads (docs/evaluate.md), not local; give a file or registry:NAME@VERSION\n',
    ]);
  });
});
