#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  CommentPermissionError
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
import {
  fitToLimit,
  hasMarker
} from "./chunk-5PJDXVWP.mjs";
import "./chunk-VQWOU3SX.mjs";
import "./chunk-T5LB56MC.mjs";
import "./chunk-2GFZTZLN.mjs";
import "./chunk-3U2PU2IP.mjs";
import "./chunk-XMRYHEY6.mjs";
import "./chunk-JQ6FLF6B.mjs";
import {
  isNetworkError,
  networkReason
} from "./chunk-FIL44SLO.mjs";
import "./chunk-J77EQZPR.mjs";
import "./chunk-ZAIHXEFC.mjs";
import "./chunk-IS7M7TXC.mjs";
import "./chunk-KLG7ZBD7.mjs";
import "./chunk-4VSSUXZN.mjs";
import "./chunk-BOL2UAYQ.mjs";
import {
  withRetries
} from "./chunk-Q2OW4E5W.mjs";
import {
  bodyLimits,
  readBody
} from "./chunk-7YFYVVS2.mjs";
import "./chunk-COETP6OK.mjs";
import "./chunk-2WYYKV6E.mjs";
import {
  ServiceError,
  firstLine
} from "./chunk-C6XSGGFY.mjs";
import "./chunk-AQW5IZUH.mjs";

// packages/bitbucket/src/body.ts
var bitbucketCommentLimit = 32767;
function bitbucketMarker(marker) {
  const inner = /^<!--\s*(.*?)\s*-->$/.exec(marker)?.[1];
  return inner === void 0 ? marker : `[//]: # (${inner})`;
}
function bitbucketMarkdown(markdown, fullReportHint) {
  const lines = markdown.split("\n");
  const shown2 = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].trim();
    if (line === "```mermaid") {
      while (index + 1 < lines.length && lines[index + 1].trim() !== "```") index++;
      index++;
      shown2.push(`A chart is left out here: Bitbucket draws no Mermaid charts. ${fullReportHint}`.trim());
      continue;
    }
    const summary = /^<details><summary>(.*)<\/summary>$/.exec(line);
    if (summary) shown2.push(`**${summary[1]}**`, "");
    else if (line !== "</details>") shown2.push(lines[index]);
  }
  return shown2.join("\n");
}
function stickyCommentText(comment, limit = bitbucketCommentLimit) {
  const head = `${bitbucketMarker(comment.marker)}
`;
  const markdown = bitbucketMarkdown(comment.markdown, comment.fullReportHint);
  return head + fitToLimit(markdown, limit - head.length, comment.fullReportHint);
}

// packages/bitbucket/src/http.ts
var BitbucketApiError = class extends ServiceError {
  constructor(message, status, options) {
    super(message, options);
    this.status = status;
    this.name = "BitbucketApiError";
  }
  status;
};
function authorizationOf(token) {
  const colon = token.indexOf(":");
  if (colon > 0) {
    return {
      header: `Basic ${Buffer.from(token).toString("base64")}`,
      scheme: "basic",
      secret: token.slice(colon + 1)
    };
  }
  return { header: `Bearer ${token}`, scheme: "bearer", secret: token };
}
function isTransientStatus(status) {
  return status >= 500 || status === 429 || status === 408;
}
var BitbucketClient = class {
  constructor(service, apiUrl, token, options = {}) {
    this.service = service;
    this.apiUrl = apiUrl;
    this.authorization = authorizationOf(token);
    this.origin = new URL(apiUrl).origin;
    this.retries = options.retries ?? 2;
    this.retryDelayMs = options.retryDelayMs ?? 1e3;
    this.timeoutMs = options.timeoutMs ?? 3e4;
  }
  service;
  apiUrl;
  authorization;
  origin;
  retries;
  retryDelayMs;
  timeoutMs;
  get scheme() {
    return this.authorization.scheme;
  }
  /** Whether a URL Bitbucket handed out (a `next` page) is on the API's own origin, where the token may go. */
  sameOrigin(url) {
    try {
      return new URL(url).origin === this.origin;
    } catch {
      return false;
    }
  }
  /**
   * The answer to one call, 2xx and every 4xx alike (the caller reads 401, 403, 404 and 409); 5xx, 429 and
   * network failures are tried again, then thrown as BitbucketApiError.
   */
  async call(method, url, body) {
    if (!this.sameOrigin(url))
      throw new BitbucketApiError(
        `${this.service}: refusing to send the token to ${shown(url)}, off ${this.origin}`
      );
    let attempts = 0;
    try {
      return await withRetries(
        async () => {
          attempts++;
          const answer = await this.once(method, url, body);
          if (isTransientStatus(answer.status)) throw this.failure(method, url, answer);
          return answer;
        },
        (error) => error instanceof BitbucketApiError && error.status !== void 0 && isTransientStatus(error.status) || isNetworkError(error),
        { retries: this.retries, delayMs: this.retryDelayMs }
      );
    } catch (error) {
      const tries = attempts > 1 ? ` (after ${attempts} attempts)` : "";
      if (error instanceof BitbucketApiError)
        throw new BitbucketApiError(`${error.message}${tries}`, error.status, { cause: error });
      if (isNetworkError(error))
        throw new BitbucketApiError(
          `cannot reach ${this.service} at ${shown(url)}: ${networkReason(error)}${tries}`,
          void 0,
          { cause: error }
        );
      throw error;
    }
  }
  /** The error for an answer the caller does not expect, with Bitbucket's own first message. */
  failure(method, url, answer) {
    const said = this.mask(errorMessageOf(answer.json));
    return new BitbucketApiError(
      `${this.service} answered ${answer.status} to ${method} ${shown(url)}${said ? `: ${said}` : ""}`,
      answer.status
    );
  }
  /** Text from Bitbucket with the token's secret masked, should a server echo it back. */
  mask(text) {
    return this.authorization.secret.length > 0 ? text.split(this.authorization.secret).join("***") : text;
  }
  async once(method, url, body) {
    const started = Date.now();
    const response = await fetch(url, {
      method,
      // A redirect is not followed: fetch would carry the Authorization header along, and a POST would be lost.
      redirect: "manual",
      headers: {
        authorization: this.authorization.header,
        accept: "application/json",
        ...body === void 0 ? {} : { "content-type": "application/json" }
      },
      ...body === void 0 ? {} : { body: JSON.stringify(body) },
      signal: AbortSignal.timeout(this.timeoutMs)
    });
    const what = `${this.service}: ${method} ${shown(url)}`;
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => void 0);
      const location = response.headers.get("location");
      throw new BitbucketApiError(
        `${what} was redirected${location ? ` to ${shown(new URL(location, url).toString())}` : ""}: set the Bitbucket URL to where it leads`,
        response.status
      );
    }
    const bytes = await readBody(response, {
      maxBytes: response.ok ? bodyLimits.json : bodyLimits.error,
      deadlineMs: Math.max(1, this.timeoutMs - (Date.now() - started)),
      what
    });
    let json;
    const text = bytes.toString("utf8");
    try {
      json = text.trim() === "" ? void 0 : JSON.parse(text);
    } catch {
      if (response.ok) throw new BitbucketApiError(`${what}: the answer is not JSON`, response.status);
      json = void 0;
    }
    return { status: response.status, headers: response.headers, json };
  }
};
function errorMessageOf(json) {
  const record = json;
  const message = record?.errors?.[0]?.message ?? record?.error?.message ?? record?.message;
  return typeof message === "string" ? firstLine(message).slice(0, 200) : "";
}
function shown(url) {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return "(an invalid URL)";
  }
}
function permissionError(error) {
  if (!(error instanceof BitbucketApiError) || error.status !== 401 && error.status !== 403) return error;
  return Object.assign(new CommentPermissionError(error.message, { cause: error }), { status: error.status });
}

// packages/bitbucket/src/cloud.ts
var bitbucketCloudApiUrl = "https://api.bitbucket.org/2.0";
var maxPages = 500;
var BitbucketCloudPullRequest = class {
  where;
  permissionAdvice = "give the token the Pull requests: Write permission (scope `pullrequest:write`; `write:pullrequest:bitbucket` for an API token) on the repository";
  client;
  apiUrl;
  pullRequestUrl;
  accessTokenName;
  author;
  constructor(options) {
    this.apiUrl = (options.baseUrl ?? bitbucketCloudApiUrl).replace(/\/+$/, "");
    this.where = `${options.workspace}/${options.repo}#${options.id}`;
    this.client = new BitbucketClient("Bitbucket Cloud", this.apiUrl, options.token, options);
    this.pullRequestUrl = `${this.apiUrl}/repositories/${encodeURIComponent(options.workspace)}/${encodeURIComponent(options.repo)}/pullrequests/${options.id}`;
    this.accessTokenName = options.accessTokenName;
  }
  async upsert(comment) {
    const raw = stickyCommentText(comment);
    const existing = await this.find(comment.marker, comment.legacyMarker);
    try {
      if (existing) {
        const url2 = `${this.pullRequestUrl}/comments/${existing.id}`;
        const answer2 = await this.client.call("PUT", url2, { content: { raw } });
        if (answer2.status === 200) return { action: "updated", ...webUrlOf(answer2.json ?? existing) };
        if (answer2.status !== 404) throw this.client.failure("PUT", url2, answer2);
      }
      const url = `${this.pullRequestUrl}/comments`;
      const answer = await this.client.call("POST", url, { content: { raw } });
      if (answer.status !== 201 && answer.status !== 200) throw this.client.failure("POST", url, answer);
      return { action: "created", ...webUrlOf(answer.json) };
    } catch (error) {
      throw permissionError(error);
    }
  }
  /**
   * Who the token writes as. `GET /user` answers for Basic credentials (with the Account: Read permission) and
   * OAuth tokens; it refuses access tokens ("Token is invalid or not supported for this endpoint"), so a Bearer
   * token it refuses is taken for one. Undefined when Basic credentials may not read the account (403): then
   * nothing is edited and a comment is created. A 401 for Basic credentials (a wrong app password) is thrown,
   * as writing would fail the same way.
   */
  whoAmI() {
    this.author ??= (async () => {
      const url = `${this.apiUrl}/user`;
      const answer = await this.client.call("GET", url);
      const uuid = answer.json?.uuid;
      if (answer.status === 200 && typeof uuid === "string" && uuid !== "") return { kind: "user", uuid };
      if (this.client.scheme === "bearer" && (answer.status === 401 || answer.status === 403))
        return { kind: "access-token", ...this.accessTokenName ? { name: this.accessTokenName } : {} };
      if (answer.status === 401) throw this.client.failure("GET", url, answer);
      return void 0;
    })();
    return this.author;
  }
  /**
   * The first comment by the token's own user whose first line is the marker, reading every page; else the first
   * with the legacy marker. Anyone can write a comment that starts with the marker: only the token's are taken.
   */
  async find(marker, legacyMarker) {
    const author = await this.whoAmI();
    if (author === void 0) return void 0;
    let legacy;
    let url = `${this.pullRequestUrl}/comments?pagelen=100`;
    for (let page = 0; url !== void 0; page++) {
      if (page >= maxPages)
        throw new BitbucketApiError(
          `Bitbucket Cloud: the comments of ${this.where} run past ${maxPages} pages`
        );
      const answer = await this.client.call("GET", url);
      if (answer.status !== 200) throw this.client.failure("GET", url, answer);
      const listing = answer.json;
      for (const value of Array.isArray(listing?.values) ? listing.values : []) {
        const comment = value;
        const text = comment?.content?.raw;
        if (!comment || typeof comment.id !== "number" || typeof text !== "string") continue;
        if (comment.deleted === true || comment.inline || comment.parent) continue;
        if (!writtenBy(author, comment.user)) continue;
        if (hasMarker(text, bitbucketMarker(marker))) return comment;
        if (legacy === void 0 && legacyMarker !== void 0 && hasMarker(text, bitbucketMarker(legacyMarker)))
          legacy = comment;
      }
      const next = listing?.next;
      url = typeof next === "string" && next !== "" ? next : void 0;
    }
    return legacy;
  }
};
function writtenBy(author, account) {
  if (!account) return false;
  if (author.kind === "user") return account.uuid === author.uuid;
  return account.type === "app_user" && (author.name === void 0 || account.display_name === author.name);
}
function webUrlOf(json) {
  const href = json?.links?.html?.href;
  return typeof href === "string" && /^https?:\/\//.test(href) ? { url: href } : {};
}

// packages/bitbucket/src/data-center.ts
var maxPages2 = 500;
var BitbucketDataCenterPullRequest = class {
  where;
  // A user with Read on the repository may comment; an HTTP access token's permissions list pull request
  // actions only from Repository write, so that is what the advice asks for.
  permissionAdvice = "give the HTTP access token the Repository write permission (REPO_WRITE: Atlassian's token permission for pull request actions), its user at least Read on the repository";
  client;
  pullRequestUrl;
  webUrl;
  constructor(options) {
    const base = options.baseUrl.replace(/\/+$/, "");
    const repository = `projects/${encodeURIComponent(options.project)}/repos/${encodeURIComponent(options.repo)}`;
    this.where = `${options.project}/${options.repo}#${options.id}`;
    this.client = new BitbucketClient(
      "Bitbucket Data Center",
      `${base}/rest/api/1.0`,
      options.token,
      options
    );
    this.pullRequestUrl = `${base}/rest/api/1.0/${repository}/pull-requests/${options.id}`;
    this.webUrl = `${base}/${repository}/pull-requests/${options.id}/overview`;
  }
  async upsert(comment) {
    const text = stickyCommentText(comment);
    const existing = await this.find(comment.marker, comment.legacyMarker);
    try {
      if (existing) {
        const edited = await this.edit(existing.comment, existing.user, text, comment);
        if (edited) return { action: "updated", url: this.commentUrl(edited.id) };
      }
      const url = `${this.pullRequestUrl}/comments`;
      const answer = await this.client.call("POST", url, { text });
      if (answer.status !== 201 && answer.status !== 200) throw this.client.failure("POST", url, answer);
      const created = answer.json;
      return {
        action: "created",
        ...typeof created?.id === "number" ? { url: this.commentUrl(created.id) } : {}
      };
    } catch (error) {
      throw permissionError(error);
    }
  }
  /**
   * The newest comment by the token's own user whose first line is the marker, searching every page of the
   * pull request's activities (Bitbucket lists them newest first); else the newest with the legacy marker.
   * Undefined when there is none, or when Bitbucket does not say who the token is (then a comment is created).
   */
  async find(marker, legacyMarker) {
    let user;
    let legacy;
    let start = 0;
    for (let page = 0; ; page++) {
      if (page >= maxPages2)
        throw new BitbucketApiError(
          `Bitbucket Data Center: the activities of ${this.where} run past ${maxPages2} pages`
        );
      const url = `${this.pullRequestUrl}/activities?start=${start}&limit=100`;
      const answer = await this.client.call("GET", url);
      if (answer.status !== 200) throw this.client.failure("GET", url, answer);
      user ??= tokenUserOf(answer.headers);
      if (user === void 0) return void 0;
      const activities = answer.json;
      for (const activity of Array.isArray(activities?.values) ? activities.values : []) {
        const comment = commentOf(activity);
        if (comment === void 0 || !writtenBy2(comment, user)) continue;
        if (hasMarker(comment.text, bitbucketMarker(marker))) return { comment, user };
        if (legacy === void 0 && legacyMarker !== void 0 && hasMarker(comment.text, bitbucketMarker(legacyMarker)))
          legacy = comment;
      }
      const next = activities?.nextPageStart;
      if (activities?.isLastPage !== false || typeof next !== "number" || next <= start) break;
      start = next;
    }
    return legacy === void 0 ? void 0 : { comment: legacy, user };
  }
  /**
   * Edits the comment at its version. A 409 means it changed since it was read (someone edited it, or another
   * job did): it is read again and edited once more at its new version, if it is still ours with our marker.
   * Undefined when the comment is gone (deleted meanwhile), so a new one is made.
   */
  async edit(found, user, text, sticky) {
    const url = `${this.pullRequestUrl}/comments/${found.id}`;
    let version = found.version;
    for (let attempt = 0; ; attempt++) {
      const answer = await this.client.call("PUT", url, { text, version });
      if (answer.status === 200) return found;
      if (answer.status === 404) return void 0;
      if (answer.status !== 409 || attempt > 0) throw this.client.failure("PUT", url, answer);
      const reread = await this.client.call("GET", url);
      if (reread.status === 404) return void 0;
      if (reread.status !== 200) throw this.client.failure("GET", url, reread);
      const current = commentFields(reread.json);
      const stillOurs = current !== void 0 && writtenBy2(current, user) && (hasMarker(current.text, bitbucketMarker(sticky.marker)) || sticky.legacyMarker !== void 0 && hasMarker(current.text, bitbucketMarker(sticky.legacyMarker)));
      if (!stillOurs) return void 0;
      version = current.version;
    }
  }
  commentUrl(id) {
    return `${this.webUrl}?commentId=${id}`;
  }
};
function tokenUserOf(headers) {
  const name = headers.get("x-ausername")?.trim();
  if (!name || name === "anonymous") return void 0;
  const id = Number(headers.get("x-auserid"));
  return Number.isSafeInteger(id) && id > 0 ? { name, id } : { name };
}
function writtenBy2(comment, user) {
  const author = comment.author;
  if (!author) return false;
  if (user.id !== void 0 && typeof author.id === "number") return author.id === user.id;
  return typeof author.name === "string" && author.name.toLowerCase() === user.name.toLowerCase();
}
function commentOf(activity) {
  const record = activity;
  if (record?.action !== "COMMENTED" || record.commentAnchor) return void 0;
  return commentFields(record.comment);
}
function commentFields(value) {
  const comment = value;
  if (typeof comment?.id !== "number" || typeof comment.version !== "number" || typeof comment.text !== "string")
    return void 0;
  return comment;
}

// packages/bitbucket/src/index.ts
function bitbucketReviewHost(target, token, options = {}) {
  if (target.host === "bitbucket-server") {
    const { baseUrl, projectKey, repo: repo2, number: number2 } = target;
    return new BitbucketDataCenterPullRequest({
      ...options,
      baseUrl,
      project: projectKey,
      repo: repo2,
      id: number2,
      token
    });
  }
  const { apiUrl, workspace, repo, number } = target;
  return new BitbucketCloudPullRequest({ ...options, baseUrl: apiUrl, workspace, repo, id: number, token });
}
export {
  BitbucketApiError,
  BitbucketCloudPullRequest,
  BitbucketDataCenterPullRequest,
  authorizationOf,
  bitbucketCloudApiUrl,
  bitbucketCommentLimit,
  bitbucketMarkdown,
  bitbucketMarker,
  bitbucketReviewHost,
  stickyCommentText
};
