/**
 * Train/test hygiene: checks of a training set (`data`) and its test set (`test`) taken together.
 *
 * Checks, their thresholds and default severities (the schema's `hygiene:` section overrides them; `false` turns
 * a check off). Fractions pass when at most the threshold; defaults follow Deepchecks where it has one:
 * - `columns(train, test)` — both sets have the same columns. error. The other checks use the shared columns.
 * - `duplicates(train)`, `duplicates(test)` — rows that repeat an earlier row of the same set (all columns,
 *   nulls equal to nulls), as a fraction of the set's rows. max_fraction 0.05 (Deepchecks' Data Duplicates), warn:
 *   duplicates skew weights but are often legitimate (identical records).
 * - `overlap(train, test)` — test rows whose features (every shared column but the label; every shared column
 *   when no label is given) equal those of a training row, as a fraction of test rows. max_fraction 0, error: a
 *   model scored on rows it was trained on is scored too well. Deepchecks allows 5 %; the gate here is at 0 rows.
 *   A leaked sample usually carries the same features, whatever its label, so the label is not compared.
 * - `conflicting_labels(train)` — labelled training rows in groups of identical features with more than one
 *   label, as a fraction of labelled training rows. `conflicting_labels(train, test)` — the same over both sets,
 *   for groups found in both sets (a group wholly in the training set is the first check's). max_fraction 0
 *   (Deepchecks' Conflicting Labels), error. Needs the label.
 * - `unseen_categories` (per text column) — test rows whose value never occurs in the training set, as a fraction
 *   of test rows. max_fraction 0 (Deepchecks' New Category), warn. Only text columns (VARCHAR in the training set)
 *   that look categorical are checked: a column whose distinct training values number more than max_distinct
 *   (10000), or more than 20 and more than max_distinct_fraction (0.5) of its non-null values, is an id or free
 *   text and is skipped (a passed check says so).
 * - `leakage` (per feature) — a feature that predicts the label almost alone. max_score 0.95, error. Needs the
 *   label. Score, a predictive-power score in [0, 1]: each feature value (numbers, dates and date-times binned at
 *   their training quantiles, `bins` (10) bins; other columns as text; null is a value of its own) predicts the
 *   majority label of its training rows; a value unseen in training predicts the overall training majority. On the
 *   test set's labelled rows, accuracy = share of right predictions, baseline = share equal to the overall
 *   training majority, score = max(0, (accuracy - baseline) / (1 - baseline)), 0 when the baseline is 1.
 *   Evaluated on the test set, so an id unique per row scores 0 instead of a perfect 1. A numeric label with more
 *   than 20 distinct training values is binned like a feature (a regression target). Ties in a majority go to the
 *   smallest label. Not evaluated (passed, said so) when the test set has no labelled rows.
 *
 * Keys are not features: columns the schema declares `unique: true` or `role: id`, and those its `hygiene.exclude`
 * lists, are left out of every comparison of rows and values (duplicates, overlap, conflicting labels, unseen
 * categories, leakage); only `columns(train, test)` still counts them. A training row copied into the test set
 * under a new id is then found. The label is never left out: it stays the label of the label checks. When no
 * feature is left to compare, a check says so (passed, with the reason) instead of comparing nothing.
 *
 * Cost: each set is scanned once for its duplicates; one scan of the training set gathers quantiles and distinct
 * counts; one grouping of both sets gives overlap and cross-set conflicts; one of the training set its conflicts;
 * one anti-join both sets' unseen categories; one grouping of both sets (features unnested) the leakage scores.
 */
import { InputError } from '../../errors';
import {
  codeSpan as code,
  InlineMarkdown,
  literalText,
  table as markdownTable,
  md,
  plural,
} from '../../report/markdown';
import type { Check, CheckStatus } from '../../report/model';
import { Aggregates, categoryOf, count, exampleCount, plain, show } from './checks';
import { type DataColumn, type DataTable, quoteIdentifier, quoteText } from './data';
import type { CheckSwitch, HygieneConfig, HygieneKey, HygieneLines } from './hygiene-config';
import { type DataSchema, type KeyReason, keyColumns } from './schema';

// ---------------------------------------------------------------------------------------------------------------
// Configuration (the schema's `hygiene:` section is read in hygiene-config.ts)

/** Text columns with at most this many distinct values are always checked for unseen categories. */
const alwaysCategorical = 20;
/** A numeric label with more distinct values than this is binned (a regression target). */
const maxLabelClasses = 20;

// ---------------------------------------------------------------------------------------------------------------
// Summary (what the report shows)

/** A row of data as a map from column to value, made fit for JSON. */
export type DataRow = Record<string, unknown>;

interface CheckOutcomeBase {
  status: CheckStatus;
  /** Present when the check was not evaluated: why. */
  skipped?: string;
}

export interface DuplicateSummary extends CheckOutcomeBase {
  rows: number;
  /** Rows that repeat an earlier row. */
  duplicates: number;
  fraction: number;
  maxFraction: number;
  /** The most repeated rows and how often each occurs. */
  examples: { row: DataRow; count: number }[];
}

export interface OverlapSummary extends CheckOutcomeBase {
  /** The columns compared: the features when a label is given, else every shared column. */
  comparedBy: 'features' | 'rows';
  columns: number;
  /** Test rows found in the training set. */
  rows: number;
  /** Share of the test rows. */
  fraction: number;
  maxFraction: number;
  examples: { row: DataRow; train: number; test: number }[];
}

export interface ConflictSummary extends CheckOutcomeBase {
  /** Groups of identical features with more than one label. */
  groups: number;
  /** Labelled rows in those groups. */
  rows: number;
  /** Share of the labelled rows considered (of the training set, or of both sets). */
  fraction: number;
  maxFraction: number;
  /** Features and the smallest and largest label seen for them (per set across sets). */
  examples: { row: DataRow; rows: number; labels: unknown[]; testLabels?: unknown[] }[];
}

export interface UnseenCategorySummary extends CheckOutcomeBase {
  column: string;
  /** Test rows whose value is not among the training values. */
  rows: number;
  /** Distinct unseen values. */
  values: number;
  fraction: number;
  maxFraction: number;
  /** Distinct values of the column in the training set. */
  trainDistinct: number;
  examples: { value: unknown; count: number }[];
}

export interface LeakageSummary extends CheckOutcomeBase {
  column: string;
  /** How the feature's values were grouped. */
  kind: 'categorical' | 'binned';
  score: number;
  accuracy: number;
  baseline: number;
  maxScore: number;
}

/** Why a column is left out of the train/test checks. */
export type ExclusionReason = KeyReason | 'hygiene.exclude';

export interface ExcludedColumn {
  column: string;
  reasons: ExclusionReason[];
}

/** The columns the schema leaves out of the train/test checks: its keys, then those `hygiene.exclude` lists. */
export function hygieneExclusions(schema: DataSchema | undefined): ExcludedColumn[] {
  const reasons = new Map<string, ExclusionReason[]>();
  for (const key of keyColumns(schema)) reasons.set(key.name, [...key.reasons]);
  for (const name of schema?.hygiene?.config.exclude ?? [])
    reasons.set(name, [...(reasons.get(name) ?? []), 'hygiene.exclude']);
  return [...reasons].map(([column, why]) => ({ column, reasons: why }));
}

export interface HygieneSummary {
  train: { file: string; rows: number; columns: number };
  test: { file: string; rows: number; columns: number };
  label?: string;
  /** Columns of either set left out of the checks (keys and hygiene.exclude), with why; the label never is. */
  excluded: ExcludedColumn[];
  /** True when a numeric label with many values was binned for the label checks. */
  labelBinned?: boolean;
  columns: { onlyInTrain: string[]; onlyInTest: string[]; status?: CheckStatus };
  duplicates?: { train: DuplicateSummary; test: DuplicateSummary };
  overlap?: OverlapSummary;
  conflictingLabels?: { train: ConflictSummary; trainTest: ConflictSummary };
  /** One per checked (or skipped) text column. */
  unseenCategories?: UnseenCategorySummary[];
  /** One per feature, highest score first. */
  leakage?: LeakageSummary[];
}

export interface HygieneOptions {
  label?: string;
  config: HygieneConfig;
  /** The schema file the config came from: where the checks' locations point. */
  schemaFile?: string;
  lines?: HygieneLines;
  /** Columns to leave out of the checks (see hygieneExclusions); the label stays whatever is said here. */
  excluded?: readonly ExcludedColumn[];
}

// ---------------------------------------------------------------------------------------------------------------
// Checks

/** A shared column as each set is queried: as is when both sets read it as one type, else as numbers or text. */
interface SharedColumn {
  name: string;
  train: DataColumn;
  test: DataColumn;
  /** SQL of the column in either set, of one type in both. */
  sql: string;
  sameType: boolean;
}

/**
 * Runs the train/test checks. Missing label column: InputError naming the file. Every check yields a Check (passed
 * with its reason when it could not be evaluated) and its part of the summary.
 */
export async function checkHygiene(
  train: DataTable,
  test: DataTable,
  options: HygieneOptions,
): Promise<{ checks: Check[]; summary: HygieneSummary }> {
  const { label, config } = options;
  if (label !== undefined) {
    for (const set of [train, test]) {
      if (!set.columns.some((column) => column.name === label)) {
        throw new InputError(
          `${set.file}: no label column ${JSON.stringify(label)} (columns: ${set.columns
            .slice(0, 10)
            .map((column) => column.name)
            .join(', ')}${set.columns.length > 10 ? ', …' : ''})`,
        );
      }
    }
  }
  const testColumns = new Map(test.columns.map((column) => [column.name, column]));
  const trainNames = new Set(train.columns.map((column) => column.name));
  const shared: SharedColumn[] = [];
  for (const column of train.columns) {
    const other = testColumns.get(column.name);
    if (!other) continue;
    const sameType = column.type === other.type;
    const id = quoteIdentifier(column.name);
    // 88 read as BIGINT in one set is 88.0 read as DOUBLE in the other: numbers compare as numbers, not as text.
    const numeric = (type: string) => ['integer', 'number'].includes(categoryOf(type));
    const bothNumeric = numeric(column.type) && numeric(other.type);
    shared.push({
      name: column.name,
      train: column,
      test: other,
      sql: sameType ? id : bothNumeric ? `CAST(${id} AS DOUBLE)` : `CAST(${id} AS VARCHAR)`,
      sameType,
    });
  }
  const onlyInTrain = train.columns.filter((column) => !testColumns.has(column.name)).map((c) => c.name);
  const onlyInTest = test.columns.filter((column) => !trainNames.has(column.name)).map((c) => c.name);
  const excluded = (options.excluded ?? []).filter(
    (found) => found.column !== label && (trainNames.has(found.column) || testColumns.has(found.column)),
  );
  const excludedNames = new Set(excluded.map((found) => found.column));
  const compared = shared.filter((column) => !excludedNames.has(column.name));
  const features = compared.filter((column) => column.name !== label);
  const labelColumn = shared.find((column) => column.name === label);
  /** Why a check that compares features has none: nothing shared, or every one left out. */
  const noFeatures =
    excluded.length > 0 && shared.some((column) => column.name !== label)
      ? `every ${label === undefined ? 'shared column' : 'feature column'} is excluded (${showExcluded(excluded)})`
      : 'no feature columns to compare';

  const checks: Check[] = [];
  const location = (key: HygieneKey): Check['location'] => {
    if (options.schemaFile === undefined) return undefined;
    const line = options.lines?.[key] ?? options.lines?.section;
    return { file: options.schemaFile, ...(line === undefined ? {} : { line }) };
  };
  const add = (
    key: HygieneKey,
    settings: CheckSwitch,
    name: string,
    column: string | undefined,
    ok: boolean,
    message: string,
    expected: unknown,
    observed?: unknown,
  ): CheckStatus => {
    const status: CheckStatus = ok ? 'passed' : settings.severity === 'error' ? 'failed' : 'warned';
    const where = location(key);
    checks.push({
      name,
      ...(column === undefined ? {} : { column }),
      status,
      severity: settings.severity,
      message,
      ...(expected === undefined ? {} : { expected }),
      ...(observed === undefined ? {} : { observed }),
      ...(where ? { location: where } : {}),
    });
    return status;
  };

  // A set's own columns, keys and hygiene.exclude left out: a row copied under a new id is a duplicate.
  const duplicatesOf = (set: DataTable) => {
    const columns = set.columns.filter((column) => !excludedNames.has(column.name));
    return duplicateRows(
      set,
      config.duplicates,
      columns,
      columns.some((column) => column.name !== label) ? undefined : noFeatures,
    );
  };
  const trainDuplicates = await duplicatesOf(train);
  const testDuplicates = await duplicatesOf(test);
  /** What the messages of the row comparisons add when columns are left out. */
  const leftOut = excluded.length === 0 ? '' : `; left out: ${showExcluded(excluded)}`;
  const summary: HygieneSummary = {
    train: { file: train.file, rows: trainDuplicates.rows, columns: train.columns.length },
    test: { file: test.file, rows: testDuplicates.rows, columns: test.columns.length },
    ...(label === undefined ? {} : { label }),
    excluded,
    columns: { onlyInTrain, onlyInTest },
  };

  if (config.columns.enabled) {
    const ok = onlyInTrain.length === 0 && onlyInTest.length === 0;
    const parts = [
      onlyInTrain.length > 0 ? `only in ${train.file}: ${listed(onlyInTrain)}` : '',
      onlyInTest.length > 0 ? `only in ${test.file}: ${listed(onlyInTest)}` : '',
    ].filter(Boolean);
    summary.columns.status = add(
      'columns',
      config.columns,
      'columns(train, test)',
      undefined,
      ok,
      ok
        ? `both sets have the same ${plural(shared.length, 'column')}`
        : `${parts.join('; ')} (the other checks compare the ${plural(shared.length, 'shared column')})`,
      'same columns',
      ok ? undefined : { onlyInTrain, onlyInTest },
    );
  }

  if (config.duplicates.enabled) {
    for (const [set, found] of [
      ['train', trainDuplicates],
      ['test', testDuplicates],
    ] as const) {
      const file = set === 'train' ? train.file : test.file;
      found.status = add(
        'duplicates',
        config.duplicates,
        `duplicates(${set})`,
        undefined,
        found.fraction <= found.maxFraction,
        found.skipped
          ? `not checked: ${found.skipped}`
          : found.duplicates === 0
            ? `no row of ${file} repeats another (${plural(found.rows, 'row')}${leftOut})`
            : `${found.duplicates} of ${plural(found.rows, 'row')} of ${file} (${percent(found.fraction)}) repeat an earlier row${leftOut}; at most ${percent(found.maxFraction)} allowed; e.g. ${found.examples.map((e) => `${shownRow(e.row)} (${e.count} times)`).join(', ')}`,
        found.maxFraction,
        rounded(found.fraction),
      );
    }
    summary.duplicates = { train: trainDuplicates, test: testDuplicates };
  }

  const needsPairs = config.overlap.enabled || (label !== undefined && config.conflictingLabels.enabled);
  const pairs = needsPairs ? await sharedRows(train, test, features, labelColumn) : undefined;
  const testRows = summary.test.rows;

  if (config.overlap.enabled && pairs) {
    const comparedBy = label === undefined ? 'rows' : 'features';
    const what =
      label === undefined
        ? `all ${plural(features.length, 'shared column')}`
        : `the ${plural(features.length, 'feature column')}, label excluded`;
    const by = `${what}${leftOut}`;
    const fraction = testRows === 0 ? 0 : pairs.overlapRows / testRows;
    const overlap: OverlapSummary = {
      status: 'passed',
      comparedBy,
      columns: features.length,
      rows: pairs.overlapRows,
      fraction,
      maxFraction: config.overlap.maxFraction,
      examples: pairs.overlapExamples,
    };
    if (features.length === 0) overlap.skipped = noFeatures;
    overlap.status = add(
      'overlap',
      config.overlap,
      'overlap(train, test)',
      undefined,
      fraction <= overlap.maxFraction,
      overlap.skipped
        ? `not checked: ${overlap.skipped}`
        : pairs.overlapRows === 0
          ? `no test row appears in the training set (compared by ${by})`
          : `${pairs.overlapRows} of ${plural(testRows, 'test row')} (${percent(fraction)}) also appear in the training set (compared by ${by}); at most ${percent(overlap.maxFraction)} allowed; e.g. ${overlap.examples.map((e) => shownRow(e.row)).join(', ')}`,
      overlap.maxFraction,
      { rows: pairs.overlapRows, fraction: rounded(fraction) },
    );
    summary.overlap = overlap;
  }

  if (label !== undefined && labelColumn && config.conflictingLabels.enabled && pairs) {
    const settings = config.conflictingLabels;
    const withinTrain = await trainConflicts(train, features, labelColumn, settings.maxFraction);
    const across: ConflictSummary = {
      status: 'passed',
      groups: pairs.conflictGroups,
      rows: pairs.conflictRows,
      fraction: pairs.labelledRows === 0 ? 0 : pairs.conflictRows / pairs.labelledRows,
      maxFraction: settings.maxFraction,
      examples: pairs.conflictExamples,
    };
    for (const [name, found, where, total] of [
      ['conflicting_labels(train)', withinTrain, 'of the training set', withinTrain.labelled],
      ['conflicting_labels(train, test)', across, 'across both sets', pairs.labelledRows],
    ] as const) {
      if (features.length === 0) found.skipped = noFeatures;
      found.status = add(
        'conflicting_labels',
        settings,
        name,
        undefined,
        found.fraction <= found.maxFraction,
        found.skipped
          ? `not checked: ${found.skipped}`
          : found.groups === 0
            ? `no identical features with different labels ${where}${leftOut}`
            : `${plural(found.groups, 'group')} of identical features ${where} with different labels (${found.rows} of ${plural(total, 'labelled row')}, ${percent(found.fraction)}${leftOut}); at most ${percent(found.maxFraction)} allowed; e.g. ${found.examples.map((e) => `${shownRow(e.row)}: ${showLabels(e)}`).join('; ')}`,
        found.maxFraction,
        { groups: found.groups, rows: found.rows, fraction: rounded(found.fraction) },
      );
    }
    const { labelled: _labelled, ...trainSummary } = withinTrain;
    summary.conflictingLabels = { train: trainSummary, trainTest: across };
  }

  const needsProfile = config.unseenCategories.enabled || (label !== undefined && config.leakage.enabled);
  const profile = needsProfile
    ? await trainProfile(train, compared, labelColumn, config.leakage.bins)
    : undefined;

  if (config.unseenCategories.enabled && profile) {
    const settings = config.unseenCategories;
    const unseen = await unseenCategories(train, test, compared, profile, settings, testRows);
    for (const found of unseen) {
      found.status = add(
        'unseen_categories',
        settings,
        'unseen_categories',
        found.column,
        found.fraction <= found.maxFraction,
        found.skipped
          ? `not checked: ${found.skipped}`
          : found.rows === 0
            ? `every test value occurs in the training set (${plural(found.trainDistinct, 'category', 'categories')})`
            : `${found.rows} of ${plural(testRows, 'test row')} (${percent(found.fraction)}) have a value never seen in the training set (${plural(found.values, 'new value')}); at most ${percent(found.maxFraction)} allowed; e.g. ${found.examples.map((e) => `${show(e.value)} (${e.count})`).join(', ')}`,
        found.maxFraction,
        found.skipped
          ? undefined
          : { rows: found.rows, fraction: rounded(found.fraction), values: found.values },
      );
    }
    summary.unseenCategories = unseen;
  }

  if (label !== undefined && labelColumn && config.leakage.enabled && profile) {
    const settings = config.leakage;
    const scores = await leakageScores(train, test, features, labelColumn, profile, settings);
    summary.labelBinned = profile.labelEdges !== undefined;
    for (const found of scores) {
      const ok = found.skipped !== undefined || found.score < found.maxScore;
      found.status = add(
        'leakage',
        settings,
        'leakage',
        found.column,
        ok,
        found.skipped
          ? `not checked: ${found.skipped}`
          : `${ok ? '' : 'predicts the label almost alone: '}score ${found.score.toFixed(3)} (accuracy ${found.accuracy.toFixed(3)} on the test set vs ${found.baseline.toFixed(3)} by the majority label); ${ok ? 'below' : 'at least'} ${found.maxScore}`,
        found.maxScore,
        found.skipped ? undefined : rounded(found.score),
      );
    }
    summary.leakage = [...scores].sort(
      (a, b) => b.score - a.score || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0),
    );
  }
  return { checks, summary };
}

/** SQL of a struct of the given columns, keyed by name: one row's values, compared and shown as a whole. */
function rowStruct(columns: readonly { name: string; sql: string }[]): string {
  return `{${columns.map((column) => `${quoteText(column.name)}: ${column.sql}`).join(', ')}}`;
}

/** The set's rows and, when the check is on, those repeating an earlier row. */
async function duplicateRows(
  table: DataTable,
  { enabled, maxFraction }: HygieneConfig['duplicates'],
  compared: readonly DataColumn[],
  skipped: string | undefined,
): Promise<DuplicateSummary> {
  if (!enabled || skipped !== undefined) {
    const [row] = await table.query(`SELECT count(*) AS n FROM ${table.relation}`);
    const rows = count(row?.n);
    return {
      status: 'passed',
      ...(skipped === undefined ? {} : { skipped }),
      rows,
      duplicates: 0,
      fraction: 0,
      maxFraction,
      examples: [],
    };
  }
  const columns = compared.map((column) => ({ name: column.name, sql: quoteIdentifier(column.name) }));
  const [row] = await table.query(
    `SELECT coalesce(sum(n), 0) AS mlci_rows, coalesce(sum(n - 1), 0) AS mlci_surplus,
       min_by({row: r, n: n}, {a: -n, b: r}, ${exampleCount}) FILTER (WHERE n > 1) AS mlci_examples
     FROM (SELECT ${rowStruct(columns)} AS r, count(*) AS n FROM ${table.relation} GROUP BY ALL)`,
  );
  const rows = count(row?.mlci_rows);
  const duplicates = count(row?.mlci_surplus);
  const examples = ((row?.mlci_examples as { row: unknown; n: unknown }[] | null) ?? []).map((e) => ({
    row: jsonRow(e.row),
    count: count(e.n),
  }));
  return {
    status: 'passed',
    rows,
    duplicates,
    fraction: rows === 0 ? 0 : duplicates / rows,
    maxFraction,
    examples,
  };
}

interface SharedRows {
  overlapRows: number;
  overlapExamples: OverlapSummary['examples'];
  labelledRows: number;
  conflictGroups: number;
  conflictRows: number;
  conflictExamples: ConflictSummary['examples'];
}

/**
 * One grouping of both sets by their features: groups present in both are the overlap; those among them with
 * more than one label over both sets are the cross-set conflicts. Grouping compares values exactly (nulls equal).
 */
async function sharedRows(
  train: DataTable,
  test: DataTable,
  features: readonly SharedColumn[],
  label: SharedColumn | undefined,
): Promise<SharedRows> {
  const labelSql = label ? label.sql : 'NULL';
  const select = (set: DataTable, side: number) =>
    `SELECT ${rowStruct(features)} AS r, ${labelSql} AS l, ${side} AS s FROM ${set.relation}`;
  if (features.length === 0) {
    const [labelled] = label
      ? await train.query(
          `SELECT (SELECT count(${label.sql}) FROM ${train.relation}) + (SELECT count(${label.sql}) FROM ${test.relation}) AS n`,
        )
      : [];
    return {
      overlapRows: 0,
      overlapExamples: [],
      labelledRows: count(labelled?.n),
      conflictGroups: 0,
      conflictRows: 0,
      conflictExamples: [],
    };
  }
  const [row] = await train.query(
    `SELECT coalesce(sum(labelled), 0) AS labelled, coalesce(sum(test_n) FILTER (WHERE in_both), 0) AS overlap_rows,
       min_by({row: r, train: train_n, test: test_n}, {a: -test_n, b: r}, ${exampleCount}) FILTER (WHERE in_both) AS overlap_examples,
       count(*) FILTER (WHERE in_both AND lo <> hi) AS conflict_groups,
       coalesce(sum(labelled) FILTER (WHERE in_both AND lo <> hi), 0) AS conflict_rows,
       min_by({row: r, n: labelled, train: [train_lo, train_hi], test: [test_lo, test_hi]}, {a: -labelled, b: r}, ${exampleCount}) FILTER (WHERE in_both AND lo <> hi) AS conflict_examples
     FROM (
       SELECT r, count(*) FILTER (WHERE s = 0) AS train_n, count(*) FILTER (WHERE s = 1) AS test_n,
         count(l) AS labelled, min(l) AS lo, max(l) AS hi,
         min(l) FILTER (WHERE s = 0) AS train_lo, max(l) FILTER (WHERE s = 0) AS train_hi,
         min(l) FILTER (WHERE s = 1) AS test_lo, max(l) FILTER (WHERE s = 1) AS test_hi,
         bool_or(s = 0) AND bool_or(s = 1) AS in_both
       FROM (${select(train, 0)} UNION ALL ${select(test, 1)})
       GROUP BY r)`,
  );
  type Example = { row: unknown; train: unknown; test: unknown; n: unknown };
  return {
    overlapRows: count(row?.overlap_rows),
    overlapExamples: ((row?.overlap_examples as Example[] | null) ?? []).map((e) => ({
      row: jsonRow(e.row),
      train: count(e.train),
      test: count(e.test),
    })),
    labelledRows: count(row?.labelled),
    conflictGroups: count(row?.conflict_groups),
    conflictRows: count(row?.conflict_rows),
    conflictExamples: ((row?.conflict_examples as Example[] | null) ?? []).map((e) => ({
      row: jsonRow(e.row),
      rows: count(e.n),
      labels: distinctValues(e.train),
      testLabels: distinctValues(e.test),
    })),
  };
}

async function trainConflicts(
  train: DataTable,
  features: readonly SharedColumn[],
  label: SharedColumn,
  maxFraction: number,
): Promise<ConflictSummary & { labelled: number }> {
  const labelSql = quoteIdentifier(label.name);
  if (features.length === 0) {
    const [row] = await train.query(`SELECT count(${labelSql}) AS n FROM ${train.relation}`);
    return {
      status: 'passed',
      groups: 0,
      rows: 0,
      fraction: 0,
      maxFraction,
      examples: [],
      labelled: count(row?.n),
    };
  }
  const columns = features.map((column) => ({ name: column.name, sql: quoteIdentifier(column.name) }));
  const [row] = await train.query(
    `SELECT coalesce(sum(labelled), 0) AS labelled, count(*) FILTER (WHERE lo <> hi) AS groups,
       coalesce(sum(labelled) FILTER (WHERE lo <> hi), 0) AS conflict_rows,
       min_by({row: r, n: labelled, labels: [lo, hi]}, {a: -labelled, b: r}, ${exampleCount}) FILTER (WHERE lo <> hi) AS examples
     FROM (SELECT ${rowStruct(columns)} AS r, count(${labelSql}) AS labelled, min(${labelSql}) AS lo, max(${labelSql}) AS hi
           FROM ${train.relation} GROUP BY r)`,
  );
  const labelled = count(row?.labelled);
  const rows = count(row?.conflict_rows);
  return {
    status: 'passed',
    groups: count(row?.groups),
    rows,
    fraction: labelled === 0 ? 0 : rows / labelled,
    maxFraction,
    examples: ((row?.examples as { row: unknown; n: unknown; labels: unknown }[] | null) ?? []).map((e) => ({
      row: jsonRow(e.row),
      rows: count(e.n),
      labels: distinctValues(e.labels),
    })),
    labelled,
  };
}

/** What one scan of the training set tells the later checks. */
interface TrainProfile {
  /** Per text column: distinct and non-null values. */
  text: Map<string, { distinct: number; nonNull: number }>;
  /** Per binned feature: its ascending distinct bin edges (empty when the column is all null). */
  edges: Map<string, number[]>;
  /** Bin edges of a numeric label with many values; absent when labels are compared as they are. */
  labelEdges?: number[];
}

/** Numbers, dates and date-times of one type in both sets are binned; everything else is compared as text. */
function binnable(column: SharedColumn): boolean {
  const category = categoryOf(column.train.type);
  return (
    column.sameType &&
    (category === 'integer' || category === 'number' || category === 'date' || category === 'datetime')
  );
}

function numericSql(column: SharedColumn): string {
  const id = quoteIdentifier(column.name);
  const category = categoryOf(column.train.type);
  return category === 'date' || category === 'datetime' ? `epoch(${id})` : `CAST(${id} AS DOUBLE)`;
}

function isText(column: SharedColumn): boolean {
  return categoryOf(column.train.type) === 'string';
}

async function trainProfile(
  train: DataTable,
  shared: readonly SharedColumn[],
  label: SharedColumn | undefined,
  bins: number,
): Promise<TrainProfile> {
  const quantiles = `[${Array.from({ length: bins - 1 }, (_, index) => ((index + 1) / bins).toString()).join(', ')}]`;
  const aggregates = new Aggregates('h');
  const text = new Map<string, { distinct: string; nonNull: string }>();
  const edges = new Map<string, string>();
  for (const column of shared) {
    const id = quoteIdentifier(column.name);
    if (isText(column)) {
      text.set(column.name, {
        distinct: aggregates.distinct(id, column.train.type),
        nonNull: aggregates.add(`count(${id})`),
      });
    }
    if (binnable(column))
      edges.set(column.name, aggregates.add(`quantile_disc(${numericSql(column)}, ${quantiles})`));
  }
  let labelDistinct: string | undefined;
  if (label && binnable(label) && ['integer', 'number'].includes(categoryOf(label.train.type))) {
    labelDistinct = aggregates.distinct(quoteIdentifier(label.name), label.train.type);
  }
  const row = await aggregates.run(train);
  const edgesOf = (alias: string | undefined) =>
    [...new Set(((row[alias ?? ''] as unknown[] | null) ?? []).map(Number))]
      .filter((edge) => Number.isFinite(edge))
      .sort((a, b) => a - b);
  return {
    text: new Map(
      [...text].map(([name, aliases]) => [
        name,
        { distinct: count(row[aliases.distinct]), nonNull: count(row[aliases.nonNull]) },
      ]),
    ),
    edges: new Map([...edges].map(([name, alias]) => [name, edgesOf(alias)])),
    ...(label && labelDistinct !== undefined && count(row[labelDistinct]) > maxLabelClasses
      ? { labelEdges: edgesOf(edges.get(label.name)) }
      : {}),
  };
}

async function unseenCategories(
  train: DataTable,
  test: DataTable,
  shared: readonly SharedColumn[],
  profile: TrainProfile,
  settings: HygieneConfig['unseenCategories'],
  testRows: number,
): Promise<UnseenCategorySummary[]> {
  const results: UnseenCategorySummary[] = [];
  const checked: UnseenCategorySummary[] = [];
  for (const column of shared) {
    const stats = profile.text.get(column.name);
    if (!stats) continue;
    const found: UnseenCategorySummary = {
      status: 'passed',
      column: column.name,
      rows: 0,
      values: 0,
      fraction: 0,
      maxFraction: settings.maxFraction,
      trainDistinct: stats.distinct,
      examples: [],
    };
    if (stats.distinct > settings.maxDistinct) {
      found.skipped = `${stats.distinct} distinct training values, more than ${settings.maxDistinct} (an id or free text?)`;
    } else if (
      stats.distinct > alwaysCategorical &&
      stats.distinct > settings.maxDistinctFraction * stats.nonNull
    ) {
      found.skipped = `${stats.distinct} distinct values in ${stats.nonNull} training values, more than ${percent(settings.maxDistinctFraction)} (an id or free text?)`;
    } else {
      checked.push(found);
    }
    results.push(found);
  }
  if (checked.length === 0) return results;
  // Each set's text columns unnested into (column, value) pairs: both sets are read once for all columns.
  const unnest = (set: DataTable, cast: boolean) =>
    `SELECT unnest([${checked.map((_, index) => index).join(', ')}]) AS c, unnest([${checked
      .map((found) => {
        const id = quoteIdentifier(found.column);
        return cast ? `CAST(${id} AS VARCHAR)` : id;
      })
      .join(', ')}]) AS v FROM ${set.relation}`;
  const testTyped = new Map(shared.map((column) => [column.name, column.test.type]));
  const castTest = checked.some((found) => categoryOf(testTyped.get(found.column) ?? '') !== 'string');
  const rows = await train.query(
    `SELECT c, sum(n) AS rows, count(*) AS values, min_by({v: v, n: n}, {a: -n, b: v}, ${exampleCount}) AS examples
     FROM (
       SELECT t.c, t.v, count(*) AS n
       FROM (${unnest(test, castTest)}) t
       ANTI JOIN (SELECT DISTINCT c, v FROM (${unnest(train, false)}) WHERE v IS NOT NULL) s ON t.c = s.c AND t.v = s.v
       WHERE t.v IS NOT NULL
       GROUP BY t.c, t.v)
     GROUP BY c`,
  );
  for (const row of rows) {
    const found = checked[count(row.c)];
    if (!found) continue;
    found.rows = count(row.rows);
    found.values = count(row.values);
    found.fraction = testRows === 0 ? 0 : found.rows / testRows;
    found.examples = ((row.examples as { v: unknown; n: unknown }[] | null) ?? []).map((e) => ({
      value: plain(e.v),
      count: count(e.n),
    }));
  }
  return results;
}

/** SQL that puts a number into one of the bins the edges bound (right-closed), as text; null stays null. */
function binSql(value: string, edges: readonly number[]): string {
  if (edges.length === 0) return `CASE WHEN ${value} IS NULL THEN NULL ELSE '0' END`;
  const cases = edges.map((edge, index) => `WHEN ${value} <= ${doubleLiteral(edge)} THEN '${index}'`);
  return `CASE WHEN ${value} IS NULL THEN NULL ${cases.join(' ')} ELSE '${edges.length}' END`;
}

function doubleLiteral(value: number): string {
  return `CAST('${String(value)}' AS DOUBLE)`;
}

async function leakageScores(
  train: DataTable,
  test: DataTable,
  features: readonly SharedColumn[],
  label: SharedColumn,
  profile: TrainProfile,
  settings: HygieneConfig['leakage'],
): Promise<LeakageSummary[]> {
  const results: LeakageSummary[] = features.map((column) => ({
    status: 'passed',
    column: column.name,
    kind: profile.edges.has(column.name) ? 'binned' : 'categorical',
    score: 0,
    accuracy: 0,
    baseline: 0,
    maxScore: settings.maxScore,
  }));
  if (features.length === 0) return results;
  const keys = features.map((column) => {
    const edges = profile.edges.get(column.name);
    return edges ? binSql(numericSql(column), edges) : `CAST(${quoteIdentifier(column.name)} AS VARCHAR)`;
  });
  const labelId = quoteIdentifier(label.name);
  const labelKey = profile.labelEdges
    ? binSql(`CAST(${labelId} AS DOUBLE)`, profile.labelEdges)
    : `CAST(${labelId} AS VARCHAR)`;
  // Every feature of a row becomes one (feature, key, label) row: one grouping serves all features.
  const unnest = (set: DataTable) =>
    `SELECT unnest([${features.map((_, index) => index).join(', ')}]) AS f, unnest([${keys.join(', ')}]) AS k, ${labelKey} AS l
     FROM ${set.relation} WHERE ${labelId} IS NOT NULL`;
  const rows = await train.query(
    `WITH counts AS (SELECT f, k, l, count(*) AS n FROM (${unnest(train)}) GROUP BY ALL),
       predicted AS (SELECT f, k, min_by(l, {a: -n, b: l}) AS p FROM counts GROUP BY f, k),
       majority AS (SELECT min_by(l, {a: -n, b: l}) AS m FROM (SELECT l, sum(n) AS n FROM counts WHERE f = 0 GROUP BY l))
     SELECT t.f, count(*) AS rows,
       count(*) FILTER (WHERE coalesce(p.p, (SELECT m FROM majority)) = t.l) AS hits,
       count(*) FILTER (WHERE (SELECT m FROM majority) = t.l) AS baseline_hits
     FROM (${unnest(test)}) t LEFT JOIN predicted p ON p.f = t.f AND p.k IS NOT DISTINCT FROM t.k
     GROUP BY t.f`,
  );
  const byFeature = new Map(rows.map((row) => [count(row.f), row]));
  results.forEach((found, index) => {
    const row = byFeature.get(index);
    const evaluated = count(row?.rows);
    if (evaluated === 0) {
      found.skipped = 'the test set has no labelled rows';
      return;
    }
    found.accuracy = count(row?.hits) / evaluated;
    found.baseline = count(row?.baseline_hits) / evaluated;
    found.score =
      found.baseline >= 1 ? 0 : Math.max(0, (found.accuracy - found.baseline) / (1 - found.baseline));
  });
  return results;
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/** A struct row from DuckDB made fit for JSON: bigints as numbers where exact, dates as text. */
function jsonRow(value: unknown): DataRow {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
}

function distinctValues(value: unknown): unknown[] {
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  const values: unknown[] = [];
  for (const item of value.map(plain)) {
    if (item === null || item === undefined) continue;
    const key = JSON.stringify(item);
    if (seen.has(key)) continue;
    seen.add(key);
    values.push(item);
  }
  return values;
}

function showLabels(example: ConflictSummary['examples'][number]): string {
  const list = (values: readonly unknown[]) => values.map(show).join(' and ');
  if (example.testLabels === undefined) return `labels ${list(example.labels)}`;
  const train = example.labels.length > 0 ? `train ${list(example.labels)}` : '';
  const test = example.testLabels.length > 0 ? `test ${list(example.testLabels)}` : '';
  return [train, test].filter(Boolean).join(', ');
}

/** Longest text of an example row in messages and the report (wide tables have long rows). */
const maxRowText = 160;

/** A value from the data as a code span: shown as written (a string without JSON's quotes and escapes). */
function exampleCode(value: unknown): string {
  return code(typeof value === 'string' ? value : show(value)).markdown;
}

function shownRow(row: DataRow): string {
  const text = show(row);
  return text.length > maxRowText ? `${text.slice(0, maxRowText - 1)}…` : text;
}

function percent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(3))}%`;
}

function rounded(value: number): number {
  return Number(value.toPrecision(6));
}

/** The excluded columns and why, e.g. `"id" (unique), "batch" (hygiene.exclude)`. */
function showExcluded(excluded: readonly ExcludedColumn[]): string {
  const shown = excluded.slice(0, 10).map((found) => `${show(found.column)} (${found.reasons.join(', ')})`);
  return `${shown.join(', ')}${excluded.length > 10 ? `, … (${excluded.length})` : ''}`;
}

function listed(names: readonly string[]): string {
  return `${names.slice(0, 10).map(show).join(', ')}${names.length > 10 ? `, … (${names.length})` : ''}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Report

const statusIcons: Record<CheckStatus, string> = { passed: '✅', failed: '❌', warned: '⚠️', skipped: '⏭️' };

/** Most leakage scores and unseen-category columns listed in the report; the JSON result has all. */
const maxListed = 10;

/** The report's train/test section: one table row per check, then examples of what failed or warned. */
export function renderHygiene(summary: HygieneSummary): string {
  const { train, test, label } = summary;
  const lines = [
    '### Train/test hygiene',
    '',
    `**Train:** ${code(train.file)} (${plural(train.rows, 'row')}) · **Test:** ${code(test.file)} (${plural(test.rows, 'row')})${label === undefined ? '' : ` · **Label:** ${code(label)}${summary.labelBinned ? ' (binned: numeric with many values)' : ''}`}`,
    '',
  ];
  if (summary.excluded.length > 0) {
    // Column names come from the data: shown as code, which nothing in them can break out of.
    const named = summary.excluded
      .map((found) => `${code(found.column)} (${found.reasons.join(', ')})`)
      .join(', ');
    lines.push(`**Left out of the comparisons** (keys are not features): ${named}`, '');
  }
  const rows: (string | InlineMarkdown)[][] = [];
  const details: string[] = [];
  const icon = (status: CheckStatus | undefined, skipped?: string) =>
    skipped ? '➖' : status ? statusIcons[status] : '';
  const flagged = (status: CheckStatus | undefined) => status === 'failed' || status === 'warned';

  if (summary.columns.status) {
    const { onlyInTrain, onlyInTest } = summary.columns;
    const same = onlyInTrain.length === 0 && onlyInTest.length === 0;
    rows.push([
      icon(summary.columns.status),
      'same columns',
      same
        ? 'yes'
        : new InlineMarkdown(
            [
              onlyInTrain.length > 0 ? md`only in train: ${listed(onlyInTrain)}` : '',
              onlyInTest.length > 0 ? md`only in test: ${listed(onlyInTest)}` : '',
            ]
              .filter((part) => part !== '')
              .join('; '),
          ),
      '',
    ]);
  }
  if (summary.duplicates) {
    for (const [set, found] of Object.entries(summary.duplicates)) {
      rows.push([
        icon(found.status, found.skipped),
        `duplicate rows (${set})`,
        found.skipped ?? `${found.duplicates} of ${found.rows} (${percent(found.fraction)})`,
        `≤ ${percent(found.maxFraction)}`,
      ]);
      if (flagged(found.status) && found.examples.length > 0) {
        details.push(
          `**Duplicate rows (${set}):**`,
          '',
          ...found.examples.map((e) => `- ${code(shownRow(e.row))} × ${e.count}`),
          '',
        );
      }
    }
  }
  if (summary.overlap) {
    const found = summary.overlap;
    rows.push([
      icon(found.status, found.skipped),
      `test rows also in train (by ${found.comparedBy === 'features' ? 'features' : 'whole rows'})`,
      found.skipped ?? `${found.rows} of ${test.rows} (${percent(found.fraction)})`,
      `≤ ${percent(found.maxFraction)}`,
    ]);
    if (flagged(found.status) && found.examples.length > 0) {
      details.push(
        '**Test rows also in train:**',
        '',
        ...found.examples.map((e) => `- ${code(shownRow(e.row))} (train × ${e.train}, test × ${e.test})`),
        '',
      );
    }
  }
  if (summary.conflictingLabels) {
    for (const [what, found] of [
      ['train', summary.conflictingLabels.train],
      ['train + test', summary.conflictingLabels.trainTest],
    ] as const) {
      rows.push([
        icon(found.status, found.skipped),
        `conflicting labels (${what})`,
        found.skipped ??
          `${plural(found.groups, 'group')}, ${plural(found.rows, 'row')} (${percent(found.fraction)})`,
        `≤ ${percent(found.maxFraction)}`,
      ]);
      if (flagged(found.status) && found.examples.length > 0) {
        details.push(
          `**Conflicting labels (${what}):**`,
          '',
          ...found.examples.map((e) => `- ${code(shownRow(e.row))}: ${literalText(showLabels(e))}`),
          '',
        );
      }
    }
  }
  if (summary.unseenCategories) {
    const checked = summary.unseenCategories.filter((found) => !found.skipped);
    const withNew = checked.filter((found) => found.rows > 0).sort((a, b) => b.rows - a.rows);
    const skipped = summary.unseenCategories.length - checked.length;
    const worst = withNew.some((found) => found.status === 'failed')
      ? 'failed'
      : withNew.some((found) => found.status === 'warned')
        ? 'warned'
        : 'passed';
    rows.push([
      icon(worst),
      'categories unseen in train',
      `${withNew.length} of ${plural(checked.length, 'text column')} with new values${skipped > 0 ? ` (${skipped} skipped: too many distinct values)` : ''}`,
      `≤ ${percent(summary.unseenCategories[0]?.maxFraction ?? 0)} of test rows`,
    ]);
    if (withNew.length > 0) {
      details.push(
        '**Categories unseen in train:**',
        '',
        markdownTable(
          ['Column', 'Test rows', 'New values', 'Examples'],
          withNew
            .slice(0, maxListed)
            .map((found) => [
              literalText(found.column),
              `${found.rows} (${percent(found.fraction)})`,
              String(found.values),
              new InlineMarkdown(
                found.examples.map((e) => `${exampleCode(e.value)} × ${e.count}`).join(', '),
              ),
            ]),
        ),
        ...(withNew.length > maxListed ? ['', `… and ${withNew.length - maxListed} more columns`] : []),
        '',
      );
    }
  }
  if (summary.leakage) {
    const evaluated = summary.leakage.filter((found) => !found.skipped);
    const leaking = evaluated.filter((found) => flagged(found.status));
    const maxScore = summary.leakage[0]?.maxScore ?? 0;
    const top = evaluated[0];
    rows.push([
      icon(
        leaking.some((found) => found.status === 'failed')
          ? 'failed'
          : leaking.length > 0
            ? 'warned'
            : 'passed',
        evaluated.length === 0 ? summary.leakage[0]?.skipped : undefined,
      ),
      'single-feature leakage',
      evaluated.length === 0
        ? (summary.leakage[0]?.skipped ?? 'no features')
        : new InlineMarkdown(
            leaking.length > 0
              ? leaking.map((found) => `${code(found.column)} (${found.score.toFixed(2)})`).join(', ')
              : `highest: ${code(top?.column ?? '')} (${top?.score.toFixed(2)})`,
          ),
      `score < ${maxScore}`,
    ]);
    if (evaluated.length > 0) {
      details.push(
        '<details><summary>Predictive power of single features (leakage)</summary>',
        '',
        markdownTable(
          ['Feature', 'Score', 'Accuracy', 'Baseline', 'Values'],
          evaluated
            .slice(0, maxListed)
            .map((found) => [
              md`${found.status === 'passed' ? '' : `${statusIcons[found.status]} `}${found.column}`,
              found.score.toFixed(3),
              found.accuracy.toFixed(3),
              found.baseline.toFixed(3),
              found.kind,
            ]),
        ),
        '',
        'Score = (accuracy − baseline) / (1 − baseline), on the test set, predicting the label by the majority label of each value (or quantile bin) in train.',
        '',
        '</details>',
        '',
      );
    }
  }
  lines.push(markdownTable(['', 'Check', 'Result', 'Threshold'], rows), '');
  if (details.length > 0) lines.push(...details);
  return `${lines.join('\n').trimEnd()}\n`;
}
