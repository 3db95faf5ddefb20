/**
 * Drift: every column shared by the data and its reference compared with a statistical test, and the data set
 * rule (share of drifted columns) that decides the gate. Tests and defaults follow Evidently: up to 1000 reference
 * rows KS (numeric) and chi-square (categorical), drift at p <= 0.05; above, Wasserstein distance divided by the
 * reference's standard deviation (numeric) and Jensen-Shannon distance (categorical), drift at >= 0.1; PSI on
 * request (0.1). See docs/validate-data.md, "Drift", for what is exact and what is computed on bins.
 */
import { InputError } from '../../errors';
import type { Check, Severity } from '../../report/model';
import {
  chiSquareDrift,
  jensenShannonDistance,
  kolmogorovTwoSidedSurvival,
  ksTwoSample,
  ksTwoSampleOfStatistic,
  populationStabilityIndex,
  wassersteinDistance,
} from '../../stats';
import { roundHalfEven } from '../../stats/ks';
import type { ScanCompanion } from './checks';
import type { DataTable } from './data';
import type { DriftColumn, DriftSummary, DriftTest, DriftTestOption, ReferenceModel } from './input';
import {
  type CategoricalColumnProfile,
  type CountsAtPoints,
  type DataProfile,
  doubleOf,
  kindOf,
  maxProfileCategories,
  type NumericBins,
  type NumericColumnProfile,
  numericValues,
  profileAlongside,
} from './profile';
import type { DataSchema } from './schema';

/** Reference sizes up to this pick KS / chi-square in `auto`, larger ones Wasserstein / Jensen-Shannon. */
export const smallReferenceRows = 1000;
/** scipy's ks_2samp computes the exact p-value up to this sample size; mlci fetches values to do the same. */
const exactKsSize = 10000;
/** Up to this many values in both samples together, Wasserstein runs on fetched values; beyond, in SQL. */
const fetchedWassersteinSize = 200000;
/** Coarse bins (PSI, Jensen-Shannon and chi-square on numeric columns, charts): every 5th percentile edge. */
const coarseStep = 5;
/** Categories shown in a chart before the rest become "other". */
const chartCategories = 10;
/** The key that collects categories beyond a profile's cap. */
const otherKey = '\u0000other';

export const defaultThresholds: Record<DriftTest, number> = {
  ks: 0.05,
  'chi-square': 0.05,
  wasserstein: 0.1,
  'jensen-shannon': 0.1,
  psi: 0.1,
};

/** Tests compare p-values (drift at p <= threshold) or distances (drift at >= threshold). */
export function isPValueTest(test: DriftTest): boolean {
  return test === 'ks' || test === 'chi-square';
}

const numericTests: readonly DriftTest[] = ['ks', 'wasserstein', 'psi', 'jensen-shannon', 'chi-square'];
const categoricalTests: readonly DriftTest[] = ['chi-square', 'jensen-shannon', 'psi'];

/** One side of the comparison: its profile (on the reference's bin edges, for the data) and its rows if at hand. */
export interface DriftSide {
  profile: DataProfile;
  table?: DataTable;
  /**
   * The data's finite values counted at and below each of the reference's values, by column (the columns KS
   * compares with a profile that keeps its values): enough for the exact KS statistic, see ksAtReferenceValues.
   */
  countsAt?: ReadonlyMap<string, CountsAtPoints>;
}

export interface DriftOptions {
  reference: { path: string; kind: 'data' | 'profile'; model?: ReferenceModel };
  test: DriftTestOption;
  threshold?: number;
  share: number;
  schema?: DataSchema;
}

export interface DriftOutcome {
  summary: DriftSummary;
  checks: Check[];
}

interface ColumnPlan {
  name: string;
  kind: 'numeric' | 'categorical';
  test: DriftTest;
  threshold: number;
  severity: Severity;
  line?: number;
}

/** The test, threshold and severity of each shared column; columns the schema excludes are left out. */
function plan(
  reference: DataProfile,
  current: { columns: readonly { name: string; type: string; kind: string }[] },
  options: DriftOptions,
): {
  plans: ColumnPlan[];
  skipped: DriftColumn[];
} {
  const specs = new Map((options.schema?.columns ?? []).map((spec) => [spec.name, spec]));
  const currentColumns = new Map(current.columns.map((column) => [column.name, column]));
  const plans: ColumnPlan[] = [];
  const skipped: DriftColumn[] = [];
  for (const ref of reference.columns) {
    const cur = currentColumns.get(ref.name);
    if (!cur || ref.kind === 'other') continue;
    const drift = specs.get(ref.name)?.drift;
    if (drift?.skip) continue;
    const kind = ref.kind;
    const applicable = kind === 'numeric' ? numericTests : categoricalTests;
    let test: DriftTestOption = drift?.test ?? options.test;
    if (test !== 'auto' && !applicable.includes(test)) {
      if (drift?.test !== undefined) {
        const where = drift.line === undefined ? '' : `:${drift.line}`;
        throw new InputError(
          `${options.schema?.file}${where}: columns.${ref.name}.drift.test: ${test} does not apply to a ${kind} column (use ${applicable.join(', ')})`,
        );
      }
      test = 'auto'; // A global test that does not fit this kind of column: the default for its kind.
    }
    const chosen: DriftTest =
      test !== 'auto'
        ? test
        : reference.data.rows <= smallReferenceRows
          ? kind === 'numeric'
            ? 'ks'
            : 'chi-square'
          : kind === 'numeric'
            ? 'wasserstein'
            : 'jensen-shannon';
    const threshold = drift?.threshold ?? options.threshold ?? defaultThresholds[chosen];
    const skip = (reason: string) =>
      skipped.push({
        column: ref.name,
        kind,
        test: chosen,
        statistic: Number.NaN,
        threshold,
        drifted: false,
        skipped: reason,
      });
    const spec = specs.get(ref.name);
    if ((spec?.unique?.value || spec?.role === 'id') && drift?.test === undefined) {
      skip(
        `declared ${spec?.role === 'id' ? 'role: id' : 'unique'} in the schema (a key): its distribution says nothing`,
      );
      continue;
    }
    if (cur.kind !== kind) {
      skip(`types differ: ${ref.type} in the reference, ${cur.type} in the data`);
      continue;
    }
    plans.push({
      name: ref.name,
      kind,
      test: chosen,
      threshold,
      severity: drift?.severity ?? 'warn',
      ...(drift?.line === undefined ? {} : { line: drift.line }),
    });
  }
  return { plans, skipped };
}

/** The exact values of a numeric column on one side: from the profile, else fetched, else as SQL. */
interface ExactSide {
  count: number;
  values?: number[];
  table?: DataTable;
  /** Values already fetched from `table`, by column (see fetchValues). */
  fetched?: ReadonlyMap<string, number[]>;
}

function exactSide(
  side: DriftSide,
  column: NumericColumnProfile,
  fetched?: ReadonlyMap<string, number[]>,
): ExactSide | undefined {
  const n = column.count - column.nonFinite;
  if (column.values) return { count: n, values: column.values };
  if (side.table) return { count: n, table: side.table, ...(fetched ? { fetched } : {}) };
  return undefined;
}

async function valuesOf(side: ExactSide, name: string): Promise<number[]> {
  if (side.values) return side.values;
  const fetched = side.fetched?.get(name);
  if (fetched) return fetched;
  const table = side.table as DataTable;
  return (await numericValues(table, [name])).get(name) ?? [];
}

/**
 * At most this many values are fetched from a table in one query: the columns whose exact tests need their
 * values are fetched a group at a time, each group in one scan, so wide data takes a few scans (not one per
 * column) and memory holds one group's values (64 MB of doubles), not every column's.
 */
export const fetchedValuesPerQuery = 1 << 23;

/** Whether measureNumeric compares this column's values themselves (fetched from a side without them). */
function fetchesValues(test: DriftTest, n: number, m: number): boolean {
  return (
    (test === 'ks' && Math.max(n, m) <= exactKsSize) ||
    (test === 'wasserstein' && n + m <= fetchedWassersteinSize)
  );
}

/** Consecutive groups of `plans` whose values to fetch from either side stay within fetchedValuesPerQuery. */
function fetchGroups(
  plans: readonly ColumnPlan[],
  sides: readonly DriftSide[],
  refColumns: ReadonlyMap<string, DataProfile['columns'][number]>,
  curColumns: ReadonlyMap<string, DataProfile['columns'][number]>,
): { plans: ColumnPlan[]; fetch: Map<DriftSide, string[]> }[] {
  const groups: { plans: ColumnPlan[]; fetch: Map<DriftSide, string[]> }[] = [];
  let group = { plans: [] as ColumnPlan[], fetch: new Map<DriftSide, string[]>() };
  let size = 0;
  for (const plan of plans) {
    const ref = refColumns.get(plan.name);
    const cur = curColumns.get(plan.name);
    let needed = 0;
    const fetch: [DriftSide, number][] = [];
    if (ref?.kind === 'numeric' && cur?.kind === 'numeric') {
      const n = ref.count - ref.nonFinite;
      const m = cur.count - cur.nonFinite;
      const [reference, current] = sides as [DriftSide, DriftSide];
      const exact = exactSide(reference, ref) && exactSide(current, cur);
      // A D of 0 is counted too: test for a statistic, not its truth.
      const counted =
        plan.test === 'ks' && ksAtReferenceValues(ref, current.countsAt?.get(plan.name), m) !== undefined;
      if (exact && !counted && n > 0 && m > 0 && fetchesValues(plan.test, n, m)) {
        if (!ref.values) fetch.push([reference, n]);
        if (!cur.values) fetch.push([current, m]);
        needed = fetch.reduce((sum, [, k]) => sum + k, 0);
      }
    }
    if (size > 0 && size + needed > fetchedValuesPerQuery) {
      groups.push(group);
      group = { plans: [], fetch: new Map() };
      size = 0;
    }
    group.plans.push(plan);
    for (const [side] of fetch) group.fetch.set(side, [...(group.fetch.get(side) ?? []), plan.name]);
    size += needed;
  }
  if (group.plans.length > 0) groups.push(group);
  return groups;
}

function valuesSql(side: ExactSide, name: string): string {
  if (side.values) {
    if (side.values.length === 0) return 'SELECT CAST(NULL AS DOUBLE) AS v WHERE false';
    return `SELECT CAST(unnest(string_split('${side.values.map(String).join(',')}', ',')) AS DOUBLE) AS v`;
  }
  const table = side.table as DataTable;
  const x = doubleOf(name);
  return `SELECT ${x} AS v FROM ${table.relation} WHERE isfinite(${x})`;
}

/** KS D and the Wasserstein integral over the pooled values, computed in DuckDB (samples too big to fetch). */
async function pooledInSql(
  reference: ExactSide,
  current: ExactSide,
  name: string,
): Promise<{ d: number; w: number }> {
  const runner = (current.table ?? reference.table) as DataTable;
  const [row = {}] = await runner.query(
    `WITH pooled AS (
       SELECT v, count(*) FILTER (WHERE s = 0) AS a, count(*) FILTER (WHERE s = 1) AS b
       FROM (SELECT 0 AS s, v FROM (${valuesSql(reference, name)}) UNION ALL SELECT 1 AS s, v FROM (${valuesSql(current, name)}))
       GROUP BY v),
     cdf AS (
       SELECT v,
         CAST(sum(a) OVER w AS DOUBLE) / ${reference.count} AS f,
         CAST(sum(b) OVER w AS DOUBLE) / ${current.count} AS g,
         lead(v) OVER (ORDER BY v) AS next
       FROM pooled WINDOW w AS (ORDER BY v ROWS UNBOUNDED PRECEDING))
     SELECT max(abs(f - g)) AS d, fsum(abs(f - g) * (next - v)) FILTER (WHERE next IS NOT NULL) AS w FROM cdf`,
  );
  return { d: Number(row.d ?? 0), w: Number(row.w ?? 0) };
}

/**
 * KS D and the Wasserstein integral of several columns whose both sides are tables on one connection, in one query:
 * one scan of each side, the values of every column pooled and grouped per column.
 */
async function pooledTablesInSql(
  reference: DataTable,
  current: DataTable,
  columns: readonly { name: string; n: number; m: number }[],
): Promise<Map<string, { d: number; w: number }>> {
  const result = new Map<string, { d: number; w: number }>();
  if (columns.length === 0) return result;
  const indices = `[${columns.map((_, i) => i).join(', ')}]`;
  const values = `[${columns.map((column) => doubleOf(column.name)).join(', ')}]`;
  const side = (s: number, table: DataTable) =>
    `SELECT ${s} AS s, unnest(${indices}) AS c, unnest(${values}) AS v FROM ${table.relation}`;
  const sizes = (key: 'n' | 'm') => `[${columns.map((column) => column[key]).join(', ')}]`;
  const rows = await current.query(
    `WITH sides AS (${side(0, reference)} UNION ALL ${side(1, current)}),
     pooled AS (
       SELECT c, v, count(*) FILTER (WHERE s = 0) AS a, count(*) FILTER (WHERE s = 1) AS b
       FROM sides WHERE isfinite(v) GROUP BY c, v),
     cdf AS (
       SELECT c, v,
         CAST(sum(a) OVER w AS DOUBLE) / list_extract(${sizes('n')}, c + 1) AS f,
         CAST(sum(b) OVER w AS DOUBLE) / list_extract(${sizes('m')}, c + 1) AS g,
         lead(v) OVER (PARTITION BY c ORDER BY v) AS next
       FROM pooled WINDOW w AS (PARTITION BY c ORDER BY v ROWS UNBOUNDED PRECEDING))
     SELECT c, max(abs(f - g)) AS d, fsum(abs(f - g) * (next - v)) FILTER (WHERE next IS NOT NULL) AS w
     FROM cdf GROUP BY c`,
  );
  for (const row of rows) {
    const column = columns[Number(row.c)];
    if (column) result.set(column.name, { d: Number(row.d ?? 0), w: Number(row.w ?? 0) });
  }
  return result;
}

/**
 * The exact two-sample KS statistic of a reference that keeps its values against data counted at and below each
 * of them (`counts`, of `m` finite values), as ks_2samp computes it from both samples. D is the largest
 * |F(x) - G(x)| over the pooled values, F the reference's ECDF and G the data's. Between two consecutive
 * reference values u(k-1) < u(k), F is constant and G rises, so F - G is largest at u(k-1) itself and smallest at
 * the last data value before u(k), where G is (data below u(k)) / m; below the first reference value F is 0, above
 * the last it is 1 and G reaches 1. So the pairs (reference at most u, data at most u) at each u, and (reference
 * at most u(k-1), data below u(k)), hold every extreme of F - G, each computed as ks_2samp does (i / n - j / m):
 * the same D to the last bit, from counts a scan takes beside the checks, without the data's values. Undefined
 * when the reference keeps no values or the counts are not at them.
 */
export function ksAtReferenceValues(
  reference: NumericColumnProfile,
  counts: CountsAtPoints | undefined,
  m: number,
): number | undefined {
  const values = reference.values;
  if (!values || !counts || values.length === 0 || m === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const points = distinctValues(sorted);
  if (points.length !== counts.points.length || points.some((p, k) => p !== counts.points[k]))
    return undefined;
  const n = sorted.length;
  // The last pooled value has both ECDFs at 1: a difference of 0, always among ks_2samp's.
  let maxS = 0;
  let minDiff = 0;
  let i = 0;
  const pair = (refAtMost: number, dataAtMost: number) => {
    const diff = refAtMost / n - dataAtMost / m;
    if (diff > maxS) maxS = diff;
    if (diff < minDiff) minDiff = diff;
  };
  points.forEach((point, k) => {
    // Just before the point: the reference's ECDF still at the previous point, the data's below this one.
    pair(i, counts.below[k] as number);
    while (i < n && (sorted[i] as number) <= point) i++;
    pair(i, counts.atOrBelow[k] as number);
  });
  return Math.max(Math.min(Math.max(-minDiff, 0), 1), maxS);
}

function distinctValues(sorted: readonly number[]): number[] {
  const points: number[] = [];
  for (const v of sorted)
    if (points.length === 0 || v > (points[points.length - 1] as number)) points.push(v);
  return points;
}

/**
 * Drift's view of the data taken in the checks' scan (see ScanCompanion): the data's profile on the reference's
 * bins and categories, and the counts exact KS needs against a reference that keeps its values. `current(digest)`
 * after the scan gives the side to compare; `companion.plan` may decline (too wide a query): profile separately.
 */
export function driftAlongside(
  reference: DataProfile,
  table: DataTable,
  options: Pick<DriftOptions, 'test' | 'threshold' | 'schema' | 'share' | 'reference'>,
  file: string,
): { companion: ScanCompanion; current(digest: string): DriftSide } {
  const present = new Set(table.columns.map((column) => column.name));
  const shared = new Set(reference.columns.map((column) => column.name).filter((name) => present.has(name)));
  const kinds = table.columns.map((column) => ({ ...column, kind: kindOf(column.type) }));
  const refColumns = new Map(reference.columns.map((column) => [column.name, column]));
  const countsAt = new Map<string, number[]>();
  for (const column of plan(reference, { columns: kinds }, options).plans) {
    const ref = refColumns.get(column.name);
    if (column.test !== 'ks' || ref?.kind !== 'numeric' || !ref.values || ref.values.length === 0) continue;
    countsAt.set(column.name, distinctValues([...ref.values].sort((a, b) => a - b)));
  }
  const alongside = profileAlongside(table, {
    file,
    ...driftProfileOptions(reference, options.schema),
    columns: shared,
    values: false,
    countsAt,
  });
  return {
    companion: alongside.companion,
    current: (digest) => ({ profile: alongside.profile(digest), table, countsAt: alongside.countsAt() }),
  };
}

/** numpy.std (ddof 0) of values. */
function populationStd(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  return Math.sqrt(squares / values.length);
}

function sameEdges(a: NumericBins | undefined, b: NumericBins | undefined): boolean {
  return (
    a !== undefined &&
    b !== undefined &&
    a.edges.length === b.edges.length &&
    a.edges.every((e, i) => e === b.edges[i])
  );
}

/** Representative points of histogram slots: bin midpoints, the side's min below and max above the edges. */
function binPoints(column: NumericColumnProfile, bins: NumericBins): { points: number[]; weights: number[] } {
  const points: number[] = [];
  const weights: number[] = [];
  const k = bins.edges.length - 1;
  bins.counts.forEach((n, slot) => {
    if (n === 0) return;
    const point =
      slot === 0
        ? (column.min ?? (bins.edges[0] as number))
        : slot === k + 1
          ? (column.max ?? (bins.edges[k] as number))
          : ((bins.edges[slot - 1] as number) + (bins.edges[slot] as number)) / 2;
    points.push(point);
    weights.push(n);
  });
  return { points, weights };
}

/** Fine-bin counts summed into coarse bins (every `coarseStep`-th edge), keeping the below/above slots. */
function coarsen(bins: NumericBins): NumericBins {
  const k = bins.edges.length - 1;
  const boundaries: number[] = [];
  for (let i = 0; i < k; i += coarseStep) boundaries.push(i);
  boundaries.push(k);
  const edges = boundaries.map((i) => bins.edges[i] as number);
  const counts = new Array<number>(edges.length + 1).fill(0);
  counts[0] = bins.counts[0] ?? 0;
  counts[edges.length] = bins.counts[k + 1] ?? 0;
  for (let c = 0; c < boundaries.length - 1; c++) {
    for (let j = boundaries[c] as number; j < (boundaries[c + 1] as number); j++) {
      counts[c + 1] = (counts[c + 1] as number) + (bins.counts[j + 1] ?? 0);
    }
  }
  return { edges, counts };
}

/**
 * A bin edge as a chart label: three significant digits, thousands and up with a suffix (`862k`, `1.04M`), tiny
 * values in exponent form. Short, so twenty labels fit a chart; the exact edges are in the written profile.
 */
export function compactNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3) return value.toExponential(1).replace(/\.0e/, 'e');
  const suffixes = ['', 'k', 'M', 'G', 'T'];
  let scaled = value;
  let index = 0;
  // Below 10 000 as is: 1234 reads better than 1.23k.
  if (magnitude >= 1e4) {
    while (Math.abs(scaled) >= 999.5 && index < suffixes.length - 1) {
      scaled /= 1000;
      index++;
    }
    return `${Number(scaled.toPrecision(3))}${suffixes[index]}`;
  }
  return String(Number(value.toPrecision(magnitude >= 1000 ? 4 : 3)));
}

function proportions(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, n) => sum + n, 0);
  return counts.map((n) => (total === 0 ? 0 : Number((n / total).toPrecision(6))));
}

function numericChart(reference: NumericBins, current: NumericBins): NonNullable<DriftColumn['chart']> {
  const k = reference.edges.length - 1;
  const labels: string[] = [];
  const ref: number[] = [];
  const cur: number[] = [];
  const refP = proportions(reference.counts);
  const curP = proportions(current.counts);
  reference.counts.forEach((_, slot) => {
    const empty = (reference.counts[slot] ?? 0) === 0 && (current.counts[slot] ?? 0) === 0;
    if ((slot === 0 || slot === k + 1) && empty) return;
    labels.push(
      slot === 0
        ? `< ${compactNumber(reference.edges[0] as number)}`
        : slot === k + 1
          ? `> ${compactNumber(reference.edges[k] as number)}`
          : `${compactNumber(reference.edges[slot - 1] as number)}–${compactNumber(reference.edges[slot] as number)}`,
    );
    ref.push(refP[slot] as number);
    cur.push(curP[slot] as number);
  });
  return { labels, reference: ref, current: cur };
}

/** Category counts keyed alike on both sides; categories beyond either profile's cap meet under `otherKey`. */
function categoryCounts(
  reference: CategoricalColumnProfile,
  current: CategoricalColumnProfile,
): { ref: Map<string, number>; cur: Map<string, number> } {
  const ref = new Map(reference.categories);
  const cur = new Map(current.categories);
  if (reference.other > 0) ref.set(otherKey, reference.other);
  if (current.other > 0) cur.set(otherKey, current.other);
  return { ref, cur };
}

function categoricalChart(
  ref: Map<string, number>,
  cur: Map<string, number>,
): NonNullable<DriftColumn['chart']> {
  const refTotal = [...ref.values()].reduce((s, n) => s + n, 0) || 1;
  const curTotal = [...cur.values()].reduce((s, n) => s + n, 0) || 1;
  const keys = [...new Set([...ref.keys(), ...cur.keys()])].filter((key) => key !== otherKey);
  const weight = (key: string) => Math.max((ref.get(key) ?? 0) / refTotal, (cur.get(key) ?? 0) / curTotal);
  keys.sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : a > b ? 1 : 0));
  const shown = keys.slice(0, chartCategories);
  const round = (x: number) => Number(x.toPrecision(6));
  const refShown = shown.map((key) => (ref.get(key) ?? 0) / refTotal);
  const curShown = shown.map((key) => (cur.get(key) ?? 0) / curTotal);
  const labels = [...shown];
  const refRest = 1 - refShown.reduce((s, x) => s + x, 0);
  const curRest = 1 - curShown.reduce((s, x) => s + x, 0);
  if (keys.length > shown.length || ref.has(otherKey) || cur.has(otherKey)) {
    labels.push('(other)');
    refShown.push(Math.max(refRest, 0));
    curShown.push(Math.max(curRest, 0));
  }
  return { labels, reference: refShown.map(round), current: curShown.map(round) };
}

interface Measured {
  statistic: number;
  pValue?: number;
  binned?: boolean;
  chart?: DriftColumn['chart'];
  skipped?: string;
  newValues?: DriftColumn['newValues'];
}

/** New values named per column in the result; the count of rows and of distinct values covers them all. */
const newValueExamples = 5;

/**
 * The data's values that the reference never has, when the reference lists every value it has (none under its
 * cap's `other`): a finding of its own, whatever the test says (one new row in hundreds is no drift, but a new
 * label value is news).
 */
function newValuesOf(
  reference: CategoricalColumnProfile,
  current: CategoricalColumnProfile,
): DriftColumn['newValues'] {
  if (reference.other > 0) return undefined;
  const known = new Set(reference.categories.map(([value]) => value));
  const found = current.categories.filter(([value, count]) => count > 0 && !known.has(value));
  if (found.length === 0) return undefined;
  const rows = found.reduce((sum, [, count]) => sum + count, 0);
  return {
    rows,
    share: Number((rows / current.count).toPrecision(6)),
    values: found.length,
    // The profile lists categories most frequent first.
    examples: found.slice(0, newValueExamples),
  };
}

async function measureNumeric(
  plan: ColumnPlan,
  reference: DriftSide,
  current: DriftSide,
  ref: NumericColumnProfile,
  cur: NumericColumnProfile,
  pooled: ReadonlyMap<string, { d: number; w: number }>,
  fetched: ReadonlyMap<DriftSide, ReadonlyMap<string, number[]>>,
): Promise<Measured> {
  const n = ref.count - ref.nonFinite;
  const m = cur.count - cur.nonFinite;
  if (n === 0) return { statistic: Number.NaN, skipped: 'no numeric values in the reference' };
  if (m === 0) return { statistic: Number.NaN, skipped: 'no numeric values in the data' };
  const shared = sameEdges(ref.bins, cur.bins);
  const chart =
    shared && ref.bins && cur.bins ? numericChart(coarsen(ref.bins), coarsen(cur.bins)) : undefined;
  const exactRef = exactSide(reference, ref, fetched.get(reference));
  const exactCur = exactSide(current, cur, fetched.get(current));
  const exact = exactRef && exactCur ? { ref: exactRef, cur: exactCur } : undefined;
  const withChart = (measured: Measured): Measured => (chart ? { ...measured, chart } : measured);
  const noBins = (): Measured => ({
    statistic: Number.NaN,
    skipped:
      'the profiles have different bin edges: profile the partitions with --reference so they share its edges',
  });

  switch (plan.test) {
    case 'ks': {
      const counted = ksAtReferenceValues(ref, current.countsAt?.get(plan.name), m);
      if (counted !== undefined) {
        const result = ksTwoSampleOfStatistic(counted, n, m);
        return withChart({ statistic: result.statistic, pValue: result.pValue });
      }
      if (exact) {
        if (Math.max(n, m) <= exactKsSize) {
          const result = ksTwoSample(
            await valuesOf(exact.ref, plan.name),
            await valuesOf(exact.cur, plan.name),
          );
          return withChart({ statistic: result.statistic, pValue: result.pValue });
        }
        // scipy's 'auto' is asymptotic at this size too: kstwo.sf(D, round(n m / (n + m))).
        const { d } = pooled.get(plan.name) ?? (await pooledInSql(exact.ref, exact.cur, plan.name));
        return withChart({
          statistic: d,
          pValue: kolmogorovTwoSidedSurvival(roundHalfEven((n * m) / (n + m)), d),
        });
      }
      if (!shared || !ref.bins || !cur.bins) return noBins();
      // On bins: the CDFs compared at the bin edges only (a lower bound of D), asymptotic p-value.
      let f = 0;
      let g = 0;
      let d = 0;
      const refTotal = ref.bins.counts.reduce((s, c) => s + c, 0);
      const curTotal = cur.bins.counts.reduce((s, c) => s + c, 0);
      ref.bins.counts.forEach((c, slot) => {
        f += c / refTotal;
        g += (cur.bins?.counts[slot] ?? 0) / curTotal;
        d = Math.max(d, Math.abs(f - g));
      });
      return withChart({
        statistic: d,
        pValue: kolmogorovTwoSidedSurvival(roundHalfEven((n * m) / (n + m)), d),
        binned: true,
      });
    }
    case 'wasserstein': {
      const std = Math.max(ref.values ? populationStd(ref.values) : (ref.std ?? 0), 0.001);
      if (exact) {
        const w =
          n + m <= fetchedWassersteinSize
            ? wassersteinDistance(await valuesOf(exact.ref, plan.name), await valuesOf(exact.cur, plan.name))
            : (pooled.get(plan.name) ?? (await pooledInSql(exact.ref, exact.cur, plan.name))).w;
        return withChart({ statistic: w / std });
      }
      if (!ref.bins || !cur.bins) return noBins();
      const u = binPoints(ref, ref.bins);
      const v = binPoints(cur, cur.bins);
      return withChart({
        statistic: wassersteinDistance(u.points, v.points, u.weights, v.weights) / std,
        binned: true,
      });
    }
    default: {
      if (!shared || !ref.bins || !cur.bins) return noBins();
      const a = coarsen(ref.bins).counts;
      const b = coarsen(cur.bins).counts;
      if (plan.test === 'psi') return withChart({ statistic: populationStabilityIndex(a, b), binned: true });
      if (plan.test === 'jensen-shannon')
        return withChart({ statistic: jensenShannonDistance(a, b), binned: true });
      const result = chiSquareDrift(
        new Map(a.map((c, i) => [String(i), c])),
        new Map(b.map((c, i) => [String(i), c])),
      );
      return withChart({ statistic: result.statistic, pValue: result.pValue, binned: true });
    }
  }
}

function measureCategorical(
  plan: ColumnPlan,
  refColumn: CategoricalColumnProfile,
  curColumn: CategoricalColumnProfile,
): Measured {
  if (refColumn.count === 0) return { statistic: Number.NaN, skipped: 'no values in the reference' };
  if (curColumn.count === 0) return { statistic: Number.NaN, skipped: 'no values in the data' };
  const { ref, cur } = categoryCounts(refColumn, curColumn);
  const newValues = newValuesOf(refColumn, curColumn);
  const found = { chart: categoricalChart(ref, cur), ...(newValues ? { newValues } : {}) };
  if (plan.test === 'chi-square') {
    const result = chiSquareDrift(ref, cur);
    return { statistic: result.statistic, pValue: result.pValue, ...found };
  }
  const keys = [...new Set([...ref.keys(), ...cur.keys()])].sort();
  const a = keys.map((key) => ref.get(key) ?? 0);
  const b = keys.map((key) => cur.get(key) ?? 0);
  if (plan.test === 'psi') return { statistic: populationStabilityIndex(a, b), ...found };
  return { statistic: jensenShannonDistance(a, b), ...found };
}

function describe(value: number): string {
  if (Number.isNaN(value)) return 'n/a';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  return Number(value.toPrecision(4)).toString();
}

/**
 * Compares the data with its reference column by column, then applies the data set rule. `current.profile` must
 * hold the data's shared columns with histograms on the reference's bin edges (profileTable with `edges`).
 */
export async function compareDrift(
  reference: DriftSide,
  current: DriftSide,
  options: DriftOptions & { digest: string },
): Promise<DriftOutcome> {
  const { plans, skipped } = plan(reference.profile, current.profile, options);
  const refColumns = new Map(reference.profile.columns.map((column) => [column.name, column]));
  const curColumns = new Map(current.profile.columns.map((column) => [column.name, column]));
  const columns: DriftColumn[] = [...skipped];
  const checks: Check[] = [];
  // The exact statistics too big to fetch, every column in one query when both sides are tables.
  const pooledColumns: { name: string; n: number; m: number }[] = [];
  for (const column of plans) {
    const ref = refColumns.get(column.name);
    const cur = curColumns.get(column.name);
    if (ref?.kind !== 'numeric' || cur?.kind !== 'numeric' || ref.values || cur.values) continue;
    const n = ref.count - ref.nonFinite;
    const m = cur.count - cur.nonFinite;
    const pooledTest =
      (column.test === 'ks' && Math.max(n, m) > exactKsSize) ||
      (column.test === 'wasserstein' && n + m > fetchedWassersteinSize);
    if (pooledTest && n > 0 && m > 0) pooledColumns.push({ name: column.name, n, m });
  }
  const pooled =
    reference.table && current.table
      ? await pooledTablesInSql(reference.table, current.table, pooledColumns)
      : new Map<string, { d: number; w: number }>();
  const location = (line?: number) =>
    options.schema
      ? { location: { file: options.schema.file, ...(line === undefined ? {} : { line }) } }
      : {};

  const explicitTests = new Set(
    (options.schema?.columns ?? []).filter((spec) => spec.drift?.test !== undefined).map((spec) => spec.name),
  );
  for (const group of fetchGroups(plans, [reference, current], refColumns, curColumns)) {
    const fetched = new Map<DriftSide, Map<string, number[]>>();
    for (const [side, names] of group.fetch) {
      if (side.table) fetched.set(side, await numericValues(side.table, names));
    }
    for (const column of group.plans) {
      const ref = refColumns.get(column.name);
      const cur = curColumns.get(column.name);
      let measured: Measured;
      if (ref?.kind === 'numeric' && cur?.kind === 'numeric') {
        measured = await measureNumeric(column, reference, current, ref, cur, pooled, fetched);
      } else if (ref?.kind === 'categorical' && cur?.kind === 'categorical') {
        const explicit = explicitTests.has(column.name);
        const reason = categoricalSkipReason(ref, explicit);
        measured = reason ? { statistic: Number.NaN, skipped: reason } : measureCategorical(column, ref, cur);
      } else {
        continue;
      }
      const pValueTest = isPValueTest(column.test);
      const observed = pValueTest ? (measured.pValue ?? Number.NaN) : measured.statistic;
      const drifted =
        measured.skipped === undefined &&
        (pValueTest ? observed <= column.threshold : observed >= column.threshold);
      columns.push({
        column: column.name,
        kind: column.kind,
        test: column.test,
        statistic: measured.statistic,
        ...(measured.pValue === undefined ? {} : { pValue: measured.pValue }),
        threshold: column.threshold,
        drifted,
        ...(measured.chart ? { chart: measured.chart } : {}),
        ...(measured.skipped ? { skipped: measured.skipped } : {}),
        ...(measured.binned ? { binned: true } : {}),
        ...(measured.newValues ? { newValues: measured.newValues } : {}),
      });
      if (measured.skipped !== undefined) continue;
      const shown = pValueTest
        ? `${column.test} p-value ${describe(observed)} (statistic ${describe(measured.statistic)})`
        : `${column.test} ${describe(observed)}`;
      const verdict = drifted
        ? `drifted: ${shown} ${pValueTest ? '<=' : '>='} ${column.threshold}`
        : `no drift: ${shown} ${pValueTest ? '>' : '<'} ${column.threshold}`;
      checks.push({
        name: 'drift',
        column: column.name,
        status: drifted ? (column.severity === 'error' ? 'failed' : 'warned') : 'passed',
        severity: column.severity,
        message: `${verdict}${measured.binned ? " (on the profile's bins)" : ''}`,
        expected: `${pValueTest ? 'p >' : '<'} ${column.threshold}`,
        observed: Number.isFinite(observed) ? Number(observed.toPrecision(6)) : String(observed),
        ...location(column.line),
      });
    }
  }

  const compared = columns.filter((column) => column.skipped === undefined);
  const driftedCount = compared.filter((column) => column.drifted).length;
  const share = compared.length === 0 ? 0 : driftedCount / compared.length;
  const datasetDrifted = driftedCount > 0 && share >= options.share;
  const percent = (x: number) => `${Number((x * 100).toPrecision(3))}%`;
  checks.push({
    name: 'drift',
    status: compared.length === 0 ? 'warned' : datasetDrifted ? 'failed' : 'passed',
    severity: 'error',
    message:
      compared.length === 0
        ? `no shared column could be compared with the reference ${options.reference.path}`
        : `${driftedCount} of ${compared.length} compared columns drifted (${percent(share)})${options.reference.model ? ` from the training data of ${modelVersionText(options.reference.model)}` : ''}; the data set drifts at ${percent(options.share)}`,
    expected: `share < ${options.share}`,
    observed: Number(share.toPrecision(6)),
  });
  // Columns in data order; the report sorts as it likes.
  const order = new Map(reference.profile.columns.map((column, i) => [column.name, i]));
  columns.sort((a, b) => (order.get(a.column) ?? 0) - (order.get(b.column) ?? 0));
  return {
    summary: {
      reference: {
        path: options.reference.path,
        kind: options.reference.kind,
        digest: options.digest,
        rows: reference.profile.data.rows,
        ...(options.reference.model ? { model: options.reference.model } : {}),
      },
      columns,
      share,
      shareThreshold: options.share,
      drifted: datasetDrifted,
    },
    checks,
  };
}

/** `churn version 3 (production)`: the model version a registry: reference compared with, for messages. */
export function modelVersionText(model: ReferenceModel): string {
  return `${model.name} version ${model.version}${model.alias ? ` (${model.alias})` : ''}`;
}

/** Bin edges of the reference's numeric columns, so the data's histograms share them. */
export function referenceEdges(reference: DataProfile): Map<string, number[]> {
  const edges = new Map<string, number[]>();
  for (const column of reference.columns) {
    if (column.kind === 'numeric' && column.bins) edges.set(column.name, column.bins.edges);
  }
  return edges;
}

/** Why a categorical column is not compared: too many distinct values in the reference to say anything. */
export function categoricalSkipReason(
  ref: CategoricalColumnProfile,
  explicitTest: boolean,
): string | undefined {
  if (ref.count === 0) return undefined;
  // Not counted at all: nothing to compare, whatever the schema asks.
  if (ref.categories.length === 0)
    return `about ${ref.distinct} distinct values in the reference, too many to count (a key or free text)`;
  if (explicitTest) return undefined;
  if (ref.distinct > maxProfileCategories)
    return `${ref.distinct} distinct values in the reference, more than ${maxProfileCategories} (a key or free text)`;
  if (ref.count > 20 && ref.other === 0 && ref.distinct === ref.count)
    return 'every reference value is distinct (a key or free text)';
  if (ref.count > 20 && ref.distinct > ref.count / 2)
    return `${ref.distinct} distinct values in ${ref.count} reference values, more than half (a key or free text)`;
  return undefined;
}

/** Columns whose drift the schema rules out (keys: unique or role: id; drift: false) unless it names a test. */
export function columnsWithoutDrift(schema: DataSchema | undefined): Set<string> {
  return new Set(
    (schema?.columns ?? [])
      .filter(
        (spec) =>
          (spec.unique?.value || spec.role === 'id' || spec.drift?.skip) && spec.drift?.test === undefined,
      )
      .map((spec) => spec.name),
  );
}

/**
 * What the data's profile needs for drift against `reference`: histograms on the reference's edges, frequencies of
 * the categorical columns the reference can be compared on, and counts only for the rest.
 */
export function driftProfileOptions(
  reference: DataProfile,
  schema: DataSchema | undefined,
): { edges: Map<string, number[]>; categories: Set<string>; countsOnly: Set<string> } {
  const without = columnsWithoutDrift(schema);
  const explicit = new Set(
    (schema?.columns ?? []).filter((spec) => spec.drift?.test !== undefined).map((spec) => spec.name),
  );
  const categories = new Set<string>();
  const countsOnly = new Set<string>(without);
  for (const column of reference.columns) {
    if (column.kind !== 'categorical' || without.has(column.name)) continue;
    if (categoricalSkipReason(column, explicit.has(column.name)) === undefined) categories.add(column.name);
    else countsOnly.add(column.name);
  }
  return { edges: referenceEdges(reference), categories, countsOnly };
}
