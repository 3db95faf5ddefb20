import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvaluateResult } from '@mlci/core';
import { runCli, withTempDir } from '../support/cli';
import { startRegistry } from '../support/registry';

/**
 * Issue 5's list of bad input, through the CLI: each is a one-line error with the documented exit code, or a
 * defined result (a null metric with its reason, a failing gate), never a crash or a stack trace.
 */
async function evaluate(files: Record<string, string>, args: string[]) {
  return withTempDir(async (dir) => {
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
    const run = await runCli(['evaluate', ...args, '--json'], { cwd: dir });
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    return {
      ...run,
      lines: run.stderr.trim().split('\n'),
      result: run.status === 0 || run.status === 1 ? (JSON.parse(run.stdout) as EvaluateResult) : undefined,
    };
  });
}

const good = 'label,prediction,score\n1,1,0.9\n0,0,0.2\n1,0,0.4\n0,0,0.1\n';

test.each([
  [
    'a score outside [0, 1]',
    { 'p.csv': 'label,prediction,score\n1,1,1.5\n0,0,0.2\n' },
    ['--candidate', 'p.csv', '--score-column', 'score'],
    "mlci: error: p.csv: row 1: score 1.5 in 'score' is not a probability in [0, 1]",
  ],
  [
    'labels and predictions of different types',
    { 'p.csv': 'label,prediction\n1,yes\n0,maybe\n' },
    ['--candidate', 'p.csv'],
    "mlci: error: p.csv: 'label' holds BIGINT and 'prediction' holds VARCHAR: labels and predictions must be of one type",
  ],
  [
    'NaN in a metrics JSON',
    { 'm.json': '{"accuracy": NaN}' },
    ['--candidate', 'm.json'],
    'mlci: error: m.json: a metric is NaN, which is not a number JSON can hold: fix the metric before the gate',
  ],
  [
    'an unknown metric in a gate',
    { 'p.csv': good },
    ['--candidate', 'p.csv', '--gate', 'acuracy>=0.9'],
    "mlci: error: gate: 'acuracy>=0.9' names an unknown metric 'acuracy'",
  ],
  [
    'a malformed gate',
    { 'p.csv': good },
    ['--candidate', 'p.csv', '--gate', 'accuracy => 0.9'],
    "mlci: error: gate: 'accuracy => 0.9' is not a gate: expected METRIC>=VALUE, METRIC<=VALUE, METRIC:max_drop=VALUE, METRIC:max_drop_pct=VALUE, METRIC:non_inferior=MARGIN or mcnemar:alpha=ALPHA, optionally followed by @SLICE",
  ],
  [
    'a baseline file that is not there',
    { 'p.csv': good },
    ['--candidate', 'p.csv', '--baseline', 'missing.csv'],
    /^mlci: error: missing\.csv: /,
  ],
  [
    'a baseline scored on other rows',
    { 'p.csv': good, 'b.csv': 'label,prediction,score\n0,1,0.9\n0,0,0.2\n1,0,0.4\n0,0,0.1\n' },
    ['--candidate', 'p.csv', '--baseline', 'b.csv'],
    /^mlci: error: baseline: the candidate and the baseline must be evaluated on the same data: p\.csv was evaluated on sha256:/,
  ],
])('%s: one line, exit 2', async (_, files, args, message) => {
  const run = await evaluate(files, args);
  expect(run.status).toBe(2);
  expect(run.lines).toHaveLength(1);
  if (typeof message === 'string') expect(run.lines[0]).toBe(message);
  else expect(run.lines[0]).toMatch(message);
});

test('a single class in the labels: roc_auc is null with the reason, and a gate on it fails closed', async () => {
  const run = await evaluate({ 'p.csv': 'label,prediction,score\n1,1,0.9\n1,0,0.3\n' }, [
    '--candidate',
    'p.csv',
    '--score-column',
    'score',
    '--positive-label',
    '1',
    '--gate',
    'roc_auc>=0.5',
  ]);
  expect(run.status).toBe(1);
  expect(run.result?.metrics.roc_auc?.candidate).toBeNull();
  expect(run.result?.notes.roc_auc).toBe(
    'candidate: not defined: the labels hold one class only, so no threshold separates two (scikit-learn refuses it too)',
  );
  expect(run.result?.gates[0]).toMatchObject({
    status: 'failed',
    message: 'roc_auc is missing for the candidate',
  });
});

test.each(['registry:churn@1', 'registry:churn@production'])(
  'a registry baseline that cannot be reached (%s): exit 3 naming the host, an alias too',
  async (baseline) => {
    const down = await startRegistry();
    const host = down.host;
    await down.close();
    const run = await evaluate({ 'p.csv': good }, [
      '--candidate',
      'p.csv',
      '--baseline',
      baseline,
      '--registry',
      `oci://${host}/models`,
    ]);
    expect(run.status).toBe(3);
    expect(run.lines.at(-1)).toMatch(new RegExp(`^mlci: error: registry ${host.replace(/\./g, '\\.')}`));
  },
);

test.each([
  [
    'a version that does not exist',
    'registry:churn@7',
    "mlci: error: model 'churn' has no version 7 in file:.mlci/registry",
  ],
  [
    'a malformed model name',
    'registry:Churn@production',
    "mlci: error: baseline: model name 'Churn': expected lowercase letters and digits separated by '.', '_', '__' or '-' (e.g. churn-model)",
  ],
  [
    'no version or alias',
    'registry:churn@',
    "mlci: error: baseline: 'churn@': expected NAME@VERSION, NAME@ALIAS or NAME@latest",
  ],
])(
  'a registry baseline with %s is still exit 2, while an alias without holder is none',
  async (_, baseline, message) => {
    const run = await evaluate({ 'p.csv': good }, ['--candidate', 'p.csv', '--baseline', baseline]);
    expect(run.status).toBe(2);
    expect(run.lines).toEqual([message]);
    const first = await evaluate({ 'p.csv': good }, [
      '--candidate',
      'p.csv',
      '--baseline',
      'registry:churn@production',
      '--gate',
      'accuracy:max_drop=0',
    ]);
    expect(first.status).toBe(0);
    expect(first.result?.gates[0]?.status).toBe('skipped');
  },
);
