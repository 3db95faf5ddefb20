import { deployFilesFor } from './deploy';

describe('deployFilesFor', () => {
  it('keeps ALIAS=PATH entries for their alias and plain paths for every alias', () => {
    const entries = [
      'production=overlays/production/kustomization.yaml',
      'staging=overlays/staging/kustomization.yaml',
      'charts/penguins/values.yaml',
      './odd=name.yaml',
    ];
    expect(deployFilesFor(entries, 'production')).toEqual([
      'overlays/production/kustomization.yaml',
      'charts/penguins/values.yaml',
      './odd=name.yaml',
    ]);
    expect(deployFilesFor(entries, 'qa')).toEqual(['charts/penguins/values.yaml', './odd=name.yaml']);
  });
});
