/**
 * Test support for the metrics tests (imported by *.test.ts only): a seeded generator, and the
 * sklearn oracle - Debian's /usr/bin/python3 running sklearn-oracle.py on cases passed as JSON on stdin.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PYTHON = '/usr/bin/python3';
const ORACLE = fileURLToPath(new URL('./sklearn-oracle.py', import.meta.url));

export { normal, rng } from '../test-support/seeded';

const { floor } = Math;

export function randomInt(next: () => number, below: number): number {
  return floor(next() * below);
}

/** One metric as sklearn computed it. */
export interface OracleMetric {
  value: number | string | null;
  error: string | null;
  warnings: string[];
}

export interface OracleOutput<R> {
  sklearn: string;
  numpy: string;
  results: R[];
}

/** Runs every case in one python process. */
export function runOracle<R>(cases: unknown[]): OracleOutput<R> {
  const out = execFileSync(PYTHON, [ORACLE], {
    input: JSON.stringify({ cases }),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(out) as OracleOutput<R>;
}

export function decode(value: number | string | null): number {
  if (value === 'nan') return Number.NaN;
  if (value === 'inf') return Number.POSITIVE_INFINITY;
  if (value === '-inf') return Number.NEGATIVE_INFINITY;
  if (typeof value !== 'number') throw new Error(`oracle returned ${String(value)}`);
  return value;
}

/** The brief's agreement: rtol 1e-9, and atol 1e-12 near zero. Non-finite values must be identical. */
export function expectClose(actual: number | null | undefined, expected: number, what: string): void {
  if (typeof actual !== 'number') throw new Error(`${what}: got ${String(actual)}, sklearn ${expected}`);
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) {
    if (!Object.is(actual, expected) && !(Number.isNaN(actual) && Number.isNaN(expected))) {
      throw new Error(`${what}: got ${actual}, sklearn ${expected}`);
    }
    return;
  }
  const diff = Math.abs(actual - expected);
  if (diff > 1e-12 && diff > 1e-9 * Math.abs(expected)) {
    throw new Error(
      `${what}: got ${actual}, sklearn ${expected} (diff ${diff}, rel ${diff / Math.abs(expected)})`,
    );
  }
}

/** How many compared values equal sklearn's bit for bit, per metric: reported, and asserted where exact. */
export class ExactTally {
  readonly compared = new Map<string, { total: number; exact: number }>();

  record(name: string, actual: number, expected: number): void {
    const entry = this.compared.get(name) ?? { total: 0, exact: 0 };
    entry.total++;
    if (Object.is(actual, expected) || (actual === expected && actual === 0)) entry.exact++;
    this.compared.set(name, entry);
  }
}
