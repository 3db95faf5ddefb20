#!/usr/bin/env node
import { createRequire as __mlciCreateRequire } from 'node:module';
const require = __mlciCreateRequire(import.meta.url);

// packages/core/src/registry/evidence.ts
var evidenceTypes = {
  validation: { step: "validate-data", mediaType: "application/vnd.mlci.validation.v1+json" },
  evaluation: { step: "evaluate", mediaType: "application/vnd.mlci.evaluation.v1+json" },
  image: { step: "build-image", mediaType: "application/vnd.mlci.image.v1+json" }
};
function evidenceTypeOfStep(step) {
  return Object.keys(evidenceTypes).find((kind) => evidenceTypes[kind].step === step);
}

export {
  evidenceTypes,
  evidenceTypeOfStep
};
