import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../errors';
import { fileSetOf } from '../../io/file-set';
import { LocalPlatform } from '../../platform/local';
import { noProgress } from '../../platform/progress';
import { openRegistry } from '../../registry/open';
import { scratchDirectory } from '../validate-data/test-support';
import { evaluateStep } from '.';
import { evaluateInput } from './input';

const quiet = { info() {}, warn() {}, debug() {} };
const scratch = scratchDirectory('mlci-evaluate-');

/** 200 rows, slice `region` north/south; `wrongSouth` rows of the south slice predicted wrong. */
function predictions(wrongSouth: number): string {
  const rows = ['label,prediction,score,region'];
  for (let i = 0; i < 200; i++) {
    const label = i % 3 === 0 ? 1 : 0;
    const region = i % 2 === 0 ? 'north' : 'south';
    const wrong = region === 'south' && Math.floor(i / 2) < wrongSouth;
    const prediction = wrong ? 1 - label : label;
    const score = prediction === 1 ? 0.8 - (i % 7) / 100 : 0.2 + (i % 5) / 100;
    rows.push(`${label},${prediction},${score},${region}`);
  }
  return `${rows.join('\n')}\n`;
}

async function run(options: Record<string, unknown>) {
  const dir = scratch();
  return evaluateStep.run(
    evaluateInput.parse({ scoreColumn: 'score', sliceColumn: ['region'], ...options }),
    {
      cwd: dir,
      logger: quiet,
      progress: noProgress,
      context: new LocalPlatform(quiet).context(),
    },
  );
}

test('a candidate worse on one slice fails its slice gate, with the slice and metric named; the reports are written', async () => {
  const dir = scratch();
  await writeFile(join(dir, 'baseline.csv'), predictions(0));
  await writeFile(join(dir, 'candidate.csv'), predictions(20));
  const report = await run({
    candidate: 'candidate.csv',
    baseline: 'baseline.csv',
    gate: ['accuracy:max_drop=0.15', 'recall:max_drop=0.05@region', 'roc_auc>=0.5'],
  });
  const { result } = report;
  expect(result.status).toBe('failed');
  expect(result.data.same).toBe(true);
  expect(result.metrics.accuracy).toMatchObject({ baseline: 1, candidate: 0.9 });
  expect(result.metrics.accuracy?.ci?.[1]).toBeLessThan(0);
  const failed = result.gates.filter((gate) => gate.status === 'failed');
  expect(failed.map((gate) => [gate.rule, gate.slice])).toEqual([
    ['recall:max_drop=0.05@region', 'region=south'],
  ]);
  expect(report.headline).toMatch(
    /^evaluate failed: 1 of 4 gates failed; region=south: recall 1 -> 0\.\d+: worse by/,
  );
  const markdown = await readFile(join(dir, '.mlci/evaluate.md'), 'utf8');
  expect(markdown.indexOf('### Failed gates')).toBeLessThan(markdown.indexOf('### Metrics'));
  expect(markdown).toContain('```mermaid');
  expect(markdown).toContain('| region=south |');
  const junit = await readFile(join(dir, '.mlci/evaluate.junit.xml'), 'utf8');
  expect(junit.match(/<testcase /g)).toHaveLength(4);
  expect(await readFile(join(dir, '.mlci/metrics.txt'), 'utf8')).toMatch(
    /^accuracy 0\.9\naccuracy_delta -0\.0999/m,
  );
  expect(JSON.parse(report.outputs.metrics as string).accuracy).toBe(0.9);
});

test('a candidate as good as the baseline passes every gate', async () => {
  const dir = scratch();
  await writeFile(join(dir, 'baseline.csv'), predictions(3));
  await writeFile(join(dir, 'candidate.csv'), predictions(3));
  const { result, headline } = await run({
    candidate: 'candidate.csv',
    baseline: 'baseline.csv',
    gate: ['f1:non_inferior=0.01', 'mcnemar:alpha=0.05', 'f1:max_drop=0@*'],
  });
  expect(result.status).toBe('passed');
  expect(headline).toBe('evaluate passed: 4 gates passed');
  expect(result.metrics.f1?.ci).toEqual([0, 0]);
});

test('an unknown metric in a gate is an input error naming it; a metric of the other task names the task and why', async () => {
  const dir = scratch();
  await writeFile(join(dir, 'candidate.csv'), predictions(0));
  await expect(run({ candidate: 'candidate.csv', gate: ['rmes<=1'] })).rejects.toThrow(
    new InputError("gate: 'rmes<=1' names an unknown metric 'rmes'"),
  );
  await expect(run({ candidate: 'candidate.csv', gate: ['rmse<=1'] })).rejects.toThrow(
    new InputError(
      "gate: 'rmse<=1': rmse is a regression metric; this evaluation was taken as classification (auto: a score column is declared); set --task regression",
    ),
  );
});

test('attach-to keeps the evaluation on the model version; registry:NAME@VERSION|ALIAS compares with it, paired', async () => {
  const dir = scratch();
  await mkdir(join(dir, 'model'));
  await writeFile(join(dir, 'model/w.bin'), 'weights');
  const registry = await openRegistry('file:.mlci/registry', { cwd: dir, env: {}, logger: quiet });
  const digest = `sha256:${createHash('sha256').update('weights').digest('hex')}`;
  await registry.register({
    model: 'churn',
    directory: join(dir, 'model'),
    fileSet: fileSetOf([{ path: 'w.bin', size: 7, digest, executable: false }]),
    labels: {},
    attachments: [],
  });
  await writeFile(join(dir, 'production.csv'), predictions(0));
  const stored = await run({ candidate: 'production.csv', attachTo: 'churn@1' });
  expect(stored.result.attachedTo).toBe('churn version 1 in file:.mlci/registry');
  const version = await registry.getVersion('churn', '1');
  expect(version.attachments.map((a) => [a.kind, a.annotations['dev.mlci.data.digest']])).toEqual([
    ['evaluation', stored.result.data.digest],
    ['predictions', stored.result.data.digest],
  ]);
  // Stored as evidence, the form every step's evidence has: its step's status.
  expect(version.attachments[0]?.annotations['dev.mlci.evidence.status']).toBe(stored.result.status);

  await writeFile(join(dir, 'candidate.csv'), predictions(20));
  const { result } = await run({
    candidate: 'candidate.csv',
    baseline: 'registry:churn@1',
    gate: ['f1:non_inferior=0.01'],
  });
  expect(result.baseline).toEqual({
    source: 'registry:churn@1',
    kind: 'predictions',
    version: { model: 'churn', version: '1', registry: 'file:.mlci/registry' },
  });
  expect(result.data.same).toBe(true);
  expect(result.metrics.accuracy).toMatchObject({ baseline: 1, candidate: 0.9 });
  expect(result.metrics.f1?.ci).not.toBeNull();
  expect(result.gates[0]).toMatchObject({ status: 'failed' });

  await expect(run({ candidate: 'candidate.csv', baseline: 'registry:churn@2' })).rejects.toThrow(InputError);

  // A stored predictions file that cannot be read is named by its model version, not the scratch file.
  await mkdir(join(dir, 'model2'));
  await writeFile(join(dir, 'model2/w.bin'), 'weights2');
  const digest2 = `sha256:${createHash('sha256').update('weights2').digest('hex')}`;
  const second = await registry.register({
    model: 'churn',
    directory: join(dir, 'model2'),
    fileSet: fileSetOf([{ path: 'w.bin', size: 8, digest: digest2, executable: false }]),
    labels: {},
    attachments: [],
  });
  expect(second.version.version).toBe('2');
  await registry.attach('churn', '2', {
    kind: 'predictions',
    mediaType: 'text/csv',
    content: Buffer.from('no,such,columns\n1,2,3\n'),
    annotations: { 'dev.mlci.file.name': 'predictions.csv' },
  });
  const unreadable = await run({ candidate: 'candidate.csv', baseline: 'registry:churn@2' }).catch(
    (error: Error) => error,
  );
  expect(unreadable).toBeInstanceOf(InputError);
  expect((unreadable as Error).message).toContain('predictions.csv of churn version 2');
  expect((unreadable as Error).message).not.toContain('mlci-baseline-');

  // The production alias (promote writes it as this file) stands for version 1; the report names both.
  await mkdir(join(dir, '.mlci/registry/models/churn/aliases'));
  await writeFile(join(dir, '.mlci/registry/models/churn/aliases/production'), '1\n');
  const byAlias = await run({ candidate: 'candidate.csv', baseline: 'registry:churn@production' });
  expect(byAlias.result.baseline).toEqual({
    source: 'registry:churn@production (version 1)',
    kind: 'predictions',
    version: { model: 'churn', version: '1', registry: 'file:.mlci/registry' },
  });
  expect(byAlias.result.metrics.accuracy).toEqual(result.metrics.accuracy);
  // An alias nobody holds is no baseline (the relative gates are skipped); a missing version is still an error.
  const unheld = await run({ candidate: 'candidate.csv', baseline: 'registry:churn@staging' });
  expect(unheld.result.baseline).toEqual({
    source: 'registry:churn@staging',
    kind: 'absent',
    reason: 'no baseline yet: churn@staging has no holder',
  });
  await expect(run({ candidate: 'candidate.csv', baseline: 'registry:churn@7' })).rejects.toThrow(
    new InputError("model 'churn' has no version 7 in file:.mlci/registry"),
  );
});
