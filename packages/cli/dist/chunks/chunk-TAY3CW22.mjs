#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);

// packages/cli/package.json
var package_default = {
  name: "@mlci/cli",
  version: "0.1.0",
  description: "mlci command line: MLOps steps (validate-data, train, evaluate, build-image, promote) for any CI",
  keywords: [
    "mlops",
    "ci",
    "machine-learning",
    "data-validation",
    "model-evaluation",
    "mlflow",
    "oci",
    "cli",
    "github-actions",
    "gitlab-ci",
    "jenkins"
  ],
  homepage: "https://github.com/mlci-dev/mlci#readme",
  bugs: {
    url: "https://github.com/mlci-dev/mlci/issues"
  },
  repository: {
    type: "git",
    url: "git+https://github.com/mlci-dev/mlci.git",
    directory: "packages/cli"
  },
  author: "The mlci authors",
  license: "Apache-2.0",
  type: "module",
  engines: {
    node: ">=20"
  },
  bin: {
    mlci: "dist/mlci.mjs"
  },
  files: [
    "dist",
    "mlci.schema.json",
    "NOTICE"
  ],
  types: "./dist/index.d.ts",
  exports: {
    ".": {
      types: "./dist/index.d.ts",
      default: "./dist/index.mjs"
    },
    "./package.json": "./package.json",
    "./mlci.schema.json": "./mlci.schema.json"
  },
  publishConfig: {
    access: "public"
  },
  dependencies: {
    "@duckdb/node-api": "1.5.6-r.1"
  },
  devDependencies: {
    "@mlci/bamboo": "0.1.0",
    "@mlci/bitbucket": "0.1.0",
    "@mlci/core": "0.1.0",
    "@mlci/github": "0.1.0",
    "@mlci/gitlab": "0.1.0",
    "@mlci/jenkins": "0.1.0",
    commander: "^14.0.3"
  }
};

// packages/cli/src/help-text.ts
var programDescription = "MLOps steps for the CI you already run: validate-data, train, evaluate, build-image, promote.";
var modelDescription = "List the models in a registry; show their versions, digests, lineage and aliases.";
var exitCodesHelp = `
Exit codes:
  0  passed
  1  a gate failed (the report says which checks)
  2  usage or input error: bad flag, bad mlci.yaml, missing or malformed file
  3  an outside service failed after retries
  4  internal error in mlci (a bug: please report it with the --debug output)`;
var commonHelp = `
Options may also come from mlci.yaml in the working directory (or --config FILE), one section per step,
with the same names as the flags; flags win over the file.`;
var helpEpilogue = `${commonHelp}
${exitCodesHelp}`;
var commonStepOptions = [
  { flags: "--config <file>", description: "read defaults from this mlci.yaml instead of ./mlci.yaml" },
  { flags: "--json", description: "also print the result JSON on stdout" },
  { flags: "--debug", description: "log details and show stack traces" }
];
function optionFlags(spec) {
  const argument = spec.kind === "list" ? " <values...>" : spec.kind === "boolean" ? "" : spec.kind === "number" ? " <n>" : " <value>";
  return `--${spec.name}${argument}`;
}

export {
  package_default,
  programDescription,
  modelDescription,
  exitCodesHelp,
  helpEpilogue,
  commonStepOptions,
  optionFlags
};
