#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  MINLOG,
  chiSquareSurvival,
  mermaidText,
  sortFloat64InPlace,
  xychartFor
} from "./chunk-PIGIVRCI.mjs";
import {
  parseGitUrl
} from "./chunk-3WNJNPRY.mjs";
import {
  imageBuilders
} from "./chunk-GSMRIG7M.mjs";
import {
  modelRefPattern,
  parseModelRef
} from "./chunk-576TQ6KU.mjs";
import {
  evidenceTypeNames,
  profileEvidence,
  refuseSameFile,
  statusOf
} from "./chunk-O2IB43A2.mjs";
import {
  stepReportFiles,
  writeStepReports
} from "./chunk-HGLLVRDD.mjs";
import {
  compressionLevels,
  layerCompressions
} from "./chunk-3P2GI5CC.mjs";
import {
  expandPaths
} from "./chunk-QKIDLYGI.mjs";
import {
  isDynamicPattern
} from "./chunk-VXLUZCFX.mjs";
import {
  Aggregates,
  alertFor,
  categoryOf,
  checkData,
  compareCategories,
  count,
  defaultHygieneConfig,
  doubleOf,
  exampleCount,
  formatLabels,
  formatOf,
  hygieneKeys,
  isCompatible,
  isProfileFile,
  keyColumns,
  kindOf,
  labelChecks,
  loadProfile,
  loadSchema,
  maxProfileCategories,
  numericValues,
  parseProfile,
  plain,
  profileAlongside,
  profileTable,
  profileText,
  quoteIdentifier,
  quoteText,
  rawValueRows,
  relations,
  reportFileAlert,
  reportIdFromJobName,
  reportOptions,
  scanCompanion,
  show,
  validateDataInput,
  withData,
  withDatasets
} from "./chunk-OJEZEUZX.mjs";
import {
  parseYamlFile
} from "./chunk-3WGW567F.mjs";
import {
  require_dist
} from "./chunk-EHSMM5DC.mjs";
import {
  readInputFile,
  requireRegularFile
} from "./chunk-MK3DDHCX.mjs";
import {
  InlineMarkdown,
  codeSpan,
  commentMarker,
  heading,
  legacyCommentMarker,
  literalText,
  md,
  plural,
  table
} from "./chunk-5PJDXVWP.mjs";
import {
  writeFileAtomic
} from "./chunk-VQWOU3SX.mjs";
import {
  _enum,
  array,
  boolean,
  literal,
  number,
  object,
  string,
  toJSONSchema
} from "./chunk-2GFZTZLN.mjs";
import {
  latestVersion,
  registryUriForms
} from "./chunk-XMRYHEY6.mjs";
import {
  fileDigest
} from "./chunk-KLG7ZBD7.mjs";
import {
  refuseUriCredentials
} from "./chunk-2WYYKV6E.mjs";
import {
  ExitCode,
  InputError,
  firstLine,
  maskUriCredentials
} from "./chunk-C6XSGGFY.mjs";
import {
  __toESM
} from "./chunk-AQW5IZUH.mjs";

// packages/core/src/config.ts
var import_yaml = __toESM(require_dist(), 1);
import { resolve } from "node:path";

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
function kindOf2(key, schema) {
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
      ...kindOf2(key, inner),
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

// packages/core/src/config.ts
var defaultConfigFile = "mlci.yaml";
var optionNamed = (name) => (step) => optionsOf(step.input).some((spec) => spec.name === name) ? name : void 0;
var sharedSettings = [
  {
    name: "registry",
    description: "The model registry of every step that has a registry option (validate-data, train, evaluate, build-image, promote); a step's own registry overrides it.",
    options: optionNamed("registry")
  },
  {
    name: "insecure-registry",
    description: "Allow plain HTTP to an OCI registry that is not on localhost, for every step that has the option; a step's own insecure-registry overrides it.",
    options: optionNamed("insecure-registry")
  },
  {
    name: "model",
    description: "The registered model this project trains and promotes: train registers its outputs as a new version of it (train.register) and promote moves its alias (promote.model); a step's own value overrides it.",
    options: (step) => ({ train: "register", promote: "model" })[step.name]
  }
];
function configSchema(steps2) {
  const sections = {};
  const fieldOf = (step, name) => {
    const spec = optionsOf(step.input).find((option) => option.name === name);
    return spec ? unwrapDefault(step.input.shape[spec.key]) : void 0;
  };
  for (const step of steps2) {
    const fields = {};
    for (const spec of optionsOf(step.input)) {
      fields[spec.name] = fieldOf(step, spec.name).optional().describe(spec.description);
    }
    sections[step.name] = object(fields).strict().optional().describe(step.summary);
  }
  const shared = {};
  for (const setting of sharedSettings) {
    const fields = steps2.flatMap((step) => {
      const option = setting.options(step);
      const field = option === void 0 ? void 0 : fieldOf(step, option);
      return field ? [field] : [];
    });
    const [first, ...others] = fields;
    if (!first) continue;
    const kind = (field) => JSON.stringify({ ...toJSONSchema(field), description: void 0 });
    for (const other of others)
      if (kind(other) !== kind(first))
        throw new Error(`shared setting ${setting.name}: its options differ in type`);
    shared[setting.name] = first.optional().describe(setting.description);
  }
  return object({
    version: literal(1).optional().describe("Version of the mlci.yaml format."),
    ...shared,
    ...sections
  }).strict();
}
function unwrapDefault(field) {
  let inner = field;
  for (; ; ) {
    const def = inner._zod.def;
    if ((def.type === "default" || def.type === "optional") && def.innerType) inner = def.innerType;
    else return inner;
  }
}
function configJsonSchema(steps2) {
  return {
    ...toJSONSchema(configSchema(steps2)),
    $id: "https://mlci.dev/schema/mlci.schema.json",
    title: "mlci.yaml"
  };
}
function configOption(config, step, option) {
  if (!config) return void 0;
  const section = config.sections[step.name];
  if (section && section[option] !== void 0) return { value: section[option], path: [step.name, option] };
  for (const setting of sharedSettings) {
    if (setting.options(step) === option && config.shared[setting.name] !== void 0)
      return { value: config.shared[setting.name], path: [setting.name] };
  }
  return void 0;
}
function configKeysOf(step, option) {
  const shared = sharedSettings.filter((setting) => setting.options(step) === option).map((s) => s.name);
  return [`${step.name}.${option}`, ...shared];
}
async function loadConfig(steps2, cwd, explicit) {
  const file = explicit ?? defaultConfigFile;
  let text;
  try {
    text = (await readInputFile(resolve(cwd, file), file)).toString("utf8");
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (explicit === void 0 && error.code === "ENOENT") return void 0;
    throw new InputError(
      `${file}: cannot read config file (${error.code ?? error})`
    );
  }
  const { document, value: parsedValue, lineOf } = parseYamlFile(text, file);
  const value = parsedValue ?? {};
  const where = (path) => {
    for (let length = path.length; length > 0 && (0, import_yaml.isMap)(document.contents); length--) {
      const line2 = lineOf(document.getIn(path.slice(0, length), true));
      if (line2) return `${file}:${line2}`;
    }
    const line = lineOf(document.contents);
    return line ? `${file}:${line}` : file;
  };
  const parsed = configSchema(steps2).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map(String);
    if (issue.code === "unrecognized_keys") path.push(String(issue.keys[0]));
    const message = issue.code === "unrecognized_keys" ? "unknown key" : issue.message;
    throw new InputError(`${where(path)}: ${path.join(".") || "(top level)"}: ${message}`);
  }
  const data = parsed.data;
  const shared = Object.fromEntries(
    sharedSettings.filter((setting) => data[setting.name] !== void 0).map((s) => [s.name, data[s.name]])
  );
  return { file, sections: data, shared, where };
}

// packages/core/src/io/writable.ts
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { dirname, relative, resolve as resolve2 } from "node:path";
async function checkWritableDirectory(cwd, path, shown) {
  const absolute = resolve2(cwd, path);
  const display = (place) => {
    const inside = relative(cwd, place);
    return place === absolute ? path : inside === "" ? "." : inside.startsWith("..") ? place : inside;
  };
  let existing = absolute;
  for (; ; ) {
    const found = await stat(existing).catch((error) => {
      if (error.code === "ENOENT" || error.code === "ENOTDIR") return void 0;
      throw new InputError(`${shown}: cannot use ${path} (${error.code ?? error.message})`);
    });
    if (found) {
      if (!found.isDirectory())
        throw new InputError(
          `${shown}: ${display(existing)}${existing === absolute ? "" : ` (in ${path})`} is a file, not a directory`
        );
      break;
    }
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  await access(existing, constants.W_OK).catch((error) => {
    const why = error.code === "EROFS" ? "a read-only file system" : "permission denied";
    throw new InputError(`${shown}: cannot write into ${display(existing)}: ${why} (${error.code})`);
  });
}

// packages/core/src/platform/progress.ts
var percent = (fraction) => fraction === void 0 ? "" : ` ${Math.floor(fraction * 100)}%`;
function createProgress(options) {
  const now = options.now ?? Date.now;
  const write = options.write ?? ((text) => process.stderr.write(text));
  const interval = options.intervalMs ?? (options.interactive ? 100 : 5e3);
  let last = now();
  let live = false;
  return {
    update(label, fraction) {
      const time = now();
      if (time - last < interval) return;
      last = time;
      if (options.interactive) {
        write(`\r\x1B[K${label}${percent(fraction)}`);
        live = true;
      } else {
        options.logger.info(`${label}${percent(fraction)}`);
      }
    },
    done() {
      if (live) write("\r\x1B[K");
      live = false;
      last = now();
    }
  };
}
var noProgress = { update() {
}, done() {
} };

// packages/core/src/execute.ts
var uriOptionKeys = {
  registry: void 0,
  cacheStore: void 0,
  tracking: void 0,
  deployRepo: "MLCI_DEPLOY_TOKEN"
};
async function executeStep(invocation) {
  const { step, given, platform, logger } = invocation;
  const config = await loadConfig(invocation.allSteps, invocation.cwd, invocation.configFile);
  const merged = {};
  const fromConfig = /* @__PURE__ */ new Map();
  for (const spec of optionsOf(step.input)) {
    const found = configOption(config, step, spec.name);
    const value = given[spec.key];
    if (value !== void 0) {
      merged[spec.key] = value;
      if (found && JSON.stringify(found.value) !== JSON.stringify(value))
        logger.info(
          `${invocation.nameGiven(spec.name)} overrides ${found.path.join(".")} of ${config?.file ?? "mlci.yaml"}`
        );
    } else if (found) {
      merged[spec.key] = found.value;
      fromConfig.set(spec.key, found.path);
    }
  }
  const nameOf = (key) => {
    const path = fromConfig.get(key);
    if (path && config) return `${config.where(path)}: ${path.join(".")}`;
    return invocation.nameGiven(kebabCase(key));
  };
  const input = parseInput(
    step,
    merged,
    nameOf,
    // A missing option may be given either way: the message names both.
    (key) => `${configKeysOf(step, kebabCase(key)).join(" or ")} in ${config?.file ?? "mlci.yaml"}`
  );
  for (const [key, variables] of Object.entries(uriOptionKeys)) {
    const value = input[key];
    if (typeof value === "string") refuseUriCredentials(value, nameOf(key), variables);
  }
  const out = input.out;
  if (typeof out === "string")
    await checkWritableDirectory(invocation.cwd, out, outName(invocation, config, fromConfig));
  const progress = invocation.progress ?? createProgress({ logger, interactive: false });
  const artifacts = platform.branchArtifacts?.();
  const context = platform.context();
  const report = await step.run(input, {
    cwd: invocation.cwd,
    logger,
    progress,
    context,
    ...artifacts ? { artifacts } : {}
  }).catch((error) => {
    if (config && error instanceof InputError) locateInConfig(error, config, fromConfig, merged);
    throw error;
  });
  logger.info(report.headline);
  const reportId = input.reportId ?? reportIdFromJobName(context.jobName);
  const alertKind = input.alert;
  const alert = alertKind === void 0 ? void 0 : alertFor(alertKind, step.name, step.alertSubject?.(input), reportId);
  await platform.publish(report, {
    ...reportId === void 0 ? {} : { reportId },
    ...alert === void 0 ? {} : { alert }
  });
  return { report, exitCode: report.result.status === "passed" ? ExitCode.passed : ExitCode.gateFailed };
}
function locateInConfig(error, config, fromConfig, merged) {
  for (const [key, path] of fromConfig) {
    const name = kebabCase(key);
    const value = merged[key];
    const items = Array.isArray(value) ? value : [value];
    const index = items.findIndex(
      (item) => typeof item === "string" && item !== "" && (error.message.includes(`'${item}'`) || error.message.startsWith(`${item}:`))
    );
    const byName = error.message.startsWith(`${name}:`) || error.message.startsWith(`${name} `);
    const byValue = !byName && index >= 0 && error.message.startsWith(`${items[index]}:`);
    if (!byName && !byValue) continue;
    const at = Array.isArray(value) && index >= 0 ? [...path, String(index)] : path;
    const rest = byName ? error.message.slice(name.length).replace(/^:\s*/, ": ") : `: ${error.message}`;
    error.message = `${config.where(at)}: ${at.join(".")}${rest}`;
    return;
  }
}
function outName(invocation, config, fromConfig) {
  const path = fromConfig.get("out");
  return path && config ? `${config.where(path)}: ${path.join(".")}` : invocation.nameGiven("out");
}
function parseInput(step, merged, nameOf, configKeysOf2) {
  const parsed = step.input.safeParse(merged);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0] ?? "");
  if (issue && merged[key] === void 0)
    throw new InputError(`${nameOf(key)} is required (or ${configKeysOf2(key)})`);
  throw new InputError(`${nameOf(key)}: ${issue?.message ?? "invalid value"}`);
}

// packages/core/src/platform/change-url.ts
function apiOverridesFromEnv(env) {
  const pick = (name) => env[name] || void 0;
  const overrides = {};
  const githubApiUrl = pick("MLCI_GITHUB_API_URL");
  const gitlabUrl = pick("MLCI_GITLAB_URL");
  const bitbucketUrl = pick("MLCI_BITBUCKET_URL");
  const bitbucketApiUrl = pick("MLCI_BITBUCKET_API_URL");
  if (githubApiUrl) overrides.githubApiUrl = githubApiUrl;
  if (gitlabUrl) overrides.gitlabUrl = gitlabUrl;
  if (bitbucketUrl) overrides.bitbucketUrl = bitbucketUrl;
  if (bitbucketApiUrl) overrides.bitbucketApiUrl = bitbucketApiUrl;
  return overrides;
}
var gitlabChange = /^\/([^/]+(?:\/[^/]+)+?)\/(?:-\/)?merge_requests\/([1-9][0-9]*)\/?$/;
var githubChange = /^\/([^/]+)\/([^/]+)\/pull\/([1-9][0-9]*)\/?$/;
var bitbucketServerChange = /^(.*?)\/(projects|users)\/([^/]+)\/repos\/([^/]+)\/pull-requests\/([1-9][0-9]*)(?:\/[a-z-]*)?\/?$/;
var bitbucketCloudChange = /^\/([^/]+)\/([^/]+)\/pull-requests\/([1-9][0-9]*)(?:\/[a-z-]*)?\/?$/;
function parseChangeUrl(changeUrl, overrides = {}) {
  let url;
  let path;
  try {
    url = new URL(changeUrl);
    path = decodeURIComponent(url.pathname);
  } catch {
    return void 0;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return void 0;
  const gitlabBase = overrides.gitlabUrl?.replace(/\/+$/, "");
  const prefix = gitlabBase && changeUrl.startsWith(`${gitlabBase}/`) ? new URL(gitlabBase).pathname.replace(/\/+$/, "") : "";
  const gitlab = gitlabChange.exec(path.slice(prefix.length));
  if (gitlab?.[1] && gitlab[2] && !gitlab[1].split("/").includes("-")) {
    return { host: "gitlab", url: gitlabBase || url.origin, projectPath: gitlab[1], iid: Number(gitlab[2]) };
  }
  const github = githubChange.exec(path);
  if (github?.[1] && github[2] && github[3]) {
    const apiUrl = overrides.githubApiUrl?.replace(/\/+$/, "") || (url.hostname === "github.com" ? "https://api.github.com" : `${url.origin}/api/v3`);
    return { host: "github", apiUrl, owner: github[1], repo: github[2], number: Number(github[3]) };
  }
  if (url.hostname === "bitbucket.org") {
    const cloud = bitbucketCloudChange.exec(path);
    if (cloud?.[1] && cloud[2] && cloud[3])
      return {
        host: "bitbucket-cloud",
        apiUrl: overrides.bitbucketApiUrl?.replace(/\/+$/, "") || "https://api.bitbucket.org/2.0",
        workspace: cloud[1],
        repo: cloud[2],
        number: Number(cloud[3])
      };
    return void 0;
  }
  const server = bitbucketServerChange.exec(path);
  if (server?.[3] && server[4] && server[5]) {
    const baseUrl = overrides.bitbucketUrl?.replace(/\/+$/, "") || `${url.origin}${server[1] ?? ""}`;
    return {
      host: "bitbucket-server",
      baseUrl,
      projectKey: server[2] === "users" ? `~${server[3]}` : server[3],
      repo: server[4],
      number: Number(server[5])
    };
  }
  return void 0;
}
function changeTargetRepository(target) {
  switch (target.host) {
    case "github":
      return `${target.owner}/${target.repo}`;
    case "gitlab":
      return target.projectPath;
    case "bitbucket-server":
      return `${target.projectKey}/${target.repo}`;
    case "bitbucket-cloud":
      return `${target.workspace}/${target.repo}`;
  }
}
function changeTargetName(target) {
  switch (target.host) {
    case "github":
      return `${target.owner}/${target.repo}#${target.number}`;
    case "gitlab":
      return `${target.projectPath}!${target.iid}`;
    case "bitbucket-server":
      return `${target.projectKey}/${target.repo}#${target.number}`;
    case "bitbucket-cloud":
      return `${target.workspace}/${target.repo}#${target.number}`;
  }
}
function repositoryFromGitUrl(gitUrl) {
  const segments = parseGitUrl(gitUrl)?.segments ?? [];
  return segments.length >= 2 ? segments.join("/") : void 0;
}

// packages/core/src/platform/review-host.ts
var CommentPermissionError = class extends Error {
};
async function publishStickyComment(host, comment, logger, advice = {}) {
  try {
    const written = await host.upsert(comment);
    const verb = written.action === "created" ? "commented on" : "updated the comment on";
    logger.info(`${verb} ${host.where}${written.url ? `: ${written.url}` : ""}`);
    return true;
  } catch (error) {
    const status = error.status;
    const message = firstLine(error);
    const reason = typeof status === "number" && !message.includes(String(status)) ? `HTTP ${status}: ${message}` : message;
    const fallback = advice.fallback ? ` ${advice.fallback}` : "";
    if (error instanceof CommentPermissionError)
      logger.warn(
        `cannot comment on ${host.where}: the token may not write there (${reason}); ${host.permissionAdvice}${advice.permission ? ` ${advice.permission}` : ""}${fallback}`
      );
    else logger.warn(`cannot comment on ${host.where}: ${reason}.${fallback}`);
    return false;
  }
}
async function commentOnChangeRequest(options) {
  const { changeUrl, logger } = options;
  const target = parseChangeUrl(changeUrl, options.overrides);
  if (!target) {
    logger.info(
      `not commenting: ${changeUrl} is not a GitHub, GitLab or Bitbucket pull or merge request (set MLCI_GITHUB_API_URL, MLCI_GITLAB_URL or MLCI_BITBUCKET_URL for a server the URL does not tell)`
    );
    return false;
  }
  if (!options.token) {
    logger.info(`to also post this report on ${changeUrl}, ${options.tokenAdvice}`);
    return false;
  }
  if (!options.openReviewHost) {
    logger.debug(`no review host client here: not commenting on ${changeTargetName(target)}`);
    return false;
  }
  let host;
  try {
    host = await options.openReviewHost(target, options.token);
  } catch (error) {
    logger.warn(`cannot comment on ${changeTargetName(target)}: ${firstLine(error)}`);
    return false;
  }
  return publishStickyComment(host, options.comment, logger);
}

// packages/core/src/platform/ci-report.ts
var ChangeRequestCi = class {
  env;
  logger;
  token;
  openReviewHost;
  constructor(options) {
    this.env = options.env;
    this.logger = options.logger;
    this.token = options.token || void 0;
    this.openReviewHost = options.openReviewHost;
  }
  async publish(report, options = {}) {
    const { files } = report;
    this.logger.info(`report: ${files.markdown} (also ${files.json}, ${files.junit})`);
    reportFileAlert(report, options.alert, this.logger, `from ${this.displayName}`);
    const changeUrl = this.context().changeRequest?.url;
    if (!changeUrl) return;
    const step = report.result.step;
    const legacyMarker = legacyCommentMarker(step, options.reportId);
    await commentOnChangeRequest({
      changeUrl,
      token: this.token,
      overrides: apiOverridesFromEnv(this.env),
      openReviewHost: this.openReviewHost,
      comment: {
        marker: commentMarker(step, options.reportId),
        ...legacyMarker === void 0 ? {} : { legacyMarker },
        markdown: report.markdown,
        fullReportHint: this.fullReportHint(report)
      },
      logger: this.logger,
      tokenAdvice: this.tokenAdvice
    });
  }
};

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
  async publish(report, options = {}) {
    this.logger.info(`report: ${report.files.markdown} (also ${report.files.json}, ${report.files.junit})`);
    reportFileAlert(report, options.alert, this.logger, "outside GitHub Actions and GitLab CI");
  }
};

// packages/core/src/platform/platform.ts
function definedField(key, value) {
  return value === void 0 ? {} : { [key]: value };
}
function positiveInteger(text) {
  return text && /^[1-9][0-9]*$/.test(text) ? Number(text) : void 0;
}
var maxBaselineArchiveBytes = 256 * 1024 * 1024;
function stderrLogger(debug = false) {
  const write = (line) => process.stderr.write(`${maskUriCredentials(line)}
`);
  return {
    info: (message) => write(message),
    warn: (message) => write(`warning: ${message}`),
    debug: (message) => {
      if (debug) write(`debug: ${message}`);
    }
  };
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
  if (keys.length === 1) return { statistic: 0, pValue: 1, degreesOfFreedom: 0 };
  const total = referenceTotal + currentTotal;
  const degreesOfFreedom = keys.length - 1;
  let statistic = 0;
  for (const [counts, rowTotal] of [
    [reference, referenceTotal],
    [current, currentTotal]
  ]) {
    for (const key of keys) {
      const columnTotal = (reference.get(key) ?? 0) + (current.get(key) ?? 0);
      const expected = rowTotal * columnTotal / total;
      let observed = counts.get(key) ?? 0;
      if (degreesOfFreedom === 1)
        observed += Math.sign(expected - observed) * min(0.5, abs(expected - observed));
      statistic += (observed - expected) * (observed - expected) / expected;
    }
  }
  return { statistic, pValue: chiSquareSurvival(statistic, degreesOfFreedom), degreesOfFreedom };
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
var KOLMOG_CUTOVER = 0.82;
var MIN_EXPABLE = -708 - 38;
function kolmogorovSurvival(x) {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (x <= Math.PI / sqrt2(-MIN_EXPABLE * 8)) return 1;
  let sf;
  if (x <= KOLMOG_CUTOVER) {
    const w = sqrt2(2 * Math.PI) / x;
    const logu8 = -Math.PI * Math.PI / (x * x);
    const u = exp(logu8 / 8);
    let P = 1;
    if (u === 0) {
      P = exp(logu8 / 8 + log2(w));
    } else {
      const u8 = exp(logu8);
      const u8cub = u8 ** 3;
      P = 1 + u8cub * P;
      P = 1 + u8 * u8 * P;
      P = 1 + u8 * P;
      P = w * u * P;
    }
    sf = 1 - P;
  } else {
    const v = exp(-2 * x * x);
    const vsq = v * v;
    const v3 = v ** 3;
    let P = 1;
    P = 1 - v3 * v3 * v * P;
    P = 1 - v3 * vsq * P;
    P = 1 - v3 * P;
    sf = 2 * v * P;
  }
  return clip01(sf);
}
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
function kolmogorovTwoSidedCdf(n, x) {
  if (!(n >= 1 && Number.isInteger(n)) || Number.isNaN(x)) return Number.NaN;
  if (x <= 0.5 / n) return 0;
  if (x >= 1) return 1;
  return kolmogn(n, x, true);
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
  return ksTwoSampleOfStatistic(max2(minS, maxS), n1, n2);
}
function ksTwoSampleOfStatistic(statistic, n1, n2) {
  let d = statistic;
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
  compression: _enum(layerCompressions).default("gzip").describe(
    "Layer compression: gzip (every runtime pulls it), zstd (faster; containerd 1.5+, CRI-O, podman, Docker 23+ pull it; mlci needs Node.js 22.15+ for it), or none for incompressible model weights."
  ),
  compressionLevel: number().int().min(1).max(compressionLevels.zstd.max).default(1).describe(
    "Level: gzip 1 (fastest, the default, as go-containerregistry and ko use) to 9 (smallest); zstd 1 (the default, fastest) to 19."
  ),
  trainResult: string().min(1).default(".mlci/train.json").describe(
    "train's result, for the lineage labels (run id, data and model digests, model version); skipped when absent."
  ),
  attachTo: string().regex(modelRefPattern, "expected NAME, NAME@VERSION, NAME@ALIAS or NAME@latest").optional().describe(
    "Record the image (reference and digest) on the model version NAME@VERSION (a number, an alias, latest) of the registry, as evidence for promote; NAME alone: the newest version registered from this commit (git HEAD, else the CI's commit), the one train --register made in this pipeline."
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
  ...reportOptions,
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
  run: async (input, environment) => (await import("./run-TTPKQPKC.mjs")).runBuildImage(input, environment)
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
  sliceColumn: array(string().min(1)).default([]).describe(
    "Columns to slice the metrics by (each value of each column is a slice; a numeric column of more than 10 values is cut into 5 quantile bins)."
  ),
  task: _enum(evaluationTasks).default("auto").describe(
    "classification or regression; auto decides as scikit-learn's type_of_target on labels and predictions: regression when either holds non-integer numbers (unless score-column is given), else classification."
  ),
  gate: array(string().min(1)).default([]).describe(
    "Gates: METRIC>=V, METRIC<=V, METRIC:max_drop=V, METRIC:max_drop_pct=P, METRIC:non_inferior=MARGIN, mcnemar:alpha=A, each optionally @SLICE."
  ),
  resamples: number().int().min(100).max(1e5).default(1e3).describe("Paired bootstrap resamples for the intervals (at most 100,000)."),
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
  attachTo: string().regex(modelRefPattern, "expected NAME, NAME@VERSION, NAME@ALIAS or NAME@latest").optional().describe(
    "Store this evaluation on the model version NAME@VERSION (a number, an alias, latest) of the registry, as evidence for promote; NAME alone: the newest version registered from this commit (git HEAD, else the CI's commit), the one train --register made in this pipeline."
  ),
  registry: string().min(1).default("file:.mlci/registry").describe(`Model registry for attach-to and registry: baselines: ${registryUriForms}.`),
  insecureRegistry: boolean().default(false).describe("Allow plain HTTP to an OCI registry that is not on localhost."),
  ...reportOptions,
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
  run: async (input, environment) => (await import("./run-PWN3FJOY.mjs")).runEvaluate(input, environment)
});

// packages/core/src/steps/promote/input.ts
var evidenceKinds = evidenceTypeNames;
var promoteInput = object({
  model: string().min(1).describe("The registered model whose alias moves."),
  to: string().min(1).optional().describe(
    "The alias to move (production, staging, \u2026); by default the one the tag rules give for the release tag."
  ),
  version: string().min(1).optional().describe(
    "The version to promote: a number, an alias or latest (the newest); by default the newest one registered from the commit (from-commit, else the tag's commit)."
  ),
  fromCommit: string().regex(/^[0-9a-f]{7,64}$/, "expected a commit SHA (7 to 64 hexadecimal digits)").optional().describe(
    "Promote the newest version registered from this commit (any registration: a version trained again to the same bytes from a later commit counts for both)."
  ),
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
  deployRepo: string().min(1).optional().describe(
    "The GitOps repository to hand the deployment to (a git URL or a local path): after the alias moved, the image of the version is written there by digest. Its token: MLCI_DEPLOY_TOKEN."
  ),
  deployFile: array(string().min(1)).default([]).describe(
    "Files in the deploy repository to set the image in (repeatable): a kustomization, Helm values (with deploy-key) or a manifest. ALIAS=PATH only for that alias (production=overlays/production/kustomization.yaml), PATH for every alias."
  ),
  deployImage: string().min(1).optional().describe(
    "The image repository the cluster pulls from (HOST/PATH, no tag), when it is not where build-image pushed: a mirror, or the registry an OCI-layout image is copied to (skopeo copy keeps the digest). mlci writes it as given and does not check that the image is there."
  ),
  deployBranch: string().min(1).optional().describe("The deploy repository's branch to change; by default its default branch."),
  deployMode: _enum(["commit", "request"]).default("commit").describe(
    "commit: push to the branch; request: push to mlci/deploy/MODEL-ALIAS and open a pull or merge request into the branch."
  ),
  deployContainer: string().min(1).optional().describe(
    "In a plain manifest, the container to set; by default every container running the image's repository."
  ),
  deployKey: string().min(1).optional().describe(
    "In Helm values, the key path of the image (image: a map with tag, and digest or repository; image.ref: a string given the whole name:tag@sha256:\u2026)."
  ),
  deployApiUrl: string().min(1).optional().describe(
    "The deploy repository's REST API root, for a host whose name says neither GitHub nor GitLab: https://HOST/api/v3 (GitHub Enterprise Server) or https://HOST/api/v4 (GitLab); by default from deploy-repo."
  ),
  registry: string().min(1).default("file:.mlci/registry").describe(`Model registry: ${registryUriForms}.`),
  insecureRegistry: boolean().default(false).describe("Allow plain HTTP to a registry that is not on localhost."),
  ...reportOptions,
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
    record: "Digest of the stored promotion record (empty when nothing moved).",
    "deploy-commit": "The commit pushed to the deploy repository (empty when none was: no hand-off, unchanged or dry run)."
  },
  // The implementation is loaded when the step runs: `mlci --help` and the other steps do not pay for it.
  run: async (input, environment) => (await import("./run-BAPS3ILP.mjs")).runPromote(input, environment)
});

// packages/core/src/steps/train/input.ts
var cacheKeyParts = ["command", "inputs", "params", "env", "commit", "runtime"];
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
  timeout: number().positive().max(2147483).optional().describe(
    "Seconds the command may run (at most 2,147,483, about 24 days); past it, the command and its children are killed and the step fails."
  ),
  env: array(string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected environment variable names")).default([]).describe(
    "Environment variables that change the result (e.g. CUDA_VISIBLE_DEVICES): recorded, and part of the cache key."
  ),
  cacheStore: string().min(1).default(".mlci/cache").describe("Run cache: a directory, or oci://HOST[:PORT]/REPOSITORY to share it between runners."),
  noCache: boolean().default(false).describe("Run the command even when the run cache has its result (the new result is still stored)."),
  cacheKeep: number().int().min(0).default(20).describe(
    "How many entries a directory run cache keeps (the most recently used; older ones and content only they held are deleted after each run); 0 keeps all."
  ),
  cacheKey: array(_enum(cacheKeyParts)).default([...cacheKeyParts]).describe("What the run cache key is made of: command, inputs, params, env, commit, runtime."),
  register: string().min(1).optional().describe("Register the outputs as a new version of this model, with the lineage record attached."),
  registry: string().min(1).default("file:.mlci/registry").describe(`Model registry: ${registryUriForms}.`),
  evidence: array(string().min(1)).default([]).describe(
    "Step results to keep with the registered version as evidence for promote (e.g. .mlci/validate-data.json: the training data's validation, and the profile it wrote with write-profile, which validate-data --reference registry:NAME@ALIAS compares production data with), or a profile itself."
  ),
  tracking: string().min(1).optional().describe("Log the run to an MLflow tracking server: mlflow+http(s)://HOST[:PORT][/PATH]."),
  experiment: string().min(1).optional().describe('MLflow experiment name; by default the repository name, else the model name, else "mlci".'),
  insecureRegistry: boolean().default(false).describe("Allow plain HTTP to an OCI registry that is not on localhost."),
  ...reportOptions,
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
  run: async (input, environment) => (await import("./run-7IWEVPYT.mjs")).runTrain(input, environment)
});

// packages/core/src/steps/validate-data/index.ts
import { existsSync } from "node:fs";
import { relative as relative2, resolve as resolve3 } from "node:path";

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
    const spec = specs.get(ref.name);
    if ((spec?.unique?.value || spec?.role === "id") && drift?.test === void 0) {
      skip(
        `declared ${spec?.role === "id" ? "role: id" : "unique"} in the schema (a key): its distribution says nothing`
      );
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
function exactSide(side, column, fetched) {
  const n = column.count - column.nonFinite;
  if (column.values) return { count: n, values: column.values };
  if (side.table) return { count: n, table: side.table, ...fetched ? { fetched } : {} };
  return void 0;
}
async function valuesOf(side, name) {
  if (side.values) return side.values;
  const fetched = side.fetched?.get(name);
  if (fetched) return fetched;
  const table2 = side.table;
  return (await numericValues(table2, [name])).get(name) ?? [];
}
var fetchedValuesPerQuery = 1 << 23;
function fetchesValues(test, n, m) {
  return test === "ks" && Math.max(n, m) <= exactKsSize || test === "wasserstein" && n + m <= fetchedWassersteinSize;
}
function fetchGroups(plans, sides, refColumns, curColumns) {
  const groups = [];
  let group = { plans: [], fetch: /* @__PURE__ */ new Map() };
  let size = 0;
  for (const plan2 of plans) {
    const ref = refColumns.get(plan2.name);
    const cur = curColumns.get(plan2.name);
    let needed = 0;
    const fetch = [];
    if (ref?.kind === "numeric" && cur?.kind === "numeric") {
      const n = ref.count - ref.nonFinite;
      const m = cur.count - cur.nonFinite;
      const [reference, current] = sides;
      const exact = exactSide(reference, ref) && exactSide(current, cur);
      const counted = plan2.test === "ks" && ksAtReferenceValues(ref, current.countsAt?.get(plan2.name), m) !== void 0;
      if (exact && !counted && n > 0 && m > 0 && fetchesValues(plan2.test, n, m)) {
        if (!ref.values) fetch.push([reference, n]);
        if (!cur.values) fetch.push([current, m]);
        needed = fetch.reduce((sum, [, k]) => sum + k, 0);
      }
    }
    if (size > 0 && size + needed > fetchedValuesPerQuery) {
      groups.push(group);
      group = { plans: [], fetch: /* @__PURE__ */ new Map() };
      size = 0;
    }
    group.plans.push(plan2);
    for (const [side] of fetch) group.fetch.set(side, [...group.fetch.get(side) ?? [], plan2.name]);
    size += needed;
  }
  if (group.plans.length > 0) groups.push(group);
  return groups;
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
function ksAtReferenceValues(reference, counts, m) {
  const values = reference.values;
  if (!values || !counts || values.length === 0 || m === 0) return void 0;
  const sorted = [...values].sort((a, b) => a - b);
  const points = distinctValues(sorted);
  if (points.length !== counts.points.length || points.some((p, k) => p !== counts.points[k]))
    return void 0;
  const n = sorted.length;
  let maxS = 0;
  let minDiff = 0;
  let i = 0;
  const pair = (refAtMost, dataAtMost) => {
    const diff = refAtMost / n - dataAtMost / m;
    if (diff > maxS) maxS = diff;
    if (diff < minDiff) minDiff = diff;
  };
  points.forEach((point, k) => {
    pair(i, counts.below[k]);
    while (i < n && sorted[i] <= point) i++;
    pair(i, counts.atOrBelow[k]);
  });
  return Math.max(Math.min(Math.max(-minDiff, 0), 1), maxS);
}
function distinctValues(sorted) {
  const points = [];
  for (const v of sorted)
    if (points.length === 0 || v > points[points.length - 1]) points.push(v);
  return points;
}
function driftAlongside(reference, table2, options, file) {
  const present = new Set(table2.columns.map((column) => column.name));
  const shared = new Set(reference.columns.map((column) => column.name).filter((name) => present.has(name)));
  const kinds = table2.columns.map((column) => ({ ...column, kind: kindOf(column.type) }));
  const refColumns = new Map(reference.columns.map((column) => [column.name, column]));
  const countsAt = /* @__PURE__ */ new Map();
  for (const column of plan(reference, { columns: kinds }, options).plans) {
    const ref = refColumns.get(column.name);
    if (column.test !== "ks" || ref?.kind !== "numeric" || !ref.values || ref.values.length === 0) continue;
    countsAt.set(column.name, distinctValues([...ref.values].sort((a, b) => a - b)));
  }
  const alongside = profileAlongside(table2, {
    file,
    ...driftProfileOptions(reference, options.schema),
    columns: shared,
    values: false,
    countsAt
  });
  return {
    companion: alongside.companion,
    current: (digest) => ({ profile: alongside.profile(digest), table: table2, countsAt: alongside.countsAt() })
  };
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
function compactNumber(value) {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3) return value.toExponential(1).replace(/\.0e/, "e");
  const suffixes = ["", "k", "M", "G", "T"];
  let scaled = value;
  let index = 0;
  if (magnitude >= 1e4) {
    while (Math.abs(scaled) >= 999.5 && index < suffixes.length - 1) {
      scaled /= 1e3;
      index++;
    }
    return `${Number(scaled.toPrecision(3))}${suffixes[index]}`;
  }
  return String(Number(value.toPrecision(magnitude >= 1e3 ? 4 : 3)));
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
      slot === 0 ? `< ${compactNumber(reference.edges[0])}` : slot === k + 1 ? `> ${compactNumber(reference.edges[k])}` : `${compactNumber(reference.edges[slot - 1])}\u2013${compactNumber(reference.edges[slot])}`
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
var newValueExamples = 5;
function newValuesOf(reference, current) {
  if (reference.other > 0) return void 0;
  const known = new Set(reference.categories.map(([value]) => value));
  const found = current.categories.filter(([value, count2]) => count2 > 0 && !known.has(value));
  if (found.length === 0) return void 0;
  const rows = found.reduce((sum, [, count2]) => sum + count2, 0);
  return {
    rows,
    share: Number((rows / current.count).toPrecision(6)),
    values: found.length,
    // The profile lists categories most frequent first.
    examples: found.slice(0, newValueExamples)
  };
}
async function measureNumeric(plan2, reference, current, ref, cur, pooled, fetched) {
  const n = ref.count - ref.nonFinite;
  const m = cur.count - cur.nonFinite;
  if (n === 0) return { statistic: Number.NaN, skipped: "no numeric values in the reference" };
  if (m === 0) return { statistic: Number.NaN, skipped: "no numeric values in the data" };
  const shared = sameEdges(ref.bins, cur.bins);
  const chart = shared && ref.bins && cur.bins ? numericChart(coarsen(ref.bins), coarsen(cur.bins)) : void 0;
  const exactRef = exactSide(reference, ref, fetched.get(reference));
  const exactCur = exactSide(current, cur, fetched.get(current));
  const exact = exactRef && exactCur ? { ref: exactRef, cur: exactCur } : void 0;
  const withChart = (measured) => chart ? { ...measured, chart } : measured;
  const noBins = () => ({
    statistic: Number.NaN,
    skipped: "the profiles have different bin edges: profile the partitions with --reference so they share its edges"
  });
  switch (plan2.test) {
    case "ks": {
      const counted = ksAtReferenceValues(ref, current.countsAt?.get(plan2.name), m);
      if (counted !== void 0) {
        const result = ksTwoSampleOfStatistic(counted, n, m);
        return withChart({ statistic: result.statistic, pValue: result.pValue });
      }
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
  const newValues = newValuesOf(refColumn, curColumn);
  const found = { chart: categoricalChart(ref, cur), ...newValues ? { newValues } : {} };
  if (plan2.test === "chi-square") {
    const result = chiSquareDrift(ref, cur);
    return { statistic: result.statistic, pValue: result.pValue, ...found };
  }
  const keys = [.../* @__PURE__ */ new Set([...ref.keys(), ...cur.keys()])].sort();
  const a = keys.map((key) => ref.get(key) ?? 0);
  const b = keys.map((key) => cur.get(key) ?? 0);
  if (plan2.test === "psi") return { statistic: populationStabilityIndex(a, b), ...found };
  return { statistic: jensenShannonDistance(a, b), ...found };
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
  const explicitTests = new Set(
    (options.schema?.columns ?? []).filter((spec) => spec.drift?.test !== void 0).map((spec) => spec.name)
  );
  for (const group of fetchGroups(plans, [reference, current], refColumns, curColumns)) {
    const fetched = /* @__PURE__ */ new Map();
    for (const [side, names] of group.fetch) {
      if (side.table) fetched.set(side, await numericValues(side.table, names));
    }
    for (const column of group.plans) {
      const ref = refColumns.get(column.name);
      const cur = curColumns.get(column.name);
      let measured;
      if (ref?.kind === "numeric" && cur?.kind === "numeric") {
        measured = await measureNumeric(column, reference, current, ref, cur, pooled, fetched);
      } else if (ref?.kind === "categorical" && cur?.kind === "categorical") {
        const explicit = explicitTests.has(column.name);
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
        ...measured.binned ? { binned: true } : {},
        ...measured.newValues ? { newValues: measured.newValues } : {}
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
  }
  const compared = columns.filter((column) => column.skipped === void 0);
  const driftedCount = compared.filter((column) => column.drifted).length;
  const share = compared.length === 0 ? 0 : driftedCount / compared.length;
  const datasetDrifted = driftedCount > 0 && share >= options.share;
  const percent4 = (x) => `${Number((x * 100).toPrecision(3))}%`;
  checks.push({
    name: "drift",
    status: compared.length === 0 ? "warned" : datasetDrifted ? "failed" : "passed",
    severity: "error",
    message: compared.length === 0 ? `no shared column could be compared with the reference ${options.reference.path}` : `${driftedCount} of ${compared.length} compared columns drifted (${percent4(share)})${options.reference.model ? ` from the training data of ${modelVersionText(options.reference.model)}` : ""}; the data set drifts at ${percent4(options.share)}`,
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
        rows: reference.profile.data.rows,
        ...options.reference.model ? { model: options.reference.model } : {}
      },
      columns,
      share,
      shareThreshold: options.share,
      drifted: datasetDrifted
    },
    checks
  };
}
function modelVersionText(model) {
  return `${model.name} version ${model.version}${model.alias ? ` (${model.alias})` : ""}`;
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
    (schema?.columns ?? []).filter(
      (spec) => (spec.unique?.value || spec.role === "id" || spec.drift?.skip) && spec.drift?.test === void 0
    ).map((spec) => spec.name)
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

// packages/core/src/steps/validate-data/hygiene.ts
var alwaysCategorical = 20;
var maxLabelClasses = 20;
function hygieneExclusions(schema) {
  const reasons = /* @__PURE__ */ new Map();
  for (const key of keyColumns(schema)) reasons.set(key.name, [...key.reasons]);
  for (const name of schema?.hygiene?.config.exclude ?? [])
    reasons.set(name, [...reasons.get(name) ?? [], "hygiene.exclude"]);
  return [...reasons].map(([column, why]) => ({ column, reasons: why }));
}
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
    const numeric = (type) => ["integer", "number"].includes(categoryOf(type));
    const bothNumeric = numeric(column.type) && numeric(other.type);
    shared.push({
      name: column.name,
      train: column,
      test: other,
      sql: sameType ? id : bothNumeric ? `CAST(${id} AS DOUBLE)` : `CAST(${id} AS VARCHAR)`,
      sameType
    });
  }
  const onlyInTrain = train.columns.filter((column) => !testColumns.has(column.name)).map((c) => c.name);
  const onlyInTest = test.columns.filter((column) => !trainNames.has(column.name)).map((c) => c.name);
  const excluded = (options.excluded ?? []).filter(
    (found) => found.column !== label && (trainNames.has(found.column) || testColumns.has(found.column))
  );
  const excludedNames = new Set(excluded.map((found) => found.column));
  const compared = shared.filter((column) => !excludedNames.has(column.name));
  const features = compared.filter((column) => column.name !== label);
  const labelColumn = shared.find((column) => column.name === label);
  const noFeatures = excluded.length > 0 && shared.some((column) => column.name !== label) ? `every ${label === void 0 ? "shared column" : "feature column"} is excluded (${showExcluded(excluded)})` : "no feature columns to compare";
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
  const duplicatesOf = (set) => {
    const columns = set.columns.filter((column) => !excludedNames.has(column.name));
    return duplicateRows(
      set,
      config.duplicates,
      columns,
      columns.some((column) => column.name !== label) ? void 0 : noFeatures
    );
  };
  const trainDuplicates = await duplicatesOf(train);
  const testDuplicates = await duplicatesOf(test);
  const leftOut = excluded.length === 0 ? "" : `; left out: ${showExcluded(excluded)}`;
  const summary = {
    train: { file: train.file, rows: trainDuplicates.rows, columns: train.columns.length },
    test: { file: test.file, rows: testDuplicates.rows, columns: test.columns.length },
    ...label === void 0 ? {} : { label },
    excluded,
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
        found.skipped ? `not checked: ${found.skipped}` : found.duplicates === 0 ? `no row of ${file} repeats another (${plural(found.rows, "row")}${leftOut})` : `${found.duplicates} of ${plural(found.rows, "row")} of ${file} (${percent2(found.fraction)}) repeat an earlier row${leftOut}; at most ${percent2(found.maxFraction)} allowed; e.g. ${found.examples.map((e) => `${shownRow(e.row)} (${e.count} times)`).join(", ")}`,
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
    const by = `${what}${leftOut}`;
    const fraction = testRows === 0 ? 0 : pairs.overlapRows / testRows;
    const overlap = {
      status: "passed",
      comparedBy,
      columns: features.length,
      rows: pairs.overlapRows,
      fraction,
      maxFraction: config.overlap.maxFraction,
      examples: pairs.overlapExamples
    };
    if (features.length === 0) overlap.skipped = noFeatures;
    overlap.status = add(
      "overlap",
      config.overlap,
      "overlap(train, test)",
      void 0,
      fraction <= overlap.maxFraction,
      overlap.skipped ? `not checked: ${overlap.skipped}` : pairs.overlapRows === 0 ? `no test row appears in the training set (compared by ${by})` : `${pairs.overlapRows} of ${plural(testRows, "test row")} (${percent2(fraction)}) also appear in the training set (compared by ${by}); at most ${percent2(overlap.maxFraction)} allowed; e.g. ${overlap.examples.map((e) => shownRow(e.row)).join(", ")}`,
      overlap.maxFraction,
      { rows: pairs.overlapRows, fraction: rounded(fraction) }
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
      if (features.length === 0) found.skipped = noFeatures;
      found.status = add(
        "conflicting_labels",
        settings,
        name,
        void 0,
        found.fraction <= found.maxFraction,
        found.skipped ? `not checked: ${found.skipped}` : found.groups === 0 ? `no identical features with different labels ${where}${leftOut}` : `${plural(found.groups, "group")} of identical features ${where} with different labels (${found.rows} of ${plural(total, "labelled row")}, ${percent2(found.fraction)}${leftOut}); at most ${percent2(found.maxFraction)} allowed; e.g. ${found.examples.map((e) => `${shownRow(e.row)}: ${showLabels(e)}`).join("; ")}`,
        found.maxFraction,
        { groups: found.groups, rows: found.rows, fraction: rounded(found.fraction) }
      );
    }
    const { labelled: _labelled, ...trainSummary } = withinTrain;
    summary.conflictingLabels = { train: trainSummary, trainTest: across };
  }
  const needsProfile = config.unseenCategories.enabled || label !== void 0 && config.leakage.enabled;
  const profile = needsProfile ? await trainProfile(train, compared, labelColumn, config.leakage.bins) : void 0;
  if (config.unseenCategories.enabled && profile) {
    const settings = config.unseenCategories;
    const unseen = await unseenCategories(train, test, compared, profile, settings, testRows);
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
async function duplicateRows(table2, { enabled, maxFraction }, compared, skipped) {
  if (!enabled || skipped !== void 0) {
    const [row2] = await table2.query(`SELECT count(*) AS n FROM ${table2.relation}`);
    const rows2 = count(row2?.n);
    return {
      status: "passed",
      ...skipped === void 0 ? {} : { skipped },
      rows: rows2,
      duplicates: 0,
      fraction: 0,
      maxFraction,
      examples: []
    };
  }
  const columns = compared.map((column) => ({ name: column.name, sql: quoteIdentifier(column.name) }));
  const [row] = await table2.query(
    `SELECT coalesce(sum(n), 0) AS mlci_rows, coalesce(sum(n - 1), 0) AS mlci_surplus,
       min_by({row: r, n: n}, {a: -n, b: r}, ${exampleCount}) FILTER (WHERE n > 1) AS mlci_examples
     FROM (SELECT ${rowStruct(columns)} AS r, count(*) AS n FROM ${table2.relation} GROUP BY ALL)`
  );
  const rows = count(row?.mlci_rows);
  const duplicates = count(row?.mlci_surplus);
  const examples = (row?.mlci_examples ?? []).map((e) => ({
    row: jsonRow(e.row),
    count: count(e.n)
  }));
  return {
    status: "passed",
    rows,
    duplicates,
    fraction: rows === 0 ? 0 : duplicates / rows,
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
      labels: distinctValues2(e.train),
      testLabels: distinctValues2(e.test)
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
      labels: distinctValues2(e.labels)
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
        distinct: aggregates.distinct(id, column.train.type),
        nonNull: aggregates.add(`count(${id})`)
      });
    }
    if (binnable(column))
      edges.set(column.name, aggregates.add(`quantile_disc(${numericSql(column)}, ${quantiles})`));
  }
  let labelDistinct;
  if (label && binnable(label) && ["integer", "number"].includes(categoryOf(label.train.type))) {
    labelDistinct = aggregates.distinct(quoteIdentifier(label.name), label.train.type);
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
function distinctValues2(value) {
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
function exampleCode(value) {
  return codeSpan(typeof value === "string" ? value : show(value)).markdown;
}
function shownRow(row) {
  const text = show(row);
  return text.length > maxRowText ? `${text.slice(0, maxRowText - 1)}\u2026` : text;
}
function percent2(fraction) {
  return `${Number((fraction * 100).toPrecision(3))}%`;
}
function rounded(value) {
  return Number(value.toPrecision(6));
}
function showExcluded(excluded) {
  const shown = excluded.slice(0, 10).map((found) => `${show(found.column)} (${found.reasons.join(", ")})`);
  return `${shown.join(", ")}${excluded.length > 10 ? `, \u2026 (${excluded.length})` : ""}`;
}
function listed(names) {
  return `${names.slice(0, 10).map(show).join(", ")}${names.length > 10 ? `, \u2026 (${names.length})` : ""}`;
}
var statusIcons = { passed: "\u2705", failed: "\u274C", warned: "\u26A0\uFE0F", skipped: "\u23ED\uFE0F" };
var maxListed = 10;
function renderHygiene(summary) {
  const { train, test, label } = summary;
  const lines = [
    "### Train/test hygiene",
    "",
    `**Train:** ${codeSpan(train.file)} (${plural(train.rows, "row")}) \xB7 **Test:** ${codeSpan(test.file)} (${plural(test.rows, "row")})${label === void 0 ? "" : ` \xB7 **Label:** ${codeSpan(label)}${summary.labelBinned ? " (binned: numeric with many values)" : ""}`}`,
    ""
  ];
  if (summary.excluded.length > 0) {
    const named = summary.excluded.map((found) => `${codeSpan(found.column)} (${found.reasons.join(", ")})`).join(", ");
    lines.push(`**Left out of the comparisons** (keys are not features): ${named}`, "");
  }
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
      same ? "yes" : new InlineMarkdown(
        [
          onlyInTrain.length > 0 ? md`only in train: ${listed(onlyInTrain)}` : "",
          onlyInTest.length > 0 ? md`only in test: ${listed(onlyInTest)}` : ""
        ].filter((part) => part !== "").join("; ")
      ),
      ""
    ]);
  }
  if (summary.duplicates) {
    for (const [set, found] of Object.entries(summary.duplicates)) {
      rows.push([
        icon(found.status, found.skipped),
        `duplicate rows (${set})`,
        found.skipped ?? `${found.duplicates} of ${found.rows} (${percent2(found.fraction)})`,
        `\u2264 ${percent2(found.maxFraction)}`
      ]);
      if (flagged(found.status) && found.examples.length > 0) {
        details.push(
          `**Duplicate rows (${set}):**`,
          "",
          ...found.examples.map((e) => `- ${codeSpan(shownRow(e.row))} \xD7 ${e.count}`),
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
        ...found.examples.map((e) => `- ${codeSpan(shownRow(e.row))} (train \xD7 ${e.train}, test \xD7 ${e.test})`),
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
          ...found.examples.map((e) => `- ${codeSpan(shownRow(e.row))}: ${literalText(showLabels(e))}`),
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
            literalText(found.column),
            `${found.rows} (${percent2(found.fraction)})`,
            String(found.values),
            new InlineMarkdown(
              found.examples.map((e) => `${exampleCode(e.value)} \xD7 ${e.count}`).join(", ")
            )
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
      evaluated.length === 0 ? summary.leakage[0]?.skipped ?? "no features" : new InlineMarkdown(
        leaking.length > 0 ? leaking.map((found) => `${codeSpan(found.column)} (${found.score.toFixed(2)})`).join(", ") : `highest: ${codeSpan(top?.column ?? "")} (${top?.score.toFixed(2)})`
      ),
      `score < ${maxScore}`
    ]);
    if (evaluated.length > 0) {
      details.push(
        "<details><summary>Predictive power of single features (leakage)</summary>",
        "",
        table(
          ["Feature", "Score", "Accuracy", "Baseline", "Values"],
          evaluated.slice(0, maxListed).map((found) => [
            md`${found.status === "passed" ? "" : `${statusIcons[found.status]} `}${found.column}`,
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
      aliases.distinct = aggregates.distinct(id, column.type);
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
    const lists = new Aggregates("c");
    const aliases = categorical.map(
      (profile) => lists.add(`list_sort(map_keys(histogram(${quoteIdentifier(profile.name)})))`)
    );
    const values = await lists.run(table2);
    categorical.forEach((profile, i) => {
      profile.categories = (values[aliases[i]] ?? []).map(String);
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
function checkProfile(profile, schema) {
  const check = (name, column, rule, status, message, expected, observed) => ({
    name,
    ...column === void 0 ? {} : { column },
    status: status === "passed" ? "passed" : status === "undecided" || rule.severity === "warn" ? "warned" : "failed",
    severity: rule.severity,
    message,
    ...expected === void 0 ? {} : { expected },
    ...observed === void 0 ? {} : { observed },
    location: { file: schema.file, ...rule.line === void 0 ? {} : { line: rule.line } }
  });
  const byName = new Map(profile.columns.map((column) => [column.name, column]));
  const rows = profile.data.rows;
  const checks = [];
  for (const spec of schema.columns) {
    const column = byName.get(spec.name);
    if (!column) {
      checks.push(
        spec.required.value ? check(
          "required",
          spec.name,
          spec.required,
          "failed",
          "column is missing from the data",
          "present",
          "absent"
        ) : check(
          "required",
          spec.name,
          spec.required,
          "passed",
          "optional column is absent; its rules were not checked"
        )
      );
      continue;
    }
    checks.push(check("required", spec.name, spec.required, "passed", "column is present"));
    const category = categoryOf(column.type);
    const typed = !spec.type || isCompatible(category, spec.type.value) || spec.type.value === "string";
    if (spec.type) {
      checks.push(
        typed ? check(
          "type",
          spec.name,
          spec.type,
          "passed",
          `read as ${column.type}`,
          spec.type.value,
          column.type
        ) : check(
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
        check(
          "nullable",
          spec.name,
          spec.nullable,
          column.nulls === 0 ? "passed" : "failed",
          column.nulls === 0 ? "no nulls" : `${column.nulls} of ${plural(rows, "value")} null`,
          0,
          column.nulls
        )
      );
    }
    if (spec.maxNullFraction) {
      const fraction = rows === 0 ? 0 : column.nulls / rows;
      checks.push(
        check(
          "max_null_fraction",
          spec.name,
          spec.maxNullFraction,
          fraction <= spec.maxNullFraction.value ? "passed" : "failed",
          `${column.nulls} of ${plural(rows, "value")} null`,
          spec.maxNullFraction.value,
          Number(fraction.toPrecision(6))
        )
      );
    }
    for (const key of ["min", "max"]) {
      const bound2 = spec[key];
      if (!bound2) continue;
      const limit = typeof bound2.value === "bigint" ? Number(bound2.value) : bound2.value;
      if (column.kind !== "numeric" || typeof limit !== "number" || !typed) {
        checks.push(
          check(key, spec.name, bound2, "undecided", `${key} of a ${column.type} column ${needsRows}`, limit)
        );
        continue;
      }
      const observed = column[key];
      const ok = observed === void 0 || (key === "min" ? observed >= limit : observed <= limit);
      checks.push(
        check(
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
          check(
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
          check(
            "allowed",
            spec.name,
            spec.allowed,
            n === 0 ? "passed" : "failed",
            n === 0 ? "all values are allowed" : `${plural(n, "row")} ${n === 1 ? "has a value" : "have values"} not in the allowed list (${plural(outside.length, "distinct value")}), e.g. ${outside.slice(0, 5).map(([v]) => JSON.stringify(v)).join(", ")}`,
            spec.allowed.value,
            n === 0 ? void 0 : outside.slice(0, 5).map(([v]) => v)
          )
        );
      }
    }
    if (spec.regex)
      checks.push(check("regex", spec.name, spec.regex, "undecided", `regex ${needsRows}`, spec.regex.value));
    if (spec.unique?.value)
      checks.push(check("unique", spec.name, spec.unique, "undecided", `unique ${needsRows}`, true));
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
      check(
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
      check(
        "rows.min",
        void 0,
        table2.rowsMin,
        rows >= table2.rowsMin.value ? "passed" : "failed",
        plural(rows, "row"),
        table2.rowsMin.value,
        rows
      )
    );
  }
  if (table2.rowsMax) {
    checks.push(
      check(
        "rows.max",
        void 0,
        table2.rowsMax,
        rows <= table2.rowsMax.value ? "passed" : "failed",
        plural(rows, "row"),
        table2.rowsMax.value,
        rows
      )
    );
  }
  for (const key of table2.unique) {
    checks.push(
      check(
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

// packages/core/src/steps/validate-data/registry-reference.ts
var registryReferencePrefix = "registry:";
function isRegistryReference(reference) {
  return reference.startsWith(registryReferencePrefix);
}
async function loadRegistryProfile(reference, input, environment) {
  const { model, version } = parseModelRef(
    reference.slice(registryReferencePrefix.length),
    "reference"
  );
  const { openStepRegistry } = await import("./open-7RMT4EKG.mjs");
  const registry = await openStepRegistry(input, environment);
  const found = await registry.getVersion(model, version);
  const named = `${model} version ${found.version}`;
  const attachment = found.attachments.filter((a) => a.kind === profileEvidence.kind).at(-1);
  if (!attachment)
    throw new InputError(
      `reference: ${named} in ${registry.uri} has no profile of its training data: give train --evidence the result of validate-data --write-profile PROFILE.json on the training data (or PROFILE.json itself) when it registers ${model}`
    );
  const bytes = await registry.readAttachment(model, found.version, attachment);
  const profile = parseProfile(Buffer.from(bytes).toString("utf8"), `reference: the profile of ${named}`);
  environment.logger.info(
    `validate-data: reference ${reference} is ${named} in ${registry.uri} (training data ${profile.data.file}, ${profile.data.rows} rows)`
  );
  const alias = /^[0-9]+$/.test(version) ? void 0 : version;
  return {
    profile,
    model: {
      registry: registry.uri,
      name: model,
      version: found.version,
      ...alias === void 0 || alias === latestVersion ? {} : { alias },
      profileDigest: attachment.digest
    }
  };
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
    heading(2, md`${emoji} ${headlineOf(result)}`),
    "",
    `${md`**Data:** ${codeSpan(data.path)} (${data.format === "profiles" ? "merged profiles" : formatLabels[data.format]}, ${data.rows} rows, ${data.columns} columns, ${codeSpan(data.digest)})`}  `,
    ...schema ? [
      `${md`**Schema:** ${codeSpan(schema.path)}${schema.inferred ? " (inferred from this data)" : ""}`}  `
    ] : [],
    ...drift ? [
      drift.reference.model ? `${md`**Reference:** ${codeSpan(drift.reference.path)}: the training data of ${modelVersionText(drift.reference.model)} in ${codeSpan(drift.reference.model.registry)} (profile, ${drift.reference.rows} rows, ${codeSpan(drift.reference.digest)})`}  ` : `${md`**Reference:** ${codeSpan(drift.reference.path)} (${drift.reference.kind === "profile" ? "profile" : "data"}, ${drift.reference.rows} rows, ${codeSpan(drift.reference.digest)})`}  `,
      `**Drift:** ${driftVerdict(drift)}  `
    ] : [],
    `**Checks:** ${counts.passed} passed, ${counts.failed} failed, ${counts.warned} warned`
  ];
  const failed = result.checks.filter((check) => check.status === "failed");
  const warned = result.checks.filter((check) => check.status === "warned");
  const passed = result.checks.filter((check) => check.status === "passed");
  const examplesInHygiene = result.hygiene !== void 0;
  if (failed.length > 0)
    lines.push(
      "",
      `### Failed (${failed.length})`,
      "",
      violations(failed, result.keyColumn, examplesInHygiene)
    );
  const columnDrift = (check) => drift !== void 0 && check.name === "drift" && check.column !== void 0;
  const warnedShown = warned.filter((check) => !columnDrift(check));
  const warnedInDrift = warned.length - warnedShown.length;
  if (warnedShown.length > 0) {
    lines.push(
      "",
      `### Warnings (${warned.length})`,
      "",
      violations(warnedShown, result.keyColumn, examplesInHygiene)
    );
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
function percent3(share) {
  return `${Number((share * 100).toFixed(1))} %`;
}
function driftVerdict(drift) {
  const compared = drift.columns.filter((column) => column.skipped === void 0).length;
  const drifted = drift.columns.filter((column) => column.skipped === void 0 && column.drifted).length;
  const counted = `${drifted} of ${compared} compared ${compared === 1 ? "column" : "columns"} drifted (${percent3(drift.share)})`;
  return drift.drifted ? `\u274C the data set drifted: ${counted}, at or over the gate's ${percent3(drift.shareThreshold)}` : `\u2705 ${counted}, under the gate's ${percent3(drift.shareThreshold)}`;
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
    const named = ranked.skipped.slice(0, namedSkipped).map((column) => md`${codeSpan(column.column)} (${column.skipped ?? ""})`).join(", ");
    const more = ranked.skipped.length > namedSkipped ? `, and ${ranked.skipped.length - namedSkipped} more` : "";
    lines.push("", `Not compared: ${named}${more}.`);
  }
  const withNewValues = ranked.compared.filter((column) => column.newValues !== void 0);
  if (withNewValues.length > 0) lines.push("", newValuesText(withNewValues));
  const charted = ranked.drifted.filter((column) => column.chart !== void 0).slice(0, chartedColumns);
  if (charted.length > 0) {
    lines.push(
      "",
      `#### ${charted.length === 1 ? "The drifted column" : `The ${charted.length} most drifted columns`}: the data against the reference`
    );
    if (charted.some((column) => column.kind === "numeric"))
      lines.push(
        "",
        "A numeric column is drawn on the reference's 5 % quantile bins, at equal width: the reference (line) has about 5 % of its rows in each, so a bar above the line is where the data has more rows than the reference. Not a histogram: a bin's width on the chart is not its width in values."
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
      literalText(column.column),
      column.skipped === void 0 ? testLabel(column) : "",
      column.skipped === void 0 ? formatNumber(column.statistic) : "",
      ...withPValue ? [column.pValue === void 0 ? "" : formatNumber(column.pValue)] : [],
      column.skipped === void 0 ? thresholdText(column) : "",
      column.skipped !== void 0 ? md`not compared: ${column.skipped}` : `${column.drifted ? "\u274C yes" : "\u2705 no"}${column.newValues ? ` (${plural(column.newValues.values, "new value")})` : ""}`
    ])
  );
}
function thresholdText(column) {
  return isPValueTest2(column.test) ? `p \u2264 ${formatNumber(column.threshold)}` : `\u2265 ${formatNumber(column.threshold)}`;
}
function formatNumber(value) {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e6) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}
function chartCaption(column) {
  const p = column.pValue === void 0 ? "" : `, p = ${formatNumber(column.pValue)}`;
  return md`**${codeSpan(column.column)}**: ${testLabel(column)} ${formatNumber(column.statistic)}${p} (drift at ${thresholdText(column)})`.markdown;
}
function newValuesText(columns) {
  const items = columns.map((column) => {
    const found = column.newValues;
    const examples = found.examples.map(
      ([value, count2]) => `${codeSpan(shorten(value, maxRowValueLength))} \xD7 ${count2}`
    );
    const more = found.values > examples.length ? `, and ${found.values - examples.length} more` : "";
    return md`- ${codeSpan(column.column)}: ${plural(found.rows, "row")} (${percent3(found.share)}) with ${plural(found.values, "value")} the reference never has: ${new InlineMarkdown(examples.join(", "))}${more}`.markdown;
  });
  return ["**New values** (not in the reference):", "", ...items].join("\n");
}
function shares(values) {
  const total = values.reduce((sum, value) => sum + value, 0);
  const scaled = total > 1 + 1e-9 ? values.map((value) => value / total) : values;
  return scaled.map((value) => Number(value.toFixed(4)));
}
function chartColours(palette) {
  return [
    "---",
    "config:",
    "  themeVariables:",
    "    xyChart:",
    `      plotColorPalette: "${palette}"`,
    "---"
  ];
}
function driftChart(column) {
  const chart = column.chart;
  if (chart === void 0) return "";
  const reference = shares(chart.reference);
  const current = shares(chart.current);
  const top = Math.max(...reference, ...current, 0);
  const yMax = Math.min(1, Math.max(0.05, Math.ceil(top * 20) / 20));
  const name = mermaidText(column.column, 40);
  if (column.kind === "numeric") {
    const labels2 = chart.labels.map((label) => mermaidText(label, maxBinLabelLength));
    return [
      "```mermaid",
      ...chartColours("#d9622b, #3b4a66"),
      xychartFor(labels2),
      `  title "${name}: data (bars), reference (line)"`,
      `  x-axis "reference 5 % quantile bins" [${labels2.map((label) => `"${label}"`).join(", ")}]`,
      `  y-axis "share of rows" 0 --> ${yMax}`,
      `  bar [${current.join(", ")}]`,
      `  line [${reference.join(", ")}]`,
      "```"
    ].join("\n");
  }
  const labels = chart.labels.flatMap((label) => {
    const shown = mermaidText(label, maxBinLabelLength);
    return [`${shown} \xB7 reference`, `${shown} \xB7 data`];
  });
  return [
    "```mermaid",
    ...chartColours("#d9622b, #a9bde3"),
    xychartFor(labels),
    `  title "${name}: share of rows, reference and data"`,
    `  x-axis [${labels.map((label) => `"${label}"`).join(", ")}]`,
    `  y-axis "share of rows" 0 --> ${yMax}`,
    `  bar [${current.flatMap((share) => [0, share]).join(", ")}]`,
    `  bar [${reference.flatMap((share) => [share, 0]).join(", ")}]`,
    "```"
  ].join("\n");
}
function isHygieneCheck(check) {
  return hygieneKeys.includes(check.name.replace(/\(.*$/, ""));
}
function tableMessage(check, examplesInHygiene) {
  if (examplesInHygiene && isHygieneCheck(check)) return "see Train/test hygiene below";
  if ((check.rows?.length ?? 0) === 0) return literalText(check.message);
  const cut = check.message.search(/[;,] e\.g\. /);
  return literalText(cut < 0 ? check.message : check.message.slice(0, cut));
}
function violations(checks, keyColumn, examplesInHygiene) {
  const withRows = checks.some((check) => (check.rows?.length ?? 0) > 0);
  return table(
    ["Column", "Rule", "Expected", "Observed", "Message", ...withRows ? ["First failing rows"] : []],
    // Names, values and messages hold the data's text: shown literally (literalText) or as code (codeSpan).
    checks.map((check) => [
      literalText(check.column ?? "(table)"),
      check.location?.line === void 0 ? check.name : `${check.name} (line ${check.location.line})`,
      valueMarkdown(check.expected),
      valueMarkdown(check.observed),
      tableMessage(check, examplesInHygiene),
      ...withRows ? [new InlineMarkdown(failingRowsText(check.rows ?? [], keyColumn))] : []
    ])
  );
}
var maxRowValueLength = 40;
function valueCode(value) {
  if (value === null || value === void 0) return "null";
  const text = typeof value === "string" ? value : show(value) ?? String(value);
  return codeSpan(shorten(text, maxRowValueLength)).markdown;
}
function failingRowsText(rows, keyColumn) {
  return rows.map((row) => {
    const where = row.line === void 0 ? `row ${row.row}` : `line ${row.line}`;
    const key = keyColumn === void 0 || row.key === void 0 ? "" : ` (${literalText(keyColumn)} ${valueCode(row.key)})`;
    return `${where}${key}: ${valueCode(row.value)}`;
  }).join("; ");
}
function shorten(text, maxLength) {
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}\u2026` : text;
}
function passedTable(checks) {
  const byColumn = /* @__PURE__ */ new Map();
  for (const check of checks) {
    const column = check.column ?? "(table)";
    const rules = byColumn.get(column) ?? [];
    rules.push(check.name);
    byColumn.set(column, rules);
  }
  return table(
    ["Column", "Rules passed"],
    [...byColumn].map(([column, rules]) => [column, rules.join(", ")])
  );
}
function valueMarkdown(value) {
  if (value === void 0 || value === null) return "";
  if (Array.isArray(value)) {
    const shown = [];
    let length = 0;
    for (const item of value) {
      const text2 = typeof item === "string" ? item : show(item) ?? String(item);
      if (shown.length > 0 && length + text2.length > maxValueLength) break;
      shown.push(codeSpan(shorten(text2, maxValueLength)).markdown);
      length += text2.length;
    }
    const more = value.length - shown.length;
    return new InlineMarkdown(`${shown.join(", ")}${more > 0 ? `, \u2026 (${value.length})` : ""}`);
  }
  const flat = typeof value === "object" && Object.values(value).every((item) => item === null || typeof item !== "object");
  const text = typeof value === "string" ? value : flat ? Object.entries(value).map(([key, item]) => `${key} ${item}`).join(", ") : JSON.stringify(value);
  return literalText(shorten(text, maxValueLength));
}

// packages/core/src/steps/validate-data/index.ts
async function driftOf(reference, referenceTable, current, input, meta) {
  let profile = current.side?.profile ?? current.profile;
  if (!profile) {
    const table2 = current.table;
    const present = new Set(table2.columns.map((column) => column.name));
    const shared = new Set(
      reference.columns.map((column) => column.name).filter((name) => present.has(name))
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
  const currentSide = current.side ?? {
    profile,
    ...current.table ? { table: current.table } : {}
  };
  return compareDrift(referenceSide, currentSide, {
    ...driftOptions(input, meta),
    digest: reference.data.digest
  });
}
function driftOptions(input, meta) {
  return {
    reference: { path: meta.path, kind: meta.kind, ...meta.model ? { model: meta.model } : {} },
    test: input.driftTest,
    ...input.driftThreshold === void 0 ? {} : { threshold: input.driftThreshold },
    share: input.driftShare,
    ...meta.schema ? { schema: meta.schema } : {}
  };
}
async function run(input, environment) {
  const { cwd, logger } = environment;
  const merging = input.mergeProfiles.length > 0;
  const fromRegistry = input.reference !== void 0 && isRegistryReference(input.reference);
  const inferred = input.inferSchema !== void 0;
  const schemaFile = input.schema ?? input.inferSchema;
  const schemaPath = schemaFile === void 0 ? void 0 : resolve3(cwd, schemaFile);
  await refuseSameFile(writtenFiles(input, cwd), readFiles(input), cwd);
  for (const [option, file] of [
    ["data", input.data],
    [
      "reference",
      input.reference !== void 0 && !fromRegistry && !isProfileFile(input.reference) ? input.reference : void 0
    ],
    ["test", input.test]
  ])
    if (file !== void 0) await requireRegularFile(resolve3(cwd, file), option, file);
  let schema = input.schema !== void 0 ? await loadSchema(schemaPath, input.schema) : void 0;
  if (inferred) refuseOverwrite(schemaPath, schemaFile, input.force);
  const profilePath = input.writeProfile === void 0 ? void 0 : resolve3(cwd, input.writeProfile);
  if (profilePath) refuseOverwrite(profilePath, input.writeProfile, input.force);
  let reference;
  if (input.reference !== void 0 && fromRegistry) {
    reference = {
      kind: "profile",
      file: input.reference,
      ...await loadRegistryProfile(input.reference, input, environment)
    };
  } else if (input.reference !== void 0) {
    const path = resolve3(cwd, input.reference);
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
    ...reference?.kind === "profile" && reference.model ? { model: reference.model } : {},
    schema
  });
  let outcome;
  let dataPath;
  let format;
  if (merging) {
    format = "profiles";
    const files2 = await expandPaths(input.mergeProfiles, { cwd, option: "merge-profiles" });
    dataPath = files2.join(", ");
    const parts = [];
    for (const file of files2) {
      parts.push({ file, profile: await loadProfile(resolve3(cwd, file), file) });
    }
    const merged = mergeProfiles(parts);
    logger.info(`validate-data: merged ${parts.length} profiles (${merged.data.rows} rows)`);
    const checks2 = schema ? checkProfile(merged, schema) : [];
    let drift;
    const headerChecks = [];
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
          maxLineSize: input.maxLineSize,
          logger,
          progress: environment.progress
        },
        async (table2) => {
          headerChecks.push(...labelChecks(table2.file, table2.format, table2.labelProblems));
          return driftOf(
            await profileReference(table2, ref, schema),
            table2,
            current,
            input,
            driftMeta("data")
          );
        }
      );
    }
    outcome = {
      checks: [...headerChecks, ...checks2, ...drift?.checks ?? []],
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
    const absolute = resolve3(cwd, dataFile);
    const sources = [
      {
        path: absolute,
        file: dataFile,
        format: dataFormat,
        textColumns,
        maxLineSize: input.maxLineSize,
        logger
      }
    ];
    if (reference?.kind === "data") {
      sources.push({
        relation: relations.reference,
        path: reference.path,
        file: reference.file,
        format: reference.format,
        textColumns,
        maxLineSize: input.maxLineSize,
        logger
      });
    }
    if (input.test !== void 0) {
      sources.push({
        relation: relations.test,
        path: resolve3(cwd, input.test),
        file: input.test,
        format: formatOrFallback(input.test, input.format),
        textColumns,
        maxLineSize: input.maxLineSize,
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
        const checks2 = tables.flatMap((t) => labelChecks(t.file, t.format, t.labelProblems));
        let rows;
        let keyColumn;
        if (inferred) {
          logger.info(`validate-data: inferring a schema from ${table2.columns.length} columns`);
          const written2 = await inferSchema(table2, { file: dataFile, digest: await digesting });
          await writeFileAtomic(schemaPath, written2.text);
          logger.info(`validate-data: wrote ${schemaFile}; checking the data against it`);
          schema = await loadSchema(schemaPath, schemaFile);
        }
        let referenceProfile;
        if (reference?.kind === "profile") referenceProfile = reference.profile;
        else if (reference?.kind === "data" && referenceTable) {
          logger.info(`validate-data: profiling the reference ${reference.file}`);
          referenceProfile = await profileReference(referenceTable, reference, schema);
        }
        const meta = driftMeta(reference?.kind ?? "data");
        const alongside = referenceProfile && !profilePath ? driftAlongside(referenceProfile, table2, driftOptions(input, meta), dataFile) : void 0;
        let scanned = false;
        if (schema) {
          logger.info(
            `validate-data: checking ${schema.columns.length} schema columns against ${table2.columns.length} data columns`
          );
          const checked = await checkData(table2, schema, alongside?.companion);
          checks2.push(...checked.checks);
          rows = checked.rows;
          keyColumn = checked.key;
          scanned = checked.alongside;
        } else if (alongside) {
          scanned = await scanCompanion(table2, alongside.companion);
        }
        let hygiene;
        if (testTable) {
          logger.info(`validate-data: train/test checks of ${dataFile} and ${input.test}`);
          const found = await checkHygiene(table2, testTable, {
            ...input.label === void 0 ? {} : { label: input.label },
            config: schema?.hygiene?.config ?? defaultHygieneConfig,
            ...schema ? { schemaFile: schema.file } : {},
            ...schema?.hygiene?.lines ? { lines: schema.hygiene.lines } : {},
            excluded: hygieneExclusions(schema)
          });
          checks2.push(...found.checks);
          hygiene = found.summary;
        }
        const digest = await digesting;
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
          const side = scanned && alongside ? alongside.current(digest) : void 0;
          drift = await driftOf(
            referenceProfile,
            referenceTable,
            { table: table2, ...profile ? { profile } : {}, ...side ? { side } : {}, file: dataFile, digest },
            input,
            meta
          );
          rows ??= side?.profile.data.rows;
          checks2.push(...drift.checks);
        }
        if (rows === void 0) {
          const [row] = await table2.query(`SELECT count(*) AS n FROM ${table2.relation}`);
          rows = Number(row?.n ?? 0);
        }
        return {
          checks: checks2,
          ...keyColumn === void 0 ? {} : { keyColumn },
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
    ...outcome.keyColumn === void 0 ? {} : { keyColumn: outcome.keyColumn },
    data: { path: dataPath, format, digest: outcome.digest, rows: outcome.rows, columns: outcome.columns },
    ...schema && schemaPath ? {
      schema: {
        path: schemaFile,
        digest: schema.digest ?? await fileDigest(schemaPath),
        inferred
      }
    } : {},
    ...outcome.drift ? { drift: outcome.drift.summary } : {},
    ...outcome.hygiene ? { hygiene: outcome.hygiene } : {},
    ...written ? { profile: written } : {},
    counts: {
      passed: checks.filter((check) => check.status === "passed").length,
      failed: checks.filter((check) => check.status === "failed").length,
      warned: checks.filter((check) => check.status === "warned").length
    }
  };
  const markdown = renderReport(result);
  const files = await writeStepReports(resolve3(cwd, input.out), result, markdown);
  return {
    result,
    headline: headlineOf(result),
    markdown,
    // Relative to the working directory, like every path a user gives: usable as is by upload-artifact & co.
    outputs: {
      status: result.status,
      "report-path": relative2(cwd, files.markdown),
      "dataset-digest": outcome.digest,
      ...result.drift ? { "drift-share": String(Number(result.drift.share.toPrecision(6))) } : {}
    },
    files
  };
}
function writtenFiles(input, cwd) {
  const report = stepReportFiles(resolve3(cwd, input.out), "validate-data");
  return [
    ...input.inferSchema === void 0 ? [] : [{ option: "infer-schema", path: input.inferSchema }],
    ...input.writeProfile === void 0 ? [] : [{ option: "write-profile", path: input.writeProfile }],
    ...[report.json, report.markdown, report.junit].map((path) => ({ option: "out", path }))
  ];
}
function readFiles(input) {
  const named = (option, path) => path === void 0 ? [] : [{ option, path }];
  return [
    ...named("data", input.data),
    ...named("schema", input.schema),
    ...named(
      "reference",
      input.reference !== void 0 && isRegistryReference(input.reference) ? void 0 : input.reference
    ),
    ...named("test", input.test),
    ...input.mergeProfiles.filter((pattern) => !isDynamicPattern(pattern)).map((path) => ({ option: "merge-profiles", path }))
  ];
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
  // A monitor's alert is about the model version it compares with: one issue per `registry:NAME@ALIAS`.
  alertSubject: (input) => input.reference !== void 0 && isRegistryReference(input.reference) ? input.reference.slice(registryReferencePrefix.length) : void 0,
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
function findStep(name) {
  return steps.find((step) => step.name === name);
}

export {
  kebabCase,
  optionsOf,
  coerceOptionText,
  defaultConfigFile,
  sharedSettings,
  configSchema,
  configJsonSchema,
  configOption,
  configKeysOf,
  loadConfig,
  createProgress,
  noProgress,
  executeStep,
  apiOverridesFromEnv,
  parseChangeUrl,
  changeTargetRepository,
  changeTargetName,
  repositoryFromGitUrl,
  CommentPermissionError,
  publishStickyComment,
  commentOnChangeRequest,
  ChangeRequestCi,
  LocalPlatform,
  definedField,
  positiveInteger,
  maxBaselineArchiveBytes,
  stderrLogger,
  chiSquareTest,
  chiSquareDrift,
  wassersteinDistance,
  jensenShannonDistance,
  populationStabilityIndex,
  smirnovSurvival,
  kolmogorovSurvival,
  kolmogorovTwoSidedSurvival,
  kolmogorovTwoSidedCdf,
  ksTwoSample,
  ksTwoSampleOfStatistic,
  defineStep,
  buildImageInput,
  buildImageStep,
  evaluationTasks,
  evaluateInput,
  evaluateStep,
  evidenceKinds,
  promoteInput,
  promoteStep,
  cacheKeyParts,
  trainInput,
  trainStep,
  validateDataStep,
  steps,
  findStep
};
