import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
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
const scratch = scratchDirectory('mlci-rescore-');

/** `rows` rows whose labels depend on `seed` (other seeds: other evaluation data); the first `wrong` mispredicted. */
function predictions(rows: number, seed: number, wrong: number): string {
  const lines = ['label,prediction,score'];
  for (let i = 0; i < rows; i++) {
    const label = (i * 7 + seed) % 3 === 0 ? 1 : 0;
    const prediction = i < wrong ? 1 - label : label;
    lines.push(`${label},${prediction},${prediction === 1 ? 0.9 : 0.1}`);
  }
  return `${lines.join('\n')}\n`;
}

// The user's scoring command: the "model" is a file saying how many of the first rows it gets wrong; it scores
// the candidate's rows (MLCI_CANDIDATE has the labels) into MLCI_PREDICTIONS.
const scorer = `node -e "
const fs = require('node:fs');
const wrong = Number(fs.readFileSync(process.env.MLCI_BASELINE_MODEL + '/model.txt', 'utf8'));
const rows = fs.readFileSync(process.env.MLCI_CANDIDATE, 'utf8').trim().split('\\n').slice(1);
const out = ['label,prediction,score'];
rows.forEach((row, i) => { const label = Number(row.split(',')[0]); const p = i < wrong ? 1 - label : label; out.push(label + ',' + p + ',' + (p ? 0.9 : 0.1)); });
fs.writeFileSync(process.env.MLCI_PREDICTIONS, out.join('\\n') + '\\n');
"`;

async function setUp() {
  const dir = scratch();
  const environment = {
    cwd: dir,
    logger: quiet,
    progress: noProgress,
    context: new LocalPlatform(quiet).context(),
  };
  const run = (options: Record<string, unknown>) =>
    evaluateStep.run(evaluateInput.parse({ scoreColumn: 'score', ...options }), environment);
  // Production: a model that gets the first 10 rows wrong, evaluated last month on other data (seed 1).
  await mkdir(join(dir, 'production'));
  await writeFile(join(dir, 'production/model.txt'), '10');
  const registry = await openRegistry('file:.mlci/registry', { cwd: dir, env: {}, logger: quiet });
  const digest = `sha256:${createHash('sha256').update('10').digest('hex')}`;
  await registry.register({
    model: 'churn',
    directory: join(dir, 'production'),
    fileSet: fileSetOf([{ path: 'model.txt', size: 2, digest, executable: false }]),
    labels: {},
    attachments: [],
  });
  await writeFile(join(dir, 'old-data.csv'), predictions(200, 1, 10));
  await run({ candidate: 'old-data.csv', attachTo: 'churn@1' });
  // The candidate, on this month's data (seed 2), gets 4 rows wrong.
  await writeFile(join(dir, 'candidate.csv'), predictions(200, 2, 4));
  return { dir, run };
}

test('a baseline evaluated on other data is refused; rescore-command scores its model on the current data', async () => {
  const { run } = await setUp();
  await expect(run({ candidate: 'candidate.csv', baseline: 'registry:churn@1' })).rejects.toThrow(
    /must be evaluated on the same data: candidate\.csv was evaluated on sha256:[0-9a-f]{12}…, registry:churn@1 on sha256:/,
  );
  const { result } = await run({
    candidate: 'candidate.csv',
    baseline: 'registry:churn@1',
    rescoreCommand: scorer,
    gate: ['accuracy:non_inferior=0.01'],
  });
  expect(result.baseline).toEqual({
    source: 'registry:churn@1, re-scored on the current data',
    kind: 'predictions',
    version: { model: 'churn', version: '1', registry: 'file:.mlci/registry' },
  });
  expect(result.data.same).toBe(true);
  // The downloaded model file decided the baseline's predictions: 10 of 200 wrong.
  expect(result.metrics.accuracy).toMatchObject({ candidate: 0.98, baseline: 0.95 });
  expect(result.metrics.accuracy?.delta).toBeCloseTo(0.03, 12);
  expect(result.metrics.accuracy?.ci).not.toBeNull();
  expect(result.gates[0]).toMatchObject({ status: 'passed' });
});

test('on the same data the stored evaluation is used and the command does not run', async () => {
  const { run } = await setUp();
  await run({ candidate: 'old-data.csv', baseline: 'registry:churn@1', rescoreCommand: 'exit 1' }).then(
    ({ result }) => expect(result.baseline?.source).toBe('registry:churn@1'),
  );
});

test('rescore-command failures and misuse are one-line input errors', async () => {
  const { run } = await setUp();
  const base = { candidate: 'candidate.csv', baseline: 'registry:churn@1' };
  await expect(run({ ...base, rescoreCommand: 'exit 3' })).rejects.toThrow(
    new InputError('rescore-command: exited with status 3 while re-scoring churn@1'),
  );
  await expect(run({ ...base, rescoreCommand: 'no-such-scorer-xyz' })).rejects.toThrow(
    new InputError('rescore-command: the shell could not find the command (exit 127): no-such-scorer-xyz'),
  );
  await expect(run({ ...base, rescoreCommand: 'true' })).rejects.toThrow(
    new InputError('rescore-command: exited 0 but wrote no predictions to MLCI_PREDICTIONS (churn@1)'),
  );
  await expect(
    run({ candidate: 'candidate.csv', baseline: 'old-data.csv', rescoreCommand: scorer }),
  ).rejects.toThrow(/^rescore-command: needs a registry:NAME@VERSION baseline/);
  await expect(run({ candidate: 'candidate.csv', rescoreCommand: scorer })).rejects.toThrow(InputError);
});
