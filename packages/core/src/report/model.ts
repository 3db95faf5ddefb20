export type StepName = 'validate-data' | 'train' | 'evaluate' | 'build-image' | 'promote';
export type StepStatus = 'passed' | 'failed';
/** skipped: a check that could not apply (evaluate's relative gates before there is a baseline). */
export type CheckStatus = 'passed' | 'failed' | 'warned' | 'skipped';
export type Severity = 'error' | 'warn';

/** One verdict of a step: a schema rule on a column, a gate on a metric. One JUnit testcase each. */
export interface Check {
  /** Rule name, e.g. `type`, `min`, `allowed`, `unique`. */
  name: string;
  /** The column (or metric) the check is about; absent for table-level checks. */
  column?: string;
  status: CheckStatus;
  severity: Severity;
  message: string;
  observed?: unknown;
  expected?: unknown;
  /** Where the rule was written, so a platform can annotate the line. */
  location?: { file: string; line?: number };
}

/** Every `<step>.json` has at least these fields. */
export interface StepResult {
  step: StepName;
  status: StepStatus;
  checks: Check[];
}

export interface ReportFiles {
  json: string;
  markdown: string;
  junit: string;
}

/** What a step returns once its report files are written: everything a platform needs to publish it. */
export interface StepReport<R extends StepResult = StepResult> {
  result: R;
  /** One line, e.g. `validate-data failed: 3 of 120 checks failed`. */
  headline: string;
  /** The full human report (also in files.markdown). */
  markdown: string;
  /** Values for action outputs and GitLab dotenv, keyed in kebab-case. */
  outputs: Record<string, string>;
  files: ReportFiles;
}

export function statusOf(checks: readonly Check[]): StepStatus {
  return checks.some((check) => check.status === 'failed') ? 'failed' : 'passed';
}
