import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileSetOf } from '../../io/file-set';
import { LocalPlatform } from '../../platform/local';
import { noProgress } from '../../platform/progress';
import { openRegistry } from '../../registry/open';
import { promoteStep } from '../promote';
import { promoteInput } from '../promote/input';
import { scratchDirectory } from '../validate-data/test-support';
import { evaluateStep } from '.';
import { evaluateInput } from './input';

/**
 * Issue 13, point 2: the first pipeline of a project evaluates against registry:NAME@production before anything
 * holds production. It runs without a baseline, applies the absolute gates, skips the relative ones with the
 * reason, says so everywhere, and promote takes that passing evaluation as the first holder's evidence.
 */
const quiet = { info() {}, warn() {}, debug() {} };
const scratch = scratchDirectory('mlci-first-pipeline-');
const environment = (cwd: string) => ({
  cwd,
  logger: quiet,
  progress: noProgress,
  context: new LocalPlatform(quiet).context(),
});

/** A regression's predictions with whole-number targets; `error` added to every prediction. */
function predictions(error: number): string {
  const rows = ['id,label,prediction'];
  for (let i = 0; i < 120; i++) rows.push(`${i},${(i * 7) % 40},${((i * 7) % 40) + error + (i % 3) * 0.25}`);
  return `${rows.join('\n')}\n`;
}

const gates = ['r2>=0.9', 'rmse<=2', 'rmse:max_drop=0.1', 'mae:max_drop_pct=5', 'r2:non_inferior=0.01'];

async function register(dir: string, content: string) {
  await mkdir(join(dir, 'model'), { recursive: true });
  await writeFile(join(dir, 'model/w.bin'), content);
  const registry = await openRegistry('file:.mlci/registry', { cwd: dir, env: {}, logger: quiet });
  const digest = `sha256:${createHash('sha256').update(content).digest('hex')}`;
  const { version } = await registry.register({
    model: 'prices',
    directory: join(dir, 'model'),
    fileSet: fileSetOf([{ path: 'w.bin', size: content.length, digest, executable: false }]),
    labels: {},
    attachments: [],
  });
  return version.version;
}

const evaluate = (dir: string, options: Record<string, unknown>) =>
  evaluateStep.run(evaluateInput.parse({ gate: gates, ...options }), environment(dir));
const promote = (dir: string, version: string) =>
  promoteStep.run(
    promoteInput.parse({ model: 'prices', to: 'production', version, require: ['evaluation'] }),
    environment(dir),
  );

test('no model registered yet: no baseline, absolute gates applied, relative gates skipped with the reason', async () => {
  const dir = scratch();
  await writeFile(join(dir, 'candidate.csv'), predictions(0.5));
  const report = await evaluate(dir, { candidate: 'candidate.csv', baseline: 'registry:prices@production' });
  const reason = 'no baseline yet: prices@production has no holder';
  expect(report.result.status).toBe('passed');
  expect(report.headline).toBe(`evaluate passed (${reason}): 2 gates passed, 3 relative gates skipped`);
  expect(report.result.baseline).toEqual({ source: 'registry:prices@production', kind: 'absent', reason });
  expect(report.result.task).toEqual({
    name: 'regression',
    reason: 'auto: predictions are non-integer numbers, e.g. 0.5',
  });
  expect(report.result.gates.map((gate) => [gate.rule, gate.status])).toEqual([
    ['r2>=0.9', 'passed'],
    ['rmse<=2', 'passed'],
    ['rmse:max_drop=0.1', 'skipped'],
    ['mae:max_drop_pct=5', 'skipped'],
    ['r2:non_inferior=0.01', 'skipped'],
  ]);
  expect(report.result.gates.filter((gate) => gate.status === 'skipped').map((gate) => gate.message)).toEqual(
    [reason, reason, reason],
  );
  // In the report, as in all report text from data, `@` is followed by a zero-width joiner: it mentions no one.
  const shown = (text: string) => text.replace('@', '@\u200d');
  expect(report.markdown.split('\n')[0]).toBe(`## ✅ ${shown(report.headline)}`);
  expect(report.markdown).toContain(
    `### Skipped gates\n\n| gate | why |\n| --- | --- |\n| rmse:max_drop=0.1 | ${shown(reason)} |`,
  );
  const junit = await readFile(join(dir, '.mlci/evaluate.junit.xml'), 'utf8');
  expect(junit).toContain('tests="5" failures="0" errors="0" skipped="3"');
  expect(junit.match(/<skipped message="no baseline yet: prices@production has no holder"\/>/g)).toHaveLength(
    3,
  );
});

test('an absolute gate that fails still fails the first pipeline', async () => {
  const dir = scratch();
  await writeFile(join(dir, 'candidate.csv'), predictions(2.5));
  const report = await evaluate(dir, { candidate: 'candidate.csv', baseline: 'registry:prices@production' });
  expect(report.result.status).toBe('failed');
  expect(report.headline).toMatch(
    /^evaluate failed \(no baseline yet: prices@production has no holder\): 1 of 2 gates failed, 3 relative gates skipped; rmse 2\.7576 is above 2$/,
  );
});

test('the stored evaluation says the baseline was absent; promote takes it for the first holder only', async () => {
  const dir = scratch();
  const first = await register(dir, 'weights 1');
  await writeFile(join(dir, 'candidate.csv'), predictions(0.5));
  // The model is registered, production is not held yet.
  await evaluate(dir, {
    candidate: 'candidate.csv',
    baseline: 'registry:prices@production',
    attachTo: `prices@${first}`,
  });
  const registry = await openRegistry('file:.mlci/registry', { cwd: dir, env: {}, logger: quiet });
  const stored = (await registry.getVersion('prices', first)).attachments.find(
    (a) => a.kind === 'evaluation',
  );
  const kept = JSON.parse(
    Buffer.from(
      await registry.readAttachment('prices', first, stored as NonNullable<typeof stored>),
    ).toString(),
  );
  expect(kept.baseline).toEqual({
    source: 'registry:prices@production',
    kind: 'absent',
    reason: 'no baseline yet: prices@production has no holder',
  });
  expect(kept.status).toBe('passed');

  const promoted = await promote(dir, first);
  expect(promoted.result.outcome).toBe('moved');
  expect(promoted.result.evidence[0]?.message).toBe(
    'evaluation passed (production has no holder yet to compare with)',
  );

  // Once production is held, an evaluation made without a baseline is no evidence against the holder.
  const second = await register(dir, 'weights 2');
  await registry.attach('prices', second, {
    kind: 'evaluation',
    mediaType: 'application/json',
    content: Buffer.from(JSON.stringify(kept)),
    annotations: { 'dev.mlci.evidence.status': 'passed' },
  });
  const refused = await promote(dir, second);
  expect(refused.result.outcome).toBe('refused');
  expect(refused.result.evidence[0]?.message).toBe(
    'the evaluation had no baseline (no baseline yet: prices@production has no holder), but version 1 holds production now: evaluate again against registry:prices@production',
  );

  // With a holder, the same alias is a real baseline again, paired on the same rows.
  const compared = await evaluate(dir, {
    candidate: 'candidate.csv',
    baseline: 'registry:prices@production',
  });
  expect(compared.result.baseline).toMatchObject({ kind: 'predictions', version: { version: first } });
  expect(compared.result.gates.every((gate) => gate.status === 'passed')).toBe(true);
});
