import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { arch, platform, release } from 'node:os';
import { join } from 'node:path';
import { fileDigest } from '../../io/digest';
import type { CiContext } from '../../platform/platform';
import { git, headCommit } from '../../process/git';
import { commandPython, type PythonEnvironment } from './python';

export interface GitState {
  commit?: string;
  /** Tracked files differ from the commit: the commit alone does not say what code ran. */
  dirty?: boolean;
  /** Where the commit came from when git could not tell (a CI variable on a checkout without .git). */
  source: 'git' | 'ci' | 'none';
}

export interface RunEnvironment {
  os: { platform: string; release: string; arch: string; distribution?: string };
  /**
   * Language runtimes found on mlci's PATH, name -> version line (python3 only when the command's own Python
   * is not known: that one is `python`).
   */
  runtimes: Record<string, string>;
  /** The Python the command runs, with its distributions: for a command line that names a Python. */
  python?: PythonEnvironment;
  /** Lockfiles and requirement files in the working directory, with digests: what pins the libraries. */
  lockfiles: { path: string; digest: string }[];
  /** The variables declared with --env, as they were (unset -> null). */
  variables: Record<string, string | null>;
}

/** The files that pin a project's libraries, for the languages people train in. */
export const lockfileNames = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'requirements.txt',
  'requirements.lock',
  'poetry.lock',
  'uv.lock',
  'Pipfile.lock',
  'pdm.lock',
  'conda-lock.yml',
  'environment.yml',
  'renv.lock',
  'Cargo.lock',
  'go.sum',
  'Gemfile.lock',
];

function run(file: string, args: string[], cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, timeout: 5000, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) resolve(undefined);
      else resolve(`${stdout}${stderr}`.trim());
    });
  });
}

export async function gitState(cwd: string, context: CiContext): Promise<GitState> {
  const commit = await headCommit(cwd);
  if (commit) {
    // Untracked files are left out: the outputs and reports of this very run would make every tree dirty.
    const status = await git(['status', '--porcelain', '--untracked-files=no'], cwd);
    return { commit, ...(status === undefined ? {} : { dirty: status !== '' }), source: 'git' };
  }
  return context.commit ? { commit: context.commit, source: 'ci' } : { source: 'none' };
}

function distribution(): string | undefined {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1];
  } catch {
    return undefined;
  }
}

/** The environment of a run of `command`, asked before it runs (it is part of the cache key). */
export async function runEnvironment(
  cwd: string,
  declared: readonly string[],
  command: string,
): Promise<RunEnvironment> {
  const probes: [string, string, string[]][] = [
    ['python', 'python3', ['--version']],
    ['r', 'Rscript', ['--version']],
  ];
  const runtimes: Record<string, string> = { node: process.version };
  const [python] = await Promise.all([
    commandPython(command, { cwd, env: process.env }),
    ...probes.map(async ([name, file, args]) => {
      const version = (await run(file, args, cwd))?.split('\n')[0];
      if (version) runtimes[name] = version;
    }),
  ]);
  // mlci's python3 need not be the command's (a venv, a pyenv shim, `python` vs `python3`): keep only the latter.
  if (python?.version !== undefined) delete runtimes.python;
  const lockfiles = await Promise.all(
    lockfileNames
      .filter((name) => existsSync(join(cwd, name)))
      .map(async (name) => ({ path: name, digest: await fileDigest(join(cwd, name)) })),
  );
  const variables: Record<string, string | null> = {};
  for (const name of [...declared].sort()) variables[name] = process.env[name] ?? null;
  const distro = distribution();
  return {
    os: {
      platform: platform(),
      release: release(),
      arch: arch(),
      ...(distro ? { distribution: distro } : {}),
    },
    runtimes: Object.fromEntries(Object.entries(runtimes).sort(([a], [b]) => (a < b ? -1 : 1))),
    lockfiles,
    variables,
    ...(python ? { python } : {}),
  };
}
