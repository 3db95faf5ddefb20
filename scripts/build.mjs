#!/usr/bin/env node
// Builds every committed artifact from the sources: the CLI bundle (the `mlci` program and the library entry
// with its .d.ts), one bundle per GitHub action, the third-party notices beside each bundle, the CLI package's
// copies of LICENSE and NOTICE, and the files generated from the step schemas (mlci.yaml JSON Schema).
// `--check` builds into a temporary directory and fails when a committed artifact differs (content, a missing
// or extra file, a bin that is not executable), so a stale bundle or notice cannot land.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import ts from 'typescript';
import { bundledPackageDirs, noticesFileName, noticesText, packageLicenses } from './notices.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const outRoot = check ? mkdtempSync(join(tmpdir(), 'mlci-build-')) : root;

/** Native or run-time-installed modules: never bundled. */
const external = ['@duckdb/node-api'];

// The CLI is split into chunks so `mlci --help` loads neither the CI API clients nor the data engine.
// An action is one file: GitHub runs it straight from the repository.
// The CLI's library entry (`import('@mlci/cli')`) shares the program's chunks and runs nothing on import.
const bundles = [
  {
    entry: 'packages/cli/src/main.ts',
    out: 'packages/cli/dist/mlci.mjs',
    banner: '#!/usr/bin/env node',
    split: true,
    library: { entry: 'packages/cli/src/index.ts', name: 'index' },
  },
  ...readdirSync(join(root, 'actions'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, 'actions', d.name, 'src/main.ts')))
    .map((d) => ({
      entry: `actions/${d.name}/src/main.ts`,
      out: `actions/${d.name}/dist/index.mjs`,
      banner: '',
      split: false,
    })),
];

// Generated files first: run the generator (bundled on the fly) with the output root. The CLI bundle is built from
// one of them (packages/cli/src/step-commands.generated.ts), so a changed schema reaches it in one build.
const generator = join(mkdtempSync(join(tmpdir(), 'mlci-gen-')), 'generate.mjs');
await build({
  entryPoints: [join(root, 'scripts/generate.ts')],
  outfile: generator,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url);" },
});
const generated = JSON.parse(
  execFileSync(process.execPath, [generator, outRoot], { encoding: 'utf8', cwd: root }),
);
rmSync(dirname(generator), { recursive: true, force: true });

const outputs = [];
for (const bundle of bundles) {
  const outDir = dirname(bundle.out);
  // A stale chunk left behind would look committed but unused: start each output directory empty.
  rmSync(join(outRoot, outDir), { recursive: true, force: true });
  const result = await build({
    entryPoints: {
      [basename(bundle.out, '.mjs')]: join(root, bundle.entry),
      ...(bundle.library ? { [bundle.library.name]: join(root, bundle.library.entry) } : {}),
    },
    // Metafile paths relative to the repository, whichever directory the build runs from.
    absWorkingDir: root,
    outdir: join(outRoot, outDir),
    outExtension: { '.js': '.mjs' },
    splitting: bundle.split,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    // GitHub runs actions on node24; the target stays node20 so the same bundle runs on this machine.
    target: 'node20',
    external,
    legalComments: 'none',
    logLevel: 'warning',
    // ESM bundles of CommonJS dependencies need a real `require` for their dynamic requires.
    banner: {
      js: `${bundle.banner ? `${bundle.banner}\n` : ''}import { createRequire as __mlciCreateRequire } from 'node:module';\nconst require = __mlciCreateRequire(import.meta.url);`,
    },
  });
  outputs.push(...Object.keys(result.metafile.outputs).map((file) => relative(outRoot, join(root, file))));
  if (bundle.split) {
    // `mlci --help` must start about as fast as Node: what the program loads before it runs a command is its own
    // help (packages/cli/src/help.ts), no dependency. A static import of one (commander, zod, yaml, or a core
    // module that imports them) would put it on every start: import it where it is used, with import().
    const loaded = staticInputs(result.metafile, relative(root, join(outRoot, bundle.out)));
    const dependencies = loaded.filter((input) => input.startsWith('node_modules/'));
    if (dependencies.length > 0) {
      console.error(`${bundle.out} loads dependencies on start-up: ${dependencies.join(', ')}`);
      process.exit(1);
    }
  }
  const notices = join(outDir, noticesFileName);
  let packages;
  try {
    packages = packageLicenses(root, bundledPackageDirs(result.metafile));
  } catch (error) {
    console.error(`${bundle.out}: ${error.message}`);
    process.exit(1);
  }
  writeFileSync(join(outRoot, notices), noticesText(outDir, packages));
  outputs.push(notices);
  if (bundle.library) {
    // The library's types, from its source (whose signature the typecheck holds to the implementation).
    const types = join(outDir, `${bundle.library.name}.d.ts`);
    const source = readFileSync(join(root, bundle.library.entry), 'utf8');
    const declaration = ts.transpileDeclaration(source, {
      fileName: bundle.library.entry,
      reportDiagnostics: true,
    });
    if (declaration.diagnostics?.length) {
      const [first] = declaration.diagnostics;
      console.error(`${bundle.library.entry}: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')}`);
      process.exit(1);
    }
    writeFileSync(join(outRoot, types), declaration.outputText);
    outputs.push(types);
  }
  // A program with a shebang is executable, as npm makes a bin on install: committed so, `npm ci` leaves the
  // checkout clean and `./packages/cli/dist/mlci.mjs` runs.
  if (bundle.banner.startsWith('#!')) chmodSync(join(outRoot, bundle.out), 0o755);
}

// npm packs a package folder's LICENSE by itself, not the root's: the CLI package carries copies.
const copies = ['LICENSE', 'NOTICE'].map((file) => {
  const copy = join('packages/cli', file);
  mkdirSync(dirname(join(outRoot, copy)), { recursive: true });
  copyFileSync(join(root, file), join(outRoot, copy));
  return copy;
});

if (check) {
  const committedBundles = bundles.flatMap((b) =>
    listFiles(join(root, dirname(b.out))).map((f) => relative(root, f)),
  );
  const extra = committedBundles.filter((file) => !outputs.includes(file));
  // A file the build no longer makes (an old chunk) is stale too.
  const stale = [...outputs, ...copies, ...generated].filter((file) => {
    const committed = join(root, file);
    return !existsSync(committed) || !readFileSync(committed).equals(readFileSync(join(outRoot, file)));
  });
  stale.push(...extra);
  stale.push(
    ...bundles
      .filter((b) => b.banner.startsWith('#!') && existsSync(join(root, b.out)))
      .filter((b) => (statSync(join(root, b.out)).mode & 0o111) === 0)
      .map((b) => `${b.out} (not executable)`),
  );
  rmSync(outRoot, { recursive: true, force: true });
  if (stale.length > 0) {
    console.error(`stale build artifacts (run \`npm run build\` and commit): ${stale.join(', ')}`);
    process.exit(1);
  }
  console.error(
    `build artifacts are up to date (${outputs.length + copies.length + generated.length} files)`,
  );
} else {
  console.error(
    `built ${outputs.length} bundle files (notices included); copied ${copies.join(', ')}; generated ${generated.join(', ')}`,
  );
}

/**
 * The source files an output file loads by static imports, its chunks' included, and the packages left external
 * it imports statically (as `node_modules/<name>`; Node's own modules left out).
 */
function staticInputs(metafile, output) {
  const seen = new Set();
  const external = new Set();
  const visit = (file) => {
    if (seen.has(file) || !metafile.outputs[file]) return;
    seen.add(file);
    for (const imported of metafile.outputs[file].imports) {
      if (imported.kind !== 'import-statement') continue;
      if (!imported.external) visit(imported.path);
      else if (!imported.path.startsWith('node:')) external.add(`node_modules/${imported.path}`);
    }
  };
  visit(output);
  return [...[...seen].flatMap((file) => Object.keys(metafile.outputs[file].inputs)), ...external];
}

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
