import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localEnv, repoRoot } from './support/cli';

test('npm run demo passes the good example files and stops the broken one', () => {
  const run = spawnSync(process.execPath, [join(repoRoot, 'scripts/demo.mjs')], {
    cwd: repoRoot,
    env: localEnv(),
    encoding: 'utf8',
  });
  expect(run.status).toBe(0);
  expect(run.stderr).toContain('Demo passed');
  const result = (part: string) =>
    JSON.parse(readFileSync(join(repoRoot, '.mlci/demo', part, 'validate-data.json'), 'utf8'));
  expect(result('train')).toMatchObject({ status: 'passed', data: { rows: 455 } });
  expect(result('test')).toMatchObject({ status: 'passed', data: { rows: 114 } });
  const broken = result('broken');
  expect(broken.status).toBe('failed');
  expect(
    broken.checks
      .filter((c: { status: string }) => c.status === 'failed')
      .map((c: { column: string }) => c.column),
  ).toEqual(['mean_radius', 'diagnosis']);
});
