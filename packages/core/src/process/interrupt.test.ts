import { registerCleanup, runCleanups, signalExitCode } from './interrupt';

// The registry alone (no signal: tests/hardening/signals.test.ts sends real ones to the CLI).
describe('cleanups on interrupt', () => {
  test('run once each, latest first, failures said and the rest still run; released ones never', async () => {
    const ran: string[] = [];
    registerCleanup(() => {
      ran.push('outputs');
      return 'put back the outputs';
    });
    const released = registerCleanup(() => {
      ran.push('released');
      return 'never';
    });
    registerCleanup(() => {
      throw new Error('disk gone');
    });
    const command = registerCleanup(async () => {
      ran.push('command');
      return 'stopped the command';
    });
    released.release();
    // The work settles one itself (a failed run puts its outputs back): the interrupt gets the same outcome.
    expect(await command.run()).toBe('stopped the command');
    expect(await runCleanups()).toEqual(['cleanup failed: disk gone', 'put back the outputs']);
    expect(ran).toEqual(['command', 'outputs']);
    expect(await runCleanups()).toEqual([]);
  });

  test('what registers while the cleanup runs is cleaned up too', async () => {
    registerCleanup(() => {
      registerCleanup(() => 'late temporary file');
      return 'first';
    });
    expect(await runCleanups()).toEqual(['first', 'late temporary file']);
  });

  test('exit codes are 128 + the signal number', () => {
    expect([signalExitCode('SIGHUP'), signalExitCode('SIGINT'), signalExitCode('SIGTERM')]).toEqual([
      129, 130, 143,
    ]);
  });
});
