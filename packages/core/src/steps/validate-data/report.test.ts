import { columnName, wideResult } from '../../../../../tests/support/validate-data-result';
import { compactNumber } from './drift';
import type { HygieneSummary } from './hygiene';
import type { DriftColumn, DriftSummary, ValidateDataResult } from './input';
import { driftChart, driftVerdict, formatNumber, renderReport } from './report';

const base: ValidateDataResult = {
  step: 'validate-data',
  status: 'passed',
  checks: [{ name: 'type', column: 'age', status: 'passed', severity: 'error', message: 'all integers' }],
  data: {
    path: 'data/current.csv',
    format: 'csv',
    digest: `sha256:${'a'.repeat(64)}`,
    rows: 500,
    columns: 3,
  },
  schema: { path: 'schema.yaml', digest: `sha256:${'c'.repeat(64)}`, inferred: false },
  counts: { passed: 1, failed: 0, warned: 0 },
};

const chart = {
  labels: ['[0, 25)', '[25, 50)', '[50, 75)', '[75, 100]'],
  reference: [0.25, 0.25, 0.25, 0.25],
  current: [0.1, 0.2, 0.3, 0.4],
};

const age: DriftColumn = {
  column: 'age',
  kind: 'numeric',
  test: 'ks',
  statistic: 0.31,
  pValue: 2.5e-9,
  threshold: 0.05,
  drifted: true,
  chart,
};
const income: DriftColumn = {
  column: 'income',
  kind: 'numeric',
  test: 'wasserstein',
  statistic: 0.35,
  threshold: 0.1,
  drifted: true,
  chart,
};
const plan: DriftColumn = {
  column: 'plan',
  kind: 'categorical',
  test: 'chi-square',
  statistic: 1.2,
  pValue: 0.55,
  threshold: 0.05,
  drifted: false,
  chart: { labels: ['basic', 'pro'], reference: [300, 200], current: [310, 190] },
};
const notes: DriftColumn = {
  column: 'notes',
  kind: 'categorical',
  test: 'chi-square',
  statistic: Number.NaN,
  threshold: 0.05,
  drifted: false,
  skipped: 'all values are missing',
};

function withDrift(columns: DriftColumn[], drifted = true): ValidateDataResult {
  const compared = columns.filter((column) => column.skipped === undefined);
  const drift: DriftSummary = {
    reference: { path: 'reference.json', kind: 'profile', digest: `sha256:${'b'.repeat(64)}`, rows: 2000 },
    columns,
    share: compared.filter((column) => column.drifted).length / compared.length,
    shareThreshold: 0.5,
    drifted,
  };
  return { ...base, drift };
}

/** The Markdown table rows under a heading, as arrays of cells. */
function tableAfter(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const lines = markdown.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('| '));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('| ')) break;
    rows.push(
      line
        .slice(2, -2)
        .split(' | ')
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

/** The ```mermaid blocks of a report. */
function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((match) => match[1] as string);
}

describe('renderReport with drift', () => {
  test('states the reference and the verdict in the head, then a table ranked most drifted first', () => {
    const markdown = renderReport(withDrift([plan, income, notes, age]));

    const head = markdown.slice(0, markdown.indexOf('###'));
    expect(head).toContain(
      `**Reference:** \`reference.json\` (profile, 2000 rows, \`sha256:${'b'.repeat(64)}\`)`,
    );
    expect(head).toContain(
      "**Drift:** ❌ the data set drifted: 2 of 3 compared columns drifted (66.7 %), at or over the gate's 50 %",
    );
    // age: p 2.5e-9 against 0.05 is far further past its threshold than income's 0.35 against 0.1.
    expect(tableAfter(markdown, '### Drift against the reference')).toEqual([
      ['age', 'KS', '0.31', '2.50e-9', 'p ≤ 0.05', '❌ yes'],
      ['income', 'Wasserstein / std', '0.35', '', '≥ 0.1', '❌ yes'],
      ['plan', 'chi-square', '1.2', '0.55', 'p ≤ 0.05', '✅ no'],
    ]);
    expect(markdown).toContain('Not compared: `notes` (all values are missing).');
    // A short table is shown whole: no folded copy of it.
    expect(markdown).not.toContain('Drift of every column');
  });

  test('charts the drifted columns only, most drifted first, as Mermaid xycharts', () => {
    const markdown = renderReport(withDrift([plan, income, age]));
    const charts = mermaidBlocks(markdown);
    expect(charts).toHaveLength(2);
    // Numeric: the data's share per reference quantile bin as bars, the reference's as a line; colours fixed.
    expect(charts[0]).toBe(
      [
        '---',
        'config:',
        '  themeVariables:',
        '    xyChart:',
        '      plotColorPalette: "#d9622b, #3b4a66"',
        '---',
        'xychart-beta',
        '  title "age: data (bars), reference (line)"',
        '  x-axis "reference 5 % quantile bins" ["[0, 25)", "[25, 50)", "[50, 75)", "[75, 100]"]',
        '  y-axis "share of rows" 0 --> 0.4',
        '  bar [0.1, 0.2, 0.3, 0.4]',
        '  line [0.25, 0.25, 0.25, 0.25]',
      ].join('\n'),
    );
    expect(charts[1]).toContain('title "income: data (bars), reference (line)"');
    expect(markdown).toContain(
      "A numeric column is drawn on the reference's 5 % quantile bins, at equal width",
    );
    expect(markdown.indexOf('**age**: KS 0.31, p = 2.50e-9 (drift at p ≤ 0.05)')).toBeLessThan(
      markdown.indexOf('```mermaid'),
    );
  });

  test('a 20-bin histogram is drawn horizontally, one short label per line, so no label overlaps another', () => {
    const edges = Array.from({ length: 21 }, (_, index) => 861853 + index * 174531);
    const labels = edges
      .slice(0, 20)
      .map((edge, index) => `${compactNumber(edge)}–${compactNumber(edges[index + 1] as number)}`);
    const wide: DriftColumn = {
      ...age,
      chart: { labels, reference: labels.map(() => 0.05), current: labels.map(() => 0.05) },
    };
    const [chart] = mermaidBlocks(renderReport(withDrift([wide])));
    expect(chart?.split('\n')[6]).toBe('xychart-beta horizontal');
    expect(chart).toContain('x-axis "reference 5 % quantile bins" ["862k–1.04M", "1.04M–1.21M", ');
    expect(chart).toContain('"4.18M–4.35M"]');
  });

  test('a report without drift says nothing of it', () => {
    const markdown = renderReport(base);
    expect(markdown).not.toContain('Drift');
    expect(markdown).not.toContain('mermaid');
  });

  test('a data set under the gate passes the verdict, even with drifted columns', () => {
    const drift = withDrift([age, plan, { ...plan, column: 'region' }], false).drift as DriftSummary;
    expect(driftVerdict(drift)).toBe("✅ 1 of 3 compared columns drifted (33.3 %), under the gate's 50 %");
  });
});

describe('renderReport with train/test hygiene', () => {
  const hygiene: HygieneSummary = {
    train: { file: 'data/train.csv', rows: 400, columns: 3 },
    test: { file: 'data/test.csv', rows: 100, columns: 3 },
    label: 'churned',
    excluded: [],
    columns: { onlyInTrain: [], onlyInTest: [], status: 'passed' },
    overlap: {
      status: 'failed',
      comparedBy: 'features',
      columns: 2,
      rows: 4,
      fraction: 0.04,
      maxFraction: 0,
      examples: [{ row: { age: 41, plan: 'pro' }, train: 1, test: 2 }],
    },
  };

  test('comes after the drift section and before the folded passed checks', () => {
    const markdown = renderReport({ ...withDrift([age, plan]), hygiene });
    const at = markdown.indexOf('### Train/test hygiene');
    expect(at).toBeGreaterThan(markdown.indexOf('### Drift against the reference'));
    expect(at).toBeGreaterThan(markdown.lastIndexOf('```mermaid'));
    expect(at).toBeLessThan(markdown.indexOf('<summary>Passed'));
    expect(markdown.slice(at)).toContain('test rows also in train (by features)');
  });
});

describe('driftChart', () => {
  test('a text column: counts turned into shares, two bars per category (no line: categories have no order)', () => {
    const lines = driftChart(plan).split('\n');
    expect(lines).toContain(
      '  x-axis ["basic · reference", "basic · data", "pro · reference", "pro · data"]',
    );
    // The data's series first, the reference's drawn over it; each 0 on the other's rows.
    expect(lines).toContain('  bar [0, 0.62, 0, 0.38]');
    expect(lines).toContain('  bar [0.6, 0, 0.4, 0]');
    expect(lines.some((line) => line.trimStart().startsWith('line'))).toBe(false);
    expect(lines).toContain('  y-axis "share of rows" 0 --> 0.65');
  });

  test('keeps quotes and line breaks of names and labels from breaking the chart, and shortens long labels', () => {
    const odd: DriftColumn = {
      ...age,
      column: 'say "hi"\nthere',
      chart: {
        labels: ['a "quoted" label', 'a label far too long for an axis of a chart'],
        reference: [0.5, 0.5],
        current: [0.5, 0.5],
      },
    };
    const lines = driftChart(odd).split('\n');
    expect(lines).toHaveLength(14);
    expect(lines[0]).toBe('```mermaid');
    expect(lines[13]).toBe('```');
    // Mermaid's entity codes: the text shows as written, and no `"` ends the string early.
    expect(lines[8]).toBe('  title "say #quot;hi#quot; there: data (bars), reference (line)"');
    expect(lines[9]).toBe(
      '  x-axis "reference 5 % quantile bins" ["a #quot;quoted#quot; label", "a label far too l…"]',
    );
    // Every quoted string of the chart is closed on its line.
    for (const line of lines.slice(1, -1)) expect((line.match(/"/g) ?? []).length % 2).toBe(0);
  });
});

describe('driftChart labels Mermaid would drop', () => {
  test('`<`, `>` and `#` as Mermaid entity codes, shortened before they are encoded', () => {
    const hostile: DriftColumn = {
      ...plan,
      chart: {
        labels: ['<!-- c -->', '<script>alert(1)</script>', '#35;'],
        reference: [1, 1, 1],
        current: [1, 1, 1],
      },
    };
    const axis = driftChart(hostile)
      .split('\n')
      .find((line) => line.startsWith('  x-axis'));
    expect(axis).toContain('"#lt;!-- c --#gt; · data"');
    expect(axis).toContain('"#lt;script#gt;alert(1)#lt;… · data"');
    expect(axis).toContain('"#35;35#59; · data"');
  });
});

describe('new values of a text column', () => {
  test('are a finding of their own: rows, share and the values, under the drift table', () => {
    const label: DriftColumn = {
      ...plan,
      column: 'status',
      newValues: { rows: 1, share: 0.0021, values: 1, examples: [['unknown', 1]] },
    };
    const markdown = renderReport(withDrift([label]));
    expect(markdown).toContain(
      '- `status`: 1 row (0.2 %) with 1 value the reference never has: `unknown` × 1',
    );
    expect(tableAfter(markdown, '### Drift against the reference')[0]?.[5]).toBe('✅ no (1 new value)');
    expect(markdown).not.toContain('Infinity');
  });
});

describe('compactNumber (chart bin labels)', () => {
  test('three significant digits, a suffix from 10 000 on, an exponent for tiny values', () => {
    expect(
      [
        0, 6.981, 8.3947, -12.5, 1234.5, 9999, 10_000, 861_853, 1_036_384, 999_600, 2.5e9, 3.2e13, 0.0123,
        0.00042, -0.00042,
      ].map(compactNumber),
    ).toEqual([
      '0',
      '6.98',
      '8.39',
      '-12.5',
      '1235',
      '9999',
      '10k',
      '862k',
      '1.04M',
      '1M',
      '2.5G',
      '32T',
      '0.0123',
      '4.2e-4',
      '-4.2e-4',
    ]);
  });
});

describe('formatNumber', () => {
  test('four significant digits; tiny and huge values with an exponent', () => {
    expect(formatNumber(0.123456)).toBe('0.1235');
    expect(formatNumber(12.5)).toBe('12.5');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(3.2e-12)).toBe('3.20e-12');
    expect(formatNumber(2.5e7)).toBe('2.50e+7');
    expect(formatNumber(Number.NaN)).toBe('NaN');
  });
});

describe('renderReport of a wide table', () => {
  const result = wideResult({ columns: 500, failedColumns: 30, drifted: 40, skipped: 5 });
  const markdown = renderReport(result);

  test('the drift table lists every drifted column, most drifted first, then the ten nearest the threshold', () => {
    const rows = tableAfter(markdown, '### Drift against the reference');
    expect(rows).toHaveLength(50);
    const drifted = rows.slice(0, 40);
    expect(drifted.every((row) => row.at(-1) === '❌ yes')).toBe(true);
    expect(rows.slice(40).every((row) => row.at(-1) === '✅ no')).toBe(true);
    const driftedNames = result.drift?.columns.filter((c) => c.drifted).map((c) => c.column);
    expect(new Set(drifted.map((row) => row[0]))).toEqual(new Set(driftedNames));
    expect(markdown).toContain('445 more compared columns did not drift');
    expect(markdown).toContain('Not compared: `feature_0495` (all values are missing in the current data)');
  });

  test('charts five columns, and folds every column and the passed checks at the end', () => {
    expect(mermaidBlocks(markdown)).toHaveLength(5);
    expect(markdown).toContain(
      '<details><summary>Drift of every column (495 compared, 5 not compared)</summary>',
    );
    const folded = tableAfter(markdown, 'Drift of every column');
    expect(folded).toHaveLength(500);
    expect(markdown.indexOf('Drift of every column')).toBeGreaterThan(markdown.lastIndexOf('```mermaid'));
    expect(markdown.indexOf('<summary>Passed')).toBeGreaterThan(markdown.indexOf('Drift of every column'));
  });

  test('failed checks come before the drift section, each column named', () => {
    const failedAt = markdown.indexOf('### Failed (30)');
    expect(failedAt).toBeGreaterThan(0);
    expect(failedAt).toBeLessThan(markdown.indexOf('### Drift against the reference'));
    const rows = tableAfter(markdown, '### Failed (30)');
    expect(rows.map((row) => row[0])).toEqual(Array.from({ length: 30 }, (_, i) => columnName(i)));
  });
});
