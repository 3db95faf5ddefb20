#!/usr/bin/env node
// validate-data at gigabyte scale (issue 3): in one run, for CSV and Parquet inputs of each size, times
//   1. `mlci validate-data` (the committed CLI bundle) with the schema, and with a reference when the build has one;
//   2. the bare DuckDB scan of the same file (duckdb-scan.mjs: one aggregate query over all columns);
//   3. pandas read_csv/read_parquet + describe(include='all') with Debian's /usr/bin/python3;
// and prints wall time, CPU time and peak RSS of each, and the ratios the issue sets as goals.
//
//   npm run bench:validate-data            (= node bench/validate-data/run.mjs)
//   node bench/validate-data/run.mjs --sizes 250MB --formats csv --runs 3
//
// Generated data is kept in bench/validate-data/.data/ and reused while its parameters are the same.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { generate, generatorVersion, parseSize } from './generate.mjs';
import { generateWide, wideGeneratorVersion } from './wide.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const cli = join(root, 'packages/cli/dist/mlci.mjs');
const python = '/usr/bin/python3';
const gnuTime = '/usr/bin/time';

const { values: options } = parseArgs({
  options: {
    sizes: { type: 'string', default: '250MB,1GB' },
    formats: { type: 'string', default: 'csv,parquet' },
    tools: { type: 'string', default: 'mlci,duckdb,pandas' },
    runs: { type: 'string' },
    reference: { type: 'string', default: 'auto' },
    'reference-size': { type: 'string', default: '100MB' },
    'reference-from': { type: 'string', default: 'data,profile' },
    schema: { type: 'string', default: join(here, 'schema.yaml') },
    seed: { type: 'string', default: '1' },
    'data-dir': { type: 'string', default: join(here, '.data') },
    trace: { type: 'boolean', default: false },
    wide: { type: 'string', default: '' },
    'wide-rows': { type: 'string', default: '20,10000' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (options.help) {
  console.log(`usage: node bench/validate-data/run.mjs [options]
  --sizes 250MB,1GB          sizes of the generated CSV (the Parquet file holds the same rows)
  --formats csv,parquet      input formats to time
  --tools mlci,duckdb,pandas tools to time
  --runs N                   timings per tool and input, median reported (default 3 below 1 GB, 1 from 1 GB)
  --reference auto|on|off    also time mlci with --reference (auto: when validate-data --help lists it)
  --reference-size 100MB     size of the drifted reference data
  --reference-from data,profile  time mlci with the reference data file, with a profile of it written once
                             (untimed) by validate-data --write-profile, or both (the default); the data
                             file's runs are compared with the bare scans of both files
  --schema FILE              schema for mlci (default bench/validate-data/schema.yaml)
  --seed N                   seed of the current data (the reference uses seed + 1)
  --data-dir DIR             cache of generated data (default bench/validate-data/.data)
  --trace                    log each DuckDB statement mlci runs, with its time (stderr of the mlci runs)
  --wide 5000                also time wide CSVs of these column counts (issue 14; --sizes none for them alone):
                             mlci with --infer-schema, with the inferred schema, and with a reference of the same width
  --wide-rows 20,10000       rows of each wide CSV`);
  process.exit(0);
}

const sizes = options.sizes === 'none' ? [] : options.sizes.split(',').map((size) => size.trim());
const wideColumns = options.wide ? options.wide.split(',').map(Number) : [];
const wideRows = options['wide-rows'].split(',').map(Number);
const formats = options.formats.split(',').map((format) => format.trim());
const tools = new Set(options.tools.split(',').map((tool) => tool.trim()));
const seed = Number(options.seed);
const dataDir = options['data-dir'];
mkdirSync(dataDir, { recursive: true });

function runsFor(bytes) {
  if (options.runs) return Number(options.runs);
  return bytes >= 1e9 ? 1 : 3;
}

// ---------------------------------------------------------------------------------------------------------
// The machine

function pandasVersion() {
  const probe = spawnSync(python, ['-c', 'import pandas; print(pandas.__version__)'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

function pandasReadsParquet() {
  const probe = spawnSync(
    python,
    [
      '-c',
      'import importlib.util, sys; sys.exit(0 if any(importlib.util.find_spec(m) for m in ("pyarrow", "fastparquet")) else 1)',
    ],
    { encoding: 'utf8' },
  );
  return probe.status === 0;
}

async function duckdbVersion() {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const [row] = (await connection.runAndReadAll('SELECT version() AS v')).getRowObjectsJS();
  connection.closeSync();
  instance.closeSync();
  const api = JSON.parse(
    readFileSync(join(root, 'node_modules/@duckdb/node-api/package.json'), 'utf8'),
  ).version;
  return `${row.v} (@duckdb/node-api ${api})`;
}

function gitRevision() {
  const probe = spawnSync('git', ['-C', root, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : 'unknown';
}

const validateHelp = spawnSync(process.execPath, [cli, 'validate-data', '--help'], { encoding: 'utf8' });
if (validateHelp.status !== 0) {
  console.error(`cannot run ${relative(root, cli)} (run npm run build first):\n${validateHelp.stderr}`);
  process.exit(2);
}
const referenceSupported = validateHelp.stdout.includes('--reference');
const useReference =
  options.reference === 'on' || (options.reference === 'auto' && referenceSupported && tools.has('mlci'));
if (options.reference === 'on' && !referenceSupported) {
  console.error(
    `--reference on: ${relative(root, cli)} has no --reference option (rebuild with the drift feature)`,
  );
  process.exit(2);
}
const pandas = tools.has('pandas') ? pandasVersion() : undefined;
const measureWithGnuTime = existsSync(gnuTime);

console.log('# validate-data benchmark');
console.log(
  `machine: ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory`,
);
console.log(
  `node ${process.version}; DuckDB ${await duckdbVersion()}; pandas ${tools.has('pandas') ? (pandas ?? 'not installed') : 'not timed'} (${python})`,
);
console.log(
  `mlci: ${relative(root, cli)} at commit ${gitRevision()}; --reference ${referenceSupported ? 'supported' : 'not supported by this build'}`,
);
console.log(
  `peak RSS: ${measureWithGnuTime ? `${gnuTime} -v (largest process)` : '/proc polling (sum over the process tree)'}`,
);
console.log(
  `load average at start: ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`,
);
if (tools.has('pandas') && !pandas) {
  console.log(`pandas is not installed for ${python}: apt-get install python3-pandas (pandas is skipped)`);
  tools.delete('pandas');
}
const pandasParquet = tools.has('pandas') && pandasReadsParquet();
if (tools.has('pandas') && formats.includes('parquet') && !pandasParquet) {
  console.log(
    "pandas cannot read Parquet here (no pyarrow or fastparquet for Debian's Python): pandas is timed on CSV only",
  );
}

// ---------------------------------------------------------------------------------------------------------
// The data: generated once per parameter set, then reused

/** A finished file has a `.done` marker holding its parameters; anything else is regenerated. */
function cached(file, parameters, make) {
  const marker = `${file}.done`;
  const wanted = JSON.stringify(parameters);
  if (existsSync(file) && existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return file;
  rmSync(marker, { force: true });
  const start = performance.now();
  const detail = make();
  writeFileSync(marker, wanted);
  console.log(
    `generated ${relative(root, file)} (${(statSync(file).size / 1e6).toFixed(0)} MB${detail ? `, ${detail}` : ''}) in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
  return file;
}

function csvData(variant, size, dataSeed) {
  const file = join(dataDir, `${variant}-${size}-seed${dataSeed}-v${generatorVersion}.csv`);
  return cached(file, { variant, bytes: parseSize(size), seed: dataSeed, generatorVersion }, () => {
    const { rows } = generate({ out: file, bytes: parseSize(size), seed: dataSeed, variant });
    return `${rows} rows`;
  });
}

/** The same rows as Parquet, converted by DuckDB (its default row groups and Snappy compression). */
async function parquetData(csv) {
  const file = csv.replace(/\.csv$/, '.parquet');
  const parameters = { from: relative(dataDir, csv), size: statSync(csv).size, mtime: statSync(csv).mtimeMs };
  const marker = `${file}.done`;
  if (existsSync(file) && existsSync(marker) && readFileSync(marker, 'utf8') === JSON.stringify(parameters))
    return file;
  const start = performance.now();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const quote = (text) => `'${text.replace(/'/g, "''")}'`;
  await connection.run(
    `COPY (SELECT * FROM read_csv(${quote(csv)}, header = true, delim = ',', quote = '"', escape = '"', strict_mode = true)) TO ${quote(`${file}.partial`)} (FORMAT parquet)`,
  );
  connection.closeSync();
  instance.closeSync();
  spawnSync('mv', [`${file}.partial`, file]);
  writeFileSync(marker, JSON.stringify(parameters));
  console.log(
    `converted to ${relative(root, file)} (${(statSync(file).size / 1e6).toFixed(0)} MB) in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
  return file;
}

const inputs = [];
for (const size of sizes) {
  const csv = csvData('current', size, seed);
  for (const format of formats) {
    inputs.push({ size, format, file: format === 'csv' ? csv : await parquetData(csv) });
  }
}
// Wide inputs carry their own schema (inferred once, untimed) and reference (another seed of the same width).
function wideData(columns, rows, dataSeed) {
  const file = join(dataDir, `wide-${columns}x${rows}-seed${dataSeed}-v${wideGeneratorVersion}.csv`);
  return cached(file, { columns, rows, seed: dataSeed, wideGeneratorVersion }, () => {
    generateWide({ out: file, columns, rows, seed: dataSeed });
    return `${columns} columns x ${rows} rows`;
  });
}
for (const columns of wideColumns) {
  for (const rows of wideRows) {
    const file = wideData(columns, rows, seed);
    const schema = file.replace(/\.csv$/, '.schema.yaml');
    cached(schema, { from: relative(dataDir, file), cli: statSync(cli).mtimeMs }, () => {
      const out = mkdtempSync(join(tmpdir(), 'mlci-bench-schema-'));
      const made = spawnSync(
        process.execPath,
        [cli, 'validate-data', '--data', file, '--infer-schema', schema, '--force', '--out', out],
        { encoding: 'utf8' },
      );
      rmSync(out, { recursive: true, force: true });
      if (made.status !== 0) throw new Error(`inferring the wide schema failed:\n${made.stderr}`);
      return 'inferred schema';
    });
    inputs.push({
      size: `${columns} cols x ${rows} rows`,
      format: 'csv',
      file,
      wide: true,
      runs: Number(options.runs ?? 1),
      schema,
      reference: wideData(columns, rows, seed + 1),
    });
  }
}
const referenceFrom = options['reference-from'].split(',').map((kind) => kind.trim());
if (referenceFrom.some((kind) => kind !== 'data' && kind !== 'profile')) {
  console.error('--reference-from must be data, profile or data,profile');
  process.exit(2);
}
/** The reference as each kind gives it: `data` by format, `profile` one file for both formats. */
const references = { data: {}, profile: undefined };
if (useReference && sizes.length > 0) {
  const csv = csvData('reference', options['reference-size'], seed + 1);
  references.data.csv = csv;
  if (formats.includes('parquet')) references.data.parquet = await parquetData(csv);
  if (referenceFrom.includes('profile')) {
    if (!validateHelp.stdout.includes('--write-profile')) {
      console.error(`--reference-from profile: ${relative(root, cli)} has no --write-profile option`);
      process.exit(2);
    }
    // One profile serves both formats: it holds statistics, not rows.
    const profile = csv.replace(/\.csv$/, '.profile.json');
    const schemaText = readFileSync(options.schema, 'utf8');
    cached(
      profile,
      {
        from: relative(dataDir, csv),
        size: statSync(csv).size,
        schema: schemaText,
        cli: statSync(cli).mtimeMs,
      },
      () => {
        const out = mkdtempSync(join(tmpdir(), 'mlci-bench-profile-'));
        const made = spawnSync(
          process.execPath,
          [
            cli,
            'validate-data',
            '--data',
            csv,
            '--schema',
            options.schema,
            '--write-profile',
            profile,
            '--force',
            '--out',
            out,
          ],
          { encoding: 'utf8' },
        );
        rmSync(out, { recursive: true, force: true });
        if (made.status !== 0 && made.status !== 1)
          throw new Error(`writing the reference profile failed:\n${made.stderr}`);
        return 'reference profile';
      },
    );
    references.profile = profile;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Measuring

/** Wall time by this process's clock; CPU time and peak RSS from GNU time, else from polling /proc. */
function measure(command, args, { env } = {}) {
  return new Promise((resolve, reject) => {
    const report = join(scratch, `time-${process.hrtime.bigint()}.txt`);
    const argv = measureWithGnuTime ? [gnuTime, ['-v', '-o', report, command, ...args]] : [command, args];
    const start = performance.now();
    const child = spawn(argv[0], argv[1], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data) => {
      stdout += data;
    });
    child.stderr.on('data', (data) => {
      stderr += data;
    });
    let polledPeak = 0;
    const poller = measureWithGnuTime
      ? undefined
      : setInterval(() => {
          polledPeak = Math.max(polledPeak, treeRss(child.pid));
        }, 20);
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - start) / 1000;
      if (poller) clearInterval(poller);
      let peakMb = polledPeak / 1024;
      let cpuSeconds;
      if (measureWithGnuTime && existsSync(report)) {
        const text = readFileSync(report, 'utf8');
        const number = (label) => Number(new RegExp(`${label}: ([\\d.]+)`).exec(text)?.[1] ?? Number.NaN);
        peakMb = number('Maximum resident set size \\(kbytes\\)') / 1024;
        cpuSeconds = number('User time \\(seconds\\)') + number('System time \\(seconds\\)');
        // GNU time reports the command's status as "Exit status"; its own is the child's when it ran at all.
        code = number('Exit status');
        // A process killed by a signal shows "Exit status: 0": count it as the shell does (128 + signal).
        const signal = /Command terminated by signal (\d+)/.exec(text)?.[1];
        if (signal) code = 128 + Number(signal);
        rmSync(report, { force: true });
      }
      resolve({ code, seconds, cpuSeconds, peakMb, stdout, stderr });
    });
  });
}

/** Resident set of a process and its descendants, in kB. */
function treeRss(pid) {
  let total = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const current = pending.pop();
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${current}/status`, 'utf8'))?.[1] ?? 0);
      for (const task of readFileSync(`/proc/${current}/task/${current}/children`, 'utf8').split(' ')) {
        if (task.trim()) pending.push(Number(task));
      }
    } catch {
      // The process ended between polls.
    }
  }
  return total;
}

/** The reference run counts only if the report shows drift work; a build may accept the flag before it does any. */
function warnUnlessDrift(out, input) {
  const file = join(out, 'validate-data.json');
  const result = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const drift =
    result.drift !== undefined || (result.checks ?? []).some((check) => /drift/i.test(check.name));
  if (!drift) {
    notes.add(
      `mlci (schema + reference) on ${inputLabel(input)}: the report has no drift result, so this build accepts --reference without comparing; its time is not the drift check's`,
    );
  }
}

const notes = new Set();

function median(numbers) {
  const sorted = numbers.filter((n) => Number.isFinite(n)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Reads a file once so every tool finds it in the page cache: the timings compare engines, not the disk. */
function warm(file) {
  spawnSync('cat', [file], { stdio: ['ignore', 'ignore', 'ignore'] });
}

const scratch = mkdtempSync(join(tmpdir(), 'mlci-bench-'));
const trace = join(here, 'trace-queries.mjs');

function commandsFor(input) {
  const commands = [];
  const mlci = (label, extra, schemaArgs = ['--schema', input.schema ?? options.schema]) => ({
    tool: label,
    out: join(scratch, label.replace(/\W+/g, '-')),
    command: process.execPath,
    args: [
      ...(options.trace ? ['--import', trace] : []),
      cli,
      'validate-data',
      '--data',
      input.file,
      ...schemaArgs,
      ...extra,
      '--out',
      join(scratch, label.replace(/\W+/g, '-')),
    ],
    // 0: passed; 1: a gate failed (the drifted reference is meant to fail the drift gate).
    ok: (code) => code === 0 || code === 1,
  });
  if (tools.has('mlci')) {
    if (input.wide) {
      const inferred = join(scratch, 'inferred.yaml');
      commands.push(mlci('mlci (--infer-schema)', [], ['--infer-schema', inferred, '--force']));
    }
    commands.push(mlci('mlci (schema)', []));
    if (input.wide) commands.push(mlci('mlci (schema + reference)', ['--reference', input.reference]));
    else if (useReference) {
      for (const kind of referenceFrom) {
        const given = kind === 'profile' ? references.profile : references.data[input.format];
        commands.push(mlci(`mlci (schema + reference ${kind})`, ['--reference', given]));
      }
    }
  }
  if (tools.has('duckdb')) {
    commands.push({
      tool: 'bare DuckDB scan',
      command: process.execPath,
      args: [join(here, 'duckdb-scan.mjs'), input.file],
      ok: (code) => code === 0,
    });
    // The baseline of a run with the reference data file: both files scanned.
    if (!input.wide && useReference && referenceFrom.includes('data')) {
      commands.push({
        tool: 'bare DuckDB scan of the reference',
        command: process.execPath,
        args: [join(here, 'duckdb-scan.mjs'), references.data[input.format]],
        ok: (code) => code === 0,
      });
    }
  }
  if (tools.has('pandas') && (input.format === 'csv' || pandasParquet)) {
    commands.push({
      tool: 'pandas describe',
      command: python,
      args: [join(here, 'pandas_describe.py'), input.file],
      ok: (code) => code === 0,
    });
  }
  return commands;
}

const results = [];
try {
  for (const input of inputs) {
    warm(input.file);
    if (input.reference) warm(input.reference);
    else if (useReference) {
      if (references.data[input.format]) warm(references.data[input.format]);
      if (references.profile) warm(references.profile);
    }
    const commands = commandsFor(input);
    const samples = new Map(commands.map((command) => [command.tool, []]));
    const runs = input.runs ?? runsFor(parseSize(input.size));
    // Runs interleave the tools, so a noisy neighbour slows all of them alike.
    for (let run = 0; run < runs; run++) {
      for (const command of commands) {
        const sample = await measure(command.command, command.args);
        if (!command.ok(sample.code)) {
          throw new Error(
            `${command.tool} on ${relative(root, input.file)} exited with ${sample.code}:\n${sample.stderr.slice(-2000)}`,
          );
        }
        if (options.trace && command.tool.startsWith('mlci')) {
          process.stderr.write(
            `--- ${command.tool} on ${relative(root, input.file)}\n${sample.stderr
              .split('\n')
              .filter((line) => line.startsWith('[trace]'))
              .join('\n')}\n`,
          );
        }
        samples.get(command.tool).push(sample);
        if (command.tool.startsWith('mlci') && command.tool.includes('reference') && run === 0)
          warnUnlessDrift(command.out, input);
        process.stderr.write(
          `  ${command.tool} ${input.format} ${input.size} run ${run + 1}/${runs}: ${sample.seconds.toFixed(2)} s, ${sample.peakMb.toFixed(0)} MB (load ${loadavg()[0].toFixed(2)})\n`,
        );
      }
    }
    for (const command of commands) {
      const taken = samples.get(command.tool);
      results.push({
        tool: command.tool,
        input,
        runs: taken.length,
        seconds: median(taken.map((sample) => sample.seconds)),
        cpuSeconds: median(taken.map((sample) => sample.cpuSeconds ?? Number.NaN)),
        peakMb: median(taken.map((sample) => sample.peakMb)),
      });
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------------
// The report

function inputLabel(input) {
  return `${input.format === 'csv' ? 'CSV' : 'Parquet'} ${input.size}`;
}
const fileMbOf = (input) => statSync(input.file).size / 1e6;
const fileMb = (input) => (fileMbOf(input) < 10 ? fileMbOf(input).toFixed(1) : fileMbOf(input).toFixed(0));
const rows = [['tool', 'input', 'file MB', 'runs', 'wall s', 'CPU s', 'peak RSS MB']];
for (const result of results) {
  rows.push([
    result.tool,
    inputLabel(result.input),
    fileMb(result.input),
    String(result.runs),
    result.seconds.toFixed(2),
    Number.isFinite(result.cpuSeconds) ? result.cpuSeconds.toFixed(2) : '-',
    result.peakMb.toFixed(0),
  ]);
}
console.log('');
console.log(markdownTable(rows));

const find = (tool, input) => results.find((result) => result.tool === tool && result.input === input);
const ratioRows = [['input', 'ratio', 'value', 'goal', 'met']];
const mlciTools = [
  'mlci (schema)',
  ...(useReference ? referenceFrom.map((kind) => `mlci (schema + reference ${kind})`) : []),
];
const wideTools = ['mlci (--infer-schema)', 'mlci (schema)', 'mlci (schema + reference)'];
for (const input of inputs) {
  const duck = find('bare DuckDB scan', input);
  const pandasResult = find('pandas describe', input);
  // Wide data: memory must stay near the bare scan's too (issue 14), so its ratio is shown beside time's.
  if (input.wide && duck) {
    for (const tool of wideTools) {
      const mlci = find(tool, input);
      if (!mlci) continue;
      const wall = mlci.seconds / duck.seconds;
      const cpu = mlci.cpuSeconds / duck.cpuSeconds;
      const rss = mlci.peakMb / duck.peakMb;
      ratioRows.push([inputLabel(input), `${tool} / bare DuckDB (wall)`, `${wall.toFixed(2)}x`, '-', '-']);
      if (Number.isFinite(cpu))
        ratioRows.push([inputLabel(input), `${tool} / bare DuckDB (CPU)`, `${cpu.toFixed(2)}x`, '-', '-']);
      ratioRows.push([
        inputLabel(input),
        `${tool} / bare DuckDB (peak RSS)`,
        `${rss.toFixed(2)}x (${mlci.peakMb.toFixed(0)} / ${duck.peakMb.toFixed(0)} MB)`,
        '-',
        '-',
      ]);
    }
    continue;
  }
  const duckReference = find('bare DuckDB scan of the reference', input);
  for (const tool of mlciTools) {
    const mlci = find(tool, input);
    if (!mlci) continue;
    // With the reference data file mlci reads both files: the baseline is the bare scans of both.
    if (duck && duckReference && tool.endsWith('reference data)')) {
      const ratio = mlci.seconds / (duck.seconds + duckReference.seconds);
      ratioRows.push([
        inputLabel(input),
        `${tool} / bare DuckDB scans of both files (wall)`,
        `${ratio.toFixed(2)}x`,
        '<= 1.5x',
        ratio <= 1.5 ? 'yes' : 'no',
      ]);
      if (Number.isFinite(mlci.cpuSeconds) && Number.isFinite(duck.cpuSeconds)) {
        ratioRows.push([
          inputLabel(input),
          `${tool} / bare DuckDB scans of both files (CPU)`,
          `${(mlci.cpuSeconds / (duck.cpuSeconds + duckReference.cpuSeconds)).toFixed(2)}x`,
          '-',
          '-',
        ]);
      }
    } else if (duck) {
      const ratio = mlci.seconds / duck.seconds;
      ratioRows.push([
        inputLabel(input),
        `${tool} / bare DuckDB (wall)`,
        `${ratio.toFixed(2)}x`,
        '<= 1.5x',
        ratio <= 1.5 ? 'yes' : 'no',
      ]);
      // CPU time is less swayed than wall time by other load on the machine: shown beside it, not as the goal.
      if (Number.isFinite(mlci.cpuSeconds) && Number.isFinite(duck.cpuSeconds)) {
        ratioRows.push([
          inputLabel(input),
          `${tool} / bare DuckDB (CPU)`,
          `${(mlci.cpuSeconds / duck.cpuSeconds).toFixed(2)}x`,
          '-',
          '-',
        ]);
      }
    }
    if (pandasResult) {
      const ratio = pandasResult.seconds / mlci.seconds;
      ratioRows.push([
        inputLabel(input),
        `pandas / ${tool} (wall)`,
        `${ratio.toFixed(1)}x`,
        '>= 5x',
        ratio >= 5 ? 'yes' : 'no',
      ]);
    }
  }
}
// Memory growth: each mlci variant and format, the largest size against the smallest.
if (sizes.length > 1) {
  const bySize = (format, size) => inputs.find((input) => input.format === format && input.size === size);
  const small = sizes.reduce((a, b) => (parseSize(a) <= parseSize(b) ? a : b));
  const large = sizes.reduce((a, b) => (parseSize(a) >= parseSize(b) ? a : b));
  for (const format of formats) {
    for (const tool of [...mlciTools, 'bare DuckDB scan']) {
      const a = find(tool, bySize(format, small));
      const b = find(tool, bySize(format, large));
      if (!a || !b) continue;
      const ratio = b.peakMb / a.peakMb;
      ratioRows.push([
        `${format === 'csv' ? 'CSV' : 'Parquet'} ${large} vs ${small}`,
        `${tool} peak RSS growth`,
        `${ratio.toFixed(2)}x (${a.peakMb.toFixed(0)} -> ${b.peakMb.toFixed(0)} MB)`,
        tool.startsWith('mlci') ? '<= 1.1x' : '-',
        tool.startsWith('mlci') ? (ratio <= 1.1 ? 'yes' : 'no') : '-',
      ]);
    }
  }
}
console.log('');
console.log(markdownTable(ratioRows));
console.log('');
for (const note of notes) console.log(`note: ${note}`);
console.log(
  `load average at end: ${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`,
);
if (!useReference && tools.has('mlci')) {
  console.log(
    referenceSupported
      ? 'mlci was timed with the schema only (--reference off).'
      : 'mlci was timed with the schema only: this build of mlci has no --reference option yet.',
  );
}

function markdownTable(table) {
  const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
  const line = (row) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [
    line(table[0]),
    `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
    ...table.slice(1).map(line),
  ].join('\n');
}
