#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  readStoredSide
} from "./chunk-KNHZKZJ6.mjs";
import {
  crc32
} from "./chunk-2XMYJ5XD.mjs";
import "./chunk-VQWOU3SX.mjs";
import "./chunk-4VSSUXZN.mjs";
import "./chunk-BOL2UAYQ.mjs";
import {
  bodyLimits,
  formatLimit
} from "./chunk-7YFYVVS2.mjs";
import "./chunk-COETP6OK.mjs";
import {
  InputError
} from "./chunk-C6XSGGFY.mjs";
import "./chunk-AQW5IZUH.mjs";

// packages/core/src/io/zip.ts
import { inflateRawSync } from "node:zlib";
var ZipFormatError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "ZipFormatError";
  }
};
var defaultMaxEntrySize = bodyLimits.stored;
var endOfCentralDirectory = 101010256;
var zip64Locator = 117853008;
var centralHeader = 33639248;
var localHeader = 67324752;
function readZip(bytes, options = {}) {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const maxEntrySize = options.maxEntrySize ?? defaultMaxEntrySize;
  const end = findEndOfCentralDirectory(data);
  const count = data.readUInt16LE(end + 10);
  const directorySize = data.readUInt32LE(end + 12);
  const directoryOffset = data.readUInt32LE(end + 16);
  if (end >= 20 && data.readUInt32LE(end - 20) === zip64Locator || count === 65535 || directorySize === 4294967295 || directoryOffset === 4294967295)
    throw new ZipFormatError("zip64 archives are not supported (the archive or an entry is over 4 GiB)");
  if (directoryOffset + directorySize > end)
    throw new ZipFormatError("the central directory lies outside the archive: truncated or not a zip");
  const entries = [];
  let at = directoryOffset;
  for (let index = 0; index < count; index++) {
    if (at + 46 > end || data.readUInt32LE(at) !== centralHeader)
      throw new ZipFormatError(`central directory entry ${index + 1} of ${count} is damaged`);
    const flags = data.readUInt16LE(at + 8);
    const method = data.readUInt16LE(at + 10);
    const crc322 = data.readUInt32LE(at + 16);
    const compressedSize = data.readUInt32LE(at + 20);
    const size = data.readUInt32LE(at + 24);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    const offset = data.readUInt32LE(at + 42);
    const nameBytes = data.subarray(at + 46, at + 46 + nameLength);
    const name = (flags & 2048 ? nameBytes.toString("utf8") : decodeCp437(nameBytes)).replace(/\\/g, "/");
    if (compressedSize === 4294967295 || size === 4294967295 || offset === 4294967295)
      throw new ZipFormatError(`${name}: zip64 entries are not supported (over 4 GiB)`);
    entries.push({
      name,
      isDirectory: name.endsWith("/"),
      size,
      compressedSize,
      method,
      crc32: crc322,
      offset,
      flags
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return {
    entries,
    read(entry) {
      if (entry.flags & 1) throw new ZipFormatError(`${entry.name}: encrypted entries are not supported`);
      if (entry.size > maxEntrySize)
        throw new ZipFormatError(
          `${entry.name}: ${entry.size} bytes uncompressed, more than the limit of ${formatLimit(maxEntrySize)}`
        );
      if (entry.offset + 30 > data.length || data.readUInt32LE(entry.offset) !== localHeader)
        throw new ZipFormatError(`${entry.name}: its local header is missing or damaged`);
      const start = entry.offset + 30 + data.readUInt16LE(entry.offset + 26) + data.readUInt16LE(entry.offset + 28);
      if (start + entry.compressedSize > data.length)
        throw new ZipFormatError(`${entry.name}: its data runs past the end of the archive (truncated)`);
      const raw = data.subarray(start, start + entry.compressedSize);
      let content;
      if (entry.method === 0) {
        content = Buffer.from(raw);
      } else if (entry.method === 8) {
        try {
          content = inflateRawSync(raw, { maxOutputLength: entry.size + 1 });
        } catch (error) {
          if (error.code === "ERR_BUFFER_TOO_LARGE")
            throw new ZipFormatError(
              `${entry.name}: inflates to more than the ${entry.size} bytes its header declares (a zip bomb or a damaged archive); stopped there`
            );
          throw new ZipFormatError(`${entry.name}: cannot inflate (${firstLineOf(error)})`);
        }
      } else {
        throw new ZipFormatError(
          `${entry.name}: compression method ${entry.method} is not supported (only stored and deflate)`
        );
      }
      if (content.length !== entry.size)
        throw new ZipFormatError(
          `${entry.name}: ${content.length} bytes, but the archive says ${entry.size}`
        );
      if (crc32(content) !== entry.crc32)
        throw new ZipFormatError(`${entry.name}: CRC-32 mismatch, the archive is damaged`);
      return content;
    }
  };
}
function firstLineOf(error) {
  return String(error?.message ?? error).split("\n")[0];
}
function findEndOfCentralDirectory(data) {
  const lowest = Math.max(0, data.length - 22 - 65535);
  for (let at = data.length - 22; at >= lowest; at--) {
    if (data.readUInt32LE(at) === endOfCentralDirectory && at + 22 + data.readUInt16LE(at + 20) === data.length)
      return at;
  }
  throw new ZipFormatError(
    data.length < 22 ? `not a zip archive (${data.length} bytes)` : "not a zip archive (no end of central directory)"
  );
}
var cp437High = "\xC7\xFC\xE9\xE2\xE4\xE0\xE5\xE7\xEA\xEB\xE8\xEF\xEE\xEC\xC4\xC5\xC9\xE6\xC6\xF4\xF6\xF2\xFB\xF9\xFF\xD6\xDC\xA2\xA3\xA5\u20A7\u0192\xE1\xED\xF3\xFA\xF1\xD1\xAA\xBA\xBF\u2310\xAC\xBD\xBC\xA1\xAB\xBB\u2591\u2592\u2593\u2502\u2524\u2561\u2562\u2556\u2555\u2563\u2551\u2557\u255D\u255C\u255B\u2510\u2514\u2534\u252C\u251C\u2500\u253C\u255E\u255F\u255A\u2554\u2569\u2566\u2560\u2550\u256C\u2567\u2568\u2564\u2565\u2559\u2558\u2552\u2553\u256B\u256A\u2518\u250C\u2588\u2584\u258C\u2590\u2580\u03B1\xDF\u0393\u03C0\u03A3\u03C3\xB5\u03C4\u03A6\u0398\u03A9\u03B4\u221E\u03C6\u03B5\u2229\u2261\xB1\u2265\u2264\u2320\u2321\xF7\u2248\xB0\u2219\xB7\u221A\u207F\xB2\u25A0\xA0";
function decodeCp437(bytes) {
  let text = "";
  for (const byte of bytes) text += byte < 128 ? String.fromCharCode(byte) : cp437High[byte - 128];
  return text;
}

// packages/core/src/steps/evaluate/branch-baseline.ts
function branchOf(source, environment) {
  if (source !== "target-branch") {
    const name = source.slice("branch:".length).trim();
    if (name === "") throw new InputError(`baseline: '${source}': expected branch:NAME`);
    return name;
  }
  const { context } = environment;
  const branch = context.changeRequest?.targetBranch ?? context.defaultBranch;
  if (!branch)
    throw new InputError(
      `baseline: target-branch: this ${context.platform} run names no target or default branch; give branch:NAME`
    );
  return branch;
}
function findEntry(entries, file, where) {
  const wanted = file.replace(/\\/g, "/").replace(/^(\.\/)+/, "");
  const files = entries.filter((entry) => !entry.isDirectory);
  const exact = files.find((entry) => entry.name === wanted);
  if (exact) return exact;
  const matches = files.filter((entry) => entry.name.endsWith(`/${wanted}`));
  if (matches.length === 1) return matches[0];
  const list = (found) => {
    const names = found.slice(0, 10).map((entry) => entry.name);
    return `${names.join(", ")}${found.length > 10 ? ` and ${found.length - 10} more` : ""}`;
  };
  if (matches.length > 1)
    throw new InputError(
      `baseline-file: '${file}' matches ${matches.length} files in ${where}: ${list(matches)}; give its path`
    );
  throw new InputError(
    `baseline-file: no '${file}' in ${where}, which holds ${files.length === 0 ? "no files" : list(files)}`
  );
}
async function readBranchSide(source, input, environment, readSide) {
  const branch = branchOf(source, environment);
  const artifacts = environment.artifacts;
  if (!artifacts)
    throw new InputError(
      `baseline: ${source} needs a CI whose stored artifacts mlci reads (docs/evaluate.md), not ${environment.context.platform}; give a file or registry:NAME@VERSION`
    );
  const name = input.baselineArtifact;
  const found = await artifacts.latest(branch, name);
  if (!found)
    throw new InputError(
      `baseline: no '${name}' artifact of a successful run on branch '${branch}' in the ${artifacts.description} (run evaluate on ${branch} and keep its artifacts, see docs/evaluate.md)`
    );
  const where = `the '${name}' artifact of branch '${branch}' (${found.origin})`;
  let content;
  let entry;
  try {
    const archive = readZip(found.archive);
    entry = findEntry(archive.entries, input.baselineFile, where);
    content = archive.read(entry);
  } catch (error) {
    if (error instanceof ZipFormatError) throw new InputError(`baseline: ${where}: ${error.message}`);
    throw error;
  }
  environment.logger.info(`baseline: ${entry.name} of ${where}`);
  const side = await readStoredSide(entry.name, content, `${entry.name} of ${where}`, readSide);
  const label = source === "target-branch" ? `target-branch (${branch})` : source;
  return { side, source: `${label}: ${entry.name} from ${found.origin}` };
}
export {
  branchOf,
  findEntry,
  readBranchSide
};
