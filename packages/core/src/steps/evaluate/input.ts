import * as z from 'zod';
import { registryUriForms } from '../../registry/registry';
import { modelRefPattern } from '../../registry/version-ref';
import type { StepResult } from '../../report/model';
import { reportOptions } from '../../report/report-id';
import type { ChosenTask } from './task';

export const evaluationTasks = ['auto', 'classification', 'regression'] as const;

/**
 * evaluate's options: the single declaration behind its flags, mlci.yaml keys and action inputs.
 * Not yet registered as a step (issue 5 in progress): the gate rules and their parser are in gates.ts.
 */
export const evaluateInput = z.object({
  candidate: z
    .string()
    .min(1)
    .describe(
      "The candidate model's evaluation: a predictions file (CSV, Parquet, JSON Lines) or a metrics JSON.",
    ),
  baseline: z
    .string()
    .min(1)
    .optional()
    .describe(
      'What to compare with: a predictions file or metrics JSON, or registry:NAME@VERSION or registry:NAME@ALIAS (the evaluation stored on that model version by attach-to; an alias such as production stands for the version it points at), or branch:NAME or target-branch (baseline-file in the newest baseline-artifact of that branch on GitHub Actions or GitLab CI; target-branch is the PR/MR target, else the default branch).',
    ),
  baselineArtifact: z
    .string()
    .min(1)
    .default('evaluate')
    .describe(
      'For branch baselines: the GitLab job whose artifacts are read, or the name of the GitHub Actions artifact.',
    ),
  baselineFile: z
    .string()
    .min(1)
    .default('evaluate.json')
    .describe(
      'For branch baselines: the file in the artifact, a path or a file name (evaluate.json, or a predictions file for paired statistics).',
    ),
  labelColumn: z
    .string()
    .min(1)
    .default('label')
    .describe('Column of the true labels (or values) in predictions files.'),
  predictionColumn: z
    .string()
    .min(1)
    .default('prediction')
    .describe('Column of the predicted labels (or values) in predictions files.'),
  scoreColumn: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Column of the probability of the positive class, for roc_auc, average_precision and log_loss.',
    ),
  positiveLabel: z
    .string()
    .min(1)
    .optional()
    .describe(
      'The positive class of a binary task; by default the greater of the two labels, as scikit-learn takes it.',
    ),
  sliceColumn: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'Columns to slice the metrics by (each value of each column is a slice; a numeric column of more than 10 values is cut into 5 quantile bins).',
    ),
  task: z
    .enum(evaluationTasks)
    .default('auto')
    .describe(
      "classification or regression; auto decides as scikit-learn's type_of_target on labels and predictions: regression when either holds non-integer numbers (unless score-column is given), else classification.",
    ),
  gate: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'Gates: METRIC>=V, METRIC<=V, METRIC:max_drop=V, METRIC:max_drop_pct=P, METRIC:non_inferior=MARGIN, mcnemar:alpha=A, each optionally @SLICE.',
    ),
  resamples: z
    .number()
    .int()
    .min(100)
    // Memory and time grow with it (a double per resample and metric, each resample a pass over the rows);
    // past this the Monte-Carlo error of a bound is far below any gate's margin.
    .max(100_000)
    .default(1000)
    .describe('Paired bootstrap resamples for the intervals (at most 100,000).'),
  confidence: z.number().gt(0).lt(1).default(0.95).describe('Confidence level of the bootstrap intervals.'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional()
    .describe(
      'Seed of the bootstrap (an unsigned 32-bit integer); by default a fixed one, so a rerun gives the same intervals.',
    ),
  allowDifferentData: z
    .boolean()
    .default(false)
    .describe(
      'Compare even when candidate and baseline were evaluated on different data (the report says so).',
    ),
  rescoreCommand: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Re-score a registry: baseline's model on the current data when its stored evaluation was made on other data: runs with MLCI_BASELINE_MODEL (the version's files) and must write MLCI_PREDICTIONS.",
    ),
  attachTo: z
    .string()
    .regex(modelRefPattern, 'expected NAME, NAME@VERSION, NAME@ALIAS or NAME@latest')
    .optional()
    .describe(
      "Store this evaluation on the model version NAME@VERSION (a number, an alias, latest) of the registry, as evidence for promote; NAME alone: the newest version registered from this commit (git HEAD, else the CI's commit), the one train --register made in this pipeline.",
    ),
  registry: z
    .string()
    .min(1)
    .default('file:.mlci/registry')
    .describe(`Model registry for attach-to and registry: baselines: ${registryUriForms}.`),
  insecureRegistry: z
    .boolean()
    .default(false)
    .describe('Allow plain HTTP to an OCI registry that is not on localhost.'),
  ...reportOptions,
  out: z.string().min(1).default('.mlci').describe('Directory the report files are written to.'),
});
export type EvaluateInput = z.output<typeof evaluateInput>;

export interface MetricComparison {
  candidate: number | null;
  baseline: number | null;
  delta: number | null;
  ci: [number, number] | null;
}

export interface GateResult {
  metric: string;
  rule: string;
  slice?: string;
  /** skipped: a relative gate when the baseline's alias has no holder yet (the message says so). */
  status: 'passed' | 'failed' | 'skipped';
  message: string;
}

export interface SliceResult {
  column: string;
  value: string;
  rows: number;
  metrics: Record<string, MetricComparison>;
}

export interface EvaluateResult extends StepResult {
  step: 'evaluate';
  candidate: { source: string; kind: 'predictions' | 'metrics' };
  /**
   * `version`: the registry model version a registry: baseline resolved to (promote checks it). Kind `absent`: a
   * registry: alias no version holds yet (`reason` says so); the relative gates were skipped.
   */
  baseline:
    | {
        source: string;
        kind: 'predictions' | 'metrics';
        version?: { model: string; version: string; registry: string };
      }
    | { source: string; kind: 'absent'; reason: string }
    | null;
  /** The task the candidate's predictions were taken as, and why (absent for a metrics JSON). */
  task?: ChosenTask;
  /** The evaluation data: the candidate's digest, and whether the baseline was evaluated on the same. */
  data: { digest: string | null; rows: number | null; same: boolean | null };
  metrics: Record<string, MetricComparison>;
  gates: GateResult[];
  slices: SliceResult[];
  confusion?: { classes: string[]; matrix: number[][] };
  mcnemar?: { b: number; c: number; pValue: number; method: string };
  /** Why a metric is null, or how an ill-defined value was counted (scikit-learn's warnings in mlci's words). */
  notes: Record<string, string>;
  bootstrap: { resamples: number; confidence: number; seed: number };
  /** The model version this evaluation was stored on (attach-to). */
  attachedTo?: string;
}
