import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { link, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cliBundle, localEnv, outputOf, runCli, withTempDir } from '../support/cli';

/**
 * Issue 14, "Data loss and the wrong file": nothing the user keeps is replaced, no file is both read and
 * written, no model file is dropped, pipes are read once, every --param key reaches the command, and
 * promote's dry run refuses what the real run refuses. Each test runs the CLI bundle as a user would, on a
 * small regression project (house prices), not the bundled example.
 */

const houses = 'rooms,area,price\n3,70.5,210000\n4,95.0,289000\n2,48.2,150500\n5,120.0,365000\n';

/** A regression trainer: a least-squares slope of price on area, written as the model; counts its runs. */
const trainer = `
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
const rows = readFileSync('data/houses.csv', 'utf8').trim().split('\\n').slice(1).map((l) => l.split(',').map(Number));
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const ax = mean(rows.map((r) => r[1])), ay = mean(rows.map((r) => r[2]));
const slope = rows.reduce((s, r) => s + (r[1] - ax) * (r[2] - ay), 0) / rows.reduce((s, r) => s + (r[1] - ax) ** 2, 0);
mkdirSync(process.env.MLCI_OUTPUTS, { recursive: true });
writeFileSync(process.env.MLCI_OUTPUTS + '/model.json', JSON.stringify({ slope, intercept: ay - slope * ax }));
appendFileSync('runs.log', 'ran\\n');
`;

/** A git repository with data, a trainer and a params file, committed. */
async function houseProject(dir: string): Promise<void> {
  await mkdir(join(dir, 'data'), { recursive: true });
  await writeFile(join(dir, 'data/houses.csv'), houses);
  await writeFile(join(dir, 'train.mjs'), trainer);
  await writeFile(join(dir, 'params.yaml'), 'model:\n  ridge: 0.5\n');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '.');
  git('add', '.');
  git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'houses');
}

async function mlci(dir: string, args: string[], env: NodeJS.ProcessEnv = localEnv()) {
  const run = await runCli(args, { cwd: dir, env });
  expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  return { ...run, lastLine: run.stderr.trim().split('\n').at(-1) ?? '' };
}

const trainArgs = ['train', '--command', 'node train.mjs', '--inputs', 'data', 'train.mjs'];

describe('train --outputs never names what the user keeps', () => {
  test.each([
    ['the git repository', ['--outputs', '.git'], /^mlci: error: outputs: '\.git' is the git repository/],
    ['inside .git', ['--outputs', '.git/objects'], /'\.git\/objects' is inside the git repository '\.git'/],
    ['the registry', ['--outputs', '.mlci/registry'], /is the registry \(registry\)/],
    ['the run cache', ['--outputs', '.mlci/cache'], /is the run cache \(cache-store\)/],
    ["mlci's whole state", ['--outputs', '.mlci'], /'\.mlci' contains the run cache/],
    ['the report directory', ['--outputs', 'reports', '--out', 'reports'], /is the report directory \(out\)/],
    ['an input directory', ['--outputs', 'data'], /'data' is the input \(inputs\)/],
    ['an input file', ['--outputs', 'train.mjs'], /'train\.mjs' is the input \(inputs\)/],
    ['the params file', ['--outputs', 'params.yaml', '--params', 'params.yaml'], /is the params file/],
    ['the working directory by ..', ['--outputs', 'data/..'], /must be a directory inside the working/],
    ['the repository through a link', ['--outputs', 'here'], /'here' is the working directory/],
    ['.git through a link', ['--outputs', 'git-link'], /'git-link' is the git repository '\.git'/],
    ['the home directory through a link', ['--outputs', 'home-link'], /'home-link' is your home directory/],
    ['/ through a link', ['--outputs', 'root-link'], /'root-link' is the root directory/],
  ])('%s: exit 2 naming outputs, nothing run, nothing lost', async (_, extra, expected) => {
    await withTempDir(async (dir) => {
      await houseProject(join(dir, 'repo'));
      const repo = join(dir, 'repo');
      await mkdir(join(dir, 'home'));
      await writeFile(join(dir, 'home', 'notes.txt'), 'mine');
      await symlink('.', join(repo, 'here'));
      await symlink('.git', join(repo, 'git-link'));
      await symlink(join(dir, 'home'), join(repo, 'home-link'));
      await symlink('/', join(repo, 'root-link'));
      // A registry and a run cache with something in them, as after earlier runs.
      await mkdir(join(repo, '.mlci/registry'), { recursive: true });
      await writeFile(join(repo, '.mlci/registry/keep'), 'registered');
      await mkdir(join(repo, '.mlci/cache'), { recursive: true });
      await writeFile(join(repo, '.mlci/cache/keep'), 'cached');
      const run = await mlci(repo, [...trainArgs, ...extra], localEnv({ HOME: join(dir, 'home') }));
      expect(run.status).toBe(2);
      expect(run.lastLine).toMatch(expected);
      expect(run.lastLine).toMatch(/^mlci: error: outputs: /);
      expect(existsSync(join(repo, 'runs.log'))).toBe(false);
      expect(execFileSync('git', ['status', '--porcelain'], { cwd: repo, encoding: 'utf8' })).toBe(
        '?? .mlci/\n?? git-link\n?? here\n?? home-link\n?? root-link\n',
      );
      expect(await readFile(join(repo, 'data/houses.csv'), 'utf8')).toBe(houses);
      expect(await readFile(join(repo, '.mlci/registry/keep'), 'utf8')).toBe('registered');
      expect(await readFile(join(repo, '.mlci/cache/keep'), 'utf8')).toBe('cached');
      expect(await readFile(join(dir, 'home/notes.txt'), 'utf8')).toBe('mine');
    });
  });

  test('a directory of its own is still fine, and a second run (a cache hit) replaces it', async () => {
    await withTempDir(async (dir) => {
      await houseProject(dir);
      for (let run = 0; run < 2; run++) {
        const trained = await mlci(dir, [...trainArgs, '--outputs', 'model', '--register', 'houses']);
        expect(trained.status).toBe(0);
      }
      expect(JSON.parse(await readFile(join(dir, 'model/model.json'), 'utf8')).slope).toBeCloseTo(
        3014.146,
        2,
      );
      expect((await readFile(join(dir, 'runs.log'), 'utf8')).trim().split('\n')).toHaveLength(1);
    });
  });
});

describe('a file is never both read and written', () => {
  const schemaText = 'columns:\n  rooms: {type: integer}\n';
  test.each([
    [
      'infer-schema naming the data',
      ['validate-data', '--data', 'data/houses.csv', '--infer-schema', 'data/houses.csv', '--force'],
      "mlci: error: infer-schema: 'data/houses.csv' is the same file as data: mlci would overwrite what it reads (as cp refuses 'cp a a'); write to another file",
    ],
    [
      'write-profile naming a hard link to the data',
      ['validate-data', '--data', 'data/houses.csv', '--write-profile', 'hard.json', '--force'],
      "mlci: error: write-profile: 'hard.json' is the same file as data 'data/houses.csv': mlci would overwrite what it reads (as cp refuses 'cp a a'); write to another file",
    ],
    [
      'write-profile naming a symbolic link to the schema',
      [
        'validate-data',
        '--data',
        'data/houses.csv',
        '--schema',
        'schema.yaml',
        '--write-profile',
        'soft.json',
        '--force',
      ],
      "mlci: error: write-profile: 'soft.json' is the same file as schema 'schema.yaml': mlci would overwrite what it reads (as cp refuses 'cp a a'); write to another file",
    ],
    [
      'infer-schema and write-profile naming one file',
      [
        'validate-data',
        '--data',
        'data/houses.csv',
        '--infer-schema',
        'x.yaml',
        '--write-profile',
        './x.yaml',
      ],
      "mlci: error: write-profile: './x.yaml' is the same file as infer-schema 'x.yaml': one would overwrite the other; give each its own file",
    ],
    [
      'a report written over the reference',
      [
        'validate-data',
        '--data',
        'data/houses.csv',
        '--reference',
        'data/validate-data.json',
        '--out',
        'data',
      ],
      "mlci: error: out: 'data/validate-data.json' is the same file as reference: mlci would overwrite what it reads (as cp refuses 'cp a a'); write to another file",
    ],
    [
      "evaluate's metrics.txt over its candidate",
      ['evaluate', '--candidate', '.mlci/metrics.txt'],
      "mlci: error: out: '.mlci/metrics.txt' is the same file as candidate: mlci would overwrite what it reads (as cp refuses 'cp a a'); write to another file",
    ],
    [
      "train's metrics file over its params",
      [...trainArgs, '--outputs', 'model', '--params', 'params.yaml', '--metrics', 'params.yaml'],
      "mlci: error: metrics: 'params.yaml' is the same file as params: mlci would overwrite what it reads (as cp refuses 'cp a a'); write to another file",
    ],
  ])('%s: exit 2 naming both options, the file intact', async (_, args, expected) => {
    await withTempDir(async (dir) => {
      await houseProject(dir);
      await writeFile(join(dir, 'schema.yaml'), schemaText);
      await link(join(dir, 'data/houses.csv'), join(dir, 'hard.json'));
      await symlink('schema.yaml', join(dir, 'soft.json'));
      await writeFile(join(dir, 'data/validate-data.json'), '{"reference": true}');
      await mkdir(join(dir, '.mlci'));
      await writeFile(join(dir, '.mlci/metrics.txt'), 'rmse 10\n');
      const run = await mlci(dir, args);
      expect(run.status).toBe(2);
      if (typeof expected === 'string') expect(run.lastLine).toBe(expected);
      else expect(run.lastLine).toMatch(expected);
      expect(await readFile(join(dir, 'data/houses.csv'), 'utf8')).toBe(houses);
      expect(await readFile(join(dir, 'schema.yaml'), 'utf8')).toBe(schemaText);
      expect(await readFile(join(dir, 'params.yaml'), 'utf8')).toBe('model:\n  ridge: 0.5\n');
      expect(await readFile(join(dir, 'data/validate-data.json'), 'utf8')).toBe('{"reference": true}');
      expect(await readFile(join(dir, '.mlci/metrics.txt'), 'utf8')).toBe('rmse 10\n');
      expect(existsSync(join(dir, 'runs.log'))).toBe(false);
    });
  });
});

describe('every --param key reaches the command', () => {
  test('__proto__, constructor.prototype and toString are parameters like any other', async () => {
    await withTempDir(async (dir) => {
      await houseProject(dir);
      await writeFile(join(dir, 'params.yaml'), '__proto__:\n  from_file: 1\nmodel:\n  ridge: 0.5\n');
      const echo =
        "node -e \"const fs=require('fs');fs.writeFileSync('seen.json',JSON.stringify({file:JSON.parse(fs.readFileSync(process.env.MLCI_PARAMS_FILE)),env:Object.fromEntries(Object.entries(process.env).filter(([k])=>k.startsWith('MLCI_PARAM_')))}));fs.mkdirSync(process.env.MLCI_OUTPUTS,{recursive:true});fs.writeFileSync(process.env.MLCI_OUTPUTS+'/m','1')\"";
      const run = await mlci(dir, [
        'train',
        '--command',
        echo,
        '--outputs',
        'model',
        '--params',
        'params.yaml',
        '--param',
        '__proto__.x=1',
        '--param',
        'constructor.prototype.y=2',
        '--param',
        'toString=3',
        '--param',
        'model.__proto__=4',
      ]);
      expect(run.status).toBe(0);
      const seen = JSON.parse(await readFile(join(dir, 'seen.json'), 'utf8'));
      expect(JSON.stringify(seen.file)).toBe(
        '{"__proto__":{"from_file":1,"x":1},"model":{"ridge":0.5,"__proto__":4},"constructor":{"prototype":{"y":2}},"toString":3}',
      );
      expect(seen.env).toEqual({
        MLCI_PARAM__PROTO_FROM_FILE: '1',
        MLCI_PARAM__PROTO_X: '1',
        MLCI_PARAM_MODEL_RIDGE: '0.5',
        MLCI_PARAM_MODEL_PROTO_: '4',
        MLCI_PARAM_CONSTRUCTOR_PROTOTYPE_Y: '2',
        MLCI_PARAM_TOSTRING: '3',
      });
    });
  });
});

describe('promote --dry-run refuses what the real run refuses', () => {
  test('a release tag that is no image tag: both exit 2 with the same line, nothing moved', async () => {
    await withTempDir(async (dir) => {
      await houseProject(dir);
      expect((await mlci(dir, [...trainArgs, '--outputs', 'model', '--register', 'houses'])).status).toBe(0);
      const built = await mlci(dir, [
        'build-image',
        '--model',
        'model',
        '--oci-layout',
        'image',
        '--attach-to',
        'houses@1',
      ]);
      expect(built.status).toBe(0);
      const promote = ['promote', '--model', 'houses', '--version', '1', '--tag', 'v1.0.0+build.5'];
      const args = [...promote, '--require', 'image'];
      const dry = await mlci(dir, [...args, '--dry-run']);
      const real = await mlci(dir, args);
      expect(dry.lastLine).toBe(
        "mlci: error: image tag 'v1.0.0+build.5': not a valid OCI tag (letters, digits, ._-)",
      );
      expect([dry.status, real.status]).toEqual([2, 2]);
      expect(real.lastLine).toBe(dry.lastLine);
      expect(existsSync(join(dir, '.mlci/registry/models/houses/aliases/production'))).toBe(false);
      // A tag an image can take is planned, then moved.
      const fine = [...promote.slice(0, -1), 'v1.0.0', '--require', 'image'];
      expect((await mlci(dir, [...fine, '--dry-run'])).status).toBe(0);
      expect((await mlci(dir, fine)).status).toBe(0);
      expect(existsSync(join(dir, '.mlci/registry/models/houses/aliases/production'))).toBe(true);
    });
  });
});

describe('model files are never dropped', () => {
  /** A trainer that writes model.json and one more file, its name given as hex bytes. */
  const writerOf = (hexName: string) =>
    `node -e "const fs=require('fs');const o=process.env.MLCI_OUTPUTS;fs.mkdirSync(o,{recursive:true});fs.writeFileSync(o+'/model.json','{}');fs.writeFileSync(Buffer.concat([Buffer.from(o+'/'),Buffer.from('${hexName}','hex')]),'weights')"`;
  test.each([
    ['a newline', 'a\nb.bin', "outputs: the file name 'a\\nb.bin' has a control character (\\n)"],
    [
      'bytes that are not UTF-8',
      Buffer.from([0x77, 0xff, 0xfe, 0x2e, 0x62, 0x69, 0x6e]),
      "outputs: the file name 'w\\xFF\\xFE.bin' is not UTF-8",
    ],
    ['a tab', 'layer\t1.bin', "outputs: the file name 'layer\\t1.bin' has a control character (\\t)"],
    ['a backslash', 'a\\b.bin', "outputs: the file name 'a\\\\b.bin' has a backslash"],
  ])(
    'a name with %s: train fails naming it, nothing registered, the earlier model kept',
    async (_, name, expected) => {
      await withTempDir(async (dir) => {
        await houseProject(dir);
        expect((await mlci(dir, [...trainArgs, '--outputs', 'model'])).status).toBe(0);
        const earlier = await readFile(join(dir, 'model/model.json'), 'utf8');
        const hex = Buffer.from(name).toString('hex');
        const run = await mlci(dir, [
          'train',
          '--command',
          writerOf(hex),
          '--outputs',
          'model',
          '--register',
          'houses',
          '--json',
        ]);
        expect(run.status).toBe(1);
        const outputs = JSON.parse(run.stdout).checks.find(
          (check: { name: string }) => check.name === 'outputs',
        );
        expect(outputs.status).toBe('failed');
        expect(outputs.message).toBe(`${expected}, which a listing of files cannot carry: rename it`);
        expect(existsSync(join(dir, '.mlci/registry/models/houses'))).toBe(false);
        expect(await readFile(join(dir, 'model/model.json'), 'utf8')).toBe(earlier);
        // The failed run's files are kept to look at, the odd name with them.
        expect(
          existsSync(Buffer.concat([Buffer.from(join(dir, '.mlci/failed-outputs/')), Buffer.from(name)])),
        ).toBe(true);
      });
    },
  );

  test('an input with a newline in its name is refused too, not left out of the fingerprint', async () => {
    await withTempDir(async (dir) => {
      await houseProject(dir);
      await writeFile(join(dir, 'data/extra\nrows.csv'), houses);
      const run = await mlci(dir, [...trainArgs, '--outputs', 'model']);
      expect(run.status).toBe(2);
      expect(run.lastLine).toBe(
        "mlci: error: inputs: the file name 'data/extra\\nrows.csv' has a control character (\\n), which a listing of files cannot carry: rename it",
      );
    });
  });
});

describe('inputs from a pipe are read once and digested as read', () => {
  /** Runs the CLI from bash, so `<(…)` gives a /dev/fd/N pipe as a real shell does. */
  const viaBash = (dir: string, line: string) =>
    outputOf(
      spawn('bash', ['-c', line], { cwd: dir, env: localEnv({ MLCI: `${process.execPath} ${cliBundle}` }) }),
    );
  const schemaText = 'columns:\n  rooms: {type: integer, min: 1}\n  price: {type: number}\n';
  const sha256 = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

  test('--schema <(cat schema.yaml): checked, and its digest is of the bytes read', async () => {
    await withTempDir(async (dir) => {
      await houseProject(dir);
      await writeFile(join(dir, 'schema.yaml'), schemaText);
      const run = await viaBash(
        dir,
        '$MLCI validate-data --data data/houses.csv --schema <(cat schema.yaml) --json',
      );
      expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
      expect(run.status).toBe(0);
      const result = JSON.parse(run.stdout);
      expect(result.schema.digest).toBe(sha256(schemaText));
      expect(result.counts.passed).toBeGreaterThan(1);
    });
  });

  test('train --params <(…): the params reach the command', async () => {
    await withTempDir(async (dir) => {
      await houseProject(dir);
      const run = await viaBash(
        dir,
        `$MLCI train --command 'node train.mjs' --outputs model --params <(printf 'model:\\n  ridge: 0.25\\n')`,
      );
      expect(run.status).toBe(0);
      expect(JSON.parse(await readFile(join(dir, '.mlci/params.json'), 'utf8'))).toEqual({
        model: { ridge: 0.25 },
      });
    });
  });

  test('a FIFO for --schema: read when its writer comes; without one, exit 2 after a bounded wait', async () => {
    await withTempDir(async (dir) => {
      await houseProject(dir);
      await writeFile(join(dir, 'schema.yaml'), schemaText);
      execFileSync('mkfifo', [join(dir, 'schema.fifo')]);
      const late = await viaBash(
        dir,
        '(sleep 1; cat schema.yaml > schema.fifo) & $MLCI validate-data --data data/houses.csv --schema schema.fifo --json',
      );
      expect(late.status).toBe(0);
      expect(JSON.parse(late.stdout).schema.digest).toBe(sha256(schemaText));
      const started = Date.now();
      const alone = await viaBash(dir, '$MLCI validate-data --data data/houses.csv --schema schema.fifo');
      expect(alone.status).toBe(2);
      expect(alone.stderr.trim().split('\n').at(-1)).toBe(
        'mlci: error: schema.fifo: a pipe that no program wrote to within 10 s; start its writer first, or give a file',
      );
      expect(Date.now() - started).toBeLessThan(30_000);
    });
  }, 60_000);

  test('--data from a pipe: refused naming it (a data file is read twice), never digested as empty', async () => {
    await withTempDir(async (dir) => {
      await houseProject(dir);
      const run = await viaBash(
        dir,
        '$MLCI validate-data --data <(cat data/houses.csv) --infer-schema inferred.yaml',
      );
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split('\n').at(-1)).toMatch(
        /^mlci: error: data: '\/dev\/fd\/[0-9]+' is a pipe or device, not a regular file: .* save it to a file first$/,
      );
    });
  });
});
