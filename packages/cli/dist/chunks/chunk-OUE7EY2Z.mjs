#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  commonStepOptions,
  helpEpilogue,
  modelDescription,
  optionFlags,
  package_default,
  programDescription
} from "./chunk-TAY3CW22.mjs";

// packages/cli/src/help.ts
var exitPassed = 0;
var exitUsage = 2;
var helpOption = { term: "-h, --help", description: "display help for command" };
var helpFlags = ["--help", "-h"];
var indent = 2;
var spacer = 2;
var minWidthToWrap = 40;
function helpAnswer(argv, width, commands) {
  const [first, second, ...rest] = argv;
  if (rest.length > 0) return void 0;
  if (first === void 0) return { text: programHelp(width, commands), exitCode: exitUsage };
  if (second === void 0) {
    if (first === "--version" || first === "-V")
      return { text: `${package_default.version}
`, exitCode: exitPassed };
    if (helpFlags.includes(first) || first === "help")
      return { text: programHelp(width, commands), exitCode: exitPassed };
    return void 0;
  }
  const step = commands.find(
    (command) => command.name === first && helpFlags.includes(second) || first === "help" && command.name === second
  );
  return step ? { text: stepHelp(step, width), exitCode: exitPassed } : void 0;
}
function programHelp(width, commands) {
  const options = [{ term: "-V, --version", description: "output the version number" }, helpOption];
  const subcommands = [
    ...commands.map((command) => ({ term: `${command.name} [options]`, description: command.summary })),
    { term: "model", description: modelDescription },
    { term: "help [command]", description: "display help for command" }
  ];
  return helpText("mlci [options] [command]", programDescription, width, [
    ["Options:", options],
    ["Commands:", subcommands]
  ]);
}
function stepHelp(step, width) {
  const options = [
    ...step.options.map((spec) => ({
      term: optionFlags(spec),
      // Commander adds an option's choices; no default is set (program.ts), so none is shown.
      description: spec.choices ? `${spec.description} (choices: ${spec.choices.map((choice) => JSON.stringify(choice)).join(", ")})` : spec.description
    })),
    ...commonStepOptions.map(({ flags, description }) => ({ term: flags, description })),
    helpOption
  ];
  return helpText(`mlci ${step.name} [options]`, step.summary, width, [["Options:", options]]);
}
function helpText(usage, description, width, lists) {
  const termWidth = Math.max(...lists.flatMap(([, items]) => items.map((item) => item.term.length)));
  const lines = [`Usage: ${usage}`, "", wrap(description, width), ""];
  for (const [heading, items] of lists) {
    lines.push(heading, ...items.map((item) => formatItem(item, termWidth, width)), "");
  }
  return `${lines.join("\n")}${helpEpilogue}
`;
}
function formatItem({ term, description }, termWidth, width) {
  const remaining = width - termWidth - spacer - indent;
  const preformatted = /\n[^\S\r\n]/.test(description);
  const text = remaining < minWidthToWrap || preformatted ? description : wrap(description, remaining).replace(/\n/g, `
${" ".repeat(termWidth + spacer)}`);
  return `${" ".repeat(indent)}${term.padEnd(termWidth)}${" ".repeat(spacer)}${text.replace(/\n/g, `
${" ".repeat(indent)}`)}`;
}
function wrap(text, width) {
  if (width < minWidthToWrap) return text;
  return text.split(/\r\n|\n/).map((line) => {
    const chunks = line.match(/\s*\S+/g);
    if (chunks === null) return "";
    const lines = [];
    let current = chunks[0];
    for (const chunk of chunks.slice(1)) {
      if (current.length + chunk.length <= width) current += chunk;
      else {
        lines.push(current);
        current = chunk.trimStart();
      }
    }
    lines.push(current);
    return lines.join("\n");
  }).join("\n");
}

// packages/cli/src/step-commands.generated.ts
var stepCommands = [
  {
    name: "validate-data",
    summary: "Check a data file against its schema contract, a reference for drift, and its test set.",
    options: [
      {
        key: "data",
        name: "data",
        kind: "string",
        description: "Data file to check: CSV, TSV, JSON Lines (.jsonl, .ndjson) or Parquet.",
        required: false
      },
      {
        key: "schema",
        name: "schema",
        kind: "string",
        description: "Schema file (YAML) the data must satisfy.",
        required: false
      },
      {
        key: "inferSchema",
        name: "infer-schema",
        kind: "string",
        description: "Write a starting schema inferred from the data to this file (YAML), then check the data against it.",
        required: false
      },
      {
        key: "force",
        name: "force",
        kind: "boolean",
        description: "Allow infer-schema and write-profile to replace a file that already exists.",
        required: false,
        defaultValue: false
      },
      {
        key: "format",
        name: "format",
        kind: "enum",
        choices: ["csv", "tsv", "jsonl", "parquet"],
        description: "Format of the data file; by default taken from its extension.",
        required: false
      },
      {
        key: "reference",
        name: "reference",
        kind: "string",
        description: "Reference to compare the data with for drift: a data file, a profile from write-profile, or registry:NAME@ALIAS or registry:NAME@VERSION: the profile of the training data of that model version (kept by train --evidence from validate-data --write-profile), to compare production data with.",
        required: false
      },
      {
        key: "registry",
        name: "registry",
        kind: "string",
        description: "Model registry of a registry: reference: file:DIR, oci://HOST[:PORT]/PREFIX, mlflow+http(s)://HOST[:PORT][/PATH] or gitlab+https://HOST/GROUP/PROJECT.",
        required: false,
        defaultValue: "file:.mlci/registry"
      },
      {
        key: "insecureRegistry",
        name: "insecure-registry",
        kind: "boolean",
        description: "Allow plain HTTP to an OCI registry that is not on localhost.",
        required: false,
        defaultValue: false
      },
      {
        key: "writeProfile",
        name: "write-profile",
        kind: "string",
        description: "Write the data's profile (counts, quantile bin edges, category frequencies, digest) to this JSON file, to pin as a reference or merge.",
        required: false
      },
      {
        key: "mergeProfiles",
        name: "merge-profiles",
        kind: "list",
        description: "Profiles of the partitions of one data set (from write-profile) to check as a whole instead of data.",
        required: false,
        defaultValue: []
      },
      {
        key: "test",
        name: "test",
        kind: "string",
        description: "Test set to check with data as the training set: duplicates, overlap, conflicting labels, unseen categories, leakage.",
        required: false
      },
      {
        key: "label",
        name: "label",
        kind: "string",
        description: "Label column of data and test, for the train/test checks.",
        required: false
      },
      {
        key: "driftTest",
        name: "drift-test",
        kind: "enum",
        choices: ["auto", "ks", "chi-square", "wasserstein", "jensen-shannon", "psi"],
        description: "Drift test for columns whose schema names none; auto picks by column type and reference size.",
        required: false,
        defaultValue: "auto"
      },
      {
        key: "driftThreshold",
        name: "drift-threshold",
        kind: "number",
        description: "Drift threshold for columns whose schema sets none: a p-value for ks and chi-square (drift at p <= it), a distance for the others (drift at >= it).",
        required: false
      },
      {
        key: "driftShare",
        name: "drift-share",
        kind: "number",
        description: "The data set has drifted, and the gate fails, when at least this share of compared columns drift.",
        required: false,
        defaultValue: 0.5
      },
      {
        key: "maxLineSize",
        name: "max-line-size",
        kind: "number",
        description: "Longest record of a CSV/TSV file read, in bytes (DuckDB's max_line_size); raise it for data with very long fields.",
        required: false,
        defaultValue: 2e6
      },
      {
        key: "reportId",
        name: "report-id",
        kind: "string",
        description: "Which PR/MR comment this job's report keeps updating; by default the CI job's name (GitLab job, GitHub job and step id, Jenkins stage), so two jobs of one step keep one comment each.",
        required: false
      },
      {
        key: "out",
        name: "out",
        kind: "string",
        description: "Directory the report files are written to.",
        required: false,
        defaultValue: ".mlci"
      },
      {
        key: "alert",
        name: "alert",
        kind: "enum",
        choices: ["issue"],
        description: "Raise an alert when the run fails, for scheduled pipelines without a PR/MR: issue keeps one issue per model and alias (else per report id) on GitHub or GitLab, updated on each failing run and closed when a run passes. Where no issue tracker is known (Jenkins, plain CLI), the report file is the alert.",
        required: false
      }
    ]
  },
  {
    name: "train",
    summary: "Run the training command with lineage, a run cache, model registration and experiment tracking.",
    options: [
      {
        key: "command",
        name: "command",
        kind: "string",
        description: "The training command, run by the shell (sh -c) in the working directory: any language.",
        required: true
      },
      {
        key: "inputs",
        name: "inputs",
        kind: "list",
        description: "Files, directories and globs the command reads (data, and code when the cache key leaves out the commit); fingerprinted by content.",
        required: false,
        defaultValue: []
      },
      {
        key: "outputs",
        name: "outputs",
        kind: "string",
        description: "Directory the command writes its model files to, inside the working directory.",
        required: true
      },
      {
        key: "params",
        name: "params",
        kind: "string",
        description: "Parameters file (YAML or JSON object) for the command; param values override its keys.",
        required: false
      },
      {
        key: "param",
        name: "param",
        kind: "list",
        description: "A parameter as KEY=VALUE (the value read as YAML: 0.1 is a number); overrides the params file.",
        required: false,
        defaultValue: []
      },
      {
        key: "metrics",
        name: "metrics",
        kind: "string",
        description: "JSON file of metrics the command writes (an object of numbers, nested keys joined by dots).",
        required: false
      },
      {
        key: "timeout",
        name: "timeout",
        kind: "number",
        description: "Seconds the command may run (at most 2,147,483, about 24 days); past it, the command and its children are killed and the step fails.",
        required: false
      },
      {
        key: "env",
        name: "env",
        kind: "list",
        description: "Environment variables that change the result (e.g. CUDA_VISIBLE_DEVICES): recorded, and part of the cache key.",
        required: false,
        defaultValue: []
      },
      {
        key: "cacheStore",
        name: "cache-store",
        kind: "string",
        description: "Run cache: a directory, or oci://HOST[:PORT]/REPOSITORY to share it between runners.",
        required: false,
        defaultValue: ".mlci/cache"
      },
      {
        key: "noCache",
        name: "no-cache",
        kind: "boolean",
        description: "Run the command even when the run cache has its result (the new result is still stored).",
        required: false,
        defaultValue: false
      },
      {
        key: "cacheKeep",
        name: "cache-keep",
        kind: "number",
        description: "How many entries a directory run cache keeps (the most recently used; older ones and content only they held are deleted after each run); 0 keeps all.",
        required: false,
        defaultValue: 20
      },
      {
        key: "cacheKey",
        name: "cache-key",
        kind: "list",
        description: "What the run cache key is made of: command, inputs, params, env, commit, runtime.",
        required: false,
        defaultValue: ["command", "inputs", "params", "env", "commit", "runtime"]
      },
      {
        key: "register",
        name: "register",
        kind: "string",
        description: "Register the outputs as a new version of this model, with the lineage record attached.",
        required: false
      },
      {
        key: "registry",
        name: "registry",
        kind: "string",
        description: "Model registry: file:DIR, oci://HOST[:PORT]/PREFIX, mlflow+http(s)://HOST[:PORT][/PATH] or gitlab+https://HOST/GROUP/PROJECT.",
        required: false,
        defaultValue: "file:.mlci/registry"
      },
      {
        key: "evidence",
        name: "evidence",
        kind: "list",
        description: "Step results to keep with the registered version as evidence for promote (e.g. .mlci/validate-data.json: the training data's validation, and the profile it wrote with write-profile, which validate-data --reference registry:NAME@ALIAS compares production data with), or a profile itself.",
        required: false,
        defaultValue: []
      },
      {
        key: "tracking",
        name: "tracking",
        kind: "string",
        description: "Log the run to an MLflow tracking server: mlflow+http(s)://HOST[:PORT][/PATH].",
        required: false
      },
      {
        key: "experiment",
        name: "experiment",
        kind: "string",
        description: 'MLflow experiment name; by default the repository name, else the model name, else "mlci".',
        required: false
      },
      {
        key: "insecureRegistry",
        name: "insecure-registry",
        kind: "boolean",
        description: "Allow plain HTTP to an OCI registry that is not on localhost.",
        required: false,
        defaultValue: false
      },
      {
        key: "reportId",
        name: "report-id",
        kind: "string",
        description: "Which PR/MR comment this job's report keeps updating; by default the CI job's name (GitLab job, GitHub job and step id, Jenkins stage), so two jobs of one step keep one comment each.",
        required: false
      },
      {
        key: "out",
        name: "out",
        kind: "string",
        description: "Directory the report files, run.json and provenance are written to.",
        required: false,
        defaultValue: ".mlci"
      }
    ]
  },
  {
    name: "evaluate",
    summary: "Compare the candidate model with the baseline on the same data: metrics, intervals, slices, gates.",
    options: [
      {
        key: "candidate",
        name: "candidate",
        kind: "string",
        description: "The candidate model's evaluation: a predictions file (CSV, Parquet, JSON Lines) or a metrics JSON.",
        required: true
      },
      {
        key: "baseline",
        name: "baseline",
        kind: "string",
        description: "What to compare with: a predictions file or metrics JSON, or registry:NAME@VERSION or registry:NAME@ALIAS (the evaluation stored on that model version by attach-to; an alias such as production stands for the version it points at), or branch:NAME or target-branch (baseline-file in the newest baseline-artifact of that branch on GitHub Actions or GitLab CI; target-branch is the PR/MR target, else the default branch).",
        required: false
      },
      {
        key: "baselineArtifact",
        name: "baseline-artifact",
        kind: "string",
        description: "For branch baselines: the GitLab job whose artifacts are read, or the name of the GitHub Actions artifact.",
        required: false,
        defaultValue: "evaluate"
      },
      {
        key: "baselineFile",
        name: "baseline-file",
        kind: "string",
        description: "For branch baselines: the file in the artifact, a path or a file name (evaluate.json, or a predictions file for paired statistics).",
        required: false,
        defaultValue: "evaluate.json"
      },
      {
        key: "labelColumn",
        name: "label-column",
        kind: "string",
        description: "Column of the true labels (or values) in predictions files.",
        required: false,
        defaultValue: "label"
      },
      {
        key: "predictionColumn",
        name: "prediction-column",
        kind: "string",
        description: "Column of the predicted labels (or values) in predictions files.",
        required: false,
        defaultValue: "prediction"
      },
      {
        key: "scoreColumn",
        name: "score-column",
        kind: "string",
        description: "Column of the probability of the positive class, for roc_auc, average_precision and log_loss.",
        required: false
      },
      {
        key: "positiveLabel",
        name: "positive-label",
        kind: "string",
        description: "The positive class of a binary task; by default the greater of the two labels, as scikit-learn takes it.",
        required: false
      },
      {
        key: "sliceColumn",
        name: "slice-column",
        kind: "list",
        description: "Columns to slice the metrics by (each value of each column is a slice; a numeric column of more than 10 values is cut into 5 quantile bins).",
        required: false,
        defaultValue: []
      },
      {
        key: "task",
        name: "task",
        kind: "enum",
        choices: ["auto", "classification", "regression"],
        description: "classification or regression; auto decides as scikit-learn's type_of_target on labels and predictions: regression when either holds non-integer numbers (unless score-column is given), else classification.",
        required: false,
        defaultValue: "auto"
      },
      {
        key: "gate",
        name: "gate",
        kind: "list",
        description: "Gates: METRIC>=V, METRIC<=V, METRIC:max_drop=V, METRIC:max_drop_pct=P, METRIC:non_inferior=MARGIN, mcnemar:alpha=A, each optionally @SLICE.",
        required: false,
        defaultValue: []
      },
      {
        key: "resamples",
        name: "resamples",
        kind: "number",
        description: "Paired bootstrap resamples for the intervals (at most 100,000).",
        required: false,
        defaultValue: 1e3
      },
      {
        key: "confidence",
        name: "confidence",
        kind: "number",
        description: "Confidence level of the bootstrap intervals.",
        required: false,
        defaultValue: 0.95
      },
      {
        key: "seed",
        name: "seed",
        kind: "number",
        description: "Seed of the bootstrap (an unsigned 32-bit integer); by default a fixed one, so a rerun gives the same intervals.",
        required: false
      },
      {
        key: "allowDifferentData",
        name: "allow-different-data",
        kind: "boolean",
        description: "Compare even when candidate and baseline were evaluated on different data (the report says so).",
        required: false,
        defaultValue: false
      },
      {
        key: "rescoreCommand",
        name: "rescore-command",
        kind: "string",
        description: "Re-score a registry: baseline's model on the current data when its stored evaluation was made on other data: runs with MLCI_BASELINE_MODEL (the version's files) and must write MLCI_PREDICTIONS.",
        required: false
      },
      {
        key: "attachTo",
        name: "attach-to",
        kind: "string",
        description: "Store this evaluation on the model version NAME@VERSION (a number, an alias, latest) of the registry, as evidence for promote; NAME alone: the newest version registered from this commit (git HEAD, else the CI's commit), the one train --register made in this pipeline.",
        required: false
      },
      {
        key: "registry",
        name: "registry",
        kind: "string",
        description: "Model registry for attach-to and registry: baselines: file:DIR, oci://HOST[:PORT]/PREFIX, mlflow+http(s)://HOST[:PORT][/PATH] or gitlab+https://HOST/GROUP/PROJECT.",
        required: false,
        defaultValue: "file:.mlci/registry"
      },
      {
        key: "insecureRegistry",
        name: "insecure-registry",
        kind: "boolean",
        description: "Allow plain HTTP to an OCI registry that is not on localhost.",
        required: false,
        defaultValue: false
      },
      {
        key: "reportId",
        name: "report-id",
        kind: "string",
        description: "Which PR/MR comment this job's report keeps updating; by default the CI job's name (GitLab job, GitHub job and step id, Jenkins stage), so two jobs of one step keep one comment each.",
        required: false
      },
      {
        key: "out",
        name: "out",
        kind: "string",
        description: "Directory the report files are written to.",
        required: false,
        defaultValue: ".mlci"
      }
    ]
  },
  {
    name: "build-image",
    summary: "Build an OCI image of the model without a Docker daemon; push it or write an OCI layout.",
    options: [
      {
        key: "base",
        name: "base",
        kind: "string",
        description: "Base image: scratch, a registry reference (python:3.12-slim, ghcr.io/o/r@sha256:\u2026) or an OCI layout on disk (oci:DIR[:TAG]).",
        required: false,
        defaultValue: "scratch"
      },
      {
        key: "platform",
        name: "platform",
        kind: "string",
        description: "os/arch[/variant] to take from a multi-platform base (default linux/amd64); the platform of a scratch image.",
        required: false
      },
      {
        key: "model",
        name: "model",
        kind: "string",
        description: "Model directory, added as its own layer at model-path (an unchanged model is an unchanged layer).",
        required: false
      },
      {
        key: "modelPath",
        name: "model-path",
        kind: "string",
        description: "Where the model directory goes in the image.",
        required: false,
        defaultValue: "/model"
      },
      {
        key: "add",
        name: "add",
        kind: "list",
        description: "App files as SRC:DEST (a file or directory of the workspace, an absolute path in the image); one layer for all.",
        required: false,
        defaultValue: []
      },
      {
        key: "entrypoint",
        name: "entrypoint",
        kind: "string",
        description: 'Entrypoint: a JSON array (["python", "serve.py"]) or words separated by spaces; [] clears the entrypoint of the base.',
        required: false
      },
      {
        key: "cmd",
        name: "cmd",
        kind: "string",
        description: "Default arguments (Cmd), in the same forms as entrypoint.",
        required: false
      },
      {
        key: "env",
        name: "env",
        kind: "list",
        description: "Environment variables as K=V (repeatable); replaces the base's of the same name.",
        required: false,
        defaultValue: []
      },
      {
        key: "workdir",
        name: "workdir",
        kind: "string",
        description: "Working directory of the container (absolute).",
        required: false
      },
      {
        key: "user",
        name: "user",
        kind: "string",
        description: "User (name or uid[:gid]) the container runs as.",
        required: false
      },
      {
        key: "label",
        name: "label",
        kind: "list",
        description: "Image labels as K=V (repeatable), on top of the lineage labels mlci sets.",
        required: false,
        defaultValue: []
      },
      {
        key: "tag",
        name: "tag",
        kind: "list",
        description: "Image references to push (registry/repository:tag; repeatable), or the tag in the OCI layout.",
        required: false,
        defaultValue: []
      },
      {
        key: "push",
        name: "push",
        kind: "boolean",
        description: "Push to the registry of each tag; otherwise the image goes to oci-layout.",
        required: false,
        defaultValue: false
      },
      {
        key: "ociLayout",
        name: "oci-layout",
        kind: "string",
        description: "OCI image layout directory the image is written to when not pushing.",
        required: false,
        defaultValue: ".mlci/image"
      },
      {
        key: "compression",
        name: "compression",
        kind: "enum",
        choices: ["gzip", "zstd", "none"],
        description: "Layer compression: gzip (every runtime pulls it), zstd (faster; containerd 1.5+, CRI-O, podman, Docker 23+ pull it; mlci needs Node.js 22.15+ for it), or none for incompressible model weights.",
        required: false,
        defaultValue: "gzip"
      },
      {
        key: "compressionLevel",
        name: "compression-level",
        kind: "number",
        description: "Level: gzip 1 (fastest, the default, as go-containerregistry and ko use) to 9 (smallest); zstd 1 (the default, fastest) to 19.",
        required: false,
        defaultValue: 1
      },
      {
        key: "trainResult",
        name: "train-result",
        kind: "string",
        description: "train's result, for the lineage labels (run id, data and model digests, model version); skipped when absent.",
        required: false,
        defaultValue: ".mlci/train.json"
      },
      {
        key: "attachTo",
        name: "attach-to",
        kind: "string",
        description: "Record the image (reference and digest) on the model version NAME@VERSION (a number, an alias, latest) of the registry, as evidence for promote; NAME alone: the newest version registered from this commit (git HEAD, else the CI's commit), the one train --register made in this pipeline.",
        required: false
      },
      {
        key: "registry",
        name: "registry",
        kind: "string",
        description: "Model registry for attach-to: file:DIR, oci://HOST[:PORT]/PREFIX, mlflow+http(s)://HOST[:PORT][/PATH] or gitlab+https://HOST/GROUP/PROJECT.",
        required: false,
        defaultValue: "file:.mlci/registry"
      },
      {
        key: "insecureRegistry",
        name: "insecure-registry",
        kind: "boolean",
        description: "Allow plain HTTP to an image or model registry that is not on localhost.",
        required: false,
        defaultValue: false
      },
      {
        key: "dockerfile",
        name: "dockerfile",
        kind: "string",
        description: "Build this Dockerfile with the builder the runner has (buildah, kaniko, docker buildx) instead, with the lineage labels added; base, model, add and the config options do not apply.",
        required: false
      },
      {
        key: "context",
        name: "context",
        kind: "string",
        description: "Build context directory of the Dockerfile.",
        required: false,
        defaultValue: "."
      },
      {
        key: "builder",
        name: "builder",
        kind: "enum",
        choices: ["auto", "buildah", "docker", "kaniko"],
        description: "Builder of the Dockerfile: auto takes buildah, then kaniko, then docker buildx, whichever is found.",
        required: false,
        defaultValue: "auto"
      },
      {
        key: "reportId",
        name: "report-id",
        kind: "string",
        description: "Which PR/MR comment this job's report keeps updating; by default the CI job's name (GitLab job, GitHub job and step id, Jenkins stage), so two jobs of one step keep one comment each.",
        required: false
      },
      {
        key: "out",
        name: "out",
        kind: "string",
        description: "Directory the report files are written to.",
        required: false,
        defaultValue: ".mlci"
      }
    ]
  },
  {
    name: "promote",
    summary: "Move a model alias (production, staging) to a version whose evidence allows it; retag its image.",
    options: [
      {
        key: "model",
        name: "model",
        kind: "string",
        description: "The registered model whose alias moves.",
        required: true
      },
      {
        key: "to",
        name: "to",
        kind: "string",
        description: "The alias to move (production, staging, \u2026); by default the one the tag rules give for the release tag.",
        required: false
      },
      {
        key: "version",
        name: "version",
        kind: "string",
        description: "The version to promote: a number, an alias or latest (the newest); by default the newest one registered from the commit (from-commit, else the tag's commit).",
        required: false
      },
      {
        key: "fromCommit",
        name: "from-commit",
        kind: "string",
        description: "Promote the newest version registered from this commit (any registration: a version trained again to the same bytes from a later commit counts for both).",
        required: false
      },
      {
        key: "tag",
        name: "tag",
        kind: "string",
        description: "The release tag (v1.4.0); by default the CI's tag (GitHub refs/tags/*, GitLab CI_COMMIT_TAG, Jenkins TAG_NAME).",
        required: false
      },
      {
        key: "rule",
        name: "rule",
        kind: "list",
        description: "Tag rules SELECTOR=ALIAS, first match wins: release, prerelease, a semver range or glob:PATTERN (default release=production and prerelease=staging).",
        required: false,
        defaultValue: []
      },
      {
        key: "require",
        name: "require",
        kind: "list",
        description: "Evidence the version must carry: validation (a passed validate-data), evaluation (a passed evaluate against the alias's current holder on the same data), image (a built image).",
        required: false,
        defaultValue: ["validation", "evaluation", "image"]
      },
      {
        key: "rollback",
        name: "rollback",
        kind: "boolean",
        description: "Move the alias back to the version it pointed at before its last move (no evidence needed: it held the alias).",
        required: false,
        defaultValue: false
      },
      {
        key: "dryRun",
        name: "dry-run",
        kind: "boolean",
        description: "Say what would happen; change nothing.",
        required: false,
        defaultValue: false
      },
      {
        key: "noRetagImages",
        name: "no-retag-images",
        kind: "boolean",
        description: "Leave the version's images alone; by default they get the release tag and the alias (manifest copy in their repository: no rebuild, no upload).",
        required: false,
        defaultValue: false
      },
      {
        key: "deployRepo",
        name: "deploy-repo",
        kind: "string",
        description: "The GitOps repository to hand the deployment to (a git URL or a local path): after the alias moved, the image of the version is written there by digest. Its token: MLCI_DEPLOY_TOKEN.",
        required: false
      },
      {
        key: "deployFile",
        name: "deploy-file",
        kind: "list",
        description: "Files in the deploy repository to set the image in (repeatable): a kustomization, Helm values (with deploy-key) or a manifest. ALIAS=PATH only for that alias (production=overlays/production/kustomization.yaml), PATH for every alias.",
        required: false,
        defaultValue: []
      },
      {
        key: "deployImage",
        name: "deploy-image",
        kind: "string",
        description: "The image repository the cluster pulls from (HOST/PATH, no tag), when it is not where build-image pushed: a mirror, or the registry an OCI-layout image is copied to (skopeo copy keeps the digest). mlci writes it as given and does not check that the image is there.",
        required: false
      },
      {
        key: "deployBranch",
        name: "deploy-branch",
        kind: "string",
        description: "The deploy repository's branch to change; by default its default branch.",
        required: false
      },
      {
        key: "deployMode",
        name: "deploy-mode",
        kind: "enum",
        choices: ["commit", "request"],
        description: "commit: push to the branch; request: push to mlci/deploy/MODEL-ALIAS and open a pull or merge request into the branch.",
        required: false,
        defaultValue: "commit"
      },
      {
        key: "deployContainer",
        name: "deploy-container",
        kind: "string",
        description: "In a plain manifest, the container to set; by default every container running the image's repository.",
        required: false
      },
      {
        key: "deployKey",
        name: "deploy-key",
        kind: "string",
        description: "In Helm values, the key path of the image (image: a map with tag, and digest or repository; image.ref: a string given the whole name:tag@sha256:\u2026).",
        required: false
      },
      {
        key: "deployApiUrl",
        name: "deploy-api-url",
        kind: "string",
        description: "The deploy repository's REST API root, for a host whose name says neither GitHub nor GitLab: https://HOST/api/v3 (GitHub Enterprise Server) or https://HOST/api/v4 (GitLab); by default from deploy-repo.",
        required: false
      },
      {
        key: "registry",
        name: "registry",
        kind: "string",
        description: "Model registry: file:DIR, oci://HOST[:PORT]/PREFIX, mlflow+http(s)://HOST[:PORT][/PATH] or gitlab+https://HOST/GROUP/PROJECT.",
        required: false,
        defaultValue: "file:.mlci/registry"
      },
      {
        key: "insecureRegistry",
        name: "insecure-registry",
        kind: "boolean",
        description: "Allow plain HTTP to a registry that is not on localhost.",
        required: false,
        defaultValue: false
      },
      {
        key: "reportId",
        name: "report-id",
        kind: "string",
        description: "Which PR/MR comment this job's report keeps updating; by default the CI job's name (GitLab job, GitHub job and step id, Jenkins stage), so two jobs of one step keep one comment each.",
        required: false
      },
      {
        key: "out",
        name: "out",
        kind: "string",
        description: "Directory the report files are written to.",
        required: false,
        defaultValue: ".mlci"
      }
    ]
  }
];

// packages/cli/src/run-mlci.ts
async function runMlci(argv, options = {}) {
  const width = (process.stdout.isTTY ? process.stdout.columns : void 0) ?? 80;
  const answer = helpAnswer(argv, width, stepCommands);
  if (answer) {
    process.stdout.write(answer.text);
    return answer.exitCode;
  }
  await options.beforeCommand?.();
  const { runProgram } = await import("./program-GOQVRVNF.mjs");
  return runProgram(argv);
}

export {
  runMlci
};
