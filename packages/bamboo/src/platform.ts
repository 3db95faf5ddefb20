import {
  apiOverridesFromEnv,
  type CiContext,
  type Logger,
  type OpenReviewHost,
  type Platform,
  type PublishOptions,
  publishCiReport,
  type StepReport,
} from '@mlci/core';
import { bambooContext } from './context';
import { bambooFullReportHint, bambooTokenAdvice } from './report';

export interface BambooPlatformOptions {
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** The review host's token for the pull request comment (MLCI_TOKEN, from the Script task's environment). */
  token?: string;
  /** Opens the review host a pull request is on (the CLI's reviewHostOpener); without one, no comment. */
  openReviewHost?: OpenReviewHost;
}

/**
 * Bamboo, a CI without a review host of its own. The plan's JUnit Parser task reads `<out>/<step>.junit.xml` and
 * its artifact keeps the reports (docs/bamboo.md); a pull request build (Bamboo's plan branches for pull requests)
 * also gets the report as a sticky comment on Bitbucket, GitHub or GitLab, when a token is given.
 */
export class BambooPlatform implements Platform {
  readonly name = 'bamboo' as const;
  private readonly env: NodeJS.ProcessEnv;
  private readonly logger: Logger;
  private readonly token: string | undefined;
  private readonly openReviewHost: OpenReviewHost | undefined;

  constructor(options: BambooPlatformOptions) {
    this.env = options.env;
    this.logger = options.logger;
    this.token = options.token || undefined;
    this.openReviewHost = options.openReviewHost;
  }

  context(): CiContext {
    return bambooContext(this.env);
  }

  async publish(report: StepReport, options: PublishOptions = {}): Promise<void> {
    await publishCiReport(report, options, {
      name: 'Bamboo',
      changeUrl: this.context().changeRequest?.url,
      token: this.token,
      overrides: apiOverridesFromEnv(this.env),
      openReviewHost: this.openReviewHost,
      logger: this.logger,
      tokenAdvice: bambooTokenAdvice,
      fullReportHint: bambooFullReportHint(this.env, report.files.markdown),
    });
  }
}
