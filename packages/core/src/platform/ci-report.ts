import { reportFileAlert } from '../report/alert';
import { commentMarker, legacyCommentMarker } from '../report/markdown';
import type { StepReport } from '../report/model';
import type { PublishOptions } from '../report/report-id';
import { type ApiOverrides, apiOverridesFromEnv } from './change-url';
import type { CiContext, Logger, Platform, PlatformName } from './platform';
import { commentOnChangeRequest, type OpenReviewHost } from './review-host';

/** A CI that is not a review host (Jenkins, Bamboo): where its report goes, and how it reaches the change request. */
export interface ReportingCi {
  /** `Jenkins`, `Bamboo`: in messages. */
  name: string;
  /** The change request the build is for (its web page), when it is one. */
  changeUrl: string | undefined;
  token: string | undefined;
  overrides: ApiOverrides;
  openReviewHost: OpenReviewHost | undefined;
  logger: Logger;
  /** How this CI is given the token, said when there is none. */
  tokenAdvice: string;
  /** Where the whole report is when the comment is cut: the build's artifacts. */
  fullReportHint: string;
}

/**
 * What Jenkins and Bamboo do with a report: say where its files are (the pipeline records the JUnit file and keeps
 * the reports as artifacts), the alert as the report file (they keep no issues), and on a change request build the
 * sticky comment on its review host.
 */
export async function publishCiReport(
  report: StepReport,
  options: PublishOptions,
  ci: ReportingCi,
): Promise<void> {
  const { files } = report;
  ci.logger.info(`report: ${files.markdown} (also ${files.json}, ${files.junit})`);
  reportFileAlert(report, options.alert, ci.logger, `from ${ci.name}`);
  if (!ci.changeUrl) return;
  const step = report.result.step;
  const legacyMarker = legacyCommentMarker(step, options.reportId);
  await commentOnChangeRequest({
    changeUrl: ci.changeUrl,
    token: ci.token,
    overrides: ci.overrides,
    openReviewHost: ci.openReviewHost,
    comment: {
      marker: commentMarker(step, options.reportId),
      ...(legacyMarker === undefined ? {} : { legacyMarker }),
      markdown: report.markdown,
      fullReportHint: ci.fullReportHint,
    },
    logger: ci.logger,
    tokenAdvice: ci.tokenAdvice,
  });
}

export interface ChangeRequestCiOptions {
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** The review host's token for the pull request comment (MLCI_TOKEN). */
  token?: string;
  /** Opens the review host a change request is on (the CLI's reviewHostOpener); without one, no comment. */
  openReviewHost?: OpenReviewHost;
}

/**
 * A CI without a review host of its own (Jenkins, Bamboo): its context from its variables, its report through
 * publishCiReport. A subclass says what only it knows: its context, the change request's page, the token advice,
 * where the full report is.
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

  /** The web page of the change request this build is for; undefined outside one. */
  protected abstract changeUrl(): string | undefined;

  /** Where the whole report is, for a comment cut to the host's limit: the build's artifacts. */
  protected abstract fullReportHint(report: StepReport): string;

  async publish(report: StepReport, options: PublishOptions = {}): Promise<void> {
    await publishCiReport(report, options, {
      name: this.displayName,
      changeUrl: this.changeUrl(),
      token: this.token,
      overrides: apiOverridesFromEnv(this.env),
      openReviewHost: this.openReviewHost,
      logger: this.logger,
      tokenAdvice: this.tokenAdvice,
      fullReportHint: this.fullReportHint(report),
    });
  }
}
