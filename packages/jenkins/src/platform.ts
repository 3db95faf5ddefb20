import { isAbsolute, relative, sep } from 'node:path';
import {
  type CiContext,
  commentMarker,
  firstLine,
  type Logger,
  legacyCommentMarker,
  type Platform,
  type PublishOptions,
  reportFileAlert,
  type StepReport,
} from '@mlci/core';
import { CommentPermissionError, PullRequestComments } from '@mlci/github';
import { GitLabNoteError, MergeRequestNotes } from '@mlci/gitlab';
import { type ChangeTarget, parseChangeUrl, repositoryFromGitUrl } from './change-url';

export interface JenkinsPlatformOptions {
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** GitHub or GitLab token for the PR/MR comment (MLCI_TOKEN, bound by the var's credentialsId). */
  token?: string;
  /** Retry policy of the comment API calls (tests shorten the waits). */
  retry?: { retries?: number; retryDelayMs?: number };
}

/**
 * Jenkins. The JUnit file and the reports are recorded by the pipeline step (jenkins/vars: junit and
 * archiveArtifacts); from Node, a build of a GitHub pull request or GitLab merge request (multibranch
 * CHANGE_ID + CHANGE_URL) also gets the report as a sticky comment, when a token is given.
 *
 * The comment API is derived from CHANGE_URL. MLCI_GITHUB_API_URL (GitHub REST root, e.g.
 * `https://ghe.example.com/api/v3`) and MLCI_GITLAB_URL (GitLab instance URL, with its path prefix if it
 * has one) override that for setups the URL cannot tell: a GitLab under a path, an API proxy, a test server.
 */
export class JenkinsPlatform implements Platform {
  readonly name = 'jenkins' as const;
  private readonly env: NodeJS.ProcessEnv;
  private readonly logger: Logger;
  private readonly token: string | undefined;
  private readonly retry: { retries?: number; retryDelayMs?: number };

  constructor(options: JenkinsPlatformOptions) {
    this.env = options.env;
    this.logger = options.logger;
    this.token = options.token || undefined;
    this.retry = options.retry ?? {};
  }

  context(): CiContext {
    const env = this.env;
    const target = this.changeTarget();
    const changeNumber = positiveInteger(env.CHANGE_ID);
    const tag = env.TAG_NAME || undefined;
    // On a change build BRANCH_NAME is `PR-12` / `MR-12`: the source branch is CHANGE_BRANCH. On a tag
    // build BRANCH_NAME is the tag. Outside multibranch, the Git plugin's GIT_BRANCH is `origin/main`.
    const branch = changeNumber
      ? env.CHANGE_BRANCH || undefined
      : tag
        ? undefined
        : env.BRANCH_NAME || env.GIT_BRANCH?.replace(/^(refs\/remotes\/)?origin\//, '') || undefined;
    const repository =
      target?.host === 'github'
        ? `${target.owner}/${target.repo}`
        : target?.host === 'gitlab'
          ? target.projectPath
          : env.GIT_URL
            ? repositoryFromGitUrl(env.GIT_URL)
            : undefined;
    const context: CiContext = {
      platform: 'jenkins',
      ...defined('repository', repository),
      ...defined('repositoryUrl', httpsRepositoryUrl(env.GIT_URL)),
      ...defined('commit', env.GIT_COMMIT || undefined),
      ...defined('branch', branch),
      ...defined('tag', tag),
      ...defined('runUrl', env.BUILD_URL || undefined),
      ...defined('pipeline', env.JOB_NAME || undefined),
      ...defined('job', env.BUILD_NUMBER || undefined),
      // Declarative pipelines set STAGE_NAME inside a stage; two stages running one step differ by it.
      ...defined('jobName', env.STAGE_NAME || undefined),
      ...defined('actor', env.CHANGE_AUTHOR || undefined),
    };
    if (changeNumber) {
      context.changeRequest = {
        number: changeNumber,
        ...defined('url', env.CHANGE_URL || undefined),
        ...defined('targetBranch', env.CHANGE_TARGET || undefined),
        // The GitHub branch source sets CHANGE_FORK only for pull requests from forks.
        ...(env.CHANGE_FORK ? { fromFork: true } : {}),
      };
      context.event =
        target?.host === 'github'
          ? 'pull_request'
          : target?.host === 'gitlab'
            ? 'merge_request_event'
            : 'change_request';
    }
    return context;
  }

  async publish(report: StepReport, options: PublishOptions = {}): Promise<void> {
    const { files } = report;
    this.logger.info(`report: ${files.markdown} (also ${files.json}, ${files.junit})`);
    reportFileAlert(report, options.alert, this.logger, 'from Jenkins');
    const changeUrl = this.env.CHANGE_URL;
    const changeNumber = positiveInteger(this.env.CHANGE_ID);
    if (!changeNumber || !changeUrl) return;
    const target = this.changeTarget();
    if (!target) {
      this.logger.info(
        `not commenting: CHANGE_URL ${changeUrl} is neither a GitHub pull request nor a GitLab merge request`,
      );
      return;
    }
    if (!this.token) {
      this.logger.info(
        `to also post this report on ${changeUrl}, give the pipeline step credentialsId: a "secret text" credential ` +
          'holding a token that may comment there (it reaches mlci as MLCI_TOKEN)',
      );
      return;
    }
    const hint = this.fullReportHint(report);
    if (target.host === 'github') await this.commentOnPullRequest(target, report, hint, options.reportId);
    else await this.noteOnMergeRequest(target, report, hint, options.reportId);
  }

  private changeTarget(): ChangeTarget | undefined {
    const changeUrl = this.env.CHANGE_URL;
    if (!changeUrl) return undefined;
    return parseChangeUrl(changeUrl, {
      ...defined('githubApiUrl', this.env.MLCI_GITHUB_API_URL || undefined),
      ...defined('gitlabUrl', this.env.MLCI_GITLAB_URL || undefined),
    });
  }

  private async commentOnPullRequest(
    target: Extract<ChangeTarget, { host: 'github' }>,
    report: StepReport,
    fullReportHint: string,
    reportId: string | undefined,
  ): Promise<void> {
    const { apiUrl, owner, repo, number } = target;
    const name = `${owner}/${repo}#${number}`;
    const comments = new PullRequestComments(
      { apiUrl, owner, repo, number, token: this.token ?? '' },
      this.retry,
    );
    try {
      const step = report.result.step;
      const legacyMarker = legacyCommentMarker(step, reportId);
      const written = await comments.upsert({
        marker: commentMarker(step, reportId),
        ...(legacyMarker === undefined ? {} : { legacyMarker }),
        markdown: report.markdown,
        fullReportHint,
      });
      this.logger.info(
        `${written.action === 'created' ? 'commented on' : 'updated the comment on'} ${name}: ${written.url}`,
      );
    } catch (error) {
      const reason = firstLine(error);
      if (error instanceof CommentPermissionError) {
        this.logger.warn(
          `cannot comment on ${name}: the token may not write there (${reason}); it needs "Pull requests: write" ` +
            '(fine-grained) or the repo scope (classic)',
        );
      } else {
        const status = (error as { status?: unknown }).status;
        this.logger.warn(
          `cannot comment on ${name}: ${typeof status === 'number' ? `HTTP ${status}: ` : ''}${reason}`,
        );
      }
    }
  }

  private async noteOnMergeRequest(
    target: Extract<ChangeTarget, { host: 'gitlab' }>,
    report: StepReport,
    fullReportHint: string,
    reportId: string | undefined,
  ): Promise<void> {
    const name = `${target.projectPath}!${target.iid}`;
    const notes = new MergeRequestNotes({
      host: target.url,
      token: this.token ?? '',
      projectId: target.projectPath,
      mrIid: target.iid,
      ...this.retry,
    });
    try {
      const step = report.result.step;
      const note = await notes.upsert(
        commentMarker(step, reportId),
        report.markdown,
        fullReportHint,
        legacyCommentMarker(step, reportId),
      );
      this.logger.info(`${note.action === 'created' ? 'commented on' : 'updated the comment on'} ${name}`);
    } catch (error) {
      const reason = firstLine(error);
      if (error instanceof GitLabNoteError && error.kind === 'auth') {
        this.logger.warn(
          `cannot comment on ${name}: ${reason}; the token needs the api scope and the Reporter role`,
        );
      } else {
        this.logger.warn(`cannot comment on ${name}: ${reason}`);
      }
    }
  }

  /** Where the whole report is: the build's archived artifacts (the pipeline step archives `<out>/<step>.*`). */
  private fullReportHint(report: StepReport): string {
    const workspace = this.env.WORKSPACE;
    let file = report.files.markdown;
    if (isAbsolute(file)) file = workspace ? relative(workspace, file) : file;
    file = file.split(sep).join('/');
    const buildUrl = this.env.BUILD_URL?.replace(/\/*$/, '/');
    if (!buildUrl) return `The full report is ${file} in the build's artifacts.`;
    if (isAbsolute(file) || file.startsWith('../'))
      return `The full report is in the build's artifacts: ${buildUrl}`;
    return `The full report is [${file}](${buildUrl}artifact/${file.split('/').map(encodeURIComponent).join('/')}) in the build's artifacts.`;
  }
}

function positiveInteger(text: string | undefined): number | undefined {
  return text && /^[1-9][0-9]*$/.test(text) ? Number(text) : undefined;
}

function defined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** The web address of an https Git remote (`https://host/group/project.git`), without credentials or `.git`. */
function httpsRepositoryUrl(gitUrl: string | undefined): string | undefined {
  if (!gitUrl?.startsWith('https://')) return undefined;
  try {
    const url = new URL(gitUrl);
    return `${url.origin}${url.pathname.replace(/\.git$/, '').replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
}
