/**
 * Data profiles: what drift needs to know about a data set, small enough to pin in git or pass between CI jobs.
 *
 * A profile holds, per column, its DuckDB type, counts and nulls; for numeric columns min, max, mean, standard
 * deviation, a histogram on exact percentile bin edges (DuckDB `quantile_disc`, never the approximate quantiles
 * that change between runs) and, for data sets of at most `rawValueRows` rows, the values themselves so KS and
 * Wasserstein stay exact against a profile; for categorical columns the category frequencies. The same data gives
 * the same bytes: keys in fixed order, no timestamps, floating-point moments rounded to 12 significant digits
 * (parallel summation may vary in the last bits).
 */
import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import { InputError } from '../../errors';
import { categoryOf, count } from './checks';
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
  /** Distinct non-null values. */
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

/**
 * SQL giving a value's histogram slot on `edges`: 0 below edges[0], i + 1 for bin i, k + 1 above the last edge.
 * A balanced tree of comparisons, so a hundred bins cost seven comparisons a value, not a hundred.
 */
export function binIndexSql(value: string, edges: readonly number[]): string {
  const k = edges.length - 1;
  // Slot boundaries: slot s (1..k) starts at edges[s-1]; the last bin includes its upper edge.
  const thresholds: { slot: number; test: string }[] = [];
  for (let s = 1; s <= k; s++)
    thresholds.push({ slot: s, test: `${value} < ${doubleLiteral(edges[s - 1] as number)}` });
  const above = `${value} > ${doubleLiteral(edges[k] as number)}`;
  // slot(x) = the number of thresholds x is not below, plus the `above` test.
  const tree = (low: number, high: number): string => {
    // Thresholds low..high-1 (indices into `thresholds`); x is >= every threshold before low.
    if (low === high) return low === k ? `CASE WHEN ${above} THEN ${k + 1} ELSE ${k} END` : String(low);
    const middle = Math.floor((low + high) / 2);
    return `CASE WHEN ${(thresholds[middle] as { test: string }).test} THEN ${tree(low, middle)} ELSE ${tree(middle + 1, high)} END`;
  };
  return tree(0, k);
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

function histogramCounts(raw: unknown, slots: number): number[] {
  const counts = new Array<number>(slots).fill(0);
  for (const entry of (raw as { key: unknown; value: unknown }[] | null) ?? []) {
    const slot = count(entry.key);
    counts[slot] = (counts[slot] ?? 0) + count(entry.value);
  }
  return counts;
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
}

/**
 * Profiles a data table: one scan for counts, moments, percentile edges and histograms on given edges, one more for
 * histograms on the edges just found, one for category frequencies, and for small data one for the raw values.
 */
export async function profileTable(table: DataTable, options: ProfileOptions): Promise<DataProfile> {
  const columns = table.columns.filter((column) => !options.columns || options.columns.has(column.name));
  const select: string[] = ['count(*) AS "rows"'];
  const alias = (sql: string) => {
    select.push(`${sql} AS c${select.length}`);
    return `c${select.length - 1}`;
  };
  const plans = columns.map((column) => {
    const id = quoteIdentifier(column.name);
    const kind = kindOf(column.type);
    const aliases: Record<string, string> = { nonNull: alias(`count(${id})`) };
    let edges = options.edges?.get(column.name);
    if (kind === 'numeric') {
      const x = doubleOf(column.name);
      const ok = `isfinite(${x})`;
      aliases.nonFinite = alias(`count(*) FILTER (WHERE ${id} IS NOT NULL AND NOT ${ok})`);
      aliases.min = alias(`min(${x}) FILTER (WHERE ${ok})`);
      aliases.max = alias(`max(${x}) FILTER (WHERE ${ok})`);
      aliases.mean = alias(`avg(${x}) FILTER (WHERE ${ok})`);
      aliases.std = alias(`stddev_pop(${x}) FILTER (WHERE ${ok})`);
      if (edges && edges.length >= 2) {
        aliases.histogram = alias(`histogram(${binIndexSql(x, edges)}) FILTER (WHERE ${ok})`);
      } else {
        edges = undefined;
        const fractions = Array.from({ length: profileBins + 1 }, (_, i) => String(i / profileBins));
        aliases.quantiles = alias(`quantile_disc(${x}, [${fractions.join(', ')}]) FILTER (WHERE ${ok})`);
      }
    } else if (kind === 'other') {
      aliases.min = alias(`CAST(min(${id}) AS VARCHAR)`);
      aliases.max = alias(`CAST(max(${id}) AS VARCHAR)`);
    }
    return { column, kind, aliases, edges };
  });
  const [row = {}] = await table.query(`SELECT ${select.join(', ')} FROM ${table.relation}`);
  const rows = count(row.rows);

  // Histograms on the edges found in the first scan.
  const pending = plans.filter((plan) => plan.kind === 'numeric' && !plan.edges);
  const histograms = new Map<string, number[]>();
  const binned: { name: string; edges: number[]; sql: string }[] = [];
  for (const plan of pending) {
    const quantiles = ((row[plan.aliases.quantiles ?? ''] as unknown[] | null) ?? []).map(Number);
    const edges = distinctEdges(quantiles.filter(Number.isFinite));
    if (edges.length === 0) continue;
    // A column with one distinct value still gets a bin: [v, v].
    const bins = edges.length === 1 ? [edges[0] as number, edges[0] as number] : edges;
    binned.push({ name: plan.column.name, edges: bins, sql: binIndexSql(doubleOf(plan.column.name), bins) });
  }
  if (binned.length > 0) {
    const [hist = {}] = await table.query(
      `SELECT ${binned.map((b, i) => `histogram(${b.sql}) FILTER (WHERE isfinite(${doubleOf(b.name)})) AS h${i}`).join(', ')} FROM ${table.relation}`,
    );
    binned.forEach((b, i) => {
      histograms.set(b.name, histogramCounts(hist[`h${i}`], b.edges.length + 1));
    });
  }
  const ownEdges = new Map(binned.map((b) => [b.name, b.edges]));

  const categorical = plans.filter((plan) => plan.kind === 'categorical').map((plan) => plan.column.name);
  const frequencies = await categoryFrequencies(table, categorical);

  const keepValues = (options.values ?? true) && rows <= rawValueRows;
  const numericNames = plans.filter((plan) => plan.kind === 'numeric').map((plan) => plan.column.name);
  const values = keepValues ? await numericValues(table, numericNames) : new Map<string, number[]>();

  const profiles: ColumnProfile[] = plans.map(({ column, kind, aliases, edges }) => {
    const nonNull = count(row[aliases.nonNull ?? '']);
    const base = { name: column.name, type: column.type };
    if (kind === 'numeric') {
      const usedEdges = edges ? [...edges] : ownEdges.get(column.name);
      const counts = edges
        ? histogramCounts(row[aliases.histogram ?? ''], edges.length + 1)
        : histograms.get(column.name);
      const columnValues = values.get(column.name);
      return {
        ...base,
        kind,
        count: nonNull,
        nulls: rows - nonNull,
        nonFinite: count(row[aliases.nonFinite ?? '']),
        ...optional('min', finite(row[aliases.min ?? ''])),
        ...optional('max', finite(row[aliases.max ?? ''])),
        ...optional('mean', stable(row[aliases.mean ?? ''])),
        ...optional('std', stable(row[aliases.std ?? ''])),
        ...(usedEdges && counts ? { bins: { edges: usedEdges, counts } } : {}),
        ...(columnValues ? { values: columnValues } : {}),
      };
    }
    if (kind === 'categorical') {
      const found = frequencies.get(column.name) ?? { categories: [], distinct: 0 };
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
  return {
    mlci: 'profile',
    version: 1,
    data: { file: options.file, format: table.format, digest: options.digest, rows },
    columns: profiles,
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Most frequent first, then by value (code point order), so the listing is the same on every machine. */
export function compareCategories(a: [string, number], b: [string, number]): number {
  if (a[1] !== b[1]) return b[1] - a[1];
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/** Category frequencies of several columns in one scan, at most `maxProfileCategories` each. */
export async function categoryFrequencies(
  table: DataTable,
  names: readonly string[],
): Promise<Map<string, { categories: [string, number][]; distinct: number }>> {
  const result = new Map<string, { categories: [string, number][]; distinct: number }>();
  if (names.length === 0) return result;
  for (const name of names) result.set(name, { categories: [], distinct: 0 });
  const projected = names.map((name, i) => `CAST(${quoteIdentifier(name)} AS VARCHAR) AS c${i}`).join(', ');
  const rows = await table.query(
    `WITH u AS (UNPIVOT (SELECT ${projected} FROM ${table.relation}) ON COLUMNS(*) INTO NAME name VALUE value),
     g AS (SELECT name, value, count(*) AS n FROM u GROUP BY ALL)
     SELECT name, value, n, count(*) OVER (PARTITION BY name) AS k FROM g
     QUALIFY row_number() OVER (PARTITION BY name ORDER BY n DESC, value) <= ${maxProfileCategories}`,
  );
  for (const row of rows) {
    const name = names[Number(String(row.name).slice(1))] as string;
    const entry = result.get(name) as { categories: [string, number][]; distinct: number };
    entry.categories.push([String(row.value), count(row.n)]);
    entry.distinct = count(row.k);
  }
  for (const entry of result.values()) entry.categories.sort(compareCategories);
  return result;
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
        return `coalesce(list(${x} ORDER BY ${x}) FILTER (WHERE isfinite(${x})), []) AS v${i}`;
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
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${file}: no such file`);
    throw new InputError(`${file}: cannot read profile (${code ?? String(error)})`);
  }
  return parseProfile(text, file);
}

export function parseProfile(text: string, file: string): DataProfile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: not a profile: invalid JSON (${(error as Error).message.split('\n')[0]})`);
  }
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
