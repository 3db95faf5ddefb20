/**
 * Sharded validation: the profiles of a data set's partitions merged into the profile of the whole, and the schema
 * rules that can be decided from a profile. Counts, nulls, min/max, category frequencies and histograms on shared
 * edges merge exactly; mean and standard deviation by Chan's parallel formula; percentile edges do not merge, so
 * partitions are profiled on a reference's edges (`--write-profile` with `--reference`).
 */
import { createHash } from 'node:crypto';
import { InputError } from '../../errors';
import { plural } from '../../report/markdown';
import type { Check } from '../../report/model';
import { categoryOf, isCompatible } from './checks';
import {
  type CategoricalColumnProfile,
  type ColumnProfile,
  compareCategories,
  type DataProfile,
  maxProfileCategories,
  type NumericColumnProfile,
  rawValueRows,
} from './profile';
import type { DataSchema, Rule } from './schema';

export interface NamedProfile {
  file: string;
  profile: DataProfile;
}

/** sha256 over the partitions' data digests in the given order, one a line. */
export function mergedDigest(digests: readonly string[]): string {
  return `sha256:${createHash('sha256')
    .update(digests.map((digest) => `${digest}\n`).join(''))
    .digest('hex')}`;
}

function sameEdges(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((edge, i) => edge === b[i]);
}

/** The wider type when partitions sniffed a column differently (e.g. BIGINT in one, DOUBLE in another). */
function mergedType(a: string, b: string): string {
  if (a === b) return a;
  const [x, y] = [categoryOf(a), categoryOf(b)];
  if ((x === 'integer' || x === 'number') && (y === 'integer' || y === 'number')) return 'DOUBLE';
  return 'VARCHAR';
}

function mergeNumeric(a: NumericColumnProfile, b: NumericColumnProfile, rows: number): NumericColumnProfile {
  const n1 = a.count - a.nonFinite;
  const n2 = b.count - b.nonFinite;
  const n = n1 + n2;
  let mean: number | undefined;
  let std: number | undefined;
  if (n1 === 0) [mean, std] = [b.mean, b.std];
  else if (n2 === 0) [mean, std] = [a.mean, a.std];
  else if (a.mean !== undefined && b.mean !== undefined && a.std !== undefined && b.std !== undefined) {
    const delta = b.mean - a.mean;
    mean = a.mean + (delta * n2) / n;
    const m2 = a.std ** 2 * n1 + b.std ** 2 * n2 + (delta * delta * n1 * n2) / n;
    std = Math.sqrt(m2 / n);
  }
  const round = (value: number | undefined) =>
    value === undefined ? undefined : Number(value.toPrecision(12));
  const bins =
    a.bins && b.bins && sameEdges(a.bins.edges, b.bins.edges)
      ? { edges: a.bins.edges, counts: a.bins.counts.map((c, i) => c + (b.bins?.counts[i] ?? 0)) }
      : undefined;
  const values =
    a.values && b.values && rows <= rawValueRows
      ? [...a.values, ...b.values].sort((x, y) => x - y)
      : undefined;
  const pick = (x: number | undefined, y: number | undefined, f: (p: number, q: number) => number) =>
    x === undefined ? y : y === undefined ? x : f(x, y);
  const merged: NumericColumnProfile = {
    name: a.name,
    type: mergedType(a.type, b.type),
    kind: 'numeric',
    count: a.count + b.count,
    nulls: a.nulls + b.nulls,
    nonFinite: a.nonFinite + b.nonFinite,
  };
  const min = pick(a.min, b.min, Math.min);
  const max = pick(a.max, b.max, Math.max);
  if (min !== undefined) merged.min = min;
  if (max !== undefined) merged.max = max;
  if (round(mean) !== undefined) merged.mean = round(mean) as number;
  if (round(std) !== undefined) merged.std = round(std) as number;
  if (bins) merged.bins = bins;
  if (values) merged.values = values;
  return merged;
}

function mergeCategorical(
  a: CategoricalColumnProfile,
  b: CategoricalColumnProfile,
): CategoricalColumnProfile {
  const counts = new Map<string, number>(a.categories);
  for (const [value, n] of b.categories) counts.set(value, (counts.get(value) ?? 0) + n);
  const all = [...counts].sort(compareCategories);
  const categories = all.slice(0, maxProfileCategories);
  const count = a.count + b.count;
  const listed = categories.reduce((sum, [, n]) => sum + n, 0);
  // Exact when both listed every category; otherwise categories beyond a cap may be counted twice.
  const complete = a.other === 0 && b.other === 0;
  return {
    name: a.name,
    type: mergedType(a.type, b.type),
    kind: 'categorical',
    count,
    nulls: a.nulls + b.nulls,
    distinct: complete ? all.length : Math.max(a.distinct, b.distinct, all.length),
    categories,
    other: count - listed,
  };
}

/**
 * Merges partition profiles into the profile of the whole. The partitions must have the same columns; a column of
 * different kinds (numeric in one, text in another) is an error naming both profiles.
 */
export function mergeProfiles(parts: readonly NamedProfile[]): DataProfile {
  const [first, ...rest] = parts;
  if (!first) throw new InputError('merge-profiles: no profiles to merge');
  let columns: ColumnProfile[] = first.profile.columns;
  let rows = first.profile.data.rows;
  for (const part of rest) {
    const byName = new Map(part.profile.columns.map((column) => [column.name, column]));
    rows += part.profile.data.rows;
    for (const column of part.profile.columns) {
      if (!columns.some((c) => c.name === column.name)) {
        throw new InputError(`${part.file}: column ${JSON.stringify(column.name)} is not in ${first.file}`);
      }
    }
    columns = columns.map((column) => {
      const other = byName.get(column.name);
      if (!other)
        throw new InputError(
          `${part.file}: column ${JSON.stringify(column.name)} of ${first.file} is missing`,
        );
      if (other.kind !== column.kind) {
        throw new InputError(
          `${part.file}: column ${JSON.stringify(column.name)} is ${other.kind} (${other.type}) but ${column.kind} (${column.type}) in ${first.file}`,
        );
      }
      if (column.kind === 'numeric') return mergeNumeric(column, other as NumericColumnProfile, rows);
      if (column.kind === 'categorical') return mergeCategorical(column, other as CategoricalColumnProfile);
      const pick = (x: string | undefined, y: string | undefined, smaller: boolean) =>
        x === undefined ? y : y === undefined ? x : x < y === smaller ? x : y;
      const min = pick(column.min, other.kind === 'other' ? other.min : undefined, true);
      const max = pick(column.max, other.kind === 'other' ? other.max : undefined, false);
      return {
        name: column.name,
        type: mergedType(column.type, other.type),
        kind: 'other' as const,
        count: column.count + other.count,
        nulls: column.nulls + other.nulls,
        ...(min === undefined ? {} : { min }),
        ...(max === undefined ? {} : { max }),
      };
    });
  }
  const digests = parts.map((part) => part.profile.data.digest);
  return {
    mlci: 'profile',
    version: 1,
    data: {
      file: parts.map((part) => part.file).join(', '),
      format: 'profiles',
      digest: mergedDigest(digests),
      rows,
      partitions: digests,
    },
    columns,
  };
}

/** Why a rule cannot be decided from a profile; the partition jobs decide it. */
export const needsRows = 'needs the rows: run on the partitions with --schema';

/**
 * The schema rules decidable from a profile: presence, type (by the type read), nulls, numeric min/max, allowed
 * categories (when every category is listed), row count and the column set. Rules that need the rows (regex,
 * unique, values that must be converted) are reported as warnings saying so.
 */
export function checkProfile(profile: DataProfile, schema: DataSchema): Check[] {
  const check = (
    name: string,
    column: string | undefined,
    rule: Rule<unknown>,
    status: 'passed' | 'failed' | 'undecided',
    message: string,
    expected?: unknown,
    observed?: unknown,
  ): Check => ({
    name,
    ...(column === undefined ? {} : { column }),
    status:
      status === 'passed'
        ? 'passed'
        : status === 'undecided' || rule.severity === 'warn'
          ? 'warned'
          : 'failed',
    severity: rule.severity,
    message,
    ...(expected === undefined ? {} : { expected }),
    ...(observed === undefined ? {} : { observed }),
    location: { file: schema.file, ...(rule.line === undefined ? {} : { line: rule.line }) },
  });
  const byName = new Map(profile.columns.map((column) => [column.name, column]));
  const rows = profile.data.rows;
  const checks: Check[] = [];
  for (const spec of schema.columns) {
    const column = byName.get(spec.name);
    if (!column) {
      checks.push(
        spec.required.value
          ? check(
              'required',
              spec.name,
              spec.required,
              'failed',
              'column is missing from the data',
              'present',
              'absent',
            )
          : check(
              'required',
              spec.name,
              spec.required,
              'passed',
              'optional column is absent; its rules were not checked',
            ),
      );
      continue;
    }
    checks.push(check('required', spec.name, spec.required, 'passed', 'column is present'));
    const category = categoryOf(column.type);
    const typed = !spec.type || isCompatible(category, spec.type.value) || spec.type.value === 'string';
    if (spec.type) {
      checks.push(
        typed
          ? check(
              'type',
              spec.name,
              spec.type,
              'passed',
              `read as ${column.type}`,
              spec.type.value,
              column.type,
            )
          : check(
              'type',
              spec.name,
              spec.type,
              'undecided',
              `read as ${column.type}; converting its values ${needsRows}`,
              spec.type.value,
              column.type,
            ),
      );
    }
    if (spec.nullable && !spec.nullable.value) {
      checks.push(
        check(
          'nullable',
          spec.name,
          spec.nullable,
          column.nulls === 0 ? 'passed' : 'failed',
          column.nulls === 0 ? 'no nulls' : `${column.nulls} of ${plural(rows, 'value')} null`,
          0,
          column.nulls,
        ),
      );
    }
    if (spec.maxNullFraction) {
      const fraction = rows === 0 ? 0 : column.nulls / rows;
      checks.push(
        check(
          'max_null_fraction',
          spec.name,
          spec.maxNullFraction,
          fraction <= spec.maxNullFraction.value ? 'passed' : 'failed',
          `${column.nulls} of ${plural(rows, 'value')} null`,
          spec.maxNullFraction.value,
          Number(fraction.toPrecision(6)),
        ),
      );
    }
    for (const key of ['min', 'max'] as const) {
      const bound = spec[key];
      if (!bound) continue;
      const limit = typeof bound.value === 'bigint' ? Number(bound.value) : bound.value;
      if (column.kind !== 'numeric' || typeof limit !== 'number' || !typed) {
        checks.push(
          check(key, spec.name, bound, 'undecided', `${key} of a ${column.type} column ${needsRows}`, limit),
        );
        continue;
      }
      const observed = column[key];
      const ok = observed === undefined || (key === 'min' ? observed >= limit : observed <= limit);
      checks.push(
        check(
          key,
          spec.name,
          bound,
          ok ? 'passed' : 'failed',
          observed === undefined
            ? 'no values to compare'
            : ok
              ? `${key === 'min' ? 'smallest' : 'largest'} value ${observed} is within ${key} ${limit}`
              : `${key === 'min' ? 'smallest' : 'largest'} value ${observed} is ${key === 'min' ? 'below the minimum' : 'above the maximum'} ${limit}`,
          limit,
          observed,
        ),
      );
    }
    if (spec.allowed) {
      if (column.kind !== 'categorical' || column.other > 0) {
        checks.push(
          check(
            'allowed',
            spec.name,
            spec.allowed,
            'undecided',
            column.kind === 'categorical'
              ? `more than ${maxProfileCategories} categories; ${needsRows}`
              : `allowed on a ${column.type} column ${needsRows}`,
            spec.allowed.value,
          ),
        );
      } else {
        const allowed = new Set(spec.allowed.value.map(String));
        const outside = column.categories.filter(([value]) => !allowed.has(value));
        const n = outside.reduce((sum, [, c]) => sum + c, 0);
        checks.push(
          check(
            'allowed',
            spec.name,
            spec.allowed,
            n === 0 ? 'passed' : 'failed',
            n === 0
              ? 'all values are allowed'
              : `${plural(n, 'row')} ${n === 1 ? 'has a value' : 'have values'} not in the allowed list (${plural(outside.length, 'distinct value')}), e.g. ${outside
                  .slice(0, 5)
                  .map(([v]) => JSON.stringify(v))
                  .join(', ')}`,
            spec.allowed.value,
            n === 0 ? undefined : outside.slice(0, 5).map(([v]) => v),
          ),
        );
      }
    }
    if (spec.regex)
      checks.push(check('regex', spec.name, spec.regex, 'undecided', `regex ${needsRows}`, spec.regex.value));
    if (spec.unique?.value)
      checks.push(check('unique', spec.name, spec.unique, 'undecided', `unique ${needsRows}`, true));
  }

  const table = schema.table;
  const names = profile.columns.map((column) => column.name);
  if (table.columns.value !== 'subset') {
    const declared = schema.columns.map((column) => column.name);
    const extra = names.filter((name) => !declared.includes(name));
    const inData = names.filter((name) => declared.includes(name));
    const inSchema = declared.filter((name) => inData.includes(name));
    const misordered = table.columns.value === 'ordered' && inSchema.some((name, i) => inData[i] !== name);
    const ok = extra.length === 0 && !misordered;
    checks.push(
      check(
        'columns',
        undefined,
        table.columns,
        ok ? 'passed' : 'failed',
        ok
          ? 'columns are as the schema says'
          : [
              extra.length > 0
                ? `columns not in the schema: ${extra
                    .slice(0, 10)
                    .map((n) => JSON.stringify(n))
                    .join(', ')}`
                : '',
              misordered ? "columns are out of the schema's order" : '',
            ]
              .filter(Boolean)
              .join('; '),
        table.columns.value,
        { extra, ...(misordered ? { order: inData } : {}) },
      ),
    );
  }
  if (table.rowsMin) {
    checks.push(
      check(
        'rows.min',
        undefined,
        table.rowsMin,
        rows >= table.rowsMin.value ? 'passed' : 'failed',
        plural(rows, 'row'),
        table.rowsMin.value,
        rows,
      ),
    );
  }
  if (table.rowsMax) {
    checks.push(
      check(
        'rows.max',
        undefined,
        table.rowsMax,
        rows <= table.rowsMax.value ? 'passed' : 'failed',
        plural(rows, 'row'),
        table.rowsMax.value,
        rows,
      ),
    );
  }
  for (const key of table.unique) {
    checks.push(
      check(
        `unique(${key.value.join(', ')})`,
        undefined,
        key,
        'undecided',
        `compound unique ${needsRows}`,
        key.value,
      ),
    );
  }
  return checks;
}
