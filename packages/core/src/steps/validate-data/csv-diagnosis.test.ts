import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvRowLines, diagnoseCsv } from './csv-diagnosis';

const dir = mkdtempSync(join(tmpdir(), 'mlci-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function diagnose(text: string, delimiter = ',') {
  const path = join(dir, 'f.csv');
  writeFileSync(path, text);
  return diagnoseCsv(path, delimiter);
}

test.each([
  ['a,b\n1,2\n3,4,5\n6,7\n', { line: 3, problem: '3 fields where the header has 2' }],
  ['a,b\n1,2\n3\n', { line: 3, problem: '1 fields where the header has 2' }],
  ['a,b\n1,"unclosed\n3,4\n', { line: 2, problem: 'a quote opened here is never closed' }],
  ['a,b\r\n1,2\r\n3,4,5\r\n', { line: 3, problem: '3 fields where the header has 2' }],
  // A quoted newline belongs to the field; the broken row is the one after it.
  ['a,b\n"x\ny",2\n3,4,5\n', { line: 4, problem: '3 fields where the header has 2' }],
  ['a\tb\n1\t2\t3\n', { line: 2, problem: '3 fields where the header has 2' }, '\t'],
])('%j -> %j', (text, expected, delimiter = ',') => {
  expect(diagnose(text, delimiter)).toEqual(expected);
});

test.each(['a,b\n1,2\n', 'a,b\n1,2', 'a,b\n"1,5","x ""quoted"" y"\n', 'a,b\n1,2\n\n'])(
  'a well-formed file has no problem: %j',
  (text) => {
    expect(diagnose(text)).toBeUndefined();
  },
);

describe('csvRowLines', () => {
  function lines(text: string, rows: number[], delimiter = ',') {
    const path = join(dir, 'rows.csv');
    writeFileSync(path, text);
    return Object.fromEntries(csvRowLines(path, delimiter, rows));
  }

  test('counts the header as line 1 and a quoted line break as a line of its row', () => {
    const text = 'id,note\n1,plain\n2,"two\nlines"\n3,"x ""quoted""\n\nmore"\n4,last\n';
    expect(lines(text, [1, 2, 3, 4])).toEqual({ 1: 2, 2: 3, 3: 5, 4: 8 });
  });

  test('LF, CRLF and lone CR each end a line; a header with a quoted line break spans two', () => {
    expect(lines('a,b\r\n1,"x\r\ny"\r\n3,4\r\n', [1, 2])).toEqual({ 1: 2, 2: 4 });
    expect(lines('a,b\r1,"x\ry"\r3,4\r', [1, 2])).toEqual({ 1: 2, 2: 4 });
    expect(lines('a,"b\nc"\n1,2\n3,4', [1, 2])).toEqual({ 1: 3, 2: 4 });
  });

  test('a blank line is a row (of one column); rows past the end have no line', () => {
    expect(lines('a\n1\n\n3\n', [2, 3, 9])).toEqual({ 2: 3, 3: 4 });
    expect(lines('a\tb\n1\t"2\n"\n3\t4', [2], '\t')).toEqual({ 2: 4 });
  });
});
