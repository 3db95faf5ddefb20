import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { localEnv, runCli, withTempDir } from '../support/cli';

/**
 * Issue 14, "Paths are paths", "Headers" and the 50 MB CSV field: every data file mlci hands to DuckDB is read
 * as the one file named (DuckDB would expand `*`, `?`, `[...]`), a repeated or blank label is a failed check
 * instead of DuckDB's silent `amount_1` / `column1`, and an over-long CSV record is named by its line.
 * Real files, the real CLI bundle.
 */

type Files = Record<string, string | Buffer>;

async function mlci(dir: string, args: string[], env?: NodeJS.ProcessEnv) {
  const result = await runCli([...args, '--json'], { cwd: dir, ...(env ? { env } : {}) });
  expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
  return {
    ...result,
    lastLine: result.stderr.trim().split('\n').at(-1) ?? '',
    json: result.status === 0 || result.status === 1 ? JSON.parse(result.stdout) : undefined,
  };
}

async function inDir<T>(files: Files, use: (dir: string) => Promise<T>): Promise<T> {
  return withTempDir(async (dir) => {
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
    return use(dir);
  });
}

const sha256 = (content: string | Buffer) => `sha256:${createHash('sha256').update(content).digest('hex')}`;

/** `rows` rows of an id and an amount, so files differ in row count and digest. */
const table = (rows: number, start = 0) =>
  `id,amount\n${Array.from({ length: rows }, (_, i) => `${start + i},${(start + i) * 1.5}`).join('\n')}\n`;

describe('data files are read literally', () => {
  // Each named file has 2 rows; the decoys its name matches as a glob have other row counts.
  const cases: [string, Files][] = [
    ['a[b].csv', { 'ab.csv': table(5) }],
    ['x*.csv', { 'x1.csv': table(3), 'x2.csv': table(4) }],
    ['q?.csv', { 'q1.csv': table(3) }],
    ['b{1,2}.csv', { 'b1.csv': table(3), 'b2.csv': table(4) }],
    ['[ab]*?.csv', { 'a1.csv': table(3) }],
    ["it's.csv", {}],
    ['with space.csv', {}],
    ['données ✓.csv', { 'donnees.csv': table(3) }],
    ...(process.platform === 'win32'
      ? []
      : ([['back\\slash*.csv', { 'back\\slash1.csv': table(3) }]] as [string, Files][])),
  ];
  test.each(cases)('--data %p reads that file, and the report digests it', async (name, decoys) => {
    const content = table(2, 100);
    await inDir({ ...decoys, [name]: content }, async (dir) => {
      const result = await mlci(dir, ['validate-data', '--data', name, '--write-profile', 'profile.json']);
      expect(result.status).toBe(0);
      expect(result.json.data).toMatchObject({ path: name, rows: 2, digest: sha256(content) });
      const profile = JSON.parse(await readFile(join(dir, 'profile.json'), 'utf8'));
      expect(profile.data.rows).toBe(2);
    });
  });

  test('--reference and --test with glob characters are the named files too', async () => {
    const data = table(4);
    const reference = table(2, 10);
    const testSet = table(3, 20);
    await inDir(
      {
        'data.csv': data,
        'ref[1].csv': reference,
        'ref1.csv': table(7),
        'test*.csv': testSet,
        'test2.csv': table(6, 50),
      },
      async (dir) => {
        const result = await mlci(dir, [
          'validate-data',
          '--data',
          'data.csv',
          '--reference',
          'ref[1].csv',
          '--test',
          'test*.csv',
        ]);
        expect(result.status).toBeLessThan(2);
        expect(result.json.drift.reference).toMatchObject({
          path: 'ref[1].csv',
          rows: 2,
          digest: sha256(reference),
        });
        expect(result.json.hygiene.test.rows).toBe(3);
      },
    );
  });

  test('a compressed file keeps its compression: x*.csv.gz', async () => {
    const content = gzipSync(table(2));
    await inDir({ 'x*.csv.gz': content, 'x1.csv.gz': gzipSync(table(3)) }, async (dir) => {
      const result = await mlci(dir, [
        'validate-data',
        '--data',
        'x*.csv.gz',
        '--format',
        'csv',
        '--write-profile',
        'p.json',
      ]);
      expect(result.status).toBe(0);
      expect(result.json.data).toMatchObject({ rows: 2, digest: sha256(content) });
    });
  });

  test('JSON Lines and Parquet with glob characters', async () => {
    await inDir(
      { 'r?.jsonl': '{"a":1}\n{"a":2}\n', 'r1.jsonl': '{"a":1}\n{"a":2}\n{"a":3}\n' },
      async (dir) => {
        const instance = await DuckDBInstance.create(':memory:');
        const connection = await instance.connect();
        await connection.run(`COPY (SELECT range AS a FROM range(2)) TO '${join(dir, 'p[1].parquet')}'`);
        await connection.run(`COPY (SELECT range AS a FROM range(9)) TO '${join(dir, 'p1.parquet')}'`);
        connection.closeSync();
        instance.closeSync();
        for (const name of ['r?.jsonl', 'p[1].parquet']) {
          const result = await mlci(dir, [
            'validate-data',
            '--data',
            name,
            '--write-profile',
            `${name}.profile.json`,
          ]);
          expect(result.status).toBe(0);
          expect(result.json.data).toMatchObject({
            rows: 2,
            digest: sha256(await readFile(join(dir, name))),
          });
        }
      },
    );
  });

  test('evaluate reads the predictions file named, not what its name matches', async () => {
    const rows = (wrong: number) =>
      `label,prediction\n${Array.from({ length: 10 }, (_, i) => `${i % 2},${i < wrong ? 1 - (i % 2) : i % 2}`).join('\n')}\n`;
    await inDir({ 'cand[1].csv': rows(0), 'cand1.csv': rows(5) }, async (dir) => {
      const result = await mlci(dir, ['evaluate', '--candidate', 'cand[1].csv']);
      expect(result.status).toBe(0);
      expect(JSON.stringify(result.json)).toContain('cand[1].csv');
      // The named file is all right; the decoy it matches as a glob has 5 wrong rows of 10.
      expect(result.json.metrics.accuracy.candidate).toBe(1);
      expect(result.json.data.rows).toBe(10);
    });
  });

  test('another data set and task: a diabetes regression scored by sklearn, named with brackets', async () => {
    await withTempDir(async (dir) => {
      // Debian's sklearn writes the predictions and is the oracle of the metrics; the decoy `preds r.csv` is what
      // the name matches as a glob ([run 1] is one of r, u, n, space, 1).
      const oracle = execFileSync(
        '/usr/bin/python3',
        [
          '-c',
          `
import csv, json, math, sys
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error, mean_squared_error
X, y = load_diabetes(return_X_y=True)
p = LinearRegression().fit(X[:300], y[:300]).predict(X[300:])
with open(sys.argv[1], 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['label', 'prediction'])
    w.writerows([repr(float(a)), repr(float(b))] for a, b in zip(y[300:], p))
print(json.dumps({'rmse': math.sqrt(mean_squared_error(y[300:], p)), 'mae': mean_absolute_error(y[300:], p), 'rows': len(p)}))
`,
          join(dir, 'preds [run 1].csv'),
        ],
        { encoding: 'utf8' },
      );
      const expected = JSON.parse(oracle);
      await writeFile(join(dir, 'preds r.csv'), 'label,prediction\n1,100\n2,200\n');
      const result = await mlci(dir, [
        'evaluate',
        '--candidate',
        'preds [run 1].csv',
        '--task',
        'regression',
      ]);
      expect(result.status).toBe(0);
      expect(result.json.data.rows).toBe(expected.rows);
      expect(result.json.metrics.rmse.candidate).toBeCloseTo(expected.rmse, 9);
      expect(result.json.metrics.mae.candidate).toBeCloseTo(expected.mae, 9);
    });
  });

  test('a temporary directory that is itself a pattern: exit 2, one line', async () => {
    await inDir({ 'x*.csv': table(2) }, async (dir) => {
      const tmp = join(dir, 'tmp[1]');
      await mkdir(tmp);
      const result = await mlci(
        dir,
        ['validate-data', '--data', 'x*.csv', '--write-profile', 'p.json'],
        localEnv({ TMPDIR: tmp }),
      );
      expect(result.status).toBe(2);
      expect(result.lastLine).toMatch(
        /^mlci: error: x\*\.csv: the path holds characters DuckDB reads as a pattern .* and so does the temporary directory .*tmp\[1\].*; rename the file or set TMPDIR to a plain directory$/,
      );
    });
  });
});

describe('repeated and blank labels are failed checks', () => {
  const failed = (json: { checks: { name: string; status: string; column?: string; message: string }[] }) =>
    json.checks
      .filter((check) => check.status === 'failed')
      .map(({ name, column, message }) => ({ name, column, message }));

  test.each([
    [
      'a repeated label',
      'data.csv',
      'id,amount,amount\n1,2,3\n',
      [
        {
          name: 'duplicate-label',
          column: 'amount',
          message:
            "data.csv: 'amount' names 2 columns (fields 2, 3); DuckDB would read them as amount, amount_1",
        },
      ],
    ],
    [
      'a blank label',
      'data.csv',
      'id,,amount\n1,2,3\n',
      [
        {
          name: 'blank-label',
          message: 'data.csv: a column has no name (field 2); DuckDB would call it column1',
        },
      ],
    ],
    [
      'a label of spaces, and a quoted repeat after a byte order mark',
      'data.csv',
      '\uFEFFid,"  ","i""d","i""d"\n1,2,3,4\n',
      [
        {
          name: 'blank-label',
          message: 'data.csv: a column has no name (field 2); DuckDB would call it column1',
        },
        {
          name: 'duplicate-label',
          column: 'i"d',
          message: `data.csv: 'i"d' names 2 columns (fields 3, 4); DuckDB would read them as i"d, i"d_1`,
        },
      ],
    ],
    [
      'a repeated label holding a line break: the message stays one line',
      'data.csv',
      'id,"a\nb","a\nb"\n1,2,3\n',
      [
        {
          name: 'duplicate-label',
          column: 'a\nb',
          message:
            'data.csv: "a\\nb" names 2 columns (fields 2, 3); DuckDB would read them as "a\\nb", "a\\nb_1"',
        },
      ],
    ],
    [
      'labels differing only in case and surrounding spaces',
      'data.tsv',
      'id\tAmount\t amount \n1\t2\t3\n',
      [
        {
          name: 'duplicate-label',
          column: 'Amount',
          message:
            "data.tsv: 'Amount' and 'amount' differ only in case, which SQL names do not tell apart (fields 2, 3); DuckDB would read them as Amount, amount_1",
        },
      ],
    ],
    [
      'JSON Lines keys differing only in case, and an empty key',
      'data.jsonl',
      '{"id":1,"A":1,"":5}\n{"id":2,"a":2}\n',
      [
        { name: 'blank-label', message: 'data.jsonl: a key is empty; DuckDB would call it C2' },
        {
          name: 'duplicate-label',
          column: 'A',
          message:
            "data.jsonl: 'A' and 'a' differ only in case, which SQL names do not tell apart; DuckDB would read them as A, a_1",
        },
      ],
    ],
  ])('%s', async (_, file, content, expected) => {
    await inDir({ [file]: content }, async (dir) => {
      const result = await mlci(dir, ['validate-data', '--data', file, '--write-profile', 'p.json']);
      expect(result.status).toBe(1);
      expect(failed(result.json)).toEqual(expected);
    });
  });

  test.each([
    ['a quoted delimiter in a label is one label, not a repeat', 'data.csv', '"a,b",a,b\n1,2,3\n'],
    ['names that only look renamed are as written', 'data.jsonl', '{"feature_1":1,"C1":2,"x":3,"x_2":4}\n'],
  ])('%s', async (_, file, content) => {
    await inDir({ [file]: content }, async (dir) => {
      const result = await mlci(dir, ['validate-data', '--data', file, '--write-profile', 'p.json']);
      expect(result.status).toBe(0);
      expect(result.json.checks).toEqual([]);
    });
  });

  test('Parquet fields with one name', async () => {
    await withTempDir(async (dir) => {
      const instance = await DuckDBInstance.create(':memory:');
      const connection = await instance.connect();
      const written = join(dir, 'written.parquet');
      await connection.run(`COPY (SELECT 1 AS dupzz1, 2 AS dupzz2, 3 AS id) TO '${written}'`);
      connection.closeSync();
      instance.closeSync();
      // DuckDB never writes two fields of one name; other writers can. Same-length names, so only the names change.
      const bytes = (await readFile(written)).toString('latin1').replaceAll('dupzz2', 'dupzz1');
      await writeFile(join(dir, 'data.parquet'), Buffer.from(bytes, 'latin1'));
      const result = await mlci(dir, [
        'validate-data',
        '--data',
        'data.parquet',
        '--write-profile',
        'p.json',
      ]);
      expect(result.status).toBe(1);
      expect(failed(result.json)).toEqual([
        {
          name: 'duplicate-label',
          column: 'dupzz1',
          message: "data.parquet: 'dupzz1' names 2 columns; DuckDB would read them as dupzz1, dupzz1_1",
        },
      ]);
    });
  });

  test('a key repeated within one JSON object: exit 2 naming the line', async () => {
    await inDir({ 'data.jsonl': '{"a":1}\n{"a":1,"a":2}\n' }, async (dir) => {
      const result = await mlci(dir, ['validate-data', '--data', 'data.jsonl', '--write-profile', 'p.json']);
      expect(result.status).toBe(2);
      expect(result.lastLine).toMatch(
        /^mlci: error: data\.jsonl:2: cannot read as JSON Lines: .*duplicate key "a"$/,
      );
    });
  });

  test('evaluate: a named column that is repeated is refused, an unread one is not', async () => {
    const body = '1,1,0,x\n0,0,1,y\n1,1,1,z\n';
    await inDir(
      {
        'repeated.csv': `label,prediction,prediction,note\n${body}`,
        'other.csv': `label,prediction,note,note\n${body}`,
        'index.csv': `,label,prediction\n0,1,1\n1,0,0\n2,1,1\n`,
      },
      async (dir) => {
        const refused = await mlci(dir, ['evaluate', '--candidate', 'repeated.csv']);
        expect(refused.status).toBe(2);
        expect(refused.lastLine).toBe(
          "mlci: error: repeated.csv:1: 'prediction' names 2 columns (fields 2, 3); DuckDB would read them as prediction, prediction_1, so prediction-column 'prediction' is ambiguous",
        );
        const madeUp = await mlci(dir, [
          'evaluate',
          '--candidate',
          'other.csv',
          '--prediction-column',
          'note_1',
        ]);
        expect(madeUp.status).toBe(2);
        expect(madeUp.lastLine).toMatch(/so prediction-column 'note_1' is ambiguous$/);
        const other = await mlci(dir, ['evaluate', '--candidate', 'other.csv']);
        expect(other.status).toBe(0);
        expect(other.stderr).toContain("other.csv:1: 'note' names 2 columns (fields 3, 4)");
        // pandas' to_csv writes its index under a blank label: evaluate does not read it.
        const index = await mlci(dir, ['evaluate', '--candidate', 'index.csv']);
        expect(index.status).toBe(0);
      },
    );
  });
});

describe('a CSV record beyond DuckDB maximum line size', () => {
  const field = 'x'.repeat(50 * 1024 * 1024);
  const content = `id,text\n1,short\n2,${field}\n3,after\n`;

  test('names its line and the option to raise the limit', async () => {
    await inDir({ 'data.csv': content }, async (dir) => {
      const refused = await mlci(dir, ['validate-data', '--data', 'data.csv', '--write-profile', 'p.json']);
      expect(refused.status).toBe(2);
      expect(refused.lastLine).toBe(
        `mlci: error: data.csv:3: cannot read as CSV: a record of ${2 + field.length} bytes, longer than the maximum line size of 2000000 bytes (DuckDB's max_line_size); raise it with the max-line-size option`,
      );
      const read = await mlci(dir, [
        'validate-data',
        '--data',
        'data.csv',
        '--write-profile',
        'p.json',
        '--max-line-size',
        '60000000',
      ]);
      expect(read.status).toBe(0);
      expect(read.json.data.rows).toBe(3);
    });
  });

  test.each([
    ['0', 'mlci: error: --max-line-size: Too small: expected number to be >=1'],
    ['1000000001', 'mlci: error: --max-line-size: Too big: expected number to be <=1000000000'],
  ])('--max-line-size %s is refused', async (value, expected) => {
    await inDir({ 'data.csv': table(2) }, async (dir) => {
      const result = await mlci(dir, [
        'validate-data',
        '--data',
        'data.csv',
        '--write-profile',
        'p.json',
        '--max-line-size',
        value,
      ]);
      expect(result.status).toBe(2);
      expect(result.lastLine).toBe(expected);
    });
  });
});
