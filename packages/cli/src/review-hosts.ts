import type { ChangeTarget, OpenReviewHost, ReviewHost } from '@mlci/core';

/** How the review hosts' clients are made: retries (tests shorten the waits), what the environment says. */
export interface ReviewHostOptions {
  retries?: number;
  retryDelayMs?: number;
  /**
   * MLCI_BITBUCKET_TOKEN_NAME: a Bitbucket Cloud access token's name, whose comments (by the `app_user` named after
   * it) are the only ones edited; without it, any `app_user`'s comment with the marker.
   */
  bitbucketTokenName?: string;
}

/**
 * The review host of a change request that a CI without one of its own builds (Jenkins, Bamboo): each host's
 * client is imported only when a change request on it is commented on, so other runs do not load it.
 */
export function reviewHostOpener(options: ReviewHostOptions = {}): OpenReviewHost {
  const { bitbucketTokenName, ...retry } = options;
  return async (target: ChangeTarget, token: string): Promise<ReviewHost> => {
    switch (target.host) {
      case 'github': {
        const { PullRequestComments } = await import('@mlci/github');
        const { apiUrl, owner, repo, number } = target;
        return new PullRequestComments({ apiUrl, owner, repo, number, token }, retry);
      }
      case 'gitlab': {
        const { MergeRequestReviewHost } = await import('@mlci/gitlab');
        return new MergeRequestReviewHost({
          host: target.url,
          token,
          projectId: target.projectPath,
          mrIid: target.iid,
          ...retry,
        });
      }
      case 'bitbucket-server':
      case 'bitbucket-cloud': {
        const { bitbucketReviewHost } = await import('@mlci/bitbucket');
        return bitbucketReviewHost(target, token, {
          ...retry,
          ...(bitbucketTokenName ? { accessTokenName: bitbucketTokenName } : {}),
        });
      }
    }
  };
}
