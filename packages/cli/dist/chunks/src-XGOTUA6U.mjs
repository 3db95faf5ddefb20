#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  ChangeRequestCi,
  definedField,
  positiveInteger
} from "./chunk-UU4X5VKW.mjs";
import "./chunk-PIGIVRCI.mjs";
import {
  parseGitUrl
} from "./chunk-3WNJNPRY.mjs";
import "./chunk-BRKVSMAE.mjs";
import "./chunk-TJKDTMP2.mjs";
import "./chunk-O7NCGSNF.mjs";
import "./chunk-GSMRIG7M.mjs";
import "./chunk-576TQ6KU.mjs";
import "./chunk-O2IB43A2.mjs";
import "./chunk-HGLLVRDD.mjs";
import "./chunk-3P2GI5CC.mjs";
import "./chunk-K3J2CXMS.mjs";
import "./chunk-QKIDLYGI.mjs";
import "./chunk-VXLUZCFX.mjs";
import "./chunk-YWAIXB75.mjs";
import "./chunk-OJEZEUZX.mjs";
import "./chunk-3WGW567F.mjs";
import "./chunk-EHSMM5DC.mjs";
import "./chunk-MK3DDHCX.mjs";
import "./chunk-5PJDXVWP.mjs";
import "./chunk-VQWOU3SX.mjs";
import "./chunk-T5LB56MC.mjs";
import "./chunk-2GFZTZLN.mjs";
import "./chunk-3U2PU2IP.mjs";
import "./chunk-XMRYHEY6.mjs";
import "./chunk-JQ6FLF6B.mjs";
import "./chunk-FIL44SLO.mjs";
import "./chunk-J77EQZPR.mjs";
import "./chunk-ZAIHXEFC.mjs";
import "./chunk-IS7M7TXC.mjs";
import "./chunk-KLG7ZBD7.mjs";
import "./chunk-4VSSUXZN.mjs";
import "./chunk-BOL2UAYQ.mjs";
import "./chunk-Q2OW4E5W.mjs";
import "./chunk-7YFYVVS2.mjs";
import "./chunk-COETP6OK.mjs";
import "./chunk-2WYYKV6E.mjs";
import "./chunk-C6XSGGFY.mjs";
import "./chunk-AQW5IZUH.mjs";

// packages/bamboo/src/context.ts
function repositoryOfCloneUrl(cloneUrl, env = {}) {
  const clone = parseGitUrl(cloneUrl);
  if (!clone) return { host: "other" };
  const { scheme, hostname, authority, segments } = clone;
  const https = scheme === "https" || scheme === "http";
  if (hostname === "bitbucket.org" && segments.length === 2) {
    const [workspace, slug] = segments;
    return {
      host: "bitbucket-cloud",
      repository: `${workspace}/${slug}`,
      webUrl: `https://bitbucket.org/${workspace}/${slug}`
    };
  }
  const bitbucketBase = baseUrl(env.MLCI_BITBUCKET_URL);
  const scm = segments.lastIndexOf("scm");
  if (https && scm >= 0 && scm === segments.length - 3) {
    const [key, slug] = segments.slice(scm + 1);
    const base = bitbucketBase ?? `${scheme}://${authority}${segments.slice(0, scm).map((s) => `/${s}`).join("")}`;
    return bitbucketServer(base, key, slug);
  }
  if (segments.length === 2 && (hostOf(bitbucketBase) === hostname || !https && clone.port === "7999")) {
    const [key, slug] = segments;
    return bitbucketServer(bitbucketBase ?? `https://${hostname}`, key, slug);
  }
  const githubApi = baseUrl(env.MLCI_GITHUB_API_URL);
  if (segments.length === 2 && (hostname === "github.com" || hostOf(githubApi) === hostname)) {
    const web = githubApi && hostname !== "github.com" ? new URL(githubApi).origin : `https://${hostname}`;
    return { host: "github", repository: segments.join("/"), webUrl: `${web}/${segments.join("/")}` };
  }
  const gitlabBase = baseUrl(env.MLCI_GITLAB_URL);
  if (hostname === "gitlab.com" || hostOf(gitlabBase) === hostname) {
    const base = gitlabBase && hostname !== "gitlab.com" ? gitlabBase : `https://${hostname}`;
    const prefix = new URL(base).pathname.split("/").filter(Boolean);
    const path = https && startsWith(segments, prefix) ? segments.slice(prefix.length) : segments;
    if (path.length >= 2)
      return { host: "gitlab", repository: path.join("/"), webUrl: `${base}/${path.join("/")}` };
  }
  return {
    host: "other",
    ...segments.length >= 2 ? { repository: segments.join("/") } : {},
    ...scheme === "https" ? { webUrl: `https://${authority}/${segments.join("/")}` } : {}
  };
}
function pullRequestUrl(repository, number) {
  if (!repository.webUrl) return void 0;
  switch (repository.host) {
    case "bitbucket-server":
    case "bitbucket-cloud":
      return `${repository.webUrl}/pull-requests/${number}`;
    case "github":
      return `${repository.webUrl}/pull/${number}`;
    case "gitlab":
      return `${repository.webUrl}/-/merge_requests/${number}`;
    default:
      return void 0;
  }
}
function bambooContext(env) {
  const cloneUrl = env.bamboo_planRepository_repositoryUrl || void 0;
  const repository = cloneUrl ? repositoryOfCloneUrl(cloneUrl, env) : void 0;
  const planBranch = branchName(env.bamboo_planRepository_branchName || env.bamboo_planRepository_branch);
  const changeNumber = positiveInteger(env.bamboo_repository_pr_key);
  const tag = changeNumber ? void 0 : tagOfCustomRevision(env.bamboo_customRevision, planBranch);
  const branch = changeNumber ? branchName(env.bamboo_repository_pr_sourceBranch) || planBranch : tag ? void 0 : planBranch;
  const planKey = env.bamboo_planKey || void 0;
  const buildNumber = positiveInteger(env.bamboo_buildNumber);
  const actor = env.bamboo_ManualBuildTriggerReason_userName || void 0;
  const context = {
    platform: "bamboo",
    ...definedField("repository", repository?.repository),
    ...definedField("repositoryUrl", repository?.webUrl),
    ...definedField("commit", env.bamboo_planRepository_revision || void 0),
    ...definedField("branch", branch),
    ...definedField("tag", tag),
    ...definedField("runUrl", env.bamboo_resultsUrl || env.bamboo_buildResultsUrl || void 0),
    // The plan's result (PROJ-PLAN-12) holds every job of the run; the job's result is PROJ-PLAN-JOB-12.
    ...definedField("pipeline", planKey && buildNumber ? `${planKey}-${buildNumber}` : planKey),
    ...definedField("job", env.bamboo_buildResultKey || void 0),
    ...definedField("jobName", env.bamboo_shortJobName || void 0),
    ...definedField("actor", actor)
  };
  if (changeNumber) {
    context.changeRequest = {
      number: changeNumber,
      ...definedField("url", repository ? pullRequestUrl(repository, changeNumber) : void 0),
      ...definedField("targetBranch", branchName(env.bamboo_repository_pr_targetBranch))
    };
    context.event = repository?.host === "gitlab" ? "merge_request_event" : repository?.host === "other" || !repository ? "change_request" : "pull_request";
  } else if (actor) {
    context.event = "manual";
  }
  return context;
}
function bitbucketServer(base, key, slug) {
  const owner = key.startsWith("~") ? `users/${key.slice(1)}` : `projects/${key.toUpperCase()}`;
  return {
    host: "bitbucket-server",
    repository: `${key.startsWith("~") ? key : key.toUpperCase()}/${slug}`,
    webUrl: `${base}/${owner}/repos/${slug}`
  };
}
function baseUrl(text) {
  if (!text) return void 0;
  try {
    const url = new URL(text);
    return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  } catch {
    return void 0;
  }
}
function hostOf(base) {
  return base ? new URL(base).hostname : void 0;
}
function startsWith(segments, prefix) {
  return prefix.every((segment, i) => segments[i] === segment);
}
function branchName(text) {
  return text?.replace(/^refs\/heads\//, "") || void 0;
}
function tagOfCustomRevision(revision, branch) {
  const ref = revision?.trim().replace(/^refs\/tags\//, "");
  if (!ref || /^[0-9a-f]{7,64}$/i.test(ref) || ref === branch || ref.startsWith("refs/")) return void 0;
  return ref;
}

// packages/bamboo/src/report.ts
import { isAbsolute, relative, sep } from "node:path";
var bambooTokenAdvice = (
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Bamboo variable reference, as a plan writes it
  'give the Script task `environment: MLCI_TOKEN=${bamboo.mlci.secret.token}`, from a plan variable whose name contains "secret" (Bamboo masks it)'
);
function bambooFullReportHint(env, reportFile) {
  const workingDirectory = env.bamboo_build_working_directory;
  let file = reportFile;
  if (isAbsolute(file) && workingDirectory) file = relative(workingDirectory, file);
  file = file.split(sep).join("/");
  const resultsUrl = env.bamboo_resultsUrl || env.bamboo_buildResultsUrl;
  const build = resultsUrl ? `[this build](${resultsUrl})` : "this build";
  return isAbsolute(file) || file.startsWith("../") ? `The full report is in the artifacts of ${build}.` : `The full report is \`${file}\`, kept in the artifacts of ${build}.`;
}

// packages/bamboo/src/platform.ts
var BambooPlatform = class extends ChangeRequestCi {
  name = "bamboo";
  displayName = "Bamboo";
  tokenAdvice = bambooTokenAdvice;
  context() {
    return bambooContext(this.env);
  }
  fullReportHint(report) {
    return bambooFullReportHint(this.env, report.files.markdown);
  }
};
export {
  BambooPlatform,
  bambooContext,
  bambooFullReportHint,
  bambooTokenAdvice,
  pullRequestUrl,
  repositoryOfCloneUrl
};
