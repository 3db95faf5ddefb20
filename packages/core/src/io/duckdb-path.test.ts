import { lstat, mkdtemp, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { isLiteralForDuckDB, literalPaths } from './duckdb-path';

describe('literalPaths', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlci-duckdb-path-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  test('a plain path is handed over as is; no directory is made', async () => {
    const paths = literalPaths();
    const plain = join(dir, "it's données.csv");
    expect(await paths.pathFor(plain, "it's données.csv")).toBe(plain);
    await paths.dispose();
  });

  test('a pattern becomes a plain-named link to the file, removed by dispose (the file stays)', async () => {
    const file = join(dir, 'x*[1].csv.gz');
    await writeFile(file, 'content');
    const paths = literalPaths();
    const link = await paths.pathFor(file, 'x*[1].csv.gz');
    expect(isLiteralForDuckDB(link)).toBe(true);
    expect(basename(link)).toBe('file-1.csv.gz');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(file);
    expect((await lstat(dirname(link))).mode & 0o777).toBe(0o700);
    await paths.dispose();
    await expect(lstat(dirname(link))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readFile(file, 'utf8')).toBe('content');
  });

  test.each(['a[b].csv', 'x*.csv', 'q?.csv', 'b{1,2}.csv'])('%s is a pattern to DuckDB', (name) => {
    expect(isLiteralForDuckDB(join(dir, name))).toBe(false);
  });
});
