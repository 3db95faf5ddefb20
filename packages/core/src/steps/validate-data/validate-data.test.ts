import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../errors';
import type { Logger } from '../../platform/platform';
import { noProgress } from '../../platform/progress';
import { type DataCheck, distinctMemoryPerThreadMB } from './checks';
import { duckdbVersion, loadDuckDB } from './duckdb';
import { parseSchema, validateDataStep } from './index';
import { validateDataInput } from './input';

let dir: string;
let logged: string[];
const logger: Logger = {
  info: (message) => logged.push(message),
  warn: (message) => logged.push(`warning: ${message}`),
  debug: () => {},
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlci-validate-data-'));
  logged = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string): Promise<string> {
  await writeFile(join(dir, name), text);
  return name;
}

function validate(given: Record<string, unknown>) {
  return validateDataStep.run(validateDataInput.parse(given), {
    cwd: dir,
    logger,
    progress: noProgress,
    context: { platform: 'local' },
  });
}

/** Writes a Parquet file from a SQL query with DuckDB itself. */
async function parquet(name: string, select: string): Promise<string> {
  const duckdb = await loadDuckDB(logger);
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`COPY (${select}) TO '${join(dir, name)}' (FORMAT parquet)`);
  connection.closeSync();
  instance.closeSync();
  return name;
}

function find(checks: readonly DataCheck[], name: string, column?: string): DataCheck {
  const found = checks.find((check) => check.name === name && check.column === column);
  if (!found)
    throw new Error(
      `no check ${name} on ${column ?? 'table'} in ${JSON.stringify(checks.map((c) => [c.column, c.name]))}`,
    );
  return found;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

const peopleCsv = [
  'id,name,age,score,member,joined,code,city',
  '1,alice,34,0.5,true,2020-01-31,AB12,paris',
  '2,bob,27,1.25,false,2021-06-01,CD34,rome',
  '3,carol,45,,true,2019-12-24,EF56,paris',
  '4,dave,19,3.75,false,2022-03-15,GH78,oslo',
].join('\n');

const peopleSchema = `version: 1
columns:
  id:
    type: integer
    unique: true
    nullable: false
  name:
    type: string
    regex: '[a-z]+'
  age:
    type: integer
    min: 18
    max: 65
  score:
    type: number
    max_null_fraction: 0.3
    min: 0
  member:
    type: boolean
  joined:
    type: date
    min: '2019-01-01'
    max: '2022-12-31'
  code:
    type: string
    regex: '[A-Z]{2}[0-9]{2}'
  city:
    allowed: [paris, rome, oslo]
table:
  columns: ordered
  unique: [[name, city]]
  rows: { min: 1, max: 10 }
`;

describe('DuckDB', () => {
  test('loads from node_modules once, without installing anything, at the pinned version', async () => {
    const first = await loadDuckDB(logger);
    expect(typeof first.DuckDBInstance.create).toBe('function');
    expect(await loadDuckDB(logger)).toBe(first);
    expect(logged).toEqual([]);
    const manifest = JSON.parse(await readFile(new URL('../../../package.json', import.meta.url), 'utf8'));
    expect(manifest.dependencies['@duckdb/node-api']).toBe(duckdbVersion);
  });
});

describe('validate-data on CSV', () => {
  test('every rule passes on conforming data and the reports are written', async () => {
    const report = await validate({
      data: await file('people.csv', peopleCsv),
      schema: await file('schema.yaml', peopleSchema),
    });
    const { result } = report;
    expect(result.checks.filter((check) => check.status !== 'passed')).toEqual([]);
    expect(result.status).toBe('passed');
    expect(result.data).toMatchObject({ path: 'people.csv', format: 'csv', rows: 4, columns: 8 });
    expect(result.data.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(result.schema).toMatchObject({ path: 'schema.yaml', inferred: false });
    expect(result.counts).toEqual({ passed: result.checks.length, failed: 0, warned: 0 });
    const names = new Set(result.checks.map((check) => check.name));
    for (const rule of [
      'required',
      'type',
      'nullable',
      'max_null_fraction',
      'min',
      'max',
      'allowed',
      'regex',
      'unique',
      'columns',
      'rows.min',
      'rows.max',
      'unique(name, city)',
    ]) {
      expect(names).toContain(rule);
    }
    expect(find(result.checks, 'min', 'age')).toMatchObject({
      observed: 19,
      expected: 18,
      location: { file: 'schema.yaml', line: 12 },
    });
    expect(find(result.checks, 'max', 'joined').observed).toBe('2022-03-15');
    expect(report.headline).toBe(
      `validate-data passed: ${result.checks.length} checks passed (people.csv, 4 rows)`,
    );
    expect(report.outputs).toEqual({
      status: 'passed',
      'report-path': join('.mlci', 'validate-data.md'),
      'dataset-digest': result.data.digest,
    });
    expect(JSON.parse(await readFile(join(dir, '.mlci', 'validate-data.json'), 'utf8'))).toEqual(result);
    expect(await readFile(report.files.markdown, 'utf8')).toBe(report.markdown);
    expect(await readFile(report.files.junit, 'utf8')).toContain(
      `tests="${result.checks.length}" failures="0"`,
    );
    expect(report.markdown).toMatch(/^## ✅ validate-data passed/);
    expect(report.markdown).toContain('<details><summary>Passed');
    expect(report.markdown).toContain('| age | required, type, min, max |');
    expect(logged.some((line) => line.includes('reading people.csv'))).toBe(true);
    expect(logged.some((line) => line.includes('checking'))).toBe(true);
  });

  test('every rule fails on data that breaks it, and all violations are reported in one run', async () => {
    const csv = [
      'id,name,age,score,member,joined,code,city,extra',
      '1,alice,34,0.5,true,2020-01-31,AB12,paris,x',
      '1,Bob,17,-1.5,maybe,2018-06-01,cd34,rome,x',
      ',carol,abc,,true,2023-01-01 10:00:00,EF56,berlin,x',
      '4,carol,1.5,,false,2022-03-15,GH78,berlin,x',
    ].join('\n');
    // Five rows required and at most three allowed, and a required column the data lacks.
    const schema = peopleSchema
      .replace('max: 10', 'max: 3')
      .replace('min: 1,', 'min: 5,')
      .replace('  city:\n', '  missing:\n    type: string\n  city:\n');
    const { result, headline, markdown } = await validate({
      data: await file('bad.csv', csv),
      schema: await file('schema.yaml', schema),
    });
    expect(result.status).toBe('failed');
    const failed = result.checks.filter((check) => check.status === 'failed');
    const failedNames = failed.map((check) => `${check.column ?? ''}.${check.name}`).sort();
    expect(failedNames).toEqual(
      [
        'id.unique',
        'id.nullable',
        'name.regex',
        'age.type',
        'age.min',
        'score.max_null_fraction',
        'score.min',
        'member.type',
        'joined.type',
        'joined.min',
        'code.regex',
        'city.allowed',
        'missing.required',
        '.columns',
        '.rows.min',
        '.rows.max',
        '.unique(name, city)',
      ].sort(),
    );
    expect(find(result.checks, 'type', 'age')).toMatchObject({
      observed: { type: 'VARCHAR', invalid: 2, examples: ['1.5', 'abc'] },
      expected: 'integer',
    });
    expect(find(result.checks, 'type', 'age').message).toBe(
      '2 of 4 values are not integer, e.g. "1.5", "abc"',
    );
    // Rules after a failed type check see only the values that read as the type.
    expect(find(result.checks, 'min', 'age')).toMatchObject({ observed: 17, status: 'failed' });
    expect(find(result.checks, 'max', 'age').status).toBe('passed');
    expect(find(result.checks, 'type', 'joined').observed).toMatchObject({
      invalid: 1,
      examples: ['2023-01-01 10:00:00'],
    });
    expect(find(result.checks, 'min', 'joined')).toMatchObject({ observed: '2018-06-01' });
    expect(find(result.checks, 'unique', 'id')).toMatchObject({ observed: [{ value: 1, count: 2 }] });
    expect(find(result.checks, 'nullable', 'id')).toMatchObject({ observed: 1, expected: 0 });
    expect(find(result.checks, 'max_null_fraction', 'score')).toMatchObject({ observed: 0.5, expected: 0.3 });
    expect(find(result.checks, 'allowed', 'city')).toMatchObject({ observed: ['berlin'] });
    expect(find(result.checks, 'regex', 'name').observed).toEqual(['Bob']);
    expect(find(result.checks, 'regex', 'code').observed).toEqual(['cd34']);
    expect(find(result.checks, 'columns').observed).toMatchObject({ extra: ['extra'] });
    expect(find(result.checks, 'rows.min')).toMatchObject({ observed: 4, expected: 5 });
    expect(find(result.checks, 'rows.max').status).toBe('failed');
    expect(find(result.checks, 'unique(name, city)')).toMatchObject({
      observed: [{ key: ['carol', 'berlin'], count: 2 }],
    });
    expect(headline).toBe(
      `validate-data failed: ${failed.length} of ${result.checks.length} checks failed (bad.csv, 4 rows)`,
    );
    expect(markdown).toMatch(/^## ❌ validate-data failed/);
    expect(markdown.indexOf('### Failed')).toBeLessThan(markdown.indexOf('<details>'));
    const junit = await readFile(join(dir, '.mlci', 'validate-data.junit.xml'), 'utf8');
    expect(junit).toContain(`failures="${result.counts.failed}"`);
  });

  test('three violations in three columns fail the step and are all reported', async () => {
    const csv = ['a,b,c', '1,x,2020-01-01', '-2,y,2020-01-02', '3,zz,not a date'].join('\n');
    const schema = `columns:
  a: { min: 0 }
  b: { allowed: [x, y] }
  c: { type: date }
`;
    const { result, headline } = await validate({
      data: await file('d.csv', csv),
      schema: await file('s.yaml', schema),
    });
    expect(result.status).toBe('failed');
    const failed = result.checks.filter((check) => check.status === 'failed');
    expect(failed.map((check) => [check.column, check.name, check.location?.line])).toEqual([
      ['a', 'min', 2],
      ['b', 'allowed', 3],
      ['c', 'type', 4],
    ]);
    expect(headline).toBe('validate-data failed: 3 of 6 checks failed (d.csv, 3 rows)');
  });

  test('warn severity reports a violation without failing, per column or per rule', async () => {
    const csv = ['a,b', '1,x', '-2,y'].join('\n');
    const schema = `columns:
  a:
    min: { value: 0, severity: warn }
    max: 0
  b:
    severity: warn
    allowed: [x]
`;
    const { result, headline, markdown } = await validate({
      data: await file('d.csv', csv),
      schema: await file('s.yaml', schema),
    });
    expect(find(result.checks, 'min', 'a')).toMatchObject({ status: 'warned', severity: 'warn' });
    expect(find(result.checks, 'max', 'a')).toMatchObject({ status: 'failed', severity: 'error' });
    expect(find(result.checks, 'allowed', 'b')).toMatchObject({ status: 'warned', severity: 'warn' });

    const warnOnly = await validate({
      data: 'd.csv',
      schema: await file('w.yaml', schema.replace('max: 0', 'max: { value: 0, severity: warn }')),
      out: 'out2',
    });
    expect(warnOnly.result.status).toBe('passed');
    expect(warnOnly.result.counts).toEqual({ passed: 2, failed: 0, warned: 3 });
    expect(warnOnly.headline).toBe(
      'validate-data passed with 3 warnings: 2 of 5 checks passed (d.csv, 2 rows)',
    );
    expect(warnOnly.markdown).toMatch(/^## ⚠️/);
    expect(warnOnly.markdown).toContain('### Warnings (3)');
    expect(headline).toMatch(/failed: 1 of 5/);
    expect(markdown).toContain('### Failed (1)');
  });

  test('an optional missing column is not checked; a required one fails', async () => {
    const schema = `columns:
  a: { type: integer }
  opt: { required: false, type: integer, min: 0 }
  req: { type: integer }
table: { columns: exact }
`;
    const { result } = await validate({
      data: await file('d.csv', 'a\n1\n'),
      schema: await file('s.yaml', schema),
    });
    expect(result.checks.filter((check) => check.column === 'opt')).toEqual([
      expect.objectContaining({ name: 'required', status: 'passed', observed: 'absent' }),
    ]);
    expect(find(result.checks, 'required', 'req')).toMatchObject({
      status: 'failed',
      message: 'column is missing from the data',
    });
    expect(find(result.checks, 'columns').status).toBe('passed');
  });

  test('columns declared string keep their text (leading zeros), and columns can be checked out of order', async () => {
    const csv = ['zip,n', '02134,1', '10001,2'].join('\n');
    const schema = `columns:
  n: {}
  zip: { type: string, regex: '[0-9]{5}' }
table: { columns: ordered }
`;
    const { result } = await validate({
      data: await file('d.csv', csv),
      schema: await file('s.yaml', schema),
    });
    expect(find(result.checks, 'regex', 'zip').status).toBe('passed');
    expect(find(result.checks, 'columns')).toMatchObject({ status: 'failed' });
    expect(find(result.checks, 'columns').message).toContain('expected "n" at position 1, found "zip"');
  });

  test('a value past the sniffed sample that breaks the sniffed type is found, not an error', async () => {
    const lines = ['a,b'];
    for (let i = 0; i < 30000; i++) lines.push(`${i},${i % 7}`);
    lines.push('oops,3');
    const { result } = await validate({
      data: await file('big.csv', lines.join('\n')),
      schema: await file(
        's.yaml',
        'columns:\n  a: { type: integer, min: 0 }\n  b: { type: integer, max: 6 }\n',
      ),
    });
    expect(find(result.checks, 'type', 'a')).toMatchObject({
      status: 'failed',
      observed: { invalid: 1, examples: ['oops'] },
    });
    expect(find(result.checks, 'min', 'a').status).toBe('passed');
    expect(result.data.rows).toBe(30001);
    expect(logged.some((line) => line.includes('reading again'))).toBe(true);
  });
});

describe('validate-data on other formats', () => {
  const schema = `columns:
  id: { type: integer, unique: true, min: 1 }
  label: { type: string, allowed: [a, b] }
  value: { type: number, max: 10 }
  day: { type: date }
`;

  test('TSV', async () => {
    const tsv = ['id\tlabel\tvalue\tday', '1\ta\t1.5\t2024-01-01', '2\tb\t11\t2024-01-02'].join('\n');
    const { result } = await validate({
      data: await file('d.tsv', tsv),
      schema: await file('s.yaml', schema),
    });
    expect(result.data.format).toBe('tsv');
    expect(
      result.checks
        .filter((check) => check.status === 'failed')
        .map((check) => `${check.column}.${check.name}`),
    ).toEqual(['value.max']);
  });

  test('JSON Lines, by extension or by the format option', async () => {
    const jsonl = [
      '{"id":1,"label":"a","value":1.5,"day":"2024-01-01"}',
      '{"id":2,"label":"c","value":2,"day":"2024-01-02"}',
    ].join('\n');
    const { result } = await validate({
      data: await file('d.jsonl', jsonl),
      schema: await file('s.yaml', schema),
    });
    expect(result.data.format).toBe('jsonl');
    expect(
      result.checks
        .filter((check) => check.status === 'failed')
        .map((check) => `${check.column}.${check.name}`),
    ).toEqual(['label.allowed']);
    const explicit = await validate({ data: await file('d.log', jsonl), schema: 's.yaml', format: 'jsonl' });
    expect(explicit.result.data.format).toBe('jsonl');
    expect(explicit.result.counts).toEqual(result.counts);
  });

  test('Parquet', async () => {
    const name = await parquet(
      'd.parquet',
      `SELECT i AS id, CASE WHEN i % 2 = 0 THEN 'a' ELSE 'b' END AS label, i * 1.5 AS value, DATE '2024-01-01' + CAST(i AS INTEGER) AS day FROM range(1, 8) t(i)`,
    );
    const { result } = await validate({ data: name, schema: await file('s.yaml', schema) });
    expect(result.data).toMatchObject({ format: 'parquet', rows: 7, columns: 4 });
    const failed = result.checks.filter((check) => check.status === 'failed');
    expect(failed.map((check) => `${check.column}.${check.name}`)).toEqual(['value.max']);
    expect(failed[0]?.message).toBe('1 value above the maximum 10 (largest 10.5)');
  });
});

describe('Parquet fast paths give the CSV results', () => {
  // Several row groups (DuckDB rounds 1,000 rows up to 2,048): the footer's ranges are per group. k repeats two
  // values 4 times each, has nulls and negative values; key is unique; tag has values outside its allowed list,
  // nulls among them.
  const select = `SELECT CASE WHEN i % 97 = 0 THEN NULL WHEN i IN (10, 2000, 4000) THEN -5 WHEN i IN (11, 3000, 4999) THEN 77 ELSE i - 2500 END AS k,
    i AS key, CASE WHEN i % 50 = 0 THEN NULL WHEN i % 333 = 0 THEN 'zz' WHEN i % 1001 = 0 THEN 'yy' ELSE ['a', 'b', 'c'][i % 3 + 1] END AS tag
    FROM range(1, 5001) t(i)`;
  const schema =
    'columns:\n  k: { type: integer, unique: true }\n  key: { type: integer, unique: true }\n  tag: { type: string, allowed: [a, b, c] }\n';

  test("unique on the footer's ranges (bitstring) and allowed through list_contains", async () => {
    const pq = 'd.parquet';
    const duckdb = await loadDuckDB(logger);
    const instance = await duckdb.DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(
      `COPY (${select}) TO '${join(dir, 'd.parquet')}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`,
    );
    await connection.run(`COPY (${select}) TO '${join(dir, 'd.csv')}' (FORMAT csv, HEADER)`);
    const groups = await connection.runAndReadAll(
      `SELECT count(DISTINCT row_group_id) AS n FROM parquet_metadata('${join(dir, 'd.parquet')}')`,
    );
    connection.closeSync();
    instance.closeSync();
    expect(Number(groups.getRowObjectsJS()[0]?.n)).toBeGreaterThan(1);
    await file('s.yaml', schema);
    const fromParquet = (await validate({ data: pq, schema: 's.yaml', out: 'p' })).result.checks;
    const fromCsv = (await validate({ data: 'd.csv', schema: 's.yaml', out: 'c' })).result.checks;
    const shown = (checks: readonly DataCheck[]) =>
      checks.map(({ name, column, status, message, observed }) => ({
        name,
        column,
        status,
        message,
        observed,
      }));
    expect(shown(fromParquet)).toEqual(shown(fromCsv));
    expect(find(fromParquet, 'unique', 'k').message).toMatch(
      /^6 rows repeat a value, e\.g\. 77 \(4 times\), -5 \(4 times\)/,
    );
    expect(find(fromParquet, 'unique', 'key').status).toBe('passed');
    expect(find(fromParquet, 'allowed', 'tag').message).toMatch(
      /^\d+ rows have values not in the allowed list \(2 distinct values\)/,
    );
  });

  test('unique on an integer Parquet column declared `number` (doubles, not the bitmap) gives the CSV result', async () => {
    const duckdb = await loadDuckDB(logger);
    const instance = await duckdb.DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(
      `COPY (${select}) TO '${join(dir, 'n.parquet')}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`,
    );
    await connection.run(`COPY (${select}) TO '${join(dir, 'n.csv')}' (FORMAT csv, HEADER)`);
    connection.closeSync();
    instance.closeSync();
    await file(
      'n.yaml',
      'columns:\n  k: { type: number, unique: true }\n  key: { type: number, unique: true }\n',
    );
    const fromParquet = (await validate({ data: 'n.parquet', schema: 'n.yaml', out: 'np' })).result.checks;
    const fromCsv = (await validate({ data: 'n.csv', schema: 'n.yaml', out: 'nc' })).result.checks;
    expect(find(fromParquet, 'unique', 'k')).toMatchObject({
      status: 'failed',
      observed: find(fromCsv, 'unique', 'k').observed,
    });
    expect(find(fromParquet, 'unique', 'key').status).toBe('passed');
  });

  test("drift's aggregates in the checks' scan leave the unique count in that scan", async () => {
    const { checkData } = await import('./checks');
    const { withData } = await import('./data');
    await file('u.csv', `id,x\n${[1, 2, 2, 3].map((id, i) => `${id},${i}`).join('\n')}\n`);
    const queries: string[] = [];
    const checked = await withData(
      { path: join(dir, 'u.csv'), file: 'u.csv', format: 'csv', logger },
      async (table) => {
        const counted = {
          ...table,
          query: (sql: string) => {
            queries.push(sql);
            return table.query(sql);
          },
        };
        let read: Record<string, unknown> | undefined;
        // 300 aggregates beside the checks: more than a narrow scan's, which the checks alone are.
        const companion = {
          relation: '',
          plan: (aggregates: { add(sql: string): string }) => {
            const aliases = Array.from({ length: 300 }, () => aggregates.add('count(x)'));
            return (row: Record<string, unknown>) => {
              read = row;
              expect(aliases.every((alias) => Number(row[alias]) === 4)).toBe(true);
            };
          },
        };
        const outcome = await checkData(
          counted,
          parseSchema('columns:\n  id:\n    unique: true\n', 's.yaml'),
          companion,
        );
        expect(read).toBeDefined();
        return outcome;
      },
    );
    expect(checked.alongside).toBe(true);
    expect(find(checked.checks, 'unique', 'id').message).toMatch(/^1 row repeats a value/);
    // One scan for the checks, the unique count inline; then the duplicates' query (a failed rule).
    expect(queries.filter((sql) => /count\(DISTINCT/.test(sql))).toHaveLength(1);
    expect(queries.some((sql) => /unnest\(range/.test(sql))).toBe(false);
  });

  test('a range that misses values (wrong statistics) falls back to an exact hash count', async () => {
    const { Aggregates } = await import('./checks');
    const { withData } = await import('./data');
    await file('v.csv', `v\n${[1, 2, 2, 3, 20, 20, '', 7].join('\n')}\n`);
    const counted = await withData(
      { path: join(dir, 'v.csv'), file: 'v.csv', format: 'csv', logger },
      async (table) => {
        const inRange = new Aggregates();
        const wide = inRange.distinctInRange('v', 'BIGINT', 0n, 100n);
        const narrow = new Aggregates();
        const missed = narrow.distinctInRange('v', 'BIGINT', 2n, 10n);
        return [(await inRange.run(table))[wide], (await narrow.run(table))[missed]];
      },
    );
    expect(counted.map(Number)).toEqual([5, 5]);
  });
});

describe('unique past the memory cap', () => {
  test('a count(DISTINCT) that outgrows the cap moves to the grouped query that spills: exact, and never run uncapped', async () => {
    // 5 M distinct ids and one repeated: at 96 MB a thread the scan's count(DISTINCT) runs out of memory (as
    // 15 M ids do at the real cap in a 2 GB CSV); the grouped count spills to disk and stays under the cap.
    const rows = Array.from({ length: 5_000_000 }, (_, i) => `${i * 7},${i % 13}\n`).join('');
    const data = await file('ids.csv', `id,x\n${rows}21,5\n`);
    const schema = await file(
      'ids.yaml',
      'columns:\n  id: { type: integer, unique: true }\n  x: { type: integer }\n',
    );
    const duckdb = await loadDuckDB(logger);
    const statements: string[] = [];
    const run = duckdb.DuckDBConnection.prototype.run;
    duckdb.DuckDBConnection.prototype.run = function (this: unknown, sql: string, ...rest: unknown[]) {
      statements.push(sql);
      return (run as (...args: unknown[]) => ReturnType<typeof run>).call(this, sql, ...rest);
    } as typeof run;
    const cap = distinctMemoryPerThreadMB.text;
    distinctMemoryPerThreadMB.text = 48;
    try {
      const { result } = await validate({ data, schema });
      expect(find(result.checks, 'unique', 'id')).toMatchObject({
        status: 'failed',
        observed: [{ value: 21, count: 2 }],
      });
    } finally {
      duckdb.DuckDBConnection.prototype.run = run;
      distinctMemoryPerThreadMB.text = cap;
    }
    const limits = statements.filter((sql) => /^SET memory_limit/.test(sql));
    const scans = statements.filter((sql) => /count\(DISTINCT "id"\)/.test(sql));
    // One capped attempt in the scan (out of memory), then the grouped count under the cap again.
    expect(scans).toHaveLength(1);
    expect(statements.some((sql) => /GROUP BY c/.test(sql) && /count\(DISTINCT v\)/.test(sql))).toBe(true);
    expect(limits.filter((sql) => /'\d+MB'/.test(sql))).toHaveLength(2);
  }, 60_000);
});

describe('validate-data input errors', () => {
  const schemaText = 'columns:\n  a: { type: integer }\n';

  test('a missing data file', async () => {
    const error = await rejection(validate({ data: 'nope.csv', schema: await file('s.yaml', schemaText) }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe('nope.csv: no such file');
  });

  test('a malformed CSV file', async () => {
    const error = await rejection(
      validate({
        data: await file('bad.csv', 'a,b\n1,2\n3,4,5\n6\n'),
        schema: await file('s.yaml', schemaText),
      }),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe('bad.csv:3: cannot read as CSV: 3 fields where the header has 2');
    expect(error.message).not.toContain('\n');
  });

  test('a malformed JSON Lines file and a file that is no Parquet', async () => {
    const json = await rejection(
      validate({
        data: await file('bad.jsonl', '{"a":1}\nnot json\n'),
        schema: await file('s.yaml', schemaText),
      }),
    );
    expect(json.message).toMatch(/^bad\.jsonl: cannot read as JSON Lines: Malformed JSON/);
    const parquetError = await rejection(
      validate({ data: await file('bad.parquet', 'PAR1 not really'), schema: 's.yaml' }),
    );
    expect(parquetError).toBeInstanceOf(InputError);
    expect(parquetError.message).toMatch(/^bad\.parquet: cannot read as Parquet: /);
  });

  test('an empty file and an unknown extension', async () => {
    const empty = await rejection(
      validate({ data: await file('e.csv', ''), schema: await file('s.yaml', schemaText) }),
    );
    expect(empty.message).toBe('e.csv: cannot read as CSV: the file is empty');
    const unknown = await rejection(validate({ data: await file('d.xlsx', 'x'), schema: 's.yaml' }));
    expect(unknown).toBeInstanceOf(InputError);
    expect(unknown.message).toMatch(/^d\.xlsx: unknown data format/);
  });

  test('schema and infer-schema: not both, and something to do (option rules, named by option)', () => {
    const issue = (given: Record<string, unknown>) => {
      const parsed = validateDataInput.safeParse(given);
      if (parsed.success) return undefined;
      const [first] = parsed.error.issues;
      return `${String(first?.path[0])}: ${first?.message}`;
    };
    expect(issue({ data: 'd.csv' })).toMatch(/^data: nothing to do with it: give schema, infer-schema/);
    expect(issue({ data: 'd.csv', schema: 's.yaml', inferSchema: 'o.yaml' })).toMatch(
      /^inferSchema: .*give schema or infer-schema, not both/,
    );
  });

  test('a missing schema, bad YAML, unknown keys and bad values name the file and line', async () => {
    await file('d.csv', 'a\n1\n');
    const cases: [string, RegExp][] = [
      ['columns:\n  a: { type: integer\n', /^s\.yaml:3: invalid YAML: /],
      ['columns:\n  a:\n    type: integer\n    mni: 0\n', /^s\.yaml:4: columns\.a\.mni: unknown key$/],
      [
        'columns:\n  a:\n    min: { value: 1, sevrity: warn }\n',
        /^s\.yaml:3: columns\.a\.min\.sevrity: unknown key$/,
      ],
      ['columns:\n  a: {}\ntable:\n  colums: exact\n', /^s\.yaml:4: table\.colums: unknown key$/],
      ['columns:\n  a:\n    type: int\n', /^s\.yaml:3: columns\.a\.type: Invalid option/],
      [
        'columns:\n  a:\n    type: integer\n    min: abc\n',
        /^s\.yaml:4: columns\.a\.min: expected a whole number for an integer column$/,
      ],
      [
        'columns:\n  a:\n    type: integer\n    min: { value: true }\n',
        /^s\.yaml:4: columns\.a\.min\.value: Invalid input/,
      ],
      [
        'columns:\n  a:\n    type: string\n    allowed: [1, b]\n',
        /^s\.yaml:4: columns\.a\.allowed\.0: expected text/,
      ],
      [
        'columns:\n  a: { nullable: false, max_null_fraction: 0.1 }\n',
        /^s\.yaml:2: columns\.a\.max_null_fraction: give nullable or max_null_fraction, not both$/,
      ],
      ['columns:\n  a: { type: date, min: "2024-02-30" }\n', /^s\.yaml:2: columns\.a\.min: expected a date/],
      ['version: 2\ncolumns: {}\n', /^s\.yaml:1: version: /],
      ['table: {}\n', /^s\.yaml:1: columns: is required$/],
      ['', /^s\.yaml: expected a map/],
      [
        'columns:\n  a:\n    regex: "(?=x)"\n',
        /^s\.yaml:3: columns\.a\.regex: invalid regular expression: invalid perl operator: \(\?=$/,
      ],
    ];
    for (const [text, pattern] of cases) {
      await file('s.yaml', text);
      const error = await rejection(validate({ data: 'd.csv', schema: 's.yaml' }));
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toMatch(pattern);
    }
    const missing = await rejection(validate({ data: 'd.csv', schema: 'none.yaml' }));
    expect(missing.message).toBe('none.yaml: no such file');
  });
});

describe('validate-data --infer-schema', () => {
  async function inferAndCheck(data: string): Promise<{ text: string; checks: DataCheck[] }> {
    const { result } = await validate({ data, inferSchema: 'inferred.yaml' });
    expect(result.checks.filter((check) => check.status !== 'passed')).toEqual([]);
    expect(result.status).toBe('passed');
    expect(result.schema).toMatchObject({ path: 'inferred.yaml', inferred: true });
    const text = await readFile(join(dir, 'inferred.yaml'), 'utf8');
    // The written schema also passes when given as --schema in a new run.
    const again = await validate({ data, schema: 'inferred.yaml', out: 'again' });
    expect(again.result.status).toBe('passed');
    expect(again.result.counts).toEqual(result.counts);
    await rm(join(dir, 'inferred.yaml'));
    return { text, checks: result.checks };
  }

  test('floats with many decimals, negatives, nulls, dates, booleans, categories, keys', async () => {
    const csv = [
      'id,x,y,flag,day,at,kind,note,big',
      '1,0.1234567890123456789,-1e-300,true,2024-01-01,2024-01-01 10:00:00,a,hello,9007199254740993',
      '2,-0.30000000000000004,-5,false,2024-02-29,2024-01-02 11:30:00.123456,b,,-9007199254740993',
      '3,1.7976931348623157e308,,true,,2024-01-03 00:00:00,a,world,1',
      '4,5e-324,2.5,,2023-12-31,,a,hello,2',
    ].join('\n');
    const { text, checks } = await inferAndCheck(await file('mixed.csv', csv));
    const schema = parseSchema(text, 'inferred.yaml');
    const spec = (name: string) => schema.columns.find((column) => column.name === name);
    expect(schema.columns.map((column) => [column.name, column.type?.value])).toEqual([
      ['id', 'integer'],
      ['x', 'number'],
      ['y', 'number'],
      ['flag', 'boolean'],
      ['day', 'date'],
      ['at', 'datetime'],
      ['kind', 'string'],
      ['note', 'string'],
      ['big', 'integer'],
    ]);
    expect(spec('id')).toMatchObject({
      unique: { value: true },
      nullable: { value: false },
      min: { value: 1 },
      max: { value: 4 },
    });
    expect(spec('x')?.min?.value).toBe(-0.30000000000000004);
    expect(spec('x')?.max?.value).toBe(1.7976931348623157e308);
    expect(spec('x')?.unique).toBeUndefined();
    expect(spec('y')).toMatchObject({ nullable: { value: true }, min: { value: -5 }, max: { value: 2.5 } });
    expect(spec('kind')?.allowed?.value).toEqual(['a', 'b']);
    expect(spec('note')?.allowed?.value).toEqual(['hello', 'world']);
    expect(spec('big')).toMatchObject({
      min: { value: -9007199254740993n },
      max: { value: 9007199254740993n },
      unique: { value: true },
    });
    expect(schema.table.columns.value).toBe('exact');
    expect(schema.table.rowsMin?.value).toBe(1);
    expect(text).toMatch(/^# Inferred by mlci validate-data from mixed\.csv \(4 rows, sha256:[0-9a-f]{64}\)/);
    expect(find(checks, 'min', 'x').observed).toBe(-0.30000000000000004);
  });

  test('many random floats round-trip exactly', async () => {
    const lines = ['v,w'];
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 500; i++)
      lines.push(`${(random() - 0.5) * 10 ** Math.floor(random() * 20 - 10)},${random() / 3}`);
    await inferAndCheck(await file('floats.csv', lines.join('\n')));
  });

  test('JSON Lines and Parquet data pass the schema inferred from them', async () => {
    const jsonl = [
      '{"a":1,"b":"x","c":true,"d":1.5,"e":[1,2]}',
      '{"a":2,"b":"y","c":null,"d":-2.25,"e":[]}',
      '{"a":3,"b":"x","c":false,"d":null,"e":null}',
    ];
    const fromJson = await inferAndCheck(await file('d.jsonl', jsonl.join('\n')));
    expect(fromJson.text).toContain('allowed:');
    await inferAndCheck(
      await parquet(
        'd.parquet',
        `SELECT i AS id, i / 7 AS ratio, CAST(i AS DECIMAL(10, 3)) / 3 AS money, TIMESTAMP '2024-01-01' + INTERVAL (i) HOUR AS at,
                CASE WHEN i % 3 = 0 THEN NULL ELSE 'k' || (i % 4) END AS kind FROM range(0, 50) t(i)`,
      ),
    );
  });

  test('the breast cancer data from scikit-learn, read past its count header', async () => {
    const source = '/usr/lib/python3/dist-packages/sklearn/datasets/data/breast_cancer.csv';
    expect(existsSync(source)).toBe(true);
    const lines = (await readFile(source, 'utf8')).trim().split('\n').slice(1);
    const header = [...Array.from({ length: 30 }, (_, i) => `f${i}`), 'target'].join(',');
    const { text, checks } = await inferAndCheck(await file('bc.csv', [header, ...lines].join('\n')));
    expect(find(checks, 'rows.min').observed).toBe(569);
    expect(find(checks, 'max', 'target').observed).toBe(1);
    expect(
      parseSchema(text, 'bc.yaml').columns.filter((column) => column.type?.value === 'number'),
    ).toHaveLength(30);
  });

  test('refuses to replace an existing file unless forced', async () => {
    await file('d.csv', 'a\n1\n2\n');
    await file('inferred.yaml', '# my schema\n');
    const error = await rejection(validate({ data: 'd.csv', inferSchema: 'inferred.yaml' }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe('inferred.yaml: already exists; set the force option to replace it');
    expect(await readFile(join(dir, 'inferred.yaml'), 'utf8')).toBe('# my schema\n');
    const { result } = await validate({ data: 'd.csv', inferSchema: 'inferred.yaml', force: true });
    expect(result.status).toBe('passed');
    expect(await readFile(join(dir, 'inferred.yaml'), 'utf8')).toContain('columns:');
  });
});

describe('report for many columns', () => {
  test('passed checks fold to one row per column', async () => {
    const names = Array.from({ length: 200 }, (_, i) => `c${i}`);
    const csv = [
      names.join(','),
      names.map((_, i) => i).join(','),
      names.map((_, i) => i + 1).join(','),
    ].join('\n');
    await file('wide.csv', csv);
    const { result, markdown } = await validate({ data: 'wide.csv', inferSchema: 'wide.yaml' });
    expect(result.checks.length).toBeGreaterThan(1000);
    expect(markdown.split('\n').length).toBeLessThan(220);
  });
});

describe('columns of types a schema cannot declare', () => {
  test('lists and structs are checked by their text', async () => {
    const jsonl = ['{"tags":["a"],"meta":{"k":1}}', '{"tags":["a","b"],"meta":{"k":1}}'].join('\n');
    const schema = `columns:
  tags: { allowed: ['[a]'], unique: true, regex: '\\[.*\\]' }
  meta: { unique: true, min: 0 }
`;
    const { result } = await validate({
      data: await file('d.jsonl', jsonl),
      schema: await file('s.yaml', schema),
    });
    expect(find(result.checks, 'allowed', 'tags')).toMatchObject({ status: 'failed', observed: ['[a, b]'] });
    expect(find(result.checks, 'unique', 'tags').status).toBe('passed');
    expect(find(result.checks, 'regex', 'tags').status).toBe('passed');
    expect(find(result.checks, 'unique', 'meta')).toMatchObject({
      status: 'failed',
      observed: [{ value: "{'k': 1}", count: 2 }],
    });
    expect(find(result.checks, 'min', 'meta').message).toMatch(
      /needs an integer, number, date or datetime column/,
    );
  });
});

describe('failing rows by line and key', () => {
  // A regression table whose `id` is its key: the failing rows are named by line and id. Row 2's note spans
  // three lines, so every row after it starts two lines later than its row number suggests.
  const housesSchema = `columns:
  id:
    type: integer
    unique: true
  note:
    type: string
    regex: '[a-z ]+'
  price:
    type: integer
    min: 0
    nullable: false
table:
  unique: [[note, price]]
`;
  const housesCsv = [
    'id,note,price',
    '1,fine,100',
    '2,"three',
    'line',
    'note",200',
    '3,"a|b `c` <!-- x *y*",-5',
    '4,fine,',
    '5,fine,100',
    '6,ok,-7',
  ].join('\n');

  test('CSV: physical lines (a quoted line break counted), key values and the refused values', async () => {
    const { result, markdown } = await validate({
      data: await file('houses.csv', housesCsv),
      schema: await file('schema.yaml', housesSchema),
    });
    expect(result.keyColumn).toBe('id');
    expect(find(result.checks, 'min', 'price').rows).toEqual([
      { row: 3, line: 6, key: 3, value: -5 },
      { row: 6, line: 9, key: 6, value: -7 },
    ]);
    expect(find(result.checks, 'nullable', 'price').rows).toEqual([{ row: 4, line: 7, key: 4, value: null }]);
    expect(find(result.checks, 'regex', 'note').rows).toEqual([
      { row: 2, line: 3, key: 2, value: 'three\nline\nnote' },
      { row: 3, line: 6, key: 3, value: 'a|b `c` <!-- x *y*' },
    ]);
    // A repeated compound key names every row that shares it.
    expect(find(result.checks, 'unique(note, price)').rows).toEqual([
      { row: 1, line: 2, key: 1, value: { note: 'fine', price: 100 } },
      { row: 5, line: 8, key: 5, value: { note: 'fine', price: 100 } },
    ]);
    expect(find(result.checks, 'unique', 'id').rows).toBeUndefined();

    // The data's text cannot end a cell, open a code span or a comment in the report.
    const row = markdown.split('\n').find((line) => line.startsWith('| note | regex'));
    expect(row).toContain(
      // Values as code spans: shown as written (a line break as a space), a backtick inside one widens its fence.
      'line 3 (id `2`): `three line note`; line 6 (id `3`): `` a\\|b `c` <!-- x *y* ``',
    );
    expect(row?.split(/(?<!\\)\|/).length).toBe(8); // six cells between seven bars
    // `<!--` only inside a code span (shown as text there), none outside one to swallow the rest of the report.
    expect(markdown.replace(/(`+)[^`][\s\S]*?[^`]\1(?!`)/g, '')).not.toContain('<!--');
    expect(markdown).toContain('| price | min (line 10) | 0 | -7 |');
  });

  test('a repeated key names the rows that share it; role: id is the key when declared', async () => {
    const schema = `columns:
  ref:
    role: id
  id:
    unique: true
  y:
    max: 1
`;
    const { result } = await validate({
      data: await file('d.csv', 'ref,id,y\nA,1,0\nB,2,5\nC,1,0\nD,4,0\n'),
      schema: await file('schema.yaml', schema),
    });
    expect(result.keyColumn).toBe('ref');
    expect(find(result.checks, 'unique', 'id').rows).toEqual([
      { row: 1, line: 2, key: 'A', value: 1 },
      { row: 3, line: 4, key: 'C', value: 1 },
    ]);
    expect(find(result.checks, 'max', 'y').rows).toEqual([{ row: 2, line: 3, key: 'B', value: 5 }]);
  });

  test('at most five rows per rule, the first in the file; no key without a key column', async () => {
    const rows = Array.from({ length: 40 }, (_, index) => `${index % 3 === 0 ? -index - 1 : index}`);
    const { result } = await validate({
      data: await file('d.csv', `v\n${rows.join('\n')}\n`),
      schema: await file('schema.yaml', 'columns:\n  v:\n    min: 0\n'),
    });
    expect(result.keyColumn).toBeUndefined();
    expect(find(result.checks, 'min', 'v').rows).toEqual(
      [1, 4, 7, 10, 13].map((row) => ({ row, line: row + 1, value: -row })),
    );
  });

  test('Parquet and JSON Lines name row numbers (a JSON Lines blank line is no row)', async () => {
    const schema = await file('schema.yaml', 'columns:\n  id:\n    unique: true\n  v:\n    min: 0\n');
    const fromParquet = await validate({
      data: await parquet(
        'd.parquet',
        'SELECT range AS id, CASE WHEN range = 7 THEN -1 ELSE range END AS v FROM range(10)',
      ),
      schema,
    });
    expect(find(fromParquet.result.checks, 'min', 'v').rows).toEqual([{ row: 8, key: 7, value: -1 }]);
    const fromJsonLines = await validate({
      data: await file('d.jsonl', '{"id": 10, "v": 1}\n\n{"id": 11, "v": -2}\n'),
      schema,
    });
    expect(find(fromJsonLines.result.checks, 'min', 'v').rows).toEqual([{ row: 2, key: 11, value: -2 }]);
  });
});
