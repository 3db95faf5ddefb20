import { bambooFullReportHint, bambooTokenAdvice } from './report';

describe('bambooFullReportHint', () => {
  const job = {
    bamboo_build_working_directory: '/var/atlassian/bamboo/xml-data/build-dir/ML-MODELS-GATE',
    bamboo_resultsUrl: 'https://bamboo.example.com/browse/ML-MODELS-GATE-42',
  };

  it('names the report in the working directory and links the job result whose artifacts keep it', () => {
    expect(
      bambooFullReportHint(job, '/var/atlassian/bamboo/xml-data/build-dir/ML-MODELS-GATE/.mlci/evaluate.md'),
    ).toBe(
      'The full report is `.mlci/evaluate.md`, kept in the artifacts of [this build](https://bamboo.example.com/browse/ML-MODELS-GATE-42).',
    );
    expect(bambooFullReportHint(job, '.mlci/evaluate.md')).toContain('`.mlci/evaluate.md`');
  });

  it('does not name a path outside the working directory, and links nothing without a result URL', () => {
    expect(bambooFullReportHint(job, '/tmp/reports/evaluate.md')).toBe(
      'The full report is in the artifacts of [this build](https://bamboo.example.com/browse/ML-MODELS-GATE-42).',
    );
    expect(bambooFullReportHint({}, '.mlci/train.md')).toBe(
      'The full report is `.mlci/train.md`, kept in the artifacts of this build.',
    );
  });
});

test('the token advice names the environment field docs/bamboo.md uses', () => {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a Bamboo variable reference, as a plan writes it
  expect(bambooTokenAdvice).toContain('MLCI_TOKEN=${bamboo.mlci.secret.token}');
});
