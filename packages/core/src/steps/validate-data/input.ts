import * as z from 'zod';
import type { StepResult } from '../../report/model';

export const dataFormats = ['csv', 'tsv', 'jsonl', 'parquet'] as const;
export type DataFormat = (typeof dataFormats)[number];

/** validate-data's options: the single declaration behind its flags, mlci.yaml keys and action inputs. */
export const validateDataInput = z.object({
  data: z.string().min(1).describe('Data file to check: CSV, TSV, JSON Lines (.jsonl, .ndjson) or Parquet.'),
  schema: z.string().min(1).optional().describe('Schema file (YAML) the data must satisfy.'),
  inferSchema: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Write a starting schema inferred from the data to this file (YAML), then check the data against it.',
    ),
  force: z.boolean().default(false).describe('Allow infer-schema to replace a file that already exists.'),
  format: z
    .enum(dataFormats)
    .optional()
    .describe('Format of the data file; by default taken from its extension.'),
  out: z.string().min(1).default('.mlci').describe('Directory the report files are written to.'),
});
export type ValidateDataInput = z.output<typeof validateDataInput>;

export interface ValidateDataResult extends StepResult {
  step: 'validate-data';
  data: {
    path: string;
    format: DataFormat;
    /** `sha256:<hex>` of the file's bytes: the identity lineage records refer to. */
    digest: string;
    rows: number;
    columns: number;
  };
  schema: { path: string; digest: string; inferred: boolean };
  counts: { passed: number; failed: number; warned: number };
}
