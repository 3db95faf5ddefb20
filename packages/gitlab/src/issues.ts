import { IssueNotes as GitbeakerIssueNotes, Issues as GitbeakerIssues } from '@gitbeaker/rest';
import { type AlertReport, hasMarker } from '@mlci/core';
import { GitLabWriter, type GitLabWriterOptions, stickyNoteBody } from './notes';

export interface ProjectIssuesOptions extends GitLabWriterOptions {
  /** Numeric ID or `group/project` path of the project whose issues hold the alert. */
  projectId: string | number;
}

export interface AlertIssueKept {
  action: 'created' | 'updated' | 'reopened' | 'closed' | 'none';
  iid?: number;
  url?: string;
}

interface IssueLike {
  iid: number;
  web_url?: string;
  state?: string;
  description?: string | null;
  author?: { id?: number } | null;
}

/**
 * One issue per alert marker in a GitLab project, for scheduled pipelines that have no merge request: a failing run
 * opens it (or reopens it, so one model and alias keeps one thread however often it drifts) with the report as its
 * description; a later failing run replaces the description; a passing run closes it with a note linking that job.
 * Only issues the token's own user opened are edited: anyone can open an issue that starts with the marker.
 */
export class AlertIssues extends GitLabWriter {
  private readonly issues: InstanceType<typeof GitbeakerIssues<false>>;
  private readonly notes: InstanceType<typeof GitbeakerIssueNotes<false>>;
  private readonly projectId: string | number;

  constructor(options: ProjectIssuesOptions) {
    super(options, 'alert issue', `the issues of project ${options.projectId}`);
    this.issues = new GitbeakerIssues(this.connection);
    this.notes = new GitbeakerIssueNotes(this.connection);
    this.projectId = options.projectId;
  }

  /** Opens, updates, reopens or closes the alert's issue. Throws GitLabNoteError (one line) when GitLab fails. */
  async keep(alert: AlertReport): Promise<AlertIssueKept> {
    return this.withRetries(async () => {
      const author = await this.whoAmI();
      const existing = author === undefined ? undefined : await this.find(alert.marker, author);
      if (!alert.failed) {
        if (existing?.state !== 'opened') return { action: 'none' };
        const ran = alert.runUrl ? `[this job](${alert.runUrl})` : 'the latest pipeline';
        await this.notes.create(this.projectId, existing.iid, `Passed in ${ran}: closing.`);
        await this.issues.edit(this.projectId, existing.iid, { stateEvent: 'close' });
        return { action: 'closed', iid: existing.iid, ...url(existing) };
      }
      const description = stickyNoteBody(alert.marker, alert.markdown, alert.fullReportHint);
      if (existing) {
        const reopen = existing.state !== 'opened';
        const edited = (await this.issues.edit(this.projectId, existing.iid, {
          title: alert.title,
          description,
          ...(reopen ? { stateEvent: 'reopen' } : {}),
        })) as IssueLike;
        return { action: reopen ? 'reopened' : 'updated', iid: existing.iid, ...url(edited) };
      }
      const created = (await this.issues.create(this.projectId, alert.title, { description })) as IssueLike;
      return { action: 'created', iid: created.iid, ...url(created) };
    });
  }

  /**
   * The token's own issue whose description's first line is the marker, over every page of the project's issues
   * by that user: an open one first, else the most recently created closed one.
   */
  private async find(marker: string, author: number): Promise<IssueLike | undefined> {
    // Without `page`, gitbeaker follows the Link rel="next" headers and returns every page.
    const issues = (await this.issues.all({
      projectId: this.projectId,
      authorId: author,
      state: 'all',
      orderBy: 'created_at',
      sort: 'desc',
      perPage: 100,
    })) as IssueLike[];
    const ours = issues.filter(
      (issue) => issue.author?.id === author && hasMarker(issue.description ?? '', marker),
    );
    return ours.find((issue) => issue.state === 'opened') ?? ours[0];
  }
}

function url(issue: IssueLike): { url?: string } {
  return issue.web_url === undefined ? {} : { url: issue.web_url };
}
