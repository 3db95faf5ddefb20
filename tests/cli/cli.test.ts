import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot, runCli, withTempDir } from '../support/cli';

const packageJson = JSON.parse(readFileSync(join(repoRoot, 'packages/cli/package.json'), 'utf8'));

const schema = `columns:
  id:
    type: integer
    unique: true
  age:
    type: integer
    min: 0
    max: 120
  country:
    type: string
    allowed: [DE, FR, US]
`;
const goodData = 'id,age,country\n1,34,DE\n2,51,FR\n3,27,US\n';
// Three contract violations, each in its own column: a duplicate id, an age out of range, an unknown country.
const badData = 'id,age,country\n1,34,DE\n1,51,FR\n3,270,XX\n';

async function project(dir: string, data: string): Promise<void> {
  await writeFile(join(dir, 'data.csv'), data);
  await writeFile(join(dir, 'schema.yaml'), schema);
}

describe('mlci CLI contract', () => {
  test('--help lists the steps and the exit codes; --version prints the version', async () => {
    await withTempDir(async (dir) => {
      const help = await runCli(['--help'], { cwd: dir });
      expect(help.status).toBe(0);
      expect(help.stdout).toContain('validate-data');
      expect(help.stdout).toMatch(/Exit codes:[\s\S]*2 {2}usage or input error/);
      const stepHelp = await runCli(['validate-data', '--help'], { cwd: dir });
      expect(stepHelp.status).toBe(0);
      expect(stepHelp.stdout).toContain('--schema <value>');
      expect(stepHelp.stdout).toContain('mlci.yaml');
      const version = await runCli(['--version'], { cwd: dir });
      expect(version.stdout.trim()).toBe(packageJson.version);
    });
  });

  test('three violations in three columns: exit 1, all three reported in every report file', async () => {
    await withTempDir(async (dir) => {
      await project(dir, badData);
      const run = await runCli(['validate-data', '--data', 'data.csv', '--schema', 'schema.yaml', '--json'], {
        cwd: dir,
      });
      expect(run.status).toBe(1);
      const printed = JSON.parse(run.stdout);
      const saved = JSON.parse(await readFile(join(dir, '.mlci/validate-data.json'), 'utf8'));
      expect(printed).toEqual(saved);
      expect(saved).toMatchObject({ step: 'validate-data', status: 'failed' });
      const failed = saved.checks.filter((c: { status: string }) => c.status === 'failed');
      expect(failed.map((c: { column: string }) => c.column).sort()).toEqual(['age', 'country', 'id']);
      expect(saved.data.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      const junit = await readFile(join(dir, '.mlci/validate-data.junit.xml'), 'utf8');
      expect(junit.match(/<failure /g)).toHaveLength(3);
      const markdown = await readFile(join(dir, '.mlci/validate-data.md'), 'utf8');
      for (const column of ['id', 'age', 'country']) expect(markdown).toContain(column);
    });
  });

  test('passing data: exit 0, logs on stderr, nothing on stdout without --json', async () => {
    await withTempDir(async (dir) => {
      await project(dir, goodData);
      const run = await runCli(['validate-data', '--data', 'data.csv', '--schema', 'schema.yaml'], {
        cwd: dir,
      });
      expect(run.status).toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('validate-data passed');
    });
  });

  test.each([
    [['validate-data', '--data', 'missing.csv', '--schema', 'schema.yaml'], /missing\.csv/],
    [['validate-data', '--data', 'data.csv', '--schema', 'nope.yaml'], /nope\.yaml/],
    [
      ['validate-data', '--data', 'data.csv', '--schema', 'schema.yaml', '--bogus'],
      /unknown option '--bogus'/,
    ],
    [['validate-data', '--schema', 'schema.yaml'], /--data is required/],
    [['validate-data', '--data', 'data.csv', '--schema', 'schema.yaml', '--format', 'xls'], /--format/],
    [['train-everything'], /unknown command/],
  ])('bad input %j: exit 2 with one line naming the fault, no stack trace', async (args, expected) => {
    await withTempDir(async (dir) => {
      await project(dir, goodData);
      const run = await runCli(args, { cwd: dir });
      expect(run.status).toBe(2);
      const lines = run.stderr.trim().split('\n');
      expect(lines.at(-1)).toMatch(expected);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });
  });

  test('a malformed data file exits 2 naming the file', async () => {
    await withTempDir(async (dir) => {
      await project(dir, goodData);
      await writeFile(join(dir, 'broken.parquet'), 'this is not parquet');
      const run = await runCli(['validate-data', '--data', 'broken.parquet', '--schema', 'schema.yaml'], {
        cwd: dir,
      });
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split('\n').at(-1)).toMatch(/broken\.parquet/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });
  });

  test('mlci.yaml supplies options, flags win, and errors in it name the file and line', async () => {
    await withTempDir(async (dir) => {
      await project(dir, goodData);
      await writeFile(join(dir, 'bad.csv'), badData);
      await writeFile(
        join(dir, 'mlci.yaml'),
        'validate-data:\n  data: bad.csv\n  schema: schema.yaml\n  out: reports\n',
      );
      const fromFile = await runCli(['validate-data'], { cwd: dir });
      expect(fromFile.status).toBe(1);
      const flagWins = await runCli(['validate-data', '--data', 'data.csv'], { cwd: dir });
      expect(flagWins.status).toBe(0);
      expect(JSON.parse(await readFile(join(dir, 'reports/validate-data.json'), 'utf8')).data.path).toContain(
        'data.csv',
      );

      await writeFile(join(dir, 'mlci.yaml'), 'validate-data:\n  data: data.csv\n  shema: schema.yaml\n');
      const typo = await runCli(['validate-data'], { cwd: dir });
      expect(typo.status).toBe(2);
      expect(typo.stderr.trim()).toBe('mlci: error: mlci.yaml:3: validate-data.shema: unknown key');

      await mkdir(join(dir, 'conf'));
      await writeFile(join(dir, 'conf/ci.yaml'), 'validate-data:\n  force: maybe\n');
      const badType = await runCli(['validate-data', '--config', 'conf/ci.yaml'], { cwd: dir });
      expect(badType.status).toBe(2);
      expect(badType.stderr.trim()).toMatch(/^mlci: error: conf\/ci\.yaml:2: validate-data\.force: /);

      await writeFile(join(dir, 'mlci.yaml'), 'validate-data:\n  data: [unclosed\n');
      const syntax = await runCli(['validate-data'], { cwd: dir });
      expect(syntax.status).toBe(2);
      expect(syntax.stderr.trim()).toMatch(/^mlci: error: mlci\.yaml:\d+: invalid YAML/);

      const missingConfig = await runCli(['validate-data', '--config', 'absent.yaml'], { cwd: dir });
      expect(missingConfig.status).toBe(2);
      expect(missingConfig.stderr.trim()).toMatch(/absent\.yaml/);
    });
  });

  test('a failed run leaves the previous good report whole', async () => {
    await withTempDir(async (dir) => {
      await project(dir, goodData);
      expect(
        (await runCli(['validate-data', '--data', 'data.csv', '--schema', 'schema.yaml'], { cwd: dir }))
          .status,
      ).toBe(0);
      const before = await readFile(join(dir, '.mlci/validate-data.json'), 'utf8');
      await writeFile(join(dir, 'schema.yaml'), 'columns:\n  id: {type: integer, min: }\n  : :\n');
      const run = await runCli(['validate-data', '--data', 'data.csv', '--schema', 'schema.yaml'], {
        cwd: dir,
      });
      expect(run.status).toBe(2);
      expect(await readFile(join(dir, '.mlci/validate-data.json'), 'utf8')).toBe(before);
    });
  });
});
