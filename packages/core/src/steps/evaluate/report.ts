import {
  CLASSIFICATION_METRICS,
  higherIsBetter,
  isMetricName,
  REGRESSION_METRICS,
} from '../../metrics/names';
import { chartNumber, mermaidText, xychartFor } from '../../report/chart';
import { codeSpan, formatMetric, heading, literalText, md, plural, table } from '../../report/markdown';
import type { EvaluateResult, MetricComparison, SliceResult } from './input';

/** Values as every part of the report (tables, gate messages) shows them: see formatMetric. */
export const formatValue = formatMetric;
const signed = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : `${value > 0 ? '+' : ''}${formatValue(value)}`;
const interval = (ci: [number, number] | null) => (ci ? md`[${signed(ci[0])}, ${signed(ci[1])}]` : '–');

/** Whether higher is better; metrics of a metrics JSON that mlci does not know are taken as scores. */
const higherBetter = (name: string) => (isMetricName(name) ? higherIsBetter(name) : true);

/** candidate − baseline turned so that positive always means better (−Δ for rmse, mae, mape, log_loss). */
export function improvementOf(name: string, delta: number): number {
  return higherBetter(name) ? delta : -delta;
}

/** The improvement relative to the baseline's value, so that metrics of different units (rmse, r2) compare. */
function relativeImprovement(name: string, m: MetricComparison): number {
  const improvement = improvementOf(name, m.delta as number);
  return m.baseline ? improvement / Math.abs(m.baseline) : improvement;
}

/** The delta with the word for its direction: `-0.4 (better)` for an rmse that fell. */
function delta(name: string, m: MetricComparison): string {
  if (m.delta === null) return '–';
  const improvement = improvementOf(name, m.delta);
  return `${signed(m.delta)} (${improvement > 0 ? 'better' : improvement < 0 ? 'worse' : 'unchanged'})`;
}

/** The baseline's reason for being absent (a registry alias with no holder yet), if so. */
function absentBaseline(result: EvaluateResult): string | undefined {
  return result.baseline?.kind === 'absent' ? result.baseline.reason : undefined;
}

export function headlineOf(result: EvaluateResult): string {
  const applied = result.gates.filter((gate) => gate.status !== 'skipped');
  const failed = applied.filter((gate) => gate.status === 'failed');
  const skipped = result.gates.length - applied.length;
  const total = applied.length;
  const absent = absentBaseline(result);
  const status = `evaluate ${failed.length > 0 ? 'failed' : 'passed'}${absent ? ` (${absent})` : ''}`;
  const skippedText = skipped > 0 ? `, ${skipped} relative ${skipped === 1 ? 'gate' : 'gates'} skipped` : '';
  // The first failed gate's message names the metric, the slice and by how much.
  if (failed.length > 0)
    return `${status}: ${failed.length} of ${total} gates failed${skippedText}; ${failed[0]?.message}`;
  if (total === 0 && skipped === 0)
    return `${status}: ${Object.keys(result.metrics).length} metrics computed, no gates`;
  return `${status}: ${total} ${total === 1 ? 'gate' : 'gates'} passed${skippedText}`;
}

/** The one line that says which task the predictions were taken as, and why. */
export function taskLine(result: EvaluateResult): string | undefined {
  return result.task ? `task: ${result.task.name} (${result.task.reason})` : undefined;
}

/** Longest metric name on a chart (a metrics JSON's own names may be long); the tables have them whole. */
const maxChartLabelLength = 40;

/** The top of a chart's y-axis: the largest value rounded up to two significant digits (0 stays a small top). */
function axisTop(values: readonly number[]): number {
  const top = Math.max(...values);
  if (!(top > 0)) return 1;
  const unit = 10 ** (Math.floor(Math.log10(top)) - 1);
  return Number((Math.ceil(top / unit) * unit).toPrecision(2));
}

/**
 * The changes as Mermaid bar charts that read truthfully. xychart draws every bar up from the y-axis minimum, so
 * a chart holding negative and positive values would show a zero change as a full bar: instead there is one chart
 * for the metrics that got better and one for those that got worse, each with its axis from 0. Every bar is the
 * size of the change in % of the baseline's value, oriented so that a longer bar is a bigger improvement (first
 * chart) or a bigger worsening (second): rmse falling from 10 to 9 is a 10% improvement. Percentages put metrics of
 * different units (rmse in the target's units, r2 without) on one axis. Unchanged metrics, and those whose
 * baseline is 0 (no percentage), are listed under the charts.
 */
export function deltaCharts(metrics: Record<string, MetricComparison>): string {
  const better: [string, number][] = [];
  const worse: [string, number][] = [];
  const unchanged: string[] = [];
  const fromZero: string[] = [];
  for (const [name, m] of Object.entries(metrics)) {
    if (m.delta === null || m.baseline === null) continue;
    const improvement = improvementOf(name, m.delta);
    if (improvement === 0) unchanged.push(name);
    else if (m.baseline === 0) fromZero.push(name);
    else {
      const pct = (Math.abs(improvement) / Math.abs(m.baseline)) * 100;
      (improvement > 0 ? better : worse).push([name, Number(pct.toPrecision(4))]);
    }
  }
  const chart = (title: string, entries: [string, number][]) => {
    const names = entries.map(([name]) => mermaidText(name, maxChartLabelLength));
    return [
      '```mermaid',
      // Seven metric names such as precision_weighted overlap side by side: those charts are horizontal.
      xychartFor(names),
      `  title "${mermaidText(title)}"`,
      `  x-axis [${names.map((name) => `"${name}"`).join(', ')}]`,
      `  y-axis "% of the baseline" 0 --> ${chartNumber(axisTop(entries.map(([, pct]) => pct)))}`,
      `  bar [${entries.map(([, pct]) => chartNumber(pct)).join(', ')}]`,
      '```',
    ];
  };
  const lines: string[] = [];
  if (better.length > 0)
    lines.push(...chart('Better than the baseline, by % of its value (a longer bar is better)', better), '');
  if (worse.length > 0)
    lines.push(...chart('Worse than the baseline, by % of its value (a longer bar is worse)', worse), '');
  const listed = [
    ...(unchanged.length > 0 ? [md`unchanged: ${unchanged.join(', ')}`] : []),
    ...(fromZero.length > 0
      ? [md`changed from a baseline of 0 (no percentage): ${fromZero.join(', ')}`]
      : []),
  ];
  if (listed.length > 0) lines.push(`${listed.join('; ')}.`, '');
  if (lines.length === 0) return '';
  return [
    '### Changes against the baseline',
    '',
    'For rmse, mae, mape and log_loss lower is better: a fall is shown as an improvement.',
    '',
    ...lines,
  ]
    .join('\n')
    .trimEnd();
}

/** The task's main metrics that have values in the slices (the slice table's columns, with the gated ones). */
function mainSliceMetrics(result: EvaluateResult): string[] {
  const task =
    result.task?.name ??
    (Object.keys(result.slices[0]?.metrics ?? {}).some((name) =>
      (REGRESSION_METRICS as readonly string[]).includes(name),
    )
      ? 'regression'
      : 'classification');
  const wanted: readonly string[] =
    task === 'regression'
      ? REGRESSION_METRICS
      : CLASSIFICATION_METRICS.filter((name) =>
          ['accuracy', 'precision', 'recall', 'f1', 'f1_macro', 'roc_auc'].includes(name),
        );
  const valued = wanted.filter((name) =>
    result.slices.some((slice) => slice.metrics[name]?.candidate != null),
  );
  // f1 of the positive class when the task is binary; the macro average only when it is not.
  return valued.includes('f1') ? valued.filter((name) => name !== 'f1_macro') : valued;
}

/**
 * The slice table's metrics: those a gate names and the task's main ones, in the order they are computed. The
 * others are in evaluate.json.
 */
function sliceMetrics(result: EvaluateResult): string[] {
  const main = new Set(mainSliceMetrics(result));
  const gated = new Set(result.gates.map((gate) => gate.metric));
  const computed = [...new Set(result.slices.flatMap((slice) => Object.keys(slice.metrics)))];
  return computed.filter((name) => main.has(name) || gated.has(name));
}

/** The gates' verdict in one mark: ❌ when one failed, ✅ when all applied passed, `skipped`, or '' without gates. */
function gateMark(gates: readonly EvaluateResult['gates'][number][]): string {
  if (gates.length === 0) return '';
  if (gates.some((gate) => gate.status === 'failed')) return '❌';
  return gates.some((gate) => gate.status === 'passed') ? '✅' : 'skipped';
}

/** The metric table; columns with nothing to show (no baseline, no intervals, no gates) are left out. */
function metricsTable(result: EvaluateResult): string {
  const entries = Object.entries(result.metrics);
  const overall = (name: string) =>
    gateMark(result.gates.filter((gate) => gate.metric === name && !gate.slice));
  const withBaseline = entries.some(([, m]) => m.baseline !== null);
  const withIntervals = entries.some(([, m]) => m.ci !== null);
  const withGates = entries.some(([name]) => overall(name) !== '');
  return table(
    [
      'metric',
      'candidate',
      ...(withBaseline ? ['baseline', 'delta'] : []),
      ...(withIntervals ? [`${Math.round(result.bootstrap.confidence * 100)}% interval of the delta`] : []),
      ...(withGates ? ['gate'] : []),
    ],
    entries.map(([name, m]) => [
      name,
      formatValue(m.candidate),
      ...(withBaseline ? [formatValue(m.baseline), delta(name, m)] : []),
      ...(withIntervals ? [interval(m.ci)] : []),
      ...(withGates ? [overall(name)] : []),
    ]),
  );
}

/** What the regression metrics' numbers are in, for the metrics mlci computed (a metrics JSON's are its own). */
function unitsLine(result: EvaluateResult): string | undefined {
  if (result.candidate.kind !== 'predictions' || result.task?.name !== 'regression') return undefined;
  return "rmse and mae are in the target's units; mape is a fraction of the actual value (0.25 means 25%), as scikit-learn's mean_absolute_percentage_error gives it.";
}

/** Slices shown in the report; every slice is in evaluate.json. */
export const maxSliceRows = 20;

/**
 * One row per slice, a column per metric (the gated and the main ones): the candidate's value, and its change
 * against the baseline when there is one. Slices with a gate come first, failed ones first, so the gate's slice is
 * seen; then, against a baseline, the slice with the worst change of its shown metrics (relative to the baseline's
 * value, in each metric's direction, so rmse and r2 compare). At most maxSliceRows; the rest are counted and their
 * place named.
 */
function sliceSection(result: EvaluateResult): string[] {
  const metrics = sliceMetrics(result);
  const withBaseline = result.slices.some((slice) =>
    metrics.some((name) => slice.metrics[name]?.delta != null),
  );
  const gatesOf = (slice: SliceResult) =>
    result.gates.filter((gate) => gate.slice === `${slice.column}=${slice.value}`);
  const withGates = result.slices.some((slice) => gatesOf(slice).length > 0);
  const gateRank = (slice: SliceResult) => ['❌', '✅', 'skipped', ''].indexOf(gateMark(gatesOf(slice)));
  const worstChange = (slice: SliceResult) =>
    Math.min(
      ...metrics.map((name) => {
        const m = slice.metrics[name];
        return m?.delta == null ? Number.POSITIVE_INFINITY : relativeImprovement(name, m);
      }),
    );
  const ordered = result.slices
    .map((slice, index) => ({
      slice,
      index,
      rank: gateRank(slice),
      worst: withBaseline ? worstChange(slice) : 0,
    }))
    .sort((a, b) => a.rank - b.rank || a.worst - b.worst || a.index - b.index);
  const shown = ordered.slice(0, maxSliceRows);
  const cell = (name: string, m: MetricComparison | undefined) => {
    if (!m || m.candidate === null) return '–';
    if (!withBaseline || m.delta === null) return formatValue(m.candidate);
    const improvement = improvementOf(name, m.delta);
    const word = improvement > 0 ? 'better' : improvement < 0 ? 'worse' : 'unchanged';
    return `${formatValue(m.candidate)} (${signed(m.delta)}, ${word})`;
  };
  const order = [
    ...(withGates ? ['slices with a gate first (failed ones first)'] : []),
    ...(withBaseline ? ['the worst change against the baseline first (relative to its value)'] : []),
  ];
  const lines = [
    ...(withBaseline ? ["Each cell is the candidate's value and its change against the baseline."] : []),
    ...(order.length > 0 ? [`Order: ${order.join(', then ')}.`] : []),
  ];
  const allMetrics = new Set(result.slices.flatMap((slice) => Object.keys(slice.metrics))).size;
  const hidden = [
    ...(shown.length < result.slices.length
      ? [`${shown.length} of ${plural(result.slices.length, 'slice')}`]
      : []),
    ...(metrics.length < allMetrics
      ? [`${metrics.length} of the ${allMetrics} metrics (the gated and the main ones)`]
      : []),
  ];
  return [
    ...(lines.length > 0 ? [lines.join(' '), ''] : []),
    table(
      ['slice', 'rows', ...(withGates ? ['gate'] : []), ...metrics],
      shown.map(({ slice }) => [
        literalText(`${slice.column}=${slice.value}`),
        slice.rows,
        ...(withGates ? [gateMark(gatesOf(slice))] : []),
        ...metrics.map((name) => cell(name, slice.metrics[name])),
      ]),
    ),
    ...(hidden.length > 0
      ? ['', `Shown: ${hidden.join(' and ')}; evaluate.json has every slice with every metric (\`slices\`).`]
      : []),
  ];
}

/** How the intervals were made, when there are any (paired predictions on both sides). */
function intervalsText(result: EvaluateResult): string {
  const any = Object.values(result.metrics).some((m) => m.ci !== null);
  return any
    ? `; intervals from ${result.bootstrap.resamples} paired bootstrap resamples, seed ${result.bootstrap.seed}`
    : '';
}

/**
 * The report, most important first (a PR comment keeps only its head when too long): failed gates, the gates
 * skipped for want of a baseline, the metric table, the slices (gated ones first, then the worst), the gates that
 * passed, the confusion matrix and the charts.
 */
export function renderReport(result: EvaluateResult): string {
  const failed = result.gates.filter((gate) => gate.status === 'failed');
  const passed = result.gates.filter((gate) => gate.status === 'passed');
  const skipped = result.gates.filter((gate) => gate.status === 'skipped');
  const lines = [heading(2, md`${failed.length > 0 ? '❌' : '✅'} ${headlineOf(result)}`), ''];
  const task = taskLine(result);
  if (task) lines.push(literalText(task).markdown, '');
  if (result.data.same === false)
    lines.push('> ⚠️ The candidate and the baseline were evaluated on different data.', '');
  if (failed.length > 0)
    lines.push(
      '### Failed gates',
      '',
      table(
        ['gate', 'slice', 'why'],
        failed.map((gate) => [gate.rule, gate.slice ?? 'all rows', gate.message].map(literalText)),
      ),
      '',
    );
  if (skipped.length > 0)
    lines.push(
      '### Skipped gates',
      '',
      table(
        ['gate', 'why'],
        skipped.map((gate) => [gate.rule, gate.message]),
      ),
      '',
    );
  lines.push('### Metrics', '', metricsTable(result), '');
  const units = unitsLine(result);
  if (units) lines.push(units, '');
  if (result.slices.length > 0) lines.push('### Slices', '', ...sliceSection(result), '');
  if (passed.length > 0)
    lines.push(
      '<details><summary>Passed gates</summary>',
      '',
      table(
        ['gate', 'slice', 'result'],
        passed.map((gate) => [gate.rule, gate.slice ?? 'all rows', gate.message].map(literalText)),
      ),
      '',
      '</details>',
      '',
    );
  if (result.confusion) {
    const { classes, matrix } = result.confusion;
    lines.push(
      '<details><summary>Confusion matrix of the candidate (rows: true, columns: predicted)</summary>',
      '',
      table(
        ['', ...classes.map(literalText)],
        matrix.map((row, i) => [literalText(classes[i] as string), ...row]),
      ),
      '',
      '</details>',
      '',
    );
  }
  const charts = deltaCharts(result.metrics);
  if (charts) lines.push(charts, '');
  const notes = Object.entries(result.notes);
  if (notes.length > 0)
    lines.push(
      '<details><summary>Notes</summary>',
      '',
      ...notes.map(([name, note]) => md`- ${name}: ${note}`.markdown),
      '',
      '</details>',
      '',
    );
  lines.push(
    `Evaluation data: ${codeSpan(result.data.digest ?? 'unknown')}${result.data.rows === null ? '' : ` (${result.data.rows} rows)`}${intervalsText(result)}; values rounded to four decimals (evaluate.json has every digit).`,
    '',
  );
  return lines.join('\n');
}

/** GitLab's metrics report: `name value` lines (the candidate's values, and deltas where there is a baseline). */
export function metricsText(result: EvaluateResult): string {
  const lines: string[] = [];
  for (const [name, m] of Object.entries(result.metrics)) {
    if (m.candidate !== null) lines.push(`${name} ${m.candidate}`);
    if (m.delta !== null) lines.push(`${name}_delta ${m.delta}`);
  }
  return `${lines.join('\n')}\n`;
}
