import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localEnv, runCli, withTempDir } from '../support/cli';
import { sensorReadings } from '../support/sensor-readings';

/**
 * `--alert issue` where mlci knows no issue tracker (the plain CLI, Jenkins): the run fails as any failing run does
 * (exit 1), the report file is the alert, and one line says so. A passing run says nothing about alerts.
 */
const args = ['validate-data', '--data', 'sample.csv', '--reference', 'training.csv', '--alert', 'issue'];

test.each([
  ['the plain CLI', {}, 'outside GitHub Actions and GitLab CI'],
  // Nothing listens on JENKINS_URL: a request there would fail the run.
  [
    'Jenkins',
    { JENKINS_URL: 'http://127.0.0.1:9/', BUILD_URL: 'http://127.0.0.1:9/job/monitor/3/' },
    'from Jenkins',
  ],
])('%s: a drifted sample fails with the report as the alert; a pass says nothing', async (_, env, where) => {
  await withTempDir(async (cwd) => {
    writeFileSync(join(cwd, 'training.csv'), sensorReadings({ rows: 300, seed: 11 }));
    writeFileSync(join(cwd, 'sample.csv'), sensorReadings({ rows: 200, seed: 29, shift: 15 }));
    const failed = await runCli(args, { cwd, env: localEnv(env) });
    expect(failed.status).toBe(1);
    const notice = failed.stderr.split('\n').filter((line) => line.startsWith('alert:'));
    expect(notice).toEqual([
      `alert: mlci keeps no issue ${where}; the alert is the report ${join(cwd, '.mlci/validate-data.md')} (the run fails with exit code 1: notify from the pipeline on failure)`,
    ]);
    expect(readFileSync(join(cwd, '.mlci/validate-data.md'), 'utf8')).toMatch(/temperature/);

    writeFileSync(join(cwd, 'sample.csv'), sensorReadings({ rows: 200, seed: 37 }));
    const passed = await runCli(args, { cwd, env: localEnv(env) });
    expect(passed.status).toBe(0);
    expect(passed.stderr).not.toMatch(/^alert:/m);
  });
});
