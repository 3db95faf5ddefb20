import {
  codeSpan,
  formatBytes,
  formatMetric,
  heading,
  type InlineMarkdown,
  link,
  md,
  plural,
  table,
} from '../../report/markdown';
import type { TrainResult } from './input';

const short = (digest: string) => digest.replace(/^sha256:/, '').slice(0, 12);

export function headlineOf(result: TrainResult): string {
  const failed = result.checks.find((check) => check.status === 'failed');
  if (failed) return `train failed: ${failed.message}`;
  const model = result.registered
    ? `, model ${result.registered.model} version ${result.registered.version}`
    : '';
  const how =
    result.cache.status === 'hit'
      ? `cache hit, outputs of run ${result.cache.producedBy} restored`
      : `ran in ${((result.command?.durationMs ?? 0) / 1000).toFixed(1)} s`;
  return `train passed: ${how}${model} (outputs ${short(result.outputs?.digest ?? '')})`;
}

/** Failed checks first, then what was made and from what, then the details a reviewer may want to open. */
export function renderReport(result: TrainResult): string {
  const failed = result.checks.filter((check) => check.status === 'failed');
  const lines = [heading(2, md`${failed.length > 0 ? '❌' : '✅'} ${headlineOf(result)}`), ''];
  if (failed.length > 0) {
    lines.push(
      table(
        ['check', 'message'],
        failed.map((check) => [check.name, check.message]),
      ),
      '',
    );
  }
  const rows: [string, string | InlineMarkdown][] = [
    ['run', codeSpan(result.runId)],
    [
      'cache',
      result.cache.status === 'hit'
        ? md`hit: restored the outputs of run ${codeSpan(result.cache.producedBy ?? '')}`
        : result.cache.status === 'off'
          ? 'off (no-cache): the command ran'
          : result.cache.status === 'corrupt'
            ? 'the cached entry failed its digest check and was ignored: the command ran'
            : 'miss: the command ran',
    ],
    ['cache key', md`${codeSpan(short(result.cache.key))} in ${result.cache.store}`],
    [
      'inputs',
      md`${plural(result.inputs.files, 'file')}, ${formatBytes(result.inputs.bytes)}, ${codeSpan(short(result.inputs.digest))}`,
    ],
  ];
  if (result.outputs)
    rows.push([
      'outputs',
      md`${codeSpan(result.outputs.path)}: ${plural(result.outputs.files, 'file')}, ${formatBytes(result.outputs.bytes)}, ${codeSpan(short(result.outputs.digest))}`,
    ]);
  if (result.command) {
    const status = result.command.timedOut
      ? 'killed at the timeout'
      : result.command.signal
        ? `killed by ${result.command.signal}`
        : `exit ${result.command.exitCode}`;
    rows.push(['command', `${status} after ${(result.command.durationMs / 1000).toFixed(1)} s`]);
  }
  if (result.registered)
    rows.push([
      'model',
      `${result.registered.model} version ${result.registered.version}${result.registered.created ? '' : ' (already registered with the same content)'} in ${result.registered.registry}`,
    ]);
  if (result.tracking) rows.push(['MLflow run', link(result.tracking.runId, result.tracking.url)]);
  lines.push(table(['', ''], rows), '');
  const metrics = Object.entries(result.metrics);
  if (metrics.length > 0) {
    lines.push(
      '### Metrics',
      '',
      table(
        ['metric', 'value'],
        metrics.map(([name, value]) => [name, formatMetric(value)]),
      ),
      '',
      ...(metrics.some(([, value]) => formatMetric(value) !== String(value))
        ? [md`Rounded to four decimals; ${codeSpan(result.record.runJson)} has every digit.`.markdown, '']
        : []),
    );
  }
  const params = Object.entries(result.params);
  if (params.length > 0) {
    lines.push(
      '<details><summary>Parameters</summary>',
      '',
      table(
        ['parameter', 'value'],
        // Names and values are the project's text, shown as written (no markup made of them).
        params.map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)]),
      ),
      '',
      '</details>',
      '',
    );
  }
  lines.push(
    md`Lineage: ${codeSpan(result.record.runJson)}, provenance (in-toto, SLSA v1): ${codeSpan(result.record.provenance)}.`
      .markdown,
    '',
  );
  return lines.join('\n');
}
