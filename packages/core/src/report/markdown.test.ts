import { fitToLimit, table } from './markdown';

const hint = 'The full report is in the job artifacts.';

/** Code fences of a text, in order, for checking that every opened block is closed. */
function fences(text: string): string[] {
  return text.split('\n').filter((line) => /^ {0,3}(`{3,}|~{3,})/.test(line));
}

describe('fitToLimit', () => {
  const rows = table(
    ['Column', 'Rule'],
    Array.from({ length: 200 }, (_, i) => [`feature_${i}`, 'min']),
  );

  test('returns a report within the limit unchanged', () => {
    expect(fitToLimit(rows, rows.length, hint)).toBe(rows);
  });

  test('cuts at a line end, keeps the head and ends with the hint', () => {
    const fitted = fitToLimit(rows, 1000, hint);
    expect(fitted.length).toBeLessThanOrEqual(1000);
    expect(fitted.startsWith('| Column | Rule |\n| --- | --- |\n| feature_0 | min |')).toBe(true);
    expect(fitted.endsWith(`the report is cut here to fit the comment size limit. ${hint}\n`)).toBe(true);
    const body = fitted.slice(0, fitted.indexOf('\n\n… the report is cut'));
    for (const line of body.split('\n')) expect(line).toMatch(/^\| .* \|$/);
  });

  test('closes an open <details> and stays within the limit with the closing tag', () => {
    const markdown = `## head\n\n<details><summary>Passed</summary>\n\n${rows}\n\n</details>\n`;
    for (const limit of [300, 301, 302, 303, 500, 777]) {
      const fitted = fitToLimit(markdown, limit, hint);
      expect(fitted.length).toBeLessThanOrEqual(limit);
      expect(fitted.match(/<details>/g)).toHaveLength(1);
      expect(fitted.match(/<\/details>/g)).toHaveLength(1);
    }
  });

  test('closes an open code block with its own fence', () => {
    const log = Array.from({ length: 100 }, (_, i) => `line ${i} of the log`).join('\n');
    const markdown = `## head\n\n~~~~text\n${log}\n~~~~\n\nafter\n`;
    const fitted = fitToLimit(markdown, 400, hint);
    expect(fitted.length).toBeLessThanOrEqual(400);
    expect(fences(fitted)).toEqual(['~~~~text', '~~~~']);
    expect(fitted).toContain('line 0 of the log');
  });

  test('leaves out a Mermaid block it would cut, whole, and keeps what came before', () => {
    const chart = [
      '```mermaid',
      'xychart-beta',
      '  title "age"',
      `  x-axis [${Array.from({ length: 40 }, (_, i) => `"${i}"`).join(', ')}]`,
      `  bar [${Array.from({ length: 40 }, () => '0.025').join(', ')}]`,
      '```',
    ].join('\n');
    const markdown = `## head\n\nintro line\n\n${chart}\n\n${chart}\n`;
    const fitted = fitToLimit(markdown, chart.length + 200, hint);
    expect(fitted.length).toBeLessThanOrEqual(chart.length + 200);
    // The first chart fits whole; the second would be cut and is left out.
    expect(fences(fitted)).toEqual(['```mermaid', '```']);
    const none = fitToLimit(markdown, 150, hint);
    expect(none).toContain('intro line');
    expect(fences(none)).toEqual([]);
  });

  test('a fence inside a code block does not count, nor does <details> inside one', () => {
    const markdown = `\`\`\`\`markdown\n<details>\n\`\`\`sh\nmlci\n\`\`\`\n${'x\n'.repeat(200)}\`\`\`\`\n`;
    const fitted = fitToLimit(markdown, 150, hint);
    expect(fences(fitted)).toEqual(['````markdown', '```sh', '```', '````']);
    expect(fitted).not.toContain('</details>');
  });
});

describe('table', () => {
  test('escapes header cells as it escapes body cells: a class label with | keeps the header one cell long', () => {
    const confusion = table(
      ['', 'a|b', '<b>x</b>'],
      [
        ['a|b', 1, 0],
        ['<b>x</b>', 0, 1],
      ],
    );
    const [header, delimiter, first] = confusion.split('\n');
    expect(header).toBe('|  | a\\|b | &lt;b>x&lt;/b> |');
    expect(first).toBe('| a\\|b | 1 | 0 |');
    // Unescaped pipes separate the cells: as many in the header as in the delimiter row.
    const cells = (line = '') => line.split(/(?<!\\)\|/).length;
    expect(cells(header)).toBe(cells(delimiter));
  });
});
