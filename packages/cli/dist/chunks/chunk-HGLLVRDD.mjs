#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  writeFileAtomic
} from "./chunk-VQWOU3SX.mjs";

// packages/core/src/process/git.ts
import { execFile } from "node:child_process";
function git(args, cwd) {
  return new Promise(
    (done) => execFile(
      "git",
      [...args],
      { cwd, timeout: 5e3, encoding: "utf8" },
      (error, stdout) => done(error ? void 0 : stdout.trim())
    )
  );
}
async function headCommit(cwd) {
  const head = await git(["rev-parse", "--verify", "HEAD"], cwd);
  return head && /^[0-9a-f]{40,64}$/.test(head) ? head : void 0;
}

// packages/core/src/report/junit.ts
var xmlEscapes = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;"
};
function escapeXml(text) {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "").replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\uFFFD").replace(/[&<>"']/g, (c) => xmlEscapes[c] ?? c);
}
function renderJUnit(step, checks, seconds = 0) {
  const failures = checks.filter((check) => check.status === "failed").length;
  const skipped = checks.filter((check) => check.status === "skipped").length;
  const cases = checks.map((check) => {
    const classname = `mlci.${step}${check.column === void 0 ? "" : `.${check.column}`}`;
    const open = `    <testcase classname="${escapeXml(classname)}" name="${escapeXml(check.name)}" time="0">`;
    if (check.status === "failed") {
      return `${open}
      <failure message="${escapeXml(check.message)}" type="${check.severity}">${escapeXml(detail(check))}</failure>
    </testcase>`;
    }
    if (check.status === "skipped") {
      return `${open}
      <skipped message="${escapeXml(check.message)}"/>
    </testcase>`;
    }
    if (check.status === "warned") {
      return `${open}
      <system-out>${escapeXml(`warning: ${check.message}`)}</system-out>
    </testcase>`;
    }
    return `${open}</testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="mlci" tests="${checks.length}" failures="${failures}" errors="0" time="${seconds}">`,
    `  <testsuite name="mlci.${step}" tests="${checks.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds}">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    ""
  ].join("\n");
}
function detail(check) {
  const lines = [check.message];
  if (check.expected !== void 0) lines.push(`expected: ${JSON.stringify(check.expected)}`);
  if (check.observed !== void 0) lines.push(`observed: ${JSON.stringify(check.observed)}`);
  return lines.join("\n");
}

// packages/core/src/report/write.ts
import { join } from "node:path";
function stepReportFiles(outDir, step) {
  return {
    json: join(outDir, `${step}.json`),
    markdown: join(outDir, `${step}.md`),
    junit: join(outDir, `${step}.junit.xml`)
  };
}
async function writeStepReports(outDir, result, markdown) {
  const files = stepReportFiles(outDir, result.step);
  await writeFileAtomic(files.json, `${JSON.stringify(result, null, 2)}
`);
  await writeFileAtomic(files.markdown, markdown);
  await writeFileAtomic(files.junit, renderJUnit(result.step, result.checks));
  return files;
}

export {
  git,
  headCommit,
  escapeXml,
  renderJUnit,
  stepReportFiles,
  writeStepReports
};
