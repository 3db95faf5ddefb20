import { dotenvName, dotenvSizeLimit, renderDotenv } from './dotenv';

describe('dotenvName', () => {
  test('joins step and output in upper snake case under the MLCI_ prefix', () => {
    expect(dotenvName('validate-data', 'dataset-digest')).toBe('MLCI_VALIDATE_DATA_DATASET_DIGEST');
    expect(dotenvName('build-image', 'image.ref')).toBe('MLCI_BUILD_IMAGE_IMAGE_REF');
  });
});

describe('renderDotenv', () => {
  test('writes one unquoted NAME=value line per output', () => {
    const { text, omitted } = renderDotenv('validate-data', {
      status: 'failed',
      'dataset-digest': 'sha256:ab12',
      note: 'say "hi"',
    });
    expect(text).toBe(
      'MLCI_VALIDATE_DATA_STATUS=failed\nMLCI_VALIDATE_DATA_DATASET_DIGEST=sha256:ab12\nMLCI_VALIDATE_DATA_NOTE=say "hi"\n',
    );
    expect(omitted).toEqual([]);
  });

  test('folds multi-line values onto one line, which is all GitLab accepts', () => {
    const { text } = renderDotenv('validate-data', { 'failed-checks': 'age: min\r\n  plan: allowed\n' });
    expect(text).toBe('MLCI_VALIDATE_DATA_FAILED_CHECKS=age: min plan: allowed\n');
  });

  test('leaves out outputs that would take the file past 5 KB', () => {
    const { text, omitted } = renderDotenv('validate-data', {
      status: 'failed',
      huge: 'x'.repeat(dotenvSizeLimit),
      digest: 'sha256:ab',
    });
    expect(omitted).toEqual(['huge']);
    expect(text).toBe('MLCI_VALIDATE_DATA_STATUS=failed\nMLCI_VALIDATE_DATA_DIGEST=sha256:ab\n');
  });
});
