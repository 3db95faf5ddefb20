import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { EvaluateResult, ModelVersion, PromoteResult, TrainResult } from '@mlci/core';
import { localEnv, runCli, withTempDir } from '../support/cli';

/**
 * Issue 13.1 and 13.8 through the CLI, on a project that is not the bundled example: a scikit-learn regression
 * (house prices) trained by /usr/bin/python3 with a fixed random_state, so the same data gives the same bytes.
 * Commit 1 trains and registers version 1, evaluates it with `--attach-to houses` (no version: the one this
 * commit registered) and its release tag promotes it. Commit 2 changes only the README: training again gives
 * the same bytes, so the same version, now registered from both commits; `--attach-to houses` finds it from
 * commit 2, and promote --from-commit commit 2 promotes it. A commit that registered nothing is a clear exit 2.
 */
const run = promisify(execFile);

const trainer = `import csv, json, os, pickle
from sklearn.ensemble import RandomForestRegressor

def read(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    return [[float(r['area']), float(r['rooms'])] for r in rows], [float(r['price']) for r in rows]

X, y = read('data/train.csv')
X_test, y_test = read('data/test.csv')
model = RandomForestRegressor(n_estimators=8, random_state=0).fit(X, y)
out = os.environ['MLCI_OUTPUTS']
with open(os.path.join(out, 'model.pkl'), 'wb') as f:
    pickle.dump(model, f, protocol=4)
with open(os.path.join(out, 'predictions.csv'), 'w') as f:
    f.write('price,prediction\\n')
    for truth, predicted in zip(y_test, model.predict(X_test)):
        f.write(f'{truth!r},{predicted!r}\\n')
`;

/** Prices from area and rooms with a fixed wobble: no randomness, so every run sees the same data. */
function houses(from: number, count: number): string {
  const rows = ['area,rooms,price'];
  for (let i = from; i < from + count; i++) {
    const area = 40 + ((i * 37) % 160);
    const rooms = 1 + (i % 5);
    rows.push(`${area},${rooms},${area * 1000 + rooms * 7500 + ((i * 7919) % 13) * 900}`);
  }
  return `${rows.join('\n')}\n`;
}

test('the same bytes trained from a README-only commit: one version, registered from both commits, promotable from either', async () => {
  await withTempDir(async (dir) => {
    const env = localEnv();
    const git = async (...args: string[]) =>
      (
        await run('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], { cwd: dir })
      ).stdout.trim();
    const mlci = async (args: string[], expected = 0) => {
      const result = await runCli(args, { cwd: dir, env });
      if (result.status !== expected)
        throw new Error(
          `mlci ${args.join(' ')}: exit ${result.status}, expected ${expected}\n${result.stderr}`,
        );
      return result;
    };
    const train = async () =>
      JSON.parse(
        (
          await mlci([
            'train',
            '--command',
            '/usr/bin/python3 train.py',
            '--inputs',
            'data',
            'train.py',
            '--outputs',
            'model',
            '--register',
            'houses',
            '--no-cache',
            '--json',
          ])
        ).stdout,
      ) as TrainResult;
    const evaluate = async (extra: string[], expected = 0) =>
      JSON.parse(
        (
          await mlci(
            [
              'evaluate',
              '--candidate',
              'model/predictions.csv',
              '--task',
              'regression',
              '--label-column',
              'price',
              '--gate',
              'r2>=0.5',
              '--json',
              ...extra,
            ],
            expected,
          )
        ).stdout,
      ) as EvaluateResult;
    const promote = async (args: string[]) =>
      JSON.parse(
        (await mlci(['promote', '--model', 'houses', '--require', 'evaluation', '--json', ...args])).stdout,
      ) as PromoteResult;

    await writeFile(join(dir, 'train.py'), trainer);
    await run('mkdir', ['-p', join(dir, 'data')]);
    await writeFile(join(dir, 'data/train.csv'), houses(0, 60));
    await writeFile(join(dir, 'data/test.csv'), houses(60, 20));
    await writeFile(join(dir, 'README.md'), '# House prices\n');
    await writeFile(join(dir, '.gitignore'), '.mlci/\nmodel/\n');
    await git('init', '-q', '-b', 'main');
    await git('add', '-A');
    await git('commit', '-q', '-m', 'first model');
    const commit1 = await git('rev-parse', 'HEAD');

    // Commit 1: version 1, evaluated on the version this commit registered, promoted by its release tag.
    const first = await train();
    expect(first.registered).toMatchObject({ model: 'houses', version: '1', created: true });
    expect((await evaluate(['--attach-to', 'houses'])).attachedTo).toBe(
      'houses version 1 in file:.mlci/registry',
    );
    await git('tag', 'v1.0.0');
    const released = await promote(['--tag', 'v1.0.0']);
    expect(released).toMatchObject({ alias: 'production', version: '1', outcome: 'moved' });

    // Commit 2 changes only the README: the same bytes again, so the same version, registered again.
    await writeFile(join(dir, 'README.md'), '# House prices\n\nPredicts the price of a house.\n');
    await git('commit', '-qam', 'docs');
    const commit2 = await git('rev-parse', 'HEAD');
    const second = await train();
    expect(second.outputs?.digest).toBe(first.outputs?.digest);
    expect(second.registered).toMatchObject({ version: '1', created: false });
    // --attach-to NAME finds the version from commit 2 now; registry:NAME@latest is a baseline like any other.
    const evaluated = await evaluate(['--attach-to', 'houses', '--baseline', 'registry:houses@latest']);
    expect(evaluated.attachedTo).toBe('houses version 1 in file:.mlci/registry');
    expect(evaluated.baseline).toMatchObject({ kind: 'predictions' });
    expect(evaluated.baseline && 'version' in evaluated.baseline && evaluated.baseline.version).toEqual({
      model: 'houses',
      version: '1',
      registry: 'file:.mlci/registry',
    });
    const staged = await promote(['--to', 'staging', '--from-commit', commit2]);
    expect(staged).toMatchObject({ alias: 'staging', version: '1', outcome: 'moved' });
    expect(staged.versionFrom).toBe(`registered from commit ${commit2.slice(0, 12)}`);
    // The tag of commit 2 finds the version too: production holds it already.
    await git('tag', 'v1.0.1');
    expect(await promote(['--tag', 'v1.0.1'])).toMatchObject({ version: '1', outcome: 'unchanged' });

    // A retry of commit 2's job adds no registration; `mlci model show` lists both commits.
    await train();
    const [shown] = JSON.parse(
      (await mlci(['model', 'show', 'houses@latest', '--json'])).stdout,
    ) as ModelVersion[];
    expect(shown?.registrations.map((each) => each.commit)).toEqual([commit1, commit2]);
    const text = (await mlci(['model', 'show', 'houses'])).stdout;
    expect(text).toMatch(
      new RegExp(`\\n {2}registered {2}\\S+ {2}commit ${commit1.slice(0, 12)} {2}run \\S+\\n`),
    );
    expect(text).toMatch(new RegExp(`\\n {14}\\S+ {2}commit ${commit2.slice(0, 12)} {2}run \\S+\\n`));

    // Commit 3 registered nothing: attach-to NAME says so, naming the model and the commit (exit 2).
    await writeFile(join(dir, 'README.md'), '# House prices, again\n');
    await git('commit', '-qam', 'more docs');
    const commit3 = await git('rev-parse', 'HEAD');
    const refused = await runCli(
      [
        'evaluate',
        '--candidate',
        'model/predictions.csv',
        '--task',
        'regression',
        '--label-column',
        'price',
        '--attach-to',
        'houses',
      ],
      { cwd: dir, env },
    );
    expect(refused.status).toBe(2);
    expect(refused.stderr.trim()).toBe(
      `mlci: error: attach-to: no version of houses in file:.mlci/registry was registered from commit ${commit3} (train --register houses on this commit first, or give houses@VERSION)`,
    );
  });
}, 120_000);
