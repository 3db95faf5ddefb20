import type { EvaluateResult, MetricComparison } from './input';
import { deltaCharts, formatValue, renderReport } from './report';

const compared = (candidate: number, baseline: number): MetricComparison => ({
  candidate,
  baseline,
  delta: candidate - baseline,
  ci: null,
});

/** The bars of each Mermaid chart: its title, y-axis range and values. */
function charts(markdown: string) {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map(([, block]) => ({
    title: /title "([^"]*)"/.exec(block as string)?.[1],
    names: JSON.parse(`[${/x-axis \[(.*)\]/.exec(block as string)?.[1]}]`) as string[],
    axis: /y-axis "[^"]*" (\S+) --> (\S+)/
      .exec(block as string)
      ?.slice(1)
      .map(Number),
    bars: JSON.parse(`[${/bar \[(.*)\]/.exec(block as string)?.[1]}]`) as number[],
  }));
}

test('one chart per direction, bars from 0, oriented so taller is better (or worse), unchanged listed', () => {
  const markdown = deltaCharts({
    rmse: compared(9, 10), // lower is better: fell 10%, an improvement
    r2: compared(0.88, 0.8), // rose 10%
    mae: compared(5.5, 5), // rose 10%: worse
    mape: compared(0.2, 0.2), // unchanged: no bar
    accuracy: { candidate: 0.9, baseline: null, delta: null, ci: null },
  });
  const [better, worse, ...rest] = charts(markdown);
  expect(rest).toEqual([]);
  expect(better).toEqual({
    title: 'Better than the baseline, by % of its value (a longer bar is better)',
    names: ['rmse', 'r2'],
    axis: [0, 10],
    bars: [10, 10],
  });
  expect(worse).toEqual({
    title: 'Worse than the baseline, by % of its value (a longer bar is worse)',
    names: ['mae'],
    axis: [0, 10],
    bars: [10],
  });
  expect(markdown).toContain('unchanged: mape.');
  expect(markdown).not.toContain('accuracy');
});

test('no change at all draws no bar; a change from a baseline of 0 is listed, not drawn', () => {
  const markdown = deltaCharts({ accuracy: compared(0.9, 0.9), f1: compared(0.1, 0) });
  expect(charts(markdown)).toEqual([]);
  expect(markdown).toContain('unchanged: accuracy; changed from a baseline of 0 (no percentage): f1.');
  expect(deltaCharts({ accuracy: { candidate: 0.9, baseline: null, delta: null, ci: null } })).toBe('');
});

test('a tiny change is never shown as 0', () => {
  expect(formatValue(0.00003)).toBe('0.00003');
  expect(formatValue(-0.0000123)).toBe('-0.000012');
  expect(formatValue(0.123456)).toBe('0.1235');
  expect(formatValue(0)).toBe('0');
  const tiny = deltaCharts({ rmse: compared(10 - 1e-8, 10) });
  // Mermaid's grammar takes decimal digits only: 1e-7 would not parse.
  expect(tiny).toMatch(/bar \[0\.0000001\]/);
  const [chart] = charts(tiny);
  expect(chart?.bars[0]).toBeGreaterThan(0);
  expect(chart?.axis?.[1]).toBeGreaterThanOrEqual(chart?.bars[0] as number);
});

const base: EvaluateResult = {
  step: 'evaluate',
  status: 'passed',
  checks: [],
  candidate: { source: 'p.csv', kind: 'predictions' },
  baseline: null,
  task: { name: 'regression', reason: 'auto: predictions are non-integer numbers, e.g. 3.5' },
  data: { digest: null, rows: 10, same: null },
  metrics: {},
  gates: [],
  slices: [],
  notes: {},
  bootstrap: { resamples: 1000, confidence: 0.95, seed: 1 },
};
const alone = (value: number): MetricComparison => ({
  candidate: value,
  baseline: null,
  delta: null,
  ci: null,
});

test("a regression's slices show its own metrics; the task line says which task and why", () => {
  const markdown = renderReport({
    ...base,
    slices: [
      {
        column: 'temperature',
        value: '[0, 12.5)',
        rows: 5,
        metrics: { rmse: alone(1.5), mae: alone(1), r2: alone(0.9), mape: alone(0.1) },
      },
    ],
  });
  expect(markdown).toContain('task: regression (auto: predictions are non-integer numbers, e.g. 3.5)');
  expect(markdown).toContain('| slice | rows | rmse | mae | r2 | mape |');
  // The bin's `[` written as a character reference: data text is never a link (see literalText).
  expect(markdown).toContain('| temperature=&#91;0, 12.5) | 5 | 1.5 | 1 | 0.9 | 0.1 |');
  expect(markdown).not.toContain('accuracy');
});

test('slices: one row per slice, worst first by the direction of each metric, deltas worded by it', () => {
  const markdown = renderReport({
    ...base,
    metrics: { rmse: compared(9, 10) },
    slices: [
      { column: 'region', value: 'north', rows: 5, metrics: { rmse: compared(8, 10) } },
      { column: 'region', value: 'south', rows: 5, metrics: { rmse: compared(11, 10) } },
    ],
  });
  expect(markdown).toContain('| metric | candidate | baseline | delta |\n');
  expect(markdown).toContain('| rmse | 9 | 10 | -1 (better) |');
  expect(markdown).toContain('| slice | rows | rmse |');
  const south = markdown.indexOf('| region=south | 5 | 11 (+1, worse) |');
  const north = markdown.indexOf('| region=north | 5 | 8 (-2, better) |');
  expect(south).toBeGreaterThan(0);
  expect(north).toBeGreaterThan(south);
});

test('without a baseline the metric table has no baseline, delta or interval column', () => {
  const markdown = renderReport({ ...base, metrics: { rmse: alone(3), r2: alone(0.5) } });
  expect(markdown).toContain('| metric | candidate |\n| --- | --- |\n| rmse | 3 |\n| r2 | 0.5 |');
  expect(markdown).not.toMatch(/baseline|interval/);
  expect(markdown).toContain(
    "rmse and mae are in the target's units; mape is a fraction of the actual value",
  );
});

/** A multiclass slice's metrics, as compare makes them: every metric against the baseline. */
const multiclassSlice = (value: string, recall: number, accuracy: number) => ({
  column: 'country',
  value,
  rows: 10,
  metrics: {
    accuracy: compared(accuracy, 0.8),
    precision_macro: compared(0.7, 0.7),
    recall_macro: compared(recall, 0.8),
    f1_macro: compared(0.7, 0.7),
  },
});

test('a per-slice gate: its slice first and marked, its metric a column; the table cut at 20 slices, the rest counted', () => {
  const slices = Array.from({ length: 25 }, (_, i) => multiclassSlice(`C${i}`, 0.9, 0.5 + i / 100));
  slices.push(multiclassSlice('DE', 0.7, 0.95));
  const markdown = renderReport({
    ...base,
    task: { name: 'classification', reason: 'given' },
    metrics: { accuracy: compared(0.8, 0.8) },
    gates: [
      {
        metric: 'recall_macro',
        rule: 'recall_macro>=0.8@country=DE',
        slice: 'country=DE',
        status: 'failed',
        message: 'country=DE: recall_macro 0.7 is below 0.8',
      },
    ],
    slices,
  });
  const table = markdown.slice(markdown.indexOf('| slice | rows |')).split('\n\n')[0] as string;
  const rows = table.split('\n');
  // The main multiclass metrics (accuracy, f1_macro) and the gated one; precision_macro is in evaluate.json.
  expect(rows[0]).toBe('| slice | rows | gate | accuracy | recall_macro | f1_macro |');
  expect(rows[2]).toBe(
    '| country=DE | 10 | ❌ | 0.95 (+0.15, better) | 0.7 (-0.1, worse) | 0.7 (0, unchanged) |',
  );
  // Then the worst accuracy first: C0 (0.5) before C1 (0.51).
  expect(rows[3]).toMatch(/^\| country=C0 \| 10 \| {2}\| 0\.5 \(-0\.3, worse\)/);
  expect(rows).toHaveLength(2 + 20);
  expect(markdown).toContain(
    'Shown: 20 of 26 slices and 3 of the 4 metrics (the gated and the main ones); evaluate.json has every slice with every metric (`slices`).',
  );
});

test('seven metric names do not fit side by side: the delta chart is horizontal; four short ones stay vertical', () => {
  const seven = deltaCharts(
    Object.fromEntries(
      [
        'accuracy',
        'precision_macro',
        'recall_macro',
        'f1_macro',
        'precision_weighted',
        'recall_weighted',
        'f1_weighted',
      ].map((name) => [name, compared(0.9, 0.8)]),
    ),
  );
  expect(seven).toContain('```mermaid\nxychart-beta horizontal\n');
  const four = deltaCharts({
    rmse: compared(9, 10),
    mae: compared(4, 5),
    r2: compared(0.9, 0.8),
    mape: compared(0.1, 0.2),
  });
  expect(four).toContain('```mermaid\nxychart-beta\n');
});
