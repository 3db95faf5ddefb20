import { reportFileAlert } from '../report/alert';
import { commentMarker, legacyCommentMarker } from '../report/markdown';
import type { StepReport } from '../report/model';
import type { PublishOptions } from '../report/report-id';
import { apiOverridesFromEnv } from './change-url';
import type { CiContext, Logger, Platform, PlatformName } from './platform';
import { commentOnChangeRequest, type OpenReviewHost } from './review-host';

export interface ChangeRequestCiOptions {
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** The review host's token for the pull request comment (MLCI_TOKEN). */
  token?: string;
  /** Opens the review host a change request is on (the CLI's reviewHostOpener); without one, no comment. */
  openReviewHost?: OpenReviewHost;
}

/**
 * A CI without a review host of its own (Jenkins, Bamboo). Its report: where the files are (the pipeline records
 * the JUnit file and keeps the reports as artifacts), the alert as the report file (it keeps no issues), and on a
 * change request build the sticky comment on the review host of the request's page (context().changeRequest.url).
 * A subclass says what only it knows: its context, the token advice, where the full report is.
 */
export abstract class ChangeRequestCi implements Platform {
  abstract readonly name: PlatformName;
  /** `Jenkins`, `Bamboo`: in messages. */
  protected abstract readonly displayName: string;
  /** How this CI is given the token, said when there is none. */
  protected abstract readonly tokenAdvice: string;
  protected readonly env: NodeJS.ProcessEnv;
  protected readonly logger: Logger;
  private readonly token: string | undefined;
  private readonly openReviewHost: OpenReviewHost | undefined;

  constructor(options: ChangeRequestCiOptions) {
    this.env = options.env;
    this.logger = options.logger;
    this.token = options.token || undefined;
    this.openReviewHost = options.openReviewHost;
  }

  abstract context(): CiContext;

  /** Where the whole report is, for a comment cut to the host's limit: the build's artifacts. */
  protected abstract fullReportHint(report: StepReport): string;

  async publish(report: StepReport, options: PublishOptions = {}): Promise<void> {
    const { files } = report;
    this.logger.info(`report: ${files.markdown} (also ${files.json}, ${files.junit})`);
    reportFileAlert(report, options.alert, this.logger, `from ${this.displayName}`);
    const changeUrl = this.context().changeRequest?.url;
    if (!changeUrl) return;
    const step = report.result.step;
    const legacyMarker = legacyCommentMarker(step, options.reportId);
    await commentOnChangeRequest({
      changeUrl,
      token: this.token,
      overrides: apiOverridesFromEnv(this.env),
      openReviewHost: this.openReviewHost,
      comment: {
        marker: commentMarker(step, options.reportId),
        ...(legacyMarker === undefined ? {} : { legacyMarker }),
        markdown: report.markdown,
        fullReportHint: this.fullReportHint(report),
      },
      logger: this.logger,
      tokenAdvice: this.tokenAdvice,
    });
  }
}
