import { writeFileSync } from 'node:fs';

/**
 * Webhook payloads shaped like the ones GitHub writes to GITHUB_EVENT_PATH (after the `pull_request.opened`
 * example of @octokit/webhooks-examples, trimmed to the fields a CI step can meet, kept with their real nesting).
 */
export interface PullRequestFixture {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  headRef: string;
  baseRef: string;
  /** The head branch lives in a fork owned by this user. */
  forkOwner?: string;
}

function repository(owner: string, name: string, fork: boolean, id: number) {
  return {
    id,
    node_id: `R_kgDO${id}`,
    name,
    full_name: `${owner}/${name}`,
    private: false,
    owner: { login: owner, id: id + 1, type: 'Organization', html_url: `https://github.com/${owner}` },
    html_url: `https://github.com/${owner}/${name}`,
    fork,
    url: `https://api.github.com/repos/${owner}/${name}`,
    default_branch: 'main',
    visibility: 'public',
  };
}

export function pullRequestOpened(fixture: PullRequestFixture) {
  const { owner, repo, number } = fixture;
  const base = repository(owner, repo, false, 4711);
  const headOwner = fixture.forkOwner ?? owner;
  const head = fixture.forkOwner ? repository(fixture.forkOwner, repo, true, 9001) : base;
  const sender = { login: headOwner, id: 583231, type: 'User', html_url: `https://github.com/${headOwner}` };
  return {
    action: 'opened',
    number,
    pull_request: {
      url: `https://api.github.com/repos/${owner}/${repo}/pulls/${number}`,
      id: 2_000_000 + number,
      node_id: `PR_kwDO${number}`,
      html_url: `https://github.com/${owner}/${repo}/pull/${number}`,
      diff_url: `https://github.com/${owner}/${repo}/pull/${number}.diff`,
      issue_url: `https://api.github.com/repos/${owner}/${repo}/issues/${number}`,
      comments_url: `https://api.github.com/repos/${owner}/${repo}/issues/${number}/comments`,
      number,
      state: 'open',
      locked: false,
      title: 'Add March churn data',
      user: sender,
      body: 'New rows from the March export.',
      created_at: '2024-03-02T10:00:00Z',
      updated_at: '2024-03-02T10:00:00Z',
      draft: false,
      head: {
        label: `${headOwner}:${fixture.headRef}`,
        ref: fixture.headRef,
        sha: fixture.headSha,
        user: { login: headOwner, id: 583231, type: 'User' },
        repo: head,
      },
      base: {
        label: `${owner}:${fixture.baseRef}`,
        ref: fixture.baseRef,
        sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
        user: base.owner,
        repo: base,
      },
      author_association: fixture.forkOwner ? 'CONTRIBUTOR' : 'MEMBER',
      merged: false,
      mergeable: null,
      comments: 0,
      commits: 1,
      additions: 120,
      deletions: 0,
      changed_files: 1,
    },
    repository: base,
    sender,
  };
}

/** The runner's variables for a `pull_request` run (GITHUB_SHA and GITHUB_REF are the test merge commit). */
export function pullRequestEnv(fixture: PullRequestFixture, eventPath: string): Record<string, string> {
  return {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: `${fixture.owner}/${fixture.repo}`,
    GITHUB_REPOSITORY_OWNER: fixture.owner,
    GITHUB_SHA: 'a7f3c9e1d2b4a6c8e0f1a3b5c7d9e1f3a5b7c9d1',
    GITHUB_REF: `refs/pull/${fixture.number}/merge`,
    GITHUB_REF_NAME: `${fixture.number}/merge`,
    GITHUB_REF_TYPE: 'branch',
    GITHUB_HEAD_REF: fixture.headRef,
    GITHUB_BASE_REF: fixture.baseRef,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '8812345678',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RUN_NUMBER: '42',
    GITHUB_ACTOR: fixture.forkOwner ?? 'octocat',
    GITHUB_WORKFLOW: 'data',
    GITHUB_JOB: 'validate',
    RUNNER_OS: 'Linux',
  };
}

export interface PushFixture {
  owner: string;
  repository: string;
  sha: string;
  workflow: string;
  job: string;
  runId: string;
}

/** A push to main: the payload GitHub sends (webhook `push`) and the runner's variables, the event written to eventPath. */
export function pushToMain(fixture: PushFixture, eventPath: string): Record<string, string> {
  const { owner, repository, sha } = fixture;
  writeFileSync(
    eventPath,
    JSON.stringify({
      ref: 'refs/heads/main',
      before: '0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6',
      after: sha,
      repository: {
        name: repository,
        full_name: `${owner}/${repository}`,
        owner: { login: owner, type: 'Organization' },
        default_branch: 'main',
        html_url: `https://github.com/${owner}/${repository}`,
      },
      pusher: { name: 'octocat' },
      sender: { login: 'octocat', type: 'User' },
      head_commit: { id: sha, message: 'Update training data' },
    }),
  );
  return {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: `${owner}/${repository}`,
    GITHUB_REPOSITORY_OWNER: owner,
    GITHUB_SHA: sha,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_REF_TYPE: 'branch',
    GITHUB_SERVER_URL: 'https://github.com',
    // Nothing listens there: a push needs no API call, and one made by mistake fails here, not on github.com.
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_RUN_ID: fixture.runId,
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RUN_NUMBER: '12',
    GITHUB_ACTOR: 'octocat',
    GITHUB_WORKFLOW: fixture.workflow,
    GITHUB_JOB: fixture.job,
    RUNNER_OS: 'Linux',
  };
}

/**
 * A pushed release tag (`git push origin v1.0.0`): the `push` webhook for refs/tags/<tag> (created, `before` all
 * zeros, `base_ref` the branch holding the commit) and the runner's variables: GITHUB_REF the tag,
 * GITHUB_REF_TYPE `tag`, GITHUB_SHA the tagged commit.
 */
export function pushTag(fixture: PushFixture & { tag: string }, eventPath: string): Record<string, string> {
  const { owner, repository, sha, tag } = fixture;
  // The runner's variables of any push, then this push's event and ref.
  const env = pushToMain(fixture, eventPath);
  writeFileSync(
    eventPath,
    JSON.stringify({
      ref: `refs/tags/${tag}`,
      before: '0000000000000000000000000000000000000000',
      after: sha,
      base_ref: 'refs/heads/main',
      created: true,
      deleted: false,
      forced: false,
      compare: `https://github.com/${owner}/${repository}/compare/${tag}`,
      commits: [],
      repository: {
        name: repository,
        full_name: `${owner}/${repository}`,
        owner: { login: owner, type: 'Organization' },
        default_branch: 'main',
        html_url: `https://github.com/${owner}/${repository}`,
      },
      pusher: { name: 'release-manager' },
      sender: { login: 'release-manager', type: 'User' },
      head_commit: { id: sha, message: 'Release' },
    }),
  );
  return {
    ...env,
    GITHUB_REF: `refs/tags/${tag}`,
    GITHUB_REF_NAME: tag,
    GITHUB_REF_TYPE: 'tag',
    GITHUB_ACTOR: 'release-manager',
  };
}

export interface ScheduleFixture {
  owner: string;
  repository: string;
  sha: string;
  /** The `on: schedule: - cron:` entry that started the run. */
  cron: string;
  workflow: string;
  job: string;
  runId: string;
}

/**
 * A scheduled run (`on: schedule:`): the `schedule` event's payload (the cron entry, the repository; no pull
 * request, no sender pushing anything) and the runner's variables for the default branch's head.
 */
export function schedule(fixture: ScheduleFixture, eventPath: string): Record<string, string> {
  const { owner, repository, sha } = fixture;
  writeFileSync(
    eventPath,
    JSON.stringify({
      schedule: fixture.cron,
      repository: {
        name: repository,
        full_name: `${owner}/${repository}`,
        owner: { login: owner, type: 'Organization' },
        default_branch: 'main',
        html_url: `https://github.com/${owner}/${repository}`,
      },
      workflow: `.github/workflows/${fixture.workflow}.yml`,
    }),
  );
  return {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_EVENT_NAME: 'schedule',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: `${owner}/${repository}`,
    GITHUB_REPOSITORY_OWNER: owner,
    GITHUB_SHA: sha,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_REF_TYPE: 'branch',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: fixture.runId,
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RUN_NUMBER: '7',
    // A scheduled run's actor is whoever last edited the workflow's cron.
    GITHUB_ACTOR: 'octocat',
    GITHUB_WORKFLOW: fixture.workflow,
    GITHUB_JOB: fixture.job,
    RUNNER_OS: 'Linux',
  };
}
