import * as z from 'zod';
import type { Alert } from './alert';

/**
 * The longest report id kept: the marker is invisible, but a GitLab job name can be 255 characters and a
 * marker that long only makes every comment body longer.
 */
export const reportIdMaxLength = 128;

/**
 * Characters a report id may not hold: the marker is an HTML comment (`<!-- mlci:STEP:ID -->`), so `<` and `>`
 * (which could close it or open another) are out, and so are line breaks and other control characters (the
 * marker is the comment's first line, compared whole).
 */
const unsafe = /[<>\p{Cc}]/u;

/**
 * Options every step shares about its published report; spread into each step's input schema, so the flag,
 * mlci.yaml key, action input, GitLab input and Jenkins argument all derive from this one declaration.
 */
export const reportOptions = {
  reportId: z
    .string()
    .trim()
    .min(1)
    .max(reportIdMaxLength)
    .refine(
      (id) => !unsafe.test(id),
      'may not contain <, > or control characters (it is kept in an HTML comment)',
    )
    .optional()
    .describe(
      "Which PR/MR comment this job's report keeps updating; by default the CI job's name (GitLab job, GitHub job and step id, Jenkins stage), so two jobs of one step keep one comment each.",
    ),
};

/**
 * The report id a CI job name gives: characters a marker cannot hold become `_`, and it is cut to the length
 * an explicit id may have. Undefined for an empty name.
 */
export function reportIdFromJobName(name: string | undefined): string | undefined {
  const id = name?.replace(new RegExp(unsafe.source, 'gu'), '_').trim().slice(0, reportIdMaxLength);
  return id ? id : undefined;
}

/** How a platform learns which comment a report keeps updating. */
export interface PublishOptions {
  /** `--report-id`, else the CI job's name; without one, the step's own marker (one comment per step). */
  reportId?: string;
  /**
   * `--alert`: besides the report, keep this alert's issue (opened or updated when the report failed, closed when
   * it passed). Platforms without an issue tracker say so in one line; the report file is the alert there.
   */
  alert?: Alert;
}
