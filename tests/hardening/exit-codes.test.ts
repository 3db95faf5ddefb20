import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunResult, runCli, withTempDir } from '../support/cli';
import { trainerSource, trainingData } from '../support/training-project';

/**
 * Issue 14, "never exit 4 for an input": whatever a user, a file or a server gives, mlci ends with the
 * documented code (2 the input, 3 the outside system) and one line naming the culprit, never an internal
 * error or a stack trace, and the files of the last good run stay as they were. Run through the real CLI.
 */

/** The run's error: the one line, last on stderr, and checks that nothing else looks like a crash. */
function errorLine(run: RunResult): string {
  expect(run.stderr).not.toMatch(/internal error|\n\s+at |Error:/);
  const lines = run.stderr.trim().split('\n');
  expect(lines.filter((line) => line.startsWith('mlci: error:'))).toHaveLength(1);
  return lines.at(-1) ?? '';
}

async function inDir(files: Record<string, string>, use: (dir: string) => Promise<void>): Promise<void> {
  await withTempDir(async (dir) => {
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
    await use(dir);
  });
}

/** Digest of every file under dir, by relative path: "intact" means equal before and after. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[path.slice(dir.length + 1)] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return files;
}

// Nine anchors of nine aliases each: 9^9 (387 million) strings once expanded.
const aliasBomb = `${['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat(
    'bcdefghi'.split('').map((name, index) => {
      const previous = 'abcdefgh'[index];
      return `${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`;
    }),
  )
  .join('\n')}\n`;
const deepJson = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
const predictions = 'label,prediction,score\n1,1,0.9\n0,0,0.2\n1,0,0.4\n0,0,0.1\n1,1,0.7\n0,1,0.6\n';

describe('a YAML alias bomb is exit 2 naming the file, wherever mlci reads YAML', () => {
  test('a schema', async () => {
    await inDir({ 'data.csv': predictions, 'schema.yaml': aliasBomb }, async (dir) => {
      const run = await runCli(['validate-data', '--data', 'data.csv', '--schema', 'schema.yaml'], {
        cwd: dir,
      });
      expect(run.status).toBe(2);
      expect(errorLine(run)).toMatch(/^mlci: error: schema\.yaml: YAML aliases expand beyond 100 uses/);
    });
  });

  test('mlci.yaml', async () => {
    await inDir({ 'p.csv': predictions, 'mlci.yaml': aliasBomb }, async (dir) => {
      const run = await runCli(['evaluate', '--candidate', 'p.csv'], { cwd: dir });
      expect(run.status).toBe(2);
      expect(errorLine(run)).toMatch(/^mlci: error: mlci\.yaml: YAML aliases expand beyond 100 uses/);
    });
  });

  test('a params file', async () => {
    await inDir({ 'params.yaml': aliasBomb }, async (dir) => {
      const run = await runCli(
        ['train', '--command', 'true', '--outputs', 'model', '--params', 'params.yaml'],
        {
          cwd: dir,
        },
      );
      expect(run.status).toBe(2);
      expect(errorLine(run)).toMatch(/^mlci: error: params\.yaml: YAML aliases expand beyond 100 uses/);
      expect(existsSync(join(dir, 'model'))).toBe(false);
    });
  });
});

describe('JSON nested 100,000 deep', () => {
  test('a metrics file: exit 2 naming the file and line', async () => {
    await inDir({ 'deep.json': deepJson }, async (dir) => {
      const run = await runCli(['evaluate', '--candidate', 'deep.json'], { cwd: dir });
      expect(run.status).toBe(2);
      expect(errorLine(run)).toBe('mlci: error: deep.json:1: JSON nested deeper than 1000 levels');
    });
  });

  test('a params file (JSON is YAML): exit 2 naming the file', async () => {
    await inDir({ 'params.json': deepJson }, async (dir) => {
      const run = await runCli(
        ['train', '--command', 'true', '--outputs', 'model', '--params', 'params.json'],
        {
          cwd: dir,
        },
      );
      expect(run.status).toBe(2);
      expect(errorLine(run)).toMatch(/^mlci: error: params\.json: YAML nested too deeply/);
    });
  });

  test('a server answer: exit 3 naming the server', async () => {
    const server = createServer((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(deepJson);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await inDir({ 'p.csv': predictions }, async (dir) => {
        const run = await runCli(
          [
            'evaluate',
            '--candidate',
            'p.csv',
            '--baseline',
            'registry:churn@1',
            '--registry',
            `mlflow+http://127.0.0.1:${port}`,
          ],
          { cwd: dir },
        );
        expect(run.status).toBe(3);
        expect(errorLine(run)).toMatch(new RegExp(`^mlci: error: MLflow at 127\\.0\\.0\\.1:${port}: `));
      });
    } finally {
      server.close();
    }
  });
});

test('--resamples far beyond memory is exit 2 naming the flag and its maximum', async () => {
  await inDir({ 'p.csv': predictions }, async (dir) => {
    const run = await runCli(
      ['evaluate', '--candidate', 'p.csv', '--baseline', 'p.csv', '--resamples', '1e10'],
      {
        cwd: dir,
      },
    );
    expect(run.status).toBe(2);
    expect(errorLine(run)).toBe('mlci: error: --resamples: Too big: expected number to be <=100000');
  });
});

describe('--out that cannot be written', () => {
  test('an existing file is exit 2 naming it, and the file is left as it was', async () => {
    await inDir({ 'p.csv': predictions, reports: 'keep me\n' }, async (dir) => {
      const run = await runCli(['evaluate', '--candidate', 'p.csv', '--out', 'reports'], { cwd: dir });
      expect(run.status).toBe(2);
      expect(errorLine(run)).toBe('mlci: error: --out: reports is a file, not a directory');
      expect(readFileSync(join(dir, 'reports'), 'utf8')).toBe('keep me\n');
    });
  });

  test('a file on the way, from mlci.yaml: named at its line', async () => {
    await inDir(
      {
        'p.csv': predictions,
        reports: 'keep me\n',
        'mlci.yaml': 'version: 1\nevaluate:\n  out: reports/eval\n',
      },
      async (dir) => {
        const run = await runCli(['evaluate', '--candidate', 'p.csv'], { cwd: dir });
        expect(run.status).toBe(2);
        expect(errorLine(run)).toBe(
          'mlci: error: mlci.yaml:3: evaluate.out: reports (in reports/eval) is a file, not a directory',
        );
      },
    );
  });
});

/**
 * tmpfs mounts make a full disk, a read-only place and a second file system real. They need root (or
 * CAP_SYS_ADMIN); elsewhere these tests are skipped, saying why.
 */
const mountRoot = mkdtempSync(join(tmpdir(), 'mlci-mount-probe-'));
const canMount =
  process.getuid?.() === 0 &&
  spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountRoot]).status === 0 &&
  spawnSync('umount', [mountRoot]).status === 0;
rmSync(mountRoot, { recursive: true, force: true });
const withMounts = canMount ? describe : describe.skip;
if (!canMount) console.warn('tests/hardening/exit-codes: tmpfs tests skipped: mounting needs root (uid 0)');

function mountTmpfs(dir: string, options: string): void {
  mkdirSync(dir, { recursive: true });
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  if (mounted.status !== 0) throw new Error(`mount ${dir}: ${mounted.stderr}`);
}

async function withTmpfs<T>(dir: string, options: string, use: () => Promise<T>): Promise<T> {
  mountTmpfs(dir, options);
  try {
    return await use();
  } finally {
    spawnSync('umount', ['-l', dir]);
  }
}

withMounts('on tmpfs mounts', () => {
  test('--out on a read-only file system is exit 2 naming it', async () => {
    await inDir({ 'p.csv': predictions }, async (dir) => {
      await withTmpfs(join(dir, 'ro'), 'ro,size=64k', async () => {
        const run = await runCli(['evaluate', '--candidate', 'p.csv', '--out', 'ro/reports'], { cwd: dir });
        expect(run.status).toBe(2);
        expect(errorLine(run)).toBe(
          'mlci: error: --out: cannot write into ro: a read-only file system (EROFS)',
        );
      });
    });
  });

  test('a full disk is exit 3 naming the report file, and the last good reports stay whole', async () => {
    const many = `label,prediction,score\n${Array.from({ length: 400 }, (_, i) => `${i % 2},${(i % 3) % 2},0.${(i * 7) % 10}`).join('\n')}\n`;
    await inDir({ 'p.csv': many }, async (dir) => {
      await withTmpfs(join(dir, 'disk'), 'size=1m', async () => {
        const first = await runCli(
          ['evaluate', '--candidate', 'p.csv', '--score-column', 'score', '--out', 'disk/r'],
          {
            cwd: dir,
          },
        );
        expect(first.status).toBe(0);
        const before = snapshot(join(dir, 'disk/r'));
        // Fill what is left of the megabyte.
        spawnSync('dd', ['if=/dev/zero', `of=${join(dir, 'disk/filler')}`, 'bs=4k']);
        const run = await runCli(
          [
            'evaluate',
            '--candidate',
            'p.csv',
            '--baseline',
            'p.csv',
            '--score-column',
            'score',
            '--resamples',
            '100',
            '--out',
            'disk/r',
          ],
          { cwd: dir },
        );
        expect(run.status).toBe(3);
        expect(errorLine(run)).toMatch(
          /^mlci: error: disk\/r\/evaluate\.(json|md|junit\.xml): cannot \w+: no space left on the device \(ENOSPC\)$/,
        );
        expect(snapshot(join(dir, 'disk/r'))).toEqual(before);
      });
    });
  });

  test('train --outputs on another file system than --out (EXDEV) works, and a failed run puts the outputs back', async () => {
    await inDir({ 'train.mjs': trainerSource, 'data/train.csv': trainingData }, async (dir) => {
      await withTmpfs(join(dir, 'scratch'), 'size=4m', async () => {
        const outputs = join(dir, 'scratch/model');
        mkdirSync(outputs);
        writeFileSync(join(outputs, 'old.bin'), 'the model the user had\n');
        const failed = await runCli(
          [
            'train',
            '--command',
            'node train.mjs && exit 1',
            '--outputs',
            'scratch/model',
            '--metrics',
            'm.json',
          ],
          { cwd: dir },
        );
        expect(failed.status).toBe(1);
        expect(readdirSync(outputs)).toEqual(['old.bin']);
        expect(readdirSync(join(dir, '.mlci/failed-outputs'))).toEqual(['model.json']);
        const run = await runCli(
          ['train', '--command', 'node train.mjs', '--outputs', 'scratch/model', '--metrics', 'm.json'],
          { cwd: dir },
        );
        expect(run.stderr).not.toMatch(/internal error|EXDEV/);
        expect(run.status).toBe(0);
        expect(readdirSync(outputs)).toEqual(['model.json']);
        // Nothing half-moved is left beside the outputs or in the report directory.
        expect(readdirSync(join(dir, 'scratch'))).toEqual(['model']);
      });
    });
  });
});

describe('mlci.yaml errors name the line of the offending node', () => {
  test.each([
    [
      'a wrong type in a step section',
      'version: 1\n\nevaluate:\n  confidence: high\n',
      /^mlci: error: mlci\.yaml:4: evaluate\.confidence: /,
    ],
    [
      'an unknown key',
      'version: 1\nevaluate:\n  resamples: 200\n  cofidence: 0.9\n',
      'mlci: error: mlci.yaml:4: evaluate.cofidence: unknown key',
    ],
    [
      'a duplicate key',
      'version: 1\nevaluate:\n  confidence: 0.9\n  confidence: 0.8\n',
      /^mlci: error: mlci\.yaml:4: invalid YAML: Map keys must be unique/,
    ],
    [
      'a list where the sections belong',
      '# mlci\n- evaluate\n',
      /^mlci: error: mlci\.yaml:2: \(top level\): /,
    ],
    [
      'tab indentation',
      'version: 1\nevaluate:\n\tconfidence: 0.9\n',
      /^mlci: error: mlci\.yaml:3: invalid YAML: Tabs are not allowed/,
    ],
    [
      'a bad item of a list',
      'version: 1\nevaluate:\n  gate:\n    - accuracy>=0.1\n    - 3\n',
      /^mlci: error: mlci\.yaml:5: evaluate\.gate\.1: /,
    ],
    [
      'a gate the step refuses',
      'version: 1\nevaluate:\n  gate:\n    - accuracy>=0.1\n    - acuracy>=0.9\n',
      "mlci: error: mlci.yaml:5: evaluate.gate.1: 'acuracy>=0.9' names an unknown metric 'acuracy'",
    ],
    [
      'a file that is not there',
      'version: 1\nevaluate:\n  baseline: missing.csv\n',
      'mlci: error: mlci.yaml:3: evaluate.baseline: missing.csv: no such file',
    ],
  ])('%s', async (_, config, expected) => {
    await inDir({ 'p.csv': predictions, 'mlci.yaml': config }, async (dir) => {
      const run = await runCli(['evaluate', '--candidate', 'p.csv'], { cwd: dir });
      expect(run.status).toBe(2);
      const line = errorLine(run);
      if (typeof expected === 'string') expect(line).toBe(expected);
      else expect(line).toMatch(expected);
    });
  });
});

describe('numbers beyond a double', () => {
  test('a metric of 1e999 is out of range, naming the file and the metric', async () => {
    await inDir({ 'm.json': '{"accuracy": 0.9, "auc": 1e999}' }, async (dir) => {
      const run = await runCli(['evaluate', '--candidate', 'm.json'], { cwd: dir });
      expect(run.status).toBe(2);
      expect(errorLine(run)).toBe(
        "mlci: error: m.json: metric 'auc' is out of range (beyond 1.8e308, the largest number a double holds)",
      );
    });
  });

  test("train's metrics file with -1e999 fails the metrics check as out of range", async () => {
    await inDir({}, async (dir) => {
      const command = 'echo 1 > "$MLCI_OUTPUTS/m"; echo \'{"loss": -1e999}\' > "$MLCI_METRICS_FILE"';
      const run = await runCli(
        ['train', '--command', command, '--outputs', 'model', '--metrics', 'm.json', '--json'],
        {
          cwd: dir,
        },
      );
      expect(run.status).toBe(1);
      expect(JSON.parse(run.stdout).checks).toContainEqual(
        expect.objectContaining({
          name: 'metrics',
          status: 'failed',
          message:
            "m.json: metric 'loss' is out of range (beyond -1.8e308, the largest number a double holds)",
        }),
      );
    });
  });

  test('a gate of >=1e400 is refused like >=Infinity, naming the gate', async () => {
    await inDir({ 'p.csv': predictions }, async (dir) => {
      const run = await runCli(['evaluate', '--candidate', 'p.csv', '--gate', 'accuracy>=1e400'], {
        cwd: dir,
      });
      expect(run.status).toBe(2);
      expect(errorLine(run)).toBe(
        "mlci: error: gate: 'accuracy>=1e400' has a value out of range (1e400 is beyond 1.8e308, the largest double)",
      );
    });
  });
});
