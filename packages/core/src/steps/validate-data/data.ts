import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { DuckDBMaterializedResult } from '@duckdb/node-api';
import { firstLine, InputError } from '../../errors';
import { literalPaths } from '../../io/duckdb-path';
import { makeScratchDirectory } from '../../io/scratch';
import type { Logger } from '../../platform/platform';
import type { Progress } from '../../platform/progress';
import { diagnoseCsv, longRecord } from './csv-diagnosis';
import { loadDuckDB } from './duckdb';
import { type LabelProblem, labelProblems } from './header';
import { type DataFormat, defaultMaxLineSize } from './input';

const formatsByExtension: Record<string, DataFormat> = {
  '.csv': 'csv',
  '.tsv': 'tsv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.parquet': 'parquet',
};

/** How each format is named in messages and reports. */
export const formatLabels: Record<DataFormat, string> = {
  csv: 'CSV',
  tsv: 'TSV',
  jsonl: 'JSON Lines',
  parquet: 'Parquet',
};

/** The data format: the `format` option when given, else the file's extension. */
export function formatOf(file: string, explicit?: DataFormat): DataFormat {
  if (explicit) return explicit;
  const format = formatsByExtension[extname(file).toLowerCase()];
  if (!format) {
    throw new InputError(
      `${file}: unknown data format (expected .csv, .tsv, .jsonl, .ndjson or .parquet, or give --format)`,
    );
  }
  return format;
}

/** The names data sets are queried by: the checked data, its reference, the test set of a train/test pair. */
export const relations = { data: 'mlci_data', reference: 'mlci_reference', test: 'mlci_test' } as const;

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteText(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

export interface DataColumn {
  name: string;
  /** DuckDB's type, e.g. `BIGINT`, `DOUBLE`, `VARCHAR`, `DECIMAL(10,2)`. */
  type: string;
}

/**
 * A data file opened in DuckDB as a view named `relation`. Rows stay in DuckDB; queries return small results.
 * Tables opened together share one connection, so a query may join them.
 */
export interface DataTable {
  /** The view to query, e.g. `mlci_data`. */
  relation: string;
  file: string;
  /** Absolute path of the file, for what reads it besides DuckDB (the lines of failing CSV rows). */
  path: string;
  format: DataFormat;
  columns: DataColumn[];
  /** Repeated or blank labels of the header (keys, fields) that DuckDB renamed in `columns`. */
  labelProblems: LabelProblem[];
  /** Runs a query over the data; DuckDB errors about the file become InputErrors naming it. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** Runs a query that does not read the data (e.g. to try a regular expression); errors pass through. */
  evaluate(sql: string): Promise<Record<string, unknown>[]>;
  /** Runs a query over the data and returns DuckDB's result as it is: its chunks read into typed arrays. */
  readResult(sql: string): Promise<DuckDBMaterializedResult>;
}

export interface ReadOptions {
  /** The view name (default `mlci_data`). */
  relation?: string;
  /** Absolute path of the data file. */
  path: string;
  /** The file as the user named it, for messages. */
  file: string;
  format: DataFormat;
  /** Columns to read as text whatever they look like (CSV/TSV), so `02134` stays `02134`. */
  textColumns?: readonly string[];
  logger: Logger;
  /** Where a long scan reports how far it got (withData only; withDatasets takes it as an argument). */
  progress?: Progress;
  /**
   * The longest CSV/TSV record DuckDB accepts, in bytes (its max_line_size). Given by validate-data's
   * max-line-size option, which an error about a longer line then names; else DuckDB's default.
   */
  maxLineSize?: number;
}

/** Raised when a value beyond the sniffed sample does not fit the sniffed type: worth one retry. */
class SampleTooSmall extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
  }
}

/**
 * Opens the data file and runs `work` on it. Types of CSV/TSV/JSON Lines are sniffed from a sample; when a value
 * later in the file does not fit, the work is redone once with types detected from the whole file.
 */
export function withData<T>(options: ReadOptions, work: (table: DataTable) => Promise<T>): Promise<T> {
  return withDatasets([options], options.logger, ([table]) => work(table as DataTable), options.progress);
}

/**
 * Opens several data files in one DuckDB connection, each as its own view, and runs `work` on them (tables in
 * the order of `sources`). On a value that does not fit a sniffed type, all are read again from whole files.
 */
export async function withDatasets<T>(
  sources: readonly ReadOptions[],
  logger: Logger,
  work: (tables: DataTable[]) => Promise<T>,
  progress?: Progress,
): Promise<T> {
  const names = new Set(sources.map((source) => source.relation ?? relations.data));
  if (names.size !== sources.length) throw new Error('withDatasets: two sources with one relation name');
  for (const source of sources) await checkReadable(source);
  // Every path reaches DuckDB as one literal file, never a pattern (see io/duckdb-path.ts).
  const links = literalPaths();
  try {
    const literal: DuckDBSource[] = [];
    for (const source of sources)
      literal.push({ ...source, duckdbPath: await links.pathFor(source.path, source.file) });
    return await openDatasets(literal, logger, work, progress);
  } finally {
    await links.dispose();
  }
}

async function openDatasets<T>(
  sources: readonly DuckDBSource[],
  logger: Logger,
  work: (tables: DataTable[]) => Promise<T>,
  progress?: Progress,
): Promise<T> {
  const duckdb = await loadDuckDB(logger);
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  // Where DuckDB spills what does not fit its memory limit: one fresh directory per run, removed after it.
  const spillDirectory = await makeScratchDirectory(join(tmpdir(), 'mlci-duckdb-'));
  const spill = spillDirectory.path;
  try {
    const connection = await instance.connect();
    try {
      // Date-times without an offset are read as UTC, whatever the machine's zone.
      await connection.run(`SET TimeZone = 'UTC'`);
      await connection.run(`SET temp_directory = ${quoteText(spill)}`);
      // DuckDB tracks a query's progress only with its progress bar on; its own printing stays off.
      if (progress)
        await connection.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false');
      const label = `scanning ${sources.map((source) => source.file).join(', ')}`;
      const tracked = async <R>(query: Promise<R>): Promise<R> => {
        if (!progress) return query;
        const timer = setInterval(() => {
          const { percentage } = connection.progress;
          if (percentage > 0) progress.update(label, Math.min(percentage, 100) / 100);
        }, 500);
        try {
          return await query;
        } finally {
          clearInterval(timer);
          progress.done();
        }
      };
      const open = async (source: DuckDBSource, wholeFile: boolean): Promise<DataTable> => {
        const relation = source.relation ?? relations.data;
        const run = async (sql: string) => {
          try {
            const reader = await tracked(connection.runAndReadAll(sql));
            return reader.getRowObjectsJS() as Record<string, unknown>[];
          } catch (error) {
            throw readError(error, source, wholeFile);
          }
        };
        const described = await run(`DESCRIBE SELECT * FROM ${reader(source, wholeFile, [])}`);
        const columns = described.map((row) => ({
          name: String(row.column_name),
          type: String(row.column_type),
        }));
        const found = await labelProblems({
          format: source.format,
          path: source.path,
          sqlPath: quoteText(source.duckdbPath),
          columns: columns.map((column) => column.name),
          maxLineSize: source.maxLineSize ?? defaultMaxLineSize,
          query: run,
        });
        const present = new Set(columns.map((column) => column.name));
        const textColumns = (source.textColumns ?? []).filter((name) => present.has(name));
        await run(
          `CREATE OR REPLACE TEMP VIEW ${relation} AS SELECT * FROM ${reader(source, wholeFile, textColumns)}`,
        );
        const text = new Set(textColumns);
        return {
          relation,
          file: source.file,
          path: source.path,
          format: source.format,
          columns: columns.map((column) => (text.has(column.name) ? { ...column, type: 'VARCHAR' } : column)),
          labelProblems: found,
          query: run,
          readResult: async (sql) => {
            try {
              return await tracked(connection.run(sql));
            } catch (error) {
              throw readError(error, source, wholeFile);
            }
          },
          evaluate: async (sql) =>
            (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[],
        };
      };
      const attempt = async (wholeFile: boolean): Promise<T> => {
        const tables: DataTable[] = [];
        for (const source of sources) tables.push(await open(source, wholeFile));
        return work(tables);
      };
      try {
        return await attempt(false);
      } catch (error) {
        if (!(error instanceof SampleTooSmall)) throw error;
        logger.info(
          `${error.file}: a value late in the file does not fit the sniffed types; reading again with types from the whole file`,
        );
        return await attempt(true);
      }
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
    await spillDirectory.remove();
  }
}

async function checkReadable({ path, file, format }: ReadOptions): Promise<void> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError(`${file}: no such file`);
    throw new InputError(
      `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? firstLine(error)})`,
    );
  }
  if (!info.isFile()) throw new InputError(`${file}: not a file`);
  if (info.size === 0)
    throw new InputError(`${file}: cannot read as ${formatLabels[format]}: the file is empty`);
}

/** A source as DuckDB reads it: `duckdbPath` names the same file as `path`, literally (see io/duckdb-path.ts). */
type DuckDBSource = ReadOptions & { duckdbPath: string };

/** The DuckDB table function that reads the file. */
function reader(options: DuckDBSource, wholeFile: boolean, textColumns: readonly string[]): string {
  const path = quoteText(options.duckdbPath);
  const sample = wholeFile ? ', sample_size = -1' : '';
  switch (options.format) {
    case 'csv':
    case 'tsv': {
      // The dialect is fixed (header row, no skipped lines) so a broken file is an error, not a silently
      // re-interpreted one: DuckDB's sniffer would otherwise skip rows it cannot fit.
      const delimiter = options.format === 'tsv' ? `'\t'` : `','`;
      const types =
        textColumns.length > 0
          ? `, types = {${textColumns.map((name) => `${quoteText(name)}: 'VARCHAR'`).join(', ')}}`
          : '';
      const lineSize = `, max_line_size = ${options.maxLineSize ?? defaultMaxLineSize}`;
      return `read_csv(${path}, header = true, delim = ${delimiter}, quote = '"', escape = '"', skip = 0, strict_mode = true${lineSize}${sample}${types})`;
    }
    case 'jsonl':
      return `read_json(${path}, format = 'newline_delimited'${sample})`;
    case 'parquet':
      return `read_parquet(${path})`;
  }
}

/** DuckDB errors that describe the file (not mlci's SQL) become one-line InputErrors naming it. */
function readError(error: unknown, options: DuckDBSource, wholeFile: boolean): Error {
  // Duck-typed: errors from the native addon need not be instances of this realm's Error (jest's VM contexts).
  // DuckDB names the file by the path it was given (perhaps a link): messages name it as the user did.
  const message = String((error as { message?: unknown } | null)?.message ?? error)
    .replaceAll(options.duckdbPath, options.file)
    .replaceAll(options.path, options.file);
  const kind = /^([A-Za-z ]+) Error: /.exec(message)?.[1];
  if (kind === 'Conversion' && !wholeFile && options.format !== 'parquet')
    return new SampleTooSmall(message, options.file);
  if (kind !== 'Conversion' && kind !== 'Invalid Input' && kind !== 'IO') return error as Error;
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('LINE '));
  let detail = (lines[0] ?? message).replace(/^[A-Za-z ]+ Error: /, '');
  let where = '';
  const csvLine = /CSV Error on Line: (\d+)/.exec(message)?.[1];
  // DuckDB 1.5's transform errors (a duplicate key, a value of another type) name the right line; its "Malformed
  // JSON" errors name the line after the broken one, so those are left without a line.
  const jsonLine =
    options.format === 'jsonl'
      ? /JSON transform error in file .*, in line (\d+)/.exec(message)?.[1]
      : undefined;
  if (jsonLine) where = `:${jsonLine}`;
  if (/not utf-8 encoded/i.test(message)) {
    where = csvLine ? `:${csvLine}` : '';
    detail = 'the text is not UTF-8 (convert it first, e.g. `iconv -f latin1 -t utf-8`)';
  } else if (options.format === 'csv' || options.format === 'tsv') {
    // DuckDB's messages say what it tried, not where the file breaks: find the line ourselves.
    const delimiter = options.format === 'tsv' ? '\t' : ',';
    const limit = options.maxLineSize ?? defaultMaxLineSize;
    const long = /Maximum line size of \d+ bytes exceeded/.test(message)
      ? longRecord(options.path, delimiter, limit)
      : undefined;
    const found = long ? undefined : diagnoseCsv(options.path, delimiter);
    if (long) {
      where = `:${long.line}`;
      detail = `${long.problem}, longer than the maximum line size of ${limit} bytes (DuckDB's max_line_size)${options.maxLineSize === undefined ? '' : '; raise it with the max-line-size option'}`;
    } else if (found) {
      where = `:${found.line}`;
      detail = found.problem;
    } else if (/^Error when sniffing file/.test(detail) && lines[1]) {
      detail = `${lines[1]} (does every row have as many fields as the header, and is every quote closed?)`;
    } else if (/^CSV Error on Line: \d+/.test(detail) && lines.length > 1) {
      const reason = lines.find((line) => !/^(CSV Error on Line|Original Line|Possible fixes|\*)/.test(line));
      if (reason) detail = `${detail}: ${reason}`;
    }
  }
  return new InputError(
    `${options.file}${where}: cannot read as ${formatLabels[options.format]}: ${detail}`,
    {
      cause: error,
    },
  );
}
