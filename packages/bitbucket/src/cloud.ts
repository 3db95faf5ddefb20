import { type CommentWritten, hasMarker, type ReviewHost, type StickyComment } from '@mlci/core';
import { bitbucketMarker, stickyCommentText } from './body';
import { BitbucketApiError, BitbucketClient, type BitbucketRetryOptions, permissionError } from './http';

export const bitbucketCloudApiUrl = 'https://api.bitbucket.org/2.0';

export interface BitbucketCloudOptions extends BitbucketRetryOptions {
  /** The API root (default `https://api.bitbucket.org/2.0`). */
  baseUrl?: string;
  /**
   * A repository, project or workspace access token (Bearer); or `username:app-password` or
   * `email:api-token` (Basic), which write as that user.
   */
  token: string;
  workspace: string;
  /** The repository's slug. */
  repo: string;
  /** The pull request's id. */
  id: number;
  /**
   * The access token's name, as Bitbucket shows it as the author of what the token writes. An access token
   * cannot call `GET /user`, so without this any access token's (app user's) comment with the marker is taken as
   * ours; with it, only the one by that name. Ignored for Basic credentials, whose user `GET /user` names.
   */
  accessTokenName?: string;
}

interface CloudAccount {
  uuid?: unknown;
  type?: unknown;
  display_name?: unknown;
}

interface CloudComment {
  id: number;
  content?: { raw?: unknown } | null;
  user?: CloudAccount | null;
  deleted?: unknown;
  inline?: unknown;
  parent?: unknown;
  links?: { html?: { href?: unknown } | null } | null;
}

/**
 * Whose comments mlci may edit: the user `GET /user` names (Basic credentials, OAuth tokens), or for an access
 * token, which that call refuses, its app user (every access token writes as an account of type `app_user`
 * named after the token).
 */
type TokenAuthor = { kind: 'user'; uuid: string } | { kind: 'access-token'; name?: string };

/** The most pages of comments read: 500 pages of 100 is far beyond any real pull request. */
const maxPages = 500;

/**
 * The sticky comment on a Bitbucket Cloud pull request, through API 2.0: comments paged with `next` links
 * (followed only on the API's own origin), created with `POST` and edited with `PUT`, never one written by
 * anyone but the token's own user.
 */
export class BitbucketCloudPullRequest implements ReviewHost {
  readonly where: string;
  readonly permissionAdvice =
    'give the token the Pull requests: Write permission (scope `pullrequest:write`; `write:pullrequest:bitbucket` ' +
    'for an API token) on the repository';
  private readonly client: BitbucketClient;
  private readonly apiUrl: string;
  private readonly pullRequestUrl: string;
  private readonly accessTokenName: string | undefined;
  private author: Promise<TokenAuthor | undefined> | undefined;

  constructor(options: BitbucketCloudOptions) {
    this.apiUrl = (options.baseUrl ?? bitbucketCloudApiUrl).replace(/\/+$/, '');
    this.where = `${options.workspace}/${options.repo}#${options.id}`;
    this.client = new BitbucketClient('Bitbucket Cloud', this.apiUrl, options.token, options);
    this.pullRequestUrl = `${this.apiUrl}/repositories/${encodeURIComponent(options.workspace)}/${encodeURIComponent(options.repo)}/pullrequests/${options.id}`;
    this.accessTokenName = options.accessTokenName;
  }

  async upsert(comment: StickyComment): Promise<CommentWritten> {
    const raw = stickyCommentText(comment);
    const existing = await this.find(comment.marker, comment.legacyMarker);
    try {
      if (existing) {
        const url = `${this.pullRequestUrl}/comments/${existing.id}`;
        const answer = await this.client.call('PUT', url, { content: { raw } });
        if (answer.status === 200) return { action: 'updated', ...webUrlOf(answer.json ?? existing) };
        // Deleted since it was listed: a new one is made below.
        if (answer.status !== 404) throw this.client.failure('PUT', url, answer);
      }
      const url = `${this.pullRequestUrl}/comments`;
      const answer = await this.client.call('POST', url, { content: { raw } });
      if (answer.status !== 201 && answer.status !== 200) throw this.client.failure('POST', url, answer);
      return { action: 'created', ...webUrlOf(answer.json) };
    } catch (error) {
      throw permissionError(error);
    }
  }

  /**
   * Who the token writes as. `GET /user` answers for Basic credentials (with the Account: Read permission) and
   * OAuth tokens; it refuses access tokens ("Token is invalid or not supported for this endpoint"), so a Bearer
   * token it refuses is taken for one. Undefined when Basic credentials may not read the account (403): then
   * nothing is edited and a comment is created. A 401 for Basic credentials (a wrong app password) is thrown,
   * as writing would fail the same way.
   */
  private whoAmI(): Promise<TokenAuthor | undefined> {
    this.author ??= (async () => {
      const url = `${this.apiUrl}/user`;
      const answer = await this.client.call('GET', url);
      const uuid = (answer.json as CloudAccount | undefined)?.uuid;
      if (answer.status === 200 && typeof uuid === 'string' && uuid !== '') return { kind: 'user', uuid };
      if (this.client.scheme === 'bearer' && (answer.status === 401 || answer.status === 403))
        return { kind: 'access-token', ...(this.accessTokenName ? { name: this.accessTokenName } : {}) };
      if (answer.status === 401) throw this.client.failure('GET', url, answer);
      return undefined;
    })();
    return this.author;
  }

  /**
   * The first comment by the token's own user whose first line is the marker, reading every page; else the first
   * with the legacy marker. Anyone can write a comment that starts with the marker: only the token's are taken.
   */
  private async find(marker: string, legacyMarker?: string): Promise<CloudComment | undefined> {
    const author = await this.whoAmI();
    if (author === undefined) return undefined;
    let legacy: CloudComment | undefined;
    let url: string | undefined = `${this.pullRequestUrl}/comments?pagelen=100`;
    for (let page = 0; url !== undefined; page++) {
      if (page >= maxPages)
        throw new BitbucketApiError(
          `Bitbucket Cloud: the comments of ${this.where} run past ${maxPages} pages`,
        );
      const answer = await this.client.call('GET', url);
      if (answer.status !== 200) throw this.client.failure('GET', url, answer);
      const listing = answer.json as { values?: unknown; next?: unknown } | null;
      for (const value of Array.isArray(listing?.values) ? listing.values : []) {
        const comment = value as CloudComment | null;
        const text = comment?.content?.raw;
        if (!comment || typeof comment.id !== 'number' || typeof text !== 'string') continue;
        // Deleted comments, replies and comments on a line are never the sticky report.
        if (comment.deleted === true || comment.inline || comment.parent) continue;
        if (!writtenBy(author, comment.user)) continue;
        if (hasMarker(text, bitbucketMarker(marker))) return comment;
        if (
          legacy === undefined &&
          legacyMarker !== undefined &&
          hasMarker(text, bitbucketMarker(legacyMarker))
        )
          legacy = comment;
      }
      const next = listing?.next;
      // The token goes only to the API's own origin (BitbucketClient refuses any other): a `next` elsewhere is an error.
      url = typeof next === 'string' && next !== '' ? next : undefined;
    }
    return legacy;
  }
}

function writtenBy(author: TokenAuthor, account: CloudAccount | null | undefined): boolean {
  if (!account) return false;
  if (author.kind === 'user') return account.uuid === author.uuid;
  return account.type === 'app_user' && (author.name === undefined || account.display_name === author.name);
}

function webUrlOf(json: unknown): { url?: string } {
  const href = (json as CloudComment | undefined)?.links?.html?.href;
  return typeof href === 'string' && /^https?:\/\//.test(href) ? { url: href } : {};
}
