import { defineStep } from '../../step';
import { buildImageInput } from './input';

export const buildImageStep = defineStep({
  name: 'build-image',
  summary: 'Build an OCI image of the model without a Docker daemon; push it or write an OCI layout.',
  input: buildImageInput,
  outputs: {
    digest: "The image manifest's digest (sha256:…).",
    image: 'The first reference with its digest (REGISTRY/REPO:TAG@sha256:…, or oci:DIR:TAG@sha256:…).',
    references: 'Every reference the image was stored under, one per line.',
    'bytes-uploaded':
      'Bytes sent to the registry: new layers, the config and the manifest under each tag (0 for an OCI layout).',
  },
  // The implementation is loaded when the step runs: `mlci --help` and the other steps do not pay for it.
  run: async (input, environment) => (await import('./run')).runBuildImage(input, environment),
});
