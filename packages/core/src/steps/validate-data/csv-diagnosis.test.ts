import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnoseCsv } from './csv-diagnosis';

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
