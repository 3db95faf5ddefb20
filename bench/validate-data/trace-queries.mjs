// Preload that logs every DuckDB statement mlci runs with its wall time, without changing mlci:
//   node --import ./bench/validate-data/trace-queries.mjs packages/cli/dist/mlci.mjs validate-data ...
// MLCI_TRACE_FULL=1 logs each statement whole instead of its first 400 characters.
// The bundle loads @duckdb/node-api from node_modules, the same module instance this file patches.
import { DuckDBConnection } from '@duckdb/node-api';

const started = performance.now();
const tracing = Symbol('tracing');
const seconds = (ms) => (ms / 1000).toFixed(3);
for (const method of ['run', 'runAndReadAll']) {
  const original = DuckDBConnection.prototype[method];
  DuckDBConnection.prototype[method] = async function traced(sql, ...rest) {
    // runAndReadAll calls run: log the outer call only.
    if (this[tracing]) return original.call(this, sql, ...rest);
    this[tracing] = true;
    const start = performance.now();
    try {
      return await original.call(this, sql, ...rest);
    } finally {
      this[tracing] = false;
      const oneLine = String(sql).replace(/\s+/g, ' ');
      const shown =
        !process.env.MLCI_TRACE_FULL && oneLine.length > 400
          ? `${oneLine.slice(0, 400)}… (${oneLine.length} chars)`
          : oneLine;
      process.stderr.write(
        `[trace] at ${seconds(start - started)} s took ${seconds(performance.now() - start)} s: ${shown}\n`,
      );
    }
  };
}
process.on('exit', () => process.stderr.write(`[trace] process total ${seconds(performance.now())} s\n`));
