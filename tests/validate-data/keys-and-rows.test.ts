import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, withTempDir } from '../support/cli';

/**
 * A regression team's data through the CLI bundle, as its pipeline runs it: house prices (a whole-number
 * target) with an `id` column. Keys are not features: a training row copied into the test set under a new id is
 * found by the train/test checks, whether the id is declared `unique`, `role: id` or listed in `hygiene.exclude`.
 * And a broken contract names its failing rows by line and id, whatever the data's text does to Markdown.
 */

const header = 'id,rooms,area,listed,price';
const trainSet = [
  header,
  '1,3,70.5,2024-01-03,210',
  '2,4,88,2024-01-05,260',
  '3,2,51.25,2024-01-09,150',
  '4,5,120.75,2024-01-10,395',
  '5,1,30,2024-01-12,95',
].join('\n');
// Row 203 is training row 2 copied under a new id, its listing date changed by the copy.
const testSet = [
  header,
  '201,3,64,2024-02-01,190',
  '202,6,140,2024-02-02,450',
  '203,4,88,2024-02-07,260',
].join('\n');

const columns = (id: string) => `columns:
  id:
${id}
  rooms:
    type: integer
  area:
    type: number
  listed:
    type: date
  price:
    type: integer
    min: 0
`;

interface HygieneResult {
  hygiene: {
    excluded: { column: string; reasons: string[] }[];
    overlap: { rows: number; examples: { row: Record<string, unknown> }[] };
  };
  checks: { name: string; column?: string; status: string; message: string; rows?: unknown[] }[];
}

async function runTrainTest(dir: string, schema: string) {
  await writeFile(join(dir, 'train.csv'), `${trainSet}\n`);
  await writeFile(join(dir, 'test.csv'), `${testSet}\n`);
  await writeFile(join(dir, 'schema.yaml'), schema);
  return runCli(
    [
      'validate-data',
      '--data',
      'train.csv',
      '--schema',
      'schema.yaml',
      '--test',
      'test.csv',
      '--label',
      'price',
    ],
    { cwd: dir },
  );
}

async function trainTest(dir: string, schema: string) {
  const run = await runTrainTest(dir, schema);
  const result = JSON.parse(await readFile(join(dir, '.mlci/validate-data.json'), 'utf8')) as HygieneResult;
  const markdown = await readFile(join(dir, '.mlci/validate-data.md'), 'utf8');
  return { run, result, markdown };
}

const overlapCheck = (result: HygieneResult) => result.checks.find((c) => c.name === 'overlap(train, test)');

describe('keys are not features (validate-data --test)', () => {
  test('unique id and the listing date left out: the copied row is overlap, exit 1', async () => {
    await withTempDir(async (dir) => {
      const schema = `${columns('    type: integer\n    unique: true')}hygiene:\n  exclude: [listed]\n`;
      const { run, result, markdown } = await trainTest(dir, schema);
      expect(run.status).toBe(1);
      expect(result.hygiene.excluded).toEqual([
        { column: 'id', reasons: ['unique'] },
        { column: 'listed', reasons: ['hygiene.exclude'] },
      ]);
      expect(result.hygiene.overlap.rows).toBe(1);
      expect(result.hygiene.overlap.examples.map((example) => example.row)).toEqual([{ rooms: 4, area: 88 }]);
      expect(overlapCheck(result)).toMatchObject({ status: 'failed' });
      expect(markdown).toContain(
        '**Left out of the comparisons** (keys are not features): `id` (unique), `listed` (hygiene.exclude)',
      );
      expect(markdown).toContain('| ❌ | test rows also in train (by features) | 1 of 3 (33.3%) | ≤ 0% |');
      expect(
        result.checks.filter((check) => check.name === 'leakage').map((check) => check.column),
      ).not.toContain('id');
    });
  });

  test('role: id is a key too; without hygiene.exclude the changed date keeps the copy apart', async () => {
    await withTempDir(async (dir) => {
      const { run, result } = await trainTest(dir, columns('    role: id'));
      expect(result.hygiene.excluded).toEqual([{ column: 'id', reasons: ['role: id'] }]);
      expect(result.hygiene.overlap.rows).toBe(0);
      expect(overlapCheck(result)?.message).toContain('left out: "id" (role: id)');
      expect(run.status).toBe(0);
    });
    await withTempDir(async (dir) => {
      const schema = `${columns('    role: id')}hygiene:\n  exclude: [listed]\n`;
      const { run, result } = await trainTest(dir, schema);
      expect(result.hygiene.overlap.rows).toBe(1);
      expect(run.status).toBe(1);
    });
  });

  test('the id compared as a feature hides the copy (what the keys fix)', async () => {
    await withTempDir(async (dir) => {
      const schema = `${columns('    type: integer')}hygiene:\n  exclude: [listed]\n`;
      const { result } = await trainTest(dir, schema);
      expect(result.hygiene.excluded).toEqual([{ column: 'listed', reasons: ['hygiene.exclude'] }]);
      expect(result.hygiene.overlap.rows).toBe(0);
    });
  });

  test('an unknown column in hygiene.exclude: exit 2 naming the schema file and line', async () => {
    await withTempDir(async (dir) => {
      const schema = `${columns('    unique: true')}hygiene:\n  exclude:\n    - listed\n    - listing_date\n`;
      const run = await runTrainTest(dir, schema);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(
        `schema.yaml:16: hygiene.exclude.1: unknown column "listing_date" (not among the schema's columns)`,
      );
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });
  });
});

describe('failing rows by line and key (validate-data --schema)', () => {
  test('a CSV with a quoted multi-line field: lines, ids and values in the JSON and, intact, in the report', async () => {
    await withTempDir(async (dir) => {
      const data = [
        'id,note,price',
        '10,"renovated',
        'kitchen, new ""roof""",250',
        '11,"| `price` <!-- a comment? **bold**",-40',
        '12,plain,175.5',
        '13,"",-1',
      ].join('\r\n');
      await writeFile(join(dir, 'houses.csv'), `${data}\r\n`);
      await writeFile(
        join(dir, 'schema.yaml'),
        'columns:\n  id:\n    unique: true\n  note:\n    type: string\n  price:\n    type: integer\n    min: 0\n',
      );
      const run = await runCli(
        ['validate-data', '--data', 'houses.csv', '--schema', 'schema.yaml', '--json'],
        {
          cwd: dir,
        },
      );
      expect(run.status).toBe(1);
      const result = JSON.parse(run.stdout);
      expect(result.keyColumn).toBe('id');
      const failed = (name: string) =>
        result.checks.find(
          (check: { name: string; column?: string }) => check.name === name && check.column === 'price',
        );
      expect(failed('min').rows).toEqual([
        { row: 2, line: 4, key: 11, value: -40 },
        { row: 4, line: 6, key: 13, value: -1 },
      ]);
      expect(failed('type').rows).toEqual([{ row: 3, line: 5, key: 12, value: 175.5 }]);

      const markdown = await readFile(join(dir, '.mlci/validate-data.md'), 'utf8');
      const tableRows = markdown.split('\n').filter((line) => /^\| price \| (type|min) /.test(line));
      expect(tableRows).toHaveLength(2);
      // Six cells each: the data's `|` is escaped, so it splits no cell.
      for (const row of tableRows) expect(row.split(/(?<!\\)\|/)).toHaveLength(8);
      expect(tableRows.find((row) => row.includes('| min'))).toContain(
        '| line 4 (id 11): -40; line 6 (id 13): -1 |',
      );
      // The note is not checked by any rule here; a regex on it shows its text in the report.
      await writeFile(
        join(dir, 'schema.yaml'),
        "columns:\n  id:\n    unique: true\n  note:\n    regex: '[a-z ,\"]*'\n",
      );
      const again = await runCli(['validate-data', '--data', 'houses.csv', '--schema', 'schema.yaml'], {
        cwd: dir,
      });
      expect(again.status).toBe(1);
      const report = await readFile(join(dir, '.mlci/validate-data.md'), 'utf8');
      const noteRow = report.split('\n').find((line) => line.startsWith('| note | regex'));
      expect(noteRow).toContain(
        'line 4 (id 11): "\\| &#96;price&#96; &lt;!-- a comment? &#42;&#42;bold&#42;&#42;"',
      );
      expect(noteRow?.split(/(?<!\\)\|/)).toHaveLength(8);
      expect(report).not.toContain('<!--');
    });
  });
});
