#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  flattenParams
} from "./chunk-RSTIAPS5.mjs";
import {
  mlciVersion
} from "./chunk-BRKVSMAE.mjs";
import {
  metricValue
} from "./chunk-TJKDTMP2.mjs";
import {
  evidenceAttachment,
  evidenceTypeOfStep,
  patternBase,
  profileDataDigestAnnotation,
  profileEvidence,
  refuseReplacingKept,
  refuseSameFile,
  statusOf
} from "./chunk-O2IB43A2.mjs";
import {
  git,
  headCommit,
  stepReportFiles,
  writeStepReports
} from "./chunk-HGLLVRDD.mjs";
import {
  HashCache,
  UnlistableFileName,
  describeFileError,
  expandPaths,
  fingerprintFiles,
  hashCachePath
} from "./chunk-QKIDLYGI.mjs";
import {
  isDynamicPattern
} from "./chunk-VXLUZCFX.mjs";
import {
  getOwn,
  setOwn
} from "./chunk-YWAIXB75.mjs";
import {
  parseYamlFile
} from "./chunk-3WGW567F.mjs";
import "./chunk-EHSMM5DC.mjs";
import {
  readInputFile
} from "./chunk-MK3DDHCX.mjs";
import {
  codeSpan,
  formatBytes,
  formatMetric,
  heading,
  link,
  md,
  plural,
  table
} from "./chunk-5PJDXVWP.mjs";
import {
  commandNotFoundStatus,
  runCommand
} from "./chunk-TMMKCTIR.mjs";
import {
  writeFileAtomic
} from "./chunk-VQWOU3SX.mjs";
import {
  versionLabels
} from "./chunk-XMRYHEY6.mjs";
import {
  CorruptCacheEntry
} from "./chunk-JQ6FLF6B.mjs";
import "./chunk-ZAIHXEFC.mjs";
import "./chunk-IS7M7TXC.mjs";
import {
  bytesDigest,
  fileDigest
} from "./chunk-KLG7ZBD7.mjs";
import {
  movePath
} from "./chunk-4VSSUXZN.mjs";
import {
  registerCleanup
} from "./chunk-BOL2UAYQ.mjs";
import {
  parseJson
} from "./chunk-COETP6OK.mjs";
import {
  InputError,
  displayPath
} from "./chunk-C6XSGGFY.mjs";
import "./chunk-AQW5IZUH.mjs";

// packages/core/src/steps/train/run.ts
import { randomUUID } from "node:crypto";
import { existsSync as existsSync2 } from "node:fs";
import { mkdir, readFile, rm, rmdir } from "node:fs/promises";
import { isAbsolute, join as join2, relative, resolve as resolve2, sep } from "node:path";

// packages/core/src/steps/train/cache-key.ts
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, entry]) => entry !== void 0).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
function cacheKey(material, parts) {
  const chosen = new Set(parts);
  const text = canonicalJson({
    v: 1,
    outputs: material.outputs,
    command: chosen.has("command") ? material.command : void 0,
    inputs: chosen.has("inputs") ? material.inputsDigest : void 0,
    params: chosen.has("params") ? material.params : void 0,
    env: chosen.has("env") ? material.variables : void 0,
    commit: chosen.has("commit") ? material.commit : void 0,
    // Left out when unknown, so a command without Python keeps the key it had before runtimes were counted.
    runtime: chosen.has("runtime") ? material.runtime : void 0
  });
  return bytesDigest(text);
}

// packages/core/src/steps/train/environment.ts
import { execFile as execFile2 } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { arch, platform, release } from "node:os";
import { join } from "node:path";

// packages/core/src/steps/train/python.ts
import { execFile } from "node:child_process";
import { basename } from "node:path";
var maxDistributions = 2e3;
var probeTimeoutMs = 2e4;
var maxOutputBytes = 4 * 1024 * 1024;
var probe = `
import importlib.metadata as m, json, sys
found = {}
for d in m.distributions():
    name = d.metadata['Name']
    if name and name.lower() not in found:
        found[name.lower()] = name + '==' + (d.version or '')
print(json.dumps({'executable': sys.executable, 'version': sys.version.split()[0],
    'implementation': sys.implementation.name, 'prefix': sys.prefix,
    'distributions': sorted(found.values(), key=str.lower)}))
`;
var wrappers = /* @__PURE__ */ new Set([
  "uv",
  "poetry",
  "pipenv",
  "pdm",
  "hatch",
  "rye",
  "pixi",
  "conda",
  "mamba",
  "micromamba",
  "env",
  "exec",
  "nice",
  "nohup",
  "timeout"
]);
var setupCommands = /* @__PURE__ */ new Set(["cd", ".", "source", "export"]);
function simpleCommands(line) {
  const commands = [[]];
  let word;
  let quote;
  const finishWord = () => {
    if (word) commands[commands.length - 1]?.push(word);
    word = void 0;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = void 0;
      else if (word) word.text += c;
      if (word) word.end = i + 1;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      word ??= { text: "", start: i, end: i + 1 };
      word.end = i + 1;
    } else if (/\s/.test(c) && c !== "\n") {
      finishWord();
    } else if (c === ";" || c === "&" || c === "|" || c === "\n" || c === "(" || c === ")") {
      finishWord();
      if (commands[commands.length - 1]?.length) commands.push([]);
    } else {
      word ??= { text: "", start: i, end: i };
      word.text += c;
      word.end = i + 1;
    }
  }
  finishWord();
  return commands.filter((words) => words.length > 0);
}
var isPython = (word) => /^(python|pypy)(\d+(\.\d+)*)?$/.test(basename(word));
var isAssignment = (word) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(word);
function pythonInvocation(line) {
  const setup = [];
  for (const words of simpleCommands(line)) {
    let first = 0;
    while (first < words.length - 1 && isAssignment(words[first].text)) first++;
    const program = words[first];
    const start = words[0].start;
    if (setupCommands.has(program.text)) {
      setup.push(line.slice(start, words[words.length - 1].end));
      continue;
    }
    let at = -1;
    if (isPython(program.text)) at = first;
    else if (wrappers.has(basename(program.text)))
      at = words.findIndex((word, index) => index > first && isPython(word.text));
    if (at < 0) continue;
    const invocation = line.slice(start, words[at].end);
    return { invocation, script: [...setup, `${invocation} -c "$MLCI_PYTHON_PROBE"`].join(" && ") };
  }
  return void 0;
}
async function commandPython(line, options) {
  const found = pythonInvocation(line);
  if (!found) return void 0;
  const { invocation, script } = found;
  const answer = await new Promise((resolve3) => {
    execFile(
      "/bin/sh",
      ["-c", script],
      {
        cwd: options.cwd,
        env: { ...options.env, MLCI_PYTHON_PROBE: probe },
        timeout: probeTimeoutMs,
        maxBuffer: maxOutputBytes,
        encoding: "utf8"
      },
      (error, stdout, stderr) => {
        if (!error) return resolve3({ stdout });
        const killed = error.killed;
        const reason = killed ? `no answer within ${probeTimeoutMs / 1e3} s` : (stderr.trim().split("\n").pop() ?? "") || error.message.split("\n")[0] || "failed";
        resolve3({ stdout, error: reason.slice(0, 300) });
      }
    );
  });
  if (answer.error !== void 0) return { invocation, error: answer.error };
  let described;
  try {
    described = parseJson(answer.stdout.trim().split("\n").pop() ?? "", "python");
  } catch {
    return { invocation, error: "the interpreter did not describe itself (no JSON on stdout)" };
  }
  const all = Array.isArray(described.distributions) ? described.distributions.filter((each) => typeof each === "string") : [];
  return {
    invocation,
    ...typeof described.executable === "string" ? { executable: described.executable } : {},
    ...typeof described.version === "string" ? { version: described.version } : {},
    ...typeof described.implementation === "string" ? { implementation: described.implementation } : {},
    ...typeof described.prefix === "string" ? { prefix: described.prefix } : {},
    distributions: all.slice(0, maxDistributions),
    ...all.length > maxDistributions ? { distributionsOmitted: all.length - maxDistributions } : {}
  };
}

// packages/core/src/steps/train/environment.ts
var lockfileNames = [
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "requirements.txt",
  "requirements.lock",
  "poetry.lock",
  "uv.lock",
  "Pipfile.lock",
  "pdm.lock",
  "conda-lock.yml",
  "environment.yml",
  "renv.lock",
  "Cargo.lock",
  "go.sum",
  "Gemfile.lock"
];
function run(file, args, cwd) {
  return new Promise((resolve3) => {
    execFile2(file, args, { cwd, timeout: 5e3, encoding: "utf8" }, (error, stdout, stderr) => {
      if (error) resolve3(void 0);
      else resolve3(`${stdout}${stderr}`.trim());
    });
  });
}
async function gitState(cwd, context) {
  const commit = await headCommit(cwd);
  if (commit) {
    const status = await git(["status", "--porcelain", "--untracked-files=no"], cwd);
    return { commit, ...status === void 0 ? {} : { dirty: status !== "" }, source: "git" };
  }
  return context.commit ? { commit: context.commit, source: "ci" } : { source: "none" };
}
function distribution() {
  try {
    const text = readFileSync("/etc/os-release", "utf8");
    return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1];
  } catch {
    return void 0;
  }
}
async function runEnvironment(cwd, declared, command) {
  const probes = [
    ["python", "python3", ["--version"]],
    ["r", "Rscript", ["--version"]]
  ];
  const runtimes = { node: process.version };
  const [python] = await Promise.all([
    commandPython(command, { cwd, env: process.env }),
    ...probes.map(async ([name, file, args]) => {
      const version = (await run(file, args, cwd))?.split("\n")[0];
      if (version) runtimes[name] = version;
    })
  ]);
  if (python?.version !== void 0) delete runtimes.python;
  const lockfiles = await Promise.all(
    lockfileNames.filter((name) => existsSync(join(cwd, name))).map(async (name) => ({ path: name, digest: await fileDigest(join(cwd, name)) }))
  );
  const variables = {};
  for (const name of [...declared].sort()) variables[name] = process.env[name] ?? null;
  const distro = distribution();
  return {
    os: {
      platform: platform(),
      release: release(),
      arch: arch(),
      ...distro ? { distribution: distro } : {}
    },
    runtimes: Object.fromEntries(Object.entries(runtimes).sort(([a], [b]) => a < b ? -1 : 1)),
    lockfiles,
    variables,
    ...python ? { python } : {}
  };
}

// packages/core/src/steps/train/lineage.ts
var runRecordMediaType = "application/vnd.mlci.run.v1+json";
var provenanceMediaType = "application/vnd.in-toto+json";
var trainBuildType = "https://mlci.dev/train/v1";
var hex = (digest) => digest.replace(/^sha256:/, "");
function sourceUri(ci) {
  return ci.repositoryUrl ? `git+${ci.repositoryUrl}` : void 0;
}
function provenanceOf(record) {
  const outputs = record.outputs;
  const dependencies = [];
  if (record.git.commit) {
    const uri = sourceUri(record.ci);
    dependencies.push({
      ...uri ? { uri: `${uri}@${record.git.commit}` } : { name: "source" },
      digest: { gitCommit: record.git.commit },
      ...record.git.dirty ? { annotations: { dirty: true } } : {}
    });
  }
  for (const file of record.inputs.files)
    dependencies.push({ name: file.path, digest: { sha256: hex(file.digest) } });
  for (const file of record.environment.lockfiles)
    dependencies.push({
      name: file.path,
      digest: { sha256: hex(file.digest) },
      annotations: { role: "lockfile" }
    });
  for (const distribution2 of record.environment.python?.distributions ?? []) {
    const [name, version] = distribution2.split("==");
    dependencies.push({
      uri: `pkg:pypi/${(name ?? "").toLowerCase().replace(/[-_.]+/g, "-")}${version ? `@${version}` : ""}`,
      annotations: { role: "python-distribution" }
    });
  }
  return {
    _type: "https://in-toto.io/Statement/v1",
    subject: (outputs?.files ?? []).map((file) => ({
      name: `${outputs?.path}/${file.path}`,
      digest: { sha256: hex(file.digest) }
    })),
    predicateType: "https://slsa.dev/provenance/v1",
    predicate: {
      buildDefinition: {
        buildType: trainBuildType,
        externalParameters: {
          command: record.command,
          inputs: record.inputs.patterns,
          outputs: outputs?.path ?? null,
          params: record.params
        },
        internalParameters: {
          cacheKey: record.cache.key,
          cacheKeyParts: record.cache.parts,
          variables: record.environment.variables,
          runtimes: record.environment.runtimes,
          ...record.environment.python ? {
            python: {
              invocation: record.environment.python.invocation,
              executable: record.environment.python.executable,
              version: record.environment.python.version,
              implementation: record.environment.python.implementation
            }
          } : {},
          os: record.environment.os
        },
        resolvedDependencies: dependencies
      },
      runDetails: {
        builder: {
          id: record.ci.runUrl ?? `https://mlci.dev/builders/${record.ci.platform}`,
          version: { mlci: mlciVersion }
        },
        metadata: { invocationId: record.runId, startedOn: record.startedAt, finishedOn: record.finishedAt },
        byproducts: [{ name: "inputs", digest: { sha256: hex(record.inputs.digest) } }]
      }
    }
  };
}

// packages/core/src/steps/train/params.ts
import { resolve } from "node:path";
async function loadParams(file, overrides, options) {
  const params = file === void 0 ? {} : await readParamsFile(resolve(options.cwd, file), file);
  for (const override of overrides) {
    const equals = override.indexOf("=");
    const key = override.slice(0, equals);
    if (equals <= 0 || key.split(".").some((part) => part === ""))
      throw new InputError(`${options.paramOption}: expected KEY=VALUE, got '${override}'`);
    setPath(params, key.split("."), parseScalar(override.slice(equals + 1)));
  }
  return params;
}
async function readParamsFile(path, shown) {
  let text;
  try {
    text = (await readInputFile(path, shown)).toString("utf8");
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${shown}: cannot read the params file (${error.code})`);
  }
  const { value } = parseYamlFile(text, shown);
  if (value === null || value === void 0) return {};
  if (typeof value !== "object" || Array.isArray(value))
    throw new InputError(`${shown}: expected a mapping of parameter names to values`);
  return value;
}
function parseScalar(text) {
  try {
    const { value } = parseYamlFile(text, "param");
    return value === null && text.trim() !== "null" && text.trim() !== "~" ? text : value;
  } catch {
    return text;
  }
}
function setPath(target, path, value) {
  let node = target;
  for (const part of path.slice(0, -1)) {
    const next = getOwn(node, part);
    if (typeof next !== "object" || next === null || Array.isArray(next)) setOwn(node, part, {});
    node = getOwn(node, part);
  }
  setOwn(node, path[path.length - 1], value);
}
function paramVariable(name) {
  return `MLCI_PARAM_${name.replace(/[^A-Za-z0-9]+/g, "_").toUpperCase()}`;
}
function parseMetrics(text, shown) {
  const value = parseJson(text, shown);
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new InputError(`${shown}: expected a JSON object of metric names to numbers`);
  const metrics = {};
  const walk = (node, prefix) => {
    for (const [key, entry] of Object.entries(node)) {
      const name = prefix ? `${prefix}.${key}` : key;
      if (typeof entry === "object" && entry !== null && !Array.isArray(entry))
        walk(entry, name);
      else setOwn(metrics, name, metricValue(shown, name, entry));
    }
  };
  walk(value, "");
  return metrics;
}

// packages/core/src/steps/train/report.ts
var short = (digest) => digest.replace(/^sha256:/, "").slice(0, 12);
function headlineOf(result) {
  const failed = result.checks.find((check) => check.status === "failed");
  if (failed) return `train failed: ${failed.message}`;
  const model = result.registered ? `, model ${result.registered.model} version ${result.registered.version}` : "";
  const how = result.cache.status === "hit" ? `cache hit, outputs of run ${result.cache.producedBy} restored` : `ran in ${((result.command?.durationMs ?? 0) / 1e3).toFixed(1)} s`;
  return `train passed: ${how}${model} (outputs ${short(result.outputs?.digest ?? "")})`;
}
function renderReport(result) {
  const failed = result.checks.filter((check) => check.status === "failed");
  const lines = [heading(2, md`${failed.length > 0 ? "\u274C" : "\u2705"} ${headlineOf(result)}`), ""];
  if (failed.length > 0) {
    lines.push(
      table(
        ["check", "message"],
        failed.map((check) => [check.name, check.message])
      ),
      ""
    );
  }
  const rows = [
    ["run", codeSpan(result.runId)],
    [
      "cache",
      result.cache.status === "hit" ? md`hit: restored the outputs of run ${codeSpan(result.cache.producedBy ?? "")}` : result.cache.status === "off" ? "off (no-cache): the command ran" : result.cache.status === "corrupt" ? "the cached entry failed its digest check and was ignored: the command ran" : "miss: the command ran"
    ],
    ["cache key", md`${codeSpan(short(result.cache.key))} in ${result.cache.store}`],
    [
      "inputs",
      md`${plural(result.inputs.files, "file")}, ${formatBytes(result.inputs.bytes)}, ${codeSpan(short(result.inputs.digest))}`
    ]
  ];
  if (result.outputs)
    rows.push([
      "outputs",
      md`${codeSpan(result.outputs.path)}: ${plural(result.outputs.files, "file")}, ${formatBytes(result.outputs.bytes)}, ${codeSpan(short(result.outputs.digest))}`
    ]);
  if (result.command) {
    const status = result.command.timedOut ? "killed at the timeout" : result.command.signal ? `killed by ${result.command.signal}` : `exit ${result.command.exitCode}`;
    rows.push(["command", `${status} after ${(result.command.durationMs / 1e3).toFixed(1)} s`]);
  }
  if (result.registered)
    rows.push([
      "model",
      `${result.registered.model} version ${result.registered.version}${result.registered.created ? "" : " (already registered with the same content)"} in ${result.registered.registry}`
    ]);
  if (result.tracking) rows.push(["MLflow run", link(result.tracking.runId, result.tracking.url)]);
  lines.push(table(["", ""], rows), "");
  const metrics = Object.entries(result.metrics);
  if (metrics.length > 0) {
    lines.push(
      "### Metrics",
      "",
      table(
        ["metric", "value"],
        metrics.map(([name, value]) => [name, formatMetric(value)])
      ),
      "",
      ...metrics.some(([, value]) => formatMetric(value) !== String(value)) ? [md`Rounded to four decimals; ${codeSpan(result.record.runJson)} has every digit.`.markdown, ""] : []
    );
  }
  const params = Object.entries(result.params);
  if (params.length > 0) {
    lines.push(
      "<details><summary>Parameters</summary>",
      "",
      table(
        ["parameter", "value"],
        // Names and values are the project's text, shown as written (no markup made of them).
        params.map(([name, value]) => [name, typeof value === "string" ? value : JSON.stringify(value)])
      ),
      "",
      "</details>",
      ""
    );
  }
  lines.push(
    md`Lineage: ${codeSpan(result.record.runJson)}, provenance (in-toto, SLSA v1): ${codeSpan(result.record.provenance)}.`.markdown,
    ""
  );
  return lines.join("\n");
}

// packages/core/src/steps/train/run.ts
function isInside(root, path) {
  const rel = relative(root, path);
  return rel === "" || !rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel);
}
function posix(path) {
  return path.split(sep).join("/");
}
async function resolveOutputs(cwd, input, outDir) {
  const path = resolve2(cwd, input.outputs);
  if (!isInside(cwd, path) || path === cwd)
    throw new InputError(
      `outputs: '${displayPath(input.outputs)}' must be a directory inside the working directory ${cwd}`
    );
  const kept = [
    { path: join2(cwd, ".git"), what: "the git repository", whole: true },
    ...input.inputs.map((pattern) => ({ path: patternBase(pattern), what: "the input", option: "inputs" })),
    ...input.params === void 0 ? [] : [{ path: input.params, what: "the params file", option: "params" }],
    ...input.evidence.map((file) => ({ path: file, what: "the evidence file", option: "evidence" }))
  ];
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(input.cacheStore))
    kept.push({ path: input.cacheStore, what: "the run cache", option: "cache-store", whole: true });
  if (input.registry.startsWith("file:")) {
    const { registryDirectory } = await import("./file-33FMXCED.mjs");
    kept.push({
      path: registryDirectory(input.registry, cwd),
      what: "the registry",
      option: "registry",
      whole: true
    });
  }
  kept.push({ path: join2(cwd, hashCachePath), what: "mlci's hash cache" });
  kept.push({ path: outDir, what: "the report directory", option: "out", whole: true });
  await refuseReplacingKept({ option: "outputs", path: input.outputs }, kept, cwd);
  const reads = [
    ...input.params === void 0 ? [] : [{ option: "params", path: input.params }],
    ...input.evidence.map((path2) => ({ option: "evidence", path: path2 })),
    ...input.inputs.filter((pattern) => !isDynamicPattern(pattern)).map((path2) => ({ option: "inputs", path: path2 }))
  ];
  const report = stepReportFiles(outDir, "train");
  const writes = [
    ...input.metrics === void 0 ? [] : [{ option: "metrics", path: input.metrics }],
    ...[report.json, report.markdown, report.junit, ...recordFiles.map((name) => join2(outDir, name))].map(
      (path2) => ({ option: "out", path: path2 })
    )
  ];
  await refuseSameFile(writes, reads, cwd);
  return path;
}
var recordFiles = ["run.json", "provenance.intoto.json", "params.json"];
async function runTrain(input, environment) {
  const { cwd, logger, context } = environment;
  const timings = {};
  const timed = async (name, work) => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      timings[name] = Math.round(performance.now() - started);
    }
  };
  const outDir = resolve2(cwd, input.out);
  const outputsDir = await resolveOutputs(cwd, input, outDir);
  const outputsPath = posix(relative(cwd, outputsDir));
  const runId = randomUUID();
  const startedAt = /* @__PURE__ */ new Date();
  const backend = { cwd, env: process.env, logger, insecure: input.insecureRegistry };
  if (input.tracking !== void 0) (await import("./client-KUXGHPQD.mjs")).parseTrackingUri(input.tracking);
  if (input.evidence.length > 0 && input.register === void 0)
    throw new InputError("evidence: is kept with the registered version: give register too");
  const evidence = (await Promise.all(input.evidence.map((file) => readEvidence(cwd, file, environment.logger)))).flat();
  const params = await loadParams(input.params, input.param, {
    cwd,
    fileOption: "params",
    paramOption: "param"
  });
  const inputPaths = input.inputs.length > 0 ? await expandPaths(input.inputs, {
    cwd,
    option: "inputs",
    exclude: [join2(cwd, ".git"), join2(cwd, ".mlci"), outDir, outputsDir],
    excludedNames: `.git, .mlci, the report directory or the outputs (${outputsPath}/): a run's inputs are never there`
  }) : [];
  const hashCache = await HashCache.load(join2(cwd, hashCachePath));
  const inputs = await timed(
    "fingerprintInputs",
    () => fingerprintFiles(cwd, inputPaths, {
      hashCache,
      onProgress: (done, total) => environment.progress.update(
        `hashing inputs (${formatBytes(total)})`,
        total > 0 ? done / total : void 0
      )
    })
  );
  environment.progress.done();
  await hashCache.save().catch((error) => logger.debug(`hash cache not saved: ${String(error)}`));
  logger.info(`inputs: ${inputs.files.length} files, ${formatBytes(inputs.bytes)}, ${inputs.digest}`);
  const [git2, runEnv] = await timed(
    "environment",
    () => Promise.all([gitState(cwd, context), runEnvironment(cwd, input.env, input.command)])
  );
  const key = cacheKey(
    {
      command: input.command,
      inputsDigest: inputs.digest,
      outputs: outputsPath,
      params,
      variables: runEnv.variables,
      commit: git2.commit ?? null,
      runtime: runtimeOf(runEnv)
    },
    input.cacheKey
  );
  const checks = [];
  let cacheStatus = input.noCache ? "off" : "miss";
  const cache = await (await import("./open-46KLURRE.mjs")).openRunCache(input.cacheStore, backend);
  let hit;
  const entry = input.noCache ? void 0 : await timed("cacheLookup", () => cache.lookup(key));
  if (entry) {
    try {
      await timed("cacheRestore", () => cache.restore(entry, outputsDir));
      hit = entry;
      cacheStatus = "hit";
    } catch (error) {
      if (!(error instanceof CorruptCacheEntry)) throw error;
      logger.warn(`run cache: ignoring the entry for ${key}: ${error.message}`);
      cacheStatus = "corrupt";
    }
  }
  let command = null;
  let outputs = null;
  let metrics = {};
  let producer;
  if (hit) {
    producer = parseJson(hit.record, `run cache ${input.cacheStore}`, "service");
    outputs = hit.fileSet;
    metrics = producer.metrics ?? {};
    checks.push(pass("command", `not run: cache hit, the outputs of run ${producer.runId} were restored`));
    checks.push(pass("outputs", describeOutputs(outputsPath, outputs)));
    if (input.metrics !== void 0) await restoreMetricsFile(cwd, input.metrics, outputsDir, metrics);
  } else {
    const ran = await timed(
      "command",
      () => runFresh(input, { cwd, outputsDir, outDir, runId, params, logger })
    );
    command = ran.command;
    checks.push(ran.check);
    if (ran.check.status === "passed") {
      let unlistable;
      outputs = await timed("fingerprintOutputs", async () => {
        const paths = await expandPaths(["."], { cwd: outputsDir, option: "outputs" }).catch(
          (error) => {
            if (error instanceof UnlistableFileName) unlistable = error;
            else if (!(error instanceof InputError)) throw error;
            return [];
          }
        );
        return paths.length === 0 ? null : fingerprintFiles(outputsDir, paths);
      });
      checks.push(
        outputs ? pass("outputs", describeOutputs(outputsPath, outputs)) : unlistable ? fail("outputs", unlistable.message) : fail("outputs", `the command wrote no files under ${outputsPath}/`)
      );
      if (input.metrics !== void 0) {
        const read = await readMetrics(cwd, input.metrics);
        metrics = read.metrics;
        checks.push(read.check);
      }
    }
    await ran.settle(statusOf(checks) === "passed");
  }
  const succeeded = statusOf(checks) === "passed";
  const finishedAt = /* @__PURE__ */ new Date();
  const cacheParts = [...input.cacheKey];
  const record = {
    schema: "mlci.run/v1",
    runId,
    command: input.command,
    status: succeeded ? "succeeded" : "failed",
    exitCode: command?.exitCode ?? null,
    signal: command?.signal ?? null,
    timedOut: command?.timedOut ?? false,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    inputs: { patterns: [...input.inputs], digest: inputs.digest, bytes: inputs.bytes, files: inputs.files },
    outputs: outputs ? { path: outputsPath, digest: outputs.digest, bytes: outputs.bytes, files: outputs.files } : null,
    params,
    metrics,
    git: git2,
    environment: runEnv,
    ci: context,
    cache: {
      key,
      parts: cacheParts,
      status: cacheStatus,
      ...producer ? { producedBy: producer.runId } : {}
    },
    mlci: { version: mlciVersion }
  };
  if (input.tracking !== void 0) {
    const { logTrainingRun, trackingTags } = await import("./tracking-H3RGORPH.mjs");
    const tracking = await timed(
      "tracking",
      () => logTrainingRun({
        uri: input.tracking,
        env: process.env,
        logger,
        experiment: input.experiment ?? context.repository?.split("/").pop() ?? input.register ?? "mlci",
        runName: `mlci-${runId.slice(0, 8)}`,
        startTime: startedAt.getTime(),
        endTime: finishedAt.getTime(),
        status: succeeded ? "FINISHED" : "FAILED",
        params,
        metrics,
        tags: trackingTagsOf(record, trackingTags)
      })
    );
    record.tracking = { uri: input.tracking, runId: tracking.runId, url: tracking.url };
    checks.push(pass("tracking", `logged to MLflow as run ${tracking.runId}`));
  }
  const recordBytes = Buffer.from(`${JSON.stringify(record, null, 2)}
`);
  const provenanceBytes = hit ? Buffer.from(hit.provenance) : Buffer.from(`${JSON.stringify(provenanceOf(record), null, 2)}
`);
  const runJson = join2(outDir, "run.json");
  const provenanceFile = join2(outDir, "provenance.intoto.json");
  await writeFileAtomic(runJson, recordBytes);
  await writeFileAtomic(provenanceFile, provenanceBytes);
  if (succeeded && outputs && !hit) {
    await timed(
      "cacheStore",
      () => cache.store({
        key,
        directory: outputsDir,
        fileSet: outputs,
        record: recordBytes,
        provenance: provenanceBytes
      })
    ).catch(
      (error) => logger.warn(`run cache: not stored: ${error instanceof Error ? error.message : String(error)}`)
    );
  }
  if (input.cacheKeep > 0) {
    const pruned = await cache.prune(input.cacheKeep).catch((error) => logger.warn(`run cache: not pruned: ${error.message}`));
    if (pruned)
      logger.info(`run cache: dropped ${pruned} least recently used entries (cache-keep ${input.cacheKeep})`);
  }
  let registered;
  if (succeeded && outputs && input.register !== void 0) {
    const { openRegistry } = await import("./open-7RMT4EKG.mjs");
    const registry = await openRegistry(input.registry, backend);
    const outcome = await timed(
      "register",
      () => registry.register({
        model: input.register,
        directory: outputsDir,
        fileSet: outputs,
        labels: versionLabelsOf(record, producer),
        registration: registrationOf(record),
        attachments: [
          { kind: "lineage", mediaType: runRecordMediaType, content: recordBytes },
          { kind: "provenance", mediaType: provenanceMediaType, content: provenanceBytes },
          ...evidence
        ]
      })
    );
    registered = {
      registry: registry.uri,
      model: outcome.version.model,
      version: outcome.version.version,
      contentDigest: outcome.version.contentDigest,
      created: outcome.created
    };
    checks.push(
      pass(
        "register",
        outcome.created ? `registered ${registered.model} version ${registered.version} in ${registered.registry}` : `${registered.model} version ${registered.version} in ${registered.registry} has the same content: this run was added to its registrations${record.git.commit ? ` (commit ${record.git.commit.slice(0, 12)})` : ""} and lineage`
      )
    );
  }
  const result = {
    step: "train",
    status: statusOf(checks),
    checks,
    runId,
    command: command ? {
      line: input.command,
      exitCode: command.exitCode,
      signal: command.signal,
      durationMs: command.durationMs,
      timedOut: command.timedOut
    } : null,
    inputs: { digest: inputs.digest, files: inputs.files.length, bytes: inputs.bytes },
    outputs: outputs ? { path: outputsPath, digest: outputs.digest, files: outputs.files.length, bytes: outputs.bytes } : null,
    params,
    metrics,
    cache: {
      store: input.cacheStore,
      key,
      status: cacheStatus,
      ...producer ? { producedBy: producer.runId } : {}
    },
    ...registered ? { registered } : {},
    ...record.tracking ? { tracking: record.tracking } : {},
    record: { runJson: posix(relative(cwd, runJson)), provenance: posix(relative(cwd, provenanceFile)) },
    timings
  };
  const markdown = renderReport(result);
  const files = await writeStepReports(outDir, result, markdown);
  return {
    result,
    headline: headlineOf(result),
    markdown,
    outputs: {
      "run-id": runId,
      "cache-status": cacheStatus,
      "outputs-digest": outputs?.digest ?? "",
      "model-version": registered?.version ?? "",
      "tracking-url": record.tracking?.url ?? "",
      "run-record": result.record.runJson
    },
    files
  };
}
function runtimeOf(environment) {
  const python = environment.python;
  if (python?.version === void 0) return void 0;
  return {
    python: {
      implementation: python.implementation ?? null,
      version: python.version,
      distributions: python.distributions ?? [],
      omitted: python.distributionsOmitted ?? 0
    }
  };
}
function pass(name, message) {
  return { name, status: "passed", severity: "error", message };
}
function fail(name, message) {
  return { name, status: "failed", severity: "error", message };
}
function describeOutputs(path, outputs) {
  return `${outputs.files.length} files in ${path}/, ${formatBytes(outputs.bytes)}, ${outputs.digest}`;
}
async function runFresh(input, run2) {
  const { cwd, outputsDir, outDir, runId, params } = run2;
  const aside = join2(outDir, "tmp", `${runId}-previous-outputs`);
  const kept = join2(outDir, "failed-outputs");
  const outputsPath = posix(relative(cwd, outputsDir));
  const hadOutputs = existsSync2(outputsDir);
  const undo = registerCleanup(async () => {
    await rm(kept, { recursive: true, force: true });
    await mkdir(outDir, { recursive: true });
    const partial = existsSync2(outputsDir) && (!hadOutputs || existsSync2(aside));
    if (partial) await movePath(outputsDir, kept);
    if (hadOutputs && existsSync2(aside)) await movePath(aside, outputsDir);
    else await mkdir(outputsDir, { recursive: true });
    await rmdir(join2(outDir, "tmp")).catch(() => {
    });
    const restored = hadOutputs ? `put back the earlier outputs in ${outputsPath}/` : `${outputsPath}/ is empty as before`;
    return partial ? `${restored}; partial outputs kept in ${posix(relative(cwd, kept))}/` : restored;
  });
  if (hadOutputs) {
    await mkdir(join2(outDir, "tmp"), { recursive: true });
    await movePath(outputsDir, aside);
  }
  await mkdir(outputsDir, { recursive: true });
  const paramsFile = join2(outDir, "params.json");
  await writeFileAtomic(paramsFile, `${JSON.stringify(params, null, 2)}
`);
  const variables = {
    MLCI_RUN_ID: runId,
    MLCI_OUTPUTS: outputsDir,
    MLCI_PARAMS_FILE: paramsFile
  };
  if (input.metrics !== void 0) variables.MLCI_METRICS_FILE = resolve2(cwd, input.metrics);
  for (const [name, value] of Object.entries(flattenParams(params))) variables[paramVariable(name)] = value;
  run2.logger.info(`running: ${input.command}`);
  const putBack = async () => {
    undo.release();
    if (!hadOutputs) return;
    await rm(outputsDir, { recursive: true, force: true });
    await movePath(aside, outputsDir);
  };
  let command;
  try {
    command = await runCommand(input.command, {
      cwd,
      env: { ...process.env, ...variables },
      ...input.timeout === void 0 ? {} : { timeoutSeconds: input.timeout }
    });
  } catch (error) {
    await putBack();
    throw error;
  }
  if (command.exitCode === commandNotFoundStatus && !command.timedOut) {
    await putBack();
    throw new InputError(`command: the shell could not find the command (exit 127): ${input.command}`);
  }
  const check = command.timedOut ? fail("command", `killed after the timeout of ${input.timeout} s, with the processes it started`) : command.exitCode === 0 ? pass("command", `exited 0 after ${(command.durationMs / 1e3).toFixed(1)} s`) : command.signal ? fail("command", `killed by ${command.signal}`) : fail("command", `the command exited with status ${command.exitCode}`);
  return {
    command,
    check,
    settle: async (succeeded) => {
      if (succeeded) {
        undo.release();
        await rm(aside, { recursive: true, force: true });
        return;
      }
      await undo.run();
    }
  };
}
async function readMetrics(cwd, file) {
  let text;
  try {
    text = await readFile(resolve2(cwd, file), "utf8");
  } catch {
    return { metrics: {}, check: fail("metrics", `the command did not write the metrics file ${file}`) };
  }
  try {
    const metrics = parseMetrics(text, file);
    return { metrics, check: pass("metrics", `${Object.keys(metrics).length} metrics read from ${file}`) };
  } catch (error) {
    return { metrics: {}, check: fail("metrics", error.message) };
  }
}
async function restoreMetricsFile(cwd, file, outputsDir, metrics) {
  const path = resolve2(cwd, file);
  if (isInside(outputsDir, path)) return;
  await writeFileAtomic(path, `${JSON.stringify(metrics, null, 2)}
`);
}
function versionLabelsOf(record, producer) {
  const made = producer ?? record;
  const labels = {
    [versionLabels.runId]: made.runId,
    [versionLabels.created]: made.finishedAt,
    [versionLabels.inputsDigest]: made.inputs.digest
  };
  if (made.git.commit) labels[versionLabels.revision] = made.git.commit;
  if (made.ci.repositoryUrl) labels[versionLabels.source] = made.ci.repositoryUrl;
  return labels;
}
function registrationOf(record) {
  return {
    ...record.git.commit ? { commit: record.git.commit } : {},
    runId: record.runId,
    ...record.ci.runUrl ? { runUrl: record.ci.runUrl } : {},
    ...record.ci.pipeline ? { pipeline: record.ci.pipeline } : {},
    ...record.ci.repositoryUrl ? { source: record.ci.repositoryUrl } : {},
    inputsDigest: record.inputs.digest,
    time: (/* @__PURE__ */ new Date()).toISOString()
  };
}
function trackingTagsOf(record, tags) {
  const values = {
    [tags.sourceName]: record.command,
    [tags.sourceType]: "JOB",
    [tags.runId]: record.runId,
    [tags.inputsDigest]: record.inputs.digest,
    [tags.cacheStatus]: record.cache.status
  };
  if (record.outputs) values[tags.outputsDigest] = record.outputs.digest;
  if (record.git.commit) values[tags.gitCommit] = record.git.commit;
  if (record.ci.branch) values[tags.gitBranch] = record.ci.branch;
  if (record.ci.actor) values[tags.user] = record.ci.actor;
  return values;
}
async function readEvidence(cwd, file, logger) {
  const content = await readEvidenceFile(cwd, file);
  let parsed;
  try {
    parsed = parseJson(content, file);
  } catch {
    throw new InputError(`evidence: ${file} is not JSON`);
  }
  if (parsed.mlci === "profile") return [await profileAttachment(content, file)];
  const { step, status } = parsed;
  const kind = evidenceTypeOfStep(step);
  if (!kind)
    throw new InputError(
      `evidence: ${file} is not the result of validate-data, evaluate or build-image, nor a profile (step '${String(step)}')`
    );
  const attachments = [evidenceAttachment(kind, content, String(status))];
  const profile = parsed.profile;
  if (kind === "validation" && typeof profile?.path === "string" && typeof profile.digest === "string") {
    const path = resolve2(cwd, profile.path);
    if (!existsSync2(path)) {
      logger.warn(
        `evidence: ${file} names the profile ${profile.path}, which is not here: the version is registered without its training data's profile (pass ${profile.path} on with ${file})`
      );
      return attachments;
    }
    const bytes = await readEvidenceFile(cwd, profile.path);
    if (bytesDigest(bytes) !== profile.digest)
      throw new InputError(
        `evidence: ${profile.path} is not the profile ${file} names (digest ${bytesDigest(bytes)}, expected ${profile.digest}): run validate-data again`
      );
    attachments.push(await profileAttachment(bytes, profile.path));
  }
  return attachments;
}
async function readEvidenceFile(cwd, file) {
  try {
    return await readInputFile(resolve2(cwd, file), file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      `evidence: cannot read ${file}: ${describeFileError(error)}`
    );
  }
}
async function profileAttachment(content, file) {
  const { parseProfile } = await import("./profile-7RWXUP3T.mjs");
  const profile = parseProfile(content.toString("utf8"), `evidence: ${file}`);
  return {
    kind: profileEvidence.kind,
    mediaType: profileEvidence.mediaType,
    content,
    annotations: { [profileDataDigestAnnotation]: profile.data.digest }
  };
}
export {
  runTrain
};
