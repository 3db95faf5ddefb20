/**
 * Data profiles: what drift needs to know about a data set, small enough to pin in git or pass between CI jobs.
 *
 * A profile holds, per column, its DuckDB type, counts and nulls; for numeric columns min, max, mean, standard
 * deviation, a histogram on exact percentile bin edges (the elements DuckDB's `quantile_disc` picks, never the
 * approximate quantiles that change between runs) and, for data sets of at most `rawValueRows` rows, the values
 * themselves so KS and Wasserstein stay exact against a profile; for categorical columns the category frequencies,
 * unless the column has more than `countedCategoriesLimit` distinct values (free text, keys). The same data gives
 * the same bytes: keys in fixed order, no timestamps, floating-point moments rounded to 12 significant digits
 * (parallel summation may vary in the last bits).
 */
import * as z from 'zod';
import { InputError } from '../../errors';
import { parseJson } from '../../io/json';
import { readInputFile } from '../../io/read-input';
import { type Aggregates, categoryOf, count, type ScanCompanion } from './checks';
import { type DataTable, quoteIdentifier } from './data';
import { type DataFormat, dataFormats } from './input';

/** Percentile bins of a numeric column's histogram. */
export const profileBins = 100;
/** Data sets with at most this many rows keep their numeric values in the profile (exact KS and Wasserstein). */
export const rawValueRows = 1000;
/** Categories kept per column, the most frequent first; the rest are counted as `other`. */
export const maxProfileCategories = 10000;

export type ColumnKind = 'numeric' | 'categorical' | 'other';

export interface NumericBins {
  /** Ascending, distinct; bin i is [edges[i], edges[i+1]), the last bin [edges[k-1], edges[k]]. */
  edges: number[];
  /** k + 2 counts: values below edges[0], one per bin, values above edges[k]. */
  counts: number[];
}

export interface NumericColumnProfile {
  name: string;
  type: string;
  kind: 'numeric';
  /** Non-null values. */
  count: number;
  nulls: number;
  /** NaN and infinite values: counted here, left out of every statistic below. */
  nonFinite: number;
  min?: number;
  max?: number;
  mean?: number;
  /** Population standard deviation (ddof 0, like numpy.std). */
  std?: number;
  bins?: NumericBins;
  /** The finite values, ascending; only for data sets of at most `rawValueRows` rows. */
  values?: number[];
}

export interface CategoricalColumnProfile {
  name: string;
  type: string;
  kind: 'categorical';
  count: number;
  nulls: number;
  /**
   * Distinct non-null values: exact when the categories were counted, DuckDB's HyperLogLog estimate (deterministic)
   * when there were too many to count (`categories` is then empty and every value is under `other`).
   */
  distinct: number;
  /** [value as text, count], most frequent first, then by value; at most `maxProfileCategories`. */
  categories: [string, number][];
  /** Values of the categories beyond the cap (0 when every category is listed). */
  other: number;
}

export interface OtherColumnProfile {
  name: string;
  type: string;
  kind: 'other';
  count: number;
  nulls: number;
  /** As text (dates, timestamps, lists...). */
  min?: string;
  max?: string;
}

export type ColumnProfile = NumericColumnProfile | CategoricalColumnProfile | OtherColumnProfile;

export interface DataProfile {
  mlci: 'profile';
  version: 1;
  data: {
    file: string;
    format: DataFormat | 'profiles';
    /** `sha256:<hex>` of the data file; of the partitions' digests when merged. */
    digest: string;
    rows: number;
    /** The partitions' data digests, in merge order, when this profile is a merge. */
    partitions?: string[];
  };
  columns: ColumnProfile[];
}

export function kindOf(duckdbType: string): ColumnKind {
  const category = categoryOf(duckdbType);
  if (category === 'integer' || category === 'number') return 'numeric';
  if (category === 'string' || category === 'boolean') return 'categorical';
  return 'other';
}

/** SQL of a numeric column's values as doubles. */
export function doubleOf(name: string): string {
  return `CAST(${quoteIdentifier(name)} AS DOUBLE)`;
}

/** SQL literal of a double that reads back as exactly that double. */
export function doubleLiteral(value: number): string {
  return `CAST('${String(value)}' AS DOUBLE)`;
}

/** The next double above `value` (the boundary that splits "equal to the last edge" from "above it"). */
function nextUp(value: number): number {
  if (!Number.isFinite(value)) return value;
  if (value === 0) return Number.MIN_VALUE;
  const bits = new Float64Array([value]);
  const integer = new BigInt64Array(bits.buffer);
  integer[0] = (integer[0] as bigint) + (value > 0 ? 1n : -1n);
  return bits[0] as number;
}

/** The next double below `value`. */
function nextDown(value: number): number {
  return -nextUp(-value);
}

/** How many of a column's finite values are at most, and below, each of some points. */
export interface CountsAtPoints {
  /** The points, ascending and distinct. */
  points: number[];
  atOrBelow: number[];
  below: number[];
}

/**
 * Counts of `value` (finite doubles or NULL) at most and below each of `points` (ascending, distinct), from one
 * DuckDB `histogram(x, boundaries)`: its buckets are right-closed, (b[i-1], b[i]], so with the boundaries
 * nextDown(p) and p the bucket of p holds exactly the doubles equal to p, and summing the buckets up to a
 * boundary counts the values at most that boundary, exactly.
 */
export function countsAtPointsSql(
  value: string,
  points: readonly number[],
): { sql: string; read: (raw: unknown) => CountsAtPoints } {
  const boundaries: number[] = [];
  for (const point of points) {
    for (const boundary of [nextDown(point), point]) {
      if (boundaries.length === 0 || boundary > (boundaries[boundaries.length - 1] as number))
        boundaries.push(boundary);
    }
  }
  const sql = `histogram(${value}, [${boundaries.map(doubleLiteral).join(', ')}])`;
  const read = (raw: unknown): CountsAtPoints => {
    const bucket = new Map<number, number>();
    for (const entry of (raw as { key: unknown; value: unknown }[] | null) ?? []) {
      // The overflow bucket (values above every boundary) has no boundary key: no point counts it.
      if (entry.key === null) continue;
      bucket.set(Number(entry.key), count(entry.value));
    }
    const atMost = new Map<number, number>();
    let running = 0;
    for (const boundary of boundaries) {
      running += bucket.get(boundary) ?? 0;
      atMost.set(boundary, running);
    }
    return {
      points: [...points],
      atOrBelow: points.map((point) => atMost.get(point) ?? 0),
      below: points.map((point) => atMost.get(nextDown(point)) ?? 0),
    };
  };
  return { sql, read };
}

/**
 * A binned histogram on `edges` in one DuckDB aggregate, of `value`: finite doubles or NULL. DuckDB's `histogram(x, boundaries)` counts right-closed
 * buckets (b[i-1], b[i]]; the profile's bins are left-closed [e[i], e[i+1]) with the last one closed, so the
 * values and edges are negated, and one more boundary just above the last edge separates "equal to the last edge"
 * (the last bin) from "above it". `slots` reads the result back into the k + 2 counts.
 */
export function binnedHistogram(
  value: string,
  edges: readonly number[],
): { sql: string; slots: (raw: unknown) => number[] } {
  const k = edges.length - 1;
  const last = edges[k] as number;
  const boundaries = [-nextUp(last), ...[...new Set(edges)].reverse().map((edge) => -edge)];
  const slotOf = new Map<number, number>();
  // Later (larger) indices win: a one-value column's edges [v, v] put v in the last bin.
  edges.forEach((edge, j) => {
    slotOf.set(-edge, j === k ? k : j + 1);
  });
  slotOf.set(-nextUp(last), k + 1);
  // `value` is NULL for non-finite values (see finiteOf), which histogram skips.
  const sql = `histogram(-${value}, [${boundaries.map(doubleLiteral).join(', ')}])`;
  const slots = (raw: unknown): number[] => {
    const counts = new Array<number>(k + 2).fill(0);
    for (const entry of (raw as { key: unknown; value: unknown }[] | null) ?? []) {
      // The overflow bucket (key +inf) holds the values above every boundary: below the first edge.
      const key = entry.key === null ? Number.POSITIVE_INFINITY : Number(entry.key);
      const slot = key === Number.POSITIVE_INFINITY ? 0 : slotOf.get(key);
      if (slot === undefined) throw new Error(`histogram: unexpected bucket ${String(entry.key)}`);
      counts[slot] = (counts[slot] ?? 0) + count(entry.value);
    }
    return counts;
  };
  return { sql, slots };
}

/**
 * SQL picking a numeric column's percentile edges from `sorted` (its finite values, ascending): the elements DuckDB's
 * `quantile_disc(x, i / 100)` picks (0-based index max(1, ceil(n i / 100)) - 1, here in integer arithmetic), from
 * one sort of the values instead of a selection per quantile.
 */
function percentileEdgesSql(sorted: string): string {
  // One lambda over range(0..bins), not bins + 1 literal positions: with 30 numeric columns the literal form was
  // some 3,000 expressions that DuckDB took seconds to plan; the lambda selects the same elements.
  return `list_select(${sorted}, list_transform(range(${profileBins + 1}), k -> greatest(1, (len(${sorted}) * k + ${profileBins - 1}) // ${profileBins})))`;
}

/**
 * The relation with each numeric column's finite values as doubles (NULL otherwise) alongside, named by
 * `finiteName`: cast and tested once a row rather than once per aggregate, and no aggregate needs a FILTER.
 */
function withFinite(table: DataTable, names: readonly string[]): string {
  const relation = table.relation;
  if (names.length === 0) return relation;
  const types = new Map(table.columns.map((column) => [column.name, column.type]));
  const finite = names.map((name, i) => {
    const x = doubleOf(name);
    // An integer is always finite as a double: no test a row.
    if (categoryOf(types.get(name) ?? '') === 'integer') return `${x} AS ${finiteName(i)}`;
    return `CASE WHEN isfinite(${x}) THEN ${x} END AS ${finiteName(i)}`;
  });
  return `(SELECT *, ${finite.join(', ')} FROM ${relation})`;
}

function finiteName(index: number): string {
  return `"mlci finite ${index}"`;
}

/** Rounds a floating-point moment so parallel summation order does not change the profile's bytes. */
function stable(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  const rounded = Number(value.toPrecision(12));
  return rounded === 0 ? 0 : rounded;
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? (value === 0 ? 0 : value) : undefined;
}

/** Distinct ascending edges from quantiles (ties collapse: a column of 0s and 1s has one bin per value). */
export function distinctEdges(quantiles: readonly number[]): number[] {
  const edges: number[] = [];
  for (const q of quantiles) if (edges.length === 0 || q > (edges[edges.length - 1] as number)) edges.push(q);
  return edges;
}

export interface ProfileOptions {
  file: string;
  digest: string;
  /** Bin edges to use for these numeric columns (a reference's, so profiles share bins); others get their own. */
  edges?: ReadonlyMap<string, readonly number[]>;
  /** Profile only these columns (all when absent). */
  columns?: ReadonlySet<string>;
  /** Keep raw values of small data sets (default true). */
  values?: boolean;
  /**
   * Columns profiled by their counts only (drift does not compare them): no moments, bins or categories, and 0
   * distinct values; for profiles that are not written.
   */
  countsOnly?: ReadonlySet<string>;
  /**
   * Categorical columns counted in the first scan without estimating their distinct values first (the columns a
   * reference lists every category of); other categorical columns are counted only when they have at most
   * `2 * maxProfileCategories` distinct values by estimate.
   */
  categories?: ReadonlySet<string>;
  /**
   * Numeric columns whose finite values to count at and below given points (a small reference's values: exact
   * KS, see countsAtPointsSql); profileAlongside only.
   */
  countsAt?: ReadonlyMap<string, readonly number[]>;
}

interface ColumnPlan {
  column: DataTable['columns'][number];
  kind: ColumnKind;
  countsOnly: boolean;
  aliases: Record<string, string>;
  edges: readonly number[] | undefined;
  slots: ((raw: unknown) => number[]) | undefined;
}

/**
 * The first scan's aggregates of each profiled column, added through `alias`; `replaced` gets the SQL that turns
 * a sorted list into percentile edges. `singlePass`: nothing that needs a second scan (a column without given
 * edges gets no bins, a categorical column not in `categories` is counted only), and no moments (drift compares
 * the data with the reference's).
 */
function planColumns(
  table: DataTable,
  options: ProfileOptions,
  alias: (sql: string) => string,
  replaced: Map<string, string>,
  singlePass = false,
): { plans: ColumnPlan[]; numeric: string[]; numericIndex: Map<string, number> } {
  const columns = table.columns.filter((column) => !options.columns || options.columns.has(column.name));
  const numeric = columns.filter((column) => kindOf(column.type) === 'numeric').map((column) => column.name);
  const numericIndex = new Map(numeric.map((name, i) => [name, i]));
  const plans = columns.map((column): ColumnPlan => {
    const id = quoteIdentifier(column.name);
    const kind = kindOf(column.type);
    const countsOnly = options.countsOnly?.has(column.name) ?? false;
    const aliases: Record<string, string> = { nonNull: alias(`count(${id})`) };
    let edges = countsOnly ? undefined : options.edges?.get(column.name);
    let slots: ((raw: unknown) => number[]) | undefined;
    if (kind === 'numeric') {
      const x = finiteName(numericIndex.get(column.name) as number);
      aliases.finite = alias(`count(${x})`);
      if (!countsOnly) {
        aliases.min = alias(`min(${x})`);
        aliases.max = alias(`max(${x})`);
        // Drift reads the reference's moments only: the data's, in its single pass, are left out (a third of it).
        if (!singlePass) {
          aliases.mean = alias(`avg(${x})`);
          aliases.std = alias(`stddev_pop(${x})`);
        }
      }
      if (edges && edges.length >= 2) {
        const binned = binnedHistogram(x, edges);
        aliases.histogram = alias(binned.sql);
        slots = binned.slots;
      } else {
        edges = undefined;
        if (!countsOnly && !singlePass) {
          // list_filter, not a FILTER clause: see Aggregates (checks.ts) on what a FILTER costs wide data.
          aliases.quantiles = alias(`list_sort(list_filter(list(${x}), v -> v IS NOT NULL))`);
          replaced.set(aliases.quantiles, percentileEdgesSql(aliases.quantiles));
        }
      }
    } else if (kind === 'categorical') {
      if (options.categories?.has(column.name) && !countsOnly) {
        if (column.type.toUpperCase() === 'BOOLEAN') {
          // A boolean's two frequencies from a count (Parquet: 0.004 s against histogram's 0.15 s on 2 M rows).
          aliases.trues = alias(`count_if(${id})`);
          aliases.frequencies = aliases.trues;
        } else {
          aliases.frequencies = alias(`histogram(CAST(${id} AS VARCHAR))`);
        }
      } else if (!countsOnly && !singlePass) {
        aliases.distinct = alias(`approx_count_distinct(${id})`);
      }
    } else {
      aliases.min = alias(`CAST(min(${id}) AS VARCHAR)`);
      aliases.max = alias(`CAST(max(${id}) AS VARCHAR)`);
    }
    return { column, kind, countsOnly, aliases, edges, slots };
  });
  return { plans, numeric, numericIndex };
}

/** Aggregates in one scan of profileTable's first pass (about 450 columns); wider data takes several scans. */
export const profileAggregatesPerQuery = 2048;

/** Above this many distinct values (HyperLogLog estimate), a categorical column's frequencies are not counted. */
export const countedCategoriesLimit = 2 * maxProfileCategories;

/**
 * Profiles a data table in at most two scans. The first takes counts, moments, min/max, the percentile edges
 * (from one sort per numeric column), histograms on given edges, frequencies of the `categories` columns and the
 * estimated distinct values of the other categorical columns. The second, when needed, takes the histograms on
 * the edges just found and the frequencies of the categorical columns with few enough distinct values. Small
 * data (at most `rawValueRows` rows) takes one more for the raw values.
 */
export async function profileTable(table: DataTable, options: ProfileOptions): Promise<DataProfile> {
  const select: string[] = ['count(*) AS "rows"'];
  const replaced = new Map<string, string>();
  const alias = (sql: string) => {
    select.push(`${sql} AS c${select.length}`);
    return `c${select.length - 1}`;
  };
  const { plans, numeric, numericIndex } = planColumns(table, options, alias, replaced);
  const source = withFinite(table, numeric);
  // At most profileAggregatesPerQuery aggregates a scan: DuckDB 1.5 dies of SIGFPE on one ungrouped SELECT of
  // the ~20,000 aggregates (3,334 of them lists) that 5,000 columns make.
  const row: Record<string, unknown> = {};
  const expressions = select.slice(1);
  for (let start = 0; start === 0 || start < expressions.length; start += profileAggregatesPerQuery) {
    const names = expressions
      .slice(start, start + profileAggregatesPerQuery)
      .map((_, i) => `c${start + i + 1}`);
    const first = start === 0 ? ['"rows"'] : [];
    const aggregates = `SELECT ${[...(start === 0 ? [select[0]] : []), ...expressions.slice(start, start + profileAggregatesPerQuery)].join(', ')} FROM ${source}`;
    // Every column named, not `SELECT * REPLACE`: DuckDB binds a lambda in a REPLACE in time that grows with the
    // other columns (667 numeric columns: 70 s against 7 s).
    const [part = {}] = await table.query(
      names.some((name) => replaced.has(name))
        ? `SELECT ${[...first, ...names].map((name) => (replaced.has(name) ? `${replaced.get(name)} AS ${name}` : name)).join(', ')} FROM (${aggregates})`
        : aggregates,
    );
    Object.assign(row, part);
  }
  const rows = count(row.rows);

  // Second scan: histograms on the edges found in the first, frequencies of columns with few distinct values.
  const second: string[] = [];
  const later = (sql: string) => {
    second.push(`${sql} AS h${second.length}`);
    return `h${second.length - 1}`;
  };
  const ownBins = new Map<string, { edges: number[]; alias: string; slots: (raw: unknown) => number[] }>();
  const frequencyAliases = new Map<string, { row: 'first' | 'second'; alias: string }>();
  for (const plan of plans) {
    if (plan.kind === 'numeric' && plan.aliases.quantiles) {
      const quantiles = ((row[plan.aliases.quantiles] as unknown[] | null) ?? []).map(Number);
      const edges = distinctEdges(quantiles.filter(Number.isFinite));
      if (edges.length === 0) continue;
      // A column with one distinct value still gets a bin: [v, v].
      const bins = edges.length === 1 ? [edges[0] as number, edges[0] as number] : edges;
      const binned = binnedHistogram(finiteName(numericIndex.get(plan.column.name) as number), bins);
      ownBins.set(plan.column.name, { edges: bins, alias: later(binned.sql), slots: binned.slots });
    } else if (plan.kind === 'categorical' && !plan.countsOnly) {
      if (plan.aliases.frequencies) {
        frequencyAliases.set(plan.column.name, { row: 'first', alias: plan.aliases.frequencies });
      } else if (count(row[plan.aliases.distinct ?? '']) <= countedCategoriesLimit) {
        frequencyAliases.set(plan.column.name, {
          row: 'second',
          alias: later(`histogram(CAST(${quoteIdentifier(plan.column.name)} AS VARCHAR))`),
        });
      }
    }
  }
  const [secondRow = {}] =
    second.length > 0 ? await table.query(`SELECT ${second.join(', ')} FROM ${source}`) : [];

  const keepValues = (options.values ?? true) && rows <= rawValueRows;
  const numericNames = plans
    .filter((plan) => plan.kind === 'numeric' && !plan.countsOnly)
    .map((plan) => plan.column.name);
  const values = keepValues ? await numericValues(table, numericNames) : new Map<string, number[]>();

  return {
    mlci: 'profile',
    version: 1,
    data: { file: options.file, format: table.format, digest: options.digest, rows },
    columns: columnProfiles(plans, row, rows, { secondRow, ownBins, frequencyAliases, values }),
  };
}

/** The profiles of planned columns from the scans' rows. */
function columnProfiles(
  plans: readonly ColumnPlan[],
  row: Record<string, unknown>,
  rows: number,
  later: {
    secondRow?: Record<string, unknown>;
    ownBins?: ReadonlyMap<string, { edges: number[]; slots: (raw: unknown) => number[]; alias: string }>;
    frequencyAliases: ReadonlyMap<string, { row: 'first' | 'second'; alias: string }>;
    values?: ReadonlyMap<string, number[]>;
  },
): ColumnProfile[] {
  const { secondRow = {}, ownBins = new Map(), frequencyAliases, values = new Map() } = later;
  return plans.map(({ column, kind, aliases, edges, slots }): ColumnProfile => {
    const nonNull = count(row[aliases.nonNull ?? '']);
    const base = { name: column.name, type: column.type };
    if (kind === 'numeric') {
      const own = ownBins.get(column.name);
      const bins =
        edges && slots
          ? { edges: [...edges], counts: slots(row[aliases.histogram ?? '']) }
          : own
            ? { edges: own.edges, counts: own.slots(secondRow[own.alias]) }
            : undefined;
      const columnValues = values.get(column.name);
      return {
        ...base,
        kind,
        count: nonNull,
        nulls: rows - nonNull,
        nonFinite: nonNull - count(row[aliases.finite ?? '']),
        ...optional('min', finite(row[aliases.min ?? ''])),
        ...optional('max', finite(row[aliases.max ?? ''])),
        ...optional('mean', stable(row[aliases.mean ?? ''])),
        ...optional('std', stable(row[aliases.std ?? ''])),
        ...(bins ? { bins } : {}),
        ...(columnValues ? { values: columnValues } : {}),
      };
    }
    if (kind === 'categorical') {
      const source = frequencyAliases.get(column.name);
      const found = source
        ? topCategories(
            aliases.trues
              ? booleanFrequencies(count(row[aliases.trues]), nonNull)
              : (source.row === 'first' ? row : secondRow)[source.alias],
          )
        : // Not counted (too many distinct values, or not asked for): the estimate, every value under `other`.
          { categories: [], distinct: count(row[aliases.distinct ?? '']) };
      const listed = found.categories.reduce((sum, [, n]) => sum + n, 0);
      return {
        ...base,
        kind,
        count: nonNull,
        nulls: rows - nonNull,
        distinct: found.distinct,
        categories: found.categories,
        other: nonNull - listed,
      };
    }
    const min = row[aliases.min ?? ''];
    const max = row[aliases.max ?? ''];
    return {
      ...base,
      kind,
      count: nonNull,
      nulls: rows - nonNull,
      ...optional('min', typeof min === 'string' ? min : undefined),
      ...optional('max', typeof max === 'string' ? max : undefined),
    };
  });
}

/**
 * A profile taken in another scan's aggregate query (validate-data's checks): `plan` adds the profile's aggregates
 * to `aggregates` and returns the reader of its row, or undefined when they would make the query too wide (the
 * caller then profiles in scans of its own). Single pass only: numeric columns get histograms on the given
 * `edges` or none, categorical columns frequencies when listed in `categories`, else counts: what drift needs of
 * the data, not a profile to write.
 */
export function profileAlongside(
  table: DataTable,
  options: Omit<ProfileOptions, 'digest'>,
): {
  companion: ScanCompanion;
  profile(digest: string): DataProfile;
  countsAt(): ReadonlyMap<string, CountsAtPoints>;
} {
  let result:
    | (Pick<DataProfile, 'columns'> & { rows: number; countsAt: Map<string, CountsAtPoints> })
    | undefined;
  const companion: ScanCompanion = {
    relation: '',
    plan(aggregates: Aggregates) {
      // Counted first on a throwaway list: a query of too many aggregates is not attempted.
      let planned = 0;
      planColumns(table, { ...options, digest: '' }, () => `x${planned++}`, new Map(), true);
      planned += 1 + (options.countsAt?.size ?? 0);
      if (aggregates.expressions.length + planned > profileAggregatesPerQuery) return undefined;
      const rowsAlias = aggregates.add('count(*)');
      const { plans, numeric, numericIndex } = planColumns(
        table,
        { ...options, digest: '' },
        (sql) => aggregates.add(sql),
        new Map(),
        true,
      );
      companion.relation = withFinite(table, numeric);
      const counted: [string, string, (raw: unknown) => CountsAtPoints][] = [];
      for (const [name, points] of options.countsAt ?? []) {
        const index = numericIndex.get(name);
        if (index === undefined || points.length === 0) continue;
        const found = countsAtPointsSql(finiteName(index), points);
        counted.push([name, aggregates.add(found.sql), found.read]);
      }
      return (row) => {
        const frequencyAliases = new Map<string, { row: 'first'; alias: string }>();
        for (const plan of plans) {
          if (plan.aliases.frequencies)
            frequencyAliases.set(plan.column.name, { row: 'first', alias: plan.aliases.frequencies });
        }
        const rows = count(row[rowsAlias]);
        result = {
          rows,
          columns: columnProfiles(plans, row, rows, { frequencyAliases }),
          countsAt: new Map(counted.map(([name, alias, read]) => [name, read(row[alias])])),
        };
      };
    },
  };
  return {
    companion,
    profile(digest) {
      if (!result) throw new Error('profileAlongside: the scan has not run');
      return {
        mlci: 'profile',
        version: 1,
        data: { file: options.file, format: table.format, digest, rows: result.rows },
        columns: result.columns,
      };
    },
    countsAt() {
      if (!result) throw new Error('profileAlongside: the scan has not run');
      return result.countsAt;
    },
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** A boolean column's `histogram(CAST(b AS VARCHAR))` from its counts: DuckDB's text of each, no empty entry. */
function booleanFrequencies(trues: number, nonNull: number): { key: string; value: number }[] {
  return [
    { key: 'true', value: trues },
    { key: 'false', value: nonNull - trues },
  ].filter((entry) => entry.value > 0);
}

/** Most frequent first, then by value (code point order), so the listing is the same on every machine. */
export function compareCategories(a: [string, number], b: [string, number]): number {
  if (a[1] !== b[1]) return b[1] - a[1];
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/** A `histogram(text)` result as the profile lists it: at most `maxProfileCategories`, most frequent first. */
function topCategories(raw: unknown): { categories: [string, number][]; distinct: number } {
  const all: [string, number][] = ((raw as { key: unknown; value: unknown }[] | null) ?? []).map((entry) => [
    String(entry.key),
    count(entry.value),
  ]);
  all.sort(compareCategories);
  return { categories: all.slice(0, maxProfileCategories), distinct: all.length };
}

/** The finite values of numeric columns, ascending, in one scan (small data only). */
export async function numericValues(
  table: DataTable,
  names: readonly string[],
): Promise<Map<string, number[]>> {
  const result = new Map<string, number[]>();
  if (names.length === 0) return result;
  const [row = {}] = await table.query(
    `SELECT ${names
      .map((name, i) => {
        const x = doubleOf(name);
        return `coalesce(list_sort(list_filter(list(${x}), v -> isfinite(v))), []) AS v${i}`;
      })
      .join(', ')} FROM ${table.relation}`,
  );
  names.forEach((name, i) => {
    const values = (row[`v${i}`] as number[] | null) ?? [];
    result.set(
      name,
      values.map((v) => (v === 0 ? 0 : Number(v))),
    );
  });
  return result;
}

/** The profile as its file's text: JSON, keys in a fixed order, arrays of plain values on one line. */
export function profileText(profile: DataProfile): string {
  return `${serialize(profile, '')}\n`;
}

function serialize(value: unknown, indent: string): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object')) {
      return `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
    }
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${inner}${serialize(item, inner)}`).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${serialize(item, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

const countSchema = z.number().int().min(0);
const numericSchema = z
  .object({
    name: z.string(),
    type: z.string(),
    kind: z.literal('numeric'),
    count: countSchema,
    nulls: countSchema,
    nonFinite: countSchema,
    min: z.number().optional(),
    max: z.number().optional(),
    mean: z.number().optional(),
    std: z.number().min(0).optional(),
    bins: z
      .object({ edges: z.array(z.number()).min(2), counts: z.array(countSchema) })
      .strict()
      .refine((bins) => bins.counts.length === bins.edges.length + 1, {
        message: 'counts must have one more entry than edges (below, one per bin, above)',
      })
      .refine((bins) => bins.edges.every((edge, i) => i === 0 || edge >= (bins.edges[i - 1] as number)), {
        message: 'edges must ascend',
      })
      .optional(),
    values: z.array(z.number()).optional(),
  })
  .strict();
const categoricalSchema = z
  .object({
    name: z.string(),
    type: z.string(),
    kind: z.literal('categorical'),
    count: countSchema,
    nulls: countSchema,
    distinct: countSchema,
    categories: z.array(z.tuple([z.string(), countSchema])),
    other: countSchema,
  })
  .strict();
const otherSchema = z
  .object({
    name: z.string(),
    type: z.string(),
    kind: z.literal('other'),
    count: countSchema,
    nulls: countSchema,
    min: z.string().optional(),
    max: z.string().optional(),
  })
  .strict();
const profileSchema = z
  .object({
    mlci: z.literal('profile'),
    version: z.literal(1),
    data: z
      .object({
        file: z.string(),
        format: z.enum([...dataFormats, 'profiles']),
        digest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
        rows: countSchema,
        partitions: z.array(z.string()).optional(),
      })
      .strict(),
    columns: z.array(z.discriminatedUnion('kind', [numericSchema, categoricalSchema, otherSchema])),
  })
  .strict();

/** Whether a reference names a profile: a `.json` file (data files are never JSON documents). */
export function isProfileFile(file: string): boolean {
  return file.toLowerCase().endsWith('.json');
}

/** Reads and checks a profile file; errors name the file and the field. */
export async function loadProfile(path: string, file: string): Promise<DataProfile> {
  let text: string;
  try {
    text = (await readInputFile(path, file)).toString('utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${file}: no such file`);
    throw new InputError(`${file}: cannot read profile (${code ?? String(error)})`);
  }
  return parseProfile(text, file);
}

export function parseProfile(text: string, file: string): DataProfile {
  const value = parseJson(text, `${file}: not a profile`);
  if (typeof value !== 'object' || value === null || (value as { mlci?: unknown }).mlci !== 'profile') {
    throw new InputError(
      `${file}: not an mlci profile (expected "mlci": "profile"; write one with --write-profile)`,
    );
  }
  const parsed = profileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') path.push(String(issue.keys[0]));
    // Name the column rather than its index where the path goes through one.
    if (path[0] === 'columns' && path[1] !== undefined) {
      const name = (value as { columns?: { name?: unknown }[] }).columns?.[Number(path[1])]?.name;
      if (typeof name === 'string') path[1] = JSON.stringify(name);
    }
    const message = issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message;
    throw new InputError(`${file}: ${path.join('.') || '(top level)'}: ${message}`);
  }
  const profile = parsed.data as DataProfile;
  const names = new Set<string>();
  for (const column of profile.columns) {
    if (names.has(column.name))
      throw new InputError(`${file}: columns: column ${JSON.stringify(column.name)} appears twice`);
    names.add(column.name);
    if (column.count + column.nulls !== profile.data.rows) {
      throw new InputError(
        `${file}: columns.${JSON.stringify(column.name)}: count + nulls (${column.count + column.nulls}) is not data.rows (${profile.data.rows})`,
      );
    }
  }
  return profile;
}
