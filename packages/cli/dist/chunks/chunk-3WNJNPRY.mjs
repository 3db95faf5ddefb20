#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  fitToLimit
} from "./chunk-5PJDXVWP.mjs";
import {
  isNetworkError,
  networkReason
} from "./chunk-FIL44SLO.mjs";
import {
  withRetries
} from "./chunk-Q2OW4E5W.mjs";
import {
  BodyLimitError,
  bodyLimits,
  boundedFetch,
  readBody,
  readBodyJson
} from "./chunk-7YFYVVS2.mjs";
import {
  refuseUriCredentials
} from "./chunk-2WYYKV6E.mjs";
import {
  InputError,
  ServiceError,
  maskUriCredentials
} from "./chunk-C6XSGGFY.mjs";

// packages/core/src/io/git-url.ts
var schemes = /* @__PURE__ */ new Set(["https", "http", "ssh", "git+ssh"]);
function parseGitUrl(text) {
  const url = text.trim();
  const scpLike = /^(?:[^@/\s]+@)?([A-Za-z0-9.-]+):(?!\/\/)([^\s]+)$/.exec(url);
  let scheme;
  let hostname;
  let port = "";
  let path;
  if (scpLike && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    scheme = "ssh";
    hostname = scpLike[1];
    path = scpLike[2];
  } else {
    let parsed;
    try {
      parsed = new URL(url);
      path = decodeURIComponent(parsed.pathname);
    } catch {
      return void 0;
    }
    scheme = parsed.protocol.replace(/:$/, "");
    hostname = parsed.hostname;
    port = parsed.port;
    if (!schemes.has(scheme)) return void 0;
  }
  const segments = path.replace(/\/+$/, "").replace(/\.git$/, "").split("/").filter(Boolean);
  if (!hostname || segments.length === 0) return void 0;
  const lower = hostname.toLowerCase();
  return { scheme, hostname: lower, port, authority: port ? `${lower}:${port}` : lower, segments };
}

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
  const started = Date.now();
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
    const timeoutMs = options.timeoutMs ?? 12e4;
    const body = await readBody(response, {
      maxBytes: options.maxBytes ?? bodyLimits.json,
      deadlineMs: Math.max(1, timeoutMs - (Date.now() - started)),
      what: `${options.service}: ${redacted(current)}`
    }).catch((error) => {
      if (error instanceof BodyLimitError && error.reason === "size" && options.tooLarge)
        throw options.tooLarge(error.message);
      throw error;
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
function statusLine(answer) {
  return answer.statusText ? `${answer.status} ${answer.statusText}` : String(answer.status);
}
function redacted(url) {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

// packages/core/src/deploy/git.ts
import { execFile } from "node:child_process";
var deployTokenVariable = "MLCI_DEPLOY_TOKEN";
var deployUsernameVariable = "MLCI_DEPLOY_USERNAME";
function credentialsFromEnv(env) {
  const token = env[deployTokenVariable];
  return token ? { token, username: env[deployUsernameVariable] || "x-access-token" } : {};
}
function basicAuthOf(credentials) {
  return Buffer.from(`${credentials.username ?? "x-access-token"}:${credentials.token}`).toString("base64");
}
function gitEnv(credentials) {
  const env = { ...process.env, GIT_TERMINAL_PROMPT: "0" };
  if (!credentials.token) return env;
  const count = Number(env.GIT_CONFIG_COUNT) || 0;
  const basic = basicAuthOf({ ...credentials, token: credentials.token });
  env.GIT_CONFIG_COUNT = String(count + 1);
  env[`GIT_CONFIG_KEY_${count}`] = "http.extraHeader";
  env[`GIT_CONFIG_VALUE_${count}`] = `Authorization: Basic ${basic}`;
  return env;
}
function maskGitText(text, credentials) {
  let masked = maskUriCredentials(text);
  if (credentials.token) {
    const basic = basicAuthOf({ ...credentials, token: credentials.token });
    masked = masked.replaceAll(credentials.token, "***").replaceAll(basic, "***");
  }
  return masked;
}
function runGit(args, cwd, credentials) {
  return new Promise(
    (done, fail) => execFile(
      "git",
      [...args],
      { cwd, env: gitEnv(credentials), encoding: "utf8", timeout: 3e5, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") {
          if (error.code === "ENOENT")
            fail(
              new InputError("deploy: git is not installed (it is needed to push to the deploy repository)")
            );
          else
            fail(
              new ServiceError(
                `deploy: git ${args[0]} did not finish: ${maskGitText(error.message, credentials)}`
              )
            );
          return;
        }
        done({ code: error ? error.code : 0, stdout, stderr });
      }
    )
  );
}
function checkDeployRepo(repo) {
  refuseUriCredentials(repo, "deploy-repo", deployTokenVariable);
}

// packages/core/src/deploy/change-request.ts
var bodyLimit = { github: 65536, gitlab: 1e6 - 1e4 };
var requestDeadlineMs = 3e4;
function kindOfHostName(host) {
  if (host === "github.com" || host === "api.github.com") return "github";
  if (host === "gitlab.com") return "gitlab";
  const first = host.split(".")[0] ?? "";
  if (first.startsWith("github")) return "github";
  if (first.startsWith("gitlab")) return "gitlab";
  return void 0;
}
function kindOfApiUrl(apiUrl) {
  const { hostname, pathname } = new URL(apiUrl);
  if (/\/api\/v3\/*$/.test(pathname)) return "github";
  if (/\/api\/v4\/*$/.test(pathname)) return "gitlab";
  return hostname === "api.github.com" ? "github" : void 0;
}
function deployHostOf(repoUrl, apiUrl) {
  const shown = maskUriCredentials(repoUrl);
  const git = parseGitUrl(repoUrl);
  if (!git)
    throw new InputError(
      `deploy repository ${shown}: a pull or merge request needs the repository's URL on GitHub or GitLab (https://HOST/OWNER/REPO.git or git@HOST:OWNER/REPO.git)`
    );
  let api;
  if (apiUrl !== void 0) {
    try {
      api = new URL(apiUrl);
    } catch {
      throw new InputError(`deploy API URL ${maskUriCredentials(apiUrl)}: not a URL`);
    }
    if (!["http:", "https:"].includes(api.protocol) || api.username || api.password)
      throw new InputError(
        `deploy API URL ${maskUriCredentials(apiUrl)}: give an http(s) URL without credentials (the token is ${deployTokenVariable})`
      );
  }
  const kind = apiUrl && kindOfApiUrl(apiUrl) || kindOfHostName(git.hostname);
  if (!kind)
    throw new InputError(
      `deploy repository ${shown}: cannot tell whether ${git.hostname} is GitHub or GitLab; give the API URL (https://${git.hostname}/api/v3 for GitHub Enterprise Server, https://${git.hostname}/api/v4 for GitLab)`
    );
  const segments = git.segments;
  const project = segments.join("/");
  if (segments.some((segment) => segment === "." || segment === "..") || segments.length < 2)
    throw new InputError(
      `deploy repository ${shown}: the URL names no ${kind === "github" ? "OWNER/REPO" : "GROUP/PROJECT"}`
    );
  if (kind === "github" && segments.length !== 2)
    throw new InputError(`deploy repository ${shown}: a GitHub repository is OWNER/REPO, got ${project}`);
  const web = git.scheme.startsWith("http") ? git.authority : git.hostname;
  const derived = kind === "github" ? git.hostname === "github.com" ? "https://api.github.com" : `https://${web}/api/v3` : `https://${web}/api/v4`;
  return { kind, apiUrl: (api ? api.toString() : derived).replace(/\/+$/, ""), project };
}
var TransientAnswer = class extends Error {
  constructor(answer) {
    super(`HTTP ${answer.status}`);
    this.answer = answer;
  }
  answer;
};
async function openChangeRequest(input, options) {
  const host = deployHostOf(input.repoUrl, input.apiUrl);
  const service = host.kind === "github" ? "GitHub" : "GitLab";
  const noun = host.kind === "github" ? "pull request" : "merge request";
  const where = `${noun} ${input.sourceBranch} \u2192 ${input.targetBranch} in ${host.project}`;
  if (!input.token)
    throw new InputError(
      `cannot open the ${where}: set ${deployTokenVariable} to a token of the deploy repository (${scopeNeeded[host.kind]})`
    );
  const token = input.token;
  const fetchBounded = boundedFetch({ maxBytes: bodyLimits.json, deadlineMs: requestDeadlineMs, service });
  const headers = host.kind === "github" ? {
    authorization: `Bearer ${token}`,
    accept: "application/vnd.github+json",
    "x-github-api-version": "2022-11-28"
  } : { "private-token": token };
  const call = async (method, path, payload) => {
    const url = `${host.apiUrl}${path}`;
    const what = `${service} ${method} ${host.apiUrl}${path.replace(/\?.*$/, "")}`;
    const response = await fetchBounded(url, {
      method,
      // A redirect would carry PRIVATE-TOKEN to wherever it points: refused below instead.
      redirect: "manual",
      headers: {
        ...headers,
        "user-agent": "mlci",
        ...payload === void 0 ? {} : { "content-type": "application/json" }
      },
      ...payload === void 0 ? {} : { body: JSON.stringify(payload) }
    });
    const answer = { status: response.status, statusText: response.statusText };
    const rateLimited = response.status === 403 && (response.headers.has("retry-after") || response.headers.get("x-ratelimit-remaining") === "0");
    if (response.status >= 500 || response.status === 429 || rateLimited) throw new TransientAnswer(answer);
    if (response.status >= 300 && response.status < 400)
      throw new InputError(
        `cannot open the ${where}: ${service} answered ${statusLine(answer)} at ${host.apiUrl}; give the API URL (${apiUrlHint[host.kind]})`
      );
    if (response.status === 401 || response.status === 403)
      throw new InputError(
        `cannot open the ${where}: ${service} refused ${deployTokenVariable} (${statusLine(answer)}): it needs ${scopeNeeded[host.kind]}`
      );
    const ok = response.status >= 200 && response.status < 300;
    const json = response.status === 204 ? void 0 : await readBodyJson(response, { maxBytes: ok ? bodyLimits.json : bodyLimits.error, what }).catch(
      (error) => {
        if (ok || error instanceof BodyLimitError) throw error;
        return void 0;
      }
    );
    const said = messageOf(json, token);
    if (response.status === 404)
      throw new InputError(
        `cannot open the ${where}: ${service} found no ${host.kind === "github" ? "repository" : "project"} ${host.project} at ${host.apiUrl} (404), or ${deployTokenVariable} may not see it`
      );
    if (method === "POST" && (response.status === 409 || response.status === 422 && /already exists/i.test(said)))
      throw new TransientAnswer(answer);
    if (!ok)
      throw new InputError(
        `cannot open the ${where}: ${service} answered ${statusLine(answer)}${said ? `: ${said}` : ""}`
      );
    return { ...answer, json };
  };
  const body = fitToLimit(input.body, bodyLimit[host.kind], "The commit message has all of it.");
  const upsert = host.kind === "github" ? upsertPullRequest : upsertMergeRequest;
  let attempts = 0;
  try {
    const result = await withRetries(
      () => {
        attempts++;
        return upsert(call, host.project, { ...input, body });
      },
      (error) => error instanceof TransientAnswer || isNetworkError(error),
      { retries: 2, delayMs: options.retryDelayMs ?? 1e3 }
    );
    const reference = `${host.kind === "github" ? "#" : "!"}${result.number}`;
    options.logger.info(
      `${result.created ? "opened" : "updated"} ${noun} ${reference} in ${host.project}: ${result.url}`
    );
    return result;
  } catch (error) {
    const tries = attempts > 1 ? ` (after ${attempts} attempts)` : "";
    if (error instanceof TransientAnswer)
      throw new ServiceError(
        `cannot open the ${where}: ${service} answered ${statusLine(error.answer)}${tries}`
      );
    if (isNetworkError(error))
      throw new ServiceError(
        `cannot open the ${where}: cannot reach ${service} at ${host.apiUrl}: ${networkReason(error)}${tries}`,
        {
          cause: error
        }
      );
    throw error;
  }
}
var scopeNeeded = {
  github: "a fine-grained token or GitHub App token with Contents and Pull requests read and write on the deploy repository",
  gitlab: "a project access token of the deploy project with `api` scope and at least the Developer role"
};
var apiUrlHint = {
  github: "https://HOST/api/v3 for GitHub Enterprise Server",
  gitlab: "https://HOST/api/v4, with any path GitLab is served under"
};
function messageOf(json, token) {
  const answer = json;
  const said = answer?.message ?? answer?.error;
  const detail = Array.isArray(answer?.errors) ? answer.errors[0]?.message : void 0;
  const text = (typeof said === "string" ? said : said === void 0 ? "" : JSON.stringify(said)) + (typeof detail === "string" ? `: ${detail}` : "");
  return maskGitText(text.split("\n")[0] ?? "", { token }).slice(0, 200);
}
function field(json, name, type, service) {
  const value = json?.[name];
  if (typeof value !== type)
    throw new ServiceError(`${service} answered without the ${type} ${name} of the request`);
  return value;
}
async function upsertPullRequest(call, project, input) {
  const [owner, repo] = project.split("/");
  const base = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/pulls`;
  const query = new URLSearchParams({
    head: `${owner}:${input.sourceBranch}`,
    base: input.targetBranch,
    state: "open"
  });
  const open = (await call("GET", `${base}?${query}`)).json;
  const existing = Array.isArray(open) ? open[0] : void 0;
  if (existing !== void 0) {
    const number = field(existing, "number", "number", "GitHub");
    const { json: json2 } = await call("PATCH", `${base}/${number}`, { title: input.title, body: input.body });
    return { url: field(json2, "html_url", "string", "GitHub"), number, created: false };
  }
  const { json } = await call("POST", base, {
    head: input.sourceBranch,
    base: input.targetBranch,
    title: input.title,
    body: input.body
  });
  return {
    url: field(json, "html_url", "string", "GitHub"),
    number: field(json, "number", "number", "GitHub"),
    created: true
  };
}
async function upsertMergeRequest(call, project, input) {
  const base = `/projects/${encodeURIComponent(project)}/merge_requests`;
  const query = new URLSearchParams({
    source_branch: input.sourceBranch,
    target_branch: input.targetBranch,
    state: "opened"
  });
  const open = (await call("GET", `${base}?${query}`)).json;
  const existing = Array.isArray(open) ? open[0] : void 0;
  if (existing !== void 0) {
    const iid = field(existing, "iid", "number", "GitLab");
    const { json: json2 } = await call("PUT", `${base}/${iid}`, { title: input.title, description: input.body });
    return { url: field(json2, "web_url", "string", "GitLab"), number: iid, created: false };
  }
  const { json } = await call("POST", base, {
    source_branch: input.sourceBranch,
    target_branch: input.targetBranch,
    title: input.title,
    description: input.body,
    remove_source_branch: true
  });
  return {
    url: field(json, "web_url", "string", "GitLab"),
    number: field(json, "iid", "number", "GitLab"),
    created: true
  };
}

export {
  parseGitUrl,
  httpGet,
  statusLine,
  redacted,
  deployTokenVariable,
  credentialsFromEnv,
  maskGitText,
  runGit,
  checkDeployRepo,
  deployHostOf,
  openChangeRequest
};
