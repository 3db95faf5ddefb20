import { mermaidText, xychartFor } from '../../report/chart';
import { codeSpan, heading, InlineMarkdown, literalText, md, plural, table } from '../../report/markdown';
import type { Check } from '../../report/model';
import { type DataCheck, type FailingRow, show } from './checks';
import { formatLabels } from './data';
import { modelVersionText } from './drift';
import { renderHygiene } from './hygiene';
import { hygieneKeys } from './hygiene-config';
import type { DriftColumn, DriftSummary, DriftTest, ValidateDataResult } from './input';

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
    heading(2, md`${emoji} ${headlineOf(result)}`),
    '',
    `${md`**Data:** ${codeSpan(data.path)} (${data.format === 'profiles' ? 'merged profiles' : formatLabels[data.format]}, ${data.rows} rows, ${data.columns} columns, ${codeSpan(data.digest)})`}  `,
    ...(schema
      ? [
          `${md`**Schema:** ${codeSpan(schema.path)}${schema.inferred ? ' (inferred from this data)' : ''}`}  `,
        ]
      : []),
    ...(drift
      ? [
          drift.reference.model
            ? `${md`**Reference:** ${codeSpan(drift.reference.path)}: the training data of ${modelVersionText(drift.reference.model)} in ${codeSpan(drift.reference.model.registry)} (profile, ${drift.reference.rows} rows, ${codeSpan(drift.reference.digest)})`}  `
            : `${md`**Reference:** ${codeSpan(drift.reference.path)} (${drift.reference.kind === 'profile' ? 'profile' : 'data'}, ${drift.reference.rows} rows, ${codeSpan(drift.reference.digest)})`}  `,
          `**Drift:** ${driftVerdict(drift)}  `,
        ]
      : []),
    `**Checks:** ${counts.passed} passed, ${counts.failed} failed, ${counts.warned} warned`,
  ];
  const failed = result.checks.filter((check) => check.status === 'failed');
  const warned = result.checks.filter((check) => check.status === 'warned');
  const passed = result.checks.filter((check) => check.status === 'passed');
  const examplesInHygiene = result.hygiene !== undefined;
  if (failed.length > 0)
    lines.push(
      '',
      `### Failed (${failed.length})`,
      '',
      violations(failed, result.keyColumn, examplesInHygiene),
    );
  // A drifted column's own warning is a row of the drift table; listing it twice would only lengthen the comment.
  const columnDrift = (check: Check) =>
    drift !== undefined && check.name === 'drift' && check.column !== undefined;
  const warnedShown = warned.filter((check) => !columnDrift(check));
  const warnedInDrift = warned.length - warnedShown.length;
  if (warnedShown.length > 0) {
    lines.push(
      '',
      `### Warnings (${warned.length})`,
      '',
      violations(warnedShown, result.keyColumn, examplesInHygiene),
    );
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
      .map((column) => md`${codeSpan(column.column)} (${column.skipped ?? ''})`)
      .join(', ');
    const more =
      ranked.skipped.length > namedSkipped ? `, and ${ranked.skipped.length - namedSkipped} more` : '';
    lines.push('', `Not compared: ${named}${more}.`);
  }
  const withNewValues = ranked.compared.filter((column) => column.newValues !== undefined);
  if (withNewValues.length > 0) lines.push('', newValuesText(withNewValues));
  const charted = ranked.drifted.filter((column) => column.chart !== undefined).slice(0, chartedColumns);
  if (charted.length > 0) {
    lines.push(
      '',
      `#### ${charted.length === 1 ? 'The drifted column' : `The ${charted.length} most drifted columns`}: the data against the reference`,
    );
    if (charted.some((column) => column.kind === 'numeric'))
      lines.push(
        '',
        "A numeric column is drawn on the reference's 5 % quantile bins, at equal width: the reference (line) has about 5 % of its rows in each, so a bar above the line is where the data has more rows than the reference. Not a histogram: a bin's width on the chart is not its width in values.",
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
      literalText(column.column),
      column.skipped === undefined ? testLabel(column) : '',
      column.skipped === undefined ? formatNumber(column.statistic) : '',
      ...(withPValue ? [column.pValue === undefined ? '' : formatNumber(column.pValue)] : []),
      column.skipped === undefined ? thresholdText(column) : '',
      column.skipped !== undefined
        ? md`not compared: ${column.skipped}`
        : `${column.drifted ? '❌ yes' : '✅ no'}${column.newValues ? ` (${plural(column.newValues.values, 'new value')})` : ''}`,
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
  // The name as code inside the emphasis: data text touching `**` (a trailing space) would undo it.
  return md`**${codeSpan(column.column)}**: ${testLabel(column)} ${formatNumber(column.statistic)}${p} (drift at ${thresholdText(column)})`
    .markdown;
}

/** The data's values that the reference never has: their own finding, whatever the drift test says. */
function newValuesText(columns: readonly DriftColumn[]): string {
  const items = columns.map((column) => {
    const found = column.newValues as NonNullable<DriftColumn['newValues']>;
    const examples = found.examples.map(
      ([value, count]) => `${codeSpan(shorten(value, maxRowValueLength))} × ${count}`,
    );
    const more = found.values > examples.length ? `, and ${found.values - examples.length} more` : '';
    return md`- ${codeSpan(column.column)}: ${plural(found.rows, 'row')} (${percent(found.share)}) with ${plural(found.values, 'value')} the reference never has: ${new InlineMarkdown(examples.join(', '))}${more}`
      .markdown;
  });
  return ['**New values** (not in the reference):', '', ...items].join('\n');
}

/** Shares of rows per bin; counts are turned into shares so both series share one axis. */
function shares(values: readonly number[]): number[] {
  const total = values.reduce((sum, value) => sum + value, 0);
  const scaled = total > 1 + 1e-9 ? values.map((value) => value / total) : values;
  return scaled.map((value) => Number(value.toFixed(4)));
}

/** The series' colours in every theme, in series order (Mermaid's frontmatter config): the data strong. */
function chartColours(palette: string): string[] {
  return [
    '---',
    'config:',
    '  themeVariables:',
    '    xyChart:',
    `      plotColorPalette: "${palette}"`,
    '---',
  ];
}

/**
 * A Mermaid xychart of one column's distribution against the reference's. A numeric column is shown on the
 * reference's quantile bins (5 % of the reference's rows each, drawn at equal width, so the reference is about flat
 * by construction): the data's share of rows per bin as bars, the reference's as a line, and a bar above the line
 * is where the data has more rows than the reference. A text column's categories have no order: the reference and
 * the data as two bars per category, side by side. With more labels than fit side by side, the chart is
 * horizontal: one label per line, none overlap.
 */
export function driftChart(column: DriftColumn): string {
  const chart = column.chart;
  if (chart === undefined) return '';
  const reference = shares(chart.reference);
  const current = shares(chart.current);
  const top = Math.max(...reference, ...current, 0);
  // The y-axis starts at 0, so bar heights compare; its top is rounded up to a multiple of 0.05.
  const yMax = Math.min(1, Math.max(0.05, Math.ceil(top * 20) / 20));
  const name = mermaidText(column.column, 40);
  if (column.kind === 'numeric') {
    const labels = chart.labels.map((label) => mermaidText(label, maxBinLabelLength));
    return [
      '```mermaid',
      ...chartColours('#d9622b, #3b4a66'),
      xychartFor(labels),
      `  title "${name}: data (bars), reference (line)"`,
      `  x-axis "reference 5 % quantile bins" [${labels.map((label) => `"${label}"`).join(', ')}]`,
      `  y-axis "share of rows" 0 --> ${yMax}`,
      `  bar [${current.join(', ')}]`,
      `  line [${reference.join(', ')}]`,
      '```',
    ].join('\n');
  }
  // Two bar series drawn over each other would hide the smaller bar: each category gets a reference row and a
  // data row, each series 0 on the other's rows. xychart draws a 0 as a stub of a few pixels below the axis's 0:
  // the reference's series is drawn last, so its bars cover the data's stubs and its own stubs are pale.
  const labels = chart.labels.flatMap((label) => {
    const shown = mermaidText(label, maxBinLabelLength);
    return [`${shown} · reference`, `${shown} · data`];
  });
  return [
    '```mermaid',
    ...chartColours('#d9622b, #a9bde3'),
    xychartFor(labels),
    `  title "${name}: share of rows, reference and data"`,
    `  x-axis [${labels.map((label) => `"${label}"`).join(', ')}]`,
    `  y-axis "share of rows" 0 --> ${yMax}`,
    `  bar [${current.flatMap((share) => [0, share]).join(', ')}]`,
    `  bar [${reference.flatMap((share) => [share, 0]).join(', ')}]`,
    '```',
  ].join('\n');
}

/** Hygiene checks (`overlap(train, test)`, `leakage`…): their examples are listed under "Train/test hygiene". */
function isHygieneCheck(check: Check): boolean {
  return (hygieneKeys as readonly string[]).includes(check.name.replace(/\(.*$/, ''));
}

/**
 * A check's message for the failure table: the examples after `e.g.` left out when the table or the report shows
 * them elsewhere (failing rows, the hygiene section), so a cell stays a line or two.
 */
function tableMessage(check: DataCheck, examplesInHygiene: boolean): InlineMarkdown | string {
  // The count is the Observed cell; the hygiene section says the rest, with the examples.
  if (examplesInHygiene && isHygieneCheck(check)) return 'see Train/test hygiene below';
  if ((check.rows?.length ?? 0) === 0) return literalText(check.message);
  const cut = check.message.search(/[;,] e\.g\. /);
  return literalText(cut < 0 ? check.message : check.message.slice(0, cut));
}

function violations(
  checks: readonly DataCheck[],
  keyColumn: string | undefined,
  examplesInHygiene: boolean,
): string {
  const withRows = checks.some((check) => (check.rows?.length ?? 0) > 0);
  return table(
    ['Column', 'Rule', 'Expected', 'Observed', 'Message', ...(withRows ? ['First failing rows'] : [])],
    // Names, values and messages hold the data's text: shown literally (literalText) or as code (codeSpan).
    checks.map((check) => [
      literalText(check.column ?? '(table)'),
      check.location?.line === undefined ? check.name : `${check.name} (line ${check.location.line})`,
      valueMarkdown(check.expected),
      valueMarkdown(check.observed),
      tableMessage(check, examplesInHygiene),
      ...(withRows ? [new InlineMarkdown(failingRowsText(check.rows ?? [], keyColumn))] : []),
    ]),
  );
}

/** Longest value of a failing row shown in the report; the JSON result has it whole. */
const maxRowValueLength = 40;

/** A value from the data as a code span (shown exactly, no JSON escaping); null as the word. */
function valueCode(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  const text = typeof value === 'string' ? value : (show(value) ?? String(value));
  return codeSpan(shorten(text, maxRowValueLength)).markdown;
}

/** `line 7 (id `42`): `abc`` per row, as inline markdown (a table cell takes it as an InlineMarkdown). */
export function failingRowsText(rows: readonly FailingRow[], keyColumn: string | undefined): string {
  return rows
    .map((row) => {
      const where = row.line === undefined ? `row ${row.row}` : `line ${row.line}`;
      const key =
        keyColumn === undefined || row.key === undefined
          ? ''
          : ` (${literalText(keyColumn)} ${valueCode(row.key)})`;
      return `${where}${key}: ${valueCode(row.value)}`;
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

/**
 * An expected or observed value in a table cell: a list of values as code spans (`a|b`, `"quoted"`: shown as
 * written, no JSON escaping), up to maxValueLength characters and a count of the rest; other text literal.
 */
function valueMarkdown(value: unknown): InlineMarkdown | string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    const shown: string[] = [];
    let length = 0;
    for (const item of value) {
      const text = typeof item === 'string' ? item : (show(item) ?? String(item));
      if (shown.length > 0 && length + text.length > maxValueLength) break;
      shown.push(codeSpan(shorten(text, maxValueLength)).markdown);
      length += text.length;
    }
    const more = value.length - shown.length;
    return new InlineMarkdown(`${shown.join(', ')}${more > 0 ? `, … (${value.length})` : ''}`);
  }
  // A flat object (a hygiene check's counts): `rows 3, fraction 0.25`.
  const flat =
    typeof value === 'object' &&
    Object.values(value).every((item) => item === null || typeof item !== 'object');
  const text =
    typeof value === 'string'
      ? value
      : flat
        ? Object.entries(value)
            .map(([key, item]) => `${key} ${item}`)
            .join(', ')
        : JSON.stringify(value);
  return literalText(shorten(text, maxValueLength));
}
