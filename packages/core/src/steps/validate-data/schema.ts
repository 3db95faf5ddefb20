/**
 * The data schema: a YAML contract a data file must satisfy, checked by `mlci validate-data`.
 *
 * ```yaml
 * version: 1                  # optional; the only version so far
 * description: Breast cancer features, one row per sample   # optional, free text
 * columns:                    # required: a map from column name to its rules, in column order
 *   id:
 *     type: integer
 *     unique: true              # a key: a unique column names failing rows and is no feature (see hygiene.ts)
 *     role: id                  # or say a column is an id without requiring it to be unique
 *   radius_mean:
 *     type: number            # integer | number | string | boolean | date | datetime
 *     required: true          # default true: the column must exist in the data
 *     nullable: false         # default true; or max_null_fraction: 0.05 (not both)
 *     min: 0                  # inclusive bounds, for integer, number, date and datetime columns
 *     max: 50
 *   diagnosis:
 *     type: string
 *     allowed: [malignant, benign]   # the only values allowed (categories)
 *     regex: '^[a-z]+$'              # every value must match it whole (RE2 syntax)
 *     severity: warn                 # default error; applies to all of this column's rules
 *   texture_mean:
 *     min: { value: 0, severity: warn }   # any rule may be {value, severity} to override one rule
 *     drift: { test: psi, threshold: 0.2 }  # drift test against --reference; `drift: false` skips the column;
 *                                           # severity: error makes this column's drift fail on its own (default warn)
 *   notes:                    # a column with no rules: it must exist, anything goes
 * table:                      # optional
 *   columns: exact            # exact: no columns beyond the schema's (any order);
 *                             # ordered: the same, and in the schema's order; subset (default): extra columns allowed
 *   unique: [[patient, visit]]   # compound keys: no two rows may share these values
 *   rows: { min: 1, max: 1000000 }
 *   severity: error           # default error; applies to the table rules
 * hygiene:                    # optional: thresholds of the train/test checks (--test); see hygiene.ts
 *   overlap: { max_fraction: 0, severity: error }   # each check: its settings, or false to turn it off
 *   exclude: [batch]          # columns the train/test checks leave out, besides the keys (unique, role: id)
 * ```
 *
 * Semantics:
 * - `type` passes when the column's type as read (DuckDB's, sniffed for CSV/TSV/JSON Lines) is the declared one
 *   (an integer column is also a `number`, a `date` also a `datetime`). Otherwise every non-null value must read as
 *   the declared type: `integer` whole numbers (`3`, `-4`, `3.0`), `number` any number, `boolean` true/false
 *   (also t/f, yes/no, 1/0), `date` `YYYY-MM-DD` without a time of day, `datetime` a date with optional time and
 *   UTC offset; `string` accepts anything. Values that do not read as the type are counted as failures and the other
 *   rules only see the values that do.
 * - In CSV and TSV files an empty field is null; the first row is the header. Columns declared `string` are read
 *   as text, so `02134` keeps its leading zero.
 * - `min`/`max` take numbers for integer and number columns and quoted `YYYY-MM-DD` (or date-time) text for date and
 *   datetime columns. `allowed` values must have the column's type (quote the values of a string column).
 * - `unique` and `table.unique` ignore nulls: rows with a null in the key are not compared.
 * - Keys: columns declared `unique: true` or `role: id`. The first of them (a `role: id` one before a `unique`
 *   one) names the example rows of a failed rule; the train/test checks leave all of them out (hygiene.ts).
 * - Severity `error` fails the step; `warn` reports the violation and passes.
 * - Unknown keys are errors, so a misspelt rule is never silently ignored.
 */
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import * as z from 'zod';
import { InputError } from '../../errors';
import { bytesDigest } from '../../io/digest';
import { readInputFile } from '../../io/read-input';
import { parseYamlFile } from '../../io/yaml';
import type { Severity } from '../../report/model';
import { type HygieneConfig, type HygieneLines, hygieneConfigSchema, hygieneKeys } from './hygiene-config';
import { type DriftTestOption, driftTests } from './input';

export const columnTypes = ['integer', 'number', 'string', 'boolean', 'date', 'datetime'] as const;
export type ColumnType = (typeof columnTypes)[number];
export const columnsModes = ['exact', 'ordered', 'subset'] as const;
export type ColumnsMode = (typeof columnsModes)[number];
/** What a column is besides its rules; `id`: it identifies a row and is no feature. */
export const columnRoles = ['id'] as const;
export type ColumnRole = (typeof columnRoles)[number];

/** A value a rule compares with: numbers (bigint when too large for a double), text, booleans. */
export type RuleScalar = number | bigint | string | boolean;

/** One rule as written: its value, its effective severity and the schema line it is on. */
export interface Rule<T> {
  value: T;
  severity: Severity;
  line?: number;
}

export interface ColumnSpec {
  name: string;
  /** Line of the column's key in the schema. */
  line?: number;
  description?: string;
  type?: Rule<ColumnType>;
  required: Rule<boolean>;
  nullable?: Rule<boolean>;
  maxNullFraction?: Rule<number>;
  min?: Rule<number | bigint | string>;
  max?: Rule<number | bigint | string>;
  allowed?: Rule<RuleScalar[]>;
  regex?: Rule<string>;
  unique?: Rule<boolean>;
  role?: ColumnRole;
  /** How the column is compared with a reference; absent: the global drift options apply. */
  drift?: DriftSpec;
}

/** A column's drift settings: `drift: false` (skip) or `drift: { test, threshold, severity }`. */
export interface DriftSpec {
  skip: boolean;
  test?: DriftTestOption;
  threshold?: number;
  /** Default warn: a drifted column warns and the data set rule decides the gate; error fails on its own. */
  severity: Severity;
  line?: number;
}

export interface TableSpec {
  columns: Rule<ColumnsMode>;
  unique: Rule<string[]>[];
  rowsMin?: Rule<number>;
  rowsMax?: Rule<number>;
}

export interface DataSchema {
  /** The schema file as the user named it: what check locations point to. */
  file: string;
  /** Digest of the bytes parsed, when read from a file (a pipe is read once: this is its only digest). */
  digest?: string;
  description?: string;
  columns: ColumnSpec[];
  table: TableSpec;
  /** The `hygiene:` section, defaults filled in; absent when the schema has none. */
  hygiene?: { config: HygieneConfig; lines: HygieneLines };
}

const severitySchema = z.enum(['error', 'warn']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A rule takes its value directly, or `{ value, severity }` to override the severity of this one rule. */
function rule<T extends z.ZodType>(value: T) {
  return z.preprocess(
    (input) => (isPlainObject(input) ? input : { value: input }),
    z.object({ value, severity: severitySchema.optional() }).strict(),
  );
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const datetimePattern =
  /^\d{4}-\d{2}-\d{2}([T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?)?(Z|[+-]([01]\d|2[0-3])(:?[0-5]\d)?)?$/;

function article(type: ColumnType): string {
  return `${type === 'integer' ? 'an' : 'a'} ${type}`;
}

/** `2024-02-30` matches the pattern but is no date. */
function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Whether a rule value can be compared with values of a column type; the reason when it cannot. */
export function misfit(value: RuleScalar, type: ColumnType): string | undefined {
  switch (type) {
    case 'integer':
      return (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint'
        ? undefined
        : 'expected a whole number';
    case 'number':
      return typeof value === 'number' || typeof value === 'bigint' ? undefined : 'expected a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'expected true or false';
    case 'date':
      return typeof value === 'string' && datePattern.test(value) && isCalendarDate(value)
        ? undefined
        : "expected a date like '2024-01-31'";
    case 'datetime':
      return typeof value === 'string' && datetimePattern.test(value) && isCalendarDate(value.slice(0, 10))
        ? undefined
        : "expected a date-time like '2024-01-31 12:00:00'";
    case 'string':
      return typeof value === 'string' ? undefined : 'expected text (quote it)';
  }
}

const boundSchema = z.union([z.number(), z.bigint(), z.string()]);
const scalarSchema = z.union([z.number(), z.bigint(), z.string(), z.boolean()]);

const columnSchema = z
  .object({
    description: z.string().optional(),
    type: rule(z.enum(columnTypes)).optional(),
    required: rule(z.boolean()).optional(),
    nullable: rule(z.boolean()).optional(),
    max_null_fraction: rule(z.number().min(0).max(1)).optional(),
    min: rule(boundSchema).optional(),
    max: rule(boundSchema).optional(),
    allowed: rule(z.array(scalarSchema).min(1)).optional(),
    regex: rule(z.string().min(1)).optional(),
    unique: rule(z.boolean()).optional(),
    role: z.enum(columnRoles).optional(),
    drift: z
      .union([
        z.literal(false),
        z
          .object({
            test: z.enum(driftTests).optional(),
            threshold: z.number().positive().optional(),
            severity: severitySchema.optional(),
          })
          .strict(),
      ])
      .optional(),
    severity: severitySchema.optional(),
  })
  .strict()
  .superRefine((column, context) => {
    if (column.nullable && column.max_null_fraction) {
      context.addIssue({
        code: 'custom',
        path: ['max_null_fraction'],
        message: 'give nullable or max_null_fraction, not both',
      });
    }
    const type = column.type?.value;
    for (const key of ['min', 'max'] as const) {
      const bound = column[key]?.value;
      if (bound === undefined) continue;
      if (type === 'string' || type === 'boolean') {
        context.addIssue({
          code: 'custom',
          path: [key],
          message: `does not apply to ${article(type)} column`,
        });
      } else if (type !== undefined) {
        const reason = misfit(bound, type);
        if (reason)
          context.addIssue({ code: 'custom', path: [key], message: `${reason} for ${article(type)} column` });
      } else if (typeof bound === 'string') {
        context.addIssue({
          code: 'custom',
          path: [key],
          message: 'a date bound needs type: date or datetime',
        });
      }
    }
    const min = column.min?.value;
    const max = column.max?.value;
    if (min !== undefined && max !== undefined && typeof min === typeof max && min > max) {
      context.addIssue({ code: 'custom', path: ['min'], message: `is greater than max (${String(max)})` });
    }
    if (type !== undefined && column.allowed) {
      column.allowed.value.forEach((value, index) => {
        const reason = misfit(value, type);
        if (reason)
          context.addIssue({
            code: 'custom',
            path: ['allowed', 'value', index],
            message: `${reason} for ${article(type)} column`,
          });
      });
    }
  });

const tableSchema = z
  .object({
    columns: rule(z.enum(columnsModes)).optional(),
    unique: z.array(rule(z.array(z.string()).min(1))).optional(),
    rows: z
      .object({
        min: rule(z.number().int().min(0)).optional(),
        max: rule(z.number().int().min(0)).optional(),
      })
      .strict()
      .optional(),
    severity: severitySchema.optional(),
  })
  .strict();

const schemaFileSchema = z
  .object({
    version: z.literal(1).optional(),
    description: z.string().optional(),
    columns: z.record(z.string(), columnSchema.nullable()),
    table: tableSchema.optional(),
    // Lazy: hygiene.ts imports checks.ts, which imports this module.
    hygiene: z.lazy(() => hygieneConfigSchema).optional(),
  })
  .strict();

type RawRule<T> = { value: T; severity?: Severity } | undefined;

/** Reads and checks a schema file; errors name the file, line and field. */
export async function loadSchema(path: string, file: string): Promise<DataSchema> {
  let bytes: Buffer;
  try {
    bytes = await readInputFile(path, file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${file}: no such file`);
    throw new InputError(`${file}: cannot read schema file (${code ?? error})`);
  }
  return { ...parseSchema(bytes.toString('utf8'), file), digest: bytesDigest(bytes) };
}

/** Parses schema text; `file` is how errors and check locations name it. */
export function parseSchema(text: string, file: string): DataSchema {
  // Integers as bigint so large ones keep their exact value; safe ones become numbers again below.
  const { document, value: parsedValue, lineOf } = parseYamlFile(text, file, { intAsBigInt: true });
  const value = smallIntegersAsNumbers(parsedValue);
  if (!isPlainObject(value)) throw new InputError(`${file}: expected a map with version and columns`);
  const parsed = schemaFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    const path = issue.path.map((key) => (typeof key === 'number' ? key : String(key)));
    if (issue.code === 'unrecognized_keys') path.push(String(issue.keys[0]));
    // Follow the path through the document as written: a bare `min: abc` has no `value` node of its own.
    let node: unknown = document.contents;
    let parent: unknown;
    const shown: (string | number)[] = [];
    for (const key of path) {
      if (key === 'value' && !(isMap(node) && node.has('value'))) continue;
      const next = getIn(node, [key]);
      if (next === undefined) {
        // A key that is not there at all: name it in full, at the line of the map that lacks it.
        shown.push(...path.slice(path.indexOf(key)).filter((rest) => rest !== 'value'));
        break;
      }
      parent = node;
      node = next;
      shown.push(key);
    }
    if (issue.code === 'unrecognized_keys') node = keyNode(parent, String(path[path.length - 1])) ?? node;
    const line = lineOf(node);
    const message =
      issue.code === 'unrecognized_keys'
        ? 'unknown key'
        : /received undefined$/.test(issue.message)
          ? 'is required'
          : issue.message;
    throw new InputError(`${file}${line ? `:${line}` : ''}: ${shown.join('.') || '(top level)'}: ${message}`);
  }
  const data = parsed.data;

  const tableNode = document.get('table', true);
  const tableSeverity: Severity = data.table?.severity ?? 'error';
  const tableRule = <T>(raw: RawRule<T>, path: (string | number)[]): Rule<T> | undefined =>
    raw && {
      value: raw.value,
      severity: raw.severity ?? tableSeverity,
      line: lineOf(keyNode(getIn(tableNode, path.slice(0, -1)), path[path.length - 1])),
    };

  const columnsNode = document.get('columns', true) as YAMLMap | undefined;
  const columns: ColumnSpec[] = [];
  for (const pair of isMap(columnsNode) ? columnsNode.items : []) {
    const name = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const raw = data.columns[name] ?? {};
    const severity: Severity = raw.severity ?? 'error';
    const line = lineOf(pair.key);
    const columnRule = <T>(value: RawRule<T>, key: string): Rule<T> | undefined =>
      value && {
        value: value.value,
        severity: value.severity ?? severity,
        line: lineOf(keyNode(pair.value, key)) ?? line,
      };
    columns.push({
      name,
      ...(line === undefined ? {} : { line }),
      ...(raw.description === undefined ? {} : { description: raw.description }),
      type: columnRule(raw.type, 'type'),
      required: columnRule(raw.required, 'required') ?? {
        value: true,
        severity,
        ...(line === undefined ? {} : { line }),
      },
      nullable: columnRule(raw.nullable, 'nullable'),
      maxNullFraction: columnRule(raw.max_null_fraction, 'max_null_fraction'),
      min: columnRule(raw.min, 'min'),
      max: columnRule(raw.max, 'max'),
      allowed: columnRule(raw.allowed, 'allowed'),
      regex: columnRule(raw.regex, 'regex'),
      unique: columnRule(raw.unique, 'unique'),
      ...(raw.role === undefined ? {} : { role: raw.role }),
      ...(raw.drift === undefined
        ? {}
        : {
            drift: {
              skip: raw.drift === false,
              ...(raw.drift === false ? {} : raw.drift),
              severity: (raw.drift === false ? undefined : raw.drift.severity) ?? 'warn',
              line: lineOf(keyNode(pair.value, 'drift')) ?? line,
            },
          }),
    });
  }

  const table = data.table;
  const tableLine = lineOf(keyNode(document.contents, 'table'));
  const hygieneNode = document.get('hygiene', true);
  const hygieneLines: HygieneLines = { section: lineOf(keyNode(document.contents, 'hygiene')) };
  for (const key of hygieneKeys) hygieneLines[key] = lineOf(keyNode(hygieneNode, key));
  // Excluding a column the schema does not declare is a typo until proven otherwise: refuse it at its line.
  const declared = new Set(columns.map((column) => column.name));
  for (const [index, name] of (data.hygiene?.exclude ?? []).entries()) {
    if (declared.has(name)) continue;
    const line = lineOf(getIn(hygieneNode, ['exclude', index])) ?? hygieneLines.section;
    throw new InputError(
      `${file}${line ? `:${line}` : ''}: hygiene.exclude.${index}: unknown column ${JSON.stringify(name)} (not among the schema's columns)`,
    );
  }
  return {
    ...(data.hygiene === undefined ? {} : { hygiene: { config: data.hygiene, lines: hygieneLines } }),
    file,
    ...(data.description === undefined ? {} : { description: data.description }),
    columns,
    table: {
      columns: tableRule(table?.columns, ['columns']) ?? {
        value: 'subset',
        severity: tableSeverity,
        ...(tableLine === undefined ? {} : { line: tableLine }),
      },
      unique: (table?.unique ?? []).map((key, index) => ({
        value: key.value,
        severity: key.severity ?? tableSeverity,
        line: lineOf(getIn(tableNode, ['unique', index])),
      })),
      rowsMin: tableRule(table?.rows?.min, ['rows', 'min']),
      rowsMax: tableRule(table?.rows?.max, ['rows', 'max']),
    },
  };
}

/** Why a column is a key: declared `role: id`, or `unique: true`. */
export type KeyReason = 'role: id' | 'unique';

/**
 * The schema's keys, `role: id` columns first, then `unique: true` ones, each in schema order: the first is the
 * key that names failing rows; all of them are left out of the train/test checks.
 */
export function keyColumns(schema: DataSchema | undefined): { name: string; reasons: KeyReason[] }[] {
  const columns = schema?.columns ?? [];
  const reasonsOf = (spec: ColumnSpec): KeyReason[] => [
    ...(spec.role === 'id' ? (['role: id'] as const) : []),
    ...(spec.unique?.value ? (['unique'] as const) : []),
  ];
  return [
    ...columns.filter((spec) => spec.role === 'id'),
    ...columns.filter((spec) => spec.role !== 'id' && spec.unique?.value),
  ].map((spec) => ({ name: spec.name, reasons: reasonsOf(spec) }));
}

function getIn(node: unknown, path: readonly (string | number)[]): unknown {
  let current = node;
  for (const key of path) {
    if (current === undefined || current === null) return undefined;
    const collection = current as { get?: (key: unknown, keepScalar: boolean) => unknown };
    if (typeof collection.get !== 'function') return undefined;
    current = collection.get(key, true);
  }
  return current;
}

/** The key node of `key` in a YAML map, whose line is where the rule is written. */
function keyNode(map: unknown, key: string | number | undefined): Node | undefined {
  if (!isMap(map) || key === undefined) return undefined;
  const pair = map.items.find(
    (item) => (isScalar(item.key) ? String(item.key.value) : String(item.key)) === String(key),
  );
  return pair?.key as Node | undefined;
}

function smallIntegersAsNumbers(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value;
  }
  if (Array.isArray(value)) return value.map(smallIntegersAsNumbers);
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, smallIntegersAsNumbers(item)]),
    );
  }
  return value;
}
