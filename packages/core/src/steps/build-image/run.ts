import { mkdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../../errors';
import type { ImageTarget } from '../../image/build';
import { checkLayerCompression } from '../../image/compression';
import { expandPaths, fingerprintFiles, HashCache, hashCachePath } from '../../io/fingerprint';
import { refuseSameFile } from '../../io/guard-paths';
import { parseJson } from '../../io/json';
import { readInputFile } from '../../io/read-input';
import { git, headCommit } from '../../process/git';
import { evidenceAttachment } from '../../registry/evidence';
import type { ModelRegistry, ModelVersion } from '../../registry/registry';
import { versionLabels } from '../../registry/registry';
import { parseModelRef, resolveModelRef } from '../../registry/version-ref';
import { formatBytes } from '../../report/markdown';
import type { Check, StepReport } from '../../report/model';
import { statusOf } from '../../report/model';
import { maskedEnvironment } from '../../report/secrets';
import { stepReportFiles, writeStepReports } from '../../report/write';
import type { StepEnvironment } from '../../step';
import type { TrainResult } from '../train/input';
import type { BuildImageInput, BuildImageStepResult } from './input';
import { renderReport } from './report';

export const layerCachePath = '.mlci/layer-cache.json';

/**
 * Labels (config) and annotations (manifest) that lead from the image back to what made it: a model version's
 * own lineage labels, plus the model's digest and version.
 */
const lineageKeys = {
  ...versionLabels,
  modelDigest: 'dev.mlci.model.digest',
  modelVersion: 'dev.mlci.model.version',
} as const;

/** `["python", "serve.py"]` (exec form, as in a Dockerfile) or `python serve.py` (split on spaces). */
function parseCommandLine(text: string, option: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = parseJson(trimmed, option);
    } catch {
      throw new InputError(`${option}: '${text}' is not a JSON array of strings`);
    }
    if (!Array.isArray(parsed) || parsed.some((word) => typeof word !== 'string'))
      throw new InputError(`${option}: '${text}' is not a JSON array of strings`);
    return parsed as string[];
  }
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}

/** `K=V` pairs; the key must be non-empty. */
function parsePairs(values: readonly string[], option: string): [string, string][] {
  return values.map((value) => {
    const at = value.indexOf('=');
    if (at <= 0) throw new InputError(`${option}: '${value}': expected KEY=VALUE`);
    return [value.slice(0, at), value.slice(at + 1)];
  });
}

/** `SRC:DEST` with DEST absolute: split at the last `:/` so a source may contain colons. */
function parseAdd(value: string): { source: string; dest: string } {
  const at = value.lastIndexOf(':/');
  if (at <= 0)
    throw new InputError(`add: '${value}': expected SRC:DEST with DEST an absolute path in the image`);
  return { source: value.slice(0, at), dest: value.slice(at + 1) };
}

/**
 * Every timestamp of the image (entries' mtime, config, history) is one time, so the same inputs give the same
 * digest: SOURCE_DATE_EPOCH (reproducible-builds.org) when set, else the commit's time, else the epoch.
 */
async function buildTime(env: NodeJS.ProcessEnv, cwd: string): Promise<BuildImageStepResult['created']> {
  const given = env.SOURCE_DATE_EPOCH;
  if (given !== undefined && given !== '') {
    if (!/^[0-9]+$/.test(given))
      throw new InputError(`SOURCE_DATE_EPOCH: '${given}' is not whole seconds since the epoch`);
    return { epoch: Number(given), source: 'SOURCE_DATE_EPOCH' };
  }
  const committed = await git(['log', '-1', '--format=%ct'], cwd);
  if (committed && /^[0-9]+$/.test(committed)) return { epoch: Number(committed), source: 'commit' };
  return { epoch: 0, source: 'none' };
}

async function readTrainResult(path: string): Promise<TrainResult | undefined> {
  let text: string;
  try {
    text = (await readInputFile(path, 'train-result')).toString('utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(`train-result: cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    const parsed = parseJson(text, path) as TrainResult;
    if (parsed.step !== 'train') throw new Error('not a train result');
    return parsed;
  } catch {
    throw new InputError(`train-result: ${path} is not the train.json mlci train writes`);
  }
}

/** The model directory's set digest, computed as train computes its outputs digest (so the two compare). */
async function modelDigest(cwd: string, model: string): Promise<string> {
  const directory = resolve(cwd, model);
  const found = await stat(directory).catch(() => undefined);
  if (!found?.isDirectory()) throw new InputError(`model: '${model}' is not a directory`);
  const paths = await expandPaths(['.'], { cwd: directory, option: 'model' });
  const hashCache = await HashCache.load(join(cwd, hashCachePath));
  const fingerprint = await fingerprintFiles(directory, paths, { hashCache });
  // A cache that cannot be saved costs a rehash next time, nothing else.
  await hashCache.save().catch(() => undefined);
  return fingerprint.digest;
}

/** The image config given as options, parsed; undefined fields were not given. */
interface ParsedConfig {
  entrypoint: string[] | undefined;
  cmd: string[] | undefined;
  env: string[];
  adds: { source: string; dest: string }[];
}

/** The options' own rules, checked before any work; what mlci's own builder needs comes back parsed. */
function checkInput(input: BuildImageInput): ParsedConfig {
  if (input.dockerfile !== undefined) {
    const given: string[] = (['model', 'add', 'entrypoint', 'cmd', 'workdir', 'user', 'env'] as const).filter(
      (key) => (Array.isArray(input[key]) ? (input[key] as string[]).length > 0 : input[key] !== undefined),
    );
    if (input.base !== 'scratch') given.push('base');
    // The builder compresses its own layers.
    if (input.compression !== 'gzip') given.push('compression');
    if (input.compressionLevel !== 1) given.push('compression-level');
    if (given.length > 0)
      throw new InputError(
        `dockerfile: the Dockerfile says what the image holds; ${given.join(', ')} cannot be given with it`,
      );
  }
  const adds = input.add.map(parseAdd);
  if (!input.modelPath.startsWith('/'))
    throw new InputError(`model-path: '${input.modelPath}' must be an absolute path in the image`);
  if (input.dockerfile === undefined && !input.model && adds.length === 0 && input.base === 'scratch')
    throw new InputError('model: nothing to build: give model, add, or a base to extend');
  return {
    entrypoint: input.entrypoint === undefined ? undefined : parseCommandLine(input.entrypoint, 'entrypoint'),
    cmd: input.cmd === undefined ? undefined : parseCommandLine(input.cmd, 'cmd'),
    env: parsePairs(input.env, 'env').map(([key, value]) => `${key}=${value}`),
    adds,
  };
}

export async function runBuildImage(
  input: BuildImageInput,
  environment: StepEnvironment,
): Promise<StepReport<BuildImageStepResult>> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  const { cwd, logger } = environment;
  // Everything typed is checked before any work (the model's digest, git, the registry).
  const parsed = checkInput(input);
  if (input.dockerfile === undefined) await checkLayerCompression(input.compression, input.compressionLevel);
  const report = stepReportFiles(resolve(cwd, input.out), 'build-image');
  await refuseSameFile(
    [report.json, report.markdown, report.junit].map((path) => ({ option: 'out', path })),
    [
      { option: 'train-result', path: input.trainResult },
      ...(input.dockerfile === undefined ? [] : [{ option: 'dockerfile', path: input.dockerfile }]),
      ...parsed.adds.map((add) => ({ option: 'add', path: add.source })),
    ],
    cwd,
  );
  const userLabels = Object.fromEntries(parsePairs(input.label, 'label'));
  if (!input.push && input.tag.length > 1)
    throw new InputError('tag: an OCI layout takes one tag; push to use several');
  if (input.push && input.tag.length === 0) throw new InputError('tag: push needs at least one');
  const target: ImageTarget = input.push
    ? { kind: 'registry', tags: input.tag }
    : { kind: 'layout', dir: resolve(cwd, input.ociLayout), tag: input.tag[0] ?? 'latest' };

  // Found before the build: a version that is not there fails in a second, not after the image is pushed.
  const attachTo = input.attachTo === undefined ? undefined : await attachTarget(input, environment);

  const created = await buildTime(process.env, cwd);
  const labels = { ...(await lineageLabels(input, environment, created)), ...userLabels };
  const buildStarted = performance.now();
  const built = input.dockerfile
    ? await viaDockerfile(input, environment, labels, target)
    : await viaMlci(input, environment, labels, target, created, parsed);
  timings.build = Math.round(performance.now() - buildStarted);

  const failure = 'failure' in built ? built.failure : undefined;
  const image = 'image' in built ? built.image : null;
  const checks: Check[] = [
    failure
      ? { name: 'image', status: 'failed', severity: 'error', message: `dockerfile: ${failure}` }
      : {
          name: 'image',
          status: 'passed',
          severity: 'error',
          message: `${image?.references.join(', ')} (${image?.digest})`,
        },
  ];
  const result: BuildImageStepResult = {
    step: 'build-image',
    status: statusOf(checks),
    checks,
    image,
    target: target.kind,
    builder: built.builder,
    base: 'base' in built ? built.base : null,
    compression: 'compression' in built ? built.compression : null,
    layers: 'layers' in built ? built.layers : [],
    container: 'container' in built ? built.container : null,
    bytesUploaded: 'bytesUploaded' in built ? built.bytesUploaded : null,
    labels,
    created,
    timings,
  };
  if (attachTo && result.image)
    result.attachedTo = await attachImage(attachTo, environment, result.image, result);
  timings.total = Math.round(performance.now() - started);
  const markdown = renderReport(result);
  const files = await writeStepReports(resolve(cwd, input.out), result, markdown);
  if (!image) logger.warn(`dockerfile: ${failure}`);
  return {
    result,
    headline: image
      ? `build-image passed: ${image.references[0]} ${image.digest.slice(0, 19)}…${result.bytesUploaded === null || target.kind === 'layout' ? '' : `, ${formatBytes(result.bytesUploaded)} uploaded`}`
      : `build-image failed: ${failure}`,
    markdown,
    outputs: {
      digest: image?.digest ?? '',
      image: image ? `${image.references[0]}@${image.digest}` : '',
      references: image?.references.join('\n') ?? '',
      'bytes-uploaded': result.bytesUploaded === null ? '' : String(result.bytesUploaded),
    },
    files,
  };
}

/** Labels (config) and annotations (manifest) that lead from the image back to the commit, model and run. */
async function lineageLabels(
  input: BuildImageInput,
  environment: StepEnvironment,
  created: BuildImageStepResult['created'],
): Promise<Record<string, string>> {
  const { cwd, context, logger } = environment;
  const revision = (await headCommit(cwd)) ?? context.commit;
  const digestOfModel = input.model ? await modelDigest(cwd, input.model) : undefined;
  const train = await readTrainResult(resolve(cwd, input.trainResult));
  // Train's lineage belongs to this image only if its outputs are the model being packaged.
  const trained = train?.outputs && digestOfModel === train.outputs.digest ? train : undefined;
  if (train && digestOfModel && !trained)
    logger.warn(
      `${input.trainResult} describes outputs ${train.outputs?.digest ?? '(none)'}, not the model directory ${input.model} (${digestOfModel}): its lineage is left out`,
    );
  return {
    [lineageKeys.created]: new Date(created.epoch * 1000).toISOString().replace('.000Z', 'Z'),
    ...(revision ? { [lineageKeys.revision]: revision } : {}),
    ...(context.repositoryUrl ? { [lineageKeys.source]: context.repositoryUrl } : {}),
    ...(digestOfModel ? { [lineageKeys.modelDigest]: digestOfModel } : {}),
    ...(trained
      ? {
          // On a cache hit, the run that really made the model.
          [lineageKeys.runId]: trained.cache.producedBy ?? trained.runId,
          [lineageKeys.inputsDigest]: trained.inputs.digest,
        }
      : {}),
    ...(trained?.registered
      ? { [lineageKeys.modelVersion]: `${trained.registered.model}@${trained.registered.version}` }
      : {}),
  };
}

type Built =
  | (Pick<BuildImageStepResult, 'builder' | 'base' | 'compression' | 'layers' | 'container'> & {
      image: NonNullable<BuildImageStepResult['image']>;
      bytesUploaded: number | null;
    })
  | { builder: BuildImageStepResult['builder']; failure: string };

/** mlci assembles the image itself: the base's layers, the model layer, the app layer. */
async function viaMlci(
  input: BuildImageInput,
  environment: StepEnvironment,
  labels: Record<string, string>,
  target: ImageTarget,
  created: BuildImageStepResult['created'],
  parsed: ParsedConfig,
): Promise<Built> {
  const { cwd, logger } = environment;
  const { entrypoint, cmd, env, adds } = parsed;
  const workspace = resolve(cwd);
  const layerOf = (sources: { source: string; dest: string }[], createdBy: string) => ({
    sources: sources.map((each) => ({ source: resolve(cwd, each.source), dest: each.dest })),
    workspace,
    mtime: created.epoch,
    compression: input.compression,
    level: input.compressionLevel,
    createdBy,
  });
  const layers = [
    ...(input.model
      ? [
          layerOf(
            [{ source: input.model, dest: input.modelPath }],
            `mlci build-image: model ${labels[lineageKeys.modelDigest]}`,
          ),
        ]
      : []),
    ...(adds.length > 0
      ? [layerOf(adds, `mlci build-image: add ${adds.map((a) => `${a.source}:${a.dest}`).join(' ')}`)]
      : []),
  ];
  const { buildImage } = await import('../../image/build');
  const built = await buildImage(
    {
      base: input.base,
      ...(input.platform ? { platform: input.platform } : {}),
      layers,
      config: {
        ...(entrypoint ? { entrypoint } : {}),
        ...(cmd ? { cmd } : {}),
        ...(env.length > 0 ? { env } : {}),
        ...(input.workdir ? { workdir: input.workdir } : {}),
        ...(input.user ? { user: input.user } : {}),
        labels,
      },
      annotations: labels,
      created: created.epoch,
      target,
    },
    { env: process.env, logger, insecure: input.insecureRegistry, cacheFile: join(cwd, layerCachePath) },
  );
  const baseLayers = built.layers.filter((layer) => layer.base).length;
  return {
    builder: 'mlci',
    image: {
      digest: built.digest,
      references: built.references,
      size: built.size,
      mediaType: built.mediaType,
      platform: built.platform,
      configDigest: built.configDigest,
    },
    base: built.base ?? null,
    compression: {
      type: input.compression,
      level: input.compression === 'none' ? null : input.compressionLevel,
    },
    layers: built.layers.map((layer, index) => ({
      digest: layer.digest,
      size: layer.size,
      diffId: layer.diffId,
      mediaType: layer.mediaType,
      base: layer.base,
      action: layer.action,
      what: layer.base ? 'base' : index === baseLayers && input.model ? 'model' : 'app',
    })),
    bytesUploaded: built.bytesUploaded,
    container: {
      entrypoint: built.container.Entrypoint ?? null,
      cmd: built.container.Cmd ?? null,
      env: maskedEnvironment(built.container.Env ?? []),
      workdir: built.container.WorkingDir || null,
      user: built.container.User || null,
    },
  };
}

/** A Dockerfile, handed to the builder the runner has, with mlci's lineage labels. */
async function viaDockerfile(
  input: BuildImageInput,
  environment: StepEnvironment,
  labels: Record<string, string>,
  target: ImageTarget,
): Promise<Built> {
  const { buildDockerfile, findBuilder } = await import('./dockerfile');
  const builder = await findBuilder(input.builder, process.env);
  // The builders create the layout directory, not its parents.
  if (target.kind === 'layout') await mkdir(dirname(target.dir), { recursive: true });
  const outcome = await buildDockerfile(
    builder,
    {
      dockerfile: resolve(environment.cwd, input.dockerfile as string),
      context: resolve(environment.cwd, input.context),
      labels,
      ...(input.platform ? { platform: input.platform } : {}),
      target,
      insecure: input.insecureRegistry,
    },
    environment,
  );
  if ('failure' in outcome) return { builder, failure: outcome.failure };
  return {
    builder,
    image: {
      digest: outcome.digest,
      references: target.kind === 'registry' ? target.tags : [`oci:${target.dir}:${target.tag}`],
    },
    base: null,
    compression: null,
    layers: [],
    container: null,
    bytesUploaded: null,
  };
}

/** The model version attach-to names (NAME alone: the one registered from this commit). */
async function attachTarget(
  input: BuildImageInput,
  environment: StepEnvironment,
): Promise<{ registry: ModelRegistry; version: ModelVersion }> {
  const ref = parseModelRef(input.attachTo as string, 'attach-to', { versionOptional: true });
  const { openStepRegistry } = await import('../../registry/open');
  const registry = await openStepRegistry(input, environment);
  return { registry, version: await resolveModelRef(registry, ref, { option: 'attach-to', ...environment }) };
}

/** Keeps the image's references and digest on the model version: promote retags from this record. */
async function attachImage(
  { registry, version: found }: { registry: ModelRegistry; version: ModelVersion },
  environment: StepEnvironment,
  image: NonNullable<BuildImageStepResult['image']>,
  result: BuildImageStepResult,
): Promise<string> {
  const model = found.model;
  const record = { ...image, builder: result.builder, base: result.base, labels: result.labels };
  await registry.attach(
    model,
    found.version,
    evidenceAttachment('image', Buffer.from(`${JSON.stringify(record, null, 2)}\n`), result.status, {
      'dev.mlci.image.digest': image.digest,
    }),
  );
  environment.logger.info(`image recorded on ${model} version ${found.version} in ${registry.uri}`);
  return `${model} version ${found.version} in ${registry.uri}`;
}
