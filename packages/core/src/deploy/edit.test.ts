import { parse, parseAllDocuments } from 'yaml';
import { InputError } from '../errors';
import { editDeployFile } from './edit';

const image = {
  repository: 'registry.example:5000/acme/penguins',
  tag: 'v1.4.0',
  digest: `sha256:${'a'.repeat(64)}`,
};
const pinned = `${image.repository}:v1.4.0@${image.digest}`;

/** The lines of `after` that are not in `changed`, compared with `before`'s: byte for byte the same. */
function untouchedLines(before: string, after: string, changed: RegExp): void {
  const keep = (text: string) => text.split('\n').filter((line) => !changed.test(line));
  expect(keep(after)).toEqual(keep(before));
}

describe('editDeployFile', () => {
  const kustomization = [
    '# production overlay',
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'resources:',
    '  - ../../base   # shared',
    'images:',
    '  - name: other/sidecar',
    '    newTag: "1.0"',
    '  - name: model',
    '    newName: registry.example:5000/acme/penguins   # the model image',
    '    newTag: v1.3.0 # old release',
    '',
  ].join('\n');

  it('sets newTag and adds digest in the kustomization entry whose image comes out as ours', () => {
    const edited = editDeployFile(kustomization, 'overlays/production/kustomization.yaml', image, {});
    expect(edited.kind).toBe('kustomization');
    const entry = (parse(edited.text) as { images: Record<string, string>[] }).images[1];
    expect(entry).toEqual({
      name: 'model',
      newName: image.repository,
      newTag: 'v1.4.0',
      digest: image.digest,
    });
    expect(edited.text).toContain('    newTag: v1.4.0 # old release\n    digest: sha256:');
    untouchedLines(kustomization, edited.text, /newTag: v1|digest:/);
    // Applied again: nothing changes.
    expect(editDeployFile(edited.text, 'kustomization.yaml', image, {}).changed).toBe(false);
  });

  it('names the file and the image when no entry matches', () => {
    const other = { ...image, repository: 'registry.example/else' };
    expect(() => editDeployFile(kustomization, 'k/kustomization.yaml', other, {})).toThrow(
      new InputError(
        'k/kustomization.yaml: no images entry for registry.example/else (found: other/sidecar, registry.example:5000/acme/penguins); add "- name: registry.example/else" under images',
      ),
    );
    expect(() => editDeployFile(kustomization, 'kustomization.yaml', image, { key: 'image' })).toThrow(
      /a kustomization takes its image from its images entry/,
    );
  });

  it('writes Helm values: a map with digest, a map with tag only, or one string', () => {
    const bitnami =
      'image:\n  registry: docker.io\n  repository: acme/old\n  tag: "1.0" # pinned below\n  digest: ""\nreplicas: 2\n';
    const withDigest = editDeployFile(bitnami, 'values.yaml', image, { key: 'image' });
    expect(withDigest.kind).toBe('helm-values');
    expect(parse(withDigest.text)).toEqual({
      image: {
        registry: 'registry.example:5000',
        repository: 'acme/penguins',
        tag: 'v1.4.0',
        digest: image.digest,
      },
      replicas: 2,
    });
    expect(withDigest.text).toContain('  tag: "v1.4.0" # pinned below\n');

    const helmCreate =
      '# Default values\nimage:\n  repository: nginx\n  # Overrides the image tag.\n  tag: ""\n  pullPolicy: IfNotPresent\n';
    const tagOnly = editDeployFile(helmCreate, 'values.yaml', image, { key: 'image' });
    expect(parse(tagOnly.text)).toEqual({
      image: { repository: image.repository, tag: `v1.4.0@${image.digest}`, pullPolicy: 'IfNotPresent' },
    });
    untouchedLines(helmCreate, tagOnly.text, /repository:|tag:/);

    const oneString = 'app:\n  image: old/app:1 # the whole reference\n';
    const whole = editDeployFile(oneString, 'values.yaml', image, { key: 'app.image' });
    expect(whole.text).toBe(`app:\n  image: ${pinned} # the whole reference\n`);
    expect(() => editDeployFile(oneString, 'values.yaml', image, { key: 'app.model.image' })).toThrow(
      new InputError('values.yaml: no key app.model.image in these Helm values'),
    );
  });

  it("sets a container's image in a multi-document manifest, by name or by the image's repository", () => {
    const manifest = [
      'apiVersion: v1',
      'kind: Service # unchanged',
      'metadata: {name: penguins}',
      '---',
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata:',
      '  name: rescore',
      'spec:',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          containers:',
      '            - name: model',
      "              image: 'registry.example:5000/acme/penguins:v1.3.0'",
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: penguins}',
      'spec:',
      '  template:',
      '    spec:',
      '      initContainers: [{name: fetch, image: busybox:1.36}]',
      '      containers:',
      '        - name: serve',
      '          image: registry.example:5000/acme/penguins:v1.3.0 # served',
      '        - name: proxy',
      '          image: envoyproxy/envoy:v1.30',
      '',
    ].join('\n');
    const byRepository = editDeployFile(manifest, 'deploy/app.yaml', image, {});
    expect(byRepository.kind).toBe('manifest');
    const images = (text: string) =>
      parseAllDocuments(text as string)
        .map((doc) => JSON.stringify(doc.toJS()))
        .join('\n')
        .match(/"image":"[^"]+"/g);
    expect(images(byRepository.text)).toEqual([
      `"image":"${pinned}"`,
      '"image":"busybox:1.36"',
      `"image":"${pinned}"`,
      '"image":"envoyproxy/envoy:v1.30"',
    ]);
    expect(byRepository.text).toContain(`              image: '${pinned}'\n`);
    untouchedLines(manifest, byRepository.text, /acme\/penguins/);

    const byName = editDeployFile(manifest, 'deploy/app.yaml', image, { container: 'proxy' });
    expect(images(byName.text)?.[3]).toBe(`"image":"${pinned}"`);
    expect(() => editDeployFile(manifest, 'deploy/app.yaml', image, { container: 'web' })).toThrow(
      new InputError(
        'deploy/app.yaml: no container named web in a Pod, Deployment, StatefulSet, DaemonSet, Job or CronJob',
      ),
    );
    expect(() => editDeployFile('kind: Pod\nspec: {containers: []}\n', 'pod.yaml', image, {})).toThrow(
      /pod.yaml: no container runs registry.example:5000\/acme\/penguins: give deploy-container/,
    );
  });

  it('leaves a file that already pulls the digest as it is: a later release of the same image restarts no pod', () => {
    const later = { ...image, tag: 'v1.4.1' };
    const files: [string, string, { key?: string; container?: string }][] = [
      ['kustomization.yaml', editDeployFile(kustomization, 'kustomization.yaml', image, {}).text, {}],
      [
        'values.yaml',
        `image:\n  registry: registry.example:5000\n  repository: acme/penguins\n  tag: v1.4.0\n  digest: ${image.digest}\n`,
        { key: 'image' },
      ],
      [
        'values.yaml',
        `image:\n  repository: ${image.repository}\n  tag: v1.4.0@${image.digest}\n`,
        { key: 'image' },
      ],
      ['values.yaml', `image: ${pinned}\n`, { key: 'image' }],
      [
        'app.yaml',
        `kind: Pod\nspec:\n  containers:\n    - name: model\n      image: ${pinned}\n`,
        { container: 'model' },
      ],
    ];
    for (const [file, text, target] of files) {
      expect({ file, text: editDeployFile(text, file, later, target).text }).toEqual({ file, text });
      // Another digest, or the same digest from another repository, is written.
      const moved = { ...later, digest: `sha256:${'b'.repeat(64)}` };
      expect({ file, changed: editDeployFile(text, file, moved, target).changed }).toEqual({
        file,
        changed: true,
      });
      if (file !== 'kustomization.yaml') {
        const mirrored = { ...later, repository: 'mirror.example/acme/penguins' };
        expect({ file, changed: editDeployFile(text, file, mirrored, target).changed }).toEqual({
          file,
          changed: true,
        });
      }
    }
  });

  it('names the file and line of invalid YAML', () => {
    expect(() => editDeployFile('a: 1\nb: [\n', 'values.yaml', image, { key: 'a' })).toThrow(
      /^values.yaml:\d+: invalid YAML/,
    );
  });
});
