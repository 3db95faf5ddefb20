import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { commentMarker, type Logger, type StepReport, type ValidateDataResult } from '@mlci/core';
import { commentBodyLimit, GitHubPlatform, summaryLimitBytes } from '@mlci/github';
import { GitLabPlatform, gitlabNoteLimit } from '@mlci/gitlab';
// The report functions are not part of core's API; the test takes them from the report module itself.
import { driftVerdict, renderReport } from '../../packages/core/src/steps/validate-data/report';
import { type FakeGitHub, startFakeGitHub } from '../github/fake-github';
import { pullRequestEnv, pullRequestOpened } from '../github/payloads';
import { FakeGitLab } from '../gitlab/fake-gitlab';
import { columnName, wideResult } from '../support/validate-data-result';

/**
 * A validate-data report of a wide table, published by each platform as its PR/MR comment: it must fit the
 * platform's limit, keep what a reviewer needs (every failed column, the drift verdict, the most drifted
 * columns' charts), stay valid Markdown where it is cut, and say where the full report is.
 */

let dir: string;
const savedEnv = { ...process.env };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mlci-comment-size-'));
  // @actions/core takes these paths from process.env.
  process.env.GITHUB_STEP_SUMMARY = join(dir, 'step_summary.md');
  process.env.GITHUB_OUTPUT = join(dir, 'output.txt');
});
afterAll(() => {
  process.env = savedEnv;
  rmSync(dir, { recursive: true, force: true });
});

const quietLogger = (): Logger & { warnings: string[] } => {
  const warnings: string[] = [];
  return { info: () => {}, debug: () => {}, warn: (message) => warnings.push(message), warnings };
};

function stepReport(result: ValidateDataResult): StepReport<ValidateDataResult> {
  return {
    result,
    headline: 'validate-data failed',
    markdown: renderReport(result),
    outputs: { status: result.status },
    files: {
      json: join(dir, '.mlci', 'validate-data.json'),
      markdown: join(dir, '.mlci', 'validate-data.md'),
      junit: join(dir, '.mlci', 'validate-data.junit.xml'),
    },
  };
}

/** What would render wrong: a table row cut short, a code block or <details> left open, half a chart. */
function markdownProblems(markdown: string): string[] {
  const problems: string[] = [];
  let fence: string | undefined;
  let chart: string[] = [];
  let details = 0;
  for (const [index, line] of markdown.split('\n').entries()) {
    const fenceLine = /^(`{3,}|~{3,})(\w*)/.exec(line);
    if (fence === undefined) {
      if (fenceLine) {
        fence = fenceLine[1];
        chart = fenceLine[2] === 'mermaid' ? [] : ['-'];
        continue;
      }
      if (line.startsWith('|') && !line.endsWith('|')) problems.push(`line ${index + 1}: a cut table row`);
      details += (line.match(/<details>/g) ?? []).length - (line.match(/<\/details>/g) ?? []).length;
    } else if (fenceLine && fenceLine[1] === fence && fenceLine[2] === '') {
      fence = undefined;
      if (chart[0] !== '-') {
        const kinds = chart.map((text) => text.trim().split(/\s/)[0]);
        for (const kind of ['xychart-beta', 'title', 'x-axis', 'y-axis', 'bar'])
          if (!kinds.includes(kind)) problems.push(`line ${index + 1}: a chart without ${kind}`);
        // Two series: the reference and the data (bars and a line, or two bars).
        if (kinds.filter((kind) => kind === 'bar' || kind === 'line').length !== 2)
          problems.push(`line ${index + 1}: a chart without its two series`);
      }
    } else chart.push(line);
  }
  if (fence !== undefined) problems.push('a code block is never closed');
  if (details !== 0) problems.push(`${details} <details> left open`);
  return problems;
}

/** The pieces a reviewer must find in the comment, however much of the rest was cut. */
function expectTheEssentials(body: string, result: ValidateDataResult): void {
  for (const check of result.checks.filter((c) => c.status === 'failed'))
    expect(body).toContain(`| ${check.column} | min (line ${check.location?.line}) |`);
  expect(body).toContain(
    `**Drift:** ${driftVerdict(result.drift as NonNullable<ValidateDataResult['drift']>)}`,
  );
  for (const column of (result.drift?.columns ?? []).filter((c) => c.drifted))
    expect(body).toMatch(new RegExp(`^\\| ${column.column} \\| .* \\| ❌ yes \\|$`, 'm'));
  expect(body.match(/^```mermaid$/gm)).toHaveLength(5);
  expect(markdownProblems(body)).toEqual([]);
}

const wide = wideResult({ columns: 500, failedColumns: 30, drifted: 40, skipped: 5 });

test('the full report lists every column, as valid Markdown', () => {
  const markdown = renderReport(wide);
  expect(markdownProblems(markdown)).toEqual([]);
  for (let index = 0; index < 500; index++) expect(markdown).toContain(`| ${columnName(index)} |`);
});

describe('GitHub', () => {
  const fixture = {
    owner: 'octo-org',
    repo: 'wide-model',
    number: 5,
    headSha: 'f'.repeat(40),
    headRef: 'wide',
    baseRef: 'main',
  };
  let github: FakeGitHub;
  beforeEach(async () => {
    github = await startFakeGitHub({ writeTokens: ['write-token'] });
    writeFileSync(process.env.GITHUB_STEP_SUMMARY as string, '');
    writeFileSync(process.env.GITHUB_OUTPUT as string, '');
    // Annotations go to stdout as workflow commands.
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await github.close();
  });

  async function publish(result: ValidateDataResult): Promise<string> {
    const eventPath = join(dir, 'event.json');
    writeFileSync(eventPath, JSON.stringify(pullRequestOpened(fixture)));
    const logger = quietLogger();
    await new GitHubPlatform({
      env: { ...pullRequestEnv(fixture, eventPath), GITHUB_API_URL: github.url },
      logger,
      token: 'write-token',
    }).publish(stepReport(result));
    expect(logger.warnings).toEqual([]);
    const comments = github.comments(fixture.owner, fixture.repo, fixture.number);
    expect(comments).toHaveLength(1);
    return comments[0]?.body ?? '';
  }

  test('the 500-column report fits a PR comment (65,536 characters) whole', async () => {
    const body = await publish(wide);
    expect(body.length).toBeLessThanOrEqual(commentBodyLimit);
    expect(body).toBe(`${commentMarker('validate-data')}\n${renderReport(wide)}`);
    expectTheEssentials(body, wide);
    // The step summary has it whole too.
    const summary = readFileSync(process.env.GITHUB_STEP_SUMMARY as string);
    expect(summary.length).toBeLessThanOrEqual(summaryLimitBytes);
    expect(summary.toString('utf8')).toBe(`${renderReport(wide)}\n`);
  });

  test('a longer one is cut to fit, keeps the failures, the drift and the charts, and links the run', async () => {
    const longer = wideResult({ columns: 1500, failedColumns: 30, drifted: 40, skipped: 5 });
    expect(renderReport(longer).length).toBeGreaterThan(commentBodyLimit);
    const body = await publish(longer);
    expect(body.length).toBeLessThanOrEqual(commentBodyLimit);
    expect(body.startsWith(`${commentMarker('validate-data')}\n`)).toBe(true);
    expectTheEssentials(body, longer);
    expect(body).toContain(
      "the report is cut here to fit the comment size limit. The full report is in the [run's summary](https://github.com/octo-org/wide-model/actions/runs/8812345678).",
    );
    expect(readFileSync(process.env.GITHUB_STEP_SUMMARY as string).length).toBeLessThanOrEqual(
      summaryLimitBytes,
    );
  });
});

describe('GitLab', () => {
  const projectId = '42';
  const mrIid = 7;
  const token = 'glpat-size';
  const jobUrl = 'https://gitlab.example.com/ml-team/wide/-/jobs/99';
  let gitlab: FakeGitLab;
  beforeEach(async () => {
    gitlab = new FakeGitLab({ tokens: { [token]: 'project_42_bot' } });
    await gitlab.start();
  });
  afterEach(async () => {
    await gitlab.stop();
  });

  async function publish(result: ValidateDataResult): Promise<string> {
    const logger = quietLogger();
    await new GitLabPlatform({
      env: {
        GITLAB_CI: 'true',
        CI_SERVER_URL: gitlab.url,
        CI_PROJECT_ID: projectId,
        CI_PROJECT_DIR: dir,
        CI_PIPELINE_SOURCE: 'merge_request_event',
        CI_MERGE_REQUEST_IID: String(mrIid),
        CI_MERGE_REQUEST_PROJECT_ID: projectId,
        CI_JOB_URL: jobUrl,
      },
      logger,
      token,
    }).publish(stepReport(result));
    expect(logger.warnings).toEqual([]);
    const notes = gitlab.notesOf(projectId, mrIid);
    expect(notes).toHaveLength(1);
    return notes[0]?.body ?? '';
  }

  test('the MR note holds the whole 500-column report: under 1,000,000 characters, nothing cut', async () => {
    const body = await publish(wide);
    expect(body).toBe(`${commentMarker('validate-data')}\n${renderReport(wide)}`);
    expect(body.length).toBeLessThanOrEqual(gitlabNoteLimit);
    expectTheEssentials(body, wide);
  });

  test('a report too long for a note is cut with a link to the job artifacts, keeping the essentials', async () => {
    const huge = wideResult({ columns: 12000, failedColumns: 30, drifted: 40 });
    expect(renderReport(huge).length).toBeGreaterThan(gitlabNoteLimit);
    const body = await publish(huge);
    expect(body.length).toBeLessThanOrEqual(gitlabNoteLimit);
    expectTheEssentials(body, huge);
    expect(body).toContain(
      `The full report is .mlci/validate-data.md in the job artifacts: ${jobUrl}/artifacts/browse`,
    );
  });
});
