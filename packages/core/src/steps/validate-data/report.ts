import { mermaidText, xychartFor } from '../../report/chart';
import { literalText, table } from '../../report/markdown';
import type { Check } from '../../report/model';
import { type DataCheck, type FailingRow, show } from './checks';
import { formatLabels } from './data';
import { renderHygiene } from './hygiene';
import type { DriftColumn, DriftSummary, DriftTest, ValidateDataResult } from './input';

/** Moved to report/markdown.ts (evaluate's report shows data text too); still exported here for its callers. */
export { literalText };

/** Longest expected/observed text shown in a table cell; the JSON result has the full values. */
const maxValueLength = 80;

/** One line for logs, comments and the job summary title. */
export function headlineOf(result: ValidateDataResult): string {
  const { passed, failed, warned } = result.counts;
  const total = passed + failed + warned;
  const where = `(${result.data.path}, ${result.data.rows} ${result.data.rows === 1 ? 'row' : 'rows'})`;
  if (failed > 0) return `validate-data failed: ${failed} of ${total} checks failed ${where}`;
  if (warned > 0) {
    return `validate-data passed with ${warned} ${warned === 1 ? 'warning' : 'warnings'}: ${passed} of ${total} checks passed ${where}`;
  }
  return `validate-data passed: ${total} ${total === 1 ? 'check' : 'checks'} passed ${where}`;
}

/**
 * The human report, most important first, because a PR/MR comment keeps only the head of it when it is too
 * long (fitToLimit): the headline and the one-line drift verdict, failed checks, warnings, the drift table
 * (drifted columns in full, the columns nearest their threshold after them), charts of the most drifted
 * columns, train/test hygiene, then, folded, every compared column and the passed checks grouped by column.
 */
export function renderReport(result: ValidateDataResult): string {
  const { counts, data, schema, drift } = result;
  const emoji = counts.failed > 0 ? '❌' : counts.warned > 0 ? '⚠️' : '✅';
  const lines = [
    `## ${emoji} ${headlineOf(result)}`,
    '',
    `**Data:** \`${data.path}\` (${data.format === 'profiles' ? 'merged profiles' : formatLabels[data.format]}, ${data.rows} rows, ${data.columns} columns, \`${data.digest}\`)  `,
    ...(schema
      ? [`**Schema:** \`${schema.path}\`${schema.inferred ? ' (inferred from this data)' : ''}  `]
      : []),
    ...(drift
      ? [
          `**Reference:** \`${drift.reference.path}\` (${drift.reference.kind === 'profile' ? 'profile' : 'data'}, ${drift.reference.rows} rows, \`${drift.reference.digest}\`)  `,
          `**Drift:** ${driftVerdict(drift)}  `,
        ]
      : []),
    `**Checks:** ${counts.passed} passed, ${counts.failed} failed, ${counts.warned} warned`,
  ];
  const failed = result.checks.filter((check) => check.status === 'failed');
  const warned = result.checks.filter((check) => check.status === 'warned');
  const passed = result.checks.filter((check) => check.status === 'passed');
  if (failed.length > 0)
    lines.push('', `### Failed (${failed.length})`, '', violations(failed, result.keyColumn));
  // A drifted column's own warning is a row of the drift table; listing it twice would only lengthen the comment.
  const columnDrift = (check: Check) =>
    drift !== undefined && check.name === 'drift' && check.column !== undefined;
  const warnedShown = warned.filter((check) => !columnDrift(check));
  const warnedInDrift = warned.length - warnedShown.length;
  if (warnedShown.length > 0) {
    lines.push('', `### Warnings (${warned.length})`, '', violations(warnedShown, result.keyColumn));
    if (warnedInDrift > 0)
      lines.push(
        '',
        `… and ${warnedInDrift} drifted ${warnedInDrift === 1 ? 'column' : 'columns'}: see the drift table.`,
      );
  } else if (warnedInDrift > 0) {
    lines.push(
      '',
      `### Warnings (${warned.length})`,
      '',
      `${warnedInDrift} drifted ${warnedInDrift === 1 ? 'column' : 'columns'}: see the drift table.`,
    );
  }
  const ranked = drift ? rankDrift(drift.columns) : undefined;
  if (drift && ranked) lines.push(...driftSection(drift, ranked));
  if (result.hygiene) lines.push('', renderHygiene(result.hygiene).trimEnd());
  if (ranked && (ranked.compared.length > shownDriftRows(ranked) || ranked.skipped.length > namedSkipped)) {
    lines.push(
      '',
      `<details><summary>Drift of every column (${ranked.compared.length} compared${ranked.skipped.length > 0 ? `, ${ranked.skipped.length} not compared` : ''})</summary>`,
      '',
      driftTable([...ranked.compared, ...ranked.skipped]),
      '',
      '</details>',
    );
  }
  if (passed.length > 0) {
    lines.push(
      '',
      `<details><summary>Passed (${passed.length})</summary>`,
      '',
      passedTable(passed),
      '',
      '</details>',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Columns charted, most drifted first: a comment stays readable and small with a handful of charts. */
export const chartedColumns = 5;
/** Compared columns that did not drift, shown in the drift table after the drifted ones (nearest first). */
const nearestShown = 10;
/** Up to this many compared columns, the drift table shows them all. */
const allShownUpTo = 25;
/** Columns not compared that the drift section names; the folded table of every column has them all. */
const namedSkipped = 20;
/** Longest bin label on a chart's x-axis; the chart is a picture, the exact edges are in the JSON result. */
const maxBinLabelLength = 18;

interface RankedDrift {
  /** Compared columns, most drifted first: drifted ones before the others, then by how far past the threshold. */
  compared: DriftColumn[];
  drifted: DriftColumn[];
  skipped: DriftColumn[];
}

function rankDrift(columns: readonly DriftColumn[]): RankedDrift {
  const compared = columns
    .filter((column) => column.skipped === undefined)
    .map((column) => ({ column, severity: severityOf(column) }))
    .sort(
      (a, b) =>
        Number(b.column.drifted) - Number(a.column.drifted) ||
        b.severity - a.severity ||
        a.column.column.localeCompare(b.column.column),
    )
    .map(({ column }) => column);
  return {
    compared,
    drifted: compared.filter((column) => column.drifted),
    skipped: columns.filter((column) => column.skipped !== undefined),
  };
}

/** Tests whose threshold is a p-value: drift at p <= threshold. The others are distances: drift at >= it. */
function isPValueTest(test: DriftTest): boolean {
  return test === 'ks' || test === 'chi-square';
}

/**
 * How far a column is past its threshold, comparable across tests: 1 at the threshold, above 1 drifted.
 * A p-value of 0 (underflow) is the most drifted there is.
 */
function severityOf(column: DriftColumn): number {
  if (isPValueTest(column.test) && column.pValue !== undefined) {
    return column.pValue <= 0 ? Number.POSITIVE_INFINITY : column.threshold / column.pValue;
  }
  const severity = column.statistic / column.threshold;
  return Number.isNaN(severity) ? Number.NEGATIVE_INFINITY : severity;
}

function percent(share: number): string {
  return `${Number((share * 100).toFixed(1))} %`;
}

/** One line: how many columns drifted and whether that fails the data set's gate. */
export function driftVerdict(drift: DriftSummary): string {
  const compared = drift.columns.filter((column) => column.skipped === undefined).length;
  const drifted = drift.columns.filter((column) => column.skipped === undefined && column.drifted).length;
  const counted = `${drifted} of ${compared} compared ${compared === 1 ? 'column' : 'columns'} drifted (${percent(drift.share)})`;
  return drift.drifted
    ? `❌ the data set drifted: ${counted}, at or over the gate's ${percent(drift.shareThreshold)}`
    : `✅ ${counted}, under the gate's ${percent(drift.shareThreshold)}`;
}

function shownDriftRows(ranked: RankedDrift): number {
  const total = ranked.compared.length;
  return total <= allShownUpTo ? total : Math.min(total, ranked.drifted.length + nearestShown);
}

function driftSection(drift: DriftSummary, ranked: RankedDrift): string[] {
  const lines = ['', `### Drift against the reference`, '', driftVerdict(drift)];
  const shown = ranked.compared.slice(0, shownDriftRows(ranked));
  if (shown.length > 0) lines.push('', driftTable(shown));
  const notShown = ranked.compared.length - shown.length;
  if (notShown > 0) {
    lines.push(
      '',
      `${notShown} more compared ${notShown === 1 ? 'column' : 'columns'} did not drift (further from the threshold than those above); every column is listed below.`,
    );
  }
  if (ranked.skipped.length > 0) {
    const named = ranked.skipped
      .slice(0, namedSkipped)
      .map((column) => `\`${column.column}\` (${column.skipped})`)
      .join(', ');
    const more =
      ranked.skipped.length > namedSkipped ? `, and ${ranked.skipped.length - namedSkipped} more` : '';
    lines.push('', `Not compared: ${named}${more}.`);
  }
  const charted = ranked.drifted.filter((column) => column.chart !== undefined).slice(0, chartedColumns);
  if (charted.length > 0) {
    lines.push(
      '',
      `#### ${charted.length === 1 ? 'The drifted column' : `The ${charted.length} most drifted columns`}: reference (bars) and current (line)`,
    );
    for (const column of charted) lines.push('', chartCaption(column), '', driftChart(column));
  }
  return lines;
}

const testLabels: Record<DriftTest, string> = {
  ks: 'KS',
  'chi-square': 'chi-square',
  wasserstein: 'Wasserstein / std',
  'jensen-shannon': 'Jensen-Shannon',
  psi: 'PSI',
};

/** The test's name; `on bins` when it ran on a profile's histogram instead of the values (approximate). */
function testLabel(column: DriftColumn): string {
  return `${testLabels[column.test]}${column.binned ? ' (on bins)' : ''}`;
}

function driftTable(columns: readonly DriftColumn[]): string {
  const withPValue = columns.some((column) => column.pValue !== undefined);
  return table(
    ['Column', 'Test', 'Statistic', ...(withPValue ? ['p-value'] : []), 'Drift at', 'Drifted'],
    columns.map((column) => [
      column.column,
      column.skipped === undefined ? testLabel(column) : '',
      column.skipped === undefined ? formatNumber(column.statistic) : '',
      ...(withPValue ? [column.pValue === undefined ? '' : formatNumber(column.pValue)] : []),
      column.skipped === undefined ? thresholdText(column) : '',
      column.skipped !== undefined ? `not compared: ${column.skipped}` : column.drifted ? '❌ yes' : '✅ no',
    ]),
  );
}

function thresholdText(column: DriftColumn): string {
  return isPValueTest(column.test)
    ? `p ≤ ${formatNumber(column.threshold)}`
    : `≥ ${formatNumber(column.threshold)}`;
}

/** Four significant digits; very small or large values (p-values) in exponent form. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e6) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

function chartCaption(column: DriftColumn): string {
  const p = column.pValue === undefined ? '' : `, p = ${formatNumber(column.pValue)}`;
  return `**${column.column.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`)}**: ${testLabel(column)} ${formatNumber(column.statistic)}${p} (drift at ${thresholdText(column)})`;
}

/** Shares of rows per bin; counts are turned into shares so both series share one axis. */
function shares(values: readonly number[]): number[] {
  const total = values.reduce((sum, value) => sum + value, 0);
  const scaled = total > 1 + 1e-9 ? values.map((value) => value / total) : values;
  return scaled.map((value) => Number(value.toFixed(4)));
}

/**
 * A Mermaid xychart of one column's distribution on the reference's bins: the reference as bars, the current
 * data as a line (xychart draws a second bar series over the first, so bar + line keeps both visible). With
 * more bins than fit side by side (a 20-bin histogram), the chart is horizontal: one label per line, none overlap.
 */
export function driftChart(column: DriftColumn): string {
  const chart = column.chart;
  if (chart === undefined) return '';
  const reference = shares(chart.reference);
  const current = shares(chart.current);
  const top = Math.max(...reference, ...current, 0);
  // The y-axis starts at 0, so bar heights compare; its top is rounded up to a multiple of 0.05.
  const yMax = Math.min(1, Math.max(0.05, Math.ceil(top * 20) / 20));
  const labels = chart.labels.map((label) => mermaidText(label, maxBinLabelLength));
  return [
    '```mermaid',
    xychartFor(labels),
    `  title "${mermaidText(column.column, 60)}: reference (bars) vs current (line)"`,
    `  x-axis [${labels.map((label) => `"${label}"`).join(', ')}]`,
    `  y-axis "share of rows" 0 --> ${yMax}`,
    `  bar [${reference.join(', ')}]`,
    `  line [${current.join(', ')}]`,
    '```',
  ].join('\n');
}

function violations(checks: readonly DataCheck[], keyColumn: string | undefined): string {
  const withRows = checks.some((check) => (check.rows?.length ?? 0) > 0);
  return table(
    ['Column', 'Rule', 'Expected', 'Observed', 'Message', ...(withRows ? ['First failing rows'] : [])],
    // Names, values and messages hold the data's text: shown literally (see literalText).
    checks.map((check) => [
      literalText(check.column ?? '(table)'),
      check.location?.line === undefined ? check.name : `${check.name} (line ${check.location.line})`,
      literalText(brief(check.expected)),
      literalText(brief(check.observed)),
      literalText(check.message),
      ...(withRows ? [failingRowsText(check.rows ?? [], keyColumn)] : []),
    ]),
  );
}

/** Longest value of a failing row shown in the report; the JSON result has it whole. */
const maxRowValueLength = 40;

/** `line 7 (id 42): "abc"` per row; text from the data made literal (see literalText). */
export function failingRowsText(rows: readonly FailingRow[], keyColumn: string | undefined): string {
  return rows
    .map((row) => {
      const where = row.line === undefined ? `row ${row.row}` : `line ${row.line}`;
      const key =
        keyColumn === undefined || row.key === undefined
          ? ''
          : ` (${literalText(keyColumn)} ${literalText(shorten(show(row.key), maxRowValueLength))})`;
      return `${where}${key}: ${literalText(shorten(show(row.value), maxRowValueLength))}`;
    })
    .join('; ');
}

function shorten(text: string, maxLength: number): string {
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

function passedTable(checks: readonly Check[]): string {
  const byColumn = new Map<string, string[]>();
  for (const check of checks) {
    const column = check.column ?? '(table)';
    const rules = byColumn.get(column) ?? [];
    rules.push(check.name);
    byColumn.set(column, rules);
  }
  return table(
    ['Column', 'Rules passed'],
    [...byColumn].map(([column, rules]) => [column, rules.join(', ')]),
  );
}

function brief(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > maxValueLength ? `${text.slice(0, maxValueLength - 1)}…` : text;
}
