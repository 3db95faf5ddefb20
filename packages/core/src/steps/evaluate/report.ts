import {
  CLASSIFICATION_METRICS,
  higherIsBetter,
  isMetricName,
  REGRESSION_METRICS,
} from '../../metrics/names';
import { table } from '../../report/markdown';
import type { EvaluateResult, MetricComparison } from './input';

/**
 * Four decimals, or two significant digits when those would round a non-zero value to 0: a change is never
 * printed as 0 unless it is 0.
 */
export function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  const fixed = Number(value.toFixed(4));
  return fixed === 0 && value !== 0 ? String(Number(value.toPrecision(2))) : String(fixed);
}
const signed = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : `${value > 0 ? '+' : ''}${formatValue(value)}`;
const interval = (ci: [number, number] | null) => (ci ? `[${signed(ci[0])}, ${signed(ci[1])}]` : '–');

/** Whether higher is better; metrics of a metrics JSON that mlci does not know are taken as scores. */
const higherBetter = (name: string) => (isMetricName(name) ? higherIsBetter(name) : true);

/** candidate − baseline turned so that positive always means better (−Δ for rmse, mae, mape, log_loss). */
export function improvementOf(name: string, delta: number): number {
  return higherBetter(name) ? delta : -delta;
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

/** Text inside a Mermaid string: no double quotes (they end it), no line breaks. */
function mermaidText(text: string): string {
  return text.replace(/"/g, "'").replace(/[\r\n]+/g, ' ');
}

/** A number as Mermaid's chart grammar takes it: decimal digits only (it refuses `1e-7`). */
function chartNumber(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  const decimals = Math.min(100, Math.max(0, 1 - Math.floor(Math.log10(Math.abs(value)))) + 3);
  return value.toFixed(decimals).replace(/\.?0+$/, '');
}

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
 * size of the change in % of the baseline's value, oriented so that a taller bar is a bigger improvement (first
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
  const chart = (title: string, entries: [string, number][]) => [
    '```mermaid',
    'xychart-beta',
    `  title "${mermaidText(title)}"`,
    `  x-axis [${entries.map(([name]) => `"${mermaidText(name)}"`).join(', ')}]`,
    `  y-axis "% of the baseline" 0 --> ${chartNumber(axisTop(entries.map(([, pct]) => pct)))}`,
    `  bar [${entries.map(([, pct]) => chartNumber(pct)).join(', ')}]`,
    '```',
  ];
  const lines: string[] = [];
  if (better.length > 0)
    lines.push(...chart('Better than the baseline, by % of its value (taller is better)', better), '');
  if (worse.length > 0)
    lines.push(...chart('Worse than the baseline, by % of its value (taller is worse)', worse), '');
  const listed = [
    ...(unchanged.length > 0 ? [`unchanged: ${unchanged.join(', ')}`] : []),
    ...(fromZero.length > 0 ? [`changed from a baseline of 0 (no percentage): ${fromZero.join(', ')}`] : []),
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

/** The slice table's metrics when there is no baseline: the task's own, the main ones that have values. */
function sliceTableMetrics(result: EvaluateResult): string[] {
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
 * The report, most important first (a PR comment keeps only its head when too long): failed gates, the gates
 * skipped for want of a baseline, the metric table, the slices that got worse, the gates that passed, the
 * confusion matrix and the charts.
 */
export function renderReport(result: EvaluateResult): string {
  const failed = result.gates.filter((gate) => gate.status === 'failed');
  const passed = result.gates.filter((gate) => gate.status === 'passed');
  const skipped = result.gates.filter((gate) => gate.status === 'skipped');
  const lines = [`## ${failed.length > 0 ? '❌' : '✅'} ${headlineOf(result)}`, ''];
  const task = taskLine(result);
  if (task) lines.push(task, '');
  if (result.data.same === false)
    lines.push('> ⚠️ The candidate and the baseline were evaluated on different data.', '');
  if (failed.length > 0)
    lines.push(
      '### Failed gates',
      '',
      table(
        ['gate', 'slice', 'why'],
        failed.map((gate) => [gate.rule, gate.slice ?? 'all rows', gate.message]),
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
  const gateStatus = (metric: string) => {
    const mine = result.gates.filter(
      (gate) => gate.metric === metric && !gate.slice && gate.status !== 'skipped',
    );
    if (mine.length === 0) return '';
    return mine.some((gate) => gate.status === 'failed') ? '❌' : '✅';
  };
  lines.push(
    '### Metrics',
    '',
    table(
      [
        'metric',
        'candidate',
        'baseline',
        'delta',
        `${Math.round(result.bootstrap.confidence * 100)}% interval of the delta`,
        'gate',
      ],
      Object.entries(result.metrics).map(([name, m]) => [
        name,
        formatValue(m.candidate),
        formatValue(m.baseline),
        delta(name, m),
        interval(m.ci),
        gateStatus(name),
      ]),
    ),
    '',
  );
  // Worst first: by the change oriented so that negative is worse (an rmse that rose comes before one that fell),
  // relative to the baseline so metrics of different units (rmse, r2) compare.
  const relative = (name: string, m: MetricComparison) => {
    const improvement = improvementOf(name, m.delta as number);
    return m.baseline ? improvement / Math.abs(m.baseline) : improvement;
  };
  const compared = result.slices
    .flatMap((slice) =>
      Object.entries(slice.metrics)
        .filter(([, m]) => m.delta !== null)
        .map(([name, m]) => ({ slice, name, m, improvement: relative(name, m) })),
    )
    .sort((a, b) => a.improvement - b.improvement);
  if (result.slices.length > 0) {
    const metrics = sliceTableMetrics(result);
    lines.push(
      compared.length > 0 ? '### Slices, worst first' : '### Slices',
      '',
      compared.length > 0
        ? table(
            ['slice', 'rows', 'metric', 'candidate', 'baseline', 'delta'],
            compared
              .slice(0, 20)
              .map(({ slice, name, m }) => [
                `${slice.column}=${slice.value}`,
                slice.rows,
                name,
                formatValue(m.candidate),
                formatValue(m.baseline),
                delta(name, m),
              ]),
          )
        : table(
            ['slice', 'rows', ...metrics],
            result.slices.map((slice) => [
              `${slice.column}=${slice.value}`,
              slice.rows,
              ...metrics.map((name) => formatValue(slice.metrics[name]?.candidate)),
            ]),
          ),
      '',
    );
  }
  if (passed.length > 0)
    lines.push(
      '<details><summary>Passed gates</summary>',
      '',
      table(
        ['gate', 'slice', 'result'],
        passed.map((gate) => [gate.rule, gate.slice ?? 'all rows', gate.message]),
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
        ['', ...classes],
        matrix.map((row, i) => [classes[i], ...row]),
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
      ...notes.map(([name, note]) => `- ${name}: ${note}`),
      '',
      '</details>',
      '',
    );
  lines.push(
    `Evaluation data: \`${result.data.digest ?? 'unknown'}\`${result.data.rows === null ? '' : ` (${result.data.rows} rows)`}; intervals from ${result.bootstrap.resamples} paired bootstrap resamples, seed ${result.bootstrap.seed}.`,
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
