import type { Check, DriftColumn, DriftSummary, ValidateDataResult } from '@mlci/core';

/**
 * A validate-data result of a wide table, made by hand (no data is read), for testing what the report and
 * the platforms make of it: `columns` columns with four rules each (type, nullable, max, min), the first `failedColumns` breaking `min`, every
 * `driftEvery`-th column drifted (`drifted` of them), every compared column with a 10-bin chart.
 */
export interface WideResultOptions {
  columns: number;
  failedColumns: number;
  drifted: number;
  /** Columns not compared (e.g. all null), taken from the end. */
  skipped?: number;
  /** Share of drifted columns at which the data set fails. */
  shareThreshold?: number;
}

export const columnName = (index: number): string => `feature_${String(index).padStart(4, '0')}`;

const bins = [
  '[0, 10)',
  '[10, 20)',
  '[20, 30)',
  '[30, 40)',
  '[40, 50)',
  '[50, 60)',
  '[60, 70)',
  '[70, 80)',
  '[80, 90)',
  '[90, 100]',
];

function driftColumn(index: number, drifted: boolean): DriftColumn {
  const numeric = index % 2 === 0;
  const small = index % 3 === 0;
  // Spread the statistics so that ranking them means something: the later a drifted column, the stronger.
  const strength = drifted ? 2 + index / 100 : 0.2 + (index % 50) / 100;
  const reference = bins.map((_, bin) => 0.1 + (bin - 4.5) * 0.004);
  const current = reference.map((share, bin) => (drifted ? share * (bin < 5 ? 0.5 : 1.5) : share));
  const chart = { labels: bins, reference, current };
  if (small) {
    const threshold = 0.05;
    const pValue = drifted
      ? threshold / strength / 10 ** (index % 7)
      : Math.min(1, threshold * (1 + strength));
    return {
      column: columnName(index),
      kind: numeric ? 'numeric' : 'categorical',
      test: numeric ? 'ks' : 'chi-square',
      statistic: numeric ? 0.05 * strength : 3 * strength,
      pValue,
      threshold,
      drifted,
      chart,
    };
  }
  const threshold = 0.1;
  return {
    column: columnName(index),
    kind: numeric ? 'numeric' : 'categorical',
    test: numeric ? 'wasserstein' : 'jensen-shannon',
    statistic: drifted ? threshold * strength : threshold / (1 + strength),
    threshold,
    drifted,
    chart,
  };
}

export function wideResult(options: WideResultOptions): ValidateDataResult {
  const { columns, failedColumns, drifted } = options;
  const skipped = options.skipped ?? 0;
  const schemaFile = 'schemas/wide.yaml';
  const checks: Check[] = [];
  for (let index = 0; index < columns; index++) {
    const column = columnName(index);
    checks.push({
      name: 'type',
      column,
      status: 'passed',
      severity: 'error',
      message: 'all values are numbers',
    });
    checks.push({
      name: 'nullable',
      column,
      status: 'passed',
      severity: 'error',
      message: 'no value is missing',
    });
    checks.push({
      name: 'max',
      column,
      status: 'passed',
      severity: 'error',
      message: 'no value above 1000',
      location: { file: schemaFile, line: 4 + index * 4 },
    });
    const failing = index < failedColumns;
    checks.push({
      name: 'min',
      column,
      status: failing ? 'failed' : 'passed',
      severity: 'error',
      message: failing
        ? `${index + 1} values below the minimum 0 (smallest -${index + 3})`
        : 'no value below 0',
      observed: failing ? -(index + 3) : 0,
      expected: 0,
      location: { file: schemaFile, line: 3 + index * 4 },
    });
  }
  const driftEvery = Math.max(1, Math.floor((columns - skipped) / Math.max(drifted, 1)));
  const driftColumns: DriftColumn[] = [];
  let driftedSoFar = 0;
  for (let index = 0; index < columns; index++) {
    if (index >= columns - skipped) {
      driftColumns.push({
        column: columnName(index),
        kind: 'numeric',
        test: 'ks',
        statistic: Number.NaN,
        threshold: 0.05,
        drifted: false,
        skipped: 'all values are missing in the current data',
      });
      continue;
    }
    const isDrifted = driftedSoFar < drifted && index % driftEvery === driftEvery - 1;
    if (isDrifted) driftedSoFar++;
    driftColumns.push(driftColumn(index, isDrifted));
  }
  const compared = columns - skipped;
  const shareThreshold = options.shareThreshold ?? 0.5;
  const drift: DriftSummary = {
    reference: {
      path: '.mlci/reference.json',
      kind: 'profile',
      digest: `sha256:${'b'.repeat(64)}`,
      rows: 120000,
    },
    columns: driftColumns,
    share: driftedSoFar / compared,
    shareThreshold,
    drifted: driftedSoFar / compared >= shareThreshold,
  };
  const failed = checks.filter((check) => check.status === 'failed').length;
  return {
    step: 'validate-data',
    status: failed > 0 || drift.drifted ? 'failed' : 'passed',
    checks,
    data: { path: 'data/wide.csv', format: 'csv', digest: `sha256:${'a'.repeat(64)}`, rows: 100000, columns },
    schema: { path: schemaFile, digest: `sha256:${'c'.repeat(64)}`, inferred: false },
    drift,
    counts: { passed: checks.length - failed, failed, warned: 0 },
  };
}
