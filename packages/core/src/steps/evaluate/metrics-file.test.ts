import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../errors';
import { scratchDirectory } from '../validate-data/test-support';
import { readMetricsFile } from './metrics-file';

const scratch = scratchDirectory('mlci-metrics-file-');
const digest = `sha256:${'ab'.repeat(32)}`;

async function read(content: string) {
  await writeFile(join(scratch(), 'm.json'), content);
  return readMetricsFile('m.json', scratch());
}

test('the three shapes: evaluate.json, metrics with a data digest, a flat object', async () => {
  expect(
    await read(
      JSON.stringify({
        step: 'evaluate',
        data: { digest, rows: 10 },
        metrics: { f1: { candidate: 0.8, baseline: 0.7 }, roc_auc: { candidate: null } },
      }),
    ),
  ).toEqual({ file: 'm.json', metrics: { f1: 0.8 }, dataDigest: digest });
  expect(await read(JSON.stringify({ metrics: { accuracy: 0.9 }, data_digest: digest }))).toEqual({
    file: 'm.json',
    metrics: { accuracy: 0.9 },
    dataDigest: digest,
  });
  expect(await read('{"accuracy": 0.9, "loss": {"train": 0.1}}')).toEqual({
    file: 'm.json',
    metrics: { accuracy: 0.9, 'loss.train': 0.1 },
  });
});

test.each([
  [
    '{"accuracy": NaN}',
    'm.json: a metric is NaN, which is not a number JSON can hold: fix the metric before the gate',
  ],
  ['{"accuracy": "0.9"}', 'm.json: metric \'accuracy\' is "0.9", not a finite number'],
  ['[1, 2]', 'm.json: expected a JSON object of metrics'],
  ['{"metrics": {"f1": 1}, "data_digest": "abc"}', 'm.json: data_digest must be sha256:<64 hex digits>'],
  ['{"f1": 1', /^m\.json: invalid JSON: /],
])('%s is a one-line input error', async (content, message) => {
  const failure = await read(content).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(InputError);
  if (typeof message === 'string') expect((failure as Error).message).toBe(message);
  else expect((failure as Error).message).toMatch(message);
});
