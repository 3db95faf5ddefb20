import { maskUriCredentials } from '../report/mask-uri';
import type { StepReport } from '../report/model';
import type { PublishOptions } from '../report/report-id';

export type PlatformName = 'github' | 'gitlab' | 'jenkins' | 'bamboo' | 'local';

/** The CI run a step is part of, the same shape on every platform. */
export interface CiContext {
  platform: PlatformName;
  /** `owner/name` on GitHub, `group/project` on GitLab. */
  repository?: string;
  /** The repository's web address (`https://github.com/owner/name`), for provenance and source labels. */
  repositoryUrl?: string;
  commit?: string;
  branch?: string;
  /** The repository's default branch (`main`), the baseline branch of runs outside a PR/MR. */
  defaultBranch?: string;
  tag?: string;
  /** The pull request (GitHub) or merge request (GitLab) being built. */
  changeRequest?: { number: number; url?: string; targetBranch?: string; fromFork?: boolean };
  /** What started the run: `pull_request`, `push`, `merge_request_event`, … */
  event?: string;
  /** Link to this run's page, for reports that point back to the full artifacts. */
  runUrl?: string;
  /** The pipeline (GitHub workflow run, GitLab pipeline, Jenkins job) and the job in it, by the CI's own ids. */
  pipeline?: string;
  job?: string;
  /**
   * The job's name in the pipeline definition, the same on every run (GitLab CI_JOB_NAME; GitHub the job id
   * and the step's id, GITHUB_JOB/GITHUB_ACTION; Jenkins the stage, STAGE_NAME): the default report id.
   */
  jobName?: string;
  actor?: string;
}

/** `{ key: value }` when the CI said the value, `{}` when not: a context lists only what is known. */
export function definedField<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** A CI variable that holds a positive integer (a pull request's number), else undefined. */
export function positiveInteger(text: string | undefined): number | undefined {
  return text && /^[1-9][0-9]*$/.test(text) ? Number(text) : undefined;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

/**
 * The largest artifact archive downloaded for a baseline. It is held in memory (a zip's directory is at its
 * end), and a baseline is a report or a predictions file: keep it in an artifact of its own, not beside a model.
 */
export const maxBaselineArchiveBytes = 256 * 1024 * 1024;

/** A CI's stored artifacts of earlier runs, per branch (evaluate's branch baselines). */
export interface BranchArtifacts {
  /** For messages: 'GitLab job artifacts', 'GitHub Actions artifacts'. */
  readonly description: string;
  /**
   * The newest archive (zip bytes) named `name` made on `branch` by a successful run, with where it came
   * from (a URL or run id for the report); undefined when there is none.
   */
  latest(branch: string, name: string): Promise<{ archive: Uint8Array; origin: string } | undefined>;
}

/**
 * One CI system: where a step learns about its run and where it shows its report.
 * Publishing is best effort: a report that cannot be posted is a warning, never a changed verdict.
 */
export interface Platform {
  readonly name: PlatformName;
  context(): CiContext;
  publish(report: StepReport, options?: PublishOptions): Promise<void>;
  /** The CI's artifacts of earlier runs; absent where the CI keeps none mlci can read (local, Jenkins). */
  branchArtifacts?(): BranchArtifacts | undefined;
}

/** Logs to stderr, so stdout stays free for `--json`. */
export function stderrLogger(debug = false): Logger {
  // A URI's credentials never reach the log, wherever a message picked the URI up.
  const write = (line: string) => process.stderr.write(`${maskUriCredentials(line)}\n`);
  return {
    info: (message) => write(message),
    warn: (message) => write(`warning: ${message}`),
    debug: (message) => {
      if (debug) write(`debug: ${message}`);
    },
  };
}
