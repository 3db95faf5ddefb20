import { resolve } from 'node:path';
import { InputError } from '../../errors';
import { parseJson } from '../../io/json';
import { readInputFile } from '../../io/read-input';
import { metricValue } from '../../metrics/names';
import { setOwn } from '../../own-keys';

/** A side given as metrics rather than predictions: the numbers, and the evaluation data they came from if known. */
export interface MetricsFile {
  file: string;
  metrics: Record<string, number>;
  /** Absent when the file does not say (a plain `{"accuracy": 0.9}`): then "same data" cannot be shown. */
  dataDigest?: string;
}

const digestPattern = /^sha256:[0-9a-f]{64}$/;

/**
 * Reads a metrics JSON in one of three shapes: mlci's own `evaluate.json` (the candidate's values of an earlier
 * evaluation, with its data digest); `{"metrics": {...}, "data_digest": "sha256:..."}`; or a flat object of numbers
 * (what a training script writes, e.g. train's `--metrics` file), nested keys joined by dots, without a digest.
 */
export async function readMetricsFile(file: string, cwd: string): Promise<MetricsFile> {
  let text: string;
  try {
    text = (await readInputFile(resolve(cwd, file), file)).toString('utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let parsed: unknown;
  try {
    parsed = parseJson(text, file);
  } catch (error) {
    // Python's json.dump writes NaN and Infinity, which are not JSON: the usual way a NaN metric arrives.
    const nan = /\b(NaN|-?Infinity)\b/.exec(text);
    if (!nan) throw error;
    throw new InputError(
      `${file}: a metric is ${nan[1]}, which is not a number JSON can hold: fix the metric before the gate`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new InputError(`${file}: expected a JSON object of metrics`);
  const object = parsed as Record<string, unknown>;
  if (object.step === 'evaluate' && typeof object.metrics === 'object' && object.metrics !== null) {
    const metrics: Record<string, number> = {};
    for (const [name, comparison] of Object.entries(
      object.metrics as Record<string, { candidate?: unknown }>,
    )) {
      if (comparison?.candidate === null || comparison?.candidate === undefined) continue;
      setOwn(metrics, name, metricValue(file, name, comparison.candidate));
    }
    const digest = (object.data as { digest?: unknown } | undefined)?.digest;
    return {
      file,
      metrics,
      ...(typeof digest === 'string' && digestPattern.test(digest) ? { dataDigest: digest } : {}),
    };
  }
  const wrapped =
    typeof object.metrics === 'object' && object.metrics !== null && !Array.isArray(object.metrics);
  const metrics = flatten(file, wrapped ? (object.metrics as Record<string, unknown>) : object, '');
  const digest = wrapped ? object.data_digest : undefined;
  if (digest !== undefined && (typeof digest !== 'string' || !digestPattern.test(digest)))
    throw new InputError(`${file}: data_digest must be sha256:<64 hex digits>`);
  return { file, metrics, ...(typeof digest === 'string' ? { dataDigest: digest } : {}) };
}

function flatten(file: string, object: Record<string, unknown>, prefix: string): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const [key, value] of Object.entries(object)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      for (const [nested, metric] of Object.entries(flatten(file, value as Record<string, unknown>, name)))
        setOwn(metrics, nested, metric);
    else setOwn(metrics, name, metricValue(file, name, value));
  }
  return metrics;
}
