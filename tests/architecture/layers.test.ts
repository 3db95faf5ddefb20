import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { checkLayers, checkTable, type LayerRule, parseLayerTable, readSources } from '../../scripts/layers';

const repo = join(import.meta.dirname, '../..');
const rules = parseLayerTable(readFileSync(join(repo, 'docs/contributing.md'), 'utf8'));

test('`npm run lint` refuses an import that breaks the layers, naming file, line and rule', () => {
  const copy = mkdtempSync(join(tmpdir(), 'mlci-layers-'));
  try {
    cpSync(join(repo, 'packages/core/src'), join(copy, 'packages/core/src'), { recursive: true });
    cpSync(join(repo, 'docs/contributing.md'), join(copy, 'docs/contributing.md'));
    const lint = () =>
      spawnSync(process.execPath, [join(repo, 'scripts/check-layers.mjs'), copy], { encoding: 'utf8' });
    expect(lint()).toMatchObject({ status: 0, stderr: '' });
    // The io layer reaching up into a step.
    const file = join(copy, 'packages/core/src/io/http-get.ts');
    writeFileSync(file, `${readFileSync(file, 'utf8')}export { trainStep } from '../steps/train';\n`);
    const refused = lint();
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      /^packages\/core\/src\/io\/http-get\.ts:\d+: io\/ may not import steps\/train\/index\.ts \(steps\/train\/\); io\/ may import /m,
    );
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
});

test('packages/core/src follows the layers docs/contributing.md writes down', () => {
  expect(rules.length).toBeGreaterThan(10);
  const sources = readSources(join(repo, 'packages/core/src'));
  expect([...checkTable(sources, rules), ...checkLayers(sources, rules)]).toEqual([]);
});

/** A small core in memory: what each case adds to it is the only thing wrong. */
function core(extra: Record<string, string>): Map<string, string> {
  return new Map(
    Object.entries({
      'index.ts': "export * from './errors';\nexport * from './mlflow/tracking';\nexport * from './steps';\n",
      'errors.ts': 'export class MlciError extends Error {}\n',
      'mlflow/tracking.ts': "import { MlciError } from '../errors';\nexport const tracked = MlciError;\n",
      'steps/index.ts': "export * from './train';\nexport * from './evaluate';\n",
      'steps/train/index.ts':
        "import { tracked } from '../../mlflow/tracking';\nimport { flattenParams } from './params';\nexport const train = [tracked, flattenParams];\n",
      'steps/train/params.ts': 'export const flattenParams = 1;\n',
      'steps/evaluate/index.ts': 'export const evaluate = 2;\n',
      ...extra,
    }),
  );
}

describe('the check fails', () => {
  test('on nothing wrong, not at all', () => {
    expect(checkLayers(core({}), rules)).toEqual([]);
  });

  test('on a layer importing one above it, naming the file, the line and the rule', () => {
    const sources = core({
      'mlflow/tracking.ts':
        "import { MlciError } from '../errors';\nimport { flattenParams } from '../steps/train/params';\nexport const tracked = [MlciError, flattenParams];\n",
    });
    expect(checkLayers(sources, rules)).toEqual([
      'packages/core/src/mlflow/tracking.ts:2: mlflow/ may not import steps/train/params.ts (steps/train/); ' +
        'mlflow/ may import errors.ts, io/, report/, platform/ (docs/contributing.md, layers table)',
    ]);
  });

  test('on `export … from`, `import type` and dynamic `import()` alike', () => {
    const sources = core({
      'errors.ts': [
        'export class MlciError extends Error {}',
        "export { tracked } from './mlflow/tracking';",
        "import type { train } from './steps/train';",
        "export const later = () => import('./steps/evaluate');",
        'export type Train = typeof train;',
        '',
      ].join('\n'),
    });
    expect(checkLayers(sources, rules).map((problem) => problem.split(' (')[0])).toEqual([
      'packages/core/src/errors.ts:2: errors.ts may not import mlflow/tracking.ts',
      'packages/core/src/errors.ts:3: errors.ts may not import steps/train/index.ts',
      'packages/core/src/errors.ts:4: errors.ts may not import steps/evaluate/index.ts',
    ]);
  });

  test('on an import cycle between folders, even where each import is allowed', () => {
    const sources = core({
      'steps/evaluate/index.ts': "import { train } from '../train';\nexport const evaluate = train;\n",
      'steps/train/params.ts':
        "import { evaluate } from '../evaluate';\nexport const flattenParams = evaluate;\n",
    });
    const problems = checkLayers(sources, rules);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^import cycle between folders steps\/(train|evaluate)\/ -> steps\/(evaluate|train)\//,
    );
    expect(problems[0]).toContain('packages/core/src/steps/evaluate/index.ts:1 imports steps/train/index.ts');
    expect(problems[0]).toContain(
      'packages/core/src/steps/train/params.ts:1 imports steps/evaluate/index.ts',
    );
  });

  test('on a file allowed on its own that imports the core', () => {
    const sources = core({
      'report/mask-uri.ts': "import { tracked } from '../mlflow/tracking';\nexport const mask = tracked;\n",
      'report/shown-path.ts': 'export const shown = 1;\n',
    });
    expect(checkLayers(sources, rules)).toContain(
      'packages/core/src/report/mask-uri.ts:1: imports ../mlflow/tracking, but the layers table lets errors.ts ' +
        'import this one file of report/, which it may only while the file imports nothing of the core',
    );
  });

  test('on a folder without a row, and on a CI package imported by the core', () => {
    const sources = core({
      'index.ts': "export * from './bamboo/context';\n",
      'bamboo/context.ts': "export { BambooPlatform } from '@mlci/bamboo';\n",
    });
    expect(checkLayers(sources, rules)).toEqual([
      'packages/core/src/bamboo/: has no row in the layers table of docs/contributing.md',
      'packages/core/src/bamboo/context.ts:1: imports @mlci/bamboo: the core knows no CI, no other package of mlci',
    ]);
  });

  test('on a table naming what does not exist', () => {
    const table: LayerRule[] = [...rules, { units: ['wiring/'], mayImport: ['io/gone.ts'] }];
    expect(checkTable(core({}), table)).toEqual(
      expect.arrayContaining([
        'docs/contributing.md: the layers table names wiring/, which packages/core/src does not have',
        'docs/contributing.md: the layers table lets wiring/ import io/gone.ts, which does not exist',
      ]),
    );
  });

  test('not on tests, nor on helpers only tests reach', () => {
    const sources = core({
      'mlflow/tracking.test.ts': "import { flattenParams } from '../steps/train/params';\n",
      'metrics/oracle.ts': "import { train } from '../steps/train';\nexport const oracle = train;\n",
    });
    expect(checkLayers(sources, rules)).toEqual([]);
  });
});
