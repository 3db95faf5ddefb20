import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileSetOf } from '../../io/file-set';
import { evidenceTypes } from '../../registry/evidence';
import { openRegistry } from '../../registry/open';
import { scratchDirectory } from '../validate-data/test-support';
import { checkEvidence } from './evidence';

const quiet = { info() {}, warn() {}, debug() {} };
const scratch = scratchDirectory('mlci-evidence-');
const sha = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/** Version 1 of churn, trained on data/train.csv (per its lineage), with the given evidence attached. */
async function versionWith(evidence: { kind: 'validation' | 'evaluation'; result: unknown }[]) {
  // Two versions in one test: each in a directory of its own.
  const dir = await mkdtemp(join(scratch(), 'version-'));
  await mkdir(join(dir, 'model'));
  await writeFile(join(dir, 'model/w.bin'), 'weights');
  const registry = await openRegistry('file:reg', { cwd: dir, env: {}, logger: quiet });
  const lineage = { inputs: { files: [{ path: 'data/train.csv', digest: sha('train rows') }] } };
  await registry.register({
    model: 'churn',
    directory: join(dir, 'model'),
    fileSet: fileSetOf([{ path: 'w.bin', size: 7, digest: sha('weights'), executable: false }]),
    labels: {},
    attachments: [
      { kind: 'lineage', mediaType: 'application/json', content: Buffer.from(JSON.stringify(lineage)) },
      ...evidence.map(({ kind, result }) => ({
        kind,
        mediaType: evidenceTypes[kind].mediaType,
        content: Buffer.from(JSON.stringify(result)),
      })),
    ],
  });
  return { registry, version: await registry.getVersion('churn', '1') };
}

const evaluation = (baselineVersion: string, same: boolean) => ({
  step: 'evaluate',
  status: 'passed',
  data: { same, digest: sha('labels') },
  baseline: {
    source: `registry:churn@${baselineVersion}`,
    version: { model: 'churn', version: baselineVersion },
  },
});

test('validation counts only for data the version was trained on; evaluation only against the holder, on the same data', async () => {
  const validatedOther = {
    step: 'validate-data',
    status: 'passed',
    data: { path: 'x.csv', digest: sha('other') },
  };
  const { registry, version } = await versionWith([
    { kind: 'validation', result: validatedOther },
    { kind: 'evaluation', result: evaluation('5', true) },
  ]);
  const outcome = await checkEvidence({ registry, version, holder: '4', alias: 'production' }, [
    'validation',
    'evaluation',
    'image',
  ]);
  expect(outcome.checks.map((check) => [check.kind, check.status, check.message])).toEqual([
    [
      'validation',
      'failed',
      `the validated data (x.csv, ${sha('other').slice(0, 19)}…) is not among the training inputs of churn version 1`,
    ],
    [
      'evaluation',
      'failed',
      'the evaluation compared with registry:churn@5, not with version 4, which holds production: evaluate against registry:churn@production',
    ],
    ['image', 'missing', 'churn version 1 has no image evidence (build-image with attach-to)'],
  ]);
});

test('an evaluation against the holder on other data is refused; on the same data, with the right validation, it passes', async () => {
  const validated = {
    step: 'validate-data',
    status: 'passed',
    data: { path: 'data/train.csv', digest: sha('train rows') },
  };
  const other = await versionWith([{ kind: 'evaluation', result: evaluation('4', false) }]);
  expect(
    (await checkEvidence({ ...other, holder: '4', alias: 'production' }, ['evaluation'])).checks[0],
  ).toMatchObject({
    status: 'failed',
    message: "the evaluation against version 4 was made on other evaluation data than the baseline's",
  });
  const good = await versionWith([
    { kind: 'validation', result: validated },
    { kind: 'evaluation', result: evaluation('4', true) },
  ]);
  const outcome = await checkEvidence({ ...good, holder: '4', alias: 'production' }, [
    'validation',
    'evaluation',
  ]);
  expect(outcome.checks.map((check) => check.status)).toEqual(['passed', 'passed']);
  // With no holder yet, any passed evaluation will do.
  expect(
    (await checkEvidence({ ...other, holder: null, alias: 'production' }, ['evaluation'])).checks[0]?.status,
  ).toBe('passed');
});
