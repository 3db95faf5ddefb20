import { bareUrl, codeSpan, fitToLimit, link, literalText, table } from './markdown';

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
    expect(header).toBe('|  | a&#124;b | &#60;b>x&#60;/b> |');
    expect(first).toBe('| a&#124;b | 1 | 0 |');
    // Unescaped pipes separate the cells: as many in the header as in the delimiter row.
    const cells = (line = '') => line.split(/(?<!\\)\|/).length;
    expect(cells(header)).toBe(cells(delimiter));
  });
});

describe('codeSpan', () => {
  test('a fence longer than any backtick run inside, padded when the text touches a backtick (CommonMark 6.1)', () => {
    expect(String(codeSpan('mean_radius'))).toBe('`mean_radius`');
    expect(String(codeSpan('a`b'))).toBe('`` a`b ``');
    expect(String(codeSpan('`tick`'))).toBe('`` `tick` ``');
    expect(String(codeSpan('x ``` y'))).toBe('```` x ``` y ````');
    expect(String(codeSpan(' both '))).toBe('`  both  `');
    expect(String(codeSpan('two\nlines'))).toBe('`two lines`');
  });

  test('in a table cell as InlineMarkdown: only `|` escaped, so `\\` and `<` stay as written in the code', () => {
    const [, , row] = table(['Column'], [[codeSpan('a|b \\ <x>')]]).split('\n');
    expect(row).toBe('| `a\\|b \\ <x>` |');
  });

  test('a backslash before a `|` in a table cell cannot unescape it: the row keeps its cells', () => {
    const [, , row] = table(['a', 'b'], [[codeSpan('x\\|y'), 'z']]).split('\n');
    expect(row).toBe('| `x\\\\\\|y` | z |');
  });
});

describe('literalText', () => {
  test('turns inline markup of data text into character references; underscores inside words stay', () => {
    expect(String(literalText('`x` **b** _i_ [l](u) ~~s~~ &amp; mean_radius <b> \\|'))).toBe(
      '&#96;x&#96; &#42;&#42;b&#42;&#42; &#95;i&#95; &#91;l](u) &#126;&#126;s&#126;&#126; &#38;amp; mean_radius &#60;b> &#92;&#124;',
    );
  });

  test('mentions, issue references and URLs become text: a zero-width joiner after @ and #, into :// and www.', () => {
    expect(String(literalText('@team #12 https://x.io www.y.io'))).toBe(
      '@\u200dteam #\u200d12 https:\u200d//x.io www\u200d.y.io',
    );
    expect(String(literalText('two\nlines'))).toBe('two lines');
  });

  test('through cell() it stays as it is, and a plain string is escaped as it is', () => {
    const [, , row] = table(['v'], [[literalText('a|b <c> \\d')]]).split('\n');
    expect(row).toBe('| a&#124;b &#60;c> &#92;d |');
    expect(table(['v'], [['a|b <c> \\d']])).toBe(table(['v'], [[literalText('a|b <c> \\d')]]));
  });

  test('what would start a block at the start of a line is escaped, a negative number is not', () => {
    expect(String(literalText('# x'))).toBe('#\u200d x');
    expect(String(literalText('- x'))).toBe('&#45; x');
    expect(String(literalText('---'))).toBe('&#45;--');
    expect(String(literalText('> x'))).toBe('&#62; x');
    expect(String(literalText('1. x'))).toBe('1\\. x');
    expect(String(literalText('    code'))).toBe('&#32;   code');
    expect(String(literalText('-1 (better)'))).toBe('-1 (better)');
  });

  test('line and paragraph separators are spaces, bidi controls U+FFFD', () => {
    expect(String(literalText('a\u2028b\u2029c\rd'))).toBe('a b c d');
    expect(String(literalText('abc\u202edef'))).toBe('abc\ufffddef');
    expect(String(codeSpan('x\u2066y\u2028z'))).toBe('`x\ufffdy z`');
  });
});

describe('links', () => {
  test('a link to http(s) only, with what could end its target encoded; other schemes are text', () => {
    expect(String(link('run 1', 'https://x.io/a(b)<c>'))).toBe('[run 1](https://x.io/a%28b%29%3Cc%3E)');
    expect(String(link('[x]', 'javascript:alert(1)'))).toBe('&#91;x]');
    expect(String(bareUrl('https://ci.example/runs/9'))).toBe('https://ci.example/runs/9');
    expect(String(bareUrl('https://x.io/<!--'))).toBe('https:\u200d//x.io/&#60;!--');
  });
});
