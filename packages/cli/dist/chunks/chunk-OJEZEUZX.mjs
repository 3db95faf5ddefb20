#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  parseYamlFile
} from "./chunk-3WGW567F.mjs";
import {
  require_dist
} from "./chunk-EHSMM5DC.mjs";
import {
  readInputFile
} from "./chunk-MK3DDHCX.mjs";
import {
  plural
} from "./chunk-5PJDXVWP.mjs";
import {
  _enum,
  array,
  bigint,
  boolean,
  discriminatedUnion,
  lazy,
  literal,
  number,
  object,
  preprocess,
  record,
  string,
  tuple,
  union
} from "./chunk-2GFZTZLN.mjs";
import {
  registryUriForms
} from "./chunk-XMRYHEY6.mjs";
import {
  bytesDigest
} from "./chunk-KLG7ZBD7.mjs";
import {
  movePath
} from "./chunk-4VSSUXZN.mjs";
import {
  makeScratchDirectory,
  removeOnInterrupt
} from "./chunk-BOL2UAYQ.mjs";
import {
  parseJson
} from "./chunk-COETP6OK.mjs";
import {
  InputError,
  MlciError,
  ServiceError,
  firstLine
} from "./chunk-C6XSGGFY.mjs";
import {
  __toESM
} from "./chunk-AQW5IZUH.mjs";

// packages/core/src/io/duckdb-path.ts
import { symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
var patternCharacters = process.platform === "win32" ? /[*?[\]{}]/ : /[*?[\]{}\\]/;
function isLiteralForDuckDB(path) {
  return !patternCharacters.test(path);
}
function literalPaths() {
  let directory;
  let count2 = 0;
  return {
    async pathFor(path, file) {
      if (isLiteralForDuckDB(path)) return path;
      directory ??= makeScratchDirectory(join(tmpdir(), "mlci-data-"));
      const { path: dir } = await directory.catch((error) => {
        throw new InputError(
          `${file}: the path holds characters DuckDB reads as a pattern (* ? [ ] { }) and no private directory for a link to it can be made in ${tmpdir()} (${error.code ?? "error"}); rename the file or set TMPDIR`
        );
      });
      if (!isLiteralForDuckDB(dir)) {
        throw new InputError(
          `${file}: the path holds characters DuckDB reads as a pattern (* ? [ ] { }) and so does the temporary directory ${dir}; rename the file or set TMPDIR to a plain directory`
        );
      }
      const extensions = /(\.[A-Za-z0-9]+)*$/.exec(basename(path))?.[0] ?? "";
      const link = join(dir, `file-${++count2}${extensions}`);
      try {
        await symlink(path, link, "file");
      } catch (error) {
        throw new InputError(
          `${file}: the path holds characters DuckDB reads as a pattern (* ? [ ] { }) and a link to read it literally cannot be made (${error.code ?? "error"}); rename the file`
        );
      }
      return link;
    },
    async dispose() {
      await (await directory?.catch(() => void 0))?.remove();
    }
  };
}

// packages/core/src/steps/validate-data/csv-diagnosis.ts
import { closeSync, openSync, readSync } from "node:fs";
function scanCsv(path, delimiter, onRecord) {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(1 << 20);
    const quote = 34;
    const separator = delimiter.charCodeAt(0);
    let line = 1;
    let recordLine = 1;
    let fields = 1;
    let inQuotes = false;
    let quoteOpenedAt = 0;
    let pendingQuote = false;
    let atRecordStart = true;
    let previousCR = false;
    let offset = 0;
    let recordStart = 0;
    for (; ; ) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      for (let i = 0; i < read; i++) {
        const byte = buffer[i];
        const crlf = previousCR && byte === 10;
        previousCR = byte === 13;
        if (crlf) {
          if (atRecordStart) recordStart = offset + i + 1;
          continue;
        }
        if (pendingQuote) {
          pendingQuote = false;
          if (byte === quote) continue;
          inQuotes = false;
        }
        if (inQuotes) {
          if (byte === quote) pendingQuote = true;
          else if (byte === 10 || byte === 13) line++;
          continue;
        }
        if (byte === 10 || byte === 13) {
          const bytes = offset + i - recordStart;
          if (onRecord({ line: recordLine, fields, blank: atRecordStart && fields === 1, bytes })) return {};
          fields = 1;
          atRecordStart = true;
          recordStart = offset + i + 1;
          line++;
          recordLine = line;
          continue;
        }
        atRecordStart = false;
        if (byte === separator) fields++;
        else if (byte === quote) {
          inQuotes = true;
          quoteOpenedAt = line;
        }
      }
      offset += read;
    }
    if (inQuotes && !pendingQuote) return { unclosedQuoteLine: quoteOpenedAt };
    if (!atRecordStart) onRecord({ line: recordLine, fields, blank: false, bytes: offset - recordStart });
    return {};
  } finally {
    closeSync(fd);
  }
}
function diagnoseCsv(path, delimiter) {
  let expected;
  let found;
  const { unclosedQuoteLine } = scanCsv(path, delimiter, (record2) => {
    if (record2.blank) return false;
    if (expected === void 0) expected = record2.fields;
    else if (record2.fields !== expected) {
      found = { line: record2.line, problem: `${record2.fields} fields where the header has ${expected}` };
      return true;
    }
    return false;
  });
  if (found) return found;
  if (unclosedQuoteLine !== void 0)
    return { line: unclosedQuoteLine, problem: "a quote opened here is never closed" };
  return void 0;
}
function longRecord(path, delimiter, maxBytes) {
  let found;
  scanCsv(path, delimiter, (record2) => {
    if (record2.bytes <= maxBytes) return false;
    found = { line: record2.line, problem: `a record of ${record2.bytes} bytes` };
    return true;
  });
  return found;
}
function csvHeader(path, delimiter, maxBytes) {
  let length;
  scanCsv(path, delimiter, (record2) => {
    length = record2.bytes;
    return true;
  });
  if (length === void 0 || length > maxBytes) return void 0;
  const fd = openSync(path, "r");
  let text;
  try {
    const buffer = Buffer.alloc(length);
    let filled = 0;
    while (filled < length) {
      const read = readSync(fd, buffer, filled, length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    text = buffer.subarray(0, filled).toString("utf8").replace(/^\uFEFF/, "");
  } finally {
    closeSync(fd);
  }
  const labels = [];
  let label = "";
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inQuotes) {
      if (char !== '"') label += char;
      else if (text[i + 1] === '"') {
        label += '"';
        i++;
      } else inQuotes = false;
    } else if (char === '"') inQuotes = true;
    else if (char === delimiter) {
      labels.push(label);
      label = "";
    } else label += char;
  }
  labels.push(label);
  return labels;
}
function csvRowLines(path, delimiter, rows) {
  const wanted = new Set(rows);
  const lines = /* @__PURE__ */ new Map();
  if (wanted.size === 0) return lines;
  const last = Math.max(...wanted);
  let row = -1;
  scanCsv(path, delimiter, (record2) => {
    row++;
    if (wanted.has(row)) lines.set(row, record2.line);
    return row >= last;
  });
  return lines;
}

// packages/core/src/steps/validate-data/data.ts
import { stat } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import { extname, join as join3 } from "node:path";

// packages/core/src/steps/validate-data/duckdb.ts
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { join as join2 } from "node:path";
import { pathToFileURL } from "node:url";
var duckdbVersion = "1.5.6-r.1";
var loading;
function loadDuckDB(logger) {
  loading ??= importDuckDB(logger).catch((error) => {
    loading = void 0;
    throw error;
  });
  return loading;
}
function duckdbCacheDir() {
  return join2(process.env.MLCI_TOOL_CACHE ?? join2(homedir(), ".cache"), "mlci", `duckdb-${duckdbVersion}`);
}
function missingNativeBinding(error) {
  const code = error?.code;
  if (code !== "MODULE_NOT_FOUND" && code !== "ERR_MODULE_NOT_FOUND") return void 0;
  return /Cannot find (?:module|package) '(@duckdb\/node-bindings-[^/']+)/.exec(firstLine(error))?.[1];
}
async function importInstalled() {
  const nodeRequire = createRequire(import.meta.url);
  let executable = false;
  try {
    executable = nodeRequire("node:sea").isSea();
  } catch {
  }
  return executable ? import("@duckdb/node-api") : nodeRequire("@duckdb/node-api");
}
async function importDuckDB(logger) {
  try {
    return moduleOf(await importInstalled());
  } catch (error) {
    if (error instanceof MlciError) throw error;
    const binding = missingNativeBinding(error);
    if (binding !== void 0) {
      throw new ServiceError(
        `${binding} (DuckDB's native library for ${process.platform}-${process.arch}) is not installed: npm leaves it out with --omit=optional; install @mlci/cli again without --omit=optional`
      );
    }
    logger.debug(`@duckdb/node-api is not loadable from node_modules (${firstLine(error)})`);
  }
  const dir = duckdbCacheDir();
  const resolveFrom = (root) => createRequire(join2(root, "package.json")).resolve("@duckdb/node-api");
  if (!existsSync(join2(dir, "node_modules", "@duckdb", "node-api", "package.json")))
    await install(dir, logger);
  try {
    return moduleOf(await import(pathToFileURL(resolveFrom(dir)).href));
  } catch (error) {
    throw new ServiceError(`cannot load @duckdb/node-api@${duckdbVersion} from ${dir}: ${firstLine(error)}`);
  }
}
function moduleOf(loaded) {
  const namespace = loaded;
  return namespace.DuckDBInstance ? namespace : namespace.default;
}
async function install(dir, logger) {
  const staging = `${dir}.partial-${randomBytes(4).toString("hex")}`;
  const interrupted = removeOnInterrupt(staging);
  logger.info(`installing @duckdb/node-api@${duckdbVersion} into ${dir} (once per machine)`);
  try {
    await mkdir(staging, { recursive: true });
    await runNpm([
      "install",
      "--no-save",
      "--no-audit",
      "--no-fund",
      "--no-package-lock",
      "--prefix",
      staging,
      `@duckdb/node-api@${duckdbVersion}`
    ]);
    await movePath(staging, dir).catch(async (error) => {
      if (!existsSync(join2(dir, "node_modules", "@duckdb", "node-api", "package.json"))) throw error;
    });
    logger.info(`installed @duckdb/node-api@${duckdbVersion}`);
  } catch (error) {
    throw new ServiceError(
      `cannot install @duckdb/node-api@${duckdbVersion} into ${dir}: ${firstLine(error)}`
    );
  } finally {
    await rm(staging, { recursive: true, force: true }).catch(() => {
    });
    interrupted.release();
  }
}
function runNpm(args) {
  const windows = process.platform === "win32";
  return new Promise((resolve, reject) => {
    execFile(
      windows ? "npm.cmd" : "npm",
      args,
      { shell: windows, timeout: 10 * 6e4, maxBuffer: 16 << 20 },
      (error, _stdout, stderr) => {
        if (!error) return resolve();
        const npmError = stderr.split("\n").find((line) => line.startsWith("npm error") || line.startsWith("npm ERR"));
        reject(new Error(npmError ?? firstLine(error)));
      }
    );
  });
}

// packages/core/src/steps/validate-data/header.ts
function madeUpNames(columns) {
  const lower = new Set(columns.map((name) => name.toLowerCase()));
  return columns.filter((name) => {
    if (/^(C|column)\d+$/.test(name)) return true;
    const base = /^(.*)_\d+$/.exec(name)?.[1];
    return base !== void 0 && lower.has(base.toLowerCase());
  });
}
async function labelProblems(source) {
  if (source.format === "csv" || source.format === "tsv") {
    const labels2 = csvHeader(source.path, source.format === "tsv" ? "	" : ",", source.maxLineSize);
    if (!labels2 || labels2.length !== source.columns.length) return [];
    const columns = source.columns;
    return problemsOf(
      labels2.map((label, index) => ({ label: label.trim(), field: index + 1 })),
      (found) => found.map((label) => columns[label.field - 1])
    );
  }
  const invented = madeUpNames(source.columns);
  if (invented.length === 0) return [];
  const labels = source.format === "jsonl" ? await jsonKeys(source) : await parquetFields(source);
  const read = new Set(source.columns);
  const written = new Set(labels);
  const renamed = invented.filter((name) => !written.has(name));
  return problemsOf(
    labels.map((label) => ({ label })),
    (found) => found[0]?.label.trim() === "" ? renamed.filter((name) => /^(C|column)\d+$/.test(name)) : [
      ...new Set(found.map((label) => label.label).filter((label) => read.has(label))),
      ...renamed.filter(
        (name) => found.some((label) => name.toLowerCase().startsWith(`${label.label.toLowerCase()}_`))
      )
    ]
  );
}
function problemsOf(labels, readAs) {
  const problems = [];
  const fields = (found) => found.every((label) => label.field !== void 0) ? { fields: found.map((label) => label.field) } : {};
  const where = (found) => found.every((label) => label.field !== void 0) ? ` (${found.length === 1 ? "field" : "fields"} ${found.map((label) => label.field).join(", ")})` : "";
  const blanks = labels.filter((label) => label.label.trim() === "");
  const blankAs = readAs(blanks);
  if (blanks.length > 0 && blanks.every((label) => label.field !== void 0)) {
    for (const [index, blank] of blanks.entries()) {
      const as = blankAs[index];
      problems.push({
        name: "blank-label",
        label: blank.label,
        ...fields([blank]),
        readAs: as === void 0 ? [] : [as],
        message: `a column has no name${where([blank])}${as ? `; DuckDB would call it ${as}` : ""}`
      });
    }
  } else if (blanks.length > 0) {
    problems.push({
      name: "blank-label",
      label: blanks[0]?.label,
      readAs: blankAs,
      message: `a key is empty${blankAs.length > 0 ? `; DuckDB would call it ${blankAs.join(", ")}` : ""}`
    });
  }
  const groups = /* @__PURE__ */ new Map();
  for (const label of labels) {
    if (label.label.trim() === "") continue;
    const key = label.label.toLowerCase();
    groups.set(key, [...groups.get(key) ?? [], label]);
  }
  for (const found of groups.values()) {
    if (found.length < 2) continue;
    const names = [...new Set(found.map((label) => label.label))];
    const as = readAs(found);
    const what = names.length === 1 ? `${shown(names[0])} names ${found.length} columns` : `${names.map(shown).join(" and ")} differ only in case, which SQL names do not tell apart`;
    problems.push({
      name: "duplicate-label",
      label: found[0]?.label,
      ...fields(found),
      readAs: as,
      message: `${what}${where(found)}${as.length > 0 ? `; DuckDB would read them as ${as.map(plainName).join(", ")}` : ""}`
    });
  }
  return problems;
}
var controlCharacter = /[\u0000-\u001f\u007f]/;
function shown(label) {
  return controlCharacter.test(label) ? JSON.stringify(label) : `'${label}'`;
}
function plainName(name) {
  return controlCharacter.test(name) ? JSON.stringify(name) : name;
}
async function jsonKeys(source) {
  const rows = await source.query(
    `SELECT DISTINCT unnest(json_keys(json)) AS key FROM read_ndjson_objects(${source.sqlPath}) ORDER BY key`
  );
  return rows.map((row) => String(row.key));
}
async function parquetFields(source) {
  const rows = await source.query(`SELECT name, num_children FROM parquet_schema(${source.sqlPath})`);
  const names = [];
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
function labelChecks(file, format, problems) {
  return problems.map((problem) => ({
    name: problem.name,
    ...problem.label.trim() === "" ? {} : { column: problem.label },
    status: "failed",
    severity: "error",
    message: `${file}: ${problem.message}`,
    ...problem.readAs.length > 0 ? { observed: problem.readAs } : {},
    location: { file, ...format === "csv" || format === "tsv" ? { line: 1 } : {} }
  }));
}

// packages/core/src/report/report-id.ts
var reportIdMaxLength = 128;
var unsafe = /[<>\p{Cc}]/u;
var reportOptions = {
  reportId: string().trim().min(1).max(reportIdMaxLength).refine(
    (id) => !unsafe.test(id),
    "may not contain <, > or control characters (it is kept in an HTML comment)"
  ).optional().describe(
    "Which PR/MR comment this job's report keeps updating; by default the CI job's name (GitLab job, GitHub job and step id, Jenkins stage), so two jobs of one step keep one comment each."
  )
};
function reportIdFromJobName(name) {
  const id = name?.replace(new RegExp(unsafe.source, "gu"), "_").trim().slice(0, reportIdMaxLength);
  return id ? id : void 0;
}

// packages/core/src/report/alert.ts
var alertKinds = ["issue"];
var alertOption = _enum(alertKinds).optional().describe(
  "Raise an alert when the run fails, for scheduled pipelines without a PR/MR: issue keeps one issue per model and alias (else per report id) on GitHub or GitLab, updated on each failing run and closed when a run passes. Where no issue tracker is known (Jenkins, plain CLI), the report file is the alert."
);
function alertFor(kind, step, subject, reportId) {
  const key = reportIdFromJobName(subject) ?? reportId;
  return {
    kind,
    marker: key === void 0 ? `<!-- mlci-alert:${step} -->` : `<!-- mlci-alert:${step}:${key} -->`,
    title: key === void 0 ? `mlci ${step} alert` : `mlci ${step} alert: ${key}`
  };
}
function reportFileAlert(report, alert, logger, where) {
  if (alert === void 0 || report.result.status === "passed") return;
  logger.info(
    `alert: mlci keeps no issue ${where}; the alert is the report ${report.files.markdown} (the run fails with exit code 1: notify from the pipeline on failure)`
  );
}

// packages/core/src/steps/validate-data/input.ts
var dataFormats = ["csv", "tsv", "jsonl", "parquet"];
var defaultMaxLineSize = 2e6;
var maxMaxLineSize = 1e9;
var driftTests = ["auto", "ks", "chi-square", "wasserstein", "jensen-shannon", "psi"];
var validateDataInput = object({
  data: string().min(1).optional().describe("Data file to check: CSV, TSV, JSON Lines (.jsonl, .ndjson) or Parquet."),
  schema: string().min(1).optional().describe("Schema file (YAML) the data must satisfy."),
  inferSchema: string().min(1).optional().describe(
    "Write a starting schema inferred from the data to this file (YAML), then check the data against it."
  ),
  force: boolean().default(false).describe("Allow infer-schema and write-profile to replace a file that already exists."),
  format: _enum(dataFormats).optional().describe("Format of the data file; by default taken from its extension."),
  reference: string().min(1).optional().describe(
    "Reference to compare the data with for drift: a data file, a profile from write-profile, or registry:NAME@ALIAS or registry:NAME@VERSION: the profile of the training data of that model version (kept by train --evidence from validate-data --write-profile), to compare production data with."
  ),
  registry: string().min(1).default("file:.mlci/registry").describe(`Model registry of a registry: reference: ${registryUriForms}.`),
  insecureRegistry: boolean().default(false).describe("Allow plain HTTP to an OCI registry that is not on localhost."),
  writeProfile: string().min(1).optional().describe(
    "Write the data's profile (counts, quantile bin edges, category frequencies, digest) to this JSON file, to pin as a reference or merge."
  ),
  mergeProfiles: array(string().min(1)).default([]).describe(
    "Profiles of the partitions of one data set (from write-profile) to check as a whole instead of data."
  ),
  test: string().min(1).optional().describe(
    "Test set to check with data as the training set: duplicates, overlap, conflicting labels, unseen categories, leakage."
  ),
  label: string().min(1).optional().describe("Label column of data and test, for the train/test checks."),
  driftTest: _enum(driftTests).default("auto").describe(
    "Drift test for columns whose schema names none; auto picks by column type and reference size."
  ),
  driftThreshold: number().positive().optional().describe(
    "Drift threshold for columns whose schema sets none: a p-value for ks and chi-square (drift at p <= it), a distance for the others (drift at >= it)."
  ),
  driftShare: number().min(0).max(1).default(0.5).describe(
    "The data set has drifted, and the gate fails, when at least this share of compared columns drift."
  ),
  maxLineSize: number().int().min(1).max(maxMaxLineSize).default(defaultMaxLineSize).describe(
    "Longest record of a CSV/TSV file read, in bytes (DuckDB's max_line_size); raise it for data with very long fields."
  ),
  ...reportOptions,
  out: string().min(1).default(".mlci").describe("Directory the report files are written to."),
  alert: alertOption
}).superRefine((input, context) => {
  const issue = (path, message) => context.addIssue({ code: "custom", path: [path], message });
  const merging = input.mergeProfiles.length > 0;
  if (input.data === void 0 && !merging) issue("data", "is required (or merge-profiles)");
  if (input.data !== void 0 && merging)
    issue("mergeProfiles", "replaces data: give one of them, not both");
  if (input.schema !== void 0 && input.inferSchema !== void 0) {
    issue("inferSchema", "writes a schema: give schema or infer-schema, not both");
  }
  if (merging && input.inferSchema !== void 0) {
    issue("inferSchema", "needs the rows: it cannot infer a schema from merged profiles");
  }
  if (merging && input.test !== void 0)
    issue("test", "needs the rows: it cannot run on merged profiles");
  if (input.label !== void 0 && input.test === void 0) issue("label", "needs test (the test set)");
  const tasks = [input.schema, input.inferSchema, input.reference, input.test, input.writeProfile];
  if (tasks.every((task) => task === void 0) && (input.data !== void 0 || merging)) {
    issue(
      merging ? "mergeProfiles" : "data",
      "nothing to do with it: give schema, infer-schema, reference, test or write-profile"
    );
  }
});

// packages/core/src/steps/validate-data/data.ts
var formatsByExtension = {
  ".csv": "csv",
  ".tsv": "tsv",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".parquet": "parquet"
};
var formatLabels = {
  csv: "CSV",
  tsv: "TSV",
  jsonl: "JSON Lines",
  parquet: "Parquet"
};
function formatOf(file, explicit) {
  if (explicit) return explicit;
  const format = formatsByExtension[extname(file).toLowerCase()];
  if (!format) {
    throw new InputError(
      `${file}: unknown data format (expected .csv, .tsv, .jsonl, .ndjson or .parquet, or give --format)`
    );
  }
  return format;
}
var relations = { data: "mlci_data", reference: "mlci_reference", test: "mlci_test" };
function quoteIdentifier(name) {
  return `"${name.replace(/"/g, '""')}"`;
}
function quoteText(text) {
  return `'${text.replace(/'/g, "''")}'`;
}
var SampleTooSmall = class extends Error {
  constructor(message, file) {
    super(message);
    this.file = file;
  }
  file;
};
function withData(options, work) {
  return withDatasets([options], options.logger, ([table]) => work(table), options.progress);
}
async function withDatasets(sources, logger, work, progress) {
  const names = new Set(sources.map((source) => source.relation ?? relations.data));
  if (names.size !== sources.length) throw new Error("withDatasets: two sources with one relation name");
  for (const source of sources) await checkReadable(source);
  const links = literalPaths();
  try {
    const literal3 = [];
    for (const source of sources)
      literal3.push({ ...source, duckdbPath: await links.pathFor(source.path, source.file) });
    return await openDatasets(literal3, logger, work, progress);
  } finally {
    await links.dispose();
  }
}
async function openDatasets(sources, logger, work, progress) {
  const duckdb = await loadDuckDB(logger);
  const instance = await duckdb.DuckDBInstance.create(":memory:");
  const spillDirectory = await makeScratchDirectory(join3(tmpdir2(), "mlci-duckdb-"));
  const spill = spillDirectory.path;
  try {
    const connection = await instance.connect();
    try {
      await connection.run(`SET TimeZone = 'UTC'`);
      await connection.run(`SET temp_directory = ${quoteText(spill)}`);
      if (progress)
        await connection.run("SET enable_progress_bar = true; SET enable_progress_bar_print = false");
      const label = `scanning ${sources.map((source) => source.file).join(", ")}`;
      const tracked = async (query) => {
        if (!progress) return query;
        const timer = setInterval(() => {
          const { percentage } = connection.progress;
          if (percentage > 0) progress.update(label, Math.min(percentage, 100) / 100);
        }, 500);
        try {
          return await query;
        } finally {
          clearInterval(timer);
          progress.done();
        }
      };
      const open = async (source, wholeFile) => {
        const relation = source.relation ?? relations.data;
        const run = async (sql) => {
          try {
            const reader2 = await tracked(connection.runAndReadAll(sql));
            return reader2.getRowObjectsJS();
          } catch (error) {
            throw readError(error, source, wholeFile);
          }
        };
        const described = await run(`DESCRIBE SELECT * FROM ${reader(source, wholeFile, [])}`);
        const columns = described.map((row) => ({
          name: String(row.column_name),
          type: String(row.column_type)
        }));
        const found = await labelProblems({
          format: source.format,
          path: source.path,
          sqlPath: quoteText(source.duckdbPath),
          columns: columns.map((column) => column.name),
          maxLineSize: source.maxLineSize ?? defaultMaxLineSize,
          query: run
        });
        const present = new Set(columns.map((column) => column.name));
        const textColumns = (source.textColumns ?? []).filter((name) => present.has(name));
        await run(
          `CREATE OR REPLACE TEMP VIEW ${relation} AS SELECT * FROM ${reader(source, wholeFile, textColumns)}`
        );
        const text = new Set(textColumns);
        return {
          relation,
          file: source.file,
          path: source.path,
          format: source.format,
          columns: columns.map((column) => text.has(column.name) ? { ...column, type: "VARCHAR" } : column),
          labelProblems: found,
          query: run,
          readResult: async (sql) => {
            try {
              return await tracked(connection.run(sql));
            } catch (error) {
              throw readError(error, source, wholeFile);
            }
          },
          evaluate: async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJS()
        };
      };
      const attempt = async (wholeFile) => {
        const tables = [];
        for (const source of sources) tables.push(await open(source, wholeFile));
        return work(tables);
      };
      try {
        return await attempt(false);
      } catch (error) {
        if (!(error instanceof SampleTooSmall)) throw error;
        logger.info(
          `${error.file}: a value late in the file does not fit the sniffed types; reading again with types from the whole file`
        );
        return await attempt(true);
      }
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
    await spillDirectory.remove();
  }
}
async function checkReadable({ path, file, format }) {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    if (error.code === "ENOENT") throw new InputError(`${file}: no such file`);
    throw new InputError(
      `${file}: cannot read (${error.code ?? firstLine(error)})`
    );
  }
  if (!info.isFile()) throw new InputError(`${file}: not a file`);
  if (info.size === 0)
    throw new InputError(`${file}: cannot read as ${formatLabels[format]}: the file is empty`);
}
function reader(options, wholeFile, textColumns) {
  const path = quoteText(options.duckdbPath);
  const sample = wholeFile ? ", sample_size = -1" : "";
  switch (options.format) {
    case "csv":
    case "tsv": {
      const delimiter = options.format === "tsv" ? `'	'` : `','`;
      const types = textColumns.length > 0 ? `, types = {${textColumns.map((name) => `${quoteText(name)}: 'VARCHAR'`).join(", ")}}` : "";
      const lineSize = `, max_line_size = ${options.maxLineSize ?? defaultMaxLineSize}`;
      return `read_csv(${path}, header = true, delim = ${delimiter}, quote = '"', escape = '"', skip = 0, strict_mode = true${lineSize}${sample}${types})`;
    }
    case "jsonl":
      return `read_json(${path}, format = 'newline_delimited'${sample})`;
    case "parquet":
      return `read_parquet(${path})`;
  }
}
function readError(error, options, wholeFile) {
  const message = String(error?.message ?? error).replaceAll(options.duckdbPath, options.file).replaceAll(options.path, options.file);
  const kind = /^([A-Za-z ]+) Error: /.exec(message)?.[1];
  if (kind === "Conversion" && !wholeFile && options.format !== "parquet")
    return new SampleTooSmall(message, options.file);
  if (kind !== "Conversion" && kind !== "Invalid Input" && kind !== "IO") return error;
  const lines = message.split("\n").map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("LINE "));
  let detail = (lines[0] ?? message).replace(/^[A-Za-z ]+ Error: /, "");
  let where = "";
  const csvLine = /CSV Error on Line: (\d+)/.exec(message)?.[1];
  const jsonLine = options.format === "jsonl" ? /JSON transform error in file .*, in line (\d+)/.exec(message)?.[1] : void 0;
  if (jsonLine) where = `:${jsonLine}`;
  if (/not utf-8 encoded/i.test(message)) {
    where = csvLine ? `:${csvLine}` : "";
    detail = "the text is not UTF-8 (convert it first, e.g. `iconv -f latin1 -t utf-8`)";
  } else if (options.format === "csv" || options.format === "tsv") {
    const delimiter = options.format === "tsv" ? "	" : ",";
    const limit = options.maxLineSize ?? defaultMaxLineSize;
    const long = /Maximum line size of \d+ bytes exceeded/.test(message) ? longRecord(options.path, delimiter, limit) : void 0;
    const found = long ? void 0 : diagnoseCsv(options.path, delimiter);
    if (long) {
      where = `:${long.line}`;
      detail = `${long.problem}, longer than the maximum line size of ${limit} bytes (DuckDB's max_line_size)${options.maxLineSize === void 0 ? "" : "; raise it with the max-line-size option"}`;
    } else if (found) {
      where = `:${found.line}`;
      detail = found.problem;
    } else if (/^Error when sniffing file/.test(detail) && lines[1]) {
      detail = `${lines[1]} (does every row have as many fields as the header, and is every quote closed?)`;
    } else if (/^CSV Error on Line: \d+/.test(detail) && lines.length > 1) {
      const reason = lines.find((line) => !/^(CSV Error on Line|Original Line|Possible fixes|\*)/.test(line));
      if (reason) detail = `${detail}: ${reason}`;
    }
  }
  return new InputError(
    `${options.file}${where}: cannot read as ${formatLabels[options.format]}: ${detail}`,
    {
      cause: error
    }
  );
}

// packages/core/src/steps/validate-data/schema.ts
var import_yaml = __toESM(require_dist(), 1);

// packages/core/src/steps/validate-data/hygiene-config.ts
var defaultHygieneConfig = {
  columns: { enabled: true, severity: "error" },
  duplicates: { enabled: true, severity: "warn", maxFraction: 0.05 },
  overlap: { enabled: true, severity: "error", maxFraction: 0 },
  conflictingLabels: { enabled: true, severity: "error", maxFraction: 0 },
  unseenCategories: {
    enabled: true,
    severity: "warn",
    maxFraction: 0,
    maxDistinct: 1e4,
    maxDistinctFraction: 0.5
  },
  leakage: { enabled: true, severity: "error", maxScore: 0.95, bins: 10 },
  exclude: []
};
var hygieneKeys = [
  "columns",
  "duplicates",
  "overlap",
  "conflicting_labels",
  "unseen_categories",
  "leakage"
];
var severitySchema = _enum(["error", "warn"]);
var fraction = number().min(0).max(1);
function checkSettings(shape) {
  return preprocess(
    (input) => input === false ? { enabled: false } : input === true || input === null ? {} : input,
    object({ ...shape, enabled: boolean().optional(), severity: severitySchema.optional() }).strict()
  );
}
var rawHygieneSchema = object({
  columns: checkSettings({}).optional(),
  duplicates: checkSettings({ max_fraction: fraction.optional() }).optional(),
  overlap: checkSettings({ max_fraction: fraction.optional() }).optional(),
  conflicting_labels: checkSettings({ max_fraction: fraction.optional() }).optional(),
  unseen_categories: checkSettings({
    max_fraction: fraction.optional(),
    max_distinct: number().int().min(1).optional(),
    max_distinct_fraction: fraction.optional()
  }).optional(),
  leakage: checkSettings({
    max_score: fraction.optional(),
    bins: number().int().min(2).max(1e3).optional()
  }).optional(),
  exclude: array(string().min(1)).optional()
}).strict();
function merge(defaults, raw, values) {
  const given = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== void 0));
  return {
    ...defaults,
    ...given,
    severity: raw?.severity ?? defaults.severity,
    enabled: raw?.enabled ?? defaults.enabled
  };
}
var hygieneConfigSchema = preprocess((input) => input ?? {}, rawHygieneSchema).transform((r) => {
  const d = defaultHygieneConfig;
  return {
    columns: merge(d.columns, r.columns, {}),
    duplicates: merge(d.duplicates, r.duplicates, { maxFraction: r.duplicates?.max_fraction }),
    overlap: merge(d.overlap, r.overlap, { maxFraction: r.overlap?.max_fraction }),
    conflictingLabels: merge(d.conflictingLabels, r.conflicting_labels, {
      maxFraction: r.conflicting_labels?.max_fraction
    }),
    unseenCategories: merge(d.unseenCategories, r.unseen_categories, {
      maxFraction: r.unseen_categories?.max_fraction,
      maxDistinct: r.unseen_categories?.max_distinct,
      maxDistinctFraction: r.unseen_categories?.max_distinct_fraction
    }),
    leakage: merge(d.leakage, r.leakage, { maxScore: r.leakage?.max_score, bins: r.leakage?.bins }),
    exclude: r.exclude ?? []
  };
});

// packages/core/src/steps/validate-data/schema.ts
var columnTypes = ["integer", "number", "string", "boolean", "date", "datetime"];
var columnsModes = ["exact", "ordered", "subset"];
var columnRoles = ["id"];
var severitySchema2 = _enum(["error", "warn"]);
function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function rule(value) {
  return preprocess(
    (input) => isPlainObject(input) ? input : { value: input },
    object({ value, severity: severitySchema2.optional() }).strict()
  );
}
var datePattern = /^\d{4}-\d{2}-\d{2}$/;
var datetimePattern = /^\d{4}-\d{2}-\d{2}([T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?)?(Z|[+-]([01]\d|2[0-3])(:?[0-5]\d)?)?$/;
function article(type) {
  return `${type === "integer" ? "an" : "a"} ${type}`;
}
function isCalendarDate(text) {
  const date = /* @__PURE__ */ new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
function misfit(value, type) {
  switch (type) {
    case "integer":
      return typeof value === "number" && Number.isInteger(value) || typeof value === "bigint" ? void 0 : "expected a whole number";
    case "number":
      return typeof value === "number" || typeof value === "bigint" ? void 0 : "expected a number";
    case "boolean":
      return typeof value === "boolean" ? void 0 : "expected true or false";
    case "date":
      return typeof value === "string" && datePattern.test(value) && isCalendarDate(value) ? void 0 : "expected a date like '2024-01-31'";
    case "datetime":
      return typeof value === "string" && datetimePattern.test(value) && isCalendarDate(value.slice(0, 10)) ? void 0 : "expected a date-time like '2024-01-31 12:00:00'";
    case "string":
      return typeof value === "string" ? void 0 : "expected text (quote it)";
  }
}
var boundSchema = union([number(), bigint(), string()]);
var scalarSchema = union([number(), bigint(), string(), boolean()]);
var columnSchema = object({
  description: string().optional(),
  type: rule(_enum(columnTypes)).optional(),
  required: rule(boolean()).optional(),
  nullable: rule(boolean()).optional(),
  max_null_fraction: rule(number().min(0).max(1)).optional(),
  min: rule(boundSchema).optional(),
  max: rule(boundSchema).optional(),
  allowed: rule(array(scalarSchema).min(1)).optional(),
  regex: rule(string().min(1)).optional(),
  unique: rule(boolean()).optional(),
  role: _enum(columnRoles).optional(),
  drift: union([
    literal(false),
    object({
      test: _enum(driftTests).optional(),
      threshold: number().positive().optional(),
      severity: severitySchema2.optional()
    }).strict()
  ]).optional(),
  severity: severitySchema2.optional()
}).strict().superRefine((column, context) => {
  if (column.nullable && column.max_null_fraction) {
    context.addIssue({
      code: "custom",
      path: ["max_null_fraction"],
      message: "give nullable or max_null_fraction, not both"
    });
  }
  const type = column.type?.value;
  for (const key of ["min", "max"]) {
    const bound = column[key]?.value;
    if (bound === void 0) continue;
    if (type === "string" || type === "boolean") {
      context.addIssue({
        code: "custom",
        path: [key],
        message: `does not apply to ${article(type)} column`
      });
    } else if (type !== void 0) {
      const reason = misfit(bound, type);
      if (reason)
        context.addIssue({ code: "custom", path: [key], message: `${reason} for ${article(type)} column` });
    } else if (typeof bound === "string") {
      context.addIssue({
        code: "custom",
        path: [key],
        message: "a date bound needs type: date or datetime"
      });
    }
  }
  const min = column.min?.value;
  const max = column.max?.value;
  if (min !== void 0 && max !== void 0 && typeof min === typeof max && min > max) {
    context.addIssue({ code: "custom", path: ["min"], message: `is greater than max (${String(max)})` });
  }
  if (type !== void 0 && column.allowed) {
    column.allowed.value.forEach((value, index) => {
      const reason = misfit(value, type);
      if (reason)
        context.addIssue({
          code: "custom",
          path: ["allowed", "value", index],
          message: `${reason} for ${article(type)} column`
        });
    });
  }
});
var tableSchema = object({
  columns: rule(_enum(columnsModes)).optional(),
  unique: array(rule(array(string()).min(1))).optional(),
  rows: object({
    min: rule(number().int().min(0)).optional(),
    max: rule(number().int().min(0)).optional()
  }).strict().optional(),
  severity: severitySchema2.optional()
}).strict();
var schemaFileSchema = object({
  version: literal(1).optional(),
  description: string().optional(),
  columns: record(string(), columnSchema.nullable()),
  table: tableSchema.optional(),
  // Lazy: hygiene.ts imports checks.ts, which imports this module.
  hygiene: lazy(() => hygieneConfigSchema).optional()
}).strict();
async function loadSchema(path, file) {
  let bytes;
  try {
    bytes = await readInputFile(path, file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = error.code;
    if (code === "ENOENT") throw new InputError(`${file}: no such file`);
    throw new InputError(`${file}: cannot read schema file (${code ?? error})`);
  }
  return { ...parseSchema(bytes.toString("utf8"), file), digest: bytesDigest(bytes) };
}
function parseSchema(text, file) {
  const { document, value: parsedValue, lineOf } = parseYamlFile(text, file, { intAsBigInt: true });
  const value = smallIntegersAsNumbers(parsedValue);
  if (!isPlainObject(value)) throw new InputError(`${file}: expected a map with version and columns`);
  const parsed = schemaFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map((key) => typeof key === "number" ? key : String(key));
    if (issue.code === "unrecognized_keys") path.push(String(issue.keys[0]));
    let node = document.contents;
    let parent;
    const shown2 = [];
    for (const key of path) {
      if (key === "value" && !((0, import_yaml.isMap)(node) && node.has("value"))) continue;
      const next = getIn(node, [key]);
      if (next === void 0) {
        shown2.push(...path.slice(path.indexOf(key)).filter((rest) => rest !== "value"));
        break;
      }
      parent = node;
      node = next;
      shown2.push(key);
    }
    if (issue.code === "unrecognized_keys") node = keyNode(parent, String(path[path.length - 1])) ?? node;
    const line = lineOf(node);
    const message = issue.code === "unrecognized_keys" ? "unknown key" : /received undefined$/.test(issue.message) ? "is required" : issue.message;
    throw new InputError(`${file}${line ? `:${line}` : ""}: ${shown2.join(".") || "(top level)"}: ${message}`);
  }
  const data = parsed.data;
  const tableNode = document.get("table", true);
  const tableSeverity = data.table?.severity ?? "error";
  const tableRule = (raw, path) => raw && {
    value: raw.value,
    severity: raw.severity ?? tableSeverity,
    line: lineOf(keyNode(getIn(tableNode, path.slice(0, -1)), path[path.length - 1]))
  };
  const columnsNode = document.get("columns", true);
  const columns = [];
  for (const pair of (0, import_yaml.isMap)(columnsNode) ? columnsNode.items : []) {
    const name = (0, import_yaml.isScalar)(pair.key) ? String(pair.key.value) : String(pair.key);
    const raw = data.columns[name] ?? {};
    const severity = raw.severity ?? "error";
    const line = lineOf(pair.key);
    const columnRule = (value2, key) => value2 && {
      value: value2.value,
      severity: value2.severity ?? severity,
      line: lineOf(keyNode(pair.value, key)) ?? line
    };
    columns.push({
      name,
      ...line === void 0 ? {} : { line },
      ...raw.description === void 0 ? {} : { description: raw.description },
      type: columnRule(raw.type, "type"),
      required: columnRule(raw.required, "required") ?? {
        value: true,
        severity,
        ...line === void 0 ? {} : { line }
      },
      nullable: columnRule(raw.nullable, "nullable"),
      maxNullFraction: columnRule(raw.max_null_fraction, "max_null_fraction"),
      min: columnRule(raw.min, "min"),
      max: columnRule(raw.max, "max"),
      allowed: columnRule(raw.allowed, "allowed"),
      regex: columnRule(raw.regex, "regex"),
      unique: columnRule(raw.unique, "unique"),
      ...raw.role === void 0 ? {} : { role: raw.role },
      ...raw.drift === void 0 ? {} : {
        drift: {
          skip: raw.drift === false,
          ...raw.drift === false ? {} : raw.drift,
          severity: (raw.drift === false ? void 0 : raw.drift.severity) ?? "warn",
          line: lineOf(keyNode(pair.value, "drift")) ?? line
        }
      }
    });
  }
  const table = data.table;
  const tableLine = lineOf(keyNode(document.contents, "table"));
  const hygieneNode = document.get("hygiene", true);
  const hygieneLines = { section: lineOf(keyNode(document.contents, "hygiene")) };
  for (const key of hygieneKeys) hygieneLines[key] = lineOf(keyNode(hygieneNode, key));
  const declared = new Set(columns.map((column) => column.name));
  for (const [index, name] of (data.hygiene?.exclude ?? []).entries()) {
    if (declared.has(name)) continue;
    const line = lineOf(getIn(hygieneNode, ["exclude", index])) ?? hygieneLines.section;
    throw new InputError(
      `${file}${line ? `:${line}` : ""}: hygiene.exclude.${index}: unknown column ${JSON.stringify(name)} (not among the schema's columns)`
    );
  }
  return {
    ...data.hygiene === void 0 ? {} : { hygiene: { config: data.hygiene, lines: hygieneLines } },
    file,
    ...data.description === void 0 ? {} : { description: data.description },
    columns,
    table: {
      columns: tableRule(table?.columns, ["columns"]) ?? {
        value: "subset",
        severity: tableSeverity,
        ...tableLine === void 0 ? {} : { line: tableLine }
      },
      unique: (table?.unique ?? []).map((key, index) => ({
        value: key.value,
        severity: key.severity ?? tableSeverity,
        line: lineOf(getIn(tableNode, ["unique", index]))
      })),
      rowsMin: tableRule(table?.rows?.min, ["rows", "min"]),
      rowsMax: tableRule(table?.rows?.max, ["rows", "max"])
    }
  };
}
function keyColumns(schema) {
  const columns = schema?.columns ?? [];
  const reasonsOf = (spec) => [
    ...spec.role === "id" ? ["role: id"] : [],
    ...spec.unique?.value ? ["unique"] : []
  ];
  return [
    ...columns.filter((spec) => spec.role === "id"),
    ...columns.filter((spec) => spec.role !== "id" && spec.unique?.value)
  ].map((spec) => ({ name: spec.name, reasons: reasonsOf(spec) }));
}
function getIn(node, path) {
  let current = node;
  for (const key of path) {
    if (current === void 0 || current === null) return void 0;
    const collection = current;
    if (typeof collection.get !== "function") return void 0;
    current = collection.get(key, true);
  }
  return current;
}
function keyNode(map, key) {
  if (!(0, import_yaml.isMap)(map) || key === void 0) return void 0;
  const pair = map.items.find(
    (item) => ((0, import_yaml.isScalar)(item.key) ? String(item.key.value) : String(item.key)) === String(key)
  );
  return pair?.key;
}
function smallIntegersAsNumbers(value) {
  if (typeof value === "bigint") {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  }
  if (Array.isArray(value)) return value.map(smallIntegersAsNumbers);
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, smallIntegersAsNumbers(item)])
    );
  }
  return value;
}

// packages/core/src/steps/validate-data/checks.ts
var exampleCount = 5;
function categoryOf(duckdbType) {
  const type = duckdbType.toUpperCase();
  if (/^U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)$/.test(type)) return "integer";
  if (/^(FLOAT|DOUBLE|REAL|DECIMAL(\(\d+,\s*\d+\))?)$/.test(type)) return "number";
  if (type === "BOOLEAN") return "boolean";
  if (type === "DATE") return "date";
  if (/^TIMESTAMP(_S|_MS|_NS| WITH TIME ZONE|TZ)?$/.test(type)) return "datetime";
  if (type === "VARCHAR") return "string";
  return "other";
}
function isCompatible(category, declared) {
  return category === declared || declared === "number" && category === "integer" || declared === "datetime" && category === "date";
}
function columnValues(column, declared) {
  const id = quoteIdentifier(column.name);
  const category = categoryOf(column.type);
  const text = category === "string" ? id : `CAST(${id} AS VARCHAR)`;
  if (declared === void 0 || isCompatible(category, declared)) {
    const type = declared ?? category;
    const lift = (sql) => type === "number" ? `CAST(${sql} AS DOUBLE)` : type === "datetime" ? `CAST(${sql} AS TIMESTAMPTZ)` : type === "other" ? `CAST(${sql} AS VARCHAR)` : sql;
    const sqlType = type === "number" ? "DOUBLE" : type === "datetime" ? "TIMESTAMPTZ" : type === "other" ? "VARCHAR" : column.type;
    return { column, type, value: lift(id), sqlType, text, lift };
  }
  const value = conversion(text, declared);
  return {
    column,
    type: declared,
    value,
    sqlType: conversionTypes[declared],
    text,
    invalid: `(${id} IS NOT NULL AND (${value}) IS NULL)`
  };
}
var conversionTypes = {
  integer: "HUGEINT",
  number: "DOUBLE",
  boolean: "BOOLEAN",
  date: "DATE",
  datetime: "TIMESTAMPTZ",
  string: "VARCHAR"
};
function conversion(text, type) {
  switch (type) {
    case "integer":
      return `CASE WHEN regexp_full_match(trim(${text}), '[+-]?[0-9]+([.]0*)?') THEN TRY_CAST(trim(${text}) AS HUGEINT) END`;
    case "number":
      return `TRY_CAST(${text} AS DOUBLE)`;
    case "boolean":
      return `TRY_CAST(${text} AS BOOLEAN)`;
    case "date":
      return `CASE WHEN TRY_CAST(${text} AS TIMESTAMP) = CAST(TRY_CAST(${text} AS DATE) AS TIMESTAMP) THEN TRY_CAST(${text} AS DATE) END`;
    case "datetime":
      return `TRY_CAST(${text} AS TIMESTAMPTZ)`;
    case "string":
      return text;
  }
}
function literal2(value, type) {
  switch (type) {
    case "integer":
    case "number":
      if (typeof value === "bigint") return value.toString();
      if (typeof value !== "number") return void 0;
      if (Number.isSafeInteger(value)) return String(value);
      return `CAST('${Number.isNaN(value) ? "nan" : value === Infinity ? "inf" : value === -Infinity ? "-inf" : String(value)}' AS DOUBLE)`;
    case "boolean":
      return typeof value === "boolean" ? String(value).toUpperCase() : void 0;
    case "date":
    case "datetime":
      if (misfit(value, type) !== void 0) return void 0;
      return `CAST(${quoteText(String(value))} AS ${type === "date" ? "DATE" : "TIMESTAMPTZ"})`;
    case "string":
    case "other":
      return typeof value === "boolean" ? void 0 : quoteText(String(value));
  }
}
var inlineDistinctLimit = 16;
var inlineDistinctMaxExpressions = 256;
var Aggregates = class {
  /** `prefix` keeps aliases of two queries apart when their results are merged. */
  constructor(prefix = "a") {
    this.prefix = prefix;
  }
  prefix;
  expressions = [];
  distincts = [];
  ranged = [];
  add(sql) {
    const alias = `${this.prefix}${this.expressions.length}`;
    this.expressions.push(`${sql} AS ${alias}`);
    return alias;
  }
  /**
   * The exact number of distinct non-null values of `value`, SQL of DuckDB type `type`. A few are counted in the
   * main scan; more are counted in one grouped query per type (each column's values unnested beside its index),
   * whose one hash table DuckDB can spill, whatever the number of columns.
   */
  distinct(value, type) {
    const alias = `${this.prefix}d${this.distincts.length}`;
    this.distincts.push({ alias, value, type });
    return alias;
  }
  /**
   * The exact number of distinct non-null values of an integer `value` expected within [low, high] (a Parquet
   * footer's statistics): one bit per value of the range (`bitstring_agg`), no hash of every row. A value
   * outside the range makes DuckDB fail the query, which then runs again with `distinct`: the statistics only
   * choose the faster way, never the result.
   */
  distinctInRange(value, type, low, high) {
    const alias = `${this.prefix}r${this.ranged.length}`;
    this.ranged.push({ alias, value, type, low, high });
    return alias;
  }
  /**
   * Runs the query (and the grouped distinct counts). `boundedMemory`: the queries that count distinct values run
   * under DuckDB's memory cap (see withBoundedMemory), so a column of millions of distinct values spills.
   */
  async run(table, options = {}) {
    const inline = this.distincts.length === 0 || this.distincts.length <= inlineDistinctLimit && (options.ownExpressions ?? this.expressions.length) <= inlineDistinctMaxExpressions;
    const bounded = (work, onOutOfMemory) => options.boundedMemory && this.distincts.length > 0 ? withBoundedMemory(table, work, onOutOfMemory) : work();
    const row = {};
    const ranged = this.ranged.map(
      (r) => `bit_count(bitstring_agg(${r.value}, ${r.low}, ${r.high})) AS ${r.alias}`
    );
    const main = async (withDistincts) => {
      const expressions = [
        ...withDistincts ? [...this.expressions, ...this.distincts.map((d) => `count(DISTINCT ${d.value}) AS ${d.alias}`)] : this.expressions,
        ...ranged
      ];
      if (expressions.length === 0) return;
      const [first] = await table.query(
        `SELECT ${expressions.join(",\n  ")} FROM ${options.relation || table.relation}`
      );
      Object.assign(row, first);
    };
    const separately = async () => {
      await main(false);
      Object.assign(row, await bounded(() => groupedDistinctCounts(table, this.distincts)));
    };
    try {
      if (inline) await bounded(() => main(true), separately);
      else await separately();
    } catch (error) {
      const message = String(error?.message);
      if (this.ranged.length === 0 || !/outside of provided min and max range/.test(message)) throw error;
      for (const r of this.ranged) this.distincts.push({ alias: r.alias, value: r.value, type: r.type });
      this.ranged = [];
      return this.run(table, options);
    }
    return row;
  }
};
var bitstringRangeLimit = 1n << 26n;
var bitstringTypes = /* @__PURE__ */ new Set([
  "TINYINT",
  "SMALLINT",
  "INTEGER",
  "BIGINT",
  "UTINYINT",
  "USMALLINT",
  "UINTEGER"
]);
async function footerIntegerRanges(table, names) {
  const ranges = /* @__PURE__ */ new Map();
  const wanted = names.filter(
    (name) => table.columns.some((column) => column.name === name && bitstringTypes.has(column.type.toUpperCase()))
  );
  if (table.format !== "parquet" || wanted.length === 0 || !isLiteralForDuckDB(table.path)) return ranges;
  const rows = await table.query(
    `SELECT path_in_schema AS name, count(*) AS groups,
       count(TRY_CAST(stats_min_value AS HUGEINT)) AS lows, count(TRY_CAST(stats_max_value AS HUGEINT)) AS highs,
       CAST(min(TRY_CAST(stats_min_value AS HUGEINT)) AS VARCHAR) AS low,
       CAST(max(TRY_CAST(stats_max_value AS HUGEINT)) AS VARCHAR) AS high
     FROM parquet_metadata(${quoteText(table.path)})
     WHERE path_in_schema IN (${wanted.map(quoteText).join(", ")}) GROUP BY ALL`
  );
  for (const row of rows) {
    const groups = count(row.groups);
    if (count(row.lows) !== groups || count(row.highs) !== groups || row.low === null || row.high === null)
      continue;
    const low = BigInt(String(row.low));
    const high = BigInt(String(row.high));
    if (high >= low && high - low < bitstringRangeLimit) ranges.set(String(row.name), { low, high });
  }
  return ranges;
}
async function groupedDistinctCounts(table, distincts) {
  const byType = /* @__PURE__ */ new Map();
  for (const entry of distincts) {
    const group = byType.get(entry.type) ?? [];
    group.push(entry);
    byType.set(entry.type, group);
  }
  const counts = {};
  for (const [type, group] of byType) {
    const values = group.map((entry) => `CAST(${entry.value} AS ${type})`).join(", ");
    const rows = await table.query(
      `SELECT c, count(DISTINCT v) AS n FROM (SELECT unnest(range(${group.length})) AS c, unnest([${values}]) AS v FROM ${table.relation}) GROUP BY c`
    );
    for (const entry of group) counts[entry.alias] = 0n;
    for (const row of rows) {
      const entry = group[count(row.c)];
      if (entry) counts[entry.alias] = row.n;
    }
  }
  return counts;
}
function count(value) {
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number") return value;
  return 0;
}
function plain(value) {
  if (typeof value === "bigint") {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  return value;
}
function examplesOf(value) {
  if (!Array.isArray(value)) return [];
  const seen = /* @__PURE__ */ new Set();
  const examples = [];
  for (const item of value.map(plain)) {
    const key = JSON.stringify(item);
    if (seen.has(key)) continue;
    seen.add(key);
    examples.push(item);
  }
  return examples;
}
function show(value) {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return value.toString();
  return JSON.stringify(plain(value)) ?? String(value);
}
function showList(values) {
  return values.map(show).join(", ");
}
function extremeSql(values, aggregate) {
  return values.lift ? values.lift(`${aggregate}(${quoteIdentifier(values.column.name)})`) : `${aggregate}(${values.value})`;
}
function observedBoundSql(values, extreme) {
  if (values.type === "number") return extreme;
  return `CAST(${extreme} AS VARCHAR)`;
}
function observedBound(raw, type) {
  if (raw === null || raw === void 0) return void 0;
  if (type === "integer" && typeof raw === "string") {
    const big = BigInt(raw);
    return plain(big);
  }
  return plain(raw);
}
async function scanCompanion(table, companion) {
  const aggregates = new Aggregates();
  const read = companion.plan(aggregates);
  if (!read) return false;
  read(await aggregates.run(table, { relation: companion.relation }));
  return true;
}
async function checkData(table, schema, companion) {
  await checkPatterns(table, schema);
  const present = new Map(table.columns.map((column) => [column.name, column]));
  const ranges = await footerIntegerRanges(
    table,
    schema.columns.filter((spec) => spec.unique?.value).map((spec) => spec.name)
  );
  const aggregates = new Aggregates();
  const rowsAlias = aggregates.add("count(*)");
  const planned = /* @__PURE__ */ new Map();
  for (const spec of schema.columns) {
    const column = present.get(spec.name);
    if (!column) continue;
    const values = columnValues(column, spec.type?.value);
    const followUps = {
      examples: [],
      violations: [],
      distinctWhenFound: []
    };
    const failing = {};
    planned.set(spec.name, {
      spec,
      values,
      aliases: planAggregates(aggregates, spec, values, followUps, failing, ranges),
      ...followUps,
      failing
    });
  }
  const unique = schema.columns.some((spec) => spec.unique?.value && planned.has(spec.name));
  const ownExpressions = aggregates.expressions.length;
  const readCompanion = companion?.plan(aggregates);
  const row = await aggregates.run(table, {
    boundedMemory: unique,
    ownExpressions,
    ...readCompanion && companion ? { relation: companion.relation } : {}
  });
  readCompanion?.(row);
  const followUp = new Aggregates("e");
  for (const plan of planned.values()) {
    for (const [breachKey, countKey, sql] of plan.violations) {
      if (row[plan.aliases[breachKey] ?? ""] === true) plan.aliases[countKey] = followUp.add(sql);
    }
    for (const [countKey, examplesKey, sql] of plan.examples) {
      if (count(row[plan.aliases[countKey] ?? ""]) > 0) plan.aliases[examplesKey] = followUp.add(sql);
    }
    for (const [countKey, distinctKey, value, type] of plan.distinctWhenFound) {
      if (count(row[plan.aliases[countKey] ?? ""]) > 0)
        plan.aliases[distinctKey] = followUp.distinct(value, type);
    }
  }
  Object.assign(row, await followUp.run(table));
  const statistics = {
    rows: count(row[rowsAlias]),
    get: (alias) => alias ? row[alias] : void 0
  };
  const checks = [];
  const rowQueries = /* @__PURE__ */ new Map();
  for (const spec of schema.columns) {
    const plan = planned.get(spec.name);
    for (const found of await columnChecks(table, schema, spec, plan, statistics)) {
      checks.push(found);
      const where = plan?.failing[found.name];
      if (plan && where && found.status !== "passed") {
        rowQueries.set(found, { where, value: shownValue(plan.values.column) });
      }
    }
  }
  checks.push(...await tableChecks(table, schema, statistics.rows, rowQueries));
  const key = keyColumns(schema).find((candidate) => present.has(candidate.name))?.name;
  await failingRows(table, rowQueries, key === void 0 ? void 0 : present.get(key));
  return {
    checks,
    rows: statistics.rows,
    ...key === void 0 ? {} : { key },
    alongside: readCompanion !== void 0
  };
}
function plainStruct(value) {
  if (value === null || value === void 0) return null;
  if (typeof value === "object" && !Array.isArray(value) && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, plain(item)]));
  }
  return plain(value);
}
function shownValue(column) {
  const id = quoteIdentifier(column.name);
  return ["integer", "number", "boolean", "string"].includes(categoryOf(column.type)) ? id : `CAST(${id} AS VARCHAR)`;
}
var rowNumberColumn = "__mlci_row_number";
async function failingRows(table, queries, key) {
  if (queries.size === 0) return;
  const keySql = key === void 0 ? "NULL" : shownValue(key);
  const rowId = quoteIdentifier(rowNumberColumn);
  const aggregates = new Aggregates("r");
  const aliases = /* @__PURE__ */ new Map();
  for (const [found2, query] of queries) {
    aliases.set(
      found2,
      aggregates.add(
        `min_by({row: ${rowId}, key: ${keySql}, value: ${query.value}}, CASE WHEN ${query.where} THEN ${rowId} END, ${exampleCount})`
      )
    );
  }
  const numbered = {
    ...table,
    relation: `(SELECT row_number() OVER () AS ${rowId}, * FROM ${table.relation})`
  };
  const result = await aggregates.run(numbered);
  const found = /* @__PURE__ */ new Map();
  for (const [check2, alias] of aliases) {
    const rows = (result[alias] ?? []).map(
      (item) => ({
        row: count(item.row),
        ...key === void 0 ? {} : { key: plain(item.key) },
        value: plainStruct(item.value)
      })
    );
    if (rows.length > 0) found.set(check2, rows);
  }
  if (table.format === "csv" || table.format === "tsv") {
    const wanted = [...found.values()].flatMap((rows) => rows.map((item) => item.row));
    const lines = csvRowLines(table.path, table.format === "tsv" ? "	" : ",", wanted);
    for (const rows of found.values()) {
      for (const item of rows) {
        const line = lines.get(item.row);
        if (line !== void 0) item.line = line;
      }
    }
  }
  for (const [check2, rows] of found) {
    check2.rows = rows.map(({ row, line, ...rest }) => ({
      row,
      ...line === void 0 ? {} : { line },
      ...rest
    }));
  }
}
var distinctMemoryPerThreadMB = { text: 96, parquet: 64 };
var scanMemoryPerColumnKB = 64;
async function withBoundedMemory(table, work, onOutOfMemory) {
  const [setting] = await table.evaluate(
    `SELECT current_setting('memory_limit') AS m, current_setting('threads') AS threads`
  );
  const restore = `SET memory_limit = ${quoteText(String(setting?.m))}`;
  const perThread = distinctMemoryPerThreadMB[table.format === "parquet" ? "parquet" : "text"] + Math.ceil(table.columns.length * scanMemoryPerColumnKB / 1024);
  const limit = perThread * Math.max(1, count(setting?.threads));
  await table.evaluate(`SET memory_limit = '${limit}MB'`);
  try {
    return await work();
  } catch (error) {
    if (!/^Out of Memory Error/.test(String(error?.message))) throw error;
    await table.evaluate(restore);
    return await (onOutOfMemory ?? work)();
  } finally {
    await table.evaluate(restore);
  }
}
async function checkPatterns(table, schema) {
  for (const spec of schema.columns) {
    if (!spec.regex) continue;
    try {
      await table.evaluate(`SELECT regexp_full_match('', ${quoteText(spec.regex.value)})`);
    } catch (error) {
      const where = spec.regex.line === void 0 ? "" : `:${spec.regex.line}`;
      const message = String(error?.message ?? error);
      const reason = firstLine(message).replace(/^[A-Za-z ]+ Error: /, "");
      throw new InputError(
        `${schema.file}${where}: columns.${spec.name}.regex: invalid regular expression: ${reason}`
      );
    }
  }
}
function planAggregates(aggregates, spec, values, followUps, failing, ranges) {
  const { examples, violations, distinctWhenFound } = followUps;
  const sample = (sql, where) => `min(CASE WHEN ${where} THEN ${sql} END, ${exampleCount})`;
  const id = quoteIdentifier(values.column.name);
  const aliases = {};
  aliases.nonNull = aggregates.add(`count(${id})`);
  failing.nullable = `${id} IS NULL`;
  failing.max_null_fraction = `${id} IS NULL`;
  if (spec.type && values.invalid) {
    failing.type = values.invalid;
    aliases.invalid = aggregates.add(`count_if(${values.invalid})`);
    examples.push(["invalid", "invalidExamples", sample(values.text, values.invalid)]);
  }
  const bounded = boundable(values.type);
  for (const key of ["min", "max"]) {
    const bound = spec[key];
    if (!bound || !bounded) continue;
    const sql = literal2(bound.value, values.type);
    if (sql === void 0) continue;
    const extreme = extremeSql(values, key);
    const beyond = key === "min" ? "<" : ">";
    aliases[key] = aggregates.add(observedBoundSql(values, extreme));
    aliases[`${key}Breached`] = aggregates.add(`(${extreme} ${beyond} ${sql})`);
    violations.push([`${key}Breached`, `${key}Violations`, `count_if(${values.value} ${beyond} ${sql})`]);
    failing[key] = `${values.value} ${beyond} ${sql}`;
  }
  if (spec.allowed) {
    const allowed = spec.allowed.value.map((value) => literal2(value, values.type)).filter((sql) => sql !== void 0);
    const outside = allowed.length === 0 ? `${values.value} IS NOT NULL` : values.type === "string" ? `NOT list_contains([${allowed.join(", ")}], ${values.value})` : `${values.value} NOT IN (${allowed.join(", ")})`;
    failing.allowed = outside;
    aliases.notAllowed = aggregates.add(`count_if(${outside})`);
    distinctWhenFound.push([
      "notAllowed",
      "notAllowedDistinct",
      `CASE WHEN ${outside} THEN ${values.value} END`,
      values.sqlType
    ]);
    examples.push(["notAllowed", "notAllowedExamples", sample(`CAST(${values.value} AS VARCHAR)`, outside)]);
  }
  if (spec.regex) {
    const mismatch = `NOT regexp_full_match(${values.text}, ${quoteText(spec.regex.value)})`;
    failing.regex = mismatch;
    aliases.mismatched = aggregates.add(`count_if(${mismatch})`);
    examples.push(["mismatched", "mismatchedExamples", sample(values.text, mismatch)]);
  }
  if (spec.unique?.value) {
    aliases.typed = values.invalid ? aggregates.add(`count(${values.value})`) : aliases.nonNull;
    const range = ranges.get(values.column.name);
    aliases.distinct = // The bitmap takes the column's own integers: not a declared `number`'s doubles.
    range && !values.invalid && bitstringTypes.has(values.sqlType.toUpperCase()) ? aggregates.distinctInRange(values.value, values.sqlType, range.low, range.high) : aggregates.distinct(values.value, values.sqlType);
  }
  return aliases;
}
function boundable(type) {
  return type === "integer" || type === "number" || type === "date" || type === "datetime";
}
function bigintSafe(value) {
  if (typeof value === "bigint") return plain(value);
  if (Array.isArray(value)) return value.map(bigintSafe);
  return value;
}
function check(schema, name, column, rule2, ok, message, expected, observed) {
  return {
    name,
    ...column === void 0 ? {} : { column },
    status: ok ? "passed" : rule2.severity === "error" ? "failed" : "warned",
    severity: rule2.severity,
    message,
    ...expected === void 0 ? {} : { expected: bigintSafe(expected) },
    ...observed === void 0 ? {} : { observed: bigintSafe(observed) },
    location: { file: schema.file, ...rule2.line === void 0 ? {} : { line: rule2.line } }
  };
}
async function columnChecks(table, schema, spec, plan, statistics) {
  const name = spec.name;
  if (!plan) {
    return [
      spec.required.value ? check(
        schema,
        "required",
        name,
        spec.required,
        false,
        "column is missing from the data",
        "present",
        "absent"
      ) : check(
        schema,
        "required",
        name,
        spec.required,
        true,
        "optional column is absent; its rules were not checked",
        "optional",
        "absent"
      )
    ];
  }
  const { values, aliases } = plan;
  const get = (key) => statistics.get(aliases[key]);
  const rows = statistics.rows;
  const nonNull = count(get("nonNull"));
  const nulls = rows - nonNull;
  const checks = [
    check(
      schema,
      "required",
      name,
      spec.required,
      true,
      "column is present",
      spec.required.value ? "present" : "optional",
      "present"
    )
  ];
  if (spec.type) {
    const declared = spec.type.value;
    if (!values.invalid) {
      checks.push(
        check(
          schema,
          "type",
          name,
          spec.type,
          true,
          `read as ${values.column.type}`,
          declared,
          values.column.type
        )
      );
    } else {
      const invalid = count(get("invalid"));
      const examples = examplesOf(get("invalidExamples"));
      checks.push(
        invalid === 0 ? check(
          schema,
          "type",
          name,
          spec.type,
          true,
          `all ${plural(nonNull, "value")} read as ${declared}`,
          declared,
          values.column.type
        ) : check(
          schema,
          "type",
          name,
          spec.type,
          false,
          `${invalid} of ${plural(nonNull, "value")} ${invalid === 1 ? "is" : "are"} not ${declared}, e.g. ${showList(examples)}`,
          declared,
          { type: values.column.type, invalid, examples }
        )
      );
    }
  }
  if (spec.nullable && !spec.nullable.value) {
    checks.push(
      check(
        schema,
        "nullable",
        name,
        spec.nullable,
        nulls === 0,
        nulls === 0 ? "no nulls" : `${nulls} of ${plural(rows, "value")} ${nulls === 1 ? "is" : "are"} null`,
        0,
        nulls
      )
    );
  }
  if (spec.maxNullFraction) {
    const fraction2 = rows === 0 ? 0 : nulls / rows;
    const limit = spec.maxNullFraction.value;
    checks.push(
      check(
        schema,
        "max_null_fraction",
        name,
        spec.maxNullFraction,
        fraction2 <= limit,
        `${nulls} of ${plural(rows, "value")} ${nulls === 1 ? "is" : "are"} null (${percent(fraction2)}; at most ${percent(limit)} allowed)`,
        limit,
        Number(fraction2.toPrecision(6))
      )
    );
  }
  for (const key of ["min", "max"]) {
    const bound = spec[key];
    if (!bound) continue;
    const expected = bigintSafe(bound.value);
    if (!boundable(values.type)) {
      checks.push(
        check(
          schema,
          key,
          name,
          bound,
          false,
          `${key} needs an integer, number, date or datetime column; the column reads as ${values.column.type} (declare its type)`,
          expected
        )
      );
      continue;
    }
    if (aliases[key] === void 0) {
      checks.push(
        check(
          schema,
          key,
          name,
          bound,
          false,
          `${key} ${show(bound.value)} cannot be compared with a ${values.type} column`,
          expected
        )
      );
      continue;
    }
    const observed = observedBound(get(key), values.type);
    const violations = count(get(`${key}Violations`));
    const word = key === "min" ? "smallest" : "largest";
    const message = observed === void 0 ? "no values to compare" : violations === 0 ? `${word} value ${show(observed)} is within ${key} ${show(bound.value)}` : `${plural(violations, "value")} ${key === "min" ? "below the minimum" : "above the maximum"} ${show(bound.value)} (${word} ${show(observed)})`;
    checks.push(check(schema, key, name, bound, violations === 0, message, expected, observed));
  }
  if (spec.allowed) {
    const outside = count(get("notAllowed"));
    const distinct = count(get("notAllowedDistinct"));
    const examples = examplesOf(get("notAllowedExamples"));
    checks.push(
      check(
        schema,
        "allowed",
        name,
        spec.allowed,
        outside === 0,
        outside === 0 ? "all values are allowed" : `${plural(outside, "row")} ${outside === 1 ? "has a value" : "have values"} not in the allowed list (${plural(distinct, "distinct value")}), e.g. ${showList(examples)}`,
        spec.allowed.value,
        outside === 0 ? void 0 : examples
      )
    );
  }
  if (spec.regex) {
    const mismatched = count(get("mismatched"));
    const examples = examplesOf(get("mismatchedExamples"));
    checks.push(
      check(
        schema,
        "regex",
        name,
        spec.regex,
        mismatched === 0,
        mismatched === 0 ? "all values match" : `${plural(mismatched, "value")} ${mismatched === 1 ? "does" : "do"} not match, e.g. ${showList(examples)}`,
        spec.regex.value,
        mismatched === 0 ? void 0 : examples
      )
    );
  }
  if (spec.unique?.value) {
    const repeated = count(get("typed")) - count(get("distinct"));
    if (repeated === 0) {
      checks.push(check(schema, "unique", name, spec.unique, true, "all values are distinct", true));
    } else {
      const shown2 = ["integer", "number", "boolean", "string"].includes(values.type) ? values.value : `CAST(${values.value} AS VARCHAR)`;
      const found = await duplicates(table, [values.value], `[${shown2}]`);
      const examples = found.examples;
      if (found.rowsWhere) plan.failing.unique = found.rowsWhere;
      checks.push(
        check(
          schema,
          "unique",
          name,
          spec.unique,
          false,
          `${plural(repeated, "row repeats", "rows repeat")} a value, e.g. ${examples.map((e) => `${show(e.key[0])} (${e.count} times)`).join(", ")}`,
          true,
          examples.map((e) => ({ value: e.key[0], count: e.count }))
        )
      );
    }
  }
  return checks;
}
async function duplicates(table, keySql, key = `[${keySql.map((sql) => `CAST(${sql} AS VARCHAR)`).join(", ")}]`) {
  const notNull = keySql.map((sql) => `${sql} IS NOT NULL`).join(" AND ");
  const text = `[${keySql.map((sql) => `CAST(${sql} AS VARCHAR)`).join(", ")}]`;
  const [row] = await table.query(
    `SELECT count(*) AS keys, coalesce(sum(n - 1), 0) AS surplus, max_by(struct_pack(k := k, t := t, n := n), struct_pack(n := n, t := t), ${exampleCount}) AS examples
     FROM (SELECT ${key} AS k, ${text} AS t, count(*) AS n FROM ${table.relation} WHERE ${notNull} GROUP BY ALL HAVING count(*) > 1)`
  );
  const examples = row?.examples ?? [];
  const texts = examples.map((example) => `[${example.t.map((item) => quoteText(item)).join(", ")}]`);
  return {
    keys: count(row?.keys),
    surplus: count(row?.surplus),
    examples: examples.map((example) => ({ key: example.k.map(plain), count: count(example.n) })),
    ...texts.length === 0 ? {} : { rowsWhere: `${text} IN (${texts.join(", ")})` }
  };
}
function percent(fraction2) {
  return `${Number((fraction2 * 100).toPrecision(3))}%`;
}
async function tableChecks(table, schema, rows, rowQueries) {
  const checks = [];
  const spec = schema.table;
  const mode = spec.columns.value;
  if (mode !== "subset") {
    const declared = new Set(schema.columns.map((column) => column.name));
    const extra = table.columns.map((column) => column.name).filter((name) => !declared.has(name));
    let message = extra.length === 0 ? "no columns beyond the schema" : `${plural(extra.length, "column")} not in the schema: ${showList(extra.slice(0, 10))}${extra.length > 10 ? ", \u2026" : ""}`;
    let ok = extra.length === 0;
    const observed = { extra };
    if (mode === "ordered") {
      const inData = table.columns.map((column) => column.name).filter((name) => declared.has(name));
      const inDataNames = new Set(inData);
      const inSchema = schema.columns.map((column) => column.name).filter((name) => inDataNames.has(name));
      const at = inSchema.findIndex((name, index) => inData[index] !== name);
      if (at >= 0) {
        ok = false;
        observed.order = inData;
        const order = `columns are out of the schema's order: expected ${show(inSchema[at])} at position ${at + 1}, found ${show(inData[at])}`;
        message = extra.length === 0 ? order : `${message}; ${order}`;
      } else if (ok) {
        message = "columns are the schema's, in its order";
      }
    }
    checks.push(check(schema, "columns", void 0, spec.columns, ok, message, mode, observed));
  }
  if (spec.rowsMin) {
    const ok = rows >= spec.rowsMin.value;
    checks.push(
      check(
        schema,
        "rows.min",
        void 0,
        spec.rowsMin,
        ok,
        `${plural(rows, "row")}${ok ? "" : `, fewer than ${spec.rowsMin.value}`}`,
        spec.rowsMin.value,
        rows
      )
    );
  }
  if (spec.rowsMax) {
    const ok = rows <= spec.rowsMax.value;
    checks.push(
      check(
        schema,
        "rows.max",
        void 0,
        spec.rowsMax,
        ok,
        `${plural(rows, "row")}${ok ? "" : `, more than ${spec.rowsMax.value}`}`,
        spec.rowsMax.value,
        rows
      )
    );
  }
  const present = new Set(table.columns.map((column) => column.name));
  for (const key of spec.unique) {
    const name = `unique(${key.value.join(", ")})`;
    const missing = key.value.filter((column) => !present.has(column));
    if (missing.length > 0) {
      checks.push(
        check(
          schema,
          name,
          void 0,
          key,
          false,
          `key ${plural(missing.length, "column")} missing from the data: ${showList(missing)}`,
          key.value
        )
      );
      continue;
    }
    const found = await duplicates(table, key.value.map(quoteIdentifier));
    const keyCheck = found.surplus === 0 ? check(schema, name, void 0, key, true, "no two rows share a key", key.value) : check(
      schema,
      name,
      void 0,
      key,
      false,
      `${plural(found.keys, "key")} repeated (${plural(found.surplus, "extra row")}), e.g. ${found.examples.map((e) => `${show(e.key)} (${e.count} times)`).join(", ")}`,
      key.value,
      found.examples
    );
    checks.push(keyCheck);
    if (found.rowsWhere) {
      const values = key.value.map((column) => {
        const data = table.columns.find((candidate) => candidate.name === column);
        return `${quoteText(column)}: ${data ? shownValue(data) : "NULL"}`;
      });
      rowQueries.set(keyCheck, { where: found.rowsWhere, value: `{${values.join(", ")}}` });
    }
  }
  return checks;
}

// packages/core/src/steps/validate-data/profile.ts
var profileBins = 100;
var rawValueRows = 1e3;
var maxProfileCategories = 1e4;
function kindOf(duckdbType) {
  const category = categoryOf(duckdbType);
  if (category === "integer" || category === "number") return "numeric";
  if (category === "string" || category === "boolean") return "categorical";
  return "other";
}
function doubleOf(name) {
  return `CAST(${quoteIdentifier(name)} AS DOUBLE)`;
}
function doubleLiteral(value) {
  return `CAST('${String(value)}' AS DOUBLE)`;
}
function nextUp(value) {
  if (!Number.isFinite(value)) return value;
  if (value === 0) return Number.MIN_VALUE;
  const bits = new Float64Array([value]);
  const integer = new BigInt64Array(bits.buffer);
  integer[0] = integer[0] + (value > 0 ? 1n : -1n);
  return bits[0];
}
function nextDown(value) {
  return -nextUp(-value);
}
function countsAtPointsSql(value, points) {
  const boundaries = [];
  for (const point of points) {
    for (const boundary of [nextDown(point), point]) {
      if (boundaries.length === 0 || boundary > boundaries[boundaries.length - 1])
        boundaries.push(boundary);
    }
  }
  const sql = `histogram(${value}, [${boundaries.map(doubleLiteral).join(", ")}])`;
  const read = (raw) => {
    const bucket = /* @__PURE__ */ new Map();
    for (const entry of raw ?? []) {
      if (entry.key === null) continue;
      bucket.set(Number(entry.key), count(entry.value));
    }
    const atMost = /* @__PURE__ */ new Map();
    let running = 0;
    for (const boundary of boundaries) {
      running += bucket.get(boundary) ?? 0;
      atMost.set(boundary, running);
    }
    return {
      points: [...points],
      atOrBelow: points.map((point) => atMost.get(point) ?? 0),
      below: points.map((point) => atMost.get(nextDown(point)) ?? 0)
    };
  };
  return { sql, read };
}
function binnedHistogram(value, edges) {
  const k = edges.length - 1;
  const last = edges[k];
  const boundaries = [-nextUp(last), ...[...new Set(edges)].reverse().map((edge) => -edge)];
  const slotOf = /* @__PURE__ */ new Map();
  edges.forEach((edge, j) => {
    slotOf.set(-edge, j === k ? k : j + 1);
  });
  slotOf.set(-nextUp(last), k + 1);
  const sql = `histogram(-${value}, [${boundaries.map(doubleLiteral).join(", ")}])`;
  const slots = (raw) => {
    const counts = new Array(k + 2).fill(0);
    for (const entry of raw ?? []) {
      const key = entry.key === null ? Number.POSITIVE_INFINITY : Number(entry.key);
      const slot = key === Number.POSITIVE_INFINITY ? 0 : slotOf.get(key);
      if (slot === void 0) throw new Error(`histogram: unexpected bucket ${String(entry.key)}`);
      counts[slot] = (counts[slot] ?? 0) + count(entry.value);
    }
    return counts;
  };
  return { sql, slots };
}
function percentileEdgesSql(sorted) {
  return `list_select(${sorted}, list_transform(range(${profileBins + 1}), k -> greatest(1, (len(${sorted}) * k + ${profileBins - 1}) // ${profileBins})))`;
}
function withFinite(table, names) {
  const relation = table.relation;
  if (names.length === 0) return relation;
  const types = new Map(table.columns.map((column) => [column.name, column.type]));
  const finite2 = names.map((name, i) => {
    const x = doubleOf(name);
    if (categoryOf(types.get(name) ?? "") === "integer") return `${x} AS ${finiteName(i)}`;
    return `CASE WHEN isfinite(${x}) THEN ${x} END AS ${finiteName(i)}`;
  });
  return `(SELECT *, ${finite2.join(", ")} FROM ${relation})`;
}
function finiteName(index) {
  return `"mlci finite ${index}"`;
}
function stable(value) {
  if (typeof value !== "number" || !Number.isFinite(value)) return void 0;
  const rounded = Number(value.toPrecision(12));
  return rounded === 0 ? 0 : rounded;
}
function finite(value) {
  return typeof value === "number" && Number.isFinite(value) ? value === 0 ? 0 : value : void 0;
}
function distinctEdges(quantiles) {
  const edges = [];
  for (const q of quantiles) if (edges.length === 0 || q > edges[edges.length - 1]) edges.push(q);
  return edges;
}
function planColumns(table, options, alias, replaced, singlePass = false) {
  const columns = table.columns.filter((column) => !options.columns || options.columns.has(column.name));
  const numeric = columns.filter((column) => kindOf(column.type) === "numeric").map((column) => column.name);
  const numericIndex = new Map(numeric.map((name, i) => [name, i]));
  const plans = columns.map((column) => {
    const id = quoteIdentifier(column.name);
    const kind = kindOf(column.type);
    const countsOnly = options.countsOnly?.has(column.name) ?? false;
    const aliases = { nonNull: alias(`count(${id})`) };
    let edges = countsOnly ? void 0 : options.edges?.get(column.name);
    let slots;
    if (kind === "numeric") {
      const x = finiteName(numericIndex.get(column.name));
      aliases.finite = alias(`count(${x})`);
      if (!countsOnly) {
        aliases.min = alias(`min(${x})`);
        aliases.max = alias(`max(${x})`);
        if (!singlePass) {
          aliases.mean = alias(`avg(${x})`);
          aliases.std = alias(`stddev_pop(${x})`);
        }
      }
      if (edges && edges.length >= 2) {
        const binned = binnedHistogram(x, edges);
        aliases.histogram = alias(binned.sql);
        slots = binned.slots;
      } else {
        edges = void 0;
        if (!countsOnly && !singlePass) {
          aliases.quantiles = alias(`list_sort(list_filter(list(${x}), v -> v IS NOT NULL))`);
          replaced.set(aliases.quantiles, percentileEdgesSql(aliases.quantiles));
        }
      }
    } else if (kind === "categorical") {
      if (options.categories?.has(column.name) && !countsOnly) {
        if (column.type.toUpperCase() === "BOOLEAN") {
          aliases.trues = alias(`count_if(${id})`);
          aliases.frequencies = aliases.trues;
        } else {
          aliases.frequencies = alias(`histogram(CAST(${id} AS VARCHAR))`);
        }
      } else if (!countsOnly && !singlePass) {
        aliases.distinct = alias(`approx_count_distinct(${id})`);
      }
    } else {
      aliases.min = alias(`CAST(min(${id}) AS VARCHAR)`);
      aliases.max = alias(`CAST(max(${id}) AS VARCHAR)`);
    }
    return { column, kind, countsOnly, aliases, edges, slots };
  });
  return { plans, numeric, numericIndex };
}
var profileAggregatesPerQuery = 2048;
var countedCategoriesLimit = 2 * maxProfileCategories;
async function profileTable(table, options) {
  const select = ['count(*) AS "rows"'];
  const replaced = /* @__PURE__ */ new Map();
  const alias = (sql) => {
    select.push(`${sql} AS c${select.length}`);
    return `c${select.length - 1}`;
  };
  const { plans, numeric, numericIndex } = planColumns(table, options, alias, replaced);
  const source = withFinite(table, numeric);
  const row = {};
  const expressions = select.slice(1);
  for (let start = 0; start === 0 || start < expressions.length; start += profileAggregatesPerQuery) {
    const names = expressions.slice(start, start + profileAggregatesPerQuery).map((_, i) => `c${start + i + 1}`);
    const first = start === 0 ? ['"rows"'] : [];
    const aggregates = `SELECT ${[...start === 0 ? [select[0]] : [], ...expressions.slice(start, start + profileAggregatesPerQuery)].join(", ")} FROM ${source}`;
    const [part = {}] = await table.query(
      names.some((name) => replaced.has(name)) ? `SELECT ${[...first, ...names].map((name) => replaced.has(name) ? `${replaced.get(name)} AS ${name}` : name).join(", ")} FROM (${aggregates})` : aggregates
    );
    Object.assign(row, part);
  }
  const rows = count(row.rows);
  const second = [];
  const later = (sql) => {
    second.push(`${sql} AS h${second.length}`);
    return `h${second.length - 1}`;
  };
  const ownBins = /* @__PURE__ */ new Map();
  const frequencyAliases = /* @__PURE__ */ new Map();
  for (const plan of plans) {
    if (plan.kind === "numeric" && plan.aliases.quantiles) {
      const quantiles = (row[plan.aliases.quantiles] ?? []).map(Number);
      const edges = distinctEdges(quantiles.filter(Number.isFinite));
      if (edges.length === 0) continue;
      const bins = edges.length === 1 ? [edges[0], edges[0]] : edges;
      const binned = binnedHistogram(finiteName(numericIndex.get(plan.column.name)), bins);
      ownBins.set(plan.column.name, { edges: bins, alias: later(binned.sql), slots: binned.slots });
    } else if (plan.kind === "categorical" && !plan.countsOnly) {
      if (plan.aliases.frequencies) {
        frequencyAliases.set(plan.column.name, { row: "first", alias: plan.aliases.frequencies });
      } else if (count(row[plan.aliases.distinct ?? ""]) <= countedCategoriesLimit) {
        frequencyAliases.set(plan.column.name, {
          row: "second",
          alias: later(`histogram(CAST(${quoteIdentifier(plan.column.name)} AS VARCHAR))`)
        });
      }
    }
  }
  const [secondRow = {}] = second.length > 0 ? await table.query(`SELECT ${second.join(", ")} FROM ${source}`) : [];
  const keepValues = (options.values ?? true) && rows <= rawValueRows;
  const numericNames = plans.filter((plan) => plan.kind === "numeric" && !plan.countsOnly).map((plan) => plan.column.name);
  const values = keepValues ? await numericValues(table, numericNames) : /* @__PURE__ */ new Map();
  return {
    mlci: "profile",
    version: 1,
    data: { file: options.file, format: table.format, digest: options.digest, rows },
    columns: columnProfiles(plans, row, rows, { secondRow, ownBins, frequencyAliases, values })
  };
}
function columnProfiles(plans, row, rows, later) {
  const { secondRow = {}, ownBins = /* @__PURE__ */ new Map(), frequencyAliases, values = /* @__PURE__ */ new Map() } = later;
  return plans.map(({ column, kind, aliases, edges, slots }) => {
    const nonNull = count(row[aliases.nonNull ?? ""]);
    const base = { name: column.name, type: column.type };
    if (kind === "numeric") {
      const own = ownBins.get(column.name);
      const bins = edges && slots ? { edges: [...edges], counts: slots(row[aliases.histogram ?? ""]) } : own ? { edges: own.edges, counts: own.slots(secondRow[own.alias]) } : void 0;
      const columnValues2 = values.get(column.name);
      return {
        ...base,
        kind,
        count: nonNull,
        nulls: rows - nonNull,
        nonFinite: nonNull - count(row[aliases.finite ?? ""]),
        ...optional("min", finite(row[aliases.min ?? ""])),
        ...optional("max", finite(row[aliases.max ?? ""])),
        ...optional("mean", stable(row[aliases.mean ?? ""])),
        ...optional("std", stable(row[aliases.std ?? ""])),
        ...bins ? { bins } : {},
        ...columnValues2 ? { values: columnValues2 } : {}
      };
    }
    if (kind === "categorical") {
      const source = frequencyAliases.get(column.name);
      const found = source ? topCategories(
        aliases.trues ? booleanFrequencies(count(row[aliases.trues]), nonNull) : (source.row === "first" ? row : secondRow)[source.alias]
      ) : (
        // Not counted (too many distinct values, or not asked for): the estimate, every value under `other`.
        { categories: [], distinct: count(row[aliases.distinct ?? ""]) }
      );
      const listed = found.categories.reduce((sum, [, n]) => sum + n, 0);
      return {
        ...base,
        kind,
        count: nonNull,
        nulls: rows - nonNull,
        distinct: found.distinct,
        categories: found.categories,
        other: nonNull - listed
      };
    }
    const min = row[aliases.min ?? ""];
    const max = row[aliases.max ?? ""];
    return {
      ...base,
      kind,
      count: nonNull,
      nulls: rows - nonNull,
      ...optional("min", typeof min === "string" ? min : void 0),
      ...optional("max", typeof max === "string" ? max : void 0)
    };
  });
}
function profileAlongside(table, options) {
  let result;
  const companion = {
    relation: "",
    plan(aggregates) {
      let planned = 0;
      planColumns(table, { ...options, digest: "" }, () => `x${planned++}`, /* @__PURE__ */ new Map(), true);
      planned += 1 + (options.countsAt?.size ?? 0);
      if (aggregates.expressions.length + planned > profileAggregatesPerQuery) return void 0;
      const rowsAlias = aggregates.add("count(*)");
      const { plans, numeric, numericIndex } = planColumns(
        table,
        { ...options, digest: "" },
        (sql) => aggregates.add(sql),
        /* @__PURE__ */ new Map(),
        true
      );
      companion.relation = withFinite(table, numeric);
      const counted = [];
      for (const [name, points] of options.countsAt ?? []) {
        const index = numericIndex.get(name);
        if (index === void 0 || points.length === 0) continue;
        const found = countsAtPointsSql(finiteName(index), points);
        counted.push([name, aggregates.add(found.sql), found.read]);
      }
      return (row) => {
        const frequencyAliases = /* @__PURE__ */ new Map();
        for (const plan of plans) {
          if (plan.aliases.frequencies)
            frequencyAliases.set(plan.column.name, { row: "first", alias: plan.aliases.frequencies });
        }
        const rows = count(row[rowsAlias]);
        result = {
          rows,
          columns: columnProfiles(plans, row, rows, { frequencyAliases }),
          countsAt: new Map(counted.map(([name, alias, read]) => [name, read(row[alias])]))
        };
      };
    }
  };
  return {
    companion,
    profile(digest) {
      if (!result) throw new Error("profileAlongside: the scan has not run");
      return {
        mlci: "profile",
        version: 1,
        data: { file: options.file, format: table.format, digest, rows: result.rows },
        columns: result.columns
      };
    },
    countsAt() {
      if (!result) throw new Error("profileAlongside: the scan has not run");
      return result.countsAt;
    }
  };
}
function optional(key, value) {
  return value === void 0 ? {} : { [key]: value };
}
function booleanFrequencies(trues, nonNull) {
  return [
    { key: "true", value: trues },
    { key: "false", value: nonNull - trues }
  ].filter((entry) => entry.value > 0);
}
function compareCategories(a, b) {
  if (a[1] !== b[1]) return b[1] - a[1];
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
function topCategories(raw) {
  const all = (raw ?? []).map((entry) => [
    String(entry.key),
    count(entry.value)
  ]);
  all.sort(compareCategories);
  return { categories: all.slice(0, maxProfileCategories), distinct: all.length };
}
async function numericValues(table, names) {
  const result = /* @__PURE__ */ new Map();
  if (names.length === 0) return result;
  const [row = {}] = await table.query(
    `SELECT ${names.map((name, i) => {
      const x = doubleOf(name);
      return `coalesce(list_sort(list_filter(list(${x}), v -> isfinite(v))), []) AS v${i}`;
    }).join(", ")} FROM ${table.relation}`
  );
  names.forEach((name, i) => {
    const values = row[`v${i}`] ?? [];
    result.set(
      name,
      values.map((v) => v === 0 ? 0 : Number(v))
    );
  });
  return result;
}
function profileText(profile) {
  return `${serialize(profile, "")}
`;
}
function serialize(value, indent) {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== "object")) {
      return `[${value.map((item) => JSON.stringify(item)).join(", ")}]`;
    }
    if (value.length === 0) return "[]";
    return `[
${value.map((item) => `${inner}${serialize(item, inner)}`).join(",\n")}
${indent}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, item]) => item !== void 0);
    if (entries.length === 0) return "{}";
    return `{
${entries.map(([key, item]) => `${inner}${JSON.stringify(key)}: ${serialize(item, inner)}`).join(",\n")}
${indent}}`;
  }
  return JSON.stringify(value);
}
var countSchema = number().int().min(0);
var numericSchema = object({
  name: string(),
  type: string(),
  kind: literal("numeric"),
  count: countSchema,
  nulls: countSchema,
  nonFinite: countSchema,
  min: number().optional(),
  max: number().optional(),
  mean: number().optional(),
  std: number().min(0).optional(),
  bins: object({ edges: array(number()).min(2), counts: array(countSchema) }).strict().refine((bins) => bins.counts.length === bins.edges.length + 1, {
    message: "counts must have one more entry than edges (below, one per bin, above)"
  }).refine((bins) => bins.edges.every((edge, i) => i === 0 || edge >= bins.edges[i - 1]), {
    message: "edges must ascend"
  }).optional(),
  values: array(number()).optional()
}).strict();
var categoricalSchema = object({
  name: string(),
  type: string(),
  kind: literal("categorical"),
  count: countSchema,
  nulls: countSchema,
  distinct: countSchema,
  categories: array(tuple([string(), countSchema])),
  other: countSchema
}).strict();
var otherSchema = object({
  name: string(),
  type: string(),
  kind: literal("other"),
  count: countSchema,
  nulls: countSchema,
  min: string().optional(),
  max: string().optional()
}).strict();
var profileSchema = object({
  mlci: literal("profile"),
  version: literal(1),
  data: object({
    file: string(),
    format: _enum([...dataFormats, "profiles"]),
    digest: string().regex(/^sha256:[0-9a-f]{64}$/),
    rows: countSchema,
    partitions: array(string()).optional()
  }).strict(),
  columns: array(discriminatedUnion("kind", [numericSchema, categoricalSchema, otherSchema]))
}).strict();
function isProfileFile(file) {
  return file.toLowerCase().endsWith(".json");
}
async function loadProfile(path, file) {
  let text;
  try {
    text = (await readInputFile(path, file)).toString("utf8");
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = error.code;
    if (code === "ENOENT") throw new InputError(`${file}: no such file`);
    throw new InputError(`${file}: cannot read profile (${code ?? String(error)})`);
  }
  return parseProfile(text, file);
}
function parseProfile(text, file) {
  const value = parseJson(text, `${file}: not a profile`);
  if (typeof value !== "object" || value === null || value.mlci !== "profile") {
    throw new InputError(
      `${file}: not an mlci profile (expected "mlci": "profile"; write one with --write-profile)`
    );
  }
  const parsed = profileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") path.push(String(issue.keys[0]));
    if (path[0] === "columns" && path[1] !== void 0) {
      const name = value.columns?.[Number(path[1])]?.name;
      if (typeof name === "string") path[1] = JSON.stringify(name);
    }
    const message = issue.code === "unrecognized_keys" ? "unknown key" : issue.message;
    throw new InputError(`${file}: ${path.join(".") || "(top level)"}: ${message}`);
  }
  const profile = parsed.data;
  const names = /* @__PURE__ */ new Set();
  for (const column of profile.columns) {
    if (names.has(column.name))
      throw new InputError(`${file}: columns: column ${JSON.stringify(column.name)} appears twice`);
    names.add(column.name);
    if (column.count + column.nulls !== profile.data.rows) {
      throw new InputError(
        `${file}: columns.${JSON.stringify(column.name)}: count + nulls (${column.count + column.nulls}) is not data.rows (${profile.data.rows})`
      );
    }
  }
  return profile;
}

export {
  reportIdMaxLength,
  reportOptions,
  reportIdFromJobName,
  alertKinds,
  alertOption,
  alertFor,
  reportFileAlert,
  loadDuckDB,
  labelChecks,
  dataFormats,
  defaultMaxLineSize,
  maxMaxLineSize,
  driftTests,
  validateDataInput,
  formatLabels,
  formatOf,
  relations,
  quoteIdentifier,
  quoteText,
  withData,
  withDatasets,
  defaultHygieneConfig,
  hygieneKeys,
  loadSchema,
  keyColumns,
  exampleCount,
  categoryOf,
  isCompatible,
  Aggregates,
  count,
  plain,
  show,
  scanCompanion,
  checkData,
  profileBins,
  rawValueRows,
  maxProfileCategories,
  kindOf,
  doubleOf,
  doubleLiteral,
  countsAtPointsSql,
  binnedHistogram,
  distinctEdges,
  profileAggregatesPerQuery,
  countedCategoriesLimit,
  profileTable,
  profileAlongside,
  compareCategories,
  numericValues,
  profileText,
  isProfileFile,
  loadProfile,
  parseProfile
};
