import { commentMarker } from '@mlci/core';
import { bitbucketMarkdown, bitbucketMarker, stickyCommentText } from './body';

describe('the report as Bitbucket shows it', () => {
  const hint = 'The full report is `.mlci/evaluate.md`, kept in the artifacts of this build.';
  const report = [
    '## evaluate: failed',
    '',
    '```mermaid',
    'xychart-beta horizontal',
    '  title "Worse than the baseline"',
    '  bar [3.2]',
    '```',
    '',
    '| metric | delta |',
    '| --- | --- |',
    '| f1 | -0.03 |',
    '',
    '<details><summary>Passed gates</summary>',
    '',
    '- accuracy>=0.9',
    '',
    '</details>',
    '',
  ].join('\n');

  it('keeps a section open under its summary in bold, and names where a chart is drawn instead of its code', () => {
    expect(bitbucketMarkdown(report, hint)).toBe(
      [
        '## evaluate: failed',
        '',
        `A chart is left out here: Bitbucket draws no Mermaid charts. ${hint}`,
        '',
        '| metric | delta |',
        '| --- | --- |',
        '| f1 | -0.03 |',
        '',
        '**Passed gates**',
        '',
        '',
        '- accuracy>=0.9',
        '',
        '',
      ].join('\n'),
    );
  });

  it('writes the marker as a link reference definition, which Markdown does not show, then the report', () => {
    const marker = commentMarker('evaluate', 'gate');
    expect(bitbucketMarker(marker)).toBe('[//]: # (mlci:evaluate:gate)');
    const text = stickyCommentText({ marker, markdown: report, fullReportHint: hint });
    expect(text.split('\n')[0]).toBe('[//]: # (mlci:evaluate:gate)');
    expect(text).not.toMatch(/<details>|<\/summary>|```mermaid/);
  });
});
