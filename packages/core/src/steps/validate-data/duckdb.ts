import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { firstLine, MlciError, ServiceError } from '../../errors';
import { movePath } from '../../io/move';
import { removeOnInterrupt } from '../../io/scratch';
import type { Logger } from '../../platform/platform';

/** The @duckdb/node-api release mlci is tested with; installed at run time where node_modules is absent. */
export const duckdbVersion = '1.5.6-r.1';

export type DuckDB = typeof import('@duckdb/node-api');

let loading: Promise<DuckDB> | undefined;

/**
 * Loads DuckDB on first use only, so steps that read no data never pay for its native library.
 * Where the package is not installed (a GitHub action runs from its bundle without node_modules), the pinned
 * version is installed once into the tool cache and loaded from there.
 */
export function loadDuckDB(logger: Logger): Promise<DuckDB> {
  loading ??= importDuckDB(logger).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Where the run-time install goes: `$MLCI_TOOL_CACHE/mlci/duckdb-<version>`, by default under ~/.cache. */
export function duckdbCacheDir(): string {
  return join(process.env.MLCI_TOOL_CACHE ?? join(homedir(), '.cache'), 'mlci', `duckdb-${duckdbVersion}`);
}

/**
 * The platform package of DuckDB's native library (`@duckdb/node-bindings-linux-x64`) when loading failed for
 * want of it: @duckdb/node-api is installed but its optional dependency is not (`npm install --omit=optional`,
 * or node_modules copied from another platform).
 */
export function missingNativeBinding(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') return undefined;
  return /Cannot find (?:module|package) '(@duckdb\/node-bindings-[^/']+)/.exec(firstLine(error))?.[1];
}

/**
 * @duckdb/node-api from node_modules, by require(): Node's import() of a CommonJS package parses every module it
 * re-exports for their names (@duckdb/node-api re-exports about a hundred), 0.2-0.5 s of each step that reads
 * data. The standalone executable has the package bundled and reaches it by import() (its require() loads only
 * built-in modules).
 */
async function importInstalled(): Promise<unknown> {
  const nodeRequire = createRequire(import.meta.url);
  let executable = false;
  try {
    executable = (nodeRequire('node:sea') as { isSea(): boolean }).isSea();
  } catch {
    // Node before 20.12 has no node:sea, and no executable of ours runs on it.
  }
  return executable ? import('@duckdb/node-api') : nodeRequire('@duckdb/node-api');
}

async function importDuckDB(logger: Logger): Promise<DuckDB> {
  try {
    return moduleOf(await importInstalled());
  } catch (error) {
    // The standalone executable's own binding failed (an unwritable cache): installing another cannot help.
    if (error instanceof MlciError) throw error;
    // Installed without its native library: installing another copy at run time would hide a broken install.
    const binding = missingNativeBinding(error);
    if (binding !== undefined) {
      throw new ServiceError(
        `${binding} (DuckDB's native library for ${process.platform}-${process.arch}) is not installed: npm leaves it out with --omit=optional; install @mlci/cli again without --omit=optional`,
      );
    }
    logger.debug(`@duckdb/node-api is not loadable from node_modules (${firstLine(error)})`);
  }
  const dir = duckdbCacheDir();
  const resolveFrom = (root: string) => createRequire(join(root, 'package.json')).resolve('@duckdb/node-api');
  if (!existsSync(join(dir, 'node_modules', '@duckdb', 'node-api', 'package.json')))
    await install(dir, logger);
  try {
    return moduleOf(await import(pathToFileURL(resolveFrom(dir)).href));
  } catch (error) {
    throw new ServiceError(`cannot load @duckdb/node-api@${duckdbVersion} from ${dir}: ${firstLine(error)}`);
  }
}

function moduleOf(loaded: unknown): DuckDB {
  // CommonJS seen through ESM: named exports when Node detects them, else everything under `default`.
  const namespace = loaded as DuckDB & { default?: DuckDB };
  return namespace.DuckDBInstance ? namespace : (namespace.default as DuckDB);
}

/** Installs into a fresh sibling directory, then renames it into place, so a half-done install is never used. */
async function install(dir: string, logger: Logger): Promise<void> {
  const staging = `${dir}.partial-${randomBytes(4).toString('hex')}`;
  const interrupted = removeOnInterrupt(staging);
  logger.info(`installing @duckdb/node-api@${duckdbVersion} into ${dir} (once per machine)`);
  try {
    await mkdir(staging, { recursive: true });
    await runNpm([
      'install',
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      '--prefix',
      staging,
      `@duckdb/node-api@${duckdbVersion}`,
    ]);
    await movePath(staging, dir).catch(async (error: NodeJS.ErrnoException) => {
      // Another job on the same machine finished first: use its copy.
      if (!existsSync(join(dir, 'node_modules', '@duckdb', 'node-api', 'package.json'))) throw error;
    });
    logger.info(`installed @duckdb/node-api@${duckdbVersion}`);
  } catch (error) {
    throw new ServiceError(
      `cannot install @duckdb/node-api@${duckdbVersion} into ${dir}: ${firstLine(error)}`,
    );
  } finally {
    await rm(staging, { recursive: true, force: true }).catch(() => {});
    interrupted.release();
  }
}

function runNpm(args: string[]): Promise<void> {
  const windows = process.platform === 'win32';
  return new Promise((resolve, reject) => {
    execFile(
      windows ? 'npm.cmd' : 'npm',
      args,
      { shell: windows, timeout: 10 * 60_000, maxBuffer: 16 << 20 },
      (error, _stdout, stderr) => {
        if (!error) return resolve();
        const npmError = stderr
          .split('\n')
          .find((line) => line.startsWith('npm error') || line.startsWith('npm ERR'));
        reject(new Error(npmError ?? firstLine(error)));
      },
    );
  });
}
