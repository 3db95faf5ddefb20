#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  require_dist
} from "./chunk-EHSMM5DC.mjs";
import {
  imageBuilders
} from "./chunk-UJCVYE6O.mjs";
import {
  MINLOG,
  chiSquareSurvival,
  formatLabels,
  formatOf,
  quoteIdentifier,
  quoteText,
  relations,
  sortFloat64InPlace,
  withData,
  withDatasets
} from "./chunk-FBSSLV3U.mjs";
import {
  evidenceTypeNames,
  statusOf
} from "./chunk-ADAY2MOL.mjs";
import {
  table,
  writeStepReports
} from "./chunk-WMN5RE53.mjs";
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
} from "./chunk-MUOMZ454.mjs";
import {
  registryUriForms
} from "./chunk-Q5SRQC4W.mjs";
import {
  isNetworkError,
  networkReason
} from "./chunk-GERWAOUI.mjs";
import {
  withRetries
} from "./chunk-Q2OW4E5W.mjs";
import {
  ExitCode,
  InputError,
  ServiceError,
  firstLine
} from "./chunk-HQARHKJP.mjs";
import {
  writeFileAtomic
} from "./chunk-5CLMASBW.mjs";
import {
  fileDigest
} from "./chunk-WU5BIKWZ.mjs";
import {
  __toESM
} from "./chunk-AQW5IZUH.mjs";

// packages/core/src/options.ts
function kebabCase(key) {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
function unwrap(schema) {
  let inner = schema;
  let required = true;
  let defaultValue;
  for (; ; ) {
    const def = inner._zod.def;
    if (def.type === "optional" && def.innerType) {
      required = false;
      inner = def.innerType;
    } else if (def.type === "default" && def.innerType) {
      required = false;
      defaultValue = def.defaultValue;
      inner = def.innerType;
    } else {
      return { inner, required, defaultValue };
    }
  }
}
function kindOf(key, schema) {
  const def = schema._zod.def;
  switch (def.type) {
    case "string":
      return { kind: "string" };
    case "number":
    case "int":
      return { kind: "number" };
    case "boolean":
      return { kind: "boolean" };
    case "enum":
      return { kind: "enum", choices: Object.values(def.entries ?? {}) };
    case "array":
      return { kind: "list" };
    default:
      throw new Error(`option ${key}: unsupported zod type ${def.type}`);
  }
}
function optionsOf(schema) {
  return Object.entries(schema.shape).map(([key, field]) => {
    const { inner, required, defaultValue } = unwrap(field);
    const description = field.description ?? inner.description;
    if (!description) throw new Error(`option ${key} has no description`);
    return {
      key,
      name: kebabCase(key),
      ...kindOf(key, inner),
      description,
      required,
      ...defaultValue === void 0 ? {} : { defaultValue }
    };
  });
}
function coerceOptionText(spec, text, source) {
  switch (spec.kind) {
    case "boolean": {
      const value = text.trim().toLowerCase();
      if (["true", "yes", "1", "on"].includes(value)) return true;
      if (["false", "no", "0", "off", ""].includes(value)) return false;
      throw new InputError(`${source}: expected true or false, got "${text}"`);
    }
    case "number": {
      const value = Number(text.trim());
      if (text.trim() === "" || !Number.isFinite(value))
        throw new InputError(`${source}: expected a number, got "${text}"`);
      return value;
    }
    case "list":
      return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "");
    default:
      return text;
  }
}

// packages/core/src/platform/progress.ts
var percent = (fraction2) => fraction2 === void 0 ? "" : ` ${Math.floor(fraction2 * 100)}%`;
function createProgress(options) {
  const now = options.now ?? Date.now;
  const write = options.write ?? ((text) => process.stderr.write(text));
  const interval = options.intervalMs ?? (options.interactive ? 100 : 5e3);
  let last = now();
  let live = false;
  return {
    update(label, fraction2) {
      const time = now();
      if (time - last < interval) return;
      last = time;
      if (options.interactive) {
        write(`\r\x1B[K${label}${percent(fraction2)}`);
        live = true;
      } else {
        options.logger.info(`${label}${percent(fraction2)}`);
      }
    },
    done() {
      if (live) write("\r\x1B[K");
      live = false;
      last = now();
    }
  };
}

// packages/core/src/config.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
var defaultConfigFile = "mlci.yaml";
function configSchema(steps2) {
  const sections = {};
  for (const step of steps2) {
    const fields = {};
    for (const spec of optionsOf(step.input)) {
      const field = step.input.shape[spec.key];
      fields[spec.name] = unwrapDefault(field).optional().describe(spec.description);
    }
    sections[step.name] = object(fields).strict().optional().describe(step.summary);
  }
  return object({ version: literal(1).optional().describe("Version of the mlci.yaml format."), ...sections }).strict();
}
function unwrapDefault(field) {
  let inner = field;
  for (; ; ) {
    const def = inner._zod.def;
    if ((def.type === "default" || def.type === "optional") && def.innerType) inner = def.innerType;
    else return inner;
  }
}
async function loadConfig(steps2, cwd, explicit) {
  const file = explicit ?? defaultConfigFile;
  let text;
  try {
    text = await readFile(resolve(cwd, file), "utf8");
  } catch (error) {
    if (explicit === void 0 && error.code === "ENOENT") return void 0;
    throw new InputError(
      `${file}: cannot read config file (${error.code ?? error})`
    );
  }
  const lineCounter = new import_yaml.LineCounter();
  const document = (0, import_yaml.parseDocument)(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const [syntaxError] = document.errors;
  if (syntaxError) {
    const line = lineCounter.linePos(syntaxError.pos[0]).line;
    throw new InputError(`${file}:${line}: invalid YAML: ${syntaxError.message.split("\n")[0]}`);
  }
  const value = document.toJS() ?? {};
  const parsed = configSchema(steps2).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") path.push(String(issue.keys[0]));
    const node = (0, import_yaml.isMap)(document.contents) ? document.getIn(path, true) : void 0;
    const range = node?.range;
    const where = range ? `:${lineCounter.linePos(range[0]).line}` : "";
    const message = issue.code === "unrecognized_keys" ? "unknown key" : issue.message;
    throw new InputError(`${file}${where}: ${path.join(".") || "(top level)"}: ${message}`);
  }
  return { file, sections: parsed.data };
}

// packages/core/src/execute.ts
async function executeStep(invocation) {
  const { step, given, platform, logger } = invocation;
  const config = await loadConfig(invocation.allSteps, invocation.cwd, invocation.configFile);
  const section = config?.sections[step.name] ?? {};
  const merged = {};
  const fromConfig = /* @__PURE__ */ new Set();
  for (const [name, value] of Object.entries(section)) {
    const key = name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    merged[key] = value;
    fromConfig.add(key);
  }
  for (const [key, value] of Object.entries(given)) {
    if (value === void 0) continue;
    merged[key] = value;
    fromConfig.delete(key);
  }
  const input = parseInput(
    step,
    merged,
    (key) => fromConfig.has(key) && config ? `${config.file}: ${step.name}.${kebabCase(key)}` : invocation.nameGiven(kebabCase(key))
  );
  const progress = invocation.progress ?? createProgress({ logger, interactive: false });
  const artifacts = platform.branchArtifacts?.();
  const report = await step.run(input, {
    cwd: invocation.cwd,
    logger,
    progress,
    context: platform.context(),
    ...artifacts ? { artifacts } : {}
  });
  logger.info(report.headline);
  await platform.publish(report);
  return { report, exitCode: report.result.status === "passed" ? ExitCode.passed : ExitCode.gateFailed };
}
function parseInput(step, merged, nameOf) {
  const parsed = step.input.safeParse(merged);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0] ?? "");
  if (issue && merged[key] === void 0) throw new InputError(`${nameOf(key)} is required`);
  throw new InputError(`${nameOf(key)}: ${issue?.message ?? "invalid value"}`);
}

// packages/core/src/platform/platform.ts
function stderrLogger(debug = false) {
  return {
    info: (message) => process.stderr.write(`${message}
`),
    warn: (message) => process.stderr.write(`warning: ${message}
`),
    debug: (message) => {
      if (debug) process.stderr.write(`debug: ${message}
`);
    }
  };
}

// packages/core/src/step.ts
function defineStep(definition) {
  return definition;
}

// packages/core/src/steps/build-image/input.ts
var buildImageInput = object({
  base: string().min(1).default("scratch").describe(
    "Base image: scratch, a registry reference (python:3.12-slim, ghcr.io/o/r@sha256:\u2026) or an OCI layout on disk (oci:DIR[:TAG])."
  ),
  platform: string().min(1).optional().describe(
    "os/arch[/variant] to take from a multi-platform base (default linux/amd64); the platform of a scratch image."
  ),
  model: string().min(1).optional().describe(
    "Model directory, added as its own layer at model-path (an unchanged model is an unchanged layer)."
  ),
  modelPath: string().min(1).default("/model").describe("Where the model directory goes in the image."),
  add: array(string().min(1)).default([]).describe(
    "App files as SRC:DEST (a file or directory of the workspace, an absolute path in the image); one layer for all."
  ),
  entrypoint: string().optional().describe(
    'Entrypoint: a JSON array (["python", "serve.py"]) or words separated by spaces; [] clears the entrypoint of the base.'
  ),
  cmd: string().optional().describe("Default arguments (Cmd), in the same forms as entrypoint."),
  env: array(string().min(1)).default([]).describe("Environment variables as K=V (repeatable); replaces the base's of the same name."),
  workdir: string().min(1).optional().describe("Working directory of the container (absolute)."),
  user: string().min(1).optional().describe("User (name or uid[:gid]) the container runs as."),
  label: array(string().min(1)).default([]).describe("Image labels as K=V (repeatable), on top of the lineage labels mlci sets."),
  tag: array(string().min(1)).default([]).describe(
    "Image references to push (registry/repository:tag; repeatable), or the tag in the OCI layout."
  ),
  push: boolean().default(false).describe("Push to the registry of each tag; otherwise the image goes to oci-layout."),
  ociLayout: string().min(1).default(".mlci/image").describe("OCI image layout directory the image is written to when not pushing."),
  compression: _enum(["gzip", "none"]).default("gzip").describe("Layer compression: gzip, or none for incompressible model weights."),
  compressionLevel: number().int().min(1).max(9).default(1).describe("gzip level, 1 (fastest, the default, as go-containerregistry and ko use) to 9 (smallest)."),
  trainResult: string().min(1).default(".mlci/train.json").describe(
    "train's result, for the lineage labels (run id, data and model digests, model version); skipped when absent."
  ),
  attachTo: string().regex(/^[^@\s]+@[^@\s]+$/, "expected NAME@VERSION").optional().describe(
    "Record the image (reference and digest) on the model version NAME@VERSION of the registry, as evidence for promote."
  ),
  registry: string().min(1).default("file:.mlci/registry").describe(`Model registry for attach-to: ${registryUriForms}.`),
  insecureRegistry: boolean().default(false).describe("Allow plain HTTP to an image or model registry that is not on localhost."),
  dockerfile: string().min(1).optional().describe(
    "Build this Dockerfile with the builder the runner has (buildah, kaniko, docker buildx) instead, with the lineage labels added; base, model, add and the config options do not apply."
  ),
  context: string().min(1).default(".").describe("Build context directory of the Dockerfile."),
  builder: _enum(imageBuilders).default("auto").describe(
    "Builder of the Dockerfile: auto takes buildah, then kaniko, then docker buildx, whichever is found."
  ),
  out: string().min(1).default(".mlci").describe("Directory the report files are written to.")
});

// packages/core/src/steps/build-image/index.ts
var buildImageStep = defineStep({
  name: "build-image",
  summary: "Build an OCI image of the model without a Docker daemon; push it or write an OCI layout.",
  input: buildImageInput,
  outputs: {
    digest: "The image manifest's digest (sha256:\u2026).",
    image: "The first reference with its digest (REGISTRY/REPO:TAG@sha256:\u2026, or oci:DIR:TAG@sha256:\u2026).",
    references: "Every reference the image was stored under, one per line.",
    "bytes-uploaded": "Bytes sent to the registry: new layers, the config and the manifest under each tag (0 for an OCI layout)."
  },
  // The implementation is loaded when the step runs: `mlci --help` and the other steps do not pay for it.
  run: async (input, environment) => (await import("./run-2FJJEQJL.mjs")).runBuildImage(input, environment)
});

// packages/core/src/steps/evaluate/input.ts
var evaluationTasks = ["auto", "classification", "regression"];
var evaluateInput = object({
  candidate: string().min(1).describe(
    "The candidate model's evaluation: a predictions file (CSV, Parquet, JSON Lines) or a metrics JSON."
  ),
  baseline: string().min(1).optional().describe(
    "What to compare with: a predictions file or metrics JSON, or registry:NAME@VERSION or registry:NAME@ALIAS (the evaluation stored on that model version by attach-to; an alias such as production stands for the version it points at), or branch:NAME or target-branch (baseline-file in the newest baseline-artifact of that branch on GitHub Actions or GitLab CI; target-branch is the PR/MR target, else the default branch)."
  ),
  baselineArtifact: string().min(1).default("evaluate").describe(
    "For branch baselines: the GitLab job whose artifacts are read, or the name of the GitHub Actions artifact."
  ),
  baselineFile: string().min(1).default("evaluate.json").describe(
    "For branch baselines: the file in the artifact, a path or a file name (evaluate.json, or a predictions file for paired statistics)."
  ),
  labelColumn: string().min(1).default("label").describe("Column of the true labels (or values) in predictions files."),
  predictionColumn: string().min(1).default("prediction").describe("Column of the predicted labels (or values) in predictions files."),
  scoreColumn: string().min(1).optional().describe(
    "Column of the probability of the positive class, for roc_auc, average_precision and log_loss."
  ),
  positiveLabel: string().min(1).optional().describe(
    "The positive class of a binary task; by default the greater of the two labels, as scikit-learn takes it."
  ),
  sliceColumn: array(string().min(1)).default([]).describe("Columns to slice the metrics by (each value of each column is a slice)."),
  task: _enum(evaluationTasks).default("auto").describe(
    "classification or regression; auto takes classification unless the labels are non-integer numbers."
  ),
  gate: array(string().min(1)).default([]).describe(
    "Gates: METRIC>=V, METRIC<=V, METRIC:max_drop=V, METRIC:max_drop_pct=P, METRIC:non_inferior=MARGIN, mcnemar:alpha=A, each optionally @SLICE."
  ),
  resamples: number().int().min(100).default(1e3).describe("Paired bootstrap resamples for the intervals."),
  confidence: number().gt(0).lt(1).default(0.95).describe("Confidence level of the bootstrap intervals."),
  seed: number().int().min(0).max(2 ** 32 - 1).optional().describe(
    "Seed of the bootstrap (an unsigned 32-bit integer); by default a fixed one, so a rerun gives the same intervals."
  ),
  allowDifferentData: boolean().default(false).describe(
    "Compare even when candidate and baseline were evaluated on different data (the report says so)."
  ),
  rescoreCommand: string().min(1).optional().describe(
    "Re-score a registry: baseline's model on the current data when its stored evaluation was made on other data: runs with MLCI_BASELINE_MODEL (the version's files) and must write MLCI_PREDICTIONS."
  ),
  attachTo: string().regex(/^[^@\s]+@[^@\s]+$/, "expected NAME@VERSION").optional().describe(
    "Store this evaluation on the model version NAME@VERSION of the registry, as evidence for promote."
  ),
  registry: string().min(1).default("file:.mlci/registry").describe(`Model registry for attach-to and registry: baselines: ${registryUriForms}.`),
  insecureRegistry: boolean().default(false).describe("Allow plain HTTP to an OCI registry that is not on localhost."),
  out: string().min(1).default(".mlci").describe("Directory the report files are written to.")
});

// packages/core/src/steps/evaluate/index.ts
var evaluateStep = defineStep({
  name: "evaluate",
  summary: "Compare the candidate model with the baseline on the same data: metrics, intervals, slices, gates.",
  input: evaluateInput,
  outputs: {
    "gates-failed": "How many gates failed.",
    "data-digest": "Digest of the evaluation data (the true labels in row order).",
    metrics: "The candidate's metrics as JSON (name -> value)."
  },
  // The implementation is loaded when the step runs: `mlci --help` and the other steps do not pay for it.
  run: async (input, environment) => (await import("./run-XO2CW5PJ.mjs")).runEvaluate(input, environment)
});

// packages/core/src/steps/promote/input.ts
var evidenceKinds = evidenceTypeNames;
var promoteInput = object({
  model: string().min(1).describe("The registered model whose alias moves."),
  to: string().min(1).optional().describe(
    "The alias to move (production, staging, \u2026); by default the one the tag rules give for the release tag."
  ),
  version: string().min(1).optional().describe(
    "The version to promote; by default the one registered from the commit (from-commit, else the tag's commit)."
  ),
  fromCommit: string().regex(/^[0-9a-f]{7,64}$/, "expected a commit SHA (7 to 64 hexadecimal digits)").optional().describe("Promote the newest version registered from this commit."),
  tag: string().min(1).optional().describe(
    "The release tag (v1.4.0); by default the CI's tag (GitHub refs/tags/*, GitLab CI_COMMIT_TAG, Jenkins TAG_NAME)."
  ),
  rule: array(string().min(1)).default([]).describe(
    "Tag rules SELECTOR=ALIAS, first match wins: release, prerelease, a semver range or glob:PATTERN (default release=production and prerelease=staging)."
  ),
  require: array(_enum(evidenceKinds)).default([...evidenceKinds]).describe(
    "Evidence the version must carry: validation (a passed validate-data), evaluation (a passed evaluate against the alias's current holder on the same data), image (a built image)."
  ),
  rollback: boolean().default(false).describe(
    "Move the alias back to the version it pointed at before its last move (no evidence needed: it held the alias)."
  ),
  dryRun: boolean().default(false).describe("Say what would happen; change nothing."),
  // A default-false flag (as train's noCache), so the CLI, the GitLab component and the Jenkins var can say it.
  noRetagImages: boolean().default(false).describe(
    "Leave the version's images alone; by default they get the release tag and the alias (manifest copy in their repository: no rebuild, no upload)."
  ),
  registry: string().min(1).default("file:.mlci/registry").describe(`Model registry: ${registryUriForms}.`),
  insecureRegistry: boolean().default(false).describe("Allow plain HTTP to a registry that is not on localhost."),
  out: string().min(1).default(".mlci").describe("Directory the report files are written to.")
});

// packages/core/src/steps/promote/index.ts
var promoteStep = defineStep({
  name: "promote",
  summary: "Move a model alias (production, staging) to a version whose evidence allows it; retag its image.",
  input: promoteInput,
  outputs: {
    version: "The version that holds the alias (after the move, or that would).",
    alias: "The alias.",
    previous: "The version that held it before (empty for none).",
    outcome: "moved, refused, unchanged or planned (dry run).",
    record: "Digest of the stored promotion record (empty when nothing moved)."
  },
  // The implementation is loaded when the step runs: `mlci --help` and the other steps do not pay for it.
  run: async (input, environment) => (await import("./run-B57XT24S.mjs")).runPromote(input, environment)
});

// packages/core/src/steps/train/input.ts
var cacheKeyParts = ["command", "inputs", "params", "env", "commit"];
var trainInput = object({
  command: string().min(1).describe("The training command, run by the shell (sh -c) in the working directory: any language."),
  inputs: array(string().min(1)).default([]).describe(
    "Files, directories and globs the command reads (data, and code when the cache key leaves out the commit); fingerprinted by content."
  ),
  outputs: string().min(1).describe("Directory the command writes its model files to, inside the working directory."),
  params: string().min(1).optional().describe("Parameters file (YAML or JSON object) for the command; param values override its keys."),
  param: array(string().min(1)).default([]).describe(
    "A parameter as KEY=VALUE (the value read as YAML: 0.1 is a number); overrides the params file."
  ),
  metrics: string().min(1).optional().describe("JSON file of metrics the command writes (an object of numbers, nested keys joined by dots)."),
  timeout: number().positive().optional().describe(
    "Seconds the command may run; past it, the command and its children are killed and the step fails."
  ),
  env: array(string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected environment variable names")).default([]).describe(
    "Environment variables that change the result (e.g. CUDA_VISIBLE_DEVICES): recorded, and part of the cache key."
  ),
  cacheStore: string().min(1).default(".mlci/cache").describe("Run cache: a directory, or oci://HOST[:PORT]/REPOSITORY to share it between runners."),
  noCache: boolean().default(false).describe("Run the command even when the run cache has its result (the new result is still stored)."),
  cacheKeep: number().int().min(0).default(20).describe(
    "How many entries a directory run cache keeps (the most recently used; older ones and content only they held are deleted after each run); 0 keeps all."
  ),
  cacheKey: array(_enum(cacheKeyParts)).default([...cacheKeyParts]).describe("What the run cache key is made of: command, inputs, params, env, commit."),
  register: string().min(1).optional().describe("Register the outputs as a new version of this model, with the lineage record attached."),
  registry: string().min(1).default("file:.mlci/registry").describe(`Model registry: ${registryUriForms}.`),
  evidence: array(string().min(1)).default([]).describe(
    "Step results to keep with the registered version as evidence for promote (e.g. .mlci/validate-data.json: the training data's validation)."
  ),
  tracking: string().min(1).optional().describe("Log the run to an MLflow tracking server: mlflow+http(s)://HOST[:PORT][/PATH]."),
  experiment: string().min(1).optional().describe('MLflow experiment name; by default the repository name, else the model name, else "mlci".'),
  insecureRegistry: boolean().default(false).describe("Allow plain HTTP to an OCI registry that is not on localhost."),
  out: string().min(1).default(".mlci").describe("Directory the report files, run.json and provenance are written to.")
});

// packages/core/src/steps/train/index.ts
var trainStep = defineStep({
  name: "train",
  summary: "Run the training command with lineage, a run cache, model registration and experiment tracking.",
  input: trainInput,
  outputs: {
    "run-id": "Id of this run (run.json, provenance, MLflow tag mlci.run.id).",
    "cache-status": "hit (outputs restored, command not run), miss, off (no-cache) or corrupt.",
    "outputs-digest": "sha256 digest of the outputs (their sorted sha256sum listing).",
    "model-version": "Version of the registered model, when register is given.",
    "tracking-url": "Link to the MLflow run, when tracking is given.",
    "run-record": "Path of run.json."
  },
  // The implementation is loaded when the step runs: `mlci --help` and the other steps do not pay for it.
  run: async (input, environment) => (await import("./run-HQVMY2RZ.mjs")).runTrain(input, environment)
});

// packages/core/src/steps/validate-data/index.ts
import { existsSync } from "node:fs";
import { relative, resolve as resolve2 } from "node:path";

// packages/core/src/steps/validate-data/schema.ts
var import_yaml2 = __toESM(require_dist(), 1);
import { readFile as readFile2 } from "node:fs/promises";

// packages/core/src/steps/validate-data/hygiene.ts
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
  leakage: { enabled: true, severity: "error", maxScore: 0.95, bins: 10 }
};
var alwaysCategorical = 20;
var maxLabelClasses = 20;
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
  }).optional()
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
    leakage: merge(d.leakage, r.leakage, { maxScore: r.leakage?.max_score, bins: r.leakage?.bins })
  };
});
async function checkHygiene(train, test, options) {
  const { label, config } = options;
  if (label !== void 0) {
    for (const set of [train, test]) {
      if (!set.columns.some((column) => column.name === label)) {
        throw new InputError(
          `${set.file}: no label column ${JSON.stringify(label)} (columns: ${set.columns.slice(0, 10).map((column) => column.name).join(", ")}${set.columns.length > 10 ? ", \u2026" : ""})`
        );
      }
    }
  }
  const testColumns = new Map(test.columns.map((column) => [column.name, column]));
  const trainNames = new Set(train.columns.map((column) => column.name));
  const shared = [];
  for (const column of train.columns) {
    const other = testColumns.get(column.name);
    if (!other) continue;
    const sameType = column.type === other.type;
    const id = quoteIdentifier(column.name);
    shared.push({
      name: column.name,
      train: column,
      test: other,
      sql: sameType ? id : `CAST(${id} AS VARCHAR)`,
      sameType
    });
  }
  const onlyInTrain = train.columns.filter((column) => !testColumns.has(column.name)).map((c) => c.name);
  const onlyInTest = test.columns.filter((column) => !trainNames.has(column.name)).map((c) => c.name);
  const features = shared.filter((column) => column.name !== label);
  const labelColumn = shared.find((column) => column.name === label);
  const checks = [];
  const location = (key) => {
    if (options.schemaFile === void 0) return void 0;
    const line = options.lines?.[key] ?? options.lines?.section;
    return { file: options.schemaFile, ...line === void 0 ? {} : { line } };
  };
  const add = (key, settings, name, column, ok, message, expected, observed) => {
    const status = ok ? "passed" : settings.severity === "error" ? "failed" : "warned";
    const where = location(key);
    checks.push({
      name,
      ...column === void 0 ? {} : { column },
      status,
      severity: settings.severity,
      message,
      ...expected === void 0 ? {} : { expected },
      ...observed === void 0 ? {} : { observed },
      ...where ? { location: where } : {}
    });
    return status;
  };
  const trainDuplicates = await duplicateRows(train, config.duplicates);
  const testDuplicates = await duplicateRows(test, config.duplicates);
  const summary = {
    train: { file: train.file, rows: trainDuplicates.rows, columns: train.columns.length },
    test: { file: test.file, rows: testDuplicates.rows, columns: test.columns.length },
    ...label === void 0 ? {} : { label },
    columns: { onlyInTrain, onlyInTest }
  };
  if (config.columns.enabled) {
    const ok = onlyInTrain.length === 0 && onlyInTest.length === 0;
    const parts = [
      onlyInTrain.length > 0 ? `only in ${train.file}: ${listed(onlyInTrain)}` : "",
      onlyInTest.length > 0 ? `only in ${test.file}: ${listed(onlyInTest)}` : ""
    ].filter(Boolean);
    summary.columns.status = add(
      "columns",
      config.columns,
      "columns(train, test)",
      void 0,
      ok,
      ok ? `both sets have the same ${plural(shared.length, "column")}` : `${parts.join("; ")} (the other checks compare the ${plural(shared.length, "shared column")})`,
      "same columns",
      ok ? void 0 : { onlyInTrain, onlyInTest }
    );
  }
  if (config.duplicates.enabled) {
    for (const [set, found] of [
      ["train", trainDuplicates],
      ["test", testDuplicates]
    ]) {
      const file = set === "train" ? train.file : test.file;
      found.status = add(
        "duplicates",
        config.duplicates,
        `duplicates(${set})`,
        void 0,
        found.fraction <= found.maxFraction,
        found.duplicates === 0 ? `no row of ${file} repeats another (${plural(found.rows, "row")})` : `${found.duplicates} of ${plural(found.rows, "row")} of ${file} (${percent2(found.fraction)}) repeat an earlier row; at most ${percent2(found.maxFraction)} allowed; e.g. ${found.examples.map((e) => `${shownRow(e.row)} (${e.count} times)`).join(", ")}`,
        found.maxFraction,
        rounded(found.fraction)
      );
    }
    summary.duplicates = { train: trainDuplicates, test: testDuplicates };
  }
  const needsPairs = config.overlap.enabled || label !== void 0 && config.conflictingLabels.enabled;
  const pairs = needsPairs ? await sharedRows(train, test, features, labelColumn) : void 0;
  const testRows = summary.test.rows;
  if (config.overlap.enabled && pairs) {
    const comparedBy = label === void 0 ? "rows" : "features";
    const what = label === void 0 ? `all ${plural(features.length, "shared column")}` : `the ${plural(features.length, "feature column")}, label excluded`;
    const fraction2 = testRows === 0 ? 0 : pairs.overlapRows / testRows;
    const overlap = {
      status: "passed",
      comparedBy,
      columns: features.length,
      rows: pairs.overlapRows,
      fraction: fraction2,
      maxFraction: config.overlap.maxFraction,
      examples: pairs.overlapExamples
    };
    if (features.length === 0) overlap.skipped = "no feature columns to compare";
    overlap.status = add(
      "overlap",
      config.overlap,
      "overlap(train, test)",
      void 0,
      fraction2 <= overlap.maxFraction,
      overlap.skipped ? `not checked: ${overlap.skipped}` : pairs.overlapRows === 0 ? `no test row appears in the training set (compared by ${what})` : `${pairs.overlapRows} of ${plural(testRows, "test row")} (${percent2(fraction2)}) also appear in the training set (compared by ${what}); at most ${percent2(overlap.maxFraction)} allowed; e.g. ${overlap.examples.map((e) => shownRow(e.row)).join(", ")}`,
      overlap.maxFraction,
      { rows: pairs.overlapRows, fraction: rounded(fraction2) }
    );
    summary.overlap = overlap;
  }
  if (label !== void 0 && labelColumn && config.conflictingLabels.enabled && pairs) {
    const settings = config.conflictingLabels;
    const withinTrain = await trainConflicts(train, features, labelColumn, settings.maxFraction);
    const across = {
      status: "passed",
      groups: pairs.conflictGroups,
      rows: pairs.conflictRows,
      fraction: pairs.labelledRows === 0 ? 0 : pairs.conflictRows / pairs.labelledRows,
      maxFraction: settings.maxFraction,
      examples: pairs.conflictExamples
    };
    for (const [name, found, where, total] of [
      ["conflicting_labels(train)", withinTrain, "of the training set", withinTrain.labelled],
      ["conflicting_labels(train, test)", across, "across both sets", pairs.labelledRows]
    ]) {
      if (features.length === 0) found.skipped = "no feature columns to compare";
      found.status = add(
        "conflicting_labels",
        settings,
        name,
        void 0,
        found.fraction <= found.maxFraction,
        found.skipped ? `not checked: ${found.skipped}` : found.groups === 0 ? `no identical features with different labels ${where}` : `${plural(found.groups, "group")} of identical features ${where} with different labels (${found.rows} of ${plural(total, "labelled row")}, ${percent2(found.fraction)}); at most ${percent2(found.maxFraction)} allowed; e.g. ${found.examples.map((e) => `${shownRow(e.row)}: ${showLabels(e)}`).join("; ")}`,
        found.maxFraction,
        { groups: found.groups, rows: found.rows, fraction: rounded(found.fraction) }
      );
    }
    const { labelled: _labelled, ...trainSummary } = withinTrain;
    summary.conflictingLabels = { train: trainSummary, trainTest: across };
  }
  const needsProfile = config.unseenCategories.enabled || label !== void 0 && config.leakage.enabled;
  const profile = needsProfile ? await trainProfile(train, shared, labelColumn, config.leakage.bins) : void 0;
  if (config.unseenCategories.enabled && profile) {
    const settings = config.unseenCategories;
    const unseen = await unseenCategories(train, test, shared, profile, settings, testRows);
    for (const found of unseen) {
      found.status = add(
        "unseen_categories",
        settings,
        "unseen_categories",
        found.column,
        found.fraction <= found.maxFraction,
        found.skipped ? `not checked: ${found.skipped}` : found.rows === 0 ? `every test value occurs in the training set (${plural(found.trainDistinct, "category", "categories")})` : `${found.rows} of ${plural(testRows, "test row")} (${percent2(found.fraction)}) have a value never seen in the training set (${plural(found.values, "new value")}); at most ${percent2(found.maxFraction)} allowed; e.g. ${found.examples.map((e) => `${show(e.value)} (${e.count})`).join(", ")}`,
        found.maxFraction,
        found.skipped ? void 0 : { rows: found.rows, fraction: rounded(found.fraction), values: found.values }
      );
    }
    summary.unseenCategories = unseen;
  }
  if (label !== void 0 && labelColumn && config.leakage.enabled && profile) {
    const settings = config.leakage;
    const scores = await leakageScores(train, test, features, labelColumn, profile, settings);
    summary.labelBinned = profile.labelEdges !== void 0;
    for (const found of scores) {
      const ok = found.skipped !== void 0 || found.score < found.maxScore;
      found.status = add(
        "leakage",
        settings,
        "leakage",
        found.column,
        ok,
        found.skipped ? `not checked: ${found.skipped}` : `${ok ? "" : "predicts the label almost alone: "}score ${found.score.toFixed(3)} (accuracy ${found.accuracy.toFixed(3)} on the test set vs ${found.baseline.toFixed(3)} by the majority label); ${ok ? "below" : "at least"} ${found.maxScore}`,
        found.maxScore,
        found.skipped ? void 0 : rounded(found.score)
      );
    }
    summary.leakage = [...scores].sort(
      (a, b) => b.score - a.score || (a.column < b.column ? -1 : a.column > b.column ? 1 : 0)
    );
  }
  return { checks, summary };
}
function rowStruct(columns) {
  return `{${columns.map((column) => `${quoteText(column.name)}: ${column.sql}`).join(", ")}}`;
}
async function duplicateRows(table2, { enabled, maxFraction }) {
  if (!enabled) {
    const [row2] = await table2.query(`SELECT count(*) AS n FROM ${table2.relation}`);
    const rows2 = count(row2?.n);
    return { status: "passed", rows: rows2, duplicates: 0, fraction: 0, maxFraction, examples: [] };
  }
  const columns = table2.columns.map((column) => ({ name: column.name, sql: quoteIdentifier(column.name) }));
  const [row] = await table2.query(
    `SELECT coalesce(sum(n), 0) AS mlci_rows, coalesce(sum(n - 1), 0) AS mlci_surplus,
       min_by({row: r, n: n}, {a: -n, b: r}, ${exampleCount}) FILTER (WHERE n > 1) AS mlci_examples
     FROM (SELECT ${rowStruct(columns)} AS r, count(*) AS n FROM ${table2.relation} GROUP BY ALL)`
  );
  const rows = count(row?.mlci_rows);
  const duplicates2 = count(row?.mlci_surplus);
  const examples = (row?.mlci_examples ?? []).map((e) => ({
    row: jsonRow(e.row),
    count: count(e.n)
  }));
  return {
    status: "passed",
    rows,
    duplicates: duplicates2,
    fraction: rows === 0 ? 0 : duplicates2 / rows,
    maxFraction,
    examples
  };
}
async function sharedRows(train, test, features, label) {
  const labelSql = label ? label.sql : "NULL";
  const select2 = (set, side) => `SELECT ${rowStruct(features)} AS r, ${labelSql} AS l, ${side} AS s FROM ${set.relation}`;
  if (features.length === 0) {
    const [labelled] = label ? await train.query(
      `SELECT (SELECT count(${label.sql}) FROM ${train.relation}) + (SELECT count(${label.sql}) FROM ${test.relation}) AS n`
    ) : [];
    return {
      overlapRows: 0,
      overlapExamples: [],
      labelledRows: count(labelled?.n),
      conflictGroups: 0,
      conflictRows: 0,
      conflictExamples: []
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
       FROM (${select2(train, 0)} UNION ALL ${select2(test, 1)})
       GROUP BY r)`
  );
  return {
    overlapRows: count(row?.overlap_rows),
    overlapExamples: (row?.overlap_examples ?? []).map((e) => ({
      row: jsonRow(e.row),
      train: count(e.train),
      test: count(e.test)
    })),
    labelledRows: count(row?.labelled),
    conflictGroups: count(row?.conflict_groups),
    conflictRows: count(row?.conflict_rows),
    conflictExamples: (row?.conflict_examples ?? []).map((e) => ({
      row: jsonRow(e.row),
      rows: count(e.n),
      labels: distinctValues(e.train),
      testLabels: distinctValues(e.test)
    }))
  };
}
async function trainConflicts(train, features, label, maxFraction) {
  const labelSql = quoteIdentifier(label.name);
  if (features.length === 0) {
    const [row2] = await train.query(`SELECT count(${labelSql}) AS n FROM ${train.relation}`);
    return {
      status: "passed",
      groups: 0,
      rows: 0,
      fraction: 0,
      maxFraction,
      examples: [],
      labelled: count(row2?.n)
    };
  }
  const columns = features.map((column) => ({ name: column.name, sql: quoteIdentifier(column.name) }));
  const [row] = await train.query(
    `SELECT coalesce(sum(labelled), 0) AS labelled, count(*) FILTER (WHERE lo <> hi) AS groups,
       coalesce(sum(labelled) FILTER (WHERE lo <> hi), 0) AS conflict_rows,
       min_by({row: r, n: labelled, labels: [lo, hi]}, {a: -labelled, b: r}, ${exampleCount}) FILTER (WHERE lo <> hi) AS examples
     FROM (SELECT ${rowStruct(columns)} AS r, count(${labelSql}) AS labelled, min(${labelSql}) AS lo, max(${labelSql}) AS hi
           FROM ${train.relation} GROUP BY r)`
  );
  const labelled = count(row?.labelled);
  const rows = count(row?.conflict_rows);
  return {
    status: "passed",
    groups: count(row?.groups),
    rows,
    fraction: labelled === 0 ? 0 : rows / labelled,
    maxFraction,
    examples: (row?.examples ?? []).map((e) => ({
      row: jsonRow(e.row),
      rows: count(e.n),
      labels: distinctValues(e.labels)
    })),
    labelled
  };
}
function binnable(column) {
  const category = categoryOf(column.train.type);
  return column.sameType && (category === "integer" || category === "number" || category === "date" || category === "datetime");
}
function numericSql(column) {
  const id = quoteIdentifier(column.name);
  const category = categoryOf(column.train.type);
  return category === "date" || category === "datetime" ? `epoch(${id})` : `CAST(${id} AS DOUBLE)`;
}
function isText(column) {
  return categoryOf(column.train.type) === "string";
}
async function trainProfile(train, shared, label, bins) {
  const quantiles = `[${Array.from({ length: bins - 1 }, (_, index) => ((index + 1) / bins).toString()).join(", ")}]`;
  const aggregates = new Aggregates("h");
  const text = /* @__PURE__ */ new Map();
  const edges = /* @__PURE__ */ new Map();
  for (const column of shared) {
    const id = quoteIdentifier(column.name);
    if (isText(column)) {
      text.set(column.name, {
        distinct: aggregates.add(`count(DISTINCT ${id})`),
        nonNull: aggregates.add(`count(${id})`)
      });
    }
    if (binnable(column))
      edges.set(column.name, aggregates.add(`quantile_disc(${numericSql(column)}, ${quantiles})`));
  }
  let labelDistinct;
  if (label && binnable(label) && ["integer", "number"].includes(categoryOf(label.train.type))) {
    labelDistinct = aggregates.add(`count(DISTINCT ${quoteIdentifier(label.name)})`);
  }
  const row = await aggregates.run(train);
  const edgesOf = (alias) => [...new Set((row[alias ?? ""] ?? []).map(Number))].filter((edge) => Number.isFinite(edge)).sort((a, b) => a - b);
  return {
    text: new Map(
      [...text].map(([name, aliases]) => [
        name,
        { distinct: count(row[aliases.distinct]), nonNull: count(row[aliases.nonNull]) }
      ])
    ),
    edges: new Map([...edges].map(([name, alias]) => [name, edgesOf(alias)])),
    ...label && labelDistinct !== void 0 && count(row[labelDistinct]) > maxLabelClasses ? { labelEdges: edgesOf(edges.get(label.name)) } : {}
  };
}
async function unseenCategories(train, test, shared, profile, settings, testRows) {
  const results = [];
  const checked = [];
  for (const column of shared) {
    const stats = profile.text.get(column.name);
    if (!stats) continue;
    const found = {
      status: "passed",
      column: column.name,
      rows: 0,
      values: 0,
      fraction: 0,
      maxFraction: settings.maxFraction,
      trainDistinct: stats.distinct,
      examples: []
    };
    if (stats.distinct > settings.maxDistinct) {
      found.skipped = `${stats.distinct} distinct training values, more than ${settings.maxDistinct} (an id or free text?)`;
    } else if (stats.distinct > alwaysCategorical && stats.distinct > settings.maxDistinctFraction * stats.nonNull) {
      found.skipped = `${stats.distinct} distinct values in ${stats.nonNull} training values, more than ${percent2(settings.maxDistinctFraction)} (an id or free text?)`;
    } else {
      checked.push(found);
    }
    results.push(found);
  }
  if (checked.length === 0) return results;
  const unnest = (set, cast) => `SELECT unnest([${checked.map((_, index) => index).join(", ")}]) AS c, unnest([${checked.map((found) => {
    const id = quoteIdentifier(found.column);
    return cast ? `CAST(${id} AS VARCHAR)` : id;
  }).join(", ")}]) AS v FROM ${set.relation}`;
  const testTyped = new Map(shared.map((column) => [column.name, column.test.type]));
  const castTest = checked.some((found) => categoryOf(testTyped.get(found.column) ?? "") !== "string");
  const rows = await train.query(
    `SELECT c, sum(n) AS rows, count(*) AS values, min_by({v: v, n: n}, {a: -n, b: v}, ${exampleCount}) AS examples
     FROM (
       SELECT t.c, t.v, count(*) AS n
       FROM (${unnest(test, castTest)}) t
       ANTI JOIN (SELECT DISTINCT c, v FROM (${unnest(train, false)}) WHERE v IS NOT NULL) s ON t.c = s.c AND t.v = s.v
       WHERE t.v IS NOT NULL
       GROUP BY t.c, t.v)
     GROUP BY c`
  );
  for (const row of rows) {
    const found = checked[count(row.c)];
    if (!found) continue;
    found.rows = count(row.rows);
    found.values = count(row.values);
    found.fraction = testRows === 0 ? 0 : found.rows / testRows;
    found.examples = (row.examples ?? []).map((e) => ({
      value: plain(e.v),
      count: count(e.n)
    }));
  }
  return results;
}
function binSql(value, edges) {
  if (edges.length === 0) return `CASE WHEN ${value} IS NULL THEN NULL ELSE '0' END`;
  const cases = edges.map((edge, index) => `WHEN ${value} <= ${doubleLiteral(edge)} THEN '${index}'`);
  return `CASE WHEN ${value} IS NULL THEN NULL ${cases.join(" ")} ELSE '${edges.length}' END`;
}
function doubleLiteral(value) {
  return `CAST('${String(value)}' AS DOUBLE)`;
}
async function leakageScores(train, test, features, label, profile, settings) {
  const results = features.map((column) => ({
    status: "passed",
    column: column.name,
    kind: profile.edges.has(column.name) ? "binned" : "categorical",
    score: 0,
    accuracy: 0,
    baseline: 0,
    maxScore: settings.maxScore
  }));
  if (features.length === 0) return results;
  const keys = features.map((column) => {
    const edges = profile.edges.get(column.name);
    return edges ? binSql(numericSql(column), edges) : `CAST(${quoteIdentifier(column.name)} AS VARCHAR)`;
  });
  const labelId = quoteIdentifier(label.name);
  const labelKey = profile.labelEdges ? binSql(`CAST(${labelId} AS DOUBLE)`, profile.labelEdges) : `CAST(${labelId} AS VARCHAR)`;
  const unnest = (set) => `SELECT unnest([${features.map((_, index) => index).join(", ")}]) AS f, unnest([${keys.join(", ")}]) AS k, ${labelKey} AS l
     FROM ${set.relation} WHERE ${labelId} IS NOT NULL`;
  const rows = await train.query(
    `WITH counts AS (SELECT f, k, l, count(*) AS n FROM (${unnest(train)}) GROUP BY ALL),
       predicted AS (SELECT f, k, min_by(l, {a: -n, b: l}) AS p FROM counts GROUP BY f, k),
       majority AS (SELECT min_by(l, {a: -n, b: l}) AS m FROM (SELECT l, sum(n) AS n FROM counts WHERE f = 0 GROUP BY l))
     SELECT t.f, count(*) AS rows,
       count(*) FILTER (WHERE coalesce(p.p, (SELECT m FROM majority)) = t.l) AS hits,
       count(*) FILTER (WHERE (SELECT m FROM majority) = t.l) AS baseline_hits
     FROM (${unnest(test)}) t LEFT JOIN predicted p ON p.f = t.f AND p.k IS NOT DISTINCT FROM t.k
     GROUP BY t.f`
  );
  const byFeature = new Map(rows.map((row) => [count(row.f), row]));
  results.forEach((found, index) => {
    const row = byFeature.get(index);
    const evaluated = count(row?.rows);
    if (evaluated === 0) {
      found.skipped = "the test set has no labelled rows";
      return;
    }
    found.accuracy = count(row?.hits) / evaluated;
    found.baseline = count(row?.baseline_hits) / evaluated;
    found.score = found.baseline >= 1 ? 0 : Math.max(0, (found.accuracy - found.baseline) / (1 - found.baseline));
  });
  return results;
}
function jsonRow(value) {
  if (typeof value !== "object" || value === null) return {};
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item)]));
}
function distinctValues(value) {
  if (!Array.isArray(value)) return [];
  const seen = /* @__PURE__ */ new Set();
  const values = [];
  for (const item of value.map(plain)) {
    if (item === null || item === void 0) continue;
    const key = JSON.stringify(item);
    if (seen.has(key)) continue;
    seen.add(key);
    values.push(item);
  }
  return values;
}
function showLabels(example) {
  const list = (values) => values.map(show).join(" and ");
  if (example.testLabels === void 0) return `labels ${list(example.labels)}`;
  const train = example.labels.length > 0 ? `train ${list(example.labels)}` : "";
  const test = example.testLabels.length > 0 ? `test ${list(example.testLabels)}` : "";
  return [train, test].filter(Boolean).join(", ");
}
var maxRowText = 160;
function shownRow(row) {
  const text = show(row);
  return text.length > maxRowText ? `${text.slice(0, maxRowText - 1)}\u2026` : text;
}
function code(text) {
  return text.includes("`") ? `\`\` ${text} \`\`` : `\`${text}\``;
}
function percent2(fraction2) {
  return `${Number((fraction2 * 100).toPrecision(3))}%`;
}
function rounded(value) {
  return Number(value.toPrecision(6));
}
function plural(n, word, many = `${word}s`) {
  return `${n} ${n === 1 ? word : many}`;
}
function listed(names) {
  return `${names.slice(0, 10).map(show).join(", ")}${names.length > 10 ? `, \u2026 (${names.length})` : ""}`;
}
var statusIcons = { passed: "\u2705", failed: "\u274C", warned: "\u26A0\uFE0F" };
var maxListed = 10;
function renderHygiene(summary) {
  const { train, test, label } = summary;
  const lines = [
    "### Train/test hygiene",
    "",
    `**Train:** ${code(train.file)} (${plural(train.rows, "row")}) \xB7 **Test:** ${code(test.file)} (${plural(test.rows, "row")})${label === void 0 ? "" : ` \xB7 **Label:** ${code(label)}${summary.labelBinned ? " (binned: numeric with many values)" : ""}`}`,
    ""
  ];
  const rows = [];
  const details = [];
  const icon = (status, skipped) => skipped ? "\u2796" : status ? statusIcons[status] : "";
  const flagged = (status) => status === "failed" || status === "warned";
  if (summary.columns.status) {
    const { onlyInTrain, onlyInTest } = summary.columns;
    const same = onlyInTrain.length === 0 && onlyInTest.length === 0;
    rows.push([
      icon(summary.columns.status),
      "same columns",
      same ? "yes" : [
        onlyInTrain.length > 0 ? `only in train: ${listed(onlyInTrain)}` : "",
        onlyInTest.length > 0 ? `only in test: ${listed(onlyInTest)}` : ""
      ].filter(Boolean).join("; "),
      ""
    ]);
  }
  if (summary.duplicates) {
    for (const [set, found] of Object.entries(summary.duplicates)) {
      rows.push([
        icon(found.status),
        `duplicate rows (${set})`,
        `${found.duplicates} of ${found.rows} (${percent2(found.fraction)})`,
        `\u2264 ${percent2(found.maxFraction)}`
      ]);
      if (flagged(found.status) && found.examples.length > 0) {
        details.push(
          `**Duplicate rows (${set}):**`,
          "",
          ...found.examples.map((e) => `- ${code(shownRow(e.row))} \xD7 ${e.count}`),
          ""
        );
      }
    }
  }
  if (summary.overlap) {
    const found = summary.overlap;
    rows.push([
      icon(found.status, found.skipped),
      `test rows also in train (by ${found.comparedBy === "features" ? "features" : "whole rows"})`,
      found.skipped ?? `${found.rows} of ${test.rows} (${percent2(found.fraction)})`,
      `\u2264 ${percent2(found.maxFraction)}`
    ]);
    if (flagged(found.status) && found.examples.length > 0) {
      details.push(
        "**Test rows also in train:**",
        "",
        ...found.examples.map((e) => `- ${code(shownRow(e.row))} (train \xD7 ${e.train}, test \xD7 ${e.test})`),
        ""
      );
    }
  }
  if (summary.conflictingLabels) {
    for (const [what, found] of [
      ["train", summary.conflictingLabels.train],
      ["train + test", summary.conflictingLabels.trainTest]
    ]) {
      rows.push([
        icon(found.status, found.skipped),
        `conflicting labels (${what})`,
        found.skipped ?? `${plural(found.groups, "group")}, ${plural(found.rows, "row")} (${percent2(found.fraction)})`,
        `\u2264 ${percent2(found.maxFraction)}`
      ]);
      if (flagged(found.status) && found.examples.length > 0) {
        details.push(
          `**Conflicting labels (${what}):**`,
          "",
          ...found.examples.map((e) => `- ${code(shownRow(e.row))}: ${showLabels(e)}`),
          ""
        );
      }
    }
  }
  if (summary.unseenCategories) {
    const checked = summary.unseenCategories.filter((found) => !found.skipped);
    const withNew = checked.filter((found) => found.rows > 0).sort((a, b) => b.rows - a.rows);
    const skipped = summary.unseenCategories.length - checked.length;
    const worst = withNew.some((found) => found.status === "failed") ? "failed" : withNew.some((found) => found.status === "warned") ? "warned" : "passed";
    rows.push([
      icon(worst),
      "categories unseen in train",
      `${withNew.length} of ${plural(checked.length, "text column")} with new values${skipped > 0 ? ` (${skipped} skipped: too many distinct values)` : ""}`,
      `\u2264 ${percent2(summary.unseenCategories[0]?.maxFraction ?? 0)} of test rows`
    ]);
    if (withNew.length > 0) {
      details.push(
        "**Categories unseen in train:**",
        "",
        table(
          ["Column", "Test rows", "New values", "Examples"],
          withNew.slice(0, maxListed).map((found) => [
            found.column,
            `${found.rows} (${percent2(found.fraction)})`,
            String(found.values),
            found.examples.map((e) => `${show(e.value)} \xD7 ${e.count}`).join(", ")
          ])
        ),
        ...withNew.length > maxListed ? ["", `\u2026 and ${withNew.length - maxListed} more columns`] : [],
        ""
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
        leaking.some((found) => found.status === "failed") ? "failed" : leaking.length > 0 ? "warned" : "passed",
        evaluated.length === 0 ? summary.leakage[0]?.skipped : void 0
      ),
      "single-feature leakage",
      evaluated.length === 0 ? summary.leakage[0]?.skipped ?? "no features" : leaking.length > 0 ? leaking.map((found) => `${code(found.column)} (${found.score.toFixed(2)})`).join(", ") : `highest: ${code(top?.column ?? "")} (${top?.score.toFixed(2)})`,
      `score < ${maxScore}`
    ]);
    if (evaluated.length > 0) {
      details.push(
        "<details><summary>Predictive power of single features (leakage)</summary>",
        "",
        table(
          ["Feature", "Score", "Accuracy", "Baseline", "Values"],
          evaluated.slice(0, maxListed).map((found) => [
            `${found.status === "passed" ? "" : `${statusIcons[found.status]} `}${found.column}`,
            found.score.toFixed(3),
            found.accuracy.toFixed(3),
            found.baseline.toFixed(3),
            found.kind
          ])
        ),
        "",
        "Score = (accuracy \u2212 baseline) / (1 \u2212 baseline), on the test set, predicting the label by the majority label of each value (or quantile bin) in train.",
        "",
        "</details>",
        ""
      );
    }
  }
  lines.push(table(["", "Check", "Result", "Threshold"], rows), "");
  if (details.length > 0) lines.push(...details);
  return `${lines.join("\n").trimEnd()}
`;
}

// packages/core/src/steps/validate-data/input.ts
var dataFormats = ["csv", "tsv", "jsonl", "parquet"];
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
    "Reference to compare the data with for drift: a data file, or a profile from write-profile."
  ),
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
  out: string().min(1).default(".mlci").describe("Directory the report files are written to.")
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

// packages/core/src/steps/validate-data/schema.ts
var columnTypes = ["integer", "number", "string", "boolean", "date", "datetime"];
var columnsModes = ["exact", "ordered", "subset"];
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
    const bound2 = column[key]?.value;
    if (bound2 === void 0) continue;
    if (type === "string" || type === "boolean") {
      context.addIssue({
        code: "custom",
        path: [key],
        message: `does not apply to ${article(type)} column`
      });
    } else if (type !== void 0) {
      const reason = misfit(bound2, type);
      if (reason)
        context.addIssue({ code: "custom", path: [key], message: `${reason} for ${article(type)} column` });
    } else if (typeof bound2 === "string") {
      context.addIssue({
        code: "custom",
        path: [key],
        message: "a date bound needs type: date or datetime"
      });
    }
  }
  const min4 = column.min?.value;
  const max3 = column.max?.value;
  if (min4 !== void 0 && max3 !== void 0 && typeof min4 === typeof max3 && min4 > max3) {
    context.addIssue({ code: "custom", path: ["min"], message: `is greater than max (${String(max3)})` });
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
  let text;
  try {
    text = await readFile2(path, "utf8");
  } catch (error) {
    const code2 = error.code;
    if (code2 === "ENOENT") throw new InputError(`${file}: no such file`);
    throw new InputError(`${file}: cannot read schema file (${code2 ?? error})`);
  }
  return parseSchema(text, file);
}
function parseSchema(text, file) {
  const lineCounter = new import_yaml2.LineCounter();
  const document = (0, import_yaml2.parseDocument)(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    intAsBigInt: true
  });
  const [syntaxError] = document.errors;
  if (syntaxError) {
    const line = lineCounter.linePos(syntaxError.pos[0]).line;
    throw new InputError(`${file}:${line}: invalid YAML: ${syntaxError.message.split("\n")[0]}`);
  }
  const lineOf = (node) => {
    const range = node?.range;
    return range ? lineCounter.linePos(range[0]).line : void 0;
  };
  const value = smallIntegersAsNumbers(document.toJS());
  if (!isPlainObject(value)) throw new InputError(`${file}: expected a map with version and columns`);
  const parsed = schemaFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map((key) => typeof key === "number" ? key : String(key));
    if (issue.code === "unrecognized_keys") path.push(String(issue.keys[0]));
    let node = document.contents;
    let parent;
    const shown = [];
    for (const key of path) {
      if (key === "value" && !((0, import_yaml2.isMap)(node) && node.has("value"))) continue;
      const next = getIn(node, [key]);
      if (next === void 0) {
        shown.push(...path.slice(path.indexOf(key)).filter((rest) => rest !== "value"));
        break;
      }
      parent = node;
      node = next;
      shown.push(key);
    }
    if (issue.code === "unrecognized_keys") node = keyNode(parent, String(path[path.length - 1])) ?? node;
    const line = lineOf(node);
    const message = issue.code === "unrecognized_keys" ? "unknown key" : /received undefined$/.test(issue.message) ? "is required" : issue.message;
    throw new InputError(`${file}${line ? `:${line}` : ""}: ${shown.join(".") || "(top level)"}: ${message}`);
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
  for (const pair of (0, import_yaml2.isMap)(columnsNode) ? columnsNode.items : []) {
    const name = (0, import_yaml2.isScalar)(pair.key) ? String(pair.key.value) : String(pair.key);
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
  const table2 = data.table;
  const tableLine = lineOf(keyNode(document.contents, "table"));
  const hygieneNode = document.get("hygiene", true);
  const hygieneLines = { section: lineOf(keyNode(document.contents, "hygiene")) };
  for (const key of hygieneKeys) hygieneLines[key] = lineOf(keyNode(hygieneNode, key));
  return {
    ...data.hygiene === void 0 ? {} : { hygiene: { config: data.hygiene, lines: hygieneLines } },
    file,
    ...data.description === void 0 ? {} : { description: data.description },
    columns,
    table: {
      columns: tableRule(table2?.columns, ["columns"]) ?? {
        value: "subset",
        severity: tableSeverity,
        ...tableLine === void 0 ? {} : { line: tableLine }
      },
      unique: (table2?.unique ?? []).map((key, index) => ({
        value: key.value,
        severity: key.severity ?? tableSeverity,
        line: lineOf(getIn(tableNode, ["unique", index]))
      })),
      rowsMin: tableRule(table2?.rows?.min, ["rows", "min"]),
      rowsMax: tableRule(table2?.rows?.max, ["rows", "max"])
    }
  };
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
  if (!(0, import_yaml2.isMap)(map) || key === void 0) return void 0;
  const pair = map.items.find(
    (item) => ((0, import_yaml2.isScalar)(item.key) ? String(item.key.value) : String(item.key)) === String(key)
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
    return { column, type, value: lift(id), text, lift };
  }
  const value = conversion(text, declared);
  return { column, type: declared, value, text, invalid: `(${id} IS NOT NULL AND (${value}) IS NULL)` };
}
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
var Aggregates = class {
  /** `prefix` keeps aliases of two queries apart when their results are merged. */
  constructor(prefix = "a") {
    this.prefix = prefix;
  }
  prefix;
  expressions = [];
  add(sql) {
    const alias = `${this.prefix}${this.expressions.length}`;
    this.expressions.push(`${sql} AS ${alias}`);
    return alias;
  }
  async run(table2) {
    if (this.expressions.length === 0) return {};
    const [row] = await table2.query(`SELECT ${this.expressions.join(",\n  ")} FROM ${table2.relation}`);
    return row ?? {};
  }
};
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
function plural2(n, word, many = `${word}s`) {
  return `${n} ${n === 1 ? word : many}`;
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
async function checkData(table2, schema) {
  await checkPatterns(table2, schema);
  const present = new Map(table2.columns.map((column) => [column.name, column]));
  const aggregates = new Aggregates();
  const rowsAlias = aggregates.add("count(*)");
  const planned = /* @__PURE__ */ new Map();
  for (const spec of schema.columns) {
    const column = present.get(spec.name);
    if (!column) continue;
    const values = columnValues(column, spec.type?.value);
    const examples = [];
    const violations2 = [];
    planned.set(spec.name, {
      spec,
      values,
      aliases: planAggregates(aggregates, spec, values, examples, violations2),
      examples,
      violations: violations2
    });
  }
  const unique = schema.columns.some((spec) => spec.unique?.value && planned.has(spec.name));
  const row = unique ? await withBoundedMemory(table2, () => aggregates.run(table2)) : await aggregates.run(table2);
  const followUp = new Aggregates("e");
  for (const plan2 of planned.values()) {
    for (const [breachKey, countKey, sql] of plan2.violations) {
      if (row[plan2.aliases[breachKey] ?? ""] === true) plan2.aliases[countKey] = followUp.add(sql);
    }
    for (const [countKey, examplesKey, sql] of plan2.examples) {
      if (count(row[plan2.aliases[countKey] ?? ""]) > 0) plan2.aliases[examplesKey] = followUp.add(sql);
    }
  }
  Object.assign(row, await followUp.run(table2));
  const statistics = {
    rows: count(row[rowsAlias]),
    get: (alias) => alias ? row[alias] : void 0
  };
  const checks = [];
  for (const spec of schema.columns) {
    const plan2 = planned.get(spec.name);
    checks.push(...await columnChecks(table2, schema, spec, plan2, statistics));
  }
  checks.push(...await tableChecks(table2, schema, statistics.rows));
  return { checks, rows: statistics.rows };
}
var distinctMemoryPerThreadMB = { text: 96, parquet: 64 };
async function withBoundedMemory(table2, work) {
  const [setting] = await table2.evaluate(
    `SELECT current_setting('memory_limit') AS m, current_setting('threads') AS threads`
  );
  const restore = `SET memory_limit = ${quoteText(String(setting?.m))}`;
  const perThread = distinctMemoryPerThreadMB[table2.format === "parquet" ? "parquet" : "text"];
  const limit = perThread * Math.max(1, count(setting?.threads));
  await table2.evaluate(`SET memory_limit = '${limit}MB'`);
  try {
    return await work();
  } catch (error) {
    if (!/^Out of Memory Error/.test(String(error?.message))) throw error;
    await table2.evaluate(restore);
    return await work();
  } finally {
    await table2.evaluate(restore);
  }
}
async function checkPatterns(table2, schema) {
  for (const spec of schema.columns) {
    if (!spec.regex) continue;
    try {
      await table2.evaluate(`SELECT regexp_full_match('', ${quoteText(spec.regex.value)})`);
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
function planAggregates(aggregates, spec, values, examples, violations2) {
  const sample = (sql, where) => `min(${sql}, ${exampleCount}) FILTER (WHERE ${where})`;
  const id = quoteIdentifier(values.column.name);
  const aliases = {};
  aliases.nonNull = aggregates.add(`count(${id})`);
  if (spec.type && values.invalid) {
    aliases.invalid = aggregates.add(`count_if(${values.invalid})`);
    examples.push(["invalid", "invalidExamples", sample(values.text, values.invalid)]);
  }
  const bounded = boundable(values.type);
  for (const key of ["min", "max"]) {
    const bound2 = spec[key];
    if (!bound2 || !bounded) continue;
    const sql = literal2(bound2.value, values.type);
    if (sql === void 0) continue;
    const extreme = extremeSql(values, key);
    const beyond = key === "min" ? "<" : ">";
    aliases[key] = aggregates.add(observedBoundSql(values, extreme));
    aliases[`${key}Breached`] = aggregates.add(`(${extreme} ${beyond} ${sql})`);
    violations2.push([`${key}Breached`, `${key}Violations`, `count_if(${values.value} ${beyond} ${sql})`]);
  }
  if (spec.allowed) {
    const allowed = spec.allowed.value.map((value) => literal2(value, values.type)).filter((sql) => sql !== void 0);
    const outside = allowed.length > 0 ? `${values.value} NOT IN (${allowed.join(", ")})` : `${values.value} IS NOT NULL`;
    aliases.notAllowed = aggregates.add(`count_if(${outside})`);
    examples.push(["notAllowed", "notAllowedExamples", sample(`CAST(${values.value} AS VARCHAR)`, outside)]);
  }
  if (spec.regex) {
    const mismatch = `NOT regexp_full_match(${values.text}, ${quoteText(spec.regex.value)})`;
    aliases.mismatched = aggregates.add(`count_if(${mismatch})`);
    examples.push(["mismatched", "mismatchedExamples", sample(values.text, mismatch)]);
  }
  if (spec.unique?.value) {
    aliases.typed = values.invalid ? aggregates.add(`count(${values.value})`) : aliases.nonNull;
    aliases.distinct = aggregates.add(`count(DISTINCT ${values.value})`);
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
async function columnChecks(table2, schema, spec, plan2, statistics) {
  const name = spec.name;
  if (!plan2) {
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
  const { values, aliases } = plan2;
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
          `all ${plural2(nonNull, "value")} read as ${declared}`,
          declared,
          values.column.type
        ) : check(
          schema,
          "type",
          name,
          spec.type,
          false,
          `${invalid} of ${plural2(nonNull, "value")} ${invalid === 1 ? "is" : "are"} not ${declared}, e.g. ${showList(examples)}`,
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
        nulls === 0 ? "no nulls" : `${nulls} of ${plural2(rows, "value")} ${nulls === 1 ? "is" : "are"} null`,
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
        `${nulls} of ${plural2(rows, "value")} ${nulls === 1 ? "is" : "are"} null (${percent3(fraction2)}; at most ${percent3(limit)} allowed)`,
        limit,
        Number(fraction2.toPrecision(6))
      )
    );
  }
  for (const key of ["min", "max"]) {
    const bound2 = spec[key];
    if (!bound2) continue;
    const expected = bigintSafe(bound2.value);
    if (!boundable(values.type)) {
      checks.push(
        check(
          schema,
          key,
          name,
          bound2,
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
          bound2,
          false,
          `${key} ${show(bound2.value)} cannot be compared with a ${values.type} column`,
          expected
        )
      );
      continue;
    }
    const observed = observedBound(get(key), values.type);
    const violations2 = count(get(`${key}Violations`));
    const word = key === "min" ? "smallest" : "largest";
    const message = observed === void 0 ? "no values to compare" : violations2 === 0 ? `${word} value ${show(observed)} is within ${key} ${show(bound2.value)}` : `${plural2(violations2, "value")} ${key === "min" ? "below the minimum" : "above the maximum"} ${show(bound2.value)} (${word} ${show(observed)})`;
    checks.push(check(schema, key, name, bound2, violations2 === 0, message, expected, observed));
  }
  if (spec.allowed) {
    const outside = count(get("notAllowed"));
    const examples = examplesOf(get("notAllowedExamples"));
    checks.push(
      check(
        schema,
        "allowed",
        name,
        spec.allowed,
        outside === 0,
        outside === 0 ? "all values are allowed" : `${plural2(outside, "value")} not in the allowed list, e.g. ${showList(examples)}`,
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
        mismatched === 0 ? "all values match" : `${plural2(mismatched, "value")} ${mismatched === 1 ? "does" : "do"} not match, e.g. ${showList(examples)}`,
        spec.regex.value,
        mismatched === 0 ? void 0 : examples
      )
    );
  }
  if (spec.unique?.value) {
    const duplicates2 = count(get("typed")) - count(get("distinct"));
    if (duplicates2 === 0) {
      checks.push(check(schema, "unique", name, spec.unique, true, "all values are distinct", true));
    } else {
      const shown = ["integer", "number", "boolean", "string"].includes(values.type) ? values.value : `CAST(${values.value} AS VARCHAR)`;
      const examples = await duplicateExamples(table2, [values.value], `[${shown}]`);
      checks.push(
        check(
          schema,
          "unique",
          name,
          spec.unique,
          false,
          `${plural2(duplicates2, "row repeats", "rows repeat")} a value, e.g. ${examples.map((e) => `${show(e.key[0])} (${e.count} times)`).join(", ")}`,
          true,
          examples.map((e) => ({ value: e.key[0], count: e.count }))
        )
      );
    }
  }
  return checks;
}
async function duplicateExamples(table2, keySql, key) {
  return (await duplicates(table2, keySql, key)).examples;
}
async function duplicates(table2, keySql, key = `[${keySql.map((sql) => `CAST(${sql} AS VARCHAR)`).join(", ")}]`) {
  const notNull = keySql.map((sql) => `${sql} IS NOT NULL`).join(" AND ");
  const [row] = await table2.query(
    `SELECT count(*) AS keys, coalesce(sum(n - 1), 0) AS surplus, max_by(struct_pack(k := k, n := n), n, ${exampleCount}) AS examples
     FROM (SELECT ${key} AS k, count(*) AS n FROM ${table2.relation} WHERE ${notNull} GROUP BY ALL HAVING count(*) > 1)`
  );
  const examples = row?.examples ?? [];
  return {
    keys: count(row?.keys),
    surplus: count(row?.surplus),
    examples: examples.map((example) => ({ key: example.k.map(plain), count: count(example.n) }))
  };
}
function percent3(fraction2) {
  return `${Number((fraction2 * 100).toPrecision(3))}%`;
}
async function tableChecks(table2, schema, rows) {
  const checks = [];
  const spec = schema.table;
  const mode = spec.columns.value;
  if (mode !== "subset") {
    const declared = new Set(schema.columns.map((column) => column.name));
    const extra = table2.columns.map((column) => column.name).filter((name) => !declared.has(name));
    let message = extra.length === 0 ? "no columns beyond the schema" : `${plural2(extra.length, "column")} not in the schema: ${showList(extra.slice(0, 10))}${extra.length > 10 ? ", \u2026" : ""}`;
    let ok = extra.length === 0;
    const observed = { extra };
    if (mode === "ordered") {
      const inData = table2.columns.map((column) => column.name).filter((name) => declared.has(name));
      const inSchema = schema.columns.map((column) => column.name).filter((name) => inData.includes(name));
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
        `${plural2(rows, "row")}${ok ? "" : `, fewer than ${spec.rowsMin.value}`}`,
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
        `${plural2(rows, "row")}${ok ? "" : `, more than ${spec.rowsMax.value}`}`,
        spec.rowsMax.value,
        rows
      )
    );
  }
  const present = new Set(table2.columns.map((column) => column.name));
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
          `key ${plural2(missing.length, "column")} missing from the data: ${showList(missing)}`,
          key.value
        )
      );
      continue;
    }
    const found = await duplicates(table2, key.value.map(quoteIdentifier));
    checks.push(
      found.surplus === 0 ? check(schema, name, void 0, key, true, "no two rows share a key", key.value) : check(
        schema,
        name,
        void 0,
        key,
        false,
        `${plural2(found.keys, "key")} repeated (${plural2(found.surplus, "extra row")}), e.g. ${found.examples.map((e) => `${show(e.key)} (${e.count} times)`).join(", ")}`,
        key.value,
        found.examples
      )
    );
  }
  return checks;
}

// packages/core/src/stats/chisquare.ts
var { abs, min } = Math;
var SUM_RTOL = 1e-8;
function chiSquareTest(observed, expected) {
  const k = observed.length;
  if (k === 0) throw new RangeError("chiSquareTest: no categories");
  if (expected.length !== k) {
    throw new RangeError(`chiSquareTest: ${k} observed but ${expected.length} expected frequencies`);
  }
  let observedSum = 0;
  let expectedSum = 0;
  for (let i = 0; i < k; i++) {
    observedSum += observed[i];
    expectedSum += expected[i];
  }
  const relativeDiff = abs(observedSum - expectedSum) / min(observedSum, expectedSum);
  if (relativeDiff > SUM_RTOL) {
    throw new RangeError(
      `chiSquareTest: observed frequencies sum to ${observedSum} but expected ones to ${expectedSum}`
    );
  }
  let statistic = 0;
  for (let i = 0; i < k; i++) {
    const diff = observed[i] - expected[i];
    statistic += diff * diff / expected[i];
  }
  const degreesOfFreedom = k - 1;
  return { statistic, pValue: chiSquareSurvival(statistic, degreesOfFreedom), degreesOfFreedom };
}
function checkCounts(counts, name) {
  let total = 0;
  for (const [category, count2] of counts) {
    if (!(count2 >= 0 && Number.isFinite(count2))) {
      throw new RangeError(`chiSquareDrift: ${name} count of category "${category}" is ${count2}`);
    }
    total += count2;
  }
  if (total === 0) throw new RangeError(`chiSquareDrift: the ${name} counts are all zero`);
  return total;
}
function chiSquareDrift(reference, current) {
  const referenceTotal = checkCounts(reference, "reference");
  const currentTotal = checkCounts(current, "current");
  const categories = /* @__PURE__ */ new Set();
  for (const [category, count2] of reference) if (count2 > 0) categories.add(category);
  for (const [category, count2] of current) if (count2 > 0) categories.add(category);
  const keys = [...categories].sort();
  const kNorm = currentTotal / referenceTotal;
  const expected = keys.map((key) => (reference.get(key) ?? 0) * kNorm);
  const observed = keys.map((key) => current.get(key) ?? 0);
  if (keys.length === 1) return { statistic: 0, pValue: 1, degreesOfFreedom: 0 };
  return chiSquareTest(observed, expected);
}

// packages/core/src/stats/distance.ts
var { abs: abs2, log, sqrt } = Math;
var isNaNNumber = Number.isNaN;
function prepareSample(values, weights, name) {
  const n = values.length;
  if (n === 0) throw new RangeError(`wassersteinDistance: ${name} is empty`);
  for (let i = 0; i < n; i++) {
    if (isNaNNumber(values[i])) throw new RangeError(`wassersteinDistance: ${name} value ${i} is NaN`);
  }
  if (weights === void 0)
    return { values: sortFloat64InPlace(Float64Array.from(values)), cumulative: void 0 };
  if (weights.length !== n) {
    throw new RangeError(`wassersteinDistance: ${name} has ${n} values but ${weights.length} weights`);
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (weights[i] < 0) throw new RangeError(`wassersteinDistance: ${name} weight ${i} is negative`);
    total += weights[i];
  }
  if (!(total > 0 && total < Number.POSITIVE_INFINITY)) {
    throw new RangeError(`wassersteinDistance: ${name} weights must have a positive, finite sum`);
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((p, q) => values[p] - values[q]);
  const sorted = new Float64Array(n);
  const cumulative = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    sorted[i] = values[order[i]];
    cumulative[i + 1] = cumulative[i] + weights[order[i]];
  }
  return { values: sorted, cumulative };
}
function cdfAt(sample, count2) {
  if (sample.cumulative === void 0) return count2 / sample.values.length;
  return sample.cumulative[count2] / sample.cumulative[sample.values.length];
}
function wassersteinDistance(u, v, uWeights, vWeights) {
  const us = prepareSample(u, uWeights, "u");
  const vs = prepareSample(v, vWeights, "v");
  const uv = us.values;
  const vv = vs.values;
  const nu = uv.length;
  const nv = vv.length;
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < nu || j < nv) {
    const x = j >= nv || i < nu && uv[i] <= vv[j] ? uv[i] : vv[j];
    const i0 = i;
    const j0 = j;
    while (i < nu && uv[i] <= x) i++;
    while (j < nv && vv[j] <= x) j++;
    if (i - i0 + (j - j0) > 1 && !Number.isFinite(x)) return Number.NaN;
    if (i === nu && j === nv) break;
    const next = j >= nv || i < nu && uv[i] <= vv[j] ? uv[i] : vv[j];
    total += abs2(cdfAt(us, i) - cdfAt(vs, j)) * (next - x);
  }
  return total;
}
function relEntr(x, y) {
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (x > 0 && y > 0) return x * log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Number.POSITIVE_INFINITY;
}
function sumOf(values) {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
function jensenShannonDistance(p, q, base) {
  if (p.length !== q.length) {
    throw new RangeError(`jensenShannonDistance: p has ${p.length} entries but q has ${q.length}`);
  }
  const pSum = sumOf(p);
  const qSum = sumOf(q);
  let left = 0;
  let right = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] / pSum;
    const qi = q[i] / qSum;
    const mi = (pi + qi) / 2;
    left += relEntr(pi, mi);
    right += relEntr(qi, mi);
  }
  let js = left + right;
  if (base !== void 0) js /= log(base);
  return sqrt(js / 2);
}
function fillEmptyBins(proportions2, name) {
  let minNonZero = Number.POSITIVE_INFINITY;
  for (const p of proportions2) if (p !== 0 && p < minNonZero) minNonZero = p;
  if (minNonZero === Number.POSITIVE_INFINITY) {
    throw new RangeError(`populationStabilityIndex: the ${name} bins are all empty`);
  }
  const fill = minNonZero <= 1e-4 ? minNonZero / 10 ** 6 : 1e-4;
  return proportions2.map((p) => p === 0 ? fill : p);
}
function toProportions(counts, name) {
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (!(c >= 0 && Number.isFinite(c)))
      throw new RangeError(`populationStabilityIndex: ${name} bin ${i} is ${c}`);
  }
  const total = sumOf(counts);
  return counts.map((c) => c / total);
}
function populationStabilityIndex(expected, actual) {
  if (expected.length !== actual.length) {
    throw new RangeError(
      `populationStabilityIndex: ${expected.length} expected bins but ${actual.length} actual ones`
    );
  }
  if (expected.length === 0) throw new RangeError("populationStabilityIndex: no bins");
  const e = fillEmptyBins(toProportions(expected, "expected"), "expected");
  const a = fillEmptyBins(toProportions(actual, "actual"), "actual");
  let psi = 0;
  for (let i = 0; i < e.length; i++) psi += (e[i] - a[i]) * log(e[i] / a[i]);
  return psi;
}

// packages/core/src/stats/kolmogorov.ts
var { abs: abs3, ceil, exp, expm1, floor, log: log2, log1p, max, min: min2, sqrt: sqrt2 } = Math;
var isFiniteNumber = Number.isFinite;
var DBL_EPSILON = 2220446049250313e-31;
function ldexp(value, exponent) {
  let v = value;
  let e = exponent;
  while (e > 1e3) {
    v *= 2 ** 1e3;
    e -= 1e3;
  }
  while (e < -1e3) {
    v *= 2 ** -1e3;
    e += 1e3;
  }
  return v * 2 ** e;
}
function clip01(p) {
  return p < 0 ? 0 : min2(p, 1);
}
function split(a) {
  const c = 134217729 * a;
  const hi = c - (c - a);
  return [hi, a - hi];
}
function modNX(n, x) {
  const p = n * x;
  const [nh, nl] = split(n);
  const [xh, xl] = split(x);
  const err = nh * xh - p + nh * xl + nl * xh + nl * xl;
  let nxfl = floor(p);
  let alpha = p - nxfl + err;
  if (alpha < 0) {
    nxfl -= 1;
    alpha += 1;
  } else if (alpha >= 1) {
    nxfl += 1;
    alpha -= 1;
  }
  if (alpha === 1) {
    nxfl += 1;
    alpha = 0;
  }
  return { nxfl, alpha };
}
var CompensatedSum = class {
  sum = 0;
  compensation = 0;
  add(value) {
    const t = this.sum + value;
    if (abs3(this.sum) >= abs3(value)) this.compensation += this.sum - t + value;
    else this.compensation += value - t + this.sum;
    this.sum = t;
  }
  get value() {
    return this.sum + this.compensation;
  }
};
var SMIRNOV_MAX_COMPUTE_N = 1e6;
var SM_UPPER_MAX_TERMS = 3;
var SM_UPPERSUM_MIN_N = 10;
function smirnovSurvival(n, x) {
  if (Number.isNaN(x)) return Number.NaN;
  if (!(n > 0 && x >= 0 && x <= 1) || !Number.isInteger(n)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const { nxfl, alpha } = modNX(n, x);
  let n1mxfl = n - nxfl - (alpha === 0 ? 0 : 1);
  let n1mxceil = n - nxfl;
  if (alpha === 0) {
    n1mxfl -= 1;
    n1mxceil += 1;
  }
  if (nxfl === 0 || nxfl === 1 && alpha === 0) {
    const t = exp((n - 1) * log1p(x));
    return 1 - x * t;
  }
  if (-2 * n * x * x < MINLOG) return 0;
  if (nxfl >= n - 1) return exp(n * log1p(-x));
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    const logp = -((6 * n * x + 1) ** 2) / 18 / n;
    if (logp < -Math.LN2) return exp(logp);
    const cdf = -expm1(logp);
    return 1 - cdf;
  }
  const nUpperTerms = n - n1mxceil + 1;
  const useUpperSum = nUpperTerms <= 1 && x < 0.5 || n >= SM_UPPERSUM_MIN_N && nUpperTerms <= SM_UPPER_MAX_TERMS && x <= 0.5 / sqrt2(n);
  let start = 0;
  let step = 1;
  let nTerms = n1mxfl + 1;
  const vmid = floor(n / 2);
  const sum = new CompensatedSum();
  let first;
  if (useUpperSum) {
    start = n;
    step = -1;
    nTerms = n - n1mxceil + 1;
    first = exp((n - 1) * log1p(x));
  } else {
    first = exp(n * log1p(-x)) / x;
  }
  sum.add(first);
  const logC = new CompensatedSum();
  logC.add(log2(n));
  for (let j = 1; j < nTerms; j++) {
    const v = start + j * step;
    const t1x = (nxfl + v + alpha) / n;
    const t2x = (n - nxfl - v - alpha) / n;
    let aj;
    if (t2x === 0) {
      aj = n - v === 0 ? exp(logC.value + (v - 1) * log2(t1x)) : 0;
    } else {
      const sign = t2x < 0 && (n - v) % 2 === 1 ? -1 : 1;
      aj = sign * exp(logC.value + (v - 1) * log2(t1x) + (n - v) * log2(abs3(t2x)));
    }
    if (isFiniteNumber(aj) && aj !== 0) sum.add(aj);
    if (aj !== 0) {
      if (4 * (nTerms - j) * abs3(aj) < DBL_EPSILON * sum.value && j !== nTerms - 1) break;
    } else if (j > vmid) {
      break;
    }
    logC.add(log2((n - j) / (j + 1)));
  }
  const prob = x * sum.value;
  const sf = step < 0 ? 1 - prob : prob;
  return clip01(sf);
}
var MIN_EXPABLE = -708 - 38;
var E128 = 128;
var EP128 = 2 ** 128;
var EM128 = 2 ** -128;
var SQRT2PI = sqrt2(2 * Math.PI);
var LOG_2PI = log2(2 * Math.PI);
var MIN_LOG = -708;
var SQRT3 = sqrt2(3);
var PI_SQUARED = Math.PI ** 2;
var PI_FOUR = Math.PI ** 4;
var PI_SIX = Math.PI ** 6;
var STIRLING_COEFFS = [
  -0.029550653594771242,
  0.00641025641025641,
  -0.0019175269175269176,
  8417508417508417e-19,
  -5952380952380953e-19,
  7936507936507937e-19,
  -0.002777777777777778,
  0.08333333333333333
];
function logNFactorialDivNPowN(n) {
  const rn = 1 / n;
  const y = rn / n;
  let poly = 0;
  for (const c of STIRLING_COEFFS) poly = poly * y + c;
  return log2(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}
function select(cdfprob, sfprob, cdf) {
  return clip01(cdf ? cdfprob : sfprob);
}
function matmul(a, b, m) {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    const rowOut = i * m;
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k];
      if (aik === 0) continue;
      const rowB = k * m;
      for (let j = 0; j < m; j++) out[rowOut + j] += aik * b[rowB + j];
    }
  }
  return out;
}
function kolmognDMTW(n, d) {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    v[j - 1] = 1 - h ** j;
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] *= fac;
  }
  const tt = max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * fac;
  let H = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - (i - 1)];
  }
  for (let r = 0; r < m; r++) H[r * m] = v[r];
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c];
  let Hpwr = new Float64Array(m * m);
  for (let i = 0; i < m; i++) Hpwr[i * m + i] = 1;
  let nn = n;
  let expnt = 0;
  let Hexpnt = 0;
  const kk = (k - 1) * m + (k - 1);
  while (nn > 0) {
    if (nn % 2) {
      Hpwr = matmul(Hpwr, H, m);
      expnt += Hexpnt;
    }
    H = matmul(H, H, m);
    Hexpnt *= 2;
    if (abs3(H[kk]) > EP128) {
      for (let i = 0; i < H.length; i++) H[i] /= EP128;
      Hexpnt += E128;
    }
    nn = floor(nn / 2);
  }
  let p = Hpwr[kk];
  for (let i = 1; i <= n; i++) {
    p = i * p / n;
    if (abs3(p) < EM128) {
      p *= EP128;
      expnt -= E128;
    }
  }
  if (expnt !== 0) p = ldexp(p, expnt);
  return clip01(p);
}
function pomeranzJ1J2(i, n, ll, ceilf, roundf) {
  let j1;
  let j2;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const ip1div2 = floor((i + 1) / 2);
    const ip1mod2 = (i + 1) % 2;
    if (ip1mod2 === 0) {
      if (ip1div2 === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = ip1div2 - 1 - ll - roundf - 1;
        j2 = ip1div2 + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = ip1div2 - 1 - ll - 1;
      j2 = ip1div2 + ll + roundf - 1;
    }
  }
  return [max(j1 + 2, 0), min2(j2, n)];
}
function pySlice(arr, start, stop) {
  const len = arr.length;
  const s = start < 0 ? max(len + start, 0) : min2(start, len);
  const e = stop < 0 ? max(len + stop, 0) : min2(stop, len);
  return arr.subarray(s, max(s, e));
}
function convolve(a, b) {
  const out = new Float64Array(a.length + b.length - 1);
  for (let i = 0; i < a.length; i++) {
    const ai = a[i];
    for (let j = 0; j < b.length; j++) out[i + j] += ai * b[j];
  }
  return out;
}
function kolmognPomeranz(n, x) {
  const t = n * x;
  const ll = floor(t);
  const f = t - ll;
  const g = min2(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = 1;
  twogpower[0] = 1;
  onem2gpower[0] = 1;
  let expnt = 0;
  const gOverN = g / n;
  const twoGOverN = 2 * g / n;
  const oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = gpower[m - 1] * gOverN / m;
    twogpower[m] = twogpower[m - 1] * twoGOverN / m;
    onem2gpower[m] = onem2gpower[m - 1] * oneMinusTwoGOverN / m;
  }
  let V0 = new Float64Array(npwrs);
  let V1 = new Float64Array(npwrs);
  V1[0] = 1;
  let V0s = 0;
  let V1s = 0;
  let [j1, j2] = pomeranzJ1J2(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [V0, V1] = [V1, V0];
    [V0s, V1s] = [V1s, V0s];
    V1.fill(0);
    [j1, j2] = pomeranzJ1J2(i, n, ll, ceilf, roundf);
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      const conv = convolve(pySlice(V0, k1 - V0s, k1 - V0s + ln2), pySlice(pwrs, 0, ln2));
      const convStart = j1 - k1;
      const convLen = j2 - j1 + 1;
      V1.set(pySlice(conv, convStart, convStart + convLen));
      let largest = Number.NEGATIVE_INFINITY;
      for (let q = 0; q < V1.length; q++) if (V1[q] > largest) largest = V1[q];
      if (largest > 0 && largest < EM128) {
        for (let q = 0; q < V1.length; q++) V1[q] *= EP128;
        expnt -= E128;
      }
      V1s = V0s + j1 - k1;
    }
  }
  const idx = n - V1s;
  let ans = V1[idx < 0 ? V1.length + idx : idx];
  for (let m = 1; m <= n; m++) {
    if (abs3(ans) > EP128) {
      ans *= EM128;
      expnt += E128;
    }
    ans *= m;
  }
  if (expnt !== 0) ans = ldexp(ans, expnt);
  return clip01(ans);
}
function kolmognPelzGood(n, x, cdf) {
  if (x <= 0) return select(0, 1, cdf);
  if (x >= 1) return select(1, 0, cdf);
  const z = sqrt2(n) * x;
  const zsquared = z ** 2;
  const zthree = z ** 3;
  const zfour = z ** 4;
  const zsix = z ** 6;
  const qlog = -PI_SQUARED / 8 / zsquared;
  if (qlog < MIN_LOG) return select(0, 1, cdf);
  let q = exp(qlog);
  const k1a = -zsquared;
  const k1b = PI_SQUARED / 4;
  const k2a = 6 * zsix + 2 * zfour;
  const k2b = (2 * zfour - 5 * zsquared) * PI_SQUARED / 4;
  const k2c = PI_FOUR * (1 - 2 * zsquared) / 16;
  const k3d = PI_SIX * (5 - 30 * zsquared) / 64;
  const k3c = PI_FOUR * (-60 * zsquared + 212 * zfour) / 16;
  const k3b = PI_SQUARED * (135 * zfour - 96 * zsix) / 4;
  const k3a = -30 * zsix - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = ceil(16 * z / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const msquared = m ** 2;
    const mfour = m ** 4;
    const msix = m ** 6;
    const qpower = q ** (8 * k);
    const coeffs = [
      1,
      k1a + k1b * msquared,
      k2a + k2b * msquared + k2c * mfour,
      k3a + k3b * msquared + k3c * mfour + k3d * msix
    ];
    for (let i = 0; i < 4; i++) K[i] = K[i] * qpower + coeffs[i];
  }
  const divisors = [z, 6 * zfour, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = K[i] * q * SQRT2PI / divisors[i];
  q = exp(-PI_SQUARED / 2 / zsquared);
  const sqrt3z = SQRT3 * z;
  let k2sum = 0;
  let k3sum = 0;
  for (let k = maxk; k > 0; k--) {
    const ksquared = k ** 2;
    const kspi = Math.PI * k;
    const qpwer = q ** ksquared;
    k2sum += ksquared * qpwer;
    k3sum += (sqrt3z + kspi) * (sqrt3z - kspi) * ksquared * qpwer;
  }
  K[2] = K[2] + k2sum * (PI_SQUARED * SQRT2PI / (-36 * zthree));
  K[3] = K[3] + k3sum * (PI_SQUARED * SQRT2PI / (216 * zsix));
  for (let i = 0; i < 4; i++) K[i] = K[i] / n ** (i / 2);
  if (!cdf) {
    for (let i = 0; i < 4; i++) K[i] = -K[i];
    K[0] = K[0] + 1;
  }
  return K[0] + K[1] + K[2] + K[3];
}
function kolmogn(n, x, cdf) {
  if (x >= 1) return select(1, 0, cdf);
  if (x <= 0) return select(0, 1, cdf);
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return select(0, 1, cdf);
    let prob;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1);
    } else {
      prob = exp(logNFactorialDivNPowN(n) + n * log2(2 * t - 1));
    }
    return select(prob, 1 - prob, cdf);
  }
  if (t >= n - 1) {
    const prob = 2 * (1 - x) ** n;
    return select(1 - prob, prob, cdf);
  }
  if (x >= 0.5) {
    const prob = 2 * smirnovSurvival(n, x);
    return select(1 - prob, prob, cdf);
  }
  const nxsquared = t * x;
  if (n <= 140) {
    if (nxsquared <= 0.754693) {
      const prob2 = kolmognDMTW(n, x);
      return select(prob2, 1 - prob2, cdf);
    }
    if (nxsquared <= 4) {
      const prob2 = kolmognPomeranz(n, x);
      return select(prob2, 1 - prob2, cdf);
    }
    const prob = 2 * smirnovSurvival(n, x);
    return select(1 - prob, prob, cdf);
  }
  if (!cdf) {
    if (nxsquared >= 370) return 0;
    if (nxsquared >= 2.2) return clip01(2 * smirnovSurvival(n, x));
  }
  let cdfprob;
  if (nxsquared >= 18) cdfprob = 1;
  else if (n <= 1e5 && n * x ** 1.5 <= 1.4) cdfprob = kolmognDMTW(n, x);
  else cdfprob = kolmognPelzGood(n, x, true);
  return select(cdfprob, 1 - cdfprob, cdf);
}
function kolmogorovTwoSidedSurvival(n, x) {
  if (!(n >= 1 && Number.isInteger(n)) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0.5 / n) return 1;
  if (x >= 1) return 0;
  return kolmogn(n, x, false);
}

// packages/core/src/stats/ks.ts
var { abs: abs4, ceil: ceil2, floor: floor2, max: max2, min: min3, round } = Math;
var isNaNNumber2 = Number.isNaN;
var MAX_AUTO_N = 1e4;
function sortedSample(values, name) {
  const out = Float64Array.from(values);
  if (out.length === 0) throw new RangeError(`${name}: the sample is empty`);
  for (let i = 0; i < out.length; i++) {
    if (isNaNNumber2(out[i])) throw new RangeError(`${name}: value ${i} is NaN`);
  }
  return sortFloat64InPlace(out);
}
function gcd(a, b) {
  let x = a;
  let y = b;
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}
function roundHalfEven(x) {
  const r = round(x);
  if (abs4(x % 1) === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}
function probOutsideSquare(n, h) {
  let P = 0;
  let k = floor2(n / h);
  while (k >= 0) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = (n - k * h - j) * p1 / (n + k * h + j + 1);
    P = p1 * (1 - P);
    k -= 1;
  }
  return 2 * P;
}
function outerProbInside(m0, n0, g, h) {
  const m = max2(m0, n0);
  const n = min3(m0, n0);
  const mg = floor2(m / g);
  const ng = floor2(n / g);
  let minj = 0;
  let maxj = min3(ceil2(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = min3(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = max2(floor2((ng * i - h) / mg) + 1, 0);
    minj = min3(minj, n);
    maxj = min3(ceil2((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    const shift = minj - lastminj;
    const width = maxj - minj;
    for (let jj = 0; jj < width; jj++) {
      const j = jj + minj;
      val = (A[jj + shift] * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = width;
    if (lastlen > curlen) A.fill(1, width, width + (lastlen - curlen));
  }
  return A[maxj - minj - 1];
}
function attemptExact(n1, n2, g, dIn) {
  const lcm = floor2(n1 / g) * n2;
  const h = roundHalfEven(dIn * lcm);
  const d = h / lcm;
  if (h === 0) return { success: true, d, prob: 1 };
  const prob = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
  if (!(prob >= 0 && prob <= 1)) return { success: false, d, prob };
  return { success: true, d, prob };
}
function ksTwoSample(a, b) {
  const x = sortedSample(a, "ksTwoSample a");
  const y = sortedSample(b, "ksTwoSample b");
  const n1 = x.length;
  const n2 = y.length;
  let maxS = Number.NEGATIVE_INFINITY;
  let minDiff = Number.POSITIVE_INFINITY;
  let i = 0;
  let j = 0;
  while (i < n1 || j < n2) {
    const v = j >= n2 || i < n1 && x[i] <= y[j] ? x[i] : y[j];
    while (i < n1 && x[i] <= v) i++;
    while (j < n2 && y[j] <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxS) maxS = diff;
    if (diff < minDiff) minDiff = diff;
  }
  const minS = min3(max2(-minDiff, 0), 1);
  let d = max2(minS, maxS);
  const g = gcd(n1, n2);
  let method = max2(n1, n2) <= MAX_AUTO_N ? "exact" : "asymptotic";
  let prob = Number.NEGATIVE_INFINITY;
  if (method === "exact") {
    const exact = attemptExact(n1, n2, g, d);
    d = exact.d;
    prob = exact.prob;
    if (!exact.success) method = "asymptotic";
  }
  if (method === "asymptotic") {
    const m = max2(n1, n2);
    const n = min3(n1, n2);
    const en = m * n / (m + n);
    prob = kolmogorovTwoSidedSurvival(roundHalfEven(en), d);
  }
  prob = min3(max2(prob, 0), 1);
  return { statistic: d, pValue: prob, method };
}

// packages/core/src/steps/validate-data/profile.ts
import { readFile as readFile3 } from "node:fs/promises";
var profileBins = 100;
var rawValueRows = 1e3;
var maxProfileCategories = 1e4;
function kindOf2(duckdbType) {
  const category = categoryOf(duckdbType);
  if (category === "integer" || category === "number") return "numeric";
  if (category === "string" || category === "boolean") return "categorical";
  return "other";
}
function doubleOf(name) {
  return `CAST(${quoteIdentifier(name)} AS DOUBLE)`;
}
function doubleLiteral2(value) {
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
function binnedHistogram(value, edges) {
  const k = edges.length - 1;
  const last = edges[k];
  const boundaries = [-nextUp(last), ...[...new Set(edges)].reverse().map((edge) => -edge)];
  const slotOf = /* @__PURE__ */ new Map();
  edges.forEach((edge, j) => {
    slotOf.set(-edge, j === k ? k : j + 1);
  });
  slotOf.set(-nextUp(last), k + 1);
  const sql = `histogram(-${value}, [${boundaries.map(doubleLiteral2).join(", ")}])`;
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
  const positions = Array.from(
    { length: profileBins + 1 },
    (_, i) => `greatest(1, (len(${sorted}) * ${i} + ${profileBins - 1}) // ${profileBins})`
  );
  return `list_select(${sorted}, [${positions.join(", ")}])`;
}
function withFinite(relation, names) {
  if (names.length === 0) return relation;
  const finite2 = names.map((name, i) => {
    const x = doubleOf(name);
    return `CASE WHEN isfinite(${x}) THEN ${x} END AS ${finiteName(i)}`;
  });
  return `(SELECT *, ${finite2.join(", ")} FROM ${relation})`;
}
function finiteName(index) {
  return `"mlci finite ${index}"`;
}
function stable(value) {
  if (typeof value !== "number" || !Number.isFinite(value)) return void 0;
  const rounded2 = Number(value.toPrecision(12));
  return rounded2 === 0 ? 0 : rounded2;
}
function finite(value) {
  return typeof value === "number" && Number.isFinite(value) ? value === 0 ? 0 : value : void 0;
}
function distinctEdges(quantiles) {
  const edges = [];
  for (const q of quantiles) if (edges.length === 0 || q > edges[edges.length - 1]) edges.push(q);
  return edges;
}
var countedCategoriesLimit = 2 * maxProfileCategories;
async function profileTable(table2, options) {
  const columns = table2.columns.filter((column) => !options.columns || options.columns.has(column.name));
  const select2 = ['count(*) AS "rows"'];
  const replaced = [];
  const alias = (sql) => {
    select2.push(`${sql} AS c${select2.length}`);
    return `c${select2.length - 1}`;
  };
  const numeric = columns.filter((column) => kindOf2(column.type) === "numeric").map((column) => column.name);
  const plans = columns.map((column) => {
    const id = quoteIdentifier(column.name);
    const kind = kindOf2(column.type);
    const countsOnly = options.countsOnly?.has(column.name) ?? false;
    const aliases = { nonNull: alias(`count(${id})`) };
    let edges = countsOnly ? void 0 : options.edges?.get(column.name);
    let slots;
    if (kind === "numeric") {
      const x = finiteName(numeric.indexOf(column.name));
      aliases.finite = alias(`count(${x})`);
      if (!countsOnly) {
        aliases.min = alias(`min(${x})`);
        aliases.max = alias(`max(${x})`);
        aliases.mean = alias(`avg(${x})`);
        aliases.std = alias(`stddev_pop(${x})`);
      }
      if (edges && edges.length >= 2) {
        const binned = binnedHistogram(x, edges);
        aliases.histogram = alias(binned.sql);
        slots = binned.slots;
      } else {
        edges = void 0;
        if (!countsOnly) {
          aliases.quantiles = alias(`list_sort(list(${x}) FILTER (WHERE ${x} IS NOT NULL))`);
          replaced.push(`${percentileEdgesSql(aliases.quantiles)} AS ${aliases.quantiles}`);
        }
      }
    } else if (kind === "categorical") {
      if (options.categories?.has(column.name) && !countsOnly) {
        aliases.frequencies = alias(`histogram(CAST(${id} AS VARCHAR))`);
      } else if (!countsOnly) {
        aliases.distinct = alias(`approx_count_distinct(${id})`);
      }
    } else {
      aliases.min = alias(`CAST(min(${id}) AS VARCHAR)`);
      aliases.max = alias(`CAST(max(${id}) AS VARCHAR)`);
    }
    return { column, kind, countsOnly, aliases, edges, slots };
  });
  const source = withFinite(table2.relation, numeric);
  const aggregates = `SELECT ${select2.join(", ")} FROM ${source}`;
  const [row = {}] = await table2.query(
    replaced.length === 0 ? aggregates : `SELECT * REPLACE (${replaced.join(", ")}) FROM (${aggregates})`
  );
  const rows = count(row.rows);
  const second = [];
  const later = (sql) => {
    second.push(`${sql} AS h${second.length}`);
    return `h${second.length - 1}`;
  };
  const ownBins = /* @__PURE__ */ new Map();
  const frequencyAliases = /* @__PURE__ */ new Map();
  for (const plan2 of plans) {
    if (plan2.kind === "numeric" && plan2.aliases.quantiles) {
      const quantiles = (row[plan2.aliases.quantiles] ?? []).map(Number);
      const edges = distinctEdges(quantiles.filter(Number.isFinite));
      if (edges.length === 0) continue;
      const bins = edges.length === 1 ? [edges[0], edges[0]] : edges;
      const binned = binnedHistogram(finiteName(numeric.indexOf(plan2.column.name)), bins);
      ownBins.set(plan2.column.name, { edges: bins, alias: later(binned.sql), slots: binned.slots });
    } else if (plan2.kind === "categorical" && !plan2.countsOnly) {
      if (plan2.aliases.frequencies) {
        frequencyAliases.set(plan2.column.name, { row: "first", alias: plan2.aliases.frequencies });
      } else if (count(row[plan2.aliases.distinct ?? ""]) <= countedCategoriesLimit) {
        frequencyAliases.set(plan2.column.name, {
          row: "second",
          alias: later(`histogram(CAST(${quoteIdentifier(plan2.column.name)} AS VARCHAR))`)
        });
      }
    }
  }
  const [secondRow = {}] = second.length > 0 ? await table2.query(`SELECT ${second.join(", ")} FROM ${source}`) : [];
  const keepValues = (options.values ?? true) && rows <= rawValueRows;
  const numericNames = plans.filter((plan2) => plan2.kind === "numeric" && !plan2.countsOnly).map((plan2) => plan2.column.name);
  const values = keepValues ? await numericValues(table2, numericNames) : /* @__PURE__ */ new Map();
  const profiles = plans.map(({ column, kind, aliases, edges, slots }) => {
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
      const source2 = frequencyAliases.get(column.name);
      const found = source2 ? topCategories((source2.row === "first" ? row : secondRow)[source2.alias]) : (
        // Not counted (too many distinct values, or not asked for): the estimate, every value under `other`.
        { categories: [], distinct: count(row[aliases.distinct ?? ""]) }
      );
      const listed2 = found.categories.reduce((sum, [, n]) => sum + n, 0);
      return {
        ...base,
        kind,
        count: nonNull,
        nulls: rows - nonNull,
        distinct: found.distinct,
        categories: found.categories,
        other: nonNull - listed2
      };
    }
    const min4 = row[aliases.min ?? ""];
    const max3 = row[aliases.max ?? ""];
    return {
      ...base,
      kind,
      count: nonNull,
      nulls: rows - nonNull,
      ...optional("min", typeof min4 === "string" ? min4 : void 0),
      ...optional("max", typeof max3 === "string" ? max3 : void 0)
    };
  });
  return {
    mlci: "profile",
    version: 1,
    data: { file: options.file, format: table2.format, digest: options.digest, rows },
    columns: profiles
  };
}
function optional(key, value) {
  return value === void 0 ? {} : { [key]: value };
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
async function numericValues(table2, names) {
  const result = /* @__PURE__ */ new Map();
  if (names.length === 0) return result;
  const [row = {}] = await table2.query(
    `SELECT ${names.map((name, i) => {
      const x = doubleOf(name);
      return `coalesce(list(${x} ORDER BY ${x}) FILTER (WHERE isfinite(${x})), []) AS v${i}`;
    }).join(", ")} FROM ${table2.relation}`
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
    text = await readFile3(path, "utf8");
  } catch (error) {
    const code2 = error.code;
    if (code2 === "ENOENT") throw new InputError(`${file}: no such file`);
    throw new InputError(`${file}: cannot read profile (${code2 ?? String(error)})`);
  }
  return parseProfile(text, file);
}
function parseProfile(text, file) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: not a profile: invalid JSON (${error.message.split("\n")[0]})`);
  }
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

// packages/core/src/steps/validate-data/drift.ts
var smallReferenceRows = 1e3;
var exactKsSize = 1e4;
var fetchedWassersteinSize = 2e5;
var coarseStep = 5;
var chartCategories = 10;
var otherKey = "\0other";
var defaultThresholds = {
  ks: 0.05,
  "chi-square": 0.05,
  wasserstein: 0.1,
  "jensen-shannon": 0.1,
  psi: 0.1
};
function isPValueTest(test) {
  return test === "ks" || test === "chi-square";
}
var numericTests = ["ks", "wasserstein", "psi", "jensen-shannon", "chi-square"];
var categoricalTests = ["chi-square", "jensen-shannon", "psi"];
function plan(reference, current, options) {
  const specs = new Map((options.schema?.columns ?? []).map((spec) => [spec.name, spec]));
  const currentColumns = new Map(current.columns.map((column) => [column.name, column]));
  const plans = [];
  const skipped = [];
  for (const ref of reference.columns) {
    const cur = currentColumns.get(ref.name);
    if (!cur || ref.kind === "other") continue;
    const drift = specs.get(ref.name)?.drift;
    if (drift?.skip) continue;
    const kind = ref.kind;
    const applicable = kind === "numeric" ? numericTests : categoricalTests;
    let test = drift?.test ?? options.test;
    if (test !== "auto" && !applicable.includes(test)) {
      if (drift?.test !== void 0) {
        const where = drift.line === void 0 ? "" : `:${drift.line}`;
        throw new InputError(
          `${options.schema?.file}${where}: columns.${ref.name}.drift.test: ${test} does not apply to a ${kind} column (use ${applicable.join(", ")})`
        );
      }
      test = "auto";
    }
    const chosen = test !== "auto" ? test : reference.data.rows <= smallReferenceRows ? kind === "numeric" ? "ks" : "chi-square" : kind === "numeric" ? "wasserstein" : "jensen-shannon";
    const threshold = drift?.threshold ?? options.threshold ?? defaultThresholds[chosen];
    const skip = (reason) => skipped.push({
      column: ref.name,
      kind,
      test: chosen,
      statistic: Number.NaN,
      threshold,
      drifted: false,
      skipped: reason
    });
    if (specs.get(ref.name)?.unique?.value && drift?.test === void 0) {
      skip("declared unique in the schema (a key): its distribution says nothing");
      continue;
    }
    if (cur.kind !== kind) {
      skip(`types differ: ${ref.type} in the reference, ${cur.type} in the data`);
      continue;
    }
    plans.push({
      name: ref.name,
      kind,
      test: chosen,
      threshold,
      severity: drift?.severity ?? "warn",
      ...drift?.line === void 0 ? {} : { line: drift.line }
    });
  }
  return { plans, skipped };
}
function exactSide(side, column) {
  const n = column.count - column.nonFinite;
  if (column.values) return { count: n, values: column.values };
  if (side.table) return { count: n, table: side.table };
  return void 0;
}
async function valuesOf(side, name) {
  if (side.values) return side.values;
  const table2 = side.table;
  return (await numericValues(table2, [name])).get(name) ?? [];
}
function valuesSql(side, name) {
  if (side.values) {
    if (side.values.length === 0) return "SELECT CAST(NULL AS DOUBLE) AS v WHERE false";
    return `SELECT CAST(unnest(string_split('${side.values.map(String).join(",")}', ',')) AS DOUBLE) AS v`;
  }
  const table2 = side.table;
  const x = doubleOf(name);
  return `SELECT ${x} AS v FROM ${table2.relation} WHERE isfinite(${x})`;
}
async function pooledInSql(reference, current, name) {
  const runner = current.table ?? reference.table;
  const [row = {}] = await runner.query(
    `WITH pooled AS (
       SELECT v, count(*) FILTER (WHERE s = 0) AS a, count(*) FILTER (WHERE s = 1) AS b
       FROM (SELECT 0 AS s, v FROM (${valuesSql(reference, name)}) UNION ALL SELECT 1 AS s, v FROM (${valuesSql(current, name)}))
       GROUP BY v),
     cdf AS (
       SELECT v,
         CAST(sum(a) OVER w AS DOUBLE) / ${reference.count} AS f,
         CAST(sum(b) OVER w AS DOUBLE) / ${current.count} AS g,
         lead(v) OVER (ORDER BY v) AS next
       FROM pooled WINDOW w AS (ORDER BY v ROWS UNBOUNDED PRECEDING))
     SELECT max(abs(f - g)) AS d, fsum(abs(f - g) * (next - v)) FILTER (WHERE next IS NOT NULL) AS w FROM cdf`
  );
  return { d: Number(row.d ?? 0), w: Number(row.w ?? 0) };
}
async function pooledTablesInSql(reference, current, columns) {
  const result = /* @__PURE__ */ new Map();
  if (columns.length === 0) return result;
  const indices = `[${columns.map((_, i) => i).join(", ")}]`;
  const values = `[${columns.map((column) => doubleOf(column.name)).join(", ")}]`;
  const side = (s, table2) => `SELECT ${s} AS s, unnest(${indices}) AS c, unnest(${values}) AS v FROM ${table2.relation}`;
  const sizes = (key) => `[${columns.map((column) => column[key]).join(", ")}]`;
  const rows = await current.query(
    `WITH sides AS (${side(0, reference)} UNION ALL ${side(1, current)}),
     pooled AS (
       SELECT c, v, count(*) FILTER (WHERE s = 0) AS a, count(*) FILTER (WHERE s = 1) AS b
       FROM sides WHERE isfinite(v) GROUP BY c, v),
     cdf AS (
       SELECT c, v,
         CAST(sum(a) OVER w AS DOUBLE) / list_extract(${sizes("n")}, c + 1) AS f,
         CAST(sum(b) OVER w AS DOUBLE) / list_extract(${sizes("m")}, c + 1) AS g,
         lead(v) OVER (PARTITION BY c ORDER BY v) AS next
       FROM pooled WINDOW w AS (PARTITION BY c ORDER BY v ROWS UNBOUNDED PRECEDING))
     SELECT c, max(abs(f - g)) AS d, fsum(abs(f - g) * (next - v)) FILTER (WHERE next IS NOT NULL) AS w
     FROM cdf GROUP BY c`
  );
  for (const row of rows) {
    const column = columns[Number(row.c)];
    if (column) result.set(column.name, { d: Number(row.d ?? 0), w: Number(row.w ?? 0) });
  }
  return result;
}
function populationStd(values) {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) * (v - mean);
  return Math.sqrt(squares / values.length);
}
function sameEdges(a, b) {
  return a !== void 0 && b !== void 0 && a.edges.length === b.edges.length && a.edges.every((e, i) => e === b.edges[i]);
}
function binPoints(column, bins) {
  const points = [];
  const weights = [];
  const k = bins.edges.length - 1;
  bins.counts.forEach((n, slot) => {
    if (n === 0) return;
    const point = slot === 0 ? column.min ?? bins.edges[0] : slot === k + 1 ? column.max ?? bins.edges[k] : (bins.edges[slot - 1] + bins.edges[slot]) / 2;
    points.push(point);
    weights.push(n);
  });
  return { points, weights };
}
function coarsen(bins) {
  const k = bins.edges.length - 1;
  const boundaries = [];
  for (let i = 0; i < k; i += coarseStep) boundaries.push(i);
  boundaries.push(k);
  const edges = boundaries.map((i) => bins.edges[i]);
  const counts = new Array(edges.length + 1).fill(0);
  counts[0] = bins.counts[0] ?? 0;
  counts[edges.length] = bins.counts[k + 1] ?? 0;
  for (let c = 0; c < boundaries.length - 1; c++) {
    for (let j = boundaries[c]; j < boundaries[c + 1]; j++) {
      counts[c + 1] = counts[c + 1] + (bins.counts[j + 1] ?? 0);
    }
  }
  return { edges, counts };
}
function formatNumber(value) {
  if (value === 0) return "0";
  const abs5 = Math.abs(value);
  return abs5 >= 1e6 || abs5 < 1e-3 ? value.toExponential(2) : String(Number(value.toPrecision(4)));
}
function proportions(counts) {
  const total = counts.reduce((sum, n) => sum + n, 0);
  return counts.map((n) => total === 0 ? 0 : Number((n / total).toPrecision(6)));
}
function numericChart(reference, current) {
  const k = reference.edges.length - 1;
  const labels = [];
  const ref = [];
  const cur = [];
  const refP = proportions(reference.counts);
  const curP = proportions(current.counts);
  reference.counts.forEach((_, slot) => {
    const empty = (reference.counts[slot] ?? 0) === 0 && (current.counts[slot] ?? 0) === 0;
    if ((slot === 0 || slot === k + 1) && empty) return;
    labels.push(
      slot === 0 ? `< ${formatNumber(reference.edges[0])}` : slot === k + 1 ? `> ${formatNumber(reference.edges[k])}` : `${formatNumber(reference.edges[slot - 1])}\u2013${formatNumber(reference.edges[slot])}`
    );
    ref.push(refP[slot]);
    cur.push(curP[slot]);
  });
  return { labels, reference: ref, current: cur };
}
function categoryCounts(reference, current) {
  const ref = new Map(reference.categories);
  const cur = new Map(current.categories);
  if (reference.other > 0) ref.set(otherKey, reference.other);
  if (current.other > 0) cur.set(otherKey, current.other);
  return { ref, cur };
}
function categoricalChart(ref, cur) {
  const refTotal = [...ref.values()].reduce((s, n) => s + n, 0) || 1;
  const curTotal = [...cur.values()].reduce((s, n) => s + n, 0) || 1;
  const keys = [.../* @__PURE__ */ new Set([...ref.keys(), ...cur.keys()])].filter((key) => key !== otherKey);
  const weight = (key) => Math.max((ref.get(key) ?? 0) / refTotal, (cur.get(key) ?? 0) / curTotal);
  keys.sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : a > b ? 1 : 0));
  const shown = keys.slice(0, chartCategories);
  const round2 = (x) => Number(x.toPrecision(6));
  const refShown = shown.map((key) => (ref.get(key) ?? 0) / refTotal);
  const curShown = shown.map((key) => (cur.get(key) ?? 0) / curTotal);
  const labels = [...shown];
  const refRest = 1 - refShown.reduce((s, x) => s + x, 0);
  const curRest = 1 - curShown.reduce((s, x) => s + x, 0);
  if (keys.length > shown.length || ref.has(otherKey) || cur.has(otherKey)) {
    labels.push("(other)");
    refShown.push(Math.max(refRest, 0));
    curShown.push(Math.max(curRest, 0));
  }
  return { labels, reference: refShown.map(round2), current: curShown.map(round2) };
}
async function measureNumeric(plan2, reference, current, ref, cur, pooled) {
  const n = ref.count - ref.nonFinite;
  const m = cur.count - cur.nonFinite;
  if (n === 0) return { statistic: Number.NaN, skipped: "no numeric values in the reference" };
  if (m === 0) return { statistic: Number.NaN, skipped: "no numeric values in the data" };
  const shared = sameEdges(ref.bins, cur.bins);
  const chart = shared && ref.bins && cur.bins ? numericChart(coarsen(ref.bins), coarsen(cur.bins)) : void 0;
  const exactRef = exactSide(reference, ref);
  const exactCur = exactSide(current, cur);
  const exact = exactRef && exactCur ? { ref: exactRef, cur: exactCur } : void 0;
  const withChart = (measured) => chart ? { ...measured, chart } : measured;
  const noBins = () => ({
    statistic: Number.NaN,
    skipped: "the profiles have different bin edges: profile the partitions with --reference so they share its edges"
  });
  switch (plan2.test) {
    case "ks": {
      if (exact) {
        if (Math.max(n, m) <= exactKsSize) {
          const result = ksTwoSample(
            await valuesOf(exact.ref, plan2.name),
            await valuesOf(exact.cur, plan2.name)
          );
          return withChart({ statistic: result.statistic, pValue: result.pValue });
        }
        const { d: d2 } = pooled.get(plan2.name) ?? await pooledInSql(exact.ref, exact.cur, plan2.name);
        return withChart({
          statistic: d2,
          pValue: kolmogorovTwoSidedSurvival(roundHalfEven(n * m / (n + m)), d2)
        });
      }
      if (!shared || !ref.bins || !cur.bins) return noBins();
      let f = 0;
      let g = 0;
      let d = 0;
      const refTotal = ref.bins.counts.reduce((s, c) => s + c, 0);
      const curTotal = cur.bins.counts.reduce((s, c) => s + c, 0);
      ref.bins.counts.forEach((c, slot) => {
        f += c / refTotal;
        g += (cur.bins?.counts[slot] ?? 0) / curTotal;
        d = Math.max(d, Math.abs(f - g));
      });
      return withChart({
        statistic: d,
        pValue: kolmogorovTwoSidedSurvival(roundHalfEven(n * m / (n + m)), d),
        binned: true
      });
    }
    case "wasserstein": {
      const std = Math.max(ref.values ? populationStd(ref.values) : ref.std ?? 0, 1e-3);
      if (exact) {
        const w = n + m <= fetchedWassersteinSize ? wassersteinDistance(await valuesOf(exact.ref, plan2.name), await valuesOf(exact.cur, plan2.name)) : (pooled.get(plan2.name) ?? await pooledInSql(exact.ref, exact.cur, plan2.name)).w;
        return withChart({ statistic: w / std });
      }
      if (!ref.bins || !cur.bins) return noBins();
      const u = binPoints(ref, ref.bins);
      const v = binPoints(cur, cur.bins);
      return withChart({
        statistic: wassersteinDistance(u.points, v.points, u.weights, v.weights) / std,
        binned: true
      });
    }
    default: {
      if (!shared || !ref.bins || !cur.bins) return noBins();
      const a = coarsen(ref.bins).counts;
      const b = coarsen(cur.bins).counts;
      if (plan2.test === "psi") return withChart({ statistic: populationStabilityIndex(a, b), binned: true });
      if (plan2.test === "jensen-shannon")
        return withChart({ statistic: jensenShannonDistance(a, b), binned: true });
      const result = chiSquareDrift(
        new Map(a.map((c, i) => [String(i), c])),
        new Map(b.map((c, i) => [String(i), c]))
      );
      return withChart({ statistic: result.statistic, pValue: result.pValue, binned: true });
    }
  }
}
function measureCategorical(plan2, refColumn, curColumn) {
  if (refColumn.count === 0) return { statistic: Number.NaN, skipped: "no values in the reference" };
  if (curColumn.count === 0) return { statistic: Number.NaN, skipped: "no values in the data" };
  const { ref, cur } = categoryCounts(refColumn, curColumn);
  const chart = categoricalChart(ref, cur);
  if (plan2.test === "chi-square") {
    const result = chiSquareDrift(ref, cur);
    return { statistic: result.statistic, pValue: result.pValue, chart };
  }
  const keys = [.../* @__PURE__ */ new Set([...ref.keys(), ...cur.keys()])].sort();
  const a = keys.map((key) => ref.get(key) ?? 0);
  const b = keys.map((key) => cur.get(key) ?? 0);
  if (plan2.test === "psi") return { statistic: populationStabilityIndex(a, b), chart };
  return { statistic: jensenShannonDistance(a, b), chart };
}
function describe(value) {
  if (Number.isNaN(value)) return "n/a";
  if (!Number.isFinite(value)) return value > 0 ? "\u221E" : "-\u221E";
  return Number(value.toPrecision(4)).toString();
}
async function compareDrift(reference, current, options) {
  const { plans, skipped } = plan(reference.profile, current.profile, options);
  const refColumns = new Map(reference.profile.columns.map((column) => [column.name, column]));
  const curColumns = new Map(current.profile.columns.map((column) => [column.name, column]));
  const columns = [...skipped];
  const checks = [];
  const pooledColumns = [];
  for (const column of plans) {
    const ref = refColumns.get(column.name);
    const cur = curColumns.get(column.name);
    if (ref?.kind !== "numeric" || cur?.kind !== "numeric" || ref.values || cur.values) continue;
    const n = ref.count - ref.nonFinite;
    const m = cur.count - cur.nonFinite;
    const pooledTest = column.test === "ks" && Math.max(n, m) > exactKsSize || column.test === "wasserstein" && n + m > fetchedWassersteinSize;
    if (pooledTest && n > 0 && m > 0) pooledColumns.push({ name: column.name, n, m });
  }
  const pooled = reference.table && current.table ? await pooledTablesInSql(reference.table, current.table, pooledColumns) : /* @__PURE__ */ new Map();
  const location = (line) => options.schema ? { location: { file: options.schema.file, ...line === void 0 ? {} : { line } } } : {};
  for (const column of plans) {
    const ref = refColumns.get(column.name);
    const cur = curColumns.get(column.name);
    let measured;
    if (ref?.kind === "numeric" && cur?.kind === "numeric") {
      measured = await measureNumeric(column, reference, current, ref, cur, pooled);
    } else if (ref?.kind === "categorical" && cur?.kind === "categorical") {
      const explicit = options.schema?.columns.find((c) => c.name === column.name)?.drift?.test !== void 0;
      const reason = categoricalSkipReason(ref, explicit);
      measured = reason ? { statistic: Number.NaN, skipped: reason } : measureCategorical(column, ref, cur);
    } else {
      continue;
    }
    const pValueTest = isPValueTest(column.test);
    const observed = pValueTest ? measured.pValue ?? Number.NaN : measured.statistic;
    const drifted = measured.skipped === void 0 && (pValueTest ? observed <= column.threshold : observed >= column.threshold);
    columns.push({
      column: column.name,
      kind: column.kind,
      test: column.test,
      statistic: measured.statistic,
      ...measured.pValue === void 0 ? {} : { pValue: measured.pValue },
      threshold: column.threshold,
      drifted,
      ...measured.chart ? { chart: measured.chart } : {},
      ...measured.skipped ? { skipped: measured.skipped } : {},
      ...measured.binned ? { binned: true } : {}
    });
    if (measured.skipped !== void 0) continue;
    const shown = pValueTest ? `${column.test} p-value ${describe(observed)} (statistic ${describe(measured.statistic)})` : `${column.test} ${describe(observed)}`;
    const verdict = drifted ? `drifted: ${shown} ${pValueTest ? "<=" : ">="} ${column.threshold}` : `no drift: ${shown} ${pValueTest ? ">" : "<"} ${column.threshold}`;
    checks.push({
      name: "drift",
      column: column.name,
      status: drifted ? column.severity === "error" ? "failed" : "warned" : "passed",
      severity: column.severity,
      message: `${verdict}${measured.binned ? " (on the profile's bins)" : ""}`,
      expected: `${pValueTest ? "p >" : "<"} ${column.threshold}`,
      observed: Number.isFinite(observed) ? Number(observed.toPrecision(6)) : String(observed),
      ...location(column.line)
    });
  }
  const compared = columns.filter((column) => column.skipped === void 0);
  const driftedCount = compared.filter((column) => column.drifted).length;
  const share = compared.length === 0 ? 0 : driftedCount / compared.length;
  const datasetDrifted = driftedCount > 0 && share >= options.share;
  const percent5 = (x) => `${Number((x * 100).toPrecision(3))}%`;
  checks.push({
    name: "drift",
    status: compared.length === 0 ? "warned" : datasetDrifted ? "failed" : "passed",
    severity: "error",
    message: compared.length === 0 ? `no shared column could be compared with the reference ${options.reference.path}` : `${driftedCount} of ${compared.length} compared columns drifted (${percent5(share)}); the data set drifts at ${percent5(options.share)}`,
    expected: `share < ${options.share}`,
    observed: Number(share.toPrecision(6))
  });
  const order = new Map(reference.profile.columns.map((column, i) => [column.name, i]));
  columns.sort((a, b) => (order.get(a.column) ?? 0) - (order.get(b.column) ?? 0));
  return {
    summary: {
      reference: {
        path: options.reference.path,
        kind: options.reference.kind,
        digest: options.digest,
        rows: reference.profile.data.rows
      },
      columns,
      share,
      shareThreshold: options.share,
      drifted: datasetDrifted
    },
    checks
  };
}
function referenceEdges(reference) {
  const edges = /* @__PURE__ */ new Map();
  for (const column of reference.columns) {
    if (column.kind === "numeric" && column.bins) edges.set(column.name, column.bins.edges);
  }
  return edges;
}
function categoricalSkipReason(ref, explicitTest) {
  if (ref.count === 0) return void 0;
  if (ref.categories.length === 0)
    return `about ${ref.distinct} distinct values in the reference, too many to count (a key or free text)`;
  if (explicitTest) return void 0;
  if (ref.distinct > maxProfileCategories)
    return `${ref.distinct} distinct values in the reference, more than ${maxProfileCategories} (a key or free text)`;
  if (ref.count > 20 && ref.other === 0 && ref.distinct === ref.count)
    return "every reference value is distinct (a key or free text)";
  if (ref.count > 20 && ref.distinct > ref.count / 2)
    return `${ref.distinct} distinct values in ${ref.count} reference values, more than half (a key or free text)`;
  return void 0;
}
function columnsWithoutDrift(schema) {
  return new Set(
    (schema?.columns ?? []).filter((spec) => (spec.unique?.value || spec.drift?.skip) && spec.drift?.test === void 0).map((spec) => spec.name)
  );
}
function driftProfileOptions(reference, schema) {
  const without = columnsWithoutDrift(schema);
  const explicit = new Set(
    (schema?.columns ?? []).filter((spec) => spec.drift?.test !== void 0).map((spec) => spec.name)
  );
  const categories = /* @__PURE__ */ new Set();
  const countsOnly = new Set(without);
  for (const column of reference.columns) {
    if (column.kind !== "categorical" || without.has(column.name)) continue;
    if (categoricalSkipReason(column, explicit.has(column.name)) === void 0) categories.add(column.name);
    else countsOnly.add(column.name);
  }
  return { edges: referenceEdges(reference), categories, countsOnly };
}

// packages/core/src/steps/validate-data/infer.ts
var import_yaml3 = __toESM(require_dist(), 1);
var maxInferredCategories = 20;
async function inferSchema(table2, origin) {
  const aggregates = new Aggregates();
  const rowsAlias = aggregates.add("count(*)");
  const plans = table2.columns.map((column) => {
    const id = quoteIdentifier(column.name);
    const type = categoryOf(column.type);
    const aliases = { nonNull: aggregates.add(`count(${id})`) };
    if (type === "integer" || type === "string" || type === "date" || type === "datetime") {
      aliases.distinct = aggregates.add(`count(DISTINCT ${id})`);
    }
    if (type === "integer") {
      aliases.min = aggregates.add(`CAST(min(${id}) AS VARCHAR)`);
      aliases.max = aggregates.add(`CAST(max(${id}) AS VARCHAR)`);
    } else if (type === "number") {
      aliases.min = aggregates.add(`min(CAST(${id} AS DOUBLE))`);
      aliases.max = aggregates.add(`max(CAST(${id} AS DOUBLE))`);
    }
    return { column, type, aliases };
  });
  const row = await aggregates.run(table2);
  const rows = count(row[rowsAlias]);
  const profiles = plans.map(({ column, type, aliases }) => ({
    name: column.name,
    type,
    nonNull: count(row[aliases.nonNull ?? ""]),
    ...aliases.distinct ? { distinct: count(row[aliases.distinct]) } : {},
    ...aliases.min ? { min: bound(row[aliases.min], type) } : {},
    ...aliases.max ? { max: bound(row[aliases.max], type) } : {}
  }));
  const categorical = profiles.filter(
    (profile) => profile.type === "string" && profile.distinct !== void 0 && profile.distinct >= 1 && profile.distinct <= maxInferredCategories && profile.distinct < rows
  );
  if (categorical.length > 0) {
    const lists = categorical.map((profile) => {
      const id = quoteIdentifier(profile.name);
      return `list_sort(list(DISTINCT ${id}) FILTER (WHERE ${id} IS NOT NULL))`;
    });
    const [values] = await table2.query(
      `SELECT ${lists.map((sql, i) => `${sql} AS c${i}`).join(", ")} FROM ${table2.relation}`
    );
    categorical.forEach((profile, i) => {
      profile.categories = (values?.[`c${i}`] ?? []).map(String);
    });
  }
  const columns = /* @__PURE__ */ new Map();
  for (const profile of profiles) columns.set(profile.name, columnRules(profile, rows));
  const document = new import_yaml3.Document({
    version: 1,
    columns,
    table: { columns: "exact", ...rows > 0 ? { rows: { min: 1 } } : {} }
  });
  document.commentBefore = [
    ` Inferred by mlci validate-data from ${origin.file} (${rows} rows, ${origin.digest}).`,
    " Review it: bounds and categories are what this file holds, not necessarily what later data may hold."
  ].join("\n");
  return { text: document.toString({ lineWidth: 0 }), rows, columns: profiles.length };
}
function bound(raw, type) {
  if (raw === null || raw === void 0) return void 0;
  if (type === "integer") {
    const value = BigInt(String(raw));
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  }
  return typeof raw === "number" && Number.isFinite(raw) ? raw : void 0;
}
function columnRules(profile, rows) {
  const rules = {};
  if (profile.type !== "other") rules.type = profile.type;
  rules.required = true;
  rules.nullable = profile.nonNull < rows;
  if (profile.min !== void 0) rules.min = profile.min;
  if (profile.max !== void 0) rules.max = profile.max;
  if (profile.categories && profile.categories.length > 0) rules.allowed = profile.categories;
  if (profile.distinct !== void 0 && profile.nonNull > 1 && profile.distinct === profile.nonNull)
    rules.unique = true;
  return rules;
}

// packages/core/src/steps/validate-data/merge.ts
import { createHash } from "node:crypto";
function mergedDigest(digests) {
  return `sha256:${createHash("sha256").update(digests.map((digest) => `${digest}
`).join("")).digest("hex")}`;
}
function sameEdges2(a, b) {
  return a.length === b.length && a.every((edge, i) => edge === b[i]);
}
function mergedType(a, b) {
  if (a === b) return a;
  const [x, y] = [categoryOf(a), categoryOf(b)];
  if ((x === "integer" || x === "number") && (y === "integer" || y === "number")) return "DOUBLE";
  return "VARCHAR";
}
function mergeNumeric(a, b, rows) {
  const n1 = a.count - a.nonFinite;
  const n2 = b.count - b.nonFinite;
  const n = n1 + n2;
  let mean;
  let std;
  if (n1 === 0) [mean, std] = [b.mean, b.std];
  else if (n2 === 0) [mean, std] = [a.mean, a.std];
  else if (a.mean !== void 0 && b.mean !== void 0 && a.std !== void 0 && b.std !== void 0) {
    const delta = b.mean - a.mean;
    mean = a.mean + delta * n2 / n;
    const m2 = a.std ** 2 * n1 + b.std ** 2 * n2 + delta * delta * n1 * n2 / n;
    std = Math.sqrt(m2 / n);
  }
  const round2 = (value) => value === void 0 ? void 0 : Number(value.toPrecision(12));
  const bins = a.bins && b.bins && sameEdges2(a.bins.edges, b.bins.edges) ? { edges: a.bins.edges, counts: a.bins.counts.map((c, i) => c + (b.bins?.counts[i] ?? 0)) } : void 0;
  const values = a.values && b.values && rows <= rawValueRows ? [...a.values, ...b.values].sort((x, y) => x - y) : void 0;
  const pick = (x, y, f) => x === void 0 ? y : y === void 0 ? x : f(x, y);
  const merged = {
    name: a.name,
    type: mergedType(a.type, b.type),
    kind: "numeric",
    count: a.count + b.count,
    nulls: a.nulls + b.nulls,
    nonFinite: a.nonFinite + b.nonFinite
  };
  const min4 = pick(a.min, b.min, Math.min);
  const max3 = pick(a.max, b.max, Math.max);
  if (min4 !== void 0) merged.min = min4;
  if (max3 !== void 0) merged.max = max3;
  if (round2(mean) !== void 0) merged.mean = round2(mean);
  if (round2(std) !== void 0) merged.std = round2(std);
  if (bins) merged.bins = bins;
  if (values) merged.values = values;
  return merged;
}
function mergeCategorical(a, b) {
  const counts = new Map(a.categories);
  for (const [value, n] of b.categories) counts.set(value, (counts.get(value) ?? 0) + n);
  const all = [...counts].sort(compareCategories);
  const categories = all.slice(0, maxProfileCategories);
  const count2 = a.count + b.count;
  const listed2 = categories.reduce((sum, [, n]) => sum + n, 0);
  const complete = a.other === 0 && b.other === 0;
  return {
    name: a.name,
    type: mergedType(a.type, b.type),
    kind: "categorical",
    count: count2,
    nulls: a.nulls + b.nulls,
    distinct: complete ? all.length : Math.max(a.distinct, b.distinct, all.length),
    categories,
    other: count2 - listed2
  };
}
function mergeProfiles(parts) {
  const [first, ...rest] = parts;
  if (!first) throw new InputError("merge-profiles: no profiles to merge");
  let columns = first.profile.columns;
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
          `${part.file}: column ${JSON.stringify(column.name)} of ${first.file} is missing`
        );
      if (other.kind !== column.kind) {
        throw new InputError(
          `${part.file}: column ${JSON.stringify(column.name)} is ${other.kind} (${other.type}) but ${column.kind} (${column.type}) in ${first.file}`
        );
      }
      if (column.kind === "numeric") return mergeNumeric(column, other, rows);
      if (column.kind === "categorical") return mergeCategorical(column, other);
      const pick = (x, y, smaller) => x === void 0 ? y : y === void 0 ? x : x < y === smaller ? x : y;
      const min4 = pick(column.min, other.kind === "other" ? other.min : void 0, true);
      const max3 = pick(column.max, other.kind === "other" ? other.max : void 0, false);
      return {
        name: column.name,
        type: mergedType(column.type, other.type),
        kind: "other",
        count: column.count + other.count,
        nulls: column.nulls + other.nulls,
        ...min4 === void 0 ? {} : { min: min4 },
        ...max3 === void 0 ? {} : { max: max3 }
      };
    });
  }
  const digests = parts.map((part) => part.profile.data.digest);
  return {
    mlci: "profile",
    version: 1,
    data: {
      file: parts.map((part) => part.file).join(", "),
      format: "profiles",
      digest: mergedDigest(digests),
      rows,
      partitions: digests
    },
    columns
  };
}
var needsRows = "needs the rows: run on the partitions with --schema";
function plural3(n, word) {
  return `${n} ${n === 1 ? word : `${word}s`}`;
}
function checkProfile(profile, schema) {
  const check2 = (name, column, rule2, status, message, expected, observed) => ({
    name,
    ...column === void 0 ? {} : { column },
    status: status === "passed" ? "passed" : status === "undecided" || rule2.severity === "warn" ? "warned" : "failed",
    severity: rule2.severity,
    message,
    ...expected === void 0 ? {} : { expected },
    ...observed === void 0 ? {} : { observed },
    location: { file: schema.file, ...rule2.line === void 0 ? {} : { line: rule2.line } }
  });
  const byName = new Map(profile.columns.map((column) => [column.name, column]));
  const rows = profile.data.rows;
  const checks = [];
  for (const spec of schema.columns) {
    const column = byName.get(spec.name);
    if (!column) {
      checks.push(
        spec.required.value ? check2(
          "required",
          spec.name,
          spec.required,
          "failed",
          "column is missing from the data",
          "present",
          "absent"
        ) : check2(
          "required",
          spec.name,
          spec.required,
          "passed",
          "optional column is absent; its rules were not checked"
        )
      );
      continue;
    }
    checks.push(check2("required", spec.name, spec.required, "passed", "column is present"));
    const category = categoryOf(column.type);
    const typed = !spec.type || isCompatible(category, spec.type.value) || spec.type.value === "string";
    if (spec.type) {
      checks.push(
        typed ? check2(
          "type",
          spec.name,
          spec.type,
          "passed",
          `read as ${column.type}`,
          spec.type.value,
          column.type
        ) : check2(
          "type",
          spec.name,
          spec.type,
          "undecided",
          `read as ${column.type}; converting its values ${needsRows}`,
          spec.type.value,
          column.type
        )
      );
    }
    if (spec.nullable && !spec.nullable.value) {
      checks.push(
        check2(
          "nullable",
          spec.name,
          spec.nullable,
          column.nulls === 0 ? "passed" : "failed",
          column.nulls === 0 ? "no nulls" : `${column.nulls} of ${plural3(rows, "value")} null`,
          0,
          column.nulls
        )
      );
    }
    if (spec.maxNullFraction) {
      const fraction2 = rows === 0 ? 0 : column.nulls / rows;
      checks.push(
        check2(
          "max_null_fraction",
          spec.name,
          spec.maxNullFraction,
          fraction2 <= spec.maxNullFraction.value ? "passed" : "failed",
          `${column.nulls} of ${plural3(rows, "value")} null`,
          spec.maxNullFraction.value,
          Number(fraction2.toPrecision(6))
        )
      );
    }
    for (const key of ["min", "max"]) {
      const bound2 = spec[key];
      if (!bound2) continue;
      const limit = typeof bound2.value === "bigint" ? Number(bound2.value) : bound2.value;
      if (column.kind !== "numeric" || typeof limit !== "number" || !typed) {
        checks.push(
          check2(key, spec.name, bound2, "undecided", `${key} of a ${column.type} column ${needsRows}`, limit)
        );
        continue;
      }
      const observed = column[key];
      const ok = observed === void 0 || (key === "min" ? observed >= limit : observed <= limit);
      checks.push(
        check2(
          key,
          spec.name,
          bound2,
          ok ? "passed" : "failed",
          observed === void 0 ? "no values to compare" : ok ? `${key === "min" ? "smallest" : "largest"} value ${observed} is within ${key} ${limit}` : `${key === "min" ? "smallest" : "largest"} value ${observed} is ${key === "min" ? "below the minimum" : "above the maximum"} ${limit}`,
          limit,
          observed
        )
      );
    }
    if (spec.allowed) {
      if (column.kind !== "categorical" || column.other > 0) {
        checks.push(
          check2(
            "allowed",
            spec.name,
            spec.allowed,
            "undecided",
            column.kind === "categorical" ? `more than ${maxProfileCategories} categories; ${needsRows}` : `allowed on a ${column.type} column ${needsRows}`,
            spec.allowed.value
          )
        );
      } else {
        const allowed = new Set(spec.allowed.value.map(String));
        const outside = column.categories.filter(([value]) => !allowed.has(value));
        const n = outside.reduce((sum, [, c]) => sum + c, 0);
        checks.push(
          check2(
            "allowed",
            spec.name,
            spec.allowed,
            n === 0 ? "passed" : "failed",
            n === 0 ? "all values are allowed" : `${plural3(n, "value")} not in the allowed list, e.g. ${outside.slice(0, 5).map(([v]) => JSON.stringify(v)).join(", ")}`,
            spec.allowed.value,
            n === 0 ? void 0 : outside.slice(0, 5).map(([v]) => v)
          )
        );
      }
    }
    if (spec.regex)
      checks.push(check2("regex", spec.name, spec.regex, "undecided", `regex ${needsRows}`, spec.regex.value));
    if (spec.unique?.value)
      checks.push(check2("unique", spec.name, spec.unique, "undecided", `unique ${needsRows}`, true));
  }
  const table2 = schema.table;
  const names = profile.columns.map((column) => column.name);
  if (table2.columns.value !== "subset") {
    const declared = schema.columns.map((column) => column.name);
    const extra = names.filter((name) => !declared.includes(name));
    const inData = names.filter((name) => declared.includes(name));
    const inSchema = declared.filter((name) => inData.includes(name));
    const misordered = table2.columns.value === "ordered" && inSchema.some((name, i) => inData[i] !== name);
    const ok = extra.length === 0 && !misordered;
    checks.push(
      check2(
        "columns",
        void 0,
        table2.columns,
        ok ? "passed" : "failed",
        ok ? "columns are as the schema says" : [
          extra.length > 0 ? `columns not in the schema: ${extra.slice(0, 10).map((n) => JSON.stringify(n)).join(", ")}` : "",
          misordered ? "columns are out of the schema's order" : ""
        ].filter(Boolean).join("; "),
        table2.columns.value,
        { extra, ...misordered ? { order: inData } : {} }
      )
    );
  }
  if (table2.rowsMin) {
    checks.push(
      check2(
        "rows.min",
        void 0,
        table2.rowsMin,
        rows >= table2.rowsMin.value ? "passed" : "failed",
        plural3(rows, "row"),
        table2.rowsMin.value,
        rows
      )
    );
  }
  if (table2.rowsMax) {
    checks.push(
      check2(
        "rows.max",
        void 0,
        table2.rowsMax,
        rows <= table2.rowsMax.value ? "passed" : "failed",
        plural3(rows, "row"),
        table2.rowsMax.value,
        rows
      )
    );
  }
  for (const key of table2.unique) {
    checks.push(
      check2(
        `unique(${key.value.join(", ")})`,
        void 0,
        key,
        "undecided",
        `compound unique ${needsRows}`,
        key.value
      )
    );
  }
  return checks;
}

// packages/core/src/steps/validate-data/report.ts
var maxValueLength = 80;
function headlineOf(result) {
  const { passed, failed, warned } = result.counts;
  const total = passed + failed + warned;
  const where = `(${result.data.path}, ${result.data.rows} ${result.data.rows === 1 ? "row" : "rows"})`;
  if (failed > 0) return `validate-data failed: ${failed} of ${total} checks failed ${where}`;
  if (warned > 0) {
    return `validate-data passed with ${warned} ${warned === 1 ? "warning" : "warnings"}: ${passed} of ${total} checks passed ${where}`;
  }
  return `validate-data passed: ${total} ${total === 1 ? "check" : "checks"} passed ${where}`;
}
function renderReport(result) {
  const { counts, data, schema, drift } = result;
  const emoji = counts.failed > 0 ? "\u274C" : counts.warned > 0 ? "\u26A0\uFE0F" : "\u2705";
  const lines = [
    `## ${emoji} ${headlineOf(result)}`,
    "",
    `**Data:** \`${data.path}\` (${data.format === "profiles" ? "merged profiles" : formatLabels[data.format]}, ${data.rows} rows, ${data.columns} columns, \`${data.digest}\`)  `,
    ...schema ? [`**Schema:** \`${schema.path}\`${schema.inferred ? " (inferred from this data)" : ""}  `] : [],
    ...drift ? [
      `**Reference:** \`${drift.reference.path}\` (${drift.reference.kind === "profile" ? "profile" : "data"}, ${drift.reference.rows} rows, \`${drift.reference.digest}\`)  `,
      `**Drift:** ${driftVerdict(drift)}  `
    ] : [],
    `**Checks:** ${counts.passed} passed, ${counts.failed} failed, ${counts.warned} warned`
  ];
  const failed = result.checks.filter((check2) => check2.status === "failed");
  const warned = result.checks.filter((check2) => check2.status === "warned");
  const passed = result.checks.filter((check2) => check2.status === "passed");
  if (failed.length > 0) lines.push("", `### Failed (${failed.length})`, "", violations(failed));
  const columnDrift = (check2) => drift !== void 0 && check2.name === "drift" && check2.column !== void 0;
  const warnedShown = warned.filter((check2) => !columnDrift(check2));
  const warnedInDrift = warned.length - warnedShown.length;
  if (warnedShown.length > 0) {
    lines.push("", `### Warnings (${warned.length})`, "", violations(warnedShown));
    if (warnedInDrift > 0)
      lines.push(
        "",
        `\u2026 and ${warnedInDrift} drifted ${warnedInDrift === 1 ? "column" : "columns"}: see the drift table.`
      );
  } else if (warnedInDrift > 0) {
    lines.push(
      "",
      `### Warnings (${warned.length})`,
      "",
      `${warnedInDrift} drifted ${warnedInDrift === 1 ? "column" : "columns"}: see the drift table.`
    );
  }
  const ranked = drift ? rankDrift(drift.columns) : void 0;
  if (drift && ranked) lines.push(...driftSection(drift, ranked));
  if (result.hygiene) lines.push("", renderHygiene(result.hygiene).trimEnd());
  if (ranked && (ranked.compared.length > shownDriftRows(ranked) || ranked.skipped.length > namedSkipped)) {
    lines.push(
      "",
      `<details><summary>Drift of every column (${ranked.compared.length} compared${ranked.skipped.length > 0 ? `, ${ranked.skipped.length} not compared` : ""})</summary>`,
      "",
      driftTable([...ranked.compared, ...ranked.skipped]),
      "",
      "</details>"
    );
  }
  if (passed.length > 0) {
    lines.push(
      "",
      `<details><summary>Passed (${passed.length})</summary>`,
      "",
      passedTable(passed),
      "",
      "</details>"
    );
  }
  return `${lines.join("\n")}
`;
}
var chartedColumns = 5;
var nearestShown = 10;
var allShownUpTo = 25;
var namedSkipped = 20;
var maxBinLabelLength = 18;
function rankDrift(columns) {
  const compared = columns.filter((column) => column.skipped === void 0).map((column) => ({ column, severity: severityOf(column) })).sort(
    (a, b) => Number(b.column.drifted) - Number(a.column.drifted) || b.severity - a.severity || a.column.column.localeCompare(b.column.column)
  ).map(({ column }) => column);
  return {
    compared,
    drifted: compared.filter((column) => column.drifted),
    skipped: columns.filter((column) => column.skipped !== void 0)
  };
}
function isPValueTest2(test) {
  return test === "ks" || test === "chi-square";
}
function severityOf(column) {
  if (isPValueTest2(column.test) && column.pValue !== void 0) {
    return column.pValue <= 0 ? Number.POSITIVE_INFINITY : column.threshold / column.pValue;
  }
  const severity = column.statistic / column.threshold;
  return Number.isNaN(severity) ? Number.NEGATIVE_INFINITY : severity;
}
function percent4(share) {
  return `${Number((share * 100).toFixed(1))} %`;
}
function driftVerdict(drift) {
  const compared = drift.columns.filter((column) => column.skipped === void 0).length;
  const drifted = drift.columns.filter((column) => column.skipped === void 0 && column.drifted).length;
  const counted = `${drifted} of ${compared} compared ${compared === 1 ? "column" : "columns"} drifted (${percent4(drift.share)})`;
  return drift.drifted ? `\u274C the data set drifted: ${counted}, at or over the gate's ${percent4(drift.shareThreshold)}` : `\u2705 ${counted}, under the gate's ${percent4(drift.shareThreshold)}`;
}
function shownDriftRows(ranked) {
  const total = ranked.compared.length;
  return total <= allShownUpTo ? total : Math.min(total, ranked.drifted.length + nearestShown);
}
function driftSection(drift, ranked) {
  const lines = ["", `### Drift against the reference`, "", driftVerdict(drift)];
  const shown = ranked.compared.slice(0, shownDriftRows(ranked));
  if (shown.length > 0) lines.push("", driftTable(shown));
  const notShown = ranked.compared.length - shown.length;
  if (notShown > 0) {
    lines.push(
      "",
      `${notShown} more compared ${notShown === 1 ? "column" : "columns"} did not drift (further from the threshold than those above); every column is listed below.`
    );
  }
  if (ranked.skipped.length > 0) {
    const named = ranked.skipped.slice(0, namedSkipped).map((column) => `\`${column.column}\` (${column.skipped})`).join(", ");
    const more = ranked.skipped.length > namedSkipped ? `, and ${ranked.skipped.length - namedSkipped} more` : "";
    lines.push("", `Not compared: ${named}${more}.`);
  }
  const charted = ranked.drifted.filter((column) => column.chart !== void 0).slice(0, chartedColumns);
  if (charted.length > 0) {
    lines.push(
      "",
      `#### ${charted.length === 1 ? "The drifted column" : `The ${charted.length} most drifted columns`}: reference (bars) and current (line)`
    );
    for (const column of charted) lines.push("", chartCaption(column), "", driftChart(column));
  }
  return lines;
}
var testLabels = {
  ks: "KS",
  "chi-square": "chi-square",
  wasserstein: "Wasserstein / std",
  "jensen-shannon": "Jensen-Shannon",
  psi: "PSI"
};
function testLabel(column) {
  return `${testLabels[column.test]}${column.binned ? " (on bins)" : ""}`;
}
function driftTable(columns) {
  const withPValue = columns.some((column) => column.pValue !== void 0);
  return table(
    ["Column", "Test", "Statistic", ...withPValue ? ["p-value"] : [], "Drift at", "Drifted"],
    columns.map((column) => [
      column.column,
      column.skipped === void 0 ? testLabel(column) : "",
      column.skipped === void 0 ? formatNumber2(column.statistic) : "",
      ...withPValue ? [column.pValue === void 0 ? "" : formatNumber2(column.pValue)] : [],
      column.skipped === void 0 ? thresholdText(column) : "",
      column.skipped !== void 0 ? `not compared: ${column.skipped}` : column.drifted ? "\u274C yes" : "\u2705 no"
    ])
  );
}
function thresholdText(column) {
  return isPValueTest2(column.test) ? `p \u2264 ${formatNumber2(column.threshold)}` : `\u2265 ${formatNumber2(column.threshold)}`;
}
function formatNumber2(value) {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e6) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}
function chartCaption(column) {
  const p = column.pValue === void 0 ? "" : `, p = ${formatNumber2(column.pValue)}`;
  return `**${column.column.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`)}**: ${testLabel(column)} ${formatNumber2(column.statistic)}${p} (drift at ${thresholdText(column)})`;
}
function mermaidText(text, maxLength = Number.POSITIVE_INFINITY) {
  const flat = text.replace(/"/g, "'").replace(/[\r\n]+/g, " ");
  return flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}\u2026` : flat;
}
function shares(values) {
  const total = values.reduce((sum, value) => sum + value, 0);
  const scaled = total > 1 + 1e-9 ? values.map((value) => value / total) : values;
  return scaled.map((value) => Number(value.toFixed(4)));
}
function driftChart(column) {
  const chart = column.chart;
  if (chart === void 0) return "";
  const reference = shares(chart.reference);
  const current = shares(chart.current);
  const top = Math.max(...reference, ...current, 0);
  const yMax = Math.min(1, Math.max(0.05, Math.ceil(top * 20) / 20));
  return [
    "```mermaid",
    "xychart-beta",
    `  title "${mermaidText(column.column, 60)}: reference (bars) vs current (line)"`,
    `  x-axis [${chart.labels.map((label) => `"${mermaidText(label, maxBinLabelLength)}"`).join(", ")}]`,
    `  y-axis "share of rows" 0 --> ${yMax}`,
    `  bar [${reference.join(", ")}]`,
    `  line [${current.join(", ")}]`,
    "```"
  ].join("\n");
}
function violations(checks) {
  return table(
    ["Column", "Rule", "Expected", "Observed", "Message"],
    checks.map((check2) => [
      check2.column ?? "(table)",
      check2.location?.line === void 0 ? check2.name : `${check2.name} (line ${check2.location.line})`,
      brief(check2.expected),
      brief(check2.observed),
      check2.message
    ])
  );
}
function passedTable(checks) {
  const byColumn = /* @__PURE__ */ new Map();
  for (const check2 of checks) {
    const column = check2.column ?? "(table)";
    const rules = byColumn.get(column) ?? [];
    rules.push(check2.name);
    byColumn.set(column, rules);
  }
  return table(
    ["Column", "Rules passed"],
    [...byColumn].map(([column, rules]) => [column, rules.join(", ")])
  );
}
function brief(value) {
  if (value === void 0 || value === null) return "";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > maxValueLength ? `${text.slice(0, maxValueLength - 1)}\u2026` : text;
}

// packages/core/src/steps/validate-data/index.ts
async function driftOf(reference, referenceTable, current, input, meta) {
  let profile = current.profile;
  if (!profile) {
    const table2 = current.table;
    const shared = new Set(
      reference.columns.map((column) => column.name).filter((name) => table2.columns.some((c) => c.name === name))
    );
    profile = await profileTable(table2, {
      file: current.file,
      digest: current.digest,
      ...driftProfileOptions(reference, meta.schema),
      columns: shared,
      values: false
    });
  }
  const referenceSide = {
    profile: reference,
    ...referenceTable ? { table: referenceTable } : {}
  };
  const currentSide = { profile, ...current.table ? { table: current.table } : {} };
  return compareDrift(referenceSide, currentSide, {
    reference: { path: meta.path, kind: meta.kind },
    digest: reference.data.digest,
    test: input.driftTest,
    ...input.driftThreshold === void 0 ? {} : { threshold: input.driftThreshold },
    share: input.driftShare,
    ...meta.schema ? { schema: meta.schema } : {}
  });
}
async function run(input, environment) {
  const { cwd, logger } = environment;
  const merging = input.mergeProfiles.length > 0;
  const inferred = input.inferSchema !== void 0;
  const schemaFile = input.schema ?? input.inferSchema;
  const schemaPath = schemaFile === void 0 ? void 0 : resolve2(cwd, schemaFile);
  let schema = input.schema !== void 0 ? await loadSchema(schemaPath, input.schema) : void 0;
  if (inferred) refuseOverwrite(schemaPath, schemaFile, input.force);
  const profilePath = input.writeProfile === void 0 ? void 0 : resolve2(cwd, input.writeProfile);
  if (profilePath) refuseOverwrite(profilePath, input.writeProfile, input.force);
  let reference;
  if (input.reference !== void 0) {
    const path = resolve2(cwd, input.reference);
    reference = isProfileFile(input.reference) ? { kind: "profile", file: input.reference, profile: await loadProfile(path, input.reference) } : {
      kind: "data",
      file: input.reference,
      path,
      format: formatOrFallback(input.reference, input.format)
    };
  }
  const textColumns = (schema?.columns ?? []).filter((column) => column.type?.value === "string").map((c) => c.name);
  const driftMeta = (kind) => ({
    path: input.reference,
    kind,
    schema
  });
  let outcome;
  let dataPath;
  let format;
  if (merging) {
    format = "profiles";
    dataPath = input.mergeProfiles.join(", ");
    const parts = [];
    for (const file of input.mergeProfiles) {
      parts.push({ file, profile: await loadProfile(resolve2(cwd, file), file) });
    }
    const merged = mergeProfiles(parts);
    logger.info(`validate-data: merged ${parts.length} profiles (${merged.data.rows} rows)`);
    const checks2 = schema ? checkProfile(merged, schema) : [];
    let drift;
    const current = { profile: merged, file: dataPath, digest: merged.data.digest };
    if (reference?.kind === "profile") {
      drift = await driftOf(reference.profile, void 0, current, input, driftMeta("profile"));
    } else if (reference?.kind === "data") {
      const ref = reference;
      drift = await withData(
        {
          relation: relations.reference,
          path: ref.path,
          file: ref.file,
          format: ref.format,
          textColumns,
          logger,
          progress: environment.progress
        },
        async (table2) => driftOf(await profileReference(table2, ref, schema), table2, current, input, driftMeta("data"))
      );
    }
    outcome = {
      checks: [...checks2, ...drift?.checks ?? []],
      rows: merged.data.rows,
      columns: merged.columns.length,
      digest: merged.data.digest,
      ...drift ? { drift } : {},
      profile: merged
    };
  } else {
    const dataFile = input.data;
    const dataFormat = formatOf(dataFile, input.format);
    format = dataFormat;
    dataPath = dataFile;
    const absolute = resolve2(cwd, dataFile);
    const sources = [
      { path: absolute, file: dataFile, format: dataFormat, textColumns, logger }
    ];
    if (reference?.kind === "data") {
      sources.push({
        relation: relations.reference,
        path: reference.path,
        file: reference.file,
        format: reference.format,
        textColumns,
        logger
      });
    }
    if (input.test !== void 0) {
      sources.push({
        relation: relations.test,
        path: resolve2(cwd, input.test),
        file: input.test,
        format: formatOrFallback(input.test, input.format),
        textColumns,
        logger
      });
    }
    logger.info(`validate-data: reading ${dataFile} (${dataFormat})`);
    outcome = await withDatasets(
      sources,
      logger,
      async (tables) => {
        const table2 = tables[0];
        const referenceTable = tables.find((t) => t.relation === relations.reference);
        const testTable = tables.find((t) => t.relation === relations.test);
        const digesting = fileDigest(absolute);
        digesting.catch(() => void 0);
        const checks2 = [];
        let rows;
        if (inferred) {
          logger.info(`validate-data: inferring a schema from ${table2.columns.length} columns`);
          const written2 = await inferSchema(table2, { file: dataFile, digest: await digesting });
          await writeFileAtomic(schemaPath, written2.text);
          logger.info(`validate-data: wrote ${schemaFile}; checking the data against it`);
          schema = await loadSchema(schemaPath, schemaFile);
        }
        if (schema) {
          logger.info(
            `validate-data: checking ${schema.columns.length} schema columns against ${table2.columns.length} data columns`
          );
          const checked = await checkData(table2, schema);
          checks2.push(...checked.checks);
          rows = checked.rows;
        }
        let hygiene;
        if (testTable) {
          logger.info(`validate-data: train/test checks of ${dataFile} and ${input.test}`);
          const found = await checkHygiene(table2, testTable, {
            ...input.label === void 0 ? {} : { label: input.label },
            config: schema?.hygiene?.config ?? defaultHygieneConfig,
            ...schema ? { schemaFile: schema.file } : {},
            ...schema?.hygiene?.lines ? { lines: schema.hygiene.lines } : {}
          });
          checks2.push(...found.checks);
          hygiene = found.summary;
        }
        const digest = await digesting;
        let referenceProfile;
        if (reference?.kind === "profile") referenceProfile = reference.profile;
        else if (reference?.kind === "data" && referenceTable) {
          logger.info(`validate-data: profiling the reference ${reference.file}`);
          referenceProfile = await profileReference(referenceTable, reference, schema);
        }
        let profile;
        if (profilePath) {
          logger.info(`validate-data: profiling ${dataFile}`);
          profile = await profileTable(table2, {
            file: dataFile,
            digest,
            ...referenceProfile ? { edges: referenceEdges(referenceProfile) } : {}
          });
          rows ??= profile.data.rows;
        }
        let drift;
        if (referenceProfile) {
          logger.info(`validate-data: comparing ${dataFile} with the reference ${input.reference}`);
          drift = await driftOf(
            referenceProfile,
            referenceTable,
            { table: table2, ...profile ? { profile } : {}, file: dataFile, digest },
            input,
            driftMeta(reference?.kind ?? "data")
          );
          checks2.push(...drift.checks);
        }
        if (rows === void 0) {
          const [row] = await table2.query(`SELECT count(*) AS n FROM ${table2.relation}`);
          rows = Number(row?.n ?? 0);
        }
        return {
          checks: checks2,
          rows,
          columns: table2.columns.length,
          digest,
          ...drift ? { drift } : {},
          ...hygiene ? { hygiene } : {},
          ...profile ? { profile } : {}
        };
      },
      environment.progress
    );
  }
  let written;
  if (profilePath && outcome.profile) {
    const text = profileText(outcome.profile);
    await writeFileAtomic(profilePath, text);
    written = { path: input.writeProfile, digest: await fileDigest(profilePath) };
    logger.info(`validate-data: wrote the profile ${input.writeProfile}`);
  }
  const checks = outcome.checks;
  const result = {
    step: "validate-data",
    status: statusOf(checks),
    checks,
    data: { path: dataPath, format, digest: outcome.digest, rows: outcome.rows, columns: outcome.columns },
    ...schema && schemaPath ? { schema: { path: schemaFile, digest: await fileDigest(schemaPath), inferred } } : {},
    ...outcome.drift ? { drift: outcome.drift.summary } : {},
    ...outcome.hygiene ? { hygiene: outcome.hygiene } : {},
    ...written ? { profile: written } : {},
    counts: {
      passed: checks.filter((check2) => check2.status === "passed").length,
      failed: checks.filter((check2) => check2.status === "failed").length,
      warned: checks.filter((check2) => check2.status === "warned").length
    }
  };
  const markdown = renderReport(result);
  const files = await writeStepReports(resolve2(cwd, input.out), result, markdown);
  return {
    result,
    headline: headlineOf(result),
    markdown,
    // Relative to the working directory, like every path a user gives: usable as is by upload-artifact & co.
    outputs: {
      status: result.status,
      "report-path": relative(cwd, files.markdown),
      "dataset-digest": outcome.digest,
      ...result.drift ? { "drift-share": String(Number(result.drift.share.toPrecision(6))) } : {}
    },
    files
  };
}
function refuseOverwrite(path, file, force) {
  if (!force && existsSync(path))
    throw new InputError(`${file}: already exists; set the force option to replace it`);
}
async function profileReference(table2, reference, schema) {
  return profileTable(table2, {
    file: reference.file,
    digest: await fileDigest(reference.path),
    countsOnly: columnsWithoutDrift(schema)
  });
}
function formatOrFallback(file, explicit) {
  try {
    return formatOf(file);
  } catch (error) {
    if (explicit) return explicit;
    throw error;
  }
}
var validateDataStep = defineStep({
  name: "validate-data",
  summary: "Check a data file against its schema contract, a reference for drift, and its test set.",
  input: validateDataInput,
  outputs: {
    status: "passed or failed.",
    "report-path": "Path of the Markdown report (validate-data.md), relative to the working directory; validate-data.json and validate-data.junit.xml are next to it.",
    "dataset-digest": "sha256 digest of the data file (sha256:<hex>), for lineage records.",
    "drift-share": "Share of compared columns that drifted against the reference (0 to 1); set only when a reference is given."
  },
  run
});

// packages/core/src/steps/index.ts
var steps = [
  validateDataStep,
  trainStep,
  evaluateStep,
  buildImageStep,
  promoteStep
];

// packages/core/src/io/http-get.ts
var TransientStatus = class extends Error {
  constructor(answer) {
    super(`HTTP ${answer.status}`);
    this.answer = answer;
  }
  answer;
};
var maxRedirects = 5;
async function httpGet(url, options) {
  let attempts = 0;
  try {
    return await withRetries(
      async () => {
        attempts++;
        const answer = await getOnce(url, options);
        if (answer.status >= 500 || answer.status === 429) throw new TransientStatus(answer);
        return answer;
      },
      (error) => error instanceof TransientStatus || isNetworkError(error),
      options.retry
    );
  } catch (error) {
    const tries = attempts > 1 ? ` (after ${attempts} attempts)` : "";
    const where = redacted(url);
    if (error instanceof TransientStatus)
      throw new ServiceError(`${options.service} answered ${statusLine(error.answer)} for ${where}${tries}`);
    if (isNetworkError(error))
      throw new ServiceError(`cannot reach ${options.service} at ${where}: ${networkReason(error)}${tries}`, {
        cause: error
      });
    throw error;
  }
}
async function getOnce(url, options) {
  const origin = new URL(url).origin;
  let current = url;
  for (let hop = 0; ; hop++) {
    const sameOrigin = new URL(current).origin === origin;
    const response = await fetch(current, {
      redirect: "manual",
      headers: { ...options.headers, ...sameOrigin ? options.credentials : {} },
      signal: AbortSignal.timeout(options.timeoutMs ?? 12e4)
    });
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel().catch(() => void 0);
      if (hop >= maxRedirects)
        throw new ServiceError(
          `${options.service}: more than ${maxRedirects} redirects from ${redacted(url)}`
        );
      current = new URL(location, current).toString();
      continue;
    }
    const length = Number(response.headers.get("content-length") ?? Number.NaN);
    const limit = options.maxBytes ?? Number.POSITIVE_INFINITY;
    if (length > limit) {
      await response.body?.cancel().catch(() => void 0);
      throw new ServiceError(
        `${options.service}: ${redacted(current)} is ${length} bytes, more than ${limit}`
      );
    }
    const body = await readLimited(response, limit, () => {
      throw new ServiceError(`${options.service}: ${redacted(current)} is over ${limit} bytes`);
    });
    return {
      status: response.status,
      statusText: response.statusText,
      url: current,
      headers: response.headers,
      body
    };
  }
}
async function readLimited(response, limit, tooLarge) {
  if (!response.body) return Buffer.alloc(0);
  const chunks = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.length;
    if (size > limit) {
      await response.body.cancel().catch(() => void 0);
      tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
function statusLine(answer) {
  return answer.statusText ? `${answer.status} ${answer.statusText}` : String(answer.status);
}
function redacted(url) {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

// packages/core/src/platform/local.ts
var LocalPlatform = class {
  constructor(logger) {
    this.logger = logger;
  }
  logger;
  name = "local";
  context() {
    return { platform: "local" };
  }
  async publish(report) {
    this.logger.info(`report: ${report.files.markdown} (also ${report.files.json}, ${report.files.junit})`);
  }
};

export {
  optionsOf,
  coerceOptionText,
  loadConfig,
  createProgress,
  executeStep,
  httpGet,
  statusLine,
  LocalPlatform,
  stderrLogger,
  trainInput,
  steps
};
