import { InputError } from '../errors';
import { deployImageOf, pinnedReference, splitReference } from './image-ref';

describe('image references for deploy files', () => {
  it('splits the tag after the last slash only (a registry port is not a tag)', () => {
    expect(splitReference('127.0.0.1:5000/acme/penguins:v1.4.0')).toEqual({
      repository: '127.0.0.1:5000/acme/penguins',
      tag: 'v1.4.0',
    });
    expect(splitReference('127.0.0.1:5000/acme/penguins')).toEqual({
      repository: '127.0.0.1:5000/acme/penguins',
    });
    expect(splitReference(`ghcr.io/acme/penguins:1@sha256:${'b'.repeat(64)}`)).toEqual({
      repository: 'ghcr.io/acme/penguins',
      tag: '1',
    });
  });

  it('takes the first registry reference, the release tag replacing the built one', () => {
    const record = {
      digest: `sha256:${'c'.repeat(64)}`,
      references: ['oci:build/layout:1', 'ghcr.io/acme/penguins:3'],
    };
    const image = deployImageOf(record, 'penguins version 3', 'v1.4.0');
    expect(pinnedReference(image)).toBe(`ghcr.io/acme/penguins:v1.4.0@${record.digest}`);
    expect(deployImageOf(record, 'penguins version 3', undefined).tag).toBe('3');
    expect(() =>
      deployImageOf({ ...record, references: ['oci:build/layout:1'] }, 'penguins version 3', 'v1'),
    ).toThrow(
      new InputError(
        'deploy: the image of penguins version 3 is only in an OCI layout (oci:build/layout:1): a cluster pulls from a registry, so build-image with push and attach-to',
      ),
    );
  });
});
