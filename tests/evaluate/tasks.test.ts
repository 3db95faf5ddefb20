import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvaluateResult } from '@mlci/core';
import {
  expectClose,
  type OracleMetric,
  rng,
  runOracle,
} from '../../packages/core/src/metrics/sklearn-oracle';
import { runCli, withTempDir } from '../support/cli';

/**
 * Issue 13 (points 2, 4, 10) through the CLI, on data sets that are not the breast-cancer example: a regression
 * whose target is whole numbers (daily bike rentals, with an id column and a temperature to slice by) and a
 * multiclass classification of text classes. The metrics are checked against Debian's scikit-learn.
 */
const next = rng(2024);
const rows = 300;
const temperature = Array.from({ length: rows }, () => Number((next() * 35 - 5).toFixed(1)));
const season = Array.from(
  { length: rows },
  (_, i) => ['winter', 'spring', 'summer', 'autumn'][i % 4] as string,
);
// Whole-number rentals; the models predict floats.
const rentals = temperature.map((t, i) => Math.max(0, Math.round(40 + 6 * t + (i % 4) * 10 + next() * 30)));
const predicted = (noise: number) => rentals.map((y) => Number((y + (next() - 0.5) * noise).toFixed(2)));

function regressionCsv(predictions: number[]): string {
  const lines = rentals.map((y, i) => `${1000 + i},${y},${predictions[i]},${temperature[i]},${season[i]}`);
  return `id,rentals,predicted,temperature,season\n${lines.join('\n')}\n`;
}

const classes = ['setosa', 'versicolor', 'virginica'];
const species = Array.from({ length: 150 }, (_, i) => i % 3);
const guessed = (wrongEvery: number) => species.map((c, i) => (i % wrongEvery === 0 ? (c + 1) % 3 : c));
const multiclassCsv = (codes: number[]) =>
  `species,guess,site\n${species.map((c, i) => `${classes[c]},${classes[codes[i] as number]},${['a', 'b'][i % 2]}`).join('\n')}\n`;

async function evaluate(dir: string, args: string[]) {
  const run = await runCli(['evaluate', ...args, '--json'], { cwd: dir });
  expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  return {
    ...run,
    result: run.status === 0 || run.status === 1 ? (JSON.parse(run.stdout) as EvaluateResult) : undefined,
    markdown:
      run.status === 0 || run.status === 1 ? await readFile(join(dir, '.mlci/evaluate.md'), 'utf8') : '',
  };
}

const regressionArgs = [
  '--label-column',
  'rentals',
  '--prediction-column',
  'predicted',
  '--slice-column',
  'temperature',
  '--slice-column',
  'season',
];

test('a whole-number regression, first pipeline: taken as regression, no baseline yet, binned slices, sklearn metrics', async () => {
  await withTempDir(async (dir) => {
    const candidate = predicted(30);
    await writeFile(join(dir, 'candidate.csv'), regressionCsv(candidate));
    const run = await evaluate(dir, [
      '--candidate',
      'candidate.csv',
      ...regressionArgs,
      '--baseline',
      'registry:rentals@production',
      '--gate',
      'r2>=0.5',
      '--gate',
      'rmse:max_drop=1',
    ]);
    expect(run.status).toBe(0);
    const result = run.result as EvaluateResult;
    expect(result.task).toEqual({
      name: 'regression',
      reason: `auto: predictions are non-integer numbers, e.g. ${candidate.find((p) => !Number.isInteger(p))}`,
    });
    expect(run.stderr).toContain(
      'evaluate passed (no baseline yet: rentals@production has no holder): 1 gate passed, 1 relative gate skipped',
    );
    // A zero-width joiner after `@` in the report: no mention.
    expect(run.markdown.split('\n')[0]).toContain('no baseline yet: rentals@\u200dproduction has no holder');
    expect(run.markdown).toContain(`task: regression (${result.task?.reason})`);

    const [sklearn] = runOracle<{ metrics: Record<string, OracleMetric> }>([
      { kind: 'regression', actual: rentals, predicted: candidate },
    ]).results;
    for (const name of ['rmse', 'mae', 'r2', 'mape'])
      expectClose(result.metrics[name]?.candidate, sklearn?.metrics[name]?.value as number, name);
    expect(Object.keys(result.metrics).sort()).toEqual(['mae', 'mape', 'r2', 'rmse']);

    // Temperature has ~300 distinct values: five quantile bins, labelled as intervals; season keeps its values.
    const temperatureSlices = result.slices.filter((slice) => slice.column === 'temperature');
    expect(temperatureSlices).toHaveLength(5);
    for (const slice of temperatureSlices) expect(slice.value).toMatch(/^\[-?[\d.]+, -?[\d.]+[)\]]$/);
    expect(result.slices.filter((slice) => slice.column === 'season').map((slice) => slice.value)).toEqual([
      'autumn',
      'spring',
      'summer',
      'winter',
    ]);
    expect(run.markdown).toContain('| slice | rows | rmse | mae | r2 | mape |');
    expect(run.markdown).not.toContain('accuracy');
    expect(run.markdown).not.toContain('confusion');
  });
});

test('a better regression against a baseline file: "better by" for a fall in rmse, charts from 0 by direction', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'baseline.csv'), regressionCsv(predicted(60)));
    await writeFile(join(dir, 'candidate.csv'), regressionCsv(predicted(20)));
    const run = await evaluate(dir, [
      '--candidate',
      'candidate.csv',
      '--baseline',
      'baseline.csv',
      ...regressionArgs,
      '--gate',
      'rmse:max_drop=0.5',
      '--gate',
      'r2:non_inferior=0.01',
    ]);
    expect(run.status).toBe(0);
    const result = run.result as EvaluateResult;
    const rmse = result.metrics.rmse as { candidate: number; baseline: number };
    expect(rmse.candidate).toBeLessThan(rmse.baseline);
    expect(result.gates[0]?.message).toMatch(
      /^rmse [\d.]+ -> [\d.]+: better by [\d.]+, within max_drop 0\.5$/,
    );
    const charts = [...run.markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map(
      ([, block]) => block as string,
    );
    expect(charts).toHaveLength(1);
    expect(charts[0]).toContain(
      'title "Better than the baseline, by % of its value (a longer bar is better)"',
    );
    expect(charts[0]).toMatch(/y-axis "% of the baseline" 0 --> /);
    expect(charts[0]).toMatch(/x-axis \["rmse", "mae", "r2", "mape"\]/);
  });
});

test('a gate on a regression metric of a classification: one line naming the task, why, and --task; exit 2', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'p.csv'), multiclassCsv(guessed(7)));
    const run = await evaluate(dir, [
      '--candidate',
      'p.csv',
      '--label-column',
      'species',
      '--prediction-column',
      'guess',
      '--gate',
      'r2>=0.5',
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(
      "mlci: error: gate: 'r2>=0.5': r2 is a regression metric; this evaluation was taken as classification (auto: labels and predictions are classes, 3 distinct (multiclass)); set --task regression",
    );
  });
});

test('a multiclass classification: metrics as sklearn computes them, its own metrics in the slice table', async () => {
  await withTempDir(async (dir) => {
    const candidate = guessed(9);
    await writeFile(join(dir, 'candidate.csv'), multiclassCsv(candidate));
    await writeFile(join(dir, 'baseline.csv'), multiclassCsv(guessed(5)));
    const args = ['--label-column', 'species', '--prediction-column', 'guess', '--slice-column', 'site'];
    const run = await evaluate(dir, [
      '--candidate',
      'candidate.csv',
      '--baseline',
      'baseline.csv',
      ...args,
      '--gate',
      'f1_macro:max_drop=0.01',
      '--gate',
      'mcnemar:alpha=0.05',
    ]);
    expect(run.status).toBe(0);
    const result = run.result as EvaluateResult;
    expect(result.task?.name).toBe('classification');
    const [sklearn] = runOracle<{ metrics: Record<string, OracleMetric> }>([
      {
        kind: 'classification',
        classes,
        numeric: false,
        labels: species,
        predictions: candidate,
        positive: null,
        scores: null,
      },
    ]).results;
    for (const name of ['accuracy', 'precision_macro', 'recall_macro', 'f1_macro', 'f1_weighted'])
      expectClose(result.metrics[name]?.candidate, sklearn?.metrics[name]?.value as number, name);
    expect(result.confusion?.classes).toEqual(classes);
    expect(result.gates[0]?.message).toMatch(/^f1_macro [\d.]+ -> [\d.]+: better by [\d.]+, within max_drop/);

    // Without a baseline, the slice table shows the classification's own metrics (macro f1: not binary).
    const alone = await evaluate(dir, ['--candidate', 'candidate.csv', ...args]);
    expect(alone.markdown).toContain('| slice | rows | accuracy | f1_macro |');
  });
});
