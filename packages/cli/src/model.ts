import {
  configOption,
  ExitCode,
  formatBytes,
  loadConfig,
  type ModelRegistry,
  type ModelVersion,
  openRegistry,
  optionsOf,
  parseJson,
  parseModelRef,
  type Registration,
  type StepDefinition,
  stderrLogger,
  steps,
  trainInput,
  trainStep,
  versionLabels,
} from '@mlci/core';
import type { Command } from 'commander';
import { modelDescription } from './help-text';

// `mlci model list|show`. Registry backends load only when one of them runs (openRegistry imports them).

interface ModelFlags {
  registry?: string;
  insecureRegistry?: boolean;
  config?: string;
  json?: boolean;
  debug?: boolean;
  version?: string;
}

/** The `model` command group; `helpAfter` is the help epilogue every mlci command ends with (exit codes). */
export function addModelCommands(program: Command, setExit: (code: number) => void, helpAfter: string): void {
  const { registry, insecureRegistry } = registryOptions();
  const model = program
    .command('model')
    .description(modelDescription)
    .addHelpText('after', helpAfter)
    .exitOverride();
  const common = (command: Command) =>
    command
      .option(
        `--${registry.name} <uri>`,
        `${registry.description} Default: train.${registry.name} in mlci.yaml, else ${String(registry.defaultValue)}.`,
      )
      .option(`--${insecureRegistry.name}`, insecureRegistry.description)
      .option('--config <file>', 'read train.registry from this mlci.yaml instead of ./mlci.yaml')
      .option('--json', 'print JSON on stdout instead of the text listing')
      .option('--debug', 'log details and show stack traces')
      .addHelpText('after', helpAfter)
      .exitOverride();
  common(
    model.command('list').description('List the models in the registry: versions, latest version, aliases.'),
  ).action(async (flags: ModelFlags) => setExit(await listModelsCommand(flags)));
  common(
    model
      .command('show')
      .description(
        "Show a model's versions, newest first, with their digests, lineage, registrations and aliases.",
      )
      .argument('<name>', 'model name; NAME@VERSION (a number, an alias or latest) shows that version only')
      .option('--version <n>', 'show this version only: a number, an alias or latest (the newest)'),
  ).action(async (name: string, flags: ModelFlags) => setExit(await showModelCommand(name, flags)));
}

/** train's registry options, so the flags, their help and their defaults match `mlci train`'s. */
function registryOptions() {
  const specs = optionsOf(trainInput);
  const spec = (key: string) => {
    const found = specs.find((option) => option.key === key);
    if (!found) throw new Error(`train has no option ${key}`);
    return found;
  };
  return { registry: spec('registry'), insecureRegistry: spec('insecureRegistry') };
}

/** The registry from --registry, else `train.registry` in mlci.yaml, else train's default. */
async function openRegistryOf(flags: ModelFlags): Promise<ModelRegistry> {
  const cwd = process.cwd();
  const config = await loadConfig(steps, cwd, flags.config);
  const { registry, insecureRegistry } = registryOptions();
  // train's section, else the top-level setting, as `mlci train` takes them.
  const fromConfig = (name: string) =>
    configOption(config, trainStep as unknown as StepDefinition, name)?.value;
  const uri =
    flags.registry ?? (fromConfig(registry.name) as string | undefined) ?? String(registry.defaultValue);
  const insecure =
    flags.insecureRegistry ?? (fromConfig(insecureRegistry.name) as boolean | undefined) ?? false;
  return openRegistry(uri, { cwd, env: process.env, logger: stderrLogger(flags.debug === true), insecure });
}

async function listModelsCommand(flags: ModelFlags): Promise<number> {
  const registry = await openRegistryOf(flags);
  const models = await registry.listModels();
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(models, null, 2)}\n`);
    return ExitCode.passed;
  }
  if (models.length === 0) {
    process.stdout.write(`no models in ${registry.uri}\n`);
    return ExitCode.passed;
  }
  const rows = models.map((model) => [
    model.name,
    String(model.versions),
    model.latest ?? '-',
    Object.entries(model.aliases)
      .map(([alias, version]) => `${alias}=${version}`)
      .join(', ') || '-',
  ]);
  process.stdout.write(
    `models in ${registry.uri}\n\n${columns([['MODEL', 'VERSIONS', 'LATEST', 'ALIASES'], ...rows])}`,
  );
  return ExitCode.passed;
}

async function showModelCommand(argument: string, flags: ModelFlags): Promise<number> {
  const ref = parseModelRef(
    flags.version === undefined ? argument : `${argument}@${flags.version}`,
    flags.version === undefined ? '' : '--version',
    { versionOptional: true },
  );
  const name = ref.model;
  const registry = await openRegistryOf(flags);
  const versions =
    ref.version === undefined
      ? (await registry.listVersions(name)).reverse()
      : [await registry.getVersion(name, ref.version)];
  // Every alias the model has had: the current ones, and their history, newest move first.
  const aliasNames = [...new Set(versions.flatMap((version) => version.aliases))].sort();
  const histories = await Promise.all(
    aliasNames.map(async (alias) => ({ alias, moves: await registry.aliasHistory(name, alias) })),
  );
  const shown = [];
  for (const version of versions)
    shown.push({
      ...version,
      lineage: await lineageOf(registry, version),
      // The moves that gave this version an alias, with their promotion records.
      promotions: histories.flatMap(({ moves }) =>
        moves.filter((move) => move.record.version === version.version),
      ),
    });
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    return ExitCode.passed;
  }
  const count =
    ref.version === undefined ? `: ${versions.length} version${versions.length === 1 ? '' : 's'}` : '';
  process.stdout.write(`model ${name} in ${registry.uri}${count}\n`);
  for (const version of shown) process.stdout.write(`\n${describeVersion(version, version.lineage)}`);
  const moves = histories.filter(({ moves }) => moves.length > 0);
  if (moves.length > 0) {
    process.stdout.write('\nalias history (newest first)\n');
    const rows = moves.flatMap(({ alias, moves }) =>
      moves.map(({ record }) => [
        alias,
        `${record.previous ?? '-'} -> ${record.version}`,
        record.action,
        record.tag ?? '',
        record.time,
        record.actor ?? '',
        record.pipelineUrl ?? '',
      ]),
    );
    process.stdout.write(
      columns([['ALIAS', 'VERSIONS', 'ACTION', 'TAG', 'TIME', 'BY', 'PIPELINE'], ...rows]),
    );
  }
  return ExitCode.passed;
}

/**
 * The run record (run.json) of the run that made the version: its first `lineage` attachment (later ones
 * are runs that reproduced the same files). Null when there is none or it is not JSON.
 */
async function lineageOf(registry: ModelRegistry, version: ModelVersion): Promise<Lineage | null> {
  const attachment = version.attachments.find((candidate) => candidate.kind === 'lineage');
  if (!attachment) return null;
  const content = await registry.readAttachment(version.model, version.version, attachment);
  try {
    const parsed: unknown = parseJson(content, 'lineage attachment', 'service');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Lineage) : null;
  } catch {
    return null;
  }
}

/** The run.json fields `show` prints; every one may be absent (records of other versions, other tools). */
interface Lineage {
  runId?: unknown;
  command?: unknown;
  inputs?: { digest?: unknown; files?: unknown; bytes?: unknown };
  params?: unknown;
  metrics?: unknown;
  git?: { commit?: unknown; dirty?: unknown };
}

function describeVersion(version: ModelVersion, lineage: Lineage | null): string {
  const aliases = version.aliases.length > 0 ? ` (${version.aliases.join(', ')})` : '';
  const bytes = version.files.reduce((sum, file) => sum + file.size, 0);
  const fields: [string, string | undefined][] = [
    ['created', version.createdAt],
    [
      'content',
      `${short(version.contentDigest)}, ${version.files.length} file${version.files.length === 1 ? '' : 's'}, ${formatBytes(bytes)}`,
    ],
    ['run', version.labels[versionLabels.runId] ?? text(lineage?.runId)],
    ['commit', commitOf(version, lineage)],
    ['command', text(lineage?.command) ?? text((lineage?.command as { line?: unknown } | undefined)?.line)],
    ['inputs', inputsOf(version, lineage)],
    ['params', pairs(lineage?.params)],
    ['metrics', pairs(lineage?.metrics)],
    ['attached', version.attachments.map((attachment) => attachment.kind).join(', ') || undefined],
  ];
  const lines = fields
    .filter((field): field is [string, string] => field[1] !== undefined && field[1] !== '')
    .map(([label, value]) => `  ${label.padEnd(12)}${value}\n`);
  // Every commit that registered these bytes (a deterministic trainer registers them again from later commits).
  const registered = version.registrations.map(
    (registration, index) =>
      `  ${(index === 0 ? 'registered' : '').padEnd(12)}${describeRegistration(registration)}\n`,
  );
  return `version ${version.version}${aliases}\n${lines.join('')}${registered.join('')}`;
}

/** `2024-05-01T10:00:00Z commit 1a2b3c4d5e6f run 1234… https://ci/pipelines/7`. */
function describeRegistration(registration: Registration): string {
  return [
    registration.time,
    registration.commit ? `commit ${registration.commit.slice(0, 12)}` : undefined,
    registration.runId ? `run ${registration.runId}` : undefined,
    registration.runUrl ?? (registration.pipeline ? `pipeline ${registration.pipeline}` : undefined),
  ]
    .filter((part) => part !== undefined && part !== '')
    .join('  ');
}

function commitOf(version: ModelVersion, lineage: Lineage | null): string | undefined {
  const commit = version.labels[versionLabels.revision] ?? text(lineage?.git?.commit);
  if (commit === undefined) return undefined;
  return lineage?.git?.dirty === true ? `${commit} (uncommitted changes)` : commit;
}

function inputsOf(version: ModelVersion, lineage: Lineage | null): string | undefined {
  const digest = version.labels[versionLabels.inputsDigest] ?? text(lineage?.inputs?.digest);
  if (digest === undefined) return undefined;
  const files = lineage?.inputs?.files;
  const count = Array.isArray(files) ? files.length : typeof files === 'number' ? files : undefined;
  const bytes = lineage?.inputs?.bytes;
  return [
    short(digest),
    count === undefined ? undefined : `${count} file${count === 1 ? '' : 's'}`,
    typeof bytes === 'number' ? formatBytes(bytes) : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
}

const short = (digest: string) => digest.replace(/^sha256:/, '').slice(0, 12);

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `key=value, …` of a flat object (params, metrics), nested values as JSON. */
function pairs(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.entries(value)
    .map(([key, item]) => `${key}=${typeof item === 'object' ? JSON.stringify(item) : String(item)}`)
    .join(', ');
}

/** Left-aligned columns, two spaces apart. */
function columns(rows: string[][]): string {
  const widths = rows[0]?.map((_, index) => Math.max(...rows.map((row) => (row[index] ?? '').length))) ?? [];
  return rows
    .map(
      (row) =>
        `${row
          .map((cell, index) => cell.padEnd(widths[index] ?? 0))
          .join('  ')
          .trimEnd()}\n`,
    )
    .join('');
}
