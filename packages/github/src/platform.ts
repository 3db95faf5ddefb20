import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import * as core from '@actions/core';
import {
  type Alert,
  type BranchArtifacts,
  type Check,
  type CiContext,
  commentMarker,
  definedField,
  firstLine,
  fitToLimit,
  type Logger,
  legacyCommentMarker,
  type Platform,
  type PublishOptions,
  parseJson,
  type StepReport,
} from '@mlci/core';
import { GitHubArtifacts } from './artifacts';
import { PullRequestComments, type RetryOptions } from './comments';
import { AlertIssues } from './issues';

/** GitHub caps a step's summary at 1 MiB. */
export const summaryLimitBytes = 1024 * 1024;
/** GitHub shows at most this many annotations of each kind per step; the rest are dropped silently. */
export const annotationLimit = 10;

export interface GitHubPlatformOptions {
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Token for the PR comment; without one the report goes to the step summary only. */
  token?: string;
  /** Retry policy of the comment API calls (tests shorten the waits). */
  retry?: RetryOptions;
}

interface PullRequestPayload {
  number?: number;
  html_url?: string;
  head?: { sha?: string; ref?: string; repo?: { fork?: boolean; full_name?: string } | null };
  base?: { ref?: string; repo?: { full_name?: string } };
}

/**
 * GitHub Actions. Outputs, the step summary and annotations go through @actions/core, which writes the
 * files and workflow commands the runner reads (it takes their paths from process.env).
 */
export class GitHubPlatform implements Platform {
  readonly name = 'github' as const;
  private readonly env: NodeJS.ProcessEnv;
  private readonly logger: Logger;
  private readonly token: string | undefined;
  private readonly retry: RetryOptions;
  private cached: CiContext | undefined;

  constructor(options: GitHubPlatformOptions) {
    this.env = options.env;
    this.logger = options.logger;
    this.token = options.token || undefined;
    this.retry = options.retry ?? {};
  }

  context(): CiContext {
    return this.load();
  }

  async publish(report: StepReport, options: PublishOptions = {}): Promise<void> {
    const context = this.context();
    const fullReport = context.runUrl
      ? `The full report is in the [run's summary](${context.runUrl}).`
      : `The full report is in ${report.files.markdown}.`;
    await this.writeSummary(report, fullReport);
    this.annotate(report);
    for (const [name, value] of Object.entries(report.outputs)) core.setOutput(name, value);
    await this.comment(report, context, fullReport, options.reportId);
    if (options.alert) await this.keepAlertIssue(report, context, fullReport, options.alert);
  }

  /** Needs the token (with `actions: read`) and GITHUB_REPOSITORY. */
  branchArtifacts(): BranchArtifacts | undefined {
    const repository = this.context().repository;
    if (!repository) return undefined;
    return new GitHubArtifacts({
      apiUrl: this.env.GITHUB_API_URL || 'https://api.github.com',
      serverUrl: this.env.GITHUB_SERVER_URL || 'https://github.com',
      repository,
      token: this.token,
      logger: this.logger,
      retry: this.retry,
    });
  }

  private load(): CiContext {
    if (this.cached) return this.cached;
    const env = this.env;
    const payload = this.readPayload();
    const pullRequest = payload.pull_request as PullRequestPayload | undefined;
    const repository = env.GITHUB_REPOSITORY || undefined;
    const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
    const refType = env.GITHUB_REF_TYPE || (env.GITHUB_REF?.startsWith('refs/tags/') ? 'tag' : 'branch');
    const refName = env.GITHUB_REF_NAME || env.GITHUB_REF?.replace(/^refs\/(heads|tags)\//, '') || undefined;
    // On a PR, GITHUB_SHA and GITHUB_REF are the merge commit GitHub made (`refs/pull/N/merge`), which no one
    // pushed: the head commit and branch are what people recognise.
    const branch = pullRequest
      ? env.GITHUB_HEAD_REF || pullRequest.head?.ref
      : refType === 'branch'
        ? refName
        : undefined;
    const context: CiContext = {
      platform: 'github',
      ...(repository ? { repository, repositoryUrl: `${serverUrl}/${repository}` } : {}),
      ...definedField('commit', pullRequest?.head?.sha || env.GITHUB_SHA || undefined),
      ...definedField('branch', branch || undefined),
      ...definedField(
        'defaultBranch',
        (payload.repository as { default_branch?: string } | undefined)?.default_branch || undefined,
      ),
      ...definedField('tag', refType === 'tag' ? refName : undefined),
      ...definedField('event', env.GITHUB_EVENT_NAME || undefined),
      ...definedField(
        'runUrl',
        repository && env.GITHUB_RUN_ID
          ? `${serverUrl}/${repository}/actions/runs/${env.GITHUB_RUN_ID}`
          : undefined,
      ),
      ...definedField(
        'pipeline',
        env.GITHUB_RUN_ID ? `${env.GITHUB_RUN_ID}/${env.GITHUB_RUN_ATTEMPT || '1'}` : undefined,
      ),
      ...definedField('job', env.GITHUB_JOB || undefined),
      // GITHUB_ACTION is the step's id, or for a step without one a name made from the action (or `__run`)
      // with a sequence number when a job uses it twice: the job id alone is the same for both steps.
      ...definedField(
        'jobName',
        env.GITHUB_JOB
          ? env.GITHUB_ACTION
            ? `${env.GITHUB_JOB}/${env.GITHUB_ACTION}`
            : env.GITHUB_JOB
          : undefined,
      ),
      ...definedField('actor', env.GITHUB_ACTOR || undefined),
    };
    if (pullRequest && typeof pullRequest.number === 'number') {
      const headRepo = pullRequest.head?.repo;
      const baseRepo = pullRequest.base?.repo?.full_name;
      context.changeRequest = {
        number: pullRequest.number,
        ...definedField('url', pullRequest.html_url),
        ...definedField('targetBranch', pullRequest.base?.ref || env.GITHUB_BASE_REF || undefined),
        // A deleted fork leaves head.repo null; a fork's own branches make `fork` true without being a
        // cross-repository PR, so the names are compared when both are known.
        fromFork:
          headRepo === null ||
          (headRepo?.full_name && baseRepo ? headRepo.full_name !== baseRepo : headRepo?.fork === true),
      };
    }
    this.cached = context;
    return context;
  }

  private readPayload(): Record<string, unknown> {
    const path = this.env.GITHUB_EVENT_PATH;
    if (!path) return {};
    try {
      const value = parseJson(readFileSync(path, 'utf8'), path);
      return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
    } catch (error) {
      this.logger.warn(`cannot read the event payload ${path}: ${firstLine(error)}`);
      return {};
    }
  }

  private async writeSummary(report: StepReport, fullReport: string): Promise<void> {
    if (!process.env.GITHUB_STEP_SUMMARY) {
      this.logger.debug('GITHUB_STEP_SUMMARY is not set: no step summary');
      return;
    }
    try {
      await core.summary
        .addRaw(fitToBytes(report.markdown, summaryLimitBytes - 1, fullReport))
        .addEOL()
        .write();
    } catch (error) {
      core.summary.emptyBuffer();
      this.logger.warn(`cannot write the step summary: ${firstLine(error)}`);
    }
  }

  private annotate(report: StepReport): void {
    const step = report.result.step;
    const emit = (kind: 'error' | 'warning', checks: Check[]) => {
      for (const check of checks.slice(0, annotationLimit)) {
        const properties = { title: `mlci ${step}: ${checkTitle(check)}`, ...this.annotationPlace(check) };
        if (kind === 'error') core.error(check.message, properties);
        else core.warning(check.message, properties);
      }
      if (checks.length > annotationLimit) {
        const noun = kind === 'error' ? 'failed checks' : 'warnings';
        core.notice(
          `${checks.length - annotationLimit} more ${noun} than GitHub shows as annotations; the step summary lists all ${checks.length}.`,
          { title: `mlci ${step}` },
        );
      }
    };
    emit(
      'error',
      report.result.checks.filter((check) => check.status === 'failed'),
    );
    emit(
      'warning',
      report.result.checks.filter((check) => check.status === 'warned'),
    );
  }

  /** Annotation file paths are relative to the repository root (the workspace), or GitHub ignores them. */
  private annotationPlace(check: Check): core.AnnotationProperties {
    const location = check.location;
    if (!location) return {};
    const workspace = this.env.GITHUB_WORKSPACE;
    let file = location.file;
    if (workspace) {
      const fromRoot = relative(workspace, resolve(location.file));
      if (fromRoot && !fromRoot.startsWith('..') && !isAbsolute(fromRoot))
        file = fromRoot.split(sep).join('/');
    }
    return { file, ...(location.line === undefined ? {} : { startLine: location.line }) };
  }

  /**
   * `--alert issue`: the alert of scheduled runs, outside pull requests (a PR's run, passing or not, says nothing
   * about production: its report is the PR comment).
   */
  private async keepAlertIssue(
    report: StepReport,
    context: CiContext,
    fullReport: string,
    alert: Alert,
  ): Promise<void> {
    if (context.changeRequest) {
      this.logger.info('alert: not kept by a pull request run (its report is the PR comment)');
      return;
    }
    const [owner, repo] = (context.repository ?? '').split('/');
    if (!this.token || !owner || !repo) {
      this.logger.warn(
        `cannot keep the alert issue: ${this.token ? 'GITHUB_REPOSITORY is not set' : 'no token (the `token` input, with `permissions: issues: write`)'}; the alert is the report ${report.files.markdown}`,
      );
      return;
    }
    const issues = new AlertIssues(
      { apiUrl: this.env.GITHUB_API_URL || 'https://api.github.com', token: this.token, owner, repo },
      this.retry,
    );
    await issues.publish(
      {
        marker: alert.marker,
        title: alert.title,
        failed: report.result.status !== 'passed',
        markdown: report.markdown,
        fullReportHint: fullReport,
        ...(context.runUrl ? { runUrl: context.runUrl } : {}),
      },
      this.logger,
    );
  }

  private async comment(
    report: StepReport,
    context: CiContext,
    fullReport: string,
    reportId: string | undefined,
  ): Promise<void> {
    const pullRequest = context.changeRequest;
    if (!pullRequest) return;
    if (!this.token) {
      this.logger.info(
        'no token: the report is in the step summary only (set the `token` input to comment on the PR)',
      );
      return;
    }
    const [owner, repo] = (context.repository ?? '').split('/');
    if (!owner || !repo) {
      this.logger.warn('GITHUB_REPOSITORY is not set: cannot comment on the pull request');
      return;
    }
    const comments = new PullRequestComments(
      {
        apiUrl: this.env.GITHUB_API_URL || 'https://api.github.com',
        token: this.token,
        owner,
        repo,
        number: pullRequest.number,
      },
      this.retry,
    );
    const step = report.result.step;
    const legacyMarker = legacyCommentMarker(step, reportId);
    await comments.publish(
      {
        marker: commentMarker(step, reportId),
        ...(legacyMarker === undefined ? {} : { legacyMarker }),
        markdown: report.markdown,
        fullReportHint: fullReport,
      },
      this.logger,
      {
        permission:
          'Give the workflow `permissions: pull-requests: write`; pull requests from forks always get a read-only token, so their report is only in the step summary.',
      },
    );
  }
}

function checkTitle(check: Check): string {
  return check.column === undefined ? check.name : `${check.column}: ${check.name}`;
}

/** fitToLimit counts characters; the summary limit is in bytes, so shrink until the UTF-8 size fits. */
export function fitToBytes(markdown: string, limitBytes: number, hint: string): string {
  let limit = limitBytes;
  let fitted = fitToLimit(markdown, limit, hint);
  while (Buffer.byteLength(fitted) > limitBytes && limit > 0) {
    limit = Math.floor((limit * limitBytes) / Buffer.byteLength(fitted)) - 1;
    fitted = fitToLimit(markdown, Math.max(limit, 0), hint);
  }
  return fitted;
}
