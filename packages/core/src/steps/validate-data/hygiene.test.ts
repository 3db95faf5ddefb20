import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../errors';
import type { Logger } from '../../platform/platform';
import type { Check } from '../../report/model';
import { relations, withDatasets } from './data';
import {
  checkHygiene,
  type HygieneOptions,
  type HygieneSummary,
  hygieneExclusions,
  renderHygiene,
} from './hygiene';
import { defaultHygieneConfig, type HygieneConfig, hygieneConfigSchema } from './hygiene-config';
import { parseSchema } from './schema';

let dir: string;
const logger: Logger = { info: () => {}, warn: () => {}, debug: () => {} };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mlci-hygiene-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function csv(header: string, rows: readonly (readonly unknown[])[]): string {
  return `${[header, ...rows.map((row) => row.map((value) => (value === null ? '' : String(value))).join(','))].join('\n')}\n`;
}

async function hygiene(
  trainText: string,
  testText: string,
  options: Partial<HygieneOptions> = {},
): Promise<{ checks: Check[]; summary: HygieneSummary }> {
  await writeFile(join(dir, 'train.csv'), trainText);
  await writeFile(join(dir, 'test.csv'), testText);
  return withDatasets(
    [
      { relation: relations.data, path: join(dir, 'train.csv'), file: 'train.csv', format: 'csv', logger },
      { relation: relations.test, path: join(dir, 'test.csv'), file: 'test.csv', format: 'csv', logger },
    ],
    logger,
    ([train, test]) =>
      checkHygiene(train as never, test as never, { config: defaultHygieneConfig, ...options }),
  );
}

function find(checks: readonly Check[], name: string, column?: string): Check {
  const found = checks.find((check) => check.name === name && check.column === column);
  if (!found)
    throw new Error(`no check ${name} on ${column ?? 'table'}: ${checks.map((c) => c.name).join(', ')}`);
  return found;
}

/** A deterministic pseudo-random sequence in [0, 1) (mulberry32), so generated data is the same every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('duplicates', () => {
  it('passes clean sets and counts rows repeating an earlier row, with the most repeated first', async () => {
    const clean = await hygiene(
      csv('a,b', [
        [1, 'x'],
        [2, 'y'],
      ]),
      csv('a,b', [[3, 'z']]),
    );
    expect(find(clean.checks, 'duplicates(train)').status).toBe('passed');
    expect(clean.summary.duplicates?.train).toMatchObject({ rows: 2, duplicates: 0, fraction: 0 });

    // 10 rows: (1,x) three times, (2,null) twice: 3 rows repeat an earlier one (30%) > 5% -> warn.
    const train = csv('a,b', [
      [1, 'x'],
      [1, 'x'],
      [1, 'x'],
      [2, null],
      [2, null],
      [3, 'p'],
      [4, 'q'],
      [5, 'r'],
      [6, 's'],
      [7, 't'],
    ]);
    const { checks, summary } = await hygiene(train, csv('a,b', [[9, 'z']]));
    const check = find(checks, 'duplicates(train)');
    expect(check).toMatchObject({ status: 'warned', severity: 'warn', expected: 0.05, observed: 0.3 });
    expect(check.message).toContain('3 of 10 rows of train.csv (30%) repeat an earlier row');
    expect(summary.duplicates?.train.examples).toEqual([
      { row: { a: 1, b: 'x' }, count: 3 },
      { row: { a: 2, b: null }, count: 2 },
    ]);
    expect(find(checks, 'duplicates(test)').status).toBe('passed');
  });

  it('fails at error severity and passes at exactly the threshold', async () => {
    const rows = [[1], [1], [2], [3], [4], [5], [6], [7], [8], [9]];
    const atLimit: HygieneConfig = {
      ...defaultHygieneConfig,
      duplicates: { enabled: true, severity: 'error', maxFraction: 0.1 },
    };
    const passed = await hygiene(csv('a', rows), csv('a', [[1]]), { config: atLimit });
    expect(find(passed.checks, 'duplicates(train)').status).toBe('passed');
    const strict: HygieneConfig = { ...atLimit, duplicates: { ...atLimit.duplicates, maxFraction: 0.05 } };
    const failed = await hygiene(csv('a', rows), csv('a', [[1]]), { config: strict });
    expect(find(failed.checks, 'duplicates(train)').status).toBe('failed');
  });
});

describe('overlap', () => {
  const train = csv('id_free,color,y', [
    [1, 'red', 'a'],
    [2, 'blue', 'b'],
    [3, 'green', 'a'],
    [null, 'red', 'b'],
  ]);

  it('passes when no test row is in train', async () => {
    const { checks, summary } = await hygiene(train, csv('id_free,color,y', [[4, 'red', 'a']]), {
      label: 'y',
    });
    expect(find(checks, 'overlap(train, test)')).toMatchObject({
      status: 'passed',
      severity: 'error',
      observed: { rows: 0, fraction: 0 },
    });
    expect(summary.overlap).toMatchObject({ comparedBy: 'features', columns: 2, rows: 0 });
  });

  it('compares features (label excluded) when a label is given, whole rows otherwise; nulls equal nulls', async () => {
    const test = csv('id_free,color,y', [
      [2, 'blue', 'a'], // same features as a train row, other label
      [2, 'blue', 'a'],
      [null, 'red', 'b'], // same whole row, with a null
      [5, 'blue', 'b'],
    ]);
    const byFeatures = await hygiene(train, test, { label: 'y' });
    const check = find(byFeatures.checks, 'overlap(train, test)');
    expect(check).toMatchObject({ status: 'failed', observed: { rows: 3, fraction: 0.75 } });
    expect(check.message).toContain('3 of 4 test rows (75%) also appear in the training set');
    expect(check.message).toContain('label excluded');
    expect(byFeatures.summary.overlap?.examples).toEqual([
      { row: { id_free: 2, color: 'blue' }, train: 1, test: 2 },
      { row: { id_free: null, color: 'red' }, train: 1, test: 1 },
    ]);

    const byRows = await hygiene(train, test);
    expect(find(byRows.checks, 'overlap(train, test)').observed).toEqual({ rows: 1, fraction: 0.25 });
    expect(byRows.summary.overlap).toMatchObject({
      comparedBy: 'rows',
      columns: 3,
      examples: [{ row: { id_free: null, color: 'red', y: 'b' }, train: 1, test: 1 }],
    });
  });

  it('compares columns read as different types in the two sets by their text', async () => {
    // `code` reads as BIGINT in train and VARCHAR in test.
    const { checks } = await hygiene(
      csv('code,n', [[7, 1]]),
      csv('code,n', [
        [7, 1],
        ['x7', 2],
      ]),
    );
    expect(find(checks, 'overlap(train, test)').observed).toEqual({ rows: 1, fraction: 0.5 });
  });
});

describe('conflicting labels', () => {
  it('finds identical features with different labels within train and across the sets', async () => {
    const train = csv('f,g,y', [
      [1, 'u', 'a'],
      [1, 'u', 'b'], // conflicts with the row above
      [1, 'u', 'a'],
      [2, 'v', 'a'],
      [3, 'w', 'b'],
      [3, 'w', null], // unlabelled: not counted
    ]);
    const test = csv('f,g,y', [
      [2, 'v', 'b'], // conflicts with train's (2, v, a)
      [3, 'w', 'b'], // agrees
      [4, 'x', 'a'],
    ]);
    const { checks, summary } = await hygiene(train, test, { label: 'y' });
    const within = find(checks, 'conflicting_labels(train)');
    expect(within).toMatchObject({ status: 'failed', observed: { groups: 1, rows: 3, fraction: 0.6 } });
    expect(within.message).toContain(
      '1 group of identical features of the training set with different labels',
    );
    expect(summary.conflictingLabels?.train.examples).toEqual([
      { row: { f: 1, g: 'u' }, rows: 3, labels: ['a', 'b'] },
    ]);
    const across = find(checks, 'conflicting_labels(train, test)');
    // (2, v) has labels a (train) and b (test): 2 of the 8 labelled rows of both sets.
    expect(across).toMatchObject({ status: 'failed', observed: { groups: 1, rows: 2, fraction: 0.25 } });
    expect(summary.conflictingLabels?.trainTest.examples).toEqual([
      { row: { f: 2, g: 'v' }, rows: 2, labels: ['a'], testLabels: ['b'] },
    ]);
    expect(across.message).toContain('train "a", test "b"');
  });

  it('passes when labels agree, and is not run without a label', async () => {
    const rows = [
      [1, 'a'],
      [1, 'a'],
      [2, 'b'],
    ];
    const { checks } = await hygiene(csv('f,y', rows), csv('f,y', [[1, 'a']]), { label: 'y' });
    expect(find(checks, 'conflicting_labels(train)').status).toBe('passed');
    expect(find(checks, 'conflicting_labels(train, test)').status).toBe('passed');
    const unlabelled = await hygiene(csv('f,y', rows), csv('f,y', [[1, 'a']]));
    expect(unlabelled.checks.some((check) => check.name.startsWith('conflicting_labels'))).toBe(false);
    expect(unlabelled.checks.some((check) => check.name === 'leakage')).toBe(false);
  });
});

describe('unseen categories', () => {
  it('counts test rows whose text value never occurs in train, per column, with examples', async () => {
    const train = csv('color,size,n', [
      ['red', 'S', 1],
      ['blue', 'M', 2],
      ['red', null, 3],
    ]);
    const test = csv('color,size,n', [
      ['red', 'S', 1],
      ['green', 'S', 2],
      ['green', 'XL', 3],
      ['pink', null, 4],
      [null, 'M', 5],
    ]);
    const { checks, summary } = await hygiene(train, test);
    const color = find(checks, 'unseen_categories', 'color');
    expect(color).toMatchObject({
      status: 'warned',
      severity: 'warn',
      expected: 0,
      observed: { rows: 3, fraction: 0.6, values: 2 },
    });
    expect(color.message).toContain('3 of 5 test rows (60%) have a value never seen in the training set');
    expect(summary.unseenCategories?.find((found) => found.column === 'color')?.examples).toEqual([
      { value: 'green', count: 2 },
      { value: 'pink', count: 1 },
    ]);
    expect(find(checks, 'unseen_categories', 'size')).toMatchObject({
      status: 'warned',
      observed: { rows: 1, fraction: 0.2, values: 1 },
    });
    // Numbers are not categories here.
    expect(checks.some((check) => check.name === 'unseen_categories' && check.column === 'n')).toBe(false);
  });

  it('passes when every value was seen, and skips id-like text columns', async () => {
    const train = csv(
      'code,kind',
      Array.from({ length: 30 }, (_, index) => [`id${index}`, index % 2 === 0 ? 'even' : 'odd']),
    );
    const test = csv('code,kind', [
      ['id999', 'odd'],
      ['id0', 'even'],
    ]);
    const { checks } = await hygiene(train, test);
    expect(find(checks, 'unseen_categories', 'kind')).toMatchObject({
      status: 'passed',
      observed: { rows: 0 },
    });
    const code = find(checks, 'unseen_categories', 'code');
    expect(code.status).toBe('passed');
    expect(code.message).toBe(
      'not checked: 30 distinct values in 30 training values, more than 50% (an id or free text?)',
    );
  });
});

/** Train/test rows for leakage: label y in {a, b}; features of known relation to it. */
function leakageData(rows: number, seed: number, offset: number): string {
  const next = random(seed);
  const lines: unknown[][] = [];
  for (let index = 0; index < rows; index += 1) {
    const positive = next() < 0.5;
    const y = positive ? 'b' : 'a';
    // near: the label with 1 row in 100 flipped, as a number.
    const near = (index % 100 === 7 ? !positive : positive) ? 1 : 0;
    // weak: agrees with the label 65% of the time.
    const weak = next() < 0.65 === positive ? 'hi' : 'lo';
    // noise: a number unrelated to the label.
    const noise = Math.round(next() * 1000) / 10;
    lines.push([offset + index, `s${offset + index}`, y, near, weak, noise, y]);
  }
  return csv('id,text_id,copy,near,weak,noise,y', lines);
}

describe('leakage', () => {
  it('flags a copied label and a near copy, not an id, a weak or an unrelated feature', async () => {
    const { checks, summary } = await hygiene(leakageData(600, 1, 0), leakageData(300, 2, 10000), {
      label: 'y',
    });
    const score = (column: string) => summary.leakage?.find((found) => found.column === column);
    expect(find(checks, 'leakage', 'copy')).toMatchObject({
      status: 'failed',
      severity: 'error',
      observed: 1,
    });
    expect(score('copy')).toMatchObject({ kind: 'categorical', accuracy: 1, score: 1 });
    const near = find(checks, 'leakage', 'near');
    expect(near.status).toBe('failed');
    expect(near.message).toMatch(/^predicts the label almost alone: score 0\.9\d\d/);
    expect(score('near')?.kind).toBe('binned');
    // 3 of 300 test rows flipped: accuracy 0.99.
    expect(score('near')?.accuracy).toBeCloseTo(0.99, 10);
    for (const column of ['id', 'text_id', 'weak', 'noise']) {
      expect(find(checks, 'leakage', column).status).toBe('passed');
    }
    // Test ids never occur in train: every prediction is the majority label, no better than the baseline.
    expect(score('id')?.score).toBe(0);
    expect(score('text_id')).toMatchObject({ kind: 'categorical', score: 0 });
    expect(score('weak')?.score).toBeGreaterThan(0.1);
    expect(score('weak')?.score).toBeLessThan(0.5);
    expect(score('noise')?.score).toBeLessThan(0.3);
    expect(summary.leakage?.map((found) => found.column).slice(0, 2)).toEqual(['copy', 'near']);
    // The label is no feature of its own.
    expect(checks.some((check) => check.name === 'leakage' && check.column === 'y')).toBe(false);
  });

  it('bins a numeric label with many values (a regression target)', async () => {
    const next = random(3);
    const rows = (n: number) =>
      Array.from({ length: n }, () => {
        const target = Math.round(next() * 10000) / 100;
        return [target * 2 + 1, Math.round(next() * 100), target];
      });
    const { checks, summary } = await hygiene(
      csv('double,noise,target', rows(400)),
      csv('double,noise,target', rows(200)),
      {
        label: 'target',
      },
    );
    expect(summary.labelBinned).toBe(true);
    expect(find(checks, 'leakage', 'double').status).toBe('failed');
    expect(find(checks, 'leakage', 'noise').status).toBe('passed');
  });
});

describe('columns and bad input', () => {
  it('fails when the sets have different columns and checks the shared ones', async () => {
    const { checks, summary } = await hygiene(
      csv('a,b,only_train', [[1, 'x', 0]]),
      csv('a,only_test,b', [[1, 5, 'x']]),
    );
    const check = find(checks, 'columns(train, test)');
    expect(check).toMatchObject({
      status: 'failed',
      observed: { onlyInTrain: ['only_train'], onlyInTest: ['only_test'] },
    });
    expect(check.message).toBe(
      'only in train.csv: "only_train"; only in test.csv: "only_test" (the other checks compare the 2 shared columns)',
    );
    expect(summary.columns).toEqual({
      onlyInTrain: ['only_train'],
      onlyInTest: ['only_test'],
      status: 'failed',
    });
    expect(find(checks, 'overlap(train, test)').observed).toEqual({ rows: 1, fraction: 1 });
  });

  it('names the file that lacks the label column', async () => {
    const attempt = hygiene(csv('a,y', [[1, 'x']]), csv('a', [[1]]), { label: 'y' });
    await expect(attempt).rejects.toThrow(InputError);
    await expect(hygiene(csv('a,y', [[1, 'x']]), csv('a', [[1]]), { label: 'y' })).rejects.toThrow(
      'test.csv: no label column "y" (columns: a)',
    );
  });

  it('gives defined results for a header-only test set and an all-null column', async () => {
    const train = csv('a,empty,y', [
      [1, null, 'p'],
      [2, null, 'q'],
      [2, null, 'q'],
    ]);
    const { checks, summary } = await hygiene(train, 'a,empty,y\n', { label: 'y' });
    expect(summary.test.rows).toBe(0);
    expect(find(checks, 'duplicates(test)')).toMatchObject({ status: 'passed', observed: 0 });
    expect(find(checks, 'overlap(train, test)')).toMatchObject({ status: 'passed', observed: { rows: 0 } });
    expect(find(checks, 'conflicting_labels(train)').status).toBe('passed');
    expect(find(checks, 'leakage', 'a')).toMatchObject({
      status: 'passed',
      message: 'not checked: the test set has no labelled rows',
    });
    expect(find(checks, 'unseen_categories', 'y')).toMatchObject({ status: 'passed', observed: { rows: 0 } });
    expect(renderHygiene(summary)).toContain('the test set has no labelled rows');

    const withNulls = await hygiene(train, csv('a,empty,y', [[3, null, 'p']]), { label: 'y' });
    expect(find(withNulls.checks, 'leakage', 'empty')).toMatchObject({ status: 'passed', observed: 0 });
    expect(find(withNulls.checks, 'overlap(train, test)').observed).toEqual({ rows: 0, fraction: 0 });
  });

  it('compares nothing but says so when the label is the only column', async () => {
    const { checks } = await hygiene(csv('y', [['a'], ['b']]), csv('y', [['a']]), { label: 'y' });
    expect(find(checks, 'overlap(train, test)').message).toBe('not checked: no feature columns to compare');
    expect(find(checks, 'conflicting_labels(train)').status).toBe('passed');
    expect(checks.some((check) => check.name === 'leakage')).toBe(false);
  });
});

describe('configuration', () => {
  it('reads the schema section with defaults, severities, switches and lines', () => {
    const schema = parseSchema(
      [
        'columns:',
        '  a:',
        'hygiene:',
        '  duplicates: { max_fraction: 0.1, severity: error }',
        '  leakage: false',
        '  unseen_categories:',
        '    max_distinct: 50',
      ].join('\n'),
      'schema.yaml',
    );
    expect(schema.hygiene?.config).toEqual({
      ...defaultHygieneConfig,
      duplicates: { enabled: true, severity: 'error', maxFraction: 0.1 },
      leakage: { ...defaultHygieneConfig.leakage, enabled: false },
      unseenCategories: { ...defaultHygieneConfig.unseenCategories, maxDistinct: 50 },
    });
    expect(schema.hygiene?.lines).toMatchObject({
      section: 3,
      duplicates: 4,
      leakage: 5,
      unseen_categories: 6,
    });
    expect(parseSchema('columns:\n  a:\n', 'schema.yaml').hygiene).toBeUndefined();
    expect(parseSchema('columns:\n  a:\nhygiene:\n', 'schema.yaml').hygiene?.config).toEqual(
      defaultHygieneConfig,
    );
    expect(hygieneConfigSchema.parse(undefined)).toEqual(defaultHygieneConfig);
  });

  it('names the line of a bad setting', () => {
    expect(() =>
      parseSchema('columns:\n  a:\nhygiene:\n  overlap:\n    max_fraction: 2\n', 'schema.yaml'),
    ).toThrow(/^schema\.yaml:5: hygiene\.overlap\.max_fraction: /);
    expect(() => parseSchema('columns:\n  a:\nhygiene:\n  overlapp: {}\n', 'schema.yaml')).toThrow(
      'schema.yaml:4: hygiene.overlapp: unknown key',
    );
  });

  it('points checks at the schema lines and leaves disabled checks out', async () => {
    const config: HygieneConfig = {
      ...defaultHygieneConfig,
      duplicates: { ...defaultHygieneConfig.duplicates, enabled: false },
    };
    const { checks, summary } = await hygiene(csv('a', [[1], [1]]), csv('a', [[2]]), {
      config,
      schemaFile: 'schema.yaml',
      lines: { section: 3, overlap: 7 },
    });
    expect(checks.some((check) => check.name.startsWith('duplicates'))).toBe(false);
    expect(summary.duplicates).toBeUndefined();
    expect(find(checks, 'overlap(train, test)').location).toEqual({ file: 'schema.yaml', line: 7 });
    expect(find(checks, 'columns(train, test)').location).toEqual({ file: 'schema.yaml', line: 3 });
    const bare = await hygiene(csv('a', [[1]]), csv('a', [[2]]));
    expect(find(bare.checks, 'overlap(train, test)').location).toBeUndefined();
  });
});

describe('renderHygiene', () => {
  it('shows a row per check and examples of what failed', async () => {
    const train = csv('f,color,y', [
      [1, 'red', 'a'],
      [1, 'red', 'a'],
      [2, 'blue', 'b'],
    ]);
    const test = csv('f,color,y', [
      [1, 'red', 'a'],
      [3, 'teal', 'b'],
    ]);
    const { summary } = await hygiene(train, test, { label: 'y' });
    const markdown = renderHygiene(summary);
    expect(markdown).toContain('### Train/test hygiene');
    expect(markdown).toContain(
      '**Train:** `train.csv` (3 rows) · **Test:** `test.csv` (2 rows) · **Label:** `y`',
    );
    expect(markdown).toContain('| ⚠️ | duplicate rows (train) | 1 of 3 (33.3%) | ≤ 5% |');
    expect(markdown).toContain('| ❌ | test rows also in train (by features) | 1 of 2 (50%) | ≤ 0% |');
    expect(markdown).toContain('- `{"f":1,"color":"red"}` (train × 2, test × 1)');
    expect(markdown).toContain(
      '| ⚠️ | categories unseen in train | 1 of 2 text columns with new values | ≤ 0% of test rows |',
    );
    expect(markdown).toContain('| color | 1 (50%) | 1 | `teal` × 1 |');
    expect(markdown).toContain('single-feature leakage');
    expect(markdown.endsWith('\n')).toBe(true);
  });
});

describe('keys are not features', () => {
  // A regression table: a row id, two features and a whole-number target. Test row 103 is training row 2
  // copied under a new id; training row 4 repeats row 1 under another id.
  const train = csv('id,rooms,area,price', [
    [1, 3, 70.5, 210],
    [2, 4, 88, 260],
    [3, 2, 51.25, 150],
    [4, 3, 70.5, 210],
  ]);
  const test = csv('id,rooms,area,price', [
    [101, 5, 120, 390],
    [102, 1, 30, 95],
    [103, 4, 88, 260],
  ]);
  const byId = [{ column: 'id', reasons: ['unique' as const] }];

  it('with the id compared, the copied row hides behind its new id', async () => {
    const { checks } = await hygiene(train, test, { label: 'price' });
    expect(find(checks, 'overlap(train, test)')).toMatchObject({ status: 'passed', observed: { rows: 0 } });
  });

  it('with the key left out, the copy is found as overlap and the repeat as a duplicate', async () => {
    const { checks, summary } = await hygiene(train, test, { label: 'price', excluded: byId });
    const overlap = find(checks, 'overlap(train, test)');
    expect(overlap).toMatchObject({ status: 'failed', observed: { rows: 1, fraction: 0.333333 } });
    expect(overlap.message).toContain(`left out: "id" (unique)`);
    expect(summary.overlap?.examples).toEqual([{ row: { rooms: 4, area: 88 }, train: 1, test: 1 }]);
    expect(find(checks, 'duplicates(train)')).toMatchObject({ status: 'warned', observed: 0.25 });
    expect(summary.duplicates?.train.examples).toEqual([
      { row: { rooms: 3, area: 70.5, price: 210 }, count: 2 },
    ]);
    expect(summary.excluded).toEqual(byId);
    // Nor is the key scored as a feature.
    expect(checks.filter((check) => check.name === 'leakage').map((check) => check.column)).toEqual([
      'rooms',
      'area',
    ]);
    const markdown = renderHygiene(summary);
    expect(markdown).toContain('**Left out of the comparisons** (keys are not features): `id` (unique)');
    expect(markdown).toContain('| ❌ | test rows also in train (by features) | 1 of 3 (33.3%) | ≤ 0% |');
  });

  it('finds conflicting labels across the sets once the key is left out', async () => {
    const relabelled = csv('id,rooms,area,price', [[103, 4, 88, 999]]);
    const { checks } = await hygiene(train, relabelled, { label: 'price', excluded: byId });
    expect(find(checks, 'conflicting_labels(train, test)')).toMatchObject({
      status: 'failed',
      observed: { groups: 1, rows: 2 },
    });
  });

  it('says so when every feature is left out instead of comparing nothing; the label stays the label', async () => {
    const excluded = [
      { column: 'id', reasons: ['role: id' as const] },
      { column: 'rooms', reasons: ['hygiene.exclude' as const] },
      { column: 'area', reasons: ['hygiene.exclude' as const] },
      { column: 'price', reasons: ['hygiene.exclude' as const] },
    ];
    const { checks, summary } = await hygiene(train, test, { label: 'price', excluded });
    const reason =
      'every feature column is excluded ("id" (role: id), "rooms" (hygiene.exclude), "area" (hygiene.exclude))';
    expect(find(checks, 'overlap(train, test)').message).toBe(`not checked: ${reason}`);
    expect(find(checks, 'duplicates(train)').message).toBe(`not checked: ${reason}`);
    expect(find(checks, 'conflicting_labels(train)').message).toBe(`not checked: ${reason}`);
    expect(summary.label).toBe('price');
    expect(summary.excluded.map((found) => found.column)).toEqual(['id', 'rooms', 'area']);
    expect(renderHygiene(summary)).toContain(`| ➖ | duplicate rows (train) | ${reason} |`);
  });

  it('reads role: id and hygiene.exclude from the schema, and refuses an unknown column at its line', () => {
    const schema = parseSchema(
      [
        'columns:',
        '  id:',
        '    unique: true',
        '  ref:',
        '    role: id',
        '  batch:',
        '  price:',
        'hygiene:',
        '  exclude: [batch, price]',
      ].join('\n'),
      'schema.yaml',
    );
    expect(schema.hygiene?.config.exclude).toEqual(['batch', 'price']);
    expect(hygieneExclusions(schema)).toEqual([
      { column: 'ref', reasons: ['role: id'] },
      { column: 'id', reasons: ['unique'] },
      { column: 'batch', reasons: ['hygiene.exclude'] },
      { column: 'price', reasons: ['hygiene.exclude'] },
    ]);
    expect(() =>
      parseSchema('columns:\n  a:\nhygiene:\n  exclude:\n    - a\n    - b\n', 'schema.yaml'),
    ).toThrow('schema.yaml:6: hygiene.exclude.1: unknown column "b" (not among the schema\'s columns)');
    expect(() => parseSchema('columns:\n  a:\n    role: key\n', 'schema.yaml')).toThrow(
      /^schema\.yaml:3: columns\.a\.role: /,
    );
  });
});
