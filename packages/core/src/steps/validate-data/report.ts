import { table } from '../../report/markdown';
import type { Check } from '../../report/model';
import type { ValidateDataResult } from './input';

const formatLabels = { csv: 'CSV', tsv: 'TSV', jsonl: 'JSON Lines', parquet: 'Parquet' } as const;

/** Longest expected/observed text shown in a table cell; the JSON result has the full values. */
const maxValueLength = 80;

/** One line for logs, comments and the job summary title. */
export function headlineOf(result: ValidateDataResult): string {
  const { passed, failed, warned } = result.counts;
  const total = passed + failed + warned;
  const where = `(${result.data.path}, ${result.data.rows} ${result.data.rows === 1 ? 'row' : 'rows'})`;
  if (failed > 0) return `validate-data failed: ${failed} of ${total} checks failed ${where}`;
  if (warned > 0) {
    return `validate-data passed with ${warned} ${warned === 1 ? 'warning' : 'warnings'}: ${passed} of ${total} checks passed ${where}`;
  }
  return `validate-data passed: ${total} ${total === 1 ? 'check' : 'checks'} passed ${where}`;
}

/**
 * The human report: failures first (they are what a reviewer needs, and what survives a cut to a comment's size
 * limit), then warnings, then the passed checks folded into one row per column so hundreds of columns stay short.
 */
export function renderReport(result: ValidateDataResult): string {
  const { counts, data, schema } = result;
  const emoji = counts.failed > 0 ? '❌' : counts.warned > 0 ? '⚠️' : '✅';
  const lines = [
    `## ${emoji} ${headlineOf(result)}`,
    '',
    `**Data:** \`${data.path}\` (${data.format === 'profiles' ? 'merged profiles' : formatLabels[data.format]}, ${data.rows} rows, ${data.columns} columns, \`${data.digest}\`)  `,
    ...(schema ? [`**Schema:** \`${schema.path}\`${schema.inferred ? ' (inferred from this data)' : ''}  `] : []),
    `**Checks:** ${counts.passed} passed, ${counts.failed} failed, ${counts.warned} warned`,
  ];
  const failed = result.checks.filter((check) => check.status === 'failed');
  const warned = result.checks.filter((check) => check.status === 'warned');
  const passed = result.checks.filter((check) => check.status === 'passed');
  if (failed.length > 0) lines.push('', `### Failed (${failed.length})`, '', violations(failed));
  if (warned.length > 0) lines.push('', `### Warnings (${warned.length})`, '', violations(warned));
  if (passed.length > 0) {
    lines.push(
      '',
      `<details><summary>Passed (${passed.length})</summary>`,
      '',
      passedTable(passed),
      '',
      '</details>',
    );
  }
  return `${lines.join('\n')}\n`;
}

function violations(checks: readonly Check[]): string {
  return table(
    ['Column', 'Rule', 'Expected', 'Observed', 'Message'],
    checks.map((check) => [
      check.column ?? '(table)',
      check.location?.line === undefined ? check.name : `${check.name} (line ${check.location.line})`,
      brief(check.expected),
      brief(check.observed),
      check.message,
    ]),
  );
}

function passedTable(checks: readonly Check[]): string {
  const byColumn = new Map<string, string[]>();
  for (const check of checks) {
    const column = check.column ?? '(table)';
    const rules = byColumn.get(column) ?? [];
    rules.push(check.name);
    byColumn.set(column, rules);
  }
  return table(
    ['Column', 'Rules passed'],
    [...byColumn].map(([column, rules]) => [column, rules.join(', ')]),
  );
}

function brief(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > maxValueLength ? `${text.slice(0, maxValueLength - 1)}…` : text;
}
