import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { cliBundle, localEnv, withTempDir } from '../support/cli';

/**
 * Wide data (issue 14): memory grows linearly with the number of columns and stays near what a bare DuckDB scan
 * takes (about 300 MB for 5,000 columns). Before, a 0.4 MB CSV of 5,000 columns took validate-data past 11 GB
 * (one hash table per distinct count, one filtered copy of every column per FILTERed aggregate), and drift with a
 * reference of 1,000 columns past 4 GB. Peak RSS is read from /proc while the CLI runs (DuckDB's memory is
 * native: --max-old-space-size would not see it); a run is stopped as soon as it passes the bound.
 * Runs are not timed here: bench/validate-data/run.mjs --wide measures time against a bare scan.
 */

/** Generous: three to four times what the runs take after the fix, a tenth of what they took before. */
const rssBoundMB = 1536;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  peakMB: number;
  stopped: boolean;
}

/** Runs the CLI bundle, polling its peak RSS (VmHWM) and stopping it above rssBoundMB. */
function runMeasured(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliBundle, ...args], { cwd, env: localEnv() });
    let stdout = '';
    let stderr = '';
    let peakKB = 0;
    let stopped = false;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const hwm = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
        peakKB = Math.max(peakKB, hwm);
        if (peakKB > rssBoundMB * 1024 && !stopped) {
          stopped = true;
          child.kill('SIGKILL');
        }
      } catch {
        // The process has just ended.
      }
    }, 50);
    child.on('error', (error) => {
      clearInterval(poll);
      reject(error);
    });
    child.on('close', (status) => {
      clearInterval(poll);
      resolve({ status, stdout, stderr, peakMB: Math.round(peakKB / 1024), stopped });
    });
  });
}

/** A seeded wide CSV: integer, decimal and category columns in turn, with some empty (null) fields. */
function wideCsv(columns: number, rows: number, seed: number): { text: string; cells: string[][] } {
  let state = seed;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const header = Array.from({ length: columns }, (_, j) => ['n', 'x', 'c'][j % 3] + String(j));
  const cells: string[][] = [];
  for (let i = 0; i < rows; i++) {
    cells.push(
      header.map((_, j) => {
        if (j % 7 === 6 && random() < 0.2) return '';
        if (j % 3 === 0) return String(Math.floor(random() * (j % 2 === 0 ? 1000 : 10)));
        // Decimals of seed 2 lie beyond those of seed 1: a reference that every decimal column drifts from.
        if (j % 3 === 1) return (random() * 100 + (seed - 1) * 100).toFixed(2);
        return 'abcde'[Math.floor(random() * (j % 2 === 0 ? 5 : 2))] as string;
      }),
    );
  }
  const text = `${[header.join(','), ...cells.map((row) => row.join(','))].join('\n')}\n`;
  return { text, cells: [header, ...cells] };
}

describe('validate-data on wide data', () => {
  test('5,000 columns with --infer-schema: bounded memory, and the same rules as counted in JavaScript', async () => {
    await withTempDir(async (dir) => {
      const { text, cells } = wideCsv(5000, 20, 1);
      await writeFile(join(dir, 'wide.csv'), text);
      const run = await runMeasured(
        ['validate-data', '--data', 'wide.csv', '--infer-schema', 'schema.yaml', '--out', 'out'],
        dir,
      );
      expect({ stopped: run.stopped, below: run.peakMB <= rssBoundMB }).toEqual({
        stopped: false,
        below: true,
      });
      expect(run.stderr).not.toContain('Error');
      expect(run.status).toBe(0);

      // The distinct counts behind `unique` and `allowed` come from grouped queries at this width: compare them
      // with an independent count of the generated cells.
      const [header, ...rows] = cells as [string[], ...string[][]];
      const schema = parse(await readFile(join(dir, 'schema.yaml'), 'utf8'), { intAsBigInt: false }) as {
        columns: Record<string, { unique?: boolean; allowed?: string[]; nullable: boolean }>;
      };
      const expectedUnique: string[] = [];
      const expectedAllowed: Record<string, string[]> = {};
      header.forEach((name, j) => {
        const present = rows.map((row) => row[j] as string).filter((value) => value !== '');
        const distinct = new Set(present);
        if (j % 3 !== 1 && present.length > 1 && distinct.size === present.length) expectedUnique.push(name);
        if (j % 3 === 2 && distinct.size >= 1 && distinct.size <= 20 && distinct.size < rows.length)
          expectedAllowed[name] = [...distinct].sort();
      });
      const unique = Object.entries(schema.columns)
        .filter(([, rules]) => rules.unique)
        .map(([name]) => name);
      const allowed = Object.fromEntries(
        Object.entries(schema.columns)
          .filter(([, rules]) => rules.allowed)
          .map(([name, rules]) => [name, rules.allowed]),
      );
      expect(Object.keys(schema.columns)).toHaveLength(5000);
      expect(expectedUnique.length).toBeGreaterThan(100);
      expect(unique).toEqual(expectedUnique);
      expect(allowed).toEqual(expectedAllowed);
      const result = JSON.parse(await readFile(join(dir, 'out', 'validate-data.json'), 'utf8'));
      expect(result.status).toBe('passed');
      expect(result.data.columns).toBe(5000);
    });
  }, 300_000);

  test('1,000 columns against a reference of 1,000 columns: drift in bounded memory', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'current.csv'), wideCsv(1000, 20, 1).text);
      await writeFile(join(dir, 'reference.csv'), wideCsv(1000, 20, 2).text);
      const run = await runMeasured(
        ['validate-data', '--data', 'current.csv', '--reference', 'reference.csv', '--out', 'out'],
        dir,
      );
      expect({ stopped: run.stopped, below: run.peakMB <= rssBoundMB }).toEqual({
        stopped: false,
        below: true,
      });
      expect(run.stderr).not.toContain('Error');
      const result = JSON.parse(await readFile(join(dir, 'out', 'validate-data.json'), 'utf8'));
      const columns = result.drift.columns as { column: string; skipped?: string; drifted: boolean }[];
      // Every column compared.
      expect(columns).toHaveLength(1000);
      expect(columns.filter((column) => column.skipped !== undefined)).toEqual([]);
      const decimals = columns.filter((column) => column.column.startsWith('x'));
      const others = columns.filter((column) => !column.column.startsWith('x'));
      expect(decimals.filter((column) => !column.drifted)).toEqual([]);
      // The others share one distribution: only chance (p <= 0.05) makes a few of them drift.
      expect(others.filter((column) => column.drifted).length).toBeLessThan(others.length * 0.15);
    });
  }, 300_000);
});
