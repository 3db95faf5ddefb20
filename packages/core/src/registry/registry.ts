import { ExitCode, MlciError } from '../errors';
import type { FileEntry, FileSet } from '../io/file-set';
import type { Logger } from '../platform/platform';

/**
 * Evidence kept with a model version: the lineage of the run that made it (train), evaluation results
 * (evaluate), image builds (build-image), promotion records (promote). Stored with the version, read back by kind.
 */
export interface Attachment {
  /** `lineage`, `provenance`, `evaluation`, … */
  kind: string;
  mediaType: string;
  /** `sha256:<hex>` of the content. */
  digest: string;
  size: number;
  createdAt: string;
  annotations: Record<string, string>;
}

export interface NewAttachment {
  kind: string;
  mediaType: string;
  content: Uint8Array;
  annotations?: Record<string, string>;
}

/** Label keys every backend stores on a version (OCI annotations, a JSON field in file:). */
export const versionLabels = {
  runId: 'dev.mlci.run.id',
  revision: 'org.opencontainers.image.revision',
  source: 'org.opencontainers.image.source',
  created: 'org.opencontainers.image.created',
  inputsDigest: 'dev.mlci.inputs.digest',
} as const;

export interface ModelVersion {
  model: string;
  /** `1`, `2`, …: assigned by the registry in registration order. */
  version: string;
  /** The digest of the version's file set (setDigest): the same files give the same digest in every backend. */
  contentDigest: string;
  /** Where the backend keeps the version, when it has its own digest for it (the OCI manifest digest). */
  manifestDigest?: string;
  files: FileEntry[];
  createdAt: string;
  labels: Record<string, string>;
  /** Aliases (e.g. `production`) that point at this version now. */
  aliases: string[];
  /** Evidence and lineage stored with the version (registrations are listed apart, in `registrations`). */
  attachments: Attachment[];
  /**
   * Every registration of the version's content, oldest first, one per commit: a deterministic trainer that
   * reproduces the same bytes from a new commit adds a registration, not a version (registrations.ts).
   */
  registrations: Registration[];
}

/** One registration of a version's content: the run that registered it and where it came from. */
export interface Registration {
  /** The commit the run trained from (git HEAD, else the CI's commit); absent outside git and CI. */
  commit?: string;
  /** The mlci run id (run.json) of the registering run. */
  runId?: string;
  /** The CI run's page (GitHub workflow run, GitLab job, Jenkins build). */
  runUrl?: string;
  /** The pipeline, by the CI's own id. */
  pipeline?: string;
  /** The repository's web address. */
  source?: string;
  /** The digest of the run's inputs. */
  inputsDigest?: string;
  /** ISO time of the registration. */
  time: string;
}

export interface RegisterRequest {
  model: string;
  /** Directory the files are read from; FileEntry paths are relative to it. */
  directory: string;
  fileSet: FileSet;
  labels: Record<string, string>;
  /** Stored in the same registration: no reader ever sees the version without them. */
  attachments: NewAttachment[];
  /**
   * Who registers: the run, its commit and pipeline. Default: what the labels say (the run that made the
   * files), registered now.
   */
  registration?: Registration;
}

export interface RegisterOutcome {
  version: ModelVersion;
  /**
   * False when a version with the same content digest already existed: it is returned instead of a duplicate,
   * with the request's attachments and registration added to it (so a reproduced run's lineage and commit are
   * kept too; a retry from a commit already registered adds no second registration).
   */
  created: boolean;
}

export interface ModelSummary {
  name: string;
  versions: number;
  latest?: string;
  /** Alias -> version. */
  aliases: Record<string, string>;
}

/**
 * Why an alias moved, and on whose evidence: stored with the move itself, so no reader ever sees a move without
 * its record (promote and its rollback write them; `mlci model show` lists them).
 */
export interface PromotionRecord {
  model: string;
  alias: string;
  /** The version the alias points at after the move. */
  version: string;
  /** The version it pointed at before; null for the first holder. */
  previous: string | null;
  action: 'promote' | 'rollback';
  /** ISO time of the move. */
  time: string;
  /** The release tag that triggered it, the commit, the pipeline's URL and who ran it, when known. */
  tag?: string;
  commit?: string;
  pipelineUrl?: string;
  actor?: string;
  /** The evidence the policy checked: attachment kind and content digest (evaluation, image, validation, …). */
  evidence: { kind: string; digest: string; status?: string }[];
  /** The image references retagged for this move. */
  images?: string[];
}

/** One move of an alias, as stored: the record and where the backend keeps it. */
export interface AliasMove {
  record: PromotionRecord;
  /** `sha256:` digest of the stored record (its JSON bytes). */
  digest: string;
}

/** The alias no longer points where the caller saw it: another promotion won. Exit 1, nothing changed. */
export class AliasConflict extends MlciError {
  constructor(message: string) {
    super(message, ExitCode.gateFailed);
  }
}

/**
 * Where model versions live. One interface, one folder per backend (file:, oci://, later mlflow+http://);
 * train registers, evaluate attaches evidence, promote moves aliases. Unknown models or versions are
 * InputError (exit 2); a backend that fails after retries is ServiceError (exit 3).
 */
export interface ModelRegistry {
  /** As the user gave it, for reports: `file:.mlci/registry`, `oci://host:5000/models`. */
  readonly uri: string;
  /** Atomic: a version is visible with all its files and attachments, or not at all. */
  register(request: RegisterRequest): Promise<RegisterOutcome>;
  listModels(): Promise<ModelSummary[]>;
  /** Oldest first. */
  listVersions(model: string): Promise<ModelVersion[]>;
  /**
   * `version` is a number, an alias (`production`), which stands for the version it points at now, or
   * `latest`, the newest version; the other methods take each too. Callers that read more than once use the returned `version`, so an alias
   * moved meanwhile cannot mix two versions.
   */
  getVersion(model: string, version: string): Promise<ModelVersion>;
  attach(model: string, version: string, attachment: NewAttachment): Promise<Attachment>;
  /** The content, checked against attachment.digest. */
  readAttachment(model: string, version: string, attachment: Attachment): Promise<Uint8Array>;
  /** Writes the version's files under directory, each checked against its digest. */
  download(model: string, version: string, directory: string): Promise<void>;
  /**
   * Moves `record.alias` of `record.model` to `record.version`, atomically with the record: afterwards the alias
   * points at the version and its history starts with this record, or (on any failure) nothing changed.
   * Compare-and-swap: when the alias does not point at `record.previous` any more (null: does not exist), throws
   * AliasConflict. The version must exist (InputError otherwise).
   */
  moveAlias(record: PromotionRecord): Promise<AliasMove>;
  /**
   * Throws the InputError moveAlias would for this record's names and values (this backend's own rules
   * included), touching nothing: promote's dry run and real run both call it before anything moves.
   */
  checkMove(record: PromotionRecord): void;
  /** The alias's moves, newest first; empty when it never existed. */
  aliasHistory(model: string, alias: string): Promise<AliasMove[]>;
}

export interface BackendOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** Plain HTTP to a registry that is not on localhost (an explicit choice of the user). */
  insecure?: boolean;
}

/** The registry URI forms, for messages and option descriptions (docs/registries.md). */
export const registryUriForms =
  'file:DIR, oci://HOST[:PORT]/PREFIX, mlflow+http(s)://HOST[:PORT][/PATH] or gitlab+https://HOST/GROUP/PROJECT';

/** Model names: what an OCI repository path component allows, so every backend takes the same names. */
export const modelNamePattern = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/** The version name that stands for a model's newest version, in every backend (so no alias may be called so). */
export const latestVersion = 'latest';

/** For messages: `version 3`, `version or alias 'production'`, `versions (so no 'latest')`. */
export function versionOrAlias(version: string): string {
  if (version === latestVersion) return `versions (so no '${latestVersion}')`;
  return /^[0-9]+$/.test(version) ? `version ${version}` : `version or alias '${version}'`;
}
