import { bareUrl, codeSpan, heading, InlineMarkdown, md, plural, table } from '../../report/markdown';
import type { PromoteResult } from './input';

const icon = { passed: '✅', failed: '❌', missing: '❌' } as const;

/** The report: what moved (or why not), on which evidence, the images retagged and the record kept. */
export function renderReport(result: PromoteResult): string {
  const title =
    result.outcome === 'refused'
      ? md`❌ promote refused: version ${result.version} of ${result.model} may not take ${result.alias}`
      : result.outcome === 'planned'
        ? md`📝 promote (dry run): ${result.alias} of ${result.model} would point at version ${result.version}`
        : result.outcome === 'unchanged'
          ? md`✅ promote: ${result.alias} of ${result.model} already points at version ${result.version}`
          : md`✅ ${result.action === 'rollback' ? 'rollback' : 'promote'}: ${result.alias} of ${result.model} now points at version ${result.version}`;
  const lines = [
    heading(2, title),
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
        result.images.map((image) => [
          codeSpan(image.from),
          new InlineMarkdown(image.to.map((to) => codeSpan(to).markdown).join(', ')),
        ]),
      ),
    );
  if (result.deploy) {
    const deploy = result.deploy;
    const what = {
      committed: md`pushed ${codeSpan(deploy.commit?.slice(0, 12) ?? '')} to ${codeSpan(deploy.branch)}${deploy.attempts > 1 ? md` (after ${plural(deploy.attempts - 1, 'rejected push', 'rejected pushes')})` : ''}`,
      requested: md`pushed to ${codeSpan(deploy.changeRequest?.branch ?? '')}, ${deploy.changeRequest ? bareUrl(deploy.changeRequest.url) : ''}`,
      unchanged: md`unchanged: ${codeSpan(deploy.branch)} already runs this image (no commit)`,
      planned: md`dry run: nothing pushed`,
    }[deploy.outcome];
    lines.push(
      '',
      '### Deployment hand-off',
      '',
      md`${codeSpan(deploy.image)} in ${codeSpan(deploy.repo)}: ${what}.`.markdown,
      '',
      table(
        ['file', 'kind'],
        deploy.files.map((file) => [codeSpan(file.path), file.kind]),
      ),
    );
    if (deploy.diff !== '') lines.push('', '```diff', deploy.diff.trimEnd(), '```');
  }
  if (result.record)
    lines.push(
      '',
      md`Promotion record ${codeSpan(result.record.digest)}: ${result.record.action} at ${result.record.time}${result.record.actor ? md` by ${result.record.actor}` : ''}${result.record.pipelineUrl ? md` in ${bareUrl(result.record.pipelineUrl)}` : ''}.`
        .markdown,
    );
  return `${lines.join('\n')}\n`;
}
