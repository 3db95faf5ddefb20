import { table } from '../../report/markdown';
import type { PromoteResult } from './input';

const icon = { passed: '✅', failed: '❌', missing: '❌' } as const;

/** The report: what moved (or why not), on which evidence, the images retagged and the record kept. */
export function renderReport(result: PromoteResult): string {
  const title =
    result.outcome === 'refused'
      ? `## ❌ promote refused: version ${result.version} of ${result.model} may not take ${result.alias}`
      : result.outcome === 'planned'
        ? `## 📝 promote (dry run): ${result.alias} of ${result.model} would point at version ${result.version}`
        : result.outcome === 'unchanged'
          ? `## ✅ promote: ${result.alias} of ${result.model} already points at version ${result.version}`
          : `## ✅ ${result.action === 'rollback' ? 'rollback' : 'promote'}: ${result.alias} of ${result.model} now points at version ${result.version}`;
  const lines = [
    title,
    '',
    table(
      ['', ''],
      [
        ['version', `${result.version} (${result.versionFrom})`],
        ['alias', `${result.alias} (${result.aliasFrom})`],
        ['previous holder', result.previous ?? 'none'],
        ...(result.tag ? [['release tag', result.tag]] : []),
      ],
    ),
  ];
  if (result.evidence.length > 0)
    lines.push(
      '',
      '### Evidence',
      '',
      table(
        ['', 'evidence', 'result'],
        result.evidence.map((check) => [icon[check.status], check.kind, check.message]),
      ),
    );
  if (result.images.length > 0)
    lines.push(
      '',
      '### Images',
      '',
      table(
        ['image', 'now also'],
        result.images.map((image) => [`\`${image.from}\``, image.to.map((to) => `\`${to}\``).join(', ')]),
      ),
    );
  if (result.record)
    lines.push(
      '',
      `Promotion record \`${result.record.digest}\`: ${result.record.action} at ${result.record.time}${result.record.actor ? ` by ${result.record.actor}` : ''}${result.record.pipelineUrl ? ` in ${result.record.pipelineUrl}` : ''}.`,
    );
  return `${lines.join('\n')}\n`;
}
