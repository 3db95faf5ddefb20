import * as z from 'zod';
import type { FileSet } from '../../io/file-set';
import { registryUriForms } from '../../registry/registry';
import type { StepResult } from '../../report/model';
import { reportOptions } from '../../report/report-id';

/** What may go into the run cache key; all of them by default (see docs/train.md, "The run cache"). */
export const cacheKeyParts = ['command', 'inputs', 'params', 'env', 'commit', 'runtime'] as const;
export type CacheKeyPart = (typeof cacheKeyParts)[number];

/** train's options: the single declaration behind its flags, mlci.yaml keys and action inputs. */
export const trainInput = z.object({
  command: z
    .string()
    .min(1)
    .describe('The training command, run by the shell (sh -c) in the working directory: any language.'),
  inputs: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'Files, directories and globs the command reads (data, and code when the cache key leaves out the commit); fingerprinted by content.',
    ),
  outputs: z
    .string()
    .min(1)
    .describe('Directory the command writes its model files to, inside the working directory.'),
  params: z
    .string()
    .min(1)
    .optional()
    .describe('Parameters file (YAML or JSON object) for the command; param values override its keys.'),
  param: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'A parameter as KEY=VALUE (the value read as YAML: 0.1 is a number); overrides the params file.',
    ),
  metrics: z
    .string()
    .min(1)
    .optional()
    .describe('JSON file of metrics the command writes (an object of numbers, nested keys joined by dots).'),
  timeout: z
    .number()
    .positive()
    // Node's timers hold at most 2^31 - 1 ms and fire at once past it: a longer timeout would kill at once.
    .max(2_147_483)
    .optional()
    .describe(
      'Seconds the command may run (at most 2,147,483, about 24 days); past it, the command and its children are killed and the step fails.',
    ),
  env: z
    .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected environment variable names'))
    .default([])
    .describe(
      'Environment variables that change the result (e.g. CUDA_VISIBLE_DEVICES): recorded, and part of the cache key.',
    ),
  cacheStore: z
    .string()
    .min(1)
    .default('.mlci/cache')
    .describe('Run cache: a directory, or oci://HOST[:PORT]/REPOSITORY to share it between runners.'),
  noCache: z
    .boolean()
    .default(false)
    .describe('Run the command even when the run cache has its result (the new result is still stored).'),
  cacheKeep: z
    .number()
    .int()
    .min(0)
    .default(20)
    .describe(
      'How many entries a directory run cache keeps (the most recently used; older ones and content only they held are deleted after each run); 0 keeps all.',
    ),
  cacheKey: z
    .array(z.enum(cacheKeyParts))
    .default([...cacheKeyParts])
    .describe('What the run cache key is made of: command, inputs, params, env, commit, runtime.'),
  register: z
    .string()
    .min(1)
    .optional()
    .describe('Register the outputs as a new version of this model, with the lineage record attached.'),
  registry: z.string().min(1).default('file:.mlci/registry').describe(`Model registry: ${registryUriForms}.`),
  evidence: z
    .array(z.string().min(1))
    .default([])
    .describe(
      "Step results to keep with the registered version as evidence for promote (e.g. .mlci/validate-data.json: the training data's validation, and the profile it wrote with write-profile, which validate-data --reference registry:NAME@ALIAS compares production data with), or a profile itself.",
    ),
  tracking: z
    .string()
    .min(1)
    .optional()
    .describe('Log the run to an MLflow tracking server: mlflow+http(s)://HOST[:PORT][/PATH].'),
  experiment: z
    .string()
    .min(1)
    .optional()
    .describe('MLflow experiment name; by default the repository name, else the model name, else "mlci".'),
  insecureRegistry: z
    .boolean()
    .default(false)
    .describe('Allow plain HTTP to an OCI registry that is not on localhost.'),
  ...reportOptions,
  out: z
    .string()
    .min(1)
    .default('.mlci')
    .describe('Directory the report files, run.json and provenance are written to.'),
});
export type TrainInput = z.output<typeof trainInput>;

export interface TrainResult extends StepResult {
  step: 'train';
  runId: string;
  command: {
    line: string;
    exitCode: number | null;
    signal: string | null;
    durationMs: number;
    timedOut: boolean;
  } | null;
  inputs: { digest: string; files: number; bytes: number };
  outputs: { path: string; digest: string; files: number; bytes: number } | null;
  params: Record<string, unknown>;
  metrics: Record<string, number>;
  cache: {
    store: string;
    key: string;
    /** hit: restored; miss: ran and stored; off: no-cache (ran without looking, stored); corrupt: an entry failed its digest check, ran. */
    status: 'hit' | 'miss' | 'off' | 'corrupt';
    /** The run that produced the restored outputs, on a hit. */
    producedBy?: string;
  };
  registered?: { registry: string; model: string; version: string; contentDigest: string; created: boolean };
  tracking?: { uri: string; runId: string; url: string };
  record: { runJson: string; provenance: string };
  /** Milliseconds per phase, for the benchmark and for users who wonder where the time went. */
  timings: Record<string, number>;
}

/** The sets a run fingerprints, for callers that need the entries (registry, cache). */
export interface RunFileSets {
  inputs: FileSet;
  outputs?: FileSet;
}
