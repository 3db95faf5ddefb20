#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);
import {
  BlobDigestMismatch,
  BlobMissing,
  BlobStore
} from "./chunk-GUCLTIMP.mjs";
import {
  writeFileAtomic
} from "./chunk-VQWOU3SX.mjs";
import {
  aliasConflict,
  checkAliasName,
  checkModelName,
  checkPromotionRecord,
  decodeMove,
  encodeMove,
  existingVersionAttachments,
  isAliasName,
  newVersionAttachments,
  versionState,
  withRegistrations
} from "./chunk-T5LB56MC.mjs";
import {
  latestVersion,
  modelNamePattern,
  versionOrAlias
} from "./chunk-XMRYHEY6.mjs";
import {
  isInsideRelativePath
} from "./chunk-ERNQNAOD.mjs";
import "./chunk-KLG7ZBD7.mjs";
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
  MlciError,
  ServiceError
} from "./chunk-C6XSGGFY.mjs";
import "./chunk-AQW5IZUH.mjs";

// packages/core/src/registry/file/index.ts
import { randomBytes } from "node:crypto";
import { link, mkdir, readdir, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
var versionPattern = /^[1-9][0-9]*$/;
var kindPattern = /^[a-z0-9][a-z0-9._-]*$/;
var hexOf = (digest) => digest.replace(/^sha256:/, "");
async function openFileRegistry(uri, options, tuning = {}) {
  return new FileRegistry(uri, registryDirectory(uri, options.cwd), options, {
    lockWaitMs: tuning.lockWaitMs ?? 1e4,
    staleLockMs: tuning.staleLockMs ?? 6e4
  });
}
function registryDirectory(uri, cwd) {
  const expected = `registry '${uri}': expected file:DIR (relative to the working directory) or file:///ABSOLUTE/DIR`;
  if (uri.startsWith("file://")) {
    try {
      return fileURLToPath(uri);
    } catch {
      throw new InputError(expected);
    }
  }
  const path = uri.slice("file:".length);
  if (!uri.startsWith("file:") || path === "") throw new InputError(expected);
  return resolve(cwd, path);
}
async function readAliases(modelDirectory) {
  const directory = join(modelDirectory, "aliases");
  const aliases = {};
  for (const name of (await listDirectory(directory)).sort()) {
    if (!isAliasName(name)) continue;
    const text = await readFile(join(directory, name), "utf8").catch((error) => {
      if (error.code === "ENOENT") return void 0;
      throw error;
    });
    const alias = text === void 0 ? void 0 : parseAliasFile(text);
    if (alias) aliases[name] = alias.version;
  }
  return aliases;
}
function parseAliasFile(text) {
  const trimmed = text.trim();
  if (versionPattern.test(trimmed)) return { version: trimmed, record: null };
  try {
    const parsed = parseJson(trimmed, "alias file");
    if (typeof parsed.version === "string" && versionPattern.test(parsed.version) && typeof parsed.record === "string" && /^sha256:[0-9a-f]{64}$/.test(parsed.record))
      return { version: parsed.version, record: parsed.record };
  } catch {
  }
  return void 0;
}
async function listDirectory(directory) {
  try {
    return await readdir(directory);
  } catch (error) {
    if (error.code === "ENOENT") return [];
    throw error;
  }
}
var FileRegistry = class {
  constructor(uri, root, options, tuning) {
    this.uri = uri;
    this.root = root;
    this.options = options;
    this.tuning = tuning;
    this.blobs = new BlobStore(root);
  }
  uri;
  root;
  options;
  tuning;
  blobs;
  register(request) {
    return this.guard(async () => {
      checkModelName(request.model);
      for (const file of request.fileSet.files)
        if (!isInsideRelativePath(file.path))
          throw new InputError(
            `cannot register '${file.path}' in ${this.uri}: not a path inside the outputs`
          );
      const same = (await this.versionsOf(request.model)).find(
        (version) => version.contentDigest === request.fileSet.digest
      );
      if (same) {
        for (const attachment of existingVersionAttachments(same, request))
          await this.attach(request.model, same.version, attachment);
        return { version: await this.getVersion(request.model, same.version), created: false };
      }
      for (const file of request.fileSet.files) {
        const source = resolve(this.options.cwd, request.directory, file.path);
        try {
          await this.blobs.put(source, { digest: file.digest, size: file.size });
        } catch (error) {
          if (error instanceof BlobDigestMismatch)
            throw new InputError(
              `${source}: changed after it was fingerprinted; not registered in ${this.uri}`
            );
          throw error;
        }
      }
      const createdAt = (/* @__PURE__ */ new Date()).toISOString();
      const attachments = [];
      for (const attachment of newVersionAttachments(request)) {
        const stored = await this.storeAttachment(attachment, createdAt);
        if (!attachments.some((other) => other.digest === stored.digest)) attachments.push(stored);
      }
      attachments.sort(attachmentOrder);
      const modelDirectory = this.modelDirectory(request.model);
      const versionsDirectory = join(modelDirectory, "versions");
      await mkdir(versionsDirectory, { recursive: true });
      const staging = join(modelDirectory, `.staging-${randomBytes(8).toString("hex")}`);
      await mkdir(join(staging, "attachments"), { recursive: true });
      try {
        for (const attachment of attachments)
          await writeFile(join(staging, "attachments", attachmentFileName(attachment)), json(attachment));
        let number = await this.latestNumber(request.model) + 1;
        for (; ; ) {
          const version = {
            model: request.model,
            version: String(number),
            contentDigest: request.fileSet.digest,
            files: request.fileSet.files,
            createdAt,
            labels: request.labels
          };
          await writeFileAtomic(join(staging, "version.json"), json(version));
          try {
            await movePath(staging, join(versionsDirectory, String(number)));
            this.options.logger.debug(`${this.uri}: registered ${request.model} version ${number}`);
            return { version: withRegistrations({ ...version, aliases: [], attachments }), created: true };
          } catch (error) {
            const code = error.code;
            if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
            this.options.logger.debug(
              `${this.uri}: ${request.model} version ${number} was taken, trying the next`
            );
            number = Math.max(number, await this.latestNumber(request.model)) + 1;
          }
        }
      } finally {
        await rm(staging, { recursive: true, force: true });
      }
    });
  }
  listModels() {
    return this.guard(async () => {
      const summaries = [];
      for (const name of (await listDirectory(join(this.root, "models"))).sort()) {
        if (!modelNamePattern.test(name)) continue;
        const numbers = await this.versionNumbers(name);
        if (numbers.length === 0) continue;
        summaries.push({
          name,
          versions: numbers.length,
          latest: String(numbers.at(-1)),
          aliases: await readAliases(this.modelDirectory(name))
        });
      }
      return summaries;
    });
  }
  listVersions(model) {
    return this.guard(async () => {
      checkModelName(model);
      const versions = await this.versionsOf(model);
      if (versions.length === 0) throw new InputError(`model '${model}' is not in ${this.uri}`);
      return versions;
    });
  }
  getVersion(model, version) {
    return this.guard(async () => {
      checkModelName(model);
      const aliases = await readAliases(this.modelDirectory(model));
      const number = versionPattern.test(version) ? version : version === latestVersion ? String(await this.latestNumber(model)) : aliases[version];
      const found = number === void 0 ? void 0 : await this.readVersion(model, number);
      if (!found) throw new InputError(`model '${model}' has no ${versionOrAlias(version)} in ${this.uri}`);
      return { ...found, aliases: aliasesOf(aliases, found.version) };
    });
  }
  attach(model, version, attachment) {
    return this.guard(async () => {
      const target = await this.getVersion(model, version);
      const stored = await this.storeAttachment(attachment, (/* @__PURE__ */ new Date()).toISOString());
      const known = target.attachments.find((other) => other.digest === stored.digest);
      if (known) return known;
      await writeFileAtomic(
        join(this.versionDirectory(model, target.version), "attachments", attachmentFileName(stored)),
        json(stored)
      );
      return stored;
    });
  }
  readAttachment(model, version, attachment) {
    return this.guard(async () => {
      await this.getVersion(model, version);
      try {
        return await this.blobs.read(attachment.digest);
      } catch (error) {
        throw this.corruption(
          error,
          `the ${attachment.kind} attachment of model '${model}' version ${version}`
        );
      }
    });
  }
  download(model, version, directory) {
    return this.guard(async () => {
      const found = await this.getVersion(model, version);
      for (const file of found.files) {
        if (!isInsideRelativePath(file.path))
          throw new ServiceError(
            `${this.uri}: corrupt registry: model '${model}' version ${version} names '${file.path}', outside its directory`
          );
        try {
          await this.blobs.copyOut(file.digest, resolve(this.options.cwd, directory, file.path), {
            executable: file.executable
          });
        } catch (error) {
          throw this.corruption(error, `file '${file.path}' of model '${model}' version ${version}`);
        }
      }
    });
  }
  checkMove(record) {
    checkPromotionRecord(record);
  }
  moveAlias(record) {
    return this.guard(async () => {
      this.checkMove(record);
      if (!await this.readVersion(record.model, record.version))
        throw new InputError(`model '${record.model}' has no version ${record.version} in ${this.uri}`);
      const aliasPath = join(this.modelDirectory(record.model), "aliases", record.alias);
      const lock = await this.lockAlias(record.model, record.alias);
      try {
        const current = await this.readAliasFile(record.model, record.alias);
        const found = current?.version ?? null;
        if (found !== record.previous) throw aliasConflict(record, this.uri, versionState(found));
        const stored = await this.blobs.putBytes(
          encodeMove({ record, previousMove: current?.record ?? null })
        );
        await this.checkLockHeld(lock, record);
        const alias = { version: record.version, record: stored.digest };
        await writeFileAtomic(aliasPath, json(alias));
        this.options.logger.debug(
          `${this.uri}: moved alias ${record.alias} of ${record.model} from ${found ?? "nothing"} to ${record.version}`
        );
        return { record, digest: stored.digest };
      } finally {
        await this.unlockAlias(lock);
      }
    });
  }
  aliasHistory(model, alias) {
    return this.guard(async () => {
      checkModelName(model);
      checkAliasName(alias);
      if ((await this.versionNumbers(model)).length === 0)
        throw new InputError(`model '${model}' is not in ${this.uri}`);
      const moves = [];
      const seen = /* @__PURE__ */ new Set();
      let next = (await this.readAliasFile(model, alias))?.record ?? null;
      while (next !== null) {
        const where = `${this.uri}: corrupt registry: a move of alias '${alias}' of model '${model}'`;
        if (seen.has(next)) throw new ServiceError(`${where} (${next}) is its own predecessor`);
        seen.add(next);
        let bytes;
        try {
          bytes = await this.blobs.read(next);
        } catch (error) {
          throw this.corruption(error, `the move ${next} of alias '${alias}' of model '${model}'`);
        }
        const { move, aliasMove } = decodeMove(bytes, `${where} (blob ${next})`);
        moves.push(aliasMove);
        next = move.previousMove;
      }
      return moves;
    });
  }
  /** The alias file, or undefined when there is none; a file that is no alias file is a corrupt registry. */
  async readAliasFile(model, alias) {
    const path = join(this.modelDirectory(model), "aliases", alias);
    let text;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      if (error.code === "ENOENT") return void 0;
      throw error;
    }
    const parsed = parseAliasFile(text);
    if (!parsed)
      throw new ServiceError(
        `${this.uri}: corrupt registry: models/${model}/aliases/${alias} holds neither a version number nor {version, record}`
      );
    return parsed;
  }
  /**
   * Takes `aliases/.<alias>.lock`: written complete to a temporary file, then hard-linked to the lock name,
   * which fails when the name exists (an O_EXCL create that never shows an empty lock). Waits for a live
   * holder up to lockWaitMs. A lock is stale when its process is gone (same host: the pid does not exist) or
   * it is older than staleLockMs; it is broken by renaming it aside and checking that what was renamed is
   * the stale lock that was read (else it is put back): two processes breaking the same stale lock never
   * remove each other's fresh one.
   */
  async lockAlias(model, alias) {
    const directory = join(this.modelDirectory(model), "aliases");
    await mkdir(directory, { recursive: true });
    const path = join(directory, `.${alias}.lock`);
    const deadline = Date.now() + this.tuning.lockWaitMs;
    for (; ; ) {
      const content = {
        pid: process.pid,
        host: hostname(),
        time: (/* @__PURE__ */ new Date()).toISOString(),
        nonce: randomBytes(8).toString("hex")
      };
      const temp = `${path}.${content.nonce}.tmp`;
      await writeFile(temp, JSON.stringify(content));
      try {
        await link(temp, path);
        const interrupted = registerCleanup(async () => {
          await this.unlockAlias({ path, content, interrupted });
          return `removed the lock ${path}`;
        });
        return { path, content, interrupted };
      } catch (error) {
        if (error.code !== "EEXIST") throw error;
      } finally {
        await rm(temp, { force: true });
      }
      const holder = await readLock(path);
      if (holder === void 0) continue;
      if (this.isStale(holder)) {
        await this.breakLock(path, holder);
        continue;
      }
      if (Date.now() > deadline)
        throw new ServiceError(
          `${this.uri}: alias '${alias}' of model '${model}' is locked by pid ${holder.pid} on ${holder.host} since ${holder.time} (${path}); try again, or remove the lock if that process is gone`
        );
      await new Promise((resolve2) => setTimeout(resolve2, 5 + Math.random() * 20));
    }
  }
  isStale(holder) {
    const age = Date.now() - Date.parse(holder.time);
    if (!(age <= this.tuning.staleLockMs)) return true;
    return holder.host === hostname() && !processExists(holder.pid);
  }
  async breakLock(path, stale) {
    const aside = `${path}.${randomBytes(8).toString("hex")}.stale`;
    try {
      await movePath(path, aside);
    } catch (error) {
      if (error.code === "ENOENT") return;
      throw error;
    }
    const taken = await readLock(aside);
    if (taken?.nonce !== stale.nonce) {
      await link(aside, path).catch(() => {
      });
    } else {
      this.options.logger.warn(
        `${this.uri}: removed a stale lock ${path} (pid ${stale.pid} on ${stale.host}, since ${stale.time})`
      );
    }
    await rm(aside, { force: true });
  }
  /** Right before the rename that moves the alias: the lock must still be ours. */
  async checkLockHeld(lock, record) {
    if ((await readLock(lock.path))?.nonce !== lock.content.nonce)
      throw new ServiceError(
        `${this.uri}: lost the lock on alias '${record.alias}' of model '${record.model}' (another process took it as stale); nothing changed, try again`
      );
  }
  async unlockAlias(lock) {
    if ((await readLock(lock.path))?.nonce === lock.content.nonce) await unlink(lock.path).catch(() => {
    });
    lock.interrupted.release();
  }
  /** Stores an attachment's content and returns its metadata. */
  async storeAttachment(attachment, createdAt) {
    if (!kindPattern.test(attachment.kind))
      throw new InputError(
        `attachment kind '${attachment.kind}': expected lowercase letters, digits, '.', '_', '-'`
      );
    const ref = await this.blobs.putBytes(attachment.content);
    return {
      kind: attachment.kind,
      mediaType: attachment.mediaType,
      digest: ref.digest,
      size: ref.size,
      createdAt,
      annotations: attachment.annotations ?? {}
    };
  }
  async versionsOf(model) {
    const aliases = await readAliases(this.modelDirectory(model));
    const versions = [];
    for (const number of await this.versionNumbers(model)) {
      const version = await this.readVersion(model, String(number));
      if (version) versions.push({ ...version, aliases: aliasesOf(aliases, version.version) });
    }
    return versions;
  }
  async readVersion(model, version) {
    const directory = this.versionDirectory(model, version);
    let text;
    try {
      text = await readFile(join(directory, "version.json"), "utf8");
    } catch (error) {
      if (error.code === "ENOENT") return void 0;
      throw error;
    }
    const where = `models/${model}/versions/${version}`;
    const stored = this.parse(text, `${where}/version.json`);
    const attachments = [];
    const attachmentsDirectory = join(directory, "attachments");
    for (const name of await listDirectory(attachmentsDirectory)) {
      if (name.startsWith(".") || !name.endsWith(".json")) continue;
      const content = await readFile(join(attachmentsDirectory, name), "utf8");
      attachments.push(this.parse(content, `${where}/attachments/${name}`));
    }
    attachments.sort(attachmentOrder);
    return withRegistrations({
      model,
      // The directory name is the version: a registration renames a finished directory to its number.
      version,
      contentDigest: stored.contentDigest,
      files: stored.files,
      createdAt: stored.createdAt,
      labels: stored.labels ?? {},
      attachments
    });
  }
  async versionNumbers(model) {
    const names = await listDirectory(join(this.modelDirectory(model), "versions"));
    return names.filter((name) => versionPattern.test(name)).map(Number).sort((a, b) => a - b);
  }
  async latestNumber(model) {
    return (await this.versionNumbers(model)).at(-1) ?? 0;
  }
  modelDirectory(model) {
    return join(this.root, "models", model);
  }
  versionDirectory(model, version) {
    return join(this.modelDirectory(model), "versions", version);
  }
  parse(text, file) {
    return parseJson(text, `${this.uri}: corrupt registry: ${file}`, "service");
  }
  corruption(error, what) {
    if (error instanceof BlobDigestMismatch)
      return new ServiceError(
        `${this.uri}: corrupt registry: ${what} does not match its digest ${error.expected}`
      );
    if (error instanceof BlobMissing)
      return new ServiceError(`${this.uri}: corrupt registry: ${what} is missing (blob ${error.digest})`);
    return error;
  }
  /** File system failures (permissions, a full disk) are the backend failing: exit 3, naming the registry. */
  async guard(operation) {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof MlciError) throw error;
      if (typeof error.code === "string")
        throw new ServiceError(`${this.uri}: ${error.message}`, { cause: error });
      throw error;
    }
  }
};
async function readLock(path) {
  try {
    const parsed = parseJson(await readFile(path, "utf8"), path);
    return typeof parsed.nonce === "string" ? parsed : { ...parsed, nonce: "", time: "" };
  } catch (error) {
    if (error.code === "ENOENT") return void 0;
    return { pid: 0, host: "", time: "", nonce: "" };
  }
}
function processExists(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
function aliasesOf(aliases, version) {
  return Object.entries(aliases).filter(([, target]) => target === version).map(([alias]) => alias);
}
function attachmentOrder(a, b) {
  return a.createdAt.localeCompare(b.createdAt) || a.kind.localeCompare(b.kind) || a.digest.localeCompare(b.digest);
}
function attachmentFileName(attachment) {
  return `${attachment.kind}-${hexOf(attachment.digest)}.json`;
}
var json = (value) => `${JSON.stringify(value, null, 2)}
`;
export {
  openFileRegistry,
  readAliases,
  registryDirectory
};
