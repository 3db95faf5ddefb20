import { InputError } from '../../errors';
import { checkMetricGate, type Gate, parseGate } from './gates';

const known = new Set(['accuracy', 'f1', 'log_loss', 'rmse', 'roc_auc', 'r2', 'mae']);
const isMetric = (name: string) => known.has(name);
const parse = (text: string) => parseGate(text, isMetric);

describe('parseGate', () => {
  test.each([
    ['accuracy>=0.9', { metric: 'accuracy', rule: { kind: 'min', value: 0.9 } }],
    ['log_loss <= .35', { metric: 'log_loss', rule: { kind: 'max', value: 0.35 } }],
    ['f1:max_drop=0.02', { metric: 'f1', rule: { kind: 'max_drop', value: 0.02 } }],
    ['rmse:max_drop_pct=5', { metric: 'rmse', rule: { kind: 'max_drop_pct', value: 5 } }],
    ['roc_auc:non_inferior=1e-2', { metric: 'roc_auc', rule: { kind: 'non_inferior', margin: 0.01 } }],
    ['mcnemar:alpha=0.05', { metric: 'mcnemar', rule: { kind: 'mcnemar', alpha: 0.05 } }],
    ['f1:max_drop=0.05@*', { slice: { kind: 'all' } }],
    ['f1:max_drop=0.05@country', { slice: { kind: 'column', column: 'country' } }],
    ['accuracy>=0.8@email=a@b.c', { slice: { kind: 'value', column: 'email', value: 'a@b.c' } }],
  ])('%s', (text, expected) => {
    expect(parse(text)).toMatchObject(expected);
  });

  test.each([
    ['accuracy > 0.9', /^gate: 'accuracy > 0.9' is not a gate: expected METRIC>=VALUE/],
    ['accurcy>=0.9', /^gate: 'accurcy>=0.9' names an unknown metric 'accurcy'$/],
    ['f1:max_drop=-0.1', /has a negative max_drop$/],
    ['f1:max_drop=abc', /is not a gate/],
    ['mcnemar:alpha=1.5', /has an alpha outside \(0, 1\)$/],
    ['f1:alpha=0.05', /alpha= belongs to mcnemar$/],
    ['f1>=0.5@', /has an empty slice after @$/],
    ['f1>=0.5@=x', /has a slice without a column name$/],
  ])('%s is a one-line input error', (text, message) => {
    expect(() => parse(text)).toThrow(InputError);
    expect(() => parse(text)).toThrow(message);
  });
});

describe('checkMetricGate', () => {
  const gate = (text: string): Gate => parse(text);
  const higher = { higherIsBetter: true };
  const lower = { higherIsBetter: false };

  test('bounds are inclusive: ties pass', () => {
    expect(checkMetricGate(gate('accuracy>=0.9'), { ...higher, candidate: 0.9, baseline: null }).status).toBe(
      'passed',
    );
    expect(
      checkMetricGate(gate('accuracy>=0.9'), { ...higher, candidate: 0.8999, baseline: null }).status,
    ).toBe('failed');
    expect(checkMetricGate(gate('log_loss<=0.3'), { ...lower, candidate: 0.3, baseline: null }).status).toBe(
      'passed',
    );
  });

  test('a value that fails its bound never reads as equal to it', () => {
    expect(
      checkMetricGate(gate('accuracy>=0.8'), { ...higher, candidate: 0.79999999, baseline: null }).message,
    ).toBe('accuracy 0.79999999 is below 0.8');
  });

  test('max_drop follows the direction of the metric', () => {
    const f1 = gate('f1:max_drop=0.02');
    expect(checkMetricGate(f1, { ...higher, candidate: 0.8, baseline: 0.82 }).status).toBe('passed');
    expect(checkMetricGate(f1, { ...higher, candidate: 0.79, baseline: 0.82 })).toEqual({
      status: 'failed',
      message: 'f1 0.82 -> 0.79: worse by 0.03, more than max_drop 0.02',
    });
    const rmse = gate('rmse:max_drop=1');
    expect(checkMetricGate(rmse, { ...lower, candidate: 11, baseline: 10 }).status).toBe('passed');
    expect(checkMetricGate(rmse, { ...lower, candidate: 11.5, baseline: 10 }).status).toBe('failed');
    expect(checkMetricGate(rmse, { ...lower, candidate: 2, baseline: 10 }).status).toBe('passed');
  });

  test('the words follow the metric direction, with the digits a small change needs', () => {
    const rmse = gate('rmse:max_drop=0.5');
    expect(checkMetricGate(rmse, { ...lower, candidate: 9.6, baseline: 10 }).message).toBe(
      'rmse 10 -> 9.6: better by 0.4, within max_drop 0.5',
    );
    expect(checkMetricGate(rmse, { ...lower, candidate: 10.2, baseline: 10 }).message).toBe(
      'rmse 10 -> 10.2: worse by 0.2, within max_drop 0.5',
    );
    expect(checkMetricGate(rmse, { ...lower, candidate: 10, baseline: 10 }).message).toBe(
      'rmse 10 -> 10: unchanged, within max_drop 0.5',
    );
    // A tiny improvement is not printed as 0.
    const tiny = checkMetricGate(rmse, { ...lower, candidate: 10 - 3e-7, baseline: 10 }).message;
    expect(tiny).toMatch(/: better by 3(\.0*\d*)?e-7, within/);
    expect(
      checkMetricGate(gate('r2:max_drop_pct=1'), { ...higher, candidate: 0.55, baseline: 0.5 }).message,
    ).toBe('r2 0.5 -> 0.55: better by 10%, within max_drop_pct 1%');
    expect(
      checkMetricGate(gate('mae<=100000.5'), { ...lower, candidate: 100000.4, baseline: null }).message,
    ).toBe('mae 100000.4 <= 100000.5');
  });

  test('max_drop_pct is relative to |baseline|; any drop from 0 fails', () => {
    const pct = gate('rmse:max_drop_pct=10');
    expect(checkMetricGate(pct, { ...lower, candidate: 11, baseline: 10 }).status).toBe('passed');
    expect(checkMetricGate(pct, { ...lower, candidate: 11.01, baseline: 10 }).status).toBe('failed');
    const f1 = gate('f1:max_drop_pct=10');
    expect(checkMetricGate(f1, { ...higher, candidate: -0.001, baseline: 0 }).status).toBe('failed');
    expect(checkMetricGate(f1, { ...higher, candidate: 0, baseline: 0 }).status).toBe('passed');
  });

  test('non_inferior reads the lower end of the improvement interval', () => {
    const auc = gate('roc_auc:non_inferior=0.01');
    expect(
      checkMetricGate(auc, { ...higher, candidate: 0.9, baseline: 0.9, interval: [-0.01, 0.01] }).status,
    ).toBe('passed');
    expect(
      checkMetricGate(auc, { ...higher, candidate: 0.9, baseline: 0.9, interval: [-0.011, 0.01] }).status,
    ).toBe('failed');
    // For a lower-is-better metric the improvement is baseline − candidate: its lower end is −(upper delta).
    const loss = gate('log_loss:non_inferior=0.01');
    expect(
      checkMetricGate(loss, { ...lower, candidate: 0.3, baseline: 0.3, interval: [-0.05, 0.02] }).status,
    ).toBe('failed');
    expect(
      checkMetricGate(loss, { ...lower, candidate: 0.3, baseline: 0.3, interval: [-0.05, 0.01] }).status,
    ).toBe('passed');
    expect(checkMetricGate(auc, { ...higher, candidate: 0.9, baseline: 0.9, interval: null }).status).toBe(
      'failed',
    );
  });

  test('a metric missing on a side the rule needs fails (fail closed)', () => {
    expect(checkMetricGate(gate('f1:max_drop=0.1'), { ...higher, candidate: 0.9, baseline: null })).toEqual({
      status: 'failed',
      message: 'f1 is missing for the baseline',
    });
    expect(checkMetricGate(gate('f1>=0.1'), { ...higher, candidate: undefined, baseline: 0.5 }).status).toBe(
      'failed',
    );
  });
});
