import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, rmdir } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import { InputError } from '../../errors';
import { writeFileAtomic } from '../../io/atomic';
import { bytesDigest } from '../../io/digest';
import type { FileSet } from '../../io/file-set';
import {
  describeFileError,
  expandPaths,
  fingerprintFiles,
  HashCache,
  hashCachePath,
  UnlistableFileName,
} from '../../io/fingerprint';
import {
  type KeptPath,
  type NamedPath,
  patternBase,
  refuseReplacingKept,
  refuseSameFile,
} from '../../io/guard-paths';
import { parseJson } from '../../io/json';
import { movePath } from '../../io/move';
import { readInputFile } from '../../io/read-input';
import { flattenParams } from '../../mlflow/params';
import type { Logger } from '../../platform/platform';
import { type CommandOutcome, commandNotFoundStatus, runCommand } from '../../process/command';
import { registerCleanup } from '../../process/interrupt';
import {
  evidenceAttachment,
  evidenceTypeOfStep,
  profileDataDigestAnnotation,
  profileEvidence,
} from '../../registry/evidence';
import {
  type BackendOptions,
  type NewAttachment,
  type Registration,
  versionLabels,
} from '../../registry/registry';
import { formatBytes } from '../../report/markdown';
import type { Check, StepReport } from '../../report/model';
import { statusOf } from '../../report/model';
import { displayPath } from '../../report/shown-path';
import { stepReportFiles, writeStepReports } from '../../report/write';
import { type CacheEntry, CorruptCacheEntry } from '../../run-cache/run-cache';
import type { StepEnvironment } from '../../step';
import { mlciVersion } from '../../version';
import { type CacheKeyMaterial, cacheKey } from './cache-key';
import { gitState, type RunEnvironment, runEnvironment } from './environment';
import type { TrainInput, TrainResult } from './input';
import { provenanceMediaType, provenanceOf, type RunRecord, runRecordMediaType } from './lineage';
import { loadParams, paramVariable, parseMetrics } from './params';
import { headlineOf, renderReport } from './report';

/** Where the stat cache lives: per machine and checkout, never carried between jobs (inodes differ). */

/** `path` inside `root` (or root itself), as seen after resolving `..`. */
function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function posix(path: string): string {
  return path.split(sep).join('/');
}

/**
 * The outputs directory is replaced on a cache hit and moved aside before a run: it must be a directory of
 * its own inside the workspace, holding nothing the user or mlci keeps (guard-paths.ts compares real paths).
 */
async function resolveOutputs(cwd: string, input: TrainInput, outDir: string): Promise<string> {
  const path = resolve(cwd, input.outputs);
  if (!isInside(cwd, path) || path === cwd)
    throw new InputError(
      `outputs: '${displayPath(input.outputs)}' must be a directory inside the working directory ${cwd}`,
    );
  const kept: KeptPath[] = [
    { path: join(cwd, '.git'), what: 'the git repository', whole: true },
    ...input.inputs.map((pattern) => ({ path: patternBase(pattern), what: 'the input', option: 'inputs' })),
    ...(input.params === undefined
      ? []
      : [{ path: input.params, what: 'the params file', option: 'params' }]),
    ...input.evidence.map((file) => ({ path: file, what: 'the evidence file', option: 'evidence' })),
  ];
  // A run cache or registry kept in a directory is mlci's own state: the outputs may not hold it or live in it.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(input.cacheStore))
    kept.push({ path: input.cacheStore, what: 'the run cache', option: 'cache-store', whole: true });
  if (input.registry.startsWith('file:')) {
    const { registryDirectory } = await import('../../registry/file');
    kept.push({
      path: registryDirectory(input.registry, cwd),
      what: 'the registry',
      option: 'registry',
      whole: true,
    });
  }
  kept.push({ path: join(cwd, hashCachePath), what: "mlci's hash cache" });
  kept.push({ path: outDir, what: 'the report directory', option: 'out', whole: true });
  await refuseReplacingKept({ option: 'outputs', path: input.outputs }, kept, cwd);
  // Files mlci itself writes may not be files it reads: the metrics file is written back on a cache hit.
  const reads: NamedPath[] = [
    ...(input.params === undefined ? [] : [{ option: 'params', path: input.params }]),
    ...input.evidence.map((path) => ({ option: 'evidence', path })),
    ...input.inputs
      .filter((pattern) => !isDynamicPattern(pattern))
      .map((path) => ({ option: 'inputs', path })),
  ];
  const report = stepReportFiles(outDir, 'train');
  const writes: NamedPath[] = [
    ...(input.metrics === undefined ? [] : [{ option: 'metrics', path: input.metrics }]),
    ...[report.json, report.markdown, report.junit, ...recordFiles.map((name) => join(outDir, name))].map(
      (path) => ({ option: 'out', path }),
    ),
  ];
  await refuseSameFile(writes, reads, cwd);
  return path;
}

/** What train writes into the report directory besides the step reports. */
const recordFiles = ['run.json', 'provenance.intoto.json', 'params.json'];

export async function runTrain(
  input: TrainInput,
  environment: StepEnvironment,
): Promise<StepReport<TrainResult>> {
  const { cwd, logger, context } = environment;
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      timings[name] = Math.round(performance.now() - started);
    }
  };
  const outDir = resolve(cwd, input.out);
  const outputsDir = await resolveOutputs(cwd, input, outDir);
  const outputsPath = posix(relative(cwd, outputsDir));
  const runId = randomUUID();
  const startedAt = new Date();
  const backend: BackendOptions = { cwd, env: process.env, logger, insecure: input.insecureRegistry };

  // A bad tracking URI or evidence file is found before the command runs, not after an hour of training.
  if (input.tracking !== undefined) (await import('../../mlflow/client')).parseTrackingUri(input.tracking);
  if (input.evidence.length > 0 && input.register === undefined)
    throw new InputError('evidence: is kept with the registered version: give register too');
  const evidence = (
    await Promise.all(input.evidence.map((file) => readEvidence(cwd, file, environment.logger)))
  ).flat();
  const params = await loadParams(input.params, input.param, {
    cwd,
    fileOption: 'params',
    paramOption: 'param',
  });
  // `--inputs .` must not take in what changes every run: git's own files, mlci's state, reports and outputs.
  const inputPaths =
    input.inputs.length > 0
      ? await expandPaths(input.inputs, {
          cwd,
          option: 'inputs',
          exclude: [join(cwd, '.git'), join(cwd, '.mlci'), outDir, outputsDir],
          excludedNames: `.git, .mlci, the report directory or the outputs (${outputsPath}/): a run's inputs are never there`,
        })
      : [];
  const hashCache = await HashCache.load(join(cwd, hashCachePath));
  const inputs = await timed('fingerprintInputs', () =>
    fingerprintFiles(cwd, inputPaths, {
      hashCache,
      onProgress: (done, total) =>
        environment.progress.update(
          `hashing inputs (${formatBytes(total)})`,
          total > 0 ? done / total : undefined,
        ),
    }),
  );
  environment.progress.done();
  await hashCache.save().catch((error: unknown) => logger.debug(`hash cache not saved: ${String(error)}`));
  logger.info(`inputs: ${inputs.files.length} files, ${formatBytes(inputs.bytes)}, ${inputs.digest}`);
  const [git, runEnv] = await timed('environment', () =>
    Promise.all([gitState(cwd, context), runEnvironment(cwd, input.env, input.command)]),
  );
  const key = cacheKey(
    {
      command: input.command,
      inputsDigest: inputs.digest,
      outputs: outputsPath,
      params,
      variables: runEnv.variables,
      commit: git.commit ?? null,
      runtime: runtimeOf(runEnv),
    },
    input.cacheKey,
  );

  const checks: Check[] = [];
  let cacheStatus: TrainResult['cache']['status'] = input.noCache ? 'off' : 'miss';
  // Backends and clients are imported when used: `mlci --help` and runs without them stay fast.
  // With no-cache the cache is not read, but the result is still stored (as `docker build --no-cache` does).
  const cache = await (await import('../../run-cache/open')).openRunCache(input.cacheStore, backend);
  let hit: CacheEntry | undefined;
  const entry = input.noCache ? undefined : await timed('cacheLookup', () => cache.lookup(key));
  if (entry) {
    try {
      await timed('cacheRestore', () => cache.restore(entry, outputsDir));
      hit = entry;
      cacheStatus = 'hit';
    } catch (error) {
      if (!(error instanceof CorruptCacheEntry)) throw error;
      logger.warn(`run cache: ignoring the entry for ${key}: ${error.message}`);
      cacheStatus = 'corrupt';
    }
  }

  let command: CommandOutcome | null = null;
  let outputs: FileSet | null = null;
  let metrics: Record<string, number> = {};
  let producer: RunRecord | undefined;
  if (hit) {
    producer = parseJson(hit.record, `run cache ${input.cacheStore}`, 'service') as RunRecord;
    outputs = hit.fileSet;
    metrics = producer.metrics ?? {};
    checks.push(pass('command', `not run: cache hit, the outputs of run ${producer.runId} were restored`));
    checks.push(pass('outputs', describeOutputs(outputsPath, outputs)));
    if (input.metrics !== undefined) await restoreMetricsFile(cwd, input.metrics, outputsDir, metrics);
  } else {
    const ran = await timed('command', () =>
      runFresh(input, { cwd, outputsDir, outDir, runId, params, logger }),
    );
    command = ran.command;
    checks.push(ran.check);
    if (ran.check.status === 'passed') {
      let unlistable: UnlistableFileName | undefined;
      outputs = await timed('fingerprintOutputs', async () => {
        // An empty directory matches no file: that is the "wrote no outputs" failure, reported as a check.
        // A name no listing can carry fails the run too: the model would be stored without that file.
        const paths = await expandPaths(['.'], { cwd: outputsDir, option: 'outputs' }).catch(
          (error: unknown) => {
            if (error instanceof UnlistableFileName) unlistable = error;
            else if (!(error instanceof InputError)) throw error;
            return [];
          },
        );
        return paths.length === 0 ? null : fingerprintFiles(outputsDir, paths);
      });
      checks.push(
        outputs
          ? pass('outputs', describeOutputs(outputsPath, outputs))
          : unlistable
            ? fail('outputs', unlistable.message)
            : fail('outputs', `the command wrote no files under ${outputsPath}/`),
      );
      if (input.metrics !== undefined) {
        const read = await readMetrics(cwd, input.metrics);
        metrics = read.metrics;
        checks.push(read.check);
      }
    }
    await ran.settle(statusOf(checks) === 'passed');
  }
  const succeeded = statusOf(checks) === 'passed';
  const finishedAt = new Date();
  const cacheParts = [...input.cacheKey];
  const record: RunRecord = {
    schema: 'mlci.run/v1',
    runId,
    command: input.command,
    status: succeeded ? 'succeeded' : 'failed',
    exitCode: command?.exitCode ?? null,
    signal: command?.signal ?? null,
    timedOut: command?.timedOut ?? false,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    inputs: { patterns: [...input.inputs], digest: inputs.digest, bytes: inputs.bytes, files: inputs.files },
    outputs: outputs
      ? { path: outputsPath, digest: outputs.digest, bytes: outputs.bytes, files: outputs.files }
      : null,
    params,
    metrics,
    git,
    environment: runEnv,
    ci: context,
    cache: {
      key,
      parts: cacheParts,
      status: cacheStatus,
      ...(producer ? { producedBy: producer.runId } : {}),
    },
    mlci: { version: mlciVersion },
  };

  if (input.tracking !== undefined) {
    const { logTrainingRun, trackingTags } = await import('../../mlflow/tracking');
    const tracking = await timed('tracking', () =>
      logTrainingRun({
        uri: input.tracking as string,
        env: process.env,
        logger,
        experiment: input.experiment ?? context.repository?.split('/').pop() ?? input.register ?? 'mlci',
        runName: `mlci-${runId.slice(0, 8)}`,
        startTime: startedAt.getTime(),
        endTime: finishedAt.getTime(),
        status: succeeded ? 'FINISHED' : 'FAILED',
        params,
        metrics,
        tags: trackingTagsOf(record, trackingTags),
      }),
    );
    record.tracking = { uri: input.tracking, runId: tracking.runId, url: tracking.url };
    checks.push(pass('tracking', `logged to MLflow as run ${tracking.runId}`));
  }

  // Provenance describes how the bytes were made: on a hit, that is the producer's statement, as stored.
  const recordBytes = Buffer.from(`${JSON.stringify(record, null, 2)}\n`);
  const provenanceBytes = hit
    ? Buffer.from(hit.provenance)
    : Buffer.from(`${JSON.stringify(provenanceOf(record), null, 2)}\n`);
  const runJson = join(outDir, 'run.json');
  const provenanceFile = join(outDir, 'provenance.intoto.json');
  await writeFileAtomic(runJson, recordBytes);
  await writeFileAtomic(provenanceFile, provenanceBytes);

  if (succeeded && outputs && !hit) {
    await timed('cacheStore', () =>
      cache.store({
        key,
        directory: outputsDir,
        fileSet: outputs as FileSet,
        record: recordBytes,
        provenance: provenanceBytes,
      }),
    ).catch((error: unknown) =>
      logger.warn(`run cache: not stored: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
  if (input.cacheKeep > 0) {
    const pruned = await cache
      .prune(input.cacheKeep)
      .catch((error: unknown) => logger.warn(`run cache: not pruned: ${(error as Error).message}`));
    if (pruned)
      logger.info(`run cache: dropped ${pruned} least recently used entries (cache-keep ${input.cacheKeep})`);
  }

  let registered: TrainResult['registered'];
  if (succeeded && outputs && input.register !== undefined) {
    const { openRegistry } = await import('../../registry/open');
    const registry = await openRegistry(input.registry, backend);
    const outcome = await timed('register', () =>
      registry.register({
        model: input.register as string,
        directory: outputsDir,
        fileSet: outputs as FileSet,
        labels: versionLabelsOf(record, producer),
        registration: registrationOf(record),
        attachments: [
          { kind: 'lineage', mediaType: runRecordMediaType, content: recordBytes },
          { kind: 'provenance', mediaType: provenanceMediaType, content: provenanceBytes },
          ...evidence,
        ],
      }),
    );
    registered = {
      registry: registry.uri,
      model: outcome.version.model,
      version: outcome.version.version,
      contentDigest: outcome.version.contentDigest,
      created: outcome.created,
    };
    checks.push(
      pass(
        'register',
        outcome.created
          ? `registered ${registered.model} version ${registered.version} in ${registered.registry}`
          : `${registered.model} version ${registered.version} in ${registered.registry} has the same content: this run was added to its registrations${record.git.commit ? ` (commit ${record.git.commit.slice(0, 12)})` : ''} and lineage`,
      ),
    );
  }

  const result: TrainResult = {
    step: 'train',
    status: statusOf(checks),
    checks,
    runId,
    command: command
      ? {
          line: input.command,
          exitCode: command.exitCode,
          signal: command.signal,
          durationMs: command.durationMs,
          timedOut: command.timedOut,
        }
      : null,
    inputs: { digest: inputs.digest, files: inputs.files.length, bytes: inputs.bytes },
    outputs: outputs
      ? { path: outputsPath, digest: outputs.digest, files: outputs.files.length, bytes: outputs.bytes }
      : null,
    params,
    metrics,
    cache: {
      store: input.cacheStore,
      key,
      status: cacheStatus,
      ...(producer ? { producedBy: producer.runId } : {}),
    },
    ...(registered ? { registered } : {}),
    ...(record.tracking ? { tracking: record.tracking } : {}),
    record: { runJson: posix(relative(cwd, runJson)), provenance: posix(relative(cwd, provenanceFile)) },
    timings,
  };
  const markdown = renderReport(result);
  const files = await writeStepReports(outDir, result, markdown);
  return {
    result,
    headline: headlineOf(result),
    markdown,
    outputs: {
      'run-id': runId,
      'cache-status': cacheStatus,
      'outputs-digest': outputs?.digest ?? '',
      'model-version': registered?.version ?? '',
      'tracking-url': record.tracking?.url ?? '',
      'run-record': result.record.runJson,
    },
    files,
  };
}

/**
 * What of the environment can change the bytes a run makes: the command's Python (implementation, version,
 * distributions), not where it is installed, so runners with the same libraries share cache entries.
 */
function runtimeOf(environment: RunEnvironment): CacheKeyMaterial['runtime'] {
  const python = environment.python;
  if (python?.version === undefined) return undefined;
  return {
    python: {
      implementation: python.implementation ?? null,
      version: python.version,
      distributions: python.distributions ?? [],
      omitted: python.distributionsOmitted ?? 0,
    },
  };
}

function pass(name: string, message: string): Check {
  return { name, status: 'passed', severity: 'error', message };
}

function fail(name: string, message: string): Check {
  return { name, status: 'failed', severity: 'error', message };
}

function describeOutputs(path: string, outputs: FileSet): string {
  return `${outputs.files.length} files in ${path}/, ${formatBytes(outputs.bytes)}, ${outputs.digest}`;
}

interface FreshRun {
  command: CommandOutcome;
  check: Check;
  /** Keeps the new outputs (success) or puts the previous ones back (failure). */
  settle(succeeded: boolean): Promise<void>;
}

/**
 * Runs the command into an empty outputs directory. What was there before is moved aside first (a stale file
 * must not pass for an output of this run) and put back if the run fails, so a failed run never costs the
 * user the model they had; the failed run's partial outputs are kept in the report directory to debug.
 */
async function runFresh(
  input: TrainInput,
  run: {
    cwd: string;
    outputsDir: string;
    outDir: string;
    runId: string;
    params: Record<string, unknown>;
    logger: StepEnvironment['logger'];
  },
): Promise<FreshRun> {
  const { cwd, outputsDir, outDir, runId, params } = run;
  const aside = join(outDir, 'tmp', `${runId}-previous-outputs`);
  const kept = join(outDir, 'failed-outputs');
  const outputsPath = posix(relative(cwd, outputsDir));
  const hadOutputs = existsSync(outputsDir);
  // Registered before anything moves: an interrupt from here on puts the earlier outputs back. Each move is
  // checked, so the undo is right whichever rename the interrupt came before.
  const undo = registerCleanup(async () => {
    await rm(kept, { recursive: true, force: true });
    await mkdir(outDir, { recursive: true });
    const partial = existsSync(outputsDir) && (!hadOutputs || existsSync(aside));
    if (partial) await movePath(outputsDir, kept);
    if (hadOutputs && existsSync(aside)) await movePath(aside, outputsDir);
    else await mkdir(outputsDir, { recursive: true });
    await rmdir(join(outDir, 'tmp')).catch(() => {}); // only when empty: another run may use it
    const restored = hadOutputs
      ? `put back the earlier outputs in ${outputsPath}/`
      : `${outputsPath}/ is empty as before`;
    return partial ? `${restored}; partial outputs kept in ${posix(relative(cwd, kept))}/` : restored;
  });
  if (hadOutputs) {
    await mkdir(join(outDir, 'tmp'), { recursive: true });
    await movePath(outputsDir, aside);
  }
  await mkdir(outputsDir, { recursive: true });
  const paramsFile = join(outDir, 'params.json');
  await writeFileAtomic(paramsFile, `${JSON.stringify(params, null, 2)}\n`);
  const variables: Record<string, string> = {
    MLCI_RUN_ID: runId,
    MLCI_OUTPUTS: outputsDir,
    MLCI_PARAMS_FILE: paramsFile,
  };
  if (input.metrics !== undefined) variables.MLCI_METRICS_FILE = resolve(cwd, input.metrics);
  for (const [name, value] of Object.entries(flattenParams(params))) variables[paramVariable(name)] = value;
  run.logger.info(`running: ${input.command}`);
  // The command did not run: nothing partial to keep.
  const putBack = async () => {
    undo.release();
    if (!hadOutputs) return;
    await rm(outputsDir, { recursive: true, force: true });
    await movePath(aside, outputsDir);
  };
  let command: CommandOutcome;
  try {
    command = await runCommand(input.command, {
      cwd,
      env: { ...process.env, ...variables },
      ...(input.timeout === undefined ? {} : { timeoutSeconds: input.timeout }),
    });
  } catch (error) {
    await putBack();
    throw error;
  }
  if (command.exitCode === commandNotFoundStatus && !command.timedOut) {
    await putBack();
    throw new InputError(`command: the shell could not find the command (exit 127): ${input.command}`);
  }
  const check = command.timedOut
    ? fail('command', `killed after the timeout of ${input.timeout} s, with the processes it started`)
    : command.exitCode === 0
      ? pass('command', `exited 0 after ${(command.durationMs / 1000).toFixed(1)} s`)
      : command.signal
        ? fail('command', `killed by ${command.signal}`)
        : fail('command', `the command exited with status ${command.exitCode}`);
  return {
    command,
    check,
    settle: async (succeeded) => {
      if (succeeded) {
        undo.release();
        await rm(aside, { recursive: true, force: true });
        return;
      }
      await undo.run();
    },
  };
}

async function readMetrics(
  cwd: string,
  file: string,
): Promise<{ metrics: Record<string, number>; check: Check }> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch {
    return { metrics: {}, check: fail('metrics', `the command did not write the metrics file ${file}`) };
  }
  try {
    const metrics = parseMetrics(text, file);
    return { metrics, check: pass('metrics', `${Object.keys(metrics).length} metrics read from ${file}`) };
  } catch (error) {
    return { metrics: {}, check: fail('metrics', (error as Error).message) };
  }
}

/** A metrics file outside the outputs was not cached as a file: write the producer's metrics back to it. */
async function restoreMetricsFile(
  cwd: string,
  file: string,
  outputsDir: string,
  metrics: Record<string, number>,
): Promise<void> {
  const path = resolve(cwd, file);
  if (isInside(outputsDir, path)) return;
  await writeFileAtomic(path, `${JSON.stringify(metrics, null, 2)}\n`);
}

function versionLabelsOf(record: RunRecord, producer: RunRecord | undefined): Record<string, string> {
  const made = producer ?? record;
  const labels: Record<string, string> = {
    [versionLabels.runId]: made.runId,
    [versionLabels.created]: made.finishedAt,
    [versionLabels.inputsDigest]: made.inputs.digest,
  };
  if (made.git.commit) labels[versionLabels.revision] = made.git.commit;
  if (made.ci.repositoryUrl) labels[versionLabels.source] = made.ci.repositoryUrl;
  return labels;
}

/**
 * This run as a registration of the version: its own commit and run, also on a cache hit (the labels name the
 * run that made the files; promote --from-commit finds the version from either commit).
 */
function registrationOf(record: RunRecord): Registration {
  return {
    ...(record.git.commit ? { commit: record.git.commit } : {}),
    runId: record.runId,
    ...(record.ci.runUrl ? { runUrl: record.ci.runUrl } : {}),
    ...(record.ci.pipeline ? { pipeline: record.ci.pipeline } : {}),
    ...(record.ci.repositoryUrl ? { source: record.ci.repositoryUrl } : {}),
    inputsDigest: record.inputs.digest,
    time: new Date().toISOString(),
  };
}

function trackingTagsOf(record: RunRecord, tags: typeof import('../../mlflow/tracking').trackingTags) {
  const values: Record<string, string> = {
    [tags.sourceName]: record.command,
    [tags.sourceType]: 'JOB',
    [tags.runId]: record.runId,
    [tags.inputsDigest]: record.inputs.digest,
    [tags.cacheStatus]: record.cache.status,
  };
  if (record.outputs) values[tags.outputsDigest] = record.outputs.digest;
  if (record.git.commit) values[tags.gitCommit] = record.git.commit;
  if (record.ci.branch) values[tags.gitBranch] = record.ci.branch;
  if (record.ci.actor) values[tags.user] = record.ci.actor;
  return values;
}

/**
 * A step result kept as evidence: its kind comes from the step that wrote it (validate-data -> validation). A
 * validate-data result also brings the profile it wrote (write-profile; kind profile: the training data's profile,
 * which `validate-data --reference registry:` compares production data with); a profile file is kept as it is.
 */
async function readEvidence(cwd: string, file: string, logger: Logger): Promise<NewAttachment[]> {
  const content = await readEvidenceFile(cwd, file);
  let parsed: { step?: unknown; status?: unknown; mlci?: unknown; profile?: unknown };
  try {
    parsed = parseJson(content, file) as typeof parsed;
  } catch {
    throw new InputError(`evidence: ${file} is not JSON`);
  }
  if (parsed.mlci === 'profile') return [await profileAttachment(content, file)];
  const { step, status } = parsed;
  const kind = evidenceTypeOfStep(step);
  if (!kind)
    throw new InputError(
      `evidence: ${file} is not the result of validate-data, evaluate or build-image, nor a profile (step '${String(step)}')`,
    );
  const attachments = [evidenceAttachment(kind, content, String(status))];
  const profile = parsed.profile as { path?: unknown; digest?: unknown } | undefined;
  if (kind === 'validation' && typeof profile?.path === 'string' && typeof profile.digest === 'string') {
    const path = resolve(cwd, profile.path);
    if (!existsSync(path)) {
      // write-profile has long served to pin drift references, often not passed on to the training job: such a
      // job still trains and registers, without the profile that monitoring needs.
      logger.warn(
        `evidence: ${file} names the profile ${profile.path}, which is not here: the version is registered without its training data's profile (pass ${profile.path} on with ${file})`,
      );
      return attachments;
    }
    const bytes = await readEvidenceFile(cwd, profile.path);
    if (bytesDigest(bytes) !== profile.digest)
      throw new InputError(
        `evidence: ${profile.path} is not the profile ${file} names (digest ${bytesDigest(bytes)}, expected ${profile.digest}): run validate-data again`,
      );
    attachments.push(await profileAttachment(bytes, profile.path));
  }
  return attachments;
}

async function readEvidenceFile(cwd: string, file: string): Promise<Buffer> {
  try {
    return await readInputFile(resolve(cwd, file), file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      `evidence: cannot read ${file}: ${describeFileError(error as NodeJS.ErrnoException)}`,
    );
  }
}

/** A data profile as evidence, checked as validate-data checks a pinned profile. */
async function profileAttachment(content: Buffer, file: string): Promise<NewAttachment> {
  const { parseProfile } = await import('../validate-data/profile');
  const profile = parseProfile(content.toString('utf8'), `evidence: ${file}`);
  return {
    kind: profileEvidence.kind,
    mediaType: profileEvidence.mediaType,
    content,
    annotations: { [profileDataDigestAnnotation]: profile.data.digest },
  };
}
