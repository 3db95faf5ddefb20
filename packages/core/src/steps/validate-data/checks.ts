import { firstLine, InputError } from '../../errors';
import { isLiteralForDuckDB } from '../../io/duckdb-path';
import { plural } from '../../report/markdown';
import type { Check } from '../../report/model';
import { csvRowLines } from './csv-diagnosis';
import { type DataColumn, type DataTable, quoteIdentifier, quoteText } from './data';
import {
  type ColumnSpec,
  type ColumnType,
  type DataSchema,
  keyColumns,
  misfit,
  type Rule,
  type RuleScalar,
} from './schema';

/** How many example values, and example rows, a failed check shows. */
export const exampleCount = 5;

/** One row of the data that a failed rule names: where it is, its key, and the value the rule refused. */
export interface FailingRow {
  /** 1-based position among the data rows (the header is no row), as DuckDB reads the file. */
  row: number;
  /** CSV/TSV: the physical line the row starts on, the header being line 1 (line breaks in quotes counted). */
  line?: number;
  /** The row's value of the schema's key column (see keyColumns), when the data has one. */
  key?: unknown;
  /** The value the rule refused: the column's, or the key's columns and values for a compound key; null for a null. */
  value: unknown;
}

/** A check of the contract; one that failed on rows names the first of them. */
export interface DataCheck extends Check {
  rows?: FailingRow[];
}

/** How to find a failed check's rows: SQL that is true on them and SQL of the value to show. */
interface RowQuery {
  where: string;
  value: string;
}

/** A DuckDB type seen as a schema type; `other` for lists, structs, blobs and the like. */
export type TypeCategory = ColumnType | 'other';

export function categoryOf(duckdbType: string): TypeCategory {
  const type = duckdbType.toUpperCase();
  if (/^U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)$/.test(type)) return 'integer';
  if (/^(FLOAT|DOUBLE|REAL|DECIMAL(\(\d+,\s*\d+\))?)$/.test(type)) return 'number';
  if (type === 'BOOLEAN') return 'boolean';
  if (type === 'DATE') return 'date';
  if (/^TIMESTAMP(_S|_MS|_NS| WITH TIME ZONE|TZ)?$/.test(type)) return 'datetime';
  if (type === 'VARCHAR') return 'string';
  return 'other';
}

/** Whether values of a column read as `category` are all of the declared type without looking at them. */
export function isCompatible(category: TypeCategory, declared: ColumnType): boolean {
  return (
    category === declared ||
    (declared === 'number' && category === 'integer') ||
    (declared === 'datetime' && category === 'date')
  );
}

/** How a present column's values are seen by its rules. */
export interface ColumnValues {
  /** The column as read. */
  column: DataColumn;
  /** The type the rules compare in: the declared one, else the one read. */
  type: TypeCategory;
  /** SQL of each value in that type; NULL where the value is null or does not read as the type. */
  value: string;
  /** SQL of each value as text. */
  text: string;
  /** DuckDB's type of `value`. */
  sqlType: string;
  /** SQL that is true for a non-null value that does not read as the declared type; absent when none can fail. */
  invalid?: string;
  /**
   * The cast from the column as read to `type`, applied to any expression of the column's type; present when
   * the values are the column's own (no text conversion). It keeps order and never makes a null, so min and max
   * can be taken on the column as read and cast once, rather than casting every value.
   */
  lift?: (sql: string) => string;
}

export function columnValues(column: DataColumn, declared: ColumnType | undefined): ColumnValues {
  const id = quoteIdentifier(column.name);
  const category = categoryOf(column.type);
  const text = category === 'string' ? id : `CAST(${id} AS VARCHAR)`;
  if (declared === undefined || isCompatible(category, declared)) {
    const type = declared ?? category;
    // Lists, structs, blobs and the like are compared by their text, the only form rule values can take.
    const lift = (sql: string) =>
      type === 'number'
        ? `CAST(${sql} AS DOUBLE)`
        : type === 'datetime'
          ? `CAST(${sql} AS TIMESTAMPTZ)`
          : type === 'other'
            ? `CAST(${sql} AS VARCHAR)`
            : sql;
    const sqlType =
      type === 'number'
        ? 'DOUBLE'
        : type === 'datetime'
          ? 'TIMESTAMPTZ'
          : type === 'other'
            ? 'VARCHAR'
            : column.type;
    return { column, type, value: lift(id), sqlType, text, lift };
  }
  const value = conversion(text, declared);
  return {
    column,
    type: declared,
    value,
    sqlType: conversionTypes[declared],
    text,
    invalid: `(${id} IS NOT NULL AND (${value}) IS NULL)`,
  };
}

/** DuckDB's type of each conversion's result. */
const conversionTypes: Record<ColumnType, string> = {
  integer: 'HUGEINT',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATE',
  datetime: 'TIMESTAMPTZ',
  string: 'VARCHAR',
};

/** Reads text as a type, stricter than a plain TRY_CAST: `1.5` is no integer, `2024-01-01 10:00` no date. */
function conversion(text: string, type: ColumnType): string {
  switch (type) {
    case 'integer':
      return `CASE WHEN regexp_full_match(trim(${text}), '[+-]?[0-9]+([.]0*)?') THEN TRY_CAST(trim(${text}) AS HUGEINT) END`;
    case 'number':
      return `TRY_CAST(${text} AS DOUBLE)`;
    case 'boolean':
      return `TRY_CAST(${text} AS BOOLEAN)`;
    case 'date':
      return `CASE WHEN TRY_CAST(${text} AS TIMESTAMP) = CAST(TRY_CAST(${text} AS DATE) AS TIMESTAMP) THEN TRY_CAST(${text} AS DATE) END`;
    case 'datetime':
      return `TRY_CAST(${text} AS TIMESTAMPTZ)`;
    case 'string':
      return text;
  }
}

/** SQL literal of a rule value in a column type; undefined when the value can never equal a value of the type. */
export function literal(value: RuleScalar, type: TypeCategory): string | undefined {
  switch (type) {
    case 'integer':
    case 'number':
      if (typeof value === 'bigint') return value.toString();
      if (typeof value !== 'number') return undefined;
      if (Number.isSafeInteger(value)) return String(value);
      // Text cast gives exactly the double the number is (shortest round-trip form), never a DECIMAL.
      return `CAST('${Number.isNaN(value) ? 'nan' : value === Infinity ? 'inf' : value === -Infinity ? '-inf' : String(value)}' AS DOUBLE)`;
    case 'boolean':
      return typeof value === 'boolean' ? String(value).toUpperCase() : undefined;
    case 'date':
    case 'datetime':
      if (misfit(value, type) !== undefined) return undefined;
      return `CAST(${quoteText(String(value))} AS ${type === 'date' ? 'DATE' : 'TIMESTAMPTZ'})`;
    case 'string':
    case 'other':
      return typeof value === 'boolean' ? undefined : quoteText(String(value));
  }
}

/**
 * Above this many exact distinct counts, Aggregates takes them from grouped queries instead of the main scan:
 * DuckDB gives each `count(DISTINCT …)` of one SELECT its own hash table, about 2 MB even for 20 rows, so a
 * query with 5,000 of them needed 11 GB.
 */
export const inlineDistinctLimit = 16;
/** …and only in a query of at most this many other aggregates (a narrow table). */
const inlineDistinctMaxExpressions = 256;

/**
 * Collects aggregate expressions for one SELECT, so every per-column statistic comes from one scan. What each
 * expression costs must not depend on how many others there are, or wide data (thousands of columns) costs the
 * square of its width: no `FILTER` clause (DuckDB hands each filtered aggregate a filtered copy of every column
 * of the scan; use `count_if(c)` or `agg(CASE WHEN c THEN x END)`), and exact distinct counts through `distinct`.
 */
export class Aggregates {
  readonly expressions: string[] = [];
  private readonly distincts: { alias: string; value: string; type: string }[] = [];
  private ranged: { alias: string; value: string; type: string; low: bigint; high: bigint }[] = [];
  /** `prefix` keeps aliases of two queries apart when their results are merged. */
  constructor(private readonly prefix = 'a') {}
  add(sql: string): string {
    const alias = `${this.prefix}${this.expressions.length}`;
    this.expressions.push(`${sql} AS ${alias}`);
    return alias;
  }
  /**
   * The exact number of distinct non-null values of `value`, SQL of DuckDB type `type`. A few are counted in the
   * main scan; more are counted in one grouped query per type (each column's values unnested beside its index),
   * whose one hash table DuckDB can spill, whatever the number of columns.
   */
  distinct(value: string, type: string): string {
    const alias = `${this.prefix}d${this.distincts.length}`;
    this.distincts.push({ alias, value, type });
    return alias;
  }
  /**
   * The exact number of distinct non-null values of an integer `value` expected within [low, high] (a Parquet
   * footer's statistics): one bit per value of the range (`bitstring_agg`), no hash of every row. A value
   * outside the range makes DuckDB fail the query, which then runs again with `distinct`: the statistics only
   * choose the faster way, never the result.
   */
  distinctInRange(value: string, type: string, low: bigint, high: bigint): string {
    const alias = `${this.prefix}r${this.ranged.length}`;
    this.ranged.push({ alias, value, type, low, high });
    return alias;
  }
  /**
   * Runs the query (and the grouped distinct counts). `boundedMemory`: the queries that count distinct values run
   * under DuckDB's memory cap (see withBoundedMemory), so a column of millions of distinct values spills.
   */
  async run(
    table: DataTable,
    options: { boundedMemory?: boolean; relation?: string; ownExpressions?: number } = {},
  ): Promise<Record<string, unknown>> {
    // Inline in a narrow scan only: the memory cap sized for a few columns is too small for a scan of thousands.
    // `ownExpressions`: a companion's aggregates (drift's) do not make the scan wider in that sense.
    const inline =
      this.distincts.length === 0 ||
      (this.distincts.length <= inlineDistinctLimit &&
        (options.ownExpressions ?? this.expressions.length) <= inlineDistinctMaxExpressions);
    const bounded = <T>(work: () => Promise<T>, onOutOfMemory?: () => Promise<T>) =>
      options.boundedMemory && this.distincts.length > 0
        ? withBoundedMemory(table, work, onOutOfMemory)
        : work();
    const row: Record<string, unknown> = {};
    const ranged = this.ranged.map(
      (r) => `bit_count(bitstring_agg(${r.value}, ${r.low}, ${r.high})) AS ${r.alias}`,
    );
    const main = async (withDistincts: boolean) => {
      const expressions = [
        ...(withDistincts
          ? [...this.expressions, ...this.distincts.map((d) => `count(DISTINCT ${d.value}) AS ${d.alias}`)]
          : this.expressions),
        ...ranged,
      ];
      if (expressions.length === 0) return;
      const [first] = await table.query(
        `SELECT ${expressions.join(',\n  ')} FROM ${options.relation || table.relation}`,
      );
      Object.assign(row, first);
    };
    // The distinct counts in a grouped query of their own, which DuckDB spills under the cap.
    const separately = async () => {
      await main(false);
      Object.assign(row, await bounded(() => groupedDistinctCounts(table, this.distincts)));
    };
    try {
      // count(DISTINCT) in the scan cannot spill: when its hash outgrows the cap (15 M distinct ids in a 2 GB
      // CSV), the counts move to the grouped query instead of the scan running again without a cap.
      if (inline) await bounded(() => main(true), separately);
      else await separately();
    } catch (error) {
      const message = String((error as { message?: unknown } | null)?.message);
      if (this.ranged.length === 0 || !/outside of provided min and max range/.test(message)) throw error;
      // The statistics were wrong (or not of these values): count by hashing instead.
      for (const r of this.ranged) this.distincts.push({ alias: r.alias, value: r.value, type: r.type });
      this.ranged = [];
      return this.run(table, options);
    }
    return row;
  }
}

interface IntegerRange {
  low: bigint;
  high: bigint;
}

/** Integer ranges up to this many values are counted on a bitstring (8 MB a state), not a hash of every value. */
const bitstringRangeLimit = 1n << 26n;
/** DuckDB's integer types bitstring_agg takes. */
const bitstringTypes = new Set([
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'UTINYINT',
  'USMALLINT',
  'UINTEGER',
]);

/**
 * The smallest and largest value of integer columns by a Parquet file's footer (the row groups' statistics, read
 * without the data), for `names` that have them in every row group and span at most bitstringRangeLimit
 * values. Empty for other formats; the counts stay exact whatever the statistics say (see distinctInRange).
 */
async function footerIntegerRanges(
  table: DataTable,
  names: readonly string[],
): Promise<Map<string, IntegerRange>> {
  const ranges = new Map<string, IntegerRange>();
  const wanted = names.filter((name) =>
    table.columns.some((column) => column.name === name && bitstringTypes.has(column.type.toUpperCase())),
  );
  if (table.format !== 'parquet' || wanted.length === 0 || !isLiteralForDuckDB(table.path)) return ranges;
  const rows = await table.query(
    `SELECT path_in_schema AS name, count(*) AS groups,
       count(TRY_CAST(stats_min_value AS HUGEINT)) AS lows, count(TRY_CAST(stats_max_value AS HUGEINT)) AS highs,
       CAST(min(TRY_CAST(stats_min_value AS HUGEINT)) AS VARCHAR) AS low,
       CAST(max(TRY_CAST(stats_max_value AS HUGEINT)) AS VARCHAR) AS high
     FROM parquet_metadata(${quoteText(table.path)})
     WHERE path_in_schema IN (${wanted.map(quoteText).join(', ')}) GROUP BY ALL`,
  );
  for (const row of rows) {
    const groups = count(row.groups);
    if (count(row.lows) !== groups || count(row.highs) !== groups || row.low === null || row.high === null)
      continue;
    const low = BigInt(String(row.low));
    const high = BigInt(String(row.high));
    if (high >= low && high - low < bitstringRangeLimit) ranges.set(String(row.name), { low, high });
  }
  return ranges;
}

/** Distinct counts of many expressions: one scan per SQL type, values unnested beside their index. */
async function groupedDistinctCounts(
  table: DataTable,
  distincts: readonly { alias: string; value: string; type: string }[],
): Promise<Record<string, unknown>> {
  const byType = new Map<string, { alias: string; value: string }[]>();
  for (const entry of distincts) {
    const group = byType.get(entry.type) ?? [];
    group.push(entry);
    byType.set(entry.type, group);
  }
  const counts: Record<string, unknown> = {};
  for (const [type, group] of byType) {
    // The explicit cast keeps the list's element type the expressions' own (no widening to a common type).
    const values = group.map((entry) => `CAST(${entry.value} AS ${type})`).join(', ');
    const rows = await table.query(
      `SELECT c, count(DISTINCT v) AS n FROM (SELECT unnest(range(${group.length})) AS c, unnest([${values}]) AS v FROM ${table.relation}) GROUP BY c`,
    );
    for (const entry of group) counts[entry.alias] = 0n;
    for (const row of rows) {
      const entry = group[count(row.c)];
      if (entry) counts[entry.alias] = row.n;
    }
  }
  return counts;
}

/** A count or other whole number from DuckDB (bigint) as a number. */
export function count(value: unknown): number {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  return 0;
}

/** A value from DuckDB made fit for JSON and YAML: bigints as numbers where exact, dates as text. */
export function plain(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

function examplesOf(value: unknown): unknown[] {
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  const examples: unknown[] = [];
  for (const item of value.map(plain)) {
    const key = JSON.stringify(item);
    if (seen.has(key)) continue;
    seen.add(key);
    examples.push(item);
  }
  return examples;
}

export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(plain(value)) ?? String(value);
}

function showList(values: readonly unknown[]): string {
  return values.map(show).join(', ');
}

/** The min/max of the values in the rule's type; on the column as read when its cast keeps order. */
function extremeSql(values: ColumnValues, aggregate: 'min' | 'max'): string {
  return values.lift
    ? values.lift(`${aggregate}(${quoteIdentifier(values.column.name)})`)
    : `${aggregate}(${values.value})`;
}

/** The min/max observed, in the rule's terms: numbers for numeric columns, text for dates. */
function observedBoundSql(values: ColumnValues, extreme: string): string {
  if (values.type === 'number') return extreme;
  return `CAST(${extreme} AS VARCHAR)`;
}

function observedBound(raw: unknown, type: TypeCategory): unknown {
  if (raw === null || raw === undefined) return undefined;
  if (type === 'integer' && typeof raw === 'string') {
    const big = BigInt(raw);
    return plain(big);
  }
  return plain(raw);
}

interface Statistics {
  rows: number;
  get(alias: string | undefined): unknown;
}

interface PlannedColumn {
  spec: ColumnSpec;
  values: ColumnValues;
  aliases: Record<string, string>;
  /** Example values to fetch when a count is not zero: [count key, examples key, aggregate SQL]. */
  examples: [string, string, string][];
  /** Bound violations to count when the observed extreme breaks the bound: [breach key, count key, SQL]. */
  violations: [string, string, string][];
  /** Distinct values to count when a count is not zero: [count key, distinct key, value SQL, its SQL type]. */
  distinctWhenFound: [string, string, string, string][];
  /** Per rule name: what is true on the rows that break it. */
  failing: Record<string, string>;
}

/**
 * Work done in the checks' scan beside them (drift's profile of the data): `plan` adds its aggregates and returns
 * the reader of the result row, or undefined to stay out; the scan then reads `relation` (the data with columns
 * the companion's aggregates use) when set.
 */
export interface ScanCompanion {
  relation: string;
  plan(aggregates: Aggregates): ((row: Record<string, unknown>) => void) | undefined;
}

/** A scan of the companion's aggregates alone (no schema to check); false when it declined. */
export async function scanCompanion(table: DataTable, companion: ScanCompanion): Promise<boolean> {
  const aggregates = new Aggregates();
  const read = companion.plan(aggregates);
  if (!read) return false;
  read(await aggregates.run(table, { relation: companion.relation }));
  return true;
}

export interface CheckOutcome {
  checks: DataCheck[];
  rows: number;
  /** The column whose values name failing rows; absent when the schema declares none or the data lacks it. */
  key?: string;
}

/**
 * Checks the data against the schema: one scan computes every per-column statistic; only when rules find
 * violations, one more scan fetches their example values and one query per failed unique rule the repeated
 * values; each compound key takes one grouping query. Every violation is reported, none stops the rest.
 * When any rule failed on rows, one last scan finds the first rows of each (see failingRows).
 */
export async function checkData(
  table: DataTable,
  schema: DataSchema,
  companion?: ScanCompanion,
): Promise<CheckOutcome & { alongside: boolean }> {
  await checkPatterns(table, schema);
  const present = new Map(table.columns.map((column) => [column.name, column]));
  const ranges = await footerIntegerRanges(
    table,
    schema.columns.filter((spec) => spec.unique?.value).map((spec) => spec.name),
  );
  const aggregates = new Aggregates();
  const rowsAlias = aggregates.add('count(*)');
  const planned = new Map<string, PlannedColumn>();
  for (const spec of schema.columns) {
    const column = present.get(spec.name);
    if (!column) continue;
    const values = columnValues(column, spec.type?.value);
    const followUps = {
      examples: [] as PlannedColumn['examples'],
      violations: [] as PlannedColumn['violations'],
      distinctWhenFound: [] as PlannedColumn['distinctWhenFound'],
    };
    const failing: PlannedColumn['failing'] = {};
    planned.set(spec.name, {
      spec,
      values,
      aliases: planAggregates(aggregates, spec, values, followUps, failing, ranges),
      ...followUps,
      failing,
    });
  }
  const unique = schema.columns.some((spec) => spec.unique?.value && planned.has(spec.name));
  const ownExpressions = aggregates.expressions.length;
  const readCompanion = companion?.plan(aggregates);
  const row = await aggregates.run(table, {
    boundedMemory: unique,
    ownExpressions,
    ...(readCompanion && companion ? { relation: companion.relation } : {}),
  });
  readCompanion?.(row);
  // Examples and bound violations cost a scan of their own, so they are fetched only for rules that found
  // something: a bound is broken exactly when the observed min or max breaks it.
  const followUp = new Aggregates('e');
  for (const plan of planned.values()) {
    for (const [breachKey, countKey, sql] of plan.violations) {
      if (row[plan.aliases[breachKey] ?? ''] === true) plan.aliases[countKey] = followUp.add(sql);
    }
    for (const [countKey, examplesKey, sql] of plan.examples) {
      if (count(row[plan.aliases[countKey] ?? '']) > 0) plan.aliases[examplesKey] = followUp.add(sql);
    }
    for (const [countKey, distinctKey, value, type] of plan.distinctWhenFound) {
      if (count(row[plan.aliases[countKey] ?? '']) > 0)
        plan.aliases[distinctKey] = followUp.distinct(value, type);
    }
  }
  Object.assign(row, await followUp.run(table));
  const statistics: Statistics = {
    rows: count(row[rowsAlias]),
    get: (alias) => (alias ? row[alias] : undefined),
  };

  const checks: DataCheck[] = [];
  const rowQueries = new Map<DataCheck, RowQuery>();
  for (const spec of schema.columns) {
    const plan = planned.get(spec.name);
    for (const found of await columnChecks(table, schema, spec, plan, statistics)) {
      checks.push(found);
      const where = plan?.failing[found.name];
      if (plan && where && found.status !== 'passed') {
        rowQueries.set(found, { where, value: shownValue(plan.values.column) });
      }
    }
  }
  checks.push(...(await tableChecks(table, schema, statistics.rows, rowQueries)));
  const key = keyColumns(schema).find((candidate) => present.has(candidate.name))?.name;
  await failingRows(table, rowQueries, key === undefined ? undefined : present.get(key));
  return {
    checks,
    rows: statistics.rows,
    ...(key === undefined ? {} : { key }),
    alongside: readCompanion !== undefined,
  };
}

/** A value from DuckDB made fit for JSON, a struct's fields too (a compound key's values). */
function plainStruct(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, plain(item)]));
  }
  return plain(value);
}

/** SQL of a column's value as example rows show it: numbers, booleans and text as they are, others as text. */
function shownValue(column: DataColumn): string {
  const id = quoteIdentifier(column.name);
  return ['integer', 'number', 'boolean', 'string'].includes(categoryOf(column.type))
    ? id
    : `CAST(${id} AS VARCHAR)`;
}

/** The row number DuckDB gives each row, in file order; named so no data column is likely to take it. */
const rowNumberColumn = '__mlci_row_number';

/**
 * Fills in the first `exampleCount` rows of each failed check, in file order, from one scan: a top-N aggregate
 * per check (`min_by(…, row, N)` keeps N rows each, whatever the number of failures). One scan for all checks
 * rather than a LIMIT query per check: a file with many failed rules is read once, not once per rule. Rows are
 * numbered by `row_number() OVER ()`, which DuckDB computes streaming and in the file's order (insertion order
 * is preserved). CSV/TSV rows are then mapped to their lines by a streamed pass over the file's head.
 */
async function failingRows(
  table: DataTable,
  queries: ReadonlyMap<DataCheck, RowQuery>,
  key: DataColumn | undefined,
): Promise<void> {
  if (queries.size === 0) return;
  const keySql = key === undefined ? 'NULL' : shownValue(key);
  const rowId = quoteIdentifier(rowNumberColumn);
  const aggregates = new Aggregates('r');
  const aliases = new Map<DataCheck, string>();
  for (const [found, query] of queries) {
    aliases.set(
      found,
      aggregates.add(
        `min_by({row: ${rowId}, key: ${keySql}, value: ${query.value}}, CASE WHEN ${query.where} THEN ${rowId} END, ${exampleCount})`,
      ),
    );
  }
  const numbered: DataTable = {
    ...table,
    relation: `(SELECT row_number() OVER () AS ${rowId}, * FROM ${table.relation})`,
  };
  const result = await aggregates.run(numbered);
  const found = new Map<DataCheck, FailingRow[]>();
  for (const [check, alias] of aliases) {
    const rows = ((result[alias] as { row: unknown; key: unknown; value: unknown }[] | null) ?? []).map(
      (item) => ({
        row: count(item.row),
        ...(key === undefined ? {} : { key: plain(item.key) }),
        value: plainStruct(item.value),
      }),
    );
    if (rows.length > 0) found.set(check, rows);
  }
  if (table.format === 'csv' || table.format === 'tsv') {
    const wanted = [...found.values()].flatMap((rows) => rows.map((item) => item.row));
    const lines = csvRowLines(table.path, table.format === 'tsv' ? '\t' : ',', wanted);
    for (const rows of found.values()) {
      for (const item of rows) {
        const line = lines.get(item.row);
        if (line !== undefined) item.line = line;
      }
    }
  }
  for (const [check, rows] of found) {
    check.rows = rows.map(({ row, line, ...rest }) => ({
      row,
      ...(line === undefined ? {} : { line }),
      ...rest,
    }));
  }
}

/**
 * DuckDB memory per thread for a query with `count(DISTINCT ...)`, whose hash set holds every distinct value:
 * beyond this, DuckDB spills it to a temporary directory, so peak memory stays flat however large the file.
 * Text readers (CSV, TSV, JSON lines) need more of it than the Parquet one (2 threads: CSV fails at 128 MB, not at 192 MB; Parquet
 * fails at 64 MB, not at 128 MB).
 */
export const distinctMemoryPerThreadMB = { text: 96, parquet: 64 };
/** What a scan needs per column and thread beyond that (DuckDB's vectors), so wide data spills rather than fails. */
const scanMemoryPerColumnKB = 64;

/**
 * Runs `work` with DuckDB's memory capped, so it spills, then lifts the cap. Should the cap be too small for some
 * part of the query that cannot spill, `onOutOfMemory` runs instead (a way that spills), else the query runs again
 * without the cap: slower to find out, never a wrong or failed result.
 */
async function withBoundedMemory<T>(
  table: DataTable,
  work: () => Promise<T>,
  onOutOfMemory?: () => Promise<T>,
): Promise<T> {
  const [setting] = await table.evaluate(
    `SELECT current_setting('memory_limit') AS m, current_setting('threads') AS threads`,
  );
  // RESET does not restore the limit: set back the one in force.
  const restore = `SET memory_limit = ${quoteText(String(setting?.m))}`;
  // It spills to the connection's temporary directory (see withDatasets).
  // Plus a vector per column read (2,048 values): a scan of 5,000 CSV columns fails under 192 MB, not under 320.
  const perThread =
    distinctMemoryPerThreadMB[table.format === 'parquet' ? 'parquet' : 'text'] +
    Math.ceil((table.columns.length * scanMemoryPerColumnKB) / 1024);
  const limit = perThread * Math.max(1, count(setting?.threads));
  await table.evaluate(`SET memory_limit = '${limit}MB'`);
  try {
    return await work();
  } catch (error) {
    if (!/^Out of Memory Error/.test(String((error as { message?: unknown } | null)?.message))) throw error;
    await table.evaluate(restore);
    return await (onOutOfMemory ?? work)();
  } finally {
    await table.evaluate(restore);
  }
}

/** A bad regular expression is the schema's fault: say so with its line before reading any data. */
async function checkPatterns(table: DataTable, schema: DataSchema): Promise<void> {
  for (const spec of schema.columns) {
    if (!spec.regex) continue;
    try {
      await table.evaluate(`SELECT regexp_full_match('', ${quoteText(spec.regex.value)})`);
    } catch (error) {
      const where = spec.regex.line === undefined ? '' : `:${spec.regex.line}`;
      const message = String((error as { message?: unknown } | null)?.message ?? error);
      const reason = firstLine(message).replace(/^[A-Za-z ]+ Error: /, '');
      throw new InputError(
        `${schema.file}${where}: columns.${spec.name}.regex: invalid regular expression: ${reason}`,
      );
    }
  }
}

function planAggregates(
  aggregates: Aggregates,
  spec: ColumnSpec,
  values: ColumnValues,
  followUps: Pick<PlannedColumn, 'examples' | 'violations' | 'distinctWhenFound'>,
  failing: PlannedColumn['failing'],
  ranges: ReadonlyMap<string, IntegerRange>,
): Record<string, string> {
  const { examples, violations, distinctWhenFound } = followUps;
  const sample = (sql: string, where: string) => `min(CASE WHEN ${where} THEN ${sql} END, ${exampleCount})`;
  const id = quoteIdentifier(values.column.name);
  const aliases: Record<string, string> = {};
  aliases.nonNull = aggregates.add(`count(${id})`);
  failing.nullable = `${id} IS NULL`;
  failing.max_null_fraction = `${id} IS NULL`;
  if (spec.type && values.invalid) {
    failing.type = values.invalid;
    aliases.invalid = aggregates.add(`count_if(${values.invalid})`);
    examples.push(['invalid', 'invalidExamples', sample(values.text, values.invalid)]);
  }
  const bounded = boundable(values.type);
  for (const key of ['min', 'max'] as const) {
    const bound = spec[key];
    if (!bound || !bounded) continue;
    const sql = literal(bound.value, values.type);
    if (sql === undefined) continue;
    const extreme = extremeSql(values, key);
    const beyond = key === 'min' ? '<' : '>';
    aliases[key] = aggregates.add(observedBoundSql(values, extreme));
    aliases[`${key}Breached`] = aggregates.add(`(${extreme} ${beyond} ${sql})`);
    violations.push([`${key}Breached`, `${key}Violations`, `count_if(${values.value} ${beyond} ${sql})`]);
    failing[key] = `${values.value} ${beyond} ${sql}`;
  }
  if (spec.allowed) {
    const allowed = spec.allowed.value
      .map((value) => literal(value, values.type))
      .filter((sql) => sql !== undefined);
    // Text through list_contains, which DuckDB runs once per dictionary entry of a dictionary-encoded column
    // (Parquet's low-cardinality text): 10x faster than NOT IN, which compares every row; NULL stays NULL.
    const outside =
      allowed.length === 0
        ? `${values.value} IS NOT NULL`
        : values.type === 'string'
          ? `NOT list_contains([${allowed.join(', ')}], ${values.value})`
          : `${values.value} NOT IN (${allowed.join(', ')})`;
    failing.allowed = outside;
    aliases.notAllowed = aggregates.add(`count_if(${outside})`);
    // Counted only when values are not allowed: a distinct count costs a hash of every row.
    distinctWhenFound.push([
      'notAllowed',
      'notAllowedDistinct',
      `CASE WHEN ${outside} THEN ${values.value} END`,
      values.sqlType,
    ]);
    examples.push(['notAllowed', 'notAllowedExamples', sample(`CAST(${values.value} AS VARCHAR)`, outside)]);
  }
  if (spec.regex) {
    // NULL for a null value: neither counted nor sampled.
    const mismatch = `NOT regexp_full_match(${values.text}, ${quoteText(spec.regex.value)})`;
    failing.regex = mismatch;
    aliases.mismatched = aggregates.add(`count_if(${mismatch})`);
    examples.push(['mismatched', 'mismatchedExamples', sample(values.text, mismatch)]);
  }
  if (spec.unique?.value) {
    // Without a conversion every non-null value has the type: its count is the non-null count.
    aliases.typed = values.invalid ? aggregates.add(`count(${values.value})`) : aliases.nonNull;
    const range = ranges.get(values.column.name);
    aliases.distinct =
      // The bitmap takes the column's own integers: not a declared `number`'s doubles.
      range && !values.invalid && bitstringTypes.has(values.sqlType.toUpperCase())
        ? aggregates.distinctInRange(values.value, values.sqlType, range.low, range.high)
        : aggregates.distinct(values.value, values.sqlType);
  }
  return aliases;
}

function boundable(type: TypeCategory): boolean {
  return type === 'integer' || type === 'number' || type === 'date' || type === 'datetime';
}

function bigintSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return plain(value);
  if (Array.isArray(value)) return value.map(bigintSafe);
  return value;
}

function check(
  schema: DataSchema,
  name: string,
  column: string | undefined,
  rule: Rule<unknown>,
  ok: boolean,
  message: string,
  expected?: unknown,
  observed?: unknown,
): Check {
  return {
    name,
    ...(column === undefined ? {} : { column }),
    status: ok ? 'passed' : rule.severity === 'error' ? 'failed' : 'warned',
    severity: rule.severity,
    message,
    ...(expected === undefined ? {} : { expected: bigintSafe(expected) }),
    ...(observed === undefined ? {} : { observed: bigintSafe(observed) }),
    location: { file: schema.file, ...(rule.line === undefined ? {} : { line: rule.line }) },
  };
}

async function columnChecks(
  table: DataTable,
  schema: DataSchema,
  spec: ColumnSpec,
  plan: PlannedColumn | undefined,
  statistics: Statistics,
): Promise<Check[]> {
  const name = spec.name;
  if (!plan) {
    return [
      spec.required.value
        ? check(
            schema,
            'required',
            name,
            spec.required,
            false,
            'column is missing from the data',
            'present',
            'absent',
          )
        : check(
            schema,
            'required',
            name,
            spec.required,
            true,
            'optional column is absent; its rules were not checked',
            'optional',
            'absent',
          ),
    ];
  }
  const { values, aliases } = plan;
  const get = (key: string) => statistics.get(aliases[key]);
  const rows = statistics.rows;
  const nonNull = count(get('nonNull'));
  const nulls = rows - nonNull;
  const checks: Check[] = [
    check(
      schema,
      'required',
      name,
      spec.required,
      true,
      'column is present',
      spec.required.value ? 'present' : 'optional',
      'present',
    ),
  ];

  if (spec.type) {
    const declared = spec.type.value;
    if (!values.invalid) {
      checks.push(
        check(
          schema,
          'type',
          name,
          spec.type,
          true,
          `read as ${values.column.type}`,
          declared,
          values.column.type,
        ),
      );
    } else {
      const invalid = count(get('invalid'));
      const examples = examplesOf(get('invalidExamples'));
      checks.push(
        invalid === 0
          ? check(
              schema,
              'type',
              name,
              spec.type,
              true,
              `all ${plural(nonNull, 'value')} read as ${declared}`,
              declared,
              values.column.type,
            )
          : check(
              schema,
              'type',
              name,
              spec.type,
              false,
              `${invalid} of ${plural(nonNull, 'value')} ${invalid === 1 ? 'is' : 'are'} not ${declared}, e.g. ${showList(examples)}`,
              declared,
              { type: values.column.type, invalid, examples },
            ),
      );
    }
  }

  if (spec.nullable && !spec.nullable.value) {
    checks.push(
      check(
        schema,
        'nullable',
        name,
        spec.nullable,
        nulls === 0,
        nulls === 0 ? 'no nulls' : `${nulls} of ${plural(rows, 'value')} ${nulls === 1 ? 'is' : 'are'} null`,
        0,
        nulls,
      ),
    );
  }
  if (spec.maxNullFraction) {
    const fraction = rows === 0 ? 0 : nulls / rows;
    const limit = spec.maxNullFraction.value;
    checks.push(
      check(
        schema,
        'max_null_fraction',
        name,
        spec.maxNullFraction,
        fraction <= limit,
        `${nulls} of ${plural(rows, 'value')} ${nulls === 1 ? 'is' : 'are'} null (${percent(fraction)}; at most ${percent(limit)} allowed)`,
        limit,
        Number(fraction.toPrecision(6)),
      ),
    );
  }

  for (const key of ['min', 'max'] as const) {
    const bound = spec[key];
    if (!bound) continue;
    const expected = bigintSafe(bound.value);
    if (!boundable(values.type)) {
      checks.push(
        check(
          schema,
          key,
          name,
          bound,
          false,
          `${key} needs an integer, number, date or datetime column; the column reads as ${values.column.type} (declare its type)`,
          expected,
        ),
      );
      continue;
    }
    if (aliases[key] === undefined) {
      checks.push(
        check(
          schema,
          key,
          name,
          bound,
          false,
          `${key} ${show(bound.value)} cannot be compared with a ${values.type} column`,
          expected,
        ),
      );
      continue;
    }
    const observed = observedBound(get(key), values.type);
    const violations = count(get(`${key}Violations`));
    const word = key === 'min' ? 'smallest' : 'largest';
    const message =
      observed === undefined
        ? 'no values to compare'
        : violations === 0
          ? `${word} value ${show(observed)} is within ${key} ${show(bound.value)}`
          : `${plural(violations, 'value')} ${key === 'min' ? 'below the minimum' : 'above the maximum'} ${show(bound.value)} (${word} ${show(observed)})`;
    checks.push(check(schema, key, name, bound, violations === 0, message, expected, observed));
  }

  if (spec.allowed) {
    const outside = count(get('notAllowed'));
    const distinct = count(get('notAllowedDistinct'));
    const examples = examplesOf(get('notAllowedExamples'));
    checks.push(
      check(
        schema,
        'allowed',
        name,
        spec.allowed,
        outside === 0,
        outside === 0
          ? 'all values are allowed'
          : `${plural(outside, 'row')} ${outside === 1 ? 'has a value' : 'have values'} not in the allowed list (${plural(distinct, 'distinct value')}), e.g. ${showList(examples)}`,
        spec.allowed.value,
        outside === 0 ? undefined : examples,
      ),
    );
  }

  if (spec.regex) {
    const mismatched = count(get('mismatched'));
    const examples = examplesOf(get('mismatchedExamples'));
    checks.push(
      check(
        schema,
        'regex',
        name,
        spec.regex,
        mismatched === 0,
        mismatched === 0
          ? 'all values match'
          : `${plural(mismatched, 'value')} ${mismatched === 1 ? 'does' : 'do'} not match, e.g. ${showList(examples)}`,
        spec.regex.value,
        mismatched === 0 ? undefined : examples,
      ),
    );
  }

  if (spec.unique?.value) {
    const repeated = count(get('typed')) - count(get('distinct'));
    if (repeated === 0) {
      checks.push(check(schema, 'unique', name, spec.unique, true, 'all values are distinct', true));
    } else {
      // Numbers and text show as themselves; dates as their text rather than a JS Date.
      const shown = ['integer', 'number', 'boolean', 'string'].includes(values.type)
        ? values.value
        : `CAST(${values.value} AS VARCHAR)`;
      const found = await duplicates(table, [values.value], `[${shown}]`);
      const examples = found.examples;
      if (found.rowsWhere) plan.failing.unique = found.rowsWhere;
      checks.push(
        check(
          schema,
          'unique',
          name,
          spec.unique,
          false,
          `${plural(repeated, 'row repeats', 'rows repeat')} a value, e.g. ${examples.map((e) => `${show(e.key[0])} (${e.count} times)`).join(', ')}`,
          true,
          examples.map((e) => ({ value: e.key[0], count: e.count })),
        ),
      );
    }
  }
  return checks;
}

interface DuplicateKey {
  key: unknown[];
  count: number;
}

/**
 * Repeated keys, from one grouping query; rows with a null in the key are not compared. `key` is the SQL list a
 * key is shown as (by default its columns as text). `rowsWhere`: SQL true on the rows of the example keys.
 */
async function duplicates(
  table: DataTable,
  keySql: readonly string[],
  key = `[${keySql.map((sql) => `CAST(${sql} AS VARCHAR)`).join(', ')}]`,
): Promise<{ keys: number; surplus: number; examples: DuplicateKey[]; rowsWhere?: string }> {
  const notNull = keySql.map((sql) => `${sql} IS NOT NULL`).join(' AND ');
  // The key as text too, to find its rows again by plain equality of text, whatever its type; and to order keys
  // repeated as often (max_by alone picks among them by scan order, which threads make vary from run to run).
  const text = `[${keySql.map((sql) => `CAST(${sql} AS VARCHAR)`).join(', ')}]`;
  const [row] = await table.query(
    `SELECT count(*) AS keys, coalesce(sum(n - 1), 0) AS surplus, max_by(struct_pack(k := k, t := t, n := n), struct_pack(n := n, t := t), ${exampleCount}) AS examples
     FROM (SELECT ${key} AS k, ${text} AS t, count(*) AS n FROM ${table.relation} WHERE ${notNull} GROUP BY ALL HAVING count(*) > 1)`,
  );
  const examples = (row?.examples as { k: unknown[]; t: string[]; n: unknown }[] | null) ?? [];
  const texts = examples.map((example) => `[${example.t.map((item) => quoteText(item)).join(', ')}]`);
  return {
    keys: count(row?.keys),
    surplus: count(row?.surplus),
    examples: examples.map((example) => ({ key: example.k.map(plain), count: count(example.n) })),
    ...(texts.length === 0 ? {} : { rowsWhere: `${text} IN (${texts.join(', ')})` }),
  };
}

function percent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(3))}%`;
}

async function tableChecks(
  table: DataTable,
  schema: DataSchema,
  rows: number,
  rowQueries: Map<DataCheck, RowQuery>,
): Promise<DataCheck[]> {
  const checks: DataCheck[] = [];
  const spec = schema.table;
  const mode = spec.columns.value;
  if (mode !== 'subset') {
    const declared = new Set(schema.columns.map((column) => column.name));
    const extra = table.columns.map((column) => column.name).filter((name) => !declared.has(name));
    let message =
      extra.length === 0
        ? 'no columns beyond the schema'
        : `${plural(extra.length, 'column')} not in the schema: ${showList(extra.slice(0, 10))}${extra.length > 10 ? ', …' : ''}`;
    let ok = extra.length === 0;
    const observed: Record<string, unknown> = { extra };
    if (mode === 'ordered') {
      const inData = table.columns.map((column) => column.name).filter((name) => declared.has(name));
      const inDataNames = new Set(inData);
      const inSchema = schema.columns.map((column) => column.name).filter((name) => inDataNames.has(name));
      const at = inSchema.findIndex((name, index) => inData[index] !== name);
      if (at >= 0) {
        ok = false;
        observed.order = inData;
        const order = `columns are out of the schema's order: expected ${show(inSchema[at])} at position ${at + 1}, found ${show(inData[at])}`;
        message = extra.length === 0 ? order : `${message}; ${order}`;
      } else if (ok) {
        message = "columns are the schema's, in its order";
      }
    }
    checks.push(check(schema, 'columns', undefined, spec.columns, ok, message, mode, observed));
  }
  if (spec.rowsMin) {
    const ok = rows >= spec.rowsMin.value;
    checks.push(
      check(
        schema,
        'rows.min',
        undefined,
        spec.rowsMin,
        ok,
        `${plural(rows, 'row')}${ok ? '' : `, fewer than ${spec.rowsMin.value}`}`,
        spec.rowsMin.value,
        rows,
      ),
    );
  }
  if (spec.rowsMax) {
    const ok = rows <= spec.rowsMax.value;
    checks.push(
      check(
        schema,
        'rows.max',
        undefined,
        spec.rowsMax,
        ok,
        `${plural(rows, 'row')}${ok ? '' : `, more than ${spec.rowsMax.value}`}`,
        spec.rowsMax.value,
        rows,
      ),
    );
  }
  const present = new Set(table.columns.map((column) => column.name));
  for (const key of spec.unique) {
    const name = `unique(${key.value.join(', ')})`;
    const missing = key.value.filter((column) => !present.has(column));
    if (missing.length > 0) {
      checks.push(
        check(
          schema,
          name,
          undefined,
          key,
          false,
          `key ${plural(missing.length, 'column')} missing from the data: ${showList(missing)}`,
          key.value,
        ),
      );
      continue;
    }
    const found = await duplicates(table, key.value.map(quoteIdentifier));
    const keyCheck: DataCheck =
      found.surplus === 0
        ? check(schema, name, undefined, key, true, 'no two rows share a key', key.value)
        : check(
            schema,
            name,
            undefined,
            key,
            false,
            `${plural(found.keys, 'key')} repeated (${plural(found.surplus, 'extra row')}), e.g. ${found.examples.map((e) => `${show(e.key)} (${e.count} times)`).join(', ')}`,
            key.value,
            found.examples,
          );
    checks.push(keyCheck);
    if (found.rowsWhere) {
      // A struct, not a list: the key's columns may have different types.
      const values = key.value.map((column) => {
        const data = table.columns.find((candidate) => candidate.name === column);
        return `${quoteText(column)}: ${data ? shownValue(data) : 'NULL'}`;
      });
      rowQueries.set(keyCheck, { where: found.rowsWhere, value: `{${values.join(', ')}}` });
    }
  }
  return checks;
}
