import type * as z from 'zod';
import type { BranchArtifacts, CiContext, Logger } from './platform/platform';
import type { Progress } from './platform/progress';
import type { StepName, StepReport, StepResult } from './report/model';

/** What a step may know about where it runs: no CI-specific API, just the normalized context. */
export interface StepEnvironment {
  cwd: string;
  logger: Logger;
  /** For phases long enough to need it (scans of large files). */
  progress: Progress;
  context: CiContext;
  /** Artifacts of earlier runs on the CI (GitHub Actions, GitLab CI); absent elsewhere. */
  artifacts?: BranchArtifacts;
}

/**
 * A step: a zod input schema (the single declaration of its options) and a plain async function
 * from validated input to a report whose files are already written.
 */
export interface StepDefinition<S extends z.ZodObject = z.ZodObject, R extends StepResult = StepResult> {
  name: StepName;
  /** One line for `mlci --help`. */
  summary: string;
  input: S;
  /** The values of StepReport.outputs, with what each means (action outputs, GitLab dotenv variables). */
  outputs: Record<string, string>;
  run(input: z.output<S>, environment: StepEnvironment): Promise<StepReport<R>>;
  /** What an `--alert` of this step is about (`churn@production`), the key of its issue; else the report id. */
  alertSubject?(input: z.output<S>): string | undefined;
}

export function defineStep<S extends z.ZodObject, R extends StepResult>(
  definition: StepDefinition<S, R>,
): StepDefinition<S, R> {
  return definition;
}
