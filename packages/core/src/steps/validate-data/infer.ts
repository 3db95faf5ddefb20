import { Document } from 'yaml';
import { Aggregates, categoryOf, count, type TypeCategory } from './checks';
import { type DataTable, quoteIdentifier } from './data';

/** String columns with at most this many distinct values get an `allowed` list. */
export const maxInferredCategories = 20;

interface ColumnProfile {
  name: string;
  type: TypeCategory;
  nonNull: number;
  distinct?: number;
  min?: number | bigint;
  max?: number | bigint;
  categories?: string[];
}

export interface InferredSchema {
  /** The schema file's text (YAML). */
  text: string;
  rows: number;
  columns: number;
}

/**
 * Writes down what the data is: types, presence, nulls, numeric ranges, small category sets, distinct keys.
 * Every rule holds for the data it came from, so the data passes the schema inferred from it.
 */
export async function inferSchema(
  table: DataTable,
  origin: { file: string; digest: string },
): Promise<InferredSchema> {
  const aggregates = new Aggregates();
  const rowsAlias = aggregates.add('count(*)');
  const plans = table.columns.map((column) => {
    const id = quoteIdentifier(column.name);
    const type = categoryOf(column.type);
    const aliases: Record<string, string> = { nonNull: aggregates.add(`count(${id})`) };
    // Floats are never keys or categories, so their (costly) distinct count is skipped.
    if (type === 'integer' || type === 'string' || type === 'date' || type === 'datetime') {
      aliases.distinct = aggregates.distinct(id, column.type);
    }
    if (type === 'integer') {
      // As text: a HUGEINT or UBIGINT bound keeps every digit.
      aliases.min = aggregates.add(`CAST(min(${id}) AS VARCHAR)`);
      aliases.max = aggregates.add(`CAST(max(${id}) AS VARCHAR)`);
    } else if (type === 'number') {
      aliases.min = aggregates.add(`min(CAST(${id} AS DOUBLE))`);
      aliases.max = aggregates.add(`max(CAST(${id} AS DOUBLE))`);
    }
    return { column, type, aliases };
  });
  const row = await aggregates.run(table);
  const rows = count(row[rowsAlias]);

  const profiles: ColumnProfile[] = plans.map(({ column, type, aliases }) => ({
    name: column.name,
    type,
    nonNull: count(row[aliases.nonNull ?? '']),
    ...(aliases.distinct ? { distinct: count(row[aliases.distinct]) } : {}),
    ...(aliases.min ? { min: bound(row[aliases.min], type) } : {}),
    ...(aliases.max ? { max: bound(row[aliases.max], type) } : {}),
  }));

  const categorical = profiles.filter(
    (profile) =>
      profile.type === 'string' &&
      profile.distinct !== undefined &&
      profile.distinct >= 1 &&
      profile.distinct <= maxInferredCategories &&
      profile.distinct < rows,
  );
  if (categorical.length > 0) {
    // The keys of a histogram (which leaves nulls out), not list(DISTINCT): no hash table per column.
    const lists = new Aggregates('c');
    const aliases = categorical.map((profile) =>
      lists.add(`list_sort(map_keys(histogram(${quoteIdentifier(profile.name)})))`),
    );
    const values = await lists.run(table);
    categorical.forEach((profile, i) => {
      profile.categories = ((values[aliases[i] as string] as unknown[] | null) ?? []).map(String);
    });
  }

  const columns = new Map<string, Record<string, unknown>>();
  for (const profile of profiles) columns.set(profile.name, columnRules(profile, rows));
  const document = new Document({
    version: 1,
    columns,
    table: { columns: 'exact', ...(rows > 0 ? { rows: { min: 1 } } : {}) },
  });
  document.commentBefore = [
    ` Inferred by mlci validate-data from ${origin.file} (${rows} rows, ${origin.digest}).`,
    ' Review it: bounds and categories are what this file holds, not necessarily what later data may hold.',
  ].join('\n');
  return { text: document.toString({ lineWidth: 0 }), rows, columns: profiles.length };
}

function bound(raw: unknown, type: TypeCategory): number | bigint | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (type === 'integer') {
    const value = BigInt(String(raw));
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value;
  }
  // A NaN or infinite bound would hold but says nothing useful; leave it out.
  return typeof raw === 'number' && Number.isFinite(raw) ? raw : undefined;
}

function columnRules(profile: ColumnProfile, rows: number): Record<string, unknown> {
  const rules: Record<string, unknown> = {};
  // Lists, structs and the like have no schema type: the column is only required to be there.
  if (profile.type !== 'other') rules.type = profile.type;
  rules.required = true;
  rules.nullable = profile.nonNull < rows;
  if (profile.min !== undefined) rules.min = profile.min;
  if (profile.max !== undefined) rules.max = profile.max;
  if (profile.categories && profile.categories.length > 0) rules.allowed = profile.categories;
  if (profile.distinct !== undefined && profile.nonNull > 1 && profile.distinct === profile.nonNull)
    rules.unique = true;
  return rules;
}
