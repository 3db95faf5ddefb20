import { LocalPlatform, type Logger, type Platform } from '@mlci/core';

/**
 * Picks the platform the CLI runs on from its environment. Each adapter is imported only when its CI is
 * detected: their API clients are most of the bundle, and `mlci --help` must start fast.
 * The token for PR/MR comments is MLCI_TOKEN everywhere (on GitHub, GITHUB_TOKEN too, as workflows often
 * export it already).
 */
export async function detectPlatform(env: NodeJS.ProcessEnv, logger: Logger): Promise<Platform> {
  const token = env.MLCI_TOKEN || undefined;
  if (env.GITHUB_ACTIONS === 'true') {
    const { GitHubPlatform } = await import('@mlci/github');
    return new GitHubPlatform({ env, logger, token: token ?? (env.GITHUB_TOKEN || undefined) });
  }
  if (env.GITLAB_CI === 'true') {
    const { GitLabPlatform } = await import('@mlci/gitlab');
    return new GitLabPlatform({ env, logger, token });
  }
  if (env.JENKINS_URL) {
    const { JenkinsPlatform } = await import('@mlci/jenkins');
    return new JenkinsPlatform({ env, logger, token });
  }
  return new LocalPlatform(logger);
}
