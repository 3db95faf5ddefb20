import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { scratchDirectory } from '../validate-data/test-support';
import { readPredictions } from './predictions';
import { binnedSlice, maxSliceValues, sliceBins } from './slices';

const quiet = { info() {}, warn() {}, debug() {} };
const scratch = scratchDirectory('mlci-slices-');

/** numpy's quantiles by the inverted CDF: what DuckDB's quantile_disc (and the drift histograms' edges) pick. */
function numpyEdges(values: readonly number[]): number[] {
  const script =
    'import json,sys,numpy as np; v=np.array(json.load(sys.stdin)); k=int(sys.argv[1]);' +
    'print(json.dumps(np.unique(np.quantile(v, np.arange(k+1)/k, method="inverted_cdf")).tolist()))';
  return JSON.parse(
    execFileSync('/usr/bin/python3', ['-c', script, String(sliceBins)], {
      input: JSON.stringify(values),
    }).toString(),
  );
}

test('quantile bins with the edges numpy gives, labelled as intervals, every row in the interval its label says', () => {
  const values = Array.from({ length: 137 }, (_, i) => Number((((i * 37) % 101) * 0.7 - 20).toFixed(1)));
  const slice = binnedSlice('temperature', Float64Array.from([...values, Number.NaN]));
  const edges = numpyEdges(values);
  expect(slice.values).toHaveLength(edges.length - 1 + 1);
  expect(slice.values.at(-1)).toBe('(null)');
  expect(slice.values[0]).toBe(`[${edges[0]}, ${edges[1]})`);
  expect(slice.values.at(-2)).toBe(`[${edges.at(-2)}, ${edges.at(-1)}]`);
  values.forEach((value, row) => {
    const label = slice.values[slice.codes[row] as number] as string;
    const [, low, high, close] = /^\[(.+), (.+)([)\]])$/.exec(label) as RegExpExecArray;
    expect(value).toBeGreaterThanOrEqual(Number(low));
    if (close === ')') expect(value).toBeLessThan(Number(high));
    else expect(value).toBeLessThanOrEqual(Number(high));
  });
  // Quintiles: each bin holds about a fifth of the rows.
  const sizes = slice.values.map((_, code) => slice.codes.filter((c) => c === code).length);
  for (const size of sizes.slice(0, -1)) expect(Math.abs(size - 137 / sliceBins)).toBeLessThanOrEqual(2);
});

test('close edges get the digits that keep their labels apart', () => {
  const values = Array.from({ length: 50 }, (_, i) => 1000 + i * 0.001);
  const labels = binnedSlice('x', Float64Array.from(values)).values;
  expect(new Set(labels).size).toBe(labels.length);
  expect(labels[0]).toBe('[1000, 1000.01)');
});

test(`a numeric slice column is binned above ${maxSliceValues} distinct values; at most that, one slice a value`, async () => {
  const dir = scratch();
  const rows = Array.from({ length: 40 }, (_, i) => `${i % 2},${i % 2},${i},${i % 4}`);
  await writeFile(join(dir, 'p.csv'), `label,prediction,age,group\n${rows.join('\n')}\n`);
  const read = await readPredictions('p.csv', {
    cwd: dir,
    labelColumn: 'label',
    predictionColumn: 'prediction',
    sliceColumns: ['age', 'group'],
    task: 'auto',
    logger: quiet,
  });
  expect(read.slices[0]?.values).toEqual(['[0, 7)', '[7, 15)', '[15, 23)', '[23, 31)', '[31, 39]']);
  expect(read.slices[1]?.values).toEqual(['0', '1', '2', '3']);
});
