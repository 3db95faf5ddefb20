import { withRetries } from './retry';

const transient = (error: unknown) => (error as Error).message === 'flaky';

test('retries transient failures up to the limit, then gives up with the last error', async () => {
  let calls = 0;
  await expect(
    withRetries(
      async () => {
        calls++;
        throw new Error('flaky');
      },
      transient,
      { retries: 2, delayMs: 1 },
    ),
  ).rejects.toThrow('flaky');
  expect(calls).toBe(3);
});

test('returns as soon as an attempt succeeds, and never retries a permanent failure', async () => {
  let calls = 0;
  const value = await withRetries(
    async () => {
      calls++;
      if (calls < 2) throw new Error('flaky');
      return 'ok';
    },
    transient,
    { retries: 5, delayMs: 1 },
  );
  expect([value, calls]).toEqual(['ok', 2]);

  calls = 0;
  await expect(
    withRetries(
      async () => {
        calls++;
        throw new Error('forbidden');
      },
      transient,
      { retries: 5, delayMs: 1 },
    ),
  ).rejects.toThrow('forbidden');
  expect(calls).toBe(1);
});
