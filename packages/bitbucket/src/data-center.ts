import { type CommentWritten, hasMarker, type ReviewHost, type StickyComment } from '@mlci/core';
import { bitbucketMarker, stickyCommentText } from './body';
import { BitbucketApiError, BitbucketClient, type BitbucketRetryOptions, permissionError } from './http';

export interface BitbucketDataCenterOptions extends BitbucketRetryOptions {
  /** The server's URL with any context path, e.g. `https://bitbucket.example.com` or `https://example.com/bitbucket`. */
  baseUrl: string;
  /** An HTTP access token (personal, project or repository), sent as Bearer; or `username:password` for Basic. */
  token: string;
  /** The project's key (`PROJ`), or `~user` for a personal repository. */
  project: string;
  /** The repository's slug. */
  repo: string;
  /** The pull request's id. */
  id: number;
}

interface DataCenterComment {
  id: number;
  version: number;
  text: string;
  author?: { name?: string; id?: number } | null;
}

/** Who the token is, from the headers Bitbucket Data Center puts on every answer to an authenticated call. */
interface TokenUser {
  name: string;
  id?: number;
}

/** The most pages of activities read: 500 pages of 100 is far beyond any real pull request. */
const maxPages = 500;

/**
 * The sticky comment on a Bitbucket Data Center (or Server) pull request, through REST API 1.0. Comments are
 * found in the pull request's activities (every page); only one written by the token's own user, with the
 * marker as its first line, is edited, with the comment's current version as Bitbucket requires.
 */
export class BitbucketDataCenterPullRequest implements ReviewHost {
  readonly where: string;
  // A user with Read on the repository may comment; an HTTP access token's permissions list pull request
  // actions only from Repository write, so that is what the advice asks for.
  readonly permissionAdvice =
    "give the HTTP access token the Repository write permission (REPO_WRITE: Atlassian's token permission for " +
    'pull request actions), its user at least Read on the repository';
  private readonly client: BitbucketClient;
  private readonly pullRequestUrl: string;
  private readonly webUrl: string;

  constructor(options: BitbucketDataCenterOptions) {
    const base = options.baseUrl.replace(/\/+$/, '');
    const repository = `projects/${encodeURIComponent(options.project)}/repos/${encodeURIComponent(options.repo)}`;
    this.where = `${options.project}/${options.repo}#${options.id}`;
    this.client = new BitbucketClient(
      'Bitbucket Data Center',
      `${base}/rest/api/1.0`,
      options.token,
      options,
    );
    this.pullRequestUrl = `${base}/rest/api/1.0/${repository}/pull-requests/${options.id}`;
    this.webUrl = `${base}/${repository}/pull-requests/${options.id}/overview`;
  }

  async upsert(comment: StickyComment): Promise<CommentWritten> {
    const text = stickyCommentText(comment);
    const existing = await this.find(comment.marker, comment.legacyMarker);
    try {
      if (existing) {
        const edited = await this.edit(existing.comment, existing.user, text, comment);
        if (edited) return { action: 'updated', url: this.commentUrl(edited.id) };
      }
      const url = `${this.pullRequestUrl}/comments`;
      const answer = await this.client.call('POST', url, { text });
      if (answer.status !== 201 && answer.status !== 200) throw this.client.failure('POST', url, answer);
      const created = answer.json as Partial<DataCenterComment> | undefined;
      return {
        action: 'created',
        ...(typeof created?.id === 'number' ? { url: this.commentUrl(created.id) } : {}),
      };
    } catch (error) {
      throw permissionError(error);
    }
  }

  /**
   * The newest comment by the token's own user whose first line is the marker, searching every page of the
   * pull request's activities (Bitbucket lists them newest first); else the newest with the legacy marker.
   * Undefined when there is none, or when Bitbucket does not say who the token is (then a comment is created).
   */
  private async find(
    marker: string,
    legacyMarker?: string,
  ): Promise<{ comment: DataCenterComment; user: TokenUser } | undefined> {
    let user: TokenUser | undefined;
    let legacy: DataCenterComment | undefined;
    let start = 0;
    for (let page = 0; ; page++) {
      if (page >= maxPages)
        throw new BitbucketApiError(
          `Bitbucket Data Center: the activities of ${this.where} run past ${maxPages} pages`,
        );
      const url = `${this.pullRequestUrl}/activities?start=${start}&limit=100`;
      const answer = await this.client.call('GET', url);
      if (answer.status !== 200) throw this.client.failure('GET', url, answer);
      user ??= tokenUserOf(answer.headers);
      if (user === undefined) return undefined;
      const activities = answer.json as {
        values?: unknown;
        isLastPage?: unknown;
        nextPageStart?: unknown;
      } | null;
      for (const activity of Array.isArray(activities?.values) ? activities.values : []) {
        const comment = commentOf(activity);
        if (comment === undefined || !writtenBy(comment, user)) continue;
        if (hasMarker(comment.text, bitbucketMarker(marker))) return { comment, user };
        if (
          legacy === undefined &&
          legacyMarker !== undefined &&
          hasMarker(comment.text, bitbucketMarker(legacyMarker))
        )
          legacy = comment;
      }
      const next = activities?.nextPageStart;
      if (activities?.isLastPage !== false || typeof next !== 'number' || next <= start) break;
      start = next;
    }
    return legacy === undefined ? undefined : { comment: legacy, user };
  }

  /**
   * Edits the comment at its version. A 409 means it changed since it was read (someone edited it, or another
   * job did): it is read again and edited once more at its new version, if it is still ours with our marker.
   * Undefined when the comment is gone (deleted meanwhile), so a new one is made.
   */
  private async edit(
    found: DataCenterComment,
    user: TokenUser,
    text: string,
    sticky: StickyComment,
  ): Promise<DataCenterComment | undefined> {
    const url = `${this.pullRequestUrl}/comments/${found.id}`;
    let version = found.version;
    for (let attempt = 0; ; attempt++) {
      const answer = await this.client.call('PUT', url, { text, version });
      if (answer.status === 200) return found;
      if (answer.status === 404) return undefined;
      if (answer.status !== 409 || attempt > 0) throw this.client.failure('PUT', url, answer);
      const reread = await this.client.call('GET', url);
      if (reread.status === 404) return undefined;
      if (reread.status !== 200) throw this.client.failure('GET', url, reread);
      const current = commentFields(reread.json);
      const stillOurs =
        current !== undefined &&
        writtenBy(current, user) &&
        (hasMarker(current.text, bitbucketMarker(sticky.marker)) ||
          (sticky.legacyMarker !== undefined &&
            hasMarker(current.text, bitbucketMarker(sticky.legacyMarker))));
      if (!stillOurs) return undefined;
      version = current.version;
    }
  }

  private commentUrl(id: number): string {
    return `${this.webUrl}?commentId=${id}`;
  }
}

/**
 * The token's user as Bitbucket Data Center names it in the `X-AUSERNAME` header (and `X-AUSERID`) of every
 * answer to an authenticated REST call. Atlassian documents the header for its Server products' REST APIs (Jira
 * Service Management's "special headers"); Bitbucket has no `GET /myself` and `GET /users/{slug}` needs the slug
 * one is after, so tools that must know (Renovate, Eclipse Che) read the same header. `anonymous` or no
 * header: the server did not take the token as a user.
 */
function tokenUserOf(headers: Headers): TokenUser | undefined {
  const name = headers.get('x-ausername')?.trim();
  if (!name || name === 'anonymous') return undefined;
  const id = Number(headers.get('x-auserid'));
  return Number.isSafeInteger(id) && id > 0 ? { name, id } : { name };
}

/** Whether the token's user wrote the comment: by id when both are known, else by the (unique) user name. */
function writtenBy(comment: DataCenterComment, user: TokenUser): boolean {
  const author = comment.author;
  if (!author) return false;
  if (user.id !== undefined && typeof author.id === 'number') return author.id === user.id;
  return typeof author.name === 'string' && author.name.toLowerCase() === user.name.toLowerCase();
}

/** The general comment a `COMMENTED` activity added; file and line comments (with an anchor) are not ours. */
function commentOf(activity: unknown): DataCenterComment | undefined {
  const record = activity as { action?: unknown; comment?: unknown; commentAnchor?: unknown } | null;
  if (record?.action !== 'COMMENTED' || record.commentAnchor) return undefined;
  return commentFields(record.comment);
}

function commentFields(value: unknown): DataCenterComment | undefined {
  const comment = value as Partial<DataCenterComment> | null;
  if (
    typeof comment?.id !== 'number' ||
    typeof comment.version !== 'number' ||
    typeof comment.text !== 'string'
  )
    return undefined;
  return comment as DataCenterComment;
}
