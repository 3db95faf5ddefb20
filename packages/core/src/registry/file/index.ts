import { randomBytes } from 'node:crypto';
import { link, mkdir, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, MlciError, ServiceError } from '../../errors';
import { writeFileAtomic } from '../../io/atomic';
import type { FileEntry } from '../../io/file-set';
import { parseJson } from '../../io/json';
import { movePath } from '../../io/move';
import { type Cleanup, registerCleanup } from '../../process/interrupt';
import { BlobDigestMismatch, BlobMissing, BlobStore } from '../../store/blob-store';
import { isInsideRelativePath } from '../../store/relative-path';
import {
  aliasConflict,
  checkAliasName,
  checkModelName,
  checkPromotionRecord,
  decodeMove,
  encodeMove,
  isAliasName,
  versionState,
} from '../alias-move';
import { existingVersionAttachments, newVersionAttachments, withRegistrations } from '../registrations';
import {
  type AliasMove,
  type Attachment,
  type BackendOptions,
  latestVersion,
  type ModelRegistry,
  type ModelSummary,
  type ModelVersion,
  modelNamePattern,
  type NewAttachment,
  type PromotionRecord,
  type RegisterOutcome,
  type RegisterRequest,
  versionOrAlias,
} from '../registry';

/** What `versions/<n>/version.json` holds. The directory name is the version; `version` is for people. */
interface VersionFile {
  model: string;
  version: string;
  contentDigest: string;
  files: FileEntry[];
  createdAt: string;
  labels: Record<string, string>;
}

const versionPattern = /^[1-9][0-9]*$/;
/** Attachment kinds become file names: keep them to a safe alphabet. */
const kindPattern = /^[a-z0-9][a-z0-9._-]*$/;
const hexOf = (digest: string) => digest.replace(/^sha256:/, '');

/**
 * The `file:DIR` registry: DIR relative to the working directory, or `file:///absolute/path`.
 * Layout:
 *   DIR/blobs/sha256/<hex>                                   file and attachment content
 *   DIR/models/<name>/versions/<n>/version.json              the version (VersionFile)
 *   DIR/models/<name>/versions/<n>/attachments/<kind>-<hex>.json   one Attachment each
 *   DIR/models/<name>/aliases/<alias>                        {"version": "3", "record": "sha256:…"} (AliasFile)
 *   DIR/models/<name>/aliases/.<alias>.lock                  held by the process moving the alias (LockContent)
 * An alias's record is a blob: the JSON of a StoredMove ({record, previousMove}), previousMove being the blob
 * of the move before, so the history is the chain from the alias file. An alias file holding just a version
 * number (earlier mlci, hand-written) is an alias without history.
 */
export async function openFileRegistry(
  uri: string,
  options: BackendOptions,
  tuning: FileRegistryTuning = {},
): Promise<ModelRegistry> {
  return new FileRegistry(uri, registryDirectory(uri, options.cwd), options, {
    lockWaitMs: tuning.lockWaitMs ?? 10_000,
    staleLockMs: tuning.staleLockMs ?? 60_000,
  });
}

/** What tests may shorten. */
export interface FileRegistryTuning {
  /** How long a move waits for another process's lock on the same alias (default 10 s). */
  lockWaitMs?: number;
  /**
   * A lock older than this is stale whoever holds it (default 60 s): a move holds its lock for milliseconds,
   * so the holder is hung, or gone and its pid reused by another process, or on another host of a shared
   * directory where its pid cannot be checked.
   */
  staleLockMs?: number;
}

/** What an alias file holds. */
interface AliasFile {
  version: string;
  /** The stored move that put the alias here; null for a plain-number alias file (no history). */
  record: string | null;
}

/** A lock this process holds, and its removal should mlci be interrupted while holding it. */
interface AliasLock {
  path: string;
  content: LockContent;
  interrupted: Cleanup;
}

/** What a lock file holds: who took it, when, and a nonce that tells this lock from a later one. */
interface LockContent {
  pid: number;
  host: string;
  time: string;
  nonce: string;
}

/** The directory a `file:` registry URI names, absolute. */
export function registryDirectory(uri: string, cwd: string): string {
  const expected = `registry '${uri}': expected file:DIR (relative to the working directory) or file:///ABSOLUTE/DIR`;
  if (uri.startsWith('file://')) {
    try {
      return fileURLToPath(uri);
    } catch {
      throw new InputError(expected);
    }
  }
  const path = uri.slice('file:'.length);
  if (!uri.startsWith('file:') || path === '') throw new InputError(expected);
  return resolve(cwd, path);
}

/**
 * Aliases of a model: the files in `models/<name>/aliases/` (AliasFile, or a plain version number). moveAlias
 * writes them (atomically); a missing directory means no aliases.
 */
export async function readAliases(modelDirectory: string): Promise<Record<string, string>> {
  const directory = join(modelDirectory, 'aliases');
  const aliases: Record<string, string> = {};
  for (const name of (await listDirectory(directory)).sort()) {
    // Hidden: a writer's temporary file or a lock; other names no move could have written are not aliases.
    if (!isAliasName(name)) continue;
    const text = await readFile(join(directory, name), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined; // removed since the listing
      throw error;
    });
    const alias = text === undefined ? undefined : parseAliasFile(text);
    if (alias) aliases[name] = alias.version;
  }
  return aliases;
}

/** The JSON form, or the plain version number of earlier versions; undefined for anything else. */
function parseAliasFile(text: string): AliasFile | undefined {
  const trimmed = text.trim();
  if (versionPattern.test(trimmed)) return { version: trimmed, record: null };
  try {
    const parsed = parseJson(trimmed, 'alias file') as Partial<AliasFile>;
    if (
      typeof parsed.version === 'string' &&
      versionPattern.test(parsed.version) &&
      typeof parsed.record === 'string' &&
      /^sha256:[0-9a-f]{64}$/.test(parsed.record)
    )
      return { version: parsed.version, record: parsed.record };
  } catch {
    // Not JSON: not an alias file.
  }
  return undefined;
}

async function listDirectory(directory: string): Promise<string[]> {
  try {
    return await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

class FileRegistry implements ModelRegistry {
  private readonly blobs: BlobStore;

  constructor(
    readonly uri: string,
    private readonly root: string,
    private readonly options: BackendOptions,
    private readonly tuning: Required<FileRegistryTuning>,
  ) {
    this.blobs = new BlobStore(root);
  }

  register(request: RegisterRequest): Promise<RegisterOutcome> {
    return this.guard(async () => {
      checkModelName(request.model);
      for (const file of request.fileSet.files)
        if (!isInsideRelativePath(file.path))
          throw new InputError(
            `cannot register '${file.path}' in ${this.uri}: not a path inside the outputs`,
          );
      // Two processes registering the same new content at the same moment may both miss this and make two
      // versions of it: nothing is lost, and a lock that a killed process could leave behind is worse.
      const same = (await this.versionsOf(request.model)).find(
        (version) => version.contentDigest === request.fileSet.digest,
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
              `${source}: changed after it was fingerprinted; not registered in ${this.uri}`,
            );
          throw error;
        }
      }
      const createdAt = new Date().toISOString();
      const attachments: Attachment[] = [];
      for (const attachment of newVersionAttachments(request)) {
        const stored = await this.storeAttachment(attachment, createdAt);
        if (!attachments.some((other) => other.digest === stored.digest)) attachments.push(stored);
      }
      attachments.sort(attachmentOrder);

      // Built complete in a staging directory, then renamed to versions/<n>: a reader sees the whole version
      // or none, and a killed registration leaves only an invisible `.staging-*` directory behind.
      const modelDirectory = this.modelDirectory(request.model);
      const versionsDirectory = join(modelDirectory, 'versions');
      await mkdir(versionsDirectory, { recursive: true });
      const staging = join(modelDirectory, `.staging-${randomBytes(8).toString('hex')}`);
      await mkdir(join(staging, 'attachments'), { recursive: true });
      try {
        for (const attachment of attachments)
          await writeFile(join(staging, 'attachments', attachmentFileName(attachment)), json(attachment));
        let number = (await this.latestNumber(request.model)) + 1;
        for (;;) {
          const version: VersionFile = {
            model: request.model,
            version: String(number),
            contentDigest: request.fileSet.digest,
            files: request.fileSet.files,
            createdAt,
            labels: request.labels,
          };
          await writeFileAtomic(join(staging, 'version.json'), json(version));
          try {
            // Renaming onto an existing (never empty) version fails: another process took this number.
            await movePath(staging, join(versionsDirectory, String(number)));
            this.options.logger.debug(`${this.uri}: registered ${request.model} version ${number}`);
            return { version: withRegistrations({ ...version, aliases: [], attachments }), created: true };
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
            this.options.logger.debug(
              `${this.uri}: ${request.model} version ${number} was taken, trying the next`,
            );
            number = Math.max(number, await this.latestNumber(request.model)) + 1;
          }
        }
      } finally {
        await rm(staging, { recursive: true, force: true });
      }
    });
  }

  listModels(): Promise<ModelSummary[]> {
    return this.guard(async () => {
      const summaries: ModelSummary[] = [];
      for (const name of (await listDirectory(join(this.root, 'models'))).sort()) {
        if (!modelNamePattern.test(name)) continue;
        const numbers = await this.versionNumbers(name);
        // A model whose first registration was killed has no version: it does not exist yet.
        if (numbers.length === 0) continue;
        summaries.push({
          name,
          versions: numbers.length,
          latest: String(numbers.at(-1)),
          aliases: await readAliases(this.modelDirectory(name)),
        });
      }
      return summaries;
    });
  }

  listVersions(model: string): Promise<ModelVersion[]> {
    return this.guard(async () => {
      checkModelName(model);
      const versions = await this.versionsOf(model);
      if (versions.length === 0) throw new InputError(`model '${model}' is not in ${this.uri}`);
      return versions;
    });
  }

  getVersion(model: string, version: string): Promise<ModelVersion> {
    return this.guard(async () => {
      checkModelName(model);
      const aliases = await readAliases(this.modelDirectory(model));
      // An alias (`production`) stands for the version it points at now; `latest` for the newest version.
      const number = versionPattern.test(version)
        ? version
        : version === latestVersion
          ? String(await this.latestNumber(model))
          : aliases[version];
      const found = number === undefined ? undefined : await this.readVersion(model, number);
      if (!found) throw new InputError(`model '${model}' has no ${versionOrAlias(version)} in ${this.uri}`);
      return { ...found, aliases: aliasesOf(aliases, found.version) };
    });
  }

  attach(model: string, version: string, attachment: NewAttachment): Promise<Attachment> {
    return this.guard(async () => {
      const target = await this.getVersion(model, version);
      const stored = await this.storeAttachment(attachment, new Date().toISOString());
      // The same bytes are attached once: a reproduced run adds its own lineage, a retried attach nothing.
      const known = target.attachments.find((other) => other.digest === stored.digest);
      if (known) return known;
      // One file per attachment, written atomically: concurrent writers never touch each other's files.
      await writeFileAtomic(
        join(this.versionDirectory(model, target.version), 'attachments', attachmentFileName(stored)),
        json(stored),
      );
      return stored;
    });
  }

  readAttachment(model: string, version: string, attachment: Attachment): Promise<Uint8Array> {
    return this.guard(async () => {
      await this.getVersion(model, version);
      try {
        return await this.blobs.read(attachment.digest);
      } catch (error) {
        throw this.corruption(
          error,
          `the ${attachment.kind} attachment of model '${model}' version ${version}`,
        );
      }
    });
  }

  download(model: string, version: string, directory: string): Promise<void> {
    return this.guard(async () => {
      const found = await this.getVersion(model, version);
      for (const file of found.files) {
        if (!isInsideRelativePath(file.path))
          throw new ServiceError(
            `${this.uri}: corrupt registry: model '${model}' version ${version} names '${file.path}', outside its directory`,
          );
        try {
          await this.blobs.copyOut(file.digest, resolve(this.options.cwd, directory, file.path), {
            executable: file.executable,
          });
        } catch (error) {
          throw this.corruption(error, `file '${file.path}' of model '${model}' version ${version}`);
        }
      }
    });
  }

  checkMove(record: PromotionRecord): void {
    checkPromotionRecord(record);
  }

  moveAlias(record: PromotionRecord): Promise<AliasMove> {
    return this.guard(async () => {
      this.checkMove(record);
      if (!(await this.readVersion(record.model, record.version)))
        throw new InputError(`model '${record.model}' has no version ${record.version} in ${this.uri}`);
      const aliasPath = join(this.modelDirectory(record.model), 'aliases', record.alias);
      const lock = await this.lockAlias(record.model, record.alias);
      try {
        // Compare and swap, under the lock: no other mover can change the alias between this read and the
        // rename below.
        const current = await this.readAliasFile(record.model, record.alias);
        const found = current?.version ?? null;
        if (found !== record.previous) throw aliasConflict(record, this.uri, versionState(found));
        // The record is stored before the alias names it: a move killed in between leaves an unnamed blob,
        // never an alias without its record. The rename is the move.
        const stored = await this.blobs.putBytes(
          encodeMove({ record, previousMove: current?.record ?? null }),
        );
        await this.checkLockHeld(lock, record);
        const alias: AliasFile = { version: record.version, record: stored.digest };
        await writeFileAtomic(aliasPath, json(alias));
        this.options.logger.debug(
          `${this.uri}: moved alias ${record.alias} of ${record.model} from ${found ?? 'nothing'} to ${record.version}`,
        );
        return { record, digest: stored.digest };
      } finally {
        await this.unlockAlias(lock);
      }
    });
  }

  aliasHistory(model: string, alias: string): Promise<AliasMove[]> {
    return this.guard(async () => {
      checkModelName(model);
      checkAliasName(alias);
      if ((await this.versionNumbers(model)).length === 0)
        throw new InputError(`model '${model}' is not in ${this.uri}`);
      const moves: AliasMove[] = [];
      const seen = new Set<string>();
      let next = (await this.readAliasFile(model, alias))?.record ?? null;
      while (next !== null) {
        const where = `${this.uri}: corrupt registry: a move of alias '${alias}' of model '${model}'`;
        if (seen.has(next)) throw new ServiceError(`${where} (${next}) is its own predecessor`);
        seen.add(next);
        let bytes: Uint8Array;
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
  private async readAliasFile(model: string, alias: string): Promise<AliasFile | undefined> {
    const path = join(this.modelDirectory(model), 'aliases', alias);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const parsed = parseAliasFile(text);
    if (!parsed)
      throw new ServiceError(
        `${this.uri}: corrupt registry: models/${model}/aliases/${alias} holds neither a version number nor {version, record}`,
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
  private async lockAlias(model: string, alias: string): Promise<AliasLock> {
    const directory = join(this.modelDirectory(model), 'aliases');
    await mkdir(directory, { recursive: true });
    const path = join(directory, `.${alias}.lock`);
    const deadline = Date.now() + this.tuning.lockWaitMs;
    for (;;) {
      const content: LockContent = {
        pid: process.pid,
        host: hostname(),
        time: new Date().toISOString(),
        nonce: randomBytes(8).toString('hex'),
      };
      const temp = `${path}.${content.nonce}.tmp`;
      await writeFile(temp, JSON.stringify(content));
      try {
        await link(temp, path);
        // A lock left behind would stop every promotion of this alias for staleLockMs: an interrupt drops it.
        const interrupted = registerCleanup(async () => {
          await this.unlockAlias({ path, content, interrupted });
          return `removed the lock ${path}`;
        });
        return { path, content, interrupted };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      } finally {
        await rm(temp, { force: true });
      }
      const holder = await readLock(path);
      if (holder === undefined) continue; // released meanwhile
      if (this.isStale(holder)) {
        await this.breakLock(path, holder);
        continue;
      }
      if (Date.now() > deadline)
        throw new ServiceError(
          `${this.uri}: alias '${alias}' of model '${model}' is locked by pid ${holder.pid} on ${holder.host} since ${holder.time} (${path}); try again, or remove the lock if that process is gone`,
        );
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
    }
  }

  private isStale(holder: LockContent): boolean {
    const age = Date.now() - Date.parse(holder.time);
    if (!(age <= this.tuning.staleLockMs)) return true; // also an unreadable time
    return holder.host === hostname() && !processExists(holder.pid);
  }

  private async breakLock(path: string, stale: LockContent): Promise<void> {
    const aside = `${path}.${randomBytes(8).toString('hex')}.stale`;
    try {
      await movePath(path, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // someone else broke or released it
      throw error;
    }
    const taken = await readLock(aside);
    if (taken?.nonce !== stale.nonce) {
      // Another process broke the stale lock and took a fresh one in between: give it back. (Should a third
      // process have taken the name meanwhile, that fresh holder notices in checkLockHeld.)
      await link(aside, path).catch(() => {});
    } else {
      this.options.logger.warn(
        `${this.uri}: removed a stale lock ${path} (pid ${stale.pid} on ${stale.host}, since ${stale.time})`,
      );
    }
    await rm(aside, { force: true });
  }

  /** Right before the rename that moves the alias: the lock must still be ours. */
  private async checkLockHeld(lock: AliasLock, record: PromotionRecord): Promise<void> {
    if ((await readLock(lock.path))?.nonce !== lock.content.nonce)
      throw new ServiceError(
        `${this.uri}: lost the lock on alias '${record.alias}' of model '${record.model}' (another process took it as stale); nothing changed, try again`,
      );
  }

  private async unlockAlias(lock: AliasLock): Promise<void> {
    if ((await readLock(lock.path))?.nonce === lock.content.nonce) await unlink(lock.path).catch(() => {});
    lock.interrupted.release();
  }

  /** Stores an attachment's content and returns its metadata. */
  private async storeAttachment(attachment: NewAttachment, createdAt: string): Promise<Attachment> {
    if (!kindPattern.test(attachment.kind))
      throw new InputError(
        `attachment kind '${attachment.kind}': expected lowercase letters, digits, '.', '_', '-'`,
      );
    const ref = await this.blobs.putBytes(attachment.content);
    return {
      kind: attachment.kind,
      mediaType: attachment.mediaType,
      digest: ref.digest,
      size: ref.size,
      createdAt,
      annotations: attachment.annotations ?? {},
    };
  }

  private async versionsOf(model: string): Promise<ModelVersion[]> {
    const aliases = await readAliases(this.modelDirectory(model));
    const versions: ModelVersion[] = [];
    for (const number of await this.versionNumbers(model)) {
      const version = await this.readVersion(model, String(number));
      if (version) versions.push({ ...version, aliases: aliasesOf(aliases, version.version) });
    }
    return versions;
  }

  private async readVersion(
    model: string,
    version: string,
  ): Promise<Omit<ModelVersion, 'aliases'> | undefined> {
    const directory = this.versionDirectory(model, version);
    let text: string;
    try {
      text = await readFile(join(directory, 'version.json'), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const where = `models/${model}/versions/${version}`;
    const stored = this.parse<VersionFile>(text, `${where}/version.json`);
    const attachments: Attachment[] = [];
    const attachmentsDirectory = join(directory, 'attachments');
    for (const name of await listDirectory(attachmentsDirectory)) {
      if (name.startsWith('.') || !name.endsWith('.json')) continue; // a writer's temporary file
      const content = await readFile(join(attachmentsDirectory, name), 'utf8');
      attachments.push(this.parse<Attachment>(content, `${where}/attachments/${name}`));
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
      attachments,
    });
  }

  private async versionNumbers(model: string): Promise<number[]> {
    const names = await listDirectory(join(this.modelDirectory(model), 'versions'));
    return names
      .filter((name) => versionPattern.test(name))
      .map(Number)
      .sort((a, b) => a - b);
  }

  private async latestNumber(model: string): Promise<number> {
    return (await this.versionNumbers(model)).at(-1) ?? 0;
  }

  private modelDirectory(model: string): string {
    return join(this.root, 'models', model);
  }

  private versionDirectory(model: string, version: string): string {
    return join(this.modelDirectory(model), 'versions', version);
  }

  private parse<T>(text: string, file: string): T {
    return parseJson(text, `${this.uri}: corrupt registry: ${file}`, 'service') as T;
  }

  private corruption(error: unknown, what: string): unknown {
    if (error instanceof BlobDigestMismatch)
      return new ServiceError(
        `${this.uri}: corrupt registry: ${what} does not match its digest ${error.expected}`,
      );
    if (error instanceof BlobMissing)
      return new ServiceError(`${this.uri}: corrupt registry: ${what} is missing (blob ${error.digest})`);
    return error;
  }

  /** File system failures (permissions, a full disk) are the backend failing: exit 3, naming the registry. */
  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof MlciError) throw error;
      if (typeof (error as NodeJS.ErrnoException).code === 'string')
        throw new ServiceError(`${this.uri}: ${(error as Error).message}`, { cause: error });
      throw error;
    }
  }
}

/** A lock file's content; undefined when there is none (or it cannot be read as one). */
async function readLock(path: string): Promise<LockContent | undefined> {
  try {
    const parsed = parseJson(await readFile(path, 'utf8'), path) as LockContent;
    return typeof parsed.nonce === 'string' ? parsed : { ...parsed, nonce: '', time: '' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // Locks are written complete before they appear: unreadable content is damage; treat it as stale.
    return { pid: 0, host: '', time: '', nonce: '' };
  }
}

/** Whether a process with this pid exists on this host (EPERM: it exists, owned by another user). */
function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function aliasesOf(aliases: Record<string, string>, version: string): string[] {
  return Object.entries(aliases)
    .filter(([, target]) => target === version)
    .map(([alias]) => alias);
}

/** Oldest first; then by kind and digest, so every reader lists a version's attachments alike. */
function attachmentOrder(a: Attachment, b: Attachment): number {
  return (
    a.createdAt.localeCompare(b.createdAt) || a.kind.localeCompare(b.kind) || a.digest.localeCompare(b.digest)
  );
}

function attachmentFileName(attachment: Attachment): string {
  return `${attachment.kind}-${hexOf(attachment.digest)}.json`;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
