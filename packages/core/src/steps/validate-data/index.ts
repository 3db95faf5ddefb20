import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import { InputError } from '../../errors';
import { writeFileAtomic } from '../../io/atomic';
import { fileDigest } from '../../io/digest';
import { expandPaths } from '../../io/fingerprint';
import { type NamedPath, refuseSameFile } from '../../io/guard-paths';
import type { StepReport } from '../../report/model';
import { statusOf } from '../../report/model';
import { stepReportFiles, writeStepReports } from '../../report/write';
import { defineStep, type StepEnvironment } from '../../step';
import { checkData, type DataCheck, scanCompanion } from './checks';
import { type DataTable, formatOf, type ReadOptions, relations, withData, withDatasets } from './data';
import {
  columnsWithoutDrift,
  compareDrift,
  type DriftOutcome,
  type DriftSide,
  driftAlongside,
  driftProfileOptions,
  referenceEdges,
} from './drift';
import { labelChecks } from './header';
import { checkHygiene, hygieneExclusions } from './hygiene';
import { defaultHygieneConfig } from './hygiene-config';
import { inferSchema } from './infer';
import {
  type DataFormat,
  type ReferenceModel,
  type ValidateDataInput,
  type ValidateDataResult,
  validateDataInput,
} from './input';
import { checkProfile, mergeProfiles, type NamedProfile } from './merge';
import { type DataProfile, isProfileFile, loadProfile, profileTable, profileText } from './profile';
import { isRegistryReference, loadRegistryProfile, registryReferencePrefix } from './registry-reference';
import { headlineOf, renderReport } from './report';
import { type DataSchema, loadSchema } from './schema';

export {
  type CheckOutcome,
  categoryOf,
  checkData,
  type DataCheck,
  type FailingRow,
  isCompatible,
  type TypeCategory,
} from './checks';
export {
  type DataColumn,
  type DataTable,
  formatOf,
  type ReadOptions,
  relations,
  withData,
  withDatasets,
} from './data';
export { compareDrift, type DriftSide, defaultThresholds, isPValueTest, smallReferenceRows } from './drift';
export { duckdbCacheDir, duckdbVersion, loadDuckDB } from './duckdb';
export { type InferredSchema, inferSchema, maxInferredCategories } from './infer';
export { checkProfile, mergedDigest, mergeProfiles, type NamedProfile, needsRows } from './merge';
export {
  type ColumnProfile,
  type DataProfile,
  isProfileFile,
  loadProfile,
  maxProfileCategories,
  parseProfile,
  profileBins,
  profileTable,
  profileText,
  rawValueRows,
} from './profile';
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

import { requireRegularFile } from '../../io/read-input';

/** The reference as given: a profile file (read up front) or a data file (opened with the data). */
type Reference =
  | { kind: 'profile'; file: string; profile: DataProfile; model?: ReferenceModel }
  | { kind: 'data'; file: string; path: string; format: DataFormat };

/** What the data side produced, whichever way it was read. */
interface Outcome {
  checks: DataCheck[];
  keyColumn?: string;
  rows: number;
  columns: number;
  digest: string;
  drift?: DriftOutcome;
  hygiene?: ValidateDataResult['hygiene'];
  profile?: DataProfile;
}

/** Drift of `current` (a table or a merged profile) against the reference, the table's histograms on its edges. */
async function driftOf(
  reference: DataProfile,
  referenceTable: DataTable | undefined,
  current: { table?: DataTable; profile?: DataProfile; side?: DriftSide; file: string; digest: string },
  input: ValidateDataInput,
  meta: { path: string; kind: 'data' | 'profile'; model?: ReferenceModel; schema: DataSchema | undefined },
): Promise<DriftOutcome> {
  let profile = current.side?.profile ?? current.profile;
  if (!profile) {
    const table = current.table as DataTable;
    const present = new Set(table.columns.map((column) => column.name));
    const shared = new Set(
      reference.columns.map((column) => column.name).filter((name) => present.has(name)),
    );
    profile = await profileTable(table, {
      file: current.file,
      digest: current.digest,
      ...driftProfileOptions(reference, meta.schema),
      columns: shared,
      values: false,
    });
  }
  const referenceSide: DriftSide = {
    profile: reference,
    ...(referenceTable ? { table: referenceTable } : {}),
  };
  const currentSide: DriftSide = current.side ?? {
    profile,
    ...(current.table ? { table: current.table } : {}),
  };
  return compareDrift(referenceSide, currentSide, {
    ...driftOptions(input, meta),
    digest: reference.data.digest,
  });
}

function driftOptions(
  input: ValidateDataInput,
  meta: { path: string; kind: 'data' | 'profile'; model?: ReferenceModel; schema: DataSchema | undefined },
) {
  return {
    reference: { path: meta.path, kind: meta.kind, ...(meta.model ? { model: meta.model } : {}) },
    test: input.driftTest,
    ...(input.driftThreshold === undefined ? {} : { threshold: input.driftThreshold }),
    share: input.driftShare,
    ...(meta.schema ? { schema: meta.schema } : {}),
  };
}

async function run(
  input: ValidateDataInput,
  environment: StepEnvironment,
): Promise<StepReport<ValidateDataResult>> {
  const { cwd, logger } = environment;
  const merging = input.mergeProfiles.length > 0;
  const fromRegistry = input.reference !== undefined && isRegistryReference(input.reference);
  const inferred = input.inferSchema !== undefined;
  const schemaFile = input.schema ?? input.inferSchema;
  const schemaPath = schemaFile === undefined ? undefined : resolve(cwd, schemaFile);

  // Everything that can be refused is refused before the data is read.
  await refuseSameFile(writtenFiles(input, cwd), readFiles(input), cwd);
  for (const [option, file] of [
    ['data', input.data],
    [
      'reference',
      input.reference !== undefined && !fromRegistry && !isProfileFile(input.reference)
        ? input.reference
        : undefined,
    ],
    ['test', input.test],
  ] as const)
    if (file !== undefined) await requireRegularFile(resolve(cwd, file), option, file);
  let schema: DataSchema | undefined =
    input.schema !== undefined ? await loadSchema(schemaPath as string, input.schema) : undefined;
  if (inferred) refuseOverwrite(schemaPath as string, schemaFile as string, input.force);
  const profilePath = input.writeProfile === undefined ? undefined : resolve(cwd, input.writeProfile);
  if (profilePath) refuseOverwrite(profilePath, input.writeProfile as string, input.force);
  let reference: Reference | undefined;
  if (input.reference !== undefined && fromRegistry) {
    reference = {
      kind: 'profile',
      file: input.reference,
      ...(await loadRegistryProfile(input.reference, input, environment)),
    };
  } else if (input.reference !== undefined) {
    const path = resolve(cwd, input.reference);
    reference = isProfileFile(input.reference)
      ? { kind: 'profile', file: input.reference, profile: await loadProfile(path, input.reference) }
      : {
          kind: 'data',
          file: input.reference,
          path,
          format: formatOrFallback(input.reference, input.format),
        };
  }

  const textColumns = (schema?.columns ?? [])
    .filter((column) => column.type?.value === 'string')
    .map((c) => c.name);
  const driftMeta = (kind: 'data' | 'profile') => ({
    path: input.reference as string,
    kind,
    ...(reference?.kind === 'profile' && reference.model ? { model: reference.model } : {}),
    schema,
  });

  let outcome: Outcome;
  let dataPath: string;
  let format: DataFormat | 'profiles';
  if (merging) {
    format = 'profiles';
    // Globs are mlci's to expand, as for train's inputs: a CI input passes them as written.
    const files = await expandPaths(input.mergeProfiles, { cwd, option: 'merge-profiles' });
    dataPath = files.join(', ');
    const parts: NamedProfile[] = [];
    for (const file of files) {
      parts.push({ file, profile: await loadProfile(resolve(cwd, file), file) });
    }
    const merged = mergeProfiles(parts);
    logger.info(`validate-data: merged ${parts.length} profiles (${merged.data.rows} rows)`);
    const checks = schema ? checkProfile(merged, schema) : [];
    let drift: DriftOutcome | undefined;
    const headerChecks: DataCheck[] = [];
    const current = { profile: merged, file: dataPath, digest: merged.data.digest };
    if (reference?.kind === 'profile') {
      drift = await driftOf(reference.profile, undefined, current, input, driftMeta('profile'));
    } else if (reference?.kind === 'data') {
      const ref = reference;
      drift = await withData(
        {
          relation: relations.reference,
          path: ref.path,
          file: ref.file,
          format: ref.format,
          textColumns,
          maxLineSize: input.maxLineSize,
          logger,
          progress: environment.progress,
        },
        async (table) => {
          headerChecks.push(...labelChecks(table.file, table.format, table.labelProblems));
          return driftOf(
            await profileReference(table, ref, schema),
            table,
            current,
            input,
            driftMeta('data'),
          );
        },
      );
    }
    outcome = {
      checks: [...headerChecks, ...checks, ...(drift?.checks ?? [])],
      rows: merged.data.rows,
      columns: merged.columns.length,
      digest: merged.data.digest,
      ...(drift ? { drift } : {}),
      profile: merged,
    };
  } else {
    const dataFile = input.data as string;
    const dataFormat = formatOf(dataFile, input.format);
    format = dataFormat;
    dataPath = dataFile;
    const absolute = resolve(cwd, dataFile);
    const sources: ReadOptions[] = [
      {
        path: absolute,
        file: dataFile,
        format: dataFormat,
        textColumns,
        maxLineSize: input.maxLineSize,
        logger,
      },
    ];
    if (reference?.kind === 'data') {
      sources.push({
        relation: relations.reference,
        path: reference.path,
        file: reference.file,
        format: reference.format,
        textColumns,
        maxLineSize: input.maxLineSize,
        logger,
      });
    }
    if (input.test !== undefined) {
      sources.push({
        relation: relations.test,
        path: resolve(cwd, input.test),
        file: input.test,
        format: formatOrFallback(input.test, input.format),
        textColumns,
        maxLineSize: input.maxLineSize,
        logger,
      });
    }
    logger.info(`validate-data: reading ${dataFile} (${dataFormat})`);
    outcome = await withDatasets(
      sources,
      logger,
      async (tables) => {
        const table = tables[0] as DataTable;
        const referenceTable = tables.find((t) => t.relation === relations.reference);
        const testTable = tables.find((t) => t.relation === relations.test);
        // Hashed while DuckDB reads the file: the two overlap instead of adding up.
        const digesting = fileDigest(absolute);
        digesting.catch(() => undefined); // awaited below; a failure must not surface as an unhandled rejection
        // Repeated or blank labels first: the checks by name below see DuckDB's renamed columns.
        const checks: DataCheck[] = tables.flatMap((t) => labelChecks(t.file, t.format, t.labelProblems));
        let rows: number | undefined;
        let keyColumn: string | undefined;
        if (inferred) {
          logger.info(`validate-data: inferring a schema from ${table.columns.length} columns`);
          const written = await inferSchema(table, { file: dataFile, digest: await digesting });
          await writeFileAtomic(schemaPath as string, written.text);
          logger.info(`validate-data: wrote ${schemaFile}; checking the data against it`);
          schema = await loadSchema(schemaPath as string, schemaFile as string);
        }
        // The reference is profiled first: its bin edges and values say what the data's scan counts for drift.
        let referenceProfile: DataProfile | undefined;
        if (reference?.kind === 'profile') referenceProfile = reference.profile;
        else if (reference?.kind === 'data' && referenceTable) {
          logger.info(`validate-data: profiling the reference ${reference.file}`);
          referenceProfile = await profileReference(referenceTable, reference, schema);
        }
        // Drift's aggregates of the data come from the checks' scan (one pass over the data), unless a profile
        // to write needs scans of its own anyway.
        const meta = driftMeta(reference?.kind ?? 'data');
        const alongside =
          referenceProfile && !profilePath
            ? driftAlongside(referenceProfile, table, driftOptions(input, meta), dataFile)
            : undefined;
        let scanned = false;
        if (schema) {
          logger.info(
            `validate-data: checking ${schema.columns.length} schema columns against ${table.columns.length} data columns`,
          );
          const checked = await checkData(table, schema, alongside?.companion);
          checks.push(...checked.checks);
          rows = checked.rows;
          keyColumn = checked.key;
          scanned = checked.alongside;
        } else if (alongside) {
          scanned = await scanCompanion(table, alongside.companion);
        }
        let hygiene: Outcome['hygiene'];
        if (testTable) {
          logger.info(`validate-data: train/test checks of ${dataFile} and ${input.test}`);
          const found = await checkHygiene(table, testTable, {
            ...(input.label === undefined ? {} : { label: input.label }),
            config: schema?.hygiene?.config ?? defaultHygieneConfig,
            ...(schema ? { schemaFile: schema.file } : {}),
            ...(schema?.hygiene?.lines ? { lines: schema.hygiene.lines } : {}),
            excluded: hygieneExclusions(schema),
          });
          checks.push(...found.checks);
          hygiene = found.summary;
        }
        const digest = await digesting;
        let profile: DataProfile | undefined;
        if (profilePath) {
          logger.info(`validate-data: profiling ${dataFile}`);
          profile = await profileTable(table, {
            file: dataFile,
            digest,
            ...(referenceProfile ? { edges: referenceEdges(referenceProfile) } : {}),
          });
          rows ??= profile.data.rows;
        }
        let drift: DriftOutcome | undefined;
        if (referenceProfile) {
          logger.info(`validate-data: comparing ${dataFile} with the reference ${input.reference}`);
          const side = scanned && alongside ? alongside.current(digest) : undefined;
          drift = await driftOf(
            referenceProfile,
            referenceTable,
            { table, ...(profile ? { profile } : {}), ...(side ? { side } : {}), file: dataFile, digest },
            input,
            meta,
          );
          rows ??= side?.profile.data.rows;
          checks.push(...drift.checks);
        }
        if (rows === undefined) {
          const [row] = await table.query(`SELECT count(*) AS n FROM ${table.relation}`);
          rows = Number(row?.n ?? 0);
        }
        return {
          checks,
          ...(keyColumn === undefined ? {} : { keyColumn }),
          rows,
          columns: table.columns.length,
          digest,
          ...(drift ? { drift } : {}),
          ...(hygiene ? { hygiene } : {}),
          ...(profile ? { profile } : {}),
        };
      },
      environment.progress,
    );
  }

  let written: ValidateDataResult['profile'];
  if (profilePath && outcome.profile) {
    const text = profileText(outcome.profile);
    await writeFileAtomic(profilePath, text);
    written = { path: input.writeProfile as string, digest: await fileDigest(profilePath) };
    logger.info(`validate-data: wrote the profile ${input.writeProfile}`);
  }

  const checks = outcome.checks;
  const result: ValidateDataResult = {
    step: 'validate-data',
    status: statusOf(checks),
    checks,
    ...(outcome.keyColumn === undefined ? {} : { keyColumn: outcome.keyColumn }),
    data: { path: dataPath, format, digest: outcome.digest, rows: outcome.rows, columns: outcome.columns },
    ...(schema && schemaPath
      ? {
          schema: {
            path: schemaFile as string,
            digest: schema.digest ?? (await fileDigest(schemaPath)),
            inferred,
          },
        }
      : {}),
    ...(outcome.drift ? { drift: outcome.drift.summary } : {}),
    ...(outcome.hygiene ? { hygiene: outcome.hygiene } : {}),
    ...(written ? { profile: written } : {}),
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
      ...(result.drift ? { 'drift-share': String(Number(result.drift.share.toPrecision(6))) } : {}),
    },
    files,
  };
}

/** Nothing a user had is lost: a file the step would write must not exist yet, unless `force` is given. */
/** The files validate-data writes, by option: infer-schema, write-profile and the reports in out. */
function writtenFiles(input: ValidateDataInput, cwd: string): NamedPath[] {
  const report = stepReportFiles(resolve(cwd, input.out), 'validate-data');
  return [
    ...(input.inferSchema === undefined ? [] : [{ option: 'infer-schema', path: input.inferSchema }]),
    ...(input.writeProfile === undefined ? [] : [{ option: 'write-profile', path: input.writeProfile }]),
    ...[report.json, report.markdown, report.junit].map((path) => ({ option: 'out', path })),
  ];
}

/** The files validate-data reads, by option (a merge-profiles glob is left out: it names no file yet). */
function readFiles(input: ValidateDataInput): NamedPath[] {
  const named = (option: string, path: string | undefined) => (path === undefined ? [] : [{ option, path }]);
  return [
    ...named('data', input.data),
    ...named('schema', input.schema),
    ...named(
      'reference',
      input.reference !== undefined && isRegistryReference(input.reference) ? undefined : input.reference,
    ),
    ...named('test', input.test),
    ...input.mergeProfiles
      .filter((pattern) => !isDynamicPattern(pattern))
      .map((path) => ({ option: 'merge-profiles', path })),
  ];
}

function refuseOverwrite(path: string, file: string, force: boolean): void {
  if (!force && existsSync(path))
    throw new InputError(`${file}: already exists; set the force option to replace it`);
}

/**
 * The profile of a reference given as a data file, made on every run and written nowhere: columns drift will
 * not compare (keys, `drift: false`) are counted only.
 */
async function profileReference(
  table: DataTable,
  reference: { file: string; path: string },
  schema: DataSchema | undefined,
): Promise<DataProfile> {
  return profileTable(table, {
    file: reference.file,
    digest: await fileDigest(reference.path),
    countsOnly: columnsWithoutDrift(schema),
  });
}

/** A second data file's format: its extension's, else the one given for the data. */
function formatOrFallback(file: string, explicit: DataFormat | undefined): DataFormat {
  try {
    return formatOf(file);
  } catch (error) {
    if (explicit) return explicit;
    throw error;
  }
}

export const validateDataStep = defineStep({
  name: 'validate-data',
  summary: 'Check a data file against its schema contract, a reference for drift, and its test set.',
  input: validateDataInput,
  // A monitor's alert is about the model version it compares with: one issue per `registry:NAME@ALIAS`.
  alertSubject: (input) =>
    input.reference !== undefined && isRegistryReference(input.reference)
      ? input.reference.slice(registryReferencePrefix.length)
      : undefined,
  outputs: {
    status: 'passed or failed.',
    'report-path':
      'Path of the Markdown report (validate-data.md), relative to the working directory; validate-data.json and validate-data.junit.xml are next to it.',
    'dataset-digest': 'sha256 digest of the data file (sha256:<hex>), for lineage records.',
    'drift-share':
      'Share of compared columns that drifted against the reference (0 to 1); set only when a reference is given.',
  },
  run,
});
