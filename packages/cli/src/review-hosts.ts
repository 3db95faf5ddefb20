import type { ChangeTarget, OpenReviewHost, ReviewHost } from '@mlci/core';

/** Retry policy of the review hosts' API calls (tests shorten the waits). */
export interface ReviewHostRetry {
  retries?: number;
  retryDelayMs?: number;
}

/**
 * The review host of a change request that a CI without one of its own builds (Jenkins, Bamboo): each host's
 * client is imported only when a change request on it is commented on, so other runs do not load it.
 */
export function reviewHostOpener(retry: ReviewHostRetry = {}): OpenReviewHost {
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
        return bitbucketReviewHost(target, token, retry);
      }
    }
  };
}
