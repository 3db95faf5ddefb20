import { table } from '../../report/markdown';
import type { EvaluateResult, MetricComparison } from './input';

const number = (value: number | null | undefined, digits = 4) =>
  value === null || value === undefined ? '–' : Number(value.toFixed(digits)).toString();
const signed = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : `${value > 0 ? '+' : ''}${number(value)}`;
const interval = (ci: [number, number] | null) => (ci ? `[${signed(ci[0])}, ${signed(ci[1])}]` : '–');

export function headlineOf(result: EvaluateResult): string {
  const failed = result.gates.filter((gate) => gate.status === 'failed');
  const total = result.gates.length;
  // The first failed gate's message names the metric, the slice and by how much.
  if (failed.length > 0)
    return `evaluate failed: ${failed.length} of ${total} gates failed; ${failed[0]?.message}`;
  return total === 0
    ? `evaluate passed: ${Object.keys(result.metrics).length} metrics computed, no gates`
    : `evaluate passed: ${total} ${total === 1 ? 'gate' : 'gates'} passed`;
}

/** A Mermaid bar chart of the deltas (candidate − baseline) of the metrics that have both sides. */
function deltaChart(metrics: Record<string, MetricComparison>): string {
  const entries = Object.entries(metrics).filter(([, m]) => m.delta !== null);
  if (entries.length === 0) return '';
  const deltas = entries.map(([, m]) => Number((m.delta as number).toFixed(6)));
  const bound = Math.max(0.01, ...deltas.map(Math.abs));
  const top = Math.ceil(bound * 100) / 100;
  return [
    '```mermaid',
    'xychart-beta',
    '  title "candidate − baseline"',
    `  x-axis [${entries.map(([name]) => `"${name}"`).join(', ')}]`,
    `  y-axis "delta" ${-top} --> ${top}`,
    `  bar [${deltas.join(', ')}]`,
    '```',
  ].join('\n');
}

/**
 * The report, most important first (a PR comment keeps only its head when too long): failed gates, the metric
 * table, the slices that got worse, the gates that passed, the confusion matrix and the chart.
 */
export function renderReport(result: EvaluateResult): string {
  const failed = result.gates.filter((gate) => gate.status === 'failed');
  const passed = result.gates.filter((gate) => gate.status === 'passed');
  const lines = [`## ${failed.length > 0 ? '❌' : '✅'} ${headlineOf(result)}`, ''];
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
  const gateStatus = (metric: string) => {
    const mine = result.gates.filter((gate) => gate.metric === metric && !gate.slice);
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
        number(m.candidate),
        number(m.baseline),
        signed(m.delta),
        interval(m.ci),
        gateStatus(name),
      ]),
    ),
    '',
  );
  const worse = result.slices
    .flatMap((slice) =>
      Object.entries(slice.metrics)
        .filter(([, m]) => m.delta !== null)
        .map(([name, m]) => ({ slice, name, m })),
    )
    .sort((a, b) => (a.m.delta as number) - (b.m.delta as number));
  if (result.slices.length > 0) {
    const shown = worse.length > 0 ? worse.slice(0, 20) : [];
    lines.push(
      '### Slices, worst first',
      '',
      shown.length > 0
        ? table(
            ['slice', 'rows', 'metric', 'candidate', 'baseline', 'delta'],
            shown.map(({ slice, name, m }) => [
              `${slice.column}=${slice.value}`,
              slice.rows,
              name,
              number(m.candidate),
              number(m.baseline),
              signed(m.delta),
            ]),
          )
        : table(
            ['slice', 'rows', 'accuracy'],
            result.slices.map((slice) => [
              `${slice.column}=${slice.value}`,
              slice.rows,
              number(slice.metrics.accuracy?.candidate),
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
  const chart = deltaChart(result.metrics);
  if (chart) lines.push(chart, '');
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
