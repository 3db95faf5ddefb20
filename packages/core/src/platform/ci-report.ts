import { reportFileAlert } from '../report/alert';
import { commentMarker, legacyCommentMarker } from '../report/markdown';
import type { StepReport } from '../report/model';
import type { PublishOptions } from '../report/report-id';
import type { ApiOverrides } from './change-url';
import type { Logger } from './platform';
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
