import * as z from 'zod';
import { compressionLevels, layerCompressions } from '../../image/compression';
import { registryUriForms } from '../../registry/registry';
import { modelRefPattern } from '../../registry/version-ref';
import type { StepResult } from '../../report/model';
import { reportOptions } from '../../report/report-id';
import { imageBuilders } from './dockerfile';

/** build-image's options: the single declaration behind its flags, mlci.yaml keys and action inputs. */
export const buildImageInput = z.object({
  base: z
    .string()
    .min(1)
    .default('scratch')
    .describe(
      'Base image: scratch, a registry reference (python:3.12-slim, ghcr.io/o/r@sha256:…) or an OCI layout on disk (oci:DIR[:TAG]).',
    ),
  platform: z
    .string()
    .min(1)
    .optional()
    .describe(
      'os/arch[/variant] to take from a multi-platform base (default linux/amd64); the platform of a scratch image.',
    ),
  model: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Model directory, added as its own layer at model-path (an unchanged model is an unchanged layer).',
    ),
  modelPath: z.string().min(1).default('/model').describe('Where the model directory goes in the image.'),
  add: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'App files as SRC:DEST (a file or directory of the workspace, an absolute path in the image); one layer for all.',
    ),
  entrypoint: z
    .string()
    .optional()
    .describe(
      'Entrypoint: a JSON array (["python", "serve.py"]) or words separated by spaces; [] clears the entrypoint of the base.',
    ),
  cmd: z.string().optional().describe('Default arguments (Cmd), in the same forms as entrypoint.'),
  env: z
    .array(z.string().min(1))
    .default([])
    .describe("Environment variables as K=V (repeatable); replaces the base's of the same name."),
  workdir: z.string().min(1).optional().describe('Working directory of the container (absolute).'),
  user: z.string().min(1).optional().describe('User (name or uid[:gid]) the container runs as.'),
  label: z
    .array(z.string().min(1))
    .default([])
    .describe('Image labels as K=V (repeatable), on top of the lineage labels mlci sets.'),
  tag: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'Image references to push (registry/repository:tag; repeatable), or the tag in the OCI layout.',
    ),
  push: z
    .boolean()
    .default(false)
    .describe('Push to the registry of each tag; otherwise the image goes to oci-layout.'),
  ociLayout: z
    .string()
    .min(1)
    .default('.mlci/image')
    .describe('OCI image layout directory the image is written to when not pushing.'),
  compression: z
    .enum(layerCompressions)
    .default('gzip')
    .describe(
      'Layer compression: gzip (every runtime pulls it), zstd (faster; containerd 1.5+, CRI-O, podman, Docker 23+ pull it; mlci needs Node.js 22.15+ for it), or none for incompressible model weights.',
    ),
  compressionLevel: z
    .number()
    .int()
    .min(1)
    .max(compressionLevels.zstd.max)
    .default(1)
    .describe(
      'Level: gzip 1 (fastest, the default, as go-containerregistry and ko use) to 9 (smallest); zstd 1 (the default, fastest) to 19.',
    ),
  trainResult: z
    .string()
    .min(1)
    .default('.mlci/train.json')
    .describe(
      "train's result, for the lineage labels (run id, data and model digests, model version); skipped when absent.",
    ),
  attachTo: z
    .string()
    .regex(modelRefPattern, 'expected NAME, NAME@VERSION, NAME@ALIAS or NAME@latest')
    .optional()
    .describe(
      "Record the image (reference and digest) on the model version NAME@VERSION (a number, an alias, latest) of the registry, as evidence for promote; NAME alone: the newest version registered from this commit (git HEAD, else the CI's commit), the one train --register made in this pipeline.",
    ),
  registry: z
    .string()
    .min(1)
    .default('file:.mlci/registry')
    .describe(`Model registry for attach-to: ${registryUriForms}.`),
  insecureRegistry: z
    .boolean()
    .default(false)
    .describe('Allow plain HTTP to an image or model registry that is not on localhost.'),
  dockerfile: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Build this Dockerfile with the builder the runner has (buildah, kaniko, docker buildx) instead, with the lineage labels added; base, model, add and the config options do not apply.',
    ),
  context: z.string().min(1).default('.').describe('Build context directory of the Dockerfile.'),
  builder: z
    .enum(imageBuilders)
    .default('auto')
    .describe(
      'Builder of the Dockerfile: auto takes buildah, then kaniko, then docker buildx, whichever is found.',
    ),
  ...reportOptions,
  out: z.string().min(1).default('.mlci').describe('Directory the report files are written to.'),
});
export type BuildImageInput = z.output<typeof buildImageInput>;

export interface BuildImageStepResult extends StepResult {
  step: 'build-image';
  /** The manifest digest and the references it was stored under. */
  /** Null when a Dockerfile build failed. */
  image: {
    digest: string;
    references: string[];
    /** What mlci knows of an image it assembled itself (not of a Dockerfile build). */
    size?: number;
    mediaType?: string;
    platform?: string;
    configDigest?: string;
  } | null;
  /** Where it went: pushed to a registry, or written into an OCI layout. */
  target: 'registry' | 'layout';
  /** Who built it: mlci itself, or the Dockerfile builder. */
  builder: 'mlci' | 'buildah' | 'docker' | 'kaniko';
  base: { reference: string; digest: string } | null;
  /** What mlci compressed its own layers with (base layers are kept as the base has them); null for a Dockerfile. */
  compression: { type: 'gzip' | 'zstd' | 'none'; level: number | null } | null;
  layers: {
    digest: string;
    size: number;
    diffId: string;
    /** The layer's media type: how it is compressed (`…tar+gzip`, `…tar+zstd`, `…tar`). */
    mediaType: string;
    base: boolean;
    action: string;
    what: string;
  }[];
  /**
   * What the container runs, from the image's config (the base's, with entrypoint, cmd, env, workdir and user
   * over it); null for a Dockerfile build. An env value is null where the variable's name looks secret (TOKEN,
   * PASSWORD, SECRET, KEY…): it is in the image, not in this result.
   */
  container: {
    entrypoint: string[] | null;
    cmd: string[] | null;
    env: Record<string, string | null>;
    workdir: string | null;
    user: string | null;
  } | null;
  /** Null for a Dockerfile build (the builder does not say). */
  bytesUploaded: number | null;
  labels: Record<string, string>;
  /** The build time used for every timestamp (SOURCE_DATE_EPOCH or the commit time), and where it came from. */
  created: { epoch: number; source: 'SOURCE_DATE_EPOCH' | 'commit' | 'none' };
  attachedTo?: string;
  timings: Record<string, number>;
}
