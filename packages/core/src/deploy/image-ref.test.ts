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
        'deploy: the image of penguins version 3 is only in an OCI layout (oci:build/layout:1): a cluster pulls from a registry, so build-image with push and attach-to, or give deploy-image, the repository the layout is copied to',
      ),
    );
  });

  it("deploy-image names the repository the cluster pulls from; the digest and the built tag stay the version's", () => {
    const record = { digest: `sha256:${'d'.repeat(64)}`, references: ['oci:build/layout:7'] };
    expect(
      pinnedReference(
        deployImageOf(record, 'penguins version 7', undefined, 'mirror.example:5000/ml/penguins'),
      ),
    ).toBe(`mirror.example:5000/ml/penguins:7@${record.digest}`);
    expect(deployImageOf(record, 'penguins version 7', 'v2.0.0', 'ghcr.io/acme/penguins').tag).toBe('v2.0.0');
    expect(() => deployImageOf(record, 'penguins version 7', undefined, 'ghcr.io/acme/penguins:7')).toThrow(
      new InputError(
        'deploy-image: "ghcr.io/acme/penguins:7" names a tag or digest: give the repository only (the tag is the release\'s, the digest the version\'s)',
      ),
    );
    expect(() => deployImageOf(record, 'penguins version 7', undefined, 'penguins')).toThrow(InputError);
  });
});
