import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DataProfile, mergedDigest, profileTable, withData } from './index';
import { quietLogger as logger, runValidateData, scratchDirectory } from './test-support';

const scratch = scratchDirectory('mlci-profile-');
const validate = (given: Record<string, unknown>) => runValidateData(scratch(), given);

async function profileOf(name: string): Promise<DataProfile> {
  return JSON.parse(await readFile(join(scratch(), name), 'utf8')) as DataProfile;
}

/** Rows with integers, floats, nulls, categories and a date; row i is the same whatever the partition. */
function rows(from: number, to: number): string[] {
  const lines: string[] = [];
  for (let i = from; i < to; i++) {
    const x = ((i * 7919) % 1000) / 10;
    const n = i % 13 === 0 ? '' : String((i * 31) % 97);
    const cat = ['north', 'south', 'east', 'west'][(i * i) % 4] as string;
    const day = `2024-01-${String((i % 28) + 1).padStart(2, '0')}`;
    lines.push(`${i},${x},${n},${cat},${day}`);
  }
  return lines;
}

async function csv(name: string, lines: string[]): Promise<string> {
  await writeFile(join(scratch(), name), `id,x,n,cat,day\n${lines.join('\n')}\n`);
  return name;
}

describe('profiles', () => {
  it('are deterministic: the same data gives the same bytes', async () => {
    await csv('data.csv', rows(0, 1500));
    await validate({ data: 'data.csv', writeProfile: 'one.json', out: 'a' });
    await validate({ data: 'data.csv', writeProfile: 'two.json', out: 'b' });
    const one = await readFile(join(scratch(), 'one.json'), 'utf8');
    expect(await readFile(join(scratch(), 'two.json'), 'utf8')).toBe(one);
    const profile = JSON.parse(one) as DataProfile;
    expect(profile.mlci).toBe('profile');
    expect(profile.version).toBe(1);
    expect(profile.data.rows).toBe(1500);
    const n = profile.columns.find((column) => column.name === 'n');
    expect(n?.kind).toBe('numeric');
    expect(n?.nulls).toBe(Math.ceil(1500 / 13));
    if (n?.kind !== 'numeric') throw new Error('n is not numeric');
    expect(n.values).toBeUndefined(); // more than 1000 rows: no raw values
    expect(n.bins?.counts.reduce((s, c) => s + c, 0)).toBe(n.count);
    expect(profile.columns.find((column) => column.name === 'day')?.kind).toBe('other');

    // write-profile refuses to replace a file unless forced.
    await expect(validate({ data: 'data.csv', writeProfile: 'one.json' })).rejects.toThrow(
      /^one\.json: already exists; set the force option/,
    );
    await validate({ data: 'data.csv', writeProfile: 'one.json', force: true, out: 'c' });
  });

  it('merged from partitions profiled on the whole data set edges equals the profile of the whole', async () => {
    const all = rows(0, 1500);
    await csv('whole.csv', all);
    await csv('p1.csv', all.slice(0, 400));
    await csv('p2.csv', all.slice(400, 1000));
    await csv('p3.csv', all.slice(1000));
    await validate({ data: 'whole.csv', writeProfile: 'whole.json', out: 'w' });
    for (const part of ['p1', 'p2', 'p3']) {
      await validate({
        data: `${part}.csv`,
        reference: 'whole.json',
        writeProfile: `${part}.json`,
        out: part,
      });
    }
    await writeFile(
      join(scratch(), 'schema.yaml'),
      'columns:\n  id:\n    type: integer\n    unique: true\n  x:\n    type: number\n    min: 0\n    max: 99.9\n  n:\n    nullable: false\n  cat:\n    allowed: [north, south, east, west]\n  day:\ntable:\n  rows: { min: 1500 }\n  columns: exact\n',
    );
    const report = await validate({
      mergeProfiles: ['p1.json', 'p2.json', 'p3.json'],
      schema: 'schema.yaml',
      reference: 'whole.json',
      writeProfile: 'merged.json',
      out: 'm',
    });
    const whole = await profileOf('whole.json');
    const merged = await profileOf('merged.json');
    const parts = await Promise.all(['p1.json', 'p2.json', 'p3.json'].map(profileOf));
    expect(merged.data.digest).toBe(mergedDigest(parts.map((part) => part.data.digest)));
    expect(merged.data.rows).toBe(whole.data.rows);
    expect(merged.columns.map((c) => c.name)).toEqual(whole.columns.map((c) => c.name));
    for (const column of whole.columns) {
      const other = merged.columns.find((c) => c.name === column.name);
      if (!other) throw new Error(`merged profile lacks ${column.name}`);
      expect([other.count, other.nulls, other.kind]).toEqual([column.count, column.nulls, column.kind]);
      if (column.kind === 'numeric' && other.kind === 'numeric') {
        expect([other.min, other.max, other.nonFinite]).toEqual([column.min, column.max, column.nonFinite]);
        expect(other.bins).toEqual(column.bins);
        expect(other.mean).toBeCloseTo(column.mean as number, 8);
        expect(other.std).toBeCloseTo(column.std as number, 8);
      }
      if (column.kind === 'categorical' && other.kind === 'categorical') {
        expect(other.categories).toEqual(column.categories);
        expect([other.other, other.distinct]).toEqual([column.other, column.distinct]);
      }
      if (column.kind === 'other' && other.kind === 'other')
        expect([other.min, other.max]).toEqual([column.min, column.max]);
    }

    const result = report.result;
    expect(result.data.format).toBe('profiles');
    expect(result.data.rows).toBe(1500);
    const status = (name: string, column?: string) =>
      result.checks.find((check) => check.name === name && check.column === column)?.status;
    expect(status('min', 'x')).toBe('passed');
    expect(status('allowed', 'cat')).toBe('passed');
    expect(status('nullable', 'n')).toBe('failed');
    expect(status('rows.min')).toBe('passed');
    expect(status('columns')).toBe('passed');
    // Rules that need the rows are not decided from profiles.
    const unique = result.checks.find((check) => check.name === 'unique' && check.column === 'id');
    expect(unique?.status).toBe('warned');
    expect(unique?.message).toContain('needs the rows');
    // The merged data is the reference itself: nothing drifts, and the bins compare exactly.
    const compared = result.drift?.columns.filter((column) => column.skipped === undefined) ?? [];
    expect(compared.map((column) => column.column)).toEqual(['x', 'n', 'cat']);
    expect(compared.every((column) => !column.drifted && column.statistic < 1e-9)).toBe(true);
    // The key (unique: true in the schema) is not compared, and the report says why.
    expect(result.drift?.columns.find((column) => column.column === 'id')?.skipped).toMatch(/unique/);
  });

  it('computes KS and Wasserstein in DuckDB when the samples are too big to fetch, as scipy does', async () => {
    const lines = (count: number, shift: number) =>
      Array.from({ length: count }, (_, i) =>
        String(Number((((i * 7919) % 10007) / 100 + shift).toFixed(2))),
      );
    const ref = lines(12000, 0);
    const cur = lines(190000, 3);
    await writeFile(join(scratch(), 'ref.csv'), `x\n${ref.join('\n')}\n`);
    await writeFile(join(scratch(), 'cur.csv'), `x\n${cur.join('\n')}\n`);
    const ks = await validate({ data: 'cur.csv', reference: 'ref.csv', driftTest: 'ks', out: 'k' });
    const wasserstein = await validate({ data: 'cur.csv', reference: 'ref.csv', out: 'w' });
    const script = `
import json, sys
import numpy as np
from scipy import stats
d = json.load(sys.stdin)
ref = np.array(d['ref'], dtype=float); cur = np.array(d['cur'], dtype=float)
r = stats.ks_2samp(ref, cur)
print(json.dumps([float(r.statistic), float(r.pvalue), float(stats.wasserstein_distance(ref, cur) / np.std(ref))]))
`;
    const [statistic, pValue, normalized] = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', script], {
        input: JSON.stringify({ ref: ref.map(Number), cur: cur.map(Number) }),
      }).toString(),
    ) as number[];
    const ksColumn = ks.result.drift?.columns[0];
    expect(ksColumn?.test).toBe('ks');
    expect(ksColumn?.statistic).toBeCloseTo(statistic as number, 9);
    expect(ksColumn?.pValue).toBeCloseTo(pValue as number, 9);
    const wColumn = wasserstein.result.drift?.columns[0];
    expect(wColumn?.test).toBe('wasserstein');
    expect(wColumn?.statistic).toBeCloseTo(normalized as number, 6);
  });

  it('bins on given edges: [e0, e1), ..., [e(k-1), ek] closed, below and above counted apart; edges as quantile_disc picks', async () => {
    // Integers with many values exactly on the edges, and values outside them on both sides.
    const values = Array.from({ length: 500 }, (_, i) => ((i * 37) % 23) - 3);
    await writeFile(join(scratch(), 'v.csv'), `v\n${values.join('\n')}\n`);
    const edges = [0, 2, 5, 10, 17];
    const profile = await withData(
      { path: join(scratch(), 'v.csv'), file: 'v.csv', format: 'csv', logger },
      async (table) => ({
        given: await profileTable(table, {
          file: 'v.csv',
          digest: 'sha256:0',
          edges: new Map([['v', edges]]),
        }),
        own: await profileTable(table, { file: 'v.csv', digest: 'sha256:0', values: false }),
      }),
    );
    const k = edges.length - 1;
    const expected = new Array<number>(k + 2).fill(0);
    for (const v of values) {
      if (v < (edges[0] as number)) expected[0] = (expected[0] as number) + 1;
      else if (v > (edges[k] as number)) expected[k + 1] = (expected[k + 1] as number) + 1;
      else {
        let bin = 0;
        while (bin < k - 1 && v >= (edges[bin + 1] as number)) bin++;
        expected[bin + 1] = (expected[bin + 1] as number) + 1;
      }
    }
    const given = profile.given.columns[0];
    if (given?.kind !== 'numeric') throw new Error('v is not numeric');
    expect(given.bins).toEqual({ edges, counts: expected });
    // Own edges: the elements quantile_disc(v, i / 100) picks, index max(1, ceil(n i / 100)) - 1 of the sorted values.
    const sorted = [...values].sort((a, b) => a - b);
    const picked = Array.from(
      { length: 101 },
      (_, i) => sorted[Math.max(1, Math.ceil((sorted.length * i) / 100)) - 1] as number,
    );
    const own = profile.own.columns[0];
    if (own?.kind !== 'numeric') throw new Error('v is not numeric');
    expect(own.bins?.edges).toEqual([...new Set(picked)]);
    expect(own.bins?.counts.reduce((sum, n) => sum + n, 0)).toBe(values.length);
    expect([own.bins?.counts[0], own.bins?.counts.at(-1)]).toEqual([0, 0]);
  });
  it('a boolean counted from count_if lists the frequencies histogram gives', async () => {
    // Nulls, and one column that is never false: no empty category.
    const lines = Array.from(
      { length: 300 },
      (_, i) => `${i % 7 === 0 ? '' : i % 3 === 0},${i % 11 === 0 ? '' : 'true'}`,
    );
    await writeFile(join(scratch(), 'b.csv'), `b,t\n${lines.join('\n')}\n`);
    const [counted, histogram] = await withData(
      { path: join(scratch(), 'b.csv'), file: 'b.csv', format: 'csv', logger },
      async (table) => {
        expect(table.columns.map((column) => column.type)).toEqual(['BOOLEAN', 'BOOLEAN']);
        return [
          await profileTable(table, { file: 'b.csv', digest: 'sha256:0', categories: new Set(['b', 't']) }),
          await profileTable(table, { file: 'b.csv', digest: 'sha256:0' }),
        ];
      },
    );
    expect(counted.columns).toEqual(histogram.columns);
    const b = histogram.columns[0];
    expect(b?.kind === 'categorical' && b.categories).toEqual([
      ['false', lines.filter((line) => line.startsWith('false')).length],
      ['true', lines.filter((line) => line.startsWith('true')).length],
    ]);
    const t = histogram.columns[1];
    expect(t?.kind === 'categorical' && t.categories).toEqual([['true', 272]]);
  });
});
