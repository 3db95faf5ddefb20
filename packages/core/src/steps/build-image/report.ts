import { codeSpan, formatBytes, heading, InlineMarkdown, md, plural, table } from '../../report/markdown';
import type { BuildImageStepResult } from './input';

const short = (digest: string) => codeSpan(`${digest.slice(0, 19)}…`);
const codeList = (texts: readonly string[]) =>
  new InlineMarkdown(texts.map((text) => codeSpan(text).markdown).join(', '));

/** The report: where the image is, what each layer is and what the push did with it, and the lineage labels. */
export function renderReport(result: BuildImageStepResult): string {
  const { image } = result;
  const lines = image
    ? [
        heading(2, md`✅ build-image: ${image.references[0]}`),
        '',
        table(
          ['', ''],
          [
            ['digest', codeSpan(image.digest)],
            ['references', codeList(image.references)],
            ['built by', result.builder === 'mlci' ? 'mlci (no daemon)' : `${result.builder} (Dockerfile)`],
            ...(image.platform ? [['platform', image.platform]] : []),
            ...(result.builder === 'mlci'
              ? [
                  [
                    'base',
                    result.base
                      ? md`${codeSpan(result.base.reference)} (${short(result.base.digest)})`
                      : 'scratch',
                  ],
                ]
              : []),
            ...(result.compression
              ? [
                  [
                    'compression',
                    result.compression.level === null
                      ? result.compression.type
                      : `${result.compression.type} level ${result.compression.level}`,
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
    : [
        heading(2, md`❌ build-image failed`),
        '',
        ...result.checks.map((check) => md`- ${check.message}`.markdown),
      ];
  if (result.container) lines.push('', ...containerSection(result.container));
  if (result.layers.length > 0)
    lines.push(
      '',
      '### Layers',
      '',
      table(
        ['layer', 'digest', 'size', 'compression', 'push'],
        result.layers.map((layer) => [
          layer.what,
          short(layer.digest),
          formatBytes(layer.size),
          layerCompression(layer.mediaType),
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
      Object.entries(result.labels).map(([key, value]) => [codeSpan(key), value]),
    ),
  );
  if (result.attachedTo) lines.push('', md`Recorded on ${result.attachedTo}.`.markdown);
  return `${lines.join('\n')}\n`;
}

/** gzip, zstd or none, from a layer's media type (docker's gzip type too); another type as it is. */
function layerCompression(mediaType: string): string {
  if (mediaType.endsWith('.tar')) return 'none';
  return /(?:\+|\.tar\.)(gzip|zstd)$/.exec(mediaType)?.[1] ?? mediaType;
}

/** A command line as the image config holds it: the JSON array docker inspect shows, or `none`. */
const commandLine = (words: string[] | null) =>
  words && words.length > 0 ? codeSpan(JSON.stringify(words)) : 'none';

/**
 * What a container of the image runs, as the image's config says (the base's settings where the build set none):
 * the program and its arguments, the working directory, the user and the environment, secret-looking values masked.
 */
function containerSection(container: NonNullable<BuildImageStepResult['container']>): string[] {
  const env = Object.entries(container.env);
  const masked = env.filter(([, value]) => value === null).map(([name]) => name);
  return [
    '### What the container runs',
    '',
    table(
      ['', ''],
      [
        ['entrypoint', commandLine(container.entrypoint)],
        ['cmd', commandLine(container.cmd)],
        ['workdir', container.workdir ? codeSpan(container.workdir) : 'not set: /'],
        ['user', container.user ? codeSpan(container.user) : 'not set: root'],
        ['env', env.length === 0 ? 'none' : plural(env.length, 'variable')],
      ],
    ),
    ...(env.length > 0
      ? [
          '',
          table(
            ['variable', 'value'],
            env.map(([name, value]) => [codeSpan(name), value === null ? '(masked)' : codeSpan(value)]),
          ),
        ]
      : []),
    ...(masked.length > 0
      ? [
          '',
          `${codeList(masked)}: masked here because the name looks secret; the value is in the image, readable by anyone who can pull it (pass secrets at run time instead).`,
        ]
      : []),
  ];
}

const createdSource: Record<BuildImageStepResult['created']['source'], string> = {
  SOURCE_DATE_EPOCH: 'SOURCE_DATE_EPOCH',
  commit: 'the commit time',
  none: 'no SOURCE_DATE_EPOCH nor commit: the epoch',
};
