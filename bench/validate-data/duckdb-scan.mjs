#!/usr/bin/env node
// The baseline: what a hand-written DuckDB check of the file does. One aggregate query over every column (row
// count, non-null count, min, max), read with the same read_csv options as mlci (packages/core/src/steps/
// validate-data/data.ts, reader()), on DuckDB's default settings.
//
//   node bench/validate-data/duckdb-scan.mjs FILE.csv|FILE.parquet
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
if (!file) throw new Error('usage: duckdb-scan.mjs FILE.csv|FILE.parquet');

const text = (value) => `'${value.replace(/'/g, "''")}'`;
const identifier = (name) => `"${name.replace(/"/g, '""')}"`;
const reader = file.endsWith('.parquet')
  ? `read_parquet(${text(file)})`
  : `read_csv(${text(file)}, header = true, delim = ',', quote = '"', escape = '"', skip = 0, strict_mode = true)`;

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(`SET TimeZone = 'UTC'`);
const columns = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${reader}`))
  .getRowObjectsJS()
  .map((row) => String(row.column_name));
const aggregates = ['count(*) AS "rows"'];
columns.forEach((name, i) => {
  const column = identifier(name);
  aggregates.push(`count(${column}) AS n${i}`, `min(${column}) AS min${i}`, `max(${column}) AS max${i}`);
});
const [row] = (
  await connection.runAndReadAll(`SELECT ${aggregates.join(', ')} FROM ${reader}`)
).getRowObjectsJS();
console.log(`${row.rows} rows, ${columns.length} columns`);
connection.closeSync();
instance.closeSync();
