import type { Check } from '../../report/model';
import { csvHeader } from './csv-diagnosis';
import type { DataFormat } from './input';

/**
 * A header DuckDB would quietly repair: it renames a repeated label (`amount`, `amount_1`; labels differing only
 * in case count as one, since SQL names do) and names a blank one itself (`column1` in CSV, `C0` in JSON).
 * Named as Frictionless names these errors.
 */
export interface LabelProblem {
  name: 'duplicate-label' | 'blank-label';
  /** The label as written (in CSV/TSV without its surrounding spaces, which DuckDB drops); empty for a blank one. */
  label: string;
  /** 1-based fields of the header (CSV/TSV); JSON Lines keys and Parquet fields have no place to name. */
  fields?: number[];
  /** What DuckDB calls the columns instead. */
  readAs: string[];
  message: string;
}

/** What `labelProblems` needs of a file opened in DuckDB. */
export interface HeaderSource {
  format: DataFormat;
  /** The file for Node to read. */
  path: string;
  /** SQL string literal of the path for DuckDB (a literal path, see io/duckdb-path.ts). */
  sqlPath: string;
  /** Column names as DuckDB read them, in order. */
  columns: readonly string[];
  maxLineSize: number;
  query(sql: string): Promise<Record<string, unknown>[]>;
}

/**
 * Names DuckDB may have made up: `C0`/`column1` for a blank label, `<name>_<n>` for a second `<name>` (only when
 * `<name>` is a column too, so `feature_1` beside no `feature` is taken as written). Only then do JSON Lines
 * (one more pass over the file) and Parquet (its schema) need a second look.
 */
function madeUpNames(columns: readonly string[]): string[] {
  const lower = new Set(columns.map((name) => name.toLowerCase()));
  return columns.filter((name) => {
    if (/^(C|column)\d+$/.test(name)) return true;
    const base = /^(.*)_\d+$/.exec(name)?.[1];
    return base !== undefined && lower.has(base.toLowerCase());
  });
}

export async function labelProblems(source: HeaderSource): Promise<LabelProblem[]> {
  if (source.format === 'csv' || source.format === 'tsv') {
    const labels = csvHeader(source.path, source.format === 'tsv' ? '\t' : ',', source.maxLineSize);
    // One column per header field (the dialect is fixed, strict): anything else is not a header to compare.
    if (!labels || labels.length !== source.columns.length) return [];
    const columns = source.columns;
    // DuckDB drops the spaces around a CSV label, quoted or not: ` id` is a second `id` to it.
    return problemsOf(
      labels.map((label, index) => ({ label: label.trim(), field: index + 1 })),
      (found) => found.map((label) => columns[(label.field as number) - 1] as string),
    );
  }
  const invented = madeUpNames(source.columns);
  if (invented.length === 0) return [];
  const labels = source.format === 'jsonl' ? await jsonKeys(source) : await parquetFields(source);
  const read = new Set(source.columns);
  // Keys and fields map to columns by name: a renamed one is read under a name the file does not have.
  const written = new Set(labels);
  const renamed = invented.filter((name) => !written.has(name));
  return problemsOf(
    labels.map((label) => ({ label })),
    (found) =>
      found[0]?.label.trim() === ''
        ? renamed.filter((name) => /^(C|column)\d+$/.test(name))
        : [
            ...new Set(found.map((label) => label.label).filter((label) => read.has(label))),
            ...renamed.filter((name) =>
              found.some((label) => name.toLowerCase().startsWith(`${label.label.toLowerCase()}_`)),
            ),
          ],
  );
}

interface Label {
  label: string;
  /** 1-based field of a CSV/TSV header. */
  field?: number;
}

function problemsOf(labels: readonly Label[], readAs: (found: readonly Label[]) => string[]): LabelProblem[] {
  const problems: LabelProblem[] = [];
  const fields = (found: readonly Label[]) =>
    found.every((label) => label.field !== undefined)
      ? { fields: found.map((label) => label.field as number) }
      : {};
  const where = (found: readonly Label[]) =>
    found.every((label) => label.field !== undefined)
      ? ` (${found.length === 1 ? 'field' : 'fields'} ${found.map((label) => label.field).join(', ')})`
      : '';
  const blanks = labels.filter((label) => label.label.trim() === '');
  const blankAs = readAs(blanks);
  if (blanks.length > 0 && blanks.every((label) => label.field !== undefined)) {
    // CSV/TSV: one problem per blank field, as Frictionless reports them.
    for (const [index, blank] of blanks.entries()) {
      const as = blankAs[index];
      problems.push({
        name: 'blank-label',
        label: blank.label,
        ...fields([blank]),
        readAs: as === undefined ? [] : [as],
        message: `a column has no name${where([blank])}${as ? `; DuckDB would call it ${as}` : ''}`,
      });
    }
  } else if (blanks.length > 0) {
    problems.push({
      name: 'blank-label',
      label: blanks[0]?.label as string,
      readAs: blankAs,
      message: `a key is empty${blankAs.length > 0 ? `; DuckDB would call it ${blankAs.join(', ')}` : ''}`,
    });
  }
  const groups = new Map<string, Label[]>();
  for (const label of labels) {
    if (label.label.trim() === '') continue;
    const key = label.label.toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), label]);
  }
  for (const found of groups.values()) {
    if (found.length < 2) continue;
    const names = [...new Set(found.map((label) => label.label))];
    const as = readAs(found);
    const what =
      names.length === 1
        ? `${shown(names[0] as string)} names ${found.length} columns`
        : `${names.map(shown).join(' and ')} differ only in case, which SQL names do not tell apart`;
    problems.push({
      name: 'duplicate-label',
      label: found[0]?.label as string,
      ...fields(found),
      readAs: as,
      message: `${what}${where(found)}${as.length > 0 ? `; DuckDB would read them as ${as.map(plainName).join(', ')}` : ''}`,
    });
  }
  return problems;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
const controlCharacter = /[\u0000-\u001f\u007f]/;

/** A label in a one-line message: quoted, and JSON-escaped when it holds a line break or another control character. */
function shown(label: string): string {
  return controlCharacter.test(label) ? JSON.stringify(label) : `'${label}'`;
}

/** A column name in a one-line message: as is, unless it holds a control character. */
function plainName(name: string): string {
  return controlCharacter.test(name) ? JSON.stringify(name) : name;
}

/** Every top-level key of the file's objects, sorted (one pass over the file). */
async function jsonKeys(source: HeaderSource): Promise<string[]> {
  const rows = await source.query(
    `SELECT DISTINCT unnest(json_keys(json)) AS key FROM read_ndjson_objects(${source.sqlPath}) ORDER BY key`,
  );
  return rows.map((row) => String(row.key));
}

/** The top-level field names of a Parquet file's schema, as stored. */
async function parquetFields(source: HeaderSource): Promise<string[]> {
  const rows = await source.query(`SELECT name, num_children FROM parquet_schema(${source.sqlPath})`);
  const names: string[] = [];
  // Pre-order: the root, then each field followed by its subtree; skip subtrees to keep top-level names.
  let skip = 0;
  for (const row of rows.slice(1)) {
    if (skip > 0) {
      skip += Number(row.num_children ?? 0) - 1;
      continue;
    }
    names.push(String(row.name));
    skip = Number(row.num_children ?? 0);
  }
  return names;
}

/**
 * The failed checks of a file's header: each repeated or blank label is an error of the contract, whatever the
 * schema says, as in Frictionless (a data file whose columns cannot be told apart by name cannot be checked
 * by name). The gate fails (exit 1); the other checks still run on the columns as DuckDB named them.
 */
export function labelChecks(file: string, format: DataFormat, problems: readonly LabelProblem[]): Check[] {
  return problems.map((problem) => ({
    name: problem.name,
    ...(problem.label.trim() === '' ? {} : { column: problem.label }),
    status: 'failed',
    severity: 'error',
    message: `${file}: ${problem.message}`,
    ...(problem.readAs.length > 0 ? { observed: problem.readAs } : {}),
    location: { file, ...(format === 'csv' || format === 'tsv' ? { line: 1 } : {}) },
  }));
}
