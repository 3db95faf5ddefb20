import { InputError } from '../../errors';
import { formatMetric } from '../../report/markdown';

/**
 * A gate, parsed from its one-line form (`--gate` flags, `evaluate.gate` in mlci.yaml):
 *
 *   METRIC>=VALUE  METRIC<=VALUE          absolute bounds, inclusive
 *   METRIC:max_drop=VALUE                 the change against the baseline, in the metric's bad direction, <= VALUE
 *   METRIC:max_drop_pct=PERCENT           the same change as a percentage of |baseline|, <= PERCENT
 *   METRIC:non_inferior=MARGIN            the lower bound of the bootstrap interval of the improvement >= -MARGIN
 *   mcnemar:alpha=ALPHA                   the candidate makes significantly more errors than the baseline: fails
 *
 * Any gate may end in `@SLICE`: `@*` every slice of every slice column, `@COLUMN` every slice of that column,
 * `@COLUMN=VALUE` one slice. docs/evaluate.md gives each rule's formula.
 */
export type GateRule =
  | { kind: 'min'; value: number }
  | { kind: 'max'; value: number }
  | { kind: 'max_drop'; value: number }
  | { kind: 'max_drop_pct'; value: number }
  | { kind: 'non_inferior'; margin: number }
  | { kind: 'mcnemar'; alpha: number };

export type SliceSelector =
  | { kind: 'all' }
  | { kind: 'column'; column: string }
  | { kind: 'value'; column: string; value: string };

export interface Gate {
  /** As written, for reports and JUnit names. */
  text: string;
  /** `mcnemar` for the McNemar rule, which is about the predictions, not one metric. */
  metric: string;
  rule: GateRule;
  slice?: SliceSelector;
}

const number = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
const metricName = '[A-Za-z_][A-Za-z0-9_.]*';
const boundPattern = new RegExp(`^(${metricName})\\s*(>=|<=)\\s*(${number})$`);
const changePattern = new RegExp(`^(${metricName}):(max_drop|max_drop_pct|non_inferior|alpha)=(${number})$`);

/**
 * Parses one gate. `isMetric` says which metric names exist (the task's, or a metrics file's keys), so a typo
 * is an error here, naming the gate, rather than a gate that silently never matches. It may instead return why
 * a name is not a metric here (a metric of the other task), which the error then gives.
 */
export function parseGate(text: string, isMetric: (name: string) => boolean | string, option = 'gate'): Gate {
  const trimmed = text.trim();
  // The first @: metric names and numbers never hold one, slice values may.
  const at = trimmed.indexOf('@');
  const body = (at >= 0 ? trimmed.slice(0, at) : trimmed).trim();
  const slice = at >= 0 ? parseSlice(trimmed.slice(at + 1).trim(), text, option) : undefined;
  const fail = (why: string): never => {
    throw new InputError(`${option}: '${text}' ${why}`);
  };
  const bound = boundPattern.exec(body);
  const change = bound ? undefined : changePattern.exec(body);
  if (!bound && !change)
    fail(
      'is not a gate: expected METRIC>=VALUE, METRIC<=VALUE, METRIC:max_drop=VALUE, METRIC:max_drop_pct=VALUE, METRIC:non_inferior=MARGIN or mcnemar:alpha=ALPHA, optionally followed by @SLICE',
    );
  const [, metric, operator, valueText] = (bound ?? change) as RegExpExecArray;
  const value = Number(valueText);
  // `1e400` matches the pattern but is Infinity as a double: as meaningless as `>=Infinity`, which does not.
  if (!Number.isFinite(value))
    fail(`has a value out of range (${valueText} is beyond 1.8e308, the largest double)`);
  let rule: GateRule;
  if (metric === 'mcnemar') {
    if (operator !== 'alpha') fail('is not a gate: McNemar takes mcnemar:alpha=ALPHA');
    if (!(value > 0 && value < 1)) fail('has an alpha outside (0, 1)');
    rule = { kind: 'mcnemar', alpha: value };
  } else {
    const known = isMetric(metric as string);
    if (typeof known === 'string') throw new InputError(`${option}: '${text}': ${known}`);
    if (!known) fail(`names an unknown metric '${metric}'`);
    switch (operator) {
      case '>=':
        rule = { kind: 'min', value };
        break;
      case '<=':
        rule = { kind: 'max', value };
        break;
      case 'max_drop':
      case 'max_drop_pct':
        if (value < 0) fail(`has a negative ${operator}`);
        rule = { kind: operator, value };
        break;
      case 'non_inferior':
        if (value < 0) fail('has a negative margin');
        rule = { kind: 'non_inferior', margin: value };
        break;
      default:
        return fail('is not a gate: alpha= belongs to mcnemar');
    }
  }
  return { text: trimmed, metric: metric as string, rule, ...(slice ? { slice } : {}) };
}

function parseSlice(text: string, gate: string, option: string): SliceSelector {
  if (text === '*') return { kind: 'all' };
  const equals = text.indexOf('=');
  if (equals < 0) {
    if (text === '') throw new InputError(`${option}: '${gate}' has an empty slice after @`);
    return { kind: 'column', column: text };
  }
  const column = text.slice(0, equals).trim();
  if (column === '') throw new InputError(`${option}: '${gate}' has a slice without a column name`);
  return { kind: 'value', column, value: text.slice(equals + 1).trim() };
}

/** What a gate is checked against: the metric on each side, and (for non_inferior) the interval of the improvement. */
export interface GateEvidence {
  candidate: number | null | undefined;
  baseline: number | null | undefined;
  /** The bootstrap interval of candidate − baseline (in the metric's own units). */
  interval?: readonly [number, number] | null;
  /** Whether higher values of the metric are better. */
  higherIsBetter: boolean;
}

export interface GateVerdict {
  status: 'passed' | 'failed';
  message: string;
}

/** As the report's tables show values (four decimals, never rounded to 0), so a message and its table agree. */
const format = formatMetric;
/** `value` in few digits, unless that would make it look equal to `bound` when it is not (0.79999999 vs 0.8). */
const formatAgainst = (value: number, bound: number) =>
  value !== bound && format(value) === format(bound) ? String(value) : format(value);

/**
 * Checks one metric gate (not McNemar, which needs the paired predictions). Fail closed: a metric missing on a
 * side the rule needs fails the gate. Ties pass. The improvement is candidate − baseline for metrics where higher
 * is better and baseline − candidate otherwise, so a drop is always a negative improvement.
 */
export function checkMetricGate(gate: Gate, evidence: GateEvidence): GateVerdict {
  const { rule } = gate;
  const candidate = evidence.candidate ?? null;
  const baseline = evidence.baseline ?? null;
  const passed = (message: string): GateVerdict => ({ status: 'passed', message });
  const failed = (message: string): GateVerdict => ({ status: 'failed', message });
  if (candidate === null) return failed(`${gate.metric} is missing for the candidate`);
  if (rule.kind === 'min')
    return candidate >= rule.value
      ? passed(`${gate.metric} ${formatAgainst(candidate, rule.value)} >= ${format(rule.value)}`)
      : failed(`${gate.metric} ${formatAgainst(candidate, rule.value)} is below ${format(rule.value)}`);
  if (rule.kind === 'max')
    return candidate <= rule.value
      ? passed(`${gate.metric} ${formatAgainst(candidate, rule.value)} <= ${format(rule.value)}`)
      : failed(`${gate.metric} ${formatAgainst(candidate, rule.value)} is above ${format(rule.value)}`);
  if (rule.kind === 'mcnemar') throw new Error('checkMetricGate: McNemar is checked on the predictions');
  if (baseline === null) return failed(`${gate.metric} is missing for the baseline`);
  const improvement = evidence.higherIsBetter ? candidate - baseline : baseline - candidate;
  const drop = -improvement;
  const change = `${format(baseline)} -> ${format(candidate)}`;
  // The words follow the metric's direction: a lower rmse is "better by", never "worse by 0".
  const notWorse = (amount: string) =>
    improvement > 0 ? `better by ${amount}` : improvement === 0 ? 'unchanged' : undefined;
  switch (rule.kind) {
    case 'max_drop':
      return drop <= rule.value
        ? passed(
            `${gate.metric} ${change}: ${notWorse(format(improvement)) ?? `worse by ${format(drop)}`}, within max_drop ${format(rule.value)}`,
          )
        : failed(
            `${gate.metric} ${change}: worse by ${formatAgainst(drop, rule.value)}, more than max_drop ${format(rule.value)}`,
          );
    case 'max_drop_pct': {
      // Against a baseline of 0 any change is an infinite percentage.
      const pct =
        drop === 0
          ? 0
          : baseline === 0
            ? Number.POSITIVE_INFINITY
            : (Math.abs(drop) / Math.abs(baseline)) * 100;
      return drop <= 0 || pct <= rule.value
        ? passed(
            `${gate.metric} ${change}: ${notWorse(`${format(pct)}%`) ?? `worse by ${format(pct)}%`}, within max_drop_pct ${format(rule.value)}%`,
          )
        : failed(
            `${gate.metric} ${change}: worse by ${format(pct)}%, more than max_drop_pct ${format(rule.value)}%`,
          );
    }
    case 'non_inferior': {
      const interval = evidence.interval ?? null;
      if (interval === null)
        return failed(`${gate.metric} has no bootstrap interval (needs predictions on both sides)`);
      // The interval is of candidate − baseline; turned into an interval of the improvement.
      const lower = evidence.higherIsBetter ? interval[0] : -interval[1];
      return lower >= -rule.margin
        ? passed(
            `${gate.metric} ${change}: the improvement's interval starts at ${format(lower)}, within the margin ${format(rule.margin)}`,
          )
        : failed(
            `${gate.metric} ${change}: the improvement's interval starts at ${format(lower)}, below -${format(rule.margin)}: not shown non-inferior`,
          );
    }
  }
}
