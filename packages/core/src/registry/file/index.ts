import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, MlciError, ServiceError } from '../../errors';
import { writeFileAtomic } from '../../io/atomic';
import type { FileEntry } from '../../io/file-set';
import { BlobDigestMismatch, BlobMissing, BlobStore } from '../../store/blob-store';
import { isInsideRelativePath } from '../../store/relative-path';
import {
  type Attachment,
  type BackendOptions,
  type ModelRegistry,
  type ModelSummary,
  type ModelVersion,
  modelNamePattern,
  type NewAttachment,
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
 *   DIR/models/<name>/aliases/<alias>                        the version number an alias points at
 */
export async function openFileRegistry(uri: string, options: BackendOptions): Promise<ModelRegistry> {
  return new FileRegistry(uri, registryDirectory(uri, options.cwd), options);
}

function registryDirectory(uri: string, cwd: string): string {
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
 * Aliases of a model: the files in `models/<name>/aliases/`, each holding a version number. promote writes
 * them (atomically); a missing directory means no aliases.
 */
export async function readAliases(modelDirectory: string): Promise<Record<string, string>> {
  const directory = join(modelDirectory, 'aliases');
  const aliases: Record<string, string> = {};
  for (const name of (await listDirectory(directory)).sort()) {
    if (name.startsWith('.')) continue; // a writer's temporary file
    const version = (await readFile(join(directory, name), 'utf8')).trim();
    if (versionPattern.test(version)) aliases[name] = version;
  }
  return aliases;
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
  ) {
    this.blobs = new BlobStore(root);
  }

  register(request: RegisterRequest): Promise<RegisterOutcome> {
    return this.guard(async () => {
      this.checkModelName(request.model);
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
        for (const attachment of request.attachments)
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
      for (const attachment of request.attachments) {
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
            await rename(staging, join(versionsDirectory, String(number)));
            this.options.logger.debug(`${this.uri}: registered ${request.model} version ${number}`);
            return { version: { ...version, aliases: [], attachments }, created: true };
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
      this.checkModelName(model);
      const versions = await this.versionsOf(model);
      if (versions.length === 0) throw new InputError(`model '${model}' is not in ${this.uri}`);
      return versions;
    });
  }

  getVersion(model: string, version: string): Promise<ModelVersion> {
    return this.guard(async () => {
      this.checkModelName(model);
      const aliases = await readAliases(this.modelDirectory(model));
      // An alias (`production`) stands for the version it points at now.
      const number = versionPattern.test(version) ? version : aliases[version];
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
    return {
      model,
      // The directory name is the version: a registration renames a finished directory to its number.
      version,
      contentDigest: stored.contentDigest,
      files: stored.files,
      createdAt: stored.createdAt,
      labels: stored.labels ?? {},
      attachments,
    };
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

  private checkModelName(model: string): void {
    if (!modelNamePattern.test(model))
      throw new InputError(
        `model name '${model}': expected lowercase letters and digits separated by '.', '_', '__' or '-' (e.g. churn-model)`,
      );
  }

  private parse<T>(text: string, file: string): T {
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new ServiceError(`${this.uri}: corrupt registry: ${file}: ${(error as Error).message}`);
    }
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
