import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { alertFor, type Logger } from '@mlci/core';
import { type FakeGitHub, githubActionsBot, startFakeGitHub } from '../../../tests/github/fake-github';
import { AlertIssues } from './issues';

const owner = 'plant-ops';
const repo = 'press-monitor';
const { marker, title } = alertFor('issue', 'validate-data', 'press-model@production', undefined);

function recordingLogger() {
  const lines: { level: 'info' | 'warn' | 'debug'; message: string }[] = [];
  const logger: Logger = {
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    debug: (message) => lines.push({ level: 'debug', message }),
  };
  return { logger, warnings: () => lines.filter((l) => l.level === 'warn').map((l) => l.message) };
}

describe('AlertIssues', () => {
  let github: FakeGitHub;
  beforeEach(async () => {
    github = await startFakeGitHub({
      writeTokens: ['bot-token', 'pat'],
      readOnlyTokens: ['read-token'],
      users: { pat: { login: 'ml-ops-bot', id: 5150 } },
    });
  });
  afterEach(async () => {
    await github.close();
  });

  const issues = (token: string) =>
    new AlertIssues({ apiUrl: github.url, token, owner, repo }, { retries: 1, retryDelayMs: 5 });
  const failing = (markdown: string) => ({
    marker,
    title,
    failed: true,
    markdown,
    fullReportHint: 'see the run',
  });

  it('keyed by model and alias: the marker and title name them', () => {
    expect({ marker, title }).toEqual({
      marker: '<!-- mlci-alert:validate-data:press-model@production -->',
      title: 'mlci validate-data alert: press-model@production',
    });
  });

  it("a personal token's user keeps its own issue, not the workflow bot's with the same marker", async () => {
    const bots = github.seedIssue(owner, repo, { title, body: `${marker}\nold` }, githubActionsBot);
    const kept = await issues('pat').keep(failing('## drift'));
    expect(kept.action).toBe('created');
    expect(github.issues(owner, repo).map((issue) => [issue.number, issue.user.login, issue.body])).toEqual([
      [bots.number, githubActionsBot.login, `${marker}\nold`],
      [kept.number, 'ml-ops-bot', `${marker}\n## drift`],
    ]);
    expect(
      github.requests.find((r) => r.path.endsWith('/issues') && r.method === 'GET')?.query.get('creator'),
    ).toBe('ml-ops-bot');
  });

  it('an open issue is kept before an older closed one with the same marker', async () => {
    const closed = github.seedIssue(
      owner,
      repo,
      { title, body: `${marker}\nold`, state: 'closed' },
      githubActionsBot,
    );
    const open = github.seedIssue(owner, repo, { title, body: `${marker}\nnewer` }, githubActionsBot);
    // The newest issue with the marker is a closed one: the open one is still the one kept.
    github.seedIssue(owner, repo, { title, body: `${marker}\nnewest`, state: 'closed' }, githubActionsBot);
    const kept = await issues('bot-token').keep(failing('## drift again'));
    expect(kept).toMatchObject({ action: 'updated', number: open.number });
    expect(github.issues(owner, repo).find((issue) => issue.number === closed.number)?.state).toBe('closed');
  });

  it('a read-only token is a warning that names the permission', async () => {
    const { logger, warnings } = recordingLogger();
    expect(await issues('read-token').publish(failing('## drift'), logger)).toBe(false);
    expect(warnings()).toEqual([
      expect.stringMatching(
        /^cannot keep the alert issue of plant-ops\/press-monitor: the token may not write issues \(Resource not accessible by integration.*\)\. Give the workflow `permissions: issues: write`\.$/,
      ),
    ]);
    expect(github.issues(owner, repo)).toEqual([]);
  });
});
