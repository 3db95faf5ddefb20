import { dirname, isAbsolute, join, relative } from 'node:path';
import {
  type Alert,
  type BranchArtifacts,
  type CiContext,
  commentMarker,
  firstLine,
  type Logger,
  legacyCommentMarker,
  type Platform,
  type PublishOptions,
  publishStickyComment,
  type StepReport,
  writeFileAtomic,
} from '@mlci/core';
import { GitLabArtifacts } from './artifacts';
import { renderDotenv } from './dotenv';
import { AlertIssues } from './issues';
import { GitLabNoteError, MergeRequestReviewHost } from './notes';

export interface GitLabPlatformOptions {
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** MLCI_TOKEN: a project access token with `api` scope, kept in a masked CI/CD variable. */
  token?: string;
  /** For tests: how long to wait between retries of a failed note request. */
  retryDelayMs?: number;
}

/**
 * A GitLab CI job: outputs go to a dotenv report (`<out>/<step>.env`) for later jobs, and in a merge
 * request pipeline the report becomes one sticky MR note per step.
 */
export class GitLabPlatform implements Platform {
  readonly name = 'gitlab' as const;
  private readonly env: NodeJS.ProcessEnv;
  private readonly logger: Logger;
  private readonly token: string | undefined;
  private readonly retryDelayMs: number | undefined;
  private warnedNoToken = false;

  constructor(options: GitLabPlatformOptions) {
    this.env = options.env;
    this.logger = options.logger;
    this.token = options.token || undefined;
    this.retryDelayMs = options.retryDelayMs;
  }

  context(): CiContext {
    const env = (name: string) => this.env[name] || undefined;
    const tag = env('CI_COMMIT_TAG');
    const mrIid = this.mergeRequestIid();
    const mrProjectUrl = env('CI_MERGE_REQUEST_PROJECT_URL');
    const sourceProject = env('CI_MERGE_REQUEST_SOURCE_PROJECT_ID');
    const targetProject = env('CI_MERGE_REQUEST_PROJECT_ID');
    const context: CiContext = {
      platform: 'gitlab',
      repository: env('CI_PROJECT_PATH'),
      repositoryUrl: env('CI_PROJECT_URL'),
      commit: env('CI_COMMIT_SHA'),
      // MR pipelines have no CI_COMMIT_BRANCH; in tag pipelines CI_COMMIT_REF_NAME is the tag.
      branch:
        env('CI_COMMIT_BRANCH') ??
        env('CI_MERGE_REQUEST_SOURCE_BRANCH_NAME') ??
        (tag === undefined ? env('CI_COMMIT_REF_NAME') : undefined),
      defaultBranch: env('CI_DEFAULT_BRANCH'),
      tag,
      event: env('CI_PIPELINE_SOURCE'),
      runUrl: env('CI_JOB_URL'),
      pipeline: env('CI_PIPELINE_ID'),
      job: env('CI_JOB_ID'),
      jobName: env('CI_JOB_NAME'),
      actor: env('GITLAB_USER_LOGIN'),
    };
    if (mrIid !== undefined) {
      context.changeRequest = {
        number: mrIid,
        url: mrProjectUrl === undefined ? undefined : `${mrProjectUrl}/-/merge_requests/${mrIid}`,
        targetBranch: env('CI_MERGE_REQUEST_TARGET_BRANCH_NAME'),
        fromFork:
          sourceProject !== undefined && targetProject !== undefined
            ? sourceProject !== targetProject
            : undefined,
      };
    }
    // Drop unset fields so the context reads (and serializes) as what is known.
    return JSON.parse(JSON.stringify(context)) as CiContext;
  }

  /**
   * Job artifacts of the project whose branches a baseline names: the merge request's target project (in a
   * fork's pipeline, not the fork), else this one. MLCI_TOKEN when set, else the job's own CI_JOB_TOKEN.
   */
  branchArtifacts(): BranchArtifacts | undefined {
    const env = (name: string) => this.env[name] || undefined;
    const apiUrl = env('CI_API_V4_URL') ?? (env('CI_SERVER_URL') && `${env('CI_SERVER_URL')}/api/v4`);
    const projectId = env('CI_MERGE_REQUEST_PROJECT_ID') ?? env('CI_PROJECT_ID');
    if (!apiUrl || !projectId) return undefined;
    const projectUrl = env('CI_MERGE_REQUEST_PROJECT_URL') ?? env('CI_PROJECT_URL');
    const jobToken = env('CI_JOB_TOKEN');
    return new GitLabArtifacts({
      apiUrl,
      projectId,
      ...(projectUrl ? { projectUrl } : {}),
      ...(this.token ? { privateToken: this.token } : {}),
      ...(jobToken ? { jobToken } : {}),
      ...(this.retryDelayMs === undefined ? {} : { retryDelayMs: this.retryDelayMs }),
    });
  }

  /** Never throws: a report that cannot be published is a warning, the verdict stays the step's. */
  async publish(report: StepReport, options: PublishOptions = {}): Promise<void> {
    await this.writeDotenv(report);
    await this.postNote(report, options.reportId);
    if (options.alert) await this.keepAlertIssue(report, options.alert);
  }

  /**
   * `--alert issue`: the alert of scheduled pipelines, outside merge requests (an MR's pipeline, passing or not,
   * says nothing about production: its report is the MR note).
   */
  private async keepAlertIssue(report: StepReport, alert: Alert): Promise<void> {
    if (this.mergeRequestIid() !== undefined) {
      this.logger.info('alert: not kept by a merge request pipeline (its report is the MR note)');
      return;
    }
    const artifacts = this.artifactsHint(report);
    const host = this.env.CI_SERVER_URL || undefined;
    const projectId = this.env.CI_PROJECT_ID || undefined;
    if (!this.token || host === undefined || projectId === undefined) {
      this.logger.warn(
        `cannot keep the alert issue: ${this.token ? 'CI_SERVER_URL or CI_PROJECT_ID is not set' : 'set MLCI_TOKEN, a masked CI/CD variable holding a project access token with `api` scope (CI_JOB_TOKEN cannot write issues)'}. ${artifacts}`,
      );
      return;
    }
    try {
      const issues = new AlertIssues({
        host,
        token: this.token,
        projectId,
        ...(this.retryDelayMs === undefined ? {} : { retryDelayMs: this.retryDelayMs }),
      });
      const jobUrl = this.env.CI_JOB_URL || undefined;
      const kept = await issues.keep({
        marker: alert.marker,
        title: alert.title,
        failed: report.result.status !== 'passed',
        markdown: report.markdown,
        fullReportHint: artifacts,
        ...(jobUrl === undefined ? {} : { runUrl: jobUrl }),
      });
      if (kept.action !== 'none')
        this.logger.info(
          `alert: ${kept.action} issue #${kept.iid} of project ${projectId}${kept.url ? `: ${kept.url}` : ''}`,
        );
    } catch (error) {
      const auth = error instanceof GitLabNoteError && error.kind === 'auth';
      this.logger.warn(
        `cannot keep the alert issue: ${firstLine(error)}${auth ? '; MLCI_TOKEN needs `api` scope and at least the Reporter role in the project' : ''}. ${artifacts}`,
      );
    }
  }

  private async writeDotenv(report: StepReport): Promise<void> {
    const step = report.result.step;
    const file = join(dirname(report.files.json), `${step}.env`);
    const { text, omitted } = renderDotenv(step, report.outputs);
    if (omitted.length > 0) {
      this.logger.warn(`dotenv report: left out ${omitted.join(', ')} to stay under GitLab's 5 KB limit`);
    }
    try {
      await writeFileAtomic(file, text);
      this.logger.debug(`dotenv report: ${file}`);
    } catch (error) {
      this.logger.warn(`cannot write the dotenv report ${file}: ${firstLine(error)}`);
    }
  }

  private async postNote(report: StepReport, reportId: string | undefined): Promise<void> {
    const step = report.result.step;
    const mrIid = this.mergeRequestIid();
    if (mrIid === undefined) {
      this.logger.debug('not a merge request pipeline: no MR note');
      return;
    }
    const artifacts = this.artifactsHint(report);
    if (!this.token) {
      if (!this.warnedNoToken) {
        this.warnedNoToken = true;
        this.logger.warn(
          `not posting the ${step} report on merge request !${mrIid}: set MLCI_TOKEN, a masked CI/CD variable ` +
            'holding a project access token with `api` scope (CI_JOB_TOKEN cannot post merge request notes). ' +
            artifacts,
        );
      }
      return;
    }
    const host = this.env.CI_SERVER_URL || undefined;
    const projectId = this.env.CI_MERGE_REQUEST_PROJECT_ID || this.env.CI_PROJECT_ID || undefined;
    if (host === undefined || projectId === undefined) {
      this.logger.warn(
        `not posting the ${step} report: CI_SERVER_URL or CI_PROJECT_ID is not set. ${artifacts}`,
      );
      return;
    }
    const notes = new MergeRequestReviewHost({
      host,
      token: this.token,
      projectId,
      mrIid,
      ...(this.retryDelayMs === undefined ? {} : { retryDelayMs: this.retryDelayMs }),
      where: `${this.env.CI_MERGE_REQUEST_PROJECT_PATH || this.env.CI_PROJECT_PATH || projectId}!${mrIid}`,
    });
    const legacyMarker = legacyCommentMarker(step, reportId);
    await publishStickyComment(
      notes,
      {
        marker: commentMarker(step, reportId),
        ...(legacyMarker === undefined ? {} : { legacyMarker }),
        markdown: report.markdown,
        fullReportHint: artifacts,
      },
      this.logger,
      { permission: 'MLCI_TOKEN is a masked CI/CD variable.', fallback: artifacts },
    );
  }

  private mergeRequestIid(): number | undefined {
    const text = this.env.CI_MERGE_REQUEST_IID;
    if (!text || !/^[1-9][0-9]*$/.test(text)) return undefined;
    return Number(text);
  }

  /** Where the full report is: the job's artifacts, which `artifacts: when: always` keeps on failure too. */
  private artifactsHint(report: StepReport): string {
    const markdown = projectRelative(report.files.markdown, [this.env.CI_PROJECT_DIR, process.cwd()]);
    const jobUrl = this.env.CI_JOB_URL || undefined;
    return jobUrl === undefined
      ? `The full report is ${markdown} in the job artifacts.`
      : `The full report is ${markdown} in the job artifacts: ${jobUrl}/artifacts/browse`;
  }
}

/** The path as artifacts show it: relative to the project directory when it is inside it. */
function projectRelative(path: string, dirs: readonly (string | undefined)[]): string {
  if (!isAbsolute(path)) return path;
  for (const dir of dirs) {
    if (!dir) continue;
    const inside = relative(dir, path);
    if (inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)) return inside;
  }
  return path;
}
