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
