#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  parseModelRef,
  resolveModelRef
} from "./chunk-576TQ6KU.mjs";
import {
  evidenceAttachment,
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
  checkLayerCompression
} from "./chunk-3P2GI5CC.mjs";
import "./chunk-K3J2CXMS.mjs";
import {
  HashCache,
  expandPaths,
  fingerprintFiles,
  hashCachePath
} from "./chunk-QKIDLYGI.mjs";
import "./chunk-VXLUZCFX.mjs";
import "./chunk-YWAIXB75.mjs";
import {
  readInputFile
} from "./chunk-MK3DDHCX.mjs";
import {
  InlineMarkdown,
  codeSpan,
  formatBytes,
  heading,
  md,
  plural,
  table
} from "./chunk-5PJDXVWP.mjs";
import "./chunk-VQWOU3SX.mjs";
import "./chunk-T5LB56MC.mjs";
import {
  versionLabels
} from "./chunk-XMRYHEY6.mjs";
import "./chunk-FIL44SLO.mjs";
import "./chunk-J77EQZPR.mjs";
import "./chunk-ZAIHXEFC.mjs";
import "./chunk-IS7M7TXC.mjs";
import "./chunk-KLG7ZBD7.mjs";
import "./chunk-4VSSUXZN.mjs";
import "./chunk-BOL2UAYQ.mjs";
import "./chunk-Q2OW4E5W.mjs";
import "./chunk-7YFYVVS2.mjs";
import {
  parseJson
} from "./chunk-COETP6OK.mjs";
import {
  maskedEnvironment
} from "./chunk-2WYYKV6E.mjs";
import {
  InputError
} from "./chunk-C6XSGGFY.mjs";
import "./chunk-AQW5IZUH.mjs";

// packages/core/src/steps/build-image/run.ts
import { mkdir, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";

// packages/core/src/steps/build-image/report.ts
var short = (digest) => codeSpan(`${digest.slice(0, 19)}\u2026`);
var codeList = (texts) => new InlineMarkdown(texts.map((text) => codeSpan(text).markdown).join(", "));
function renderReport(result) {
  const { image } = result;
  const lines = image ? [
    heading(2, md`✅ build-image: ${image.references[0]}`),
    "",
    table(
      ["", ""],
      [
        ["digest", codeSpan(image.digest)],
        ["references", codeList(image.references)],
        ["built by", result.builder === "mlci" ? "mlci (no daemon)" : `${result.builder} (Dockerfile)`],
        ...image.platform ? [["platform", image.platform]] : [],
        ...result.builder === "mlci" ? [
          [
            "base",
            result.base ? md`${codeSpan(result.base.reference)} (${short(result.base.digest)})` : "scratch"
          ]
        ] : [],
        ...result.compression ? [
          [
            "compression",
            result.compression.level === null ? result.compression.type : `${result.compression.type} level ${result.compression.level}`
          ]
        ] : [],
        ...result.bytesUploaded === null || result.target === "layout" ? [] : [["uploaded", formatBytes(result.bytesUploaded)]],
        [
          "created",
          `${new Date(result.created.epoch * 1e3).toISOString()} (${createdSource[result.created.source]})`
        ]
      ]
    )
  ] : [
    heading(2, md`❌ build-image failed`),
    "",
    ...result.checks.map((check) => md`- ${check.message}`.markdown)
  ];
  if (result.container) lines.push("", ...containerSection(result.container));
  if (result.layers.length > 0)
    lines.push(
      "",
      "### Layers",
      "",
      table(
        ["layer", "digest", "size", "compression", "push"],
        result.layers.map((layer) => [
          layer.what,
          short(layer.digest),
          formatBytes(layer.size),
          layerCompression(layer.mediaType),
          layer.action
        ])
      )
    );
  lines.push(
    "",
    "### Lineage labels",
    "",
    table(
      ["label", "value"],
      Object.entries(result.labels).map(([key, value]) => [codeSpan(key), value])
    )
  );
  if (result.attachedTo) lines.push("", md`Recorded on ${result.attachedTo}.`.markdown);
  return `${lines.join("\n")}
`;
}
function layerCompression(mediaType) {
  if (mediaType.endsWith(".tar")) return "none";
  return /(?:\+|\.tar\.)(gzip|zstd)$/.exec(mediaType)?.[1] ?? mediaType;
}
var commandLine = (words) => words && words.length > 0 ? codeSpan(JSON.stringify(words)) : "none";
function containerSection(container) {
  const env = Object.entries(container.env);
  const masked = env.filter(([, value]) => value === null).map(([name]) => name);
  return [
    "### What the container runs",
    "",
    table(
      ["", ""],
      [
        ["entrypoint", commandLine(container.entrypoint)],
        ["cmd", commandLine(container.cmd)],
        ["workdir", container.workdir ? codeSpan(container.workdir) : "not set: /"],
        ["user", container.user ? codeSpan(container.user) : "not set: root"],
        ["env", env.length === 0 ? "none" : plural(env.length, "variable")]
      ]
    ),
    ...env.length > 0 ? [
      "",
      table(
        ["variable", "value"],
        env.map(([name, value]) => [codeSpan(name), value === null ? "(masked)" : codeSpan(value)])
      )
    ] : [],
    ...masked.length > 0 ? [
      "",
      `${codeList(masked)}: masked here because the name looks secret; the value is in the image, readable by anyone who can pull it (pass secrets at run time instead).`
    ] : []
  ];
}
var createdSource = {
  SOURCE_DATE_EPOCH: "SOURCE_DATE_EPOCH",
  commit: "the commit time",
  none: "no SOURCE_DATE_EPOCH nor commit: the epoch"
};

// packages/core/src/steps/build-image/run.ts
var layerCachePath = ".mlci/layer-cache.json";
var lineageKeys = {
  ...versionLabels,
  modelDigest: "dev.mlci.model.digest",
  modelVersion: "dev.mlci.model.version"
};
function parseCommandLine(text, option) {
  const trimmed = text.trim();
  if (trimmed.startsWith("[")) {
    let parsed;
    try {
      parsed = parseJson(trimmed, option);
    } catch {
      throw new InputError(`${option}: '${text}' is not a JSON array of strings`);
    }
    if (!Array.isArray(parsed) || parsed.some((word) => typeof word !== "string"))
      throw new InputError(`${option}: '${text}' is not a JSON array of strings`);
    return parsed;
  }
  return trimmed === "" ? [] : trimmed.split(/\s+/);
}
function parsePairs(values, option) {
  return values.map((value) => {
    const at = value.indexOf("=");
    if (at <= 0) throw new InputError(`${option}: '${value}': expected KEY=VALUE`);
    return [value.slice(0, at), value.slice(at + 1)];
  });
}
function parseAdd(value) {
  const at = value.lastIndexOf(":/");
  if (at <= 0)
    throw new InputError(`add: '${value}': expected SRC:DEST with DEST an absolute path in the image`);
  return { source: value.slice(0, at), dest: value.slice(at + 1) };
}
async function buildTime(env, cwd) {
  const given = env.SOURCE_DATE_EPOCH;
  if (given !== void 0 && given !== "") {
    if (!/^[0-9]+$/.test(given))
      throw new InputError(`SOURCE_DATE_EPOCH: '${given}' is not whole seconds since the epoch`);
    return { epoch: Number(given), source: "SOURCE_DATE_EPOCH" };
  }
  const committed = await git(["log", "-1", "--format=%ct"], cwd);
  if (committed && /^[0-9]+$/.test(committed)) return { epoch: Number(committed), source: "commit" };
  return { epoch: 0, source: "none" };
}
async function readTrainResult(path) {
  let text;
  try {
    text = (await readInputFile(path, "train-result")).toString("utf8");
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (error.code === "ENOENT") return void 0;
    throw new InputError(`train-result: cannot read ${path}: ${error.message}`);
  }
  try {
    const parsed = parseJson(text, path);
    if (parsed.step !== "train") throw new Error("not a train result");
    return parsed;
  } catch {
    throw new InputError(`train-result: ${path} is not the train.json mlci train writes`);
  }
}
async function modelDigest(cwd, model) {
  const directory = resolve(cwd, model);
  const found = await stat(directory).catch(() => void 0);
  if (!found?.isDirectory()) throw new InputError(`model: '${model}' is not a directory`);
  const paths = await expandPaths(["."], { cwd: directory, option: "model" });
  const hashCache = await HashCache.load(join(cwd, hashCachePath));
  const fingerprint = await fingerprintFiles(directory, paths, { hashCache });
  await hashCache.save().catch(() => void 0);
  return fingerprint.digest;
}
function checkInput(input) {
  if (input.dockerfile !== void 0) {
    const given = ["model", "add", "entrypoint", "cmd", "workdir", "user", "env"].filter(
      (key) => Array.isArray(input[key]) ? input[key].length > 0 : input[key] !== void 0
    );
    if (input.base !== "scratch") given.push("base");
    if (input.compression !== "gzip") given.push("compression");
    if (input.compressionLevel !== 1) given.push("compression-level");
    if (given.length > 0)
      throw new InputError(
        `dockerfile: the Dockerfile says what the image holds; ${given.join(", ")} cannot be given with it`
      );
  }
  const adds = input.add.map(parseAdd);
  if (!input.modelPath.startsWith("/"))
    throw new InputError(`model-path: '${input.modelPath}' must be an absolute path in the image`);
  if (input.dockerfile === void 0 && !input.model && adds.length === 0 && input.base === "scratch")
    throw new InputError("model: nothing to build: give model, add, or a base to extend");
  return {
    entrypoint: input.entrypoint === void 0 ? void 0 : parseCommandLine(input.entrypoint, "entrypoint"),
    cmd: input.cmd === void 0 ? void 0 : parseCommandLine(input.cmd, "cmd"),
    env: parsePairs(input.env, "env").map(([key, value]) => `${key}=${value}`),
    adds
  };
}
async function runBuildImage(input, environment) {
  const started = performance.now();
  const timings = {};
  const { cwd, logger } = environment;
  const parsed = checkInput(input);
  if (input.dockerfile === void 0) await checkLayerCompression(input.compression, input.compressionLevel);
  const report = stepReportFiles(resolve(cwd, input.out), "build-image");
  await refuseSameFile(
    [report.json, report.markdown, report.junit].map((path) => ({ option: "out", path })),
    [
      { option: "train-result", path: input.trainResult },
      ...input.dockerfile === void 0 ? [] : [{ option: "dockerfile", path: input.dockerfile }],
      ...parsed.adds.map((add) => ({ option: "add", path: add.source }))
    ],
    cwd
  );
  const userLabels = Object.fromEntries(parsePairs(input.label, "label"));
  if (!input.push && input.tag.length > 1)
    throw new InputError("tag: an OCI layout takes one tag; push to use several");
  if (input.push && input.tag.length === 0) throw new InputError("tag: push needs at least one");
  const target = input.push ? { kind: "registry", tags: input.tag } : { kind: "layout", dir: resolve(cwd, input.ociLayout), tag: input.tag[0] ?? "latest" };
  const attachTo = input.attachTo === void 0 ? void 0 : await attachTarget(input, environment);
  const created = await buildTime(process.env, cwd);
  const labels = { ...await lineageLabels(input, environment, created), ...userLabels };
  const buildStarted = performance.now();
  const built = input.dockerfile ? await viaDockerfile(input, environment, labels, target) : await viaMlci(input, environment, labels, target, created, parsed);
  timings.build = Math.round(performance.now() - buildStarted);
  const failure = "failure" in built ? built.failure : void 0;
  const image = "image" in built ? built.image : null;
  const checks = [
    failure ? { name: "image", status: "failed", severity: "error", message: `dockerfile: ${failure}` } : {
      name: "image",
      status: "passed",
      severity: "error",
      message: `${image?.references.join(", ")} (${image?.digest})`
    }
  ];
  const result = {
    step: "build-image",
    status: statusOf(checks),
    checks,
    image,
    target: target.kind,
    builder: built.builder,
    base: "base" in built ? built.base : null,
    compression: "compression" in built ? built.compression : null,
    layers: "layers" in built ? built.layers : [],
    container: "container" in built ? built.container : null,
    bytesUploaded: "bytesUploaded" in built ? built.bytesUploaded : null,
    labels,
    created,
    timings
  };
  if (attachTo && result.image)
    result.attachedTo = await attachImage(attachTo, environment, result.image, result);
  timings.total = Math.round(performance.now() - started);
  const markdown = renderReport(result);
  const files = await writeStepReports(resolve(cwd, input.out), result, markdown);
  if (!image) logger.warn(`dockerfile: ${failure}`);
  return {
    result,
    headline: image ? `build-image passed: ${image.references[0]} ${image.digest.slice(0, 19)}\u2026${result.bytesUploaded === null || target.kind === "layout" ? "" : `, ${formatBytes(result.bytesUploaded)} uploaded`}` : `build-image failed: ${failure}`,
    markdown,
    outputs: {
      digest: image?.digest ?? "",
      image: image ? `${image.references[0]}@${image.digest}` : "",
      references: image?.references.join("\n") ?? "",
      "bytes-uploaded": result.bytesUploaded === null ? "" : String(result.bytesUploaded)
    },
    files
  };
}
async function lineageLabels(input, environment, created) {
  const { cwd, context, logger } = environment;
  const revision = await headCommit(cwd) ?? context.commit;
  const digestOfModel = input.model ? await modelDigest(cwd, input.model) : void 0;
  const train = await readTrainResult(resolve(cwd, input.trainResult));
  const trained = train?.outputs && digestOfModel === train.outputs.digest ? train : void 0;
  if (train && digestOfModel && !trained)
    logger.warn(
      `${input.trainResult} describes outputs ${train.outputs?.digest ?? "(none)"}, not the model directory ${input.model} (${digestOfModel}): its lineage is left out`
    );
  return {
    [lineageKeys.created]: new Date(created.epoch * 1e3).toISOString().replace(".000Z", "Z"),
    ...revision ? { [lineageKeys.revision]: revision } : {},
    ...context.repositoryUrl ? { [lineageKeys.source]: context.repositoryUrl } : {},
    ...digestOfModel ? { [lineageKeys.modelDigest]: digestOfModel } : {},
    ...trained ? {
      // On a cache hit, the run that really made the model.
      [lineageKeys.runId]: trained.cache.producedBy ?? trained.runId,
      [lineageKeys.inputsDigest]: trained.inputs.digest
    } : {},
    ...trained?.registered ? { [lineageKeys.modelVersion]: `${trained.registered.model}@${trained.registered.version}` } : {}
  };
}
async function viaMlci(input, environment, labels, target, created, parsed) {
  const { cwd, logger } = environment;
  const { entrypoint, cmd, env, adds } = parsed;
  const workspace = resolve(cwd);
  const layerOf = (sources, createdBy) => ({
    sources: sources.map((each) => ({ source: resolve(cwd, each.source), dest: each.dest })),
    workspace,
    mtime: created.epoch,
    compression: input.compression,
    level: input.compressionLevel,
    createdBy
  });
  const layers = [
    ...input.model ? [
      layerOf(
        [{ source: input.model, dest: input.modelPath }],
        `mlci build-image: model ${labels[lineageKeys.modelDigest]}`
      )
    ] : [],
    ...adds.length > 0 ? [layerOf(adds, `mlci build-image: add ${adds.map((a) => `${a.source}:${a.dest}`).join(" ")}`)] : []
  ];
  const { buildImage } = await import("./build-O6N4HDYG.mjs");
  const built = await buildImage(
    {
      base: input.base,
      ...input.platform ? { platform: input.platform } : {},
      layers,
      config: {
        ...entrypoint ? { entrypoint } : {},
        ...cmd ? { cmd } : {},
        ...env.length > 0 ? { env } : {},
        ...input.workdir ? { workdir: input.workdir } : {},
        ...input.user ? { user: input.user } : {},
        labels
      },
      annotations: labels,
      created: created.epoch,
      target
    },
    { env: process.env, logger, insecure: input.insecureRegistry, cacheFile: join(cwd, layerCachePath) }
  );
  const baseLayers = built.layers.filter((layer) => layer.base).length;
  return {
    builder: "mlci",
    image: {
      digest: built.digest,
      references: built.references,
      size: built.size,
      mediaType: built.mediaType,
      platform: built.platform,
      configDigest: built.configDigest
    },
    base: built.base ?? null,
    compression: {
      type: input.compression,
      level: input.compression === "none" ? null : input.compressionLevel
    },
    layers: built.layers.map((layer, index) => ({
      digest: layer.digest,
      size: layer.size,
      diffId: layer.diffId,
      mediaType: layer.mediaType,
      base: layer.base,
      action: layer.action,
      what: layer.base ? "base" : index === baseLayers && input.model ? "model" : "app"
    })),
    bytesUploaded: built.bytesUploaded,
    container: {
      entrypoint: built.container.Entrypoint ?? null,
      cmd: built.container.Cmd ?? null,
      env: maskedEnvironment(built.container.Env ?? []),
      workdir: built.container.WorkingDir || null,
      user: built.container.User || null
    }
  };
}
async function viaDockerfile(input, environment, labels, target) {
  const { buildDockerfile, findBuilder } = await import("./dockerfile-6IAEEFN6.mjs");
  const builder = await findBuilder(input.builder, process.env);
  if (target.kind === "layout") await mkdir(dirname(target.dir), { recursive: true });
  const outcome = await buildDockerfile(
    builder,
    {
      dockerfile: resolve(environment.cwd, input.dockerfile),
      context: resolve(environment.cwd, input.context),
      labels,
      ...input.platform ? { platform: input.platform } : {},
      target,
      insecure: input.insecureRegistry
    },
    environment
  );
  if ("failure" in outcome) return { builder, failure: outcome.failure };
  return {
    builder,
    image: {
      digest: outcome.digest,
      references: target.kind === "registry" ? target.tags : [`oci:${target.dir}:${target.tag}`]
    },
    base: null,
    compression: null,
    layers: [],
    container: null,
    bytesUploaded: null
  };
}
async function attachTarget(input, environment) {
  const ref = parseModelRef(input.attachTo, "attach-to", { versionOptional: true });
  const { openStepRegistry } = await import("./open-7RMT4EKG.mjs");
  const registry = await openStepRegistry(input, environment);
  return { registry, version: await resolveModelRef(registry, ref, { option: "attach-to", ...environment }) };
}
async function attachImage({ registry, version: found }, environment, image, result) {
  const model = found.model;
  const record = { ...image, builder: result.builder, base: result.base, labels: result.labels };
  await registry.attach(
    model,
    found.version,
    evidenceAttachment("image", Buffer.from(`${JSON.stringify(record, null, 2)}
`), result.status, {
      "dev.mlci.image.digest": image.digest
    })
  );
  environment.logger.info(`image recorded on ${model} version ${found.version} in ${registry.uri}`);
  return `${model} version ${found.version} in ${registry.uri}`;
}
export {
  layerCachePath,
  runBuildImage
};
