/**
 * @mlci/cli as a user gets it: the committed build packed by `npm pack`, installed into empty projects with
 * npm's defaults (the README's install line, the tarball standing in for the registry) and with
 * `--omit=optional` (DuckDB's native library left out), then run from there: `mlci --help`, a validate-data,
 * the five steps of a team's project (five-steps.ts, as the standalone executable runs them),
 * `import('@mlci/cli')` and its types. The registry is real; the npm cache keeps the installs fast.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readBlocks } from '../docs/markdown';
import { localEnv, outputOf, type RunResult, repoRoot } from '../support/cli';
import { runFiveSteps } from './five-steps';

const cliDir = join(repoRoot, 'packages/cli');
const manifest = JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
};
const readme = readBlocks(repoRoot, 'packages/cli/README.md');
/** The platform package npm leaves out with --omit=optional (glibc or musl build). */
const nativeBinding = new RegExp(`@duckdb/node-bindings-${process.platform}-${process.arch}(-musl)?\\b`);
const npmFlags = ['--prefer-offline', '--no-audit', '--no-fund'];

// Data that breaks its contract in one place: a run that reports exactly that failure has read the file.
const dataCsv = 'id,score\n1,0.5\n2,1.5\n3,1\n';
const schemaYaml =
  'columns:\n  id: { type: integer, unique: true }\n  score: { type: number, min: 0, max: 1 }\n';

/** npm's settings of the `npm test` that runs this would leak into the installs: only the cache and registry stay. */
function npmEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const kept = /^npm_config_(cache|registry|userconfig)$/i;
  const env = Object.fromEntries(
    Object.entries(localEnv(extra)).filter(([name]) => !/^npm_/i.test(name) || kept.test(name)),
  );
  return env;
}

let root: string;
let tarball: string;
let packedFiles: string[];
let defaults: string;
let omitOptional: string;

const run = (command: string, args: string[], cwd: string): Promise<RunResult> =>
  outputOf(spawn(command, args, { cwd, env: npmEnv({ MLCI_TOOL_CACHE: join(root, 'tool-cache') }) }));

async function emptyProject(name: string): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir);
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ name, private: true })}\n`);
  await writeFile(join(dir, 'data.csv'), dataCsv);
  await writeFile(join(dir, 'schema.yaml'), schemaYaml);
  return dir;
}

async function npmInstall(dir: string, args: string[]): Promise<void> {
  const result = await run('npm', [...args, ...npmFlags], dir);
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${result.stderr}`);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mlci-pack-'));
  const { stdout } = await promisify(execFile)(
    'npm',
    ['pack', '-w', 'packages/cli', '--json', '--pack-destination', root],
    { cwd: repoRoot, env: npmEnv(), maxBuffer: 16 << 20 },
  );
  const [packed] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
  tarball = join(root, packed.filename);
  packedFiles = packed.files.map((file) => file.path);

  // The README's install line, with the packed tarball for the registry's package.
  const install = readme.find((block) => block.text.startsWith('npm install'));
  expect(install?.text).toBe(`npm install --save-dev @mlci/cli@${manifest.version}`);
  const installArgs = (install?.text ?? '').split(' ').slice(1);
  [defaults, omitOptional] = await Promise.all([emptyProject('defaults'), emptyProject('omit-optional')]);
  await Promise.all([
    npmInstall(
      defaults,
      installArgs.map((arg) => (arg.startsWith('@mlci/cli@') ? tarball : arg)),
    ),
    npmInstall(omitOptional, ['install', '--omit=optional', tarball]),
  ]);
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Every file path an `exports` map names, whatever the conditions. */
function exportTargets(value: string | Record<string, unknown>): string[] {
  return typeof value === 'string'
    ? [value]
    : Object.values(value).flatMap((inner) => exportTargets(inner as string | Record<string, unknown>));
}

it('packs the license, the notices, the README and every file bin and exports name', () => {
  const named = [...Object.values(manifest.bin), ...exportTargets(manifest.exports)].map((file) =>
    file.replace(/^\.\//, ''),
  );
  const required = [
    'package.json',
    'README.md',
    'LICENSE',
    'NOTICE',
    'dist/THIRD_PARTY_NOTICES.txt',
    ...named,
  ];
  expect(required.filter((file) => !packedFiles.includes(file))).toEqual([]);
  // Only what a user runs: no sources, tests or build scripts.
  expect(
    packedFiles.filter((file) => /(^src\/|\.test\.|\.ts$)/.test(file) && !file.endsWith('.d.ts')),
  ).toEqual([]);
  expect(readFileSync(join(defaults, 'node_modules/@mlci/cli/LICENSE'), 'utf8')).toBe(
    readFileSync(join(repoRoot, 'LICENSE'), 'utf8'),
  );
});

describe.each([
  ['npm defaults', () => defaults],
  ['--omit=optional', () => omitOptional],
])('installed with %s', (_name, project) => {
  it('runs mlci --help', async () => {
    const help = await run(join(project(), 'node_modules/.bin/mlci'), ['--help'], project());
    expect({ status: help.status, stderr: help.stderr }).toEqual({ status: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: mlci /);
    expect(help.stdout).toContain('validate-data');
  });

  it('imports @mlci/cli without running the CLI, and resolves every export', async () => {
    const script = [
      "const cli = await import('@mlci/cli');",
      "const resolved = ['@mlci/cli/package.json', '@mlci/cli/mlci.schema.json'].map((s) => import.meta.resolve(s));",
      'console.log(JSON.stringify({ names: Object.keys(cli), main: typeof cli.main, resolved: resolved.length }));',
    ].join('\n');
    const imported = await run(process.execPath, ['--input-type=module', '-e', script], project());
    expect({ status: imported.status, stderr: imported.stderr }).toEqual({ status: 0, stderr: '' });
    expect(JSON.parse(imported.stdout)).toEqual({ names: ['main'], main: 'function', resolved: 2 });
  });
});

it('runs validate-data from a project installed with npm defaults', async () => {
  const result = await run(
    join(defaults, 'node_modules/.bin/mlci'),
    ['validate-data', '--data', 'data.csv', '--schema', 'schema.yaml', '--json'],
    defaults,
  );
  expect(result.status).toBe(1);
  const report = JSON.parse(result.stdout) as {
    data: { rows: number };
    checks: { name: string; column?: string; status: string; observed?: unknown }[];
  };
  expect(report.data.rows).toBe(3);
  expect(
    report.checks.filter((check) => check.status === 'failed').map((c) => [c.name, c.column, c.observed]),
  ).toEqual([['max', 'score', 1.5]]);
});

it('runs the five steps of a team project from a project installed with npm defaults', async () => {
  const project = join(defaults, 'penguins');
  const mlci = join(defaults, 'node_modules/.bin/mlci');
  await runFiveSteps(project, (...args) => run(mlci, args, project));
}, 90_000);

it("runs the README's library example: main() resolves to the exit code", async () => {
  const example = readme.find((block) => block.lang === 'js');
  await writeFile(join(defaults, 'example.mjs'), example?.text ?? '');
  const result = await run(process.execPath, ['example.mjs'], defaults);
  expect(result.status).toBe(0);
  expect(result.stdout.trim().split('\n').at(-1)).toBe('mlci exited with 1');
  expect(result.stderr).toContain('validate-data failed');
});

it("types main() for TypeScript users from the package's own .d.ts", async () => {
  await writeFile(
    join(defaults, 'typed.mts'),
    "import { main } from '@mlci/cli';\nconst code: number = await main(['--version']);\nexport const wrong: string = await main([]);\n",
  );
  // No @types: the .d.ts must stand on its own.
  const compilerOptions = { strict: true, noEmit: true, module: 'nodenext', target: 'es2022', types: [] };
  await writeFile(join(defaults, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['typed.mts'] }));
  const tsc = await run(
    process.execPath,
    [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', '.'],
    defaults,
  );
  // The one error is the deliberate one: main resolves to a number, and nothing else fails to resolve.
  expect(tsc.stdout.trim().split('\n')).toEqual([
    expect.stringMatching(
      /^typed\.mts\(3,14\): error TS2322: Type 'number' is not assignable to type 'string'/,
    ),
  ]);
});

it("without DuckDB's native library (--omit=optional), validate-data says which package is missing in one line, exit 3", async () => {
  const bindings = join(omitOptional, 'node_modules/@duckdb');
  expect(existsSync(join(bindings, 'node-api'))).toBe(true);
  expect(existsSync(join(bindings, `node-bindings-${process.platform}-${process.arch}`))).toBe(false);

  const result = await run(
    join(omitOptional, 'node_modules/.bin/mlci'),
    ['validate-data', '--data', 'data.csv', '--schema', 'schema.yaml'],
    omitOptional,
  );
  expect(result.status).toBe(3);
  const errors = result.stderr.split('\n').filter((line) => line.startsWith('mlci: '));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(nativeBinding);
  expect(errors[0]).toMatch(/^mlci: error: .*install @mlci\/cli again without --omit=optional$/);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  // Not papered over by installing DuckDB at run time.
  expect(existsSync(join(root, 'tool-cache'))).toBe(false);
});
