import { formatBytes, formatMetric, literalText, plural, table } from '../../report/markdown';
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
  const lines = [`## ${failed.length > 0 ? '❌' : '✅'} ${headlineOf(result)}`, ''];
  if (failed.length > 0) {
    lines.push(
      table(
        ['check', 'message'],
        failed.map((check) => [check.name, check.message]),
      ),
      '',
    );
  }
  const rows: [string, string][] = [
    ['run', `\`${result.runId}\``],
    [
      'cache',
      result.cache.status === 'hit'
        ? `hit: restored the outputs of run \`${result.cache.producedBy}\``
        : result.cache.status === 'off'
          ? 'off (no-cache): the command ran'
          : result.cache.status === 'corrupt'
            ? 'the cached entry failed its digest check and was ignored: the command ran'
            : 'miss: the command ran',
    ],
    ['cache key', `\`${short(result.cache.key)}\` in ${result.cache.store}`],
    [
      'inputs',
      `${plural(result.inputs.files, 'file')}, ${formatBytes(result.inputs.bytes)}, \`${short(result.inputs.digest)}\``,
    ],
  ];
  if (result.outputs)
    rows.push([
      'outputs',
      `\`${result.outputs.path}\`: ${plural(result.outputs.files, 'file')}, ${formatBytes(result.outputs.bytes)}, \`${short(result.outputs.digest)}\``,
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
  if (result.tracking) rows.push(['MLflow run', `[${result.tracking.runId}](${result.tracking.url})`]);
  lines.push(table(['', ''], rows), '');
  const metrics = Object.entries(result.metrics);
  if (metrics.length > 0) {
    lines.push(
      '### Metrics',
      '',
      table(
        ['metric', 'value'],
        metrics.map(([name, value]) => [literalText(name), formatMetric(value)]),
      ),
      '',
      ...(metrics.some(([, value]) => formatMetric(value) !== String(value))
        ? [`Rounded to four decimals; \`${result.record.runJson}\` has every digit.`, '']
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
        params.map(([name, value]) => [
          literalText(name),
          typeof value === 'string' ? literalText(value) : value,
        ]),
      ),
      '',
      '</details>',
      '',
    );
  }
  lines.push(
    `Lineage: \`${result.record.runJson}\`, provenance (in-toto, SLSA v1): \`${result.record.provenance}\`.`,
    '',
  );
  return lines.join('\n');
}
