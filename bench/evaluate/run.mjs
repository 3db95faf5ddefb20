#!/usr/bin/env node
// mlci evaluate's statistics at the scale (issue 5, "Speed"). In one run:
//   1. makes (once; cached in bench/evaluate/.data/) a CSV of 1,000,000 binary predictions: the label, the
//      candidate's and the baseline's predicted class and positive-class probability, two slice columns;
//   2. times scikit-learn (Debian's /usr/bin/python3) computing accuracy, precision, recall, f1, roc_auc,
//      average_precision and log_loss once for both models, without a bootstrap: the baseline;
//   3. times mlci's seeded paired bootstrap of the seven deltas, 1000 resamples, 95% intervals, and McNemar's
//      test (packages/core/src/stats, bundled on the fly), and prints the ratio to the baseline.
// Both sides are timed on columns already in memory (the CSV is read once, untimed, each side its own way).
//   4. times the whole `mlci evaluate` (the committed bundle: run `npm run build` first) on the two models' files,
//      each run right after a fresh scikit-learn process reading the CSV with pandas and computing the metrics
//      once (issue 18's target: at most 1.0x), and checks its evaluate.json against scikit-learn's metrics.
// Slices: the same again per value of each slice column (scikit-learn: the metrics per slice; mlci: a
// bootstrap per slice), reported on its own line: the goal is stated for the overall metrics.
//
//   npm run bench:evaluate                   (= node bench/evaluate/run.mjs: 1,000,000 rows, 1000 resamples)
//   node bench/evaluate/run.mjs --rows 100000 --runs 1
import { spawnSync } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const python = '/usr/bin/python3';
const generatorVersion = 1;
const slices = {
  region: ['north', 'south', 'east', 'west', 'central'],
  device: ['desktop', 'mobile', 'tablet'],
};
const metrics = ['accuracy', 'precision', 'recall', 'f1', 'roc_auc', 'average_precision', 'log_loss'];

const { values: options } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    resamples: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '3' },
    'no-slices': { type: 'boolean', default: false },
    'exact-check': { type: 'boolean', default: false },
    'data-dir': { type: 'string', default: join(here, '.data') },
    mlci: { type: 'string', default: join(root, 'packages/cli/dist/mlci.mjs') },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (options.help) {
  console.log(`usage: node bench/evaluate/run.mjs [options]
  --rows 1000000      predictions in the generated CSV
  --resamples 1000    bootstrap resamples
  --runs 3            timings per side (median reported)
  --no-slices         skip the per-slice timings
  --exact-check       also resample the score metrics row by row (method 'exact', about a minute for a
                      million rows) and print how far the linearized bounds are from those
  --data-dir DIR      cache of generated inputs (default bench/evaluate/.data)
  --mlci FILE         the CLI bundle the whole-command rows run (default packages/cli/dist/mlci.mjs; another
                      checkout's, to measure a before and an after under the same load)`);
  process.exit(0);
}
const rows = Number(options.rows);
const resamples = Number(options.resamples);
const runs = Number(options.runs);
const seconds = (s) => `${s.toFixed(2)} s`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// ---------------------------------------------------------------------------------------------------------
// The machine

const sklearnVersion = spawnSync(python, ['-c', 'import sklearn; print(sklearn.__version__)'], {
  encoding: 'utf8',
});
if (sklearnVersion.status !== 0) {
  console.error(`${python} has no scikit-learn (apt-get install python3-sklearn): ${sklearnVersion.stderr}`);
  process.exit(2);
}
console.log('# evaluate benchmark: metrics with a paired bootstrap');
console.log(
  `machine: ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory; node ${process.version}; load average at start: ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`,
);

// ---------------------------------------------------------------------------------------------------------
// The predictions: generated once per row count, then reused

/** mulberry32: the same file on every machine. */
function rng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(next, values, weights) {
  let u = next();
  for (let i = 0; i < values.length - 1; i++) {
    if (u < weights[i]) return values[i];
    u -= weights[i];
  }
  return values[values.length - 1];
}

const dataDir = options['data-dir'];
const csvPath = join(dataDir, `predictions-${rows}-v${generatorVersion}.csv`);
if (!existsSync(csvPath)) {
  const start = performance.now();
  mkdirSync(dataDir, { recursive: true });
  const partial = `${csvPath}.partial`;
  const out = createWriteStream(partial);
  const write = (text) =>
    out.write(text) ? Promise.resolve() : new Promise((done) => out.once('drain', done));
  const next = rng(20261127);
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const sigmoid = (x) => 1 / (1 + Math.exp(-x));
  await write(
    'label,candidate_prediction,candidate_score,baseline_prediction,baseline_score,region,device\n',
  );
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const region = pick(next, slices.region, [0.35, 0.25, 0.2, 0.15, 0.05]);
    const device = pick(next, slices.device, [0.5, 0.4, 0.1]);
    const y = next() < (region === 'central' ? 0.2 : 0.35) ? 1 : 0;
    // Shared noise makes the models correlated, as a retrained model is with the one in production.
    const shared = normal();
    const candidate = sigmoid(-0.6 + 1.5 * (2 * y - 1) + 1.1 * shared + 0.6 * normal());
    const baseline = sigmoid(
      -0.6 + (device === 'tablet' ? 1.5 : 1.35) * (2 * y - 1) + 1.1 * shared + 0.7 * normal(),
    );
    chunk += `${y},${candidate >= 0.5 ? 1 : 0},${candidate},${baseline >= 0.5 ? 1 : 0},${baseline},${region},${device}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise((done, fail) => out.end((error) => (error ? fail(error) : done())));
  renameSync(partial, csvPath);
  console.log(`generated ${relative(root, csvPath)} in ${seconds((performance.now() - start) / 1000)}`);
}

// ---------------------------------------------------------------------------------------------------------
// The baseline: scikit-learn, once per run, on columns in memory

const sklearnRun = spawnSync(
  python,
  [join(here, 'sklearn_metrics.py'), csvPath, String(runs), ...(options['no-slices'] ? ['--no-slices'] : [])],
  { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
);
if (sklearnRun.status !== 0) throw new Error(`sklearn_metrics.py failed: ${sklearnRun.stderr}`);
const sklearn = JSON.parse(sklearnRun.stdout);
const sklearnOverall = median(sklearn.overall_seconds);
const sklearnSlices = median(sklearn.slice_seconds);

// ---------------------------------------------------------------------------------------------------------
// mlci: the bootstrap from packages/core/src/stats, bundled now

const scratch = mkdtempSync(join(tmpdir(), 'mlci-bench-evaluate-'));
const bundle = join(scratch, 'stats.mjs');
await build({
  entryPoints: [join(root, 'packages/core/src/stats/index.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});
const { DEFAULT_BOOTSTRAP_SEED, discordantPairs, mcnemarTest, pairedBootstrap } = await import(
  pathToFileURL(bundle).href
);
rmSync(scratch, { recursive: true, force: true });

const loadStart = performance.now();
const lines = readFileSync(csvPath, 'utf8').split('\n');
const n = lines.length - 2; // header and the final newline
const columns = {
  labels: new Int32Array(n),
  candidate: { predictions: new Int32Array(n), scores: new Float64Array(n) },
  baseline: { predictions: new Int32Array(n), scores: new Float64Array(n) },
  region: new Array(n),
  device: new Array(n),
};
for (let i = 0; i < n; i++) {
  const cells = lines[i + 1].split(',');
  columns.labels[i] = Number(cells[0]);
  columns.candidate.predictions[i] = Number(cells[1]);
  columns.candidate.scores[i] = Number(cells[2]);
  columns.baseline.predictions[i] = Number(cells[3]);
  columns.baseline.scores[i] = Number(cells[4]);
  columns.region[i] = cells[5];
  columns.device[i] = cells[6];
}
const loadSeconds = (performance.now() - loadStart) / 1000;

function evaluate(data) {
  const intervals = pairedBootstrap({
    labels: data.labels,
    classCount: 2,
    positive: 1,
    candidate: data.candidate,
    baseline: data.baseline,
    metrics,
    resamples,
  });
  const { b, c } = discordantPairs(data.labels, data.candidate.predictions, data.baseline.predictions);
  return { intervals, mcnemar: mcnemarTest(b, c) };
}

function subset(rowsOf) {
  const take = (values) => {
    const out = new values.constructor(rowsOf.length);
    for (let j = 0; j < rowsOf.length; j++) out[j] = values[rowsOf[j]];
    return out;
  };
  return {
    labels: take(columns.labels),
    candidate: { predictions: take(columns.candidate.predictions), scores: take(columns.candidate.scores) },
    baseline: { predictions: take(columns.baseline.predictions), scores: take(columns.baseline.scores) },
  };
}

function evaluateSlices() {
  for (const [column, values] of Object.entries(slices)) {
    for (const value of values) {
      const rowsOf = [];
      for (let i = 0; i < n; i++) if (columns[column][i] === value) rowsOf.push(i);
      evaluate(subset(rowsOf));
    }
  }
}

const mlciOverallRuns = [];
const mlciSliceRuns = [];
let result;
for (let run = 0; run < runs; run++) {
  const start = performance.now();
  result = evaluate(columns);
  mlciOverallRuns.push((performance.now() - start) / 1000);
  if (!options['no-slices']) {
    const sliceStart = performance.now();
    evaluateSlices();
    mlciSliceRuns.push((performance.now() - sliceStart) / 1000);
  }
}
const mlciOverall = median(mlciOverallRuns);

// ---------------------------------------------------------------------------------------------------------
// Report

console.log(
  `data: ${relative(root, csvPath)}, ${n.toLocaleString('en')} rows; read into columns untimed: scikit-learn (pandas.read_csv) ${seconds(sklearn.load_seconds)}, mlci (split and Number) ${seconds(loadSeconds)}`,
);
console.log(
  `baseline: scikit-learn ${sklearn.versions.sklearn} (numpy ${sklearn.versions.numpy}, python ${sklearn.python}), ${python}: accuracy_score, precision_score, recall_score, f1_score, roc_auc_score, average_precision_score, log_loss for both models, no bootstrap`,
);
console.log(
  `mlci: pairedBootstrap (${resamples} resamples, 95% percentile intervals of the seven deltas, seed ${DEFAULT_BOOTSTRAP_SEED}) and McNemar's test, one thread`,
);
console.log(`runs per timing: ${runs} (median wall time)\n`);

const table = [['', 'wall time', 'runs', 'mlci / scikit-learn']];
table.push([
  'scikit-learn, 7 metrics x 2 models, once',
  seconds(sklearnOverall),
  sklearn.overall_seconds.map((s) => s.toFixed(2)).join(' '),
  '',
]);
table.push([
  `mlci, paired bootstrap of the 7 deltas, ${resamples} resamples`,
  seconds(mlciOverall),
  mlciOverallRuns.map((s) => s.toFixed(2)).join(' '),
  `${(mlciOverall / sklearnOverall).toFixed(2)} (goal <= 1: ${mlciOverall <= sklearnOverall ? 'met' : 'NOT met'})`,
]);
if (!options['no-slices']) {
  const sliceCount = Object.values(slices).reduce((sum, values) => sum + values.length, 0);
  table.push([
    `scikit-learn, per slice (${sliceCount} slices of 2 columns)`,
    seconds(sklearnSlices),
    sklearn.slice_seconds.map((s) => s.toFixed(2)).join(' '),
    '',
  ]);
  table.push([
    'mlci, a paired bootstrap per slice',
    seconds(median(mlciSliceRuns)),
    mlciSliceRuns.map((s) => s.toFixed(2)).join(' '),
    (median(mlciSliceRuns) / sklearnSlices).toFixed(2),
  ]);
}
// The whole CLI, as a user runs it: `mlci evaluate` reading the two models' prediction files (CSV, via DuckDB),
// computing every classification metric of both, the paired bootstrap and the report. Against scikit-learn
// with its reading (pandas.read_csv) included, so both sides start from files.
const cliScratch = mkdtempSync(join(tmpdir(), 'mlci-bench-evaluate-cli-'));
const cliFiles = ['candidate', 'baseline'].map((side) => join(cliScratch, `${side}.csv`));
{
  const [header, ...body] = lines;
  const index = Object.fromEntries(header.split(',').map((name, i) => [name, i]));
  for (const [f, side] of [
    [0, 'candidate'],
    [1, 'baseline'],
  ]) {
    const out = ['label,prediction,score,region,device'];
    for (const row of body) {
      if (row === '') continue;
      const cells = row.split(',');
      out.push(
        [
          cells[index.label],
          cells[index[`${side}_prediction`]],
          cells[index[`${side}_score`]],
          cells[index.region],
          cells[index.device],
        ].join(','),
      );
    }
    writeFileSync(cliFiles[f], `${out.join('\n')}\n`);
  }
}
// Interleaved, so that both sides see the same load: per run, scikit-learn in a fresh process (pandas.read_csv,
// then the metrics once, by its own timers: without Python's start-up and imports), then `mlci evaluate` as a
// user runs it (the whole process: Node's start-up, loading DuckDB, reading, the bootstrap, the report). CPU
// seconds (user + sys, /usr/bin/time) beside the wall times: on a shared machine they move less with the load.
const timeFile = join(cliScratch, 'time.txt');
const timed = (command, args, env) => {
  const start = performance.now();
  const child = spawnSync('/usr/bin/time', ['-f', '%U %S', '-o', timeFile, command, ...args], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    ...(env ? { env } : {}),
  });
  const wall = (performance.now() - start) / 1000;
  if (child.status !== 0) throw new Error(`${command} exited ${child.status}: ${child.stderr}`);
  const [user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, cpu: user + system, stdout: child.stdout };
};
const cliOut = join(cliScratch, 'cli-out');
const cliArgs = [
  options.mlci,
  'evaluate',
  '--candidate',
  cliFiles[0],
  '--baseline',
  cliFiles[1],
  '--score-column',
  'score',
  '--resamples',
  String(resamples),
  '--out',
  cliOut,
];
const pairs = [];
for (let run = 0; run < runs; run++) {
  const baseline = timed(python, [join(here, 'sklearn_metrics.py'), csvPath, '1', '--no-slices']);
  const measured = JSON.parse(baseline.stdout);
  const cli = timed(process.execPath, cliArgs, { ...process.env, CI: '' });
  pairs.push({
    sklearn: measured.load_seconds + measured.overall_seconds[0],
    sklearnProcess: baseline.wall,
    sklearnCpu: baseline.cpu,
    mlci: cli.wall,
    mlciCpu: cli.cpu,
  });
}
const cliResult = JSON.parse(readFileSync(join(cliOut, 'evaluate.json'), 'utf8'));
rmSync(cliScratch, { recursive: true, force: true });
const of = (key) => pairs.map((pair) => pair[key]);
const cliSeconds = median(of('mlci'));
const sklearnWithReading = median(of('sklearn'));
const cliRatio = cliSeconds / sklearnWithReading;
table.push([
  'scikit-learn incl. reading the CSV (pandas.read_csv + the metrics once)',
  seconds(sklearnWithReading),
  of('sklearn')
    .map((s) => s.toFixed(2))
    .join(' '),
  '',
]);
table.push([
  `mlci evaluate CLI: read 2 files, all 13 metrics x 2, bootstrap, report`,
  seconds(cliSeconds),
  of('mlci')
    .map((s) => s.toFixed(2))
    .join(' '),
  `${cliRatio.toFixed(2)} (goal <= 1: ${cliRatio <= 1 ? 'met' : 'NOT met'})`,
]);
const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
const line = (row) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
console.log(line(table[0]));
console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
for (const row of table.slice(1)) console.log(line(row));

console.log(`\nratio mlci / scikit-learn (overall): ${(mlciOverall / sklearnOverall).toFixed(2)}`);
console.log(
  `whole command, runs interleaved with scikit-learn's: mlci evaluate / (pandas.read_csv + metrics) ${cliRatio.toFixed(2)} (goal <= 1: ${cliRatio <= 1 ? 'met' : 'NOT met'}); per run ${pairs.map((pair) => (pair.mlci / pair.sklearn).toFixed(2)).join(' ')}`,
);
console.log(
  `  CPU seconds (user + sys), median: mlci evaluate ${median(of('mlciCpu')).toFixed(2)}, the scikit-learn process ${median(of('sklearnCpu')).toFixed(2)} (its wall time with Python's start-up and imports: ${median(of('sklearnProcess')).toFixed(2)} s)`,
);
let worstCliDifference = 0;
for (const metric of metrics) {
  for (const side of ['candidate', 'baseline']) {
    const difference = Math.abs(cliResult.metrics[metric][side] - sklearn.metrics[side][metric]);
    worstCliDifference = Math.max(worstCliDifference, difference);
  }
}
console.log(
  `  mlci evaluate's metrics (evaluate.json) against scikit-learn's, both models: largest |difference| ${worstCliDifference.toExponential(2)}`,
);

// The intervals, their deltas against scikit-learn's, and the approximation the linearized metrics state.
console.log('\n| metric | delta (mlci) | delta (scikit-learn) | 95% interval | method |');
console.log('|---|---|---|---|---|');
let worstDeltaDifference = 0;
for (const metric of metrics) {
  const interval = result.intervals[metric];
  const reference = sklearn.metrics.candidate[metric] - sklearn.metrics.baseline[metric];
  worstDeltaDifference = Math.max(worstDeltaDifference, Math.abs(interval.delta - reference));
  console.log(
    `| ${metric} | ${interval.delta.toFixed(6)} | ${reference.toFixed(6)} | [${interval.lo.toFixed(6)}, ${interval.hi.toFixed(6)}] | ${interval.method} |`,
  );
}
console.log(`largest |delta - scikit-learn's delta|: ${worstDeltaDifference.toExponential(2)}`);
const { mcnemar } = result;
console.log(
  `McNemar: b = ${mcnemar.b}, c = ${mcnemar.c}, ${mcnemar.method}, statistic ${mcnemar.statistic.toFixed(3)}, p-value ${mcnemar.pValue.toExponential(3)}`,
);

const checkStart = performance.now();
const checked = pairedBootstrap({
  labels: columns.labels,
  classCount: 2,
  positive: 1,
  candidate: columns.candidate,
  baseline: columns.baseline,
  metrics: ['roc_auc', 'average_precision', 'log_loss'],
  resamples,
  linearizationChecks: 10,
});
console.log(
  `\nlinearized score metrics, measured on 10 row-level resamples (${seconds((performance.now() - checkStart) / 1000)}): largest |exact - linearized| delta, in standard deviations of the bootstrap distribution; share of the variance drawn from the within-group normal`,
);
for (const metric of ['roc_auc', 'average_precision', 'log_loss']) {
  const interval = checked[metric];
  if (!interval.approximation) continue;
  const sd = (interval.hi - interval.lo) / (2 * 1.959964);
  console.log(
    `  ${metric}: ${(interval.approximation.linearizationError / sd).toExponential(2)} sd; within-group share ${interval.approximation.withinGroupVarianceShare.toExponential(2)} (${interval.approximation.groups} groups)`,
  );
}
if (options['exact-check']) {
  const exactStart = performance.now();
  const exact = pairedBootstrap({
    labels: columns.labels,
    classCount: 2,
    positive: 1,
    candidate: columns.candidate,
    baseline: columns.baseline,
    metrics: ['roc_auc', 'average_precision', 'log_loss'],
    resamples,
    method: 'exact',
    seed: DEFAULT_BOOTSTRAP_SEED + 1,
  });
  console.log(
    `\nexact row resampling, ${resamples} resamples (${seconds((performance.now() - exactStart) / 1000)}): linearized bound - exact bound, in standard deviations (two independent Monte-Carlo runs: each bound differs by about ${((2.67 * Math.SQRT2) / Math.sqrt(resamples)).toFixed(3)} sd by chance)`,
  );
  for (const metric of ['roc_auc', 'average_precision', 'log_loss']) {
    const linear = checked[metric];
    const reference = exact[metric];
    const sd = (reference.hi - reference.lo) / (2 * 1.959964);
    console.log(
      `  ${metric}: lo ${((linear.lo - reference.lo) / sd).toFixed(3)}, hi ${((linear.hi - reference.hi) / sd).toFixed(3)}; exact interval [${reference.lo.toFixed(6)}, ${reference.hi.toFixed(6)}]`,
    );
  }
}
console.log(
  `\nload average now ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`,
);
if (worstDeltaDifference > 1e-9 || worstCliDifference > 1e-9) process.exitCode = 1;
