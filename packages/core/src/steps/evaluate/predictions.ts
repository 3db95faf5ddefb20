import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { InputError } from '../../errors';
import type { Logger } from '../../platform/platform';
import { formatOf, quoteIdentifier, withData } from '../validate-data/data';
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
    const select = needed.map(([, column], index) => `${quoteIdentifier(column)} AS c${index}`).join(', ');
    const read = await table.readColumns(`SELECT ${select} FROM ${table.relation}`);
    const labels = read.c0 ?? [];
    const predictions = read.c1 ?? [];
    const rows = labels.length;
    if (rows === 0) throw new InputError(`${file}: no rows to evaluate`);
    const missing = (values: unknown[], column: string) => {
      const at = values.findIndex((value) => value === null || value === undefined);
      if (at >= 0) throw new InputError(`${file}: row ${at + 1} has no value in '${column}'`);
    };
    missing(labels, options.labelColumn);
    missing(predictions, options.predictionColumn);

    const task = chooseTask(options.task, {
      labels,
      predictions,
      labelsNumeric: numericType.test(labelType),
      predictionsNumeric: numericType.test(predictionType),
      scored: options.scoreColumn !== undefined,
    });
    let columns: ClassificationColumns | RegressionColumns;
    if (task.name === 'regression') {
      for (const [column, type] of [
        [options.labelColumn, labelType],
        [options.predictionColumn, predictionType],
      ])
        if (!numericType.test(type as string))
          throw new InputError(`${file}: '${column}' holds ${type}, not numbers: a regression needs numbers`);
      columns = {
        task: 'regression',
        actual: Float64Array.from(labels, Number),
        predicted: Float64Array.from(predictions, Number),
      };
    } else {
      const numeric = numericType.test(labelType);
      if (numeric !== numericType.test(predictionType))
        throw new InputError(
          `${file}: '${options.labelColumn}' holds ${labelType} and '${options.predictionColumn}' holds ${predictionType}: labels and predictions must be of one type`,
        );
      const { values: classes, codes } = encode([labels, predictions], numeric);
      columns = {
        task: 'classification',
        classes,
        labels: codes[0] as Int32Array,
        predictions: codes[1] as Int32Array,
      };
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
        const scores = read.c2 ?? [];
        missing(scores, options.scoreColumn);
        const type = types.get(options.scoreColumn) as string;
        if (!numericType.test(type))
          throw new InputError(`${file}: '${options.scoreColumn}' holds ${type}, not probabilities`);
        const values = Float64Array.from(scores, Number);
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
      const cells = read[`c${firstSlice + i}`] ?? [];
      // A numeric column of many values (age, income) is cut into quantile bins: one slice a value says nothing.
      if (numericType.test(types.get(column) as string) && new Set(cells).size > maxSliceValues)
        return binnedSlice(column, cells);
      const { values, codes } = encode([cells], false);
      return { column, values, codes: codes[0] as Int32Array };
    });
    // Hashed in blocks of lines: one update per row costs more than the rest of the read at a million rows.
    const hash = createHash('sha256');
    const block = 65536;
    for (let start = 0; start < rows; start += block) {
      const lines: string[] = [];
      for (let i = start; i < Math.min(rows, start + block); i++) lines.push(String(labels[i]));
      hash.update(`${lines.join('\n')}\n`);
    }
    return { file, rows, columns, task, slices, dataDigest: `sha256:${hash.digest('hex')}` };
  });
}

/**
 * Codes for the values of one or more columns over one sorted list of their distinct values, in np.unique's
 * order: numbers by value, text by code point (null is the text `(null)`). Keyed by the raw value, so a million
 * rows need no string conversion, only the few distinct values do.
 */
function encode(
  columns: readonly (readonly unknown[])[],
  numeric: boolean,
): { values: string[]; codes: Int32Array[] } {
  const distinct = new Set<unknown>();
  for (const column of columns) for (const value of column) distinct.add(value);
  const text = (value: unknown) => (value === null || value === undefined ? '(null)' : String(value));
  // Text by code point (Python's str order): the UTF-8 bytes compare so; JS's `<` compares UTF-16 units.
  const sorted = [...distinct].sort(
    numeric
      ? (a, b) => Number(a) - Number(b)
      : (a, b) => Buffer.compare(Buffer.from(text(a)), Buffer.from(text(b))),
  );
  // Distinct raw values can share a text (1 and 1n): they get one code.
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
  return {
    values,
    codes: columns.map((column) => Int32Array.from(column, (value) => code.get(value) as number)),
  };
}
