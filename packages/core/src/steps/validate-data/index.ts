import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { InputError } from '../../errors';
import { writeFileAtomic } from '../../io/atomic';
import { fileDigest } from '../../io/digest';
import type { StepReport } from '../../report/model';
import { statusOf } from '../../report/model';
import { writeStepReports } from '../../report/write';
import { defineStep, type StepEnvironment } from '../../step';
import { checkData } from './checks';
import { formatOf, withData } from './data';
import { inferSchema } from './infer';
import { type ValidateDataInput, type ValidateDataResult, validateDataInput } from './input';
import { headlineOf, renderReport } from './report';
import { type DataSchema, loadSchema } from './schema';

export { type CheckOutcome, categoryOf, checkData, isCompatible, type TypeCategory } from './checks';
export {
  type DataColumn,
  type DataTable,
  formatOf,
  type ReadOptions,
  relations,
  withData,
  withDatasets,
} from './data';
export { duckdbCacheDir, duckdbVersion, loadDuckDB } from './duckdb';
export { type InferredSchema, inferSchema, maxInferredCategories } from './infer';
export { headlineOf, renderReport } from './report';
export {
  type ColumnSpec,
  type ColumnsMode,
  type ColumnType,
  columnsModes,
  columnTypes,
  type DataSchema,
  loadSchema,
  parseSchema,
  type Rule,
  type RuleScalar,
  type TableSpec,
} from './schema';

async function run(
  input: ValidateDataInput,
  environment: StepEnvironment,
): Promise<StepReport<ValidateDataResult>> {
  const { cwd, logger } = environment;
  const dataFile = input.data;
  if (dataFile === undefined) throw new InputError('validate-data needs data (the file to check)');
  if ((input.schema === undefined) === (input.inferSchema === undefined)) {
    throw new InputError(
      'validate-data needs exactly one of schema (check against it) and infer-schema (write one)',
    );
  }
  const format = formatOf(dataFile, input.format);
  const dataPath = resolve(cwd, dataFile);
  const schemaFile = (input.schema ?? input.inferSchema) as string;
  const schemaPath = resolve(cwd, schemaFile);
  const inferred = input.inferSchema !== undefined;
  // Everything that can be refused is refused before the data is read.
  let schema: DataSchema | undefined = inferred ? undefined : await loadSchema(schemaPath, schemaFile);
  if (inferred && !input.force && existsSync(schemaPath)) {
    throw new InputError(`${schemaFile}: already exists; set the force option to replace it`);
  }

  logger.info(`validate-data: reading ${dataFile} (${format})`);
  const textColumns = (schema?.columns ?? [])
    .filter((column) => column.type?.value === 'string')
    .map((c) => c.name);
  const outcome = await withData(
    { path: dataPath, file: dataFile, format, textColumns, logger },
    async (table) => {
      const digest = await fileDigest(dataPath);
      if (!schema) {
        logger.info(`validate-data: inferring a schema from ${table.columns.length} columns`);
        const written = await inferSchema(table, { file: dataFile, digest });
        await writeFileAtomic(schemaPath, written.text);
        logger.info(`validate-data: wrote ${schemaFile}; checking the data against it`);
        schema = await loadSchema(schemaPath, schemaFile);
      }
      logger.info(
        `validate-data: checking ${schema.columns.length} schema columns against ${table.columns.length} data columns`,
      );
      return { ...(await checkData(table, schema)), columns: table.columns.length, digest };
    },
  );

  const checks = outcome.checks;
  const result: ValidateDataResult = {
    step: 'validate-data',
    status: statusOf(checks),
    checks,
    data: { path: dataFile, format, digest: outcome.digest, rows: outcome.rows, columns: outcome.columns },
    schema: { path: schemaFile, digest: await fileDigest(schemaPath), inferred },
    counts: {
      passed: checks.filter((check) => check.status === 'passed').length,
      failed: checks.filter((check) => check.status === 'failed').length,
      warned: checks.filter((check) => check.status === 'warned').length,
    },
  };
  const markdown = renderReport(result);
  const files = await writeStepReports(resolve(cwd, input.out), result, markdown);
  return {
    result,
    headline: headlineOf(result),
    markdown,
    // Relative to the working directory, like every path a user gives: usable as is by upload-artifact & co.
    outputs: {
      status: result.status,
      'report-path': relative(cwd, files.markdown),
      'dataset-digest': outcome.digest,
    },
    files,
  };
}

export const validateDataStep = defineStep({
  name: 'validate-data',
  summary: 'Check a data file against its schema contract, a reference for drift, and its test set.',
  input: validateDataInput,
  outputs: {
    status: 'passed or failed.',
    'report-path':
      'Path of the Markdown report (validate-data.md), relative to the working directory; validate-data.json and validate-data.junit.xml are next to it.',
    'dataset-digest': 'sha256 digest of the data file (sha256:<hex>), for lineage records.',
  },
  run,
});
