import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DriftColumn, validateDataInput } from './input';
import { runValidateData, scratchDirectory } from './test-support';

const scratch = scratchDirectory('mlci-drift-');
const validate = (given: Record<string, unknown>) => runValidateData(scratch(), given);

/** A seeded generator (mulberry32), so the data and so the verdicts are the same on every run. */
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

interface Rows {
  a: number[];
  b: number[];
  c: number[];
  cat: string[];
  cat2: string[];
}

/** Five columns; `shifted` moves b by one standard deviation and changes cat2's mix: drift in exactly two. */
function generate(rows: number, seed: number, shifted: boolean): Rows {
  const next = random(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const pick = (weights: [string, number][]) => {
    let u = next();
    for (const [value, weight] of weights) {
      u -= weight;
      if (u < 0) return value;
    }
    return (weights[weights.length - 1] as [string, number])[0];
  };
  const data: Rows = { a: [], b: [], c: [], cat: [], cat2: [] };
  for (let i = 0; i < rows; i++) {
    data.a.push(Number((10 + 2 * normal()).toFixed(4)));
    data.b.push(Number((5 + normal() + (shifted ? 1 : 0)).toFixed(4)));
    data.c.push(Number((next() * 100).toFixed(3)));
    data.cat.push(
      pick([
        ['red', 0.5],
        ['green', 0.3],
        ['blue', 0.2],
      ]),
    );
    data.cat2.push(
      pick(
        shifted
          ? [
              ['x', 0.2],
              ['y', 0.3],
              ['z', 0.5],
            ]
          : [
              ['x', 0.5],
              ['y', 0.3],
              ['z', 0.2],
            ],
      ),
    );
  }
  return data;
}

async function csv(name: string, data: Rows): Promise<string> {
  const lines = ['a,b,c,cat,cat2'];
  for (let i = 0; i < data.a.length; i++) {
    lines.push([data.a[i], data.b[i], data.c[i], data.cat[i], data.cat2[i]].join(','));
  }
  await writeFile(join(scratch(), name), `${lines.join('\n')}\n`);
  return name;
}

function byColumn(columns: readonly DriftColumn[]): Record<string, DriftColumn> {
  return Object.fromEntries(columns.map((column) => [column.column, column]));
}

describe('drift against a reference', () => {
  it('finds the two drifted columns with KS and chi-square on a small reference; the share decides the gate', async () => {
    const reference = generate(500, 1, false);
    const current = generate(800, 2, true);
    await csv('reference.csv', reference);
    await csv('current.csv', current);

    const report = await validate({ data: 'current.csv', reference: 'reference.csv' });
    const drift = report.result.drift;
    if (!drift) throw new Error('no drift summary');
    const columns = byColumn(drift.columns);
    expect(Object.keys(columns).sort()).toEqual(['a', 'b', 'c', 'cat', 'cat2']);
    expect(columns.a?.test).toBe('ks');
    expect(columns.cat?.test).toBe('chi-square');
    expect(drift.columns.filter((c) => c.drifted).map((c) => c.column)).toEqual(['b', 'cat2']);
    expect(drift.share).toBeCloseTo(0.4, 10);
    expect(drift.drifted).toBe(false);
    // Drifted columns warn; the data set rule passes at 2 of 5 < 0.5.
    expect(report.result.status).toBe('passed');
    const columnChecks = report.result.checks.filter((check) => check.name === 'drift' && check.column);
    expect(columnChecks.filter((check) => check.status === 'warned').map((check) => check.column)).toEqual([
      'b',
      'cat2',
    ]);
    expect(report.outputs['drift-share']).toBe('0.4');
    // The chart: reference and current on the same bins, proportions.
    const chart = columns.b?.chart;
    expect(chart?.labels.length).toBe(chart?.reference.length);
    expect(chart?.current.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 4);

    const strict = await validate({
      data: 'current.csv',
      reference: 'reference.csv',
      driftShare: 0.4,
      out: 'strict',
    });
    expect(strict.result.status).toBe('failed');
    const gate = strict.result.checks.find((check) => check.name === 'drift' && check.column === undefined);
    expect(gate?.status).toBe('failed');
    expect(gate?.message).toContain('2 of 5 compared columns drifted');
  });

  it('one row of a value the reference never has: no infinite statistic, no drift, a finding of its own', async () => {
    const status = (n: number, shift: number) =>
      Array.from({ length: n }, (_, i) => (i % 19 < 12 + shift ? 'active' : 'churned'));
    await writeFile(join(scratch(), 'reference.csv'), `status\n${status(475, 0).join('\n')}\n`);
    await writeFile(join(scratch(), 'current.csv'), `status\n${[...status(474, 0), 'unknown'].join('\n')}\n`);
    const report = await validate({ data: 'current.csv', reference: 'reference.csv' });
    const column = report.result.drift?.columns.find((c) => c.column === 'status');
    const counts = (rows: string[]) =>
      ['active', 'churned', 'unknown'].map((v) => rows.filter((r) => r === v).length);
    // The oracle: scipy's chi2_contingency on the two samples' counts (NannyML's chi-square).
    const [statistic, pValue] = JSON.parse(
      execFileSync('/usr/bin/python3', [
        '-c',
        'import json, sys; from scipy import stats; r = stats.chi2_contingency(json.loads(sys.argv[1])); print(json.dumps([r[0], r[1]]))',
        JSON.stringify([counts(status(475, 0)), counts([...status(474, 0), 'unknown'])]),
      ]).toString(),
    ) as [number, number];
    expect(column?.statistic).toBeCloseTo(statistic, 10);
    expect(column?.pValue).toBeCloseTo(pValue, 10);
    expect(column?.drifted).toBe(false);
    expect(column?.newValues).toEqual({
      rows: 1,
      share: Number((1 / 475).toPrecision(6)),
      values: 1,
      examples: [['unknown', 1]],
    });
    const markdown = await readFile(report.files.markdown, 'utf8');
    expect(markdown).not.toMatch(/Infinity|∞/);
    expect(markdown).toContain(
      '- `status`: 1 row (0.2 %) with 1 value the reference never has: `unknown` × 1',
    );
  });

  it('uses Wasserstein / std and Jensen-Shannon on a larger reference, and the schema per column', async () => {
    await csv('reference.csv', generate(3000, 3, false));
    await csv('current.csv', generate(2000, 4, true));
    await writeFile(
      join(scratch(), 'schema.yaml'),
      'columns:\n  a:\n    drift: false\n  c:\n    drift: { test: psi, threshold: 0.2 }\n  cat2:\n    drift: { severity: error }\n',
    );
    const report = await validate({ data: 'current.csv', reference: 'reference.csv', schema: 'schema.yaml' });
    const columns = byColumn(report.result.drift?.columns ?? []);
    expect(Object.keys(columns).sort()).toEqual(['b', 'c', 'cat', 'cat2']);
    expect(columns.b?.test).toBe('wasserstein');
    expect(columns.b?.drifted).toBe(true);
    expect(columns.b?.statistic).toBeGreaterThan(0.5);
    expect(columns.c?.test).toBe('psi');
    expect(columns.c?.threshold).toBe(0.2);
    expect(columns.c?.drifted).toBe(false);
    expect(columns.cat?.test).toBe('jensen-shannon');
    expect(columns.cat?.drifted).toBe(false);
    expect(columns.cat2?.drifted).toBe(true);
    // cat2's schema says severity error: its drift fails the step although the share (2 of 4) ... also does.
    const cat2 = report.result.checks.find((check) => check.name === 'drift' && check.column === 'cat2');
    expect(cat2?.status).toBe('failed');
    expect(cat2?.location).toEqual({ file: 'schema.yaml', line: 7 });
    expect(report.result.drift?.drifted).toBe(true);
  });

  it('a profile of a small reference gives the same statistics as the reference file (raw values kept)', async () => {
    await csv('reference.csv', generate(400, 5, false));
    await csv('current.csv', generate(600, 6, true));
    await validate({ data: 'reference.csv', writeProfile: 'reference.json', out: 'p' });
    const fromData = await validate({ data: 'current.csv', reference: 'reference.csv', out: 'd' });
    const fromProfile = await validate({ data: 'current.csv', reference: 'reference.json', out: 'q' });
    const strip = (columns: readonly DriftColumn[]) =>
      columns.map(({ column, test, statistic, pValue, drifted, chart }) => ({
        column,
        test,
        statistic,
        pValue,
        drifted,
        chart,
      }));
    expect(strip(fromProfile.result.drift?.columns ?? [])).toEqual(
      strip(fromData.result.drift?.columns ?? []),
    );
    expect(fromProfile.result.drift?.reference.kind).toBe('profile');
    expect(fromProfile.result.drift?.reference.digest).toBe(fromData.result.drift?.reference.digest);
  });

  it('matches scipy: KS statistic and p-value, and Wasserstein / numpy.std of the reference', async () => {
    const smallRef = generate(300, 7, false);
    const smallCur = generate(450, 8, true);
    const bigRef = generate(1500, 9, false);
    const bigCur = generate(1200, 10, true);
    await csv('small-ref.csv', smallRef);
    await csv('small-cur.csv', smallCur);
    await csv('big-ref.csv', bigRef);
    await csv('big-cur.csv', bigCur);
    const small = byColumn(
      (await validate({ data: 'small-cur.csv', reference: 'small-ref.csv', out: 's' })).result.drift
        ?.columns ?? [],
    );
    const big = byColumn(
      (await validate({ data: 'big-cur.csv', reference: 'big-ref.csv', out: 'b' })).result.drift?.columns ??
        [],
    );
    const script = `
import json, sys
import numpy as np
from scipy import stats
d = json.load(sys.stdin)
out = {}
for col in ('a', 'b', 'c'):
    r = stats.ks_2samp(d['small_ref'][col], d['small_cur'][col])
    out['ks_' + col] = [float(r.statistic), float(r.pvalue)]
    ref = np.array(d['big_ref'][col])
    out['w_' + col] = float(stats.wasserstein_distance(ref, d['big_cur'][col]) / max(np.std(ref), 0.001))
print(json.dumps(out))
`;
    const oracle = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', script], {
        input: JSON.stringify({ small_ref: smallRef, small_cur: smallCur, big_ref: bigRef, big_cur: bigCur }),
      }).toString(),
    ) as Record<string, number | number[]>;
    for (const column of ['a', 'b', 'c']) {
      const [statistic, pValue] = oracle[`ks_${column}`] as number[];
      expect(small[column]?.statistic).toBeCloseTo(statistic as number, 9);
      expect(small[column]?.pValue).toBeCloseTo(pValue as number, 9);
      expect(big[column]?.test).toBe('wasserstein');
      expect(big[column]?.statistic).toBeCloseTo(oracle[`w_${column}`] as number, 9);
    }
  });

  it('one pass: exact KS from the checks scan on ties, nulls, non-finite values and values beyond the reference equals scipy and the separate scans', async () => {
    // t: integers with many ties, the data's range wider than the reference's on both sides; u: two decimals,
    // with nulls and non-finite values (left out of every statistic, as scipy is given only the finite ones).
    const table = (rows: number, seed: number, shift: number) => {
      const next = random(seed);
      const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      const t: number[] = [];
      const u: (number | string)[] = [];
      for (let i = 0; i < rows; i++) {
        t.push(Math.floor(next() * (10 + 2 * shift)) - shift);
        const r = next();
        u.push(
          r < 0.05 ? '' : r < 0.06 ? 'inf' : r < 0.07 ? 'nan' : Number((shift / 4 + normal()).toFixed(2)),
        );
      }
      return { t, u };
    };
    const write = async (name: string, data: { t: number[]; u: (number | string)[] }) =>
      writeFile(join(scratch(), name), `t,u\n${data.t.map((t, i) => `${t},${data.u[i]}`).join('\n')}\n`);
    const reference = table(700, 31, 0);
    // 900 data rows: scipy's exact p-value; 12,000: its asymptotic one (and before, mlci's pooled SQL).
    const currents = { small: table(900, 32, 2), big: table(12000, 33, 3) };
    await write('ref.csv', reference);
    await write('small.csv', currents.small);
    await write('big.csv', currents.big);
    await writeFile(
      join(scratch(), 'schema.yaml'),
      'columns:\n  t:\n    type: integer\n  u:\n    type: number\n',
    );
    await validate({ data: 'ref.csv', writeProfile: 'ref.json', out: 'p' });
    const finite = (values: (number | string)[]) => values.filter((v): v is number => typeof v === 'number');
    const oracle = JSON.parse(
      execFileSync(
        '/usr/bin/python3',
        [
          '-c',
          `import json, sys
from scipy import stats
d = json.load(sys.stdin)
print(json.dumps({k: {c: [float(x) for x in stats.ks_2samp(d['ref'][c], v[c])] for c in ('t', 'u')} for k, v in d['cur'].items()}))`,
        ],
        {
          input: JSON.stringify({
            ref: { t: reference.t, u: finite(reference.u) },
            cur: Object.fromEntries(
              Object.entries(currents).map(([k, v]) => [k, { t: v.t, u: finite(v.u) }]),
            ),
          }),
        },
      ).toString(),
    ) as Record<string, Record<string, [number, number]>>;
    const strip = (columns: readonly DriftColumn[]) =>
      columns.map(({ column, test, statistic, pValue, drifted, chart }) => ({
        column,
        test,
        statistic,
        pValue,
        drifted,
        chart,
      }));
    for (const name of ['small', 'big'] as const) {
      // --write-profile profiles the data in scans of its own: the path before drift joined the checks' scan.
      const separate = await validate({
        data: `${name}.csv`,
        reference: 'ref.json',
        schema: 'schema.yaml',
        writeProfile: `${name}.json`,
        out: `${name}-w`,
      });
      for (const [i, given] of [
        { reference: 'ref.json', schema: 'schema.yaml' },
        { reference: 'ref.csv', schema: 'schema.yaml' },
        { reference: 'ref.json' },
      ].entries()) {
        const report = await validate({ data: `${name}.csv`, ...given, out: `${name}-${i}` });
        const columns = byColumn(report.result.drift?.columns ?? []);
        for (const column of ['t', 'u']) {
          const [statistic, pValue] = oracle[name]?.[column] ?? [Number.NaN, Number.NaN];
          expect(columns[column]?.test).toBe('ks');
          expect(columns[column]?.binned).toBeUndefined();
          expect(columns[column]?.statistic).toBeCloseTo(statistic, 12);
          expect(columns[column]?.pValue).toBeCloseTo(pValue, 9);
        }
        expect(strip(report.result.drift?.columns ?? [])).toEqual(
          strip(separate.result.drift?.columns ?? []),
        );
      }
    }
  });

  it('skips keys and free text with the reason: unique in the schema, too many distinct values', async () => {
    const lines = (rows: number, seed: number) => {
      const next = random(seed);
      return Array.from(
        { length: rows },
        (_, i) =>
          `${i},${Math.floor(next() * 100)},note ${Math.floor(next() * 2500)},${next() < 0.5 ? 'a' : 'b'},t${i}`,
      );
    };
    await writeFile(join(scratch(), 'reference.csv'), `id,x,text,cat,key\n${lines(3000, 12).join('\n')}\n`);
    await writeFile(join(scratch(), 'current.csv'), `id,x,text,cat,key\n${lines(2000, 13).join('\n')}\n`);
    await writeFile(join(scratch(), 'big.csv'), `id,x,text,cat,key\n${lines(25000, 14).join('\n')}\n`);
    await writeFile(join(scratch(), 'schema.yaml'), 'columns:\n  id:\n    unique: true\n');
    const report = await validate({ data: 'current.csv', reference: 'reference.csv', schema: 'schema.yaml' });
    const columns = byColumn(report.result.drift?.columns ?? []);
    expect(columns.id?.skipped).toMatch(/declared unique in the schema/);
    // A role: id column is a key as well.
    await writeFile(join(scratch(), 'ids.yaml'), 'columns:\n  x:\n    role: id\n');
    const byRole = await validate({
      data: 'current.csv',
      reference: 'reference.csv',
      schema: 'ids.yaml',
      out: 'ids',
    });
    expect(byColumn(byRole.result.drift?.columns ?? []).x?.skipped).toBe(
      'declared role: id in the schema (a key): its distribution says nothing',
    );
    expect(columns.text?.skipped).toMatch(/distinct values in 3000 reference values, more than half/);
    expect(columns.x?.skipped).toBeUndefined();
    expect(columns.cat?.skipped).toBeUndefined();
    expect(columns.key?.skipped).toBe('every reference value is distinct (a key or free text)');
    expect(report.result.checks.filter((check) => check.name === 'drift' && check.column).length).toBe(2);
    // Beyond 20000 distinct values the reference's categories are not even counted.
    const big = await validate({ data: 'current.csv', reference: 'big.csv', out: 'big' });
    expect(byColumn(big.result.drift?.columns ?? []).key?.skipped).toMatch(
      /^about \d+ distinct values in the reference, too many to count/,
    );
  });

  it('refuses a broken profile naming the file and the field', async () => {
    await csv('current.csv', generate(50, 11, false));
    await validate({ data: 'current.csv', writeProfile: 'p.json', out: 'w' });
    const profile = JSON.parse(await readFile(join(scratch(), 'p.json'), 'utf8'));
    profile.columns[1].bins.counts.pop();
    await writeFile(join(scratch(), 'broken.json'), JSON.stringify(profile));
    await expect(validate({ data: 'current.csv', reference: 'broken.json' })).rejects.toThrow(
      /^broken\.json: columns\."b"\.bins: counts must have one more entry than edges/,
    );
    await writeFile(join(scratch(), 'other.json'), '{"hello": 1}');
    await expect(validate({ data: 'current.csv', reference: 'other.json' })).rejects.toThrow(
      /^other\.json: not an mlci profile/,
    );
  });

  it('option combinations are refused by name', () => {
    const issue = (given: Record<string, unknown>) => {
      const parsed = validateDataInput.safeParse(given);
      return parsed.success
        ? undefined
        : `${String(parsed.error.issues[0]?.path[0])}: ${parsed.error.issues[0]?.message}`;
    };
    expect(issue({ data: 'd.csv' })).toMatch(/^data: nothing to do/);
    expect(issue({ data: 'd.csv', reference: 'r.csv' })).toBeUndefined();
    expect(issue({ data: 'd.csv', mergeProfiles: ['a.json'], schema: 's.yaml' })).toMatch(/^mergeProfiles:/);
    expect(issue({ data: 'd.csv', schema: 's.yaml', inferSchema: 'i.yaml' })).toMatch(/^inferSchema:/);
    expect(issue({ data: 'd.csv', schema: 's.yaml', label: 'y' })).toMatch(/^label: needs test/);
    expect(issue({ mergeProfiles: ['a.json'], test: 't.csv' })).toMatch(/^test: needs the rows/);
  });
});
