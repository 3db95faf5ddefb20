import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { ValidateDataResult } from '../../packages/core/src/steps/validate-data/input';
import { normal, rng } from '../../packages/core/src/test-support/seeded';
import { type RunResult, runCli, withTempDir } from '../support/cli';
import { freePort, startRegistry, type TestRegistry } from '../support/registry';

/**
 * Issue 16, monitoring: train keeps the profile of its training data on the model version (the profile that
 * validate-data --write-profile wrote, named by the validate-data result train already takes as evidence), and `validate-data --reference registry:NAME@ALIAS|@VERSION` compares a production
 * sample with it. A house-price regression table (not the bundled example), generated from a seeded PRNG; the
 * drift statistics are checked against Debian's scipy.
 */

const regions = ['north', 'south', 'east', 'west'];

interface House {
  area: number;
  rooms: number;
  region: string;
  price?: number;
}

/** `n` houses; `shifted` moves the area up by 1.6 sd and reverses the regions' shares (the drifted sample). */
function houses(n: number, seed: number, { shifted = false, labelled = false } = {}): House[] {
  const next = rng(seed);
  const shares = shifted ? [0.1, 0.2, 0.3, 0.4] : [0.4, 0.3, 0.2, 0.1];
  return Array.from({ length: n }, () => {
    const area = Math.round((100 + (shifted ? 40 : 0) + 25 * normal(next)) * 10) / 10;
    const rooms = 1 + Math.floor(next() * 5);
    let u = next();
    let index = 0;
    while (index < shares.length - 1 && u >= (shares[index] as number)) u -= shares[index++] as number;
    const region = regions[index] as string;
    const house: House = { area, rooms, region };
    if (labelled) house.price = Math.round(2000 * area + 15000 * rooms + 8000 * normal(next));
    return house;
  });
}

function csv(rows: House[]): string {
  const columns = Object.keys(rows[0] as House) as (keyof House)[];
  return `${columns.join(',')}\n${rows.map((row) => columns.map((c) => row[c]).join(',')).join('\n')}\n`;
}

const training = houses(800, 1, { labelled: true });
const steady = houses(300, 2);
const drifted = houses(300, 3, { shifted: true });

const schema = `columns:
  area: { type: number, min: 0 }
  rooms: { type: integer, min: 1, max: 5 }
  region: { type: string, allowed: [north, south, east, west] }
  price: { type: number }
`;

/** A project with the training data, its schema, a trainer and the two production samples. */
async function project(dir: string): Promise<void> {
  await mkdir(join(dir, 'data'));
  await mkdir(join(dir, 'production'));
  await writeFile(join(dir, 'data/train.csv'), csv(training));
  await writeFile(join(dir, 'schema.yaml'), schema);
  await writeFile(join(dir, 'production/steady.csv'), csv(steady));
  await writeFile(join(dir, 'production/drifted.csv'), csv(drifted));
  // The "model": a line that depends on the data and the argument, so another argument is another version.
  await writeFile(
    join(dir, 'train.sh'),
    'mkdir -p "$MLCI_OUTPUTS" && { wc -l < data/train.csv; echo "model $1"; } > "$MLCI_OUTPUTS/model.txt"\n',
  );
}

async function cli(dir: string, args: string[], expected: number): Promise<RunResult> {
  const run = await runCli(args, { cwd: dir });
  if (run.status !== expected)
    throw new Error(`mlci ${args.join(' ')}: exit ${run.status}, expected ${expected}\n${run.stderr}`);
  return run;
}

/** The common pipeline: validate the training data (and profile it), train with its result as evidence, register. */
async function validateAndTrain(dir: string, registry: string): Promise<void> {
  await cli(
    dir,
    ['validate-data', '--data', 'data/train.csv', '--schema', 'schema.yaml', '--write-profile', profileFile],
    0,
  );
  await cli(
    dir,
    [
      'train',
      '--command',
      'sh train.sh',
      '--inputs',
      'data',
      'train.sh',
      '--outputs',
      'model',
      '--register',
      'prices',
      '--evidence',
      '.mlci/validate-data.json',
      '--registry',
      registry,
    ],
    0,
  );
}

async function monitor(
  dir: string,
  sample: string,
  reference: string,
  /** Undefined: the registry mlci.yaml names. */
  registry: string | undefined,
  expected: number,
): Promise<{ run: RunResult; result: ValidateDataResult; markdown: string }> {
  const out = `.mlci/monitor-${sample}`;
  const run = await cli(
    dir,
    [
      'validate-data',
      '--data',
      `production/${sample}.csv`,
      '--reference',
      reference,
      ...(registry === undefined ? [] : ['--registry', registry]),
      '--out',
      out,
    ],
    expected,
  );
  const result = JSON.parse(
    await readFile(join(dir, out, 'validate-data.json'), 'utf8'),
  ) as ValidateDataResult;
  return { run, result, markdown: await readFile(join(dir, out, 'validate-data.md'), 'utf8') };
}

const profileFile = '.mlci/train-profile.json';

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** |actual - expected| / |expected|: p-values this small are compared by their digits, not their distance from 0. */
const relativeError = (actual: number | undefined, expected: number) =>
  Math.abs((actual ?? Number.NaN) - expected) / Math.abs(expected);

const driftedColumns = (result: ValidateDataResult) =>
  (result.drift?.columns ?? []).filter((column) => column.drifted).map((column) => column.column);

describe('file: registry', () => {
  const registry = 'file:.mlci/registry';

  test('a production sample against the profile of @production and @1: steady passes, drifted fails naming the columns and the version', async () => {
    await withTempDir(async (dir) => {
      await project(dir);
      await validateAndTrain(dir, registry);
      const trainingProfile = await readFile(join(dir, profileFile));
      await cli(
        dir,
        ['promote', '--model', 'prices', '--to', 'production', '--version', '1', '--require', 'validation'],
        0,
      );

      const steadyRun = await monitor(dir, 'steady', 'registry:prices@production', registry, 0);
      expect(steadyRun.result.status).toBe('passed');
      expect(driftedColumns(steadyRun.result)).toEqual([]);
      expect(steadyRun.result.drift?.reference).toEqual({
        path: 'registry:prices@production',
        kind: 'profile',
        digest: (JSON.parse(trainingProfile.toString()) as { data: { digest: string } }).data.digest,
        rows: 800,
        model: {
          registry,
          name: 'prices',
          version: '1',
          alias: 'production',
          profileDigest: sha256(trainingProfile),
        },
      });

      const driftRun = await monitor(dir, 'drifted', 'registry:prices@production', registry, 1);
      expect(driftedColumns(driftRun.result).sort()).toEqual(['area', 'region']);
      const gate = driftRun.result.checks.find((check) => check.name === 'drift' && !check.column);
      expect(gate?.status).toBe('failed');
      expect(gate?.message).toContain('from the training data of prices version 1 (production)');
      expect(driftRun.markdown).toContain('the training data of prices version 1 (production)');

      // The same statistics as scipy's on the training data's values and the sample's (the profile keeps the
      // values of an 800-row table, so KS is exact): ks_2samp for area, chi2_contingency for region.
      const oracle = JSON.parse(
        execFileSync(
          '/usr/bin/python3',
          [
            '-c',
            `import json, sys
from scipy import stats
d = json.load(sys.stdin)
ks = stats.ks_2samp(d['ref'], d['cur'])
table = [[d['refRegions'].count(r) for r in d['regions']], [d['curRegions'].count(r) for r in d['regions']]]
chi = stats.chi2_contingency(table)
print(json.dumps([float(ks.statistic), float(ks.pvalue), float(chi[0]), float(chi[1])]))`,
          ],
          {
            input: JSON.stringify({
              ref: training.map((h) => h.area),
              cur: drifted.map((h) => h.area),
              refRegions: training.map((h) => h.region),
              curRegions: drifted.map((h) => h.region),
              regions,
            }),
          },
        ).toString(),
      ) as number[];
      const column = (name: string) => driftRun.result.drift?.columns.find((c) => c.column === name);
      expect(column('area')?.test).toBe('ks');
      expect(column('area')?.statistic).toBeCloseTo(oracle[0] as number, 9);
      expect(relativeError(column('area')?.pValue, oracle[1] as number)).toBeLessThan(1e-9);
      expect(column('region')?.test).toBe('chi-square');
      expect(relativeError(column('region')?.statistic, oracle[2] as number)).toBeLessThan(1e-9);
      expect(relativeError(column('region')?.pValue, oracle[3] as number)).toBeLessThan(1e-9);

      // @1 names the version itself: the same comparison, no alias.
      const byVersion = await monitor(dir, 'drifted', 'registry:prices@1', registry, 1);
      expect(byVersion.result.drift?.reference.model).toEqual({
        registry,
        name: 'prices',
        version: '1',
        profileDigest: sha256(trainingProfile),
      });
      expect(driftedColumns(byVersion.result).sort()).toEqual(['area', 'region']);
    });
  });

  test('a version without a profile, an unknown alias or model, no version named: exit 2, one line; a registry that is down: exit 3', async () => {
    await withTempDir(async (dir) => {
      await project(dir);
      // Version 1 with the validation but no profile (validate-data without write-profile): nothing to compare with.
      await cli(dir, ['validate-data', '--data', 'data/train.csv', '--schema', 'schema.yaml'], 0);
      await cli(
        dir,
        ['train', '--command', 'sh train.sh', '--inputs', 'data', 'train.sh', '--outputs', 'model'].concat([
          '--register',
          'prices',
          '--evidence',
          '.mlci/validate-data.json',
        ]),
        0,
      );
      const lastLine = (run: RunResult) => run.stderr.trim().split('\n').at(-1) ?? '';
      const args = (reference: string, registryUri = registry) => [
        'validate-data',
        '--data',
        'production/steady.csv',
        '--reference',
        reference,
        '--registry',
        registryUri,
      ];
      const noProfile = await cli(dir, args('registry:prices@1'), 2);
      expect(lastLine(noProfile)).toBe(
        `mlci: error: reference: prices version 1 in ${registry} has no profile of its training data: give train --evidence the result of validate-data --write-profile PROFILE.json on the training data (or PROFILE.json itself) when it registers prices`,
      );
      const unknownAlias = await cli(dir, args('registry:prices@production'), 2);
      expect(lastLine(unknownAlias)).toMatch(/^mlci: error: .*production/);
      const unknownModel = await cli(dir, args('registry:houses@1'), 2);
      expect(lastLine(unknownModel)).toMatch(/^mlci: error: .*houses/);
      const noVersion = await cli(dir, args('registry:prices'), 2);
      expect(lastLine(noVersion)).toBe(
        "mlci: error: reference: 'prices': expected NAME@VERSION, NAME@ALIAS or NAME@latest",
      );
      for (const run of [noProfile, unknownAlias, unknownModel, noVersion])
        expect(run.stderr).not.toMatch(/\n\s+at /);
      const closed = `127.0.0.1:${await freePort('127.0.0.1')}`;
      const down = await cli(dir, args('registry:prices@1', `oci://${closed}/models`), 3);
      expect(lastLine(down)).toMatch(
        new RegExp(`^mlci: error: registry ${closed.replaceAll('.', '\\.')}.*after 3 attempts`),
      );
    });
  });

  test('train --evidence of a profile itself keeps it; a profile changed since validate-data is exit 2, a missing one a warning', async () => {
    await withTempDir(async (dir) => {
      await project(dir);
      const trainArgs = (evidence: string) => [
        'train',
        '--command',
        'sh train.sh',
        '--inputs',
        'data',
        'train.sh',
        '--outputs',
        'model',
        '--register',
        'prices',
        '--evidence',
        evidence,
      ];
      await cli(
        dir,
        ['validate-data', '--data', 'data/train.csv', '--write-profile', 'train-profile.json'],
        0,
      );
      await cli(dir, trainArgs('train-profile.json'), 0);
      const steadyRun = await monitor(dir, 'steady', 'registry:prices@1', registry, 0);
      expect(steadyRun.result.drift?.reference.model?.profileDigest).toBe(
        sha256(await readFile(join(dir, 'train-profile.json'))),
      );

      // The profile the result names was changed since: refused before anything runs.
      const written = '.mlci/written.json';
      await cli(
        dir,
        ['validate-data', '--data', 'data/train.csv', '--schema', 'schema.yaml', '--write-profile', written],
        0,
      );
      const profile = join(dir, written);
      const original = await readFile(profile, 'utf8');
      await writeFile(profile, original.replace('"rows": 800', '"rows": 801'));
      const changed = await cli(dir, trainArgs('.mlci/validate-data.json'), 2);
      expect(changed.stderr.trim().split('\n').at(-1)).toMatch(
        /^mlci: error: evidence: \.mlci\/written\.json is not the profile \.mlci\/validate-data\.json names \(digest sha256:[0-9a-f]{64}, expected sha256:[0-9a-f]{64}\): run validate-data again$/,
      );
      // Not passed on to the training job: a warning, and the version is registered without it.
      await rm(profile);
      const missing = await cli(dir, trainArgs('.mlci/validate-data.json'), 0);
      expect(missing.stderr).toContain(
        "evidence: .mlci/validate-data.json names the profile .mlci/written.json, which is not here: the version is registered without its training data's profile",
      );
    });
  });
});

describe('OCI registry (Debian docker-registry)', () => {
  let registry: TestRegistry;
  beforeAll(async () => {
    registry = await startRegistry();
  });
  afterAll(async () => {
    await registry?.close();
  });

  test('train keeps the profile on the version; @production after promote compares with it (registry from --registry, then mlci.yaml)', async () => {
    await withTempDir(async (dir) => {
      const uri = `oci://${registry.host}/models`;
      await project(dir);
      await validateAndTrain(dir, uri);
      await cli(
        dir,
        [
          'promote',
          '--model',
          'prices',
          '--to',
          'production',
          '--version',
          '1',
          '--require',
          'validation',
          '--registry',
          uri,
        ],
        0,
      );
      const steadyRun = await monitor(dir, 'steady', 'registry:prices@production', uri, 0);
      expect(steadyRun.result.drift?.reference.model).toMatchObject({
        registry: uri,
        name: 'prices',
        version: '1',
        alias: 'production',
      });
      // The registry said once in mlci.yaml, as for the other steps.
      await writeFile(join(dir, 'mlci.yaml'), `registry: ${uri}\n`);
      const driftRun = await monitor(dir, 'drifted', 'registry:prices@production', undefined, 1);
      expect(driftedColumns(driftRun.result).sort()).toEqual(['area', 'region']);
      expect(driftRun.result.drift?.reference.model?.registry).toBe(uri);
      expect(driftRun.markdown).toContain('the training data of prices version 1 (production)');
    });
  });
});
