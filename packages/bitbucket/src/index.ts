import { BitbucketCloudPullRequest } from './cloud';
import { BitbucketDataCenterPullRequest } from './data-center';
import type { BitbucketRetryOptions } from './http';

export * from './body';
export * from './cloud';
export * from './data-center';
export { authorizationOf, BitbucketApiError, type BitbucketRetryOptions } from './http';

/** A Bitbucket pull request, as a CI names it (Jenkins from CHANGE_URL, Bamboo from its repository variables). */
export type BitbucketTarget =
  | {
      host: 'bitbucket-server';
      /** The server's URL with any context path: `https://bitbucket.example.com/bitbucket`. */
      baseUrl: string;
      /** The project's key, `PROJ` (or `~user` for a personal repository). */
      project: string;
      repo: string;
      id: number;
    }
  | {
      host: 'bitbucket-cloud';
      /** The API root; default `https://api.bitbucket.org/2.0`. */
      baseUrl?: string;
      workspace: string;
      repo: string;
      id: number;
    };

export interface BitbucketReviewHostOptions extends BitbucketRetryOptions {
  /** Bitbucket Cloud only: the access token's name (BitbucketCloudOptions.accessTokenName). */
  accessTokenName?: string;
}

/**
 * The review host for a Bitbucket pull request: Data Center (REST 1.0) or Cloud (API 2.0). `token` is a Bearer
 * token (an HTTP access token, a Cloud access token) or `user:secret` for Basic (a Cloud app password or API token).
 */
export function bitbucketReviewHost(
  target: BitbucketTarget,
  token: string,
  options: BitbucketReviewHostOptions = {},
): BitbucketDataCenterPullRequest | BitbucketCloudPullRequest {
  if (target.host === 'bitbucket-server')
    return new BitbucketDataCenterPullRequest({ ...options, ...target, token });
  return new BitbucketCloudPullRequest({ ...options, ...target, token });
}
