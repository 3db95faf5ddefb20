import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { InputError } from '../../errors';
import type { Logger } from '../../platform/platform';
import { formatOf, quoteIdentifier, withData } from '../validate-data/data';
import { codesOf, distinctValues, firstNull, numbersOf, type ReadColumn, readTypedColumns } from './columns';
import { binnedSlice, maxSliceValues } from './slices';
import { type ChosenTask, chooseTask } from './task';

/** Classes as indexes into `classes`, which are in np.unique order (numbers numerically, text by code point). */
export interface ClassificationColumns {
  task: 'classification';
  classes: string[];
  labels: Int32Array;
  predictions: Int32Array;
  scores?: Float64Array;
  /** Index of the positive class, when the task is binary or one was given. */
  positive?: number;
}

export interface RegressionColumns {
  task: 'regression';
  actual: Float64Array;
  predicted: Float64Array;
}

export interface SliceColumn {
  column: string;
  /** Distinct values, sorted (or, for a binned numeric column, its intervals); `codes[i]` is row i's index into them. */
  values: string[];
  codes: Int32Array;
}

export interface PredictionsFile {
  file: string;
  rows: number;
  columns: ClassificationColumns | RegressionColumns;
  /** The task the columns were read as, and why (`--task auto` decides from the values). */
  task: ChosenTask;
  slices: SliceColumn[];
  /**
   * What identifies the evaluation data: sha256 of the true labels in row order, one per line as text. Two files
   * scored on the same rows, in the same order, with the same truth have the same digest.
   */
  dataDigest: string;
}

export interface PredictionsOptions {
  cwd: string;
  labelColumn: string;
  predictionColumn: string;
  scoreColumn?: string;
  sliceColumns: readonly string[];
  task: 'auto' | 'classification' | 'regression';
  positiveLabel?: string;
  logger: Logger;
}

const numericType =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/;

/** Reads the columns of a predictions file (CSV, TSV, JSON Lines, Parquet) that the metrics need. */
export async function readPredictions(file: string, options: PredictionsOptions): Promise<PredictionsFile> {
  const path = resolve(options.cwd, file);
  return withData({ path, file, format: formatOf(file), logger: options.logger }, async (table) => {
    const types = new Map(table.columns.map((column) => [column.name, column.type]));
    const needed = [
      ['label-column', options.labelColumn],
      ['prediction-column', options.predictionColumn],
      ...(options.scoreColumn ? [['score-column', options.scoreColumn]] : []),
      ...options.sliceColumns.map((column) => ['slice-column', column]),
    ] as const;
    for (const [option, column] of needed)
      if (!types.has(column))
        throw new InputError(
          `${file}: no column '${column}' (${option}); the file has ${table.columns.map((c) => c.name).join(', ')}`,
        );
    // A column named twice, or a name DuckDB made up for a renamed one, is never read in its place.
    const line = table.format === 'csv' || table.format === 'tsv' ? ':1' : '';
    for (const problem of table.labelProblems) {
      const involved = needed.find(
        ([, column]) =>
          problem.readAs.includes(column) ||
          (problem.name === 'duplicate-label' && column.toLowerCase() === problem.label.toLowerCase()),
      );
      if (involved)
        throw new InputError(
          `${file}${line}: ${problem.message}, so ${involved[0]} '${involved[1]}' ${problem.name === 'duplicate-label' ? 'is ambiguous' : 'is not a name the file gives'}`,
        );
      options.logger.warn(`${file}${line}: ${problem.message} (a column evaluate does not read)`);
    }
    const labelType = types.get(options.labelColumn) as string;
    const predictionType = types.get(options.predictionColumn) as string;
    const read = await readTypedColumns(
      table,
      needed.map(([, column]) => {
        const type = types.get(column) as string;
        return { sql: quoteIdentifier(column), type, numeric: numericType.test(type) };
      }),
      options.logger,
    );
    const [labels, predictions] = read as [ReadColumn, ReadColumn];
    const rows = labels.values.length;
    if (rows === 0) throw new InputError(`${file}: no rows to evaluate`);
    const missing = (values: ReadColumn, column: string) => {
      const at = firstNull(values);
      if (at >= 0) throw new InputError(`${file}: row ${at + 1} has no value in '${column}'`);
    };
    missing(labels, options.labelColumn);
    missing(predictions, options.predictionColumn);

    // The distinct values in the order they first appear decide the task as the whole columns would, and code the
    // classes; a regression given as such needs neither (they are a Set of every value of a continuous column).
    const given = options.task === 'regression';
    const distinctLabels = given ? [] : distinctValues(labels);
    const distinctPredictions = given ? [] : distinctValues(predictions);
    const task = chooseTask(options.task, {
      labels: distinctLabels,
      predictions: distinctPredictions,
      labelsNumeric: numericType.test(labelType),
      predictionsNumeric: numericType.test(predictionType),
      scored: options.scoreColumn !== undefined,
    });
    let columns: ClassificationColumns | RegressionColumns;
    let dataDigest: string;
    if (task.name === 'regression') {
      for (const [column, type] of [
        [options.labelColumn, labelType],
        [options.predictionColumn, predictionType],
      ])
        if (!numericType.test(type as string))
          throw new InputError(`${file}: '${column}' holds ${type}, not numbers: a regression needs numbers`);
      columns = { task: 'regression', actual: numbersOf(labels), predicted: numbersOf(predictions) };
      dataDigest = digestOfLines(rows, (row) => String(labels.values[row]));
    } else {
      const numeric = numericType.test(labelType);
      if (numeric !== numericType.test(predictionType))
        throw new InputError(
          `${file}: '${options.labelColumn}' holds ${labelType} and '${options.predictionColumn}' holds ${predictionType}: labels and predictions must be of one type`,
        );
      const { values: classes, code } = encode([...distinctLabels, ...distinctPredictions], numeric);
      const labelCodes = codesOf(labels, code);
      columns = {
        task: 'classification',
        classes,
        labels: labelCodes,
        predictions: codesOf(predictions, code),
      };
      dataDigest = digestOfCodes(labelCodes, classes);
      if (options.positiveLabel !== undefined) {
        const at = classes.indexOf(options.positiveLabel);
        const positive = at < 0 ? undefined : at;
        if (positive === undefined)
          throw new InputError(
            `positive-label: '${options.positiveLabel}' is not a label of ${file} (labels: ${classes.slice(0, 10).join(', ')})`,
          );
        columns.positive = positive;
      }
      if (options.scoreColumn) {
        const scores = read[2] as ReadColumn;
        missing(scores, options.scoreColumn);
        const type = types.get(options.scoreColumn) as string;
        if (!numericType.test(type))
          throw new InputError(`${file}: '${options.scoreColumn}' holds ${type}, not probabilities`);
        const values = numbersOf(scores);
        const outside = values.findIndex((score) => !(score >= 0 && score <= 1));
        if (outside >= 0)
          throw new InputError(
            `${file}: row ${outside + 1}: score ${values[outside]} in '${options.scoreColumn}' is not a probability in [0, 1]`,
          );
        columns.scores = values;
      }
    }
    const firstSlice = options.scoreColumn ? 3 : 2;
    const slices = options.sliceColumns.map((column, i) => {
      const cells = read[firstSlice + i] as ReadColumn;
      const distinct = distinctValues(cells);
      // A numeric column of many values (age, income) is cut into quantile bins: one slice a value says nothing.
      if (numericType.test(types.get(column) as string) && distinct.length > maxSliceValues)
        return binnedSlice(column, numbersOf(cells));
      const { values, code } = encode(distinct, false);
      return { column, values, codes: codesOf(cells, code) };
    });
    return { file, rows, columns, task, slices, dataDigest };
  });
}

/** sha256 of the rows' texts, one per line; hashed in blocks: one update per row costs more than the whole read. */
function digestOfLines(rows: number, textOf: (row: number) => string): string {
  const hash = createHash('sha256');
  const block = 65536;
  for (let start = 0; start < rows; start += block) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(rows, start + block); i++) lines.push(textOf(i));
    hash.update(`${lines.join('\n')}\n`);
  }
  return `sha256:${hash.digest('hex')}`;
}

/** digestOfLines of the labels' class names, from their codes: each class's line encoded once, not once a row. */
function digestOfCodes(codes: Int32Array, classes: readonly string[]): string {
  const lines = classes.map((name) => Buffer.from(`${name}\n`));
  const hash = createHash('sha256');
  const block = Buffer.allocUnsafe(1 << 20);
  let used = 0;
  for (const code of codes) {
    const line = lines[code] as Buffer;
    if (used + line.length > block.length) {
      hash.update(block.subarray(0, used));
      used = 0;
    }
    if (line.length > block.length) hash.update(line);
    else if (line.length === 2) {
      block[used++] = line[0] as number;
      block[used++] = 10;
    } else used += line.copy(block, used);
  }
  hash.update(block.subarray(0, used));
  return `sha256:${hash.digest('hex')}`;
}

/**
 * Class names for distinct values (in the order they first appear), sorted in np.unique's order: numbers by
 * value, text by code point (null is the text `(null)`), and each value's code, the index of its name. Distinct
 * values that share a text (1 and 1n) share a code.
 */
function encode(
  distinct: readonly unknown[],
  numeric: boolean,
): { values: string[]; code: Map<unknown, number> } {
  const text = (value: unknown) => (value === null || value === undefined ? '(null)' : String(value));
  // Text by code point (Python's str order): the UTF-8 bytes compare so; JS's `<` compares UTF-16 units.
  const sorted = [...new Set(distinct)].sort(
    numeric
      ? // Compared as they are, not as Number(): bigints past 2^53 that round to one double still order by value.
        (a, b) => ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0)
      : (a, b) => Buffer.compare(Buffer.from(text(a)), Buffer.from(text(b))),
  );
  const values: string[] = [];
  const codeOfText = new Map<string, number>();
  const code = new Map<unknown, number>();
  for (const value of sorted) {
    const key = text(value);
    if (!codeOfText.has(key)) {
      codeOfText.set(key, values.length);
      values.push(key);
    }
    code.set(value, codeOfText.get(key) as number);
  }
  return { values, code };
}
