import { LocalPlatform, type Logger, type Platform, type PlatformName } from '@mlci/core';
import { reviewHostOpener } from './review-hosts';

/**
 * A CI mlci runs in: detected by a variable it always sets, its adapter imported only then (the API clients are
 * most of the bundle, and `mlci --help` must start fast). A CI that is not a review host itself (Jenkins, Bamboo) is given
 * the opener of the change request's review host. Adding a CI is a package and a line here.
 */
interface Ci {
  name: Exclude<PlatformName, 'local'>;
  detect(env: NodeJS.ProcessEnv): boolean;
  /** `token`: MLCI_TOKEN, the review host's token (on GitHub, GITHUB_TOKEN too). */
  open(env: NodeJS.ProcessEnv, logger: Logger, token: string | undefined): Promise<Platform>;
}

const cis: readonly Ci[] = [
  {
    name: 'github',
    detect: (env) => env.GITHUB_ACTIONS === 'true',
    async open(env, logger, token) {
      const { GitHubPlatform } = await import('@mlci/github');
      // Workflows often export GITHUB_TOKEN already.
      return new GitHubPlatform({ env, logger, token: token ?? (env.GITHUB_TOKEN || undefined) });
    },
  },
  {
    name: 'gitlab',
    detect: (env) => env.GITLAB_CI === 'true',
    async open(env, logger, token) {
      const { GitLabPlatform } = await import('@mlci/gitlab');
      return new GitLabPlatform({ env, logger, token });
    },
  },
  {
    name: 'jenkins',
    detect: (env) => Boolean(env.JENKINS_URL),
    async open(env, logger, token) {
      const { JenkinsPlatform } = await import('@mlci/jenkins');
      return new JenkinsPlatform({
        env,
        logger,
        token,
        openReviewHost: reviewHostOpener(reviewHostOptions(env)),
      });
    },
  },
  {
    name: 'bamboo',
    // Bamboo passes its variables to tasks as bamboo_*; bamboo_buildKey is set in every build.
    detect: (env) => Boolean(env.bamboo_buildKey),
    async open(env, logger, token) {
      const { BambooPlatform } = await import('@mlci/bamboo');
      return new BambooPlatform({
        env,
        logger,
        token,
        openReviewHost: reviewHostOpener(reviewHostOptions(env)),
      });
    },
  },
];

/** What the environment says of the review hosts' clients. */
function reviewHostOptions(env: NodeJS.ProcessEnv) {
  return env.MLCI_BITBUCKET_TOKEN_NAME ? { bitbucketTokenName: env.MLCI_BITBUCKET_TOKEN_NAME } : {};
}

/** Which CI the environment belongs to; `local` for none (a laptop, or a CI mlci does not know). */
export function detectPlatformName(env: NodeJS.ProcessEnv): PlatformName {
  return cis.find((ci) => ci.detect(env))?.name ?? 'local';
}

/** The platform the CLI runs on. The token for PR/MR comments is MLCI_TOKEN everywhere. */
export async function detectPlatform(env: NodeJS.ProcessEnv, logger: Logger): Promise<Platform> {
  const ci = cis.find((candidate) => candidate.detect(env));
  return ci ? ci.open(env, logger, env.MLCI_TOKEN || undefined) : new LocalPlatform(logger);
}
