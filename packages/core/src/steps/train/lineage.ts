import type { FileEntry } from '../../io/file-set';
import type { CiContext } from '../../platform/platform';
import { mlciVersion } from '../../version';
import type { RunEnvironment } from './environment';
import type { CacheKeyPart } from './input';

export const runRecordMediaType = 'application/vnd.mlci.run.v1+json';
export const provenanceMediaType = 'application/vnd.in-toto+json';
/** Identifies how mlci train builds (SLSA buildType): an identifier, documented in docs/train.md, not fetched. */
export const trainBuildType = 'https://mlci.dev/train/v1';

/** run.json: everything needed to say where a model came from and to run it again. */
export interface RunRecord {
  schema: 'mlci.run/v1';
  runId: string;
  command: string;
  status: 'succeeded' | 'failed';
  /** Null on a cache hit (nothing ran) and when the command was killed. */
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  startedAt: string;
  finishedAt: string;
  inputs: { patterns: string[]; digest: string; bytes: number; files: FileEntry[] };
  outputs: { path: string; digest: string; bytes: number; files: FileEntry[] } | null;
  params: Record<string, unknown>;
  metrics: Record<string, number>;
  git: { commit?: string; dirty?: boolean; source: 'git' | 'ci' | 'none' };
  environment: RunEnvironment;
  ci: CiContext;
  cache: {
    key: string;
    parts: CacheKeyPart[];
    status: 'hit' | 'miss' | 'off' | 'corrupt';
    producedBy?: string;
  };
  tracking?: { uri: string; runId: string; url: string };
  mlci: { version: string };
}

interface ResourceDescriptor {
  name?: string;
  uri?: string;
  digest?: Record<string, string>;
  annotations?: Record<string, unknown>;
}

/** An in-toto Statement v1 with a SLSA Provenance v1 predicate. */
export interface ProvenanceStatement {
  _type: 'https://in-toto.io/Statement/v1';
  subject: ResourceDescriptor[];
  predicateType: 'https://slsa.dev/provenance/v1';
  predicate: {
    buildDefinition: {
      buildType: string;
      externalParameters: Record<string, unknown>;
      internalParameters: Record<string, unknown>;
      resolvedDependencies: ResourceDescriptor[];
    };
    runDetails: {
      builder: { id: string; version: Record<string, string> };
      metadata: { invocationId: string; startedOn: string; finishedOn: string };
      byproducts?: ResourceDescriptor[];
    };
  };
}

const hex = (digest: string) => digest.replace(/^sha256:/, '');

/** `git+https://github.com/o/r` for the repository the CI names, so a verifier can fetch the commit. */
function sourceUri(ci: CiContext): string | undefined {
  return ci.repositoryUrl ? `git+${ci.repositoryUrl}` : undefined;
}

/**
 * The statement: subjects are the output files; resolved dependencies are the code commit, each input
 * file, the lockfiles and the runtimes. The builder is the CI run that ran mlci (or mlci itself on a laptop).
 */
export function provenanceOf(record: RunRecord): ProvenanceStatement {
  const outputs = record.outputs;
  const dependencies: ResourceDescriptor[] = [];
  if (record.git.commit) {
    const uri = sourceUri(record.ci);
    dependencies.push({
      ...(uri ? { uri: `${uri}@${record.git.commit}` } : { name: 'source' }),
      digest: { gitCommit: record.git.commit },
      ...(record.git.dirty ? { annotations: { dirty: true } } : {}),
    });
  }
  for (const file of record.inputs.files)
    dependencies.push({ name: file.path, digest: { sha256: hex(file.digest) } });
  for (const file of record.environment.lockfiles)
    dependencies.push({
      name: file.path,
      digest: { sha256: hex(file.digest) },
      annotations: { role: 'lockfile' },
    });
  // A distribution is named by its package URL: importlib.metadata knows no digest of a whole distribution.
  for (const distribution of record.environment.python?.distributions ?? []) {
    const [name, version] = distribution.split('==');
    dependencies.push({
      uri: `pkg:pypi/${(name ?? '').toLowerCase().replace(/[-_.]+/g, '-')}${version ? `@${version}` : ''}`,
      annotations: { role: 'python-distribution' },
    });
  }
  return {
    _type: 'https://in-toto.io/Statement/v1',
    subject: (outputs?.files ?? []).map((file) => ({
      name: `${outputs?.path}/${file.path}`,
      digest: { sha256: hex(file.digest) },
    })),
    predicateType: 'https://slsa.dev/provenance/v1',
    predicate: {
      buildDefinition: {
        buildType: trainBuildType,
        externalParameters: {
          command: record.command,
          inputs: record.inputs.patterns,
          outputs: outputs?.path ?? null,
          params: record.params,
        },
        internalParameters: {
          cacheKey: record.cache.key,
          cacheKeyParts: record.cache.parts,
          variables: record.environment.variables,
          runtimes: record.environment.runtimes,
          ...(record.environment.python
            ? {
                python: {
                  invocation: record.environment.python.invocation,
                  executable: record.environment.python.executable,
                  version: record.environment.python.version,
                  implementation: record.environment.python.implementation,
                },
              }
            : {}),
          os: record.environment.os,
        },
        resolvedDependencies: dependencies,
      },
      runDetails: {
        builder: {
          id: record.ci.runUrl ?? `https://mlci.dev/builders/${record.ci.platform}`,
          version: { mlci: mlciVersion },
        },
        metadata: { invocationId: record.runId, startedOn: record.startedAt, finishedOn: record.finishedAt },
        byproducts: [{ name: 'inputs', digest: { sha256: hex(record.inputs.digest) } }],
      },
    },
  };
}
