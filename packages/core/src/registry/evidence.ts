import type { NewAttachment } from './registry';

/**
 * The evidence kept on a model version for promote: each kind is the JSON result of one step, stored as an
 * attachment of that kind with its media type. promote reads the newest of each kind.
 */
export const evidenceTypes = {
  validation: { step: 'validate-data', mediaType: 'application/vnd.mlci.validation.v1+json' },
  evaluation: { step: 'evaluate', mediaType: 'application/vnd.mlci.evaluation.v1+json' },
  image: { step: 'build-image', mediaType: 'application/vnd.mlci.image.v1+json' },
} as const;
export type EvidenceType = keyof typeof evidenceTypes;
/** The evidence types as a tuple (promote's `require` choices), in evidenceTypes' order. */
export const evidenceTypeNames = Object.keys(evidenceTypes) as [EvidenceType, ...EvidenceType[]];

/** The evidence kind of a step's result file (`validate-data.json` -> validation), if it is evidence. */
export function evidenceTypeOfStep(step: unknown): EvidenceType | undefined {
  return evidenceTypeNames.find((kind) => evidenceTypes[kind].step === step);
}

/** The status of the step result an evidence attachment holds (passed, failed), as an annotation. */
export const evidenceStatusAnnotation = 'dev.mlci.evidence.status';

/**
 * A step's result as evidence for a model version, the one form train --evidence, evaluate --attach-to and
 * build-image --attach-to store: the kind's media type, the step's status, and the step's own annotations.
 */
export function evidenceAttachment(
  kind: EvidenceType,
  content: Uint8Array,
  status: string,
  annotations: Record<string, string> = {},
): NewAttachment {
  return {
    kind,
    mediaType: evidenceTypes[kind].mediaType,
    content,
    annotations: { [evidenceStatusAnnotation]: status, ...annotations },
  };
}

/**
 * The profile of a version's training data (validate-data's profile, content-addressed like every attachment):
 * kept by train from its evidence, read back by `validate-data --reference registry:NAME@ALIAS` to compare
 * production data with what the version learned from. Not a step result, so not one of promote's evidence types.
 */
export const profileEvidence = {
  kind: 'profile',
  mediaType: 'application/vnd.mlci.profile.v1+json',
} as const;
/** On a profile attachment: the `sha256:` digest of the data it profiles (the training data file's). */
export const profileDataDigestAnnotation = 'dev.mlci.profile.data.digest';
