import * as z from 'zod';
import type { StepReport } from './model';
import { reportIdFromJobName } from './report-id';

/** Where `--alert` raises an alert: an issue in the project's tracker (GitHub, GitLab). */
export const alertKinds = ['issue'] as const;
export type AlertKind = (typeof alertKinds)[number];

/** The `alert` option of steps that watch something on a schedule (validate-data's monitor). */
export const alertOption = z
  .enum(alertKinds)
  .optional()
  .describe(
    'Raise an alert when the run fails, for scheduled pipelines without a PR/MR: issue keeps one issue per model and alias (else per report id) on GitHub or GitLab, updated on each failing run and closed when a run passes. Where no issue tracker is known (Jenkins, plain CLI), the report file is the alert.',
  );

/** A sticky alert: one per marker, opened or updated on a failing run, closed by a passing one. */
export interface Alert {
  kind: AlertKind;
  /** Hidden first line of the body that finds it again, e.g. `<!-- mlci-alert:validate-data:churn@production -->`. */
  marker: string;
  /** The title: what is watched, the same on every run. */
  title: string;
}

/** The alert of a run, as a platform hands it to its issue tracker: marker, title and the run's report. */
export interface AlertReport {
  marker: string;
  title: string;
  /** Whether the run failed (open or update the issue) or passed (close it). */
  failed: boolean;
  markdown: string;
  /** Ends a report cut to fit the size limit: where the whole report is. */
  fullReportHint: string;
  /** The run's page, named in the comment that closes the issue. */
  runUrl?: string;
}

/**
 * The alert of a step's run: keyed by what the run watches (`subject`, e.g. `churn@production` for a reference
 * `registry:churn@production`), else by the report id, else by the step alone. The key is kept in an HTML comment,
 * so it is cleaned as a report id is.
 */
export function alertFor(
  kind: AlertKind,
  step: string,
  subject: string | undefined,
  reportId: string | undefined,
): Alert {
  const key = reportIdFromJobName(subject) ?? reportId;
  return {
    kind,
    marker: key === undefined ? `<!-- mlci-alert:${step} -->` : `<!-- mlci-alert:${step}:${key} -->`,
    title: key === undefined ? `mlci ${step} alert` : `mlci ${step} alert: ${key}`,
  };
}

/**
 * The alert where no issue tracker is known (Jenkins, a laptop, another CI): the report file is the alert and the
 * failed run's exit code (1) is what the scheduler sees. One line, on failing runs only.
 */
export function reportFileAlert(
  report: StepReport,
  alert: Alert | undefined,
  // Only info: the report layer stays below the platform's Logger, which any logger satisfies.
  logger: { info(message: string): void },
  where: string,
): void {
  if (alert === undefined || report.result.status === 'passed') return;
  logger.info(
    `alert: mlci keeps no issue ${where}; the alert is the report ${report.files.markdown} ` +
      '(the run fails with exit code 1: notify from the pipeline on failure)',
  );
}
