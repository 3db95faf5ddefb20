import { formatBytes, table } from '../../report/markdown';
import type { BuildImageStepResult } from './input';

const short = (digest: string) => `\`${digest.slice(0, 19)}…\``;

/** The report: where the image is, what each layer is and what the push did with it, and the lineage labels. */
export function renderReport(result: BuildImageStepResult): string {
  const { image } = result;
  const lines = image
    ? [
        `## ✅ build-image: ${image.references[0]}`,
        '',
        table(
          ['', ''],
          [
            ['digest', `\`${image.digest}\``],
            ['references', image.references.map((r) => `\`${r}\``).join(', ')],
            ['built by', result.builder === 'mlci' ? 'mlci (no daemon)' : `${result.builder} (Dockerfile)`],
            ...(image.platform ? [['platform', image.platform]] : []),
            ...(result.builder === 'mlci'
              ? [
                  [
                    'base',
                    result.base ? `\`${result.base.reference}\` (${short(result.base.digest)})` : 'scratch',
                  ],
                ]
              : []),
            ...(result.bytesUploaded === null || result.target === 'layout'
              ? []
              : [['uploaded', formatBytes(result.bytesUploaded)]]),
            [
              'created',
              `${new Date(result.created.epoch * 1000).toISOString()} (${createdSource[result.created.source]})`,
            ],
          ],
        ),
      ]
    : [`## ❌ build-image failed`, '', ...result.checks.map((check) => `- ${check.message}`)];
  if (result.layers.length > 0)
    lines.push(
      '',
      '### Layers',
      '',
      table(
        ['layer', 'digest', 'size', 'push'],
        result.layers.map((layer) => [
          layer.what,
          short(layer.digest),
          formatBytes(layer.size),
          layer.action,
        ]),
      ),
    );
  lines.push(
    '',
    '### Lineage labels',
    '',
    table(
      ['label', 'value'],
      Object.entries(result.labels).map(([key, value]) => [`\`${key}\``, value]),
    ),
  );
  if (result.attachedTo) lines.push('', `Recorded on ${result.attachedTo}.`);
  return `${lines.join('\n')}\n`;
}

const createdSource: Record<BuildImageStepResult['created']['source'], string> = {
  SOURCE_DATE_EPOCH: 'SOURCE_DATE_EPOCH',
  commit: 'the commit time',
  none: 'no SOURCE_DATE_EPOCH nor commit: the epoch',
};
