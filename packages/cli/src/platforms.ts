import { LocalPlatform, type Logger, type Platform, type PlatformName } from '@mlci/core';
import { reviewHostOpener } from './review-hosts';

/** Which CI the environment belongs to, by the variable each one always sets. */
export function detectPlatformName(env: NodeJS.ProcessEnv): PlatformName {
  if (env.GITHUB_ACTIONS === 'true') return 'github';
  if (env.GITLAB_CI === 'true') return 'gitlab';
  if (env.JENKINS_URL) return 'jenkins';
  return 'local';
}

/**
 * The platform the CLI runs on. Each adapter is imported only when its CI is detected: their API clients
 * are most of the bundle, and `mlci --help` must start fast. The token for PR/MR comments is MLCI_TOKEN
 * everywhere (on GitHub, GITHUB_TOKEN too, as workflows often export it already).
 */
export async function detectPlatform(env: NodeJS.ProcessEnv, logger: Logger): Promise<Platform> {
  const token = env.MLCI_TOKEN || undefined;
  switch (detectPlatformName(env)) {
    case 'github': {
      const { GitHubPlatform } = await import('@mlci/github');
      return new GitHubPlatform({ env, logger, token: token ?? (env.GITHUB_TOKEN || undefined) });
    }
    case 'gitlab': {
      const { GitLabPlatform } = await import('@mlci/gitlab');
      return new GitLabPlatform({ env, logger, token });
    }
    case 'jenkins': {
      const { JenkinsPlatform } = await import('@mlci/jenkins');
      return new JenkinsPlatform({ env, logger, token, openReviewHost: reviewHostOpener() });
    }
    default:
      return new LocalPlatform(logger);
  }
}
