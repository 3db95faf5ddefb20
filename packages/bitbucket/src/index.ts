import type { ChangeTarget } from '@mlci/core';
import { BitbucketCloudPullRequest } from './cloud';
import { BitbucketDataCenterPullRequest } from './data-center';
import type { BitbucketRetryOptions } from './http';

export * from './body';
export * from './cloud';
export * from './data-center';
export { authorizationOf, BitbucketApiError, type BitbucketRetryOptions } from './http';

/** A Bitbucket pull request, as core's parseChangeUrl names it (Jenkins' CHANGE_URL, Bamboo's pull request page). */
export type BitbucketTarget = Extract<ChangeTarget, { host: 'bitbucket-server' | 'bitbucket-cloud' }>;

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
  if (target.host === 'bitbucket-server') {
    const { baseUrl, projectKey, repo, number } = target;
    return new BitbucketDataCenterPullRequest({
      ...options,
      baseUrl,
      project: projectKey,
      repo,
      id: number,
      token,
    });
  }
  const { apiUrl, workspace, repo, number } = target;
  return new BitbucketCloudPullRequest({ ...options, baseUrl: apiUrl, workspace, repo, id: number, token });
}
