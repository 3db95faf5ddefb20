// biome-ignore-all lint/style/noNonNullAssertion: the loops index typed arrays inside their bounds
import type { Logger } from '../../platform/platform';
import type { DataTable } from '../validate-data/data';
import { loadDuckDB } from '../validate-data/duckdb';

/**
 * One column of a query's result. Numbers come as a Float64Array straight from DuckDB's vectors (a million rows
 * in milliseconds, where one JavaScript value per cell costs most of a second and its garbage); anything else as
 * the JavaScript values @duckdb/node-api gives (getColumnsObjectJS's).
 */
export type ReadColumn =
  | {
      kind: 'numbers';
      values: Float64Array;
      /** 1 where the cell is null (values holds NaN there); undefined when no cell is. */
      nulls: Uint8Array | undefined;
    }
  | { kind: 'values'; values: unknown[] };

/** Integer types wider than a double's 53-bit mantissa: read as numbers only when every value fits. */
const wideInteger = /^(BIGINT|UBIGINT|HUGEINT|UHUGEINT)/;
const exactLimit = 2 ** 53;

export interface ColumnRequest {
  /** The SQL expression of the column. */
  sql: string;
  /** DuckDB's type of the expression; numeric ones are read as DOUBLE into a Float64Array. */
  type: string;
  numeric: boolean;
}

/**
 * Reads `columns` of `relation` in one query, in row order. A numeric column is cast to DOUBLE in DuckDB and
 * read as numbers; a wide integer column holding a value a double cannot hold exactly (|x| >= 2^53) is read
 * again as JavaScript values (bigints), so no two distinct values ever share a number.
 */
export async function readTypedColumns(
  table: DataTable,
  columns: readonly ColumnRequest[],
  logger: Logger,
): Promise<ReadColumn[]> {
  const read = (asNumbers: readonly boolean[]) => {
    const select = columns
      .map((column, i) => `${asNumbers[i] ? `CAST(${column.sql} AS DOUBLE)` : column.sql} AS c${i}`)
      .join(', ');
    return readResult(table, `SELECT ${select} FROM ${table.relation}`, asNumbers, logger);
  };
  const asNumbers = columns.map((column) => column.numeric);
  const first = await read(asNumbers);
  const inexact = first.map(
    (column, i) =>
      column.kind === 'numbers' && wideInteger.test(columns[i]!.type) && !fitsExactly(column.values),
  );
  if (!inexact.some(Boolean)) return first;
  return read(asNumbers.map((numbers, i) => numbers && !inexact[i]));
}

function fitsExactly(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (Math.abs(values[i]!) >= exactLimit) return false;
  return true;
}

async function readResult(
  table: DataTable,
  sql: string,
  asNumbers: readonly boolean[],
  logger: Logger,
): Promise<ReadColumn[]> {
  const result = await table.readResult(sql);
  const rows = result.rowCount;
  const out: ReadColumn[] = asNumbers.map((numbers) =>
    numbers
      ? { kind: 'numbers', values: new Float64Array(rows), nulls: undefined }
      : { kind: 'values', values: new Array<unknown>(rows) },
  );
  const converter = asNumbers.every(Boolean) ? undefined : (await loadDuckDB(logger)).JSDuckDBValueConverter;
  let at = 0;
  for (let k = 0; k < result.chunkCount; k++) {
    const chunk = result.getChunk(k);
    const count = chunk.rowCount;
    out.forEach((column, c) => {
      if (column.kind === 'values') {
        const values = chunk.convertColumnValues(c, converter!);
        for (let i = 0; i < count; i++) column.values[at + i] = values[i];
        return;
      }
      const vector = chunk.getColumnVector(c);
      const values = column.values;
      // A chunk without nulls is copied whole from the vector's data (@duckdb/node-api's DuckDBDoubleVector keeps
      // it in `items`, its validity mask in `validity.data`, null when every row is valid); else cell by cell.
      const { items, validity } = vector as unknown as { items?: unknown; validity?: { data?: unknown } };
      // Checked by tag, not instanceof: the vector may come from another realm (jest's).
      const doubles = Object.prototype.toString.call(items) === '[object Float64Array]';
      if (doubles && (items as Float64Array).length === count && validity?.data === null) {
        values.set(items as Float64Array, at);
        return;
      }
      for (let i = 0; i < count; i++) {
        const value = vector.getItem(i) as number | null;
        if (value === null) {
          column.nulls ??= new Uint8Array(rows);
          column.nulls[at + i] = 1;
          values[at + i] = Number.NaN;
        } else values[at + i] = value;
      }
    });
    at += count;
  }
  return out;
}

/** The 0-based row of the column's first null cell, or -1. */
export function firstNull(column: ReadColumn): number {
  if (column.kind === 'numbers') return column.nulls ? column.nulls.indexOf(1) : -1;
  return column.values.findIndex((value) => value === null || value === undefined);
}

/** The column's distinct values (null for a missing cell) in the order they first appear. */
export function distinctValues(column: ReadColumn): unknown[] {
  const seen = new Set<unknown>();
  if (column.kind === 'values') {
    for (const value of column.values) seen.add(value === undefined ? null : value);
    return [...seen];
  }
  const { values, nulls } = column;
  let last = Number.NaN;
  for (let i = 0; i < values.length; i++) {
    if (nulls?.[i]) {
      seen.add(null);
      continue;
    }
    const value = values[i]!;
    // Runs of one value (sorted or constant columns) cost one comparison a row.
    if (value === last) continue;
    seen.add(value);
    last = value;
  }
  return [...seen];
}

/** The code of each row: `code` maps each distinct value (null for a missing cell) to its code. */
export function codesOf(column: ReadColumn, code: ReadonlyMap<unknown, number>): Int32Array {
  if (column.kind === 'values')
    return Int32Array.from(column.values, (value) => code.get(value === undefined ? null : value) as number);
  const { values, nulls } = column;
  const codes = new Int32Array(values.length);
  const missing = code.get(null) ?? -1;
  // A few classes (two, mostly) are found by comparing, faster than a Map lookup a row; NaN by the Map.
  const few = [...code.keys()].filter((key): key is number => typeof key === 'number' && !Number.isNaN(key));
  const fewValues = Float64Array.from(few.length <= 8 ? few : []);
  const fewCodes = Int32Array.from(fewValues, (value) => code.get(value) as number);
  for (let i = 0; i < values.length; i++) {
    if (nulls?.[i]) {
      codes[i] = missing;
      continue;
    }
    const value = values[i]!;
    let at = 0;
    while (at < fewValues.length && fewValues[at] !== value) at++;
    codes[i] = at < fewValues.length ? fewCodes[at]! : (code.get(value) as number);
  }
  return codes;
}

/** The values as numbers, a missing cell as NaN. */
export function numbersOf(column: ReadColumn): Float64Array {
  if (column.kind === 'numbers') return column.values;
  return Float64Array.from(column.values, (value) =>
    value === null || value === undefined ? Number.NaN : Number(value),
  );
}
