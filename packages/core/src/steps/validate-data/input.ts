import * as z from 'zod';
import { registryUriForms } from '../../registry/registry';
import { alertOption } from '../../report/alert';
import type { StepResult } from '../../report/model';
import { reportOptions } from '../../report/report-id';
import type { DataCheck } from './checks';
import type { HygieneSummary } from './hygiene';

export const dataFormats = ['csv', 'tsv', 'jsonl', 'parquet'] as const;
export type DataFormat = (typeof dataFormats)[number];

/** DuckDB's default max_line_size: the longest CSV/TSV record it reads unless told otherwise. */
export const defaultMaxLineSize = 2_000_000;
/** A bound on max-line-size: DuckDB fails with "Out of Memory" well before 10 GB, and a CSV field of a gigabyte is no table. */
export const maxMaxLineSize = 1_000_000_000;

/** Drift tests; `auto` picks by column type and reference size (see docs/validate-data.md). */
export const driftTests = ['auto', 'ks', 'chi-square', 'wasserstein', 'jensen-shannon', 'psi'] as const;
export type DriftTestOption = (typeof driftTests)[number];
export type DriftTest = Exclude<DriftTestOption, 'auto'>;

/** validate-data's options: the single declaration behind its flags, mlci.yaml keys and action inputs. */
export const validateDataInput = z
  .object({
    data: z
      .string()
      .min(1)
      .optional()
      .describe('Data file to check: CSV, TSV, JSON Lines (.jsonl, .ndjson) or Parquet.'),
    schema: z.string().min(1).optional().describe('Schema file (YAML) the data must satisfy.'),
    inferSchema: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Write a starting schema inferred from the data to this file (YAML), then check the data against it.',
      ),
    force: z
      .boolean()
      .default(false)
      .describe('Allow infer-schema and write-profile to replace a file that already exists.'),
    format: z
      .enum(dataFormats)
      .optional()
      .describe('Format of the data file; by default taken from its extension.'),
    reference: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Reference to compare the data with for drift: a data file, a profile from write-profile, or registry:NAME@ALIAS or registry:NAME@VERSION: the profile of the training data of that model version (kept by train --evidence from validate-data --write-profile), to compare production data with.',
      ),
    registry: z
      .string()
      .min(1)
      .default('file:.mlci/registry')
      .describe(`Model registry of a registry: reference: ${registryUriForms}.`),
    insecureRegistry: z
      .boolean()
      .default(false)
      .describe('Allow plain HTTP to an OCI registry that is not on localhost.'),
    writeProfile: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Write the data's profile (counts, quantile bin edges, category frequencies, digest) to this JSON file, to pin as a reference or merge.",
      ),
    mergeProfiles: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Profiles of the partitions of one data set (from write-profile) to check as a whole instead of data.',
      ),
    test: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Test set to check with data as the training set: duplicates, overlap, conflicting labels, unseen categories, leakage.',
      ),
    label: z.string().min(1).optional().describe('Label column of data and test, for the train/test checks.'),
    driftTest: z
      .enum(driftTests)
      .default('auto')
      .describe(
        'Drift test for columns whose schema names none; auto picks by column type and reference size.',
      ),
    driftThreshold: z
      .number()
      .positive()
      .optional()
      .describe(
        'Drift threshold for columns whose schema sets none: a p-value for ks and chi-square (drift at p <= it), a distance for the others (drift at >= it).',
      ),
    driftShare: z
      .number()
      .min(0)
      .max(1)
      .default(0.5)
      .describe(
        'The data set has drifted, and the gate fails, when at least this share of compared columns drift.',
      ),
    maxLineSize: z
      .number()
      .int()
      .min(1)
      .max(maxMaxLineSize)
      .default(defaultMaxLineSize)
      .describe(
        "Longest record of a CSV/TSV file read, in bytes (DuckDB's max_line_size); raise it for data with very long fields.",
      ),
    ...reportOptions,
    out: z.string().min(1).default('.mlci').describe('Directory the report files are written to.'),
    alert: alertOption,
  })
  // Cross-field rules live in the schema, so every front end names the options at fault its own way.
  .superRefine((input, context) => {
    const issue = (path: string, message: string) =>
      context.addIssue({ code: 'custom', path: [path], message });
    const merging = input.mergeProfiles.length > 0;
    if (input.data === undefined && !merging) issue('data', 'is required (or merge-profiles)');
    if (input.data !== undefined && merging)
      issue('mergeProfiles', 'replaces data: give one of them, not both');
    if (input.schema !== undefined && input.inferSchema !== undefined) {
      issue('inferSchema', 'writes a schema: give schema or infer-schema, not both');
    }
    if (merging && input.inferSchema !== undefined) {
      issue('inferSchema', 'needs the rows: it cannot infer a schema from merged profiles');
    }
    if (merging && input.test !== undefined)
      issue('test', 'needs the rows: it cannot run on merged profiles');
    if (input.label !== undefined && input.test === undefined) issue('label', 'needs test (the test set)');
    const tasks = [input.schema, input.inferSchema, input.reference, input.test, input.writeProfile];
    if (tasks.every((task) => task === undefined) && (input.data !== undefined || merging)) {
      // Named by the option that is there, so the message is not reduced to "schema is required".
      issue(
        merging ? 'mergeProfiles' : 'data',
        'nothing to do with it: give schema, infer-schema, reference, test or write-profile',
      );
    }
  });
export type ValidateDataInput = z.output<typeof validateDataInput>;

/** One column compared with the reference. */
export interface DriftColumn {
  column: string;
  kind: 'numeric' | 'categorical';
  test: DriftTest;
  /** The test's statistic: KS D, chi-square, normalized Wasserstein, Jensen-Shannon distance or PSI. */
  statistic: number;
  /** For ks and chi-square. */
  pValue?: number;
  threshold: number;
  drifted: boolean;
  /** Reference and current distributions on the same bins, for the report's chart. */
  chart?: { labels: string[]; reference: number[]; current: number[] };
  /** True when computed on a profile's histogram bins rather than the values (see docs: approximate). */
  binned?: boolean;
  /** Why a shared column was not compared (e.g. all null), when it was not. */
  skipped?: string;
  /**
   * Values of a text column that the reference never has (it lists all of its values): how many rows have them,
   * their share of the data's rows, how many distinct values, and the most frequent ones with their counts.
   */
  newValues?: { rows: number; share: number; values: number; examples: [string, number][] };
}

/** The model version a registry: reference resolved to; `alias` when it was named by one. */
export interface ReferenceModel {
  registry: string;
  name: string;
  version: string;
  alias?: string;
  /** The `sha256:` digest of the profile attachment read. */
  profileDigest: string;
}

export interface DriftSummary {
  reference: {
    path: string;
    kind: 'data' | 'profile';
    digest: string;
    rows: number;
    /** For a registry: reference, the model version whose training data's profile it is. */
    model?: ReferenceModel;
  };
  columns: DriftColumn[];
  /** Drifted columns / compared columns. */
  share: number;
  /** The dataset rule: drift when share >= shareThreshold. */
  shareThreshold: number;
  drifted: boolean;
}

export interface ValidateDataResult extends StepResult {
  step: 'validate-data';
  /** Failed contract rules name their first rows (`rows`: row, line for CSV/TSV, key, value). */
  checks: DataCheck[];
  /** The schema's key column that names failing rows (`role: id`, else `unique: true`), when the data has it. */
  keyColumn?: string;
  data: {
    /** The data file, or the profiles merged in its place. */
    path: string;
    format: DataFormat | 'profiles';
    /** `sha256:<hex>` of the file's bytes (of the merged profiles' data digests, in order, when merged). */
    digest: string;
    rows: number;
    columns: number;
  };
  /** Absent when no schema was given or inferred (a drift or train/test check alone). */
  schema?: { path: string; digest: string; inferred: boolean };
  drift?: DriftSummary;
  /** Train/test hygiene (with test): what each check found, as hygiene.ts summarises it. */
  hygiene?: HygieneSummary;
  /** The profile written by write-profile (train --evidence of this result keeps it on the model version). */
  profile?: { path: string; digest: string };
  counts: { passed: number; failed: number; warned: number };
}
