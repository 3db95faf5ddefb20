import {
  MergeRequestNotes as GitbeakerMergeRequestNotes,
  GitbeakerRequestError,
  GitbeakerRetryError,
  GitbeakerTimeoutError,
  Users,
} from '@gitbeaker/rest';
import {
  CommentPermissionError,
  type CommentWritten,
  fitToLimit,
  hasMarker,
  type ReviewHost,
  type StickyComment,
  withRetries,
} from '@mlci/core';

/** GitLab rejects notes longer than 1,000,000 characters. */
export const gitlabNoteLimit = 1_000_000;
/** What mlci fits a note into: JS string length counts UTF-16 units, never fewer than GitLab's characters. */
const safeNoteLimit = gitlabNoteLimit - 10_000;

export interface MergeRequestNotesOptions extends GitLabWriterOptions {
  /** Numeric ID or `group/project` path of the project the merge request belongs to. */
  projectId: string | number;
  mrIid: number;
}

export type NoteFailureKind = 'auth' | 'not-found' | 'transient' | 'rejected';

/** A note request that failed for good (after retries, when retrying could help). Its message is one line. */
export class GitLabNoteError extends Error {
  constructor(
    message: string,
    readonly kind: NoteFailureKind,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GitLabNoteError';
  }
}

export interface UpsertedNote {
  action: 'created' | 'updated';
  noteId: number;
  /** The body as posted: marker first, then the report, cut to fit the limit. */
  body: string;
}

interface NoteLike {
  id: number;
  body: string;
  system?: boolean;
  author?: { id?: number } | null;
}

/** How every sticky write of mlci on GitLab reaches it (MR notes, alert issues). */
export interface GitLabWriterOptions {
  /** GitLab instance URL, e.g. `https://gitlab.com` (CI_SERVER_URL in a GitLab job). */
  host: string;
  /** Project or group access token (or personal token) with `api` scope. */
  token: string;
  /** Attempts after the first one for transient failures (network, timeout, 5xx, 429). */
  retries?: number;
  /** Delay before the first retry, doubled for each further one. */
  retryDelayMs?: number;
  /** Per request, so a hung GitLab cannot stall the job for gitbeaker's default five minutes. */
  timeoutMs?: number;
}

/**
 * What MR notes and alert issues share: who the token writes as (only what that user wrote is edited), retries of
 * transient failures, and one-line errors that say what failed where.
 */
export class GitLabWriter {
  protected readonly connection: { host: string; token: string; queryTimeout: number };
  private readonly users: InstanceType<typeof Users<false>>;
  private readonly retries: number;
  private readonly retryDelayMs: number;

  constructor(
    options: GitLabWriterOptions,
    /** What is written where, for messages: `note`, `merge request !7 of project 42`. */
    private readonly what: string,
    private readonly where: string,
  ) {
    this.connection = {
      host: options.host.replace(/\/+$/, ''),
      token: options.token,
      queryTimeout: options.timeoutMs ?? 30_000,
    };
    this.users = new Users(this.connection);
    this.retries = options.retries ?? 2;
    this.retryDelayMs = options.retryDelayMs ?? 1_000;
  }

  /**
   * The id of the token's user (`GET /api/v4/user`: a personal, project or group access token's user, a bot for
   * the last two). Undefined when GitLab will not say (403: a token without `read_user` or `api` scope, a job
   * token; 404): then no note is taken. A 401 (a bad token) and transient failures are thrown, as writing would
   * fail on them as well.
   */
  protected async whoAmI(): Promise<number | undefined> {
    try {
      const user = (await this.users.showCurrentUser()) as { id?: unknown };
      return typeof user?.id === 'number' ? user.id : undefined;
    } catch (error) {
      const { kind, status } = this.describe(error);
      if (kind === 'transient' || status === 401) throw error;
      return undefined;
    }
  }

  protected async withRetries<T>(operation: () => Promise<T>): Promise<T> {
    let attempts = 1;
    try {
      return await withRetries(
        operation,
        (error) => this.describe(error).kind === 'transient',
        { retries: this.retries, delayMs: this.retryDelayMs },
        (_, attempt) => {
          attempts = attempt + 1;
        },
      );
    } catch (error) {
      const failure = this.describe(error);
      const tries = attempts > 1 ? ` (after ${attempts} attempts)` : '';
      throw new GitLabNoteError(`${failure.message}${tries}`, failure.kind, failure.status, { cause: error });
    }
  }

  private describe(error: unknown): { kind: NoteFailureKind; message: string; status?: number } {
    const { where } = this;
    if (error instanceof GitbeakerRequestError) {
      const response = (error.cause as { response?: Response } | undefined)?.response;
      const status = response?.status;
      const said = `${status ?? '?'} ${response?.statusText ?? ''}`.trim();
      if (status === 401 || status === 403)
        return { kind: 'auth', status, message: `GitLab refused the token (${said})` };
      if (status === 404) return { kind: 'not-found', status, message: `GitLab found no ${where} (${said})` };
      if (status !== undefined && (status >= 500 || status === 408 || status === 429)) {
        return { kind: 'transient', status, message: `GitLab answered ${said} for ${where}` };
      }
      // GitLab's JSON error says what was wrong (e.g. a note too long); keep its first line.
      const detail = error.message.split('\n')[0]?.slice(0, 200) ?? '';
      return {
        kind: 'rejected',
        status,
        message: `GitLab rejected the ${this.what} on ${where} (${said}${detail ? `: ${detail}` : ''})`,
      };
    }
    if (error instanceof GitbeakerRetryError) return { kind: 'transient', message: firstLineOf(error) };
    if (error instanceof GitbeakerTimeoutError)
      return { kind: 'transient', message: `GitLab did not answer in time for ${where}` };
    // fetch() rejects with a TypeError for refused connections, DNS and TLS failures; the reason is in `cause`.
    // Checked by name: the TypeError may come from another realm (undici in a VM context).
    const thrown = error as {
      name?: unknown;
      message?: unknown;
      cause?: { code?: string; message?: string };
    };
    if (thrown?.name === 'TypeError' && thrown.message === 'fetch failed') {
      const cause = thrown.cause;
      return {
        kind: 'transient',
        message: `cannot reach GitLab for ${where}: ${cause?.code ?? cause?.message ?? 'fetch failed'}`,
      };
    }
    return { kind: 'rejected', message: `cannot post the ${this.what} on ${where}: ${firstLineOf(error)}` };
  }
}

/**
 * One sticky note per marker on a GitLab merge request: the first run creates it, later runs edit it in
 * place, so the MR shows the latest report instead of one note per pipeline. Used by GitLab CI jobs and by
 * Jenkins jobs that build GitLab merge requests.
 */
export class MergeRequestNotes extends GitLabWriter {
  private readonly api: InstanceType<typeof GitbeakerMergeRequestNotes<false>>;
  private readonly projectId: string | number;
  private readonly mrIid: number;

  constructor(options: MergeRequestNotesOptions) {
    super(options, 'note', `merge request !${options.mrIid} of project ${options.projectId}`);
    this.api = new GitbeakerMergeRequestNotes(this.connection);
    this.projectId = options.projectId;
    this.mrIid = options.mrIid;
  }

  /**
   * Creates or edits the note whose first line is `marker`. `markdown` is cut to GitLab's size limit, ending
   * with `fullReportHint` (where the whole report is) when it had to be cut. When no note has the marker, one
   * with `legacyMarker` (what an earlier mlci wrote the same report under) is taken over. Only a note written by
   * the token's own user (whoAmI) is ever edited: anyone can write a note that starts with the marker. When the
   * token cannot tell who it is, a note is created.
   */
  async upsert(
    marker: string,
    markdown: string,
    fullReportHint: string,
    legacyMarker?: string,
  ): Promise<UpsertedNote> {
    const body = stickyNoteBody(marker, markdown, fullReportHint);
    return this.withRetries(async () => {
      const author = await this.whoAmI();
      const existing = author === undefined ? undefined : await this.find(marker, legacyMarker, author);
      if (existing) {
        await this.api.edit(this.projectId, this.mrIid, existing.id, { body });
        return { action: 'updated', noteId: existing.id, body };
      }
      const created = (await this.api.create(this.projectId, this.mrIid, body)) as NoteLike;
      return { action: 'created', noteId: created.id, body };
    });
  }

  /**
   * The oldest non-system note by `author` whose first line is the marker (a note that merely quotes it does not
   * count), else the oldest such with the legacy marker.
   */
  private async find(
    marker: string,
    legacyMarker: string | undefined,
    author: number,
  ): Promise<NoteLike | undefined> {
    // Without `page`, gitbeaker follows the Link rel="next" headers and returns every page.
    const notes = (await this.api.all(this.projectId, this.mrIid, {
      sort: 'asc',
      orderBy: 'created_at',
      perPage: 100,
    })) as NoteLike[];
    const ours = notes.filter(
      (note) => note.system !== true && typeof note.body === 'string' && note.author?.id === author,
    );
    return (
      ours.find((note) => hasMarker(note.body, marker)) ??
      (legacyMarker === undefined ? undefined : ours.find((note) => hasMarker(note.body, legacyMarker)))
    );
  }
}

/**
 * GitLab as a review host: a merge request's sticky note (MergeRequestNotes), for CIs that build GitLab merge
 * requests (Jenkins, Bamboo). A token GitLab refuses (401, 403) is a CommentPermissionError.
 */
export class MergeRequestReviewHost implements ReviewHost {
  readonly where: string;
  readonly permissionAdvice = 'the token needs the api scope and at least the Reporter role in the project.';
  private readonly notes: MergeRequestNotes;

  /** `where`: the merge request as people know it (`group/project!7`); by default from the project id. */
  constructor(options: MergeRequestNotesOptions & { where?: string }) {
    this.notes = new MergeRequestNotes(options);
    this.where = options.where ?? `${options.projectId}!${options.mrIid}`;
  }

  async upsert(comment: StickyComment): Promise<CommentWritten> {
    try {
      const note = await this.notes.upsert(
        comment.marker,
        comment.markdown,
        comment.fullReportHint,
        comment.legacyMarker,
      );
      return { action: note.action };
    } catch (error) {
      if (error instanceof GitLabNoteError && error.kind === 'auth')
        throw new CommentPermissionError(error.message, { cause: error });
      throw error;
    }
  }
}

/** The marker first (it is how the note or issue is found again), then the report cut to GitLab's limit. */
export function stickyNoteBody(marker: string, markdown: string, fullReportHint: string): string {
  return `${marker}\n${fitToLimit(markdown, safeNoteLimit - marker.length - 1, fullReportHint)}`;
}

function firstLineOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
