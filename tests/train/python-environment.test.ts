import { execFileSync } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { localEnv, runCli, withTempDir } from '../support/cli';

/**
 * run.json records the Python the training command ran, not the one on mlci's PATH: a pyenv-style shim is
 * followed to the real interpreter, and the libraries are that interpreter's (scikit-learn of Debian's
 * /usr/bin/python3 here). A changed library version misses the run cache. Oracles: the interpreter itself.
 */

const python = '/usr/bin/python3';
/** A wine classifier (scikit-learn's bundled data set), a team's Python trainer. */
const trainer = `
import json, os, sklearn
from sklearn.datasets import load_wine
from sklearn.linear_model import LogisticRegression
X, y = load_wine(return_X_y=True)
model = LogisticRegression(max_iter=5000).fit(X, y)
with open(os.path.join(os.environ['MLCI_OUTPUTS'], 'model.json'), 'w') as f:
    json.dump({'sklearn': sklearn.__version__, 'coef': model.coef_.round(6).tolist()}, f)
with open('runs.log', 'a') as f: f.write('ran\\n')
`;

function ask(code: string): string {
  return execFileSync(python, ['-c', code], { encoding: 'utf8' }).trim();
}

interface RecordedPython {
  invocation: string;
  executable?: string;
  version?: string;
  implementation?: string;
  distributions?: string[];
  distributionsOmitted?: number;
  error?: string;
}

async function runJson(dir: string): Promise<{
  environment: { python?: RecordedPython; runtimes: Record<string, string> };
  cache: { status: string; key: string };
}> {
  return JSON.parse(await readFile(join(dir, '.mlci/run.json'), 'utf8'));
}

/** A directory on sys.path (through PYTHONPATH) holding installed-distribution metadata, as pip leaves it. */
async function distributions(dir: string, versions: Record<string, string>): Promise<void> {
  for (const [name, version] of Object.entries(versions)) {
    const info = join(dir, `${name}-${version}.dist-info`);
    await mkdir(info, { recursive: true });
    await writeFile(join(info, 'METADATA'), `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`);
  }
}

test('records the interpreter behind a shim and its distributions; a changed library misses the cache', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'train.py'), trainer);
    // A pyenv shim: `python` on PATH is a script that execs the real interpreter.
    await mkdir(join(dir, 'shims'));
    await writeFile(join(dir, 'shims/python'), `#!/bin/sh\nexec ${python} "$@"\n`);
    await chmod(join(dir, 'shims/python'), 0o755);
    const sitePath = join(dir, 'site');
    await distributions(sitePath, { 'team-features': '1.0' });
    const env = (extra: Record<string, string> = {}) =>
      localEnv({ PATH: `${join(dir, 'shims')}:${process.env.PATH}`, PYTHONPATH: sitePath, ...extra });
    const train = (extra?: Record<string, string>) =>
      runCli(['train', '--command', 'python train.py', '--inputs', 'train.py', '--outputs', 'model'], {
        cwd: dir,
        env: env(extra),
      });

    const first = await train();
    expect({ status: first.status, stderr: first.stderr }).toMatchObject({ status: 0 });
    const record = await runJson(dir);
    const recorded = record.environment.python;
    expect(recorded?.invocation).toBe('python');
    expect(recorded?.executable).toBe(ask('import sys; print(sys.executable)'));
    expect(recorded?.executable).not.toContain('shims');
    expect(recorded?.version).toBe(ask('import sys; print(sys.version.split()[0])'));
    expect(recorded?.implementation).toBe('cpython');
    expect(recorded?.distributions).toContain(
      `scikit-learn==${ask('import sklearn; print(sklearn.__version__)')}`,
    );
    expect(recorded?.distributions).toContain(`numpy==${ask('import numpy; print(numpy.__version__)')}`);
    expect(recorded?.distributions).toContain('team-features==1.0');
    // Sorted as pip freeze sorts, case-insensitively.
    const names = recorded?.distributions?.map((each) => each.toLowerCase()) ?? [];
    expect(names).toEqual([...names].sort());
    // mlci's own PATH python3 is not recorded next to it, so no one mistakes it for the trainer's.
    expect(record.environment.runtimes.python).toBeUndefined();

    // Same libraries: a hit. A library upgraded: the bytes may differ, so the command runs again.
    expect((await train()).status).toBe(0);
    expect((await runJson(dir)).cache.status).toBe('hit');
    await distributions(join(dir, 'site2'), { 'team-features': '2.0' });
    expect((await train({ PYTHONPATH: join(dir, 'site2') })).status).toBe(0);
    const upgraded = await runJson(dir);
    expect(upgraded.cache.status).toBe('miss');
    expect(upgraded.environment.python?.distributions).toContain('team-features==2.0');
    expect(upgraded.cache.key).not.toBe(record.cache.key);
    expect((await readFile(join(dir, 'runs.log'), 'utf8')).split('\n').filter(Boolean)).toHaveLength(2);

    // The provenance names each distribution by its package URL.
    const provenance = JSON.parse(await readFile(join(dir, '.mlci/provenance.intoto.json'), 'utf8'));
    expect(provenance.predicate.buildDefinition.resolvedDependencies).toContainEqual({
      uri: 'pkg:pypi/team-features@2.0',
      annotations: { role: 'python-distribution' },
    });
  });
}, 120_000);

test('a venv activated in the command line is the one recorded; a huge environment is capped and says so', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'train.py'), trainer);
    execFileSync(python, ['-m', 'venv', '--system-site-packages', '--without-pip', join(dir, '.venv')]);
    const many = join(dir, 'many');
    await distributions(
      many,
      Object.fromEntries(Array.from({ length: 2100 }, (_, i) => [`pkg${String(i).padStart(4, '0')}`, '0.1'])),
    );
    const result = await runCli(
      ['train', '--command', '. .venv/bin/activate && PYTHONPATH=many python train.py', '--outputs', 'model'],
      { cwd: dir, env: localEnv() },
    );
    expect({ status: result.status, stderr: result.stderr }).toMatchObject({ status: 0 });
    const recorded = (await runJson(dir)).environment.python;
    expect(recorded?.invocation).toBe('PYTHONPATH=many python');
    expect(recorded?.executable).toBe(join(dir, '.venv/bin/python'));
    const total = Number(
      execFileSync(
        join(dir, '.venv/bin/python'),
        [
          '-c',
          'import importlib.metadata as m; print(len({d.metadata["Name"].lower() for d in m.distributions()}))',
        ],
        {
          env: { ...process.env, PYTHONPATH: many },
          encoding: 'utf8',
        },
      ).trim(),
    );
    expect(total).toBeGreaterThan(2100);
    expect(recorded?.distributions).toHaveLength(2000);
    expect(recorded?.distributionsOmitted).toBe(total - 2000);
  });
}, 120_000);

test('a command that names no Python records none; one whose Python cannot start says why', async () => {
  await withTempDir(async (dir) => {
    await writeFile(
      join(dir, 'train.mjs'),
      "import { writeFileSync } from 'node:fs'; writeFileSync(process.env.MLCI_OUTPUTS + '/m', 'x');",
    );
    const node = await runCli(['train', '--command', 'node train.mjs', '--outputs', 'model'], {
      cwd: dir,
      env: localEnv(),
    });
    expect(node.status).toBe(0);
    expect((await runJson(dir)).environment.python).toBeUndefined();

    const missing = await runCli(
      ['train', '--command', './no-such-venv/bin/python train.py || node train.mjs', '--outputs', 'model'],
      { cwd: dir, env: localEnv() },
    );
    expect(missing.status).toBe(0);
    const recorded = (await runJson(dir)).environment.python;
    expect(recorded?.invocation).toBe('./no-such-venv/bin/python');
    expect(recorded?.error).toMatch(/not found|No such file/);
    expect(recorded?.distributions).toBeUndefined();
  });
}, 60_000);
