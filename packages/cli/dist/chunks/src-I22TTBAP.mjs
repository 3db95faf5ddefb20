#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  CommentPermissionError,
  PullRequestComments
} from "./chunk-DUVJYXPW.mjs";
import {
  GitLabNoteError,
  MergeRequestNotes
} from "./chunk-WWEWUEHQ.mjs";
import "./chunk-NUT6ZQJ5.mjs";
import "./chunk-3W7TTLE6.mjs";
import "./chunk-CRZANYJ3.mjs";
import "./chunk-BRKVSMAE.mjs";
import "./chunk-2J3FR4HG.mjs";
import "./chunk-YUSKF6SC.mjs";
import "./chunk-I3MUITDX.mjs";
import "./chunk-A5LLLDZO.mjs";
import "./chunk-S5BTKVLO.mjs";
import "./chunk-KU5EUUQA.mjs";
import "./chunk-I4YLKSLP.mjs";
import "./chunk-BB644DZP.mjs";
import {
  reportFileAlert
} from "./chunk-GAFF6UVX.mjs";
import "./chunk-KYECJA6K.mjs";
import "./chunk-LROHRW5Z.mjs";
import "./chunk-4O2OJROL.mjs";
import {
  commentMarker,
  legacyCommentMarker
} from "./chunk-NG4NALTD.mjs";
import "./chunk-2IPZRCFI.mjs";
import "./chunk-MP6JLZIQ.mjs";
import "./chunk-LYOMSYH6.mjs";
import "./chunk-WNG7WDPQ.mjs";
import "./chunk-NGKITZK2.mjs";
import "./chunk-JQ6FLF6B.mjs";
import "./chunk-FE6GSPBI.mjs";
import "./chunk-YELMGPBK.mjs";
import "./chunk-NBGCPSWF.mjs";
import "./chunk-IS7M7TXC.mjs";
import "./chunk-KLG7ZBD7.mjs";
import "./chunk-4VSSUXZN.mjs";
import "./chunk-FOQFGMYR.mjs";
import "./chunk-Q2OW4E5W.mjs";
import "./chunk-PC3Y6LKK.mjs";
import "./chunk-TIUN4FPL.mjs";
import "./chunk-EJQUBIZI.mjs";
import {
  firstLine
} from "./chunk-MKCMK22H.mjs";

// packages/jenkins/src/change-url.ts
var gitlabChange = /^\/([^/]+(?:\/[^/]+)+?)\/(?:-\/)?merge_requests\/([1-9][0-9]*)\/?$/;
var githubChange = /^\/([^/]+)\/([^/]+)\/pull\/([1-9][0-9]*)\/?$/;
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
  return void 0;
}
function repositoryFromGitUrl(gitUrl) {
  const scpLike = /^[^@/\s]+@[^:/\s]+:(?!\/\/)(.+)$/.exec(gitUrl);
  let path = scpLike?.[1];
  if (path === void 0) {
    try {
      path = new URL(gitUrl).pathname;
    } catch {
      return void 0;
    }
  }
  const repository = path.replace(/^\/+/, "").replace(/\/+$/, "").replace(/\.git$/, "");
  return repository.includes("/") ? repository : void 0;
}

// packages/jenkins/src/platform.ts
import { isAbsolute, relative, sep } from "node:path";
var JenkinsPlatform = class {
  name = "jenkins";
  env;
  logger;
  token;
  retry;
  constructor(options) {
    this.env = options.env;
    this.logger = options.logger;
    this.token = options.token || void 0;
    this.retry = options.retry ?? {};
  }
  context() {
    const env = this.env;
    const target = this.changeTarget();
    const changeNumber = positiveInteger(env.CHANGE_ID);
    const tag = env.TAG_NAME || void 0;
    const branch = changeNumber ? env.CHANGE_BRANCH || void 0 : tag ? void 0 : env.BRANCH_NAME || env.GIT_BRANCH?.replace(/^(refs\/remotes\/)?origin\//, "") || void 0;
    const repository = target?.host === "github" ? `${target.owner}/${target.repo}` : target?.host === "gitlab" ? target.projectPath : env.GIT_URL ? repositoryFromGitUrl(env.GIT_URL) : void 0;
    const context = {
      platform: "jenkins",
      ...defined("repository", repository),
      ...defined("repositoryUrl", httpsRepositoryUrl(env.GIT_URL)),
      ...defined("commit", env.GIT_COMMIT || void 0),
      ...defined("branch", branch),
      ...defined("tag", tag),
      ...defined("runUrl", env.BUILD_URL || void 0),
      ...defined("pipeline", env.JOB_NAME || void 0),
      ...defined("job", env.BUILD_NUMBER || void 0),
      // Declarative pipelines set STAGE_NAME inside a stage; two stages running one step differ by it.
      ...defined("jobName", env.STAGE_NAME || void 0),
      ...defined("actor", env.CHANGE_AUTHOR || void 0)
    };
    if (changeNumber) {
      context.changeRequest = {
        number: changeNumber,
        ...defined("url", env.CHANGE_URL || void 0),
        ...defined("targetBranch", env.CHANGE_TARGET || void 0),
        // The GitHub branch source sets CHANGE_FORK only for pull requests from forks.
        ...env.CHANGE_FORK ? { fromFork: true } : {}
      };
      context.event = target?.host === "github" ? "pull_request" : target?.host === "gitlab" ? "merge_request_event" : "change_request";
    }
    return context;
  }
  async publish(report, options = {}) {
    const { files } = report;
    this.logger.info(`report: ${files.markdown} (also ${files.json}, ${files.junit})`);
    reportFileAlert(report, options.alert, this.logger, "from Jenkins");
    const changeUrl = this.env.CHANGE_URL;
    const changeNumber = positiveInteger(this.env.CHANGE_ID);
    if (!changeNumber || !changeUrl) return;
    const target = this.changeTarget();
    if (!target) {
      this.logger.info(
        `not commenting: CHANGE_URL ${changeUrl} is neither a GitHub pull request nor a GitLab merge request`
      );
      return;
    }
    if (!this.token) {
      this.logger.info(
        `to also post this report on ${changeUrl}, give the pipeline step credentialsId: a "secret text" credential holding a token that may comment there (it reaches mlci as MLCI_TOKEN)`
      );
      return;
    }
    const hint = this.fullReportHint(report);
    if (target.host === "github") await this.commentOnPullRequest(target, report, hint, options.reportId);
    else await this.noteOnMergeRequest(target, report, hint, options.reportId);
  }
  changeTarget() {
    const changeUrl = this.env.CHANGE_URL;
    if (!changeUrl) return void 0;
    return parseChangeUrl(changeUrl, {
      ...defined("githubApiUrl", this.env.MLCI_GITHUB_API_URL || void 0),
      ...defined("gitlabUrl", this.env.MLCI_GITLAB_URL || void 0)
    });
  }
  async commentOnPullRequest(target, report, fullReportHint, reportId) {
    const { apiUrl, owner, repo, number } = target;
    const name = `${owner}/${repo}#${number}`;
    const comments = new PullRequestComments(
      { apiUrl, owner, repo, number, token: this.token ?? "" },
      this.retry
    );
    try {
      const step = report.result.step;
      const legacyMarker = legacyCommentMarker(step, reportId);
      const written = await comments.upsert({
        marker: commentMarker(step, reportId),
        ...legacyMarker === void 0 ? {} : { legacyMarker },
        markdown: report.markdown,
        fullReportHint
      });
      this.logger.info(
        `${written.action === "created" ? "commented on" : "updated the comment on"} ${name}: ${written.url}`
      );
    } catch (error) {
      const reason = firstLine(error);
      if (error instanceof CommentPermissionError) {
        this.logger.warn(
          `cannot comment on ${name}: the token may not write there (${reason}); it needs "Pull requests: write" (fine-grained) or the repo scope (classic)`
        );
      } else {
        const status = error.status;
        this.logger.warn(
          `cannot comment on ${name}: ${typeof status === "number" ? `HTTP ${status}: ` : ""}${reason}`
        );
      }
    }
  }
  async noteOnMergeRequest(target, report, fullReportHint, reportId) {
    const name = `${target.projectPath}!${target.iid}`;
    const notes = new MergeRequestNotes({
      host: target.url,
      token: this.token ?? "",
      projectId: target.projectPath,
      mrIid: target.iid,
      ...this.retry
    });
    try {
      const step = report.result.step;
      const note = await notes.upsert(
        commentMarker(step, reportId),
        report.markdown,
        fullReportHint,
        legacyCommentMarker(step, reportId)
      );
      this.logger.info(`${note.action === "created" ? "commented on" : "updated the comment on"} ${name}`);
    } catch (error) {
      const reason = firstLine(error);
      if (error instanceof GitLabNoteError && error.kind === "auth") {
        this.logger.warn(
          `cannot comment on ${name}: ${reason}; the token needs the api scope and the Reporter role`
        );
      } else {
        this.logger.warn(`cannot comment on ${name}: ${reason}`);
      }
    }
  }
  /** Where the whole report is: the build's archived artifacts (the pipeline step archives `<out>/<step>.*`). */
  fullReportHint(report) {
    const workspace = this.env.WORKSPACE;
    let file = report.files.markdown;
    if (isAbsolute(file)) file = workspace ? relative(workspace, file) : file;
    file = file.split(sep).join("/");
    const buildUrl = this.env.BUILD_URL?.replace(/\/*$/, "/");
    if (!buildUrl) return `The full report is ${file} in the build's artifacts.`;
    if (isAbsolute(file) || file.startsWith("../"))
      return `The full report is in the build's artifacts: ${buildUrl}`;
    return `The full report is [${file}](${buildUrl}artifact/${file.split("/").map(encodeURIComponent).join("/")}) in the build's artifacts.`;
  }
};
function positiveInteger(text) {
  return text && /^[1-9][0-9]*$/.test(text) ? Number(text) : void 0;
}
function defined(key, value) {
  return value === void 0 ? {} : { [key]: value };
}
function httpsRepositoryUrl(gitUrl) {
  if (!gitUrl?.startsWith("https://")) return void 0;
  try {
    const url = new URL(gitUrl);
    return `${url.origin}${url.pathname.replace(/\.git$/, "").replace(/\/+$/, "")}`;
  } catch {
    return void 0;
  }
}
export {
  JenkinsPlatform,
  parseChangeUrl,
  repositoryFromGitUrl
};
