#!/usr/bin/env node
// Where mlci validate-data spends its time on one file, without changing mlci:
//   1. runs the committed CLI under trace-queries.mjs and prints its timeline: each DuckDB statement, and the
//      gaps between them (Node work such as the file digest and the report);
//   2. re-runs mlci's main aggregate query with EXPLAIN ANALYZE, whole and with each kind of expression left
//      out, next to the bare scan's query, and prints the time of each (the best of --runs).
//
//   node bench/validate-data/attribute.mjs FILE.csv|FILE.parquet [--schema FILE] [--runs 3]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    schema: { type: 'string', default: join(here, 'schema.yaml') },
    runs: { type: 'string', default: '3' },
  },
});
const file = positionals[0];
if (!file) throw new Error('usage: attribute.mjs FILE.csv|FILE.parquet [--schema FILE] [--runs 3]');
const runs = Number(options.runs);

// 1. The timeline of one mlci run.
const out = mkdtempSync(join(tmpdir(), 'mlci-attribute-'));
const traced = spawnSync(
  process.execPath,
  [
    '--import',
    join(here, 'trace-queries.mjs'),
    join(root, 'packages/cli/dist/mlci.mjs'),
    'validate-data',
    '--data',
    file,
    '--schema',
    options.schema,
    '--out',
    out,
  ],
  { encoding: 'utf8', env: { ...process.env, MLCI_TRACE_FULL: '1' }, maxBuffer: 64 << 20 },
);
rmSync(out, { recursive: true, force: true });
if (traced.status !== 0 && traced.status !== 1)
  throw new Error(`mlci exited with ${traced.status}:\n${traced.stderr}`);
const statements = [];
let total = 0;
for (const line of traced.stderr.split('\n')) {
  const statement = /^\[trace\] at ([\d.]+) s took ([\d.]+) s: (.*)$/.exec(line);
  if (statement) statements.push({ at: Number(statement[1]), took: Number(statement[2]), sql: statement[3] });
  const end = /^\[trace\] process total ([\d.]+) s/.exec(line);
  if (end) total = Number(end[1]);
}
console.log(`mlci validate-data on ${file}: ${total.toFixed(2)} s in all`);
let clock = 0;
const gap = (until, what) => {
  if (until - clock >= 0.05) console.log(`  ${(until - clock).toFixed(2)} s  ${what}`);
};
for (const [index, statement] of statements.entries()) {
  gap(
    statement.at,
    index === 0
      ? 'Node start-up, loading the bundle and DuckDB'
      : 'Node work between statements (e.g. the file digest)',
  );
  const shown = statement.sql.length > 110 ? `${statement.sql.slice(0, 110)}…` : statement.sql;
  console.log(`  ${statement.took.toFixed(2)} s  ${shown}`);
  clock = statement.at + statement.took;
}
gap(total, 'after the last statement: report files, closing DuckDB, exit');

// 2. The main query, taken apart.
const view = statements.find((statement) => statement.sql.startsWith('CREATE OR REPLACE TEMP VIEW'));
const main = statements
  .filter((statement) => /^SELECT .* FROM mlci_data$/.test(statement.sql))
  .sort((a, b) => b.sql.length - a.sql.length)[0];
if (!view || !main) throw new Error('the trace has no view or no aggregate query over mlci_data');
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(`SET TimeZone = 'UTC'`);
await connection.run(view.sql);
const columns = (await connection.runAndReadAll('DESCRIBE mlci_data')).getRowObjectsJS();
const bare = `SELECT count(*), ${columns
  .map(({ column_name: name }) => `count("${name}"), min("${name}"), max("${name}")`)
  .join(', ')} FROM mlci_data`;
const expressions = main.sql
  .replace(/^SELECT /, '')
  .replace(/ FROM mlci_data$/, '')
  .split(/(?<= AS [a-z]\d+), /);
const without = (pattern) =>
  `SELECT ${expressions.filter((expression) => !pattern.test(expression)).join(', ')} FROM mlci_data`;
const kinds = [
  ['count(DISTINCT ...) (unique)', /count\(DISTINCT/],
  ['regexp_full_match (regex)', /regexp_full_match/],
  ['casts to TIMESTAMPTZ (datetime bounds)', /AS TIMESTAMPTZ/],
  ['NOT IN (allowed)', /NOT IN \(/],
  ['count(*) FILTER on a bound (min/max violations)', /FILTER \(WHERE [^)]* [<>] /],
];
const variants = [
  ['bare scan query (count, min, max per column)', bare],
  [`mlci main query (${expressions.length} aggregates)`, main.sql],
  ...kinds
    .filter(([, pattern]) => expressions.some((expression) => pattern.test(expression)))
    .map(([name, pattern]) => [
      `  without ${name}: ${expressions.filter((expression) => pattern.test(expression)).length} left out`,
      without(pattern),
    ]),
];

console.log(
  `\nEXPLAIN ANALYZE, best of ${runs}: wall time; operator time summed over threads (scan / the rest)`,
);
for (const [name, sql] of variants) {
  let best;
  for (let run = 0; run < runs; run++) {
    const [row] = (await connection.runAndReadAll(`EXPLAIN ANALYZE ${sql}`)).getRowObjectsJS();
    const plan = String(row.explain_value);
    const wall = Number(/Total Time: ([\d.]+)s/.exec(plan)?.[1]);
    let operator;
    let scan = 0;
    let rest = 0;
    for (const line of plan.split('\n')) {
      const named = /│\s+(?:Function: )?([A-Z][A-Z_]+)\s+│/.exec(line);
      if (named) operator = named[1];
      const time = /│\s+([\d.]+)s\s+│/.exec(line);
      if (time && operator) {
        if (/^(READ_CSV|READ_PARQUET|TABLE_SCAN)/.test(operator)) scan += Number(time[1]);
        else rest += Number(time[1]);
        operator = undefined;
      }
    }
    if (!best || wall < best.wall) best = { wall, scan, rest };
  }
  console.log(
    `  ${name.padEnd(72)} ${best.wall.toFixed(2)} s   (${best.scan.toFixed(2)} s / ${best.rest.toFixed(2)} s)`,
  );
}
connection.closeSync();
instance.closeSync();
