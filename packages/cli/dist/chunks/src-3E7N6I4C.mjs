#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  ChangeRequestCi,
  apiOverridesFromEnv,
  changeTargetRepository,
  definedField,
  parseChangeUrl,
  positiveInteger,
  repositoryFromGitUrl
} from "./chunk-UU4X5VKW.mjs";
import "./chunk-PIGIVRCI.mjs";
import "./chunk-3WNJNPRY.mjs";
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

// packages/jenkins/src/platform.ts
import { isAbsolute, relative, sep } from "node:path";
var JenkinsPlatform = class extends ChangeRequestCi {
  name = "jenkins";
  displayName = "Jenkins";
  tokenAdvice = 'give the pipeline step credentialsId: a "secret text" credential holding a token that may comment there (it reaches mlci as MLCI_TOKEN)';
  context() {
    const env = this.env;
    const target = this.changeTarget();
    const changeNumber = positiveInteger(env.CHANGE_ID);
    const tag = env.TAG_NAME || void 0;
    const branch = changeNumber ? env.CHANGE_BRANCH || void 0 : tag ? void 0 : env.BRANCH_NAME || env.GIT_BRANCH?.replace(/^(refs\/remotes\/)?origin\//, "") || void 0;
    const repository = target ? changeTargetRepository(target) : env.GIT_URL ? repositoryFromGitUrl(env.GIT_URL) : void 0;
    const context = {
      platform: "jenkins",
      ...definedField("repository", repository),
      ...definedField("repositoryUrl", httpsRepositoryUrl(env.GIT_URL)),
      ...definedField("commit", env.GIT_COMMIT || void 0),
      ...definedField("branch", branch),
      ...definedField("tag", tag),
      ...definedField("runUrl", env.BUILD_URL || void 0),
      ...definedField("pipeline", env.JOB_NAME || void 0),
      ...definedField("job", env.BUILD_NUMBER || void 0),
      // Declarative pipelines set STAGE_NAME inside a stage; two stages running one step differ by it.
      ...definedField("jobName", env.STAGE_NAME || void 0),
      ...definedField("actor", env.CHANGE_AUTHOR || void 0)
    };
    if (changeNumber) {
      context.changeRequest = {
        number: changeNumber,
        ...definedField("url", env.CHANGE_URL || void 0),
        ...definedField("targetBranch", env.CHANGE_TARGET || void 0),
        // The GitHub branch source sets CHANGE_FORK only for pull requests from forks.
        ...env.CHANGE_FORK ? { fromFork: true } : {}
      };
      context.event = target === void 0 ? "change_request" : target.host === "gitlab" ? "merge_request_event" : "pull_request";
    }
    return context;
  }
  changeTarget() {
    const changeUrl = this.env.CHANGE_URL;
    return changeUrl ? parseChangeUrl(changeUrl, apiOverridesFromEnv(this.env)) : void 0;
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
  JenkinsPlatform
};
