import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { repoRoot } from './action-manifest';
import { runActionBundle } from './run-action';

/**
 * On GitHub an action runs from a checkout of this repository without node_modules, so DuckDB (native, not
 * in the bundle) is not there: the action must install the pinned version into the runner's tool cache once,
 * then reuse it. This runs the committed action from a copy outside the repository, with the real npm registry.
 */
let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'mlci-duckdb-install-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

it('installs DuckDB into RUNNER_TOOL_CACHE on first use and reuses it', async () => {
  const actionDir = join(root, '_actions/mlci/validate-data');
  mkdirSync(actionDir, { recursive: true });
  cpSync(join(repoRoot, 'actions/validate-data/action.yml'), join(actionDir, 'action.yml'));
  cpSync(join(repoRoot, 'actions/validate-data/dist'), join(actionDir, 'dist'), { recursive: true });
  const workspace = join(root, 'workspace');
  mkdirSync(workspace);
  writeFileSync(join(workspace, 'data.csv'), 'id,score\n1,0.5\n2,0.75\n');
  writeFileSync(
    join(workspace, 'schema.yaml'),
    'columns:\n  id: { type: integer, unique: true }\n  score: { type: number, min: 0, max: 1 }\n',
  );
  const toolCache = join(root, 'toolcache');
  const run = (name: string) =>
    runActionBundle({
      actionDir,
      inputs: { data: 'data.csv', schema: 'schema.yaml', token: '' },
      env: {
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: 'push',
        GITHUB_REF: 'refs/heads/main',
        RUNNER_TOOL_CACHE: toolCache,
      },
      githubToken: '',
      cwd: workspace,
      runnerTemp: join(root, name),
      timeoutMs: 240_000,
    });

  const first = await run('first');
  expect({ exitCode: first.exitCode, status: first.outputs.status }).toEqual({
    exitCode: 0,
    status: 'passed',
  });
  expect(first.stdout).toMatch(/installing @duckdb\/node-api/i);
  expect(existsSync(join(toolCache, 'mlci'))).toBe(true);

  const second = await run('second');
  expect({ exitCode: second.exitCode, status: second.outputs.status }).toEqual({
    exitCode: 0,
    status: 'passed',
  });
  expect(second.stdout).not.toMatch(/installing @duckdb\/node-api/i);
}, 300_000);
