import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, withTempDir } from '../support/cli';

/**
 * Issue 3's list of bad input: each gives a defined check result or a one-line error naming the file and line
 * (exit 2), never a crash or a stack trace.
 */
const schema = 'columns:\n  a: {type: integer}\n  b: {type: integer}\n';

async function run(files: Record<string, string | Buffer>, args: string[]) {
  return withTempDir(async (dir) => {
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
    const result = await runCli([...args, '--json'], { cwd: dir });
    expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
    return {
      ...result,
      lastLine: result.stderr.trim().split('\n').at(-1) ?? '',
      json: result.status === 0 || result.status === 1 ? JSON.parse(result.stdout) : undefined,
    };
  });
}

test.each([
  [
    'ragged rows',
    'a,b\n1,2\n3,4,5\n6,7\n',
    'mlci: error: data.csv:3: cannot read as CSV: 3 fields where the header has 2',
  ],
  [
    'broken quoting',
    'a,b\n1,"unclosed\n3,4\n',
    'mlci: error: data.csv:2: cannot read as CSV: a quote opened here is never closed',
  ],
  [
    'text that is not UTF-8',
    Buffer.from('a,b\n1,caf\xe9\n', 'latin1'),
    'mlci: error: data.csv:2: cannot read as CSV: the text is not UTF-8 (convert it first, e.g. `iconv -f latin1 -t utf-8`)',
  ],
  ['an empty file', '', 'mlci: error: data.csv: cannot read as CSV: the file is empty'],
])('%s: exit 2, one line naming the file and line', async (_, data, expected) => {
  const result = await run({ 'data.csv': data, 'schema.yaml': schema }, [
    'validate-data',
    '--data',
    'data.csv',
    '--schema',
    'schema.yaml',
  ]);
  expect(result.status).toBe(2);
  expect(result.lastLine).toBe(expected);
});

test('a header-only file: a defined result with 0 rows', async () => {
  const result = await run({ 'data.csv': 'a,b\n', 'schema.yaml': `${schema}table:\n  rows: {min: 1}\n` }, [
    'validate-data',
    '--data',
    'data.csv',
    '--schema',
    'schema.yaml',
  ]);
  expect(result.status).toBe(1);
  expect(result.json.data.rows).toBe(0);
  expect(result.json.checks.find((c: { name: string }) => c.name === 'rows.min')).toMatchObject({
    status: 'failed',
  });
});

test('a column that is all null: nullable passes unless the schema forbids nulls', async () => {
  const files = {
    'data.csv': 'a,b\n1,\n2,\n',
    'schema.yaml': 'columns:\n  a: {type: integer}\n  b: {type: integer, nullable: false}\n',
  };
  const result = await run(files, ['validate-data', '--data', 'data.csv', '--schema', 'schema.yaml']);
  expect(result.status).toBe(1);
  const failed = result.json.checks.filter((c: { status: string }) => c.status === 'failed');
  expect(failed.map((c: { column: string; name: string }) => `${c.column}.${c.name}`)).toEqual([
    'b.nullable',
  ]);
});

test('a schema that names a column the data lacks: a failed required check', async () => {
  const files = { 'data.csv': 'a,b\n1,2\n', 'schema.yaml': `${schema}  zz: {type: integer}\n` };
  const result = await run(files, ['validate-data', '--data', 'data.csv', '--schema', 'schema.yaml']);
  expect(result.status).toBe(1);
  expect(result.json.checks.filter((c: { status: string }) => c.status === 'failed')).toEqual([
    expect.objectContaining({ column: 'zz', name: 'required', message: 'column is missing from the data' }),
  ]);
});

test('a YAML syntax error in the schema: exit 2 naming the file and line', async () => {
  const files = { 'data.csv': 'a,b\n1,2\n', 'schema.yaml': 'columns:\n  a: {type: integer\n' };
  const result = await run(files, ['validate-data', '--data', 'data.csv', '--schema', 'schema.yaml']);
  expect(result.status).toBe(2);
  expect(result.lastLine).toMatch(/^mlci: error: schema\.yaml:\d+: invalid YAML: /);
});

test('a reference with zero rows: a warning that nothing could be compared, never a crash', async () => {
  const files = { 'data.csv': 'a,b\n1,2\n3,4\n', 'reference.csv': 'a,b\n' };
  const result = await run(files, ['validate-data', '--data', 'data.csv', '--reference', 'reference.csv']);
  expect(result.status).toBe(0);
  expect(result.json.drift.reference.rows).toBe(0);
  expect(
    result.json.checks.find((c: { name: string; column?: string }) => c.name === 'drift' && !c.column),
  ).toMatchObject({
    status: 'warned',
    message: expect.stringMatching(/could be compared/),
  });
});
